/* /api/v1/tickets/{id}/draft: the signed-in agent's unsent reply or note on a ticket. */
#include <jansson.h>
#include "web/api.h"
#include "web/handlers.h"

static void write_draft(resp *w, int status, const draft_rec *d)
{
    jw j;
    api_begin(w, status, &j);
    jw_obj(&j);
    jw_kint(&j, "ticket_id", d->ticket_id);
    jw_kstr(&j, "kind", d->kind);
    jw_kstr(&j, "body", d->body);
    jw_kstr(&j, "updated_at", d->updated_at);
    jw_end_obj(&j);
}

void api_draft_get(req *r, resp *w)
{
    long long id;
    herr e;
    draft_rec d;
    if (!api_path_id(r, w, "ticket", &id)) return;
    int found = svc_draft_get(&r->s, id, &d, &e);
    if (found < 0) return resp_herr(w, &e);
    if (!found) return resp_json_error(w, 404, "not_found", NULL, "no draft on this ticket");
    write_draft(w, 200, &d);
}

void api_draft_put(req *r, resp *w)
{
    static const char *const fields[] = {"kind", "body", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *kind = "reply", *body;
    herr e;
    if (!api_get_str(w, o, "kind", "kind", false, &kind) || !api_get_str(w, o, "body", "body", true, &body)) goto done;
    if (!kind) kind = "reply";
    if (svc_draft_save(&r->s, id, kind, body, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    draft_rec d;
    int found = svc_draft_get(&r->s, id, &d, &e);
    if (found < 0) resp_herr(w, &e);
    else if (!found) w->status = 204; /* an empty body removed the draft */
    else write_draft(w, 200, &d);
done:
    json_decref(o);
}

void api_draft_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!api_path_id(r, w, "ticket", &id)) return;
    if (svc_draft_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}
