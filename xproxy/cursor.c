/* CreateCursor, CreateGlyphCursor, FreeCursor, RecolorCursor and
 * QueryBestSize. */
#include "xproxy/cursor.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/drawable.h"
#include "xproxy/font.h"
#include "xproxy/fontproc.h"
#include "xproxy/input.h"
#include "xproxy/proc.h"
#include "xproxy/render.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

static void
cursor_free_id(struct xp_resource *res)
{
	xp_cursor_unref((struct xp_cursor *)res);
}

static const struct xp_resource_type cursor_type = {
	.name = "cursor",
	.error = BadCursor,
	.destroy = cursor_free_id,
};

int
xp_lookup_cursor(struct xp_client *c, uint32_t id, struct xp_cursor **out)
{
	struct xp_resource *res = xp_resource_find(&c->server->resources, id);

	if (res == NULL || res->type != &cursor_type) {
		return xp_error(c, BadCursor, id);
	}
	*out = (struct xp_cursor *)res;
	return Success;
}

struct xp_cursor *
xp_cursor_ref(struct xp_cursor *cursor)
{
	cursor->refs++;
	return cursor;
}

void
xp_cursor_unref(struct xp_cursor *cursor)
{
	if (cursor == NULL || --cursor->refs > 0) {
		return;
	}
	if (cursor->image != NULL) {
		pixman_image_unref(cursor->image);
	}
	free(cursor->source);
	free(cursor->mask);
	free(cursor);
}

void
xp_cursor_set(struct xp_cursor **slot, struct xp_cursor *cursor)
{
	if (cursor != NULL) {
		xp_cursor_ref(cursor);
	}
	xp_cursor_unref(*slot);
	*slot = cursor;
}

static bool
bit_at(const uint8_t *bits, int w, int x, int y)
{
	int stride = (w + 7) / 8;
	return (bits[y * stride + x / 8] >> (x & 7)) & 1;
}

/* Paints the ARGB image from the bitmaps and colours. */
static bool
build_image(struct xp_cursor *cur)
{
	pixman_image_t *img = pixman_image_create_bits(
			PIXMAN_a8r8g8b8, cur->width, cur->height, NULL, 0);

	if (img == NULL) {
		return false;
	}
	uint32_t fg = 0xff000000u | (uint32_t)(cur->fore[0] >> 8) << 16 |
		      (uint32_t)(cur->fore[1] >> 8) << 8 | cur->fore[2] >> 8;
	uint32_t bg = 0xff000000u | (uint32_t)(cur->back[0] >> 8) << 16 |
		      (uint32_t)(cur->back[1] >> 8) << 8 | cur->back[2] >> 8;
	for (int y = 0; y < cur->height; y++) {
		for (int x = 0; x < cur->width; x++) {
			uint32_t v = 0;
			if (bit_at(cur->mask, cur->width, x, y)) {
				v = bit_at(cur->source, cur->width, x, y) ? fg
									  : bg;
			}
			xp_render_put_pixel(img, x, y, v);
		}
	}
	if (cur->image != NULL) {
		pixman_image_unref(cur->image);
	}
	cur->image = img;
	return true;
}

static struct xp_cursor *
cursor_alloc(uint16_t w, uint16_t h)
{
	struct xp_cursor *cur = calloc(1, sizeof(*cur));
	size_t bytes = (size_t)((w + 7) / 8) * h;

	if (cur == NULL) {
		return NULL;
	}
	cur->refs = 1;
	cur->res.type = &cursor_type;
	cur->width = w;
	cur->height = h;
	cur->source = calloc(1, bytes ? bytes : 1);
	cur->mask = calloc(1, bytes ? bytes : 1);
	if (cur->source == NULL || cur->mask == NULL) {
		xp_cursor_unref(cur);
		return NULL;
	}
	return cur;
}

static void
set_bit(uint8_t *bits, int w, int x, int y)
{
	int stride = (w + 7) / 8;
	bits[y * stride + x / 8] |= (uint8_t)(1u << (x & 7));
}

static int
finish_cursor(struct xp_client *c, struct xp_cursor *cur, uint32_t id,
		const uint16_t fore[3], const uint16_t back[3])
{
	memcpy(cur->fore, fore, sizeof(cur->fore));
	memcpy(cur->back, back, sizeof(cur->back));
	cur->res.id = id;
	cur->res.owner = c;
	if (!build_image(cur)) {
		xp_cursor_unref(cur);
		return BadAlloc;
	}
	return xp_resource_add(&c->server->resources, &cur->res) ? Success
								 : BadAlloc;
}

static int
check_new_id(struct xp_client *c, uint32_t id)
{
	if ((id & ~c->id_mask) != c->id_base ||
			xp_resource_find(&c->server->resources, id) != NULL) {
		return xp_error(c, BadIDChoice, id);
	}
	return Success;
}

int
xp_proc_create_cursor(struct xp_client *c, const void *raw)
{
	const xCreateCursorReq *req = raw;
	struct xp_pixmap *src, *mask = NULL;
	int rc;

	if ((rc = check_new_id(c, req->cid)) != Success ||
			(rc = xp_lookup_pixmap(c, req->source, &src)) !=
					Success) {
		return rc;
	}
	if (req->mask != None && (rc = xp_lookup_pixmap(c, req->mask, &mask)) !=
						 Success) {
		return rc;
	}
	if (src->base.depth != 1 ||
			(mask != NULL &&
					(mask->base.depth != 1 ||
							mask->base.width !=
									src->base.width ||
							mask->base.height !=
									src->base.height))) {
		return xp_error(c, BadMatch, 0);
	}
	/* The hot spot may sit on the far edge: Xvfb accepts x == width, and
	 * GDK's blank cursor is a 1x1 bitmap with its hot spot at (1, 1). */
	if (req->x > src->base.width || req->y > src->base.height) {
		return xp_error(c, BadMatch, 0);
	}
	struct xp_cursor *cur = cursor_alloc(src->base.width, src->base.height);
	if (cur == NULL) {
		return BadAlloc;
	}
	cur->hot_x = req->x;
	cur->hot_y = req->y;
	for (int y = 0; y < cur->height; y++) {
		for (int x = 0; x < cur->width; x++) {
			if (xp_render_get_pixel(src->image, x, y)) {
				set_bit(cur->source, cur->width, x, y);
			}
			if (mask == NULL || xp_render_get_pixel(mask->image, x,
							    y)) {
				set_bit(cur->mask, cur->width, x, y);
			}
		}
	}
	uint16_t fore[3] = { req->foreRed, req->foreGreen, req->foreBlue };
	uint16_t back[3] = { req->backRed, req->backGreen, req->backBlue };
	return finish_cursor(c, cur, req->cid, fore, back);
}

int
xp_proc_create_glyph_cursor(struct xp_client *c, const void *raw)
{
	const xCreateGlyphCursorReq *req = raw;
	struct xp_font *sfont, *mfont = NULL;
	struct xp_char_info sci, mci;
	const uint8_t *sbits, *mbits = NULL;
	uint32_t sstride, mstride = 0;
	int rc;

	if ((rc = check_new_id(c, req->cid)) != Success ||
			(rc = xp_lookup_font(c, req->source, &sfont)) !=
					Success) {
		return rc;
	}
	if (req->mask != None && (rc = xp_lookup_font(c, req->mask, &mfont)) !=
						 Success) {
		return rc;
	}
	if (!xp_font_glyph(sfont, req->sourceChar, &sci, &sbits, &sstride)) {
		return xp_error(c, BadValue, req->sourceChar);
	}
	if (mfont != NULL && !xp_font_glyph(mfont, req->maskChar, &mci, &mbits,
					     &mstride)) {
		return xp_error(c, BadValue, req->maskChar);
	}
	/* The cursor covers both glyphs, positioned by their origins; the
	 * hotspot is the source glyph's origin. */
	int x1 = sci.left_bearing, x2 = sci.right_bearing;
	int y1 = -sci.ascent, y2 = sci.descent;
	if (mbits != NULL) {
		x1 = XP_MIN(x1, mci.left_bearing);
		x2 = XP_MAX(x2, mci.right_bearing);
		y1 = XP_MIN(y1, -mci.ascent);
		y2 = XP_MAX(y2, mci.descent);
	}
	int w = XP_MAX(x2 - x1, 1), h = XP_MAX(y2 - y1, 1);
	struct xp_cursor *cur = cursor_alloc((uint16_t)w, (uint16_t)h);
	if (cur == NULL) {
		return BadAlloc;
	}
	cur->hot_x = (uint16_t)-x1;
	cur->hot_y = (uint16_t)-y1;
	int sw = sci.right_bearing - sci.left_bearing;
	for (int y = 0; y < sci.ascent + sci.descent; y++) {
		for (int x = 0; x < sw; x++) {
			if (sbits[y * sstride + x / 8] & (0x80 >> (x & 7))) {
				int cx = x + sci.left_bearing - x1;
				int cy = y - sci.ascent - y1;
				set_bit(cur->source, w, cx, cy);
				if (mbits == NULL) {
					set_bit(cur->mask, w, cx, cy);
				}
			}
		}
	}
	if (mbits != NULL) {
		int mw = mci.right_bearing - mci.left_bearing;
		for (int y = 0; y < mci.ascent + mci.descent; y++) {
			for (int x = 0; x < mw; x++) {
				if (mbits[y * mstride + x / 8] &
						(0x80 >> (x & 7))) {
					set_bit(cur->mask, w,
							x + mci.left_bearing -
									x1,
							y - mci.ascent - y1);
				}
			}
		}
	}
	uint16_t fore[3] = { req->foreRed, req->foreGreen, req->foreBlue };
	uint16_t back[3] = { req->backRed, req->backGreen, req->backBlue };
	return finish_cursor(c, cur, req->cid, fore, back);
}

int
xp_proc_free_cursor(struct xp_client *c, const void *raw)
{
	const xResourceReq *req = raw;
	struct xp_cursor *cur;
	int rc;

	if ((rc = xp_lookup_cursor(c, req->id, &cur)) != Success) {
		return rc;
	}
	xp_resource_free(&c->server->resources, req->id);
	return Success;
}

int
xp_proc_recolor_cursor(struct xp_client *c, const void *raw)
{
	const xRecolorCursorReq *req = raw;
	struct xp_cursor *cur;
	int rc;

	if ((rc = xp_lookup_cursor(c, req->cursor, &cur)) != Success) {
		return rc;
	}
	cur->fore[0] = req->foreRed;
	cur->fore[1] = req->foreGreen;
	cur->fore[2] = req->foreBlue;
	cur->back[0] = req->backRed;
	cur->back[1] = req->backGreen;
	cur->back[2] = req->backBlue;
	if (!build_image(cur)) {
		return BadAlloc;
	}
	xp_input_cursor_changed(c->server);
	return Success;
}

int
xp_proc_query_best_size(struct xp_client *c, const void *raw)
{
	const xQueryBestSizeReq *req = raw;
	struct xp_drawable *d;
	int rc;

	if (req->class > StippleShape) {
		return xp_error(c, BadValue, req->class);
	}
	if ((rc = xp_lookup_drawable(c, req->drawable, &d)) != Success) {
		return rc;
	}
	struct xp_window *w = xp_drawable_window(d);
	if (req->class != CursorShape && w != NULL && w->class == InputOnly) {
		return xp_error(c, BadMatch, 0);
	}
	xQueryBestSizeReply rep = { .width = req->width,
		.height = req->height };
	if (req->class == CursorShape) {
		/* Any size works; viewers show up to 64x64 comfortably. */
		rep.width = XP_MIN(req->width, 64);
		rep.height = XP_MIN(req->height, 64);
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}
