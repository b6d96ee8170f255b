/* Pixel transfer requests: PutImage, GetImage, CopyArea, CopyPlane and
 * ClearArea, with graphics exposures. */
#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/draw.h"
#include "xproxy/drawable.h"
#include "xproxy/gc.h"
#include "xproxy/proc.h"
#include "xproxy/render.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

/* Bytes in a scanline of `bits` bits padded to 32 bits (the only scanline
 * pad we announce). */
static uint64_t
pad32_bytes(uint64_t bits)
{
	return ((bits + 31) / 32) * 4;
}

/* A source image holding the request's pixels as X pixel values in the
 * drawable's format; NULL on OOM. */
static pixman_image_t *
put_image_source(const xPutImageReq *req, const uint8_t *data, uint8_t depth,
		const struct xp_gc *gc)
{
	int w = req->width, h = req->height;
	pixman_format_code_t fmt = xp_depth_format(depth);

	if (req->format == ZPixmap) {
		/* Our formats are X's ZPixmap layouts: wrap the bytes. */
		pixman_image_t *wrap = pixman_image_create_bits(fmt, w, h,
				(uint32_t *)(uintptr_t)data,
				(int)pad32_bytes((uint64_t)w *
						 xp_depth_bpp(depth)));
		return wrap;
	}
	pixman_image_t *img = pixman_image_create_bits(fmt, w, h, NULL, 0);
	if (img == NULL) {
		return NULL;
	}
	uint32_t stride = (uint32_t)pad32_bytes((uint64_t)w + req->leftPad);
	int planes = req->format == XYBitmap ? 1 : depth;
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			uint32_t v = 0;
			int bx = x + req->leftPad;
			for (int p = 0; p < planes; p++) {
				const uint8_t *row =
						data +
						((size_t)p * h + y) * stride;
				uint32_t bit = (row[bx >> 3] >> (bx & 7)) & 1;
				v = (v << 1) | bit;
			}
			if (req->format == XYBitmap) {
				v = v ? gc->foreground : gc->background;
			}
			xp_render_put_pixel(img, x, y, v);
		}
	}
	return img;
}

int
xp_proc_put_image(struct xp_client *c, const void *raw)
{
	const xPutImageReq *req = raw;
	struct xp_draw dr;
	uint64_t bytes;
	int rc;

	if ((rc = xp_draw_begin(c, req->drawable, req->gc, &dr)) != Success) {
		return rc;
	}
	rc = Success;
	switch (req->format) {
	case XYBitmap:
		if (req->depth != 1 || req->leftPad >= 32) {
			rc = xp_error(c, BadMatch, 0);
		}
		bytes = pad32_bytes((uint64_t)req->width + req->leftPad) *
			req->height;
		break;
	case XYPixmap:
		if (req->depth != dr.d->depth || req->leftPad >= 32) {
			rc = xp_error(c, BadMatch, 0);
		}
		bytes = pad32_bytes((uint64_t)req->width + req->leftPad) *
			req->height * req->depth;
		break;
	case ZPixmap:
		if (req->depth != dr.d->depth || req->leftPad != 0) {
			rc = xp_error(c, BadMatch, 0);
		}
		bytes = pad32_bytes((uint64_t)req->width *
					xp_depth_bpp(req->depth)) *
			req->height;
		break;
	default:
		rc = xp_error(c, BadValue, req->format);
		bytes = 0;
		break;
	}
	if (rc == Success) {
		rc = xp_req_check_tail(c, sz_xPutImageReq, bytes);
	}
	if (rc != Success || !dr.visible || req->width == 0 ||
			req->height == 0) {
		xp_draw_end(&dr);
		return rc;
	}
	pixman_image_t *src = put_image_source(
			req, (const uint8_t *)(req + 1), dr.d->depth, dr.gc);
	if (src == NULL) {
		xp_draw_end(&dr);
		return BadAlloc;
	}
	pixman_region32_t region;
	int x = dr.ox + req->dstX, y = dr.oy + req->dstY;
	pixman_region32_init_rect(&region, x, y, req->width, req->height);
	pixman_region32_intersect(&region, &region, &dr.clip);
	xp_render_copy_gc(src, dr.image, &region, x, y, dr.gc->function,
			dr.gc->plane_mask, dr.d->depth);
	xp_drawable_damage(dr.d, &region);
	pixman_region32_fini(&region);
	pixman_image_unref(src);
	xp_draw_end(&dr);
	return Success;
}

/* The screen as a viewer of the root sees it: toplevels over black. */
static pixman_image_t *
compose_root(struct xp_server *s, int x, int y, int w, int h)
{
	pixman_image_t *img = pixman_image_create_bits(
			PIXMAN_x8r8g8b8, w, h, NULL, 0);
	struct xp_toplevel *top;

	if (img == NULL) {
		return NULL;
	}
	xp_list_for_each(top, &s->toplevels, link)
	{
		struct xp_window *t = top->window;
		if (!t->viewable) {
			continue;
		}
		int tx = t->origin_x - t->border_width - x;
		int ty = t->origin_y - t->border_width - y;
		pixman_image_composite32(PIXMAN_OP_SRC, top->image, NULL, img,
				0, 0, 0, 0, tx, ty,
				pixman_image_get_width(top->image),
				pixman_image_get_height(top->image));
	}
	return img;
}

int
xp_proc_get_image(struct xp_client *c, const void *raw)
{
	const xGetImageReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_drawable *d;
	pixman_image_t *img = NULL;
	int sx, sy, rc;
	bool own_image = false;

	if (req->format != XYPixmap && req->format != ZPixmap) {
		return xp_error(c, BadValue, req->format);
	}
	if ((rc = xp_lookup_drawable(c, req->drawable, &d)) != Success) {
		return rc;
	}
	int32_t x = req->x, y = req->y, w = req->width, h = req->height;
	struct xp_window *win = xp_drawable_window(d);
	if (win != NULL) {
		int32_t ox, oy;
		int32_t bw = win->border_width;
		if (!win->viewable || win->class != InputOutput) {
			return xp_error(c, BadMatch, 0);
		}
		xp_window_root_origin(win, &ox, &oy);
		if (ox + x < 0 || ox + x + w > s->options.width || oy + y < 0 ||
				oy + y + h > s->options.height || x < -bw ||
				x + w > win->base.width + bw || y < -bw ||
				y + h > win->base.height + bw) {
			return xp_error(c, BadMatch, 0);
		}
		if (win->parent == NULL) {
			img = compose_root(s, x, y, w ? w : 1, h ? h : 1);
			own_image = true;
			sx = sy = 0;
		} else {
			struct xp_window *t = win->top->window;
			img = win->top->image;
			sx = win->origin_x - (t->origin_x - t->border_width) +
			     x;
			sy = win->origin_y - (t->origin_y - t->border_width) +
			     y;
		}
	} else {
		if (x < 0 || y < 0 || x + w > d->width || y + h > d->height) {
			return xp_error(c, BadMatch, 0);
		}
		img = ((struct xp_pixmap *)d)->image;
		sx = x;
		sy = y;
	}
	if (img == NULL) {
		return BadAlloc;
	}

	uint8_t depth = d->depth;
	uint32_t mask = req->planeMask & xp_depth_mask(depth);
	uint64_t size;
	if (req->format == ZPixmap) {
		size = pad32_bytes((uint64_t)w * xp_depth_bpp(depth)) * h;
	} else {
		size = pad32_bytes((uint64_t)w) * h *
		       (uint64_t)__builtin_popcount(mask);
	}
	uint8_t *data = size ? xp_server_scratch(s, size) : NULL;
	if (size > 0 && data == NULL) {
		if (own_image) {
			pixman_image_unref(img);
		}
		return BadAlloc;
	}
	memset(data, 0, size);
	if (req->format == ZPixmap) {
		pixman_image_t *dst = pixman_image_create_bits(
				xp_depth_format(depth), w, h, (uint32_t *)data,
				(int)pad32_bytes((uint64_t)w *
						 xp_depth_bpp(depth)));
		if (dst != NULL) {
			pixman_region32_t r;
			pixman_region32_init_rect(&r, 0, 0, w, h);
			/* Depth 24 reads back without the padding byte. */
			xp_render_copy_gc(img, dst, &r, -sx, -sy, GXcopy,
					0xffffffffu, depth);
			pixman_region32_fini(&r);
			pixman_image_unref(dst);
			for (int yy = 0; yy < h; yy++) {
				for (int xx = 0; xx < w && depth > 8; xx++) {
					uint32_t *p = (uint32_t *)(void *)(data +
									   yy * pad32_bytes((uint64_t)w *
												32)) +
						      xx;
					*p &= mask;
				}
			}
			if (depth <= 8 && mask != xp_depth_mask(depth)) {
				for (uint64_t i = 0; i < size; i++) {
					data[i] &= depth == 8 ? (uint8_t)mask
							      : (uint8_t)(mask ? 0xff
									       : 0);
				}
			}
		}
	} else {
		uint64_t stride = pad32_bytes((uint64_t)w);
		uint8_t *plane = data;
		for (int p = depth - 1; p >= 0; p--) {
			if (!(mask & (1u << p))) {
				continue;
			}
			for (int yy = 0; yy < h; yy++) {
				for (int xx = 0; xx < w; xx++) {
					uint32_t v = xp_render_get_pixel(
							img, sx + xx, sy + yy);
					if (v & (1u << p)) {
						plane[yy * stride +
								(xx >> 3)] |=
								(uint8_t)(1u << (xx & 7));
					}
				}
			}
			plane += stride * h;
		}
	}
	if (own_image) {
		pixman_image_unref(img);
	}
	xGetImageReply rep = {
		.depth = depth,
		.visual = win != NULL ? win->visual : None,
	};
	xp_reply(c, &rep, sizeof(rep), data, size);
	return Success;
}

/* Where a source drawable's pixels can be read from (image coordinates). */
static bool
source_target(struct xp_drawable *d, bool include_inferiors,
		pixman_image_t **img, int *ox, int *oy,
		pixman_region32_t *avail)
{
	return xp_drawable_target(d, include_inferiors, img, ox, oy, avail);
}

static void
send_graphics_exposures(struct xp_client *c, struct xp_draw *dr,
		pixman_region32_t *exposed, uint8_t major)
{
	int n = 0;
	const pixman_box32_t *b = pixman_region32_rectangles(exposed, &n);

	if (n == 0) {
		xEvent ev = { 0 };
		ev.u.u.type = NoExpose;
		ev.u.noExposure.drawable = dr->d->res.id;
		ev.u.noExposure.majorEvent = major;
		xp_send_event_to(c, &ev);
		return;
	}
	for (int i = 0; i < n; i++) {
		xEvent ev = { 0 };
		ev.u.u.type = GraphicsExpose;
		ev.u.graphicsExposure.drawable = dr->d->res.id;
		ev.u.graphicsExposure.x = (CARD16)(b[i].x1 - dr->ox);
		ev.u.graphicsExposure.y = (CARD16)(b[i].y1 - dr->oy);
		ev.u.graphicsExposure.width = (CARD16)(b[i].x2 - b[i].x1);
		ev.u.graphicsExposure.height = (CARD16)(b[i].y2 - b[i].y1);
		ev.u.graphicsExposure.count = (CARD16)(n - 1 - i);
		ev.u.graphicsExposure.majorEvent = major;
		xp_send_event_to(c, &ev);
	}
}

static int
copy_common(struct xp_client *c, uint32_t src_id, uint32_t dst_id,
		uint32_t gc_id, int16_t src_x, int16_t src_y, int16_t dst_x,
		int16_t dst_y, uint16_t width, uint16_t height,
		uint32_t bit_plane, bool plane)
{
	struct xp_draw dr;
	struct xp_drawable *src;
	pixman_image_t *src_img = NULL;
	pixman_region32_t avail, region, exposed;
	int sox = 0, soy = 0, rc;

	if ((rc = xp_draw_begin(c, dst_id, gc_id, &dr)) != Success) {
		return rc;
	}
	if ((rc = xp_lookup_drawable(c, src_id, &src)) != Success) {
		xp_draw_end(&dr);
		return rc;
	}
	if (!plane && src->depth != dr.d->depth) {
		xp_draw_end(&dr);
		return xp_error(c, BadMatch, 0);
	}
	if (plane && (bit_plane == 0 || (bit_plane & (bit_plane - 1)) ||
				     bit_plane > xp_depth_mask(src->depth))) {
		xp_draw_end(&dr);
		return xp_error(c, BadValue, bit_plane);
	}
	bool readable = source_target(src,
			dr.gc->subwindow_mode == IncludeInferiors, &src_img,
			&sox, &soy, &avail);
	/* What the source rectangle can supply, in destination image
	 * coordinates. */
	pixman_region32_intersect_rect(&avail, &avail, sox + src_x, soy + src_y,
			width, height);
	int dx = (dr.ox + dst_x) - (sox + src_x);
	int dy = (dr.oy + dst_y) - (soy + src_y);
	pixman_region32_translate(&avail, dx, dy);
	pixman_region32_init(&region);
	pixman_region32_intersect(&region, &avail, &dr.clip);
	if (readable && dr.visible && pixman_region32_not_empty(&region)) {
		if (!plane) {
			xp_render_copy_gc(src_img, dr.image, &region, dx, dy,
					dr.gc->function, dr.gc->plane_mask,
					dr.d->depth);
		} else {
			/* The chosen plane acts as an opaque stipple. */
			int n;
			const pixman_box32_t *b =
					pixman_region32_rectangles(&region, &n);
			pixman_region32_t fg;
			pixman_region32_init(&fg);
			for (int i = 0; i < n; i++) {
				for (int y = b[i].y1; y < b[i].y2; y++) {
					for (int x = b[i].x1; x < b[i].x2;
							x++) {
						if (xp_render_get_pixel(src_img,
								    x - dx,
								    y - dy) &
								bit_plane) {
							pixman_region32_union_rect(
									&fg,
									&fg, x,
									y, 1,
									1);
						}
					}
				}
			}
			pixman_region32_t bg;
			pixman_region32_init(&bg);
			pixman_region32_subtract(&bg, &region, &fg);
			xp_render_fill_pixel(dr.image, &fg, dr.gc->foreground,
					dr.gc->function, dr.gc->plane_mask,
					dr.d->depth);
			xp_render_fill_pixel(dr.image, &bg, dr.gc->background,
					dr.gc->function, dr.gc->plane_mask,
					dr.d->depth);
			pixman_region32_fini(&fg);
			pixman_region32_fini(&bg);
		}
		xp_drawable_damage(dr.d, &region);
	}
	if (dr.gc->graphics_exposures) {
		/* The destination pixels the source could not supply. */
		pixman_region32_init_rect(&exposed, dr.ox + dst_x,
				dr.oy + dst_y, width, height);
		pixman_region32_subtract(&exposed, &exposed, &avail);
		pixman_region32_intersect(&exposed, &exposed, &dr.clip);
		send_graphics_exposures(c, &dr, &exposed,
				plane ? X_CopyPlane : X_CopyArea);
		pixman_region32_fini(&exposed);
	}
	pixman_region32_fini(&region);
	pixman_region32_fini(&avail);
	xp_draw_end(&dr);
	return Success;
}

int
xp_proc_copy_area(struct xp_client *c, const void *raw)
{
	const xCopyAreaReq *req = raw;

	return copy_common(c, req->srcDrawable, req->dstDrawable, req->gc,
			req->srcX, req->srcY, req->dstX, req->dstY, req->width,
			req->height, 0, false);
}

int
xp_proc_copy_plane(struct xp_client *c, const void *raw)
{
	const xCopyPlaneReq *req = raw;

	return copy_common(c, req->srcDrawable, req->dstDrawable, req->gc,
			req->srcX, req->srcY, req->dstX, req->dstY, req->width,
			req->height, req->bitPlane, true);
}

int
xp_proc_clear_area(struct xp_client *c, const void *raw)
{
	const xClearAreaReq *req = raw;
	struct xp_window *w;
	int rc;

	if (req->exposures > xTrue) {
		return xp_error(c, BadValue, req->exposures);
	}
	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	if (w->class == InputOnly) {
		return xp_error(c, BadMatch, req->window);
	}
	if (w->top == NULL || !w->viewable) {
		return Success;
	}
	/* Zero width or height extends to the window's edge. */
	int32_t width = req->width ? req->width : w->base.width - req->x;
	int32_t height = req->height ? req->height : w->base.height - req->y;
	if (width <= 0 || height <= 0) {
		return Success;
	}
	struct xp_window *t = w->top->window;
	int32_t ix = w->origin_x - (t->origin_x - t->border_width);
	int32_t iy = w->origin_y - (t->origin_y - t->border_width);
	pixman_region32_t region;
	pixman_region32_init_rect(&region, ix + req->x, iy + req->y,
			(uint32_t)width, (uint32_t)height);
	pixman_region32_intersect(&region, &region, &w->clip);
	if (pixman_region32_not_empty(&region)) {
		xp_window_expose(w, &region, true, req->exposures);
	}
	pixman_region32_fini(&region);
	return Success;
}
