/* Differential: drawing against Xvfb, simple cases only (exact
 * rasterization is compared elsewhere): each primitive on a pixmap and on a
 * window, read back with GetImage; CopyArea/CopyPlane with GraphicsExpose
 * and NoExpose; PutImage/GetImage formats and depths; ClearArea; errors. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

struct scene {
	xcb_pixmap_t pix;
	xcb_window_t win;
	xcb_gcontext_t gc, black;
};

static void
scene(struct dt *d, struct scene *s)
{
	xcb_connection_t *c = d->c;
	uint32_t wv[] = { 0, XCB_EVENT_MASK_EXPOSURE };
	uint32_t fg = 0xff8040;
	xcb_rectangle_t all = { 0, 0, 16, 16 };

	s->pix = xcb_generate_id(c);
	s->win = xcb_generate_id(c);
	s->gc = xcb_generate_id(c);
	s->black = xcb_generate_id(c);
	V(c, xcb_create_pixmap_checked(c, 24, s->pix, d->root, 16, 16));
	V(c, xcb_create_window_checked(c, 0, s->win, d->root, 0, 0, 16, 16, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, wv));
	V(c, xcb_map_window_checked(c, s->win));
	V(c, xcb_create_gc_checked(c, s->gc, d->root, XCB_GC_FOREGROUND, &fg));
	V(c, xcb_create_gc_checked(c, s->black, d->root, 0, NULL));
	uint32_t zero = 0;
	V(c, xcb_change_gc_checked(c, s->black, XCB_GC_FOREGROUND, &zero));
	V(c, xcb_poly_fill_rectangle_checked(c, s->pix, s->black, 1, &all));
}

static void
readback(struct dt *d, struct scene *s)
{
	xcb_connection_t *c = d->c;

	KNOWN("simple primitives on a window read back differently "
	      "(rasterization, issue elsewhere)");
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s->pix, 0, 0, 16, 16,
			     0xffffff));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s->win, 0, 0, 16, 16,
			     0xffffff));
}

DIFF(primitives)
{
	xcb_connection_t *c = d->c;
	struct scene s;
	xcb_point_t pts[] = { { 1, 1 }, { 14, 2 }, { 8, 13 } };
	xcb_segment_t seg[] = { { 0, 0, 15, 15 }, { 0, 15, 15, 0 } };
	xcb_rectangle_t rect[] = { { 2, 2, 10, 5 } };
	xcb_arc_t arc[] = { { 1, 1, 12, 12, 0, 360 * 64 } };

	scene(d, &s);
	xcb_drawable_t dr[] = { s.pix, s.win };
	for (int i = 0; i < 2; i++) {
		V(c, xcb_poly_point_checked(c, 0, dr[i], s.gc, 3, pts));
		V(c, xcb_poly_line_checked(c, 0, dr[i], s.gc, 3, pts));
		V(c, xcb_poly_segment_checked(c, dr[i], s.gc, 2, seg));
		V(c, xcb_poly_rectangle_checked(c, dr[i], s.gc, 1, rect));
		V(c, xcb_fill_poly_checked(c, dr[i], s.gc, 0, 0, 3, pts));
		V(c, xcb_poly_fill_rectangle_checked(c, dr[i], s.gc, 1, rect));
	}
	readback(d, &s);
	V(c, xcb_poly_arc_checked(c, s.pix, s.gc, 1, arc));
	V(c, xcb_poly_fill_arc_checked(c, s.win, s.gc, 1, arc));
	V(c, xcb_clear_area_checked(c, 0, s.win, 4, 4, 4, 4));
	readback(d, &s);
	/* errors: bad drawable, bad gc, depth mismatch, coordinate mode,
	 * shape, odd lengths */
	V(c, xcb_poly_point_checked(c, 2, s.pix, s.gc, 3, pts));
	V(c, xcb_poly_line_checked(c, 2, s.pix, s.gc, 3, pts));
	V(c, xcb_poly_point_checked(c, 0, 0x1234, s.gc, 3, pts));
	V(c, xcb_poly_point_checked(c, 0, s.pix, 0x1234, 3, pts));
	V(c, xcb_fill_poly_checked(c, s.pix, s.gc, 3, 0, 3, pts));
	V(c, xcb_fill_poly_checked(c, s.pix, s.gc, 0, 2, 3, pts));
	xcb_pixmap_t p8 = xcb_generate_id(c);
	V(c, xcb_create_pixmap_checked(c, 8, p8, d->root, 4, 4));
	V(c, xcb_poly_fill_rectangle_checked(c, p8, s.gc, 1, rect));
	RAW(c, X_PolySegment, 0, 4, s.pix, s.gc, 0);
	RAW(c, X_PolyRectangle, 0, 4, s.pix, s.gc, 0);
	RAW(c, X_PolyArc, 0, 5, s.pix, s.gc, 0, 0);
	RAW(c, X_FillPoly, 0, 3, s.pix, s.gc);
}

DIFF(copy)
{
	xcb_connection_t *c = d->c;
	struct scene s;
	xcb_rectangle_t rect[] = { { 2, 2, 6, 6 } };
	uint32_t on = 1;

	scene(d, &s);
	V(c, xcb_poly_fill_rectangle_checked(c, s.pix, s.gc, 1, rect));
	V(c, xcb_change_gc_checked(c, s.gc, XCB_GC_GRAPHICS_EXPOSURES, &on));
	V(c, xcb_copy_area_checked(c, s.pix, s.win, s.gc, 0, 0, 4, 4, 10, 10));
	V(c, xcb_copy_area_checked(
			     c, s.pix, s.pix, s.gc, 10, 10, 0, 0, 10, 10));
	V(c, xcb_copy_area_checked(
			     c, s.win, s.pix, s.gc, -5, -5, 0, 0, 10, 10));
	V(c, xcb_copy_plane_checked(
			     c, s.pix, s.win, s.gc, 0, 0, 0, 0, 8, 8, 1 << 7));
	readback(d, &s);
	V(c, xcb_copy_plane_checked(
			     c, s.pix, s.win, s.gc, 0, 0, 0, 0, 8, 8, 3));
	V(c, xcb_copy_plane_checked(
			     c, s.pix, s.win, s.gc, 0, 0, 0, 0, 8, 8, 0));
	V(c, xcb_copy_plane_checked(
			     c, s.pix, s.win, s.gc, 0, 0, 0, 0, 8, 8, 1 << 24));
	xcb_pixmap_t p8 = xcb_generate_id(c);
	V(c, xcb_create_pixmap_checked(c, 8, p8, d->root, 4, 4));
	V(c, xcb_copy_area_checked(c, p8, s.pix, s.gc, 0, 0, 0, 0, 4, 4));
	V(c, xcb_copy_area_checked(c, 0x1234, s.pix, s.gc, 0, 0, 0, 0, 4, 4));
	V(c, xcb_copy_area_checked(c, s.pix, 0x1234, s.gc, 0, 0, 0, 0, 4, 4));
	RAW(c, X_CopyArea, 0, 6, s.pix, s.pix, s.gc, 0, 0);
}

DIFF(images)
{
	xcb_connection_t *c = d->c;
	struct scene s;
	uint32_t z[4] = { 0x112233, 0x445566, 0x778899, 0xaabbcc };
	uint8_t bits[8] = { 0x5, 0, 0, 0, 0xa, 0, 0, 0 };

	scene(d, &s);
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s.pix, s.gc, 2,
			     2, 1, 1, 0, 24, sizeof(z), (uint8_t *)z));
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_XY_BITMAP, s.win, s.gc,
			     4, 2, 3, 3, 0, 1, sizeof(bits), bits));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s.pix, 0, 0, 4, 4,
			     ~0u));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_XY_PIXMAP, s.pix, 0, 0, 4, 2,
			     0xff));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s.win, 0, 0, 8, 4,
			     0x00ff00));
	xcb_pixmap_t p1 = xcb_generate_id(c), p8 = xcb_generate_id(c);
	xcb_gcontext_t g1 = xcb_generate_id(c);
	V(c, xcb_create_pixmap_checked(c, 1, p1, d->root, 8, 2));
	V(c, xcb_create_pixmap_checked(c, 8, p8, d->root, 8, 2));
	V(c, xcb_create_gc_checked(c, g1, p1, 0, NULL));
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_XY_BITMAP, p1, g1, 0, 0,
			     8, 2, 0, 1, sizeof(bits), bits));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, p1, 0, 0, 8, 2, ~0u));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_XY_PIXMAP, p1, 0, 0, 8, 2, ~0u));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, p8, 0, 0, 8, 2, ~0u));
	/* errors */
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s.pix, s.gc, 0,
			     0, 1, 1, 0, 8, 4, (uint8_t *)z));
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_XY_BITMAP, s.pix, s.gc,
			     0, 0, 1, 1, 0, 24, 4, (uint8_t *)z));
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s.pix, s.gc, 0,
			     0, 1, 1, 1, 24, 4, (uint8_t *)z));
	V(c, xcb_put_image_checked(c, 3, s.pix, s.gc, 0, 0, 1, 1, 0, 24, 4,
			     (uint8_t *)z));
	V(c, xcb_put_image_checked(c, XCB_IMAGE_FORMAT_Z_PIXMAP, s.pix, s.gc, 0,
			     0, 4, 4, 0, 24, 4, (uint8_t *)z));
	R(c, xcb_get_image(c, 3, s.pix, 0, 0, 1, 1, ~0u));
	R(c, xcb_get_image(c, 1, s.pix, 0, 0, 1, 1, ~0u));
	R(c, xcb_get_image(c, 2, s.pix, 10, 10, 10, 10, ~0u));
	R(c, xcb_get_image(c, 2, s.win, -1, 0, 1, 1, ~0u));
	R(c, xcb_get_image(c, 2, 0x1234, 0, 0, 1, 1, ~0u));
	RAW(c, X_GetImage, 2, 4, s.pix, 0, 0x10001);
}

DIFF(pixmaps)
{
	xcb_connection_t *c = d->c;
	xcb_pixmap_t p = xcb_generate_id(c);

	V(c, xcb_create_pixmap_checked(c, 24, p, d->root, 0, 1));
	V(c, xcb_create_pixmap_checked(c, 24, p, d->root, 1, 0));
	V(c, xcb_create_pixmap_checked(c, 7, p, d->root, 1, 1));
	V(c, xcb_create_pixmap_checked(c, 24, p, 0x1234, 1, 1));
	V(c, xcb_create_pixmap_checked(c, 32, p, d->root, 1, 1));
	V(c, xcb_create_pixmap_checked(c, 24, p, p, 1, 1));
	R(c, xcb_get_geometry(c, p));
	V(c, xcb_free_pixmap_checked(c, p));
	V(c, xcb_free_pixmap_checked(c, p));
	RAW(c, X_CreatePixmap, 24, 3, p, d->root);
	RAW(c, X_FreePixmap, 0, 1);
}
