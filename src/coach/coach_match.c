/* coach_match: finds the phrase-table entries in a token stream. Phrases are
 * indexed by their first word, longest first, so at each token the first hit
 * in a layer is the longest; a hit hides shorter hits of the same layer that
 * start inside it ("we can't thank you enough" hides "we can't"). */
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"

/* phrase p's words from its word `from` on are the tokens from i + from, all in token i's sentence */
static inline __attribute__((always_inline)) bool matches(const ctext *t, size_t i, const coach_phrase *p, unsigned from)
{
    if (i + p->n > t->ntok) return false;
    for (unsigned j = from; j < p->n; j++)
        if (t->tok[i + j].h != p->h[j]) return false;
    return t->tok[i + p->n - 1].sent == t->tok[i].sent;
}

/* a phrase at tokens [t0, t1) where its anchors allow it (coach_phrase_anchors): "^relax," as its
 * sentence's opener before a comma or alone ("Relax, it's a small amount." but not "let the fold
 * lines relax"), "^please don't panic$" as the whole sentence (the blind writers: "whatever"
 * dismissive in none of 36 replies, "please don't panic" in 1 of 12, "relax" in none of 4). The
 * matcher asks this, so a phrase out of place does not hide a shorter one ("Sorry, no, we don't.") */
static bool anchors_allow(const ctext *t, uint32_t t0, uint32_t t1, unsigned pf)
{
    const csent *s = &t->sent[t->tok[t0].sent];
    if ((pf & COACH_P_START) && t0 != s->t0) return false;
    if (t1 >= s->t1) return true;
    if (pf & COACH_P_END) return false;
    uint32_t e = t->tok[t1 - 1].end;
    return !(pf & COACH_P_PAUSE) || (e < t->len && t->s[e] == ',');
}

/* phrase p at token i, its words matched, taken where its layer has no hit there yet and its
 * anchors allow it. Out of line: inlined into builtin_phrases it made the matcher 2% more
 * instructions */
static __attribute__((noinline)) void take_matched(ctext *t, size_t i, const coach_phrase *p, bool got[L_COUNT], size_t skip[L_COUNT])
{
    int L = p->layer;
    if (got[L] || i < skip[L]) return;
    if ((p->pflags & COACH_P_ANCHORS) && !anchors_allow(t, (uint32_t)i, (uint32_t)(i + p->n), p->pflags)) return;
    got[L] = true;
    /* an exception phrase only stops flags that start where it starts */
    skip[L] = p->kind == COACH_KIND_IGNORE ? i + 1 : i + p->n;
    cmatch *m = &t->m[t->nm++];
    m->p = p;
    m->t0 = (uint32_t)i;
    m->t1 = (uint32_t)(i + p->n);
    m->layer = (uint8_t)L;
    if (p->kind == COACH_KIND_SENT || p->kind == COACH_KIND_IGNORE)
        for (size_t j = i; j < i + p->n; j++) t->tok[j].flags |= TF_INPHRASE;
}

/* phrase p at token i if its words are there (an organisation's phrases) */
static void take(ctext *t, size_t i, const coach_phrase *p, bool got[L_COUNT], size_t skip[L_COUNT])
{
    int L = p->layer;
    if (got[L] || i < skip[L]) return;
    if (p->n > 1 && (i + 1 >= t->ntok || t->tok[i + 1].h != p->h[1])) return; /* the common miss, cheaply */
    if (!matches(t, i, p, 2)) return;
    take_matched(t, i, p, got, skip);
}

/* an organisation's phrases starting at token i (they come before the built-in ones), and its
 * emotion for the word there */
static void extra_phrases(ctext *t, size_t i, const coach_lexicon *x, bool got[L_COUNT], size_t skip[L_COUNT])
{
    ctok *k = &t->tok[i];
    if (k->xword >= 0) {
        k->emo = x->words[k->xword].emo;
        k->emo_w = x->words[k->xword].emo_w;
    }
    if (!x->nphrases) return;
    for (size_t s = coach_slot(k->h, x->pidx_mask); x->pidx[s].count; s = (s + 1) & x->pidx_mask) {
        const struct xpidx *e = &x->pidx[s];
        if (x->phrases[e->first].h[0] != k->h) continue;
        for (uint32_t j = e->first; j < e->first + e->count; j++) take(t, i, &x->phrases[j], got, skip);
        return;
    }
}

/* the built-in phrases starting at token i (word w, which starts at least one); always inlined
 * (GCC left it out of line once it tested the multi-word phrases itself: 0.5% more instructions) */
static inline __attribute__((always_inline)) void builtin_phrases(ctext *t, size_t i, const coach_word *w, bool got[L_COUNT], size_t skip[L_COUNT])
{
    /* multi-word phrases whose second word is the next token: binary search, then longest first */
    /* the pair set first: most tokens start no multi-word phrase with the token after them */
    unsigned pair = i + 1 < t->ntok ? coach_pair_bit(t->tok[i].h, t->tok[i + 1].h) : 0;
    if (w->pmulti && i + 1 < t->ntok && (coach_phrase_pairs[pair / 64] >> (pair % 64) & 1)) {
        uint64_t nx = t->tok[i + 1].h;
        /* branch-free lower bound: the comparisons are unpredictable, a conditional move is not */
        unsigned lo = w->pfirst, n = w->pmulti;
        while (n > 1) {
            unsigned half = n / 2;
            lo = coach_phrase_h1[lo + half - 1] < nx ? lo + half : lo;
            n -= half;
        }
        lo += coach_phrase_h1[lo] < nx;
        /* (their second word is the next token: the rest are compared from the third) */
        for (unsigned k = lo; k < (unsigned)w->pfirst + w->pmulti && coach_phrase_h1[k] == nx; k++) {
            const coach_phrase *p = &coach_phrases[k];
            if (!got[p->layer] && i >= skip[p->layer] && matches(t, i, p, 2)) take_matched(t, i, p, got, skip);
        }
    }
    /* the one-word phrases: the word is the token */
    for (unsigned k = (unsigned)w->pfirst + w->pmulti; k < (unsigned)w->pfirst + w->pcount; k++)
        take_matched(t, i, &coach_phrases[k], got, skip);
}

void coach_match(ctext *t, const coach_lexicon *x)
{
    size_t skip[L_COUNT] = {0};
    t->nm = 0;
    if (!x) {
        /* only the tokens that start a built-in phrase, which the lookup pass listed: whether a
         * word starts one was a coin toss per token */
        for (size_t j = 0; j < t->nphr; j++) {
            size_t i = t->phr[j];
            bool got[L_COUNT] = {0};
            builtin_phrases(t, i, &coach_words[t->tok[i].word], got, skip);
        }
        return;
    }
    for (size_t i = 0; i < t->ntok; i++) {
        const coach_word *w = tok_word(&t->tok[i]);
        bool got[L_COUNT] = {0};
        extra_phrases(t, i, x, got, skip);
        if (w && w->pcount) builtin_phrases(t, i, w, got, skip);
    }
}

bool coach_own_lexicon_reads(const ctext *t, const coach_lexicon *x, int emo)
{
    if (!x) return false;
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        if (k->xword >= 0 && ((k->emo == emo && x->words[k->xword].eline) || x->words[k->xword].vline)) return true;
    }
    for (size_t m = 0; m < t->nm; m++) {
        const coach_phrase *p = t->m[m].p;
        if (p >= x->phrases && p < x->phrases + x->nphrases && (t->m[m].layer != L_EMOTION || p->code == emo)) return true;
    }
    return false;
}
