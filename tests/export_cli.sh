#!/bin/sh
# `export`: every record as JSON or CSV, on standard output or as private
# files; parsed back with python3 to prove an awkward note survives byte
# for byte and times are ISO 8601; refusals, bad usage, write errors, and
# the progress file left untouched.
. "$TOP_SRCDIR/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

now=1796113800          # 2026-12-01T08:30:00Z
q() { sqlite3 "$BACKCARE_DB" "$1"; }
TABLES="lesson_progress selfcheck_answers checks check_answers check_rules check_actions check_clearances sessions steps plans plan_routines plan_lessons plan_clearances step_pain pain_events psfs_activities psfs_sets psfs_scores outlook_sets outlook_answers"
mode_of() { stat -c %a "$1"; }
db_sum() { cat "$BACKCARE_DB" "$BACKCARE_DB-wal" 2>/dev/null | sha256sum; }

# ---- bad usage: exit 2, one line naming the value, nothing created -------
bc_run export
expect_status 2 "no --format"
expect_err "--format csv or --format json" "says which formats"
expect_one_line_err "no --format"
bc_run export --format xml
expect_status 2 "an unknown format"
expect_err "'xml'" "names the bad format"
expect_one_line_err "an unknown format"
bc_run export --format
expect_status 2 "--format without a value"
expect_err "'--format'" "names the option"
bc_run export --format csv extra
expect_status 2 "an extra argument"
expect_err "'extra'" "names the extra argument"
expect_one_line_err "an extra argument"
bc_run export --format json --colour
expect_status 2 "an unknown option"
expect_err "'--colour'" "names the unknown option"
bc_run export --format csv --output ''
expect_status 2 "an empty --output"
expect_err "--output needs a folder" "says --output needs a folder"
[ ! -e "$BACKCARE_DB" ] && pass "bad usage creates no progress file" || fail "bad usage created $BACKCARE_DB"

# ---- no progress file: refused, and none created ----------------------
bc_run export --format json
expect_status 1 "no progress file yet"
expect_err "no progress file yet" "says there is nothing to export"
expect_one_line_err "no progress file yet"
[ -z "$OUT" ] && pass "nothing on stdout without a file" || fail "stdout: $OUT"
[ ! -e "$BACKCARE_DB" ] && pass "the export creates no progress file" || fail "export created $BACKCARE_DB"
bc_run --db "$T/none/sub/p.db" export --format csv
expect_status 1 "a progress file in a missing folder"
[ ! -e "$T/none" ] && pass "no folder made for a missing file" || fail "export made $T/none"

# ---- a real session: safety check, then a routine of 1-second steps -----
mkdir -p "$T/content/routines"
cat >"$T/content/routines/tiny.md" <<'EOF'
# Tiny routine

For the export tests: one second of strokes, one step skipped.

## Long strokes

- duration: 1s
- stroke: effleurage
- region: lower back
- position: sitting
- pressure: light

Glide.

## Calf strokes

- duration: 1s
- stroke: effleurage
- region: legs
- position: sitting
- pressure: light

Glide down the legs.
EOF
# An earlier check whose rules fired, then one that opens the routines.
printf 'age=17\nweeks=1\nfever_or_chills=yes\nfirst_ever_episode=yes\n' >"$T/ans"
BACKCARE_TEST_NOW=$((now - 86400)) bc_run screen --answers "$T/ans"
expect_out "verdict: URGENT" "an earlier check with rules"
printf 'age=40\nweeks=2\nmc_recent_surgery=yes\nmc_recent_surgery.region=neck, legs\n' >"$T/ans"
BACKCARE_TEST_NOW=$now bc_run screen --answers "$T/ans"
expect_status 0 "a safety check"
expect_out "verdict: NONE" "the check opens the routines"
printf '6\n3\n' >"$T/in"
BACKCARE_TEST_NOW=$((now + 60)) BC_STDIN="$T/in" bc_run --content-dir "$T/content" run tiny --plain
expect_status 0 "a plain run of the routine"
[ "$(q "SELECT state, pain_before, pain_after FROM sessions")" = "completed|6|3" ] && pass "the session is stored" || fail "session: $(q 'SELECT * FROM sessions')"
[ "$(q "SELECT count(*) FROM steps WHERE state='skipped' AND note LIKE 'Skipped%'")" = 1 ] && pass "a skipped step with its note" || fail "steps: $(q 'SELECT * FROM steps')"

# The awkward note: commas, quotes, CR LF, a tab, UTF-8, an emoji.
printf 'Sore, then "better"\r\nnext line\ttab \303\251 \360\237\231\202 end' >"$T/note"
q "UPDATE sessions SET note = CAST(readfile('$T/note') AS TEXT);
INSERT INTO lesson_progress VALUES ('spine-anatomy', 12, $now, $((now + 300)), NULL, $((now + 300)));
INSERT INTO selfcheck_answers VALUES ('spine-anatomy', 1, 1, $((now + 310)));
INSERT INTO plans VALUES (1, 'Weeks 1, 2', '2026-12-01', '2026-12-14', 'Dr \"Ann\"', CAST(readfile('$T/note') AS TEXT), '/tmp/plan.md', $now);
INSERT INTO plan_routines VALUES (1, 'tiny', 3);
INSERT INTO plan_lessons VALUES (1, 'spine-anatomy', 0);
INSERT INTO plan_clearances VALUES (1, 'mc_dvt_history', 'Dr \"Ann\"', '2026-12-14');
INSERT INTO check_clearances VALUES (2, 'mc_dvt_history', 'Dr \"Ann\"', '2026-12-14');
INSERT INTO step_pain VALUES (1, 0, 'Long strokes', 4, 0, 'some pain', $((now + 61)));
INSERT INTO pain_events VALUES (1, 1, 'tiny', 'raised', $((now + 62)));"
# The function ratings and the single items, through their commands.
printf 'Walking, "far" = 4\n' >"$T/fn"
BACKCARE_TEST_NOW=$((now + 400)) bc_run function --answers "$T/fn"
expect_status 0 "a function rating"
printf 'yf_mood=3\n' >"$T/ol"
BACKCARE_TEST_NOW=$((now + 500)) bc_run outlook --answers "$T/ol"
expect_status 0 "the single items"
for t in $TABLES; do
	[ "$(q "SELECT count(*) > 0 FROM $t")" = 1 ] || fail "table $t is empty before the export"
done
before=$(db_sum)

# ---- JSON on stdout ------------------------------------------------------
BACKCARE_TEST_NOW=$((now + 3600)) bc_run export --format json
expect_status 0 "export --format json"
[ -z "$ERR" ] && pass "json: nothing on stderr" || fail "json stderr: $ERR"
cp "$T/out" "$T/export.json"
# check_json FILE: the document, every table, the note, ISO times.
check_json() {
	python3 - "$1" "$T/note" "$TABLES" \
	    "$(sqlite3 "$BACKCARE_DB" 'PRAGMA user_version')" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
note = open(sys.argv[2], encoding="utf-8", newline="").read()
iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
assert doc["schema"] == int(sys.argv[4]) >= 1, doc["schema"]
assert re.match(r"\d", doc["backcare"]), doc["backcare"]
assert doc["exported_at"] == "2026-12-01T09:30:00Z", doc["exported_at"]
t = doc["tables"]
assert list(t) == sys.argv[3].split(), list(t)
for name, rows in t.items():
    assert rows, name + " is empty"
    for row in rows:
        for k, v in row.items():
            if k == "at" or k.endswith("_at"):
                assert v is None or iso.match(v), (name, k, v)
s = t["sessions"][0]
assert s["note"] == note, repr(s["note"])
assert t["plans"][0]["notes"] == note
assert t["plans"][0]["therapist"] == 'Dr "Ann"'
assert s["started_at"] == "2026-12-01T08:31:00Z", s["started_at"]
assert s["pain_before"] == 6 and s["pain_after"] == 3
assert s["state"] == "completed"
assert t["checks"][0]["at"] == "2026-11-30T08:30:00Z"
assert t["checks"][1]["at"] == "2026-12-01T08:30:00Z"
assert [c["verdict"] for c in t["checks"]] == ["URGENT", "NONE"]
assert {"item": "mc_recent_surgery", "answer": "yes", "detail": "neck, legs",
        "check_id": 2} in t["check_answers"]
assert [r["rule"] for r in t["check_rules"]] == ["U1", "S5"], t["check_rules"]
assert any(a["action"] == "AVOID-AREA" and a["region"] == "neck, legs"
           for a in t["check_actions"])
assert [x["state"] for x in t["steps"]] == ["skipped", "done"], t["steps"]
assert t["steps"][0]["note"].startswith("Skipped")
assert t["lesson_progress"][0]["selfcheck_at"] is None
assert t["lesson_progress"][0]["read_at"] == "2026-12-01T08:35:00Z"
assert t["check_clearances"] == [{"check_id": 2, "item": "mc_dvt_history",
        "cleared_by": 'Dr "Ann"', "until_date": "2026-12-14"}], t["check_clearances"]
assert t["checks"][1]["rules"] == 3, t["checks"][1]
assert "meta" not in t
EOF
}
if check_json "$T/export.json" 2>"$T/py.err"; then
	pass "json: parses; every table, the note byte for byte, ISO times"
else
	fail "json: $(cat "$T/py.err")"
fi

# ---- CSV on stdout: "# table: NAME", header, rows; blank line between ----
BACKCARE_TEST_NOW=$((now + 3600)) bc_run export --format csv
expect_status 0 "export --format csv"
cp "$T/out" "$T/export.csv"
# csv_tables: reads sections from the stream (or files DIR/TABLE.csv).
cat >"$T/check_csv.py" <<'EOF'
import csv, io, os, re, sys
src, note, tables = sys.argv[1], sys.argv[2], sys.argv[3].split()
note = open(note, encoding="utf-8", newline="").read()
iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
t = {}
if os.path.isdir(src):
    for name in tables:
        raw = open(os.path.join(src, name + ".csv"), "rb").read()
        assert raw.split(b"\n", 1)[0].endswith(b"\r"), name + ": not CRLF"
        with open(os.path.join(src, name + ".csv"), newline="",
                  encoding="utf-8") as f:
            t[name] = list(csv.reader(f))
else:
    raw = open(src, "rb").read()
    assert raw.startswith(b"# table: lesson_progress\r\n"), raw[:40]
    name = None
    with open(src, newline="", encoding="utf-8") as f:
        for rec in csv.reader(f):
            if name is None:
                assert len(rec) == 1 and rec[0].startswith("# table: "), rec
                name = rec[0][len("# table: "):]
                t[name] = []
            elif rec == []:
                name = None
            else:
                t[name].append(rec)
assert list(t) == tables, list(t)
rows = {}
for name, recs in t.items():
    head, body = recs[0], recs[1:]
    assert len(head) > 1 and body, name
    rows[name] = [dict(zip(head, r)) for r in body]
    for r in rows[name]:
        assert len(r) == len(head)
        for k, v in r.items():
            if k == "at" or k.endswith("_at"):
                assert v == "" or iso.match(v), (name, k, v)
s = rows["sessions"][0]
assert s["note"] == note, repr(s["note"])
assert rows["plans"][0]["notes"] == note
assert rows["plans"][0]["therapist"] == 'Dr "Ann"'
assert s["started_at"] == "2026-12-01T08:31:00Z", s["started_at"]
assert s["pain_before"] == "6" and s["state"] == "completed"
assert rows["lesson_progress"][0]["selfcheck_at"] == ""
assert any(a["detail"] == "neck, legs" for a in rows["check_answers"])
assert rows["steps"][0]["note"].startswith("Skipped")
EOF
if python3 "$T/check_csv.py" "$T/export.csv" "$T/note" "$TABLES" 2>"$T/py.err"; then
	pass "csv: sections parse; the note byte for byte, ISO times, CRLF"
else
	fail "csv: $(cat "$T/py.err")"
fi
[ "$(grep -c '^# table: ' "$T/export.csv")" = 20 ] && pass "csv: one section per table" || fail "csv sections: $(grep '^# table' "$T/export.csv")"
expect_no_out "# table: meta" "csv: meta is not exported"

# ---- --output DIR: private files, no silent overwrite -------------------
umask 022
bc_run export --format json --output "$T/outj"
expect_status 0 "json --output DIR"
[ "$(mode_of "$T/outj")" = 700 ] && pass "json: the folder is created 0700" || fail "folder mode $(mode_of "$T/outj")"
[ "$(mode_of "$T/outj/backcare.json")" = 600 ] && pass "json: the file is 0600" || fail "file mode $(mode_of "$T/outj/backcare.json")"
[ "$(ls "$T/outj")" = backcare.json ] && pass "json: one file, backcare.json" || fail "json files: $(ls "$T/outj")"
[ -z "$OUT" ] && pass "json --output: nothing on stdout" || fail "stdout: $OUT"
BACKCARE_TEST_NOW=$((now + 3600)) bc_run export --format json --output "$T/outj" --force
if check_json "$T/outj/backcare.json" 2>"$T/py.err"; then
	pass "json file: parses, with the note byte for byte"
else
	fail "json file: $(cat "$T/py.err")"
fi
echo mine >"$T/outj/backcare.json"
chmod 644 "$T/outj/backcare.json"
bc_run export --format json --output "$T/outj"
expect_status 1 "an existing backcare.json is refused"
expect_err "$T/outj/backcare.json: already exists" "the refusal names the file"
expect_one_line_err "an existing file"
[ "$(cat "$T/outj/backcare.json")" = mine ] && pass "the existing file is untouched" || fail "overwritten without --force"
BACKCARE_TEST_NOW=$((now + 3600)) bc_run export --output "$T/outj" --force --format json
expect_status 0 "--force replaces it"
check_json "$T/outj/backcare.json" 2>/dev/null && pass "--force: the new export" || fail "--force left: $(head -c 100 "$T/outj/backcare.json")"
[ "$(mode_of "$T/outj/backcare.json")" = 600 ] && pass "--force: the replaced file is 0600" || fail "replaced mode $(mode_of "$T/outj/backcare.json")"

bc_run export --format csv --output "$T/outc"
expect_status 0 "csv --output DIR"
[ "$(mode_of "$T/outc")" = 700 ] && pass "csv: the folder is created 0700" || fail "folder mode $(mode_of "$T/outc")"
n=0; bad=
for t in $TABLES; do
	n=$((n + 1))
	[ "$(mode_of "$T/outc/$t.csv")" = 600 ] || bad="$bad $t"
done
[ -z "$bad" ] && [ "$(ls "$T/outc" | wc -l)" = "$n" ] && pass "csv: one 0600 file per table" || fail "csv files: $(ls -l "$T/outc")"
if python3 "$T/check_csv.py" "$T/outc" "$T/note" "$TABLES" 2>"$T/py.err"; then
	pass "csv files: parse; the note byte for byte, ISO times, CRLF"
else
	fail "csv files: $(cat "$T/py.err")"
fi
mkdir "$T/outc2"
chmod 755 "$T/outc2"
echo mine >"$T/outc2/steps.csv"
bc_run export --format csv --output "$T/outc2"
expect_status 1 "an existing steps.csv is refused"
expect_err "$T/outc2/steps.csv: already exists" "the refusal names steps.csv"
expect_one_line_err "an existing csv file"
[ "$(ls "$T/outc2")" = steps.csv ] && pass "nothing written when one file exists" || fail "files: $(ls "$T/outc2")"
[ "$(mode_of "$T/outc2")" = 755 ] && pass "an existing folder keeps its mode" || fail "folder mode changed"
bc_run export --format csv --output "$T/outc2" --force
expect_status 0 "csv --force"
[ "$(ls "$T/outc2" | wc -l)" = 20 ] && [ "$(mode_of "$T/outc2/steps.csv")" = 600 ] && pass "csv --force writes every file, 0600" || fail "after --force: $(ls -l "$T/outc2")"
# Never through a symbolic link, even with --force; a failure part way
# takes back the files already written.
mkdir "$T/outc3"
echo theirs >"$T/target"
ln -s "$T/target" "$T/outc3/steps.csv"
bc_run export --format csv --output "$T/outc3" --force
expect_status 1 "a symbolic link is not followed"
expect_err "$T/outc3/steps.csv: cannot create" "names the link"
expect_one_line_err "a symbolic link"
[ "$(cat "$T/target")" = theirs ] && pass "the link's target is untouched" || fail "wrote through the link"
[ "$(ls "$T/outc3")" = steps.csv ] && pass "the files written before are removed" || fail "left: $(ls "$T/outc3")"
bc_run export --format json --output "$T/export.csv"
expect_status 1 "--output naming a file"
expect_err "not a folder" "says it is not a folder"
expect_one_line_err "--output naming a file"
bc_run export --format json --output "$T/no/such/dir"
expect_status 1 "--output in a missing folder"
expect_err "$T/no/such/dir: cannot create the folder" "names the folder"
expect_one_line_err "--output in a missing folder"
umask 077

# ---- write errors: one line, exit 1 --------------------------------------
if [ -w /dev/full ]; then
	for f in json csv; do
		$BC_WRAP "$BACKCARE" export --format $f >/dev/full 2>"$T/err"
		STATUS=$?
		ERR=$(cat "$T/err")
		bc_check_wrap
		expect_status 1 "$f to a full disk"
		expect_err "standard output: cannot write the export: No space left on device" "$f: the write error is named"
		expect_one_line_err "$f to a full disk"
	done
fi

# ---- the progress file is never changed --------------------------------
[ "$(db_sum)" = "$before" ] && pass "the exports left the progress file unchanged" || fail "the progress file changed"
[ "$(ls "$T" | grep -c '^progress\.db')" = 1 ] && pass "no -wal, -shm or other file left beside it" || fail "beside the progress file: $(ls "$T")"

# ---- a file that is not ours -----------------------------------------
printf 'not a database at all, just text that is long enough to be read %0100d' 0 >"$T/foreign.db"
bc_run --db "$T/foreign.db" export --format json
expect_status 1 "a foreign file is refused"
expect_one_line_err "a foreign file"
[ -z "$OUT" ] && pass "nothing exported from a foreign file" || fail "stdout: $OUT"

# ---- on a terminal: shown safely, escape sequences never raw ------------
q "UPDATE sessions SET note = 'evil ' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || ' end'"
if command -v script >/dev/null 2>&1; then
	for fmt in csv json; do
		script -qec "'$BACKCARE' export --format $fmt" /dev/null >"$T/tty.$fmt" 2>&1 </dev/null
		if grep -q "$(printf '\033')" "$T/tty.$fmt" || grep -q "$(printf '\007')" "$T/tty.$fmt"; then
			fail "$fmt on a terminal: an escape sequence reached it raw"
		elif grep -qF 'evil ␛[2J␛]0;owned␇ end' "$T/tty.$fmt" || grep -qF 'evil \u001b[2J' "$T/tty.$fmt"; then
			pass "$fmt on a terminal: the note is shown, its escapes made visible"
		else
			fail "$fmt on a terminal: the note is missing: $(head -c 600 "$T/tty.$fmt")"
		fi
	done
else
	echo "# script(1) missing: terminal export test skipped"
fi

bc_done
