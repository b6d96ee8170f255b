/* appgrab: writes the inside of an application's top-level window on
 * $DISPLAY as a binary PPM, once it has stopped changing.
 *
 *   appgrab [--timeout SEC] [--name SUBSTR] OUT.ppm
 *
 * The window is the bottom-most viewable InputOutput child of the root (the
 * first one mapped when there is no window manager), or the first whose
 * WM_NAME contains SUBSTR. Grabs repeat every 150 ms until three in a row are
 * equal, so an application still drawing is not caught half way. Prints the
 * window's size WxH. Exit 0, or 1 with a message. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xcb/xcb.h>

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static bool
name_matches(xcb_connection_t *c, xcb_window_t w, const char *want)
{
	xcb_get_property_reply_t *p = xcb_get_property_reply(c,
			xcb_get_property(c, 0, w, XCB_ATOM_WM_NAME,
					XCB_ATOM_ANY, 0, 256),
			NULL);
	bool ok = false;

	if (p != NULL) {
		int n = xcb_get_property_value_length(p);
		char *s = strndup(xcb_get_property_value(p), (size_t)n);
		ok = s != NULL && strstr(s, want) != NULL;
		free(s);
		free(p);
	}
	return ok;
}

static xcb_window_t
find_window(xcb_connection_t *c, xcb_window_t root, const char *name)
{
	xcb_query_tree_reply_t *t =
			xcb_query_tree_reply(c, xcb_query_tree(c, root), NULL);
	xcb_window_t found = XCB_NONE;

	if (t == NULL) {
		return XCB_NONE;
	}
	xcb_window_t *kids = xcb_query_tree_children(t);
	for (int i = 0; i < xcb_query_tree_children_length(t); i++) {
		xcb_get_window_attributes_reply_t *a =
				xcb_get_window_attributes_reply(c,
						xcb_get_window_attributes(
								c, kids[i]),
						NULL);
		bool ok = a != NULL && a->map_state == XCB_MAP_STATE_VIEWABLE &&
			  a->_class == XCB_WINDOW_CLASS_INPUT_OUTPUT;
		free(a);
		if (ok && (name == NULL || name_matches(c, kids[i], name))) {
			found = kids[i];
			break;
		}
	}
	free(t);
	return found;
}

/* The window's pixels as packed RGB, NULL if it is gone. */
static unsigned char *
grab(xcb_connection_t *c, xcb_window_t w, int *width, int *height)
{
	xcb_get_geometry_reply_t *g =
			xcb_get_geometry_reply(c, xcb_get_geometry(c, w), NULL);

	if (g == NULL) {
		return NULL;
	}
	*width = g->width;
	*height = g->height;
	free(g);
	xcb_get_image_reply_t *img = xcb_get_image_reply(c,
			xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, w, 0, 0,
					(uint16_t)*width, (uint16_t)*height,
					0xffffffff),
			NULL);
	if (img == NULL) {
		return NULL;
	}
	size_t n = (size_t)*width * *height;
	unsigned char *rgb = malloc(n * 3);
	const uint8_t *src = xcb_get_image_data(img);
	if (rgb == NULL || (size_t)xcb_get_image_data_length(img) < n * 4) {
		free(rgb);
		free(img);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t v;
		memcpy(&v, src + i * 4, 4);
		rgb[i * 3] = v >> 16 & 0xff;
		rgb[i * 3 + 1] = v >> 8 & 0xff;
		rgb[i * 3 + 2] = v & 0xff;
	}
	free(img);
	return rgb;
}

int
main(int argc, char **argv)
{
	const char *name = NULL, *out = NULL;
	long timeout_ms = 10000;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			timeout_ms = atol(argv[++i]) * 1000;
		} else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			name = argv[++i];
		} else {
			out = argv[i];
		}
	}
	if (out == NULL) {
		fprintf(stderr, "usage: appgrab [--timeout SEC] [--name "
				"SUBSTR] OUT.ppm\n");
		return 1;
	}
	xcb_connection_t *c = xcb_connect(NULL, NULL);
	if (xcb_connection_has_error(c)) {
		fprintf(stderr, "appgrab: cannot open the display\n");
		return 1;
	}
	xcb_window_t root =
			xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
	unsigned char *prev = NULL;
	int w = 0, h = 0, same = 0;
	for (long t = 0; t < timeout_ms; t += 150) {
		xcb_window_t win = find_window(c, root, name);
		int nw = 0, nh = 0;
		unsigned char *cur =
				win == XCB_NONE ? NULL : grab(c, win, &nw, &nh);
		if (cur != NULL && prev != NULL && nw == w && nh == h &&
				memcmp(cur, prev, (size_t)w * h * 3) == 0) {
			same++;
		} else {
			same = 0;
		}
		free(prev);
		prev = cur;
		w = nw;
		h = nh;
		if (same >= 2) {
			FILE *f = fopen(out, "wb");
			if (f == NULL) {
				perror(out);
				return 1;
			}
			fprintf(f, "P6\n%d %d\n255\n", w, h);
			fwrite(prev, 3, (size_t)w * h, f);
			fclose(f);
			printf("%dx%d\n", w, h);
			free(prev);
			xcb_disconnect(c);
			return 0;
		}
		sleep_ms(150);
	}
	fprintf(stderr, "appgrab: no stable window%s%s within %ld s\n",
			name ? " named " : "", name ? name : "",
			timeout_ms / 1000);
	return 1;
}
