#!/bin/sh
# The shim is invisible to a process that never opens a display: the exit
# status, stdout and stderr are exactly those without it.
. "$(dirname "$0")/lib.sh"
need_file "$LIB"

LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$LIB" sh -c 'echo out; echo err >&2; exit 7' \
	>"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 7 ] || fail "exited $rc, expected 7"
[ "$(cat "$TMP/out")" = "out" ] || fail "stdout: $(cat "$TMP/out")"
[ "$(cat "$TMP/err")" = "err" ] || fail "stderr: $(cat "$TMP/err")"

# Through the wrapper, the status is the application's too.
"$WINEXPORT" --port 0 sh -c 'exit 9' 2>"$TMP/err"
rc=$?
[ $rc -eq 9 ] || fail "winexport sh -c 'exit 9' exited $rc: $(cat "$TMP/err")"
exit 0
