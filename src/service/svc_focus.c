/* Focus mode: the one ticket to work now. See svc_focus.h. */
#include <string.h>
#include "service/svc_focus.h"
#include "service/validate.h"
#include "util/timeutil.h"

static bool lead(const svc *s)
{
    return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin"));
}

static bool is_busy(long long id, const long long *busy, int nbusy)
{
    for (int i = 0; i < nbusy; i++)
        if (busy[i] == id) return true;
    return false;
}

int svc_focus_next(svc *s, const long long *busy, int nbusy, focus_pick *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "focus mode is an agent's");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    focus_candidate *c;
    int n;
    /* a colleague may have the first few open: a page of candidates is plenty */
    if (store_focus_candidates(s->db, s->a, s->actor->id, now, 50, &c, &n, e)) return -1;
    for (int i = 0; i < n; i++) {
        if (is_busy(c[i].ticket_id, busy, nbusy)) continue;
        memset(out, 0, sizeof *out);
        if (svc_ticket_get(s, c[i].ticket_id, &out->ticket, e)) return -1;
        const ticket_rec *t = &out->ticket;
        out->promise_due = c[i].promise_due;
        out->sla_due = c[i].sla_due;
        if (c[i].promise_due) out->why[out->nwhy++] = arena_printf(s->a, "a promise to the customer was due %s", c[i].promise_due);
        if (c[i].sla_due)
            out->why[out->nwhy++] = strcmp(c[i].sla_due, now) <= 0 ? arena_printf(s->a, "its SLA was due %s", c[i].sla_due)
                                                                    : arena_printf(s->a, "its SLA is due %s", c[i].sla_due);
        if (!strcmp(t->priority, "urgent") || !strcmp(t->priority, "high"))
            out->why[out->nwhy++] = arena_printf(s->a, "%s priority", t->priority);
        out->why[out->nwhy++] = arena_printf(s->a, "%s since %s", t->owner_id ? "yours" : "nobody's yet", t->updated_at);
        return 1;
    }
    return 0;
}

int svc_focus_skip(svc *s, long long ticket_id, const char *reason, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "focus mode is an agent's");
    if (check_saying("reason", reason, FOCUS_REASON_MAX, 3, 1, "why you skip it", e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, ticket_id, &t, e)) return -1;
    char now[ISO_LEN], until[ISO_LEN];
    time_t at = svc_now(s);
    time_iso(at, now);
    time_iso(at + FOCUS_SKIP_HOURS * 3600, until);
    if (db_begin(s->db, e)) return -1;
    if (store_focus_skip(s->db, s->actor->id, ticket_id, reason, now, until, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_focus_skips(svc *s, int days, focus_skip_rec **out, int *n, herr *e)
{
    if (!lead(s)) return herr_set(e, 403, "forbidden", NULL, "supervisors and admins see the skips");
    char since[ISO_LEN];
    time_iso(svc_now(s) - (time_t)(days > 0 ? days : 7) * 86400, since);
    return store_focus_skips(s->db, s->a, since, 200, out, n, e);
}
