/* xproxy's windows → libvncserver's framebuffer. Private to rfb/.
 *
 * The VNC desktop is the main toplevel: the first one mapped, until it
 * unmaps, then the next in map order. Other mapped toplevels stacked above
 * it are composited at their positions relative to it, clipped. Everything
 * here runs on the X thread except a resizer thread, which alone calls
 * rfbNewFramebuffer() (it waits for every viewer's send lock) and frees the
 * framebuffers viewers can no longer read. */
#ifndef RFB_OUTPUT_H
#define RFB_OUTPUT_H

#include "xproxy/xproxy.h"

#include <rfb/rfb.h>
#include <stdbool.h>

struct vnc_output;

/* The observer to pass to xp_server_create() with the output as data. */
extern const struct xp_output_impl vnc_output_impl;

/* Creates the output. screen may be NULL (no VNC: only the main toplevel's
 * position is tracked); otherwise it is borrowed, and the output installs
 * its own framebuffer, sized as the screen, into it and starts the resizer
 * thread. wake_fd (borrowed) is written when a resize completes, so that
 * the X loop calls vnc_output_flush(). Returns NULL on failure. */
struct vnc_output *vnc_output_create(rfbScreenInfoPtr screen, int wake_fd);
/* Stops the resizer thread and frees the framebuffers; the screen must no
 * longer be served. Accepts NULL. */
void vnc_output_destroy(struct vnc_output *output);

/* Borrows the server for walking toplevels; set before it dispatches. */
void vnc_output_set_server(struct vnc_output *output, struct xp_server *server);

/* X thread, once per loop iteration: tells libvncserver about the pixels
 * copied since the last call (held back while a resize is in flight). */
void vnc_output_flush(struct vnc_output *output);

/* Root position of the desktop's origin (the main toplevel), or 0,0. */
void vnc_output_origin(const struct vnc_output *output, int *x, int *y);

#endif
