#ifndef HEED_COACH_INTERNAL_H
#define HEED_COACH_INTERNAL_H
/* Shared between the coach's own files; not part of the public API. */
#include <stddef.h>
#include <string.h>
#include "coach/coach.h"
#include "coach/coach_tables.h"

enum { TK_WORD = 1, TK_NUM = 2, TK_EMOJI = 3 };
/* TF_ASCII: every byte of the token is ASCII, so ctext.fold holds its lower-cased bytes;
 * TF_CODE: in capitals but a code or an unknown acronym ("SHA256", "TOTP"), not emphasis */
enum { TF_CAPS = 1, TF_INITCAP = 2, TF_INPHRASE = 4, TF_NEGATED = 8, TF_ASCII = 16, TF_CODE = 32 };

typedef struct ctok {
    uint32_t start, end;     /* byte offsets */
    uint64_t h;              /* canonical hash of the normalised form */
    uint64_t stem;           /* hash with a light suffix strip, for matching content words (coach_stems) */
    int32_t word;            /* index in coach_words, -1 if unknown */
    int32_t xword;           /* index in the extra lexicon's words, -1 if none */
    uint32_t sent;           /* sentence index */
    uint8_t kind, flags, excl, quest;
    /* copied from the word's table entry, so later passes stay in this array: the same eight
     * bytes as coach_word's, in one move (checked below) */
    union {
        struct {
            int16_t val;
            int8_t emo, emo_w;
            uint8_t mod;
            int8_t mod_amt;
            uint8_t wflags;
            uint8_t mods_before;  /* bit d-1: token i-d (any sentence) has a modifier; set by the lookup pass */
        };
        uint64_t lex;
    };
} ctok;
_Static_assert(offsetof(ctok, emo) - offsetof(ctok, val) == offsetof(coach_word, emo) - offsetof(coach_word, val) &&
               offsetof(ctok, emo_w) - offsetof(ctok, val) == offsetof(coach_word, emo_w) - offsetof(coach_word, val) &&
               offsetof(ctok, mod) - offsetof(ctok, val) == offsetof(coach_word, mod) - offsetof(coach_word, val) &&
               offsetof(ctok, mod_amt) - offsetof(ctok, val) == offsetof(coach_word, mod_amt) - offsetof(coach_word, val) &&
               offsetof(ctok, wflags) - offsetof(ctok, val) == offsetof(coach_word, flags) - offsetof(coach_word, val) &&
               offsetof(ctok, lex) == offsetof(ctok, val) && offsetof(coach_word, lex) == offsetof(coach_word, val),
               "ctok's copy of a word's fields must have coach_word's layout");

typedef struct csent {
    uint32_t start, end;     /* bytes, start at the first token, end after the terminator */
    uint32_t t0, t1;         /* tokens [t0, t1) */
    char term;               /* '?', '!', '.', '\n' or 0 at end of text */
    uint64_t kw;             /* the walk bits of its tokens or-ed (ctext.kwm) */
} csent;

typedef struct cmatch {
    const coach_phrase *p;   /* static or extra phrase */
    uint32_t t0, t1;         /* tokens [t0, t1) */
    uint8_t layer;
} cmatch;

typedef struct creply_facts {
    bool number, money, reason, answer, yesno, howto;
    bool terse;           /* it opens with a bare answer: "3 months.", "OO." (a number or a code, three words at most) */
    uint64_t yesno_sents; /* the sentences with a yes or a no, a bit each (bit 63 for the 64th and later) */
    uint64_t place_sents; /* the sentences that say where ("next to the bakery", "a 3-minute walk from you"), as above */
} creply_facts;

typedef struct ctext {
    const char *s; size_t len;
    char *fold;              /* len bytes: s lower-cased, valid inside TF_ASCII tokens (coach_tok.c) */
    ctok *tok; size_t ntok;
    /* the tokens coach_feel reads (feeling, a modifier, '!' or '?'), in order; feel has room for
     * 2 * ntok: phr = feel + ntok's room holds the tokens that start a built-in phrase */
    uint32_t *feel; size_t nfeel;
    uint32_t *phr; size_t nphr;
    uint32_t ncaps;          /* all-caps words that are not acronyms (emphasis when mixed_case) */
    uint32_t nexcl;          /* the tokens' '!' counts summed (each capped at 255, as ctok.excl) */
    uint32_t ncaps_words;    /* all-caps words that are not codes, acronyms too (none: no shouting to look for) */
    uint32_t ncontrast;      /* 1 if it has a contrast word ("but"), else 0 (each sentence says so in its walk bits) */
    csent *sent; size_t nsent;
    cmatch *m; size_t nm;
    bool mixed_case;         /* has both lower and upper case letters: caps then mean emphasis */
    uint64_t *stems;         /* set of content-word stems (reply only, built when questions need it) */
    uint64_t *stem_sents;    /* beside each slot of stems: the sentences (first 64) with that stem, a bit each */
    size_t stem_mask;
    creply_facts facts;      /* reply only: see coach_reply_facts */
    /* coach_tok_from's answers, by from % COACH_FROM_MEMO (NULL: none; cleared by the tokenizer):
     * the question rules ask for the first token of the same question's span again and again */
    struct ctok_from { uint32_t from, at; } *from_memo;
    /* per token, its walk bits (coach_kwset.h), set by the tokenizer: room for coach_tok_bound(len),
     * as tok, from whoever makes the text */
    uint64_t *kwm;
    uint64_t kw_any;         /* the walk bits of all its tokens or-ed */
} ctext;
enum { COACH_FROM_MEMO = 16 };

/* an organisation's own lexicon (coach_lexicon.c) */
struct coach_lexicon {
    /* a word's valence and emotion (the built-in ones unless the file gives them); the lines
     * that gave them, for refusing repeats */
    struct xword {
        uint64_t key; int16_t val; int8_t emo, emo_w; uint32_t vline, eline;
        /* a language lexicon's (coach_lang_lexicon) modifier and word classes (COACH_MOD_*, COACH_W_*) */
        uint8_t mod, wflags; int8_t mod_amt; uint32_t mline;
    } *words;
    size_t nwords, mask;     /* open addressing: words has mask + 1 slots, key 0 = empty */
    coach_phrase *phrases;   /* h[] are canonical hashes; sorted by first word, longest first */
    size_t nphrases;
    struct xpidx { uint32_t first, count; } *pidx; /* phrases by first word: pidx_mask + 1 slots, count 0 = empty */
    size_t pidx_mask;
    coach_syn *syns;         /* synonyms by stem: open addressing, syn_mask + 1 slots, stem 0 = empty */
    size_t syn_mask;         /* 0: no synonyms */
    coach_syn_phrase *syn_phrases;
    size_t nsyn_phrases;
    char *strings;           /* phrase texts and suggestions */
};

/* A built-in language lexicon (data/coach/es.tsv, coach_es.c): the organisation format plus
 * modifier and word-class lines and every cue the engine reads; its words are looked up with
 * accents folded and without the English tables (coach_tokenize_lang). Parsed once, on first
 * use, and read-only after: NULL for a language the coach does not read (or if it fails to load). */
const coach_lexicon *coach_lang_lexicon(coach_language l);
coach_lexicon *coach_lexicon_load_lang(const char *name, const char *text, size_t len, char *err, size_t errlen);
/* coach_es.c: what the Spanish reading does differently from the English one */
bool coach_es_time_pressure(const ctext *t);       /* a need and a near deadline in one sentence */
bool coach_es_personal(const ctext *t, const ctext *c, const coach_input *in);
bool coach_es_greeting(const ctext *t, const csent *s); /* "Hola", "Buenos días", "Estimada Sra. Ruiz" */
const char *coach_es_ack(coach_emotion e);         /* the no_empathy suggestion's opening, in Spanish */

/* coach_tok.c: splits text into tokens and sentences; caps are upper bounds */
/* tokens a text of len bytes can hold: a word needs a separator after it and an emoji is at least
 * two bytes */
static inline size_t coach_tok_bound(size_t len) { return len / 2 + 2; }
void coach_tokenize(ctext *t, const coach_lexicon *extra);
/* the same for a text in a language lexicon's language: accents folded (á -> a, ü -> u; ñ stays),
 * words looked up in lx alone (NULL: none), no English word table */
void coach_tokenize_lang(ctext *t, const coach_lexicon *lx);
/* the same without the fast path: every byte through the general step (tests compare the two) */
void coach_tokenize_general(ctext *t, const coach_lexicon *extra);
/* the first token that starts at or after byte `from` (ntok if none) */
size_t coach_tok_from(const ctext *t, uint32_t from);
/* stems of the tokens inside bytes [from, to); returns the first token at or after `from` */
size_t coach_stems(ctext *t, uint32_t from, uint32_t to);
/* coach_match.c: finds phrases (longest per layer at each token) */
void coach_match(ctext *t, const coach_lexicon *extra);
/* the organisation's lexicon x (its own lines, not the built-in ones) reads this text: a word or
 * phrase of emotion emo, a word's valence, or a phrase */
bool coach_own_lexicon_reads(const ctext *t, const coach_lexicon *x, int emo);
static inline const coach_word *tok_word(const ctok *k) { return k->word >= 0 ? &coach_words[k->word] : NULL; }
static inline bool tok_is(const ctok *k, uint64_t h) { return k->h == h; }
static inline bool tok_has(const ctok *k, unsigned f) { return (k->wflags & f) != 0; }
/* a word of five letters or more ending in "-ed" ("closed", "placed"; not "need", "feed") */
static inline bool tok_ed(const ctext *t, const ctok *k)
{
    return k->kind == TK_WORD && (k->flags & TF_ASCII) && k->end - k->start >= 5 && t->fold[k->end - 2] == 'e' && t->fold[k->end - 1] == 'd';
}
/* a word of five letters or more ending in "-ing" ("contacting", "syncing") */
static inline bool tok_ing(const ctext *t, const ctok *k)
{
    return k->kind == TK_WORD && k->end - k->start > 4 && !memcmp(t->s + k->end - 3, "ing", 3);
}
int32_t coach_word_find(uint64_t key);
/* index of the first phrase hit starting at or after token t0 (hits are in token order) */
static inline size_t coach_first_match(const ctext *t, uint32_t t0)
{
    size_t lo = 0, hi = t->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->m[mid].t0 < t0) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* coach_sentiment.c */
typedef struct cfeel {
    double compound;              /* -1..1 */
    double emo[COACH_EMO_COUNT];
    double polite;                /* raw politeness evidence */
    bool cue[COACH_CUE_COUNT];
    bool asks;                    /* worked out only for a positive message: it asks something (coach_asks_something) */
} cfeel;
void coach_feel(const ctext *t, const coach_lexicon *extra, cfeel *out);
int coach_politeness(const ctext *t, const cfeel *f);
coach_emotion coach_pick_emotion(const cfeel *f);
/* the message asks something of us: a question, or "please" / "kindly" */
bool coach_asks_something(const ctext *t);

/* coach_cues.c: cues recognised by their parts. coach_said_before: the customer says they
 * contacted us before (a contact word, a repetition marker, the customer), its words in why;
 * coach_someone_else: tokens [from, end) name another party within five words */
bool coach_said_before(const ctext *t, coach_span *why);
/* every repeat-contact phrase of the message is about another party ("I've messaged the seller
 * twice with no reply"): the customer has not written to us before */
bool coach_repeat_to_others(const ctext *t);
bool coach_someone_else(const ctext *t, uint32_t from, uint32_t end);
bool coach_repeat_stands(const ctext *t, const cmatch *m, const csent *s);
/* time pressure without "urgent": a need and a near deadline in one sentence */
bool coach_time_pressure(const ctext *t, coach_span *why);
/* the customer threatens what they will do if we do not act (coach_cues.c) */
bool coach_threatens(const ctext *t, coach_span *why);
/* a failure told in plain words ("a broken zip", "never arrived", "charged twice"): a complaint */
bool coach_something_wrong(const ctext *t, coach_span *why);
/* the customer says we did something to them ("you've closed my card"): a complaint when the tone is negative */
bool coach_you_did_it(const ctext *t, coach_span *why);
/* praise that means the opposite ("Love how your app has been down", "Brilliant."): asked where a complaint is read */
bool coach_sarcastic_praise(const ctext *t, coach_span *why);
bool coach_sarcastic_thanks(const ctext *t, coach_span *why);
/* coach_model.c: the learned customer model; sets cr's emotion, urgent, complaint and because
 * from the text and the lexicon's readings. hits: room for 2 * t->ntok (coach_model_hits_room) */
typedef struct cmodel_lex {
    coach_emotion emotion;        /* the lexicon's */
    double compound;
    bool urgent, complaint, thanks, repeat;
    bool asks;                    /* the message asks something: its thanks and greetings are manners, not joy */
    unsigned excl, caps, questions; /* '!' marks; all-caps words (in mixed-case text); questions */
    bool own;                     /* an organisation's own lexicon reads the text: its readings stand */
    bool failure, pressure;       /* the rules read a failure of ours, time pressure, by their parts
                                   * (coach_something_wrong, coach_time_pressure) where no phrase did */
} cmodel_lex;
void coach_model(const ctext *t, const cmodel_lex *lx, coach_customer_report *cr, uint64_t *hits);
void coach_explain_lexicon(const ctext *t, coach_customer_report *cr);
/* a token that explains no reading by itself: a function word, a number, a time ("on Friday") */
bool coach_token_idle(const ctok *k);
/* coach_reply_model.c: the learned reading of the reply; decides the flags and strengths the
 * table decides (coach_rm_lane) from the rules' readings and the reply's words, and
 * lists its features when r->reply_features. hits: room for 2 * t->ntok */
void coach_reply_model(const ctext *t, coach_emotion cemo, coach_report *r, uint64_t *hits);
/* the model's feature index of one lower-case word (for tests), -1 if it has none */
int32_t coach_model_find_word(const char *word, size_t len);

/* coach_questions.c */
size_t coach_questions(const ctext *t, coach_span *out, size_t max);
/* Where a question's yes-or-no and its time may be read from in the reply. A message that asks
 * one thing takes them from anywhere (on = all ones); one that asks several takes them from the
 * sentences on the question's topic (on), or from the sentences on no question's topic, which
 * the first question that needs them claims (*free_yes, *free_time: "Yes, we do" answers one
 * question of three, not every one). time_sents: the reply's sentences with a time (bit 63 for
 * the 64th and later). */
/* feats: if not NULL, the answer features (COACH_AF_* bits, coach_tables.h) answered_in saw are or-ed in */
/* dur_sents: the reply's sentences with a length of time; *free_dur: those no "how long" has taken
 * (a length answers "how long" wherever it stands, even in a sentence on another question's topic) */
typedef struct canswer_scope { uint64_t on, time_sents, *free_yes, *free_time, *feats, dur_sents, *free_dur; } canswer_scope;
bool coach_answered(const ctext *q, coach_span qs, const ctext *reply, const canswer_scope *sc);
enum { REQ_NONE, REQ_ACT, REQ_THING }; /* "Can you check?" asks a step; "Can I get a new one?" asks for a thing */
int coach_question_is_request(const ctext *q, coach_span qs);
bool coach_question_asks_our_action(const ctext *q, coach_span qs);
void coach_question_overlap(const ctext *q, coach_span qs, const ctext *r, size_t *nc, size_t *hit);
/* the same for each of n questions (up to 32), counting only its own words, those no other question
 * has ("car" in "Does the car need insurance? Can I leave the car's battery disconnected?" is
 * neither's), each word once: nc[i] and hit[i] */
void coach_question_own_overlap(const ctext *q, const coach_span *qs, size_t n, const ctext *r, size_t *nc, size_t *hit,
                                uint64_t *own_sents);
bool coach_answered_by(const ctext *q, coach_span qs, const ctext *reply, bool reply_has_time, bool strict);
/* builds reply->stems in slots (nslots: a power of two, at least twice the tokens) and
 * reply->stem_sents after them: slots has room for 2 * nslots */
void coach_stem_set(ctext *reply, uint64_t *slots, size_t nslots);
void coach_reply_facts(ctext *reply);
size_t coach_stem_slots(size_t len);
uint64_t coach_answer_sentences(const ctext *q, coach_span qs, const ctext *r);
/* stems of the tokens inside bytes [from, to), synonyms mapped to their group's key (the
 * organisation's first, then synonyms.tsv and the spelling pairs) */
void coach_match_stems(ctext *t, uint32_t from, uint32_t to, const coach_lexicon *extra);
/* the synonym entry for a stem: in x's own table, or the built-in one when x is NULL */
const coach_syn *coach_syn_find(const coach_lexicon *x, uint64_t stem);

/* coach_time.c: deadlines */
/* clock: the seconds into the day of a clock time read ("by 2pm"), else -1; dated: a day or a
 * stretch of time was read too ("on Friday at 8am", "within 2 hours") */
typedef struct ctime_hit { uint32_t t0, t1; long long due; int clock; bool dated; } ctime_hit;
bool coach_time_in(const ctext *t, uint32_t t0, uint32_t t1, long long now, const coach_zone *zone, ctime_hit *hit);
/* the time `clock` seconds into the agent's local day of `day` */
long long coach_time_on_day_of(long long day, int clock, const coach_zone *zone);
int coach_weekday(uint64_t h); /* a weekday named in full: 0 (Sunday) to 6, else -1 */
void coach_civil(long long t, int *y, int *mo, int *d, int *h, int *mi, int *s, int *wday);
long long coach_days_from_civil(int y, int m, int d);

/* coach_acts.c: deflection, blame, sarcasm and empathy by their parts; strengths that a flag in
 * the same sentence contradicts are taken back. Runs after the phrase flags. */
void coach_reply_acts(const ctext *t, coach_report *r);
/* coach_reply.c: a flag raised by structure on [a, b), naming the words that raised it */
void coach_act_flag(coach_report *r, coach_flag_code c, uint32_t a, uint32_t b, const char *words, size_t nwords,
                    const char *own_rule); /* own_rule NULL: the code's rule by parts */

/* coach_reply.c */
void coach_reply(const ctext *c, const cfeel *cf, coach_emotion cemo, const coach_span *qs, size_t nq,
                 const ctext *r, const coach_input *in, coach_report *out, uint64_t *hits);

/* a string in the report's pool (truncated if the pool is full) */
const char *coach_pool_printf(coach_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* parts joined into the pool; len[i] caps part i (SIZE_MAX: up to its NUL) */
const char *coach_pool_cat(coach_report *r, size_t np, const char *const part[], const size_t len[]);

#endif
