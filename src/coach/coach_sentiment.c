/* coach_sentiment: how the writer feels. Valence is summed per sentence with
 * the usual modifiers (boosters and dampeners up to three words before, a
 * negator up to three words before flips and damps, capitals in mixed-case
 * text and exclamation marks add emphasis, "but" moves the weight to what
 * follows), then squashed into -1..1. Emotions add up word and phrase cues. */
#include <math.h>
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"

/* the sign of a non-zero v (every caller checks): copysign compiles to bit operations, where
 * v < 0 was a branch the predictor got wrong half the time */
static double sgn(double v) { return copysign(1.0, v); }

/* a word's valence x100: the organisation's, or the built-in one */
static int base_valence(const ctok *k, const coach_lexicon *x)
{
    return k->xword >= 0 ? x->words[k->xword].val : k->val;
}

/* the three tokens before token i in its sentence (from t0): whether one is a negator, and the
 * boost of the boosters and dampeners among them (closest first). Most words have no modifier
 * near them and leave at once; past that, whether each of the three counts is a coin toss, so
 * the sum is branch-free: a token before t0 is read as token i with no modifier */
static inline double mods(const ctext *t, uint32_t i, uint32_t t0, bool *neg)
{
    /* no modifier in the three tokens before (most words): the sum below is exactly +0 */
    if (!t->tok[i].mods_before) { *neg = false; return 0; }
    static const double dist[] = {1.0, 0.95, 0.9};
    static const double sign[] = {[COACH_MOD_BOOSTER] = 1.0, [COACH_MOD_DAMPENER] = -1.0, [COACH_MOD_CONTRAST] = 0};
    double b = 0;
    unsigned n = 0;
#pragma GCC unroll 3
    for (uint32_t d = 1; d <= 3; d++) {
        uint32_t in = i >= t0 + d;
        const ctok *w = &t->tok[i - d * in];
        unsigned m = w->mod * in;
        n |= m == COACH_MOD_NEGATOR;
        /* b + 0 leaves b as it is (b is never -0), and b + -x is b - x */
        b += sign[m] * (w->mod_amt / 100.0 * dist[d - 1]);
    }
    *neg = n;
    return b;
}

/* weight of token i given a contrast word at index c in its sentence (or none) */
static double contrast_w(uint32_t i, int64_t c, double amt)
{
    if (c < 0) return 1.0;
    if ((int64_t)i < c) return 0.5;
    if ((int64_t)i > c) return amt;
    return 1.0;
}

/* the message asks something of us: a question, or "please" / "kindly" */
bool coach_asks_something(const ctext *t)
{
    for (size_t si = 0; si < t->nsent; si++)
        if (t->sent[si].term == '?') return true;
    for (size_t i = 0; i < t->ntok; i++)
        if (t->tok[i].h == KW_PLEASE || t->tok[i].h == KW_KINDLY) return true;
    return false;
}

void coach_feel(const ctext *t, const coach_lexicon *x, cfeel *o)
{
    memset(o, 0, sizeof *o);
    double total = 0;
    size_t mi = 0; /* matches are in token order */
    /* only the tokens the tokenizer gathered (t->feel, in order) are read: every other token
     * carries no feeling, modifier, '!' or '?', so it adds nothing below */
    const uint32_t *fl = t->feel;
    size_t nfl = t->nfeel, li = 0;
    int caps_words = t->mixed_case ? (int)t->ncaps : 0, excl_total = 0;
    double thanked = 0; /* the happiness of the words "thanks" and "thank" */
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        /* sentences split the tokens in order: this one's are the entries from li on below s->t1 */
        int64_t c = -1;
        double camt = 1.0;
        if (s->kw & KWW_BIT(CONTRAST)) /* a sentence with no contrast word skips this walk */
            for (size_t j = li; j < nfl && fl[j] < s->t1; j++)
                if (fl[j] > s->t0 && t->tok[fl[j]].mod == COACH_MOD_CONTRAST) { c = fl[j]; camt = t->tok[fl[j]].mod_amt / 100.0; }
        double sum = 0;
        int excl = 0, quest = 0;
        for (; li < nfl && fl[li] < s->t1; li++) {
            uint32_t i = fl[li];
            const ctok *k = &t->tok[i];
            excl += k->excl;
            quest += k->quest;
            bool caps = (k->flags & (TF_CAPS | TF_CODE)) == TF_CAPS && t->mixed_case && !tok_has(k, COACH_W_ACRONYM);
            if (k->emo < 0 && k->val == 0 && k->xword < 0) continue; /* a modifier, or only '!' or '?' */
            bool neg;
            double b = mods(t, i, s->t0, &neg);
            if (k->emo >= 0) {
                double ew = k->emo_w / 10.0 * (1.0 + b) * (caps ? 1.3 : 1.0);
                if (!neg && (k->h == KW_THANKS || k->h == KW_THANK)) thanked += ew; /* weighed below */
                else if (!neg) o->emo[k->emo] += ew;
                else if (k->emo == COACH_EMO_HAPPY) o->emo[COACH_EMO_FRUSTRATED] += ew * 0.8;
            }
            if (k->flags & TF_INPHRASE) continue;
            /* tested as the integer: the branch need not wait for the division */
            int raw = base_valence(k, x);
            if (raw == 0) continue;
            double v = raw / 100.0;
            if (caps) v += sgn(v) * 0.733;
            v += sgn(v) * b;
            if (neg) v *= -0.74;
            sum += v * contrast_w(i, c, camt);
        }
        for (; mi < t->nm && t->m[mi].t0 < s->t1; mi++) {
            const cmatch *m = &t->m[mi];
            if (m->t0 < s->t0) continue;
            const coach_phrase *p = m->p;
            if (m->layer == L_JUDGE && p->kind == COACH_KIND_SENT) {
                double v = p->val / 100.0;
                if (v != 0) {
                    bool unused;
                    v += sgn(v) * mods(t, m->t0, s->t0, &unused);
                    sum += v * contrast_w(m->t0, c, camt);
                }
            } else if (m->layer == L_EMOTION) {
                o->emo[p->code] += p->val / 100.0;
            } else if (m->layer == L_POLITE) {
                o->polite += p->val / 100.0;
            } else if (m->layer == L_CUE || m->layer == L_PROMISE) {
                /* "I called the bank" says nothing about writing to us before */
                if (!(p->code == COACH_CUE_REPEAT && !coach_repeat_stands(t, m, s))) o->cue[p->code] = true;
            }
        }
        if (sum != 0) {
            int e = excl > 4 ? 4 : excl;
            sum += sgn(sum) * 0.292 * e;
            if (quest > 1) sum += sgn(sum) * (quest > 3 ? 0.96 : 0.18 * quest);
        }
        excl_total += excl;
        total += sum;
    }
    o->compound = total / sqrt(total * total + 15.0);
    o->cue[COACH_CUE_NONE] = false;
    /* loud text is angry text when it is negative */
    if (o->compound < -0.2) {
        if (excl_total >= 2) o->emo[COACH_EMO_ANGRY] += 0.4 * (excl_total > 4 ? 4 : excl_total) / 2.0;
        if (caps_words >= 2) o->emo[COACH_EMO_ANGRY] += 0.8;
        if (o->cue[COACH_CUE_COMPLAINT]) o->emo[COACH_EMO_ANGRY] += 0.6;
    }
    /* thanks that close a request ("Can I add a driver? Thanks, Josh", "Please send it, many
     * thanks") are courtesy, not joy: they lean happy, but alone do not make the customer happy */
    /* a request's manners ("Thank you in advance", "Kind regards", "Good morning") raise the tone:
     * whether it asks is worked out only where that matters */
    o->asks = (thanked > 0 || o->compound >= 0.3) && coach_asks_something(t);
    bool courtesy = thanked > 0 && o->asks;
    o->emo[COACH_EMO_HAPPY] += courtesy ? thanked * 0.3 : thanked;
    if (o->cue[COACH_CUE_THANKS] && o->compound > -0.2) o->emo[COACH_EMO_HAPPY] += courtesy ? 0.3 : 0.8;
    if (o->cue[COACH_CUE_URGENT]) o->emo[COACH_EMO_ANXIOUS] += 0.4;
    if (o->cue[COACH_CUE_REPEAT]) o->emo[COACH_EMO_FRUSTRATED] += 0.6;
    o->polite -= 0.6 * (caps_words > 3 ? 3 : caps_words);
    if (excl_total >= 2) o->polite -= 0.5;
}

coach_emotion coach_pick_emotion(const cfeel *f)
{
    static const coach_emotion order[] = {COACH_EMO_ANGRY, COACH_EMO_FRUSTRATED, COACH_EMO_ANXIOUS,
                                          COACH_EMO_SAD, COACH_EMO_CONFUSED, COACH_EMO_HAPPY};
    static const bool negative[] = {true, true, true, true, false, false}; /* in order's order */
    coach_emotion best = COACH_EMO_NEUTRAL, bestneg = COACH_EMO_NEUTRAL;
    double bs = 0, bns = 0;
    /* conditional moves, not branches: which emotion leads is a coin toss */
#pragma GCC unroll 6
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        double v = f->emo[order[i]];
        bool up = v > bs + 1e-9, upn = negative[i] & (v > bns + 1e-9);
        bs = up ? v : bs;
        best = up ? order[i] : best;
        bns = upn ? v : bns;
        bestneg = upn ? order[i] : bestneg;
    }
    /* the overall tone vetoes a cue that points the other way */
    if (best == COACH_EMO_HAPPY && f->compound < -0.3) return bns >= 0.5 ? bestneg : COACH_EMO_FRUSTRATED;
    /* a request's polite words make a positive tone, not a happy customer (f->asks) */
    if (best != COACH_EMO_HAPPY && best != COACH_EMO_CONFUSED && best != COACH_EMO_NEUTRAL && f->compound > 0.5 && bs < 1.5 && !f->asks)
        return COACH_EMO_HAPPY;
    if (bs >= 1.0) return best;
    if (f->compound <= -0.7) return bns >= 0.5 ? bestneg : COACH_EMO_FRUSTRATED;
    if (f->compound >= 0.5 && !f->asks) return COACH_EMO_HAPPY;
    if (bs >= 0.6 && (best == COACH_EMO_CONFUSED || best == COACH_EMO_HAPPY)) return best;
    return COACH_EMO_NEUTRAL;
}

/* politeness: phrase evidence (please, thanks, hedges, greetings vs. commands,
 * swearing, "you people") plus how sentences open */
int coach_politeness(const ctext *t, const cfeel *f)
{
    double p = f->polite;
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        const ctok *k = &t->tok[s->t0];
        if (k->h == KW_PLEASE && s->t1 - s->t0 > 2) p -= 0.6; /* a bare "Please do X" is an order */
        if (s->term == '?' && (k->h == KW_WHY || k->h == KW_WHAT) ) p -= 0.4;
        if (k->h == KW_YOU) p -= 0.4;
        if (k->h == KW_I) p += 0.2;
    }
    p += f->compound * 1.2;
    double score = 50.0 + 50.0 * p / (fabs(p) + 2.5);
    if (score < 0) score = 0;
    if (score > 100) score = 100;
    return (int)(score + 0.5);
}
