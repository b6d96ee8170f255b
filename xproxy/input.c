/* Input: the viewer's pointer and keys become core events, delivered and
 * propagated as the protocol says; grabs, focus and the pointer requests. */
#include "xproxy/input.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/cursor.h"
#include "xproxy/dispatch.h"
#include "xproxy/keymap.h"
#include "xproxy/log.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

#define ALL_BUTTON_MASKS                                                       \
	(Button1Mask | Button2Mask | Button3Mask | Button4Mask | Button5Mask)
#define POINTER_EVENT_MASKS                                                    \
	(ButtonPressMask | ButtonReleaseMask | EnterWindowMask |               \
			LeaveWindowMask | PointerMotionMask |                  \
			PointerMotionHintMask | Button1MotionMask |            \
			Button2MotionMask | Button3MotionMask |                \
			Button4MotionMask | Button5MotionMask |                \
			ButtonMotionMask | KeymapStateMask)

void
xp_input_init(struct xp_server *s)
{
	struct xp_input *in = &s->input;

	memset(in, 0, sizeof(*in));
	xp_list_init(&in->passive_grabs);
	in->x = s->options.width / 2;
	in->y = s->options.height / 2;
	/* Xvfb starts at PointerRoot with revert-to None (GetInputFocus). */
	in->focus = PointerRoot;
	in->revert_to = RevertToNone;
	in->n_buttons = 10;
	for (int i = 0; i < 256; i++) {
		in->pointer_map[i] = (uint8_t)i;
	}
	/* Xvfb's defaults (GetPointerControl, GetKeyboardControl). */
	in->accel_num = 2;
	in->accel_den = 1;
	in->threshold = 4;
	in->bell_percent = 50;
	in->bell_pitch = 400;
	in->bell_duration = 100;
	in->auto_repeat = AutoRepeatModeOn;
	/* Per key as the XKB map says (modifiers and locks do not repeat),
	 * which is what Xvfb reports. */
	for (int kc = 0; kc < 256; kc++) {
		if (xp_keymap_key_repeats(s->keymap, (uint8_t)kc)) {
			in->auto_repeats[kc >> 3] |= (uint8_t)(1u << (kc & 7));
		}
	}
	in->ss_timeout = 600;
	in->ss_interval = 600;
	in->ss_blanking = PreferBlanking;
	in->ss_exposures = AllowExposures;
	in->sprite = s->root;
	/* Xvfb starts with access control enabled and an empty list. */
	in->access_control = true;
	xp_list_init(&in->hosts);
}

void
xp_input_finish(struct xp_server *s)
{
	struct xp_passive_grab *g, *tmp;
	struct xp_host *h, *htmp;

	xp_list_for_each_safe(h, htmp, &s->input.hosts, link)
	{
		xp_list_remove(&h->link);
		free(h);
	}
	xp_list_for_each_safe(g, tmp, &s->input.passive_grabs, link)
	{
		xp_cursor_set(&g->cursor, NULL);
		xp_list_remove(&g->link);
		free(g);
	}
	xp_cursor_set(&s->input.pointer_grab.cursor, NULL);
}

void
xp_input_cursor_changed(struct xp_server *s)
{
	/* The front end reads the cursor when it needs it; nothing to do
	 * until cursor shapes reach the viewer. */
}

/* ---- hit testing ---- */

static bool
contains(struct xp_window *w, int32_t x, int32_t y)
{
	int32_t ox, oy;

	xp_window_root_origin(w, &ox, &oy);
	return x >= ox - w->border_width &&
	       x < ox + w->base.width + w->border_width &&
	       y >= oy - w->border_width &&
	       y < oy + w->base.height + w->border_width;
}

static struct xp_window *
window_at(struct xp_server *s, int32_t x, int32_t y)
{
	struct xp_window *w = s->root, *child;
	bool found = true;

	while (found) {
		found = false;
		xp_list_for_each_reverse(child, &w->children, sibling)
		{
			if (child->viewable && contains(child, x, y)) {
				w = child;
				found = true;
				break;
			}
		}
	}
	return w;
}

/* The child of ancestor on the way down to w, or NULL. */
static struct xp_window *
child_toward(struct xp_window *ancestor, struct xp_window *w)
{
	for (; w != NULL; w = w->parent) {
		if (w->parent == ancestor) {
			return w;
		}
	}
	return NULL;
}

/* ---- event construction ---- */

static void
fill_pointer_fields(struct xp_server *s, xEvent *ev, struct xp_window *event,
		struct xp_window *child)
{
	int32_t ox, oy;

	xp_window_root_origin(event, &ox, &oy);
	ev->u.keyButtonPointer.time = xp_server_time(s);
	ev->u.keyButtonPointer.root = s->root->base.res.id;
	ev->u.keyButtonPointer.event = event->base.res.id;
	ev->u.keyButtonPointer.child = child ? child->base.res.id : None;
	ev->u.keyButtonPointer.rootX = (INT16)s->input.x;
	ev->u.keyButtonPointer.rootY = (INT16)s->input.y;
	ev->u.keyButtonPointer.eventX = (INT16)(s->input.x - ox);
	ev->u.keyButtonPointer.eventY = (INT16)(s->input.y - oy);
	ev->u.keyButtonPointer.state = s->input.buttons | s->input.modifiers;
	ev->u.keyButtonPointer.sameScreen = xTrue;
}

/* The masks a device event matches. */
static uint32_t
event_type_mask(struct xp_server *s, uint8_t type)
{
	switch (type) {
	case KeyPress:
		return KeyPressMask;
	case KeyRelease:
		return KeyReleaseMask;
	case ButtonPress:
		return ButtonPressMask;
	case ButtonRelease:
		return ButtonReleaseMask;
	case MotionNotify: {
		uint32_t m = PointerMotionMask;
		uint16_t b = s->input.buttons;
		if (b & ALL_BUTTON_MASKS) {
			m |= ButtonMotionMask;
		}
		/* Button1MotionMask is 1<<8 like Button1Mask is 1<<8. */
		m |= b & ALL_BUTTON_MASKS;
		return m;
	}
	}
	return 0;
}

/* Delivers a device event through the grab, or up the tree from source
 * (not above stop, if given). Returns the client and window that got it. */
static bool
deliver_device(struct xp_server *s, xEvent *ev, struct xp_window *source,
		struct xp_window *stop, const struct xp_grab *grab,
		struct xp_client **got_client, struct xp_window **got_window)
{
	uint32_t mask = event_type_mask(s, ev->u.u.type);
	struct xp_window *w;

	if (grab != NULL && grab->client != NULL) {
		if (grab->owner_events) {
			for (w = source; w != NULL; w = w->parent) {
				uint32_t m = xp_window_client_event_mask(
						w, grab->client);
				if (m & mask) {
					fill_pointer_fields(s, ev, w,
							child_toward(w, source));
					xp_send_event_to(grab->client, ev);
					return true;
				}
				if (w->do_not_propagate & mask) {
					break;
				}
			}
		}
		if (grab->event_mask & mask) {
			fill_pointer_fields(s, ev, grab->window,
					child_toward(grab->window, source));
			xp_send_event_to(grab->client, ev);
		}
		return true;
	}
	for (w = source; w != NULL; w = w->parent) {
		if (xp_window_all_event_masks(w) & mask) {
			struct xp_event_client *ec;
			fill_pointer_fields(s, ev, w, child_toward(w, source));
			xp_list_for_each(ec, &w->event_clients, link)
			{
				if (ec->mask & mask) {
					xp_send_event_to(ec->client, ev);
					if (got_client != NULL &&
							*got_client == NULL) {
						*got_client = ec->client;
						*got_window = w;
					}
				}
			}
			return true;
		}
		if ((w->do_not_propagate & mask) || w == stop) {
			break;
		}
	}
	return false;
}

/* ---- crossing (Enter/Leave) and focus events ---- */

/* "KeymapNotify is generated immediately after every EnterNotify and
 * FocusIn" for the clients selecting KeymapState on the window (X11
 * protocol, KeymapNotify); to the grabbing client under a grab. */
static void
send_keymap_notify(struct xp_server *s, struct xp_window *w,
		struct xp_client *grab_client)
{
	xKeymapEvent ke = { 0 };

	ke.type = KeymapNotify;
	/* the event has no sequence number: keys 8-255 fill bytes 1-31 */
	memcpy(ke.map, &s->input.keys_down[1], sizeof(ke.map));
	if (grab_client != NULL) {
		if (xp_window_client_event_mask(w, grab_client) &
				KeymapStateMask) {
			xp_send_event_to(grab_client, &ke);
		}
		return;
	}
	xp_window_deliver(w, KeymapStateMask, &ke);
}

static void
send_crossing(struct xp_server *s, uint8_t type, struct xp_window *w,
		uint8_t detail, struct xp_window *pointer_window, uint8_t mode)
{
	uint32_t mask = type == EnterNotify ? EnterWindowMask : LeaveWindowMask;
	const struct xp_grab *grab = &s->input.pointer_grab;
	xEvent ev = { 0 };
	int32_t ox, oy;

	xp_window_root_origin(w, &ox, &oy);
	ev.u.u.type = type;
	ev.u.u.detail = detail;
	ev.u.enterLeave.time = xp_server_time(s);
	ev.u.enterLeave.root = s->root->base.res.id;
	ev.u.enterLeave.event = w->base.res.id;
	struct xp_window *child = child_toward(w, pointer_window);
	ev.u.enterLeave.child = child ? child->base.res.id : None;
	ev.u.enterLeave.rootX = (INT16)s->input.x;
	ev.u.enterLeave.rootY = (INT16)s->input.y;
	ev.u.enterLeave.eventX = (INT16)(s->input.x - ox);
	ev.u.enterLeave.eventY = (INT16)(s->input.y - oy);
	ev.u.enterLeave.state = s->input.buttons | s->input.modifiers;
	ev.u.enterLeave.mode = mode;
	uint8_t flags = ELFlagSameScreen;
	struct xp_window *f = s->input.focus_window;
	/* With PointerRoot focus every window counts as focused (Xvfb) */
	if (s->input.focus == PointerRoot ||
			(f != NULL && (f == w || xp_window_is_ancestor(
								 f, w)))) {
		flags |= ELFlagFocus;
	}
	ev.u.enterLeave.flags = flags;
	if (grab->client != NULL) {
		if (xp_window_client_event_mask(w, grab->client) & mask &&
				grab->owner_events) {
			xp_send_event_to(grab->client, &ev);
		} else if (w == grab->window && (grab->event_mask & mask)) {
			xp_send_event_to(grab->client, &ev);
		}
	} else {
		xp_window_deliver(w, mask, &ev);
	}
	if (type == EnterNotify) {
		send_keymap_notify(s, w, grab->client);
	}
}

static struct xp_window *
common_ancestor(struct xp_window *a, struct xp_window *b)
{
	for (struct xp_window *x = a; x != NULL; x = x->parent) {
		if (x == b || xp_window_is_ancestor(x, b)) {
			return x;
		}
	}
	return NULL;
}

/* Calls fn for the windows strictly between top and bottom (top an
 * ancestor of bottom), from top down or bottom up. */
static void
for_between(struct xp_window *top, struct xp_window *bottom, bool down,
		void (*fn)(struct xp_server *, struct xp_window *, void *),
		struct xp_server *s, void *data)
{
	struct xp_window *path[256];
	int n = 0;

	for (struct xp_window *w = bottom->parent; w != NULL && w != top;
			w = w->parent) {
		if (n < 256) {
			path[n++] = w;
		}
	}
	for (int i = 0; i < n; i++) {
		fn(s, path[down ? n - 1 - i : i], data);
	}
}

struct crossing_ctx {
	uint8_t type, detail, mode;
	struct xp_window *pointer_window;
};

static void
crossing_fn(struct xp_server *s, struct xp_window *w, void *data)
{
	struct crossing_ctx *c = data;

	send_crossing(s, c->type, w, c->detail, c->pointer_window, c->mode);
}

/* Leave/Enter events for the pointer moving from a to b (protocol,
 * "Pointer Window Events"). */
static void
cross(struct xp_server *s, struct xp_window *a, struct xp_window *b,
		uint8_t mode)
{
	struct crossing_ctx ctx = { .mode = mode };

	if (a == b) {
		return;
	}
	if (xp_window_is_ancestor(a, b)) {
		send_crossing(s, LeaveNotify, a, NotifyInferior, a, mode);
		ctx.type = EnterNotify;
		ctx.detail = NotifyVirtual;
		ctx.pointer_window = b;
		for_between(a, b, true, crossing_fn, s, &ctx);
		send_crossing(s, EnterNotify, b, NotifyAncestor, b, mode);
	} else if (xp_window_is_ancestor(b, a)) {
		send_crossing(s, LeaveNotify, a, NotifyAncestor, a, mode);
		ctx.type = LeaveNotify;
		ctx.detail = NotifyVirtual;
		ctx.pointer_window = a;
		for_between(b, a, false, crossing_fn, s, &ctx);
		send_crossing(s, EnterNotify, b, NotifyInferior, b, mode);
	} else {
		struct xp_window *c = common_ancestor(a, b);
		send_crossing(s, LeaveNotify, a, NotifyNonlinear, a, mode);
		ctx.type = LeaveNotify;
		ctx.detail = NotifyNonlinearVirtual;
		ctx.pointer_window = a;
		for_between(c, a, false, crossing_fn, s, &ctx);
		ctx.type = EnterNotify;
		ctx.pointer_window = b;
		for_between(c, b, true, crossing_fn, s, &ctx);
		send_crossing(s, EnterNotify, b, NotifyNonlinear, b, mode);
	}
}

static void
send_focus(struct xp_server *s, uint8_t type, struct xp_window *w,
		uint8_t detail, uint8_t mode)
{
	xEvent ev = { 0 };

	ev.u.u.type = type;
	ev.u.u.detail = detail;
	ev.u.focus.window = w->base.res.id;
	ev.u.focus.mode = mode;
	xp_window_deliver(w, FocusChangeMask, &ev);
	if (type == FocusIn) {
		send_keymap_notify(s, w, NULL);
	}
}

struct focus_ctx {
	uint8_t type, detail, mode;
};

static void
focus_fn(struct xp_server *s, struct xp_window *w, void *data)
{
	struct focus_ctx *f = data;

	send_focus(s, f->type, w, f->detail, f->mode);
}

/* FocusOut/FocusIn between two windows (protocol, "Input Focus Events");
 * PointerRoot and None are treated as the root with their own detail. */
/* FocusOut (from the pointer window up) or FocusIn (down to it) with detail
 * Pointer, on the windows between the pointer window P and top: top itself
 * only when with_top. Nothing unless P is top or inside it. */
static void
pointer_focus(struct xp_server *s, uint8_t type, struct xp_window *top,
		bool with_top, uint8_t mode)
{
	struct xp_window *path[256];
	struct xp_window *w;
	int n = 0;

	for (w = s->input.sprite; w != NULL && w != top; w = w->parent) {
		if (n < 256) {
			path[n++] = w;
		}
	}
	if (w == NULL) {
		return;
	}
	if (with_top && n < 256) {
		path[n++] = top;
	}
	for (int i = 0; i < n; i++) {
		send_focus(s, type, path[type == FocusOut ? i : n - 1 - i],
				NotifyPointer, mode);
	}
}

static bool
inferior(struct xp_window *w, struct xp_window *of)
{
	return w != NULL && w != of && xp_window_is_ancestor(of, w);
}

/* Focus events for the focus moving from one window (or PointerRoot or
 * None, when the window is NULL) to another, with the pointer in the sprite
 * window P (X11 protocol, FocusIn/FocusOut, in its order). */
static void
focus_change(struct xp_server *s, struct xp_window *from, uint32_t from_id,
		struct xp_window *to, uint32_t to_id, uint8_t mode)
{
	struct focus_ctx ctx = { .mode = mode };
	struct xp_window *root = s->root;
	struct xp_window *p = s->input.sprite;

	if (from == NULL || to == NULL) {
		/* PointerRoot or None on one side. */
		if (from != NULL) {
			if (inferior(p, from)) {
				pointer_focus(s, FocusOut, from, false, mode);
			}
			send_focus(s, FocusOut, from, NotifyNonlinear, mode);
			ctx.type = FocusOut;
			ctx.detail = NotifyNonlinearVirtual;
			for_between(root, from, false, focus_fn, s, &ctx);
			if (from != root) {
				send_focus(s, FocusOut, root,
						NotifyNonlinearVirtual, mode);
			}
		} else {
			if (from_id == PointerRoot) {
				pointer_focus(s, FocusOut, root, true, mode);
			}
			send_focus(s, FocusOut, root,
					from_id == PointerRoot
							? NotifyPointerRoot
							: NotifyDetailNone,
					mode);
		}
		if (to != NULL) {
			if (to != root) {
				send_focus(s, FocusIn, root,
						NotifyNonlinearVirtual, mode);
			}
			ctx.type = FocusIn;
			ctx.detail = NotifyNonlinearVirtual;
			for_between(root, to, true, focus_fn, s, &ctx);
			send_focus(s, FocusIn, to, NotifyNonlinear, mode);
			if (inferior(p, to)) {
				pointer_focus(s, FocusIn, to, false, mode);
			}
		} else {
			send_focus(s, FocusIn, root,
					to_id == PointerRoot ? NotifyPointerRoot
							     : NotifyDetailNone,
					mode);
			if (to_id == PointerRoot) {
				pointer_focus(s, FocusIn, root, true, mode);
			}
		}
		return;
	}
	if (from == to) {
		return;
	}
	if (xp_window_is_ancestor(from, to)) {
		if (inferior(p, from) && !inferior(p, to) && p != to &&
				!xp_window_is_ancestor(p, to)) {
			pointer_focus(s, FocusOut, from, false, mode);
		}
		send_focus(s, FocusOut, from, NotifyInferior, mode);
		ctx.type = FocusIn;
		ctx.detail = NotifyVirtual;
		for_between(from, to, true, focus_fn, s, &ctx);
		send_focus(s, FocusIn, to, NotifyAncestor, mode);
	} else if (xp_window_is_ancestor(to, from)) {
		send_focus(s, FocusOut, from, NotifyAncestor, mode);
		ctx.type = FocusOut;
		ctx.detail = NotifyVirtual;
		for_between(to, from, false, focus_fn, s, &ctx);
		send_focus(s, FocusIn, to, NotifyInferior, mode);
		if (inferior(p, to) && p != from && !inferior(p, from) &&
				!xp_window_is_ancestor(p, from)) {
			pointer_focus(s, FocusIn, to, false, mode);
		}
	} else {
		struct xp_window *c = common_ancestor(from, to);
		if (inferior(p, from)) {
			pointer_focus(s, FocusOut, from, false, mode);
		}
		send_focus(s, FocusOut, from, NotifyNonlinear, mode);
		ctx.type = FocusOut;
		ctx.detail = NotifyNonlinearVirtual;
		for_between(c, from, false, focus_fn, s, &ctx);
		ctx.type = FocusIn;
		for_between(c, to, true, focus_fn, s, &ctx);
		send_focus(s, FocusIn, to, NotifyNonlinear, mode);
		if (inferior(p, to)) {
			pointer_focus(s, FocusIn, to, false, mode);
		}
	}
}

void
xp_input_set_focus(struct xp_server *s, uint32_t id, struct xp_window *w,
		uint8_t revert_to, uint32_t time)
{
	uint8_t mode = s->input.keyboard_grab.client ? NotifyWhileGrabbed
						     : NotifyNormal;
	struct xp_input *in = &s->input;
	struct xp_window *old = in->focus_window;
	uint32_t old_id = in->focus;

	in->focus = id;
	in->focus_window = w;
	in->revert_to = revert_to;
	in->focus_time = time;
	if (old_id != id) {
		focus_change(s, old, old_id, w, id, mode);
	}
}

/* ---- pointer ---- */

static void
update_sprite(struct xp_server *s, uint8_t mode)
{
	struct xp_window *now = window_at(s, s->input.x, s->input.y);
	struct xp_window *old = s->input.sprite;

	if (now != old) {
		s->input.sprite = now;
		cross(s, old, now, mode);
	}
}

/* X11 protocol, SetInputFocus: when the focus window becomes not viewable,
 * the focus reverts to the closest viewable ancestor (revert-to Parent, and
 * revert-to becomes None), or to None or PointerRoot, with the focus events
 * of that change. */
static void
revert_unviewable_focus(struct xp_server *s)
{
	struct xp_input *in = &s->input;
	struct xp_window *w = in->focus_window;

	if (w == NULL || w->viewable) {
		return;
	}
	uint8_t mode = in->keyboard_grab.client ? NotifyWhileGrabbed
						: NotifyNormal;
	struct xp_window *to = NULL;
	uint32_t to_id = in->revert_to == RevertToPointerRoot ? PointerRoot
							      : None;
	if (in->revert_to == RevertToParent) {
		to = w->parent;
		while (to != NULL && !to->viewable) {
			to = to->parent;
		}
		to_id = to != NULL ? to->base.res.id : None;
		in->revert_to = RevertToNone;
	}
	in->focus = to_id;
	in->focus_window = to;
	focus_change(s, w, w->base.res.id, to, to_id, mode);
}

void
xp_input_tree_changed(struct xp_server *s)
{
	revert_unviewable_focus(s);
	update_sprite(s, NotifyNormal);
}

static void
release_grab(struct xp_server *s, struct xp_grab *g, bool pointer)
{
	if (g->client == NULL) {
		return;
	}
	struct xp_window *gw = g->window;
	xp_cursor_set(&g->cursor, NULL);
	memset(g, 0, sizeof(*g));
	if (pointer) {
		/* Crossing events as the pointer leaves the grab. */
		if (gw != s->input.sprite) {
			cross(s, gw, s->input.sprite, NotifyUngrab);
		}
	} else if (s->input.focus_window != gw) {
		focus_change(s, gw, gw->base.res.id, s->input.focus_window,
				s->input.focus, NotifyUngrab);
	}
}

static void
activate_grab(struct xp_server *s, struct xp_grab *g,
		const struct xp_grab *from, bool pointer)
{
	struct xp_window *old_target =
			pointer ? s->input.sprite : s->input.focus_window;

	*g = *from;
	if (g->cursor != NULL) {
		xp_cursor_ref(g->cursor);
	}
	/* Automatic grabs too: Xvfb sends EnterNotify(NotifyGrab) to the
	 * window that took the press when the pointer is in a descendant. */
	if (pointer && g->window != old_target) {
		cross(s, old_target, g->window, NotifyGrab);
	} else if (!pointer && g->window != old_target) {
		focus_change(s, old_target, s->input.focus, g->window,
				g->window->base.res.id, NotifyGrab);
	}
}

void
xp_input_grab(struct xp_server *s, bool pointer, const struct xp_grab *g)
{
	struct xp_input *in = &s->input;
	struct xp_grab *slot = pointer ? &in->pointer_grab : &in->keyboard_grab;
	struct xp_window *old = pointer ? in->sprite : in->focus_window;
	uint32_t old_id = pointer ? 0 : in->focus;

	if (slot->client != NULL) {
		old = slot->window;
		old_id = old->base.res.id;
	}
	/* Sent before the grab takes effect: Xvfb delivers them by the
	 * windows' own selections, not the grab's event mask. */
	if (old != g->window) {
		if (pointer) {
			cross(s, old, g->window, NotifyGrab);
		} else {
			focus_change(s, old, old_id, g->window,
					g->window->base.res.id, NotifyGrab);
		}
	}
	struct xp_grab ng = *g;
	ng.cursor = NULL;
	xp_cursor_set(&ng.cursor, g->cursor);
	xp_cursor_set(&slot->cursor, NULL);
	*slot = ng;
}

void
xp_input_ungrab(struct xp_server *s, bool pointer)
{
	release_grab(s,
			pointer ? &s->input.pointer_grab
				: &s->input.keyboard_grab,
			pointer);
}

static struct xp_passive_grab *
find_passive(struct xp_server *s, struct xp_window *w, bool is_key,
		uint8_t detail, uint16_t mods)
{
	struct xp_passive_grab *g;

	xp_list_for_each(g, &s->input.passive_grabs, link)
	{
		if (g->window == w && g->is_key == is_key &&
				(g->detail == AnyButton ||
						g->detail == detail) &&
				(g->modifiers == AnyModifier ||
						g->modifiers == mods)) {
			return g;
		}
	}
	return NULL;
}

/* The passive grab a press activates: the outermost window on the path
 * from root (or the focus window for keys) to source with a match. */
static struct xp_passive_grab *
passive_for(struct xp_server *s, struct xp_window *source, bool is_key,
		uint8_t detail)
{
	struct xp_window *path[256];
	int n = 0;
	uint16_t mods = s->input.modifiers;

	for (struct xp_window *w = source; w != NULL && n < 256;
			w = w->parent) {
		path[n++] = w;
	}
	for (int i = n - 1; i >= 0; i--) {
		struct xp_passive_grab *g =
				find_passive(s, path[i], is_key, detail, mods);
		if (g != NULL) {
			return g;
		}
	}
	return NULL;
}

static void
button_event(struct xp_server *s, uint8_t button, bool press)
{
	struct xp_input *in = &s->input;
	struct xp_grab *grab = &in->pointer_grab;
	xEvent ev = { 0 };

	ev.u.u.type = press ? ButtonPress : ButtonRelease;
	ev.u.u.detail = button;
	uint16_t before = in->buttons, after = before;
	if (button >= 1 && button <= 5) {
		uint16_t bit = (uint16_t)(Button1Mask << (button - 1));
		after = press ? (before | bit) : (before & ~bit);
	}
	/* The press reports the state before it; crossing events for the
	 * grab it activates already have the button down. */
	if (press && grab->client == NULL) {
		struct xp_passive_grab *pg =
				passive_for(s, in->sprite, false, button);
		if (pg != NULL) {
			struct xp_grab g = {
				.client = pg->client,
				.window = pg->window,
				.owner_events = pg->owner_events,
				.event_mask = pg->event_mask,
				.confine_to = pg->confine_to,
				.cursor = pg->cursor,
				.time = xp_server_time(s),
				.implicit = true, /* ends on release */
			};
			in->buttons = after;
			activate_grab(s, grab, &g, true);
			in->buttons = before;
		}
	}
	struct xp_client *got = NULL;
	struct xp_window *got_window = NULL;
	deliver_device(s, &ev, in->sprite, NULL, grab->client ? grab : NULL,
			&got, &got_window);
	in->buttons = after;
	if (press && grab->client == NULL && got != NULL) {
		/* An implicit grab for the client that got the press. */
		uint32_t m = xp_window_client_event_mask(got_window, got);
		struct xp_grab g = {
			.client = got,
			.window = got_window,
			.owner_events = (m & OwnerGrabButtonMask) != 0,
			.event_mask = m,
			.time = xp_server_time(s),
			.implicit = true,
		};
		activate_grab(s, grab, &g, true);
	}
	if (!press && grab->implicit && !(in->buttons & ALL_BUTTON_MASKS)) {
		release_grab(s, grab, true);
	}
}

void
xp_input_pointer(struct xp_server *s, int x, int y, uint32_t buttons)
{
	struct xp_input *in = &s->input;

	x = XP_MAX(0, XP_MIN(x, s->options.width - 1));
	y = XP_MAX(0, XP_MIN(y, s->options.height - 1));
	if (x != in->x || y != in->y) {
		in->x = x;
		in->y = y;
		update_sprite(s, NotifyNormal);
		xEvent ev = { 0 };
		ev.u.u.type = MotionNotify;
		ev.u.u.detail = NotifyNormal;
		deliver_device(s, &ev, in->sprite, NULL,
				in->pointer_grab.client ? &in->pointer_grab
							: NULL,
				NULL, NULL);
	}
	/* RFB bit n is button n + 1, through the pointer mapping. */
	for (int b = 0; b < 7; b++) {
		bool was = (in->viewer_buttons >> b) & 1;
		bool now = (buttons >> b) & 1;
		if (was == now) {
			continue;
		}
		in->viewer_buttons ^= 1u << b;
		uint8_t logical = in->pointer_map[b + 1];
		if (logical != 0) {
			button_event(s, logical, now);
		}
	}
}

/* ---- keyboard ---- */

static uint16_t
modifier_bits_of(struct xp_server *s, uint8_t keycode)
{
	const uint8_t *map = xp_keymap_modifier_map(s->keymap);
	uint8_t per = xp_keymap_keycodes_per_modifier(s->keymap);
	uint16_t bits = 0;

	for (int m = 0; m < 8; m++) {
		for (int i = 0; i < per; i++) {
			if (map[m * per + i] == keycode) {
				bits |= (uint16_t)(1u << m);
			}
		}
	}
	return bits;
}

static void
key_event(struct xp_server *s, uint8_t keycode, bool press)
{
	struct xp_input *in = &s->input;
	struct xp_grab *grab = &in->keyboard_grab;
	bool down = (in->keys_down[keycode >> 3] >> (keycode & 7)) & 1;
	xEvent ev = { 0 };

	if (!press && !down) {
		return;
	}
	ev.u.u.type = press ? KeyPress : KeyRelease;
	ev.u.u.detail = keycode;

	struct xp_window *source = in->sprite, *stop = NULL;
	if (grab->client == NULL) {
		if (in->focus == None) {
			goto update;
		}
		if (in->focus != PointerRoot) {
			struct xp_window *f = in->focus_window;
			if (f == NULL) {
				goto update;
			}
			if (source != f && !xp_window_is_ancestor(f, source)) {
				source = f;
			}
			stop = f;
		}
		if (press) {
			struct xp_passive_grab *pg =
					passive_for(s, source, true, keycode);
			if (pg != NULL) {
				struct xp_grab g = {
					.client = pg->client,
					.window = pg->window,
					.owner_events = pg->owner_events,
					.time = xp_server_time(s),
					.implicit = true,
				};
				activate_grab(s, grab, &g, false);
			}
		}
	}
	if (grab->client != NULL) {
		struct xp_grab g = *grab;
		g.event_mask = KeyPressMask | KeyReleaseMask;
		deliver_device(s, &ev, source, NULL, &g, NULL, NULL);
	} else {
		deliver_device(s, &ev, source, stop, NULL, NULL, NULL);
	}
update:
	if (press) {
		in->keys_down[keycode >> 3] |= (uint8_t)(1u << (keycode & 7));
	} else {
		in->keys_down[keycode >> 3] &= (uint8_t) ~(1u << (keycode & 7));
	}
	uint16_t bits = modifier_bits_of(s, keycode);
	if (bits & LockMask) {
		/* Lock is a locking modifier: it toggles on press. */
		if (press) {
			in->modifiers ^= LockMask;
		}
		bits &= (uint16_t)~LockMask;
	}
	if (press) {
		in->modifiers |= bits;
	} else {
		in->modifiers &= (uint16_t)~bits;
	}
	if (!press && grab->implicit) {
		release_grab(s, grab, false);
	}
}

static void
send_mapping_notify(struct xp_server *s, uint8_t request, uint8_t first,
		uint8_t count)
{
	xEvent ev = { 0 };

	ev.u.u.type = MappingNotify;
	ev.u.mappingNotify.request = request;
	ev.u.mappingNotify.firstKeyCode = first;
	ev.u.mappingNotify.count = count;
	/* Every client gets MappingNotify, selected or not. */
	for (int i = 0; i < XP_MAX_CLIENTS; i++) {
		if (s->clients[i] != NULL) {
			xp_send_event_to(s->clients[i], &ev);
		}
	}
}

/* Presses or releases the modifier keys that make in->modifiers match
 * want for the bits in mask. */
static void
set_modifiers(struct xp_server *s, uint16_t want, uint16_t mask)
{
	for (int m = 0; m < 8; m++) {
		uint16_t bit = (uint16_t)(1u << m);
		if (!(mask & bit) || bit == LockMask ||
				((s->input.modifiers & bit) == (want & bit))) {
			continue;
		}
		if (want & bit) {
			uint8_t kc = xp_keymap_modifier_keycode(s->keymap, bit);
			if (kc != 0) {
				key_event(s, kc, true);
			}
		} else {
			/* Release every key holding this modifier. */
			for (int kc = 8; kc < 256; kc++) {
				bool down = (s->input.keys_down[kc >> 3] >>
							    (kc & 7)) &
					    1;
				if (down && (modifier_bits_of(s, (uint8_t)kc) &
							    bit)) {
					key_event(s, (uint8_t)kc, false);
				}
			}
		}
	}
}

void
xp_input_keysym(struct xp_server *s, uint32_t keysym, bool down)
{
	struct xp_input *in = &s->input;
	uint8_t keycode;
	uint16_t mods;
	bool changed = false;

	if (!down) {
		/* Release whatever this keysym pressed. */
		for (int kc = 8; kc < 256; kc++) {
			if (in->pressed_keysym[kc] == keysym &&
					((in->viewer_keys[kc >> 3] >>
							 (kc & 7)) &
							1)) {
				in->viewer_keys[kc >> 3] &=
						(uint8_t) ~(1u << (kc & 7));
				in->pressed_keysym[kc] = 0;
				key_event(s, (uint8_t)kc, false);
			}
		}
		return;
	}
	if (!xp_keymap_lookup_keysym(
			    s->keymap, keysym, &keycode, &mods, &changed)) {
		xp_log(XP_LOG_DEBUG, "no keycode for keysym 0x%x", keysym);
		return;
	}
	if (changed) {
		send_mapping_notify(s, MappingKeyboard, keycode, 1);
	}
	uint16_t mod_key_bits = modifier_bits_of(s, keycode);
	if (mod_key_bits != 0) {
		/* A modifier key itself: press it as it is. */
		key_event(s, keycode, true);
	} else {
		/* Shift and the level-3 modifier as the keysym needs them,
		 * then back as the viewer had them. */
		uint16_t relevant = ShiftMask | Mod5Mask | Mod2Mask;
		uint16_t saved = in->modifiers;
		set_modifiers(s, mods, relevant);
		key_event(s, keycode, true);
		set_modifiers(s, saved, relevant);
	}
	in->viewer_keys[keycode >> 3] |= (uint8_t)(1u << (keycode & 7));
	in->pressed_keysym[keycode] = keysym;
}

void
xp_input_release_all(struct xp_server *s)
{
	struct xp_input *in = &s->input;

	for (int kc = 8; kc < 256; kc++) {
		if ((in->viewer_keys[kc >> 3] >> (kc & 7)) & 1) {
			in->viewer_keys[kc >> 3] &= (uint8_t) ~(1u << (kc & 7));
			in->pressed_keysym[kc] = 0;
			key_event(s, (uint8_t)kc, false);
		}
	}
	xp_input_pointer(s, in->x, in->y, 0);
}

/* ---- lifetime ---- */

void
xp_input_window_gone(struct xp_server *s, struct xp_window *w)
{
	struct xp_input *in = &s->input;
	struct xp_passive_grab *g, *tmp;

	xp_list_for_each_safe(g, tmp, &in->passive_grabs, link)
	{
		if (g->window == w || g->confine_to == w) {
			xp_cursor_set(&g->cursor, NULL);
			xp_list_remove(&g->link);
			free(g);
		}
	}
	if (in->pointer_grab.window == w || in->pointer_grab.confine_to == w) {
		xp_cursor_set(&in->pointer_grab.cursor, NULL);
		memset(&in->pointer_grab, 0, sizeof(in->pointer_grab));
	}
	if (in->keyboard_grab.window == w) {
		memset(&in->keyboard_grab, 0, sizeof(in->keyboard_grab));
	}
	if (in->focus_window == w) {
		/* Revert as SetInputFocus's revert-to says. */
		struct xp_window *p = w->parent;
		while (p != NULL && p->destroying) {
			p = p->parent;
		}
		uint8_t rt = in->revert_to;
		in->focus_window = NULL;
		in->focus = None;
		if (rt == RevertToParent && p != NULL) {
			in->focus = p->base.res.id;
			in->focus_window = p;
			in->revert_to = RevertToNone;
		} else if (rt == RevertToPointerRoot) {
			in->focus = PointerRoot;
		}
	}
	if (in->sprite == w ||
			(in->sprite != NULL &&
					xp_window_is_ancestor(w, in->sprite))) {
		struct xp_window *p = w->parent;
		while (p != NULL && p->destroying) {
			p = p->parent;
		}
		in->sprite = p ? p : s->root;
	}
}

void
xp_input_client_gone(struct xp_server *s, struct xp_client *c)
{
	struct xp_input *in = &s->input;
	struct xp_passive_grab *g, *tmp;

	xp_list_for_each_safe(g, tmp, &in->passive_grabs, link)
	{
		if (g->client == c) {
			xp_cursor_set(&g->cursor, NULL);
			xp_list_remove(&g->link);
			free(g);
		}
	}
	if (in->pointer_grab.client == c) {
		release_grab(s, &in->pointer_grab, true);
	}
	if (in->keyboard_grab.client == c) {
		release_grab(s, &in->keyboard_grab, false);
	}
	if (s->grabbing_client == c) {
		s->grabbing_client = NULL;
	}
}
