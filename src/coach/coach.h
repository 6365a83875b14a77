#ifndef HEED_COACH_H
#define HEED_COACH_H
/* The coach: reads a customer's message and an agent's reply and reports what
 * the service traits see in them (see docs/COACH.md).
 *
 * Pure: no I/O, no global mutable state, deterministic. coach_analyze takes a
 * scratch area kept in the report (grown once, reused by later calls with the
 * same report) and never allocates per token. Any byte sequence is safe;
 * invalid UTF-8 bytes are treated as separators.
 *
 * Ownership: the report owns its scratch and its text pool; spans point into
 * the caller's input, which must outlive the report's use. coach_report_free
 * releases the scratch. A report may be reused for many analyses. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "coach/coach_codes.h"

typedef struct coach_lexicon coach_lexicon;

/* The agent's time zone for deadlines, as the caller worked it out (the library reads no tz
 * database): the UTC offset in force at `now` and the zone's next offset changes (DST), so a
 * promise "by Monday" across a change gets Monday's offset. Past the last change listed, the
 * last offset holds. */
enum { COACH_ZONE_CHANGES = 8 };
typedef struct coach_zone {
    int offset;                                  /* minutes east of UTC at `now` (-300: New York in winter) */
    int nchanges;
    struct { long long at; int offset; } change[COACH_ZONE_CHANGES]; /* Unix seconds, in order */
} coach_zone;

/* The ticket's own reading of the customer, where the caller has one (agents' corrections of
 * the coach, the thread's history): it replaces what the text alone reads, so the reply is
 * judged against the one reading every page shows. */
typedef struct coach_reading {
    coach_emotion emotion;
    bool urgent, complaint, repeat_contact;
} coach_reading;

typedef struct coach_input {
    const char *customer; size_t customer_len;   /* NULL: no customer message */
    const char *reply; size_t reply_len;         /* NULL: no reply */
    const char *customer_name; size_t customer_name_len; /* optional */
    long long now;                               /* Unix seconds (UTC) to resolve deadlines against */
    const coach_lexicon *extra;                  /* an organisation's own lexicon, or NULL */
    const coach_zone *zone;                      /* deadlines in this zone's local time; NULL: UTC */
    /* the agent's earlier public replies on the thread, joined (NULL: none): a question one of
     * them already answered is "answered before", not "not answered yet" */
    const char *earlier; size_t earlier_len;
    const coach_reading *reading;                /* NULL: the text's own reading */
} coach_input;

enum { COACH_MAX_QUESTIONS = 16, COACH_MAX_FLAGS = 32, COACH_MAX_COMMITMENTS = 16, COACH_POOL = 24576 };

typedef struct coach_span { uint32_t start, end; } coach_span;

typedef struct coach_flag {
    coach_flag_code code;
    uint32_t start, end;          /* byte offsets into the reply */
    const char *why, *suggestion; /* NUL-terminated, in the report's pool */
} coach_flag;

typedef struct coach_commitment {
    uint32_t start, end;          /* the promise, byte offsets into the reply */
    bool has_due;
    long long due;                /* Unix seconds (UTC) */
} coach_commitment;

/* the language a text is in (coach_lang.c): the coach reads English; a message in another
 * language is said to be so and not judged as English */
typedef enum { COACH_LANG_EN, COACH_LANG_DE, COACH_LANG_ES, COACH_LANG_FR, COACH_LANG_IT, COACH_LANG_PT, COACH_LANG_NL,
               COACH_LANG_UNDETERMINED } coach_language;
coach_language coach_detect_language(const char *s, size_t len);
/* "en", "de", "es", "fr", "it", "pt", "nl", or "und" (a script or language it cannot tell) */
const char *coach_language_code(coach_language l);

/* the words that raised a customer reading (the learned model's top-weighted words and word pairs,
 * or the lexicon's cues where it decided): up to three spans of the customer text, strongest
 * first; n is 0 for a reading that is off */
enum { COACH_BECAUSE_MAX = 3 };
typedef enum { COACH_WHY_EMOTION, COACH_WHY_URGENT, COACH_WHY_COMPLAINT, COACH_WHY_REPEAT, COACH_WHY_COUNT } coach_why;
typedef struct coach_because { uint32_t n; coach_span span[COACH_BECAUSE_MAX]; } coach_because;

typedef struct coach_customer_report {
    double sentiment;             /* -1..1 */
    coach_emotion emotion;
    bool urgent, thanks, repeat_contact, complaint;
    coach_language language;      /* not EN: nothing else was read (neutral, no cues) */
    int politeness;               /* 0..100 */
    size_t nquestions;
    coach_span questions[COACH_MAX_QUESTIONS]; /* byte offsets into the customer text */
    bool has_earlier;             /* earlier replies were given: answered_before is set */
    bool answered_before[COACH_MAX_QUESTIONS]; /* one per question: an earlier reply answered it */
    coach_because because[COACH_WHY_COUNT];    /* why emotion (not neutral), urgent, complaint, repeat contact are on */
    double lexicon_emotions[COACH_EMO_COUNT];  /* the lexicon's evidence for each emotion, before the model
                                                * weighs it (in the JSON only with --lexicon-only) */
    bool failure_told, pressure_told; /* the rules read a failure of ours, time pressure, by their parts
                                       * (in the JSON only with --lexicon-only) */
} coach_customer_report;

typedef struct coach_reply_report {
    int scores[COACH_SCORE_COUNT];  /* 0..100 */
    unsigned strengths;             /* bit (1u << coach_strength_code) */
    size_t nflags;
    coach_flag flags[COACH_MAX_FLAGS];
    size_t ncommitments;
    coach_commitment commitments[COACH_MAX_COMMITMENTS];
    bool answered[COACH_MAX_QUESTIONS]; /* one per customer question */
    /* what the learned reading of "answered" weighed for each question: a bit per feature, named
     * by coach_answer_feature_name (bench/coach/train_answered.js learns from them) */
    uint64_t answer_features[COACH_MAX_QUESTIONS];
    double sentiment;
    coach_language language;        /* not EN: not judged (no flags or strengths, scores 50) */
} coach_reply_report;

typedef struct coach_report {
    bool has_customer, has_reply;
    coach_customer_report customer;
    coach_reply_report reply;     /* set only when has_reply (left as it was otherwise) */
    char pool[COACH_POOL]; size_t pool_len; /* why/suggestion strings */
    void *scratch; size_t scratch_cap;      /* reused between analyses */
    bool lexicon_only;                      /* set by the caller: emotion, urgent and complaint from the
                                             * lexicon alone, without the learned model (for training and
                                             * comparing it: heed coach --lexicon-only); kept across analyses */
    bool answer_features;                   /* set by the caller: the JSON report lists each question's
                                             * answer features (heed coach --answer-features) */
    bool reply_rules_only;                  /* set by the caller: the reply's flags and strengths from the
                                             * rules alone, without the learned reply reading (the unit
                                             * tests of the rules; heed coach --reply-rules-only) */
    bool reply_features;                    /* set by the caller: the JSON report lists the reply model's
                                             * features (heed coach --reply-features) */
    char *features; size_t features_len, features_cap; /* those, tab-separated (allocated) */
} coach_report;

void coach_report_init(coach_report *r);
/* 0 on success; -1 only if scratch memory cannot be had (out of memory). */
int coach_analyze(const coach_input *in, coach_report *out);
void coach_report_free(coach_report *r);

const char *coach_flag_name(coach_flag_code c);
/* the name of answer feature bit i (coach_reply_report.answer_features), NULL past the last */
const char *coach_answer_feature_name(unsigned i);
/* Whether f's suggestion reads correctly put in place of its span in reply: a plainer word, a
 * time or lower case for its span (hard_to_read, vague_promise, shouting), or the span ends its
 * clause, or the suggestion ends with the span's last word. Otherwise the suggestion is a way to
 * rephrase the sentence, not a drop-in (the JSON's "apply": "span" or "sentence"). */
bool coach_flag_in_place(const char *reply, size_t len, const coach_flag *f);
const char *coach_strength_name(coach_strength_code c);
const char *coach_emotion_name(coach_emotion e);
const char *coach_score_name(coach_score_code c);

/* Splits Unix seconds (UTC) into a civil date; wday 0 = Sunday. */
void coach_civil_public(long long t, int *y, int *mo, int *d, int *h, int *mi, int *s, int *wday);

/* The zone's offset (minutes east of UTC) at Unix time t; 0 for a NULL zone. */
int coach_zone_offset_at(const coach_zone *z, long long t);

/* Sentiment of any text, -1..1 (the customer scorer on its own; for measuring). */
double coach_sentiment(const char *text, size_t len, const coach_lexicon *extra, coach_report *scratch_owner);

/* An organisation's own lexicon, parsed from the text of a TSV file (the caller reads it; the
 * format is in docs/COACH.md): sentiment, emotion, cue, flag, strength and synonym lines; '#'
 * starts a comment. All or nothing: on the first bad line returns NULL with "NAME:LINE: reason"
 * in err (name may be NULL: "line LINE: reason"). The result goes in coach_input.extra; it is
 * read-only, so threads may share it. */
coach_lexicon *coach_lexicon_load_extra(const char *name, const char *text, size_t len, char *err, size_t errlen);
void coach_lexicon_free(coach_lexicon *lx);

#endif
