#!/bin/sh
# The safety check in a real terminal: a whole check by keys to each of
# the four verdicts, going back to change an answer, the massage checks,
# and gating as `screen --status` reports it afterwards.
. "$TOP_SRCDIR/tests/lib.sh"

# The progress file's path shows in the "not saved" reason: a short one
# of the same length from any build folder, so that the verdict wraps the
# same way whatever the folder's depth.
bc_need_short
export BACKCARE_DB="$BC_SHORT/progress.db"

# open_check: starts backcare at the home screen and opens the check.
open_check() {
	tui_start 100 30 "$@"
	tui_home || fail "the home screen"
	tui_keys Down Enter
	tui_wait "How old are you"
}

# answer KEY: answers the question on the screen with KEY and waits until
# the next screen is drawn (its header line changes), so no key is typed
# ahead of a slow program.
answer() {
	local before now i=0 limit=$((BC_WAIT * 20))
	before=$(tui_screen | grep -m 1 'question [0-9]')
	tui_keys "$1"
	[ -n "$before" ] || return 0
	while [ $i -lt $limit ]; do
		now=$(tui_screen | grep -m 1 'question [0-9]')
		[ "$now" != "$before" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# the screen stayed on: $before"
	return 1
}

# seek TEXT DESC: the verdict scrolls; passes when TEXT shows on some page
# of it, from the top down: PgDn until the text shows, or until a page
# stays as it was (the end).  TEXT may be wrapped across lines (the
# scroll bar at their ends left out).
seek() {
	local want=$1 what=$2 k=0 i before
	tui_keys Home
	i=0     # until the mark says the window starts at line 1
	while [ $i -lt 40 ] && tui_screen |
	    grep -qE ' (more|top): [A-Za-z/]+ ([2-9]|[1-9][0-9]+)-'; do
		sleep 0.05; i=$((i + 1))
	done
	while [ $k -lt 30 ]; do
		if tui_screen | sed 's/ \+\(▲\|▼\|│\|█\)$//' | tr -s ' \n' '  ' |
		    grep -qF -- "$want"; then
			pass "$what"; return 0
		fi
		before=$(tui_screen)
		tui_keys NPage
		i=0
		while [ $i -lt 20 ] && [ "$(tui_screen)" = "$before" ]; do
			sleep 0.05; i=$((i + 1))
		done
		[ "$(tui_screen)" = "$before" ] && break
		k=$((k + 1))
	done
	fail "$what: '$want' not on any page"
	tui_screen | sed 's/^/  | /'
	return 1
}

# answer_all KEY: answers every remaining question with KEY until the
# summary shows.
answer_until_summary() {
	local i=0
	while [ $i -lt 60 ]; do
		if tui_screen | grep -qF "Your answers"; then return 0; fi
		answer "$1"
		i=$((i + 1))
	done
	return 1
}

# summary_entry TEXT: how many entries below "Confirm" the answer whose
# question holds TEXT is (a long question wraps onto more lines).
summary_entry() {
	tui_screen | awk -v t="$1" '/Confirm: see the result/ { on = 1; n = 0; next }
	    on && /^ +(no|yes|not sure) / { n++ }
	    on && index($0, t) { print n; exit }'
}

# NONE, with a massage caution and an area to leave out.
open_check --emergency-number 999
expect_screen "How old are you" "the check asks the age first"
tui_keys Enter
expect_screen "Please type a whole number" "an empty age is refused"
tui_type "x1"
expect_screen "> 1_" "only digits are taken"
tui_keys BSpace
tui_type 40
tui_keys Enter
expect_screen "How many weeks" "then the weeks"
tui_type 2
tui_keys Enter
expect_screen "question 1" "then the first question"
expect_screen "numbness" "the first question is about saddle numbness"
tui_keys w
expect_screen "cauda equina" "w shows why we ask"
tui_keys n
expect_screen "question 2" "n answers no and moves on"
tui_keys Left
expect_screen "question 1" "Left goes back a question"
tui_keys n
tui_wait "question 2"
# Answer no to every warning sign and modifier, up to the massage checks.
i=0
while ! tui_screen | grep -qF "Massage checks" && [ $i -lt 45 ]; do
	answer n; i=$((i + 1))
done
expect_screen "Massage checks" "no warning signs lead to the massage checks"
# mc_fever_acute_illness, mc_dvt_current_or_suspected: no; mc_dvt_history: no;
# mc_anticoagulant_or_bleeding: yes (GENTLE); then the next, skin: yes + area.
tui_keys n
tui_wait "blood clot" && tui_keys n
tui_wait "clot in the leg or lung before" && tui_keys n
tui_wait "blood thinners" && tui_keys y
tui_wait "surgery" && tui_keys n
tui_wait "open wound" && tui_keys y
expect_screen "Which area should your routines leave out" "AVOID-AREA asks which area"
tui_keys Down Space Enter
answer_until_summary n
expect_screen "Your answers" "the summary"
expect_screen "no       Since the back pain began" "the summary lists the answers"
tui_keys Enter
expect_screen "NONE" "verdict NONE"
seek "routines: Routines are open." "NONE opens the routines"
seek "GENTLE" "the massage checklist shows GENTLE"
seek "AVOID-AREA mc_skin_problem_area upper back" "the area to leave out is shown"
seek "at once if anything new appears" "safety-net advice"
seek "Saved." "the check says it was saved"
tui_keys Enter
expect_screen "1  Lessons" "back home"
tui_keys q
tui_wait_exit
tui_stop
bc_run screen --status
expect_out "routines: open" "routines unlock after NONE"
checks=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM checks WHERE source='interactive' AND verdict='NONE'")
[ "$checks" = 1 ] && pass "the check is stored" || fail "stored checks: $checks"
answers=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM check_answers")
[ "$answers" -ge 50 ] && pass "every answer is stored ($answers)" || fail "answers stored: $answers"
region=$(sqlite3 "$BACKCARE_DB" "SELECT region FROM check_actions WHERE action='AVOID-AREA'")
[ "$region" = "upper back" ] && pass "the area is stored" || fail "area stored: $region"

# EMERGENCY on the first question; E1 still asked in full, then summary.
open_check --emergency-number 999
tui_type 40; tui_keys Enter; tui_wait "How many weeks"; tui_type 1; tui_keys Enter
tui_wait "question 1"
tui_keys u
answer_until_summary n
expect_screen "not sure" "not sure is in the summary"
n=$(tui_screen | grep -cE '^ +(no|yes|not sure|unsure) ')
[ "$n" -eq 9 ] && pass "after an emergency answer only the E1 questions, chest pain and collapse are asked" || fail "summary has $n answers"
tui_keys c
expect_screen "EMERGENCY" "verdict EMERGENCY"
expect_screen "call 999 now" "EMERGENCY names the configured number"
seek "Do not wait for a GP" "EMERGENCY says not to wait"
seek "rule: E1" "the rule that fired is listed"
seek "cauda equina syndrome." "what to say is given"
seek "You were not sure about" "the not-sure answer is named"
tui_keys Enter q
tui_wait_exit
tui_stop
bc_run screen --status
expect_out "routines: locked" "a later EMERGENCY locks the routines again"

# URGENT: fever, then go back from the summary and change it to no, then
# answer cancer yes instead.  SOON: thoracic pain.
for want in URGENT SOON; do
	open_check
	tui_type 40; tui_keys Enter; tui_wait "How many weeks"; tui_type 1; tui_keys Enter
	tui_wait "question 1"
	if [ $want = URGENT ]; then target="temperature of 38"; else target="upper or middle back"; fi
	i=0
	while ! tui_screen | grep -qF "$target" && [ $i -lt 40 ]; do
		answer n; i=$((i + 1))
	done
	answer y
	answer_until_summary n
	if [ $want = URGENT ]; then
		# Change the fever answer from the summary: choose it, Enter, n.
		n=$(summary_entry "temperature of 38")
		k=0; while [ $k -lt "$n" ]; do tui_keys Down; k=$((k + 1)); done
		tui_keys Enter
		expect_screen "Your earlier answer: yes" "a summary answer can be changed"
		tui_keys n
		# Now nothing is flagged, so the massage checks come in.
		expect_screen "Massage checks" "a changed answer brings in the questions it now needs"
		answer_until_summary n
		if tui_screen | grep -q "^ *no  *With this back pain, have you had a temperature"; then
			pass "the changed answer shows in the summary"
		else fail "changed answer not in the summary"; fi
		# Now it would be NONE; make it URGENT through the cancer question.
		tui_keys Home
		n=$(summary_entry "diagnosed with or treated for cancer")
		k=0; while [ $k -lt "$n" ]; do tui_keys Down; k=$((k + 1)); done
		tui_keys Enter
		tui_wait "cancer"
		tui_keys y
	fi
	tui_wait "Your answers"
	tui_keys Home c
	expect_screen "$want" "verdict $want"
	if [ $want = URGENT ]; then
		expect_screen "See a doctor today" "URGENT says see a doctor today"
	else
		expect_screen "within the next 1 to 2 weeks" "SOON says one to two weeks"
	fi
	if tui_screen | grep -qi "routines are open"; then fail "$want must not open routines"; else pass "$want keeps routines closed"; fi
	seek "Routines are locked" "$want says the routines stay locked"
	tui_keys Enter q
	tui_wait_exit
	tui_stop
done
verdict=$(sqlite3 "$BACKCARE_DB" "SELECT verdict FROM checks ORDER BY id DESC LIMIT 1")
[ "$verdict" = SOON ] && pass "the last verdict stored is SOON" || fail "last verdict $verdict"
rules=$(sqlite3 "$BACKCARE_DB" "SELECT rule || ' ' || items FROM check_rules WHERE check_id = (SELECT max(id) FROM checks)")
[ "$rules" = "S1 thoracic_pain" ] && pass "the rule is stored" || fail "rules stored: $rules"

# Leaving half way stores nothing.
before=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM checks")
open_check
tui_type 40; tui_keys Enter; tui_wait "How many weeks"; tui_type 1; tui_keys Enter
tui_wait "question 1"; tui_keys n
tui_keys q
expect_screen "Nothing is saved" "q asks before leaving"
tui_keys y
expect_screen "1  Lessons" "leaving returns home"
tui_keys q
tui_wait_exit
tui_stop
after=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM checks")
[ "$before" = "$after" ] && pass "a check left half way is not stored" || fail "checks $before -> $after"

# An EMERGENCY that cannot be saved is shown whole on the screen, says it
# was not saved, and keeps the routines locked for the rest of the run
# (red-flags.md 6.3).  A trigger makes the store refuse new checks.
printf 'age=40\nweeks=2\n' | "$BACKCARE" screen --answers - >/dev/null
sqlite3 "$BACKCARE_DB" "CREATE TRIGGER refuse_checks BEFORE INSERT ON checks BEGIN SELECT RAISE(ABORT, 'the disk is full (simulated)'); END;"
open_check
tui_type 40; tui_keys Enter; tui_wait "How many weeks"; tui_type 1; tui_keys Enter
tui_wait "question 1"
tui_keys y
answer_until_summary n
tui_keys c
expect_screen "EMERGENCY" "an unsaved EMERGENCY is shown"
expect_screen "Not saved: " "the status line says it was not saved"
seek "Go to the emergency department" "with what to do"
seek "this check was not saved" "and, after the advice, that it was not saved"
seek "the disk is full (simulated)" "and why"
tui_keys Enter
tui_wait "1  Lessons"
tui_keys Down Enter     # from Safety check to Routines
expect_screen "could not be saved" "the routines stay locked in this run"
tui_keys q q
tui_wait_exit
tui_stop
sqlite3 "$BACKCARE_DB" "DROP TRIGGER refuse_checks"

# Without a progress file that opens, the screens still run: the check
# shows its verdict, says it was not saved, and routines stay locked.
: >"$T/notadir"
tui_start 100 30 --db "$T/notadir/progress.db"
expect_screen "Nothing can be saved now" "the home screen says nothing can be saved"
tui_keys Down Enter
tui_wait "How old are you"
tui_type 40; tui_keys Enter; tui_wait "How many weeks"; tui_type 1; tui_keys Enter
tui_wait "question 1"
tui_keys y
answer_until_summary n
tui_keys c
expect_screen "EMERGENCY" "the verdict is shown without a progress file"
seek "this check was not saved" "and says it was not saved"
tui_keys Enter
tui_wait "1  Lessons"
tui_keys Down Enter
expect_screen "locked" "the routines stay locked"
tui_keys q Down Enter
expect_screen "Progress" "the progress view opens without a progress file"
tui_keys q q
tui_wait_exit
tui_stop
# Leaving the check after a yes to an emergency question still shows what
# to do (not saved).
open_check
tui_type 40; tui_keys Enter; tui_wait "How many weeks"; tui_type 1; tui_keys Enter
tui_wait "question 1"
answer y
tui_keys q
tui_wait "Nothing is saved"
tui_keys y
expect_screen "EMERGENCY" "leaving after a yes shows the verdict"
seek "you left the check before the end" "marked as not saved"
tui_keys Enter q
tui_wait_exit
tui_stop
rm -f "$BACKCARE_DB-unsaved"

# The home screen gives a stored verdict in its own words: chest pain
# means an ambulance, not the car.
printf 'age=40\nweeks=2\nchest_pain_or_breathless=yes\n' | "$BACKCARE" screen --answers - >/dev/null
tui_start 100 30
tui_home || fail "the home screen"
expect_screen "Your last safety check: EMERGENCY" "home names the verdict"
expect_screen "ask for an ambulance" "home gives the verdict's own words (an ambulance)"
tui_keys q
tui_wait_exit
tui_stop

# attack19 F8: at 40x12 the stenosis question is whole on its first
# screen (its deciding words "legs worse?" were under the fold), and it is
# filed as an exercise check, not a massage one.
tui_start 40 12
tui_home || fail "40x12: the home screen"
tui_keys Down Enter
tui_wait "How old are you"
tui_type 40; tui_keys Enter; tui_wait "weeks"; tui_type 2; tui_keys Enter
tui_wait "question 1"
i=0
while ! tui_screen | grep -qF "stenosis" && [ $i -lt 70 ]; do
	answer n || break
	i=$((i + 1))
done
expect_screen "legs worse?" "40x12: the stenosis question fits its screen"
expect_screen "Exercise checks" "40x12: the stenosis question is an exercise check"
tui_keys q
tui_wait "Nothing saved"
tui_keys y
tui_stop

bc_done
