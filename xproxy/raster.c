/* Scan conversion of the core geometric primitives, pixel-exact with the
 * sample X server (Xvfb). The rules come from the protocol's section on
 * graphics (pixel centers lie on integer coordinates; a pixel whose center
 * lies on a boundary is inside when the interior is immediately to its right,
 * or below for horizontal edges) and, where the spec leaves freedom (thin
 * lines, arcs), from experiments against Xvfb recorded in
 * tests/unit/raster_xvfb.c. Exactness matters, so everything that decides a
 * pixel is integer arithmetic on 64 bits. */
#include "xproxy/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
xp_spans_init(struct xp_spans *s)
{
	memset(s, 0, sizeof(*s));
}

void
xp_spans_finish(struct xp_spans *s)
{
	free(s->boxes);
	memset(s, 0, sizeof(*s));
}

void
xp_spans_add(struct xp_spans *s, int32_t y, int32_t x1, int32_t x2)
{
	if (x1 >= x2 || s->oom) {
		return;
	}
	/* a thin line emits its pixels one run at a time: merge neighbours */
	if (s->n > 0) {
		pixman_box32_t *last = &s->boxes[s->n - 1];
		if (last->y1 == y && last->x2 == x1) {
			last->x2 = x2;
			return;
		}
	}
	if (s->n == s->cap) {
		size_t cap = s->cap != 0 ? s->cap * 2 : 64;
		pixman_box32_t *b = reallocarray(s->boxes, cap, sizeof(*b));
		if (b == NULL) {
			s->oom = true;
			return;
		}
		s->boxes = b;
		s->cap = cap;
	}
	s->boxes[s->n++] = (pixman_box32_t){ x1, y, x2, y + 1 };
}

static int
box_cmp(const void *pa, const void *pb)
{
	const pixman_box32_t *a = pa, *b = pb;

	if (a->y1 != b->y1) {
		return a->y1 < b->y1 ? -1 : 1;
	}
	if (a->x1 != b->x1) {
		return a->x1 < b->x1 ? -1 : 1;
	}
	return 0;
}

bool
xp_spans_to_region(const struct xp_spans *s, pixman_region32_t *out)
{
	pixman_box32_t *b;
	size_t n = 0;

	pixman_region32_init(out);
	if (s->oom) {
		return false;
	}
	if (s->n == 0) {
		return true;
	}
	/* pixman wants y-x banded, non-overlapping boxes: sort, then merge the
	 * overlapping spans of each row (lines and joins overlap) */
	b = malloc(s->n * sizeof(*b));
	if (b == NULL) {
		return false;
	}
	memcpy(b, s->boxes, s->n * sizeof(*b));
	qsort(b, s->n, sizeof(*b), box_cmp);
	for (size_t i = 0; i < s->n; i++) {
		if (n > 0 && b[n - 1].y1 == b[i].y1 && b[i].x1 <= b[n - 1].x2) {
			if (b[i].x2 > b[n - 1].x2) {
				b[n - 1].x2 = b[i].x2;
			}
			continue;
		}
		b[n++] = b[i];
	}
	pixman_region32_fini(out);
	bool ok = pixman_region32_init_rects(out, b, (int)n);
	free(b);
	if (!ok) {
		pixman_region32_init(out);
	}
	return ok;
}

/* Sorts and merges tmp's spans, then appends them to out. */
static void
append_union(struct xp_spans *out, struct xp_spans *tmp)
{
	if (tmp->oom) {
		out->oom = true;
		return;
	}
	if (tmp->n == 0) {
		return; /* qsort may not take the NULL of an empty list */
	}
	qsort(tmp->boxes, tmp->n, sizeof(*tmp->boxes), box_cmp);
	for (size_t i = 0; i < tmp->n;) {
		pixman_box32_t b = tmp->boxes[i++];
		while (i < tmp->n && tmp->boxes[i].y1 == b.y1 &&
				tmp->boxes[i].x1 <= b.x2) {
			if (tmp->boxes[i].x2 > b.x2) {
				b.x2 = tmp->boxes[i].x2;
			}
			i++;
		}
		xp_spans_add(out, b.y1, b.x1, b.x2);
	}
}

/* floor(a / b) and ceil(a / b) for b > 0 */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static int64_t
ceil_div(int64_t a, int64_t b)
{
	return -floor_div(-a, b);
}

/* ---- FillPoly ----
 * Pixel (x, y) is inside when its center is; on an edge, when the interior is
 * immediately to the right; on a horizontal edge, when it is below. That is
 * the same as sampling at (x + e, y + e*e): each non-horizontal edge counts on
 * rows top <= y < bottom, and a pixel lies right of the crossing c when
 * x >= c, so its first pixel is ceil(c). */

struct poly_edge {
	int64_t x0, y0, dx, dy; /* dy > 0: top vertex and direction */
	int32_t ymax;           /* first row not crossed */
	int dir;                /* +1 when the path goes down */
};

struct crossing {
	int64_t x;
	int dir;
};

static int
edge_cmp(const void *pa, const void *pb)
{
	const struct poly_edge *a = pa, *b = pb;

	return a->y0 < b->y0 ? -1 : a->y0 > b->y0;
}

static int
crossing_cmp(const void *pa, const void *pb)
{
	const struct crossing *a = pa, *b = pb;

	return a->x < b->x ? -1 : a->x > b->x;
}

/* Fills the region bounded by edges (unsorted); consumes nothing. */
static void
fill_edges(struct xp_spans *out, struct poly_edge *edges, size_t ne,
		enum xp_fill_rule rule)
{
	struct crossing *cross;
	size_t *active;
	size_t next = 0, na = 0;

	if (ne == 0) {
		return;
	}
	cross = malloc(ne * sizeof(*cross));
	active = malloc(ne * sizeof(*active));
	if (cross == NULL || active == NULL) {
		out->oom = true;
		goto out;
	}
	qsort(edges, ne, sizeof(*edges), edge_cmp);
	int64_t y = edges[0].y0;
	while (next < ne || na > 0) {
		if (na == 0 && edges[next].y0 > y) {
			y = edges[next].y0;
		}
		while (next < ne && edges[next].y0 == y) {
			active[na++] = next++;
		}
		size_t nc = 0;
		for (size_t i = 0; i < na; i++) {
			const struct poly_edge *e = &edges[active[i]];
			cross[nc].x = e->x0 +
				      ceil_div((y - e->y0) * e->dx, e->dy);
			cross[nc].dir = e->dir;
			nc++;
		}
		qsort(cross, nc, sizeof(*cross), crossing_cmp);
		if (rule == XP_EVEN_ODD) {
			for (size_t i = 0; i + 1 < nc; i += 2) {
				xp_spans_add(out, (int32_t)y,
						(int32_t)cross[i].x,
						(int32_t)cross[i + 1].x);
			}
		} else {
			int wind = 0;
			for (size_t i = 0; i + 1 < nc; i++) {
				wind += cross[i].dir;
				if (wind != 0) {
					xp_spans_add(out, (int32_t)y,
							(int32_t)cross[i].x,
							(int32_t)cross[i + 1]
									.x);
				}
			}
		}
		y++;
		size_t k = 0;
		for (size_t i = 0; i < na; i++) {
			if (edges[active[i]].ymax > y) {
				active[k++] = active[i];
			}
		}
		na = k;
	}
out:
	free(cross);
	free(active);
}

static void
set_edge(struct poly_edge *e, int64_t xa, int64_t ya, int64_t xb, int64_t yb)
{
	if (ya < yb) {
		*e = (struct poly_edge){ xa, ya, xb - xa, yb - ya, (int32_t)yb,
			1 };
	} else {
		*e = (struct poly_edge){ xb, yb, xa - xb, ya - yb, (int32_t)ya,
			-1 };
	}
}

void
xp_raster_fill_polygon(struct xp_spans *out, const struct xp_point *pts,
		size_t n, enum xp_fill_rule rule)
{
	struct poly_edge *edges;
	size_t ne = 0;

	if (n < 3) {
		return;
	}
	edges = malloc(n * sizeof(*edges));
	if (edges == NULL) {
		out->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct xp_point a = pts[i], b = pts[(i + 1) % n];
		if (a.y != b.y) {
			set_edge(&edges[ne++], a.x, a.y, b.x, b.y);
		}
	}
	fill_edges(out, edges, ne, rule);
	free(edges);
}

/* ---- Thin lines ----
 * Width 0 lines use Bresenham's algorithm: along the major axis, the minor
 * coordinate is the exact one rounded. The spec leaves the pixel on an exact
 * tie to the server (its "bias"); Xvfb, by experiment, rounds ties away from
 * the start point in all eight octants, so lines are not reversible. */

void
xp_raster_thin_line(struct xp_spans *out, struct xp_point a, struct xp_point b,
		bool draw_last)
{
	int64_t dx = (int64_t)b.x - a.x, dy = (int64_t)b.y - a.y;
	int64_t adx = dx < 0 ? -dx : dx, ady = dy < 0 ? -dy : dy;
	int sx = dx < 0 ? -1 : 1, sy = dy < 0 ? -1 : 1;
	bool xmajor = adx >= ady;
	int64_t major = xmajor ? adx : ady, minor = xmajor ? ady : adx;
	int64_t steps = draw_last ? major : major - 1;

	for (int64_t i = 0; i <= steps; i++) {
		int64_t m = 0;
		if (major > 0) {
			m = floor_div(2 * i * minor + major, 2 * major);
		}
		int64_t x, y;
		if (xmajor) {
			x = a.x + sx * i;
			y = a.y + sy * m;
		} else {
			x = a.x + sx * m;
			y = a.y + sy * i;
		}
		xp_spans_add(out, (int32_t)y, (int32_t)x, (int32_t)x + 1);
	}
}

static void
thin_polyline(struct xp_spans *out, const struct xp_point *pts, size_t n,
		enum xp_cap cap)
{
	if (n == 0) {
		return;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		xp_raster_thin_line(out, pts[i], pts[i + 1], false);
	}
	/* The last point belongs to the cap; a path that ends where it began
	 * has a join there instead, already drawn as the first point (or, when
	 * every segment has zero length, not at all). */
	if (cap != XP_CAP_NOT_LAST && n >= 2 &&
			(pts[n - 1].x != pts[0].x ||
					pts[n - 1].y != pts[0].y)) {
		xp_spans_add(out, pts[n - 1].y, pts[n - 1].x, pts[n - 1].x + 1);
	}
}

/* ---- Arcs ----
 * Coordinates are doubled so that the center (x + w/2, y + h/2) is integral:
 * pixel (px, py) is at X = 2px - (2x + w), Y = 2py - (2y + h), and it lies
 * inside the ellipse when X^2 h^2 + Y^2 w^2 < w^2 h^2. Products reach 2^67
 * for 65535-wide arcs, hence 128 bits. */

typedef __int128 wide;

struct ellipse {
	int64_t cx2, cy2; /* doubled center */
	int64_t w, h;
};

/* The spec's boundary rule on the ellipse: a center on the left half of the
 * curve is inside (interior to its right); at the very top, the interior
 * is below. */
static bool
ellipse_in(const struct ellipse *e, int64_t px, int64_t py)
{
	int64_t X = 2 * px - e->cx2, Y = 2 * py - e->cy2;
	wide lhs = (wide)X * X * e->h * e->h + (wide)Y * Y * e->w * e->w;
	wide rhs = (wide)e->w * e->w * e->h * e->h;

	if (lhs != rhs) {
		return lhs < rhs;
	}
	return X < 0 || (X == 0 && Y < 0);
}

/* Finds the inside pixels of row py as [*x1, *x2); false when none. */
static bool
ellipse_row(const struct ellipse *e, int64_t py, int64_t *x1, int64_t *x2)
{
	int64_t Y = 2 * py - e->cy2;

	if (Y < -e->h || Y > e->h) {
		return false;
	}
	/* a double estimate of the half width, corrected exactly */
	double f = 1.0 - ((double)Y * Y) / ((double)e->h * e->h);
	double hw = f > 0 ? (double)e->w * sqrt(f) : 0;
	int64_t l = (int64_t)floor((e->cx2 - hw) / 2);
	int64_t r = (int64_t)ceil((e->cx2 + hw) / 2);
	int64_t mid = floor_div(e->cx2, 2);

	while (ellipse_in(e, l - 1, py)) {
		l--;
	}
	while (l <= mid && !ellipse_in(e, l, py)) {
		l++;
	}
	while (ellipse_in(e, r + 1, py)) {
		r++;
	}
	while (r >= l && !ellipse_in(e, r, py)) {
		r--;
	}
	if (r < l) {
		return false;
	}
	*x1 = l;
	*x2 = r + 1;
	return true;
}

static void
ellipse_init(struct ellipse *e, const struct xp_arc *arc)
{
	e->w = arc->width;
	e->h = arc->height;
	e->cx2 = 2 * (int64_t)arc->x + arc->width;
	e->cy2 = 2 * (int64_t)arc->y + arc->height;
}

/* Direction of the arc's point at angle a (64ths of a degree), in doubled
 * coordinates with y up. Angles are "skewed": the spec places the point at
 * (w/2 cos a, h/2 sin a) from the center. Right angles are exact. */
static void
arc_dir(const struct ellipse *e, int64_t a, double *dx, double *dy)
{
	int64_t m = a % (360 * 64);
	double c, s;

	if (m < 0) {
		m += 360 * 64;
	}
	switch (m) {
	case 0:
		c = 1, s = 0;
		break;
	case 90 * 64:
		c = 0, s = 1;
		break;
	case 180 * 64:
		c = -1, s = 0;
		break;
	case 270 * 64:
		c = 0, s = -1;
		break;
	default:
		c = cos((double)m / 64 * M_PI / 180);
		s = sin((double)m / 64 * M_PI / 180);
	}
	*dx = c * (double)e->w;
	*dy = s * (double)e->h;
}

/* A half-plane { p : cross(d, p - o) >= 0 } in doubled y-up coordinates. */
struct half_plane {
	double ox, oy, dx, dy;
};

/* Whether the pixel with doubled y-up offset (X, Yu) is in the half-plane;
 * a center on the line counts by the spec's rule, by moving it a hair right
 * and then a smaller hair down. */
static bool
hp_in(const struct half_plane *h, double X, double Yu)
{
	double c = h->dx * (Yu - h->oy) - h->dy * (X - h->ox);

	if (c != 0) {
		return c > 0;
	}
	return h->dy != 0 ? -h->dy > 0 : -h->dx > 0;
}

struct slice {
	struct half_plane hp[2];
	int n;
	bool any; /* union of the half-planes, else intersection */
};

static void
slice_init(struct slice *sl, const struct ellipse *e, const struct xp_arc *arc,
		enum xp_arc_mode mode)
{
	int64_t a1 = arc->angle1, a2 = arc->angle2;
	double x1, y1, x2, y2;

	if (a2 < 0) {
		a1 += a2;
		a2 = -a2;
	}
	arc_dir(e, a1, &x1, &y1);
	arc_dir(e, a1 + a2, &x2, &y2);
	if (mode == XP_ARC_CHORD) {
		/* the arc lies right of the chord from its start to its end */
		sl->hp[0] = (struct half_plane){ x1, y1, x1 - x2, y1 - y2 };
		sl->n = 1;
		sl->any = false;
		return;
	}
	sl->hp[0] = (struct half_plane){ 0, 0, x1, y1 };
	sl->hp[1] = (struct half_plane){ 0, 0, -x2, -y2 };
	sl->n = 2;
	sl->any = a2 > 180 * 64;
}

static bool
hp_in_pixel(const struct half_plane *h, const struct ellipse *e, int64_t px,
		int64_t py)
{
	return hp_in(h, (double)(2 * px - e->cx2), (double)(e->cy2 - 2 * py));
}

/* Narrows [*l, *r) of row py to the pixels in the half-plane. Along a row the
 * test changes at most once, so a binary search finds where. */
static void
hp_clip_row(const struct half_plane *h, const struct ellipse *e, int64_t py,
		int64_t *l, int64_t *r)
{
	if (*l >= *r) {
		return;
	}
	bool first = hp_in_pixel(h, e, *l, py);
	bool last = hp_in_pixel(h, e, *r - 1, py);
	if (first == last) {
		if (!first) {
			*r = *l;
		}
		return;
	}
	int64_t lo = *l, hi = *r - 1; /* test(lo) == first != test(hi) */
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (hp_in_pixel(h, e, mid, py) == first) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	if (first) {
		*r = hi;
	} else {
		*l = hi;
	}
}

/* Emits the pixels of [x1, x2) on row py that are in the slice. */
static void
slice_row(struct xp_spans *out, const struct slice *sl, const struct ellipse *e,
		int64_t py, int64_t x1, int64_t x2)
{
	int64_t l0 = x1, r0 = x2;

	hp_clip_row(&sl->hp[0], e, py, &l0, &r0);
	if (sl->n == 1) {
		xp_spans_add(out, (int32_t)py, (int32_t)l0, (int32_t)r0);
		return;
	}
	if (!sl->any) {
		hp_clip_row(&sl->hp[1], e, py, &l0, &r0);
		xp_spans_add(out, (int32_t)py, (int32_t)l0, (int32_t)r0);
		return;
	}
	int64_t l1 = x1, r1 = x2;
	hp_clip_row(&sl->hp[1], e, py, &l1, &r1);
	if (l0 >= r0 || l1 >= r1 || r0 < l1 || r1 < l0) {
		xp_spans_add(out, (int32_t)py, (int32_t)l0, (int32_t)r0);
		xp_spans_add(out, (int32_t)py, (int32_t)l1, (int32_t)r1);
		return;
	}
	xp_spans_add(out, (int32_t)py, (int32_t)(l0 < l1 ? l0 : l1),
			(int32_t)(r0 > r1 ? r0 : r1));
}

void
xp_raster_fill_arc(struct xp_spans *out, const struct xp_arc *arc,
		enum xp_arc_mode mode)
{
	struct ellipse e;
	struct slice sl = { 0 };
	bool full = arc->angle2 >= 360 * 64 || arc->angle2 <= -360 * 64;

	if (arc->width == 0 || arc->height == 0 || arc->angle2 == 0) {
		return;
	}
	ellipse_init(&e, arc);
	slice_init(&sl, &e, arc, mode);
	for (int64_t py = arc->y; py <= (int64_t)arc->y + arc->height; py++) {
		int64_t x1, x2;
		if (!ellipse_row(&e, py, &x1, &x2)) {
			continue;
		}
		if (full) {
			xp_spans_add(out, (int32_t)py, (int32_t)x1,
					(int32_t)x2);
			continue;
		}
		slice_row(out, &sl, &e, py, x1, x2);
	}
}

/* Outlines are an approximation for now: the band between the ellipses
 * grown and shrunk by half the line width (the spec's outline for a circle,
 * close for ellipses), cut by the pie slice when partial, without caps or
 * joins; thin arcs use width 1. */
void
xp_raster_arc(struct xp_spans *out, const struct xp_arc *arc,
		const struct xp_line_style *style)
{
	int64_t lw = style->width != 0 ? style->width : 1;
	struct ellipse e, eo, ei;
	struct slice sl = { 0 };
	bool full = arc->angle2 >= 360 * 64 || arc->angle2 <= -360 * 64;
	struct xp_spans tmp;

	if (arc->angle2 == 0) {
		return;
	}
	ellipse_init(&e, arc);
	eo = e;
	eo.w += lw;
	eo.h += lw;
	ei = e;
	ei.w -= lw;
	ei.h -= lw;
	if (e.w == 0 || e.h == 0) {
		/* slice directions need a shape: take the grown one */
		e = eo;
	}
	slice_init(&sl, &e, arc, XP_ARC_PIE_SLICE);
	xp_spans_init(&tmp);
	int64_t top = floor_div(eo.cy2 - eo.h, 2);
	int64_t bottom = ceil_div(eo.cy2 + eo.h, 2);
	for (int64_t py = top; py <= bottom; py++) {
		int64_t x1, x2, i1, i2;
		int64_t part[2][2];
		int np = 0;
		if (!ellipse_row(&eo, py, &x1, &x2)) {
			continue;
		}
		if (ei.w > 0 && ei.h > 0 && ellipse_row(&ei, py, &i1, &i2) &&
				i2 > i1) {
			part[np][0] = x1, part[np++][1] = i1;
			part[np][0] = i2, part[np++][1] = x2;
		} else {
			part[np][0] = x1, part[np++][1] = x2;
		}
		for (int k = 0; k < np; k++) {
			if (full) {
				xp_spans_add(&tmp, (int32_t)py,
						(int32_t)part[k][0],
						(int32_t)part[k][1]);
			} else {
				slice_row(&tmp, &sl, &e, py, part[k][0],
						part[k][1]);
			}
		}
	}
	append_union(out, &tmp);
	xp_spans_finish(&tmp);
}

/* ---- Wide lines ----
 * The spec defines a wide line as an area: each segment is the rectangle
 * whose sides lie w/2 either side of the path, a round cap or join is a disc
 * of diameter w at the point, a projecting cap extends the rectangle by w/2,
 * a bevel fills the triangle between the outer corners and a miter the kite
 * up to where the outer edges meet (a bevel when they meet at less than 11
 * degrees). A pixel is drawn when its center is in the union, with the usual
 * boundary rule, and each pixel once however many pieces cover it.
 *
 * Centers exactly on a side or an end happen (axis-aligned lines, butt ends
 * through the end points, Pythagorean directions), so every piece is an
 * intersection of half-planes tested exactly in integers: a side is where
 * |cross(d, p - a)| = w/2 |d|, compared squared. Doubles only give a first
 * guess of each row's interval, and the bevel's cut line. */

struct vec {
	double x, y;
};

struct wseg {
	int64_t ax, ay, dx, dy; /* start point and direction, integers */
	wide l2, w2l2;          /* |d|^2 and w^2 |d|^2 */
};

enum con_kind {
	CON_POS,   /* cross(d, p - a) < w/2 |d| (bounds the (-dy, dx) side) */
	CON_NEG,   /* cross(d, p - a) > -w/2 |d| (bounds the (dy, -dx) side) */
	CON_START, /* dot(d, p - a) > 0, (+ w/2 |d| when projecting) */
	CON_END,   /* dot(d, p - a) < |d|^2, (+ w/2 |d| ...) */
	CON_BEVEL, /* the double half-plane hp */
};

struct constraint {
	enum con_kind kind;
	bool proj;   /* ends: extended by w/2 */
	bool negate; /* the complement, with the same boundary rule */
	const struct wseg *s;
	struct vec o, d; /* CON_BEVEL: inside is left of o + t d (y down) */
};

/* The boundary rule as a perturbation: a center on a line counts as on the
 * side the gradient (gx, gy) of the constraint points to from (x + e,
 * y + e*e). */
static bool
tie(int64_t gx, int64_t gy)
{
	return gx > 0 || (gx == 0 && gy > 0);
}

/* sign(k - v) with k = sqrt(w2l2 / 4) > 0, for an integer v */
static int
cmp_half(wide w2l2, int64_t v)
{
	if (v <= 0) {
		return 1;
	}
	wide v4 = (wide)v * v * 4;
	return v4 < w2l2 ? 1 : v4 > w2l2 ? -1 : 0;
}

static bool
con_test(const struct constraint *c, int64_t x, int64_t y)
{
	const struct wseg *s = c->s;
	bool in;

	switch (c->kind) {
	case CON_POS:
	case CON_NEG: {
		int64_t cr = s->dx * (y - s->ay) - s->dy * (x - s->ax);
		int sg = c->kind == CON_POS ? cmp_half(s->w2l2, cr)
					    : cmp_half(s->w2l2, -cr);
		if (sg != 0) {
			in = sg > 0;
		} else if (c->kind == CON_POS) {
			in = tie(s->dy, -s->dx);
		} else {
			in = tie(-s->dy, s->dx);
		}
		break;
	}
	case CON_START:
	case CON_END: {
		int64_t t = s->dx * (x - s->ax) + s->dy * (y - s->ay);
		bool start = c->kind == CON_START;
		wide g = start ? (wide)t : s->l2 - t; /* > 0 inside */
		int sg;
		if (!c->proj) {
			sg = g > 0 ? 1 : g < 0 ? -1 : 0;
		} else {
			/* g + w/2 |d| > 0; |g| < 2^36, so int64_t holds it */
			sg = g >= 0 ? 1 : cmp_half(s->w2l2, (int64_t)-g);
		}
		if (sg != 0) {
			in = sg > 0;
		} else {
			in = start ? tie(s->dx, s->dy) : tie(-s->dx, -s->dy);
		}
		break;
	}
	case CON_BEVEL:
	default: {
		double cr = c->d.x * ((double)y - c->o.y) -
			    c->d.y * ((double)x - c->o.x);
		/* the gradient of -cr is (d.y, -d.x) */
		in = cr < 0 ||
		     (cr == 0 && (c->d.y > 0 || (c->d.y == 0 && c->d.x < 0)));
		break;
	}
	}
	return c->negate ? !in : in;
}

struct piece {
	struct constraint c[4];
	int n;
	struct vec v[4]; /* an approximate outline, for the first guess */
	int nv;
};

static bool
piece_in(const struct piece *p, int64_t x, int64_t y)
{
	for (int i = 0; i < p->n; i++) {
		if (!con_test(&p->c[i], x, y)) {
			return false;
		}
	}
	return true;
}

/* The last pixel inside from seed (inside) in direction dir on row y. */
static int64_t
edge_search(const struct piece *p, int64_t y, int64_t seed, int dir)
{
	int64_t in = seed, step = 1, out;

	for (;;) {
		out = in + dir * step;
		if (!piece_in(p, out, y)) {
			break;
		}
		in = out;
		step *= 2;
	}
	while ((out - in) * dir > 1) {
		int64_t m = in + (out - in) / 2;
		if (piece_in(p, m, y)) {
			in = m;
		} else {
			out = m;
		}
	}
	return in;
}

/* Emits the pixels of a convex piece, row by row: the outline's crossings
 * give a pixel that should be inside, then binary searches find the exact
 * ends (inside a convex piece, a row is one interval). */
static void
fill_piece(struct xp_spans *out, const struct piece *p)
{
	double ymin = p->v[0].y, ymax = p->v[0].y;

	for (int i = 1; i < p->nv; i++) {
		ymin = p->v[i].y < ymin ? p->v[i].y : ymin;
		ymax = p->v[i].y > ymax ? p->v[i].y : ymax;
	}
	for (int64_t y = (int64_t)floor(ymin) - 1; y <= (int64_t)ceil(ymax) + 1;
			y++) {
		double yc = (double)y < ymin   ? ymin
			    : (double)y > ymax ? ymax
					       : (double)y;
		double l = INFINITY, r = -INFINITY;
		for (int i = 0; i < p->nv; i++) {
			struct vec a = p->v[i], b = p->v[(i + 1) % p->nv];
			double x;
			if (a.y > b.y) {
				struct vec t = a;
				a = b;
				b = t;
			}
			if (yc < a.y || yc > b.y) {
				continue;
			}
			x = a.y == b.y ? a.x
				       : a.x + (yc - a.y) * (b.x - a.x) / (b.y - a.y);
			l = x < l ? x : l;
			r = x > r ? x : r;
			if (a.y == b.y) {
				l = b.x < l ? b.x : l;
				r = b.x > r ? b.x : r;
			}
		}
		if (l > r) {
			continue;
		}
		int64_t lo = (int64_t)floor(l) - 1, hi = (int64_t)ceil(r) + 1;
		int64_t seed = lo - 1;
		for (int64_t x = (lo + hi) / 2, k = 0; k <= hi - lo; k++) {
			/* from the middle outwards: lo + hi is small */
			int64_t cand = x + (k & 1 ? -(k + 1) / 2 : k / 2);
			if (cand >= lo && cand <= hi && piece_in(p, cand, y)) {
				seed = cand;
				break;
			}
			if (k > 8 && hi - lo > 16) {
				break; /* a wide row has its middle inside */
			}
		}
		if (seed < lo) {
			continue;
		}
		/* the outline is only a guess (a row on a vertex can be
		 * short): gallop outwards from the seed, then bisect */
		int64_t left = edge_search(p, y, seed, -1);
		int64_t right = edge_search(p, y, seed, 1);
		xp_spans_add(out, (int32_t)y, (int32_t)left,
				(int32_t)right + 1);
	}
}

/* A disc of diameter w centered on the integer point p. */
static void
fill_disc(struct xp_spans *out, struct xp_point p, uint32_t w)
{
	struct ellipse e = { 2 * (int64_t)p.x, 2 * (int64_t)p.y, w, w };
	int64_t top = floor_div(e.cy2 - w, 2), bottom = ceil_div(e.cy2 + w, 2);

	for (int64_t py = top; py <= bottom; py++) {
		int64_t x1, x2;
		if (ellipse_row(&e, py, &x1, &x2)) {
			xp_spans_add(out, (int32_t)py, (int32_t)x1,
					(int32_t)x2);
		}
	}
}

static void
wseg_init(struct wseg *s, struct xp_point a, struct xp_point b, uint32_t w)
{
	s->ax = a.x;
	s->ay = a.y;
	s->dx = (int64_t)b.x - a.x;
	s->dy = (int64_t)b.y - a.y;
	s->l2 = (wide)s->dx * s->dx + (wide)s->dy * s->dy;
	s->w2l2 = (wide)w * w * s->l2;
}

/* w/2 along the direction of s, and w/2 along its left normal (y down:
 * "left" is (dy, -dx)), as doubles for outlines. */
static void
wseg_frame(const struct wseg *s, double hw, struct vec *d, struct vec *nl)
{
	double len = sqrt((double)s->l2);

	*d = (struct vec){ (double)s->dx / len * hw, (double)s->dy / len * hw };
	*nl = (struct vec){ d->y, -d->x };
}

static struct constraint
con(enum con_kind kind, const struct wseg *s, bool proj, bool negate)
{
	return (struct constraint){
		.kind = kind, .s = s, .proj = proj, .negate = negate
	};
}

static void
wide_body(struct xp_spans *tmp, const struct wseg *s, double hw,
		bool proj_start, bool proj_end)
{
	struct piece p = { .n = 4, .nv = 4 };
	struct vec d, nl;
	double x0 = (double)s->ax, y0 = (double)s->ay;
	double x1 = x0 + (double)s->dx, y1 = y0 + (double)s->dy;

	wseg_frame(s, hw, &d, &nl);
	if (proj_start) {
		x0 -= d.x, y0 -= d.y;
	}
	if (proj_end) {
		x1 += d.x, y1 += d.y;
	}
	p.c[0] = con(CON_POS, s, false, false);
	p.c[1] = con(CON_NEG, s, false, false);
	p.c[2] = con(CON_START, s, proj_start, false);
	p.c[3] = con(CON_END, s, proj_end, false);
	p.v[0] = (struct vec){ x0 + nl.x, y0 + nl.y };
	p.v[1] = (struct vec){ x1 + nl.x, y1 + nl.y };
	p.v[2] = (struct vec){ x1 - nl.x, y1 - nl.y };
	p.v[3] = (struct vec){ x0 - nl.x, y0 - nl.y };
	fill_piece(tmp, &p);
}

/* The join at the end of s1, where s2 starts. */
static void
wide_join(struct xp_spans *tmp, const struct wseg *s1, const struct wseg *s2,
		enum xp_join join, uint32_t w, double hw)
{
	struct xp_point v = { (int32_t)(s2->ax), (int32_t)(s2->ay) };
	wide turn = (wide)s1->dx * s2->dy - (wide)s1->dy * s2->dx;
	struct vec d1, n1, d2, n2;
	struct piece p = { 0 };

	if (join == XP_JOIN_ROUND) {
		fill_disc(tmp, v, w);
		return;
	}
	if (turn == 0) {
		return; /* straight on or straight back: nothing sticks out */
	}
	wseg_frame(s1, hw, &d1, &n1);
	wseg_frame(s2, hw, &d2, &n2);
	/* y down: a positive turn is clockwise on screen, outer side left */
	bool left = turn > 0;
	double sg = left ? 1 : -1;
	struct vec vv = { v.x, v.y };
	struct vec c1 = { v.x + sg * n1.x, v.y + sg * n1.y };
	struct vec c2 = { v.x + sg * n2.x, v.y + sg * n2.y };
	/* past the end of s1 and before the start of s2 */
	p.c[0] = con(CON_END, s1, false, true);
	p.c[1] = con(CON_START, s2, false, true);
	p.n = 2;
	if (join == XP_JOIN_MITER) {
		double cosang = -(d1.x * d2.x + d1.y * d2.y) / (hw * hw);
		double half = sqrt((1 - cosang) / 2); /* sin(angle / 2) */
		if (half > sin(11.0 / 2 * M_PI / 180)) {
			struct vec bis = { c1.x + c2.x - 2 * vv.x,
				c1.y + c2.y - 2 * vv.y };
			double bl = sqrt(bis.x * bis.x + bis.y * bis.y);
			double m = hw / half;
			struct vec mp = { vv.x + bis.x / bl * m,
				vv.y + bis.y / bl * m };
			/* inside both outer sides */
			enum con_kind side = left ? CON_NEG : CON_POS;
			p.c[2] = con(side, s1, false, false);
			p.c[3] = con(side, s2, false, false);
			p.n = 4;
			p.v[0] = vv, p.v[1] = c1, p.v[2] = mp, p.v[3] = c2;
			p.nv = 4;
			fill_piece(tmp, &p);
			return;
		}
	}
	/* the bevel: the side of the line c1 -> c2 where v is */
	struct vec dd = { c2.x - c1.x, c2.y - c1.y };
	double cr = dd.x * (vv.y - c1.y) - dd.y * (vv.x - c1.x);
	p.c[2] = (struct constraint){ .kind = CON_BEVEL,
		.o = c1,
		.d = cr < 0 ? dd : (struct vec){ -dd.x, -dd.y } };
	if (cr >= 0) {
		p.c[2].o = c2;
	}
	p.n = 3;
	p.v[0] = vv, p.v[1] = c1, p.v[2] = c2;
	p.nv = 3;
	fill_piece(tmp, &p);
}

static void
wide_polyline(struct xp_spans *out, const struct xp_point *in, size_t n,
		const struct xp_line_style *st)
{
	struct xp_spans tmp;
	struct xp_point *p;
	struct wseg *seg;
	size_t m = 0;
	double hw = st->width / 2.0;

	if (n < 2) {
		return; /* Xvfb draws nothing for a lone point */
	}
	p = malloc(n * sizeof(*p));
	seg = malloc(n * sizeof(*seg));
	if (p == NULL || seg == NULL) {
		out->oom = true;
		goto out_free;
	}
	/* zero-length segments have no direction: drop repeated points */
	for (size_t i = 0; i < n; i++) {
		if (m == 0 || in[i].x != p[m - 1].x || in[i].y != p[m - 1].y) {
			p[m++] = in[i];
		}
	}
	xp_spans_init(&tmp);
	if (m == 1) {
		/* a line of zero length: only a round cap has an area */
		if (st->cap == XP_CAP_ROUND) {
			fill_disc(&tmp, p[0], st->width);
		}
		goto done;
	}
	for (size_t i = 0; i + 1 < m; i++) {
		wseg_init(&seg[i], p[i], p[i + 1], st->width);
	}
	bool closed = m > 2 && p[0].x == p[m - 1].x && p[0].y == p[m - 1].y;
	bool proj = st->cap == XP_CAP_PROJECTING && !closed;
	for (size_t i = 0; i + 1 < m; i++) {
		wide_body(&tmp, &seg[i], hw, proj && i == 0,
				proj && i + 2 == m);
		if (i + 2 < m) {
			wide_join(&tmp, &seg[i], &seg[i + 1], st->join,
					st->width, hw);
		}
	}
	if (closed) {
		wide_join(&tmp, &seg[m - 2], &seg[0], st->join, st->width, hw);
	} else if (st->cap == XP_CAP_ROUND) {
		fill_disc(&tmp, p[0], st->width);
		fill_disc(&tmp, p[m - 1], st->width);
	}
done:
	append_union(out, &tmp);
	xp_spans_finish(&tmp);
out_free:
	free(p);
	free(seg);
}

void
xp_raster_polyline(struct xp_spans *out, const struct xp_point *pts, size_t n,
		const struct xp_line_style *style)
{
	if (style->width == 0) {
		thin_polyline(out, pts, n, style->cap);
		return;
	}
	wide_polyline(out, pts, n, style);
}

void
xp_raster_segment(struct xp_spans *out, struct xp_point a, struct xp_point b,
		const struct xp_line_style *style)
{
	struct xp_point p[2] = { a, b };

	/* unlike a polyline whose ends meet, a zero-length segment is still
	 * a line with a last point of its own */
	if (style->width == 0) {
		xp_raster_thin_line(out, a, b, style->cap != XP_CAP_NOT_LAST);
		return;
	}
	xp_raster_polyline(out, p, 2, style);
}

void
xp_raster_rectangle(struct xp_spans *out, int32_t x, int32_t y, uint32_t w,
		uint32_t h, const struct xp_line_style *style)
{
	struct xp_point p[5] = { { x, y }, { x + (int32_t)w, y },
		{ x + (int32_t)w, y + (int32_t)h }, { x, y + (int32_t)h },
		{ x, y } };

	xp_raster_polyline(out, p, 5, style);
}
