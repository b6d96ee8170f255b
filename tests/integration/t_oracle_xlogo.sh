#!/bin/sh
# Xvfb as the oracle: xlogo under contrib/winexport, read back over VNC, is
# pixel-identical to xlogo on Xvfb -dpi 96 at the same screen size.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
need_oracle xlogo

start_xvfb
xvfb_app xlogo
xvfb_grab xlogo
start_winexport xlogo
vnc_match xlogo
kill -0 "$APP_PID" 2>/dev/null || fail "xlogo exited: $(cat "$TMP/app.err")"
exit 0
