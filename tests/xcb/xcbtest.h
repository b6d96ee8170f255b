/* In-process protocol tests: an xproxy server on its own thread, clients
 * connected with xcb over socketpairs, and an output observer that records
 * damage. */
#ifndef TESTS_XCB_XCBTEST_H
#define TESTS_XCB_XCBTEST_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>
#include <xcb/xcb.h>

struct xt_server;

/* Starts a server with a root of width x height. NULL on failure. */
struct xt_server *xt_start(int width, int height);
void xt_stop(struct xt_server *t);
/* A new client connection; NULL on failure. */
xcb_connection_t *xt_connect(struct xt_server *t);
/* Damage reported since the last call, in root coordinates. */
void xt_take_damage(struct xt_server *t, pixman_region32_t *out);
int xt_map_count(struct xt_server *t);

/* Checks a void request's outcome: expected error code (0 = success),
 * and, when expected, bad value and major opcode. Returns true if met. */
bool xt_expect_error(xcb_generic_error_t *err, uint8_t code, uint32_t bad_value,
		uint8_t major);
/* Waits (with a round trip) for the next event of the given type;
 * NULL if none arrived. Caller frees. */
xcb_generic_event_t *xt_wait_event(xcb_connection_t *c, uint8_t type);
/* The first screen of a connection. */
xcb_screen_t *xt_screen(xcb_connection_t *c);
/* One pixel of a drawable via GetImage (ZPixmap), masked to 24 bits for
 * depth 24; UINT32_MAX on error. */
uint32_t xt_get_pixel(xcb_connection_t *c, xcb_drawable_t d, int x, int y);

#endif
