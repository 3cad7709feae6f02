#!/bin/sh
# Hostile Markdown in linear time: the kinds of input cmark's own
# pathological tests use (test/pathological_tests.py), each sized so that a
# quadratic path would take seconds, through `show` (the lesson layout),
# `check` (the lesson parser), and plan notes through `report` in text and
# Markdown.  Each must finish within 3x (8x built with sanitizers) the
# time `cmark -t html` takes on the same input, plus backcare's own
# start-up (the same command on a tiny input: a locale, content folders, a
# database) and 20 ms of jitter; every time is the best of five runs, and
# a miss is measured again twice before it counts.
. "$TOP_SRCDIR/tests/lib.sh"

# Not under make check-valgrind: a timing test would time valgrind; the
# sanitizer run gives these inputs to the memory checks.
[ -z "${BC_VALGRIND:-}" ] || skip_all "not under valgrind"

command -v cmark >/dev/null || skip_all "cmark (the command) is not installed"

# rep S N: S repeated N times.
rep() { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s; }'; }

# gen NAME: the pathological input NAME on stdout.
gen() {
	case $1 in
	nested-strong-emph) rep '*a **a ' 30000; printf b; rep ' a** a*' 30000; echo ;;
	emph-closers) rep 'a_ ' 100000; echo ;;
	emph-openers) rep '_a ' 100000; echo ;;
	link-closers) rep 'a]' 100000; echo ;;
	link-openers) rep '[a' 100000; echo ;;
	mismatched-openers) rep '*a_ ' 100000; echo ;;
	closers-mult-of-3) printf 'a**b'; rep 'c* ' 100000; echo ;;
	link-openers-emph-closers) rep '[ a_' 100000; echo ;;
	paren-links) rep '[ (](a) ' 100000; echo ;;
	nested-brackets) rep '[' 50000; printf a; rep ']' 50000; echo ;;
	brackets) rep '[' 100000; echo ;;
	nested-quotes) rep '> ' 50000; echo a ;;
	nested-list-markers) rep '- ' 100000; echo x ;;
	nested-ordered-markers) rep '1. ' 60000; echo x ;;
	nested-lists) awk 'BEGIN { for (i = 0; i < 1000; i++) {
		for (j = 0; j < i; j++) printf "  "; print "* a" } }' ;;
	backticks) awk 'BEGIN { for (i = 1; i < 2000; i++) {
		printf "e"; for (j = 0; j < i; j++) printf "`" } print "" }' ;;
	unclosed-links-a) rep '[a](<b' 100000; echo ;;
	unclosed-links-b) rep '[a](b' 100000; echo ;;
	html-comments) printf '</'; rep '<!--' 100000; echo ;;
	long-word) rep a 800000; echo ;;
	long-word-utf8) rep "é" 300000; echo ;;
	long-word-utf8-control) rep "é" 300000; printf "\001"; echo ;;
	many-words) rep 'ab ' 300000; echo ;;
	many-lines) rep 'a
' 300000 ;;
	ref-defs) awk 'BEGIN { for (i = 0; i < 50000; i++)
		printf "[a%d]: /u%d\n", i, i;
		for (i = 0; i < 50000; i++) printf "[a%d] ", i; print "" }' ;;
	dup-headings) echo '# T'; rep '## a
' 20000 ;;
	anchor-links) echo '# T'; awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "## h%d\n", i; for (i = 0; i < 20000; i++)
		printf "[x](#h%d) ", i; print "" }' ;;
	nul-bytes) rep 'a\0b ' 100000; echo ;;
	control-bytes) rep 'a\033]52;c;x\007 ' 50000; echo ;;
	*) return 1 ;;
	esac
}

CASES="nested-strong-emph emph-closers emph-openers link-closers link-openers
mismatched-openers closers-mult-of-3 link-openers-emph-closers paren-links
nested-brackets brackets nested-quotes nested-list-markers
nested-ordered-markers nested-lists backticks unclosed-links-a
unclosed-links-b html-comments long-word long-word-utf8 long-word-utf8-control
many-words
many-lines ref-defs dup-headings anchor-links nul-bytes control-bytes"
# Plan notes carry these through `report` (plans are limited to 4 MiB).
NOTE_CASES="long-word brackets nested-list-markers link-openers many-words
control-bytes"

# ms CMD...: the best wall time of five runs of CMD, in milliseconds.
ms() {
	best=
	for _ in 1 2 3 4 5; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		t=$(( (e - s) / 1000000 ))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

# The bound: 3x cmark.  Built with AddressSanitizer every allocation and
# access costs more than in the cmark it is measured against, so the
# bound is 8x there: still far below what a quadratic path takes (the
# sizes here make one take seconds, 100x and more).
FACTOR=3
[ "${BC_SANITIZERS:-no}" = yes ] && FACTOR=8

# bounded NAME WHAT BASE_MS REF_FILE CMD...: times CMD against
# `cmark -t html REF_FILE`, measured in turn with it.  A miss is measured
# twice more before it fails: a busy machine makes a run miss once, a
# quadratic path misses every time.
bounded() {
	name=$1 what=$2 base=$3 reffile=$4
	shift 4
	for attempt in 1 2 3; do
		ref=$(ms cmark -t html "$reffile")
		ours=$(ms "$@")
		limit=$(( FACTOR * ref + base + 20 ))
		if [ "$ours" -le "$limit" ]; then
			pass "$name: $what in $ours ms (cmark $ref ms, start-up $base ms, limit $limit ms${attempt#1}${attempt#1:+ at the $attempt. try})"
			return
		fi
		echo "# $name: $what took $ours ms (cmark $ref ms, limit $limit ms), try $attempt"
	done
	fail "$name: $what took $ours ms, over ${FACTOR}x cmark's $ref ms (start-up $base ms, limit $limit ms), three times"
}

mkdir -p "$T/lessons"
printf 'a\n' >"$T/tiny.md"
base_show=$(ms "$BACKCARE" --width 80 show "$T/tiny.md")
base_check=$(ms "$BACKCARE" check "$T/tiny.md")
for c in $CASES; do
	gen "$c" >"$T/lessons/$c.md" || { fail "$c: no generator"; continue; }
	f="$T/lessons/$c.md"
	bounded "$c" show "$base_show" "$f" "$BACKCARE" --width 80 show "$f"
	bounded "$c" "show --width 20" "$base_show" "$f" "$BACKCARE" --width 20 show "$f"
	bounded "$c" check "$base_check" "$f" "$BACKCARE" check "$f"
done
# show still prints what it is given: the deepest item's text is there.
bc_run --width 80 show "$T/lessons/nested-list-markers.md"
expect_status 0 "100,000 nested list markers shown"
expect_out "x" "the innermost text is shown"

export BACKCARE_TEST_NOW=1796472000
printf '# Tiny\n\n- from: 2026-12-01\n- until: 2026-12-28\n\n## Notes\na\n' >"$T/plan-tiny.md"
bc_run --db "$T/tiny.db" plan import "$T/plan-tiny.md"
base_report=$(ms "$BACKCARE" --db "$T/tiny.db" report)
for c in $NOTE_CASES; do
	{
		printf '# Notes: %s\n\n- from: 2026-12-01\n- until: 2026-12-28\n\n' "$c"
		printf '## Routines\n- swedish-basics: 3 per week\n\n## Notes\n'
		gen "$c"
	} >"$T/plan-$c.md"
	gen "$c" >"$T/note-$c.md"
	bc_run --db "$T/$c.db" plan import "$T/plan-$c.md"
	expect_status 0 "$c: the plan is imported"
	f="$T/note-$c.md"
	bounded "$c" "report (plan notes)" "$base_report" "$f" "$BACKCARE" --db "$T/$c.db" report
	bounded "$c" "report --format markdown (plan notes)" "$base_report" "$f" "$BACKCARE" --db "$T/$c.db" report --format markdown
done

bc_done
