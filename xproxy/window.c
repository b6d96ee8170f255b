#include "xproxy/window.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/colormap.h"
#include "xproxy/cursor.h"
#include "xproxy/damage.h"
#include "xproxy/dispatch.h"
#include "xproxy/input.h"
#include "xproxy/log.h"
#include "xproxy/proc.h"
#include "xproxy/property.h"
#include "xproxy/render.h"
#include "xproxy/selection.h"
#include "xproxy/server.h"

/* Only one client at a time may select these on a window (protocol,
 * ChangeWindowAttributes). */
#define EXCLUSIVE_MASKS                                                        \
	(SubstructureRedirectMask | ResizeRedirectMask | ButtonPressMask)

static void window_destroy_resource(struct xp_resource *res);

/* One client's ChangeSaveSet entry on a window. */
struct xp_save_set {
	struct xp_client *client;
	struct xp_list link;
};

const struct xp_resource_type xp_window_type = {
	.name = "window",
	.error = BadWindow,
	.destroy = window_destroy_resource,
};

int
xp_lookup_window(struct xp_client *c, uint32_t id, struct xp_window **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || res->type != &xp_window_type) {
		return xp_error(c, BadWindow, id);
	}
	*out = (struct xp_window *)res;
	return Success;
}

bool
xp_window_is_ancestor(
		const struct xp_window *ancestor, const struct xp_window *w)
{
	for (w = w->parent; w != NULL; w = w->parent) {
		if (w == ancestor) {
			return true;
		}
	}
	return false;
}

struct xp_window *
xp_window_toplevel_of(struct xp_window *w)
{
	if (w->parent == NULL) {
		return NULL;
	}
	while (w->parent->parent != NULL) {
		w = w->parent;
	}
	return w;
}

static void
window_init(struct xp_window *w, struct xp_server *server, uint32_t id,
		struct xp_client *owner)
{
	w->base.res.id = id;
	w->base.res.type = &xp_window_type;
	w->base.res.owner = owner;
	w->base.server = server;
	w->base.is_window = true;
	w->base.bpp = 32;
	xp_list_init(&w->children);
	xp_list_init(&w->sibling);
	xp_list_init(&w->event_clients);
	xp_list_init(&w->properties);
	xp_list_init(&w->save_set_clients);
	pixman_region32_init(&w->clip);
	pixman_region32_init(&w->inferiors_clip);
	pixman_region32_init(&w->border_clip);
	w->bit_gravity = ForgetGravity;
	w->win_gravity = NorthWestGravity;
	w->backing_planes = 0xffffffff;
	w->class = InputOutput;
}

struct xp_window *
xp_window_create_root(struct xp_server *server)
{
	struct xp_window *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		return NULL;
	}
	window_init(w, server, XP_ROOT_WINDOW, NULL);
	w->base.depth = XP_ROOT_DEPTH;
	w->base.width = (uint16_t)server->options.width;
	w->base.height = (uint16_t)server->options.height;
	w->visual = XP_ROOT_VISUAL;
	w->colormap = XP_ROOT_COLORMAP;
	w->mapped = true;
	w->viewable = true;
	w->background = XP_BG_PIXEL;
	w->background_pixel = 0;
	if (!xp_resource_add(&server->resources, &w->base.res)) {
		return NULL;
	}
	return w;
}

/* ---- event selection ---- */

uint32_t
xp_window_all_event_masks(const struct xp_window *w)
{
	const struct xp_event_client *ec;
	uint32_t mask = 0;

	if (w == NULL) {
		return 0;
	}
	xp_list_for_each(ec, &w->event_clients, link)
	{
		mask |= ec->mask;
	}
	return mask;
}

uint32_t
xp_window_client_event_mask(
		const struct xp_window *w, const struct xp_client *c)
{
	const struct xp_event_client *ec;

	xp_list_for_each(ec, &w->event_clients, link)
	{
		if (ec->client == c) {
			return ec->mask;
		}
	}
	return 0;
}

int
xp_window_deliver(struct xp_window *w, uint32_t mask, const void *event)
{
	struct xp_event_client *ec;
	int n = 0;

	xp_list_for_each(ec, &w->event_clients, link)
	{
		if (ec->mask & mask) {
			xp_send_event_to(ec->client, event);
			n++;
		}
	}
	return n;
}

static int
check_exclusive_mask(struct xp_client *c, struct xp_window *w, uint32_t mask)
{
	const struct xp_event_client *ec;

	xp_list_for_each(ec, &w->event_clients, link)
	{
		if (ec->client != c && (ec->mask & mask & EXCLUSIVE_MASKS)) {
			return BadAccess;
		}
	}
	return Success;
}

static bool
set_event_mask(struct xp_client *c, struct xp_window *w, uint32_t mask)
{
	struct xp_event_client *ec;

	xp_list_for_each(ec, &w->event_clients, link)
	{
		if (ec->client == c) {
			if (mask == 0) {
				xp_list_remove(&ec->link);
				free(ec);
			} else {
				ec->mask = mask;
			}
			return true;
		}
	}
	if (mask == 0) {
		return true;
	}
	ec = calloc(1, sizeof(*ec));
	if (ec == NULL) {
		return false;
	}
	ec->client = c;
	ec->mask = mask;
	xp_list_insert(w->event_clients.prev, &ec->link);
	return true;
}

static void
forget_client_on(struct xp_window *w, struct xp_client *c)
{
	struct xp_event_client *ec, *tmp;
	struct xp_save_set *ss, *stmp;
	struct xp_window *child;

	xp_list_for_each_safe(ec, tmp, &w->event_clients, link)
	{
		if (ec->client == c) {
			xp_list_remove(&ec->link);
			free(ec);
		}
	}
	xp_list_for_each_safe(ss, stmp, &w->save_set_clients, link)
	{
		if (ss->client == c) {
			xp_list_remove(&ss->link);
			free(ss);
		}
	}
	xp_list_for_each(child, &w->children, sibling)
	{
		forget_client_on(child, c);
	}
}

void
xp_window_forget_client(struct xp_window *root, struct xp_client *c)
{
	forget_client_on(root, c);
}

/* ---- structure events ---- */

/* Sends ev to w's StructureNotify selectors and to its parent's
 * SubstructureNotify selectors, with the event window field (at byte 4)
 * set to the receiving window each time, as the protocol requires. */
static void
deliver_structure(struct xp_window *w, xEvent *ev)
{
	uint32_t *event_field = (uint32_t *)((uint8_t *)ev + 4);

	*event_field = w->base.res.id;
	xp_window_deliver(w, StructureNotifyMask, ev);
	if (w->parent != NULL) {
		*event_field = w->parent->base.res.id;
		xp_window_deliver(w->parent, SubstructureNotifyMask, ev);
	}
}

/* The client that redirects structure requests on w's parent, if it is
 * not c itself (then c's request becomes a MapRequest etc.). */
static struct xp_client *
redirecting_client(struct xp_window *w, struct xp_client *c)
{
	struct xp_event_client *ec;

	if (w->parent == NULL) {
		return NULL;
	}
	xp_list_for_each(ec, &w->parent->event_clients, link)
	{
		if (ec->mask & SubstructureRedirectMask) {
			return ec->client == c ? NULL : ec->client;
		}
	}
	return NULL;
}

/* ---- geometry and clips ---- */

static void
outer_box(const struct xp_window *w, int32_t ox, int32_t oy, pixman_box32_t *b)
{
	/* (ox, oy): the parent's inside origin in toplevel coordinates. */
	b->x1 = ox + w->x;
	b->y1 = oy + w->y;
	b->x2 = b->x1 + w->base.width + 2 * w->border_width;
	b->y2 = b->y1 + w->base.height + 2 * w->border_width;
}

/* Computes clips for w (whose available area in toplevel coordinates is
 * avail) and its subtree. Origins: (ix, iy) is w's inside origin in
 * toplevel coordinates, (rx, ry) in root coordinates. */
static void
compute_clips(struct xp_window *w, struct xp_toplevel *top,
		const pixman_region32_t *avail, int32_t ix, int32_t iy,
		int32_t rx, int32_t ry)
{
	pixman_region32_t child_avail, above;
	struct xp_window *child;

	w->top = top;
	w->origin_x = rx;
	w->origin_y = ry;
	pixman_region32_copy(&w->border_clip, avail);
	pixman_region32_intersect_rect(&w->inferiors_clip, avail, ix, iy,
			w->base.width, w->base.height);
	pixman_region32_copy(&w->clip, &w->inferiors_clip);

	/* Children, top of the stack first, each hiding what is below. */
	pixman_region32_init(&above);
	pixman_region32_init(&child_avail);
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		pixman_box32_t b;

		child->viewable = w->viewable && child->mapped;
		outer_box(child, ix, iy, &b);
		if (!child->viewable) {
			pixman_region32_clear(&child_avail);
		} else {
			pixman_region32_intersect_rect(&child_avail,
					&w->inferiors_clip, b.x1, b.y1,
					(uint32_t)(b.x2 - b.x1),
					(uint32_t)(b.y2 - b.y1));
			pixman_region32_subtract(
					&child_avail, &child_avail, &above);
		}
		compute_clips(child, top, &child_avail,
				ix + child->x + child->border_width,
				iy + child->y + child->border_width,
				rx + child->x + child->border_width,
				ry + child->y + child->border_width);
		/* InputOnly windows are invisible and hide nothing. */
		if (child->viewable && child->class == InputOutput) {
			pixman_region32_union_rect(&above, &above, b.x1, b.y1,
					(uint32_t)(b.x2 - b.x1),
					(uint32_t)(b.y2 - b.y1));
		}
	}
	pixman_region32_subtract(&w->clip, &w->clip, &above);
	pixman_region32_fini(&above);
	pixman_region32_fini(&child_avail);
}

struct clip_snapshot {
	struct xp_window *w;
	pixman_region32_t clip;
	pixman_region32_t border_clip;
	int32_t rel_x, rel_y; /* inside origin in toplevel coordinates */
	bool viewable;
	uint16_t width, height;
};

static int32_t
rel_x(const struct xp_window *w, const struct xp_window *t)
{
	return w->origin_x - (t->origin_x - t->border_width);
}

static int32_t
rel_y(const struct xp_window *w, const struct xp_window *t)
{
	return w->origin_y - (t->origin_y - t->border_width);
}

static size_t
count_subtree(const struct xp_window *w)
{
	const struct xp_window *child;
	size_t n = 1;

	xp_list_for_each(child, &w->children, sibling)
	{
		n += count_subtree(child);
	}
	return n;
}

/* Preorder with children top of the stack first, the order in which the
 * X server walks the tree for exposures. */
static void
snapshot_subtree(struct xp_window *w, const struct xp_window *t,
		struct clip_snapshot *snap, size_t *i)
{
	struct xp_window *child;
	struct clip_snapshot *s = &snap[(*i)++];

	s->w = w;
	pixman_region32_init(&s->clip);
	pixman_region32_init(&s->border_clip);
	pixman_region32_copy(&s->clip, &w->clip);
	pixman_region32_copy(&s->border_clip, &w->border_clip);
	s->rel_x = rel_x(w, t);
	s->rel_y = rel_y(w, t);
	s->viewable = w->viewable;
	s->width = w->base.width;
	s->height = w->base.height;
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		snapshot_subtree(child, t, snap, i);
	}
}

static void
paint_border(struct xp_window *w)
{
	pixman_region32_t ring;
	int32_t ix, iy;

	if (w->border_width == 0 || !w->viewable || w->class != InputOutput ||
			w->top == NULL) {
		return;
	}
	ix = w->origin_x -
	     (w->top->window->origin_x - w->top->window->border_width);
	iy = w->origin_y -
	     (w->top->window->origin_y - w->top->window->border_width);
	pixman_region32_init(&ring);
	pixman_region32_init_rect(&ring, ix, iy, w->base.width, w->base.height);
	pixman_region32_subtract(&ring, &w->border_clip, &ring);
	if (pixman_region32_not_empty(&ring)) {
		if (w->border_is_pixmap && w->border_pixmap != NULL) {
			/* The border tile's origin is the window's origin. */
			xp_render_tile_region(w->top->image, &ring,
					w->border_pixmap, ix, iy);
		} else {
			xp_render_solid_region(
					w->top->image, &ring, w->border_pixel);
		}
		xp_damage_add(w->top, &ring);
	}
	pixman_region32_fini(&ring);
}

void
xp_window_expose(struct xp_window *w, const pixman_region32_t *region,
		bool paint, bool send_expose)
{
	struct xp_window *bgw = w;
	int32_t top_ox, top_oy;

	if (w->top == NULL || !w->viewable || w->class != InputOutput) {
		return;
	}
	top_ox = w->top->window->origin_x - w->top->window->border_width;
	top_oy = w->top->window->origin_y - w->top->window->border_width;
	while (bgw->background == XP_BG_PARENT_RELATIVE && bgw->parent) {
		bgw = bgw->parent;
	}
	if (paint && bgw->background == XP_BG_PIXEL) {
		xp_render_solid_region(
				w->top->image, region, bgw->background_pixel);
		xp_damage_add(w->top, region);
	} else if (paint && bgw->background == XP_BG_PIXMAP &&
			bgw->background_pixmap != NULL) {
		/* ParentRelative tiles keep the parent's origin. */
		xp_render_tile_region(w->top->image, region,
				bgw->background_pixmap, bgw->origin_x - top_ox,
				bgw->origin_y - top_oy);
		xp_damage_add(w->top, region);
	}
	if (!send_expose || !(xp_window_all_event_masks(w) & ExposureMask)) {
		return;
	}
	int n = 0;
	const pixman_box32_t *boxes = pixman_region32_rectangles(
			(pixman_region32_t *)region, &n);
	for (int i = 0; i < n; i++) {
		xEvent ev = { 0 };
		ev.u.u.type = Expose;
		ev.u.expose.window = w->base.res.id;
		ev.u.expose.x = (INT16)(boxes[i].x1 + top_ox - w->origin_x);
		ev.u.expose.y = (INT16)(boxes[i].y1 + top_oy - w->origin_y);
		ev.u.expose.width = (CARD16)(boxes[i].x2 - boxes[i].x1);
		ev.u.expose.height = (CARD16)(boxes[i].y2 - boxes[i].y1);
		ev.u.expose.count = (CARD16)(n - 1 - i);
		xp_window_deliver(w, ExposureMask, &ev);
	}
}

static void
revalidate_toplevel(struct xp_window *t)
{
	pixman_region32_t avail;
	struct xp_toplevel *top = t->top;

	t->viewable = t->mapped;
	pixman_region32_init(&avail);
	if (t->viewable) {
		pixman_region32_init_rect(&avail, 0, 0,
				t->base.width + 2u * t->border_width,
				t->base.height + 2u * t->border_width);
	}
	compute_clips(t, top, &avail, t->border_width, t->border_width,
			t->parent->origin_x + t->x + t->border_width,
			t->parent->origin_y + t->y + t->border_width);
	pixman_region32_fini(&avail);
}

/* Clears clips of a subtree that is no longer in a toplevel. */
static void
clear_clips(struct xp_window *w)
{
	struct xp_window *child;

	w->viewable = false;
	if (w->top != NULL && w->top->window != w) {
		w->top = NULL;
	}
	pixman_region32_clear(&w->clip);
	pixman_region32_clear(&w->inferiors_clip);
	pixman_region32_clear(&w->border_clip);
	xp_list_for_each(child, &w->children, sibling)
	{
		clear_clips(child);
	}
}

void
xp_window_validate(struct xp_window *w)
{
	struct xp_window *t = xp_window_toplevel_of(w);

	if (t == NULL) {
		/* The root: nothing of it is drawn, but each toplevel may
		 * have changed. */
		struct xp_window *child;
		xp_list_for_each(child, &w->children, sibling)
		{
			xp_window_validate(child);
		}
		return;
	}
	if (t->top == NULL) {
		/* InputOnly toplevels have no image; only track mapping. */
		t->viewable = t->mapped;
		return;
	}

	size_t n = count_subtree(t), i = 0;
	struct clip_snapshot *snap = calloc(n, sizeof(*snap));
	if (snap == NULL) {
		revalidate_toplevel(t);
		return;
	}
	snapshot_subtree(t, t, snap, &i);
	revalidate_toplevel(t);

	pixman_region32_t exposed, kept;
	pixman_region32_init(&exposed);
	pixman_region32_init(&kept);
	for (i = 0; i < n; i++) {
		struct clip_snapshot *s = &snap[i];
		struct xp_window *win = s->w;
		int32_t dx = rel_x(win, t) - s->rel_x;
		int32_t dy = rel_y(win, t) - s->rel_y;

		if (win->viewable &&
				(!s->viewable || dx != 0 || dy != 0 ||
						!pixman_region32_equal(
								&s->border_clip,
								&win->border_clip))) {
			paint_border(win);
		}
		if (!win->viewable) {
			continue;
		}
		pixman_region32_copy(&exposed, &win->clip);
		if (win->contents_lost) {
			win->contents_lost = false;
		} else if (s->viewable && s->width == win->base.width &&
				s->height == win->base.height) {
			/* Contents moved along with the window (the caller
			 * copied them), so only what was hidden is new. */
			pixman_region32_copy(&kept, &s->clip);
			pixman_region32_translate(&kept, dx, dy);
			pixman_region32_subtract(&exposed, &exposed, &kept);
		} else if (s->viewable && dx == 0 && dy == 0 &&
				win->bit_gravity != ForgetGravity) {
			pixman_region32_subtract(&exposed, &exposed, &s->clip);
		}
		if (pixman_region32_not_empty(&exposed)) {
			xp_window_expose(win, &exposed, true, true);
		}
	}
	pixman_region32_fini(&exposed);
	pixman_region32_fini(&kept);
	for (i = 0; i < n; i++) {
		pixman_region32_fini(&snap[i].clip);
		pixman_region32_fini(&snap[i].border_clip);
	}
	free(snap);
}

/* ---- toplevel images ---- */

static bool
toplevel_alloc_image(struct xp_window *t)
{
	uint32_t w = t->base.width + 2u * t->border_width;
	uint32_t h = t->base.height + 2u * t->border_width;
	pixman_image_t *old = t->top->image;
	pixman_image_t *img;

	/* pixman images are limited to 2^31 bytes; so are we. */
	if ((uint64_t)w * h * 4 >= (1ull << 31)) {
		return false;
	}
	img = pixman_image_create_bits(
			PIXMAN_x8r8g8b8, (int)w, (int)h, NULL, 0);
	if (img == NULL) {
		return false;
	}
	if (old != NULL) {
		/* Keep what overlaps; validation exposes the rest. */
		pixman_image_composite32(PIXMAN_OP_SRC, old, NULL, img, 0, 0, 0,
				0, 0, 0, (int)w, (int)h);
		pixman_image_unref(old);
	}
	t->top->image = img;
	t->top->configured = true;
	return true;
}

static bool
make_toplevel(struct xp_window *w)
{
	struct xp_server *s = w->base.server;

	if (w->class != InputOutput) {
		return true;
	}
	w->top = calloc(1, sizeof(*w->top));
	if (w->top == NULL) {
		return false;
	}
	w->top->window = w;
	pixman_region32_init(&w->top->damage);
	if (!toplevel_alloc_image(w)) {
		free(w->top);
		w->top = NULL;
		return false;
	}
	xp_list_insert(s->toplevels.prev, &w->top->link);
	return true;
}

static void
unmake_toplevel(struct xp_window *w)
{
	struct xp_toplevel *top = w->top;

	if (top == NULL || top->window != w) {
		return;
	}
	xp_damage_toplevel_gone(w->base.server, top);
	xp_list_remove(&top->link);
	pixman_region32_fini(&top->damage);
	pixman_image_unref(top->image);
	free(top);
	w->top = NULL;
}

/* Keeps server->toplevels in the root's stacking order. */
static void
restack_toplevels(struct xp_server *s)
{
	struct xp_window *child;

	xp_list_init(&s->toplevels);
	xp_list_for_each(child, &s->root->children, sibling)
	{
		if (child->top != NULL && child->top->window == child) {
			xp_list_insert(s->toplevels.prev, &child->top->link);
			child->top->configured = true;
		}
	}
}

/* ---- attributes ---- */

struct attr_values {
	uint32_t mask;
	enum xp_background background;
	uint32_t background_pixel;
	struct xp_pixmap *background_pixmap;
	bool border_is_pixmap;
	uint32_t border_pixel;
	struct xp_pixmap *border_pixmap;
	uint8_t bit_gravity, win_gravity, backing_store;
	uint32_t backing_planes, backing_pixel;
	bool override_redirect, save_under;
	uint32_t event_mask, do_not_propagate, colormap;
	struct xp_cursor *cursor;
	bool cursor_none;
};

#define INPUT_ONLY_ATTRS                                                       \
	(CWWinGravity | CWEventMask | CWDontPropagate | CWOverrideRedirect |   \
			CWCursor)

/* Validates a CreateWindow/ChangeWindowAttributes value list against w
 * (whose parent, depth and class are already set). Mutates nothing. */
static int
parse_attributes(struct xp_client *c, struct xp_window *w, uint32_t mask,
		const uint32_t *v, struct attr_values *a)
{
	int rc;

	memset(a, 0, sizeof(*a));
	a->mask = mask;
	if (w->class == InputOnly && (mask & ~INPUT_ONLY_ATTRS)) {
		return xp_error(c, BadMatch, 0);
	}
	for (uint32_t bit = 1; bit <= CWCursor; bit <<= 1) {
		if (!(mask & bit)) {
			continue;
		}
		uint32_t val = *v++;
		switch (bit) {
		case CWBackPixmap:
			if (val == None) {
				a->background = XP_BG_NONE;
			} else if (val == ParentRelative) {
				if (w->parent == NULL ||
						w->parent->base.depth !=
								w->base.depth) {
					return xp_error(c, BadMatch, val);
				}
				a->background = XP_BG_PARENT_RELATIVE;
			} else {
				if ((rc = xp_lookup_pixmap(c, val,
						     &a->background_pixmap)) !=
						Success) {
					return rc;
				}
				if (a->background_pixmap->base.depth !=
						w->base.depth) {
					return xp_error(c, BadMatch, val);
				}
				a->background = XP_BG_PIXMAP;
			}
			break;
		case CWBackPixel:
			a->background = XP_BG_PIXEL;
			a->background_pixel = val;
			a->background_pixmap = NULL;
			break;
		case CWBorderPixmap:
			if (val == CopyFromParent) {
				if (w->parent == NULL ||
						w->parent->base.depth !=
								w->base.depth) {
					return xp_error(c, BadMatch, val);
				}
				a->border_is_pixmap =
						w->parent->border_is_pixmap;
				a->border_pixmap = w->parent->border_pixmap;
				a->border_pixel = w->parent->border_pixel;
			} else {
				if ((rc = xp_lookup_pixmap(c, val,
						     &a->border_pixmap)) !=
						Success) {
					return rc;
				}
				if (a->border_pixmap->base.depth !=
						w->base.depth) {
					return xp_error(c, BadMatch, val);
				}
				a->border_is_pixmap = true;
			}
			break;
		case CWBorderPixel:
			a->border_is_pixmap = false;
			a->border_pixmap = NULL;
			a->border_pixel = val;
			break;
		case CWBitGravity:
			if (val > StaticGravity) {
				return xp_error(c, BadValue, val);
			}
			a->bit_gravity = (uint8_t)val;
			break;
		case CWWinGravity:
			if (val > StaticGravity) {
				return xp_error(c, BadValue, val);
			}
			a->win_gravity = (uint8_t)val;
			break;
		case CWBackingStore:
			if (val > Always) {
				return xp_error(c, BadValue, val);
			}
			a->backing_store = (uint8_t)val;
			break;
		case CWBackingPlanes:
			a->backing_planes = val;
			break;
		case CWBackingPixel:
			a->backing_pixel = val;
			break;
		case CWOverrideRedirect:
			if (val > xTrue) {
				return xp_error(c, BadValue, val);
			}
			a->override_redirect = val;
			break;
		case CWSaveUnder:
			if (val > xTrue) {
				return xp_error(c, BadValue, val);
			}
			a->save_under = val;
			break;
		case CWEventMask:
			if (val & ~(uint32_t)0x01ffffff) {
				return xp_error(c, BadValue, val);
			}
			if ((rc = check_exclusive_mask(c, w, val)) != Success) {
				return rc;
			}
			a->event_mask = val;
			break;
		case CWDontPropagate:
			if (val & ~(uint32_t)(KeyPressMask | KeyReleaseMask |
						  ButtonPressMask |
						  ButtonReleaseMask |
						  PointerMotionMask |
						  Button1MotionMask |
						  Button2MotionMask |
						  Button3MotionMask |
						  Button4MotionMask |
						  Button5MotionMask |
						  ButtonMotionMask)) {
				return xp_error(c, BadValue, val);
			}
			a->do_not_propagate = val;
			break;
		case CWColormap:
			if (val == CopyFromParent) {
				if (w->parent == NULL ||
						w->parent->visual !=
								w->visual) {
					return xp_error(c, BadMatch, val);
				}
				a->colormap = w->parent->colormap;
			} else {
				if ((rc = xp_colormap_check(c, val,
						     w->visual)) != Success) {
					return rc;
				}
				a->colormap = val;
			}
			break;
		case CWCursor:
			if (val == None) {
				a->cursor_none = true;
			} else if ((rc = xp_lookup_cursor(c, val,
						    &a->cursor)) != Success) {
				return rc;
			}
			break;
		}
	}
	/* Bits past CWCursor come last in mask order; the X server names
	 * the whole mask as the bad value. */
	if (mask & ~(uint32_t)((CWCursor << 1) - 1)) {
		return xp_error(c, BadValue, mask);
	}
	return Success;
}

static void
set_pixmap_ref(struct xp_pixmap **slot, struct xp_pixmap *pix)
{
	if (pix != NULL) {
		xp_pixmap_ref(pix);
	}
	xp_pixmap_unref(*slot);
	*slot = pix;
}

/* Applies validated attributes; false only on OOM (event selection). */
static bool
apply_attributes(struct xp_client *c, struct xp_window *w,
		const struct attr_values *a)
{
	uint32_t m = a->mask;

	if (m & (CWBackPixmap | CWBackPixel)) {
		w->background = a->background;
		w->background_pixel = a->background_pixel;
		set_pixmap_ref(&w->background_pixmap, a->background_pixmap);
	}
	if (m & (CWBorderPixmap | CWBorderPixel)) {
		w->border_is_pixmap = a->border_is_pixmap;
		w->border_pixel = a->border_pixel;
		set_pixmap_ref(&w->border_pixmap, a->border_pixmap);
	}
	if (m & CWBitGravity) {
		w->bit_gravity = a->bit_gravity;
	}
	if (m & CWWinGravity) {
		w->win_gravity = a->win_gravity;
	}
	if (m & CWBackingStore) {
		w->backing_store = a->backing_store;
	}
	if (m & CWBackingPlanes) {
		w->backing_planes = a->backing_planes;
	}
	if (m & CWBackingPixel) {
		w->backing_pixel = a->backing_pixel;
	}
	if (m & CWOverrideRedirect) {
		w->override_redirect = a->override_redirect;
	}
	if (m & CWSaveUnder) {
		w->save_under = a->save_under;
	}
	if (m & CWDontPropagate) {
		w->do_not_propagate = a->do_not_propagate;
	}
	if (m & CWColormap) {
		w->colormap = a->colormap;
	}
	if (m & CWCursor) {
		xp_cursor_set(&w->cursor, a->cursor_none ? NULL : a->cursor);
		xp_input_cursor_changed(w->base.server);
	}
	if (m & CWEventMask) {
		return set_event_mask(c, w, a->event_mask);
	}
	return true;
}

static int
count_bits(uint32_t v)
{
	return __builtin_popcount(v);
}

/* A window that failed during CreateWindow was never in the tree: no client
 * saw it, so it goes without the protocol's Unmap/DestroyNotify. */
static void
discard_new_window(struct xp_window *w)
{
	w->destroying = true;
	window_destroy_resource(&w->base.res);
}

int
xp_proc_create_window(struct xp_client *c, const void *raw)
{
	const xCreateWindowReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *parent, *w;
	struct attr_values a;
	int rc;

	if ((req->wid & ~c->id_mask) != c->id_base ||
			xp_resource_find(&s->resources, req->wid) != NULL) {
		return xp_error(c, BadIDChoice, req->wid);
	}
	if ((rc = xp_lookup_window(c, req->parent, &parent)) != Success) {
		return rc;
	}
	if (c->req_len != sz_xCreateWindowReq + 4u * count_bits(req->mask)) {
		return BadLength;
	}
	uint16_t class = req->class == CopyFromParent ? parent->class
						      : req->class;
	if (class != InputOutput && class != InputOnly) {
		return xp_error(c, BadValue, req->class);
	}
	if (req->width == 0 || req->height == 0) {
		return xp_error(c, BadValue, 0);
	}
	if (class == InputOutput && parent->class == InputOnly) {
		return xp_error(c, BadMatch, 0);
	}
	if (class == InputOnly && (req->depth != 0 || req->borderWidth != 0)) {
		return xp_error(c, BadMatch, 0);
	}
	uint8_t depth = req->depth ? req->depth : parent->base.depth;
	uint32_t visual = req->visual ? req->visual : parent->visual;
	if (class == InputOutput &&
			(depth != XP_ROOT_DEPTH || visual != XP_ROOT_VISUAL)) {
		return xp_error(c, BadMatch, 0);
	}
	if (class == InputOnly && visual != XP_ROOT_VISUAL) {
		return xp_error(c, BadMatch, 0);
	}

	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		return BadAlloc;
	}
	window_init(w, s, req->wid, c);
	w->parent = parent;
	w->class = class;
	w->base.depth = class == InputOnly ? 0 : depth;
	w->base.width = req->width;
	w->base.height = req->height;
	w->x = req->x;
	w->y = req->y;
	w->border_width = req->borderWidth;
	w->visual = visual;
	w->colormap = class == InputOutput ? parent->colormap : None;
	w->background = XP_BG_NONE;
	w->border_is_pixmap = parent->border_is_pixmap;
	w->border_pixel = parent->border_pixel;
	if ((rc = parse_attributes(c, w, req->mask, (const uint32_t *)(req + 1),
			     &a)) != Success) {
		discard_new_window(w);
		return rc;
	}
	if (w->border_is_pixmap &&
			!(req->mask & (CWBorderPixmap | CWBorderPixel))) {
		set_pixmap_ref(&w->border_pixmap, parent->border_pixmap);
	}
	if (!apply_attributes(c, w, &a) ||
			(parent == s->root && !make_toplevel(w))) {
		discard_new_window(w);
		return BadAlloc;
	}
	xp_list_insert(parent->children.prev, &w->sibling);
	if (!xp_resource_add(&s->resources, &w->base.res)) {
		return BadAlloc;
	}
	if (parent == s->root) {
		restack_toplevels(s);
	}
	xp_window_validate(w);
	s->tree_generation++;

	xEvent ev = { 0 };
	ev.u.u.type = CreateNotify;
	ev.u.createNotify.parent = parent->base.res.id;
	ev.u.createNotify.window = w->base.res.id;
	ev.u.createNotify.x = (INT16)w->x;
	ev.u.createNotify.y = (INT16)w->y;
	ev.u.createNotify.width = w->base.width;
	ev.u.createNotify.height = w->base.height;
	ev.u.createNotify.borderWidth = w->border_width;
	ev.u.createNotify.override = w->override_redirect;
	xp_window_deliver(parent, SubstructureNotifyMask, &ev);
	return Success;
}

int
xp_proc_change_window_attributes(struct xp_client *c, const void *raw)
{
	const xChangeWindowAttributesReq *req = raw;
	struct xp_window *w;
	struct attr_values a;
	int rc;

	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	if (c->req_len != sz_xChangeWindowAttributesReq +
					  4u * count_bits(req->valueMask)) {
		return BadLength;
	}
	if ((rc = parse_attributes(c, w, req->valueMask,
			     (const uint32_t *)(req + 1), &a)) != Success) {
		return rc;
	}
	if (w->parent == NULL && (req->valueMask & CWBackPixmap) &&
			a.background == XP_BG_NONE) {
		/* The root's None background means the default one. */
		a.background = XP_BG_PIXEL;
	}
	uint32_t old_colormap = w->colormap;
	if (!apply_attributes(c, w, &a)) {
		return BadAlloc;
	}
	xp_colormap_window_changed(w, old_colormap);
	if ((req->valueMask & (CWBorderPixel | CWBorderPixmap)) &&
			w->viewable) {
		paint_border(w);
	}
	return Success;
}

int
xp_proc_get_window_attributes(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	xGetWindowAttributesReply rep = {
		.backingStore = w->backing_store,
		.visualID = w->visual,
		.class = w->class,
		.bitGravity = w->bit_gravity,
		.winGravity = w->win_gravity,
		.backingBitPlanes = w->backing_planes,
		.backingPixel = w->backing_pixel,
		.saveUnder = w->save_under,
		.mapInstalled = w->colormap != None &&
				w->colormap == w->base.server->installed_colormap,
		.mapState = !w->mapped    ? IsUnmapped
			    : w->viewable ? IsViewable
					  : IsUnviewable,
		.override = w->override_redirect,
		.colormap = w->colormap,
		.allEventMasks = xp_window_all_event_masks(w),
		.yourEventMask = xp_window_client_event_mask(w, c),
		.doNotPropagateMask = (CARD16)w->do_not_propagate,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

/* ---- map and unmap ---- */

static void
send_map_notify(struct xp_window *w)
{
	xEvent ev = { 0 };

	ev.u.u.type = MapNotify;
	ev.u.mapNotify.window = w->base.res.id;
	ev.u.mapNotify.override = w->override_redirect;
	deliver_structure(w, &ev);
}

static void
send_unmap_notify(struct xp_window *w, bool from_configure)
{
	xEvent ev = { 0 };

	ev.u.u.type = UnmapNotify;
	ev.u.unmapNotify.window = w->base.res.id;
	ev.u.unmapNotify.fromConfigure = from_configure;
	deliver_structure(w, &ev);
}

/* Maps w without validating; false if redirected to another client. */
static bool
map_one(struct xp_client *c, struct xp_window *w)
{
	struct xp_client *wm;

	if (w->mapped) {
		return false;
	}
	if (!w->override_redirect && (wm = redirecting_client(w, c)) != NULL) {
		xEvent ev = { 0 };
		ev.u.u.type = MapRequest;
		ev.u.mapRequest.parent = w->parent->base.res.id;
		ev.u.mapRequest.window = w->base.res.id;
		xp_window_deliver(w->parent, SubstructureRedirectMask, &ev);
		return false;
	}
	w->mapped = true;
	send_map_notify(w);
	return true;
}

static void
tree_changed(struct xp_window *w)
{
	w->base.server->tree_generation++;
	xp_window_validate(w);
	xp_input_tree_changed(w->base.server);
}

int
xp_proc_map_window(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	if (w->parent != NULL && map_one(c, w)) {
		tree_changed(w);
	}
	return Success;
}

int
xp_proc_map_subwindows(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w, *child;
	bool any = false;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	/* Top to bottom, as the protocol specifies. */
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		any |= map_one(c, child);
	}
	if (any) {
		tree_changed(w);
	}
	return Success;
}

static bool
unmap_one(struct xp_window *w, bool from_configure)
{
	if (!w->mapped || w->parent == NULL) {
		return false;
	}
	w->mapped = false;
	send_unmap_notify(w, from_configure);
	return true;
}

int
xp_proc_unmap_window(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	if (unmap_one(w, false)) {
		tree_changed(w);
	}
	return Success;
}

/* UnmapWindow on each mapped child, bottom to top, then one validation
 * with its exposures. */
static void
unmap_children(struct xp_server *s, struct xp_window *w)
{
	struct xp_window *child;
	bool any = false;

	xp_list_for_each(child, &w->children, sibling)
	{
		any |= unmap_one(child, false);
	}
	if (any) {
		tree_changed(w);
	}
}

int
xp_proc_unmap_subwindows(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	unmap_children(c->server, w);
	return Success;
}

/* ---- destroy ---- */

static void
destroy_tree(struct xp_window *w)
{
	struct xp_server *s = w->base.server;
	struct xp_window *child;

	w->destroying = true;
	/* Inferiors first, each before its parent (protocol); siblings top
	 * to bottom, as the X server's CrushTree walks them. */
	while (!xp_list_empty(&w->children)) {
		child = container_of(
				w->children.prev, struct xp_window, sibling);
		destroy_tree(child);
	}
	xEvent ev = { 0 };
	ev.u.u.type = DestroyNotify;
	ev.u.destroyNotify.window = w->base.res.id;
	deliver_structure(w, &ev);
	xp_input_window_gone(s, w);
	xp_selection_window_gone(s, w);
	xp_resource_remove(&s->resources, &w->base.res);
	window_destroy_resource(&w->base.res);
}

static void
window_destroy_resource(struct xp_resource *res)
{
	struct xp_window *w = (struct xp_window *)res;
	struct xp_event_client *ec, *tmp;

	if (!w->destroying && w->parent != NULL) {
		/* Freed through the resource map (client teardown): do the
		 * full protocol destroy, which calls back here. */
		struct xp_window *parent = w->parent;
		bool was_mapped = unmap_one(w, false);
		destroy_tree(w);
		if (was_mapped) {
			tree_changed(parent);
		}
		return;
	}
	xp_list_remove(&w->sibling);
	xp_list_for_each_safe(ec, tmp, &w->event_clients, link)
	{
		free(ec);
	}
	struct xp_save_set *ss, *stmp;
	xp_list_for_each_safe(ss, stmp, &w->save_set_clients, link)
	{
		free(ss);
	}
	xp_property_delete_all(w);
	unmake_toplevel(w);
	xp_pixmap_unref(w->background_pixmap);
	xp_pixmap_unref(w->border_pixmap);
	xp_cursor_set(&w->cursor, NULL);
	pixman_region32_fini(&w->clip);
	pixman_region32_fini(&w->inferiors_clip);
	pixman_region32_fini(&w->border_clip);
	free(w);
}

int
xp_proc_destroy_window(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w, *parent;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	if (w->parent == NULL) {
		return Success;
	}
	parent = w->parent;
	/* Unmapped first, exposures included, then DestroyNotify: the X
	 * server's order. */
	if (unmap_one(w, false)) {
		if (parent == c->server->root) {
			xp_window_validate(w);
		}
		tree_changed(parent);
	}
	destroy_tree(w);
	if (parent == c->server->root) {
		restack_toplevels(c->server);
	}
	return Success;
}

int
xp_proc_destroy_subwindows(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w, *child;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	/* As the X server does it: all the UnmapNotify events and exposures
	 * first, then each child destroyed, bottom to top. */
	unmap_children(c->server, w);
	while (!xp_list_empty(&w->children)) {
		child = container_of(
				w->children.next, struct xp_window, sibling);
		destroy_tree(child);
	}
	if (w == c->server->root) {
		restack_toplevels(c->server);
	}
	return Success;
}

void
xp_window_destroy_root(struct xp_window *root)
{
	struct xp_window *child, *tmp;

	if (root == NULL) {
		return;
	}
	xp_list_for_each_safe(child, tmp, &root->children, sibling)
	{
		destroy_tree(child);
	}
	root->destroying = true;
	xp_resource_remove(&root->base.server->resources, &root->base.res);
	window_destroy_resource(&root->base.res);
}

/* ---- configure ---- */

static void
send_configure_notify(struct xp_window *w)
{
	xEvent ev = { 0 };
	struct xp_window *below = NULL;

	if (w->sibling.prev != &w->parent->children) {
		below = container_of(
				w->sibling.prev, struct xp_window, sibling);
	}
	ev.u.u.type = ConfigureNotify;
	ev.u.configureNotify.window = w->base.res.id;
	ev.u.configureNotify.aboveSibling = below ? below->base.res.id : None;
	ev.u.configureNotify.x = (INT16)w->x;
	ev.u.configureNotify.y = (INT16)w->y;
	ev.u.configureNotify.width = w->base.width;
	ev.u.configureNotify.height = w->base.height;
	ev.u.configureNotify.borderWidth = w->border_width;
	ev.u.configureNotify.override = w->override_redirect;
	deliver_structure(w, &ev);
}

static bool
boxes_overlap(const pixman_box32_t *a, const pixman_box32_t *b)
{
	return a->x1 < b->x2 && b->x1 < a->x2 && a->y1 < b->y2 && b->y1 < a->y2;
}

/* Does a mapped sibling (or the given one) above w overlap it? below
 * selects siblings below w instead. */
static bool
sibling_overlaps(struct xp_window *w, struct xp_window *only, bool below)
{
	pixman_box32_t wb, sb;
	struct xp_list *l;

	outer_box(w, 0, 0, &wb);
	for (l = below ? w->sibling.prev : w->sibling.next;
			l != &w->parent->children;
			l = below ? l->prev : l->next) {
		struct xp_window *s =
				container_of(l, struct xp_window, sibling);
		if (!s->mapped || (only != NULL && s != only)) {
			continue;
		}
		outer_box(s, 0, 0, &sb);
		if (boxes_overlap(&wb, &sb)) {
			return true;
		}
	}
	return false;
}

static void
restack(struct xp_window *w, struct xp_window *sib, uint8_t mode)
{
	struct xp_list *children = &w->parent->children;
	bool to_top = false, to_bottom = false;

	switch (mode) {
	case Above:
		if (sib != NULL) {
			if (sib == w) {
				return;
			}
			xp_list_remove(&w->sibling);
			xp_list_insert(&sib->sibling, &w->sibling);
			return;
		}
		to_top = true;
		break;
	case Below:
		if (sib != NULL) {
			if (sib == w) {
				return;
			}
			xp_list_remove(&w->sibling);
			xp_list_insert(sib->sibling.prev, &w->sibling);
			return;
		}
		to_bottom = true;
		break;
	case TopIf:
		to_top = sibling_overlaps(w, sib, false);
		break;
	case BottomIf:
		to_bottom = sibling_overlaps(w, sib, true);
		break;
	case Opposite:
		to_top = sibling_overlaps(w, sib, false);
		to_bottom = !to_top && sibling_overlaps(w, sib, true);
		break;
	}
	if (to_top) {
		xp_list_remove(&w->sibling);
		xp_list_insert(children->prev, &w->sibling);
	} else if (to_bottom) {
		xp_list_remove(&w->sibling);
		xp_list_insert(children, &w->sibling);
	}
}

/* Offset a window of the given gravity moves by when its parent grows by
 * (dw, dh), as the protocol's table of gravities says. */
static void
gravity_offset(uint8_t gravity, int32_t dw, int32_t dh, int32_t *dx,
		int32_t *dy)
{
	static const int8_t fx[] = { [NorthWestGravity] = 0,
		[NorthGravity] = 1,
		[NorthEastGravity] = 2,
		[WestGravity] = 0,
		[CenterGravity] = 1,
		[EastGravity] = 2,
		[SouthWestGravity] = 0,
		[SouthGravity] = 1,
		[SouthEastGravity] = 2,
		[StaticGravity] = 0 };
	static const int8_t fy[] = { [NorthWestGravity] = 0,
		[NorthGravity] = 0,
		[NorthEastGravity] = 0,
		[WestGravity] = 1,
		[CenterGravity] = 1,
		[EastGravity] = 1,
		[SouthWestGravity] = 2,
		[SouthGravity] = 2,
		[SouthEastGravity] = 2,
		[StaticGravity] = 0 };

	*dx = gravity <= StaticGravity ? fx[gravity] * dw / 2 : 0;
	*dy = gravity <= StaticGravity ? fy[gravity] * dh / 2 : 0;
}

/* dw, dh: the change of w's size; mx, my: the move of its inside, which
 * StaticGravity children undo to stay put on the screen. */
static void
apply_win_gravity(struct xp_window *w, int32_t dw, int32_t dh, int32_t mx,
		int32_t my)
{
	struct xp_window *child;

	/* The X server unmaps the UnmapGravity children first, then moves
	 * the others; both passes top to bottom. */
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		if (child->win_gravity == UnmapGravity) {
			unmap_one(child, true);
		}
	}
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		int32_t dx, dy;
		if (child->win_gravity == UnmapGravity) {
			continue;
		}
		gravity_offset(child->win_gravity, dw, dh, &dx, &dy);
		if (child->win_gravity == StaticGravity) {
			dx = -mx;
			dy = -my;
		}
		if (dx == 0 && dy == 0) {
			continue;
		}
		child->x += dx;
		child->y += dy;
		xEvent ev = { 0 };
		ev.u.u.type = GravityNotify;
		ev.u.gravity.window = child->base.res.id;
		ev.u.gravity.x = (INT16)child->x;
		ev.u.gravity.y = (INT16)child->y;
		deliver_structure(child, &ev);
	}
}

/* Moves the visible pixels of a non-toplevel window with it, so that
 * validation only exposes what was hidden before. */
static void
copy_window_bits(struct xp_window *w, int32_t dx, int32_t dy)
{
	struct xp_toplevel *top = w->top;
	pixman_region32_t moved;

	if (top == NULL || !w->viewable || (dx == 0 && dy == 0)) {
		return;
	}
	pixman_region32_init(&moved);
	pixman_region32_copy(&moved, &w->border_clip);
	xp_render_copy_region(top->image, top->image, &moved, dx, dy);
	pixman_region32_translate(&moved, dx, dy);
	xp_damage_add(top, &moved);
	pixman_region32_fini(&moved);
}

int
xp_proc_configure_window(struct xp_client *c, const void *raw)
{
	const xConfigureWindowReq *req = raw;
	const uint32_t *v = (const uint32_t *)(req + 1);
	struct xp_window *w, *sib = NULL;
	int32_t x, y;
	uint32_t width, height, bw;
	uint8_t mode = Above;
	int rc;

	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	if (c->req_len != sz_xConfigureWindowReq + 4u * count_bits(req->mask)) {
		return BadLength;
	}
	if (req->mask & ~(uint32_t)0x7f) {
		return xp_error(c, BadValue, req->mask);
	}
	x = w->x;
	y = w->y;
	width = w->base.width;
	height = w->base.height;
	bw = w->border_width;
	if (req->mask & CWX) {
		x = (INT16)*v++;
	}
	if (req->mask & CWY) {
		y = (INT16)*v++;
	}
	if (req->mask & CWWidth) {
		width = (CARD16)*v++;
		if (width == 0) {
			return xp_error(c, BadValue, 0);
		}
	}
	if (req->mask & CWHeight) {
		height = (CARD16)*v++;
		if (height == 0) {
			return xp_error(c, BadValue, 0);
		}
	}
	if (req->mask & CWBorderWidth) {
		bw = (CARD16)*v++;
		if (w->class == InputOnly && bw != 0) {
			return xp_error(c, BadMatch, 0);
		}
	}
	if (req->mask & CWSibling) {
		uint32_t id = *v++;
		if ((rc = xp_lookup_window(c, id, &sib)) != Success) {
			return rc;
		}
		if (sib->parent != w->parent || sib == w) {
			return xp_error(c, BadMatch, id);
		}
	}
	if (req->mask & CWStackMode) {
		mode = (uint8_t)*v++;
		if (mode > Opposite) {
			return xp_error(c, BadValue, mode);
		}
	} else if (req->mask & CWSibling) {
		return xp_error(c, BadMatch, 0);
	}
	if (w->parent == NULL) {
		return Success;
	}

	struct xp_client *wm;
	if (!w->override_redirect && (wm = redirecting_client(w, c)) != NULL) {
		xEvent ev = { 0 };
		ev.u.u.type = ConfigureRequest;
		ev.u.u.detail = mode;
		ev.u.configureRequest.parent = w->parent->base.res.id;
		ev.u.configureRequest.window = w->base.res.id;
		ev.u.configureRequest.sibling = sib ? sib->base.res.id : None;
		ev.u.configureRequest.x = (INT16)x;
		ev.u.configureRequest.y = (INT16)y;
		ev.u.configureRequest.width = (CARD16)width;
		ev.u.configureRequest.height = (CARD16)height;
		ev.u.configureRequest.borderWidth = (CARD16)bw;
		ev.u.configureRequest.valueMask = req->mask;
		xp_window_deliver(w->parent, SubstructureRedirectMask, &ev);
		return Success;
	}

	bool resized = width != w->base.width || height != w->base.height ||
		       bw != w->border_width;
	bool is_toplevel = w->top != NULL && w->top->window == w;
	int32_t dw = (int32_t)width - w->base.width;
	int32_t dh = (int32_t)height - w->base.height;
	int32_t old_x = w->x, old_y = w->y;
	uint16_t old_w = w->base.width, old_h = w->base.height,
		 old_bw = w->border_width;

	if (!resized && !is_toplevel) {
		copy_window_bits(w, x - old_x, y - old_y);
	}
	w->x = x;
	w->y = y;
	w->base.width = (uint16_t)width;
	w->base.height = (uint16_t)height;
	w->border_width = (uint16_t)bw;
	if (is_toplevel && resized && !toplevel_alloc_image(w)) {
		w->x = old_x;
		w->y = old_y;
		w->base.width = old_w;
		w->base.height = old_h;
		w->border_width = old_bw;
		return BadAlloc;
	}
	if (is_toplevel) {
		w->top->configured = true;
	}
	if (req->mask & CWStackMode) {
		struct xp_list *below = w->sibling.prev;
		restack(w, sib, mode);
		/* A restack that moves nothing is no configuration at all:
		 * the X server sends no ConfigureNotify for it. */
		if (!(req->mask & ~(uint32_t)(CWSibling | CWStackMode)) &&
				w->sibling.prev == below) {
			return Success;
		}
		if (w->parent == c->server->root) {
			restack_toplevels(c->server);
		}
	}
	/* ConfigureNotify, then the children's gravity (X server order);
	 * with ForgetGravity a new size loses the contents. */
	send_configure_notify(w);
	if (dw != 0 || dh != 0) {
		w->contents_lost = w->bit_gravity == ForgetGravity;
		apply_win_gravity(w, dw, dh,
				(x + (int32_t)bw) - (old_x + old_bw),
				(y + (int32_t)bw) - (old_y + old_bw));
	}
	tree_changed(w);
	return Success;
}

int
xp_proc_circulate_window(struct xp_client *c, const void *raw)
{
	const xCirculateWindowReq *req = raw;
	struct xp_window *w, *child, *target = NULL;
	int rc;

	if (req->direction != RaiseLowest && req->direction != LowerHighest) {
		return xp_error(c, BadValue, req->direction);
	}
	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	/* RaiseLowest: the lowest mapped child occluded by another;
	 * LowerHighest: the highest mapped child occluding another. */
	if (req->direction == RaiseLowest) {
		xp_list_for_each(child, &w->children, sibling)
		{
			if (child->mapped &&
					sibling_overlaps(child, NULL, false)) {
				target = child;
				break;
			}
		}
	} else {
		xp_list_for_each_reverse(child, &w->children, sibling)
		{
			if (child->mapped &&
					sibling_overlaps(child, NULL, true)) {
				target = child;
				break;
			}
		}
	}
	if (target == NULL) {
		return Success;
	}
	restack(target, NULL, req->direction == RaiseLowest ? Above : Below);
	if (w == c->server->root) {
		restack_toplevels(c->server);
	}
	xEvent ev = { 0 };
	ev.u.u.type = CirculateNotify;
	ev.u.circulate.window = target->base.res.id;
	ev.u.circulate.place = req->direction == RaiseLowest ? PlaceOnTop
							     : PlaceOnBottom;
	deliver_structure(target, &ev);
	tree_changed(target);
	return Success;
}

/* ---- reparent and save-set ---- */

int
xp_proc_reparent_window(struct xp_client *c, const void *raw)
{
	const xReparentWindowReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_window *w, *parent, *old_parent;
	int rc;

	if ((rc = xp_lookup_window(c, req->window, &w)) != Success ||
			(rc = xp_lookup_window(c, req->parent, &parent)) !=
					Success) {
		return rc;
	}
	if (w->parent == NULL || parent == w ||
			xp_window_is_ancestor(w, parent) ||
			(w->class == InputOutput &&
					parent->class == InputOnly)) {
		return xp_error(c, BadMatch, 0);
	}
	/* A background of ParentRelative needs the same depth. */
	if (w->background == XP_BG_PARENT_RELATIVE &&
			parent->base.depth != w->base.depth) {
		return xp_error(c, BadMatch, 0);
	}
	old_parent = w->parent;
	bool was_mapped = unmap_one(w, false);
	if (was_mapped) {
		tree_changed(old_parent);
	}
	xp_list_remove(&w->sibling);
	if (old_parent == s->root) {
		unmake_toplevel(w);
	}
	/* The subtree's clips referred to the old toplevel. */
	clear_clips(w);
	w->parent = parent;
	w->x = req->x;
	w->y = req->y;
	xp_list_insert(parent->children.prev, &w->sibling);
	if (parent == s->root && !make_toplevel(w)) {
		xp_log(XP_LOG_WARN, "out of memory reparenting 0x%x",
				w->base.res.id);
	}
	restack_toplevels(s);

	xEvent ev = { 0 };
	ev.u.u.type = ReparentNotify;
	ev.u.reparent.window = w->base.res.id;
	ev.u.reparent.parent = parent->base.res.id;
	ev.u.reparent.x = (INT16)w->x;
	ev.u.reparent.y = (INT16)w->y;
	ev.u.reparent.override = w->override_redirect;
	ev.u.reparent.event = w->base.res.id;
	xp_window_deliver(w, StructureNotifyMask, &ev);
	ev.u.reparent.event = old_parent->base.res.id;
	xp_window_deliver(old_parent, SubstructureNotifyMask, &ev);
	ev.u.reparent.event = parent->base.res.id;
	xp_window_deliver(parent, SubstructureNotifyMask, &ev);

	tree_changed(w);
	if (was_mapped && map_one(c, w)) {
		tree_changed(w);
	}
	return Success;
}

int
xp_proc_change_save_set(struct xp_client *c, const void *raw)
{
	const xChangeSaveSetReq *req = raw;
	struct xp_window *w;
	struct xp_save_set *ss, *tmp;
	int rc;

	if (req->mode != SetModeInsert && req->mode != SetModeDelete) {
		return xp_error(c, BadValue, req->mode);
	}
	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	/* Only windows of other clients may be in a client's save-set. */
	if (w->base.res.owner == c) {
		return xp_error(c, BadMatch, req->window);
	}
	xp_list_for_each_safe(ss, tmp, &w->save_set_clients, link)
	{
		if (ss->client == c) {
			if (req->mode == SetModeDelete) {
				xp_list_remove(&ss->link);
				free(ss);
			}
			return Success;
		}
	}
	if (req->mode == SetModeInsert) {
		ss = calloc(1, sizeof(*ss));
		if (ss == NULL) {
			return BadAlloc;
		}
		ss->client = c;
		xp_list_insert(&w->save_set_clients, &ss->link);
	}
	return Success;
}

/* ---- queries ---- */

int
xp_proc_get_geometry(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_drawable *d;
	int rc;

	if ((rc = xp_lookup_drawable(c, req->id, &d)) != Success) {
		return rc;
	}
	xGetGeometryReply rep = {
		.depth = d->depth,
		.root = XP_ROOT_WINDOW,
		.width = d->width,
		.height = d->height,
	};
	struct xp_window *w = xp_drawable_window(d);
	if (w != NULL) {
		rep.x = (INT16)w->x;
		rep.y = (INT16)w->y;
		rep.borderWidth = w->border_width;
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_query_tree(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w, *child;
	size_t n = 0;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	xp_list_for_each(child, &w->children, sibling)
	{
		n++;
	}
	uint32_t *ids = xp_server_scratch(c->server, n * 4 + 4);
	if (ids == NULL) {
		return BadAlloc;
	}
	n = 0;
	xp_list_for_each(child, &w->children, sibling)
	{
		ids[n++] = child->base.res.id;
	}
	xQueryTreeReply rep = {
		.root = XP_ROOT_WINDOW,
		.parent = w->parent ? w->parent->base.res.id : None,
		.nChildren = (CARD16)n,
	};
	xp_reply(c, &rep, sizeof(rep), ids, n * 4);
	return Success;
}

void
xp_window_root_origin(const struct xp_window *w, int32_t *x, int32_t *y)
{
	*x = 0;
	*y = 0;
	for (; w->parent != NULL; w = w->parent) {
		*x += w->x + w->border_width;
		*y += w->y + w->border_width;
	}
}

struct xp_window *
xp_window_child_at(struct xp_window *w, int32_t x, int32_t y)
{
	struct xp_window *child;

	/* (x, y) relative to w's inside origin; topmost mapped child. */
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		pixman_box32_t b;
		if (!child->mapped) {
			continue;
		}
		outer_box(child, 0, 0, &b);
		if (x >= b.x1 && x < b.x2 && y >= b.y1 && y < b.y2) {
			return child;
		}
	}
	return NULL;
}

int
xp_proc_translate_coordinates(struct xp_client *c, const void *raw)
{
	const xTranslateCoordsReq *req = raw;
	struct xp_window *src, *dst, *child;
	int32_t sx, sy, dx, dy;
	int rc;

	if ((rc = xp_lookup_window(c, req->srcWid, &src)) != Success ||
			(rc = xp_lookup_window(c, req->dstWid, &dst)) !=
					Success) {
		return rc;
	}
	xp_window_root_origin(src, &sx, &sy);
	xp_window_root_origin(dst, &dx, &dy);
	int32_t x = req->srcX + sx - dx;
	int32_t y = req->srcY + sy - dy;
	child = xp_window_child_at(dst, x, y);
	xTranslateCoordsReply rep = {
		.sameScreen = xTrue,
		.child = child ? child->base.res.id : None,
		.dstX = (INT16)x,
		.dstY = (INT16)y,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}
