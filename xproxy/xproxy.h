/* xproxy: an X11 server that lives inside the application's process.
 *
 * Everything here is called from one thread, the X thread, which owns every
 * xproxy object. Nothing in xproxy blocks: clients whose socket is full get
 * their output queued, and the caller's loop decides when to wait. The
 * public structs are opaque; rfb/ sees xproxy only through this header. */
#ifndef XPROXY_XPROXY_H
#define XPROXY_XPROXY_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

struct xp_server;
struct xp_toplevel;

struct xp_server_options {
	int width, height; /* the root window, in pixels */
	int dpi;           /* reported through the screen's millimetre size */
	const char *keymap_layout;  /* xkb layout, NULL = "us" */
	const char *keymap_variant; /* NULL = none */
};

/* What the front end learns from xproxy. Callbacks run on the X thread from
 * xp_server_dispatch(), never from inside a request handler, and must not
 * call back into xproxy except through the xp_toplevel_* getters. */
struct xp_output_impl {
	/* A child of the root became viewable (mapped with all ancestors). */
	void (*toplevel_map)(void *data, struct xp_toplevel *top);
	void (*toplevel_unmap)(void *data, struct xp_toplevel *top);
	/* Position, size or stacking changed; the image may be new. */
	void (*toplevel_configure)(void *data, struct xp_toplevel *top);
	/* region is in toplevel coordinates (the border's outer corner is 0,0),
	 * clipped to the toplevel; its pixels stay valid until return. */
	void (*damage)(void *data, struct xp_toplevel *top,
			const pixman_region32_t *region);
};

/* Creates the server with its screen, root window, atoms, fonts and
 * keymap. The impl and data are borrowed for the server's lifetime. Returns
 * NULL on failure (logged). */
struct xp_server *xp_server_create(const struct xp_server_options *options,
		const struct xp_output_impl *impl, void *data);
/* Closes every client and frees everything; accepts NULL. */
void xp_server_destroy(struct xp_server *server);

/* Takes ownership of a connected stream socket: a new X client that starts
 * with the connection setup. The fd is made non-blocking and close-on-exec.
 * Returns false (and closes fd) when no client slot is left. */
bool xp_server_add_client(struct xp_server *server, int fd);

/* An fd that becomes readable when some client needs attention; poll it,
 * then call xp_server_dispatch(). */
int xp_server_get_fd(const struct xp_server *server);
/* Reads, dispatches and writes for every ready client without blocking,
 * then reports damage and toplevel changes to the output impl. */
void xp_server_dispatch(struct xp_server *server);
/* Number of connected clients (the loop may exit when it drops to 0). */
int xp_server_client_count(const struct xp_server *server);

/* Toplevel getters, valid while the toplevel is mapped. Geometry is in root
 * coordinates and includes the border. */
uint32_t xp_toplevel_window_id(const struct xp_toplevel *top);
void xp_toplevel_get_box(const struct xp_toplevel *top, int *x, int *y,
		int *width, int *height);
bool xp_toplevel_override_redirect(const struct xp_toplevel *top);
int xp_toplevel_border_width(const struct xp_toplevel *top);
/* The toplevel's pixels, x8r8g8b8, owned by xproxy, width x height as
 * above. Valid until the next call into xproxy. */
pixman_image_t *xp_toplevel_image(const struct xp_toplevel *top);
/* Toplevels are kept bottom to top; NULL ends the walk. */
struct xp_toplevel *xp_server_toplevel_first(struct xp_server *server);
struct xp_toplevel *xp_toplevel_next(struct xp_toplevel *top);

/* Input from the viewer, in root coordinates. buttons is a bit mask,
 * bit 0 = button 1 ... bit 6 = button 7 (RFB's layout). */
void xp_input_pointer(struct xp_server *server, int x, int y, uint32_t buttons);
/* A key by keysym: the server finds (or binds) a keycode for it and adds
 * the modifiers the keysym needs. */
void xp_input_keysym(struct xp_server *server, uint32_t keysym, bool down);
/* Releases every key and button the viewer still holds. */
void xp_input_release_all(struct xp_server *server);

#endif
