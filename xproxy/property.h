/* Window properties and the atom requests. */
#ifndef XPROXY_PROPERTY_H
#define XPROXY_PROPERTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xproxy/util.h"

struct xp_window;

struct xp_property {
	uint32_t name, type;
	uint8_t format; /* 8, 16 or 32 */
	uint32_t n_units;
	uint8_t *data;
	struct xp_list link;
};

/* Frees every property of w without events (window destruction). */
void xp_property_delete_all(struct xp_window *w);
struct xp_property *xp_property_find(struct xp_window *w, uint32_t name);
/* Replaces a property (PropModeReplace) and sends PropertyNotify; used by
 * the server itself too. Returns false on OOM. */
bool xp_property_replace(struct xp_window *w, uint32_t name, uint32_t type,
		uint8_t format, uint32_t n_units, const void *data);

#endif
