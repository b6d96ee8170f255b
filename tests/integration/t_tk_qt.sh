#!/bin/sh
# Qt5 widgets examples with no extension: the calculator draws like on Xvfb
# and takes clicks; lineedits takes typed text (the calculator reads no
# keys, on Xvfb either) and opens its combo box popup at the right place.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
. "$(dirname "$0")/tk.sh"
EX=/usr/lib/x86_64-linux-gnu/qt5/examples/widgets/widgets
tk_need "$EX/calculator/calculator"
tk_need "$EX/lineedits/lineedits"

TK_NAME=Calculator
tk_start "$EX/calculator/calculator"
tk_compare start 0
tk_do click 80 220 1
tk_do click 128 220 1
tk_do click 224 268 1
tk_do click 128 172 1
tk_do click 272 268 1
tk_do sleep 300
tk_compare "12+5=" 0
tk_menu 150 28 3
tk_alive
cleanup
PIDS=""
TMP=$(mktemp -d)

TK_NAME="Line Edits"
tk_start "$EX/lineedits/lineedits"
tk_compare start 0
tk_do click 120 81 1
tk_do type 'Hello Qt'
tk_do sleep 300
# the text cursor blinks: up to its 1x16 pixels differ
tk_compare typed 20
tk_menu 140 52 1
tk_alive
exit 0
