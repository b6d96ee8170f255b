#include "xproxy/dispatch.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/extension.h"
#include "xproxy/log.h"
#include "xproxy/proc.h"
#include "xproxy/server.h"

#define REQ(op, fn, sz, rule) [X_##op] = { #op, fn, sz, rule }
#define EXACT(op, fn, sz) REQ(op, fn, sz, XP_LEN_EXACT)
#define ATLEAST(op, fn, sz) REQ(op, fn, sz, XP_LEN_AT_LEAST)

/* The core protocol, in opcode order. A missing entry is BadRequest. */
static const struct xp_request_desc core_requests[128] = {
	ATLEAST(CreateWindow, xp_proc_create_window, sz_xCreateWindowReq),
	ATLEAST(ChangeWindowAttributes, xp_proc_change_window_attributes,
			sz_xChangeWindowAttributesReq),
	EXACT(GetWindowAttributes, xp_proc_get_window_attributes,
			sz_xResourceReq),
	EXACT(DestroyWindow, xp_proc_destroy_window, sz_xResourceReq),
	EXACT(DestroySubwindows, xp_proc_destroy_subwindows, sz_xResourceReq),
	EXACT(ChangeSaveSet, xp_proc_change_save_set, sz_xChangeSaveSetReq),
	EXACT(ReparentWindow, xp_proc_reparent_window, sz_xReparentWindowReq),
	EXACT(MapWindow, xp_proc_map_window, sz_xResourceReq),
	EXACT(MapSubwindows, xp_proc_map_subwindows, sz_xResourceReq),
	EXACT(UnmapWindow, xp_proc_unmap_window, sz_xResourceReq),
	EXACT(UnmapSubwindows, xp_proc_unmap_subwindows, sz_xResourceReq),
	ATLEAST(ConfigureWindow, xp_proc_configure_window,
			sz_xConfigureWindowReq),
	EXACT(CirculateWindow, xp_proc_circulate_window,
			sz_xCirculateWindowReq),
	EXACT(GetGeometry, xp_proc_get_geometry, sz_xResourceReq),
	EXACT(QueryTree, xp_proc_query_tree, sz_xResourceReq),
	ATLEAST(InternAtom, xp_proc_intern_atom, sz_xInternAtomReq),
	EXACT(GetAtomName, xp_proc_get_atom_name, sz_xResourceReq),
	ATLEAST(ChangeProperty, xp_proc_change_property, sz_xChangePropertyReq),
	EXACT(DeleteProperty, xp_proc_delete_property, sz_xDeletePropertyReq),
	EXACT(GetProperty, xp_proc_get_property, sz_xGetPropertyReq),
	EXACT(ListProperties, xp_proc_list_properties, sz_xResourceReq),
	EXACT(SetSelectionOwner, xp_proc_set_selection_owner,
			sz_xSetSelectionOwnerReq),
	EXACT(GetSelectionOwner, xp_proc_get_selection_owner, sz_xResourceReq),
	EXACT(ConvertSelection, xp_proc_convert_selection,
			sz_xConvertSelectionReq),
	EXACT(SendEvent, xp_proc_send_event, sz_xSendEventReq),
	EXACT(GrabPointer, xp_proc_grab_pointer, sz_xGrabPointerReq),
	EXACT(UngrabPointer, xp_proc_ungrab_pointer, sz_xResourceReq),
	EXACT(GrabButton, xp_proc_grab_button, sz_xGrabButtonReq),
	EXACT(UngrabButton, xp_proc_ungrab_button, sz_xUngrabButtonReq),
	EXACT(ChangeActivePointerGrab, xp_proc_change_active_pointer_grab,
			sz_xChangeActivePointerGrabReq),
	EXACT(GrabKeyboard, xp_proc_grab_keyboard, sz_xGrabKeyboardReq),
	EXACT(UngrabKeyboard, xp_proc_ungrab_keyboard, sz_xResourceReq),
	EXACT(GrabKey, xp_proc_grab_key, sz_xGrabKeyReq),
	EXACT(UngrabKey, xp_proc_ungrab_key, sz_xUngrabKeyReq),
	EXACT(AllowEvents, xp_proc_allow_events, sz_xAllowEventsReq),
	EXACT(GrabServer, xp_proc_grab_server, sz_xReq),
	EXACT(UngrabServer, xp_proc_ungrab_server, sz_xReq),
	EXACT(QueryPointer, xp_proc_query_pointer, sz_xResourceReq),
	EXACT(GetMotionEvents, xp_proc_get_motion_events,
			sz_xGetMotionEventsReq),
	EXACT(TranslateCoords, xp_proc_translate_coordinates,
			sz_xTranslateCoordsReq),
	EXACT(WarpPointer, xp_proc_warp_pointer, sz_xWarpPointerReq),
	EXACT(SetInputFocus, xp_proc_set_input_focus, sz_xSetInputFocusReq),
	EXACT(GetInputFocus, xp_proc_get_input_focus, sz_xReq),
	EXACT(QueryKeymap, xp_proc_query_keymap, sz_xReq),
	ATLEAST(OpenFont, xp_proc_open_font, sz_xOpenFontReq),
	EXACT(CloseFont, xp_proc_close_font, sz_xResourceReq),
	EXACT(QueryFont, xp_proc_query_font, sz_xResourceReq),
	ATLEAST(QueryTextExtents, xp_proc_query_text_extents,
			sz_xQueryTextExtentsReq),
	ATLEAST(ListFonts, xp_proc_list_fonts, sz_xListFontsReq),
	ATLEAST(ListFontsWithInfo, xp_proc_list_fonts_with_info,
			sz_xListFontsWithInfoReq),
	ATLEAST(SetFontPath, xp_proc_set_font_path, sz_xSetFontPathReq),
	EXACT(GetFontPath, xp_proc_get_font_path, sz_xReq),
	EXACT(CreatePixmap, xp_proc_create_pixmap, sz_xCreatePixmapReq),
	EXACT(FreePixmap, xp_proc_free_pixmap, sz_xResourceReq),
	ATLEAST(CreateGC, xp_proc_create_gc, sz_xCreateGCReq),
	ATLEAST(ChangeGC, xp_proc_change_gc, sz_xChangeGCReq),
	EXACT(CopyGC, xp_proc_copy_gc, sz_xCopyGCReq),
	ATLEAST(SetDashes, xp_proc_set_dashes, sz_xSetDashesReq),
	ATLEAST(SetClipRectangles, xp_proc_set_clip_rectangles,
			sz_xSetClipRectanglesReq),
	EXACT(FreeGC, xp_proc_free_gc, sz_xResourceReq),
	EXACT(ClearArea, xp_proc_clear_area, sz_xClearAreaReq),
	EXACT(CopyArea, xp_proc_copy_area, sz_xCopyAreaReq),
	EXACT(CopyPlane, xp_proc_copy_plane, sz_xCopyPlaneReq),
	ATLEAST(PolyPoint, xp_proc_poly_point, sz_xPolyPointReq),
	ATLEAST(PolyLine, xp_proc_poly_line, sz_xPolyLineReq),
	ATLEAST(PolySegment, xp_proc_poly_segment, sz_xPolySegmentReq),
	ATLEAST(PolyRectangle, xp_proc_poly_rectangle, sz_xPolyRectangleReq),
	ATLEAST(PolyArc, xp_proc_poly_arc, sz_xPolyArcReq),
	ATLEAST(FillPoly, xp_proc_fill_poly, sz_xFillPolyReq),
	ATLEAST(PolyFillRectangle, xp_proc_poly_fill_rectangle,
			sz_xPolyFillRectangleReq),
	ATLEAST(PolyFillArc, xp_proc_poly_fill_arc, sz_xPolyFillArcReq),
	ATLEAST(PutImage, xp_proc_put_image, sz_xPutImageReq),
	EXACT(GetImage, xp_proc_get_image, sz_xGetImageReq),
	ATLEAST(PolyText8, xp_proc_poly_text8, sz_xPolyText8Req),
	ATLEAST(PolyText16, xp_proc_poly_text16, sz_xPolyText16Req),
	ATLEAST(ImageText8, xp_proc_image_text8, sz_xImageText8Req),
	ATLEAST(ImageText16, xp_proc_image_text16, sz_xImageText16Req),
	EXACT(CreateColormap, xp_proc_create_colormap, sz_xCreateColormapReq),
	EXACT(FreeColormap, xp_proc_free_colormap, sz_xResourceReq),
	EXACT(CopyColormapAndFree, xp_proc_copy_colormap_and_free,
			sz_xCopyColormapAndFreeReq),
	EXACT(InstallColormap, xp_proc_install_colormap, sz_xResourceReq),
	EXACT(UninstallColormap, xp_proc_uninstall_colormap, sz_xResourceReq),
	EXACT(ListInstalledColormaps, xp_proc_list_installed_colormaps,
			sz_xResourceReq),
	EXACT(AllocColor, xp_proc_alloc_color, sz_xAllocColorReq),
	ATLEAST(AllocNamedColor, xp_proc_alloc_named_color,
			sz_xAllocNamedColorReq),
	EXACT(AllocColorCells, xp_proc_alloc_color_cells,
			sz_xAllocColorCellsReq),
	EXACT(AllocColorPlanes, xp_proc_alloc_color_planes,
			sz_xAllocColorPlanesReq),
	ATLEAST(FreeColors, xp_proc_free_colors, sz_xFreeColorsReq),
	ATLEAST(StoreColors, xp_proc_store_colors, sz_xStoreColorsReq),
	ATLEAST(StoreNamedColor, xp_proc_store_named_color,
			sz_xStoreNamedColorReq),
	ATLEAST(QueryColors, xp_proc_query_colors, sz_xQueryColorsReq),
	ATLEAST(LookupColor, xp_proc_lookup_color, sz_xLookupColorReq),
	EXACT(CreateCursor, xp_proc_create_cursor, sz_xCreateCursorReq),
	EXACT(CreateGlyphCursor, xp_proc_create_glyph_cursor,
			sz_xCreateGlyphCursorReq),
	EXACT(FreeCursor, xp_proc_free_cursor, sz_xResourceReq),
	EXACT(RecolorCursor, xp_proc_recolor_cursor, sz_xRecolorCursorReq),
	EXACT(QueryBestSize, xp_proc_query_best_size, sz_xQueryBestSizeReq),
	ATLEAST(QueryExtension, xp_proc_query_extension, sz_xQueryExtensionReq),
	EXACT(ListExtensions, xp_proc_list_extensions, sz_xReq),
	ATLEAST(ChangeKeyboardMapping, xp_proc_change_keyboard_mapping,
			sz_xChangeKeyboardMappingReq),
	EXACT(GetKeyboardMapping, xp_proc_get_keyboard_mapping,
			sz_xGetKeyboardMappingReq),
	ATLEAST(ChangeKeyboardControl, xp_proc_change_keyboard_control,
			sz_xChangeKeyboardControlReq),
	EXACT(GetKeyboardControl, xp_proc_get_keyboard_control, sz_xReq),
	EXACT(Bell, xp_proc_bell, sz_xBellReq),
	EXACT(ChangePointerControl, xp_proc_change_pointer_control,
			sz_xChangePointerControlReq),
	EXACT(GetPointerControl, xp_proc_get_pointer_control, sz_xReq),
	EXACT(SetScreenSaver, xp_proc_set_screen_saver, sz_xSetScreenSaverReq),
	EXACT(GetScreenSaver, xp_proc_get_screen_saver, sz_xReq),
	ATLEAST(ChangeHosts, xp_proc_change_hosts, sz_xChangeHostsReq),
	EXACT(ListHosts, xp_proc_list_hosts, sz_xListHostsReq),
	EXACT(SetAccessControl, xp_proc_set_access_control,
			sz_xSetAccessControlReq),
	EXACT(SetCloseDownMode, xp_proc_set_close_down_mode,
			sz_xSetCloseDownModeReq),
	EXACT(KillClient, xp_proc_kill_client, sz_xResourceReq),
	ATLEAST(RotateProperties, xp_proc_rotate_properties,
			sz_xRotatePropertiesReq),
	EXACT(ForceScreenSaver, xp_proc_force_screen_saver,
			sz_xForceScreenSaverReq),
	ATLEAST(SetPointerMapping, xp_proc_set_pointer_mapping,
			sz_xSetPointerMappingReq),
	EXACT(GetPointerMapping, xp_proc_get_pointer_mapping, sz_xReq),
	ATLEAST(SetModifierMapping, xp_proc_set_modifier_mapping,
			sz_xSetModifierMappingReq),
	EXACT(GetModifierMapping, xp_proc_get_modifier_mapping, sz_xReq),
	ATLEAST(NoOperation, xp_proc_no_operation, sz_xReq),
};

const char *
xp_request_name(uint8_t major, uint16_t minor)
{
	if (major < ARRAY_SIZE(core_requests)) {
		return core_requests[major].name ? core_requests[major].name
						 : "";
	}
	return xp_extension_request_name(major, minor);
}

static void
send_error(struct xp_client *c, int code)
{
	xError err = {
		.type = X_Error,
		.errorCode = (BYTE)code,
		.sequenceNumber = (CARD16)c->sequence,
		.resourceID = c->error_value,
		.minorCode = c->minor_opcode,
		.majorCode = c->major_opcode,
	};

	xp_client_write(c, &err, sizeof(err));
}

void
xp_dispatch_request(struct xp_client *c, const void *raw, size_t len)
{
	const xReq *req = raw;
	const struct xp_request_desc *d;
	int rc;

	c->major_opcode = req->reqType;
	c->minor_opcode = 0;
	c->error_value = 0;
	if (req->reqType < ARRAY_SIZE(core_requests)) {
		d = &core_requests[req->reqType];
	} else {
		c->minor_opcode = req->data;
		d = xp_extension_request(c, req);
	}
	if (xp_log_enabled(XP_LOG_TRACE)) {
		xp_log(XP_LOG_TRACE, "client %d #%u: %s (%u.%u) %zu bytes",
				c->index, c->sequence & 0xffff,
				d && d->name ? d->name : "?", req->reqType,
				c->minor_opcode, len);
	}
	if (d == NULL || d->proc == NULL) {
		rc = BadRequest;
	} else if (len < d->size ||
			(d->len == XP_LEN_EXACT && len != d->size)) {
		rc = BadLength;
	} else {
		rc = d->proc(c, raw);
	}
	if (rc != Success) {
		send_error(c, rc);
	}
}

void
xp_reply(struct xp_client *c, void *rep, size_t size, const void *extra,
		size_t extra_len)
{
	xGenericReply *head = rep;
	static const uint8_t zero[4];
	size_t padded = XP_PAD4(extra_len);

	head->type = X_Reply;
	head->sequenceNumber = (CARD16)c->sequence;
	head->length = (CARD32)((size - sizeof(xGenericReply) + padded) / 4);
	xp_client_write(c, rep, size);
	if (extra_len > 0) {
		xp_client_write(c, extra, extra_len);
		xp_client_write(c, zero, padded - extra_len);
	}
}

void
xp_send_event_to(struct xp_client *c, const void *event)
{
	xEvent ev;

	memcpy(&ev, event, sizeof(ev));
	/* KeymapNotify has no sequence number field. */
	if ((ev.u.u.type & 0x7f) != KeymapNotify) {
		ev.u.u.sequenceNumber = (CARD16)c->sequence;
	}
	xp_client_write(c, &ev, sizeof(ev));
}

int
xp_req_check_tail(struct xp_client *c, size_t fixed, uint64_t extra)
{
	/* The protocol pads the list to 4 bytes, so compare padded sizes. */
	uint64_t need = ((uint64_t)fixed + extra + 3) & ~(uint64_t)3;

	if (need != c->req_len) {
		return BadLength;
	}
	return Success;
}
