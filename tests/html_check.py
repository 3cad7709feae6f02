#!/usr/bin/env python3
# tests/html_check.py FILE [--text STRING]...: a strict check of one of
# backcare's printable HTML pages.  Fails (exit 1, one line per problem)
# unless:
# - it parses with every element closed, in order (void elements aside);
# - it has a doctype, lang, a UTF-8 charset and a title;
# - it can load or run nothing: no script, iframe, object, embed, link,
#   img, base or form element, no on* attribute, no src, href, srcset,
#   action or poster attribute, no url( or @import in any style, and no
#   javascript: anywhere;
# - every svg has role="img" and a title (aria-labelledby naming ids that
#   exist), and is followed by a table, a list or a paragraph;
# - each --text STRING appears in the page's text as it is (so markup in
#   a title or note came out as text, not as elements).
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "link", "img",
                  "base", "form", "frame", "frameset", "audio", "video",
                  "source", "input", "button", "noscript", "template"}
FORBIDDEN_ATTRS = {"src", "href", "xlink:href", "srcset", "action",
                   "poster", "formaction", "background", "data"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.text = []
        self.ids = set()
        self.labelled = []
        self.doctype = False
        self.charset = False
        self.lang = False
        self.title = False
        self.in_style = False
        self.styles = []
        self.svgs = 0

    def problem(self, msg):
        line, col = self.getpos()
        self.problems.append("line %d:%d: %s" % (line, col, msg))

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problem("<%s %s=...> runs code" % (tag, name))
            if name in FORBIDDEN_ATTRS:
                self.problem("<%s %s=%r> loads something" % (tag, name, value))
            if name == "style":
                self.styles.append(value)
            if "javascript:" in value.lower():
                self.problem("<%s %s> holds javascript:" % (tag, name))
            if name == "id":
                self.ids.add(value)
            if tag == "html" and name == "lang" and value:
                self.lang = True
            if tag == "meta" and name == "charset" and value.lower() == "utf-8":
                self.charset = True
            if tag == "meta" and name == "http-equiv":
                self.problem("<meta http-equiv> is not wanted")

    def start(self, tag, attrs, closed):
        self.check_attrs(tag, attrs)
        if tag in FORBIDDEN_TAGS:
            self.problem("<%s> is not allowed" % tag)
        if tag == "svg":
            self.svgs += 1
            a = dict(attrs)
            if a.get("role") != "img" or not a.get("aria-labelledby"):
                self.problem("<svg> without role=img and aria-labelledby")
            else:
                self.labelled.append((self.getpos(), a["aria-labelledby"]))
        if tag == "style":
            self.in_style = True
        if tag == "title" and "svg" not in self.stack:
            self.title = True
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and "svg" not in self.stack:
            self.problem("<%s/> is not a void element" % tag)
        self.start(tag, attrs, True)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem("</%s> closes a void element" % tag)
            return
        if not self.stack or self.stack[-1] != tag:
            self.problem("</%s> does not close <%s>" %
                         (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        if "[if" in data:
            self.problem("a conditional comment")

    def handle_pi(self, data):
        self.problem("a processing instruction")


def main(argv):
    if len(argv) < 2:
        print("usage: html_check.py FILE [--text STRING]...")
        return 2
    with open(argv[1], "rb") as f:
        raw = f.read()
    try:
        page = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        print("%s: not UTF-8: %s" % (argv[1], e))
        return 1
    c = Checker()
    c.feed(page)
    c.close()
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page):
        c.problems.append("a control character in the page")
    if c.stack:
        c.problems.append("never closed: %s" % " ".join(c.stack))
    for what, ok in (("<!DOCTYPE html>", c.doctype), ("<html lang>", c.lang),
                     ("<meta charset=utf-8>", c.charset),
                     ("<title>", c.title)):
        if not ok:
            c.problems.append("no %s" % what)
    for style in c.styles:
        if re.search(r"url\s*\(|@import|expression\s*\(", style, re.I):
            c.problems.append("a style loads something: %r" % style[:80])
    for pos, ids in c.labelled:
        for i in ids.split():
            if i not in c.ids:
                c.problems.append("line %d: aria-labelledby names %r, "
                                  "which is not there" % (pos[0], i))
    # Each chart has words beside it: a table, list or paragraph follows.
    for m in re.finditer(r"</svg>\s*</figure>\s*<(\w+)", page):
        if m.group(1) not in ("table", "ul", "p", "ol"):
            c.problems.append("a chart with no table or text after it")
    text = "".join(c.text)
    flat = " ".join(text.split())
    args = argv[2:]
    while args:
        if args[0] != "--text" or len(args) < 2:
            print("usage: html_check.py FILE [--text STRING]...")
            return 2
        want = " ".join(args[1].split())
        if want not in flat:
            c.problems.append("the text %r is not in the page" % want)
        args = args[2:]
    for p in c.problems:
        print("%s: %s" % (argv[1], p))
    if not c.problems:
        print("%s: ok, %d charts, %d bytes" % (argv[1], c.svgs, len(raw)))
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
