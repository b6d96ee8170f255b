#include "xproxy/server.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "xproxy/client.h"
#include "xproxy/color.h"
#include "xproxy/colormap.h"
#include "xproxy/damage.h"
#include "xproxy/font.h"
#include "xproxy/fontproc.h"
#include "xproxy/keymap.h"
#include "xproxy/log.h"
#include "xproxy/selection.h"
#include "xproxy/window.h"

static uint64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint32_t
xp_server_time(const struct xp_server *server)
{
	/* Never CurrentTime (0), which means "now" in requests. */
	uint32_t t = (uint32_t)(monotonic_ms() - server->start_ms);
	return t ? t : 1;
}

void *
xp_server_scratch(struct xp_server *server, size_t size)
{
	if (size > server->scratch_cap) {
		void *p = realloc(server->scratch, size);
		if (p == NULL) {
			return NULL;
		}
		server->scratch = p;
		server->scratch_cap = size;
	}
	return server->scratch;
}

/* The font every GC starts with, as "fixed" is on every X server. */
static struct xp_font *default_font_of(struct xp_server *s);

struct xp_server *
xp_server_create(const struct xp_server_options *options,
		const struct xp_output_impl *impl, void *data)
{
	struct xp_server *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		return NULL;
	}
	xp_log_init_from_env();
	s->options = *options;
	if (s->options.width <= 0 || s->options.width > 32767 ||
			s->options.height <= 0 || s->options.height > 32767) {
		xp_log(XP_LOG_ERROR, "bad screen size %dx%d", s->options.width,
				s->options.height);
		free(s);
		return NULL;
	}
	if (s->options.dpi <= 0) {
		s->options.dpi = 96;
	}
	s->output = impl;
	s->output_data = data;
	s->start_ms = monotonic_ms();
	s->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	xp_list_init(&s->toplevels);
	xp_list_init(&s->selections);
	if (s->epoll_fd < 0 || !xp_resource_map_init(&s->resources) ||
			!xp_atom_table_init(&s->atoms)) {
		goto err;
	}
	s->keymap = xp_keymap_create(
			options->keymap_layout, options->keymap_variant);
	if (s->keymap == NULL) {
		goto err;
	}
	s->fonts = xp_fontdb_create(NULL, 0);
	s->colors = xp_colordb_create(NULL);
	if (s->fonts == NULL || s->colors == NULL) {
		goto err;
	}
	s->root = xp_window_create_root(s);
	if (s->root == NULL || !xp_colormap_init(s)) {
		goto err;
	}
	xp_input_init(s);
	if (default_font_of(s) == NULL) {
		xp_log(XP_LOG_WARN, "the font \"fixed\" is missing");
	}
	return s;
err:
	xp_log(XP_LOG_ERROR, "cannot create the X server");
	xp_server_destroy(s);
	return NULL;
}

static struct xp_font *
default_font_of(struct xp_server *s)
{
	static const char name[] = "fixed";

	if (s->default_font == NULL) {
		xp_font_open(s->fonts, name, sizeof(name) - 1,
				&s->default_font);
	}
	return s->default_font;
}

struct xp_font *
xp_default_font(struct xp_server *s)
{
	return default_font_of(s);
}

void
xp_server_destroy(struct xp_server *s)
{
	if (s == NULL) {
		return;
	}
	for (int i = 0; i < XP_MAX_CLIENTS; i++) {
		if (s->clients[i] != NULL) {
			xp_client_destroy(s->clients[i]);
			s->clients[i] = NULL;
		}
	}
	if (s->root != NULL) {
		xp_input_finish(s);
		xp_window_destroy_root(s->root);
		s->root = NULL;
	}
	/* Server-owned resources (the default colormap). */
	uint32_t *ids;
	size_t n = xp_resource_ids_in_range(
			&s->resources, 0, XP_CLIENT_ID_MASK, &ids);
	for (size_t i = 0; i < n; i++) {
		xp_resource_free(&s->resources, ids[i]);
	}
	free(ids);
	xp_selection_finish(s);
	xp_font_unref(s->default_font);
	xp_fontdb_destroy(s->fonts);
	xp_colordb_destroy(s->colors);
	xp_keymap_destroy(s->keymap);
	xp_atom_table_finish(&s->atoms);
	xp_resource_map_finish(&s->resources);
	if (s->epoll_fd >= 0) {
		close(s->epoll_fd);
	}
	free(s->scratch);
	free(s);
}

bool
xp_server_add_client(struct xp_server *s, int fd)
{
	int index;

	for (index = 1; index < XP_MAX_CLIENTS; index++) {
		if (s->clients[index] == NULL) {
			break;
		}
	}
	if (index == XP_MAX_CLIENTS) {
		xp_log(XP_LOG_WARN, "no client slot left");
		close(fd);
		return false;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	struct xp_client *c = xp_client_create(s, fd, index);
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
	if (c == NULL || epoll_ctl(s->epoll_fd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		xp_log(XP_LOG_WARN, "cannot add client: %s", strerror(errno));
		if (c != NULL) {
			c->server = NULL;
			xp_client_destroy(c);
		} else {
			close(fd);
		}
		return false;
	}
	s->clients[index] = c;
	s->n_clients++;
	xp_log(XP_LOG_DEBUG, "client %d connected", index);
	return true;
}

int
xp_server_get_fd(const struct xp_server *s)
{
	return s->epoll_fd;
}

int
xp_server_client_count(const struct xp_server *s)
{
	return s->n_clients;
}

static void
remove_client(struct xp_server *s, struct xp_client *c)
{
	xp_log(XP_LOG_DEBUG, "client %d gone", c->index);
	epoll_ctl(s->epoll_fd, EPOLL_CTL_DEL, c->fd, NULL);
	s->clients[c->index] = NULL;
	s->n_clients--;
	xp_client_destroy(c);
}

static void
update_write_interest(struct xp_server *s, struct xp_client *c)
{
	bool want = c->out_len > 0;

	if (want != c->want_write && c->fd >= 0) {
		struct epoll_event ev = {
			.events = EPOLLIN | (want ? EPOLLOUT : 0),
			.data.ptr = c,
		};
		epoll_ctl(s->epoll_fd, EPOLL_CTL_MOD, c->fd, &ev);
		c->want_write = want;
	}
}

void
xp_server_dispatch(struct xp_server *s)
{
	struct epoll_event events[32];
	int n = epoll_wait(s->epoll_fd, events, 32, 0);
	struct xp_client *grabber = s->grabbing_client;

	for (int i = 0; i < n; i++) {
		struct xp_client *c = events[i].data.ptr;
		if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
			if (!xp_client_read(c)) {
				c->closing = true;
			}
		}
	}
	/* A server grab that ended lets the others' queued requests run. */
	if (grabber != NULL && s->grabbing_client == NULL) {
		for (int i = 0; i < XP_MAX_CLIENTS; i++) {
			struct xp_client *c = s->clients[i];
			if (c != NULL && c->in_len > 0 &&
					!xp_client_feed(c, NULL, 0)) {
				c->closing = true;
			}
		}
	}
	for (int i = 0; i < XP_MAX_CLIENTS; i++) {
		struct xp_client *c = s->clients[i];
		if (c == NULL) {
			continue;
		}
		if (!xp_client_flush(c)) {
			c->closing = true;
		}
		if (c->closing) {
			remove_client(s, c);
			continue;
		}
		update_write_interest(s, c);
	}
	xp_damage_flush(s);
}

/* ---- toplevel getters for the front end ---- */

uint32_t
xp_toplevel_window_id(const struct xp_toplevel *top)
{
	return top->window->base.res.id;
}

void
xp_toplevel_get_box(const struct xp_toplevel *top, int *x, int *y, int *width,
		int *height)
{
	const struct xp_window *w = top->window;

	*x = w->origin_x - w->border_width;
	*y = w->origin_y - w->border_width;
	*width = pixman_image_get_width(top->image);
	*height = pixman_image_get_height(top->image);
}

bool
xp_toplevel_override_redirect(const struct xp_toplevel *top)
{
	return top->window->override_redirect;
}

int
xp_toplevel_border_width(const struct xp_toplevel *top)
{
	return top->window->border_width;
}

pixman_image_t *
xp_toplevel_image(const struct xp_toplevel *top)
{
	return top->image;
}

struct xp_toplevel *
xp_server_toplevel_first(struct xp_server *s)
{
	if (xp_list_empty(&s->toplevels)) {
		return NULL;
	}
	return container_of(s->toplevels.next, struct xp_toplevel, link);
}

struct xp_toplevel *
xp_toplevel_next(struct xp_toplevel *top)
{
	struct xp_server *s = top->window->base.server;

	if (top->link.next == &s->toplevels) {
		return NULL;
	}
	return container_of(top->link.next, struct xp_toplevel, link);
}
