#!/bin/sh
# A command that does not exist: "winexport: CMD: command not found", 127.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"

"$WINEXPORT" --port 0 winexport-no-such-command >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 127 ] || fail "exited $rc, expected 127"
[ "$(cat "$TMP/err")" = "winexport: winexport-no-such-command: command not found" ] ||
	fail "unexpected message: $(cat "$TMP/err")"
exit 0
