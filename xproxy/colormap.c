/* The colormap requests. */
#include "xproxy/colormap.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>

#include "xproxy/client.h"
#include "xproxy/color.h"
#include "xproxy/dispatch.h"
#include "xproxy/proc.h"
#include "xproxy/resource.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

struct colormap {
	struct xp_resource res;
	uint32_t visual;
};

/* ColormapNotify to w (ColormapChangeMask). */
static void
notify(struct xp_window *w, uint32_t cmap, bool is_new)
{
	xEvent ev = { 0 };

	ev.u.u.type = ColormapNotify;
	ev.u.colormap.window = w->base.res.id;
	ev.u.colormap.colormap = cmap;
	ev.u.colormap.new = is_new;
	ev.u.colormap.state =
			cmap != None && cmap == w->base.server->installed_colormap
					? ColormapInstalled
					: ColormapUninstalled;
	xp_window_deliver(w, ColormapChangeMask, &ev);
}

/* Calls fn on every window whose colormap is cmap, parents before children
 * and siblings top to bottom (the X server's tree walk). */
static void
walk(struct xp_window *w, uint32_t cmap,
		void (*fn)(struct xp_window *w, uint32_t cmap))
{
	struct xp_window *child;

	if (w->colormap == cmap) {
		fn(w, cmap);
	}
	xp_list_for_each_reverse(child, &w->children, sibling)
	{
		walk(child, cmap, fn);
	}
}

static void
tell_state(struct xp_window *w, uint32_t cmap)
{
	notify(w, cmap, false);
}

static void
tell_freed(struct xp_window *w, uint32_t cmap)
{
	w->colormap = None;
	notify(w, None, true);
}

/* Installs cmap in place of the installed map: ColormapNotify Uninstalled on
 * the windows of the old one, then Installed on those of the new one
 * (InstallColormap). */
static void
install(struct xp_server *s, uint32_t cmap)
{
	uint32_t old = s->installed_colormap;

	if (old == cmap) {
		return;
	}
	s->installed_colormap = cmap;
	walk(s->root, old, tell_state);
	walk(s->root, cmap, tell_state);
}

void
xp_colormap_window_changed(struct xp_window *w, uint32_t old)
{
	if (w->colormap != old) {
		notify(w, w->colormap, true);
	}
}

static void
colormap_destroy(struct xp_resource *res)
{
	struct xp_server *s = res->owner ? res->owner->server : NULL;

	/* FreeColormap: uninstalled first if installed (the default map
	 * comes back), then every window using it gets colormap None. */
	if (s != NULL && s->root != NULL) {
		if (s->installed_colormap == res->id) {
			install(s, XP_ROOT_COLORMAP);
		}
		walk(s->root, res->id, tell_freed);
	}
	free(res);
}

static const struct xp_resource_type colormap_type = {
	.name = "colormap",
	.error = BadColor,
	.destroy = colormap_destroy,
};

static struct colormap *
colormap_new(uint32_t id, struct xp_client *owner, uint32_t visual)
{
	struct colormap *cm = calloc(1, sizeof(*cm));

	if (cm != NULL) {
		cm->res.id = id;
		cm->res.type = &colormap_type;
		cm->res.owner = owner;
		cm->visual = visual;
	}
	return cm;
}

bool
xp_colormap_init(struct xp_server *s)
{
	struct colormap *cm =
			colormap_new(XP_ROOT_COLORMAP, NULL, XP_ROOT_VISUAL);

	s->installed_colormap = XP_ROOT_COLORMAP;
	return cm != NULL && xp_resource_add(&s->resources, &cm->res);
}

static int
lookup_colormap(struct xp_client *c, uint32_t id, struct colormap **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || res->type != &colormap_type) {
		return xp_error(c, BadColor, id);
	}
	*out = (struct colormap *)res;
	return Success;
}

int
xp_colormap_check(struct xp_client *c, uint32_t id, uint32_t visual)
{
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, id, &cm)) != Success) {
		return rc;
	}
	return cm->visual == visual ? Success : xp_error(c, BadMatch, id);
}

int
xp_proc_create_colormap(struct xp_client *c, const void *raw)
{
	const xCreateColormapReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((req->mid & ~c->id_mask) != c->id_base ||
			xp_resource_find(&c->server->resources, req->mid)) {
		return xp_error(c, BadIDChoice, req->mid);
	}
	if (req->alloc > AllocAll) {
		return xp_error(c, BadValue, req->alloc);
	}
	if ((rc = xp_lookup_window(c, req->window, &w)) != Success) {
		return rc;
	}
	if (req->visual != XP_ROOT_VISUAL) {
		return xp_error(c, BadMatch, req->visual);
	}
	/* TrueColor has no writable cells to allocate. */
	if (req->alloc == AllocAll) {
		return xp_error(c, BadMatch, 0);
	}
	struct colormap *cm = colormap_new(req->mid, c, req->visual);
	if (cm == NULL || !xp_resource_add(&c->server->resources, &cm->res)) {
		return BadAlloc;
	}
	return Success;
}

int
xp_proc_free_colormap(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, req->id, &cm)) != Success) {
		return rc;
	}
	if (req->id != XP_ROOT_COLORMAP) {
		xp_resource_free(&c->server->resources, req->id);
	}
	return Success;
}

int
xp_proc_copy_colormap_and_free(struct xp_client *c, const void *raw)
{
	const xCopyColormapAndFreeReq *req = raw;
	struct colormap *src;
	int rc;

	if ((req->mid & ~c->id_mask) != c->id_base ||
			xp_resource_find(&c->server->resources, req->mid)) {
		return xp_error(c, BadIDChoice, req->mid);
	}
	if ((rc = lookup_colormap(c, req->srcCmap, &src)) != Success) {
		return rc;
	}
	struct colormap *cm = colormap_new(req->mid, c, src->visual);
	if (cm == NULL || !xp_resource_add(&c->server->resources, &cm->res)) {
		return BadAlloc;
	}
	return Success;
}

int
xp_proc_install_colormap(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, req->id, &cm)) != Success) {
		return rc;
	}
	install(c->server, req->id);
	return Success;
}

int
xp_proc_uninstall_colormap(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, req->id, &cm)) != Success) {
		return rc;
	}
	/* The required list is the default map: it comes back when the
	 * installed map is uninstalled (UninstallColormap). */
	if (c->server->installed_colormap == req->id &&
			req->id != XP_ROOT_COLORMAP) {
		install(c->server, XP_ROOT_COLORMAP);
	}
	return Success;
}

int
xp_proc_list_installed_colormaps(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_window *w;
	int rc;

	if ((rc = xp_lookup_window(c, req->id, &w)) != Success) {
		return rc;
	}
	uint32_t installed = c->server->installed_colormap;
	xListInstalledColormapsReply rep = { .nColormaps = 1 };
	xp_reply(c, &rep, sizeof(rep), &installed, 4);
	return Success;
}

int
xp_proc_alloc_color(struct xp_client *c, const void *raw)
{
	const xAllocColorReq *req = raw;
	struct colormap *cm;
	uint16_t r, g, b;
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	uint32_t pixel = xp_color_truecolor_pixel(
			req->red, req->green, req->blue, &r, &g, &b);
	xAllocColorReply rep = {
		.red = r,
		.green = g,
		.blue = b,
		.pixel = pixel,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

static int
lookup_name(struct xp_client *c, const void *name, size_t len, uint16_t rgb[3])
{
	if (!xp_color_lookup(c->server->colors, name, len, &rgb[0], &rgb[1],
			    &rgb[2])) {
		return xp_error(c, BadName, 0);
	}
	return Success;
}

int
xp_proc_alloc_named_color(struct xp_client *c, const void *raw)
{
	const xAllocNamedColorReq *req = raw;
	struct colormap *cm;
	uint16_t rgb[3], r, g, b;
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	if ((rc = xp_req_check_tail(c, sz_xAllocNamedColorReq, req->nbytes)) !=
					Success ||
			(rc = lookup_name(c, req + 1, req->nbytes, rgb)) !=
					Success) {
		return rc;
	}
	uint32_t pixel = xp_color_truecolor_pixel(
			rgb[0], rgb[1], rgb[2], &r, &g, &b);
	xAllocNamedColorReply rep = {
		.pixel = pixel,
		.exactRed = rgb[0],
		.exactGreen = rgb[1],
		.exactBlue = rgb[2],
		.screenRed = r,
		.screenGreen = g,
		.screenBlue = b,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

/* AllocColorCells and AllocColorPlanes: validated as the X server does,
 * then refused, as a read-only visual has no cells to hand out. */
static int
alloc_writable(struct xp_client *c, uint32_t cmap, uint16_t colors,
		uint8_t contiguous)
{
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, cmap, &cm)) != Success) {
		return rc;
	}
	if (colors == 0) {
		return xp_error(c, BadValue, 0);
	}
	if (contiguous > xTrue) {
		return xp_error(c, BadValue, contiguous);
	}
	return BadAlloc;
}

int
xp_proc_alloc_color_cells(struct xp_client *c, const void *raw)
{
	const xAllocColorCellsReq *req = raw;

	return alloc_writable(c, req->cmap, req->colors, req->contiguous);
}

int
xp_proc_alloc_color_planes(struct xp_client *c, const void *raw)
{
	const xAllocColorPlanesReq *req = raw;

	return alloc_writable(c, req->cmap, req->colors, req->contiguous);
}

int
xp_proc_free_colors(struct xp_client *c, const void *raw)
{
	const xFreeColorsReq *req = raw;
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	if ((c->req_len - sz_xFreeColorsReq) % 4 != 0) {
		return BadLength;
	}
	/* A pixel that is no index into the map (bits outside the visual's
	 * red, green and blue masks) is a Value error (FreeColors). Read-only
	 * TrueColor cells are never really allocated, so nothing else can
	 * fail. */
	const uint32_t *pixels = (const uint32_t *)&req[1];
	size_t n = (c->req_len - sz_xFreeColorsReq) / 4;
	for (size_t i = 0; i < n; i++) {
		if (pixels[i] & ~(uint32_t)0xffffff) {
			return xp_error(c, BadValue, pixels[i]);
		}
	}
	return Success;
}

int
xp_proc_store_colors(struct xp_client *c, const void *raw)
{
	const xStoreColorsReq *req = raw;
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	if ((c->req_len - sz_xStoreColorsReq) % sz_xColorItem != 0) {
		return BadLength;
	}
	if (c->req_len == sz_xStoreColorsReq) {
		return Success;
	}
	const xColorItem *item = (const xColorItem *)(req + 1);
	return xp_error(c, BadAccess, item->pixel);
}

int
xp_proc_store_named_color(struct xp_client *c, const void *raw)
{
	const xStoreNamedColorReq *req = raw;
	struct colormap *cm;
	uint16_t rgb[3];
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	if ((rc = xp_req_check_tail(c, sz_xStoreNamedColorReq, req->nbytes)) !=
					Success ||
			(rc = lookup_name(c, req + 1, req->nbytes, rgb)) !=
					Success) {
		return rc;
	}
	return xp_error(c, BadAccess, req->pixel);
}

int
xp_proc_query_colors(struct xp_client *c, const void *raw)
{
	const xQueryColorsReq *req = raw;
	const uint32_t *pixels = (const uint32_t *)(req + 1);
	struct colormap *cm;
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	size_t bytes = c->req_len - sz_xQueryColorsReq;
	if (bytes % 4 != 0) {
		return BadLength;
	}
	size_t n = bytes / 4;
	for (size_t i = 0; i < n; i++) {
		if (pixels[i] > 0xffffff) {
			return xp_error(c, BadValue, pixels[i]);
		}
	}
	xrgb *colors = xp_server_scratch(c->server, n * sizeof(xrgb) + 8);
	if (colors == NULL) {
		return BadAlloc;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t p = pixels[i];
		colors[i] = (xrgb){ .red = (CARD16)((p >> 16 & 0xff) * 0x101),
			.green = (CARD16)((p >> 8 & 0xff) * 0x101),
			.blue = (CARD16)((p & 0xff) * 0x101) };
	}
	xQueryColorsReply rep = { .nColors = (CARD16)n };
	xp_reply(c, &rep, sizeof(rep), colors, n * sizeof(xrgb));
	return Success;
}

int
xp_proc_lookup_color(struct xp_client *c, const void *raw)
{
	const xLookupColorReq *req = raw;
	struct colormap *cm;
	uint16_t rgb[3], r, g, b;
	int rc;

	if ((rc = lookup_colormap(c, req->cmap, &cm)) != Success) {
		return rc;
	}
	if ((rc = xp_req_check_tail(c, sz_xLookupColorReq, req->nbytes)) !=
					Success ||
			(rc = lookup_name(c, req + 1, req->nbytes, rgb)) !=
					Success) {
		return rc;
	}
	xp_color_truecolor_pixel(rgb[0], rgb[1], rgb[2], &r, &g, &b);
	xLookupColorReply rep = {
		.exactRed = rgb[0],
		.exactGreen = rgb[1],
		.exactBlue = rgb[2],
		.screenRed = r,
		.screenGreen = g,
		.screenBlue = b,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}
