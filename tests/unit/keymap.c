/* xproxy/keymap.c: the core map against Xvfb's, and keysym lookups checked
 * both by the core columns and by xkbcommon's own reading of the keymap. */
#define HARNESS_MAIN
#include "harness.h"

#include "xproxy/keymap.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <xcb/xcb.h>
#include <xkbcommon/xkbcommon.h>

#define SHIFT (1u << 0)
#define NUMLOCK (1u << 4) /* Mod2 in xkb-data */
#define MOD5 (1u << 7)

/* One Xvfb for the whole binary, started on first use and killed at exit. */
struct xvfb {
	bool tried;
	pid_t pid;
	int display;
	xcb_connection_t *c; /* held open: the server resets its keymap when
				the last client leaves */
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
			x->display = n;
			x->c = c;
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

/* 0: done; 1: no setxkbmap; -1: it failed. */
static int
xvfb_set_layout(struct xvfb *x, const char *layout)
{
	char cmd[256];
	int rc;

	snprintf(cmd, sizeof(cmd),
			"setxkbmap -display :%d -rules evdev -model pc105 "
			"-layout '%s' -variant '' >/dev/null 2>&1",
			x->display, layout);
	rc = system(cmd);
	if (rc == -1 || !WIFEXITED(rc)) {
		return -1;
	}
	return WEXITSTATUS(rc) == 127 ? 1 : WEXITSTATUS(rc) == 0 ? 0 : -1;
}

static void
compare_row(const char *layout, unsigned kc, const uint32_t *mine,
		const xcb_keysym_t *want, unsigned per, int *bad)
{
	for (unsigned i = 0; i < per && mine != NULL; i++) {
		if (mine[i] != want[i] && (*bad)++ < 10) {
			harness_fail(__FILE__, __LINE__,
					"%s: keycode %u col %u: 0x%x, Xvfb "
					"0x%x",
					layout, kc, i, (unsigned)mine[i],
					(unsigned)want[i]);
		}
	}
}

static void
compare_with_xvfb(const char *layout)
{
	struct xvfb *x = xvfb_get();
	struct xp_keymap *km;
	int rc, bad = 0;

	if (x == NULL) {
		SKIP("Xvfb not available");
	}
	rc = xvfb_set_layout(x, layout);
	if (rc == 1) {
		SKIP("setxkbmap not installed (x11-xkb-utils)");
	}
	REQUIRE(rc == 0);
	km = xp_keymap_create(layout, NULL);
	REQUIRE(km != NULL);

	const xcb_setup_t *setup = xcb_get_setup(x->c);
	CHECK_EQ(xp_keymap_min_keycode(km), setup->min_keycode);
	CHECK_EQ(xp_keymap_max_keycode(km), setup->max_keycode);

	unsigned min = setup->min_keycode;
	unsigned count = setup->max_keycode - min + 1;
	xcb_get_keyboard_mapping_reply_t *kr = xcb_get_keyboard_mapping_reply(
			x->c, xcb_get_keyboard_mapping(x->c, min, count), NULL);
	REQUIRE(kr != NULL);
	const xcb_keysym_t *ks = xcb_get_keyboard_mapping_keysyms(kr);
	unsigned per = kr->keysyms_per_keycode;

	CHECK_EQ(xp_keymap_keysyms_per_keycode(km), per);
	for (unsigned kc = min; kc < min + count &&
				xp_keymap_keysyms_per_keycode(km) == per;
			kc++) {
		compare_row(layout, kc, xp_keymap_keysyms(km, kc),
				&ks[(kc - min) * per], per, &bad);
	}
	free(kr);

	xcb_get_modifier_mapping_reply_t *mr = xcb_get_modifier_mapping_reply(
			x->c, xcb_get_modifier_mapping(x->c), NULL);
	REQUIRE(mr != NULL);
	unsigned mper = mr->keycodes_per_modifier;

	CHECK_EQ(xp_keymap_keycodes_per_modifier(km), mper);
	if (xp_keymap_keycodes_per_modifier(km) == mper) {
		const uint8_t *want = xcb_get_modifier_mapping_keycodes(mr);
		const uint8_t *mine = xp_keymap_modifier_map(km);

		for (unsigned i = 0; i < 8 * mper; i++) {
			CHECK_EQ(mine[i], want[i]);
		}
	}
	free(mr);
	xp_keymap_destroy(km);
	/* Leave Xvfb as it started, for the next test. */
	xvfb_set_layout(x, "us");
}

TEST(xvfb_us)
{
	compare_with_xvfb("us");
}

TEST(xvfb_de)
{
	compare_with_xvfb("de");
}

TEST(xvfb_fr)
{
	compare_with_xvfb("fr");
}

TEST(xvfb_ru)
{
	compare_with_xvfb("ru");
}

/* Multi-group keymaps repeat one-group keys into every group. */
TEST(xvfb_us_ru)
{
	compare_with_xvfb("us,ru");
}

TEST(xvfb_us_de_fr)
{
	compare_with_xvfb("us,de,fr");
}

TEST(create_defaults)
{
	struct xp_keymap *km = xp_keymap_create(NULL, NULL);

	REQUIRE(km != NULL);
	CHECK_EQ(xp_keymap_min_keycode(km), 8);
	CHECK_EQ(xp_keymap_max_keycode(km), 255);
	CHECK_EQ(xp_keymap_keysyms_per_keycode(km), 7);
	CHECK(xp_keymap_xkb(km) != NULL);
	CHECK(xp_keymap_keysyms(km, 7) == NULL);
	CHECK_EQ(xp_keymap_keysyms(km, 38)[0], 0x61);
	CHECK_EQ(xp_keymap_keysyms(km, 38)[1], 0x41);
	xp_keymap_destroy(km);
	xp_keymap_destroy(NULL);
}

TEST(create_unknown_layout)
{
	CHECK(xp_keymap_create("nosuchlayout", NULL) == NULL);
	CHECK(xp_keymap_create("us", "nosuchvariant") == NULL);
	struct xp_keymap *km = xp_keymap_create("de", "nodeadkeys");

	CHECK(km != NULL);
	xp_keymap_destroy(km);
}

/* Looks keysym up and, unless it had to bind a spare keycode, checks that both
 * readings of the result give it: the core columns (0/1, 4/5 under the
 * ISO_Level3_Shift modifier) and, for keys the XKB map knows, xkbcommon
 * pressing the modifier keys, then the key. */
/* How clients read the keymap: the XKB way (levels 3-4 in columns 4-5 under
 * Mod5) or by the core rules (Mod5 is Mode_switch: group 2, columns 2-3). */
static bool reading_xkb = true;

static void
lookup(struct xp_keymap *km, uint32_t keysym, uint32_t expect, int want_kc,
		uint16_t want_mods, bool bind)
{
	uint8_t kc = 0;
	uint16_t mods = 0xffff;
	bool changed = false;

	if (!xp_keymap_lookup_keysym(km, keysym, &kc, &mods, &changed)) {
		harness_fail(__FILE__, __LINE__, "no key for 0x%x",
				(unsigned)keysym);
		return;
	}
	CHECK_EQ(changed, bind);
	if (changed) {
		/* A spare keycode: the XKB map does not know it. */
		CHECK_EQ(mods, 0);
		CHECK_EQ(xp_keymap_keysyms(km, kc)[0], expect);
		return;
	}
	if (want_kc >= 0) {
		CHECK_EQ(kc, want_kc);
		CHECK_EQ(mods, want_mods);
	}
	unsigned col = ((mods & MOD5) ? (reading_xkb ? 4 : 2) : 0) +
		       ((mods & SHIFT) ? 1 : 0);

	/* NumLock picks a keypad key's second column (core rules). */
	if ((mods & NUMLOCK) && col == 0) {
		col = 1;
	}
	const uint32_t *row = xp_keymap_keysyms(km, kc);

	REQUIRE(row != NULL);
	if (row[col] != expect) {
		harness_fail(__FILE__, __LINE__,
				"0x%x: keycode %u mods 0x%x gives 0x%x in the "
				"core map",
				(unsigned)keysym, kc, mods, (unsigned)row[col]);
	}

	if (!reading_xkb && col >= 2) {
		return; /* group 2: XKB would read Mod5 as level 3 */
	}
	struct xkb_state *st = xkb_state_new(xp_keymap_xkb(km));

	REQUIRE(st != NULL);
	for (unsigned bit = 0; bit < 8; bit++) {
		if (mods & (1u << bit)) {
			uint8_t mk = xp_keymap_modifier_keycode(km, 1u << bit);

			CHECK(mk != 0);
			xkb_state_update_key(st, mk, XKB_KEY_DOWN);
		}
	}
	xkb_keysym_t got = xkb_state_key_get_one_sym(st, kc);

	if (got != expect) {
		harness_fail(__FILE__, __LINE__,
				"0x%x: keycode %u mods 0x%x gives 0x%x by XKB",
				(unsigned)keysym, kc, mods, (unsigned)got);
	}
	xkb_state_unref(st);
}

static void
check_lookup(struct xp_keymap *km, uint32_t keysym, uint32_t expect,
		int want_kc, uint16_t want_mods)
{
	lookup(km, keysym, expect, want_kc, want_mods, false);
}

/* A keymap whose clients read levels 3-4 the XKB way (XKEYBOARD). */
static struct xp_keymap *
create_xkb(const char *layout)
{
	struct xp_keymap *km = xp_keymap_create(layout, NULL);

	if (km != NULL) {
		xp_keymap_set_xkb_levels(km, true);
	}
	return km;
}

TEST(lookup_us)
{
	struct xp_keymap *km = create_xkb("us");

	REQUIRE(km != NULL);
	check_lookup(km, 'a', 'a', 38, 0);
	check_lookup(km, 'A', 'A', 38, SHIFT);
	check_lookup(km, '@', '@', 11, SHIFT);
	check_lookup(km, '|', '|', 51, SHIFT);
	check_lookup(km, ' ', ' ', 65, 0);
	check_lookup(km, 0xff0d, 0xff0d, 36, 0);       /* Return */
	check_lookup(km, 0xffe1, 0xffe1, 50, 0);       /* Shift_L */
	check_lookup(km, 0xffb1, 0xffb1, 87, NUMLOCK); /* KP_1 */
	check_lookup(km, 0xff9c, 0xff9c, 87, 0);       /* KP_End */
	check_lookup(km, 0x1000061, 'a', 38, 0);       /* U+0061 */
	CHECK_EQ(xp_keymap_modifier_keycode(km, SHIFT), 50);
	CHECK_EQ(xp_keymap_modifier_keycode(km, 1u << 2), 37); /* Control */
	CHECK_EQ(xp_keymap_modifier_keycode(km, 1u << 3), 64); /* Mod1 */
	CHECK_EQ(xp_keymap_modifier_keycode(km, MOD5), 92);    /* Level3 */
	CHECK_EQ(xp_keymap_modifier_keycode(km, 1u << 5), 0);  /* Mod3 */
	CHECK_EQ(xp_keymap_modifier_keycode(km, SHIFT | MOD5), 0);
	xp_keymap_destroy(km);
}

TEST(lookup_de)
{
	struct xp_keymap *km = create_xkb("de");

	REQUIRE(km != NULL);
	check_lookup(km, '@', '@', 24, MOD5);       /* AltGr+q */
	check_lookup(km, 0xdf, 0xdf, 20, 0);        /* ssharp */
	check_lookup(km, 0xfc, 0xfc, 34, 0);        /* udiaeresis */
	check_lookup(km, 0x10000fc, 0xfc, 34, 0);   /* U+00FC */
	check_lookup(km, 0xdc, 0xdc, 34, SHIFT);    /* Udiaeresis */
	check_lookup(km, 0x20ac, 0x20ac, 26, MOD5); /* EuroSign: AltGr+e */
	check_lookup(km, 0x10020ac, 0x20ac, 26, MOD5);
	check_lookup(km, 'z', 'z', 29, 0);
	check_lookup(km, '|', '|', 94, MOD5);           /* AltGr+< */
	check_lookup(km, 0xba, 0xba, 58, MOD5 | SHIFT); /* masculine */
	xp_keymap_destroy(km);
}

TEST(lookup_fr)
{
	struct xp_keymap *km = create_xkb("fr");

	REQUIRE(km != NULL);
	check_lookup(km, 0xe9, 0xe9, 11, 0);      /* eacute */
	check_lookup(km, 0x10000e9, 0xe9, 11, 0); /* U+00E9 */
	check_lookup(km, 'a', 'a', 24, 0);
	check_lookup(km, '1', '1', 10, SHIFT);
	check_lookup(km, 0x20ac, 0x20ac, -1, 0);
	check_lookup(km, '@', '@', -1, 0);
	xp_keymap_destroy(km);
}

TEST(lookup_ru)
{
	struct xp_keymap *km = create_xkb("ru");

	REQUIRE(km != NULL);
	check_lookup(km, 0x6c6, 0x6c6, 38, 0);     /* Cyrillic_ef */
	check_lookup(km, 0x6e6, 0x6e6, 38, SHIFT); /* Cyrillic_EF */
	check_lookup(km, 0x1000444, 0x6c6, 38, 0); /* U+0444 ф */
	check_lookup(km, 0x1000430, 0x6c1, -1, 0); /* U+0430 а */
	xp_keymap_destroy(km);
}

static unsigned
count_empty_rows(const struct xp_keymap *km)
{
	unsigned n = 0;

	for (unsigned kc = xp_keymap_min_keycode(km);
			kc <= xp_keymap_max_keycode(km); kc++) {
		const uint32_t *r = xp_keymap_keysyms(km, kc);
		bool empty = true;

		for (unsigned i = 0; i < xp_keymap_keysyms_per_keycode(km);
				i++) {
			empty = empty && r[i] == 0;
		}
		n += empty;
	}
	return n;
}

TEST(lookup_binds_spare)
{
	struct xp_keymap *km = xp_keymap_create("us", NULL);
	uint8_t kc = 0, kc2 = 0, first;
	uint16_t mods = 0xffff;
	bool changed = false;
	unsigned spares;

	REQUIRE(km != NULL);
	spares = count_empty_rows(km);
	REQUIRE(spares > 2);
	/* U+4E2D: no legacy keysym, on no key. */
	REQUIRE(xp_keymap_lookup_keysym(km, 0x1004e2d, &kc, &mods, &changed));
	CHECK(changed);
	CHECK_EQ(mods, 0);
	CHECK_EQ(xp_keymap_keysyms(km, kc)[0], 0x1004e2d);
	CHECK_EQ(xp_keymap_keysyms(km, kc)[1], 0x1004e2d);
	CHECK_EQ(count_empty_rows(km), spares - 1);
	first = kc;

	/* Bound now: found again without a change. */
	changed = false;
	REQUIRE(xp_keymap_lookup_keysym(km, 0x1004e2d, &kc2, &mods, &changed));
	CHECK(!changed);
	CHECK_EQ(kc2, first);

	/* Fill every spare; then the least recently used one is reused. */
	uint8_t second = 0;

	for (unsigned i = 1; i < spares; i++) {
		changed = false;
		REQUIRE(xp_keymap_lookup_keysym(
				km, 0x1005000 + i, &kc, &mods, &changed));
		CHECK(changed);
		if (i == 1) {
			second = kc;
		}
	}
	CHECK_EQ(count_empty_rows(km), 0);
	/* Touch the first so that the second is the oldest. */
	REQUIRE(xp_keymap_lookup_keysym(km, 0x1004e2d, &kc, &mods, &changed));
	CHECK_EQ(kc, first);
	changed = false;
	REQUIRE(xp_keymap_lookup_keysym(km, 0x1006000, &kc, &mods, &changed));
	CHECK(changed);
	CHECK_EQ(kc, second);
	CHECK_EQ(xp_keymap_keysyms(km, kc)[0], 0x1006000);
	/* Keys of the layout are never taken. */
	check_lookup(km, 'a', 'a', 38, 0);

	CHECK(!xp_keymap_lookup_keysym(km, 0, &kc, &mods, &changed));
	CHECK(!xp_keymap_lookup_keysym(km, 0xffffff, &kc, &mods, &changed));
	xp_keymap_destroy(km);
}

/* Unreachable levels (column 6 and up) are no better than nothing. */
TEST(lookup_level5_binds_spare)
{
	struct xp_keymap *km = create_xkb("de");
	uint8_t kc = 0;
	uint16_t mods = 0;
	bool changed = false;

	REQUIRE(km != NULL);
	/* U+1E9E is level 5 of <AE11> but also level 4 of <AC02>. */
	CHECK_EQ(xp_keymap_keysyms(km, 20)[6], 0x1001e9e);
	check_lookup(km, 0x1001e9e, 0x1001e9e, 39, MOD5 | SHIFT);
	/* XF86Switch_VT_1 is only level 5 of F1. */
	CHECK_EQ(xp_keymap_keysyms(km, 67)[6], 0x1008fe01);
	REQUIRE(xp_keymap_lookup_keysym(km, 0x1008fe01, &kc, &mods, &changed));
	CHECK(changed);
	CHECK(kc != 67);
	CHECK_EQ(mods, 0);
	xp_keymap_destroy(km);
}

TEST(change_mapping)
{
	struct xp_keymap *km = xp_keymap_create("us", NULL);
	uint32_t two[2 * 2] = { 'x', 'X', 0x1004e00, 0x1004e01 };
	uint32_t wide[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	uint8_t kc = 0;
	uint16_t mods = 0;
	bool changed = false;

	REQUIRE(km != NULL);
	REQUIRE(xp_keymap_change(km, 38, 2, 2, two));
	CHECK_EQ(xp_keymap_keysyms_per_keycode(km), 7);
	CHECK_EQ(xp_keymap_keysyms(km, 38)[0], 'x');
	CHECK_EQ(xp_keymap_keysyms(km, 38)[1], 'X');
	/* group 1 repeated as group 2, as Xvfb reads it back */
	CHECK_EQ(xp_keymap_keysyms(km, 38)[2], 'x');
	CHECK_EQ(xp_keymap_keysyms(km, 38)[3], 'X');
	CHECK_EQ(xp_keymap_keysyms(km, 38)[4], 0);
	CHECK_EQ(xp_keymap_keysyms(km, 39)[1], 0x1004e01);
	CHECK_EQ(xp_keymap_keysyms(km, 40)[0], 'd');
	REQUIRE(xp_keymap_lookup_keysym(km, 0x1004e01, &kc, &mods, &changed));
	CHECK(!changed);
	CHECK_EQ(kc, 39);
	CHECK_EQ(mods, SHIFT);

	REQUIRE(xp_keymap_change(km, 8, 1, 9, wide));
	CHECK_EQ(xp_keymap_keysyms_per_keycode(km), 9);
	CHECK_EQ(xp_keymap_keysyms(km, 8)[8], 9);
	CHECK_EQ(xp_keymap_keysyms(km, 38)[0], 'x');
	CHECK_EQ(xp_keymap_keysyms(km, 38)[8], 0);
	CHECK_EQ(xp_keymap_keysyms(km, 67)[6], 0x1008fe01);

	/* a lone letter gets both cases; a lone digit stays alone */
	uint32_t one[2] = { 'q', '1' };
	REQUIRE(xp_keymap_change(km, 40, 2, 1, one));
	CHECK_EQ(xp_keymap_keysyms(km, 40)[1], 'Q');
	CHECK_EQ(xp_keymap_keysyms(km, 40)[3], 'Q');
	CHECK_EQ(xp_keymap_keysyms(km, 41)[1], 0);
	CHECK_EQ(xp_keymap_keysyms(km, 41)[2], '1');

	CHECK(!xp_keymap_change(km, 7, 1, 2, two));
	CHECK(!xp_keymap_change(km, 255, 2, 2, two));
	xp_keymap_destroy(km);
}

TEST(modifier_map_set)
{
	struct xp_keymap *km = xp_keymap_create("us", NULL);
	uint8_t map[8 * 2] = { 62, 0, 66, 0, 37, 0, 64, 0, 77, 0, 0, 0, 133, 0,
		108, 0 };

	REQUIRE(km != NULL);
	CHECK_EQ(xp_keymap_keycodes_per_modifier(km), 4);
	REQUIRE(xp_keymap_set_modifier_map(km, 2, map));
	CHECK_EQ(xp_keymap_keycodes_per_modifier(km), 2);
	CHECK(memcmp(xp_keymap_modifier_map(km), map, sizeof(map)) == 0);
	CHECK_EQ(xp_keymap_modifier_keycode(km, SHIFT), 62);
	CHECK_EQ(xp_keymap_modifier_keycode(km, MOD5), 108);
	REQUIRE(xp_keymap_set_modifier_map(km, 0, NULL));
	CHECK_EQ(xp_keymap_keycodes_per_modifier(km), 0);
	CHECK_EQ(xp_keymap_modifier_keycode(km, SHIFT), 0);
	xp_keymap_destroy(km);
}

/* Every keysym in a reachable column of the map: the lookup's answer must
 * give it by both readings (core columns and xkbcommon). Sys_Req and Break
 * are Shift+Print and Shift+Pause to the core rules but Alt+Print and
 * Control+Pause to XKB, so they get spare keycodes. */
static void
lookup_all(const char *layout, bool xkb)
{
	/* without XKB, levels 3-4 are not read: only group 1 is looked up */
	static const unsigned cols[] = { 0, 1, 4, 5 };
	size_t ncols = xkb ? 4 : 2;
	struct xp_keymap *km = xkb ? create_xkb(layout)
				   : xp_keymap_create(layout, NULL);

	reading_xkb = xkb;
	uint32_t syms[248 * 4];
	size_t n = 0;

	REQUIRE(km != NULL);
	/* Collected first: bound spares add rows of their own. */
	for (unsigned kc = 8; kc <= 255; kc++) {
		for (size_t c = 0; c < ncols; c++) {
			syms[n++] = xp_keymap_keysyms(km, kc)[cols[c]];
		}
	}
	for (size_t i = 0; i < n; i++) {
		bool sysreq_break = syms[i] == 0xff15 || syms[i] == 0xff6b;
		bool bound = false;

		/* Each is bound once, then found. */
		for (size_t j = 0; j < i && sysreq_break; j++) {
			bound = bound || syms[j] == syms[i];
		}
		/* by the core rules they are group 2's second column */
		if (syms[i] != 0) {
			lookup(km, syms[i], syms[i], -1, 0,
					xkb && sysreq_break && !bound);
		}
	}
	reading_xkb = true;
	xp_keymap_destroy(km);
}

TEST(lookup_every_keysym)
{
	lookup_all("us", true);
	lookup_all("de", true);
	lookup_all("fr", true);
	lookup_all("ru", true);
}

TEST(lookup_every_keysym_core)
{
	lookup_all("us", false);
	lookup_all("de", false);
	lookup_all("fr", false);
	lookup_all("ru", false);
}

/* Without XKEYBOARD, Xlib reads the core map by the protocol's rules, where
 * Mod5 (Mode_switch) picks group 2, a copy of group 1 in xkb-data: AltGr
 * cannot give '@', so level 3 keysyms get spare keycodes (as xdotool does
 * on Xvfb), and keys of their own stay where they are. */
TEST(lookup_de_core)
{
	struct xp_keymap *km = xp_keymap_create("de", NULL);

	REQUIRE(km != NULL);
	lookup(km, '@', '@', -1, 0, true);
	lookup(km, 0x20ac, 0x20ac, -1, 0, true); /* EuroSign */
	lookup(km, '|', '|', -1, 0, true);
	check_lookup(km, 0xfc, 0xfc, 34, 0);     /* udiaeresis */
	check_lookup(km, 0xdc, 0xdc, 34, SHIFT); /* Udiaeresis */
	check_lookup(km, 0xdf, 0xdf, 20, 0);     /* ssharp */
	check_lookup(km, 'Q', 'Q', 24, SHIFT);
	/* bound once, then found without a change */
	uint8_t kc = 0;
	uint16_t mods = 0xffff;
	bool changed = false;
	REQUIRE(xp_keymap_lookup_keysym(km, '@', &kc, &mods, &changed));
	CHECK(!changed);
	CHECK_EQ(mods, 0);
	CHECK_EQ(xp_keymap_keysyms(km, kc)[0], '@');
	xp_keymap_destroy(km);
}
