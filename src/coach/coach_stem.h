#ifndef HEED_COACH_STEM_H
#define HEED_COACH_STEM_H
/* The light suffix strip used to match a question's words with a reply's
 * ("charged", "charges" and "charging" meet). Shared by the tokenizer and the
 * table generator, which keys the synonym table (data/coach/synonyms.tsv) by
 * these stems: both must strip identically. b is lower-case ASCII. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "coach/coach_hash.h"

static inline uint64_t coach_stem_hash(const char *b, size_t n)
{
    if (n >= 2 && b[n - 2] == '\'' && b[n - 1] == 's') n -= 2;
    /* emergencies -> emergency, replied -> reply */
    if (n > 4 && (!memcmp(b + n - 3, "ies", 3) || !memcmp(b + n - 3, "ied", 3)))
        return coach_hash_byte(coach_hash_str(b, n - 3), 'y');
    if (n > 5 && !memcmp(b + n - 3, "ing", 3)) n -= 3;
    else if (n > 4 && !memcmp(b + n - 2, "ed", 2)) n -= 2;
    else if (n > 4 && !memcmp(b + n - 2, "es", 2)) n -= 2;
    else if (n > 3 && b[n - 1] == 's' && b[n - 2] != 's') n -= 1;
    if (n > 4 && b[n - 1] == 'e') n -= 1;
    return coach_hash_str(b, n);
}
#endif
