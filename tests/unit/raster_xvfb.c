/* Compares xproxy/raster.c with the real X server: each primitive is drawn
 * by Xvfb into a pixmap (white on black), read back with GetImage, and
 * compared pixel by pixel with the spans of our rasterizer. Random cases use
 * a seeded PRNG whose seed is printed (RASTER_SEED=n repeats a run). */
#define HARNESS_MAIN
#include "harness.h"

#include "xproxy/raster.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xcb/xcb.h>

#define W 320
#define H 320

struct xvfb {
	pid_t pid;
	xcb_connection_t *c;
	xcb_pixmap_t pix;
	xcb_gcontext_t gc, clear_gc;
	uint8_t img[W * H];
	uint8_t mine[W * H];
	int mismatches, cases;
};

/* One Xvfb for the whole binary, started by the first test that needs it. */
static struct xvfb *xv;
static uint64_t rng_state;

static uint32_t
rnd(void)
{
	/* splitmix64: tiny, seedable, good enough for test shapes */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static int
rnd_range(int lo, int hi)
{
	return lo + (int)(rnd() % (uint32_t)(hi - lo + 1));
}

static void
xvfb_stop(void)
{
	if (xv == NULL) {
		return;
	}
	if (xv->c != NULL) {
		xcb_disconnect(xv->c);
	}
	if (xv->pid > 0) {
		kill(xv->pid, SIGTERM);
		waitpid(xv->pid, NULL, 0);
	}
	free(xv);
	xv = NULL;
}

static bool
xvfb_start(void)
{
	char disp[16], sock[64], lock[64];
	int n;

	if (xv != NULL) {
		return xv->c != NULL;
	}
	if (access("/usr/bin/Xvfb", X_OK) != 0) {
		return false;
	}
	xv = calloc(1, sizeof(*xv));
	if (xv == NULL) {
		return false;
	}
	/* stops Xvfb even when only some tests were selected */
	atexit(xvfb_stop);
	for (n = 90; n < 200; n++) {
		struct stat st;
		snprintf(sock, sizeof(sock), "/tmp/.X11-unix/X%d", n);
		snprintf(lock, sizeof(lock), "/tmp/.X%d-lock", n);
		if (stat(sock, &st) != 0 && stat(lock, &st) != 0) {
			break;
		}
	}
	snprintf(disp, sizeof(disp), ":%d", n);
	xv->pid = fork();
	if (xv->pid == 0) {
		/* no orphaned Xvfb when the test dies (SIGPIPE, a crash) */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		execl("/usr/bin/Xvfb", "Xvfb", disp, "-screen", "0",
				"1024x768x24", "-dpi", "96", "-nolisten", "tcp",
				(char *)NULL);
		_exit(127);
	}
	if (xv->pid < 0) {
		return false;
	}
	for (int i = 0; i < 200; i++) {
		struct stat st;
		if (stat(sock, &st) == 0) {
			xv->c = xcb_connect(disp, NULL);
			if (xcb_connection_has_error(xv->c) == 0) {
				break;
			}
			xcb_disconnect(xv->c);
			xv->c = NULL;
		}
		usleep(20000);
	}
	if (xv->c == NULL) {
		return false;
	}
	const xcb_setup_t *setup = xcb_get_setup(xv->c);
	xcb_screen_t *scr = xcb_setup_roots_iterator(setup).data;
	uint32_t black = 0, white = 0xffffff;
	xv->pix = xcb_generate_id(xv->c);
	xcb_create_pixmap(xv->c, 24, xv->pix, scr->root, W, H);
	xv->gc = xcb_generate_id(xv->c);
	xcb_create_gc(xv->c, xv->gc, xv->pix, XCB_GC_FOREGROUND, &white);
	xv->clear_gc = xcb_generate_id(xv->c);
	xcb_create_gc(xv->c, xv->clear_gc, xv->pix, XCB_GC_FOREGROUND, &black);
	return true;
}

static void
xvfb_clear(void)
{
	xcb_rectangle_t r = { 0, 0, W, H };
	xcb_poly_fill_rectangle(xv->c, xv->pix, xv->clear_gc, 1, &r);
}

static void
xvfb_style(const struct xp_line_style *st, uint32_t fill_rule,
		uint32_t arc_mode)
{
	static const uint32_t caps[] = { XCB_CAP_STYLE_NOT_LAST,
		XCB_CAP_STYLE_BUTT, XCB_CAP_STYLE_ROUND,
		XCB_CAP_STYLE_PROJECTING };
	static const uint32_t joins[] = { XCB_JOIN_STYLE_MITER,
		XCB_JOIN_STYLE_ROUND, XCB_JOIN_STYLE_BEVEL };
	uint32_t v[] = { st != NULL ? st->width : 0,
		st != NULL ? caps[st->cap] : XCB_CAP_STYLE_BUTT,
		st != NULL ? joins[st->join] : XCB_JOIN_STYLE_MITER, fill_rule,
		arc_mode };
	xcb_change_gc(xv->c, xv->gc,
			XCB_GC_LINE_WIDTH | XCB_GC_CAP_STYLE |
					XCB_GC_JOIN_STYLE | XCB_GC_FILL_RULE |
					XCB_GC_ARC_MODE,
			v);
}

static bool
xvfb_fetch(void)
{
	xcb_get_image_reply_t *r = xcb_get_image_reply(xv->c,
			xcb_get_image(xv->c, XCB_IMAGE_FORMAT_Z_PIXMAP, xv->pix,
					0, 0, W, H, 0xffffffff),
			NULL);
	if (r == NULL) {
		return false;
	}
	const uint32_t *px = (const uint32_t *)xcb_get_image_data(r);
	for (int i = 0; i < W * H; i++) {
		xv->img[i] = (px[i] & 0xffffff) != 0;
	}
	free(r);
	return true;
}

/* Compares Xvfb's image with the spans; prints the first difference and, for
 * the first few failing cases, a map (X: both, o: Xvfb only, m: ours only). */
static bool
compare(struct xp_spans *s, const char *what)
{
	xv->cases++;
	if (!xvfb_fetch() || s->oom) {
		xv->mismatches++;
		printf("    %s: no image or oom\n", what);
		return false;
	}
	memset(xv->mine, 0, sizeof(xv->mine));
	for (size_t i = 0; i < s->n; i++) {
		const pixman_box32_t *b = &s->boxes[i];
		if (b->y1 < 0 || b->y1 >= H) {
			continue;
		}
		for (int32_t x = b->x1 < 0 ? 0 : b->x1; x < b->x2 && x < W;
				x++) {
			xv->mine[b->y1 * W + x] = 1;
		}
	}
	int first = -1, count = 0, minx = W, maxx = -1, miny = H, maxy = -1;
	for (int i = 0; i < W * H; i++) {
		if (xv->img[i] || xv->mine[i]) {
			int x = i % W, y = i / W;
			minx = x < minx ? x : minx;
			maxx = x > maxx ? x : maxx;
			miny = y < miny ? y : miny;
			maxy = y > maxy ? y : maxy;
		}
		if (xv->img[i] != xv->mine[i]) {
			if (first < 0) {
				first = i;
			}
			count++;
		}
	}
	if (first < 0) {
		return true;
	}
	xv->mismatches++;
	printf("    MISMATCH %s: %d pixels differ, first (%d,%d): xvfb %d "
	       "ours %d\n",
			what, count, first % W, first / W, xv->img[first],
			xv->mine[first]);
	if (xv->mismatches <= 3 && getenv("RASTER_MAP") != NULL &&
			maxx - minx < 100 && maxy - miny < 100) {
		for (int y = miny; y <= maxy; y++) {
			printf("    %4d ", y);
			for (int x = minx; x <= maxx; x++) {
				int a = xv->img[y * W + x],
				    b = xv->mine[y * W + x];
				putchar(a && b ? 'X' : a ? 'o' : b ? 'm' : '.');
			}
			putchar('\n');
		}
		printf("    x from %d\n", minx);
	}
	return false;
}

static void
seed_rng(void)
{
	const char *e = getenv("RASTER_SEED");
	rng_state = e != NULL ? strtoull(e, NULL, 0) : (uint64_t)time(NULL);
	printf("    seed %llu\n", (unsigned long long)rng_state);
}

#define NEED_XVFB()                                                            \
	do {                                                                   \
		if (!xvfb_start()) {                                           \
			SKIP("Xvfb not available");                            \
		}                                                              \
	} while (0)

static const char *cap_names[] = { "NotLast", "Butt", "Round", "Projecting" };
static const char *join_names[] = { "Miter", "Round", "Bevel" };

static void
fmt_points(char *buf, size_t len, const struct xp_point *p, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 24 < len; i++) {
		o += (size_t)snprintf(
				buf + o, len - o, "{%d,%d}", p[i].x, p[i].y);
	}
}

static bool
check_polygon(const struct xp_point *p, size_t n, enum xp_fill_rule rule,
		uint8_t shape)
{
	xcb_point_t xp[64];
	char what[1024];
	struct xp_spans s;

	for (size_t i = 0; i < n; i++) {
		xp[i] = (xcb_point_t){ (int16_t)p[i].x, (int16_t)p[i].y };
	}
	xvfb_clear();
	xvfb_style(NULL,
			rule == XP_WINDING ? XCB_FILL_RULE_WINDING
					   : XCB_FILL_RULE_EVEN_ODD,
			0);
	xcb_fill_poly(xv->c, xv->pix, xv->gc, shape, XCB_COORD_MODE_ORIGIN,
			(uint32_t)n, xp);
	xp_spans_init(&s);
	xp_raster_fill_polygon(&s, p, n, rule);
	int o = snprintf(what, sizeof(what), "FillPoly %s shape %d ",
			rule == XP_WINDING ? "Winding" : "EvenOdd", shape);
	fmt_points(what + o, sizeof(what) - (size_t)o, p, n);
	bool ok = compare(&s, what);
	xp_spans_finish(&s);
	return ok;
}

static bool
check_polyline(const struct xp_point *p, size_t n,
		const struct xp_line_style *st)
{
	xcb_point_t xp[64];
	char what[1024];
	struct xp_spans s;

	for (size_t i = 0; i < n; i++) {
		xp[i] = (xcb_point_t){ (int16_t)p[i].x, (int16_t)p[i].y };
	}
	xvfb_clear();
	xvfb_style(st, 0, 0);
	xcb_poly_line(xv->c, XCB_COORD_MODE_ORIGIN, xv->pix, xv->gc,
			(uint32_t)n, xp);
	xp_spans_init(&s);
	xp_raster_polyline(&s, p, n, st);
	int o = snprintf(what, sizeof(what), "PolyLine w%u %s %s ", st->width,
			cap_names[st->cap], join_names[st->join]);
	fmt_points(what + o, sizeof(what) - (size_t)o, p, n);
	bool ok = compare(&s, what);
	xp_spans_finish(&s);
	return ok;
}

static bool
check_segment(struct xp_point a, struct xp_point b,
		const struct xp_line_style *st)
{
	xcb_segment_t seg = { (int16_t)a.x, (int16_t)a.y, (int16_t)b.x,
		(int16_t)b.y };
	char what[256];
	struct xp_spans s;

	xvfb_clear();
	xvfb_style(st, 0, 0);
	xcb_poly_segment(xv->c, xv->pix, xv->gc, 1, &seg);
	xp_spans_init(&s);
	xp_raster_segment(&s, a, b, st);
	snprintf(what, sizeof(what), "PolySegment w%u %s {%d,%d}{%d,%d}",
			st->width, cap_names[st->cap], a.x, a.y, b.x, b.y);
	bool ok = compare(&s, what);
	xp_spans_finish(&s);
	return ok;
}

static bool
check_rectangle(int32_t x, int32_t y, uint32_t w, uint32_t h,
		const struct xp_line_style *st)
{
	xcb_rectangle_t r = { (int16_t)x, (int16_t)y, (uint16_t)w,
		(uint16_t)h };
	char what[256];
	struct xp_spans s;

	xvfb_clear();
	xvfb_style(st, 0, 0);
	xcb_poly_rectangle(xv->c, xv->pix, xv->gc, 1, &r);
	xp_spans_init(&s);
	xp_raster_rectangle(&s, x, y, w, h, st);
	snprintf(what, sizeof(what), "PolyRectangle w%u %s %s %d,%d %ux%u",
			st->width, cap_names[st->cap], join_names[st->join], x,
			y, w, h);
	bool ok = compare(&s, what);
	xp_spans_finish(&s);
	return ok;
}

static bool
check_arc(const struct xp_arc *a, bool fill, enum xp_arc_mode mode,
		const struct xp_line_style *st)
{
	xcb_arc_t xa = { (int16_t)a->x, (int16_t)a->y, (uint16_t)a->width,
		(uint16_t)a->height, (int16_t)a->angle1, (int16_t)a->angle2 };
	char what[256];
	struct xp_spans s;

	xvfb_clear();
	xvfb_style(st, 0,
			mode == XP_ARC_PIE_SLICE ? XCB_ARC_MODE_PIE_SLICE
						 : XCB_ARC_MODE_CHORD);
	xp_spans_init(&s);
	if (fill) {
		xcb_poly_fill_arc(xv->c, xv->pix, xv->gc, 1, &xa);
		xp_raster_fill_arc(&s, a, mode);
		snprintf(what, sizeof(what), "PolyFillArc %s %d,%d %ux%u %d %d",
				mode == XP_ARC_PIE_SLICE ? "PieSlice" : "Chord",
				a->x, a->y, a->width, a->height, a->angle1,
				a->angle2);
	} else {
		xcb_poly_arc(xv->c, xv->pix, xv->gc, 1, &xa);
		xp_raster_arc(&s, a, st);
		snprintf(what, sizeof(what), "PolyArc w%u %s %d,%d %ux%u %d %d",
				st->width, cap_names[st->cap], a->x, a->y,
				a->width, a->height, a->angle1, a->angle2);
	}
	bool ok = compare(&s, what);
	xp_spans_finish(&s);
	return ok;
}

/* Reports a batch: the counts, and a failure when anything differed. */
static void
batch_end(const char *name, int cases0, int mism0)
{
	int cases = xv->cases - cases0, mism = xv->mismatches - mism0;
	printf("    %s: %d cases, %d mismatches\n", name, cases, mism);
	CHECK_EQ(mism, 0);
}

/* For the parts not yet exact (see the report in each test): prints the
 * counts without failing, so that regressions show in the log. */
static void
batch_report(const char *name, int cases0, int mism0)
{
	printf("    %s: %d cases, %d mismatches (not yet exact, not "
	       "failing)\n",
			name, xv->cases - cases0, xv->mismatches - mism0);
}

static struct xp_point
rnd_point(int lo, int hi)
{
	return (struct xp_point){ rnd_range(lo, hi), rnd_range(lo, hi) };
}

TEST(fill_polygon_fixed)
{
	NEED_XVFB();
	int c0 = xv->cases, m0 = xv->mismatches;
	/* xlogo-like shapes, a square, a triangle, a self-intersecting star */
	static const struct xp_point logo1[] = { { 10, 10 }, { 40, 10 },
		{ 120, 150 }, { 90, 150 } };
	static const struct xp_point logo2[] = { { 120, 10 }, { 150, 10 },
		{ 40, 150 }, { 10, 150 }, { 75, 80 }, { 60, 60 } };
	static const struct xp_point square[] = { { 5, 5 }, { 25, 5 },
		{ 25, 25 }, { 5, 25 } };
	static const struct xp_point tri[] = { { 0, 0 }, { 37, 11 },
		{ 13, 50 } };
	static const struct xp_point star[] = { { 50, 0 }, { 80, 90 },
		{ 0, 35 }, { 100, 35 }, { 20, 90 } };
	for (int r = 0; r < 2; r++) {
		check_polygon(logo1, 4, (enum xp_fill_rule)r, 0);
		check_polygon(logo2, 6, (enum xp_fill_rule)r, 0);
		check_polygon(square, 4, (enum xp_fill_rule)r, 0);
		check_polygon(tri, 3, (enum xp_fill_rule)r, 0);
		check_polygon(star, 5, (enum xp_fill_rule)r, 0);
	}
	batch_end("fixed polygons", c0, m0);
}

TEST(fill_polygon_random)
{
	NEED_XVFB();
	seed_rng();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (int i = 0; i < 1500; i++) {
		struct xp_point p[16];
		size_t n = (size_t)rnd_range(1, 12);
		int sz = rnd_range(0, 200), ox = rnd_range(-60, W - 100),
		    oy = rnd_range(-60, H - 100);
		for (size_t k = 0; k < n; k++) {
			p[k] = (struct xp_point){ ox + rnd_range(0, sz),
				oy + rnd_range(0, sz) };
		}
		check_polygon(p, n, (enum xp_fill_rule)(i & 1), 0);
	}
	batch_end("random polygons", c0, m0);
}

TEST(thin_lines_fixed)
{
	NEED_XVFB();
	int c0 = xv->cases, m0 = xv->mismatches;
	/* xclock's hands: closed polylines with repeated points */
	static const struct xp_point hand[] = { { 113, 123 }, { 83, 75 },
		{ 83, 75 }, { 75, 81 }, { 75, 81 }, { 113, 123 } };
	static const struct xp_point one[] = { { 20, 20 } };
	static const struct xp_point same[] = { { 20, 20 }, { 20, 20 },
		{ 20, 20 } };
	for (int cap = 0; cap < 4; cap++) {
		struct xp_line_style st = { 0, (enum xp_cap)cap,
			XP_JOIN_MITER };
		check_polyline(hand, 6, &st);
		check_polyline(one, 1, &st);
		check_polyline(same, 3, &st);
		check_polyline(same, 2, &st);
		check_segment(same[0], same[1], &st);
		check_rectangle(10, 10, 0, 0, &st);
		check_rectangle(10, 10, 5, 0, &st);
		check_rectangle(10, 10, 0, 5, &st);
		check_rectangle(10, 10, 1, 1, &st);
		check_rectangle(10, 10, 30, 20, &st);
	}
	/* every octant, with ties (even major, odd minor) */
	for (int dx = -6; dx <= 6; dx++) {
		for (int dy = -6; dy <= 6; dy++) {
			struct xp_line_style st = { 0, XP_CAP_BUTT,
				XP_JOIN_MITER };
			struct xp_point a = { 100, 100 },
					b = { 100 + dx * 7, 100 + dy * 3 };
			check_segment(a, b, &st);
			b = (struct xp_point){ 100 + dx * 3, 100 + dy * 7 };
			check_segment(a, b, &st);
		}
	}
	batch_end("fixed thin lines", c0, m0);
}

TEST(thin_lines_random)
{
	NEED_XVFB();
	seed_rng();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (int i = 0; i < 3000; i++) {
		struct xp_line_style st = { 0, (enum xp_cap)rnd_range(0, 3),
			XP_JOIN_MITER };
		int kind = rnd_range(0, 2);
		if (kind == 0) {
			check_segment(rnd_point(-100, W + 100),
					rnd_point(-100, W + 100), &st);
		} else if (kind == 1) {
			struct xp_point p[16];
			size_t n = (size_t)rnd_range(1, 10);
			for (size_t k = 0; k < n; k++) {
				p[k] = k > 0 && rnd_range(0, 3) == 0
						       ? p[k - 1]
						       : rnd_point(-60, W + 60);
			}
			if (n > 2 && rnd_range(0, 2) == 0) {
				p[n - 1] = p[0];
			}
			check_polyline(p, n, &st);
		} else {
			check_rectangle(rnd_range(-60, W), rnd_range(-60, H),
					(uint32_t)rnd_range(0, 200),
					(uint32_t)rnd_range(0, 200), &st);
		}
	}
	batch_end("random thin lines", c0, m0);
}

TEST(fill_arc_circles)
{
	NEED_XVFB();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (uint32_t d = 0; d <= 64; d++) {
		struct xp_arc a = { 10, 10, d, d, 0, 360 * 64 };
		check_arc(&a, true, XP_ARC_PIE_SLICE, NULL);
	}
	for (uint32_t w = 0; w <= 40; w += 1) {
		for (uint32_t h = 0; h <= 40; h += 3) {
			struct xp_arc a = { 20, 20, w, h, 0, 360 * 64 };
			check_arc(&a, true, XP_ARC_CHORD, NULL);
		}
	}
	batch_end("full ellipses", c0, m0);
}

TEST(fill_arc_random_full)
{
	NEED_XVFB();
	seed_rng();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (int i = 0; i < 1500; i++) {
		struct xp_arc a = { rnd_range(-60, W - 60),
			rnd_range(-60, H - 60), (uint32_t)rnd_range(0, 200),
			(uint32_t)rnd_range(0, 200), rnd_range(-360, 360) * 64,
			360 * 64 };
		check_arc(&a, true, XP_ARC_PIE_SLICE, NULL);
	}
	batch_end("random full ellipses", c0, m0);
}

TEST(fill_arc_random_partial)
{
	NEED_XVFB();
	seed_rng();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (int i = 0; i < 1500; i++) {
		struct xp_arc a = { rnd_range(-60, W - 60),
			rnd_range(-60, H - 60), (uint32_t)rnd_range(0, 200),
			(uint32_t)rnd_range(0, 200),
			rnd_range(-400 * 64, 400 * 64),
			rnd_range(-400 * 64, 400 * 64) };
		if (i % 3 == 0) {
			/* whole degrees, as most clients send */
			a.angle1 = a.angle1 / 64 * 64;
			a.angle2 = a.angle2 / 64 * 64;
		}
		check_arc(&a, true, (enum xp_arc_mode)(i & 1), NULL);
	}
	batch_report("random partial filled arcs", c0, m0);
}

TEST(wide_lines_random)
{
	NEED_XVFB();
	seed_rng();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (int i = 0; i < 1000; i++) {
		struct xp_line_style st = { (uint32_t)rnd_range(1, 20),
			(enum xp_cap)rnd_range(0, 3),
			(enum xp_join)rnd_range(0, 2) };
		int kind = rnd_range(0, 2);
		if (kind == 0) {
			check_segment(rnd_point(-50, W + 50),
					rnd_point(-50, W + 50), &st);
		} else if (kind == 1) {
			struct xp_point p[8];
			size_t n = (size_t)rnd_range(1, 6);
			for (size_t k = 0; k < n; k++) {
				p[k] = rnd_point(-20, W + 20);
			}
			if (n > 2 && rnd_range(0, 2) == 0) {
				p[n - 1] = p[0];
			}
			check_polyline(p, n, &st);
		} else {
			check_rectangle(rnd_range(-20, W), rnd_range(-20, H),
					(uint32_t)rnd_range(0, 200),
					(uint32_t)rnd_range(0, 200), &st);
		}
	}
	batch_report("random wide lines", c0, m0);
}

TEST(arcs_random)
{
	NEED_XVFB();
	seed_rng();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (int i = 0; i < 300; i++) {
		struct xp_line_style st = {
			(uint32_t)(i & 1 ? 0 : rnd_range(1, 20)),
			(enum xp_cap)rnd_range(0, 3),
			(enum xp_join)rnd_range(0, 2)
		};
		struct xp_arc a = { rnd_range(-60, W - 60),
			rnd_range(-60, H - 60), (uint32_t)rnd_range(0, 200),
			(uint32_t)rnd_range(0, 200), rnd_range(-400, 400) * 64,
			rnd_range(-400, 400) * 64 };
		check_arc(&a, false, XP_ARC_CHORD, &st);
	}
	batch_report("random arc outlines", c0, m0);
}

/* Outlines are approximate (see xp_raster_arc); this reports how close. */
TEST(arc_outlines_full_report)
{
	NEED_XVFB();
	int c0 = xv->cases, m0 = xv->mismatches;
	for (uint32_t lw = 0; lw <= 6; lw += 3) {
		for (uint32_t d = 1; d <= 40; d++) {
			struct xp_line_style st = { lw, XP_CAP_BUTT,
				XP_JOIN_MITER };
			struct xp_arc a = { 30, 30, d, d, 0, 360 * 64 };
			check_arc(&a, false, XP_ARC_CHORD, &st);
			a.height = d / 2 + 1;
			check_arc(&a, false, XP_ARC_CHORD, &st);
		}
	}
	batch_report("full arc outlines", c0, m0);
}
