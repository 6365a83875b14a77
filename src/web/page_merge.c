/* Merging on the ticket page: the "Merge" card (into which ticket, tell the customers), the
 * undo offer on a ticket others were merged into, and the forms' handlers. A merged
 * ticket's page redirects to the ticket it went into (page_ticket.c). See svc_merge.h. */
#include <string.h>
#include "service/svc_merge.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_merge.h"

void page_merge_card(req *r, buf *b, const ticket_rec *t)
{
    herr e;
    merge_rec *m;
    int n;
    if (svc_merges_into(&r->s, t->id, &m, &n, &e)) n = 0;
    bool open = strcmp(t->status, "closed");
    if (!n && !open) return;
    html(b, "<section class=\"card merge\" id=\"merge\" aria-labelledby=\"merge-title\"><h2 id=\"merge-title\">Merge</h2>");
    for (int i = 0; i < n; i++) { /* merged in within the last day: can be undone */
        html(b, "<form method=\"post\" action=\"/tickets/%l/unmerge\" class=\"merge-undo\"><p>#%l was merged in %s.</p>", m[i].source_id,
             m[i].source_id, page_ago(r, m[i].created_at));
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\">Undo the merge of #%l</button></form>", m[i].source_id);
    }
    if (open) {
        /* the customer's other open tickets first: the usual duplicates */
        ticket_filter f = {.customer_id = t->customer_id, .status = "active", .limit = 10};
        ticket_rec *list;
        int nl;
        if (svc_ticket_list(&r->s, &f, &list, &nl, &e)) nl = 0;
        html(b, "<details><summary>Merge this ticket into another</summary><form method=\"post\" action=\"/tickets/%l/merge\" class=\"merge-form\">",
             t->id);
        page_csrf_field(r, b);
        html(b, "<label>Into ticket number <input name=\"into\" id=\"merge-into\" inputmode=\"numeric\" list=\"merge-candidates\" "
                "required placeholder=\"#\"></label><datalist id=\"merge-candidates\">");
        for (int i = 0; i < nl; i++)
            if (list[i].id != t->id) html(b, "<option value=\"%l\">#%l %s</option>", list[i].id, list[i].id, list[i].subject);
        html(b, "</datalist><label class=\"check\"><input type=\"checkbox\" name=\"notify\" value=\"1\" checked> Tell the customer "
                "in a reply</label><p class=\"muted small\">This thread joins the other one in time order and this ticket closes. "
                "It can be undone for a day.</p><button type=\"submit\">Merge</button></form></details>");
    }
    html(b, "</section>");
}

void page_ticket_merge(req *r, resp *w)
{
    long long id, into;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    const char *v = req_form(r, "into"), *notify = req_form(r, "notify");
    if (v && *v == '#') v++;
    if (!v || !parse_id(v, &into)) return page_error(r, w, 400, "Say which ticket to merge into: its number.");
    ticket_rec t;
    herr e;
    if (svc_ticket_merge(&r->s, id, into, notify && !strcmp(notify, "1"), &t, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Merged:+%%23%lld+is+now+part+of+this+ticket#merge", into, id));
}

void page_ticket_unmerge(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    ticket_rec t;
    herr e;
    if (svc_ticket_unmerge(&r->s, id, &t, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Merge+undone", id));
}
