/* Colormaps: all TrueColor, so allocation is arithmetic and writable
 * cells are refused as the X server refuses them. */
#ifndef XPROXY_COLORMAP_H
#define XPROXY_COLORMAP_H

#include <stdbool.h>
#include <stdint.h>

struct xp_client;
struct xp_server;
struct xp_window;

/* BadColor unless id is a colormap; BadMatch unless it is for visual. */
int xp_colormap_check(struct xp_client *c, uint32_t id, uint32_t visual);
/* Window w's colormap attribute changed from old (ChangeWindowAttributes):
 * ColormapNotify with new set. */
void xp_colormap_window_changed(struct xp_window *w, uint32_t old);
/* Adds the default colormap as a server resource and installs it. */
bool xp_colormap_init(struct xp_server *s);

#endif
