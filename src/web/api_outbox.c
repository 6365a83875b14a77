/* /api/v1/outbox (admins): the outbound mail with its delivery state, and the two things
 * an admin may do to a row: cancel a queued one, resend a failed or cancelled one. */
#include <string.h>
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

enum { OUTBOX_LIST_DEFAULT = 50, OUTBOX_LIST_MAX = 200 };

static void write_outbox(jw *j, const outbox_rec *o)
{
    jw_obj(j);
    jw_kint(j, "id", o->id);
    jw_kint(j, "ticket_id", o->ticket_id);
    jw_kint(j, "message_id", o->message_id);
    jw_kstr(j, "kind", o->kind);
    jw_kstr(j, "to", o->to_addr);
    jw_kstr(j, "subject", o->subject);
    jw_kstr(j, "state", o->state);
    jw_kint(j, "attempts", o->attempts);
    jw_kstr(j, "last_error", o->last_error);
    jw_kstr(j, "next_attempt_at", !strcmp(o->state, "queued") ? o->next_attempt_at : NULL);
    jw_kstr(j, "sent_at", o->sent_at);
    jw_kstr(j, "created_at", o->created_at);
    jw_kstr(j, "queued_at", o->queued_at);
    jw_end_obj(j);
}

void api_outbox_list(req *r, resp *w)
{
    static const char *const params[] = {"state", "limit", "cursor", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *state = req_query(r, "state"), *limit = req_query(r, "limit"), *cursor = req_query(r, "cursor");
    long long lim = OUTBOX_LIST_DEFAULT, before = 0;
    if (limit && (!parse_id(limit, &lim) || lim > OUTBOX_LIST_MAX))
        return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 200");
    if (cursor && *cursor && !parse_id(cursor, &before))
        return resp_json_error(w, 400, "invalid", "cursor", "cursor is not one that heed returned");
    if (state && *state && !svc_outbox_state_valid(state))
        return resp_json_error(w, 400, "invalid", "state", "state must be queued, sending, sent, failed or cancelled");
    outbox_rec *o;
    int n;
    herr e;
    if (svc_outbox_recent(&r->s, state && *state ? state : NULL, before, (int)lim, &o, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "outbox");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_outbox(&j, &o[i]);
    jw_end_arr(&j);
    jw_key(&j, "next_cursor"); /* the last id shown: pass it back as cursor for older rows */
    if (n == lim) jw_str(&j, arena_printf(&r->a, "%lld", o[n - 1].id));
    else jw_null(&j);
    jw_end_obj(&j);
}

void api_outbox_get(req *r, resp *w)
{
    long long id;
    outbox_rec o;
    herr e;
    if (!api_path_id(r, w, "outbox mail", &id)) return;
    int found = svc_outbox_get(&r->s, id, &o, &e);
    if (found < 0) return resp_herr(w, &e);
    if (!found) return resp_json_error(w, 404, "not_found", NULL, "outbox mail not found");
    jw j;
    api_begin(w, 200, &j);
    write_outbox(&j, &o);
}

/* cancel and retry take no fields: an empty body, or {} */
static void act(req *r, resp *w, int (*fn)(svc *, long long, outbox_rec *, herr *))
{
    long long id;
    if (!api_path_id(r, w, "outbox mail", &id)) return;
    if (r->body_len) {
        static const char *const none[] = {NULL};
        json_t *obj = api_read_object(r, w, none);
        if (!obj) return;
        json_decref(obj);
    }
    outbox_rec o;
    herr e;
    if (fn(&r->s, id, &o, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    write_outbox(&j, &o);
}

void api_outbox_cancel(req *r, resp *w) { act(r, w, svc_outbox_cancel); }
void api_outbox_retry(req *r, resp *w) { act(r, w, svc_outbox_resend); }
