#!/bin/sh
# Everything the wrapper does can be done with environment variables alone:
# LD_PRELOAD=libwinexport.so WINEXPORT_PORT=N xlogo serves xlogo.
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xlogo

LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD }$LIB" WINEXPORT_PORT=0 DISPLAY=:0 \
	xlogo 2>"$TMP/app.err" &
APP_PID=$!
PIDS="$PIDS $APP_PID"
wait_port
wait_size 100x100
"$VNCGRAB" "127.0.0.1:$PORT" pixel 50 3 pixel 40 50 >"$TMP/px" ||
	fail "vncgrab failed"
[ "$(sed -n 1p "$TMP/px")" = ffffff ] || fail "background is not white"
[ "$(sed -n 2p "$TMP/px")" = 000000 ] || fail "no logo in the middle"
exit 0
