/* Graphics contexts: the state every drawing request reads. */
#ifndef XPROXY_GC_H
#define XPROXY_GC_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "xproxy/resource.h"

struct xp_client;
struct xp_font;
struct xp_pixmap;

enum xp_clip_kind {
	XP_CLIP_NONE,
	XP_CLIP_REGION, /* from clip rectangles or a clip-mask bitmap */
};

struct xp_gc {
	struct xp_resource res;
	struct xp_server *server;
	uint8_t depth;
	uint8_t function;
	uint32_t plane_mask, foreground, background;
	uint16_t line_width;
	uint8_t line_style, cap_style, join_style, fill_style, fill_rule;
	uint8_t arc_mode, subwindow_mode;
	bool graphics_exposures;
	struct xp_pixmap *tile;    /* NULL: a tile of tile_pixel */
	uint32_t tile_pixel;       /* the foreground when the GC was made */
	struct xp_pixmap *stipple; /* NULL: all ones */
	int16_t ts_x, ts_y;
	struct xp_font *font;
	int16_t clip_x, clip_y;
	enum xp_clip_kind clip_kind;
	pixman_region32_t clip; /* relative to the clip origin */
	uint16_t dash_offset;
	uint8_t *dashes;
	uint16_t n_dashes;
};

int xp_lookup_gc(struct xp_client *c, uint32_t id, struct xp_gc **out);

extern const struct xp_resource_type xp_gc_type;

#endif
