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
expect_out "$(printf 'swedish-basics\tSwedish basics for the low back\t')" "built-in routines listed: id, title, time"
n=$(printf '%s\n' "$OUT" | grep -c "$(printf '\t')")
[ "$n" -eq 5 ] && pass "five built-in routines" || fail "$n routines listed"
bc_run --content-dir "$C" routines
expect_out "$(printf 'twosteps\tTwo short steps\t0:04')" "a content-dir routine with its total time"

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

bc_done
