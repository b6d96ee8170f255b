/* InternAtom, GetAtomName, Change/Delete/Get/List/RotateProperties. */
#include "xproxy/property.h"

#include <X11/X.h>
#include <X11/Xatom.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

static int
check_atom(struct xp_client *c, uint32_t atom)
{
	if (!xp_atom_valid(&c->server->atoms, atom)) {
		return xp_error(c, BadAtom, atom);
	}
	return Success;
}

int
xp_proc_intern_atom(struct xp_client *c, const void *raw)
{
	const xInternAtomReq *req = raw;
	bool oom;
	int rc;

	if (req->onlyIfExists > xTrue) {
		return xp_error(c, BadValue, req->onlyIfExists);
	}
	if ((rc = xp_req_check_tail(c, sz_xInternAtomReq, req->nbytes)) !=
			Success) {
		return rc;
	}
	uint32_t atom = xp_atom_intern(&c->server->atoms,
			(const char *)(req + 1), req->nbytes, req->onlyIfExists,
			&oom);
	if (oom) {
		return BadAlloc;
	}
	xInternAtomReply rep = { .atom = atom };
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_get_atom_name(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	const struct xp_atom_name *name;

	name = xp_atom_name(&c->server->atoms, req->id);
	if (name == NULL) {
		return xp_error(c, BadAtom, req->id);
	}
	xGetAtomNameReply rep = { .nameLength = name->len };
	xp_reply(c, &rep, sizeof(rep), name->name, name->len);
	return Success;
}

struct xp_property *
xp_property_find(struct xp_window *w, uint32_t name)
{
	struct xp_property *p;

	xp_list_for_each(p, &w->properties, link)
	{
		if (p->name == name) {
			return p;
		}
	}
	return NULL;
}

static void
free_property(struct xp_property *p)
{
	xp_list_remove(&p->link);
	free(p->data);
	free(p);
}

void
xp_property_delete_all(struct xp_window *w)
{
	struct xp_property *p, *tmp;

	xp_list_for_each_safe(p, tmp, &w->properties, link)
	{
		free_property(p);
	}
}

static void
notify(struct xp_window *w, uint32_t atom, uint8_t state)
{
	xEvent ev = { 0 };

	ev.u.u.type = PropertyNotify;
	ev.u.property.window = w->base.res.id;
	ev.u.property.atom = atom;
	ev.u.property.time = xp_server_time(w->base.server);
	ev.u.property.state = state;
	xp_window_deliver(w, PropertyChangeMask, &ev);
}

/* Changes a validated property; false on OOM (nothing changed then). */
static bool
change(struct xp_window *w, uint32_t name, uint32_t type, uint8_t format,
		uint8_t mode, uint32_t n_units, const void *data)
{
	struct xp_property *p = xp_property_find(w, name);
	size_t unit = format / 8;
	size_t bytes = (size_t)n_units * unit;
	bool created = false;

	if (p == NULL) {
		p = calloc(1, sizeof(*p));
		if (p == NULL) {
			return false;
		}
		p->name = name;
		p->type = type;
		p->format = format;
		created = true;
		mode = PropModeReplace;
	}
	if (mode == PropModeReplace) {
		uint8_t *copy = malloc(bytes ? bytes : 1);
		if (copy == NULL) {
			if (created) {
				free(p);
			}
			return false;
		}
		memcpy(copy, data, bytes);
		free(p->data);
		p->data = copy;
		p->n_units = n_units;
		p->type = type;
		p->format = format;
	} else if (n_units > 0) {
		size_t old = (size_t)p->n_units * unit;
		uint8_t *grown = realloc(p->data, old + bytes);
		if (grown == NULL) {
			return false;
		}
		if (mode == PropModeAppend) {
			memcpy(grown + old, data, bytes);
		} else {
			memmove(grown + bytes, grown, old);
			memcpy(grown, data, bytes);
		}
		p->data = grown;
		p->n_units += n_units;
	}
	if (created) {
		/* Newest first: ListProperties answers in this order, as
		 * Xvfb does (the protocol leaves the order open). */
		xp_list_insert(&w->properties, &p->link);
	}
	notify(w, name, PropertyNewValue);
	return true;
}

bool
xp_property_replace(struct xp_window *w, uint32_t name, uint32_t type,
		uint8_t format, uint32_t n_units, const void *data)
{
	return change(w, name, type, format, PropModeReplace, n_units, data);
}

int
xp_proc_change_property(struct xp_client *c, const void *raw)
{
	const xChangePropertyReq *req = raw;
	struct xp_window *win;
	int rc;

	if (req->mode > PropModeAppend) {
		return xp_error(c, BadValue, req->mode);
	}
	if (req->format != 8 && req->format != 16 && req->format != 32) {
		return xp_error(c, BadValue, req->format);
	}
	/* Widen first: nUnits * 4 overflows 32 bits. */
	uint64_t bytes = (uint64_t)req->nUnits * (req->format / 8);
	if ((rc = xp_req_check_tail(c, sz_xChangePropertyReq, bytes)) !=
					Success ||
			(rc = xp_lookup_window(c, req->window, &win)) !=
					Success ||
			(rc = check_atom(c, req->property)) != Success ||
			(rc = check_atom(c, req->type)) != Success) {
		return rc;
	}
	struct xp_property *p = xp_property_find(win, req->property);
	if (p != NULL && req->mode != PropModeReplace &&
			(p->type != req->type || p->format != req->format)) {
		return xp_error(c, BadMatch, 0);
	}
	if (!change(win, req->property, req->type, req->format, req->mode,
			    req->nUnits, req + 1)) {
		return BadAlloc;
	}
	return Success;
}

static void
delete_property(struct xp_window *w, struct xp_property *p)
{
	uint32_t name = p->name;

	free_property(p);
	notify(w, name, PropertyDelete);
}

int
xp_proc_delete_property(struct xp_client *c, const void *raw)
{
	const xDeletePropertyReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->window, &w)) != Success ||
			(rc = check_atom(c, req->property)) != Success) {
		return rc;
	}
	struct xp_property *p = xp_property_find(w, req->property);
	if (p != NULL) {
		delete_property(w, p);
	}
	return Success;
}

int
xp_proc_get_property(struct xp_client *c, const void *raw)
{
	const xGetPropertyReq *req = raw;
	struct xp_window *w;
	int rc;

	if (req->delete > xTrue) {
		return xp_error(c, BadValue, req->delete);
	}
	if ((rc = xp_lookup_window(c, req->window, &w)) != Success ||
			(rc = check_atom(c, req->property)) != Success) {
		return rc;
	}
	if (req->type != AnyPropertyType &&
			(rc = check_atom(c, req->type)) != Success) {
		return rc;
	}
	struct xp_property *p = xp_property_find(w, req->property);
	xGetPropertyReply rep = { 0 };
	if (p == NULL) {
		xp_reply(c, &rep, sizeof(rep), NULL, 0);
		return Success;
	}
	rep.format = p->format;
	rep.propertyType = p->type;
	uint64_t total = (uint64_t)p->n_units * (p->format / 8);
	if (req->type != AnyPropertyType && req->type != p->type) {
		rep.bytesAfter = (CARD32)total;
		xp_reply(c, &rep, sizeof(rep), NULL, 0);
		return Success;
	}
	/* The protocol's arithmetic: offset in 4-byte units; asking past the
	 * end is BadValue. */
	uint64_t start = (uint64_t)req->longOffset * 4;
	if (start > total) {
		return xp_error(c, BadValue, req->longOffset);
	}
	uint64_t len = total - start;
	if (len > (uint64_t)req->longLength * 4) {
		len = (uint64_t)req->longLength * 4;
	}
	rep.bytesAfter = (CARD32)(total - (start + len));
	rep.nItems = (CARD32)(len / (p->format / 8));
	xp_reply(c, &rep, sizeof(rep), p->data + start, (size_t)len);
	if (req->delete &&rep.bytesAfter == 0) {
		delete_property(w, p);
	}
	return Success;
}

int
xp_proc_list_properties(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_property *p;
	struct xp_window *w;
	size_t n = 0;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	xp_list_for_each(p, &w->properties, link)
	{
		n++;
	}
	uint32_t *atoms = xp_server_scratch(c->server, n * 4 + 4);
	if (atoms == NULL) {
		return BadAlloc;
	}
	n = 0;
	xp_list_for_each(p, &w->properties, link)
	{
		atoms[n++] = p->name;
	}
	xListPropertiesReply rep = { .nProperties = (CARD16)n };
	xp_reply(c, &rep, sizeof(rep), atoms, n * 4);
	return Success;
}

int
xp_proc_rotate_properties(struct xp_client *c, const void *raw)
{
	const xRotatePropertiesReq *req = raw;
	const uint32_t *atoms = (const uint32_t *)(req + 1);
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	if ((rc = xp_req_check_tail(c, sz_xRotatePropertiesReq,
			     (uint64_t)req->nAtoms * 4)) != Success) {
		return rc;
	}
	struct xp_property **props = calloc(req->nAtoms + 1u, sizeof(*props));
	if (props == NULL) {
		return BadAlloc;
	}
	for (uint16_t i = 0; i < req->nAtoms; i++) {
		if ((rc = check_atom(c, atoms[i])) != Success) {
			free(props);
			return rc;
		}
		for (uint16_t j = 0; j < i; j++) {
			if (atoms[j] == atoms[i]) {
				free(props);
				return xp_error(c, BadMatch, atoms[i]);
			}
		}
		props[i] = xp_property_find(w, atoms[i]);
		if (props[i] == NULL) {
			free(props);
			return xp_error(c, BadMatch, atoms[i]);
		}
	}
	int n = req->nAtoms;
	if (n > 0 && req->nPositions % n != 0) {
		/* Property i takes the value of property (i - delta) mod n:
		 * rotate the values, not the names. */
		int delta = ((req->nPositions % n) + n) % n;
		struct xp_property *tmp = malloc(n * sizeof(*tmp));
		if (tmp == NULL) {
			free(props);
			return BadAlloc;
		}
		for (int i = 0; i < n; i++) {
			tmp[i] = *props[i];
		}
		for (int i = 0; i < n; i++) {
			const struct xp_property *from = &tmp[i];
			struct xp_property *to = props[(i + delta) % n];
			to->type = from->type;
			to->format = from->format;
			to->n_units = from->n_units;
			to->data = from->data;
		}
		free(tmp);
		for (int i = 0; i < n; i++) {
			notify(w, atoms[i], PropertyNewValue);
		}
	}
	free(props);
	return Success;
}
