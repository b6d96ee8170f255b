#include "xproxy/extension.h"

#include <X11/X.h>
#include <string.h>

#include "xproxy/client.h"
#include "xproxy/proc.h"
#include "xproxy/util.h"

#define FIRST_MAJOR 128
#define FIRST_EVENT 64
#define FIRST_ERROR 128

/* Advertised extensions, in the order their opcodes are assigned. Only
 * what is implemented is listed: clients probe and fall back. */
static const struct xp_extension *const extensions[] = {
	&xp_ext_bigreq,
};

static const struct xp_extension *
by_major(uint8_t major)
{
	if (major < FIRST_MAJOR || (size_t)(major - FIRST_MAJOR) >=
						   ARRAY_SIZE(extensions)) {
		return NULL;
	}
	return extensions[major - FIRST_MAJOR];
}

const struct xp_request_desc *
xp_extension_request(struct xp_client *c, const xReq *req)
{
	const struct xp_extension *ext = by_major(req->reqType);

	if (ext == NULL || req->data >= ext->n_requests) {
		return NULL;
	}
	return &ext->requests[req->data];
}

const char *
xp_extension_request_name(uint8_t major, uint16_t minor)
{
	const struct xp_extension *ext = by_major(major);

	if (ext == NULL || minor >= ext->n_requests ||
			ext->requests[minor].name == NULL) {
		return "";
	}
	return ext->requests[minor].name;
}

int
xp_proc_query_extension(struct xp_client *c, const void *raw)
{
	const xQueryExtensionReq *req = raw;
	xQueryExtensionReply rep = { 0 };
	int rc;

	if ((rc = xp_req_check_tail(c, sz_xQueryExtensionReq, req->nbytes)) !=
			Success) {
		return rc;
	}
	uint8_t event = FIRST_EVENT, error = FIRST_ERROR;
	for (size_t i = 0; i < ARRAY_SIZE(extensions); i++) {
		const struct xp_extension *ext = extensions[i];
		if (strlen(ext->name) == req->nbytes &&
				memcmp(ext->name, req + 1, req->nbytes) == 0) {
			rep.present = xTrue;
			rep.major_opcode = (CARD8)(FIRST_MAJOR + i);
			rep.first_event = ext->n_events ? event : 0;
			rep.first_error = ext->n_errors ? error : 0;
			break;
		}
		event = (uint8_t)(event + ext->n_events);
		error = (uint8_t)(error + ext->n_errors);
	}
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

int
xp_proc_list_extensions(struct xp_client *c, const void *raw)
{
	uint8_t buf[1024];
	size_t len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(extensions); i++) {
		size_t n = strlen(extensions[i]->name);
		buf[len++] = (uint8_t)n;
		memcpy(buf + len, extensions[i]->name, n);
		len += n;
	}
	xListExtensionsReply rep = { .nExtensions = ARRAY_SIZE(extensions) };
	xp_reply(c, &rep, sizeof(rep), buf, len);
	return Success;
}
