# winexport: one non-recursive Makefile.
#   make            install missing Debian build packages (as root), build
#   make run        serve xeyes on vnc://127.0.0.1:5900
#   make check      install test packages, build, run every test
#   make asan       the same tests with AddressSanitizer + UBSan
#   make install PREFIX=/usr/local

B ?= build
SAN ?=
PREFIX ?= /usr/local
CC ?= cc

PKGS = pixman-1 libvncserver xfont2 xkbcommon
BUILD_DEBS = gcc make pkg-config libvncserver-dev libpixman-1-dev \
	libxfont-dev libxkbcommon-dev xkb-data xfonts-base x11-common \
	x11proto-dev libxcb1-dev libx11-dev
TEST_DEBS = xvfb x11-apps x11-utils xterm faketime xdotool libx11-xcb-dev \
	python3 xcb-proto tigervnc-viewer fonts-urw-base35 \
	libxcb-image0-dev clang clang-format libclang-rt-14-dev gtk-3-examples zenity \
	qtbase5-examples
RUN_DEBS = x11-apps

WARN = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wold-style-definition -Wpointer-arith -Wundef -Wshadow \
	-Wno-unused-parameter
XCFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fPIC \
	-fvisibility=hidden -fno-common -g -O2 -I. -I$(B)/gen $(WARN) $(SAN) \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -ldl -lm

XPROXY_SRC = $(wildcard xproxy/*.c xproxy/extensions/*.c)
RFB_SRC = $(wildcard rfb/*.c)
PRELOAD_SRC = $(wildcard preload/*.c)
XPROXY_OBJ = $(XPROXY_SRC:%.c=$(B)/%.o)
SERVER_OBJ = $(XPROXY_OBJ) $(RFB_SRC:%.c=$(B)/%.o)
SHIM_OBJ = $(PRELOAD_SRC:%.c=$(B)/%.o)
LIB_OBJ = $(SERVER_OBJ) $(SHIM_OBJ)

UNIT_TESTS = $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(wildcard tests/unit/*.c))
XCB_TESTS = $(patsubst tests/xcb/%.c,$(B)/tests/xcb/%,$(filter-out tests/xcb/xcbtest.c tests/xcb/difftest.c,$(wildcard tests/xcb/*.c)))
TEST_CLIENTS = $(patsubst tests/clients/%.c,$(B)/tests/clients/%,$(wildcard tests/clients/*.c))
TEST_TOOLS = $(B)/tests/vncgrab

.PHONY: all deps deps-test run check asan install clean format format-check tests

all: deps $(B)/libwinexport.so $(B)/libwinexport-server.so contrib/winexport

# Installs what is missing, only when run as root; otherwise names it.
deps:
	@sh contrib/install-debs $(BUILD_DEBS)
deps-test:
	@sh contrib/install-debs $(BUILD_DEBS) $(TEST_DEBS)

# The shim preloaded into every process of the application: tiny, it loads
# the server beside it on the first X connection.
$(B)/libwinexport.so: $(SHIM_OBJ) preload/exports.map
	$(CC) -shared -Wl,--version-script=preload/exports.map -Wl,-z,defs \
		$(SAN) -o $@ $(SHIM_OBJ) -ldl -lpthread

$(B)/libwinexport-server.so: $(SERVER_OBJ) rfb/exports.map
	$(CC) -shared -Wl,--version-script=rfb/exports.map -Wl,-z,defs \
		$(SAN) -o $@ $(SERVER_OBJ) $(LIBS)

$(B)/libxproxy.a: $(XPROXY_OBJ)
	@rm -f $@
	ar rcs $@ $(XPROXY_OBJ)

contrib/winexport: contrib/winexport.c
	$(CC) $(XCFLAGS) $(CFLAGS) -fvisibility=default -o $@ $<

# Predefined atom names come from the protocol headers, not retyped.
$(B)/gen/xatoms.h: /usr/include/X11/Xatom.h
	@mkdir -p $(@D)
	sed -n 's/^#define XA_\([A-Z0-9_]*\) ((Atom) \([0-9]*\))$$/[\2] = "\1",/p' $< \
		| grep -v LAST_PREDEFINED > $@
$(B)/xproxy/atom.o: $(B)/gen/xatoms.h

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

TEST_CFLAGS = $(XCFLAGS) -fvisibility=default -Itests
$(B)/tests/unit/%: tests/unit/%.c $(B)/libxproxy.a tests/harness.h
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(B)/libxproxy.a $(LIBS) -lxcb
# Every protocol test links the in-process server helpers and the
# differential suite's runner, whose decoders come from xcb-proto.
XCB_TEST_SRC = tests/xcb/xcbtest.c tests/xcb/difftest.c
$(B)/gen/xproto_dump.h: tests/xcb/gen-xproto-dump.py /usr/share/xcb/xproto.xml
	@mkdir -p $(@D)
	/usr/bin/python3 $< /usr/share/xcb/xproto.xml > $@.tmp && mv $@.tmp $@
$(B)/tests/xcb/%: tests/xcb/%.c $(XCB_TEST_SRC) tests/xcb/xcbtest.h \
		tests/xcb/difftest.h $(B)/gen/xproto_dump.h $(B)/libxproxy.a \
		tests/harness.h
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(XCB_TEST_SRC) $(B)/libxproxy.a \
		$(LIBS) -lxcb
$(B)/tests/clients/%: tests/clients/%.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< -lxcb -lX11 -lm
$(B)/tests/vncgrab: tests/vncgrab.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(shell pkg-config --libs libvncclient)

tests: all $(B)/libxproxy.a $(UNIT_TESTS) $(XCB_TESTS) $(TEST_CLIENTS) $(TEST_TOOLS)

check: deps-test
	$(MAKE) tests
	B=$(B) sh tests/run.sh

# ASan runs beside the normal build; host applications are not instrumented,
# so the runtime is preloaded first and their own leaks are not ours to judge.
asan:
	$(MAKE) B=build-asan \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		CFLAGS="-O1" tests
	B=build-asan WINEXPORT_ASAN=1 sh tests/run.sh

run: all
	@sh contrib/install-debs $(RUN_DEBS)
	contrib/winexport --port 5900 xeyes

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/winexport $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/libwinexport.so $(B)/libwinexport-server.so \
		$(DESTDIR)$(PREFIX)/lib/winexport/
	install -m 755 contrib/winexport $(DESTDIR)$(PREFIX)/bin/
	install -m 644 contrib/winexport.1 $(DESTDIR)$(PREFIX)/share/man/man1/

format:
	clang-format -i $(shell git ls-files '*.c' '*.h')
format-check:
	clang-format --dry-run --Werror $(shell git ls-files '*.c' '*.h')

clean:
	rm -rf build build-asan contrib/winexport

-include $(LIB_OBJ:.o=.d)
