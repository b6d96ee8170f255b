# Sourced after lib.sh and oracle.sh by the t_tk_*.sh tests: a toolkit
# application (GTK3, Qt5, Firefox) on Xvfb and under winexport, driven by the
# same script of clicks and keys (xdotool on Xvfb, vncgrab over VNC), its
# window compared after each step.
#
# These applications are not fully deterministic (blinking text cursors,
# spinners, antialiased corners that cairo rounds differently through RENDER
# on Xvfb than through its own image code with no RENDER here), so a
# comparison counts the differing pixels and fails above a limit that the
# test states; every count is printed so that the log shows the real
# difference. The oracle Xvfb has its usual extensions, winexport none.

# tk_need CMD: skips unless CMD (the application) is installed.
tk_need() {
	[ -x "$1" ] || command -v "$1" >/dev/null 2>&1 ||
		skip "$1 is not installed"
	need_oracle xdotool
}

# tk_start CMD...: the application on Xvfb, then under winexport at the
# size it had there. TK_NAME is its main window's WM_NAME (popups are
# top-level windows too).
tk_start() {
	start_xvfb
	xvfb_app "$@"
	xvfb_grab start --name "$TK_NAME" sleep 3000
	start_winexport "$@"
	sleep 2
}

# tk_do STEP ARGS: one input step on both sides. Steps: click X Y BUTTON,
# type TEXT, key KEYSYM, sleep MS (coordinates inside the window).
tk_do() {
	case $1 in
	click)
		env -u LD_PRELOAD DISPLAY="$XDPY" xdotool mousemove \
			$((WIN_X + $2)) $((WIN_Y + $3)) sleep 0.1 click "$4"
		"$VNCGRAB" --timeout 10 "127.0.0.1:$PORT" move "$2" "$3" \
			sleep 100 click "$2" "$3" "$4" 2>"$TMP/err" ||
			fail "vncgrab: $(cat "$TMP/err")"
		;;
	type | key)
		env -u LD_PRELOAD DISPLAY="$XDPY" xdotool "$1" --delay 30 "$2"
		"$VNCGRAB" --timeout 10 "127.0.0.1:$PORT" "$1" "$2" \
			2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
		;;
	sleep)
		sleep "$(echo "$2" | awk '{ print $1 / 1000 }')"
		;;
	esac
	kill -0 "$APP_PID" 2>/dev/null ||
		fail "the application exited: $(cat "$TMP/app.err")"
}

# tk_compare NAME MAX: grabs both windows now; fails if more than MAX
# pixels differ. Prints the count.
tk_compare() {
	# GetImage on Xvfb returns what the screen shows, popups included
	"$XWINGRAB" -display "$XDPY" --name "$TK_NAME" grab "$TMP/$1.xvfb.ppm" \
		2>"$TMP/err" ||
		fail "xwingrab on Xvfb: $(cat "$TMP/err")"
	"$VNCGRAB" --timeout 10 "127.0.0.1:$PORT" grab "$TMP/$1.winexport.ppm" \
		2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
	"$PPMCMP" -n 0 -o "$TMP/$1.diff.ppm" "$TMP/$1.winexport.ppm" \
		"$TMP/$1.xvfb.ppm" >"$TMP/cmp" 2>&1
	rc=$?
	n=$(sed -n 's/^\([0-9][0-9]*\) of .*/\1/p' "$TMP/cmp" | head -n 1)
	case $rc in
	0) n=0 ;;
	1) [ -n "$n" ] || fail "$1: $(cat "$TMP/cmp")" ;;
	*) fail "$1: $(cat "$TMP/cmp")" ;;
	esac
	echo "$(basename "$0"): $1: $n pixels differ from Xvfb (limit $2)"
	if [ -n "$ORACLE_KEEP" ]; then
		mkdir -p "$ORACLE_KEEP" && cp "$TMP/$1".*.ppm "$ORACLE_KEEP/"
	fi
	[ "$n" -le "$2" ] ||
		fail "$1: winexport differs from Xvfb: $(cat "$TMP/cmp")"
}

# tk_alive: the application still runs and printed no X error.
tk_alive() {
	kill -0 "$APP_PID" 2>/dev/null ||
		fail "the application exited: $(cat "$TMP/app.err")"
	if grep -qiE 'X Window System error|X Error of failed|BadMatch|BadValue|BadWindow|BadDrawable|BadImplementation' \
		"$TMP/app.err"; then
		fail "X error: $(cat "$TMP/app.err")"
	fi
}

# tk_bbox A.ppm B.ppm: prints the bounding box of their differences,
# X1 Y1 X2 Y2, or nothing.
tk_bbox() {
	"$PPMCMP" -n 0 "$1" "$2" 2>&1 | sed -n \
		's/.* in \([0-9]*\),\([0-9]*\)-\([0-9]*\),\([0-9]*\) .*/\1 \2 \3 \4/p'
}

# tk_menu X Y BUTTON: clicks at X,Y on both sides to open a popup and
# checks that it shows over VNC where it shows on Xvfb: the box of pixels
# that changed must be the same within 3 pixels. (Xvfb's GetImage shows the
# popups of GTK and Qt black, survey F6, so their pixels are not compared.)
tk_menu() {
	"$XWINGRAB" -display "$XDPY" --name "$TK_NAME" grab "$TMP/pre.xvfb.ppm" \
		2>"$TMP/err" || fail "xwingrab on Xvfb: $(cat "$TMP/err")"
	"$VNCGRAB" --timeout 10 "127.0.0.1:$PORT" grab "$TMP/pre.vnc.ppm" \
		2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
	tk_do click "$1" "$2" "$3"
	tk_do sleep 1000
	"$XWINGRAB" -display "$XDPY" --name "$TK_NAME" grab "$TMP/menu.xvfb.ppm" \
		2>"$TMP/err" || fail "xwingrab on Xvfb: $(cat "$TMP/err")"
	"$VNCGRAB" --timeout 10 "127.0.0.1:$PORT" grab "$TMP/menu.vnc.ppm" \
		2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
	want=$(tk_bbox "$TMP/menu.xvfb.ppm" "$TMP/pre.xvfb.ppm")
	got=$(tk_bbox "$TMP/menu.vnc.ppm" "$TMP/pre.vnc.ppm")
	echo "$(basename "$0"): menu at $1,$2: changed ($got), on Xvfb ($want)"
	[ -n "$want" ] || fail "no menu on Xvfb"
	[ -n "$got" ] || fail "no menu over VNC"
	set -- $want $got
	for k in 1 2 3 4; do
		eval "a=\$$k b=\$$((k + 4))"
		[ $((a - b)) -le 3 ] && [ $((b - a)) -le 3 ] ||
			fail "the menu is at ($got), on Xvfb at ($want)"
	done
}
