/* coach: the entry point. Lays out one scratch block per report (tokens,
 * sentences and phrase hits for both texts), reused across analyses, then
 * runs the customer side and the reply side. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"

static const char *const flag_names[] = {COACH_FLAG_LIST(COACH_NAME)};
static const char *const strength_names[] = {COACH_STRENGTH_LIST(COACH_NAME)};
static const char *const emotion_names[] = {COACH_EMOTION_LIST(COACH_NAME)};
static const char *const score_names[] = {COACH_SCORE_LIST(COACH_NAME)};

const char *coach_flag_name(coach_flag_code c) { return (unsigned)c < COACH_FLAG_COUNT ? flag_names[c] : "?"; }
const char *coach_strength_name(coach_strength_code c) { return (unsigned)c < COACH_STRENGTH_COUNT ? strength_names[c] : "?"; }
const char *coach_emotion_name(coach_emotion e) { return (unsigned)e < COACH_EMO_COUNT ? emotion_names[e] : "?"; }
const char *coach_score_name(coach_score_code c) { return (unsigned)c < COACH_SCORE_COUNT ? score_names[c] : "?"; }

void coach_report_init(coach_report *r) { memset(r, 0, sizeof *r); }

void coach_report_free(coach_report *r)
{
    free(r->scratch);
    r->scratch = NULL;
    r->scratch_cap = 0;
    free(r->features);
    r->features = NULL;
    r->features_len = r->features_cap = 0;
}

/* the length of p[0, n) less a UTF-8 sequence that the end cuts short */
static size_t utf8_whole(const char *p, size_t n)
{
    size_t i = n, cont = 0;
    while (i > 0 && cont < 3 && ((unsigned char)p[i - 1] & 0xC0) == 0x80) { i--; cont++; }
    if (i == 0) return n;
    unsigned char lead = (unsigned char)p[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return want > 1 && cont + 1 < want ? i - 1 : n;
}

const char *coach_pool_printf(coach_report *r, const char *fmt, ...)
{
    size_t room = sizeof r->pool - r->pool_len;
    if (room < 2) return "";
    char *p = r->pool + r->pool_len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p, room, fmt, ap);
    va_end(ap);
    if (n < 0) { p[0] = 0; return p; }
    size_t used = (size_t)n < room ? (size_t)n : room - 1;
    /* never leave half a UTF-8 sequence where the pool cut the string */
    if ((size_t)n >= room) {
        used = utf8_whole(p, used);
        p[used] = 0;
    }
    r->pool_len += used + 1;
    return p;
}

/* the same as coach_pool_printf with "%s%s..." (a part may stop early at a NUL, as %.*s does),
 * without the format machinery: the parts joined, cut to fit the pool as coach_pool_printf cuts */
const char *coach_pool_cat(coach_report *r, size_t np, const char *const part[], const size_t len[])
{
    size_t room = sizeof r->pool - r->pool_len;
    if (room < 2) return "";
    char *p = r->pool + r->pool_len;
    size_t used = 0;
    bool cut = false;
    for (size_t i = 0; i < np && !cut; i++) {
        size_t k = strnlen(part[i], len[i]);
        if (k > room - 1 - used) { k = room - 1 - used; cut = true; }
        memcpy(p + used, part[i], k);
        used += k;
    }
    if (cut) used = utf8_whole(p, used);
    p[used] = 0;
    r->pool_len += used + 1;
    return p;
}

/* each region starts on a 16-byte boundary */
static size_t al(size_t n) { return (n + 15) & ~(size_t)15; }

/* a power of two, at least twice the tokens */
static size_t set_slots(size_t ntok)
{
    size_t n = 16;
    while (n < ntok * 2) n <<= 1;
    return n;
}
/* room for the reply's stem set, reserved from the most tokens the text can hold; the set itself
 * is sized from the tokens it has (set_slots), so a reply clears room for its own tokens only */
size_t coach_stem_slots(size_t len) { return 2 * set_slots(coach_tok_bound(len)); } /* the set and its sentence masks */

static size_t need(size_t len)
{
    size_t nt = coach_tok_bound(len);
    return al(len + 16) + al(nt * sizeof(ctok)) + al(2 * nt * sizeof(uint32_t)) + al((nt + 1) * sizeof(csent)) +
           al(nt * L_COUNT * sizeof(cmatch)) + al(COACH_FROM_MEMO * sizeof(struct ctok_from)) + al(nt * sizeof(uint64_t));
}
/* the customer text's model hits (coach_model): a word and a pair per token at most */
static size_t hits_room(size_t len) { return al(2 * coach_tok_bound(len) * sizeof(uint64_t)); }

static void carve(ctext *t, char **p, const char *s, size_t len)
{
    size_t nt = coach_tok_bound(len);
    *t = (ctext){.s = s, .len = len};
    t->fold = *p; *p += al(len + 16); /* 16 bytes past the text: the tokenizer reads words 8 bytes at a time */
    t->tok = (ctok *)(void *)*p; *p += al(nt * sizeof(ctok));
    t->feel = (uint32_t *)(void *)*p; *p += al(2 * nt * sizeof(uint32_t));
    t->sent = (csent *)(void *)*p; *p += al((nt + 1) * sizeof(csent));
    t->m = (cmatch *)(void *)*p; *p += al(nt * L_COUNT * sizeof(cmatch));
    t->from_memo = (struct ctok_from *)(void *)*p; *p += al(COACH_FROM_MEMO * sizeof(struct ctok_from));
    t->kwm = (uint64_t *)(void *)*p; *p += al(nt * sizeof(uint64_t));
}

/* offsets are 32-bit: longer texts are analysed up to 4 GiB - 1 */
static size_t cap_len(size_t n) { return n > 0xFFFFFFF0u ? 0xFFFFFFF0u : n; }

static int prepare(coach_report *r, size_t total)
{
    if (total > r->scratch_cap) {
        void *p = realloc(r->scratch, total);
        if (!p) return -1;
        r->scratch = p;
        r->scratch_cap = total;
    }
    return 0;
}

static void question_stems(ctext *c, const coach_customer_report *cr, const coach_lexicon *extra)
{
    for (size_t q = 0; q < cr->nquestions; q++) coach_match_stems(c, cr->questions[q].start, cr->questions[q].end, extra);
}

/* the phrases that raised a cue (up to COACH_BECAUSE_MAX), as spans of the text */
static coach_because cue_words(const ctext *t, int cue)
{
    coach_because b = {0};
    for (size_t i = 0; i < t->nm && b.n < COACH_BECAUSE_MAX; i++) {
        const cmatch *m = &t->m[i];
        if (m->layer == L_CUE && m->p->kind == COACH_KIND_CUE && m->p->code == cue && !coach_someone_else(t, m->t1, t->sent[t->tok[m->t0].sent].t1))
            b.span[b.n++] = (coach_span){t->tok[m->t0].start, t->tok[m->t1 - 1].end};
    }
    return b;
}

/* the ticket's reading replaces the text's own: a customer an agent said is calm is not
 * "upset" by the text's tone alone, and one said to complain is */
static void read_as(const coach_reading *rd, coach_customer_report *cr, cfeel *cf, coach_emotion *cemo)
{
    /* the words that raised a reading explain it only while it stands */
    if (cr->emotion != rd->emotion) cr->because[COACH_WHY_EMOTION].n = 0;
    if (cr->urgent != rd->urgent) cr->because[COACH_WHY_URGENT].n = 0;
    if (cr->complaint != rd->complaint) cr->because[COACH_WHY_COMPLAINT].n = 0;
    if (cr->repeat_contact != rd->repeat_contact) cr->because[COACH_WHY_REPEAT].n = 0;
    if ((unsigned)rd->emotion < COACH_EMO_COUNT) *cemo = cr->emotion = rd->emotion;
    cr->urgent = cf->cue[COACH_CUE_URGENT] = rd->urgent;
    cr->complaint = cf->cue[COACH_CUE_COMPLAINT] = rd->complaint;
    cr->repeat_contact = rd->repeat_contact;
    bool negative = rd->emotion == COACH_EMO_ANGRY || rd->emotion == COACH_EMO_FRUSTRATED || rd->emotion == COACH_EMO_ANXIOUS ||
                    rd->emotion == COACH_EMO_SAD;
    if (!negative && !rd->complaint && cf->compound < -0.3) cf->compound = -0.3;
}

/* One reading of the customer's mood: the tone follows the reading. The words' tone misses
 * what a situation says ("My father was left at the gate for 90 minutes" has no negative word),
 * so a customer read as upset or complaining is not reported with a calm or positive tone, nor
 * a happy one with a negative tone (the panel, the chip and the score then agree). */
static bool upset_emotion(coach_emotion e)
{
    return e == COACH_EMO_ANGRY || e == COACH_EMO_FRUSTRATED || e == COACH_EMO_ANXIOUS || e == COACH_EMO_SAD;
}

static void one_mood(coach_customer_report *cr)
{
    coach_emotion e = cr->emotion;
    bool calm = e == COACH_EMO_NEUTRAL || e == COACH_EMO_CONFUSED;
    /* a complaint read as puzzled is still let down ("I don't understand why I was charged again"):
     * the blind writers call 66 of 74 such messages negative, none positive */
    if ((upset_emotion(e) || (cr->complaint && calm)) && cr->sentiment > -0.2) cr->sentiment = -0.2;
    else if (e == COACH_EMO_HAPPY && !cr->complaint && cr->sentiment < 0.2) cr->sentiment = 0.2;
    /* a calm request or a puzzled one is mild whatever its polite words add up to ("Dear Sir or
     * Madam, we would be delighted to receive a quote"): the tone of a customer read as feeling
     * nothing strong is between -0.3 and +0.3 (the blind writers call such a message neutral,
     * "I don't get why the app says my card expired" too) */
    else if (calm && !cr->complaint && cr->sentiment > 0.3)
        cr->sentiment = 0.3;
    else if (calm && !cr->complaint && cr->sentiment < -0.3)
        cr->sentiment = -0.3;
}

/* The readings, settled against each other once the rules and the model have spoken: cemo is
 * what the reply is judged against; es: the text was read as Spanish (only the first rule holds) */
/* a thank-you that asks nothing: its times are the story of a rush that is over ("stopped
 * charging on Tuesday ... a replacement by Thursday"), not a deadline */
static bool thank_you_note(const ctext *c, const cfeel *cf, bool thanks, coach_emotion e)
{
    return thanks && (cf->compound >= 0.3 || e == COACH_EMO_HAPPY) && !coach_asks_something(c);
}

/* The time pressure that made the customer urgent is days away ("deadline is Friday" on a
 * Monday, "my wedding on Saturday", "before 31 December"): each of the words behind urgency is
 * read to the end of its sentence for a date; true when one is more than FAR_OFF ahead of now
 * and none is nearer. A plain request with a date in it is not a worried one. */
enum { FAR_OFF = 3 * 86400 };
static bool pressure_far_off(const ctext *c, const coach_because *b, long long now, const coach_zone *zone)
{
    bool far = false;
    for (unsigned k = 0; k < b->n; k++) {
        size_t a = coach_tok_from(c, b->span[k].start);
        if (a >= c->ntok) continue;
        uint32_t end = c->sent[c->tok[a].sent].t1;
        ctime_hit hit;
        if (!coach_time_in(c, (uint32_t)a, end, now, zone, &hit)) continue;
        if (hit.due - now <= FAR_OFF) return false;
        far = true;
    }
    return far;
}

static void settle(const ctext *c, cfeel *cf, coach_customer_report *cr, coach_emotion *cemo, bool said_complaint, bool es,
                   long long now, const coach_zone *zone)
{
    /* thanks the message takes back ("Thanks for the "waterproof" dry bags. My sandwiches
     * enjoyed their swim.") is a complaint said with a straight face: no thanks, fed up */
    coach_span irony;
    if (!es && coach_sarcastic_thanks(c, &irony)) {
        cr->thanks = cf->cue[COACH_CUE_THANKS] = false;
        cr->complaint = cf->cue[COACH_CUE_COMPLAINT] = true;
        cr->because[COACH_WHY_COMPLAINT] = (coach_because){1, {irony}};
        if (cr->emotion == COACH_EMO_HAPPY || cr->emotion == COACH_EMO_NEUTRAL) {
            *cemo = cr->emotion = COACH_EMO_FRUSTRATED;
            cr->because[COACH_WHY_EMOTION] = (coach_because){1, {irony}};
        }
        if (cr->sentiment > -0.3) cr->sentiment = -0.3;
        said_complaint = true;
    }
    /* a thank-you is not a complaint because it tells the story of what had gone wrong ("My
     * earbuds stopped charging, and she had a replacement with me by Thursday. Brilliant
     * service"): read by its parts or by the model, a complaint needs the lexicon's own words
     * in a happy, thankful message */
    if (cr->complaint && cr->thanks && cr->emotion == COACH_EMO_HAPPY && !said_complaint) {
        cr->complaint = cf->cue[COACH_CUE_COMPLAINT] = false;
        cr->because[COACH_WHY_COMPLAINT].n = 0;
    }
    if (es) return;
    /* a thank-you that asks nothing is not pressed, whatever the model reads in its story */
    if (cr->urgent && thank_you_note(c, cf, cr->thanks, cr->emotion)) {
        cr->urgent = cf->cue[COACH_CUE_URGENT] = false;
        cr->because[COACH_WHY_URGENT].n = 0;
    }
    /* a complaint told with praise that means the opposite is said in anger, whatever the
     * praise words add to the tone */
    coach_span jab;
    if (cr->complaint && (cr->emotion == COACH_EMO_HAPPY || cr->emotion == COACH_EMO_NEUTRAL) && coach_sarcastic_praise(c, &jab)) {
        *cemo = cr->emotion = COACH_EMO_FRUSTRATED;
        cr->because[COACH_WHY_EMOTION] = (coach_because){1, {jab}};
        if (cr->sentiment > -0.3) cr->sentiment = -0.3;
    }
    /* a complaint under time pressure is not calm: with no other feeling read, angry, as it is
     * our failure they need put right ("Gone. I want them back NOW"). A plain request against
     * the clock ("the deadline is tomorrow", "is Saturday's session still on?") stays neutral
     * unless the words say worry: the blind writers read it so, and the customer model reads
     * worry itself (this once made every near deadline worry: 19 blind expectations fewer) */
    if (cr->urgent && cr->emotion == COACH_EMO_NEUTRAL && cr->complaint &&
        !pressure_far_off(c, &cr->because[COACH_WHY_URGENT], now, zone)) {
        *cemo = cr->emotion = COACH_EMO_ANGRY;
        coach_because *b = &cr->because[COACH_WHY_EMOTION];
        *b = cr->because[COACH_WHY_URGENT];
        if (cr->complaint && b->n < COACH_BECAUSE_MAX && cr->because[COACH_WHY_COMPLAINT].n)
            b->span[b->n++] = cr->because[COACH_WHY_COMPLAINT].span[0];
    }
    /* a complaint is not calm: with no other feeling read, the customer is fed up with what went
     * wrong (the blind writers: frustrated, or angry or frustrated, for 14 of 16 complaints the
     * coach had read as neutral at first look in batches 30-33) */
    if (cr->complaint && cr->emotion == COACH_EMO_NEUTRAL) {
        *cemo = cr->emotion = COACH_EMO_FRUSTRATED;
        cr->because[COACH_WHY_EMOTION] = cr->because[COACH_WHY_COMPLAINT];
    }
    /* a complaint with a threat in it ("or I'm disputing the charge", "if it isn't sorted I'm
     * going to the Ombudsman") is anger, however worn down the rest of it reads */
    coach_span threat;
    if (cr->complaint && cr->emotion != COACH_EMO_ANGRY && cr->emotion != COACH_EMO_HAPPY && coach_threatens(c, &threat)) {
        *cemo = cr->emotion = COACH_EMO_ANGRY;
        cr->because[COACH_WHY_EMOTION] = (coach_because){1, {threat}};
    }
    /* a complaint with no thanks in it is not a happy message, whatever its words of praise or
     * hope ("I trusted the estimate", "I was so excited", "blazing fast"): let down */
    if (cr->complaint && cr->emotion == COACH_EMO_HAPPY && !cr->thanks) {
        /* "Gutted, I was saving it for Christmas": let down in sad words is sad */
        *cemo = cr->emotion = cf->emo[COACH_EMO_SAD] > cf->emo[COACH_EMO_FRUSTRATED] ? COACH_EMO_SAD : COACH_EMO_FRUSTRATED;
        if (cr->sentiment > -0.1) cr->sentiment = -0.1;
    }
    /* "The product is lovely, but my order never came": what follows the "but" sets the tone of a
     * customer read as happy; any other reading settles it as without a "but": upset, the tone is
     * theirs, whatever praise ends it (the blind writers: negative, 25 of 26 such messages in
     * batches 01-33); calm, a polite enquiry with a "but" in it is still mild (134 of 144 such
     * messages of batches 01-142 neutral, the other 10 positive, which +0.3 still is) */
    if (!(c->ncontrast && cf->compound > 0.3) || cr->emotion != COACH_EMO_HAPPY) one_mood(cr);
}

/* tokens: English with the organisation's lexicon (lx == in->extra), or a language lexicon's */
static void tokenize(ctext *t, const coach_lexicon *lx, bool lang)
{
    if (lang) coach_tokenize_lang(t, lx);
    else coach_tokenize(t, lx);
}

/* which of the customer's questions an earlier reply on the thread answered (lx, lang: the
 * customer's language, which the earlier replies are read in) */
static void answered_before(const coach_input *in, ctext *c, coach_customer_report *cr, char **p, size_t elen, bool *qstems,
                            const coach_lexicon *lx, bool lang)
{
    ctext e;
    carve(&e, p, in->earlier, elen);
    tokenize(&e, lx, lang);
    coach_match(&e, lx);
    question_stems(c, cr, lx);
    *qstems = true;
    coach_match_stems(&e, 0, UINT32_MAX, lx);
    coach_reply_facts(&e);
    if (e.ntok > 64) {
        coach_stem_set(&e, (uint64_t *)(void *)*p, set_slots(e.ntok));
        *p += coach_stem_slots(elen) * sizeof(uint64_t);
    }
    /* strictly: an earlier reply answered what was asked then, so only a reply on the question's
     * own topic counts (a time or a number in it is not enough) */
    for (size_t q = 0; q < cr->nquestions; q++) cr->answered_before[q] = coach_answered_by(c, cr->questions[q], &e, false, true);
}

/* A reply's report, cleared but for its lists of flags and commitments (1.4 KB), which are read
 * only up to their counts and whose entries are written whole when added */
static void clear_reply(coach_reply_report *rr)
{
    memset(rr, 0, offsetof(coach_reply_report, flags));
    rr->ncommitments = 0;
    memset(rr->answered, 0, sizeof *rr - offsetof(coach_reply_report, answered));
}
_Static_assert(offsetof(coach_reply_report, nflags) < offsetof(coach_reply_report, flags) &&
               offsetof(coach_reply_report, commitments) < offsetof(coach_reply_report, answered),
               "clear_reply clears the counts and everything after the lists");

int coach_analyze(const coach_input *in_raw, coach_report *out)
{
    /* deadlines are computed for years 1970..9999; clamp once so no arithmetic can overflow */
    coach_input local = *in_raw;
    if (local.now < 0) local.now = 0;
    if (local.now > 253402300799LL) local.now = 253402300799LL;
    const coach_input *in = &local;
    void *scratch = out->scratch;
    size_t cap = out->scratch_cap;
    /* the reply's half of the report (1.7 KB) is cleared only when there is a reply: a report
     * without one is read up to has_reply (coach.h) */
    memset(out, 0, offsetof(coach_report, reply));
    if (in->reply) clear_reply(&out->reply);
    out->pool_len = 0;
    out->features_len = 0;
    out->scratch = scratch;
    out->scratch_cap = cap;
    size_t clen = in->customer ? cap_len(in->customer_len) : 0, rlen = in->reply ? cap_len(in->reply_len) : 0;
    size_t elen = in->customer && in->earlier ? cap_len(in->earlier_len) : 0;
    size_t total = (in->customer ? need(clen) + hits_room(clen) : 0) +
                   (in->reply ? need(rlen) + hits_room(rlen) + coach_stem_slots(rlen) * sizeof(uint64_t) : 0) +
                   (elen ? need(elen) + coach_stem_slots(elen) * sizeof(uint64_t) : 0);
    if (prepare(out, total ? total : 1) < 0) return -1;
    char *p = out->scratch;
    /* carve and coach_tokenize set every field the analysis reads (no 200-byte clear) */
    ctext c, t;
    bool qstems = false; /* the questions' stems are worked out (once, for the earlier replies or the reply) */
    cfeel cf; /* coach_feel fills it; cleared here only for a reply without a customer message it read */
    coach_emotion cemo = COACH_EMO_NEUTRAL;
    /* a message the coach cannot read is said so, not judged as English; Spanish is read with
     * its own lexicon (the organisation's applies to English) */
    coach_language clang = in->customer ? coach_detect_language(in->customer, clen) : COACH_LANG_EN;
    coach_language rlang = in->reply ? coach_detect_language(in->reply, rlen) : COACH_LANG_EN;
    const coach_lexicon *es = clang == COACH_LANG_ES || rlang == COACH_LANG_ES ? coach_lang_lexicon(COACH_LANG_ES) : NULL;
    bool cread = clang == COACH_LANG_EN || (clang == COACH_LANG_ES && es);
    bool rread = rlang == COACH_LANG_EN || (rlang == COACH_LANG_ES && es);
    bool ces = clang != COACH_LANG_EN;                  /* read as Spanish */
    const coach_lexicon *cx = ces ? es : in->extra;
    if (!in->customer || !cread) memset(&cf, 0, sizeof cf);
    if (in->customer && !cread) {
        out->has_customer = true;
        out->customer.emotion = COACH_EMO_NEUTRAL;
        out->customer.politeness = 50;
        out->customer.language = clang;
    } else if (in->customer) {
        carve(&c, &p, in->customer, clen);
        uint64_t *hits = (uint64_t *)(void *)p;
        p += hits_room(clen);
        tokenize(&c, cx, ces);
        coach_match(&c, cx);
        coach_feel(&c, cx, &cf);
        out->customer.language = clang;
        /* the cues read by their parts, with the words that show them; the English rules read
         * English words, Spanish has its own time pressure */
        coach_span said = {0}, pressed = {0};
        if (cf.cue[COACH_CUE_REPEAT] && !ces && coach_repeat_to_others(&c)) cf.cue[COACH_CUE_REPEAT] = false;
        bool by_parts_repeat = !ces && !cf.cue[COACH_CUE_REPEAT] && coach_said_before(&c, &said);
        bool by_parts_urgent = !cf.cue[COACH_CUE_URGENT] && (ces ? coach_es_time_pressure(&c) : coach_time_pressure(&c, &pressed));
        /* (before the emotion is picked, which an urgent cue leans towards worry) */
        if (by_parts_urgent && thank_you_note(&c, &cf, cf.cue[COACH_CUE_THANKS], COACH_EMO_NEUTRAL)) by_parts_urgent = false;
        if (by_parts_repeat) {
            cf.cue[COACH_CUE_REPEAT] = true;
            cf.emo[COACH_EMO_FRUSTRATED] += 0.6; /* as coach_feel weighs a repeat cue */
        }
        bool said_complaint = cf.cue[COACH_CUE_COMPLAINT]; /* in the lexicon's phrases ("I want to complain") */
        coach_span wrong = {0};
        bool by_parts_complaint = !ces && !cf.cue[COACH_CUE_COMPLAINT] && coach_something_wrong(&c, &wrong);
        if (!by_parts_complaint && !ces && !cf.cue[COACH_CUE_COMPLAINT] && cf.compound < -0.05)
            by_parts_complaint = coach_you_did_it(&c, &wrong);
        if (by_parts_complaint) cf.cue[COACH_CUE_COMPLAINT] = true;
        if (by_parts_urgent) {
            cf.cue[COACH_CUE_URGENT] = true;
            cf.emo[COACH_EMO_ANXIOUS] += 0.4; /* as coach_feel weighs an urgent cue */
        }
        cemo = coach_pick_emotion(&cf);
        coach_customer_report *cr = &out->customer;
        memcpy(cr->lexicon_emotions, cf.emo, sizeof cr->lexicon_emotions);
        out->has_customer = true;
        cr->sentiment = cf.compound;
        cr->emotion = cemo;
        cr->urgent = cf.cue[COACH_CUE_URGENT];
        cr->thanks = cf.cue[COACH_CUE_THANKS];
        cr->repeat_contact = cf.cue[COACH_CUE_REPEAT];
        /* a customer who says they have written about it before is telling us we let them down */
        bool chasing = cr->repeat_contact && !cf.cue[COACH_CUE_COMPLAINT];
        cr->complaint = cf.cue[COACH_CUE_COMPLAINT] || (cemo == COACH_EMO_ANGRY && cf.compound < -0.5) || chasing;
        cr->politeness = coach_politeness(&c, &cf);
        cr->nquestions = coach_questions(&c, cr->questions, COACH_MAX_QUESTIONS);
        cr->failure_told = by_parts_complaint, cr->pressure_told = by_parts_urgent;
        if (!out->lexicon_only && !ces) { /* the model learned English words */
            unsigned excl = c.nexcl; /* (every token with a '!' is in the feel list, which this summed) */
            cmodel_lex lx = {.emotion = cemo, .compound = cf.compound, .urgent = cr->urgent, .complaint = cr->complaint,
                             .thanks = cr->thanks, .repeat = cr->repeat_contact, .asks = cf.asks, .excl = excl,
                             .caps = c.mixed_case ? c.ncaps : 0, .questions = (unsigned)cr->nquestions,
                             .own = coach_own_lexicon_reads(&c, cx, (int)cemo), .failure = by_parts_complaint,
                             .pressure = by_parts_urgent};
            coach_model(&c, &lx, cr, hits);
            /* the reply is judged against this reading (no_empathy, its acknowledgement) */
            cemo = cr->emotion;
            cf.cue[COACH_CUE_URGENT] = cr->urgent;
            cf.cue[COACH_CUE_COMPLAINT] = cr->complaint;
        } else coach_explain_lexicon(&c, cr);
        /* a cue read by its parts is explained by them: "need ... Friday", "third time ... in touch" */
        if (by_parts_urgent && cr->urgent && !ces) cr->because[COACH_WHY_URGENT] = (coach_because){1, {pressed}};
        if (by_parts_complaint && cr->complaint) { /* the failure named first, then the model's words */
            coach_because *b = &cr->because[COACH_WHY_COMPLAINT];
            uint32_t n = b->n < COACH_BECAUSE_MAX ? b->n : COACH_BECAUSE_MAX - 1, k = 0;
            coach_span keep[COACH_BECAUSE_MAX];
            for (uint32_t j = 0; j < b->n; j++)
                if ((b->span[j].end <= wrong.start || b->span[j].start >= wrong.end) && k < n) keep[k++] = b->span[j];
            b->span[0] = wrong;
            for (uint32_t j = 0; j < k; j++) b->span[j + 1] = keep[j];
            b->n = k + 1;
        }
        if (cr->repeat_contact) cr->because[COACH_WHY_REPEAT] = by_parts_repeat ? (coach_because){1, {said}} : cue_words(&c, COACH_CUE_REPEAT);
        if (chasing && cr->complaint && !cr->because[COACH_WHY_COMPLAINT].n) cr->because[COACH_WHY_COMPLAINT] = cr->because[COACH_WHY_REPEAT];
        settle(&c, &cf, cr, &cemo, said_complaint, ces, in->now, in->zone);
        if (in->reading) read_as(in->reading, cr, &cf, &cemo);
        if (in->earlier) {
            cr->has_earlier = true;
            if (cr->nquestions) answered_before(in, &c, cr, &p, elen, &qstems, cx, ces);
        }
    }
    if (in->reply && !rread) {
        out->has_reply = true;
        out->reply.language = rlang;
        for (int i = 0; i < COACH_SCORE_COUNT; i++) out->reply.scores[i] = 50;
    } else if (in->reply) {
        bool res = rlang != COACH_LANG_EN;
        const coach_lexicon *rx = res ? es : in->extra;
        bool read_customer = in->customer && cread;
        /* questions are matched with a reply in their own language only */
        size_t nq = read_customer && clang == rlang ? out->customer.nquestions : 0;
        carve(&t, &p, in->reply, rlen);
        uint64_t *rhits = (uint64_t *)(void *)p;
        p += hits_room(rlen);
        tokenize(&t, rx, res);
        coach_match(&t, rx);
        /* answering questions looks words up in the reply: a hash set beats a scan on long replies */
        if (nq) {
            if (!qstems) question_stems(&c, &out->customer, cx);
            coach_match_stems(&t, 0, UINT32_MAX, rx);
            coach_reply_facts(&t);
            if (t.ntok > 64) coach_stem_set(&t, (uint64_t *)(void *)p, set_slots(t.ntok));
        }
        out->has_reply = true;
        out->reply.language = rlang;
        const coach_span *qs = out->customer.questions;
        if (!res) coach_reply(read_customer ? &c : NULL, &cf, cemo, qs, nq, &t, in, out, rhits);
        else {
            coach_input rin = *in; /* the reply's phrases and words are the Spanish lexicon's */
            rin.extra = rx;
            coach_reply(read_customer ? &c : NULL, &cf, cemo, qs, nq, &t, &rin, out, rhits);
        }
    }
    return 0;
}

double coach_sentiment(const char *text, size_t len, const coach_lexicon *extra, coach_report *r)
{
    coach_input in = {.customer = text, .customer_len = len, .extra = extra};
    if (coach_analyze(&in, r) < 0) return 0;
    return r->customer.sentiment;
}
