#ifndef HEED_COACH_KWSET_H
#define HEED_COACH_KWSET_H
/* Small sets of keyword hashes (coach_kw.h) that the rules by parts test every token against
 * (coach_cues.c, coach_acts.c). A set is an X-macro list; KWSET makes its keys and a 1,024-bit
 * filter of them, both worked out by the compiler, and name_has(h), which turns most tokens
 * away with one bit test before looking in the keys' table (a linear scan of each set for every
 * token cost a third of the coach's time).
 *
 *   #define FEELING(X) X(KW_A_AWFUL) X(KW_A_STRESSFUL)
 *   KWSET(feeling, FEELING)          -> feeling_has(h)
 * and name_maybe(h), the filter alone: false only for a key that is not in the set (a loop whose
 * every test needs one of the set's words uses it to pass over the other tokens) */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KWSET_KEY(h) h,
#define KWSET_BIT(i, h) (((((h) >> 6) & 15) == (i)) ? 1ULL << ((h) & 63) : 0) |
#define KWSET_B0(h) KWSET_BIT(0, h)
#define KWSET_B1(h) KWSET_BIT(1, h)
#define KWSET_B2(h) KWSET_BIT(2, h)
#define KWSET_B3(h) KWSET_BIT(3, h)
#define KWSET_B4(h) KWSET_BIT(4, h)
#define KWSET_B5(h) KWSET_BIT(5, h)
#define KWSET_B6(h) KWSET_BIT(6, h)
#define KWSET_B7(h) KWSET_BIT(7, h)
#define KWSET_B8(h) KWSET_BIT(8, h)
#define KWSET_B9(h) KWSET_BIT(9, h)
#define KWSET_B10(h) KWSET_BIT(10, h)
#define KWSET_B11(h) KWSET_BIT(11, h)
#define KWSET_B12(h) KWSET_BIT(12, h)
#define KWSET_B13(h) KWSET_BIT(13, h)
#define KWSET_B14(h) KWSET_BIT(14, h)
#define KWSET_B15(h) KWSET_BIT(15, h)

/* Past the filter, a key is looked for in a small open-addressing table of the set's keys (at most
 * half full, slot from bits the filter does not use), built before main by a constructor: a
 * linear scan of the keys, which the filter's false positives and the common words of the larger
 * sets (up to sixty keys) ran to the end, was 2% of a short case's instructions */
#define KWSET_SLOTS(n) ((n) <= 4 ? 8 : (n) <= 8 ? 16 : (n) <= 16 ? 32 : (n) <= 32 ? 64 : (n) <= 64 ? 128 : (n) <= 128 ? 256 : 512)
static inline size_t kwset_slot(uint64_t h, size_t mask) { return (size_t)(h >> 40) & mask; }
static inline void kwset_build(const uint64_t *keys, size_t n, uint64_t *tab, size_t nslots)
{
    for (size_t i = 0; i < n; i++) {
        size_t s = kwset_slot(keys[i], nslots - 1);
        while (tab[s] && tab[s] != keys[i]) s = (s + 1) & (nslots - 1);
        tab[s] = keys[i];
    }
}
static inline bool kwset_find(const uint64_t *tab, size_t mask, uint64_t h)
{
    for (size_t s = kwset_slot(h, mask);; s = (s + 1) & mask) {
        uint64_t v = tab[s];
        if (v == h) return true;
        if (!v) return false;
    }
}

#define KWSET(name, LIST)                                                                                              \
    static const uint64_t name##_keys[] = {LIST(KWSET_KEY)};                                                          \
    static const uint64_t name##_filter[16] = {                                                                        \
        LIST(KWSET_B0) 0,  LIST(KWSET_B1) 0,  LIST(KWSET_B2) 0,  LIST(KWSET_B3) 0,  LIST(KWSET_B4) 0,  LIST(KWSET_B5) 0,  \
        LIST(KWSET_B6) 0,  LIST(KWSET_B7) 0,  LIST(KWSET_B8) 0,  LIST(KWSET_B9) 0,  LIST(KWSET_B10) 0, LIST(KWSET_B11) 0, \
        LIST(KWSET_B12) 0, LIST(KWSET_B13) 0, LIST(KWSET_B14) 0, LIST(KWSET_B15) 0};                                   \
    static uint64_t name##_tab[KWSET_SLOTS(sizeof name##_keys / sizeof name##_keys[0])];                               \
    __attribute__((constructor)) static void name##_build(void)                                                        \
    {                                                                                                                  \
        kwset_build(name##_keys, sizeof name##_keys / sizeof name##_keys[0], name##_tab,                               \
                    sizeof name##_tab / sizeof name##_tab[0]);                                                         \
    }                                                                                                                  \
    static inline bool name##_has(uint64_t h)                                                                          \
    {                                                                                                                  \
        return ((name##_filter[(h >> 6) & 15] >> (h & 63)) & 1) &&                                                     \
               kwset_find(name##_tab, sizeof name##_tab / sizeof name##_tab[0] - 1, h);                                \
    }                                                                                                                  \
    static inline bool name##_maybe(uint64_t h) { return (name##_filter[(h >> 6) & 15] >> (h & 63)) & 1; }

/* The filters of the sets whose walks pass over most tokens, all at once: coach_kw_walk[h & 1023]
 * has bit KWW_name where name's filter has h's bit, and the tokenizer copies it for each token
 * into the text's kwm (coach_internal.h). A walk then asks name_in(t->kwm[i]), one load and one
 * bit test, where name_maybe(h) worked out the filter's word and bit for every token (and kept
 * them in registers, or spilled them, for the tests after it).
 *
 *   KWSET_WALK(wrong_cue, WRONG_CUES, KWW_WRONG_CUE)  -> KWSET's functions and wrong_cue_in(m) */
enum {
    KWW_EMPATHY_CUE, KWW_SEND_CUE, KWW_ADVISE, KWW_FAULT_CUE, KWW_LATER_WORD, KWW_SAID_CUE, KWW_PRESSURE_CUE,
    KWW_NEAR_CUE, KWW_WRONG_CUE, KWW_OTHER_WORDS_CUE, KWW_DEMAND_WALK_CUE, KWW_TYPE_CUE, KWW_NEXT_STEP_CUE,
    KWW_ALTERNATIVE_CUE, KWW_ECHO_WORD, KWW_SELF_WORD, KWW_LENGTH_WORD, KWW_APOLOGY, KWW_I_WILL_WORD, KWW_WE_ACT_WORD,
    KWW_NOW_WORD, KWW_ORDINAL, KWW_PLEA, KWW_HELP_ASK, KWW_WE_WORD,
    KWW_NEGATOR, /* not a set's: the token's word is a negator (COACH_MOD_NEGATOR), set by the tokenizer */
    KWW_NUM,     /* nor this: the token is a number (TK_NUM) */
    KWW_TIME,    /* nor this: the token's word is a time word (COACH_W_TIME) */
    KWW_CONTRAST, /* nor this: the token's word is a contrast word (COACH_MOD_CONTRAST: "but") */
    KWW_COUNT
};
/* a walk bit as a mask, to test a sentence's or a text's (csent.kw, ctext.kw_any): a walk whose
 * every test starts from a token with one of its bits does nothing where they have none */
#define KWW_BIT(name) (1ULL << KWW_##name)
_Static_assert(KWW_COUNT <= 64, "walk bits are one bit each of a uint64_t");
extern uint64_t coach_kw_walk[1024];
/* the constructors that fill coach_kw_walk run before the tokenizer's, which copies it per word */
#define KWSET_WALK_PRIORITY 201
#define KWSET_WALK(name, LIST, bit)                                                                                    \
    KWSET(name, LIST)                                                                                                  \
    __attribute__((constructor(KWSET_WALK_PRIORITY))) static void name##_walk_build(void)                              \
    { /* (the filter's bits are its keys' h & 1023) */                                                                 \
        for (size_t j = 0; j < sizeof name##_keys / sizeof name##_keys[0]; j++)                                        \
            coach_kw_walk[name##_keys[j] & 1023] |= 1ULL << (bit);                                                      \
    }                                                                                                                  \
    static inline bool name##_in(uint64_t m) { return (m >> (bit)) & 1; }                                             \
    /* name_has(h), with h's walk bits m */                                                                            \
    static inline bool name##_has_in(uint64_t m, uint64_t h)                                                           \
    {                                                                                                                  \
        return name##_in(m) && kwset_find(name##_tab, sizeof name##_tab / sizeof name##_tab[0] - 1, h);                \
    }

#endif
