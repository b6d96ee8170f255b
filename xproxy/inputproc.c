/* Requests about input devices and the server as a whole: grabs, focus,
 * pointer queries, SendEvent, keyboard and pointer mappings and controls,
 * the screen saver, access control and client shutdown. */
#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/cursor.h"
#include "xproxy/dispatch.h"
#include "xproxy/input.h"
#include "xproxy/keymap.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

/* Shift, Lock, Control and Mod1..Mod5: the valid KEYMASK bits. */
#define ALL_MODIFIER_BITS 0x00ffu
#define POINTER_GRAB_MASKS                                                     \
	(ButtonPressMask | ButtonReleaseMask | EnterWindowMask |               \
			LeaveWindowMask | PointerMotionMask |                  \
			PointerMotionHintMask | Button1MotionMask |            \
			Button2MotionMask | Button3MotionMask |                \
			Button4MotionMask | Button5MotionMask |                \
			ButtonMotionMask | KeymapStateMask)

/* X compares timestamps modulo 2^32. */
static bool
time_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

static int
grab_time_status(struct xp_server *s, uint32_t time, const struct xp_grab *g)
{
	uint32_t now = xp_server_time(s);

	if (time == CurrentTime) {
		return GrabSuccess;
	}
	if (time_after(time, now) ||
			(g->client != NULL && time_after(g->time, time))) {
		return GrabInvalidTime;
	}
	return GrabSuccess;
}

/* The status an active grab request gets (GrabPointer, GrabKeyboard):
 * another client's grab, then viewability, then the time, as the X
 * server checks them. */
static uint8_t
active_grab_status(struct xp_client *c, const struct xp_grab *g,
		const struct xp_window *w, const struct xp_window *confine,
		uint32_t time)
{
	if (g->client != NULL && g->client != c) {
		return AlreadyGrabbed;
	}
	if (!w->viewable || (confine != NULL && !confine->viewable)) {
		return GrabNotViewable;
	}
	return (uint8_t)grab_time_status(c->server, time, g);
}

/* UngrabPointer / UngrabKeyboard: only the grabbing client, and not for
 * a time before the grab. */
static int
ungrab_active(struct xp_client *c, uint32_t time, bool pointer)
{
	struct xp_server *s = c->server;
	struct xp_grab *g = pointer ? &s->input.pointer_grab
				    : &s->input.keyboard_grab;

	if (g->client == c && grab_time_status(s, time, g) == GrabSuccess) {
		xp_input_ungrab(s, pointer);
	}
	return Success;
}

static int
check_pointer_grab_args(struct xp_client *c, uint8_t owner_events,
		uint16_t mask, uint8_t pmode, uint8_t kmode, uint32_t confine,
		uint32_t cursor, struct xp_window **confine_to,
		struct xp_cursor **cur)
{
	int rc;

	if (owner_events > xTrue) {
		return xp_error(c, BadValue, owner_events);
	}
	if (mask & ~POINTER_GRAB_MASKS) {
		return xp_error(c, BadValue, mask);
	}
	if (pmode > GrabModeAsync) {
		return xp_error(c, BadValue, pmode);
	}
	if (kmode > GrabModeAsync) {
		return xp_error(c, BadValue, kmode);
	}
	*confine_to = NULL;
	*cur = NULL;
	if (confine != None && (rc = xp_lookup_window(c, confine,
						confine_to)) != Success) {
		return rc;
	}
	if (cursor != None &&
			(rc = xp_lookup_cursor(c, cursor, cur)) != Success) {
		return rc;
	}
	return Success;
}

int
xp_proc_grab_pointer(struct xp_client *c, const void *raw)
{
	const xGrabPointerReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w, *confine;
	struct xp_cursor *cursor;
	int rc;

	if ((rc = xp_lookup_window(c, req->grabWindow, &w)) != Success ||
			(rc = check_pointer_grab_args(c, req->ownerEvents,
					 req->eventMask, req->pointerMode,
					 req->keyboardMode, req->confineTo,
					 req->cursor, &confine, &cursor)) !=
					Success) {
		return rc;
	}
	xGrabPointerReply rep = { .status = active_grab_status(c,
						  &s->input.pointer_grab, w,
						  confine, req->time) };
	if (rep.status == GrabSuccess) {
		struct xp_grab ng = {
			.client = c,
			.window = w,
			.owner_events = req->ownerEvents,
			.event_mask = req->eventMask,
			.confine_to = confine,
			.cursor = cursor,
			.time = req->time == CurrentTime ? xp_server_time(s)
							 : req->time,
			.pointer_sync = req->pointerMode == GrabModeSync,
			.keyboard_sync = req->keyboardMode == GrabModeSync,
		};
		xp_input_grab(s, true, &ng);
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_ungrab_pointer(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;

	return ungrab_active(c, req->id, true);
}

int
xp_proc_change_active_pointer_grab(struct xp_client *c, const void *raw)
{
	const xChangeActivePointerGrabReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_grab *g = &s->input.pointer_grab;
	struct xp_cursor *cursor = NULL;
	int rc;

	if (req->cursor != None && (rc = xp_lookup_cursor(c, req->cursor,
						    &cursor)) != Success) {
		return rc;
	}
	if (req->eventMask & ~POINTER_GRAB_MASKS) {
		return xp_error(c, BadValue, req->eventMask);
	}
	if (g->client != c ||
			grab_time_status(s, req->time, g) != GrabSuccess) {
		return Success;
	}
	g->event_mask = req->eventMask;
	xp_cursor_set(&g->cursor, cursor);
	return Success;
}

static int
passive_grab(struct xp_client *c, bool is_key, uint32_t window, uint8_t detail,
		uint16_t modifiers, uint8_t owner_events, uint16_t mask,
		uint8_t pmode, uint8_t kmode, uint32_t confine_id,
		uint32_t cursor_id)
{
	struct xp_server *s = c->server;
	struct xp_window *w, *confine = NULL;
	struct xp_cursor *cursor = NULL;
	struct xp_passive_grab *g;
	int rc;

	if (is_key) {
		if (owner_events > xTrue) {
			return xp_error(c, BadValue, owner_events);
		}
		if (pmode > GrabModeAsync) {
			return xp_error(c, BadValue, pmode);
		}
		if (kmode > GrabModeAsync) {
			return xp_error(c, BadValue, kmode);
		}
		if (detail != AnyKey &&
				(detail < xp_keymap_min_keycode(s->keymap) ||
						detail > xp_keymap_max_keycode(
									 s->keymap))) {
			return xp_error(c, BadValue, detail);
		}
	} else if ((rc = check_pointer_grab_args(c, owner_events, mask, pmode,
				    kmode, confine_id, cursor_id, &confine,
				    &cursor)) != Success) {
		return rc;
	}
	if (modifiers != AnyModifier && (modifiers & ~ALL_MODIFIER_BITS)) {
		return xp_error(c, BadValue, modifiers);
	}
	if ((rc = xp_lookup_window(c, window, &w)) != Success) {
		return rc;
	}
	/* Another client's grab of an overlapping combination (AnyButton,
	 * AnyKey and AnyModifier stand for every value) makes this one
	 * BadAccess (GrabButton, GrabKey); our own identical one is
	 * replaced. */
	struct xp_passive_grab *same = NULL;
	xp_list_for_each(g, &s->input.passive_grabs, link)
	{
		if (g->window != w || g->is_key != is_key) {
			continue;
		}
		bool details = g->detail == detail || g->detail == 0 ||
			       detail == 0;
		bool mods = g->modifiers == modifiers ||
			    g->modifiers == AnyModifier ||
			    modifiers == AnyModifier;
		if (g->client != c && details && mods) {
			return BadAccess;
		}
		if (g->client == c && g->detail == detail &&
				g->modifiers == modifiers) {
			same = g;
		}
	}
	g = same;
	if (g == NULL) {
		g = calloc(1, sizeof(*g));
		if (g == NULL) {
			return BadAlloc;
		}
		xp_list_insert(&s->input.passive_grabs, &g->link);
	}
	g->client = c;
	g->window = w;
	g->is_key = is_key;
	g->detail = detail;
	g->modifiers = modifiers;
	g->owner_events = owner_events;
	g->event_mask = mask;
	g->confine_to = confine;
	xp_cursor_set(&g->cursor, cursor);
	g->pointer_sync = pmode == GrabModeSync;
	g->keyboard_sync = kmode == GrabModeSync;
	return Success;
}

static int
passive_ungrab(struct xp_client *c, bool is_key, uint32_t window,
		uint8_t detail, uint16_t modifiers)
{
	struct xp_passive_grab *g, *tmp;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, window, &w)) != Success) {
		return rc;
	}
	if (modifiers != AnyModifier && (modifiers & ~ALL_MODIFIER_BITS)) {
		return xp_error(c, BadValue, modifiers);
	}
	xp_list_for_each_safe(g, tmp, &c->server->input.passive_grabs, link)
	{
		if (g->client == c && g->window == w && g->is_key == is_key &&
				(detail == 0 || g->detail == detail) &&
				(modifiers == AnyModifier ||
						g->modifiers == modifiers)) {
			xp_cursor_set(&g->cursor, NULL);
			xp_list_remove(&g->link);
			free(g);
		}
	}
	return Success;
}

int
xp_proc_grab_button(struct xp_client *c, const void *raw)
{
	const xGrabButtonReq *req = raw;

	return passive_grab(c, false, req->grabWindow, req->button,
			req->modifiers, req->ownerEvents, req->eventMask,
			req->pointerMode, req->keyboardMode, req->confineTo,
			req->cursor);
}

int
xp_proc_ungrab_button(struct xp_client *c, const void *raw)
{
	const xUngrabButtonReq *req = raw;

	return passive_ungrab(
			c, false, req->grabWindow, req->button, req->modifiers);
}

int
xp_proc_grab_key(struct xp_client *c, const void *raw)
{
	const xGrabKeyReq *req = raw;

	return passive_grab(c, true, req->grabWindow, req->key, req->modifiers,
			req->ownerEvents, 0, req->pointerMode,
			req->keyboardMode, None, None);
}

int
xp_proc_ungrab_key(struct xp_client *c, const void *raw)
{
	const xUngrabKeyReq *req = raw;
	struct xp_server *s = c->server;

	if (req->key != AnyKey &&
			(req->key < xp_keymap_min_keycode(s->keymap) ||
					req->key > xp_keymap_max_keycode(
								   s->keymap))) {
		return xp_error(c, BadValue, req->key);
	}
	return passive_ungrab(
			c, true, req->grabWindow, req->key, req->modifiers);
}

int
xp_proc_grab_keyboard(struct xp_client *c, const void *raw)
{
	const xGrabKeyboardReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w;
	int rc;

	if (req->ownerEvents > xTrue) {
		return xp_error(c, BadValue, req->ownerEvents);
	}
	if (req->pointerMode > GrabModeAsync) {
		return xp_error(c, BadValue, req->pointerMode);
	}
	if (req->keyboardMode > GrabModeAsync) {
		return xp_error(c, BadValue, req->keyboardMode);
	}
	if ((rc = xp_lookup_window(c, req->grabWindow, &w)) != Success) {
		return rc;
	}
	xGrabKeyboardReply rep = { .status = active_grab_status(c,
						   &s->input.keyboard_grab, w,
						   NULL, req->time) };
	if (rep.status == GrabSuccess) {
		struct xp_grab ng = {
			.client = c,
			.window = w,
			.owner_events = req->ownerEvents,
			.time = req->time == CurrentTime ? xp_server_time(s)
							 : req->time,
		};
		xp_input_grab(s, false, &ng);
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_ungrab_keyboard(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;

	return ungrab_active(c, req->id, false);
}

int
xp_proc_allow_events(struct xp_client *c, const void *raw)
{
	const xAllowEventsReq *req = raw;

	if (req->mode > AsyncBoth) {
		return xp_error(c, BadValue, req->mode);
	}
	/* Events are never frozen: synchronous grabs run as asynchronous
	 * ones, so every mode has nothing left to release. */
	return Success;
}

int
xp_proc_grab_server(struct xp_client *c, const void *raw)
{
	c->server->grabbing_client = c;
	return Success;
}

int
xp_proc_ungrab_server(struct xp_client *c, const void *raw)
{
	if (c->server->grabbing_client == c) {
		c->server->grabbing_client = NULL;
	}
	return Success;
}

int
xp_proc_query_pointer(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w;
	int32_t ox, oy;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	xp_window_root_origin(w, &ox, &oy);
	struct xp_window *child = NULL;
	for (struct xp_window *p = s->input.sprite; p != NULL; p = p->parent) {
		if (p->parent == w) {
			child = p;
			break;
		}
	}
	xQueryPointerReply rep = {
		.sameScreen = xTrue,
		.root = s->root->base.res.id,
		.child = child ? child->base.res.id : None,
		.rootX = (INT16)s->input.x,
		.rootY = (INT16)s->input.y,
		.winX = (INT16)(s->input.x - ox),
		.winY = (INT16)(s->input.y - oy),
		.mask = s->input.buttons | s->input.modifiers,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_get_motion_events(struct xp_client *c, const void *raw)
{
	const xGetMotionEventsReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	/* No motion history is kept: an empty list is a valid answer. */
	xGetMotionEventsReply rep = { .nEvents = 0 };
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_warp_pointer(struct xp_client *c, const void *raw)
{
	const xWarpPointerReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *src = NULL, *dst = NULL;
	int rc;

	if (req->srcWid != None && (rc = xp_lookup_window(c, req->srcWid,
						    &src)) != Success) {
		return rc;
	}
	if (req->dstWid != None && (rc = xp_lookup_window(c, req->dstWid,
						    &dst)) != Success) {
		return rc;
	}
	if (src != NULL) {
		int32_t ox, oy;
		xp_window_root_origin(src, &ox, &oy);
		int32_t w = req->srcWidth ? req->srcWidth
					  : src->base.width - req->srcX;
		int32_t h = req->srcHeight ? req->srcHeight
					   : src->base.height - req->srcY;
		int32_t px = s->input.x - ox, py = s->input.y - oy;
		if (!src->viewable || px < req->srcX || py < req->srcY ||
				px >= req->srcX + w || py >= req->srcY + h) {
			return Success;
		}
	}
	int32_t x = s->input.x + req->dstX, y = s->input.y + req->dstY;
	if (dst != NULL) {
		xp_window_root_origin(dst, &x, &y);
		x += req->dstX;
		y += req->dstY;
	}
	xp_input_pointer(s, x, y, s->input.viewer_buttons);
	return Success;
}

int
xp_proc_set_input_focus(struct xp_client *c, const void *raw)
{
	const xSetInputFocusReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w = NULL;
	int rc;

	if (req->revertTo > RevertToParent) {
		return xp_error(c, BadValue, req->revertTo);
	}
	if (req->focus != None && req->focus != PointerRoot &&
			(rc = xp_lookup_window(c, req->focus, &w)) != Success) {
		return rc;
	}
	uint32_t now = xp_server_time(s);
	uint32_t time = req->time == CurrentTime ? now : req->time;
	if (time_after(time, now) || time_after(s->input.focus_time, time)) {
		return Success;
	}
	if (w != NULL && !w->viewable) {
		return xp_error(c, BadMatch, req->focus);
	}
	xp_input_set_focus(s, req->focus, w, req->revertTo, time);
	return Success;
}

int
xp_proc_get_input_focus(struct xp_client *c, const void *raw)
{
	struct xp_input *in = &c->server->input;
	xGetInputFocusReply rep = {
		.revertTo = in->revert_to,
		.focus = in->focus,
	};

	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_query_keymap(struct xp_client *c, const void *raw)
{
	xQueryKeymapReply rep = { 0 };

	memcpy(rep.map, c->server->input.keys_down, sizeof(rep.map));
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_send_event(struct xp_client *c, const void *raw)
{
	const xSendEventReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w = NULL, *stop = NULL;
	uint8_t type = req->event.u.u.type & 0x7f;
	int rc;

	/* Core events 2..34 and extension events; never GenericEvent. */
	if (!((type > X_Reply && type < LASTEvent) || type >= 64)) {
		return xp_error(c, BadValue, type);
	}
	if (req->propagate > xTrue) {
		return xp_error(c, BadValue, req->propagate);
	}
	if (req->eventMask & ~(uint32_t)0x01ffffff) {
		return xp_error(c, BadValue, req->eventMask);
	}
	if (req->destination == PointerWindow) {
		w = s->input.sprite;
	} else if (req->destination == InputFocus) {
		struct xp_input *in = &s->input;
		if (in->focus == None) {
			return Success;
		}
		if (in->focus == PointerRoot) {
			w = in->sprite;
		} else {
			w = in->focus_window;
			stop = w;
			/* The pointer window when it is inside the focus. */
			if (w != NULL && in->sprite != NULL &&
					xp_window_is_ancestor(w, in->sprite)) {
				w = in->sprite;
			}
		}
	} else if ((rc = xp_lookup_window(c, req->destination, &w)) !=
			Success) {
		return rc;
	}
	if (w == NULL) {
		return Success;
	}
	xEvent ev;
	memcpy(&ev, &req->event, sizeof(ev));
	ev.u.u.type |= 0x80;
	if (req->eventMask == 0) {
		struct xp_client *owner = w->base.res.owner;
		if (owner != NULL) {
			xp_send_event_to(owner, &ev);
		}
		return Success;
	}
	for (; w != NULL; w = w->parent) {
		if (xp_window_deliver(w, req->eventMask, &ev) > 0 ||
				!req->propagate || w == stop ||
				(w->do_not_propagate & req->eventMask)) {
			break;
		}
	}
	return Success;
}

/* ---- keyboard and pointer mappings and controls ---- */

int
xp_proc_get_keyboard_mapping(struct xp_client *c, const void *raw)
{
	const xGetKeyboardMappingReq *req = raw;
	struct xp_keymap *km = c->server->keymap;
	uint8_t min = xp_keymap_min_keycode(km),
		max = xp_keymap_max_keycode(km);

	if (req->firstKeyCode < min) {
		return xp_error(c, BadValue, req->firstKeyCode);
	}
	if ((unsigned)req->firstKeyCode + req->count > (unsigned)max + 1) {
		return xp_error(c, BadValue, req->count);
	}
	uint8_t per = xp_keymap_keysyms_per_keycode(km);
	size_t n = (size_t)req->count * per;
	uint32_t *syms = xp_server_scratch(c->server, n * 4 + 4);
	if (syms == NULL) {
		return BadAlloc;
	}
	for (unsigned i = 0; i < req->count; i++) {
		memcpy(syms + i * per,
				xp_keymap_keysyms(km,
						(uint8_t)(req->firstKeyCode +
								i)),
				per * 4u);
	}
	xGetKeyboardMappingReply rep = { .keySymsPerKeyCode = per };
	xp_reply(c, &rep, sizeof(rep), syms, n * 4);
	return Success;
}

int
xp_proc_change_keyboard_mapping(struct xp_client *c, const void *raw)
{
	const xChangeKeyboardMappingReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_keymap *km = s->keymap;
	int rc;

	if ((rc = xp_req_check_tail(c, sz_xChangeKeyboardMappingReq,
			     (uint64_t)req->keyCodes * req->keySymsPerKeyCode *
					     4)) != Success) {
		return rc;
	}
	if (req->firstKeyCode < xp_keymap_min_keycode(km)) {
		return xp_error(c, BadValue, req->firstKeyCode);
	}
	if ((unsigned)req->firstKeyCode + req->keyCodes >
			(unsigned)xp_keymap_max_keycode(km) + 1) {
		return xp_error(c, BadValue, req->keyCodes);
	}
	if (req->keySymsPerKeyCode == 0) {
		return xp_error(c, BadValue, 0);
	}
	if (!xp_keymap_change(km, req->firstKeyCode, req->keyCodes,
			    req->keySymsPerKeyCode,
			    (const uint32_t *)(req + 1))) {
		return BadAlloc;
	}
	xEvent ev = { 0 };
	ev.u.u.type = MappingNotify;
	ev.u.mappingNotify.request = MappingKeyboard;
	ev.u.mappingNotify.firstKeyCode = req->firstKeyCode;
	ev.u.mappingNotify.count = req->keyCodes;
	for (int i = 0; i < XP_MAX_CLIENTS; i++) {
		if (s->clients[i] != NULL) {
			xp_send_event_to(s->clients[i], &ev);
		}
	}
	return Success;
}

int
xp_proc_get_modifier_mapping(struct xp_client *c, const void *raw)
{
	struct xp_keymap *km = c->server->keymap;
	uint8_t per = xp_keymap_keycodes_per_modifier(km);
	xGetModifierMappingReply rep = { .numKeyPerModifier = per };

	xp_reply(c, &rep, sizeof(rep), xp_keymap_modifier_map(km), 8u * per);
	return Success;
}

int
xp_proc_set_modifier_mapping(struct xp_client *c, const void *raw)
{
	const xSetModifierMappingReq *req = raw;
	struct xp_server *s = c->server;
	const uint8_t *codes = (const uint8_t *)(req + 1);
	int rc;

	if ((rc = xp_req_check_tail(c, sz_xSetModifierMappingReq,
			     8u * req->numKeyPerModifier)) != Success) {
		return rc;
	}
	for (int i = 0; i < 8 * req->numKeyPerModifier; i++) {
		if (codes[i] != 0 &&
				(codes[i] < xp_keymap_min_keycode(s->keymap) ||
						codes[i] > xp_keymap_max_keycode(
									   s->keymap))) {
			return xp_error(c, BadValue, codes[i]);
		}
	}
	xSetModifierMappingReply rep = { .success = MappingSuccess };
	/* A modifier key held down makes the change Busy (protocol). */
	for (int i = 0; i < 8 * req->numKeyPerModifier; i++) {
		uint8_t kc = codes[i];
		if (kc && ((s->input.keys_down[kc >> 3] >> (kc & 7)) & 1)) {
			rep.success = MappingBusy;
		}
	}
	if (rep.success == MappingSuccess) {
		if (!xp_keymap_set_modifier_map(
				    s->keymap, req->numKeyPerModifier, codes)) {
			return BadAlloc;
		}
		xEvent ev = { 0 };
		ev.u.u.type = MappingNotify;
		ev.u.mappingNotify.request = MappingModifier;
		for (int i = 0; i < XP_MAX_CLIENTS; i++) {
			if (s->clients[i] != NULL) {
				xp_send_event_to(s->clients[i], &ev);
			}
		}
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_get_pointer_mapping(struct xp_client *c, const void *raw)
{
	struct xp_input *in = &c->server->input;
	xGetPointerMappingReply rep = { .nElts = in->n_buttons };

	xp_reply(c, &rep, sizeof(rep), in->pointer_map + 1, in->n_buttons);
	return Success;
}

int
xp_proc_set_pointer_mapping(struct xp_client *c, const void *raw)
{
	const xSetPointerMappingReq *req = raw;
	struct xp_input *in = &c->server->input;
	const uint8_t *map = (const uint8_t *)(req + 1);
	int rc;

	if ((rc = xp_req_check_tail(c, sz_xSetPointerMappingReq, req->nElts)) !=
			Success) {
		return rc;
	}
	if (req->nElts != in->n_buttons) {
		return xp_error(c, BadValue, req->nElts);
	}
	for (int i = 0; i < req->nElts; i++) {
		for (int j = 0; j < i; j++) {
			if (map[i] != 0 && map[i] == map[j]) {
				return xp_error(c, BadValue, map[i]);
			}
		}
	}
	xSetPointerMappingReply rep = { .success = MappingSuccess };
	if (in->buttons & (Button1Mask | Button2Mask | Button3Mask |
					  Button4Mask | Button5Mask)) {
		rep.success = MappingBusy;
	} else {
		memcpy(in->pointer_map + 1, map, req->nElts);
		xEvent ev = { 0 };
		ev.u.u.type = MappingNotify;
		ev.u.mappingNotify.request = MappingPointer;
		for (int i = 0; i < XP_MAX_CLIENTS; i++) {
			if (c->server->clients[i] != NULL) {
				xp_send_event_to(c->server->clients[i], &ev);
			}
		}
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_change_keyboard_control(struct xp_client *c, const void *raw)
{
	const xChangeKeyboardControlReq *req = raw;
	struct xp_input *in = &c->server->input;
	const uint32_t *v = (const uint32_t *)(req + 1);
	int32_t click = in->key_click, percent = in->bell_percent;
	int32_t pitch = in->bell_pitch, duration = in->bell_duration;
	int32_t led = -1, led_mode = -1, key = -1, repeat_mode = -1;

	if (c->req_len != sz_xChangeKeyboardControlReq +
					  4u * __builtin_popcount(req->mask)) {
		return BadLength;
	}
	if (req->mask & ~(uint32_t)0xff) {
		return xp_error(c, BadValue, req->mask);
	}
	/* Validate everything, then apply (values are INT8/INT16 on the
	 * wire: -1 restores the default). */
	for (uint32_t bit = 1; bit <= KBAutoRepeatMode; bit <<= 1) {
		if (!(req->mask & bit)) {
			continue;
		}
		int32_t val = (int32_t)*v++;
		switch (bit) {
		case KBKeyClickPercent:
			val = (int8_t)val;
			if (val < -1 || val > 100) {
				return xp_error(c, BadValue, (uint32_t)val);
			}
			click = val < 0 ? 0 : val;
			break;
		case KBBellPercent:
			val = (int8_t)val;
			if (val < -1 || val > 100) {
				return xp_error(c, BadValue, (uint32_t)val);
			}
			percent = val < 0 ? 50 : val;
			break;
		case KBBellPitch:
			val = (int16_t)val;
			if (val < -1) {
				return xp_error(c, BadValue, (uint32_t)val);
			}
			pitch = val < 0 ? 400 : val;
			break;
		case KBBellDuration:
			val = (int16_t)val;
			if (val < -1) {
				return xp_error(c, BadValue, (uint32_t)val);
			}
			duration = val < 0 ? 100 : val;
			break;
		case KBLed:
			led = val & 0xff;
			if (led < 1 || led > 32) {
				return xp_error(c, BadValue, (uint32_t)led);
			}
			break;
		case KBLedMode:
			if (val != LedModeOff && val != LedModeOn) {
				return xp_error(c, BadValue, (uint32_t)val);
			}
			led_mode = val;
			break;
		case KBKey:
			key = val & 0xff;
			if (key < 8) {
				return xp_error(c, BadValue, (uint32_t)key);
			}
			break;
		case KBAutoRepeatMode:
			if (val > AutoRepeatModeDefault) {
				return xp_error(c, BadValue, (uint32_t)val);
			}
			repeat_mode = val;
			break;
		}
	}
	if ((led >= 0) != (led_mode >= 0 && led >= 0) ||
			(key >= 0 && repeat_mode < 0)) {
		return xp_error(c, BadMatch, 0);
	}
	in->key_click = (uint8_t)click;
	in->bell_percent = (uint8_t)percent;
	in->bell_pitch = (uint16_t)pitch;
	in->bell_duration = (uint16_t)duration;
	if (led_mode >= 0) {
		uint32_t bits = led >= 0 ? 1u << (led - 1) : 0xffffffffu;
		if (led_mode == LedModeOn) {
			in->led_mask |= bits & 0xffff;
		} else {
			in->led_mask &= ~(bits & 0xffff);
		}
	}
	if (repeat_mode >= 0) {
		bool on = repeat_mode != AutoRepeatModeOff;
		if (key >= 0) {
			if (on) {
				in->auto_repeats[key >> 3] |=
						(uint8_t)(1u << (key & 7));
			} else {
				in->auto_repeats[key >> 3] &=
						(uint8_t) ~(1u << (key & 7));
			}
		} else {
			in->auto_repeat = on ? AutoRepeatModeOn
					     : AutoRepeatModeOff;
		}
	}
	return Success;
}

int
xp_proc_get_keyboard_control(struct xp_client *c, const void *raw)
{
	struct xp_input *in = &c->server->input;
	xGetKeyboardControlReply rep = {
		.globalAutoRepeat = in->auto_repeat,
		.ledMask = in->led_mask & 0xffff,
		.keyClickPercent = in->key_click,
		.bellPercent = in->bell_percent,
		.bellPitch = in->bell_pitch,
		.bellDuration = in->bell_duration,
	};

	memcpy(rep.map, in->auto_repeats, sizeof(rep.map));
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_bell(struct xp_client *c, const void *raw)
{
	const xBellReq *req = raw;

	if (req->percent < -100 || req->percent > 100) {
		return xp_error(c, BadValue, (uint32_t)req->percent);
	}
	return Success;
}

int
xp_proc_change_pointer_control(struct xp_client *c, const void *raw)
{
	const xChangePointerControlReq *req = raw;
	struct xp_input *in = &c->server->input;

	if (req->doAccel > xTrue) {
		return xp_error(c, BadValue, req->doAccel);
	}
	if (req->doThresh > xTrue) {
		return xp_error(c, BadValue, req->doThresh);
	}
	if (req->doAccel && (req->accelNum < -1 || req->accelDenum < -1 ||
					    req->accelDenum == 0)) {
		return xp_error(c, BadValue, (uint32_t)req->accelDenum);
	}
	if (req->doThresh && req->threshold < -1) {
		return xp_error(c, BadValue, (uint32_t)req->threshold);
	}
	if (req->doAccel) {
		in->accel_num = req->accelNum < 0 ? 2 : (uint16_t)req->accelNum;
		in->accel_den = req->accelDenum < 0 ? 1
						    : (uint16_t)req->accelDenum;
	}
	if (req->doThresh) {
		in->threshold = req->threshold < 0 ? 4
						   : (uint16_t)req->threshold;
	}
	return Success;
}

int
xp_proc_get_pointer_control(struct xp_client *c, const void *raw)
{
	struct xp_input *in = &c->server->input;
	xGetPointerControlReply rep = {
		.accelNumerator = in->accel_num,
		.accelDenominator = in->accel_den,
		.threshold = in->threshold,
	};

	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

/* ---- screen saver, hosts, shutdown ---- */

int
xp_proc_set_screen_saver(struct xp_client *c, const void *raw)
{
	const xSetScreenSaverReq *req = raw;
	struct xp_input *in = &c->server->input;

	if (req->timeout < -1) {
		return xp_error(c, BadValue, (uint32_t)req->timeout);
	}
	if (req->interval < -1) {
		return xp_error(c, BadValue, (uint32_t)req->interval);
	}
	if (req->preferBlank > DefaultBlanking) {
		return xp_error(c, BadValue, req->preferBlank);
	}
	if (req->allowExpose > DefaultExposures) {
		return xp_error(c, BadValue, req->allowExpose);
	}
	in->ss_timeout = req->timeout < 0 ? 600 : req->timeout;
	in->ss_interval = req->interval < 0 ? 600 : req->interval;
	in->ss_blanking = req->preferBlank == DefaultBlanking
					  ? PreferBlanking
					  : req->preferBlank;
	in->ss_exposures = req->allowExpose == DefaultExposures
					   ? AllowExposures
					   : req->allowExpose;
	return Success;
}

int
xp_proc_get_screen_saver(struct xp_client *c, const void *raw)
{
	struct xp_input *in = &c->server->input;
	xGetScreenSaverReply rep = {
		.timeout = (CARD16)in->ss_timeout,
		.interval = (CARD16)in->ss_interval,
		.preferBlanking = in->ss_blanking,
		.allowExposures = in->ss_exposures,
	};

	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_force_screen_saver(struct xp_client *c, const void *raw)
{
	const xForceScreenSaverReq *req = raw;

	if (req->mode > ScreenSaverActive) {
		return xp_error(c, BadValue, req->mode);
	}
	return Success;
}

/* The address length a family needs, or -1 for a family Xvfb refuses
 * (BadValue): Internet, InternetV6 and ServerInterpreted only. */
static int
host_length(uint8_t family)
{
	switch (family) {
	case FamilyInternet:
		return 4;
	case FamilyInternet6:
		return 16;
	case FamilyServerInterpreted:
		return 0;
	default:
		return -1;
	}
}

int
xp_proc_change_hosts(struct xp_client *c, const void *raw)
{
	const xChangeHostsReq *req = raw;
	struct xp_input *in = &c->server->input;
	struct xp_host *h, *tmp;
	int rc;

	if (req->mode > HostDelete) {
		return xp_error(c, BadValue, req->mode);
	}
	if ((rc = xp_req_check_tail(c, sz_xChangeHostsReq, req->hostLength)) !=
			Success) {
		return rc;
	}
	int need = host_length(req->hostFamily);
	if (need < 0) {
		return xp_error(c, BadValue, req->hostFamily);
	}
	if ((need > 0 && req->hostLength != need) || req->hostLength == 0) {
		return xp_error(c, BadValue, req->hostLength);
	}
	/* The list is kept and reported, though only the application itself
	 * can reach this server. */
	const uint8_t *addr = (const uint8_t *)&req[1];
	xp_list_for_each_safe(h, tmp, &in->hosts, link)
	{
		if (h->family == req->hostFamily && h->len == req->hostLength &&
				memcmp(h->addr, addr, h->len) == 0) {
			if (req->mode == HostDelete) {
				xp_list_remove(&h->link);
				free(h);
			}
			return Success;
		}
	}
	if (req->mode == HostDelete) {
		return Success;
	}
	h = malloc(sizeof(*h) + req->hostLength);
	if (h == NULL) {
		return BadAlloc;
	}
	h->family = req->hostFamily;
	h->len = req->hostLength;
	memcpy(h->addr, addr, h->len);
	xp_list_insert(in->hosts.prev, &h->link);
	return Success;
}

int
xp_proc_list_hosts(struct xp_client *c, const void *raw)
{
	struct xp_input *in = &c->server->input;
	struct xp_host *h;
	size_t bytes = 0, n = 0;

	xp_list_for_each(h, &in->hosts, link)
	{
		bytes += sz_xHostEntry + ((h->len + 3u) & ~3u);
		n++;
	}
	uint8_t *out = xp_server_scratch(c->server, bytes + 4);
	if (out == NULL) {
		return BadAlloc;
	}
	size_t at = 0;
	xp_list_for_each(h, &in->hosts, link)
	{
		xHostEntry e = { .family = h->family, .length = h->len };
		memcpy(out + at, &e, sz_xHostEntry);
		memcpy(out + at + sz_xHostEntry, h->addr, h->len);
		memset(out + at + sz_xHostEntry + h->len, 0,
				((h->len + 3u) & ~3u) - h->len);
		at += sz_xHostEntry + ((h->len + 3u) & ~3u);
	}
	xListHostsReply rep = {
		.enabled = in->access_control,
		.nHosts = (CARD16)n,
	};

	xp_reply(c, &rep, sizeof(rep), out, bytes);
	return Success;
}

int
xp_proc_set_access_control(struct xp_client *c, const void *raw)
{
	const xSetAccessControlReq *req = raw;

	if (req->mode > EnableAccess) {
		return xp_error(c, BadValue, req->mode);
	}
	c->server->input.access_control = req->mode == EnableAccess;
	return Success;
}

int
xp_proc_set_close_down_mode(struct xp_client *c, const void *raw)
{
	const xSetCloseDownModeReq *req = raw;

	if (req->mode > RetainTemporary) {
		return xp_error(c, BadValue, req->mode);
	}
	c->close_down_mode = req->mode;
	return Success;
}

int
xp_proc_kill_client(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_server *s = c->server;

	if (req->id == AllTemporary) {
		return Success;
	}
	struct xp_resource *res = xp_resource_find(&s->resources, req->id);
	if (res == NULL) {
		return xp_error(c, BadValue, req->id);
	}
	if (res->owner != NULL) {
		res->owner->closing = true;
	}
	return Success;
}

int
xp_proc_no_operation(struct xp_client *c, const void *raw)
{
	return Success;
}
