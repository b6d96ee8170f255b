/* setid: maps a 64x48 white window, waits a moment for the display's threads
 * to settle, then calls setgid(getgid()) as xterm does at start-up (glibc
 * then interrupts every thread of the process), and waits to be killed. */
#include <stdio.h>
#include <unistd.h>
#include <xcb/xcb.h>

int
main(void)
{
	xcb_connection_t *c = xcb_connect(NULL, NULL);

	if (xcb_connection_has_error(c)) {
		fprintf(stderr, "setid: cannot open the display\n");
		return 1;
	}
	xcb_screen_t *s = xcb_setup_roots_iterator(xcb_get_setup(c)).data;
	xcb_window_t w = xcb_generate_id(c);
	uint32_t v[] = { s->white_pixel };
	xcb_create_window(c, XCB_COPY_FROM_PARENT, w, s->root, 0, 0, 64, 48, 0,
			XCB_WINDOW_CLASS_INPUT_OUTPUT, s->root_visual,
			XCB_CW_BACK_PIXEL, v);
	xcb_map_window(c, w);
	xcb_flush(c);
	usleep(300000);
	if (setgid(getgid()) != 0) {
		perror("setid: setgid");
		return 1;
	}
	for (;;) {
		pause();
	}
}
