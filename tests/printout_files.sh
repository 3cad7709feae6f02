#!/bin/sh
# The printouts' files and words after the attack on issue 14
# (notes/attack14.md): --output through links, FIFOs and character
# devices (never renamed over), the write's own error, no temporary file
# left by SIGTERM, a plan that starts later, tick rows and their share,
# wide plans, bidirectional controls, the Markdown handout's bytes, a
# routine named twice, the long report, HTML blocks in notes and
# `today` creating nothing.  No real /dev node is ever a target but
# /dev/full, and that only through a link in $T, as a write target.
. "$TOP_SRCDIR/tests/lib.sh"
CHECK="python3 $TOP_SRCDIR/tests/html_check.py"
command -v python3 >/dev/null || skip_all "python3 is needed"

export TZ=UTC
NOW=1805284800          # Wednesday 2027-03-17 12:00 UTC
export BACKCARE_TEST_NOW=$NOW
printf 'age=40\nweeks=2\n' >"$T/ans"
"$BACKCARE" screen --answers "$T/ans" >/dev/null || fail "safety check"

# ---- #3: --output through links, FIFOs and devices -----------------------
O="$T/o"
mkdir "$O"
echo old >"$O/real.html"
ln -s real.html "$O/link.html"
bc_run report --format html --output "$O/link.html"
expect_status 0 "--output through a link"
[ -L "$O/link.html" ] && pass "the link stays a link" || fail "the link was replaced"
grep -q '<!DOCTYPE html>' "$O/real.html" && pass "its document is written" ||
	fail "real.html: $(head -c 80 "$O/real.html")"
[ "$(stat -c %a "$O/real.html")" = 600 ] && pass "the document is 0600" ||
	fail "mode $(stat -c %a "$O/real.html")"
ls "$O" | grep -q 'html\.' && fail "temporary files left: $(ls "$O")" ||
	pass "no temporary file beside the link or the document"

mkfifo "$O/fifo" || fail "mkfifo"
cat "$O/fifo" >"$O/from-fifo" &
reader=$!
bc_run report --format html --output "$O/fifo"
expect_status 0 "--output to a FIFO"
# A FIFO renamed over would leave the reader waiting for ever.
if [ -p "$O/fifo" ]; then wait $reader; else kill $reader; fi
[ -p "$O/fifo" ] && pass "the FIFO stays a FIFO" || fail "the FIFO was replaced"
grep -q '</html>' "$O/from-fifo" && pass "the whole page came through the FIFO" ||
	fail "through the FIFO: $(wc -c <"$O/from-fifo") bytes"

ln -s fifo "$O/fifo-link"
cat "$O/fifo" >"$O/from-link" &
reader=$!
bc_run handout gentle-five --output "$O/fifo-link"
expect_status 0 "--output to a link to a FIFO"
if [ -L "$O/fifo-link" ] && [ -p "$O/fifo" ]; then wait $reader; else kill $reader; fi
[ -L "$O/fifo-link" ] && [ -p "$O/fifo" ] && pass "link and FIFO both kept" ||
	fail "link or FIFO replaced"
grep -q 'Five gentle minutes' "$O/from-link" && pass "the handout came through" ||
	fail "nothing through the link"

# A character device behaves like standard output: /dev/full (through a
# link in $T, so that a program that renames would only replace the
# link) fails with its own error, exit 1.
ln -s /dev/full "$O/full"
bc_run handout gentle-five --output "$O/full"
expect_status 1 "--output to /dev/full"
expect_err "$O/full: could not write it: No space left on device" "ENOSPC is named"
expect_one_line_err "--output to /dev/full"
[ -L "$O/full" ] && [ -c /dev/full ] && pass "the link and the device are kept" ||
	fail "the link or /dev/full was replaced"

# Standard output through /proc's link to it: a pipe, written through.
out=$("$BACKCARE" report --output /proc/self/fd/1 | head -1)
[ "$out" = "backcare report, 2027-03-17" ] &&
	pass "--output /proc/self/fd/1 writes to the pipe" || fail "through fd 1: '$out'"

ln -s "$O/nothing/here" "$O/broken"
bc_run report --output "$O/broken"
expect_status 1 "--output to a broken link"
expect_one_line_err "a broken link"
[ -L "$O/broken" ] && pass "the broken link is left alone" || fail "the broken link was replaced"

# A full disk named as such (#15): a tiny file system when we may mount
# one, else skipped.
if mkdir "$T/tiny" && mount -t tmpfs -o size=16k tmpfs "$T/tiny" 2>/dev/null; then
	bc_run report --format html --output "$T/tiny/r.html"
	seed=$STATUS
	"$TOP_BUILDDIR/tests/seed_history" "$T/big.db" $NOW swedish-basics \
		"Swedish basics for the low back" "$(printf 'a%.0s' $(seq 1 200))" >/dev/null
	BACKCARE_DB="$T/big.db" bc_run report --format html --output "$T/tiny/r.html"
	expect_status 1 "a report larger than the disk"
	expect_err "could not write it: No space left on device" "a full disk is named"
	[ "$seed" = 0 ] || fail "the small report on tmpfs: exit $seed"
	umount "$T/tiny"
else
	pass "# skip: cannot mount a tmpfs here"
fi

# ---- #14: SIGTERM while writing leaves no NAME.XXXXXX ---------------------
if command -v strace >/dev/null; then
	rm -f "$O/r.html"
	# fsync is called on the finished temporary file only: held there a
	# second, the program is stopped while the file exists.
	strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=1000000 \
		"$BACKCARE" report --format html --output "$O/r.html" 2>/dev/null &
	tracer=$!
	i=0
	while [ $i -lt 200 ] && ! ls "$O" | grep -q '^r\.html\.'; do
		sleep 0.01
		i=$((i + 1))
	done
	ls "$O" | grep -q '^r\.html\.' && pass "the temporary file is there while writing" ||
		fail "no temporary file seen"
	pid=$(pgrep -P $tracer)
	[ -n "$pid" ] && kill -TERM "$pid"
	wait $tracer
	ls "$O" | grep -q '^r\.html' && fail "left behind: $(ls "$O")" ||
		pass "SIGTERM removed the temporary file, no document"
else
	pass "# skip: strace is not installed"
fi

# ---- #6, #4, #5, #7: a plan that starts tomorrow ---------------------------
cat >"$T/plan.md" <<'EOP'
# Later

- from: 2027-03-18
- until: 2027-04-07
- therapist: Sam

## Routines
- swedish-basics: 3 per week
- gentle-five: 2 per week

## Lessons
- why-backs-hurt

## Notes
<!-- draft --> Walk every day.

```javascript:alert(1)
x
```
EOP
"$BACKCARE" plan import "$T/plan.md" >/dev/null || fail "plan import"
bc_run --width 200 handout --plan
expect_status 0 "--plan with a plan that starts tomorrow"
expect_out "Homework: Later" "its title"
expect_out "From 2027-03-18 to 2027-04-07, set by Sam. It has not started yet." "says when it starts"
# Thursday to Sunday: 4 days of 5 a week is 3 (2.9 up): 2 and 1.
printf '%s\n' "$OUT" | grep -qx '  2027-03-15  \[ \] \[ \]  *\[ \]' &&
	pass "this week's share: 2 and 1" || fail "this week: $(printf '%s\n' "$OUT" | grep 2027-03-15)"
printf '%s\n' "$OUT" | grep -qx '  2027-03-22  \[ \] \[ \] \[ \]  *\[ \] \[ \]' &&
	pass "a whole week: 3 and 2" || fail "next week: $(printf '%s\n' "$OUT" | grep 2027-03-22)"
# The plan's last week, Monday to Wednesday: 3 days, 3 (2.1 up): 2 and 1.
printf '%s\n' "$OUT" | grep -qx '  2027-04-05  \[ \] \[ \]  *\[ \]' &&
	pass "the last week's share: 2 and 1" || fail "last week: $(printf '%s\n' "$OUT" | grep 2027-04-05)"
expect_out "Walk every day." "the notes, after an HTML comment (#7, #15)"
expect_out "Lessons to read in backcare" "the plan's lessons (#7)"
expect_out "why-backs-hurt" "the lesson named"
BACKCARE_TEST_NOW=$((NOW + 86400)) bc_run report
printf '%s\n' "$OUT" | grep -q '^  2027-03-15  *0  *3  ' &&
	pass "the report's plan column for the same week: 3" ||
	fail "report: $(printf '%s\n' "$OUT" | grep '^  2027-03-15')"
BACKCARE_TEST_NOW=$((NOW + 86400)) bc_run today
[ "$OUT" = "backcare: today: Swedish basics for the low back, Five gentle minutes for a bad day; this week: Swedish basics for the low back 0 of 2 done, Five gentle minutes for a bad day 0 of 1 done" ] &&
	pass "today asks for the same share" || fail "today: $OUT"
bc_run handout --plan --output "$O/h.html"
$CHECK "$O/h.html" --text "Walk every day." >"$T/check" 2>&1 &&
	pass "the handout with a code fence passes the strict check" ||
	fail "handout: $(cat "$T/check")"
grep -q 'class="language' "$O/h.html" && fail "a code fence's info became a class" ||
	pass "no class from a code fence's info string"

# ---- #8, #9: nothing wider than the page ----------------------------------
grep -q 'overflow-wrap: anywhere' "$O/h.html" && pass "long words wrap" ||
	fail "no overflow-wrap"
grep -q 'table.ticks { width: 100%; table-layout: fixed; }' "$O/h.html" &&
	pass "the tick table keeps to the page" || fail "the tick table can grow"
mkdir -p "$T/c/routines"
for n in 1 2 3 4 5 6 7 8 9; do
	sed "s/^# .*/# Extra $n/" "$TOP_SRCDIR/content/routines/gentle-five.md" \
		>"$T/c/routines/extra$n.md"
done
{
	printf '# Wide\n\n- from: 2027-03-15\n- until: 2027-03-28\n\n## Routines\n'
	printf -- '- swedish-basics: 50 per week\n'
	for n in 1 2 3 4 5 6 7 8 9; do printf -- '- extra%s: 1 per week\n' $n; done
} >"$T/wide.md"
"$BACKCARE" --content-dir "$T/c" plan import "$T/wide.md" >/dev/null || fail "wide plan"
bc_run --content-dir "$T/c" --width 400 handout --plan
expect_out "____ of 50" "50 a week: a line for the count, not 50 boxes"
bc_run --content-dir "$T/c" handout --plan --format html
n=$(printf '%s\n' "$OUT" | grep -o 'class="box"' | wc -l)
[ "$n" = 18 ] && pass "boxes only for the small targets (9 x 2 weeks)" || fail "$n boxes"

# ---- #12, #13: bidirectional controls and the Markdown handout's bytes ----
RLO=$(printf '\342\200\256')
LRI=$(printf '\342\201\246')
NONCHAR=$(printf '\357\277\276')
C1=$(printf '\302\205')
sed "s/^# .*/# Evil ${RLO}title ${LRI}x/" "$TOP_SRCDIR/content/routines/gentle-five.md" |
	sed "0,/^Rub/s//Rub ${NONCHAR} and ${C1}/" >"$T/c/routines/evil.md"
printf '# Bidi %s\n\n- from: 2027-03-15\n- until: 2027-03-28\n- therapist: Sam %sx\n\n## Routines\n- evil: 3 per week\n' \
	"$RLO" "$RLO" >"$T/bidi.md"
"$BACKCARE" --content-dir "$T/c" plan import "$T/bidi.md" >/dev/null || fail "bidi plan"
for f in text markdown html; do
	bc_run --content-dir "$T/c" handout --plan --format $f
	expect_status 0 "handout --format $f with bidi controls"
	printf '%s' "$OUT" | grep -q "$RLO\|$LRI" && fail "$f: a bidi control is left" ||
		pass "$f: no bidi control"
	expect_out "Evil title x (3 a week)" "$f: the title reads in order"
done
bc_run --content-dir "$T/c" handout --plan --format markdown
printf '%s' "$OUT" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 &&
	pass "the Markdown handout is valid UTF-8" || fail "invalid UTF-8 in Markdown"
printf '%s' "$OUT" | grep -q "$C1\|$NONCHAR" && fail "a C1 control or U+FFFE is left" ||
	pass "no C1 control, no U+FFFE"
expect_out "Rub � and �" "both shown as U+FFFD"
bc_run --content-dir "$T/c" today
printf '%s' "$OUT" | grep -q "$RLO\|$LRI" && fail "today: a bidi control: $OUT" ||
	pass "today: no bidi control"
expect_out "Evil title x" "today: the title in order"

# ---- #15: smaller things --------------------------------------------------
bc_run handout gentle-five gentle-five
n=$(printf '%s\n' "$OUT" | grep -c '^Five gentle minutes for a bad day')
[ "$n" = 1 ] && pass "a routine named twice is printed once" || fail "printed $n times"

printf '# Link\n\n- from: 2027-03-15\n- until: 2027-03-28\n- therapist: Sam, see http://clinic.example.org or www.example.org\n\n## Routines\n- gentle-five: 1 per week\n' >"$T/link.md"
"$BACKCARE" plan import "$T/link.md" >/dev/null || fail "link plan"
bc_run --width 200 handout --format markdown --plan
expect_out 'http\://clinic' "no autolink of http:// in Markdown"
expect_out 'www\.example' "no autolink of www. in Markdown"

bc_run report --format html --since 2027-03-17 --until 2027-03-17
expect_out "One bar a week for 1 week:" "one week, not 1 weeks"

# Over two years of sessions: year-month labels, no dot a session, the
# latest 300 sessions listed.
k=0
while [ $k -lt 10 ]; do
	"$TOP_BUILDDIR/tests/seed_history" "$T/long.db" $((NOW - k * 84 * 86400)) \
		swedish-basics "Swedish basics for the low back" note >/dev/null ||
		fail "seeding $k"
	k=$((k + 1))
done
BACKCARE_DB="$T/long.db" bc_run report --format html
n=$(printf '%s\n' "$OUT" | grep -c '<circle cx=')
[ "$n" -le 2 ] && pass "no dot a session over two years ($n: the key)" || fail "$n dots"
expect_out 'y="181.0">2025-0' "year-month labels under the pain chart"
expect_no_out '>03-15</text>' "no month-day labels"
expect_out "30 earlier sessions are left out of this printout" "the long list cut"
n=$(printf '%s\n' "$OUT" | grep -c ', completed, pain')
[ "$n" -le 300 ] && pass "at most 300 sessions listed ($n)" || fail "$n sessions listed"

# `today` in a start-up file creates nothing.
BACKCARE_DB="$T/none/p.db" bc_run today
expect_status 0 "today without a progress file"
[ "$OUT" = "backcare: safety check due" ] && pass "says the check is due" ||
	fail "today: $OUT"
[ ! -e "$T/none" ] && pass "no folder made" || fail "made $T/none"

bc_done
