#!/bin/sh
# gtk3-widget-factory with no extension: draws like on Xvfb, takes typed
# text, and its window menu opens where it does on Xvfb. Cursor blink and
# animations (the spinners) are off on both sides (settings.ini).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
. "$(dirname "$0")/tk.sh"
tk_need gtk3-widget-factory
# Measured: with only the ASan runtime preloaded, gtk3-widget-factory hangs
# on a plain Xvfb too (no window in 20 s, no CPU), winexport not involved.
[ -z "$WINEXPORT_ASAN" ] ||
	skip "gtk3-widget-factory hangs under the ASan runtime, even on Xvfb alone"
mkdir -p "$TMP/cfg/gtk-3.0"
printf '[Settings]\ngtk-cursor-blink = false\ngtk-enable-animations = false\n' \
	>"$TMP/cfg/gtk-3.0/settings.ini"
XDG_CONFIG_HOME=$TMP/cfg
export XDG_CONFIG_HOME

# its window (1366x741) is wider than the usual oracle screen
ORACLE_GEOMETRY=1920x1080
TK_NAME=gtk3-widget-factory
tk_start gtk3-widget-factory
# antialiased corners rounded differently (cairo through RENDER on Xvfb, its
# own image code here), the tree view header band, "50%": 8139 pixels
tk_compare start 10000
tk_do type 'typed over VNC'
tk_do sleep 500
tk_compare typed 10000
tk_menu 1210 27 1
tk_do key Escape
tk_alive
exit 0
