/* Damage → framebuffer. xproxy reports exact damage in toplevel
 * coordinates; we recomposite exactly those boxes (translated to the
 * desktop) and tell libvncserver with rfbMarkRectAsModified(), whose
 * viewer threads then read the framebuffer on their own time.
 *
 * Resizing is the one operation that waits on viewers: rfbNewFramebuffer()
 * takes every viewer's send lock, held while a (possibly stalled) viewer is
 * written to. So the X thread only prepares the new framebuffer and hands
 * it to the resizer thread; until that has switched, the X thread keeps
 * drawing into the new buffer but holds back rfbMarkRectAsModified() (the
 * screen's size is in flux). The old buffer is freed once rfbNewFramebuffer
 * has returned: every viewer has passed its send lock since the switch. */
#include "rfb/output.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct mapped {
	struct xp_toplevel *top;
	int x, y, width, height; /* root coordinates, as last seen */
	int border;
};

struct framebuffer {
	char *pixels;
	int width, height;
};

struct vnc_output {
	rfbScreenInfoPtr screen; /* NULL: no VNC */
	struct xp_server *server;
	int wake_fd;
	pixman_format_code_t format; /* the screen's pixel layout */

	/* X thread only */
	struct mapped *mapped; /* in map order: mapped[0] is the main one */
	int n_mapped, cap_mapped;
	struct framebuffer cur; /* what the X thread draws into */
	pixman_image_t *cur_image;
	pixman_region32_t unmarked; /* drawn, not yet marked modified */

	/* Resizer hand-off, under lock. */
	pthread_t resizer;
	bool resizer_started;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct framebuffer pending; /* pixels == NULL: none */
	bool busy, quit;
	char *installed; /* what libvncserver reads */
};

static bool
framebuffer_alloc(struct framebuffer *fb, int width, int height)
{
	fb->pixels = calloc((size_t)width * height, 4);
	fb->width = width;
	fb->height = height;
	return fb->pixels != NULL;
}

static bool
set_current(struct vnc_output *out, struct framebuffer fb)
{
	pixman_image_t *image = pixman_image_create_bits(out->format, fb.width,
			fb.height, (uint32_t *)fb.pixels, fb.width * 4);

	if (image == NULL) {
		return false;
	}
	if (out->cur_image != NULL) {
		pixman_image_unref(out->cur_image);
	}
	out->cur = fb;
	out->cur_image = image;
	return true;
}

static void *
resizer_run(void *data)
{
	struct vnc_output *out = data;

	pthread_mutex_lock(&out->lock);
	for (;;) {
		while (out->pending.pixels == NULL && !out->quit) {
			pthread_cond_wait(&out->cond, &out->lock);
		}
		if (out->quit) {
			break;
		}
		struct framebuffer fb = out->pending;
		out->pending.pixels = NULL;
		out->busy = true;
		pthread_mutex_unlock(&out->lock);

		rfbNewFramebuffer(out->screen, fb.pixels, fb.width, fb.height,
				8, 3, 4);

		pthread_mutex_lock(&out->lock);
		free(out->installed);
		out->installed = fb.pixels;
		out->busy = false;
		uint64_t one = 1;
		if (write(out->wake_fd, &one, sizeof(one)) < 0) {
			/* the counter is full: the X thread is awake */
		}
	}
	pthread_mutex_unlock(&out->lock);
	return NULL;
}

static pixman_format_code_t
screen_format(const rfbScreenInfoPtr screen)
{
	/* libvncserver picks the shifts from the host's byte order; pixman's
	 * formats name the bits of a native 32-bit word, as do the shifts. */
	switch (screen->serverFormat.redShift) {
	case 0:
		return PIXMAN_x8b8g8r8;
	case 16:
		return PIXMAN_x8r8g8b8;
	case 24:
		return PIXMAN_r8g8b8x8;
	default:
		return PIXMAN_b8g8r8x8;
	}
}

struct vnc_output *
vnc_output_create(rfbScreenInfoPtr screen, int wake_fd)
{
	struct vnc_output *out = calloc(1, sizeof(*out));
	struct framebuffer fb;

	if (out == NULL) {
		return NULL;
	}
	out->screen = screen;
	out->wake_fd = wake_fd;
	pixman_region32_init(&out->unmarked);
	pthread_mutex_init(&out->lock, NULL);
	pthread_cond_init(&out->cond, NULL);
	if (screen == NULL) {
		return out;
	}

	out->format = screen_format(screen);
	if (!framebuffer_alloc(&fb, screen->width, screen->height)) {
		goto err;
	}
	if (!set_current(out, fb)) {
		free(fb.pixels);
		goto err;
	}
	out->installed = fb.pixels;
	screen->frameBuffer = fb.pixels;
	if (pthread_create(&out->resizer, NULL, resizer_run, out) != 0) {
		goto err;
	}
	out->resizer_started = true;
	return out;

err:
	vnc_output_destroy(out);
	return NULL;
}

void
vnc_output_destroy(struct vnc_output *out)
{
	if (out == NULL) {
		return;
	}
	if (out->resizer_started) {
		pthread_mutex_lock(&out->lock);
		out->quit = true;
		pthread_cond_signal(&out->cond);
		pthread_mutex_unlock(&out->lock);
		pthread_join(out->resizer, NULL);
	}
	if (out->pending.pixels != out->installed &&
			out->pending.pixels != out->cur.pixels) {
		free(out->pending.pixels);
	}
	if (out->cur.pixels != out->installed) {
		free(out->cur.pixels);
	}
	free(out->installed);
	if (out->cur_image != NULL) {
		pixman_image_unref(out->cur_image);
	}
	pixman_region32_fini(&out->unmarked);
	pthread_cond_destroy(&out->cond);
	pthread_mutex_destroy(&out->lock);
	free(out->mapped);
	free(out);
}

void
vnc_output_set_server(struct vnc_output *out, struct xp_server *server)
{
	out->server = server;
}

/* The desktop is the main window's inside: its border, like a window
 * manager's frame, is not part of what the viewer sees. */
static int
desk_x(const struct vnc_output *out)
{
	return out->mapped[0].x + out->mapped[0].border;
}

static int
desk_y(const struct vnc_output *out)
{
	return out->mapped[0].y + out->mapped[0].border;
}

void
vnc_output_origin(const struct vnc_output *out, int *x, int *y)
{
	*x = out->n_mapped > 0 ? desk_x(out) : 0;
	*y = out->n_mapped > 0 ? desk_y(out) : 0;
}

static struct mapped *
find_mapped(struct vnc_output *out, const struct xp_toplevel *top)
{
	for (int i = 0; i < out->n_mapped; i++) {
		if (out->mapped[i].top == top) {
			return &out->mapped[i];
		}
	}
	return NULL;
}

static void
composite_one(struct vnc_output *out, const struct mapped *m,
		const pixman_box32_t *clip)
{
	pixman_image_t *src = xp_toplevel_image(m->top);
	/* the toplevel's rectangle on the desktop */
	int32_t x1 = m->x - desk_x(out), y1 = m->y - desk_y(out);
	int32_t x2 = x1 + m->width, y2 = y1 + m->height;

	if (src == NULL) {
		return;
	}
	x2 = x1 + pixman_image_get_width(src) < x2
			     ? x1 + pixman_image_get_width(src)
			     : x2;
	y2 = y1 + pixman_image_get_height(src) < y2
			     ? y1 + pixman_image_get_height(src)
			     : y2;
	x1 = x1 > clip->x1 ? x1 : clip->x1;
	y1 = y1 > clip->y1 ? y1 : clip->y1;
	x2 = x2 < clip->x2 ? x2 : clip->x2;
	y2 = y2 < clip->y2 ? y2 : clip->y2;
	if (x1 >= x2 || y1 >= y2) {
		return;
	}
	pixman_image_composite32(PIXMAN_OP_SRC, src, NULL, out->cur_image,
			x1 - (m->x - desk_x(out)), y1 - (m->y - desk_y(out)), 0,
			0, x1, y1, x2 - x1, y2 - y1);
}

/* Redraws one desktop box from the main toplevel and those stacked above
 * it, and remembers it for the next flush. */
static void
composite_box(struct vnc_output *out, pixman_box32_t box)
{
	if (out->cur_image == NULL || out->n_mapped == 0) {
		return;
	}
	box.x1 = box.x1 < 0 ? 0 : box.x1;
	box.y1 = box.y1 < 0 ? 0 : box.y1;
	box.x2 = box.x2 > out->cur.width ? out->cur.width : box.x2;
	box.y2 = box.y2 > out->cur.height ? out->cur.height : box.y2;
	if (box.x1 >= box.x2 || box.y1 >= box.y2) {
		return;
	}

	struct xp_toplevel *main_top = out->mapped[0].top;
	bool above = false;
	for (struct xp_toplevel *t = xp_server_toplevel_first(out->server);
			t != NULL; t = xp_toplevel_next(t)) {
		above = above || t == main_top;
		struct mapped *m = above ? find_mapped(out, t) : NULL;
		if (m != NULL) {
			composite_one(out, m, &box);
		}
	}
	pixman_region32_union_rect(&out->unmarked, &out->unmarked, box.x1,
			box.y1, box.x2 - box.x1, box.y2 - box.y1);
}

static void
redraw_all(struct vnc_output *out)
{
	if (out->cur_image == NULL) {
		return;
	}
	if (out->n_mapped == 0) {
		/* Nothing to show: a black desktop of the last size. */
		memset(out->cur.pixels, 0,
				(size_t)out->cur.width * out->cur.height * 4);
		pixman_region32_union_rect(&out->unmarked, &out->unmarked, 0, 0,
				out->cur.width, out->cur.height);
		return;
	}
	composite_box(out, (pixman_box32_t){ 0, 0, out->cur.width,
					   out->cur.height });
}

/* Makes the desktop the main toplevel's size. */
static void
fit_desktop(struct vnc_output *out)
{
	struct framebuffer fb, old;

	if (out->screen == NULL || out->n_mapped == 0) {
		return;
	}
	int width = out->mapped[0].width - 2 * out->mapped[0].border;
	int height = out->mapped[0].height - 2 * out->mapped[0].border;
	if (width <= 0 || height <= 0 ||
			(width == out->cur.width &&
					height == out->cur.height)) {
		return;
	}
	if (!framebuffer_alloc(&fb, width, height)) {
		fprintf(stderr,
				"winexport: out of memory resizing the "
				"desktop to %dx%d\n",
				width, height);
		return;
	}
	old = out->cur;
	if (!set_current(out, fb)) {
		free(fb.pixels);
		return;
	}
	pixman_region32_clear(&out->unmarked);

	pthread_mutex_lock(&out->lock);
	/* A buffer still pending was never seen by libvncserver. */
	if (out->pending.pixels != NULL) {
		free(out->pending.pixels);
	} else if (old.pixels != out->installed && !out->busy) {
		free(old.pixels);
	}
	out->pending = fb;
	pthread_cond_signal(&out->cond);
	pthread_mutex_unlock(&out->lock);
}

void
vnc_output_flush(struct vnc_output *out)
{
	bool resizing;

	if (out->screen == NULL || !pixman_region32_not_empty(&out->unmarked)) {
		return;
	}
	pthread_mutex_lock(&out->lock);
	resizing = out->pending.pixels != NULL || out->busy;
	pthread_mutex_unlock(&out->lock);
	if (resizing) {
		return;
	}

	int n;
	const pixman_box32_t *b =
			pixman_region32_rectangles(&out->unmarked, &n);
	for (int i = 0; i < n; i++) {
		rfbMarkRectAsModified(out->screen, b[i].x1, b[i].y1, b[i].x2,
				b[i].y2);
	}
	pixman_region32_clear(&out->unmarked);
}

static void
refresh_box(struct mapped *m)
{
	xp_toplevel_get_box(m->top, &m->x, &m->y, &m->width, &m->height);
	m->border = xp_toplevel_border_width(m->top);
}

static void
on_map(void *data, struct xp_toplevel *top)
{
	struct vnc_output *out = data;

	if (find_mapped(out, top) != NULL) {
		return;
	}
	if (out->n_mapped == out->cap_mapped) {
		int cap = out->cap_mapped ? out->cap_mapped * 2 : 8;
		struct mapped *m = realloc(out->mapped, cap * sizeof(*m));
		if (m == NULL) {
			fprintf(stderr, "winexport: out of memory tracking "
					"a window\n");
			return;
		}
		out->mapped = m;
		out->cap_mapped = cap;
	}
	struct mapped *m = &out->mapped[out->n_mapped++];
	m->top = top;
	refresh_box(m);
	if (out->n_mapped == 1) {
		fit_desktop(out);
		redraw_all(out);
		return;
	}
	composite_box(out, (pixman_box32_t){ m->x - desk_x(out),
					   m->y - desk_y(out),
					   m->x - desk_x(out) + m->width,
					   m->y - desk_y(out) + m->height });
}

static void
on_unmap(void *data, struct xp_toplevel *top)
{
	struct vnc_output *out = data;
	struct mapped *m = find_mapped(out, top);

	if (m == NULL) {
		return;
	}
	bool was_main = m == &out->mapped[0];
	memmove(m, m + 1,
			(char *)&out->mapped[out->n_mapped] - (char *)(m + 1));
	out->n_mapped--;
	if (was_main) {
		fit_desktop(out);
	}
	redraw_all(out);
}

static void
on_configure(void *data, struct xp_toplevel *top)
{
	struct vnc_output *out = data;
	struct mapped *m = find_mapped(out, top);

	if (m == NULL) {
		return;
	}
	refresh_box(m);
	if (m == &out->mapped[0]) {
		fit_desktop(out);
	}
	/* Moves and restacking are rare next to damage: redraw it all. */
	redraw_all(out);
}

static void
on_damage(void *data, struct xp_toplevel *top, const pixman_region32_t *region)
{
	struct vnc_output *out = data;
	struct mapped *m = find_mapped(out, top);
	int n;

	if (m == NULL || out->cur_image == NULL) {
		return;
	}
	int dx = m->x - desk_x(out), dy = m->y - desk_y(out);
	const pixman_box32_t *b = pixman_region32_rectangles(
			(pixman_region32_t *)region, &n);
	for (int i = 0; i < n; i++) {
		composite_box(out,
				(pixman_box32_t){ b[i].x1 + dx, b[i].y1 + dy,
						b[i].x2 + dx, b[i].y2 + dy });
	}
}

const struct xp_output_impl vnc_output_impl = {
	.toplevel_map = on_map,
	.toplevel_unmap = on_unmap,
	.toplevel_configure = on_configure,
	.damage = on_damage,
};
