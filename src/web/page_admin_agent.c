/* An admin's page for one agent (/admin/agents/{id}): name, role and team; deactivate or
 * reactivate; a password-reset link to pass on. And a team's rename and new member. */
#include <stdlib.h>
#include <string.h>
#include "service/service.h"
#include "web/handlers.h"
#include "web/page.h"

typedef struct agent_form {
    const char *field, *error;     /* a refused edit */
    const char *name, *role, *team; /* what was typed */
    const char *reset_link, *reset_expires;
} agent_form;

static void agent_page(req *r, resp *w, int status, long long id, const agent_form *f)
{
    agent_rec a;
    team_rec *teams;
    int nt;
    herr e;
    int found = svc_agent_get(&r->s, id, &a, &e);
    if (found <= 0) return page_error(r, w, found < 0 ? 500 : 404, "There is no such agent.");
    if (svc_team_list(&r->s, &teams, &nt, &e)) return page_error(r, w, 500, "Could not read the teams.");
    const char *name = f && f->name ? f->name : a.name, *role = f && f->role ? f->role : a.role;
    const char *team = f && f->team ? f->team : a.team_name ? a.team_name : "";
    const char *err_field = f && f->error ? (f->field ? f->field : "") : NULL;
    page_begin(r, w, a.name, "admin");
    w->status = status;
    buf *b = &w->body;
    html(b, "<div class=\"admin\"><section class=\"card narrow\"><p><a href=\"/admin\">← Admin</a></p><h1>%s</h1>"
            "<p class=\"muted\">%s · %R</p>",
         a.name, a.email, a.active ? "active" : "<strong class=\"inactive\">deactivated</strong>");
    if (f && f->error && !f->field) html(b, "<p class=\"error\">%s</p>", f->error);
    html(b, "<h2>Details</h2><form method=\"post\" action=\"/admin/agents/%l\" class=\"grid agent-edit\">", id);
    page_csrf_field(r, b);
    bool bad_name = err_field && !strcmp(err_field, "name"), bad_role = err_field && !strcmp(err_field, "role"),
         bad_team = err_field && !strcmp(err_field, "team");
    html(b, "<label>Name<input name=\"name\" id=\"agent-name\" required value=\"%s\"%R>", name,
         bad_name ? " aria-invalid=\"true\" aria-describedby=\"agent-name-error\"" : "");
    if (bad_name) html(b, "<span class=\"error field-error\" id=\"agent-name-error\">%s</span>", f->error);
    html(b, "</label>");
    html(b, "<label>Role<select name=\"role\" id=\"agent-role\"%R>", bad_role ? " aria-invalid=\"true\" aria-describedby=\"agent-role-error\"" : "");
    static const char *const roles[] = {"agent", "supervisor", "admin"};
    for (int i = 0; i < 3; i++) html(b, "<option%R>%s</option>", !strcmp(role, roles[i]) ? " selected" : "", roles[i]);
    html(b, "</select>");
    if (bad_role) html(b, "<span class=\"error field-error\" id=\"agent-role-error\">%s</span>", f->error);
    html(b, "</label>");
    html(b, "<label>Team<select name=\"team\" id=\"agent-team\"%R><option value=\"\">No team</option>",
         bad_team ? " aria-invalid=\"true\" aria-describedby=\"agent-team-error\"" : "");
    for (int i = 0; i < nt; i++) html(b, "<option%R>%s</option>", !strcmp(team, teams[i].name) ? " selected" : "", teams[i].name);
    html(b, "</select>");
    if (bad_team) html(b, "<span class=\"error field-error\" id=\"agent-team-error\">%s</span>", f->error);
    html(b, "</label>");
    html(b, "<button class=\"primary\" type=\"submit\">Save</button></form>");

    html(b, "<h2>Password reset</h2>");
    if (f && f->reset_link)
        html(b, "<div class=\"new-token\" role=\"status\"><p><strong>Give %s this link</strong> (it works once, until %s; "
                "it is shown only now):</p><input class=\"token-secret reset-link\" readonly aria-label=\"Reset link\" value=\"%s\"></div>",
             a.name, f->reset_expires, f->reset_link);
    html(b, "<p>Makes a link that lets %s choose a new password (once, within %d hours). It signs them out everywhere when used.</p>"
            "<form method=\"post\" action=\"/admin/agents/%l/reset\">",
         a.name, RESET_LINK_HOURS, id);
    page_csrf_field(r, b);
    html(b, "<button type=\"submit\"%R>Make a reset link</button></form>", a.active ? "" : " disabled");

    token_rec *tokens;
    int ntok;
    if (svc_token_list(&r->s, id, &tokens, &ntok, &e) == 0 && ntok) {
        html(b, "<h2>API tokens</h2><table class=\"plain tokens\"><thead><tr><th>Name</th><th>Expires</th><th>Last used</th><th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
        for (int i = 0; i < ntok; i++) {
            html(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td><form method=\"post\" action=\"/settings/tokens/%l/revoke\" class=\"inline\">",
                 tokens[i].name, tokens[i].expires_at ? arena_strndup(&r->a, tokens[i].expires_at, 10) : "never",
                 tokens[i].last_used_at ? page_ago(r, tokens[i].last_used_at) : "never", tokens[i].id);
            page_csrf_field(r, b);
            html(b, "<input type=\"hidden\" name=\"back\" value=\"%l\"><button type=\"submit\" aria-label=\"Revoke %s\">Revoke</button></form></td></tr>",
                 id, tokens[i].name);
        }
        html(b, "</tbody></table>");
    }
    html(b, "<h2>Access</h2><form method=\"post\" action=\"/admin/agents/%l/active\">", id);
    page_csrf_field(r, b);
    if (a.active)
        html(b, "<input type=\"hidden\" name=\"active\" value=\"0\"><p>Deactivating signs %s out everywhere and revokes "
                "their API tokens at once. Their tickets and history stay.</p><button type=\"submit\" class=\"danger\">Deactivate</button></form>",
             a.name);
    else
        html(b, "<input type=\"hidden\" name=\"active\" value=\"1\"><p>%s cannot sign in. Reactivating lets them sign in "
                "again with their password; their old API tokens stay revoked.</p><button type=\"submit\" class=\"primary\">Reactivate</button></form>",
             a.name);
    html(b, "</section></div>");
    page_end(r, w);
}

void page_admin_agent(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such agent.");
    agent_page(r, w, 200, id, NULL);
}

void page_admin_agent_update(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such agent.");
    agent_form f = {.name = req_form(r, "name"), .role = req_form(r, "role"), .team = req_form(r, "team")};
    if (svc_agent_update(&r->s, id, f.name, f.role, f.team, &e)) {
        if (e.status >= 500 || e.status == 404) return page_error(r, w, e.status, e.status < 500 ? e.message : "The agent could not be saved.");
        f.error = e.message;
        f.field = *e.field ? e.field : NULL;
        return agent_page(r, w, e.status, id, &f);
    }
    resp_redirect(w, arena_printf(&r->a, "/admin/agents/%lld?flash=Saved", id));
}

void page_admin_agent_active(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such agent.");
    const char *v = req_form(r, "active");
    bool active = v && !strcmp(v, "1");
    if (svc_agent_set_active(&r->s, id, active, &e)) {
        if (e.status >= 500 || e.status == 404) return page_error(r, w, e.status, e.status < 500 ? e.message : "The change could not be saved.");
        agent_form f = {.error = e.message};
        return agent_page(r, w, e.status, id, &f);
    }
    resp_redirect(w, arena_printf(&r->a, "/admin/agents/%lld?flash=%s", id,
                                  active ? "Reactivated" : "Deactivated:+signed+out+everywhere,+API+tokens+revoked"));
}

void page_admin_agent_reset(req *r, resp *w)
{
    long long id;
    herr e;
    const char *token, *expires;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such agent.");
    if (svc_reset_issue(&r->s, id, &token, &expires, &e)) {
        if (e.status >= 500 || e.status == 404) return page_error(r, w, e.status, e.status < 500 ? e.message : "No link could be made.");
        agent_form f = {.error = e.message};
        return agent_page(r, w, e.status, id, &f);
    }
    /* the link is shown on this answer only: only its hash is stored */
    const char *host = req_header(r, "Host");
    agent_form f = {.reset_link = arena_printf(&r->a, "http://%s/reset/%s", host && *host ? host : "localhost", token),
                    .reset_expires = expires};
    agent_page(r, w, 201, id, &f);
}

void page_admin_team_update(req *r, resp *w)
{
    long long id, agent_id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such team.");
    const char *name = req_form(r, "name"), *member = req_form(r, "member");
    int rc = 0;
    if (member && *member) {
        char *end;
        agent_id = strtoll(member, &end, 10);
        rc = *end ? herr_set(&e, 400, "invalid", "member", "choose an agent") : svc_team_add_member(&r->s, id, agent_id, &e);
    } else {
        rc = svc_team_rename(&r->s, id, name, &e);
    }
    if (rc) {
        if (e.status >= 500 || e.status == 404) return page_error(r, w, e.status, e.status < 500 ? e.message : "The team could not be saved.");
        return page_admin_refused(r, w, e.status, arena_printf(&r->a, "team-%lld", id), &e, name);
    }
    resp_redirect(w, member && *member ? "/admin?flash=Member+added" : "/admin?flash=Team+renamed");
}
