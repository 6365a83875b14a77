#ifndef HEED_JSON_OUT_H
#define HEED_JSON_OUT_H
/* A streaming JSON writer into a buf. It tracks commas itself, so callers write
 *   jw_obj(w); jw_key(w, "id"); jw_int(w, 7); jw_end_obj(w);
 * Strings are escaped (quotes, backslash, control bytes); UTF-8 passes through,
 * so callers must only give it valid UTF-8 (every input is validated at the door). */
#include <stdbool.h>
#include <stddef.h>
#include "util/buf.h"

typedef struct jw {
    buf *b;
    int depth;
    unsigned long long need_comma; /* one bit per nesting level */
    bool after_key;
} jw;

void jw_init(jw *w, buf *b);
void jw_obj(jw *w);
void jw_end_obj(jw *w);
void jw_arr(jw *w);
void jw_end_arr(jw *w);
void jw_key(jw *w, const char *k);
void jw_str(jw *w, const char *s);          /* NULL writes null */
void jw_strn(jw *w, const char *s, size_t n);
void jw_int(jw *w, long long v);
void jw_num(jw *w, double v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* key + value shorthands */
void jw_kstr(jw *w, const char *k, const char *v);
void jw_kint(jw *w, const char *k, long long v);
void jw_kbool(jw *w, const char *k, bool v);
/* an id that may be absent (<= 0 means null) */
void jw_kid(jw *w, const char *k, long long v);
/* escape s as a JSON string (with quotes) onto b */
void json_escape(buf *b, const char *s, size_t n);

#endif
