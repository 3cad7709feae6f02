#!/bin/sh
# The command-line contract: help, version, options, errors, defaults.
. "$TOP_SRCDIR/tests/lib.sh"

bc_run --help
expect_status 0 "--help"
expect_out "usage: backcare" "--help prints usage on stdout"
expect_out "info" "--help lists the commands"
[ -z "$ERR" ] && pass "--help writes nothing on stderr" || fail "--help stderr: $ERR"
bc_run -h
expect_status 0 "-h"
bc_run --version
expect_status 0 "--version"
first=$(printf '%s\n' "$OUT" | head -n 1)
[ "$first" = "backcare ${BC_VERSION:?}" ] && pass "--version first line" || fail "--version said '$first'"
bc_run -V
expect_status 0 "-V"

bc_run --frobnicate
expect_status 2 "unknown option"
expect_err "'--frobnicate'" "unknown option is named"
expect_err "--help" "unknown option hints at --help"
expect_one_line_err "unknown option"
bc_run -x
expect_status 2 "unknown short option"
expect_err "'-x'" "unknown short option is named"
bc_run frobnicate
expect_status 2 "unknown command"
expect_err "unknown command 'frobnicate'" "unknown command is named"
expect_one_line_err "unknown command"
bc_run info --frob
expect_status 2 "unknown option after a command"
expect_err "'--frob'" "command option error names it"
bc_run info extra
expect_status 2 "extra argument"
bc_run --width
expect_status 2 "--width without a value"
expect_err "needs a value" "missing value is explained"
for w in abc 0 19 1001 -5 ''; do
	bc_run --width "$w" info
	expect_status 2 "--width '$w'"
	expect_one_line_err "--width '$w'"
done
bc_run --width 20 info
expect_status 0 "--width 20 accepted"
bc_run --db '' info
expect_status 2 "--db ''"
bc_run --content-dir '' info
expect_status 2 "--content-dir ''"
bc_run --emergency-number 'call me' info
expect_status 2 "--emergency-number with letters"
bc_run --emergency-number 999 info
expect_out "emergency number	999" "--emergency-number is used"
BACKCARE_EMERGENCY=911 bc_run info
expect_out "emergency number	911" "BACKCARE_EMERGENCY is used"
bc_run info
expect_out "emergency number	112" "the default emergency number is 112"

# Where the progress file lives.
bc_run info
expect_out "progress file	$T/progress.db" "BACKCARE_DB is honoured"
bc_run --db "$T/other.db" info
expect_out "progress file	$T/other.db" "--db wins over BACKCARE_DB"
[ ! -e "$T/other.db" ] && pass "info only reads: it creates no progress file" || fail "info created $T/other.db"
unset BACKCARE_DB
bc_run info
expect_out "progress file	$XDG_DATA_HOME/backcare/progress.db" "XDG_DATA_HOME default"
XDG_DATA_HOME= bc_run info
expect_out "progress file	$HOME/.local/share/backcare/progress.db" "HOME default"
export BACKCARE_DB="$T/progress.db"

# Content folders.
bc_run info
expect_out "built-in content	$TOP_SRCDIR/content" "the build tree finds the source content"
mkdir -p "$T/c1" "$T/c2"
bc_run --content-dir "$T/c1" info --content-dir "$T/c2"
expect_out "content dir	$T/c1" "first --content-dir"
expect_out "content dir	$T/c2" "--content-dir after the command, repeatable"

# The interactive program needs a terminal.
bc_run
expect_status 1 "no terminal"
expect_err "needs a terminal" "no terminal is explained"
expect_err "plain commands" "no terminal hints at the plain commands"
expect_one_line_err "no terminal"

# Writing to a closed or full output is an error, not silence.
if [ -w /dev/full ]; then
	"$BACKCARE" --help >/dev/full 2>"$T/err"
	st=$?
	[ $st -ne 0 ] && pass "a full stdout fails (exit $st)" || fail "a full stdout exits 0"
fi

bc_done
