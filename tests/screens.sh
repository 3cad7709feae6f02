#!/bin/sh
# Every screen (home, its help, the lesson list, a lesson, the safety
# check, the routine list, the progress view, the activity rating and the
# single items) through sizes from 1x1 to
# 300x100, Ctrl-Z then fg from a job-control shell, and a signal (INT,
# TERM or HUP in turn): the program never dies on a size, comes back
# drawn, and leaves the terminal sane.
. "$TOP_SRCDIR/tests/lib.sh"

tui_need_tmux
BC_TMUX_SOCK=$BC_SOCK
# Skip the welcome in every run.
bc_make_db; [ "$STATUS" -eq 0 ] || fail "the progress file: $ERR"
sqlite3 "$BACKCARE_DB" "INSERT OR REPLACE INTO meta VALUES ('welcome_shown', '1')"

n=0
# screen NAME KEYS MARKER: opens a screen from home with KEYS (tmux key
# names, space separated) and puts it through sizes, suspend and a signal.
screen() {
	name=$1 keys=$2 marker=$3
	n=$((n + 1))
	case $((n % 3)) in 0) sig=INT;; 1) sig=TERM;; *) sig=HUP;; esac
	tmx -f /dev/null new-session -d -x 80 -y 24 "env PS1='shell> ' TERM=screen-256color HOME='$HOME' BACKCARE_DB='$BACKCARE_DB' LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -i"
	tmx set-option -g window-size manual >/dev/null 2>&1
	tui_wait "shell>" || fail "$name: shell prompt"
	tui_type "'$BACKCARE' --no-bell"
	tui_keys Enter
	tui_wait "1  Lessons" || fail "$name: home"
	# shellcheck disable=SC2086
	[ -n "$keys" ] && tui_keys $keys
	expect_screen "$marker" "$name: opens"
	for size in 1x1 2x1 10x3 39x11 40x12 41x13 132x43 300x100 1x100 300x1 80x24; do
		tui_resize "${size%x*}" "${size#*x}"
		# Each size is drawn (or passed over) before the next comes.
		tui_wait_running 5 || { fail "$name: died at $size"; break; }
		if [ "$size" = 39x11 ]; then
			tui_wait "Please enlarge" 5 || fail "$name: 39x11 asks for more room"
		fi
	done
	tui_resize 300 100
	expect_screen "$marker" "$name: drawn at 300x100 after the sizes"
	tui_resize 80 24
	expect_screen "$marker" "$name: drawn again at 80x24"
	pid=$(tui_pid)
	[ -n "$pid" ] && pass "$name: alive after every size" || fail "$name: died while resizing"
	tui_keys C-z
	expect_screen "shell>" "$name: Ctrl-Z returns to the shell"
	tui_type "fg"
	tui_keys Enter
	expect_screen "$marker" "$name: fg brings it back"
	if [ "$sig" = INT ]; then tui_keys C-c; else kill -s "$sig" "$(tui_pid)"; fi
	tui_wait_gone "$marker" || fail "$name: SIG$sig did not end it"
	expect_screen "shell>" "$name: SIG$sig ends it"
	tui_type "stty -a | tr ' ' '\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo"
	tui_keys Enter
	expect_screen "icanon echo" "$name: terminal sane after SIG$sig"
	tui_stop
	BC_TMUX_SOCK=$BC_SOCK
}

screen home "" "1  Lessons"
screen help "?" "Keys: Home"
screen lessons "1 Enter" "How your spine is built"
screen lesson "1 Enter Enter" "Your spine is a column of small bones"
screen check "2 Enter" "This check asks about warning signs"
screen routines "3 Enter" "Routines are locked"
screen progress "4 Enter" "This week:"
screen function "f" "Think of up to 5 everyday things"
screen outlook "o" "Question 1 of 8"

bc_done
