#!/bin/bash
# fuzz/run.sh: builds every fuzz/fuzz_*.c target with libFuzzer, ASan and
# UBSan, and runs each for SECONDS (default 60) seeded from the built-in
# content, the CommonMark spec examples and fuzz/seeds/ (plans).  Every
# crash found is kept in fuzz/regressions/TARGET/ and replayed first on
# every run (CI runs every target for a minute).
#
#   fuzz/run.sh [SECONDS] [TARGET...]      e.g. fuzz/run.sh 600 layout
#   make fuzz FUZZ_SECONDS=600
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
shift || true
work=${FUZZ_WORK:-$top/fuzz/work}
cc=${FUZZ_CC:-clang}
command -v "$cc" >/dev/null || { echo "fuzz: $cc is not installed (apt-get install clang)"; exit 77; }
mkdir -p "$work"

# The pure modules: everything but the program's edges (commands,
# screens, the store and the code that drives them).
pure=()
for f in "$top"/src/*.c; do
	case $(basename "$f") in
	main.c|app.c|cmd*.c|ui*.c|store*.c|session*.c|recheck.c|checkflow.c|movement_due.c|printout.c) ;;
	*) pure+=("$f") ;;
	esac
done
printf '#define PACKAGE_VERSION "fuzz"\n#define _GNU_SOURCE 1\n' >"$work/config.h"
cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I$work -I$top/src $(pkg-config --cflags libcmark)"
libs="$(pkg-config --libs libcmark)"

# Seeds: content files whole, and the spec examples one per file.
seeds="$work/seeds"
if [ ! -d "$seeds" ]; then
	mkdir -p "$seeds"
	find "$top/content" -name '*.md' -exec cp {} "$seeds/" \; 2>/dev/null || true
	spec="$top/../shared/bench/commonmark-spec-examples.md"
	[ -f "$spec" ] && awk -v d="$seeds" 'BEGIN{n=0; f=sprintf("%s/spec%04d.md", d, n)}
		/^$/ {n++; f=sprintf("%s/spec%04d.md", d, n); next} {print > f}' "$spec"
	find "$top/tests/fixtures" -type f -exec cp {} "$seeds/" \; 2>/dev/null || true
	# Files no content folder holds (plans), written as seeds.
	cp "$top"/fuzz/seeds/* "$seeds/" 2>/dev/null || true
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in "$top"/fuzz/fuzz_*.c; do
		[ -e "$f" ] || continue
		t=$(basename "$f" .c); targets+=("${t#fuzz_}")
	done
fi
status=0
for t in "${targets[@]}"; do
	bin="$work/fuzz_$t"
	echo "== fuzz $t: building"
	# shellcheck disable=SC2086
	$cc $cflags -o "$bin" "$top/fuzz/fuzz_$t.c" "${pure[@]}" $libs
	reg="$top/fuzz/regressions/$t"
	mkdir -p "$reg" "$work/corpus_$t"
	if ls "$reg"/* >/dev/null 2>&1; then
		echo "== fuzz $t: replaying $(ls "$reg" | wc -l) regression inputs"
		"$bin" -runs=0 "$reg"/* >/dev/null 2>"$work/replay_$t.log" || { cat "$work/replay_$t.log"; status=1; }
	fi
	echo "== fuzz $t: $secs s"
	if ! "$bin" -max_total_time="$secs" -max_len=1048576 -rss_limit_mb=2048 \
	    -artifact_prefix="$reg/" -print_final_stats=1 \
	    "$work/corpus_$t" "$seeds" >"$work/fuzz_$t.log" 2>&1; then
		echo "== fuzz $t: CRASH (kept in $reg)"
		tail -n 40 "$work/fuzz_$t.log"
		status=1
	fi
	grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$work/fuzz_$t.log" | tail -2
done
exit $status
