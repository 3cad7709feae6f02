#!/bin/bash
# bench_show.sh: `backcare show` against `cmark -t html` on 1 MB and 10 MB
# of lesson-like prose and of the CommonMark spec examples; peak memory;
# and the time to open and re-wrap each built-in lesson.
#
# usage: bench/bench_show.sh [BUILD_DIR]   (run from the source tree after
# make; BUILD_DIR defaults to the source tree).  Output: bench_show.out.
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

# median_time CMD...: the median wall time of RUNS runs, in seconds.
median_time() {
	local i t
	for i in $(seq "$RUNS"); do
		t=$( { TIMEFORMAT=%R; time "$@" >/dev/null 2>&1; } 2>&1 )
		echo "$t"
	done | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

peak_kb() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 0.001; printf "%.2f", a / b }'; }

grow "$TMP/prose-1m.md" 1000000 "$LESSONS"/*.md
grow "$TMP/prose-10m.md" 10000000 "$TMP/prose-1m.md"
grow "$TMP/spec-1m.md" 1000000 "$SPEC"
grow "$TMP/spec-10m.md" 10000000 "$TMP/spec-1m.md"

echo "backcare show vs cmark -t html: median of $RUNS runs, seconds ($(date -u +%Y-%m-%d))"
echo "lesson-like input: $LESSONS/*.md; spec input: $(basename "$SPEC")"
printf '%-14s %9s %9s %9s %7s %12s\n' input bytes cmark show ratio "show B/byte"
fail=0
for kind in prose spec; do
	for size in 1m 10m; do
		f="$TMP/$kind-$size.md"
		c=$(median_time cmark -t html "$f")
		s=$(median_time "$BC" show "$f" --width 80)
		eval "t_${kind}_$size=$s"
		kb=$(peak_kb "$BC" show "$f" --width 80)
		bytes=$(stat -c %s "$f")
		per=$(awk -v k="$kb" -v b="$bytes" 'BEGIN { printf "%.1f", k * 1024 / b }')
		r=$(ratio "$s" "$c")
		printf '%-14s %9d %9s %9s %7s %12s\n' "$kind-$size" "$bytes" "$c" "$s" "$r" "$per"
		# The 1.2x target is for 10 MB; at 1 MB a run lasts milliseconds.
		[ "$size" = 10m ] && awk -v r="$r" 'BEGIN { exit !(r > 1.2) }' &&
		    { echo "  over 1.2x cmark"; fail=1; }
		awk -v p="$per" 'BEGIN { exit !(p >= 25) }' && { echo "  over 25 bytes per input byte"; fail=1; }
	done
done
for kind in prose spec; do
	eval "a=\$t_${kind}_1m b=\$t_${kind}_10m"
	r=$(ratio "$b" "$a")
	echo "linearity $kind: 10 MB takes ${r}x of 1 MB (target <= 12)"
	awk -v r="$r" 'BEGIN { exit !(r > 12) }' && fail=1
done

# Opening and re-wrapping each lesson, as the viewer does.
cc -O2 -I"$SRC/src" -I"$BUILD" "$SRC/bench/bench_open.c" "$BUILD/src/libbcpure.a" \
    $(pkg-config --cflags --libs libcmark) -o "$TMP/bench_open"
"$TMP/bench_open" "$LESSONS"/*.md | sed "s|$SRC/||" || fail=1
exit $fail
