#include "xproxy/render.h"

#include <X11/X.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/drawable.h"
#include "xproxy/gc.h"

/* Pixels are X pixel values: a1 images hold depth 1 with X's LSBFirst bit
 * order in 32-bit units (pixman's a1 layout on little-endian machines), a8
 * holds depth 8, and the 32 bpp formats hold depths 24 and 32. */

uint32_t
xp_render_get_pixel(pixman_image_t *img, int x, int y)
{
	uint8_t *row = (uint8_t *)pixman_image_get_data(img) +
		       (size_t)y * (size_t)pixman_image_get_stride(img);

	switch (PIXMAN_FORMAT_BPP(pixman_image_get_format(img))) {
	case 1:
		return (((uint32_t *)(void *)row)[x >> 5] >> (x & 31)) & 1;
	case 8:
		return row[x];
	default:
		return ((uint32_t *)(void *)row)[x];
	}
}

void
xp_render_put_pixel(pixman_image_t *img, int x, int y, uint32_t v)
{
	uint8_t *row = (uint8_t *)pixman_image_get_data(img) +
		       (size_t)y * (size_t)pixman_image_get_stride(img);

	switch (PIXMAN_FORMAT_BPP(pixman_image_get_format(img))) {
	case 1: {
		uint32_t *word = (uint32_t *)(void *)row + (x >> 5);
		uint32_t bit = 1u << (x & 31);
		*word = (v & 1) ? (*word | bit) : (*word & ~bit);
		break;
	}
	case 8:
		row[x] = (uint8_t)v;
		break;
	default:
		((uint32_t *)(void *)row)[x] = v;
		break;
	}
}

uint32_t
xp_render_rop(uint8_t function, uint32_t s, uint32_t d)
{
	switch (function) {
	case GXclear:
		return 0;
	case GXand:
		return s & d;
	case GXandReverse:
		return s & ~d;
	case GXcopy:
		return s;
	case GXandInverted:
		return ~s & d;
	case GXnoop:
		return d;
	case GXxor:
		return s ^ d;
	case GXor:
		return s | d;
	case GXnor:
		return ~(s | d);
	case GXequiv:
		return ~s ^ d;
	case GXinvert:
		return ~d;
	case GXorReverse:
		return s | ~d;
	case GXcopyInverted:
		return ~s;
	case GXorInverted:
		return ~s | d;
	case GXnand:
		return ~(s & d);
	default:
		return 0xffffffffu;
	}
}

static int
image_depth(pixman_image_t *img)
{
	switch (PIXMAN_FORMAT_BPP(pixman_image_get_format(img))) {
	case 1:
		return 1;
	case 8:
		return 8;
	default:
		return 32;
	}
}

static void
fill_box_copy(pixman_image_t *img, const pixman_box32_t *b, uint32_t pixel)
{
	int bpp = image_depth(img);

	if (bpp == 32 || bpp == 8) {
		pixman_fill(pixman_image_get_data(img),
				pixman_image_get_stride(img) / 4, bpp, b->x1,
				b->y1, b->x2 - b->x1, b->y2 - b->y1,
				bpp == 8 ? (pixel & 0xff) * 0x01010101u
					 : pixel);
		return;
	}
	for (int y = b->y1; y < b->y2; y++) {
		for (int x = b->x1; x < b->x2; x++) {
			xp_render_put_pixel(img, x, y, pixel);
		}
	}
}

void
xp_render_solid_region(
		pixman_image_t *img, const pixman_region32_t *r, uint32_t pixel)
{
	int n;
	const pixman_box32_t *b =
			pixman_region32_rectangles((pixman_region32_t *)r, &n);

	for (int i = 0; i < n; i++) {
		fill_box_copy(img, &b[i], pixel);
	}
}

static int
mod(int a, int m)
{
	int r = a % m;
	return r < 0 ? r + m : r;
}

void
xp_render_tile_region(pixman_image_t *img, const pixman_region32_t *r,
		struct xp_pixmap *tile, int org_x, int org_y)
{
	int n;
	const pixman_box32_t *b =
			pixman_region32_rectangles((pixman_region32_t *)r, &n);
	int tw = tile->base.width, th = tile->base.height;

	for (int i = 0; i < n; i++) {
		for (int y = b[i].y1; y < b[i].y2; y++) {
			int ty = mod(y - org_y, th);
			for (int x = b[i].x1; x < b[i].x2; x++) {
				xp_render_put_pixel(img, x, y,
						xp_render_get_pixel(tile->image,
								mod(x - org_x, tw),
								ty));
			}
		}
	}
}

void
xp_render_copy_region(pixman_image_t *src, pixman_image_t *dst,
		const pixman_region32_t *src_region, int dx, int dy)
{
	pixman_region32_t dst_region;

	pixman_region32_init(&dst_region);
	pixman_region32_copy(&dst_region, (pixman_region32_t *)src_region);
	pixman_region32_translate(&dst_region, dx, dy);
	xp_render_copy_gc(
			src, dst, &dst_region, dx, dy, GXcopy, 0xffffffffu, 32);
	pixman_region32_fini(&dst_region);
}

/* Copies the source boxes aside first when source and destination share
 * memory, so overlapping moves read the original pixels. */
static pixman_image_t *
source_for_copy(pixman_image_t *src, pixman_image_t *dst,
		const pixman_box32_t *ext, int dx, int dy, int *sx0, int *sy0)
{
	*sx0 = 0;
	*sy0 = 0;
	if (src != dst) {
		return pixman_image_ref(src);
	}
	int x1 = ext->x1 - dx, y1 = ext->y1 - dy;
	int w = ext->x2 - ext->x1, h = ext->y2 - ext->y1;
	pixman_image_t *tmp = pixman_image_create_bits(
			pixman_image_get_format(src), w, h, NULL, 0);
	if (tmp == NULL) {
		return NULL;
	}
	pixman_image_composite32(PIXMAN_OP_SRC, src, NULL, tmp, x1, y1, 0, 0, 0,
			0, w, h);
	*sx0 = x1;
	*sy0 = y1;
	return tmp;
}

void
xp_render_copy_gc(pixman_image_t *src, pixman_image_t *dst,
		const pixman_region32_t *region, int dx, int dy,
		uint8_t function, uint32_t plane_mask, uint8_t depth)
{
	uint32_t dmask = xp_depth_mask(depth);
	const pixman_box32_t *ext =
			pixman_region32_extents((pixman_region32_t *)region);
	int n, sx0, sy0;
	const pixman_box32_t *b;
	pixman_image_t *s;

	if (!pixman_region32_not_empty((pixman_region32_t *)region)) {
		return;
	}
	s = source_for_copy(src, dst, ext, dx, dy, &sx0, &sy0);
	if (s == NULL) {
		return;
	}
	b = pixman_region32_rectangles((pixman_region32_t *)region, &n);
	bool fast = function == GXcopy && (plane_mask & dmask) == dmask &&
		    image_depth(dst) != 1;
	for (int i = 0; i < n; i++) {
		int w = b[i].x2 - b[i].x1, h = b[i].y2 - b[i].y1;
		int sx = b[i].x1 - dx - sx0, sy = b[i].y1 - dy - sy0;
		if (fast) {
			pixman_image_composite32(PIXMAN_OP_SRC, s, NULL, dst,
					sx, sy, 0, 0, b[i].x1, b[i].y1, w, h);
			continue;
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				uint32_t sv = xp_render_get_pixel(
						s, sx + x, sy + y);
				uint32_t dv = xp_render_get_pixel(
						dst, b[i].x1 + x, b[i].y1 + y);
				uint32_t r = xp_render_rop(function, sv, dv);
				r = ((r & plane_mask) | (dv & ~plane_mask)) &
				    dmask;
				xp_render_put_pixel(dst, b[i].x1 + x,
						b[i].y1 + y, r);
			}
		}
	}
	pixman_image_unref(s);
}

void
xp_render_fill_pixel(pixman_image_t *img, const pixman_region32_t *region,
		uint32_t pixel, uint8_t function, uint32_t plane_mask,
		uint8_t depth)
{
	uint32_t dmask = xp_depth_mask(depth);
	int n;
	const pixman_box32_t *b = pixman_region32_rectangles(
			(pixman_region32_t *)region, &n);

	pixel &= dmask;
	if ((function == GXcopy || function == GXclear || function == GXset ||
			    function == GXcopyInverted) &&
			(plane_mask & dmask) == dmask) {
		uint32_t v = xp_render_rop(function, pixel, 0) & dmask;
		for (int i = 0; i < n; i++) {
			fill_box_copy(img, &b[i], v);
		}
		return;
	}
	for (int i = 0; i < n; i++) {
		for (int y = b[i].y1; y < b[i].y2; y++) {
			for (int x = b[i].x1; x < b[i].x2; x++) {
				uint32_t dv = xp_render_get_pixel(img, x, y);
				uint32_t r = xp_render_rop(function, pixel, dv);
				r = ((r & plane_mask) | (dv & ~plane_mask)) &
				    dmask;
				xp_render_put_pixel(img, x, y, r);
			}
		}
	}
}

void
xp_render_fill(pixman_image_t *img, const pixman_region32_t *region,
		const struct xp_gc *gc, int ox, int oy, uint8_t depth)
{
	uint32_t dmask = xp_depth_mask(depth);
	int n;
	const pixman_box32_t *b;

	if (gc->fill_style == FillSolid ||
			(gc->fill_style == FillTiled && gc->tile == NULL)) {
		xp_render_fill_pixel(img, region,
				gc->fill_style == FillSolid ? gc->foreground
							    : gc->tile_pixel,
				gc->function, gc->plane_mask, depth);
		return;
	}
	if (gc->fill_style != FillTiled && gc->stipple == NULL) {
		/* The default stipple is all ones. */
		xp_render_fill_pixel(img, region, gc->foreground, gc->function,
				gc->plane_mask, depth);
		return;
	}
	const struct xp_pixmap *pat =
			gc->fill_style == FillTiled ? gc->tile : gc->stipple;
	int pw = pat->base.width, ph = pat->base.height;
	int px0 = ox + gc->ts_x, py0 = oy + gc->ts_y;

	b = pixman_region32_rectangles((pixman_region32_t *)region, &n);
	for (int i = 0; i < n; i++) {
		for (int y = b[i].y1; y < b[i].y2; y++) {
			int py = mod(y - py0, ph);
			for (int x = b[i].x1; x < b[i].x2; x++) {
				uint32_t pv = xp_render_get_pixel(pat->image,
						mod(x - px0, pw), py);
				uint32_t sv;
				if (gc->fill_style == FillTiled) {
					sv = pv;
				} else if (pv) {
					sv = gc->foreground;
				} else if (gc->fill_style ==
						FillOpaqueStippled) {
					sv = gc->background;
				} else {
					continue;
				}
				uint32_t dv = xp_render_get_pixel(img, x, y);
				uint32_t r = xp_render_rop(
						gc->function, sv, dv);
				r = ((r & gc->plane_mask) |
						    (dv & ~gc->plane_mask)) &
				    dmask;
				xp_render_put_pixel(img, x, y, r);
			}
		}
	}
}
