/* One X connection: aligned input buffer and request framing, BIG-REQUESTS
 * lengths, the output queue, sequence numbers and per-client state. Framing
 * is kept apart from I/O: the socket reader, unit tests and the fuzzer all
 * go through xp_client_feed(). */
#ifndef XPROXY_CLIENT_H
#define XPROXY_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xproxy/util.h"

struct xp_server;

struct xp_client {
	struct xp_server *server;
	int fd; /* -1 for clients fed by tests */
	int index;
	uint32_t id_base, id_mask;

	uint8_t *in; /* 8-byte aligned; requests start at in[0] */
	size_t in_len, in_cap;
	uint8_t *out;
	size_t out_len, out_cap;

	bool setup_done;
	bool big_requests;
	bool closing;      /* disconnect once the output is flushed */
	bool want_write;   /* registered for EPOLLOUT */
	uint32_t sequence; /* of the request being dispatched */
	uint32_t error_value;
	uint16_t minor_opcode;
	uint8_t major_opcode;
	uint32_t req_len; /* bytes of the request being dispatched */
	uint8_t close_down_mode;
};

/* Creates a client in slot index with fd (or -1). NULL on OOM. */
struct xp_client *xp_client_create(struct xp_server *server, int fd, int index);
/* Frees every resource the client owns and the client; closes its fd. */
void xp_client_destroy(struct xp_client *c);

/* Appends bytes the client sent and dispatches every complete request.
 * Returns false when the client must be disconnected (broken setup,
 * oversized request, OOM). */
bool xp_client_feed(struct xp_client *c, const void *data, size_t len);
/* Reads what the socket has and feeds it; false on EOF or fatal error. */
bool xp_client_read(struct xp_client *c);
/* Queues bytes for the client. On OOM the client is marked closing. */
void xp_client_write(struct xp_client *c, const void *data, size_t len);
/* Writes queued output without blocking; false if the socket broke. */
bool xp_client_flush(struct xp_client *c);

/* Where the value of the current request's error goes. */
static inline int
xp_error(struct xp_client *c, int code, uint32_t bad_value)
{
	c->error_value = bad_value;
	return code;
}

#endif
