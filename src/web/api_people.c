/* /api/v1: me, customers, agents, teams, and /healthz. */
#include <string.h>
#include "util/text.h"
#include "service/svc_assign.h"
#include "service/svc_handoffs.h"
#include "web/api.h"
#include "web/handlers.h"

void api_healthz(req *r, resp *w)
{
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kstr(&j, "status", "ok");
    jw_end_obj(&j);
}

void api_me(req *r, resp *w)
{
    jw j;
    api_begin(w, 200, &j);
    api_write_agent(&j, &r->agent);
}

/* {"timezone": "America/New_York"} or {"timezone": null} (back to the server's default) */
static void set_timezone(req *r, resp *w, long long id)
{
    static const char *const fields[] = {"timezone", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *v = json_object_get(o, "timezone");
    const char *tz = NULL;
    if (!v) resp_json_error(w, 400, "missing_field", "timezone", "timezone is required (an IANA name, or null for the default)");
    else if (json_is_null(v) || api_get_str(w, o, "timezone", "timezone", true, &tz)) {
        agent_rec a;
        herr e;
        if (svc_agent_set_timezone(&r->s, id, tz, &a, &e)) resp_herr(w, &e);
        else {
            jw j;
            api_begin(w, 200, &j);
            api_write_agent(&j, &a);
        }
    }
    json_decref(o);
}

/* {"timezone": ...} and/or {"available": true|false} (in, or away) */
void api_me_update(req *r, resp *w)
{
    static const char *const fields[] = {"timezone", "available", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *tzv = json_object_get(o, "timezone"), *av = json_object_get(o, "available");
    const char *tz = NULL;
    agent_rec a = r->agent;
    herr e;
    if (!tzv && !av) resp_json_error(w, 400, "missing_field", "timezone", "timezone is required (an IANA name, or null for the default), or available (true or false)");
    else if (av && !json_is_boolean(av)) resp_json_error(w, 400, "wrong_type", "available", "available must be true or false");
    else if (tzv && !json_is_null(tzv) && !api_get_str(w, o, "timezone", "timezone", true, &tz)) {
    } else if (tzv && svc_agent_set_timezone(&r->s, r->agent.id, tz, &a, &e)) resp_herr(w, &e);
    else if (av && (r->s.actor = &a, svc_agent_set_available(&r->s, json_is_true(av), &a, &e))) resp_herr(w, &e);
    else {
        jw j;
        api_begin(w, 200, &j);
        api_write_agent(&j, &a);
    }
    json_decref(o);
}

void api_agent_update(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "agent", &id)) return;
    set_timezone(r, w, id);
}

void api_customer_get(req *r, resp *w)
{
    long long id;
    customer_rec c;
    herr e;
    if (!api_path_id(r, w, "customer", &id)) return;
    int found = svc_customer_get(&r->s, id, &c, &e);
    if (found < 0) return resp_herr(w, &e);
    if (!found) return resp_json_error(w, 404, "not_found", NULL, "customer not found");
    ticket_filter f = {.customer_id = id, .limit = 100};
    ticket_rec *list;
    int n;
    if (svc_ticket_list(&r->s, &f, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    api_write_customer(&j, &c);
    jw_key(&j, "tickets");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        api_write_ticket(&j, &list[i]);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_agent_list(req *r, resp *w)
{
    agent_rec *list;
    int n;
    herr e;
    if (svc_agent_list(&r->s, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "agents");
    jw_arr(&j);
    for (int i = 0; i < n; i++) api_write_agent(&j, &list[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_team_list(req *r, resp *w)
{
    team_rec *list;
    int n;
    herr e;
    if (svc_team_list(&r->s, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "teams");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        jw_kint(&j, "id", list[i].id);
        jw_kstr(&j, "name", list[i].name);
        jw_kint(&j, "agents", list[i].agent_count);
        jw_kint(&j, "open_tickets", list[i].open_tickets);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_customer_update(req *r, resp *w)
{
    static const char *const fields[] = {"name", "email", "tags", "notes", "language", NULL};
    long long id;
    if (!api_path_id(r, w, "customer", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *name = NULL, *email = NULL;
    customer_profile p = {0};
    customer_rec c;
    herr e;
    if (!api_get_str(w, o, "name", "name", false, &name) || !api_get_str(w, o, "email", "email", false, &email) ||
        !api_get_str(w, o, "notes", "notes", false, &p.notes) || !api_get_str(w, o, "language", "language", false, &p.language) ||
        !api_get_str_array(r, w, o, "tags", &p.tags, &p.ntags, &p.set_tags))
        goto done;
    /* the customer's own details, then what the team keeps on them: each its own rule */
    if ((name || email || (!p.set_tags && !p.notes && !p.language)) && svc_customer_update(&r->s, id, name, email, &c, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    if ((p.set_tags || p.notes || p.language) && svc_customer_profile(&r->s, id, &p, &c, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 200, &j);
    api_write_customer(&j, &c);
    jw_end_obj(&j);
done:
    json_decref(o);
}

void api_customer_list(req *r, resp *w)
{
    static const char *const params[] = {"q", "limit", "cursor", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *q = req_query(r, "q"), *limit = req_query(r, "limit"), *cursor = req_query(r, "cursor");
    long long lim = 20, before = 0;
    if (limit && (!parse_id(limit, &lim) || lim > 100)) return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 100");
    if (cursor && *cursor && !parse_id(cursor, &before)) return resp_json_error(w, 400, "invalid", "cursor", "cursor is not one that heed returned");
    customer_rec *list;
    int n;
    herr e;
    if (svc_customer_list(&r->s, q && *q ? q : NULL, before, (int)lim, &list, &n, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "customers");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        api_write_customer(&j, &list[i]);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_key(&j, "next_cursor");
    if (n == lim) jw_str(&j, arena_printf(&r->a, "%lld", list[n - 1].id));
    else jw_null(&j);
    jw_end_obj(&j);
}

/* PATCH /api/v1/teams/{id} {assign: off|round_robin|least_open, assign_cap?, reassign_minutes?} (admins) */
static bool opt_int(resp *w, json_t *o, const char *key, long long *out)
{
    json_t *v = json_object_get(o, key);
    *out = -1;
    if (!v || json_is_null(v)) return true;
    if (!json_is_integer(v)) return resp_json_error(w, 400, "wrong_type", key, "a whole number, or null"), false;
    *out = (long long)json_integer_value(v);
    if (*out < 1) *out = 0; /* refused by the service, naming the field */
    return true;
}

void api_team_update(req *r, resp *w)
{
    static const char *const fields[] = {"assign", "assign_cap", "reassign_minutes", NULL};
    long long id, cap, minutes;
    if (!api_path_id(r, w, "team", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *mode = NULL;
    team_assign ta;
    herr e;
    if (!api_get_str(w, o, "assign", "assign", true, &mode) || !opt_int(w, o, "assign_cap", &cap) ||
        !opt_int(w, o, "reassign_minutes", &minutes)) {
    } else if (svc_team_assign_set(&r->s, id, mode, cap, minutes, &ta, &e)) resp_herr(w, &e);
    else {
        jw j;
        api_begin(w, 200, &j);
        jw_obj(&j);
        jw_kint(&j, "id", id);
        jw_kstr(&j, "assign", ta.mode);
        jw_key(&j, "assign_cap");
        if (ta.cap < 0) jw_null(&j);
        else jw_int(&j, ta.cap);
        jw_key(&j, "reassign_minutes");
        if (ta.reassign_minutes < 0) jw_null(&j);
        else jw_int(&j, ta.reassign_minutes);
        jw_end_obj(&j);
    }
    json_decref(o);
}
