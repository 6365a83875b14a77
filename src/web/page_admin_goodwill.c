/* /admin/goodwill: what each agent may grant without asking (per ticket, per calendar month),
 * and a form to set the limits of a role or of one agent. A refused form comes back with the
 * error beside its field and what was typed kept. */
#include <stdio.h>
#include <string.h>
#include "service/svc_goodwill.h"
#include "web/handlers.h"
#include "web/page.h"

static const char *const ROLES[] = {"agent", "supervisor", "admin"};

typedef struct limits_form {
    const char *who;           /* "role:agent" or "agent:12" */
    const char *per_ticket;    /* as typed: "100.00", "" for no limit */
    const char *per_month;
    const char *error, *field; /* field: "who", "per_ticket" or "per_month" */
} limits_form;

static const char *money(req *r, long long minor)
{
    return minor < 0 ? "no limit" : svc_goodwill_money(&r->a, minor, svc_goodwill_currency());
}

/* an amount as svc_goodwill_parse_money reads it; empty: -1 (no limit) */
static bool parse_limit(const char *s, long long *minor)
{
    if (!s || !*s) {
        *minor = -1;
        return true;
    }
    return svc_goodwill_parse_money(s, minor);
}

static void field_error(buf *b, const limits_form *f, const char *field, const char *id)
{
    if (f && f->error && f->field && !strcmp(f->field, field))
        html(b, "<span class=\"error field-error\" id=\"%s\">%s</span>", id, f->error);
}

static void page(req *r, resp *w, const limits_form *f)
{
    agent_rec *agents;
    int n;
    herr e;
    if (svc_agent_list(&r->s, &agents, &n, &e)) return page_error(r, w, e.status, e.message);
    page_begin(r, w, "Goodwill limits", "admin");
    if (f && f->error) w->status = 422;
    buf *b = &w->body;
    html(b, "<section class=\"card wide\"><h1>Goodwill limits</h1><p class=\"muted\">What each person may grant "
            "(credit, refund, replacement, gift) without asking anyone, in %s. Above either limit a grant waits for a "
            "supervisor on <a href=\"/goodwill\">Goodwill</a>. An agent's own limits come first, then their role's.</p>",
         svc_goodwill_currency());
    html(b, "<table class=\"plain\" id=\"goodwill-limits\"><thead><tr><th>Agent</th><th>Role</th><th class=\"num\">Per ticket</th>"
            "<th class=\"num\">Per month</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        goodwill_limit l;
        if (svc_goodwill_limits_for(&r->s, &agents[i], &l, &e)) continue;
        html(b, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", agents[i].name,
             agents[i].role, money(r, l.per_ticket_minor), money(r, l.per_month_minor));
    }
    html(b, "</tbody></table><h2>Set limits</h2>");
    if (f && f->error && !f->field) html(b, "<p class=\"error\">%s</p>", f->error);
    html(b, "<form method=\"post\" action=\"/admin/goodwill\" class=\"grid\" id=\"goodwill-limits-form\">");
    page_csrf_field(r, b);
    const char *who = f && f->who ? f->who : "role:agent";
    html(b, "<label>For <select name=\"who\" id=\"limits-who\">");
    for (size_t i = 0; i < sizeof ROLES / sizeof *ROLES; i++) {
        const char *v = arena_printf(&r->a, "role:%s", ROLES[i]);
        html(b, "<option value=\"%s\"%R>every %s</option>", v, strcmp(v, who) ? "" : " selected", ROLES[i]);
    }
    for (int i = 0; i < n; i++) {
        const char *v = arena_printf(&r->a, "agent:%lld", agents[i].id);
        html(b, "<option value=\"%s\"%R>%s only</option>", v, strcmp(v, who) ? "" : " selected", agents[i].name);
    }
    html(b, "</select></label>");
    field_error(b, f, "who", "limits-who-error");
    html(b, "<label>Per ticket <input name=\"per_ticket\" id=\"limits-per-ticket\" inputmode=\"decimal\" "
            "placeholder=\"empty: no limit\" value=\"%s\"></label>", f && f->per_ticket ? f->per_ticket : "");
    field_error(b, f, "per_ticket", "limits-per-ticket-error");
    html(b, "<label>Per month <input name=\"per_month\" id=\"limits-per-month\" inputmode=\"decimal\" "
            "placeholder=\"empty: no limit\" value=\"%s\"></label>", f && f->per_month ? f->per_month : "");
    field_error(b, f, "per_month", "limits-per-month-error");
    html(b, "<button type=\"submit\" class=\"primary\">Save limits</button></form></section>");
    page_end(r, w);
}

void page_admin_goodwill(req *r, resp *w) { page(r, w, NULL); }

static void refuse(req *r, resp *w, limits_form *f, const char *field, const char *error)
{
    f->field = field;
    f->error = error;
    page(r, w, f);
}

void page_admin_goodwill_limits(req *r, resp *w)
{
    limits_form f = {.who = req_form(r, "who"), .per_ticket = req_form(r, "per_ticket"), .per_month = req_form(r, "per_month")};
    const char *role = NULL;
    long long agent_id = 0;
    if (f.who && !strncmp(f.who, "role:", 5)) role = f.who + 5;
    else if (!f.who || strncmp(f.who, "agent:", 6) || sscanf(f.who + 6, "%lld", &agent_id) != 1 || agent_id <= 0)
        return refuse(r, w, &f, "who", "Choose a role or an agent.");
    goodwill_limit l;
    if (!parse_limit(f.per_ticket, &l.per_ticket_minor))
        return refuse(r, w, &f, "per_ticket", "Write an amount like 100 or 100.00, or leave it empty for no limit.");
    if (!parse_limit(f.per_month, &l.per_month_minor))
        return refuse(r, w, &f, "per_month", "Write an amount like 1000 or 1000.00, or leave it empty for no limit.");
    herr e;
    if (svc_goodwill_set_limits(&r->s, role, agent_id, &l, &e)) {
        const char *field = !*e.field ? NULL
                            : !strcmp(e.field, "per_ticket_minor") ? "per_ticket"
                            : !strcmp(e.field, "per_month_minor")  ? "per_month"
                                                                    : "who";
        if (e.status >= 500 || e.status == 403) return page_error(r, w, e.status, e.message);
        return refuse(r, w, &f, field, e.message);
    }
    resp_redirect(w, "/admin/goodwill?flash=Limits+saved");
}
