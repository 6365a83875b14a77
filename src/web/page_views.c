/* The inbox's saved views (links with counts, "Save this view") and bulk actions (the bar
 * over a list whose rows have checkboxes). See service/svc_views.h. */
#include <string.h>
#include "service/svc_views.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_views.h"

void page_views_bar(req *r, buf *b, const char *owner, const char *status, const char *tag, const char *priority,
                    const char *channel, const char *mood)
{
    view_rec *v;
    int n;
    herr e;
    if (svc_views(&r->s, &v, &n, &e)) n = 0;
    html(b, "<nav class=\"saved-views\" id=\"saved-views\" aria-label=\"Saved views\"><span class=\"muted\">Views:</span>");
    for (int i = 0; i < n; i++)
        html(b, " <a class=\"view-link\" href=\"%s\" data-view=\"%l\">%s <span class=\"count\">%R</span></a>%R", api_view_url(r, &v[i]),
             v[i].id, v[i].name, v[i].count >= VIEW_COUNT_CAP ? arena_printf(&r->a, "%d+", VIEW_COUNT_CAP - 1) : arena_printf(&r->a, "%d", v[i].count),
             v[i].shared ? "<span class=\"sr\"> (shared)</span>" : "");
    if (!n) html(b, " <span class=\"muted\">none yet</span>");
    /* the filter on screen, kept as a view */
    html(b, "<details class=\"save-view\"><summary>Save this view</summary><form method=\"post\" action=\"/inbox/views\">");
    page_csrf_field(r, b);
    const char *k[] = {"owner", "status", "tag", "priority", "channel", "mood"}, *val[] = {owner, status, tag, priority, channel, mood};
    for (int i = 0; i < 6; i++)
        if (val[i] && *val[i]) html(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", k[i], val[i]);
    html(b, "<label>Name <input name=\"name\" id=\"view-name\" required maxlength=\"%d\"></label>"
            "<label class=\"check\"><input type=\"checkbox\" name=\"shared\" value=\"1\"> Share with my team</label>"
            "<button type=\"submit\">Save</button></form></details></nav>",
         VIEW_NAME_MAX);
}

void page_bulk_bar(req *r, buf *b, const char *back)
{
    agent_rec *agents;
    int na;
    herr e;
    if (svc_agent_list(&r->s, &agents, &na, &e)) na = 0;
    html(b, "<form class=\"bulk-bar\" id=\"bulk-form\" method=\"post\" action=\"/tickets/bulk\" aria-label=\"With the chosen tickets\">");
    page_csrf_field(r, b);
    html(b, "<input type=\"hidden\" name=\"back\" value=\"%s\"><span class=\"muted\">With the chosen tickets:</span>"
            "<label>Owner <select name=\"owner\"><option value=\"\">unchanged</option><option value=\"none\">nobody</option>",
         back);
    for (int i = 0; i < na; i++)
        if (agents[i].active) html(b, "<option value=\"%l\">%s</option>", agents[i].id, agents[i].name);
    html(b, "</select></label><label>Status <select name=\"status\"><option value=\"\">unchanged</option>");
    static const char *const sts[] = {"open", "pending", "on-hold", "solved", NULL};
    for (const char *const *s = sts; *s; s++) html(b, "<option value=\"%s\">%s</option>", *s, page_status_label(*s));
    html(b, "</select></label><label>Add tag <input name=\"add_tag\" size=\"10\"></label>"
            "<label class=\"check\"><input type=\"checkbox\" name=\"merge\" value=\"1\"> Merge into the first</label>"
            "<button type=\"submit\">Apply</button></form>");
}

void page_view_save(req *r, resp *w)
{
    const char *shared = req_form(r, "shared");
    view_rec in = {.name = req_form(r, "name"), .owner = req_form(r, "owner"), .status = req_form(r, "status"),
                   .tag = req_form(r, "tag"), .priority = req_form(r, "priority"), .channel = req_form(r, "channel"),
                   .mood = req_form(r, "mood"), .shared = shared && !strcmp(shared, "1")};
    if (!in.name) in.name = "";
    if (in.status && !strcmp(in.status, "active")) in.status = NULL;
    view_rec out;
    herr e;
    if (svc_view_save(&r->s, &in, &out, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "%s&flash=View+saved", api_view_url(r, &out)));
}

void page_view_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such view.");
    if (svc_view_delete(&r->s, id, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/inbox?flash=View+deleted");
}

void page_tickets_bulk(req *r, resp *w)
{
    const char *raw[BULK_MAX + 1];
    int n = req_form_all(r, "ids", raw, BULK_MAX + 1);
    long long ids[BULK_MAX + 1];
    for (int i = 0; i < n; i++)
        if (!parse_id(raw[i], &ids[i])) return page_error(r, w, 400, "A chosen ticket is not a ticket number.");
    const char *owner = req_form(r, "owner"), *status = req_form(r, "status"), *tag = req_form(r, "add_tag");
    const char *merge = req_form(r, "merge"), *back = req_form(r, "back");
    bulk_in in = {.ids = ids, .n = n, .status = status && *status ? status : NULL, .add_tag = tag && *tag ? tag : NULL,
                  .merge = merge && !strcmp(merge, "1")};
    if (owner && *owner) {
        in.set_owner = true;
        if (strcmp(owner, "none") && !parse_id(owner, &in.owner_id)) return page_error(r, w, 400, "Choose an owner from the list.");
    }
    bulk_result *res;
    herr e;
    if (svc_bulk(&r->s, &in, &res, &e)) return page_error(r, w, e.status, e.message);
    int done = 0;
    const char *first_error = NULL;
    long long first_id = 0;
    for (int i = 0; i < n; i++) {
        if (res[i].ok) done++;
        else if (!first_error) first_error = res[i].error, first_id = res[i].id;
    }
    /* back to the list it came from (a path of ours only), saying what happened */
    if (!back || back[0] != '/' || back[1] == '/' || strchr(back, '\r') || strchr(back, '\n')) back = "/inbox";
    buf msg;
    buf_init(&msg, 128);
    buf_printf(&msg, "%d of %d done", done, n);
    if (first_error) buf_printf(&msg, "; #%lld: %.80s", first_id, first_error);
    const char *flash = arena_strndup(&r->a, msg.p, msg.len);
    buf_free(&msg);
    buf enc;
    buf_init(&enc, 256);
    for (const char *c = flash; *c; c++) { /* the flash in the query: letters as they are, the rest %-escaped */
        unsigned char ch = (unsigned char)*c;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.') buf_putc(&enc, (char)ch);
        else buf_printf(&enc, "%%%02X", ch);
    }
    resp_redirect(w, arena_printf(&r->a, "%s%sflash=%.*s", back, strchr(back, '?') ? "&" : "?", (int)enc.len, enc.p));
    buf_free(&enc);
}
