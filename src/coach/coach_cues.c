/* coach_cues: cues the phrase tables cannot list, recognised by their parts (issue 12).
 *
 * Repeat contact is the customer saying they contacted us before. "Again", "twice" or "third
 * time" alone say the trouble recurs ("charged twice", "late again"), not that they wrote: so
 * a sentence counts when it holds the customer (I, we), a contact word (wrote, called, rang,
 * sent, on hold, in touch...) and a repetition marker (twice, N times, third time, already,
 * again, every day...), and the contact word's object is not another party ("I called the bank
 * twice"). The phrase table keeps the plain forms ("I was told", "my previous ticket"). */
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"


/* other parties: "I called the bank" is not a contact with us */
#define OTHERS_WORDS(X) \
    X(KW_BANK) X(KW_POLICE) X(KW_COURIER) X(KW_LANDLORD) X(KW_COUNCIL) X(KW_INSURER) X(KW_DOCTOR) \
    X(KW_GP) X(KW_VET) X(KW_LAWYER) X(KW_SOLICITOR) X(KW_HUSBAND) X(KW_WIFE) X(KW_SON) X(KW_DAUGHTER) \
    X(KW_MUM) X(KW_MOM) X(KW_DAD) X(KW_FRIEND) X(KW_MANUFACTURER) X(KW_SELLER) X(KW_AIRLINE) \
    X(KW_EMBASSY) X(KW_HOSPITAL) X(KW_PHARMACY) X(KW_EMPLOYER) X(KW_BOSS) X(KW_BROKER) X(KW_AGENCY) \
    X(KW_SUPPLIER)
KWSET(others, OTHERS_WORDS)

bool coach_someone_else(const ctext *t, uint32_t from, uint32_t end)
{
    uint32_t stop = from + 5 < end ? from + 5 : end;
    for (uint32_t i = from; i < stop; i++)
        if (others_has(t->tok[i].h)) return true;
    return false;
}

#define CONTACT_WORDS(X) \
    X(KW_C_WRITE) X(KW_C_WROTE) X(KW_C_WRITTEN) X(KW_C_WRITING) X(KW_C_SENT) X(KW_C_CALL) \
    X(KW_C_CALLED) X(KW_C_CALLING) X(KW_C_RANG) X(KW_C_RUNG) X(KW_C_RINGING) X(KW_C_PHONED) X(KW_C_TELEPHONED) \
    X(KW_C_PHONING) X(KW_C_EMAILED) X(KW_C_EMAILING) X(KW_C_CONTACTED) X(KW_C_CONTACTING) \
    X(KW_C_CHATTED) X(KW_C_MESSAGED) X(KW_C_MESSAGING) X(KW_C_ASKED) X(KW_C_ASKING) X(KW_C_TOLD) \
    X(KW_C_REPORTED) X(KW_C_COMPLAINED) X(KW_C_CHASED) X(KW_C_CHASING) X(KW_C_TOUCH) X(KW_C_HOLD) \
    X(KW_C_RAISED) X(KW_C_EXPLAINED) X(KW_C_MENTIONED) X(KW_C_SUBMITTED) X(KW_A_ASK) X(KW_H_NOTIFIED) X(KW_A_EMAIL)
KWSET(contact, CONTACT_WORDS)
#define ORDINAL_WORDS(X) \
    X(KW_C_SECOND) X(KW_C_THIRD) X(KW_C_FOURTH) X(KW_C_FIFTH) X(KW_C_2ND) X(KW_C_3RD) X(KW_C_4TH) \
    X(KW_C_5TH) X(KW_C_EVERY)
KWSET_WALK(ordinal, ORDINAL_WORDS, KWW_ORDINAL)
#define COUNTED_WORDS(X) \
    X(KW_TWO) X(KW_THREE) X(KW_FOUR) X(KW_FIVE) X(KW_SIX) X(KW_SEVEN) X(KW_EIGHT) X(KW_NINE) X(KW_TEN) \
    X(KW_MANY) X(KW_C_SEVERAL) X(KW_C_MULTIPLE) X(KW_C_NUMEROUS) X(KW_C_COUNTLESS)
KWSET(counted, COUNTED_WORDS)
#define MARKER_WORDS(X) \
    X(KW_C_TWICE) X(KW_C_ALREADY) X(KW_C_AGAIN) X(KW_C_REPEATEDLY) X(KW_C_PREVIOUSLY) X(KW_C_DAILY)
KWSET(marker, MARKER_WORDS)
#define PERSON_WORDS(X) \
    X(KW_I) X(KW_WE) X(KW_C_IM) X(KW_C_IVE) X(KW_C_ID) X(KW_C_WERE) X(KW_C_WEVE)
KWSET(person, PERSON_WORDS)

/* token i says "more than once": twice, already, again, "N times", "third time", "every day" */
static bool repeats(const ctext *t, uint32_t i, uint32_t t0)
{
    uint64_t h = t->tok[i].h;
    if (marker_has(h)) return true;
    if (i == t0) return false;
    uint64_t before = t->tok[i - 1].h;
    if (h == KW_C_TIMES) return t->tok[i - 1].kind == TK_NUM || counted_has(before);
    if (h == KW_C_TIME || h == KW_DAY) return ordinal_has(before);
    return false;
}

bool coach_repeat_to_others(const ctext *t)
{
    bool any = false;
    for (size_t i = 0; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->layer != L_CUE || m->p->kind != COACH_KIND_CUE || m->p->code != COACH_CUE_REPEAT) continue;
        const csent *s = &t->sent[t->tok[m->t0].sent];
        bool others = false;
        for (uint32_t j = s->t0; j < s->t1 && !others; j++) others = others_has(t->tok[j].h);
        if (!others) return false;
        any = true;
    }
    return any;
}

#define NEED_WORDS(X) X(KW_U_NEED) X(KW_U_NEEDS) X(KW_U_NEEDED) X(KW_U_MUST) X(KW_U_REQUIRE) X(KW_U_CANNOT) X(KW_U_CANT)
KWSET(need, NEED_WORDS)
#define SOON_WORDS(X) X(KW_TODAY) X(KW_TONIGHT) X(KW_TOMORROW) X(KW_U_DEADLINE) X(KW_MONDAY) X(KW_TUESDAY) \
    X(KW_WEDNESDAY) X(KW_THURSDAY) X(KW_FRIDAY) X(KW_SATURDAY) X(KW_SUNDAY)
KWSET(soon, SOON_WORDS)

/* a contact told with when it was: "I asked two weeks ago", "I asked back in October", "rang on
 * Wednesday to check", "notified you in writing on 1 July" */
static bool dated_before(const ctext *t, const csent *s, uint32_t verb)
{
    for (uint32_t j = verb + 1; j < s->t1 && j <= verb + 8; j++) {
        uint64_t h = t->tok[j].h, n = j + 1 < s->t1 ? t->tok[j + 1].h : 0;
        if (h == KW_H_AGO || (h == KW_H_BACK && n == KW_IN) || (h == KW_ON && j + 1 < s->t1 && (soon_has(n) || t->tok[j + 1].kind == TK_NUM)))
            return true;
    }
    return false;
}

/* a phrase of repeat contact from the table, read in its sentence. Not a contact with another
 * party: named after it ("I called the bank"), or before it, the I of a clause about them ("the
 * parents I've spoken to", "every other caterer I've rung"); not an "already" that owns or paid
 * ("we already have plans", "I already paid"); not another's "already asked" ("two colleagues
 * have already asked where I got them"); not "I wrote it down"; not "N times before" with no
 * contact in the sentence ("stopped me several times before I finished") */
#define WHEN_WORDS(X) X(KW_WEEK) X(KW_MONTH) X(KW_MORNING) X(KW_AFTERNOON) X(KW_EVENING) X(KW_NIGHT) X(KW_M_YEAR) \
    X(KW_H_AGO) X(KW_C_TIME) X(KW_C_TIMES) X(KW_TODAY) X(KW_TONIGHT) X(KW_R5_ROW)
KWSET(when_word, WHEN_WORDS)

bool coach_repeat_stands(const ctext *t, const cmatch *m, const csent *s)
{
    if (coach_someone_else(t, m->t1, s->t1)) return false;
    uint32_t a = m->t0, z = m->t1 - 1;
    uint64_t first = t->tok[a].h, last = t->tok[z].h, next = m->t1 < s->t1 ? t->tok[m->t1].h : 0;
    if (last == KW_C_ALREADY && (next == KW_HAVE || next == KW_U_HAS || next == KW_P_HAD || next == KW_R5_PAID || next == KW_R5_BOUGHT ||
                                 next == KW_R5_BOOKED || next == KW_T_ORDERED || next == KW_A_KNOW || next == KW_R5_GOT))
        return false;
    if (first == KW_C_ALREADY) {
        bool me = false;
        for (uint32_t j = a; j > s->t0 && j + 4 > a; j--) me |= person_has(t->tok[j - 1].h);
        if (!me) return false;
    }
    if (person_has(first) && a > s->t0 + 1) {
        const ctok *b = &t->tok[a - 1];
        bool apart = false; /* a comma or a dash between: "... this mistake - I emailed" */
        for (uint32_t q = b->end; q < t->tok[a].start && !apart; q++) apart = t->s[q] != ' ';
        if (b->kind == TK_WORD && !apart && !tok_has(b, COACH_W_STOP) && !(b->flags & TF_INITCAP) && !when_word_has(b->h) &&
            !(b->end - b->start > 3 && t->fold[b->end - 2] == 'l' && t->fold[b->end - 1] == 'y'))
            return false;
    }
    if (last == KW_C_WROTE && (next == KW_Y_IT || next == KW_H_DOWN || next == KW_THAT || next == KW_THIS)) return false;
    /* "I was told they'd take 3 weeks" is what the sale promised, not a contact since: being told
     * is one only with a sign of the exchange in its sentence ("I was told on chat last Thursday",
     * "... that someone would call me back", "when I rang", "Both times I was told"); so is having
     * explained, raised or mentioned it ("I explained that my main symptoms were ..." at the visit) */
    if ((last == KW_C_TOLD || last == KW_C_EXPLAINED || last == KW_C_RAISED || last == KW_C_MENTIONED) && first != KW_C_ALREADY) {
        bool exchange = false;
        for (uint32_t j = s->t0; j < s->t1 && !exchange; j++) {
            if (j >= a && j <= z) continue;
            uint64_t h = t->tok[j].h;
            exchange = contact_has(h) || when_word_has(h) || soon_has(h) || h == KW_A_RING || h == KW_A_PHONE || h == KW_A_CHAT;
        }
        if (!exchange) return false;
    }
    if (last == KW_BEFORE) {
        bool contact = false;
        for (uint32_t j = s->t0; j < s->t1 && !contact; j++) contact = contact_has(t->tok[j].h);
        if (!contact) return false;
    }
    return true;
}

/* the words that start a test in coach_said_before's first walk (repeats: its markers and "time",
 * "times", "day") */
#define SAID_CUES(X) PERSON_WORDS(X) X(KW_A_SORRY) CONTACT_WORDS(X) MARKER_WORDS(X) X(KW_C_TIMES) X(KW_C_TIME) X(KW_DAY)
KWSET_WALK(said_cue, SAID_CUES, KWW_SAID_CUE)

bool coach_said_before(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        /* the customer is the one who wrote: I or we at most four words before the contact
         * word ("I've now sent", "I'm getting in touch", "I am write"), not "a code sent to me" */
        if (!(s->kw & (KWW_BIT(SAID_CUE) | KWW_BIT(ORDINAL)))) continue; /* (both walks below find nothing) */
        int64_t verb = -1, mark = -1, me = -8;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            if (k->word < 0) continue; /* every word below is in the lexicon */
            if (!said_cue_in(t->kwm[i])) continue; /* and is one of these */
            if (person_has(k->h) || (k->h == KW_A_SORRY && i == s->t0)) me = i; /* "Sorry to email again" */
            else if (verb < 0 && i - me <= 4 && contact_has(k->h) && !coach_someone_else(t, i + 1, s->t1)) verb = i;
            else if (mark < 0 && repeats(t, i, s->t0))
                mark = (k->h == KW_C_TIME || k->h == KW_C_TIMES || k->h == KW_DAY) ? i - 1 : i; /* "third time", "four times" */
        }
        /* "3rd time asking", "Fourth email.": the count and the contact with no "I" between */
        for (uint32_t i = s->t0; i + 1 < s->t1 && verb < 0 && (s->kw & KWW_BIT(ORDINAL)); i++) {
            uint64_t h = t->tok[i].h, n = t->tok[i + 1].h, n2 = i + 2 < s->t1 ? t->tok[i + 2].h : 0;
            if (!ordinal_has_in(t->kwm[i], h) || h == KW_C_EVERY) continue;
            if (n == KW_A_EMAIL || n == KW_C_CALL || (n == KW_C_TIME && contact_has(n2))) verb = mark = i;
        }
        if (verb >= 0 && mark < 0 && (t->tok[verb].h == KW_C_ASKED || t->tok[verb].h == KW_A_ASK || t->tok[verb].h == KW_C_RANG ||
                                      t->tok[verb].h == KW_C_EMAILED || t->tok[verb].h == KW_C_WROTE || t->tok[verb].h == KW_C_CALLED ||
                                      t->tok[verb].h == KW_C_PHONED || t->tok[verb].h == KW_C_TELEPHONED || t->tok[verb].h == KW_H_NOTIFIED) &&
            dated_before(t, s, (uint32_t)verb))
            mark = verb;
        if (verb >= 0 && mark >= 0) {
            uint32_t a = (uint32_t)(verb < mark ? verb : mark), b = (uint32_t)(verb < mark ? mark : verb);
            if (why) *why = (coach_span){t->tok[a].start, t->tok[b].end};
            return true;
        }
    }
    return false;
}

/* Time pressure in the customer's words, without "urgent": a need ("need", "must", "have to",
 * "can't") and a near deadline ("today", "tonight", "tomorrow morning", "right now", "by
 * Friday", "deadline") in one sentence: "We need the full export for our close on Friday",
 * "I have to check in tonight". "Arrived today, thanks!" has no need and is not urgent. */

/* an event with a date that will not move: "My sister's wedding is on Saturday", "I've a big
 * presentation on Thursday", "our warehouse closes at 5", "my slot expires at 6" */
#define EVENT_WORDS(X) \
    X(KW_E_WEDDING) X(KW_E_PRESENTATION) X(KW_E_EXAM) X(KW_E_INTERVIEW) X(KW_E_FUNERAL) X(KW_E_EXHIBITION) \
    X(KW_E_FLIGHT) X(KW_E_PARTY) X(KW_E_OPENS) X(KW_E_CLOSES) X(KW_E_EXPIRES) X(KW_E_APPOINTMENT) X(KW_E_ELECTION) \
    X(KW_E_MEETING) X(KW_E_TERM) X(KW_E_SUMMONS) X(KW_E_COURT) X(KW_E_LEAVES) X(KW_E_STARTS) X(KW_E_EXPIRE) X(KW_E_HEARING) X(KW_DUE) \
    X(KW_H_WEBINAR) X(KW_H_RELEASE) X(KW_H_LAUNCH) X(KW_H_OPENING) X(KW_H_CEREMONY) X(KW_H_MARATHON) X(KW_H_RACE) \
    X(KW_H_START) X(KW_H_MOCK) X(KW_T_ENDS) X(KW_D_SURGERY) X(KW_T_OPERATION) X(KW_T_BIRTHDAY) X(KW_T_HOLIDAY) \
    X(KW_T_PAYMENT) X(KW_T_SALARY) X(KW_T_FLY) X(KW_T_FLYING) X(KW_T_DEMO) X(KW_T_AUDITION) X(KW_R5_CONCERT) \
    X(KW_R5_RECITAL) X(KW_R5_GIG) X(KW_R5_PERFORMANCE) X(KW_R5_CLOSING) X(KW_R5_COMPLETION) X(KW_R5_TOURNAMENT) \
    X(KW_R5_COMPETITION) X(KW_R5_GRADUATION)
KWSET(event, EVENT_WORDS)

/* something running out: "She has 2 tablets left", "only 2 days of food left", "one pen left" */
static bool running_low(const ctext *t, const csent *s, uint32_t i)
{
    if (t->tok[i].h != KW_E_LEFT || i + 1 != s->t1) return false; /* "left" ends the sentence */
    for (uint32_t j = i; j > s->t0 && j + 5 > i; j--) {
        const ctok *n = &t->tok[j - 1];
        if (n->kind == TK_NUM || n->h == KW_A_ONE || counted_has(n->h)) return true;
    }
    return false;
}

/* a clock time: "2pm", "7am", "5 pm", "17:30", "midnight" */
static bool clock_time(const ctext *t, const csent *s, uint32_t i)
{
    const ctok *k = &t->tok[i];
    if (k->h == KW_MIDNIGHT) return true;
    if (k->kind != TK_NUM) return false;
    size_t n = k->end - k->start;
    if (n >= 3 && (k->flags & TF_ASCII) && (t->fold[k->end - 2] == 'a' || t->fold[k->end - 2] == 'p') && t->fold[k->end - 1] == 'm')
        return true;
    if (i + 1 < s->t1 && (t->tok[i + 1].h == KW_H_PM || t->tok[i + 1].h == KW_H_AM)) return true;
    return k->end + 1 < t->len && t->s[k->end] == ':' && t->s[k->end + 1] >= '0' && t->s[k->end + 1] <= '9' && n <= 2;
}

/* A loss happening now, which will not wait whatever the customer asks (the blind brief's
 * "a loss happening now, something they cannot do until fixed"): a service down ("internet has
 * been down since 9", "stopped working"), a hazard ("a smell of gas", "water gushing", "my dog
 * ate a bar of chocolate"), a customer stranded ("I'm standing at your desk"), or a failure
 * that has gone on since a time today or yesterday ("no power since 6am") */
#define NOW_WORDS(X) \
    X(KW_H_DOWN) X(KW_H_STOPPED) X(KW_H_GAS) X(KW_H_GUSHING) X(KW_H_FLOODING) X(KW_H_SMOKE) X(KW_H_FIRE) X(KW_H_ATE) \
    X(KW_H_SWALLOWED) X(KW_H_STANDING) X(KW_H_STRANDED) X(KW_W_STUCK) X(KW_SINCE) X(KW_H_BURST) \
    X(KW_A_ITQS) X(KW_T_ITS) X(KW_Y_IT) X(KW_W_WAITING) X(KW_H_AGO) X(KW_T_LOSING) X(KW_T_LOOSING) X(KW_T_COSTS) \
    X(KW_T_COSTING) X(KW_T_WATER) X(KW_T_WATERQS) X(KW_T_RAIN) X(KW_T_HURT) X(KW_T_GLASS) X(KW_A_LAST) X(KW_T_LOSE) \
    X(KW_VET) X(KW_HOSPITAL)
KWSET_WALK(now_word, NOW_WORDS, KWW_NOW_WORD)
/* what a business loses while it waits: "I'm losing customers", "loosing my clients' emails" */
#define TRADE_WORDS(X) X(KW_E_CUSTOMERS) X(KW_T_CLIENTS) X(KW_T_MONEY) X(KW_T_SALES) X(KW_T_BOOKINGS) X(KW_T_ORDERS) X(KW_BUSINESS)
KWSET(trade, TRADE_WORDS)

/* token i starts a time of day given as now: "it's 11:50", "its 5.30", "it is now 10pm"; the
 * index of the time, or 0 */
static uint32_t time_now(const ctext *t, const csent *s, uint32_t i)
{
    uint64_t h = t->tok[i].h;
    uint32_t j = i + 1;
    if (h == KW_Y_IT) {
        if (j >= s->t1 || t->tok[j].h != KW_IS) return 0;
        j++;
    } else if (h != KW_A_ITQS && h != KW_T_ITS) return 0;
    if (j < s->t1 && (t->tok[j].h == KW_U_NOW || t->tok[j].h == KW_C_ALREADY)) j++;
    if (j >= s->t1 || t->tok[j].kind != TK_NUM) return 0;
    if (clock_time(t, s, j)) return j;
    const ctok *n = &t->tok[j]; /* "5.30", "11:50" as one token */
    size_t len = n->end - n->start;
    return len >= 4 && len <= 5 && (memchr(t->s + n->start, '.', len) || memchr(t->s + n->start, ':', len)) ? j : 0;
}

/* a wait counted in minutes or hours, or a start that many minutes ago: "3rd hour waiting",
 * "waiting 45 minutes", "our lesson started 10 mins ago" */
static bool short_wait(const ctext *t, const csent *s, uint32_t i)
{
    uint32_t a = i >= s->t0 + 3 ? i - 3 : s->t0, b = i + 4 < s->t1 ? i + 4 : s->t1;
    for (uint32_t j = a; j < b; j++) {
        uint64_t u = t->tok[j].h;
        if (u == KW_HOUR || u == KW_HOURS || u == KW_MINUTES || u == KW_MINS || u == KW_U_MIN) return true;
    }
    return false;
}

/* token i starts a loss that goes on: "losing customers", "every day costs me £200" */
static bool losing_now(const ctext *t, const csent *s, uint32_t i)
{
    uint64_t h = t->tok[i].h;
    if (h == KW_T_LOSING || h == KW_T_LOOSING) {
        for (uint32_t j = i + 1; j < s->t1 && j <= i + 3; j++)
            if (trade_has(t->tok[j].h)) return true;
        return false;
    }
    if (h != KW_T_COSTS && h != KW_T_COSTING) return false;
    for (uint32_t j = s->t0; j < s->t1; j++)
        if (t->tok[j].h == KW_DAY && j > s->t0 && (t->tok[j - 1].h == KW_C_EVERY || t->tok[j - 1].h == KW_A || t->tok[j - 1].h == KW_T_PER))
            return true;
    return false;
}

/* what cannot be lost: "I could lose my job", "we'll lose the house" */
static bool could_lose(const ctext *t, const csent *s, uint32_t i)
{
    if (t->tok[i].h != KW_T_LOSE) return false;
    for (uint32_t j = i + 1; j < s->t1 && j <= i + 3; j++) {
        uint64_t h = t->tok[j].h;
        if (h == KW_T_JOB || h == KW_T_HOME || h == KW_T_HOUSE || h == KW_BUSINESS || trade_has(h)) return true;
    }
    return false;
}

/* on the way to the vet or the hospital now: "We're on the way to the vet now" */
static bool on_the_way(const ctext *t, const csent *s, uint32_t i)
{
    uint64_t h = t->tok[i].h;
    if (h != KW_VET && h != KW_HOSPITAL) return false;
    bool way = false, now = false;
    for (uint32_t j = s->t0; j < s->t1; j++) {
        way |= t->tok[j].h == KW_T_WAY;
        now |= t->tok[j].h == KW_U_NOW;
    }
    return way && now;
}

/* water getting in: "water's coming through the ceiling", "rain is still pouring in" */
static bool water_in(const ctext *t, const csent *s, uint32_t i)
{
    uint64_t h = t->tok[i].h;
    if (h != KW_T_WATER && h != KW_T_WATERQS && h != KW_T_RAIN) return false;
    for (uint32_t j = i + 1; j < s->t1 && j <= i + 4; j++) {
        uint64_t n = t->tok[j].h;
        if (n == KW_T_COMING || n == KW_T_POURING || n == KW_T_DRIPPING || n == KW_W_LEAKING) return true;
    }
    return false;
}

/* the sentence tells of something not working: "no power", "still nothing", "without heating" */
static bool tells_broken(const ctext *t, const csent *s)
{
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (k->mod == COACH_MOD_NEGATOR || h == KW_NO || h == KW_W_WITHOUT || h == KW_W_STILL || h == KW_H_DOWN || h == KW_H_STOPPED ||
            h == KW_T_SICK || /* "my cat is being sick since last night" */
            h == KW_W_REJECTED || h == KW_W_ERROR || h == KW_W_FAILING || h == KW_W_DECLINED || h == KW_H_BOUNCING)
            return true;
    }
    return false;
}

static bool happening_now(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        if (!(s->kw & KWW_BIT(NOW_WORD))) continue; /* (the walk below passes over every token) */
        int64_t since = -1;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            if (!now_word_has_in(t->kwm[i], k->h)) continue; /* one bit test turns most words away */
            uint64_t h = k->h, n = i + 1 < s->t1 ? t->tok[i + 1].h : 0, p = i > s->t0 ? t->tok[i - 1].h : 0;
            bool hit =
                /* "has been down", "is down", "it's down" (not "slowed down", "put it down since") */
                (h == KW_H_DOWN && (p == KW_BEEN || p == KW_IS || p == KW_A_ITQS)) ||
                (h == KW_H_STOPPED && (n == KW_W_WORKING || n == KW_W_LOADING || (i + 1 < s->t1 && tok_ing(t, &t->tok[i + 1])))) ||
                (h == KW_H_GAS && (p == KW_H_SMELL || p == KW_OF || n == KW_H_LEAK)) || h == KW_H_GUSHING || h == KW_H_FLOODING ||
                h == KW_H_SMOKE || (h == KW_H_FIRE && p != KW_ON) || (h == KW_H_BURST && (p == KW_U_HAS || p == KW_IS || p == KW_A_ITQS)) ||
                ((h == KW_H_ATE || h == KW_H_SWALLOWED) && i > s->t0 && !(p == KW_I || p == KW_WE)) ||
                ((h == KW_H_STANDING || h == KW_H_STRANDED || h == KW_W_STUCK) && (n == KW_AT || n == KW_IN || n == KW_H_OUTSIDE || n == KW_W_HERE) &&
                 p != KW_W_GETTING) ||
                ((h == KW_W_WAITING || h == KW_H_AGO) && short_wait(t, s, i)) || losing_now(t, s, i) ||
                water_in(t, s, i) || could_lose(t, s, i) || on_the_way(t, s, i) ||
                /* "someone's going to get hurt", "there's broken glass", "frozen 6 times in the last 15 minutes" */
                (h == KW_T_HURT && p == KW_T_GET) || (h == KW_T_GLASS && p == KW_W_BROKEN) ||
                (h == KW_A_LAST && i + 2 < s->t1 && t->tok[i + 1].kind == TK_NUM &&
                 (t->tok[i + 2].h == KW_MINUTES || t->tok[i + 2].h == KW_MINS || t->tok[i + 2].h == KW_U_MIN || t->tok[i + 2].h == KW_HOURS));
            uint32_t clock = hit ? 0 : time_now(t, s, i);
            if (hit || clock) {
                if (why) *why = (coach_span){k->start, clock ? t->tok[clock].end : k->end};
                return true;
            }
            /* "since 6am", "since this morning", "since yesterday", "since Saturday" */
            if (h == KW_SINCE && i + 1 < s->t1) {
                const ctok *x = &t->tok[i + 1];
                if (clock_time(t, s, i + 1) || x->h == KW_THIS || x->h == KW_H_YESTERDAY || soon_has(x->h) ||
                    (x->h == KW_A_LAST && i + 2 < s->t1 && (t->tok[i + 2].h == KW_NIGHT || t->tok[i + 2].h == KW_WEEK)) ||
                    (x->kind == TK_NUM && x->end - x->start <= 2 && !(i + 2 < s->t1 && tok_has(&t->tok[i + 2], COACH_W_TIME))))
                    since = i;
            }
        }
        if (since >= 0 && tells_broken(t, s)) {
            if (why) *why = (coach_span){t->tok[since].start, t->tok[since + 1].end};
            return true;
        }
    }
    return false;
}

/* some sentence of the message tells of something not working */
static bool message_tells_broken(const ctext *t)
{
    for (size_t si = 0; si < t->nsent; si++)
        if (tells_broken(t, &t->sent[si])) return true;
    return false;
}

/* a home too cold while the heating is out: "it's 12 degrees in my room" where something is not
 * working (a sentence of the message tells it) */
static bool cold_home(const ctext *t, coach_span *why)
{
    for (size_t i = 1; i < t->ntok; i++) {
        if (t->tok[i].h != KW_T_DEGREES || t->tok[i - 1].kind != TK_NUM) continue;
        const ctok *n = &t->tok[i - 1];
        if (n->end - n->start > 2) continue; /* "16 degrees", not "180 degrees" */
        if (!message_tells_broken(t)) return false;
        if (why) *why = (coach_span){n->start, t->tok[i].end};
        return true;
    }
    return false;
}

/* every test of a word (not a number) in the first walk below starts from one of these: the
 * other words are passed over with one bit test of their filter */
#define PRESSURE_CUES(X) NEED_WORDS(X) EVENT_WORDS(X) SOON_WORDS(X) X(KW_E_LEFT) X(KW_TO) X(KW_BEFORE) X(KW_BY) \
    X(KW_U_NOW) X(KW_TODAY) X(KW_MIDNIGHT) X(KW_WEEK) X(KW_HOURS)
KWSET_WALK(pressure_cue, PRESSURE_CUES, KWW_PRESSURE_CUE)

/* the words the last walk below looks for: the rest are passed over with one bit test */
#define NEAR_CUES(X) X(KW_TONIGHT) X(KW_TOMORROW) X(KW_U_BOARDING) X(KW_MINUTES) X(KW_MINS) X(KW_U_MIN) X(KW_HOURS) X(KW_U_NOW)
KWSET_WALK(near_cue, NEAR_CUES, KWW_NEAR_CUE)

bool coach_time_pressure(const ctext *t, coach_span *why)
{
    if (happening_now(t, why) || cold_home(t, why)) return true;
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        if (!(s->kw & (KWW_BIT(PRESSURE_CUE) | KWW_BIT(NUM)))) continue; /* (the walk below passes over every token) */
        int64_t need = -1, soon = -1;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            uint64_t h = k->h;
            if (k->word < 0 && k->kind != TK_NUM) continue; /* every word below is in the lexicon; numbers start dates */
            if (k->kind != TK_NUM && !pressure_cue_in(t->kwm[i])) continue;
            if (running_low(t, s, i)) {
                if (why) *why = (coach_span){t->tok[i > s->t0 + 3 ? i - 3 : s->t0].start, k->end};
                return true;
            }
            /* an event that will not wait stands for a need; so does "before Friday", "by 5pm" */
            if (need_has(h) || event_has(h) || (h == KW_TO && i > s->t0 && (t->tok[i - 1].h == KW_HAVE || t->tok[i - 1].h == KW_U_HAS)) ||
                ((h == KW_BEFORE || h == KW_BY) && i + 1 < s->t1 && soon_has(t->tok[i + 1].h)))
                need = need < 0 ? i : need;
            else if ((h == KW_U_NOW || h == KW_TODAY) && (k->flags & TF_CAPS) && t->mixed_case)
                need = soon = i; /* "I want them back NOW": a demand and a deadline in one word */
            else if (soon_has(h) || (h == KW_U_NOW && i > s->t0 && t->tok[i - 1].h == KW_U_RIGHT) || clock_time(t, s, i) ||
                     (h == KW_U_NOW && i + 1 == s->t1 && i > s->t0 + 2) || /* "I need the charge reversed now." */
                     (h == KW_WEEK && i > s->t0 && t->tok[i - 1].h == KW_THIS) ||
                     (h == KW_HOURS && i > s->t0 && t->tok[i - 1].kind == TK_NUM) ||
                     /* "closes at 5": a bare hour after "at" */
                     (k->kind == TK_NUM && i > s->t0 && t->tok[i - 1].h == KW_AT && k->end - k->start <= 2 && k->start < t->len &&
                      (t->s[k->start] != '0' && (k->end - k->start == 1 || t->s[k->start] <= '2'))) ||
                     /* a date: "on 2 December" (a number, then a month or a day) */
                     (k->kind == TK_NUM && i + 1 < s->t1 && tok_has(&t->tok[i + 1], COACH_W_TIME) && t->tok[i + 1].word >= 0 &&
                      !soon_has(t->tok[i + 1].h)))
                soon = soon < 0 ? i : soon;
        }
        if (need >= 0 && soon >= 0) {
            uint32_t a = (uint32_t)(need < soon ? need : soon), b = (uint32_t)(need < soon ? soon : need);
            if (why) *why = (coach_span){t->tok[a].start, t->tok[b].end};
            return true;
        }
    }
    /* or the very near future and something asked of us: "my flight leaves tomorrow at 8am ...
     * Will I be allowed to board?", "boarding in 15 min, can u resend it??" (a weekday is not near
     * enough without a need: "Can you deliver on Friday?") */
    int64_t near = -1;
    for (size_t si = 0; si < t->nsent && near < 0; si++) {
        const csent *s = &t->sent[si];
        if (!(s->kw & KWW_BIT(NEAR_CUE))) continue;
        for (uint32_t i = s->t0; i < s->t1 && near < 0; i++) {
            const ctok *k = &t->tok[i];
            if (k->word < 0 || !near_cue_in(t->kwm[i])) continue;
            uint64_t h = k->h;
            if ((h == KW_TONIGHT || h == KW_TOMORROW || h == KW_U_BOARDING ||
                 ((h == KW_MINUTES || h == KW_MINS || h == KW_U_MIN || h == KW_HOURS) && i > s->t0 &&
                  t->tok[i - 1].kind == TK_NUM && i >= s->t0 + 2 && t->tok[i - 2].h == KW_IN) ||
                 (h == KW_U_NOW && i > s->t0 && t->tok[i - 1].h == KW_U_RIGHT)))
                near = i;
        }
    }
    /* "wifi down again, got a client call in 20 min": minutes away is near enough without a
     * question where something is not working ("got my car going in 10 minutes" is praise) */
    bool minutes = near >= 0 && (t->tok[near].h == KW_MINUTES || t->tok[near].h == KW_MINS || t->tok[near].h == KW_U_MIN);
    if (near >= 0 && (coach_asks_something(t) || (minutes && message_tells_broken(t)))) {
        if (why) *why = (coach_span){t->tok[near].start, t->tok[near].end};
        return true;
    }
    return false;
}

/* Something went wrong, told in plain words: the usual complaint to a helpdesk is a report of a
 * failure we are answerable for, not a phrase like "I want to complain" ("the jacket has a
 * broken zip", "my parcel says delivered but it's not here", "charged twice", "the engineer
 * never came"). A failure word (broken, missing, damaged, delayed, charged twice...) or a
 * denied delivery verb ("never arrived", "didn't work", "not delivered", "hasn't come") counts. */
#define FAILED_WORDS(X) \
    X(KW_W_BROKEN) X(KW_W_BROKE) X(KW_W_SPLIT) X(KW_W_MISSING) X(KW_W_DAMAGED) X(KW_W_DELAYED) \
    X(KW_W_CANCELLED) X(KW_W_CANCELED) X(KW_W_WRONG) X(KW_W_RIPPED) X(KW_W_TORN) X(KW_W_TEAR) \
    X(KW_W_SCRATCH) X(KW_W_SCRATCHED) X(KW_W_STAINED) X(KW_W_DIRTY) X(KW_W_LEAKING) X(KW_W_LEAKS) \
    X(KW_W_FAULTY) X(KW_W_DEFECTIVE) X(KW_W_ERROR) X(KW_W_FAILED) X(KW_W_FAILING) X(KW_W_OUTAGE) \
    X(KW_W_CRASHES) X(KW_W_CRASHING) X(KW_W_CRASHED) X(KW_W_STUCK) X(KW_W_OVERCHARGED) X(KW_W_SPILLED) \
    X(KW_W_INVALID) X(KW_W_BLOCKED) X(KW_W_DISCONNECTED) X(KW_W_CRACKED) X(KW_W_SMASHED) \
    X(KW_W_REJECTED) X(KW_W_DECLINED) X(KW_W_FROZEN) X(KW_W_UNUSABLE) X(KW_W_MOULDY) X(KW_W_MOLDY) \
    X(KW_W_ROTTEN) X(KW_W_FLOODED) X(KW_W_DELETED) X(KW_W_WIPED) X(KW_W_ERASED) X(KW_W_LOST) X(KW_W_DISAPPEARED) \
    X(KW_W_VANISHED) X(KW_W_GONE) X(KW_H_SNAPPED) X(KW_H_TORE) X(KW_H_RUINED) X(KW_H_HOLES) X(KW_H_ERRORS) \
    X(KW_H_EMPTY) X(KW_T_BENT) X(KW_T_HOLE) X(KW_T_CRACK)
KWSET(failed, FAILED_WORDS)
/* failures a customer can cause themselves: "I had to cancel", "I deleted it by accident", "I've lost my card" */
#define OWN_DOING_WORDS(X) X(KW_W_CANCELLED) X(KW_W_CANCELED) X(KW_W_WRONG) X(KW_W_DELETED) X(KW_W_WIPED) X(KW_W_ERASED) \
    X(KW_W_LOST) X(KW_W_GONE) X(KW_W_FAILED)
KWSET(own_doing, OWN_DOING_WORDS)
#define DELIVERED_WORDS(X) \
    X(KW_W_ARRIVED) X(KW_W_ARRIVE) X(KW_W_CAME) X(KW_W_COME) X(KW_W_WORK) X(KW_W_WORKS) X(KW_W_WORKING) \
    X(KW_W_DELIVERED) X(KW_W_RECEIVED) X(KW_W_REFLECT) X(KW_W_REFLECTED) X(KW_W_TURNED) X(KW_W_SHOWED) \
    X(KW_W_REPLIED) X(KW_W_RESPOND) X(KW_W_RESPONDED) X(KW_W_INFORMED) X(KW_W_CONNECT) X(KW_W_CHARGING) \
    X(KW_W_LOADING) X(KW_W_OPEN) X(KW_W_MOVED) X(KW_W_COLLECTED) X(KW_W_GIVEN) X(KW_W_RELEASED) \
    X(KW_W_APPEARED) X(KW_W_FIXED) X(KW_W_SORTED) X(KW_W_RESOLVED) X(KW_W_ANSWERED) X(KW_W_HERE) \
    X(KW_W_AVAILABLE) X(KW_W_UPDATED) X(KW_W_PROCESSED) X(KW_W_REFUNDED) X(KW_W_RETURNED) X(KW_T_RECEIVE) \
    X(KW_T_WORKED) X(KW_T_SHIPPED) X(KW_T_EMPTIED) X(KW_T_CLEANED) X(KW_T_INFORM) X(KW_T_DISPATCHED) \
    X(KW_T_AGREED) X(KW_T_AUTHORISED) X(KW_T_ORDERED) X(KW_C_MENTIONED) X(KW_C_TOLD)
KWSET(delivered, DELIVERED_WORDS)
/* money taken: "charged", "you still took £49", "debited", "billed" */
#define CHARGED_WORDS(X) X(KW_W_CHARGED) X(KW_W_DEBITED) X(KW_W_DEDUCTED) X(KW_W_TOOK) X(KW_W_TAKEN) X(KW_W_BILLED) X(KW_CHARGE)
KWSET(charged, CHARGED_WORDS)
/* what makes money taken a fault: "charged twice", "still took", "£240 instead of £24", "an
 * extra £15", "payments I didn't make", "never signed up for" */
#define WRONGLY_WORDS(X) X(KW_C_TWICE) X(KW_C_AGAIN) X(KW_W_STILL) X(KW_W_INSTEAD) X(KW_W_EXTRA) X(KW_W_DOUBLE) X(KW_A_NEVER) \
    X(KW_H_PAUSED) X(KW_W_CANCELLED) X(KW_W_CANCELED) X(KW_WHY)
KWSET(wrongly, WRONGLY_WORDS)

/* money taken that should not have been, in one sentence: a charge word and a word that makes
 * it wrong ("still", "twice", "instead", "never") or a negator ("a payment I didn't make") */
static bool charged_wrongly(const ctext *t, const csent *s, uint32_t i)
{
    if (!charged_has(t->tok[i].h)) return false;
    /* "taken" as in "taken to hospital" is not money: "took" and "taken" need an amount within
     * three words ("took £35"); charged / debited / deducted / billed are money by themselves */
    uint64_t h = t->tok[i].h;
    if (h == KW_W_TOOK || h == KW_W_TAKEN) {
        bool money = false;
        for (uint32_t j = i + 1; j < s->t1 && j <= i + 3 && !money; j++)
            money = t->tok[j].kind == TK_NUM || t->tok[j].h == KW_T_MONEY || t->tok[j].h == KW_T_PAYMENT;
        for (uint32_t j = i; j > s->t0 && j + 2 > i && !money; j--) money = t->tok[j - 1].kind == TK_NUM; /* "£75 taken" */
        if (!money) return false;
    }
    for (uint32_t j = s->t0; j < s->t1; j++) {
        const ctok *k = &t->tok[j];
        if (k->word >= 0 && (wrongly_has(k->h) || k->mod == COACH_MOD_NEGATOR)) return true;
        /* "two times", "3 times", "multiple times" (as repeats() counts them) */
        if (k->h == KW_C_TIMES && j > s->t0 && (t->tok[j - 1].kind == TK_NUM || counted_has(t->tok[j - 1].h))) return true;
    }
    return false;
}

/* a failure that goes on: "still no broadband", "still not fixed", "still waiting", "still nothing" */
static bool still_not(const ctext *t, const csent *s, uint32_t i)
{
    if (t->tok[i].h != KW_W_STILL) return false;
    for (uint32_t j = i + 1; j < s->t1 && j <= i + 2; j++) {
        const ctok *k = &t->tok[j];
        /* "I'm still not getting it", "still not sure": lost, not let down */
        if (k->mod == COACH_MOD_NEGATOR && j + 1 < s->t1 &&
            (t->tok[j + 1].h == KW_W_GETTING || t->tok[j + 1].h == KW_W_SURE || t->tok[j + 1].h == KW_W_UNDERSTANDING))
            return false;
        if (k->mod == COACH_MOD_NEGATOR || k->h == KW_NO || k->h == KW_W_NOTHING || k->h == KW_W_WAITING) return true;
    }
    return false;
}

/* a lateness or an outage that keeps happening: "Once again the bus was late", "late again",
 * "always late", "wifi down on 3rd floor again" */
static bool keeps_happening(const ctext *t, const csent *s, uint32_t i)
{
    if (t->tok[i].h != KW_E_LATE && t->tok[i].h != KW_H_DOWN) return false;
    /* "my late husband always dealt with it": late as in died */
    if (i > s->t0) {
        uint64_t p = t->tok[i - 1].h;
        if (p == KW_MY || p == KW_T_HER || p == KW_T_HIS || p == KW_A_OUR || p == KW_A_YOUR) return false;
    }
    for (uint32_t j = s->t0; j < s->t1; j++)
        if (t->tok[j].h == KW_C_AGAIN || t->tok[j].h == KW_E_ALWAYS) return true;
    return false;
}

/* an expectation the customer was given and that did not hold: "it was supposed to arrive
 * yesterday", "the van was meant to be delivered last Wednesday", "were supposed to be silver" */
static bool supposed_to(const ctext *t, const csent *s, uint32_t i)
{
    uint64_t h = t->tok[i].h;
    if ((h != KW_T_SUPPOSED && h != KW_T_MEANT) || i == s->t0 || i + 1 >= s->t1 || t->tok[i + 1].h != KW_TO) return false;
    uint64_t p = t->tok[i - 1].h, pp = i >= s->t0 + 2 ? t->tok[i - 2].h : 0;
    /* "We were meant to scatter his ashes on Saturday": our plan, not their promise */
    return (p == KW_A_WAS || p == KW_R_WERE) && pp != KW_I && pp != KW_WE;
}

/* a thing that keeps failing: "the plugs keep disconnecting", "it keeps dropping the call"; not
 * "I keep forgetting", nor a message it keeps showing ("keeps saying invalid", read for its words),
 * nor what someone keeps meaning to do ("keeps promising to pay") */
static bool keeps_failing(const ctext *t, const csent *s, uint32_t i)
{
    uint64_t h = t->tok[i].h;
    if ((h != KW_N_KEEP && h != KW_T_KEEPS && h != KW_T_KEPT) || i + 1 >= s->t1) return false;
    const ctok *n = &t->tok[i + 1];
    if (!tok_ing(t, n) || n->h == KW_T_SAYING || n->h == KW_W_GETTING || n->h == KW_C_ASKING) return false;
    if (i + 2 < s->t1 && t->tok[i + 2].h == KW_TO) return false; /* "keeps promising to pay": an intent, not a fault */
    uint64_t p = i > s->t0 ? t->tok[i - 1].h : 0;
    return !(p == KW_I || p == KW_WE || p == KW_YOU || p == KW_A_THEY);
}

/* the failure is asked about, not told: "Is the plug measuring wrong?", "Is this normal or it is
 * broken?", "my flight will be cancelled?" (a yes-or-no question, no why or how) */
static bool asked_whether(const ctext *t, const csent *s)
{
    if (s->term != '?') return false;
    for (uint32_t j = s->t0; j < s->t1; j++) {
        const ctok *k = &t->tok[j];
        if (tok_has(k, COACH_W_QWORD) && !tok_has(k, COACH_W_AUX)) return false;
        if (k->h == KW_W_STILL) return false; /* "still not here?" is told */
    }
    return true;
}

/* the failure is supposed: "if they don't work with my system", "whether my progress is lost" */
static bool supposed_if(const ctext *t, const csent *s, uint32_t i)
{
    for (uint32_t d = 1; d <= 6 && i >= s->t0 + d; d++) {
        uint64_t b = t->tok[i - d].h;
        if (b == KW_BUT) return false;
        if (b == KW_IF || b == KW_WHETHER) return true;
    }
    return false;
}

/* lost as in bewildered: "I'm completely lost", "I am lost", "feel a bit lost" */
static bool lost_as_confused(const ctext *t, const csent *s, uint32_t i)
{
    if (t->tok[i].h != KW_W_LOST || i == s->t0) return false;
    uint64_t p = t->tok[i - 1].h;
    return p == KW_C_IM || p == KW_H_AM || p == KW_T_COMPLETELY || p == KW_T_TOTALLY || p == KW_T_FEEL || p == KW_T_BIT;
}

/* every test in coach_something_wrong's walk starts from one of these words (its own and its
 * helpers': charged_wrongly, still_not, keeps_happening, supposed_to, keeps_failing) */
#define WRONG_CUES(X) FAILED_WORDS(X) CHARGED_WORDS(X) DELIVERED_WORDS(X) X(KW_W_WITHOUT) X(KW_H_STOPPED) X(KW_W_STILL) \
    X(KW_E_LATE) X(KW_H_DOWN) X(KW_T_SUPPOSED) X(KW_T_MEANT) X(KW_N_KEEP) X(KW_T_KEEPS) X(KW_T_KEPT)
KWSET_WALK(wrong_cue, WRONG_CUES, KWW_WRONG_CUE)

bool coach_something_wrong(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        if (!(s->kw & KWW_BIT(WRONG_CUE))) continue; /* (the walk below passes over every token) */
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            if (k->word < 0 || !wrong_cue_in(t->kwm[i])) continue; /* no test below can pass */
            uint64_t h = k->h;
            bool hit = failed_has(h);
            /* not a failure of ours: "I had to cancel", "what am I doing wrong" */
            /* "Lost my wallet at the pub": the customer's own; "Wrong date on my tickets!!" is not */
            if (hit && own_doing_has(h) && i == s->t0 && h != KW_W_WRONG) hit = false;
            if (hit && own_doing_has(h))
                for (uint32_t d = 1; d <= 3 && i >= s->t0 + d && hit; d++) {
                    uint64_t b = t->tok[i - d].h;
                    hit = !(b == KW_I || b == KW_WE || b == KW_C_IVE || b == KW_C_WEVE || b == KW_W_DOING);
                }
            /* "arrived without the power cable" */
            if (!hit && h == KW_W_WITHOUT && i > s->t0 && (t->tok[i - 1].h == KW_W_ARRIVED || t->tok[i - 1].h == KW_W_CAME)) hit = true;
            /* "charged twice", "debited two times", "charged again" */
            if (!hit && (h == KW_W_CHARGED || h == KW_W_DEBITED || h == KW_W_DEDUCTED) && i + 1 < s->t1) {
                uint64_t n = t->tok[i + 1].h, n2 = i + 2 < s->t1 ? t->tok[i + 2].h : 0;
                hit = n == KW_C_TWICE || n == KW_C_AGAIN || n2 == KW_C_TWICE || n2 == KW_C_TIMES || n2 == KW_C_TWICE;
            }
            if (hit && lost_as_confused(t, s, i)) hit = false;
            /* "split up" with a partner, "can be split across the week"; "Frozen", a title mid-sentence */
            if (hit && h == KW_W_SPLIT && ((i + 1 < s->t1 && t->tok[i + 1].h == KW_T_UP) || (i > s->t0 && t->tok[i - 1].h == KW_BE))) hit = false;
            if (hit && i > s->t0 && (k->flags & TF_INITCAP) && !(k->flags & TF_CAPS)) hit = false;
            /* "stopped running on Friday", "the assemblers left without finishing it" */
            if (!hit && h == KW_H_STOPPED && i + 1 < s->t1 && tok_ing(t, &t->tok[i + 1])) hit = true;
            if (!hit && h == KW_W_WITHOUT && i > s->t0 && t->tok[i - 1].h == KW_E_LEFT && i + 1 < s->t1 && tok_ing(t, &t->tok[i + 1]) &&
                !(i >= s->t0 + 2 && (t->tok[i - 2].h == KW_I || t->tok[i - 2].h == KW_WE)))
                hit = true;
            if (!hit) hit = charged_wrongly(t, s, i) || still_not(t, s, i) || keeps_happening(t, s, i) || supposed_to(t, s, i) ||
                            keeps_failing(t, s, i);
            /* "never arrived", "didn't work", "has not been delivered", "nobody came" */
            if (!hit && delivered_has(h))
                for (uint32_t d = 1; d <= 3 && i >= s->t0 + d && !hit; d++) {
                    const ctok *b = &t->tok[i - d];
                    hit = b->mod == COACH_MOD_NEGATOR || b->h == KW_W_NOBODY;
                }
            if (hit && (supposed_if(t, s, i) || (asked_whether(t, s) && !still_not(t, s, i)))) hit = false;
            if (hit) {
                if (why) *why = (coach_span){k->start, k->end};
                return true;
            }
        }
    }
    return false;
}

/* The customer says we did something to them: "you've closed my card with no warning", "You
 * deleted my account", "you took your cut". "you" (or "you've", "you have", "you just") then a
 * past-tense verb; not asked ("have you received it?") nor supposed ("if you sent it"). The
 * caller takes it as a complaint only in a message whose tone is negative. */
#define DID_WORDS(X) X(KW_W_TOOK) X(KW_W_TAKEN) X(KW_W_LET) X(KW_W_SENT) X(KW_W_LOST) X(KW_W_SOLD) X(KW_W_GAVE) X(KW_W_MADE) X(KW_W_BROKE)
KWSET(did_irregular, DID_WORDS)

static bool past_tense(const ctext *t, const ctok *k)
{
    if (k->kind != TK_WORD) return false;
    return did_irregular_has(k->h) || tok_ed(t, k); /* "closed", "deleted" (not "need", "feed") */
}

bool coach_you_did_it(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        for (uint32_t i = s->t0; i + 1 < s->t1; i++) {
            uint64_t h = t->tok[i].h;
            if (h != KW_YOU && h != KW_A_YOUQVE) continue;
            if (i > s->t0) {
                const ctok *b = &t->tok[i - 1];
                if (tok_has(b, COACH_W_AUX) || b->h == KW_IF || b->h == KW_WHEN || b->h == KW_WHETHER || b->h == KW_THANK) continue;
            }
            uint32_t j = i + 1;
            while (j < s->t1 && j <= i + 3 && (t->tok[j].h == KW_HAVE || t->tok[j].h == KW_A_JUST || t->tok[j].h == KW_C_ALREADY ||
                                              t->tok[j].h == KW_U_HAS))
                j++;
            if (j < s->t1 && past_tense(t, &t->tok[j])) {
                if (why) *why = (coach_span){t->tok[i].start, t->tok[j].end};
                return true;
            }
        }
    }
    return false;
}

/* Praise that means the opposite, in a message that tells of a failure: "Love how your '99.99%
 * uptime' app has been down three times", "His birthday was yesterday. Brilliant.", "Great
 * evening.", "great, another 'scheduled maintenance'". A short sentence of praise, "love how",
 * or a bright opener and "another". The caller asks only where a complaint is read. */
#define PRAISE_WORDS(X) X(KW_A_GREAT) X(KW_A_BRILLIANT) X(KW_A_FANTASTIC) X(KW_A_WONDERFUL) X(KW_A_LOVELY) \
    X(KW_S_PERFECT) X(KW_S_AMAZING) X(KW_S_SUPERB)
KWSET(praise, PRAISE_WORDS)

bool coach_sarcastic_praise(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        uint32_t n = s->t1 - s->t0;
        if (!n) continue;
        const ctok *a = &t->tok[s->t0];
        bool hit = (a->h == KW_S_LOVE && n > 2 && t->tok[s->t0 + 1].h == KW_HOW) ||      /* "Love how ..." */
                   (praise_has(a->h) && n <= 3 && s->term != '?') ||                        /* "Brilliant.", "Great evening." */
                   (praise_has(a->h) && n > 1 && t->tok[s->t0 + 1].h == KW_A_ANOTHER);      /* "great, another ..." */
        if (!hit && si == 0 && n > 2 && (a->h == KW_A_OH || a->h == KW_A_WOW) && praise_has(t->tok[s->t0 + 1].h))
            hit = true; /* "Oh great, ..." */
        if (hit) {
            if (why) *why = (coach_span){a->start, t->tok[s->t0 + (n > 1)].end};
            return true;
        }
    }
    return false;
}

/* Thanks or praise that the message itself takes back: "Thanks for the "waterproof" dry bags.
 * My sandwiches enjoyed their swim.", "Great job, guys. Ordered your "clean, sturdy" crates and
 * got ... a dead spider in it as a bonus", "Thanks so much for the free gift of half a skip's
 * worth of old panels", "My husband's asthma is loving it". The message opens with praise or
 * thanks (after a salutation), and either quotes our own claim back at us in that sentence or
 * the next, or says what it got as a gift or a bonus, or that someone is loving it, or turns
 * with "In all seriousness" or "joking aside". A customer who asks what a quoted word means
 * ("thanks for the quote! What's the 'weekly full service'?") quotes it further on. */
#define OPENER_WORDS(X) PRAISE_WORDS(X) X(KW_S_LOVE) X(KW_R5_LOVED) X(KW_THANKS) X(KW_THANK) X(KW_A_OH)
KWSET(opener, OPENER_WORDS)

/* a quote opened after "your", "the", "a", "an": "your 'within the hour'", "the "waterproof"" */
static bool quotes_a_claim(const ctext *t, const csent *s)
{
    for (uint32_t i = s->t0; i + 1 < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        if (h != KW_A_YOUR && h != KW_THE && h != KW_A && h != KW_AN) continue;
        uint32_t q = t->tok[i].end;
        while (q < t->tok[i + 1].start && t->s[q] == ' ') q++;
        if (q >= t->tok[i + 1].start) continue;
        unsigned char c = (unsigned char)t->s[q];
        /* ' and " or the curly ‘ “ (E2 80 98 / E2 80 9C) */
        if (c == '\'' || c == '"' || (c == 0xE2 && q + 2 < t->len && (unsigned char)t->s[q + 1] == 0x80 &&
                                      ((unsigned char)t->s[q + 2] == 0x98 || (unsigned char)t->s[q + 2] == 0x9C)))
            return true;
    }
    return false;
}

bool coach_sarcastic_thanks(const ctext *t, coach_span *why)
{
    if (!t->nsent) return false;
    size_t o = 0;
    const csent *s = &t->sent[0];
    /* "To whoever reads these,", "Hi team," on a line of its own */
    if (t->nsent > 1 && s->t1 - s->t0 <= 4 && !opener_has(t->tok[s->t0].h)) s = &t->sent[o = 1];
    if (s->t1 - s->t0 < 2 || !opener_has(t->tok[s->t0].h)) return false;
    if (t->tok[s->t0].h == KW_A_OH && !praise_has(t->tok[s->t0 + 1].h)) return false;
    bool jab = quotes_a_claim(t, s) || (o + 1 < t->nsent && quotes_a_claim(t, &t->sent[o + 1]));
    for (size_t si = o; si < t->nsent && !jab; si++) {
        const csent *x = &t->sent[si];
        for (uint32_t i = x->t0; i + 1 < x->t1 && !jab; i++) {
            uint64_t h = t->tok[i].h, n = t->tok[i + 1].h;
            jab = (h == KW_A && n == KW_R5_BONUS && i > x->t0 && t->tok[i - 1].h == KW_Y_AS) || /* "as a bonus" */
                  (h == KW_FREE && n == KW_R5_GIFT && i + 2 < x->t1 && t->tok[i + 2].h == KW_OF) || /* "the free gift of" */
                  /* "is loving it" (not "we're loving it") */
                  (n == KW_R5_LOVING && i + 2 < x->t1 && t->tok[i + 2].h == KW_Y_IT && h != KW_C_IM && h != KW_C_WERE) ||
                  (h == KW_R5_FILLS && n == KW_A_ME && i + 3 < x->t1 && t->tok[i + 3].h == KW_R5_CONFIDENCE) ||
                  (h == KW_ALL && n == KW_R5_SERIOUSNESS) || (h == KW_R5_JOKING && n == KW_R5_ASIDE); /* "In all seriousness:" */
        }
    }
    if (jab && why) *why = (coach_span){t->tok[s->t0].start, t->tok[s->t1 - 1].end};
    return jab;
}

/* A threat of what the customer will do if we do not act, which the blind brief reads as anger
 * ("threatening"): "Remove it today or I'm disputing the charge", "If this isn't fixed by Friday
 * I'm filing a complaint", "I'm going to Trading Standards unless I hear back TODAY". The
 * customer (I'm, I'll, I am, I will) after "or", after a denied "if", or before "unless". */
#define I_WILL_WORDS(X) X(KW_C_IM) X(KW_N_IQLL) X(KW_I)
KWSET_WALK(i_will_word, I_WILL_WORDS, KWW_I_WILL_WORD)
static inline __attribute__((always_inline)) bool i_will(const ctext *t, uint32_t j, uint32_t end)
{
    uint64_t h = t->tok[j].h;
    if (!i_will_word_in(t->kwm[j])) return false; /* most words: one bit test */
    uint64_t n = j + 1 < end ? t->tok[j + 1].h : 0;
    return h == KW_C_IM || h == KW_N_IQLL || (h == KW_I && (n == KW_H_AM || n == KW_N_WILL));
}

bool coach_threatens(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        if (s->term == '?') continue;
        if (!(s->kw & KWW_BIT(I_WILL_WORD))) continue; /* (every hit below needs an "I'm", "I'll" or "I") */
        bool denied_if = false, me = false;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            uint64_t h = k->h;
            bool hit = false;
            if (h == KW_OR && i + 1 < s->t1 && i > s->t0) hit = i_will(t, i + 1, s->t1);
            else if (h == KW_T_UNLESS) hit = me;
            else if (denied_if && i_will(t, i, s->t1)) hit = true;
            if (i_will(t, i, s->t1)) me = true;
            if (k->mod == COACH_MOD_NEGATOR && t->tok[s->t0].h == KW_IF) denied_if = true;
            if (hit) {
                if (why) *why = (coach_span){k->start, t->tok[i + 1 < s->t1 ? i + 1 : i].end};
                return true;
            }
        }
    }
    return false;
}
