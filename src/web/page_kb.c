/* The knowledge base on the pages: /kb (agents: list, search, write, edit), /help and
 * /help/{slug} (customers: public articles, no sign-in, cacheable), and the ticket page's
 * suggestions. See service/svc_kb.h. */
#include <string.h>
#include "service/svc_kb.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_kb.h"

const char *page_kb_public_link(req *r, const char *slug)
{
    if (r->public_url && *r->public_url) {
        size_t n = strlen(r->public_url);
        return arena_printf(&r->a, "%.*s/help/%s", (int)(n && r->public_url[n - 1] == '/' ? n - 1 : n), r->public_url, slug);
    }
    /* no public_url set: the address this agent reached heed at */
    const char *host = req_header(r, "Host");
    return arena_printf(&r->a, "%s://%s/help/%s", r->secure_cookies ? "https" : "http", host && *host ? host : "localhost", slug);
}

/* ---- the ticket page's card ---- */
void page_kb_suggestions(req *r, buf *b, const ticket_rec *t, const message_rec *m, int nm)
{
    if (!strcmp(t->status, "closed")) return;
    kb_suggestion *sg;
    int n;
    herr e;
    if (svc_kb_suggest_for(&r->s, t, m, nm, 3, &sg, &n, &e) || !n) return;
    html(b, "<section class=\"card kb-suggest\" id=\"kb-suggest\" aria-labelledby=\"kb-suggest-title\">"
            "<h2 id=\"kb-suggest-title\">Articles that may answer</h2><ul role=\"list\">");
    for (int i = 0; i < n; i++) {
        const kb_article_rec *a = &sg[i].article;
        bool pub = !strcmp(a->visibility, "public");
        html(b, "<li data-article=\"%l\"><a href=\"/kb/%l\">%s</a>%R<p class=\"muted small matched\">Matched: ", a->id, a->id, a->title,
             pub ? "" : " <span class=\"tag\">internal</span>");
        for (int k = 0; k < sg[i].nmatched; k++) html(b, "%R<mark>%s</mark>", k ? ", " : "", sg[i].matched[k]);
        if (a->sent_count) html(b, " · sent %d time%R", a->sent_count, a->sent_count == 1 ? "" : "s");
        html(b, "</p><p class=\"kb-insert\">");
        /* heed.js puts them in the reply box; without script the links reload with it there */
        if (pub)
            html(b, "<a class=\"button small\" href=\"/tickets/%l?article=%l&amp;as=link#composer\" data-insert=\"link\" data-article=\"%l\""
                    " data-text=\"%s\">Insert link</a> ",
                 t->id, a->id, a->id, arena_printf(&r->a, "%s: %s", a->title, page_kb_public_link(r, a->slug)));
        html(b, "<a class=\"button small\" href=\"/tickets/%l?article=%l&amp;as=text#composer\" data-insert=\"text\" data-article=\"%l\""
                " data-text=\"%s\">Insert text</a></p></li>",
             t->id, a->id, a->id, a->body);
    }
    html(b, "</ul></section>");
}

/* ---- /help: public ---- */
static void public_cache(req *r, resp *w)
{
    /* the same for everyone who is not signed in: proxies and browsers may keep it a while */
    if (!r->authed) resp_header(w, "Cache-Control", "public, max-age=300");
}

void page_help(req *r, resp *w)
{
    const char *q = req_query(r, "q");
    kb_article_rec *a;
    int n;
    herr e;
    bool searching = q && *q && strlen(q) <= 200 && utf8_valid(q, strlen(q));
    if (searching ? svc_kb_search(&r->s, q, true, 50, &a, &n, &e)
                  : svc_kb_list(&r->s, &(kb_filter){.visibility = "public", .state = "published"}, &a, &n, &e)) {
        if (e.status >= 500) return page_error(r, w, 500, "The help pages could not be read.");
        n = 0;
    }
    page_begin(r, w, "Help", NULL);
    public_cache(r, w);
    buf *b = &w->body;
    html(b, "<section class=\"card help\"><h1>Help</h1><form method=\"get\" action=\"/help\" role=\"search\" class=\"help-search\">"
            "<label for=\"help-q\" class=\"sr\">Search the help</label><input type=\"search\" id=\"help-q\" name=\"q\" value=\"%s\" "
            "placeholder=\"Search the help\"><button type=\"submit\">Search</button></form>",
         searching ? q : "");
    if (!n) html(b, "<p class=\"empty\">%s</p>", searching ? "No article matches those words." : "No articles yet.");
    const char *category = NULL;
    for (int i = 0; i < n; i++) {
        if (!searching && (!category || strcmp(category, a[i].category))) {
            html(b, "%R<h2>%s</h2><ul class=\"help-list\" role=\"list\">", category ? "</ul>" : "", *a[i].category ? a[i].category : "General");
            category = a[i].category;
        } else if (searching && !i) {
            html(b, "<ul class=\"help-list\" role=\"list\">");
        }
        html(b, "<li><a href=\"/help/%s\">%s</a></li>", a[i].slug, a[i].title);
    }
    if (n) html(b, "</ul>");
    html(b, "</section>");
    page_end(r, w);
}

void page_help_article(req *r, resp *w)
{
    kb_article_rec a;
    herr e;
    const char *slug = r->nparams ? r->params[0] : NULL;
    if (svc_kb_public(&r->s, slug, &a, &e)) return page_error(r, w, e.status, e.status == 404 ? "There is no such help article." : "The article could not be read.");
    page_begin(r, w, a.title, NULL);
    public_cache(r, w);
    buf *b = &w->body;
    html(b, "<article class=\"card help-article\"><p class=\"muted\"><a href=\"/help\">Help</a>%R%s</p><h1>%s</h1><div class=\"article-body\">%R</div>"
            "<p class=\"muted small\">Updated <time datetime=\"%s\">%s</time></p></article>",
         *a.category ? " · " : "", a.category, a.title, svc_kb_html(&r->s, a.body), a.updated_at, arena_strndup(&r->a, a.updated_at, 10));
    page_end(r, w);
}

/* ---- /kb: the agents' side ---- */
typedef struct kb_form {
    const char *title, *body, *category, *visibility, *state;
    const char *error, *field;
} kb_form;

static void form(req *r, buf *b, const char *action, const kb_form *f)
{
    html(b, "<form method=\"post\" action=\"%s\" class=\"kb-form\" id=\"kb-form\">", action);
    page_csrf_field(r, b);
    bool bad_title = f->field && !strcmp(f->field, "title"), bad_body = f->field && !strcmp(f->field, "body");
    html(b, "<label>Title <input name=\"title\" id=\"kb-title\" required maxlength=\"%d\" value=\"%s\"%R></label>", KB_TITLE_MAX,
         f->title ? f->title : "", bad_title ? " aria-invalid=\"true\" aria-describedby=\"kb-error\"" : "");
    html(b, "<label>Category <input name=\"category\" id=\"kb-category\" maxlength=\"%d\" value=\"%s\" placeholder=\"Billing\"></label>",
         KB_CATEGORY_MAX, f->category ? f->category : "");
    html(b, "<label>Answer, in Markdown <textarea name=\"body\" id=\"kb-body\" rows=\"12\" required%R>\n%s</textarea></label>",
         bad_body ? " aria-invalid=\"true\" aria-describedby=\"kb-error\"" : "", f->body ? f->body : "");
    bool pub = f->visibility && !strcmp(f->visibility, "public"), published = f->state && !strcmp(f->state, "published");
    html(b, "<fieldset class=\"kb-choice\"><legend>Who reads it</legend>"
            "<label><input type=\"radio\" name=\"visibility\" value=\"internal\"%R> Agents only</label>"
            "<label><input type=\"radio\" name=\"visibility\" value=\"public\"%R> Customers too, at /help</label></fieldset>"
            "<fieldset class=\"kb-choice\"><legend>State</legend>"
            "<label><input type=\"radio\" name=\"state\" value=\"draft\"%R> Draft</label>"
            "<label><input type=\"radio\" name=\"state\" value=\"published\"%R> Published</label></fieldset>",
         pub ? "" : " checked", pub ? " checked" : "", published ? "" : " checked", published ? " checked" : "");
    if (f->error) html(b, "<p class=\"error\" id=\"kb-error\" role=\"alert\">%s</p>", f->error);
    html(b, "<button class=\"primary\" type=\"submit\">Save article</button></form>");
}

static void kb_index(req *r, resp *w, int status, const kb_form *f)
{
    const char *q = req_query(r, "q");
    kb_article_rec *a;
    int n;
    herr e;
    bool searching = q && *q && strlen(q) <= 200 && utf8_valid(q, strlen(q));
    if (searching ? svc_kb_search(&r->s, q, false, 50, &a, &n, &e) : svc_kb_list(&r->s, &(kb_filter){0}, &a, &n, &e)) {
        if (e.status >= 500) return page_error(r, w, 500, "The knowledge base could not be read; see the server log.");
        n = 0;
    }
    page_begin(r, w, "Knowledge base", "kb");
    w->status = status;
    buf *b = &w->body;
    html(b, "<section class=\"card kb\"><h1>Knowledge base</h1><form method=\"get\" action=\"/kb\" role=\"search\" class=\"help-search\">"
            "<label for=\"kb-q\" class=\"sr\">Search articles</label><input type=\"search\" id=\"kb-q\" name=\"q\" value=\"%s\" "
            "placeholder=\"Search articles\"><button type=\"submit\">Search</button></form><p class=\"muted\">Public articles are also at "
            "<a href=\"/help\">/help</a>, for customers, without signing in.</p>",
         searching ? q : "");
    if (!n) html(b, "<p class=\"empty\">%s</p>", searching ? "No published article matches those words." : "No articles yet.");
    else {
        html(b, "<table class=\"kb-table\" id=\"kb-table\"><thead><tr><th>Title</th><th>Category</th><th>Who reads it</th><th>State</th>"
                "<th>Sent</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++)
            html(b, "<tr data-article=\"%l\"><td><a href=\"/kb/%l\">%s</a></td><td>%s</td><td>%R</td><td><span class=\"badge %s\">%s</span></td>"
                    "<td>%d</td></tr>",
                 a[i].id, a[i].id, a[i].title, a[i].category, !strcmp(a[i].visibility, "public") ? "customers too" : "agents only",
                 a[i].state, a[i].state, a[i].sent_count);
        html(b, "</tbody></table>");
    }
    html(b, "</section><section class=\"card narrow\" id=\"new-article\"><h2>New article</h2>");
    form(r, b, "/kb", f);
    html(b, "</section>");
    page_end(r, w);
}

void page_kb(req *r, resp *w) { kb_index(r, w, 200, &(kb_form){0}); }

static kb_form form_of(req *r)
{
    return (kb_form){.title = req_form(r, "title"), .body = req_form(r, "body"), .category = req_form(r, "category"),
                     .visibility = req_form(r, "visibility"), .state = req_form(r, "state")};
}

static kb_in in_of(const kb_form *f)
{
    return (kb_in){.title = f->title ? f->title : "", .body = f->body ? f->body : "", .category = f->category,
                   .visibility = f->visibility, .state = f->state};
}

static void article_page(req *r, resp *w, int status, const kb_article_rec *a, const kb_form *f)
{
    page_begin(r, w, a->title, "kb");
    w->status = status;
    buf *b = &w->body;
    bool pub = !strcmp(a->visibility, "public") && !strcmp(a->state, "published");
    html(b, "<article class=\"card kb-article\" id=\"kb-article\"><p class=\"muted\"><a href=\"/kb\">Knowledge base</a>%R%s</p><h1>%s</h1>"
            "<p class=\"meta\"><span class=\"badge %s\">%s</span> %s · sent %d time%R",
         *a->category ? " · " : "", a->category, a->title, a->state, a->state,
         !strcmp(a->visibility, "public") ? "customers too" : "agents only", a->sent_count, a->sent_count == 1 ? "" : "s");
    if (pub) html(b, " · <a href=\"/help/%s\">its public page</a>", a->slug);
    html(b, "</p><div class=\"article-body\">%R</div></article>", svc_kb_html(&r->s, a->body));
    html(b, "<section class=\"card narrow\" id=\"edit-article\"><h2>Edit</h2>");
    kb_form cur = f ? *f : (kb_form){.title = a->title, .body = a->body, .category = a->category, .visibility = a->visibility, .state = a->state};
    form(r, b, arena_printf(&r->a, "/kb/%lld", a->id), &cur);
    html(b, "<form method=\"post\" action=\"/kb/%l/delete\" class=\"kb-delete\">", a->id);
    page_csrf_field(r, b);
    html(b, "<button type=\"submit\" class=\"link danger\">Delete this article</button></form></section>");
    page_end(r, w);
}

void page_kb_article(req *r, resp *w)
{
    long long id;
    kb_article_rec a;
    herr e;
    if (!req_param_id(r, 0, &id) || svc_kb_get(&r->s, id, &a, &e)) return page_error(r, w, 404, "There is no such article.");
    article_page(r, w, 200, &a, NULL);
}

void page_kb_create(req *r, resp *w)
{
    kb_form f = form_of(r);
    kb_in in = in_of(&f);
    kb_article_rec a;
    herr e;
    if (svc_kb_save(&r->s, 0, &in, &a, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "The article could not be saved; see the server log.");
        f.error = arena_strdup(&r->a, e.message);
        f.field = arena_strdup(&r->a, e.field);
        return kb_index(r, w, e.status, &f);
    }
    resp_redirect(w, arena_printf(&r->a, "/kb/%lld?flash=Article+saved", a.id));
}

void page_kb_update(req *r, resp *w)
{
    long long id;
    kb_article_rec a;
    herr e;
    if (!req_param_id(r, 0, &id) || svc_kb_get(&r->s, id, &a, &e)) return page_error(r, w, 404, "There is no such article.");
    kb_form f = form_of(r);
    kb_in in = in_of(&f);
    kb_article_rec saved;
    if (svc_kb_save(&r->s, id, &in, &saved, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "The article could not be saved; see the server log.");
        f.error = arena_strdup(&r->a, e.message);
        f.field = arena_strdup(&r->a, e.field);
        return article_page(r, w, e.status, &a, &f);
    }
    resp_redirect(w, arena_printf(&r->a, "/kb/%lld?flash=Article+saved", id));
}

void page_kb_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such article.");
    if (svc_kb_delete(&r->s, id, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/kb?flash=Article+deleted");
}
