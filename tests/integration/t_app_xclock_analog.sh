#!/bin/sh
# xclock (analog, core drawing) under winexport is pixel-identical to
# Xvfb's, the time frozen by libfaketime on both sides.
. "$(dirname "$0")/lib.sh"
need_cmd xclock
need_cmd faketime
oracle_app xclock faketime -f '2024-02-29 13:37:42' xclock -norender -update 1
exit 0
