/* The extension registry: major opcodes, event and error bases assigned in
 * table order from 128, QueryExtension and ListExtensions. */
#ifndef XPROXY_EXTENSION_H
#define XPROXY_EXTENSION_H

#include <X11/Xproto.h>
#include <stddef.h>
#include <stdint.h>

#include "xproxy/dispatch.h"

struct xp_client;

struct xp_extension {
	const char *name;
	const struct xp_request_desc *requests; /* indexed by minor opcode */
	size_t n_requests;
	uint8_t n_events, n_errors;
};

/* The descriptor for an extension request, NULL if none. */
const struct xp_request_desc *xp_extension_request(
		struct xp_client *c, const xReq *req);
const char *xp_extension_request_name(uint8_t major, uint16_t minor);

extern const struct xp_extension xp_ext_bigreq;

#endif
