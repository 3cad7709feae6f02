#!/bin/sh
# After a check that locks the routines (EMERGENCY, URGENT, SOON, a massage
# BLOCK, a clearance missing), `today` and the handout say so in the
# check's own words and never offer a routine to do (red-flags.md section
# 6 items 3, 7 and 11; attack14 #1 and #2).  Each verdict gets its own
# progress file; the clock is pinned.
. "$TOP_SRCDIR/tests/lib.sh"

export TZ=UTC
export BACKCARE_TEST_NOW=1805284800     # Wednesday 2027-03-17 12:00 UTC
Q="$TOP_SRCDIR/content/screener/questions.md"
ids=$(grep -o '^### [a-z_0-9]*' "$Q" | sed 's/### //')
[ -n "$ids" ] || fail "no question ids in $Q"

# answers FILE [ID=VALUE...]: every question no, age 40, 4 weeks, but those.
answers() {
	out=$1
	shift
	{
		echo age=40
		echo weeks=4
		for i in $ids; do
			v=no
			for o in "$@"; do
				case $o in "$i"=*) v=${o#*=} ;; esac
			done
			echo "$i=$v"
		done
	} >"$out"
}

cat >"$T/plan.md" <<'EOP'
# Spring

- from: 2027-03-15
- until: 2027-04-11

## Routines
- swedish-basics: 3 per week
- gentle-five: 2 per week

## Notes
Walk every day.
EOP

# checked NAME ID=VALUE...: a progress file with the plan and that check.
checked() {
	name=$1
	shift
	export BACKCARE_DB="$T/$name.db"
	"$BACKCARE" plan import "$T/plan.md" >/dev/null || fail "$name: plan import"
	answers "$T/$name.ans" "$@"
	"$BACKCARE" screen --answers "$T/$name.ans" >/dev/null 2>&1
}

# today_is NAME LINE: `today` prints exactly LINE, exit 0.
today_is() {
	bc_run today
	expect_status 0 "$1: today"
	if [ "$OUT" = "$2" ]; then pass "$1: today says '$2'"
	else fail "$1: today said '$OUT', wanted '$2'"; fi
}

# locked_sheet NAME: the handout in text and HTML is no homework.
locked_sheet() {
	bc_run --width 200 handout
	expect_status 0 "$1: handout"
	expect_out "No massage for now" "$1: the sheet's title says so"
	expect_out "! Do not do these routines until the safety check opens them again" "$1: the routines are not to be done"
	expect_out "  Swedish basics for the low back: not until the routines open." "$1: each routine named, not offered"
	expect_no_out "It sets no limits" "$1: no 'every step runs as written'"
	expect_no_out "Routines are open" "$1: nothing says open"
	expect_no_out "Your weekly targets" "$1: no tick boxes"
	expect_no_out "[ ]" "$1: not one box"
	expect_no_out "  1. " "$1: no steps"
	expect_out "$2" "$1: the reason on the sheet"
	expect_no_out "Homework:" "$1: not called homework"
	bc_run handout --format html
	expect_out '<p class="warn">Do not do these routines' "$1: HTML: the lock in a warning box"
	expect_no_out 'class="box"' "$1: HTML: no boxes"
	expect_no_out 'class="step' "$1: HTML: no steps"
}

checked emergency saddle_numbness=yes
today_is emergency "backcare: last safety check: EMERGENCY: go to the emergency department or call 112 (999 in the UK, 911 in the US) now"
locked_sheet emergency "! Routines are locked: your last safety check found warning signs."
expect_out '<p class="warn">Go to the emergency department or call 112 (999 in the UK, 911 in the US) now.' "emergency: its advice in a warning box"

checked ambulance chest_pain_or_breathless=yes
today_is ambulance "backcare: last safety check: EMERGENCY: call 112 (999 in the UK, 911 in the US) now and ask for an ambulance"
bc_run --width 200 handout
expect_out "! Call 112 (999 in the UK, 911 in the US) now and ask for an ambulance. Do not drive yourself." "ambulance: the sheet says so"

checked urgent fever_or_chills=yes
today_is urgent "backcare: last safety check: URGENT: see a doctor today: ask for an urgent GP appointment, or call your out-of-hours service (111 in the UK)"
locked_sheet urgent "! See a doctor today: ask for an urgent GP appointment"

checked soon thoracic_pain=yes
today_is soon "backcare: last safety check: SOON: book an appointment with a doctor or physiotherapist within the next 1 to 2 weeks"
locked_sheet soon "! Book an appointment with a doctor or physiotherapist within the next 1 to 2 weeks. Skip massage until then."

checked block mc_fever_acute_illness=yes
today_is block "backcare: routines locked: the massage checks said no massage for now. Do the safety check again once that has changed."
locked_sheet block "! Routines are locked: the massage checks said no massage for now."

checked ask mc_pregnancy=yes
today_is ask "backcare: routines locked: your safety check asked for a clinician's clearance first. Once your doctor or therapist has written it into your homework plan, import the plan and do the safety check again."
locked_sheet ask "! Routines are locked: your safety check asked for a clinician's clearance first."

# The configured number reaches both.
BACKCARE_DB="$T/emergency.db" bc_run --emergency-number 911 today
[ "$OUT" = "backcare: last safety check: EMERGENCY: go to the emergency department or call 911 now" ] &&
	pass "today with --emergency-number" || fail "today with 911: $OUT"

# An open check still gets the homework, and the plan's Notes (#7).
checked open
today_is open "backcare: today: Swedish basics for the low back, Five gentle minutes for a bad day; this week: Swedish basics for the low back 0 of 3 done, Five gentle minutes for a bad day 0 of 2 done"
bc_run --width 200 handout
expect_out "Homework: Spring" "open: homework"
expect_out "It sets no limits: every step runs as written." "open: no limits"
expect_out "Notes from your plan" "open: the plan's notes (#7)"
expect_out "Walk every day." "open: the notes' words (#7)"

# 8 days on the check has expired: the lock in the bold box, and nothing
# says the steps run as written.
BACKCARE_TEST_NOW=$((BACKCARE_TEST_NOW + 8 * 86400)) bc_run --width 200 handout
expect_out "! Routines are locked: your last safety check is 7 days old or more." "expired: the lock in the warning box"
expect_no_out "It sets no limits" "expired: no 'every step runs as written'"

bc_done
