#!/bin/sh
# xev under winexport prints the events a VNC client sends: crossing,
# motion, buttons 1-7 (4/5 the wheel, 6/7 horizontal), keys. When xdotool
# is installed, the same actions on xev on Xvfb must print the same events
# (names, modes, details, focus flags, states, buttons, keysyms).
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xev

# Event lines without what differs between servers (serials, times, ids).
normalise() {
	sed -n -e 's/ event, serial [0-9]*, synthetic \([A-Z]*\), window 0x[0-9a-f]*,/ \1/p' \
		-e 's/^    state \(0x[0-9a-f]*\), button \([0-9]\).*/    state \1 button \2/p' \
		-e 's/^    state \(0x[0-9a-f]*\), keycode [0-9]* (keysym \(0x[0-9a-f]*\), \([^)]*\)).*/    state \1 keysym \2 \3/p' \
		-e 's/^    mode \(.*\), same_screen YES,$/    mode \1/p' \
		-e 's/^    focus \(.*\)$/    focus \1/p' "$1" |
		sed -n '/^EnterNotify/,$p' | grep -v '^MappingNotify'
}

start_app --geometry 1280x1024 --dpi 96 xev
wait_size 178x178
"$VNCGRAB" "127.0.0.1:$PORT" move 5 5 sleep 200 move 50 50 sleep 200 \
	click 50 50 1 click 50 50 2 click 50 50 3 click 50 50 4 \
	click 50 50 5 click 50 50 6 click 50 50 7 sleep 100 type 'a' \
	sleep 100 move 5 5 sleep 300 2>"$TMP/err" ||
	fail "vncgrab: $(cat "$TMP/err")"
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null
normalise "$TMP/app.out" >"$TMP/ours"

for want in "^EnterNotify NO" "^LeaveNotify NO" "^MotionNotify NO" \
	"^KeyPress NO" "keysym 0x61 a" "mode NotifyNormal, detail NotifyAncestor"; do
	grep -q "$want" "$TMP/ours" || fail "no '$want' in xev's output: $(cat "$TMP/ours")"
done
for b in 1 2 3 4 5 6 7; do
	[ "$(grep -c "button $b\$" "$TMP/ours")" = 2 ] ||
		fail "button $b: no press and release: $(cat "$TMP/ours")"
done

command -v xdotool >/dev/null 2>&1 ||
	skip "xev takes input, but xdotool is not installed to compare with Xvfb"
start_xvfb
on_xvfb xev
sleep 0.5
X="env -u LD_PRELOAD DISPLAY=$XVFB_DISPLAY xdotool"
$X mousemove 7 7 sleep 0.2 mousemove 52 52 sleep 0.2 click 1 click 2 \
	click 3 click 4 click 5 click 6 click 7 sleep 0.1 type a
sleep 0.1
$X mousemove 7 7 sleep 0.3
kill "$XAPP_PID"
wait "$XAPP_PID" 2>/dev/null
normalise "$TMP/xapp.out" >"$TMP/xvfb"
diff -u "$TMP/xvfb" "$TMP/ours" >"$TMP/diff" ||
	fail "xev prints other events than on Xvfb: $(cat "$TMP/diff")"
exit 0
