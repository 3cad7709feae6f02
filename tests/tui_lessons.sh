#!/bin/sh
# The lesson list and pager in a real terminal: open, scroll, search,
# links and back, resize, the place kept between runs, answers, marks.
. "$TOP_SRCDIR/tests/lib.sh"

TUI="$TOP_SRCDIR/tests/fixtures/lessons/tui"

# top_has TEXT ROWS: TEXT is within the first ROWS rows of the screen.
top_has() {
	local i=0
	while [ $i -lt 100 ]; do
		tui_screen | head -n "$2" | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	tui_screen | sed 's/^/  | /'
	return 1
}

# open_welcome: from the home screen to the pager on zz-welcome, which
# the fixture index puts last in the list.
open_welcome() {
	tui_wait "1  Lessons" || fail "home screen"
	tui_keys Enter
	tui_wait "Enter read" || fail "the lesson list"
	tui_keys Home Down Enter
	tui_wait "Space page" || fail "the pager"
}

tui_start 80 24 --content-dir "$TUI"
tui_wait "Welcome to backcare" && tui_keys Enter
tui_wait "1  Lessons"
tui_keys Enter
expect_screen "Welcome to your back" "the list shows lesson titles"
expect_screen "How the spine is built" "the list shows every lesson"
expect_screen "unread" "the list shows marks"
expect_screen "(next)" "the next unread lesson is suggested"
tui_keys '?'
expect_screen "open the glossary" "? lists the list's keys"
tui_keys Space
tui_keys g
expect_screen "A thin, strong sheet of tissue" "g opens the glossary"
tui_keys q
tui_wait "Enter read"
tui_keys Home Down Enter
expect_screen "Back pain is common" "Enter opens the lesson"
expect_screen "Welcome to your back" "the title bar names the lesson"
expect_screen "%" "a scroll indicator is shown"

# Scrolling.
tui_keys j j j j j
expect_screen "Your back is not fragile" "j scrolls"
if tui_wait_gone "Back pain is common" 5; then pass "the first line scrolled away"
else fail "j did not scroll"; fi
tui_keys g
expect_screen "Back pain is common" "g goes to the start"
tui_keys Space
if tui_wait_gone "Back pain is common" 5; then pass "Space pages down"
else fail "Space did not page"; fi
tui_keys G
expect_screen "Check yourself" "G goes to the end"
expect_screen "100%" "the end shows 100%"
tui_keys Home

# Search.
tui_keys /
expect_screen "Search: _" "/ opens the search prompt"
tui_type "massage"
tui_keys Enter
expect_screen "match 1 of 5" "search counts the matches"
tui_keys n
expect_screen "match 2 of 5" "n goes to the next match"
tui_keys N
expect_screen "match 1 of 5" "N goes back"
tui_keys / && tui_type "zebra" && tui_keys Enter
expect_screen "not found" "a missing word is reported"

# Links: Tab chooses, Enter follows, Backspace comes back.
tui_keys g Tab
expect_screen "Link: zz-anatomy.md#the-discs" "Tab chooses the first link"
tui_keys Enter
expect_screen "How the spine is built" "Enter follows a lesson link"
expect_screen "A disc is a tough ring" "the link's anchor is in view"
tui_keys BSpace
expect_screen "Back pain is common" "Backspace comes back"
expect_screen "Welcome to your back" "back in the first lesson"
tui_keys Tab Tab
expect_screen "Link: glossary.md#fascia" "Tab moves to the next link"
tui_keys Enter
expect_screen "A thin, strong sheet of tissue" "a glossary link opens the glossary"
tui_keys BSpace
expect_screen "Back pain is common" "and Backspace returns"

# Resize keeps the place.
tui_keys / && tui_type "Heat can help" && tui_keys Enter
expect_screen "match 1 of 1" "found the place"
if top_has "Heat can help" 6; then pass "the place is near the top"; else fail "place not near the top"; fi
tui_resize 60 24
expect_screen "Welcome to your back" "redrawn at 60 columns"
if top_has "Heat can help" 6; then pass "resize keeps the place"; else fail "resize lost the place"; fi
tui_resize 100 30
if top_has "Heat can help" 6; then pass "a wider resize keeps the place"; else fail "wider resize lost the place"; fi
tui_keys n
expect_screen "\"Heat can help\": match 1 of 1" "the search survives a resize"
tui_resize 80 24

# Quit, reopen: the same place.
tui_keys q
tui_wait "Enter read"
tui_keys q
tui_wait "1  Lessons"
tui_keys q
tui_wait_exit
[ "$STATUS" = 0 ] && pass "quit with 0" || fail "quit exit $STATUS"
tui_stop
tui_start 80 24 --content-dir "$TUI"
open_welcome
if top_has "Heat can help" 6; then pass "reopening lands at the same place"
else fail "the place was not kept"; fi

# The answers.
tui_keys G
expect_screen "Answer hidden" "answers are hidden at first"
if tui_screen | grep -qF "Pain is a warning, not a measure"; then fail "an answer was shown"
else pass "the answer text is not on screen"; fi
tui_keys a
expect_screen "Answer: No. Pain is a warning" "a reveals the answers"
expect_screen "self-check done" "revealing counts as the self-check"
tui_keys a
expect_screen "Answer hidden" "a hides them again"
tui_keys '?'
expect_screen "Keys: Lesson" "? shows the pager's keys"
expect_screen "show or hide the self-check answers" "help names the a key"
tui_keys Space
tui_keys q
expect_screen "self-check done" "the list shows the new mark"
tui_keys q
tui_wait "1  Lessons"
tui_keys q
tui_wait_exit
tui_stop

bc_run --content-dir "$TUI" lessons
expect_out "$(printf 'zz-welcome\tWelcome to your back\tself-check done')" "lessons: self-check done"
expect_out "$(printf 'zz-anatomy\tHow the spine is built\tread')" "lessons: read after its end was shown"

# LANG=C: the list and a diagram lesson in ASCII only.
TUI_LANG=C tui_start 80 24 --content-dir "$TUI"
tui_wait "1  Lessons" && tui_keys Enter
expect_screen "self-check done" "LANG=C: the list"
if tui_screen | LC_ALL=C grep -q '[^ -~]'; then fail "LANG=C list has non-ASCII bytes"
else pass "LANG=C list is ASCII"; fi
tui_keys Home Enter
expect_screen "L4" "LANG=C: the diagram lesson"
expect_screen "+------+" "LANG=C: box drawing falls back to ASCII"
if tui_screen | LC_ALL=C grep -q '[^ -~]'; then fail "LANG=C lesson has non-ASCII bytes"
else pass "LANG=C lesson is ASCII"; fi
tui_keys q q q
tui_wait_exit
tui_stop

# A lesson with problems shows a warning and still works.
mkdir -p "$T/bad/lessons"
printf 'No title here.\n\n[gone](nowhere.md)\n' >"$T/bad/lessons/zzz-broken.md"
tui_start 80 24 --content-dir "$T/bad"
tui_wait "1  Lessons" && tui_keys Enter
tui_wait "Enter read" && tui_keys End Enter
expect_screen "problems: " "a broken lesson shows a warning line"
expect_screen "No title here." "and its text"
tui_keys Tab Enter
expect_screen "There is no lesson 'nowhere'" "a dead link says so"
tui_keys q q q
tui_wait_exit
[ "$STATUS" = 0 ] && pass "no crash on a broken lesson" || fail "broken lesson exit $STATUS"
tui_stop

bc_done
