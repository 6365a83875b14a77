#ifndef HEED_VALIDATE_H
#define HEED_VALIDATE_H
/* Field checks shared by the service functions. Each returns 0 or -1 with e
 * naming the field and the problem. */
#include "util/err.h"
int check_text(const char *field, const char *v, size_t max, bool multiline, herr *e);
/* check_text (multiline), and the text says something: at least min_chars that are not
 * spaces, in at least min_words words; else "<field> must say something: <what>" */
int check_saying(const char *field, const char *v, size_t max, size_t min_chars, int min_words, const char *what, herr *e);
int check_email(const char *field, const char *v, herr *e);
/* validates and lower-cases tags in place (they must be writable arena copies) */
int check_tags(const char **tags, int n, herr *e);
#endif
