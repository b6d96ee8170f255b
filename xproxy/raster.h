/* Scan conversion of the X11 core geometric primitives (FillPoly, PolyLine,
 * PolySegment, PolyRectangle, PolyArc, PolyFillArc) into spans: the exact
 * set of pixels the X server touches, so that clients such as xclock, xlogo
 * and xeyes look the same as on Xvfb. Pure functions, no server state.
 *
 * Every function appends to a caller-owned struct xp_spans; on allocation
 * failure the list sets oom and keeps what it had, and the caller answers
 * BadAlloc. Coordinates are absolute (the caller adds the drawable origin and
 * converts CoordModePrevious) and are not clipped: clip the region. */
#ifndef XPROXY_RASTER_H
#define XPROXY_RASTER_H

#include <pixman.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xp_point {
	int32_t x, y;
};

struct xp_arc {
	int32_t x, y;
	uint32_t width, height;
	int32_t angle1, angle2; /* 64ths of a degree */
};

/* Growable list of 1-pixel-high spans [x1,x2) on row y, stored as pixman
 * boxes. oom is set on allocation failure. */
struct xp_spans {
	pixman_box32_t *boxes;
	size_t n, cap;
	bool oom;
};

void xp_spans_init(struct xp_spans *s);
void xp_spans_finish(struct xp_spans *s);
/* Appends [x1,x2) on row y; ignores empty spans. */
void xp_spans_add(struct xp_spans *s, int32_t y, int32_t x1, int32_t x2);
/* Initialises out to the union of all spans. Returns false on OOM (out is
 * then initialised and empty). */
bool xp_spans_to_region(const struct xp_spans *s, pixman_region32_t *out);

enum xp_fill_rule { XP_EVEN_ODD, XP_WINDING }; /* EvenOddRule, WindingRule */
enum xp_arc_mode { XP_ARC_CHORD, XP_ARC_PIE_SLICE }; /* ArcChord, ArcPieSlice */
enum xp_cap { XP_CAP_NOT_LAST, XP_CAP_BUTT, XP_CAP_ROUND, XP_CAP_PROJECTING };
enum xp_join { XP_JOIN_MITER, XP_JOIN_ROUND, XP_JOIN_BEVEL };

struct xp_line_style {
	uint32_t width; /* 0: the thin-line algorithm */
	enum xp_cap cap;
	enum xp_join join;
};

/* FillPoly with absolute points; the shape hint is not needed. */
void xp_raster_fill_polygon(struct xp_spans *out, const struct xp_point *pts,
		size_t n, enum xp_fill_rule rule);
/* PolyLine with absolute points: one line in X's sense, with joins between
 * segments, caps at the ends, and a join instead of caps when the first and
 * last points are equal. */
void xp_raster_polyline(struct xp_spans *out, const struct xp_point *pts,
		size_t n, const struct xp_line_style *style);
/* One segment of PolySegment (each segment is an independent line). */
void xp_raster_segment(struct xp_spans *out, struct xp_point a,
		struct xp_point b, const struct xp_line_style *style);
/* One thin (width 0) line from a to b, with or without its last point. */
void xp_raster_thin_line(struct xp_spans *out, struct xp_point a,
		struct xp_point b, bool draw_last);
/* PolyRectangle: the outline of one rectangle, a closed path with joins. */
void xp_raster_rectangle(struct xp_spans *out, int32_t x, int32_t y, uint32_t w,
		uint32_t h, const struct xp_line_style *style);
/* PolyFillArc of one arc. */
void xp_raster_fill_arc(struct xp_spans *out, const struct xp_arc *arc,
		enum xp_arc_mode mode);
/* PolyArc: the outline of one arc. */
void xp_raster_arc(struct xp_spans *out, const struct xp_arc *arc,
		const struct xp_line_style *style);

#endif
