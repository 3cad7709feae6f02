#!/bin/sh
# The report and the handout printed to PDF by headless Chromium, on A4
# and on US Letter: the handout's text holds every routine and step title
# and the emergency number; the pages are counted and kept within bounds.
# Skips (77) only when Chromium is missing.
. "$TOP_SRCDIR/tests/lib.sh"
CHROMIUM=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null 2>&1 && { CHROMIUM=$c; break; }
done
[ -n "$CHROMIUM" ] || skip_all "Chromium is not installed (Debian: apt-get install chromium)"
. "$TOP_SRCDIR/tests/printout_lib.sh"

# pdf HTML PAPER: prints HTML on PAPER (A4 or letter) to $T/out.pdf and
# its text to $T/out.txt (one line, spaces squeezed); sets PAGES.
pdf() {
	sed "s|<style>|<style>@page { size: $2; }|" "$1" >"$T/paper.html"
	rm -f "$T/out.pdf"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--no-pdf-header-footer --user-data-dir="$T/chromium" \
		--print-to-pdf="$T/out.pdf" "file://$T/paper.html" \
		>"$T/chromium.log" 2>&1
	if [ ! -s "$T/out.pdf" ]; then
		fail "Chromium made no PDF of $1: $(tail -3 "$T/chromium.log")"
		PAGES=0
		: >"$T/out.txt"
		return
	fi
	pdftotext "$T/out.pdf" - | tr -s ' \n\f' '   ' >"$T/out.txt"
	PAGES=$(pdfinfo "$T/out.pdf" | awk '/^Pages:/ {print $2}')
}
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null ||
	{ fail "pdftotext and pdfinfo are needed (Debian: poppler-utils)"; bc_done; exit 1; }

in_pdf() {
	if grep -qF -- "$1" "$T/out.txt"; then pass "$2"
	else fail "$2: the PDF lacks '$1'"; fi
}

"$BACKCARE" handout --plan --output "$T/plan.html" ||
	fail "handout --plan"
"$BACKCARE" handout --output "$T/all.html" abdominal-trigger-points \
	gentle-five myofascial-release swedish-basics trigger-point-release ||
	fail "handout of every routine"
"$BACKCARE" --emergency-number 911 report --format html \
	--output "$T/report.html" || fail "report"

for paper in A4 letter; do
	pdf "$T/all.html" $paper
	for f in "$TOP_SRCDIR"/content/routines/*.md; do
		title=$(sed -n 's/^# //p' "$f" | head -1)
		in_pdf "$title" "$paper: routine '$title'"
		sed -n 's/^## //p' "$f" >"$T/steps"
		while IFS= read -r step; do
			in_pdf "$step" "$paper: step '$step' of $(basename "$f" .md)"
		done <"$T/steps"
	done
	in_pdf "In an emergency call 112 (999 in the UK, 911 in the US)." "$paper: the emergency number"
	in_pdf "call 112 (999 in the UK, 911 in the US) for an ambulance" "$paper: the safety net with the number"
	# 4 pages here (DejaVu fonts); a little room for other fonts.
	[ "$PAGES" -ge 2 ] && [ "$PAGES" -le 5 ] &&
		pass "$paper: every routine on $PAGES pages (2 to 5)" ||
		fail "$paper: every routine on $PAGES pages"
	echo "# $paper: all routines: $PAGES pages"

	pdf "$T/plan.html" $paper
	in_pdf "Swedish basics for the low back (3 a week)" "$paper: the plan's targets"
	in_pdf "Five gentle minutes for a bad day" "$paper: the plan's second routine"
	in_pdf "$SHOWN_TITLE" "$paper: the hostile title as text"
	# Two routines and 12 weeks of boxes: 2 pages here.
	[ "$PAGES" -ge 1 ] && [ "$PAGES" -le 3 ] &&
		pass "$paper: the plan's handout on $PAGES pages (1 to 3)" ||
		fail "$paper: the plan's handout on $PAGES pages"
	echo "# $paper: plan handout: $PAGES pages"

	pdf "$T/report.html" $paper
	in_pdf "starting level 7.0" "$paper: the pain chart's starting level"
	in_pdf "meaningful change: " "$paper: the pain chart's minimal important change"
	in_pdf "The last 12 weeks" "$paper: the calendar"
	in_pdf "$SHOWN_NOTE" "$paper: the hostile note as text"
	in_pdf "Safety checks" "$paper: the checks"
	# 12 weeks of 3 sessions: 3 or 4 pages here.
	[ "$PAGES" -ge 2 ] && [ "$PAGES" -le 5 ] &&
		pass "$paper: the report on $PAGES pages (2 to 5)" ||
		fail "$paper: the report on $PAGES pages"
	echo "# $paper: report: $PAGES pages"
done

bc_done
