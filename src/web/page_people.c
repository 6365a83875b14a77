/* The customer page and the admin page (agents and teams). */
#include <string.h>
#include "web/handlers.h"
#include "web/page.h"

void page_customer(req *r, resp *w)
{
    long long id;
    customer_rec c;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such customer.");
    int found = svc_customer_get(&r->s, id, &c, &e);
    if (found <= 0) return page_error(r, w, found < 0 ? 500 : 404, "There is no such customer.");
    ticket_filter f = {.customer_id = id, .limit = 100};
    ticket_rec *list;
    int n;
    if (svc_ticket_list(&r->s, &f, &list, &n, &e)) return page_error(r, w, 500, "The customer's tickets could not be read.");
    page_begin(r, w, c.name, NULL);
    buf *b = &w->body;
    html(b, "<section class=\"card customer-head\"><span class=\"avatar\" aria-hidden=\"true\">%s</span><div><h1>%s</h1>"
            "<p class=\"muted\"><a href=\"mailto:%s\">%s</a> · customer since %s · %s</p></div></section>",
         page_initials(r, c.name), c.name, c.email, c.email, page_ago(r, c.created_at),
         c.ticket_count <= 1 ? "first conversation" : arena_printf(&r->a, "%d conversations", c.ticket_count));
    html(b, "<h2 class=\"section-title\">Conversations</h2><table class=\"tickets\"><thead><tr><th>Subject</th><th>Status</th><th class=\"owner-col\">Owner</th><th class=\"when\">Updated</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++)
        html(b, "<tr data-href=\"/tickets/%l\"><td class=\"subject\"><a href=\"/tickets/%l\">%s</a> <span class=\"id\">#%l</span></td>"
                "<td><span class=\"badge %s\">%s</span></td><td class=\"owner\">%s</td><td class=\"when\">%s</td></tr>",
             list[i].id, list[i].id, list[i].subject, list[i].id, list[i].status, page_status_label(list[i].status),
             list[i].owner_name ? list[i].owner_name : "—", page_ago(r, list[i].updated_at));
    html(b, "</tbody></table>");
    page_end(r, w);
}

void page_admin(req *r, resp *w)
{
    agent_rec *agents;
    team_rec *teams;
    int na, nt;
    herr e;
    if (svc_agent_list(&r->s, &agents, &na, &e) || svc_team_list(&r->s, &teams, &nt, &e))
        return page_error(r, w, 500, "Could not read agents and teams.");
    page_begin(r, w, "Admin", "admin");
    buf *b = &w->body;
    html(b, "<div class=\"admin\"><section class=\"card\"><h1>Agents</h1><table class=\"plain\"><thead><tr><th>Name</th><th>Email</th>"
            "<th>Role</th><th>Team</th><th>Time zone</th></tr></thead><tbody>");
    for (int i = 0; i < na; i++) {
        html(b, "<tr><td><strong>%s</strong></td><td class=\"muted\">%s</td><td><span class=\"role role-%s\">%s</span></td><td>%s</td>",
             agents[i].name, agents[i].email, agents[i].role, agents[i].role, agents[i].team_name ? agents[i].team_name : "—");
        /* each agent's zone, changed in place (empty: the team's default) */
        html(b, "<td><form method=\"post\" action=\"/admin/agents/%lld/timezone\" class=\"inline tz-form\">", agents[i].id);
        page_csrf_field(r, b);
        html(b, "<input name=\"timezone\" list=\"zones\" aria-label=\"Time zone of %s\" placeholder=\"%s\" value=\"%s\">"
                "<button type=\"submit\">Save</button></form></td></tr>",
             agents[i].name, svc_agent_zone(NULL, r->default_tz), agents[i].timezone ? agents[i].timezone : "");
    }
    html(b, "</tbody></table>");
    page_zone_datalist(r, b);
    html(b, "<h2>Add an agent</h2><form method=\"post\" action=\"/admin/agents\" class=\"grid\">");
    page_csrf_field(r, b);
    html(b, "<label>Name<input name=\"name\" required></label><label>Email<input type=\"email\" name=\"email\" required></label>"
            "<label>Role<select name=\"role\"><option>agent</option><option>supervisor</option><option>admin</option></select></label>"
            "<label>Team<select name=\"team\"><option value=\"\">No team</option>");
    for (int i = 0; i < nt; i++) html(b, "<option>%s</option>", teams[i].name);
    html(b, "</select></label><label>First password<input type=\"password\" name=\"password\" minlength=\"8\" required autocomplete=\"new-password\"></label>"
            "<button class=\"primary\" type=\"submit\">Add agent</button></form></section>");
    html(b, "<section class=\"card\"><h1>Teams</h1><table class=\"plain\"><thead><tr><th>Team</th><th class=\"num\">Agents</th><th class=\"num\">Open tickets</th></tr></thead><tbody>");
    for (int i = 0; i < nt; i++)
        html(b, "<tr><td><strong>%s</strong></td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", teams[i].name, teams[i].agent_count, teams[i].open_tickets);
    html(b, "</tbody></table><h2>Add a team</h2><form method=\"post\" action=\"/admin/teams\" class=\"inline\">");
    page_csrf_field(r, b);
    html(b, "<label>Name<input name=\"name\" required></label><button class=\"primary\" type=\"submit\">Add team</button></form></section>");
    html(b, "<section class=\"card\"><h1>Email</h1><p><a href=\"/admin/quarantine\">Mail quarantine</a>: email heed could not file</p><p><a href=\"/admin/outbox\">Outbox</a>: email heed sends, and how delivery went</p></section></div>");
    page_end(r, w);
}

void page_admin_agent_add(req *r, resp *w)
{
    long long id;
    herr e;
    if (svc_agent_add(&r->s, req_form(r, "email"), req_form(r, "name"), req_form(r, "role"), req_form(r, "password"),
                      req_form(r, "team"), &id, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The agent could not be added.");
    resp_redirect(w, "/admin?flash=Agent+added");
}

void page_admin_team_add(req *r, resp *w)
{
    long long id;
    herr e;
    if (svc_team_add(&r->s, req_form(r, "name"), &id, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The team could not be added.");
    resp_redirect(w, "/admin?flash=Team+added");
}
