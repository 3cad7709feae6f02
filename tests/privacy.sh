#!/bin/sh
# Privacy, proven by tracing system calls: no network socket is ever
# opened, and nothing is written outside the data folder.
. "$TOP_SRCDIR/tests/lib.sh"

command -v strace >/dev/null || skip_all "strace is not installed"
# LeakSanitizer cannot run under ptrace; the leak checks run elsewhere.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# traced NAME ARGS...: runs backcare under strace, logging file and
# network system calls to $T/trace.NAME.
traced() {
	local name=$1
	shift
	strace -f -qq -e trace=%network,openat,creat,mkdir,rename,unlink,link \
	    -o "$T/trace.$name" "$BACKCARE" "$@" <"${BC_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
	STATUS=$?
	ERR=$(cat "$T/err")
}

# expect_private NAME: no socket at all; every file opened for writing or
# created lives under the test folder ($T, which holds the data folder).
expect_private() {
	local f="$T/trace.$1" bad
	if grep -E '^[0-9]+ +(socket|connect|bind|sendto|sendmsg)\(' "$f" >"$T/net"; then
		fail "$1: network calls: $(head -3 "$T/net")"
	else
		pass "$1: no network socket"
	fi
	bad=$(grep -E '(O_WRONLY|O_RDWR|O_CREAT)|^[0-9]+ +(creat|mkdir|rename|unlink|link)\(' "$f" |
	    grep -v -- "\"$T/" | grep -v '"/dev/tty' | grep -v '"/dev/null' | grep -v '= -1 E' || true)
	if [ -n "$bad" ]; then
		fail "$1: wrote outside the data folder: $(printf '%s\n' "$bad" | head -3)"
	else
		pass "$1: writes only in the data folder"
	fi
}

traced info info
expect_status 0 "info under strace"
expect_private info
traced help --help
expect_private help
traced bad-db --db "$T/sub/progress.db" info
expect_private bad-db

# The interactive program, through a whole visit of the home screen.
TUI_WRAP="strace -f -qq -e trace=%network,openat,creat,mkdir,rename,unlink,link -o $T/trace.tui"
tui_start 80 24
tui_wait "Welcome to backcare" && tui_keys Enter
tui_wait "1  Lessons" && tui_keys Down Enter '?'
tui_keys q q
tui_wait_exit
expect_private tui

bc_done
