# tests/printout_lib.sh: the history the printout tests share, sourced
# after tests/lib.sh: 12 weeks of use seeded through the store's own code
# (tests/seed_history), ending Wednesday 2027-03-17 12:00 UTC, and a
# plan with a hostile title, therapist, clearance and notes (markup, a
# script, character references and terminal escapes).
export TZ=UTC
NOW=1805284800          # Wednesday 2027-03-17 12:00 UTC
export BACKCARE_TEST_NOW=$NOW
SEED="$TOP_BUILDDIR/tests/seed_history"
ESC=$(printf '\033')
HOSTILE_TITLE="Weeks 1-12 <script>alert(\"t\")</script> &amp; <b>bold</b> ${ESC}[31mred"
HOSTILE_NOTE="Sore <img src=http://example.com/x.png> <script>alert(2)</script> &lt; ${ESC}]0;pwned"
# What the page must show as text for those (escapes shown as ^[; the
# plan is CommonMark, so its &amp; is an ampersand).
SHOWN_TITLE="Weeks 1-12 <script>alert(\"t\")</script> & <b>bold</b> ^[[31mred"
SHOWN_NOTE="<script>alert(2)</script> &lt; ^[]0;pwned"

[ -x "$SEED" ] || { echo "FAIL - $SEED is not built"; exit 1; }
n=$("$SEED" "$BACKCARE_DB" $NOW swedish-basics \
	"Swedish basics for the low back" "$HOSTILE_NOTE") ||
	{ echo "FAIL - seeding the history"; exit 1; }
SESSIONS=$n

cat >"$T/plan.md" <<EOP
# $HOSTILE_TITLE

- from: 2026-12-21
- until: 2027-03-28
- therapist: Sam <i>Lee</i> & "Co", 555-0100

## Routines
- swedish-basics: 3 per week
- gentle-five: 2 per week

## Clearances
- history_of_cancer: Dr Ana <em>Silva</em>, until 2027-05-01

## Notes
Walk every day <script>alert(3)</script> and see
![a picture](http://example.com/p.png) or [this](https://example.com/).

<iframe src="http://example.com/"></iframe>
EOP
"$BACKCARE" plan import "$T/plan.md" >/dev/null 2>"$T/plan.err" ||
	{ echo "FAIL - plan import: $(cat "$T/plan.err")"; exit 1; }
