#!/bin/sh
# The progress file where it cannot be written, and the causes a refusal
# names: an older schema read from a read-only folder (without writing),
# a file the user may not read, a companion that is a folder, a path too
# long for SQLite, and a -wal that a read-only folder strands.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 (the command) is not installed"

# as_reader ARGS...: backcare as a user who cannot write in $T/ro (root
# writes anywhere, so it becomes nobody); sets STATUS, OUT and ERR.
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || skip_all "setpriv is missing (running as root)"
	chmod 755 "$T" "$T/home"
	bc_nobody_ok || skip_all "the user nobody cannot reach the build folder (a private folder above it)"
	as_reader() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$BACKCARE" "$@" </dev/null >"$T/out" 2>"$T/err"
		STATUS=$?; OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
	}
else
	as_reader() { bc_run "$@"; }
fi

# An older schema in a read-only folder: read through a copy in memory,
# the file byte for byte as it was and nothing made beside it.
mkdir -p "$T/ro"
bc_make_db "$T/ro/v5.db"
sqlite3 "$T/ro/v5.db" "INSERT INTO sessions (routine_id, routine_title, mode, started_at, ended_at, state, planned_s) VALUES ('gentle-five', 'Gentle five', 'plain', 1000, 1200, 'completed', 200); DROP TRIGGER steps_done_insert; DROP TRIGGER steps_done_delete; DROP TRIGGER steps_done_update; DROP TRIGGER steps_done_session; DROP INDEX check_answers_unsure; ALTER TABLE sessions DROP COLUMN steps_done_s; DROP INDEX sessions_routine; PRAGMA user_version = 5;" 2>"$T/sqlerr" || fail "making a v5 file: $(cat "$T/sqlerr")"
# Schema 6 lacks only the sessions' kept step totals: read as it is (no
# copy: info says schema 6), the report summing the steps.
bc_make_db "$T/ro/v6.db"
sqlite3 "$T/ro/v6.db" "INSERT INTO sessions (id, routine_id, routine_title, mode, started_at, ended_at, state, planned_s) VALUES (5, 'gentle-five', 'Gentle five', 'plain', 1000, 1200, 'completed', 300); INSERT INTO steps (session_id, pos, step_index, title, planned_s, done_s, state, at) VALUES (5, 0, 0, 'A', 120, 100, 'done', 1100), (5, 1, 1, 'B', 180, 77, 'done', 1190); DROP TRIGGER steps_done_insert; DROP TRIGGER steps_done_delete; DROP TRIGGER steps_done_update; DROP TRIGGER steps_done_session; DROP INDEX check_answers_unsure; ALTER TABLE sessions DROP COLUMN steps_done_s; PRAGMA user_version = 6;" 2>"$T/sqlerr" || fail "making a v6 file: $(cat "$T/sqlerr")"
cp "$T/ro/v6.db" "$T/v6-writable.db"
bc_run --db "$T/v6-writable.db" report
expect_status 0 "v6 where it can be written: report (the file brought to schema 7)"
printf '%s\n' "$OUT" >"$T/v6-report"
cp "$T/ro/v5.db" "$T/ro/v3.db"
sqlite3 "$T/ro/v3.db" "DROP TABLE step_pain; DROP TABLE pain_events; DROP TABLE psfs_scores; DROP TABLE psfs_sets; DROP TABLE psfs_activities; DROP TABLE outlook_answers; DROP TABLE outlook_sets; ALTER TABLE sessions DROP COLUMN kind; DROP INDEX steps_pos; ALTER TABLE sessions DROP COLUMN owner_pid; ALTER TABLE sessions DROP COLUMN owner_start; ALTER TABLE sessions DROP COLUMN owner_boot; PRAGMA user_version = 3;" 2>"$T/sqlerr" || fail "making a v3 file: $(cat "$T/sqlerr")"
chmod 644 "$T/ro/v5.db" "$T/ro/v3.db" "$T/ro/v6.db"
chmod 555 "$T/ro"
as_reader --db "$T/ro/v6.db" info
expect_status 0 "v6 in a read-only folder: info"
case $OUT in
*"schema	6"*) pass "v6 in a read-only folder: read as it is, not copied" ;;
*) fail "v6 in a read-only folder: info says $OUT" ;;
esac
as_reader --db "$T/ro/v6.db" report
expect_status 0 "v6 in a read-only folder: report"
if printf '%s\n' "$OUT" | cmp -s - "$T/v6-report"; then
	pass "v6 in a read-only folder: the report of the file brought up to date"
else
	fail "v6 in a read-only folder: the report differs: $(printf '%s\n' "$OUT" | diff - "$T/v6-report")"
fi
for v in v6 v5 v3; do
	cp "$T/ro/$v.db" "$T/before"
	as_reader --db "$T/ro/$v.db" export --format csv
	expect_status 0 "$v in a read-only folder: export"
	expect_out "gentle-five" "$v in a read-only folder: the session is exported"
	as_reader --db "$T/ro/$v.db" report
	expect_status 0 "$v in a read-only folder: report"
	if cmp -s "$T/ro/$v.db" "$T/before"; then pass "$v: file unchanged"; else fail "$v: file changed"; fi
	n=$(ls -a "$T/ro" | grep -c "^$v.db-")
	[ "$n" -eq 0 ] && pass "$v: nothing made beside it" || fail "$v: made $(ls "$T/ro")"
	[ "$(sqlite3 "$T/ro/$v.db" 'PRAGMA user_version')" = "${v#v}" ] && pass "$v: schema left as it was" || fail "$v: schema changed"
done

# A -wal with no -shm in a read-only folder: refused, saying why.
chmod 755 "$T/ro"
bc_make_db "$T/ro/wal.db"
printf 'x' >"$T/ro/wal.db-wal"
chmod 644 "$T/ro/wal.db" "$T/ro/wal.db-wal"
chmod 555 "$T/ro"
as_reader --db "$T/ro/wal.db" report
expect_status 1 "a stranded -wal"
expect_err "$T/ro/wal.db: its -wal" "a stranded -wal: the message names the file and its -wal"
expect_one_line_err "a stranded -wal"
chmod 755 "$T/ro"

# A file the user may not read: said so, not "cannot write here".
if [ "$(id -u)" -eq 0 ]; then
	bc_make_db "$T/ro/mine.db"
	chmod 600 "$T/ro/mine.db"
	as_reader --db "$T/ro/mine.db" report
	expect_status 1 "another user's file"
	expect_err "cannot read the file (permission denied" "another user's file: it cannot be read"
	expect_one_line_err "another user's file"
fi

# A folder where SQLite wants its journal.
bc_make_db "$T/j.db"
mkdir "$T/j.db-journal"
for cmd in report "screen --answers $T/.make-db-answers"; do
	bc_run --db "$T/j.db" $cmd
	expect_status 1 "a -journal folder: ${cmd%% *}"
	expect_err "$T/j.db-journal is a folder" "a -journal folder: ${cmd%% *} names it"
	expect_one_line_err "a -journal folder: ${cmd%% *}"
done

# A path longer than SQLite takes (504 bytes in full).
d="$T/long"
while [ ${#d} -lt 480 ]; do d="$d/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; done
mkdir -p "$d"
bc_run --db "$d/progress-file-with-a-long-name.db" screen --answers "$T/.make-db-answers"
expect_status 1 "a path too long"
expect_err "the path is too long for SQLite" "a path too long is named so"
expect_one_line_err "a path too long"
[ -z "$(ls "$d")" ] && pass "a path too long: nothing made" || fail "a path too long: made $(ls "$d")"

# A path of 505 to 512 bytes that is a link to a short one: SQLite
# follows the link, so the file is read and written (attack18 F4).
bc_make_db "$T/short.db"
d=$(cd "$T" && pwd -P)/link
while [ ${#d} -lt 460 ]; do d="$d/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; done
mkdir -p "$d"
name=$(printf 'n%.0s' $(seq 1 $((508 - ${#d} - 1))))
ln -s "$T/short.db" "$d/$name"
bc_run --db "$d/$name" report
expect_status 0 "a 508-byte link to a short path: read"
bc_run --db "$d/$name" screen --answers "$T/.make-db-answers"
expect_status 0 "a 508-byte link to a short path: written"

bc_done
