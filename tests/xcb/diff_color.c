/* Differential: colormaps and colours against Xvfb, on the TrueColor
 * default visual: create/free/copy/install, allocation (read-only and the
 * errors read-write cells give), queries, stores, and ColormapNotify. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

DIFF(colormaps)
{
	xcb_connection_t *c = d->c;
	xcb_colormap_t m = xcb_generate_id(c), m2 = xcb_generate_id(c);
	xcb_window_t w = xcb_generate_id(c);
	uint32_t mask = XCB_EVENT_MASK_COLOR_MAP_CHANGE;

	V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 5, 5, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_EVENT_MASK, &mask));
	V(c, xcb_create_colormap_checked(
			     c, XCB_COLORMAP_ALLOC_NONE, m, w, d->visual));
	V(c, xcb_create_colormap_checked(
			     c, XCB_COLORMAP_ALLOC_ALL, m2, w, d->visual));
	V(c, xcb_create_colormap_checked(c, 2, m2, w, d->visual));
	V(c, xcb_create_colormap_checked(c, 0, m2, 0x1234, d->visual));
	V(c, xcb_create_colormap_checked(c, 0, m2, w, 0x7777));
	V(c, xcb_create_colormap_checked(c, 0, m, w, d->visual));
	V(c, xcb_change_window_attributes_checked(c, w, XCB_CW_COLORMAP, &m));
	V(c, xcb_install_colormap_checked(c, m));
	R(c, xcb_list_installed_colormaps(c, d->root));
	V(c, xcb_uninstall_colormap_checked(c, m));
	R(c, xcb_list_installed_colormaps(c, d->root));
	V(c, xcb_install_colormap_checked(c, 0x1234));
	V(c, xcb_uninstall_colormap_checked(c, 0x1234));
	R(c, xcb_list_installed_colormaps(c, 0x1234));
	V(c, xcb_copy_colormap_and_free_checked(c, m2, m));
	V(c, xcb_copy_colormap_and_free_checked(c, m2, m));
	V(c, xcb_copy_colormap_and_free_checked(c, xcb_generate_id(c), 0x1234));
	V(c, xcb_free_colormap_checked(c, m));
	V(c, xcb_free_colormap_checked(c, m));
	V(c, xcb_free_colormap_checked(c, d->cmap));
	R(c, xcb_get_window_attributes(c, w));
	/* freeing the installed map brings the default one back */
	V(c, xcb_change_window_attributes_checked(c, w, XCB_CW_COLORMAP, &m2));
	V(c, xcb_install_colormap_checked(c, m2));
	R(c, xcb_get_window_attributes(c, w));
	V(c, xcb_free_colormap_checked(c, m2));
	R(c, xcb_list_installed_colormaps(c, d->root));
	R(c, xcb_get_window_attributes(c, w));
	RAW(c, X_CreateColormap, 0, 3, m, w);
	RAW(c, X_FreeColormap, 0, 1);
}

DIFF(alloc)
{
	xcb_connection_t *c = d->c;
	xcb_colormap_t m = d->cmap;

	R(c, xcb_alloc_color(c, m, 0x1234, 0x5678, 0x9abc));
	R(c, xcb_alloc_color(c, m, 0xffff, 0, 0x8000));
	R(c, xcb_alloc_color(c, 0x1234, 0, 0, 0));
	R(c, xcb_alloc_named_color(c, m, 3, "red"));
	R(c, xcb_alloc_named_color(c, m, 10, "light Blue"));
	R(c, xcb_alloc_named_color(c, m, 7, "nocolor"));
	R(c, xcb_alloc_named_color(c, m, 8, "#ff0080"));
	R(c, xcb_lookup_color(c, m, 11, "DarkSeaGreen"));
	R(c, xcb_lookup_color(c, m, 7, "nocolor"));
	R(c, xcb_lookup_color(c, m, 4, "#abc"));
	R(c, xcb_lookup_color(c, 0x1234, 3, "red"));
	uint32_t pix[] = { 0xff0000, 0x00ff00, 0x123456 };
	R(c, xcb_query_colors(c, m, 3, pix));
	uint32_t big = 0x1000000;
	R(c, xcb_query_colors(c, m, 1, &big));
	R(c, xcb_query_colors(c, 0x1234, 1, pix));
	R(c, xcb_alloc_color_cells(c, 0, m, 1, 0));
	R(c, xcb_alloc_color_cells(c, 0, m, 0, 0));
	R(c, xcb_alloc_color_planes(c, 0, m, 1, 0, 0, 0));
	V(c, xcb_free_colors_checked(c, m, 0, 1, pix));
	V(c, xcb_free_colors_checked(c, m, 0, 1, &big));
	V(c, xcb_free_colors_checked(c, 0x1234, 0, 1, pix));
	xcb_coloritem_t item = { 0xff0000, 1, 2, 3, 7, 0 };
	V(c, xcb_store_colors_checked(c, m, 1, &item));
	V(c, xcb_store_named_color_checked(c, 7, m, 0xff0000, 3, "red"));
	V(c, xcb_store_named_color_checked(c, 7, m, 0xff0000, 3, "xyz"));
	RAW(c, X_AllocColor, 0, 3, m, 0);
	RAW(c, X_QueryColors, 0, 1);
	RAW(c, X_AllocNamedColor, 0, 3, m, 100);
}
