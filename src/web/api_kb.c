/* The knowledge base over the API: /api/v1/kb/articles, /api/v1/kb/search?q=,
 * /api/v1/tickets/{id}/suggestions. See service/svc_kb.h. */
#include <string.h>
#include "service/svc_kb.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

void api_write_article(jw *j, req *r, const kb_article_rec *a, bool with_body)
{
    jw_obj(j);
    jw_kint(j, "id", a->id);
    jw_kstr(j, "slug", a->slug);
    jw_kstr(j, "title", a->title);
    if (with_body) {
        jw_kstr(j, "body", a->body);
        jw_kstr(j, "html", svc_kb_html(&r->s, a->body));
    }
    jw_kstr(j, "category", a->category);
    jw_kstr(j, "visibility", a->visibility);
    jw_kstr(j, "state", a->state);
    jw_key(j, "author");
    if (a->author_id) {
        jw_obj(j);
        jw_kint(j, "id", a->author_id);
        jw_kstr(j, "name", a->author_name);
        jw_end_obj(j);
    } else {
        jw_null(j);
    }
    jw_kint(j, "sent_count", a->sent_count);
    /* where customers read it: public and published only */
    jw_kstr(j, "url", !strcmp(a->visibility, "public") && !strcmp(a->state, "published") ? arena_printf(&r->a, "/help/%s", a->slug) : NULL);
    jw_kstr(j, "created_at", a->created_at);
    jw_kstr(j, "updated_at", a->updated_at);
    jw_end_obj(j);
}

static const char *const article_fields[] = {"title", "body", "category", "visibility", "state", NULL};

static bool read_article(resp *w, json_t *o, kb_in *in)
{
    const char *v;
    for (int i = 0; article_fields[i]; i++) {
        if (!api_get_str(w, o, article_fields[i], article_fields[i], false, &v)) return false;
        if (!v) continue;
        switch (i) {
        case 0: in->title = v; break;
        case 1: in->body = v; break;
        case 2: in->category = v; break;
        case 3: in->visibility = v; break;
        default: in->state = v; break;
        }
    }
    return true;
}

static void answer(req *r, resp *w, int status, const kb_article_rec *a)
{
    jw j;
    api_begin(w, status, &j);
    api_write_article(&j, r, a, true);
    if (status == 201) resp_header(w, "Location", arena_printf(&r->a, "/api/v1/kb/articles/%lld", a->id));
}

void api_kb_create(req *r, resp *w)
{
    json_t *o = api_read_object(r, w, article_fields);
    if (!o) return;
    kb_in in = {0};
    kb_article_rec a;
    herr e;
    if (!read_article(w, o, &in)) {
    } else if (!in.title) {
        resp_json_error(w, 400, "missing_field", "title", "title is required");
    } else if (!in.body) {
        resp_json_error(w, 400, "missing_field", "body", "body is required (Markdown)");
    } else if (!in.visibility) {
        resp_json_error(w, 400, "missing_field", "visibility", "visibility is required: internal or public");
    } else if (!in.state) {
        resp_json_error(w, 400, "missing_field", "state", "state is required: draft or published");
    } else if (svc_kb_save(&r->s, 0, &in, &a, &e)) {
        resp_herr(w, &e);
    } else {
        answer(r, w, 201, &a);
    }
    json_decref(o);
}

void api_kb_update(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "article", &id)) return;
    kb_article_rec a;
    herr e;
    if (svc_kb_get(&r->s, id, &a, &e)) return resp_herr(w, &e);
    json_t *o = api_read_object(r, w, article_fields);
    if (!o) return;
    kb_in in = {.title = a.title, .body = a.body, .category = a.category, .visibility = a.visibility, .state = a.state};
    if (read_article(w, o, &in)) {
        if (svc_kb_save(&r->s, id, &in, &a, &e)) resp_herr(w, &e);
        else answer(r, w, 200, &a);
    }
    json_decref(o);
}

void api_kb_get(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "article", &id)) return;
    kb_article_rec a;
    herr e;
    if (svc_kb_get(&r->s, id, &a, &e)) return resp_herr(w, &e);
    answer(r, w, 200, &a);
}

void api_kb_delete(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "article", &id)) return;
    herr e;
    if (svc_kb_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}

static void write_list(req *r, resp *w, const kb_article_rec *a, int n)
{
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "articles");
    jw_arr(&j);
    for (int i = 0; i < n; i++) api_write_article(&j, r, &a[i], false);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_kb_list(req *r, resp *w)
{
    static const char *const params[] = {"visibility", "state", "category", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *v = req_query(r, "visibility"), *s = req_query(r, "state"), *c = req_query(r, "category");
    kb_filter f = {.visibility = v && *v ? v : NULL, .state = s && *s ? s : NULL, .category = c && *c ? c : NULL};
    kb_article_rec *a;
    int n;
    herr e;
    if (svc_kb_list(&r->s, &f, &a, &n, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    write_list(r, w, a, n);
}

void api_kb_search(req *r, resp *w)
{
    static const char *const params[] = {"q", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *q = req_query(r, "q");
    if (!q || !*q) return resp_json_error(w, 400, "missing_field", "q", "q is required: the words to look for");
    if (!utf8_valid(q, strlen(q))) return resp_json_error(w, 400, "invalid", "q", "q must be valid UTF-8");
    kb_article_rec *a;
    int n;
    herr e;
    if (svc_kb_search(&r->s, q, false, 20, &a, &n, &e)) return resp_herr(w, &e);
    write_list(r, w, a, n);
}

void api_ticket_suggestions(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    kb_suggestion *sg;
    int n;
    herr e;
    if (svc_kb_suggest(&r->s, id, 5, &sg, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "articles");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        const kb_article_rec *a = &sg[i].article;
        jw_obj(&j);
        jw_kint(&j, "id", a->id);
        jw_kstr(&j, "title", a->title);
        jw_kstr(&j, "slug", a->slug);
        jw_kstr(&j, "visibility", a->visibility);
        jw_kstr(&j, "url", !strcmp(a->visibility, "public") ? arena_printf(&r->a, "/help/%s", a->slug) : NULL);
        jw_kint(&j, "sent_count", a->sent_count);
        jw_key(&j, "matched");
        jw_arr(&j);
        for (int k = 0; k < sg[i].nmatched; k++) jw_str(&j, sg[i].matched[k]);
        jw_end_arr(&j);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}
