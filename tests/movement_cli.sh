#!/bin/sh
. "$TOP_SRCDIR/tests/lib.sh"
bc_done
