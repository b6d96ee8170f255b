/* Core protocol in process: setup, atoms, properties, windows and their
 * events, drawing read back with GetImage, damage, and errors. */
#define HARNESS_MAIN
#include "harness.h"

#include <unistd.h>

#include <xcb/xcb.h>

#include "xcbtest.h"

static struct xt_server *server;
static xcb_connection_t *conn;

static bool
setup(void)
{
	if (server == NULL) {
		server = xt_start(640, 480);
	}
	if (server != NULL && conn == NULL) {
		conn = xt_connect(server);
	}
	return conn != NULL;
}

TEST(connection_setup)
{
	REQUIRE(setup());
	const xcb_setup_t *s = xcb_get_setup(conn);
	xcb_screen_t *scr = xt_screen(conn);

	CHECK_EQ(s->protocol_major_version, 11);
	CHECK_EQ(s->image_byte_order, XCB_IMAGE_ORDER_LSB_FIRST);
	CHECK_EQ(scr->width_in_pixels, 640);
	CHECK_EQ(scr->height_in_pixels, 480);
	/* 640 px at 96 dpi: 169.3 mm, rounded as the X server does. */
	CHECK_EQ(scr->width_in_millimeters, 169);
	CHECK_EQ(scr->root_depth, 24);
	CHECK_EQ(s->resource_id_mask, 0x001fffff);
	CHECK(s->resource_id_base != 0);
	xcb_depth_iterator_t d = xcb_screen_allowed_depths_iterator(scr);
	bool found = false;
	for (; d.rem; xcb_depth_next(&d)) {
		if (d.data->depth == 24) {
			xcb_visualtype_t *v = xcb_depth_visuals(d.data);
			CHECK_EQ(d.data->visuals_len, 1);
			CHECK_EQ(v->_class, XCB_VISUAL_CLASS_TRUE_COLOR);
			CHECK_EQ(v->red_mask, 0xff0000);
			CHECK_EQ(v->visual_id, scr->root_visual);
			found = true;
		}
	}
	CHECK(found);
}

TEST(atoms)
{
	REQUIRE(setup());
	xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(
			conn, xcb_intern_atom(conn, 0, 7, "PRIMARY"), NULL);
	REQUIRE(r != NULL);
	CHECK_EQ(r->atom, 1);
	free(r);
	r = xcb_intern_atom_reply(conn,
			xcb_intern_atom(conn, 0, 16, "WM_TRANSIENT_FOR"), NULL);
	REQUIRE(r != NULL);
	CHECK_EQ(r->atom, 68);
	free(r);

	r = xcb_intern_atom_reply(conn,
			xcb_intern_atom(conn, 1, 12, "NO_SUCH_ATOM"), NULL);
	REQUIRE(r != NULL);
	CHECK_EQ(r->atom, 0);
	free(r);
	r = xcb_intern_atom_reply(
			conn, xcb_intern_atom(conn, 0, 9, "WINEXPORT"), NULL);
	REQUIRE(r != NULL);
	xcb_atom_t a = r->atom;
	CHECK(a > 68);
	free(r);
	xcb_get_atom_name_reply_t *n = xcb_get_atom_name_reply(
			conn, xcb_get_atom_name(conn, a), NULL);
	REQUIRE(n != NULL);
	CHECK_EQ(xcb_get_atom_name_name_length(n), 9);
	CHECK(memcmp(xcb_get_atom_name_name(n), "WINEXPORT", 9) == 0);
	free(n);

	xcb_generic_error_t *err = NULL;
	n = xcb_get_atom_name_reply(conn, xcb_get_atom_name(conn, 99999), &err);
	CHECK(n == NULL);
	CHECK(xt_expect_error(err, XCB_ATOM, 99999, XCB_GET_ATOM_NAME));
}

static xcb_window_t
make_window(uint32_t event_mask, int x, int y, int w, int h)
{
	xcb_screen_t *scr = xt_screen(conn);
	xcb_window_t win = xcb_generate_id(conn);
	uint32_t values[] = { 0x00ffffff, event_mask };

	xcb_create_window(conn, XCB_COPY_FROM_PARENT, win, scr->root,
			(int16_t)x, (int16_t)y, (uint16_t)w, (uint16_t)h, 0,
			XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT,
			XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, values);
	return win;
}

TEST(properties)
{
	REQUIRE(setup());
	xcb_window_t win = make_window(
			XCB_EVENT_MASK_PROPERTY_CHANGE, 0, 0, 10, 10);
	uint32_t data[3] = { 1, 2, 3 };

	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_change_property_checked(conn,
							XCB_PROP_MODE_REPLACE,
							win, XCB_ATOM_WM_NAME,
							XCB_ATOM_CARDINAL, 32,
							2, data)),
			0, 0, 0));
	xcb_change_property(conn, XCB_PROP_MODE_APPEND, win, XCB_ATOM_WM_NAME,
			XCB_ATOM_CARDINAL, 32, 1, data + 2);
	xcb_change_property(conn, XCB_PROP_MODE_PREPEND, win, XCB_ATOM_WM_NAME,
			XCB_ATOM_CARDINAL, 32, 1, data + 2);
	xcb_generic_event_t *ev = xt_wait_event(conn, XCB_PROPERTY_NOTIFY);
	CHECK(ev != NULL);
	free(ev);

	/* Offset 1 (4 bytes), length 1: the second of 3,1,2,3. */
	xcb_get_property_reply_t *p = xcb_get_property_reply(conn,
			xcb_get_property(conn, 0, win, XCB_ATOM_WM_NAME,
					XCB_ATOM_ANY, 1, 1),
			NULL);
	REQUIRE(p != NULL);
	CHECK_EQ(p->format, 32);
	CHECK_EQ(p->type, XCB_ATOM_CARDINAL);
	CHECK_EQ(p->value_len, 1);
	CHECK_EQ(p->bytes_after, 8);
	CHECK_EQ(((uint32_t *)xcb_get_property_value(p))[0], 1);
	free(p);

	/* Wrong type: no data, the whole size in bytes_after. */
	p = xcb_get_property_reply(conn,
			xcb_get_property(conn, 0, win, XCB_ATOM_WM_NAME,
					XCB_ATOM_STRING, 0, 100),
			NULL);
	REQUIRE(p != NULL);
	CHECK_EQ(p->value_len, 0);
	CHECK_EQ(p->bytes_after, 16);
	CHECK_EQ(p->type, XCB_ATOM_CARDINAL);
	free(p);

	/* Errors, each with the value the X server reports. */
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_change_property_checked(conn,
							XCB_PROP_MODE_REPLACE,
							win, XCB_ATOM_WM_NAME,
							XCB_ATOM_STRING, 7, 0,
							NULL)),
			XCB_VALUE, 7, XCB_CHANGE_PROPERTY));
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_change_property_checked(conn,
							XCB_PROP_MODE_APPEND,
							win, XCB_ATOM_WM_NAME,
							XCB_ATOM_STRING, 8, 1,
							"x")),
			XCB_MATCH, 0, XCB_CHANGE_PROPERTY));
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_change_property_checked(conn,
							XCB_PROP_MODE_REPLACE,
							0x1234,
							XCB_ATOM_WM_NAME,
							XCB_ATOM_STRING, 8, 1,
							"x")),
			XCB_WINDOW, 0x1234, XCB_CHANGE_PROPERTY));
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_change_property_checked(conn,
							XCB_PROP_MODE_REPLACE,
							win, 77777,
							XCB_ATOM_STRING, 8, 1,
							"x")),
			XCB_ATOM, 77777, XCB_CHANGE_PROPERTY));
	p = xcb_get_property_reply(conn,
			xcb_get_property(conn, 1, win, XCB_ATOM_WM_NAME,
					XCB_ATOM_ANY, 0, 100),
			NULL);
	REQUIRE(p != NULL);
	CHECK_EQ(p->value_len, 4);
	free(p);
	/* Deleted by the read that reached the end. */
	p = xcb_get_property_reply(conn,
			xcb_get_property(conn, 0, win, XCB_ATOM_WM_NAME,
					XCB_ATOM_ANY, 0, 100),
			NULL);
	REQUIRE(p != NULL);
	CHECK_EQ(p->type, XCB_NONE);
	free(p);
	xcb_destroy_window(conn, win);
}

TEST(map_events_and_damage)
{
	REQUIRE(setup());
	pixman_region32_t dmg;
	pixman_region32_init(&dmg);
	xt_take_damage(server, &dmg);
	int maps = xt_map_count(server);

	xcb_window_t win = make_window(
			XCB_EVENT_MASK_EXPOSURE |
					XCB_EVENT_MASK_STRUCTURE_NOTIFY,
			20, 30, 50, 40);
	xcb_map_window(conn, win);
	xcb_generic_event_t *ev = xt_wait_event(conn, XCB_MAP_NOTIFY);
	CHECK(ev != NULL);
	free(ev);
	/* The Expose covers the whole new window. */
	xcb_expose_event_t *ex =
			(xcb_expose_event_t *)xt_wait_event(conn, XCB_EXPOSE);
	REQUIRE(ex != NULL);
	CHECK_EQ(ex->window, win);
	CHECK_EQ(ex->width, 50);
	CHECK_EQ(ex->height, 40);
	CHECK_EQ(ex->count, 0);
	free(ex);
	CHECK_EQ(xt_get_pixel(conn, win, 0, 0), 0xffffff);

	xcb_gcontext_t gc = xcb_generate_id(conn);
	uint32_t fg = 0x00ff0000;
	xcb_create_gc(conn, gc, win, XCB_GC_FOREGROUND, &fg);
	xcb_rectangle_t r = { 5, 6, 10, 8 };
	xcb_poly_fill_rectangle(conn, win, gc, 1, &r);
	CHECK_EQ(xt_get_pixel(conn, win, 5, 6), 0xff0000);
	CHECK_EQ(xt_get_pixel(conn, win, 14, 13), 0xff0000);
	CHECK_EQ(xt_get_pixel(conn, win, 15, 13), 0xffffff);
	CHECK_EQ(xt_get_pixel(conn, win, 14, 14), 0xffffff);

	/* The observer saw the map and damage covering the rectangle, in
	 * root coordinates. */
	CHECK(xt_map_count(server) > maps);
	xt_take_damage(server, &dmg);
	pixman_box32_t box = { 25, 36, 35, 44 };
	CHECK(pixman_region32_contains_rectangle(&dmg, &box) ==
			PIXMAN_REGION_IN);
	pixman_region32_fini(&dmg);
	xcb_free_gc(conn, gc);
	xcb_destroy_window(conn, win);
}

TEST(pixmap_drawing_and_copy)
{
	REQUIRE(setup());
	xcb_screen_t *scr = xt_screen(conn);
	xcb_pixmap_t pix = xcb_generate_id(conn);
	xcb_create_pixmap(conn, 24, pix, scr->root, 16, 16);
	xcb_gcontext_t gc = xcb_generate_id(conn);
	uint32_t vals[] = { XCB_GX_COPY, 0x123456, 0 };
	xcb_create_gc(conn, gc, pix,
			XCB_GC_FUNCTION | XCB_GC_FOREGROUND |
					XCB_GC_GRAPHICS_EXPOSURES,
			vals);
	xcb_rectangle_t r = { 0, 0, 16, 16 };
	xcb_poly_fill_rectangle(conn, pix, gc, 1, &r);
	CHECK_EQ(xt_get_pixel(conn, pix, 15, 15), 0x123456);

	/* GXxor with a plane mask only touches the masked bits. */
	uint32_t xor_vals[] = { XCB_GX_XOR, 0x0000ff, 0xffffff };
	xcb_change_gc(conn, gc,
			XCB_GC_FUNCTION | XCB_GC_PLANE_MASK | XCB_GC_FOREGROUND,
			xor_vals);
	xcb_rectangle_t one = { 3, 3, 1, 1 };
	xcb_poly_fill_rectangle(conn, pix, gc, 1, &one);
	CHECK_EQ(xt_get_pixel(conn, pix, 3, 3), 0x1234a9);
	CHECK_EQ(xt_get_pixel(conn, pix, 4, 3), 0x123456);

	xcb_pixmap_t dst = xcb_generate_id(conn);
	xcb_create_pixmap(conn, 24, dst, scr->root, 16, 16);
	uint32_t copy[] = { XCB_GX_COPY, 0xffffffff };
	xcb_change_gc(conn, gc, XCB_GC_FUNCTION | XCB_GC_PLANE_MASK, copy);
	xcb_copy_area(conn, pix, dst, gc, 2, 2, 0, 0, 4, 4);
	CHECK_EQ(xt_get_pixel(conn, dst, 1, 1), 0x1234a9);
	CHECK_EQ(xt_get_pixel(conn, dst, 0, 0), 0x123456);
	CHECK_EQ(xt_get_pixel(conn, dst, 5, 5), 0);

	/* Depth mismatch is BadMatch; a bad drawable BadDrawable. */
	xcb_pixmap_t bitmap = xcb_generate_id(conn);
	xcb_create_pixmap(conn, 1, bitmap, scr->root, 8, 8);
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_copy_area_checked(conn, bitmap, dst,
							gc, 0, 0, 0, 0, 1, 1)),
			XCB_MATCH, 0, XCB_COPY_AREA));
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_poly_fill_rectangle_checked(conn,
							0x4242, gc, 1, &one)),
			XCB_DRAWABLE, 0x4242, XCB_POLY_FILL_RECTANGLE));
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_create_pixmap_checked(conn, 7,
							xcb_generate_id(conn),
							scr->root, 8, 8)),
			XCB_VALUE, 7, XCB_CREATE_PIXMAP));
	xcb_free_pixmap(conn, pix);
	xcb_free_pixmap(conn, dst);
	xcb_free_pixmap(conn, bitmap);
	xcb_free_gc(conn, gc);
}

TEST(resource_id_errors)
{
	REQUIRE(setup());
	xcb_screen_t *scr = xt_screen(conn);
	/* An id outside the client's range is BadIDChoice. */
	CHECK(xt_expect_error(xcb_request_check(conn,
					      xcb_create_pixmap_checked(conn,
							      24, 0x12345678,
							      scr->root, 8, 8)),
			XCB_ID_CHOICE, 0x12345678, XCB_CREATE_PIXMAP));
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_map_window_checked(conn, 0x999)),
			XCB_WINDOW, 0x999, XCB_MAP_WINDOW));
	/* Zero width is BadValue. */
	xcb_window_t w = xcb_generate_id(conn);
	CHECK(xt_expect_error(
			xcb_request_check(conn,
					xcb_create_window_checked(conn, 0, w,
							scr->root, 0, 0, 0, 10,
							0,
							XCB_WINDOW_CLASS_INPUT_OUTPUT,
							0, 0, NULL)),
			XCB_VALUE, 0, XCB_CREATE_WINDOW));
}

TEST(extensions)
{
	REQUIRE(setup());
	xcb_query_extension_reply_t *q = xcb_query_extension_reply(conn,
			xcb_query_extension(conn, 12, "BIG-REQUESTS"), NULL);
	REQUIRE(q != NULL);
	CHECK(q->present);
	CHECK(q->major_opcode >= 128);
	free(q);
	/* Only what is implemented is advertised. */
	q = xcb_query_extension_reply(
			conn, xcb_query_extension(conn, 6, "RENDER"), NULL);
	REQUIRE(q != NULL);
	CHECK(!q->present);
	free(q);
	CHECK(xcb_get_maximum_request_length(conn) > 65535);
}

TEST(big_put_image)
{
	REQUIRE(setup());
	xcb_screen_t *scr = xt_screen(conn);
	xcb_pixmap_t pix = xcb_generate_id(conn);
	xcb_create_pixmap(conn, 24, pix, scr->root, 300, 300);
	xcb_gcontext_t gc = xcb_generate_id(conn);
	xcb_create_gc(conn, gc, pix, 0, NULL);
	/* 360 000 bytes: more than a request without BIG-REQUESTS holds. */
	uint32_t *data = malloc(300 * 300 * 4);
	REQUIRE(data != NULL);
	for (int i = 0; i < 300 * 300; i++) {
		data[i] = (uint32_t)i & 0xffffff;
	}
	xcb_void_cookie_t ck = xcb_put_image_checked(conn,
			XCB_IMAGE_FORMAT_Z_PIXMAP, pix, gc, 300, 300, 0, 0, 0,
			24, 300 * 300 * 4, (uint8_t *)data);
	CHECK(xt_expect_error(xcb_request_check(conn, ck), 0, 0, 0));
	CHECK_EQ(xt_get_pixel(conn, pix, 299, 299), 300 * 300 - 1);
	CHECK_EQ(xt_get_pixel(conn, pix, 7, 1), 307);
	free(data);
	xcb_free_pixmap(conn, pix);
	xcb_free_gc(conn, gc);
}

TEST(disconnect_frees_resources)
{
	REQUIRE(setup());
	xcb_connection_t *other = xt_connect(server);
	REQUIRE(other != NULL);
	xcb_window_t w = xcb_generate_id(other);
	xcb_screen_t *scr = xt_screen(other);
	xcb_create_window(other, 0, w, scr->root, 0, 0, 5, 5, 0,
			XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL);
	free(xcb_get_input_focus_reply(
			other, xcb_get_input_focus(other), NULL));
	xcb_query_tree_reply_t *t = xcb_query_tree_reply(
			conn, xcb_query_tree(conn, w), NULL);
	CHECK(t != NULL);
	free(t);
	xcb_disconnect(other);
	/* Once the server has seen the hang-up, the window is gone. */
	xcb_generic_error_t *err = NULL;
	for (int i = 0; i < 100; i++) {
		t = xcb_query_tree_reply(conn, xcb_query_tree(conn, w), &err);
		if (t == NULL) {
			break;
		}
		free(t);
		usleep(10000);
	}
	CHECK(xt_expect_error(err, XCB_WINDOW, w, XCB_QUERY_TREE));
}
