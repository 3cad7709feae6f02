#!/bin/sh
# Terminals of every shape: sizes from 1x1 to 300x100 and resizes through
# them, the ASCII fallback with LANG=C, and dumb or unknown terminals.
. "$TOP_SRCDIR/tests/lib.sh"

# Unknown and dumb terminals get a clear message, not a broken screen.
tui_need_tmux
TUI_TERM=dumb tui_start 80 24
tui_wait_exit
[ "$STATUS" = 1 ] && pass "TERM=dumb exits 1" || fail "TERM=dumb exit $STATUS"
expect_screen "cannot move the cursor" "TERM=dumb is explained"
tui_stop
TUI_TERM=no-such-terminal tui_start 80 24
tui_wait_exit
[ "$STATUS" = 1 ] && pass "unknown TERM exits 1" || fail "unknown TERM exit $STATUS"
expect_screen "'no-such-terminal' is unknown" "unknown TERM is named"
tui_stop
TUI_ENV="unset TERM" tui_start 80 24
tui_wait_exit
[ "$STATUS" = 1 ] && pass "no TERM exits 1" || fail "no TERM exit $STATUS"
expect_screen "TERM is not set" "missing TERM is explained"
tui_stop

# Every size from tiny to huge, resizing one running program.
tui_start 80 24
tui_wait "Welcome to backcare" && tui_keys Enter
tui_wait "1  Lessons" || fail "home screen"
for size in 1x1 2x1 10x3 39x11 39x12 40x11 40x12 41x13 80x24 132x43 200x60 300x100 1x100 300x1 40x12; do
	cols=${size%x*}; rows=${size#*x}
	tui_resize "$cols" "$rows"
	# Below 40x12 the request to enlarge, as much of it as fits.
	if [ "$cols" -ge 40 ] && [ "$rows" -ge 12 ]; then
		want="Lessons"
	elif [ "$cols" -ge 8 ] && [ "$rows" -ge 2 ]; then
		want="Please"
	else
		# One column is left undrawn (ncurses misbehaves there).
		want="P"
		[ "$cols" -lt 2 ] && want=""
	fi
	if [ -z "$want" ]; then
		[ -n "$(tui_pid)" ] && pass "$size: still running" || fail "$size: died"
	elif tui_wait "$want" 5; then pass "$size shows '$want'"; else fail "$size"; fi
done
tui_resize 80 24
tui_wait "1  Lessons"
pid=$(tui_pid)
[ -n "$pid" ] && pass "still running after every size" || fail "the program died while resizing"
tui_keys q
tui_wait_exit
[ "$STATUS" = 0 ] && pass "quits cleanly after resizes" || fail "exit $STATUS after resizes"
tui_stop

# Starting at sizes below the minimum, then growing.
for size in 1x1 20x5; do
	tui_start "${size%x*}" "${size#*x}"
	if [ "$size" = 1x1 ]; then
		tui_wait_running && pass "starts at 1x1" || fail "start at 1x1"
	elif tui_wait "P" 5; then pass "starts at $size"; else fail "start at $size"; fi
	tui_resize 80 24
	expect_screen "1  Lessons" "grows from $size"
	tui_keys q
	tui_wait_exit
	tui_stop
done

# LANG=C: ASCII only on the screen, nothing broken.
TUI_LANG=C tui_start 80 24
tui_wait "1  Lessons" || { tui_wait "Welcome" && tui_keys Enter; }
expect_screen "1  Lessons" "LANG=C draws the home screen"
if tui_screen | LC_ALL=C grep -q '[^ -~]'; then
	fail "LANG=C screen has non-ASCII bytes"
else
	pass "LANG=C screen is ASCII"
fi
tui_keys q
tui_wait_exit
tui_stop

bc_done
