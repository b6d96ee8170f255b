/* Differential: the rest against Xvfb: connection setup, atoms, screen
 * saver, hosts and access control, close-down mode, KillClient, the
 * extension queries (core names only) and NoOperation. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/Xproto.h>

#include "difftest.h"

DIFF(setup)
{
	const xcb_setup_t *s = xcb_get_setup(d->c);
	xcb_screen_t *scr = d->screen;

	/* what the protocol fixes for a 1280x1024x24 -dpi 96 screen; the
	 * vendor, release, visual list and pixmap formats may differ */
	NOTE("protocol %u.%u mask 0x%x image order %u bitmap order %u "
	     "unit %u pad %u keycodes %u-%u",
			s->protocol_major_version, s->protocol_minor_version,
			s->resource_id_mask, s->image_byte_order,
			s->bitmap_format_bit_order,
			s->bitmap_format_scanline_unit,
			s->bitmap_format_scanline_pad, s->min_keycode,
			s->max_keycode);
	KNOWN("screen fields in the setup differ (see note)");
	NOTE("screen %ux%u px %ux%u mm white %06x black %06x depth %u "
	     "maps %u-%u backing %u save-unders %u events 0x%x",
			scr->width_in_pixels, scr->height_in_pixels,
			scr->width_in_millimeters, scr->height_in_millimeters,
			scr->white_pixel, scr->black_pixel, scr->root_depth,
			scr->min_installed_maps, scr->max_installed_maps,
			scr->backing_stores, scr->save_unders,
			scr->current_input_masks);
	xcb_depth_iterator_t di = xcb_screen_allowed_depths_iterator(scr);
	for (; di.rem; xcb_depth_next(&di)) {
		xcb_visualtype_t *v = xcb_depth_visuals(di.data);
		for (int i = 0; i < di.data->visuals_len; i++) {
			if (v[i].visual_id == d->visual) {
				NOTE("root visual depth %u class %u bits %u "
				     "entries %u masks %06x %06x %06x",
						di.data->depth, v[i]._class,
						v[i].bits_per_rgb_value,
						v[i].colormap_entries,
						v[i].red_mask, v[i].green_mask,
						v[i].blue_mask);
			}
		}
	}
	xcb_format_iterator_t fi = xcb_setup_pixmap_formats_iterator(s);
	for (; fi.rem; xcb_format_next(&fi)) {
		if (fi.data->depth == 1 || fi.data->depth == 8 ||
				fi.data->depth == 24 || fi.data->depth == 32) {
			NOTE("format depth %u bpp %u pad %u", fi.data->depth,
					fi.data->bits_per_pixel,
					fi.data->scanline_pad);
		}
	}
}

DIFF(atoms)
{
	xcb_connection_t *c = d->c;

	R(c, xcb_intern_atom(c, 0, 7, "PRIMARY"));
	R(c, xcb_intern_atom(c, 1, 16, "WM_TRANSIENT_FOR"));
	R(c, xcb_intern_atom(c, 1, 11, "DT_NOT_HERE"));
	R(c, xcb_intern_atom(c, 0, 11, "DT_NOW_HERE"));
	R(c, xcb_intern_atom(c, 1, 11, "DT_NOW_HERE"));
	R(c, xcb_get_atom_name(c, 1));
	R(c, xcb_get_atom_name(c, 0x7fffffff));
	R(c, xcb_intern_atom(c, 2, 1, "x"));
	RAW(c, X_InternAtom, 0, 3, 0x00100000);
	RAW(c, X_GetAtomName, 0, 1);
}

DIFF(screen_saver)
{
	xcb_connection_t *c = d->c;

	R(c, xcb_get_screen_saver(c));
	V(c, xcb_set_screen_saver_checked(c, 60, 30, 1, 0));
	R(c, xcb_get_screen_saver(c));
	V(c, xcb_set_screen_saver_checked(c, -2, 30, 1, 0));
	V(c, xcb_set_screen_saver_checked(c, 60, -2, 1, 0));
	V(c, xcb_set_screen_saver_checked(c, 60, 30, 3, 0));
	V(c, xcb_set_screen_saver_checked(c, 60, 30, 1, 3));
	V(c, xcb_set_screen_saver_checked(c, -1, -1, 2, 2));
	R(c, xcb_get_screen_saver(c));
	V(c, xcb_force_screen_saver_checked(c, 1));
	V(c, xcb_force_screen_saver_checked(c, 0));
	V(c, xcb_force_screen_saver_checked(c, 2));
	RAW(c, X_SetScreenSaver, 0, 2, 0);
	RAW(c, X_GetScreenSaver, 0, 2, 0);
}

DIFF(hosts)
{
	xcb_connection_t *c = d->c;
	uint8_t addr[] = { 127, 0, 0, 2 };

	R(c, xcb_list_hosts(c));
	V(c, xcb_change_hosts_checked(c, XCB_HOST_MODE_INSERT,
			     XCB_FAMILY_INTERNET, 4, addr));
	R(c, xcb_list_hosts(c));
	V(c, xcb_change_hosts_checked(c, XCB_HOST_MODE_DELETE,
			     XCB_FAMILY_INTERNET, 4, addr));
	V(c, xcb_change_hosts_checked(c, 2, XCB_FAMILY_INTERNET, 4, addr));
	V(c, xcb_change_hosts_checked(c, 0, 7, 4, addr));
	V(c, xcb_change_hosts_checked(c, 0, XCB_FAMILY_INTERNET, 3, addr));
	V(c, xcb_set_access_control_checked(c, 2));
	V(c, xcb_set_access_control_checked(c, XCB_ACCESS_CONTROL_DISABLE));
	R(c, xcb_list_hosts(c));
	V(c, xcb_set_access_control_checked(c, XCB_ACCESS_CONTROL_ENABLE));
	RAW(c, X_ChangeHosts, 0, 3, 0x00040000);
	RAW(c, X_ListHosts, 0, 2, 0);
}

DIFF(close_down)
{
	xcb_connection_t *c = d->c;
	xcb_connection_t *c1 = dt_connect(d);
	xcb_window_t w = xcb_generate_id(c1);

	V(c1, xcb_create_window_checked(c1, 0, w, d->root, 0, 0, 5, 5, 0,
			      XCB_WINDOW_CLASS_INPUT_OUTPUT, 0, 0, NULL));
	V(c, xcb_set_close_down_mode_checked(c, XCB_CLOSE_DOWN_DESTROY_ALL));
	V(c, xcb_set_close_down_mode_checked(c, 3));
	V(c, xcb_kill_client_checked(c, 0x1234));
	V(c, xcb_kill_client_checked(c, w));
	R(c, xcb_get_geometry(c, w));
	V(c, xcb_kill_client_checked(c, XCB_KILL_ALL_TEMPORARY));
	RAW(c, X_SetCloseDownMode, 0, 2, 0);
	RAW(c, X_KillClient, 0, 1);
}

DIFF(extensions)
{
	xcb_connection_t *c = d->c;

	/* xproxy has only BIG-REQUESTS; Xvfb has many: compare only that
	 * one and a name no server has */
	/* the opcode and the list differ by design: note presence only */
	xcb_query_extension_reply_t *q = xcb_query_extension_reply(
			c, xcb_query_extension(c, 12, "BIG-REQUESTS"), NULL);
	NOTE("BIG-REQUESTS present: %d", q != NULL && q->present);
	free(q);
	R(c, xcb_query_extension(c, 11, "NO-SUCH-EXT"));
	R(c, xcb_query_extension(c, 0, ""));
	xcb_list_extensions_reply_t *l = xcb_list_extensions_reply(
			c, xcb_list_extensions(c), NULL);
	bool big = false;
	if (l != NULL) {
		xcb_str_iterator_t it = xcb_list_extensions_names_iterator(l);
		for (; it.rem; xcb_str_next(&it)) {
			big |= xcb_str_name_length(it.data) == 12 &&
			       memcmp(xcb_str_name(it.data), "BIG-REQUESTS",
					       12) == 0;
		}
		free(l);
	}
	NOTE("BIG-REQUESTS listed: %d", big);
	RAW(c, X_QueryExtension, 0, 2, 100);
	RAW(c, X_ListExtensions, 0, 2, 0);
	V(c, xcb_no_operation_checked(c));
	RAW(c, X_NoOperation, 0, 3, 1, 2);
	RAW(c, 120, 0, 1);
	RAW(c, 0, 0, 1);
}
