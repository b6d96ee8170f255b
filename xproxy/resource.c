#include "xproxy/resource.h"

#include <stdlib.h>

#define TOMBSTONE ((struct xp_resource *)(uintptr_t)1)

static size_t
hash_id(uint32_t id, size_t cap)
{
	/* Fibonacci hashing spreads the sequential low bits of XIDs. */
	return (size_t)((id * 2654435769u) >> 8) & (cap - 1);
}

bool
xp_resource_map_init(struct xp_resource_map *map)
{
	map->cap = 1024;
	map->count = 0;
	map->used = 0;
	map->slots = calloc(map->cap, sizeof(*map->slots));
	return map->slots != NULL;
}

void
xp_resource_map_finish(struct xp_resource_map *map)
{
	free(map->slots);
	map->slots = NULL;
	map->cap = map->count = map->used = 0;
}

static bool
rehash(struct xp_resource_map *map, size_t cap)
{
	struct xp_resource **slots = calloc(cap, sizeof(*slots));

	if (slots == NULL) {
		return false;
	}
	for (size_t i = 0; i < map->cap; i++) {
		struct xp_resource *r = map->slots[i];
		if (r == NULL || r == TOMBSTONE) {
			continue;
		}
		size_t h = hash_id(r->id, cap);
		while (slots[h] != NULL) {
			h = (h + 1) & (cap - 1);
		}
		slots[h] = r;
	}
	free(map->slots);
	map->slots = slots;
	map->cap = cap;
	map->used = map->count;
	return true;
}

bool
xp_resource_add(struct xp_resource_map *map, struct xp_resource *res)
{
	if ((map->used + 1) * 4 >= map->cap * 3) {
		size_t cap = map->count * 4 >= map->cap ? map->cap * 2
							: map->cap;
		if (!rehash(map, cap)) {
			res->type->destroy(res);
			return false;
		}
	}
	size_t h = hash_id(res->id, map->cap);
	while (map->slots[h] != NULL && map->slots[h] != TOMBSTONE) {
		h = (h + 1) & (map->cap - 1);
	}
	if (map->slots[h] == NULL) {
		map->used++;
	}
	map->slots[h] = res;
	map->count++;
	return true;
}

static size_t
find_slot(const struct xp_resource_map *map, uint32_t id)
{
	size_t h = hash_id(id, map->cap);

	while (map->slots[h] != NULL) {
		if (map->slots[h] != TOMBSTONE && map->slots[h]->id == id) {
			return h;
		}
		h = (h + 1) & (map->cap - 1);
	}
	return SIZE_MAX;
}

struct xp_resource *
xp_resource_find(const struct xp_resource_map *map, uint32_t id)
{
	size_t slot = find_slot(map, id);

	return slot == SIZE_MAX ? NULL : map->slots[slot];
}

void
xp_resource_remove(struct xp_resource_map *map, struct xp_resource *res)
{
	size_t slot = find_slot(map, res->id);

	if (slot != SIZE_MAX && map->slots[slot] == res) {
		map->slots[slot] = TOMBSTONE;
		map->count--;
	}
}

void
xp_resource_free(struct xp_resource_map *map, uint32_t id)
{
	struct xp_resource *res = xp_resource_find(map, id);

	if (res != NULL) {
		xp_resource_remove(map, res);
		res->type->destroy(res);
	}
}

size_t
xp_resource_ids_in_range(const struct xp_resource_map *map, uint32_t base,
		uint32_t mask, uint32_t **ids)
{
	size_t n = 0;

	*ids = malloc((map->count + 1) * sizeof(**ids));
	if (*ids == NULL) {
		return 0;
	}
	for (size_t i = 0; i < map->cap; i++) {
		struct xp_resource *r = map->slots[i];
		if (r != NULL && r != TOMBSTONE && (r->id & ~mask) == base) {
			(*ids)[n++] = r->id;
		}
	}
	return n;
}
