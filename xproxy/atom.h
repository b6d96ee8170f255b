/* Atoms: the 68 predefined ones (names taken from <X11/Xatom.h> at build
 * time) and those clients intern. Atoms are never freed, as in X. */
#ifndef XPROXY_ATOM_H
#define XPROXY_ATOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xp_atom_name {
	char *name;
	uint16_t len;
};

struct xp_atom_table {
	struct xp_atom_name *names; /* index = atom; 0 unused */
	uint32_t count;             /* highest atom + 1 */
	uint32_t names_cap;
	uint32_t *hash; /* open addressing of atoms by name */
	uint32_t hash_cap;
};

bool xp_atom_table_init(struct xp_atom_table *t);
void xp_atom_table_finish(struct xp_atom_table *t);
/* Returns the atom for name, or 0 (None) when absent and only_if_exists,
 * or on OOM (then *oom is set). */
uint32_t xp_atom_intern(struct xp_atom_table *t, const char *name, size_t len,
		bool only_if_exists, bool *oom);
/* NULL when atom is not defined. */
const struct xp_atom_name *xp_atom_name(
		const struct xp_atom_table *t, uint32_t atom);
static inline bool
xp_atom_valid(const struct xp_atom_table *t, uint32_t atom)
{
	return atom != 0 && atom < t->count;
}

#endif
