/* The inbox: mine / unassigned / all, a status filter, search, and keyset paging. */
#include <stdlib.h>
#include <string.h>
#include "util/text.h"
#include "util/timeutil.h"
#include "web/handlers.h"
#include "service/svc_commitments.h"
#include "service/svc_sla.h"
#include "web/page.h"
#include "web/presence.h"
#include "web/page_sla.h"
#include "web/page_attention.h"
#include "web/page_views.h"
#include "service/svc_attention.h"

static void tab(buf *b, const char *view, const char *label, int count, const char *current)
{
    html(b, "<a class=\"tab%s\" href=\"/inbox?view=%u\">%s <span class=\"count\">%d</span></a>",
         !strcmp(view, current) ? " active" : "", view, label, count);
}

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static bool has_draft(const long long *ids, int n, long long id)
{
    int lo = 0, hi = n - 1; /* ascending */
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (ids[mid] == id) return true;
        if (ids[mid] < id) lo = mid + 1;
        else hi = mid - 1;
    }
    return false;
}

void page_inbox(req *r, resp *w)
{
    const char *view = req_query(r, "view"), *status = req_query(r, "status"), *q = req_query(r, "q");
    const char *cursor = req_query(r, "cursor"), *sort = req_query(r, "sort");
    bool by_sla = sort && !strcmp(sort, "sla"); /* open tickets with an SLA clock, the soonest due first */
    const char *needs = req_query(r, "needs"); /* "attention": only the tickets whose score is ATTENTION_HIGH or more */
    bool only_needing = needs && !strcmp(needs, "attention");
    /* the tickets waiting for our answer, the highest "needs attention" score first */
    bool by_waiting = sort && !strcmp(sort, "waiting"); /* the longest wait for our answer first */
    bool by_attention = (sort && !strcmp(sort, "attention")) || only_needing || by_waiting;
    if (by_attention) by_sla = false;
    /* more filters, each ignored when it is not one the list knows (a hand-edited address) */
    const char *tag = req_query(r, "tag"), *priority = req_query(r, "priority"), *channel = req_query(r, "channel");
    const char *mood = req_query(r, "mood");
    if (tag && (!*tag || strlen(tag) > 64 || strspn(tag, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != strlen(tag))) tag = NULL;
    if (priority && !svc_priority_valid(priority)) priority = NULL;
    if (channel && !svc_channel_valid(channel)) channel = NULL;
    unsigned mood_bits = 0;
    if (mood && !svc_mood_filter(mood, &mood_bits)) mood = NULL;
    if (!view || (strcmp(view, "mine") && strcmp(view, "unassigned") && strcmp(view, "all"))) view = "mine";
    if (!status || !*status) status = "active";
    if (strcmp(status, "active") && strcmp(status, "any") && !svc_status_valid(status)) status = "active";
    if (q && (!*q || strlen(q) > 200 || !utf8_valid(q, strlen(q)))) q = NULL;

    /* "#22" in the search box opens ticket 22 (when there is one); "22" also finds it among results */
    long long wanted;
    ticket_rec found;
    herr ferr;
    if (q && q[0] == '#' && parse_id(q + 1, &wanted) && svc_ticket_get(&r->s, wanted, &found, &ferr) == 0)
        return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld", wanted));
    ticket_filter f = {.limit = 25, .q = q, .tag = tag, .priority = priority, .channel = channel, .mood = mood_bits};
    f.status = !strcmp(status, "any") ? NULL : status;
    if (!strcmp(view, "mine")) f.owner_id = r->agent.id;
    if (!strcmp(view, "unassigned")) f.owner_id = -1;
    if (cursor) req_cursor_parse(r, cursor, &f); /* a bad cursor from a hand-edited URL: the first page */
    herr e;
    int mine = 0, unassigned = 0, all = 0, n = 0;
    ticket_rec *list = NULL;
    long long *drafts; /* the tickets this agent has an unsent reply or note on: marked "Draft" */
    int ndrafts;
    attention *att = NULL; /* each listed ticket's, in the attention order */
    if (svc_ticket_counts(&r->s, &mine, &unassigned, &all, &e) || svc_draft_tickets(&r->s, &drafts, &ndrafts, &e))
        return page_error(r, w, 500, "The inbox could not be read; see the server log.");
    if (by_attention) {
        attention_item *items;
        if (by_waiting ? svc_waiting_list(&r->s, f.owner_id, 0, f.limit, &items, &n, &e)
                       : svc_attention_list(&r->s, f.owner_id, 0, only_needing ? ATTENTION_HIGH : 0, f.limit, &items, &n, &e))
            return page_error(r, w, 500, "The inbox could not be read; see the server log.");
        list = n ? arena_alloc(&r->a, sizeof *list * (size_t)n) : NULL;
        att = n ? arena_alloc(&r->a, sizeof *att * (size_t)n) : NULL;
        for (int i = 0; i < n; i++) list[i] = items[i].ticket, att[i] = items[i].attention;
    } else if (by_sla ? svc_sla_tickets(&r->s, NULL, f.limit, &list, &n, &e) : svc_ticket_list(&r->s, &f, &list, &n, &e)) {
        return page_error(r, w, 500, "The inbox could not be read; see the server log.");
    } else if (n) {
        att = arena_alloc(&r->a, sizeof *att * (size_t)n);
        if (svc_attention_for(&r->s, list, n, att, &e)) att = NULL; /* the chips are a guide: the list goes on without */
    }
    /* the tickets with a promise past its due time: marked, and (svc) raised in the list */
    commitment_rec *overdue;
    int noverdue, nlate = 0;
    if (svc_commitments(&r->s, &(commitment_filter){.state = "overdue", .limit = 500}, &overdue, &noverdue, &e)) noverdue = 0;
    long long *late = noverdue ? arena_alloc(&r->a, sizeof *late * (size_t)noverdue) : NULL;
    for (int i = 0; i < noverdue; i++) late[nlate++] = overdue[i].ticket_id;
    qsort(late, (size_t)nlate, sizeof *late, cmp_id); /* has_draft's binary search wants them ascending */
    agent_rec *agents;
    int nagents;
    if (svc_agent_list(&r->s, &agents, &nagents, &e)) nagents = 0;

    page_begin(r, w, "Inbox", "inbox");
    buf *b = &w->body;
    /* the page's heading, for screen readers and axe's page-has-heading-one; the tabs say it visibly */
    html(b, "<h1 class=\"sr\">Inbox: %s</h1>", !strcmp(view, "mine") ? "mine" : !strcmp(view, "unassigned") ? "unassigned" : "all open");
    int rec[4];
    if (!svc_commitment_counts(&r->s, r->agent.id, rec, &e) && rec[0] + rec[1] + rec[2] + rec[3])
        html(b, "<p class=\"promise-record\" id=\"promise-record\">Your promises: %d open%R · kept %d, broken %d</p>",
             rec[2] + rec[3], rec[3] ? arena_printf(&r->a, ", <strong class=\"overdue\">%d overdue</strong>", rec[3]) : "", rec[0], rec[1]);
    html(b, "<p class=\"who-is-in\" id=\"who-is-in\"><span>Who is in:</span>");
    for (int i = 0; i < nagents; i++)
        if (agents[i].active)
            html(b, "<span class=\"%R\" title=\"%R\">%s</span>", agents[i].available ? "agent-in" : "agent-away",
                 agents[i].available ? "in" : "away", agents[i].name);
    html(b, "</p>");
    html(b, "<div class=\"inbox-head\"><nav class=\"tabs\" aria-label=\"Views\">");
    tab(b, "mine", "Mine", mine, view);
    tab(b, "unassigned", "Unassigned", unassigned, view);
    tab(b, "all", "All open", all, view);
    html(b, "</nav><form class=\"filters\" method=\"get\" action=\"/inbox\"><input type=\"hidden\" name=\"view\" value=\"%s\">", view);
    if (q) html(b, "<input type=\"hidden\" name=\"q\" value=\"%s\">", q);
    html(b, "<label>Order <select name=\"sort\" data-autosubmit><option value=\"\">Latest activity</option>"
            "<option value=\"attention\"%R>Needs attention first</option>"
            "<option value=\"waiting\"%R>Waiting longest</option>"
            "<option value=\"sla\"%R>SLA: soonest due</option></select></label>",
         by_attention && !by_waiting ? " selected" : "", by_waiting ? " selected" : "", by_sla ? " selected" : "");
    html(b, "<label class=\"check\"><input type=\"checkbox\" name=\"needs\" value=\"attention\" data-autosubmit%R> Needs attention only</label>",
         only_needing ? " checked" : "");
    html(b, "<label>Status <select name=\"status\" data-autosubmit>");
    static const char *const opts[][2] = {{"active", "Active (not solved)"}, {"new", "New"}, {"open", "Open"}, {"pending", "Pending"},
                                          {"on-hold", "On hold"}, {"solved", "Solved"}, {"closed", "Closed"}, {"any", "Any"}};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        html(b, "<option value=\"%s\"%R>%s</option>", opts[i][0], !strcmp(opts[i][0], status) ? " selected" : "", opts[i][1]);
    html(b, "</select></label>");
    /* more filters: tag, priority, channel, the customer's mood */
    bool more = tag || priority || channel || mood;
    html(b, "<details class=\"more-filters\"%R><summary>More filters</summary>"
            "<label>Tag <input name=\"tag\" size=\"10\" value=\"%s\"></label><label>Priority <select name=\"priority\" data-autosubmit>"
            "<option value=\"\">any</option>",
         more ? " open" : "", tag ? tag : "");
    static const char *const pris[] = {"urgent", "high", "normal", "low", NULL}, *const chans[] = {"email", "web", "api", "phone", "chat", "social", NULL};
    for (const char *const *p = pris; *p; p++) html(b, "<option value=\"%s\"%R>%s</option>", *p, priority && !strcmp(priority, *p) ? " selected" : "", *p);
    html(b, "</select></label><label>Channel <select name=\"channel\" data-autosubmit><option value=\"\">any</option>");
    for (const char *const *c = chans; *c; c++) html(b, "<option value=\"%s\"%R>%s</option>", *c, channel && !strcmp(channel, *c) ? " selected" : "", *c);
    html(b, "</select></label><label>Customer <select name=\"mood\" data-autosubmit><option value=\"\">any mood</option>");
    static const char *const moods[][2] = {{"upset", "upset (angry or frustrated)"}, {"anxious", "worried"}, {"confused", "confused"},
                                           {"urgent", "says it is urgent"}, {"complaint", "complaining"}, {"repeat", "wrote before"}};
    for (size_t i = 0; i < sizeof moods / sizeof moods[0]; i++)
        html(b, "<option value=\"%s\"%R>%s</option>", moods[i][0], mood && !strcmp(mood, moods[i][0]) ? " selected" : "", moods[i][1]);
    html(b, "</select></label><button type=\"submit\">Filter</button></details></form></div>");
    page_views_bar(r, b, view, !strcmp(status, "active") ? NULL : status, tag, priority, channel, mood);
    if (q) html(b, "<p class=\"searching\">Results for <strong>%s</strong> · <a href=\"/inbox?view=%u\">clear search</a></p>", q, view);

    html(b, "<div id=\"inbox-list\" data-live>"); /* heed.js swaps this when a ticket changes */
    static _Thread_local presence_view present[256];
    int npresent = presence_list(0, present, 256);
    if (!n) {
        html(b, "<div class=\"empty card\"><h2>%s</h2><p class=\"muted\">%s</p>",
             q ? "No tickets match" : !strcmp(view, "mine") ? "Nothing waiting on you" : "All clear",
             q ? "Try fewer or different words, or another status." : "When a customer writes, their ticket appears here.");
        if (!q && !strcmp(view, "mine") && unassigned > 0)
            html(b, "<p><a class=\"button primary\" href=\"/inbox?view=unassigned\">Pick up an unassigned ticket (%d)</a></p>", unassigned);
        html(b, "</div>");
    } else {
        /* back to this very list after a bulk action (its filters are checked words: no escaping needed) */
        page_bulk_bar(r, b, arena_printf(&r->a, "/inbox?view=%s&status=%s%s%s%s%s%s%s%s%s%s%s", view, status, tag ? "&tag=" : "",
                                         tag ? tag : "", priority ? "&priority=" : "", priority ? priority : "",
                                         channel ? "&channel=" : "", channel ? channel : "", mood ? "&mood=" : "", mood ? mood : "",
                                         sort && *sort ? "&sort=" : "", by_sla ? "sla" : by_waiting ? "waiting" : by_attention ? "attention" : ""));
        html(b, "<table class=\"tickets\" id=\"ticket-list\"><thead><tr><th class=\"pick\"><span class=\"sr\">Choose</span></th>"
                "<th class=\"pri\"><span class=\"sr\">Priority</span></th>"
                "<th>Subject</th><th class=\"customer-col\">Customer</th><th>Status</th><th class=\"owner-col\">Owner</th><th class=\"when\">Updated</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            ticket_rec *t = &list[i];
            html(b, "<tr data-href=\"/tickets/%l\" class=\"status-%s\"><td class=\"pick\"><input type=\"checkbox\" name=\"ids\" value=\"%l\""
                    " form=\"bulk-form\" aria-label=\"Choose #%l\"></td><td class=\"pri\"><span class=\"dot %s\" title=\"%s priority\"></span>"
                    "<span class=\"sr\">%s priority</span></td>"
                    "<td class=\"subject\"><a href=\"/tickets/%l\">%s</a> <span class=\"id\">#%l</span>",
                 t->id, t->status, t->id, t->id, t->priority, t->priority, t->priority, t->id, t->subject, t->id);
            if (has_draft(drafts, ndrafts, t->id)) html(b, " <span class=\"draft-mark\">Draft</span>");
            if (has_draft(late, nlate, t->id)) html(b, " <span class=\"promise-mark overdue\">Promise overdue</span>");
            page_sla_chip(r, b, t, false);
            if (att) page_attention_chip(r, b, &att[i], by_attention); /* other orders: the chip only where the score is high */
            if (t->handoff_count >= 3) html(b, " <span class=\"handoff-mark passed-mark\" title=\"handed off %d times\">passed around</span>", t->handoff_count);
            else if (t->handoff_count) html(b, " <span class=\"handoff-mark\" title=\"handed off %d time%R\">↪ %d</span>", t->handoff_count, t->handoff_count == 1 ? "" : "s", t->handoff_count);
            for (int k = 0; k < t->ntags && k < 3; k++) html(b, " <span class=\"tag\">%s</span>", t->tags[k]);
            for (int k = 0; k < npresent; k++) /* a colleague has it open (presence.h) */
                if (present[k].ticket_id == t->id && present[k].agent_id != r->agent.id) {
                    html(b, " <span class=\"presence-mark\">%s %s</span>", present[k].name,
                         !strcmp(present[k].state, "typing") ? "is replying" : "has it open");
                    break;
                }
            html(b, "</td><td class=\"customer-cell\">%s</td><td><span class=\"badge %s\">%s</span></td><td class=\"owner\">%s</td><td class=\"when\" title=\"%s\">%s</td></tr>",
                 t->customer_name, t->status, page_status_label(t->status), t->owner_name ? t->owner_name : "—", t->updated_at,
                 page_ago(r, t->updated_at));
        }
        html(b, "</tbody></table>");
        if (n == f.limit && !by_sla && !by_attention) {
            const char *next = req_cursor_of(r, &list[n - 1]);
            html(b, "<p class=\"pager\"><a href=\"/inbox?view=%u&amp;status=%u&amp;q=%u&amp;tag=%u&amp;priority=%u&amp;channel=%u&amp;mood=%u"
                    "&amp;cursor=%u\">Older tickets →</a></p>",
                 view, status, q ? q : "", tag ? tag : "", priority ? priority : "", channel ? channel : "", mood ? mood : "", next);
        }
    }
    html(b, "</div>");
    page_end(r, w);
}
