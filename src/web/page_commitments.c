/* The promises on a ticket page: open commitments above the composer, each with its
 * countdown and a one-click Kept; a vague one asks for a time; a form adds one by hand.
 * Also "solve anyway?" when a ticket with open promises is being solved. */
#include <stdio.h>
#include <string.h>
#include "service/svc_commitments.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "util/tz.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_commitments.h"

/* "in 2 h 10 min", "overdue by 3 h" */
static const char *countdown(req *r, time_t due, time_t now)
{
    long long d = (long long)(due - now), a = d < 0 ? -d : d;
    const char *span = a < 3600 ? arena_printf(&r->a, "%lld min", a / 60 + (a % 60 > 0))
                     : a < 86400 ? arena_printf(&r->a, "%lld h %lld min", a / 3600, a % 3600 / 60)
                                 : arena_printf(&r->a, "%lld d %lld h", a / 86400, a % 86400 / 3600);
    return d < 0 ? arena_printf(&r->a, "overdue by %s", span) : arena_printf(&r->a, "due in %s", span);
}

static const char *zone_of(req *r) { return svc_agent_zone(&r->agent, r->default_tz); }

void page_commitments_panel(req *r, buf *b, const ticket_rec *t)
{
    commitment_rec *c;
    int n;
    herr e;
    if (svc_ticket_open_commitments(&r->s, t->id, &c, &n, &e)) return;
    time_t now = svc_now(&r->s);
    const char *zone = zone_of(r);
    html(b, "<section class=\"card promises\" id=\"promises\" aria-labelledby=\"promises-title\"><div class=\"card-head\">"
            "<h2 id=\"promises-title\">Promises to %s</h2></div>", t->customer_name);
    if (!n) html(b, "<p class=\"muted\" id=\"no-promises\">None open. A promise in a reply (\"I'll call you back by Friday\") is kept here until it is kept.</p>");
    else html(b, "<ul class=\"promise-list\">");
    for (int i = 0; i < n; i++) {
        time_t due;
        if (!time_parse_iso(c[i].due_at, &due)) continue;
        char local[48];
        tz_format_local(zone, (long long)due, local, sizeof local);
        bool late = due <= now;
        html(b, "<li class=\"promise%R\" data-id=\"%l\"><p class=\"text\">%s</p><p class=\"when\"><span class=\"countdown\">%s</span> · "
                "<time datetime=\"%s\">%s</time>%R · %s</p><div class=\"promise-actions\">",
             late ? " overdue" : "", c[i].id, c[i].text, countdown(r, due, now), c[i].due_at, local,
             c[i].vague ? " <span class=\"tag vague\" title=\"No time was said: heed set the end of the next business day\">vague</span>" : "",
             c[i].owner_name);
        html(b, "<form method=\"post\" action=\"/tickets/%l/commitments/%l\">", t->id, c[i].id);
        page_csrf_field(r, b);
        html(b, "<input type=\"hidden\" name=\"state\" value=\"kept\"><button type=\"submit\" class=\"secondary kept\">Kept</button></form>");
        html(b, "<details class=\"set-time\"%R><summary>%s</summary><form method=\"post\" action=\"/tickets/%l/commitments/%l\">",
             c[i].vague ? " open" : "", c[i].vague ? "Set a time" : "Change", t->id, c[i].id);
        page_csrf_field(r, b);
        html(b, "<label>Due <input type=\"datetime-local\" name=\"due\" required></label><button type=\"submit\">Save</button>"
                "<button type=\"submit\" name=\"state\" value=\"cancelled\" formnovalidate class=\"link\">No longer needed</button></form></details></div></li>");
    }
    if (n) html(b, "</ul>");
    html(b, "<details class=\"add-promise\"><summary>Add a promise</summary><form method=\"post\" action=\"/tickets/%l/commitments\">", t->id);
    page_csrf_field(r, b);
    html(b, "<label>What you promised <input name=\"text\" maxlength=\"%d\" required placeholder=\"Call back about the refund\"></label>"
            "<label>Due <input type=\"datetime-local\" name=\"due\"></label><p class=\"muted hint\">Times are in %s. No time: the end of the next business day.</p>"
            "<button type=\"submit\">Add</button></form></details></section>",
         COMMITMENT_TEXT_MAX, zone);
}

/* "2026-12-07T15:00" (datetime-local) in the agent's zone -> "2026-12-07T15:00:00Z"; NULL if not one */
static const char *due_from_form(req *r, const char *v)
{
    int y, mo, d, h, mi, used = 0;
    if (!v || sscanf(v, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5 || (v[used] && v[used] != ':')) return NULL;
    long long t;
    if (!tz_local_to_utc(zone_of(r), y, mo, d, h, mi, &t)) return NULL;
    char iso[ISO_LEN];
    time_iso((time_t)t, iso);
    return arena_strdup(&r->a, iso);
}

static void back(req *r, resp *w, long long ticket_id, const char *flash)
{
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=%s#promises", ticket_id, flash));
}

void page_commitment_add(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    const char *text = req_form(r, "text"), *due_in = req_form(r, "due"), *due = NULL;
    if (due_in && *due_in && !(due = due_from_form(r, due_in)))
        return page_error(r, w, 422, "The due time was not a date and time.");
    commitment_rec c;
    herr e;
    if (svc_commitment_add(&r->s, id, text, due, &c, &e)) return page_error(r, w, e.status, e.message);
    back(r, w, id, "Promise+added");
}

void page_commitment_update(req *r, resp *w)
{
    long long id, cid;
    if (!req_param_id(r, 0, &id) || !req_param_id(r, 1, &cid)) return page_error(r, w, 404, "There is no such promise.");
    const char *state = req_form(r, "state"), *due_in = req_form(r, "due"), *due = NULL;
    if (state && !*state) state = NULL;
    if (!state && !(due = due_from_form(r, due_in))) return page_error(r, w, 422, "The due time was not a date and time.");
    commitment_rec c;
    herr e;
    if (svc_commitment_update(&r->s, cid, NULL, due, state, &c, &e)) return page_error(r, w, e.status, e.message);
    back(r, w, id, !strcmp(c.state, "kept") ? "Promise+kept" : !strcmp(c.state, "broken") ? "Kept%2C+late%3A+counted+as+broken"
                   : !strcmp(c.state, "cancelled") ? "Promise+cancelled" : "Due+time+changed");
}

void page_commitments_solve_notice(req *r, buf *b, const ticket_rec *t)
{
    commitment_rec *c;
    int n;
    herr e;
    if (svc_ticket_open_commitments(&r->s, t->id, &c, &n, &e) || !n) return;
    html(b, "<section class=\"card error solve-ask\" id=\"solve-ask\" role=\"alert\"><p><strong>Not solved yet: %d promise%s to %s %s open.</strong> "
            "Solving does not keep a promise. Mark %s kept below, or solve anyway and keep %s on your list.</p><ul>",
         n, n == 1 ? "" : "s", t->customer_name, n == 1 ? "is" : "are", n == 1 ? "it" : "them", n == 1 ? "it" : "them");
    for (int i = 0; i < n && i < 5; i++) html(b, "<li>%s</li>", c[i].text);
    html(b, "</ul><form method=\"post\" action=\"/tickets/%l\"><input type=\"hidden\" name=\"status\" value=\"solved\">"
            "<input type=\"hidden\" name=\"confirm\" value=\"1\"><input type=\"hidden\" name=\"version\" value=\"%l\">",
         t->id, t->version);
    page_csrf_field(r, b);
    html(b, "<button type=\"submit\" id=\"solve-anyway\">Solve anyway</button></form></section>");
}
