#include "xproxy/teardown.h"

#include <stdlib.h>

#include "xproxy/client.h"
#include "xproxy/input.h"
#include "xproxy/resource.h"
#include "xproxy/selection.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

void
xp_teardown_client(struct xp_client *c)
{
	struct xp_server *s = c->server;
	uint32_t *ids;
	size_t n;

	if (s == NULL) {
		return;
	}
	xp_input_client_gone(s, c);
	xp_selection_client_gone(s, c);
	if (s->root != NULL) {
		xp_window_forget_client(s->root, c);
	}
	/* Collect first: destroying a window frees its subwindows too. */
	n = xp_resource_ids_in_range(
			&s->resources, c->id_base, c->id_mask, &ids);
	for (size_t i = 0; i < n; i++) {
		xp_resource_free(&s->resources, ids[i]);
	}
	free(ids);
}
