#include "xproxy/client.h"

#include <X11/X.h>
#include <X11/Xproto.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "xproxy/dispatch.h"
#include "xproxy/log.h"
#include "xproxy/server.h"
#include "xproxy/setup.h"
#include "xproxy/teardown.h"

/* A client that stops reading its replies is cut off past this much queued
 * output rather than growing without bound inside the application. */
#define MAX_OUT_QUEUE (256u << 20)
#define READ_CHUNK 65536

struct xp_client *
xp_client_create(struct xp_server *server, int fd, int index)
{
	struct xp_client *c = calloc(1, sizeof(*c));

	if (c == NULL) {
		return NULL;
	}
	c->server = server;
	c->fd = fd;
	c->index = index;
	c->id_base = (uint32_t)index << XP_CLIENT_ID_SHIFT;
	c->id_mask = XP_CLIENT_ID_MASK;
	c->close_down_mode = DestroyAll;
	return c;
}

void
xp_client_destroy(struct xp_client *c)
{
	if (c == NULL) {
		return;
	}
	xp_teardown_client(c);
	if (c->fd >= 0) {
		close(c->fd);
	}
	free(c->in);
	free(c->out);
	free(c);
}

static bool
reserve(uint8_t **buf, size_t *cap, size_t need)
{
	if (need <= *cap) {
		return true;
	}
	size_t n = *cap ? *cap : 4096;
	while (n < need) {
		n *= 2;
	}
	/* malloc alignment (16) keeps every 4-byte request field aligned. */
	uint8_t *p = realloc(*buf, n);
	if (p == NULL) {
		return false;
	}
	*buf = p;
	*cap = n;
	return true;
}

void
xp_client_write(struct xp_client *c, const void *data, size_t len)
{
	if (c->closing) {
		return;
	}
	if (c->out_len + len > MAX_OUT_QUEUE ||
			!reserve(&c->out, &c->out_cap, c->out_len + len)) {
		xp_log(XP_LOG_WARN, "client %d: output queue full, closing",
				c->index);
		c->closing = true;
		return;
	}
	memcpy(c->out + c->out_len, data, len);
	c->out_len += len;
}

bool
xp_client_flush(struct xp_client *c)
{
	size_t off = 0;

	if (c->fd < 0) {
		return true;
	}
	while (off < c->out_len) {
		/* A client that closed its end must not raise SIGPIPE: the
		 * process is the application's, and it would die of it. */
		ssize_t n = send(c->fd, c->out + off, c->out_len - off,
				MSG_NOSIGNAL);
		if (n < 0 && errno == ENOTSOCK) {
			n = write(c->fd, c->out + off, c->out_len - off);
		}
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				break;
			}
			return false;
		}
		off += (size_t)n;
	}
	/* c->out is NULL before the first reply: memmove(NULL, ...) is
	 * undefined even for 0 bytes (UBSan) */
	if (off < c->out_len) {
		memmove(c->out, c->out + off, c->out_len - off);
	}
	c->out_len -= off;
	return true;
}

/* Handles the connection setup message at in[0]; returns bytes consumed,
 * 0 when incomplete, or -1 to drop the client. */
static ssize_t
process_setup(struct xp_client *c, size_t avail)
{
	const xConnClientPrefix *prefix = (const void *)c->in;

	if (avail < sz_xConnClientPrefix) {
		return 0;
	}
	size_t total = sz_xConnClientPrefix;
	uint16_t n_proto = prefix->nbytesAuthProto;
	uint16_t n_string = prefix->nbytesAuthString;
	if (prefix->byteOrder != 'l') {
		/* Lengths are in the client's order; swap them to frame. */
		n_proto = (uint16_t)((n_proto >> 8) | (n_proto << 8));
		n_string = (uint16_t)((n_string >> 8) | (n_string << 8));
	}
	total += XP_PAD4(n_proto) + XP_PAD4(n_string);
	if (avail < total) {
		return 0;
	}
	if (!xp_setup_reply(c, prefix)) {
		return -1;
	}
	c->setup_done = true;
	return (ssize_t)total;
}

/* Frames and dispatches every complete request in the input buffer. */
static bool
process_input(struct xp_client *c)
{
	size_t pos = 0;
	bool ok = true;

	while (!c->closing) {
		size_t avail = c->in_len - pos;
		uint8_t *hdr = c->in + pos;

		if (!c->setup_done) {
			memmove(c->in, hdr, avail);
			c->in_len = avail;
			pos = 0;
			ssize_t used = process_setup(c, avail);
			if (used < 0) {
				ok = false;
				break;
			}
			if (used == 0) {
				break;
			}
			pos = (size_t)used;
			continue;
		}
		if (c->server->grabbing_client != NULL &&
				c->server->grabbing_client != c) {
			break;
		}
		if (avail < sz_xReq) {
			break;
		}
		uint32_t words = ((const xReq *)(const void *)hdr)->length;
		size_t skip = 0;
		if (words == 0) {
			if (!c->big_requests) {
				/* X treats it as a one-word request of bad
				 * length. */
				c->sequence++;
				c->req_len = 4;
				xp_dispatch_request(c, hdr, 0);
				pos += 4;
				continue;
			}
			if (avail < 8) {
				break;
			}
			memcpy(&words, hdr + 4, 4);
			if (words < 2 || words > XP_MAX_BIG_REQUEST_WORDS) {
				xp_log(XP_LOG_WARN,
						"client %d: bad big request "
						"length %u",
						c->index, words);
				ok = false;
				break;
			}
			skip = 4;
		}
		size_t bytes = (size_t)words * 4;
		if (avail < bytes) {
			if (!reserve(&c->in, &c->in_cap, pos + bytes)) {
				ok = false;
				break;
			}
			break;
		}
		if (skip) {
			/* Slide the header over the extended length so the
			 * handler sees an ordinary request. */
			memmove(hdr + 4, hdr, 4);
		}
		c->sequence++;
		c->req_len = (uint32_t)(bytes - skip);
		xp_dispatch_request(c, hdr + skip, bytes - skip);
		pos += bytes;
	}
	memmove(c->in, c->in + pos, c->in_len - pos);
	c->in_len -= pos;
	return ok;
}

bool
xp_client_feed(struct xp_client *c, const void *data, size_t len)
{
	if (!reserve(&c->in, &c->in_cap, c->in_len + len)) {
		return false;
	}
	memcpy(c->in + c->in_len, data, len);
	c->in_len += len;
	return process_input(c);
}

bool
xp_client_read(struct xp_client *c)
{
	for (;;) {
		if (!reserve(&c->in, &c->in_cap, c->in_len + READ_CHUNK)) {
			return false;
		}
		ssize_t n = read(c->fd, c->in + c->in_len,
				c->in_cap - c->in_len);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				break;
			}
			return false;
		}
		if (n == 0) {
			return false;
		}
		c->in_len += (size_t)n;
		if (!process_input(c)) {
			return false;
		}
		if ((size_t)n < READ_CHUNK) {
			break;
		}
	}
	return true;
}
