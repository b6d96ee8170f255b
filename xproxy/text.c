/* Core text: PolyText8/16 and ImageText8/16 with glyphs from font.c. */
#include <X11/X.h>
#include <X11/Xproto.h>
#include <stdlib.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/draw.h"
#include "xproxy/drawable.h"
#include "xproxy/font.h"
#include "xproxy/fontproc.h"
#include "xproxy/gc.h"
#include "xproxy/proc.h"
#include "xproxy/raster.h"
#include "xproxy/render.h"

/* Adds the set pixels of chars drawn from (x, y) to spans; returns the
 * advance. */
static int32_t
glyph_spans(const struct xp_font *font, const uint16_t *chars, size_t n,
		int32_t x, int32_t y, struct xp_spans *spans)
{
	int32_t start = x;

	for (size_t i = 0; i < n; i++) {
		struct xp_char_info ci;
		const uint8_t *bits;
		uint32_t stride;

		if (!xp_font_glyph_or_default(
				    font, chars[i], &ci, &bits, &stride)) {
			continue;
		}
		int gw = ci.right_bearing - ci.left_bearing;
		int gh = ci.ascent + ci.descent;
		for (int row = 0; row < gh; row++) {
			const uint8_t *r = bits + (size_t)row * stride;
			int col = 0;
			while (col < gw) {
				while (col < gw &&
						!(r[col >> 3] & (0x80 >> (col & 7)))) {
					col++;
				}
				int c1 = col;
				while (col < gw &&
						(r[col >> 3] & (0x80 >> (col & 7)))) {
					col++;
				}
				if (col > c1) {
					xp_spans_add(spans, y - ci.ascent + row,
							x + ci.left_bearing +
									c1,
							x + ci.left_bearing +
									col);
				}
			}
		}
		x += ci.width;
	}
	return x - start;
}

static void
decode_chars(const uint8_t *s, size_t n, bool wide, uint16_t *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = wide ? (uint16_t)(s[2 * i] << 8 | s[2 * i + 1]) : s[i];
	}
}

static int
poly_text(struct xp_client *c, const void *raw, bool wide)
{
	const xPolyTextReq *req = raw;
	const uint8_t *p = (const uint8_t *)(req + 1);
	const uint8_t *end = (const uint8_t *)raw + c->req_len;
	size_t csize = wide ? 2 : 1;
	struct xp_spans spans;
	struct xp_draw dr;
	uint16_t chars[254];
	int32_t x = req->x;
	int rc;

	if ((rc = xp_draw_begin(c, req->drawable, req->gc, &dr)) != Success) {
		return rc;
	}
	xp_spans_init(&spans);
	rc = Success;
	/* Items until fewer bytes remain than an item needs: the rest is
	 * padding (protocol, PolyText8). */
	while (end - p >= 2) {
		uint8_t len = p[0];
		if (len == 255) {
			if (end - p < 5) {
				break;
			}
			uint32_t fid = (uint32_t)p[1] << 24 |
				       (uint32_t)p[2] << 16 |
				       (uint32_t)p[3] << 8 | p[4];
			struct xp_font *font;
			/* Draw what came before with the old font. */
			xp_draw_spans(&dr, &spans);
			if ((rc = xp_lookup_font(c, fid, &font)) != Success) {
				break;
			}
			xp_font_ref(font);
			xp_font_unref(dr.gc->font);
			dr.gc->font = font;
			p += 5;
			continue;
		}
		if (len == 0 && p[1] == 0 && end - p < 4) {
			break;
		}
		if ((size_t)(end - p - 2) < len * csize) {
			rc = BadLength;
			break;
		}
		x += (int8_t)p[1];
		decode_chars(p + 2, len, wide, chars);
		if (dr.gc->font != NULL) {
			x += glyph_spans(dr.gc->font, chars, len, x, req->y,
					&spans);
		}
		p += 2 + len * csize;
	}
	xp_draw_spans(&dr, &spans);
	if (rc == Success && spans.oom) {
		rc = BadAlloc;
	}
	xp_spans_finish(&spans);
	xp_draw_end(&dr);
	return rc;
}

int
xp_proc_poly_text8(struct xp_client *c, const void *raw)
{
	return poly_text(c, raw, false);
}

int
xp_proc_poly_text16(struct xp_client *c, const void *raw)
{
	return poly_text(c, raw, true);
}

static int
image_text(struct xp_client *c, const void *raw, bool wide)
{
	const xImageTextReq *req = raw;
	size_t n = req->nChars;
	struct xp_text_extents te;
	struct xp_spans spans;
	struct xp_draw dr;
	uint16_t chars[255];
	int rc;

	if ((rc = xp_draw_begin(c, req->drawable, req->gc, &dr)) != Success) {
		return rc;
	}
	if ((rc = xp_req_check_tail(c, sz_xImageTextReq, n * (wide ? 2 : 1))) !=
			Success) {
		xp_draw_end(&dr);
		return rc;
	}
	if (!dr.visible || dr.gc->font == NULL) {
		xp_draw_end(&dr);
		return Success;
	}
	decode_chars((const uint8_t *)(req + 1), n, wide, chars);
	if (!xp_font_text_extents(dr.gc->font, chars, n, &te)) {
		xp_draw_end(&dr);
		return BadAlloc;
	}
	/* Background box: [x, y - font-ascent], overall-width wide and
	 * font-ascent + font-descent high; function and fill style are
	 * ignored (GXcopy, FillSolid), the plane mask and clip are not. */
	int32_t bx = req->x, bw = te.overall_width;
	if (bw < 0) {
		bx += bw;
		bw = -bw;
	}
	pixman_region32_t region;
	pixman_region32_init_rect(&region, dr.ox + bx,
			dr.oy + req->y - te.font_ascent, (uint32_t)bw,
			(uint32_t)(te.font_ascent + te.font_descent));
	pixman_region32_intersect(&region, &region, &dr.clip);
	xp_render_fill_pixel(dr.image, &region, dr.gc->background, GXcopy,
			dr.gc->plane_mask, dr.d->depth);
	xp_drawable_damage(dr.d, &region);
	pixman_region32_fini(&region);

	xp_spans_init(&spans);
	glyph_spans(dr.gc->font, chars, n, req->x, req->y, &spans);
	if (spans.n > 0 && xp_spans_to_region(&spans, &region)) {
		pixman_region32_translate(&region, dr.ox, dr.oy);
		pixman_region32_intersect(&region, &region, &dr.clip);
		xp_render_fill_pixel(dr.image, &region, dr.gc->foreground,
				GXcopy, dr.gc->plane_mask, dr.d->depth);
		xp_drawable_damage(dr.d, &region);
		pixman_region32_fini(&region);
	}
	rc = spans.oom ? BadAlloc : Success;
	xp_spans_finish(&spans);
	xp_draw_end(&dr);
	return rc;
}

int
xp_proc_image_text8(struct xp_client *c, const void *raw)
{
	return image_text(c, raw, false);
}

int
xp_proc_image_text16(struct xp_client *c, const void *raw)
{
	return image_text(c, raw, true);
}
