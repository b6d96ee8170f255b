/* Cursors: the image (ARGB, premultiplied as pixman likes) and hotspot the
 * front end shows, refcounted because windows and grabs hold them. */
#ifndef XPROXY_CURSOR_H
#define XPROXY_CURSOR_H

#include <pixman.h>
#include <stdint.h>

#include "xproxy/resource.h"

struct xp_client;

struct xp_cursor {
	struct xp_resource res;
	int refs;
	uint16_t width, height, hot_x, hot_y;
	/* 1 bit per pixel source and mask, kept for RecolorCursor. */
	uint8_t *source, *mask;
	uint16_t fore[3], back[3];
	pixman_image_t *image; /* a8r8g8b8 */
};

int xp_lookup_cursor(struct xp_client *c, uint32_t id, struct xp_cursor **out);
struct xp_cursor *xp_cursor_ref(struct xp_cursor *cursor);
void xp_cursor_unref(struct xp_cursor *cursor);
/* Replaces *slot with cursor (NULL allowed), managing references. */
void xp_cursor_set(struct xp_cursor **slot, struct xp_cursor *cursor);

#endif
