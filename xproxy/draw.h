/* The common frame of every drawing request: drawable and GC lookup with
 * the protocol's checks, where the pixels are, and the composite clip
 * (window visibility ∩ GC clip). */
#ifndef XPROXY_DRAW_H
#define XPROXY_DRAW_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

struct xp_client;
struct xp_drawable;
struct xp_gc;
struct xp_spans;

struct xp_draw {
	struct xp_drawable *d;
	struct xp_gc *gc;
	pixman_image_t *image;
	int ox, oy;             /* drawable origin in the image */
	pixman_region32_t clip; /* image coordinates */
	bool visible;
};

/* Looks up and checks the drawable and GC (BadDrawable, BadGC, BadMatch)
 * and prepares the clip. On success the caller must call xp_draw_end. */
int xp_draw_begin(struct xp_client *c, uint32_t drawable, uint32_t gc,
		struct xp_draw *dr);
void xp_draw_end(struct xp_draw *dr);
/* Fills region (drawable coordinates; consumed) with the GC's fill. */
void xp_draw_region(struct xp_draw *dr, pixman_region32_t *region);
/* The same for spans; empties them. */
void xp_draw_spans(struct xp_draw *dr, struct xp_spans *spans);
/* Whether drawing the same pixel twice gives the same result as once, so
 * that the primitives of one request may be merged. */
bool xp_draw_idempotent(const struct xp_draw *dr);

#endif
