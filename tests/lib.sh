# tests/lib.sh: the end-to-end harness, sourced by tests/*.sh.
#
# Every test gets a private folder ($T) and never touches the real home
# directory.  Plain commands run through bc_run; the interactive program
# runs in a real pseudo-terminal inside a private tmux server, and tests
# wait for text on the screen (polling every 50 ms up to a timeout), never
# for a fixed time.
#
# Checks count passes and failures; bc_done prints "N passed, N failed"
# and exits 0 only when nothing failed.  Exit 77 means skipped.

set -u

: "${BACKCARE:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"

BC_NAME=$(basename "$0" .sh)
T="$TOP_BUILDDIR/tests/tmp/$BC_NAME.$$"
rm -rf "$T"
mkdir -p "$T/home"
export HOME="$T/home"
export XDG_DATA_HOME="$T/home/.local/share"
export XDG_CACHE_HOME="$T/home/.cache"
export BACKCARE_DB="$T/progress.db"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR BACKCARE_EMERGENCY BACKCARE_TEST_NOW TMUX
BC_PASS=0
BC_FAIL=0
# BC_VALGRIND=1 (make check-valgrind) runs every plain command under
# valgrind; an error or a definite leak makes it exit 99, counted here.
BC_WRAP=
if [ -n "${BC_VALGRIND:-}" ]; then
	BC_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-fds=no"
fi
bc_check_wrap() {
	if [ -n "$BC_WRAP" ] && [ "$STATUS" -eq 99 ]; then
		fail "valgrind found errors: $(head -c 2000 "$T/err")"
	fi
}
BC_WAIT=${BC_WAIT:-15}

bc_cleanup() {
	if [ -n "${BC_TMUX_SOCK:-}" ]; then
		"${TMUX_BIN:-tmux}" -S "$BC_TMUX_SOCK" kill-server 2>/dev/null
	fi
	[ -z "${BC_SHORT:-}" ] || rm -rf "$BC_SHORT"
	if [ "$BC_FAIL" -eq 0 ] && [ -z "${BC_KEEP:-}" ]; then
		chmod -R u+rwX "$T" 2>/dev/null
		rm -rf "$T"
	fi
}
trap bc_cleanup EXIT

pass() { BC_PASS=$((BC_PASS + 1)); echo "ok - $*"; }
fail() { BC_FAIL=$((BC_FAIL + 1)); echo "FAIL - $*"; }
skip_all() { echo "SKIP: $*"; trap - EXIT; rm -rf "$T" ${BC_SHORT:+"$BC_SHORT"}; exit 77; }

bc_done() {
	echo "$BC_PASS passed, $BC_FAIL failed"
	[ "$BC_FAIL" -eq 0 ]
}

# bc_run ARGS...: runs backcare with stdin from /dev/null (or $BC_STDIN);
# sets STATUS, OUT (stdout) and ERR (stderr).
bc_run() {
	$BC_WRAP "$BACKCARE" "$@" <"${BC_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
	STATUS=$?
	bc_check_wrap
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

# bc_make_db [PATH]: makes a progress file (at PATH, else $BACKCARE_DB),
# as new: the commands that only read, such as info, create nothing, so it
# records a safety check and then, with sqlite3(1), forgets it again.
# Sets STATUS, OUT and ERR (of the recording).
bc_make_db() {
	printf 'age=40\nweeks=2\n' >"$T/.make-db-answers"
	BC_STDIN="$T/.make-db-answers" bc_run ${1:+--db "$1"} screen --answers -
	if [ "$STATUS" -eq 0 ] && command -v sqlite3 >/dev/null; then
		sqlite3 "${1:-$BACKCARE_DB}" "DELETE FROM check_actions;
		    DELETE FROM check_rules; DELETE FROM check_answers;
		    DELETE FROM checks;" >/dev/null
	fi
}

# expect_status N WHAT
expect_status() {
	if [ "$STATUS" -eq "$1" ]; then pass "$2 (exit $1)"
	else fail "$2: exit $STATUS, wanted $1; stderr: $ERR"; fi
}
# expect_out TEXT WHAT: stdout contains TEXT (fixed string)
expect_out() {
	if printf '%s\n' "$OUT" | grep -qF -- "$1"; then pass "$2"
	else fail "$2: stdout lacks '$1'"; printf '%s\n' "$OUT" | head -20 | sed 's/^/  | /'; fi
}
expect_no_out() {
	if printf '%s\n' "$OUT" | grep -qF -- "$1"; then
		fail "$2: stdout has '$1'"
	else pass "$2"; fi
}
# expect_err TEXT WHAT: stderr contains TEXT
expect_err() {
	if printf '%s\n' "$ERR" | grep -qF -- "$1"; then pass "$2"
	else fail "$2: stderr lacks '$1': $ERR"; fi
}
# expect_one_line_err WHAT: stderr is exactly one line
expect_one_line_err() {
	if [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && [ -n "$ERR" ]; then
		pass "$1: one-line message"
	else fail "$1: stderr is not one line: $ERR"; fi
}

# ---- the real program in a real terminal (tmux) --------------------------

BC_TMUX_SOCK=
# bc_nobody_ok: 0 when the user nobody can run $BACKCARE and enter $T.
# As root, the tests that need a user who cannot write run as nobody; a
# build folder inside a private one (make distcheck under mktemp -d)
# keeps nobody out, and those parts are then skipped.
bc_nobody_ok() {
	command -v setpriv >/dev/null 2>&1 &&
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    sh -c 'test -x "$1" && test -x "$2"' sh "$BACKCARE" "$T" 2>/dev/null
}

# bc_need_short: sets BC_SHORT, a short private folder removed at exit, for
# paths whose length matters when the build folder ($T) is deep: tmux's
# socket (108 bytes at most), a path the screen must show whole.
BC_SHORT=
bc_need_short() {
	[ -z "$BC_SHORT" ] || return 0
	BC_SHORT=$(mktemp -d /tmp/bc.XXXXXX) ||
		{ fail "mktemp -d /tmp/bc.XXXXXX"; exit 1; }
}
BC_SOCK=
# tui_need_tmux: skips the test when tmux is absent; sets TMUX_BIN (the
# program configure found, else tmux on PATH) and BC_SOCK.
tui_need_tmux() {
	if [ -z "${TMUX_BIN:-}" ] || ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
		TMUX_BIN=$(command -v tmux) || skip_all "tmux is not installed"
	fi
	bc_need_short
	BC_SOCK="$BC_SHORT/tmux.sock"
}

tmx() { "$TMUX_BIN" -S "$BC_TMUX_SOCK" "$@"; }

# tui_start COLS ROWS ARGS...: starts backcare in a fresh terminal.  The
# exit status lands in $T/exit when the program ends.
tui_start() {
	local cols=$1 rows=$2 q a
	shift 2
	tui_need_tmux
	BC_TMUX_SOCK=$BC_SOCK
	rm -f "$T/exit"
	q=""
	for a in ${TUI_WRAP:-$BC_WRAP} "$BACKCARE" "$@"; do q="$q '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"; done
	cat >"$T/run.sh" <<EOS
#!/bin/sh
export HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' BACKCARE_DB='$BACKCARE_DB'
export LANG='${TUI_LANG:-C.UTF-8}' LC_ALL='${TUI_LANG:-C.UTF-8}' TERM='${TUI_TERM:-screen-256color}'
${TUI_ENV:-}
stty sane
trap : INT
$q
rc=\$?
stty -a > '$T/stty.after'
echo \$rc > '$T/exit.tmp'; mv '$T/exit.tmp' '$T/exit'
exec sleep 100000
EOS
	chmod +x "$T/run.sh"
	tmx -f /dev/null new-session -d -x "$cols" -y "$rows" "$T/run.sh"
	tmx set-option -g window-size manual >/dev/null 2>&1
}

tui_screen() { tmx capture-pane -p -t 0 2>/dev/null; }

# tui_home [SECONDS]: waits for the home screen, passing the first-run
# welcome once: Enter is sent only when the welcome is up, and the welcome
# must be gone before anything else is typed (a slow start, under
# valgrind, would otherwise take a second Enter for the home menu).
tui_home() {
	local limit=$(( ${1:-$BC_WAIT} * 20 )) i=0 screen
	while [ $i -lt $limit ]; do
		screen=$(tui_screen)
		case $screen in
		*"Welcome to backcare"*)
			tui_keys Enter
			tui_wait_gone "Welcome to backcare" || return 1 ;;
		*"1  Lessons"*) return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for the home screen"
	tui_screen | sed 's/^/  | /'
	return 1
}

# tui_wait TEXT [SECONDS]: waits until TEXT is on the screen.
tui_wait() {
	local text=$1 limit=$(( ${2:-$BC_WAIT} * 20 )) i=0
	while [ $i -lt $limit ]; do
		if tui_screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for: $text"
	tui_screen | sed 's/^/  | /'
	return 1
}

# tui_e1_no: answers no to each of the seven emergency questions, each
# key sent once its question is drawn.
tui_e1_no() {
	local i=0
	while [ $i -lt 7 ]; do
		tui_wait "question $((i + 1))" 5 || return 1
		tui_keys n
		i=$((i + 1))
	done
}

# tui_wait_gone TEXT [SECONDS]: waits until TEXT has left the screen.
tui_wait_gone() {
	local text=$1 limit=$(( ${2:-$BC_WAIT} * 20 )) i=0
	while [ $i -lt $limit ]; do
		if ! tui_screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for '$text' to go"
	tui_screen | sed 's/^/  | /'
	return 1
}

# expect_screen TEXT WHAT: waits for TEXT, counting a pass or a failure.
expect_screen() {
	if tui_wait "$1" "${3:-$BC_WAIT}"; then pass "$2"; else fail "$2"; fi
}

# tui_keys KEY...: tmux key names (Enter, Down, C-c, ...) or text.
tui_keys() { tmx send-keys -t 0 "$@"; }
# tui_type TEXT: literal text.
tui_type() { tmx send-keys -t 0 -l "$1"; }

tui_resize() { tmx resize-window -t 0 -x "$1" -y "$2"; }

# tui_pid: the process id of backcare inside the terminal (the deepest
# process under the pane's shell, which may run under valgrind or strace).
tui_pid() {
	local p c
	p=$(tmx list-panes -t 0 -F '#{pane_pid}' 2>/dev/null)
	[ -n "$p" ] || return 0
	while c=$(pgrep -P "$p" | head -n 1) && [ -n "$c" ]; do p=$c; done
	if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q backcare; then
		echo "$p"
	fi
}

# tui_wait_running [SECONDS]: waits until backcare runs in the terminal.
tui_wait_running() {
	local limit=$(( ${1:-$BC_WAIT} * 20 )) i=0
	while [ $i -lt $limit ]; do
		[ -n "$(tui_pid)" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tui_wait_exit [SECONDS]: waits for the program to end; sets STATUS.
tui_wait_exit() {
	local limit=$(( ${1:-$BC_WAIT} * 20 )) i=0
	while [ $i -lt $limit ]; do
		if [ -s "$T/exit" ]; then STATUS=$(cat "$T/exit"); return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	STATUS=timeout
	echo "# the program did not end"
	tui_screen | sed 's/^/  | /'
	return 1
}

# expect_sane_terminal WHAT: after the program ended, the terminal modes
# are back to cooked: echo and icanon on.
expect_sane_terminal() {
	if [ -f "$T/stty.after" ] && grep -qw icanon "$T/stty.after" &&
	    grep -qw echo "$T/stty.after" && ! grep -qw -- -icanon "$T/stty.after" &&
	    ! grep -qw -- -echo "$T/stty.after"; then
		pass "$1: terminal restored"
	else
		fail "$1: terminal left in raw mode: $(cat "$T/stty.after" 2>/dev/null | head -5)"
	fi
}

tui_stop() {
	local i=0
	if [ -n "$BC_TMUX_SOCK" ]; then
		tmx kill-server 2>/dev/null
		# Wait for the old server to go before a new one takes the socket.
		while [ -S "$BC_TMUX_SOCK" ] && [ $i -lt 100 ]; do
			tmx has-session 2>/dev/null || break
			sleep 0.05; i=$((i + 1))
		done
		rm -f "$BC_TMUX_SOCK"
	fi
	BC_TMUX_SOCK=
}

# ---- reading whole texts on screens (issue 11) ----------------------------

# tui_wait_change BEFORE [SECONDS]: waits until the screen differs from
# BEFORE (a capture); returns 1 if it never does.
tui_wait_change() {
	local before=$1 limit=$(( ${2:-$BC_WAIT} * 20 )) i=0
	while [ $i -lt $limit ]; do
		[ "$(tui_screen)" != "$before" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tui_settle: waits (up to a second) until two captures 50 ms apart
# agree, so a screen still being drawn is not read half way.
tui_settle() {
	local a b i=0
	a=$(tui_screen)
	while [ $i -lt 20 ]; do
		sleep 0.05
		b=$(tui_screen)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
	return 1
}

# tui_more: true while the screen's scroll bar shows there is more below.
tui_more() { tui_screen | grep -q '▼'; }

# tui_read_all FILE [KEY]: appends the screen to FILE, then pages on with
# KEY (PgDn unless given) while the scroll bar says there is more below,
# appending each page: every word a screen can show ends up in FILE.
# With TUI_CHECK_SELECTED=1 each page must show a selected row too.
tui_read_all() {
	local out=$1 key=${2:-NPage} screen i=0
	tui_settle
	screen=$(tui_screen)
	printf '%s\n' "$screen" >>"$out"
	[ -n "${TUI_CHECK_SELECTED:-}" ] && tui_expect_selected "$out"
	while printf '%s\n' "$screen" | grep -q '▼' && [ $i -lt 300 ]; do
		tui_keys "$key"
		tui_wait_change "$screen" 5 || { fail "$out: $key did not scroll"; return 1; }
		screen=$(tui_screen)
		printf '%s\n' "$screen" >>"$out"
		[ -n "${TUI_CHECK_SELECTED:-}" ] && tui_expect_selected "$out"
		i=$((i + 1))
	done
	return 0
}

# tui_expect_selected WHAT: a row between the title and the status line
# is shown selected (reverse video: run with --no-color).
tui_expect_selected() {
	if tmx capture-pane -p -e -t 0 | sed '1d;$d' | grep -q "$(printf '\033')\[[0-9;]*7m"; then
		return 0
	fi
	fail "$1: the selected row is not on screen"
	tui_screen | sed 's/^/  | /'
	return 1
}

# expect_words WHAT TEXT FILE: every word of TEXT (3 or more letters or
# digits) is somewhere in FILE.
expect_words() {
	local missing
	printf '%s\n' "$2" | grep -oE '[[:alnum:]]{3,}' | sort -u >"$T/words.want"
	grep -oE '[[:alnum:]]{3,}' "$3" | sort -u >"$T/words.seen"
	missing=$(comm -23 "$T/words.want" "$T/words.seen" | head -n 8 | tr '\n' ' ')
	if [ -z "$missing" ]; then pass "$1: every word can be reached"
	else fail "$1: never shown: $missing"; fi
}

# expect_no_silent_cut WHAT FILE: every fixture token (z, a letter and
# three digits) in FILE is whole, or cut with an ellipsis.
expect_no_silent_cut() {
	local bad
	bad=$(grep -oE '\bz[a-z][0-9]*…?' "$2" | grep -vxE 'z[a-z][0-9]{3}|z[a-z][0-9]*…' | head -n 5 | tr '\n' ' ')
	if [ -z "$bad" ]; then pass "$1: no word cut without a mark"
	else fail "$1: cut without a mark: $bad"; fi
}

# tui_choose TEXT: chooses the numbered list entry holding TEXT by typing
# its number (waiting for the entry to be drawn and for the choice).
tui_choose() {
	local n= i=0
	while [ -z "$n" ] && [ $i -lt $((BC_WAIT * 20)) ]; do
		n=$(tui_screen | grep -F -- "$1" | head -n 1 | sed -n 's/^ *\([0-9][0-9]*\) .*/\1/p')
		[ -n "$n" ] || sleep 0.05
		i=$((i + 1))
	done
	[ -n "$n" ] || { echo "# no numbered entry holds: $1"; return 1; }
	tui_type "$n"
	tui_wait "$n: Enter opens it."
}

# The test clock (src/clock.h): with TUI_ENV="$(tui_clock_env)" the
# program's monotonic time is the milliseconds in $T/clock, and moves only
# by tui_clock_advance MS, so a countdown shows each screen for as long as
# a test looks at it.  The file is replaced whole, never half written.
tui_clock_env() {
	[ -s "$T/clock" ] || echo 1000000 >"$T/clock"
	echo "export BACKCARE_TEST_CLOCK='$T/clock'"
}
tui_clock_advance() {
	echo $(( $(cat "$T/clock") + $1 )) >"$T/clock.tmp"
	mv "$T/clock.tmp" "$T/clock"
}
