#include "xcbtest.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "xproxy/xproxy.h"

struct xt_server {
	struct xp_server *server;
	pthread_t thread;
	int pipe[2]; /* new client fds, -1 to stop */
	pthread_mutex_t lock;
	pixman_region32_t damage;
	int maps;
};

static void
on_map(void *data, struct xp_toplevel *top)
{
	struct xt_server *t = data;

	pthread_mutex_lock(&t->lock);
	t->maps++;
	pthread_mutex_unlock(&t->lock);
}

static void
on_damage(void *data, struct xp_toplevel *top, const pixman_region32_t *r)
{
	struct xt_server *t = data;
	pixman_region32_t moved;
	int x, y, w, h;

	xp_toplevel_get_box(top, &x, &y, &w, &h);
	pixman_region32_init(&moved);
	pixman_region32_copy(&moved, (pixman_region32_t *)r);
	pixman_region32_translate(&moved, x, y);
	pthread_mutex_lock(&t->lock);
	pixman_region32_union(&t->damage, &t->damage, &moved);
	pthread_mutex_unlock(&t->lock);
	pixman_region32_fini(&moved);
}

static const struct xp_output_impl observer = {
	.toplevel_map = on_map,
	.damage = on_damage,
};

static void *
run(void *data)
{
	struct xt_server *t = data;

	for (;;) {
		struct pollfd fds[2] = {
			{ .fd = t->pipe[0], .events = POLLIN },
			{ .fd = xp_server_get_fd(t->server), .events = POLLIN },
		};
		if (poll(fds, 2, 50) < 0 && errno != EINTR) {
			break;
		}
		if (fds[0].revents & POLLIN) {
			int fd;
			if (read(t->pipe[0], &fd, sizeof(fd)) != sizeof(fd) ||
					fd < 0) {
				break;
			}
			xp_server_add_client(t->server, fd);
		}
		xp_server_dispatch(t->server);
	}
	return NULL;
}

struct xt_server *
xt_start(int width, int height)
{
	struct xt_server *t = calloc(1, sizeof(*t));
	struct xp_server_options opts = {
		.width = width, .height = height, .dpi = 96
	};

	if (t == NULL || pipe(t->pipe) < 0) {
		free(t);
		return NULL;
	}
	pthread_mutex_init(&t->lock, NULL);
	pixman_region32_init(&t->damage);
	t->server = xp_server_create(&opts, &observer, t);
	if (t->server == NULL ||
			pthread_create(&t->thread, NULL, run, t) != 0) {
		xp_server_destroy(t->server);
		free(t);
		return NULL;
	}
	return t;
}

void
xt_stop(struct xt_server *t)
{
	int stop = -1;

	if (t == NULL) {
		return;
	}
	if (write(t->pipe[1], &stop, sizeof(stop)) == sizeof(stop)) {
		pthread_join(t->thread, NULL);
	}
	xp_server_destroy(t->server);
	close(t->pipe[0]);
	close(t->pipe[1]);
	pixman_region32_fini(&t->damage);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

xcb_connection_t *
xt_connect(struct xt_server *t)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		return NULL;
	}
	if (write(t->pipe[1], &sv[1], sizeof(sv[1])) != sizeof(sv[1])) {
		close(sv[0]);
		close(sv[1]);
		return NULL;
	}
	xcb_connection_t *c = xcb_connect_to_fd(sv[0], NULL);
	if (xcb_connection_has_error(c)) {
		xcb_disconnect(c);
		return NULL;
	}
	return c;
}

void
xt_take_damage(struct xt_server *t, pixman_region32_t *out)
{
	pthread_mutex_lock(&t->lock);
	pixman_region32_copy(out, &t->damage);
	pixman_region32_clear(&t->damage);
	pthread_mutex_unlock(&t->lock);
}

int
xt_map_count(struct xt_server *t)
{
	pthread_mutex_lock(&t->lock);
	int n = t->maps;
	pthread_mutex_unlock(&t->lock);
	return n;
}

bool
xt_expect_error(xcb_generic_error_t *err, uint8_t code, uint32_t bad_value,
		uint8_t major)
{
	bool ok;

	if (code == 0) {
		ok = err == NULL;
		if (!ok) {
			fprintf(stderr,
					"    unexpected error %u (value 0x%x, "
					"major %u)\n",
					err->error_code, err->resource_id,
					err->major_code);
		}
	} else if (err == NULL) {
		fprintf(stderr, "    expected error %u, got success\n", code);
		ok = false;
	} else {
		ok = err->error_code == code && err->resource_id == bad_value &&
		     err->major_code == major;
		if (!ok) {
			fprintf(stderr,
					"    expected error %u value 0x%x "
					"major "
					"%u, got %u value 0x%x major %u\n",
					code, bad_value, major, err->error_code,
					err->resource_id, err->major_code);
		}
	}
	free(err);
	return ok;
}

xcb_generic_event_t *
xt_wait_event(xcb_connection_t *c, uint8_t type)
{
	/* A round trip makes every event the server sent so far arrive. */
	free(xcb_get_input_focus_reply(c, xcb_get_input_focus(c), NULL));
	xcb_generic_event_t *ev;
	while ((ev = xcb_poll_for_event(c)) != NULL) {
		if ((ev->response_type & 0x7f) == type) {
			return ev;
		}
		free(ev);
	}
	return NULL;
}

xcb_screen_t *
xt_screen(xcb_connection_t *c)
{
	return xcb_setup_roots_iterator(xcb_get_setup(c)).data;
}

uint32_t
xt_get_pixel(xcb_connection_t *c, xcb_drawable_t d, int x, int y)
{
	xcb_get_image_reply_t *r = xcb_get_image_reply(c,
			xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, d,
					(int16_t)x, (int16_t)y, 1, 1, ~0u),
			NULL);
	uint32_t v = UINT32_MAX;

	if (r != NULL) {
		uint8_t *data = xcb_get_image_data(r);
		if (r->depth == 1 || r->depth == 8) {
			v = data[0] & (r->depth == 1 ? 1 : 0xff);
		} else {
			memcpy(&v, data, 4);
			if (r->depth == 24) {
				v &= 0xffffff;
			}
		}
		free(r);
	}
	return v;
}
