/* ui_progress.c: being written. */
#include "config.h"
#include <stddef.h>
#include "ui.h"
const struct ui_screen ui_progress_screen = { "progress", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
