#!/bin/sh
# The routine cache behind `routines` and the other listings: it is never
# stale (an edit of the same size in the same second shows at once, and so
# does one crafted to fool a hash), a damaged or foreign cache, a read-only
# cache folder or no home at all change nothing in what is listed, a
# symlink planted as the cache file is not written through, no folder is
# made in another user's home, a killed writer's leftover blocks nothing,
# and a routine that does not parse says so every time without making
# each listing write the cache again.  The listing with the cache is the
# listing without it, under every kind of safety limit.
. "$TOP_SRCDIR/tests/lib.sh"

export XDG_CACHE_HOME="$T/cache"
C="$XDG_CACHE_HOME/backcare/routines.cache"
mkdir -p "$T/c/routines"
R="$T/c/routines/mine.md"
mine() {
	printf '# Mine\n\nA test routine.\n\n## Hold it\n\n- hold: %s\n- region: lower back\n- position: sitting\n- stroke: compression\n- pressure: medium\n\nPress and hold.\n' "$1" >"$R"
}
# nocache ARGS...: bc_run with no cache at all (no home, no XDG).
nocache() { HOME= XDG_CACHE_HOME= bc_run "$@"; }

mine 30s
bc_run --content-dir "$T/c" routines
expect_status 0 "routines with a new cache"
expect_out "mine	Mine	0:30	massage" "the routine is listed"
[ -f "$C" ] && pass "the cache is written" || fail "no cache at $C"
[ "$(stat -c %a "$C")" = 600 ] && pass "the cache file is 0600" ||
	fail "the cache file is $(stat -c %a "$C")"
[ "$(stat -c %a "$XDG_CACHE_HOME/backcare")" = 700 ] &&
	pass "the cache folder is 0700" ||
	fail "the cache folder is $(stat -c %a "$XDG_CACHE_HOME/backcare")"
first=$OUT
bc_run --content-dir "$T/c" routines
[ "$OUT" = "$first" ] && pass "from the cache: the same listing" ||
	fail "from the cache the listing differs: $OUT"

# The same size, the same modification time: the new time shows.
touch -r "$R" "$T/stamp"
mine 40s
touch -r "$T/stamp" "$R"
bc_run --content-dir "$T/c" routines
expect_out "mine	Mine	0:40	massage" "an edit of the same size and second shows at once"

# Two files of the same length that the old 128-bit key took for one
# (attack20 F3: step 1 takes 1m in a.md, 9m in b.md): each shows its time.
mkdir -p "$T/cc/routines"
cp "$TOP_SRCDIR/tests/fixtures/cache-collision/a.md" "$T/cc/routines/gentle-five.md"
bc_run --content-dir "$T/cc" routines
expect_out "gentle-five	Five gentle minutes for a bad day	5:00	massage" "a.md listed"
cp "$TOP_SRCDIR/tests/fixtures/cache-collision/b.md" "$T/cc/routines/gentle-five.md"
bc_run --content-dir "$T/cc" routines
expect_out "gentle-five	Five gentle minutes for a bad day	13:00	massage" \
	"a file crafted to collide with a cached one shows its own time"

# Damaged and foreign caches: the same listing, exit 0.
bc_run --content-dir "$T/c" routines
good=$OUT
printf 'XXXX' | dd of="$C" bs=1 seek=100 conv=notrunc 2>/dev/null
bc_run --content-dir "$T/c" routines
expect_status 0 "a damaged cache"
[ "$OUT" = "$good" ] && pass "a damaged cache: the same listing" ||
	fail "a damaged cache changed the listing: $OUT"
[ -z "$ERR" ] && pass "a damaged cache: nothing said" || fail "a damaged cache: $ERR"
head -c 4000 /dev/urandom >"$C"
bc_run --content-dir "$T/c" routines
[ "$OUT" = "$good" ] && [ "$STATUS" -eq 0 ] &&
	pass "a foreign cache: the same listing, exit 0" ||
	fail "a foreign cache: exit $STATUS, $OUT"
head -c 10 "$C" | grep -q BCRCACHE && pass "a foreign cache is replaced" ||
	fail "a foreign cache was left"
: >"$C"
bc_run --content-dir "$T/c" routines
[ "$OUT" = "$good" ] && pass "an empty cache: the same listing" ||
	fail "an empty cache: $OUT"

# A read-only cache folder: still listed right, exit 0, nothing said.
chmod 500 "$XDG_CACHE_HOME/backcare"
mine 50s
bc_run --content-dir "$T/c" routines
expect_status 0 "a read-only cache folder"
expect_out "mine	Mine	0:50	massage" "a read-only cache folder: the edit shows"
[ -z "$ERR" ] && pass "a read-only cache folder: nothing said" ||
	fail "a read-only cache folder: $ERR"
chmod 700 "$XDG_CACHE_HOME/backcare"

# A cache that cannot be made at all (a file where its folder would be),
# which a read-only folder is to root: the same.
: >"$T/plainfile"
mine 45s
XDG_CACHE_HOME="$T/plainfile/cache" bc_run --content-dir "$T/c" routines
expect_status 0 "a cache folder that cannot be made"
expect_out "mine	Mine	0:45	massage" "a cache folder that cannot be made: listed"
[ -z "$ERR" ] && pass "a cache folder that cannot be made: nothing said" ||
	fail "a cache folder that cannot be made: $ERR"

# Eight listings writing at once leave a whole cache: the next run reads
# it and, finding it whole, does not write it again (same inode).
rm -f "$C"
mine 35s
for i in 1 2 3 4 5 6 7 8; do
	"$BACKCARE" --content-dir "$T/c" routines >"$T/par.$i" 2>&1 &
done
wait
ino=$(stat -c %i "$C")
bc_run --content-dir "$T/c" routines
expect_out "mine	Mine	0:35	massage" "after eight writers at once: listed right"
[ "$(stat -c %i "$C")" = "$ino" ] && pass "after eight writers at once the cache is whole" ||
	fail "after eight writers at once the cache was rewritten (damaged)"
ls -a "$XDG_CACHE_HOME/backcare" | grep -q '^\.routines' &&
	fail "temporary files were left" || pass "no temporary files left"

# A killed writer's temporary file named as this process's would be (the
# old name was .routines.cache.PID: a later process of that pid could
# never write), and an old one: the cache is written, the old one removed.
rm -f "$C"
old="$XDG_CACHE_HOME/backcare/.routines.cache.00000000000000ab"
: >"$old"
touch -d '1 hour ago' "$old"
# The person's own copies, as old: not ours, kept (attack21 F7).
: >"$XDG_CACHE_HOME/backcare/.routines.cache.bak"
: >"$XDG_CACHE_HOME/backcare/.routines.cache.00000000000000AB"
touch -d '1 hour ago' "$XDG_CACHE_HOME/backcare/.routines.cache.bak" \
	"$XDG_CACHE_HOME/backcare/.routines.cache.00000000000000AB"
sh -c ': >"$1/.routines.cache.$$"; exec $2 "$3" --content-dir "$4" routines' \
	sh "$XDG_CACHE_HOME/backcare" "$BC_WRAP" "$BACKCARE" "$T/c" >/dev/null 2>&1
[ -f "$C" ] && pass "a leftover of the same pid does not block the cache" ||
	fail "a leftover of the same pid blocked the cache"
[ -e "$old" ] &&
	fail "an hour-old temporary file was left" ||
	pass "an hour-old temporary file is removed"
[ -e "$XDG_CACHE_HOME/backcare/.routines.cache.bak" ] &&
	[ -e "$XDG_CACHE_HOME/backcare/.routines.cache.00000000000000AB" ] &&
	pass "files named like ours but not of our temporary names are kept" ||
	fail "the sweep removed a file that is not one of our temporary files"
rm -f "$XDG_CACHE_HOME/backcare"/.routines.cache.*

# No home and no XDG_CACHE_HOME: no cache, the same listing.
nocache --content-dir "$T/c" routines
expect_status 0 "no home"
expect_out "mine	Mine	0:35	massage" "no home: listed"

# Another user's home with no ~/.cache (root with it: sudo -E): no
# folder is made in it, the same listing, nothing said (attack20 F1).  As
# root the home is given to nobody; otherwise a missing home in /tmp,
# which is root's.
other=
if [ "$(id -u)" -eq 0 ]; then
	other="$T/userhome"
	mkdir "$other" && chown 65534:65534 "$other"
elif [ "$(stat -c %u /tmp)" != "$(id -u)" ] && [ -w /tmp ]; then
	other="/tmp/bc-notours.$$"
fi
if [ -n "$other" ]; then
	HOME="$other" XDG_CACHE_HOME= bc_run --content-dir "$T/c" routines
	expect_status 0 "another user's home"
	expect_out "mine	Mine	0:35	massage" "another user's home: listed"
	[ -z "$ERR" ] && pass "another user's home: nothing said" ||
		fail "another user's home: $ERR"
	[ -e "$other/.cache" ] && fail "a ~/.cache was made in another user's home" ||
		pass "no ~/.cache made in another user's home"
	[ "$other" = "$T/userhome" ] || { [ -e "$other" ] &&
		fail "a home was made in /tmp" || pass "no home made in /tmp"; }
	XDG_CACHE_HOME="$other/xdg" bc_run --content-dir "$T/c" routines
	[ -e "$other/xdg" ] && fail "an XDG_CACHE_HOME was made in another user's folder" ||
		pass "no XDG_CACHE_HOME made in another user's folder"
fi

# A symlink planted as the cache file is replaced, not written through.
echo "keep" >"$T/victim"
rm -f "$C"
ln -s "$T/victim" "$C"
mine 20s
bc_run --content-dir "$T/c" routines
expect_out "mine	Mine	0:20	massage" "a planted symlink: listed right"
[ "$(cat "$T/victim")" = keep ] && pass "a planted symlink is not written through" ||
	fail "the symlink's target was written"
[ -f "$C" ] && [ ! -L "$C" ] && pass "the symlink is replaced by a cache file" ||
	fail "the symlink is still there"

# A broken routine is never cached: its problem is said every time.
printf '# Broken\n\n## Step\n\n- hold: 99h\n- region: lower back\n- position: sitting\n- stroke: compression\n- pressure: medium\n\nText.\n' >"$T/c/routines/broken.md"
for i in 1 2 3; do
	[ "$i" -eq 3 ] && ino=$(stat -c %i "$C")
	bc_run --content-dir "$T/c" routines
	expect_err "broken.md:" "a broken routine is reported (run $i)"
	expect_no_out "Broken" "a broken routine is not listed (run $i)"
done
# ... and does not make each listing write the cache again (F7).
[ "$(stat -c %i "$C")" = "$ino" ] && pass "a broken routine does not rewrite the cache" ||
	fail "a broken routine made the listing rewrite the cache"

# `info` names the cache.
bc_run info
expect_out "routine cache	$C" "info shows the cache's path"

# With and without the cache, under every kind of limit: the same list.
same_both() {
	nocache routines
	want=$OUT
	bc_run routines
	bc_run routines
	[ "$OUT" = "$want" ] && [ -n "$OUT" ] && pass "$1: the same with the cache" ||
		fail "$1: with the cache '$OUT', without '$want'"
}
same_both "no check"
check() { printf 'age=40\nweeks=2\n%b' "$1" | "$BACKCARE" screen --answers - >/dev/null; }
check ''
same_both "a clear check"
check 'mc_pregnancy=yes\n'
same_both "pregnancy"
check 'mc_osteoporosis=yes\n'
same_both "thin bones"
check 'mc_skin_problem_area=yes\nmc_skin_problem_area.region=glutes, legs\n'
same_both "avoided areas"
check 'mc_stenosis_extension=yes\n'
same_both "rule S"
check 'mc_anticoagulant_or_bleeding=yes\n'
same_both "blood thinners"

bc_done
