#!/bin/sh
# xmag under winexport is pixel-identical to xmag on Xvfb. It magnifies the
# root at start-up, before its window maps: black on both (no -retro).
. "$(dirname "$0")/lib.sh"
need_cmd xmag
oracle_app xmag xmag -source 64x40+0+0 -mag 2 -geometry +0+0
exit 0
