#include "xproxy/draw.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>

#include "xproxy/client.h"
#include "xproxy/drawable.h"
#include "xproxy/gc.h"
#include "xproxy/log.h"
#include "xproxy/proc.h"
#include "xproxy/raster.h"
#include "xproxy/render.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

int
xp_draw_begin(struct xp_client *c, uint32_t drawable, uint32_t gcid,
		struct xp_draw *dr)
{
	int rc;

	if ((rc = xp_lookup_drawable(c, drawable, &dr->d)) != Success ||
			(rc = xp_lookup_gc(c, gcid, &dr->gc)) != Success) {
		return rc;
	}
	if (dr->gc->depth != dr->d->depth) {
		return xp_error(c, BadMatch, 0);
	}
	dr->visible = xp_drawable_target(dr->d,
			dr->gc->subwindow_mode == IncludeInferiors, &dr->image,
			&dr->ox, &dr->oy, &dr->clip);
	if (dr->visible && dr->gc->clip_kind == XP_CLIP_REGION) {
		pixman_region32_t gclip;
		pixman_region32_init(&gclip);
		pixman_region32_copy(&gclip, &dr->gc->clip);
		pixman_region32_translate(&gclip, dr->ox + dr->gc->clip_x,
				dr->oy + dr->gc->clip_y);
		pixman_region32_intersect(&dr->clip, &dr->clip, &gclip);
		pixman_region32_fini(&gclip);
		dr->visible = pixman_region32_not_empty(&dr->clip);
	}
	return Success;
}

void
xp_draw_end(struct xp_draw *dr)
{
	pixman_region32_fini(&dr->clip);
}

void
xp_draw_region(struct xp_draw *dr, pixman_region32_t *region)
{
	if (!dr->visible) {
		return;
	}
	pixman_region32_translate(region, dr->ox, dr->oy);
	pixman_region32_intersect(region, region, &dr->clip);
	if (!pixman_region32_not_empty(region)) {
		return;
	}
	xp_render_fill(dr->image, region, dr->gc, dr->ox, dr->oy, dr->d->depth);
	xp_drawable_damage(dr->d, region);
}

void
xp_draw_spans(struct xp_draw *dr, struct xp_spans *spans)
{
	pixman_region32_t region;

	if (spans->n == 0) {
		return;
	}
	if (xp_spans_to_region(spans, &region)) {
		xp_draw_region(dr, &region);
		pixman_region32_fini(&region);
	}
	spans->n = 0;
}

bool
xp_draw_idempotent(const struct xp_draw *dr)
{
	switch (dr->gc->function) {
	case GXclear:
	case GXand:
	case GXcopy:
	case GXandInverted:
	case GXnoop:
	case GXor:
	case GXcopyInverted:
	case GXorInverted:
	case GXset:
		return true;
	default:
		return false;
	}
}

static void
line_style(const struct xp_gc *gc, struct xp_line_style *ls)
{
	static const enum xp_cap caps[] = { XP_CAP_NOT_LAST, XP_CAP_BUTT,
		XP_CAP_ROUND, XP_CAP_PROJECTING };
	static const enum xp_join joins[] = { XP_JOIN_MITER, XP_JOIN_ROUND,
		XP_JOIN_BEVEL };

	ls->width = gc->line_width;
	ls->cap = caps[gc->cap_style];
	ls->join = joins[gc->join_style];
}

static bool
outside(const pixman_box32_t *b, struct xp_point p)
{
	return p.x < b->x1 || p.x >= b->x2 || p.y < b->y1 || p.y >= b->y2;
}

/* A thin polyline drawn as Xvfb draws it when the order matters (a raster
 * operation that is not idempotent, e.g. GXxor): one segment at a time, so
 * pixels where segments meet again are drawn twice, as the protocol allows
 * for thin lines ("If thin lines intersect, the intersecting pixels are
 * drawn multiple times"). Whether the last point of a closed path is drawn
 * again on its first depends on the path fb takes, observed on Xvfb: with a
 * solid line, solid fill and a clip of one rectangle, a closed path skips it
 * unless its last segment reaches outside that rectangle; otherwise the last
 * point is drawn like any other end. */
static void
draw_thin_polyline_ordered(struct xp_draw *dr, const struct xp_point *pts,
		size_t n, struct xp_spans *spans)
{
	const struct xp_gc *gc = dr->gc;
	bool cap_last = gc->cap_style != CapNotLast;
	bool fast = gc->line_style == LineSolid &&
		    gc->fill_style == FillSolid &&
		    pixman_region32_n_rects(&dr->clip) == 1;
	pixman_box32_t box = *pixman_region32_extents(&dr->clip);

	/* the clip is in image coordinates, the points in the drawable's */
	box.x1 -= dr->ox;
	box.x2 -= dr->ox;
	box.y1 -= dr->oy;
	box.y2 -= dr->oy;
	for (size_t i = 0; i + 1 < n; i++) {
		bool last = false;
		if (i + 2 == n && cap_last) {
			bool closed = pts[i + 1].x == pts[0].x &&
				      pts[i + 1].y == pts[0].y;
			last = !fast || !closed || outside(&box, pts[i]) ||
			       outside(&box, pts[i + 1]);
		}
		xp_raster_thin_line(spans, pts[i], pts[i + 1], last);
		xp_draw_spans(dr, spans);
	}
}

/* Decodes a point list, resolving CoordModePrevious; NULL on OOM. */
static struct xp_point *
decode_points(const xPoint *in, size_t n, uint8_t mode)
{
	struct xp_point *pts = malloc((n ? n : 1) * sizeof(*pts));

	if (pts == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		pts[i].x = in[i].x;
		pts[i].y = in[i].y;
		if (mode == CoordModePrevious && i > 0) {
			pts[i].x += pts[i - 1].x;
			pts[i].y += pts[i - 1].y;
		}
	}
	return pts;
}

static int
list_count(struct xp_client *c, size_t fixed, size_t item, size_t *n)
{
	size_t bytes = c->req_len - fixed;

	if (bytes % item != 0) {
		return BadLength;
	}
	*n = bytes / item;
	return Success;
}

/* The common start of PolyPoint, PolyLine and FillPoly: the coordinate
 * mode, drawable and GC, then the point list after the fixed part, decoded
 * to absolute points. On success the caller owns *pts and must end dr. */
static int
begin_points(struct xp_client *c, uint8_t coord_mode, uint32_t drawable,
		uint32_t gc, size_t fixed, const void *list, struct xp_draw *dr,
		struct xp_point **pts, size_t *n)
{
	int rc;

	if (coord_mode > CoordModePrevious) {
		return xp_error(c, BadValue, coord_mode);
	}
	if ((rc = xp_draw_begin(c, drawable, gc, dr)) != Success) {
		return rc;
	}
	if ((rc = list_count(c, fixed, sz_xPoint, n)) != Success) {
		xp_draw_end(dr);
		return rc;
	}
	*pts = decode_points(list, *n, coord_mode);
	if (*pts == NULL) {
		xp_draw_end(dr);
		return BadAlloc;
	}
	return Success;
}

static int
poly_points(struct xp_client *c, const void *raw, bool line)
{
	const xPolyPointReq *req = raw; /* same layout as xPolyLineReq */
	struct xp_draw dr;
	struct xp_spans spans;
	size_t n;
	int rc;

	struct xp_point *pts;
	if ((rc = begin_points(c, req->coordMode, req->drawable, req->gc,
			     sz_xPolyPointReq, req + 1, &dr, &pts, &n)) !=
			Success) {
		return rc;
	}
	xp_spans_init(&spans);
	if (line && dr.gc->line_width == 0 && n >= 2 && dr.visible &&
			!xp_draw_idempotent(&dr)) {
		draw_thin_polyline_ordered(&dr, pts, n, &spans);
	} else if (line) {
		struct xp_line_style ls;
		line_style(dr.gc, &ls);
		xp_raster_polyline(&spans, pts, n, &ls);
		xp_draw_spans(&dr, &spans);
	} else {
		bool merge = xp_draw_idempotent(&dr);
		for (size_t i = 0; i < n; i++) {
			xp_spans_add(&spans, pts[i].y, pts[i].x, pts[i].x + 1);
			if (!merge) {
				xp_draw_spans(&dr, &spans);
			}
		}
		xp_draw_spans(&dr, &spans);
	}
	rc = spans.oom ? BadAlloc : Success;
	xp_spans_finish(&spans);
	free(pts);
	xp_draw_end(&dr);
	return rc;
}

int
xp_proc_poly_point(struct xp_client *c, const void *raw)
{
	return poly_points(c, raw, false);
}

int
xp_proc_poly_line(struct xp_client *c, const void *raw)
{
	return poly_points(c, raw, true);
}

enum shape_kind {
	SHAPE_SEGMENT,
	SHAPE_RECTANGLE,
	SHAPE_ARC,
	SHAPE_FILL_RECTANGLE,
	SHAPE_FILL_ARC,
};

static const size_t shape_size[] = {
	[SHAPE_SEGMENT] = sz_xSegment,
	[SHAPE_RECTANGLE] = sz_xRectangle,
	[SHAPE_ARC] = sz_xArc,
	[SHAPE_FILL_RECTANGLE] = sz_xRectangle,
	[SHAPE_FILL_ARC] = sz_xArc,
};

static void
raster_shape(struct xp_draw *dr, enum shape_kind kind, const void *item,
		const struct xp_line_style *ls, struct xp_spans *spans)
{
	const xSegment *seg = item;
	const xRectangle *rect = item;
	const xArc *a = item;
	struct xp_arc arc;

	switch (kind) {
	case SHAPE_SEGMENT:
		xp_raster_segment(spans, (struct xp_point){ seg->x1, seg->y1 },
				(struct xp_point){ seg->x2, seg->y2 }, ls);
		break;
	case SHAPE_RECTANGLE:
		if (ls->width == 0 && !xp_draw_idempotent(dr)) {
			/* PolyRectangle is PolyLine's closed path (X11
			 * protocol), with the same order of drawing */
			int32_t x2 = rect->x + (int32_t)rect->width,
				y2 = rect->y + (int32_t)rect->height;
			struct xp_point p[5] = { { rect->x, rect->y },
				{ x2, rect->y }, { x2, y2 }, { rect->x, y2 },
				{ rect->x, rect->y } };
			draw_thin_polyline_ordered(dr, p, 5, spans);
			break;
		}
		xp_raster_rectangle(spans, rect->x, rect->y, rect->width,
				rect->height, ls);
		break;
	case SHAPE_FILL_RECTANGLE:
		for (int y = rect->y; y < rect->y + rect->height; y++) {
			xp_spans_add(spans, y, rect->x, rect->x + rect->width);
		}
		break;
	case SHAPE_ARC:
	case SHAPE_FILL_ARC:
		arc = (struct xp_arc){ a->x, a->y, a->width, a->height,
			a->angle1, a->angle2 };
		if (kind == SHAPE_ARC) {
			xp_raster_arc(spans, &arc, ls);
		} else {
			xp_raster_fill_arc(spans, &arc,
					dr->gc->arc_mode == ArcChord
							? XP_ARC_CHORD
							: XP_ARC_PIE_SLICE);
		}
		break;
	}
}

/* PolySegment, PolyRectangle, PolyArc, PolyFillRectangle, PolyFillArc:
 * a list of independent shapes after the common 12-byte header. */
static int
poly_shapes(struct xp_client *c, const void *raw, enum shape_kind kind)
{
	const xPolySegmentReq *req = raw;
	const uint8_t *items = (const uint8_t *)(req + 1);
	struct xp_line_style ls;
	struct xp_spans spans;
	struct xp_draw dr;
	size_t n;
	int rc;

	if ((rc = xp_draw_begin(c, req->drawable, req->gc, &dr)) != Success) {
		return rc;
	}
	if ((rc = list_count(c, sz_xPolySegmentReq, shape_size[kind], &n)) !=
			Success) {
		xp_draw_end(&dr);
		return rc;
	}
	if (!dr.visible) {
		xp_draw_end(&dr);
		return Success;
	}
	line_style(dr.gc, &ls);
	bool merge = xp_draw_idempotent(&dr);
	xp_spans_init(&spans);
	for (size_t i = 0; i < n; i++) {
		raster_shape(&dr, kind, items + i * shape_size[kind], &ls,
				&spans);
		if (!merge) {
			xp_draw_spans(&dr, &spans);
		}
	}
	xp_draw_spans(&dr, &spans);
	rc = spans.oom ? BadAlloc : Success;
	xp_spans_finish(&spans);
	xp_draw_end(&dr);
	return rc;
}

int
xp_proc_poly_segment(struct xp_client *c, const void *raw)
{
	return poly_shapes(c, raw, SHAPE_SEGMENT);
}

int
xp_proc_poly_rectangle(struct xp_client *c, const void *raw)
{
	return poly_shapes(c, raw, SHAPE_RECTANGLE);
}

int
xp_proc_poly_arc(struct xp_client *c, const void *raw)
{
	return poly_shapes(c, raw, SHAPE_ARC);
}

int
xp_proc_poly_fill_rectangle(struct xp_client *c, const void *raw)
{
	const xPolyFillRectangleReq *req = raw;
	const xRectangle *r = (const xRectangle *)(req + 1);
	struct xp_draw dr;
	size_t n;
	int rc;

	if ((rc = xp_draw_begin(c, req->drawable, req->gc, &dr)) != Success) {
		return rc;
	}
	if ((rc = list_count(c, sz_xPolyFillRectangleReq, sz_xRectangle, &n)) !=
			Success) {
		xp_draw_end(&dr);
		return rc;
	}
	/* Rectangles are regions already; no spans needed. */
	bool merge = xp_draw_idempotent(&dr);
	pixman_region32_t region;
	pixman_region32_init(&region);
	for (size_t i = 0; i < n && dr.visible; i++) {
		if (r[i].width == 0 || r[i].height == 0) {
			continue;
		}
		pixman_region32_union_rect(&region, &region, r[i].x, r[i].y,
				r[i].width, r[i].height);
		if (!merge || i + 1 == n) {
			xp_draw_region(&dr, &region);
			pixman_region32_clear(&region);
		}
	}
	if (merge && dr.visible && pixman_region32_not_empty(&region)) {
		xp_draw_region(&dr, &region);
	}
	pixman_region32_fini(&region);
	xp_draw_end(&dr);
	return Success;
}

int
xp_proc_poly_fill_arc(struct xp_client *c, const void *raw)
{
	return poly_shapes(c, raw, SHAPE_FILL_ARC);
}

int
xp_proc_fill_poly(struct xp_client *c, const void *raw)
{
	const xFillPolyReq *req = raw;
	struct xp_draw dr;
	struct xp_spans spans;
	size_t n;
	int rc;

	if (req->shape > Convex) {
		return xp_error(c, BadValue, req->shape);
	}
	struct xp_point *pts;
	if ((rc = begin_points(c, req->coordMode, req->drawable, req->gc,
			     sz_xFillPolyReq, req + 1, &dr, &pts, &n)) !=
			Success) {
		return rc;
	}
	xp_spans_init(&spans);
	if (n >= 3 && dr.visible) {
		xp_raster_fill_polygon(&spans, pts, n,
				dr.gc->fill_rule == WindingRule ? XP_WINDING
								: XP_EVEN_ODD);
		xp_draw_spans(&dr, &spans);
	}
	rc = spans.oom ? BadAlloc : Success;
	xp_spans_finish(&spans);
	free(pts);
	xp_draw_end(&dr);
	return rc;
}
