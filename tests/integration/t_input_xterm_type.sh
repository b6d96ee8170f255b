#!/bin/sh
# Typing "echo héllo" and Return from a VNC viewer into xterm (UTF-8) runs
# the command, which prints héllo: the shell in xterm writes the line it
# read and the command's output to files that we read back. With xdotool,
# the same typed on Xvfb must leave xterm pixel-identical.
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xterm
LC_ALL=C.UTF-8
export LC_ALL

# xterm's shell: one line in, the line and its output to files, then wait.
cat >"$TMP/readline.sh" <<'SH'
IFS= read -r line
printf '%s\n' "$line" >"$1/typed.tmp" && mv "$1/typed.tmp" "$1/typed"
sh -c "$line" | tee "$1/out.tmp"
mv "$1/out.tmp" "$1/out"
sleep 60
SH
mkdir "$TMP/vnc" "$TMP/xvfb"
XTERM="xterm +bc -fn fixed -u8 -e sh $TMP/readline.sh"

start_app --geometry "$ORACLE_GEOMETRY" --dpi "$ORACLE_DPI" $XTERM "$TMP/vnc"
wait_size 484x316
"$VNCGRAB" "127.0.0.1:$PORT" move 100 100 sleep 200 type 'echo héllo' \
	key Return sleep 200 2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
i=0
while [ ! -f "$TMP/vnc/out" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -f "$TMP/vnc/out" ] || fail "the shell in xterm got no line: $(cat "$TMP/app.err")"
[ "$(cat "$TMP/vnc/typed")" = "echo héllo" ] ||
	fail "xterm read '$(cat "$TMP/vnc/typed")', expected 'echo héllo'"
[ "$(cat "$TMP/vnc/out")" = "héllo" ] ||
	fail "the command printed '$(cat "$TMP/vnc/out")', expected 'héllo'"

command -v xdotool >/dev/null 2>&1 ||
	skip "typing works, but xdotool is not installed to compare with Xvfb"
need_file "$APPGRAB"
start_xvfb
on_xvfb $XTERM "$TMP/xvfb"
DISPLAY=$XVFB_DISPLAY "$APPGRAB" --timeout 15 "$TMP/x0.ppm" >/dev/null ||
	fail "xterm did not start on Xvfb: $(cat "$TMP/xapp.err")"
env -u LD_PRELOAD DISPLAY="$XVFB_DISPLAY" xdotool mousemove 100 100 sleep 0.2 \
	type 'echo héllo'
env -u LD_PRELOAD DISPLAY="$XVFB_DISPLAY" xdotool key Return
i=0
while [ ! -f "$TMP/xvfb/out" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cat "$TMP/xvfb/out" 2>/dev/null)" = "héllo" ] ||
	fail "on Xvfb, xdotool's typing printed '$(cat "$TMP/xvfb/out" 2>/dev/null)'"
grab_xvfb "$TMP/xvfb.ppm"
grab_vnc "$TMP/vnc.ppm"
compare_ppm "$TMP/vnc.ppm" "$TMP/xvfb.ppm" "xterm after typing"
exit 0
