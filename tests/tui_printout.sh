#!/bin/sh
# The Progress view writes the HTML report and the handout (key w) beside
# the progress file, says where on the status line, makes them 0600, and
# says why when they cannot be written.  The clock is pinned.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
NOW=1795608000     # 2026-11-25 12:00:00 UTC, a Wednesday
export BACKCARE_TEST_NOW=$NOW
TUI_ENV="export TZ=UTC BACKCARE_TEST_NOW=$NOW"
# The status line shows the data folder whole: a short one, as the build
# folder (and so $T) may be deep.
bc_need_short
export HOME="$BC_SHORT"
export XDG_DATA_HOME="$HOME/.local/share"
export BACKCARE_DB="$XDG_DATA_HOME/backcare/progress.db"
DIR="$XDG_DATA_HOME/backcare"

printf 'age=40\nweeks=3\n' | "$BACKCARE" screen --answers - >/dev/null ||
	fail "safety check"

open_progress() {
	tui_start "${COLS:-200}" 30 --no-bell
	tui_home || fail "the home screen"
	tui_keys 4 Enter
	tui_wait "${PV_TEXT:-This week:}" || fail "the progress view"
}

open_progress
expect_screen "w print" "the status line offers to write"
tui_keys w
# The folder with home as ~ (attack14 #10).
tui_wait "Wrote 2 HTML files (report, handout) in ~/.local/share/backcare" ||
	fail "the status line says where"
for f in report handout; do
	[ -s "$DIR/backcare-$f.html" ] && pass "the $f is written" || fail "no $f"
	[ "$(stat -c %a "$DIR/backcare-$f.html" 2>/dev/null)" = 600 ] &&
		pass "the $f is 0600" || fail "the $f is not 0600"
	python3 "$TOP_SRCDIR/tests/html_check.py" "$DIR/backcare-$f.html" \
		>"$T/check" 2>&1 && pass "the $f passes the strict check" ||
		fail "$f: $(cat "$T/check")"
done
grep -q 'In an emergency call 112' "$DIR/backcare-handout.html" &&
	pass "the handout has the emergency number" || fail "no number in the handout"
# A second press says the files were replaced.
tui_keys w
tui_wait "Replaced 2 HTML files (report, handout) in ~/.local/share/backcare" ||
	fail "a second press says Replaced"
tui_keys q
tui_keys q
tui_wait_exit
tui_stop

# 40 columns: the words stay whole, the folder is shortened to fit.
COLS=40 open_progress
tui_keys w
tui_wait "Replaced 2 HTML files in .../backcare" &&
	pass "40 columns: the words whole, the folder's last part" ||
	fail "40 columns: cut"
tui_keys q
tui_keys q
tui_wait_exit
tui_stop

# A document that cannot be written: the status line says why, and which
# one was written.
rm -f "$DIR/backcare-report.html"
mkdir "$DIR/backcare-report.html"
open_progress
tui_keys w
tui_wait "Wrote the handout; the report not (Is a directory) in ~/.local/share/backcare" ||
	fail "the reason is shown, and the handout written"
ls "$DIR" | grep -q 'html\.' && fail "temporary files left: $(ls "$DIR")" ||
	pass "no temporary files left"
tui_keys q
tui_keys q
tui_wait_exit
tui_stop

# No progress file can be made (its folder is a file): both go to the
# current folder, named in full, and the handout is written all the same
# (attack14 #11).
mkdir -p "$T/cwd"
: >"$T/notadir"
BACKCARE_DB="$T/notadir/p.db"
cd "$T/cwd" || fail "cd"
PV_TEXT="notadir/p.db: Not a directory" open_progress
tui_keys w
tui_wait "Wrote the handout; the report not" || fail "the handout without a progress file"
[ -s "$T/cwd/backcare-handout.html" ] && pass "the handout is in the current folder" ||
	fail "no handout in $T/cwd: $(ls "$T/cwd")"
tui_keys q
tui_keys q
tui_wait_exit
tui_stop

bc_done
