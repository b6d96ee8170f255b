#!/bin/sh
# xclock (analog, core drawing) under winexport is pixel-identical to
# Xvfb's, the time frozen by libfaketime on both sides.
. "$(dirname "$0")/lib.sh"
need_cmd xclock
need_libfaketime
# Known: with the ASan runtime and libfaketime both preloaded, the frozen
# xclock under winexport never sends a whole frame to the viewer.
[ -z "$WINEXPORT_ASAN" ] || skip "frozen time under ASan: no frame reaches the viewer (known, not yet understood)"
# the time stands still at the same instant on both sides
FAKETIME='2024-02-29 13:37:42'
export FAKETIME
oracle_app xclock sh -c 'LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$1" exec xclock -norender -update 1' sh "$LIBFAKETIME"
exit 0
