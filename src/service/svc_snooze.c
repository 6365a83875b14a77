/* Snooze: a ticket on hold until a time. See svc_snooze.h. */
#include <string.h>
#include "service/svc_notify.h"
#include "service/svc_snooze.h"
#include "service/svc_webhooks.h"
#include "store/store.h"
#include "util/timeutil.h"

static int audit(svc *s, const char *now, long long id, const char *action, const char *before, const char *after, herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "ticket", id, action, before, after, e);
}

/* the change to t is made: saved, told to the feed and webhooks, committed, read back */
static int finish(svc *s, ticket_rec *t, const char *now, ticket_rec *out, herr *e)
{
    t->updated_at = now;
    if (store_ticket_update(s->db, t, e) || svc_event(s, "ticket.updated", t->id, NULL, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e) ? -1 : svc_ticket_get(s, t->id, out, e);
}

int svc_ticket_snooze(svc *s, long long id, const char *until, ticket_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an agent snoozes a ticket");
    time_t at, now = svc_now(s);
    if (!until || !time_parse_iso(until, &at)) return HERR_INVALID(e, "until", "until must be a time like 2026-12-08T09:00:00Z");
    if (at <= now) return HERR_INVALID(e, "until", "until must be in the future");
    if (at > now + (time_t)SNOOZE_MAX_DAYS * 86400) return HERR_INVALID(e, "until", "a snooze lasts at most %d days", SNOOZE_MAX_DAYS);
    char when[ISO_LEN], stamp[ISO_LEN];
    time_iso(at, when);
    time_iso(now, stamp);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, id, &t, e)) goto fail;
    if (!strcmp(t.status, "solved") || !strcmp(t.status, "closed")) {
        herr_set(e, 409, !strcmp(t.status, "closed") ? "ticket_closed" : "ticket_solved", NULL,
                 "ticket %lld is %s: there is nothing to come back to", id, t.status);
        goto fail;
    }
    if (store_snooze_put(s->db, id, when, s->actor->id, stamp, e) || audit(s, stamp, id, "snooze", NULL, when, e)) goto fail;
    if (strcmp(t.status, "on-hold")) {
        if (audit(s, stamp, id, "status", t.status, "on-hold", e)) goto fail;
        t.status = "on-hold";
    }
    return finish(s, &t, stamp, out, e);
fail:
    db_rollback(s->db);
    return -1;
}

/* in the caller's transaction: the snooze of t ends; 1 when there was one */
static int wake_in_tx(svc *s, ticket_rec *t, const char *now, const char *why, herr *e)
{
    int had = store_snooze_delete(s->db, t->id, e);
    if (had <= 0) return had;
    if (audit(s, now, t->id, "wake", NULL, why, e)) return -1;
    if (!strcmp(t->status, "on-hold")) { /* an agent may have moved it meanwhile: then it stays as they left it */
        if (audit(s, now, t->id, "status", t->status, "open", e)) return -1;
        t->status = "open";
    }
    return 1;
}

int svc_ticket_wake(svc *s, long long id, ticket_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an agent wakes a ticket");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, id, &t, e)) goto fail;
    int had = wake_in_tx(s, &t, now, "by hand", e);
    if (had < 0) goto fail;
    if (!had) {
        herr_set(e, 404, "not_snoozed", NULL, "ticket %lld is not snoozed", id);
        goto fail;
    }
    return finish(s, &t, now, out, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_snoozed_until(svc *s, long long id, const char **until, herr *e)
{
    return store_snooze_get(s->db, s->a, id, until, e) < 0 ? -1 : 0;
}

int svc_snooze_customer_wrote(svc *s, ticket_rec *t, const char *now, herr *e)
{
    return wake_in_tx(s, t, now, "the customer wrote", e) < 0 ? -1 : 0;
}

int svc_snooze_sweep(svc *s, int max, int *n, herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    long long *ids;
    *n = 0;
    if (store_snooze_due(s->db, s->a, now, max, &ids, n, e)) return -1;
    for (int i = 0; i < *n; i++) {
        if (db_begin(s->db, e)) return -1;
        ticket_rec t;
        int had = svc_ticket_get(s, ids[i], &t, e) ? -1 : wake_in_tx(s, &t, now, "its time came", e);
        if (had < 0 || (had && (store_ticket_update(s->db, &t, e) || svc_event(s, "ticket.updated", t.id, NULL, e) ||
                                (t.owner_id && svc_notify(s, t.owner_id, "snooze", t.id,
                                                          arena_printf(s->a, "#%lld is back from snooze", t.id), t.subject, e))))) {
            db_rollback(s->db);
            return -1;
        }
        if (db_commit(s->db, e)) return -1;
    }
    return 0;
}
