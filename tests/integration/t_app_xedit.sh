#!/bin/sh
# xedit under winexport is pixel-identical to xedit on Xvfb.
. "$(dirname "$0")/lib.sh"
need_cmd xedit
oracle_app xedit xedit
exit 0
