/* coach_questions: which sentences of the customer's message ask something,
 * and whether a reply answers each one.
 * A question is a sentence ending in '?' (unless it is rhetorical: "Are you
 * kidding me?"), an indirect request ("I'd like to know whether...", "please
 * advise"), or an unpunctuated sentence that opens like a question.
 * A question counts as answered when the reply shares enough of its content
 * words, or shares one and has the kind of answer the question asks for
 * (a time for "when", an amount for "how much", a reason for "why"). */
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_internal.h"

static const cmatch *match_at(const ctext *t, uint32_t t0, uint32_t t1, int layer, int code, bool at_start)
{
    for (size_t i = 0; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->t0 < t0) continue;
        if (m->t0 >= t1) break;
        if (at_start && m->t0 != t0) continue;
        if (m->layer == layer && m->p->kind == COACH_KIND_CUE && m->p->code == code) return m;
    }
    return NULL;
}

static bool wh_after(const ctext *t, uint32_t i, uint32_t t1)
{
    for (uint32_t j = i; j < t1 && j < i + 3; j++) {
        const ctok *k = &t->tok[j];
        if (tok_has(k, COACH_W_QWORD) || k->h == KW_IF || k->h == KW_WHETHER) return true;
    }
    return false;
}

static bool is_question(const ctext *t, const csent *s)
{
    uint32_t n = s->t1 - s->t0;
    if (s->term == '?') {
        const cmatch *r = match_at(t, s->t0, s->t1, L_CUE, COACH_CUE_RHETORICAL, true);
        if (r && (n <= (uint32_t)(r->t1 - r->t0) + 1 || r->t1 - r->t0 >= 3)) return false;
        return true;
    }
    for (size_t i = 0; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->t0 < s->t0) continue;
        if (m->t0 >= s->t1) break;
        if (m->layer != L_CUE) continue;
        if (m->p->code == COACH_CUE_INDIRECT_Q) return true;
        if (m->p->code == COACH_CUE_INDIRECT_WH && wh_after(t, m->t1, s->t1)) return true;
    }
    if ((s->term == 0 || s->term == '\n') && n >= 3) {
        const ctok *a = &t->tok[s->t0], *b = &t->tok[s->t0 + 1];
        if (tok_has(a, COACH_W_QWORD) && b->h != KW_A && b->h != KW_AN) return true;
        if (tok_has(a, COACH_W_AUX) && tok_has(b, COACH_W_PRONOUN)) return true;
    }
    return false;
}

size_t coach_questions(const ctext *t, coach_span *out, size_t max)
{
    size_t n = 0;
    for (size_t si = 0; si < t->nsent && n < max; si++)
        if (is_question(t, &t->sent[si])) out[n++] = (coach_span){t->sent[si].start, t->sent[si].end};
    return n;
}

static bool content(const ctok *k)
{
    if (k->kind == TK_EMOJI) return false;
    if (k->kind == TK_NUM) return true;
    if (k->end - k->start < 3) return false;
    return !tok_has(k, COACH_W_STOP | COACH_W_QWORD | COACH_W_AUX | COACH_W_PRONOUN);
}

static bool reply_has_stem(const ctext *r, uint64_t stem)
{
    /* the reply's content stems were put in a small open-addressing set by
     * coach_reply (r->m is not used for this; see stemset in coach_reply.c) */
    for (size_t i = 0; i < r->ntok; i++)
        if (r->tok[i].stem == stem) return true;
    return false;
}

bool coach_answered(const ctext *q, coach_span qs, const ctext *r, bool reply_has_time)
{
    uint32_t t0 = 0, t1 = 0;
    bool found = false;
    for (size_t si = 0; si < q->nsent; si++)
        if (q->sent[si].start == qs.start) { t0 = q->sent[si].t0; t1 = q->sent[si].t1; found = true; break; }
    if (!found || !r->ntok) return false;
    enum { Q_OTHER, Q_WHEN, Q_AMOUNT, Q_WHY, Q_YESNO, Q_WHERE } type = Q_OTHER;
    for (uint32_t i = t0; i < t1; i++) {
        const ctok *k = &q->tok[i];
        uint64_t nx = i + 1 < t1 ? q->tok[i + 1].h : 0;
        if (k->h == KW_WHEN || (k->h == KW_HOW && nx == KW_LONG) || (k->h == KW_WHAT && nx == KW_TIME)) { type = Q_WHEN; break; }
        if ((k->h == KW_HOW && (nx == KW_MUCH || nx == KW_MANY)) || k->h == KW_COST || k->h == KW_PRICE || k->h == KW_FEE) { type = Q_AMOUNT; break; }
        if (k->h == KW_WHY) { type = Q_WHY; break; }
        if (k->h == KW_WHERE) { type = Q_WHERE; break; }
    }
    if (type == Q_OTHER && tok_has(&q->tok[t0], COACH_W_AUX)) type = Q_YESNO;
    size_t nc = 0, hit = 0;
    /* a long customer sentence: check at most 64 content words */
    for (uint32_t i = t0; i < t1 && nc < 64; i++) {
        const ctok *k = &q->tok[i];
        if (!content(k)) continue;
        nc++;
        if (reply_has_stem(r, k->stem)) hit++;
    }
    bool number = false, reason = false, answer = false;
    for (size_t i = 0; i < r->ntok; i++) if (r->tok[i].kind == TK_NUM) { number = true; break; }
    for (size_t i = 0; i < r->nm; i++) {
        const cmatch *m = &r->m[i];
        if (m->layer == L_PROMISE && m->p->code == COACH_CUE_ANSWER) {
            answer = true;
            if (m->p->h[0] == KW_BECAUSE || m->p->h[0] == KW_DUE || m->p->h[0] == KW_THE || m->p->n >= 3) reason = true;
        }
    }
    for (size_t i = 0; i < r->len && !number; i++) {
        unsigned char c = (unsigned char)r->s[i];
        if (c == '$' || (c == 0xC2 && i + 1 < r->len && (unsigned char)r->s[i + 1] == 0xA3)) number = true; /* $ or £ */
        if (c == 0xE2 && i + 2 < r->len && (unsigned char)r->s[i + 1] == 0x82 && (unsigned char)r->s[i + 2] == 0xAC) number = true; /* € */
    }
    if ((type == Q_WHEN || type == Q_WHERE) && reply_has_time) return true;
    if (type == Q_AMOUNT && number) return true;
    if (type == Q_WHY && reason) return true;
    if (nc == 0) return answer || type == Q_OTHER;
    double ratio = (double)hit / (double)nc;
    if (ratio >= 0.5 || hit >= 3) return true;
    if (hit >= 1 && (ratio >= 0.34 || answer || reply_has_time || number)) return true;
    return false;
}
