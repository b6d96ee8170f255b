/* Font resources: the XID side of core fonts (font.c holds the fonts). */
#ifndef XPROXY_FONTPROC_H
#define XPROXY_FONTPROC_H

#include <stdint.h>

struct xp_client;
struct xp_font;
struct xp_server;

/* BadFont unless id names a font. */
int xp_lookup_font(struct xp_client *c, uint32_t id, struct xp_font **out);
/* A font or a GC's font (QueryFont, QueryTextExtents): BadFont. */
int xp_lookup_fontable(struct xp_client *c, uint32_t id, struct xp_font **out);
/* "fixed", opened at start-up: the font of every new GC. */
struct xp_font *xp_default_font(struct xp_server *s);

#endif
