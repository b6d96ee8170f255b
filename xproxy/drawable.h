/* Drawables: the base that windows and pixmaps embed, pixmaps themselves,
 * and the pixman images behind them. Windows draw into their toplevel's
 * image (see window.h); pixmaps own theirs. */
#ifndef XPROXY_DRAWABLE_H
#define XPROXY_DRAWABLE_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "xproxy/resource.h"

struct xp_server;
struct xp_client;
struct xp_window;

struct xp_drawable {
	struct xp_resource res;
	struct xp_server *server;
	bool is_window;
	uint8_t depth;
	uint8_t bpp; /* 1, 8 or 32 */
	uint16_t width, height;
};

struct xp_pixmap {
	struct xp_drawable base;
	pixman_image_t *image;
	/* FreePixmap only drops the XID; tiles, backgrounds and cursors hold
	 * references of their own. */
	int refs;
};

/* The pixman format that holds a drawable of this depth, 0 if none. */
pixman_format_code_t xp_depth_format(uint8_t depth);
uint8_t xp_depth_bpp(uint8_t depth);
bool xp_depth_supported(uint8_t depth);

/* Creates a pixmap (not yet in the resource map); NULL on OOM. */
struct xp_pixmap *xp_pixmap_create(struct xp_server *server, uint32_t id,
		struct xp_client *owner, uint16_t width, uint16_t height,
		uint8_t depth);
struct xp_pixmap *xp_pixmap_ref(struct xp_pixmap *pix);
void xp_pixmap_unref(struct xp_pixmap *pix);

/* Lookups that store the bad XID and return the X error. */
int xp_lookup_drawable(
		struct xp_client *c, uint32_t id, struct xp_drawable **out);
int xp_lookup_pixmap(struct xp_client *c, uint32_t id, struct xp_pixmap **out);

/* Where a drawable's pixels are: the image, the offset of the drawable's
 * origin in it, and the region drawing may touch (image coordinates).
 * include_inferiors selects the GC's IncludeInferiors subwindow mode.
 * Returns false when nothing of the drawable is visible. The region is
 * initialised by the call; the caller finishes it. */
bool xp_drawable_target(struct xp_drawable *d, bool include_inferiors,
		pixman_image_t **image, int *dx, int *dy,
		pixman_region32_t *clip);
/* Reports that pixels in region (image coordinates of the drawable's
 * target) changed: windows add damage, pixmaps ignore it. */
void xp_drawable_damage(struct xp_drawable *d, const pixman_region32_t *r);

extern const struct xp_resource_type xp_pixmap_type;

#endif
