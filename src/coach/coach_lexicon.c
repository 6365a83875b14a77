/* coach_lexicon: an organisation's own lexicon, parsed from the text of a TSV
 * file (the caller reads it; see docs/COACH.md for the format). Every kind of
 * entry the built-in tables have can be added: word and phrase sentiment,
 * emotions, urgency / complaint / repeat-contact / thanks cues, flag phrases
 * with their suggestion and why, strengths, and synonyms for answer matching.
 * Phrases are split by the coach's own tokenizer, so they match exactly what
 * the analysis sees. Strict and all or nothing: the first bad line is named
 * (NAME:LINE: reason) and nothing is returned. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"

enum { FIELD_MAX = 200, MAX_FIELDS = 34 };

/* modifier and word lines are read only in a built-in language lexicon (coach_lexicon_load_lang) */
typedef enum { X_SENTIMENT, X_EMOTION, X_CUE, X_FLAG, X_STRENGTH, X_SYNONYM, X_MODIFIER, X_WORD, X_COUNT } xkind;
static const struct { const char *name; unsigned min, max; const char *shape; } kinds[X_COUNT] = {
    [X_SENTIMENT] = {"sentiment", 3, 3, "sentiment<TAB>valence<TAB>word or phrase"},
    [X_EMOTION] = {"emotion", 3, 4, "emotion<TAB>emotion<TAB>word or phrase[<TAB>weight]"},
    [X_CUE] = {"cue", 3, 3, "cue<TAB>urgent|complaint|repeat|thanks|none<TAB>phrase"},
    [X_FLAG] = {"flag", 4, 5, "flag<TAB>code<TAB>phrase<TAB>suggestion[<TAB>why]"},
    [X_STRENGTH] = {"strength", 3, 3, "strength<TAB>code<TAB>phrase"},
    [X_SYNONYM] = {"synonym", 3, MAX_FIELDS, "synonym<TAB>head word<TAB>word or phrase[<TAB>...]"},
    [X_MODIFIER] = {"modifier", 4, 4, "modifier<TAB>negator|booster|dampener|contrast<TAB>word<TAB>amount"},
    [X_WORD] = {"word", 3, 3, "word<TAB>stop|acronym|qword|aux|pronoun<TAB>word"},
};

/* a phrase while loading, with its line for duplicate checks */
typedef struct xphrase { coach_phrase p; uint32_t line; } xphrase;
typedef struct xsyn { uint64_t stem, key; uint32_t line; } xsyn;
typedef struct xsynp { coach_syn_phrase p; uint32_t line; } xsynp;

typedef struct build {
    coach_lexicon *x;
    const char *name;
    char *err; size_t errlen;
    size_t line;
    ctext t;                 /* scratch for splitting one field into tokens */
    xphrase *ph; size_t nph;
    xsyn *syn; size_t nsyn;
    xsynp *synp; size_t nsynp;
    size_t sp;               /* bytes used in x->strings */
    bool lang;               /* a built-in language lexicon: its own words only, accents folded */
} build;

static int fail(build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(build *b, const char *fmt, ...)
{
    if (!b->err || !b->errlen) return -1;
    int n = b->name ? snprintf(b->err, b->errlen, "%s:%zu: ", b->name, b->line) : snprintf(b->err, b->errlen, "line %zu: ", b->line);
    if (n >= 0 && (size_t)n < b->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(b->err + n, b->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* a plain decimal number ("-2", "1.5"): no exponent, hex, inf or nan */
static bool decimal(const char *s, size_t n, double lo, double hi, double *out)
{
    char num[32];
    size_t i = (n && (s[0] == '-' || s[0] == '+')) ? 1 : 0, digits = 0, dots = 0;
    if (!n || n >= sizeof num) return false;
    for (size_t j = i; j < n; j++) {
        if (s[j] >= '0' && s[j] <= '9') digits++;
        else if (s[j] == '.' && !dots) dots++;
        else return false;
    }
    if (!digits) return false;
    memcpy(num, s, n);
    num[n] = 0;
    *out = strtod(num, NULL);
    return *out >= lo && *out <= hi;
}

static int code_in(const char *(*name)(int), int count, const char *s, size_t n)
{
    for (int i = 0; i < count; i++) if (strlen(name(i)) == n && !memcmp(name(i), s, n)) return i;
    return -1;
}
static const char *flag_name(int i) { return coach_flag_name((coach_flag_code)i); }
static const char *strength_name(int i) { return coach_strength_name((coach_strength_code)i); }
static const char *emotion_name(int i) { return i == COACH_EMO_NEUTRAL ? "" : coach_emotion_name((coach_emotion)i); }
static const char *const cue_names[] = {COACH_CUE_LIST(COACH_NAME)};
static const char *cue_name(int i)
{
    /* the cues an organisation may add; the others are the engine's grammar */
    return i == COACH_CUE_URGENT || i == COACH_CUE_COMPLAINT || i == COACH_CUE_REPEAT || i == COACH_CUE_THANKS || i == COACH_CUE_NONE
               ? cue_names[i] : "";
}
/* a language lexicon also gives the grammar's cues its own words: politeness, rhetorical and
 * indirect questions (promises and answers are read by the English rules only) */
static const char *lang_cue_name(int i)
{
    return i == COACH_CUE_POLITE || i == COACH_CUE_RHETORICAL || i == COACH_CUE_INDIRECT_Q ? cue_names[i] : cue_name(i);
}

/* splits one field into the tokens the analysis would see */
static int words(build *b, const char *s, size_t n, const char *what)
{
    b->t.s = s;
    b->t.len = n;
    if (b->lang) coach_tokenize_lang(&b->t, NULL);
    else coach_tokenize(&b->t, NULL);
    if (!b->t.ntok) return fail(b, "%s has no words", what);
    if (b->t.nsent > 1) return fail(b, "%s must not end a sentence inside it", what);
    if (b->t.ntok > COACH_PHRASE_MAX) return fail(b, "%s has more than %d words", what, COACH_PHRASE_MAX);
    return 0;
}

static char *keep_string(build *b, const char *s, size_t n)
{
    char *p = b->x->strings + b->sp;
    memcpy(p, s, n);
    p[n] = 0;
    b->sp += n + 1;
    return p;
}

static struct xword *word_slot(coach_lexicon *x, uint64_t h, bool lang)
{
    size_t s = coach_slot(h, x->mask);
    while (x->words[s].key && x->words[s].key != h) s = (s + 1) & x->mask;
    if (!x->words[s].key) {
        /* a new entry starts as the built-in word, so a sentiment line keeps its emotion and back
         * (not in a language lexicon: the English table is not its words) */
        int32_t w = lang ? -1 : coach_word_find(h);
        x->words[s] = (struct xword){.key = h, .emo = -1};
        if (w >= 0) {
            x->words[s].val = coach_words[w].val;
            x->words[s].emo = coach_words[w].emo;
            x->words[s].emo_w = coach_words[w].emo_w;
        }
        x->nwords++;
    }
    return &x->words[s];
}

static int add_phrase(build *b, int kind, int code, double val, const char *text, size_t tn)
{
    xphrase *e = &b->ph[b->nph];
    memset(e, 0, sizeof *e);
    for (size_t i = 0; i < b->t.ntok; i++) e->p.h[i] = b->t.tok[i].h;
    e->p.n = (uint8_t)b->t.ntok;
    e->p.kind = (uint8_t)kind;
    e->p.code = (uint8_t)code;
    e->p.layer = (uint8_t)coach_phrase_layer(kind, code);
    e->p.val = (int16_t)(val * 100);
    e->p.text = keep_string(b, text, tn);
    e->p.sugg = "";
    e->line = (uint32_t)b->line;
    b->nph++;
    return 0;
}

/* a single word's valence or emotion goes in the word table (so negation and boosters apply) */
static int one_word(build *b, xkind k, double v, int emo)
{
    struct xword *w = word_slot(b->x, b->t.tok[0].h, b->lang);
    uint32_t *seen = k == X_SENTIMENT ? &w->vline : &w->eline;
    if (*seen) return fail(b, "the word is already given %s on line %u", k == X_SENTIMENT ? "a valence" : "an emotion", *seen);
    *seen = (uint32_t)b->line;
    if (k == X_SENTIMENT) w->val = (int16_t)(v * 100);
    else { w->emo = (int8_t)emo; w->emo_w = (int8_t)(v * 10 + 0.5); }
    return 0;
}

static int synonym_line(build *b, const char *const f[], const size_t fl[], size_t nf)
{
    if (words(b, f[1], fl[1], "the head") < 0) return -1;
    if (b->t.ntok != 1) return fail(b, "the head of a synonym line is one word");
    coach_stems(&b->t, 0, UINT32_MAX);
    uint64_t head = b->t.tok[0].stem;
    /* the head may already belong to a group: ours first, then the built-in one */
    for (size_t i = 0; i < b->nsyn; i++) if (b->syn[i].stem == head) { head = b->syn[i].key; break; }
    const coach_syn *e = coach_syn_find(NULL, head);
    uint64_t key = e ? e->key : head;
    for (size_t k = 2; k < nf; k++) {
        if (words(b, f[k], fl[k], "a synonym") < 0) return -1;
        if (b->t.ntok > COACH_SYN_MAX) return fail(b, "a synonym has at most %d words", COACH_SYN_MAX);
        /* the matcher skips these words (coach_match_stems) */
        if (tok_has(&b->t.tok[0], COACH_W_STOP | COACH_W_PRONOUN))
            return fail(b, "\"%.*s\" cannot start a synonym: it is a stop word or a pronoun", (int)fl[k], f[k]);
        coach_stems(&b->t, 0, UINT32_MAX);
        if (b->t.ntok > 1) {
            xsynp *p = &b->synp[b->nsynp++];
            memset(p, 0, sizeof *p);
            for (size_t i = 0; i < b->t.ntok; i++) p->p.stem[i] = b->t.tok[i].stem;
            p->p.n = (uint8_t)b->t.ntok;
            p->p.key = key;
            p->line = (uint32_t)b->line;
            continue;
        }
        uint64_t st = b->t.tok[0].stem;
        for (size_t i = 0; i < b->nsyn; i++)
            if (b->syn[i].stem == st && b->syn[i].key != key)
                return fail(b, "\"%.*s\" is already a synonym on line %u (a word belongs to one group)", (int)fl[k], f[k], b->syn[i].line);
        b->syn[b->nsyn++] = (xsyn){st, key, (uint32_t)b->line};
    }
    return 0;
}

static int parse_line(build *b, const char *l, size_t ll)
{
    const char *f[MAX_FIELDS];
    size_t fl[MAX_FIELDS], nf = 0;
    for (size_t a = 0;;) {
        size_t e = a;
        while (e < ll && l[e] != '\t') e++;
        if (nf == MAX_FIELDS) return fail(b, "too many fields (at most %d)", MAX_FIELDS);
        f[nf] = l + a; fl[nf] = e - a; nf++;
        if (e >= ll) break;
        a = e + 1;
    }
    xkind k = X_COUNT;
    for (int i = 0; i < X_COUNT; i++) if (strlen(kinds[i].name) == fl[0] && !memcmp(kinds[i].name, f[0], fl[0])) k = (xkind)i;
    if (k == X_COUNT) {
        double v;
        if (nf == 2 && decimal(f[1], fl[1], -1e9, 1e9, &v))
            return fail(b, "a word's valence is written sentiment<TAB>valence<TAB>word");
        return fail(b, "unknown kind \"%.*s\" (expected sentiment, emotion, cue, flag, strength or synonym)", (int)(fl[0] > 40 ? 40 : fl[0]), f[0]);
    }
    if ((k == X_MODIFIER || k == X_WORD) && !b->lang)
        return fail(b, "\"%s\" lines are read only in a built-in language lexicon (expected sentiment, emotion, cue, flag, "
                       "strength or synonym)", kinds[k].name);
    /* a language lexicon's cue may carry a value (politeness evidence, as in phrases.tsv) */
    unsigned maxf = k == X_CUE && b->lang ? 4 : kinds[k].max;
    if (nf < kinds[k].min || nf > maxf) return fail(b, "expected %s (got %zu fields)", kinds[k].shape, nf);
    for (size_t i = 1; i < nf; i++) {
        if (!fl[i]) return fail(b, "field %zu is empty", i + 1);
        if (fl[i] > FIELD_MAX) return fail(b, "field %zu is longer than %d bytes", i + 1, FIELD_MAX);
        for (size_t j = 0; j < fl[i]; j++)
            if ((unsigned char)f[i][j] < 0x20) return fail(b, "field %zu has a control character", i + 1);
    }
    if (k == X_SYNONYM) return synonym_line(b, f, fl, nf);
    double v = 1.0;
    int code = 0, pkind = 0;
    switch (k) {
    case X_SENTIMENT:
        if (!decimal(f[1], fl[1], -4, 4, &v)) return fail(b, "valence must be a number from -4 to 4");
        pkind = COACH_KIND_SENT;
        break;
    case X_EMOTION:
        if ((code = code_in(emotion_name, COACH_EMO_COUNT, f[1], fl[1])) < 0)
            return fail(b, "unknown emotion \"%.*s\" (expected angry, frustrated, anxious, sad, confused or happy)", (int)fl[1], f[1]);
        if (nf > 3 && !decimal(f[3], fl[3], 0.1, 3, &v)) return fail(b, "weight must be a number from 0.1 to 3");
        pkind = COACH_KIND_EMOTION;
        break;
    case X_CUE:
        if ((code = code_in(b->lang ? lang_cue_name : cue_name, COACH_CUE_COUNT, f[1], fl[1])) < 0)
            return fail(b, "unknown cue \"%.*s\" (expected urgent, complaint, repeat, thanks or none%s)", (int)fl[1], f[1],
                        b->lang ? "; polite, rhetorical or indirect_q" : "");
        if (nf > 3 && !decimal(f[3], fl[3], -4, 4, &v)) return fail(b, "a cue's value must be a number from -4 to 4");
        pkind = COACH_KIND_CUE;
        break;
    case X_MODIFIER: {
        static const char *const roles[] = {"", "negator", "booster", "dampener", "contrast"};
        for (int i = 1; i < 5; i++) if (strlen(roles[i]) == fl[1] && !memcmp(roles[i], f[1], fl[1])) code = i;
        if (!code) return fail(b, "unknown modifier \"%.*s\" (expected negator, booster, dampener or contrast)", (int)fl[1], f[1]);
        if (!decimal(f[3], fl[3], 0, 2, &v)) return fail(b, "a modifier's amount must be a number from 0 to 2");
        if (words(b, f[2], fl[2], "the word") < 0) return -1;
        if (b->t.ntok != 1) return fail(b, "a modifier is one word");
        struct xword *w = word_slot(b->x, b->t.tok[0].h, true);
        if (w->mline) return fail(b, "the word is already a modifier on line %u", w->mline);
        w->mline = (uint32_t)b->line;
        w->mod = (uint8_t)code;
        w->mod_amt = (int8_t)(v * 100 > 127 ? 127 : v * 100 + 0.5); /* as the generator stores modifiers.tsv's */
        return 0;
    }
    case X_WORD: {
        static const char *const classes[] = {"stop", "acronym", "qword", "aux", "pronoun"};
        int c = -1;
        for (int i = 0; i < 5; i++) if (strlen(classes[i]) == fl[1] && !memcmp(classes[i], f[1], fl[1])) c = i;
        if (c < 0) return fail(b, "unknown word class \"%.*s\" (expected stop, acronym, qword, aux or pronoun)", (int)fl[1], f[1]);
        if (words(b, f[2], fl[2], "the word") < 0) return -1;
        if (b->t.ntok != 1) return fail(b, "a word class is given to one word");
        word_slot(b->x, b->t.tok[0].h, true)->wflags |= (uint8_t)(1u << c); /* COACH_W_STOP << c */
        return 0;
    }
    case X_FLAG:
        code = code_in(flag_name, COACH_FLAG_COUNT, f[1], fl[1]);
        if (code < 0 || code == COACH_FLAG_NO_EMPATHY || code == COACH_FLAG_UNANSWERED_QUESTION || code == COACH_FLAG_SHOUTING)
            return fail(b, "unknown flag code \"%.*s\" (expected negative_phrasing, deflection, blame, dismissive, "
                           "vague_promise or hard_to_read)", (int)fl[1], f[1]);
        pkind = COACH_KIND_FLAG;
        break;
    case X_STRENGTH:
        if ((code = code_in(strength_name, COACH_STRENGTH_COUNT, f[1], fl[1])) < 0)
            return fail(b, "unknown strength code \"%.*s\" (expected empathy, apology, ownership, commitment, next_step, "
                           "positive_alternative, personal or gratitude)", (int)fl[1], f[1]);
        pkind = COACH_KIND_STRENGTH;
        break;
    default:
        break;
    }
    /* a flag or a cue may be anchored: "^so be it," only as a sentence's opener before a comma,
     * "^calm down$" only as a whole sentence (coach_phrase_anchors) */
    const char *text = f[2];
    size_t tn = fl[2];
    int anchors = coach_phrase_anchors(&text, &tn);
    if (anchors && k != X_FLAG && k != X_CUE) return fail(b, "only a flag's or a cue's phrase may be anchored (^, $ or a last comma)");
    if (words(b, text, tn, "the phrase") < 0) return -1;
    if ((k == X_SENTIMENT || k == X_EMOTION) && b->t.ntok == 1)
        return one_word(b, k, v, code);
    add_phrase(b, pkind, code, v, text, tn);
    b->ph[b->nph - 1].p.pflags = (uint8_t)anchors;
    if (k == X_FLAG) {
        b->ph[b->nph - 1].p.sugg = keep_string(b, f[3], fl[3]);
        if (nf > 4) b->ph[b->nph - 1].p.why = keep_string(b, f[4], fl[4]);
    }
    return 0;
}

/* phrases in the same group of layers shadow each other: judgement, emotion, each layer of cues
 * (a language lexicon's politeness is a layer of its own) */
static int group_of(const coach_phrase *p) { return p->kind == COACH_KIND_EMOTION ? 1 : p->kind == COACH_KIND_CUE ? 2 + p->layer : 0; }

static int xphrase_cmp(const void *a, const void *c)
{
    const xphrase *x = a, *y = c;
    if (x->p.h[0] != y->p.h[0]) return x->p.h[0] < y->p.h[0] ? -1 : 1;
    if (x->p.n != y->p.n) return y->p.n - x->p.n; /* longest first */
    return x->line < y->line ? -1 : x->line > y->line;
}
static int xsynp_cmp(const void *a, const void *c)
{
    const xsynp *x = a, *y = c;
    if (x->p.stem[0] != y->p.stem[0]) return x->p.stem[0] < y->p.stem[0] ? -1 : 1;
    if (x->p.n != y->p.n) return y->p.n - x->p.n;
    return x->line < y->line ? -1 : x->line > y->line;
}

static coach_syn *syn_slot(coach_lexicon *x, uint64_t stem, uint64_t key)
{
    size_t s = coach_slot(stem, x->syn_mask);
    while (x->syns[s].stem && x->syns[s].stem != stem) s = (s + 1) & x->syn_mask;
    if (!x->syns[s].stem) x->syns[s] = (coach_syn){.stem = stem, .key = key};
    return &x->syns[s];
}

/* sorts the phrases by first word (longest first), refuses repeats, and builds the indexes */
static int finish(build *b)
{
    coach_lexicon *x = b->x;
    qsort(b->ph, b->nph, sizeof *b->ph, xphrase_cmp);
    for (size_t i = 0; i < b->nph; i++) {
        for (size_t j = i + 1; j < b->nph && b->ph[j].p.h[0] == b->ph[i].p.h[0] && b->ph[j].p.n == b->ph[i].p.n; j++)
            if (!memcmp(b->ph[i].p.h, b->ph[j].p.h, sizeof b->ph[i].p.h) && group_of(&b->ph[i].p) == group_of(&b->ph[j].p)) {
                b->line = b->ph[j].line;
                return fail(b, "repeats the phrase \"%s\" of line %u", b->ph[j].p.text, b->ph[i].line);
            }
        x->phrases[i] = b->ph[i].p;
    }
    x->nphrases = b->nph;
    size_t slots = 16;
    while (slots < (b->nph + b->nsyn + b->nsynp) * 2) slots <<= 1;
    x->pidx_mask = slots - 1;
    for (size_t i = 0; i < b->nph; i++) {
        size_t s = coach_slot(x->phrases[i].h[0], x->pidx_mask);
        while (x->pidx[s].count && x->phrases[x->pidx[s].first].h[0] != x->phrases[i].h[0]) s = (s + 1) & x->pidx_mask;
        if (!x->pidx[s].count) x->pidx[s].first = (uint32_t)i;
        x->pidx[s].count++;
    }
    if (b->nsynp > 65535) return fail(b, "more than 65,535 synonym phrases");
    if (b->nsyn || b->nsynp) {
        x->syn_mask = slots - 1;
        qsort(b->synp, b->nsynp, sizeof *b->synp, xsynp_cmp);
        for (size_t i = 0; i < b->nsyn; i++) syn_slot(x, b->syn[i].stem, b->syn[i].key)->key = b->syn[i].key;
        for (size_t i = 0; i < b->nsynp; i++) {
            x->syn_phrases[i] = b->synp[i].p;
            coach_syn *e = syn_slot(x, b->synp[i].p.stem[0], b->synp[i].p.stem[0]);
            if (!e->pcount) e->pfirst = (uint16_t)i;
            e->pcount++;
        }
        x->nsyn_phrases = b->nsynp;
    }
    return 0;
}

static coach_lexicon *load(const char *name, const char *text, size_t len, char *err, size_t errlen, bool lang)
{
    build b = {.name = name, .err = err, .errlen = errlen, .lang = lang};
    if (err && errlen) err[0] = 0;
    /* bounds: entries by lines, synonyms by fields, strings by bytes */
    size_t nlines = 1, nfields = 1;
    for (size_t i = 0; i < len; i++) {
        nlines += text[i] == '\n';
        nfields += text[i] == '\n' || text[i] == '\t';
    }
    if (nlines > 65535) { b.line = 65536; fail(&b, "more than 65,535 lines"); return NULL; }
    size_t slots = 16;
    while (slots < (nlines + nfields) * 2) slots <<= 1;
    coach_lexicon *x = calloc(1, sizeof *x);
    b.x = x;
    size_t ntok = coach_tok_bound(FIELD_MAX);
    if (x) {
        x->words = calloc(slots, sizeof *x->words);
        x->mask = slots - 1;
        x->phrases = calloc(nlines, sizeof *x->phrases);
        x->pidx = calloc(slots, sizeof *x->pidx);
        x->syns = calloc(slots, sizeof *x->syns);
        x->syn_phrases = calloc(nfields, sizeof *x->syn_phrases);
        x->strings = malloc(len + 3 * nlines + 16);
        b.ph = calloc(nlines, sizeof *b.ph);
        b.syn = calloc(nfields, sizeof *b.syn);
        b.synp = calloc(nfields, sizeof *b.synp);
        b.t.tok = calloc(ntok, sizeof *b.t.tok);
        b.t.sent = calloc(ntok + 1, sizeof *b.t.sent);
        b.t.feel = calloc(2 * ntok, sizeof *b.t.feel);
        b.t.fold = malloc(FIELD_MAX + 16); /* the tokenizer's lower-cased copy; it stores 16 bytes at a time */
        b.t.kwm = calloc(ntok, sizeof *b.t.kwm);
    }
    int rc = 0;
    if (!x || !x->words || !x->phrases || !x->pidx || !x->syns || !x->syn_phrases || !x->strings || !b.ph || !b.syn || !b.synp ||
        !b.t.tok || !b.t.sent || !b.t.feel || !b.t.fold || !b.t.kwm)
        rc = fail(&b, "out of memory");
    for (size_t i = 0; !rc && i < len;) {
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
        b.line++;
        const char *l = text + i;
        size_t ll = e - i;
        i = e + 1;
        if (ll && l[ll - 1] == '\r') ll--;
        if (!ll || l[0] == '#') continue;
        utf8proc_int32_t cp;
        for (size_t j = 0; j < ll && !rc;) {
            utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)l + j, (utf8proc_ssize_t)(ll - j), &cp);
            if (n <= 0) rc = fail(&b, "not valid UTF-8");
            else j += (size_t)n;
        }
        if (!rc) rc = parse_line(&b, l, ll);
    }
    if (!rc) rc = finish(&b);
    free(b.ph);
    free(b.syn);
    free(b.synp);
    free(b.t.tok);
    free(b.t.sent);
    free(b.t.feel);
    free(b.t.fold);
    free(b.t.kwm);
    if (rc) { coach_lexicon_free(x); return NULL; }
    return x;
}

coach_lexicon *coach_lexicon_load_extra(const char *name, const char *text, size_t len, char *err, size_t errlen)
{
    return load(name, text, len, err, errlen, false);
}

coach_lexicon *coach_lexicon_load_lang(const char *name, const char *text, size_t len, char *err, size_t errlen)
{
    return load(name, text, len, err, errlen, true);
}

void coach_lexicon_free(coach_lexicon *x)
{
    if (!x) return;
    free(x->words);
    free(x->phrases);
    free(x->pidx);
    free(x->syns);
    free(x->syn_phrases);
    free(x->strings);
    free(x);
}
