#ifndef HEED_COACH_CODES_H
#define HEED_COACH_CODES_H
/* The coach's stable codes as X-macros, shared by the library and the table
 * generator (tools/coach_gen.c) so that data files name codes by string. */

#define COACH_FLAG_LIST(X) \
    X(NO_EMPATHY, "no_empathy") X(UNANSWERED_QUESTION, "unanswered_question") \
    X(NEGATIVE_PHRASING, "negative_phrasing") X(DEFLECTION, "deflection") X(BLAME, "blame") \
    X(DISMISSIVE, "dismissive") X(VAGUE_PROMISE, "vague_promise") X(SHOUTING, "shouting") \
    X(HARD_TO_READ, "hard_to_read")

#define COACH_STRENGTH_LIST(X) \
    X(EMPATHY, "empathy") X(APOLOGY, "apology") X(OWNERSHIP, "ownership") X(COMMITMENT, "commitment") \
    X(NEXT_STEP, "next_step") X(POSITIVE_ALTERNATIVE, "positive_alternative") X(PERSONAL, "personal") \
    X(GRATITUDE, "gratitude")

#define COACH_EMOTION_LIST(X) \
    X(ANGRY, "angry") X(FRUSTRATED, "frustrated") X(ANXIOUS, "anxious") X(SAD, "sad") \
    X(CONFUSED, "confused") X(HAPPY, "happy") X(NEUTRAL, "neutral")

#define COACH_SCORE_LIST(X) \
    X(EMPATHY, "empathy") X(LISTENING, "listening") X(POSITIVITY, "positivity") X(OWNERSHIP, "ownership") \
    X(RESPONSIBILITY, "responsibility") X(PROACTIVITY, "proactivity") X(PATIENCE, "patience") \
    X(ENTHUSIASM, "enthusiasm") X(CLARITY, "clarity") X(POLITENESS, "politeness") X(OVERALL, "overall")

/* Cues are what phrases signal beyond flags and strengths. NONE consumes a
 * phrase so that a shorter cue inside it does not fire ("not urgent"). */
#define COACH_CUE_LIST(X) \
    X(NONE, "none") X(URGENT, "urgent") X(THANKS, "thanks") X(REPEAT, "repeat") \
    X(COMPLAINT, "complaint") X(RHETORICAL, "rhetorical") X(INDIRECT_Q, "indirect_q") \
    X(INDIRECT_WH, "indirect_wh") X(POLITE, "polite") X(PROMISE, "promise") X(VAGUE, "vague") \
    X(ANSWER, "answer")

/* Phrase kinds. Layer 0 (judgement: flag, strength, sent, ignore) and layer 1
 * (cue, emotion) are matched independently, each longest-match-first. */
#define COACH_KIND_LIST(X) \
    X(FLAG, "flag") X(STRENGTH, "strength") X(SENT, "sent") X(IGNORE, "ignore") \
    X(CUE, "cue") X(EMOTION, "emotion")

#define COACH_ENUM_FLAG(n, s) COACH_FLAG_##n,
#define COACH_ENUM_STRENGTH(n, s) COACH_STRENGTH_##n,
#define COACH_ENUM_EMOTION(n, s) COACH_EMO_##n,
#define COACH_ENUM_SCORE(n, s) COACH_SCORE_##n,
#define COACH_ENUM_CUE(n, s) COACH_CUE_##n,
#define COACH_ENUM_KIND(n, s) COACH_KIND_##n,
#define COACH_NAME(n, s) s,

typedef enum { COACH_FLAG_LIST(COACH_ENUM_FLAG) COACH_FLAG_COUNT } coach_flag_code;
typedef enum { COACH_STRENGTH_LIST(COACH_ENUM_STRENGTH) COACH_STRENGTH_COUNT } coach_strength_code;
typedef enum { COACH_EMOTION_LIST(COACH_ENUM_EMOTION) COACH_EMO_COUNT } coach_emotion;
typedef enum { COACH_SCORE_LIST(COACH_ENUM_SCORE) COACH_SCORE_COUNT } coach_score_code;
typedef enum { COACH_CUE_LIST(COACH_ENUM_CUE) COACH_CUE_COUNT } coach_cue_code;
typedef enum { COACH_KIND_LIST(COACH_ENUM_KIND) COACH_KIND_COUNT } coach_kind;

/* word modifier roles (data/coach/modifiers.tsv) */
enum { COACH_MOD_NONE, COACH_MOD_NEGATOR, COACH_MOD_BOOSTER, COACH_MOD_DAMPENER, COACH_MOD_CONTRAST };
/* word flags */
enum { COACH_W_STOP = 1, COACH_W_ACRONYM = 2, COACH_W_QWORD = 4, COACH_W_AUX = 8, COACH_W_PRONOUN = 16, COACH_W_TIME = 32,
       /* worked out by the generator from the entry itself, for the tokenizer's lookup pass:
        * FEELS, a valence, an emotion or a modifier (coach_feel reads the word); PHRASE, the
        * word starts a built-in phrase (coach_match looks there) */
       COACH_W_FEELS = 64, COACH_W_PHRASE = 128 };

enum { COACH_PHRASE_MAX = 8 };

#endif
