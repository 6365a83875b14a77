/* Commitments: promises to customers kept as due work. See svc_commitments.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coach/coach.h"
#include "service/svc_commitments.h"
#include "service/svc_jobs.h"
#include "service/svc_notify.h"
#include "service/validate.h"
#include "service/svc_webhooks.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "util/tz.h"

static char default_zone[TZ_NAME_MAX + 1] = "";
void svc_set_default_zone(const char *zone)
{
    snprintf(default_zone, sizeof default_zone, "%s", zone && tz_valid(zone) ? zone : "");
}
const char *svc_default_zone(void) { return default_zone; }

static bool is_role(const svc *s, const char *role) { return s->actor && !strcmp(s->actor->role, role); }
static bool lead(const svc *s) { return is_role(s, "supervisor") || is_role(s, "admin"); }

const char *svc_commitment_state(const svc *s, const commitment_rec *c)
{
    if (strcmp(c->state, "open")) return c->state;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    return strcmp(c->due_at, now) <= 0 ? "overdue" : "open";
}

static int audit(svc *s, const char *now, long long id, const char *action, const char *before, const char *after, herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "commitment", id, action, before, after, e);
}

/* the end of the next business day (Mon-Fri) at COMMITMENT_VAGUE_HOUR in zone, after t */
static time_t next_business_end(const char *zone, time_t t)
{
    tz_view v;
    int off = tz_at(zone, (long long)t, &v) ? v.offset : 0;
    long long local = (long long)t + off * 60LL;
    long long day = local / 86400 - (local % 86400 < 0);
    for (;;) {
        day++;
        int wd = (int)((day % 7 + 7 + 4) % 7); /* 1970-01-01 was a Thursday (4); 0 = Sunday */
        if (wd != 0 && wd != 6) break;
    }
    long long want = day * 86400 + COMMITMENT_VAGUE_HOUR * 3600LL;
    long long at = want - off * 60LL;
    if (tz_at(zone, at, &v)) at = want - v.offset * 60LL; /* that day's offset (DST) */
    return (time_t)at;
}

static const char *agent_zone(const svc *s) { return svc_agent_zone(s->actor, default_zone); }

/* the two timers of an open commitment: the reminder (when there is time for one) and the
 * due time; each carries the due time it was set for, so a moved due time leaves the old
 * ones to find nothing to do */
static int schedule(svc *s, const commitment_rec *c, herr *e)
{
    time_t due, now = svc_now(s);
    if (!time_parse_iso(c->due_at, &due)) return HERR_INTERNAL(e, "bad due time %s", c->due_at);
    /* one timer at a time: the reminder, which sets the due-time timer when it fires */
    if (due - now > 2 * COMMITMENT_REMIND_BEFORE)
        return svc_job_add(s, COMMITMENT_REMIND_JOB, c->id, NULL, c->due_at, due - COMMITMENT_REMIND_BEFORE, NULL, e);
    return svc_job_add(s, COMMITMENT_DUE_JOB, c->id, NULL, c->due_at, due, NULL, e);
}

/* A commitment added by hand has an audit row of its creation. One the coach found in a
 * reply has none: its row names the reply (message_id), whose own audit row is the change,
 * and a second row per promise cost a reply a tenth of its speed (docs/PERFORMANCE.md). */
static int insert(svc *s, commitment_rec *c, herr *e)
{
    if (store_commitment_insert(s->db, c, &c->id, e) || schedule(s, c, e) ||
        (!c->message_id &&
         audit(s, c->created_at, c->id, "create", NULL, arena_printf(s->a, "%s (due %s)", c->text, c->due_at), e)))
        return -1;
    c->state = "open";
    c->owner_name = s->actor ? s->actor->name : NULL;
    return svc_event_commitment(s, "commitment.created", c, e);
}

int svc_commitments_find(svc *s, const char *body, promise_found **out, int *n, herr *e)
{
    *out = NULL, *n = 0;
    if (!s->actor || !body || !*body) return 0;
    time_t now = svc_now(s);
    const char *zone = agent_zone(s);
    tz_view v;
    coach_zone z = {0};
    if (tz_at(zone, (long long)now, &v)) {
        z.offset = v.offset;
        z.nchanges = v.nchanges < COACH_ZONE_CHANGES ? v.nchanges : COACH_ZONE_CHANGES;
        for (int i = 0; i < z.nchanges; i++) z.change[i].at = v.change[i].at, z.change[i].offset = v.change[i].offset;
    }
    coach_report *r = malloc(sizeof *r); /* ~26 KB: too big for a pool thread's stack */
    if (!r) return HERR_INTERNAL(e, "out of memory");
    coach_report_init(r);
    coach_input in = {.reply = body, .reply_len = svc_coach_text_len(body), .now = (long long)now, .zone = &z};
    size_t found = coach_analyze(&in, r) ? 0 : r->reply.ncommitments;
    promise_found *p = found ? arena_alloc(s->a, sizeof *p * found) : NULL;
    for (size_t i = 0; i < found; i++) {
        const coach_commitment *cc = &r->reply.commitments[i];
        bool vague = !cc->has_due || cc->due <= (long long)now;
        p[i] = (promise_found){.start = cc->start, .end = cc->end, .vague = vague,
                               .due = vague ? next_business_end(zone, now) : (time_t)cc->due};
    }
    coach_report_free(r);
    free(r);
    *out = p, *n = (int)found;
    return 0;
}

int svc_commitments_from_reply(svc *s, const ticket_rec *t, const message_rec *m, const promise_found *found, int nfound,
                               commitment_rec **out, int *n, herr *e)
{
    if (out) *out = NULL, *n = 0;
    if (!s->actor || nfound <= 0) return 0;
    commitment_rec *made = arena_alloc(s->a, sizeof *made * (size_t)nfound);
    char created[ISO_LEN];
    svc_now_iso(s, created);
    for (int i = 0; i < nfound; i++) {
        char due[ISO_LEN];
        time_iso(found[i].due, due);
        made[i] = (commitment_rec){.ticket_id = t->id, .message_id = m->id, .owner_id = s->actor->id,
                                   .text = arena_strndup(s->a, m->body + found[i].start, found[i].end - found[i].start),
                                   .due_at = arena_strdup(s->a, due), .vague = found[i].vague,
                                   .created_at = arena_strdup(s->a, created), .ticket_subject = t->subject};
        if (insert(s, &made[i], e)) return -1;
    }
    if (out) *out = made, *n = nfound;
    return 0;
}

/* the due time an agent typed or sent: ISO 8601 with a zone, in the future, within a year */
static int parse_due(svc *s, const char *due, time_t *at, herr *e)
{
    int off;
    if (!time_parse_iso_offset(due, at, &off))
        return HERR_INVALID(e, "due", "due must be a time with its zone, like 2026-12-11T17:00:00Z or 2026-12-11T17:00:00+01:00");
    time_t now = svc_now(s);
    if (*at <= now) return HERR_INVALID(e, "due", "due must be in the future");
    if (*at - now > COMMITMENT_HORIZON_DAYS * 86400L) return HERR_INVALID(e, "due", "due must be within a year");
    return 0;
}

int svc_commitment_add(svc *s, long long ticket_id, const char *text, const char *due, commitment_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "commitments belong to an agent");
    time_t at = 0;
    if (check_saying("text", text, COMMITMENT_TEXT_MAX, 3, 1, "what was promised", e) || (due && *due && parse_due(s, due, &at, e))) return -1;
    bool vague = !due || !*due;
    if (vague) at = next_business_end(agent_zone(s), svc_now(s));
    char now[ISO_LEN], due_at[ISO_LEN];
    svc_now_iso(s, now);
    time_iso(at, due_at);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    int found = store_ticket_by_id(s->db, s->a, ticket_id, &t, e);
    if (found <= 0) {
        if (!found) HERR_NOT_FOUND(e, "ticket");
        goto fail;
    }
    *out = (commitment_rec){.ticket_id = ticket_id, .owner_id = s->actor->id, .text = text,
                            .due_at = arena_strdup(s->a, due_at), .vague = vague, .created_at = arena_strdup(s->a, now),
                            .ticket_subject = t.subject};
    if (insert(s, out, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_commitment_update(svc *s, long long id, const char *text, const char *due, const char *state,
                          commitment_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "commitments belong to an agent");
    if (state && strcmp(state, "kept") && strcmp(state, "cancelled"))
        return HERR_INVALID(e, "state", "state can be set to kept or cancelled (heed decides overdue and broken)");
    time_t at = 0;
    if ((text && check_saying("text", text, COMMITMENT_TEXT_MAX, 3, 1, "what was promised", e)) || (due && parse_due(s, due, &at, e))) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    int found = store_commitment_by_id(s->db, s->a, id, out, e);
    if (found <= 0) {
        if (!found) HERR_NOT_FOUND(e, "commitment");
        goto fail;
    }
    if (out->owner_id != s->actor->id && !lead(s)) {
        herr_set(e, 403, "forbidden", NULL, "only %s (who made it), a supervisor or an admin can change this commitment",
                 out->owner_name);
        goto fail;
    }
    if (strcmp(out->state, "open")) {
        herr_set(e, 409, "conflict", "state", "commitment %lld is %s; only an open one can change", id, out->state);
        goto fail;
    }
    if (text && strcmp(text, out->text)) {
        if (audit(s, now, id, "text", out->text, text, e)) goto fail;
        out->text = text;
    }
    if (due) {
        char d[ISO_LEN];
        time_iso(at, d);
        if (strcmp(d, out->due_at)) {
            if (audit(s, now, id, "due", out->due_at, d, e)) goto fail;
            out->due_at = arena_strdup(s->a, d);
            out->vague = false;
            out->reminded_at = NULL;
            if (!state && schedule(s, out, e)) goto fail; /* the old timers find a different due time and pass */
        }
    }
    if (state) {
        /* kept after the due time passed: the customer waited past what they were told */
        const char *st = !strcmp(state, "kept") && (out->overdue_at || strcmp(out->due_at, now) <= 0) ? "broken" : state;
        if (audit(s, now, id, st, "open", st, e)) goto fail;
        out->state = st;
        out->closed_at = arena_strdup(s->a, now);
        if (svc_jobs_cancel(s, COMMITMENT_REMIND_JOB, id, e) || svc_jobs_cancel(s, COMMITMENT_DUE_JOB, id, e)) goto fail;
        if (strcmp(st, "cancelled") && svc_event_commitment(s, "commitment.kept", out, e)) goto fail;
    }
    if (store_commitment_update(s->db, out, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_commitments(svc *s, commitment_filter *f, commitment_rec **out, int *n, herr *e)
{
    static const char *const states[] = {"open", "overdue", "kept", "broken", "cancelled", "pending", NULL};
    if (f->state) {
        int i = 0;
        while (states[i] && strcmp(states[i], f->state)) i++;
        if (!states[i]) return HERR_INVALID(e, "state", "state must be open, overdue, kept, broken or cancelled");
    }
    if (f->limit < 0 || f->limit > 500) return HERR_INVALID(e, "limit", "limit must be 1..500");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    f->now = arena_strdup(s->a, now);
    return store_commitment_list(s->db, s->a, f, out, n, e);
}

int svc_commitment_counts(svc *s, long long agent_id, int counts[4], herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    return store_commitment_counts(s->db, agent_id, now, counts, e);
}

int svc_ticket_open_commitments(svc *s, long long ticket_id, commitment_rec **out, int *n, herr *e)
{
    commitment_filter f = {.ticket_id = ticket_id, .state = "pending", .limit = 50};
    return svc_commitments(s, &f, out, n, e);
}

/* ---- timers ---------------------------------------------------------------- */

/* the commitment of a timer, when it is still open and due when the timer was set: 1 */
static int still_due(svc *s, const job_rec *j, commitment_rec *c, herr *e)
{
    int found = store_commitment_by_id(s->db, s->a, j->ref_id, c, e);
    if (found <= 0) return found;
    return !strcmp(c->state, "open") && !strcmp(c->due_at, j->payload);
}

int svc_commitment_remind_job(svc *s, const job_rec *j, job_result *r, herr *e)
{
    r->outcome = JOB_DONE;
    commitment_rec c;
    int due = still_due(s, j, &c, e);
    if (due <= 0) return due;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    c.reminded_at = arena_strdup(s->a, now);
    time_t due_t;
    if (!time_parse_iso(c.due_at, &due_t)) return HERR_INTERNAL(e, "bad due time %s", c.due_at);
    if (due_t <= svc_now(s)) /* heed was down past the due time: no late "due in an hour", only the overdue notice */
        return svc_job_add(s, COMMITMENT_DUE_JOB, c.id, NULL, c.due_at, due_t, NULL, e);
    return store_commitment_update(s->db, &c, e) ||
                   svc_notify(s, c.owner_id, "commitment", c.ticket_id,
                              arena_printf(s->a, "Your promise on #%lld is due in an hour", c.ticket_id), c.text, e) ||
                   svc_event_commitment(s, "commitment.due", &c, e) ||
                   svc_job_add(s, COMMITMENT_DUE_JOB, c.id, NULL, c.due_at, due_t, NULL, e) /* the next timer */
               ? -1
               : 0;
}

int svc_commitment_due_job(svc *s, const job_rec *j, job_result *r, herr *e)
{
    r->outcome = JOB_DONE;
    commitment_rec c;
    int due = still_due(s, j, &c, e);
    if (due <= 0) return due;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    c.overdue_at = arena_strdup(s->a, now);
    if (store_commitment_update(s->db, &c, e) || audit(s, now, c.id, "overdue", c.due_at, now, e) ||
        store_ticket_raise(s->db, c.ticket_id, now, e) ||
        svc_notify(s, c.owner_id, "commitment", c.ticket_id,
                   arena_printf(s->a, "Your promise on #%lld is overdue", c.ticket_id), c.text, e) ||
        svc_notify_supervisors(s, c.owner_id, "commitment", c.ticket_id,
                               arena_printf(s->a, "%s's promise on #%lld is overdue", c.owner_name, c.ticket_id), c.text, e) ||
        svc_event_commitment(s, "commitment.overdue", &c, e))
        return -1;
    return 0;
}
