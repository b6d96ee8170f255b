#include "xproxy/color.h"

#include "xproxy/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RGB_TXT "/usr/share/X11/rgb.txt"
/* Longer than any database name; longer queries cannot match. */
#define MAX_NAME 64

struct color {
	char name[MAX_NAME]; /* lower case */
	uint8_t r, g, b;
};

struct xp_colordb {
	struct color *colors; /* sorted by name, unique */
	size_t n, cap;
};

/* Names the X server's own table has that Debian's rgb.txt (x11-common
 * 7.7) lacks: the CSS colours added to rgb.txt upstream, and the Web and X11
 * spellings for the four names on which CSS and X11 disagree. Checked
 * against Xvfb by tests/unit/color.c. */
static const struct {
	const char *name;
	uint8_t r, g, b;
} supplement[] = {
	{ "aqua", 0, 255, 255 },
	{ "crimson", 220, 20, 60 },
	{ "fuchsia", 255, 0, 255 },
	{ "indigo", 75, 0, 130 },
	{ "lime", 0, 255, 0 },
	{ "olive", 128, 128, 0 },
	{ "silver", 192, 192, 192 },
	{ "teal", 0, 128, 128 },
	{ "rebecca purple", 102, 51, 153 },
	{ "rebeccapurple", 102, 51, 153 },
	{ "web gray", 128, 128, 128 },
	{ "webgray", 128, 128, 128 },
	{ "web grey", 128, 128, 128 },
	{ "webgrey", 128, 128, 128 },
	{ "web green", 0, 128, 0 },
	{ "webgreen", 0, 128, 0 },
	{ "web maroon", 128, 0, 0 },
	{ "webmaroon", 128, 0, 0 },
	{ "web purple", 128, 0, 128 },
	{ "webpurple", 128, 0, 128 },
	{ "x11 gray", 190, 190, 190 },
	{ "x11gray", 190, 190, 190 },
	{ "x11 grey", 190, 190, 190 },
	{ "x11grey", 190, 190, 190 },
	{ "x11 green", 0, 255, 0 },
	{ "x11green", 0, 255, 0 },
	{ "x11 maroon", 176, 48, 96 },
	{ "x11maroon", 176, 48, 96 },
	{ "x11 purple", 160, 32, 240 },
	{ "x11purple", 160, 32, 240 },
};

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
add(struct xp_colordb *db, const char *name, size_t len, unsigned r, unsigned g,
		unsigned b)
{
	struct color *c;

	if (len == 0 || len >= MAX_NAME) {
		return true;
	}
	if (db->n == db->cap) {
		size_t cap = db->cap ? db->cap * 2 : 1024;
		struct color *grown = realloc(db->colors, cap * sizeof(*grown));

		if (grown == NULL) {
			return false;
		}
		db->colors = grown;
		db->cap = cap;
	}
	c = &db->colors[db->n++];
	for (size_t i = 0; i < len; i++) {
		c->name[i] = lower(name[i]);
	}
	c->name[len] = '\0';
	c->r = (uint8_t)r;
	c->g = (uint8_t)g;
	c->b = (uint8_t)b;
	return true;
}

/* "R G B<whitespace>name", values 0-255; '!' starts a comment line. */
static bool
parse_line(struct xp_colordb *db, char *line)
{
	unsigned r, g, b;
	int off = 0;
	size_t len;
	char *name;

	if (line[0] == '!' ||
			sscanf(line, " %u %u %u %n", &r, &g, &b, &off) != 3 ||
			r > 255 || g > 255 || b > 255) {
		return true;
	}
	name = line + off;
	len = strlen(name);
	while (len > 0 && (name[len - 1] == '\n' || name[len - 1] == '\r' ||
					  name[len - 1] == ' ' ||
					  name[len - 1] == '\t')) {
		len--;
	}
	/* Debian adds DebianRed to the file; X servers, whose table is
	 * built in, do not know it. */
	if (len == 9 && strncmp(name, "DebianRed", 9) == 0) {
		return true;
	}
	return add(db, name, len, r, g, b);
}

static int
cmp_color(const void *a, const void *b)
{
	return strcmp(((const struct color *)a)->name,
			((const struct color *)b)->name);
}

static bool
load_file(struct xp_colordb *db, const char *path)
{
	char line[256];
	FILE *f = fopen(path, "re");

	if (f == NULL) {
		xp_log(XP_LOG_WARN, "colors: cannot read %s: %s", path,
				strerror(errno));
		return true;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (!parse_line(db, line)) {
			fclose(f);
			return false;
		}
	}
	fclose(f);
	return true;
}

struct xp_colordb *
xp_colordb_create(const char *path)
{
	struct xp_colordb *db = calloc(1, sizeof(*db));
	size_t out = 0;

	if (db == NULL) {
		goto err;
	}
	if (!load_file(db, path != NULL ? path : RGB_TXT)) {
		goto err_db;
	}
	for (size_t i = 0; i < sizeof(supplement) / sizeof(supplement[0]);
			i++) {
		if (!add(db, supplement[i].name, strlen(supplement[i].name),
				    supplement[i].r, supplement[i].g,
				    supplement[i].b)) {
			goto err_db;
		}
	}
	/* Stable order is not needed: the file's case variants of one name
	 * ("gray", "Gray") carry the same values. */
	qsort(db->colors, db->n, sizeof(*db->colors), cmp_color);
	for (size_t i = 0; i < db->n; i++) {
		if (out == 0 || strcmp(db->colors[out - 1].name,
						db->colors[i].name) != 0) {
			db->colors[out++] = db->colors[i];
		}
	}
	db->n = out;
	return db;

err_db:
	xp_colordb_destroy(db);
err:
	xp_log(XP_LOG_ERROR, "colors: out of memory");
	return NULL;
}

void
xp_colordb_destroy(struct xp_colordb *db)
{
	if (db == NULL) {
		return;
	}
	free(db->colors);
	free(db);
}

bool
xp_color_lookup(const struct xp_colordb *db, const char *name, size_t len,
		uint16_t *red, uint16_t *green, uint16_t *blue)
{
	char key[MAX_NAME];
	size_t lo = 0, hi = db->n;

	if (len == 0 || len >= MAX_NAME || memchr(name, '\0', len) != NULL) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		key[i] = lower(name[i]);
	}
	key[len] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, db->colors[mid].name);

		if (c == 0) {
			*red = (uint16_t)(db->colors[mid].r * 0x101);
			*green = (uint16_t)(db->colors[mid].g * 0x101);
			*blue = (uint16_t)(db->colors[mid].b * 0x101);
			return true;
		}
		if (c < 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return false;
}

uint32_t
xp_color_truecolor_pixel(uint16_t r, uint16_t g, uint16_t b, uint16_t *exact_r,
		uint16_t *exact_g, uint16_t *exact_b)
{
	/* Truncation, not rounding: Xvfb answers 0x80ff with 0x8080 and
	 * 0x7fff with 0x7f7f. */
	unsigned r8 = r >> 8, g8 = g >> 8, b8 = b >> 8;

	*exact_r = (uint16_t)(r8 * 0x101);
	*exact_g = (uint16_t)(g8 * 0x101);
	*exact_b = (uint16_t)(b8 * 0x101);
	return (uint32_t)r8 << 16 | (uint32_t)g8 << 8 | b8;
}
