/* report.c: being written. */
#include "config.h"
#include "report.h"
