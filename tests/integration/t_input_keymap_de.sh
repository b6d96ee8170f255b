#!/bin/sh
# With --keymap de, '@' (AltGr+q on a German keyboard) and 'ü' (a key of
# its own) typed from a VNC viewer reach xev as the keysyms at and
# udiaeresis, and so do '|', '€', 'ß' and a Cyrillic letter (bound on the
# fly).
. "$(dirname "$0")/lib.sh"
need_file "$LIB"
need_file "$VNCGRAB"
need_cmd xev

start_app --keymap de xev
wait_size 178x178
"$VNCGRAB" "127.0.0.1:$PORT" move 50 50 sleep 100 type '@ü|€ßж' \
	sleep 300 2>"$TMP/err" || fail "vncgrab: $(cat "$TMP/err")"
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null
grep -A2 '^KeyPress' "$TMP/app.out" |
	sed -n 's/.*(keysym 0x[0-9a-f]*, \([^)]*\)).*/\1/p' >"$TMP/keys"
for k in at udiaeresis bar EuroSign ssharp Cyrillic_zhe; do
	grep -qx "$k" "$TMP/keys" ||
		fail "no KeyPress with keysym $k; pressed: $(tr '\n' ' ' <"$TMP/keys")"
done
exit 0
