#ifndef HEED_COACH_TOK_CHECK_H
#define HEED_COACH_TOK_CHECK_H
/* For the unit tests and the fuzzer, not the engine: tokenizes a text with the fast path
 * (coach_tokenize) and with the general step alone (coach_tokenize_general) and says where they
 * differ, field by field, including the lexicon pass's lists and the folded bytes of ASCII words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coach/coach_internal.h"

typedef struct coach_tok_pair { ctext t[2]; } coach_tok_pair;

static inline void coach_tok_pair_free(coach_tok_pair *p)
{
    for (int i = 0; i < 2; i++) {
        free(p->t[i].tok);
        free(p->t[i].feel);
        free(p->t[i].sent);
        free(p->t[i].fold);
        free(p->t[i].kwm);
    }
}

/* 0 when both tokenizations of s[0, len) agree; otherwise -1 with the first difference in why */
static inline int coach_tok_compare(const char *s, size_t len, const coach_lexicon *extra, char *why, size_t whylen)
{
    coach_tok_pair p;
    memset(&p, 0, sizeof p);
    size_t nt = coach_tok_bound(len);
    for (int i = 0; i < 2; i++) {
        ctext *t = &p.t[i];
        t->s = s;
        t->len = len;
        t->tok = calloc(nt, sizeof *t->tok);
        t->feel = calloc(2 * nt, sizeof *t->feel);
        t->sent = calloc(nt + 1, sizeof *t->sent);
        t->fold = calloc(len + 16, 1);
        t->kwm = calloc(nt, sizeof *t->kwm);
        if (!t->tok || !t->feel || !t->sent || !t->fold || !t->kwm) {
            coach_tok_pair_free(&p);
            snprintf(why, whylen, "out of memory");
            return -1;
        }
    }
    coach_tokenize(&p.t[0], extra);
    coach_tokenize_general(&p.t[1], extra);
    const ctext *a = &p.t[0], *b = &p.t[1];
    int rc = -1;
#define DIFF(cond, ...) do { if (cond) { snprintf(why, whylen, __VA_ARGS__); goto out; } } while (0)
    DIFF(a->ntok != b->ntok, "ntok %zu (fast) vs %zu (general)", a->ntok, b->ntok);
    for (size_t i = 0; i < a->ntok; i++) {
        const ctok *x = &a->tok[i], *y = &b->tok[i];
        DIFF(x->start != y->start || x->end != y->end, "token %zu: bytes %u-%u (fast) vs %u-%u", i, x->start, x->end, y->start, y->end);
        DIFF(x->h != y->h || x->stem != y->stem, "token %zu: hash", i);
        DIFF(x->word != y->word || x->xword != y->xword, "token %zu: lexicon entry", i);
        DIFF(x->sent != y->sent, "token %zu: sentence %u vs %u", i, x->sent, y->sent);
        DIFF(x->kind != y->kind || x->flags != y->flags, "token %zu: kind %u flags %u (fast) vs kind %u flags %u", i, x->kind, x->flags, y->kind, y->flags);
        DIFF(x->excl != y->excl || x->quest != y->quest, "token %zu: '!' or '?' count", i);
        DIFF(x->val != y->val || x->emo != y->emo || x->emo_w != y->emo_w || x->mod != y->mod || x->mod_amt != y->mod_amt ||
             x->wflags != y->wflags || x->mods_before != y->mods_before, "token %zu: copied lexicon fields", i);
        DIFF((x->flags & TF_ASCII) && memcmp(a->fold + x->start, b->fold + y->start, x->end - x->start), "token %zu: folded bytes", i);
    }
    DIFF(a->nsent != b->nsent, "nsent %zu (fast) vs %zu", a->nsent, b->nsent);
    for (size_t i = 0; i < a->nsent; i++) {
        const csent *x = &a->sent[i], *y = &b->sent[i];
        DIFF(x->start != y->start || x->end != y->end || x->t0 != y->t0 || x->t1 != y->t1 || x->term != y->term,
             "sentence %zu: %u-%u tokens %u-%u '%c' (fast) vs %u-%u tokens %u-%u '%c'", i, x->start, x->end, x->t0, x->t1,
             x->term ? x->term : '0', y->start, y->end, y->t0, y->t1, y->term ? y->term : '0');
    }
    DIFF(a->mixed_case != b->mixed_case, "mixed_case");
    DIFF(a->ncaps != b->ncaps || a->ncontrast != b->ncontrast, "caps or contrast count");
    DIFF(a->nfeel != b->nfeel || memcmp(a->feel, b->feel, a->nfeel * sizeof *a->feel), "feel list");
    DIFF(a->nphr != b->nphr || memcmp(a->phr, b->phr, a->nphr * sizeof *a->phr), "phrase-start list");
#undef DIFF
    rc = 0;
out:
    coach_tok_pair_free(&p);
    return rc;
}

#endif
