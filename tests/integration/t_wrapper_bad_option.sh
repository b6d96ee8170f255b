#!/bin/sh
# Bad options: one message naming the problem, a usage hint, exit 2.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"

for args in "--bogus true" "--port 70000 true" "--port abc true" \
	"--geometry 100 true" "--dpi 0 true" "--port" ""; do
	# shellcheck disable=SC2086
	"$WINEXPORT" $args >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 2 ] || fail "'winexport $args' exited $rc, expected 2"
	grep -q "^winexport: " "$TMP/err" ||
		fail "'winexport $args' printed no message: $(cat "$TMP/err")"
	grep -q -- "--help" "$TMP/err" ||
		fail "'winexport $args' printed no usage hint"
done
"$WINEXPORT" --help >"$TMP/out" 2>&1 || fail "--help failed"
grep -q "usage: winexport" "$TMP/out" || fail "--help prints no usage"
"$WINEXPORT" --version >"$TMP/out" 2>&1 || fail "--version failed"
exit 0
