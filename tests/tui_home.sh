#!/bin/sh
# The interactive skeleton in a real terminal: welcome, home menu, keys,
# help, resize, the too-small screen, and signals restoring the terminal.
. "$TOP_SRCDIR/tests/lib.sh"

tui_start 80 24 --emergency-number 999
expect_screen "Welcome to backcare" "first run shows the welcome"
expect_screen "Call 999 now" "the welcome names the configured number"
expect_screen "does not diagnose" "the welcome carries the safety note"
tui_keys Enter
expect_screen "1  Lessons" "home lists Lessons"
expect_screen "Safety check" "home lists the safety check"
expect_screen "Progress" "home lists Progress"
tui_keys Down Down Down
expect_screen "Sessions, pain ratings" "Down moves to Progress"
tui_keys k
expect_screen "Timed self-massage" "k moves back up to Routines"
tui_keys '?'
expect_screen "Keys: Home" "? shows the keys of the home screen"
tui_keys Space
expect_screen "1  Lessons" "any key closes the help"
tui_resize 100 30
expect_screen "Up/Down choose" "redraws after a resize"
tui_resize 30 8
expect_screen "Please enlarge" "below 40x12 asks for a larger terminal"
tui_resize 80 24
expect_screen "1  Lessons" "comes back when large enough"
tui_keys End Enter
tui_wait_exit
[ "$STATUS" = 0 ] && pass "Quit entry ends with 0" || fail "Quit exit $STATUS"
expect_sane_terminal "quit"
tui_stop

# The welcome shows once.
tui_start 80 24
expect_screen "1  Lessons" "second run goes straight home"
if tui_screen | grep -qF "Welcome to backcare"; then fail "welcome shown twice"; else pass "welcome shown once"; fi
tui_keys q
tui_wait_exit
[ "$STATUS" = 0 ] && pass "q quits with 0" || fail "q exit $STATUS"
tui_stop

for sig in INT TERM HUP; do
	tui_start 80 24
	tui_wait "1  Lessons" || fail "home for $sig"
	if [ "$sig" = INT ]; then tui_keys C-c; else kill -s "$sig" "$(tui_pid)"; fi
	tui_wait_exit
	case "$sig" in INT) want=130;; TERM) want=143;; HUP) want=129;; esac
	[ "$STATUS" = "$want" ] && pass "SIG$sig exits $want" || fail "SIG$sig exit $STATUS"
	expect_sane_terminal "SIG$sig"
	tui_stop
done

# Ctrl-Z then fg: the program stops, the shell gets the terminal back,
# and fg brings the screen back.
tui_need_tmux
BC_TMUX_SOCK=$BC_SOCK
tmx -f /dev/null new-session -d -x 80 -y 24 "env PS1='shell> ' TERM=screen-256color HOME='$HOME' BACKCARE_DB='$BACKCARE_DB' LANG=C.UTF-8 sh -i"
tui_wait "shell>" || fail "shell prompt"
tui_type "'$BACKCARE'"
tui_keys Enter
expect_screen "1  Lessons" "started from a job-control shell"
tui_keys C-z
expect_screen "shell>" "Ctrl-Z returns to the shell"
tui_type "fg"
tui_keys Enter
expect_screen "1  Lessons" "fg brings the screen back"
tui_keys q
expect_screen "shell>" "quits back to the shell"
tui_type "stty -a | tr ' ' '\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo"
tui_keys Enter
expect_screen "icanon echo" "terminal sane after suspend and quit"
tui_stop

# Cursor keys in the terminal's normal mode (ESC [ B, as sent before the
# program switched it to application mode, whose Down is ESC O B) move,
# and are not read as Esc, which quits (attack 13, 8).
for term in xterm-256color vt100; do
	TUI_TERM=$term tui_start 80 24
	tui_home || fail "$term: home"
	tmx send-keys -t 0 -l "$(printf '\033[B\033[B\033[B')"
	expect_screen "Sessions, pain ratings" "$term: ESC [ B moves down"
	tmx send-keys -t 0 -l "$(printf '\033[A')"
	expect_screen "Timed self-massage" "$term: ESC [ A moves up"
	tmx send-keys -t 0 -l "$(printf '\033[F')"
	tui_keys Enter
	tui_wait_exit
	[ "$STATUS" = 0 ] && pass "$term: ESC [ F goes to Quit" || fail "$term: exit $STATUS"
	tui_stop
done

# The terminal goes away (its window closed): the program ends by itself
# and does not spin on a dead terminal.
tui_start 80 24
tui_home || fail "home before the hang-up"
pid=$(tui_pid)
tmx kill-server 2>/dev/null
i=0
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
	fail "still running 10 s after its terminal went away"
	kill -9 "$pid" 2>/dev/null
else
	pass "a hang-up ends the program"
fi
BC_TMUX_SOCK=

bc_done
