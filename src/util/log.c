#include "util/log.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util/buf.h"
#include "util/json_out.h"
#include "util/timeutil.h"

static enum log_level min_level = LOG_INFO;
static const char *names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level lvl) { min_level = lvl; }

void log_msg(enum log_level lvl, const char *msg, const char *extra_json)
{
    if (lvl < min_level) return;
    char ts[32];
    time_iso_now(ts);
    buf b;
    buf_init(&b, 256);
    buf_printf(&b, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":", ts, names[lvl]);
    json_escape(&b, msg, strlen(msg));
    if (extra_json && *extra_json) {
        buf_putc(&b, ',');
        buf_puts(&b, extra_json);
    }
    buf_puts(&b, "}\n");
    fwrite(b.p, 1, b.len, stderr); /* one write per line keeps lines whole across threads */
    buf_free(&b);
}

#define LOG_VA(lvl)                              \
    do {                                         \
        char m[512];                             \
        va_list ap;                              \
        va_start(ap, fmt);                       \
        vsnprintf(m, sizeof m, fmt, ap);         \
        va_end(ap);                              \
        log_msg(lvl, m, NULL);                   \
    } while (0)

void log_infof(const char *fmt, ...) { LOG_VA(LOG_INFO); }
void log_warnf(const char *fmt, ...) { LOG_VA(LOG_WARN); }
void log_errorf(const char *fmt, ...) { LOG_VA(LOG_ERROR); }
