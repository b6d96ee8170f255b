/* Differential: core fonts against Xvfb (the same libXfont2 and
 * xfonts-base): open/close, queries, lists, text extents, font path, text
 * drawing requests and glyph cursors, with their errors. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

DIFF(open_query)
{
	xcb_connection_t *c = d->c;
	xcb_font_t f = xcb_generate_id(c), g = xcb_generate_id(c);
	xcb_char2b_t s[] = { { 0, 'A' }, { 0, 'g' } };

	V(c, xcb_open_font_checked(c, f, 5, "fixed"));
	V(c, xcb_open_font_checked(c, f, 4, "6x13"));
	V(c, xcb_open_font_checked(c, g, 8, "no-such!"));
	V(c, xcb_open_font_checked(c, g, 0, ""));
	V(c, xcb_open_font_checked(c, g, 4, "6x13"));
	KNOWN("font property values that are atoms differ in number (not "
	      "normalised)");
	R(c, xcb_query_font(c, g));
	R(c, xcb_query_text_extents(c, f, 2, s));
	R(c, xcb_query_text_extents(c, f, 0, s));
	R(c, xcb_query_font(c, 0x1234));
	R(c, xcb_query_text_extents(c, 0x1234, 2, s));
	xcb_gcontext_t gc = xcb_generate_id(c);
	V(c, xcb_create_gc_checked(c, gc, d->root, XCB_GC_FONT, &f));
	R(c, xcb_query_text_extents(c, gc, 2, s));
	KNOWN("font property values that are atoms differ in number (not "
	      "normalised)");
	R(c, xcb_query_font(c, gc));
	V(c, xcb_close_font_checked(c, g));
	V(c, xcb_close_font_checked(c, g));
	RAW(c, X_OpenFont, 0, 3, g, 100);
	RAW(c, X_QueryFont, 0, 1);
	RAW(c, X_CloseFont, 0, 3, f);
}

DIFF(lists)
{
	xcb_connection_t *c = d->c;

	R(c, xcb_list_fonts(c, 10, 6, "*x13-*"));
	R(c, xcb_list_fonts(c, 3, 1, "*"));
	R(c, xcb_list_fonts(c, 10, 8, "no-such*"));
	R(c, xcb_list_fonts(c, 10, 5, "fixed"));
	R(c, xcb_list_fonts(c, 0, 5, "fixed"));
	KNOWN("font property values that are atoms differ in number (not "
	      "normalised)");
	R(c, xcb_list_fonts_with_info(c, 1, 4, "6x13"));
	RAW(c, X_ListFonts, 0, 2, 0x00640001);
	R(c, xcb_get_font_path(c));
	V(c, xcb_set_font_path_checked(c, 0, NULL));
	R(c, xcb_get_font_path(c));
	R(c, xcb_list_fonts(c, 10, 5, "fixed"));
	xcb_str_t *bad = (xcb_str_t *)"\x0e/no/such/dir/";
	V(c, xcb_set_font_path_checked(c, 1, bad));
	RAW(c, X_SetFontPath, 0, 3, 1, 0x41410a);
}

DIFF(text)
{
	xcb_connection_t *c = d->c;
	xcb_font_t f = xcb_generate_id(c);
	xcb_pixmap_t p = xcb_generate_id(c);
	xcb_gcontext_t gc = xcb_generate_id(c), nofont = xcb_generate_id(c);
	uint32_t fg = 0xffffff;
	xcb_char2b_t s16[] = { { 0, 'H' }, { 0, 'i' } };

	V(c, xcb_open_font_checked(c, f, 4, "6x13"));
	V(c, xcb_create_pixmap_checked(c, 24, p, d->root, 24, 16));
	uint32_t v[] = { fg, f };
	V(c, xcb_create_gc_checked(
			     c, gc, p, XCB_GC_FOREGROUND | XCB_GC_FONT, v));
	V(c, xcb_create_gc_checked(c, nofont, p, 0, NULL));
	V(c, xcb_image_text_8_checked(c, 2, p, gc, 1, 11, "Hi"));
	V(c, xcb_image_text_16_checked(c, 2, p, gc, 13, 11, s16));
	R(c, xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, p, 0, 0, 24, 16,
			     0xffffff));
	uint8_t items[] = { 2, 0, 'H', 'i', 255, 0, 0, 0, 0 };
	V(c, xcb_poly_text_8_checked(c, p, gc, 1, 11, 4, items));
	uint8_t fitems[] = { 255, 0, 0, 0x12, 0x34 };
	KNOWN("PolyText font switch to a bad font: Xvfb reports value 0, "
	      "the protocol the failing id, which we keep");
	V(c, xcb_poly_text_8_checked(c, p, gc, 1, 11, 5, fitems));
	V(c, xcb_image_text_8_checked(c, 2, 0x1234, gc, 1, 11, "Hi"));
	V(c, xcb_image_text_8_checked(c, 2, p, 0x1234, 1, 11, "Hi"));
	RAW(c, X_ImageText8, 10, 4, p, gc, 0);
	RAW(c, X_PolyText8, 0, 3, p, gc);
}

DIFF(cursors)
{
	xcb_connection_t *c = d->c;
	xcb_font_t f = xcb_generate_id(c);
	xcb_cursor_t cur = xcb_generate_id(c), cur2 = xcb_generate_id(c);
	xcb_pixmap_t p1 = xcb_generate_id(c), p24 = xcb_generate_id(c);

	V(c, xcb_open_font_checked(c, f, 6, "cursor"));
	V(c, xcb_create_glyph_cursor_checked(c, cur, f, f, 68, 69, 0, 0, 0,
			     0xffff, 0xffff, 0xffff));
	V(c, xcb_create_glyph_cursor_checked(
			     c, cur2, f, f, 1000, 69, 0, 0, 0, 0, 0, 0));
	V(c, xcb_create_glyph_cursor_checked(
			     c, cur2, f, f, 68, 1000, 0, 0, 0, 0, 0, 0));
	V(c, xcb_create_glyph_cursor_checked(
			     c, cur2, 0x1234, f, 68, 69, 0, 0, 0, 0, 0, 0));
	V(c, xcb_create_glyph_cursor_checked(
			     c, cur2, f, 0x1234, 68, 69, 0, 0, 0, 0, 0, 0));
	V(c, xcb_create_pixmap_checked(c, 1, p1, d->root, 8, 8));
	V(c, xcb_create_pixmap_checked(c, 24, p24, d->root, 8, 8));
	V(c, xcb_create_cursor_checked(
			     c, cur2, p1, p1, 0, 0, 0, 0, 0, 0, 1, 1));
	V(c, xcb_free_cursor_checked(c, cur2));
	V(c, xcb_create_cursor_checked(
			     c, cur2, p24, 0, 0, 0, 0, 0, 0, 0, 1, 1));
	V(c, xcb_create_cursor_checked(
			     c, cur2, p1, p24, 0, 0, 0, 0, 0, 0, 1, 1));
	V(c, xcb_create_cursor_checked(c, cur2, p1, 0, 0, 0, 0, 0, 0, 0, 9, 1));
	/* the hot spot on the far corner, as GDK's blank cursor has it */
	V(c, xcb_create_cursor_checked(
			     c, cur2, p1, p1, 0, 0, 0, 0, 0, 0, 8, 8));
	V(c, xcb_free_cursor_checked(c, cur2));
	V(c, xcb_create_cursor_checked(c, cur2, p1, 0, 0, 0, 0, 0, 0, 0, 1, 9));
	V(c, xcb_create_cursor_checked(
			     c, cur2, 0x1234, 0, 0, 0, 0, 0, 0, 0, 1, 1));
	V(c, xcb_recolor_cursor_checked(c, cur, 1, 2, 3, 4, 5, 6));
	V(c, xcb_recolor_cursor_checked(c, 0x1234, 1, 2, 3, 4, 5, 6));
	V(c, xcb_free_cursor_checked(c, cur));
	V(c, xcb_free_cursor_checked(c, cur));
	R(c, xcb_query_best_size(c, XCB_QUERY_SHAPE_OF_LARGEST_CURSOR, d->root,
			     20, 20));
	KNOWN("QueryBestSize: Xvfb answers 32x32 for cursors");
	R(c, xcb_query_best_size(c, XCB_QUERY_SHAPE_OF_FASTEST_TILE, d->root,
			     20, 20));
	KNOWN("QueryBestSize: tile/stipple sizes differ");
	R(c, xcb_query_best_size(c, XCB_QUERY_SHAPE_OF_FASTEST_STIPPLE, d->root,
			     3, 5));
	R(c, xcb_query_best_size(c, 3, d->root, 3, 5));
	R(c, xcb_query_best_size(c, 0, 0x1234, 3, 5));
	RAW(c, X_CreateGlyphCursor, 0, 7, cur2, f, f, 0x00450044, 0, 0);
	RAW(c, X_FreeCursor, 0, 1);
}
