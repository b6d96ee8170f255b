/* BIG-REQUESTS: one request that lets a client send requests longer than
 * 256 KiB, announcing our maximum in 4-byte units. */
#include <X11/X.h>
#include <X11/Xproto.h>
#include <X11/extensions/bigreqsproto.h>

#include "xproxy/client.h"
#include "xproxy/dispatch.h"
#include "xproxy/extension.h"
#include "xproxy/server.h"

static int
proc_bigreq_enable(struct xp_client *c, const void *raw)
{
	xBigReqEnableReply rep = {
		.max_request_size = XP_MAX_BIG_REQUEST_WORDS,
	};

	c->big_requests = true;
	xp_reply(c, &rep, sizeof(rep), NULL, 0);
	return Success;
}

static const struct xp_request_desc bigreq_requests[] = {
	[X_BigReqEnable] = { "BigReqEnable", proc_bigreq_enable,
			sz_xBigReqEnableReq, XP_LEN_EXACT },
};

const struct xp_extension xp_ext_bigreq = {
	.name = XBigReqExtensionName,
	.requests = bigreq_requests,
	.n_requests = ARRAY_SIZE(bigreq_requests),
};
