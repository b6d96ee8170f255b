/* XID → object map. Every XID object embeds struct xp_resource first; its
 * type names the error a failed lookup gives and how to destroy it. */
#ifndef XPROXY_RESOURCE_H
#define XPROXY_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xp_client;
struct xp_resource;

struct xp_resource_type {
	const char *name;
	uint8_t error; /* BadWindow, BadPixmap, ... */
	/* Frees the object; called when its XID is freed or its client
	 * leaves. The resource is already out of the map. */
	void (*destroy)(struct xp_resource *res);
};

struct xp_resource {
	uint32_t id;
	const struct xp_resource_type *type;
	struct xp_client *owner; /* NULL for the server's own objects */
};

struct xp_resource_map {
	struct xp_resource **slots; /* open addressing; TOMBSTONE marks holes */
	size_t cap, count, used;
};

bool xp_resource_map_init(struct xp_resource_map *map);
void xp_resource_map_finish(struct xp_resource_map *map);
/* Adds res under res->id. On failure the resource is destroyed (as X's
 * AddResource does) and false is returned. */
bool xp_resource_add(struct xp_resource_map *map, struct xp_resource *res);
struct xp_resource *xp_resource_find(
		const struct xp_resource_map *map, uint32_t id);
/* Removes without destroying. */
void xp_resource_remove(struct xp_resource_map *map, struct xp_resource *res);
/* Removes and destroys the resource with that id, if any. */
void xp_resource_free(struct xp_resource_map *map, uint32_t id);
/* Collects the ids in [base, base | mask]; the caller frees *ids. */
size_t xp_resource_ids_in_range(const struct xp_resource_map *map,
		uint32_t base, uint32_t mask, uint32_t **ids);

#endif
