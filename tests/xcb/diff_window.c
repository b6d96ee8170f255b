/* Differential: window requests against Xvfb. Creation and attributes,
 * map/unmap, configure, reparent, circulate, destroy, the tree queries and
 * the save-set, with the events of the window tree in order. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

#define EV_TREE                                                                \
	(XCB_EVENT_MASK_STRUCTURE_NOTIFY |                                     \
			XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY |                   \
			XCB_EVENT_MASK_EXPOSURE |                              \
			XCB_EVENT_MASK_PROPERTY_CHANGE)

/* An InputOutput child with a white background that reports tree events. */
static xcb_window_t
window(struct dt *d, xcb_window_t parent, int16_t x, int16_t y, uint16_t w,
		uint16_t h)
{
	xcb_connection_t *c = d->c;
	xcb_window_t id = xcb_generate_id(c);
	uint32_t v[] = { d->screen->white_pixel, EV_TREE };

	V(c, xcb_create_window_checked(c, 0, id, parent, x, y, w, h, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, v));
	return id;
}

DIFF(create_window)
{
	xcb_connection_t *c = d->c;
	xcb_window_t w = xcb_generate_id(c);
	uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;

	V(c, xcb_change_window_attributes_checked(
			     c, d->root, XCB_CW_EVENT_MASK, &mask));
	V(c, xcb_create_window_checked(c, 0, w, d->root, 10, 20, 100, 50, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	R(c, xcb_get_geometry(c, w));
	R(c, xcb_query_tree(c, d->root));
	R(c, xcb_get_window_attributes(c, w));
	/* the id is taken now */
	V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	/* an id outside our range */
	V(c, xcb_create_window_checked(c, 0, 0x1234, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	xcb_window_t w2 = xcb_generate_id(c);
	V(c, xcb_create_window_checked(c, 0, w2, 0x1234, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_create_window_checked(c, 0, w2, d->root, 0, 0, 0, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_create_window_checked(c, 0, w2, d->root, 0, 0, 1, 0, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_create_window_checked(
			     c, 0, w2, d->root, 0, 0, 1, 1, 0, 7, 0, 0, NULL));
	/* InputOnly: no border, depth 0, only some attributes */
	V(c, xcb_create_window_checked(c, 0, w2, d->root, 0, 0, 1, 1, 1,
			     XCB_WINDOW_CLASS_INPUT_ONLY, 0, 0, NULL));
	V(c, xcb_create_window_checked(c, 24, w2, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_ONLY, 0, 0, NULL));
	uint32_t pixel = 0;
	V(c, xcb_create_window_checked(c, 0, w2, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_ONLY, 0, XCB_CW_BACK_PIXEL,
			     &pixel));
	V(c, xcb_create_window_checked(c, 0, w2, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_ONLY, 0, 0, NULL));
	R(c, xcb_get_window_attributes(c, w2));
	R(c, xcb_get_geometry(c, w2));
	/* an InputOutput child of an InputOnly window */
	xcb_window_t w3 = xcb_generate_id(c);
	V(c, xcb_create_window_checked(c, 0, w3, w2, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	/* depth and visual that do not go together */
	V(c, xcb_create_window_checked(c, 8, w3, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_create_window_checked(c, 0, w3, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0x7777, 0, NULL));
	/* CopyFromParent class under root is InputOutput */
	V(c, xcb_create_window_checked(c, 0, w3, d->root, 0, 0, 1, 1, 0,
			     XCB_WINDOW_CLASS_COPY_FROM_PARENT, 0, 0, NULL));
	R(c, xcb_get_window_attributes(c, w3));
	/* too short for its value mask */
	RAW(c, X_CreateWindow, 0, 8, xcb_generate_id(c), d->root, 0, 0x10001,
			0x10001, XCB_CW_BACK_PIXEL | XCB_CW_BORDER_PIXEL);
	RAW(c, X_CreateWindow, 0, 7, xcb_generate_id(c), d->root, 0, 0x10001,
			0x10001);
}

DIFF(create_window_values)
{
	xcb_connection_t *c = d->c;
	xcb_window_t w = xcb_generate_id(c);
	struct {
		uint32_t mask, value;
	} bad[] = {
		{ XCB_CW_BACK_PIXMAP, 0x1234 },
		{ XCB_CW_BORDER_PIXMAP, 0x1234 },
		{ XCB_CW_BIT_GRAVITY, 11 },
		{ XCB_CW_WIN_GRAVITY, 11 },
		{ XCB_CW_BACKING_STORE, 3 },
		{ XCB_CW_OVERRIDE_REDIRECT, 2 },
		{ XCB_CW_SAVE_UNDER, 2 },
		{ XCB_CW_EVENT_MASK, 0x2000000 },
		{ XCB_CW_DONT_PROPAGATE, 0x1 },
		{ XCB_CW_COLORMAP, 0x1234 },
		{ XCB_CW_CURSOR, 0x1234 },
		{ XCB_CW_BORDER_PIXMAP, 1 /* CopyFromParent */ },
		{ XCB_CW_BACK_PIXMAP, 1 /* ParentRelative */ },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 5, 5, 1,
				     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
				     bad[i].mask, &bad[i].value));
		xcb_destroy_window(c, w);
	}
	/* the first failing value in mask order wins */
	uint32_t two[] = { 11, 3 };
	V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 5, 5, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_BIT_GRAVITY | XCB_CW_BACKING_STORE, two));
	xcb_pixmap_t p = xcb_generate_id(c);
	V(c, xcb_create_pixmap_checked(c, 8, p, d->root, 4, 4));
	V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 5, 5, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_BACK_PIXMAP, &p));
	V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 5, 5, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_BORDER_PIXMAP, &p));
	uint32_t all[] = { XCB_BACK_PIXMAP_PARENT_RELATIVE, 0x123456, 0x654321,
		XCB_GRAVITY_STATIC, XCB_GRAVITY_SOUTH_EAST,
		XCB_BACKING_STORE_WHEN_MAPPED, 0xff, 0x1, 1, 1,
		XCB_EVENT_MASK_KEY_PRESS | EV_TREE, XCB_EVENT_MASK_BUTTON_PRESS,
		d->cmap };
	V(c, xcb_create_window_checked(c, 0, w, d->root, 0, 0, 5, 5, 1,
			     XCB_WINDOW_CLASS_INPUT_OUTPUT, 0,
			     XCB_CW_BACK_PIXMAP | XCB_CW_BACK_PIXEL |
					     XCB_CW_BORDER_PIXEL |
					     XCB_CW_BIT_GRAVITY |
					     XCB_CW_WIN_GRAVITY |
					     XCB_CW_BACKING_STORE |
					     XCB_CW_BACKING_PLANES |
					     XCB_CW_BACKING_PIXEL |
					     XCB_CW_OVERRIDE_REDIRECT |
					     XCB_CW_SAVE_UNDER |
					     XCB_CW_EVENT_MASK |
					     XCB_CW_DONT_PROPAGATE |
					     XCB_CW_COLORMAP,
			     all));
	R(c, xcb_get_window_attributes(c, w));
}

DIFF(change_window_attributes)
{
	xcb_connection_t *c = d->c;
	xcb_window_t w = window(d, d->root, 0, 0, 20, 20);
	uint32_t v[] = { XCB_GRAVITY_CENTER, XCB_GRAVITY_WIN_UNMAP, 1 };

	V(c, xcb_change_window_attributes_checked(c, w,
			     XCB_CW_BIT_GRAVITY | XCB_CW_WIN_GRAVITY |
					     XCB_CW_OVERRIDE_REDIRECT,
			     v));
	R(c, xcb_get_window_attributes(c, w));
	V(c, xcb_change_window_attributes_checked(
			     c, 0x1234, XCB_CW_BIT_GRAVITY, v));
	uint32_t bad = 11;
	V(c, xcb_change_window_attributes_checked(
			     c, w, XCB_CW_BIT_GRAVITY, &bad));
	bad = 0x1234;
	V(c, xcb_change_window_attributes_checked(c, w, XCB_CW_COLORMAP, &bad));
	V(c, xcb_change_window_attributes_checked(c, w, XCB_CW_CURSOR, &bad));
	/* ButtonPress on a window another client selected it on */
	xcb_connection_t *c1 = dt_connect(d);
	uint32_t bp = XCB_EVENT_MASK_BUTTON_PRESS;
	V(c, xcb_change_window_attributes_checked(
			     c, w, XCB_CW_EVENT_MASK, &bp));
	V(c1, xcb_change_window_attributes_checked(
			      c1, w, XCB_CW_EVENT_MASK, &bp));
	uint32_t sr = XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT;
	V(c, xcb_change_window_attributes_checked(
			     c, d->root, XCB_CW_EVENT_MASK, &sr));
	V(c1, xcb_change_window_attributes_checked(
			      c1, d->root, XCB_CW_EVENT_MASK, &sr));
	uint32_t none = 0;
	V(c, xcb_change_window_attributes_checked(
			     c, d->root, XCB_CW_EVENT_MASK, &none));
	R(c1, xcb_get_window_attributes(c1, w));
	/* the mask has a bit beyond CWCursor */
	RAW(c, X_ChangeWindowAttributes, 0, 4, w, 0x8000, 0);
	RAW(c, X_ChangeWindowAttributes, 0, 5, w, 0x10002, 0, 0);
	RAW(c, X_ChangeWindowAttributes, 0, 5, w, 0x10010, 11, 0);
	RAW(c, X_ChangeWindowAttributes, 0, 2, w);
	RAW(c, X_GetWindowAttributes, 0, 3, w);
	R(c, xcb_get_window_attributes(c, 0x1234));
}

DIFF(map_unmap)
{
	xcb_connection_t *c = d->c;
	uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;

	V(c, xcb_change_window_attributes_checked(
			     c, d->root, XCB_CW_EVENT_MASK, &mask));
	xcb_window_t top = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t a = window(d, top, 0, 0, 50, 50);
	xcb_window_t b = window(d, top, 30, 30, 50, 50);
	V(c, xcb_map_subwindows_checked(c, top));
	V(c, xcb_map_window_checked(c, top));
	R(c, xcb_get_window_attributes(c, a));
	V(c, xcb_map_window_checked(c, top));
	V(c, xcb_unmap_window_checked(c, b));
	V(c, xcb_unmap_subwindows_checked(c, top));
	V(c, xcb_map_window_checked(c, b));
	V(c, xcb_unmap_window_checked(c, top));
	V(c, xcb_map_window_checked(c, top));
	V(c, xcb_unmap_window_checked(c, d->root));
	V(c, xcb_map_window_checked(c, d->root));
	V(c, xcb_map_window_checked(c, 0x1234));
	V(c, xcb_unmap_window_checked(c, 0x1234));
	V(c, xcb_map_subwindows_checked(c, 0x1234));
	V(c, xcb_unmap_subwindows_checked(c, 0x1234));
	RAW(c, X_MapWindow, 0, 3, top);
	RAW(c, X_UnmapSubwindows, 0, 1);
	/* a redirecting client gets MapRequest instead */
	xcb_connection_t *c1 = dt_connect(d);
	uint32_t sr = XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT;
	V(c1, xcb_change_window_attributes_checked(
			      c1, top, XCB_CW_EVENT_MASK, &sr));
	V(c, xcb_unmap_window_checked(c, a));
	V(c, xcb_map_window_checked(c, a));
	uint32_t on = 1;
	V(c, xcb_change_window_attributes_checked(
			     c, a, XCB_CW_OVERRIDE_REDIRECT, &on));
	V(c, xcb_map_window_checked(c, a));
}

DIFF(configure_window)
{
	xcb_connection_t *c = d->c;
	xcb_window_t top = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t a = window(d, top, 0, 0, 50, 50);
	xcb_window_t b = window(d, top, 30, 30, 50, 50);
	V(c, xcb_map_subwindows_checked(c, top));
	V(c, xcb_map_window_checked(c, top));
	uint32_t geo[] = { 5, 6, 70, 80, 3 };
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y |
					     XCB_CONFIG_WINDOW_WIDTH |
					     XCB_CONFIG_WINDOW_HEIGHT |
					     XCB_CONFIG_WINDOW_BORDER_WIDTH,
			     geo));
	R(c, xcb_get_geometry(c, a));
	uint32_t above = XCB_STACK_MODE_ABOVE;
	V(c, xcb_configure_window_checked(
			     c, a, XCB_CONFIG_WINDOW_STACK_MODE, &above));
	R(c, xcb_query_tree(c, top));
	uint32_t sib[] = { b, XCB_STACK_MODE_ABOVE };
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_SIBLING |
					     XCB_CONFIG_WINDOW_STACK_MODE,
			     sib));
	uint32_t below[] = { b, XCB_STACK_MODE_BELOW };
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_SIBLING |
					     XCB_CONFIG_WINDOW_STACK_MODE,
			     below));
	R(c, xcb_query_tree(c, top));
	uint32_t modes[] = { XCB_STACK_MODE_TOP_IF, XCB_STACK_MODE_BOTTOM_IF,
		XCB_STACK_MODE_OPPOSITE, XCB_STACK_MODE_BELOW };
	for (int i = 0; i < 4; i++) {
		V(c, xcb_configure_window_checked(c, a,
				     XCB_CONFIG_WINDOW_STACK_MODE, &modes[i]));
		R(c, xcb_query_tree(c, top));
	}
	/* errors: sibling without stack mode, sibling not a sibling, values */
	V(c, xcb_configure_window_checked(c, a, XCB_CONFIG_WINDOW_SIBLING, &b));
	uint32_t notsib[] = { top, XCB_STACK_MODE_ABOVE };
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_SIBLING |
					     XCB_CONFIG_WINDOW_STACK_MODE,
			     notsib));
	uint32_t badsib[] = { 0x1234, XCB_STACK_MODE_ABOVE };
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_SIBLING |
					     XCB_CONFIG_WINDOW_STACK_MODE,
			     badsib));
	uint32_t zero = 0;
	V(c, xcb_configure_window_checked(
			     c, a, XCB_CONFIG_WINDOW_WIDTH, &zero));
	V(c, xcb_configure_window_checked(
			     c, a, XCB_CONFIG_WINDOW_HEIGHT, &zero));
	uint32_t mode = 5;
	V(c, xcb_configure_window_checked(
			     c, a, XCB_CONFIG_WINDOW_STACK_MODE, &mode));
	V(c, xcb_configure_window_checked(
			     c, 0x1234, XCB_CONFIG_WINDOW_X, &zero));
	/* the root does not move */
	V(c, xcb_configure_window_checked(
			     c, d->root, XCB_CONFIG_WINDOW_X, &zero));
	R(c, xcb_get_geometry(c, d->root));
	/* a mask bit beyond StackMode, and the wrong length */
	RAW(c, X_ConfigureWindow, 0, 4, a, 0x80, 0);
	RAW(c, X_ConfigureWindow, 0, 4, a, 0x3, 0);
	/* a redirecting client gets ConfigureRequest */
	xcb_connection_t *c1 = dt_connect(d);
	uint32_t sr = XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT;
	V(c1, xcb_change_window_attributes_checked(
			      c1, top, XCB_CW_EVENT_MASK, &sr));
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y |
					     XCB_CONFIG_WINDOW_WIDTH |
					     XCB_CONFIG_WINDOW_HEIGHT |
					     XCB_CONFIG_WINDOW_BORDER_WIDTH,
			     geo));
	R(c, xcb_get_geometry(c, a));
}

DIFF(gravity)
{
	xcb_connection_t *c = d->c;
	xcb_window_t top = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t kids[XCB_GRAVITY_STATIC + 1];
	for (uint32_t g = 0; g <= XCB_GRAVITY_STATIC; g++) {
		kids[g] = window(d, top, 20, 20, 10, 10);
		V(c, xcb_change_window_attributes_checked(
				     c, kids[g], XCB_CW_WIN_GRAVITY, &g));
	}
	V(c, xcb_map_subwindows_checked(c, top));
	V(c, xcb_map_window_checked(c, top));
	uint32_t size[] = { 300, 40 };
	V(c, xcb_configure_window_checked(c, top,
			     XCB_CONFIG_WINDOW_WIDTH | XCB_CONFIG_WINDOW_HEIGHT,
			     size));
	for (int g = 0; g <= XCB_GRAVITY_STATIC; g++) {
		R(c, xcb_get_geometry(c, kids[g]));
	}
	uint32_t moved[] = { 5, 5, 100, 100 };
	KNOWN("Expose events of overlapping children after a move+resize with "
	      "gravity: xproxy orders and splits them unlike Xvfb");
	V(c, xcb_configure_window_checked(c, top,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y |
					     XCB_CONFIG_WINDOW_WIDTH |
					     XCB_CONFIG_WINDOW_HEIGHT,
			     moved));
	R(c, xcb_get_window_attributes(c, kids[0]));
}

DIFF(reparent)
{
	xcb_connection_t *c = d->c;
	xcb_window_t a = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t b = window(d, d->root, 300, 10, 200, 100);
	xcb_window_t k = window(d, a, 5, 5, 20, 20);
	V(c, xcb_map_window_checked(c, k));
	V(c, xcb_map_window_checked(c, a));
	V(c, xcb_map_window_checked(c, b));
	V(c, xcb_reparent_window_checked(c, k, b, 7, 8));
	R(c, xcb_query_tree(c, b));
	R(c, xcb_get_geometry(c, k));
	/* into its own descendant, the root, bad ids */
	V(c, xcb_reparent_window_checked(c, b, k, 0, 0));
	V(c, xcb_reparent_window_checked(c, b, b, 0, 0));
	V(c, xcb_reparent_window_checked(c, d->root, a, 0, 0));
	V(c, xcb_reparent_window_checked(c, 0x1234, a, 0, 0));
	V(c, xcb_reparent_window_checked(c, k, 0x1234, 0, 0));
	/* an InputOutput window into an InputOnly one */
	xcb_window_t io = xcb_generate_id(c);
	V(c, xcb_create_window_checked(c, 0, io, d->root, 0, 0, 5, 5, 0,
			     XCB_WINDOW_CLASS_INPUT_ONLY, 0, 0, NULL));
	V(c, xcb_reparent_window_checked(c, k, io, 0, 0));
	RAW(c, X_ReparentWindow, 0, 3, k, a);
	V(c, xcb_reparent_window_checked(c, k, d->root, 0, 0));
	R(c, xcb_query_tree(c, d->root));
}

DIFF(circulate)
{
	xcb_connection_t *c = d->c;
	xcb_window_t top = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t a = window(d, top, 0, 0, 50, 50);
	xcb_window_t b = window(d, top, 30, 30, 50, 50);
	(void)a;
	(void)b;
	V(c, xcb_circulate_window_checked(c, XCB_CIRCULATE_RAISE_LOWEST, top));
	V(c, xcb_map_subwindows_checked(c, top));
	V(c, xcb_map_window_checked(c, top));
	V(c, xcb_circulate_window_checked(c, XCB_CIRCULATE_RAISE_LOWEST, top));
	R(c, xcb_query_tree(c, top));
	V(c, xcb_circulate_window_checked(c, XCB_CIRCULATE_LOWER_HIGHEST, top));
	R(c, xcb_query_tree(c, top));
	V(c, xcb_circulate_window_checked(c, 2, top));
	V(c, xcb_circulate_window_checked(c, 0, 0x1234));
	RAW(c, X_CirculateWindow, 0, 3, top);
}

DIFF(destroy)
{
	xcb_connection_t *c = d->c;
	uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;

	V(c, xcb_change_window_attributes_checked(
			     c, d->root, XCB_CW_EVENT_MASK, &mask));
	xcb_window_t top = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t a = window(d, top, 0, 0, 50, 50);
	xcb_window_t b = window(d, a, 30, 30, 50, 50);
	xcb_window_t e = window(d, top, 60, 0, 50, 50);
	V(c, xcb_map_subwindows_checked(c, a));
	V(c, xcb_map_subwindows_checked(c, top));
	V(c, xcb_map_window_checked(c, top));
	V(c, xcb_destroy_subwindows_checked(c, a));
	R(c, xcb_get_geometry(c, b));
	V(c, xcb_destroy_window_checked(c, top));
	R(c, xcb_get_geometry(c, e));
	V(c, xcb_destroy_window_checked(c, top));
	V(c, xcb_destroy_window_checked(c, d->root));
	V(c, xcb_destroy_subwindows_checked(c, 0x1234));
	RAW(c, X_DestroyWindow, 0, 1);
	/* another client's windows */
	xcb_connection_t *c1 = dt_connect(d);
	xcb_window_t o = xcb_generate_id(c1);
	V(c1, xcb_create_window_checked(c1, 0, o, d->root, 0, 0, 5, 5, 0,
			      XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_destroy_window_checked(c, o));
	R(c, xcb_query_tree(c, d->root));
}

DIFF(queries)
{
	xcb_connection_t *c = d->c;
	xcb_window_t a = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t k = window(d, a, 5, 7, 20, 20);
	V(c, xcb_map_window_checked(c, k));
	V(c, xcb_map_window_checked(c, a));
	R(c, xcb_get_geometry(c, d->root));
	R(c, xcb_get_window_attributes(c, d->root));
	R(c, xcb_query_tree(c, a));
	R(c, xcb_query_tree(c, k));
	R(c, xcb_query_tree(c, 0x1234));
	R(c, xcb_translate_coordinates(c, k, d->root, 1, 2));
	R(c, xcb_translate_coordinates(c, d->root, a, 20, 20));
	R(c, xcb_translate_coordinates(c, d->root, a, 2000, -3));
	R(c, xcb_translate_coordinates(c, 0x1234, a, 0, 0));
	R(c, xcb_translate_coordinates(c, a, 0x1234, 0, 0));
	xcb_pixmap_t p = xcb_generate_id(c);
	V(c, xcb_create_pixmap_checked(c, 24, p, d->root, 4, 3));
	R(c, xcb_get_geometry(c, p));
	R(c, xcb_get_geometry(c, 0x1234));
	R(c, xcb_get_window_attributes(c, p));
	R(c, xcb_translate_coordinates(c, p, a, 0, 0));
	RAW(c, X_QueryTree, 0, 1);
	RAW(c, X_TranslateCoords, 0, 3, a, d->root);
	RAW(c, X_GetGeometry, 0, 1);
}

DIFF(save_set)
{
	xcb_connection_t *c = d->c;
	xcb_window_t a = window(d, d->root, 10, 10, 200, 100);
	xcb_connection_t *c1 = dt_connect(d);
	xcb_window_t o = xcb_generate_id(c1);

	V(c1, xcb_create_window_checked(c1, 0, o, a, 0, 0, 5, 5, 0,
			      XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_change_save_set_checked(c, XCB_SET_MODE_INSERT, o));
	V(c, xcb_change_save_set_checked(c, XCB_SET_MODE_INSERT, a));
	V(c, xcb_change_save_set_checked(c, 2, o));
	V(c, xcb_change_save_set_checked(c, XCB_SET_MODE_DELETE, 0x1234));
	V(c, xcb_change_save_set_checked(c, XCB_SET_MODE_DELETE, o));
	RAW(c, X_ChangeSaveSet, 0, 3, o);
}

DIFF(expose)
{
	xcb_connection_t *c = d->c;
	xcb_window_t top = window(d, d->root, 10, 10, 200, 100);
	xcb_window_t a = window(d, top, 20, 20, 50, 50);
	V(c, xcb_map_window_checked(c, a));
	V(c, xcb_map_window_checked(c, top));
	V(c, xcb_clear_area_checked(c, 1, top, 0, 0, 0, 0));
	V(c, xcb_clear_area_checked(c, 1, top, 10, 10, 30, 30));
	V(c, xcb_unmap_window_checked(c, a));
	uint32_t pos[] = { 100, 10 };
	V(c, xcb_map_window_checked(c, a));
	V(c, xcb_configure_window_checked(c, a,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y, pos));
	V(c, xcb_clear_area_checked(c, 2, top, 0, 0, 1, 1));
	V(c, xcb_clear_area_checked(c, 0, 0x1234, 0, 0, 1, 1));
	xcb_window_t io = xcb_generate_id(c);
	V(c, xcb_create_window_checked(c, 0, io, top, 0, 0, 5, 5, 0,
			     XCB_WINDOW_CLASS_INPUT_ONLY, 0, 0, NULL));
	V(c, xcb_clear_area_checked(c, 0, io, 0, 0, 1, 1));
}
