/* The customer page and the admin page (agents and teams). */
#include <string.h>
#include "util/text.h"
#include "web/handlers.h"
#include "service/svc_assign.h"
#include "web/page.h"
#include "web/page_goodwill.h"
#include "web/page_customer_panel.h"

/* the customer page; after a refused edit, the form again with what was typed and the error
 * beside its field (err NULL: a plain view) */
static void customer_page(req *r, resp *w, long long id, const char *name, const char *email, const herr *err,
                          const profile_form *pf)
{
    customer_rec c;
    herr e;
    int found = svc_customer_get(&r->s, id, &c, &e);
    if (found <= 0) return page_error(r, w, found < 0 ? 500 : 404, "There is no such customer.");
    ticket_filter f = {.customer_id = id, .limit = 100};
    ticket_rec *list;
    int n;
    if (svc_ticket_list(&r->s, &f, &list, &n, &e)) return page_error(r, w, 500, "The customer's tickets could not be read.");
    int status = err ? err->status : pf ? 422 : 200;
    page_begin(r, w, c.name, NULL);
    w->status = status;
    buf *b = &w->body;
    html(b, "<section class=\"card customer-head\"><span class=\"avatar\" aria-hidden=\"true\">%s</span><div><h1>%s</h1>"
            "<p class=\"muted\"><a href=\"mailto:%s\">%s</a> · customer since %s · %s</p></div></section>",
         page_initials(r, c.name), c.name, c.email, c.email, page_ago(r, c.created_at),
         c.ticket_count <= 1 ? "first conversation" : arena_printf(&r->a, "%d conversations", c.ticket_count));
    /* a bounced address or a misspelt name is fixed here (open when it was refused) */
    const char *nerr = err && !strcmp(err->field, "name") ? err->message : NULL;
    const char *eerr = err && strcmp(err->field, "name") ? err->message : NULL;
    html(b, "<details class=\"card customer-edit\" id=\"edit\"%R><summary>Edit name and email</summary>"
            "<form method=\"post\" action=\"/customers/%l\">", err ? " open" : "", id);
    page_csrf_field(r, b);
    html(b, "<div class=\"row\"><label>Name<input name=\"name\" id=\"customer-name\" required maxlength=\"120\" value=\"%s\"%R>",
         name ? name : c.name, nerr ? " aria-invalid=\"true\" aria-describedby=\"customer-name-error\"" : "");
    if (nerr) html(b, "<span class=\"error field-error\" id=\"customer-name-error\">%s</span>", nerr);
    html(b, "</label><label>Email<input type=\"email\" name=\"email\" id=\"customer-email\" required value=\"%s\"%R>",
         email ? email : c.email, eerr ? " aria-invalid=\"true\" aria-describedby=\"customer-email-error\"" : "");
    if (eerr) html(b, "<span class=\"error field-error\" id=\"customer-email-error\">%s</span>", eerr);
    html(b, "</label></div><button type=\"submit\" class=\"primary\">Save</button></form></details>");
    html(b, "<h2 class=\"section-title\">Conversations</h2><table class=\"tickets\"><thead><tr><th>Subject</th><th>Status</th><th class=\"owner-col\">Owner</th><th class=\"when\">Updated</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++)
        html(b, "<tr data-href=\"/tickets/%l\"><td class=\"subject\"><a href=\"/tickets/%l\">%s</a> <span class=\"id\">#%l</span></td>"
                "<td><span class=\"badge %s\">%s</span></td><td class=\"owner\">%s</td><td class=\"when\">%s</td></tr>",
             list[i].id, list[i].id, list[i].subject, list[i].id, list[i].status, page_status_label(list[i].status),
             list[i].owner_name ? list[i].owner_name : "—", page_ago(r, list[i].updated_at));
    html(b, "</tbody></table>");
    page_customer_panel(r, b, id, arena_printf(&r->a, "/customers/%lld", id), pf);
    page_goodwill_customer(r, b, id);
    page_end(r, w);
}

/* /customers: everyone who has written, newest first, with a search by name or email */
void page_customers(req *r, resp *w)
{
    const char *q = req_query(r, "q"), *before = req_query(r, "before");
    long long before_id = 0;
    if (before && !parse_id(before, &before_id)) before_id = 0;
    if (q && (!*q || strlen(q) > 200 || !utf8_valid(q, strlen(q)))) q = NULL;
    customer_rec *list;
    int n;
    herr e;
    enum { PAGE = 50 };
    if (svc_customer_list(&r->s, q, before_id, PAGE, &list, &n, &e)) return page_error(r, w, 500, "The customers could not be read.");
    page_begin(r, w, "Customers", "customers");
    buf *b = &w->body;
    html(b, "<section class=\"card\"><h1>Customers</h1><form class=\"customer-search\" method=\"get\" action=\"/customers\" role=\"search\" aria-label=\"Customers\">"
            "<label>Name or email <input type=\"search\" name=\"q\" id=\"customer-q\" value=\"%s\"></label>"
            "<button type=\"submit\">Search</button></form>", q ? q : "");
    if (!n) {
        html(b, "<p class=\"muted\" id=\"no-customers\">%s</p></section>", q ? "No customer's name or email has that." : "No customers yet.");
        return page_end(r, w);
    }
    html(b, "<table class=\"plain customers\" id=\"customers\"><thead><tr><th>Name</th><th>Email</th><th class=\"num\">Tickets</th><th>Since</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++)
        html(b, "<tr data-href=\"/customers/%l\"><td><strong><a href=\"/customers/%l\">%s</a></strong></td><td>%s</td><td class=\"num\">%d</td><td>%s</td></tr>",
             list[i].id, list[i].id, list[i].name, list[i].email, list[i].ticket_count, page_ago(r, list[i].created_at));
    html(b, "</tbody></table>");
    if (n == PAGE)
        html(b, "<p class=\"pager\"><a href=\"/customers?q=%u&amp;before=%l\">More customers →</a></p>", q ? q : "", list[n - 1].id);
    html(b, "</section>");
    page_end(r, w);
}

void page_customer(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such customer.");
    customer_page(r, w, id, NULL, NULL, NULL, NULL);
}

/* POST /customers/{id}/profile: the team's tags, notes and the customer's language; back to
 * the page it came from, or, refused, the customer page with the form as typed */
void page_customer_profile(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such customer.");
    profile_form f = {.tags = req_form(r, "tags"), .notes = req_form(r, "notes"), .language = req_form(r, "language")};
    const char *back = req_form(r, "back");
    /* only heed's own pages: never a redirect elsewhere */
    if (!back || (strncmp(back, "/tickets/", 9) && strncmp(back, "/customers/", 11)))
        back = arena_printf(&r->a, "/customers/%lld", id);
    for (const char *c = back + 1; *c; c++) /* a path of heed's: letters, digits and slashes */
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || *c == '/')) {
            back = arena_printf(&r->a, "/customers/%lld", id);
            break;
        }
    customer_profile p = {.set_tags = f.tags != NULL, .notes = f.notes, .language = f.language};
    const char *split[TAGS_MAX + 1];
    for (const char *t = f.tags ? f.tags : ""; *t && p.ntags <= TAGS_MAX;) { /* "vip, wholesale" */
        while (*t == ' ' || *t == ',') t++;
        const char *end = t;
        while (*end && *end != ',') end++;
        const char *last = end;
        while (last > t && last[-1] == ' ') last--;
        if (last > t) split[p.ntags++] = arena_strndup(&r->a, t, (size_t)(last - t));
        t = end;
    }
    p.tags = split;
    customer_rec c;
    herr e;
    if (p.ntags > TAGS_MAX) {
        f.field = "tags", f.error = "at most 20 tags";
        return customer_page(r, w, id, NULL, NULL, NULL, &f);
    }
    if (svc_customer_profile(&r->s, id, &p, &c, &e)) {
        if (e.status != 422) return page_error(r, w, e.status, e.status == 404 ? "There is no such customer." : e.message);
        f.field = e.field, f.error = e.message;
        return customer_page(r, w, id, NULL, NULL, NULL, &f);
    }
    resp_redirect(w, arena_printf(&r->a, "%s?flash=Customer+notes+saved", back));
}

void page_customer_update(req *r, resp *w)
{
    long long id;
    herr e;
    customer_rec c;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such customer.");
    const char *name = req_form(r, "name"), *email = req_form(r, "email");
    if (svc_customer_update(&r->s, id, name, email, &c, &e)) {
        if (e.status >= 500 || e.status == 404) return page_error(r, w, e.status, e.status == 404 ? "There is no such customer." : "The customer could not be saved; see the server log.");
        return customer_page(r, w, id, name, email, &e, NULL);
    }
    resp_redirect(w, arena_printf(&r->a, "/customers/%lld?flash=Saved", id));
}

/* What a refused admin form shows again: its error beside the field, and what was typed
 * (never the password). form: "agent", "team" (add a team) or "team-<id>" (that team's row). */
typedef struct admin_form {
    const char *form, *field, *error;
    const char *name, *email, *role, *team;
} admin_form;

static bool is_form(const admin_form *f, const char *form) { return f && f->error && !strcmp(f->form, form); }

static const char *form_error(const admin_form *f, const char *form, const char *field)
{
    return is_form(f, form) && f->field && !strcmp(f->field, field) ? f->error : NULL;
}

/* a labelled input with its error beside it */
static void field(req *r, buf *b, const char *label, const char *id, const char *attrs, const char *value, const char *err)
{
    html(b, "<label>%s<input id=\"%s\" %R value=\"%s\"%R>", label, id, attrs, value ? value : "",
         err ? arena_printf(&r->a, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", id) : "");
    if (err) html(b, "<span class=\"error field-error\" id=\"%s-error\">%s</span>", id, err);
    html(b, "</label>");
}

static void admin_page(req *r, resp *w, int status, const admin_form *f)
{
    agent_rec *agents;
    team_rec *teams;
    reset_request_rec *asks;
    int na, nt, nr;
    herr e;
    if (svc_agent_list(&r->s, &agents, &na, &e) || svc_team_list(&r->s, &teams, &nt, &e) ||
        svc_reset_requests(&r->s, &asks, &nr, &e))
        return page_error(r, w, 500, "Could not read agents and teams.");
    page_begin(r, w, "Admin", "admin");
    w->status = status;
    buf *b = &w->body;
    html(b, "<div class=\"admin\">");
    if (nr) {
        html(b, "<section class=\"card reset-requests wide\"><h1>Asked for a password reset</h1><table class=\"plain\"><thead><tr>"
                "<th>Agent</th><th>Asked</th><th>From</th><th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
        for (int i = 0; i < nr; i++) {
            html(b, "<tr><td><strong><a href=\"/admin/agents/%l\">%s</a></strong> <span class=\"muted\">%s</span></td><td>%s</td><td>%s</td><td>"
                    "<form method=\"post\" action=\"/admin/agents/%l/reset\" class=\"inline\">",
                 asks[i].agent_id, asks[i].agent_name, asks[i].agent_email, page_ago(r, asks[i].requested_at),
                 asks[i].address ? asks[i].address : "—", asks[i].agent_id);
            page_csrf_field(r, b);
            html(b, "<button type=\"submit\">Make a reset link</button></form></td></tr>");
        }
        html(b, "</tbody></table><p class=\"muted\">heed does not email these links: pass the link on to the agent yourself.</p></section>");
    }
    html(b, "<section class=\"card\"><h1>Agents</h1><table class=\"plain\"><thead><tr><th>Name</th><th>Email</th>"
            "<th>Role</th><th>Team</th><th>Time zone</th></tr></thead><tbody>");
    for (int i = 0; i < na; i++) {
        html(b, "<tr%R><td><strong><a href=\"/admin/agents/%l\">%s</a></strong>%R</td><td class=\"muted\">%s</td><td><span class=\"role role-%s\">%s</span></td><td>%s</td>",
             agents[i].active ? "" : " class=\"inactive\"", agents[i].id, agents[i].name,
             agents[i].active ? "" : " <span class=\"badge closed\">deactivated</span>", agents[i].email, agents[i].role,
             agents[i].role, agents[i].team_name ? agents[i].team_name : "—");
        /* each agent's zone, changed in place (empty: the team's default) */
        html(b, "<td><form method=\"post\" action=\"/admin/agents/%lld/timezone\" class=\"inline tz-form\">", agents[i].id);
        page_csrf_field(r, b);
        html(b, "<input name=\"timezone\" list=\"zones\" aria-label=\"Time zone of %s\" placeholder=\"%s\" value=\"%s\">"
                "<button type=\"submit\">Save</button></form></td></tr>",
             agents[i].name, svc_agent_zone(NULL, r->default_tz), agents[i].timezone ? agents[i].timezone : "");
    }
    html(b, "</tbody></table>");
    page_zone_datalist(r, b);
    const admin_form *af = is_form(f, "agent") ? f : NULL;
    html(b, "<h2>Add an agent</h2>");
    if (af && (!af->field || !*af->field)) html(b, "<p class=\"error\">%s</p>", af->error);
    html(b, "<form method=\"post\" action=\"/admin/agents\" class=\"grid\">");
    page_csrf_field(r, b);
    field(r, b, "Name", "add-name", "name=\"name\" required", af ? af->name : NULL, form_error(f, "agent", "name"));
    field(r, b, "Email", "add-email", "type=\"email\" name=\"email\" required", af ? af->email : NULL, form_error(f, "agent", "email"));
    const char *role = af && af->role ? af->role : "agent", *team = af && af->team ? af->team : "";
    const char *role_err = form_error(f, "agent", "role"), *team_err = form_error(f, "agent", "team");
    html(b, "<label>Role<select name=\"role\" id=\"add-role\"%R>", role_err ? " aria-invalid=\"true\" aria-describedby=\"add-role-error\"" : "");
    static const char *const roles[] = {"agent", "supervisor", "admin"};
    for (int i = 0; i < 3; i++) html(b, "<option%R>%s</option>", !strcmp(role, roles[i]) ? " selected" : "", roles[i]);
    html(b, "</select>");
    if (role_err) html(b, "<span class=\"error field-error\" id=\"add-role-error\">%s</span>", role_err);
    html(b, "</label>");
    html(b, "<label>Team<select name=\"team\" id=\"add-team\"%R><option value=\"\">No team</option>",
         team_err ? " aria-invalid=\"true\" aria-describedby=\"add-team-error\"" : "");
    for (int i = 0; i < nt; i++) html(b, "<option%R>%s</option>", !strcmp(team, teams[i].name) ? " selected" : "", teams[i].name);
    html(b, "</select>");
    if (team_err) html(b, "<span class=\"error field-error\" id=\"add-team-error\">%s</span>", team_err);
    html(b, "</label>");
    field(r, b, "First password", "add-password", "type=\"password\" name=\"password\" minlength=\"8\" required autocomplete=\"new-password\"",
          NULL, form_error(f, "agent", "password"));
    html(b, "<button class=\"primary\" type=\"submit\">Add agent</button></form></section>");

    html(b, "<section class=\"card\"><h1>Teams</h1><table class=\"plain teams\"><thead><tr><th>Team</th><th class=\"num\">Agents</th>"
            "<th class=\"num\">Open tickets</th></tr></thead><tbody>");
    for (int i = 0; i < nt; i++) {
        const char *row = arena_printf(&r->a, "team-%lld", teams[i].id);
        const char *err = is_form(f, row) ? f->error : NULL;
        html(b, "<tr><td><strong>%s</strong></td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>"
                "<tr class=\"team-edit\"><td colspan=\"3\"><form method=\"post\" action=\"/admin/teams/%l\" class=\"inline\">",
             teams[i].name, teams[i].agent_count, teams[i].open_tickets, teams[i].id);
        page_csrf_field(r, b);
        html(b, "<input name=\"name\" aria-label=\"New name for %s\" value=\"%s\"%R><button type=\"submit\">Rename</button></form>",
             teams[i].name, err && f->name ? f->name : teams[i].name,
             err ? arena_printf(&r->a, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", row) : "");
        html(b, "<form method=\"post\" action=\"/admin/teams/%l\" class=\"inline\">", teams[i].id);
        page_csrf_field(r, b);
        html(b, "<select name=\"member\" aria-label=\"Agent to add to %s\"><option value=\"\">Add a member…</option>", teams[i].name);
        for (int k = 0; k < na; k++)
            if (agents[k].team_id != teams[i].id) html(b, "<option value=\"%l\">%s</option>", agents[k].id, agents[k].name);
        html(b, "</select><button type=\"submit\">Add</button></form>");
        /* automatic assignment: off, round robin or least open, with a cap and a time to answer */
        team_assign ta;
        herr ae;
        if (!svc_team_assign_get(&r->s, teams[i].id, &ta, &ae)) {
            html(b, "<form method=\"post\" action=\"/admin/teams/%l/assign\" class=\"inline team-assign\">", teams[i].id);
            page_csrf_field(r, b);
            html(b, "<label>Assign <select name=\"assign\"><option value=\"off\"%R>by hand</option><option value=\"round_robin\"%R>round robin</option>"
                    "<option value=\"least_open\"%R>fewest open</option></select></label>"
                    "<label>cap <input name=\"assign_cap\" size=\"3\" inputmode=\"numeric\" value=\"%R\"></label>"
                    "<label>back to the pool after <input name=\"reassign_minutes\" size=\"4\" inputmode=\"numeric\" value=\"%R\"> min</label>"
                    "<button type=\"submit\">Save</button></form>",
                 !strcmp(ta.mode, "off") ? " selected" : "", !strcmp(ta.mode, "round_robin") ? " selected" : "",
                 !strcmp(ta.mode, "least_open") ? " selected" : "", ta.cap > 0 ? arena_printf(&r->a, "%lld", ta.cap) : "",
                 ta.reassign_minutes > 0 ? arena_printf(&r->a, "%lld", ta.reassign_minutes) : "");
        }
        if (err) html(b, "<p class=\"error field-error\" id=\"%s-error\">%s</p>", row, err);
        html(b, "</td></tr>");
    }
    html(b, "</tbody></table><h2>Add a team</h2><form method=\"post\" action=\"/admin/teams\" class=\"inline\">");
    page_csrf_field(r, b);
    field(r, b, "Name", "team-name", "name=\"name\" required", is_form(f, "team") ? f->name : NULL, is_form(f, "team") ? f->error : NULL);
    html(b, "<button class=\"primary\" type=\"submit\">Add team</button></form></section>");
    html(b, "<section class=\"card\"><h1>Promises</h1><p><a href=\"/admin/sla\">SLAs</a>: business calendars, policies and a preview</p>"
            "<p><a href=\"/admin/jobs\">Background jobs</a>: timers and deliveries, and the last error of each</p>"
            "<p><a href=\"/admin/webhooks\">Webhooks</a>: signed event deliveries to your other systems</p>"
            "<p><a href=\"/admin/goodwill\">Goodwill limits</a>: what agents may grant without asking</p></section>");
    html(b, "<section class=\"card\"><h1>Email</h1><p><a href=\"/admin/quarantine\">Mail quarantine</a>: email heed could not file</p><p><a href=\"/admin/outbox\">Outbox</a>: email heed sends, and how delivery went</p></section></div>");
    page_end(r, w);
}

void page_admin(req *r, resp *w) { admin_page(r, w, 200, NULL); }

void page_admin_refused(req *r, resp *w, int status, const char *form, const herr *e, const char *typed_name)
{
    admin_form f = {.form = form, .field = e->field, .error = e->message, .name = typed_name};
    admin_page(r, w, status, &f);
}

void page_admin_team_assign(req *r, resp *w)
{
    long long id, cap = -1, minutes = -1;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such team.");
    const char *c = req_form(r, "assign_cap"), *m = req_form(r, "reassign_minutes");
    if (c && *c && !parse_id(c, &cap)) cap = 0;
    if (m && *m && !parse_id(m, &minutes)) minutes = 0;
    team_assign ta;
    herr e;
    if (svc_team_assign_set(&r->s, id, req_form(r, "assign"), cap, minutes, &ta, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/admin?flash=Assignment+saved");
}

void page_admin_agent_add(req *r, resp *w)
{
    long long id;
    herr e;
    admin_form f = {.form = "agent", .name = req_form(r, "name"), .email = req_form(r, "email"),
                    .role = req_form(r, "role"), .team = req_form(r, "team")};
    if (svc_agent_add(&r->s, f.email, f.name, f.role, req_form(r, "password"), f.team, &id, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "The agent could not be added.");
        f.field = e.field;
        f.error = e.message;
        return admin_page(r, w, e.status, &f); /* the form again, the error beside its field, the typing kept */
    }
    resp_redirect(w, "/admin?flash=Agent+added");
}

void page_admin_team_add(req *r, resp *w)
{
    long long id;
    herr e;
    const char *name = req_form(r, "name");
    if (svc_team_add(&r->s, name, &id, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "The team could not be added.");
        return page_admin_refused(r, w, e.status, "team", &e, name);
    }
    resp_redirect(w, "/admin?flash=Team+added");
}
