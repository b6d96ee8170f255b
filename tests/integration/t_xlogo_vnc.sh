#!/bin/sh
# xlogo under contrib/winexport, read back over VNC: the desktop is its
# window (100x100 by default), white with the black logo.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xlogo

start_app xlogo
wait_size 100x100
"$VNCGRAB" "127.0.0.1:$PORT" grab "$TMP/xlogo.ppm" pixel 50 3 \
	pixel 50 50 pixel 30 30 pixel 70 70 >"$TMP/pixels" 2>"$TMP/err" ||
	fail "vncgrab: $(cat "$TMP/err")"
[ "$(head -c 15 "$TMP/xlogo.ppm" | tr '\n' ' ')" = "P6 100 100 255 " ] ||
	fail "unexpected PPM header: $(head -c 15 "$TMP/xlogo.ppm")"
[ "$(sed -n 1p "$TMP/pixels")" = "ffffff" ] ||
	fail "corner is $(sed -n 1p "$TMP/pixels"), expected white"
grep -q "^000000$" "$TMP/pixels" ||
	fail "no black on the diagonal: $(tr '\n' ' ' <"$TMP/pixels")"
kill -0 "$APP_PID" 2>/dev/null || fail "xlogo exited: $(cat "$TMP/app.err")"
exit 0
