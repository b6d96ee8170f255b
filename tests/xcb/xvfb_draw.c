/* Drawing as applications do it, on xproxy and on Xvfb -dpi 96: each scene
 * creates and maps a window, draws into it, and the two windows' pixels
 * must be identical. Scenes come from differences seen in real applications
 * (tests/integration/t_app_*.sh). */
#define HARNESS_MAIN
#include "harness.h"
#include "xcbtest.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define W 120
#define H 80

static pid_t xvfb_pid;
static xcb_connection_t *xvfb;
static struct xt_server *srv;
static xcb_connection_t *ours;

static void
stop_all(void)
{
	if (xvfb != NULL) {
		xcb_disconnect(xvfb);
	}
	if (xvfb_pid > 0) {
		kill(xvfb_pid, SIGTERM);
		waitpid(xvfb_pid, NULL, 0);
	}
	if (ours != NULL) {
		xcb_disconnect(ours);
	}
	xt_stop(srv);
}

static bool
start_all(void)
{
	char disp[16], sock[64], lock[64];
	struct stat st;
	int n;

	if (ours != NULL) {
		return xvfb != NULL;
	}
	atexit(stop_all);
	srv = xt_start(1280, 1024);
	ours = srv != NULL ? xt_connect(srv) : NULL;
	if (ours == NULL || access("/usr/bin/Xvfb", X_OK) != 0) {
		return false;
	}
	for (n = 110; n < 200; n++) {
		snprintf(sock, sizeof(sock), "/tmp/.X11-unix/X%d", n);
		snprintf(lock, sizeof(lock), "/tmp/.X%d-lock", n);
		if (stat(sock, &st) != 0 && stat(lock, &st) != 0) {
			break;
		}
	}
	snprintf(disp, sizeof(disp), ":%d", n);
	xvfb_pid = fork();
	if (xvfb_pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		execl("/usr/bin/Xvfb", "Xvfb", disp, "-screen", "0",
				"1280x1024x24", "-dpi", "96", "-nolisten",
				"tcp", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 250 && xvfb_pid > 0; i++) {
		if (stat(sock, &st) == 0) {
			xvfb = xcb_connect(disp, NULL);
			if (xcb_connection_has_error(xvfb) == 0) {
				return true;
			}
			xcb_disconnect(xvfb);
			xvfb = NULL;
		}
		usleep(20000);
	}
	return false;
}

/* A white top-level window at 10,10, mapped; returns it. */
static xcb_window_t
make_window(xcb_connection_t *c)
{
	xcb_screen_t *s = xt_screen(c);
	xcb_window_t w = xcb_generate_id(c);
	uint32_t v[] = { 0xffffff };

	xcb_create_window(c, 24, w, s->root, 10, 10, W, H, 0,
			XCB_WINDOW_CLASS_INPUT_OUTPUT, s->root_visual,
			XCB_CW_BACK_PIXEL, v);
	xcb_map_window(c, w);
	return w;
}

static bool
fetch(xcb_connection_t *c, xcb_window_t w, uint32_t *px)
{
	xcb_get_image_reply_t *r = xcb_get_image_reply(c,
			xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, w, 0, 0, W,
					H, 0xffffffff),
			NULL);
	if (r == NULL || xcb_get_image_data_length(r) < W * H * 4) {
		free(r);
		return false;
	}
	memcpy(px, xcb_get_image_data(r), W * H * 4);
	for (int i = 0; i < W * H; i++) {
		px[i] &= 0xffffff;
	}
	free(r);
	return true;
}

typedef void (*scene_fn)(xcb_connection_t *c, xcb_window_t w);

/* Runs the scene on both servers and compares; prints the differences. */
static void
compare_scene(scene_fn scene)
{
	static uint32_t a[W * H], b[W * H];
	xcb_connection_t *cs[2] = { ours, xvfb };
	uint32_t *px[2] = { a, b };

	for (int i = 0; i < 2; i++) {
		xcb_window_t w = make_window(cs[i]);
		scene(cs[i], w);
		REQUIRE(fetch(cs[i], w, px[i]));
		xcb_destroy_window(cs[i], w);
	}
	int count = 0;
	for (int i = 0; i < W * H; i++) {
		if (a[i] != b[i] && count++ < 5) {
			printf("    at %d,%d: ours %06x, Xvfb %06x\n", i % W,
					i / W, a[i], b[i]);
		}
	}
	CHECK_EQ(count, 0);
}

#define NEED_SERVERS()                                                         \
	do {                                                                   \
		if (!start_all()) {                                            \
			SKIP("Xvfb not available");                            \
		}                                                              \
	} while (0)

static xcb_gcontext_t
xor_gc(xcb_connection_t *c, xcb_window_t w, uint32_t cap)
{
	xcb_gcontext_t gc = xcb_generate_id(c);
	uint32_t v[] = { XCB_GX_XOR, 0xffffff, cap };

	xcb_create_gc(c, gc, w,
			XCB_GC_FUNCTION | XCB_GC_FOREGROUND | XCB_GC_CAP_STYLE,
			v);
	return gc;
}

/* xedit's text cursor: a thin GXxor rectangle. Xvfb's thin polylines draw
 * each segment on its own, so the closing corner is drawn twice (restored)
 * when the clip is several rectangles, here because of a child window. */
static void
scene_xor_rectangle_child(xcb_connection_t *c, xcb_window_t w)
{
	xcb_window_t child = xcb_generate_id(c);
	xcb_rectangle_t r[] = { { 20, 10, 6, 13 }, { 60, 40, 10, 10 } };
	uint32_t v[] = { 0x808080 };

	xcb_create_window(c, 24, child, w, 40, 0, 10, 30, 0,
			XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT,
			XCB_CW_BACK_PIXEL, v);
	xcb_map_window(c, child);
	xcb_poly_rectangle(c, w, xor_gc(c, w, XCB_CAP_STYLE_BUTT), 2, r);
}

/* The same without a child: one clip rectangle, and Xvfb's fast path
 * draws the closing point once. */
static void
scene_xor_rectangle_alone(xcb_connection_t *c, xcb_window_t w)
{
	xcb_rectangle_t r[] = { { 20, 10, 6, 13 }, { 60, 40, 10, 10 } };

	xcb_poly_rectangle(c, w, xor_gc(c, w, XCB_CAP_STYLE_BUTT), 2, r);
}

/* A GXxor polyline crossing itself: thin lines that intersect are drawn
 * twice where they cross (X11 protocol, PolyLine). */
static void
scene_xor_polyline_crossing(xcb_connection_t *c, xcb_window_t w)
{
	xcb_point_t p[] = { { 10, 10 }, { 50, 50 }, { 50, 10 }, { 10, 50 },
		{ 30, 70 } };

	xcb_poly_line(c, XCB_COORD_MODE_ORIGIN, w,
			xor_gc(c, w, XCB_CAP_STYLE_BUTT), 5, p);
}

/* A closed GXxor polyline whose last segment leaves the window. */
static void
scene_xor_polyline_clipped(xcb_connection_t *c, xcb_window_t w)
{
	xcb_point_t p[] = { { 100, 10 }, { 110, 10 }, { 140, 60 }, { 100, 60 },
		{ 100, 10 } };
	xcb_point_t q[] = { { 10, 10 }, { 30, 10 }, { 130, 30 }, { 10, 10 } };

	xcb_poly_line(c, XCB_COORD_MODE_ORIGIN, w,
			xor_gc(c, w, XCB_CAP_STYLE_BUTT), 5, p);
	xcb_poly_line(c, XCB_COORD_MODE_ORIGIN, w,
			xor_gc(c, w, XCB_CAP_STYLE_BUTT), 4, q);
}

/* CapNotLast never draws the last point, closed or not. */
static void
scene_xor_polyline_notlast(xcb_connection_t *c, xcb_window_t w)
{
	xcb_rectangle_t r[] = { { 20, 10, 6, 13 } };
	xcb_point_t p[] = { { 40, 40 }, { 60, 40 }, { 60, 60 } };

	xcb_poly_rectangle(c, w, xor_gc(c, w, XCB_CAP_STYLE_NOT_LAST), 1, r);
	xcb_poly_line(c, XCB_COORD_MODE_ORIGIN, w,
			xor_gc(c, w, XCB_CAP_STYLE_NOT_LAST), 3, p);
}

TEST(xor_rectangle_child)
{
	NEED_SERVERS();
	compare_scene(scene_xor_rectangle_child);
}

TEST(xor_rectangle_alone)
{
	NEED_SERVERS();
	compare_scene(scene_xor_rectangle_alone);
}

TEST(xor_polyline_crossing)
{
	NEED_SERVERS();
	compare_scene(scene_xor_polyline_crossing);
}

TEST(xor_polyline_clipped)
{
	NEED_SERVERS();
	compare_scene(scene_xor_polyline_clipped);
}

TEST(xor_polyline_notlast)
{
	NEED_SERVERS();
	compare_scene(scene_xor_polyline_notlast);
}
