/* SetSelectionOwner, GetSelectionOwner, ConvertSelection. */
#include "xproxy/selection.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

static struct xp_selection *
find_selection(struct xp_server *s, uint32_t atom)
{
	struct xp_selection *sel;

	xp_list_for_each(sel, &s->selections, link)
	{
		if (sel->atom == atom) {
			return sel;
		}
	}
	return NULL;
}

void
xp_selection_window_gone(struct xp_server *s, struct xp_window *w)
{
	struct xp_selection *sel;

	xp_list_for_each(sel, &s->selections, link)
	{
		if (sel->window == w->base.res.id) {
			sel->window = None;
			sel->owner = NULL;
		}
	}
}

void
xp_selection_client_gone(struct xp_server *s, struct xp_client *c)
{
	struct xp_selection *sel;

	xp_list_for_each(sel, &s->selections, link)
	{
		if (sel->owner == c) {
			sel->window = None;
			sel->owner = NULL;
		}
	}
}

void
xp_selection_finish(struct xp_server *s)
{
	struct xp_selection *sel, *tmp;

	xp_list_for_each_safe(sel, tmp, &s->selections, link)
	{
		xp_list_remove(&sel->link);
		free(sel);
	}
}

/* X compares timestamps modulo 2^32 (protocol, TIMESTAMP). */
static bool
time_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

int
xp_proc_set_selection_owner(struct xp_client *c, const void *raw)
{
	const xSetSelectionOwnerReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w = NULL;
	int rc;

	if (req->window != None && (rc = xp_lookup_window(c, req->window,
						    &w)) != Success) {
		return rc;
	}
	if (!xp_atom_valid(&s->atoms, req->selection)) {
		return xp_error(c, BadAtom, req->selection);
	}
	uint32_t now = xp_server_time(s);
	uint32_t time = req->time == CurrentTime ? now : req->time;
	struct xp_selection *sel = find_selection(s, req->selection);
	if (time_before(now, time) ||
			(sel != NULL && time_before(time, sel->time))) {
		return Success;
	}
	if (sel == NULL) {
		sel = calloc(1, sizeof(*sel));
		if (sel == NULL) {
			return BadAlloc;
		}
		sel->atom = req->selection;
		xp_list_insert(s->selections.prev, &sel->link);
	}
	if (sel->owner != NULL && (w == NULL || sel->owner != c)) {
		xEvent ev = { 0 };
		ev.u.u.type = SelectionClear;
		ev.u.selectionClear.time = time;
		ev.u.selectionClear.window = sel->window;
		ev.u.selectionClear.atom = sel->atom;
		xp_send_event_to(sel->owner, &ev);
	}
	sel->time = time;
	sel->window = w ? w->base.res.id : None;
	sel->owner = w ? c : NULL;
	return Success;
}

int
xp_proc_get_selection_owner(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_selection *sel;

	if (!xp_atom_valid(&c->server->atoms, req->id)) {
		return xp_error(c, BadAtom, req->id);
	}
	sel = find_selection(c->server, req->id);
	xGetSelectionOwnerReply rep = { .owner = sel ? sel->window : None };
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_convert_selection(struct xp_client *c, const void *raw)
{
	const xConvertSelectionReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->requestor, &w)) != Success) {
		return rc;
	}
	if (!xp_atom_valid(&s->atoms, req->selection)) {
		return xp_error(c, BadAtom, req->selection);
	}
	if (!xp_atom_valid(&s->atoms, req->target)) {
		return xp_error(c, BadAtom, req->target);
	}
	if (req->property != None && !xp_atom_valid(&s->atoms, req->property)) {
		return xp_error(c, BadAtom, req->property);
	}
	struct xp_selection *sel = find_selection(s, req->selection);
	xEvent ev = { 0 };
	if (sel != NULL && sel->owner != NULL) {
		ev.u.u.type = SelectionRequest;
		ev.u.selectionRequest.time = req->time;
		ev.u.selectionRequest.owner = sel->window;
		ev.u.selectionRequest.requestor = req->requestor;
		ev.u.selectionRequest.selection = req->selection;
		ev.u.selectionRequest.target = req->target;
		ev.u.selectionRequest.property = req->property;
		xp_send_event_to(sel->owner, &ev);
		return Success;
	}
	ev.u.u.type = SelectionNotify;
	ev.u.selectionNotify.time = req->time;
	ev.u.selectionNotify.requestor = req->requestor;
	ev.u.selectionNotify.selection = req->selection;
	ev.u.selectionNotify.target = req->target;
	ev.u.selectionNotify.property = None;
	xp_send_event_to(c, &ev);
	return Success;
}
