#include "xproxy/gc.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/drawable.h"
#include "xproxy/font.h"
#include "xproxy/fontproc.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"

static void gc_destroy(struct xp_resource *res);

const struct xp_resource_type xp_gc_type = {
	.name = "gc",
	.error = BadGC,
	.destroy = gc_destroy,
};

int
xp_lookup_gc(struct xp_client *c, uint32_t id, struct xp_gc **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || res->type != &xp_gc_type) {
		return xp_error(c, BadGC, id);
	}
	*out = (struct xp_gc *)res;
	return Success;
}

static void
gc_destroy(struct xp_resource *res)
{
	struct xp_gc *gc = (struct xp_gc *)res;

	xp_pixmap_unref(gc->tile);
	xp_pixmap_unref(gc->stipple);
	xp_font_unref(gc->font);
	pixman_region32_fini(&gc->clip);
	free(gc->dashes);
	free(gc);
}

/* Validated GC values, applied only when the whole list is good. */
struct gc_values {
	uint32_t mask;
	uint32_t v[23];
	struct xp_pixmap *tile, *stipple, *clip_mask;
	struct xp_font *font;
};

static int
parse_gc_values(struct xp_client *c, uint8_t depth, uint32_t mask,
		const uint32_t *list, struct gc_values *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->mask = mask;
	if (mask & ~(uint32_t)((1u << 23) - 1)) {
		return xp_error(c, BadValue, mask);
	}
	for (int bit = 0; bit < 23; bit++) {
		if (!(mask & (1u << bit))) {
			continue;
		}
		uint32_t val = *list++;
		uint32_t max = UINT32_MAX;
		out->v[bit] = val;
		switch (1u << bit) {
		case GCFunction:
			max = GXset;
			break;
		case GCLineWidth:
			max = 0xffff;
			break;
		case GCLineStyle:
			max = LineDoubleDash;
			break;
		case GCCapStyle:
			max = CapProjecting;
			break;
		case GCJoinStyle:
			max = JoinBevel;
			break;
		case GCFillStyle:
			max = FillOpaqueStippled;
			break;
		case GCFillRule:
			max = WindingRule;
			break;
		case GCTile:
			if ((rc = xp_lookup_pixmap(c, val, &out->tile)) !=
					Success) {
				return rc;
			}
			if (out->tile->base.depth != depth) {
				return xp_error(c, BadMatch, val);
			}
			break;
		case GCStipple:
			if ((rc = xp_lookup_pixmap(c, val, &out->stipple)) !=
					Success) {
				return rc;
			}
			if (out->stipple->base.depth != 1) {
				return xp_error(c, BadMatch, val);
			}
			break;
		case GCFont:
			if ((rc = xp_lookup_font(c, val, &out->font)) !=
					Success) {
				return rc;
			}
			break;
		case GCSubwindowMode:
			max = IncludeInferiors;
			break;
		case GCGraphicsExposures:
			max = xTrue;
			break;
		case GCClipMask:
			if (val != None) {
				if ((rc = xp_lookup_pixmap(c, val,
						     &out->clip_mask)) !=
						Success) {
					return rc;
				}
				if (out->clip_mask->base.depth != 1) {
					return xp_error(c, BadMatch, val);
				}
			}
			break;
		case GCDashList:
			if (val == 0) {
				return xp_error(c, BadValue, val);
			}
			max = 0xff;
			break;
		case GCArcMode:
			max = ArcPieSlice;
			break;
		case GCTileStipXOrigin:
		case GCTileStipYOrigin:
		case GCClipXOrigin:
		case GCClipYOrigin:
		case GCDashOffset:
			/* INT16/CARD16 on the wire: the low bits count. */
			break;
		}
		if (val > max) {
			return xp_error(c, BadValue, val);
		}
	}
	return Success;
}

/* The set bits of a depth-1 pixmap as a region. */
static bool
bitmap_region(struct xp_pixmap *pix, pixman_region32_t *out)
{
	pixman_image_t *img = pix->image;
	const uint32_t *bits = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	int w = pixman_image_get_width(img), h = pixman_image_get_height(img);
	pixman_box32_t *boxes = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;

	for (int y = 0; y < h && ok; y++) {
		const uint32_t *row = bits + (size_t)y * stride;
		int x = 0;
		while (x < w) {
			while (x < w && !((row[x >> 5] >> (x & 31)) & 1)) {
				x++;
			}
			int x1 = x;
			while (x < w && ((row[x >> 5] >> (x & 31)) & 1)) {
				x++;
			}
			if (x > x1) {
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					pixman_box32_t *nb = realloc(boxes,
							cap * sizeof(*nb));
					if (nb == NULL) {
						ok = false;
						break;
					}
					boxes = nb;
				}
				boxes[n++] = (pixman_box32_t){ x1, y, x,
					y + 1 };
			}
		}
	}
	if (ok) {
		pixman_region32_fini(out);
		ok = pixman_region32_init_rects(out, boxes, (int)n);
	}
	free(boxes);
	return ok;
}

static void
replace_pixmap(struct xp_pixmap **slot, struct xp_pixmap *pix)
{
	xp_pixmap_ref(pix);
	xp_pixmap_unref(*slot);
	*slot = pix;
}

static bool
apply_gc_values(struct xp_gc *gc, const struct gc_values *gv)
{
	const uint32_t *v = gv->v;
	uint32_t m = gv->mask;

	if (m & GCClipMask) {
		if (gv->clip_mask == NULL) {
			gc->clip_kind = XP_CLIP_NONE;
			pixman_region32_clear(&gc->clip);
		} else {
			if (!bitmap_region(gv->clip_mask, &gc->clip)) {
				return false;
			}
			gc->clip_kind = XP_CLIP_REGION;
		}
	}
	if (m & GCFunction) {
		gc->function = (uint8_t)v[0];
	}
	if (m & GCPlaneMask) {
		gc->plane_mask = v[1];
	}
	if (m & GCForeground) {
		gc->foreground = v[2];
	}
	if (m & GCBackground) {
		gc->background = v[3];
	}
	if (m & GCLineWidth) {
		gc->line_width = (uint16_t)v[4];
	}
	if (m & GCLineStyle) {
		gc->line_style = (uint8_t)v[5];
	}
	if (m & GCCapStyle) {
		gc->cap_style = (uint8_t)v[6];
	}
	if (m & GCJoinStyle) {
		gc->join_style = (uint8_t)v[7];
	}
	if (m & GCFillStyle) {
		gc->fill_style = (uint8_t)v[8];
	}
	if (m & GCFillRule) {
		gc->fill_rule = (uint8_t)v[9];
	}
	if (m & GCTile) {
		replace_pixmap(&gc->tile, gv->tile);
	}
	if (m & GCStipple) {
		replace_pixmap(&gc->stipple, gv->stipple);
	}
	if (m & GCTileStipXOrigin) {
		gc->ts_x = (int16_t)v[12];
	}
	if (m & GCTileStipYOrigin) {
		gc->ts_y = (int16_t)v[13];
	}
	if (m & GCFont) {
		xp_font_ref(gv->font);
		xp_font_unref(gc->font);
		gc->font = gv->font;
	}
	if (m & GCSubwindowMode) {
		gc->subwindow_mode = (uint8_t)v[15];
	}
	if (m & GCGraphicsExposures) {
		gc->graphics_exposures = v[16];
	}
	if (m & GCClipXOrigin) {
		gc->clip_x = (int16_t)v[17];
	}
	if (m & GCClipYOrigin) {
		gc->clip_y = (int16_t)v[18];
	}
	if (m & GCDashOffset) {
		gc->dash_offset = (uint16_t)v[20];
	}
	if (m & GCDashList) {
		uint8_t *d = malloc(1);
		if (d == NULL) {
			return false;
		}
		d[0] = (uint8_t)v[21];
		free(gc->dashes);
		gc->dashes = d;
		gc->n_dashes = 1;
	}
	if (m & GCArcMode) {
		gc->arc_mode = (uint8_t)v[22];
	}
	return true;
}

int
xp_proc_create_gc(struct xp_client *c, const void *raw)
{
	const xCreateGCReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_drawable *d;
	struct gc_values gv;
	struct xp_gc *gc;
	int rc;

	if ((req->gc & ~c->id_mask) != c->id_base ||
			xp_resource_find(&s->resources, req->gc) != NULL) {
		return xp_error(c, BadIDChoice, req->gc);
	}
	if ((rc = xp_lookup_drawable(c, req->drawable, &d)) != Success) {
		return rc;
	}
	if (c->req_len !=
			sz_xCreateGCReq + 4u * __builtin_popcount(req->mask)) {
		return BadLength;
	}
	if ((rc = parse_gc_values(c, d->depth, req->mask,
			     (const uint32_t *)(req + 1), &gv)) != Success) {
		return rc;
	}
	gc = calloc(1, sizeof(*gc));
	if (gc == NULL) {
		return BadAlloc;
	}
	gc->res.id = req->gc;
	gc->res.type = &xp_gc_type;
	gc->res.owner = c;
	gc->server = s;
	gc->depth = d->depth;
	/* The protocol's defaults (CreateGC). */
	gc->function = GXcopy;
	gc->plane_mask = 0xffffffff;
	gc->foreground = 0;
	gc->background = 1;
	gc->cap_style = CapButt;
	gc->join_style = JoinMiter;
	gc->graphics_exposures = true;
	gc->n_dashes = 1;
	gc->dashes = malloc(1);
	pixman_region32_init(&gc->clip);
	if (gc->dashes == NULL) {
		gc_destroy(&gc->res);
		return BadAlloc;
	}
	gc->dashes[0] = 4;
	gc->font = xp_font_ref(xp_default_font(s));
	if (!apply_gc_values(gc, &gv)) {
		gc_destroy(&gc->res);
		return BadAlloc;
	}
	gc->tile_pixel = gc->foreground;
	if (!xp_resource_add(&s->resources, &gc->res)) {
		return BadAlloc;
	}
	return Success;
}

int
xp_proc_change_gc(struct xp_client *c, const void *raw)
{
	const xChangeGCReq *req = raw;
	struct xp_gc *gc;
	struct gc_values gv;
	int rc;

	if ((rc = xp_lookup_gc(c, req->gc, &gc)) != Success) {
		return rc;
	}
	if (c->req_len !=
			sz_xChangeGCReq + 4u * __builtin_popcount(req->mask)) {
		return BadLength;
	}
	if ((rc = parse_gc_values(c, gc->depth, req->mask,
			     (const uint32_t *)(req + 1), &gv)) != Success) {
		return rc;
	}
	return apply_gc_values(gc, &gv) ? Success : BadAlloc;
}

int
xp_proc_copy_gc(struct xp_client *c, const void *raw)
{
	const xCopyGCReq *req = raw;
	struct xp_gc *src, *dst;
	int rc;

	if ((rc = xp_lookup_gc(c, req->srcGC, &src)) != Success ||
			(rc = xp_lookup_gc(c, req->dstGC, &dst)) != Success) {
		return rc;
	}
	if (src->depth != dst->depth) {
		return xp_error(c, BadMatch, 0);
	}
	if (req->mask & ~(uint32_t)((1u << 23) - 1)) {
		return xp_error(c, BadValue, req->mask);
	}
	uint32_t m = req->mask;
	if (m & GCDashList) {
		uint8_t *d = malloc(src->n_dashes);
		if (d == NULL) {
			return BadAlloc;
		}
		memcpy(d, src->dashes, src->n_dashes);
		free(dst->dashes);
		dst->dashes = d;
		dst->n_dashes = src->n_dashes;
	}
	if (m & (GCClipMask | GCClipXOrigin | GCClipYOrigin)) {
		if (m & GCClipMask) {
			dst->clip_kind = src->clip_kind;
			pixman_region32_copy(&dst->clip, &src->clip);
		}
		if (m & GCClipXOrigin) {
			dst->clip_x = src->clip_x;
		}
		if (m & GCClipYOrigin) {
			dst->clip_y = src->clip_y;
		}
	}
#define COPY(bit, field)                                                       \
	if (m & (bit)) {                                                       \
		dst->field = src->field;                                       \
	}
	COPY(GCFunction, function)
	COPY(GCPlaneMask, plane_mask)
	COPY(GCForeground, foreground)
	COPY(GCBackground, background)
	COPY(GCLineWidth, line_width)
	COPY(GCLineStyle, line_style)
	COPY(GCCapStyle, cap_style)
	COPY(GCJoinStyle, join_style)
	COPY(GCFillStyle, fill_style)
	COPY(GCFillRule, fill_rule)
	COPY(GCTileStipXOrigin, ts_x)
	COPY(GCTileStipYOrigin, ts_y)
	COPY(GCSubwindowMode, subwindow_mode)
	COPY(GCGraphicsExposures, graphics_exposures)
	COPY(GCDashOffset, dash_offset)
	COPY(GCArcMode, arc_mode)
#undef COPY
	if (m & GCTile) {
		if (src->tile != NULL) {
			xp_pixmap_ref(src->tile);
		}
		xp_pixmap_unref(dst->tile);
		dst->tile = src->tile;
		dst->tile_pixel = src->tile_pixel;
	}
	if (m & GCStipple) {
		if (src->stipple != NULL) {
			xp_pixmap_ref(src->stipple);
		}
		xp_pixmap_unref(dst->stipple);
		dst->stipple = src->stipple;
	}
	if (m & GCFont) {
		xp_font_ref(src->font);
		xp_font_unref(dst->font);
		dst->font = src->font;
	}
	return Success;
}

int
xp_proc_set_dashes(struct xp_client *c, const void *raw)
{
	const xSetDashesReq *req = raw;
	struct xp_gc *gc;
	int rc;

	if ((rc = xp_lookup_gc(c, req->gc, &gc)) != Success) {
		return rc;
	}
	if ((rc = xp_req_check_tail(c, sz_xSetDashesReq, req->nDashes)) !=
			Success) {
		return rc;
	}
	if (req->nDashes == 0) {
		return xp_error(c, BadValue, 0);
	}
	const uint8_t *list = (const uint8_t *)(req + 1);
	for (uint16_t i = 0; i < req->nDashes; i++) {
		if (list[i] == 0) {
			return xp_error(c, BadValue, 0);
		}
	}
	uint8_t *d = malloc(req->nDashes);
	if (d == NULL) {
		return BadAlloc;
	}
	memcpy(d, list, req->nDashes);
	free(gc->dashes);
	gc->dashes = d;
	gc->n_dashes = req->nDashes;
	gc->dash_offset = req->dashOffset;
	return Success;
}

int
xp_proc_set_clip_rectangles(struct xp_client *c, const void *raw)
{
	const xSetClipRectanglesReq *req = raw;
	struct xp_gc *gc;
	int rc;

	if (req->ordering > YXBanded) {
		return xp_error(c, BadValue, req->ordering);
	}
	if ((rc = xp_lookup_gc(c, req->gc, &gc)) != Success) {
		return rc;
	}
	size_t bytes = c->req_len - sz_xSetClipRectanglesReq;
	if (bytes % sz_xRectangle != 0) {
		return BadLength;
	}
	size_t n = bytes / sz_xRectangle;
	const xRectangle *r = (const xRectangle *)(req + 1);
	pixman_box32_t *boxes = malloc((n + 1) * sizeof(*boxes));
	if (boxes == NULL) {
		return BadAlloc;
	}
	size_t nb = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].width == 0 || r[i].height == 0) {
			continue;
		}
		boxes[nb++] = (pixman_box32_t){ r[i].x, r[i].y,
			r[i].x + r[i].width, r[i].y + r[i].height };
	}
	pixman_region32_t region;
	bool ok = pixman_region32_init_rects(&region, boxes, (int)nb);
	free(boxes);
	if (!ok) {
		return BadAlloc;
	}
	pixman_region32_fini(&gc->clip);
	gc->clip = region;
	gc->clip_kind = XP_CLIP_REGION;
	gc->clip_x = req->xOrigin;
	gc->clip_y = req->yOrigin;
	return Success;
}

int
xp_proc_free_gc(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_gc *gc;
	int rc;

	if ((rc = xp_lookup_gc(c, req->id, &gc)) != Success) {
		return rc;
	}
	xp_resource_free(&c->server->resources, req->id);
	return Success;
}
