/* Damage: drawing adds the boxes it touched to the toplevel's region; once
 * per loop iteration damage.c reports map/unmap/configure and the merged
 * damage to the output impl, never from inside a request handler. */
#ifndef XPROXY_DAMAGE_H
#define XPROXY_DAMAGE_H

#include <pixman.h>

struct xp_server;
struct xp_toplevel;

void xp_damage_add(struct xp_toplevel *top, const pixman_region32_t *region);
void xp_damage_add_box(struct xp_toplevel *top, int x1, int y1, int x2, int y2);
/* Tells the output a toplevel disappears (before it is freed). */
void xp_damage_toplevel_gone(struct xp_server *s, struct xp_toplevel *top);
/* Reports everything pending to the output impl. */
void xp_damage_flush(struct xp_server *s);

#endif
