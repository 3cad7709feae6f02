#!/bin/sh
# The countdown writes each frame to the terminal in one write(): strace
# counts the program's writes while the test clock moves a routine on by
# eight seconds, a frame each.  (ncurses flushed at every cursor jump
# until it had once left its initial state: about 6.6 writes a frame.)
. "$TOP_SRCDIR/tests/lib.sh"

command -v strace >/dev/null 2>&1 || skip_all "strace is not installed"
strace -o /dev/null true 2>/dev/null || skip_all "strace cannot trace here"
C="$TOP_SRCDIR/tests/fixtures/routines"
printf 'age=40\nweeks=2\n' | "$BACKCARE" screen --answers - >/dev/null

TUI_WRAP="strace -e trace=write -o $T/trace" TUI_ENV=$(tui_clock_env) \
	tui_start 100 30 --content-dir "$C" --no-bell
tui_home || fail "the home screen"
tui_keys Down Down Enter
tui_wait "Routines are" || fail "the routine list"
tui_choose "A long hold"
tui_keys Enter
tui_wait "Press Enter to start" && tui_keys Enter
tui_wait "how much does your back hurt" && tui_keys Enter
expect_screen "0:30 left" "the countdown, standing with the clock"
before=$(grep -c '^write(1,' "$T/trace")
i=1
while [ $i -le 8 ]; do
	tui_clock_advance 1000
	tui_wait "0:$((30 - i)) left" || fail "second $i"
	i=$((i + 1))
done
# The last frame is on the screen, so its write is in the trace.
after=$(grep -c '^write(1,' "$T/trace")
frames=$((after - before))
echo "# $frames writes for 8 frames"
[ "$frames" -ge 8 ] && pass "each second was drawn" || fail "only $frames writes for 8 frames"
[ "$frames" -le 8 ] && pass "one write per frame" || fail "$frames writes for 8 frames"
tui_keys q y Enter Enter
tui_wait "Stopped early" && tui_keys Enter
tui_keys q q
tui_wait_exit
tui_stop
bc_done
