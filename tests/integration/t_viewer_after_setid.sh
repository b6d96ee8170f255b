#!/bin/sh
# Viewers can still connect after the application called setgid(): glibc
# interrupts every thread for it, which ended libvncserver's listener.
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_file "$B/tests/clients/setid"

start_app "$B/tests/clients/setid"
sleep 0.6
"$VNCGRAB" --timeout 5 "127.0.0.1:$PORT" size pixel 10 10 >"$TMP/out" \
	2>"$TMP/err" || fail "no viewer after setgid: $(cat "$TMP/err")"
[ "$(tr '\n' ' ' <"$TMP/out")" = "64x48 ffffff " ] ||
	fail "unexpected desktop: $(cat "$TMP/out")"
exit 0
