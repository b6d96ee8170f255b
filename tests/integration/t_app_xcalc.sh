#!/bin/sh
# xcalc under winexport is pixel-identical to xcalc on Xvfb.
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_file "$APPGRAB"
need_cmd xcalc
need_cmd xdpyinfo

start_xvfb
on_xvfb xcalc
grab_xvfb "$TMP/xvfb.ppm"
start_oracle_app xcalc
grab_vnc "$TMP/vnc.ppm"
compare_ppm "$TMP/vnc.ppm" "$TMP/xvfb.ppm" xcalc
exit 0
