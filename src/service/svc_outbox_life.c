/* The outbox's lifecycle beyond sending: queued mail expires (a message nobody could
 * deliver for days is worse late than failed, and an install that turns sending on after
 * a long time off must not mail a stale backlog), and an admin may cancel a queued row or
 * resend a failed or cancelled one. Each change is one transaction with its audit row.
 *
 * Cancel against the sender: a row in `sending` is in a transfer right now and cannot be
 * called back, so cancel answers 409 and the admin tries again after the attempt (a failed
 * attempt leaves it queued or failed). Only when the sender's lease has run out (heed died
 * mid-send) may it be cancelled from `sending`; should that sender come back, the fence in
 * store_outbox_finish (attempts and lease) refuses its outcome. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "service/service.h"
#include "store/store.h"
#include "util/timeutil.h"

static long long expiry = OUTBOX_EXPIRE_DEFAULT;

void svc_outbox_set_expiry(long long seconds) { expiry = seconds > 0 ? seconds : OUTBOX_EXPIRE_DEFAULT; }
long long svc_outbox_expiry(void) { return expiry; }

const char *svc_duration_text(arena *a, long long s)
{
    static const struct { long long n; const char *unit; } units[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (s >= units[i].n && s % units[i].n == 0)
            return arena_printf(a, "%lld %s%s", s / units[i].n, units[i].unit, s == units[i].n ? "" : "s");
    return arena_printf(a, "%lld second%s", s, s == 1 ? "" : "s");
}

bool svc_outbox_is_expired(const outbox_rec *o, time_t now)
{
    time_t q;
    return o->queued_at && time_parse_iso(o->queued_at, &q) && now - q >= expiry;
}

const char *svc_outbox_gave_up(svc *s, int attempts, const char *answer)
{
    return arena_printf(s->a, "gave up after %d attempt%s over %s: %s", attempts, attempts == 1 ? "" : "s",
                        svc_duration_text(s->a, expiry), answer);
}

int svc_outbox_expire(svc *s, time_t now, herr *e)
{
    char cutoff[ISO_LEN], at[ISO_LEN];
    time_iso(now - expiry, cutoff);
    time_iso(now, at);
    outbox_rec *o;
    int n, expired = 0;
    if (store_outbox_expired(s->db, s->a, cutoff, OUTBOX_EXPIRE_BATCH, &o, &n, e)) return -1;
    for (int i = 0; i < n; i++) {
        const char *why = svc_outbox_gave_up(
            s, o[i].attempts, o[i].last_error ? o[i].last_error : "no attempt was made (sending was off)");
        int done = store_outbox_give_up(s->db, o[i].id, why, e);
        if (done < 0 || (done && store_audit_insert(s->db, at, 0, "outbox", o[i].id, "expired", "queued", why, e)))
            return -1;
        expired += done;
    }
    return expired;
}

int svc_outbox_sweep(svc *s, int *expired, herr *e)
{
    for (;;) {
        if (db_begin(s->db, e)) return -1;
        int n = svc_outbox_expire(s, svc_now(s), e);
        if (n < 0) {
            db_rollback(s->db);
            return -1;
        }
        if (db_commit(s->db, e)) return -1;
        *expired += n;
        if (n < OUTBOX_EXPIRE_BATCH) return 0; /* a full batch: there may be more */
    }
}

static bool is_admin(const svc *s) { return s->actor && !strcmp(s->actor->role, "admin"); }

/* why a row in this state cannot take the action */
static int refuse(herr *e, const outbox_rec *o, const char *action)
{
    if (!strcmp(o->state, "sending"))
        return herr_set(e, 409, "conflict", "state",
                        "mail %lld is being sent right now (attempt %d); it cannot be %s during the transfer: try "
                        "again in a minute",
                        o->id, o->attempts, action);
    return herr_set(e, 409, "conflict", "state", "mail %lld is %s; it cannot be %s", o->id, o->state, action);
}

/* one admin action: check, change (store fn), audit, re-read; all in one transaction */
static int act(svc *s, long long id, outbox_rec *out, const char *action, const char *done_word,
               int (*change)(db *, long long, const char *, herr *), herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can %s mail", action);
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    outbox_rec before;
    int found = store_outbox_by_id(s->db, s->a, id, &before, e), changed = 0;
    if (found <= 0) {
        if (!found) HERR_NOT_FOUND(e, "outbox mail");
        goto fail;
    }
    changed = change(s->db, id, now, e);
    if (changed < 0) goto fail;
    if (changed && change == store_outbox_requeue && svc_outbox_job(s, id, e)) goto fail;
    if (!changed) {
        refuse(e, &before, done_word);
        goto fail;
    }
    if (store_audit_insert(s->db, now, s->actor->id, "outbox", id, action, before.state,
                           before.last_error ? arena_printf(s->a, "%s (was: %s)", done_word, before.last_error) : done_word,
                           e) ||
        store_outbox_by_id(s->db, s->a, id, out, e) < 0)
        goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_outbox_cancel(svc *s, long long id, outbox_rec *out, herr *e)
{
    return act(s, id, out, "cancel", "cancelled", store_outbox_cancel, e);
}

int svc_outbox_resend(svc *s, long long id, outbox_rec *out, herr *e)
{
    return act(s, id, out, "resend", "resent", store_outbox_requeue, e);
}

/* An agent resends a failed reply from its ticket. Any signed-in agent may: it sends text that
 * was already written to the ticket's customer, no more than any agent can do by replying
 * again, and whoever works the ticket is the one who finds the bounce, owner or not. Only a
 * failed reply: a reply an admin cancelled was a decision not to send it, which an agent does
 * not undo (the admin resends it in the outbox), and acknowledgements and notices are heed's
 * own automatic mail. It goes to the customer's address as it is now: "Fix the address" on the
 * page leads to the customer's form, and a corrected address must get the reply (the row's
 * Message-ID and text stay). Audit row "resend" by the agent, naming the new address. */
int svc_outbox_resend_reply(svc *s, long long ticket_id, long long message_id, outbox_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", "", "only an agent can resend a reply");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    outbox_rec *rows, *row = NULL;
    int n;
    if (store_outbox_list(s->db, s->a, ticket_id, &rows, &n, e)) goto fail;
    for (int i = 0; i < n && !row; i++)
        if (rows[i].message_id == message_id && !strcmp(rows[i].kind, "reply")) row = &rows[i];
    if (!row) {
        herr_set(e, 404, "not_found", "", "reply %lld of ticket %lld was not emailed", message_id, ticket_id);
        goto fail;
    }
    if (strcmp(row->state, "failed")) {
        if (!strcmp(row->state, "cancelled"))
            herr_set(e, 409, "conflict", "state", "an admin cancelled this reply; only an admin can send it again");
        else
            refuse(e, row, "resent");
        goto fail;
    }
    ticket_rec t;
    const char *moved = NULL; /* the customer's address, when it was corrected since the reply failed */
    int found = store_ticket_by_id(s->db, s->a, ticket_id, &t, e);
    if (found < 0) goto fail;
    if (found && t.customer_email && strcasecmp(t.customer_email, row->to_addr)) {
        if (store_outbox_readdress(s->db, row->id, t.customer_email, t.customer_name, e) < 0) goto fail;
        moved = t.customer_email;
    }
    int changed = store_outbox_requeue(s->db, row->id, now, e);
    if (changed < 0 || (changed && svc_outbox_job(s, row->id, e))) goto fail;
    if (!changed) {
        refuse(e, row, "resent");
        goto fail;
    }
    const char *what = moved ? arena_printf(s->a, "resent to %s (was %s)", moved, row->to_addr) : "resent";
    if (store_audit_insert(s->db, now, s->actor->id, "outbox", row->id, "resend", row->state,
                           row->last_error ? arena_printf(s->a, "%s (was: %s)", what, row->last_error) : what, e) ||
        store_outbox_by_id(s->db, s->a, row->id, out, e) < 0)
        goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

static bool sending_on;
void svc_outbox_set_sending(bool on) { sending_on = on; }
bool svc_outbox_sending(void) { return sending_on; }

bool svc_outbox_state_valid(const char *st)
{
    static const char *const states[] = {"queued", "sending", "sent", "failed", "cancelled"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (!strcmp(st, states[i])) return true;
    return false;
}

int svc_outbox_count(svc *s, const char *state, int *n, herr *e)
{
    if (!svc_outbox_state_valid(state))
        return HERR_INVALID(e, "state", "state must be queued, sending, sent, failed or cancelled");
    return store_outbox_count_state(s->db, state, n, e);
}

int svc_outbox_recent(svc *s, const char *state, long long before_id, int limit, outbox_rec **out, int *n, herr *e)
{
    if (state && !svc_outbox_state_valid(state))
        return HERR_INVALID(e, "state", "state must be queued, sending, sent, failed or cancelled");
    return store_outbox_recent(s->db, s->a, state, before_id, limit, out, n, e);
}
