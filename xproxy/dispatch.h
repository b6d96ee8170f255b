/* Request dispatch: the const core request table, length rules, and the
 * helpers that build replies, errors and events. Handlers validate, then
 * mutate; a handler returning an error has written nothing, and the
 * dispatcher sends the error. */
#ifndef XPROXY_DISPATCH_H
#define XPROXY_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

struct xp_client;

typedef int (*xp_proc_fn)(struct xp_client *c, const void *req);

enum xp_len_rule {
	XP_LEN_EXACT,
	XP_LEN_AT_LEAST,
};

struct xp_request_desc {
	const char *name;
	xp_proc_fn proc;
	uint16_t size; /* sz_xFooReq, bytes */
	enum xp_len_rule len;
};

/* Dispatches one framed request of len bytes (len is a multiple of 4 and
 * the request's first 4 bytes are a normal xReq header). */
void xp_dispatch_request(struct xp_client *c, const void *req, size_t len);

/* Sends a reply: fills type, sequence number and length from size (the
 * fixed part, >= 32) and extra_len; extra is padded to 4 bytes. */
void xp_reply(struct xp_client *c, void *rep, size_t size, const void *extra,
		size_t extra_len);
/* Sends an event to a client, setting its sequence number. */
void xp_send_event_to(struct xp_client *c, const void *event);
/* Checks that a request of the current length carries `extra` bytes after
 * `fixed` (rounded up to 4 as the protocol pads): BadLength otherwise. */
int xp_req_check_tail(struct xp_client *c, size_t fixed, uint64_t extra);
/* The name of a request for logs, "" when unknown. */
const char *xp_request_name(uint8_t major, uint16_t minor);

#endif
