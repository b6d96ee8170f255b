/* The pointer and keyboard: position, buttons, modifiers, focus, grabs,
 * crossing and focus events, and the viewer's input turned into X events
 * with the protocol's delivery and propagation rules. */
#ifndef XPROXY_INPUT_H
#define XPROXY_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "xproxy/util.h"

struct xp_client;
struct xp_server;
struct xp_window;
struct xp_cursor;

struct xp_grab {
	struct xp_client *client; /* NULL: no grab */
	struct xp_window *window;
	bool owner_events;
	uint32_t event_mask;
	struct xp_window *confine_to;
	struct xp_cursor *cursor;
	uint32_t time;
	bool implicit; /* from a ButtonPress, ends with the last release */
	bool pointer_sync, keyboard_sync;
};

struct xp_passive_grab {
	struct xp_client *client;
	struct xp_window *window;
	bool is_key;
	uint8_t detail;     /* button or keycode; 0 = Any */
	uint16_t modifiers; /* AnyModifier = 0x8000 */
	bool owner_events;
	uint32_t event_mask;
	struct xp_window *confine_to;
	struct xp_cursor *cursor;
	bool pointer_sync, keyboard_sync;
	struct xp_list link;
};

/* One entry of the access control list (ChangeHosts, ListHosts). */
struct xp_host {
	struct xp_list link;
	uint8_t family;
	uint16_t len;
	uint8_t addr[];
};

struct xp_input {
	int32_t x, y;             /* root coordinates */
	uint16_t buttons;         /* Button1Mask.. bits */
	uint32_t viewer_buttons;  /* RFB button mask last seen */
	uint16_t modifiers;       /* ShiftMask.. bits */
	uint8_t keys_down[32];    /* bit per keycode */
	uint8_t viewer_keys[32];  /* those the viewer holds */
	struct xp_window *sprite; /* the deepest window under the pointer */
	uint32_t focus;           /* None, PointerRoot or a window id */
	struct xp_window *focus_window;
	uint8_t revert_to;
	uint32_t focus_time;
	struct xp_grab pointer_grab, keyboard_grab;
	struct xp_list passive_grabs;
	uint32_t last_grab_time;
	uint8_t pointer_map[256];
	uint8_t n_buttons;
	/* Per keysym the viewer pressed: the keycode we used. */
	uint32_t pressed_keysym[256];
	uint16_t accel_num, accel_den, threshold;
	uint8_t key_click, bell_percent, auto_repeat;
	uint16_t bell_pitch, bell_duration;
	uint32_t led_mask;
	uint8_t auto_repeats[32];
	int16_t ss_timeout, ss_interval;
	uint8_t ss_blanking, ss_exposures;
	bool access_control;
	struct xp_list hosts; /* struct xp_host.link, oldest first */
};

void xp_input_init(struct xp_server *s);
void xp_input_finish(struct xp_server *s);
/* The tree changed under the pointer: recompute the sprite window and
 * send crossing events. */
void xp_input_tree_changed(struct xp_server *s);
/* Forgets w in focus, grabs and the sprite (w is being destroyed). */
void xp_input_window_gone(struct xp_server *s, struct xp_window *w);
void xp_input_client_gone(struct xp_server *s, struct xp_client *c);
/* A window's cursor changed; the front end may want a new shape. */
void xp_input_cursor_changed(struct xp_server *s);
/* GrabPointer or GrabKeyboard succeeded: crossing or focus events with mode
 * Grab from where the pointer or focus was (or the old grab window) to the
 * grab window, then the grab is g (its cursor gets a reference). */
void xp_input_grab(struct xp_server *s, bool pointer, const struct xp_grab *g);
/* UngrabPointer or UngrabKeyboard: the grab ends, then events with mode
 * Ungrab back to the pointer's window or the focus. */
void xp_input_ungrab(struct xp_server *s, bool pointer);
/* SetInputFocus after validation: id is None, PointerRoot or w's id. */
void xp_input_set_focus(struct xp_server *s, uint32_t id, struct xp_window *w,
		uint8_t revert_to, uint32_t time);

#endif
