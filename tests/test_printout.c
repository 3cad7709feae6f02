/* Unit tests of the printable documents' pure parts: html.c's escaping
 * and CommonMark clean-up, the minimal important change, today's
 * reminder (report_today_text) and the handout (handout.c) in its three
 * formats, with and without the safety check's limits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "diag.h"
#include "handout.h"
#include "html.h"
#include "plan.h"
#include "report.h"
#include "routine.h"
#include "util.h"

/* ---- html.c ------------------------------------------------------------- */

static char *
escaped(const char *s)
{
	struct buf b = BUF_INIT;

	html_escape(&b, s);
	return buf_detach(&b);
}

static void
test_escape(void **state)
{
	char *t;

	(void)state;
	t = escaped("<script>alert('x') & \"y\"</script>");
	assert_string_equal(t, "&lt;script&gt;alert(&#39;x&#39;) &amp; "
	    "&quot;y&quot;&lt;/script&gt;");
	free(t);
	/* Escapes show as on the terminal; C1 and bad bytes as U+FFFD. */
	t = escaped("a\033[31mb\x7f c\xc2\x9b d\xff e\xc3\xa9");
	assert_string_equal(t, "a^[[31mb^? c\xef\xbf\xbd d\xef\xbf\xbd "
	    "e\xc3\xa9");
	free(t);
	t = escaped("line\nnext\ttab");
	assert_string_equal(t, "line\nnext\ttab");
	free(t);
	t = escaped(NULL);
	assert_string_equal(t, "");
	free(t);
}

static char *
markdown(const char *md, int shift)
{
	struct buf b = BUF_INIT;

	html_markdown(&b, md, shift);
	return buf_detach(&b);
}

static void
test_markdown_inert(void **state)
{
	char *t;

	(void)state;
	t = markdown("Walk *daily* <b>bold</b> <script>x()</script>\n\n"
	    "<iframe src=\"http://e/\"></iframe>\n", 0);
	assert_string_equal(t, "<p>Walk <em>daily</em> bold x()</p>\n");
	free(t);
	t = markdown("![a knot](http://e/k.png) and ![](x.png)", 0);
	assert_string_equal(t, "<p>[a knot] and [picture]</p>\n");
	free(t);
	t = markdown("[site](https://e.org/) [js](javascript:alert(1)) "
	    "<https://e.org/>", 0);
	assert_string_equal(t, "<p>site [https://e.org/] js "
	    "https://e.org/</p>\n");
	free(t);
	/* A picture inside a link: both become words. */
	t = markdown("[![alt](http://e/p.png)](http://e/)", 0);
	assert_string_equal(t, "<p>[alt] [http://e/]</p>\n");
	free(t);
	t = markdown("# Top\n\n###### Deep\n", 2);
	assert_string_equal(t, "<h3>Top</h3>\n<h6>Deep</h6>\n");
	free(t);
	t = markdown("esc \033[2J and \xc2\x85 here", 0);
	assert_string_equal(t, "<p>esc ^[[2J and \xef\xbf\xbd here</p>\n");
	free(t);
	t = markdown("", 0);
	assert_string_equal(t, "");
	free(t);
}

static void
test_page_frame(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	html_begin(&b, "A <title> & more", "p { x: y; }\n");
	html_end(&b);
	assert_non_null(strstr(b.data, "<!DOCTYPE html>\n<html lang=\"en\">"));
	assert_non_null(strstr(b.data, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(b.data, "<title>A &lt;title&gt; &amp; more"
	    "</title>"));
	assert_non_null(strstr(b.data, "@page { margin: 14mm; }"));
	assert_non_null(strstr(b.data, "p { x: y; }\n</style>"));
	assert_null(strstr(b.data, "url("));
	assert_non_null(strstr(b.data, "</body>\n</html>\n"));
	buf_free(&b);
}

/* ---- report.c ----------------------------------------------------------- */

static void
test_mic_level(void **state)
{
	(void)state;
	/* 2 points comes first from 6.67 up, 30% below it. */
	assert_true(report_mic_level(8.0) > 5.99 &&
	    report_mic_level(8.0) < 6.01);
	assert_true(report_mic_level(5.0) > 3.49 &&
	    report_mic_level(5.0) < 3.51);
	assert_true(report_meaningful(8.0, report_mic_level(8.0)));
	assert_true(report_meaningful(5.0, report_mic_level(5.0)));
	assert_false(report_meaningful(5.0, report_mic_level(5.0) + 0.1));
}

/* A summary of homework as report_fill_homework() leaves it. */
static void
homework(struct report_summary *s, struct report_homework *h, size_t n,
    const char *today)
{
	memset(s, 0, sizeof *s);
	assert_int_equal(day_parse(today, &s->today), 0);
	s->homework = h;
	s->n_homework = n;
}

static void
expect_today(struct report_summary *s, int due, const char *want)
{
	static const char *const titles[] = { "Swedish", "Gentle" };
	char *got = report_today_text(s, titles, due);

	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	free(got);
}

static void
test_today(void **state)
{
	struct report_homework h[2] = {
		{ "swedish", 3, 0, 0 }, { "gentle", 14, 0, 0 }
	};
	struct report_summary s;

	(void)state;
	homework(&s, h, 2, "2027-01-04");      /* a Monday */
	expect_today(&s, 0, "today: Swedish, Gentle 2 times; this week: "
	    "Swedish 0 of 3 done, Gentle 0 of 14 done");
	h[0].done = h[0].done_today = 1;
	h[1].done = h[1].done_today = 2;
	expect_today(&s, 0, "this week: Swedish 1 of 3 done, Gentle 2 of 14 "
	    "done");
	expect_today(&s, 1, "this week: Swedish 1 of 3 done, Gentle 2 of 14 "
	    "done; safety check due");
	homework(&s, h, 2, "2027-01-09");      /* Saturday, behind */
	h[0].done_today = h[1].done_today = 0;
	expect_today(&s, 0, "today: Swedish, Gentle 2 times; this week: "
	    "Swedish 1 of 3 done, Gentle 2 of 14 done");
	h[0].done = 3;
	h[1].done = 14;
	expect_today(&s, 0, NULL);
	expect_today(&s, 1, "safety check due");
	homework(&s, h, 0, "2027-01-09");
	expect_today(&s, 0, NULL);
}

/* ---- handout.c ---------------------------------------------------------- */

static const char routine_md[] =
    "# Test <b>routine</b>\n\nAn intro with <script>x()</script>.\n\n"
    "## Strokes\n\n- duration: 1m\n- stroke: effleurage\n"
    "- region: lower back\n- position: sitting\n- pressure: medium\n\n"
    "Stroke *slowly*.\n\n"
    "## Knots\n\n- hold: 30s\n- repeat: 2\n- rest: 10s\n"
    "- sides: left, right\n- stroke: compression\n- region: glutes\n"
    "- position: lying on the front\n- pressure: firm\n\nPress the knot.\n";

static const char plan_md[] =
    "# Weeks <i>1</i>\n\n- from: 2027-01-06\n- until: 2027-01-17\n"
    "- therapist: Sam\n\n## Routines\n- test: 2 per week\n";

static char *
sheet(const struct massage_limits *l, enum gate_state g,
    enum handout_format fmt, int with_plan)
{
	struct diag d = DIAG_INIT;
	struct routine *r = routine_parse("test", "test.md", routine_md,
	    strlen(routine_md), &d);
	struct plan *p = plan_parse("plan.md", plan_md, strlen(plan_md), &d);
	struct handout_input in;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(r);
	assert_non_null(p);
	routine_apply_limits(r, l);
	memset(&in, 0, sizeof in);
	in.routines = &r;
	in.n_routines = 1;
	in.plan = with_plan ? p : NULL;
	in.gate = g;
	in.limits = l;
	in.number = "112";
	assert_int_equal(day_parse("2027-01-06", &in.today), 0);
	assert_int_equal(handout_write(f, &in, fmt, 72), 0);
	fclose(f);
	routine_free(r);
	plan_free(p);
	diag_free(&d);
	return out;
}

static void
test_handout_text(void **state)
{
	struct massage_limits none;
	char *t;

	(void)state;
	memset(&none, 0, sizeof none);
	t = sheet(&none, GATE_OPEN, HANDOUT_TEXT, 1);
	assert_non_null(strstr(t, "Homework: Weeks <i>1</i>\n"));
	assert_non_null(strstr(t, "! In an emergency call 112 (999 in the "
	    "UK, 911 in the US)."));
	assert_non_null(strstr(t, "  Week of     Test <b>routine</b> (2 a "
	    "week)\n  2027-01-04  [ ] [ ]\n  2027-01-11  [ ] [ ]\n\n"));
	assert_non_null(strstr(t, "  1. Strokes\n     Position: sitting; "
	    "areas: lower back; stroke: effleurage; time: 1m;\n"
	    "     pressure: medium.\n     Stroke slowly.\n"));
	assert_non_null(strstr(t, "hold 30s on each side (left, then"));
	assert_non_null(strstr(t, "2 times, 10s rest"));
	assert_non_null(strstr(t, "It sets no limits"));
	free(t);
}

static void
test_handout_limits(void **state)
{
	struct massage_limits l;
	char *t;

	(void)state;
	memset(&l, 0, sizeof l);
	l.gentle = 1;
	safety_limits_add_regions(&l, "glutes");
	t = handout_limits_text(&l);
	assert_string_equal(t, "Keep it gentle: light stroking (effleurage) "
	    "only, no deep pressure.\nLeave out the glutes.\n");
	free(t);
	t = sheet(&l, GATE_OPEN, HANDOUT_TEXT, 0);
	assert_non_null(strstr(t, "Your self-massage routines\n"));
	assert_null(strstr(t, "Week of"));
	assert_non_null(strstr(t, "   ! For you: Lighter:"));
	assert_non_null(strstr(t, "   ! Left out for you. Skipped: your "
	    "safety check said to leave out the"));
	assert_null(strstr(t, "Press the knot."));
	free(t);
	t = sheet(&l, GATE_NO_CHECK, HANDOUT_TEXT, 0);
	assert_non_null(strstr(t, "Routines are locked until you have done "
	    "the safety check."));
	assert_null(strstr(t, "Keep it gentle"));
	free(t);
}

static void
test_handout_markdown_html(void **state)
{
	struct massage_limits none;
	char *t;

	(void)state;
	memset(&none, 0, sizeof none);
	t = sheet(&none, GATE_OPEN, HANDOUT_MARKDOWN, 1);
	assert_non_null(strstr(t, "# Homework: Weeks \\<i\\>1\\</i\\>\n"));
	assert_non_null(strstr(t, "| Week of | Test \\<b\\>routine\\</b\\> (2 "
	    "a week) |\n|---|---|\n| 2027-01-04 | [ ] [ ] |\n"));
	assert_non_null(strstr(t, "### 1. Strokes\n"));
	assert_non_null(strstr(t, "Stroke *slowly*.\n"));
	assert_null(strstr(t, "<script>"));
	free(t);
	t = sheet(&none, GATE_OPEN, HANDOUT_HTML, 1);
	assert_non_null(strstr(t, "<h1>Homework: Weeks &lt;i&gt;1&lt;/i&gt;"
	    "</h1>"));
	assert_non_null(strstr(t, "<h2>Test &lt;b&gt;routine&lt;/b&gt;</h2>"));
	assert_non_null(strstr(t, "<p>An intro with x().</p>"));
	assert_non_null(strstr(t, "<div class=\"steps\">\n<div class=\"step\">"
	    "\n<h3>1. Strokes</h3>"));
	assert_non_null(strstr(t, "<td aria-label=\"2 boxes\"><span class="
	    "\"box\"></span><span class=\"box\"></span></td>"));
	assert_null(strstr(t, "<script"));
	assert_null(strstr(t, "<i>"));
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_markdown_inert),
		cmocka_unit_test(test_page_frame),
		cmocka_unit_test(test_mic_level),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_handout_text),
		cmocka_unit_test(test_handout_limits),
		cmocka_unit_test(test_handout_markdown_html),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
