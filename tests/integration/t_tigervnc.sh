#!/bin/sh
# A real VNC viewer: TigerVNC's vncviewer, running on an Xvfb of its own,
# shows xlogo served by winexport pixel-identical to xlogo drawn by
# Xvfb -dpi 96 itself.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
need_oracle xlogo
need_cmd vncviewer

start_xvfb
xvfb_app xlogo
xvfb_grab xlogo
start_winexport xlogo

ORACLE_DPY=$XDPY
start_xvfb # the viewer's own display
[ "$XDPY" != "$ORACLE_DPY" ] || fail "the viewer needs a display of its own"
env -u LD_PRELOAD DISPLAY="$XDPY" vncviewer -AutoSelect=0 \
	-PreferredEncoding=raw -SecurityTypes=None "127.0.0.1::$PORT" \
	>"$TMP/viewer.log" 2>&1 &
PIDS="$PIDS $!"
# The viewer overlays a hint for a few seconds: wait until it is gone.
i=0
while [ $i -lt 40 ]; do
	if "$XWINGRAB" -display "$XDPY" --timeout 5 --class "TigerVNC Viewer" grab "$TMP/viewer.ppm" \
		2>"$TMP/err" &&
		"$PPMCMP" "$TMP/viewer.ppm" "$TMP/xlogo.xvfb.ppm" \
			>"$TMP/cmp" 2>&1; then
		exit 0
	fi
	sleep 0.5
	i=$((i + 1))
done
fail "vncviewer shows something else: $(head -3 "$TMP/cmp") $(cat "$TMP/err") $(tail -3 "$TMP/viewer.log")"
