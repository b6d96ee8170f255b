#!/bin/sh
# make install puts a working wrapper, both libraries and the man page
# under PREFIX; the installed wrapper finds its libraries.
. "$(dirname "$0")/lib.sh"
need_cmd make
need_cmd xdpyinfo
unset WINEXPORT_LIBRARY
make -C "$ROOT" -s B="$B" install PREFIX="$TMP/inst" >"$TMP/make" 2>&1 ||
	fail "make install: $(tail -5 "$TMP/make")"
for f in bin/winexport lib/winexport/libwinexport.so \
	lib/winexport/libwinexport-server.so share/man/man1/winexport.1; do
	[ -f "$TMP/inst/$f" ] || fail "$f not installed"
done
"$TMP/inst/bin/winexport" --port 0 xdpyinfo >"$TMP/out" 2>"$TMP/err" ||
	fail "installed wrapper: $(cat "$TMP/err")"
grep -q "^vendor string: *winexport" "$TMP/out" ||
	fail "xdpyinfo did not reach winexport: $(head -3 "$TMP/out")"
exit 0
