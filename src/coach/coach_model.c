/* coach_model: the learned customer model (data/coach/customer_model.tsv, trained by
 * bench/coach/train_customer.js; docs/COACH.md, "Learned customer model"). A logistic regression:
 * each word and each pair of adjacent words in a sentence that the table lists adds its weights
 * once (presence, not count) to seven emotion scores and to urgent and complaint, with a few of
 * the lexicon's own readings; the emotion is the highest score, urgent and complaint are on above
 * zero (a sigmoid over 0.5), and only with a word or pair of weight EVIDENCE or more for it. How
 * it joins the lexicon (chosen by cross-validation): the lexicon's emotion stands where it is not
 * neutral, else the model's; urgent and complaint are on where either reads them. Every reading that is on names the words that raised it (coach_because): the
 * strongest features that pushed it, as spans of the text, else the lexicon's cues.
 * One probe per word and per pair in an open-addressing table; no allocation (the hits go in the
 * report's scratch, sized by the caller). */
#include <string.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"

static int32_t model_find(uint64_t key)
{
    size_t s = coach_slot(key, coach_model_mask);
    uint32_t tag = coach_tag(key);
    for (;;) {
        uint32_t e = coach_model_index[s];
        if (!e) return -1;
        if ((e >> 16) == tag && coach_model_feats[(e & 0xFFFF) - 1].key == key) return (int32_t)(e & 0xFFFF) - 1;
        s = (s + 1) & coach_model_mask;
    }
}

int32_t coach_model_find_word(const char *word, size_t len)
{
    uint64_t h = coach_hash_str(word, len);
    int32_t wi = coach_word_find(h);
    return model_find(wi >= 0 ? coach_words[wi].h : h);
}

/* a hit: feature f first seen at token i (a pair: tokens i and i + 1) */
static inline uint64_t hit_pack(uint32_t f, uint32_t i, bool pair) { return (uint64_t)f << 32 | (uint64_t)i << 1 | pair; }

typedef struct cand { coach_span sp; int w; } cand;

/* a hit on a function word, or on a pair of them ("I", "is in": wordclass.tsv's stop words,
 * pronouns and auxiliaries) */
static bool function_words(const ctext *t, uint64_t hit)
{
    const unsigned fw = COACH_W_STOP | COACH_W_PRONOUN | COACH_W_AUX;
    uint32_t i = (uint32_t)hit >> 1;
    return tok_has(&t->tok[i], fw) && (!(hit & 1) || tok_has(&t->tok[i + 1], fw));
}

/* adds a span to the best list (strongest first, at most COACH_BECAUSE_MAX): one that overlaps a
 * listed span joins it ("years of" and "of work" are "years of work") */
static void offer(cand *best, uint32_t *n, coach_span sp, int w)
{
    for (uint32_t j = 0; j < *n; j++)
        if (sp.start < best[j].sp.end && best[j].sp.start < sp.end) {
            if (sp.start < best[j].sp.start) best[j].sp.start = sp.start;
            if (sp.end > best[j].sp.end) best[j].sp.end = sp.end;
            return;
        }
    if (*n == COACH_BECAUSE_MAX) return; /* full: candidates come in falling order */
    best[(*n)++] = (cand){sp, w};
}

/* the n strongest candidates (weight >= 1) from cands[0, nc), in falling order, joined where they
 * overlap, into out */
static void pick(cand *cands, size_t nc, coach_because *out)
{
    cand best[COACH_BECAUSE_MAX];
    uint32_t n = 0;
    /* a few passes of selection: the lists are short (the features a text hits) */
    for (unsigned round = 0; round < 2 * COACH_BECAUSE_MAX && n < COACH_BECAUSE_MAX; round++) {
        size_t top = SIZE_MAX;
        for (size_t i = 0; i < nc; i++)
            if (cands[i].w > 0 && (top == SIZE_MAX || cands[i].w > cands[top].w ||
                                   (cands[i].w == cands[top].w && cands[i].sp.start < cands[top].sp.start)))
                top = i;
        if (top == SIZE_MAX) break;
        offer(best, &n, cands[top].sp, cands[top].w);
        cands[top].w = 0;
    }
    out->n = n;
    for (uint32_t j = 0; j < n; j++) out->span[j] = best[j].sp;
}

static coach_span tok_span(const ctext *t, uint32_t i, bool pair)
{
    return (coach_span){t->tok[i].start, t->tok[pair ? i + 1 : i].end};
}

/* weight of a hit for a reading: for an emotion, how far it pushed that emotion over neutral */
static int hit_weight(const coach_model_feat *f, int out)
{
    if (out < COACH_EMO_COUNT) return f->w[out] - f->w[COACH_EMO_NEUTRAL];
    return f->w[out];
}

/* a word or pair names a reading from this weight (x100); the model turns a reading on only with
 * one of at least EVIDENCE (bench/coach/train_customer.js, EVID: chosen there by cross-validation) */
enum { MIN_WEIGHT = 10, EVIDENCE = 30, MAX_CANDS = 64 };

/* the lexicon's evidence for a reading the model did not explain: its phrases for the cue or
 * emotion, its emotion words, then the words whose valence points the same way */
static size_t lexicon_cands(const ctext *t, int out, cand *c, size_t nc)
{
    int cue = out == COACH_MODEL_URGENT ? COACH_CUE_URGENT : out == COACH_MODEL_COMPLAINT ? COACH_CUE_COMPLAINT : -1;
    for (size_t m = 0; m < t->nm && nc < MAX_CANDS; m++) {
        const cmatch *h = &t->m[m];
        bool ok = cue >= 0 ? h->layer == L_CUE && h->p->code == cue : h->layer == L_EMOTION && h->p->code == out;
        if (ok) c[nc++] = (cand){{t->tok[h->t0].start, t->tok[h->t1 - 1].end}, 1000};
    }
    for (size_t i = 0; i < t->ntok && nc < MAX_CANDS; i++) {
        const ctok *k = &t->tok[i];
        if (cue < 0 && k->emo == out && !(k->flags & TF_NEGATED)) c[nc++] = (cand){{k->start, k->end}, 500 + k->emo_w};
        else if (k->val && (out == COACH_EMO_HAPPY ? k->val > 0 : out != COACH_EMO_CONFUSED && k->val < 0))
            c[nc++] = (cand){{k->start, k->end}, k->val < 0 ? -k->val : k->val};
    }
    return nc;
}

static void explain(const ctext *t, const uint64_t *hits, size_t nhits, int out, bool lexicon_on, coach_because *b)
{
    cand c[MAX_CANDS];
    size_t nc = 0;
    /* where the lexicon reads it too, its own cues come first: a phrase or an emotion word is the
     * plainest reason (the valences it falls back on are left to the model's words) */
    if (lexicon_on) {
        nc = lexicon_cands(t, out, c, 0);
        size_t k = 0;
        for (size_t j = 0; j < nc; j++) if (c[j].w >= 500) c[k++] = c[j];
        nc = k;
    }
    for (size_t h = 0; h < nhits; h++) {
        const coach_model_feat *f = &coach_model_feats[hits[h] >> 32];
        int w = hit_weight(f, out);
        if (w < MIN_WEIGHT) continue;
        w *= 4;
        uint32_t i = (uint32_t)hits[h] >> 1;
        /* function words ("my", "is in") may weigh, but say less to a reader than a content word */
        if (function_words(t, hits[h])) w /= 4;
        cand x = {tok_span(t, i, hits[h] & 1), w};
        if (nc < MAX_CANDS) c[nc++] = x;
        else { /* keep the strongest MAX_CANDS */
            size_t lo = 0;
            for (size_t j = 1; j < nc; j++) if (c[j].w < c[lo].w) lo = j;
            if (c[lo].w < w) c[lo] = x;
        }
    }
    pick(c, nc, b);
    if (b->n) return;
    nc = lexicon_cands(t, out, c, 0);
    pick(c, nc, b);
}

void coach_model(const ctext *t, const cmodel_lex *lx, coach_customer_report *cr, uint64_t *hits)
{
    /* each feature counts once: a bit per feature */
    uint64_t seen[COACH_MODEL_MAX_FEATS / 64];
    memset(seen, 0, (coach_model_nfeats + 63) / 64 * sizeof seen[0]);
    int32_t zi[COACH_MODEL_OUT] = {0};
    size_t nhits = 0;
    const ctok *tok = t->tok;
    for (size_t i = 0; i < t->ntok; i++) {
        if (tok[i].kind != TK_WORD) continue;
        for (int pair = 0; pair < 2; pair++) {
            uint64_t key = tok[i].h;
            if (pair) {
                if (i + 1 >= t->ntok || tok[i + 1].kind != TK_WORD || tok[i + 1].sent != tok[i].sent) break;
                key = coach_model_pair_key(key, tok[i + 1].h);
            }
            int32_t f = model_find(key);
            if (f < 0 || (seen[f / 64] >> (f % 64) & 1)) continue;
            seen[f / 64] |= 1ULL << (f % 64);
            const int16_t *w = coach_model_feats[f].w;
            for (int o = 0; o < COACH_MODEL_OUT; o++) zi[o] += w[o];
            hits[nhits++] = hit_pack((uint32_t)f, (uint32_t)i, pair);
        }
    }
    /* the lexicon's readings */
    double v[COACH_ML_COUNT] = {0};
    v[COACH_ML_BIAS] = 1;
    if (lx->emotion != COACH_EMO_NEUTRAL) v[COACH_ML_ANGRY + lx->emotion] = 1;
    v[COACH_ML_NEG] = lx->compound < 0 ? -lx->compound : 0;
    v[COACH_ML_POS] = lx->compound > 0 ? lx->compound : 0;
    v[COACH_ML_URGENT] = lx->urgent;
    v[COACH_ML_COMPLAINT] = lx->complaint;
    v[COACH_ML_THANKS] = lx->thanks;
    v[COACH_ML_REPEAT] = lx->repeat;
    v[COACH_ML_EXCL] = (lx->excl > 3 ? 3 : lx->excl) / 3.0;
    v[COACH_ML_CAPS] = (lx->caps > 3 ? 3 : lx->caps) / 3.0;
    v[COACH_ML_QUESTIONS] = (lx->questions > 3 ? 3 : lx->questions) / 3.0;
    double z[COACH_MODEL_OUT];
    for (int o = 0; o < COACH_MODEL_OUT; o++) {
        double s = zi[o];
        for (int k = 0; k < COACH_ML_COUNT; k++) s += v[k] * coach_model_lex[k][o];
        z[o] = s / 100.0;
    }
    int e = 0;
    for (int o = 1; o < COACH_EMO_COUNT; o++) if (z[o] > z[e]) e = o;
    /* the strongest word or pair for each reading */
    int ev[COACH_MODEL_OUT] = {0};
    for (size_t h = 0; h < nhits; h++) {
        const coach_model_feat *f = &coach_model_feats[hits[h] >> 32];
        if (function_words(t, hits[h])) continue; /* they weigh, but are never the evidence */
        for (int o = 0; o < COACH_MODEL_OUT; o++) {
            int w = hit_weight(f, o);
            ev[o] = w > ev[o] ? w : ev[o];
        }
    }
    if (ev[e] < EVIDENCE) e = COACH_EMO_NEUTRAL;
    cr->emotion = lx->emotion != COACH_EMO_NEUTRAL ? lx->emotion : (coach_emotion)e;
    cr->urgent = lx->urgent || (z[COACH_MODEL_URGENT] > 0 && ev[COACH_MODEL_URGENT] >= EVIDENCE);
    cr->complaint = lx->complaint || (z[COACH_MODEL_COMPLAINT] > 0 && ev[COACH_MODEL_COMPLAINT] >= EVIDENCE);
    if (cr->emotion != COACH_EMO_NEUTRAL)
        explain(t, hits, nhits, (int)cr->emotion, cr->emotion == lx->emotion, &cr->because[COACH_WHY_EMOTION]);
    if (cr->urgent) explain(t, hits, nhits, COACH_MODEL_URGENT, lx->urgent, &cr->because[COACH_WHY_URGENT]);
    if (cr->complaint) explain(t, hits, nhits, COACH_MODEL_COMPLAINT, lx->complaint, &cr->because[COACH_WHY_COMPLAINT]);
}
