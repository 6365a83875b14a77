/* /api/v1/commitments and /api/v1/tickets/{id}/commitments: the promises made to customers,
 * found in replies or added by hand; an agent keeps, moves or cancels them. */
#include <string.h>
#include "service/svc_commitments.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

void api_write_commitment(jw *j, req *r, const commitment_rec *c)
{
    jw_obj(j);
    jw_kint(j, "id", c->id);
    jw_kint(j, "ticket_id", c->ticket_id);
    jw_kid(j, "message_id", c->message_id);
    jw_kint(j, "owner_id", c->owner_id);
    jw_kstr(j, "owner", c->owner_name);
    jw_kstr(j, "text", c->text);
    jw_kstr(j, "due", c->due_at);
    jw_kbool(j, "vague", c->vague);
    jw_kstr(j, "state", svc_commitment_state(&r->s, c));
    jw_kstr(j, "created_at", c->created_at);
    jw_kstr(j, "closed_at", c->closed_at);
    jw_end_obj(j);
}

void api_write_commitments(jw *j, req *r, const commitment_rec *c, int n)
{
    jw_arr(j);
    for (int i = 0; i < n; i++) api_write_commitment(j, r, &c[i]);
    jw_end_arr(j);
}

void api_commitment_list(req *r, resp *w)
{
    static const char *const params[] = {"owner", "state", "ticket", "limit", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *owner = req_query(r, "owner"), *state = req_query(r, "state"), *ticket = req_query(r, "ticket");
    const char *limit = req_query(r, "limit");
    commitment_filter f = {.limit = 100};
    if (owner && *owner && strcmp(owner, "me") && !parse_id(owner, &f.owner_id))
        return resp_json_error(w, 400, "invalid", "owner", "owner must be an agent id or 'me'");
    if (owner && !strcmp(owner, "me")) f.owner_id = r->agent.id;
    if (ticket && *ticket && !parse_id(ticket, &f.ticket_id))
        return resp_json_error(w, 400, "invalid", "ticket", "ticket must be a ticket id");
    long long lim;
    if (limit && (!parse_id(limit, &lim) || lim > 500)) return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 500");
    if (limit) f.limit = (int)lim;
    if (state && *state) {
        if (!strcmp(state, "pending")) return resp_json_error(w, 400, "invalid", "state", "state must be open, overdue, kept, broken or cancelled");
        f.state = state;
    }
    commitment_rec *c;
    int n;
    herr e;
    if (svc_commitments(&r->s, &f, &c, &n, &e)) {
        if (e.status == 422) e.status = 400; /* a query parameter: 400 like the other lists */
        return resp_herr(w, &e);
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "commitments");
    api_write_commitments(&j, r, c, n);
    jw_end_obj(&j);
}

void api_commitment_create(req *r, resp *w)
{
    static const char *const fields[] = {"text", "due", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *text, *due = NULL;
    commitment_rec c;
    herr e;
    if (!api_get_str(w, o, "text", "text", true, &text) || !api_get_str(w, o, "due", "due", false, &due)) goto done;
    if (svc_commitment_add(&r->s, id, text, due, &c, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 201, &j);
    api_write_commitment(&j, r, &c);
done:
    json_decref(o);
}

void api_commitment_update(req *r, resp *w)
{
    static const char *const fields[] = {"text", "due", "state", NULL};
    long long id;
    if (!api_path_id(r, w, "commitment", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *text = NULL, *due = NULL, *state = NULL;
    commitment_rec c;
    herr e;
    if (!api_get_str(w, o, "text", "text", false, &text) || !api_get_str(w, o, "due", "due", false, &due) ||
        !api_get_str(w, o, "state", "state", false, &state))
        goto done;
    if (!text && !due && !state) {
        resp_json_error(w, 422, "invalid", "state", "nothing to change: send text, due or state");
        goto done;
    }
    if (svc_commitment_update(&r->s, id, text, due, state, &c, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 200, &j);
    api_write_commitment(&j, r, &c);
done:
    json_decref(o);
}

/* GET /api/v1/commitments/record?owner=me|<id>: kept and broken, counted per agent */
void api_commitment_record(req *r, resp *w)
{
    static const char *const params[] = {"owner", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *owner = req_query(r, "owner");
    long long id = r->agent.id;
    if (owner && *owner && strcmp(owner, "me") && !parse_id(owner, &id))
        return resp_json_error(w, 400, "invalid", "owner", "owner must be an agent id or 'me'");
    int c[4];
    herr e;
    if (svc_commitment_counts(&r->s, id, c, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kint(&j, "owner_id", id);
    jw_kint(&j, "kept", c[0]);
    jw_kint(&j, "broken", c[1]);
    jw_kint(&j, "open", c[2]);
    jw_kint(&j, "overdue", c[3]);
    jw_end_obj(&j);
}
