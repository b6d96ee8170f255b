/* xwingrab: reads a top-level window's inside from a real X server (Xvfb,
 * the oracle of the integration tests) as a binary PPM.
 *
 *   xwingrab [-display DPY] [--timeout SEC] [--class NAME] [--name NAME]
 *            CMD...
 *
 * First waits until a child of the root that is viewable (and, if asked,
 * whose WM_CLASS instance or class, or WM_NAME, equals NAME) exists. Then
 * runs the commands in order:
 *   sleep MS          wait
 *   warp X Y          move the pointer to root coordinates X,Y: WarpPointer,
 *                     then an XTest motion to the same place if the server
 *                     has XTEST (a warp makes no XI2 raw motion, which is
 *                     what XI2 clients such as xeyes listen for)
 *   geometry          print the inside's root position and size: X Y W H
 *   grab FILE.ppm     GetImage (ZPixmap) of the window's inside, as PPM
 * The display is DPY, else $DISPLAY. Exit status 0 on success, 1 with a
 * message on failure or timeout. */
#include <xcb/xcb.h>
#include <xcb/xcbext.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("xwingrab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

static int
number(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || *end != '\0' || end == s || v < -100000 ||
			v > 100000) {
		die("%s: not a number: %s", what, s);
	}
	return (int)v;
}

/* The property as a NUL-terminated string (NULL if absent). */
static char *
get_string(xcb_connection_t *conn, xcb_window_t win, xcb_atom_t prop, int *len)
{
	xcb_get_property_reply_t *r = xcb_get_property_reply(conn,
			xcb_get_property(conn, 0, win, prop, XCB_ATOM_STRING, 0,
					1024),
			NULL);
	char *s = NULL;

	if (r != NULL && r->format == 8) {
		*len = xcb_get_property_value_length(r);
		s = malloc((size_t)*len + 1);
		if (s == NULL) {
			die("out of memory");
		}
		memcpy(s, xcb_get_property_value(r), (size_t)*len);
		s[*len] = '\0';
	}
	free(r);
	return s;
}

static bool
matches(xcb_connection_t *conn, xcb_window_t win, const char *class,
		const char *name)
{
	bool ok = true;
	char *s;
	int len = 0;

	if (class != NULL) {
		/* WM_CLASS is "instance\0class\0" */
		s = get_string(conn, win, XCB_ATOM_WM_CLASS, &len);
		int first = s != NULL ? (int)strlen(s) + 1 : 0;
		const char *second = first < len ? s + first : "";
		ok = s != NULL &&
		     (strcmp(s, class) == 0 || strcmp(second, class) == 0);
		free(s);
	}
	if (ok && name != NULL) {
		s = get_string(conn, win, XCB_ATOM_WM_NAME, &len);
		ok = s != NULL && strcmp(s, name) == 0;
		free(s);
	}
	return ok;
}

/* The topmost viewable child of root that matches, or 0. */
static xcb_window_t
find_toplevel(xcb_connection_t *conn, xcb_window_t root, const char *class,
		const char *name)
{
	xcb_query_tree_reply_t *tree = xcb_query_tree_reply(
			conn, xcb_query_tree(conn, root), NULL);
	xcb_window_t found = 0;

	if (tree == NULL) {
		die("QueryTree on the root failed");
	}
	xcb_window_t *kids = xcb_query_tree_children(tree);
	for (int i = xcb_query_tree_children_length(tree) - 1;
			i >= 0 && found == 0; i--) {
		xcb_get_window_attributes_reply_t *a =
				xcb_get_window_attributes_reply(conn,
						xcb_get_window_attributes(
								conn, kids[i]),
						NULL);
		if (a != NULL && a->map_state == XCB_MAP_STATE_VIEWABLE &&
				matches(conn, kids[i], class, name)) {
			found = kids[i];
		}
		free(a);
	}
	free(tree);
	return found;
}

static xcb_visualtype_t *
find_visual(const xcb_setup_t *setup, xcb_visualid_t id, uint8_t *depth)
{
	for (xcb_screen_iterator_t s = xcb_setup_roots_iterator(setup); s.rem;
			xcb_screen_next(&s)) {
		for (xcb_depth_iterator_t d = xcb_screen_allowed_depths_iterator(
				     s.data);
				d.rem; xcb_depth_next(&d)) {
			for (xcb_visualtype_iterator_t v =
							xcb_depth_visuals_iterator(
									d.data);
					v.rem; xcb_visualtype_next(&v)) {
				if (v.data->visual_id == id) {
					*depth = d.data->depth;
					return v.data;
				}
			}
		}
	}
	return NULL;
}

static int
bits_per_pixel(const xcb_setup_t *setup, uint8_t depth)
{
	for (xcb_format_iterator_t f = xcb_setup_pixmap_formats_iterator(setup);
			f.rem; xcb_format_next(&f)) {
		if (f.data->depth == depth) {
			return f.data->bits_per_pixel;
		}
	}
	return 0;
}

/* Scales the field of pixel selected by mask to 0..255. */
static unsigned char
channel(uint32_t pixel, uint32_t mask)
{
	int shift = 0;

	if (mask == 0) {
		return 0;
	}
	while (!(mask >> shift & 1)) {
		shift++;
	}
	uint32_t max = mask >> shift;
	return (unsigned char)(((pixel & mask) >> shift) * 255 / max);
}

static void
grab(xcb_connection_t *conn, xcb_window_t win, const char *path)
{
	const xcb_setup_t *setup = xcb_get_setup(conn);
	xcb_get_geometry_reply_t *geo = xcb_get_geometry_reply(
			conn, xcb_get_geometry(conn, win), NULL);
	xcb_get_window_attributes_reply_t *attr =
			xcb_get_window_attributes_reply(conn,
					xcb_get_window_attributes(conn, win),
					NULL);
	xcb_generic_error_t *err = NULL;
	uint8_t depth = 0;

	if (geo == NULL || attr == NULL) {
		die("window 0x%x is gone", win);
	}
	xcb_visualtype_t *vis = find_visual(setup, attr->visual, &depth);
	if (vis == NULL || vis->_class != XCB_VISUAL_CLASS_TRUE_COLOR) {
		die("window 0x%x: not a TrueColor visual", win);
	}
	int bpp = bits_per_pixel(setup, depth);
	if (bpp != 32 && bpp != 24 && bpp != 16) {
		die("depth %d: %d bits per pixel not handled", depth, bpp);
	}
	int w = geo->width, h = geo->height;
	xcb_get_image_reply_t *img = xcb_get_image_reply(conn,
			xcb_get_image(conn, XCB_IMAGE_FORMAT_Z_PIXMAP, win, 0,
					0, (uint16_t)w, (uint16_t)h, ~0u),
			&err);
	if (img == NULL) {
		die("GetImage on 0x%x failed: error %d", win,
				err != NULL ? err->error_code : 0);
	}
	const uint8_t *data = xcb_get_image_data(img);
	int bytes = bpp / 8;
	int pad = setup->bitmap_format_scanline_pad;
	size_t stride = ((size_t)w * bpp + pad - 1) / pad * pad / 8;
	if ((size_t)xcb_get_image_data_length(img) < stride * h) {
		die("GetImage returned %d bytes, expected %zu",
				xcb_get_image_data_length(img), stride * h);
	}
	FILE *f = fopen(path, "wb");
	if (f == NULL) {
		die("%s: %s", path, strerror(errno));
	}
	fprintf(f, "P6\n%d %d\n255\n", w, h);
	for (int y = 0; y < h; y++) {
		const uint8_t *row = data + stride * y;
		for (int x = 0; x < w; x++) {
			const uint8_t *p = row + (size_t)x * bytes;
			uint32_t v = 0;
			for (int b = 0; b < bytes; b++) {
				int i = setup->image_byte_order == XCB_IMAGE_ORDER_LSB_FIRST
							? b
							: bytes - 1 - b;
				v |= (uint32_t)p[i] << (8 * b);
			}
			unsigned char rgb[3] = {
				channel(v, vis->red_mask),
				channel(v, vis->green_mask),
				channel(v, vis->blue_mask),
			};
			fwrite(rgb, 1, 3, f);
		}
	}
	if (fclose(f) != 0) {
		die("%s: %s", path, strerror(errno));
	}
	free(img);
	free(attr);
	free(geo);
}

static void
check(xcb_connection_t *conn, xcb_void_cookie_t ck, const char *what)
{
	xcb_generic_error_t *e = xcb_request_check(conn, ck);

	if (e != NULL) {
		die("%s failed: error %d", what, e->error_code);
	}
}

/* XTestFakeInput of an absolute MotionNotify, sent by hand: the tool
 * links only libxcb, not libxcb-xtest. */
static void
xtest_motion(xcb_connection_t *conn, xcb_window_t root, int x, int y)
{
	static xcb_extension_t xtest = { "XTEST", 0 };
	const xcb_query_extension_reply_t *ext =
			xcb_get_extension_data(conn, &xtest);
	uint8_t req[36] = { 0 }; /* xXTestFakeInputReq */
	int16_t rx = (int16_t)x, ry = (int16_t)y;
	struct iovec iov[3];
	xcb_protocol_request_t pr = {
		.count = 1,
		.ext = &xtest,
		.opcode = 2, /* X_XTestFakeInput */
		.isvoid = 1,
	};

	if (ext == NULL || !ext->present) {
		return;
	}
	req[4] = XCB_MOTION_NOTIFY;
	req[5] = 0; /* detail: absolute */
	memcpy(req + 12, &root, 4);
	memcpy(req + 24, &rx, 2);
	memcpy(req + 26, &ry, 2);
	/* xcb_send_request writes to vector[-1] and vector[-2] */
	iov[2].iov_base = req;
	iov[2].iov_len = sizeof(req);
	xcb_void_cookie_t ck = { xcb_send_request(
			conn, XCB_REQUEST_CHECKED, iov + 2, &pr) };
	check(conn, ck, "XTestFakeInput");
}

/* The root position of the window's inside (inside its border). */
static void
inside_origin(xcb_connection_t *conn, xcb_window_t root, xcb_window_t win,
		int *x, int *y, int *w, int *h)
{
	xcb_get_geometry_reply_t *geo = xcb_get_geometry_reply(
			conn, xcb_get_geometry(conn, win), NULL);
	xcb_translate_coordinates_reply_t *t = xcb_translate_coordinates_reply(
			conn, xcb_translate_coordinates(conn, win, root, 0, 0),
			NULL);

	if (geo == NULL || t == NULL) {
		die("window 0x%x is gone", win);
	}
	*x = t->dst_x;
	*y = t->dst_y;
	*w = geo->width;
	*h = geo->height;
	free(t);
	free(geo);
}

static void
usage(void)
{
	fprintf(stderr, "usage: xwingrab [-display DPY] [--timeout SEC] "
			"[--class NAME] [--name NAME] CMD...\n"
			"commands: sleep MS | warp X Y | geometry | "
			"grab FILE.ppm\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	const char *display = NULL, *class = NULL, *name = NULL;
	int timeout_sec = 10;
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i += 2) {
		if (i + 1 >= argc) {
			usage();
		}
		if (strcmp(argv[i], "-display") == 0 ||
				strcmp(argv[i], "--display") == 0) {
			display = argv[i + 1];
		} else if (strcmp(argv[i], "--timeout") == 0) {
			timeout_sec = number(argv[i + 1], "--timeout");
		} else if (strcmp(argv[i], "--class") == 0) {
			class = argv[i + 1];
		} else if (strcmp(argv[i], "--name") == 0) {
			name = argv[i + 1];
		} else {
			usage();
		}
	}
	if (i >= argc) {
		usage();
	}

	int screen_no = 0;
	xcb_connection_t *conn = xcb_connect(display, &screen_no);
	if (xcb_connection_has_error(conn)) {
		die("cannot open display '%s'",
				display ? display : getenv("DISPLAY"));
	}
	xcb_screen_iterator_t s = xcb_setup_roots_iterator(xcb_get_setup(conn));
	for (int n = 0; n < screen_no && s.rem; n++) {
		xcb_screen_next(&s);
	}
	xcb_window_t root = s.data->root;

	long end = now_ms() + timeout_sec * 1000L;
	xcb_window_t win;
	while ((win = find_toplevel(conn, root, class, name)) == 0) {
		if (now_ms() >= end) {
			die("no viewable top-level window%s%s%s%s after %d s",
					class ? " of class " : "",
					class ? class : "",
					name ? " named " : "", name ? name : "",
					timeout_sec);
		}
		sleep_ms(50);
	}

	for (; i < argc; i++) {
		if (strcmp(argv[i], "sleep") == 0) {
			if (i + 1 >= argc) {
				usage();
			}
			sleep_ms(number(argv[++i], "sleep"));
		} else if (strcmp(argv[i], "warp") == 0) {
			if (i + 2 >= argc) {
				usage();
			}
			int x = number(argv[i + 1], "warp x");
			int y = number(argv[i + 2], "warp y");
			i += 2;
			check(conn,
					xcb_warp_pointer_checked(conn, XCB_NONE,
							root, 0, 0, 0, 0,
							(int16_t)x, (int16_t)y),
					"WarpPointer");
			xtest_motion(conn, root, x, y);
		} else if (strcmp(argv[i], "geometry") == 0) {
			int x, y, w, h;
			inside_origin(conn, root, win, &x, &y, &w, &h);
			printf("%d %d %d %d\n", x, y, w, h);
			fflush(stdout);
		} else if (strcmp(argv[i], "grab") == 0) {
			if (i + 1 >= argc) {
				usage();
			}
			grab(conn, win, argv[++i]);
		} else {
			usage();
		}
	}
	xcb_disconnect(conn);
	return 0;
}
