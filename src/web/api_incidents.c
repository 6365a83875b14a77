/* /api/v1/incidents: outages, their linked tickets, and updates posted to every thread. */
#include <string.h>
#include "service/svc_incidents.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

static void write_incident_head(jw *j, const incident_rec *i)
{
    jw_kint(j, "id", i->id);
    jw_kstr(j, "title", i->title);
    jw_kstr(j, "state", i->state);
    jw_kint(j, "ticket_count", i->ticket_count);
    jw_kstr(j, "created_at", i->created_at);
    jw_kstr(j, "resolved_at", i->resolved_at);
}

static void write_tickets(jw *j, const char *key, const ticket_rec *t, int n)
{
    jw_key(j, key);
    jw_arr(j);
    for (int i = 0; i < n; i++) {
        api_write_ticket(j, &t[i]);
        jw_end_obj(j);
    }
    jw_end_arr(j);
}

static void write_full(req *r, resp *w, int status, long long id)
{
    incident_rec inc;
    ticket_rec *t, *sugg;
    incident_update_rec *u;
    int nt, nu, ns;
    herr e;
    int found = svc_incident_get(&r->s, id, &inc, &e);
    if (found <= 0) return found < 0 ? resp_herr(w, &e) : resp_json_error(w, 404, "not_found", NULL, "no such incident");
    if (svc_incident_detail(&r->s, id, &t, &nt, &u, &nu, &e) || svc_incident_suggestions(&r->s, id, &sugg, &ns, &e))
        return resp_herr(w, &e);
    jw j;
    api_begin(w, status, &j);
    jw_obj(&j);
    write_incident_head(&j, &inc);
    write_tickets(&j, "tickets", t, nt);
    jw_key(&j, "updates");
    jw_arr(&j);
    for (int i = 0; i < nu; i++) {
        jw_obj(&j);
        jw_kstr(&j, "body", u[i].body);
        jw_kstr(&j, "author", u[i].author_name);
        jw_kbool(&j, "resolved", u[i].resolved);
        jw_kint(&j, "tickets", u[i].tickets);
        jw_kstr(&j, "created_at", u[i].created_at);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    write_tickets(&j, "suggested", sugg, ns);
    jw_end_obj(&j);
}

void api_incident_create(req *r, resp *w)
{
    static const char *const fields[] = {"title", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *title;
    incident_rec inc;
    herr e;
    if (api_get_str(w, o, "title", "title", true, &title)) {
        if (svc_incident_create(&r->s, title, &inc, &e)) resp_herr(w, &e);
        else write_full(r, w, 201, inc.id);
    }
    json_decref(o);
}

void api_incident_get(req *r, resp *w)
{
    long long id;
    if (api_path_id(r, w, "incident", &id)) write_full(r, w, 200, id);
}

void api_incident_list(req *r, resp *w)
{
    static const char *const params[] = {"state", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *state = req_query(r, "state");
    incident_rec *inc;
    int n;
    herr e;
    if (svc_incidents(&r->s, state && *state ? state : NULL, &inc, &n, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "incidents");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        write_incident_head(&j, &inc[i]);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_incident_link(req *r, resp *w)
{
    static const char *const fields[] = {"ticket_ids", NULL};
    long long id;
    if (!api_path_id(r, w, "incident", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *ids = json_object_get(o, "ticket_ids");
    if (!ids) resp_json_error(w, 400, "missing_field", "ticket_ids", "ticket_ids is required: the tickets to link");
    else if (!json_is_array(ids)) resp_json_error(w, 400, "wrong_type", "ticket_ids", "ticket_ids must be an array of ticket ids");
    else {
        size_t n = json_array_size(ids), i;
        long long *v = arena_alloc(&r->a, sizeof *v * (n ? n : 1));
        json_t *x;
        bool ok = true;
        json_array_foreach(ids, i, x) {
            if (!json_is_integer(x) || json_integer_value(x) <= 0) ok = false;
            else v[i] = (long long)json_integer_value(x);
        }
        int linked;
        herr e;
        if (!ok) resp_json_error(w, 400, "wrong_type", "ticket_ids", "ticket_ids must be an array of ticket ids");
        else if (svc_incident_link(&r->s, id, v, (int)n, &linked, &e)) resp_herr(w, &e);
        else write_full(r, w, 200, id);
    }
    json_decref(o);
}

void api_incident_update(req *r, resp *w)
{
    static const char *const fields[] = {"body", "resolve", NULL};
    long long id;
    if (!api_path_id(r, w, "incident", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *body = NULL;
    json_t *res = json_object_get(o, "resolve");
    incident_update_rec u;
    herr e;
    if (!api_get_str(w, o, "body", "body", false, &body)) {
    } else if (res && !json_is_boolean(res)) resp_json_error(w, 400, "wrong_type", "resolve", "resolve must be true or false");
    else if (svc_incident_update(&r->s, id, body, res && json_is_true(res), &u, &e)) resp_herr(w, &e);
    else write_full(r, w, 201, id);
    json_decref(o);
}
