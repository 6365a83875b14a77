#ifndef HEED_LOG_H
#define HEED_LOG_H
/* Logs: one JSON object per line on stderr: {"ts","level","msg", ...extra}.
 * extra_json, when given, is a preformatted run of `"k":v` pairs (no braces). */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
void log_set_level(enum log_level lvl);
void log_msg(enum log_level lvl, const char *msg, const char *extra_json);
void log_infof(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
