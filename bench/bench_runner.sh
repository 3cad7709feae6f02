#!/bin/bash
# bench/bench_runner.sh: CPU used by a 60-second countdown, plain and on
# the screen, and how often the screen runner wakes up.
# Target: under 0.02 s of CPU per minute of countdown; at most one wake-up
# per displayed second.  Usage: bench/bench_runner.sh [path/to/backcare]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bc=${1:-$top/src/backcare}
work=$(mktemp -d)
trap 'tmux -S "$work/s" kill-server 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/c/routines"
cat >"$work/c/routines/minute.md" <<'EOR'
# One minute

A single 60-second hold, for measuring.

## Hold

- hold: 60s
- stroke: compression
- region: glutes
- pressure: medium

Hold.
EOR
export HOME="$work" BACKCARE_DB="$work/p.db"
printf 'age=40\nweeks=2\n' | "$bc" screen --answers - >/dev/null

echo "backcare runner CPU, 60-second countdown ($(date -u +%Y-%m-%d))"
# Plain: whole-process user+system CPU.
/usr/bin/time -f '%U %S' -o "$work/time" "$bc" --content-dir "$work/c" run minute --plain </dev/null >/dev/null
read -r u s <"$work/time"
plain=$(echo "$u + $s" | bc -l 2>/dev/null || awk "BEGIN{print $u + $s}")
echo "plain run:        cpu $(awk "BEGIN{printf \"%.3f\", $u + $s}") s per minute (user $u, sys $s)"

# Screen: CPU of the process over the countdown, from /proc, and its
# ppoll() wake-ups counted by strace over 30 seconds.
tmux -S "$work/s" -f /dev/null new-session -d -x 80 -y 24 \
    "env HOME=$work BACKCARE_DB=$work/p.db TERM=screen-256color LANG=C.UTF-8 $bc --content-dir $work/c --no-bell"
wait_for() { for _ in $(seq 1 200); do tmux -S "$work/s" capture-pane -p | grep -qF "$1" && return 0; sleep 0.05; done; return 1; }
wait_for "Welcome" && tmux -S "$work/s" send-keys Enter
wait_for "1  Lessons" && tmux -S "$work/s" send-keys Down Down Enter
wait_for "One minute" && {
	# Chosen by its number; Enter shows its preview, Enter again starts.
	n=$(tmux -S "$work/s" capture-pane -p | grep "One minute" | head -1 | sed 's/^ *\([0-9]*\) .*/\1/')
	tmux -S "$work/s" send-keys -l "$n"
	tmux -S "$work/s" send-keys Enter
}
wait_for "Enter start  Down read on" && tmux -S "$work/s" send-keys Enter
wait_for "how much does" && tmux -S "$work/s" send-keys Enter
wait_for "Step 1 of 1: Hold"
pane=$(tmux -S "$work/s" list-panes -F '#{pane_pid}')
pid=$(pgrep -P "$pane" | head -1)
[ -n "$pid" ] || pid=$pane
ticks=$(getconf CLK_TCK)
t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
timeout 30 strace -qq -p "$pid" -e trace=ppoll -o "$work/polls" 2>/dev/null
wait_for "Finished. How much"
t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
# A wake-up is a ppoll() that slept (a timeout other than zero) and ended.
polls=$(grep '^ppoll' "$work/polls" 2>/dev/null | grep -vc 'tv_sec=0, tv_nsec=0}' || true)
zero=$(grep '^ppoll' "$work/polls" 2>/dev/null | grep -c 'tv_sec=0, tv_nsec=0}' || true)
echo "screen run:       cpu $(awk "BEGIN{printf \"%.3f\", ($t1 - $t0) / $ticks}") s per minute (clock ticks of $((1000 / ticks)) ms)"
echo "screen wake-ups:  $polls sleeping ppoll() calls in 30 s of countdown (target <= 31), $zero non-blocking"
