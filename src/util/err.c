#include "util/err.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int herr_set(herr *e, int status, const char *code, const char *field, const char *fmt, ...)
{
    if (!e) return -1;
    e->status = status;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return -1;
}

void herr_clear(herr *e)
{
    if (!e) return;
    e->status = 0;
    e->code = NULL;
    e->field[0] = 0;
    e->message[0] = 0;
}
