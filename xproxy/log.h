/* Logging to stderr with a "winexport:" prefix. The level comes from
 * WINEXPORT_DEBUG (unset: warnings, 1: debug, trace: one line a request). */
#ifndef XPROXY_LOG_H
#define XPROXY_LOG_H

enum xp_log_level {
	XP_LOG_ERROR,
	XP_LOG_WARN,
	XP_LOG_INFO,
	XP_LOG_DEBUG,
	XP_LOG_TRACE,
};

void xp_log_init_from_env(void);
int xp_log_enabled(enum xp_log_level level);
void xp_log(enum xp_log_level level, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));

#endif
