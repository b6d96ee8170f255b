/* Differential: windows against Xvfb. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

DIFF(smoke)
{
	xcb_connection_t *c = d->c;
	xcb_window_t w = xcb_generate_id(c);

	V(c, xcb_create_window_checked(c, 0, w, d->root, 10, 20, 100, 50, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	R(c, xcb_get_geometry(c, w));
	R(c, xcb_query_tree(c, d->root));
	R(c, xcb_get_window_attributes(c, w));
	RAW(c, X_GetGeometry, 0, 3, w);
	V(c, xcb_map_window_checked(c, 0x1234));
}
