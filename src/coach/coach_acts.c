/* coach_acts: what a reply does, recognised by its parts rather than by a listed phrase
 * (issue 12). The phrase table catches the stock forms; these catch the same ideas said in
 * the agent's own words:
 *
 *   empathy     a feeling word tied to the customer's situation ("losing your connection on
 *               the morning of a presentation is awful", "the last thing you need"), or an
 *               apology about their own loss ("I'm so sorry about your wife");
 *   deflection  the customer told to go to another party ("please take it up with Ofgem",
 *               "you'll need to file a claim with them") while the reply takes no step itself;
 *   blame       the fault put on someone else ("the restaurant's fault", "caused by your bank");
 *   dismissive  a sarcastic opener ("Sure, 40GB just magically appeared").
 *
 * And contradictions resolve: a sentence flagged for deflection credits no ownership, and one
 * flagged for blame or dismissiveness credits no apology or empathy ("Sorry, but it's not our
 * fault" is not an apology). Every flag carries the sentence and the words that raised it. */
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_internal.h"

static bool in_set(uint64_t h, const uint64_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (h == set[i]) return true;
    return false;
}
#define IN(h, set) in_set((h), (set), sizeof(set) / sizeof(set)[0])

static const uint64_t feeling[] = {
    KW_A_FRUSTRATING, KW_A_ANNOYING, KW_A_UPSETTING, KW_A_STRESSFUL, KW_A_AWFUL, KW_A_HORRIBLE, KW_A_WORRYING,
    KW_A_WORRY, KW_A_PAINFUL, KW_A_HEARTBREAKING, KW_A_DISAPPOINTING, KW_A_ROTTEN, KW_A_HEADACHE, KW_A_HUMILIATING,
    KW_A_TOUGH, KW_A_UNACCEPTABLE, KW_A_TERRIBLE, KW_A_SCARY, KW_A_FRIGHTENING, KW_A_DISTRESSING, KW_A_DIFFICULT,
    KW_A_NIGHTMARE, KW_A_INFURIATING, KW_A_EXHAUSTING, KW_A_SHOCKING, KW_A_GUTTED, KW_A_DREADFUL, KW_A_MISERABLE,
    KW_A_UNFAIR, KW_A_COSTING, KW_A_COUNTS, KW_A_ALARMING, KW_A_HORRID, KW_A_HEARTBREAK, KW_A_DEVASTATING,
    KW_A_EMBARRASSING};
/* good words that acknowledge only when denied: "that isn't acceptable", "not OK" */
static const uint64_t denied_good[] = {KW_A_ACCEPTABLE, KW_OK, KW_A_OKAY, KW_A_GOOD, KW_A_FAIR, KW_A_RIGHT};
static const uint64_t second_person[] = {KW_YOU, KW_A_YOUR, KW_A_YOUQRE, KW_A_YOUQVE, KW_A_YOUQD, KW_A_YOURS};
/* a situation judged: "... is awful", "that's a rotten end", "sounds stressful" */
static const uint64_t copula[] = {KW_IS, KW_A_WAS, KW_BE, KW_BEEN, KW_A_SOUNDS, KW_A_THATQS, KW_A_ITQS, KW_A_MUST, KW_A_WHAT,
                                  KW_A_HOW};
static const uint64_t apology[] = {KW_A_SORRY, KW_A_APOLOGISE, KW_A_APOLOGIZE, KW_A_APOLOGIES};
/* "sorry for the inconvenience", "sorry to hear about your experience": stock, not about them */
static const uint64_t stock_noun[] = {KW_A_EXPERIENCE, KW_A_INCONVENIENCE, KW_A_FRUSTRATION, KW_A_FEEDBACK, KW_A_CONCERN,
                                      KW_A_CONCERNS, KW_A_ISSUE, KW_A_ISSUES, KW_A_TROUBLE, KW_A_QUERY, KW_A_ENQUIRY,
                                      KW_A_INQUIRY, KW_A_MESSAGE, KW_A_COMPLAINT, KW_A_SITUATION, KW_A_PATIENCE, KW_A_WAIT,
                                      KW_A_DELAY, KW_A_EMAIL};
/* the customer sent somewhere: the verb after "please" / "you'll need to" */
static const uint64_t go_verb[] = {KW_A_CONTACT, KW_C_CALL, KW_A_RING, KW_A_PHONE, KW_A_EMAIL, KW_A_REPORT, KW_A_RAISE,
                                   KW_A_TAKE, KW_A_VISIT, KW_A_ASK, KW_A_SPEAK, KW_A_REACH, KW_A_REFER, KW_A_CLAIM,
                                   KW_A_FILE, KW_A_GO, KW_A_SEEK, KW_A_COMPLAIN, KW_A_APPLY, KW_A_SUBMIT, KW_A_CHECK};
static const uint64_t party[] = {KW_A_DIRECTLY, KW_A_THEM, KW_A_THEY, KW_A_DEPARTMENT, KW_A_PROVIDER, KW_A_COMPANY,
                                 KW_A_INSURANCE, KW_A_RESTAURANT, KW_A_OFFICE, KW_A_BRANCH, KW_A_SUPPORT, KW_A_ADVICE,
                                 KW_A_STATION, KW_A_WEBSITE, KW_TEAM, KW_BANK, KW_POLICE, KW_COURIER, KW_LANDLORD,
                                 KW_COUNCIL, KW_INSURER, KW_DOCTOR, KW_GP, KW_SOLICITOR, KW_MANUFACTURER, KW_SELLER,
                                 KW_AIRLINE, KW_HOSPITAL, KW_PHARMACY, KW_EMPLOYER, KW_BROKER, KW_AGENCY, KW_SUPPLIER};
static const uint64_t sarcastic_opener[] = {KW_A_GREAT, KW_A_SURE, KW_A_WELL, KW_A_WOW, KW_A_OH, KW_A_BRILLIANT,
                                            KW_A_FANTASTIC, KW_A_WONDERFUL, KW_A_LOVELY};

static bool negated_before(const ctext *t, uint32_t i, uint32_t t0)
{
    for (uint32_t d = 1; d <= 2 && i >= t0 + d; d++)
        if (t->tok[i - d].mod == COACH_MOD_NEGATOR) return true;
    return false;
}

static bool ends_ing(const ctext *t, const ctok *k)
{
    return k->kind == TK_WORD && k->end - k->start > 4 && !memcmp(t->s + k->end - 3, "ing", 3);
}

/* a token naming someone other than us: a listed party, an email address, or a name in
 * capitals mid-sentence ("Ofgem", "Action Fraud") that the lexicon does not know */
static bool names_party(const ctext *t, const csent *s, uint32_t i)
{
    const ctok *k = &t->tok[i];
    if (IN(k->h, party)) return true;
    if (memchr(t->s + k->start, '@', k->end - k->start)) return true;
    return i > s->t0 && (k->flags & TF_INITCAP) && !(k->flags & TF_CAPS) && k->word < 0 && k->kind == TK_WORD;
}

/* empathy in the agent's own words: the span of the words that show it, or false */
static bool own_empathy(const ctext *t, const csent *s, coach_span *why)
{
    bool you = false, judged = s->t1 > s->t0 && ends_ing(t, &t->tok[s->t0]);
    int64_t feel = -1, sorry = -1;
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (IN(h, second_person)) {
            you = true;
            /* "sorry ... your wife", not "sorry for your inconvenience" */
            if (sorry >= 0 && h == KW_A_YOUR && i + 1 < s->t1 && !IN(t->tok[i + 1].h, stock_noun)) { feel = sorry; break; }
            if (sorry >= 0 && h != KW_A_YOUR && i == (uint32_t)sorry + 1) { feel = sorry; break; } /* "sorry you were left" */
            continue;
        }
        if (IN(h, copula)) { judged = true; continue; }
        if (IN(h, apology)) { sorry = i; continue; }
        /* "I'm so sorry about Bella", "sorry for the loss of ..." */
        if (sorry >= 0 && i == (uint32_t)sorry + 2 && t->tok[i - 1].h == KW_A_ABOUT && (k->flags & TF_INITCAP) && k->word < 0) {
            feel = sorry;
            break;
        }
        if (h == KW_A_LOSS && sorry >= 0) { feel = sorry; break; }
        if (feel >= 0) continue;
        if (IN(h, feeling) && !negated_before(t, i, s->t0)) feel = i;
        else if (IN(h, denied_good) && negated_before(t, i, s->t0)) feel = i;
        else if (h == KW_A_ESPECIALLY) feel = i; /* "..., especially with your mum's 70th coming up" */
        else if (h == KW_LONG && i > s->t0 && t->tok[i - 1].h == KW_A_TOO) feel = i;
        else if (h == KW_THING && i > s->t0 && t->tok[i - 1].h == KW_A_LAST) feel = i; /* the last thing you need */
        else if (h == KW_A_NEVER && i > s->t0 && t->tok[i - 1].h == KW_A_SHOULD) feel = i;
        else if (h == KW_A_SHOULD && i > s->t0 && (t->tok[i - 1].h == KW_A_NOBODY || t->tok[i - 1].h == KW_A_ONE)) feel = i;
        else if ((h == KW_A_KNOW || h == KW_A_REALISE || h == KW_A_REALIZE) && i > s->t0 && t->tok[i - 1].h == KW_I &&
                 s->t1 - i > 4 && i + 1 < s->t1 && t->tok[i + 1].h != KW_THE && t->tok[i + 1].h != KW_A_OUR)
            feel = i, judged = true; /* "I know every hour offline is costing you" */
    }
    if (feel < 0) return false;
    const ctok *f = &t->tok[feel];
    if (!(IN(f->h, apology) || you || judged)) return false;
    *why = (coach_span){f->start, f->end};
    return true;
}

/* the customer sent to another party: the verb's span, or false */
static bool sends_away(const ctext *t, size_t si, coach_span *why)
{
    const csent *s = &t->sent[si];
    for (uint32_t i = s->t0 + 1; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        if (!IN(k->h, go_verb)) continue;
        /* "please contact", "you'll need to file", "you would need to claim", "you may wish to seek" */
        uint64_t p1 = t->tok[i - 1].h, p2 = i >= s->t0 + 2 ? t->tok[i - 2].h : 0;
        bool told = p1 == KW_PLEASE || (p1 == KW_TO && (p2 == KW_A_NEED || p2 == KW_HAVE || p2 == KW_A_WISH || p2 == KW_A_WANT)) ||
                    (p1 == KW_A_SHOULD && (p2 == KW_YOU)) || (p1 == KW_A_MUST && p2 == KW_YOU);
        if (!told) continue;
        /* "please contact me", "please reply here": to us */
        if (i + 1 < s->t1 && (t->tok[i + 1].h == KW_A_ME || t->tok[i + 1].h == KW_A_US || t->tok[i + 1].h == KW_A_HERE)) continue;
        bool other = false;
        const csent *from = si > 0 ? &t->sent[si - 1] : s;
        for (uint32_t j = from->t0; j < s->t1 && !other; j++)
            other = names_party(t, j < s->t0 ? from : s, j);
        if (!other) continue;
        *why = (coach_span){k->start, k->end};
        return true;
    }
    return false;
}

/* the fault put on someone else: "the restaurant's fault", "caused by your bank" */
static bool puts_fault(const ctext *t, const csent *s, coach_span *why)
{
    for (uint32_t i = s->t0 + 1; i < s->t1; i++) {
        const ctok *k = &t->tok[i], *p = &t->tok[i - 1];
        if (k->h == KW_A_FAULT) {
            size_t n = p->end - p->start;
            bool possessive = n > 2 && (!memcmp(t->s + p->end - 2, "'s", 2) || (n > 4 && !memcmp(t->s + p->end - 4, "\xE2\x80\x99s", 4)));
            if (possessive && p->h != KW_A_THATQS && p->h != KW_A_ITQS && p->h != KW_THERE) {
                *why = (coach_span){p->start, k->end};
                return true;
            }
        }
        if (k->h == KW_A_BY && p->h == KW_A_CAUSED && i + 1 < s->t1) {
            const ctok *n = &t->tok[i + 1];
            if (n->h == KW_A_YOUR || IN(n->h, party)) { *why = (coach_span){p->start, n->end}; return true; }
        }
    }
    return false;
}

/* "Sure, 40GB just magically appeared.", "Great, another person who can't wait": a bright
 * opener and then a jab (a denial, "another", "just", an "if you'd...") */
static bool sarcastic(const ctext *t, const csent *s, coach_span *why)
{
    if (s->t1 - s->t0 < 4 || !IN(t->tok[s->t0].h, sarcastic_opener)) return false;
    const ctok *o = &t->tok[s->t0];
    char after = o->end < t->len ? t->s[o->end] : 0;
    if (after != ',' && after != '!') return false;
    for (uint32_t i = s->t0 + 1; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        if (k->mod == COACH_MOD_NEGATOR || k->h == KW_A_ANOTHER || k->h == KW_A_JUST || k->h == KW_A_YOUQD) {
            *why = (coach_span){o->start, k->end};
            return true;
        }
    }
    return false;
}

static bool sentence_has(const coach_report *r, const csent *s, unsigned codes)
{
    for (size_t i = 0; i < r->reply.nflags; i++) {
        const coach_flag *f = &r->reply.flags[i];
        if (((codes >> f->code) & 1u) && f->start < s->end && f->end > s->start && f->end > f->start) return true;
    }
    return false;
}

void coach_reply_acts(const ctext *t, coach_report *r)
{
    coach_reply_report *rr = &r->reply;
    /* does the reply take a step itself? (a first-person strength phrase: "I've refunded") */
    bool acts = false;
    for (size_t i = 0; i < t->nm && !acts; i++) {
        const cmatch *m = &t->m[i];
        acts = m->layer == L_JUDGE && m->p->kind == COACH_KIND_STRENGTH &&
               (m->p->code == COACH_STRENGTH_OWNERSHIP || (m->p->pflags & COACH_P_FIRST_PERSON));
    }
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        coach_span w;
        if (!acts && sends_away(t, si, &w)) coach_act_flag(r, COACH_FLAG_DEFLECTION, w.start, s->end, t->s + w.start, w.end - w.start);
        if (puts_fault(t, s, &w)) coach_act_flag(r, COACH_FLAG_BLAME, w.start, w.end, t->s + w.start, w.end - w.start);
        if (sarcastic(t, s, &w)) coach_act_flag(r, COACH_FLAG_DISMISSIVE, w.start, w.end, t->s + w.start, w.end - w.start);
    }
    /* contradictions: recount the strengths that a flag in the same sentence takes back */
    const unsigned own = 1u << COACH_STRENGTH_OWNERSHIP, sorry = 1u << COACH_STRENGTH_APOLOGY,
                   feel = 1u << COACH_STRENGTH_EMPATHY;
    const unsigned deflect = 1u << COACH_FLAG_DEFLECTION, spoil = (1u << COACH_FLAG_BLAME) | (1u << COACH_FLAG_DISMISSIVE);
    unsigned kept = 0;
    for (size_t i = 0; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->layer != L_JUDGE || m->p->kind != COACH_KIND_STRENGTH) continue;
        const csent *s = &t->sent[t->tok[m->t0].sent];
        unsigned gives = 1u << m->p->code;
        if (m->p->pflags & COACH_P_FIRST_PERSON) gives |= own;
        if (m->p->pflags & COACH_P_SORRY) gives |= sorry;
        if ((gives & own) && sentence_has(r, s, deflect)) gives &= ~own;
        if ((gives & (sorry | feel)) && sentence_has(r, s, spoil)) gives &= ~(sorry | feel);
        kept |= gives;
    }
    rr->strengths = (rr->strengths & ~(own | sorry | feel)) | (kept & (own | sorry | feel));
    /* empathy in the agent's own words, where no flag takes it back */
    if (!(rr->strengths & feel))
        for (size_t si = 0; si < t->nsent; si++) {
            coach_span w;
            if (own_empathy(t, &t->sent[si], &w) && !sentence_has(r, &t->sent[si], spoil)) {
                rr->strengths |= feel;
                break;
            }
        }
}
