#!/bin/sh
# A taken port fails before the application starts: exit 1, one message.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"

# The first wrapper holds a port while its (non-X) command sleeps.
start_app sleep 30
"$WINEXPORT" --port "$PORT" sh -c 'echo started' >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -ne 0 ] || fail "second wrapper on port $PORT exited 0"
[ ! -s "$TMP/out" ] || fail "the command ran although the port was taken"
[ "$(cat "$TMP/err")" = "winexport: cannot listen on 127.0.0.1:$PORT: Address already in use" ] ||
	fail "unexpected message: $(cat "$TMP/err")"
exit 0
