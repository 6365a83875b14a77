/* Warm hand-offs and availability. See svc_handoffs.h. */
#include <string.h>
#include "service/svc_attention.h"
#include "service/svc_handoffs.h"
#include "service/svc_notify.h"
#include "service/validate.h"
#include "service/svc_webhooks.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

static bool lead(const svc *s) { return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin")); }

static int audit(svc *s, const char *now, long long ticket_id, const char *action, const char *before, const char *after,
                 herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "ticket", ticket_id, action, before, after, e);
}

int svc_handoff_request(svc *s, long long ticket_id, long long to, const char *note, handoff_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "a hand-off is between agents");
    if (check_saying("note", note, HANDOFF_NOTE_MAX, HANDOFF_NOTE_MIN, 3,
                     "what was tried, what was promised, and how the customer feels", e))
        return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    agent_rec receiver;
    handoff_rec *pending;
    int np, found = store_ticket_by_id(s->db, s->a, ticket_id, &t, e);
    if (found <= 0) {
        if (!found) HERR_NOT_FOUND(e, "ticket");
        goto fail;
    }
    if (t.owner_id && t.owner_id != s->actor->id && !lead(s)) {
        herr_set(e, 403, "forbidden", NULL, "%s owns ticket %lld: only they (or a supervisor) can hand it off", t.owner_name, ticket_id);
        goto fail;
    }
    if (!strcmp(t.status, "solved") || !strcmp(t.status, "closed")) {
        herr_set(e, 409, "conflict", "status", "ticket %lld is %s: there is nothing to hand off", ticket_id, t.status);
        goto fail;
    }
    found = store_agent_by_id(s->db, s->a, to, &receiver, e);
    if (found < 0) goto fail;
    if (!found || !receiver.active) {
        HERR_INVALID(e, "to", "no active agent with id %lld", to);
        goto fail;
    }
    if (to == t.owner_id || (!t.owner_id && to == s->actor->id)) {
        HERR_INVALID(e, "to", "%s already %s this ticket", receiver.name, to == t.owner_id ? "owns" : "would own");
        goto fail;
    }
    if (store_handoff_list(s->db, s->a, ticket_id, 0, "pending", 1, &pending, &np, e)) goto fail;
    if (np) {
        herr_set(e, 409, "conflict", "to", "ticket %lld is already waiting for %s to accept it (hand-off %lld)", ticket_id,
                 pending[0].to_name, pending[0].id);
        goto fail;
    }
    *out = (handoff_rec){.ticket_id = ticket_id, .from_id = s->actor->id, .to_id = to, .note = note, .state = "pending",
                         .created_at = arena_strdup(s->a, now), .from_name = s->actor->name, .to_name = receiver.name,
                         .ticket_subject = t.subject};
    if (store_handoff_insert(s->db, out, &out->id, e) ||
        audit(s, now, ticket_id, "handoff", t.owner_name, arena_printf(s->a, "to %s, waiting", receiver.name), e) ||
        svc_notify(s, to, "handoff", ticket_id,
                   arena_printf(s->a, "%s asks you to take over #%lld: %s", s->actor->name, ticket_id, t.subject), note, e))
        goto fail;
    if (svc_event_handoff(s, "handoff.requested", out, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

/* loads a pending hand-off the actor may decide: the receiver's (decide), or the asker's or a lead's (cancel) */
static int load(svc *s, long long id, handoff_rec *h, bool receiver_only, herr *e)
{
    int found = store_handoff_by_id(s->db, s->a, id, h, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no hand-off %lld", id);
    bool mine = receiver_only ? h->to_id == s->actor->id : (h->from_id == s->actor->id || lead(s));
    if (!mine)
        return herr_set(e, 403, "forbidden", NULL, receiver_only ? "only %s can accept or decline this hand-off" : "only %s or a supervisor can cancel this hand-off",
                        receiver_only ? h->to_name : (h->from_name ? h->from_name : "who asked"));
    if (strcmp(h->state, "pending")) return herr_set(e, 409, "conflict", "state", "hand-off %lld is already %s", id, h->state);
    return 0;
}

/* the one short line the customer gets from their new owner */
static const char *intro(svc *s, const ticket_rec *t, const agent_rec *to)
{
    const char *first = t->customer_name ? arena_strndup(s->a, t->customer_name, strcspn(t->customer_name, " ")) : NULL;
    const char *me = arena_strndup(s->a, to->name, strcspn(to->name, " "));
    return arena_printf(s->a, "Hi %s, I'm %s, and I'm looking after your request from now on. I've read everything so far, "
                              "so there's no need to repeat yourself.\n\n%s",
                        first && *first ? first : "there", me, me);
}

int svc_handoff_accept(svc *s, long long id, handoff_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "a hand-off is between agents");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (load(s, id, out, true, e)) goto fail;
    ticket_rec t;
    if (store_ticket_by_id(s->db, s->a, out->ticket_id, &t, e) <= 0) goto fail;
    const char *before = t.owner_name;
    int count;
    if (store_handoff_decide(s->db, id, "accepted", NULL, now, e) < 0 || store_ticket_handoffs(s->db, t.id, &count, e) ||
        audit(s, now, t.id, "owner", t.owner_id ? arena_printf(s->a, "%lld", t.owner_id) : NULL,
              arena_printf(s->a, "%lld", s->actor->id), e) ||
        audit(s, now, t.id, "handoff", before, arena_printf(s->a, "accepted by %s", s->actor->name), e))
        goto fail;
    t.owner_id = s->actor->id;
    t.updated_at = now;
    if (!strcmp(t.status, "new")) t.status = "open";
    /* the customer hears who looks after them now: a public reply, emailed on email tickets */
    message_rec m = {.ticket_id = t.id, .kind = "reply", .author_agent_id = s->actor->id, .author_name = s->actor->name,
                     .body = intro(s, &t, s->actor), .created_at = arena_strdup(s->a, now)};
    if (store_message_insert(s->db, &m, &m.id, e) || store_search_append(s->db, t.id, m.body, e) ||
        audit(s, now, t.id, "reply", NULL, arena_printf(s->a, "%lld", m.id), e) ||
        svc_outbox_queue_reply(s, &t, &m, now, e) || svc_attention_answered(s, t.id, e) || store_ticket_update(s->db, &t, e))
        goto fail;
    if (out->from_id &&
        svc_notify(s, out->from_id, "handoff", t.id, arena_printf(s->a, "%s accepted #%lld", s->actor->name, t.id), NULL, e))
        goto fail;
    if (count == HANDOFF_PASSED_AROUND &&
        svc_notify_supervisors(s, s->actor->id, "passed_around", t.id,
                               arena_printf(s->a, "#%lld has been passed around: %d hand-offs", t.id, count),
                               arena_printf(s->a, "%s: %s", t.subject, out->note), e))
        goto fail;
    out->state = "accepted";
    out->decided_at = arena_strdup(s->a, now);
    if (svc_event_handoff(s, "handoff.accepted", out, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_handoff_decline(svc *s, long long id, const char *reason, handoff_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "a hand-off is between agents");
    if (check_saying("reason", reason, 1000, HANDOFF_REASON_MIN, 1, "why you cannot take it", e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (load(s, id, out, true, e) || store_handoff_decide(s->db, id, "declined", reason, now, e) < 0 ||
        audit(s, now, out->ticket_id, "handoff", out->from_name, arena_printf(s->a, "declined by %s: %s", s->actor->name, reason), e) ||
        (out->from_id && svc_notify(s, out->from_id, "handoff", out->ticket_id,
                                    arena_printf(s->a, "%s declined #%lld", s->actor->name, out->ticket_id), reason, e)))
        goto fail;
    out->state = "declined";
    out->reason = reason;
    out->decided_at = arena_strdup(s->a, now);
    if (svc_event_handoff(s, "handoff.declined", out, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_handoff_cancel(svc *s, long long id, handoff_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "a hand-off is between agents");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (load(s, id, out, false, e) || store_handoff_decide(s->db, id, "cancelled", NULL, now, e) < 0 ||
        audit(s, now, out->ticket_id, "handoff", out->to_name, "cancelled", e))
        goto fail;
    out->state = "cancelled";
    out->decided_at = arena_strdup(s->a, now);
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_handoffs(svc *s, long long ticket_id, long long to_id, const char *state, handoff_rec **out, int *n, herr *e)
{
    if (state && strcmp(state, "pending") && strcmp(state, "accepted") && strcmp(state, "declined") && strcmp(state, "cancelled"))
        return HERR_INVALID(e, "state", "state must be pending, accepted, declined or cancelled");
    return store_handoff_list(s->db, s->a, ticket_id, to_id, state, 200, out, n, e);
}

int svc_handoff_pending(svc *s, long long ticket_id, handoff_rec *out, herr *e)
{
    handoff_rec *h;
    int n;
    if (store_handoff_list(s->db, s->a, ticket_id, 0, "pending", 1, &h, &n, e)) return -1;
    if (n) *out = h[0];
    return n > 0;
}

int svc_agent_set_available(svc *s, bool available, agent_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "only an agent is in or away");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_agent_set_available(s->db, s->actor->id, available, e) ||
        store_audit_insert(s->db, now, s->actor->id, "agent", s->actor->id, "available", s->actor->available ? "in" : "away",
                           available ? "in" : "away", e) ||
        store_agent_by_id(s->db, s->a, s->actor->id, out, e) <= 0) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
