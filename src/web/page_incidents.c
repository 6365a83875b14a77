/* /incidents: open an incident, link tickets (suggested by their words, or from a ticket's
 * page), and post updates that reach every linked customer on their own thread. */
#include <string.h>
#include "service/svc_incidents.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_incidents.h"

void page_incidents(req *r, resp *w)
{
    incident_rec *inc;
    int n;
    herr e;
    if (svc_incidents(&r->s, NULL, &inc, &n, &e)) return page_error(r, w, 500, "The incidents could not be read.");
    page_begin(r, w, "Incidents", "incidents");
    buf *b = &w->body;
    html(b, "<section class=\"card\"><h1>Incidents</h1><p class=\"muted\">One outage, many customers: link their tickets and "
            "post one update; each customer gets it on their own thread, by name.</p><form method=\"post\" action=\"/incidents\" class=\"inline\">");
    page_csrf_field(r, b);
    html(b, "<label>What is broken <input name=\"title\" required maxlength=\"200\" placeholder=\"Checkout payments failing\"></label>"
            "<button type=\"submit\" class=\"primary\" id=\"incident-open\">Open an incident</button></form>");
    if (n) {
        html(b, "<table class=\"plain\" id=\"incidents\"><thead><tr><th>Incident</th><th>State</th><th class=\"num\">Tickets</th><th>Opened</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++)
            html(b, "<tr><td><a href=\"/incidents/%l\"><strong>%s</strong></a></td><td><span class=\"badge %s\">%s</span></td><td class=\"num\">%d</td><td>%s</td></tr>",
                 inc[i].id, inc[i].title, !strcmp(inc[i].state, "open") ? "open" : "solved", inc[i].state, inc[i].ticket_count,
                 page_ago(r, inc[i].created_at));
        html(b, "</tbody></table>");
    }
    html(b, "</section>");
    page_end(r, w);
}

static void ticket_rows(req *r, buf *b, const ticket_rec *t, int n, long long incident_id, bool link)
{
    html(b, "<ul class=\"incident-tickets\">");
    for (int i = 0; i < n; i++) {
        html(b, "<li><a href=\"/tickets/%l\">#%l %s</a> · %s · <span class=\"badge %s\">%s</span>", t[i].id, t[i].id, t[i].subject,
             t[i].customer_name, t[i].status, page_status_label(t[i].status));
        if (link) {
            html(b, " <form method=\"post\" action=\"/incidents/%l/tickets\" class=\"inline\"><input type=\"hidden\" name=\"ticket\" value=\"%l\">",
                 incident_id, t[i].id);
            page_csrf_field(r, b);
            html(b, "<button type=\"submit\" class=\"link link-ticket\">Link</button></form>");
        }
        html(b, "</li>");
    }
    html(b, "</ul>");
}

void page_incident(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such incident.");
    incident_rec inc;
    ticket_rec *t, *sugg;
    incident_update_rec *u;
    int nt, nu, ns;
    herr e;
    int found = svc_incident_get(&r->s, id, &inc, &e);
    if (found <= 0) return page_error(r, w, found < 0 ? 500 : 404, "There is no such incident.");
    if (svc_incident_detail(&r->s, id, &t, &nt, &u, &nu, &e) || svc_incident_suggestions(&r->s, id, &sugg, &ns, &e))
        return page_error(r, w, 500, "The incident could not be read.");
    bool open = !strcmp(inc.state, "open");
    page_begin(r, w, inc.title, "incidents");
    buf *b = &w->body;
    html(b, "<div class=\"ticket-head\"><a class=\"back\" href=\"/incidents\">← Incidents</a><h1>%s</h1><p class=\"meta\">"
            "<span class=\"badge %s\">%s</span> · opened %s · %d ticket%s</p></div>",
         inc.title, open ? "open" : "solved", inc.state, page_ago(r, inc.created_at), nt, nt == 1 ? "" : "s");
    html(b, "<section class=\"card\"><h2>Linked tickets</h2>");
    if (!nt) html(b, "<p class=\"muted\">None yet.</p>");
    else ticket_rows(r, b, t, nt, id, false);
    html(b, "</section>");
    if (open && ns) {
        html(b, "<section class=\"card\" id=\"suggested\"><h2>These sound like the same problem</h2>");
        ticket_rows(r, b, sugg, ns, id, true);
        html(b, "</section>");
    }
    html(b, "<section class=\"card\" id=\"updates\"><h2>Updates</h2>");
    for (int i = 0; i < nu; i++)
        html(b, "<article class=\"incident-update\"><p class=\"muted\">%s · %s · to %d customer%s%R</p><p class=\"body\">%s</p></article>",
             u[i].author_name ? u[i].author_name : "heed", page_ago(r, u[i].created_at), u[i].tickets, u[i].tickets == 1 ? "" : "s",
             u[i].resolved ? " · <strong>resolved</strong>" : "", u[i].body);
    if (open) {
        html(b, "<form method=\"post\" action=\"/incidents/%l/updates\" class=\"incident-post\">", id);
        page_csrf_field(r, b);
        html(b, "<label>Update for every linked customer <textarea name=\"body\" rows=\"4\" required minlength=\"10\" "
                "placeholder=\"We found the cause and are rolling out a fix; next update within the hour.\"></textarea></label>"
                "<p class=\"muted hint\">Each customer gets it on their own ticket, starting \"Hi &lt;first name&gt;,\".</p>"
                "<label class=\"check\"><input type=\"checkbox\" name=\"resolve\" value=\"1\"> It is fixed: solve every linked ticket</label>"
                "<button type=\"submit\" class=\"primary\" id=\"incident-send\">Send to %d customer%s</button></form>",
             nt, nt == 1 ? "" : "s");
    }
    html(b, "</section>");
    page_end(r, w);
}

void page_incident_create(req *r, resp *w)
{
    incident_rec inc;
    herr e;
    if (svc_incident_create(&r->s, req_form(r, "title"), &inc, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/incidents/%lld?flash=Incident+opened", inc.id));
}

void page_incident_link(req *r, resp *w)
{
    long long id, ticket;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such incident.");
    const char *tv = req_form(r, "ticket");
    if (!tv || !parse_id(tv, &ticket)) return page_error(r, w, 422, "Choose a ticket to link.");
    int linked;
    herr e;
    if (svc_incident_link(&r->s, id, &ticket, 1, &linked, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/incidents/%lld?flash=Linked", id));
}

/* from a ticket's page: POST /tickets/{id}/incident with the incident chosen */
void page_ticket_incident(req *r, resp *w)
{
    long long ticket, id;
    const char *iv = req_form(r, "incident");
    if (!req_param_id(r, 0, &ticket)) return page_error(r, w, 404, "There is no such ticket.");
    if (!iv || !parse_id(iv, &id)) return page_error(r, w, 422, "Choose an incident.");
    int linked;
    herr e;
    if (svc_incident_link(&r->s, id, &ticket, 1, &linked, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Linked+to+the+incident#incident", ticket));
}

void page_incident_update(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such incident.");
    const char *res = req_form(r, "resolve");
    incident_update_rec u;
    herr e;
    if (svc_incident_update(&r->s, id, req_form(r, "body"), res && !strcmp(res, "1"), &u, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/incidents/%lld?flash=Sent+to+%d", id, u.tickets));
}

void page_incident_card(req *r, buf *b, const ticket_rec *t)
{
    incident_rec *mine, *open;
    int nm, no;
    herr e;
    if (svc_ticket_incidents(&r->s, t->id, &mine, &nm, &e) || svc_incidents(&r->s, "open", &open, &no, &e)) return;
    if (!nm && !no) return;
    html(b, "<section class=\"card incident-card\" id=\"incident\"><h2>Incident</h2>");
    for (int i = 0; i < nm; i++)
        html(b, "<p>Part of <a href=\"/incidents/%l\">%s</a> <span class=\"badge %s\">%s</span></p>", mine[i].id, mine[i].title,
             !strcmp(mine[i].state, "open") ? "open" : "solved", mine[i].state);
    int candidates = 0;
    for (int i = 0; i < no; i++) {
        bool linked = false;
        for (int k = 0; k < nm; k++) linked |= mine[k].id == open[i].id;
        candidates += !linked;
    }
    if (candidates) {
        html(b, "<form method=\"post\" class=\"inline\" id=\"incident-link\" action=\"/tickets/%l/incident\">", t->id);
        page_csrf_field(r, b);
        html(b, "<label>Link to <select name=\"incident\">");
        for (int i = 0; i < no; i++) html(b, "<option value=\"%l\">%s</option>", open[i].id, open[i].title);
        html(b, "</select></label><button type=\"submit\">Link</button></form>");
    }
    html(b, "</section>");
}
