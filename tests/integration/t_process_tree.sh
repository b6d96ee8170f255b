#!/bin/sh
# Processes of one application share one display: a child started by the
# application's shell sees the window of its sibling, and the exit status is
# the shell's.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xlogo
need_cmd xwininfo

# The process that connects first serves the display for the whole tree:
# the shell waits until xlogo serves it (its window is on VNC) before
# another client connects.
export READY="$TMP/ready"
"$WINEXPORT" --port 0 sh -c '
	xlogo & pid=$!
	while [ ! -e "$READY" ]; do sleep 0.1; done
	xwininfo -root -children
	kill $pid
	exit 5' >"$TMP/out" 2>"$TMP/app.err" &
APP_PID=$!
wait_port
wait_size 100x100
touch "$READY"
wait "$APP_PID"
rc=$?
[ $rc -eq 5 ] || fail "exited $rc, expected 5: $(cat "$TMP/app.err")"
grep -q "xlogo" "$TMP/out" ||
	fail "xwininfo does not see xlogo's window: $(cat "$TMP/out")"
exit 0
