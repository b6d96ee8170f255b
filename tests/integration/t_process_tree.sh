#!/bin/sh
# Processes of one application share one display: a child started by the
# application's shell sees the window of its sibling, and the exit status is
# the shell's.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"
need_cmd xlogo
need_cmd xwininfo

"$WINEXPORT" --port 0 sh -c '
	xlogo & pid=$!
	# Whoever connects first serves the display: let it be xlogo.
	sleep 1
	i=0
	while [ $i -lt 50 ]; do
		xwininfo -root -children 2>/dev/null | grep -q "1 child" && break
		sleep 0.2; i=$((i + 1))
	done
	xwininfo -root -children
	kill $pid
	exit 5' >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 5 ] || fail "exited $rc, expected 5: $(cat "$TMP/err")"
grep -q "xlogo" "$TMP/out" ||
	fail "xwininfo does not see xlogo's window: $(cat "$TMP/out")"
exit 0
