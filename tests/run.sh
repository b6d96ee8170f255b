#!/bin/sh
# Runs every test: unit and in-process protocol binaries (which print
# "<name>: N passed, N failed, N skipped") and integration scripts (exit 0
# pass, 77 skip, anything else fail). Prints the total as the last line.
B=${B:-build}
export B
passed=0 failed=0 skipped=0
failures=""
log=$(mktemp -d "${TMPDIR:-/tmp}/winexport-tests.XXXXXX")
trap 'rm -rf "$log"' EXIT

for t in "$B"/tests/unit/* "$B"/tests/xcb/*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	name=$(basename "$t")
	out="$log/$name.out"
	timeout 300 "$t" >"$out" 2>&1
	rc=$?
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name (exit $rc, no summary)"
		tail -n 20 "$out"
		failed=$((failed + 1))
		failures="$failures $name"
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
	if [ "$f" != 0 ] || [ "$rc" != 0 ]; then
		grep -E "^(FAIL|    )" "$out"
		failures="$failures $name"
		[ "$f" = 0 ] && failed=$((failed + 1))
	fi
	echo "$line"
done

for t in tests/integration/t_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	out="$log/$name.out"
	timeout 300 sh "$t" >"$out" 2>&1
	rc=$?
	case $rc in
	0) echo "ok   $name"; passed=$((passed + 1)) ;;
	77) echo "SKIP $name: $(tail -n 1 "$out")"; skipped=$((skipped + 1)) ;;
	*)
		echo "FAIL $name (exit $rc)"
		tail -n 30 "$out"
		failed=$((failed + 1))
		failures="$failures $name"
		;;
	esac
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
