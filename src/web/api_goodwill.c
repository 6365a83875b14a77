/* /api/v1/tickets/{id}/goodwill, /api/v1/goodwill...: the goodwill ledger, approvals,
 * limits and an agent's allowance. */
#include <string.h>
#include "service/svc_goodwill.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

static void write_g(jw *j, const goodwill_rec *g)
{
    jw_obj(j);
    jw_kint(j, "id", g->id);
    jw_kint(j, "ticket_id", g->ticket_id);
    jw_kint(j, "customer_id", g->customer_id);
    jw_kint(j, "agent_id", g->agent_id);
    jw_kstr(j, "agent", g->agent_name);
    jw_kstr(j, "kind", g->kind);
    jw_kint(j, "amount_minor", g->amount_minor);
    jw_kstr(j, "currency", g->currency);
    jw_kstr(j, "reason", g->reason);
    jw_kstr(j, "state", g->state);
    jw_kid(j, "decided_by", g->decided_by);
    jw_kstr(j, "decided_at", g->decided_at);
    jw_kstr(j, "decline_reason", g->decline_reason);
    jw_kstr(j, "created_at", g->created_at);
    jw_kstr(j, "customer_said_after", g->customer_said_after);
    jw_end_obj(j);
}

static void write_list(resp *w, const goodwill_rec *g, int n)
{
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "goodwill");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_g(&j, &g[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_goodwill_create(req *r, resp *w)
{
    static const char *const fields[] = {"kind", "amount_minor", "currency", "reason", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *kind = NULL, *cur = NULL, *reason = NULL;
    json_t *amount = json_object_get(o, "amount_minor");
    goodwill_rec g;
    herr e;
    if (!api_get_str(w, o, "kind", "kind", true, &kind) || !api_get_str(w, o, "currency", "currency", false, &cur) ||
        !api_get_str(w, o, "reason", "reason", false, &reason)) {
    } else if (!amount) resp_json_error(w, 400, "missing_field", "amount_minor", "amount_minor is required: the amount in minor units (1250 = 12.50)");
    else if (!json_is_integer(amount)) resp_json_error(w, 400, "wrong_type", "amount_minor", "amount_minor must be an integer number of minor units (1250 = 12.50)");
    else if (svc_goodwill_grant(&r->s, id, kind, (long long)json_integer_value(amount), cur ? cur : svc_goodwill_currency(), reason, &g, &e))
        resp_herr(w, &e);
    else {
        jw j;
        api_begin(w, 201, &j);
        write_g(&j, &g);
    }
    json_decref(o);
}

void api_goodwill_ticket(req *r, resp *w)
{
    long long id;
    goodwill_rec *g;
    int n;
    herr e;
    if (!api_path_id(r, w, "ticket", &id)) return;
    if (svc_goodwill_list(&r->s, id, 0, NULL, &g, &n, &e)) return resp_herr(w, &e);
    write_list(w, g, n);
}

void api_goodwill_customer(req *r, resp *w)
{
    long long id;
    goodwill_rec *g;
    int n;
    herr e;
    if (!api_path_id(r, w, "customer", &id)) return;
    if (svc_goodwill_list(&r->s, 0, id, NULL, &g, &n, &e)) return resp_herr(w, &e);
    write_list(w, g, n);
}

void api_goodwill_list(req *r, resp *w)
{
    static const char *const params[] = {"state", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *state = req_query(r, "state");
    goodwill_rec *g;
    int n;
    herr e;
    if (svc_goodwill_list(&r->s, 0, 0, state && *state ? state : NULL, &g, &n, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    write_list(w, g, n);
}

static void decide(req *r, resp *w, bool approve)
{
    long long id;
    if (!api_path_id(r, w, "goodwill", &id)) return;
    static const char *const with_reason[] = {"reason", NULL}, *const none[] = {NULL};
    json_t *o = NULL;
    const char *reason = NULL;
    if (r->body_len || !approve) {
        if (!(o = api_read_object(r, w, approve ? none : with_reason))) return;
        if (!approve && !api_get_str(w, o, "reason", "reason", false, &reason)) goto done;
    }
    goodwill_rec g;
    herr e;
    if (approve ? svc_goodwill_approve(&r->s, id, &g, &e) : svc_goodwill_decline(&r->s, id, reason, &g, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 200, &j);
    write_g(&j, &g);
done:
    json_decref(o);
}

void api_goodwill_approve(req *r, resp *w) { decide(r, w, true); }
void api_goodwill_decline(req *r, resp *w) { decide(r, w, false); }

static void write_limit(jw *j, const char *key, long long v)
{
    jw_key(j, key);
    if (v < 0) jw_null(j);
    else jw_int(j, v);
}

/* an amount or null (no limit); false with w filled */
static bool limit_field(resp *w, json_t *o, const char *key, long long *out)
{
    json_t *v = json_object_get(o, key);
    if (!v) {
        resp_json_error(w, 400, "missing_field", key, "send the limit in minor units, or null for no limit");
        return false;
    }
    if (json_is_null(v)) return *out = -1, true;
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        resp_json_error(w, 400, "wrong_type", key, "a limit is a whole number of minor units (0 or more), or null");
        return false;
    }
    *out = (long long)json_integer_value(v);
    return true;
}

void api_goodwill_limits_put(req *r, resp *w)
{
    static const char *const fields[] = {"role", "agent_id", "per_ticket_minor", "per_month_minor", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *role = NULL;
    json_t *agent = json_object_get(o, "agent_id");
    goodwill_limit l;
    herr e;
    if (!api_get_str(w, o, "role", "role", false, &role)) {
    } else if (agent && (!json_is_integer(agent) || json_integer_value(agent) <= 0))
        resp_json_error(w, 400, "wrong_type", "agent_id", "agent_id must be an agent id");
    else if (!limit_field(w, o, "per_ticket_minor", &l.per_ticket_minor) || !limit_field(w, o, "per_month_minor", &l.per_month_minor)) {
    } else if (svc_goodwill_set_limits(&r->s, role, agent ? (long long)json_integer_value(agent) : 0, &l, &e))
        resp_herr(w, &e);
    else {
        jw j;
        api_begin(w, 200, &j);
        jw_obj(&j);
        if (role) jw_kstr(&j, "role", role);
        else jw_kint(&j, "agent_id", (long long)json_integer_value(agent));
        write_limit(&j, "per_ticket_minor", l.per_ticket_minor);
        write_limit(&j, "per_month_minor", l.per_month_minor);
        jw_kstr(&j, "currency", svc_goodwill_currency());
        jw_end_obj(&j);
    }
    json_decref(o);
}

void api_goodwill_limits_get(req *r, resp *w)
{
    agent_rec *agents;
    int n;
    herr e;
    if (svc_agent_list(&r->s, &agents, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kstr(&j, "currency", svc_goodwill_currency());
    jw_key(&j, "agents"); /* what applies to each agent now */
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        goodwill_limit l;
        if (svc_goodwill_limits_for(&r->s, &agents[i], &l, &e)) return resp_herr(w, &e);
        jw_obj(&j);
        jw_kint(&j, "agent_id", agents[i].id);
        jw_kstr(&j, "name", agents[i].name);
        jw_kstr(&j, "role", agents[i].role);
        write_limit(&j, "per_ticket_minor", l.per_ticket_minor);
        write_limit(&j, "per_month_minor", l.per_month_minor);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_goodwill_allowance(req *r, resp *w)
{
    goodwill_limit l;
    long long spent, remaining;
    herr e;
    if (svc_goodwill_allowance(&r->s, &l, &spent, &remaining, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kstr(&j, "currency", svc_goodwill_currency());
    write_limit(&j, "per_ticket_minor", l.per_ticket_minor);
    write_limit(&j, "per_month_minor", l.per_month_minor);
    jw_kint(&j, "spent_this_month_minor", spent);
    write_limit(&j, "remaining_month_minor", remaining);
    jw_end_obj(&j);
}
