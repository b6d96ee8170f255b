#include "xproxy/setup.h"

#include <X11/X.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/keymap.h"
#include "xproxy/server.h"
#include "xproxy/window.h"

#define VENDOR "winexport"
/* Xvfb 21.1.7 reports 12101007; we speak the same protocol revision. */
#define RELEASE_NUMBER 12101007u
#define MOTION_BUFFER_SIZE 256

static const xPixmapFormat pixmap_formats[] = {
	{ .depth = 1, .bitsPerPixel = 1, .scanLinePad = 32 },
	{ .depth = 8, .bitsPerPixel = 8, .scanLinePad = 32 },
	{ .depth = 24, .bitsPerPixel = 32, .scanLinePad = 32 },
	{ .depth = 32, .bitsPerPixel = 32, .scanLinePad = 32 },
};

/* Depths windows may have: 24 with our one visual; the others for
 * pixmaps only, as Xvfb lists them. */
static const uint8_t other_depths[] = { 1, 8, 32 };

static uint16_t
swap16(uint16_t v)
{
	return (uint16_t)((v >> 8) | (v << 8));
}

static bool
refuse(struct xp_client *c, const xConnClientPrefix *prefix, const char *reason)
{
	size_t len = strlen(reason);
	xConnSetupPrefix rep = {
		.success = xFalse,
		.lengthReason = (CARD8)len,
		.majorVersion = X_PROTOCOL,
		.minorVersion = X_PROTOCOL_REVISION,
		.length = (CARD16)(XP_PAD4(len) / 4),
	};
	static const uint8_t zero[4];

	if (prefix->byteOrder != 'l') {
		rep.majorVersion = swap16(rep.majorVersion);
		rep.minorVersion = swap16(rep.minorVersion);
		rep.length = swap16(rep.length);
	}
	xp_client_write(c, &rep, sizeof(rep));
	xp_client_write(c, reason, len);
	xp_client_write(c, zero, XP_PAD4(len) - len);
	xp_client_flush(c);
	return false;
}

/* millimetres = pixels * 25.4 / dpi, rounded as the X server does. */
static uint16_t
millimetres(int pixels, int dpi)
{
	return (uint16_t)((pixels * 254 + dpi * 5) / (dpi * 10));
}

bool
xp_setup_reply(struct xp_client *c, const xConnClientPrefix *prefix)
{
	struct xp_server *s = c->server;
	uint8_t buf[512];
	size_t off = 0;

	/* The application shares our process, so it shares our byte order;
	 * we never swap (STYLE: no SProc twins). */
	if (prefix->byteOrder != 'l') {
		return refuse(c, prefix, "winexport speaks LSB-first only");
	}
	if (prefix->majorVersion != X_PROTOCOL) {
		return refuse(c, prefix, "Protocol version mismatch");
	}

	size_t vendor_len = strlen(VENDOR);
	xConnSetup setup = {
		.release = RELEASE_NUMBER,
		.ridBase = c->id_base,
		.ridMask = c->id_mask,
		.motionBufferSize = MOTION_BUFFER_SIZE,
		.nbytesVendor = (CARD16)vendor_len,
		.maxRequestSize = 65535,
		.numRoots = 1,
		.numFormats = ARRAY_SIZE(pixmap_formats),
		.imageByteOrder = LSBFirst,
		.bitmapBitOrder = LSBFirst,
		.bitmapScanlineUnit = 32,
		.bitmapScanlinePad = 32,
		.minKeyCode = xp_keymap_min_keycode(s->keymap),
		.maxKeyCode = xp_keymap_max_keycode(s->keymap),
	};
	memcpy(buf + sz_xConnSetupPrefix, &setup, sz_xConnSetup);
	off = sz_xConnSetupPrefix + sz_xConnSetup;
	memcpy(buf + off, VENDOR, vendor_len);
	memset(buf + off + vendor_len, 0, XP_PAD4(vendor_len) - vendor_len);
	off += XP_PAD4(vendor_len);
	memcpy(buf + off, pixmap_formats, sizeof(pixmap_formats));
	off += sizeof(pixmap_formats);

	xWindowRoot root = {
		.windowId = XP_ROOT_WINDOW,
		.defaultColormap = XP_ROOT_COLORMAP,
		.whitePixel = 0xffffff,
		.blackPixel = 0,
		.currentInputMask = xp_window_all_event_masks(s->root),
		.pixWidth = (CARD16)s->options.width,
		.pixHeight = (CARD16)s->options.height,
		.mmWidth = millimetres(s->options.width, s->options.dpi),
		.mmHeight = millimetres(s->options.height, s->options.dpi),
		.minInstalledMaps = 1,
		.maxInstalledMaps = 1,
		.rootVisualID = XP_ROOT_VISUAL,
		.backingStore = NotUseful,
		.saveUnders = xFalse,
		.rootDepth = XP_ROOT_DEPTH,
		.nDepths = 1 + ARRAY_SIZE(other_depths),
	};
	memcpy(buf + off, &root, sz_xWindowRoot);
	off += sz_xWindowRoot;

	xDepth depth24 = { .depth = XP_ROOT_DEPTH, .nVisuals = 1 };
	xVisualType visual = {
		.visualID = XP_ROOT_VISUAL,
		.class = TrueColor,
		.bitsPerRGB = 8,
		.colormapEntries = 256,
		.redMask = 0xff0000,
		.greenMask = 0x00ff00,
		.blueMask = 0x0000ff,
	};
	memcpy(buf + off, &depth24, sz_xDepth);
	off += sz_xDepth;
	memcpy(buf + off, &visual, sz_xVisualType);
	off += sz_xVisualType;
	for (size_t i = 0; i < ARRAY_SIZE(other_depths); i++) {
		xDepth d = { .depth = other_depths[i], .nVisuals = 0 };
		memcpy(buf + off, &d, sz_xDepth);
		off += sz_xDepth;
	}

	xConnSetupPrefix head = {
		.success = xTrue,
		.majorVersion = X_PROTOCOL,
		.minorVersion = X_PROTOCOL_REVISION,
		.length = (CARD16)((off - sz_xConnSetupPrefix) / 4),
	};
	memcpy(buf, &head, sz_xConnSetupPrefix);
	xp_client_write(c, buf, off);
	return !c->closing;
}
