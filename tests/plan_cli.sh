#!/bin/sh
# `plan import` and `plan show`: every refused file says where and why and
# stores nothing; re-importing replaces; a newer plan takes over from its
# start day; `check` knows plan files.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
q() { sqlite3 "$BACKCARE_DB" "$1"; }
# plan show only reads, and creates nothing: make the file to look into.
bc_make_db
# Noon (UTC) on a few days of the plans below.
nov30=1796040000 dec01=1796126400 dec05=1796472000 dec14=1797249600
dec15=1797336000 dec28=1798459200 dec29=1798545600 jan10=1799582400
jan20=1800446400

cat >"$T/plan.md" <<'EOS'
# Homework for weeks 1-4

- from: 2026-12-01
- until: 2026-12-28
- therapist: Sam Lee, 555-0100

## Routines
- swedish-basics: 3 per week
- trigger-point-release: 2 per week

## Lessons
- spine-anatomy

## Notes
Free text for the *patient*: walk every day.
EOS

# A plan before any was imported.
BACKCARE_TEST_NOW=$dec05 bc_run plan show
expect_status 0 "plan show with no plan"
expect_out "no plan in force today" "says there is no plan"

# Each bad file: its line and problem on stderr, exit 1, nothing stored.
# bad NAME LINE MESSAGE: the file $T/NAME.md is refused.
bad() {
	bc_run plan import "$T/$1.md"
	expect_status 1 "$1 refused"
	expect_err "$T/$1.md:$2: $3" "$1: names the line and the problem"
	expect_err "nothing was stored" "$1: says nothing was stored"
	n=$(q 'SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM plan_routines) + (SELECT count(*) FROM plan_lessons)' 2>&1)
	[ "$n" = 0 ] && pass "$1: nothing stored" || fail "$1: stored: $n"
}
head_ok='# Bad\n- from: 2026-12-01\n- until: 2026-12-28\n'
printf "$head_ok"'## Routines\n- swedish-basics: 3 per week\n- no-such-routine: 2 per week\n' >"$T/unknown-routine.md"
bad unknown-routine 6 "unknown routine 'no-such-routine'"
printf "$head_ok"'## Routines\n- swedish-basics: 3 per week\n## Lessons\n- spine-anatomy\n- no-such-lesson\n' >"$T/unknown-lesson.md"
bad unknown-lesson 8 "unknown lesson 'no-such-lesson'"
printf '# Bad\n- from: 2026-12-01\n- until: 2026-02-30\n' >"$T/bad-date.md"
bad bad-date 3 "until: '2026-02-30' is not a date"
printf '# Bad\n- from: 2026-12-01\n- until: 2026-11-30\n' >"$T/until-before.md"
bad until-before 3 "until: 2026-11-30 is before from: 2026-12-01"
printf "$head_ok"'- colour: blue\n' >"$T/unknown-key.md"
bad unknown-key 4 "unknown key 'colour'"
printf "$head_ok"'## Routines\n- swedish-basics: 3/week\n' >"$T/per-week.md"
bad per-week 5 "swedish-basics: '3/week' is not 'N per week'"
printf "$head_ok"'## Homework\n- swedish-basics: 3 per week\n' >"$T/section.md"
bad section 4 "unknown section 'Homework'"
printf '# Bad\n- from: 2026-12-01\n' >"$T/no-until.md"
bad no-until 1 "the plan has no end date"
: >"$T/empty.md"
bad empty 1 "the file is empty"
printf "$head_ok"'## Notes\nab\0cd\n' >"$T/nul.md"
bad nul 5 "a NUL byte at column 3; this is not a text file"
printf "$head_ok"'## Notes\ncaf\351\n' >"$T/latin1.md"
bad latin1 5 "not UTF-8 text (byte 0xE9 at column 4); save the file as UTF-8"

# Escapes in a refused file reach the terminal only as ^[ text.
printf "$head_ok"'- \033]0;owned\007\033[2J: x\n' >"$T/escapes.md"
bc_run plan import "$T/escapes.md"
expect_status 1 "escapes refused"
if printf '%s' "$ERR" | grep -q "$(printf '\033')"; then
	fail "an escape reached stderr raw"
else pass "no raw escape on stderr"; fi
expect_err "unknown key '^[]0;owned^G^[[2J'" "the key is shown harmlessly"

bc_run plan import "$T/missing.md"
expect_status 1 "a missing file"
expect_err "missing.md: cannot read the plan" "says it cannot read it"
mkdir "$T/folder.md"
bc_run plan import "$T/folder.md"
expect_status 1 "a folder"
expect_err "folder.md: is a folder, not a plan file" "says it is a folder"
bc_run plan
expect_status 2 "plan without a subcommand"
expect_err "give 'import FILE' or 'show'" "says what to give"
bc_run plan import
expect_status 2 "import without a file"
bc_run plan frobnicate
expect_status 2 "an unknown subcommand"
expect_err "unknown subcommand 'frobnicate'" "names it"
[ "$(q 'SELECT count(*) FROM plans')" = 0 ] && pass "still no plan stored" || fail "a plan was stored"

# A good plan.
BACKCARE_TEST_NOW=$dec05 bc_run plan import "$T/plan.md"
expect_status 0 "import a good plan"
expect_out "imported: Homework for weeks 1-4" "names the plan"
expect_out "dates: 2026-12-01 to 2026-12-28" "gives its dates"
[ "$(q "SELECT title, from_date, until_date, therapist FROM plans")" = "Homework for weeks 1-4|2026-12-01|2026-12-28|Sam Lee, 555-0100" ] && pass "the plan row" || fail "plans: $(q 'SELECT * FROM plans')"
[ "$(q "SELECT group_concat(routine_id || '=' || per_week, ' ') FROM plan_routines")" = "swedish-basics=3 trigger-point-release=2" ] && pass "the routine targets" || fail "routines: $(q 'SELECT * FROM plan_routines')"
[ "$(q "SELECT lesson_id FROM plan_lessons")" = spine-anatomy ] && pass "the lessons" || fail "lessons: $(q 'SELECT * FROM plan_lessons')"

BACKCARE_TEST_NOW=$dec05 bc_run --width 60 plan show
expect_status 0 "plan show"
expected='plan: Homework for weeks 1-4
from: 2026-12-01
until: 2026-12-28
therapist: Sam Lee, 555-0100
routines:
  swedish-basics: 3 per week
  trigger-point-release: 2 per week
lessons:
  spine-anatomy
notes:
  Free text for the patient: walk every day.'
[ "$OUT" = "$expected" ] && pass "plan show prints the whole plan" || { fail "plan show printed:"; printf '%s\n' "$OUT" | sed 's/^/  | /'; }
BACKCARE_TEST_NOW=$nov30 bc_run plan show
expect_out "no plan in force today" "not in force before its start"
BACKCARE_TEST_NOW=$dec28 bc_run plan show
expect_out "plan: Homework for weeks 1-4" "in force on its last day"
BACKCARE_TEST_NOW=$dec29 bc_run plan show
expect_out "no plan in force today" "not in force after its end"

# Importing the same plan again replaces it; so does a changed one with
# the same title.
BACKCARE_TEST_NOW=$dec05 bc_run plan import "$T/plan.md"
expect_status 0 "the same plan again"
sed 's/3 per week/4 per week/; s/2026-12-01/2026-12-02/' "$T/plan.md" >"$T/plan2.md"
BACKCARE_TEST_NOW=$dec05 bc_run plan import "$T/plan2.md"
expect_status 0 "a changed plan of the same title"
[ "$(q 'SELECT count(*) FROM plans')" = 1 ] && pass "one plan after re-imports" || fail "plans: $(q 'SELECT * FROM plans')"
[ "$(q 'SELECT count(*) FROM plan_routines')" = 2 ] && pass "its rows replaced, not added" || fail "plan_routines: $(q 'SELECT * FROM plan_routines')"
BACKCARE_TEST_NOW=$dec05 bc_run plan show
expect_out "swedish-basics: 4 per week" "the new target is shown"

# A new plan takes over from its start day.
cat >"$T/next.md" <<'EOS'
# Weeks 3-6
- from: 2026-12-15
- until: 2027-01-12

## Routines
- gentle-five: 5 per week
EOS
BACKCARE_TEST_NOW=$dec05 bc_run plan import "$T/next.md"
expect_status 0 "import the next plan"
expect_out "note: this plan takes over on 2026-12-15" "says when it takes over"
BACKCARE_TEST_NOW=$dec14 bc_run plan show
expect_out "plan: Homework for weeks 1-4" "the first plan until the day before"
BACKCARE_TEST_NOW=$dec15 bc_run plan show
expect_out "plan: Weeks 3-6" "the new plan from its start day"
expect_out "gentle-five: 5 per week" "with its routines"
expect_out "lessons: none" "and no lessons"
expect_no_out "notes:" "and no notes"
BACKCARE_TEST_NOW=$jan10 bc_run plan show
expect_out "plan: Weeks 3-6" "still in force"
BACKCARE_TEST_NOW=$jan20 bc_run plan show
expect_status 0 "plan show after every plan ended"
expect_out "no plan in force today" "none after its end"
BACKCARE_TEST_NOW=$jan20 bc_run plan import "$T/plan.md"
expect_out "note: this plan ended on 2026-12-28" "importing an old plan says it has ended"
[ "$(q 'SELECT count(*) FROM plans')" = 2 ] && pass "two plans stored" || fail "plans: $(q 'SELECT * FROM plans')"

# A title or therapist with escapes is shown harmlessly.
printf '# Plan \033[31mred\n- from: 2027-02-01\n- until: 2027-02-28\n- therapist: \033]0;x\007Sam\n' >"$T/esc.md"
bc_run plan import "$T/esc.md"
expect_status 0 "a plan with escapes in its text is stored"
BACKCARE_TEST_NOW=$((jan20 + 20 * 86400)) bc_run plan show
expect_out "plan: Plan ^[[31mred" "the title is shown harmlessly"
expect_out "therapist: ^[]0;x^GSam" "the therapist too"
if printf '%s' "$OUT" | grep -q "$(printf '\033')"; then
	fail "an escape reached stdout raw"
else pass "no raw escape on stdout"; fi

# `check` knows plans: in a plans/ folder, or by their head.
mkdir -p "$T/c/plans"
cp "$T/plan.md" "$T/c/plans/good.md"
cp "$T/unknown-routine.md" "$T/c/plans/bad.md"
bc_run check "$T/c"
expect_status 1 "check a folder with plans"
expect_out "$T/c/plans/bad.md:6: unknown routine 'no-such-routine'" "check reports a bad plan"
expect_out "2 files checked, 1 problem" "both plans checked"
bc_run check "$T/plan.md" "$T/until-before.md"
expect_status 1 "check plan files outside plans/"
expect_out "until-before.md:3: until: 2026-11-30 is before" "a plan known by its head"
expect_out "2 files checked, 1 problem" "the good one has no problems"
bc_run check "$T/plan.md"
expect_status 0 "check a good plan"

bc_done
