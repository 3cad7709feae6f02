#!/bin/sh
# `routines` and `run --plain`: listing, gating, the E1 re-check, cues,
# pain ratings, records, limits, end of input, signals, kill -9 and resume.
. "$TOP_SRCDIR/tests/lib.sh"

C="$TOP_SRCDIR/tests/fixtures/routines"
now=1800000000
q() { sqlite3 "$BACKCARE_DB" "$1"; }
none_check() {
	printf 'age=40\nweeks=2\n%s' "${1:-}" >"$T/ans"
	BACKCARE_TEST_NOW=${2:-$now} "$BACKCARE" screen --answers "$T/ans" >/dev/null
}

bc_run routines
expect_status 0 "routines"
expect_out "$(printf 'swedish-basics\tSwedish basics for the low back\t10:00\tmassage')" "built-in routines listed: id, title, time, kind"
n=$(printf '%s\n' "$OUT" | grep -c "$(printf '\tmassage$')")
[ "$n" -eq 5 ] && pass "five built-in massage routines" || fail "$n massage routines listed"
n=$(printf '%s\n' "$OUT" | grep -c "$(printf '\texercise$')")
[ "$n" -eq 5 ] && pass "five built-in exercise routines" || fail "$n exercise routines listed"
printf '%s\n' "$OUT" | awk -F'\t' '$4 == "exercise" { e = 1 } $4 == "massage" && e { bad = 1 } END { exit bad }' && pass "massage routines listed apart, before the exercise routines" || fail "kinds mixed: $OUT"
bc_run --content-dir "$C" routines
expect_out "$(printf 'twosteps\tTwo short steps\t0:04\tmassage')" "a content-dir routine with its total time"

# Locked before any check.
BACKCARE_TEST_NOW=$now bc_run --content-dir "$C" run twosteps --plain
expect_status 1 "locked before a check"
expect_err "safety check" "says the safety check unlocks it"
[ "$(q 'SELECT count(*) FROM sessions')" = 0 ] && pass "no session when locked" || fail "session stored while locked"

# Open after NONE: a whole run with pain ratings.
none_check
printf '4\n2\n' >"$T/in"
BACKCARE_TEST_NOW=$((now + 60)) BC_STDIN="$T/in" bc_run --content-dir "$C" run twosteps --plain
expect_status 0 "a whole plain run"
expect_out "step 1/2: First stroke (strokes 0:02; effleurage, lower back, light pressure)" "a line at each step"
expect_out "step 2/2: Second stroke" "the second step"
printf '%s\n' "$OUT" | grep -A1 "step 1/2: First stroke" | grep -qx "  Stroke gently." &&
	pass "the step's instructions follow its line, indented, as plain text" ||
	fail "no instructions under step 1: $OUT"
printf '%s\n' "$OUT" | grep -A1 "step 2/2: Second stroke" | grep -qx "  Knead." &&
	pass "each step's own instructions" || fail "no instructions under step 2: $OUT"
printf '%s\n' "$OUT" | grep -q "^Pain now (0-10, Enter to skip): $" &&
	pass "an answer from a pipe ends the prompt's line" ||
	fail "the prompt runs into the next line: $OUT"
expect_out "done: Two short steps" "the end"
expect_out "safety net:" "the safety net after the session"
[ "$(q "SELECT state, pain_before, pain_after FROM sessions")" = "completed|4|2" ] && pass "session completed with pain before and after" || fail "session: $(q 'SELECT * FROM sessions')"
[ "$(q "SELECT count(*) FROM steps WHERE state='done'")" = 2 ] && pass "a step row per step" || fail "steps: $(q 'SELECT * FROM steps')"
expect_no_out "prompt:" "no prompt after a session that eased the pain"
# Pain up by 2 or more after two sessions in a row: lighter pressure.
printf '3\n5\n' >"$T/in"
BACKCARE_TEST_NOW=$((now + 120)) BC_STDIN="$T/in" bc_run --content-dir "$C" run twosteps --plain
expect_no_out "prompt:" "one rise is not yet a pattern"
printf '3\n6\n' >"$T/in"
BACKCARE_TEST_NOW=$((now + 180)) BC_STDIN="$T/in" bc_run --content-dir "$C" run twosteps --plain
expect_out "prompt: Pain rose by 2 or more after the last two sessions: try lighter pressure and talk to your therapist." "two rises in a row ask for lighter pressure"

# Sides, repeats and rests; GENTLE skips holds and tapping.
none_check 'mc_anticoagulant_or_bleeding=yes
'
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$C" run quick --plain
expect_status 0 "a run under GENTLE"
expect_out "left out: step 2 (Hold the point): Skipped: your safety check said light stroking (effleurage) only, and this step uses compression." "the skipped step says why"
expect_out "left out: step 3 (Tap): Skipped: your safety check said light stroking (effleurage) only, and this step uses tapotement." "GENTLE leaves out tapping too"
expect_out "Warm up" "GENTLE runs the light effleurage step"
expect_no_out "Hold the point, left side" "GENTLE skips the compression holds"
last=$(q "SELECT max(id) FROM sessions")
[ "$(q "SELECT count(*) FROM steps WHERE session_id=$last AND state='skipped'")" = 2 ] && pass "skipped steps are on record" || fail "skipped rows: $(q "SELECT * FROM steps WHERE session_id=$last")"
none_check
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$C" run quick --plain
expect_out "Hold the point, left side, repeat 1 of 2" "sides and repeats"
expect_out "rest 0:01, then repeat 2 of 2" "a rest between repeats"
expect_out "Hold the point, right side, repeat 2 of 2" "the right side after the left"
[ "$(printf '%s\n' "$OUT" | grep -c 'rest 0:01')" = 2 ] && pass "no rest after the last repeat" || fail "rests: $OUT"
# End of input: ratings are skipped, the routine runs on time.
[ "$(q "SELECT pain_before IS NULL AND pain_after IS NULL FROM sessions ORDER BY id DESC LIMIT 1")" = 1 ] && pass "end of input skips the ratings" || fail "ratings stored without input"

# Cues every 10 seconds.
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$C" run cue --plain
expect_out "Eleven seconds: 0:10 left" "a cue every 10 seconds"

# After 60 minutes the E1 questions come again (red-flags.md 6.4).
later=$((now + 13 * 3600))
BACKCARE_TEST_NOW=$later bc_run --content-dir "$C" run twosteps --plain
expect_status 1 "an unanswered re-check refuses to start"
expect_err "not all answered" "the refusal is explained"
printf 'n\nn\nn\nn\nn\nn\nn\n' >"$T/in"
BACKCARE_TEST_NOW=$later BC_STDIN="$T/in" bc_run --content-dir "$C" run twosteps --plain
expect_status 0 "answered re-check, then the routine"
expect_out "the emergency questions again" "the re-check is asked"
[ "$(q "SELECT count(*) FROM checks WHERE kind='recheck' AND verdict='NONE'")" = 1 ] && pass "the re-check is stored" || fail "recheck rows"
printf 'n\nunsure\nn\nn\nn\nn\nn\n' >"$T/in"
BACKCARE_TEST_NOW=$((later + 13 * 3600)) BC_STDIN="$T/in" bc_run --content-dir "$C" run twosteps --plain
expect_status 1 "a warning sign in the re-check stops the routine"
expect_out "verdict: EMERGENCY" "the re-check verdict is shown"
BACKCARE_TEST_NOW=$((later + 14 * 3600)) bc_run screen --status
expect_out "routines: locked" "and the routines lock"
# From here on, later than that flagged re-check.
now=$((later + 20 * 3600))
# Expired after 7 days.
none_check "" $now
BACKCARE_TEST_NOW=$((now + 8 * 86400)) bc_run --content-dir "$C" run twosteps --plain
expect_status 1 "locked after 7 days"
expect_err "7 days old or more" "expiry explained"

# ---- red-flags.md section 6 (issue 10): gating and shaping --------------
S="$T/shape"
mkdir -p "$S/routines"
printf '# Shape\n\nFor the shaping tests.\n\n## Back strokes\n\n- duration: 1s\n- stroke: effleurage\n- region: lower back\n- position: standing\n- pressure: medium\n\nx\n\n## Buttock hold\n\n- hold: 1s\n- stroke: compression\n- region: glutes, hips\n- position: side-lying\n- pressure: medium\n\nx\n\n## Tummy circles\n\n- duration: 1s\n- stroke: effleurage\n- region: abdomen\n- position: lying on the back\n- pressure: light\n\nx\n\n## Tap\n\n- duration: 1s\n- stroke: tapotement\n- region: upper back\n- position: sitting\n- pressure: light\n\nx\n' >"$S/routines/shape.md"
rm -f "$BACKCARE_DB"*
n6=1800000000
# Areas: a step on the buttock names the hips as well, and is left out.
none_check 'mc_recent_surgery=yes
mc_recent_surgery.region=hips
' $n6
BACKCARE_TEST_NOW=$((n6 + 60)) bc_run --content-dir "$S" run shape --plain
expect_status 0 "a run with the hips left out"
expect_out "left out: step 2 (Buttock hold): Skipped: your safety check said to leave out the hips." "hips skip the buttock step"
expect_no_out "Buttock hold (hold" "and it does not run"
expect_out "done: Shape" "the rest runs"
BACKCARE_TEST_NOW=$((n6 + 120)) bc_run --content-dir "$S" routines
expect_out "$(printf 'shape\tShape\t0:03\tmassage\t1 step left out by your safety check (the whole routine is 0:04)')" "the list shows the time that will run"
# GENTLE: light effleurage only.
none_check 'mc_osteoporosis=yes
' $((n6 + 200))
BACKCARE_TEST_NOW=$((n6 + 260)) bc_run --content-dir "$S" run shape --plain
expect_out "changed: step 1 (Back strokes): Lighter" "GENTLE makes effleurage light"
expect_out "left out: step 2 (Buttock hold): Skipped: your safety check said light stroking (effleurage) only, and this step uses compression." "GENTLE leaves out the hold"
expect_out "left out: step 4 (Tap)" "GENTLE leaves out tapping"
expect_out "Tummy circles" "the light effleurage step runs"
# Within 60 minutes of a full check no re-check; after, every session.
BACKCARE_TEST_NOW=$((n6 + 200 + 3599)) bc_run --content-dir "$S" run shape --plain
expect_no_out "the emergency questions again" "no re-check within 60 minutes of a full check"
BACKCARE_TEST_NOW=$((n6 + 200 + 3600)) bc_run --content-dir "$S" run shape --plain
expect_status 1 "at 60 minutes the re-check is due"
expect_err "not all answered" "and is asked"
printf 'n\nn\nn\nn\nn\nn\nn\n' >"$T/in"
BACKCARE_TEST_NOW=$((n6 + 200 + 3700)) BC_STDIN="$T/in" bc_run --content-dir "$S" run shape --plain
expect_status 0 "a re-check, then the routine"
BACKCARE_TEST_NOW=$((n6 + 200 + 3800)) bc_run --content-dir "$S" run shape --plain
expect_status 1 "the next session asks again"
expect_out "the emergency questions again" "every session re-asks"
# ASK locks until cleared; pregnancy with a clearance leaves out the tummy
# and lying on the back; a routine with nothing left is refused.
none_check 'mc_pregnancy=yes
' $((n6 + 5000))
BACKCARE_TEST_NOW=$((n6 + 5060)) bc_run --content-dir "$S" run shape --plain
expect_status 1 "pregnancy without a clearance: locked"
expect_err "clinician's clearance" "ASK is explained"
printf '# Weeks 1 to 6\n\n- from: 2027-01-04\n- until: 2027-02-14\n\n## Clearances\n\n- mc_pregnancy: midwife Jo Brown, until 2027-05-31\n' >"$T/plan.md"
BACKCARE_TEST_NOW=$((n6 + 5100)) bc_run plan import "$T/plan.md"
none_check 'mc_pregnancy=yes
' $((n6 + 5200))
BACKCARE_TEST_NOW=$((n6 + 5260)) bc_run --content-dir "$S" run shape --plain
expect_status 0 "pregnancy, cleared: the routine runs"
expect_out "left out: step 3 (Tummy circles): Skipped: your safety check said to leave out the abdomen." "the tummy is left out"
BACKCARE_TEST_NOW=$((n6 + 5300)) bc_run run abdominal-trigger-points --plain
expect_status 1 "pregnancy refuses the abdominal routine"
expect_err "'Abdominal trigger points' has nothing left to run" "says why"
expect_err "Try '" "and names one that would run"
expect_out "left out: step 2 (Beside the navel)" "each step says why"
[ "$(q "SELECT count(*) FROM sessions WHERE routine_id = 'abdominal-trigger-points'")" = 0 ] && pass "no session for a refused routine" || fail "a refused routine was stored"
# The last stored check wins over an earlier NONE stamped later.
none_check '' $((n6 + 9000))
printf 'age=40\nweeks=2\nsaddle_numbness=yes\n' >"$T/ans"
BACKCARE_TEST_NOW=$((n6 + 8700)) "$BACKCARE" screen --answers "$T/ans" >/dev/null
BACKCARE_TEST_NOW=$((n6 + 9060)) bc_run --content-dir "$S" run shape --plain
expect_status 1 "no routine after an EMERGENCY, whatever its clock time"
expect_err "warning signs" "the refusal says why"

# Bad input.
none_check
BACKCARE_TEST_NOW=$((now + 60)) bc_run run no-such-routine --plain
expect_status 1 "an unknown routine"
expect_err "no-such-routine: no such routine" "names the routine"
bc_run run twosteps
expect_status 2 "run without --plain"
bc_run run --plain
expect_status 2 "run without a routine"
mkdir -p "$T/badc/routines"
printf '# Bad\n\n## Step\n\n- duration: forever\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n' >"$T/badc/routines/broken.md"
bc_run --content-dir "$T/badc" routines
expect_no_out "broken" "a broken routine is not offered"
expect_err "broken.md:5: duration: 'forever' is not a time" "and says why"
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$T/badc" run broken --plain
expect_status 1 "a broken routine does not run"
expect_err "broken.md:5:" "names the line"
bc_run check "$T/badc"
expect_status 1 "check reports the broken routine"
expect_out "broken.md:5: duration: 'forever' is not a time" "check names file and line"
bc_run check "$TOP_SRCDIR/content"
expect_status 0 "the built-in content passes check"

# SIGTERM mid-run: what finished is kept, the session is partial.
none_check
BACKCARE_TEST_NOW=$((now + 60)) "$BACKCARE" --content-dir "$C" run long --plain </dev/null >"$T/long.out" 2>&1 &
pid=$!
i=0; while ! grep -q "step 1/2" "$T/long.out" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid; wait $pid; st=$?
[ $st = 143 ] && pass "SIGTERM ends a plain run (143)" || fail "SIGTERM exit $st"
[ "$(q "SELECT state FROM sessions ORDER BY id DESC LIMIT 1")" = partial ] && pass "saved as partial" || fail "state $(q 'SELECT state FROM sessions ORDER BY id DESC LIMIT 1')"

# kill -9 after the first segment, then --resume.
printf '# Resume\n\nx\n\n## One\n\n- duration: 1s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nx\n\n## Two\n\n- duration: 30s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nx\n\n## Three\n\n- duration: 1s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nx\n' >"$T/badc/routines/resume.md"
rm -f "$T/badc/routines/broken.md"
BACKCARE_TEST_NOW=$((now + 60)) "$BACKCARE" --content-dir "$T/badc" run resume --plain </dev/null >"$T/r.out" 2>&1 &
pid=$!
i=0; while ! grep -q "step 2/3" "$T/r.out" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid; wait $pid 2>/dev/null
sid=$(q "SELECT max(id) FROM sessions")
[ "$(q "SELECT state FROM sessions WHERE id=$sid")" = running ] && pass "a killed session stays unfinished" || fail "killed state"
[ "$(q "SELECT count(*) FROM steps WHERE session_id=$sid")" = 1 ] && pass "the finished step survived kill -9" || fail "steps after kill: $(q "SELECT * FROM steps WHERE session_id=$sid")"
[ "$(q 'PRAGMA integrity_check')" = ok ] && pass "integrity after kill -9" || fail "integrity"
printf '# Resume\n\nx\n\n## One\n\n- duration: 1s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nx\n\n## Two\n\n- duration: 1s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nx\n\n## Three\n\n- duration: 1s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nx\n' >"$T/badc/routines/resume.md"
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$T/badc" run resume --plain --resume
expect_status 0 "--resume finishes the session"
expect_out "resuming at segment 2" "it resumes where it stopped"
expect_no_out "step 1/3" "the finished step is not run again"
[ "$(q "SELECT state || ' ' || (SELECT count(*) FROM steps WHERE session_id=$sid) FROM sessions WHERE id=$sid")" = "completed 3" ] && pass "the resumed session completes with all its steps" || fail "resumed: $(q "SELECT * FROM sessions WHERE id=$sid")"

# kill -9 in the middle of a step, then --resume: the step's instructions
# are said again where it starts (attack 13, 11), after the routine line.
rm -f "$BACKCARE_DB"*
n7=1800000000
none_check '' $n7
BACKCARE_TEST_NOW=$((n7 + 60)) "$BACKCARE" --content-dir "$C" run quick --plain </dev/null >"$T/q.out" 2>&1 &
pid=$!
i=0; while ! grep -q "then repeat 2 of 2" "$T/q.out" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid; wait $pid 2>/dev/null
BACKCARE_TEST_NOW=$((n7 + 120)) bc_run --content-dir "$C" run quick --plain --resume
expect_status 0 "--resume in the middle of a step"
expect_out "resuming at segment" "it resumes"
printf '%s\n' "$OUT" | grep -A1 "step 2/3: Hold the point, left side, repeat 2 of 2" | grep -qx "  Press and hold." &&
	pass "the resumed step's instructions follow its first line" ||
	fail "no instructions after resuming mid-step: $OUT"
[ "$(printf '%s\n' "$OUT" | grep -c "Press and hold.")" = 1 ] && pass "and only once" || fail "instructions repeated: $OUT"
[ "$(printf '%s\n' "$OUT" | sed -n '1s/ (.*//p;2s/ [0-9]*$//p' | tr '\n' '|')" = "routine: Quick test routine|resuming at segment|" ] &&
	pass "'resuming at segment' comes after the routine line" || fail "order: $(printf '%s\n' "$OUT" | head -2)"

# An exercise routine whose pain rose twice: P5 says "a lighter routine"
# once, and no massage "lighter pressure" prompt (attack 13, 10).
mkdir -p "$T/ex/routines"
printf '# Tiny exercise\n\nTiny.\n\n## Move\n\n- duration: 1s\n- movement: mobility\n- region: lower back\n- position: standing\n- easier: smaller\n- harder: bigger\n\nMove gently. Stop if pain spreads down a leg.\n' >"$T/ex/routines/tiny.md"
printf '2\n\n5\n' >"$T/in"
BACKCARE_TEST_NOW=$((n7 + 300)) BC_STDIN="$T/in" bc_run --content-dir "$T/ex" run tiny --plain
expect_status 0 "an exercise session whose pain rose"
printf '3\n\n6\n' >"$T/in"
BACKCARE_TEST_NOW=$((n7 + 400)) BC_STDIN="$T/in" bc_run --content-dir "$T/ex" run tiny --plain
expect_status 0 "a second exercise session whose pain rose"
expect_out "lighter routine" "P5 asks for a lighter routine"
expect_no_out "lighter pressure" "no massage prompt for an exercise routine"
printf '3\n5\n' >"$T/in"
BACKCARE_TEST_NOW=$((n7 + 500)) BC_STDIN="$T/in" bc_run --content-dir "$C" run twosteps --plain
expect_out "prompt: Pain rose by 2 or more after the last two sessions: try lighter pressure" "a massage routine after two rises still gets the prompt"

# Bidirectional controls in a routine's introduction and instructions are
# left out, as in its title (attack 13, 12).
mkdir -p "$T/bidi/routines"
printf '# Bidi\n\nIntro \342\200\256evil\342\200\254 and \342\201\246iso\342\201\251 end.\n\n## Step\n\n- duration: 1s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nDo \342\200\256it\342\200\217 now.\n' >"$T/bidi/routines/bidi.md"
BACKCARE_TEST_NOW=$((n7 + 600)) bc_run --content-dir "$T/bidi" --width 20 run bidi --plain
expect_status 0 "a routine with bidi controls"
expect_out "Intro evil and iso" "the introduction is there"
expect_out "  Do it now." "and the instructions"
printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '\342\200[\216\217\252-\256]\\|\342\201[\246-\251]')" &&
	fail "bidi controls pass through: $(printf '%s' "$OUT" | od -c | head)" || pass "no bidi control in the output"
mkdir -p "$T/bidi/lessons"
printf '# Bidi lesson\n\nPay \342\200\25621\342\200\254 dollars and \342\201\246x\342\201\251.\n' >"$T/bidi/lessons/bidi.md"
bc_run --content-dir "$T/bidi" show bidi
expect_status 0 "show of a lesson with bidi controls"
expect_out "Pay 21 dollars and x." "the text is there, in its order"
printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '\342\200[\216\217\252-\256]\\|\342\201[\246-\251]')" &&
	fail "show passes bidi controls: $(printf '%s' "$OUT" | od -c | head)" || pass "show leaves out bidi controls"

bc_done
