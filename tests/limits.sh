#!/bin/sh
# Every file backcare reads is bounded and must be a regular file: devices,
# FIFOs and sockets are refused by name without waiting on them, and a
# file over the limit is refused as "FILE: too large (N bytes; the limit
# is M)".  Text that is not UTF-8 never reaches the progress file.
. "$TOP_SRCDIR/tests/lib.sh"

# run ARGS...: bc_run with a time limit (a hang is a failure, not a stall).
run() {
	timeout 20 $BC_WRAP "$BACKCARE" "$@" <"${BC_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
	STATUS=$?
	bc_check_wrap
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}
nothing_stored() {
	if [ ! -e "$BACKCARE_DB" ] || [ "$(sqlite3 "$BACKCARE_DB" "SELECT (SELECT count(*) FROM checks) + (SELECT count(*) FROM plans)")" = 0 ]; then
		pass "$1: nothing stored"
	else fail "$1: something was stored"; fi
}

# Devices: /dev/zero never ends, /dev/null is empty but not a file.
for cmd in "screen --answers" "plan import" "show"; do
	run $cmd /dev/zero
	[ "$STATUS" -ne 124 ] && pass "$cmd /dev/zero ends" || fail "$cmd /dev/zero hangs"
	expect_err "/dev/zero: is a device, not a file" "$cmd /dev/zero is refused by name"
	expect_one_line_err "$cmd /dev/zero"
done
nothing_stored "devices"

# A FIFO nobody writes to: refused at once, alone or inside a folder.
mkdir -p "$T/c/lessons" "$T/c/routines"
mkfifo "$T/c/lessons/fifo.md" "$T/fifo" || skip_all "mkfifo failed"
for cmd in "screen --answers" "plan import" "show"; do
	run $cmd "$T/fifo"
	[ "$STATUS" -ne 124 ] && pass "$cmd FIFO ends" || fail "$cmd FIFO hangs"
	expect_err "fifo: is a FIFO (a named pipe), not a file" "$cmd FIFO is refused by name"
done
printf '# A lesson\n\nText.\n' >"$T/c/lessons/fine.md"
run check "$T/c"
[ "$STATUS" -eq 1 ] && pass "check on a folder with a FIFO ends (exit 1)" || fail "check with a FIFO: exit $STATUS"
expect_out "fifo.md: is a FIFO (a named pipe), not a file" "check names the FIFO"
run --content-dir "$T/c" lessons
[ "$STATUS" -ne 124 ] && pass "lessons with a FIFO among them ends" || fail "lessons hangs on a FIFO"

# A socket, where one can be made (in a short folder: a socket's path
# holds 108 bytes at most, and the build folder may be deeper).
if command -v python3 >/dev/null; then
	bc_need_short
	python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$BC_SHORT/sock" ||
		fail "a socket could not be made at $BC_SHORT/sock"
	run plan import "$BC_SHORT/sock"
	expect_err "sock: is a socket, not a file" "a socket is refused by name"
fi

# Sizes: answers and plans 4 MiB, lessons 32 MiB.
big() { head -c "$1" /dev/zero | tr '\0' 'a' >"$2"; }
big 4194305 "$T/answers-big"
run screen --answers "$T/answers-big"
expect_status 2 "an answers file over 4 MiB"
expect_err "answers-big: too large (4194305 bytes; the limit is 4 MiB)" "the size and the limit are named"
expect_one_line_err "an answers file over 4 MiB"
BC_STDIN="$T/answers-big" run screen --answers -
expect_err "stdin: too large (more than 4194304 bytes; the limit is 4 MiB)" "a pipe over the limit is cut off"
head -c 5000000 /dev/zero | BC_STDIN=/dev/stdin run screen --answers -
expect_err "stdin: too large" "answers through a real pipe are bounded"
{ printf '# Big\n\n- from: 2026-12-01\n- until: 2026-12-28\n\n## Notes\n'; head -c 4194304 /dev/zero | tr '\0' 'a'; } >"$T/plan-big.md"
run plan import "$T/plan-big.md"
expect_status 1 "a plan over 4 MiB"
expect_err "plan-big.md: too large (4194360 bytes; the limit is 4 MiB)" "the plan's size and limit are named"
nothing_stored "files over the limit"
big 33554433 "$T/lesson-big.md"
run show "$T/lesson-big.md"
expect_status 1 "a lesson over 32 MiB"
expect_err "lesson-big.md: too large (33554433 bytes; the limit is 32 MiB)" "the lesson's size and limit are named"
big 3000000 "$T/lesson-3m.md"
run show "$T/lesson-3m.md"
expect_status 0 "a 3 MB lesson is still shown"

# Text that is not UTF-8: refused as file:line: before anything is stored.
printf 'age=40\nweeks=2\n# caf\351\n' >"$T/answers-latin1"
run screen --answers "$T/answers-latin1"
expect_status 2 "an answers file in Latin-1"
expect_err "answers-latin1:3: not UTF-8 text (byte 0xE9 at column 6)" "the line and the byte are named"
printf '# Caf\351 plan\n\n- from: 2026-12-01\n- until: 2026-12-28\n' >"$T/plan-latin1.md"
run plan import "$T/plan-latin1.md"
expect_status 1 "a plan title in Latin-1"
expect_err "plan-latin1.md:1:" "plan import names the line"
run check "$T/plan-latin1.md"
expect_out "plan-latin1.md:1:" "check names the plan's line"
printf '# Sl\351w\n\n## Step\n\n- duration: 1s\n- stroke: effleurage\n- region: lower back\n- pressure: light\n\nGlide.\n' >"$T/c/routines/latin1.md"
run check "$T/c/routines/latin1.md"
expect_out "latin1.md:1: not UTF-8 text (byte 0xE9 at column 5)" "check names the routine title's line"
nothing_stored "text that is not UTF-8"

bc_done
