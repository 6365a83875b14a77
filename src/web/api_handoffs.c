/* /api/v1/tickets/{id}/handoffs and /api/v1/handoffs: warm hand-offs between agents. */
#include <string.h>
#include "service/svc_handoffs.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

void api_write_handoff(jw *j, const handoff_rec *h)
{
    jw_obj(j);
    jw_kint(j, "id", h->id);
    jw_kint(j, "ticket_id", h->ticket_id);
    jw_kid(j, "from_id", h->from_id);
    jw_kstr(j, "from", h->from_name);
    jw_kint(j, "to_id", h->to_id);
    jw_kstr(j, "to", h->to_name);
    jw_kstr(j, "note", h->note);
    jw_kstr(j, "state", h->state);
    jw_kstr(j, "reason", h->reason);
    jw_kstr(j, "created_at", h->created_at);
    jw_kstr(j, "decided_at", h->decided_at);
    jw_end_obj(j);
}

void api_handoff_create(req *r, resp *w)
{
    static const char *const fields[] = {"to", "note", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *to = json_object_get(o, "to");
    const char *note = NULL;
    handoff_rec h;
    herr e;
    if (!to) resp_json_error(w, 400, "missing_field", "to", "to is required: the id of the agent who should take over");
    else if (!json_is_integer(to) || json_integer_value(to) <= 0) resp_json_error(w, 400, "wrong_type", "to", "to must be an agent id");
    else if (!api_get_str(w, o, "note", "note", false, &note)) {
    } else if (svc_handoff_request(&r->s, id, (long long)json_integer_value(to), note, &h, &e)) resp_herr(w, &e);
    else {
        jw j;
        api_begin(w, 201, &j);
        api_write_handoff(&j, &h);
    }
    json_decref(o);
}

void api_handoff_list(req *r, resp *w)
{
    static const char *const params[] = {"state", "to", "ticket", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *state = req_query(r, "state"), *to = req_query(r, "to"), *ticket = req_query(r, "ticket");
    long long to_id = 0, ticket_id = 0;
    if (to && *to && strcmp(to, "me") && !parse_id(to, &to_id)) return resp_json_error(w, 400, "invalid", "to", "to must be an agent id or 'me'");
    if (to && !strcmp(to, "me")) to_id = r->agent.id;
    if (ticket && *ticket && !parse_id(ticket, &ticket_id)) return resp_json_error(w, 400, "invalid", "ticket", "ticket must be a ticket id");
    handoff_rec *h;
    int n;
    herr e;
    if (svc_handoffs(&r->s, ticket_id, to_id, state && *state ? state : NULL, &h, &n, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "handoffs");
    jw_arr(&j);
    for (int i = 0; i < n; i++) api_write_handoff(&j, &h[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

static void decide(req *r, resp *w, const char *what)
{
    long long id;
    if (!api_path_id(r, w, "hand-off", &id)) return;
    bool decline = !strcmp(what, "decline");
    static const char *const with_reason[] = {"reason", NULL}, *const none[] = {NULL};
    json_t *o = NULL;
    const char *reason = NULL;
    if (r->body_len || decline) {
        if (!(o = api_read_object(r, w, decline ? with_reason : none))) return;
        if (decline && !api_get_str(w, o, "reason", "reason", false, &reason)) goto done;
    }
    handoff_rec h;
    herr e;
    int rc = decline ? svc_handoff_decline(&r->s, id, reason, &h, &e)
           : !strcmp(what, "accept") ? svc_handoff_accept(&r->s, id, &h, &e) : svc_handoff_cancel(&r->s, id, &h, &e);
    if (rc) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 200, &j);
    api_write_handoff(&j, &h);
done:
    json_decref(o);
}

void api_handoff_accept(req *r, resp *w) { decide(r, w, "accept"); }
void api_handoff_decline(req *r, resp *w) { decide(r, w, "decline"); }
void api_handoff_cancel(req *r, resp *w) { decide(r, w, "cancel"); }
