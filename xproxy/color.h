/* The colour name database behind LookupColor and AllocNamedColor, and the
 * TrueColor arithmetic of AllocColor.
 *
 * Pure module: no X wire structs. A database is immutable once created, so
 * lookups may run on any thread. */
#ifndef XPROXY_COLOR_H
#define XPROXY_COLOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xp_colordb;

/* Loads the database from path (NULL: /usr/share/X11/rgb.txt, package
 * x11-common) plus the few names the X server knows that older copies of
 * the file lack. A missing or unreadable file is logged and leaves only
 * those. Returns NULL on OOM. */
struct xp_colordb *xp_colordb_create(const char *path);

/* Frees the database; db may be NULL. */
void xp_colordb_destroy(struct xp_colordb *db);

/* Looks a colour name up as the X server does: case-insensitively, spaces
 * significant ("light blue" and "LightBlue" are both database names, "light
 * blue " is not), and no numeric forms: "#rrggbb" and "rgb:r/g/b" are parsed
 * by Xlib on the client side, the server answers them with BadName. name
 * need not be NUL-terminated. On success, the 16-bit exact values (8-bit
 * database values times 0x101) are stored. */
bool xp_color_lookup(const struct xp_colordb *db, const char *name, size_t len,
		uint16_t *red, uint16_t *green, uint16_t *blue);

/* The pixel AllocColor returns for a 24-bit TrueColor visual with 8 bits per
 * channel (masks 0xff0000, 0xff00, 0xff), and the exact values of its reply:
 * each channel keeps its top 8 bits, which are then repeated to 16. */
uint32_t xp_color_truecolor_pixel(uint16_t r, uint16_t g, uint16_t b,
		uint16_t *exact_r, uint16_t *exact_g, uint16_t *exact_b);

#endif
