/* xproxy/color.c: LookupColor and AllocColor answers against Xvfb's. */
#define HARNESS_MAIN
#include "harness.h"

#include "xproxy/color.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xcb/xcb.h>

#define BAD_NAME 15 /* X11 error code */

/* One Xvfb for the whole binary, started on first use and killed at exit.
 * (The same fixture as tests/unit/keymap.c.) */
struct xvfb {
	bool tried;
	pid_t pid;
	xcb_connection_t *c;
	xcb_colormap_t cmap;
};

static struct xvfb *
xvfb_state(void)
{
	static struct xvfb x;

	return &x;
}

static void
xvfb_stop(void)
{
	struct xvfb *x = xvfb_state();

	if (x->c != NULL) {
		xcb_disconnect(x->c);
		x->c = NULL;
	}
	if (x->pid > 0) {
		kill(x->pid, SIGTERM);
		waitpid(x->pid, NULL, 0);
		x->pid = 0;
	}
}

static bool
display_taken(int n)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/tmp/.X11-unix/X%d", n);
	if (stat(path, &st) == 0) {
		return true;
	}
	snprintf(path, sizeof(path), "/tmp/.X%d-lock", n);
	return stat(path, &st) == 0;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static bool
xvfb_try(struct xvfb *x, int n)
{
	char name[16];
	pid_t pid;

	snprintf(name, sizeof(name), ":%d", n);
	pid = fork();
	if (pid < 0) {
		return false;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execlp("Xvfb", "Xvfb", name, "-screen", "0", "640x480x24",
				"-dpi", "96", "-nolisten", "tcp", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100; i++) {
		int status;

		if (waitpid(pid, &status, WNOHANG) == pid) {
			/* 127: no Xvfb; otherwise the display was taken. */
			x->tried = WIFEXITED(status) &&
				   WEXITSTATUS(status) == 127;
			return false;
		}
		xcb_connection_t *c = xcb_connect(name, NULL);

		if (!xcb_connection_has_error(c)) {
			x->pid = pid;
			x->c = c;
			x->cmap = xcb_setup_roots_iterator(xcb_get_setup(c))
						  .data->default_colormap;
			return true;
		}
		xcb_disconnect(c);
		sleep_ms(50);
	}
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	return false;
}

static struct xvfb *
xvfb_get(void)
{
	struct xvfb *x = xvfb_state();

	if (x->c != NULL) {
		return x;
	}
	if (x->tried) {
		return NULL;
	}
	for (int n = 80; n < 120 && !x->tried; n++) {
		if (!display_taken(n) && xvfb_try(x, n)) {
			atexit(xvfb_stop);
			break;
		}
	}
	x->tried = true;
	return x->c != NULL ? x : NULL;
}

/* Asks Xvfb and the database about one name; both must answer alike. */
static void
compare_name(struct xvfb *x, const struct xp_colordb *db, const char *name)
{
	xcb_generic_error_t *e = NULL;
	xcb_lookup_color_reply_t *r = xcb_lookup_color_reply(x->c,
			xcb_lookup_color(x->c, x->cmap, strlen(name), name),
			&e);
	uint16_t red = 0, green = 0, blue = 0, vr, vg, vb;
	bool found = xp_color_lookup(
			db, name, strlen(name), &red, &green, &blue);

	if (r == NULL) {
		if (found) {
			harness_fail(__FILE__, __LINE__,
					"\"%s\": found, Xvfb error %d", name,
					e != NULL ? e->error_code : -1);
		} else {
			CHECK(e != NULL && e->error_code == BAD_NAME);
		}
		free(e);
		return;
	}
	if (!found) {
		harness_fail(__FILE__, __LINE__, "\"%s\": not found by us",
				name);
	} else if (r->exact_red != red || r->exact_green != green ||
			r->exact_blue != blue) {
		harness_fail(__FILE__, __LINE__,
				"\"%s\": %04x %04x %04x, Xvfb %04x %04x %04x",
				name, red, green, blue, r->exact_red,
				r->exact_green, r->exact_blue);
	}
	xp_color_truecolor_pixel(red, green, blue, &vr, &vg, &vb);
	CHECK_EQ(r->visual_red, vr);
	CHECK_EQ(r->visual_green, vg);
	CHECK_EQ(r->visual_blue, vb);
	free(r);
}

static struct xp_colordb *
open_db(void)
{
	struct stat st;

	if (stat("/usr/share/X11/rgb.txt", &st) != 0) {
		return NULL;
	}
	return xp_colordb_create(NULL);
}

TEST(lookup_basics)
{
	struct xp_colordb *db = open_db();
	uint16_t r = 1, g = 1, b = 1;

	if (db == NULL) {
		SKIP("no /usr/share/X11/rgb.txt (x11-common)");
	}
	REQUIRE(xp_color_lookup(db, "red", 3, &r, &g, &b));
	CHECK_EQ(r, 0xffff);
	CHECK_EQ(g, 0);
	CHECK_EQ(b, 0);
	CHECK(xp_color_lookup(db, "LIGHT BLUE", 10, &r, &g, &b));
	CHECK_EQ(r, 0xadad);
	CHECK_EQ(g, 0xd8d8);
	CHECK_EQ(b, 0xe6e6);
	/* Not NUL-terminated: only len bytes count. */
	CHECK(xp_color_lookup(db, "tanXYZ", 3, &r, &g, &b));
	CHECK_EQ(r, 0xd2d2);
	CHECK(xp_color_lookup(db, "RebeccaPurple", 13, &r, &g, &b));
	CHECK_EQ(g, 0x3333);
	CHECK(!xp_color_lookup(db, "light  blue", 11, &r, &g, &b));
	CHECK(!xp_color_lookup(db, "lightblue ", 10, &r, &g, &b));
	CHECK(!xp_color_lookup(db, "#ff0000", 7, &r, &g, &b));
	CHECK(!xp_color_lookup(db, "rgb:ff/00/00", 12, &r, &g, &b));
	CHECK(!xp_color_lookup(db, "", 0, &r, &g, &b));
	CHECK(!xp_color_lookup(db, "red\0", 4, &r, &g, &b));
	CHECK(!xp_color_lookup(db, "DebianRed", 9, &r, &g, &b));
	xp_colordb_destroy(db);
	xp_colordb_destroy(NULL);
}

TEST(missing_file)
{
	struct xp_colordb *db = xp_colordb_create("/nonexistent/rgb.txt");
	uint16_t r, g, b;

	REQUIRE(db != NULL);
	CHECK(!xp_color_lookup(db, "red", 3, &r, &g, &b));
	CHECK(xp_color_lookup(db, "teal", 4, &r, &g, &b));
	xp_colordb_destroy(db);
}

TEST(truecolor_arithmetic)
{
	static const struct {
		uint16_t in, out;
	} t[] = {
		{ 0, 0 },
		{ 0x00ff, 0 },
		{ 0x0100, 0x0101 },
		{ 0x7fff, 0x7f7f },
		{ 0x8000, 0x8080 },
		{ 0x80ff, 0x8080 },
		{ 0xfeff, 0xfefe },
		{ 0xff00, 0xffff },
		{ 0xffff, 0xffff },
	};
	uint16_t r, g, b;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t px = xp_color_truecolor_pixel(
				t[i].in, 0, 0xffff, &r, &g, &b);

		CHECK_EQ(r, t[i].out);
		CHECK_EQ(g, 0);
		CHECK_EQ(b, 0xffff);
		CHECK_EQ(px, (uint32_t)(t[i].out >> 8) << 16 | 0xff);
	}
	CHECK_EQ(xp_color_truecolor_pixel(0x1234, 0xedcb, 0x7f6c, &r, &g, &b),
			0x12ed7f);
}

/* Every name of the file, as written, lower-cased, upper-cased and
 * without its spaces. */
TEST(xvfb_rgb_txt)
{
	struct xp_colordb *db = open_db();
	struct xvfb *x;
	char line[256];
	FILE *f;

	if (db == NULL) {
		SKIP("no /usr/share/X11/rgb.txt (x11-common)");
	}
	if ((x = xvfb_get()) == NULL) {
		xp_colordb_destroy(db);
		SKIP("Xvfb not available");
	}
	f = fopen("/usr/share/X11/rgb.txt", "r");
	REQUIRE(f != NULL);
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned r, g, b;
		int off = 0;
		char name[256], variant[256];
		size_t len, j = 0;

		if (sscanf(line, " %u %u %u %n", &r, &g, &b, &off) != 3) {
			continue;
		}
		snprintf(name, sizeof(name), "%s", line + off);
		len = strcspn(name, "\r\n");
		name[len] = '\0';
		compare_name(x, db, name);
		for (size_t i = 0; i <= len; i++) {
			variant[i] = (char)(name[i] >= 'A' && name[i] <= 'Z'
							    ? name[i] + 32
							    : name[i]);
		}
		compare_name(x, db, variant);
		for (size_t i = 0; i <= len; i++) {
			variant[i] = (char)(name[i] >= 'a' && name[i] <= 'z'
							    ? name[i] - 32
							    : name[i]);
		}
		compare_name(x, db, variant);
		for (size_t i = 0; i <= len; i++) {
			if (name[i] != ' ') {
				variant[j++] = name[i];
			}
		}
		compare_name(x, db, variant);
	}
	fclose(f);
	xp_colordb_destroy(db);
}

/* CSS names (some only in newer rgb.txt files), numeric forms the server
 * does not parse, and near misses. */
TEST(xvfb_other_names)
{
	static const char *const names[] = { "aqua", "Crimson", "fuchsia",
		"indigo", "lime", "olive", "silver", "teal", "RebeccaPurple",
		"rebecca purple", "WebGray", "web grey", "X11Gray", "x11 grey",
		"WebGreen", "X11Maroon", "web purple", "x11 purple",
		"aliceblue", "cornflowerblue", "darkgrey", "darkslategrey",
		"lightgoldenrod", "lightgoldenrodyellow", "mediumvioletred",
		"papayawhip", "rosybrown", "yellowgreen", "Gray100", "grey0",
		"gray101", "DebianRed", "#ff0000", "#f00", "#fff000fff",
		"#ffff0000ffff", "rgb:ff/00/00", "rgbi:1/0/0",
		"CIEXYZ:0.3/0.3/0.3", "nosuch", "red ", " red", "r ed",
		"light  blue", "light\tblue", "x", "", "VioletRed1",
		"violet red1", "navajo white", "NavajoWhite4" };
	struct xp_colordb *db = open_db();
	struct xvfb *x;

	if (db == NULL) {
		SKIP("no /usr/share/X11/rgb.txt (x11-common)");
	}
	if ((x = xvfb_get()) == NULL) {
		xp_colordb_destroy(db);
		SKIP("Xvfb not available");
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		compare_name(x, db, names[i]);
	}
	xp_colordb_destroy(db);
}

static void
compare_alloc(struct xvfb *x, uint16_t r, uint16_t g, uint16_t b)
{
	xcb_alloc_color_reply_t *a = xcb_alloc_color_reply(
			x->c, xcb_alloc_color(x->c, x->cmap, r, g, b), NULL);
	uint16_t er, eg, eb;
	uint32_t px = xp_color_truecolor_pixel(r, g, b, &er, &eg, &eb);

	if (a == NULL) {
		harness_fail(__FILE__, __LINE__, "AllocColor failed");
		return;
	}
	if (a->pixel != px || a->red != er || a->green != eg || a->blue != eb) {
		harness_fail(__FILE__, __LINE__,
				"%04x %04x %04x: %06x %04x %04x %04x, "
				"Xvfb %06x %04x %04x %04x",
				r, g, b, px, er, eg, eb, a->pixel, a->red,
				a->green, a->blue);
	}
	free(a);
}

TEST(xvfb_alloc_color)
{
	static const uint16_t v[] = { 0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
		0x8000, 0x807f, 0x8080, 0x80ff, 0x8100, 0xfeff, 0xff00, 0xff7f,
		0xff80, 0xfffe, 0xffff };
	struct xvfb *x = xvfb_get();
	uint32_t seed = 12345;

	if (x == NULL) {
		SKIP("Xvfb not available");
	}
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		compare_alloc(x, v[i], v[(i + 5) % (sizeof(v) / sizeof(v[0]))],
				v[(i + 11) % (sizeof(v) / sizeof(v[0]))]);
	}
	printf("    xvfb_alloc_color seed %u\n", seed);
	for (int i = 0; i < 500; i++) {
		uint16_t c[3];

		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			c[k] = (uint16_t)(seed >> 16);
		}
		compare_alloc(x, c[0], c[1], c[2]);
	}
}
