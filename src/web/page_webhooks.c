/* /admin/webhooks: subscriptions, a form to add one (its secret shown once), and each one's
 * recent deliveries with every attempt. */
#include <string.h>
#include "service/svc_webhooks.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"

static const char *const EVENT_NAMES[] = {
    "ticket.created", "ticket.updated", "ticket.solved", "message.created", "commitment.created", "commitment.due",
    "commitment.overdue", "commitment.kept", "sla.at_risk", "sla.breached", "handoff.requested", "handoff.accepted",
    "handoff.declined", "goodwill.granted", "goodwill.pending", "goodwill.approved", "goodwill.declined", "incident.updated"};
enum { NEVENTS = sizeof EVENT_NAMES / sizeof *EVENT_NAMES };

static void page(req *r, resp *w, const char *secret, long long secret_for)
{
    webhook_rec *h;
    int n;
    herr e;
    if (svc_webhook_list(&r->s, &h, &n, &e)) return page_error(r, w, e.status, e.message);
    page_begin(r, w, "Webhooks", "admin");
    buf *b = &w->body;
    html(b, "<section class=\"card wide\"><h1>Webhooks</h1><p class=\"muted\">heed POSTs signed JSON to these URLs when "
            "their events happen (docs/PROMISES.md): at least once, retried with backoff, in order per ticket.</p>");
    if (secret)
        html(b, "<p class=\"flash\" id=\"webhook-secret\">Webhook %l: its secret is <code>%s</code>. Copy it now: heed does not show it again.</p>",
             secret_for, secret);
    html(b, "<ul class=\"webhooks\" id=\"webhooks\">");
    for (int i = 0; i < n; i++) {
        html(b, "<li><p><strong>%s</strong> <span class=\"muted\">%s</span></p>", h[i].url, h[i].events);
        webhook_delivery_rec *d;
        int nd;
        if (!svc_webhook_deliveries(&r->s, h[i].id, 10, &d, &nd, &e) && nd) {
            html(b, "<table class=\"plain deliveries\"><thead><tr><th>Event</th><th>Ticket</th><th>State</th><th>Attempts</th><th>Last answer</th></tr></thead><tbody>");
            for (int k = 0; k < nd; k++) {
                const webhook_attempt_rec *last = d[k].ntries ? &d[k].tries[d[k].ntries - 1] : NULL;
                html(b, "<tr class=\"%s\"><td>%s</td><td>%R</td><td>%s</td><td class=\"num\">%d</td><td>%R%s</td></tr>", d[k].state,
                     d[k].event, d[k].ticket_id ? arena_printf(&r->a, "#%lld", d[k].ticket_id) : "", d[k].state, d[k].ntries,
                     last && last->status ? arena_printf(&r->a, "HTTP %d ", last->status) : "",
                     last && last->error ? last->error : "");
            }
            html(b, "</tbody></table>");
        }
        html(b, "<form method=\"post\" action=\"/admin/webhooks/%l/delete\">", h[i].id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"link\">Remove</button></form></li>");
    }
    html(b, "</ul><h2>Add a webhook</h2><form method=\"post\" action=\"/admin/webhooks\" class=\"grid\" id=\"webhook-add\">");
    page_csrf_field(r, b);
    html(b, "<label>URL <input name=\"url\" type=\"url\" required placeholder=\"https://billing.example.com/heed\"></label>"
            "<fieldset class=\"events\"><legend>Events</legend>");
    for (int i = 0; i < NEVENTS; i++)
        html(b, "<label><input type=\"checkbox\" name=\"ev_%d\" value=\"1\"> %s</label>", i, EVENT_NAMES[i]);
    html(b, "</fieldset><button type=\"submit\" class=\"primary\">Add webhook</button></form></section>");
    page_end(r, w);
}

void page_admin_webhooks(req *r, resp *w) { page(r, w, NULL, 0); }

void page_admin_webhook_add(req *r, resp *w)
{
    const char *events[NEVENTS];
    int n = 0;
    for (int i = 0; i < NEVENTS; i++)
        if (req_form(r, arena_printf(&r->a, "ev_%d", i))) events[n++] = EVENT_NAMES[i];
    webhook_rec h;
    herr e;
    if (svc_webhook_create(&r->s, req_form(r, "url"), events, n, NULL, &h, &e))
        return page_error(r, w, e.status, arena_printf(&r->a, "Not added: %s. Go back to change it.", e.message));
    page(r, w, h.secret, h.id); /* the secret, once, on the page that made it */
}

void page_admin_webhook_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such webhook.");
    if (svc_webhook_delete(&r->s, id, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/admin/webhooks?flash=Removed");
}
