#!/bin/sh
# What the build promises: one version everywhere (configure.ac, the
# program, NEWS, debian/changelog); every content file and fixture listed
# for install and the tarball; no build path in the program; the program
# finds the source content only through the file make writes beside it.
. "$TOP_SRCDIR/tests/lib.sh"

: "${BC_VERSION:?run through make check}"
: "${BC_INSTALLED_CONTENT:?run through make check}"

# ---- one version -----------------------------------------------------------
bc_run --version
v=$(printf '%s\n' "$OUT" | head -n 1)
[ "$v" = "backcare $BC_VERSION" ] && pass "--version says configure's $BC_VERSION" ||
	fail "--version says '$v', configure.ac says $BC_VERSION"
v=$(sed -n 's/^backcare \([0-9][^ ]*\) .*/\1/p' "$TOP_SRCDIR/NEWS" | head -n 1)
[ "$v" = "$BC_VERSION" ] && pass "NEWS opens with $BC_VERSION" ||
	fail "NEWS: first section is '$v', configure.ac says $BC_VERSION"
if [ -f "$TOP_SRCDIR/debian/changelog" ]; then
	v=$(sed -n '1s/^backcare (\([^)]*\)).*/\1/p' "$TOP_SRCDIR/debian/changelog")
	[ "$v" = "$BC_VERSION" ] && pass "debian/changelog opens with $BC_VERSION" ||
		fail "debian/changelog: first entry is '$v', configure.ac says $BC_VERSION"
	# Released in both or in neither.
	news=$(grep -m 1 '^backcare [0-9]' "$TOP_SRCDIR/NEWS" | grep -c '(unreleased)')
	deb=$(head -n 1 "$TOP_SRCDIR/debian/changelog" | grep -c ' UNRELEASED;')
	[ "$news" = "$deb" ] && pass "NEWS and debian/changelog agree on unreleased" ||
		fail "NEWS says unreleased: $news, debian/changelog says UNRELEASED: $deb"
else
	fail "debian/changelog is missing"
fi

# ---- every file listed -----------------------------------------------------
# listed KIND FOLDER LIST: every file under FOLDER (but .keep) is in LIST.
listed() {
	local missing
	missing=$(cd "$TOP_SRCDIR" && find "$2" -type f ! -name .keep | sort |
	    while read -r f; do
		case " $3 " in *" $f "*) ;; *) echo "$f" ;; esac
	    done)
	[ -z "$missing" ] && pass "every file under $2 is listed in $1" ||
		fail "Makefile.am: $1 lacks $(echo $missing)"
}
listed CONTENT_FILES content "$BC_CONTENT_FILES"
listed FIXTURE_FILES tests/fixtures "$BC_FIXTURE_FILES"

# ---- no build path in the program -------------------------------------------
if [ -z "${BC_PREFIX_MAP:-}" ]; then
	echo "# the compiler takes no -ffile-prefix-map: build paths not checked"
else
	dirs=$TOP_SRCDIR
	[ "$TOP_BUILDDIR" = "$TOP_SRCDIR" ] || dirs="$dirs $TOP_BUILDDIR"
	for d in $dirs; do
		if grep -qF -- "$d" "$BACKCARE"; then
			fail "the program holds the build path $d"
		else
			pass "the program holds no build path ($d)"
		fi
	done
fi

# ---- built-in content: the source tree's only by the mark beside it --------
mark=$(dirname "$BACKCARE")/backcare-content-dir
[ "$(cat "$mark" 2>/dev/null)" = "$TOP_SRCDIR/content" ] &&
	pass "make writes the source content folder beside the program" ||
	fail "$mark does not name $TOP_SRCDIR/content"
mkdir -p "$T/bin" "$T/mine/lessons"
cp "$BACKCARE" "$T/bin/backcare"
# builtin WHAT WANT: the copy in $T/bin reports WANT as its built-in content.
builtin() {
	local got
	got=$("$T/bin/backcare" info 2>&1 | sed -n 's/^built-in content	//p')
	[ "$got" = "$2" ] && pass "$1" || fail "$1: built-in content '$got', wanted '$2'"
}
builtin "with no mark, the installed content" "$BC_INSTALLED_CONTENT"
echo "$T/mine" >"$T/bin/backcare-content-dir"
builtin "the folder the mark names" "$T/mine"
printf '  %s/mine \n\n' "$T" >"$T/bin/backcare-content-dir"
builtin "the mark's blanks trimmed" "$T/mine"
echo "relative/content" >"$T/bin/backcare-content-dir"
builtin "a relative mark is ignored" "$BC_INSTALLED_CONTENT"
: >"$T/bin/backcare-content-dir"
builtin "an empty mark is ignored" "$BC_INSTALLED_CONTENT"
rm "$T/bin/backcare-content-dir"
mkdir "$T/bin/backcare-content-dir"
builtin "a folder in the mark's place is ignored" "$BC_INSTALLED_CONTENT"

bc_done
