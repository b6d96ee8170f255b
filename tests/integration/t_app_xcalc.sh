#!/bin/sh
# xcalc under winexport is pixel-identical to xcalc on Xvfb.
. "$(dirname "$0")/lib.sh"
need_cmd xcalc
oracle_app xcalc xcalc
exit 0
