/* ppmdiff: compares two binary PPMs pixel by pixel.
 *
 *   ppmdiff A.ppm B.ppm [DIFF.ppm]
 *
 * Exit 0 when identical; otherwise prints the number of differing pixels,
 * their bounding box and the first few, writes DIFF.ppm (differences in red
 * over a dimmed A) if asked, and exits 1. Exit 2 on unreadable input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ppm {
	int w, h;
	unsigned char *rgb;
};

static int
load(const char *path, struct ppm *p)
{
	FILE *f = fopen(path, "rb");
	int max;

	if (f == NULL || fscanf(f, "P6 %d %d %d", &p->w, &p->h, &max) != 3 ||
			max != 255 || fgetc(f) == EOF || p->w <= 0 ||
			p->h <= 0) {
		fprintf(stderr, "ppmdiff: %s: not a binary PPM\n", path);
		return -1;
	}
	size_t n = (size_t)p->w * p->h * 3;
	p->rgb = malloc(n);
	if (p->rgb == NULL || fread(p->rgb, 1, n, f) != n) {
		fprintf(stderr, "ppmdiff: %s: short file\n", path);
		return -1;
	}
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct ppm a, b;

	if (argc < 3) {
		fprintf(stderr, "usage: ppmdiff A.ppm B.ppm [DIFF.ppm]\n");
		return 2;
	}
	if (load(argv[1], &a) != 0 || load(argv[2], &b) != 0) {
		return 2;
	}
	if (a.w != b.w || a.h != b.h) {
		printf("sizes differ: %dx%d and %dx%d\n", a.w, a.h, b.w, b.h);
		return 1;
	}
	long n = 0;
	int x1 = a.w, y1 = a.h, x2 = -1, y2 = -1;
	for (int y = 0; y < a.h; y++) {
		for (int x = 0; x < a.w; x++) {
			const unsigned char *pa =
					a.rgb + ((size_t)y * a.w + x) * 3;
			const unsigned char *pb =
					b.rgb + ((size_t)y * a.w + x) * 3;
			if (memcmp(pa, pb, 3) == 0) {
				continue;
			}
			if (n < 5) {
				printf("at %d,%d: %02x%02x%02x vs "
				       "%02x%02x%02x\n",
						x, y, pa[0], pa[1], pa[2],
						pb[0], pb[1], pb[2]);
			}
			n++;
			x1 = x < x1 ? x : x1;
			y1 = y < y1 ? y : y1;
			x2 = x > x2 ? x : x2;
			y2 = y > y2 ? y : y2;
		}
	}
	if (n == 0) {
		return 0;
	}
	printf("%ld pixels differ in %d,%d-%d,%d (%dx%d)\n", n, x1, y1, x2, y2,
			x2 - x1 + 1, y2 - y1 + 1);
	if (argc > 3) {
		FILE *f = fopen(argv[3], "wb");
		if (f != NULL) {
			fprintf(f, "P6\n%d %d\n255\n", a.w, a.h);
			for (size_t i = 0; i < (size_t)a.w * a.h; i++) {
				unsigned char px[3];
				const unsigned char *pa = a.rgb + i * 3;
				if (memcmp(pa, b.rgb + i * 3, 3) != 0) {
					px[0] = 255, px[1] = 0, px[2] = 0;
				} else {
					for (int k = 0; k < 3; k++) {
						px[k] = (unsigned char)(128 +
									pa[k] / 2);
					}
				}
				fwrite(px, 1, 3, f);
			}
			fclose(f);
		}
	}
	return 1;
}
