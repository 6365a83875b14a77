/* coach_questions: which sentences of the customer's message ask something,
 * and whether a reply answers each one.
 * A question is a sentence ending in '?' (unless it is rhetorical: "Are you
 * kidding me?"), an indirect request ("I'd like to know whether...", "please
 * advise"), or an unpunctuated sentence that opens like a question.
 * A question counts as answered when the reply shares enough of its content
 * words, or shares one and has the kind of answer the question asks for
 * (a time for "when", an amount for "how much", a reason for "why"). Words
 * meet through their stems and synonyms ("refund" / "reimbursed" / "money
 * back": data/coach/synonyms.tsv, the spelling pairs, an organisation's own). */
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"

/* first: the index of the first phrase hit at or after token t0 */
static const cmatch *match_at(const ctext *t, size_t first, uint32_t t0, uint32_t t1, int layer, int code, bool at_start)
{
    for (size_t i = first; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
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

/* a plea: "please", "kindly", a chat's "pls" */
#define PLEA_WORDS(X) X(KW_PLEASE) X(KW_KINDLY) X(KW_R5_PLS) X(KW_R5_PLZ)
KWSET_WALK(plea, PLEA_WORDS, KWW_PLEA)
/* (most words are none: one bit test says so) */
static inline bool pleads(uint64_t h) { return plea_has(h); }

/* a statement with a question mark: it opens like a statement ("I read the US needs 6 months
 * validity?", "I got an email saying it's been dispatched??") and asks with no question word */
static bool declared(const ctext *t, const csent *s)
{
    const ctok *a = &t->tok[s->t0], *z = &t->tok[s->t1 - 1];
    /* "Renewal reminder says £150 but I paid £95 last year??": disbelief, however it opens */
    const bool double_mark = s->end >= 2 && t->s[s->end - 2] == '?';
    bool twice = double_mark;
    for (uint32_t i = s->t0; twice && i < s->t1 && i < s->t0 + 3; i++)
        twice = !tok_has(&t->tok[i], COACH_W_AUX) && !pleads(t->tok[i].h); /* not "hiya do you do salsa??", "Please can someone ...???" */
    if (!(tok_has(a, COACH_W_PRONOUN) || a->h == KW_MY || a->h == KW_THE || twice) || s->t1 - s->t0 < 5)
        return false;
    /* "I don't understand, is not already paid?", "I dont understand - the price is per hour?":
     * what puzzles the customer, asked after the puzzlement, is a question of its own (the blind
     * writers count all five such before another question) */
    for (uint32_t u = s->t0 + 2; u < s->t0 + 4 && u + 2 < s->t1; u++)
        if (t->tok[u].h == KW_Q_UNDERSTAND && t->tok[u - 1].mod == COACH_MOD_NEGATOR) {
            uint32_t e = t->tok[u].end;
            while (e < s->end && t->s[e] == ' ') e++;
            bool dash = e + 2 < s->end && !memcmp(t->s + e, "\xE2\x80", 2) && ((unsigned char)t->s[e + 2] == 0x93 || (unsigned char)t->s[e + 2] == 0x94);
            if (e < s->end && (t->s[e] == ',' || t->s[e] == '-' || t->s[e] == ':' || dash)) return false; /* (an en or em dash) */
        }
    /* a tag ("I am still a patient, no?") or a question in a learner's word order ("It is
     * possible to have an interpreter?") asks */
    if (z->h == KW_NO || z->h == KW_YES || z->h == KW_A_RIGHT || z->h == KW_OK || z->h == KW_Q_CORRECT) return false;
    /* asked once, not "??" in disbelief: a learner's yes/no in a statement's order ("I can still
     * print them?", "I must change the lock?", "You have payment in installments?", "... or not?") */
    if (s->end >= 2 && !double_mark) {
        if (z->h == KW_NOT && s->t1 - s->t0 >= 3 && t->tok[s->t1 - 2].h == KW_OR) return false;
        /* "The puncture is included in the service or I must pay?": the other choice put as a
         * learner's yes/no */
        for (uint32_t o = s->t0 + 2; o + 2 < s->t1; o++) {
            if (t->tok[o].h != KW_OR) continue;
            uint64_t who = t->tok[o + 1].h, v = t->tok[o + 2].h;
            if ((who == KW_I || who == KW_WE || who == KW_YOU) &&
                (v == KW_CAN || v == KW_A_MUST || v == KW_A_SHOULD || v == KW_V_NEED || v == KW_HAVE))
                return false;
        }
        uint32_t v = s->t0 + 1;
        while (v + 1 < s->t1 && v < s->t0 + 3 && (t->tok[v].h == KW_W_STILL || t->tok[v].h == KW_ALSO || t->tok[v].h == KW_H_REALLY)) v++;
        const ctok *m = &t->tok[v], *after = &t->tok[v + 1];
        bool subject = a->h == KW_I || a->h == KW_WE || a->h == KW_YOU || a->h == KW_Y_IT || a->h == KW_A_THEY;
        if (subject && (m->h == KW_CAN || m->h == KW_A_MUST || m->h == KW_A_SHOULD || m->h == KW_V_NEED) &&
            m->mod != COACH_MOD_NEGATOR && after->h != KW_NOT && after->mod != COACH_MOD_NEGATOR)
            return false;
        /* "It is normal after service?", "It is covered by the warranty?": asked, even with a
         * question after it (the blind writers count all four such in 83 batches) */
        if (a->h == KW_Y_IT && v == s->t0 + 1 && m->h == KW_IS && after->mod != COACH_MOD_NEGATOR) return false;
        if (a->h == KW_YOU &&
            (m->h == KW_HAVE || m->h == KW_DO || (!tok_has(m, COACH_W_AUX) && !tok_ed(t, m) && m->mod != COACH_MOD_NEGATOR)) &&
            !tok_ed(t, after) && after->mod != COACH_MOD_NEGATOR)
            return false;
    }
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        if (tok_has(k, COACH_W_QWORD) || k->h == KW_IF || k->h == KW_WHETHER || k->h == KW_POSSIBLE) return false;
        /* "I picked a stripe, does that count as a pattern?", "It says 40 ppm - is that bad?": the
         * question after the comma or the dash */
        if (i > s->t0 && i + 1 < s->t1 && k->start >= 2 && (t->s[k->start - 2] == ',' || t->s[k->start - 2] == '-') &&
            tok_has(k, COACH_W_AUX) &&
            (tok_has(&t->tok[i + 1], COACH_W_PRONOUN) || t->tok[i + 1].h == KW_THAT || t->tok[i + 1].h == KW_THIS))
            return false;
    }
    return true;
}

/* a cue of not knowing ("I'm not sure if", "no idea how", "I don't understand"): it says the
 * customer is lost, and asks only where nothing else in the message does; so does a check in
 * passing ("Just want to make sure we're still booked in!", not after "When's it due?") */
static bool not_knowing(const ctext *t, const cmatch *m, const csent *s)
{
    if (t->tok[m->t0].h == KW_A_JUST) return true;
    /* "I need to know before I book.", "Please I need to know.": what is to be known was asked
     * before; the plea to be told asks nothing new */
    if (t->tok[m->t1 - 1].h == KW_Q_KNOW &&
        (m->t1 == s->t1 || t->tok[m->t1].h == KW_BEFORE || t->tok[m->t1].h == KW_BECAUSE || pleads(t->tok[m->t1].h) ||
         t->tok[m->t1].h == KW_TODAY || t->tok[m->t1].h == KW_R5_ASAP))
        return true;
    /* ("I need to know quickly because ...", "I need to know now so I can go to the shop", "I need
     * to know this before I order again": how soon, or "this", then why) */
    if (t->tok[m->t1 - 1].h == KW_Q_KNOW && m->t1 + 1 < s->t1) {
        uint64_t a = t->tok[m->t1].h, b = t->tok[m->t1 + 1].h;
        if ((a == KW_R7_QUICKLY || a == KW_N_NOW || a == KW_U_NOW || a == KW_THIS || a == KW_THAT || a == KW_Y_SOON || a == KW_R4_URGENTLY) &&
            (b == KW_BEFORE || b == KW_BECAUSE || b == KW_SO || pleads(b) || m->t1 + 2 == s->t1))
            return true;
    }
    /* "I need to know whether to ring my bank": the customer's own choice, not a question of its
     * own beside the ones it hangs on (4 of 4 in 01-142) */
    if (t->tok[m->t1 - 1].h == KW_Q_KNOW && m->t1 + 2 < s->t1 && (t->tok[m->t1].h == KW_WHETHER || t->tok[m->t1].h == KW_IF) &&
        t->tok[m->t1 + 1].h == KW_TO)
        return true;
    for (uint32_t i = m->t0; i < m->t1; i++)
        if (t->tok[i].mod == COACH_MOD_NEGATOR || t->tok[i].h == KW_NO || t->tok[i].h == KW_Q_UNSURE) return true;
    return false;
}

/* the customer speaks in the first person in tokens [a, b): "I", "we", "I'd", "I'm" */
static bool said_by_me(const ctext *t, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b; i++) {
        uint64_t h = t->tok[i].h;
        if (h == KW_I || h == KW_WE || h == KW_C_ID || h == KW_C_IM || h == KW_C_WERE || h == KW_R4_WED) return true;
    }
    return false;
}

/* token f opens a request put to someone: "Can you", "Could someone", "Would anybody", "will u" */
static bool can_you(const ctext *t, uint32_t f, uint32_t end)
{
    if (f + 1 >= end) return false;
    uint64_t h = t->tok[f].h, who = t->tok[f + 1].h;
    return (h == KW_CAN || h == KW_D_COULD || h == KW_N_WOULD || h == KW_N_WILL) &&
           (who == KW_YOU || who == KW_V_U || who == KW_V_SOMEONE || who == KW_V_ANYONE || who == KW_V_SOMEBODY);
}

/* thanks given ahead for something to be done, from token i: "grateful if you could", "appreciate
 * it if someone would": the index of its "could"/"would"/"can", else 0 */
static uint32_t grateful_if(const ctext *t, uint32_t i, uint32_t end)
{
    uint64_t h = t->tok[i].h;
    if (h != KW_R4_GRATEFUL && h != KW_M_APPRECIATE && h != KW_R4_APPRECIATED) return 0;
    for (uint32_t j = i + 1; j < end && j <= i + 3; j++)
        if (t->tok[j].h == KW_IF) {
            for (uint32_t k = j + 1; k < end && k <= j + 4; k++)
                if (t->tok[k].h == KW_D_COULD || t->tok[k].h == KW_N_WOULD || t->tok[k].h == KW_CAN) return k;
            return 0;
        }
    return 0;
}

/* the word before "to know", "to ask": a want ("I'd like to know", "I wanted to ask", "I need to
 * confirm"), not another's ability ("I'd trusted your crew to know what they were doing") */
static bool wants_to(uint64_t h)
{
    return h == KW_V_LIKE || h == KW_A_WANT || h == KW_R6_WANTED || h == KW_V_NEED || h == KW_A_NEED || h == KW_A_WISH ||
           h == KW_S_LOVE || h == KW_R6_CURIOUS || h == KW_R6_INTERESTED; /* "I'd also be curious to know whether" */
}

/* a request for information in other words than the phrase table's: "I wanted to ask whether
 * there's a resit", "I will like to know if I can wait", "Please precise if you can", "Kindly
 * provide the POD" */
/* every test in asks_in_other_words' walk starts from one of these words (grateful_if's, pleads') */
#define OTHER_WORDS_CUES(X) X(KW_TO) X(KW_R4_GRATEFUL) X(KW_M_APPRECIATE) X(KW_R4_APPRECIATED) PLEA_WORDS(X)
KWSET_WALK(other_words_cue, OTHER_WORDS_CUES, KWW_OTHER_WORDS_CUE)

static bool asks_in_other_words(const ctext *t, const csent *s)
{
    if (!(s->kw & KWW_BIT(OTHER_WORDS_CUE))) return false; /* (the walk below passes over every token) */
    for (uint32_t i = s->t0; i + 1 < s->t1; i++) {
        uint64_t h = t->tok[i].h, n = t->tok[i + 1].h;
        if (!other_words_cue_in(t->kwm[i])) continue; /* no test below can pass */
        /* "I will like to know if", not "need to know if I have time" after the question itself,
         * nor "I need you to know how that went" (it is we who are to know) */
        if (h == KW_TO && i > s->t0 && said_by_me(t, s->t0, i) && wants_to(t->tok[i - 1].h) &&
            (n == KW_Q_KNOW || n == KW_A_ASK || n == KW_Q_CONFIRM || n == KW_A_CHECK || n == KW_Q_UNDERSTAND) &&
            wh_after(t, i + 2, s->t1))
            return true;
        /* "I would be grateful if you could send me a breakdown", "I'd appreciate it if someone
         * could have a quiet word": thanks given ahead for something to be done (not "... if you
         * would look into the following matter", which heads what it asks) */
        uint32_t could = grateful_if(t, i, s->t1);
        if (could && said_by_me(t, s->t0, i)) {
            for (uint32_t e = could + 1; e < s->t1; e++)
                if (t->tok[e].h == KW_R4_FOLLOWING) return false;
            return true;
        }
        /* "I would also appreciate a quote for the affidavit" (not "I'd appreciate a quick
         * answer": a plea to be answered asks nothing of its own) */
        if (h == KW_M_APPRECIATE && (n == KW_A || n == KW_AN || n == KW_Q_ANY) && said_by_me(t, s->t0, i)) {
            bool plea = false;
            for (uint32_t k = i + 2; k < i + 4 && k < s->t1 && !plea; k++)
                plea = t->tok[k].h == KW_R3_ANSWER || t->tok[k].h == KW_N_REPLY || t->tok[k].h == KW_R5_RESPONSE;
            if (!plea) return true;
        }
        if (!plea_has_in(t->kwm[i], h)) continue;
        if (n == KW_Q_PROVIDE || n == KW_Q_CONFIRM || n == KW_D_ADVISE || n == KW_Q_CLARIFY) return true;
        for (uint32_t j = i + 2; j < s->t1 && j <= i + 3; j++) /* "please precise if", "please check with them whether" */
            if (t->tok[j].h == KW_IF || t->tok[j].h == KW_WHETHER) return true;
    }
    return false;
}

/* token i marks a part of a list: "(a)", "(b)", "(1)", "2)" (the letter a-e or digit 1-9 alone,
 * with a ')' after it and a '(' or a space before): its place in the list (1 for "a" or "1"), else 0 */
static int list_marker(const ctext *t, uint32_t i)
{
    const ctok *k = &t->tok[i];
    if (k->end - k->start != 1 || k->end >= t->len || t->s[k->end] != ')') return 0;
    char before = k->start ? t->s[k->start - 1] : ' ';
    if (before != '(' && before != ' ' && before != '\n') return 0;
    char c = t->s[k->start];
    return c >= 'a' && c <= 'e' ? c - 'a' + 1 : c >= '1' && c <= '9' ? c - '0' : 0;
}

/* a word that says a list of what follows is wanted: "like", "need", "want", "require", "request" */
static inline bool list_want(uint64_t h)
{
    return h == KW_V_LIKE || h == KW_V_NEED || h == KW_A_NEED || h == KW_A_WANT || h == KW_U_REQUIRE || h == KW_D_REQUEST;
}

/* a sentence that lists what the customer wants ("I would like (a) confirmation ..., (b) an
 * explanation ...", "We need (1) ... and (2) ..."): two markers or more, in the first person */
static bool wants_a_list(const ctext *t, const csent *s)
{
    /* (a marker has a ')' after it: none in the sentence's bytes, or the one after them, is none) */
    size_t e = s->end < t->len ? s->end + 1 : t->len;
    if (s->end <= s->start || !memchr(t->s + s->start, ')', e - s->start)) return false;
    int marks = 0;
    for (uint32_t i = s->t0; i < s->t1; i++) marks += list_marker(t, i) > 0;
    if (marks < 2) return false; /* (most sentences: the wants are looked for only in a list) */
    bool want = false;
    for (uint32_t i = s->t0; i < s->t1; i++) want |= list_want(t->tok[i].h) || t->tok[i].h == KW_M_APPRECIATE;
    return want && said_by_me(t, s->t0, s->t1);
}

/* "I need two things from you: a copy of the fire risk assessment, and confirmation of whether
 * ...", "We want three things: ...": a want that announces its list before a colon. The first
 * token after the colon, else 0 (in 01-148 the writers count each part: 7 such sentences the
 * coach read short, 12 it read right) */
static uint32_t announced_list(const ctext *t, const csent *s)
{
    for (uint32_t i = s->t0 + 2; i + 1 < s->t1 && i < s->t0 + 16; i++) {
        uint64_t h = t->tok[i].h;
        if (h != KW_R6_THINGS && h != KW_R6_QUESTIONS) continue;
        uint64_t n = t->tok[i - 1].h; /* "two things", "a few things", "a couple of things", "3 things" */
        if (n != KW_TWO && n != KW_THREE && n != KW_FOUR && n != KW_FEW && n != KW_COUPLE && t->tok[i - 1].kind != TK_NUM &&
            t->tok[i - 2].h != KW_COUPLE)
            return 0;
        uint32_t c = i;
        if (c + 2 < s->t1 && t->tok[c + 1].h == KW_T_FROM && t->tok[c + 2].h == KW_YOU) c += 2; /* "... from you:" */
        const ctok *k = &t->tok[c];
        if (k->end >= t->len || t->s[k->end] != ':' || c + 2 >= s->t1) return 0;
        bool want = false;
        for (uint32_t j = s->t0; j < i; j++) want |= list_want(t->tok[j].h);
        return want && said_by_me(t, s->t0, i) ? c + 1 : 0;
    }
    return 0;
}

/* the line sentence s starts on opens with a bullet ("- ", "* ", "• ") or a marker ("1)", "b)") */
static bool bulleted(const ctext *t, const csent *s)
{
    uint32_t a = s->start;
    while (a > 0 && (t->s[a - 1] == ' ' || t->s[a - 1] == '\t')) a--;
    if (a == 0) return false;
    char c = t->s[a - 1];
    if (c == '-' || c == '*') return true;
    if (a >= 3 && (unsigned char)t->s[a - 3] == 0xE2 && (unsigned char)t->s[a - 2] == 0x80 && (unsigned char)t->s[a - 1] == 0xA2) return true;
    if (list_marker(t, s->t0) > 0) return true; /* "1) Do you ...": the marker is the sentence's first token */
    /* "1. Whether ...": a number and its '.' (the tokenizer keeps them in the sentence) */
    const ctok *k = &t->tok[s->t0];
    return k->kind == TK_NUM && k->end - k->start <= 2 && k->end < t->len && t->s[k->end] == '.' && s->t1 > s->t0 + 1;
}

/* a part of a list asked for above it: bulleted, or opening like a question without its
 * head ("whether ...", "if you have ...", "how much it costs", "and when ...") */
static bool list_item(const ctext *t, const csent *s)
{
    if (bulleted(t, s)) return true;
    uint32_t f = s->t0;
    if (f + 1 < s->t1 && t->tok[f].h == KW_AND) f++;
    const ctok *k = &t->tok[f];
    return k->h == KW_WHETHER || k->h == KW_IF || (tok_has(k, COACH_W_QWORD) && !tok_has(k, COACH_W_AUX));
}

/* the sentence's last word is followed by a colon (a line break closes a sentence at its last
 * token, so the colon is after s->end) */
static bool ends_in_colon(const ctext *t, const csent *s)
{
    if (s->t1 == s->t0) return false;
    uint32_t e = t->tok[s->t1 - 1].end;
    while (e < t->len && (t->s[e] == ' ' || t->s[e] == '\t')) e++;
    return e < t->len && t->s[e] == ':';
}

/* a request whose object is the list below it: "Please can you tell me:", "Could you let me know",
 * "Before we commit, could you please confirm" (it ends in a colon or with its verb) */
static bool list_head(const ctext *t, const csent *s)
{
    if (ends_in_colon(t, s)) return true;
    if (s->term == '?' || s->t1 == s->t0) return false;
    uint64_t h = t->tok[s->t1 - 1].h;
    return h == KW_Q_KNOW || h == KW_Q_CONFIRM || h == KW_A_ME || h == KW_A_US || h == KW_D_ADVISE;
}

/* a request whose object is after its colon: "We should be grateful if you would provide:",
 * "Please send us:" (the items below are what is asked for, named or not as questions) */
static bool asks_for_what_follows(const ctext *t, const csent *s)
{
    if (!ends_in_colon(t, s)) return false;
    bool verb = false, asked = false;
    for (uint32_t i = s->t0; i < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        verb |= h == KW_Q_PROVIDE || h == KW_Q_SEND || h == KW_Q_CONFIRM || h == KW_D_ADVISE || h == KW_Q_TELL || h == KW_Q_EXPLAIN;
        asked |= h == KW_YOU || plea_has_in(t->kwm[i], h);
    }
    return verb && asked;
}

/* the sentence asks to be told something, whatever follows: "Please can you tell me:" (its
 * question words are on the lines below it) */
static bool asks_to_be_told(const ctext *t, const csent *s, size_t first)
{
    return match_at(t, first, s->t0, s->t1, L_CUE, COACH_CUE_INDIRECT_WH, false) ||
           match_at(t, first, s->t0, s->t1, L_CUE, COACH_CUE_INDIRECT_Q, false);
}

enum { Q_NOT, Q_WEAK, Q_ASKS }; /* a weak question counts only in a message that asks nothing else */

/* what a customer tells us to do, or wants done ("Please cancel my subscription", "Fix it", "I
 * want this charge reversed", "I want the £34.99 refunded"): a request the reply must meet */
#define DEMAND_VERBS(X) X(KW_R2_CANCEL) X(KW_R2_REFUND) X(KW_R2_FIX) X(KW_R2_DELETE) X(KW_R2_REMOVE) X(KW_R2_REVERSE) \
    X(KW_R2_STOP) X(KW_R2_ARRANGE) X(KW_R2_REPLACE) X(KW_R2_CHANGE) X(KW_R2_MOVE) X(KW_R2_RESTORE) X(KW_R2_UNLOCK) \
    X(KW_R2_WAIVE) X(KW_R2_CREDIT) X(KW_R2_RESEND) X(KW_R2_SORT) X(KW_R2_REPAIR) X(KW_R2_COLLECT) X(KW_Q_SEND) \
    X(KW_Q_CONFIRM) X(KW_CLOSE) X(KW_N_RETURN) X(KW_N_RESET) X(KW_N_UPDATE) X(KW_M_HELP) X(KW_Q_EXPLAIN) X(KW_N_BOOK) \
    X(KW_A_EMAIL) X(KW_C_CALL) X(KW_A_RING) X(KW_R2_QUOTE) X(KW_R4_RESCHEDULE)
KWSET(demand_verb, DEMAND_VERBS)
#define DEMAND_OUTCOMES(X) X(KW_R2_REFUND) X(KW_W_REFUNDED) X(KW_R2_REVERSED) X(KW_R2_REMOVED) X(KW_W_CANCELLED) \
    X(KW_W_FIXED) X(KW_W_DELETED) X(KW_T_CLOSED) X(KW_R2_REPLACED) X(KW_R2_COMPENSATION) X(KW_H_BACK) X(KW_R2_WAIVED) \
    X(KW_W_SORTED) X(KW_W_RESOLVED)
KWSET(demand_outcome, DEMAND_OUTCOMES)
/* token i opens a first-person want: "I want", "I need", "I'd like", "I would (also) like", "I ask" */
static bool wants_at(const ctext *t, uint32_t i, uint32_t end)
{
    if (i + 2 > end || (t->tok[i].h != KW_I && t->tok[i].h != KW_C_ID && t->tok[i].h != KW_WE && t->tok[i].h != KW_R4_WED)) return false;
    uint32_t v = i + 1;
    if ((t->tok[v].h == KW_N_WOULD || t->tok[v].h == KW_A_SHOULD) && v + 1 < end) v++; /* "I should like to know" */
    if (t->tok[v].h == KW_ALSO && v + 1 < end) v++;
    uint64_t h = t->tok[v].h;
    return h == KW_A_WANT || h == KW_V_NEED || h == KW_A_ASK || h == KW_R2_EXPECT || (h == KW_V_LIKE && v > i + 1) ||
           (h == KW_V_LIKE && (t->tok[i].h == KW_C_ID || t->tok[i].h == KW_R4_WED));
}

/* what a customer wants to do with something of ours, as a request: "I want to buy ...", "we'd
 * like to order ...", "I want to transfer my plan" */
#define CUSTOM_VERBS(X) X(KW_R7_BUY) X(KW_R7_ORDER) X(KW_R7_TRANSFER) X(KW_R7_JOIN) X(KW_R7_UPGRADE) X(KW_R7_PAUSE) \
    X(KW_R7_SWAP) X(KW_R7_ADD) X(KW_R7_RESERVE) X(KW_R7_PURCHASE) X(KW_R7_REGISTER) X(KW_R7_ENROL) X(KW_N_SWITCH) X(KW_T_RECEIVE)
KWSET(custom_verb, CUSTOM_VERBS)

/* what a customer asks to be given ("I want an explanation and the money back", "I'd like the
 * shipping refunded and an apology", "... and my deposit back"): a thing named right after an
 * "and" is a second request */
#define ASKED_FOR_THINGS(X) X(KW_R3_APOLOGY) X(KW_R3_EXPLANATION) X(KW_R3_CONFIRMATION) X(KW_R2_COMPENSATION) \
    X(KW_R2_REFUND) X(KW_R3_ANSWER) X(KW_R3_REPLACEMENT) X(KW_R3_DISCOUNT) X(KW_R3_INVOICE) X(KW_R3_RECEIPT) \
    X(KW_R3_CALLBACK) X(KW_R3_BREAKDOWN) X(KW_T_MONEY) X(KW_R2_CREDIT)
KWSET(asked_for_thing, ASKED_FOR_THINGS)
/* what a customer asks to be done after a request's "and" ("Can you explain this charge and remove
 * it?", "Could you reprint them, and let me know whether ...") */
#define SECOND_ACTIONS(X) DEMAND_VERBS(X) X(KW_R3_GIVE) X(KW_R3_REPRINT) X(KW_E_MAKE) X(KW_W_LET) X(KW_R4_ASSURE) \
    X(KW_R4_SHARE) X(KW_T_INFORM) X(KW_Q_PROVIDE) X(KW_D_ADVISE)
KWSET(second_action, SECOND_ACTIONS)

/* "I want this charge reversed", "I want every cent back", "I'd like a refund", "I ask you to
 * refund", "I would like that you replace them", "I want a replacement, not excuses", "we'd like
 * to add a second cooler please", "I want someone to do something about her", "I need it swapped
 * ASAP", "We request a full refund": a want from token f that asks for something to be done
 * (pleaded: after a "please") */
static bool want_demand(const ctext *t, const csent *s, uint32_t f, bool pleaded)
{
    const ctok *a = &t->tok[f];
    bool we = a->h == KW_WE || a->h == KW_R4_WED;
    if ((a->h != KW_I && a->h != KW_C_ID && !we) || f + 1 >= s->t1) return false;
    uint32_t o = f + 2; /* after the want */
    /* "I'd also like a call from you today", "I just want my £64 back" */
    if ((t->tok[f + 1].h == KW_ALSO || t->tok[f + 1].h == KW_A_JUST || t->tok[f + 1].h == KW_H_REALLY) && f + 2 < s->t1) o++, f++;
    uint64_t v = t->tok[f + 1].h;
    if (v == KW_N_WOULD && f + 2 < s->t1 && t->tok[f + 2].h == KW_V_LIKE) o++;
    /* "I would also like an explanation of why nobody phoned" */
    else if (v == KW_N_WOULD && f + 3 < s->t1 && (t->tok[f + 2].h == KW_ALSO || t->tok[f + 2].h == KW_H_REALLY) &&
             t->tok[f + 3].h == KW_V_LIKE)
        o += 2;
    else if (!(v == KW_A_WANT || v == KW_V_NEED || v == KW_A_ASK || v == KW_R2_EXPECT || v == KW_D_REQUEST ||
               ((a->h == KW_C_ID || a->h == KW_R4_WED) && v == KW_V_LIKE)))
        return false;
    /* "... please" at the want's end: it asks */
    if (t->tok[s->t1 - 1].h == KW_PLEASE && s->t1 > o) return true;
    if (o + 1 < s->t1) {
        const ctok *w = &t->tok[o], *x = &t->tok[o + 1];
        /* "I want someone to ...", "I need you to ...": someone is to act */
        /* (not "I need you to know how that went": what the customer tells us) */
        if ((w->h == KW_V_SOMEONE || w->h == KW_V_SOMEBODY || w->h == KW_YOU) && x->h == KW_TO &&
            !(o + 2 < s->t1 && (t->tok[o + 2].h == KW_A_KNOW || t->tok[o + 2].h == KW_Q_KNOW || t->tok[o + 2].h == KW_Q_UNDERSTAND ||
                                (t->tok[o + 2].h == KW_BE && o + 3 < s->t1 && t->tok[o + 3].h == KW_R5_AWARE))))
            return true;
        /* "I need it swapped", "I want them collected": a thing to have done to it */
        /* ("I want them redone free and quick") */
        size_t xn = x->end - x->start;
        const char *xf = t->fold + x->start;
        bool done = x->kind == TK_WORD && (x->flags & TF_ASCII) &&
                    ((xn == 4 && !memcmp(xf, "done", 4)) || (xn == 6 && (!memcmp(xf, "redone", 6) || !memcmp(xf, "undone", 6))));
        if ((w->h == KW_Y_IT || w->h == KW_THIS || w->h == KW_THAT || w->h == KW_A_THEM) && (tok_ed(t, x) || done)) return true;
        /* "I'd like to speak to a manager", "I need to speak to someone urgently" */
        if (w->h == KW_TO && x->h == KW_A_SPEAK && o + 2 < s->t1) return true;
        /* "I want to book a trial lesson", "we'd like to order 60 tins", "I want to transfer my
         * plan": a want to buy, join or change something of ours is a request */
        if (w->h == KW_TO && o + 2 < s->t1 && custom_verb_has(x->h)) return true;
        /* "I want to see proof the drawing was legit" (not "I want to see my kids enjoy it") */
        if (w->h == KW_TO && v != KW_V_NEED && x->h == KW_H_SEE)
            for (uint32_t k = o + 2; k < o + 4 && k < s->t1; k++) {
                uint64_t n = t->tok[k].h;
                if (n == KW_R6_PROOF || n == KW_R6_EVIDENCE || n == KW_R6_MANAGER || n == KW_R6_FOOTAGE || n == KW_R6_COPY ||
                    n == KW_R3_RECEIPT || n == KW_A_REPORT)
                    return true;
            }
        /* "I want a formal complaint logged", "I expect a correction printed this week": a thing
         * and what is to be done to it (not "I want to know why it was cancelled") */
        if (w->h != KW_TO && w->kind == TK_WORD)
            for (uint32_t k = o + 1; k < o + 5 && k < s->t1; k++) {
                const ctok *e = &t->tok[k];
                if (e->kind != TK_WORD || e->h == KW_TO || tok_has(e, COACH_W_AUX) || e->h == KW_THAT) break;
                /* (and the participles without "-ed": "I want the tyre paid for", "a new pair made") */
                bool irregular = e->h == KW_R5_PAID || e->h == KW_W_MADE || e->h == KW_W_SENT || e->h == KW_W_GIVEN;
                if ((tok_ed(t, e) || irregular) && (k + 1 == s->t1 || !tok_has(&t->tok[k + 1], COACH_W_PRONOUN))) return true;
            }
        /* "We need a plumber out today", "I need it tomorrow morning at the latest": a need
         * with its time */
        if (v == KW_V_NEED && w->h != KW_TO)
            for (uint32_t k = o; k < s->t1; k++) {
                uint64_t h = t->tok[k].h;
                if (h == KW_TODAY || h == KW_TONIGHT || h == KW_TOMORROW || h == KW_R5_ASAP || h == KW_R4_URGENTLY ||
                    h == KW_T_LATEST || (h == KW_N_NOW && k + 1 == s->t1))
                    return true;
                /* ("I need replacements here by Wednesday, period.") */
                if ((h == KW_BY || h == KW_BEFORE) && k + 1 < s->t1 && coach_weekday(t->tok[k + 1].h) >= 0) return true;
                if (h == KW_BECAUSE || h == KW_IF || h == KW_Q_FOR || h == KW_TO) break;
            }
        /* "I need the correct one quickly please, because ...", "I need a replacement please, I've
         * only got two days left": a need pleaded for inside its sentence, before any reason */
        if (w->h != KW_TO)
            for (uint32_t k = o; k + 1 < s->t1; k++) {
                if (pleads(t->tok[k].h) && k > o) return true;
                if (t->tok[k].h == KW_BECAUSE || t->tok[k].h == KW_IF) break;
            }
    }
    /* a thing wanted is a demand ("I want a replacement"); a thing needed is often the story
     * before the request ("I need an invoice with VAT. Please send it to ..."), unless pleaded for
     * ("please I need the invoice with our VAT number") */
    for (uint32_t i = o; i < s->t1; i++)
        /* (not "he's always complaining about his back": a body's back, not money back) */
        if (t->tok[i].h == KW_H_BACK && i > 0 && (t->tok[i - 1].h == KW_T_HIS || t->tok[i - 1].h == KW_T_HER || t->tok[i - 1].h == KW_MY)) continue;
        else if (demand_outcome_has(t->tok[i].h) || demand_verb_has(t->tok[i].h) ||
            ((v != KW_V_NEED || pleaded) && asked_for_thing_has(t->tok[i].h)))
            return true;
    return false;
}

/* "I want it today", "I'd like it this week", "I need them by Friday at the latest": a want of "it"
 * and nothing but when (the thing was asked for before) */
static bool wants_it_by(const ctext *t, const csent *s)
{
    uint32_t f = s->t0;
    if (!wants_at(t, f, s->t1)) return false;
    uint32_t o = f + 1;
    while (o < s->t1 && (t->tok[o].h == KW_N_WOULD || t->tok[o].h == KW_V_LIKE || t->tok[o].h == KW_A_WANT || t->tok[o].h == KW_V_NEED ||
                         t->tok[o].h == KW_ALSO))
        o++;
    if (o + 1 >= s->t1 || !(t->tok[o].h == KW_Y_IT || t->tok[o].h == KW_A_THEM || t->tok[o].h == KW_THIS)) return false;
    for (uint32_t k = o + 1; k < s->t1; k++) {
        uint64_t h = t->tok[k].h;
        if (!tok_has(&t->tok[k], COACH_W_TIME) && t->tok[k].kind != TK_NUM && h != KW_BY && h != KW_BEFORE && h != KW_WITHIN &&
            h != KW_THIS && h != KW_NEXT && h != KW_THE && h != KW_AT && h != KW_OF && h != KW_END && h != KW_WEEK && h != KW_T_LATEST &&
            h != KW_TODAY && h != KW_TOMORROW && h != KW_PLEASE)
            return false;
    }
    return true;
}

/* "I would also like an approximate price for both signs.", "We'd also like a quote for moving
 * the contents.", "I'd also like to be reimbursed the $96.": a sentence that opens with a wish
 * "also" liked asks for one more thing, whatever it names (of 13 such sentences the blind writers
 * count 11; not "also need", often the story: "We would also need the vessel back by 18:00",
 * nor an "also like" later in a sentence: "..., and I'd also like to book your workshop") */
static bool also_wish(const ctext *t, const csent *s)
{
    uint32_t f = s->t0;
    if (f < s->t1 && (t->tok[f].h == KW_AND || t->tok[f].h == KW_SO)) f++;
    if (f + 3 >= s->t1) return false;
    uint64_t who = t->tok[f].h;
    if (who == KW_C_ID || who == KW_R4_WED) return t->tok[f + 1].h == KW_ALSO && t->tok[f + 2].h == KW_V_LIKE;
    return (who == KW_I || who == KW_WE) && t->tok[f + 1].h == KW_N_WOULD && t->tok[f + 2].h == KW_ALSO &&
           t->tok[f + 3].h == KW_V_LIKE && f + 4 < s->t1;
}

/* the words demands' last walk starts its tests from (pleads' and two more) */
#define DEMAND_WALK_CUES(X) PLEA_WORDS(X) X(KW_YOU) X(KW_AND)
KWSET_WALK(demand_walk_cue, DEMAND_WALK_CUES, KWW_DEMAND_WALK_CUE)

static bool demands(const ctext *t, const csent *s)
{
    uint32_t f = s->t0;
    while (f < s->t1 && (t->tok[f].kind == TK_EMOJI || t->tok[f].h == KW_HI || t->tok[f].h == KW_HELLO || t->tok[f].h == KW_SO))
        f++;
    /* "And I'd like confirmation that ...": a demand joined to the one before; "Either fix it
     * properly or ...": a choice given */
    if (f + 2 < s->t1 && (t->tok[f].h == KW_AND || t->tok[f].h == KW_ALSO) && t->tok[f].start < s->start + 5) f++;
    if (f + 2 < s->t1 && t->tok[f].h == KW_T_EITHER) f++;
    /* "Hiya, we'd like ...", "Good morning, please ...": a greeting or a name before a comma */
    for (uint32_t k = f; f == s->t0 && k < s->t0 + 2 && k + 2 < s->t1; k++)
        if (t->tok[k].end < t->len && t->s[t->tok[k].end] == ',') { f = k + 1; break; }
    /* "Please fix.", "Kindly assist.": a plea and its verb alone */
    if (f + 2 == s->t1 && pleads(t->tok[f].h) &&
        (demand_verb_has(t->tok[f + 1].h) || t->tok[f + 1].h == KW_R4_ASSIST))
        return true;
    /* "Refund. Now.": an order of one word */
    if (f + 1 == s->t1 && (s->term == '.' || s->term == '!') && demand_verb_has(t->tok[f].h) && t->tok[f].h != KW_M_HELP)
        return true;
    if (f + 1 >= s->t1) return false;
    const ctok *a = &t->tok[f];
    if (pleads(a->h)) a = &t->tok[++f];
    if (a->h == KW_A_JUST && f + 1 < s->t1) a = &t->tok[++f]; /* "Please just email me a copy" */
    /* "Please cancel my subscription", "fix it", "Please help me" (a lower-case chat line too) */
    if (demand_verb_has(a->h) && f + 1 < s->t1 && t->tok[f + 1].kind == TK_WORD) return true;
    /* "Please could you cancel it.", "Please pass on our thanks!", "Kindly share the copy": after a
     * plea, any verb is a request, but for what only tells ("Please find attached", "Please note
     * that", "Please see below", "Please be advised", "Please accept my apologies", "Please don't
     * hesitate") */
    if (f > s->t0 && pleads(t->tok[f - 1].h) && f + 1 < s->t1 && a->kind == TK_WORD) {
        uint64_t h = a->h;
        if (can_you(t, f, s->t1)) return true; /* "Please could you ...", "Please can somebody come today." */
        /* "Also please do the needful to update the billing address" */
        if (h == KW_DO && f + 2 < s->t1 && t->tok[f + 2].h == KW_R6_NEEDFUL) return true;
        if (!tok_has(a, COACH_W_AUX | COACH_W_PRONOUN | COACH_W_STOP) && a->mod != COACH_MOD_NEGATOR && h != KW_R3_FIND &&
            h != KW_R3_NOTE && h != KW_H_SEE && h != KW_BE && h != KW_R3_EXCUSE && h != KW_R3_FORGIVE && h != KW_R3_BEAR &&
            h != KW_R3_ACCEPT && h != KW_R3_HESITATE && h != KW_R3_ENJOY)
            return true;
    }
    /* "Get it off my house.", "Get them out of here", "Get it fixed", "Take it down.", "Either
     * get it in by Saturday or ...": an order to take something away or have it put right */
    if ((a->h == KW_T_GET || a->h == KW_A_TAKE) && f + 2 < s->t1 && tok_has(&t->tok[f + 1], COACH_W_PRONOUN) &&
        (t->tok[f + 2].h == KW_R4_OFF || t->tok[f + 2].h == KW_R4_OUT || t->tok[f + 2].h == KW_H_BACK ||
         t->tok[f + 2].h == KW_H_DOWN || t->tok[f + 2].h == KW_IN || demand_outcome_has(t->tok[f + 2].h)))
        return true;
    /* "Someone needs to take it off the road", "Someone please fix it." */
    if ((a->h == KW_V_SOMEONE || a->h == KW_V_SOMEBODY) && f + 2 < s->t1 &&
        ((t->tok[f + 1].h == KW_U_NEEDS && t->tok[f + 2].h == KW_TO) || (pleads(t->tok[f + 1].h) && t->tok[f + 2].kind == TK_WORD)))
        return true;
    /* "I want this charge reversed", "... and I want it replaced or refunded": a want at the
     * sentence's start, or after its "and" (below) */
    bool pleaded = f > s->t0 && pleads(t->tok[f - 1].h);
    if (want_demand(t, s, f, pleaded)) return true;
    /* the rest, in one walk (each test is pure, so their order does not matter): every one
     * starts from a plea, a "you" or an "and" */
    if (!(s->kw & KWW_BIT(DEMAND_WALK_CUE))) return false;
    for (uint32_t i = f; i + 1 < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        if (!demand_walk_cue_in(t->kwm[i])) continue;
        /* "..., so please cancel her appointments", "please do the needful and send the right ones":
         * a plea later in the sentence, for something to be done */
        if (i > f && pleads(h) &&
            (t->tok[i - 1].h == KW_SO || t->tok[i - 1].h == KW_AND || (t->tok[i].start >= 2 && t->s[t->tok[i].start - 2] == ',')))
            for (uint32_t k = i + 1; k < i + 5 && k < s->t1; k++)
                if (second_action_has(t->tok[k].h) && t->tok[k].h != KW_M_HELP) return true;
        if (i + 2 >= s->t1) continue;
        /* "I think you must refund this fee", "you should pay for a cleaner or give some discount":
         * the customer tells us what we owe them */
        if (h == KW_YOU && (t->tok[i + 1].h == KW_A_MUST || t->tok[i + 1].h == KW_U_MUST || t->tok[i + 1].h == KW_A_SHOULD))
            for (uint32_t k = i + 2; k < i + 4 && k < s->t1; k++)
                if (demand_verb_has(t->tok[k].h) || t->tok[k].h == KW_R6_PAY || t->tok[k].h == KW_R3_GIVE) return true;
        if (i > f && h == KW_AND && (t->tok[i + 1].h == KW_I || t->tok[i + 1].h == KW_C_ID) && want_demand(t, s, i + 1, false))
            return true;
    }
    return false;
}

/* "no one at the desk could tell me how much longer", "The salesman tell me £3,900 when he was
 * in the house": a "tell me" said of another, who told or did not, asks nothing of us (a question
 * mark still asks: "Nobody can tell me why?") */
static bool told_by_another(const ctext *t, const csent *s, const cmatch *m)
{
    if (t->tok[m->t0].h != KW_Q_TELL || m->t0 == s->t0 || s->term == '?') return false;
    /* "Can the engineer tell me what time he is coming.": asked, with a full stop */
    if (tok_has(&t->tok[s->t0], COACH_W_AUX)) return false;
    const ctok *p = &t->tok[m->t0 - 1];
    if (p->kind != TK_WORD || (p->end < t->len && t->s[p->end] == ',')) return false; /* "Hi Dan, tell me when" */
    /* "Hopefully someone can tell me what happened": an auxiliary after whoever is asked */
    if (tok_has(p, COACH_W_AUX) && m->t0 >= s->t0 + 2) {
        uint64_t who = t->tok[m->t0 - 2].h;
        if (who == KW_V_SOMEONE || who == KW_V_ANYONE || who == KW_V_SOMEBODY || who == KW_V_ANYBODY || who == KW_YOU || who == KW_V_U)
            return false;
    }
    if (p->mod == COACH_MOD_NEGATOR || tok_has(p, COACH_W_AUX) || p->h == KW_A_THEY || p->h == KW_A_NOBODY || p->h == KW_R6_HE ||
        p->h == KW_R6_SHE)
        return true;
    /* a noun after its determiner ("the salesman tell me"), not a word of a request ("please",
     * "just", "also") nor a name or a word that opens the sentence ("Guys tell me", "Ok tell me") */
    if (m->t0 - 1 == s->t0) return false;
    return !tok_has(p, COACH_W_STOP | COACH_W_PRONOUN | COACH_W_QWORD) && !pleads(p->h) && p->h != KW_A_JUST && p->h != KW_ALSO &&
           p->h != KW_N_SIMPLY && p->h != KW_V_SOMEONE && p->h != KW_V_ANYONE && p->h != KW_V_SOMEBODY && p->h != KW_V_ANYBODY &&
           p->h != KW_V_U && p->h != KW_HI && p->h != KW_HELLO && p->h != KW_HEY;
}

/* "I lie there wondering whether they are chewing the wiring", "we spent the evening wondering why
 * we had bothered": a wondering inside the story asks nothing; it asks after "I'm", "was", "just",
 * "also", "still" or opening the sentence ("Hi, wondering if you could ...") (in 01-142: 10 such
 * readings the blind writers did not count, none they did) */
static bool wondering_in_story(const ctext *t, const csent *s, const cmatch *m)
{
    if (t->tok[m->t0].h != KW_R4_WONDERING || m->t0 == s->t0) return false;
    const ctok *b = &t->tok[m->t0 - 1];
    uint64_t h = b->h;
    if (h == KW_C_IM || h == KW_H_AM || h == KW_A_WAS || h == KW_C_WERE || h == KW_P_WERE || h == KW_R_WERE || h == KW_Y_ARE ||
        h == KW_BEEN || h == KW_A_JUST || h == KW_ALSO || h == KW_W_STILL)
        return false;
    return !(b->end < t->len && t->s[b->end] == ','); /* "Hi Sam, wondering if ..." */
}

/* first: the index of the sentence's first phrase hit (coach_questions keeps it as it goes) */
static int asks_what(const ctext *t, const csent *s, size_t first)
{
    uint32_t n = s->t1 - s->t0;
    if (s->term == '?') {
        /* "thanks to the maintenance guy (Dave?) who fixed our door": a guess in brackets asks nothing */
        if (s->end < t->len && t->s[s->end] == ')') return Q_NOT;
        /* ("... a bit of drywall (plasterboard?).": the sentence runs on past the bracket) */
        const char *mark = memrchr(t->s + s->start, '?', s->end - s->start);
        if (mark && mark + 1 < t->s + s->end && mark[1] == ')') return Q_NOT;
        const cmatch *r = match_at(t, first, s->t0, s->t1, L_CUE, COACH_CUE_RHETORICAL, true);
        if (r && (n <= (uint32_t)(r->t1 - r->t0) + 1 || r->t1 - r->t0 >= 3)) return Q_NOT;
        /* "Hi, how are you?", "... and this is how you treat me?" */
        r = match_at(t, first, s->t0, s->t1, L_CUE, COACH_CUE_RHETORICAL, false);
        if (r && (n <= (uint32_t)(r->t1 - r->t0) + 2 || r->t1 - r->t0 >= 4)) return Q_NOT;
        return declared(t, s) ? Q_WEAK : Q_ASKS;
    }
    for (size_t i = first; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->t0 >= s->t1) break;
        if (m->layer != L_CUE) continue;
        /* "any idea" asks at the start of a sentence ("Any idea why?"), not in "without any idea" */
        if ((m->p->code == COACH_CUE_INDIRECT_Q || m->p->code == COACH_CUE_INDIRECT_WH) && t->tok[m->t0].h == KW_Q_ANY && m->t0 != s->t0)
            continue;
        /* "don't tell me it's in the terms" tells us what not to say; it asks nothing */
        if ((m->p->code == COACH_CUE_INDIRECT_Q || m->p->code == COACH_CUE_INDIRECT_WH) && m->t0 > s->t0 &&
            t->tok[m->t0 - 1].mod == COACH_MOD_NEGATOR)
            continue;
        if (told_by_another(t, s, m)) continue;
        if (wondering_in_story(t, s, m)) continue;
        if (m->p->code == COACH_CUE_INDIRECT_Q) return not_knowing(t, m, s) ? Q_WEAK : Q_ASKS;
        if (m->p->code == COACH_CUE_INDIRECT_WH && wh_after(t, m->t1, s->t1)) return not_knowing(t, m, s) ? Q_WEAK : Q_ASKS;
    }
    if (asks_in_other_words(t, s) || wants_a_list(t, s) || announced_list(t, s)) return Q_ASKS;
    /* a demand is a request the reply must meet ("Please cancel my subscription.", "I want both
     * charges reversed") */
    if (demands(t, s) || also_wish(t, s)) return Q_WEAK;
    uint32_t f = s->t0;
    while (f < s->t1 && (t->tok[f].kind == TK_EMOJI || t->tok[f].h == KW_HI || t->tok[f].h == KW_HELLO || t->tok[f].h == KW_HEY ||
                          t->tok[f].h == KW_R5_YO))
        f++;
    /* a chat line asked with a full stop: "where is my money." (lower case, short, a question
     * word and its verb) */
    /* ("WHERE IS MY MONEY.": shouted, in capitals) */
    if (s->term == '.' && s->t1 - f >= 3 && s->t1 - f <= 6 &&
        ((t->s[t->tok[f].start] >= 'a' && t->s[t->tok[f].start] <= 'z') || (t->tok[f].flags & TF_CAPS)) &&
        tok_has(&t->tok[f], COACH_W_QWORD) && !tok_has(&t->tok[f], COACH_W_AUX) && tok_has(&t->tok[f + 1], COACH_W_AUX))
        return Q_ASKS;
    /* asked with a full stop: "Can someone please either get it ready or refund me.", and a part
     * after a question: "And roughly what would it cost - we're paying ourselves." */
    if (s->term == '.' && s->t1 - f >= 3) {
        uint32_t g = f;
        bool joined = t->tok[g].h == KW_AND || t->tok[g].h == KW_ALSO;
        if (joined) g++;
        if (t->tok[g].h == KW_Q_ROUGHLY || t->tok[g].h == KW_Q_APPROXIMATELY) g++;
        if (g + 1 < s->t1) {
            const ctok *a = &t->tok[g], *b = &t->tok[g + 1];
            if ((a->h == KW_CAN || a->h == KW_D_COULD || a->h == KW_N_WOULD || a->h == KW_N_WILL) &&
                (b->h == KW_YOU || b->h == KW_V_SOMEONE || b->h == KW_V_ANYONE || b->h == KW_V_SOMEBODY))
                return Q_ASKS;
            /* (a measure between: "how long would it take") */
            bool adverb = (b->flags & TF_ASCII) && b->end - b->start > 3 && t->fold[b->end - 2] == 'l' && t->fold[b->end - 1] == 'y';
            if ((b->h == KW_MUCH || b->h == KW_LONG || b->h == KW_MANY || adverb) && g + 2 < s->t1) b = &t->tok[g + 2];
            if (joined && tok_has(a, COACH_W_QWORD) && !tok_has(a, COACH_W_AUX) && tok_has(b, COACH_W_AUX)) return Q_ASKS;
        }
    }
    if ((s->term == 0 || s->term == '\n') && s->t1 - f >= 3) {
        /* "and is the 44 one cheaper overall": a chat line's second question */
        if ((t->tok[f].h == KW_AND || t->tok[f].h == KW_ALSO) && s->t1 - f >= 4) f++;
        /* "roughly how much per chair" */
        if ((t->tok[f].h == KW_Q_ROUGHLY || t->tok[f].h == KW_Q_APPROXIMATELY) && s->t1 - f >= 3) f++;
        const ctok *a = &t->tok[f], *b = &t->tok[f + 1];
        if (tok_has(a, COACH_W_QWORD) && b->h != KW_A && b->h != KW_AN) return Q_ASKS;
        /* (not "Had my first client call in weeks": a story; nor "can't find it anywhere", "don't
         * want to lose it": a negated line without its subject tells, "can't you just fix it"
         * asks; in 01-150, 14 such lines the blind writers did not count, none they did) */
        if (tok_has(a, COACH_W_AUX) && a->h != KW_P_HAD && (a->mod != COACH_MOD_NEGATOR || b->h == KW_YOU || b->h == KW_V_U) &&
            b->h != KW_BE && b->h != KW_HAVE && b->h != KW_BEEN && b->h != KW_NOT && !tok_has(b, COACH_W_AUX) && b->kind == TK_WORD)
            return Q_ASKS;
        /* "i pay my fine two times by mistake, how i get money back": a question word and its subject after a comma */
        for (uint32_t i = f + 1; i + 1 < s->t1; i++) {
            /* after a comma, or after an emoji that ends a clause ("instead of 5m 🙈 can u change it") */
            if (t->tok[i - 1].kind != TK_EMOJI && (t->tok[i].start < 2 || t->s[t->tok[i].start - 2] != ',')) continue;
            const ctok *k = &t->tok[i], *nk = &t->tok[i + 1];
            if (tok_has(k, COACH_W_QWORD) && !tok_has(k, COACH_W_AUX) && tok_has(nk, COACH_W_PRONOUN)) return Q_ASKS;
            /* "... beeping every 30 secs 😩 how do I make it stop", "the trousers r way too long,
             * can i swap them": a question word, its auxiliary and its subject, or an auxiliary
             * and the customer */
            if (i + 2 < s->t1 && tok_has(k, COACH_W_QWORD) && !tok_has(k, COACH_W_AUX) && tok_has(nk, COACH_W_AUX) &&
                tok_has(&t->tok[i + 2], COACH_W_PRONOUN))
                return Q_ASKS;
            if ((k->h == KW_CAN || k->h == KW_DO || k->h == KW_Y_DOES) && (nk->h == KW_I || nk->h == KW_V_U || nk->h == KW_WE || nk->h == KW_YOU) &&
                i + 2 < s->t1 && t->tok[i + 2].kind == TK_WORD)
                return Q_ASKS;
            /* "... left the panel off after the service, can someone come put it back" */
            if ((k->h == KW_CAN || k->h == KW_D_COULD || k->h == KW_N_WOULD || k->h == KW_N_WILL) &&
                (nk->h == KW_YOU || nk->h == KW_V_U || nk->h == KW_V_SOMEONE || nk->h == KW_V_ANYONE || nk->h == KW_V_SOMEBODY ||
                 nk->h == KW_V_ANYBODY))
                return Q_ASKS;
        }
    }
    return Q_NOT;
}

static bool only_asks_for_help(const ctext *t, const csent *s);

/* "I wonder if you can help me.", "Can you help?": asking for help and naming nothing is the
 * opening of what is asked next, and counts alone only where nothing else is asked */
static int is_question(const ctext *t, const csent *s, size_t first)
{
    int kind = asks_what(t, s, first);
    /* "Please tell me this is a mistake.", "please tell me I haven't lost that": a plea for good
     * news, not a question */
    uint32_t f = s->t0;
    if (f + 4 < s->t1 && t->tok[f].h == KW_PLEASE && t->tok[f + 1].h == KW_Q_TELL && t->tok[f + 2].h == KW_A_ME) {
        const ctok *w = &t->tok[f + 3];
        if ((tok_has(w, COACH_W_PRONOUN) || w->h == KW_THIS || w->h == KW_THAT) && !tok_has(w, COACH_W_QWORD) && s->term != '?')
            return Q_NOT;
    }
    /* "HELP", "pls help", "help me!!": a cry for help alone asks, where nothing else does */
    if (kind == Q_NOT && s->t1 - s->t0 <= 3) {
        bool help = false, other = false;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            uint64_t h = t->tok[i].h;
            if (h == KW_M_HELP) help = true;
            else if (!plea_has_in(t->kwm[i], h) && h != KW_A_ME && h != KW_A_US) other = true;
        }
        if (help && !other) return Q_WEAK;
    }
    if (kind != Q_ASKS || !only_asks_for_help(t, s)) return kind;
    for (uint32_t i = s->t0; i < s->t1; i++)
        if (t->tok[i].h == KW_M_HELP) return Q_WEAK;
    return kind;
}

/* a statement closed by one question mark, straight after a word: "The pillows are feather or
 * synthetic?", "There is space for it?". Whether it stands alone or follows another question, a
 * learner's yes/no in a statement's order asks (after another question this reads 24 blind cases of
 * 01-150 better and 8 worse, those being disbelief or thinking aloud); "??", a guess in brackets
 * ("drywall (plasterboard?)") or a quoted word ("a 'Section 8 notice'?") does not */
static bool asked_once(const ctext *t, const csent *s)
{
    if (s->term != '?' || s->end < 2 || t->s[s->end - 1] != '?') return false;
    unsigned char before = (unsigned char)t->s[s->end - 2];
    if (!((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9'))) return false;
    return !memchr(t->s + s->start, '(', s->end - s->start);
}

/* "Does X include Y, and can we pay annually?", "Where is my money and when will it arrive?" ask
 * two things: the split point is "and" (or "also") followed by a question word, or by an
 * auxiliary and its subject ("and will the price change"). "Or" joins the two halves of one
 * choice ("Do I tap again, or does it just know?") and does not split. */
/* token j opens a list that ", whether ..." goes on: a "whether", or a request for several things
 * ("Could you confirm the lead time, whether ..."; "tell me, in writing, whether" asks one thing) */
static inline __attribute__((always_inline)) bool opens_list(const ctext *t, uint32_t j)
{
    uint64_t b = t->tok[j].h, after = t->tok[j + 1].h;
    return b == KW_WHETHER || ((b == KW_Q_CONFIRM || b == KW_Q_TELL) && after != KW_A_ME && after != KW_A_US);
}

/* "between" and the question word qword in [from, to): "the difference between what I was
 * quoted and what I paid" names two ends of one thing */
static bool ends_of_between(const ctext *t, uint32_t from, uint32_t to, uint64_t qword)
{
    for (uint32_t k = from; k + 1 < to; k++)
        if (t->tok[k].h == KW_BETWEEN && t->tok[k + 1].h == qword) return true;
    return false;
}

/* where the request that opens the part from token from to token end names its verb: "Can you
 * (please) explain ...", "Could someone refund ...", "Please remove ...", "Refund ..."; end if it
 * opens otherwise */
static uint32_t request_verb(const ctext *t, uint32_t from, uint32_t end)
{
    uint32_t f = from;
    while (f < end && (t->tok[f].h == KW_HI || t->tok[f].h == KW_HELLO || t->tok[f].h == KW_SO)) f++;
    /* "I would be grateful if you could arrange ...": the request starts after its "could" */
    for (uint32_t i = f; i < end; i++) {
        uint32_t could = grateful_if(t, i, end);
        if (could) { f = could + 1; break; }
    }
    if (f + 2 < end && pleads(t->tok[f].h) && can_you(t, f + 1, end)) f++; /* "Please can you fix this, and ..." */
    if (can_you(t, f, end)) f += 2;
    else if (f + 1 < end && (t->tok[f].h == KW_CAN || t->tok[f].h == KW_D_COULD || t->tok[f].h == KW_N_WOULD || t->tok[f].h == KW_N_WILL))
        return end;
    if (f < end && pleads(t->tok[f].h)) f++;
    /* "Can you actually fix this", "Could you just send ...": an adverb before the verb */
    if (f + 1 < end && (t->tok[f].h == KW_A_JUST || t->tok[f].h == KW_ALSO || t->tok[f].h == KW_R6_ACTUALLY)) f++;
    return f;
}

/* the part opens as a request to do something (its verb one of SECOND_ACTIONS) */
static bool asks_to_do(const ctext *t, uint32_t from, uint32_t end)
{
    uint32_t v = request_verb(t, from, end);
    return v < end && second_action_has(t->tok[v].h);
}

/* "Could you tell me whether you ship to Canada, and give me a price?", "Would you issue a new
 * invoice and confirm ...": a request to be told or given something, then a second thing to do
 * (not "check/look into ... and send": a step towards the same request) */
static bool asks_to_tell(const ctext *t, uint32_t from, uint32_t end)
{
    uint32_t v = request_verb(t, from, end);
    if (v >= end) return false;
    uint64_t h = t->tok[v].h;
    return h == KW_Q_TELL || h == KW_A_ISSUE || h == KW_D_SUGGEST || h == KW_N_SWITCH;
}

/* the part from token from opens as a request of any kind: "Could you (please) correct it", "Can
 * someone ...", "Please ...", a want ("I'd like ...") */
static bool requested(const ctext *t, uint32_t from, uint32_t end)
{
    uint64_t h = t->tok[from].h;
    return from + 1 < end && (can_you(t, from, end) || pleads(h) || wants_at(t, from, end));
}

/* the part from token from to token end asks or requests something itself: a question word or
 * an auxiliary first, a request, a want, an order ("My son has been bitten by the bug, and I
 * wondered whether ..." tells before it asks) */
static bool part_asks(const ctext *t, uint32_t from, uint32_t end)
{
    while (from < end &&
           (t->tok[from].h == KW_HI || t->tok[from].h == KW_HELLO || t->tok[from].h == KW_HEY || t->tok[from].h == KW_SO))
        from++;
    if (from + 1 >= end) return false;
    const ctok *a = &t->tok[from];
    if (tok_has(a, COACH_W_QWORD | COACH_W_AUX) || demand_verb_has(a->h) || a->h == KW_Q_TELL || a->h == KW_W_LET ||
        asks_to_do(t, from, end))
        return true; /* ("Tell me when it's shipping, and I'd like a tracking number too") */
    /* a plea, a want, thanks given ahead anywhere in it ("I'm trailering it on Saturday so I want
     * to know who is paying", "I would appreciate an explanation", "I'd just like my deposit back") */
    for (uint32_t k = from; k < end; k++) {
        uint64_t h = t->tok[k].h;
        if (plea_has_in(t->kwm[k], h) || can_you(t, k, end) || wants_at(t, k, end) || grateful_if(t, k, end)) return true;
        if ((h == KW_M_APPRECIATE || h == KW_A_WANT || h == KW_R2_EXPECT || h == KW_V_NEED || h == KW_V_LIKE) &&
            said_by_me(t, k > from + 3 ? k - 3 : from, k))
            return true;
    }
    return false;
}

/* where the sentence's part from token from ends and a second question starts (0: it does not);
 * *next is the second's first token; *tells is set where the part before only tells the story
 * the second one asks about */
static uint32_t second_question(const ctext *t, const csent *s, uint32_t from, uint32_t *next, bool *tells)
{
    bool asked_whether = false; /* a list opened already: ", whether ..." asks another */
    for (uint32_t j = from; j + 1 < from + 3 && j + 1 < s->t1; j++) asked_whether |= opens_list(t, j);
    /* "Who's right, and should she sit ...": a question word and one more can be the first part */
    /* ("Cancel it and give me my money back": an order and its object) */
    uint32_t i0 = (tok_has(&t->tok[from], COACH_W_QWORD) && !tok_has(&t->tok[from], COACH_W_AUX)) || demand_verb_has(t->tok[from].h)
                      ? from + 2
                      : from + 3;
    /* "let me know what ..., which days ...": a list of what is asked (and a part of the list
     * that opens with its question word goes on with it) */
    bool asked_wh = from > s->t0 && tok_has(&t->tok[from], COACH_W_QWORD) && !tok_has(&t->tok[from], COACH_W_AUX);
    /* an announced list: its head asks nothing itself, each part after the colon is a request,
     * parted by ", and" or by a comma before a new noun phrase ("..., your RAMS for roof work") */
    uint32_t listed = announced_list(t, s);
    if (listed && from < listed) {
        *next = listed, *tells = true;
        return listed - 1;
    }
    if (listed)
        for (uint32_t i = from + 1; i + 1 < s->t1; i++) {
            uint32_t at = t->tok[i - 1].end;
            while (at < t->len && t->s[at] == ')') at++; /* "(we require £5m cover), your RAMS" */
            if (at >= t->len || t->s[at] != ',') continue;
            uint64_t h = t->tok[i].h;
            uint32_t nx = h == KW_AND ? i + 1 : i;
            uint64_t n = t->tok[nx].h;
            if (h == KW_AND || n == KW_A || n == KW_AN || n == KW_THE || n == KW_A_YOUR || n == KW_A_OUR || n == KW_MY ||
                n == KW_WHETHER || n == KW_R3_CONFIRMATION) {
                *next = nx;
                return i;
            }
        }
    for (uint32_t i = i0; i + 2 < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        *next = i + 1;
        asked_whether |= opens_list(t, i - 1);
        uint64_t p = t->tok[i - 1].h;
        if ((p == KW_A_ME || p == KW_A_US) && i >= 2) p = t->tok[i - 2].h; /* "tell me how many ..., what ..." */
        asked_wh |= (p == KW_Q_KNOW || p == KW_Q_TELL || p == KW_Q_CONFIRM || p == KW_D_ADVISE || p == KW_Q_EXPLAIN) &&
                    ((tok_has(&t->tok[i], COACH_W_QWORD) && !tok_has(&t->tok[i], COACH_W_AUX)) || t->tok[i].h == KW_IF);
        char sep = t->tok[i].start >= 2 ? t->s[t->tok[i].start - 2] : 0;
        const ctok *q1 = &t->tok[i], *q2 = &t->tok[i + 1];
        if (q1->h == KW_Q_ROUGHLY || q1->h == KW_Q_APPROXIMATELY || q1->h == KW_Q_EXACTLY) q1 = q2, q2 = &t->tok[i + 2];
        bool wh = tok_has(q1, COACH_W_QWORD) && !tok_has(q1, COACH_W_AUX);
        /* "...; roughly how soon could you start; and are you able": a part after a semicolon that
         * opens like a question */
        /* (a part's ", when I run out" is the time it needs, not a question of its own; ", which is
         * still not working" tells about what went before) */
        bool relative = (q1->h == KW_WHICH || q1->h == KW_WHO) && tok_has(q2, COACH_W_AUX);
        if ((sep == ';' && (wh || (tok_has(q1, COACH_W_AUX) && tok_has(q2, COACH_W_PRONOUN)))) ||
            (sep == ',' && asked_wh && wh && i > i0 && !relative && (q1->h != KW_WHEN || !(from > s->t0)))) {
            *next = i;
            return i;
        }
        /* "let me know whether you can host us, what a per-person price would be, and whether you
         * offer a discount": a "whether" list of three whose middle part opens with its question
         * word (only where the list ends with "and whether" or "and if": "whether it is covered,
         * and if so, how quickly" is a condition, not a list) */
        if (sep == ',' && asked_whether && wh && i > i0 && !relative && q1 == &t->tok[i] && t->tok[i - 1].h != KW_SO &&
            t->tok[i - 1].h != KW_NOT)
            for (uint32_t k = i + 2; k + 1 < s->t1; k++)
                if (t->tok[k].h == KW_AND && (t->tok[k + 1].h == KW_WHETHER || t->tok[k + 1].h == KW_IF) &&
                    t->tok[k].start >= 2 && t->s[t->tok[k].start - 2] == ',' && (k + 2 >= s->t1 || t->tok[k + 2].h != KW_SO)) {
                    *next = i;
                    return i;
                }
        /* "What do I need to send, how much does it cost, and ...": after a question word's question,
         * another question word and its verb */
        if (sep == ',' && wh && i > i0 && tok_has(&t->tok[from], COACH_W_QWORD) && !tok_has(&t->tok[from], COACH_W_AUX)) {
            const ctok *v = q2;
            if ((v->h == KW_MUCH || v->h == KW_MANY || v->h == KW_LONG) && i + 2 < s->t1) v = &t->tok[i + 2];
            if (tok_has(v, COACH_W_AUX)) { *next = i; return i; }
        }
        /* "I would like a written explanation, confirmation of the credit due, and a meeting": the
         * things a want lists */
        if (sep == ',' && (wants_at(t, from, s->t1) || (from > s->t0 && wants_at(t, s->t0, s->t1)))) {
            uint32_t k = i;
            if (t->tok[k].h == KW_AND && k + 1 < s->t1) k++;
            while (k + 1 < s->t1 && (t->tok[k].h == KW_A || t->tok[k].h == KW_AN || t->tok[k].h == KW_R4_FULL ||
                                     t->tok[k].h == KW_C_WRITTEN))
                k++;
            if (asked_for_thing_has(t->tok[k].h) || t->tok[k].h == KW_E_MEETING) { *next = i; return i; }
            /* "I want the direct debit cancelled, any money taken refunded": a thing and what is
             * to be done to it */
            for (uint32_t e = k; e < k + 4 && e < s->t1 && h != KW_OR; e++) { /* (not "either ..., or a refund") */
                if (t->tok[e].kind != TK_WORD || tok_has(&t->tok[e], COACH_W_AUX)) break;
                if (demand_outcome_has(t->tok[e].h) && e > k) { *next = i; return i; }
            }
        }
        /* "I want a full refund AND a new cover": a second thing wanted, in capitals */
        if (h == KW_AND && (t->tok[i].flags & TF_CAPS) && t->mixed_case && wants_at(t, from, s->t1)) return i;
        /* "I want the claim reconsidered, I want my phone back": a want after a want */
        if (sep == ',' && wants_at(t, i, s->t1) && wants_at(t, from, s->t1)) { *next = i; return i; }
        /* "whether you offer a sibling discount; whether the lessons can be back-to-back" */
        char before = t->tok[i].start >= 2 ? t->s[t->tok[i].start - 2] : 0;
        /* "tell me what's needed to open an account, whether you offer net-30 terms, and whether
         * ...": a list opened with its question word goes on with a "whether" */
        if (h == KW_WHETHER && (asked_whether || (asked_wh && i > i0)) && (before == ',' || before == ';')) { *next = i; return i; }
        /* "whether ...; whether ...; and the total cost": the list's last part */
        if (h == KW_AND && asked_whether && before == ';') return i;
        /* "(a) whether ..., (b) whether ..., and (c) what ...", "(1) ... and (2) ...": a listed part */
        if (list_marker(t, i) > 1) return i;
        /* ", or how long will it take": a second question; "Do I tap again, or does it know?" one choice */
        if (h == KW_OR && t->tok[i].start >= 2 && t->s[t->tok[i].start - 2] == ',' && tok_has(&t->tok[i + 1], COACH_W_QWORD) &&
            !tok_has(&t->tok[i + 1], COACH_W_AUX))
            return i;
        /* "Please cancel my subscription today, confirm it in writing, and refund ...": orders in a row */
        if (sep == ',' && second_action_has(h) && h != KW_W_LET && t->tok[i + 1].kind == TK_WORD && asks_to_do(t, from, i)) {
            *next = i;
            return i;
        }
        if (h != KW_AND && h != KW_ALSO) continue;
        if (t->tok[i - 1].h == KW_Q_KNOW) continue; /* "I want to know also when ...": one question */
        uint32_t ai = i + 1; /* where a stands: past an "also" or a "frankly" */
        const ctok *a = &t->tok[i + 1], *b = &t->tok[i + 2];
        bool comma = t->tok[i].start >= 2 && t->s[t->tok[i].start - 2] == ',';
        /* "I would like to know how it happened, and please I ask for a correction", "... collect
         * the rubbish, and perhaps have a word with him": a second request after its comma */
        if (h == KW_AND && comma &&
            (pleads(a->h) || (a->h == KW_E_PERHAPS && b->kind == TK_WORD && (asks_to_do(t, from, i) || requested(t, from, i)))))
            return i;
        /* "I ask for the refund of the difference, and also for the taxi costs" */
        if (h == KW_AND && a->h == KW_ALSO && b->h == KW_Q_FOR && wants_at(t, from, s->t1)) return i;
        /* "and also tell me why", "and roughly how long does it take", "and at what cost" */
        if ((a->h == KW_ALSO || a->h == KW_Q_ROUGHLY || a->h == KW_Q_APPROXIMATELY || a->h == KW_Q_EXACTLY ||
             (h == KW_AND && (a->h == KW_AT || a->h == KW_BY || a->h == KW_Q_FOR || a->h == KW_UNTIL) && tok_has(b, COACH_W_QWORD)) ||
             (h == KW_AND && (a->h == KW_R4_FRANKLY || a->h == KW_R4_HONESTLY))) && i + 3 < s->t1)
            a = b, b = &t->tok[i + 3], ai = i + 2;
        /* (not "the difference between what I was quoted and what I paid": the two ends of a
         * "between", one thing) */
        if (tok_has(a, COACH_W_QWORD) && !tok_has(a, COACH_W_AUX) && (b->h != KW_TO || (comma && asked_whether)) &&
            !ends_of_between(t, from, i, a->h))
            return i;
        /* "Is there any way he can be seen sooner, and in the meantime what should we be avoiding?":
         * a question word and its verb after a phrase of when */
        if (h == KW_AND && (a->h == KW_IN || a->h == KW_P_MEANWHILE) && part_asks(t, from, i))
            for (uint32_t k = i + 2; k < i + 5 && k + 1 < s->t1; k++)
                if (tok_has(&t->tok[k], COACH_W_QWORD) && !tok_has(&t->tok[k], COACH_W_AUX) && tok_has(&t->tok[k + 1], COACH_W_AUX)) { *next = k; return i; }
        /* "... and whether you will refund it", "and if there is any deduction", "and secondly" */
        /* ("Do you have it in stock, and if so can you ...": the condition asks a second thing) */
        if (a->h == KW_WHETHER || a->h == KW_IF || a->h == KW_Q_SECONDLY) return i;
        /* "and can future invoices include it", after a comma: the second question has its own subject */
        /* (not a negated order: "..., and don't tell me it's in the terms") */
        if (tok_has(a, COACH_W_AUX) &&
            (tok_has(b, COACH_W_PRONOUN) || (comma && b->kind == TK_WORD && b->h != KW_TO && b->h != KW_NOT && a->mod != COACH_MOD_NEGATOR)))
            return i;
        /* "Can you revoke it and tell us whether it was used?", "..., and send us a quote?" */
        /* (not "call the impound lot and tell them I'm permitted": what we tell another party is
         * the same request) */
        /* (but "Could someone come and look at it and tell me what it needs", "Can you check and tell
         * me?": what a look finds is told as its end, one request; in 01-150, 6 such the blind
         * writers count once, none twice) */
        bool visit = false;
        if (!comma && a->h == KW_Q_TELL) {
            uint32_t v = request_verb(t, from, i);
            for (uint32_t k = v; k < v + 4 && k < i; k++) {
                uint64_t x = t->tok[k].h;
                if (x == KW_COME || x == KW_W_COME || x == KW_R7_LOOK || x == KW_A_CHECK || x == KW_R7_INSPECT) visit = true;
            }
        }
        if (!visit && (a->h == KW_Q_TELL || a->h == KW_Q_EXPLAIN || a->h == KW_Q_PROVIDE || (comma && (a->h == KW_Q_SEND || a->h == KW_Q_CONFIRM))) &&
            b->kind == TK_WORD && !(a->h == KW_Q_TELL && (b->h == KW_A_THEM || b->h == KW_R5_HIM || b->h == KW_T_HER)))
            return i;
        /* a learner's order after a comma: "How much it cost, and you can wait one hour?" */
        if (comma && h == KW_AND && a->h == KW_YOU && tok_has(b, COACH_W_AUX)) return i;
        /* a second request in its own words: "I want to know who did it, and I want the bike fixed",
         * "..., and I'd like someone to explain why", "..., and I would also like to know if" */
        /* "Can you please deliver again on Friday, and also correct the days in your system": a
         * request, its comma, "and also" and a verb of its own */
        /* (not "..., and also sorry for the long email", "..., and also Gareth says hello") */
        if (comma && h == KW_AND && ai == i + 2 && t->tok[i + 1].h == KW_ALSO && a->kind == TK_WORD &&
            !tok_has(a, COACH_W_AUX | COACH_W_PRONOUN | COACH_W_STOP | COACH_W_QWORD) && !(a->flags & (TF_INITCAP | TF_CAPS)) &&
            a->h != KW_A_SORRY && a->h != KW_A_APOLOGIES && a->h != KW_THANKS && a->h != KW_THANK && b->kind == TK_WORD &&
            (asks_to_do(t, from, i) || requested(t, from, i)))
            return i;
        /* (not "I want a full refund, and I want it today": when, for the same thing) */
        if (comma && h == KW_AND) {
            csent rest = *s;
            rest.t0 = ai;
            if (wants_it_by(t, &rest)) continue;
        }
        /* ("..., and frankly I'd like an explanation") */
        if (comma && h == KW_AND && wants_at(t, ai, s->t1)) {
            *tells = from == s->t0 && !part_asks(t, from, i); /* (a later part goes on with the first one's want) */
            return i;
        }
        /* "I want to switch tutors and I'd like credit for the lost time": a want after a want */
        if (h == KW_AND && wants_at(t, i + 1, s->t1) && wants_at(t, from, s->t1)) return i;
        /* "Refund both payments and confirm in writing that ...": two things to do */
        if (h == KW_AND && demand_verb_has(t->tok[from].h) && (demand_verb_has(a->h) || a->h == KW_R3_GIVE) && b->kind == TK_WORD) return i;
        /* "Please confirm my account is paid and that nothing goes to an agency": two things to confirm */
        if (h == KW_AND && a->h == KW_THAT && i > from + 3)
            for (uint32_t k = from; k < from + 10 && k < i; k++)
                if (t->tok[k].h == KW_Q_CONFIRM) return i;
        /* "Can you send me the menu and let me know if we can bring a cake?": what is to be told is
         * a second question ("Can you look into it and let me know?" asks one thing) */
        if (h == KW_AND && a->h == KW_W_LET && i + 4 < s->t1 && t->tok[i + 3].h == KW_Q_KNOW &&
            (t->tok[i + 4].h == KW_IF || t->tok[i + 4].h == KW_WHETHER ||
             (tok_has(&t->tok[i + 4], COACH_W_QWORD) && !tok_has(&t->tok[i + 4], COACH_W_AUX))) &&
            (asks_to_do(t, from, i) || (comma && requested(t, from, i))))
            return i;
        /* "I'd like to cancel it, and I wondered whether ...": a question after a request */
        if (comma && h == KW_AND && a->h == KW_I && (b->h == KW_R4_WONDERED || b->h == KW_R4_WONDER || b->h == KW_R4_WONDERING) &&
            i + 3 < s->t1 && (t->tok[i + 3].h == KW_IF || t->tok[i + 3].h == KW_WHETHER)) {
            *tells = from == s->t0 && !part_asks(t, from, i); /* (a later part goes on with the first one's want) */
            return i;
        }
        /* a request and a second thing to do: "Can you explain this charge and remove it please?",
         * "Could you refund the difference, and make sure my renewal ..." (not "check and let me
         * know": letting us know is the same request's end unless a comma parts them) */
        if (h == KW_AND && second_action_has(a->h) && (a->h != KW_W_LET || comma) && b->kind == TK_WORD &&
            (asks_to_do(t, from, i) || asks_to_tell(t, from, i)))
            return i;
        /* "Could you tell me how to change the bag size and how to move the delivery date?": to be
         * told one thing, then how to do another */
        if (h == KW_AND && tok_has(a, COACH_W_QWORD) && !tok_has(a, COACH_W_AUX) && b->h == KW_TO && asks_to_tell(t, from, i))
            return i;
        /* a want, then to be told something: "I'd like a refund for the dead tetras and to know what
         * you will do", "... and to be told what action is taken" (7 of 7 such sentences in 01-142
         * the blind writers count as two) */
        if (h == KW_AND && a->h == KW_TO && wants_at(t, from, s->t1)) {
            uint64_t v = b->h;
            if (v == KW_Q_KNOW || v == KW_Q_UNDERSTAND || v == KW_H_HEAR || v == KW_R3_FIND || v == KW_T_RECEIVE ||
                v == KW_T_GET || v == KW_HAVE || (v == KW_BE && i + 3 < s->t1 && t->tok[i + 3].h == KW_C_TOLD))
                return i;
        }
        /* a want and a second thing wanted: "I want an explanation and the money back", "I'd like
         * the extra shipping refunded and an apology", "I want the £34.99 refunded and written
         * confirmation that ..." */
        if (h == KW_AND && wants_at(t, from, s->t1))
            for (uint32_t k = i + 1; k < i + 4 && k < s->t1; k++) {
                if (asked_for_thing_has(t->tok[k].h) || (t->tok[k].h == KW_H_BACK && k > i + 1)) return i; /* "my deposit back" */
                if (t->tok[k].kind != TK_WORD || tok_has(&t->tok[k], COACH_W_AUX)) break;
            }
    }
    /* "how much I'm getting back for the cancelled Sunday and when.": a question word alone at
     * the end asks a second thing */
    if (s->t1 >= from + 5) {
        const ctok *a = &t->tok[s->t1 - 2], *w = &t->tok[s->t1 - 1];
        uint32_t at = s->t1 - 2; /* "... and by when." */
        if ((a->h == KW_BY || a->h == KW_A_BY || a->h == KW_UNTIL) && s->t1 >= from + 6) a = &t->tok[--at];
        if (a->h == KW_AND && tok_has(w, COACH_W_QWORD) && !tok_has(w, COACH_W_AUX) && w->h != KW_WHAT) {
            *next = at + 1;
            return at;
        }
    }
    return 0;
}

/* the sentence opens with a Spanish '¿' (U+00BF) before its first token: it is asked in its own
 * right, however short ("¿Dónde está mi pedido? ¿Cuándo llega?" asks two things) */
static bool opened_as_question(const ctext *t, const csent *s)
{
    uint32_t a = s->start;
    while (a > 0 && (t->s[a - 1] == ' ' || t->s[a - 1] == '"')) a--;
    return a >= 2 && (unsigned char)t->s[a - 2] == 0xC2 && (unsigned char)t->s[a - 1] == 0xBF;
}

/* a short question that names nothing of its own ("Could you explain?", "Can you help?") goes
 * with the one before it; "Am I covered?", "It cost money?" ask something new */
static bool content(const ctok *k);

/* the sentence's words but its "please"s (a plea is not a word of what is asked) */
static uint32_t words_asked(const ctext *t, const csent *s)
{
    uint32_t words = s->t1 - s->t0;
    for (uint32_t i = s->t0; i < s->t1; i++) words -= plea_has_in(t->kwm[i], t->tok[i].h);
    return words;
}

/* the sentence is a few words with no question word, verb or joining word: "Gloves, boots?" */
static bool examples_only(const ctext *t, const csent *s)
{
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        if (k->kind != TK_WORD || tok_has(k, COACH_W_QWORD | COACH_W_AUX | COACH_W_PRONOUN) || k->h == KW_AND || k->h == KW_OR ||
            k->h == KW_ALSO || tok_ed(t, k) || tok_ing(t, k))
            return false;
    }
    return true;
}

/* "Please call me as soon as you can, 07700 900733.", "Please ring me on 07700 900412.": a plea to
 * be rung back at once or at a number given is a request of its own (the blind writers count 5 of
 * 7 after a question; not "Please ring me if easier", nor a bare "Please call me.") */
static bool call_me_back(const ctext *t, const csent *s)
{
    uint32_t f = s->t0;
    if (f + 3 >= s->t1 || !pleads(t->tok[f].h)) return false;
    uint64_t v = t->tok[f + 1].h;
    if ((v != KW_C_CALL && v != KW_A_RING && v != KW_A_PHONE) || t->tok[f + 2].h != KW_A_ME) return false;
    bool when = false;
    for (uint32_t i = f + 3; i < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        if (h == KW_IF) return false;
        when |= t->tok[i].kind == TK_NUM || h == KW_Y_SOON || h == KW_R5_ASAP || h == KW_TODAY || h == KW_R4_URGENTLY;
    }
    return when;
}

/* the sentence names something to be done or given, not only an answer: "Please send the
 * details", "I want them deleted", "I'd like my deposit back" (not "Please explain", "I want an
 * answer today", "Please help") */
static bool wants_done(const ctext *t, const csent *s)
{
    if (call_me_back(t, s)) return true;
    /* "I need it back for commuting", "I need them for my tax return": a need is often the
     * story behind what was asked, unless pleaded for */
    bool plea = false;
    for (uint32_t i = s->t0; i < s->t1; i++) plea |= plea_has_in(t->kwm[i], t->tok[i].h);
    if (!plea && s->t0 + 1 < s->t1 && (t->tok[s->t0].h == KW_I || t->tok[s->t0].h == KW_WE) && t->tok[s->t0 + 1].h == KW_V_NEED)
        return false;
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        /* the reason or the condition after it is not what is asked ("... because I must book
         * the transfer", ", I don't know whether to cancel the cake") */
        if (i > s->t0 && (h == KW_BECAUSE || h == KW_WHETHER || h == KW_IF || h == KW_BEFORE || h == KW_SO)) break;
        if (i > s->t0 && (h == KW_I || h == KW_WE) && k->start >= 2 && t->s[k->start - 2] == ',') break;
        /* a plea to be answered, or how to reach the customer ("Please answer by email", "ring me") */
        if (h == KW_M_HELP || h == KW_Q_EXPLAIN || h == KW_R3_EXPLANATION || h == KW_R3_ANSWER || h == KW_A_EMAIL ||
            h == KW_C_CALL || h == KW_A_RING || h == KW_R2_QUOTE)
            continue;
        /* what the customer will do themselves: "I need to book time off", "I'd like to collect" */
        if (i >= s->t0 + 2 && t->tok[i - 1].h == KW_TO &&
            (t->tok[i - 2].h == KW_V_NEED || t->tok[i - 2].h == KW_A_WANT || t->tok[i - 2].h == KW_V_LIKE || t->tok[i - 2].h == KW_A_MUST))
            continue;
        if (demand_verb_has(h) || demand_outcome_has(h) || asked_for_thing_has(h)) return true;
    }
    return false;
}

/* "Also please share the rates.": a plea opens the sentence after an "also", asking for something
 * of its own (not for help, an explanation or an answer) */
static bool opens_with_plea(const ctext *t, const csent *s)
{
    uint32_t f = s->t0;
    if (!(f + 2 < s->t1 && t->tok[f].h == KW_ALSO)) return false;
    f++;
    return f + 1 < s->t1 && pleads(t->tok[f].h) && t->tok[f + 1].h != KW_M_HELP && t->tok[f + 1].h != KW_Q_EXPLAIN &&
           t->tok[f + 1].h != KW_R3_ANSWER;
}

/* the words of asking for help, and how soon ("Please advise urgently.", "Please answer me quick.",
 * "Please reply asap.", "Please do the needful.", "Please revert fast.") */
#define HELP_ASK_WORDS(X) X(KW_R4_URGENTLY) X(KW_R4_QUICK) X(KW_R3_ANSWER) X(KW_Q_EXPLAIN) X(KW_M_HELP) X(KW_R4_WONDER) \
    X(KW_R4_WONDERING) X(KW_D_ADVISE) X(KW_A_CHECK) X(KW_Q_CLARIFY) X(KW_Q_CONFIRM) X(KW_R4_VERIFY) X(KW_Y_SOON) \
    X(KW_R5_ASAP) X(KW_N_REPLY) X(KW_W_RESPOND) X(KW_R6_NEEDFUL) X(KW_R7_REVERT) X(KW_T_EARLIEST) X(KW_R7_FAST)
KWSET_WALK(help_ask, HELP_ASK_WORDS, KWW_HELP_ASK)

/* the sentence asks for help and names nothing of its own */
static bool only_asks_for_help(const ctext *t, const csent *s)
{
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (help_ask_has_in(t->kwm[i], h) || plea_has_in(t->kwm[i], h)) continue;
        if (h == KW_Q_TELL && i + 1 < s->t1 && t->tok[i + 1].h == KW_A_ME) continue; /* "Please tell me soon." */
        if (content(k)) return false;
    }
    return true;
}

size_t coach_questions(const ctext *t, coach_span *out, size_t max)
{
    size_t n = 0;
    bool prev_q = false;
    /* a weak question (a statement with a question mark, a cue of not knowing) is the same
     * question as the one asked right after it, unless that one is "also" another: "I'm not
     * sure if my insurance covers skiing. Could you check for me?" asks one thing, "I don't
     * understand why it is more. Also, what is the add-on?" two */
    size_t first = 0; /* sentences and phrase hits are both in token order: a cursor, not a search */
    int kind = Q_NOT;
    if (t->nsent) kind = is_question(t, &t->sent[0], 0);
    bool in_list = false;       /* the sentences after a list's head are its parts */
    bool asked = false;         /* a question that is not weak was found */
    uint64_t weak_alone = 0;    /* out[i] is a weak question counted only because nothing followed it: bit i */
    for (size_t si = 0; si < t->nsent && n < max; si++) {
        const csent *s = &t->sent[si];
        while (first < t->nm && t->m[first].t0 < s->t0) first++;
        int next = Q_NOT;
        bool another = false; /* the next question opens with "also" / "and": this one stands */
        if (si + 1 < t->nsent) {
            const csent *ns = &t->sent[si + 1];
            size_t nfirst = first;
            while (nfirst < t->nm && t->m[nfirst].t0 < ns->t0) nfirst++;
            next = is_question(t, ns, nfirst);
            another = t->tok[ns->t0].h == KW_ALSO || t->tok[ns->t0].h == KW_AND;
        }
        bool q = kind == Q_ASKS || (kind == Q_WEAK && (next != Q_ASKS || another));
        bool weak = kind == Q_WEAK && !another;
        if (weak && asked_once(t, s)) weak = false;
        kind = next;
        /* "Please can you tell me: - how fast ... - if you have ... - and how much ...": the head asks
         * nothing of its own, each part below it is a question */
        in_list = in_list && list_item(t, s);
        if (in_list) q = true, weak = false;
        else if ((q || asks_to_be_told(t, s, first) || asks_for_what_follows(t, s)) && si + 1 < t->nsent && list_head(t, s) &&
                 list_item(t, &t->sent[si + 1])) {
            in_list = true;
            asked = true;
            prev_q = false;
            continue;
        }
        /* "...not sure how to set up a standing order. Could you explain?" is one question */
        if (q && (prev_q || n) && !in_list && words_asked(t, s) <= 3 && !opened_as_question(t, s) && only_asks_for_help(t, s)) {
            prev_q = q;
            continue;
        }
        /* "What do I need to bring? Gloves, boots?": examples of what was just asked */
        if (q && prev_q && !in_list && s->term == '?' && s->t1 - s->t0 <= 3 && !opened_as_question(t, s) && examples_only(t, s)) continue;
        /* "What is best way to store the battery? Full charged or empty?", "5% or 8%?": the choices
         * of what was just asked (in 01-150 five such the blind writers did not count, none they
         * did; a longer or verb-led "Or ...?" often asks anew, and stands) */
        if (q && prev_q && !in_list && s->term == '?' && s->t1 - s->t0 <= 5 && !opened_as_question(t, s) &&
            !tok_has(&t->tok[s->t0], COACH_W_QWORD | COACH_W_AUX) && t->tok[s->t0].h != KW_AND && t->tok[s->t0].h != KW_ALSO && t->tok[s->t0].h != KW_OR) {
            bool alt = false;
            for (uint32_t k = s->t0 + 1; k + 1 < s->t1; k++) alt |= t->tok[k].h == KW_OR;
            if (alt) continue;
        }
        /* "Is possible to make the invoice in two languages? Or only English?": the other choice,
         * named without a verb, is the same question (a verb-led "Or do I ...?" often asks anew) */
        if (q && prev_q && !in_list && s->term == '?' && s->t1 - s->t0 <= 4 && t->tok[s->t0].h == KW_OR) {
            bool verb = false;
            for (uint32_t k = s->t0 + 1; k < s->t1; k++) verb |= tok_has(&t->tok[k], COACH_W_AUX | COACH_W_PRONOUN | COACH_W_QWORD);
            if (!verb) continue;
        }
        prev_q = q;
        if (!q) continue;
        /* "Why is there a watermark? ... Please send them without the logo.": after a question, a
         * demand for something to be done is a request of its own (not a plea to be answered:
         * "Please answer fast.", "I want an explanation.") */
        if (weak && asked && (also_wish(t, s) || (demands(t, s) && (wants_done(t, s) || opens_with_plea(t, s))))) weak = false;
        asked |= !weak;
        size_t n0 = n;
        /* one sentence may list several: "Could you confirm the lead time, whether you offer
         * volume pricing and whether you can provide a certificate?" */
        uint32_t from = s->t0, a = s->start;
        while (n < max) {
            bool tells = false;
            uint32_t nx = 0, sp = in_list ? 0 : second_question(t, s, from, &nx, &tells); /* a listed part is one question */
            if (!sp || n + 1 >= max || nx >= s->t1) {
                out[n++] = (coach_span){a, s->end};
                break;
            }
            if (tells) { /* the question is the part after */
                a = t->tok[nx].start;
                from = nx;
                continue;
            }
            uint32_t last = sp - 1; /* "the lead time and (c) ...": the part ends before its "and" */
            if ((t->tok[last].h == KW_AND || t->tok[last].h == KW_OR) && last > from) last--;
            out[n++] = (coach_span){a, t->tok[last].end};
            a = t->tok[nx].start;
            from = nx;
        }
        if (weak)
            for (size_t i = n0; i < n && i < 64; i++) weak_alone |= 1ULL << i;
    }
    /* a weak question ("I'm not sure how much time we have.") counts only in a message that asks
     * nothing else: after a real question it is the customer thinking aloud */
    if (asked && weak_alone) {
        size_t w = 0;
        for (size_t i = 0; i < n; i++)
            if (i >= 64 || !(weak_alone >> i & 1)) out[w++] = out[i];
        n = w;
    }
    return n;
}

static bool content(const ctok *k)
{
    if (k->kind == TK_EMOJI) return false;
    if (k->kind == TK_NUM) return true;
    if (k->end - k->start < 3) return false;
    return !tok_has(k, COACH_W_STOP | COACH_W_QWORD | COACH_W_AUX | COACH_W_PRONOUN);
}

static inline __attribute__((always_inline)) bool reply_has_stem(const ctext *r, uint64_t stem)
{
    if (!stem) stem = 1;
    if (!r->stems) { /* no set (tiny reply): scan */
        for (size_t i = 0; i < r->ntok; i++)
            if (r->tok[i].stem == stem) return true;
        return false;
    }
    for (size_t s = coach_slot(stem, r->stem_mask);; s = (s + 1) & r->stem_mask) {
        if (!r->stems[s]) return false;
        if (r->stems[s] == stem) return true;
    }
}

/* whether the reply has a word of this stem (as reply_has_stem), and in which of its first 64
 * sentences, a bit each (*sents) */
static bool stem_sentences(const ctext *r, uint64_t stem, uint64_t *sents)
{
    if (!stem) stem = 1;
    *sents = 0;
    if (!r->stems) { /* no set (tiny reply): scan */
        bool found = false;
        for (size_t i = 0; i < r->ntok; i++)
            if (r->tok[i].stem == stem) {
                found = true;
                if (r->tok[i].sent < 64) *sents |= 1ULL << r->tok[i].sent;
            }
        return found;
    }
    for (size_t s = coach_slot(stem, r->stem_mask);; s = (s + 1) & r->stem_mask) {
        if (!r->stems[s]) return false;
        if (r->stems[s] == stem) return *sents = r->stem_sents[s], true;
    }
}

/* ---- synonyms: "refund" in the question, "reimburse" in the reply ---- */

static const coach_syn *syn_builtin(uint64_t stem)
{
    for (size_t s = coach_slot(stem, coach_syn_mask);; s = (s + 1) & coach_syn_mask) {
        unsigned v = coach_syn_index[s];
        if (!v) return NULL;
        if (coach_syns[v - 1].stem == stem) return &coach_syns[v - 1];
    }
}

const coach_syn *coach_syn_find(const coach_lexicon *x, uint64_t stem)
{
    if (!x) return syn_builtin(stem);
    if (!x->syn_mask) return NULL;
    for (size_t s = coach_slot(stem, x->syn_mask);; s = (s + 1) & x->syn_mask) {
        if (!x->syns[s].stem) return NULL;
        if (x->syns[s].stem == stem) return &x->syns[s];
    }
}

/* the end (token index + 1) of phrase p if it starts at token i, else 0; up to two words such as
 * "my" or "the" may come before each later word ("close your account"). Tokens end by byte `to`. */
static size_t syn_phrase_end(const ctext *t, size_t i, uint32_t to, const coach_syn_phrase *p)
{
    size_t k = i + 1;
    for (unsigned j = 1; j < p->n; k++, j++) {
        for (unsigned skip = 0; k < t->ntok && t->tok[k].stem != p->stem[j] && skip < 2 && tok_has(&t->tok[k], COACH_W_STOP | COACH_W_PRONOUN);
             skip++)
            k++;
        if (k >= t->ntok || t->tok[k].end > to || t->tok[k].stem != p->stem[j] || t->tok[k].sent != t->tok[i].sent) return 0;
    }
    return k;
}

/* maps token i (and the rest of a phrase starting there) to a synonym key from one table;
 * returns the number of tokens it covered, 0 if the table has nothing to say */
static size_t syn_map(ctext *t, size_t i, uint32_t to, const coach_syn *e, const coach_syn_phrase *phrases)
{
    if (!e) return 0;
    for (unsigned k = e->pfirst; k < (unsigned)e->pfirst + e->pcount; k++) {
        size_t pe = syn_phrase_end(t, i, to, &phrases[k]);
        if (!pe) continue;
        for (size_t j = i; j < pe; j++) t->tok[j].stem = phrases[k].key;
        return pe - i;
    }
    if (e->key == t->tok[i].stem) return 0; /* it only starts phrases */
    t->tok[i].stem = e->key;
    return 1;
}

void coach_match_stems(ctext *t, uint32_t from, uint32_t to, const coach_lexicon *x)
{
    for (size_t i = coach_stems(t, from, to); i < t->ntok && t->tok[i].end <= to; i++) {
        /* stop words are never synonyms nor start one (the generator and the loader check) */
        if (tok_has(&t->tok[i], COACH_W_STOP | COACH_W_PRONOUN)) continue;
        size_t n = 0;
        /* the organisation's own synonyms first */
        if (x) n = syn_map(t, i, to, coach_syn_find(x, t->tok[i].stem), x->syn_phrases);
        if (!n) n = syn_map(t, i, to, syn_builtin(t->tok[i].stem), coach_syn_phrases);
        if (n) i += n - 1;
    }
}

/* whether the UTF-8 sequence seq (its lead byte found with memchr) is in s[0, n) */
static bool has_utf8(const char *s, size_t n, const char *seq)
{
    size_t k = strlen(seq);
    for (const char *p = s, *end = s + n; (p = memchr(p, seq[0], (size_t)(end - p))) != NULL; p++)
        if ((size_t)(end - p) >= k && !memcmp(p, seq, k)) return true;
    return false;
}

/* the words that make a reply tell a reason in coach_reply_facts' second half */
#define TOLD_WORDS(X) X(KW_WHY) X(KW_Y_COVERS) X(KW_Y_APPLIES) X(KW_Y_USED) X(KW_WHEN) X(KW_T_COMES)
KWSET(told_word, TOLD_WORDS)

/* what kind of answers a reply holds, worked out once for all the questions */
/* a code or a model name: two or more capitals and digits, at least one of them a capital ("OO",
 * "CR2032", "X5") */
static bool code_word(const ctext *r, const ctok *k)
{
    size_t n = k->end - k->start;
    if (n < 2 || n > 16) return false;
    bool cap = false;
    for (size_t i = k->start; i < k->end; i++) {
        unsigned char c = (unsigned char)r->s[i];
        if (c >= 'A' && c <= 'Z') cap = true;
        else if (c < '0' || c > '9') return false;
    }
    return cap;
}

/* every test of a word in coach_reply_facts' first walk starts from one of these */
#define FACT_WORDS(X) TOLD_WORDS(X) X(KW_FREE) X(KW_BECAUSE) X(KW_REASON) X(KW_CAUSED) X(KW_SINCE) X(KW_MEANS) X(KW_DUE) \
    X(KW_SO) X(KW_A_WAS) X(KW_R_WERE) X(KW_R_DID)
KWSET(fact_word, FACT_WORDS)

void coach_reply_facts(ctext *r)
{
    creply_facts *f = &r->facts;
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < r->ntok; i++) {
        const ctok *k = &r->tok[i];
        if (k->kind == TK_NUM) f->number = true;
        if (!fact_word_maybe(k->h)) continue; /* no test below can pass */
        if (k->h == KW_FREE) f->money = true;
        if (k->h == KW_BECAUSE || k->h == KW_REASON || k->h == KW_CAUSED || k->h == KW_SINCE || k->h == KW_MEANS ||
            (k->h == KW_DUE && i + 1 < r->ntok && r->tok[i + 1].h == KW_TO) || (k->h == KW_SO && k->start >= 2 && r->s[k->start - 2] == ','))
            f->reason = true;
        /* what happened, told: "the account was suspended for 24 hours", "the forms were missing",
         * "you did not touch out" (in a sentence of some length: "It was removed." explains nothing) */
        if ((k->h == KW_A_WAS || k->h == KW_R_WERE || k->h == KW_R_DID) && i + 1 < r->ntok &&
            r->sent[k->sent].t1 - r->sent[k->sent].t0 >= 6) {
            const ctok *n = &r->tok[i + 1];
            size_t len = n->end - n->start;
            if (n->mod == COACH_MOD_NEGATOR || n->h == KW_R_MISSING ||
                (k->h != KW_R_DID && len >= 5 && !memcmp(r->s + n->end - 2, "ed", 2)))
                f->reason = true;
        }
        /* "that's why", "the fee covers wifi", "it applies to", "it's used when", "where it comes from" */
        if (!told_word_has(k->h)) continue;
        if (k->h == KW_WHY || k->h == KW_Y_COVERS || k->h == KW_Y_APPLIES || /* "that's where the £86 comes from" */
            (k->h == KW_T_COMES && i + 1 < r->ntok && r->tok[i + 1].h == KW_T_FROM) ||
            (k->h == KW_Y_USED && i + 1 < r->ntok && (r->tok[i + 1].h == KW_WHEN || r->tok[i + 1].h == KW_Q_FOR)))
            f->reason = true;
        /* "the price went up on 1 November when the pack moved": a past event and when it happened */
        if (k->h == KW_WHEN && i > 0)
            for (size_t j = r->sent[k->sent].t0; j < i && !f->reason; j++) {
                const ctok *v = &r->tok[j];
                f->reason = v->h == KW_R_WENT || tok_ed(r, v);
            }
    }
    for (size_t i = 0; i < r->nm; i++) {
        const cmatch *m = &r->m[i];
        uint32_t si = r->tok[m->t0].sent;
        /* a refusal is a no: "we can't change slots on the day" answers "Can I get it earlier?" */
        if (m->layer == L_JUDGE && m->p->kind == COACH_KIND_FLAG && m->p->code == COACH_FLAG_NEGATIVE_PHRASING) {
            f->answer = f->yesno = true;
            f->yesno_sents |= 1ULL << (si < 63 ? si : 63);
        }
        if (m->layer == L_PROMISE && m->p->code == COACH_CUE_ANSWER) {
            f->answer = true;
            if (m->p->val >= 400) f->place_sents |= 1ULL << (si < 63 ? si : 63);
            else if (m->p->val >= 300) f->howto = true;
            else if (m->p->val >= 200) {
                f->yesno = true;
                f->yesno_sents |= 1ULL << (si < 63 ? si : 63);
            }
        }
    }
    /* a bare answer first ("3 months.", "OO. It says so on the product page."): the first
     * sentence after a greeting line, of three words at most, with a number or a code (capitals
     * or digits: "OO", "CR2032"; not "Noted."), not a question */
    for (size_t si = 0; si < r->nsent && si < 2; si++) {
        const csent *s = &r->sent[si];
        uint64_t h0 = r->tok[s->t0].h;
        if (si == 0 && r->nsent > 1 && (h0 == KW_HI || h0 == KW_HELLO || h0 == KW_DEAR || h0 == KW_HEY)) continue;
        if (s->t1 - s->t0 <= 3 && s->term != '?')
            for (uint32_t i = s->t0; i < s->t1 && !f->terse; i++) f->terse = r->tok[i].kind == TK_NUM || code_word(r, &r->tok[i]);
        break;
    }
    /* a menu path is how to do it: "Settings > Team > Invite" */
    if (!f->howto)
        for (const char *g = r->s, *end = r->s + r->len; (g = memchr(g, '>', (size_t)(end - g))) != NULL; g++)
            if (g > r->s + 1 && g + 2 < end && g[-1] == ' ' && g[1] == ' ' && g[2] >= 'A' && g[2] <= 'Z' &&
                ((g[-2] >= 'a' && g[-2] <= 'z') || (g[-2] >= 'A' && g[-2] <= 'Z'))) {
                f->howto = f->answer = true;
                break;
            }
    /* a currency sign anywhere: $, £ or € (found with memchr, not a loop over every byte) */
    if (!f->money) f->money = memchr(r->s, '$', r->len) || has_utf8(r->s, r->len, "\xC2\xA3") || has_utf8(r->s, r->len, "\xE2\x82\xAC");
}

void coach_stem_set(ctext *r, uint64_t *slots, size_t nslots)
{
    /* slots[nslots + s]: the reply's sentences (the first 64, a bit each) whose words have the
     * stem in slot s, so coach_answer_sentences looks a question's stems up instead of scanning;
     * started when the slot is taken, so not cleared */
    memset(slots, 0, nslots * sizeof *slots);
    uint64_t *sents = slots + nslots;
    r->stems = slots;
    r->stem_sents = sents;
    r->stem_mask = nslots - 1;
    for (size_t i = 0; i < r->ntok; i++) {
        uint64_t h = r->tok[i].stem ? r->tok[i].stem : 1;
        uint32_t si = r->tok[i].sent;
        uint64_t bit = si < 64 ? 1ULL << si : 0;
        size_t s = coach_slot(h, r->stem_mask);
        /* the home slot, empty or the stem's, without a branch on which (first or repeat is a coin
         * toss); probe on only when another stem holds it */
        while (__builtin_expect(slots[s] && slots[s] != h, 0)) s = (s + 1) & r->stem_mask;
        /* a new slot's bits start from none */
        sents[s] = (sents[s] & (0 - (uint64_t)(slots[s] != 0))) | bit;
        slots[s] = h;
    }
}

/* ---- a yes/no question answered in its own words turned round: "Do you do payroll?" "We do!",
 * "Is it obligatory?" "It isn't compulsory.", "Can I pay at the desk?" "You can." ---- */
enum { AUX_NONE, AUX_DO, AUX_CAN, AUX_BE, AUX_HAVE };
enum { WHO_NONE, WHO_YOU, WHO_ME, WHO_IT, WHO_THEY };

static int aux_family(uint64_t h)
{
    if (h == KW_DO || h == KW_Y_DOES || h == KW_R_DID || h == KW_Y_DONQT || h == KW_Y_DOESNQT || h == KW_Y_DIDNQT) return AUX_DO;
    if (h == KW_CAN || h == KW_U_CANT || h == KW_U_CANNOT || h == KW_D_COULD || h == KW_Y_COULDNQT) return AUX_CAN;
    if (h == KW_IS || h == KW_Y_ISNQT || h == KW_Y_ARE || h == KW_Y_ARENQT || h == KW_A_WAS || h == KW_P_WASNT ||
        h == KW_N_WILL || h == KW_Y_WONQT || h == KW_BE)
        return AUX_BE;
    if (h == KW_HAVE || h == KW_U_HAS || h == KW_Y_HAVENQT || h == KW_Y_HASNQT) return AUX_HAVE;
    return AUX_NONE;
}

static int who(uint64_t h)
{
    if (h == KW_YOU) return WHO_YOU;
    if (h == KW_I || h == KW_WE) return WHO_ME;
    if (h == KW_Y_IT) return WHO_IT;
    if (h == KW_A_THEY) return WHO_THEY;
    return WHO_NONE;
}

/* a subject and its verb in one word: "we'll", "it's", "you've" */
static bool contraction(uint64_t h, int *w, int *fam)
{
    static const struct { uint64_t h; int w, fam; } c[] = {
        {KW_A_ITQS, WHO_IT, AUX_BE}, {KW_Y_ITQLL, WHO_IT, AUX_BE}, {KW_Y_THEYQRE, WHO_THEY, AUX_BE},
        {KW_Y_THEYQLL, WHO_THEY, AUX_BE}, {KW_N_WEQLL, WHO_ME, AUX_BE}, {KW_N_IQLL, WHO_ME, AUX_BE}, {KW_C_WEVE, WHO_ME, AUX_HAVE}, {KW_C_IVE, WHO_ME, AUX_HAVE},
        {KW_Y_YOUQLL, WHO_YOU, AUX_BE}, {KW_A_YOUQRE, WHO_YOU, AUX_BE}, {KW_A_YOUQVE, WHO_YOU, AUX_HAVE}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (c[i].h == h) { *w = c[i].w, *fam = c[i].fam; return true; }
    return false;
}

/* "Can I ...?" is answered by "you can" or "you'll": asking leave takes a will as well as a can */
static bool same_aux(int asked, int said)
{
    /* and "Did I lose some?" is answered by "You haven't lost any": the past asked and said */
    return asked == said || (asked == AUX_CAN && said == AUX_BE) || (asked == AUX_DO && said == AUX_HAVE);
}

/* reply sentence si puts its answer off: "We'll get someone out as soon as we can" */
static bool put_off(const ctext *r, uint32_t si)
{
    const csent *s = &r->sent[si];
    for (uint32_t i = s->t0; i + 1 < s->t1; i++)
        if (r->tok[i].h == KW_Y_AS && r->tok[i + 1].h == KW_Y_SOON) return true;
    return false;
}

#define ECHO_WORDS(X) \
    X(KW_YOU) X(KW_I) X(KW_WE) X(KW_Y_IT) X(KW_A_THEY) X(KW_A_ITQS) X(KW_Y_ITQLL) X(KW_Y_THEYQRE) X(KW_Y_THEYQLL) \
    X(KW_N_WEQLL) X(KW_N_IQLL) X(KW_C_WEVE) X(KW_C_IVE) X(KW_Y_YOUQLL) X(KW_A_YOUQRE) X(KW_A_YOUQVE)
KWSET_WALK(echo_word, ECHO_WORDS, KWW_ECHO_WORD)

/* "Is there anywhere to keep a bike?" "There's a covered rack": there is, said back */
/* sentence si is in mask (the 64th bit stands for all sentences after it) */
static inline bool in_sents(uint64_t mask, uint32_t si) { return mask >> (si < 63 ? si : 63) & 1; }

static bool there_is(const ctext *r, uint64_t allowed)
{
    for (size_t j = 0; j < r->ntok; j++) {
        if (!in_sents(allowed, r->tok[j].sent)) continue;
        uint64_t h = r->tok[j].h, n = j + 1 < r->ntok && r->tok[j + 1].sent == r->tok[j].sent ? r->tok[j + 1].h : 0;
        if (h == KW_P_THERES || (h == KW_THERE && aux_family(n) == AUX_BE)) return true;
    }
    return false;
}

/* allowed: the reply's sentences the echo may stand in (among several questions, not those
 * that answer only another's topic: "There's a £15 charge per stay" answers the dog, not "Is
 * there a supermarket near?") */
static bool echoes(const ctext *q, uint32_t a, const ctext *r, uint64_t allowed)
{
    uint64_t sh = q->tok[a + 1].h;
    if (sh == KW_THERE) return aux_family(q->tok[a].h) == AUX_BE && there_is(r, allowed);
    /* "Is the cover compulsory?" "It isn't": a thing named is "it" in the answer */
    int fam = aux_family(q->tok[a].h),
        subj = (sh == KW_THE || sh == KW_MY || sh == KW_THIS) ? WHO_IT : (sh == KW_T_THESE || sh == KW_T_THOSE) ? WHO_THEY : who(sh);
    if (fam == AUX_NONE || subj == WHO_NONE) return false;
    int want = subj == WHO_YOU ? WHO_ME : subj == WHO_ME ? WHO_YOU : subj;
    if (!(r->kw_any & KWW_BIT(ECHO_WORD))) return false; /* (the walk below passes over every token) */
    for (size_t j = 0; j < r->ntok; j++) {
        int w, f;
        if (!echo_word_has_in(r->kwm[j], r->tok[j].h) || !in_sents(allowed, r->tok[j].sent)) continue;
        if (contraction(r->tok[j].h, &w, &f)) {
            if (w == want && same_aux(fam, f) && !put_off(r, r->tok[j].sent)) return true;
            continue;
        }
        /* "as soon as we can", "if we can": a condition, not an answer */
        if (who(r->tok[j].h) != want || (j > 0 && (r->tok[j - 1].h == KW_Y_AS || r->tok[j - 1].h == KW_IF))) continue;
        /* "we do", "we sure do", "it really isn't" (in the same sentence) */
        for (size_t k = j + 1; k < r->ntok && k <= j + 2 && r->tok[k].sent == r->tok[j].sent; k++)
            if (same_aux(fam, aux_family(r->tok[k].h))) return true;
    }
    return false;
}

/* a greeting or a filler before the question proper: "hi po, can i ...", "wait so why ..." */
static bool opener(uint64_t h) { return h == KW_HI || h == KW_HELLO || h == KW_HEY || h == KW_SO; }

/* a question word that asks, after an auxiliary: "Can you tell me when ...", not "Can I add a
 * driver when I pick up the car" */
static bool asks_wh(const ctext *q, uint32_t i)
{
    uint64_t p = q->tok[i - 1].h;
    return p == KW_A_ME || p == KW_A_US || p == KW_Q_KNOW || p == KW_Q_CONFIRM || p == KW_A_CHECK || p == KW_Q_EXPLAIN ||
           p == KW_D_ADVISE || p == KW_Q_TELL || p == KW_A_SURE || p == KW_AND || p == KW_OR || p == KW_PLEASE;
}

#define FEE_WORDS(X) X(KW_FEE) X(KW_T_FEES) X(KW_T_CHARGES)
KWSET(fee_word, FEE_WORDS)
#define MEASURE_WORDS(X) X(KW_T_AGE) X(KW_T_EARLIEST) X(KW_T_LATEST) X(KW_T_MINIMUM) X(KW_T_MAXIMUM) X(KW_T_LIMIT) X(KW_T_SIZE)
KWSET(measure_word, MEASURE_WORDS)
/* every test of answered_in's walk for the question's type, but the question word's, starts from one of these */
#define TYPE_CUES(X) FEE_WORDS(X) MEASURE_WORDS(X) X(KW_WHEN) X(KW_HOW) X(KW_WHAT) X(KW_Q_TIMEFRAME) X(KW_Q_TIMESCALE) \
    X(KW_Q_TIMESCALES) X(KW_Q_TIMELINE) X(KW_Q_ETA) X(KW_COST) X(KW_PRICE) X(KW_WHY) X(KW_WHATS) X(KW_WHERE) X(KW_WHERES) X(KW_WHENS)
KWSET_WALK(type_cue, TYPE_CUES, KWW_TYPE_CUE)

static bool answered_in(const ctext *q, coach_span qs, const ctext *r, const canswer_scope *sc, bool strict);

bool coach_answered(const ctext *q, coach_span qs, const ctext *r, const canswer_scope *sc)
{
    return answered_in(q, qs, r, sc, false);
}

/* strict: for an earlier reply, which was about whatever was asked then: the answer must be on
 * the question's topic (half its content words, or three), not just have a time or a number */
bool coach_answered_by(const ctext *q, coach_span qs, const ctext *r, bool reply_has_time, bool strict)
{
    uint64_t none = 0;
    canswer_scope sc = {UINT64_MAX, reply_has_time ? UINT64_MAX : 0, &none, &none, NULL, 0, &none};
    return answered_in(q, qs, r, &sc, strict);
}

/* a fact in the sentences `has`: on the question's topic, or claimed from the free ones */
static bool fact_here(uint64_t has, const canswer_scope *sc, uint64_t *free)
{
    if (has & sc->on) return true;
    if (!(has & *free)) return false;
    *free &= ~has;
    return true;
}

/* "Can you tell me the price", "could you let me know the cost", "do you know what it costs": a
 * request to be told, between the question's first token f and token i */
static bool tells_me_before(const ctext *q, uint32_t f, uint32_t i)
{
    for (uint32_t j = f; j < i; j++) {
        uint64_t h = q->tok[j].h;
        if (h == KW_Q_TELL || h == KW_Q_KNOW || h == KW_A_KNOW || h == KW_Q_CONFIRM || h == KW_D_ADVISE || h == KW_R4_SHARE ||
            h == KW_R2_QUOTE || (tok_has(&q->tok[j], COACH_W_QWORD) && !tok_has(&q->tok[j], COACH_W_AUX)))
            return true;
    }
    return false;
}

static bool answered_in(const ctext *q, coach_span qs, const ctext *r, const canswer_scope *sc, bool strict)
{
    uint32_t t0 = UINT32_MAX, t1 = 0;
    for (size_t i = coach_tok_from(q, qs.start); i < q->ntok; i++) {
        if (q->tok[i].end > qs.end) break;
        if (t0 == UINT32_MAX) t0 = (uint32_t)i;
        t1 = (uint32_t)i + 1;
    }
    if (t0 == UINT32_MAX || !r->ntok) return false;
    enum { Q_OTHER, Q_WHEN, Q_AMOUNT, Q_WHY, Q_YESNO, Q_WHERE, Q_HOWTO } type = Q_OTHER;
    bool measure = false, by_when = false, fee = false; /* a quantity not in money; a yes-or-no with a time in it; a fee */
    bool how_long = false;
    uint32_t f = t0;
    while (f + 2 < t1 && opener(q->tok[f].h)) f++;
    bool aux_first = tok_has(&q->tok[f], COACH_W_AUX) && f + 1 < t1;
    bool wh = false;
    for (uint32_t i = t0; i < t1; i++) {
        const ctok *k = &q->tok[i];
        if (tok_has(k, COACH_W_QWORD) && !tok_has(k, COACH_W_AUX)) {
            if (aux_first && i > f && !asks_wh(q, i)) continue;
            wh = true;
        }
        if (!type_cue_in(q->kwm[i])) continue; /* no test below can pass */
        uint64_t nx = i + 1 < t1 ? q->tok[i + 1].h : 0, nx2 = i + 2 < t1 ? q->tok[i + 2].h : 0, nx3 = i + 3 < t1 ? q->tok[i + 3].h : 0;
        /* ("what's the cut-off time?", "what is the latest arrival time?": a time named at the end) */
        bool time_at_end = (k->h == KW_WHATS || (k->h == KW_WHAT && nx == KW_IS)) && t1 <= i + 7 && q->tok[t1 - 1].h == KW_TIME;
        if (k->h == KW_WHEN || (k->h == KW_HOW && nx == KW_LONG) || (k->h == KW_WHAT && nx == KW_TIME) || time_at_end || k->h == KW_Q_TIMEFRAME ||
            k->h == KW_Q_TIMESCALE || k->h == KW_Q_TIMESCALES || k->h == KW_Q_TIMELINE || k->h == KW_Q_ETA) {
            type = Q_WHEN;
            how_long = k->h == KW_HOW && nx == KW_LONG;
            break;
        }
        /* (a yes or no that names the price is not "how much": "Is the price negotiable?", "Do you
         * price match?" - but "Can you tell me the price?" asks for it) */
        if ((k->h == KW_HOW && (nx == KW_MUCH || nx == KW_MANY)) ||
            ((k->h == KW_COST || k->h == KW_PRICE) && (!aux_first || tells_me_before(q, f, i)))) {
            type = Q_AMOUNT;
            measure = k->h == KW_HOW && nx == KW_MANY; /* "how many people can it hold?": a count, not money */
            break;
        }
        if (fee_word_has(k->h)) fee = true; /* "Is there a fee?": a price answers it, and so do the usual ways */
        /* "what's the earliest age", "what is the maximum amount", "what size": a number answers */
        /* ("Is the hoodie true to size?" is a yes or no) */
        if (measure_word_has(k->h) && !aux_first) { type = Q_AMOUNT; measure = true; break; }
        /* "what happened?", "what's happening", "what went wrong" ask for a reason as "why" does */
        if (k->h == KW_WHY || (k->h == KW_HOW && (nx == KW_COME || nx2 == KW_POSSIBLE || nx3 == KW_POSSIBLE)) ||
            (k->h == KW_WHAT && (nx == KW_R_HAPPENED || nx == KW_R_WENT || nx2 == KW_R_HAPPENING)) || (k->h == KW_WHATS && nx == KW_R_HAPPENING)) { type = Q_WHY; break; }
        if (k->h == KW_WHERE || k->h == KW_WHERES) { type = Q_WHERE; break; }
        if (k->h == KW_WHENS) { type = Q_WHEN; break; }
        /* "how do I", "how to", and in a learner's order "how I can do" */
        /* and "How I change this?", "What I need to do?", "What I can do?" */
        if ((k->h == KW_HOW && (nx == KW_DO || nx == KW_CAN || nx == KW_TO || nx == KW_I || nx == KW_WE)) ||
            (k->h == KW_WHAT && (nx == KW_I || nx == KW_WE) && (nx2 == KW_CAN || nx2 == KW_DO || nx2 == KW_U_NEED || nx2 == KW_U_MUST ||
                                                               nx2 == KW_A_SHOULD))) {
            type = Q_HOWTO;
            break;
        }
    }
    /* "Can I ...?", and a short one with no question word at all: "invoice 4471 paid?" */
    if (type == Q_OTHER && (aux_first || (!wh && t1 - t0 <= 5))) type = Q_YESNO;
    /* "Can it be collected before the weekend?": a time in the reply answers it as it answers "when" */
    if (type == Q_YESNO && sc->on == UINT64_MAX) /* asked alone: among several, a time may be another's */
        for (uint32_t i = t0; i + 1 < t1 && !by_when; i++)
            by_when = (q->tok[i].h == KW_BEFORE || q->tok[i].h == KW_BY) && tok_has(&q->tok[i + 1], COACH_W_TIME);
    bool echo = type == Q_YESNO && aux_first && echoes(q, f, r, sc->on == UINT64_MAX ? UINT64_MAX : sc->on | *sc->free_yes);
    size_t nc, hit; /* a long customer sentence: at most 64 content words are checked */
    if (echo && !sc->feats) nc = hit = 0; /* not needed */
    else coach_question_overlap(q, qs, r, &nc, &hit);
    const creply_facts *rf = &r->facts;
    if (sc->feats) {
        /* what the learned reading weighs (coach_reply.c); the rules below do not use it */
        static const int type_feat[] = {COACH_AF_T_OTHER, COACH_AF_T_WHEN, COACH_AF_T_AMOUNT, COACH_AF_T_WHY,
                                        COACH_AF_T_YESNO, COACH_AF_T_WHERE, COACH_AF_T_HOWTO};
        double ratio = nc ? (double)hit / (double)nc : 0;
        uint64_t x = 1ULL << type_feat[type];
#define AF(cond, name) (x |= (uint64_t)((cond) != 0) << COACH_AF_##name)
        AF(by_when, BY_WHEN), AF(fee, FEE), AF(measure, MEASURE), AF(echo, ECHO), AF(nc == 0, NC0), AF(nc >= 4, NC4);
        AF(nc && hit == 0, HIT0), AF(hit == 1, HIT1), AF(hit >= 2, HIT2), AF(ratio >= 0.34, RATIO34), AF(ratio >= 0.5, RATIO50);
        AF(rf->number, F_NUMBER), AF(rf->money, F_MONEY), AF(rf->reason, F_REASON), AF(rf->answer, F_ANSWER), AF(rf->howto, F_HOWTO);
        /* a yes or a no answers what can be answered so ("Where is my refund?" "No." does not) */
        bool yesno_q = type == Q_YESNO || type == Q_OTHER;
        AF(yesno_q && (rf->yesno_sents & sc->on), F_YESNO_HERE), AF(yesno_q && rf->yesno_sents, F_YESNO_ANY), AF(rf->place_sents & sc->on, F_PLACE);
        AF(rf->terse, F_TERSE);
        AF(sc->time_sents & sc->on, F_TIME_HERE), AF(sc->time_sents, F_TIME_ANY);
        /* the kind of fact its type asks for ("why": a reason, "how much": a number), in the reply or not */
        int fact = type == Q_WHEN ? (sc->time_sents & sc->on) != 0
                 : type == Q_WHERE ? ((sc->time_sents | rf->place_sents) & sc->on) != 0
                 : type == Q_AMOUNT ? rf->money || rf->number
                 : type == Q_WHY ? rf->reason
                 : type == Q_HOWTO ? rf->howto
                 : type == Q_YESNO ? echo || (rf->yesno_sents & sc->on) != 0 : -1;
        AF(fact == 1, TYPE_FACT), AF(fact == 0, TYPE_NO_FACT);
#undef AF
        *sc->feats |= x;
    }
    if (echo) {
        *sc->free_yes &= ~r->facts.yesno_sents; /* "Yes, we do": the yes goes with the echo */
        return true;
    }
    if (strict) return nc > 0 && ((double)hit / (double)nc >= 0.5 || hit >= 3);
    bool number = rf->number, money = rf->money, reason = rf->reason, answer = rf->answer;
    bool reply_has_time = (sc->time_sents & sc->on) != 0;
    if ((type == Q_WHEN || type == Q_WHERE || by_when) && fact_here(sc->time_sents, sc, sc->free_time)) return true;
    if (how_long && fact_here(sc->dur_sents, sc, sc->free_dur)) return true;
    if (type == Q_WHERE && (rf->place_sents & sc->on)) return true;
    /* "What's the warranty?" "3 months." (asked alone: among several, whose answer it is is unknown) */
    if ((type == Q_OTHER || type == Q_AMOUNT) && rf->terse && sc->on == UINT64_MAX) return true;
    if (type == Q_AMOUNT) return money || (number && (hit > 0 || measure)); /* the topic alone ("delivery") is not an amount */
    if (fee && money) return true;
    if (type == Q_WHY) return reason;
    if (type == Q_YESNO && fact_here(rf->yesno_sents, sc, sc->free_yes)) return true;
    if (type == Q_HOWTO && rf->howto) return true;
    if (nc == 0) return answer || type == Q_OTHER;
    double ratio = (double)hit / (double)nc;
    if (ratio >= 0.5 || hit >= 3) return true;
    if (hit >= 1 && (ratio >= 0.34 || answer || reply_has_time || number)) return true;
    return false;
}

/* the question asks us to do something ("Can you provide that", "Please can you check and
 * return the money": REQ_ACT) or asks for a thing ("Can I get a new one?": REQ_THING) */
int coach_question_is_request(const ctext *q, coach_span qs)
{
    size_t i = coach_tok_from(q, qs.start);
    while (i < q->ntok && q->tok[i].end <= qs.end &&
           (q->tok[i].h == KW_HI || q->tok[i].h == KW_HELLO || q->tok[i].h == KW_ALSO || q->tok[i].h == KW_AND || q->tok[i].h == KW_SO))
        i++;
    if (i + 1 >= q->ntok || q->tok[i + 1].end > qs.end) return REQ_NONE;
    uint64_t a = q->tok[i].h, b = q->tok[i + 1].h;
    if (a == KW_PLEASE) return REQ_ACT;
    if ((a == KW_CAN || a == KW_D_COULD || a == KW_N_WOULD) && (b == KW_YOU || b == KW_PLEASE)) return REQ_ACT; /* "Can I pay by transfer?" asks leave, not a step */
    /* "Can I get a new one?", "How do we get some?": asks for a thing, which a step of ours on it meets */
    uint64_t c3 = i + 2 < q->ntok && q->tok[i + 2].end <= qs.end ? q->tok[i + 2].h : 0,
             c4 = i + 3 < q->ntok && q->tok[i + 3].end <= qs.end ? q->tok[i + 3].h : 0;
    if ((a == KW_CAN || a == KW_D_COULD) && (b == KW_I || b == KW_WE) && (c3 == KW_T_GET || c3 == KW_HAVE)) return REQ_THING;
    /* "How can I change it?", "What can I do?", "What I can do?": done for them, it is answered */
    if (a == KW_HOW && (b == KW_DO || b == KW_CAN) && (c3 == KW_I || c3 == KW_WE) && c4) return REQ_THING;
    if (a == KW_WHAT && ((b == KW_CAN || b == KW_A_SHOULD) && (c3 == KW_I || c3 == KW_WE) && c4 == KW_DO)) return REQ_THING;
    if (a == KW_WHAT && (b == KW_I || b == KW_WE) && (c3 == KW_CAN || c3 == KW_A_SHOULD) && c4 == KW_DO) return REQ_THING;
    return REQ_NONE;
}

/* "What are you going to do about it?", "I want to know what you intend to do", "What do you
 * propose?": the customer asks what we will do, so only a step, an offer or a plain no answers it.
 * "what", then "you" within three words, then "do", "doing" or "offer", with a word of what is to
 * come on the way (are, will, would, going, intend, plan: not "What can you do?", which asks what
 * is possible, nor "What did you do?" or a learner's "what you do with the old battery"), or
 * "propose" */
static bool future_word(uint64_t h)
{
    return h == KW_Y_ARE || h == KW_N_WILL || h == KW_N_WOULD || h == KW_A_YOUQRE || h == KW_Y_YOUQLL || h == KW_O_GOING ||
           h == KW_O_GONNA || h == KW_O_INTEND || h == KW_O_PLAN;
}

bool coach_question_asks_our_action(const ctext *q, coach_span qs)
{
    size_t i = coach_tok_from(q, qs.start), end = i;
    while (end < q->ntok && q->tok[end].end <= qs.end) end++;
    for (; i < end; i++) {
        if (q->tok[i].h != KW_WHAT) continue;
        bool future = false;
        size_t j = i + 1;
        for (; j < end && j <= i + 3; j++) {
            uint64_t h = q->tok[j].h;
            if (h == KW_YOU || h == KW_A_YOUQRE || h == KW_Y_YOUQLL) break;
            future |= future_word(h);
        }
        if (j >= end || j > i + 3) continue;
        future |= future_word(q->tok[j].h);
        for (size_t k = j + 1; k < end && k <= j + 4; k++) {
            uint64_t h = q->tok[k].h;
            if (h == KW_O_PROPOSE) return true;
            if (h == KW_DO || h == KW_W_DOING || h == KW_O_OFFER) {
                if (future) return true;
                break;
            }
            if (!future_word(h) && h != KW_TO) break; /* ("going to do", "intend to offer") */
            future |= future_word(h);
        }
    }
    return false;
}

/* how many of question qs's content words (at most 64) the reply shares: *nc of them, *hit shared */
void coach_question_overlap(const ctext *q, coach_span qs, const ctext *r, size_t *nc, size_t *hit)
{
    *nc = *hit = 0;
    for (size_t i = coach_tok_from(q, qs.start); i < q->ntok && q->tok[i].end <= qs.end && *nc < 64; i++) {
        const ctok *k = &q->tok[i];
        if (!content(k)) continue;
        ++*nc;
        if (reply_has_stem(r, k->stem)) ++*hit;
    }
}

void coach_question_own_overlap(const ctext *q, const coach_span *qs, size_t n, const ctext *r, size_t *nc, size_t *hit,
                                uint64_t *own_sents)
{
    /* each question's content words (64 at most), with a bit for every question that has them */
    enum { MAXW = 256, SLOTS = 2 * MAXW };
    struct own_word { uint64_t stem; uint32_t in; } w[MAXW];
    /* w's words by stem (open addressing, at most half full): index + 1, 0 = empty; a long
     * message's questions have a few hundred words, which a scan of w met once each */
    uint16_t slot[SLOTS];
    memset(slot, 0, sizeof slot);
    size_t nw = 0;
    for (size_t i = 0; i < n && i < 32; i++) {
        nc[i] = hit[i] = 0;
        own_sents[i] = 0;
        size_t seen = 0;
        for (size_t k = coach_tok_from(q, qs[i].start); k < q->ntok && q->tok[k].end <= qs[i].end && seen < 64; k++) {
            if (!content(&q->tok[k])) continue;
            seen++;
            uint64_t stem = q->tok[k].stem;
            size_t h = (size_t)((stem * 0x9E3779B97F4A7C15ULL) >> 55);
            while (slot[h] && w[slot[h] - 1].stem != stem) h = (h + 1) & (SLOTS - 1);
            size_t e = slot[h];
            if (e) e--;
            else {
                if (nw == MAXW) continue;
                e = nw;
                w[nw++] = (struct own_word){stem, 0};
                slot[h] = (uint16_t)nw;
            }
            w[e].in |= 1u << i;
        }
    }
    /* a word of one question only is that question's own */
    for (size_t e = 0; e < nw; e++) {
        if (w[e].in & (w[e].in - 1)) continue;
        size_t i = (size_t)__builtin_ctz(w[e].in);
        nc[i]++;
        uint64_t in;
        if (stem_sentences(r, w[e].stem, &in)) hit[i]++;
        own_sents[i] |= in;
    }
}

/* the reply's sentences (the first 64) that share a content word with question qs, a bit each:
 * coach_reply asks whether every one of them only defers ("will be reviewed shortly") */
uint64_t coach_answer_sentences(const ctext *q, coach_span qs, const ctext *r)
{
    /* the question's content stems (at most 32) and a 64-bit filter of them, so one pass over the
     * reply tests each of its words with a bit before comparing */
    uint64_t stems[32], filter = 0, mask = 0;
    size_t n = 0;
    for (size_t i = coach_tok_from(q, qs.start); i < q->ntok && q->tok[i].end <= qs.end && n < 32; i++) {
        const ctok *k = &q->tok[i];
        if (!content(k)) continue;
        stems[n++] = k->stem;
        filter |= 1ULL << (k->stem & 63);
    }
    /* with the reply's stem set, each stem's sentences are one lookup (stems 0 and 1 share a
     * slot there, so a question with either scans as below) */
    bool lookup = r->stems != NULL;
    for (size_t i = 0; i < n && lookup; i++) lookup = stems[i] > 1;
    if (lookup) {
        for (size_t i = 0; i < n; i++)
            for (size_t s = coach_slot(stems[i], r->stem_mask); r->stems[s]; s = (s + 1) & r->stem_mask)
                if (r->stems[s] == stems[i]) { mask |= r->stem_sents[s]; break; }
        return mask;
    }
    for (size_t j = 0; j < r->ntok && r->tok[j].sent < 64; j++) {
        uint64_t st = r->tok[j].stem;
        if (!(filter >> (st & 63) & 1)) continue;
        for (size_t i = 0; i < n; i++)
            if (stems[i] == st) { mask |= 1ULL << r->tok[j].sent; break; }
    }
    return mask;
}
