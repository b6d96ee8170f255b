#!/bin/sh
# Xvfb as the oracle: xeyes follows the pointer the same way under
# contrib/winexport and on Xvfb. winexport offers neither SHAPE nor RENDER
# nor Present, so xeyes draws with core requests there; on Xvfb +shape
# +render +present make it do the same. The pointer goes to the same root
# position on both sides: on Xvfb by WarpPointer plus an XTest motion
# (xeyes listens for XI2 raw motion there; it polls QueryPointer where XInput
# is absent), over VNC by a pointer event at that position minus the
# window's inside origin (the desktop is the window's inside).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
need_oracle xeyes
EYES="xeyes +shape +render +present"

start_xvfb
xvfb_app $EYES
# window-relative points, both inside the 150x100 window
AX=119 AY=29 BX=10 BY=90
xvfb_grab start
xvfb_grab a warp $((WIN_X + AX)) $((WIN_Y + AY))
xvfb_grab b warp $((WIN_X + BX)) $((WIN_Y + BY))
"$PPMCMP" "$TMP/a.xvfb.ppm" "$TMP/b.xvfb.ppm" >/dev/null &&
	fail "the eyes on Xvfb did not follow the pointer"

start_winexport $EYES
vnc_match a move $AX $AY
vnc_match b move $BX $BY
"$PPMCMP" "$TMP/a.winexport.ppm" "$TMP/b.winexport.ppm" >/dev/null &&
	fail "the eyes under winexport did not follow the pointer"
kill -0 "$APP_PID" 2>/dev/null || fail "xeyes exited: $(cat "$TMP/app.err")"
exit 0
