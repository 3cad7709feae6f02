#!/bin/sh
# Every header stands alone and survives being included twice: each
# src/*.h is compiled on its own, twice in one translation unit, with the
# program's flags and -Werror.  A declaration left outside its include
# guard (a second enum, a macro defined again) fails here.
. "$TOP_SRCDIR/tests/lib.sh"

: "${BC_CC:?run through make check}"
n=0
for h in "$TOP_SRCDIR"/src/*.h; do
	name=$(basename "$h")
	printf '#include "config.h"\n#include "%s"\n#include "%s"\nint bc_header_twice;\n' \
		"$name" "$name" >"$T/twice.c"
	# shellcheck disable=SC2086
	if $BC_CC $BC_HEADER_CFLAGS -I"$TOP_BUILDDIR" -I"$TOP_SRCDIR/src" \
		-Wall -Wextra -Werror -fsyntax-only "$T/twice.c" 2>"$T/err"; then
		n=$((n + 1))
	else
		fail "$name included twice"
		sed 's/^/  | /' "$T/err" | head -n 8
	fi
done
[ "$n" -gt 20 ] && pass "$n headers compile included twice" || fail "only $n headers compiled"
# The check itself can fail: a header with a definition outside its guard.
printf '#ifndef X_H\n#define X_H\n#endif\nenum bc_twice { BC_TWICE };\n' >"$T/bad.h"
printf '#include "bad.h"\n#include "bad.h"\n' >"$T/bad.c"
if $BC_CC -I"$T" -fsyntax-only "$T/bad.c" 2>/dev/null; then
	fail "a definition outside the guard went unnoticed"
else
	pass "a definition outside the guard is caught"
fi
bc_done
