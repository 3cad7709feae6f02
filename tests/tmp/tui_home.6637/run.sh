#!/bin/sh
export HOME='/work/main/tests/tmp/tui_home.6637/home' XDG_DATA_HOME='/work/main/tests/tmp/tui_home.6637/home/.local/share' BACKCARE_DB='/work/main/tests/tmp/tui_home.6637/progress.db'
export LANG='C.UTF-8' LC_ALL='C.UTF-8' TERM='screen-256color'

stty sane
 '/work/main/src/backcare'
echo $? > '/work/main/tests/tmp/tui_home.6637/exit.tmp'; mv '/work/main/tests/tmp/tui_home.6637/exit.tmp' '/work/main/tests/tmp/tui_home.6637/exit'
stty -a > '/work/main/tests/tmp/tui_home.6637/stty.after'
exec sleep 100000
