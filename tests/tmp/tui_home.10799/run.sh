#!/bin/sh
export HOME='/work/main/tests/tmp/tui_home.10799/home' XDG_DATA_HOME='/work/main/tests/tmp/tui_home.10799/home/.local/share' BACKCARE_DB='/work/main/tests/tmp/tui_home.10799/progress.db'
export LANG='C.UTF-8' LC_ALL='C.UTF-8' TERM='screen-256color'

stty sane
trap : INT
 'valgrind' '-q' '--error-exitcode=99' '--leak-check=full' '--errors-for-leak-kinds=definite' '--track-fds=no' '/work/main/src/backcare'
echo $? > '/work/main/tests/tmp/tui_home.10799/exit.tmp'; mv '/work/main/tests/tmp/tui_home.10799/exit.tmp' '/work/main/tests/tmp/tui_home.10799/exit'
stty -a > '/work/main/tests/tmp/tui_home.10799/stty.after'
exec sleep 100000
