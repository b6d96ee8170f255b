/* Viewer input crossing from libvncserver's threads into the X thread.
 * Private to rfb/. */
#ifndef RFB_INPUT_H
#define RFB_INPUT_H

#include <rfb/rfb.h>

struct xp_server;
struct vnc_input;

/* Creates the queue. wake_fd (borrowed) is an eventfd written whenever an
 * event is queued, so that the X loop polls it. Returns NULL on failure. */
struct vnc_input *vnc_input_create(int wake_fd);
/* Accepts NULL. Only once no viewer thread can call the hooks any more. */
void vnc_input_destroy(struct vnc_input *input);

/* Installs the pointer, keyboard and client hooks on screen; the screen's
 * screenData becomes input. Call before the screen starts serving. */
void vnc_input_attach(struct vnc_input *input, rfbScreenInfoPtr screen);

/* X thread: applies every queued event to server. Pointer positions are in
 * desktop coordinates; (dx, dy), the main toplevel's root position, is
 * added to make them root coordinates. */
void vnc_input_apply(struct vnc_input *input, struct xp_server *server, int dx,
		int dy);

#endif
