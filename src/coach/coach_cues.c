/* coach_cues: cues the phrase tables cannot list, recognised by their parts (issue 12).
 *
 * Repeat contact is the customer saying they contacted us before. "Again", "twice" or "third
 * time" alone say the trouble recurs ("charged twice", "late again"), not that they wrote: so
 * a sentence counts when it holds the customer (I, we), a contact word (wrote, called, rang,
 * sent, on hold, in touch...) and a repetition marker (twice, N times, third time, already,
 * again, every day...), and the contact word's object is not another party ("I called the bank
 * twice"). The phrase table keeps the plain forms ("I was told", "my previous ticket"). */
#include "coach_kw.h"
#include "coach/coach_internal.h"

static bool is_any(uint64_t h, const uint64_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (h == set[i]) return true;
    return false;
}
#define IS(h, set) is_any((h), (set), sizeof(set) / sizeof(set)[0])

bool coach_someone_else(const ctext *t, uint32_t from, uint32_t end)
{
    static const uint64_t others[] = {KW_BANK, KW_POLICE, KW_COURIER, KW_LANDLORD, KW_COUNCIL, KW_INSURER, KW_DOCTOR,
                                      KW_GP, KW_VET, KW_LAWYER, KW_SOLICITOR, KW_HUSBAND, KW_WIFE, KW_SON, KW_DAUGHTER,
                                      KW_MUM, KW_MOM, KW_DAD, KW_FRIEND, KW_MANUFACTURER, KW_SELLER, KW_AIRLINE,
                                      KW_EMBASSY, KW_HOSPITAL, KW_PHARMACY, KW_EMPLOYER, KW_BOSS, KW_BROKER, KW_AGENCY,
                                      KW_SUPPLIER};
    uint32_t stop = from + 5 < end ? from + 5 : end;
    for (uint32_t i = from; i < stop; i++)
        if (IS(t->tok[i].h, others)) return true;
    return false;
}

static const uint64_t contact[] = {KW_C_WRITE, KW_C_WROTE, KW_C_WRITTEN, KW_C_WRITING, KW_C_SENT, KW_C_CALL, KW_C_CALLED, KW_C_CALLING, KW_C_RANG,
                                   KW_C_RUNG, KW_C_RINGING, KW_C_PHONED, KW_C_PHONING, KW_C_EMAILED, KW_C_EMAILING, KW_C_CONTACTED,
                                   KW_C_CONTACTING, KW_C_CHATTED, KW_C_MESSAGED, KW_C_MESSAGING, KW_C_ASKED, KW_C_ASKING, KW_C_TOLD,
                                   KW_C_REPORTED, KW_C_COMPLAINED, KW_C_CHASED, KW_C_CHASING, KW_C_TOUCH, KW_C_HOLD, KW_C_RAISED,
                                   KW_C_EXPLAINED, KW_C_MENTIONED, KW_C_SUBMITTED};
static const uint64_t ordinal[] = {KW_C_SECOND, KW_C_THIRD, KW_C_FOURTH, KW_C_FIFTH, KW_C_2ND, KW_C_3RD, KW_C_4TH, KW_C_5TH, KW_C_EVERY};
static const uint64_t counted[] = {KW_TWO, KW_THREE, KW_FOUR, KW_FIVE, KW_SIX, KW_SEVEN, KW_EIGHT, KW_NINE, KW_TEN,
                                   KW_MANY, KW_C_SEVERAL, KW_C_MULTIPLE, KW_C_NUMEROUS, KW_C_COUNTLESS};
static const uint64_t marker[] = {KW_C_TWICE, KW_C_ALREADY, KW_C_AGAIN, KW_C_REPEATEDLY, KW_C_PREVIOUSLY, KW_C_DAILY};
static const uint64_t person[] = {KW_I, KW_WE, KW_C_IM, KW_C_IVE, KW_C_ID, KW_C_WERE, KW_C_WEVE};

/* token i says "more than once": twice, already, again, "N times", "third time", "every day" */
static bool repeats(const ctext *t, uint32_t i, uint32_t t0)
{
    uint64_t h = t->tok[i].h;
    if (IS(h, marker)) return true;
    if (i == t0) return false;
    uint64_t before = t->tok[i - 1].h;
    if (h == KW_C_TIMES) return t->tok[i - 1].kind == TK_NUM || IS(before, counted);
    if (h == KW_C_TIME || h == KW_DAY) return IS(before, ordinal);
    return false;
}

bool coach_said_before(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        /* the customer is the one who wrote: I or we at most four words before the contact
         * word ("I've now sent", "I'm getting in touch", "I am write"), not "a code sent to me" */
        int64_t verb = -1, mark = -1, me = -8;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            if (k->word < 0) continue; /* every word below is in the lexicon */
            if (IS(k->h, person)) me = i;
            else if (verb < 0 && i - me <= 4 && IS(k->h, contact) && !coach_someone_else(t, i + 1, s->t1)) verb = i;
            else if (mark < 0 && repeats(t, i, s->t0))
                mark = (k->h == KW_C_TIME || k->h == KW_C_TIMES || k->h == KW_DAY) ? i - 1 : i; /* "third time", "four times" */
        }
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
bool coach_time_pressure(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        int64_t need = -1, soon = -1;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            uint64_t h = k->h;
            if (h == KW_U_NEED || h == KW_U_NEEDS || h == KW_U_NEEDED || h == KW_U_MUST || h == KW_U_REQUIRE ||
                h == KW_U_CANNOT || h == KW_U_CANT || (h == KW_TO && i > s->t0 && (t->tok[i - 1].h == KW_HAVE || t->tok[i - 1].h == KW_U_HAS)))
                need = need < 0 ? i : need;
            else if (h == KW_TODAY || h == KW_TONIGHT || h == KW_TOMORROW || h == KW_U_DEADLINE || h == KW_MONDAY ||
                     h == KW_TUESDAY || h == KW_WEDNESDAY || h == KW_THURSDAY || h == KW_FRIDAY || h == KW_SATURDAY ||
                     h == KW_SUNDAY || (h == KW_U_NOW && i > s->t0 && t->tok[i - 1].h == KW_U_RIGHT) ||
                     (h == KW_HOURS && i > s->t0 && t->tok[i - 1].kind == TK_NUM))
                soon = soon < 0 ? i : soon;
        }
        if (need >= 0 && soon >= 0) {
            uint32_t a = (uint32_t)(need < soon ? need : soon), b = (uint32_t)(need < soon ? soon : need);
            if (why) *why = (coach_span){t->tok[a].start, t->tok[b].end};
            return true;
        }
    }
    return false;
}
