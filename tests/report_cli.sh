#!/bin/sh
# `backcare report`: a history built through the real commands (safety
# checks from answers files, routines run as plain cues), then the report
# as text and Markdown, ranges, width, and every bad option.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
day=86400
mon=1799056800          # Monday 2027-01-04 10:00 UTC

# A routine of one 1-second step.
mkdir -p "$T/c/routines"
cat >"$T/c/routines/tiny.md" <<'EOR'
# Tiny stroke

For the report tests: one step of 1 second.

## Stroke

- duration: 1s
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

Stroke gently.
EOR

# session AT BEFORE AFTER: a safety check, then the routine with ratings.
session() {
	printf 'age=55\nweeks=2\n' >"$T/ans"
	BACKCARE_TEST_NOW=$1 "$BACKCARE" screen --answers "$T/ans" >/dev/null ||
	    fail "safety check at $1"
	printf '%s\n%s\n' "$2" "$3" >"$T/in"
	BACKCARE_TEST_NOW=$1 "$BACKCARE" --content-dir "$T/c" run tiny --plain \
	    <"$T/in" >"$T/run.out" 2>&1 || fail "run at $1: $(cat "$T/run.out")"
}

# An empty history first.
BACKCARE_TEST_NOW=$mon bc_run report
expect_status 0 "a report with nothing on record"
expect_out "backcare report, 2027-01-04" "the title names the day"
expect_no_out "2027-01-04 to 2027-01-04" "a one-day title names its day once"
expect_out "No sessions in this period." "no sessions"
expect_out "No pain ratings before sessions in this period." "no pain levels"

# Week 1: pain 6 -> 6, 5 -> 7, 5 -> 7 (rises of 2 twice in a row).
session $mon 6 6
session $((mon + day)) 5 7
session $((mon + 2 * day)) 5 7
# Week 2: pain 3 -> 3, a meaningful drop from the start.
session $((mon + 8 * day)) 3 3
n=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM sessions WHERE state = 'completed'" 2>/dev/null)
[ "${n:-4}" = 4 ] && pass "four sessions on record" || fail "sessions: $n"

BACKCARE_TEST_NOW=$((mon + 8 * day)) bc_run --width 200 report --until 2027-01-06
expect_status 0 "a report up to day 3"
expect_out "backcare report, 2027-01-04 to 2027-01-06" "the range ends on --until"
expect_out "Starting level: 5.3 (mean rating before sessions in the week of 2027-01-04)." "the starting level"
expect_out "Pain rose by 2 or more after the last two sessions: try lighter pressure and talk to your therapist." "the lighter-pressure prompt"
expect_out "2027-01-06 10:00 Tiny stroke, 0:01, completed, pain 5 to 7" "a session with date, routine, length, state and pain"
expect_out "full check: NONE, age 55, pain for 2 weeks; rules: none fired" "safety checks with verdicts and rules"
expect_no_out "2027-01-12" "nothing after --until"

BACKCARE_TEST_NOW=$((mon + 8 * day)) bc_run --content-dir "$T/c" --width 200 report
expect_status 0 "a report of everything up to today"
expect_out "backcare report, 2027-01-04 to 2027-01-12" "from the first record to today"
expect_out "  2027-01-04     3     -        0     0:03     5.3    6.7  start" "week 1: sessions, time and pain"
expect_out "  2027-01-11     1     -        0     0:01     3.0    3.0  -2.3 *" "week 2: the change, marked meaningful"
expect_out "Latest level: 3.0, a change of -2.3." "the latest level and change"
expect_out "not yet held for 2 weeks in a row" "one week is not a sustained change"
expect_out "No homework plan is in force." "no plan"
expect_out "0 of $("$BACKCARE" lessons | wc -l) lessons read" "lessons against those of the course (not the glossary)"
expect_out "$(printf 'Prompts\n  None.')" "no prompt once pain eased"
expect_no_out "Pain rose" "the lighter prompt is gone"

BACKCARE_TEST_NOW=$((mon + 8 * day)) bc_run --width 200 report --since 2027-01-11 --format markdown
expect_status 0 "a Markdown report from --since"
expect_out "# backcare report, 2027-01-11 to 2027-01-12" "the Markdown title"
expect_out "## Sessions by week" "Markdown sections"
expect_out "| 2027-01-11 | 1 | - | 0 | 0:01 | 3.0 | 3.0 | start |" "a Markdown table; the start is the first week in range"
expect_out "- Starting level: 3.0" "a Markdown list"
expect_no_out "2027-01-06" "nothing before --since"

BACKCARE_TEST_NOW=$((mon + 8 * day)) bc_run --width 40 report
expect_status 0 "a narrow report"
long=$(printf '%s\n' "$OUT" | grep -v '^  Week of' | grep -v '^  20[0-9-]*  ' | awk 'length > 40' | head -3)
[ -z "$long" ] && pass "text wraps at --width" || fail "lines over 40 columns: $long"

# Bad options: one line naming the value, exit 2.
bad() {
	BACKCARE_TEST_NOW=$((mon + 8 * day)) bc_run report "$@"
	expect_status 2 "report $*"
	expect_one_line_err "report $*"
}
bad --since 2027-02-30
expect_err "'2027-02-30'" "a date that does not exist is named"
bad --until yesterday
expect_err "--until 'yesterday' is not a date (YYYY-MM-DD)" "a word for a date is named"
bad --since 2027-1-5
expect_err "'2027-1-5'" "a short date is named"
bad --format pdf
expect_err "unknown format 'pdf' for --format (text, markdown or html)" "an unknown format is named"
bad --since 2027-01-10 --until 2027-01-05
expect_err "--since 2027-01-10 is after --until 2027-01-05" "--since after --until"
bad --since 2027-02-01
expect_err "after today, 2027-01-12" "--since after today"
bad extra
expect_err "unexpected argument 'extra'" "an operand"
bad --since
expect_err "since" "--since without a date"

# A write error: exit 1 with a message.
BACKCARE_TEST_NOW=$((mon + 8 * day)) "$BACKCARE" report >/dev/full 2>"$T/err"
STATUS=$?
ERR=$(cat "$T/err")
expect_status 1 "stdout on a full disk"
expect_err "No space left on device" "the write error is told"
expect_one_line_err "the write error"

# ---- report --since: the window's lines are the whole report's ---------
# 48 weeks seeded through the store's own code; a window of 6 weeks in
# the middle must list the same sessions and checks, and the same weeks
# (all but the change from the starting level, which is the window's own).
NOW=1805284800          # Wednesday 2027-03-17 12:00 UTC
for k in 3 2 1 0; do
	"$TOP_BUILDDIR/tests/seed_history" "$T/long.db" $((NOW - k * 84 * day)) \
	    tiny "Tiny stroke" >/dev/null || fail "seeding 12 weeks ($k)"
done
A=2026-12-07; B=2027-01-17
dated() {
	printf '%s\n' "$1" | awk -v a=$A -v b=$B '/^  [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9] / && $1 >= a && $1 <= b'
}
weeks() {
	printf '%s\n' "$1" | awk -v a=$A -v b=$B '/^  [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] +[0-9]+ / && $1 >= a && $1 <= b { print $1, $2, $3, $4, $5, $6, $7 }'
}
BACKCARE_TEST_NOW=$NOW bc_run --db "$T/long.db" report --until $B
expect_status 0 "the whole report to $B"
whole=$OUT
BACKCARE_TEST_NOW=$NOW bc_run --db "$T/long.db" report --since $A --until $B
expect_status 0 "the report of $A to $B"
win=$OUT
n=$(dated "$win" | wc -l)
[ "$n" -ge 20 ] && pass "the window lists $n sessions and checks" || fail "the window lists only $n lines"
[ "$(dated "$win")" = "$(dated "$whole")" ] && pass "--since lists the whole report's sessions and checks of its days" || fail "--since lists other sessions: $(dated "$win" | head -3) / $(dated "$whole" | head -3)"
[ "$(printf '%s\n' "$win" | grep -c '^  [0-9-]* ' )" -gt "$n" ] || fail "no week rows in the window"
[ "$(weeks "$win" | wc -l)" = 6 ] && pass "6 weeks in the window" || fail "weeks in the window: $(weeks "$win")"
[ "$(weeks "$win")" = "$(weeks "$whole")" ] && pass "--since gives the whole report's weeks" || fail "weeks differ: $(weeks "$win") / $(weeks "$whole")"
[ "$(dated "$whole" | wc -l)" -lt "$(printf '%s\n' "$whole" | grep -c '^  20[0-9-]* [0-9][0-9]:')" ] && pass "the whole report has more than the window" || fail "the whole report is no longer than the window"

bc_done
