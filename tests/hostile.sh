#!/bin/sh
# Hostile content: escape sequences, NUL bytes, invalid UTF-8, a 1 MB
# line and 10,000-deep nesting, in a lesson, a routine, a plan and an
# answers file, through every command that reads them and through the
# lesson and routine screens.  Nothing crashes, nothing hangs, and no
# escape sequence reaches the terminal raw.
. "$TOP_SRCDIR/tests/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
C="$T/content"
mkdir -p "$C/lessons" "$C/routines"
python3 - "$C" "$T" <<'PY'
import sys
c, t = sys.argv[1], sys.argv[2]
esc = b'\x1b[2J\x1b]0;owned\x07\x9b31m'
bad = b' bad \xff\xfe utf-8 \x7f '
nul = b' NUL \x00 '
# Valid UTF-8 with escapes, C0 and C1 controls (U+009B is a CSI too).
esc8 = b'\x1b[2J\x1b]0;owned\x07\xc2\x9b31m \x7f '
deep = (b'>' * 10000 + b' deep\n\n' + b'- ' * 10000 + b'item\n\n' +
        b'1. ' * 5000 + b'item\n\n')
long = b'word ' * 210000 + b'\n\n'
open(c + '/lessons/hostile.md', 'wb').write(
    b'# Hostile ' + esc + b'\n\nText ' + esc + bad + nul + b'\n\n' + deep + long +
    b'[a link ' + esc + b'](nowhere.md#' + esc + b')\n')
open(c + '/routines/hostile.md', 'wb').write(
    b'# Hostile routine ' + esc + b'\n\nIntro ' + esc + bad + b'\n\n'
    b'## Step ' + esc + b'\n\n- duration: 1s\n- stroke: effleurage\n'
    b'- region: lower back\n- position: sitting\n- pressure: light\n\n' + esc + bad + b'\n\n' +
    deep + long)
open(c + '/routines/with-nul.md', 'wb').write(
    b'# With a NUL' + nul + b'\n\n## Step\n\n- duration: 1s\n\nGlide.\n')
open(t + '/plan.md', 'wb').write(
    b'# Plan ' + esc8 + b'\n\n- from: 2026-11-01\n- until: 2026-12-31\n'
    b'- therapist: Sam ' + esc8 + b'\n\n## Routines\n- hostile: 2 per week\n\n'
    b'## Notes\n' + esc8 + b'\n\n' + deep + long)
open(t + '/plan-bad.md', 'wb').write(
    b'# Plan\n\n- from: ' + esc + b'\n- ' + esc + b': ' + bad + b'\n- until: ' +
    b'9' * 1000000 + b'\n\n## ' + esc + b'\n' + deep)
open(t + '/answers', 'wb').write(
    b'age=40\nweeks=2\n# ' + esc + bad + b'\n' + b'saddle_numbness=' + esc + b'\n')
open(t + '/answers-long', 'wb').write(b'age=40\nweeks=2\n' + b'x' * 1048576 + b'=yes\n')
open(t + '/answers-nul', 'wb').write(b'age=40\nweeks=2\nsaddle\x00_numbness=no\n')
PY

# clean WHAT: the last command ended by itself and printed no raw escapes.
clean() {
	if [ "$STATUS" -ge 124 ]; then fail "$1: exit $STATUS (crash or hang)"; return; fi
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/out" "$T/err" ||
	    LC_ALL=C grep -q "$(printf '\302\233')" "$T/out" "$T/err"; then
		fail "$1: a raw escape sequence reached the output"
	else
		pass "$1: exit $STATUS, no raw escapes"
	fi
}
# run ARGS...: bc_run with a time limit.
run() {
	timeout 60 $BC_WRAP "$BACKCARE" "$@" <"${BC_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
	STATUS=$?
	bc_check_wrap
}

run --content-dir "$C" show hostile --width 60
clean "show a hostile lesson"
[ "$(wc -c <"$T/out")" -gt 1000000 ] && pass "the 1 MB line is shown, wrapped" || fail "show printed $(wc -c <"$T/out") bytes"
run --content-dir "$C" show hostile --width 20
clean "show at width 20"
run --content-dir "$C" lessons
clean "lessons"
run --content-dir "$C" check "$C"
clean "check the hostile content"
[ "$STATUS" -eq 1 ] && pass "check finds the dead link" || fail "check exit $STATUS"
run --content-dir "$C" routines
clean "routines"
grep -q '^hostile	' "$T/out" && pass "a routine with escapes is offered" || fail "routines: $(cat "$T/out")"
grep -q 'with-nul' "$T/out" && fail "a routine with a NUL byte is offered" || pass "a routine with a NUL byte is not offered"
run --content-dir "$C" check "$C/routines/with-nul.md"
clean "check a routine with a NUL"
grep -q 'with-nul.md: the file holds NUL bytes' "$T/out" "$T/err" && pass "check names the NUL" || fail "check: $(cat "$T/out" "$T/err")"
run --content-dir "$C" check "$T/plan.md" "$T/plan-bad.md"
clean "check hostile plans"
run --content-dir "$C" plan import "$T/plan-bad.md"
clean "import a broken hostile plan"
[ "$STATUS" -eq 1 ] && pass "the broken plan is refused" || fail "plan-bad exit $STATUS"
run --content-dir "$C" plan import "$T/plan.md"
clean "import a hostile plan"
[ "$STATUS" -eq 0 ] && pass "a plan with escapes in its text is stored" || fail "plan exit $STATUS: $(head -c 300 "$T/err")"
run --content-dir "$C" plan show
clean "plan show"
run screen --answers "$T/answers"
clean "an answers file with escapes"
[ "$STATUS" -eq 2 ] && pass "a bad answer is refused" || fail "answers exit $STATUS"
run screen --answers "$T/answers-long"
clean "an answers file with a 1 MB line"
[ "$STATUS" -eq 2 ] && pass "a 1 MB id is refused" || fail "answers-long exit $STATUS"
[ "$(wc -c <"$T/err")" -lt 400 ] && pass "the message about it stays short" || fail "a $(wc -c <"$T/err")-byte message"
run screen --answers "$T/answers-nul"
clean "an answers file with a NUL"
[ "$STATUS" -eq 2 ] && pass "a NUL in an id is refused" || fail "answers-nul exit $STATUS"
printf 'age=40\nweeks=2\n' >"$T/none"
run screen --answers "$T/none"
printf '3\n4\n' >"$T/in"
BC_STDIN="$T/in" run --content-dir "$C" run hostile --plain
clean "run a hostile routine"
[ "$STATUS" -eq 0 ] && pass "the hostile routine runs" || fail "run exit $STATUS: $(head -c 300 "$T/err")"
run --content-dir "$C" report
clean "report"
run --content-dir "$C" report --format markdown
clean "report in Markdown"

# The screens: the lesson and the routine open, scroll and close.
tui_start 80 24 --content-dir "$C" --no-bell
tui_home || fail "the home screen"
tui_keys 1 Enter
tui_wait "Hostile" || fail "the hostile lesson is listed"
tui_keys End Enter
expect_screen "Text ^[[2J" "the lesson shows its escapes as text"
tui_keys G
tui_keys g
tui_keys / d e e p Enter
expect_screen "deep" "search in the hostile lesson"
tui_keys q q 3 Enter
expect_screen "Hostile routine" "the hostile routine is listed"
tui_keys q q
tui_wait_exit
[ "$STATUS" = 0 ] && pass "the screens survive hostile content" || fail "exit $STATUS"
tui_stop

bc_done
