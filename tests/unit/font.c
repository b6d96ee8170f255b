/* Compares xproxy/font.c with the real X server: Xvfb (same libXfont2, same
 * fonts) answers OpenFont, QueryFont, QueryTextExtents, ListFonts,
 * ListFontsWithInfo and SetFontPath, and draws ImageText8/16 into a pixmap
 * whose pixels must be our glyph bitmaps. Tests skip without Xvfb. */
#define HARNESS_MAIN
#include "harness.h"

#include "xproxy/font.h"
#include "xproxy/util.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xcb/xcb.h>

/* One Xvfb for the whole binary, kept connected: Xvfb resets (and forgets
 * a font path we set) when its last client leaves. */
static struct {
	pid_t pid;
	xcb_connection_t *c;
	xcb_window_t root;
	bool tried;
} xv;

static const char *const test_fonts[] = {
	"fixed",
	"6x13",
	"8x13",
	"cursor",
	"nil2",
	"-misc-fixed-medium-r-normal--13-120-75-75-c-70-iso10646-1",
	"-misc-fixed-bold-r-normal--13-*",
	"FIXED",
	"-Misc-Fixed-Medium-R-Normal--20-200-75-75-C-100-ISO8859-1",
	"-misc-fixed-medium-r-semicondensed--13-120-75-75-c-60-iso8859-?",
	/* Type1 through FreeType, scaled at the client resolution */
	"-adobe-courier-medium-r-normal--14-*-*-*-*-*-iso8859-1",
	"-adobe-times-bold-i-normal--0-180-0-0-p-0-iso8859-15",
};

static void
xvfb_stop(void)
{
	if (xv.c != NULL) {
		xcb_disconnect(xv.c);
		xv.c = NULL;
	}
	if (xv.pid > 0) {
		kill(xv.pid, SIGTERM);
		waitpid(xv.pid, NULL, 0);
		xv.pid = 0;
	}
}

static bool
xvfb_try(int n)
{
	char disp[16], path[64];
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	snprintf(path, sizeof(path), "/tmp/.X11-unix/X%d", n);
	if (access(path, F_OK) == 0) {
		return false;
	}
	snprintf(path, sizeof(path), "/tmp/.X%d-lock", n);
	if (access(path, F_OK) == 0) {
		return false;
	}
	snprintf(disp, sizeof(disp), ":%d", n);
	xv.pid = fork();
	if (xv.pid < 0) {
		return false;
	}
	if (xv.pid == 0) {
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execl("/usr/bin/Xvfb", "Xvfb", disp, "-screen", "0",
				"640x480x24", "-dpi", "96", "-nolisten", "tcp",
				(char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 500; i++) {
		if (waitpid(xv.pid, NULL, WNOHANG) == xv.pid) {
			xv.pid = 0; /* display taken meanwhile: next one */
			return false;
		}
		snprintf(path, sizeof(path), "/tmp/.X11-unix/X%d", n);
		if (access(path, F_OK) == 0) {
			xv.c = xcb_connect(disp, NULL);
			if (!xcb_connection_has_error(xv.c)) {
				xv.root = xcb_setup_roots_iterator(
						xcb_get_setup(xv.c))
							  .data->root;
				return true;
			}
			xcb_disconnect(xv.c);
			xv.c = NULL;
		}
		nanosleep(&ts, NULL);
	}
	xvfb_stop();
	return false;
}

static bool
xvfb(void)
{
	if (!xv.tried) {
		xv.tried = true;
		if (access("/usr/bin/Xvfb", X_OK) != 0) {
			return false;
		}
		atexit(xvfb_stop);
		for (int n = 90; n < 140 && xv.c == NULL; n++) {
			xvfb_try(n);
		}
	}
	return xv.c != NULL;
}

/* libXfont2 2.0.6 leaks one FTFontRec (96 bytes) each time it reads the
 * info of a FreeType font for ListFontsWithInfo (FreeTypeGetInfoScalable
 * loads the font without a FontRec and drops it); Xvfb leaks the same. The
 * suppression names our caller, so only that path is exempt; libXfont2 has
 * no frame pointers, so stacks are unwound the slow way to see it. */
const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:lfwi_element\n";
}

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

/* --- helpers -------------------------------------------------------------- */

static char *
atom_name(xcb_atom_t a)
{
	xcb_get_atom_name_reply_t *r = xcb_get_atom_name_reply(
			xv.c, xcb_get_atom_name(xv.c, a), NULL);
	char *s;

	if (r == NULL) {
		return strdup("?");
	}
	s = strndup(xcb_get_atom_name_name(r),
			xcb_get_atom_name_name_length(r));
	free(r);
	return s;
}

static bool
charinfo_eq(const struct xp_char_info *a, const xcb_charinfo_t *b)
{
	return a->left_bearing == b->left_side_bearing &&
	       a->right_bearing == b->right_side_bearing &&
	       a->width == b->character_width && a->ascent == b->ascent &&
	       a->descent == b->descent && a->attributes == b->attributes;
}

static int
props_mismatches(const struct xp_font_info *info, const xcb_fontprop_t *p,
		int n, const char *what)
{
	int bad = 0;

	if ((int)info->n_props != n) {
		fprintf(stderr, "    %s: %zu props, Xvfb %d\n", what,
				info->n_props, n);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		const struct xp_font_prop *mine = &info->props[i];
		char *name = atom_name(p[i].name);

		if (strcmp(name, mine->name) != 0) {
			fprintf(stderr, "    %s: prop %d %s, Xvfb %s\n", what,
					i, mine->name, name);
			bad++;
		} else if (mine->value_is_string) {
			char *v = atom_name(p[i].value);

			if (strcmp(v, mine->string) != 0) {
				fprintf(stderr,
						"    %s: %s \"%s\", Xvfb "
						"\"%s\"\n",
						what, name, mine->string, v);
				bad++;
			}
			free(v);
		} else if (mine->value != p[i].value) {
			fprintf(stderr, "    %s: %s %u, Xvfb %u\n", what, name,
					mine->value, p[i].value);
			bad++;
		}
		free(name);
	}
	return bad;
}

static struct xp_fontdb *
default_db(void)
{
	struct xp_fontdb *db = xp_fontdb_create(NULL, 0);

	CHECK(db != NULL);
	return db;
}

static xcb_font_t
xvfb_open(const char *name, uint8_t *error)
{
	xcb_font_t fid = xcb_generate_id(xv.c);
	xcb_generic_error_t *e = xcb_request_check(xv.c,
			xcb_open_font_checked(xv.c, fid, strlen(name), name));

	*error = e != NULL ? e->error_code : 0;
	free(e);
	return e != NULL ? XCB_NONE : fid;
}

/* --- tests ---------------------------------------------------------------- */

TEST(create_destroy_repeatedly)
{
	for (int i = 0; i < 3; i++) {
		struct xp_fontdb *db = default_db();
		struct xp_font *f = NULL;

		REQUIRE(db != NULL);
		CHECK_EQ(xp_font_open(db, "fixed", 5, &f), XP_FONT_OK);
		xp_fontdb_destroy(db);
		/* a font outlives its database */
		REQUIRE(f != NULL);
		CHECK_EQ(xp_font_get_info(f)->font_ascent, 11);
		xp_font_unref(f);
	}
	xp_fontdb_destroy(NULL);
	xp_font_unref(NULL);
}

TEST(two_databases_at_once)
{
	const char *misc[] = { "/usr/share/fonts/X11/misc" };
	const char *builtin[] = { "built-ins" };
	struct xp_fontdb *a = xp_fontdb_create(misc, 1);
	struct xp_fontdb *b = xp_fontdb_create(builtin, 1);
	struct xp_font *fa = NULL, *fb = NULL;

	REQUIRE(a != NULL && b != NULL);
	CHECK_EQ(xp_font_open(a, "8x13", 4, &fa), XP_FONT_OK);
	CHECK_EQ(xp_font_open(b, "8x13", 4, &fb), XP_FONT_ERR_NAME);
	CHECK_EQ(xp_font_open(b, "6x13", 4, &fb), XP_FONT_OK);
	xp_font_unref(fa);
	xp_font_unref(fb);
	xp_fontdb_destroy(a);
	xp_fontdb_destroy(b);
}

TEST(open_refcount_and_bad_name)
{
	struct xp_fontdb *db = default_db();
	struct xp_font *f1 = NULL, *f2 = NULL, *f3 = NULL;

	REQUIRE(db != NULL);
	CHECK_EQ(xp_font_open(db, "6x13", 4, &f1), XP_FONT_OK);
	CHECK_EQ(xp_font_open(db, "6X13", 4, &f2), XP_FONT_OK);
	CHECK(f1 != NULL && f1 == f2);
	CHECK(xp_font_ref(f1) == f1);
	xp_font_unref(f1);
	xp_font_unref(f2);
	CHECK_EQ(xp_font_open(db, "no-such-font", 12, &f3), XP_FONT_ERR_NAME);
	CHECK(f3 == NULL);
	CHECK_EQ(xp_font_open(db, "-*-nonesuch-*", 13, &f3), XP_FONT_ERR_NAME);
	/* the length counts, not a NUL */
	CHECK_EQ(xp_font_open(db, "fixedXXX", 5, &f3), XP_FONT_OK);
	xp_font_unref(f3);
	xp_font_unref(f1);
	xp_fontdb_destroy(db);
	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	uint8_t err;
	CHECK(xvfb_open("no-such-font", &err) == XCB_NONE);
	CHECK_EQ(err, XCB_NAME);
}

TEST(default_path_matches_xvfb)
{
	struct xp_fontdb *db = default_db();

	REQUIRE(db != NULL);
	CHECK(xp_fontdb_path_count(db) >= 2);
	CHECK(strcmp(xp_fontdb_path_element(db, 0),
			      "/usr/share/fonts/X11/misc") == 0);
	if (!xvfb()) {
		xp_fontdb_destroy(db);
		SKIP("no Xvfb");
	}
	xcb_get_font_path_reply_t *r = xcb_get_font_path_reply(
			xv.c, xcb_get_font_path(xv.c), NULL);
	REQUIRE(r != NULL);
	CHECK_EQ(xcb_get_font_path_path_length(r), xp_fontdb_path_count(db));
	size_t i = 0;
	for (xcb_str_iterator_t it = xcb_get_font_path_path_iterator(r);
			it.rem && i < xp_fontdb_path_count(db);
			xcb_str_next(&it), i++) {
		const char *mine = xp_fontdb_path_element(db, i);

		CHECK(strlen(mine) == (size_t)xcb_str_name_length(it.data) &&
				memcmp(mine, xcb_str_name(it.data),
						strlen(mine)) == 0);
	}
	free(r);
	xp_fontdb_destroy(db);
}

/* SetFontPath on Xvfb and on us: the same verdict and the same path after.
 * Ends with the default path restored on both sides. */
static void
check_set_path(struct xp_fontdb *db, const char *const *path, size_t n)
{
	char buf[4096];
	size_t len = 0;
	xcb_generic_error_t *e;
	int mine = xp_fontdb_set_path(db, path, n);

	for (size_t i = 0; i < n; i++) {
		buf[len++] = (char)strlen(path[i]);
		memcpy(buf + len, path[i], strlen(path[i]));
		len += strlen(path[i]);
	}
	e = xcb_request_check(xv.c, xcb_set_font_path_checked(xv.c, n,
						    (const xcb_str_t *)buf));
	if (e != NULL) {
		CHECK_EQ(e->error_code, XCB_VALUE);
		CHECK_EQ(mine, ((xcb_value_error_t *)e)->bad_value + 1);
	} else {
		CHECK_EQ(mine, 0);
	}
	free(e);
	xcb_get_font_path_reply_t *r = xcb_get_font_path_reply(
			xv.c, xcb_get_font_path(xv.c), NULL);
	REQUIRE(r != NULL);
	CHECK_EQ(xcb_get_font_path_path_length(r), xp_fontdb_path_count(db));
	size_t i = 0;
	for (xcb_str_iterator_t it = xcb_get_font_path_path_iterator(r);
			it.rem && i < xp_fontdb_path_count(db);
			xcb_str_next(&it), i++) {
		const char *el = xp_fontdb_path_element(db, i);

		CHECK(strlen(el) == (size_t)xcb_str_name_length(it.data) &&
				memcmp(el, xcb_str_name(it.data), strlen(el)) ==
						0);
	}
	free(r);
}

TEST(set_path_like_xvfb)
{
	static const char *const good[] = { "/usr/share/fonts/X11/misc/",
		"built-ins", "built-ins" };
	static const char *const bad1[] = { "/usr/share/fonts/X11/misc",
		"/nonexistent", "built-ins" };
	static const char *const bad0[] = { "catalogue:/nonexistent",
		"built-ins" };
	static const char *const badcase[] = { "built-ins", "BUILT-INS" };
	static const char *const remote[] = { "built-ins",
		"tcp/localhost:7100" };
	static const char *const unscaled[] = {
		"/usr/share/fonts/X11/misc:unscaled"
	};
	struct xp_fontdb *db = default_db();
	struct xp_font *f = NULL;

	REQUIRE(db != NULL);
	if (!xvfb()) {
		xp_fontdb_destroy(db);
		SKIP("no Xvfb");
	}
	CHECK_EQ(xp_font_open(db, "8x13", 4, &f), XP_FONT_OK);
	check_set_path(db, good, 3);
	check_set_path(db, bad1, 3);
	check_set_path(db, bad0, 2);
	check_set_path(db, badcase, 2);
	check_set_path(db, remote, 2);
	check_set_path(db, unscaled, 1);
	/* a font stays usable after its element left the path */
	REQUIRE(f != NULL);
	CHECK_EQ(xp_font_get_info(f)->max_bounds.width, 8);
	xp_font_unref(f);
	check_set_path(db, NULL, 0);
	xp_fontdb_destroy(db);
}

/* QueryFont: every field, every char info, every property. */
static void
compare_query_font(struct xp_fontdb *db, const char *name)
{
	struct xp_font *f = NULL;
	uint8_t err;
	xcb_font_t fid = xvfb_open(name, &err);

	CHECK_EQ(xp_font_open(db, name, strlen(name), &f),
			fid == XCB_NONE ? XP_FONT_ERR_NAME : XP_FONT_OK);
	if (fid == XCB_NONE || f == NULL) {
		fprintf(stderr, "    %s: Xvfb error %d\n", name, err);
		xp_font_unref(f);
		return;
	}
	xcb_query_font_reply_t *q = xcb_query_font_reply(
			xv.c, xcb_query_font(xv.c, fid), NULL);
	const struct xp_font_info *info = xp_font_get_info(f);
	const struct xp_char_info *ci;
	size_t n = xp_font_char_infos(f, &ci);
	int bad = 0;

	REQUIRE(q != NULL);
	CHECK(charinfo_eq(&info->min_bounds, &q->min_bounds));
	CHECK(charinfo_eq(&info->max_bounds, &q->max_bounds));
	CHECK_EQ(info->min_char_or_byte2, q->min_char_or_byte2);
	CHECK_EQ(info->max_char_or_byte2, q->max_char_or_byte2);
	CHECK_EQ(info->default_char, q->default_char);
	CHECK_EQ(info->draw_direction, q->draw_direction);
	CHECK_EQ(info->min_byte1, q->min_byte1);
	CHECK_EQ(info->max_byte1, q->max_byte1);
	CHECK_EQ(info->all_chars_exist, q->all_chars_exist);
	CHECK_EQ(info->font_ascent, q->font_ascent);
	CHECK_EQ(info->font_descent, q->font_descent);
	CHECK_EQ(n, (size_t)xcb_query_font_char_infos_length(q));
	const xcb_charinfo_t *xc = xcb_query_font_char_infos(q);
	for (size_t i = 0; i < n && i < (size_t)q->char_infos_len; i++) {
		if (!charinfo_eq(&ci[i], &xc[i]) && bad++ < 5) {
			fprintf(stderr, "    %s: char info %zu differs\n", name,
					i);
		}
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(props_mismatches(info, xcb_query_font_properties(q),
				 xcb_query_font_properties_length(q), name),
			0);
	free(q);
	xcb_close_font(xv.c, fid);
	xp_font_unref(f);
}

TEST(query_font_like_xvfb)
{
	struct xp_fontdb *db;

	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	db = default_db();
	REQUIRE(db != NULL);
	for (size_t i = 0; i < ARRAY_SIZE(test_fonts); i++) {
		compare_query_font(db, test_fonts[i]);
	}
	xp_fontdb_destroy(db);
}

static void
compare_text_extents(struct xp_fontdb *db, const char *name,
		const uint16_t *chars, size_t n)
{
	struct xp_font *f = NULL;
	struct xp_text_extents te;
	uint8_t err;
	xcb_font_t fid = xvfb_open(name, &err);
	xcb_char2b_t c2[64];

	REQUIRE(fid != XCB_NONE && n <= 64);
	REQUIRE(xp_font_open(db, name, strlen(name), &f) == XP_FONT_OK);
	for (size_t i = 0; i < n; i++) {
		c2[i].byte1 = (uint8_t)(chars[i] >> 8);
		c2[i].byte2 = (uint8_t)chars[i];
	}
	xcb_query_text_extents_reply_t *r = xcb_query_text_extents_reply(xv.c,
			xcb_query_text_extents(xv.c, fid, (uint32_t)n, c2),
			NULL);
	REQUIRE(r != NULL);
	CHECK(xp_font_text_extents(f, chars, n, &te));
	CHECK_EQ(te.draw_direction, r->draw_direction);
	CHECK_EQ(te.font_ascent, r->font_ascent);
	CHECK_EQ(te.font_descent, r->font_descent);
	CHECK_EQ(te.overall_ascent, r->overall_ascent);
	CHECK_EQ(te.overall_descent, r->overall_descent);
	CHECK_EQ(te.overall_width, r->overall_width);
	CHECK_EQ(te.overall_left, r->overall_left);
	CHECK_EQ(te.overall_right, r->overall_right);
	free(r);
	xcb_close_font(xv.c, fid);
	xp_font_unref(f);
}

TEST(text_extents_like_xvfb)
{
	static const uint16_t hello[] = { 'H', 'e', 'l', 'l', 'o', ',', ' ',
		'j', 'g', '_', 0xe9, 0x7f, 0x01, 0x00, 0xff };
	static const uint16_t wide[] = { 0x0041, 0x263a, 0x2588, 0x0416, 0x4e00,
		0xfffd, 0xffff, 0x0100, 0x00e9 };
	static const uint16_t cursor_chars[] = { 0, 1, 68, 69, 152, 153, 200 };
	struct xp_fontdb *db;

	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	db = default_db();
	REQUIRE(db != NULL);
	for (size_t i = 0; i < ARRAY_SIZE(test_fonts); i++) {
		compare_text_extents(
				db, test_fonts[i], hello, ARRAY_SIZE(hello));
		compare_text_extents(db, test_fonts[i], wide, ARRAY_SIZE(wide));
		compare_text_extents(db, test_fonts[i], hello, 0);
	}
	compare_text_extents(
			db, "cursor", cursor_chars, ARRAY_SIZE(cursor_chars));
	xp_fontdb_destroy(db);
}

struct name_list {
	char **names;
	size_t n;
};

static void
collect(void *data, const char *name, size_t len)
{
	struct name_list *l = data;

	l->names = realloc(l->names, (l->n + 1) * sizeof(*l->names));
	l->names[l->n++] = strndup(name, len);
}

static void
name_list_free(struct name_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->names[i]);
	}
	free(l->names);
}

static void
compare_list(struct xp_fontdb *db, const char *pattern, uint16_t max)
{
	struct name_list mine = { 0 };
	xcb_list_fonts_reply_t *r = xcb_list_fonts_reply(xv.c,
			xcb_list_fonts(xv.c, max, strlen(pattern), pattern),
			NULL);
	int bad = 0;

	REQUIRE(r != NULL);
	CHECK_EQ(xp_fontdb_list(db, pattern, strlen(pattern), max, collect,
				 &mine),
			XP_FONT_OK);
	if ((int)mine.n != r->names_len) {
		fprintf(stderr,
				"    ListFonts(\"%s\", %u): %zu names, Xvfb "
				"%u\n",
				pattern, max, mine.n, r->names_len);
		bad++;
	}
	size_t i = 0;
	for (xcb_str_iterator_t it = xcb_list_fonts_names_iterator(r);
			it.rem && i < mine.n; xcb_str_next(&it), i++) {
		int len = xcb_str_name_length(it.data);

		if ((int)strlen(mine.names[i]) != len ||
				memcmp(mine.names[i], xcb_str_name(it.data),
						(size_t)len) != 0) {
			if (bad++ < 3) {
				fprintf(stderr,
						"    ListFonts(\"%s\"): #%zu "
						"%s, Xvfb %.*s\n",
						pattern, i, mine.names[i], len,
						xcb_str_name(it.data));
			}
		}
	}
	CHECK_EQ(bad, 0);
	free(r);
	name_list_free(&mine);
}

static const char *const list_patterns[] = {
	"*",
	"-misc-fixed-*",
	"*-iso8859-1",
	"-*-*-*-R-*-*-*-120-*-*-*-*-ISO8859-1",
	"-*-*-*-R-*-*-*-120-*-*-*-*-KOI8-R",
	"fixed",
	"FiXeD",
	"?x13",
	"*x13*",
	"cursor",
	"nil2",
	"-misc-fixed-medium-r-normal--13-120-75-75-c-70-iso10646-1",
	"-misc-fixed-bold-r-normal--13-*",
	"-adobe-*",
	"-adobe-courier-medium-r-normal--14-*-*-*-*-*-iso8859-1",
	"-*-times-*-0-*",
	"no-such-font",
	"",
};

TEST(list_fonts_like_xvfb)
{
	static const uint16_t maxes[] = { 65535, 1, 7, 0 };
	struct xp_fontdb *db;

	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	db = default_db();
	REQUIRE(db != NULL);
	for (size_t i = 0; i < ARRAY_SIZE(list_patterns); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(maxes); j++) {
			compare_list(db, list_patterns[i], maxes[j]);
		}
	}
	xp_fontdb_destroy(db);
}

struct info_list {
	char **names;
	struct xp_font_info *infos;
	struct xp_font_prop **props;
	size_t n;
};

static void
collect_info(void *data, const char *name, size_t len,
		const struct xp_font_info *info)
{
	struct info_list *l = data;

	l->names = realloc(l->names, (l->n + 1) * sizeof(*l->names));
	l->infos = realloc(l->infos, (l->n + 1) * sizeof(*l->infos));
	l->props = realloc(l->props, (l->n + 1) * sizeof(*l->props));
	l->names[l->n] = strndup(name, len);
	l->infos[l->n] = *info;
	/* info is valid during the call only: keep a copy of the props */
	l->props[l->n] = malloc((info->n_props + 1) * sizeof(**l->props));
	memcpy(l->props[l->n], info->props, info->n_props * sizeof(**l->props));
	l->infos[l->n].props = l->props[l->n];
	l->n++;
}

static void
compare_list_with_info(struct xp_fontdb *db, const char *pattern, uint16_t max)
{
	struct info_list mine = { 0 };
	xcb_list_fonts_with_info_cookie_t ck = xcb_list_fonts_with_info(
			xv.c, max, strlen(pattern), pattern);
	size_t i = 0;

	CHECK_EQ(xp_fontdb_list_with_info(db, pattern, strlen(pattern), max,
				 collect_info, &mine),
			XP_FONT_OK);
	for (;; i++) {
		xcb_list_fonts_with_info_reply_t *r =
				xcb_list_fonts_with_info_reply(xv.c, ck, NULL);

		if (r == NULL || r->name_len == 0) {
			free(r);
			break;
		}
		if (i >= mine.n) {
			fprintf(stderr,
					"    ListFontsWithInfo(\"%s\"): "
					"missing %.*s\n",
					pattern, r->name_len,
					xcb_list_fonts_with_info_name(r));
			CHECK(i < mine.n);
			free(r);
			continue;
		}
		const struct xp_font_info *info = &mine.infos[i];
		CHECK(strlen(mine.names[i]) == r->name_len &&
				memcmp(mine.names[i],
						xcb_list_fonts_with_info_name(
								r),
						r->name_len) == 0);
		CHECK(charinfo_eq(&info->min_bounds, &r->min_bounds));
		CHECK(charinfo_eq(&info->max_bounds, &r->max_bounds));
		CHECK_EQ(info->min_char_or_byte2, r->min_char_or_byte2);
		CHECK_EQ(info->max_char_or_byte2, r->max_char_or_byte2);
		CHECK_EQ(info->default_char, r->default_char);
		CHECK_EQ(info->draw_direction, r->draw_direction);
		CHECK_EQ(info->min_byte1, r->min_byte1);
		CHECK_EQ(info->max_byte1, r->max_byte1);
		CHECK_EQ(info->all_chars_exist, r->all_chars_exist);
		CHECK_EQ(info->font_ascent, r->font_ascent);
		CHECK_EQ(info->font_descent, r->font_descent);
		CHECK_EQ(props_mismatches(info,
					 xcb_list_fonts_with_info_properties(r),
					 r->properties_len, mine.names[i]),
				0);
		free(r);
	}
	if (i != mine.n) {
		fprintf(stderr,
				"    ListFontsWithInfo(\"%s\", %u): %zu, Xvfb "
				"%zu\n",
				pattern, max, mine.n, i);
	}
	CHECK_EQ(i, mine.n);
	for (size_t j = 0; j < mine.n; j++) {
		free(mine.names[j]);
		free(mine.props[j]);
	}
	free(mine.names);
	free(mine.infos);
	free(mine.props);
}

TEST(list_fonts_with_info_like_xvfb)
{
	struct xp_fontdb *db;

	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	db = default_db();
	REQUIRE(db != NULL);
	compare_list_with_info(db, "fixed", 10);
	compare_list_with_info(db, "8x13", 10);
	compare_list_with_info(db, "*x13", 100);
	compare_list_with_info(db, "-misc-fixed-bold-r-normal--13-*", 100);
	compare_list_with_info(db, "-misc-fixed-*-iso10646-1", 3);
	compare_list_with_info(db, "cursor", 1);
	compare_list_with_info(db, "nil2", 5);
	compare_list_with_info(db, "-*-*-*-R-*-*-*-120-*-*-*-*-KOI8-R", 100);
	compare_list_with_info(db, "no-such-font", 100);
	compare_list_with_info(db, "*", 65535);
	compare_list_with_info(db, "*", 20);
	xp_fontdb_destroy(db);
}

/* Aliases across path elements: a private fonts.alias with a good, a
 * dangling, a chained and a wildcard alias, in front of misc. */
TEST(aliases_like_xvfb)
{
	char dir[] = "/tmp/xp-font-test-XXXXXX", file[256];
	FILE *fp;
	struct xp_fontdb *db;

	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(file, sizeof(file), "%s/fonts.dir", dir);
	fp = fopen(file, "w");
	REQUIRE(fp != NULL);
	fputs("0\n", fp);
	fclose(fp);
	snprintf(file, sizeof(file), "%s/fonts.alias", dir);
	fp = fopen(file, "w");
	REQUIRE(fp != NULL);
	fputs("dangling -nonexistent-font-medium-r-normal--13-120-75-75-c-70-"
	      "iso8859-1\n"
	      "goodalias -misc-fixed-medium-r-normal--13-120-75-75-c-70-"
	      "iso8859-1\n"
	      "wildalias -misc-fixed-bold-r-normal--13-*\n"
	      "chain goodalias\n"
	      "Mixed fixed\n"
	      "loop1 loop2\nloop2 loop1\n",
			fp);
	fclose(fp);
	const char *path[] = { dir, "/usr/share/fonts/X11/misc", "built-ins" };
	db = xp_fontdb_create(path, 3);
	REQUIRE(db != NULL);
	check_set_path(db, path, 3);
	static const char *const pats[] = { "dangling", "d*", "goodalias",
		"good*", "*alias*", "wildalias", "chain", "mixed", "MIXED",
		"loop1", "*", "l*" };
	for (size_t i = 0; i < ARRAY_SIZE(pats); i++) {
		compare_list(db, pats[i], 65535);
		compare_list(db, pats[i], 3);
		compare_list_with_info(db, pats[i], 100);
	}
	static const char *const opens[] = { "dangling", "goodalias",
		"wildalias", "chain", "MIXED", "loop1" };
	for (size_t i = 0; i < ARRAY_SIZE(opens); i++) {
		compare_query_font(db, opens[i]);
	}
	check_set_path(db, NULL, 0);
	xp_fontdb_destroy(db);
	snprintf(file, sizeof(file), "%s/fonts.alias", dir);
	unlink(file);
	snprintf(file, sizeof(file), "%s/fonts.dir", dir);
	unlink(file);
	rmdir(dir);
}

/* Glyph bitmaps: Xvfb draws each char with ImageText (white on black) into
 * its own cell of a pixmap; GetImage must show exactly our bitmap, or the
 * default char's, or nothing. */
#define PIX_W 1024
#define PIX_H 1024

static void
compare_glyphs(struct xp_fontdb *db, const char *name, const uint16_t *chars,
		size_t n, bool sixteen)
{
	struct xp_font *f = NULL;
	uint8_t err;
	xcb_font_t fid = xvfb_open(name, &err);
	xcb_pixmap_t pix = xcb_generate_id(xv.c);
	xcb_gcontext_t gc = xcb_generate_id(xv.c);
	int bad = 0, drawn = 0, lit = 0;

	REQUIRE(fid != XCB_NONE);
	REQUIRE(xp_font_open(db, name, strlen(name), &f) == XP_FONT_OK);
	const struct xp_font_info *info = xp_font_get_info(f);
	int left = XP_MIN(info->min_bounds.left_bearing, 0);
	int cell_w = XP_MAX(info->max_bounds.right_bearing,
				     info->max_bounds.width) -
		     left + 2;
	int asc = XP_MAX(info->max_bounds.ascent, info->font_ascent);
	int cell_h = asc +
		     XP_MAX(info->max_bounds.descent, info->font_descent) + 2;
	int per_row = PIX_W / cell_w;
	size_t per_pix = (size_t)per_row * (size_t)(PIX_H / cell_h);

	xcb_create_pixmap(xv.c, 24, pix, xv.root, PIX_W, PIX_H);
	uint32_t vals[] = { 0, 0, 0 };
	xcb_create_gc(xv.c, gc, pix,
			XCB_GC_FOREGROUND | XCB_GC_BACKGROUND | XCB_GC_FONT,
			(uint32_t[]){ 0, 0, fid });
	for (size_t base = 0; base < n; base += per_pix) {
		size_t count = XP_MIN(n - base, per_pix);
		xcb_rectangle_t all = { 0, 0, PIX_W, PIX_H };

		vals[0] = 0;
		xcb_change_gc(xv.c, gc, XCB_GC_FOREGROUND, vals);
		xcb_poly_fill_rectangle(xv.c, pix, gc, 1, &all);
		vals[0] = 0xffffff;
		vals[1] = 0;
		xcb_change_gc(xv.c, gc, XCB_GC_FOREGROUND | XCB_GC_BACKGROUND,
				vals);
		for (size_t k = 0; k < count; k++) {
			uint16_t ch = chars[base + k];
			int16_t x = (int16_t)((int)(k % per_row) * cell_w -
					      left + 1);
			int16_t y = (int16_t)((int)(k / per_row) * cell_h +
					      asc + 1);

			if (sixteen) {
				xcb_char2b_t c2 = { (uint8_t)(ch >> 8),
					(uint8_t)ch };
				xcb_image_text_16(xv.c, 1, pix, gc, x, y, &c2);
			} else {
				char c = (char)ch;
				xcb_image_text_8(xv.c, 1, pix, gc, x, y, &c);
			}
		}
		xcb_get_image_reply_t *img = xcb_get_image_reply(xv.c,
				xcb_get_image(xv.c, XCB_IMAGE_FORMAT_Z_PIXMAP,
						pix, 0, 0, PIX_W, PIX_H,
						0xffffff),
				NULL);
		REQUIRE(img != NULL);
		REQUIRE(xcb_get_image_data_length(img) >= PIX_W * PIX_H * 4);
		const uint32_t *px = (const uint32_t *)xcb_get_image_data(img);
		for (size_t k = 0; k < count; k++) {
			uint16_t ch = chars[base + k];
			int cx = (int)(k % per_row) * cell_w;
			int cy = (int)(k / per_row) * cell_h;
			int ox = cx - left + 1, oy = cy + asc + 1;
			struct xp_char_info m = { 0 };
			const uint8_t *bits = NULL;
			uint32_t stride = 0;
			bool have = xp_font_glyph_or_default(
					f, ch, &m, &bits, &stride);
			int w = m.right_bearing - m.left_bearing;
			int cell_bad = 0;

			if (have && xp_font_glyph(f, ch, &m, &bits, &stride)) {
				drawn++;
			}
			for (int y = cy; y < cy + cell_h; y++) {
				for (int x = cx; x < cx + cell_w; x++) {
					bool want = false;
					int gx = x - (ox + m.left_bearing);
					int gy = y - (oy - m.ascent);

					if (have && gx >= 0 && gx < w &&
							gy >= 0 &&
							gy < m.ascent + m.descent) {
						want = bits[gy * stride +
								       gx / 8] &
						       (0x80 >> (gx % 8));
					}
					lit += want;
					if (want != ((px[y * PIX_W + x] &
								     0xffffff) !=
								    0)) {
						cell_bad++;
					}
				}
			}
			if (cell_bad > 0 && bad++ < 5) {
				fprintf(stderr,
						"    %s: char 0x%04x: %d "
						"pixels "
						"differ\n",
						name, ch, cell_bad);
			}
		}
		free(img);
	}
	CHECK_EQ(bad, 0);
	CHECK(drawn > 0 && lit > 0);
	xcb_free_gc(xv.c, gc);
	xcb_free_pixmap(xv.c, pix);
	xcb_close_font(xv.c, fid);
	xp_font_unref(f);
}

TEST(glyphs_like_xvfb)
{
	uint16_t all8[256], wide[1024];
	size_t n_wide = 0;
	struct xp_fontdb *db;

	if (!xvfb()) {
		SKIP("no Xvfb");
	}
	db = default_db();
	REQUIRE(db != NULL);
	for (int i = 0; i < 256; i++) {
		all8[i] = (uint16_t)i;
	}
	/* Latin, Greek, Cyrillic, box drawing, symbols, CJK (missing) */
	for (int i = 0; i < 0x200; i++) {
		wide[n_wide++] = (uint16_t)i;
	}
	for (int i = 0x2500; i < 0x2600; i++) {
		wide[n_wide++] = (uint16_t)i;
	}
	wide[n_wide++] = 0x4e00;
	wide[n_wide++] = 0xfffd;
	wide[n_wide++] = 0xffff;
	for (size_t i = 0; i < ARRAY_SIZE(test_fonts); i++) {
		compare_glyphs(db, test_fonts[i], all8, 256, false);
	}
	compare_glyphs(db,
			"-misc-fixed-medium-r-normal--13-120-75-75-c-70-"
			"iso10646-1",
			wide, n_wide, true);
	compare_glyphs(db, "fixed", wide, 300, true);
	xp_fontdb_destroy(db);
}
