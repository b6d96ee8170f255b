#include "xproxy/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one mutable global besides the session: read once, before threads. */
static enum xp_log_level log_level = XP_LOG_WARN;

void
xp_log_init_from_env(void)
{
	const char *env = getenv("WINEXPORT_DEBUG");

	if (env == NULL || *env == '\0' || strcmp(env, "0") == 0) {
		return;
	}
	log_level = strcmp(env, "trace") == 0 ? XP_LOG_TRACE : XP_LOG_DEBUG;
}

int
xp_log_enabled(enum xp_log_level level)
{
	return level <= log_level;
}

void
xp_log(enum xp_log_level level, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	if (level > log_level) {
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0) {
		return;
	}
	/* One write keeps lines from several threads whole. */
	fprintf(stderr, "winexport: %s\n", line);
}
