/* Priority from the customer's side: the "needs attention" score and its reasons, and agents'
 * corrections of the coach's reading. See svc_attention.h. */
#include <stdlib.h>
#include <string.h>
#include "service/svc_attention.h"
#include "service/svc_sla.h"
#include "util/json_out.h"
#include "util/timeutil.h"

static const reading_correction_rec *correction_for(const reading_correction_rec *c, int n, long long message_id);

/* ---- the organisation's lexicon, for readings the service makes ---- */
static const struct coach_lexicon *org_lexicon;
void svc_coach_set_lexicon(const struct coach_lexicon *lexicon) { org_lexicon = lexicon; }
const struct coach_lexicon *svc_coach_lexicon(void) { return org_lexicon; }

static const struct {
    const char *name;
    unsigned bit;
    int points;
} emotions[] = {
    {"angry", ATTENTION_ANGRY, 20},   {"frustrated", ATTENTION_FRUSTRATED, 15}, {"anxious", ATTENTION_ANXIOUS, 10},
    {"sad", ATTENTION_SAD, 8},        {"confused", ATTENTION_CONFUSED, 5},
};
enum { NEMOTIONS = sizeof emotions / sizeof emotions[0] };

static unsigned emotion_bit(const char *name)
{
    for (int i = 0; i < NEMOTIONS; i++)
        if (!strcmp(name, emotions[i].name)) return emotions[i].bit;
    return 0;
}

static bool emotion_known(const char *name)
{
    return emotion_bit(name) || !strcmp(name, "happy") || !strcmp(name, "neutral");
}

unsigned svc_attention_cues_of(const svc_mood *m)
{
    return emotion_bit(m->emotion) | (m->urgent ? ATTENTION_URGENT : 0u) | (m->complaint ? ATTENTION_COMPLAINT : 0u) |
           (m->repeat_contact ? ATTENTION_REPEAT : 0u);
}

bool svc_mood_filter(const char *name, unsigned *bits)
{
    static const struct { const char *name; unsigned bits; } moods[] = {
        {"upset", ATTENTION_ANGRY | ATTENTION_FRUSTRATED}, {"angry", ATTENTION_ANGRY}, {"frustrated", ATTENTION_FRUSTRATED},
        {"anxious", ATTENTION_ANXIOUS}, {"sad", ATTENTION_SAD}, {"confused", ATTENTION_CONFUSED}, {"urgent", ATTENTION_URGENT},
        {"complaint", ATTENTION_COMPLAINT}, {"repeat", ATTENTION_REPEAT}};
    for (size_t i = 0; i < sizeof moods / sizeof moods[0]; i++)
        if (!strcmp(name, moods[i].name)) return *bits = moods[i].bits, true;
    return false;
}

const char *svc_attention_emotion(unsigned cues)
{
    for (int i = 0; i < NEMOTIONS; i++)
        if (cues & emotions[i].bit) return emotions[i].name;
    return NULL;
}

void svc_reading_apply(svc_mood *m, const reading_correction_rec *fix)
{
    if (!fix) return;
    /* the coach's words explain its own reading, not an agent's: cleared where it was changed */
    if (strcmp(fix->emotion, m->emotion)) m->because[0][0] = 0;
    if (!(fix->cues & ATTENTION_URGENT) != !m->urgent) m->because[1][0] = 0;
    if (!(fix->cues & ATTENTION_COMPLAINT) != !m->complaint) m->because[2][0] = 0;
    if (!(fix->cues & ATTENTION_REPEAT) != !m->repeat_contact) m->because[3][0] = 0;
    m->emotion = fix->emotion;
    m->urgent = fix->cues & ATTENTION_URGENT;
    m->complaint = fix->cues & ATTENTION_COMPLAINT;
    m->repeat_contact = fix->cues & ATTENTION_REPEAT;
    if (strcmp(fix->emotion, fix->read_emotion)) m->sentiment = 0; /* the coach's sentiment went with its emotion */
}

/* ---- the score ----
 * waiting: 3 points a business hour, at most 36 (twelve hours); each write after the first 8,
 * at most 24; the worst emotion 5 to 20; urgency 12, a complaint 10, "I wrote before" 10,
 * another recent ticket 5. Capped at 100. Waiting alone reaches 36, so a calm customer who has
 * waited all day ranks below a frustrated one who wrote three times this morning. */
void svc_attention_score(arena *a, unsigned cues, int writes, long minutes, bool business_hours, attention *out)
{
    out->score = 0;
    out->nreasons = 0;
    out->cues = cues;
    out->writes = writes;
    out->waited_minutes = minutes;
    out->business_hours = business_hours;
    int wait = (int)(minutes > 12 * 60 ? 36 : minutes * 3 / 60);
    out->score += wait;
    const char *unit = business_hours ? "business hours" : "hours";
    out->reasons[out->nreasons++] = minutes < 60    ? arena_printf(a, "waited %ld %sminute%s", minutes, business_hours ? "business " : "",
                                                                   minutes == 1 ? "" : "s")
                                    : minutes < 120 ? arena_printf(a, "waited 1 %s", business_hours ? "business hour" : "hour")
                                                    : arena_printf(a, "waited %ld %s", minutes / 60, unit);
    if (writes > 1) {
        out->score += writes > 4 ? 24 : (writes - 1) * 8;
        out->reasons[out->nreasons++] = arena_printf(a, "wrote %d times", writes);
    }
    for (int i = 0; i < NEMOTIONS; i++) /* worst first: the table is in that order */
        if (cues & emotions[i].bit) {
            out->score += emotions[i].points;
            out->reasons[out->nreasons++] = emotions[i].name;
            break;
        }
    static const struct {
        unsigned bit;
        int points;
        const char *words;
    } others[] = {{ATTENTION_URGENT, 12, "says it is urgent"},
                  {ATTENTION_COMPLAINT, 10, "a complaint"},
                  {ATTENTION_REPEAT, 10, "says they have been in touch before"},
                  {ATTENTION_RETURNING, 5, "another ticket in the last 30 days"}};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (cues & others[i].bit) {
            out->score += others[i].points;
            out->reasons[out->nreasons++] = others[i].words;
        }
    if (out->score > 100) out->score = 100;
}

/* ---- calendars: a list of waiting tickets shares a few, loaded once each ---- */
typedef struct cal_cache {
    struct { long long id; bool have; bizcal cal; } e[8];
    int n;
} cal_cache;

static const bizcal *calendar(svc *s, cal_cache *c, long long id)
{
    if (!id) return NULL;
    for (int i = 0; i < c->n; i++)
        if (c->e[i].id == id) return c->e[i].have ? &c->e[i].cal : NULL;
    calendar_rec rec;
    herr e;
    bizcal cal;
    /* a calendar that cannot be read counts around the clock: the score is a guide, not a deadline */
    bool have = store_calendar_by_id(s->db, s->a, id, &rec, &e) == 1 && svc_calendar_load(&rec, &cal);
    if (c->n < (int)(sizeof c->e / sizeof c->e[0])) {
        c->e[c->n].id = id;
        c->e[c->n].have = have;
        c->e[c->n].cal = cal;
        return have ? &c->e[c->n++].cal : (c->n++, NULL);
    }
    return NULL; /* more calendars than the cache holds: around the clock */
}

static void score_row(svc *s, cal_cache *cc, const attention_row *w, time_t now, attention *out)
{
    time_t since;
    if (!time_parse_iso(w->waiting_since, &since)) since = now;
    const bizcal *cal = calendar(s, cc, w->calendar_id);
    svc_attention_score(s->a, w->cues, w->writes, bizcal_minutes(cal, since, now), cal != NULL, out);
    out->waiting_since = w->waiting_since;
}

void svc_attention_rows(svc *s, const attention_row *rows, int n, attention *out)
{
    cal_cache cc = {.n = 0};
    time_t now = svc_now(s);
    for (int i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        if (rows[i].waiting_since) score_row(s, &cc, &rows[i], now, &out[i]);
    }
}

static bool waits_for_us(const ticket_rec *t) { return !strcmp(t->status, "new") || !strcmp(t->status, "open"); }

int svc_attention_for(svc *s, const ticket_rec *t, int n, attention *out, herr *e)
{
    cal_cache cc = {.n = 0}; /* a page of tickets shares a calendar or two: each read once */
    time_t now = svc_now(s);
    for (int i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        if (!waits_for_us(&t[i])) continue;
        attention_row w;
        int found = store_attention_get(s->db, s->a, t[i].id, &w, e);
        if (found < 0) return -1;
        if (found) score_row(s, &cc, &w, now, &out[i]);
    }
    return 0;
}

int svc_attention_of(svc *s, const ticket_rec *t, attention *out, herr *e) { return svc_attention_for(s, t, 1, out, e); }

/* ATTENTION_RETURNING when the customer opened another ticket in the last 30 days */
static int returning(svc *s, long long ticket_id, long long customer_id, unsigned *cues, herr *e)
{
    char since[ISO_LEN];
    time_iso(svc_now(s) - (time_t)ATTENTION_RETURNING_DAYS * 86400, since);
    int other = store_customer_other_ticket_since(s->db, customer_id, ticket_id, since, e);
    if (other > 0) *cues |= ATTENTION_RETURNING;
    return other < 0 ? -1 : 0;
}

/* the cues of the customer messages after our last reply, an agent's correction before the
 * coach's reading; *n how many, *first_at the first one's time */
static int unanswered_cues(svc *s, long long ticket_id, unsigned *cues, int *n, const char **first_at, herr *e)
{
    message_rec *m;
    int nc;
    reading_correction_rec *c;
    if (store_unanswered_messages(s->db, s->a, ticket_id, &m, n, e) ||
        store_reading_corrections_ticket(s->db, s->a, ticket_id, &c, &nc, e))
        return -1;
    *cues = 0;
    *first_at = *n ? m[0].created_at : NULL;
    for (int i = 0; i < *n; i++) {
        const reading_correction_rec *fix = correction_for(c, nc, m[i].id);
        if (fix) { *cues |= fix->cues; continue; }
        svc_mood mood;
        svc_coach_mood(m[i].body, org_lexicon, &mood);
        *cues |= svc_attention_cues_of(&mood);
    }
    return 0;
}

int svc_attention_customer_wrote(svc *s, long long ticket_id, long long customer_id, const char *text, const char *now,
                                 herr *e)
{
    svc_mood m;
    svc_coach_mood(text, org_lexicon, &m); /* out of memory reads neutral: the message is still filed */
    unsigned cues = svc_attention_cues_of(&m);
    return returning(s, ticket_id, customer_id, &cues, e) ? -1 : store_attention_wrote(s->db, ticket_id, now, cues, e);
}

int svc_attention_rebuild(svc *s, long long ticket_id, long long customer_id, herr *e)
{
    unsigned cues;
    int n;
    const char *first_at;
    if (store_attention_clear(s->db, ticket_id, e) || unanswered_cues(s, ticket_id, &cues, &n, &first_at, e)) return -1;
    if (!n) return 0;
    return returning(s, ticket_id, customer_id, &cues, e) ? -1 : store_attention_put(s->db, ticket_id, first_at, n, cues, e);
}

int svc_attention_answered(svc *s, long long ticket_id, herr *e) { return store_attention_clear(s->db, ticket_id, e); }

static int by_score(const void *x, const void *y)
{
    const attention_item *a = x, *b = y;
    if (a->attention.score != b->attention.score) return b->attention.score - a->attention.score;
    int c = strcmp(a->attention.waiting_since, b->attention.waiting_since);
    return c ? c : (a->ticket.id > b->ticket.id) - (a->ticket.id < b->ticket.id);
}

/* the longest waiting are read; beyond them a team has a bigger problem than the order */
enum { ATTENTION_CANDIDATES = 2000 };

static int by_wait(const void *x, const void *y)
{
    const attention_item *a = x, *b = y;
    int c = strcmp(a->attention.waiting_since, b->attention.waiting_since);
    return c ? c : (a->ticket.id > b->ticket.id) - (a->ticket.id < b->ticket.id);
}

static int list(svc *s, long long owner_id, long long team_id, int min_score, int limit, bool waiting, attention_item **out,
                int *n, herr *e);

int svc_attention_list(svc *s, long long owner_id, long long team_id, int min_score, int limit, attention_item **out,
                       int *n, herr *e)
{
    return list(s, owner_id, team_id, min_score, limit, false, out, n, e);
}

int svc_waiting_list(svc *s, long long owner_id, long long team_id, int limit, attention_item **out, int *n, herr *e)
{
    return list(s, owner_id, team_id, 0, limit, true, out, n, e);
}

static int list(svc *s, long long owner_id, long long team_id, int min_score, int limit, bool waiting, attention_item **out,
                int *n, herr *e)
{
    attention_row *rows;
    int nrows;
    *out = NULL;
    *n = 0;
    if (store_attention_waiting(s->db, s->a, owner_id, team_id, ATTENTION_CANDIDATES, &rows, &nrows, e)) return -1;
    if (!nrows) return 0;
    attention_item *items = arena_alloc(s->a, sizeof *items * (size_t)nrows);
    int k = 0;
    cal_cache cc = {.n = 0};
    time_t now = svc_now(s);
    for (int i = 0; i < nrows; i++) {
        attention_item *it = &items[k];
        memset(it, 0, sizeof *it);
        score_row(s, &cc, &rows[i], now, &it->attention);
        if (it->attention.score < min_score) continue;
        it->ticket.id = rows[i].ticket_id;
        k++;
    }
    qsort(items, (size_t)k, sizeof *items, waiting ? by_wait : by_score);
    if (k > limit) k = limit;
    for (int i = 0; i < k; i++) {
        int found = store_ticket_by_id(s->db, s->a, items[i].ticket.id, &items[i].ticket, e);
        if (found < 0) return -1;
        if (!found) return HERR_INTERNAL(e, "ticket %lld vanished", items[i].ticket.id);
    }
    *out = items;
    *n = k;
    return 0;
}

/* ---- readings and their corrections ---- */
static void reading_from(message_reading *r, long long message_id, const svc_mood *m)
{
    memset(r, 0, sizeof *r);
    r->message_id = message_id;
    r->emotion = r->read_emotion = m->emotion;
    r->urgent = r->read_urgent = m->urgent;
    r->complaint = r->read_complaint = m->complaint;
    r->repeat_contact = r->read_repeat_contact = m->repeat_contact;
}

static void apply_correction(message_reading *r, const reading_correction_rec *c)
{
    r->corrected = true;
    r->emotion = c->emotion;
    r->urgent = c->cues & ATTENTION_URGENT;
    r->complaint = c->cues & ATTENTION_COMPLAINT;
    r->repeat_contact = c->cues & ATTENTION_REPEAT;
    r->corrected_by = c->agent_name;
    r->corrected_at = c->created_at;
}

static const reading_correction_rec *correction_for(const reading_correction_rec *c, int n, long long message_id)
{
    for (int i = 0; i < n; i++)
        if (c[i].message_id == message_id) return &c[i];
    return NULL;
}

/* a customer message of a ticket the actor may see: 1, 0 (404 set), -1 */
static int customer_message(svc *s, long long message_id, message_rec *m, herr *e)
{
    int found = store_message_by_id(s->db, s->a, message_id, m, e);
    if (found < 0) return -1;
    if (!found) return herr_set(e, 404, "not_found", NULL, "no message with id %lld", message_id);
    if (strcmp(m->kind, "customer"))
        return herr_set(e, 409, "not_customer_message", NULL, "message %lld is the team's, not the customer's; only a customer's message has a reading", message_id);
    return 0;
}

/* the reading of customer message m as agents see it */
static int reading_of(svc *s, const message_rec *m, message_reading *out, herr *e)
{
    svc_mood mood;
    if (svc_coach_mood(m->body, org_lexicon, &mood)) return HERR_INTERNAL(e, "out of memory");
    reading_from(out, m->id, &mood);
    reading_correction_rec *c;
    int n;
    if (store_reading_corrections_ticket(s->db, s->a, m->ticket_id, &c, &n, e)) return -1;
    const reading_correction_rec *mine = correction_for(c, n, m->id);
    if (mine) apply_correction(out, mine);
    return 0;
}

int svc_reading_get(svc *s, long long message_id, message_reading *out, herr *e)
{
    message_rec m;
    return customer_message(s, message_id, &m, e) ? -1 : reading_of(s, &m, out, e);
}

/* the ticket's waiting cues read again from its unanswered messages, corrections first */
static int recount_cues(svc *s, long long ticket_id, herr *e)
{
    attention_row w;
    int found = store_attention_get(s->db, s->a, ticket_id, &w, e);
    if (found <= 0) return found; /* not waiting: nothing to recount */
    unsigned cues;
    int n;
    const char *first_at;
    if (unanswered_cues(s, ticket_id, &cues, &n, &first_at, e)) return -1;
    return store_attention_set_cues(s->db, ticket_id, cues | (w.cues & ATTENTION_RETURNING), e);
}

int svc_reading_correct(svc *s, long long message_id, const reading_fix *fix, message_reading *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "corrections are an agent's");
    if (fix->emotion && !emotion_known(fix->emotion))
        return HERR_INVALID(e, "emotion", "emotion must be one of angry, frustrated, anxious, sad, confused, happy, neutral");
    message_rec m;
    if (customer_message(s, message_id, &m, e) || reading_of(s, &m, out, e)) return -1;
    if (fix->emotion) out->emotion = arena_strdup(s->a, fix->emotion);
    if (fix->urgent >= 0) out->urgent = fix->urgent;
    if (fix->complaint >= 0) out->complaint = fix->complaint;
    if (fix->repeat_contact >= 0) out->repeat_contact = fix->repeat_contact;
    svc_mood corrected = {.emotion = out->emotion, .urgent = out->urgent, .complaint = out->complaint,
                          .repeat_contact = out->repeat_contact};
    svc_mood read = {.emotion = out->read_emotion, .urgent = out->read_urgent, .complaint = out->read_complaint,
                     .repeat_contact = out->read_repeat_contact};
    char now[ISO_LEN];
    svc_now_iso(s, now);
    reading_correction_rec c = {.message_id = message_id, .ticket_id = m.ticket_id, .agent_id = s->actor->id,
                                .emotion = out->emotion, .cues = svc_attention_cues_of(&corrected),
                                .read_emotion = out->read_emotion, .read_cues = svc_attention_cues_of(&read), .created_at = now};
    if (db_begin(s->db, e)) return -1;
    if (store_reading_correction_put(s->db, &c, e) || recount_cues(s, m.ticket_id, e) < 0 ||
        store_ticket_bump(s->db, m.ticket_id, e)) { /* a new version: open pages and lists show the new score */
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    out->corrected = true;
    out->corrected_by = s->actor->name;
    out->corrected_at = arena_strdup(s->a, now);
    return 0;
}

int svc_reading_corrections(svc *s, long long ticket_id, reading_correction_rec **out, int *n, herr *e)
{
    return store_reading_corrections_ticket(s->db, s->a, ticket_id, out, n, e);
}

int svc_reading_export(svc *s, buf *out, int *count, herr *e)
{
    reading_correction_rec *c;
    int n;
    if (store_reading_corrections_all(s->db, s->a, &c, &n, e)) return -1;
    for (int i = 0; i < n; i++) {
        jw j;
        jw_init(&j, out);
        jw_obj(&j);
        jw_kstr(&j, "id", arena_printf(s->a, "correction-%lld", c[i].message_id));
        jw_key(&j, "customer");
        jw_strn(&j, c[i].body, svc_coach_text_len(c[i].body)); /* what the coach reads of it */
        jw_key(&j, "expect");
        jw_obj(&j);
        jw_kstr(&j, "emotion", c[i].emotion);
        jw_kbool(&j, "urgent", c[i].cues & ATTENTION_URGENT);
        jw_kbool(&j, "complaint", c[i].cues & ATTENTION_COMPLAINT);
        jw_kbool(&j, "repeat_contact", c[i].cues & ATTENTION_REPEAT);
        jw_end_obj(&j);
        jw_kstr(&j, "note",
                arena_printf(s->a, "corrected by %s on %s (ticket %lld); the coach read %s%s%s%s", c[i].agent_name,
                             c[i].created_at, c[i].ticket_id, c[i].read_emotion,
                             c[i].read_cues & ATTENTION_URGENT ? ", urgent" : "",
                             c[i].read_cues & ATTENTION_COMPLAINT ? ", complaint" : "",
                             c[i].read_cues & ATTENTION_REPEAT ? ", wrote before" : ""));
        jw_end_obj(&j);
        buf_putc(out, '\n');
    }
    *count = n;
    return 0;
}
