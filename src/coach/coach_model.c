/* coach_model: the learned customer model (data/coach/customer_model.tsv, trained by
 * bench/coach/train_customer.js; docs/COACH.md, "Learned customer model"). A logistic regression:
 * each word and each pair of adjacent words in a sentence that the table lists adds its weights
 * once (presence, not count) to seven emotion scores and to urgent and complaint, with a few of
 * the lexicon's own readings as features; the emotion is the highest score, urgent and complaint
 * are on above zero (a sigmoid over 0.5), each only with a word or pair of weight EVIDENCE or more
 * for it. The model decides; the lexicon's readings are its inputs, not a second opinion, but for
 * urgency (the lexicon's stands unless the model is sure there is none: URGENT_VETO), the
 * customer's own word for their anger, and an organisation's own lexicon (where it reads the
 * text, its readings stand).
 * Read blind (each span of batches 52-61, 42-51, 30-41 left out of the training), the model
 * deciding beat the old join, where the lexicon's strong emotion and its complaint stood
 * (bench/coach/train_customer.js, "The join"; docs/COACH.md, "The nineteenth look").
 * Every reading that is on names the words that raised it (coach_because): the
 * strongest features that pushed it, as spans of the text, else the lexicon's cues.
 * One probe per word and per pair in an open-addressing table; no allocation (the hits go in the
 * report's scratch, sized by the caller). */
#include <string.h>
#include "coach/coach_hash.h"
#include "coach/coach_lanes.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"
#include "coach_kw.h"

static int32_t model_find(uint64_t key) { return coach_model_entry(coach_model_index, coach_model_feats, coach_model_mask, key); }

int32_t coach_model_find_word(const char *word, size_t len)
{
    uint64_t h = coach_hash_str(word, len);
    int32_t wi = coach_word_find(h);
    return model_find(wi >= 0 ? coach_words[wi].h : h);
}

/* a hit: feature f first seen at token i (a pair: tokens i and i + 1) */
static inline uint64_t hit_pack(uint32_t f, uint32_t i, bool pair) { return (uint64_t)f << 32 | (uint64_t)i << 1 | pair; }

typedef struct cand { coach_span sp; int w; } cand;

/* the words of a request's manners: thanks, greetings, sign-offs */
#define MANNERS(X) X(KW_THANKS) X(KW_THANK) X(KW_PLEASE) X(KW_KINDLY) X(KW_DEAR) X(KW_BEST) X(KW_REGARDS) X(KW_KIND) \
    X(KW_CHEERS) X(KW_HELLO) X(KW_HI) X(KW_HEY) X(KW_MORNING) X(KW_AFTERNOON) X(KW_EVENING) X(KW_WISHES) X(KW_SINCERELY) \
    X(KW_MANY) X(KW_MUCH) X(KW_M_GOOD) X(KW_M_ADVANCE) X(KW_M_HELP) X(KW_M_LOOKING) X(KW_M_FORWARD) X(KW_M_APPRECIATE)
KWSET(manners, MANNERS)

#define TIME_UNITS(X) X(KW_HOUR) X(KW_HOURS) X(KW_MINUTES) X(KW_MINS) X(KW_DAY) X(KW_DAYS) X(KW_WEEK) X(KW_WEEKS) \
    X(KW_MONTH) X(KW_M_MONTHS) X(KW_M_YEAR) X(KW_M_YEARS) X(KW_M_WEEKEND) X(KW_SINCE)
KWSET(time_unit, TIME_UNITS)

/* a token that explains no reading by itself: a function word, a time ("on Friday", "this
 * week", "3 days"), and in a request its manners ("Thanks", "Kind regards") */
static inline __attribute__((always_inline)) bool idle(const ctok *k, bool manners)
{
    const unsigned fw = COACH_W_STOP | COACH_W_PRONOUN | COACH_W_AUX | COACH_W_TIME;
    return tok_has(k, fw) || k->kind == TK_NUM || time_unit_has(k->h) || (manners && manners_has(k->h));
}

bool coach_token_idle(const ctok *k) { return idle(k, false); }

/* a hit whose word, or both words of its pair, are idle */
static inline __attribute__((always_inline)) bool all_idle(const ctext *t, uint64_t hit, bool manners)
{
    uint32_t i = (uint32_t)hit >> 1;
    return idle(&t->tok[i], manners) && (!(hit & 1) || idle(&t->tok[i + 1], manners));
}

/* the strongest candidates, in falling order (equal ones: the earlier first) */
enum { TOPK = 2 * COACH_BECAUSE_MAX };
typedef struct ctop { cand c[TOPK]; unsigned n; } ctop;
static bool better(int w, uint32_t start, const cand *c) { return w > c->w || (w == c->w && start < c->sp.start); }
static inline __attribute__((always_inline)) void top_add(ctop *t, coach_span sp, int w)
{
    if (w <= 0) return;
    unsigned i = t->n;
    if (i == TOPK) {
        if (!better(w, sp.start, &t->c[TOPK - 1])) return;
        i = TOPK - 1;
    } else t->n++;
    for (; i > 0 && better(w, sp.start, &t->c[i - 1]); i--) t->c[i] = t->c[i - 1];
    t->c[i] = (cand){sp, w};
}

/* the strongest candidates as spans, at most COACH_BECAUSE_MAX: one that overlaps a span already
 * taken joins it ("years of" and "of work" are "years of work") */
static void pick(const ctop *t, coach_because *out)
{
    coach_span best[COACH_BECAUSE_MAX];
    uint32_t n = 0;
    for (unsigned k = 0; k < t->n && n < COACH_BECAUSE_MAX; k++) {
        coach_span sp = t->c[k].sp;
        bool joined = false;
        for (uint32_t j = 0; j < n && !joined; j++)
            if (sp.start < best[j].end && best[j].start < sp.end) {
                if (sp.start < best[j].start) best[j].start = sp.start;
                if (sp.end > best[j].end) best[j].end = sp.end;
                joined = true;
            }
        if (!joined) best[n++] = sp;
    }
    out->n = n;
    for (uint32_t j = 0; j < n; j++) out->span[j] = best[j];
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
enum { MIN_WEIGHT = 10, EVIDENCE = 20 }; /* 0.2: CV on 01-25 81.9/90.3/91.2% against 0.3's 81.8/89.6/91.1% */
/* urgent needs a score over this (in z's units: weights x100, x3000) and a word of evidence, as
 * the others do */
#define URGENT_OVER 0
/* the lexicon's urgency (its phrases, or time pressure and loss read by their parts) stands unless
 * the model is sure there is none, a logit under -1 ("my rabbit has been sick since this morning,
 * are you open today?", "The discount ends at midnight and my card won't go through"): on batches
 * 52-61 unseen it changed one expectation (a loss) and kept six of the team's thirty urgent
 * messages that the model alone read calm. The same veto on the lexicon's complaint cost 7-12 of
 * about 1,260 complaints on each of three spans of batches: there only a failure read by its
 * parts stands (COMPLAINT_VETO) */
#define URGENT_VETO (-300000)
/* a failure of ours told by its parts ("Why do you charge me 2 times for one parking session?",
 * "Your app deleted all my notes") is a complaint unless the model is sure there is none, a logit
 * under -1 (as URGENT_VETO; on batches 52-61 unseen it cost 5 expectations of 16,491, within the
 * spread of one retrain to the next, and kept the team's complaints by their parts) */
#define COMPLAINT_VETO (-300000)
/* the lexicon's phrases and emotion words rank above every model feature (those weigh under 2^20) */
enum { LEXICON_FIRST = 1 << 20 };

/* the lexicon's evidence for a reading: its phrases for the cue or emotion and its emotion words;
 * unless cues_only, also the words whose valence points the same way */
static void lexicon_cands(const ctext *t, int out, ctop *top, bool cues_only)
{
    int cue = out == COACH_MODEL_URGENT ? COACH_CUE_URGENT : out == COACH_MODEL_COMPLAINT ? COACH_CUE_COMPLAINT : -1;
    /* the layer and code wanted, tested together without a branch on the layer (a coin toss) */
    int layer = cue >= 0 ? L_CUE : L_EMOTION, code = cue >= 0 ? cue : out;
    for (size_t m = 0; m < t->nm; m++) {
        const cmatch *h = &t->m[m];
        bool ok = (h->layer == layer) & (h->p->code == code);
        if (ok) top_add(top, (coach_span){t->tok[h->t0].start, t->tok[h->t1 - 1].end}, LEXICON_FIRST + 1000);
    }
    if (cue >= 0 && cues_only) return; /* words are not cues */
    /* the tokens with an emotion or a valence are all in the feel list */
    for (size_t j = 0; j < t->nfeel; j++) {
        const ctok *k = &t->tok[t->feel[j]];
        if (cue < 0 && k->emo == out && !(k->flags & TF_NEGATED))
            top_add(top, (coach_span){k->start, k->end}, LEXICON_FIRST + 500 + k->emo_w);
        else if (!cues_only && k->val && (out == COACH_EMO_HAPPY ? k->val > 0 : out != COACH_EMO_CONFUSED && k->val < 0))
            top_add(top, (coach_span){k->start, k->end}, k->val < 0 ? -k->val : k->val);
    }
}

static void explain(const ctext *t, const uint64_t *hits, size_t nhits, int out, bool lexicon_on, coach_because *b)
{
    ctop top = {.n = 0};
    /* where the lexicon reads it too, its own cues come first: a phrase or an emotion word is the
     * plainest reason (the valences it falls back on are left to the model's words) */
    if (lexicon_on) lexicon_cands(t, out, &top, true);
    /* a full list of the lexicon's cues leaves no room for a feature */
    size_t nh = top.n < TOPK ? nhits : 0;
    for (size_t h = 0; h < nh; h++) {
        int w = hit_weight(&coach_model_feats[hits[h] >> 32], out);
        if (w < MIN_WEIGHT) continue;
        w *= 4;
        uint32_t i = (uint32_t)hits[h] >> 1;
        /* (one that a full list would not take is passed over before the tests of its words) */
        if (top.n == TOPK && !better(w, t->tok[i].start, &top.c[TOPK - 1])) continue;
        /* function words ("my", "is in", "I") and times ("this week") may weigh, but they explain
         * nothing to a reader */
        if (all_idle(t, hits[h], false)) continue;
        top_add(&top, tok_span(t, i, hits[h] & 1), w);
    }
    pick(&top, b);
    if (b->n) return;
    top.n = 0;
    lexicon_cands(t, out, &top, false);
    pick(&top, b);
}

/* the hit is a negator's ("never had") or comes within three words after one in its sentence
 * ("never had a problem") */
static bool negated(const ctext *t, uint64_t hit)
{
    uint32_t i = (uint32_t)hit >> 1;
    if (t->tok[i].mod == COACH_MOD_NEGATOR || ((hit & 1) && t->tok[i + 1].mod == COACH_MOD_NEGATOR)) return true;
    for (uint32_t j = i, n = 0; j > 0 && n < 3 && t->tok[j - 1].sent == t->tok[i].sent; j--, n++)
        if (t->tok[j - 1].mod == COACH_MOD_NEGATOR) return true;
    return false;
}

/* whether a hit that is not all idle tokens weighs EVIDENCE or more for the reading; for
 * urgency, not a word denied ("never had a problem" is no pressure) */
static bool evidence(const ctext *t, const uint64_t *hits, size_t nhits, int out, bool manners)
{
    for (size_t h = 0; h < nhits; h++)
        if (hit_weight(&coach_model_feats[hits[h] >> 32], out) >= EVIDENCE && !all_idle(t, hits[h], manners) &&
            !(out == COACH_MODEL_URGENT && negated(t, hits[h])))
            return true;
    return false;
}

/* the customer names their own feeling ("I am furious", "I'm so worried", "we are absolutely
 * devastated", "I feel confused"): the emotion of that word, or -1 (not "I'm not angry") */
enum { SELF_REPORT_MIN = 15 }; /* emotion weight x10: the anger words (emotions.tsv "furious 1.5") */
#define SELF_WORDS(X) X(KW_C_IM) X(KW_I) X(KW_WE)
KWSET_WALK(self_word, SELF_WORDS, KWW_SELF_WORD)
static int self_report(const ctext *t, int min_w)
{
    if (!(t->kw_any & KWW_BIT(SELF_WORD))) return -1; /* (the walk below passes over every token) */
    for (size_t i = 0; i + 1 < t->ntok; i++) {
        uint64_t h = t->tok[i].h;
        if (!self_word_in(t->kwm[i])) continue; /* most words: one bit test */
        size_t j;
        if (h == KW_C_IM) j = i + 1;
        else if ((h == KW_I && (t->tok[i + 1].h == KW_H_AM || t->tok[i + 1].h == KW_T_FEEL)) || (h == KW_WE && t->tok[i + 1].h == KW_Y_ARE))
            j = i + 2;
        else continue;
        while (j < t->ntok && j < i + 5 && t->tok[j].mod == COACH_MOD_BOOSTER) j++;
        if (j >= t->ntok || t->tok[j].sent != t->tok[i].sent || t->tok[j].mod == COACH_MOD_NEGATOR) continue;
        if (t->tok[j].emo >= 0 && t->tok[j].emo != COACH_EMO_NEUTRAL && t->tok[j].emo_w >= min_w) return t->tok[j].emo;
    }
    return -1;
}

/* coach_model_lex's rows padded to the features' sixteen lanes (made before main), so a reading
 * that is on is added as the features are */
static coach_model_feat lex_rows[COACH_ML_COUNT];
__attribute__((constructor)) static void lex_rows_build(void)
{
    for (int k = 0; k < COACH_ML_COUNT; k++)
        for (int o = 0; o < COACH_MODEL_OUT; o++) lex_rows[k].w[o] = coach_model_lex[k][o];
}

void coach_model(const ctext *t, const cmodel_lex *lx, coach_customer_report *cr, uint64_t *hits)
{
    /* each feature counts once: a bit per feature */
    /* (one per thread, all clear between calls: the bits set are cleared from the hits at the end,
     * which costs a few instructions a hit where clearing all 30,000 bits cost 2,000 a message) */
    static _Thread_local uint64_t seen[COACH_MODEL_MAX_FEATS / 64];
    int32_t zi[COACH_MODEL_LANES] = {0};
    size_t nhits = 0;
    const ctok *tok = t->tok;
    /* each word, and each pair it makes with the word before it in its sentence. Most words and
     * pairs are not in the table, and an 8 KiB bit set says so; whether a key has its bit is a
     * coin toss, so a block of tokens' keys that do are listed first without a branch (each key
     * written, counted only when its bit is set), then looked up in order */
    enum { BLOCK = 128 };
    uint64_t ckey[2 * BLOCK], cpos[2 * BLOCK]; /* cpos: as hit_pack packs the token and pair bit */
    uint64_t prev = 0;
    uint32_t prev_sent = UINT32_MAX;
    bool pairs = coach_model_npairs != 0;
    _Static_assert(COACH_MODEL_LANES == 16, "coach_lanes has sixteen");
    coach_lanes acc;
    coach_lanes_zero(&acc);
    for (size_t i = 0; i < t->ntok;) {
        size_t nc = 0, end = t->ntok - i > BLOCK ? i + BLOCK : t->ntok;
        for (; i < end; i++) {
            const ctok *k = &tok[i];
            if (k->kind != TK_WORD) { prev_sent = UINT32_MAX; continue; }
            uint64_t kw = k->h, kp = coach_model_pair_key(prev, k->h);
            unsigned pair_ok = prev_sent == k->sent && pairs;
            prev = k->h;
            prev_sent = k->sent;
            unsigned bw = coach_model_bit(kw), bp = coach_model_bit(kp);
            ckey[nc] = kw;
            cpos[nc] = hit_pack(0, (uint32_t)i, false);
            nc += (unsigned)(coach_model_bits[bw / 64] >> (bw % 64)) & 1;
            ckey[nc] = kp;
            cpos[nc] = hit_pack(0, (uint32_t)(i - 1), true);
            nc += pair_ok & (unsigned)(coach_model_bits[bp / 64] >> (bp % 64));
        }
        for (size_t c = 0; c < nc; c++) {
            int32_t f = model_find(ckey[c]);
            if (f < 0 || (seen[f / 64] >> (f % 64) & 1)) continue;
            seen[f / 64] |= 1ULL << (f % 64);
            coach_lanes_add(&acc, coach_model_feats[f].w);
            hits[nhits++] = hit_pack((uint32_t)f, 0, false) | cpos[c];
        }
    }
    for (size_t h = 0; h < nhits; h++) seen[(hits[h] >> 32) / 64] = 0;
    coach_lanes_store(&acc, zi);
    /* the lexicon's readings: the yes-or-no ones add their weights as they are (as lanes, in an
     * accumulator of their own: added into the features' one, they cost the loop above its
     * registers), the others scaled */
    const int16_t (*L)[COACH_MODEL_OUT] = coach_model_lex;
    coach_lanes on;
    coach_lanes_zero(&on);
    coach_lanes_add(&on, lex_rows[COACH_ML_BIAS].w);
    if (lx->emotion != COACH_EMO_NEUTRAL) coach_lanes_add(&on, lex_rows[COACH_ML_ANGRY + (int)lx->emotion].w);
    if (lx->urgent) coach_lanes_add(&on, lex_rows[COACH_ML_URGENT].w);
    if (lx->complaint) coach_lanes_add(&on, lex_rows[COACH_ML_COMPLAINT].w);
    if (lx->thanks) coach_lanes_add(&on, lex_rows[COACH_ML_THANKS].w);
    if (lx->repeat) coach_lanes_add(&on, lex_rows[COACH_ML_REPEAT].w);
    if (lx->failure) coach_lanes_add(&on, lex_rows[COACH_ML_FAILURE].w);
    if (lx->pressure) coach_lanes_add(&on, lex_rows[COACH_ML_PRESSURE].w);
    int32_t zl[COACH_MODEL_LANES];
    coach_lanes_store(&on, zl);
    for (int o = 0; o < COACH_MODEL_OUT; o++) zi[o] += zl[o];
    /* in thousandths of a third, so the counts' thirds are exact */
    int64_t z[COACH_MODEL_OUT];
    for (int o = 0; o < COACH_MODEL_OUT; o++) z[o] = (int64_t)zi[o] * 3000;
    double c3 = lx->compound * 3000;
    const struct { int k; int v; } scaled[] = {
        {COACH_ML_NEG, c3 < 0 ? (int)(-c3 + 0.5) : 0}, {COACH_ML_POS, c3 > 0 ? (int)(c3 + 0.5) : 0},
        {COACH_ML_EXCL, (lx->excl > 3 ? 3 : (int)lx->excl) * 1000}, {COACH_ML_CAPS, (lx->caps > 3 ? 3 : (int)lx->caps) * 1000},
        {COACH_ML_QUESTIONS, (lx->questions > 3 ? 3 : (int)lx->questions) * 1000}};
    for (size_t j = 0; j < sizeof scaled / sizeof scaled[0]; j++)
        if (scaled[j].v)
            for (int o = 0; o < COACH_MODEL_OUT; o++) z[o] += (int64_t)scaled[j].v * L[scaled[j].k][o];
    int e = 0;
    for (int o = 1; o < COACH_EMO_COUNT; o++) if (z[o] > z[e]) e = o;
    /* a reading the model turns on needs a word or pair that pushed it (looked for only then):
     * a request's manners are not joy (the model learned "thanks" as joy from Reddit's gratitude,
     * so in a message that asks something its happy needs a word that is not manners), and a date
     * alone is not pressure ("Can you deliver the sofa on Friday?": times, numbers and function
     * words are never evidence); a message that only thanks us, asking nothing, is happy by its
     * thanks ("thank you so much for all your help this week!": no single word of it weighs 0.2 for joy) */
    bool ev = e == COACH_EMO_NEUTRAL || evidence(t, hits, nhits, e, e == COACH_EMO_HAPPY && lx->asks) ||
              (e == COACH_EMO_HAPPY && lx->thanks && !lx->asks);
    cr->emotion = lx->own ? lx->emotion : ev ? (coach_emotion)e : COACH_EMO_NEUTRAL;
    /* the customer's own word for their anger stands ("I am furious", "we're absolutely livid"):
     * the model may weigh the rest of the message as fed up (on batches 01-61 this cost one
     * expectation; a weaker word named, "I'm frustrated", "I'm disappointed", cost more: the
     * writers read those by the whole message) */
    int named = lx->own ? -1 : self_report(t, SELF_REPORT_MIN);
    if (named >= 0) cr->emotion = (coach_emotion)named;
    cr->urgent = (lx->urgent && (lx->own || z[COACH_MODEL_URGENT] > URGENT_VETO)) ||
                 (z[COACH_MODEL_URGENT] > URGENT_OVER && evidence(t, hits, nhits, COACH_MODEL_URGENT, false));
    cr->complaint = (lx->complaint && lx->own) || (lx->failure && z[COACH_MODEL_COMPLAINT] > COMPLAINT_VETO) ||
                    (z[COACH_MODEL_COMPLAINT] > 0 && evidence(t, hits, nhits, COACH_MODEL_COMPLAINT, false));
    if (cr->emotion != COACH_EMO_NEUTRAL)
        explain(t, hits, nhits, (int)cr->emotion, cr->emotion == lx->emotion, &cr->because[COACH_WHY_EMOTION]);
    if (cr->urgent) explain(t, hits, nhits, COACH_MODEL_URGENT, lx->urgent, &cr->because[COACH_WHY_URGENT]);
    if (cr->complaint) explain(t, hits, nhits, COACH_MODEL_COMPLAINT, lx->complaint, &cr->because[COACH_WHY_COMPLAINT]);
}

/* a reading the lexicon made alone (heed coach --lexicon-only, or a language the model does not
 * read) is explained by the lexicon's own words: its phrases for the cue or emotion, then its
 * emotion words and valences (a reading that already has its words keeps them) */
void coach_explain_lexicon(const ctext *t, coach_customer_report *cr)
{
    if (cr->emotion != COACH_EMO_NEUTRAL && !cr->because[COACH_WHY_EMOTION].n)
        explain(t, NULL, 0, (int)cr->emotion, true, &cr->because[COACH_WHY_EMOTION]);
    if (cr->urgent && !cr->because[COACH_WHY_URGENT].n) explain(t, NULL, 0, COACH_MODEL_URGENT, true, &cr->because[COACH_WHY_URGENT]);
    if (cr->complaint && !cr->because[COACH_WHY_COMPLAINT].n)
        explain(t, NULL, 0, COACH_MODEL_COMPLAINT, true, &cr->because[COACH_WHY_COMPLAINT]);
}
