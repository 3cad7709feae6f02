#!/bin/sh
# The lesson commands, plain: lessons, show and check, with fixtures and
# the built-in content.
. "$TOP_SRCDIR/tests/lib.sh"

FIX="$TOP_SRCDIR/tests/fixtures/lessons"
GOOD="$FIX/good"
BAD="$FIX/bad"

# ---- lessons -------------------------------------------------------------
bc_run --content-dir "$GOOD" lessons
expect_status 0 "lessons lists"
expect_out "$(printf 'intro\tWelcome to your back\tunread')" "lessons: id, title, status"
expect_out "$(printf 'spine-anatomy\tHow the spine is built\tunread')" "lessons: second lesson"
expect_no_out "glossary" "the glossary is not a lesson in the list"
if printf '%s\n' "$OUT" | grep -v "$(printf '^[a-z0-9_-]*\t[^\t]*\t\\(unread\\|read\\|self-check done\\)$')" | grep -q .; then
	fail "every line is id<TAB>title<TAB>status: $OUT"
else pass "every line is id<TAB>title<TAB>status"; fi
# index.md order: intro before spine-anatomy.
if printf '%s\n' "$OUT" | grep -n . | grep -q '^[0-9]*:intro' &&
    [ "$(printf '%s\n' "$OUT" | grep -n '^intro' | cut -d: -f1)" -lt \
      "$(printf '%s\n' "$OUT" | grep -n '^spine-anatomy' | cut -d: -f1)" ]; then
	pass "lessons follow index.md"
else fail "lessons out of order: $OUT"; fi
bc_run lessons extra
expect_status 2 "lessons takes no arguments"

# ---- show ----------------------------------------------------------------
for w in 20 33 60 80 200; do
	bc_run --content-dir "$GOOD" show intro --width "$w"
	expect_status 0 "show at width $w"
	max=$(printf '%s\n' "$OUT" | wc -L)
	if [ "$max" -le "$w" ]; then pass "show --width $w: widest line $max"
	else fail "show --width $w: a line is $max columns wide"; fi
done
bc_run --content-dir "$GOOD" show intro --width 60
expect_out "Welcome to your back" "show prints the title"
expect_out "====================" "the title is underlined with ="
expect_out "How to use the lessons" "show prints sections"
expect_out "----------------------" "sections are underlined with -"
expect_out "Answer: No. Pain is a warning" "show prints the answers"
expect_no_out "](" "links show as their text"
bc_run --content-dir "$GOOD" show spine-anatomy --width 20
expect_out "│  L4  │" "diagrams keep their lines"
max=$(printf '%s\n' "$OUT" | wc -L)
[ "$max" -le 20 ] && pass "diagram clipped within 20 columns" || fail "diagram $max wide"
LC_ALL=C LANG=C bc_run --content-dir "$GOOD" show spine-anatomy
expect_out "|  L4  |" "ASCII fallback for diagrams without UTF-8"
if printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	fail "non-ASCII bytes without a UTF-8 locale"
else pass "only ASCII without a UTF-8 locale"; fi

# A file with escape sequences and control bytes.
printf '# Evil \033]0;pwned\007title\n\nText \033[2J\033[31mred\033[0m and\001\n\n```\n\033[H\n```\n' >"$T/evil.md"
bc_run show "$T/evil.md"
expect_status 0 "show of a file with escapes"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then fail "ESC reached the output"
else pass "no ESC in the output"; fi
if LC_ALL=C grep -q "$(printf '\007')" "$T/out"; then fail "BEL reached the output"
else pass "no BEL in the output"; fi
expect_out "^[[2J" "escapes are shown as ^["
# A path without a slash but ending in .md is a file too.
(cd "$T" && "$BACKCARE" show evil.md >"$T/out2" 2>&1)
grep -q "Evil" "$T/out2" && pass "show FILE.md in the current folder" || fail "show evil.md: $(cat "$T/out2")"

# A link reference is defined for the whole file, however far away the
# definition is: show reads a big file in parts, but the parts must not
# change what it shows.  Here the definitions come 400 KB after their use
# (one in a quote, one in a list item, a later duplicate that must lose).
{
	printf '# Far\n\nSee [the notes][n1], [the quote][q] and [the list][L].\n\n'
	awk 'BEGIN { for (i = 0; i < 9000; i++)
		printf "Paragraph %d of gentle prose to fill the file.\n\n", i }'
	printf '[n1]: https://example.org/notes\n\n> [q]:\n> https://example.org/quote\n\n'
	printf -- '- [l]: https://example.org/list "A title"\n\n[n1]: https://wrong.example.org/\n'
} >"$T/far.md"
[ "$(wc -c <"$T/far.md")" -gt 400000 ] && pass "the far file is over 400 KB" ||
	fail "the far file is too small"
bc_run --width 80 show "$T/far.md"
expect_status 0 "show of a file with far definitions"
expect_out "See the notes <https://example.org/notes>, the quote" "a definition 400 KB on is used"
expect_out "the quote <https://example.org/quote>" "a definition in a quote too"
expect_out "the list <https://example.org/list>." "and one in a list item"
expect_no_out "[the notes][n1]" "the reference is not shown as written"
expect_no_out "wrong.example.org" "the first definition of a label wins"
expect_out "Paragraph 8999 of gentle prose" "the rest is shown"
# A reference that has no definition stays as written.
printf 'See [nothing][none].\n\n[other]: /x\n' >"$T/undefined.md"
bc_run show "$T/undefined.md"
expect_out "See [nothing][none]." "an undefined reference is shown as written"

bc_run show no-such-lesson
expect_status 1 "unknown lesson"
expect_err "no lesson 'no-such-lesson'" "unknown lesson is named"
expect_one_line_err "unknown lesson"
bc_run show "$T/missing.md"
expect_status 1 "missing file"
expect_err "missing.md: cannot read the lesson" "missing file is named"
bc_run show
expect_status 2 "show needs an argument"
bc_run show a b
expect_status 2 "show takes one argument"
bc_run show intro --width 5
expect_status 2 "show --width below 20 is refused"

# Overrides: a later --content-dir wins by id.
bc_run --content-dir "$GOOD" --content-dir "$FIX/override" show intro
expect_out "Overridden welcome" "a later content folder overrides by id"
expect_no_out "Welcome to your back" "the overridden lesson is gone"
# ... and so does one over a built-in lesson.
first=$("$BACKCARE" lessons | head -n 1 | cut -f1)
if [ -n "$first" ]; then
	mkdir -p "$T/ov/lessons"
	printf '# My own %s\n\nMine.\n' "$first" >"$T/ov/lessons/$first.md"
	bc_run --content-dir "$T/ov" show "$first"
	expect_out "My own $first" "--content-dir overrides built-in '$first'"
	bc_run --content-dir "$T/ov" lessons
	expect_out "$(printf '%s\tMy own %s\t' "$first" "$first")" "lessons shows the override's title"
else
	fail "no built-in lessons found"
fi

# ---- check ---------------------------------------------------------------
bc_run check "$GOOD"
expect_status 0 "check good fixtures"
expect_out "4 files checked, no problems" "check says how many files"
bc_run check "$TOP_SRCDIR/content"
expect_status 0 "the built-in content passes check"
expect_out "checked, no problems" "built-in content: no problems"
bc_run check "$BAD"
expect_status 1 "check bad fixtures"
expect_out "$BAD/lessons/no-title.md:1: no title: a lesson starts with a level-1 heading (# Title)" "missing title"
expect_out "$BAD/lessons/dead-link.md:5: link to 'no-such-lesson.md': there is no lesson 'no-such-lesson'" "dead link"
expect_out "$BAD/lessons/dead-anchor.md:5: link to 'glossary.md#no-such-term': glossary has no heading '#no-such-term'" "dead anchor in another lesson"
expect_out "$BAD/lessons/dead-anchor.md:5: link to '#missing-here': this lesson has no heading '#missing-here'" "dead anchor in the same lesson"
expect_out "4 files checked, 4 problems" "check counts problems"
bc_run check "$BAD/lessons/dead-link.md"
expect_status 1 "check one bad file"
expect_out "dead-link.md:5: link to 'no-such-lesson.md'" "one file: dead link"
bc_run check "$T/nowhere.md"
expect_status 1 "check a missing file"
expect_out "$T/nowhere.md: cannot read the file: No such file or directory" "missing file named"
# A GitHub-style table is named with its line; one inside fenced code is
# not a table.
printf '# Tables\n\nText.\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n```\n| x |\n|---|\n```\n' >"$T/table.md"
bc_run check "$T/table.md"
expect_status 1 "check a lesson with a GitHub-style table"
expect_out "table.md:5: a GitHub-style table" "the table is named with its line"
expect_out "1 file checked, 1 problem" "the fenced one is not a table"
mkdir -p "$T/c/lessons"
cp "$GOOD/lessons/intro.md" "$T/c/lessons/"
ln -s "$T/gone.md" "$T/c/lessons/broken.md"
bc_run check "$T/c"
expect_status 1 "check a folder with an unreadable file"
expect_out "$T/c/lessons/broken.md: cannot read the file: No such file or directory" "dangling link is unreadable"
if [ "$(id -u)" != 0 ]; then
	cp "$GOOD/lessons/intro.md" "$T/secret.md"
	chmod 000 "$T/secret.md"
	bc_run check "$T/secret.md"
	expect_status 1 "check an unreadable file"
	expect_out "$T/secret.md: cannot read the file: Permission denied" "permission denied named"
	chmod 600 "$T/secret.md"
fi
# Lessons from --content-dir are known to links in checked files.
mkdir -p "$T/d/lessons" "$T/e/lessons"
printf '# Unique\n\n## Part two\n\nText.\n' >"$T/e/lessons/unique-xyz.md"
printf '# Uses\n\n[u](unique-xyz.md#part-two)\n' >"$T/d/lessons/uses.md"
bc_run --content-dir "$T/e" check "$T/d/lessons/uses.md"
expect_status 0 "links to --content-dir lessons resolve"
bc_run check "$T/d/lessons/uses.md"
expect_status 1 "without that folder the link is dead"
expect_out "uses.md:3: link to 'unique-xyz.md#part-two': there is no lesson 'unique-xyz'" "dead link named"
# Routines are not lessons: files under routines/ go to the routine checker.
mkdir -p "$T/r/routines" "$T/r/lessons"
printf 'not a routine\n' >"$T/r/routines/some-routine.md"
printf "# Alone\\n\\nNo links.\\n" >"$T/r/lessons/alone-xyz.md"
bc_run check "$T/r"
expect_status 1 "a broken routine fails the check"
expect_out "some-routine.md:1: the routine has no title" "it is judged as a routine"
expect_no_out "alone-xyz.md" "the lesson beside it is fine"
bc_run check
expect_status 2 "check needs a path"

# Hand-edited progress rows whose id is a blob, or has a NUL inside, are
# no lesson's: the list says "unread", as the lesson screen does.
bc_make_db "$T/blob.db"
sqlite3 "$T/blob.db" "INSERT INTO lesson_progress (lesson_id, place,
    opened_at, read_at, selfcheck_at, updated_at) VALUES
    (CAST('spine-anatomy' AS BLOB), 0, 1, 1775000000, NULL, 1),
    ('why-backs-hurt' || char(0) || 'x', 0, 1, 1775000000, 1775000000, 1);"
bc_run --db "$T/blob.db" lessons
expect_status 0 "lessons beside hand-edited ids"
expect_out "$(printf 'spine-anatomy\tHow your spine is built\tunread')" "a blob id is no lesson's"
expect_out "$(printf 'why-backs-hurt\tWhy backs hurt\tunread')" "an id with a NUL inside is no lesson's"

bc_done
