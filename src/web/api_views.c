/* Saved views and bulk actions over the API: POST/GET /api/v1/views, DELETE
 * /api/v1/views/{id}, POST /api/v1/tickets/bulk. See service/svc_views.h. */
#include <string.h>
#include "service/svc_views.h"
#include "web/api.h"
#include "web/handlers.h"

/* the inbox address that shows a view */
const char *api_view_url(req *r, const view_rec *v)
{
    buf b;
    buf_init(&b, 128);
    buf_printf(&b, "/inbox?view=%s&status=%s", v->owner, v->status ? v->status : "active");
    const char *k[] = {"tag", "priority", "channel", "mood"}, *val[] = {v->tag, v->priority, v->channel, v->mood};
    for (int i = 0; i < 4; i++)
        if (val[i]) buf_printf(&b, "&%s=%s", k[i], val[i]); /* checked: letters, digits, '-', '_' and '.' only */
    const char *url = arena_strndup(&r->a, b.p, b.len);
    buf_free(&b);
    return url;
}

static void write_view(jw *j, req *r, const view_rec *v)
{
    jw_obj(j);
    jw_kint(j, "id", v->id);
    jw_kstr(j, "name", v->name);
    jw_kbool(j, "shared", v->shared);
    jw_kstr(j, "owner", v->owner);
    jw_kstr(j, "status", v->status);
    jw_kstr(j, "tag", v->tag);
    jw_kstr(j, "priority", v->priority);
    jw_kstr(j, "channel", v->channel);
    jw_kstr(j, "mood", v->mood);
    jw_kint(j, "count", v->count);
    jw_kstr(j, "url", api_view_url(r, v));
    jw_end_obj(j);
}

void api_view_create(req *r, resp *w)
{
    static const char *const fields[] = {"name", "shared", "owner", "status", "tag", "priority", "channel", "mood", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    view_rec v = {0}, out;
    const char **slot[] = {&v.name, NULL, &v.owner, &v.status, &v.tag, &v.priority, &v.channel, &v.mood};
    herr e;
    bool ok = true;
    for (int i = 0; fields[i] && ok; i++)
        if (slot[i]) ok = api_get_str(w, o, fields[i], fields[i], i == 0, slot[i]);
    json_t *sh = json_object_get(o, "shared");
    if (!ok) {
    } else if (sh && !json_is_boolean(sh)) {
        resp_json_error(w, 400, "wrong_type", "shared", "shared must be true or false");
    } else {
        v.shared = sh && json_is_true(sh);
        if (svc_view_save(&r->s, &v, &out, &e)) resp_herr(w, &e);
        else {
            jw j;
            api_begin(w, 201, &j);
            write_view(&j, r, &out);
        }
    }
    json_decref(o);
}

void api_view_list(req *r, resp *w)
{
    view_rec *v;
    int n;
    herr e;
    if (svc_views(&r->s, &v, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "views");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_view(&j, r, &v[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_view_delete(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "view", &id)) return;
    herr e;
    if (svc_view_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}

void api_ticket_bulk(req *r, resp *w)
{
    static const char *const fields[] = {"ids", "owner", "status", "add_tag", "merge", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    bulk_in in = {0};
    json_t *ids = json_object_get(o, "ids"), *m = json_object_get(o, "merge"), *v;
    size_t i;
    bulk_result *res;
    herr e;
    long long *list = NULL;
    if (!ids) {
        resp_json_error(w, 400, "missing_field", "ids", "ids is required: the tickets to act on");
        goto done;
    }
    if (!json_is_array(ids)) {
        resp_json_error(w, 400, "wrong_type", "ids", "ids must be a list of ticket ids");
        goto done;
    }
    list = arena_alloc(&r->a, sizeof *list * (json_array_size(ids) + 1));
    json_array_foreach(ids, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            resp_json_error(w, 400, "wrong_type", "ids", "ids must be a list of ticket ids");
            goto done;
        }
        list[in.n++] = (long long)json_integer_value(v);
    }
    in.ids = list;
    if (!api_get_id_or_null(w, o, "owner", &in.owner_id, &in.set_owner) || !api_get_str(w, o, "status", "status", false, &in.status) ||
        !api_get_str(w, o, "add_tag", "add_tag", false, &in.add_tag))
        goto done;
    if (m && !json_is_boolean(m)) {
        resp_json_error(w, 400, "wrong_type", "merge", "merge must be true or false");
        goto done;
    }
    in.merge = m && json_is_true(m);
    if (svc_bulk(&r->s, &in, &res, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "results");
    jw_arr(&j);
    for (int k = 0; k < in.n; k++) {
        jw_obj(&j);
        jw_kint(&j, "id", res[k].id);
        jw_kbool(&j, "ok", res[k].ok);
        if (!res[k].ok) jw_kstr(&j, "error", res[k].error);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
done:
    json_decref(o);
}
