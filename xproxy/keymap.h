/* The core keyboard map (GetKeyboardMapping, GetModifierMapping) compiled
 * from xkb-data by libxkbcommon, derived the way the X server derives its
 * core map from its XKB map, plus the keysym → keycode lookup that turns a
 * VNC viewer's keysym into a key press.
 *
 * Pure module: no sockets, no X wire structs. One xp_keymap belongs to the X
 * thread; nothing here locks. */
#ifndef XPROXY_KEYMAP_H
#define XPROXY_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

struct xkb_keymap;
struct xp_keymap;

/* Compiles rules "evdev", model "pc105" (what Xvfb uses by default) with the
 * given layout ("us" when NULL) and variant (none when NULL). Environment
 * variables (XKB_DEFAULT_*) are ignored so that the map does not depend on
 * the host application's environment. Returns NULL, with a logged message,
 * when the layout or variant does not exist or on OOM. */
struct xp_keymap *xp_keymap_create(const char *layout, const char *variant);

/* Frees the map; km may be NULL. */
void xp_keymap_destroy(struct xp_keymap *km);

/* The core keyboard mapping as GetKeyboardMapping reports it: keycodes
 * min..max, keysyms_per_keycode columns per keycode. */
uint8_t xp_keymap_min_keycode(const struct xp_keymap *km);
uint8_t xp_keymap_max_keycode(const struct xp_keymap *km);
uint8_t xp_keymap_keysyms_per_keycode(const struct xp_keymap *km);

/* The row of keycode (min..max, else NULL): keysyms_per_keycode entries,
 * NoSymbol = 0. Borrowed; valid until the next xp_keymap_change() or
 * xp_keymap_lookup_keysym() that reports a change. */
const uint32_t *xp_keymap_keysyms(const struct xp_keymap *km, uint8_t keycode);

/* ChangeKeyboardMapping: replaces rows first..first+count-1 with count * per
 * keysyms (copied). per may grow keysyms_per_keycode; narrower rows are
 * padded with NoSymbol. The caller has checked the range (BadValue); an
 * out-of-range request or OOM returns false and changes nothing. */
bool xp_keymap_change(struct xp_keymap *km, uint8_t first, uint8_t count,
		uint8_t per, const uint32_t *keysyms);

/* The modifier map as GetModifierMapping reports it: 8 rows (Shift, Lock,
 * Control, Mod1..Mod5) of keycodes_per_modifier keycodes, 0 = none. */
uint8_t xp_keymap_keycodes_per_modifier(const struct xp_keymap *km);
const uint8_t *xp_keymap_modifier_map(const struct xp_keymap *km);

/* SetModifierMapping: 8 * per keycodes (copied; per may be 0). Range checks
 * and the Busy/Failed answers are the caller's. Returns false on OOM. */
bool xp_keymap_set_modifier_map(
		struct xp_keymap *km, uint8_t per, const uint8_t *keycodes);

/* For a keysym from a VNC viewer: the keycode to press and the core modifier
 * state (ShiftMask..Mod5Mask) with which a client reading the core map gets
 * exactly that keysym, assuming Lock is off. Unicode keysyms (0x1000000 | U)
 * are first normalised to the legacy keysym when one exists. When no key
 * carries the keysym reachably, it is bound to a spare keycode (one that had
 * no symbols; the least recently used of ours when all are taken), *changed
 * is set to true and the caller must send MappingNotify for that keycode.
 * *changed is left alone otherwise. Returns false if nothing can be done
 * (NoSymbol, VoidSymbol, no spare keycode). */
bool xp_keymap_lookup_keysym(struct xp_keymap *km, uint32_t keysym,
		uint8_t *keycode, uint16_t *mods, bool *changed);

/* Whether clients read levels 3 and 4 (core columns 4-5) under the modifier
 * of ISO_Level3_Shift, as Xlib does only when the server has XKEYBOARD.
 * Default false, the core rules (X11 protocol, "Keyboards"): only columns
 * 0-3 count, the Mode_switch modifier choosing group 2, so a level 3 keysym
 * (AltGr+q = @ in de) is bound to a spare keycode. */
void xp_keymap_set_xkb_levels(struct xp_keymap *km, bool xkb_levels);

/* The keycode to press to set one modifier bit (ShiftMask..Mod5Mask) as
 * xp_keymap_lookup_keysym() means it, or 0 when none is bound. */
uint8_t xp_keymap_modifier_keycode(const struct xp_keymap *km, uint16_t modbit);

/* Whether keycode repeats by default (GetKeyboardControl's auto-repeats):
 * the XKB map's per-key repeat flag; keycodes below the minimum never
 * repeat, keycodes without a first keysym (group 1, level 1) do, as in
 * Xvfb. */
bool xp_keymap_key_repeats(const struct xp_keymap *km, uint8_t keycode);

/* The compiled XKB map, borrowed, for the XKEYBOARD extension. It does not
 * follow xp_keymap_change() or keysyms bound to spare keycodes. */
struct xkb_keymap *xp_keymap_xkb(const struct xp_keymap *km);

#endif
