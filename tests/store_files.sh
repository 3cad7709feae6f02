#!/bin/sh
# The progress file from outside: permissions under any umask, files that
# are not ours left untouched, folders, read-only and full disks, and
# several copies starting at once.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 (the command) is not installed"

# Permissions, whatever the umask.
( umask 000; bc_make_db "$T/priv/data/progress.db" )
[ "$(stat -c %a "$T/priv/data")" = 700 ] && pass "data folder 0700" || fail "data folder $(stat -c %a "$T/priv/data")"
[ "$(stat -c %a "$T/priv/data/progress.db")" = 600 ] && pass "progress file 0600" || fail "progress file $(stat -c %a "$T/priv/data/progress.db")"
leftover=$(ls -a "$T/priv/data" | grep -c 'new-')
[ "$leftover" -eq 0 ] && pass "no temporary files left" || fail "temporary files left: $(ls -a "$T/priv/data")"

# expect_refused FILE WORDS WHAT: info (reading) and recording a check
# (writing) both exit 1 with one line naming the file, and the file is
# byte-for-byte unchanged.
expect_refused() {
	cp "$1" "$T/before" 2>/dev/null || : >"$T/before"
	bc_run --db "$1" info
	expect_status 1 "$3"
	expect_err "$1" "$3: the message names the file"
	expect_err "$2" "$3: the message says '$2'"
	expect_one_line_err "$3"
	bc_make_db "$1"
	expect_status 1 "$3, when writing"
	expect_err "$2" "$3, when writing: the message says '$2'"
	expect_one_line_err "$3, when writing"
	if cmp -s "$1" "$T/before"; then pass "$3: file unchanged"; else fail "$3: file changed"; fi
}

: >"$T/empty.db"
expect_refused "$T/empty.db" "empty" "an empty file"
head -c 5000 /dev/urandom >"$T/random.db"
printf 'x' | dd of="$T/random.db" bs=1 count=1 conv=notrunc 2>/dev/null
expect_refused "$T/random.db" "not a backcare progress file" "random bytes"
sqlite3 "$T/foreign.db" "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');"
expect_refused "$T/foreign.db" "another program" "another program's database"
# A blank SQLite file (no tables) is another program's too: never adopted,
# by readers or writers, and its mode is left as it was.
sqlite3 "$T/blank.db" "PRAGMA journal_mode=WAL" >/dev/null
chmod 644 "$T/blank.db"
expect_refused "$T/blank.db" "empty SQLite database" "a blank SQLite file"
[ "$(stat -c %a "$T/blank.db")" = 644 ] && pass "a blank SQLite file keeps its mode" || fail "blank file mode $(stat -c %a "$T/blank.db")"
sqlite3 "$T/dropped.db" "CREATE TABLE t (x); DROP TABLE t;"
expect_refused "$T/dropped.db" "empty SQLite database" "a file whose tables were dropped"
# SQLite takes a one-byte file for an empty database: refused by its size.
printf '\n' >"$T/onebyte.db"
expect_refused "$T/onebyte.db" "too small (1 byte)" "a one-byte file"
head -c 511 /dev/zero >"$T/small.db"
expect_refused "$T/small.db" "too small (511 bytes)" "a 511-byte file"
bc_make_db "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99;"
expect_refused "$T/newer.db" "newer backcare" "a file from a newer version"
bc_make_db "$T/cut.db"
sqlite3 "$T/cut.db" "PRAGMA journal_mode=DELETE; CREATE TABLE pad (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000) INSERT INTO pad SELECT randomblob(100) FROM n; PRAGMA application_id = 1111573330;" >/dev/null
size=$(stat -c %s "$T/cut.db")
head -c $((size / 2)) "$T/cut.db" >"$T/cut2.db"
expect_refused "$T/cut2.db" "damaged" "a truncated file"
# A WAL-mode file with pages overwritten in the middle: refused by readers
# and writers, and the -wal and -shm their look made are gone again.
bc_make_db "$T/mid.db"
sqlite3 "$T/mid.db" "CREATE TABLE pad (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000) INSERT INTO pad SELECT randomblob(100) FROM n;" >/dev/null
size=$(stat -c %s "$T/mid.db")
head -c 20000 /dev/urandom | dd of="$T/mid.db" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect_refused "$T/mid.db" "damaged" "a file damaged in the middle"
for side in -wal -shm; do
	[ ! -e "$T/mid.db$side" ] && pass "a refused damaged file: no $side left" || fail "a refused damaged file left $side"
done
bc_make_db "$T/shmdir.db"
mkdir "$T/shmdir.db-shm"
bc_run --db "$T/shmdir.db" report
[ ! -e "$T/shmdir.db-wal" ] && pass "a -shm folder: no -wal left" || fail "a -shm folder: a -wal left ($STATUS: $ERR)"
bc_make_db "$T/shmdir.db"
[ ! -e "$T/shmdir.db-wal" ] && pass "a -shm folder, when writing: no -wal left" || fail "a -shm folder, when writing: a -wal left ($STATUS: $ERR)"
rmdir "$T/shmdir.db-shm"
mkdir "$T/adir.db"
bc_run --db "$T/adir.db" info
expect_status 1 "a folder in place of the file"
expect_err "is a folder" "a folder is explained"
printf 'x' >"$T/afile"
bc_run --db "$T/afile/progress.db" info
expect_status 1 "a file in place of the folder"
expect_one_line_err "a file in place of the folder"
bc_make_db "$T/afile/progress.db"
expect_status 1 "a file in place of the folder, when writing"
expect_one_line_err "a file in place of the folder, when writing"

# Leftovers of a copy killed while it made a new file (p.db.new-PID and
# its -wal and -shm) are swept by the next writer once their process is
# gone, they are a minute old, and they hold no rows and are open nowhere;
# a live process's, a fresh one, another file's, one that holds data or is
# open, and one that cannot be read as SQLite all stay (attack18 F1).
mkdir -p "$T/sweep"
bc_make_db "$T/sweep/p.db"
dead_pid() {
	d=$(sh -c 'echo $$')
	while kill -0 "$d" 2>/dev/null; do d=$(sh -c 'echo $$'); done
	echo "$d"
}
dead=$(dead_pid); empty=$(dead_pid); data=$(dead_pid); open=$(dead_pid)
junk=$(dead_pid)
# Killed as it began: an empty file, -wal and -shm.
: >"$T/sweep/p.db.new-$dead"; : >"$T/sweep/p.db.new-$dead-wal"
: >"$T/sweep/p.db.new-$dead-shm"
# Killed with the tables made and nothing in them.
sqlite3 "$T/sweep/p.db.new-$empty" "CREATE TABLE checks(id INTEGER);"
# Named like a leftover, but a progress file with a row in it.
sqlite3 "$T/sweep/p.db.new-$data" "CREATE TABLE checks(id INTEGER);
    INSERT INTO checks VALUES (1);"
sqlite3 "$T/sweep/p.db.new-$open" "PRAGMA journal_mode=WAL;
    CREATE TABLE checks(id INTEGER);" >/dev/null
# Not SQLite (a one-byte file would be: SQLite reads it as empty).
head -c 4096 /dev/zero | tr '\0' 'x' >"$T/sweep/p.db.new-$junk"
for f in "p.db.new-$$" "other.db.new-$dead"; do printf 'x' >"$T/sweep/$f"; done
for f in "$T"/sweep/*.new-*; do touch -d '2 hours ago' "$f"; done
fresh=$(dead_pid)
printf 'x' >"$T/sweep/p.db.new-$fresh"
# Open in another program (SQLite in WAL mode holds a lock all along).
mkfifo "$T/sweep.fifo"
sqlite3 "$T/sweep/p.db.new-$open" <"$T/sweep.fifo" >/dev/null &
holder=$!
exec 7>"$T/sweep.fifo"
echo "SELECT count(*) FROM checks;" >&7
ino=$(stat -c %i "$T/sweep/p.db.new-$open")
i=0
while ! grep -q ":$ino " /proc/locks 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
touch -d '2 hours ago' "$T/sweep/p.db.new-$open"
bc_make_db "$T/sweep/p.db"
expect_status 0 "a writer beside leftovers"
for f in "p.db.new-$dead" "p.db.new-$dead-wal" "p.db.new-$dead-shm" \
    "p.db.new-$empty"; do
	[ ! -e "$T/sweep/$f" ] && pass "stale $f swept" || fail "stale $f left"
done
for f in "p.db.new-$$" "other.db.new-$dead" "p.db.new-$fresh" \
    "p.db.new-$data" "p.db.new-$open" "p.db.new-$junk"; do
	[ -e "$T/sweep/$f" ] && pass "$f kept" || fail "$f removed"
done
[ "$(sqlite3 "$T/sweep/p.db.new-$data" 'SELECT count(*) FROM checks')" = 1 ] &&
    pass "the leftover-named file with data is whole" ||
    fail "the leftover-named file with data lost its row"
exec 7>&-
wait "$holder" 2>/dev/null

# A read-only folder: a clear error, nothing created.
mkdir -p "$T/ro"
chmod 555 "$T/ro"
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T" "$T/home" 2>/dev/null
	if bc_nobody_ok; then
		printf 'age=40\nweeks=2\n' >"$T/answers"
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$BACKCARE" --db "$T/ro/progress.db" screen --answers - \
		    <"$T/answers" >"$T/out" 2>"$T/err"
		STATUS=$?; ERR=$(cat "$T/err")
		expect_status 1 "a read-only folder"
		expect_err "cannot create" "a read-only folder is explained"
		expect_one_line_err "a read-only folder"
	else
		echo "# no setpriv, or nobody cannot reach the build folder: read-only folder test skipped"
	fi
else
	bc_make_db "$T/ro/progress.db"
	expect_status 1 "a read-only folder"
	expect_one_line_err "a read-only folder"
fi
[ -z "$(ls -A "$T/ro")" ] && pass "nothing written in the read-only folder" || fail "files in read-only folder"

# A full disk: a small tmpfs (root only).
if [ "$(id -u)" -eq 0 ] && mkdir -p "$T/full" && mount -t tmpfs -o size=64k tmpfs "$T/full" 2>/dev/null; then
	dd if=/dev/zero of="$T/full/fill" bs=1k count=64 2>/dev/null
	bc_make_db "$T/full/progress.db"
	expect_status 1 "a full disk"
	expect_one_line_err "a full disk"
	[ ! -e "$T/full/progress.db" ] && pass "no half-made file on a full disk" || fail "a file was left on the full disk"
	umount "$T/full"
else
	echo "# cannot mount a tmpfs here: full-disk test skipped"
fi

# Commands that only read leave the file as it was and create nothing
# beside it: no -wal or -shm, not even for a moment (strace, if there).
bc_make_db "$T/quiet/progress.db"
Q="$T/quiet/progress.db"
touch -d '2020-01-01 00:00:00' "$Q"
before=$(stat -c '%Y %s' "$Q"; sha256sum <"$Q")
for cmd in lessons routines "screen --status" report info "export --format csv" "plan show" today; do
	# shellcheck disable=SC2086
	bc_run --db "$Q" $cmd
	[ "$STATUS" -le 1 ] || fail "$cmd: exit $STATUS: $ERR"
	[ "$(ls -A "$T/quiet")" = progress.db ] && pass "$cmd: nothing beside the file" || fail "$cmd: beside the file: $(ls -A "$T/quiet")"
	[ "$(stat -c '%Y %s' "$Q"; sha256sum <"$Q")" = "$before" ] && pass "$cmd: the file is unchanged, its time too" || fail "$cmd: the file changed"
	if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
		# shellcheck disable=SC2086
		strace -f -o "$T/quiet.trace" -e trace=open,openat,creat,unlink,unlinkat \
		    "$BACKCARE" --db "$Q" $cmd >/dev/null 2>&1
		if grep -e '-wal"' -e '-shm"' "$T/quiet.trace" | grep -qv 'ENOENT'; then
			fail "$cmd: created or removed a companion: $(grep -e '-wal"' -e '-shm"' "$T/quiet.trace" | head -2)"
		else
			pass "$cmd: no -wal or -shm made and removed on the way"
		fi
	fi
done
# After the quiet reads a writer still writes, and cleans up after itself.
printf 'age=41\nweeks=3\n' >"$T/quiet.answers"
BC_STDIN="$T/quiet.answers" bc_run --db "$Q" screen --answers -
[ "$(sqlite3 "$Q" 'SELECT count(*) FROM checks')" = 1 ] && pass "a check recorded after the quiet reads" || fail "the check was not recorded"
[ "$(ls -A "$T/quiet")" = progress.db ] && pass "the writer leaves nothing beside the file" || fail "beside the file: $(ls -A "$T/quiet")"

# `report | less`: the report lets the file go once it has read it, so a
# writer meanwhile folds its -wal back and removes it, while the pager
# has not read on (the report is longer than a pipe holds).
sqlite3 "$Q" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
    INSERT INTO sessions (routine_id, routine_title, mode, started_at, ended_at, state, planned_s)
    SELECT 'gentle-five', 'Gentle five', 'plain', 1000000000 + i * 86400, 1000000000 + i * 86400 + 600, 'completed', 600 FROM n;"
rm -f "$T/pager.go" "$T/pager.first"
"$BACKCARE" --db "$Q" report 2>"$T/pager.err" | {
	head -c 1 >"$T/pager.first"
	while [ ! -e "$T/pager.go" ]; do sleep 0.05; done
	cat >/dev/null
} &
pager=$!
i=0
while [ ! -s "$T/pager.first" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$T/pager.first" ] && pass "report | pager: the output started" || fail "report | pager: no output"
BC_STDIN="$T/quiet.answers" bc_run --db "$Q" screen --answers -
expect_status 0 "a writer while the report waits on its pager"
[ ! -e "$Q-wal" ] && pass "the writer folded its -wal back while the report waited" || fail "a -wal of $(stat -c %s "$Q-wal") bytes stays while the report waits"
touch "$T/pager.go"
wait $pager
[ ! -s "$T/pager.err" ] && pass "report | pager: no error" || fail "report | pager: $(cat "$T/pager.err")"

# Several copies creating and opening one file at once.
pids=
for i in 1 2 3 4 5 6 7 8; do
	printf 'age=40\nweeks=2\n' | "$BACKCARE" --db "$T/race.db" screen --answers - >"$T/race.$i" 2>&1 &
	pids="$pids $!"
done
bad=0
for p in $pids; do wait "$p" || bad=$((bad + 1)); done
[ $bad -eq 0 ] && pass "8 copies at once all succeed" || { fail "$bad of 8 copies failed"; cat "$T"/race.*; }
[ "$(sqlite3 "$T/race.db" 'PRAGMA integrity_check')" = ok ] && pass "the file is whole" || fail "integrity_check failed"
[ "$(sqlite3 "$T/race.db" 'PRAGMA journal_mode')" = wal ] && pass "WAL mode" || fail "not WAL"

bc_done
