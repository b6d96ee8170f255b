/* winexport: runs one X11 application served over VNC, with no X server.
 *
 *   winexport [options] [--] COMMAND [ARGS...]
 *
 * It binds the VNC socket itself, so that a taken port fails here, before
 * the application starts; then it sets LD_PRELOAD, DISPLAY and WINEXPORT_*
 * and execs the command, whose exit status becomes ours. Everything it does
 * can be done with the environment variables alone (see winexport.1). */
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define VERSION "0.1"

static const char usage_text[] =
		"usage: winexport [options] [--] COMMAND [ARGS...]\n"
		"Runs an X11 application with no X server and serves its "
		"windows "
		"over VNC.\n"
		"\n"
		"  --port N              VNC port (default 5900; 0 picks a "
		"free "
		"port)\n"
		"  --listen ADDR         address to listen on (default "
		"127.0.0.1)\n"
		"  --geometry WxH        size of the X screen (default "
		"1920x1080)\n"
		"  --dpi N               resolution reported to the "
		"application "
		"(default 96)\n"
		"  --keymap LAYOUT[,VARIANT]  keyboard layout (default us)\n"
		"  --help                show this help\n"
		"  --version             show the version\n";

struct options {
	const char *port, *listen, *geometry, *dpi, *keymap;
};

static void
bad_usage(const char *fmt, const char *arg)
{
	fputs("winexport: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'winexport --help' for more information.\n", stderr);
	exit(2);
}

static bool
parse_long(const char *s, long min, long max, long *out)
{
	char *end;

	if (*s == '\0') {
		return false;
	}
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min && *out <= max;
}

static bool
valid_geometry(const char *s)
{
	char w[16];
	const char *x = strchr(s, 'x');
	long v;

	if (x == NULL || x - s >= (long)sizeof(w)) {
		return false;
	}
	memcpy(w, s, x - s);
	w[x - s] = '\0';
	return parse_long(w, 1, 32767, &v) && parse_long(x + 1, 1, 32767, &v);
}

/* Returns the index of COMMAND in argv. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct {
		const char *name;
		size_t offset;
	} valued[] = {
		{ "--port", offsetof(struct options, port) },
		{ "--listen", offsetof(struct options, listen) },
		{ "--geometry", offsetof(struct options, geometry) },
		{ "--dpi", offsetof(struct options, dpi) },
		{ "--keymap", offsetof(struct options, keymap) },
	};
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			break;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			exit(0);
		}
		if (strcmp(a, "--version") == 0) {
			puts("winexport " VERSION);
			exit(0);
		}
		size_t k;
		for (k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
			size_t n = strlen(valued[k].name);
			const char *value;
			if (strncmp(a, valued[k].name, n) != 0) {
				continue;
			}
			if (a[n] == '=') {
				value = a + n + 1;
			} else if (a[n] == '\0') {
				if (i + 1 >= argc) {
					bad_usage("option '%s' needs a value",
							a);
				}
				value = argv[++i];
			} else {
				continue;
			}
			*(const char **)((char *)o + valued[k].offset) = value;
			break;
		}
		if (k == sizeof(valued) / sizeof(valued[0])) {
			bad_usage("unknown option '%s'", a);
		}
	}
	if (i >= argc) {
		bad_usage("%s", "no command given");
	}

	long v;
	if (!parse_long(o->port, 0, 65535, &v)) {
		bad_usage("invalid port '%s' (expected 0-65535)", o->port);
	}
	if (*o->listen == '\0') {
		bad_usage("invalid listen address '%s'", o->listen);
	}
	if (o->geometry != NULL && !valid_geometry(o->geometry)) {
		bad_usage("invalid geometry '%s' (expected WxH, e.g. "
			  "1280x1024)",
				o->geometry);
	}
	if (o->dpi != NULL && !parse_long(o->dpi, 1, 10000, &v)) {
		bad_usage("invalid dpi '%s' (expected a positive number)",
				o->dpi);
	}
	if (o->keymap != NULL &&
			(o->keymap[0] == '\0' || o->keymap[0] == ',')) {
		bad_usage("invalid keymap '%s' (expected LAYOUT[,VARIANT])",
				o->keymap);
	}
	return i;
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* libwinexport.so: $WINEXPORT_LIBRARY, else next to our own binary, in the
 * source tree (contrib/../build) or installed (bin/../lib/winexport). */
static void
find_library(char *out, size_t size)
{
	static const char *const relative[] = {
		"../build/libwinexport.so",
		"../lib/winexport/libwinexport.so",
	};
	const char *env = getenv("WINEXPORT_LIBRARY");
	char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n;

	if (env != NULL && *env != '\0') {
		if (!is_file(env) || realpath(env, out) == NULL) {
			fprintf(stderr, "winexport: WINEXPORT_LIBRARY=%s: %s\n",
					env, strerror(errno ? errno : ENOENT));
			exit(1);
		}
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		fprintf(stderr,
				"winexport: cannot find libwinexport.so: "
				"/proc/self/exe: %s (set WINEXPORT_LIBRARY)\n",
				strerror(errno));
		exit(1);
	}
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	for (size_t i = 0; i < sizeof(relative) / sizeof(relative[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", exe, relative[i]);
		if (is_file(path) && realpath(path, out) != NULL) {
			return;
		}
	}
	(void)size;
	fprintf(stderr,
			"winexport: cannot find libwinexport.so (looked in "
			"%s/%s and %s/%s; run make, or set "
			"WINEXPORT_LIBRARY)\n",
			exe, relative[0], exe, relative[1]);
	exit(1);
}

static bool
command_exists(const char *cmd)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(cmd, '/') != NULL) {
		return is_file(cmd) && access(cmd, X_OK) == 0;
	}
	if (path == NULL) {
		path = "/usr/local/bin:/usr/bin:/bin";
	}
	while (*path != '\0') {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len,
				len ? path : ".", cmd);
		if (len == 0) {
			snprintf(buf, sizeof(buf), "./%s", cmd);
		}
		if (is_file(buf) && access(buf, X_OK) == 0) {
			return true;
		}
		path += len + (colon != NULL);
	}
	return false;
}

/* The VNC socket, left open across exec for the session to adopt. */
static int
listen_vnc(const char *host, const char *port, int *actual)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICSERV,
	};
	struct addrinfo *res, *ai;
	int fd = -1, err = EADDRNOTAVAIL, rc;

	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		fprintf(stderr, "winexport: cannot listen on %s:%s: %s\n", host,
				port, gai_strerror(rc));
		exit(1);
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		int one = 1;
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
				     ai->ai_protocol)) < 0) {
			err = errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
				listen(fd, 16) != 0) {
			err = errno;
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0) {
		fprintf(stderr, "winexport: cannot listen on %s:%s: %s\n", host,
				port, strerror(err));
		exit(1);
	}

	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &len);
	*actual = ss.ss_family == AF_INET6
				  ? ntohs(((struct sockaddr_in6 *)&ss)
								    ->sin6_port)
				  : ntohs(((struct sockaddr_in *)&ss)
								    ->sin_port);
	return fd;
}

/* Ours goes first, except after a sanitizer runtime, which must lead. */
static const char *
preload_list(char *buf, size_t size, const char *library)
{
	const char *old = getenv("LD_PRELOAD");
	size_t first;

	if (old == NULL || *old == '\0') {
		return library;
	}
	first = strcspn(old, ": ");
	const char *base = old;
	for (size_t i = 0; i < first; i++) {
		base = old[i] == '/' ? old + i + 1 : base;
	}
	if (strncmp(base, "libasan", 7) == 0 ||
			strncmp(base, "libclang_rt.asan", 16) == 0) {
		snprintf(buf, size, "%.*s:%s%s", (int)first, old, library,
				old + first);
	} else {
		snprintf(buf, size, "%s:%s", library, old);
	}
	return buf;
}

static void
set(const char *name, const char *value)
{
	if (setenv(name, value, 1) != 0) {
		fprintf(stderr, "winexport: setenv %s: %s\n", name,
				strerror(errno));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct options o = {
		.port = getenv("WINEXPORT_PORT") ? getenv("WINEXPORT_PORT")
						 : "5900",
		.listen = getenv("WINEXPORT_LISTEN")
					  ? getenv("WINEXPORT_LISTEN")
					  : "127.0.0.1",
	};
	char library[PATH_MAX], buf[PATH_MAX + 4096];
	int first = parse_options(argc, argv, &o), port, fd;
	const char *cmd = argv[first];

	find_library(library, sizeof(library));
	if (!command_exists(cmd)) {
		fprintf(stderr, "winexport: %s: command not found\n", cmd);
		return 127;
	}
	fd = listen_vnc(o.listen, o.port, &port);

	set("LD_PRELOAD", preload_list(buf, sizeof(buf), library));
	snprintf(buf, sizeof(buf), "%d", fd);
	set("WINEXPORT_LISTEN_FD", buf);
	snprintf(buf, sizeof(buf), "%d", port);
	set("WINEXPORT_PORT", buf);
	set("WINEXPORT_LISTEN", o.listen);
	if (o.geometry != NULL) {
		set("WINEXPORT_GEOMETRY", o.geometry);
	}
	if (o.dpi != NULL) {
		set("WINEXPORT_DPI", o.dpi);
	}
	if (o.keymap != NULL) {
		set("WINEXPORT_KEYMAP", o.keymap);
	}
	/* A fresh display: never join a session we were started from. */
	unsetenv("WINEXPORT_SOCKET");
	set("DISPLAY", ":0");

	const char *name = strrchr(cmd, '/') ? strrchr(cmd, '/') + 1 : cmd;
	fprintf(stderr,
			strchr(o.listen, ':')
					? "winexport: %s on vnc://[%s]:%d\n"
					: "winexport: %s on vnc://%s:%d\n",
			name, o.listen, port);
	execvp(cmd, argv + first);
	fprintf(stderr, "winexport: %s: %s\n", cmd, strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
