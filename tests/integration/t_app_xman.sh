#!/bin/sh
# xman under winexport is pixel-identical to xman on Xvfb.
. "$(dirname "$0")/lib.sh"
need_cmd xman
oracle_app xman xman
exit 0
