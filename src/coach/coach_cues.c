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

/* Something went wrong, told in plain words: the usual complaint to a helpdesk is a report of a
 * failure we are answerable for, not a phrase like "I want to complain" ("the jacket has a
 * broken zip", "my parcel says delivered but it's not here", "charged twice", "the engineer
 * never came"). A failure word (broken, missing, damaged, delayed, charged twice...) or a
 * denied delivery verb ("never arrived", "didn't work", "not delivered", "hasn't come") counts. */
static const uint64_t failed[] = {KW_W_BROKEN, KW_W_BROKE, KW_W_SPLIT, KW_W_MISSING, KW_W_DAMAGED, KW_W_DELAYED, KW_W_CANCELLED,
                                  KW_W_CANCELED, KW_W_WRONG, KW_W_RIPPED, KW_W_TORN, KW_W_TEAR, KW_W_SCRATCH, KW_W_SCRATCHED,
                                  KW_W_STAINED, KW_W_DIRTY, KW_W_LEAKING, KW_W_LEAKS, KW_W_FAULTY, KW_W_DEFECTIVE, KW_W_ERROR,
                                  KW_W_FAILED, KW_W_FAILING, KW_W_OUTAGE, KW_W_CRASHES, KW_W_CRASHING, KW_W_CRASHED, KW_W_STUCK,
                                  KW_W_OVERCHARGED, KW_W_SPILLED, KW_W_INVALID, KW_W_BLOCKED, KW_W_DISCONNECTED,
                                  KW_W_CRACKED, KW_W_SMASHED, KW_W_REJECTED, KW_W_DECLINED, KW_W_FROZEN, KW_W_UNUSABLE,
                                  KW_W_MOULDY, KW_W_MOLDY, KW_W_ROTTEN, KW_W_FLOODED};
static const uint64_t delivered[] = {KW_W_ARRIVED, KW_W_ARRIVE, KW_W_CAME, KW_W_COME, KW_W_WORK, KW_W_WORKS, KW_W_WORKING,
                                     KW_W_DELIVERED, KW_W_RECEIVED, KW_W_REFLECT, KW_W_REFLECTED, KW_W_TURNED, KW_W_SHOWED,
                                     KW_W_REPLIED, KW_W_RESPOND, KW_W_RESPONDED, KW_W_INFORMED, KW_W_CONNECT, KW_W_CHARGING,
                                     KW_W_LOADING, KW_W_OPEN, KW_W_MOVED, KW_W_COLLECTED, KW_W_GIVEN, KW_W_RELEASED,
                                     KW_W_APPEARED, KW_W_FIXED, KW_W_SORTED, KW_W_RESOLVED, KW_W_ANSWERED, KW_W_HERE,
                                     KW_W_AVAILABLE, KW_W_UPDATED, KW_W_PROCESSED, KW_W_REFUNDED, KW_W_RETURNED};

bool coach_something_wrong(const ctext *t, coach_span *why)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            if (k->word < 0) continue;
            uint64_t h = k->h;
            bool hit = IS(h, failed);
            /* not a failure of ours: "I had to cancel", "what am I doing wrong" */
            if (hit && (h == KW_W_CANCELLED || h == KW_W_CANCELED || h == KW_W_WRONG))
                for (uint32_t d = 1; d <= 3 && i >= s->t0 + d && hit; d++) {
                    uint64_t b = t->tok[i - d].h;
                    hit = !(b == KW_I || b == KW_WE || b == KW_C_IVE || b == KW_C_WEVE || b == KW_W_DOING);
                }
            /* "arrived without the power cable" */
            if (!hit && h == KW_W_WITHOUT && i > s->t0 && (t->tok[i - 1].h == KW_W_ARRIVED || t->tok[i - 1].h == KW_W_CAME)) hit = true;
            /* "charged twice", "debited two times", "charged again" */
            if (!hit && (h == KW_W_CHARGED || h == KW_W_DEBITED || h == KW_W_DEDUCTED) && i + 1 < s->t1) {
                uint64_t n = t->tok[i + 1].h, n2 = i + 2 < s->t1 ? t->tok[i + 2].h : 0;
                hit = n == KW_C_TWICE || n == KW_C_AGAIN || n2 == KW_C_TWICE || n2 == KW_W_TIMES || n2 == KW_C_TWICE;
            }
            /* "never arrived", "didn't work", "has not been delivered", "nobody came" */
            if (!hit && IS(h, delivered))
                for (uint32_t d = 1; d <= 3 && i >= s->t0 + d && !hit; d++) {
                    const ctok *b = &t->tok[i - d];
                    hit = b->mod == COACH_MOD_NEGATOR || b->h == KW_W_NOBODY;
                }
            if (hit) {
                if (why) *why = (coach_span){k->start, k->end};
                return true;
            }
        }
    }
    return false;
}
