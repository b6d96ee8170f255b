/* ppmcmp: compares two binary PPMs exactly, size and every pixel.
 *
 *   ppmcmp [-n N] [-o DIFF.ppm] A.ppm B.ppm
 *
 * Prints the number of differing pixels, their bounding box and the first N
 * (default 10) of them with both values. With -o, writes a diff image: equal
 * pixels as a faint grey copy of A, differing ones red. Exit status 0 if
 * identical, 1 if not, 2 on error. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ppm {
	int width, height;
	unsigned char *rgb;
};

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("ppmcmp: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* The next header number, skipping whitespace and # comments. */
static int
header_number(FILE *f, const char *path)
{
	int c, v = 0, digits = 0;

	while ((c = getc(f)) != EOF) {
		if (c == '#') {
			while ((c = getc(f)) != EOF && c != '\n') {
			}
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			break;
		}
	}
	while (c >= '0' && c <= '9') {
		if (v > 1000000) {
			die("%s: header number too large", path);
		}
		v = v * 10 + (c - '0');
		digits++;
		c = getc(f);
	}
	if (digits == 0) {
		die("%s: bad PPM header", path);
	}
	/* c is the single whitespace byte after the number */
	return v;
}

static void
read_ppm(const char *path, struct ppm *p)
{
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		die("%s: %s", path, strerror(errno));
	}
	if (getc(f) != 'P' || getc(f) != '6') {
		die("%s: not a binary PPM (P6)", path);
	}
	p->width = header_number(f, path);
	p->height = header_number(f, path);
	int max = header_number(f, path);
	if (max != 255) {
		die("%s: maxval %d, only 255 is handled", path, max);
	}
	size_t n = (size_t)p->width * p->height * 3;
	p->rgb = malloc(n ? n : 1);
	if (p->rgb == NULL) {
		die("out of memory");
	}
	if (fread(p->rgb, 1, n, f) != n) {
		die("%s: truncated pixel data", path);
	}
	fclose(f);
}

int
main(int argc, char **argv)
{
	const char *diff_path = NULL;
	long show = 10;
	int i = 1;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "-o") == 0) {
			diff_path = argv[i + 1];
		} else if (strcmp(argv[i], "-n") == 0) {
			show = strtol(argv[i + 1], NULL, 10);
		} else {
			break;
		}
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: ppmcmp [-n N] [-o DIFF.ppm] A.ppm "
				"B.ppm\n");
		return 2;
	}
	struct ppm a, b;
	read_ppm(argv[i], &a);
	read_ppm(argv[i + 1], &b);
	if (a.width != b.width || a.height != b.height) {
		printf("sizes differ: %dx%d vs %dx%d\n", a.width, a.height,
				b.width, b.height);
		return 1;
	}

	long count = 0;
	int x1 = a.width, y1 = a.height, x2 = -1, y2 = -1;
	unsigned char *diff = NULL;
	size_t n = (size_t)a.width * a.height * 3;
	if (diff_path != NULL && (diff = malloc(n ? n : 1)) == NULL) {
		die("out of memory");
	}
	for (int y = 0; y < a.height; y++) {
		for (int x = 0; x < a.width; x++) {
			size_t o = ((size_t)y * a.width + x) * 3;
			const unsigned char *pa = a.rgb + o, *pb = b.rgb + o;
			int same = memcmp(pa, pb, 3) == 0;
			if (diff != NULL) {
				int grey = (pa[0] + pa[1] + pa[2]) / 3;
				diff[o] = same ? (unsigned char)(192 + grey / 4)
					       : 255;
				diff[o + 1] = same ? diff[o] : 0;
				diff[o + 2] = same ? diff[o] : 0;
			}
			if (same) {
				continue;
			}
			count++;
			x1 = x < x1 ? x : x1;
			y1 = y < y1 ? y : y1;
			x2 = x > x2 ? x : x2;
			y2 = y > y2 ? y : y2;
		}
	}
	if (diff != NULL) {
		FILE *f = fopen(diff_path, "wb");
		if (f == NULL) {
			die("%s: %s", diff_path, strerror(errno));
		}
		fprintf(f, "P6\n%d %d\n255\n", a.width, a.height);
		fwrite(diff, 1, n, f);
		if (fclose(f) != 0) {
			die("%s: %s", diff_path, strerror(errno));
		}
		free(diff);
	}
	if (count == 0) {
		printf("identical: %dx%d\n", a.width, a.height);
		return 0;
	}
	printf("%ld of %ld pixels differ, in %d,%d-%d,%d (%dx%d)\n", count,
			(long)a.width * a.height, x1, y1, x2, y2, x2 - x1 + 1,
			y2 - y1 + 1);
	/* a second pass: the summary comes first */
	for (long k = 0, o = 0; k < show && o < (long)n; o += 3) {
		const unsigned char *pa = a.rgb + o, *pb = b.rgb + o;
		if (memcmp(pa, pb, 3) != 0) {
			printf("  %ld,%ld: %02x%02x%02x vs %02x%02x%02x\n",
					o / 3 % a.width, o / 3 / a.width, pa[0],
					pa[1], pa[2], pb[0], pb[1], pb[2]);
			k++;
		}
	}
	free(a.rgb);
	free(b.rgb);
	return 1;
}
