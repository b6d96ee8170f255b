#include "difftest.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xcb/xcbext.h>

#include "harness.h"
#include "xcbtest.h"

struct dt_step {
	int line;
	const char *known;
	char *text;
};

struct dt_atom {
	uint32_t atom;
	char *name;
};

/* A growing string; decoders print into it, normalising with the run. */
struct dt_buf {
	char *s;
	size_t len, cap;
	struct dt *d;
};

enum dt_kind {
	DT_U,
	DT_S,
	DT_HEX,
	DT_XID,
	DT_VIS,
	DT_ATOM,
	DT_TIME,
	DT_CHAR,
	DT_BYTES,
};

static void
put(struct dt_buf *o, const char *fmt, ...)
{
	va_list ap;

	for (;;) {
		size_t room = o->cap - o->len;
		va_start(ap, fmt);
		int n = vsnprintf(o->s + o->len, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			return;
		}
		if ((size_t)n < room) {
			o->len += (size_t)n;
			return;
		}
		o->cap = (o->cap + (size_t)n + 64) * 2;
		o->s = realloc(o->s, o->cap);
		if (o->s == NULL) {
			abort();
		}
	}
}

static uint64_t
dt_rd(const uint8_t *p, int size, const uint8_t *end)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;

	if (p + size > end) {
		return 0;
	}
	switch (size) {
	case 1:
		memcpy(&v8, p, 1);
		return v8;
	case 2:
		memcpy(&v16, p, 2);
		return v16;
	default:
		memcpy(&v32, p, 4);
		return v32;
	}
}

static void
put_xid(struct dt_buf *o, uint32_t v)
{
	struct dt *d = o->d;

	if (v == 0) {
		put(o, "0");
		return;
	}
	if (v == d->root) {
		put(o, "root");
		return;
	}
	if (v == d->cmap) {
		put(o, "cmap0");
		return;
	}
	for (int i = 0; i < d->nconn; i++) {
		if ((v & ~d->mask) == d->bases[i]) {
			put(o, "c%d+%u", i, v & d->mask);
			return;
		}
	}
	put(o, "xid?0x%x", v);
}

static const char *
atom_name(struct dt *d, uint32_t atom)
{
	for (int i = 0; i < d->natoms; i++) {
		if (d->atoms[i].atom == atom) {
			return d->atoms[i].name;
		}
	}
	xcb_get_atom_name_reply_t *r = xcb_get_atom_name_reply(
			d->c, xcb_get_atom_name(d->c, atom), NULL);
	if (r == NULL) {
		return NULL;
	}
	char *name = strndup(xcb_get_atom_name_name(r),
			(size_t)xcb_get_atom_name_name_length(r));
	free(r);
	d->atoms = realloc(
			d->atoms, sizeof(*d->atoms) * (size_t)(d->natoms + 1));
	d->atoms[d->natoms++] = (struct dt_atom){ atom, name };
	return name;
}

static void
put_value(struct dt_buf *o, enum dt_kind k, uint64_t v, int size)
{
	const char *name;

	switch (k) {
	case DT_S:
		put(o, "%lld",
				size == 1   ? (long long)(int8_t)v
				: size == 2 ? (long long)(int16_t)v
					    : (long long)(int32_t)v);
		break;
	case DT_HEX:
		put(o, "0x%llx", (unsigned long long)v);
		break;
	case DT_XID:
		put_xid(o, (uint32_t)v);
		break;
	case DT_VIS:
		if (v == o->d->visual) {
			put(o, "visual0");
		} else {
			put(o, "visual?0x%llx", (unsigned long long)v);
		}
		break;
	case DT_ATOM:
		/* Predefined atoms are the same everywhere; the others are
		 * numbered by each server in its own order. */
		if (v <= 68) {
			put(o, "%llu", (unsigned long long)v);
		} else if ((name = atom_name(o->d, (uint32_t)v)) != NULL) {
			put(o, "\"%s\"", name);
		} else {
			put(o, "atom?0x%llx", (unsigned long long)v);
		}
		break;
	case DT_TIME:
		put(o, v == 0 ? "0" : "T");
		break;
	default:
		put(o, "%llu", (unsigned long long)v);
		break;
	}
}

static void
dt_field(struct dt_buf *o, const char *name, enum dt_kind k, const uint8_t *p,
		int size, const uint8_t *end)
{
	if (p + size > end) {
		put(o, " %s=<short>", name);
		return;
	}
	put(o, " %s=", name);
	put_value(o, k, dt_rd(p, size, end), size);
}

static const uint8_t *
dt_list(struct dt_buf *o, const char *name, enum dt_kind k, int size,
		const uint8_t *p, uint64_t n, const uint8_t *end)
{
	if (n > (uint64_t)(end - p) / (uint64_t)size) {
		put(o, " %s=<short:%llu>", name, (unsigned long long)n);
		return end;
	}
	put(o, " %s=", name);
	if (k == DT_CHAR) {
		put(o, "\"");
		for (uint64_t i = 0; i < n; i++) {
			put(o,
					p[i] >= 32 && p[i] < 127 && p[i] != '"'
							? "%c"
							: "\\x%02x",
					p[i]);
		}
		put(o, "\"");
		return p + n;
	}
	if (k == DT_BYTES || (k == DT_U && size == 1)) {
		for (uint64_t i = 0; i < n; i++) {
			put(o, "%02x", p[i]);
		}
		return p + n;
	}
	put(o, "[");
	for (uint64_t i = 0; i < n; i++) {
		put(o, i ? "," : "");
		put_value(o, k, dt_rd(p + i * (size_t)size, size, end), size);
	}
	put(o, "]");
	return p + n * (size_t)size;
}

static void
dt_open(struct dt_buf *o, const char *name)
{
	put(o, " %s={", name);
}

static void
dt_close(struct dt_buf *o)
{
	put(o, " }");
}

#include "xproto_dump.h"

static const char *const error_names[] = {
	"Success",
	"BadRequest",
	"BadValue",
	"BadWindow",
	"BadPixmap",
	"BadAtom",
	"BadCursor",
	"BadFont",
	"BadMatch",
	"BadDrawable",
	"BadAccess",
	"BadAlloc",
	"BadColor",
	"BadGC",
	"BadIDChoice",
	"BadName",
	"BadLength",
	"BadImplementation",
};

static void
put_error(struct dt_buf *o, const xcb_generic_error_t *e)
{
	uint8_t code = e->error_code;

	put(o, " error %s(%u) value=",
			code < 18 ? error_names[code] : "extension", code);
	switch (code) {
	case XCB_WINDOW:
	case XCB_PIXMAP:
	case XCB_CURSOR:
	case XCB_FONT:
	case XCB_DRAWABLE:
	case XCB_COLORMAP:
	case XCB_G_CONTEXT:
	case XCB_ID_CHOICE:
		put_xid(o, e->resource_id);
		break;
	case XCB_VALUE:
	case XCB_ATOM:
		put(o, "0x%x", e->resource_id);
		break;
	default:
		/* The protocol leaves the field unused for the other codes;
		 * the X server sends whatever value an earlier request set. */
		put(o, "-");
		break;
	}
	put(o, " major=%u minor=%u", e->major_code, e->minor_code);
}

static void
put_event(struct dt_buf *o, int conn, const xcb_generic_event_t *ev)
{
	uint8_t type = ev->response_type & 0x7f;
	const uint8_t *p = (const uint8_t *)ev;

	put(o, "\n  c%d:", conn);
	if (type == 0) {
		put_error(o, (const xcb_generic_error_t *)ev);
		return;
	}
	if (type >= 64 || dt_event_table[type].dump == NULL) {
		put(o, " event %u", type);
		dt_list(o, "bytes", DT_BYTES, 1, p + 1, 31, p + 32);
		return;
	}
	put(o, " %s%s", ev->response_type & 0x80 ? "sent " : "",
			dt_event_table[type].name);
	dt_event_table[type].dump(o, p, p + 32);
}

static struct dt_step *
step_begin(struct dt *d, int line)
{
	if (d->nsteps == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->steps = realloc(
				d->steps, sizeof(*d->steps) * (size_t)d->cap);
		if (d->steps == NULL) {
			abort();
		}
	}
	struct dt_step *s = &d->steps[d->nsteps++];
	s->line = line;
	s->known = d->known;
	s->text = NULL;
	d->known = NULL;
	return s;
}

static int
conn_index(struct dt *d, xcb_connection_t *c)
{
	for (int i = 0; i < d->nconn; i++) {
		if (d->conns[i] == c) {
			return i;
		}
	}
	return -1;
}

/* Appends every event that reached each connection. The other connections
 * make a round trip first: their events were queued before its reply. */
static void
drain_events(struct dt *d, struct dt_buf *o, xcb_connection_t *synced)
{
	for (int i = 0; i < d->nconn; i++) {
		xcb_connection_t *c = d->conns[i];
		xcb_generic_event_t *ev;
		if (c != synced) {
			free(xcb_get_input_focus_reply(
					c, xcb_get_input_focus(c), NULL));
		}
		while ((ev = xcb_poll_for_event(c)) != NULL) {
			put_event(o, i, ev);
			free(ev);
		}
		if (xcb_connection_has_error(c)) {
			put(o, "\n  c%d: connection error %d", i,
					xcb_connection_has_error(c));
		}
	}
}

static void
step_end(struct dt *d, struct dt_step *s, struct dt_buf *o,
		xcb_connection_t *synced)
{
	drain_events(d, o, synced);
	s->text = o->s != NULL ? o->s : strdup("");
}

static const char *
call_name(const char *call)
{
	static char buf[64];
	size_t n = strcspn(call, "(");

	if (n >= sizeof(buf)) {
		n = sizeof(buf) - 1;
	}
	memcpy(buf, call, n);
	buf[n] = '\0';
	return buf;
}

void
dt_void(struct dt *d, xcb_connection_t *c, int line, const char *call,
		xcb_void_cookie_t ck)
{
	struct dt_step *s = step_begin(d, line);
	struct dt_buf o = { .d = d };
	xcb_generic_error_t *e = xcb_request_check(c, ck);

	put(&o, "c%d %s:", conn_index(d, c), call_name(call));
	if (e != NULL) {
		put_error(&o, e);
		free(e);
	} else {
		put(&o, " ok");
	}
	step_end(d, s, &o, c);
}

static void *
own(struct dt *d, void *p)
{
	if (p == NULL) {
		return NULL;
	}
	d->owned = realloc(d->owned, sizeof(void *) * (size_t)(d->nowned + 1));
	d->owned[d->nowned++] = p;
	return p;
}

static void *
finish_reply(struct dt *d, xcb_connection_t *c, struct dt_step *s,
		struct dt_buf *o, uint8_t op, unsigned int seq)
{
	xcb_generic_error_t *e = NULL;
	uint8_t *r = xcb_wait_for_reply(c, seq, &e);

	if (e != NULL) {
		put_error(o, e);
		free(e);
	} else if (r == NULL) {
		put(o, " no reply");
	} else if (dt_request_table[op].reply == NULL) {
		put(o, " unexpected reply");
	} else {
		uint32_t len;
		memcpy(&len, r + 4, 4);
		put(o, " reply");
		const uint8_t *end = r + 32 + (size_t)len * 4;
		const uint8_t *q = dt_request_table[op].reply(o, r, end);
		if (q < r + 32) {
			q = r + 32; /* a reply is never shorter */
		}
		if (q < end && end - q >= 4) {
			/* more than the padding of the last list */
			put(o, " trailing=%ld", (long)(end - q));
		}
	}
	step_end(d, s, o, c);
	return own(d, r);
}

void *
dt_reply(struct dt *d, xcb_connection_t *c, int line, const char *call,
		unsigned int seq)
{
	struct dt_step *s = step_begin(d, line);
	struct dt_buf o = { .d = d };
	const char *name = call_name(call);
	uint8_t op = 0;

	for (int i = 1; i < 128; i++) {
		if (dt_request_table[i].xcb != NULL &&
				strcmp(dt_request_table[i].xcb, name) == 0) {
			op = (uint8_t)i;
		}
	}
	put(&o, "c%d %s:", conn_index(d, c), name);
	return finish_reply(d, c, s, &o, op, seq);
}

void *
dt_raw(struct dt *d, xcb_connection_t *c, int line, uint8_t op, uint8_t data,
		uint16_t len, const uint32_t *words, int nwords)
{
	struct dt_step *s = step_begin(d, line);
	struct dt_buf o = { .d = d };
	uint32_t *buf = calloc(len ? len : 1, 4);
	struct iovec iov[3];
	xcb_protocol_request_t req = {
		.count = 1,
		.ext = NULL,
		.opcode = op,
		.isvoid = dt_request_table[op].reply == NULL,
	};

	buf[0] = (uint32_t)op | (uint32_t)data << 8 | (uint32_t)len << 16;
	for (int i = 0; i < nwords && i + 1 < len; i++) {
		buf[i + 1] = words[i];
	}
	iov[2].iov_base = buf;
	iov[2].iov_len = (size_t)(len ? len : 1) * 4;
	unsigned int seq = xcb_send_request(c,
			XCB_REQUEST_CHECKED | XCB_REQUEST_RAW, &iov[2], &req);
	free(buf);
	put(&o, "c%d raw %s len=%u:", conn_index(d, c),
			dt_request_table[op].name ? dt_request_table[op].name
						  : "?",
			len);
	if (req.isvoid) {
		xcb_generic_error_t *e = xcb_request_check(
				c, (xcb_void_cookie_t){ seq });
		if (e != NULL) {
			put_error(&o, e);
			free(e);
		} else {
			put(&o, " ok");
		}
		step_end(d, s, &o, c);
		return NULL;
	}
	return finish_reply(d, c, s, &o, op, seq);
}

void
dt_note(struct dt *d, int line, const char *fmt, ...)
{
	struct dt_step *s = step_begin(d, line);
	struct dt_buf o = { .d = d };
	char tmp[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	put(&o, "note: %s", tmp);
	s->text = o.s;
}

void
dt_events(struct dt *d, int line)
{
	struct dt_step *s = step_begin(d, line);
	struct dt_buf o = { .d = d };

	put(&o, "events:");
	step_end(d, s, &o, NULL);
}

static bool
add_conn(struct dt *d, xcb_connection_t *c)
{
	if (c == NULL || xcb_connection_has_error(c) ||
			d->nconn == DT_MAX_CONN) {
		if (c != NULL) {
			xcb_disconnect(c);
		}
		return false;
	}
	const xcb_setup_t *setup = xcb_get_setup(c);
	d->conns[d->nconn] = c;
	d->bases[d->nconn] = setup->resource_id_base;
	d->mask = setup->resource_id_mask;
	d->nconn++;
	return true;
}

/* Xvfb, one per test binary, started on first use and killed at exit. */
static pid_t xvfb_pid;
static char xvfb_display[16];
static bool xvfb_tried;

static void
xvfb_stop(void)
{
	if (xvfb_pid > 0) {
		kill(xvfb_pid, SIGTERM);
		waitpid(xvfb_pid, NULL, 0);
		xvfb_pid = 0;
	}
}

static bool
display_free(int n)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/tmp/.X11-unix/X%d", n);
	if (stat(path, &st) == 0) {
		return false;
	}
	snprintf(path, sizeof(path), "/tmp/.X%d-lock", n);
	return stat(path, &st) != 0;
}

static bool
xvfb_try(int n)
{
	char sock[64];
	int status;

	snprintf(xvfb_display, sizeof(xvfb_display), ":%d", n);
	snprintf(sock, sizeof(sock), "/tmp/.X11-unix/X%d", n);
	xvfb_pid = fork();
	if (xvfb_pid < 0) {
		return false;
	}
	if (xvfb_pid == 0) {
		/* no orphaned Xvfb when the test dies */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		freopen("/dev/null", "w", stderr);
		execl("/usr/bin/Xvfb", "Xvfb", xvfb_display, "-screen", "0",
				"1280x1024x24", "-dpi", "96", "-nolisten",
				"tcp", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 500; i++) {
		struct stat st;
		if (waitpid(xvfb_pid, &status, WNOHANG) == xvfb_pid) {
			/* the display was taken under us */
			xvfb_pid = 0;
			return false;
		}
		if (stat(sock, &st) == 0) {
			xcb_connection_t *c = xcb_connect(xvfb_display, NULL);
			int err = xcb_connection_has_error(c);
			xcb_disconnect(c);
			if (err == 0) {
				return true;
			}
		}
		usleep(20000);
	}
	xvfb_stop();
	return false;
}

static bool
xvfb_start(void)
{
	if (xvfb_tried) {
		return xvfb_pid > 0;
	}
	xvfb_tried = true;
	if (access("/usr/bin/Xvfb", X_OK) != 0) {
		return false;
	}
	atexit(xvfb_stop);
	/* libxcb writes without MSG_NOSIGNAL: an Xvfb that resets under a
	 * connection must fail that connection, not kill the test. */
	signal(SIGPIPE, SIG_IGN);
	/* spread over the range: other test binaries may start theirs */
	int start = 100 + (int)(getpid() % 400);
	for (int i = 0; i < 400; i++) {
		int n = 100 + (start - 100 + i) % 400;
		if (display_free(n) && xvfb_try(n)) {
			return true;
		}
	}
	return false;
}

/* Xvfb resets when its last client leaves, as every scenario's do, and
 * refuses connections while it does: try again for a while. */
static xcb_connection_t *
xvfb_connect(void)
{
	xcb_connection_t *c = NULL;

	for (int i = 0; i < 100; i++) {
		c = xcb_connect(xvfb_display, NULL);
		if (xcb_connection_has_error(c) == 0) {
			break;
		}
		xcb_disconnect(c);
		c = NULL;
		usleep(20000);
	}
	return c;
}

xcb_connection_t *
dt_connect(struct dt *d)
{
	xcb_connection_t *c = d->xvfb ? xvfb_connect() : xt_connect(d->xt);

	return c != NULL && add_conn(d, c) ? c : NULL;
}

static bool
run_one(struct dt *d, dt_scenario_fn fn)
{
	if (!d->xvfb && (d->xt = xt_start(1280, 1024)) == NULL) {
		return false;
	}
	if ((d->c = dt_connect(d)) == NULL) {
		xt_stop(d->xt);
		return false;
	}
	d->screen = xt_screen(d->c);
	d->root = d->screen->root;
	d->cmap = d->screen->default_colormap;
	d->visual = d->screen->root_visual;
	fn(d);
	for (int i = d->nconn - 1; i >= 0; i--) {
		xcb_disconnect(d->conns[i]);
	}
	xt_stop(d->xt);
	return true;
}

static void
run_free(struct dt *d)
{
	for (int i = 0; i < d->nsteps; i++) {
		free(d->steps[i].text);
	}
	for (int i = 0; i < d->natoms; i++) {
		free(d->atoms[i].name);
	}
	for (int i = 0; i < d->nowned; i++) {
		free(d->owned[i]);
	}
	free(d->steps);
	free(d->atoms);
	free(d->owned);
}

static void
dump(const char *who, const struct dt *d)
{
	fprintf(stderr, "    --- %s\n", who);
	for (int i = 0; i < d->nsteps; i++) {
		fprintf(stderr, "    %d: %s\n", d->steps[i].line,
				d->steps[i].text);
	}
}

/* Prints where two step texts part: the request, then the differing line
 * (the result or an event) of each, with the first differing field. */
static void
report(const char *scenario, const struct dt_step *a, const struct dt_step *b)
{
	size_t i = 0;

	while (a->text[i] != '\0' && a->text[i] == b->text[i]) {
		i++;
	}
	size_t line = i, from = i;
	while (line > 0 && a->text[line - 1] != '\n') {
		line--;
	}
	while (from > line && a->text[from - 1] != ' ') {
		from--;
	}
	int head = (int)strcspn(a->text, "\n");
	fprintf(stderr, "    %s: line %d: %.*s\n", scenario, a->line,
			head > 120 ? 120 : head, a->text);
	fprintf(stderr, "      xproxy: %.*s\n",
			(int)strcspn(a->text + from, " \n"), a->text + from);
	fprintf(stderr, "      Xvfb:   %.*s\n",
			(int)strcspn(b->text + from, " \n"), b->text + from);
	if (line > 0) {
		fprintf(stderr,
				"      in xproxy's %.*s\n      in Xvfb's   "
				"%.*s\n",
				(int)strcspn(a->text + line, "\n"),
				a->text + line,
				(int)strcspn(b->text + line, "\n"),
				b->text + line);
	}
}

void
dt_run(const char *name, dt_scenario_fn fn)
{
	struct dt mine = { .xvfb = false }, theirs = { .xvfb = true };
	int failures = 0, known = 0;
	const char *reason = NULL;

	if (!xvfb_start()) {
		harness_skip("Xvfb not available");
		return;
	}
	if (!run_one(&mine, fn)) {
		harness_fail(__FILE__, __LINE__, "%s: xproxy did not start",
				name);
		run_free(&mine);
		return;
	}
	if (!run_one(&theirs, fn)) {
		harness_fail(__FILE__, __LINE__, "%s: no connection to Xvfb",
				name);
		run_free(&mine);
		run_free(&theirs);
		return;
	}
	if (getenv("DT_DUMP") != NULL) {
		dump("xproxy", &mine);
		dump("Xvfb", &theirs);
	}
	int n = mine.nsteps < theirs.nsteps ? mine.nsteps : theirs.nsteps;
	for (int i = 0; i < n; i++) {
		const struct dt_step *a = &mine.steps[i], *b = &theirs.steps[i];
		bool same = strcmp(a->text, b->text) == 0;
		if (a->known != NULL) {
			if (same) {
				/* a stale mark hides nothing; remove it */
				/* reported, so a fixed difference gets its mark
				 * removed; marks in loops cover every turn */
				fprintf(stderr,
						"    %s: line %d marked known "
						"(%s) but agrees\n",
						name, a->line, a->known);
			} else {
				fprintf(stderr,
						"    known difference: %s, "
						"line %d: %s\n",
						name, a->line, a->known);
				report(name, a, b);
				known++;
				reason = a->known;
			}
		} else if (!same) {
			if (failures == 0) {
				report(name, a, b);
			} else {
				fprintf(stderr, "    %s: line %d differs too\n",
						name, a->line);
			}
			failures++;
		}
	}
	if (mine.nsteps != theirs.nsteps) {
		harness_fail(__FILE__, __LINE__, "%s: %d steps, Xvfb %d", name,
				mine.nsteps, theirs.nsteps);
	}
	if (failures > 0) {
		harness_fail(__FILE__, __LINE__, "%s: %d of %d steps differ",
				name, failures, n);
	} else if (known > 0) {
		harness_skip(reason);
	}
	run_free(&mine);
	run_free(&theirs);
}
