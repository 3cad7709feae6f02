#!/bin/sh
# `backcare today`: one line for a shell's start-up file or cron: the
# safety check due when the routines are locked, the plan's routines for
# today (its weekly target spread over the week) and this week, nothing
# at all when everything is done.  The clock is pinned with
# BACKCARE_TEST_NOW; sessions are run through the real commands.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
day=86400
mon=1799056800          # Monday 2027-01-04 10:00 UTC

mkdir -p "$T/c/routines"
for r in tiny:Tiny\ stroke tiny2:Tiny\ two; do
	cat >"$T/c/routines/${r%%:*}.md" <<EOR
# ${r#*:}

For the today tests: one step of 1 second.

## Stroke

- duration: 1s
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

Stroke gently.
EOR
done

today() {
	BACKCARE_TEST_NOW=$1 bc_run --content-dir "$T/c" today
	expect_status 0 "today at +$(( ($1 - mon) / 60 )) min"
	[ -z "$ERR" ] || fail "stderr: $ERR"
}
expect_line() {
	if [ "$OUT" = "$1" ]; then pass "$2"
	else fail "$2: got '$OUT', wanted '$1'"; fi
}
# session AT ID: a safety check, then the routine.
session() {
	printf 'age=40\nweeks=2\n' >"$T/ans"
	BACKCARE_TEST_NOW=$1 "$BACKCARE" screen --answers "$T/ans" >/dev/null ||
		fail "safety check at $1"
	printf '\n\n' >"$T/in"
	BACKCARE_TEST_NOW=$(($1 + 60)) "$BACKCARE" --content-dir "$T/c" run "$2" \
		--plain <"$T/in" >"$T/run.out" 2>&1 || fail "run $2: $(cat "$T/run.out")"
}

today $mon
expect_line "backcare: safety check due" "no safety check yet: due"

printf 'age=40\nweeks=2\n' >"$T/ans"
BACKCARE_TEST_NOW=$mon "$BACKCARE" screen --answers "$T/ans" >/dev/null ||
	fail "safety check"
today $((mon + 60))
expect_line "" "checked and no plan: nothing at all"

cat >"$T/plan.md" <<'EOP'
# January

- from: 2027-01-04
- until: 2027-01-31

## Routines
- tiny: 3 per week
- tiny2: 1 per week
EOP
BACKCARE_TEST_NOW=$mon "$BACKCARE" --content-dir "$T/c" plan import "$T/plan.md" >/dev/null ||
	fail "plan import"
today $((mon + 120))
expect_line "backcare: today: Tiny stroke, Tiny two; this week: Tiny stroke 0 of 3 done, Tiny two 0 of 1 done" "Monday: both routines today"

session $((mon + 180)) tiny
today $((mon + 300))
expect_line "backcare: today: Tiny two; this week: Tiny stroke 1 of 3 done, Tiny two 0 of 1 done" "one done: the other is left today"
session $((mon + 360)) tiny2
today $((mon + 480))
expect_line "backcare: this week: Tiny stroke 1 of 3 done" "Monday's share done: only the week is left"
today $((mon + day))
expect_line "backcare: this week: Tiny stroke 1 of 3 done" "Tuesday: 3 a week asks nothing more yet"
today $((mon + 2 * day))
expect_line "backcare: today: Tiny stroke; this week: Tiny stroke 1 of 3 done" "Wednesday: the second of three"
today $((mon + 5 * day))
expect_line "backcare: today: Tiny stroke; this week: Tiny stroke 1 of 3 done" "Saturday and behind: one today, not all at once"
session $((mon + 2 * day)) tiny
session $((mon + 4 * day)) tiny
today $((mon + 4 * day + 600))
expect_line "" "the week's homework done: nothing at all"
[ -z "$OUT" ] && pass "not even an empty line" || fail "printed '$OUT'"

# Saturday of the next week: nothing done, and the check 8 days old.
today $((mon + 12 * day))
expect_line "backcare: today: Tiny stroke, Tiny two; this week: Tiny stroke 0 of 3 done, Tiny two 0 of 1 done; safety check due" "a new week and an old check"

# After the plan, with a fresh check: nothing.
session $((mon + 28 * day)) tiny
today $((mon + 28 * day + 600))
expect_line "" "the plan has ended"

BACKCARE_TEST_NOW=$mon bc_run today extra
expect_status 2 "today with an operand"
expect_err "today: takes no arguments, not 'extra'" "the operand is named"
expect_one_line_err "today extra"
BACKCARE_TEST_NOW=$mon bc_run today --since 2027-01-01
expect_status 2 "today with an unknown option"
expect_one_line_err "today --since"

bc_done
