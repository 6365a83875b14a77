/* Goodwill on the pages: the ticket's ledger with a form to grant (the agent's allowance
 * beside it), the customer's ledger, and /goodwill, the approval queue for supervisors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "service/svc_goodwill.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_goodwill.h"

static bool lead(const req *r) { return !strcmp(r->agent.role, "supervisor") || !strcmp(r->agent.role, "admin"); }


static void row(req *r, buf *b, const goodwill_rec *g, bool with_ticket)
{
    html(b, "<li class=\"gw %s\" data-id=\"%l\"><p><strong>%s</strong> %s · %s", g->state, g->id,
         svc_goodwill_money(&r->a, g->amount_minor, g->currency), g->kind, page_ago(r, g->created_at));
    if (with_ticket) html(b, " · <a href=\"/tickets/%l\">#%l %s</a>", g->ticket_id, g->ticket_id, g->ticket_subject);
    html(b, "</p><p class=\"muted\">%s by %s: %s</p>", g->state, g->agent_name, g->reason);
    if (!strcmp(g->state, "pending")) html(b, "<p class=\"waiting\">Waiting for a supervisor</p>");
    if (g->decided_by_name)
        html(b, "<p class=\"muted\">%s by %s%R%s</p>", !strcmp(g->state, "declined") ? "Declined" : "Approved", g->decided_by_name,
             g->decline_reason ? ": " : "", g->decline_reason ? g->decline_reason : "");
    if (g->customer_said_after) {
        const char *said = g->customer_said_after;
        if (strlen(said) > 200) said = arena_printf(&r->a, "%.200s…", said);
        html(b, "<blockquote class=\"said-after\"><span class=\"muted\">%s said afterwards:</span> %s</blockquote>", g->customer_name, said);
    }
    if (!strcmp(g->state, "pending") && lead(r) && g->agent_id != r->agent.id) {
        html(b, "<div class=\"gw-decide\"><form method=\"post\" action=\"/goodwill/%l/approve\">", g->id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"primary approve\">Approve</button></form><details><summary>Decline</summary>"
                "<form method=\"post\" action=\"/goodwill/%l/decline\">", g->id);
        page_csrf_field(r, b);
        html(b, "<label>Why <input name=\"reason\" required minlength=\"5\"></label><button type=\"submit\">Decline</button></form></details></div>");
    }
    html(b, "</li>");
}

void page_goodwill_card(req *r, buf *b, const ticket_rec *t)
{
    goodwill_rec *g;
    int n;
    herr e;
    goodwill_limit lim;
    long long spent, remaining;
    if (svc_goodwill_list(&r->s, t->id, 0, NULL, &g, &n, &e) || svc_goodwill_allowance(&r->s, &lim, &spent, &remaining, &e)) return;
    const char *cur = svc_goodwill_currency();
    html(b, "<section class=\"card goodwill\" id=\"goodwill\" aria-labelledby=\"goodwill-title\"><h2 id=\"goodwill-title\">Goodwill</h2>");
    if (n) {
        html(b, "<ul class=\"gw-list\">");
        for (int i = 0; i < n; i++) row(r, b, &g[i], false);
        html(b, "</ul>");
    }
    html(b, "<details class=\"gw-grant\"%R><summary>Make it right for %s</summary><form method=\"post\" action=\"/tickets/%l/goodwill\">",
         n ? "" : "", t->customer_name, t->id);
    page_csrf_field(r, b);
    html(b, "<div class=\"row\"><label>What <select name=\"kind\"><option value=\"credit\">Credit</option><option value=\"refund\">Refund</option>"
            "<option value=\"replacement\">Replacement</option><option value=\"gift\">Gift</option></select></label>"
            "<label>Amount (%s) <input name=\"amount\" inputmode=\"decimal\" required pattern=\"[0-9]+([.,][0-9]{1,2})?\" placeholder=\"15.00\"></label></div>"
            "<label>Why <input name=\"reason\" required minlength=\"5\" placeholder=\"The parcel arrived a week late\"></label>",
         cur);
    if (lim.per_month_minor < 0)
        html(b, "<p class=\"muted hint\" id=\"gw-allowance\">No limit for you: granted at once.</p>");
    else
        html(b, "<p class=\"muted hint\" id=\"gw-allowance\">Yours to give without asking: up to %s a ticket, %s left this month. "
                "More goes to a supervisor.</p>",
             lim.per_ticket_minor < 0 ? "any amount" : svc_goodwill_money(&r->a, lim.per_ticket_minor, cur), svc_goodwill_money(&r->a, remaining, cur));
    html(b, "<button type=\"submit\" id=\"gw-send\">Give it</button></form></details></section>");
}

void page_goodwill_customer(req *r, buf *b, long long customer_id)
{
    goodwill_rec *g;
    int n;
    herr e;
    if (svc_goodwill_list(&r->s, 0, customer_id, NULL, &g, &n, &e) || !n) return;
    html(b, "<h2 class=\"section-title\">Goodwill</h2><section class=\"card goodwill\"><ul class=\"gw-list\" id=\"customer-goodwill\">");
    for (int i = 0; i < n; i++) row(r, b, &g[i], true);
    html(b, "</ul></section>");
}

void page_goodwill_queue(req *r, resp *w)
{
    goodwill_rec *g;
    int n;
    herr e;
    if (svc_goodwill_list(&r->s, 0, 0, "pending", &g, &n, &e)) return page_error(r, w, 500, "The goodwill could not be read.");
    page_begin(r, w, "Goodwill to approve", "goodwill");
    buf *b = &w->body;
    html(b, "<section class=\"card goodwill\"><h1>Goodwill to approve</h1>");
    if (!n) html(b, "<p class=\"muted\" id=\"no-pending\">Nothing waits. Agents give within their limits without asking; what goes above them comes here.</p>");
    else {
        html(b, "<ul class=\"gw-list\" id=\"pending-goodwill\">");
        for (int i = 0; i < n; i++) row(r, b, &g[i], true);
        html(b, "</ul>");
    }
    html(b, "</section>");
    page_end(r, w);
}

void page_goodwill_grant(req *r, resp *w)
{
    long long id, minor;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    if (!svc_goodwill_parse_money(req_form(r, "amount"), &minor)) return page_error(r, w, 422, "The amount must be a number like 15 or 15.00.");
    goodwill_rec g;
    herr e;
    if (svc_goodwill_grant(&r->s, id, req_form(r, "kind"), minor, svc_goodwill_currency(), req_form(r, "reason"), &g, &e))
        return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=%s#goodwill", id,
                                  !strcmp(g.state, "granted") ? "Granted" : "Sent+to+a+supervisor"));
}

static void decide(req *r, resp *w, bool approve)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such grant.");
    goodwill_rec g;
    herr e;
    if (approve ? svc_goodwill_approve(&r->s, id, &g, &e) : svc_goodwill_decline(&r->s, id, req_form(r, "reason"), &g, &e))
        return page_error(r, w, e.status, e.message);
    resp_redirect(w, approve ? "/goodwill?flash=Approved" : "/goodwill?flash=Declined");
}

void page_goodwill_approve(req *r, resp *w) { decide(r, w, true); }
void page_goodwill_decline(req *r, resp *w) { decide(r, w, false); }
