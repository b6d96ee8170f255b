/* Painting pixels: regions filled under GC state (function, plane mask,
 * fill style), copies, and backgrounds. Geometry (which pixels) is decided
 * elsewhere (raster.c, text, images); here only what goes into them. */
#ifndef XPROXY_RENDER_H
#define XPROXY_RENDER_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

struct xp_gc;
struct xp_pixmap;

/* The mask of meaningful bits for a depth. */
static inline uint32_t
xp_depth_mask(uint8_t depth)
{
	return depth >= 32 ? 0xffffffffu : (1u << depth) - 1;
}

uint32_t xp_render_get_pixel(pixman_image_t *img, int x, int y);
void xp_render_put_pixel(pixman_image_t *img, int x, int y, uint32_t v);
/* X's 16 raster operations. */
uint32_t xp_render_rop(uint8_t function, uint32_t src, uint32_t dst);

/* Plain copy-mode fills (backgrounds, borders). */
void xp_render_solid_region(pixman_image_t *img, const pixman_region32_t *r,
		uint32_t pixel);
void xp_render_tile_region(pixman_image_t *img, const pixman_region32_t *r,
		struct xp_pixmap *tile, int org_x, int org_y);
/* Copies src_region of src to the same region moved by (dx, dy) in dst;
 * src and dst may be the same image and overlap. */
void xp_render_copy_region(pixman_image_t *src, pixman_image_t *dst,
		const pixman_region32_t *src_region, int dx, int dy);

/* Fills region (image coordinates) of img with the GC's fill style,
 * function and plane mask. (ox, oy) is the drawable's origin in the
 * image, which tile and stipple origins are relative to. depth is the
 * drawable's. When fg_only, a stipple's zero bits are skipped even for
 * FillOpaqueStippled (glyphs). */
void xp_render_fill(pixman_image_t *img, const pixman_region32_t *region,
		const struct xp_gc *gc, int ox, int oy, uint8_t depth);
/* Fills region with one pixel under function and plane mask only. */
void xp_render_fill_pixel(pixman_image_t *img, const pixman_region32_t *region,
		uint32_t pixel, uint8_t function, uint32_t plane_mask,
		uint8_t depth);
/* CopyArea's pixel transfer: region is in destination image coordinates;
 * the source pixel for (x, y) is src at (x - dx, y - dy). */
void xp_render_copy_gc(pixman_image_t *src, pixman_image_t *dst,
		const pixman_region32_t *region, int dx, int dy,
		uint8_t function, uint32_t plane_mask, uint8_t depth);

#endif
