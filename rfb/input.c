/* Viewer input: libvncserver calls ptrAddEvent and kbdAddEvent on the
 * viewer's own thread, which must not touch xproxy. Events go into a small
 * ring under a mutex and an eventfd wakes the X thread, which replays them
 * in order with xp_input_*(). */
#include "rfb/input.h"

#include "xproxy/xproxy.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum event_type {
	EV_POINTER,
	EV_KEY,
	EV_RELEASE_ALL, /* a viewer went away holding keys or buttons */
};

struct event {
	enum event_type type;
	int x, y;
	uint32_t value; /* button mask or keysym */
	bool down;
};

/* Enough for a burst of typing; pointer motion is merged below. */
#define QUEUE_SIZE 1024

struct vnc_input {
	int wake_fd;
	pthread_mutex_t lock;
	unsigned head, count; /* under lock */
	bool overflowed;      /* under lock: reported once */
	struct event ring[QUEUE_SIZE];
};

struct vnc_input *
vnc_input_create(int wake_fd)
{
	struct vnc_input *input = calloc(1, sizeof(*input));

	if (input == NULL) {
		return NULL;
	}
	input->wake_fd = wake_fd;
	if (pthread_mutex_init(&input->lock, NULL) != 0) {
		free(input);
		return NULL;
	}
	return input;
}

void
vnc_input_destroy(struct vnc_input *input)
{
	if (input == NULL) {
		return;
	}
	pthread_mutex_destroy(&input->lock);
	free(input);
}

static void
wake(struct vnc_input *input)
{
	uint64_t one = 1;

	/* Fails only when the counter would overflow: already awake. */
	if (write(input->wake_fd, &one, sizeof(one)) < 0) {
		return;
	}
}

static void
push(struct vnc_input *input, const struct event *ev)
{
	pthread_mutex_lock(&input->lock);
	struct event *last =
			input->count == 0
					? NULL
					: &input->ring[(input->head + input->count -
								       1) %
							  QUEUE_SIZE];
	/* Motion with unchanged buttons replaces motion not yet applied: the
	 * X thread only needs the newest position. */
	if (last != NULL && ev->type == EV_POINTER &&
			last->type == EV_POINTER && last->value == ev->value) {
		*last = *ev;
	} else if (input->count < QUEUE_SIZE) {
		input->ring[(input->head + input->count) % QUEUE_SIZE] = *ev;
		input->count++;
	} else if (!input->overflowed) {
		input->overflowed = true;
		fprintf(stderr, "winexport: viewer input queue full, "
				"dropping events\n");
	}
	pthread_mutex_unlock(&input->lock);
	wake(input);
}

static void
on_pointer(int mask, int x, int y, rfbClientPtr cl)
{
	struct event ev = { .type = EV_POINTER,
		.x = x,
		.y = y,
		.value = (uint32_t)mask & 0x7f };

	push(cl->screen->screenData, &ev);
}

static void
on_key(rfbBool down, rfbKeySym keysym, rfbClientPtr cl)
{
	struct event ev = { .type = EV_KEY, .value = keysym, .down = down };

	push(cl->screen->screenData, &ev);
}

static void
on_client_gone(rfbClientPtr cl)
{
	struct event ev = { .type = EV_RELEASE_ALL };

	push(cl->screen->screenData, &ev);
}

static enum rfbNewClientAction
on_new_client(rfbClientPtr cl)
{
	cl->clientGoneHook = on_client_gone;
	return RFB_CLIENT_ACCEPT;
}

void
vnc_input_attach(struct vnc_input *input, rfbScreenInfoPtr screen)
{
	screen->screenData = input;
	screen->ptrAddEvent = on_pointer;
	screen->kbdAddEvent = on_key;
	screen->newClientHook = on_new_client;
}

void
vnc_input_apply(struct vnc_input *input, struct xp_server *server, int dx,
		int dy)
{
	struct event batch[64];
	unsigned n;

	do {
		pthread_mutex_lock(&input->lock);
		for (n = 0; n < 64 && input->count > 0; n++) {
			batch[n] = input->ring[input->head];
			input->head = (input->head + 1) % QUEUE_SIZE;
			input->count--;
		}
		pthread_mutex_unlock(&input->lock);

		/* Applied outside the lock: viewer threads never wait on
		 * xproxy. */
		for (unsigned i = 0; i < n; i++) {
			const struct event *ev = &batch[i];
			switch (ev->type) {
			case EV_POINTER:
				xp_input_pointer(server, ev->x + dx, ev->y + dy,
						ev->value);
				break;
			case EV_KEY:
				xp_input_keysym(server, ev->value, ev->down);
				break;
			case EV_RELEASE_ALL:
				xp_input_release_all(server);
				break;
			}
		}
	} while (n == 64);
}
