/* The window tree: attributes, map/unmap/configure/reparent/stacking, the
 * clip regions that keep drawing inside what is visible, exposures and the
 * structure events these operations generate.
 *
 * Each child of the root that is InputOutput is a toplevel: it owns the
 * image its whole subtree draws into, border included, and the front end
 * composites toplevels. Clip regions are therefore in toplevel
 * coordinates, where (0,0) is the toplevel's outer (border) corner. */
#ifndef XPROXY_WINDOW_H
#define XPROXY_WINDOW_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "xproxy/drawable.h"
#include "xproxy/util.h"

struct xp_client;
struct xp_cursor;

enum xp_background {
	XP_BG_NONE,
	XP_BG_PIXEL,
	XP_BG_PIXMAP,
	XP_BG_PARENT_RELATIVE,
};

struct xp_event_client {
	struct xp_client *client;
	uint32_t mask;
	struct xp_list link;
};

struct xp_toplevel {
	struct xp_window *window;
	pixman_image_t *image;
	pixman_region32_t damage;
	struct xp_list link; /* server->toplevels, bottom first */
	bool shown;          /* toplevel_map reported */
	bool configured;     /* toplevel_configure pending */
};

struct xp_window {
	struct xp_drawable base;
	struct xp_window *parent;
	struct xp_list children; /* bottom of the stack first */
	struct xp_list sibling;
	int32_t x, y; /* outer corner relative to the parent's inside origin */
	uint16_t border_width;
	uint16_t class; /* InputOutput or InputOnly */
	uint32_t visual;

	enum xp_background background;
	uint32_t background_pixel;
	struct xp_pixmap *background_pixmap;
	bool border_is_pixmap; /* else border_pixel */
	uint32_t border_pixel;
	struct xp_pixmap *border_pixmap;
	uint8_t bit_gravity, win_gravity, backing_store;
	uint32_t backing_planes, backing_pixel;
	bool override_redirect, save_under;
	uint32_t do_not_propagate;
	uint32_t colormap;
	struct xp_cursor *cursor;
	struct xp_list event_clients;
	struct xp_list properties;
	struct xp_list save_set_clients; /* struct xp_save_set.link */

	bool mapped;
	bool viewable;
	/* Set at validation: the inside origin in root coordinates, and the
	 * toplevel this window draws into (NULL for the root). */
	int32_t origin_x, origin_y;
	struct xp_toplevel *top;
	/* Visible parts (toplevel coordinates): the inside without mapped
	 * InputOutput children; the inside with them; border and inside. */
	pixman_region32_t clip;
	pixman_region32_t inferiors_clip;
	pixman_region32_t border_clip;
	bool destroying;
	/* resized with ForgetGravity: expose all of it at validation */
	bool contents_lost;
};

/* Creates the root window and its server resources. */
struct xp_window *xp_window_create_root(struct xp_server *server);
/* Destroys the whole tree below and including the root (server exit). */
void xp_window_destroy_root(struct xp_window *root);

int xp_lookup_window(struct xp_client *c, uint32_t id, struct xp_window **out);
static inline struct xp_window *
xp_drawable_window(struct xp_drawable *d)
{
	return d->is_window ? (struct xp_window *)d : NULL;
}
bool xp_window_is_ancestor(
		const struct xp_window *ancestor, const struct xp_window *w);
/* The child of the root that contains w (w itself for a toplevel). */
struct xp_window *xp_window_toplevel_of(struct xp_window *w);

/* Event masks: the union over clients (for setup's currentInputMask and
 * GetWindowAttributes), one client's mask, and delivery to every client
 * that selected a bit of mask on w. Returns how many clients got it. */
uint32_t xp_window_all_event_masks(const struct xp_window *w);
uint32_t xp_window_client_event_mask(
		const struct xp_window *w, const struct xp_client *c);
int xp_window_deliver(struct xp_window *w, uint32_t mask, const void *event);
/* Forgets everything c selected or saved on every window. */
void xp_window_forget_client(struct xp_window *root, struct xp_client *c);

/* Paints w's background into region (toplevel coordinates) and, when
 * send_expose, sends Expose events for it. */
void xp_window_expose(struct xp_window *w, const pixman_region32_t *region,
		bool paint, bool send_expose);

/* Recomputes clips and viewability below the toplevel containing w,
 * painting backgrounds and borders and sending Expose for what became
 * visible. */
void xp_window_validate(struct xp_window *w);

/* The inside origin of w in root coordinates. */
void xp_window_root_origin(const struct xp_window *w, int32_t *x, int32_t *y);
/* The topmost mapped child of w whose outer box holds (x, y), relative to
 * w's inside origin; NULL if none. */
struct xp_window *xp_window_child_at(struct xp_window *w, int32_t x, int32_t y);

extern const struct xp_resource_type xp_window_type;

#endif
