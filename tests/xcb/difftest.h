/* The differential protocol suite: one scenario, written once against xcb,
 * runs on xproxy (in process) and on Xvfb; each run records a transcript of
 * what the protocol defines (reply fields, events, errors with code, bad
 * value and opcodes), normalised where the servers may legitimately differ
 * (resource-id bases, the root window, default colormap and visual, time
 * stamps, interned atom numbers), and the two transcripts must agree.
 *
 * A scenario:
 *
 *	DIFF(map_window)
 *	{
 *		xcb_connection_t *c = d->c;
 *		xcb_window_t w = xcb_generate_id(c);
 *		V(c, xcb_create_window_checked(c, 0, w, d->root, ...));
 *		R(c, xcb_get_geometry(c, w));
 *		RAW(c, X_GetGeometry, 0, 3, w);       // wrong length
 *	}
 *
 * V() records a checked void request, R() a request with a reply (and
 * returns the reply, owned by the run), RAW() sends hand-made words. Every
 * step also records the events that reached each connection. KNOWN("why")
 * marks the next step as a known difference: it is reported, and the test
 * is a SKIP instead of a pass. DT_DUMP=1 prints both transcripts. */
#ifndef TESTS_XCB_DIFFTEST_H
#define TESTS_XCB_DIFFTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <xcb/xcb.h>

#define DT_MAX_CONN 4

struct dt_step;
struct dt_atom;

struct dt {
	bool xvfb;           /* which server this run talks to */
	xcb_connection_t *c; /* the first connection */
	xcb_screen_t *screen;
	xcb_window_t root;
	xcb_colormap_t cmap;
	xcb_visualid_t visual;

	/* private to difftest.c */
	struct xt_server *xt;
	xcb_connection_t *conns[DT_MAX_CONN];
	uint32_t bases[DT_MAX_CONN], mask;
	int nconn;
	struct dt_step *steps;
	int nsteps, cap;
	const char *known;
	struct dt_atom *atoms;
	int natoms;
	void **owned;
	int nowned;
};

typedef void (*dt_scenario_fn)(struct dt *d);

/* Runs the scenario on both servers and compares; reports through the
 * harness (fail, or skip when Xvfb is missing or a known difference
 * showed). */
void dt_run(const char *name, dt_scenario_fn fn);
/* Another connection to the same server; its XIDs print as cN+offset. */
xcb_connection_t *dt_connect(struct dt *d);
void dt_void(struct dt *d, xcb_connection_t *c, int line, const char *call,
		xcb_void_cookie_t ck);
void *dt_reply(struct dt *d, xcb_connection_t *c, int line, const char *call,
		unsigned int seq);
/* A hand-made request: opcode, the data byte and the length field; `len`
 * words go out, `words` first, then zeros. */
void *dt_raw(struct dt *d, xcb_connection_t *c, int line, uint8_t op,
		uint8_t data, uint16_t len, const uint32_t *words, int nwords);
/* Records a fact the scenario computed (a pixel, a count). */
void dt_note(struct dt *d, int line, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
/* Records only the events that arrived so far, as a step of its own. */
void dt_events(struct dt *d, int line);

#define DIFF(name)                                                             \
	static void diff_##name(struct dt *d);                                 \
	TEST(name)                                                             \
	{                                                                      \
		dt_run(#name, diff_##name);                                    \
	}                                                                      \
	static void diff_##name(struct dt *d)

#define V(c, call) dt_void(d, c, __LINE__, #call, call)
#define R(c, call) dt_reply(d, c, __LINE__, #call, (call).sequence)
#define RAW(c, op, data, len, ...)                                             \
	dt_raw(d, c, __LINE__, op, data, len,                                  \
			(const uint32_t[]){ 0, __VA_ARGS__ } + 1,              \
			(int)(sizeof((const uint32_t[]){ 0, __VA_ARGS__ }) /   \
					4) -                                   \
					1)
#define NOTE(...) dt_note(d, __LINE__, __VA_ARGS__)
#define EVENTS() dt_events(d, __LINE__)
#define KNOWN(why) (d->known = (why))

#endif
