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
[ "$stored" = 57 ] && pass "every answer stored, unlisted ones as no" || fail "answers stored: $stored"

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
expect_out "emergency questions again" "after 60 minutes the E1 questions come again"
BACKCARE_TEST_NOW=$((now + 7 * 86400)) bc_run screen --status
expect_out "routines: locked" "locked after 7 days"
expect_out "7 days old or more" "the expiry is explained"
answers "age=40" "weeks=2" "fever_or_chills=yes"
BACKCARE_TEST_NOW=$((now + 7200)) bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=$((now + 7300)) bc_run screen --status
expect_out "routines: locked" "a later red flag locks them again"
answers "age=40" "weeks=2" "mc_fever_acute_illness=yes"
BACKCARE_TEST_NOW=$((now + 8000)) bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=$((now + 8100)) bc_run screen --status
expect_out "routines: locked" "BLOCK locks them"
expect_out "massage checks said no massage" "BLOCK is explained"

# ---- red-flags.md section 6 (issue 10) ----------------------------------
rm -f "$BACKCARE_DB"*
# 1. A verdict that cannot be saved is shown whole, then "not saved".
: >"$T/notadir"
answers "age=40" "weeks=1" "saddle_numbness=yes"
bc_run --db "$T/notadir/progress.db" screen --answers "$T/answers"
expect_status 1 "an unsaved check exits 1"
expect_out "verdict: EMERGENCY" "an unsaved EMERGENCY is still shown"
expect_out "Go to the emergency department or call 112" "with what to do"
expect_out "what to say: \"I have back pain and new numbness around my bottom" "and what to say"
expect_out "not saved: this check was not saved ($T/notadir/progress.db" "then that it was not saved, and why"
expect_err "the safety check was not saved" "stderr says so too"
v=$(printf '%s\n' "$OUT" | grep -n '^verdict:' | cut -d: -f1)
ns=$(printf '%s\n' "$OUT" | grep -n '^not saved:' | cut -d: -f1)
[ "$v" = 1 ] && [ "${ns:-0}" -gt 5 ] && pass "the verdict first, the save second" || fail "order: verdict line $v, not saved line $ns"
expect_no_out "Routines are open" "an unsaved check never opens the routines"
# 3. Not sure counts as yes for every item, and is named.
answers "age=60" "weeks=2" "history_of_cancer=unsure"
bc_run screen --answers "$T/answers"
expect_out "verdict: URGENT" "not sure about cancer at 60 is URGENT"
expect_out "not sure: You were not sure about: \"Have you ever been diagnosed with or treated for cancer" "the unsure item is named"
answers "age=40" "weeks=2" "fever_or_chills=unsure" "one_leg_weakness_worsening=yes"
bc_run screen --answers "$T/answers"
expect_out "verdict: EMERGENCY" "not sure about fever with a weakening leg is E5"
answers "age=60" "weeks=2" "colicky_loin_pain=unsure"
bc_run screen --answers "$T/answers"
expect_out "rule: E7 colicky_loin_pain age55" "not sure about loin pain at 60 is E7"
# 4, 7. A block never says the routines are open; screen and --status agree.
answers "age=40" "weeks=2" "mc_dvt_current=yes"
bc_run screen --answers "$T/answers"
expect_out "But no massage for now: no massage while a blood clot is being treated" "a block gives its own reason"
expect_no_out "Routines are open" "a block never says the routines are open"
expect_out "routines: Routines are locked: the massage checks said no massage" "the check says locked"
bc_run screen --status
expect_out "routines: locked" "--status agrees"
bc_run --width 1000 report
expect_out "full check: NONE, age 40, pain for 2 weeks; rules: none fired; massage: BLOCK mc_dvt_current" "the report shows why the routines were locked"
# 5. A new swollen calf: URGENT, rule U3.
answers "age=40" "weeks=2" "calf_swelling_new=yes"
bc_run screen --answers "$T/answers"
expect_out "verdict: URGENT" "a new swollen calf is URGENT"
expect_out "rule: U3 calf_swelling_new" "rule U3"
expect_out "cough up blood" "with when to call the number at once"
answers "age=40" "weeks=2" "mc_dvt_current_or_suspected=yes"
bc_run screen --answers "$T/answers"
expect_status 2 "the old clot item is refused"
expect_err "mc_dvt_current_or_suspected was split in two" "and the split is explained"
# 12. Chest pain: an ambulance, not the car; the number written out alone.
answers "age=40" "weeks=2" "chest_pain_or_breathless=yes"
bc_run --emergency-number 911 screen --answers "$T/answers"
expect_out "advice: Call 911 now and ask for an ambulance. Do not drive yourself." "E3: call an ambulance, do not drive"
expect_no_out "999 in the UK" "a configured number is not followed by other countries' numbers"
expect_out "rule: E3 chest_pain_or_breathless" "the rule code"
expect_out "what it could mean: chest pain or breathlessness (E3)" "and the rule in words"
answers "age=40" "weeks=2" "thoracic_pain=yes"
bc_run screen --answers "$T/answers"
expect_out "safety net: Stop and get help at once" "SOON gets the safety net"
# 8, 11. ASK locks until a clearance in the plan; the check shows it.
answers "age=40" "weeks=2" "mc_dvt_history=yes"
BACKCARE_TEST_NOW=1800000000 bc_run screen --answers "$T/answers"
expect_out "But massage needs a clinician's clearance first, for: mc_dvt_history" "ASK says a clearance is needed"
BACKCARE_TEST_NOW=1800000060 bc_run screen --status
expect_out "routines: locked" "ASK locks the routines"
expect_out "clinician's clearance" "and says why"
printf '# Weeks 1 to 6\n\n- from: 2027-01-04\n- until: 2027-02-14\n\n## Clearances\n\n- mc_dvt_history, history_of_cancer: Dr Ana Silva, until 2027-06-30\n' >"$T/plan.md"
BACKCARE_TEST_NOW=1800000000 bc_run plan import "$T/plan.md"
expect_status 0 "a plan with clearances imports"
BACKCARE_TEST_NOW=1800000000 bc_run plan show
expect_out "  history_of_cancer, cleared by Dr Ana Silva until 2027-06-30" "plan show lists the clearances"
answers "age=60" "weeks=2" "mc_dvt_history=yes" "history_of_cancer=yes"
BACKCARE_TEST_NOW=1800000100 bc_run screen --answers "$T/answers"
expect_out "verdict: NONE" "a cleared past cancer no longer gives URGENT"
expect_out "clearance: history_of_cancer, cleared by Dr Ana Silva until 2027-06-30" "the check shows each clearance used"
expect_out "clearance: mc_dvt_history, cleared by Dr Ana Silva until 2027-06-30" "the ASK clearance too"
expect_out "massage: AVOID-AREA mc_dvt_history legs" "the legs are still left out"
answers "age=60" "weeks=2" "mc_dvt_history=yes" "history_of_cancer=yes"
BACKCARE_TEST_NOW=1800000170 bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=1800000200 bc_run screen --status
expect_out "routines: open" "cleared: the routines open"
expect_out "clearance: history_of_cancer, cleared by Dr Ana Silva until 2027-06-30" "--status shows the clearances used"
answers "age=60" "weeks=2" "mc_dvt_history=yes" "history_of_cancer=yes" "thoracic_pain=unsure"
BACKCARE_TEST_NOW=1800000150 bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=1800000160 bc_run --width 1000 report
expect_out "rules: S1 (a sign a doctor should look at); not sure (counted as yes): thoracic_pain; massage: AVOID-AREA mc_dvt_history legs; clearances used: history_of_cancer, cleared by Dr Ana Silva until 2027-06-30; mc_dvt_history, cleared by Dr Ana Silva until 2027-06-30" "the report names rules in words, unsure items and clearances"
BACKCARE_TEST_NOW=$((1800000200 + 200 * 86400)) bc_run screen --status
expect_out "routines: locked" "later the routines lock again"
# A clearance never covers the emergency items or the calf.
answers "age=60" "weeks=2" "history_of_cancer=yes" "one_leg_weakness_worsening=yes"
BACKCARE_TEST_NOW=1800000300 bc_run screen --answers "$T/answers"
expect_out "verdict: EMERGENCY" "a clearance never covers E6"
printf '# P\n\n- from: 2027-01-04\n- until: 2027-02-14\n\n## Clearances\n\n- calf_swelling_new: Dr B, until 2027-02-01\n' >"$T/bad.md"
bc_run plan import "$T/bad.md"
expect_status 1 "a clearance of the calf is refused"
expect_err "$T/bad.md:8: calf_swelling_new cannot be cleared" "with file and line"
# 2. The last stored check wins, whatever its clock time.
rm -f "$BACKCARE_DB"*
answers "age=40" "weeks=2"
BACKCARE_TEST_NOW=1800000000 bc_run screen --answers "$T/answers"
answers "age=40" "weeks=2" "saddle_numbness=yes"
BACKCARE_TEST_NOW=$((1800000000 - 300)) bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=$((1800000000 + 60)) bc_run screen --status
expect_out "routines: locked" "an EMERGENCY stamped earlier still wins"
expect_out "last check: EMERGENCY" "and is the last check"
answers "age=40" "weeks=2"
BACKCARE_TEST_NOW=1800001000 bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=1800000900 bc_run screen --status
expect_out "routines: locked" "a clock that reads earlier than the last check locks"
expect_out "clock reads earlier" "and says why"

# An unsaved warning sign locks the routines in later runs too, until a
# check is saved (the mark beside the progress file).
rm -f "$BACKCARE_DB"*
answers "age=40" "weeks=2"
BACKCARE_TEST_NOW=1800000000 bc_run screen --answers "$T/answers"
sqlite3 "$BACKCARE_DB" "CREATE TRIGGER refuse BEFORE INSERT ON checks BEGIN SELECT RAISE(ABORT, 'simulated'); END;"
answers "age=40" "weeks=2" "saddle_numbness=yes" "bladder_incontinence=yes" "walking_difficulty_new=yes"
BACKCARE_TEST_NOW=1800000300 bc_run screen --answers "$T/answers"
expect_status 1 "an unsaved EMERGENCY"
expect_out "what to say: \"I have back pain and new numbness around my bottom or genitals, new leaking of urine and legs that newly feel heavy or clumsy." "what to say reads as one sentence"
n=$(printf '%s\n' "$OUT" | grep -n '^not saved:' | cut -d: -f1)
r=$(printf '%s\n' "$OUT" | grep -n '^routines:' | cut -d: -f1)
[ "${n:-0}" -gt 0 ] && [ "${r:-0}" -gt "$n" ] && pass "not saved comes before the routines line" || fail "not saved at $n, routines at $r"
[ -f "$BACKCARE_DB-unsaved" ] && pass "an unsaved warning sign leaves a mark" || fail "no mark beside the progress file"
BACKCARE_TEST_NOW=1800000310 bc_run screen --status
expect_out "routines: locked" "a later run stays locked after an unsaved EMERGENCY"
expect_out "could not be saved" "and says why"
sqlite3 "$BACKCARE_DB" "DROP TRIGGER refuse"
answers "age=40" "weeks=2"
BACKCARE_TEST_NOW=1800000400 bc_run screen --answers "$T/answers"
[ ! -e "$BACKCARE_DB-unsaved" ] && pass "a saved check removes the mark" || fail "the mark stayed"
BACKCARE_TEST_NOW=1800000410 bc_run screen --status
expect_out "routines: open" "and the routines open again"
# A clearance the therapist withdraws ends at once.
printf '# Withdrawn\n\n- from: 2027-01-04\n- until: 2027-02-14\n\n## Clearances\n\n- mc_dvt_history: Dr Ana Silva, until 2027-06-30\n' >"$T/plan.md"
BACKCARE_TEST_NOW=1800000500 bc_run plan import "$T/plan.md"
answers "age=40" "weeks=2" "mc_dvt_history=yes"
BACKCARE_TEST_NOW=1800000600 bc_run screen --answers "$T/answers"
BACKCARE_TEST_NOW=1800000700 bc_run screen --status
expect_out "routines: open" "open with the clearance"
printf '# Withdrawn\n\n- from: 2027-01-04\n- until: 2027-02-14\n' >"$T/plan.md"
BACKCARE_TEST_NOW=1800000800 bc_run plan import "$T/plan.md"
BACKCARE_TEST_NOW=1800000900 bc_run screen --status
expect_out "routines: locked" "a withdrawn clearance locks the routines at once"
expect_out "(no longer in the plan in force)" "--status says the clearance is gone"
rm -f "$BACKCARE_DB"*

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
while [ $i -lt 57 ]; do tui_type n; tui_keys Enter; i=$((i + 1)); done
tui_wait_exit
[ "$STATUS" = 0 ] && pass "the prompts finish with 0" || fail "prompts exit $STATUS"
expect_screen "verdict: NONE" "the prompts end with the verdict"
tui_stop

# Input that ends after a yes to an emergency question still shows what
# to do, marked not saved.
tui_start 100 30 screen
tui_wait "How old are you" && { tui_type 40; tui_keys Enter; tui_type 2; tui_keys Enter; }
tui_wait "1. Since the back pain began" && { tui_type y; tui_keys Enter; }
tui_wait "2. " && tui_keys C-d
tui_wait_exit
expect_screen "verdict: EMERGENCY" "ending the prompts after a yes still shows the verdict"
expect_screen "you left the check before the end" "marked not saved"
tui_stop

# An area to leave out, asked in words; a wrong area is asked again.
tui_start 100 40 screen
tui_wait "How old are you" && { tui_type 40; tui_keys Enter; tui_type 2; tui_keys Enter; }
i=0
while [ $i -lt 45 ]; do tui_type n; tui_keys Enter; i=$((i + 1)); done
expect_screen "46. Have you had surgery" "the surgery question comes 46th"
tui_type y; tui_keys Enter
expect_screen "Which area should be left out?" "AVOID-AREA asks which area"
tui_type elbow; tui_keys Enter
expect_screen "'elbow' is not one of the areas listed" "a wrong area is asked again"
tui_type hips; tui_keys Enter
i=0
while [ $i -lt 11 ]; do tui_type n; tui_keys Enter; i=$((i + 1)); done
tui_wait_exit
expect_screen "massage: AVOID-AREA mc_recent_surgery hips" "the area is used"
tui_stop

bc_done
