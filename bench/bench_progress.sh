#!/bin/sh
# bench/bench_progress.sh: builds bench/bench_progress and runs it: ten
# years of daily use in a progress file made by the store's own code, then
# the median times of the report and progress queries beside a plain
# count(*), and the file's size.
# Targets: report and each progress query < 20 ms, the last 12 weeks < 2 ms,
# the file < 20 MB.  Usage: bench/bench_progress.sh (from the build tree;
# the output is kept in bench/bench_progress.out).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
make -s bench/bench_progress >/dev/null
echo "$(date -u +%Y-%m-%d), $(uname -m), $(nproc) CPUs, SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')"
./bench/bench_progress
