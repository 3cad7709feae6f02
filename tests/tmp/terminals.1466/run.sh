#!/bin/sh
export HOME='/work/main/tests/tmp/terminals.1466/home' XDG_DATA_HOME='/work/main/tests/tmp/terminals.1466/home/.local/share' BACKCARE_DB='/work/main/tests/tmp/terminals.1466/progress.db'
export LANG='C' LC_ALL='C' TERM='screen-256color'

stty sane
trap : INT
 '/work/main/src/backcare'
echo $? > '/work/main/tests/tmp/terminals.1466/exit.tmp'; mv '/work/main/tests/tmp/terminals.1466/exit.tmp' '/work/main/tests/tmp/terminals.1466/exit'
stty -a > '/work/main/tests/tmp/terminals.1466/stty.after'
exec sleep 100000
