/* The server: screen constants and the state every handler reaches through
 * its client. One per process in practice, but nothing here is global. */
#ifndef XPROXY_SERVER_H
#define XPROXY_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "xproxy/atom.h"
#include "xproxy/input.h"
#include "xproxy/resource.h"
#include "xproxy/util.h"
#include "xproxy/xproxy.h"

/* Client 0 is the server itself; clients get base index << 21 as Xvfb. */
#define XP_MAX_CLIENTS 256
#define XP_CLIENT_ID_SHIFT 21
#define XP_CLIENT_ID_MASK 0x001fffffu

/* Server-owned XIDs; the visual and colormap match Xvfb's numbers. */
#define XP_ROOT_COLORMAP 0x20u
#define XP_ROOT_VISUAL 0x21u
#define XP_ROOT_WINDOW 0x3c0u
#define XP_ROOT_DEPTH 24

/* The longest request BIG-REQUESTS lets a client send, in 4-byte units
 * (the X server's limit: 16 MiB). */
#define XP_MAX_BIG_REQUEST_WORDS 4194303u

struct xp_client;
struct xp_window;
struct xp_fontdb;
struct xp_font;
struct xp_keymap;
struct xp_colordb;

struct xp_selection {
	uint32_t atom;
	uint32_t window; /* None when unowned */
	struct xp_client *owner;
	uint32_t time;
	struct xp_list link;
};

struct xp_server {
	struct xp_server_options options;
	const struct xp_output_impl *output;
	void *output_data;
	int epoll_fd;

	struct xp_client *clients[XP_MAX_CLIENTS];
	int n_clients;
	/* The client holding GrabServer; others are not dispatched. */
	struct xp_client *grabbing_client;

	struct xp_resource_map resources;
	struct xp_atom_table atoms;
	struct xp_window *root;
	struct xp_list toplevels; /* struct xp_toplevel.link, bottom first */
	struct xp_list selections;
	uint32_t tree_generation;

	struct xp_fontdb *fonts;
	struct xp_font *default_font;
	struct xp_keymap *keymap;
	struct xp_colordb *colors;
	/* The one installed colormap (min and max installed maps are 1). */
	uint32_t installed_colormap;
	struct xp_input input;

	uint64_t start_ms;
	uint8_t *scratch; /* reply assembly, grown on demand */
	size_t scratch_cap;
};

/* Server time in milliseconds (X's TIMESTAMP), wrapping at 2^32. */
uint32_t xp_server_time(const struct xp_server *server);
/* A buffer of at least size bytes for building a reply; NULL on OOM. It is
 * reused by the next call. */
void *xp_server_scratch(struct xp_server *server, size_t size);

#endif
