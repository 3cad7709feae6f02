#!/bin/sh
# Many copies at once (issue 12, finding 1): writers import ~200 KB plans
# while readers ask `screen --status` and `info` (which checks the whole
# file), round after round.  No command may call the file damaged, no
# import may be lost, and the file stays whole.  Before, a raw look at the
# header while another process's checkpoint grew the file said "damaged".
# BC_LOAD_ROUNDS, BC_LOAD_WRITERS and BC_LOAD_READERS make it bigger (CI).
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 (the command) is not installed"
ROUNDS=${BC_LOAD_ROUNDS:-5}
WRITERS=${BC_LOAD_WRITERS:-20}
READERS=${BC_LOAD_READERS:-20}

# ~200 KB of notes, made once and shared by every plan.
awk 'BEGIN { for (i = 0; i < 3300; i++)
	printf "Walk for ten minutes, then rest; line %d of the notes.\n", i }' >"$T/notes"
base=$(date -u -d 2020-01-01 +%s)
n=0
r=1
while [ $r -le $ROUNDS ]; do
	w=1
	while [ $w -le $WRITERS ]; do
		n=$((n + 1))
		from=$(date -u -d "@$((base + n * 86400))" +%Y-%m-%d)
		until=$(date -u -d "@$((base + n * 86400 + 27 * 86400))" +%Y-%m-%d)
		{
			printf '# Plan %d-%d\n\n- from: %s\n- until: %s\n\n' $r $w "$from" "$until"
			printf '## Routines\n- swedish-basics: 3 per week\n\n## Notes\n'
			cat "$T/notes"
		} >"$T/plan-$r-$w.md"
		w=$((w + 1))
	done
	r=$((r + 1))
done
size=$(wc -c <"$T/plan-1-1.md")
[ "$size" -gt 180000 ] && pass "plans of $size bytes" || fail "plans of only $size bytes"

bc_make_db
expect_status 0 "the progress file is made"
start=$(date +%s)
r=1
while [ $r -le $ROUNDS ]; do
	pids=
	rpids=
	w=1
	while [ $w -le $WRITERS ]; do
		"$BACKCARE" plan import "$T/plan-$r-$w.md" >"$T/w-$r-$w.out" 2>&1 &
		pids="$pids $!:w-$r-$w"
		w=$((w + 1))
	done
	# Readers go on until every writer is done (at least once each), so
	# they open the file while checkpoints grow it.
	k=1
	while [ $k -le $READERS ]; do
		if [ $((k % 2)) -eq 0 ]; then cmd=info; else cmd="screen --status"; fi
		(
			rc=0
			while :; do
				"$BACKCARE" $cmd || rc=1
				[ -e "$T/writers-done-$r" ] && break
			done
			exit $rc
		) >"$T/r-$r-$k.out" 2>&1 &
		rpids="$rpids $!:r-$r-$k"
		k=$((k + 1))
	done
	bad=0
	for p in $pids; do
		if ! wait "${p%%:*}"; then
			bad=$((bad + 1))
			echo "# ${p#*:} failed: $(head -c 300 "$T/${p#*:}.out")"
		fi
	done
	: >"$T/writers-done-$r"
	for p in $rpids; do
		if ! wait "${p%%:*}"; then
			bad=$((bad + 1))
			echo "# ${p#*:} failed: $(grep -v '	' "$T/${p#*:}.out" | head -c 300)"
		fi
	done
	reads=$(cat "$T"/r-$r-*.out | grep -c -e '^progress file' -e '^status' -e 'safety check')
	[ $bad -eq 0 ] && pass "round $r: $WRITERS imports and $READERS readers ($reads reads) all succeed" || fail "round $r: $bad commands failed"
	damaged=$(grep -l -i 'damaged' "$T"/w-$r-*.out "$T"/r-$r-*.out 2>/dev/null | wc -l)
	[ "$damaged" -eq 0 ] && pass "round $r: nothing called damaged" || fail "round $r: $damaged commands said damaged: $(grep -h -i damaged "$T"/w-$r-*.out "$T"/r-$r-*.out | head -2)"
	got=$(sqlite3 "$BACKCARE_DB" "SELECT count(*) FROM plans WHERE title LIKE 'Plan $r-%'")
	[ "$got" = "$WRITERS" ] && pass "round $r: all $WRITERS imports kept" || fail "round $r: $got of $WRITERS imports kept"
	r=$((r + 1))
done
echo "# $ROUNDS rounds of $WRITERS writers and $READERS readers in $(( $(date +%s) - start )) s"
[ "$(sqlite3 "$BACKCARE_DB" 'SELECT count(*) FROM plans')" = $((ROUNDS * WRITERS)) ] && pass "every import is in the file" || fail "plans: $(sqlite3 "$BACKCARE_DB" 'SELECT count(*) FROM plans')"
[ "$(sqlite3 "$BACKCARE_DB" 'PRAGMA integrity_check')" = ok ] && pass "the file is whole" || fail "integrity_check: $(sqlite3 "$BACKCARE_DB" 'PRAGMA integrity_check' | head -3)"
bc_run info
expect_status 0 "info afterwards"
expect_out "integrity	ok" "info finds the file whole"

bc_done
