#!/bin/sh
# zenity --entry (GTK3) with no extension: draws like on Xvfb, takes typed
# text from the viewer (zenity prints it on Return), and its entry's context
# menu opens at the pointer. GTK's cursor blink is off on both sides
# (settings.ini), so the pictures are stable.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
. "$(dirname "$0")/tk.sh"
tk_need zenity
mkdir -p "$TMP/cfg/gtk-3.0"
printf '[Settings]\ngtk-cursor-blink = false\n' \
	>"$TMP/cfg/gtk-3.0/settings.ini"
XDG_CONFIG_HOME=$TMP/cfg
export XDG_CONFIG_HOME

TK_NAME=winexport
tk_start zenity --entry --title winexport --text hello
# cairo rounds the antialiased button corners differently through RENDER
# (Xvfb) than in its image fallback: 69 pixels, by one or two levels
tk_compare start 100
tk_do type 'hello vnc'
tk_do sleep 500
tk_compare typed 100
tk_menu 60 53 3
tk_do key Escape
tk_do sleep 300
tk_alive
# xdotool types no é on Xvfb: from here on the viewer alone
"$VNCGRAB" "127.0.0.1:$PORT" type ' héllo' key Return 2>"$TMP/err" ||
	fail "vncgrab: $(cat "$TMP/err")"
i=0
while kill -0 "$APP_PID" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cat "$TMP/app.out")" = "hello vnc héllo" ] ||
	fail "zenity printed '$(cat "$TMP/app.out")', expected 'hello vnc héllo'; $(cat "$TMP/app.err")"
exit 0
