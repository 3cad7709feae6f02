#!/bin/sh
# The progress file under stress (issue 12): commands that only read create
# nothing; damage inside the file is found by SQLite's own checks and
# nothing is written into it; one process runs a session at a time;
# exports carry no formulas, raw controls or bytes that are not UTF-8; a
# full disk during a run closes the session as partial and says what was
# kept.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 (the command) is not installed"
q() { sqlite3 "$BACKCARE_DB" "$1"; }
now=1800000000
printf 'age=40\nweeks=2\n' >"$T/answers"

# ---- 8. commands that only read create nothing -------------------------
for cmd in info lessons report "plan show" "screen --status" "export --format json" "export --format csv"; do
	bc_run --db "$T/nowhere/sub/progress.db" $cmd
	if [ -e "$T/nowhere" ]; then
		fail "$cmd: created $(find "$T/nowhere" | head -3)"
		rm -rf "$T/nowhere"
	else
		pass "$cmd with a --db that does not exist creates nothing"
	fi
done
bc_run --db "$T/nowhere/progress.db" info
expect_status 0 "info with no progress file yet"
expect_out "none yet" "info says there is no progress file yet"
bc_run --db "$T/nowhere/progress.db" report
expect_status 0 "report with no progress file yet"
bc_run --db "$T/nowhere/progress.db" export --format json
expect_status 1 "export with no progress file yet refuses"
expect_err "no progress file yet" "export says why"

# ---- 6. damage inside the file ------------------------------------------
bc_make_db
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
   INSERT INTO sessions (routine_id, routine_title, mode, started_at, state)
   SELECT 'r', 'title ' || i, 'plain', $now + i, 'completed' FROM n;
   PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
bc_run info
expect_status 0 "info on a whole file"
expect_out "integrity	ok" "info says the file is whole"
pages=$(( $(stat -c %s "$BACKCARE_DB") / 4096 ))
head -c 16384 /dev/urandom | dd of="$BACKCARE_DB" bs=4096 seek=$((pages / 2)) conv=notrunc 2>/dev/null
cp "$BACKCARE_DB" "$T/damaged.copy"
unchanged() {
	if cmp -s "$BACKCARE_DB" "$T/damaged.copy"; then pass "$1: the file is byte for byte as it was"
	else fail "$1: the damaged file was changed"; fi
}
bc_run info
expect_status 1 "info on a file damaged inside"
expect_out "integrity	DAMAGED" "info says what it found"
expect_err "the progress file is damaged" "info explains"
expect_err "DAMAGED FILES in backcare(1)" "info points to the manual"
expect_one_line_err "info on a damaged file"
unchanged "info"
bc_run export --format json
expect_status 1 "export of a damaged file"
expect_err "damaged" "export says the file is damaged"
[ -z "$OUT" ] && pass "export printed no rows (no null rows)" || fail "export printed: $(printf '%s' "$OUT" | head -c 200)"
unchanged "export"
BC_STDIN="$T/answers" bc_run screen --answers -
expect_status 1 "a safety check into a damaged file"
expect_err "damaged" "the check is refused as damaged"
expect_err "nothing was written" "it says nothing was written"
unchanged "screen --answers"
printf '# P\n\n- from: 2026-12-01\n- until: 2026-12-28\n' >"$T/p.md"
bc_run plan import "$T/p.md"
expect_status 1 "a plan into a damaged file"
unchanged "plan import"
mv "$BACKCARE_DB" "$T/damaged.db"
rm -f "$BACKCARE_DB-wal" "$BACKCARE_DB-shm"

# ---- 2. one process runs a session at a time ----------------------------
C="$T/content"
mkdir -p "$C/routines"
step() { printf '## %s\n\n- duration: %s\n- stroke: effleurage\n- region: hips\n- position: sitting\n- pressure: light\n\nGlide.\n\n' "$1" "$2"; }
{ printf '# Slow\n\nFor the lease tests.\n\n'; step One 1s; step Two 1s; step Three 30s; step Four 1s; } >"$C/routines/slow.md"
bc_make_db
BACKCARE_TEST_NOW=$now BC_STDIN="$T/answers" bc_run screen --answers -
BACKCARE_TEST_NOW=$((now + 60)) "$BACKCARE" --content-dir "$C" run slow --plain </dev/null >"$T/a.out" 2>&1 &
a=$!
i=0; while ! grep -q "step 3/4" "$T/a.out" && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
sid=$(q "SELECT max(id) FROM sessions")
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$C" run slow --plain --resume
expect_status 1 "--resume of a session another process runs"
expect_err "session $sid is running in another copy of backcare (process $a)" "the message names the session and the process"
expect_one_line_err "--resume of a live session"
[ "$(q "SELECT count(*) FROM sessions")" = 1 ] && pass "no second session was started" || fail "sessions: $(q 'SELECT id, state FROM sessions')"
[ "$(q "SELECT state FROM sessions WHERE id = $sid")" = running ] && pass "the live session is left running" || fail "the live session was closed"
# A run without --resume leaves the live session alone too.
printf '# Quick\n\nx\n\n' >"$C/routines/quick.md"; step One 1s >>"$C/routines/quick.md"
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$C" run quick --plain
expect_status 0 "another routine meanwhile"
[ "$(q "SELECT state FROM sessions WHERE id = $sid")" = running ] && pass "the other run did not close the live session" || fail "the live session was closed by another run"
# A step written for the session by another process is refused.
q "INSERT INTO steps (session_id, pos, step_index, planned_s, done_s, state, at) VALUES ($sid, 0, 0, 1, 1, 'done', 0)" 2>"$T/sqlerr"
grep -q "UNIQUE" "$T/sqlerr" && pass "a second step at the same position is refused (UNIQUE)" || fail "duplicate position accepted: $(cat "$T/sqlerr")"
# The owner crashes: the session is given up, and --resume takes it.
kill -9 $a; wait $a 2>/dev/null
{ printf '# Slow\n\nFor the lease tests.\n\n'; step One 1s; step Two 1s; step Three 1s; step Four 1s; } >"$C/routines/slow.md"
BACKCARE_TEST_NOW=$((now + 60)) bc_run --content-dir "$C" run slow --plain --resume
expect_status 0 "--resume after the owner was killed"
expect_out "resuming at segment 3" "it resumes after the stored steps"
[ "$(q "SELECT count(*) || ' ' || count(DISTINCT pos) FROM steps WHERE session_id = $sid")" = "4 4" ] && pass "each position stored once" || fail "steps: $(q "SELECT pos FROM steps WHERE session_id = $sid")"
[ "$(q "SELECT sum(done_s) FROM steps WHERE session_id = $sid")" = 4 ] && pass "the session's time is the routine's (0:04)" || fail "done: $(q "SELECT sum(done_s) FROM steps WHERE session_id = $sid")"

# ---- 3, 7. exports: no formulas, no raw controls, UTF-8 only -------------
esc=$(printf '\033]52;c;ZXZpbA==\007')
q "UPDATE sessions SET note = '=HYPERLINK(\"http://evil/\",\"x\")' WHERE id = $sid;
   UPDATE sessions SET routine_title = '$esc clip', note = '+1+2' WHERE id = (SELECT min(id) FROM sessions WHERE id != $sid);
   INSERT INTO sessions (routine_id, routine_title, mode, started_at, state, note)
     VALUES ('r', CAST(X'536CE977' AS TEXT), 'plain', $now, 'partial', '@SUM(A1)');
   INSERT INTO sessions (routine_id, mode, started_at, state, note) VALUES ('r', 'plain', $now, 'partial', '-2+3');
   INSERT INTO sessions (routine_id, mode, started_at, state, note) VALUES ('r', 'plain', $now, 'partial', char(9) || '=1');
   INSERT INTO sessions (routine_id, mode, started_at, state, note) VALUES ('r', 'plain', $now, 'partial', 'C1 ' || char(155) || '31m DEL ' || char(127));"
bc_run export --format csv
expect_status 0 "CSV export"
printf '%s\n' "$OUT" >"$T/export.csv"
expect_out "\"'=HYPERLINK(\"\"http://evil/\"\",\"\"x\"\")\"" "a formula is defused with a quote"
expect_out ",'+1+2" "a cell starting with + is defused"
expect_out ",'@SUM(A1)" "a cell starting with @ is defused"
expect_out ",'-2+3" "a cell starting with - is defused"
expect_out "'	=1" "a cell starting with a tab is defused"
expect_out "␛]52;c;ZXZpbA==␇ clip" "ESC and BEL show as control pictures"
expect_out "Sl�w" "a byte that is not UTF-8 shows as U+FFFD"
if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$T/export.csv"; then fail "a raw control byte is in the CSV"; else pass "no raw control bytes in the CSV"; fi
if LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T/export.csv"; then fail "a raw C1 control is in the CSV"; else pass "no raw C1 controls in the CSV"; fi
iconv -f UTF-8 -t UTF-8 "$T/export.csv" >/dev/null 2>&1 && pass "the CSV is valid UTF-8" || fail "the CSV is not valid UTF-8"
expect_out ",completed,33," "numbers are plain, not defused"
bc_run export --format json
expect_status 0 "JSON export"
printf '%s\n' "$OUT" >"$T/export.json"
iconv -f UTF-8 -t UTF-8 "$T/export.json" >/dev/null 2>&1 && pass "the JSON is valid UTF-8" || fail "the JSON is not valid UTF-8"
if LC_ALL=C grep -q "$(printf '[\001-\037\177]')" "$T/export.json" || LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T/export.json"; then
	fail "a raw control byte is in the JSON"
else pass "no raw control bytes in the JSON"; fi
expect_out '\u001b]52;c;ZXZpbA==\u0007 clip' "JSON escapes ESC and BEL"
expect_out 'C1 \u009b31m DEL \u007f' "JSON escapes C1 controls and DEL"
expect_out 'Sl\ufffdw' "JSON shows a byte that is not UTF-8 as \\ufffd"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/export.json" &&
	    pass "the JSON export parses" || fail "the JSON export does not parse"
fi

# A plan from a file whose name is not UTF-8: the name is stored repaired.
printf '# Named\n\n- from: 2031-01-01\n- until: 2031-01-28\n' >"$T/plan-$(printf '\351').md"
bc_run plan import "$T/plan-$(printf '\351').md"
expect_status 0 "a plan from a file named in Latin-1"
[ "$(q "SELECT count(*) FROM plans WHERE source_path LIKE '%plan-�.md'")" = 1 ] && pass "its name is stored as UTF-8" || fail "source_path: $(q 'SELECT quote(source_path) FROM plans')"

# ---- 9. a full disk during a run -----------------------------------------
{ printf '# Three\n\nx\n\n'; step One 1s; step Two 3s; step Three 1s; } >"$C/routines/three.md"
# expect_no_err TEXT WHAT: stderr lacks TEXT.
expect_no_err() {
	if printf '%s\n' "$ERR" | grep -qF -- "$1"; then fail "$2: stderr has '$1'"; else pass "$2"; fi
}
# full_run DB OUT: a run of "three" whose disk fills (FILL) during step 2.
full_run() {
	BACKCARE_TEST_NOW=$((now + 120)) "$BACKCARE" --db "$1" --content-dir "$C" run three --plain </dev/null >"$2" 2>"$2.err" &
	pid=$!
	i=0; while ! grep -q "step 2/3" "$2" && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
	eval "$FILL"
	wait $pid; STATUS=$?
	OUT=$(cat "$2"); ERR=$(cat "$2.err")
}
if [ "$(id -u)" -eq 0 ] && mkdir -p "$T/full" && mount -t tmpfs -o size=1m tmpfs "$T/full" 2>/dev/null; then
	BC_STDIN="$T/answers" BACKCARE_TEST_NOW=$now bc_run --db "$T/full/p.db" screen --answers -
	FILL='dd if=/dev/zero of="$T/full/fill" bs=4k 2>/dev/null'
	full_run "$T/full/p.db" "$T/full.out"
	expect_status 1 "a run whose disk fills up"
	expect_err "the disk is full" "it says the disk is full"
	expect_no_err "disk I/O error" "not 'disk I/O error'"
	expect_no_err "nothing was lost" "it does not claim nothing was lost"
	expect_no_out "nothing was lost" "stdout does not claim it either"
	expect_err "segment 2 (Two) was not saved; segment 1 is kept" "it says on stderr what was and was not kept"
	expect_no_out "was not saved" "not on stdout (attack 13, 17)"
	[ "$(sqlite3 "$T/full/p.db" "SELECT state FROM sessions ORDER BY id DESC LIMIT 1")" = partial ] && pass "the session is closed as partial on the full disk" || fail "state: $(sqlite3 "$T/full/p.db" 'SELECT id, state FROM sessions')"
	# 0 bytes free from the start (no -wal with room left in it).
	rm -f "$T/full/fill"
	bc_run --db "$T/full/p.db" info
	dd if=/dev/zero of="$T/full/fill" bs=4k 2>/dev/null
	BC_STDIN="$T/answers" bc_run --db "$T/full/p.db" screen --answers -
	expect_status 1 "a safety check with 0 bytes free"
	expect_err "the disk is full" "0 bytes free: the disk is full"
	expect_one_line_err "0 bytes free"
	rm -f "$T/full/fill"
	[ "$(sqlite3 "$T/full/p.db" 'PRAGMA integrity_check')" = ok ] && pass "the file is whole after the full disk" || fail "integrity after the full disk"
	umount "$T/full"
else
	echo "# cannot mount a tmpfs here: the real full-disk run is skipped"
fi
# A shim makes one write fail with ENOSPC (space comes back), or all.
SHIM="$TOP_BUILDDIR/tests/enospc.so"
if [ ! -f "$SHIM" ] || ldd "$BACKCARE" 2>/dev/null | grep -q 'lib[at]san'; then
	echo "# no ENOSPC shim (or a sanitizer build): the shim runs are skipped"
else
	FILL=': >"$T/trigger"'
	LD_PRELOAD="$SHIM" BC_ENOSPC_TRIGGER="$T/trigger" full_run "$BACKCARE_DB" "$T/shim.out"
	expect_status 1 "a step lost to ENOSPC"
	expect_err "saving a step: the disk is full" "the failed step is named"
	expect_err "backcare: stopped: segment 2 (Two) was not saved; segment 1 is kept, and the session is saved as partial" "the session is closed in a second transaction"
	expect_no_out "stopped:" "stdout does not carry the error"
	[ "$(q "SELECT state FROM sessions ORDER BY id DESC LIMIT 1")" = partial ] && pass "stored as partial" || fail "state: $(q 'SELECT state FROM sessions ORDER BY id DESC LIMIT 1')"
	LD_PRELOAD="$SHIM" BC_ENOSPC_TRIGGER="$T/trigger" BC_ENOSPC_STICKY=1 full_run "$BACKCARE_DB" "$T/shim2.out"
	rm -f "$T/trigger"
	expect_status 1 "a disk that stays full"
	expect_err "segment 2 (Two) was not saved; segment 1 is kept, but the session could not be closed" "it says the session could not be closed"
	expect_err "the next run offers to resume it" "and what happens next"
	last=$(q "SELECT max(id) FROM sessions")
	[ "$(q "SELECT state FROM sessions WHERE id = $last")" = running ] && pass "left unfinished, for resuming" || fail "state: $(q "SELECT state FROM sessions WHERE id = $last")"
	BACKCARE_TEST_NOW=$((now + 120)) bc_run --content-dir "$C" run three --plain --resume
	expect_status 0 "the next run resumes it"
	expect_out "resuming at segment 2" "from the segment that was lost"
	# The disk fills at the rating after the session: the pain and the
	# end are lost, so nothing claims it was saved (attack 13, 4).
	rm -f "$T/in"; mkfifo "$T/in"
	BACKCARE_TEST_NOW=$((now + 300)) LD_PRELOAD="$SHIM" BC_ENOSPC_TRIGGER="$T/trigger" BC_ENOSPC_STICKY=1 "$BACKCARE" --content-dir "$C" run three --plain <"$T/in" >"$T/after.out" 2>"$T/after.err" &
	pid=$!
	exec 3>"$T/in"
	printf '5\n' >&3
	# (Polls up to 60 s: a loaded machine under valgrind is slow.)
	i=0; while [ "$(grep -c 'Pain now' "$T/after.out")" -lt 2 ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
	[ $i -lt 1200 ] || fail "the second pain question did not come within 60 s: $(cat "$T/after.out")"
	: >"$T/trigger"
	printf '3\n' >&3; exec 3>&-
	wait $pid; STATUS=$?
	rm -f "$T/trigger"
	OUT=$(cat "$T/after.out"); ERR=$(cat "$T/after.err")
	expect_status 1 "the pain after and the end lost to a full disk"
	expect_err "saving a pain rating: the disk is full" "the lost rating is said on stderr"
	expect_err "ending the session: the disk is full" "and the lost end"
	expect_no_out "saved" "stdout claims nothing was saved"
	expect_out "safety net:" "the safety net is still given"
	# Stopped with Ctrl-C on a full disk: not "saved as partial".
	BACKCARE_TEST_NOW=$((now + 400)) LD_PRELOAD="$SHIM" BC_ENOSPC_TRIGGER="$T/trigger" BC_ENOSPC_STICKY=1 "$BACKCARE" --content-dir "$C" run three --plain </dev/null >"$T/int.out" 2>"$T/int.err" &
	pid=$!
	i=0; while ! grep -q "step 2/3" "$T/int.out" && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
	: >"$T/trigger"
	kill -INT $pid; wait $pid; STATUS=$?
	rm -f "$T/trigger"
	OUT=$(cat "$T/int.out"); ERR=$(cat "$T/int.err")
	expect_status 1 "Ctrl-C whose end is lost to a full disk"
	expect_err "ending the session: the disk is full" "the lost end is said on stderr"
	expect_one_line_err "the lost end"
	expect_out "stopped" "it says it stopped"
	expect_no_out "saved" "and claims nothing was saved"
fi

bc_done
