#!/bin/sh
# xfontsel under winexport is pixel-identical to xfontsel on Xvfb.
. "$(dirname "$0")/lib.sh"
need_cmd xfontsel
oracle_app xfontsel xfontsel
exit 0
