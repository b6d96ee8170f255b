/* Core X fonts (OpenFont, QueryFont, ListFonts, text extents, glyphs) on
 * top of libXfont2, without any X wire structs: the request handlers turn
 * these into replies.
 *
 * libXfont2 keeps process-wide state (its client callbacks, the registered
 * font path element types, an atom table for font properties, the list of
 * bitmap sources used for scaling). This module therefore initialises it
 * once per process (pthread_once) and serialises every call into it with
 * one process-wide mutex. Several xp_fontdb may exist at the same time and
 * may be created and destroyed repeatedly (each has its own path elements).
 * Any thread may call these functions; an xp_fontdb is used by one thread at
 * a time, while an xp_font may be shared (its functions take the mutex).
 *
 * Font property names and string values are interned in a process-wide
 * table that lives until exit, so the `const char *` in struct xp_font_prop
 * stay valid forever. */
#ifndef XPROXY_FONT_H
#define XPROXY_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Return codes of xp_font_open() and the list functions. */
enum xp_font_error {
	XP_FONT_OK = 0,
	XP_FONT_ERR_NAME = 1,  /* BadName: no font matches */
	XP_FONT_ERR_ALLOC = 2, /* BadAlloc */
};

struct xp_fontdb; /* libXfont2 font path elements: the font path */
struct xp_font;   /* one opened font, refcounted */

/* Metrics of one character, as in the protocol's CHARINFO. A character whose
 * bearings, width, ascent and descent are all zero does not exist. */
struct xp_char_info {
	int16_t left_bearing, right_bearing, width, ascent, descent;
	uint16_t attributes;
};

/* One font property. For a string property value_is_string is set, string
 * is its text and value is unused: the caller interns string as an atom. */
struct xp_font_prop {
	const char *name;
	uint32_t value;
	bool value_is_string;
	const char *string;
};

/* The font-wide part of QueryFont and ListFontsWithInfo replies. */
struct xp_font_info {
	struct xp_char_info min_bounds, max_bounds;
	uint16_t min_char_or_byte2, max_char_or_byte2, default_char;
	uint8_t min_byte1, max_byte1, draw_direction;
	bool all_chars_exist;
	int16_t font_ascent, font_descent;
	size_t n_props;
	const struct xp_font_prop *props;
};

/* QueryTextExtents' reply, also what text drawing needs. */
struct xp_text_extents {
	int16_t font_ascent, font_descent, overall_ascent, overall_descent;
	int32_t overall_width, overall_left, overall_right;
	uint8_t draw_direction;
};

/* Creates a font database with the font path path[0..n_path-1] (elements
 * such as "/usr/share/fonts/X11/misc", "/usr/share/fonts/X11/75dpi/:unscaled"
 * or "built-ins"). path NULL selects the default path of Debian 12's Xvfb:
 * misc, cyrillic, 100dpi/:unscaled, 75dpi/:unscaled, Type1, 100dpi, 75dpi
 * under /usr/share/fonts/X11, then built-ins. Like the X server at start-up,
 * elements that cannot be used (a missing directory) are left out with a
 * log line. The strings are copied. Returns NULL on allocation failure. */
struct xp_fontdb *xp_fontdb_create(const char *const *path, size_t n_path);

/* Frees the database and its path. Fonts opened from it stay valid until
 * their last xp_font_unref(). Accepts NULL. */
void xp_fontdb_destroy(struct xp_fontdb *db);

/* SetFontPath: replaces the path with path[0..n_path-1] (copied); n_path 0
 * restores the default path. Elements already in the path are kept (and
 * their directory re-read if it changed, as `xset fp rehash` expects).
 * Returns 0 on success; otherwise the path is unchanged and the return value
 * is the index + 1 of the first unusable element: the X server answers
 * BadValue with the 0-based index (return value - 1) as the bad value.
 * Remote font servers ("tcp/host:port") are not supported and are
 * unusable. Returns -1 if memory ran out (BadAlloc). */
int xp_fontdb_set_path(
		struct xp_fontdb *db, const char *const *path, size_t n_path);

/* GetFontPath: the number of elements and element i (i < count) as given
 * to set_path. The string is owned by db and valid until the next
 * xp_fontdb_set_path() or xp_fontdb_destroy(). */
size_t xp_fontdb_path_count(const struct xp_fontdb *db);
const char *xp_fontdb_path_element(const struct xp_fontdb *db, size_t i);

/* OpenFont: opens the first font of the path that matches name[0..len-1]
 * (not NUL-terminated): case-insensitive, following fonts.alias, with the
 * XLFD wildcards * and ?. Opening the same font twice gives the same object
 * with one more reference. On success *out holds a new reference and 0 is
 * returned; else XP_FONT_ERR_NAME (BadName) or XP_FONT_ERR_ALLOC. An alias
 * loop is BadName here (Xvfb answers BadImplementation). */
int xp_font_open(struct xp_fontdb *db, const char *name, size_t len,
		struct xp_font **out);

/* References: ref returns f; unref frees the font (and its path element, if
 * it has left every path) with the last reference. unref accepts NULL. */
struct xp_font *xp_font_ref(struct xp_font *f);
void xp_font_unref(struct xp_font *f);

/* The font's QueryFont header and properties, owned by f. */
const struct xp_font_info *xp_font_get_info(const struct xp_font *f);

/* QueryFont's char infos: *out points to an array owned by f, in the order
 * QueryFont sends them (byte1 major, byte2 minor, over min_byte1..max_byte1
 * and min_char_or_byte2..max_char_or_byte2); nonexistent characters are all
 * zero. Returns the count, or 0 with *out NULL if memory ran out (a font
 * always has at least one character slot). Computed on first use. */
size_t xp_font_char_infos(
		const struct xp_font *f, const struct xp_char_info **out);

/* A glyph for drawing. ch is (byte1 << 8) | byte2 for 16-bit text and byte2
 * alone for 8-bit text. If the character exists, returns true with its
 * metrics and its bitmap: 1 bit a pixel, most significant bit first, rows of
 * right_bearing - left_bearing pixels, *stride bytes each, ascent + descent
 * rows, with (left_bearing, -ascent) relative to the origin at its top left.
 * *bits is owned by f and stays valid while f lives. Returns false if the
 * character does not exist. */
bool xp_font_glyph(const struct xp_font *f, uint16_t ch,
		struct xp_char_info *metrics, const uint8_t **bits,
		uint32_t *stride);

/* The same, but when ch does not exist, uses the font's default_char, as
 * text drawing does (protocol, section 8, "Fonts"). Returns false when
 * neither exists: the character is skipped and advances nothing. */
bool xp_font_glyph_or_default(const struct xp_font *f, uint16_t ch,
		struct xp_char_info *metrics, const uint8_t **bits,
		uint32_t *stride);

/* QueryTextExtents for chars[0..n-1] (each (byte1 << 8) | byte2), with the
 * X server's rules for missing characters (default_char, else ignored).
 * Returns false if memory ran out (BadAlloc); *out is then zeroed. */
bool xp_font_text_extents(const struct xp_font *f, const uint16_t *chars,
		size_t n, struct xp_text_extents *out);

/* ListFonts: calls fn once per font name that matches pattern[0..len-1]
 * (case-insensitive, * and ?), at most max_names times, in the order Xvfb
 * returns them: path element by path element, each in its own (sorted)
 * order, aliases included when they resolve to a font. Like Xvfb, a name
 * found in two path elements (e.g. "fixed" in misc and built-ins) is
 * returned twice. name is valid during the call only and not NUL-terminated
 * (len bytes). Callbacks run after the search, without any lock held.
 * Returns 0 or XP_FONT_ERR_ALLOC (then fn was not called); like Xvfb's
 * BadAlloc, a pattern of 1024 bytes or more gives XP_FONT_ERR_ALLOC. */
int xp_fontdb_list(struct xp_fontdb *db, const char *pattern, size_t len,
		uint16_t max_names,
		void (*fn)(void *data, const char *name, size_t len),
		void *data);

/* ListFontsWithInfo: like xp_fontdb_list, with each font's info (valid
 * during the call only). As in Xvfb, a font found through an alias is
 * reported under the alias' target name (e.g. "fixed" reports
 * "-misc-fixed-medium-r-semicondensed--13-120-75-75-c-60-iso8859-1"), and
 * dangling aliases are left out. */
int xp_fontdb_list_with_info(struct xp_fontdb *db, const char *pattern,
		size_t len, uint16_t max_names,
		void (*fn)(void *data, const char *name, size_t len,
				const struct xp_font_info *info),
		void *data);

#endif
