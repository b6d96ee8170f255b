/* Connection setup: byte order, the xConnSetup reply with our one screen. */
#ifndef XPROXY_SETUP_H
#define XPROXY_SETUP_H

#include <X11/Xproto.h>
#include <stdbool.h>

struct xp_client;

/* Answers a complete setup request. Returns false when the client must be
 * dropped (after the failure reply was queued, or on OOM). */
bool xp_setup_reply(struct xp_client *c, const xConnClientPrefix *prefix);

#endif
