/* Hand-offs on the ticket page (ask, accept, decline, cancel), and being in or away. */
#include <stdio.h>
#include <string.h>
#include "service/svc_handoffs.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_handoffs.h"

static bool lead(const req *r) { return !strcmp(r->agent.role, "supervisor") || !strcmp(r->agent.role, "admin"); }

void page_handoff_card(req *r, buf *b, const ticket_rec *t, const agent_rec *agents, int nagents, bool main_column)
{
    handoff_rec h;
    herr e;
    int pending = svc_handoff_pending(&r->s, t->id, &h, &e);
    /* a request waiting for this agent goes above the conversation's composer; the rest at the side */
    if (main_column != (pending > 0 && h.to_id == r->agent.id)) return;
    bool closed = !strcmp(t->status, "solved") || !strcmp(t->status, "closed");
    bool may = !t->owner_id || t->owner_id == r->agent.id || lead(r);
    if (pending <= 0 && (closed || !may) && !t->handoff_count) return;
    html(b, "<section class=\"card handoff\" id=\"handoff\" aria-labelledby=\"handoff-title\"><h2 id=\"handoff-title\">Hand-off</h2>");
    if (t->handoff_count)
        html(b, "<p class=\"handoff-count\">Handed off %d time%s%R</p>", t->handoff_count, t->handoff_count == 1 ? "" : "s",
             t->handoff_count >= HANDOFF_PASSED_AROUND ? " <span class=\"badge passed-around\">passed around</span>" : "");
    if (pending > 0) {
        bool mine = h.to_id == r->agent.id;
        html(b, "<div class=\"pending%R\" id=\"handoff-pending\"><p><strong>%s</strong> %s <strong>%s</strong> · %s</p>"
                "<blockquote class=\"handoff-note\">%s</blockquote>",
             mine ? " for-me" : "", h.from_name ? h.from_name : "heed",
             mine ? (h.from_id == t->owner_id || !t->owner_name ? "asks you to take over this ticket" : "asks you to take over from")
                  : "asked",
             mine ? (h.from_id == t->owner_id || !t->owner_name ? "" : t->owner_name)
                  : arena_printf(&r->a, "%s to take over; waiting", h.to_name),
             page_ago(r, h.created_at), h.note);
        if (mine) {
            html(b, "<form method=\"post\" action=\"/handoffs/%l/accept\">", h.id);
            page_csrf_field(r, b);
            html(b, "<button type=\"submit\" class=\"primary\" id=\"handoff-accept\">Accept: it's mine now</button></form>"
                    "<details><summary>Decline</summary><form method=\"post\" action=\"/handoffs/%l/decline\">", h.id);
            page_csrf_field(r, b);
            html(b, "<label>Why you cannot take it <textarea name=\"reason\" rows=\"2\" required minlength=\"%d\"></textarea></label>"
                    "<button type=\"submit\" id=\"handoff-decline\">Decline</button></form></details>",
                 HANDOFF_REASON_MIN);
        } else if (h.from_id == r->agent.id || lead(r)) {
            html(b, "<form method=\"post\" action=\"/handoffs/%l/cancel\">", h.id);
            page_csrf_field(r, b);
            html(b, "<button type=\"submit\" class=\"link\">Cancel the hand-off</button></form>");
        }
        html(b, "</div>");
    } else if (!closed && may) {
        html(b, "<details class=\"handoff-ask\"><summary>Hand this ticket to someone else</summary>"
                "<form method=\"post\" action=\"/tickets/%l/handoffs\">", t->id);
        page_csrf_field(r, b);
        html(b, "<label>To <select name=\"to\" required><option value=\"\">Choose an agent…</option>");
        for (int i = 0; i < nagents; i++) {
            if (!agents[i].active || agents[i].id == t->owner_id || (!t->owner_id && agents[i].id == r->agent.id)) continue;
            html(b, "<option value=\"%l\">%s%R</option>", agents[i].id, agents[i].name, agents[i].available ? "" : " (away)");
        }
        html(b, "</select></label><label>Note for them <textarea name=\"note\" rows=\"4\" required minlength=\"%d\" "
                "placeholder=\"What you tried, what you promised, how the customer feels\"></textarea></label>"
                "<p class=\"muted hint\">They accept before it is theirs; until then it stays yours.</p>"
                "<button type=\"submit\" id=\"handoff-send\">Ask them to take over</button></form></details>",
             HANDOFF_NOTE_MIN);
    }
    html(b, "</section>");
}

static void back(req *r, resp *w, long long ticket_id, const char *flash)
{
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=%s", ticket_id, flash));
}

void page_handoff_ask(req *r, resp *w)
{
    long long id, to = 0;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    const char *to_s = req_form(r, "to");
    if (!to_s || !parse_id(to_s, &to)) return page_error(r, w, 422, "Choose the agent who should take over.");
    handoff_rec h;
    herr e;
    if (svc_handoff_request(&r->s, id, to, req_form(r, "note"), &h, &e)) return page_error(r, w, e.status, e.message);
    buf q;
    buf_init(&q, 64);
    html(&q, "Asked %s to take over", h.to_name);
    char *enc = arena_alloc(&r->a, q.len * 3 + 1), *o = enc;
    for (size_t i = 0; i < q.len; i++) { /* a flash text in a URL: letters stay, the rest %XX */
        unsigned char c = (unsigned char)q.p[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) *o++ = (char)c;
        else o += sprintf(o, "%%%02X", c);
    }
    *o = 0;
    buf_free(&q);
    back(r, w, id, enc);
}

static void decide(req *r, resp *w, const char *what)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such hand-off.");
    handoff_rec h;
    herr e;
    int rc = !strcmp(what, "accept") ? svc_handoff_accept(&r->s, id, &h, &e)
           : !strcmp(what, "decline") ? svc_handoff_decline(&r->s, id, req_form(r, "reason"), &h, &e)
                                      : svc_handoff_cancel(&r->s, id, &h, &e);
    if (rc) return page_error(r, w, e.status, e.message);
    back(r, w, h.ticket_id, !strcmp(what, "accept") ? "It%27s+yours+now" : !strcmp(what, "decline") ? "Declined" : "Hand-off+cancelled");
}

void page_handoff_accept(req *r, resp *w) { decide(r, w, "accept"); }
void page_handoff_decline(req *r, resp *w) { decide(r, w, "decline"); }
void page_handoff_cancel(req *r, resp *w) { decide(r, w, "cancel"); }

void page_available(req *r, resp *w)
{
    const char *v = req_form(r, "available"), *to = req_form(r, "back");
    agent_rec a;
    herr e;
    r->s.actor = &r->agent;
    if (!v || svc_agent_set_available(&r->s, !strcmp(v, "1"), &a, &e)) return page_error(r, w, 422, "Say whether you are in or away.");
    /* back where the agent was: only a path of ours */
    resp_redirect(w, to && to[0] == '/' && to[1] != '/' && strlen(to) < 300 ? to : "/inbox");
}
