/* What a disconnecting client leaves behind is undone here, in one place:
 * its resources, selections, grabs and event selections. */
#ifndef XPROXY_TEARDOWN_H
#define XPROXY_TEARDOWN_H

struct xp_client;

void xp_teardown_client(struct xp_client *c);

#endif
