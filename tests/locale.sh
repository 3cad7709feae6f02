#!/bin/sh
# A locale with a decimal comma (de_DE.UTF-8, built here with localedef)
# changes nothing backcare prints: its numbers keep their points in the
# report and the exports, and UTF-8 text stays UTF-8.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
command -v localedef >/dev/null 2>&1 || skip_all "no localedef"
[ -f /usr/share/i18n/locales/de_DE ] || skip_all "no locale sources (package locales)"
mkdir -p "$T/loc"
localedef -i de_DE -f UTF-8 "$T/loc/de_DE.UTF-8" >/dev/null 2>&1 ||
    skip_all "localedef could not build de_DE.UTF-8"
# Proof that the locale is real: printf(1) itself writes a comma in it.
comma=$(env LOCPATH="$T/loc" LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 4.5 2>/dev/null)
[ "$comma" = "4,5" ] || skip_all "de_DE.UTF-8 does not write a decimal comma ($comma)"

NOW=1805284800          # Wednesday 2027-03-17 12:00 UTC
"$TOP_BUILDDIR/tests/seed_history" "$BACKCARE_DB" $((NOW - 84 * 86400)) \
    slow "Slow strokes" >/dev/null || fail "seeding 12 weeks"

# in_de ARGS...: backcare in German; in_c ARGS...: in C.UTF-8.
in_de() { LOCPATH="$T/loc" LC_ALL=de_DE.UTF-8 BACKCARE_TEST_NOW=$NOW \
    $BC_WRAP "$BACKCARE" "$@" 2>&1; }
in_c() { BACKCARE_TEST_NOW=$NOW $BC_WRAP "$BACKCARE" "$@" 2>&1; }

for cmd in "report" "report --format markdown" "export --format csv" \
    "export --format json" "lessons"; do
	# shellcheck disable=SC2086
	in_de $cmd >"$T/de" ; in_c $cmd >"$T/c"
	# exported_at is the clock's: the one line that may differ by a second.
	sed 's/"exported_at": "[^"]*"//' "$T/de" >"$T/de.x"
	sed 's/"exported_at": "[^"]*"//' "$T/c" >"$T/c.x"
	if cmp -s "$T/de.x" "$T/c.x"; then
		pass "$cmd: the same in de_DE.UTF-8 as in C.UTF-8"
	else
		fail "$cmd differs in de_DE.UTF-8: $(diff "$T/de.x" "$T/c.x" | head -3)"
	fi
done
# The report has decimals to lose: mean pain with a point.
in_de report >"$T/de"
if grep -Eq '[0-9]\.[0-9]' "$T/de" && ! grep -Eq ' [0-9],[0-9]' "$T/de"; then
	pass "report decimals keep their point"
else
	fail "report decimals: $(grep -E '[0-9][.,][0-9]' "$T/de" | head -2)"
fi
# UTF-8 still: a lesson title with a curly quote or dash prints as UTF-8.
printf '# Café – “ok”\n\nText.\n' >"$T/l.md"
in_de show "$T/l.md" >"$T/show"
if grep -q 'Café – “ok”' "$T/show"; then pass "UTF-8 text shown as UTF-8"
else fail "UTF-8 text in de_DE: $(head -2 "$T/show")"; fi
bc_done
