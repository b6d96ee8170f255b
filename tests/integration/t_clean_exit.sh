#!/bin/sh
# The application exiting ends the server with it: its exit status comes
# through, and no listening socket (VNC port, private abstract socket) and
# no file is left behind.
. "$(dirname "$0")/lib.sh"
need_file "$WINEXPORT"
need_file "$LIB"
need_cmd xdpyinfo

before=$(ls -A /tmp/.X11-unix 2>/dev/null | sort | tr '\n' ' ')
mkdir "$TMP/tmpdir"
# The wrapper execs the application, so the private socket is named
# after this pid.
TMPDIR="$TMP/tmpdir" "$WINEXPORT" --port 0 xdpyinfo >"$TMP/out" \
	2>"$TMP/err" &
pid=$!
wait $pid
rc=$?
[ $rc -eq 0 ] || fail "xdpyinfo exited $rc: $(cat "$TMP/err")"
grep -q "^vendor string: *winexport" "$TMP/out" ||
	fail "xdpyinfo did not reach winexport: $(head -5 "$TMP/out")"
port=$(sed -n 's|^winexport: .* on vnc://.*:\([0-9][0-9]*\)$|\1|p' \
	"$TMP/err")
[ -n "$port" ] || fail "no port announced: $(cat "$TMP/err")"
# Nothing listens on the port any more.
hexport=$(printf '%04X' "$port")
if grep -q ":$hexport 00000000:0000 0A" /proc/net/tcp 2>/dev/null; then
	fail "port $port still listening"
fi
# The private abstract socket went with the process.
if grep -q "@winexport-$pid-" /proc/net/unix 2>/dev/null; then
	fail "abstract socket @winexport-$pid-... still bound"
fi
# winexport binds no path: any new entry in /tmp/.X11-unix must belong to
# someone else's live server (other tests run Xvfb), never be a stale file.
for name in $(ls -A /tmp/.X11-unix 2>/dev/null); do
	case " $before " in *" $name "*) continue ;; esac
	grep -q " /tmp/.X11-unix/$name\$" /proc/net/unix ||
		fail "stale /tmp/.X11-unix/$name left behind"
done
[ -z "$(ls -A "$TMP/tmpdir")" ] ||
	fail "files left in TMPDIR: $(ls -A "$TMP/tmpdir")"
# A failing application's status comes through too.
"$WINEXPORT" --port 0 sh -c 'xdpyinfo >/dev/null && exit 3' 2>/dev/null
rc=$?
[ $rc -eq 3 ] || fail "sh -c 'xdpyinfo && exit 3' exited $rc"
exit 0
