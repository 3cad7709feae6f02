#!/bin/bash
# bench_show.sh: `backcare show` against `cmark -t html` on the same files,
# in the same run: 1 MB and 10 MB of lesson-like prose and of the CommonMark
# spec examples.
#
#  - whole-process times (a new process each run: start-up, reading, parsing
#    and writing included), the first run ("cold", just after the file was
#    written) beside the median of RUNS, and beside the warm in-process
#    figure (the same work repeated inside one process, bench_open -p);
#  - instruction counts (callgrind, whole processes), which do not move
#    with a busy machine, and their ratio to cmark;
#  - peak memory on 1 MB, on 1 MB of prose with link reference definitions
#    and references to them (some before, some after), and on a 32 MiB
#    lesson (the size limit), in bytes per input byte over start-up;
#  - the time to open and re-wrap each built-in lesson, as the viewer does.
#
# usage: bench/bench_show.sh [BUILD_DIR]   (run from the source tree after
# make; BUILD_DIR defaults to the source tree).  Exits 1 when a target is
# missed: show within 1.2x cmark's time at 10 MB of prose (2x on the spec
# examples, whose link definitions take a first pass of their own), within
# 1.1x its instructions on 1 MB of prose, at most 4 bytes of memory per
# input byte of lessons.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC}" && pwd)
BC="$BUILD/src/backcare"
SPEC=${SPEC:-/work/shared/bench/commonmark-spec-examples.md}
[ -f "$SPEC" ] || SPEC="$SRC/tests/fixtures/commonmark-spec-examples.md"
RUNS=${RUNS:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

command -v cmark >/dev/null || { echo "cmark is not installed (apt install cmark)"; exit 77; }
[ -x "$BC" ] || { echo "build first: $BC is missing"; exit 1; }

LESSONS="$SRC/content/lessons"
ls "$LESSONS"/*.md >/dev/null 2>&1 || LESSONS="$SRC/tests/fixtures/lessons/good/lessons"

# grow OUT SIZE FILE...: concatenates FILE... (blank line between) until
# OUT holds at least SIZE bytes.
grow() {
	local out=$1 size=$2 f
	shift 2
	: >"$out"
	while [ "$(stat -c %s "$out")" -lt "$size" ]; do
		for f in "$@"; do cat "$f"; printf '\n\n'; done >>"$out"
	done
}

# one_time CMD...: the wall time of one run, in seconds.
one_time() {
	local t
	t=$( { TIMEFORMAT=%R; time "$@" >/dev/null 2>&1; } 2>&1 )
	echo "$t"
}

# median_time CMD...: the median wall time of RUNS runs, in seconds.
median_time() {
	local i
	for i in $(seq "$RUNS"); do one_time "$@"; done |
	    sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

peak_kb() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}

# instructions CMD...: the instructions a whole process executes.
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 >/dev/null | sed -n 's/.*Collected : *//p'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 0.001; printf "%.2f", a / b }'; }

grow "$TMP/prose-1m.md" 1000000 "$LESSONS"/*.md
grow "$TMP/prose-10m.md" 10000000 "$TMP/prose-1m.md"
# Every 40th paragraph uses references; every other such place defines
# some, used before and after.
awk '{ print } /^$/ && ++n % 40 == 0 { k = n / 40
	printf "See [the notes][n%d] and [Guide %d], or [n%d][].\n\n", k, k, k - 3
	if (k % 2) printf "[n%d]: https://example.org/notes/%d \"Notes %d\"\n" \
	    "[guide %d]: </guide %d>\n\n", k - 5, k, k, k - 7, k }' \
    "$TMP/prose-1m.md" >"$TMP/refs-1m.md"
grow "$TMP/spec-1m.md" 1000000 "$SPEC"
grow "$TMP/spec-10m.md" 10000000 "$TMP/spec-1m.md"
grow "$TMP/prose-32m.md" 33000000 "$TMP/prose-10m.md"
head -c 33554432 "$TMP/prose-32m.md" >"$TMP/lesson-32m.md"
printf 'a\n' >"$TMP/tiny.md"

cc -O2 -I"$SRC/src" -I"$BUILD" "$SRC/bench/bench_open.c" "$BUILD/src/libbcpure.a" \
    $(pkg-config --cflags --libs libcmark) -o "$TMP/bench_open"

fail=0
echo "backcare show (--width 80) vs cmark -t html, same files, $(date -u +%Y-%m-%d)"
echo "lesson-like input: $LESSONS/*.md; spec input: $(basename "$SPEC")"
echo
echo "Whole process, seconds: the first (cold) run and the median of $RUNS; warm: in one process"
printf '%-10s %9s %11s %11s %12s %12s %7s %9s\n' input bytes "cmark cold" "show cold" \
    "cmark median" "show median" ratio "show warm"
for kind in prose spec; do
	for size in 1m 10m; do
		f="$TMP/$kind-$size.md"
		cc1=$(one_time cmark -t html "$f")
		sc1=$(one_time "$BC" --width 80 show "$f")
		c=$(median_time cmark -t html "$f")
		s=$(median_time "$BC" --width 80 show "$f")
		warm=$("$TMP/bench_open" -p "$f")
		eval "t_${kind}_$size=$s"
		r=$(ratio "$s" "$c")
		printf '%-10s %9d %11s %11s %12s %12s %7s %9s\n' "$kind-$size" \
		    "$(stat -c %s "$f")" "$cc1" "$sc1" "$c" "$s" "$r" "$warm"
		# The targets are for 10 MB; at 1 MB a run lasts milliseconds.
		# The spec examples have link definitions, so each chunk is
		# parsed twice (see layout_plain.c).
		limit=1.2
		[ "$kind" = spec ] && limit=2
		[ "$size" = 10m ] && awk -v r="$r" -v l="$limit" 'BEGIN { exit !(r > l) }' &&
		    { echo "  over ${limit}x cmark"; fail=1; }
	done
done
for kind in prose spec; do
	eval "a=\$t_${kind}_1m b=\$t_${kind}_10m"
	r=$(ratio "$b" "$a")
	echo "linearity $kind: 10 MB takes ${r}x of 1 MB (target <= 12)"
	awk -v r="$r" 'BEGIN { exit !(r > 12) }' && fail=1
done

echo
if command -v valgrind >/dev/null; then
	echo "Instructions, whole processes (callgrind)"
	printf '%-10s %14s %14s %7s\n' input cmark show ratio
	for kind in prose refs spec; do
		f="$TMP/$kind-1m.md"
		c=$(instructions cmark -t html "$f")
		s=$(instructions "$BC" --width 80 show "$f")
		r=$(ratio "${s//,/}" "${c//,/}")
		printf '%-10s %14s %14s %7s\n' "$kind-1m" "$c" "$s" "$r"
		[ "$kind" = prose ] && awk -v r="$r" 'BEGIN { exit !(r > 1.1) }' &&
		    { echo "  over 1.1x cmark's instructions"; fail=1; }
	done
else
	echo "Instructions: valgrind is not installed"
fi

echo
echo "Peak memory (max RSS), KB, and bytes per input byte over start-up (a one-line file)"
base_s=$(peak_kb "$BC" --width 80 show "$TMP/tiny.md")
base_c=$(peak_kb cmark -t html "$TMP/tiny.md")
printf '%-10s %9s %10s %10s %11s %11s\n' input bytes "cmark KB" "show KB" "cmark B/B" "show B/B"
printf '%-10s %9d %10s %10s %11s %11s\n' start-up 2 "$base_c" "$base_s" - -
for f in prose-1m refs-1m spec-1m lesson-32m; do
	bytes=$(stat -c %s "$TMP/$f.md")
	kc=$(peak_kb cmark -t html "$TMP/$f.md")
	ks=$(peak_kb "$BC" --width 80 show "$TMP/$f.md")
	pc=$(awk -v k="$kc" -v z="$base_c" -v b="$bytes" 'BEGIN { printf "%.1f", (k - z) * 1024 / b }')
	ps=$(awk -v k="$ks" -v z="$base_s" -v b="$bytes" 'BEGIN { printf "%.1f", (k - z) * 1024 / b }')
	printf '%-10s %9d %10s %10s %11s %11s\n' "$f" "$bytes" "$kc" "$ks" "$pc" "$ps"
	# The 4-byte target is for lessons; the spec's dense blocks take
	# cmark 31 bytes per byte, show about 4.
	[ "$f" != spec-1m ] && awk -v p="$ps" 'BEGIN { exit !(p > 4) }' &&
	    { echo "  over 4 bytes per input byte"; fail=1; }
done

echo
# Opening and re-wrapping each lesson, as the viewer does (warm, in-process).
"$TMP/bench_open" "$LESSONS"/*.md | sed "s|$SRC/||" || fail=1
exit $fail
