/* A tiny test harness. Each test binary includes this header once with
 * HARNESS_MAIN defined; TEST() bodies register themselves and main() runs
 * them in order (or those named on the command line), then prints the line
 * "<binary>: N passed, N failed" that tests/run.sh adds up.
 *
 * A test may call SKIP("why") when a requirement of the machine is missing;
 * skips are reported, never counted as passes. */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct harness_test {
	const char *name;
	void (*fn)(void);
	struct harness_test *next;
};

void harness_register(struct harness_test *t);
void harness_fail(const char *file, int line, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
void harness_skip(const char *why);
extern int harness_current_failed;
extern int harness_current_skipped;

#define TEST(name)                                                             \
	static void test_##name(void);                                         \
	static struct harness_test harness_t_##name = { #name, test_##name,    \
		NULL };                                                        \
	__attribute__((constructor)) static void harness_reg_##name(void)      \
	{                                                                      \
		harness_register(&harness_t_##name);                           \
	}                                                                      \
	static void test_##name(void)

#define CHECK(expr)                                                            \
	do {                                                                   \
		if (!(expr)) {                                                 \
			harness_fail(__FILE__, __LINE__, "CHECK(%s)", #expr);  \
		}                                                              \
	} while (0)

#define CHECK_EQ(a, b)                                                         \
	do {                                                                   \
		long long harness_a = (long long)(a);                          \
		long long harness_b = (long long)(b);                          \
		if (harness_a != harness_b) {                                  \
			harness_fail(__FILE__, __LINE__,                       \
					"CHECK_EQ(%s, %s): %lld != %lld", #a,  \
					#b, harness_a, harness_b);             \
		}                                                              \
	} while (0)

/* Stops the current test when a check failed (for checks later ones need). */
#define REQUIRE(expr)                                                          \
	do {                                                                   \
		if (!(expr)) {                                                 \
			harness_fail(__FILE__, __LINE__, "REQUIRE(%s)",        \
					#expr);                                \
			return;                                                \
		}                                                              \
	} while (0)

#define SKIP(why)                                                              \
	do {                                                                   \
		harness_skip(why);                                             \
		return;                                                        \
	} while (0)

#ifdef HARNESS_MAIN
#include <stdarg.h>

static struct harness_test *harness_head, **harness_tail = &harness_head;
int harness_current_failed;
int harness_current_skipped;

void
harness_register(struct harness_test *t)
{
	*harness_tail = t;
	harness_tail = &t->next;
}

void
harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	harness_current_failed++;
}

void
harness_skip(const char *why)
{
	fprintf(stderr, "    skipped: %s\n", why);
	harness_current_skipped = 1;
}

static bool
harness_selected(const char *name, int argc, char **argv)
{
	if (argc < 2) {
		return true;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], name) == 0) {
			return true;
		}
	}
	return false;
}

int
main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0;
	const char *prog = strrchr(argv[0], '/');

	prog = prog != NULL ? prog + 1 : argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct harness_test *t = harness_head; t != NULL; t = t->next) {
		if (!harness_selected(t->name, argc, argv)) {
			continue;
		}
		harness_current_failed = 0;
		harness_current_skipped = 0;
		t->fn();
		if (harness_current_failed > 0) {
			printf("FAIL %s.%s\n", prog, t->name);
			failed++;
		} else if (harness_current_skipped) {
			printf("SKIP %s.%s\n", prog, t->name);
			skipped++;
		} else {
			printf("ok   %s.%s\n", prog, t->name);
			passed++;
		}
	}
	printf("%s: %d passed, %d failed, %d skipped\n", prog, passed, failed,
			skipped);
	return failed > 0 ? 1 : 0;
}
#endif
#endif
