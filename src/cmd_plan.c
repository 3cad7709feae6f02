/* cmd_plan.c: being written. */
#include "config.h"
#include <stdio.h>
#include "cmd.h"
static int
cmd_plan_exec(struct app *app, int argc, char **argv)
{
	return cmd_usage_error("plan", "not written yet");
}
const struct cmd_entry cmd_plan_entry = { "plan", "", "(being written)", cmd_plan_exec };
