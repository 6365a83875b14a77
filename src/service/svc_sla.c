/* SLA clocks of tickets: what is due when, at risk and breached, and the timer that tells
 * people. See svc_sla.h. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include "service/svc_notify.h"
#include "service/svc_sla.h"
#include "service/svc_webhooks.h"
#include "store/store.h"
#include "util/timeutil.h"

static int at_risk_percent = 75;

/* How many SLA policies exist, cached for the write path: with none (the default), creating,
 * replying and reading a ticket cost no SLA query at all. -1: not known yet. Policies are
 * changed only through svc_policy_save / svc_policy_delete, which reset it (heed serve is the
 * one process that serves the API and pages). */
static atomic_int policies_known = -1;
void svc_sla_policies_changed(void) { atomic_store(&policies_known, -1); }
static bool no_policies(svc *s)
{
    int n = atomic_load(&policies_known);
    if (n < 0) {
        sla_policy_rec *all;
        herr e;
        if (store_policy_list(s->db, s->a, &all, &n, &e)) return false;
        atomic_store(&policies_known, n);
    }
    return n == 0;
}
void svc_sla_set_at_risk_percent(int p)
{
    if (p >= 1 && p <= 99) at_risk_percent = p;
}

static bool paused_status(const char *st) { return !strcmp(st, "pending") || !strcmp(st, "on-hold"); }
static bool solved_status(const char *st) { return !strcmp(st, "solved") || !strcmp(st, "closed"); }

static time_t parse(const char *iso)
{
    time_t t;
    return iso && time_parse_iso(iso, &t) ? t : 0;
}

static const char *iso(svc *s, time_t t)
{
    if (!t) return NULL;
    char b[ISO_LEN];
    time_iso(t, b);
    return arena_strdup(s->a, b);
}

/* the policy and calendar of a clock: 1, 0 no policy */
static int load(svc *s, const ticket_sla_rec *ts, sla_policy_rec *p, bizcal *cal, bool *have_cal, herr *e)
{
    *have_cal = false;
    if (!ts->policy_id) return 0;
    int found = store_policy_by_id(s->db, s->a, ts->policy_id, p, e);
    if (found <= 0) return found;
    int have = svc_policy_calendar(s, p, cal, NULL, e);
    if (have < 0) return -1;
    *have_cal = have;
    return 1;
}

/* one target: due (0 none), risk instant, and whether it runs now */
typedef struct target {
    time_t due, risk;
    bool runs;
} target;

static target aim(const bizcal *cal, time_t start, long long minutes, long long extra)
{
    target t = {0};
    if (minutes < 0 || !start) return t;
    t.due = bizcal_add(cal, start, (long)(minutes + extra));
    t.risk = bizcal_add(cal, start, (long)(minutes * at_risk_percent / 100 + extra));
    t.runs = t.due != 0;
    return t;
}

/* the view, and the soonest running due and risk instants (0: none) */
static int compute(svc *s, const ticket_rec *t, const ticket_sla_rec *ts, sla_view *v, time_t *next_due, time_t *next_risk, herr *e)
{
    memset(v, 0, sizeof *v);
    *next_due = *next_risk = 0;
    sla_policy_rec p;
    bizcal calendar;
    bool have_cal;
    int found = load(s, ts, &p, &calendar, &have_cal, e);
    if (found <= 0) return found;
    const bizcal *cal = have_cal ? &calendar : NULL;
    time_t now = svc_now(s), created = parse(t->created_at), first = parse(t->first_response_at);
    bool paused = ts->paused_at != NULL, solved = solved_status(t->status);
    long long pausedm = ts->paused_minutes;
    v->has = true;
    v->policy_id = p.id;
    v->policy = p.name;
    target fr = aim(cal, created, p.first_response, pausedm), res = aim(cal, created, p.resolution, pausedm);
    target nr = {0}, up = {0};
    if (ts->waiting_since && first) nr = aim(cal, parse(ts->waiting_since), p.next_response, 0);
    if (ts->last_reply_at) up = aim(cal, parse(ts->last_reply_at), p.update, 0);
    /* a target missed at any time (breached_for: the timer saw one pass) makes the end "breached" */
    bool late = ts->breached_for || (first && fr.due && first > fr.due) || (solved && res.due && parse(t->solved_at) > res.due);
    if (first) fr.runs = false;
    if (solved) {
        v->state = late ? "breached" : "met";
        return 1;
    }
    if (paused) {
        v->state = "paused";
        return 1;
    }
    target *all[] = {&fr, &nr, &res, &up};
    const char **dues[] = {&v->first_response_due, &v->next_response_due, &v->resolution_due, &v->update_due};
    bool breached = false, risky = false;
    for (int i = 0; i < 4; i++) {
        if (!all[i]->runs) continue;
        *dues[i] = iso(s, all[i]->due);
        if (!*next_due || all[i]->due < *next_due) *next_due = all[i]->due;
        if (!*next_risk || all[i]->risk < *next_risk) *next_risk = all[i]->risk;
        breached |= all[i]->due <= now;
        risky |= all[i]->risk <= now;
    }
    v->state = breached ? "breached" : risky ? "at_risk" : "ok";
    v->next_due = iso(s, *next_due);
    if (*next_due) v->next_due_minutes = *next_due > now ? bizcal_minutes(cal, now, *next_due) : -bizcal_minutes(cal, *next_due, now);
    return 1;
}

int svc_sla_view(svc *s, const ticket_rec *t, sla_view *out, herr *e)
{
    if (no_policies(s)) { /* no policy, no clock that runs */
        memset(out, 0, sizeof *out);
        return 0;
    }
    ticket_sla_rec ts;
    int found = store_ticket_sla_get(s->db, s->a, t->id, &ts, e);
    if (found <= 0) {
        memset(out, 0, sizeof *out);
        return found < 0 ? -1 : 0;
    }
    time_t d, r;
    return compute(s, t, &ts, out, &d, &r, e) < 0 ? -1 : 0;
}

/* stores the clock's next instants and its alarm: the next moment its state changes that
 * someone must hear of (svc_sla_sweep looks then) */
static int reschedule(svc *s, const ticket_rec *t, ticket_sla_rec *ts, sla_view *view, herr *e)
{
    sla_view mine;
    sla_view *v = view ? view : &mine;
    time_t due, risk;
    if (compute(s, t, ts, v, &due, &risk, e) < 0) return -1;
    ts->next_due = due ? iso(s, due) : NULL;
    ts->next_risk = risk ? iso(s, risk) : NULL;
    time_t now = svc_now(s), when = 0;
    bool warned = ts->warned_for && ts->next_due && !strcmp(ts->warned_for, ts->next_due);
    bool told = ts->breached_for && ts->next_due && !strcmp(ts->breached_for, ts->next_due);
    /* the owner hears it is at risk, unless it is already past due (then only the breach is news) */
    if (risk && !warned && !(due && due <= now)) when = risk;
    if (due && !told && (!when || due < when)) when = due; /* the supervisor hears it breached */
    ts->alarm_at = when ? iso(s, when > now ? when : now) : NULL;
    return store_ticket_sla_put(s->db, ts, e);
}

int svc_sla_sync(svc *s, const ticket_rec *t, const char *what, herr *e) { return svc_sla_sync_view(s, t, what, NULL, e); }

int svc_sla_sync_view(svc *s, const ticket_rec *t, const char *what, sla_view *view, herr *e)
{
    if (view) memset(view, 0, sizeof *view); /* no clock: has = false */
    if (no_policies(s)) return 0; /* the fast path: nothing to keep */
    ticket_sla_rec ts;
    int found = store_ticket_sla_get(s->db, s->a, t->id, &ts, e);
    if (found < 0) return -1;
    bool create = !strcmp(what, "create"), update = !strcmp(what, "update");
    if (!found) {
        if (!create && !update) return 0; /* no clock: created before any policy existed */
        memset(&ts, 0, sizeof ts);
        ts.ticket_id = t->id;
    }
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (create || update) { /* the policy follows priority, team and channel */
        sla_policy_rec p;
        int m = svc_sla_match(s, t->priority, t->team_id, t->channel, &p, e);
        if (m < 0) return -1;
        if (!m && !found) return 0; /* the fast path: no policy, no clock */
        ts.policy_id = m ? p.id : 0;
    }
    if (!strcmp(what, "reply")) {
        ts.last_reply_at = arena_strdup(s->a, now);
        ts.waiting_since = NULL;
    } else if (!strcmp(what, "customer")) {
        if (ts.last_reply_at && !ts.waiting_since) ts.waiting_since = arena_strdup(s->a, now);
    }
    /* the pause follows the status */
    bool pause = paused_status(t->status);
    if (pause && !ts.paused_at) ts.paused_at = arena_strdup(s->a, now);
    if (!pause && ts.paused_at) {
        sla_policy_rec p;
        bizcal cal;
        bool have_cal;
        if (load(s, &ts, &p, &cal, &have_cal, e) < 0) return -1;
        ts.paused_minutes += bizcal_minutes(have_cal ? &cal : NULL, parse(ts.paused_at), svc_now(s));
        ts.paused_at = NULL;
    }
    return reschedule(s, t, &ts, view, e);
}

/* one clock whose alarm came (inside the sweep's transaction): at risk tells the owner,
 * breached the supervisor and the owner, each once per due time; then its next alarm */
static int check(svc *s, long long ticket_id, const char *now_iso, herr *e)
{
    ticket_rec t;
    ticket_sla_rec ts;
    int found = store_ticket_by_id(s->db, s->a, ticket_id, &t, e);
    if (found <= 0) return found;
    if ((found = store_ticket_sla_get(s->db, s->a, t.id, &ts, e)) <= 0) return found;
    if (!ts.alarm_at || strcmp(ts.alarm_at, now_iso) > 0) return 0; /* moved since it was read */
    sla_view v;
    time_t due, risk;
    if (compute(s, &t, &ts, &v, &due, &risk, e) < 0) return -1;
    const char *due_iso = due ? iso(s, due) : NULL;
    if (v.has && due_iso && !strcmp(v.state, "at_risk") && !(ts.warned_for && !strcmp(ts.warned_for, due_iso))) {
        ts.warned_for = due_iso;
        const char *what = arena_printf(s->a, "#%lld is at risk: due %s (%s)", t.id, due_iso, v.policy);
        if ((t.owner_id && svc_notify(s, t.owner_id, "sla", t.id, what, t.subject, e)) ||
            (!t.owner_id && svc_notify_supervisors(s, 0, "sla", t.id, what, t.subject, e)) ||
            svc_event(s, "sla.at_risk", t.id, NULL, e))
            return -1;
    }
    if (v.has && due_iso && !strcmp(v.state, "breached") && !(ts.breached_for && !strcmp(ts.breached_for, due_iso))) {
        ts.breached_for = due_iso;
        ts.warned_for = due_iso; /* past at risk too: no late warning after the breach */
        const char *what = arena_printf(s->a, "#%lld breached its SLA (%s): due %s", t.id, v.policy, due_iso);
        if (svc_notify_supervisors(s, t.owner_id, "sla", t.id, what, t.subject, e) ||
            (t.owner_id && svc_notify(s, t.owner_id, "sla", t.id, what, t.subject, e)) ||
            svc_event(s, "sla.breached", t.id, NULL, e) || store_ticket_raise(s->db, t.id, iso(s, svc_now(s)), e))
            return -1;
    }
    return reschedule(s, &t, &ts, NULL, e);
}

int svc_sla_sweep(svc *s, int max, int *n, herr *e)
{
    *n = 0;
    if (no_policies(s)) return 0;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    long long *ids;
    int k;
    if (store_ticket_sla_alarms(s->db, s->a, now, max, &ids, &k, e)) return -1; /* a read: idle costs no write */
    if (!k) return 0;
    if (db_begin(s->db, e)) return -1;
    for (int i = 0; i < k; i++)
        if (check(s, ids[i], now, e)) {
            db_rollback(s->db);
            return -1;
        }
    if (db_commit(s->db, e)) return -1;
    *n = k;
    return 0;
}

int svc_sla_tickets(svc *s, const char *which, int limit, ticket_rec **out, int *n, herr *e)
{
    if (which && strcmp(which, "at_risk") && strcmp(which, "breached"))
        return HERR_INVALID(e, "sla", "sla must be at_risk or breached");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    long long *ids;
    int k;
    if (store_ticket_sla_list(s->db, s->a, which, now, limit, &ids, &k, e)) return -1;
    *out = k ? arena_alloc(s->a, sizeof **out * (size_t)k) : NULL;
    *n = 0;
    for (int i = 0; i < k; i++) {
        int found = store_ticket_by_id(s->db, s->a, ids[i], &(*out)[*n], e);
        if (found < 0) return -1;
        if (found && !solved_status((*out)[*n].status)) (*n)++;
    }
    return 0;
}

int svc_sla_first_due(svc *s, const ticket_rec *t, time_t *due, const char **zone, herr *e)
{
    *due = 0;
    *zone = NULL;
    sla_policy_rec p;
    int m = svc_sla_match(s, t->priority, t->team_id, t->channel, &p, e);
    if (m <= 0 || p.first_response < 0) return m < 0 ? -1 : 0;
    bizcal cal;
    int have = svc_policy_calendar(s, &p, &cal, zone, e);
    if (have < 0) return -1;
    time_t created = parse(t->created_at);
    *due = bizcal_add(have ? &cal : NULL, created ? created : svc_now(s), (long)p.first_response);
    return 0;
}
