/* The atom table: predefined atoms from <X11/Xatom.h>, interning. */
#define HARNESS_MAIN
#include "harness.h"

#include <X11/X.h>
#include <X11/Xatom.h>

/* Xatom.h casts to Xlib's Atom. */
typedef unsigned long Atom;

#include "xproxy/atom.h"

TEST(predefined)
{
	struct xp_atom_table t;
	bool oom;
	REQUIRE(xp_atom_table_init(&t));
	CHECK_EQ(t.count, XA_LAST_PREDEFINED + 1);
	CHECK(strcmp(xp_atom_name(&t, XA_PRIMARY)->name, "PRIMARY") == 0);
	CHECK(strcmp(xp_atom_name(&t, XA_WM_TRANSIENT_FOR)->name,
			      "WM_TRANSIENT_FOR") == 0);
	CHECK_EQ(xp_atom_intern(&t, "CARDINAL", 8, true, &oom), XA_CARDINAL);
	CHECK(xp_atom_name(&t, 0) == NULL);
	CHECK(xp_atom_name(&t, XA_LAST_PREDEFINED + 1) == NULL);
	xp_atom_table_finish(&t);
}

TEST(intern)
{
	struct xp_atom_table t;
	bool oom;
	char name[32];
	REQUIRE(xp_atom_table_init(&t));
	CHECK_EQ(xp_atom_intern(&t, "NEW", 3, true, &oom), 0);
	uint32_t a = xp_atom_intern(&t, "NEW", 3, false, &oom);
	CHECK_EQ(a, XA_LAST_PREDEFINED + 1);
	CHECK_EQ(xp_atom_intern(&t, "NEW", 3, true, &oom), a);
	/* Names are byte strings: case and embedded NULs count. */
	CHECK(xp_atom_intern(&t, "new", 3, false, &oom) != a);
	CHECK(xp_atom_intern(&t, "NEW\0", 4, false, &oom) != a);
	/* Growth past the initial tables keeps every atom. */
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(name, sizeof(name), "ATOM_%d", i);
		CHECK_EQ(xp_atom_intern(&t, name, (size_t)n, false, &oom),
				a + 3 + i);
	}
	CHECK_EQ(xp_atom_intern(&t, "ATOM_17", 7, true, &oom), a + 3 + 17);
	CHECK(strcmp(xp_atom_name(&t, a + 3 + 4999)->name, "ATOM_4999") == 0);
	xp_atom_table_finish(&t);
}
