#!/bin/sh
# bench/bench_progress.sh: the report and the progress view on long
# histories, warm and cold.
#
# Builds bench/bench_progress and src/backcare, fills two progress files
# through the store's own code (ten years of daily use, 7,344 sessions;
# and the same ten years with 17 times the sessions before the last
# year, about 110,000), then prints:
# - warm, in-process medians on the ten-year file (bench_progress --warm);
# - cold, whole-process medians of each command beside a reference run in
#   turn with it (sqlite3 count(*) on the same file, or sqlite3 :memory:
#   'select 1' for the commands that read little), and the median of the
#   pairs' ratios (bench_progress --cold);
# - instruction counts (valgrind's callgrind, when installed) beside the
#   times: they do not move with a busy machine.
# Goals (issue 17): report within 2x of count(*); the progress view's reads
# under 25 ms cold; with 110k sessions the view and `report --since` of 12
# weeks within 1.3x of the ten-year figures; lessons, routines and
# screen --status within 1.3x of sqlite3 :memory:.
# Usage, from the build tree: bench/bench_progress.sh [RUNS]  (default 21;
# the output is also written to bench/bench_progress.out, not tracked).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
runs=${1:-21}
make -s src/backcare bench/bench_progress >/dev/null
bp=./bench/bench_progress
bc=./src/backcare
dir=$(mktemp -d /tmp/bench_progress.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir "$dir/ten" "$dir/big"
ten="$dir/ten/progress.db"
big="$dir/big/progress.db"
since=$(date -d '-12 weeks' +%Y-%m-%d 2>/dev/null || date -v-12w +%Y-%m-%d)

# cold LABEL REFERENCE... -- COMMAND...: one row of medians.
cold() {
	label=$1
	shift
	set -- $("$bp" --cold "$runs" "$@")
	printf '  %-40s %8s %8s %7sx\n' "$label" "$1" "$2" "$3"
}

# ir COMMAND...: the instructions it executes, in millions, or "-".
ir() {
	if ! command -v valgrind >/dev/null 2>&1; then
		echo -
		return
	fi
	valgrind --tool=callgrind --callgrind-out-file="$dir/cg" "$@" \
	    >/dev/null 2>&1 || { echo -; return; }
	callgrind_annotate "$dir/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {
	    gsub(",", "", $1); printf "%.1f\n", $1 / 1e6 }'
}

# irrow LABEL REFERENCE... -- COMMAND...: instructions and their ratio.
irrow() {
	label=$1
	shift
	ref=""
	while [ "$1" != "--" ]; do ref="$ref '$1'"; shift; done
	shift
	a=$(ir "$@")
	b=$(eval ir "$ref")
	printf '  %-40s %8s %8s %7sx\n' "$label" "$a" "$b" \
	    "$(awk -v a="$a" -v b="$b" 'BEGIN { if (b + 0 > 0 && a != "-")
	    printf "%.2f", a / b; else print "-" }')"
}

{
echo "$(date -u +%Y-%m-%d), $(uname -m), $(nproc) CPUs, SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')"
echo "ten years:  $("$bp" --fill-only "$dir/ten")"
echo "110k:       $("$bp" --scale 17 --fill-only "$dir/big")"
echo
"$bp" --warm "$ten"
echo
echo "cold, whole process, median of $runs runs each, in turn with the reference:"
echo "                                           command  reference   ratio (ms)"
cold "reference: count(*), ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- sqlite3 "$ten" 'SELECT count(*) FROM sessions'
cold "report, ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bc" --db "$ten" report
cold "report --since 12 weeks, ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bc" --db "$ten" report --since "$since"
cold "report --since 12 weeks, 110k" sqlite3 "$big" 'SELECT count(*) FROM sessions' -- "$bc" --db "$big" report --since "$since"
cold "progress view reads, ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bp" --once view "$ten"
cold "progress view reads, 110k" sqlite3 "$big" 'SELECT count(*) FROM sessions' -- "$bp" --once view "$big"
cold "  (whole history, as before), ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bp" --once whole "$ten"
cold "lessons" sqlite3 :memory: 'select 1' -- "$bc" --db "$ten" lessons
cold "routines" sqlite3 :memory: 'select 1' -- "$bc" --db "$ten" routines
cold "screen --status" sqlite3 :memory: 'select 1' -- "$bc" --db "$ten" screen --status
echo
echo "instructions (callgrind), millions:"
echo "                                           command  reference   ratio"
irrow "report, ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bc" --db "$ten" report
irrow "report --since 12 weeks, ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bc" --db "$ten" report --since "$since"
irrow "report --since 12 weeks, 110k" sqlite3 "$big" 'SELECT count(*) FROM sessions' -- "$bc" --db "$big" report --since "$since"
irrow "progress view reads, ten years" sqlite3 "$ten" 'SELECT count(*) FROM sessions' -- "$bp" --once view "$ten"
irrow "progress view reads, 110k" sqlite3 "$big" 'SELECT count(*) FROM sessions' -- "$bp" --once view "$big"
irrow "lessons" sqlite3 :memory: 'select 1' -- "$bc" --db "$ten" lessons
irrow "routines" sqlite3 :memory: 'select 1' -- "$bc" --db "$ten" routines
irrow "screen --status" sqlite3 :memory: 'select 1' -- "$bc" --db "$ten" screen --status
} | tee bench/bench_progress.out
