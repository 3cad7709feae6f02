#!/bin/sh
# `backcare screen`: answers files for every verdict, the output format,
# what is stored, every bad answers file, --status and gating over time,
# and the plain prompts on a terminal.
. "$TOP_SRCDIR/tests/lib.sh"

count_checks() { sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM checks" 2>/dev/null || echo 0; }

answers() { printf '%s\n' "$@" >"$T/answers"; }

answers "age=40" "weeks=2"
bc_run screen --answers "$T/answers"
expect_status 0 "NONE"
[ "$(printf '%s\n' "$OUT" | head -n 1)" = "verdict: NONE" ] && pass "first line is the verdict" || fail "first line: $(printf '%s\n' "$OUT" | head -n 1)"
expect_out "safety net:" "NONE gives the safety net"
expect_no_out "rule:" "NONE fires no rule"

answers "# a comment" "" "age=40" "weeks=2" "saddle_numbness=unsure" "history_of_cancer=yes" "one_leg_weakness_worsening=yes"
bc_run --emergency-number 911 screen --answers "$T/answers"
expect_status 0 "EMERGENCY exits 0"
expect_out "verdict: EMERGENCY" "EMERGENCY"
expect_out "rule: E1 saddle_numbness" "rule E1 with its item"
expect_out "rule: E6 history_of_cancer one_leg_weakness_worsening" "rule E6 with its items"
expect_out "rule: U1 history_of_cancer one_leg_weakness_worsening" "rule U1 also reported"
expect_out "call 911 now" "the configured emergency number"

answers "age=72" "weeks=1" "minor_trauma_onset=yes"
BC_STDIN="$T/answers" bc_run screen --answers -
expect_out "verdict: URGENT" "URGENT from stdin"
expect_out "rule: U2 minor_trauma_onset age70" "U2 fragility fracture"

answers "age=55" "weeks=6" "not_improving=yes"
bc_run screen --answers "$T/answers"
expect_out "verdict: SOON" "SOON"
expect_out "rule: S2 age50 weeks>=4 not_improving" "S2"

answers "age=40" "weeks=2" "mc_anticoagulant_or_bleeding=yes" "mc_dvt_history=yes" \
    "mc_skin_problem_area=yes" "mc_skin_problem_area.region=glutes, hips"
bc_run screen --answers "$T/answers"
expect_out "verdict: NONE" "massage checks leave the verdict alone"
expect_out "massage: GENTLE mc_anticoagulant_or_bleeding" "GENTLE action"
expect_out "massage: AVOID-AREA mc_dvt_history legs" "AVOID-AREA with a fixed area"
expect_out "massage: ASK mc_dvt_history" "ASK action"
expect_out "massage: AVOID-AREA mc_skin_problem_area glutes, hips" "AVOID-AREA with the named areas"
n=$(count_checks)
[ "$n" = 5 ] && pass "each check is stored" || fail "stored checks: $n"
stored=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM check_answers WHERE check_id = (SELECT max(id) FROM checks)")
[ "$stored" = 55 ] && pass "every answer stored, unlisted ones as no" || fail "answers stored: $stored"

# Bad answers files: a message naming the line, exit 2, nothing stored.
bad() {
	local want=$1 what=$2
	shift 2
	answers "$@"
	before=$(count_checks)
	bc_run screen --answers "$T/answers"
	expect_status 2 "$what"
	expect_err "$want" "$what: message"
	[ "$(count_checks)" = "$before" ] && pass "$what: nothing stored" || fail "$what: a check was stored"
}
bad "$T/answers:3: unknown item 'sadle_numbness'" "unknown id" "age=40" "weeks=2" "sadle_numbness=yes"
bad "$T/answers:3: saddle_numbness: answer yes, no or unsure, not 'maybe'" "bad value" "age=40" "weeks=2" "saddle_numbness=maybe"
bad "age is missing" "missing age" "weeks=2"
bad "weeks is missing" "missing weeks" "age=40"
bad "$T/answers:1: age must be a whole number from 0 to 120, not '121'" "age over 120" "age=121" "weeks=2"
bad "$T/answers:1: age must be" "negative age" "age=-1" "weeks=2"
bad "$T/answers:2: weeks must be" "weeks too many" "age=40" "weeks=9999"
bad "$T/answers:4: thoracic_pain answered twice" "duplicate" "age=40" "weeks=2" "thoracic_pain=yes" "thoracic_pain=no"
bad "$T/answers:3: expected ID=yes|no|unsure" "not a key=value line" "age=40" "weeks=2" "hello"
bad "mc_skin_problem_area needs the area" "area missing" "age=40" "weeks=2" "mc_skin_problem_area=yes"
printf 'age=40\nweeks=2\nthoracic_pain=yes\033[31m\n' >"$T/answers"
bc_run screen --answers "$T/answers"
expect_status 2 "escape bytes in an answer"
if printf '%s' "$ERR" | grep -q "$(printf '\033')"; then fail "an escape byte reached the terminal"; else pass "escape bytes are shown harmlessly"; fi
bc_run screen --answers "$T/nonexistent"
expect_status 2 "a missing answers file"
expect_err "$T/nonexistent: cannot read" "a missing file is named"
bc_run screen --answers
expect_status 2 "--answers without a file"
bc_run screen extra
expect_status 2 "an extra argument"
bc_run screen
expect_status 2 "no --answers and no terminal"
expect_err "needs --answers" "no terminal is explained"

# Gating over time, with the wall clock pinned.
rm -f "$BACKCARE_DB"*
bc_run screen --status
expect_out "routines: locked" "locked before any check"
expect_out "until you have done the safety check" "says what unlocks them"
now=1800000000
answers "age=40" "weeks=2"
BACKCARE_TEST_NOW=$now bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=$((now + 3600)) bc_run screen --status
expect_out "routines: open" "open after NONE"
BACKCARE_TEST_NOW=$((now + 7 * 86400 - 1)) bc_run screen --status
expect_out "routines: open" "still open just before 7 days"
expect_out "emergency questions again" "after 12 hours the E1 questions come again"
BACKCARE_TEST_NOW=$((now + 7 * 86400)) bc_run screen --status
expect_out "routines: locked" "locked after 7 days"
expect_out "more than 7 days old" "the expiry is explained"
answers "age=40" "weeks=2" "fever_or_chills=yes"
BACKCARE_TEST_NOW=$((now + 7200)) bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=$((now + 7300)) bc_run screen --status
expect_out "routines: locked" "a later red flag locks them again"
answers "age=40" "weeks=2" "mc_fever_acute_illness=yes"
BACKCARE_TEST_NOW=$((now + 8000)) bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=$((now + 8100)) bc_run screen --status
expect_out "routines: locked" "BLOCK locks them"
expect_out "massage checks said no massage" "BLOCK is explained"

# The plain prompts on a terminal (for screen readers).
tui_start 100 30 screen
expect_screen "How old are you" "prompts ask the age"
tui_type abc; tui_keys Enter
expect_screen "Please give a whole number" "a bad number is asked again"
tui_type 40; tui_keys Enter
expect_screen "How many weeks" "prompts ask the weeks"
tui_type 2; tui_keys Enter
expect_screen "1. Since the back pain began" "numbered questions"
tui_type maybe; tui_keys Enter
expect_screen "Please answer y, n or u" "a bad answer is asked again"
# The terminal queues the lines; each prompt reads the next one.
i=0
while [ $i -lt 55 ]; do tui_type n; tui_keys Enter; i=$((i + 1)); done
tui_wait_exit
[ "$STATUS" = 0 ] && pass "the prompts finish with 0" || fail "prompts exit $STATUS"
expect_screen "verdict: NONE" "the prompts end with the verdict"
tui_stop

# An area to leave out, asked in words; a wrong area is asked again.
tui_start 100 40 screen
tui_wait "How old are you" && { tui_type 40; tui_keys Enter; tui_type 2; tui_keys Enter; }
i=0
while [ $i -lt 44 ]; do tui_type n; tui_keys Enter; i=$((i + 1)); done
expect_screen "45. Have you had surgery" "the surgery question comes 45th"
tui_type y; tui_keys Enter
expect_screen "Which area should be left out?" "AVOID-AREA asks which area"
tui_type elbow; tui_keys Enter
expect_screen "'elbow' is not one of the areas listed" "a wrong area is asked again"
tui_type hips; tui_keys Enter
i=0
while [ $i -lt 10 ]; do tui_type n; tui_keys Enter; i=$((i + 1)); done
tui_wait_exit
expect_screen "massage: AVOID-AREA mc_recent_surgery hips" "the area is used"
tui_stop

bc_done
