/* Colormaps: all TrueColor, so allocation is arithmetic and writable
 * cells are refused as the X server refuses them. */
#ifndef XPROXY_COLORMAP_H
#define XPROXY_COLORMAP_H

#include <stdbool.h>
#include <stdint.h>

struct xp_client;
struct xp_server;

/* BadColor unless id is a colormap; BadMatch unless it is for visual. */
int xp_colormap_check(struct xp_client *c, uint32_t id, uint32_t visual);
/* Adds the default colormap as a server resource. */
bool xp_colormap_init(struct xp_server *s);

#endif
