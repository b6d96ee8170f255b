# Sourced after lib.sh by the t_oracle_*.sh tests: Xvfb as the oracle. The
# same client runs on Xvfb and under contrib/winexport, both at the same
# screen size and dpi with no window manager; the window's inside, read with
# GetImage on Xvfb (xwingrab) and over VNC from winexport (vncgrab), must be
# pixel-identical. Set ORACLE_KEEP=DIR to keep the pictures of a failure.
XWINGRAB=$B/tests/clients/xwingrab
PPMCMP=$B/tests/clients/ppmcmp
ORACLE_GEOMETRY=1280x1024

# need_oracle CLIENT: skips without Xvfb or CLIENT; our tools must be built.
need_oracle() {
	need_cmd Xvfb
	need_cmd "$1"
	for f in "$WINEXPORT" "$LIB" "$VNCGRAB" "$XWINGRAB" "$PPMCMP"; do
		[ -e "$f" ] || fail "$f is not built (make tests)"
	done
}

# start_xvfb: Xvfb on a display number it picks itself (-displayfd), killed
# at exit; sets XDPY. The Xvfb side runs without lib.sh's LD_PRELOAD (the
# ASan runtime is for our code only).
start_xvfb() {
	rm -f "$TMP/xvfb.dpy" # not a previous Xvfb's number
	env -u LD_PRELOAD Xvfb -displayfd 3 -screen 0 "${ORACLE_GEOMETRY}x24" \
		-dpi 96 -nolisten tcp 3>"$TMP/xvfb.dpy" 2>"$TMP/xvfb.err" &
	PIDS="$PIDS $!"
	i=0
	while ! grep -q '^[0-9][0-9]*$' "$TMP/xvfb.dpy" 2>/dev/null; do
		[ $i -lt 50 ] ||
			fail "Xvfb did not start: $(cat "$TMP/xvfb.err")"
		sleep 0.1
		i=$((i + 1))
	done
	XDPY=:$(cat "$TMP/xvfb.dpy")
}

# xvfb_app CMD...: runs CMD on the Xvfb display in the background.
xvfb_app() {
	env -u LD_PRELOAD DISPLAY="$XDPY" "$@" 2>"$TMP/xvfb_app.err" &
	PIDS="$PIDS $!"
}

# xvfb_grab NAME [XWINGRAB-CMDS...]: waits for the top-level window, runs
# the commands, lets the client draw, writes $TMP/NAME.xvfb.ppm and sets
# WIN_X WIN_Y WIN_W WIN_H (the inside's root position and size).
xvfb_grab() {
	name=$1
	shift
	"$XWINGRAB" -display "$XDPY" "$@" sleep 500 geometry \
		grab "$TMP/$name.xvfb.ppm" >"$TMP/geometry" 2>"$TMP/err" ||
		fail "xwingrab on Xvfb: $(cat "$TMP/err")"
	read -r WIN_X WIN_Y WIN_W WIN_H <"$TMP/geometry"
}

# start_winexport CMD...: the same client under contrib/winexport; waits
# until the desktop has the size of the Xvfb window. APP_PRELOAD, if set,
# is appended to LD_PRELOAD for the application alone (the wrapper puts
# libwinexport.so before it).
start_winexport() {
	saved_preload=${LD_PRELOAD-}
	if [ -n "$APP_PRELOAD" ]; then
		LD_PRELOAD=${LD_PRELOAD:+$LD_PRELOAD:}$APP_PRELOAD
		export LD_PRELOAD
	fi
	start_app --geometry "$ORACLE_GEOMETRY" --dpi 96 "$@"
	if [ -n "$saved_preload" ]; then
		LD_PRELOAD=$saved_preload
	else
		unset LD_PRELOAD
	fi
	wait_size "${WIN_W}x$WIN_H"
}

# vnc_match NAME [VNCGRAB-CMDS...]: runs the commands, then grabs the VNC
# desktop until it equals $TMP/NAME.xvfb.ppm (for up to 3 s, for the client
# to draw); fails with ppmcmp's summary if it never does.
vnc_match() {
	name=$1
	shift
	ref=$TMP/$name.xvfb.ppm
	out=$TMP/$name.winexport.ppm
	i=0
	while :; do
		"$VNCGRAB" --timeout 5 "127.0.0.1:$PORT" "$@" grab "$out" \
			2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
		"$PPMCMP" -o "$TMP/$name.diff.ppm" "$out" "$ref" >"$TMP/cmp" 2>&1
		case $? in
		0) return 0 ;;
		1) ;;
		*) fail "ppmcmp: $(cat "$TMP/cmp")" ;;
		esac
		[ $i -lt 15 ] || break
		set --
		sleep 0.2
		i=$((i + 1))
	done
	if [ -n "$ORACLE_KEEP" ]; then
		mkdir -p "$ORACLE_KEEP" &&
			cp "$out" "$ref" "$TMP/$name.diff.ppm" "$ORACLE_KEEP/"
	fi
	echo "xproxy log:"
	tail -n 20 "$TMP/app.err"
	fail "$name: winexport (left) differs from Xvfb (right): $(cat "$TMP/cmp")"
}
