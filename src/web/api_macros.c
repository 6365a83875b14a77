/* Macros over the API: POST/GET /api/v1/macros, GET/PATCH/DELETE /api/v1/macros/{id},
 * GET /api/v1/tickets/{id}/macros (each with its body filled for that ticket), and the
 * agent's after-send choice (GET/PUT /api/v1/me/after-send). */
#include <stdio.h>
#include <string.h>
#include "service/svc_macros.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

static void write_macro(jw *j, req *r, const macro_rec *m, const char *body, bool with_coach)
{
    jw_obj(j);
    jw_kint(j, "id", m->id);
    jw_kstr(j, "name", m->name);
    jw_kstr(j, "shortcut", m->shortcut);
    jw_kstr(j, "body", body ? body : m->body);
    jw_kbool(j, "shared", m->shared);
    jw_key(j, "author");
    jw_obj(j);
    jw_kint(j, "id", m->author_id);
    jw_kstr(j, "name", m->author_name);
    jw_end_obj(j);
    jw_key(j, "actions");
    jw_obj(j);
    jw_kstr(j, "status", m->set_status);
    jw_key(j, "tags");
    jw_arr(j);
    size_t len;
    for (const char *l = m->add_tags, *tag; (tag = list_next(&l, &len));) jw_strn(j, tag, len);
    jw_end_arr(j);
    jw_kbool(j, "take", m->take);
    jw_end_obj(j);
    jw_kint(j, "uses", m->uses);
    jw_kstr(j, "created_at", m->created_at);
    jw_kstr(j, "updated_at", m->updated_at);
    if (with_coach) { /* what the coach flags in the saved text: sent many times, worth fixing once */
        macro_coach c;
        svc_macro_coach(&r->s, m, &c);
        jw_key(j, "coach");
        jw_obj(j);
        jw_key(j, "flags");
        jw_arr(j);
        for (int i = 0; i < c.n; i++) {
            jw_obj(j);
            jw_kstr(j, "code", c.code[i]);
            jw_kstr(j, "why", c.why[i]);
            jw_end_obj(j);
        }
        jw_end_arr(j);
        jw_end_obj(j);
    }
    jw_end_obj(j);
}

/* a bool member that may be absent */
static bool get_bool(resp *w, json_t *o, const char *key, const char *path, bool *out, bool *present)
{
    json_t *v = json_object_get(o, key);
    if (present) *present = v != NULL;
    if (!v) return true;
    if (!json_is_boolean(v)) {
        resp_json_error(w, 400, "wrong_type", path, "must be true or false");
        return false;
    }
    *out = json_is_true(v);
    return true;
}

/* the body of POST and PATCH into in (PATCH: over the macro as it is) */
static bool read_macro(req *r, resp *w, json_t *o, macro_in *in)
{
    static const char *const action_fields[] = {"status", "tags", "take", NULL};
    const char *v;
    bool present;
    if (!api_get_str(w, o, "name", "name", false, &v)) return false;
    if (v) in->name = v;
    if (!api_get_str(w, o, "body", "body", false, &v)) return false;
    if (v) in->body = v;
    if (!api_get_str(w, o, "shortcut", "shortcut", false, &v)) return false;
    if (v) in->shortcut = v;
    if (!get_bool(w, o, "shared", "shared", &in->shared, NULL)) return false;
    json_t *a = json_object_get(o, "actions");
    if (!a || json_is_null(a)) return true;
    if (!json_is_object(a)) return resp_json_error(w, 400, "wrong_type", "actions", "actions must be an object: {status?, tags?, take?}"), false;
    const char *k;
    json_t *x;
    json_object_foreach(a, k, x) {
        bool ok = false;
        for (int i = 0; action_fields[i]; i++) ok |= !strcmp(k, action_fields[i]);
        if (!ok) {
            char msg[96];
            snprintf(msg, sizeof msg, "unknown field 'actions.%.40s'", k);
            return resp_json_error(w, 400, "unknown_field", "actions", msg), false;
        }
    }
    json_t *st = json_object_get(a, "status");
    if (st && !json_is_null(st)) {
        if (!json_is_string(st)) return resp_json_error(w, 400, "wrong_type", "actions.status", "status must be a string"), false;
        in->set_status = json_string_value(st);
    } else if (st) {
        in->set_status = NULL;
    }
    if (!api_get_str_array(r, w, a, "tags", &in->add_tags, &in->nadd_tags, &present)) return false;
    return get_bool(w, a, "take", "actions.take", &in->take, NULL);
}

static void answer(req *r, resp *w, int status, const macro_rec *m)
{
    jw j;
    api_begin(w, status, &j);
    write_macro(&j, r, m, NULL, true);
    if (status == 201) resp_header(w, "Location", arena_printf(&r->a, "/api/v1/macros/%lld", m->id));
}

void api_macro_create(req *r, resp *w)
{
    static const char *const fields[] = {"name", "body", "shortcut", "shared", "actions", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    macro_in in = {0};
    macro_rec m;
    herr e;
    if (!read_macro(r, w, o, &in)) {
    } else if (!in.name) {
        resp_json_error(w, 400, "missing_field", "name", "name is required");
    } else if (!in.body) {
        resp_json_error(w, 400, "missing_field", "body", "body is required");
    } else if (svc_macro_save(&r->s, 0, &in, &m, &e)) {
        resp_herr(w, &e);
    } else {
        answer(r, w, 201, &m);
    }
    json_decref(o);
}

void api_macro_update(req *r, resp *w)
{
    static const char *const fields[] = {"name", "body", "shortcut", "shared", "actions", NULL};
    long long id;
    if (!api_path_id(r, w, "macro", &id)) return;
    macro_rec m;
    herr e;
    if (svc_macro_get(&r->s, id, &m, &e)) return resp_herr(w, &e);
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    /* what the body leaves out stays as it is */
    const char **tags = NULL;
    int ntags = 0, cap = 0;
    size_t len;
    for (const char *l = m.add_tags, *tag; (tag = list_next(&l, &len));)
        *(const char **)arena_push(&r->a, &tags, &ntags, &cap, sizeof *tags) = arena_strndup(&r->a, tag, len);
    macro_in in = {.name = m.name, .shortcut = m.shortcut, .body = m.body, .shared = m.shared, .set_status = m.set_status,
                   .add_tags = tags, .nadd_tags = ntags, .take = m.take};
    if (read_macro(r, w, o, &in)) {
        if (svc_macro_save(&r->s, id, &in, &m, &e)) resp_herr(w, &e);
        else answer(r, w, 200, &m);
    }
    json_decref(o);
}

void api_macro_get(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "macro", &id)) return;
    macro_rec m;
    herr e;
    if (svc_macro_get(&r->s, id, &m, &e)) return resp_herr(w, &e);
    answer(r, w, 200, &m);
}

void api_macro_delete(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "macro", &id)) return;
    herr e;
    if (svc_macro_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}

void api_macro_list(req *r, resp *w)
{
    macro_rec *list;
    int n;
    herr e;
    if (svc_macros(&r->s, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "macros");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_macro(&j, r, &list[i], NULL, false);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

/* each macro the agent may use, its body filled in for this ticket (the reply box's list) */
void api_ticket_macros(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    ticket_rec t;
    macro_rec *list;
    int n;
    herr e;
    if (svc_ticket_get(&r->s, id, &t, &e) || svc_macros(&r->s, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "macros");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_macro(&j, r, &list[i], svc_macro_render(&r->s, &list[i], &t), false);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

static void write_after_send(resp *w, const char *v)
{
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kstr(&j, "after_send", v);
    jw_end_obj(&j);
}

void api_after_send_get(req *r, resp *w)
{
    const char *v;
    herr e;
    if (svc_after_send(&r->s, &v, &e)) return resp_herr(w, &e);
    write_after_send(w, v);
}

void api_after_send_put(req *r, resp *w)
{
    static const char *const fields[] = {"after_send", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *v;
    herr e;
    if (!api_get_str(w, o, "after_send", "after_send", true, &v)) {
    } else if (svc_after_send_set(&r->s, v, &e)) {
        resp_herr(w, &e);
    } else {
        write_after_send(w, v);
    }
    json_decref(o);
}
