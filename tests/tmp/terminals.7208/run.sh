#!/bin/sh
export HOME='/work/main/tests/tmp/terminals.7208/home' XDG_DATA_HOME='/work/main/tests/tmp/terminals.7208/home/.local/share' BACKCARE_DB='/work/main/tests/tmp/terminals.7208/progress.db'
export LANG='C' LC_ALL='C' TERM='screen-256color'

stty sane
trap : INT
 '/work/main/src/backcare'
echo $? > '/work/main/tests/tmp/terminals.7208/exit.tmp'; mv '/work/main/tests/tmp/terminals.7208/exit.tmp' '/work/main/tests/tmp/terminals.7208/exit'
stty -a > '/work/main/tests/tmp/terminals.7208/stty.after'
exec sleep 100000
