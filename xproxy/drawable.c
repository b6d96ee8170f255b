#include "xproxy/drawable.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>

#include "xproxy/client.h"
#include "xproxy/damage.h"
#include "xproxy/dispatch.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

static void pixmap_free_id(struct xp_resource *res);

const struct xp_resource_type xp_pixmap_type = {
	.name = "pixmap",
	.error = BadPixmap,
	.destroy = pixmap_free_id,
};

pixman_format_code_t
xp_depth_format(uint8_t depth)
{
	switch (depth) {
	case 1:
		return PIXMAN_a1;
	case 8:
		return PIXMAN_a8;
	case 24:
		return PIXMAN_x8r8g8b8;
	case 32:
		return PIXMAN_a8r8g8b8;
	default:
		return 0;
	}
}

uint8_t
xp_depth_bpp(uint8_t depth)
{
	return depth == 1 ? 1 : depth == 8 ? 8 : 32;
}

bool
xp_depth_supported(uint8_t depth)
{
	return xp_depth_format(depth) != 0;
}

struct xp_pixmap *
xp_pixmap_create(struct xp_server *server, uint32_t id, struct xp_client *owner,
		uint16_t width, uint16_t height, uint8_t depth)
{
	struct xp_pixmap *pix = calloc(1, sizeof(*pix));

	if (pix == NULL) {
		return NULL;
	}
	pix->base.res.id = id;
	pix->base.res.type = &xp_pixmap_type;
	pix->base.res.owner = owner;
	pix->base.server = server;
	pix->base.depth = depth;
	pix->base.bpp = xp_depth_bpp(depth);
	pix->base.width = width;
	pix->base.height = height;
	pix->refs = 1;
	/* pixman zero-fills, so new pixmaps are 0 like Xvfb's. */
	pix->image = pixman_image_create_bits(
			xp_depth_format(depth), width, height, NULL, 0);
	if (pix->image == NULL) {
		free(pix);
		return NULL;
	}
	return pix;
}

struct xp_pixmap *
xp_pixmap_ref(struct xp_pixmap *pix)
{
	pix->refs++;
	return pix;
}

void
xp_pixmap_unref(struct xp_pixmap *pix)
{
	if (pix == NULL || --pix->refs > 0) {
		return;
	}
	pixman_image_unref(pix->image);
	free(pix);
}

static void
pixmap_free_id(struct xp_resource *res)
{
	xp_pixmap_unref((struct xp_pixmap *)res);
}

int
xp_lookup_drawable(struct xp_client *c, uint32_t id, struct xp_drawable **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || (res->type != &xp_pixmap_type &&
					   res->type != &xp_window_type)) {
		return xp_error(c, BadDrawable, id);
	}
	*out = (struct xp_drawable *)res;
	return Success;
}

int
xp_lookup_pixmap(struct xp_client *c, uint32_t id, struct xp_pixmap **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || res->type != &xp_pixmap_type) {
		return xp_error(c, BadPixmap, id);
	}
	*out = (struct xp_pixmap *)res;
	return Success;
}

bool
xp_drawable_target(struct xp_drawable *d, bool include_inferiors,
		pixman_image_t **image, int *dx, int *dy,
		pixman_region32_t *clip)
{
	struct xp_window *w = xp_drawable_window(d);

	if (w == NULL) {
		struct xp_pixmap *pix = (struct xp_pixmap *)d;
		*image = pix->image;
		*dx = 0;
		*dy = 0;
		pixman_region32_init_rect(clip, 0, 0, d->width, d->height);
		return true;
	}
	pixman_region32_init(clip);
	if (w->top == NULL || !w->viewable || w->class != InputOutput) {
		return false;
	}
	struct xp_window *t = w->top->window;
	*image = w->top->image;
	*dx = w->origin_x - (t->origin_x - t->border_width);
	*dy = w->origin_y - (t->origin_y - t->border_width);
	pixman_region32_copy(clip,
			include_inferiors ? &w->inferiors_clip : &w->clip);
	return pixman_region32_not_empty(clip);
}

void
xp_drawable_damage(struct xp_drawable *d, const pixman_region32_t *r)
{
	struct xp_window *w = xp_drawable_window(d);

	if (w != NULL && w->top != NULL) {
		xp_damage_add(w->top, r);
	}
}

int
xp_proc_create_pixmap(struct xp_client *c, const void *raw)
{
	const xCreatePixmapReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_drawable *d;
	struct xp_pixmap *pix;
	int rc;

	if ((req->pid & ~c->id_mask) != c->id_base ||
			xp_resource_find(&s->resources, req->pid) != NULL) {
		return xp_error(c, BadIDChoice, req->pid);
	}
	if ((rc = xp_lookup_drawable(c, req->drawable, &d)) != Success) {
		return rc;
	}
	if (req->width == 0 || req->height == 0) {
		return xp_error(c, BadValue, 0);
	}
	if (!xp_depth_supported(req->depth)) {
		return xp_error(c, BadValue, req->depth);
	}
	/* X refuses pixmaps whose byte size overflows 32 bits. */
	if ((uint64_t)req->width * req->height * xp_depth_bpp(req->depth) / 8 >=
			(1ull << 31)) {
		return BadAlloc;
	}
	pix = xp_pixmap_create(
			s, req->pid, c, req->width, req->height, req->depth);
	if (pix == NULL || !xp_resource_add(&s->resources, &pix->base.res)) {
		return BadAlloc;
	}
	return Success;
}

int
xp_proc_free_pixmap(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_pixmap *pix;
	int rc;

	if ((rc = xp_lookup_pixmap(c, req->id, &pix)) != Success) {
		return rc;
	}
	xp_resource_free(&c->server->resources, req->id);
	return Success;
}
