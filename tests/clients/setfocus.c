/* setfocus: SetInputFocus, for tests that watch focus events.
 *
 *   setfocus NAME | none | pointerroot
 *
 * NAME is a substring of a top-level window's WM_NAME (waits up to 5 s for
 * it to appear). Exit 0 once the server has processed the request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xcb/xcb.h>

static xcb_window_t
find(xcb_connection_t *c, xcb_window_t root, const char *name)
{
	xcb_query_tree_reply_t *t =
			xcb_query_tree_reply(c, xcb_query_tree(c, root), NULL);
	xcb_window_t found = XCB_NONE;

	if (t == NULL) {
		return XCB_NONE;
	}
	xcb_window_t *kids = xcb_query_tree_children(t);
	for (int i = 0; i < xcb_query_tree_children_length(t) && !found; i++) {
		xcb_get_property_reply_t *p = xcb_get_property_reply(c,
				xcb_get_property(c, 0, kids[i],
						XCB_ATOM_WM_NAME, XCB_ATOM_ANY,
						0, 256),
				NULL);
		if (p != NULL) {
			int n = xcb_get_property_value_length(p);
			char *s = strndup(xcb_get_property_value(p), (size_t)n);
			if (s != NULL && strstr(s, name) != NULL) {
				found = kids[i];
			}
			free(s);
			free(p);
		}
	}
	free(t);
	return found;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: setfocus NAME|none|pointerroot\n");
		return 1;
	}
	xcb_connection_t *c = xcb_connect(NULL, NULL);
	if (xcb_connection_has_error(c)) {
		fprintf(stderr, "setfocus: cannot open the display\n");
		return 1;
	}
	xcb_window_t root =
			xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
	xcb_window_t w = XCB_NONE;
	if (strcmp(argv[1], "pointerroot") == 0) {
		w = XCB_INPUT_FOCUS_POINTER_ROOT;
	} else if (strcmp(argv[1], "none") != 0) {
		for (int i = 0; i < 50 && w == XCB_NONE; i++) {
			w = find(c, root, argv[1]);
			if (w == XCB_NONE) {
				usleep(100000);
			}
		}
		if (w == XCB_NONE) {
			fprintf(stderr, "setfocus: no window named %s\n",
					argv[1]);
			return 1;
		}
	}
	xcb_generic_error_t *e = xcb_request_check(
			c, xcb_set_input_focus_checked(c,
					   XCB_INPUT_FOCUS_POINTER_ROOT, w,
					   XCB_CURRENT_TIME));
	if (e != NULL) {
		fprintf(stderr, "setfocus: error %d\n", e->error_code);
		return 1;
	}
	xcb_disconnect(c);
	return 0;
}
