#!/bin/sh
export HOME='/work/main/tests/tmp/terminals.12087/home' XDG_DATA_HOME='/work/main/tests/tmp/terminals.12087/home/.local/share' BACKCARE_DB='/work/main/tests/tmp/terminals.12087/progress.db'
export LANG='C' LC_ALL='C' TERM='screen-256color'

stty sane
trap : INT
 'valgrind' '-q' '--error-exitcode=99' '--leak-check=full' '--errors-for-leak-kinds=definite' '--track-fds=no' '/work/main/src/backcare'
echo $? > '/work/main/tests/tmp/terminals.12087/exit.tmp'; mv '/work/main/tests/tmp/terminals.12087/exit.tmp' '/work/main/tests/tmp/terminals.12087/exit'
stty -a > '/work/main/tests/tmp/terminals.12087/stty.after'
exec sleep 100000
