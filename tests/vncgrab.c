/* vncgrab: a scriptable VNC viewer for the integration tests.
 *
 *   vncgrab [--timeout SEC] HOST:PORT CMD...
 *
 * Commands run in order:
 *   grab FILE.ppm     wait until the whole framebuffer has been received
 *                     since connect or since the last input command, then
 *                     write it as a binary PPM
 *   pixel X Y         the same wait, then print the pixel as RRGGBB
 *   size              print the desktop size, WxH
 *   move X Y          pointer motion, buttons as last set
 *   button X Y MASK   pointer event with an RFB button mask
 *   click X Y N       press and release button N at X,Y
 *   key KEYSYM        press and release a key: 0xHEX, one character, or
 *                     Return, Escape, Tab, BackSpace, space
 *   type TEXT         each UTF-8 character as a key (Latin-1 direct,
 *                     others 0x1000000|codepoint)
 *   sleep MS          wait, still reading updates
 *   wait-update MS    wait until some update arrives or MS pass
 * Exit status 0 on success, 1 with a message on failure or timeout. */
#include <rfb/rfbclient.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct grab {
	unsigned char *covered; /* one byte per pixel: received since reset */
	long missing;           /* pixels not yet covered */
	int width, height;
	unsigned long updates; /* framebuffer updates received */
	int buttons;
	bool need_full; /* an input command ran since the last full */
};

static int timeout_sec = 10;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("vncgrab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
on_alarm(int sig)
{
	static const char msg[] = "vncgrab: timeout\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing to do */
	}
	_exit(1);
}

static void
quiet_log(const char *fmt, ...)
{
	va_list ap;

	if (getenv("VNCGRAB_DEBUG") == NULL) {
		return;
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static struct grab *
grab_of(rfbClient *client)
{
	return rfbClientGetClientData(client, (void *)grab_of);
}

static void
reset_coverage(struct grab *g)
{
	if (g->covered != NULL) {
		memset(g->covered, 0, (size_t)g->width * g->height);
	}
	g->missing = (long)g->width * g->height;
}

static rfbBool
on_resize(rfbClient *client)
{
	struct grab *g = grab_of(client);
	size_t n = (size_t)client->width * client->height;

	free(client->frameBuffer);
	free(g->covered);
	client->frameBuffer = calloc(n, client->format.bitsPerPixel / 8);
	g->covered = calloc(n, 1);
	if (client->frameBuffer == NULL || g->covered == NULL) {
		die("out of memory for a %dx%d desktop", client->width,
				client->height);
	}
	g->width = client->width;
	g->height = client->height;
	reset_coverage(g);
	return TRUE;
}

static void
on_update(rfbClient *client, int x, int y, int w, int h)
{
	struct grab *g = grab_of(client);

	g->updates++;
	for (int j = y; j < y + h && j < g->height; j++) {
		for (int i = x; i < x + w && i < g->width; i++) {
			unsigned char *c =
					&g->covered[(size_t)j * g->width + i];
			if (!*c) {
				*c = 1;
				g->missing--;
			}
		}
	}
}

/* Reads server messages for up to ms milliseconds (0: what is there). */
static void
pump(rfbClient *client, long ms)
{
	long end = now_ms() + ms;

	do {
		long left = end - now_ms();
		int n = WaitForMessage(client, left > 0 ? left * 1000 : 0);
		if (n < 0) {
			die("connection lost");
		}
		if (n > 0 && !HandleRFBServerMessage(client)) {
			die("connection lost");
		}
	} while (now_ms() < end);
}

static void
wait_full(rfbClient *client)
{
	struct grab *g = grab_of(client);
	long end = now_ms() + timeout_sec * 1000L;

	if (g->need_full) {
		g->need_full = false;
		reset_coverage(g);
		SendFramebufferUpdateRequest(client, 0, 0, client->width,
				client->height, FALSE);
	}
	while (g->missing > 0) {
		if (now_ms() >= end) {
			die("timeout waiting for the whole framebuffer "
			    "(%ld of %dx%d pixels missing)",
					g->missing, g->width, g->height);
		}
		pump(client, 50);
	}
}

static void
pixel_rgb(rfbClient *client, int x, int y, unsigned char rgb[3])
{
	const rfbPixelFormat *f = &client->format;
	uint32_t v;

	memcpy(&v, client->frameBuffer + ((size_t)y * client->width + x) * 4,
			4);
	rgb[0] = ((v >> f->redShift) & f->redMax) * 255 / f->redMax;
	rgb[1] = ((v >> f->greenShift) & f->greenMax) * 255 / f->greenMax;
	rgb[2] = ((v >> f->blueShift) & f->blueMax) * 255 / f->blueMax;
}

static void
write_ppm(rfbClient *client, const char *path)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		die("%s: %s", path, strerror(errno));
	}
	fprintf(f, "P6\n%d %d\n255\n", client->width, client->height);
	for (int y = 0; y < client->height; y++) {
		for (int x = 0; x < client->width; x++) {
			unsigned char rgb[3];
			pixel_rgb(client, x, y, rgb);
			fwrite(rgb, 1, 3, f);
		}
	}
	if (fclose(f) != 0) {
		die("%s: %s", path, strerror(errno));
	}
}

static int
number(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || *end != '\0' || end == s || v < -100000 ||
			v > 100000) {
		die("%s: not a number: %s", what, s);
	}
	return (int)v;
}

static uint32_t
keysym_of(const char *s)
{
	static const struct {
		const char *name;
		uint32_t keysym;
	} names[] = {
		{ "Return", 0xff0d },
		{ "Escape", 0xff1b },
		{ "Tab", 0xff09 },
		{ "BackSpace", 0xff08 },
		{ "space", 0x20 },
	};

	if (s[0] != '\0' && s[1] == '\0') {
		return (unsigned char)s[0];
	}
	if (strncmp(s, "0x", 2) == 0) {
		char *end;
		unsigned long v = strtoul(s + 2, &end, 16);
		if (*end == '\0' && end != s + 2) {
			return (uint32_t)v;
		}
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0) {
			return names[i].keysym;
		}
	}
	die("key: unknown keysym %s (use 0xHEX or one character)", s);
	return 0;
}

/* Decodes one UTF-8 sequence; invalid bytes come out as themselves. */
static uint32_t
utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t cp;
	int n;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		cp = s[0] & 0x1f;
		n = 1;
	} else if ((s[0] & 0xf0) == 0xe0) {
		cp = s[0] & 0x0f;
		n = 2;
	} else if ((s[0] & 0xf8) == 0xf0) {
		cp = s[0] & 0x07;
		n = 3;
	} else {
		*p = s + 1;
		return s[0];
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + 1;
			return s[0];
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*p = s + n + 1;
	return cp;
}

static uint32_t
keysym_of_codepoint(uint32_t cp)
{
	switch (cp) {
	case '\n':
		return 0xff0d;
	case '\t':
		return 0xff09;
	case '\b':
		return 0xff08;
	case 0x1b:
		return 0xff1b;
	}
	return cp < 0x100 ? cp : 0x1000000 | cp;
}

static void
tap(rfbClient *client, uint32_t keysym)
{
	if (!SendKeyEvent(client, keysym, TRUE) ||
			!SendKeyEvent(client, keysym, FALSE)) {
		die("connection lost sending a key");
	}
}

static void
pointer(rfbClient *client, int x, int y, int mask)
{
	grab_of(client)->buttons = mask;
	if (!SendPointerEvent(client, x, y, mask)) {
		die("connection lost sending a pointer event");
	}
}

static void
need(int argc, int i, int n, const char *cmd)
{
	if (i + n >= argc) {
		die("%s needs %d argument%s", cmd, n, n == 1 ? "" : "s");
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: vncgrab [--timeout SEC] HOST:PORT CMD...\n"
			"commands: grab FILE.ppm | pixel X Y | size | move X Y "
			"|"
			" button X Y MASK | click X Y N | key KEYSYM |"
			" type TEXT | sleep MS | wait-update MS\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	struct grab g = { 0 };
	int i = 1;

	if (i < argc && strcmp(argv[i], "--timeout") == 0) {
		if (i + 1 >= argc) {
			usage();
		}
		timeout_sec = number(argv[i + 1], "--timeout");
		if (timeout_sec <= 0) {
			die("--timeout must be positive");
		}
		i += 2;
	}
	if (i >= argc || strchr(argv[i], ':') == NULL) {
		usage();
	}
	char *target = argv[i++];
	char *colon = strrchr(target, ':');
	*colon = '\0';
	int port = number(colon + 1, "port");
	char *host = target;
	size_t hl = strlen(host);
	if (hl > 1 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		host++;
	}

	signal(SIGALRM, on_alarm);
	signal(SIGPIPE, SIG_IGN);
	alarm(timeout_sec);
	rfbClientLog = quiet_log;
	rfbClientErr = quiet_log;

	rfbClient *client = rfbGetClient(8, 3, 4);
	if (client == NULL) {
		die("out of memory");
	}
	rfbClientSetClientData(client, (void *)grab_of, &g);
	client->MallocFrameBuffer = on_resize;
	client->GotFrameBufferUpdate = on_update;
	client->canHandleNewFBSize = TRUE;
	/* Pixels are compared exactly: no lossy encodings. */
	client->appData.enableJPEG = FALSE;
	client->appData.encodingsString = "zrle hextile zlib copyrect raw";
	client->serverHost = strdup(host);
	client->serverPort = port;
	if (!rfbInitClient(client, NULL, NULL)) {
		/* rfbInitClient frees the client on failure */
		die("cannot connect to %s:%d", host, port);
	}
	alarm(0);

	for (; i < argc; i++) {
		const char *cmd = argv[i];
		/* A watchdog for anything that blocks inside libvncclient. */
		alarm(timeout_sec + 5);
		if (strcmp(cmd, "grab") == 0) {
			need(argc, i, 1, cmd);
			wait_full(client);
			write_ppm(client, argv[++i]);
		} else if (strcmp(cmd, "pixel") == 0) {
			need(argc, i, 2, cmd);
			int x = number(argv[i + 1], cmd),
			    y = number(argv[i + 2], cmd);
			i += 2;
			wait_full(client);
			if (x < 0 || y < 0 || x >= client->width ||
					y >= client->height) {
				die("pixel %d,%d is outside %dx%d", x, y,
						client->width, client->height);
			}
			unsigned char rgb[3];
			pixel_rgb(client, x, y, rgb);
			printf("%02x%02x%02x\n", rgb[0], rgb[1], rgb[2]);
		} else if (strcmp(cmd, "size") == 0) {
			pump(client, 0);
			printf("%dx%d\n", client->width, client->height);
		} else if (strcmp(cmd, "move") == 0) {
			need(argc, i, 2, cmd);
			pointer(client, number(argv[i + 1], cmd),
					number(argv[i + 2], cmd), g.buttons);
			i += 2;
			g.need_full = true;
		} else if (strcmp(cmd, "button") == 0) {
			need(argc, i, 3, cmd);
			pointer(client, number(argv[i + 1], cmd),
					number(argv[i + 2], cmd),
					number(argv[i + 3], cmd));
			i += 3;
			g.need_full = true;
		} else if (strcmp(cmd, "click") == 0) {
			need(argc, i, 3, cmd);
			int x = number(argv[i + 1], cmd),
			    y = number(argv[i + 2], cmd);
			int n = number(argv[i + 3], cmd);
			if (n < 1 || n > 8) {
				die("click: button %d is not 1-8", n);
			}
			i += 3;
			pointer(client, x, y, g.buttons | 1 << (n - 1));
			pointer(client, x, y, g.buttons & ~(1 << (n - 1)));
			g.need_full = true;
		} else if (strcmp(cmd, "key") == 0) {
			need(argc, i, 1, cmd);
			tap(client, keysym_of(argv[++i]));
			g.need_full = true;
		} else if (strcmp(cmd, "type") == 0) {
			need(argc, i, 1, cmd);
			const unsigned char *p =
					(const unsigned char *)argv[++i];
			while (*p != '\0') {
				tap(client, keysym_of_codepoint(utf8_next(&p)));
			}
			g.need_full = true;
		} else if (strcmp(cmd, "sleep") == 0) {
			need(argc, i, 1, cmd);
			int ms = number(argv[++i], cmd);
			alarm(timeout_sec + 5 + ms / 1000);
			pump(client, ms);
		} else if (strcmp(cmd, "wait-update") == 0) {
			need(argc, i, 1, cmd);
			int ms = number(argv[++i], cmd);
			alarm(timeout_sec + 5 + ms / 1000);
			unsigned long before = g.updates;
			long end = now_ms() + ms;
			while (g.updates == before && now_ms() < end) {
				pump(client, 20);
			}
		} else {
			die("unknown command: %s", cmd);
		}
		fflush(stdout);
	}
	alarm(0);
	rfbClientCleanup(client);
	free(g.covered);
	return 0;
}
