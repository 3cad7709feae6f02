#!/bin/sh
# `backcare handout`: the homework sheet as text, Markdown and HTML: every
# step with its position, areas, stroke, time and instructions; what the
# safety check changes (nothing checked yet; GENTLE with thin bones); the
# warning signs with the configured number; the plan's tick boxes; and
# every bad option and routine.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
export BACKCARE_TEST_NOW=1796472000     # Saturday 2026-12-05 12:00 UTC

# No safety check yet: the sheet says the routines are locked, and shows
# the whole routine.
bc_run --width 80 handout gentle-five
expect_status 0 "a handout before any safety check"
expect_out "Your self-massage routines" "the title without a plan"
expect_out "Printed on 2026-12-05 by backcare." "the date"
expect_out "! In an emergency call 112 (999 in the UK, 911 in the US)." "the emergency number written out"
expect_out "Stop and get help at once if any of these" "the red-flag signs"
expect_out "Routines are locked until you have done the safety check." "the gate says why"
expect_out "Five gentle minutes for a bad day" "the routine's title"
expect_out "About 5:00 for you (backcare run gentle-five)." "its time"
expect_out "For days when your back is sore" "its introduction"
expect_out "  1. Breathe and settle" "a numbered step"
expect_out "     Position: sitting, side-lying; areas: lower back; stroke:" "position, areas and stroke"
expect_out "hold 1m; pressure: light." "a hold's time"
expect_out "Rub your palms together" "the step's instructions"
expect_no_out "Your weekly targets" "no tick boxes without a plan"
long=$(printf '%s\n' "$OUT" | awk 'length > 80' | head -3)
[ -z "$long" ] && pass "wrapped to --width 80" || fail "long lines: $long"

# Sides, repeats and rests in words.
bc_run --width 200 handout abdominal-trigger-points
expect_out "time: hold 45s on each side (left, then right), 2 times, 15s rest between" "sides, repeats and rests"

# A safety check with thin bones: GENTLE, no tapping.
printf 'age=40\nweeks=2\nmc_osteoporosis=yes\n' >"$T/ans"
"$BACKCARE" screen --answers "$T/ans" >/dev/null || fail "the safety check"
bc_run --width 200 --emergency-number 911 handout swedish-basics
expect_status 0 "a handout after a GENTLE check"
expect_out "! In an emergency call 911." "the configured number"
expect_out "call 911 for an ambulance" "the safety net with the configured number"
expect_no_out "112" "not the default number"
expect_out "Keep it gentle: light stroking (effleurage) only, no deep pressure." "GENTLE in words"
expect_out "No tapping or vibration." "no tapping in words"
expect_out "   ! Left out for you. Skipped: your safety check said light stroking (effleurage) only, and this step uses petrissage." "a left-out step says why"
sed -n 's/^## //p' "$TOP_SRCDIR/content/routines/swedish-basics.md" >"$T/steps"
while IFS= read -r step; do
	expect_out ". $step" "step '$step' is listed"
done <"$T/steps"
expect_no_out "Grip the soft muscle" "no instructions for a step that does not run"

# A plan: its routines by default, tick boxes for its weeks.
cat >"$T/plan.md" <<'EOP'
# Homework for weeks 1-4

- from: 2026-12-01
- until: 2026-12-28
- therapist: Sam Lee, 555-0100

## Routines
- gentle-five: 3 per week
- swedish-basics: 2 per week
EOP
"$BACKCARE" plan import "$T/plan.md" >/dev/null || fail "plan import"
bc_run --width 200 handout
expect_status 0 "handout with a plan in force"
expect_out "Homework: Homework for weeks 1-4" "the plan's title"
expect_out "From 2026-12-01 to 2026-12-28, set by Sam Lee, 555-0100." "its dates and therapist"
expect_out "  Week of     Five gentle minutes for a bad day (3 a week)  Swedish basics for the low back (2 a week)" "a column per routine"
expect_out "  2026-11-30  [ ] [ ] [ ]                                   [ ] [ ]" "a row of boxes per week"
expect_out "  2026-12-28  [ ] [ ] [ ]" "to the plan's last week"
expect_no_out "Abdominal trigger points" "only the plan's routines"
n=$(printf '%s\n' "$OUT" | grep -c '^Five gentle minutes\|^Swedish basics')
[ "$n" = 2 ] && pass "both of the plan's routines" || fail "$n routines"

bc_run --width 200 handout --plan --format markdown
expect_status 0 "handout --plan --format markdown"
expect_out "# Homework: Homework for weeks 1-4" "a Markdown title"
expect_out "**In an emergency call 112 (999 in the UK, 911 in the US).**" "the number in bold"
expect_out "| Week of | Five gentle minutes for a bad day (3 a week) | Swedish basics for the low back (2 a week) |" "a Markdown table of targets"
expect_out "| 2026-11-30 | [ ] [ ] [ ] | [ ] [ ] |" "tick boxes in the table"
expect_out "## Five gentle minutes for a bad day" "a routine heading"
expect_out "### 1. Breathe and settle" "a step heading"

bc_run handout --format html
expect_status 0 "HTML to standard output"
expect_out "<!DOCTYPE html>" "an HTML page"
expect_out "<h3>1. Breathe and settle</h3>" "steps as headings"

# Bad input: one line, a non-zero exit, nothing written.
bad() {
	want=$1
	shift
	bc_run handout "$@"
	expect_status "$want" "handout $*"
	expect_one_line_err "handout $*"
}
bad 1 nope
expect_err "nope: no such routine (see 'backcare routines')" "an unknown routine is named"
bad 2 --format pdf
expect_err "unknown format 'pdf' for --format (html, markdown or text)" "an unknown format is named"
bad 2 --plan gentle-five
expect_err "--plan or routines, not both ('gentle-five')" "--plan with routines"
bad 2 --format
expect_err "format" "--format without a value"
bad 1 gentle-five --output "$T/none/h.html"
expect_err "$T/none/h.html: cannot write there" "an output that cannot be written"
[ ! -e "$T/none" ] && pass "nothing made" || fail "$T/none exists"
BACKCARE_TEST_NOW=1798459200 bc_run handout --plan    # 2026-12-28 12:00
expect_status 0 "--plan on the plan's last day"
BACKCARE_TEST_NOW=1798545600 bc_run handout --plan    # 2026-12-29 12:00
expect_status 1 "--plan after the plan has ended"
expect_err "--plan: no homework plan with routines is in force today" "says there is no plan"
BACKCARE_TEST_NOW=1798545600 bc_run handout
expect_status 0 "no plan and no routines named: every routine"
n=$(printf '%s\n' "$OUT" | grep -c '^  About .* for you\|^! Your safety check leaves out every step')
[ "$n" = "$(ls "$TOP_SRCDIR"/content/routines/*.md | wc -l)" ] &&
	pass "every routine ($n)" || fail "$n routines"

bc_run --help
expect_out "  handout   [ROUTINE...|--plan] [--format html|markdown|text] [--output FILE]" "--help lists handout"
expect_out "  today                            one line: what the plan asks for today and" "--help lists today"
expect_out "report    [--since DATE] [--until DATE] [--format FMT] [--output FILE]" "--help lists the report's new options"
expect_out "(FMT: text, markdown or html)" "and its formats"

# A write error on standard output.
"$BACKCARE" handout gentle-five >/dev/full 2>"$T/err"
STATUS=$?
ERR=$(cat "$T/err")
expect_status 1 "handout on a full disk"
expect_err "No space left on device" "the write error is told"
expect_one_line_err "the write error"

bc_done
