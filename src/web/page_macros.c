/* /macros: the saved replies an agent may use (their own and their team's shared ones), what
 * the coach flags in each, and a form for a new one. See service/svc_macros.h. */
#include <string.h>
#include "service/svc_macros.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"

typedef struct macro_form {
    const char *name, *shortcut, *body, *status, *tags;
    bool shared, take;
    const char *error, *field; /* a refused save: why, and which field */
} macro_form;

static bool lead(const req *r) { return !strcmp(r->agent.role, "supervisor") || !strcmp(r->agent.role, "admin"); }

static void field_error(buf *b, const macro_form *f, const char *field)
{
    if (f->error && f->field && !strcmp(f->field, field))
        html(b, "<span class=\"error field-error\" id=\"macro-%s-error\" role=\"alert\">%s</span>", field, f->error);
}

static const char *invalid(const macro_form *f, const char *field)
{
    return f->error && f->field && !strcmp(f->field, field) ? " aria-invalid=\"true\"" : "";
}

static void render(req *r, resp *w, int status, const macro_form *f)
{
    macro_rec *list;
    int n;
    herr e;
    if (svc_macros(&r->s, &list, &n, &e)) return page_error(r, w, 500, "The macros could not be read; see the server log.");
    page_begin(r, w, "Macros", "settings");
    w->status = status;
    buf *b = &w->body;
    html(b, "<section class=\"card macro-list\"><h1>Macros</h1><p class=\"muted\">Saved replies. Type <kbd>/shortcut</kbd> in the "
            "reply box, or pick one from its Macros menu. Placeholders: <code>{{customer.first_name}}</code>, "
            "<code>{{customer.name}}</code>, <code>{{ticket.id}}</code>, <code>{{ticket.subject}}</code>, "
            "<code>{{agent.name}}</code>, <code>{{agent.first_name}}</code>.</p>");
    if (!n) html(b, "<p class=\"empty\">No macros yet.</p>");
    else {
        html(b, "<table class=\"macros-table\" id=\"macros-table\"><thead><tr><th>Name</th><th>Shortcut</th><th>Then</th><th>Used</th>"
                "<th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            const macro_rec *m = &list[i];
            html(b, "<tr data-macro=\"%l\"><td><strong>%s</strong>%R<div class=\"muted small\">%s</div>", m->id, m->name,
                 m->shared ? " <span class=\"tag\">shared</span>" : "", m->body);
            macro_coach c;
            svc_macro_coach(&r->s, m, &c);
            if (c.n) { /* sent many times: worth fixing once */
                html(b, "<p class=\"flags\">The coach: ");
                for (int k = 0; k < c.n; k++) html(b, "%R<span data-flag=\"%s\">%s</span>", k ? "; " : "", c.code[k], c.why[k]);
                html(b, "</p>");
            }
            html(b, "</td><td><kbd>/%s</kbd></td><td>", m->shortcut);
            bool any = false;
            if (m->set_status) html(b, "status %s", page_status_label(m->set_status)), any = true;
            if (*m->add_tags) html(b, "%Rtags %s", any ? ", " : "", m->add_tags), any = true;
            if (m->take) html(b, "%Rtake the ticket", any ? ", " : ""), any = true;
            if (!any) html(b, "<span class=\"muted\">—</span>");
            html(b, "</td><td>%d</td><td>", m->uses);
            if (m->author_id == r->agent.id || lead(r)) {
                html(b, "<form method=\"post\" action=\"/macros/%l/delete\">", m->id);
                page_csrf_field(r, b);
                html(b, "<button type=\"submit\" class=\"link danger\">Delete<span class=\"sr\"> %s</span></button></form>", m->name);
            }
            html(b, "</td></tr>");
        }
        html(b, "</tbody></table>");
    }
    html(b, "</section><section class=\"card narrow\" id=\"new-macro\"><h2>New macro</h2><form method=\"post\" action=\"/macros\" class=\"macro-form\">");
    page_csrf_field(r, b);
    html(b, "<label>Name <input name=\"name\" id=\"macro-name\" required maxlength=\"%d\" value=\"%s\"%R></label>", MACRO_NAME_MAX,
         f->name ? f->name : "", invalid(f, "name"));
    field_error(b, f, "name");
    html(b, "<label>Shortcut <input name=\"shortcut\" id=\"macro-shortcut\" maxlength=\"%d\" placeholder=\"made from the name\" value=\"%s\"%R></label>",
         MACRO_SHORTCUT_MAX, f->shortcut ? f->shortcut : "", invalid(f, "shortcut"));
    field_error(b, f, "shortcut");
    html(b, "<label>Reply <textarea name=\"body\" id=\"macro-body\" rows=\"6\" required%R>\n%s</textarea></label>", invalid(f, "body"),
         f->body ? f->body : "Hi {{customer.first_name}},\n\n");
    field_error(b, f, "body");
    html(b, "<label>Then set status <select name=\"status\"><option value=\"\">unchanged</option>");
    static const char *const sts[] = {"open", "pending", "on-hold", "solved", NULL};
    for (const char *const *st = sts; *st; st++)
        html(b, "<option value=\"%s\"%R>%s</option>", *st, f->status && !strcmp(f->status, *st) ? " selected" : "", page_status_label(*st));
    html(b, "</select></label><label>Add tags <input name=\"tags\" id=\"macro-tags\" placeholder=\"refund, billing\" value=\"%s\"%R></label>",
         f->tags ? f->tags : "", invalid(f, "tags"));
    field_error(b, f, "tags");
    html(b, "<label class=\"check\"><input type=\"checkbox\" name=\"take\" value=\"1\"%R> Take the ticket (you become its owner)</label>"
            "<label class=\"check\"><input type=\"checkbox\" name=\"shared\" value=\"1\"%R> Share with my team</label>",
         f->take ? " checked" : "", f->shared ? " checked" : "");
    if (f->error && !f->field) html(b, "<p class=\"error\" role=\"alert\">%s</p>", f->error);
    html(b, "<button class=\"primary\" type=\"submit\">Save macro</button></form></section>");
    page_end(r, w);
}

void page_macros(req *r, resp *w) { render(r, w, 200, &(macro_form){0}); }

void page_macro_create(req *r, resp *w)
{
    macro_form f = {.name = req_form(r, "name"), .shortcut = req_form(r, "shortcut"), .body = req_form(r, "body"),
                    .status = req_form(r, "status"), .tags = req_form(r, "tags")};
    const char *take = req_form(r, "take"), *shared = req_form(r, "shared");
    f.take = take && !strcmp(take, "1");
    f.shared = shared && !strcmp(shared, "1");
    macro_in in = {.name = f.name ? f.name : "", .shortcut = f.shortcut, .body = f.body ? f.body : "", .shared = f.shared,
                   .set_status = f.status && *f.status ? f.status : NULL, .take = f.take};
    int cap = 0;
    size_t len;
    for (const char *l = f.tags ? f.tags : "", *tag; (tag = list_next(&l, &len));) {
        while (len && *tag == ' ') tag++, len--;
        while (len && tag[len - 1] == ' ') len--;
        if (len) *(const char **)arena_push(&r->a, &in.add_tags, &in.nadd_tags, &cap, sizeof *in.add_tags) = arena_strndup(&r->a, tag, len);
    }
    macro_rec m;
    herr e;
    if (svc_macro_save(&r->s, 0, &in, &m, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "The macro could not be saved; see the server log.");
        f.error = arena_strdup(&r->a, e.message);
        f.field = *e.field ? arena_strdup(&r->a, e.field) : NULL;
        return render(r, w, e.status, &f);
    }
    resp_redirect(w, "/macros?flash=Macro+saved");
}

void page_macro_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such macro.");
    if (svc_macro_delete(&r->s, id, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/macros?flash=Macro+deleted");
}
