/* Request framing without sockets: setup, split and big requests, length
 * errors and the sequence numbers replies and errors carry. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/X.h>
#include <X11/Xproto.h>

#include "xproxy/client.h"
#include "xproxy/server.h"
#include "xproxy/xproxy.h"

static struct xp_server *
server(void)
{
	static struct xp_server *s;
	struct xp_server_options o = { .width = 320, .height = 200, .dpi = 96 };

	if (s == NULL) {
		s = xp_server_create(&o, NULL, NULL);
	}
	return s;
}

static const uint8_t setup_lsb[12] = { 'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

/* A client past setup, with its setup reply dropped. */
static struct xp_client *
connected(int index)
{
	struct xp_client *c = xp_client_create(server(), -1, index);

	if (c == NULL || !xp_client_feed(c, setup_lsb, sizeof(setup_lsb))) {
		return NULL;
	}
	c->out_len = 0;
	return c;
}

static void
drop(struct xp_client *c)
{
	xp_client_destroy(c);
}

TEST(setup_reply)
{
	struct xp_client *c = xp_client_create(server(), -1, 3);
	REQUIRE(c != NULL);
	/* Fed one byte at a time: nothing until the prefix is complete. */
	for (size_t i = 0; i < sizeof(setup_lsb); i++) {
		CHECK(xp_client_feed(c, &setup_lsb[i], 1));
		CHECK_EQ(c->out_len,
				i + 1 < sizeof(setup_lsb) ? 0 : c->out_len);
	}
	REQUIRE(c->out_len >= sz_xConnSetupPrefix + sz_xConnSetup);
	xConnSetupPrefix prefix;
	xConnSetup setup;
	memcpy(&prefix, c->out, sizeof(prefix));
	memcpy(&setup, c->out + sz_xConnSetupPrefix, sizeof(setup));
	CHECK_EQ(prefix.success, 1);
	CHECK_EQ(prefix.majorVersion, 11);
	CHECK_EQ(sz_xConnSetupPrefix + prefix.length * 4u, c->out_len);
	CHECK_EQ(setup.ridBase, 3u << 21);
	CHECK_EQ(setup.numRoots, 1);
	drop(c);
}

TEST(setup_refuses_msb_first)
{
	struct xp_client *c = xp_client_create(server(), -1, 4);
	uint8_t msb[12] = { 'B', 0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0 };
	REQUIRE(c != NULL);
	CHECK(!xp_client_feed(c, msb, sizeof(msb)));
	REQUIRE(c->out_len >= 8);
	CHECK_EQ(c->out[0], 0); /* Failed */
	CHECK(c->out[1] > 0);   /* with a reason */
	drop(c);
}

TEST(split_request_and_sequence)
{
	struct xp_client *c = connected(5);
	xReq req = { .reqType = X_GetInputFocus, .length = 1 };
	REQUIRE(c != NULL);
	const uint8_t *bytes = (const uint8_t *)&req;
	for (int round = 1; round <= 2; round++) {
		for (size_t i = 0; i < sizeof(req); i++) {
			CHECK(xp_client_feed(c, bytes + i, 1));
		}
		REQUIRE(c->out_len == 32u * round);
		xGenericReply rep;
		memcpy(&rep, c->out + 32 * (round - 1), sizeof(rep));
		CHECK_EQ(rep.type, X_Reply);
		CHECK_EQ(rep.sequenceNumber, round);
		CHECK_EQ(rep.length, 0);
	}
	drop(c);
}

static xError
last_error(struct xp_client *c)
{
	xError err = { 0 };
	if (c->out_len >= 32) {
		memcpy(&err, c->out + c->out_len - 32, sizeof(err));
	}
	return err;
}

TEST(length_errors)
{
	struct xp_client *c = connected(6);
	REQUIRE(c != NULL);
	/* GetInputFocus is exactly one word long. */
	uint32_t two[2] = { X_GetInputFocus | 2u << 16, 0 };
	CHECK(xp_client_feed(c, two, sizeof(two)));
	xError err = last_error(c);
	CHECK_EQ(err.type, X_Error);
	CHECK_EQ(err.errorCode, BadLength);
	CHECK_EQ(err.majorCode, X_GetInputFocus);
	CHECK_EQ(err.sequenceNumber, 1);

	/* Length 0 without BIG-REQUESTS: BadLength, and framing goes on. */
	uint32_t zero = X_NoOperation;
	CHECK(xp_client_feed(c, &zero, 4));
	err = last_error(c);
	CHECK_EQ(err.errorCode, BadLength);
	CHECK_EQ(err.sequenceNumber, 2);

	/* An opcode nobody implements. */
	uint32_t unknown = 200u | 1u << 16;
	CHECK(xp_client_feed(c, &unknown, 4));
	err = last_error(c);
	CHECK_EQ(err.errorCode, BadRequest);
	CHECK_EQ(err.majorCode, 200);
	CHECK_EQ(err.sequenceNumber, 3);
	drop(c);
}

TEST(big_requests)
{
	struct xp_client *c = connected(7);
	REQUIRE(c != NULL);
	/* Find BIG-REQUESTS' opcode the way a client does. */
	struct {
		xQueryExtensionReq req;
		char name[12];
	} q = { { .reqType = X_QueryExtension, .length = 5, .nbytes = 12 },
		"BIG-REQUESTS" };
	CHECK(xp_client_feed(c, &q, sizeof(q)));
	REQUIRE(c->out_len == 32);
	xQueryExtensionReply qr;
	memcpy(&qr, c->out, sizeof(qr));
	REQUIRE(qr.present);
	uint32_t enable = qr.major_opcode | 1u << 16;
	CHECK(xp_client_feed(c, &enable, 4));
	REQUIRE(c->out_len == 64);
	CHECK(c->big_requests);

	/* NoOperation of 100 words, sent as a big request. */
	uint32_t *big = calloc(100, 4);
	REQUIRE(big != NULL);
	big[0] = X_NoOperation; /* length 0: the next word is the length */
	big[1] = 100;
	CHECK(xp_client_feed(c, big, 400));
	CHECK_EQ(c->out_len, 64); /* no error */
	CHECK_EQ(c->sequence, 3);

	/* Past the announced maximum, the client is dropped. */
	big[1] = XP_MAX_BIG_REQUEST_WORDS + 1;
	CHECK(!xp_client_feed(c, big, 8));
	free(big);
	drop(c);
}

TEST(bad_values_name_the_value)
{
	struct xp_client *c = connected(8);
	REQUIRE(c != NULL);
	/* InternAtom with onlyIfExists = 2 is BadValue 2. */
	struct {
		xInternAtomReq req;
		char name[4];
	} ia = { { .reqType = X_InternAtom,
				 .onlyIfExists = 2,
				 .length = 3,
				 .nbytes = 4 },
		"ATOM" };
	CHECK(xp_client_feed(c, &ia, sizeof(ia)));
	xError err = last_error(c);
	CHECK_EQ(err.errorCode, BadValue);
	CHECK_EQ(err.resourceID, 2);
	CHECK_EQ(err.majorCode, X_InternAtom);
	drop(c);
}
