/* GET /api/v1/events: the signed-in agent's live updates as Server-Sent Events (events.h);
 * presence on a ticket (presence.h) */
#include "web/api.h"
#include "web/events.h"
#include "web/handlers.h"
#include "web/presence.h"

void api_events(req *r, resp *w)
{
    const char *last = req_header(r, "Last-Event-ID");
    if (!last) last = req_query(r, "last_event_id"); /* for clients that cannot set headers */
    w->stream = events_open(r->conn, r->agent.id, last);
    if (!w->stream) return resp_json_error(w, 503, "unavailable", NULL, "out of memory for another event stream");
    w->content_type = "text/event-stream";
}

/* POST /api/v1/tickets/{id}/presence {state: viewing|typing|left, page?}: the page says who is
 * on it; page is the page's own token, so a reload's late "left" does not end the new page's */
void api_presence_set(req *r, resp *w)
{
    static const char *const fields[] = {"state", "page", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *state = NULL, *page = NULL;
    ticket_rec t;
    herr e;
    if (!api_get_str(w, o, "state", "state", true, &state) || !api_get_str(w, o, "page", "page", false, &page)) {
    } else if (!presence_state_valid(state)) {
        resp_json_error(w, 422, "invalid", "state", "state must be viewing, typing or left");
    } else if (page && !presence_page_valid(page)) {
        resp_json_error(w, 422, "invalid", "page", "page must be 1 to 32 letters, digits, '-' or '_'");
    } else if (svc_ticket_get(&r->s, id, &t, &e)) {
        resp_herr(w, &e);
    } else {
        presence_set(id, &r->agent, state, page);
        w->status = 204;
    }
    json_decref(o);
}

/* GET /api/v1/tickets/{id}/presence: who has it open now */
void api_presence_list(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    ticket_rec t;
    herr e;
    if (svc_ticket_get(&r->s, id, &t, &e)) return resp_herr(w, &e);
    presence_view v[64];
    int n = presence_list(id, v, 64);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "agents");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        jw_kint(&j, "id", v[i].agent_id);
        jw_kstr(&j, "name", v[i].name);
        jw_kstr(&j, "state", v[i].state);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}
