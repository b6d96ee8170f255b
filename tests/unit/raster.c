/* Pure checks of xproxy/raster.c (no X server): the span list, and small
 * shapes whose pixels are known from the protocol's rules. The comparison
 * with Xvfb lives in raster_xvfb.c. */
#define HARNESS_MAIN
#include "harness.h"

#include "xproxy/raster.h"

/* Counts the pixels of the region, and whether (x, y) is one of them. */
static long
region_pixels(const struct xp_spans *s, pixman_region32_t *r)
{
	int n;
	long total = 0;

	if (!xp_spans_to_region(s, r)) {
		return -1;
	}
	const pixman_box32_t *b = pixman_region32_rectangles(r, &n);
	for (int i = 0; i < n; i++) {
		total += (long)(b[i].x2 - b[i].x1) * (b[i].y2 - b[i].y1);
	}
	return total;
}

static bool
has(pixman_region32_t *r, int x, int y)
{
	return pixman_region32_contains_point(r, x, y, NULL);
}

TEST(spans_merge_and_union)
{
	struct xp_spans s;
	pixman_region32_t r;

	xp_spans_init(&s);
	xp_spans_add(&s, 3, 5, 5); /* empty: ignored */
	CHECK_EQ(s.n, 0);
	xp_spans_add(&s, 3, 5, 7);
	xp_spans_add(&s, 3, 7, 9); /* touches the last one: merged */
	CHECK_EQ(s.n, 1);
	xp_spans_add(&s, 1, 0, 4);
	xp_spans_add(&s, 3, 6, 12); /* overlaps, out of order */
	xp_spans_add(&s, 1, 2, 3);
	CHECK_EQ(region_pixels(&s, &r), 4 + 7);
	CHECK(has(&r, 11, 3));
	CHECK(!has(&r, 12, 3));
	CHECK(!has(&r, 4, 1));
	pixman_region32_fini(&r);
	xp_spans_finish(&s);
	CHECK(s.boxes == NULL);
}

TEST(polygon_square_and_edges)
{
	/* centers on the left and top edges are in, right and bottom out */
	static const struct xp_point sq[] = { { 0, 0 }, { 10, 0 }, { 10, 10 },
		{ 0, 10 } };
	struct xp_spans s;
	pixman_region32_t r;

	xp_spans_init(&s);
	xp_raster_fill_polygon(&s, sq, 4, XP_EVEN_ODD);
	CHECK_EQ(region_pixels(&s, &r), 100);
	CHECK(has(&r, 0, 0));
	CHECK(has(&r, 9, 9));
	CHECK(!has(&r, 10, 5));
	pixman_region32_fini(&r);
	xp_spans_finish(&s);
}

TEST(polygon_rules)
{
	/* a square traversed twice: even-odd cancels, winding fills */
	static const struct xp_point twice[] = { { 0, 0 }, { 4, 0 }, { 4, 4 },
		{ 0, 4 }, { 0, 0 }, { 4, 0 }, { 4, 4 }, { 0, 4 } };
	struct xp_spans s;
	pixman_region32_t r;

	xp_spans_init(&s);
	xp_raster_fill_polygon(&s, twice, 8, XP_EVEN_ODD);
	CHECK_EQ(region_pixels(&s, &r), 0);
	pixman_region32_fini(&r);
	xp_spans_finish(&s);
	xp_spans_init(&s);
	xp_raster_fill_polygon(&s, twice, 8, XP_WINDING);
	CHECK_EQ(region_pixels(&s, &r), 16);
	pixman_region32_fini(&r);
	xp_spans_finish(&s);
}

TEST(thin_line_ties_and_caps)
{
	struct xp_line_style notlast = { 0, XP_CAP_NOT_LAST, XP_JOIN_MITER };
	struct xp_line_style butt = { 0, XP_CAP_BUTT, XP_JOIN_MITER };
	struct xp_spans s;
	pixman_region32_t r;

	/* (0,0)-(2,1): the tie at x=1 goes away from the start, to y=1 */
	xp_spans_init(&s);
	xp_raster_segment(&s, (struct xp_point){ 0, 0 },
			(struct xp_point){ 2, 1 }, &butt);
	CHECK_EQ(region_pixels(&s, &r), 3);
	CHECK(has(&r, 1, 1));
	pixman_region32_fini(&r);
	xp_spans_finish(&s);

	/* reversed, the tie again moves away from the (new) start: y=0 */
	xp_spans_init(&s);
	xp_raster_segment(&s, (struct xp_point){ 2, 1 },
			(struct xp_point){ 0, 0 }, &notlast);
	CHECK_EQ(region_pixels(&s, &r), 2);
	CHECK(has(&r, 1, 0));
	CHECK(!has(&r, 0, 0));
	pixman_region32_fini(&r);
	xp_spans_finish(&s);
}

TEST(thin_polyline_repeated_points)
{
	/* xclock's hand: closed, with doubled vertices */
	static const struct xp_point hand[] = { { 113, 123 }, { 83, 75 },
		{ 83, 75 }, { 75, 81 }, { 75, 81 }, { 113, 123 } };
	static const struct xp_point dot[] = { { 5, 5 }, { 5, 5 } };
	struct xp_line_style butt = { 0, XP_CAP_BUTT, XP_JOIN_MITER };
	struct xp_spans s;
	pixman_region32_t r;

	xp_spans_init(&s);
	xp_raster_polyline(&s, hand, 6, &butt);
	/* 48 + 8 + 42 steps (as Xvfb draws it: two lines share a pixel) */
	CHECK_EQ(region_pixels(&s, &r), 48 + 8 + 42 - 1);
	CHECK(has(&r, 113, 123));
	CHECK(has(&r, 83, 75));
	pixman_region32_fini(&r);
	xp_spans_finish(&s);

	/* a closed path of zero length draws nothing, a segment one pixel */
	xp_spans_init(&s);
	xp_raster_polyline(&s, dot, 2, &butt);
	CHECK_EQ(s.n, 0);
	xp_raster_segment(&s, dot[0], dot[1], &butt);
	CHECK_EQ(s.n, 1);
	xp_spans_finish(&s);
}
