#ifndef HEED_TEXT_H
#define HEED_TEXT_H
/* Small text checks used at the doors. */
#include <stdbool.h>
#include <stddef.h>
bool utf8_valid(const char *s, size_t n);
/* copies at most cap-1 bytes of s into out, each invalid UTF-8 sequence as U+FFFD and never a
 * character cut at the end; for text from a request echoed into an answer (error messages) */
void utf8_scrub(const char *s, char *out, size_t cap);
/* true if s has no control characters other than \n \r \t */
bool text_clean(const char *s, size_t n);
/* a plausible email: one @, non-empty local part, a dot in the domain, no spaces, <= 254 bytes */
bool email_valid(const char *s);
/* lower-cases ASCII in place */
void str_lower(char *s);
/* trims ASCII space at both ends, in place; returns s */
char *str_trim(char *s);
/* parses a positive decimal id; false if not all digits or out of range */
bool parse_id(const char *s, long long *out);
/* the next item of a comma-separated list at *p ("vip,wholesale"): its start and *len, and
 * *p moved past it; NULL at the end */
const char *list_next(const char **p, size_t *len);
#endif
