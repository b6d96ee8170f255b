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
i=0
while [ $i -lt 100 ] && [ -z "$PORT" ]; do
	PORT=$(sed -n 's|^winexport: .* on vnc://.*:\([0-9][0-9]*\)$|\1|p' \
		"$TMP/app.err" | head -n 1)
	sleep 0.1
	i=$((i + 1))
done
[ -n "$PORT" ] || fail "no 'on vnc://' line: $(cat "$TMP/app.err")"
wait_size 100x100
"$VNCGRAB" "127.0.0.1:$PORT" pixel 50 3 pixel 40 50 >"$TMP/px" ||
	fail "vncgrab failed"
[ "$(sed -n 1p "$TMP/px")" = ffffff ] || fail "background is not white"
[ "$(sed -n 2p "$TMP/px")" = 000000 ] || fail "no logo in the middle"
exit 0
