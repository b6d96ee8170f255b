#!/bin/sh
# xterm showing text under winexport is pixel-identical to the same xterm
# on Xvfb: fixed font, no blinking cursor, a shell that prints and waits.
. "$(dirname "$0")/lib.sh"
need_cmd xterm
oracle_app xterm xterm +bc -fn fixed -e sh -c 'echo hello world; echo "  second line: 0123456789"; sleep 60'
exit 0
