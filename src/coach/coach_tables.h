#ifndef HEED_COACH_TABLES_H
#define HEED_COACH_TABLES_H
/* The compiled lexicon: data/coach/ turned into constant tables by
 * tools/coach_gen.c at build time (build/gen/coach_tables.c). Read-only. */
#include <stddef.h>
#include <stdint.h>
#include "coach/coach_codes.h"
#include "coach/coach_hash.h"

typedef struct coach_word {
    uint64_t key;      /* hash of this spelling */
    uint64_t h;        /* hash of the canonical spelling (British/American merged) */
    union {
        struct {
            int16_t val;       /* sentiment valence x100, -400..400 */
            int8_t emo;        /* coach_emotion or -1 */
            int8_t emo_w;      /* emotion weight x10 */
            uint8_t mod;       /* COACH_MOD_* */
            int8_t mod_amt;    /* modifier amount x100 */
            uint8_t flags;     /* COACH_W_* */
            uint8_t spare;     /* 0 (the tokenizer's mods_before goes here) */
        };
        uint64_t lex;          /* the eight bytes above as one: the tokenizer copies them to ctok.lex */
    };
    uint16_t pfirst, pcount; /* phrases whose first word is this one: */
    uint16_t pmulti;         /* the first pmulti are multi-word, sorted by second word (longest first
                              * within one second word); the rest are this word alone */
} coach_word;

/* layers matched independently (see phrases.tsv): each keeps its longest hit at a token */
enum { L_JUDGE, L_EMOTION, L_POLITE, L_PROMISE, L_CUE, L_COUNT };
/* a phrase's layer, from its kind and code (the generator and the lexicon loader store it) */
static inline int coach_phrase_layer(int kind, int code)
{
    if (kind == COACH_KIND_EMOTION) return L_EMOTION;
    if (kind != COACH_KIND_CUE) return L_JUDGE;
    if (code == COACH_CUE_POLITE) return L_POLITE;
    if (code == COACH_CUE_PROMISE || code == COACH_CUE_VAGUE || code == COACH_CUE_ANSWER) return L_PROMISE;
    return L_CUE;
}

typedef struct coach_phrase {
    uint64_t h[COACH_PHRASE_MAX];
    const char *text;  /* the phrase as written in the data file */
    const char *sugg;  /* suggested rewrite, "" if none */
    int16_t val;       /* valence or weight x100 */
    uint8_t kind, code, n;
    uint8_t pflags;    /* COACH_P_* */
    uint8_t layer;     /* coach_phrase_layer(kind, code) */
    const char *why;   /* a flag's reason in an organisation's words; NULL: the code's own */
} coach_phrase;

/* facts about a phrase's text, worked out by the generator; and where it counts, from its anchors */
enum { COACH_P_FIRST_PERSON = 1, COACH_P_SORRY = 2, COACH_P_THANK = 4, COACH_P_START = 8, COACH_P_END = 16, COACH_P_PAUSE = 32 };
#define COACH_P_ANCHORS (COACH_P_START | COACH_P_END | COACH_P_PAUSE)

/* Where a flag's or a cue's phrase counts, written in the table: "^loved the" only at its
 * sentence's start; "please don't panic$" only at its end; "relax," only before a comma or at the
 * end ("^relax," is "Relax, it's a small amount." and not "let the fold lines relax overnight").
 * Strips the anchors from the text [*s, *s + *n) and returns their COACH_P_* bits. */
static inline int coach_phrase_anchors(const char **s, size_t *n)
{
    int pf = 0;
    if (*n && **s == '^') { pf |= COACH_P_START; (*s)++; (*n)--; }
    if (*n && (*s)[*n - 1] == '$') { pf |= COACH_P_END; (*n)--; }
    else if (*n && (*s)[*n - 1] == ',') { pf |= COACH_P_PAUSE; (*n)--; }
    return pf;
}

extern const coach_word coach_words[];
extern const size_t coach_nwords;
/* open addressing by key: 0 = empty, else coach_tag(key) << 16 | (index + 1) (under 65,535 words) */
extern const uint32_t coach_word_index[];
extern const size_t coach_index_mask;
extern const coach_phrase coach_phrases[];
extern const size_t coach_nphrases;
extern const uint64_t coach_phrase_h1[]; /* coach_phrases[i].h[1], packed for the matcher's binary search */
/* bit coach_pair_bit(h[0], h[1]) set for every phrase of two words or more: a token whose pair
 * with the next token has no bit starts no multi-word phrase (a few pairs share a bit) */
extern const uint64_t coach_phrase_pairs[];

/* synonyms for matching a question's words with a reply's (data/coach/synonyms.tsv and the
 * spelling pairs), keyed by stem (coach_stem.h): a stem maps to its group's key (the key of a
 * stem that only starts phrases is itself); phrases [pfirst, pfirst + pcount) start with it,
 * longest first */
enum { COACH_SYN_MAX = 4 };
typedef struct coach_syn { uint64_t stem, key; uint16_t pfirst, pcount; } coach_syn;
typedef struct coach_syn_phrase { uint64_t stem[COACH_SYN_MAX]; uint64_t key; uint8_t n; } coach_syn_phrase;
extern const coach_syn coach_syns[];
extern const size_t coach_nsyns;
extern const uint16_t coach_syn_index[]; /* open addressing by stem, 0 = empty, else index + 1 */
extern const size_t coach_syn_mask;
extern const coach_syn_phrase coach_syn_phrases[];
extern const size_t coach_nsyn_phrases;

/* the learned customer model (data/coach/customer_model.tsv, bench/coach/train_customer.js): a
 * weight for each of the seven emotions, urgent and complaint (x100) per word or pair of adjacent
 * words, keyed like the word table by the token's canonical hash (a pair: coach_model_pair_key) */
enum { COACH_MODEL_URGENT = COACH_EMO_COUNT, COACH_MODEL_COMPLAINT, COACH_MODEL_OUT, COACH_MODEL_MAX_FEATS = 32768 };
/* a learned model's feature: its weights padded to 16 lanes (32 bytes, one aligned block: the sum
 * is vector adds), the last four lanes its key, so a probe that finds the feature reads its key
 * and weights in one cache line (the sums' last four lanes are not read) */
enum { COACH_MODEL_LANES = 16, COACH_MODEL_WLANES = 12 };
typedef union coach_feat_row {
    _Alignas(32) int16_t w[COACH_MODEL_LANES];
    struct { int16_t w[COACH_MODEL_WLANES]; uint64_t key; } k;
} coach_feat_row;
_Static_assert(sizeof(coach_feat_row) == 32, "a row is one aligned block of 32 bytes");
typedef coach_feat_row coach_model_feat;
_Static_assert((int)COACH_MODEL_OUT <= (int)COACH_MODEL_WLANES, "the customer model's weights leave room for the key");
extern const coach_model_feat coach_model_feats[];
extern const size_t coach_model_nfeats;
extern const size_t coach_model_npairs; /* how many are pairs (none: pairs are not looked up) */
/* open addressing by key (coach_model_entry) */
extern const uint32_t coach_model_index[];
extern const size_t coach_model_mask;
/* the lexicon's own readings the model weighs, in this order (their names in the TSV with '@') */
#define COACH_MODEL_LEX_LIST(X) X(BIAS, "bias") X(ANGRY, "lex:angry") X(FRUSTRATED, "lex:frustrated") \
    X(ANXIOUS, "lex:anxious") X(SAD, "lex:sad") X(CONFUSED, "lex:confused") X(HAPPY, "lex:happy") X(NEG, "neg") \
    X(POS, "pos") X(URGENT, "lex:urgent") X(COMPLAINT, "lex:complaint") X(THANKS, "lex:thanks") X(REPEAT, "lex:repeat") \
    X(EXCL, "excl") X(CAPS, "caps") X(QUESTIONS, "questions") \
    X(FAILURE, "lex:failure") X(PRESSURE, "lex:pressure")
#define COACH_MODEL_LEX_ENUM(n_, s_) COACH_ML_##n_,
enum { COACH_MODEL_LEX_LIST(COACH_MODEL_LEX_ENUM) COACH_ML_COUNT };
extern const int16_t coach_model_lex[COACH_ML_COUNT][COACH_MODEL_OUT];
/* the learned reading of "answered" (data/coach/answer_model.tsv, bench/coach/train_answered.js):
 * a logistic regression over what the rules already see of a question and the reply (coach_reply.c
 * sets a bit per feature, in this order; the TSV names them). The rules' own answer is one feature.
 * Weights x100; coach_answer_trained is 0 when no table was built (then the rules decide alone). */
#define COACH_ANSWER_FEATURES(X) \
    X(BIAS, "bias") X(RULE, "rule") X(RULE_FIRST, "rule_first") \
    X(T_WHEN, "type_when") X(T_AMOUNT, "type_amount") X(T_WHY, "type_why") X(T_YESNO, "type_yesno") \
    X(T_WHERE, "type_where") X(T_HOWTO, "type_howto") X(T_OTHER, "type_other") X(BY_WHEN, "by_when") X(FEE, "fee") \
    X(MEASURE, "measure") X(ECHO, "echo") X(NC0, "content_none") X(NC4, "content_4plus") X(HIT0, "shared_none") \
    X(HIT1, "shared_1") X(HIT2, "shared_2plus") X(RATIO34, "shared_third") X(RATIO50, "shared_half") \
    X(F_NUMBER, "reply_number") X(F_MONEY, "reply_money") X(F_REASON, "reply_reason") X(F_ANSWER, "reply_answer_word") \
    X(F_HOWTO, "reply_howto") X(F_YESNO_HERE, "reply_yesno_here") X(F_YESNO_ANY, "reply_yesno") \
    X(F_TIME_HERE, "reply_time_here") X(F_TIME_ANY, "reply_time") X(TOPIC_NONE, "topic_no_sentence") \
    X(TOPIC_DEFERS, "topic_only_defers") X(DEFERS, "reply_defers") X(OWNERSHIP, "ownership") X(NEXT_STEP, "next_step") \
    X(COMMITMENT, "commitment") X(ALTERNATIVE, "alternative") X(REFUSES, "refuses") X(DEFLECTS, "deflects") \
    X(VAGUE, "vague_promise") X(REQ_ACT, "asks_step") X(REQ_THING, "asks_thing") X(STEPS, "steps_beyond_deferral") \
    X(ONE_Q, "one_question") X(FIRST_Q, "first_question") X(LAST_Q, "last_question") X(MANY_Q, "four_plus_questions") \
    X(SHORT, "reply_short") X(LONG, "reply_long") X(EMPATHY, "empathy") X(RULE_HIT0, "rule_and_shared_none") \
    X(RULE_DEFERS, "rule_and_reply_defers") X(TYPE_FACT, "type_fact") X(TYPE_NO_FACT, "type_without_fact") \
    X(F_PLACE, "reply_place_here") X(F_TERSE, "reply_opens_terse") X(OWN0, "own_shared_none") X(OWN_HALF, "own_shared_half")
#define COACH_ANSWER_ENUM(n_, s_) COACH_AF_##n_,
enum { COACH_ANSWER_FEATURES(COACH_ANSWER_ENUM) COACH_AF_COUNT };
_Static_assert(COACH_AF_COUNT <= 64, "answer features are one bit each of a uint64_t");
extern const int16_t coach_answer_w[COACH_AF_COUNT];
/* a pair of features both on: [lower index][higher index] (0 elsewhere) */
extern const int16_t coach_answer_w2[COACH_AF_COUNT][COACH_AF_COUNT];
extern const int coach_answer_trained;
/* the learned reading of the reply (data/coach/reply_model.tsv, bench/coach/train_reply.js): a
 * logistic regression per flag and strength over the reply's words and pairs of adjacent words
 * (keyed as the customer model's) and what the rules already read (COACH_RM_READS: the rules' own
 * flags and strengths, the customer's emotion, complaint and urgency, the reply's length). Output
 * o is flag o (coach_flag_code) below COACH_FLAG_COUNT, strength o - COACH_FLAG_COUNT above it;
 * coach_rm_lane says which the model decides (the rules decide the rest). x100. */
enum { COACH_RM_OUT = COACH_FLAG_COUNT + COACH_STRENGTH_COUNT, COACH_RM_MAX_FEATS = 16384 };
_Static_assert(COACH_MODEL_MAX_FEATS * 4 <= 1 << 17 && COACH_RM_MAX_FEATS * 4 <= 1 << 17, "a key's place fits in 17 bits");
/* the decided outputs' weights, in lanes (coach_rm_lane[o]: output o's lane, -1 if it is not
 * decided), padded to 16 (one aligned block: the sum is vector adds, as the customer model's) */
enum { COACH_RM_LANES = COACH_MODEL_LANES, COACH_RM_WLANES = COACH_MODEL_WLANES };
typedef coach_feat_row coach_rm_feat; /* at most COACH_RM_WLANES decided, then the key */
extern const int8_t coach_rm_lane[COACH_RM_OUT];
#define COACH_RM_READS(X) X(BIAS, "bias") X(COMPLAINT, "complaint") X(URGENT, "urgent") \
    X(LEN_S, "len:s") X(LEN_M, "len:m") X(LEN_L, "len:l")
#define COACH_RM_READ_ENUM(n_, s_) COACH_RM_##n_,
/* then a reading per rule flag (rf:<flag>), rule strength (rs:<strength>) and customer emotion (emo:<emotion>) */
enum { COACH_RM_READS(COACH_RM_READ_ENUM) COACH_RM_RF0, COACH_RM_RS0 = COACH_RM_RF0 + COACH_FLAG_COUNT,
       COACH_RM_EMO0 = COACH_RM_RS0 + COACH_STRENGTH_COUNT, COACH_RM_READ_COUNT = COACH_RM_EMO0 + COACH_EMO_COUNT };
_Static_assert(COACH_RM_READ_COUNT <= 64, "the readings are one bit each of a uint64_t");
extern const coach_rm_feat coach_rm_feats[];
extern const size_t coach_rm_nfeats;
extern const uint32_t coach_rm_index[]; /* as coach_model_index */
extern const size_t coach_rm_mask;
extern _Alignas(32) const int16_t coach_rm_read[COACH_RM_READ_COUNT][COACH_RM_LANES]; /* rows are vector-loaded */
/* a reading the rules did not make is turned on above coach_rm_add; one they made is taken back
 * below -coach_rm_drop (x100, by output, picked by bench/coach/train_reply.js) */
extern const int16_t coach_rm_add[COACH_RM_OUT], coach_rm_drop[COACH_RM_OUT];
/* bit coach_model_bit(key) set for every key in the table (a few other keys share a bit) */
enum { COACH_MODEL_BITS = 1 << 16 };
extern const uint64_t coach_model_bits[COACH_MODEL_BITS / 64];
extern const uint64_t coach_rm_bits[COACH_MODEL_BITS / 64]; /* the reply model's keys */
static inline unsigned coach_model_bit(uint64_t key) { return (unsigned)((key * 0xD6E8FEB86659FD93ULL) >> 48); }
/* the entry of key in a learned model's table, or -1. index: 0 empty, else the key's tag without
 * its low bit << 17 | where the entry's key is, counted in uint64_t from the rows' start (entry * 4
 * + 3: rows are 32 bytes, the key their last 8), so a probe is an and, one load and a shift */
enum { COACH_MODEL_KEY_AT = 17 };
_Static_assert(offsetof(coach_feat_row, k.key) == 3 * sizeof(uint64_t), "a row's key is its fourth uint64_t");
static inline int32_t coach_model_entry(const uint32_t *index, const coach_feat_row *rows, size_t mask, uint64_t key)
{
    const uint64_t *keys = (const uint64_t *)(const void *)rows;
    size_t s = coach_slot(key, mask);
    uint32_t tag = coach_tag(key) >> 1;
    for (;;) {
        uint32_t e = index[s];
        if (!e) return -1;
        uint32_t at = e & ((1u << COACH_MODEL_KEY_AT) - 1);
        if ((e >> COACH_MODEL_KEY_AT) == tag && keys[at] == key) return (int32_t)(at >> 2);
        s = (s + 1) & mask;
    }
}
/* the key of two adjacent words (never equal to a word's own key: the generator checks) */
static inline uint64_t coach_model_pair_key(uint64_t first, uint64_t second)
{
    return (first ^ (second * 0x9E3779B97F4A7C15ULL)) + 0x5851F42D4C957F2DULL;
}

#endif
