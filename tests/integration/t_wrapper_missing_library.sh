#!/bin/sh
# No libwinexport.so: a clear message and exit 1, both when
# WINEXPORT_LIBRARY names a missing file and when nothing is found next to
# the wrapper.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"

WINEXPORT_LIBRARY=$TMP/nowhere/libwinexport.so "$WINEXPORT" true 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] || fail "WINEXPORT_LIBRARY missing: exited $rc, expected 1"
grep -q "^winexport: .*libwinexport.so" "$TMP/err" ||
	fail "no message naming the library: $(cat "$TMP/err")"

mkdir -p "$TMP/bin"
cp "$WINEXPORT" "$TMP/bin/winexport"
(unset WINEXPORT_LIBRARY; "$TMP/bin/winexport" true) 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] || fail "no library next to the wrapper: exited $rc, expected 1"
grep -q "^winexport: cannot find libwinexport.so" "$TMP/err" ||
	fail "unexpected message: $(cat "$TMP/err")"
exit 0
