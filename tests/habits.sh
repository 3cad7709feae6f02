#!/bin/sh
# The habits of well-loved terminal programs, and the findings of issue
# 11: Ctrl-L, the mouse wheel and a click, digits, h and l, Esc; the
# countdown waiting under help; steps left out named during a run; the
# area list refusing Enter with nothing marked; "question N of M" and the
# earlier answer; plain prompts wrapped with u (and ?) for not sure;
# --help within 80 columns; info, man pages and small words.
. "$TOP_SRCDIR/tests/lib.sh"

R="$TOP_SRCDIR/tests/fixtures/routines"
ESC=$(printf '\033')
# mouse BUTTON X Y: an X10 mouse report (0-based cell) typed into the
# terminal: 0 press, 64 wheel up, 65 wheel down.
mouse() {
	tui_type "$(printf "${ESC}[M\\$(printf %o $((32 + $1)))\\$(printf %o $((33 + $2)))\\$(printf %o $((33 + $3)))")"
}

# ---- plain ------------------------------------------------------------------
bc_run --help
long=$(printf '%s\n' "$OUT" | awk 'length($0) > 80' | head -n 1)
[ -z "$long" ] && pass "--help fits in 80 columns" || fail "--help line over 80: $long"

bc_run info
n=$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "lessons" { print $2 }')
bc_run lessons
[ "$n" = "$(printf '%s\n' "$OUT" | wc -l)" ] && pass "info counts the lessons of the course ($n), not the glossary" ||
	fail "info says $n lessons, the list has $(printf '%s\n' "$OUT" | wc -l)"

# backcare(1): the export example names the schema export writes.
bc_run export --format json --output "$T/x"
want=$(grep -o '"schema": *[0-9]*' "$T/x"/*.json 2>/dev/null | head -n 1 | grep -o '[0-9]*$')
[ -z "$want" ] && want=$(cat "$T/x"/* 2>/dev/null | grep -o '"schema": *[0-9]*' | head -n 1 | grep -o '[0-9]*$')
have=$(grep -o '"schema": [0-9]*' "$TOP_SRCDIR/man/backcare.1" | grep -o '[0-9]*$')
[ -n "$want" ] && [ "$want" = "$have" ] && pass "backcare(1) shows schema $want, as export writes" ||
	fail "backcare(1) says schema $have, export writes $want"
if command -v mandoc >/dev/null; then
	mandoc -Tascii "$TOP_SRCDIR/man/backcare.1" | col -b | tr -s ' \n' '  ' |
	    grep -q "(file may be \`-' for standard input)" &&
		pass "backcare(1): the standard input note is quoted right" ||
		fail "backcare(1): the standard input note is misquoted"
fi
# backcare(5): the example routine takes the time its text says.
mkdir -p "$T/ex/routines"
awk '/A complete example:/ { f = 1; next } f && /^\.Ed/ { exit } f && !/^\.Bd/' \
	"$TOP_SRCDIR/man/backcare.5" >"$T/ex/routines/example.md"
bc_run --content-dir "$T/ex" routines
expect_out "Quick low-back release	6:00" "the backcare(5) example takes 6 minutes, as it says"
grep -q "^A minute of warm-up" "$T/ex/routines/example.md" &&
	pass "the backcare(5) example says a minute of warm-up for its 1m step" ||
	fail "the backcare(5) example misstates its warm-up"

# Small words.
printf 'age=40\nweeks=1\n' | "$BACKCARE" screen --answers - >/dev/null
bc_run report
expect_out "pain for 1 week;" "one week is \"1 week\""

# run --plain shows the introduction.
printf 'age=40\nweeks=2\n' | "$BACKCARE" screen --answers - >/dev/null
printf '\n\n\n' >"$T/in"
BC_STDIN="$T/in" bc_run --content-dir "$R" --no-bell run twosteps --plain
expect_out "For the runner tests: two steps of 2 seconds." "run --plain shows the routine's introduction"

# ---- the plain prompts: wrapped, u for not sure, ? too ---------------------
rm -f "$BACKCARE_DB"
tui_start 40 20 screen
tui_wait "How old" && { tui_type 40; tui_keys Enter; }
tui_wait "How many weeks" && { tui_type 2; tui_keys Enter; }
expect_screen "[y/n/u]" "the plain prompts offer u for not sure"
# Lines tmux had to wrap are joined by -J: the program's own stay short.
wide=$(tmx capture-pane -p -J -t 0 | awk 'length($0) > 40' | head -n 1)
[ -z "$wide" ] && pass "the plain prompts wrap at the terminal's width" || fail "a prompt line over 40 columns: $wide"
tui_type u; tui_keys Enter
expect_screen "2. " "u answers not sure"
tui_type '?'; tui_keys Enter
expect_screen "3. " "? answers not sure too"
tui_keys C-c
tui_wait_exit
tui_stop

# ---- without UTF-8: the marks in ASCII -------------------------------------
TUI_LANG=C tui_start 40 12 --no-bell
tui_home || fail "home in ASCII"
tui_settle
tui_screen | tail -n 1 | grep -q '\.\.\.$' && pass "without UTF-8 a cut label ends in ..." ||
	fail "no ... on a cut status line: $(tui_screen | tail -n 1)"
tui_keys 1 Enter
tui_wait "Enter read"
tui_settle
if tui_screen | sed -n 11p | grep -q 'v$'; then pass "without UTF-8 the scroll bar ends in v while there is more"
else fail "no ASCII mark of more below: $(tui_screen | sed -n 11p)"; fi
tui_keys End
tui_wait_change "$(tui_screen)" 5
tui_settle
if tui_screen | sed -n 3p | grep -q '\^$'; then pass "and starts with ^ while there is more above"
else fail "no ASCII mark of more above: $(tui_screen | sed -n 3p)"; fi
tui_keys q q
tui_wait_exit
tui_stop

# ---- keys in the screens ------------------------------------------------------
printf 'age=40\nweeks=2\nmc_anticoagulant_or_bleeding=yes\n' |
	"$BACKCARE" screen --answers - >/dev/null
# A routine whose second step GENTLE leaves out, slow enough to look at.
mkdir -p "$T/slow/routines"
cat >"$T/slow/routines/slow.md" <<'EOR'
# Slow with a gap

For the tests: the middle step is left out under GENTLE.

## Long stroke

- duration: 2m
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

Stroke slowly.

## Tapping

- duration: 1m
- stroke: tapotement
- region: lower back
- position: sitting
- pressure: medium

Tap.

## Last stroke

- duration: 1m
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

Stroke again.
EOR
tui_start 80 24 --no-color --no-bell --content-dir "$R" --content-dir "$T/slow"
tui_home || fail "home"
# Ctrl-L draws the screen again over whatever spoiled it.
tty=$(tmx display-message -p -t 0 '#{pane_tty}')
printf 'SPOILED-SCREEN' >"$tty"
tui_wait "SPOILED-SCREEN" 5
tui_keys C-l
tui_wait_gone "SPOILED-SCREEN" 5 && pass "Ctrl-L draws the screen again" || fail "Ctrl-L did not redraw"
# Digits choose in a numbered list; l opens, h and Esc go back.
tui_keys 3
expect_screen "3: Enter opens it." "a digit chooses an entry"
tui_keys l
expect_screen "Routines are open" "l opens the chosen entry"
tui_keys h
expect_screen "1  Lessons" "h goes back"
tui_keys 1 Enter
tui_wait "Enter read"
tui_keys Escape
expect_screen "1  Lessons" "Esc goes back"
# The wheel scrolls a list and keeps its selection on screen; a click
# chooses.
tui_resize 40 12
tui_keys 1 Enter
tui_wait "Enter read"
tui_settle
before=$(tui_screen)
mouse 65 5 5
tui_wait_change "$before" 5 && pass "the wheel scrolls the lesson list" || fail "the wheel did nothing"
tui_expect_selected "the wheel" && pass "the wheel keeps the selection on screen"
line=$(tui_screen | sed -n 5p | sed 's/^ *[0-9]*  //; s/  - .*//' | cut -c1-12)
mouse 0 10 4
expect_screen "Space page" "a click opens the entry clicked"
expect_screen "$line" "the entry clicked is the one opened ($line)"
tui_keys q
tui_wait "Enter read"
tui_keys q
tui_wait "1  Lessons"
tui_resize 100 30

# A routine: steps the safety check leaves out are named in the preview
# and during the run; the countdown waits while help is open.
tui_keys 3 Enter
tui_wait "Routines are open"
tui_choose "Slow with a gap" || fail "the routine's number chooses it"
tui_keys Enter
expect_screen "left out by your safety check" "the preview says which step is left out"
expect_screen "light stroking (effleurage) only" "and why"
tui_keys Enter
tui_wait "how much does" && tui_keys Enter
expect_screen "Left out by your safety check: step 2, Tapping" "the run names the step left out"
tui_keys Space
tui_wait "PAUSED"
tui_keys Space
tui_wait_gone "PAUSED"
left=$(tui_screen | grep -o '[0-9]:[0-9][0-9] left' | head -n 1)
tui_keys '?'
tui_wait "Keys: Routine"
# Under help for over two seconds: a running countdown would show it.
tui_wait "never-there" 3 >/dev/null
tui_keys q
tui_wait_gone "Keys: Routine"
now=$(tui_screen | grep -o '[0-9]:[0-9][0-9] left' | head -n 1)
a=$(( $(echo "$left" | cut -c1) * 60 + $(echo "$left" | cut -c3-4) ))
b=$(( $(echo "$now" | cut -c1) * 60 + $(echo "$now" | cut -c3-4) ))
[ $((a - b)) -le 1 ] && pass "the countdown waits while help is open ($left, then $now)" ||
	fail "the countdown ran under help: $left, then $now"
tui_keys q y
tui_wait "stopped early" && tui_keys Enter
tui_wait "A note" && tui_keys Enter
tui_wait "Stopped early" && tui_keys Enter
tui_wait "Enter start"
tui_keys q
tui_wait "1  Lessons"

# The check: question N of M, Backspace back with the earlier answer, and
# the area list refusing Enter with nothing marked.
tui_keys 2 Enter
tui_wait "How old" && { tui_type 40; tui_keys Enter; }
tui_wait "How many weeks" && { tui_type 2; tui_keys Enter; }
expect_screen "question 1 of " "the check says question N of M"
tui_keys n
tui_wait "question 2 of "
tui_keys BSpace
expect_screen "Your earlier answer: no" "going back shows the earlier answer"
tui_keys n
i=0
while ! tui_screen | grep -qF "open wound" && [ $i -lt 60 ]; do
	before=$(tui_screen); tui_keys n; tui_wait_change "$before" 5; i=$((i + 1))
done
tui_keys y
tui_wait "Which area"
tui_keys Enter
expect_screen "Mark an area with Space first." "Enter with no area marked is refused"
tui_keys Space Enter
tui_wait_gone "Which area" && pass "a marked area goes on" || fail "a marked area did not go on"
tui_keys q y
tui_wait "1  Lessons"
tui_keys q
tui_wait_exit
tui_stop

bc_done
