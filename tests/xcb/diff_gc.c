/* Differential: GCs against Xvfb: CreateGC with every value, ChangeGC,
 * CopyGC, SetDashes, SetClipRectangles, FreeGC and their errors. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

DIFF(create_change)
{
	xcb_connection_t *c = d->c;
	xcb_gcontext_t gc = xcb_generate_id(c), gc2 = xcb_generate_id(c);
	xcb_pixmap_t p8 = xcb_generate_id(c), p1 = xcb_generate_id(c);
	xcb_font_t f = xcb_generate_id(c);

	V(c, xcb_create_pixmap_checked(c, 8, p8, d->root, 4, 4));
	V(c, xcb_create_pixmap_checked(c, 1, p1, d->root, 4, 4));
	V(c, xcb_open_font_checked(c, f, 5, "fixed"));
	uint32_t all[] = { XCB_GX_XOR, 0xffffff, 1, 2, 3,
		XCB_LINE_STYLE_ON_OFF_DASH, XCB_CAP_STYLE_ROUND,
		XCB_JOIN_STYLE_BEVEL, XCB_FILL_STYLE_SOLID,
		XCB_FILL_RULE_WINDING, 0, p1, 1, 2, f,
		XCB_SUBWINDOW_MODE_INCLUDE_INFERIORS, 0, 3, 4, XCB_NONE, 1, 4,
		XCB_ARC_MODE_CHORD };
	V(c, xcb_create_gc_checked(
			     c, gc, d->root, 0x7fffff & ~XCB_GC_TILE, all));
	V(c, xcb_create_gc_checked(c, gc, d->root, 0, NULL));
	V(c, xcb_create_gc_checked(c, gc2, 0x1234, 0, NULL));
	V(c, xcb_create_gc_checked(c, gc2, d->root, XCB_GC_TILE, &p8));
	V(c, xcb_create_gc_checked(c, gc2, d->root, XCB_GC_STIPPLE, &p8));
	uint32_t bad_values[][2] = {
		{ XCB_GC_FUNCTION, 16 },
		{ XCB_GC_LINE_STYLE, 3 },
		{ XCB_GC_CAP_STYLE, 4 },
		{ XCB_GC_JOIN_STYLE, 3 },
		{ XCB_GC_FILL_STYLE, 4 },
		{ XCB_GC_FILL_RULE, 2 },
		{ XCB_GC_SUBWINDOW_MODE, 2 },
		{ XCB_GC_GRAPHICS_EXPOSURES, 2 },
		{ XCB_GC_DASH_LIST, 0 },
		{ XCB_GC_ARC_MODE, 2 },
		{ XCB_GC_FONT, 0x1234 },
		{ XCB_GC_TILE, 0x1234 },
		{ XCB_GC_STIPPLE, 0x1234 },
		{ XCB_GC_CLIP_MASK, 0x1234 },
		{ XCB_GC_CLIP_MASK, 0 },
	};
	for (size_t i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]);
			i++) {
		KNOWN("ChangeGC with a bad font/pixmap id: Xvfb reports "
		      "value 0, the protocol the failing id, which we keep");
		V(c, xcb_change_gc_checked(c, gc, bad_values[i][0],
				     &bad_values[i][1]));
	}
	V(c, xcb_change_gc_checked(c, 0x1234, XCB_GC_FUNCTION, all));
	V(c, xcb_change_gc_checked(c, gc, XCB_GC_CLIP_MASK, &p8));
	RAW(c, X_ChangeGC, 0, 4, gc, 0x800000, 0);
	RAW(c, X_ChangeGC, 0, 4, gc, 0x3, 0);
	RAW(c, X_CreateGC, 0, 4, gc2, d->root, 0);
	V(c, xcb_copy_gc_checked(c, gc, gc2, XCB_GC_FUNCTION));
	V(c, xcb_create_gc_checked(c, gc2, d->root, 0, NULL));
	V(c, xcb_copy_gc_checked(c, gc, gc2, 0x7fffff));
	V(c, xcb_copy_gc_checked(c, gc, gc2, 0x800000));
	V(c, xcb_copy_gc_checked(c, 0x1234, gc2, 1));
	xcb_gcontext_t gc8 = xcb_generate_id(c);
	V(c, xcb_create_gc_checked(c, gc8, p8, 0, NULL));
	V(c, xcb_copy_gc_checked(c, gc, gc8, 1));
	V(c, xcb_free_gc_checked(c, gc8));
	V(c, xcb_free_gc_checked(c, gc8));
	RAW(c, X_FreeGC, 0, 1);
}

DIFF(dashes_clip)
{
	xcb_connection_t *c = d->c;
	xcb_gcontext_t gc = xcb_generate_id(c);
	uint8_t dash[] = { 1, 2, 3 };
	uint8_t zero[] = { 1, 0 };
	xcb_rectangle_t r[] = { { 0, 0, 2, 2 }, { 5, 5, 3, 3 },
		{ 1, 1, 2, 2 } };

	V(c, xcb_create_gc_checked(c, gc, d->root, 0, NULL));
	V(c, xcb_set_dashes_checked(c, gc, 0, 3, dash));
	V(c, xcb_set_dashes_checked(c, gc, 0, 0, dash));
	V(c, xcb_set_dashes_checked(c, gc, 0, 2, zero));
	V(c, xcb_set_dashes_checked(c, 0x1234, 0, 3, dash));
	RAW(c, X_SetDashes, 0, 3, gc, 0x00080000);
	for (uint8_t o = 0; o < 4; o++) {
		V(c, xcb_set_clip_rectangles_checked(c, o, gc, 0, 0, 2, r));
	}
	KNOWN("SetClipRectangles: Xvfb checks the claimed ordering (BadMatch), "
	      "xproxy does not");
	V(c, xcb_set_clip_rectangles_checked(
			     c, XCB_CLIP_ORDERING_YX_SORTED, gc, 0, 0, 3, r));
	KNOWN("SetClipRectangles: Xvfb checks the claimed ordering (BadMatch), "
	      "xproxy does not");
	V(c, xcb_set_clip_rectangles_checked(
			     c, XCB_CLIP_ORDERING_YX_BANDED, gc, 0, 0, 3, r));
	V(c, xcb_set_clip_rectangles_checked(c, 4, gc, 0, 0, 2, r));
	V(c, xcb_set_clip_rectangles_checked(c, 0, 0x1234, 0, 0, 2, r));
	V(c, xcb_set_clip_rectangles_checked(c, 0, gc, 0, 0, 0, r));
	RAW(c, X_SetClipRectangles, 0, 4, gc, 0, 0);
}
