/* /api/v1/webhooks (admins): subscribe a URL to events, list, remove, and see each delivery
 * with its attempts. */
#include <string.h>
#include "service/svc_webhooks.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

static void write_hook(jw *j, const webhook_rec *w, const char *secret)
{
    jw_obj(j);
    jw_kint(j, "id", w->id);
    jw_kstr(j, "url", w->url);
    jw_key(j, "events");
    jw_arr(j);
    for (const char *p = w->events; *p;) {
        size_t k = strcspn(p, ",");
        jw_strn(j, p, k);
        p += k + (p[k] == ',');
    }
    jw_end_arr(j);
    if (secret) jw_kstr(j, "secret", secret); /* only in the answer that created it */
    jw_kbool(j, "active", w->active);
    jw_kstr(j, "created_at", w->created_at);
    jw_end_obj(j);
}

void api_webhook_create(req *r, resp *w)
{
    static const char *const fields[] = {"url", "events", "secret", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *url = NULL, *secret = NULL, **events = NULL;
    int nevents = 0;
    bool present = false;
    webhook_rec h;
    herr e;
    if (!api_get_str(w, o, "url", "url", true, &url) || !api_get_str(w, o, "secret", "secret", false, &secret) ||
        !api_get_str_array(r, w, o, "events", &events, &nevents, &present))
        goto done;
    if (!present) {
        resp_json_error(w, 400, "missing_field", "events", "events is required: the events to send, like [\"ticket.created\"]");
        goto done;
    }
    if (svc_webhook_create(&r->s, url, events, nevents, secret, &h, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 201, &j);
    write_hook(&j, &h, h.secret);
done:
    json_decref(o);
}

void api_webhook_list(req *r, resp *w)
{
    webhook_rec *h;
    int n;
    herr e;
    if (svc_webhook_list(&r->s, &h, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "webhooks");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_hook(&j, &h[i], NULL);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_webhook_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!api_path_id(r, w, "webhook", &id)) return;
    if (svc_webhook_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}

void api_webhook_deliveries(req *r, resp *w)
{
    static const char *const params[] = {"limit", NULL};
    long long id, lim = 50;
    if (!api_path_id(r, w, "webhook", &id) || !api_check_query(r, w, params)) return;
    const char *limit = req_query(r, "limit");
    if (limit && (!parse_id(limit, &lim) || lim > 200)) return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 200");
    webhook_delivery_rec *d;
    int n;
    herr e;
    if (svc_webhook_deliveries(&r->s, id, (int)lim, &d, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "deliveries");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        jw_kint(&j, "id", d[i].id);
        jw_kstr(&j, "delivery", d[i].uuid);
        jw_kstr(&j, "event", d[i].event);
        jw_kid(&j, "ticket_id", d[i].ticket_id);
        jw_kstr(&j, "state", d[i].state);
        jw_kstr(&j, "created_at", d[i].created_at);
        jw_kstr(&j, "delivered_at", d[i].delivered_at);
        jw_key(&j, "attempts");
        jw_arr(&j);
        for (int k = 0; k < d[i].ntries; k++) {
            const webhook_attempt_rec *t = &d[i].tries[k];
            jw_obj(&j);
            jw_kstr(&j, "at", t->at);
            jw_key(&j, "status");
            if (t->status) jw_int(&j, t->status);
            else jw_null(&j);
            jw_kstr(&j, "error", t->error);
            jw_kint(&j, "ms", t->ms);
            jw_end_obj(&j);
        }
        jw_end_arr(&j);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}
