# Sourced by the t_*.sh integration tests: paths, cleanup, and starting an
# application under contrib/winexport. A test exits 0 (pass), 77 (skip) or
# anything else (fail), saying why on stdout.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B ;; esac
WINEXPORT=$ROOT/contrib/winexport
VNCGRAB=$B/tests/vncgrab
LIB=$B/libwinexport.so
# The wrapper finds the library of this build (build/ or build-asan/).
export WINEXPORT_LIBRARY="$LIB"
unset WINEXPORT_SOCKET WINEXPORT_LISTEN_FD WINEXPORT_PORT WINEXPORT_LISTEN
if [ -n "$WINEXPORT_ASAN" ]; then
	# Uninstrumented host apps: the runtime goes first, their leaks are
	# not ours to judge.
	LD_PRELOAD=$(gcc -print-file-name=libasan.so)
	export LD_PRELOAD ASAN_OPTIONS=detect_leaks=0
fi

TMP=$(mktemp -d)
PIDS=""
cleanup() {
	for p in $PIDS; do
		# wrappers such as faketime run the application as a child
		# (not under the ASan preload, with which pkill hangs)
		env -u LD_PRELOAD pkill -P "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null
	done
	if [ -n "$KEEP" ]; then rm -rf "$KEEP"; cp -r "$TMP" "$KEEP"; fi
	rm -rf "$TMP"
}
trap cleanup EXIT
# dash skips the EXIT trap when a signal ends the shell (run.sh's timeout):
# exit through it instead, so nothing a test started outlives it.
trap 'exit 1' HUP INT TERM

fail() {
	echo "FAIL: $(basename "$0"): $*"
	exit 1
}
skip() {
	echo "SKIP: $(basename "$0"): $*"
	exit 77
}
need_file() {
	[ -e "$1" ] || skip "$1 is not built"
}
need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}

# wait_port: waits until the process APP_PID announced its VNC port in
# $TMP/app.err (`winexport: APP on vnc://ADDR:PORT`); sets PORT.
wait_port() {
	i=0
	while [ $i -lt 100 ]; do
		PORT=$(sed -n 's|^winexport: .* on vnc://.*:\([0-9][0-9]*\)$|\1|p' \
			"$TMP/app.err" | head -n 1)
		[ -n "$PORT" ] && return 0
		kill -0 "$APP_PID" 2>/dev/null ||
			fail "winexport exited early: $(cat "$TMP/app.err")"
		sleep 0.1
		i=$((i + 1))
	done
	fail "winexport printed no 'on vnc://' line: $(cat "$TMP/app.err")"
}

# start_app ARGS...: runs contrib/winexport --port 0 ARGS... in the
# background, its output in $TMP/app.out; sets APP_PID and PORT (read from
# the line it prints).
start_app() {
	"$WINEXPORT" --port 0 "$@" >"$TMP/app.out" 2>"$TMP/app.err" &
	APP_PID=$!
	PIDS="$PIDS $APP_PID"
	wait_port
}

# wait_size WxH: until the VNC desktop has that size (the window mapped).
wait_size() {
	i=0
	while [ $i -lt 50 ]; do
		size=$("$VNCGRAB" --timeout 5 "127.0.0.1:$PORT" size 2>&1)
		[ "$size" = "$1" ] && return 0
		kill -0 "$APP_PID" 2>/dev/null ||
			fail "the application exited: $(cat "$TMP/app.err")"
		sleep 0.2
		i=$((i + 1))
	done
	fail "desktop is '$size', expected $1; stderr: $(cat "$TMP/app.err")"
}

# --- Comparing an application under winexport with the same one on Xvfb ---
APPGRAB=$B/tests/clients/appgrab
PPMDIFF=$B/tests/clients/ppmdiff
ORACLE_GEOMETRY=1280x1024
ORACLE_DPI=96

# start_xvfb: Xvfb on a free display >= 110 with the oracle's screen, no
# window manager; sets XVFB_DISPLAY. Skips when Xvfb is not installed.
start_xvfb() {
	need_cmd Xvfb
	n=110
	while [ $n -lt 200 ]; do
		if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
			Xvfb ":$n" -screen 0 "${ORACLE_GEOMETRY}x24" \
				-dpi "$ORACLE_DPI" -nolisten tcp \
				>"$TMP/xvfb.log" 2>&1 &
			XVFB_PID=$!
			PIDS="$PIDS $XVFB_PID"
			i=0
			while [ $i -lt 50 ]; do
				if [ -e "/tmp/.X11-unix/X$n" ] &&
					xdpyinfo -display ":$n" >/dev/null 2>&1; then
					# another test's Xvfb may have won :$n
					sleep 0.1
					kill -0 "$XVFB_PID" 2>/dev/null || break
					XVFB_DISPLAY=:$n
					return 0
				fi
				kill -0 "$XVFB_PID" 2>/dev/null || break
				sleep 0.1
				i=$((i + 1))
			done
		fi
		n=$((n + 1))
	done
	fail "could not start Xvfb: $(cat "$TMP/xvfb.log")"
}

# on_xvfb ARGS...: runs ARGS on the Xvfb display in the background; sets
# XAPP_PID (the pid of env, which execs ARGS).
on_xvfb() {
	# the oracle side runs none of our code: no ASan preload
	DISPLAY=$XVFB_DISPLAY env -u LD_PRELOAD "$@" >"$TMP/xapp.out" \
		2>"$TMP/xapp.err" &
	XAPP_PID=$!
	PIDS="$PIDS $XAPP_PID"
}

# grab_xvfb OUT.ppm: the application's window on Xvfb once stable.
grab_xvfb() {
	DISPLAY=$XVFB_DISPLAY "$APPGRAB" --timeout 15 "$1" >"$TMP/xsize" \
		2>"$TMP/appgrab.err" ||
		fail "on Xvfb $XVFB_DISPLAY: $(cat "$TMP/appgrab.err") $(cat "$TMP/xapp.err") $(cat "$TMP/xvfb.log")"
}

# start_oracle_app ARGS...: start_app with the oracle's screen.
start_oracle_app() {
	start_app --geometry "$ORACLE_GEOMETRY" --dpi "$ORACLE_DPI" "$@"
}

# grab_vnc OUT.ppm: the VNC desktop once two grabs in a row are equal and
# it has the size the Xvfb window had.
grab_vnc() {
	want=$(cat "$TMP/xsize")
	i=0
	rm -f "$TMP/vprev.ppm"
	while [ $i -lt 40 ]; do
		kill -0 "$APP_PID" 2>/dev/null ||
			fail "the application exited: $(cat "$TMP/app.err")"
		if "$VNCGRAB" --timeout 5 "127.0.0.1:$PORT" sleep 100 \
			grab "$1" >/dev/null 2>"$TMP/vnc.err" &&
			[ "$(head -n 2 "$1" | tail -n 1 | tr ' ' x)" = "$want" ]; then
			[ -f "$TMP/vprev.ppm" ] && cmp -s "$1" "$TMP/vprev.ppm" &&
				return 0
			cp "$1" "$TMP/vprev.ppm"
		fi
		sleep 0.2
		i=$((i + 1))
	done
	fail "no stable ${want} desktop: $(cat "$TMP/vnc.err") $(cat "$TMP/app.err")"
}

# compare_ppm VNC.ppm XVFB.ppm WHAT: fails with ppmdiff's account unless
# the two are identical.
compare_ppm() {
	"$PPMDIFF" "$1" "$2" "$TMP/diff.ppm" >"$TMP/ppmdiff.out" 2>&1 ||
		fail "$3 differs from Xvfb: $(cat "$TMP/ppmdiff.out")"
}

# need_libfaketime: sets LIBFAKETIME to libfaketime's path, or skips. The
# faketime wrapper is not used: killed, it leaves its /dev/shm semaphore
# behind, and a later wrapper with the same pid fails with sem_open.
need_libfaketime() {
	LIBFAKETIME=
	for f in /usr/lib/*/faketime/libfaketime.so.1; do
		[ -f "$f" ] && LIBFAKETIME=$f
	done
	[ -n "$LIBFAKETIME" ] || skip "libfaketime is not installed"
}

# oracle_app WHAT ARGS...: runs ARGS on Xvfb and under winexport and fails
# unless the main windows are identical.
oracle_app() {
	what=$1
	shift
	need_file "$LIB"
	need_file "$VNCGRAB"
	need_file "$APPGRAB"
	need_file "$PPMDIFF"
	need_cmd xdpyinfo
	start_xvfb
	on_xvfb "$@"
	grab_xvfb "$TMP/xvfb.ppm"
	start_oracle_app "$@"
	grab_vnc "$TMP/vnc.ppm"
	compare_ppm "$TMP/vnc.ppm" "$TMP/xvfb.ppm" "$what"
}
