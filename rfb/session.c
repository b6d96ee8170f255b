/* The session: configuration, the X thread and its loop, the VNC server,
 * and the wiring between them. One per process, started by the first X
 * connection (vnc_session_start()).
 *
 *   app thread ─ vnc_session_add_client(fd) ─▶ fd queue ─┐
 *   child process ─ WINEXPORT_SOCKET ─ accept ──────────┤
 *   viewer threads ─ input queue (rfb/input.c) ──────────┼─▶ X thread: poll,
 *   resizer thread ─ "resize done" (rfb/output.c) ───────┘   xp_server_dispatch
 *
 * Every arrow into the X thread is a queue plus one eventfd it polls, so
 * nobody waits on the X thread and the X thread waits on nobody. */
#include "rfb/vnc.h"

#include "rfb/input.h"
#include "rfb/output.h"
#include "xproxy/xproxy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_PORT 5900
#define DEFAULT_LISTEN "127.0.0.1"
#define DEFAULT_WIDTH 1920
#define DEFAULT_HEIGHT 1080
#define DEFAULT_DPI 96

struct config {
	int port;
	char listen[256];
	int listen_fd; /* -1: bind listen:port ourselves */
	int width, height, dpi;
	char layout[64], variant[64];
	char socket_name[sizeof(((struct sockaddr_un *)0)->sun_path) - 1];
	bool debug;
};

struct vnc_session {
	pid_t pid; /* the process whose threads these are */
	enum vnc_session_status status;
	struct config config;
	char desktop_name[256];

	int wake_fd;    /* eventfd: fd queue, input, resizes */
	int private_fd; /* WINEXPORT_SOCKET, or -1 */

	pthread_mutex_t lock; /* guards the fd queue */
	int *queue;
	int n_queue, cap_queue;

	rfbScreenInfoPtr screen; /* NULL when VNC could not listen */
	int listen_fd;           /* the VNC socket; accept_run() takes it */
	pthread_t accept_thread;
	struct vnc_input *input;
	struct vnc_output *output;
	struct xp_server *server; /* the X thread's, once started */
	pthread_t x_thread;
};

/* The one mutable global: this process's session, set once. */
static struct vnc_session *session;
static pthread_once_t session_once = PTHREAD_ONCE_INIT;

static void
vnc_log(const char *fmt, ...)
{
	va_list ap;

	if (session == NULL || !session->config.debug) {
		return;
	}
	fputs("winexport: vnc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- configuration ---- */

static bool
parse_int(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0') {
		return false;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max) {
		return false;
	}
	*out = (int)v;
	return true;
}

static void
bad_value(const char *name, const char *value, const char *want,
		const char *def)
{
	fprintf(stderr, "winexport: %s=%s is not %s; using %s\n", name, value,
			want, def);
}

static void
read_config(struct config *c)
{
	const char *v;

	c->port = DEFAULT_PORT;
	if ((v = getenv("WINEXPORT_PORT")) != NULL &&
			!parse_int(v, 0, 65535, &c->port)) {
		c->port = DEFAULT_PORT;
		bad_value("WINEXPORT_PORT", v, "a port (0-65535)", "5900");
	}

	snprintf(c->listen, sizeof(c->listen), "%s", DEFAULT_LISTEN);
	if ((v = getenv("WINEXPORT_LISTEN")) != NULL) {
		if (*v == '\0' || strlen(v) >= sizeof(c->listen)) {
			bad_value("WINEXPORT_LISTEN", v, "an address",
					DEFAULT_LISTEN);
		} else {
			snprintf(c->listen, sizeof(c->listen), "%s", v);
		}
	}

	c->listen_fd = -1;
	if ((v = getenv("WINEXPORT_LISTEN_FD")) != NULL) {
		int fd, on = 0, domain = 0;
		socklen_t len = sizeof(on), dlen = sizeof(domain);
		if (!parse_int(v, 0, FD_SETSIZE - 1, &fd) ||
				getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on,
						&len) != 0 ||
				!on ||
				getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain,
						&dlen) != 0 ||
				(domain != AF_INET && domain != AF_INET6)) {
			fprintf(stderr,
					"winexport: WINEXPORT_LISTEN_FD=%s is "
					"not a listening TCP socket; "
					"binding %s:%d instead\n",
					v, c->listen, c->port);
		} else {
			c->listen_fd = fd;
		}
	}

	c->width = DEFAULT_WIDTH;
	c->height = DEFAULT_HEIGHT;
	if ((v = getenv("WINEXPORT_GEOMETRY")) != NULL) {
		char w[16], h[16];
		const char *x = strchr(v, 'x');
		if (x == NULL || x - v >= (long)sizeof(w) ||
				strlen(x + 1) >= sizeof(h)) {
			x = NULL;
		} else {
			memcpy(w, v, x - v);
			w[x - v] = '\0';
			snprintf(h, sizeof(h), "%s", x + 1);
		}
		/* X coordinates are 16-bit signed. */
		if (x == NULL || !parse_int(w, 1, 32767, &c->width) ||
				!parse_int(h, 1, 32767, &c->height)) {
			c->width = DEFAULT_WIDTH;
			c->height = DEFAULT_HEIGHT;
			bad_value("WINEXPORT_GEOMETRY", v, "WxH", "1920x1080");
		}
	}

	c->dpi = DEFAULT_DPI;
	if ((v = getenv("WINEXPORT_DPI")) != NULL &&
			!parse_int(v, 1, 10000, &c->dpi)) {
		c->dpi = DEFAULT_DPI;
		bad_value("WINEXPORT_DPI", v, "a positive number", "96");
	}

	c->layout[0] = c->variant[0] = '\0';
	if ((v = getenv("WINEXPORT_KEYMAP")) != NULL && *v != '\0') {
		const char *comma = strchr(v, ',');
		size_t n = comma ? (size_t)(comma - v) : strlen(v);
		if (n == 0 || n >= sizeof(c->layout) ||
				(comma && strlen(comma + 1) >= sizeof(c->variant))) {
			bad_value("WINEXPORT_KEYMAP", v, "LAYOUT[,VARIANT]",
					"us");
		} else {
			memcpy(c->layout, v, n);
			c->layout[n] = '\0';
			snprintf(c->variant, sizeof(c->variant), "%s",
					comma ? comma + 1 : "");
		}
	}

	c->socket_name[0] = '\0';
	if ((v = getenv("WINEXPORT_SOCKET")) != NULL) {
		if (strlen(v) >= sizeof(c->socket_name)) {
			fprintf(stderr, "winexport: WINEXPORT_SOCKET is too "
					"long; child processes will not "
					"share the display\n");
		} else {
			snprintf(c->socket_name, sizeof(c->socket_name), "%s",
					v);
		}
	}

	v = getenv("WINEXPORT_DEBUG");
	c->debug = v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

/* The command name, for the desktop name and messages. */
static void
read_command_name(char *buf, size_t size)
{
	char cmdline[4096];
	ssize_t n = 0;
	int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		n = read(fd, cmdline, sizeof(cmdline) - 1);
		close(fd);
	}
	if (n <= 0) {
		snprintf(buf, size, "winexport");
		return;
	}
	cmdline[n] = '\0';
	const char *slash = strrchr(cmdline, '/');
	const char *name = slash ? slash + 1 : cmdline;
	size_t len = strnlen(name, size - 1);
	memcpy(buf, name, len);
	buf[len] = '\0';
}

/* ---- sockets ---- */

/* The abstract socket children reach us on. EADDRINUSE means another
 * process of the tree already serves the display. */
static int
listen_private(const char *name, int *err)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd;

	*err = 0;
	memcpy(addr.sun_path + 1, name, len); /* sun_path[0] = 0: abstract */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&addr,
			    offsetof(struct sockaddr_un, sun_path) + 1 + len) !=
					0 ||
			listen(fd, 64) != 0) {
		*err = errno;
		close(fd);
		return -1;
	}
	return fd;
}

static int
listen_tcp(const char *host, int port)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICSERV,
	};
	struct addrinfo *res, *ai;
	char service[16];
	int fd = -1, err = EADDRNOTAVAIL, rc;

	snprintf(service, sizeof(service), "%d", port);
	if ((rc = getaddrinfo(host, service, &hints, &res)) != 0) {
		fprintf(stderr, "winexport: cannot listen on %s:%d: %s\n", host,
				port, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		int one = 1;
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
				ai->ai_protocol);
		if (fd < 0) {
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
		fprintf(stderr, "winexport: cannot listen on %s:%d: %s\n", host,
				port, strerror(err));
	}
	return fd;
}

static int
socket_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		return -1;
	}
	if (ss.ss_family == AF_INET) {
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	}
	if (ss.ss_family == AF_INET6) {
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	return -1;
}

/* ---- VNC ---- */

static bool
start_vnc(struct vnc_session *s)
{
	const struct config *c = &s->config;
	int fd = c->listen_fd;
	bool ours = fd < 0;

	if (ours && (fd = listen_tcp(c->listen, c->port)) < 0) {
		fprintf(stderr, "winexport: serving %s without VNC\n",
				s->desktop_name);
		return false;
	}
	/* Our children must not inherit the wrapper's listening socket. */
	fcntl(fd, F_SETFD, FD_CLOEXEC);

	rfbLog = vnc_log;
	rfbErr = vnc_log;
	/* Nothing to show until a window maps: a 1x1 black desktop. */
	s->screen = rfbGetScreen(NULL, NULL, 1, 1, 8, 3, 4);
	if (s->screen == NULL) {
		goto err;
	}
	rfbScreenInfoPtr screen = s->screen;
	screen->desktopName = s->desktop_name;
	screen->alwaysShared = TRUE;
	/* libvncserver would draw its own cursor into our framebuffer. */
	screen->cursor = NULL;
	/* A guest changes no signal dispositions; our threads block SIGPIPE
	 * instead, so a vanished viewer's write fails with EPIPE. */
	screen->ignoreSIGPIPE = FALSE;
	screen->port = socket_port(fd);
	screen->ipv6port = 0;
	/* rfbInitSockets() leaves a READY screen alone. The socket stays
	 * ours (accept_run()): libvncserver's listener thread is left with
	 * nothing to listen on. */
	screen->listenSock = RFB_INVALID_SOCKET;
	FD_ZERO(&screen->allFds);
	screen->maxFd = 0;
	screen->socketState = RFB_SOCKET_READY;
	s->listen_fd = fd;

	s->output = vnc_output_create(screen, s->wake_fd);
	if (s->output == NULL) {
		goto err;
	}
	vnc_input_attach(s->input, screen);
	rfbInitServer(screen);

	if (ours) {
		/* The wrapper says where to connect; alone, we do. */
		const char *fmt = strchr(c->listen, ':') ? "winexport: %s on "
							   "vnc://[%s]:%d\n"
							 : "winexport: %s on "
							   "vnc://%s:%d\n";
		fprintf(stderr, fmt, s->desktop_name, c->listen, screen->port);
	}
	return true;

err:
	fprintf(stderr,
			"winexport: cannot start the VNC server; serving %s "
			"without VNC\n",
			s->desktop_name);
	if (s->screen != NULL) {
		rfbScreenCleanup(s->screen);
		s->screen = NULL;
	}
	close(fd);
	s->listen_fd = -1;
	return false;
}

/* Accepts viewers for libvncserver, in place of its listener thread, which
 * (0.9.14) ends for good when its select() is interrupted: glibc interrupts
 * every thread with SIGSETXID, which no mask blocks, whenever the app calls
 * setuid() or setgid() (xterm does, just after opening the display). */
static void *
accept_run(void *data)
{
	struct vnc_session *s = data;

	for (;;) {
		int fd = accept(s->listen_fd, NULL, NULL);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE ||
					errno == ENOBUFS || errno == ENOMEM) {
				usleep(100000); /* let descriptors free up */
			}
			continue; /* EINTR, ECONNABORTED: the next one */
		}
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		rfbClientPtr cl = rfbNewClient(s->screen, fd);
		if (cl != NULL && !cl->onHold) {
			rfbStartOnHoldClient(cl);
		}
	}
	return NULL;
}

/* ---- the X thread ---- */

static void
take_queued_clients(struct vnc_session *s)
{
	int fds[64];
	int n;

	do {
		pthread_mutex_lock(&s->lock);
		n = s->n_queue < 64 ? s->n_queue : 64;
		memcpy(fds, s->queue, n * sizeof(int));
		memmove(s->queue, s->queue + n, (s->n_queue - n) * sizeof(int));
		s->n_queue -= n;
		pthread_mutex_unlock(&s->lock);
		for (int i = 0; i < n; i++) {
			xp_server_add_client(s->server, fds[i]);
		}
	} while (n == 64);
}

static void
accept_children(struct vnc_session *s)
{
	int fd;

	/* accept4() and struct ucred need _GNU_SOURCE, which only the shim
	 * defines; xp_server_add_client() sets the fd flags anyway. */
	while ((fd = accept(s->private_fd, NULL, NULL)) >= 0) {
		struct {
			pid_t pid;
			uid_t uid;
			gid_t gid;
		} cred; /* the kernel's struct ucred */
		socklen_t len = sizeof(cred);
		/* An abstract name has no file permissions: only our own
		 * user may join the display. */
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
				cred.uid != geteuid()) {
			close(fd);
			continue;
		}
		xp_server_add_client(s->server, fd);
	}
}

static void *
x_thread_run(void *data)
{
	struct vnc_session *s = data;
	struct pollfd pfd[3] = {
		{ .fd = xp_server_get_fd(s->server), .events = POLLIN },
		{ .fd = s->wake_fd, .events = POLLIN },
		{ .fd = s->private_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(pfd, 3, -1) < 0 && errno != EINTR) {
			fprintf(stderr, "winexport: poll: %s\n",
					strerror(errno));
			sleep(1);
			continue;
		}
		if (pfd[1].revents & POLLIN) {
			uint64_t count;
			if (read(s->wake_fd, &count, sizeof(count)) < 0) {
				/* EAGAIN: someone else's wake, already read */
			}
			take_queued_clients(s);
		}
		if (pfd[2].revents & POLLIN) {
			accept_children(s);
		}
		int x, y;
		vnc_output_origin(s->output, &x, &y);
		vnc_input_apply(s->input, s->server, x, y);
		xp_server_dispatch(s->server);
		vnc_output_flush(s->output);
	}
	return NULL;
}

/* ---- start ---- */

static void
destroy_partial(struct vnc_session *s)
{
	if (s->screen != NULL) {
		rfbShutdownServer(s->screen, TRUE);
	}
	xp_server_destroy(s->server);
	vnc_output_destroy(s->output);
	if (s->screen != NULL) {
		rfbScreenCleanup(s->screen);
	}
	vnc_input_destroy(s->input);
	if (s->private_fd >= 0) {
		close(s->private_fd);
	}
	if (s->listen_fd >= 0) {
		close(s->listen_fd);
	}
	if (s->wake_fd >= 0) {
		close(s->wake_fd);
	}
}

static void
start_once(void)
{
	struct vnc_session *s = calloc(1, sizeof(*s));
	sigset_t all, old;
	int err;

	if (s == NULL) {
		fprintf(stderr, "winexport: out of memory starting the "
				"session\n");
		return;
	}
	s->pid = getpid();
	s->status = VNC_SESSION_FAILED;
	s->wake_fd = s->private_fd = s->listen_fd = -1;
	session = s;
	read_config(&s->config);
	read_command_name(s->desktop_name, sizeof(s->desktop_name));
	pthread_mutex_init(&s->lock, NULL);

	if (s->config.socket_name[0] != '\0') {
		s->private_fd = listen_private(s->config.socket_name, &err);
		if (s->private_fd < 0 && err == EADDRINUSE) {
			s->status = VNC_SESSION_NAME_TAKEN;
			return;
		}
		if (s->private_fd < 0) {
			fprintf(stderr,
					"winexport: cannot listen on @%s: %s; "
					"child processes will not share the "
					"display\n",
					s->config.socket_name, strerror(err));
		}
	}

	s->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->wake_fd < 0 ||
			(s->input = vnc_input_create(s->wake_fd)) == NULL) {
		fprintf(stderr, "winexport: cannot start the session: %s\n",
				strerror(errno));
		goto err;
	}
	if (!start_vnc(s) && (s->output = vnc_output_create(
					      NULL, s->wake_fd)) == NULL) {
		goto err;
	}

	/* Created here rather than on the X thread so that a failure is
	 * reported to the connecting app; the X thread owns it from
	 * pthread_create() on. */
	struct xp_server_options options = {
		.width = s->config.width,
		.height = s->config.height,
		.dpi = s->config.dpi,
		.keymap_layout = s->config.layout[0] ? s->config.layout : NULL,
		.keymap_variant =
				s->config.variant[0] ? s->config.variant : NULL,
	};
	s->server = xp_server_create(&options, &vnc_output_impl, s->output);
	if (s->server == NULL) {
		goto err;
	}
	vnc_output_set_server(s->output, s->server);

	/* Signals are the app's business: none may land on our threads
	 * (libvncserver's threads inherit this mask from us). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = 0;
	if (s->screen != NULL) {
		rfbRunEventLoop(s->screen, -1, TRUE);
		err = pthread_create(&s->accept_thread, NULL, accept_run, s);
		if (err != 0) {
			fprintf(stderr,
					"winexport: cannot accept viewers: "
					"%s\n",
					strerror(err));
		}
	}
	err = pthread_create(&s->x_thread, NULL, x_thread_run, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		fprintf(stderr, "winexport: cannot start the X thread: %s\n",
				strerror(err));
		goto err;
	}
	s->status = VNC_SESSION_RUNNING;
	return;

err:
	destroy_partial(s);
	s->screen = NULL;
	s->server = NULL;
	s->output = NULL;
	s->input = NULL;
	s->wake_fd = s->private_fd = s->listen_fd = -1;
}

__attribute__((visibility("default"))) enum vnc_session_status
vnc_session_start(void)
{
	pthread_once(&session_once, start_once);
	if (session == NULL) {
		return VNC_SESSION_FAILED;
	}
	/* A forked child inherits the state but not the threads. */
	if (session->pid != getpid()) {
		return VNC_SESSION_FAILED;
	}
	return session->status;
}

__attribute__((visibility("default"))) bool
vnc_session_add_client(int fd)
{
	struct vnc_session *s;
	uint64_t one = 1;

	if (vnc_session_start() != VNC_SESSION_RUNNING) {
		return false;
	}
	s = session;
	pthread_mutex_lock(&s->lock);
	if (s->n_queue == s->cap_queue) {
		int cap = s->cap_queue ? s->cap_queue * 2 : 16;
		int *q = realloc(s->queue, cap * sizeof(*q));
		if (q == NULL) {
			pthread_mutex_unlock(&s->lock);
			return false;
		}
		s->queue = q;
		s->cap_queue = cap;
	}
	s->queue[s->n_queue++] = fd;
	pthread_mutex_unlock(&s->lock);
	if (write(s->wake_fd, &one, sizeof(one)) < 0) {
		/* the counter is full: the X thread is awake */
	}
	return true;
}
