/* Selections: ownership and conversion requests between clients. */
#ifndef XPROXY_SELECTION_H
#define XPROXY_SELECTION_H

struct xp_client;
struct xp_server;
struct xp_window;

/* Selections owned through w lose their owner (no events). */
void xp_selection_window_gone(struct xp_server *s, struct xp_window *w);
/* Selections owned by c lose their owner. */
void xp_selection_client_gone(struct xp_server *s, struct xp_client *c);
/* Frees every selection record. */
void xp_selection_finish(struct xp_server *s);

#endif
