#!/bin/sh
# FocusIn/FocusOut in xev: with the pointer moved into xev's window by a
# VNC viewer, another client of the same display sets the focus to xev's
# window, None, xev's window again and PointerRoot (whose FocusIn goes to
# the windows under the pointer). xev must print the same focus events as
# on Xvfb with the pointer put there by xdotool.
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_file "$B/tests/clients/setfocus"
need_cmd xev

# The application: xev, then the focus changes once $2/go exists.
cat >"$TMP/focus.sh" <<'SH'
xev >"$2/xev.out" 2>&1 &
XEV=$!
while [ ! -e "$2/go" ]; do sleep 0.05; done
for f in "Event Tester" none "Event Tester" pointerroot; do
	"$1" "$f" || echo "setfocus $f failed" >>"$2/xev.out"
	sleep 0.2
done
kill $XEV
SH
normalise() {
	sed -n '/^Focus/,/^$/p' "$1" | grep -v '^$' |
		sed 's/ event, serial [0-9]*, synthetic \([A-Z]*\), window 0x[0-9a-f]*,/ \1/'
	grep "failed" "$1"
}

mkdir "$TMP/vnc" "$TMP/xvfb"
start_app --geometry 1280x1024 sh "$TMP/focus.sh" "$B/tests/clients/setfocus" "$TMP/vnc"
wait_size 178x178
"$VNCGRAB" "127.0.0.1:$PORT" move 20 20 sleep 200 2>"$TMP/err" ||
	fail "vncgrab: $(cat "$TMP/err")"
touch "$TMP/vnc/go"
wait "$APP_PID"
normalise "$TMP/vnc/xev.out" >"$TMP/ours"
grep -q "^FocusIn NO" "$TMP/ours" && grep -q "^FocusOut NO" "$TMP/ours" ||
	fail "no FocusIn and FocusOut from xev: $(cat "$TMP/ours")"

command -v xdotool >/dev/null 2>&1 ||
	skip "focus events arrive, but xdotool is not installed to compare with Xvfb"
start_xvfb
DISPLAY=$XVFB_DISPLAY env -u LD_PRELOAD sh "$TMP/focus.sh" "$B/tests/clients/setfocus" "$TMP/xvfb" &
PIDS="$PIDS $!"
sleep 0.7
env -u LD_PRELOAD DISPLAY="$XVFB_DISPLAY" xdotool mousemove 22 22 sleep 0.2
touch "$TMP/xvfb/go"
wait $!
normalise "$TMP/xvfb/xev.out" >"$TMP/xvfb.ev"
diff -u "$TMP/xvfb.ev" "$TMP/ours" >"$TMP/diff" ||
	fail "xev prints other focus events than on Xvfb: $(cat "$TMP/diff")"
exit 0
