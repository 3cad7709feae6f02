#!/bin/sh
# The printable report and handout as HTML, from 12 weeks of seeded use:
# both pass a strict parser (every element closed, a title, UTF-8), load
# and run nothing (no script, no src or href, no url() or @import), give
# every chart a text alternative, show hostile titles and notes as text,
# and are written 0600, whole or not at all.  The checker itself is shown
# to fail on bad pages.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/printout_lib.sh"
CHECK="python3 $TOP_SRCDIR/tests/html_check.py"
command -v python3 >/dev/null || skip_all "python3 is needed"

[ "$SESSIONS" -ge 30 ] && pass "12 weeks seeded: $SESSIONS sessions" ||
	fail "seeded only $SESSIONS sessions"

bc_run report --format html --output "$T/report.html"
expect_status 0 "report --format html --output"
[ -z "$OUT$ERR" ] && pass "nothing on the terminal" || fail "output: $OUT$ERR"
[ "$(stat -c %a "$T/report.html")" = 600 ] && pass "the report is 0600" ||
	fail "report mode $(stat -c %a "$T/report.html")"
$CHECK "$T/report.html" --text "$SHOWN_TITLE" --text "$SHOWN_NOTE" \
	--text 'Therapist: Sam <i>Lee</i> & "Co", 555-0100' \
	--text "Walk every day alert(3) and see [a picture] or this [https://example.com/]." \
	>"$T/check" 2>&1 && pass "the report passes the strict check" ||
	fail "report: $(cat "$T/check")"
grep -q 'charts' "$T/check" && grep -q ', 2 charts' "$T/check" &&
	pass "the report has its two charts" || fail "charts: $(cat "$T/check")"
OUT=$(cat "$T/report.html")
expect_out "Sessions done each week against the plan" "the adherence chart is named"
expect_out "Pain before and after each session, 0 to 10" "the pain chart is named"
expect_out "meaningful change: " "the minimal important change is marked"
expect_out "starting level 7.0" "the starting level is drawn"
expect_out "Starting level: 7.0 (mean rating before sessions in the week of 2026-12-21)." "the starting level in words"
expect_out "a meaningful drop (2 points or 30% of the starting level), held for 2 weeks in a row" "the verdict on the change in words"
expect_out "Against the plan: " "adherence against the plan in words"
expect_out "<h2>The last 12 weeks</h2>" "the 12-week calendar"
expect_out "<th scope=\"row\">2026-12-28</th>" "the calendar's weeks"
expect_out "full check: NONE, age 45, pain for 6 weeks; rules: none fired" "safety checks with verdicts"
expect_out "history_of_cancer, cleared by Dr Ana &lt;em&gt;Silva&lt;/em&gt; until 2027-05-01" "clearances, escaped"
expect_out "2027-03-15 09:00 Swedish basics for the low back, 8:00, completed, pain 3 to 2" "the last session"
expect_no_out "<script" "no script element"
expect_no_out "<iframe" "the plan's iframe is gone"
expect_no_out "$ESC" "no escape character"
n=$(grep -o 'cx=' "$T/report.html" | wc -l)
[ "$n" -ge $((2 * SESSIONS)) ] && pass "a mark before and after each session ($n)" ||
	fail "only $n marks for $SESSIONS sessions"

# The text report says the same words.
bc_run --width 200 report
expect_out "Starting level: 7.0 (mean rating before sessions in the week of 2026-12-21)." "the text report shares the words"

bc_run handout --plan --output "$T/handout.html"
expect_status 0 "handout --plan --output (HTML by default)"
[ "$(stat -c %a "$T/handout.html")" = 600 ] && pass "the handout is 0600" ||
	fail "handout mode $(stat -c %a "$T/handout.html")"
$CHECK "$T/handout.html" --text "Homework: $SHOWN_TITLE" \
	--text "In an emergency call 112 (999 in the UK, 911 in the US)." \
	--text "Swedish basics for the low back (3 a week)" \
	--text "Five gentle minutes for a bad day (2 a week)" \
	>"$T/check" 2>&1 && pass "the handout passes the strict check" ||
	fail "handout: $(cat "$T/check")"
OUT=$(cat "$T/handout.html")
for f in swedish-basics gentle-five; do
	sed -n 's/^## //p' "$TOP_SRCDIR/content/routines/$f.md" >"$T/steps"
	while IFS= read -r step; do
		expect_out "$step" "$f: step '$step'"
	done <"$T/steps"
done
boxes=$(grep -o 'class="box"' "$T/handout.html" | wc -l)
# 15 weeks (2026-12-21 to 2027-03-28), cut to 12, 3 + 2 boxes a week.
[ "$boxes" = 60 ] && pass "tick boxes for 12 weeks of 3 and 2" || fail "$boxes tick boxes"
expect_out "Routines are open." "what the safety check says now"
expect_no_out "<script" "no script in the handout"

# Everything of every routine, with hostile content of its own.
mkdir -p "$T/c/routines"
cat >"$T/c/routines/evil.md" <<EOR
# Evil <script>alert(4)</script> ${ESC}[2J routine

Intro <img src="http://example.com/i.png" onerror="alert(5)"> with
[a link](javascript:alert(6)) and <style>@import url(http://example.com/a.css);</style>.

## Step <b>one</b> &amp; ${ESC}[1m

- duration: 1m
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

<script>alert(7)</script>
Stroke \`<code>\` gently. <a href="http://example.com/">here</a>
EOR
bc_run --content-dir "$T/c" handout evil --output "$T/evil.html"
expect_status 0 "a handout of a hostile routine"
$CHECK "$T/evil.html" --text "Evil <script>alert(4)</script> ^[[2J routine" \
	--text "1. Step <b>one</b> & ^[[1m" --text "Stroke <code> gently." \
	>"$T/check" 2>&1 && pass "a hostile routine comes out inert" ||
	fail "evil: $(cat "$T/check")"
OUT=$(cat "$T/evil.html")
expect_no_out "javascript:" "no javascript: link"
n=$(grep -c '<style' "$T/evil.html")
[ "$n" = 1 ] && pass "no style element but the page's own" || fail "$n style elements"

# The checker fails bad pages (a check that cannot fail is no check).
bad_page() {
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>%s</body></html>\n' "$1" >"$T/bad.html"
	if $CHECK "$T/bad.html" >"$T/check" 2>&1; then
		fail "the checker passed: $1"
	else
		pass "the checker refuses: $(head -1 "$T/check" | cut -c1-70)"
	fi
}
bad_page '<script>x()</script>'
bad_page '<p>unclosed'
bad_page '<p><b>crossed</p></b>'
bad_page '<div style="background:url(http://e/x.png)"></div>'
bad_page '<svg role="img" aria-labelledby="nope"><title>t</title></svg>'
bad_page '<p onclick="x()">p</p>'
bad_page '<a href="http://example.com/">a</a>'
bad_page '<style>@import "x.css";</style>'
printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>fine</p></body></html>\n' >"$T/good.html"
$CHECK "$T/good.html" --text fine >/dev/null && pass "the checker passes a good page" ||
	fail "the checker refused a good page"
$CHECK "$T/good.html" --text missing >/dev/null && fail "the checker missed absent text" ||
	pass "the checker sees text that is not there"

# Written whole or not at all; the old file survives a failure.
echo old >"$T/keep.html"
bc_run report --format html --output "$T/nodir/r.html"
expect_status 1 "an output folder that does not exist"
expect_err "$T/nodir/r.html: cannot write there: No such file or directory" "the path and the reason"
expect_one_line_err "an unwritable output"
bc_run handout --output ""
expect_status 2 "an empty --output"
expect_err "--output needs a file name" "says what is wrong"
ls "$T" | grep -q 'html\.' && fail "temporary files left: $(ls "$T")" ||
	pass "no temporary files left"
[ "$(cat "$T/keep.html")" = old ] && pass "other files untouched" || fail "keep.html changed"

bc_done
