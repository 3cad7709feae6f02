/* cmd_report.c: being written. */
#include "config.h"
#include <stdio.h>
#include "cmd.h"
static int
cmd_report_exec(struct app *app, int argc, char **argv)
{
	return cmd_usage_error("report", "not written yet");
}
const struct cmd_entry cmd_report_entry = { "report", "", "(being written)", cmd_report_exec };
