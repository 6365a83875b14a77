#ifndef HEED_COACH_JSON_H
#define HEED_COACH_JSON_H
/* JSON glue for the coach, shared by `heed coach` and POST /api/v1/coach.
 * One case in ({"customer","reply","now","customer_name","tz"}, each optional),
 * one report out (see docs/COACH.md for the shape). */
#include <stddef.h>
#include "coach/coach.h"

struct buf; /* util/buf.h */

/* 0 and a malloc'd JSON object (no newline) in *out_json, or -1 and a message
 * naming the problem in err (malformed JSON, a field of the wrong type, an
 * unknown field, invalid UTF-8, a bad "now"). If "now" is absent the current
 * time is used. */
int coach_json_case(const char *in, size_t in_len, char **out_json, size_t *out_len, char *err, size_t errlen);
/* the same with an organisation's lexicon (may be NULL) and a report to reuse (may be NULL) */
int coach_json_case_ex(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse,
                       char **out_json, size_t *out_len, char *err, size_t errlen);
/* the same, the report appended to out (nothing appended on error): a caller writing many
 * reports keeps one buffer instead of a malloc'd string each */
int coach_json_case_buf(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse, struct buf *out,
                        char *err, size_t errlen);
/* the same through jansson alone (the fast reader bypassed), for tests and the fuzzer */
int coach_json_case_jansson(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse,
                            char **out_json, size_t *out_len, char *err, size_t errlen);
#endif
