/* Core X fonts through libXfont2.
 *
 * libXfont2 does the work that depends on font files: reading fonts.dir and
 * fonts.alias, matching names and patterns within one path element, loading
 * PCF/BDF/Type1 fonts. What an X server adds on top, and what this file
 * does, is the font path: trying its elements in order, following aliases
 * across elements, and turning libXfont2's FontRec into protocol values.
 *
 * libXfont2 calls back into its "server" through functions without a
 * context pointer (xfont2_client_funcs_rec), registers its path element
 * types once per process, and keeps an atom table and caches in globals.
 * That forces the globals below: one-time initialisation, the registered
 * types, the atom table, and one mutex around every call into libXfont2
 * (get_metrics even patches the font's default char while it runs). */
#include "xproxy/font.h"
#include "xproxy/log.h"
#include "xproxy/util.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <X11/X.h>
#include <X11/Xproto.h>
#include <X11/fonts/fontstruct.h>
#include <X11/fonts/libxfont2.h>

/* Alias chains longer than this are treated as loops (BadName). */
#define ALIAS_DEPTH_MAX 20
/* Font names are at most this long in fonts.dir/fonts.alias (libXfont2's
 * MAXFONTNAMELEN is 1024); longer requests cannot match. */
#define NAME_MAX_LEN 1024
#define FPE_TYPES_MAX 16

struct xp_fontdb {
	FontPathElementPtr *path;
	size_t n_path;
};

/* A path element. libXfont2 sees the FontPathElementRec; we add the fonts
 * opened from it, because libXfont2 hands out an already loaded font again
 * and there must be one xp_font per FontRec (not every loader initialises
 * FontRec.svrPrivate, so it cannot hold the link). */
struct fpe {
	FontPathElementRec rec;
	struct xp_list fonts; /* xp_font.link */
};

struct xp_font {
	int refs;
	struct xp_list link;
	FontPtr pfont;
	FontPathElementPtr fpe;
	struct xp_font_info info;
	struct xp_font_prop *props;
	/* QueryFont's array, built on first use (under lib_lock) */
	struct xp_char_info *char_infos;
	size_t n_char_infos;
};

/* --- libXfont2's process-wide state ------------------------------------ */

static pthread_once_t lib_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lib_lock = PTHREAD_MUTEX_INITIALIZER;
static bool lib_ok;
static const xfont2_fpe_funcs_rec *fpe_types[FPE_TYPES_MAX];
static int n_fpe_types;

/* Atoms for font property names and string values. libXfont2 has its own
 * table but exports no way to read it, so we provide make_atom and
 * name_for_atom. Atoms are never freed: property pointers handed out stay
 * valid, and libXfont2 caches some atoms across fonts. */
static struct {
	char **names; /* names[atom - 1] */
	size_t n, cap;
	uint32_t *hash; /* open addressing, 0 = empty, else atom */
	size_t hash_cap;
} atoms;

static uint32_t
hash_name(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	}
	return h;
}

static bool
atoms_rehash(size_t cap)
{
	uint32_t *hash = calloc(cap, sizeof(*hash));

	if (hash == NULL) {
		return false;
	}
	for (size_t a = 1; a <= atoms.n; a++) {
		const char *s = atoms.names[a - 1];
		size_t i = hash_name(s, strlen(s)) & (cap - 1);

		while (hash[i] != 0) {
			i = (i + 1) & (cap - 1);
		}
		hash[i] = a;
	}
	free(atoms.hash);
	atoms.hash = hash;
	atoms.hash_cap = cap;
	return true;
}

static Atom
lib_make_atom(const char *s, unsigned len, int makeit)
{
	size_t i;

	if (atoms.hash_cap > 0) {
		i = hash_name(s, len) & (atoms.hash_cap - 1);
		for (; atoms.hash[i] != 0; i = (i + 1) & (atoms.hash_cap - 1)) {
			const char *n = atoms.names[atoms.hash[i] - 1];

			if (strncmp(n, s, len) == 0 && n[len] == '\0') {
				return atoms.hash[i];
			}
		}
	}
	if (!makeit) {
		return None;
	}
	if ((atoms.n + 1) * 2 > atoms.hash_cap &&
			!atoms_rehash(atoms.hash_cap ? atoms.hash_cap * 2
						     : 256)) {
		return None;
	}
	if (atoms.n == atoms.cap) {
		size_t cap = atoms.cap ? atoms.cap * 2 : 128;
		char **names = realloc(atoms.names, cap * sizeof(*names));

		if (names == NULL) {
			return None;
		}
		atoms.names = names;
		atoms.cap = cap;
	}
	char *copy = strndup(s, len);
	if (copy == NULL) {
		return None;
	}
	atoms.names[atoms.n++] = copy;
	i = hash_name(s, len) & (atoms.hash_cap - 1);
	while (atoms.hash[i] != 0) {
		i = (i + 1) & (atoms.hash_cap - 1);
	}
	atoms.hash[i] = atoms.n;
	return atoms.n;
}

static int
lib_valid_atom(Atom atom)
{
	return atom != None && atom <= atoms.n;
}

static const char *
lib_name_for_atom(Atom atom)
{
	return lib_valid_atom(atom) ? atoms.names[atom - 1] : NULL;
}

/* --- client callbacks: only what local font files need ------------------- */

static int
lib_client_auth_generation(ClientPtr client)
{
	return 0;
}

static Bool
lib_client_signal(ClientPtr client)
{
	return 1;
}

static void
lib_delete_font_client_id(Font id)
{
}

static void _X_ATTRIBUTE_PRINTF(1, 0) lib_verrorf(const char *f, va_list ap)
{
	char line[512];
	size_t n;

	vsnprintf(line, sizeof(line), f, ap);
	n = strlen(line);
	if (n > 0 && line[n - 1] == '\n') {
		line[n - 1] = '\0';
	}
	xp_log(XP_LOG_DEBUG, "libXfont2: %s", line);
}

static FontPtr
lib_find_old_font(FSID id)
{
	return NULL;
}

/* Scalable fonts opened with resolution fields 0 or * take these; 96 dpi is
 * what our Xvfb oracle runs with (-dpi 96). Point size is in decipoints. */
static const FontResolutionRec default_resolution = { 100, 100, 120 };

static FontResolutionPtr
lib_get_client_resolutions(int *num)
{
	*num = 1;
	/* libXfont2 only reads it; the prototype lacks the const */
	return (FontResolutionPtr)&default_resolution;
}

static int
lib_get_default_point_size(void)
{
	return 120;
}

static Font
lib_get_new_font_client_id(void)
{
	return 0;
}

static uint32_t
lib_get_time_in_millis(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)ts.tv_sec * 1000u + (uint32_t)(ts.tv_nsec / 1000000);
}

/* The font server (fs) hooks: we never initialise a remote element. */
static int
lib_init_fs_handlers(FontPathElementPtr fpe, FontBlockHandlerProcPtr handler)
{
	return BadFontPath;
}

static void
lib_remove_fs_handlers(FontPathElementPtr fpe, FontBlockHandlerProcPtr handler,
		Bool all)
{
}

static int
lib_register_fpe_funcs(const xfont2_fpe_funcs_rec *funcs)
{
	if (n_fpe_types == FPE_TYPES_MAX) {
		return -1;
	}
	fpe_types[n_fpe_types] = funcs;
	return n_fpe_types++;
}

static void *
lib_get_server_client(void)
{
	return NULL;
}

static int
lib_set_font_authorizations(char **authorizations, int *authlen, void *client)
{
	return 0;
}

static int
lib_store_font_client_font(FontPtr pfont, Font id)
{
	return 0;
}

/* Constant: we never reset, so atoms that libXfont2's renderers cache once
 * per generation stay valid. */
static unsigned long
lib_get_server_generation(void)
{
	return 1;
}

static int
lib_add_fs_fd(int fd, FontFdHandlerProcPtr handler, void *data)
{
	return 0;
}

static void
lib_remove_fs_fd(int fd)
{
}

static void
lib_adjust_fs_wait_for_delay(void *wt, unsigned long newdelay)
{
}

static const xfont2_client_funcs_rec client_funcs = {
	.version = XFONT2_CLIENT_FUNCS_VERSION,
	.client_auth_generation = lib_client_auth_generation,
	.client_signal = lib_client_signal,
	.delete_font_client_id = lib_delete_font_client_id,
	.verrorf = lib_verrorf,
	.find_old_font = lib_find_old_font,
	.get_client_resolutions = lib_get_client_resolutions,
	.get_default_point_size = lib_get_default_point_size,
	.get_new_font_client_id = lib_get_new_font_client_id,
	.get_time_in_millis = lib_get_time_in_millis,
	.init_fs_handlers = lib_init_fs_handlers,
	.register_fpe_funcs = lib_register_fpe_funcs,
	.remove_fs_handlers = lib_remove_fs_handlers,
	.get_server_client = lib_get_server_client,
	.set_font_authorizations = lib_set_font_authorizations,
	.store_font_client_font = lib_store_font_client_font,
	.make_atom = lib_make_atom,
	.valid_atom = lib_valid_atom,
	.name_for_atom = lib_name_for_atom,
	.get_server_generation = lib_get_server_generation,
	.add_fs_fd = lib_add_fs_fd,
	.remove_fs_fd = lib_remove_fs_fd,
	.adjust_fs_wait_for_delay = lib_adjust_fs_wait_for_delay,
};

static void
lib_init(void)
{
	lib_ok = xfont2_init(&client_funcs) == Successful && n_fpe_types > 0;
	if (!lib_ok) {
		xp_log(XP_LOG_ERROR, "libXfont2 failed to initialise");
	}
}

static bool
lib_lock_init(void)
{
	pthread_once(&lib_once, lib_init);
	if (!lib_ok) {
		return false;
	}
	pthread_mutex_lock(&lib_lock);
	return true;
}

static void
lib_unlock(void)
{
	pthread_mutex_unlock(&lib_lock);
}

/* --- font path elements --------------------------------------------------- */

/* The font server type needs an event loop (fds, wakeups, deferred glyph
 * loading) that a synchronous, in-process server does not have. */
static bool
fpe_type_is_remote(const xfont2_fpe_funcs_rec *funcs)
{
	return funcs->wakeup_fpe != NULL || funcs->load_glyphs != NULL;
}

static const xfont2_fpe_funcs_rec *
fpe_funcs(FontPathElementPtr fpe)
{
	return fpe_types[fpe->type];
}

/* Creates and initialises an element with one reference, or NULL (*alloc
 * tells whether memory ran out rather than the name being unusable). */
static FontPathElementPtr
fpe_create(const char *name, bool *alloc)
{
	FontPathElementPtr fpe;
	int type = -1, rc;

	*alloc = false;
	for (int i = 0; i < n_fpe_types; i++) {
		if (fpe_types[i]->name_check(name)) {
			type = i;
			break;
		}
	}
	if (type < 0 || fpe_type_is_remote(fpe_types[type])) {
		return NULL;
	}
	/* libXfont2 2.0.6 leaks the catalogue's record when its directory
	 * cannot be read, so refuse a missing one before init_fpe */
	struct stat st;
	if (strncmp(name, "catalogue:", 10) == 0 &&
			(stat(name + 10, &st) != 0 || !S_ISDIR(st.st_mode))) {
		return NULL;
	}
	struct fpe *node = calloc(1, sizeof(*node));
	char *copy = strdup(name);
	if (node == NULL || copy == NULL) {
		free(node);
		free(copy);
		*alloc = true;
		return NULL;
	}
	xp_list_init(&node->fonts);
	fpe = &node->rec;
	fpe->name = copy;
	fpe->name_length = (int)strlen(copy);
	fpe->type = type;
	fpe->refcount = 1;
	rc = fpe_types[type]->init_fpe(fpe);
	if (rc != Successful) {
		*alloc = rc == AllocError;
		free(copy);
		free(node);
		return NULL;
	}
	return fpe;
}

static void
fpe_unref(FontPathElementPtr fpe)
{
	if (--fpe->refcount > 0) {
		return;
	}
	fpe_funcs(fpe)->free_fpe(fpe);
	free((char *)fpe->name);
	free(container_of(fpe, struct fpe, rec));
}

static const char *const default_path[] = {
	"/usr/share/fonts/X11/misc",
	"/usr/share/fonts/X11/cyrillic",
	"/usr/share/fonts/X11/100dpi/:unscaled",
	"/usr/share/fonts/X11/75dpi/:unscaled",
	"/usr/share/fonts/X11/Type1",
	"/usr/share/fonts/X11/100dpi",
	"/usr/share/fonts/X11/75dpi",
	"built-ins",
};

/* Builds a new element array for path; an element already in db's path is
 * shared (and re-read if its directory changed). With skip_bad, unusable
 * elements are left out as at server start; otherwise the first one fails
 * the whole call with its index + 1 in *bad. Returns false on failure. */
static bool
path_build(struct xp_fontdb *db, const char *const *path, size_t n_path,
		bool skip_bad, FontPathElementPtr **out, size_t *n_out,
		int *bad)
{
	FontPathElementPtr *elems = calloc(n_path ? n_path : 1, sizeof(*elems));
	size_t n = 0;

	*bad = -1;
	if (elems == NULL) {
		return false;
	}
	for (size_t i = 0; i < n_path; i++) {
		FontPathElementPtr fpe = NULL;
		bool alloc = false;

		for (size_t j = 0; j < db->n_path && fpe == NULL; j++) {
			FontPathElementPtr old = db->path[j];

			if (strcmp(old->name, path[i]) == 0 &&
					fpe_funcs(old)->reset_fpe(old) ==
							Successful) {
				fpe = old;
				fpe->refcount++;
			}
		}
		if (fpe == NULL) {
			fpe = fpe_create(path[i], &alloc);
		}
		if (fpe != NULL) {
			elems[n++] = fpe;
			continue;
		}
		if (alloc) {
			goto err;
		}
		xp_log(XP_LOG_DEBUG, "font path element \"%s\" is unusable",
				path[i]);
		if (!skip_bad) {
			*bad = (int)i + 1;
			goto err;
		}
	}
	*out = elems;
	*n_out = n;
	return true;
err:
	while (n > 0) {
		fpe_unref(elems[--n]);
	}
	free(elems);
	return false;
}

static void
path_free(FontPathElementPtr *path, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fpe_unref(path[i]);
	}
	free(path);
}

struct xp_fontdb *
xp_fontdb_create(const char *const *path, size_t n_path)
{
	struct xp_fontdb *db;
	int bad;

	if (path == NULL) {
		path = default_path;
		n_path = sizeof(default_path) / sizeof(default_path[0]);
	}
	if (!lib_lock_init()) {
		return NULL;
	}
	db = calloc(1, sizeof(*db));
	if (db == NULL || !path_build(db, path, n_path, true, &db->path,
					  &db->n_path, &bad)) {
		lib_unlock();
		free(db);
		return NULL;
	}
	lib_unlock();
	return db;
}

void
xp_fontdb_destroy(struct xp_fontdb *db)
{
	if (db == NULL) {
		return;
	}
	pthread_mutex_lock(&lib_lock);
	path_free(db->path, db->n_path);
	pthread_mutex_unlock(&lib_lock);
	free(db);
}

int
xp_fontdb_set_path(struct xp_fontdb *db, const char *const *path, size_t n_path)
{
	FontPathElementPtr *elems;
	size_t n;
	int bad;
	bool skip_bad = false;

	/* SetFontPath: "an empty list restores the default path" */
	if (n_path == 0) {
		path = default_path;
		n_path = sizeof(default_path) / sizeof(default_path[0]);
		skip_bad = true;
	}
	if (!lib_lock_init()) {
		return -1;
	}
	if (!path_build(db, path, n_path, skip_bad, &elems, &n, &bad)) {
		lib_unlock();
		return bad > 0 ? bad : -1;
	}
	path_free(db->path, db->n_path);
	db->path = elems;
	db->n_path = n;
	lib_unlock();
	return 0;
}

size_t
xp_fontdb_path_count(const struct xp_fontdb *db)
{
	return db->n_path;
}

const char *
xp_fontdb_path_element(const struct xp_fontdb *db, size_t i)
{
	return i < db->n_path ? db->path[i]->name : NULL;
}

/* --- fonts ---------------------------------------------------------------- */

static void
char_info_from(struct xp_char_info *out, const xCharInfo *ci)
{
	out->left_bearing = ci->leftSideBearing;
	out->right_bearing = ci->rightSideBearing;
	out->width = ci->characterWidth;
	out->ascent = ci->ascent;
	out->descent = ci->descent;
	out->attributes = ci->attributes;
}

/* Fills info from a libXfont2 FontInfoRec; the property array is allocated
 * (*props, freed by the caller), its strings live in the atom table. */
static bool
info_from(struct xp_font_info *info, struct xp_font_prop **props,
		const FontInfoRec *fi)
{
	struct xp_font_prop *p = NULL;
	size_t n = 0;

	if (fi->nprops > 0) {
		p = calloc((size_t)fi->nprops, sizeof(*p));
		if (p == NULL) {
			return false;
		}
	}
	for (int i = 0; i < fi->nprops; i++) {
		const char *name = lib_name_for_atom(fi->props[i].name);

		if (name == NULL) {
			continue;
		}
		p[n].name = name;
		if (fi->isStringProp != NULL && fi->isStringProp[i]) {
			p[n].value_is_string = true;
			p[n].string = lib_name_for_atom(fi->props[i].value);
			if (p[n].string == NULL) {
				p[n].string = "";
			}
		} else {
			p[n].value = (uint32_t)fi->props[i].value;
		}
		n++;
	}
	*info = (struct xp_font_info){
		.min_char_or_byte2 = fi->firstCol,
		.max_char_or_byte2 = fi->lastCol,
		.default_char = fi->defaultCh,
		.min_byte1 = (uint8_t)fi->firstRow,
		.max_byte1 = (uint8_t)fi->lastRow,
		.draw_direction = (uint8_t)fi->drawDirection,
		.all_chars_exist = fi->allExist,
		.font_ascent = fi->fontAscent,
		.font_descent = fi->fontDescent,
		.n_props = n,
		.props = p,
	};
	/* QueryFont and ListFontsWithInfo report the bounds of the ink */
	char_info_from(&info->min_bounds, &fi->ink_minbounds);
	char_info_from(&info->max_bounds, &fi->ink_maxbounds);
	*props = p;
	return true;
}

/* The X server's glyph format for us: bytes as they come, MSB first, rows
 * padded to a byte, the glyph's ink box (ImageRectMin) as the image. */
static const fsBitmapFormat glyph_format =
		BitmapFormatByteOrderMSB | BitmapFormatBitOrderMSB |
		BitmapFormatImageRectMin | BitmapFormatScanlinePad8 |
		BitmapFormatScanlineUnit8;
static const fsBitmapFormatMask glyph_format_mask =
		BitmapFormatMaskByte | BitmapFormatMaskBit |
		BitmapFormatMaskImageRectangle | BitmapFormatMaskScanLinePad |
		BitmapFormatMaskScanLineUnit;

/* OpenFont over the path: each element in order; an alias starts over at
 * the first element with the resolved name. Called with lib_lock held. */
static int
open_in_path(struct xp_fontdb *db, const char *name, size_t len, FontPtr *out,
		FontPathElementPtr *out_fpe)
{
	char cur[NAME_MAX_LEN + 1];
	size_t cur_len = len;

	if (len > NAME_MAX_LEN) {
		return XP_FONT_ERR_NAME;
	}
	memcpy(cur, name, len);
	cur[len] = '\0';
	for (int depth = 0; depth <= ALIAS_DEPTH_MAX; depth++) {
		bool aliased = false;

		for (size_t i = 0; i < db->n_path && !aliased; i++) {
			FontPathElementPtr fpe = db->path[i];
			FontPtr pfont = NULL;
			char *alias = NULL;
			int rc;

			rc = fpe_funcs(fpe)->open_font(NULL, fpe,
					FontLoadAll | FontOpenSync, cur,
					(int)cur_len, glyph_format,
					glyph_format_mask, 0, &pfont, &alias,
					NULL);
			if (rc == Successful && pfont != NULL) {
				if (pfont->fpe == NULL) {
					pfont->fpe = fpe;
				}
				*out = pfont;
				*out_fpe = fpe;
				return XP_FONT_OK;
			}
			if (rc == AllocError) {
				return XP_FONT_ERR_ALLOC;
			}
			if (rc == FontNameAlias && alias != NULL) {
				/* alias may point into a static buffer */
				cur_len = strnlen(alias, NAME_MAX_LEN);
				memmove(cur, alias, cur_len);
				cur[cur_len] = '\0';
				aliased = true;
			}
		}
		if (!aliased) {
			break;
		}
	}
	return XP_FONT_ERR_NAME;
}

int
xp_font_open(struct xp_fontdb *db, const char *name, size_t len,
		struct xp_font **out)
{
	FontPtr pfont;
	FontPathElementPtr fpe;
	struct xp_font *f;
	int rc;

	*out = NULL;
	if (!lib_lock_init()) {
		return XP_FONT_ERR_ALLOC;
	}
	rc = open_in_path(db, name, len, &pfont, &fpe);
	if (rc != XP_FONT_OK) {
		goto out;
	}
	struct fpe *node = container_of(fpe, struct fpe, rec);
	for (struct xp_list *l = node->fonts.next; l != &node->fonts;
			l = l->next) {
		f = container_of(l, struct xp_font, link);
		if (f->pfont == pfont) {
			f->refs++;
			*out = f;
			goto out;
		}
	}
	f = calloc(1, sizeof(*f));
	if (f == NULL || !info_from(&f->info, &f->props, &pfont->info)) {
		free(f);
		fpe_funcs(fpe)->close_font(fpe, pfont);
		rc = XP_FONT_ERR_ALLOC;
		goto out;
	}
	f->refs = 1;
	f->pfont = pfont;
	f->fpe = fpe;
	fpe->refcount++;
	/* the X server's count of users; we are the only one */
	pfont->refcnt = 1;
	xp_list_insert(&node->fonts, &f->link);
	*out = f;
out:
	lib_unlock();
	return rc;
}

struct xp_font *
xp_font_ref(struct xp_font *f)
{
	pthread_mutex_lock(&lib_lock);
	f->refs++;
	pthread_mutex_unlock(&lib_lock);
	return f;
}

void
xp_font_unref(struct xp_font *f)
{
	if (f == NULL) {
		return;
	}
	pthread_mutex_lock(&lib_lock);
	if (--f->refs > 0) {
		pthread_mutex_unlock(&lib_lock);
		return;
	}
	xp_list_remove(&f->link);
	f->pfont->refcnt = 0;
	fpe_funcs(f->fpe)->close_font(f->fpe, f->pfont);
	fpe_unref(f->fpe);
	pthread_mutex_unlock(&lib_lock);
	free(f->props);
	free(f->char_infos);
	free(f);
}

const struct xp_font_info *
xp_font_get_info(const struct xp_font *f)
{
	return &f->info;
}

/* The X server asks 16-bit text of a one-row font as a linear index and of
 * a matrix font as (row, column); both are (byte1, byte2) pairs. */
static FontEncoding
encoding_16(const FontRec *pfont)
{
	return pfont->info.lastRow == 0 ? Linear16Bit : TwoD16Bit;
}

static bool
is_nonexistent(const xCharInfo *ci)
{
	return ci == NULL ||
	       (ci->leftSideBearing == 0 && ci->rightSideBearing == 0 &&
			       ci->characterWidth == 0 && ci->ascent == 0 &&
			       ci->descent == 0);
}

/* Metrics of one char, NULL if it does not exist. lib_lock held. */
static const xCharInfo *
char_metrics(FontPtr pfont, uint16_t ch)
{
	unsigned char c2[2] = { (unsigned char)(ch >> 8), (unsigned char)ch };
	unsigned long count = 0;
	xCharInfo *ci = NULL;

	if (c2[0] < pfont->info.firstRow || c2[0] > pfont->info.lastRow ||
			c2[1] < pfont->info.firstCol ||
			c2[1] > pfont->info.lastCol) {
		return NULL;
	}
	pfont->get_metrics(pfont, 1, c2, encoding_16(pfont), &count, &ci);
	return count == 1 && !is_nonexistent(ci) ? ci : NULL;
}

size_t
xp_font_char_infos(const struct xp_font *cf, const struct xp_char_info **out)
{
	/* built lazily; the object is never defined const */
	struct xp_font *f = (struct xp_font *)cf;
	const FontInfoRec *fi = &f->pfont->info;

	pthread_mutex_lock(&lib_lock);
	if (f->char_infos == NULL) {
		size_t rows = (size_t)fi->lastRow - fi->firstRow + 1;
		size_t cols = (size_t)fi->lastCol - fi->firstCol + 1;
		struct xp_char_info *ci = calloc(rows * cols, sizeof(*ci));

		if (ci == NULL) {
			pthread_mutex_unlock(&lib_lock);
			*out = NULL;
			return 0;
		}
		for (size_t r = 0; r < rows; r++) {
			for (size_t c = 0; c < cols; c++) {
				uint16_t ch = (uint16_t)((fi->firstRow + r)
									 << 8 |
							 (fi->firstCol + c));
				const xCharInfo *m = char_metrics(f->pfont, ch);

				if (m != NULL) {
					char_info_from(&ci[r * cols + c], m);
				}
			}
		}
		f->char_infos = ci;
		f->n_char_infos = rows * cols;
	}
	pthread_mutex_unlock(&lib_lock);
	*out = f->char_infos;
	return f->n_char_infos;
}

/* lib_lock held */
static bool
glyph_locked(const struct xp_font *f, uint16_t ch, struct xp_char_info *metrics,
		const uint8_t **bits, uint32_t *stride)
{
	FontPtr pfont = f->pfont;
	unsigned char c2[2] = { (unsigned char)(ch >> 8), (unsigned char)ch };
	unsigned long count = 0;
	CharInfoPtr ci = NULL;

	/* get_glyphs substitutes the default char itself, so existence is
	 * decided by the metrics first */
	if (char_metrics(pfont, ch) == NULL) {
		return false;
	}
	pfont->get_glyphs(pfont, 1, c2, encoding_16(pfont), &count, &ci);
	if (count != 1 || ci == NULL) {
		return false;
	}
	char_info_from(metrics, &ci->metrics);
	*bits = (const uint8_t *)ci->bits;
	*stride = (uint32_t)BYTES_PER_ROW(GLYPHWIDTHPIXELS(ci), pfont->glyph);
	return true;
}

bool
xp_font_glyph(const struct xp_font *f, uint16_t ch,
		struct xp_char_info *metrics, const uint8_t **bits,
		uint32_t *stride)
{
	bool ok;

	pthread_mutex_lock(&lib_lock);
	ok = glyph_locked(f, ch, metrics, bits, stride);
	pthread_mutex_unlock(&lib_lock);
	return ok;
}

bool
xp_font_glyph_or_default(const struct xp_font *f, uint16_t ch,
		struct xp_char_info *metrics, const uint8_t **bits,
		uint32_t *stride)
{
	bool ok;

	pthread_mutex_lock(&lib_lock);
	ok = glyph_locked(f, ch, metrics, bits, stride) ||
	     glyph_locked(f, f->info.default_char, metrics, bits, stride);
	pthread_mutex_unlock(&lib_lock);
	return ok;
}

bool
xp_font_text_extents(const struct xp_font *f, const uint16_t *chars, size_t n,
		struct xp_text_extents *out)
{
	unsigned char *c2 = malloc(n > 0 ? n * 2 : 2);
	ExtentInfoRec ei = { 0 };
	Bool ok;

	memset(out, 0, sizeof(*out));
	if (c2 == NULL) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		c2[2 * i] = (unsigned char)(chars[i] >> 8);
		c2[2 * i + 1] = (unsigned char)chars[i];
	}
	pthread_mutex_lock(&lib_lock);
	ok = xfont2_query_text_extents(f->pfont, n, c2, &ei);
	pthread_mutex_unlock(&lib_lock);
	free(c2);
	if (!ok) {
		return false;
	}
	*out = (struct xp_text_extents){
		.font_ascent = (int16_t)ei.fontAscent,
		.font_descent = (int16_t)ei.fontDescent,
		.overall_ascent = (int16_t)ei.overallAscent,
		.overall_descent = (int16_t)ei.overallDescent,
		.overall_width = ei.overallWidth,
		.overall_left = ei.overallLeft,
		.overall_right = ei.overallRight,
		.draw_direction = (uint8_t)ei.drawDirection,
	};
	return true;
}

/* --- ListFonts, ListFontsWithInfo ------------------------------------------
 */

struct list_entry {
	char *name;
	size_t len;
	struct xp_font_info info;
	struct xp_font_prop *props;
};

struct list_result {
	struct list_entry *v;
	size_t n, cap;
};

static void
result_free(struct list_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		free(res->v[i].name);
		free(res->v[i].props);
	}
	free(res->v);
}

static bool
result_add(struct list_result *res, const char *name, size_t len,
		const FontInfoRec *fi)
{
	struct list_entry *e;

	if (res->n == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 64;
		struct list_entry *v = realloc(res->v, cap * sizeof(*v));

		if (v == NULL) {
			return false;
		}
		res->v = v;
		res->cap = cap;
	}
	e = &res->v[res->n];
	*e = (struct list_entry){ .name = strndup(name, len), .len = len };
	if (e->name == NULL) {
		return false;
	}
	if (fi != NULL && !info_from(&e->info, &e->props, fi)) {
		free(e->name);
		return false;
	}
	res->n++;
	return true;
}

/* Does any element of the path have a font (not a dangling alias) matching
 * pattern? An alias is listed only when it resolves. lib_lock held.
 * Returns 1, 0, or -1 if memory ran out. */
static int
name_resolves(struct xp_fontdb *db, const char *pattern, size_t len, int depth)
{
	/* a few candidates: the first real font decides */
	const int max = 16;
	int found = 0;

	if (depth > ALIAS_DEPTH_MAX) {
		return 0;
	}
	for (size_t i = 0; i < db->n_path && found == 0; i++) {
		FontPathElementPtr fpe = db->path[i];
		const xfont2_fpe_funcs_rec *fn = fpe_funcs(fpe);
		void *priv = NULL;
		int rc;

		if (fn->start_list_fonts_and_aliases == NULL) {
			FontNamesPtr names = xfont2_make_font_names_record(max);

			if (names == NULL) {
				return -1;
			}
			rc = fn->list_fonts(NULL, fpe, pattern, (int)len, max,
					names);
			if (rc == AllocError) {
				found = -1;
			} else if (rc == Successful && names->nnames > 0) {
				found = 1;
			}
			xfont2_free_font_names(names);
			continue;
		}
		rc = fn->start_list_fonts_and_aliases(
				NULL, fpe, pattern, (int)len, max, &priv);
		if (rc == AllocError) {
			return -1;
		}
		if (rc != Successful) {
			continue;
		}
		/* run to the end: that frees libXfont2's iterator */
		for (;;) {
			char *name, *resolved = NULL;
			int name_len, resolved_len = 0;

			rc = fn->list_next_font_or_alias(NULL, fpe, &name,
					&name_len, &resolved, &resolved_len,
					priv);
			if (rc == Successful) {
				found = found ? found : 1;
			} else if (rc == FontNameAlias) {
				if (found == 0 && resolved != NULL) {
					found = name_resolves(db, resolved,
							(size_t)resolved_len,
							depth + 1);
				}
			} else {
				break;
			}
		}
	}
	return found;
}

/* lib_lock held */
static int
list_names(struct xp_fontdb *db, const char *pattern, size_t len,
		uint16_t max_names, struct list_result *res)
{
	for (size_t i = 0; i < db->n_path && res->n < max_names; i++) {
		FontPathElementPtr fpe = db->path[i];
		const xfont2_fpe_funcs_rec *fn = fpe_funcs(fpe);
		/* each element lists at most what is still missing */
		int max = (int)(max_names - res->n);
		void *priv = NULL;
		bool failed = false;
		int rc;

		if (fn->start_list_fonts_and_aliases == NULL) {
			FontNamesPtr names = xfont2_make_font_names_record(max);

			if (names == NULL) {
				return XP_FONT_ERR_ALLOC;
			}
			rc = fn->list_fonts(NULL, fpe, pattern, (int)len, max,
					names);
			for (int j = 0; rc == Successful && j < names->nnames;
					j++) {
				if (!result_add(res, names->names[j],
						    (size_t)abs(names->length[j]),
						    NULL)) {
					rc = AllocError;
				}
			}
			xfont2_free_font_names(names);
			if (rc == AllocError) {
				return XP_FONT_ERR_ALLOC;
			}
			continue;
		}
		rc = fn->start_list_fonts_and_aliases(
				NULL, fpe, pattern, (int)len, max, &priv);
		if (rc == AllocError) {
			return XP_FONT_ERR_ALLOC;
		}
		if (rc != Successful) {
			continue;
		}
		for (;;) {
			char *name, *resolved = NULL;
			int name_len, resolved_len = 0, ok = 1;

			rc = fn->list_next_font_or_alias(NULL, fpe, &name,
					&name_len, &resolved, &resolved_len,
					priv);
			if (rc != Successful && rc != FontNameAlias) {
				break;
			}
			if (failed) {
				continue;
			}
			/* ListFonts leaves out aliases that lead nowhere */
			if (rc == FontNameAlias) {
				ok = resolved == NULL
						     ? 0
						     : name_resolves(db,
								       resolved,
								       (size_t)resolved_len,
								       1);
			}
			if (ok < 0 || (ok > 0 && !result_add(res, name,
								 (size_t)name_len,
								 NULL))) {
				failed = true;
			}
		}
		if (failed) {
			return XP_FONT_ERR_ALLOC;
		}
	}
	return XP_FONT_OK;
}

int
xp_fontdb_list(struct xp_fontdb *db, const char *pattern, size_t len,
		uint16_t max_names,
		void (*fn)(void *data, const char *name, size_t len),
		void *data)
{
	struct list_result res = { 0 };
	int rc;

	if (!lib_lock_init()) {
		return XP_FONT_ERR_ALLOC;
	}
	rc = list_names(db, pattern, len, max_names, &res);
	lib_unlock();
	for (size_t i = 0; rc == XP_FONT_OK && i < res.n; i++) {
		fn(data, res.v[i].name, res.v[i].len);
	}
	result_free(&res);
	return rc;
}

/* The info of the first font matching pattern, following aliases, added to
 * res under report_name. Returns 1 if found, 0 if not, -1 on OOM.
 * lib_lock held. */
static int lfwi_element(struct xp_fontdb *db, FontPathElementPtr fpe,
		const char *pattern, size_t len, int max, const char *report,
		size_t report_len, int depth, struct list_result *res);

static int
lfwi_resolve(struct xp_fontdb *db, const char *pattern, size_t len,
		const char *report, size_t report_len, int depth,
		struct list_result *res)
{
	int found = 0;

	if (depth > ALIAS_DEPTH_MAX) {
		return 0;
	}
	for (size_t i = 0; i < db->n_path && found == 0; i++) {
		found = lfwi_element(db, db->path[i], pattern, len, 1, report,
				report_len, depth, res);
	}
	return found;
}

/* Lists one element with info: every match (at most max) is added, under
 * report if given (an alias being resolved), else under its own name. An
 * alias is reported under its target's name, as Xvfb does. Returns the
 * number added, or -1 on OOM. For a FreeType (Type1, TrueType) font that is
 * not open, libXfont2 2.0.6 leaks 96 bytes here, in Xvfb too. */
static int
lfwi_element(struct xp_fontdb *db, FontPathElementPtr fpe, const char *pattern,
		size_t len, int max, const char *report, size_t report_len,
		int depth, struct list_result *res)
{
	const xfont2_fpe_funcs_rec *fn = fpe_funcs(fpe);
	void *priv = NULL;
	int added = 0, rc;
	bool failed = false;

	rc = fn->start_list_fonts_with_info(
			NULL, fpe, pattern, (int)len, max, &priv);
	if (rc == AllocError) {
		return -1;
	}
	if (rc != Successful) {
		return 0;
	}
	for (;;) {
		FontInfoRec tmp = { 0 };
		FontInfoPtr fi = &tmp;
		char *name = NULL;
		int name_len = 0, remaining = 0;

		rc = fn->list_next_font_with_info(NULL, fpe, &name, &name_len,
				&fi, &remaining, priv);
		if (rc == Successful && !failed) {
			if (report != NULL) {
				failed = !result_add(
						res, report, report_len, fi);
			} else {
				failed = !result_add(res, name,
						(size_t)name_len, fi);
			}
			added += !failed;
		} else if (rc == FontNameAlias && !failed && name != NULL) {
			/* name is the alias' target, maybe in a static
			 * buffer of libXfont2's: copy before going on */
			char *target = strndup(name, (size_t)name_len);
			int found;

			if (target == NULL) {
				failed = true;
			} else {
				const char *r = report ? report : target;
				size_t r_len = report ? report_len
						      : (size_t)name_len;

				found = lfwi_resolve(db, target,
						(size_t)name_len, r, r_len,
						depth + 1, res);
				failed = found < 0;
				added += found > 0;
				free(target);
			}
		} else if (rc != Successful && rc != FontNameAlias &&
				rc != AllocError) {
			/* BadFontName ends the list and frees the iterator;
			 * AllocError marks a name that did not load */
			break;
		}
		if (fi == &tmp) {
			free(tmp.props);
			free(tmp.isStringProp);
		}
	}
	return failed ? -1 : added;
}

int
xp_fontdb_list_with_info(struct xp_fontdb *db, const char *pattern, size_t len,
		uint16_t max_names,
		void (*fn)(void *data, const char *name, size_t len,
				const struct xp_font_info *info),
		void *data)
{
	struct list_result res = { 0 };
	int rc = XP_FONT_OK;

	if (!lib_lock_init()) {
		return XP_FONT_ERR_ALLOC;
	}
	for (size_t i = 0; i < db->n_path && res.n < max_names; i++) {
		if (lfwi_element(db, db->path[i], pattern, len,
				    (int)(max_names - res.n), NULL, 0, 0,
				    &res) < 0) {
			rc = XP_FONT_ERR_ALLOC;
			break;
		}
	}
	lib_unlock();
	for (size_t i = 0; rc == XP_FONT_OK && i < res.n && i < max_names;
			i++) {
		fn(data, res.v[i].name, res.v[i].len, &res.v[i].info);
	}
	result_free(&res);
	return rc;
}
