#!/bin/sh
# The routine screen at 40x12 (attack13 1 and 2): the pain rules' advice
# scrolls with the step's instructions, so the countdown stays in sight
# and every word of the step, its "Stop if" and its easier version can
# be reached; and the question after an exercise step is shown whole,
# with its sentence about new numbness or weakness.
. "$TOP_SRCDIR/tests/lib.sh"

C="$T/ex"
mkdir -p "$C/routines"
cat >"$C/routines/tiny.md" <<'EOR'
# Tiny exercise

For the small-screen test: one step with an easier version.

## Tiny step

- duration: 30s
- rest: 0
- movement: mobility
- region: lower back
- position: standing
- easier: smaller

Move gently. Stop if pain spreads down a leg.
EOR
printf 'age=40\nweeks=2\n' | "$BACKCARE" screen --answers - >/dev/null
now=$(date +%s)
# A session whose pain rose (P3), so the next one's advice is long: it
# did not settle (P4, the easier versions), a lighter routine (P5), and
# a flare-up.
printf '2\n\n5\n' | BACKCARE_TEST_NOW=$((now + 60)) "$BACKCARE" --content-dir "$C" run tiny --plain >/dev/null 2>&1 ||
	fail "the first session (run --plain)"

TUI_ENV="$(tui_clock_env)
export BACKCARE_TEST_NOW=$((now + 20 * 3600))" tui_start 100 40 --content-dir "$C" --no-bell
tui_home || fail "the home screen"
tui_keys Down Down Enter
tui_wait "Routines" || fail "the routine list"
tui_choose "Tiny exercise"
tui_keys Enter
# The re-check the day after a sore session: no to each question, each
# key sent once its question is drawn.
tui_wait "Safety re-check" || fail "the re-check"
tui_e1_no
tui_wait "Press Enter to start" && tui_keys Enter
tui_wait "hurt" || fail "the pain before"
tui_resize 40 12
tui_wait_gone "Before you start: how much does your back hurt now?" >/dev/null
tui_type 5f; tui_keys Enter
expect_screen "0:30 left" "40x12: the countdown is in sight with the advice"
: >"$T/step.txt"
tui_read_all "$T/step.txt"
expect_words "40x12: the step" "Tiny step mobility standing Move gently. Stop if pain spreads down a leg. Next: the end" "$T/step.txt"
expect_words "40x12: the advice" "Your back seems to have flared up today. Try Flare-up day instead: small, easy movements. You may still choose this routine. Easier: Tiny step: smaller." "$T/step.txt"
grep -q "hasn't settled" "$T/step.txt" && pass "40x12: P4 is said" || fail "40x12: P4 not said"
# (The status line's key list may be cut: ? shows the keys whole.)
cut=$(grep -v "Space pause" "$T/step.txt" | grep '…' | head -n 2)
[ -z "$cut" ] && pass "40x12: no line is cut" || fail "40x12: a line is cut: $cut"
grep -q "left" "$T/step.txt" && [ "$(grep -c ' left' "$T/step.txt")" -ge "$(grep -c 'Space pause' "$T/step.txt")" ] &&
	pass "40x12: the countdown stays on every page" || fail "40x12: a page without the countdown"
# The question after the step: whole at 40x12.
tui_clock_advance 31000
expect_screen "How is your back after" "the question after the step"
expect_screen "bladder or bowels." "40x12: the sentence about new numbness is shown whole"
tui_screen >"$T/ask.txt"
expect_words "40x12: the question" "0 = no pain, 10 = the worst you can imagine. Add s if the pain is sharp, shooting, or spreading down your leg. Type n for new numbness, weakness, or a change in your bladder or bowels." "$T/ask.txt"
grep -q '> _' "$T/ask.txt" && pass "40x12: the entry is shown" || fail "40x12: no entry"
kill "$(tui_pid)" 2>/dev/null
tui_wait_exit
tui_stop

bc_done
