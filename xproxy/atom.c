#include "xproxy/atom.h"

#include <stdlib.h>
#include <string.h>

/* Generated from <X11/Xatom.h> by the Makefile: lines [N] = "NAME",. */
static const char *const predefined_atoms[] = {
#include "xatoms.h"
};

static uint32_t
hash_name(const char *name, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	}
	return h;
}

static bool
hash_insert(struct xp_atom_table *t, uint32_t atom)
{
	const struct xp_atom_name *n = &t->names[atom];
	uint32_t h = hash_name(n->name, n->len) & (t->hash_cap - 1);

	while (t->hash[h] != 0) {
		h = (h + 1) & (t->hash_cap - 1);
	}
	t->hash[h] = atom;
	return true;
}

static bool
grow_hash(struct xp_atom_table *t)
{
	uint32_t cap = t->hash_cap ? t->hash_cap * 2 : 512;
	uint32_t *hash = calloc(cap, sizeof(*hash));

	if (hash == NULL) {
		return false;
	}
	free(t->hash);
	t->hash = hash;
	t->hash_cap = cap;
	for (uint32_t a = 1; a < t->count; a++) {
		hash_insert(t, a);
	}
	return true;
}

static uint32_t
add_atom(struct xp_atom_table *t, const char *name, size_t len)
{
	if (t->count == t->names_cap) {
		uint32_t cap = t->names_cap * 2;
		struct xp_atom_name *names =
				realloc(t->names, cap * sizeof(*names));
		if (names == NULL) {
			return 0;
		}
		t->names = names;
		t->names_cap = cap;
	}
	if ((t->count + 1) * 2 > t->hash_cap && !grow_hash(t)) {
		return 0;
	}
	char *copy = malloc(len + 1);
	if (copy == NULL) {
		return 0;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	uint32_t atom = t->count++;
	t->names[atom].name = copy;
	t->names[atom].len = (uint16_t)len;
	hash_insert(t, atom);
	return atom;
}

bool
xp_atom_table_init(struct xp_atom_table *t)
{
	memset(t, 0, sizeof(*t));
	t->names_cap = 1024;
	t->names = calloc(t->names_cap, sizeof(*t->names));
	if (t->names == NULL || !grow_hash(t)) {
		xp_atom_table_finish(t);
		return false;
	}
	t->count = 1;
	for (size_t i = 1; i < sizeof(predefined_atoms) /
					       sizeof(predefined_atoms[0]);
			i++) {
		const char *name = predefined_atoms[i];
		if (add_atom(t, name, strlen(name)) != i) {
			xp_atom_table_finish(t);
			return false;
		}
	}
	return true;
}

void
xp_atom_table_finish(struct xp_atom_table *t)
{
	for (uint32_t a = 1; a < t->count; a++) {
		free(t->names[a].name);
	}
	free(t->names);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

uint32_t
xp_atom_intern(struct xp_atom_table *t, const char *name, size_t len,
		bool only_if_exists, bool *oom)
{
	uint32_t h = hash_name(name, len) & (t->hash_cap - 1);

	*oom = false;
	while (t->hash[h] != 0) {
		const struct xp_atom_name *n = &t->names[t->hash[h]];
		if (n->len == len && memcmp(n->name, name, len) == 0) {
			return t->hash[h];
		}
		h = (h + 1) & (t->hash_cap - 1);
	}
	if (only_if_exists) {
		return 0;
	}
	uint32_t atom = add_atom(t, name, len);
	*oom = atom == 0;
	return atom;
}

const struct xp_atom_name *
xp_atom_name(const struct xp_atom_table *t, uint32_t atom)
{
	return xp_atom_valid(t, atom) ? &t->names[atom] : NULL;
}
