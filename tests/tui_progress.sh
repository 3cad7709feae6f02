#!/bin/sh
# The progress view in a real terminal: an empty history; a week of
# sessions with pain ratings against an imported plan (this week, streak,
# calendar, pain chart, starting level, checks); the home screen's
# homework line; the prompt for lighter pressure; scrolling, small and
# resized terminals, ASCII without UTF-8, a long history read only
# as far back as the chart shows, at any width, and a read-only folder.  The clock is pinned to
# Wednesday 2026-11-25 12:00 UTC.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
NOW=1795608000     # 2026-11-25 12:00:00 UTC, a Wednesday
export BACKCARE_TEST_NOW=$NOW
TUI_ENV="export TZ=UTC BACKCARE_TEST_NOW=$NOW"
q() { sqlite3 "$BACKCARE_DB" "$1"; }

# open_progress COLS ROWS: starts backcare and opens Progress.
open_progress() {
	tui_start "$1" "$2" --no-bell
	tui_home || fail "the home screen"
	tui_keys 4 Enter
	tui_wait "This week:"
}

# session DAYS_AGO BEFORE AFTER MINUTES: a completed session at 08:00 UTC.
session() {
	local at=$(( NOW - 4 * 3600 - $1 * 86400 )) secs=$(( $4 * 60 ))
	q "INSERT INTO sessions (routine_id, routine_title, started_at, ended_at,
	    state, planned_s, pain_before, pain_after)
	    VALUES ('swedish-basics', 'Swedish basics for the low back', $at,
	    $at + $secs, 'completed', $secs, $2, $3);
	  INSERT INTO steps (session_id, pos, step_index, title, planned_s,
	    done_s, state, at)
	    VALUES (last_insert_rowid(), 0, 0, 'Effleurage', $secs, $secs,
	    'done', $at + $secs);"
}

# An empty history.
open_progress 80 24
expect_screen "This week: 0 sessions done" "empty: no sessions this week"
expect_screen "No homework plan is in force" "empty: no plan"
expect_screen "Last 12 weeks" "empty: the calendar is there"
tui_keys G
expect_screen "No safety check yet" "empty: no checks"
expect_screen "No pain ratings yet" "empty: no pain chart"
tui_keys q
expect_screen "1  Lessons" "q goes back home"
tui_keys q
tui_wait_exit
tui_stop

# A week of sessions against a plan.
printf 'age=40\nweeks=3\n' | "$BACKCARE" screen --answers - >/dev/null ||
	fail "safety check"
cat >"$T/plan.md" <<'EOP'
# Homework for weeks 1-4

- from: 2026-11-16
- until: 2026-12-13
- therapist: Sam Lee, 555-0100

## Routines
- swedish-basics: 3 per week
- trigger-point-release: 2 per week

## Lessons
- spine-anatomy
EOP
bc_run plan import "$T/plan.md"
expect_status 0 "the plan imports"
session 8 7 6 12
session 2 6 4 15
session 1 6 4 15
session 0 5 3 25
# A routine the plan does not set does not count against it.
q "INSERT INTO sessions (routine_id, routine_title, started_at, ended_at,
    state, planned_s) VALUES ('gentle-five', 'Five gentle minutes', $((NOW - 3600)),
    $((NOW - 3300)), 'completed', 300)"

open_progress 80 40
expect_screen "This week: 3 of 5 planned sessions done (more outside the plan)" "this week against the plan, a routine outside it not counted"
expect_screen "Streak: 3" "the streak"
expect_screen "Plan: Homework for weeks 1-4, until 13 Dec (Sam Lee, 555-0100)" "the plan, its end and the therapist"
expect_screen "Swedish basics for the low back: 3 of 3 this week, done" "a routine done for the week"
expect_screen "Trigger-point release for low back pain: 0 of 2 this week, 2 to go" "a routine still to do"
screen=$(tui_screen)
# Wednesday's row: this week's Mon-Wed are shaded, the darkest today.
# cal_row DAY: the calendar row, without the scroll bar at the edge.
cal_row() { printf '%s\n' "$screen" | grep "^ $1 " | cut -c1-70 | sed 's/ *$//'; }
row=$(cal_row Wed)
case "$row" in *"█") pass "today is shaded darkest (25 minutes)" ;;
	*) fail "today's cell: '$row'" ;; esac
row=$(cal_row Mon)
case "$row" in *"· ▓") pass "last Monday is empty, this Monday shaded" ;;
	*) fail "Monday row: '$row'" ;; esac
row=$(cal_row Tue)
case "$row" in *"· ▓ ▓") pass "the last two Tuesdays are shaded" ;;
	*) fail "Tuesday row: '$row'" ;; esac
row=$(cal_row Thu)
case "$row" in *"·") pass "last Thursday is empty, this Thursday is not shown yet" ;;
	*) fail "Thursday row: '$row'" ;; esac
expect_screen "Pain, 0 to 10, at each session" "the pain chart"
tui_keys G
expect_screen "Starting level 7.0; latest week 5.7 (-1.3)" "the starting level and the latest week"
expect_screen "The last 4 rated sessions, 17 Nov to 25 Nov" "the chart counts the rated sessions and their dates"
expect_screen "0 of 12 lessons read" "lessons read"
expect_screen "check    NONE" "the safety check and its verdict"
tui_keys g
expect_screen "This week: 3 of 5" "g goes back to the top"
tui_keys /; tui_type "Safety checks"; tui_keys Enter
expect_screen '"Safety checks": n next' "/ searches the progress view"
expect_screen "check    NONE" "and scrolls to the match"
tui_keys g
tui_keys q
expect_screen "Homework: Trigger-point release for low back pain, 2 more this week" "home: what is left this week"
expect_screen "\"How your spine is built\"." "home: the plan's lesson to read"
tui_keys q
tui_wait_exit
tui_stop

# Small and resized terminals.
open_progress 40 12
expect_screen "This week: 3 of 5" "40x12 shows the view"
tui_keys Down Down Down
expect_screen "▲" "the scroll bar marks more above"
tui_resize 30 8
expect_screen "Please enlarge" "below 40x12 asks for a larger terminal"
tui_resize 120 50
expect_screen "Last 12 weeks" "back after the resize"
tui_keys '?'
expect_screen "scroll a page" "? shows the progress keys"
tui_keys Space q q
tui_wait_exit
[ "$STATUS" = 0 ] && pass "quits cleanly" || fail "exit $STATUS"
expect_sane_terminal "progress"
tui_stop

# Pain up by 2 after two sessions in a row: a prompt.
session 0 3 5 5
session 0 3 6 5
TUI_LANG=C
open_progress 80 24
expect_screen "lighter pressure" "pain rising twice in a row asks for lighter pressure"
screen=$(tui_screen)
row=$(cal_row Wed)
case "$row" in *"#") pass "ASCII shades without UTF-8" ;;
	*) fail "ASCII Wednesday row: '$row'" ;; esac
tui_keys q q
tui_wait_exit
tui_stop

# A long history: the view reads only as many rated sessions as its chart
# shows, and reads more when the screen grows wider.
q "WITH RECURSIVE d(n) AS (SELECT 10 UNION ALL SELECT n + 1 FROM d WHERE n < 400)
   INSERT INTO sessions (routine_id, routine_title, started_at, ended_at,
     state, planned_s, pain_before, pain_after)
   SELECT 'swedish-basics', 'Swedish basics', $NOW - 4 * 3600 - n * 86400,
     $NOW - 4 * 3600 - n * 86400 + 600, 'completed', 600, 5, 4 FROM d;"
unset TUI_LANG
open_progress 80 60
expect_screen "The last 71 rated sessions" "80 columns: the chart shows 71 rated sessions"
tui_resize 200 60
expect_screen "The last 191 rated sessions" "200 columns: the view reads and shows 191"
tui_resize 80 60
expect_screen "The last 71 rated sessions" "back to 80 columns: 71 again"
tui_keys q q
tui_wait_exit
tui_stop

# A read-only folder: nothing can be saved, but Progress shows the file's
# progress, read only, and says why; the file stays as it was.
mkdir -p "$T/ro"
cp "$BACKCARE_DB" "$T/ro/progress.db"
chmod 644 "$T/ro/progress.db"
chmod 555 "$T/ro"
cp "$T/ro/progress.db" "$T/ro-before"
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T" "$T/home"
	bc_nobody_ok &&
	    TUI_WRAP="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" -ne 0 ] || [ -n "${TUI_WRAP:-}" ]; then
	BACKCARE_DB="$T/ro/progress.db" open_progress 80 60
	expect_screen "Read only: nothing can be saved now" "a read-only folder: Progress says it is read only"
	expect_screen "The last 71 rated sessions" "a read-only folder: Progress shows the history"
	# No lock is held between reads, on Progress or at home: held, it
	# would keep the owner's writers from folding their -wal back.
	ino=$(stat -c %i "$T/ro/progress.db")
	ro_locks() { grep -c ":$ino " /proc/locks 2>/dev/null; }
	[ "$(ro_locks)" = 0 ] && pass "a read-only folder: no lock held on Progress" || fail "a read-only folder: a lock held on Progress: $(grep ":$ino " /proc/locks)"
	tui_keys q
	tui_wait "1  Lessons" || fail "a read-only folder: home again"
	tui_keys Down
	tui_settle
	[ "$(ro_locks)" = 0 ] && pass "a read-only folder: no lock held at home" || fail "a read-only folder: a lock held at home: $(grep ":$ino " /proc/locks)"
	tui_keys q
	tui_wait_exit
	tui_stop
	cmp -s "$T/ro/progress.db" "$T/ro-before" && pass "a read-only folder: the file unchanged" || fail "a read-only folder: the file changed"
	unset TUI_WRAP
else
	echo "# no setpriv, or the user nobody cannot reach the build folder: the read-only folder part is skipped"
fi

bc_done
