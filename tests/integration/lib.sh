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
		kill "$p" 2>/dev/null
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null
	done
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

# start_app ARGS...: runs contrib/winexport --port 0 ARGS... in the
# background; sets APP_PID and PORT (read from the line it prints).
start_app() {
	"$WINEXPORT" --port 0 "$@" 2>"$TMP/app.err" &
	APP_PID=$!
	PIDS="$PIDS $APP_PID"
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
