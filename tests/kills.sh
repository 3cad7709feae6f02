#!/bin/sh
# kill -9 at random moments during routines, safety checks and plan
# imports, plain and on the screen.  After every kill the progress file
# passes PRAGMA integrity_check, every step that had finished is in it, and
# a plan is either wholly stored or not at all.
# BC_KILLS sets how many kills (default 40; CI runs 150).
. "$TOP_SRCDIR/tests/lib.sh"

# Not under make check-valgrind: a process killed at a random moment
# leaves valgrind nothing to report; CI runs the kills on their own, and
# the sanitizer run checks memory on the same paths.
[ -z "${BC_VALGRIND:-}" ] || skip_all "not under valgrind"

command -v sqlite3 >/dev/null || skip_all "sqlite3 (the command) is not installed"
C="$TOP_SRCDIR/tests/fixtures/routines"
kills=${BC_KILLS:-40}
q() { sqlite3 "$BACKCARE_DB" "$1"; }
printf 'age=40\nweeks=2\n' >"$T/none"
"$BACKCARE" screen --answers "$T/none" >/dev/null

# A random delay of 0 to 1.5 s (or to $2 s): the kill moment, at random.
rnd_delay() { awk -v s="$1" -v m="${2:-1.5}" 'BEGIN { srand(s); printf "%.3f", rand() * m }'; }

# Two big versions of one plan (same title: each replaces the other), over
# a content folder of empty routines and lessons, so an import takes long
# enough to be killed half way.
P="$T/many"
mkdir -p "$P/routines" "$P/lessons"
plan_version() {	# FILE FROM N PER_WEEK
	{
		printf '# Kill test\n- from: %s\n- until: 2027-06-30\n## Routines\n' "$2"
		seq -f 'r%04g' 1 "$3" | sed "s/\$/: $4 per week/; s/^/- /"
		printf '## Lessons\n'
		seq -f '- l%04g' 1 "$3"
		printf '## Notes\nKeep going.\n'
	} >"$1"
}
for n in $(seq -f '%04g' 1 500); do
	: >"$P/routines/r$n.md"
	: >"$P/lessons/l$n.md"
done
plan_version "$T/plan-a.md" 2026-12-01 400 1
plan_version "$T/plan-b.md" 2026-12-02 500 2
# Prints nothing when the stored plans are whole: none, or one version
# with all of its rows.
plan_torn() {
	q "SELECT p.from_date, (SELECT count(*) FROM plan_routines r WHERE r.plan_id = p.id), (SELECT count(DISTINCT per_week) || '/' || min(per_week) FROM plan_routines r WHERE r.plan_id = p.id), (SELECT count(*) FROM plan_lessons l WHERE l.plan_id = p.id), (SELECT count(*) FROM plans) FROM plans p" |
	grep -vx -e '2026-12-01|400|1/1|400|1' -e '2026-12-02|500|1/2|500|1'
	q "SELECT count(*) FROM plan_routines WHERE plan_id NOT IN (SELECT id FROM plans)" | grep -vx 0
	q "SELECT count(*) FROM plan_lessons WHERE plan_id NOT IN (SELECT id FROM plans)" | grep -vx 0
}

bad_integrity=0
lost=0
torn=0
imported=0
i=0
while [ $i -lt "$kills" ]; do
	i=$((i + 1))
	max=1.5
	case $((i % 4)) in
	0)	# a safety check from an answers file
		"$BACKCARE" screen --answers "$T/none" >"$T/k.out" 2>&1 &
		pid=$! ;;
	1)	# a plan import, one version or the other
		# An import takes about 20 ms here: most kills land inside it.
		max=0.03
		"$BACKCARE" --content-dir "$P" plan import "$T/plan-$(printf 'ab' | cut -c $((i / 4 % 2 + 1))).md" >"$T/k.out" 2>&1 &
		pid=$! ;;
	*)	# a plain routine of 1-second steps
		"$BACKCARE" --content-dir "$C" run quick --plain </dev/null >"$T/k.out" 2>&1 &
		pid=$! ;;
	esac
	sleep "$(rnd_delay "$i$$" $max)"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ "$(q 'PRAGMA integrity_check')" != ok ]; then
		bad_integrity=$((bad_integrity + 1))
	fi
	if [ $((i % 4)) -eq 1 ]; then
		bad=$(plan_torn)
		if [ -n "$bad" ]; then
			torn=$((torn + 1))
			echo "# kill $i: a torn plan: $bad"
		fi
		grep -q '^imported:' "$T/k.out" && imported=$((imported + 1))
	fi
	# Every step announced after another means that one was stored.
	if [ $((i % 4)) -gt 1 ]; then
		sid=$(q "SELECT max(id) FROM sessions")
		started=$(grep -cE '^[0-9]+:[0-9]+ step ' "$T/k.out")
		stored=$(q "SELECT count(*) FROM steps WHERE session_id=${sid:-0} AND pos >= 0")
		if [ "$started" -gt 0 ] && [ "$stored" -lt $((started - 1)) ]; then
			lost=$((lost + 1))
			echo "# kill $i: $started steps started, $stored stored"
		fi
	fi
done
[ $bad_integrity -eq 0 ] && pass "integrity_check ok after $kills plain kills" || fail "$bad_integrity of $kills kills damaged the file"
[ $lost -eq 0 ] && pass "no finished step lost in $kills plain kills" || fail "$lost kills lost finished steps"
[ $torn -eq 0 ] && pass "every plan whole or absent after $((kills / 4)) import kills ($imported finished first)" || fail "$torn import kills left a torn plan"

# On the screen: kill -9 during a routine, a few times.  Every screen on
# the way is waited for and counted: a kill that never reached the
# routine would prove nothing.
screen_kills=$((kills / 8 + 1))
missed=0
# kw WHAT COMMAND...: runs a wait; a wait that times out is counted.
kw() {
	local what=$1
	shift
	if ! "$@" >/dev/null; then
		missed=$((missed + 1))
		echo "# screen kill $j: no $what"
		return 1
	fi
}
j=0
while [ $j -lt $screen_kills ]; do
	j=$((j + 1))
	tui_start 100 30 --content-dir "$C" --no-bell
	kw "home screen" tui_home
	tui_keys Down Down Enter
	kw "routine list" tui_wait "Routines are"
	if tui_screen | grep -q "unfinished"; then tui_keys n; fi
	kw "routine in the list" tui_wait "Quick test routine"
	# Choose it by its number, then pass its preview.
	kw "number for the routine" tui_choose "Quick test routine"
	tui_keys Enter
	kw "preview" tui_wait "Enter start  Down read on" && tui_keys Enter
	kw "pain question" tui_wait "how much does" && tui_keys Enter
	kw "first step" tui_wait "Step 1 of 3"
	sleep "$(rnd_delay "$j$$")"
	kill -9 "$(tui_pid)" 2>/dev/null
	kw "exit after kill -9" tui_wait_exit
	tui_stop
	[ "$(q 'PRAGMA integrity_check')" = ok ] || bad_integrity=$((bad_integrity + 1))
done
[ $missed -eq 0 ] && pass "every screen of $screen_kills screen kills came up before the kill" || fail "$missed screens did not come up in $screen_kills screen kills"
[ $bad_integrity -eq 0 ] && pass "integrity_check ok after $screen_kills screen kills" || fail "screen kills damaged the file"
unfinished=$(q "SELECT count(*) FROM sessions WHERE state='running'")
[ "$unfinished" -ge 1 ] && pass "killed sessions are left unfinished, ready to resume" || fail "no unfinished session after kills"

bc_done
