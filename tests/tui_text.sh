#!/bin/sh
# No word or choice hidden (issue 11): every screen at 40x12, 80x24 and
# 132x43, with the built-in content and with a content folder of long
# texts and 30 routines made here.  For each text a screen shows, paging
# on while the scroll bar says there is more must reach every word of it;
# a fixture word is never cut without an ellipsis; and every page of a
# list shows its selected row.  End then Enter in the routine list opens
# the routine that was selected on screen.
. "$TOP_SRCDIR/tests/lib.sh"

tui_need_tmux
B="$TOP_SRCDIR/content"
L="$T/long"

# toks P N [FROM]: N fixture words "zP001", "zP002", ... (from FROM).
toks() {
	local i=${3:-1} end=$((${3:-1} + $2)) out=""
	while [ $i -lt $end ]; do out="$out $(printf 'z%s%03d' "$1" $i)"; i=$((i + 1)); done
	printf '%s\n' "${out# }"
}

# ---- the long-text content folder ----------------------------------------
mkdir -p "$L/lessons" "$L/routines" "$L/screener"
printf '# Long read %s\n\n%s\n' "$(toks h 12)" "$(toks l 200)" >"$L/lessons/long-read.md"
INTRO=$(toks i 80)
STEPS=$(toks n 80)
n=1
while [ $n -le 30 ]; do
	# Named to sort after the built-in routines: the last in the list.
	cat >"$L/routines/zz-r$(printf %02d $n).md" <<EOR
# Routine $(printf %02d $n) $(toks t 8 $((n * 10)))

$INTRO

## Step $(toks s 6)

- duration: 10m
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

$STEPS

## Second step

- duration: 1m
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

Stroke gently.
EOR
	n=$((n + 1))
done
# The built-in questions, each question and "why" made much longer.
awk -v q="$(toks q 60)" -v w="$(toks w 60)" '
	/^### / { item = 1 }
	item && /^- why: / { print $0 " " w; next }
	item && NF && !/^#/ && !/^- / { print $0 " " q; next }
	{ print }' "$B/screener/questions.md" >"$L/screener/questions.md"
"$BACKCARE" --content-dir "$L" check "$L" >"$T/check.out" 2>&1 ||
	fail "the long fixture passes check: $(head -3 "$T/check.out")"

# ---- the texts, as written -------------------------------------------------
# from_c FILE NAME: a C string constant's text.
from_c() {
	sed -n "/$2\[\] =/,/;\$/p" "$1" | grep -o '"[^"]*"' | tr -d '"' | sed 's/\\n/ /g' | tr -d '\n'
}
WELCOME=$(from_c "$TOP_SRCDIR/src/ui_home.c" welcome_format | sed 's/%s/112/')
SAFETY_NET=$(from_c "$TOP_SRCDIR/src/screener.c" screener_safety_net)
# The first question and its "why", as the catalogue has them.
q1() {
	awk '/^### saddle_numbness/ { f = 1; next } f && /^###/ { exit }
	    f && /^- why: / { sub(/^- why: /, ""); print; next }
	    f && !/^- / { print }' "$1/screener/questions.md"
}
# A routine's introduction, and its first step's instructions.
intro() { awk '/^# / { f = 1; next } /^## / { exit } f' "$1"; }
step1() { awk '/^## / { n++; next } n == 1 && /^- [a-z]+: / { next } n == 1' "$1"; }
# The last in the list: exercise routines come after the massage ones.
TPR="$B/routines/walking-plan.md"
HELP_END="Everywhere: Ctrl-L draws the screen again; the mouse wheel scrolls and a click chooses."

# read_text WHAT [KEY]: reads the whole text on screen into $T/seen.
read_text() {
	: >"$T/seen"
	tui_read_all "$T/seen" "${2:-NPage}"
}
# read_list WHAT: the same for a list: each page shows its selection.
read_list() {
	: >"$T/seen"
	TUI_CHECK_SELECTED=1 tui_read_all "$T/seen" NPage
}
# read_help WHAT: '?' on this screen, read whole, then closed.
read_help() {
	tui_keys '?'
	tui_wait "Keys:" || fail "$1: ? opens the help"
	read_text
	expect_words "$1 help" "$HELP_END" "$T/seen"
	tui_keys q
	tui_wait_gone "Keys:" || fail "$1: q closes the help"
}

# walk NAME COLS ROWS CONTENT: every screen at one size with one content.
walk() {
	local name=$1 cols=$2 rows=$3 content=$4 long=0 args="" sel before i
	[ "$content" = "$L" ] && long=1 && args="--content-dir $L"
	rm -f "$BACKCARE_DB"
	# shellcheck disable=SC2086
	printf 'age=40\nweeks=2\n' | "$BACKCARE" $args screen --answers - >/dev/null ||
		fail "$name: a NONE check"
	# shellcheck disable=SC2086
	tui_start "$cols" "$rows" --no-color --no-bell $args

	tui_wait "Welcome to backcare" || fail "$name: the welcome"
	read_text
	expect_words "$name welcome" "$WELCOME" "$T/seen"
	tui_keys Enter
	tui_wait_gone "Welcome to backcare"
	tui_wait "1  Lessons"
	read_text
	tui_expect_selected "$name home" && pass "$name: home shows its selection"
	expect_words "$name home" "Lessons Safety check Routines Progress Quit Learn how your back is built" "$T/seen"
	read_help "$name home"
	tui_keys Home

	# Lessons: the list, then the long lesson (or the first) in the pager.
	tui_keys 1 Enter
	tui_wait "Enter read" || fail "$name: the lesson list"
	read_list
	if [ $long = 1 ]; then
		expect_words "$name lesson titles" "$(toks h 12)" "$T/seen"
		tui_keys / ; tui_type zh001; tui_keys Enter
		tui_wait ': n next' || fail "$name: / finds the long lesson"
	fi
	read_help "$name lesson list"
	tui_keys Enter
	tui_wait "Space page" || fail "$name: the pager"
	read_text
	[ $long = 1 ] && expect_words "$name lesson" "$(toks l 200)" "$T/seen"
	expect_no_silent_cut "$name lesson" "$T/seen"
	read_help "$name lesson"
	tui_keys q
	tui_wait "Enter read"
	tui_keys q
	tui_wait "1  Lessons"

	# Routines: the list, End then Enter opens the routine selected.
	tui_keys 3 Enter
	tui_wait "Routines are open" || fail "$name: the routine list"
	read_list
	if [ $long = 1 ]; then
		expect_words "$name routine titles" "$(i=1; while [ $i -le 30 ]; do toks t 8 $((i * 10)); i=$((i + 1)); done)" "$T/seen"
		expect_no_silent_cut "$name routine list" "$T/seen"
	fi
	read_help "$name routine list"
	tui_keys Home
	tui_settle
	before=$(tmx capture-pane -p -e -t 0)
	tui_keys End
	i=0
	while [ "$(tmx capture-pane -p -e -t 0)" = "$before" ] && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	tui_settle
	tui_more && fail "$name: End goes to the end of the list"
	tui_expect_selected "$name: End in the routine list" && pass "$name: End keeps the selection on screen"
	sel=$(tmx capture-pane -p -e -t 0 | grep "$(printf '\033')\[[0-9;]*7m" | sed -n 2p | sed 's/\x1b\[[0-9;]*m//g' | awk '{ print $3, $4 }')
	tui_keys Enter
	tui_wait "Enter start  Down read on" || fail "$name: the preview"
	if [ $long = 1 ]; then
		expect_screen "$sel" "$name: End, Enter opens '$sel', the one selected"
		read_text
		expect_words "$name preview" "$(intro "$TPR")" "$T/seen"
		RT=$TPR
	else
		expect_screen "$sel" "$name: End, Enter opens '$sel', the one selected"
		read_text
		expect_words "$name preview" "$(intro "$TPR")" "$T/seen"
		RT=$TPR
	fi
	expect_no_silent_cut "$name preview" "$T/seen"
	tui_keys Enter
	tui_wait "how much does" && tui_keys Enter
	tui_wait " left" || fail "$name: the first step"
	tui_keys Space
	tui_wait "PAUSED" || fail "$name: Space pauses"
	read_text
	expect_words "$name step 1" "$(step1 "$RT")" "$T/seen"
	expect_no_silent_cut "$name step 1" "$T/seen"
	read_help "$name runner"
	tui_keys q
	tui_wait "Quit?" && tui_keys y
	tui_wait "stopped early" && tui_keys Enter
	tui_wait "A note for" && tui_keys Enter
	tui_wait "Stopped early" || fail "$name: the summary"
	read_text
	expect_words "$name summary" "$SAFETY_NET" "$T/seen"
	tui_keys Enter
	tui_wait "Enter start"
	tui_keys q
	tui_wait "1  Lessons"

	# Progress.
	tui_keys 4 Enter
	tui_wait "This week" || fail "$name: progress"
	read_text
	expect_words "$name progress" "Safety checks newest first" "$T/seen"
	read_help "$name progress"
	tui_keys q
	tui_wait "1  Lessons"

	# The check: the first question and why, EMERGENCY, its reasons.
	tui_keys 2 Enter
	tui_wait "How old" || fail "$name: the check"
	read_text
	expect_words "$name check intro" "This check asks about warning signs of serious back problems" "$T/seen"
	tui_type 40; tui_keys Enter
	tui_wait "How many weeks"
	tui_type 2; tui_keys Enter
	tui_wait "question 1 of" || fail "$name: question 1 of N"
	tui_keys w
	tui_wait "cauda equina" || fail "$name: w shows why we ask"
	tui_keys Home
	tui_wait "question 1 of"
	read_text
	expect_words "$name question 1 and why" "$(q1 "$content")" "$T/seen"
	expect_no_silent_cut "$name question 1" "$T/seen"
	read_help "$name check"
	tui_keys y
	i=0
	while ! tui_screen | grep -q "Your answers" && [ $i -lt 10 ]; do
		before=$(tui_screen); tui_keys n; tui_wait_change "$before" 5; i=$((i + 1))
	done
	read_list
	tui_keys c
	tui_wait "EMERGENCY" || fail "$name: EMERGENCY"
	read_text
	expect_words "$name EMERGENCY" "Go to the emergency department or call 112 now (999 in the UK, 911 in the US). Do not wait for a GP appointment. Do not massage. Because you answered $(q1 "$content" | tail -n 1)" "$T/seen"
	expect_no_silent_cut "$name EMERGENCY" "$T/seen"
	tui_keys Enter
	tui_wait "1  Lessons"
	# Home keeps the verdict in sight, in its words.
	expect_screen "Your last safety check: EMERGENCY" "$name: home names the verdict"
	read_text
	expect_words "$name home verdict" "Your last safety check: EMERGENCY Go to the emergency department or call 112 now. Do not massage." "$T/seen"
	tui_keys q
	tui_wait_exit || fail "$name: q quits"
	# 99: valgrind found errors (make check-valgrind).
	[ "$STATUS" = 0 ] && pass "$name: ends with 0" || fail "$name: exit $STATUS"
	tui_stop
}

for size in ${TUI_TEXT_SIZES-40x12 80x24 132x43}; do
	walk "built-in $size" "${size%x*}" "${size#*x}" "$B"
	walk "long $size" "${size%x*}" "${size#*x}" "$L"
done

# The scroll bar agrees with its arrows: the thumb is at the bottom at the
# end, at the top at the start, and between the arrows one line down.
bar() { tui_screen | sed -n 's/.*\(▲\|▼\|│\|█\) *$/\1/p' | tr -d '\n'; }
tui_start 40 12
tui_home || fail "bar: home"
tui_keys '?'
tui_wait "Keys:" || fail "bar: ? opens the help"
b=$(bar)
case $b in █*▼) pass "bar: at the start the thumb is at the top ($b)" ;;
*) fail "bar: at the start: '$b'" ;; esac
tui_keys End
tui_wait_change "$(tui_screen)" 5
b=$(bar)
case $b in ▲*█) pass "bar: at the end the thumb is at the bottom ($b)" ;;
*) fail "bar: at the end: '$b'" ;; esac
tui_keys Home
tui_wait_change "$(tui_screen)" 5
tui_keys Down
tui_wait_change "$(tui_screen)" 5
b=$(bar)
case $b in ▲*█*▼) pass "bar: one line down the thumb shows between the arrows ($b)" ;;
*) fail "bar: one line down: '$b'" ;; esac
tui_keys q
tui_stop

bc_done
