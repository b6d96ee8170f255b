#!/bin/sh
# Xvfb as the oracle: xclock (analog, then digital with a core font), drawn
# with the core protocol (-norender), under contrib/winexport and on Xvfb,
# pixel-identical. libfaketime starts both clocks at 10:08:30 (running, so
# timers still work; the minute does not change within the test). It is
# preloaded directly into the application alone, not through faketime(1),
# which would fork and leave the application behind when killed; the
# wrapper puts libwinexport.so before it in LD_PRELOAD. Monotonic time stays
# real for the server's threads.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oracle.sh"
need_oracle xclock
FTLIB=
for f in /usr/lib/*/faketime/libfaketimeMT.so.1 \
	/usr/lib/faketime/libfaketimeMT.so.1 \
	/usr/local/lib/faketime/libfaketimeMT.so.1; do
	[ -e "$f" ] && FTLIB=$f && break
done
[ -n "$FTLIB" ] || skip "libfaketime (package faketime) is not installed"
export FAKETIME="@2026-01-01 10:08:30" FAKETIME_DONT_FAKE_MONOTONIC=1
APP_PRELOAD=$FTLIB
if [ -n "$WINEXPORT_ASAN" ]; then
	# libfaketime and the ASan runtime deadlock in one process: real time,
	# each comparison started early enough in a minute.
	unset FAKETIME
	FTLIB= APP_PRELOAD=
fi

for mode in analog digital; do
	case $mode in
	analog) set -- xclock -norender ;;
	digital) set -- xclock -digital -norender ;;
	esac
	if [ -z "$FTLIB" ]; then
		sec=$(date +%S)
		sec=${sec#0}
		[ "$sec" -le 50 ] || sleep $((61 - sec))
	fi
	start_xvfb
	xvfb_app env ${FTLIB:+LD_PRELOAD="$FTLIB"} "$@"
	xvfb_grab $mode
	start_winexport "$@"
	vnc_match $mode
	kill -0 "$APP_PID" 2>/dev/null ||
		fail "$*: exited: $(cat "$TMP/app.err")"
	kill "$APP_PID"
done
exit 0
