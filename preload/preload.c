/* The shim: interposes connect() and turns the app's X11 connection into
 * one end of a socketpair whose other end goes to the in-process server
 * (rfb/vnc.h). It recognises the display's socket by address only: the
 * abstract @/tmp/.X11-unix/X<n> and the path /tmp/.X11-unix/X<n> (libxcb
 * and Xlib try both, for any n), and TCP port 6000+n on DISPLAY's host.
 *
 * A process tree shares one display: the first process to connect binds the
 * abstract socket named in WINEXPORT_SOCKET (set here, inherited by
 * children) and serves; the others, forked or exec'd, connect to it.
 *
 * No allocation in connect(), no exit, no signals: we are a guest. */
#define _GNU_SOURCE
#include "rfb/vnc.h"

#include <pthread.h>

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define X_SOCKET_DIR "/tmp/.X11-unix/X"
#define X_TCP_PORT 6000

typedef int (*connect_fn)(int, const struct sockaddr *, socklen_t);

enum host_kind { HOST_LOCAL, HOST_V4, HOST_V6, HOST_NAME };

/* Process state, written by the constructor before any thread exists,
 * except real_connect (idempotent) and serving_pid. */
static _Atomic(connect_fn) real_connect;
static atomic_int serving_pid; /* the pid that started the session */
static int display_number = -1;
static enum host_kind display_host = HOST_LOCAL;
static struct in_addr display_v4;
static struct in6_addr display_v6;
static char socket_name[sizeof(((struct sockaddr_un *)0)->sun_path) - 1];

static connect_fn
next_connect(void)
{
	connect_fn fn = atomic_load(&real_connect);

	if (fn == NULL) {
		fn = (connect_fn)dlsym(RTLD_NEXT, "connect");
		atomic_store(&real_connect, fn);
	}
	return fn;
}

/* DISPLAY is [proto/]host:n[.screen]; only n and host matter for TCP. */
static void
parse_display(const char *d)
{
	char host[64];
	const char *colon = strrchr(d, ':'), *slash;
	size_t len;

	if (colon == NULL || colon[1] < '0' || colon[1] > '9') {
		return;
	}
	display_number = atoi(colon + 1);
	if ((slash = memchr(d, '/', colon - d)) != NULL) {
		d = slash + 1;
	}
	len = colon - d;
	if (len > 0 && d[0] == '[' && d[len - 1] == ']') {
		d++;
		len -= 2;
	} else if (len > 0 && d[len - 1] == ':') {
		len--; /* DECnet's "host::n" */
	}
	if (len >= sizeof(host)) {
		display_host = HOST_NAME;
		return;
	}
	memcpy(host, d, len);
	host[len] = '\0';
	if (len == 0 || strcmp(host, "unix") == 0 ||
			strcmp(host, "localhost") == 0) {
		display_host = HOST_LOCAL;
	} else if (inet_pton(AF_INET, host, &display_v4) == 1) {
		display_host = HOST_V4;
	} else if (inet_pton(AF_INET6, host, &display_v6) == 1) {
		display_host = HOST_V6;
	} else {
		/* Resolving would cost every process a lookup; the app has
		 * just resolved it to whatever it connects to. */
		display_host = HOST_NAME;
	}
}

__attribute__((constructor)) static void
preload_init(void)
{
	const char *name = getenv("WINEXPORT_SOCKET");
	const char *display = getenv("DISPLAY");

	if (name == NULL) {
		unsigned long long r = 0;
		struct timespec ts;
		if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r)) {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			r = (unsigned long long)ts.tv_nsec * 2654435761u ^
			    (unsigned long long)ts.tv_sec;
		}
		snprintf(socket_name, sizeof(socket_name),
				"winexport-%ld-%016llx", (long)getpid(), r);
		setenv("WINEXPORT_SOCKET", socket_name, 0);
	} else if (strlen(name) < sizeof(socket_name)) {
		memcpy(socket_name, name, strlen(name) + 1);
	}
	if (display == NULL) {
		/* Nominal: whatever the display, the app reaches us. */
		setenv("DISPLAY", ":0", 0);
		display = ":0";
	}
	parse_display(display);
}

static bool
is_x_socket_name(const char *name, size_t len)
{
	size_t prefix = sizeof(X_SOCKET_DIR) - 1;

	if (len <= prefix || memcmp(name, X_SOCKET_DIR, prefix) != 0) {
		return false;
	}
	for (size_t i = prefix; i < len; i++) {
		if (name[i] < '0' || name[i] > '9') {
			return false;
		}
	}
	return true;
}

static bool
is_x_address(const struct sockaddr *addr, socklen_t len)
{
	if (addr == NULL || len < sizeof(sa_family_t)) {
		return false;
	}
	if (addr->sa_family == AF_UNIX) {
		const struct sockaddr_un *un = (const void *)addr;
		size_t off = offsetof(struct sockaddr_un, sun_path);
		if (len <= off) {
			return false;
		}
		size_t n = len - off;
		if (un->sun_path[0] == '\0') {
			return is_x_socket_name(un->sun_path + 1, n - 1);
		}
		return is_x_socket_name(un->sun_path, strnlen(un->sun_path, n));
	}
	if (display_number < 0 || display_number > 65535 - X_TCP_PORT) {
		return false;
	}
	in_port_t port = htons(X_TCP_PORT + display_number);
	if (addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)addr;
		uint32_t a = ntohl(in->sin_addr.s_addr);
		return in->sin_port == port &&
		       (display_host == HOST_NAME ||
				       (display_host == HOST_LOCAL &&
						       (a >> 24) == 127) ||
				       (display_host == HOST_V4 &&
						       in->sin_addr.s_addr ==
								       display_v4.s_addr));
	}
	if (addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)addr;
		return in6->sin6_port == port &&
		       (display_host == HOST_NAME ||
				       (display_host == HOST_LOCAL &&
						       IN6_IS_ADDR_LOOPBACK(
								       &in6->sin6_addr)) ||
				       (display_host == HOST_V6 &&
						       IN6_ARE_ADDR_EQUAL(
								       &in6->sin6_addr,
								       &display_v6)));
	}
	return false;
}

/* Puts ours in place of the app's socket fd, keeping the app's O_NONBLOCK
 * and FD_CLOEXEC. Closes ours. */
static int
adopt(int fd, int ours)
{
	int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD);

	if (fl < 0 || fdfl < 0 ||
			fcntl(ours, F_SETFL,
					(fcntl(ours, F_GETFL) & ~O_NONBLOCK) |
							(fl & O_NONBLOCK)) <
					0 ||
			dup3(ours, fd, (fdfl & FD_CLOEXEC) ? O_CLOEXEC : 0) <
					0) {
		int err = errno;
		close(ours);
		return err;
	}
	close(ours);
	return 0;
}

/* Joins the display served by a process of our tree: 0, or an errno
 * (ECONNREFUSED when nobody serves it). */
static int
connect_tree(int fd)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len = strlen(socket_name);
	int s, err;

	if (len == 0) {
		return ECONNREFUSED;
	}
	memcpy(addr.sun_path + 1, socket_name, len);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		return errno;
	}
	if (next_connect()(s, (struct sockaddr *)&addr,
			    offsetof(struct sockaddr_un, sun_path) + 1 + len) !=
			0) {
		err = errno;
		close(s);
		return err;
	}
	return adopt(fd, s);
}

/* The server (xproxy, rfb and libvncserver with its TLS stack) is loaded
 * on the first X connection only: a process that never opens a display
 * maps nothing but this shim. It sits next to the shim. */
static enum vnc_session_status (*server_start)(void);
static bool (*server_add_client)(int fd);
static pthread_once_t server_once = PTHREAD_ONCE_INIT;

static void
load_server(void)
{
	static const char name[] = "libwinexport-server.so";
	char path[4096];
	Dl_info info;
	void *handle;

	if (dladdr((void *)load_server, &info) == 0 || info.dli_fname == NULL) {
		return;
	}
	const char *slash = strrchr(info.dli_fname, '/');
	size_t dir = slash ? (size_t)(slash - info.dli_fname + 1) : 0;
	if (dir + sizeof(name) > sizeof(path)) {
		return;
	}
	memcpy(path, info.dli_fname, dir);
	memcpy(path + dir, name, sizeof(name));
	handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (handle == NULL) {
		fprintf(stderr, "winexport: %s\n", dlerror());
		return;
	}
	server_add_client =
			(bool (*)(int))dlsym(handle, "vnc_session_add_client");
	server_start = (enum vnc_session_status(*)(void))dlsym(
			handle, "vnc_session_start");
}

static bool
server_loaded(void)
{
	pthread_once(&server_once, load_server);
	return server_start != NULL && server_add_client != NULL;
}

/* Serves the connection from this process's session. */
static int
connect_here(int fd)
{
	int sv[2], err;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		return errno;
	}
	if (!server_add_client(sv[1])) {
		close(sv[0]);
		close(sv[1]);
		return ECONNREFUSED;
	}
	if ((err = adopt(fd, sv[0])) != 0) {
		/* the server sees the other end close: a client gone */
		return err;
	}
	return 0;
}

static int
redirect(int fd)
{
	pid_t pid = getpid();
	int err;

	if (atomic_load(&serving_pid) != pid) {
		err = connect_tree(fd);
		if (err != ECONNREFUSED) {
			return err;
		}
		if (!server_loaded()) {
			return ECONNREFUSED;
		}
		switch (server_start()) {
		case VNC_SESSION_RUNNING:
			atomic_store(&serving_pid, pid);
			break;
		case VNC_SESSION_NAME_TAKEN:
			/* Someone of our tree bound it first. */
			return connect_tree(fd);
		case VNC_SESSION_FAILED:
			return ECONNREFUSED;
		}
	}
	return connect_here(fd);
}

__attribute__((visibility("default"))) int
connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int saved = errno, err;

	if (!is_x_address(addr, len)) {
		connect_fn next = next_connect();
		if (next == NULL) {
			errno = ENOSYS;
			return -1;
		}
		return next(fd, addr, len);
	}
	if ((err = redirect(fd)) != 0) {
		errno = err;
		return -1;
	}
	errno = saved;
	return 0;
}
