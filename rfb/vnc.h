/* rfb: the session that serves one application's windows over VNC.
 *
 * The session is per process and starts at most once, lazily, on the first
 * X connection (preload/ calls in here from whatever thread opens the
 * display). It owns two kinds of threads: the X thread, which owns the
 * xproxy server and every object in it, and libvncserver's listener and
 * per-viewer threads, which only read the framebuffer and queue input. The
 * process's other threads never wait on either.
 *
 * Configuration comes from the environment, read once at start:
 *   WINEXPORT_PORT       VNC port, default 5900; 0 picks a free port
 *   WINEXPORT_LISTEN     address to listen on, default 127.0.0.1
 *   WINEXPORT_LISTEN_FD  a listening TCP socket to use instead of binding
 *   WINEXPORT_GEOMETRY   the X screen, WxH, default 1920x1080
 *   WINEXPORT_DPI        default 96
 *   WINEXPORT_KEYMAP     LAYOUT[,VARIANT], default us
 *   WINEXPORT_SOCKET     abstract unix socket name on which the session
 *                        accepts X clients from other processes of the tree
 * A bad value is reported once on stderr and replaced by the default. */
#ifndef RFB_VNC_H
#define RFB_VNC_H

#include <stdbool.h>

enum vnc_session_status {
	/* This process serves the display; hand it connections. */
	VNC_SESSION_RUNNING,
	/* WINEXPORT_SOCKET is already bound by another process, which serves
	 * the display: connect to it instead. Nothing was started here. */
	VNC_SESSION_NAME_TAKEN,
	/* The session could not start (logged), or was started by the
	 * process this one was forked from and has no thread here. */
	VNC_SESSION_FAILED,
};

/* Starts the session in this process, once (later calls return the first
 * result). Binds WINEXPORT_SOCKET first, so that a process racing us for the
 * display learns it before anything else happens; then creates the X server
 * and its thread, and the VNC server (a VNC port that cannot be bound is
 * reported and the X side keeps running). Safe to call from any thread;
 * blocks only for that setup, never on a viewer or on the X thread. All
 * threads it creates run with every signal blocked. */
enum vnc_session_status vnc_session_start(void);

/* Hands a connected stream socket, the server end of a new X client, to the
 * session, starting it first if needed (vnc_session_start()). Callable from
 * any thread; it queues the fd for the X thread and returns at once. On
 * success the session owns fd; on failure (the session is not running in
 * this process, or out of memory) fd is left to the caller. */
bool vnc_session_add_client(int fd);

#endif
