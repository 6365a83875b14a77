/* coach_reply_model: the learned reading of the reply (data/coach/reply_model.tsv, trained by
 * bench/coach/train_reply.js; docs/COACH.md, "Learned reply reading"). A logistic regression per
 * flag and strength it decides, over the reply's words and pairs of adjacent words (keyed as the
 * customer model's) and what the rules already read: their own flags and strengths, the
 * customer's emotion, complaint and urgency, and the reply's length. A reading the rules made
 * stands unless its score is below -coach_rm_drop (and, for a flag, a word in or beside the flag's
 * own words weighs against it: countered()); one they did not make is turned on above
 * coach_rm_add (both from the table), a flag only where a word or pair of weight EVIDENCE or more
 * weighs for it: the flag quotes those words (or a rules' flag that weighs more) and covers their
 * sentence.
 * One probe per word and per pair; no allocation (the hits go in the report's scratch). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"
#include "coach/coach_lanes.h"

static int32_t rm_find(uint64_t key) { return coach_model_entry(coach_rm_index, coach_rm_feats, coach_rm_mask, key); }

_Static_assert(COACH_RM_OUT <= 64 && COACH_STRENGTH_COUNT < 32, "the outputs are one bit each of a uint64_t");
/* the outputs the table decides (coach_rm_lane[o] >= 0), a bit each: worked out once, so a reply
 * walks those few and not every flag and strength */
static uint64_t decided;
static pthread_once_t decided_once = PTHREAD_ONCE_INIT;
static void decided_init(void)
{
    for (int o = 0; o < COACH_RM_OUT; o++)
        if (coach_rm_lane[o] >= 0) decided |= 1ULL << o;
}

/* a word or pair adds a flag only with this weight for it or more (x100) */
enum { EVIDENCE = 30 };

static const char *read_name(unsigned k, char *buf, size_t n)
{
    static const char *const base[] = {COACH_RM_READS(COACH_NAME)};
    const char *pre = k < COACH_RM_RF0 ? "" : k < COACH_RM_RS0 ? "rf:" : k < COACH_RM_EMO0 ? "rs:" : "emo:";
    const char *name = k < COACH_RM_RF0 ? base[k]
                     : k < COACH_RM_RS0 ? coach_flag_name((coach_flag_code)(k - COACH_RM_RF0))
                     : k < COACH_RM_EMO0 ? coach_strength_name((coach_strength_code)(k - COACH_RM_RS0))
                     : coach_emotion_name((coach_emotion)(k - COACH_RM_EMO0));
    size_t a = strlen(pre), b = strlen(name);
    if (a + b + 1 > n) return "";
    memcpy(buf, pre, a);
    memcpy(buf + a, name, b + 1);
    return buf;
}

/* what the rules read, a bit per COACH_RM_READ */
static uint64_t readings(const coach_report *r, coach_emotion cemo, size_t nwords)
{
    uint64_t on = 1ULL << COACH_RM_BIAS;
    const coach_reply_report *rr = &r->reply;
    for (size_t i = 0; i < rr->nflags; i++) on |= 1ULL << (COACH_RM_RF0 + rr->flags[i].code);
    on |= (uint64_t)(rr->strengths & ((1u << COACH_STRENGTH_COUNT) - 1)) << COACH_RM_RS0;
    on |= 1ULL << (COACH_RM_EMO0 + cemo);
    if (r->customer.complaint) on |= 1ULL << COACH_RM_COMPLAINT;
    if (r->customer.urgent) on |= 1ULL << COACH_RM_URGENT;
    on |= 1ULL << (nwords < 15 ? COACH_RM_LEN_S : nwords < 50 ? COACH_RM_LEN_M : COACH_RM_LEN_L);
    return on;
}

/* the features' names for training (heed coach --reply-features), appended to r->features */
static void put_name(coach_report *r, const char *s, size_t n)
{
    if (r->features_len + n + 4 > r->features_cap) {
        size_t cap = r->features_cap ? r->features_cap * 2 : 4096;
        while (cap < r->features_len + n + 4) cap *= 2;
        char *p = realloc(r->features, cap);
        if (!p) return; /* the list is for training; the analysis goes on without it */
        r->features = p;
        r->features_cap = cap;
    }
    if (r->features_len) r->features[r->features_len++] = '\t';
    memcpy(r->features + r->features_len, s, n);
    r->features_len += n;
    r->features[r->features_len] = 0;
}

/* a token the model may learn: a lower-case ASCII word of letters and apostrophes (as
 * bench/coach/train_reply.js names it), else NULL */
static const char *plain_word(const ctext *t, const ctok *k, size_t *n)
{
    *n = k->end - k->start;
    if (k->kind != TK_WORD || !(k->flags & TF_ASCII) || *n > 24) return NULL;
    const char *w = t->fold + k->start;
    if (w[0] < 'a' || w[0] > 'z') return NULL;
    for (size_t i = 1; i < *n; i++)
        if ((w[i] < 'a' || w[i] > 'z') && w[i] != '\'') return NULL;
    return w;
}

static void list_features(const ctext *t, uint64_t reads, coach_report *r)
{
    char buf[48];
    for (unsigned k = 0; k < COACH_RM_READ_COUNT; k++)
        if (reads >> k & 1) {
            buf[0] = '@';
            if (*read_name(k, buf + 1, sizeof buf - 1)) put_name(r, buf, strlen(buf));
        }
    const char *prev = NULL;
    size_t np = 0;
    uint32_t prev_sent = UINT32_MAX;
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        size_t n;
        const char *w = plain_word(t, k, &n);
        if (!w) { prev = NULL; continue; }
        char f[2 + 24 + 1 + 24];
        f[0] = 'w', f[1] = ':';
        memcpy(f + 2, w, n);
        put_name(r, f, 2 + n);
        if (prev && prev_sent == k->sent) {
            f[0] = 'b';
            memcpy(f + 2, prev, np);
            f[2 + np] = ' ';
            memcpy(f + 3 + np, w, n);
            put_name(r, f, 3 + np + n);
        }
        prev = w, np = n, prev_sent = k->sent;
    }
}

static inline uint64_t hit_pack(uint32_t f, uint32_t i, bool pair) { return (uint64_t)f << 32 | (uint64_t)i << 1 | pair; }

/* the strongest hit for output o that is not all function words, numbers and times: its index in
 * hits, or -1 if none weighs EVIDENCE */
static long best_hit(const ctext *t, const uint64_t *hits, size_t nhits, int o)
{
    long best = -1;
    int bw = EVIDENCE - 1;
    for (size_t h = 0; h < nhits; h++) {
        int w = coach_rm_feats[hits[h] >> 32].w[coach_rm_lane[o]];
        if (w <= bw) continue;
        uint32_t i = (uint32_t)hits[h] >> 1;
        if (coach_token_idle(&t->tok[i]) && (!(hits[h] & 1) || coach_token_idle(&t->tok[i + 1]))) continue;
        best = (long)h, bw = w;
    }
    return best;
}

/* a word or pair in or next to the flag's own words (NEAR tokens either side) that weighs
 * EVIDENCE or more against flag o (anywhere, for a flag anchored nowhere in particular: no
 * empathy, an unanswered question): the model takes back a flag the rules raised only with such
 * a word, so that the turn has a reason in the reply ("calm down" keeps its dismissive flag
 * whatever the customer's mood and the sentence's other words add) */
enum { NEAR = 2 };
static bool countered(const ctext *t, const coach_reply_report *rr, const uint64_t *hits, size_t nhits, int o)
{
    for (size_t f = 0; f < rr->nflags; f++) {
        const coach_flag *fl = &rr->flags[f];
        if ((int)fl->code != o) continue;
        size_t a = coach_tok_from(t, fl->start), b = a;
        if (fl->end > fl->start) b = coach_tok_from(t, fl->end - 1);
        bool anywhere = fl->end <= fl->start || a >= t->ntok;
        for (size_t h = 0; h < nhits; h++) {
            uint32_t i = (uint32_t)hits[h] >> 1; /* a pair's first word */
            /* (the hits are in token order, a pair one token before the word listed just before it:
             * every hit after one past b + NEAR + 1 is past b + NEAR too) */
            if (!anywhere && i > b + NEAR + 1) break;
            if (!anywhere && (i + 1 + NEAR < a || i > b + NEAR)) continue;
            if (coach_rm_feats[hits[h] >> 32].w[coach_rm_lane[o]] <= -EVIDENCE) return true;
        }
    }
    return false;
}

static void drop_flags(coach_report *r, coach_flag_code code)
{
    coach_reply_report *rr = &r->reply;
    size_t w = 0;
    for (size_t i = 0; i < rr->nflags; i++)
        if (rr->flags[i].code != code) rr->flags[w++] = rr->flags[i];
    rr->nflags = w;
}

void coach_reply_model(const ctext *t, coach_emotion cemo, coach_report *r, uint64_t *hits)
{
    /* the reply's words are counted in the walk below, and its readings (which its length is one of)
     * added after it, unless the features are listed or the table is not read */
    if (r->reply_features || !coach_rm_nfeats || r->reply_rules_only) {
        size_t nwords = 0;
        for (size_t i = 0; i < t->ntok; i++) nwords += t->tok[i].kind == TK_WORD;
        uint64_t reads = readings(r, cemo, nwords);
        if (r->reply_features) list_features(t, reads, r);
        if (!coach_rm_nfeats || r->reply_rules_only) return; /* no table built, or asked for the rules' reading */
    }
    pthread_once(&decided_once, decided_init);
    coach_lanes acc;
    coach_lanes_zero(&acc);
    size_t nwords = 0;
    /* each word and each pair it makes with the word before it in its sentence, once */
    uint64_t seen[COACH_RM_MAX_FEATS / 64];
    memset(seen, 0, (coach_rm_nfeats + 63) / 64 * sizeof seen[0]);
    size_t nhits = 0;
    uint64_t prev = 0;
    uint32_t prev_sent = UINT32_MAX;
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        if (k->kind != TK_WORD) { prev_sent = UINT32_MAX; continue; }
        nwords++;
        uint64_t keys[2] = {k->h, coach_model_pair_key(prev, k->h)};
        int nk = prev_sent == k->sent ? 2 : 1;
        prev = k->h;
        prev_sent = k->sent;
        for (int j = 0; j < nk; j++) {
            unsigned b = coach_model_bit(keys[j]);
            if (!(coach_rm_bits[b / 64] >> (b % 64) & 1)) continue;
            int32_t f = rm_find(keys[j]);
            if (f < 0 || (seen[f / 64] >> (f % 64) & 1)) continue;
            seen[f / 64] |= 1ULL << (f % 64);
            coach_lanes_add(&acc, coach_rm_feats[f].w);
            hits[nhits++] = hit_pack((uint32_t)f, (uint32_t)(j ? i - 1 : i), j == 1);
        }
    }
    uint64_t reads = readings(r, cemo, nwords);
    for (uint64_t b = reads; b; b &= b - 1) coach_lanes_add(&acc, coach_rm_read[__builtin_ctzll(b)]);
    int32_t lanes[COACH_RM_LANES], z[COACH_RM_OUT] = {0};
    coach_lanes_store(&acc, lanes);
    coach_reply_report *rr = &r->reply;
    /* each decided reading: on, from the rules' reading and the score past its margin; the rest
     * stay as the rules read them (had: rf: then rs:, in output order) */
    const uint64_t out_mask = COACH_RM_OUT == 64 ? ~0ULL : (1ULL << COACH_RM_OUT) - 1;
    uint64_t had = reads >> COACH_RM_RF0 & out_mask, on = had & ~decided;
    for (uint64_t b = decided; b; b &= b - 1) {
        int o = __builtin_ctzll(b);
        int32_t zo = z[o] = lanes[coach_rm_lane[o]];
        bool now_on = had >> o & 1 ? zo >= -coach_rm_drop[o] : zo > coach_rm_add[o];
        on |= (uint64_t)now_on << o;
    }
    /* readings that contradict each other (an acknowledgement and "no empathy", taking it on and
     * passing the buck, an apology and blame): the one with the higher score stands */
    static const struct { int a, b; } clash[] = {
        {COACH_FLAG_NO_EMPATHY, COACH_FLAG_COUNT + COACH_STRENGTH_EMPATHY},
        {COACH_FLAG_NO_EMPATHY, COACH_FLAG_COUNT + COACH_STRENGTH_APOLOGY},
        {COACH_FLAG_DEFLECTION, COACH_FLAG_COUNT + COACH_STRENGTH_OWNERSHIP},
        {COACH_FLAG_BLAME, COACH_FLAG_COUNT + COACH_STRENGTH_APOLOGY}};
    for (size_t k = 0; k < sizeof clash / sizeof clash[0]; k++) {
        uint64_t a = 1ULL << clash[k].a, b = 1ULL << clash[k].b;
        /* (only a contradiction the model made: one the rules made and it kept, it weighed) */
        if ((on & a) && (on & b) && !((had & a) && (had & b)) && (decided & (a | b))) {
            if (z[clash[k].a] > z[clash[k].b]) on &= ~b;
            else on &= ~a;
        }
    }
    /* the readings the model turned, in output order */
    for (uint64_t turned = on ^ had; turned; turned &= turned - 1) {
        int o = __builtin_ctzll(turned);
        if (o >= COACH_FLAG_COUNT) {
            rr->strengths ^= 1u << (o - COACH_FLAG_COUNT);
            continue;
        }
        coach_flag_code code = (coach_flag_code)o;
        if (had >> o & 1) {
            if (countered(t, rr, hits, nhits, o)) drop_flags(r, code);
            continue;
        }
        /* a flag is added only with a word of the reply that weighs for it (EVIDENCE): one the rules'
         * other flags alone would raise is not, so as not to stack flags on the same words (the
         * trainer, which does not know this, turns on more than the binary does) */
        long h = best_hit(t, hits, nhits, o);
        if (h < 0) continue;
        /* where another of the rules' flags weighs more for it than any word ("we can't" to an angry
         * customer, read as brushing them off), that flag's words are the reason; not a flag whose
         * span only anchors it (no empathy: the first sentence; an unanswered question: none) */
        int lane = coach_rm_lane[o], best_w = coach_rm_feats[hits[h] >> 32].w[lane];
        const coach_flag *why = NULL;
        for (size_t k = 0; k < rr->nflags; k++) {
            coach_flag_code fc = rr->flags[k].code;
            if (fc == COACH_FLAG_NO_EMPATHY || fc == COACH_FLAG_UNANSWERED_QUESTION || rr->flags[k].end <= rr->flags[k].start) continue;
            /* only the rules' own flags: one this loop just added covers its whole sentence and
             * would quote it all ("Honestly, you could try ..." as the reason for brushing off) */
            if (!(had >> fc & 1)) continue;
            int w = coach_rm_read[COACH_RM_RF0 + fc][lane];
            if (w > best_w) best_w = w, why = &rr->flags[k];
        }
        /* the words quoted, and their sentence covered */
        uint32_t i = (uint32_t)hits[h] >> 1, qa = t->tok[i].start, qb = t->tok[hits[h] & 1 ? i + 1 : i].end;
        if (why) qa = why->start, qb = why->end, i = (uint32_t)coach_tok_from(t, why->start);
        const csent *s = &t->sent[t->tok[i < t->ntok ? i : t->ntok - 1].sent];
        coach_act_flag(r, code, s->start, s->end, t->s + qa, qb - qa,
                       why && why->code == COACH_FLAG_NEGATIVE_PHRASING
                           ? " (learned reply reading: a refusal, to this customer, was judged so in the training cases)"
                           : " (learned reply reading: words like these were judged so in the training cases)");
    }
}
