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
 * And contradictions resolve: a sentence flagged for deflection credits no ownership or apology, and one
 * flagged for blame or dismissiveness credits no apology or empathy ("Sorry, but it's not our
 * fault" is not an apology). Every flag carries the sentence and the words that raised it. */
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"


#define FEELING_WORDS(X) \
    X(KW_A_FRUSTRATING) X(KW_A_ANNOYING) X(KW_A_UPSETTING) X(KW_A_STRESSFUL) X(KW_A_AWFUL) \
    X(KW_A_HORRIBLE) X(KW_A_WORRYING) X(KW_A_WORRY) X(KW_A_PAINFUL) X(KW_A_HEARTBREAKING) \
    X(KW_A_DISAPPOINTING) X(KW_A_ROTTEN) X(KW_A_HEADACHE) X(KW_A_HUMILIATING) X(KW_A_TOUGH) \
    X(KW_A_UNACCEPTABLE) X(KW_A_TERRIBLE) X(KW_A_SCARY) X(KW_A_FRIGHTENING) X(KW_A_DISTRESSING) \
    X(KW_A_DIFFICULT) X(KW_A_NIGHTMARE) X(KW_A_INFURIATING) X(KW_A_EXHAUSTING) X(KW_A_SHOCKING) \
    X(KW_A_GUTTED) X(KW_A_DREADFUL) X(KW_A_MISERABLE) X(KW_A_UNFAIR) X(KW_A_COSTING) X(KW_A_COUNTS) \
    X(KW_A_ALARMING) X(KW_A_HORRID) X(KW_A_HEARTBREAK) X(KW_A_DEVASTATING) X(KW_A_EMBARRASSING)
KWSET(feeling, FEELING_WORDS)
/* good words that acknowledge only when denied: "that isn't acceptable", "not OK" */
#define DENIED_GOOD_WORDS(X) \
    X(KW_A_ACCEPTABLE) X(KW_OK) X(KW_A_OKAY) X(KW_A_GOOD) X(KW_A_FAIR) X(KW_A_RIGHT)
KWSET(denied_good, DENIED_GOOD_WORDS)
#define SECOND_PERSON_WORDS(X) \
    X(KW_YOU) X(KW_A_YOUR) X(KW_A_YOUQRE) X(KW_A_YOUQVE) X(KW_A_YOUQD) X(KW_A_YOURS)
KWSET(second_person, SECOND_PERSON_WORDS)
/* a situation judged: "... is awful", "that's a rotten end", "sounds stressful" */
#define COPULA_WORDS(X) \
    X(KW_IS) X(KW_A_WAS) X(KW_BE) X(KW_BEEN) X(KW_A_SOUNDS) X(KW_A_THATQS) X(KW_A_ITQS) X(KW_A_MUST) \
    X(KW_A_WHAT) X(KW_A_HOW)
KWSET(copula, COPULA_WORDS)
#define APOLOGY_WORDS(X) \
    X(KW_A_SORRY) X(KW_A_APOLOGISE) X(KW_A_APOLOGIZE) X(KW_A_APOLOGIES)
KWSET_WALK(apology, APOLOGY_WORDS, KWW_APOLOGY)
/* what makes an apology felt: "I'm so sorry", "truly sorry" */
#define FELT_WORDS(X) X(KW_SO) X(KW_H_REALLY) X(KW_H_VERY) X(KW_H_TRULY) X(KW_H_DEEPLY) X(KW_H_TERRIBLY) X(KW_H_EXTREMELY)
KWSET(felt, FELT_WORDS)
/* "sorry for the inconvenience", "sorry to hear about your experience": stock, not about them */
#define STOCK_NOUN_WORDS(X) \
    X(KW_A_EXPERIENCE) X(KW_A_INCONVENIENCE) X(KW_A_FRUSTRATION) X(KW_A_FEEDBACK) X(KW_A_CONCERN) \
    X(KW_A_CONCERNS) X(KW_A_ISSUE) X(KW_A_ISSUES) X(KW_A_TROUBLE) X(KW_A_QUERY) X(KW_A_ENQUIRY) \
    X(KW_A_INQUIRY) X(KW_A_MESSAGE) X(KW_A_COMPLAINT) X(KW_A_SITUATION) X(KW_A_PATIENCE) X(KW_A_WAIT) \
    X(KW_A_DELAY) X(KW_A_EMAIL)
KWSET(stock_noun, STOCK_NOUN_WORDS)
/* the customer sent somewhere: the verb after "please" / "you'll need to" */
#define GO_VERB_WORDS(X) \
    X(KW_A_CONTACT) X(KW_C_CALL) X(KW_A_RING) X(KW_A_PHONE) X(KW_A_EMAIL) X(KW_A_REPORT) X(KW_A_RAISE) \
    X(KW_A_TAKE) X(KW_A_VISIT) X(KW_A_ASK) X(KW_A_SPEAK) X(KW_A_REACH) X(KW_A_REFER) X(KW_A_CLAIM) \
    X(KW_A_FILE) X(KW_A_GO) X(KW_A_SEEK) X(KW_A_COMPLAIN) X(KW_A_APPLY) X(KW_A_SUBMIT) X(KW_A_CHECK) X(KW_D_REQUEST) \
    X(KW_A_MESSAGE)
KWSET(go_verb, GO_VERB_WORDS)
/* the go verbs that need someone to go to: an order to do one ("Contact your provider.") sends
 * the customer away, where "Go to Settings" or "Check the box" does not */
#define TO_SOMEONE_WORDS(X) \
    X(KW_A_CONTACT) X(KW_C_CALL) X(KW_A_RING) X(KW_A_PHONE) X(KW_A_EMAIL) X(KW_A_SPEAK) X(KW_A_REACH) X(KW_A_ASK) X(KW_A_COMPLAIN)
KWSET(to_someone, TO_SOMEONE_WORDS)
/* the same in the passive: "complaints should be directed to", "disputes must be raised with them" */
#define GONE_VERB_WORDS(X) \
    X(KW_D_DIRECTED) X(KW_D_RAISED) X(KW_D_REACHED) X(KW_D_CONTACTED) X(KW_D_REQUESTED)
KWSET(gone_verb, GONE_VERB_WORDS)
/* "I'd recommend contacting", "we'd encourage you to reach out", "I'd suggest calling" */
#define ADVISE_WORDS(X) X(KW_D_RECOMMEND) X(KW_D_SUGGEST) X(KW_D_ADVISE) X(KW_D_ENCOURAGE)
KWSET_WALK(advise, ADVISE_WORDS, KWW_ADVISE)
#define MODAL_WORDS(X) X(KW_CAN) X(KW_D_COULD) X(KW_A_MUST) X(KW_A_SHOULD)
KWSET(modal, MODAL_WORDS)
#define PARTY_WORDS(X) \
    X(KW_A_DIRECTLY) X(KW_A_THEM) X(KW_A_THEY) X(KW_A_DEPARTMENT) X(KW_A_PROVIDER) X(KW_A_COMPANY) \
    X(KW_A_INSURANCE) X(KW_A_RESTAURANT) X(KW_A_OFFICE) X(KW_A_BRANCH) X(KW_A_SUPPORT) X(KW_A_ADVICE) \
    X(KW_A_STATION) X(KW_A_WEBSITE) X(KW_TEAM) X(KW_BANK) X(KW_POLICE) X(KW_COURIER) X(KW_LANDLORD) \
    X(KW_COUNCIL) X(KW_INSURER) X(KW_DOCTOR) X(KW_GP) X(KW_SOLICITOR) X(KW_MANUFACTURER) X(KW_SELLER) \
    X(KW_AIRLINE) X(KW_HOSPITAL) X(KW_PHARMACY) X(KW_EMPLOYER) X(KW_BROKER) X(KW_AGENCY) X(KW_SUPPLIER) \
    X(KW_D_PLUMBER) X(KW_D_ELECTRICIAN) X(KW_D_SURGERY) X(KW_D_CREATOR) X(KW_D_RETAILER) X(KW_D_MERCHANT) \
    X(KW_D_CONTRACTOR) X(KW_D_PARTNER) X(KW_D_GARAGE) X(KW_D_VET) X(KW_D_HOTEL) X(KW_D_AIRPORT) X(KW_D_VENUE) X(KW_D_HOST)
KWSET(party, PARTY_WORDS)
/* the customer's role, named when the fault is put on them: "the homeowner should have", "owners don't" */
#define ROLE_WORDS(X) \
    X(KW_E_OWNER) X(KW_E_OWNERS) X(KW_E_HOMEOWNER) X(KW_E_CUSTOMER) X(KW_E_CUSTOMERS) X(KW_E_PATIENT) \
    X(KW_E_PATIENTS) X(KW_E_TENANT) X(KW_E_TENANTS) X(KW_E_STUDENT) X(KW_E_STUDENTS) X(KW_E_GUEST) \
    X(KW_E_GUESTS) X(KW_E_PASSENGER) X(KW_E_PASSENGERS) X(KW_E_BUYER) X(KW_E_BUYERS) X(KW_E_USER) \
    X(KW_E_USERS) X(KW_E_POLICYHOLDER) X(KW_E_PARENTS) X(KW_E_MEMBERS) X(KW_T_RESIDENTS) X(KW_T_RIDERS)
KWSET(role, ROLE_WORDS)
/* words that make a sentence advice to the customer: "please ensure", "perhaps allow", "we recommend" */
#define BIDDING_WORDS(X) \
    X(KW_PLEASE) X(KW_E_ENSURE) X(KW_E_PERHAPS) X(KW_E_MAKE) X(KW_E_REMEMBER) X(KW_N_TRY) X(KW_D_RECOMMEND) \
    X(KW_D_SUGGEST) X(KW_D_ADVISE) X(KW_A_ASK)
KWSET(bidding, BIDDING_WORDS)
#define SARCASTIC_OPENER_WORDS(X) \
    X(KW_A_GREAT) X(KW_A_SURE) X(KW_A_WELL) X(KW_A_WOW) X(KW_A_OH) X(KW_A_BRILLIANT) X(KW_A_FANTASTIC) \
    X(KW_A_WONDERFUL) X(KW_A_LOVELY)
KWSET(sarcastic_opener, SARCASTIC_OPENER_WORDS)

static bool negated_before(const ctext *t, uint32_t i, uint32_t t0)
{
    for (uint32_t d = 1; d <= 2 && i >= t0 + d; d++)
        if (t->tok[i - d].mod == COACH_MOD_NEGATOR) return true;
    return false;
}

/* a token naming someone other than us: a listed party, an email address, or a name in
 * capitals mid-sentence ("Ofgem", "Action Fraud") that the lexicon does not know */
static bool names_party(const ctext *t, const csent *s, uint32_t i)
{
    const ctok *k = &t->tok[i];
    if (party_has(k->h)) return true;
    if (memchr(t->s + k->start, '@', k->end - k->start)) return true;
    return i > s->t0 && (k->flags & TF_INITCAP) && !(k->flags & TF_CAPS) && k->word < 0 && k->kind == TK_WORD;
}

/* the words that start a test in own_empathy's walk (besides the name two after a "sorry") */
#define EMPATHY_CUES(X) SECOND_PERSON_WORDS(X) COPULA_WORDS(X) APOLOGY_WORDS(X) FEELING_WORDS(X) DENIED_GOOD_WORDS(X) \
    X(KW_A_LOSS) X(KW_A_ESPECIALLY) X(KW_LONG) X(KW_THING) X(KW_A_NEVER) X(KW_A_SHOULD) X(KW_A_KNOW) X(KW_A_REALISE) X(KW_A_REALIZE)
KWSET_WALK(empathy_cue, EMPATHY_CUES, KWW_EMPATHY_CUE)

/* empathy in the agent's own words: the span of the words that show it, or false */
static bool own_empathy(const ctext *t, const csent *s, coach_span *why)
{
    if (!(s->kw & KWW_BIT(EMPATHY_CUE))) return false; /* (the walk below finds no feeling) */
    bool you = false, judged = s->t1 > s->t0 && tok_ing(t, &t->tok[s->t0]);
    int64_t feel = -1, sorry = -1;
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (!empathy_cue_in(t->kwm[i]) && !(sorry >= 0 && i == (uint32_t)sorry + 2)) continue; /* no test below can pass */
        if (second_person_has(h)) {
            you = true;
            /* "sorry ... your wife", not "sorry for your inconvenience" */
            if (sorry >= 0 && h == KW_A_YOUR && i + 1 < s->t1 && !stock_noun_has(t->tok[i + 1].h)) { feel = sorry; break; }
            if (sorry >= 0 && h != KW_A_YOUR && i == (uint32_t)sorry + 1) { feel = sorry; break; } /* "sorry you were left" */
            continue;
        }
        if (copula_has(h)) { judged = true; continue; }
        if (apology_has_in(t->kwm[i], h)) {
            sorry = i;
            /* "I'm so sorry.", "I'm truly sorry": an apology felt, not a formula */
            uint64_t p = i > s->t0 ? t->tok[i - 1].h : 0;
            if (feel < 0 && felt_has(p)) feel = i;
            continue;
        }
        /* "I'm so sorry about Bella", "sorry for the loss of ..." */
        if (sorry >= 0 && i == (uint32_t)sorry + 2 && t->tok[i - 1].h == KW_A_ABOUT && (k->flags & TF_INITCAP) && k->word < 0) {
            feel = sorry;
            break;
        }
        if (h == KW_A_LOSS && sorry >= 0) { feel = sorry; break; }
        if (feel >= 0) continue;
        if (feeling_has(h) && !negated_before(t, i, s->t0)) feel = i;
        else if (denied_good_has(h) && negated_before(t, i, s->t0)) feel = i;
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
    if (!(apology_has(f->h) || you || judged)) return false;
    *why = (coach_span){f->start, f->end};
    return true;
}

/* the customer sent to another party: the verb's span, or false */
/* "directly" in a sentence that tells the customer to take it up elsewhere: a need, "best" or
 * "should" before it and no step of ours ("I'll contact them directly") */
static bool directly_to_them(const ctext *t, const csent *s, uint32_t i)
{
    bool bid = false;
    for (uint32_t j = s->t0; j < s->t1; j++) {
        uint64_t h = t->tok[j].h;
        if (h == KW_I || h == KW_WE || h == KW_N_IQLL || h == KW_N_WEQLL || h == KW_C_IVE || h == KW_C_WEVE) return false;
        if (j < i && (h == KW_A_NEED || h == KW_U_NEEDS || h == KW_BEST || h == KW_A_SHOULD || h == KW_A_MUST || h == KW_PLEASE ||
                      (h == KW_HAVE && j + 1 < s->t1 && t->tok[j + 1].h == KW_TO)))
            bid = true;
    }
    return bid;
}

/* the words that start a test in sends_away's walk (the advice words start one on the word after) */
#define SEND_CUES(X) GO_VERB_WORDS(X) GONE_VERB_WORDS(X) X(KW_A_DIRECTLY) X(KW_D_HANDLED) X(KW_D_MANAGED) X(KW_D_DEALT)
KWSET_WALK(send_cue, SEND_CUES, KWW_SEND_CUE)

static bool sends_away(const ctext *t, size_t si, coach_span *why)
{
    const csent *s = &t->sent[si];
    /* (no word of the walk's below, nor an advice word before one: its first test passes none) */
    if (!(s->kw & (KWW_BIT(SEND_CUE) | KWW_BIT(ADVISE))) && !advise_in(coach_kw_walk[0])) return false;
    bool bidden = t->tok[s->t0].h == KW_PLEASE; /* the sentence is an instruction: "Please run a test and contact ..." */
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t p1 = i > s->t0 ? t->tok[i - 1].h : 0;
        if (!send_cue_in(t->kwm[i]) && !advise_in(i > s->t0 ? t->kwm[i - 1] : coach_kw_walk[0])) continue; /* not told: no test below can pass */
        uint64_t p2 = i >= s->t0 + 2 ? t->tok[i - 2].h : 0, p3 = i >= s->t0 + 3 ? t->tok[i - 3].h : 0;
        bool told;
        if (go_verb_has(k->h))
            /* "Contact your provider.", "please contact", "you'll need to file", "you may wish to seek",
             * "you can reach them on", "the best thing is to contact", "we'd encourage you to reach out",
             * "Please update your profile and email the team" */
            told = (i == s->t0 && to_someone_has(k->h)) || p1 == KW_PLEASE ||
                   (p1 == KW_TO && (p2 == KW_A_NEED || p2 == KW_HAVE || p2 == KW_A_WISH || p2 == KW_A_WANT || p2 == KW_IS || p2 == KW_BE ||
                                    (p2 == KW_YOU && advise_has(p3)))) ||
                   ((p1 == KW_A_SHOULD || p1 == KW_A_MUST || modal_has(p1)) && p2 == KW_YOU) || (p1 == KW_AND && bidden);
        else if (gone_verb_has(k->h)) /* "should be directed to", "can be reached on", "are best raised with them" */
            told = (p1 == KW_BE && modal_has(p2)) || p1 == KW_BEST;
        else if (k->h == KW_A_DIRECTLY) /* "needs to be taken up with the dealer directly", "will need to come from them directly" */
            told = directly_to_them(t, s, i);
        else if (k->h == KW_D_HANDLED || k->h == KW_D_MANAGED || k->h == KW_D_DEALT) /* "Refunds are handled by the hotel." */
            told = i + 1 < s->t1 && (t->tok[i + 1].h == KW_A_BY || (i + 2 < s->t1 && t->tok[i + 2].h == KW_A_BY));
        else /* "I'd recommend contacting the seller", "I'd suggest calling the surgery" */
            told = advise_has(p1) && tok_ing(t, k);
        bidden |= told;
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

/* every test in puts_fault's walk starts from a negator or one of these words */
#define FAULT_CUES(X) X(KW_A_FAULT) X(KW_B_RESPONSIBILITY) X(KW_A_BY) X(KW_YOU) X(KW_TO) X(KW_W_FAILED) X(KW_A_SHOULD) \
    X(KW_A_THEM) X(KW_E_THEIR)
KWSET_WALK(fault_cue, FAULT_CUES, KWW_FAULT_CUE)

/* the fault put on someone else: "the restaurant's fault", "the seller's responsibility", "caused by your bank" */
static bool puts_fault(const ctext *t, const csent *s, coach_span *why)
{
    if (!(s->kw & (KWW_BIT(FAULT_CUE) | KWW_BIT(NEGATOR)))) return false; /* (its walk passes over every token) */
    for (uint32_t i = s->t0 + 1; i < s->t1; i++) {
        const ctok *k = &t->tok[i], *p = &t->tok[i - 1];
        if (k->mod != COACH_MOD_NEGATOR && !fault_cue_in(t->kwm[i])) continue;
        /* "the restaurant's fault", "the homeowner's responsibility" */
        if (k->h == KW_A_FAULT || k->h == KW_B_RESPONSIBILITY) {
            size_t n = p->end - p->start;
            bool possessive = n > 2 && (!memcmp(t->s + p->end - 2, "'s", 2) || (n > 4 && !memcmp(t->s + p->end - 4, "\xE2\x80\x99s", 4)));
            bool ours = i >= s->t0 + 2 && (t->tok[i - 2].h == KW_A_OUR || t->tok[i - 2].h == KW_MY); /* "our system's fault" */
            if (possessive && !ours && p->h != KW_A_THATQS && p->h != KW_A_ITQS && p->h != KW_THERE) {
                *why = (coach_span){p->start, k->end};
                return true;
            }
        }
        /* "caused by your bank", "caused by Apple's update", "caused by the subcontracted haulier" */
        if (k->h == KW_A_BY && p->h == KW_A_CAUSED && i + 1 < s->t1) {
            const ctok *n = &t->tok[i + 1];
            if (n->h == KW_A_YOUR || party_has(n->h) || names_party(t, s, i + 1)) { *why = (coach_span){p->start, n->end}; return true; }
            for (uint32_t j = i + 2; n->h == KW_THE && j < s->t1 && j <= i + 4; j++)
                if (party_has(t->tok[j].h)) { *why = (coach_span){p->start, t->tok[j].end}; return true; }
        }
        /* "it is your responsibility to ask" (not "that's not your responsibility") */
        if (k->h == KW_B_RESPONSIBILITY && p->h == KW_A_YOUR && !negated_before(t, i - 1, s->t0)) {
            *why = (coach_span){p->start, k->end};
            return true;
        }
        /* "If you had cancelled earlier this wouldn't be an issue": what they should have done */
        if (k->h == KW_YOU && p->h == KW_IF && i + 2 < s->t1 && t->tok[i + 1].h == KW_P_HAD && tok_ed(t, &t->tok[i + 2])) {
            *why = (coach_span){p->start, t->tok[i + 2].end};
            return true;
        }
        /* "any delay will be down to your bank" */
        if (k->h == KW_TO && p->h == KW_H_DOWN && i + 1 < s->t1 && (t->tok[i + 1].h == KW_A_YOUR || names_party(t, s, i + 1))) {
            *why = (coach_span){p->start, t->tok[i + 1].end};
            return true;
        }
        /* "the homeowner should have had it checked", "when owners don't keep them calm",
         * "residents should ensure bins are taken in" */
        uint64_t n1 = i + 1 < s->t1 ? t->tok[i + 1].h : 0;
        if (role_has(p->h) && (k->mod == COACH_MOD_NEGATOR || k->h == KW_W_FAILED ||
                               (k->h == KW_A_SHOULD && (n1 == KW_HAVE || n1 == KW_E_ENSURE || n1 == KW_E_REMEMBER || n1 == KW_E_MAKE)))) {
            *why = (coach_span){p->start, k->end};
            return true;
        }
        /* "it's really on them", "that's on them", "the problem is on their side" */
        if (p->h == KW_ON && (k->h == KW_A_THEM || (k->h == KW_E_THEIR && i + 1 < s->t1 &&
                                                     (t->tok[i + 1].h == KW_E_SIDE || t->tok[i + 1].h == KW_END)))) {
            for (uint32_t j = i - 1; j > s->t0 && j + 3 >= i; j--)
                if (copula_has(t->tok[j - 1].h)) { *why = (coach_span){p->start, t->tok[i + (k->h != KW_A_THEM)].end}; return true; }
        }
    }
    return false;
}

/* we, us or our in tokens [a, b): the cause told is ours ("caused by an error in our system") */
static bool ours_in(const ctext *t, uint32_t a, uint32_t b)
{
    for (uint32_t j = a; j < b; j++) {
        uint64_t h = t->tok[j].h;
        if (h == KW_WE || h == KW_A_US || h == KW_A_OUR || h == KW_I || h == KW_MY || h == KW_C_WEVE || h == KW_N_WEQLL) return true;
    }
    return false;
}

/* In a reply to a complaint, the failure explained away as the customer's doing or someone
 * else's: "Buffering is usually caused by a slow home connection", "This usually happens when
 * the phone has been dropped", "The address you entered was missing the number, which is why
 * ...", "This is probably a Sony issue", "most likely your client's spam filter". A cause that
 * is ours ("caused by a fault in our system") is an explanation, not blame. */
static bool explains_away(const ctext *t, const csent *s, coach_span *why)
{
    for (uint32_t i = s->t0 + 1; i < s->t1; i++) {
        const ctok *k = &t->tok[i], *p = &t->tok[i - 1];
        uint32_t end = i + 7 < s->t1 ? i + 7 : s->t1;
        bool hit = false;
        if (k->h == KW_A_BY && p->h == KW_A_CAUSED) hit = !negated_before(t, i - 1, s->t0) && !ours_in(t, i + 1, end);
        /* "usually due to the instructions not being followed" */
        else if (k->h == KW_TO && p->h == KW_DUE && i >= s->t0 + 2 &&
                 (t->tok[i - 2].h == KW_T_USUALLY || t->tok[i - 2].h == KW_T_OFTEN || t->tok[i - 2].h == KW_T_TYPICALLY ||
                  t->tok[i - 2].h == KW_T_PROBABLY || t->tok[i - 2].h == KW_T_LIKELY))
            hit = !ours_in(t, i + 1, end);
        else if ((k->h == KW_WHEN || k->h == KW_IF) && (p->h == KW_T_HAPPENS || p->h == KW_T_HAPPEN || p->h == KW_T_OCCUR || p->h == KW_T_OCCURS))
            hit = !ours_in(t, i + 1, s->t1);
        else if (k->h == KW_WHY && (p->h == KW_IS || p->h == KW_A_THATQS)) {
            /* what the customer did: "the address you entered ..., which is why" (not "your account had") */
            for (uint32_t j = s->t0; j + 2 < i && !hit; j++) hit = t->tok[j].h == KW_YOU && tok_ed(t, &t->tok[j + 1]);
        } else if (p->h == KW_T_PROBABLY || p->h == KW_T_LIKELY) {
            for (uint32_t j = i; j < s->t1 && j <= i + 2 && !hit; j++) hit = t->tok[j].h == KW_A_YOUR || names_party(t, s, j);
        }
        if (hit) {
            *why = (coach_span){p->start, k->end};
            return true;
        }
    }
    return false;
}

/* advice for next time, which says the customer got it wrong this time: "Please ensure readings
 * are submitted correctly in future.", "Perhaps allow more time for traffic next time." A
 * sentence that tells them what to do ("Next time you launch the game, choose ...") is not one. */
#define LATER_WORDS(X) X(KW_E_FUTURE) X(KW_TIME)
KWSET_WALK(later_word, LATER_WORDS, KWW_LATER_WORD)
static bool advises_next_time(const ctext *t, const csent *s, coach_span *why)
{
    if (!(s->kw & KWW_BIT(LATER_WORD))) return false; /* (no "future" nor "time") */
    int64_t later = -1;
    for (uint32_t i = s->t0 + 1; i < s->t1 && later < 0; i++) {
        uint64_t h = t->tok[i].h, p = t->tok[i - 1].h;
        if (!later_word_in(t->kwm[i])) continue;
        if ((h == KW_E_FUTURE && (p == KW_IN || p == KW_THE)) || (h == KW_TIME && p == KW_NEXT && i + 1 == s->t1)) later = i;
    }
    if (later < 0) return false;
    bool bid = false;
    for (uint32_t i = s->t0; i < (uint32_t)later; i++) { /* the advice before "in future", and who gives it */
        uint64_t h = t->tok[i].h;
        if (bidding_has(h)) { bid = true; continue; }
        if (h == KW_I || h == KW_WE || h == KW_C_IVE || h == KW_C_WEVE || h == KW_N_IQLL || h == KW_N_WEQLL)
            if (!(i + 1 < s->t1 && (bidding_has(t->tok[i + 1].h) || /* "we would ask that ..." */
                                    (t->tok[i + 1].h == KW_N_WOULD && i + 2 < s->t1 && bidding_has(t->tok[i + 2].h)))))
                return false; /* "we'll remind you next time" */
    }
    if (!bid) return false;
    *why = (coach_span){t->tok[later - 1].start, t->tok[later].end};
    return true;
}

/* a clause break before token i: ", but", "; however", "— but" */
static bool after_break(const ctext *t, uint32_t i)
{
    uint32_t b = t->tok[i].start;
    while (b > 0 && t->s[b - 1] == ' ') b--;
    if (b == 0) return false;
    unsigned char c = (unsigned char)t->s[b - 1];
    return c == ',' || c == ';' || c == '-' || (c == 0x94 || c == 0x93); /* the last byte of an em or en dash */
}

/* what follows "but" is the agent doing something: "but I've refunded it", "but we can send a new one" */
static bool ours_follows(const ctext *t, const csent *s, uint32_t i)
{
    if (i >= s->t1) return true;
    uint64_t h = t->tok[i].h, n = i + 1 < s->t1 ? t->tok[i + 1].h : 0;
    return h == KW_C_IVE || h == KW_C_WEVE || h == KW_N_IQLL || h == KW_N_WEQLL || h == KW_W_LET ||
           ((h == KW_I || h == KW_WE) && (n == KW_N_WILL || n == KW_HAVE || n == KW_CAN || n == KW_D_COULD));
}

/* "Sorry for any inconvenience, but our policy clearly states ...", "We're sorry you were
 * unhappy. However, gate agents measure bags carefully": the apology taken back by the turn */
static bool takes_back(const ctext *t, size_t si, coach_span *why)
{
    const csent *s = &t->sent[si];
    int64_t sorry = -1;
    if (si > 0 && t->tok[s->t0].h == KW_P_HOWEVER && !ours_follows(t, s, s->t0 + 1)) {
        const csent *prev = &t->sent[si - 1];
        for (uint32_t i = prev->t0; i < prev->t1; i++)
            if (apology_has_in(t->kwm[i], t->tok[i].h)) { *why = (coach_span){t->tok[i].start, t->tok[s->t0].end}; return true; }
    }
    if (!(s->kw & KWW_BIT(APOLOGY))) return false; /* (no apology to take back in it) */
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        if (apology_has_in(t->kwm[i], k->h)) { if (sorry < 0) sorry = i; continue; }
        if (sorry >= 0 && (k->h == KW_BUT || k->h == KW_P_HOWEVER) && after_break(t, i) && !ours_follows(t, s, i + 1)) {
            *why = (coach_span){t->tok[sorry].start, k->end};
            return true;
        }
    }
    return false;
}

/* An apology that a reply's blame or buck-passing elsewhere takes back, as "sorry, but" does in
 * one sentence: "Sorry to hear that. You should have put a parental bar on the line." Kept when
 * it is felt ("I'm so sorry", "really sorry") or owns the fault ("our mistake", "our fault"); for
 * buck-passing, only the hollow forms go ("sorry to hear ...", "sorry you're unhappy", "sorry for
 * any ..."), not "I'm sorry for the delay". */
static bool apology_taken_back(const ctext *t, const csent *s, bool blamed, bool deflected)
{
    if (!(s->kw & KWW_BIT(APOLOGY))) return false; /* (the walk below finds none) */
    int64_t a = -1;
    for (uint32_t i = s->t0; i < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        if (felt_has(h) || h == KW_A_FAULT || h == KW_H_MISTAKE) return false;
        if (a < 0 && apology_has_in(t->kwm[i], h)) a = i;
    }
    if (a < 0 || !(blamed || deflected)) return false;
    if (blamed) return true;
    /* passing the buck: only "sorry to hear ...", "sorry you ...", "sorry for any ...", or a bare "Sorry." */
    uint64_t n = (uint32_t)a + 1 < s->t1 ? t->tok[a + 1].h : 0, n2 = (uint32_t)a + 2 < s->t1 ? t->tok[a + 2].h : 0;
    return !n || (n == KW_TO && n2 == KW_H_HEAR) || second_person_has(n) || (n == KW_Q_FOR && n2 == KW_Q_ANY);
}

/* I or we, have, then a past participle: "I have placed", "we have now refunded", "I've also emailed" */
#define WE_WORDS(X) X(KW_I) X(KW_WE) X(KW_C_IVE) X(KW_C_WEVE)
KWSET_WALK(we_word, WE_WORDS, KWW_WE_WORD)

static bool step_taken(const ctext *t, const csent *s)
{
    if (!(s->kw & KWW_BIT(WE_WORD))) return false; /* (the walk below passes over every token) */
    for (uint32_t i = s->t0; i + 1 < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        if (!we_word_has_in(t->kwm[i], h)) continue;
        uint32_t j;
        if ((h == KW_I || h == KW_WE) && t->tok[i + 1].h == KW_HAVE) j = i + 2;
        else if (h == KW_C_IVE || h == KW_C_WEVE) j = i + 1;
        else continue;
        while (j < s->t1 && (t->tok[j].h == KW_N_NOW || t->tok[j].h == KW_ALSO || t->tok[j].h == KW_A_JUST || t->tok[j].h == KW_C_ALREADY))
            j++;
        if (j >= s->t1) continue;
        const ctok *v = &t->tok[j];
        /* "-ed" of five letters or more ("placed", "emailed"), or the irregular steps "sent" and "made" */
        if (tok_ed(t, v) || v->h == KW_W_SENT || v->h == KW_W_MADE)
            return v->h != KW_W_RECEIVED && v->h != KW_H_EXPERIENCED; /* "we have received your email", "we have experienced high demand" */
    }
    return false;
}

/* "Sure, 40GB just magically appeared.", "Great, another person who can't wait": a bright
 * opener and then a jab (a denial, "another", "just", an "if you'd...") */
static bool sarcastic(const ctext *t, const csent *s, coach_span *why)
{
    if (s->t1 - s->t0 < 4 || !sarcastic_opener_has(t->tok[s->t0].h)) return false;
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
        /* an apology or a feeling in the first person ("I'm sorry", "I understand") takes no step */
        acts = m->layer == L_JUDGE && m->p->kind == COACH_KIND_STRENGTH &&
               (m->p->code == COACH_STRENGTH_OWNERSHIP ||
                ((m->p->pflags & COACH_P_FIRST_PERSON) && m->p->code != COACH_STRENGTH_APOLOGY && m->p->code != COACH_STRENGTH_EMPATHY &&
                 m->p->code != COACH_STRENGTH_GRATITUDE));
    }
    /* a complaint, or a customer let down in other words ("stick drift after 3 months. I barely use it.") */
    coach_emotion ce = r->customer.emotion;
    bool complained = r->has_customer && (r->customer.complaint || ce == COACH_EMO_ANGRY || ce == COACH_EMO_FRUSTRATED || ce == COACH_EMO_SAD);
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        coach_span w;
        if (!acts && sends_away(t, si, &w))
            coach_act_flag(r, COACH_FLAG_DEFLECTION, w.start, s->end, t->s + w.start, w.end - w.start, NULL);
        if (puts_fault(t, s, &w)) coach_act_flag(r, COACH_FLAG_BLAME, w.start, w.end, t->s + w.start, w.end - w.start, NULL);
        else if (advises_next_time(t, s, &w))
            coach_act_flag(r, COACH_FLAG_BLAME, w.start, w.end, t->s + w.start, w.end - w.start,
                           " (blame rule: advice for next time says the customer got it wrong this time)");
        else if (complained && explains_away(t, s, &w))
            coach_act_flag(r, COACH_FLAG_BLAME, w.start, w.end, t->s + w.start, w.end - w.start,
                           " (blame rule: the complaint's cause is put on the customer or someone else)");
        if (takes_back(t, si, &w))
            coach_act_flag(r, COACH_FLAG_BLAME, w.start, w.end, t->s + w.start, w.end - w.start,
                           " (blame rule: \"sorry, but\" takes the apology back and turns to whose fault it is)");
        if (sarcastic(t, s, &w)) coach_act_flag(r, COACH_FLAG_DISMISSIVE, w.start, w.end, t->s + w.start, w.end - w.start, NULL);
    }
    /* contradictions: recount the strengths that a flag in the same sentence takes back */
    const unsigned own = 1u << COACH_STRENGTH_OWNERSHIP, sorry = 1u << COACH_STRENGTH_APOLOGY,
                   feel = 1u << COACH_STRENGTH_EMPATHY;
    const unsigned deflect = 1u << COACH_FLAG_DEFLECTION, spoil = (1u << COACH_FLAG_BLAME) | (1u << COACH_FLAG_DISMISSIVE);
    unsigned kept = 0;
    bool blamed = false, deflected = false;
    for (size_t i = 0; i < rr->nflags; i++) {
        blamed |= rr->flags[i].code == COACH_FLAG_BLAME;
        deflected |= rr->flags[i].code == COACH_FLAG_DEFLECTION;
    }
    for (size_t i = 0; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->layer != L_JUDGE || m->p->kind != COACH_KIND_STRENGTH) continue;
        const csent *s = &t->sent[t->tok[m->t0].sent];
        unsigned gives = 1u << m->p->code;
        /* "I've refunded" owns a step; "I'm sorry", "I understand", "I appreciate" own nothing */
        if ((m->p->pflags & COACH_P_FIRST_PERSON) && m->p->code != COACH_STRENGTH_APOLOGY && m->p->code != COACH_STRENGTH_EMPATHY &&
            m->p->code != COACH_STRENGTH_GRATITUDE)
            gives |= own;
        if (m->p->pflags & COACH_P_SORRY) gives |= sorry;
        /* "Sorry, it's not my department": neither owned nor a real apology */
        if ((gives & (own | sorry)) && sentence_has(r, s, deflect)) gives &= ~(own | sorry);
        if ((gives & (sorry | feel)) && sentence_has(r, s, spoil)) gives &= ~(sorry | feel);
        if ((gives & sorry) && apology_taken_back(t, s, blamed, deflected)) gives &= ~sorry;
        kept |= gives;
    }
    rr->strengths = (rr->strengths & ~(own | sorry | feel)) | (kept & (own | sorry | feel));
    /* a step taken in the agent's own words: "I have placed a replacement order", "I have now
     * checked it myself", "we've reissued" (a sentence no flag takes back) */
    if (!(rr->strengths & own))
        for (size_t si = 0; si < t->nsent; si++)
            if (step_taken(t, &t->sent[si]) && !sentence_has(r, &t->sent[si], deflect | spoil)) {
                rr->strengths |= own;
                break;
            }
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
