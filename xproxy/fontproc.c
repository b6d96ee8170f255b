/* Core font requests: OpenFont, CloseFont, QueryFont, QueryTextExtents,
 * ListFonts, ListFontsWithInfo, SetFontPath and GetFontPath. */
#include "xproxy/fontproc.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/font.h"
#include "xproxy/gc.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"

struct font_res {
	struct xp_resource res;
	struct xp_font *font;
};

static void
font_res_destroy(struct xp_resource *res)
{
	struct font_res *fr = (struct font_res *)res;

	xp_font_unref(fr->font);
	free(fr);
}

static const struct xp_resource_type font_type = {
	.name = "font",
	.error = BadFont,
	.destroy = font_res_destroy,
};

int
xp_lookup_font(struct xp_client *c, uint32_t id, struct xp_font **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || res->type != &font_type) {
		return xp_error(c, BadFont, id);
	}
	*out = ((struct font_res *)res)->font;
	return Success;
}

int
xp_lookup_fontable(struct xp_client *c, uint32_t id, struct xp_font **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res != NULL && res->type == &xp_gc_type &&
			((struct xp_gc *)res)->font != NULL) {
		*out = ((struct xp_gc *)res)->font;
		return Success;
	}
	return xp_lookup_font(c, id, out);
}

int
xp_proc_open_font(struct xp_client *c, const void *raw)
{
	const xOpenFontReq *req = raw;
	struct xp_server *s = c->server;
	struct xp_font *font;
	int rc;

	if ((req->fid & ~c->id_mask) != c->id_base ||
			xp_resource_find(&s->resources, req->fid) != NULL) {
		return xp_error(c, BadIDChoice, req->fid);
	}
	if ((rc = xp_req_check_tail(c, sz_xOpenFontReq, req->nbytes)) !=
			Success) {
		return rc;
	}
	rc = xp_font_open(
			s->fonts, (const char *)(req + 1), req->nbytes, &font);
	if (rc == XP_FONT_ERR_NAME) {
		return xp_error(c, BadName, 0);
	}
	if (rc != XP_FONT_OK) {
		return BadAlloc;
	}
	struct font_res *fr = calloc(1, sizeof(*fr));
	if (fr == NULL) {
		xp_font_unref(font);
		return BadAlloc;
	}
	fr->res.id = req->fid;
	fr->res.type = &font_type;
	fr->res.owner = c;
	fr->font = font;
	return xp_resource_add(&s->resources, &fr->res) ? Success : BadAlloc;
}

int
xp_proc_close_font(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_font *font;
	int rc;

	if ((rc = xp_lookup_font(c, req->id, &font)) != Success) {
		return rc;
	}
	xp_resource_free(&c->server->resources, req->id);
	return Success;
}

static xCharInfo
wire_char(const struct xp_char_info *ci)
{
	return (xCharInfo){ .leftSideBearing = ci->left_bearing,
		.rightSideBearing = ci->right_bearing,
		.characterWidth = ci->width,
		.ascent = ci->ascent,
		.descent = ci->descent,
		.attributes = ci->attributes };
}

/* The font-wide fields QueryFont and ListFontsWithInfo replies share (the
 * two wire structs use the same names for them). */
#define WIRE_FONT_INFO(info)                                                   \
	.minBounds = wire_char(&(info)->min_bounds),                           \
	.maxBounds = wire_char(&(info)->max_bounds),                           \
	.minCharOrByte2 = (info)->min_char_or_byte2,                           \
	.maxCharOrByte2 = (info)->max_char_or_byte2,                           \
	.defaultChar = (info)->default_char,                                   \
	.nFontProps = (CARD16)(info)->n_props,                                 \
	.drawDirection = (info)->draw_direction,                               \
	.minByte1 = (info)->min_byte1, .maxByte1 = (info)->max_byte1,          \
	.allCharsExist = (info)->all_chars_exist,                              \
	.fontAscent = (info)->font_ascent, .fontDescent = (info)->font_descent

/* Properties with names (and string values) interned as atoms. */
static xFontProp *
wire_props(struct xp_server *s, const struct xp_font_info *info)
{
	xFontProp *props = malloc((info->n_props + 1) * sizeof(*props));
	bool oom = false;

	if (props == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < info->n_props && !oom; i++) {
		const struct xp_font_prop *p = &info->props[i];
		props[i].name = xp_atom_intern(&s->atoms, p->name,
				strlen(p->name), false, &oom);
		props[i].value = p->value;
		if (p->value_is_string && !oom) {
			props[i].value = xp_atom_intern(&s->atoms, p->string,
					strlen(p->string), false, &oom);
		}
	}
	if (oom) {
		free(props);
		return NULL;
	}
	return props;
}

int
xp_proc_query_font(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_font *font;
	const struct xp_char_info *infos;
	int rc;

	if ((rc = xp_lookup_fontable(c, req->id, &font)) != Success) {
		return rc;
	}
	const struct xp_font_info *info = xp_font_get_info(font);
	size_t n_infos = xp_font_char_infos(font, &infos);
	xFontProp *props = wire_props(c->server, info);
	size_t extra = info->n_props * sizeof(xFontProp) +
		       n_infos * sizeof(xCharInfo);
	uint8_t *buf = xp_server_scratch(c->server, extra + 4);
	if (props == NULL || buf == NULL) {
		free(props);
		return BadAlloc;
	}
	memcpy(buf, props, info->n_props * sizeof(xFontProp));
	xCharInfo *ci = (xCharInfo *)(void
					*)(buf +
					   info->n_props * sizeof(xFontProp));
	for (size_t i = 0; i < n_infos; i++) {
		ci[i] = wire_char(&infos[i]);
	}
	free(props);
	xQueryFontReply rep = {
		WIRE_FONT_INFO(info),
		.nCharInfos = (CARD32)n_infos,
	};
	xp_reply(c, &rep, sizeof(rep), buf, extra);
	return Success;
}

int
xp_proc_query_text_extents(struct xp_client *c, const void *raw)
{
	const xQueryTextExtentsReq *req = raw;
	struct xp_font *font;
	struct xp_text_extents te;
	int rc;

	if ((rc = xp_lookup_fontable(c, req->fid, &font)) != Success) {
		return rc;
	}
	/* The string is CHAR2Bs; oddLength says the last pad pair is not
	 * one. */
	size_t bytes = c->req_len - sz_xQueryTextExtentsReq;
	size_t n = bytes / 2;
	if (req->oddLength) {
		if (n == 0) {
			return BadLength;
		}
		n--;
	}
	uint16_t *chars = malloc((n + 1) * sizeof(*chars));
	if (chars == NULL) {
		return BadAlloc;
	}
	const uint8_t *s = (const uint8_t *)(req + 1);
	for (size_t i = 0; i < n; i++) {
		chars[i] = (uint16_t)(s[2 * i] << 8 | s[2 * i + 1]);
	}
	bool ok = xp_font_text_extents(font, chars, n, &te);
	free(chars);
	if (!ok) {
		return BadAlloc;
	}
	xQueryTextExtentsReply rep = {
		.drawDirection = te.draw_direction,
		.fontAscent = te.font_ascent,
		.fontDescent = te.font_descent,
		.overallAscent = te.overall_ascent,
		.overallDescent = te.overall_descent,
		.overallWidth = te.overall_width,
		.overallLeft = te.overall_left,
		.overallRight = te.overall_right,
	};
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

struct name_list {
	uint8_t *buf;
	size_t len, cap;
	uint16_t count;
	bool oom;
};

static void
collect_name(void *data, const char *name, size_t len)
{
	struct name_list *l = data;

	if (l->oom) {
		return;
	}
	len = len > 255 ? 255 : len;
	if (l->len + len + 1 > l->cap) {
		size_t cap = (l->cap ? l->cap * 2 : 4096) + len + 1;
		uint8_t *b = realloc(l->buf, cap);
		if (b == NULL) {
			l->oom = true;
			return;
		}
		l->buf = b;
		l->cap = cap;
	}
	l->buf[l->len++] = (uint8_t)len;
	memcpy(l->buf + l->len, name, len);
	l->len += len;
	l->count++;
}

int
xp_proc_list_fonts(struct xp_client *c, const void *raw)
{
	const xListFontsReq *req = raw;
	struct name_list l = { 0 };
	int rc;

	if ((rc = xp_req_check_tail(c, sz_xListFontsReq, req->nbytes)) !=
			Success) {
		return rc;
	}
	rc = xp_fontdb_list(c->server->fonts, (const char *)(req + 1),
			req->nbytes, req->maxNames, collect_name, &l);
	if (rc != XP_FONT_OK || l.oom) {
		free(l.buf);
		return BadAlloc;
	}
	xListFontsReply rep = { .nFonts = l.count };
	xp_reply(c, &rep, sizeof(rep), l.buf, l.len);
	free(l.buf);
	return Success;
}

struct info_ctx {
	struct xp_client *c;
	bool oom;
	uint16_t remaining;
};

static void
send_font_info(void *data, const char *name, size_t len,
		const struct xp_font_info *info)
{
	struct info_ctx *ctx = data;
	xFontProp *props;

	if (ctx->oom) {
		return;
	}
	props = wire_props(ctx->c->server, info);
	if (props == NULL) {
		ctx->oom = true;
		return;
	}
	len = len > 255 ? 255 : len;
	size_t props_len = info->n_props * sizeof(xFontProp);
	uint8_t *extra = malloc(props_len + len + 4);
	if (extra == NULL) {
		free(props);
		ctx->oom = true;
		return;
	}
	memcpy(extra, props, props_len);
	memcpy(extra + props_len, name, len);
	xListFontsWithInfoReply rep = {
		.nameLength = (CARD8)len,
		WIRE_FONT_INFO(info),
		.nReplies = ctx->remaining ? --ctx->remaining : 0,
	};
	xp_reply(ctx->c, &rep, sizeof(rep), extra, props_len + len);
	free(extra);
	free(props);
}

static void
count_name(void *data, const char *name, size_t len)
{
	(*(uint16_t *)data)++;
}

int
xp_proc_list_fonts_with_info(struct xp_client *c, const void *raw)
{
	const xListFontsWithInfoReq *req = raw;
	struct info_ctx ctx = { .c = c };
	int rc;

	if ((rc = xp_req_check_tail(c, sz_xListFontsWithInfoReq,
			     req->nbytes)) != Success) {
		return rc;
	}
	/* nReplies is only a hint; the name count is a good one. */
	xp_fontdb_list(c->server->fonts, (const char *)(req + 1), req->nbytes,
			req->maxNames, count_name, &ctx.remaining);
	rc = xp_fontdb_list_with_info(c->server->fonts, (const char *)(req + 1),
			req->nbytes, req->maxNames, send_font_info, &ctx);
	if (rc != XP_FONT_OK || ctx.oom) {
		return BadAlloc;
	}
	xListFontsWithInfoReply last = { .nameLength = 0 };
	xp_reply(c, &last, sizeof(last), NULL, 0);
	return Success;
}

int
xp_proc_set_font_path(struct xp_client *c, const void *raw)
{
	const xSetFontPathReq *req = raw;
	const uint8_t *p = (const uint8_t *)(req + 1);
	size_t avail = c->req_len - sz_xSetFontPathReq, off = 0;
	const char **elems;
	char *copy;
	int rc;

	elems = calloc(req->nFonts + 1u, sizeof(*elems));
	copy = malloc(avail + 1);
	if (elems == NULL || copy == NULL) {
		free(elems);
		free(copy);
		return BadAlloc;
	}
	/* Each STR becomes a NUL-terminated copy: length byte → NUL. */
	for (uint16_t i = 0; i < req->nFonts; i++) {
		if (off >= avail || off + 1 + p[off] > avail) {
			free(elems);
			free(copy);
			return BadLength;
		}
		size_t len = p[off];
		memcpy(copy + off, p + off + 1, len);
		copy[off + len] = '\0';
		elems[i] = copy + off;
		off += 1 + len;
	}
	if (XP_PAD4(sz_xSetFontPathReq + off) != c->req_len) {
		free(elems);
		free(copy);
		return BadLength;
	}
	if (req->nFonts == 0) {
		rc = xp_fontdb_set_path(c->server->fonts, NULL, 0);
	} else {
		rc = xp_fontdb_set_path(c->server->fonts, elems, req->nFonts);
	}
	free(elems);
	free(copy);
	if (rc > 0) {
		return xp_error(c, BadValue, (uint32_t)(rc - 1));
	}
	return rc < 0 ? BadAlloc : Success;
}

int
xp_proc_get_font_path(struct xp_client *c, const void *raw)
{
	struct name_list l = { 0 };
	size_t n = xp_fontdb_path_count(c->server->fonts);

	for (size_t i = 0; i < n; i++) {
		const char *e = xp_fontdb_path_element(c->server->fonts, i);
		collect_name(&l, e, strlen(e));
	}
	if (l.oom) {
		free(l.buf);
		return BadAlloc;
	}
	xGetFontPathReply rep = { .nPaths = l.count };
	xp_reply(c, &rep, sizeof(rep), l.buf, l.len);
	free(l.buf);
	return Success;
}
