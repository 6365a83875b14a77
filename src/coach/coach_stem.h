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

/* whole is the hash of all n bytes when the caller has it (the tokenizer does), else 0: a
 * word with nothing to strip is then not hashed twice. Calling it again on a stem gives the
 * same stem. */
static inline uint64_t coach_stem_hash(const char *b, size_t n, uint64_t whole)
{
    size_t m = n;
    if (m >= 2 && b[m - 2] == '\'' && b[m - 1] == 's') m -= 2;
    /* emergencies -> emergency, replied -> reply */
    if (m > 4 && m - 2 <= 64 && (!memcmp(b + m - 3, "ies", 3) || !memcmp(b + m - 3, "ied", 3))) {
        char y[64];
        memcpy(y, b, m - 3);
        y[m - 3] = 'y';
        return coach_hash_str(y, m - 2);
    }
    /* annually -> annual, manually -> manual: an adverb meets its adjective */
    if (m > 6 && !memcmp(b + m - 4, "ally", 4)) return coach_hash_str(b, m - 2);
    if (m > 5 && !memcmp(b + m - 3, "ing", 3)) m -= 3;
    else if (m > 4 && !memcmp(b + m - 2, "ed", 2)) m -= 2;
    else if (m > 4 && !memcmp(b + m - 2, "es", 2)) m -= 2;
    else if (m > 3 && b[m - 1] == 's' && b[m - 2] != 's') m -= 1;
    if (m > 4 && b[m - 1] == 'e') m -= 1;
    return m == n && whole ? whole : coach_hash_str(b, m);
}
#endif
