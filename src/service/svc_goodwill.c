/* The goodwill budget. See svc_goodwill.h. */
#include <stdio.h>
#include <string.h>
#include "service/svc_goodwill.h"
#include "service/svc_notify.h"
#include "service/svc_webhooks.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "util/text.h"
#include "util/timeutil.h"

static char currency[4] = "USD";
void svc_goodwill_set_currency(const char *c)
{
    if (c && strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] >= 'A' && c[2] <= 'Z')
        memcpy(currency, c, 4);
}
const char *svc_goodwill_currency(void) { return currency; }

bool svc_goodwill_kind_valid(const char *k)
{
    return k && (!strcmp(k, "credit") || !strcmp(k, "refund") || !strcmp(k, "replacement") || !strcmp(k, "gift"));
}

static bool lead(const agent_rec *a) { return a && (!strcmp(a->role, "supervisor") || !strcmp(a->role, "admin")); }

const char *svc_goodwill_money(arena *a, long long minor, const char *cur)
{
    return arena_printf(a, "%lld.%02lld %s", minor / 100, minor % 100, cur);
}

/* "25", "25.5", "25.50" -> 2550; false for anything else (no floating point on money) */
bool svc_goodwill_parse_money(const char *s, long long *minor)
{
    if (!s) return false;
    long long whole = 0, cents = 0;
    int digits = 0, frac = 0;
    const char *p = s;
    while (*p == ' ') p++;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (digits > 9) return false;
        whole = whole * 10 + (*p - '0');
    }
    if (!digits) return false;
    if (*p == '.' || *p == ',') {
        for (p++; *p >= '0' && *p <= '9'; p++, frac++) {
            if (frac == 2) return false;
            cents = cents * 10 + (*p - '0');
        }
        if (!frac) return false;
        if (frac == 1) cents *= 10;
    }
    while (*p == ' ') p++;
    if (*p) return false;
    *minor = whole * 100 + cents;
    return true;
}

static int audit(svc *s, const char *now, long long id, const char *action, const char *before, const char *after, herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "goodwill", id, action, before, after, e);
}

int svc_goodwill_limits_for(svc *s, const agent_rec *a, goodwill_limit *out, herr *e)
{
    int found = store_goodwill_limit_get(s->db, NULL, a->id, out, e);
    if (found) return found < 0 ? -1 : 0;
    found = store_goodwill_limit_get(s->db, a->role, 0, out, e);
    if (found) return found < 0 ? -1 : 0;
    bool agent = !strcmp(a->role, "agent");
    *out = (goodwill_limit){.per_ticket_minor = agent ? GOODWILL_AGENT_PER_TICKET : -1,
                            .per_month_minor = agent ? GOODWILL_AGENT_PER_MONTH : -1};
    return 0;
}

/* the first instant of the current calendar month, UTC */
static void month_start(svc *s, char out[ISO_LEN])
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    snprintf(out, ISO_LEN, "%.7s-01T00:00:00Z", now);
}

static const char *data(svc *s, const goodwill_rec *g)
{
    buf b;
    buf_init(&b, 256);
    jw j;
    jw_init(&j, &b);
    jw_obj(&j);
    jw_key(&j, "goodwill");
    jw_obj(&j);
    jw_kint(&j, "id", g->id);
    jw_kstr(&j, "kind", g->kind);
    jw_kint(&j, "amount_minor", g->amount_minor);
    jw_kstr(&j, "currency", g->currency);
    jw_kstr(&j, "reason", g->reason);
    jw_kstr(&j, "state", g->state);
    jw_kint(&j, "agent_id", g->agent_id);
    jw_kid(&j, "decided_by", g->decided_by);
    jw_kstr(&j, "decline_reason", g->decline_reason);
    jw_end_obj(&j);
    jw_end_obj(&j);
    const char *out = arena_strdup(s->a, b.p);
    buf_free(&b);
    return out;
}

int svc_goodwill_grant(svc *s, long long ticket_id, const char *kind, long long amount_minor, const char *cur,
                       const char *reason, goodwill_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "goodwill is granted by an agent");
    if (!svc_goodwill_kind_valid(kind)) return HERR_INVALID(e, "kind", "kind must be credit, refund, replacement or gift");
    if (amount_minor <= 0 || amount_minor > GOODWILL_AMOUNT_MAX)
        return HERR_INVALID(e, "amount_minor", "amount_minor must be a whole number of minor units, 1 to %lld", GOODWILL_AMOUNT_MAX);
    if (!cur || strlen(cur) != 3 || strcmp(cur, currency))
        return HERR_INVALID(e, "currency", "currency must be %s, this heed's goodwill currency (ISO 4217)", currency);
    if (check_saying("reason", reason, GOODWILL_REASON_MAX, 5, 1, "why the customer gets it", e)) return -1;
    char now[ISO_LEN], since[ISO_LEN];
    svc_now_iso(s, now);
    month_start(s, since);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    goodwill_limit lim;
    long long month = 0, on_ticket = 0;
    int found = store_ticket_by_id(s->db, s->a, ticket_id, &t, e);
    if (found <= 0) {
        if (!found) HERR_NOT_FOUND(e, "ticket");
        goto fail;
    }
    if (svc_goodwill_limits_for(s, s->actor, &lim, e) ||
        store_goodwill_spent(s->db, s->actor->id, since, ticket_id, &month, &on_ticket, e))
        goto fail;
    bool within = (lim.per_ticket_minor < 0 || on_ticket + amount_minor <= lim.per_ticket_minor) &&
                  (lim.per_month_minor < 0 || month + amount_minor <= lim.per_month_minor);
    *out = (goodwill_rec){.ticket_id = ticket_id, .customer_id = t.customer_id, .agent_id = s->actor->id, .kind = kind,
                          .amount_minor = amount_minor, .currency = currency, .reason = reason,
                          .state = within ? "granted" : "pending", .created_at = arena_strdup(s->a, now),
                          .agent_name = s->actor->name, .ticket_subject = t.subject, .customer_name = t.customer_name};
    const char *what = arena_printf(s->a, "%s %s", svc_goodwill_money(s->a, amount_minor, currency), kind);
    if (store_goodwill_insert(s->db, out, &out->id, e) || audit(s, now, out->id, out->state, NULL, what, e) ||
        store_audit_insert(s->db, now, s->actor->id, "ticket", ticket_id, "goodwill", NULL,
                           arena_printf(s->a, "%s, %s", what, out->state), e) ||
        svc_event(s, within ? "goodwill.granted" : "goodwill.pending", ticket_id, data(s, out), e))
        goto fail;
    if (!within && svc_notify_supervisors(s, s->actor->id, "goodwill", ticket_id,
                                          arena_printf(s->a, "%s asks to give %s on #%lld", s->actor->name, what, ticket_id),
                                          reason, e))
        goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

static int decide(svc *s, long long id, bool approve, const char *reason, goodwill_rec *out, herr *e)
{
    if (!s->actor || !lead(s->actor)) return herr_set(e, 403, "forbidden", NULL, "a supervisor or an admin decides on goodwill above an agent's limit");
    if (!approve && check_saying("reason", reason, GOODWILL_REASON_MAX, 5, 1, "why it is declined, for the agent who asked", e))
        return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    int found = store_goodwill_by_id(s->db, s->a, id, out, e);
    if (found <= 0) {
        if (!found) herr_set(e, 404, "not_found", NULL, "no goodwill %lld", id);
        goto fail;
    }
    if (out->agent_id == s->actor->id) {
        herr_set(e, 403, "forbidden", NULL, "nobody approves or declines their own goodwill: another supervisor decides");
        goto fail;
    }
    if (strcmp(out->state, "pending")) {
        herr_set(e, 409, "conflict", "state", "goodwill %lld is already %s", id, out->state);
        goto fail;
    }
    const char *st = approve ? "approved" : "declined";
    const char *what = arena_printf(s->a, "%s %s", svc_goodwill_money(s->a, out->amount_minor, out->currency), out->kind);
    if (store_goodwill_decide(s->db, id, st, s->actor->id, approve ? NULL : reason, now, e) < 0 ||
        audit(s, now, id, st, "pending", approve ? what : reason, e))
        goto fail;
    out->state = st;
    out->decided_by = s->actor->id;
    out->decided_by_name = s->actor->name;
    out->decided_at = arena_strdup(s->a, now);
    out->decline_reason = approve ? NULL : reason;
    if (svc_notify(s, out->agent_id, "goodwill", out->ticket_id,
                   arena_printf(s->a, "%s %s your %s on #%lld", s->actor->name, st, what, out->ticket_id),
                   approve ? NULL : reason, e) ||
        svc_event(s, approve ? "goodwill.approved" : "goodwill.declined", out->ticket_id, data(s, out), e))
        goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_goodwill_approve(svc *s, long long id, goodwill_rec *out, herr *e) { return decide(s, id, true, NULL, out, e); }
int svc_goodwill_decline(svc *s, long long id, const char *reason, goodwill_rec *out, herr *e)
{
    return decide(s, id, false, reason, out, e);
}


int svc_goodwill_list(svc *s, long long ticket_id, long long customer_id, const char *state, goodwill_rec **out, int *n,
                      herr *e)
{
    if (state && strcmp(state, "granted") && strcmp(state, "pending") && strcmp(state, "approved") && strcmp(state, "declined"))
        return HERR_INVALID(e, "state", "state must be granted, pending, approved or declined");
    return store_goodwill_list(s->db, s->a, ticket_id, customer_id, state, 200, out, n, e);
}

int svc_goodwill_set_limits(svc *s, const char *role, long long agent_id, const goodwill_limit *l, herr *e)
{
    if (!s->actor || strcmp(s->actor->role, "admin")) return herr_set(e, 403, "forbidden", NULL, "only admins set goodwill limits");
    if ((role != NULL) == (agent_id != 0)) return HERR_INVALID(e, "role", "give exactly one of role and agent_id");
    if (role && !svc_role_valid(role)) return HERR_INVALID(e, "role", "role must be agent, supervisor or admin");
    if (l->per_ticket_minor < -1 || l->per_ticket_minor > GOODWILL_AMOUNT_MAX)
        return HERR_INVALID(e, "per_ticket_minor", "per_ticket_minor must be 0 to %lld, or null for no limit", GOODWILL_AMOUNT_MAX);
    if (l->per_month_minor < -1 || l->per_month_minor > GOODWILL_AMOUNT_MAX * 100)
        return HERR_INVALID(e, "per_month_minor", "per_month_minor must be 0 or more, or null for no limit");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (agent_id) {
        agent_rec a;
        int found = store_agent_by_id(s->db, s->a, agent_id, &a, e);
        if (found <= 0) {
            if (!found) HERR_INVALID(e, "agent_id", "no agent with id %lld", agent_id);
            goto fail;
        }
    }
    if (store_goodwill_limit_set(s->db, role, agent_id, l, now, e) ||
        store_audit_insert(s->db, now, s->actor->id, "goodwill_limit", agent_id, role ? role : "agent", NULL,
                           arena_printf(s->a, "%lld / %lld", l->per_ticket_minor, l->per_month_minor), e))
        goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_goodwill_allowance(svc *s, goodwill_limit *limits, long long *spent, long long *remaining, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an allowance is an agent's");
    char since[ISO_LEN];
    month_start(s, since);
    long long on_ticket;
    if (svc_goodwill_limits_for(s, s->actor, limits, e) ||
        store_goodwill_spent(s->db, s->actor->id, since, 0, spent, &on_ticket, e))
        return -1;
    *remaining = limits->per_month_minor < 0 ? -1 : limits->per_month_minor > *spent ? limits->per_month_minor - *spent : 0;
    return 0;
}
