/* cmd_export.c: being written. */
#include "config.h"
#include <stdio.h>
#include "cmd.h"
static int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	return cmd_usage_error("export", "not written yet");
}
const struct cmd_entry cmd_export_entry = { "export", "", "(being written)", cmd_export_exec };
