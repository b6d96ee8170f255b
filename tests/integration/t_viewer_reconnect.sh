#!/bin/sh
# Viewers come and go, one at a time and two at once, and the application
# keeps running and serving.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xlogo

start_app xlogo
wait_size 100x100
for n in 1 2 3; do
	"$VNCGRAB" "127.0.0.1:$PORT" grab "$TMP/$n.ppm" 2>"$TMP/err" ||
		fail "viewer $n: $(cat "$TMP/err")"
	kill -0 "$APP_PID" 2>/dev/null ||
		fail "xlogo exited after viewer $n left: $(cat "$TMP/app.err")"
done
cmp -s "$TMP/1.ppm" "$TMP/3.ppm" || fail "the picture changed between viewers"

# A viewer that vanishes mid-session (killed), then two at once.
"$VNCGRAB" --timeout 30 "127.0.0.1:$PORT" sleep 20000 2>/dev/null &
V=$!
PIDS="$PIDS $V"
sleep 1
kill -9 "$V"
"$VNCGRAB" "127.0.0.1:$PORT" grab "$TMP/4.ppm" 2>"$TMP/err4" &
A=$!
"$VNCGRAB" "127.0.0.1:$PORT" grab "$TMP/5.ppm" 2>"$TMP/err5" ||
	fail "second of two viewers: $(cat "$TMP/err5")"
wait "$A" || fail "first of two viewers: $(cat "$TMP/err4")"
cmp -s "$TMP/1.ppm" "$TMP/4.ppm" && cmp -s "$TMP/1.ppm" "$TMP/5.ppm" ||
	fail "concurrent viewers saw a different picture"
kill -0 "$APP_PID" 2>/dev/null || fail "xlogo exited: $(cat "$TMP/app.err")"
exit 0
