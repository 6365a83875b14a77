/* Focus mode over the API: GET /api/v1/focus/next, POST /api/v1/focus/skip, GET /api/v1/focus/skips */
#include "service/svc_focus.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/presence.h"

int focus_next_for(req *r, focus_pick *out, herr *e)
{
    long long busy[512]; /* the tickets a colleague has open now (presence.h) */
    int nbusy = presence_others(r->agent.id, busy, 512);
    return svc_focus_next(&r->s, busy, nbusy, out, e);
}

void api_focus_next(req *r, resp *w)
{
    focus_pick p;
    herr e;
    int found = focus_next_for(r, &p, &e);
    if (found < 0) return resp_herr(w, &e);
    if (!found) {
        w->status = 204;
        return;
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "ticket");
    api_write_ticket(&j, &p.ticket); /* opens the object and leaves it open for more members */
    api_write_attention(&j, &p.attention);
    jw_end_obj(&j);
    jw_key(&j, "why");
    jw_arr(&j);
    for (int i = 0; i < p.nwhy; i++) jw_str(&j, p.why[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_focus_skip(req *r, resp *w)
{
    static const char *const fields[] = {"ticket_id", "reason", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *id = json_object_get(o, "ticket_id");
    const char *reason = NULL;
    herr e;
    if (!id) resp_json_error(w, 400, "missing_field", "ticket_id", "ticket_id is required");
    else if (!json_is_integer(id) || json_integer_value(id) <= 0) resp_json_error(w, 400, "wrong_type", "ticket_id", "ticket_id must be a ticket id");
    else if (!api_get_str(w, o, "reason", "reason", true, &reason)) {
    } else if (svc_focus_skip(&r->s, (long long)json_integer_value(id), reason, &e)) resp_herr(w, &e);
    else w->status = 204;
    json_decref(o);
}

void api_focus_skips(req *r, resp *w)
{
    focus_skip_rec *k;
    int n;
    herr e;
    if (svc_focus_skips(&r->s, 7, &k, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "skips");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        jw_kint(&j, "id", k[i].id);
        jw_kint(&j, "agent_id", k[i].agent_id);
        jw_kstr(&j, "agent", k[i].agent_name);
        jw_kint(&j, "ticket_id", k[i].ticket_id);
        jw_kstr(&j, "subject", k[i].ticket_subject);
        jw_kstr(&j, "reason", k[i].reason);
        jw_kstr(&j, "at", k[i].created_at);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}
