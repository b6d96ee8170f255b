#include "xproxy/keymap.h"

#include "xproxy/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xkbcommon/xkbcommon.h>

/* Core modifier bits (X11 protocol, SETofKEYMASK); no X headers here. */
#define SHIFT_MASK (1u << 0)
#define N_MODS 8

#define KS_MODE_SWITCH 0xff7eu
#define KS_ISO_LEVEL3_SHIFT 0xfe03u
#define KS_NUM_LOCK 0xff7fu
#define KS_KP_FIRST 0xff80u /* KP_Space */
#define KS_KP_LAST 0xffbdu  /* KP_Equal */
#define KS_VOID 0xffffffu
#define KS_UNICODE_BASE 0x1000000u

enum spare_state {
	SPARE_NO,    /* has symbols, or a client gave it some */
	SPARE_FREE,  /* had no symbols, not bound yet */
	SPARE_BOUND, /* we bound a viewer's keysym to it */
};

struct xp_keymap {
	struct xkb_context *ctx;
	struct xkb_keymap *xkb;
	struct xkb_state *probe; /* scratch state for xkb_agrees() */
	uint8_t min, max;
	uint8_t per;        /* keysyms per keycode */
	uint32_t *syms;     /* (max - min + 1) * per */
	uint8_t mod_per;    /* keycodes per modifier */
	uint8_t *modmap;    /* N_MODS * mod_per, may be NULL if 0 */
	bool derived[256];  /* row still as derived from xkb */
	uint8_t spare[256]; /* enum spare_state */
	uint64_t used[256]; /* LRU stamps of bound spares */
	uint64_t clock;
	bool xkb_levels; /* see xp_keymap_set_xkb_levels() */
};

static void
xkb_log(struct xkb_context *ctx, enum xkb_log_level level, const char *fmt,
		va_list args)
{
	char buf[512];
	size_t n;

	vsnprintf(buf, sizeof(buf), fmt, args);
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n') {
		buf[n - 1] = '\0';
	}
	xp_log(level <= XKB_LOG_LEVEL_ERROR ? XP_LOG_WARN : XP_LOG_DEBUG,
			"xkbcommon: %s", buf);
}

static uint32_t *
row(const struct xp_keymap *km, unsigned kc)
{
	return &km->syms[(size_t)(kc - km->min) * km->per];
}

static xkb_keysym_t
xkb_sym(struct xkb_keymap *xkb, xkb_keycode_t kc, xkb_layout_index_t g,
		xkb_level_index_t l)
{
	const xkb_keysym_t *s;

	if (l >= xkb_keymap_num_levels_for_key(xkb, kc, g)) {
		return 0;
	}
	/* The core map holds one keysym per level; xkbcomp keeps the first of
	 * a multi-keysym level likewise. */
	return xkb_keymap_key_get_syms_by_level(xkb, kc, g, l, &s) > 0 ? s[0]
								       : 0;
}

static unsigned
max2(unsigned a)
{
	return a < 2 ? 2 : a;
}

/* How Xvfb lays out a key's core row, measured against it for one to four
 * layouts: group 1 levels 1-2, group 2 levels 1-2, group 1 levels 3..,
 * group 2 levels 3.., then groups 3 and 4 whole, groups 1 and 2 taking at
 * least two columns each. A one-group key is repeated into every group of
 * the keymap (at least two); keys with more groups are not. */
static xkb_layout_index_t
row_groups(struct xkb_keymap *xkb, xkb_keycode_t kc)
{
	xkb_layout_index_t n = xkb_keymap_num_layouts_for_key(xkb, kc);
	xkb_layout_index_t all = xkb_keymap_num_layouts(xkb);

	if (n != 1) {
		return n;
	}
	return all < 2 ? 2 : all;
}

static xkb_layout_index_t
row_source(struct xkb_keymap *xkb, xkb_keycode_t kc, xkb_layout_index_t g)
{
	return xkb_keymap_num_layouts_for_key(xkb, kc) == 1 ? 0 : g;
}

/* Fills out[0..per) with the key's row and returns its full length. */
static unsigned
derive_row(struct xkb_keymap *xkb, xkb_keycode_t kc, uint32_t *out,
		unsigned per)
{
	xkb_layout_index_t n = row_groups(xkb, kc);
	unsigned col = 0;

#define PUT(sym)                                                               \
	do {                                                                   \
		if (col < per) {                                               \
			out[col] = (sym);                                      \
		}                                                              \
		col++;                                                         \
	} while (0)

	for (unsigned i = 0; i < per; i++) {
		out[i] = 0;
	}
	if (n == 0) {
		return 0;
	}
	for (xkb_layout_index_t g = 0; g < 2; g++) {
		PUT(xkb_sym(xkb, kc, row_source(xkb, kc, g), 0));
		PUT(xkb_sym(xkb, kc, row_source(xkb, kc, g), 1));
	}
	for (xkb_layout_index_t g = 0; g < n; g++) {
		xkb_layout_index_t src = row_source(xkb, kc, g);
		unsigned w = xkb_keymap_num_levels_for_key(xkb, kc, src);

		for (unsigned l = g < 2 ? 2 : 0; l < w; l++) {
			PUT(xkb_sym(xkb, kc, src, l));
		}
	}
#undef PUT
	return col;
}

/* Columns the key adds to keysyms_per_keycode. With a one-group keymap,
 * Xvfb counts the group 2 copy as two columns, and the copy's further
 * levels (which derive_row() still writes) fall off the end unless another
 * key made the map wider. */
static unsigned
core_width(struct xkb_keymap *xkb, xkb_keycode_t kc)
{
	if (xkb_keymap_num_layouts_for_key(xkb, kc) == 0) {
		return 0;
	}
	if (xkb_keymap_num_layouts(xkb) == 1) {
		return 2 + max2(xkb_keymap_num_levels_for_key(xkb, kc, 0));
	}
	return derive_row(xkb, kc, NULL, 0);
}

static bool
build_core_map(struct xp_keymap *km)
{
	unsigned per = 1;

	for (unsigned kc = km->min; kc <= km->max; kc++) {
		unsigned w = core_width(km->xkb, kc);

		per = w > per ? w : per;
	}
	/* The core map's width is a CARD8. */
	km->per = per > 255 ? 255 : per;
	km->syms = calloc((size_t)(km->max - km->min + 1) * km->per,
			sizeof(*km->syms));
	if (km->syms == NULL) {
		return false;
	}
	for (unsigned kc = km->min; kc <= km->max; kc++) {
		derive_row(km->xkb, kc, row(km, kc), km->per);
	}
	return true;
}

static int
mod_index(const char *name, size_t len)
{
	static const char *const names[N_MODS] = { "Shift", "Lock", "Control",
		"Mod1", "Mod2", "Mod3", "Mod4", "Mod5" };

	for (int i = 0; i < N_MODS; i++) {
		if (strlen(names[i]) == len &&
				strncasecmp(names[i], name, len) == 0) {
			return i;
		}
	}
	return -1;
}

/* Parses the "modifier_map Mod { <KEY>, ... };" statements of the keymap's
 * text form into a per-modifier keycode set: xkbcommon keeps the modmap
 * (which the core modifier map is) but has no API to read it. */
static void
parse_modmap(struct xkb_keymap *xkb, const char *text, uint8_t set[N_MODS][256])
{
	static const char kw[] = "modifier_map";
	const char *p = text;

	while ((p = strstr(p, kw)) != NULL) {
		const char *name, *end;
		int mod;

		p += sizeof(kw) - 1;
		while (*p == ' ' || *p == '\t') {
			p++;
		}
		name = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '{') {
			p++;
		}
		mod = mod_index(name, (size_t)(p - name));
		if ((p = strchr(p, '{')) == NULL) {
			return;
		}
		if ((end = strchr(p, '}')) == NULL) {
			return;
		}
		while (mod >= 0 && (p = memchr(p, '<', (size_t)(end - p)))) {
			const char *close = memchr(p, '>', (size_t)(end - p));
			char key[64];
			xkb_keycode_t kc;

			if (close == NULL) {
				break;
			}
			if ((size_t)(close - p - 1) < sizeof(key)) {
				memcpy(key, p + 1, (size_t)(close - p - 1));
				key[close - p - 1] = '\0';
				kc = xkb_keymap_key_by_name(xkb, key);
				if (kc != XKB_KEYCODE_INVALID && kc <= 255) {
					set[mod][kc] = 1;
				}
			}
			p = close + 1;
		}
		p = end;
	}
}

static bool
build_modmap(struct xp_keymap *km)
{
	uint8_t set[N_MODS][256] = { { 0 } };
	unsigned per = 0;
	char *text;

	text = xkb_keymap_get_as_string(km->xkb, XKB_KEYMAP_FORMAT_TEXT_V1);
	if (text == NULL) {
		return false;
	}
	parse_modmap(km->xkb, text, set);
	free(text);
	for (int m = 0; m < N_MODS; m++) {
		unsigned n = 0;

		for (unsigned kc = km->min; kc <= km->max; kc++) {
			n += set[m][kc];
		}
		per = n > per ? n : per;
	}
	km->mod_per = per;
	if (per == 0) {
		return true;
	}
	km->modmap = calloc((size_t)N_MODS * per, 1);
	if (km->modmap == NULL) {
		return false;
	}
	/* Ascending keycodes within a row, as Xvfb reports them. */
	for (int m = 0; m < N_MODS; m++) {
		unsigned n = 0;

		for (unsigned kc = km->min; kc <= km->max; kc++) {
			if (set[m][kc]) {
				km->modmap[m * per + n++] = (uint8_t)kc;
			}
		}
	}
	return true;
}

static bool
row_empty(const struct xp_keymap *km, unsigned kc)
{
	const uint32_t *r = row(km, kc);

	for (unsigned i = 0; i < km->per; i++) {
		if (r[i] != 0) {
			return false;
		}
	}
	return true;
}

static bool
in_modmap(const struct xp_keymap *km, unsigned kc)
{
	for (unsigned i = 0; i < (unsigned)N_MODS * km->mod_per; i++) {
		if (km->modmap[i] == kc) {
			return true;
		}
	}
	return false;
}

struct xp_keymap *
xp_keymap_create(const char *layout, const char *variant)
{
	struct xkb_rule_names names = {
		.rules = "evdev",
		.model = "pc105",
		.layout = layout != NULL ? layout : "us",
		.variant = variant,
		.options = NULL,
	};
	struct xp_keymap *km;

	km = calloc(1, sizeof(*km));
	if (km == NULL) {
		xp_log(XP_LOG_ERROR, "keymap: out of memory");
		return NULL;
	}
	km->ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES);
	if (km->ctx == NULL) {
		xp_log(XP_LOG_ERROR, "keymap: cannot create an xkb context");
		goto err_km;
	}
	xkb_context_set_log_fn(km->ctx, xkb_log);
	km->xkb = xkb_keymap_new_from_names(
			km->ctx, &names, XKB_KEYMAP_COMPILE_NO_FLAGS);
	if (km->xkb == NULL) {
		xp_log(XP_LOG_ERROR,
				"keymap: cannot compile layout \"%s\"%s%s%s",
				names.layout, variant ? " variant \"" : "",
				variant ? variant : "", variant ? "\"" : "");
		goto err_ctx;
	}
	/* The X server takes the range the keycodes file declares (8..255
	 * in xkb-data's evdev); xkbcommon reports the keys actually named
	 * (9..255), so Xvfb's fixed core range is used, with empty rows for
	 * anything xkbcommon does not know. */
	km->min = 8;
	km->max = 255;
	if (xkb_keymap_max_keycode(km->xkb) > 255) {
		xp_log(XP_LOG_DEBUG, "keymap: keycodes above 255 are dropped");
	}
	km->probe = xkb_state_new(km->xkb);
	if (km->probe == NULL || !build_core_map(km) || !build_modmap(km)) {
		xp_log(XP_LOG_ERROR, "keymap: out of memory");
		goto err_maps;
	}
	for (unsigned kc = km->min; kc <= km->max; kc++) {
		km->derived[kc] = true;
		km->spare[kc] = row_empty(km, kc) && !in_modmap(km, kc)
						? SPARE_FREE
						: SPARE_NO;
	}
	return km;

err_maps:
	free(km->modmap);
	free(km->syms);
	xkb_state_unref(km->probe);
	xkb_keymap_unref(km->xkb);
err_ctx:
	xkb_context_unref(km->ctx);
err_km:
	free(km);
	return NULL;
}

void
xp_keymap_destroy(struct xp_keymap *km)
{
	if (km == NULL) {
		return;
	}
	free(km->modmap);
	free(km->syms);
	xkb_state_unref(km->probe);
	xkb_keymap_unref(km->xkb);
	xkb_context_unref(km->ctx);
	free(km);
}

uint8_t
xp_keymap_min_keycode(const struct xp_keymap *km)
{
	return km->min;
}

uint8_t
xp_keymap_max_keycode(const struct xp_keymap *km)
{
	return km->max;
}

uint8_t
xp_keymap_keysyms_per_keycode(const struct xp_keymap *km)
{
	return km->per;
}

const uint32_t *
xp_keymap_keysyms(const struct xp_keymap *km, uint8_t keycode)
{
	if (keycode < km->min || keycode > km->max) {
		return NULL;
	}
	return row(km, keycode);
}

/* Group g (columns 2g, 2g+1) of a row: a lone alphabetic keysym with both
 * cases becomes lower, upper (X11 protocol, Keyboards). */
static void
normalise_case(uint32_t *r, unsigned g)
{
	uint32_t k = r[2 * g];

	if (r[2 * g + 1] == XKB_KEY_NoSymbol && k != XKB_KEY_NoSymbol) {
		uint32_t lo = xkb_keysym_to_lower(k),
			 up = xkb_keysym_to_upper(k);
		if (lo != up) {
			r[2 * g] = lo;
			r[2 * g + 1] = up;
		}
	}
}

/* A row from ChangeKeyboardMapping reads back as Xvfb answers it after its
 * XKB round trip: the protocol's group rules made explicit, so a one-group
 * row gets group 1 repeated as group 2 ([a] reads [a, A, a, A], [1] reads
 * [1, NoSymbol, 1, NoSymbol]). */
static void
normalise_groups(uint32_t *r, unsigned per)
{
	if (per < 2) {
		return;
	}
	normalise_case(r, 0);
	if (per < 4) {
		return;
	}
	if (r[2] != XKB_KEY_NoSymbol || r[3] != XKB_KEY_NoSymbol) {
		normalise_case(r, 1);
	} else if (r[0] != XKB_KEY_NoSymbol || r[1] != XKB_KEY_NoSymbol) {
		r[2] = r[0];
		r[3] = r[1];
	}
}

bool
xp_keymap_change(struct xp_keymap *km, uint8_t first, uint8_t count,
		uint8_t per, const uint32_t *keysyms)
{
	unsigned last = (unsigned)first + count - 1;

	if (count == 0) {
		return true;
	}
	if (first < km->min || last > km->max || per == 0) {
		return false;
	}
	if (per > km->per) {
		size_t n = (size_t)(km->max - km->min + 1);
		uint32_t *wide = calloc(n * per, sizeof(*wide));

		if (wide == NULL) {
			return false;
		}
		for (size_t i = 0; i < n; i++) {
			memcpy(&wide[i * per], &km->syms[i * km->per],
					km->per * sizeof(*wide));
		}
		free(km->syms);
		km->syms = wide;
		km->per = per;
	}
	for (unsigned kc = first; kc <= last; kc++) {
		uint32_t *r = row(km, kc);

		memset(r, 0, km->per * sizeof(*r));
		memcpy(r, &keysyms[(size_t)(kc - first) * per],
				per * sizeof(*r));
		normalise_groups(r, km->per);
		/* A client's own binding is not ours to reuse; a row it
		 * emptied is spare like any other. */
		km->spare[kc] = row_empty(km, kc) ? SPARE_FREE : SPARE_NO;
		km->derived[kc] = false;
	}
	return true;
}

uint8_t
xp_keymap_keycodes_per_modifier(const struct xp_keymap *km)
{
	return km->mod_per;
}

const uint8_t *
xp_keymap_modifier_map(const struct xp_keymap *km)
{
	static const uint8_t empty[1];

	return km->modmap != NULL ? km->modmap : empty;
}

bool
xp_keymap_set_modifier_map(
		struct xp_keymap *km, uint8_t per, const uint8_t *keycodes)
{
	uint8_t *copy = NULL;

	if (per > 0) {
		copy = malloc((size_t)N_MODS * per);
		if (copy == NULL) {
			return false;
		}
		memcpy(copy, keycodes, (size_t)N_MODS * per);
	}
	free(km->modmap);
	km->modmap = copy;
	km->mod_per = per;
	return true;
}

/* The modifier bit whose row holds a key carrying sym, or 0. This is how
 * Xlib finds its Mode_switch modifier, and level 3 goes with the modifier of
 * ISO_Level3_Shift (XKB's LevelThree). */
static uint16_t
mod_of_keysym(const struct xp_keymap *km, uint32_t sym, uint8_t *keycode)
{
	for (unsigned m = 0; m < N_MODS; m++) {
		for (unsigned i = 0; i < km->mod_per; i++) {
			uint8_t kc = km->modmap[m * km->mod_per + i];
			const uint32_t *r = xp_keymap_keysyms(km, kc);

			if (r == NULL) {
				continue;
			}
			for (unsigned c = 0; c < km->per; c++) {
				if (r[c] == sym) {
					if (keycode != NULL) {
						*keycode = kc;
					}
					return (uint16_t)(1u << m);
				}
			}
		}
	}
	return 0;
}

static bool
is_keypad(uint32_t sym)
{
	return (sym >= KS_KP_FIRST && sym <= KS_KP_LAST) ||
	       (sym >= 0x11000000u && sym <= 0x1100ffffu);
}

/* Whether XKB, with mods (real modifiers, numbered as the core bits) in
 * effect, picks the level of group 1 that column col holds. Core and XKB
 * readings disagree on a few keys: Sys_Req is Shift+Print to the core rules
 * but Alt+Print in xkb-data's PC_ALT_LEVEL2 type. Rows a client or we have
 * changed are the core map's alone and not checked; nor is group 2. */
static bool
xkb_agrees(struct xp_keymap *km, unsigned kc, unsigned col, uint16_t mods)
{
	if (!km->derived[kc] || col == 2 || col == 3) {
		return true;
	}
	xkb_state_update_mask(km->probe, mods, 0, 0, 0, 0, 0);
	return xkb_state_key_get_layout(km->probe, kc) == 0 &&
	       xkb_state_key_get_level(km->probe, kc, 0) ==
			       (col < 2 ? col : col - 2);
}

static bool
find_keysym(struct xp_keymap *km, uint32_t sym, uint8_t *keycode,
		uint16_t *mods)
{
	uint16_t l3 = mod_of_keysym(km, KS_ISO_LEVEL3_SHIFT, NULL);
	uint16_t ms = mod_of_keysym(km, KS_MODE_SWITCH, NULL);
	uint16_t num = mod_of_keysym(km, KS_NUM_LOCK, NULL);
	bool xkb = km->xkb_levels;
	/* Columns in order of preference with the state that selects them:
	 * the plain key first, then Shift, then level 3 when clients read
	 * it (XKB-aware Xlib reads columns 4-5 under LevelThree). Group 2
	 * (columns 2-3, chosen by Mode_switch) only when XKB clients would
	 * not read that modifier as level 3: when they share Mod5, as in
	 * xkb-data, a group 2 keysym then gets a spare keycode. */
	const struct {
		unsigned col;
		uint16_t mods;
		bool usable;
	} order[] = {
		{ 0, 0, true },
		{ 1, SHIFT_MASK, true },
		{ 4, l3, xkb && l3 != 0 },
		{ 5, l3 | SHIFT_MASK, xkb && l3 != 0 },
		{ 2, ms, ms != 0 && (!xkb || ms != l3) },
		{ 3, ms | SHIFT_MASK, ms != 0 && (!xkb || ms != l3) },
	};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!order[i].usable || order[i].col >= km->per) {
			continue;
		}
		uint16_t m = order[i].mods;

		/* The keypad's second column: the core rules give it for
		 * Shift or NumLock, but xkb-data's KEYPAD type only for
		 * NumLock (Shift stays level 1). */
		if (order[i].col == 1 && num != 0 && is_keypad(sym)) {
			m = num;
		}
		for (unsigned kc = km->min; kc <= km->max; kc++) {
			if (row(km, kc)[order[i].col] != sym ||
					!xkb_agrees(km, kc, order[i].col, m)) {
				continue;
			}
			*keycode = (uint8_t)kc;
			*mods = m;
			return true;
		}
	}
	return false;
}

static bool
bind_spare(struct xp_keymap *km, uint32_t sym, uint8_t *keycode)
{
	unsigned best = 0;

	/* From the top: the highest keycodes are the least likely to gain
	 * meaning in a later keymap. Never-bound spares win, then the least
	 * recently used of ours. */
	for (unsigned kc = km->max; kc >= km->min; kc--) {
		if (km->spare[kc] == SPARE_FREE) {
			best = kc;
			break;
		}
		if (km->spare[kc] == SPARE_BOUND &&
				(best == 0 || km->used[kc] < km->used[best])) {
			best = kc;
		}
	}
	if (best == 0) {
		return false;
	}
	uint32_t *r = row(km, best);

	memset(r, 0, km->per * sizeof(*r));
	/* Both columns of both groups: a lone keysym in column 0 would be
	 * read by core rules as a lower/upper case pair. */
	for (unsigned c = 0; c < 4 && c < km->per; c++) {
		r[c] = sym;
	}
	km->spare[best] = SPARE_BOUND;
	km->derived[best] = false;
	km->used[best] = ++km->clock;
	*keycode = (uint8_t)best;
	return true;
}

bool
xp_keymap_lookup_keysym(struct xp_keymap *km, uint32_t keysym, uint8_t *keycode,
		uint16_t *mods, bool *changed)
{
	uint32_t sym = keysym, alt = 0;

	if (sym == 0 || sym == KS_VOID) {
		return false;
	}
	/* Viewers send U+00E9 as 0x10000e9 where layouts say eacute (0xe9):
	 * prefer the legacy keysym, but also try the Unicode form, which
	 * some layouts use for characters without a legacy keysym. */
	if ((sym & 0xff000000u) == KS_UNICODE_BASE) {
		xkb_keysym_t legacy = xkb_utf32_to_keysym(sym & 0xffffffu);

		if (legacy != 0) {
			sym = legacy;
		}
	}
	if ((sym & 0xff000000u) != KS_UNICODE_BASE) {
		uint32_t u = xkb_keysym_to_utf32(sym);

		if (u >= 0x20 && u != 0x7f) {
			alt = KS_UNICODE_BASE | u;
		}
	}
	if (find_keysym(km, sym, keycode, mods) ||
			(alt != 0 && find_keysym(km, alt, keycode, mods))) {
		if (km->spare[*keycode] == SPARE_BOUND) {
			km->used[*keycode] = ++km->clock;
		}
		return true;
	}
	if (!bind_spare(km, sym, keycode)) {
		xp_log(XP_LOG_WARN, "keymap: no spare keycode for keysym 0x%x",
				(unsigned)sym);
		return false;
	}
	*mods = 0;
	*changed = true;
	return true;
}

void
xp_keymap_set_xkb_levels(struct xp_keymap *km, bool xkb_levels)
{
	km->xkb_levels = xkb_levels;
}

uint8_t
xp_keymap_modifier_keycode(const struct xp_keymap *km, uint16_t modbit)
{
	uint8_t kc = 0;
	unsigned m;

	if (modbit == 0 || (modbit & (modbit - 1)) != 0 ||
			modbit >= (1u << N_MODS)) {
		return 0;
	}
	/* The key lookup_keysym meant: ISO_Level3_Shift rather than the
	 * Mode_switch key sharing its row, whose XKB action switches group. */
	if (mod_of_keysym(km, KS_ISO_LEVEL3_SHIFT, &kc) == modbit ||
			mod_of_keysym(km, KS_MODE_SWITCH, &kc) == modbit) {
		return kc;
	}
	for (m = 0; (1u << m) != modbit; m++) {
	}
	for (unsigned i = 0; i < km->mod_per; i++) {
		if (km->modmap[m * km->mod_per + i] != 0) {
			return km->modmap[m * km->mod_per + i];
		}
	}
	return 0;
}

bool
xp_keymap_key_repeats(const struct xp_keymap *km, uint8_t keycode)
{
	if (keycode < xp_keymap_min_keycode(km)) {
		return false;
	}
	/* Xvfb's map (xkbcomp) takes the flag from the interpretation of the
	 * key's first keysym (group 1, level 1), so a key without one keeps
	 * the default, repeating; libxkbcommon clears it for keys without
	 * symbols and for those with a modifier further up (<ALT>, <META>:
	 * NoSymbol, Alt_L). */
	const xkb_keysym_t *syms;
	if (xkb_keymap_key_get_name(km->xkb, keycode) == NULL ||
			xkb_keymap_key_get_syms_by_level(
					km->xkb, keycode, 0, 0, &syms) == 0) {
		return true;
	}
	return xkb_keymap_key_repeats(km->xkb, keycode) != 0;
}

struct xkb_keymap *
xp_keymap_xkb(const struct xp_keymap *km)
{
	return km->xkb;
}
