/* The ticket page: the thread, the reply box, and the ticket's properties;
 * plus the form posts that change them. */
#include <stdlib.h>
#include <string.h>
#include "web/handlers.h"
#include "util/text.h"
#include "web/page.h"
#include "web/presence.h"
#include "web/page_attention.h"
#include "web/page_kb.h"
#include "web/page_merge.h"
#include "service/svc_merge.h"
#include "service/svc_kb.h"
#include "util/log.h"
#include "web/page_customer_panel.h"
#include "service/svc_attention.h"
#include "service/svc_focus.h"
#include "service/svc_macros.h"
#include "web/page_commitments.h"
#include "web/page_goodwill.h"
#include "web/page_handoffs.h"
#include "web/page_incidents.h"
#include "web/page_sla.h"
#include "web/page_coach.h"
#include "web/upload.h"

static void select_opts(buf *b, const char *const *values, const char *current)
{
    for (; *values; values++)
        html(b, "<option value=\"%s\"%R>%s</option>", *values, !strcmp(*values, current) ? " selected" : "", page_status_label(*values));
}

static const mail_view_rec *view_for(const mail_view_rec *v, int nv, long long msg_id)
{
    for (int i = 0; i < nv; i++)
        if (v[i].msg_id == msg_id) return &v[i];
    return NULL;
}

static const char *size_text(req *r, long long n)
{
    if (n >= 1024 * 1024) return arena_printf(&r->a, "%.1f MB", (double)n / (1024.0 * 1024.0));
    if (n >= 1024) return arena_printf(&r->a, "%.0f KB", (double)n / 1024.0);
    return arena_printf(&r->a, "%lld bytes", n);
}

/* an email's body: the display cut with the full text (or the sanitised HTML) folded in a
 * <details>, which needs no script; HTML went through mail_html_sanitize() when filed */
static void mail_body(buf *b, const char *body, const mail_view_rec *v)
{
    if (v->display) {
        html(b, "<div class=\"body\">");
        html_multiline(b, v->display);
        html(b, "</div><details class=\"full-message\"><summary>Show full message</summary>");
        if (v->html) html(b, "<div class=\"body mail-html\">%R</div>", v->html);
        else {
            html(b, "<div class=\"body\">");
            html_multiline(b, body);
            html(b, "</div>");
        }
        html(b, "</details>");
    } else if (v->html) {
        html(b, "<div class=\"body mail-html\">%R</div>", v->html);
        html(b, "<details class=\"full-message\"><summary>Show plain text</summary><div class=\"body\">");
        html_multiline(b, body);
        html(b, "</div></details>");
    } else {
        html(b, "<div class=\"body\">");
        html_multiline(b, body);
        html(b, "</div>");
    }
}

static void attachments(req *r, buf *b, long long msg_id, const mail_attachment_rec *at, int nat)
{
    bool any = false;
    for (int i = 0; i < nat; i++) {
        if (at[i].msg_id != msg_id) continue;
        if (!any) html(b, "<ul class=\"attachments\">");
        any = true;
        if (at[i].stored)
            html(b, "<li><a href=\"/attachments/%l\" download>%s</a> <span class=\"muted\">%s · %s</span></li>", at[i].id,
                 at[i].filename, at[i].content_type, size_text(r, at[i].size));
        else
            html(b, "<li><span>%s</span> <span class=\"muted\">%s · not stored: larger than the limit</span></li>",
                 at[i].filename, size_text(r, at[i].size));
    }
    if (any) html(b, "</ul>");
}

/* an email whose sender the operator's mail server did not confirm (svc_mail_auth.c) */
static void unverified(buf *b, const mail_view_rec *v)
{
    if (!v || (strcmp(v->auth, "fail") && strcmp(v->auth, "none"))) return;
    html(b, "<p class=\"error mail-unverified\" role=\"note\"><strong>Unverified sender.</strong> %s Anyone can "
            "write any address in From: check with the customer before acting on it (a refund, a new address, "
            "a password).</p>",
         !strcmp(v->auth, "fail") ? "The mail server could not confirm that this email comes from the address it "
                                    "shows (SPF, DKIM and DMARC did not pass)."
                                  : "The mail server gave no authentication result for this email.");
}

/* who else has this ticket open (presence.h); heed.js keeps it current from the events */
static void presence_line(req *r, buf *b, long long ticket_id)
{
    presence_view v[16];
    int n = presence_list(ticket_id, v, 16);
    html(b, "<ul class=\"presence\" id=\"ticket-presence\" aria-label=\"Also on this ticket\">");
    for (int i = 0; i < n; i++)
        if (v[i].agent_id != r->agent.id)
            html(b, "<li data-agent=\"%l\" class=\"%s\"><span class=\"avatar\" aria-hidden=\"true\">%s</span>%s %s</li>", v[i].agent_id,
                 v[i].state, page_initials(r, v[i].name), v[i].name,
                 !strcmp(v[i].state, "typing") ? "is typing a reply" : "has it open");
    html(b, "</ul>");
}

static const reading_correction_rec *fix_of(const reading_correction_rec *c, int n, long long message_id)
{
    for (int i = 0; i < n; i++)
        if (c[i].message_id == message_id) return &c[i];
    return NULL;
}

static void thread(req *r, buf *b, const ticket_rec *t, const message_rec *m, int n, const mail_view_rec *views,
                   int nviews, const mail_attachment_rec *at, int nat, const reading_correction_rec *fixes, int nfixes)
{
    html(b, "<ol class=\"thread\" id=\"thread\" data-live>"); /* heed.js swaps it when the ticket changes */
    for (int i = 0; i < n; i++) {
        bool customer = !strcmp(m[i].kind, "customer"), note = !strcmp(m[i].kind, "note");
        const mail_view_rec *v = view_for(views, nviews, m[i].id);
        bool automatic = customer && v && v->is_auto; /* out of office, a bounce: no one wrote it */
        const char *who = customer ? (automatic ? "customer automatic" : "customer") : note ? "note" : "reply";
        html(b, "<li class=\"msg %s\" id=\"m%l\"><div class=\"msg-head\"><span class=\"avatar%R\" aria-hidden=\"true\">%s</span>"
                "<strong>%s</strong> <span class=\"kind\">%s</span>"
                "<time datetime=\"%s\" title=\"%s\">%s</time></div>",
             who, m[i].id, customer ? "" : " agent", page_initials(r, m[i].author_name), m[i].author_name,
             automatic ? "automatic reply" : customer ? "wrote" : note ? "internal note" : "replied",
             m[i].created_at, m[i].created_at, page_ago(r, m[i].created_at));
        if (customer) unverified(b, v);
        if (customer && !automatic)
            page_coach_mood(r, b, v && v->display ? v->display : m[i].body, fix_of(fixes, nfixes, m[i].id),
                            arena_printf(&r->a, "/tickets/%lld/messages/%lld/reading", t->id, m[i].id));
        if (v) {
            mail_body(b, m[i].body, v);
        } else {
            html(b, "<div class=\"body\">");
            html_multiline(b, m[i].body);
            html(b, "</div>");
        }
        attachments(r, b, m[i].id, at, nat);
        const delivery_rec *dl = m[i].delivery;
        if (dl) { /* emailed: how it is doing (failed shows why: a refusal, or given up after days) */
            bool why = dl->last_error && (!strcmp(dl->state, "failed") || !strcmp(dl->state, "queued"));
            html(b, "<p class=\"delivery %s\">Email: %s%R%s</p>", dl->state,
                 !strcmp(dl->state, "sent")        ? "sent"
                 : !strcmp(dl->state, "failed")    ? "failed"
                 : !strcmp(dl->state, "cancelled") ? "cancelled by an admin, not sent"
                                                   : "queued",
                 why ? " &middot; " : "", why ? dl->last_error : "");
            /* a reply that did not reach the customer: fix the address, send it again (a cancelled
             * one was an admin's decision: resent from the outbox, svc_outbox_resend_reply) */
            if (!strcmp(dl->state, "failed")) {
                html(b, "<form class=\"delivery-actions\" method=\"post\" action=\"/tickets/%l/messages/%l/resend\">", t->id, m[i].id);
                page_csrf_field(r, b);
                html(b, "<button type=\"submit\">Resend</button> <a href=\"/customers/%l#edit\">Fix the address</a></form>",
                     t->customer_id);
            }
        }
        html(b, "</li>");
    }
    html(b, "</ol>");
}

/* the customer's last words: their last message [*last] and the ones before it with no reply
 * between, from *first (both -1 when they never wrote) */
static void last_words(const message_rec *m, int n, int *first, int *last)
{
    int l = n - 1;
    while (l >= 0 && strcmp(m[l].kind, "customer")) l--;
    int f = l;
    while (f > 0 && strcmp(m[f - 1].kind, "reply")) f--;
    *first = f;
    *last = l;
}

/* the customer's latest words: their last message and those just before it with no reply
 * between (notes skipped), oldest first, each email's display cut without its quoted
 * history. The text the coach weighs a reply against. */
static const char *customer_last_words(req *r, const message_rec *m, int n, const mail_view_rec *views, int nviews)
{
    int first, last;
    last_words(m, n, &first, &last);
    buf out = {0};
    for (int i = first; i >= 0 && i <= last; i++) {
        if (strcmp(m[i].kind, "customer")) continue;
        const mail_view_rec *v = view_for(views, nviews, m[i].id);
        if (v && v->is_auto) continue; /* an out-of-office is not what the customer said */
        if (out.len) buf_puts(&out, "\n\n");
        buf_puts(&out, v && v->display ? v->display : m[i].body);
    }
    const char *text = out.len ? arena_strndup(&r->a, out.p, out.len) : NULL;
    buf_free(&out);
    return text;
}

/* the agent's public replies before the customer's last words, newest kept, as the coach's
 * "earlier" (a question one of them answered is "answered before"); *wrote_before: the customer
 * wrote earlier in the thread and was answered, so this is a contact again */
static const char *earlier_replies(req *r, const message_rec *m, int n, bool *wrote_before)
{
    int first, last;
    last_words(m, n, &first, &last);
    *wrote_before = false;
    size_t room = 16384; /* as much as the coach reads of the customer (COACH_TEXT_MAX) */
    buf out = {0};
    for (int i = first - 1; i >= 0; i--) {
        if (!strcmp(m[i].kind, "customer")) { *wrote_before = true; continue; }
        if (strcmp(m[i].kind, "reply") || !m[i].body) continue;
        size_t len = strlen(m[i].body);
        if (len > room) { room = 0; continue; } /* full: older replies stay out, the history is still read */
        /* newest first: the coach reads them all as one text */
        if (out.len) buf_puts(&out, "\n\n");
        buf_put(&out, m[i].body, len);
        room -= len;
    }
    const char *text = out.len ? arena_strndup(&r->a, out.p, out.len) : NULL;
    buf_free(&out);
    return text;
}

static void properties(req *r, buf *b, const ticket_rec *t, agent_rec *agents, int nagents, team_rec *teams, int nteams)
{
    static const char *const statuses[] = {"new", "open", "pending", "on-hold", "solved", "closed", NULL};
    static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
    const char *tags = "";
    for (int i = 0; i < t->ntags; i++) tags = arena_printf(&r->a, "%s%s%s", tags, i ? ", " : "", t->tags[i]);
    /* Nothing saves until the agent presses Save (a select that saved on change moved focus off
     * the page at one arrow key). The form says which version it shows and what each field
     * held, so only what the agent changed is sent, and a stale page is caught (409 stale). */
    html(b, "<form class=\"card props\" method=\"post\" action=\"/tickets/%l\" id=\"props\">", t->id);
    page_csrf_field(r, b);
    html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">"
            "<input type=\"hidden\" name=\"orig_status\" value=\"%s\"><input type=\"hidden\" name=\"orig_priority\" value=\"%s\">"
            "<input type=\"hidden\" name=\"orig_owner\" value=\"%l\"><input type=\"hidden\" name=\"orig_team\" value=\"%l\">"
            "<input type=\"hidden\" name=\"orig_tags\" value=\"%s\">",
         t->version, t->status, t->priority, t->owner_id, t->team_id, tags);
    html(b, "<h2>Ticket</h2><label>Status<select name=\"status\" id=\"status\">");
    select_opts(b, statuses, t->status);
    html(b, "</select></label><label>Priority<select name=\"priority\" id=\"priority\">");
    for (const char *const *p = priorities; *p; p++)
        html(b, "<option value=\"%s\"%R>%s</option>", *p, !strcmp(*p, t->priority) ? " selected" : "",
             !strcmp(*p, "low") ? "Low" : !strcmp(*p, "normal") ? "Normal" : !strcmp(*p, "high") ? "High" : "Urgent");
    html(b, "</select></label><label>Owner<select name=\"owner\" id=\"owner\"><option value=\"0\">Nobody</option>");
    for (int i = 0; i < nagents; i++)
        if (agents[i].active)
            html(b, "<option value=\"%l\"%R>%s%s</option>", agents[i].id, agents[i].id == t->owner_id ? " selected" : "",
                 agents[i].name, agents[i].id == r->agent.id ? " (me)" : "");
    html(b, "</select></label><label>Team<select name=\"team\" id=\"team\"><option value=\"0\">No team</option>");
    for (int i = 0; i < nteams; i++)
        html(b, "<option value=\"%l\"%R>%s</option>", teams[i].id, teams[i].id == t->team_id ? " selected" : "", teams[i].name);
    html(b, "</select></label><label>Tags<input name=\"tags\" id=\"tags\" value=\"%s\" placeholder=\"billing, refund\"></label>"
            "<button type=\"submit\" id=\"save-props\">Save changes</button></form>", tags);
}

/* an audit value as a person reads it: owner and team ids become names */
static const char *audit_value(req *r, const char *action, const char *v, agent_rec *agents, int nagents, team_rec *teams, int nteams)
{
    if (!v || !*v) return !strcmp(action, "owner") ? "nobody" : !strcmp(action, "team") ? "no team" : "none";
    long long id = strtoll(v, NULL, 10);
    if (!strcmp(action, "owner")) {
        if (id == 0) return "nobody";
        for (int i = 0; i < nagents; i++)
            if (agents[i].id == id) return agents[i].name;
    }
    if (!strcmp(action, "team")) {
        if (id == 0) return "no team";
        for (int i = 0; i < nteams; i++)
            if (teams[i].id == id) return teams[i].name;
    }
    if (!strcmp(action, "status")) return page_status_label(v);
    return v;
}

/* one audit row as a sentence, ending the <li> (History, and what changed under a stale page) */
static void change_line(req *r, buf *b, const audit_rec *h, agent_rec *agents, int nagents, team_rec *teams, int nteams)
{
    const char *who = h->actor_name ? h->actor_name : "heed";
    if (!strcmp(who, "system")) who = "heed";
    html(b, "<li><span class=\"muted\" title=\"%s\">%s</span>", h->at, page_ago(r, h->at));
    if (!strcmp(h->action, "create"))
        html(b, "%s opened the ticket</li>", who);
    else if (!strcmp(h->action, "reply"))
        html(b, "%s replied</li>", who);
    else if (!strcmp(h->action, "note"))
        html(b, "%s added an internal note</li>", who);
    else if (!strcmp(h->action, "customer") || !strcmp(h->action, "email"))
        html(b, "the customer wrote%s</li>", !strcmp(h->action, "email") ? " by email" : " again");
    else if (!strcmp(h->action, "goodwill"))
        html(b, "%s gave <strong>%s</strong></li>", who, h->after ? h->after : "");
    else if (!strcmp(h->action, "handoff"))
        html(b, "%s handed off: %s</li>", who, h->after ? h->after : "");
    else if (!strcmp(h->action, "attachment_too_large"))
        html(b, "an attachment was too large to keep: %s</li>", h->after ? h->after : "");
    else if (h->before || h->after)
        html(b, "%s set %s: %s → <strong>%s</strong></li>", who, h->action,
             audit_value(r, h->action, h->before, agents, nagents, teams, nteams),
             audit_value(r, h->action, h->after, agents, nagents, teams, nteams));
    else
        html(b, "%s: %s</li>", who, h->action);
}

static void history(req *r, buf *b, const audit_rec *h, int n, agent_rec *agents, int nagents, team_rec *teams, int nteams)
{
    html(b, "<section class=\"card history\"><h2>History</h2><ol>");
    for (int i = n - 1; i >= 0 && i >= n - 12; i--) change_line(r, b, &h[i], agents, nagents, teams, nteams);
    if (!n) html(b, "<li class=\"muted\">No changes yet.</li>");
    html(b, "</ol></section>");
}

/* what the composer shows: empty, or a refused message as the agent wrote it */
typedef struct {
    const char *error; /* NULL: nothing was refused */
    const char *kind, *body, *after;
    /* a stale save (409): the version the agent saw; for the properties form, what they meant
     * to change (shown with what changed meanwhile, and offered again on the new version) */
    long long stale_since;
    const ticket_patch *stale_patch;
    const char *skip_error, *skip_reason; /* focus mode: a refused skip, as typed */
    const char *macro_id;                 /* a refused reply made from a macro: which */
    const char *articles;                 /* and the articles put in it (comma list of ids) */
} composer_state;

/* focus mode (svc_focus.h): the ticket page with the focus bar and nothing beside the work */
static bool in_focus(req *r)
{
    const char *q = req_query(r, "focus"), *f = req_form(r, "focus");
    return (q && !strcmp(q, "1")) || (f && !strcmp(f, "1"));
}

static void focus_bar(req *r, buf *b, const ticket_rec *t, const composer_state *cs)
{
    focus_pick p;
    herr e;
    int found = focus_next_for(r, &p, &e);
    html(b, "<section class=\"focus-bar\" id=\"focus-bar\" aria-label=\"Focus mode\"><p><strong>Focus</strong> · ");
    if (found == 1 && p.ticket.id == t->id) { /* the reasons, in the page's words and times */
        const char *why[FOCUS_WHY_MAX];
        int n = 0;
        if (p.promise_due) why[n++] = arena_printf(&r->a, "a promise to the customer was due %s", page_ago(r, p.promise_due));
        if (p.sla_due) {
            const char *when = page_when(r, p.sla_due);
            why[n++] = arena_printf(&r->a, "its SLA %s due %s", strncmp(when, "in ", 3) ? "was" : "is", when);
        }
        if (p.attention.score) { /* the customer's side, in its own words */
            buf rs;
            buf_init(&rs, 128);
            for (int i = 0; i < p.attention.nreasons; i++) buf_printf(&rs, "%s%s", i ? ", " : "", p.attention.reasons[i]);
            why[n++] = arena_printf(&r->a, "needs attention %d (%s)", p.attention.score, rs.p ? rs.p : "");
            buf_free(&rs);
        }
        if (n < FOCUS_WHY_MAX && (!strcmp(t->priority, "urgent") || !strcmp(t->priority, "high")))
            why[n++] = arena_printf(&r->a, "%s priority", t->priority);
        if (n < FOCUS_WHY_MAX) why[n++] = t->owner_id ? "yours" : "nobody has taken it yet";
        html(b, "why this one now: ");
        for (int i = 0; i < n; i++) html(b, "%R%s", i ? "; " : "", why[i]);
    } else {
        html(b, "one ticket at a time");
    }
    html(b, "</p><div class=\"focus-actions\"><a class=\"button primary\" href=\"/focus\" id=\"focus-next\" aria-keyshortcuts=\"Shift+N\">Next ticket →</a>"
            "<details id=\"focus-skip\"%R><summary>Skip…</summary><form method=\"post\" action=\"/focus/skip\" class=\"inline\">",
         cs->skip_error ? " open" : "");
    page_csrf_field(r, b);
    html(b, "<input type=\"hidden\" name=\"focus\" value=\"1\"><input type=\"hidden\" name=\"ticket_id\" value=\"%l\"><label>Why skip it? <input name=\"reason\" id=\"skip-reason\""
            " required maxlength=\"500\" placeholder=\"waiting on the warehouse\" value=\"%s\"%R></label>",
         t->id, cs->skip_reason ? cs->skip_reason : "", cs->skip_error ? " aria-invalid=\"true\" aria-describedby=\"skip-error\"" : "");
    if (cs->skip_error) html(b, "<span class=\"error field-error\" id=\"skip-error\">%s</span>", cs->skip_error);
    html(b, "<button type=\"submit\">Skip</button></form></details>"
            "<a href=\"/tickets/%l\" class=\"link\">Leave focus</a></div></section>", t->id);
}

/* the reply box; the file input carries the limits for heed.js's check before sending */
static void composer(req *r, buf *b, const ticket_rec *t, const composer_state *cs)
{
    /* the agent's saved draft, unless a refused message is being shown again */
    draft_rec d = {0};
    herr e;
    bool draft = !cs->body && svc_draft_get(&r->s, t->id, &d, &e) == 1;
    const char *kind = draft ? d.kind : cs->kind, *text = draft ? d.body : cs->body;
    bool note = kind && !strcmp(kind, "note");
    /* the macros the agent may use, each filled in for this ticket: the menu below the box and
     * heed.js's /shortcut both read them from here; ?macro=ID (the menu without script) puts one in */
    macro_rec *macros;
    int nmacros;
    if (svc_macros(&r->s, &macros, &nmacros, &e)) nmacros = 0;
    const char *want = req_query(r, "macro"), *macro_id = cs->macro_id, *articles = cs->articles;
    /* ?article=ID&as=link|text (the suggestions card without script): the article into the box */
    const char *art = req_query(r, "article"), *as = req_query(r, "as");
    long long art_id;
    kb_article_rec ka;
    if (art && parse_id(art, &art_id) && !svc_kb_get(&r->s, art_id, &ka, &e) && strcmp(ka.state, "draft")) {
        bool link = as && !strcmp(as, "link") && !strcmp(ka.visibility, "public");
        const char *put = link ? arena_printf(&r->a, "%s: %s", ka.title, page_kb_public_link(r, ka.slug)) : ka.body;
        text = text && *text ? arena_printf(&r->a, "%s\n\n%s", text, put) : put;
        articles = art;
        kind = "reply";
        note = false;
    }
    long long wanted;
    for (int i = 0; want && parse_id(want, &wanted) && i < nmacros; i++)
        if (macros[i].id == wanted) {
            const char *filled = svc_macro_render(&r->s, &macros[i], t);
            text = text && *text ? arena_printf(&r->a, "%s\n\n%s", text, filled) : filled;
            macro_id = want;
            kind = "reply";
            note = false;
        }
    static const char *const afters[] = {"pending", "solved", "on-hold", NULL};
    html(b, "<form class=\"card composer\" method=\"post\" action=\"/tickets/%l/messages\" id=\"composer\""
            " enctype=\"multipart/form-data\" data-ticket=\"%l\" data-agent=\"%l\" data-draft-at=\"%s\"%R>",
         t->id, t->id, r->agent.id, draft ? d.updated_at : "", cs->body ? " data-refused" : "");
    page_csrf_field(r, b);
    /* the version the agent is answering: a reply to a ticket that changed since is held (409) */
    html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", t->version);
    if (in_focus(r)) html(b, "<input type=\"hidden\" name=\"focus\" value=\"1\">"); /* sent: on to the next ticket */
    /* the macro the reply was made from: its status, tags and owner follow the send */
    html(b, "<input type=\"hidden\" name=\"macro_id\" id=\"macro-id\" value=\"%s\">", macro_id ? macro_id : "");
    /* the knowledge-base articles put in this reply: counted as sent with it */
    html(b, "<input type=\"hidden\" name=\"articles\" id=\"kb-articles\" value=\"%s\">", articles ? articles : "");
    html(b, "<fieldset class=\"mode\"><legend class=\"sr\">Write</legend>"
            "<label><input type=\"radio\" name=\"kind\" value=\"reply\"%R><span>Reply to %s</span></label>"
            "<label><input type=\"radio\" name=\"kind\" value=\"note\"%R><span>Internal note</span></label></fieldset>",
         note ? "" : " checked", t->customer_name, note ? " checked" : "");
    /* a refused message keeps its text; files cannot be kept (a browser never refills a file input) */
    if (!strcmp(t->channel, "email") && !svc_outbox_sending())
        html(b, "<p class=\"mail-off\" id=\"mail-off\">Outbound mail is off: replies wait in the outbox and are not sent "
                "until an admin sets <code>smtp_url</code> (docs/MAIL.md).</p>");
    html(b, "<p class=\"error composer-error\" id=\"composer-error\" role=\"alert\"%R>", cs->error ? "" : " hidden");
    if (cs->error) html(b, "Not sent: %s. Your text is kept below; choose the files again.", cs->error);
    /* heed.js shows it when something lands on the thread while the agent is writing */
    html(b, "</p><p class=\"composer-arrived\" id=\"composer-arrived\" role=\"status\" hidden><strong class=\"who\">Something new arrived</strong>"
            " while you were writing: <a href=\"#thread\">read it</a>. Your reply is kept here; a send made without the new "
            "message in view is held so you can check it first.");
    html(b, "</p><label for=\"body\" class=\"sr\">Your message</label>"
            "<textarea name=\"body\" id=\"body\" rows=\"7\" required placeholder=\"Write to %s…\" "
            "data-reply-placeholder=\"Write to %s…\" data-note-placeholder=\"Only your team sees notes…\">\n%s</textarea>"
            "<label class=\"attach\">Attach files <input type=\"file\" name=\"files\" id=\"files\" multiple"
            " data-max-count=\"%d\" data-max-each=\"%d\" data-max-total=\"%d\">"
            "<span class=\"muted\">up to %d files, %d MB each, %d MB in all</span></label>"
            "<div class=\"composer-actions\"><label class=\"after\">Then set status <select name=\"status_after\">"
            "<option value=\"\">unchanged</option>",
         t->customer_name, t->customer_name, text ? text : "", ATTACH_COUNT_MAX, MAIL_ATTACH_MAX,
         ATTACH_TOTAL_MAX, ATTACH_COUNT_MAX, MAIL_ATTACH_MAX / (1024 * 1024), ATTACH_TOTAL_MAX / (1024 * 1024));
    for (const char *const *a = afters; *a; a++)
        html(b, "<option value=\"%s\"%R>%s</option>", *a, cs->after && !strcmp(cs->after, *a) ? " selected" : "",
             page_status_label(*a));
    html(b, "</select></label>");
    if (nmacros) {
        html(b, "<details class=\"macros\" id=\"macros\"><summary>Macros</summary><ul role=\"list\">");
        for (int i = 0; i < nmacros; i++)
            html(b, "<li><a href=\"/tickets/%l?macro=%l#composer\" data-macro=\"%l\" data-shortcut=\"%s\" data-body=\"%s\">%s</a> "
                    "<kbd>/%s</kbd></li>",
                 t->id, macros[i].id, macros[i].id, macros[i].shortcut, svc_macro_render(&r->s, &macros[i], t), macros[i].name,
                 macros[i].shortcut);
        html(b, "</ul></details><ul class=\"macro-suggest\" id=\"macro-suggest\" role=\"listbox\" aria-label=\"Macros\" hidden></ul>");
    }
    html(b, "<span class=\"draft-status muted\" id=\"draft-status\" aria-live=\"polite\">%s</span>"
            "<span class=\"hint\"><kbd>Ctrl</kbd> <kbd>Enter</kbd></span>", draft ? "Draft restored" : "");
    html(b, ""
            "<button class=\"primary\" type=\"submit\" id=\"send\"><span class=\"if-reply\">Send reply</span>"
            "<span class=\"if-note\">Add note</span></button></div></form>");
}

/* A save on a stale page (409): what changed since the agent's version and, for the
 * properties, their own change not saved, with one button to apply it on top of the new
 * version. A stale reply keeps its text in the composer (its error says so). */
static void stale_notice(req *r, buf *b, const ticket_rec *t, const composer_state *cs, agent_rec *agents, int nagents,
                         team_rec *teams, int nteams)
{
    audit_rec *ch;
    int n = 0;
    herr e;
    if (svc_ticket_changes_since(&r->s, t->id, cs->stale_since, &ch, &n, &e)) n = 0;
    html(b, "<section class=\"card stale\" id=\"stale\" role=\"alert\"><h2>This ticket changed while you were working on it</h2><ul>");
    for (int i = 0; i < n; i++) change_line(r, b, &ch[i], agents, nagents, teams, nteams);
    html(b, "</ul>");
    const ticket_patch *p = cs->stale_patch;
    if (!p) {
        html(b, "<p>Your message was not sent. It is kept in the box below: send it again as it is, or change it first.</p></section>");
        return;
    }
    html(b, "<p>Your change was not saved:</p><ul class=\"mine\">");
    if (p->status) html(b, "<li>status → <strong>%s</strong></li>", page_status_label(p->status));
    if (p->priority) html(b, "<li>priority → <strong>%s</strong></li>", p->priority);
    if (p->set_owner) html(b, "<li>owner → <strong>%s</strong></li>", audit_value(r, "owner", arena_printf(&r->a, "%lld", p->owner_id), agents, nagents, teams, nteams));
    if (p->set_team) html(b, "<li>team → <strong>%s</strong></li>", audit_value(r, "team", arena_printf(&r->a, "%lld", p->team_id), agents, nagents, teams, nteams));
    const char *tags = "", *now_tags = "";
    for (int i = 0; p->set_tags && i < p->ntags; i++) tags = arena_printf(&r->a, "%s%s%s", tags, i ? ", " : "", p->tags[i]);
    for (int i = 0; i < t->ntags; i++) now_tags = arena_printf(&r->a, "%s%s%s", now_tags, i ? ", " : "", t->tags[i]);
    if (p->set_tags) html(b, "<li>tags → <strong>%s</strong></li>", *tags ? tags : "none");
    html(b, "</ul><form method=\"post\" action=\"/tickets/%l\" id=\"reapply\">", t->id);
    page_csrf_field(r, b);
    html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", t->version);
    if (p->status) html(b, "<input type=\"hidden\" name=\"status\" value=\"%s\"><input type=\"hidden\" name=\"orig_status\" value=\"%s\">", p->status, t->status);
    if (p->priority) html(b, "<input type=\"hidden\" name=\"priority\" value=\"%s\"><input type=\"hidden\" name=\"orig_priority\" value=\"%s\">", p->priority, t->priority);
    if (p->set_owner) html(b, "<input type=\"hidden\" name=\"owner\" value=\"%l\"><input type=\"hidden\" name=\"orig_owner\" value=\"%l\">", p->owner_id, t->owner_id);
    if (p->set_team) html(b, "<input type=\"hidden\" name=\"team\" value=\"%l\"><input type=\"hidden\" name=\"orig_team\" value=\"%l\">", p->team_id, t->team_id);
    if (p->set_tags) html(b, "<input type=\"hidden\" name=\"tags\" value=\"%s\"><input type=\"hidden\" name=\"orig_tags\" value=\"%s\">", tags, now_tags);
    html(b, "<button class=\"primary\" type=\"submit\">Apply my change again</button> <a href=\"/tickets/%l\">Leave it as it is now</a></form></section>", t->id);
}

static void ticket_page(req *r, resp *w, long long id, const composer_state *cs)
{
    ticket_rec t;
    herr e;
    if (svc_ticket_get(&r->s, id, &t, &e)) return page_error(r, w, e.status, e.status == 404 ? "There is no such ticket." : "The ticket could not be read.");
    long long into = 0; /* merged into another: that one is where it lives now */
    if (!svc_ticket_merged_into(&r->s, id, &into, &e) && into)
        return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=%%23%lld+was+merged+into+this+ticket#merge", into, id));
    message_rec *msgs;
    agent_rec *agents;
    team_rec *teams;
    audit_rec *hist;
    int nmsgs, nagents, nteams, nhist;
    if (svc_ticket_messages(&r->s, id, &msgs, &nmsgs, &e) || svc_agent_list(&r->s, &agents, &nagents, &e) ||
        svc_team_list(&r->s, &teams, &nteams, &e) || svc_ticket_history(&r->s, id, &hist, &nhist, &e))
        return page_error(r, w, 500, "The ticket could not be read; see the server log.");
    mail_view_rec *views;
    mail_attachment_rec *atts;
    int nviews, natts;
    if (svc_mail_views(&r->s, id, &views, &nviews, &e) || svc_mail_attachments(&r->s, id, &atts, &natts, &e))
        return page_error(r, w, 500, "The ticket's email could not be read; see the server log.");
    reading_correction_rec *fixes;
    int nfixes;
    attention att;
    if (svc_reading_corrections(&r->s, id, &fixes, &nfixes, &e) || svc_attention_of(&r->s, &t, &att, &e))
        return page_error(r, w, 500, "The ticket could not be read; see the server log.");

    page_begin(r, w, t.subject, in_focus(r) ? "focus" : "inbox");
    buf *b = &w->body;
    if (in_focus(r)) focus_bar(r, b, &t, cs);
    html(b, "<div class=\"ticket-head\"><a class=\"back\" href=\"/inbox\">← Inbox</a><h1>%s <span class=\"id\">#%l</span></h1>"
            "<p class=\"meta\"><span class=\"badge %s\" id=\"status-badge\">%s</span> <span class=\"dot %s\"></span> %s priority · via %s · opened %s",
         t.subject, t.id, t.status, page_status_label(t.status), t.priority, t.priority, t.channel, page_ago(r, t.created_at));
    html(b, " · %s", t.owner_name ? arena_printf(&r->a, "owned by %s", t.owner_name) : "no owner yet");
    page_sla_chip(r, b, &t, true);
    html(b, "</p>");
    presence_line(r, b, t.id);
    html(b, "</div><div class=\"ticket-layout\"><section class=\"conversation\">");
    thread(r, b, &t, msgs, nmsgs, views, nviews, atts, natts, fixes, nfixes);
    if (cs->stale_since) stale_notice(r, b, &t, cs, agents, nagents, teams, nteams);
    const char *ask = req_query(r, "solve");
    if (ask && !strcmp(ask, "ask")) page_commitments_solve_notice(r, b, &t);
    page_handoff_card(r, b, &t, agents, nagents, true);
    if (strcmp(t.status, "closed")) {
        page_commitments_panel(r, b, &t);
        composer(r, b, &t, cs);
        bool wrote_before;
        const char *earlier = earlier_replies(r, msgs, nmsgs, &wrote_before);
        page_coach_panel(r, b, customer_last_words(r, msgs, nmsgs, views, nviews), t.customer_name, &att, earlier, wrote_before);
    } else {
        html(b, "<p class=\"card muted closed-note\">This ticket is closed. A new message from the customer opens a new ticket.</p>");
    }
    html(b, "</section><aside class=\"side\">");
    page_attention_card(r, b, &att);
    page_kb_suggestions(r, b, &t, msgs, nmsgs);
    properties(r, b, &t, agents, nagents, teams, nteams);
    page_handoff_card(r, b, &t, agents, nagents, false);
    page_snooze_card(r, b, &t);
    page_merge_card(r, b, &t);
    page_goodwill_card(r, b, &t);
    page_incident_card(r, b, &t);
    page_customer_panel(r, b, t.customer_id, arena_printf(&r->a, "/tickets/%lld", t.id), NULL);
    history(r, b, hist, nhist, agents, nagents, teams, nteams);
    html(b, "</aside></div>");
    page_end(r, w);
}

void page_ticket(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    ticket_page(r, w, id, &(composer_state){0});
}

static const char *back_to(req *r, long long id, const char *flash)
{
    return arena_printf(&r->a, "/tickets/%lld?flash=%s", id, flash);
}

/* the version a form was made from (0: the form did not say, unchecked) */
static long long form_version(req *r)
{
    long long v;
    const char *s = req_form(r, "version");
    return s && parse_id(s, &v) ? v : 0;
}

void page_ticket_reply(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    const char *kind = req_form(r, "kind"), *body = req_form(r, "body"), *after = req_form(r, "status_after");
    const char *macro = req_form(r, "macro_id"), *articles = req_form(r, "articles");
    long long macro_id = 0;
    if (macro && *macro && !parse_id(macro, &macro_id)) macro = NULL;
    if (!kind || (strcmp(kind, "reply") && strcmp(kind, "note"))) kind = "reply";
    mail_attach_in *files = NULL;
    int nfiles = r->upload ? upload_files(r->upload, &files) : 0;
    message_rec m;
    /* an upload over the body limit had its files only counted (server.c): say which rule they broke */
    if (r->upload_too_large && (!svc_attach_check(&r->s, files, nfiles, &e) || e.status >= 500))
        herr_set(&e, 413, "body_too_large", "files", "the upload is larger than %d MB in all", ATTACH_TOTAL_MAX / (1024 * 1024));
    long long version = form_version(r);
    if (r->upload_too_large || svc_ticket_add_message_if(&r->s, id, kind, body, files, nfiles, version, &m, NULL, &e)) {
        /* a refused message comes back on the ticket page with its text, mode and status
         * choice, so nothing typed is lost (404: no ticket; 409: closed, no composer; stale:
         * what arrived meanwhile is shown and the text kept, to send again or change) */
        if (e.status == 409 && e.code && !strcmp(e.code, "stale")) {
            w->status = 409;
            return ticket_page(r, w, id, &(composer_state){.error = "the ticket changed since you opened it (see above)",
                                                           .kind = kind, .body = body, .after = after, .stale_since = version,
                                                           .macro_id = macro, .articles = articles});
        }
        if (e.status >= 500 || e.status == 404 || e.status == 409)
            return page_error(r, w, e.status, e.status < 500 ? e.message : "The message could not be saved; see the server log.");
        w->status = e.status;
        return ticket_page(r, w, id, &(composer_state){.error = e.message, .kind = kind, .body = body, .after = after, .macro_id = macro,
                                                       .articles = articles});
    }
    /* the articles it carried: one more send each (a stale id from an old form is skipped) */
    size_t alen;
    for (const char *l = articles && !strcmp(kind, "reply") ? articles : "", *one; (one = list_next(&l, &alen));) {
        long long aid;
        herr ae;
        if (parse_id(arena_strndup(&r->a, one, alen), &aid) && svc_kb_sent(&r->s, aid, id, m.id, &ae))
            log_warnf("article %lld sent on ticket %lld not counted: %s", aid, id, ae.message);
    }
    /* a reply made from a macro: its status, tags and owner now (the reply is sent either way) */
    if (macro_id && !strcmp(kind, "reply") && svc_macro_apply(&r->s, id, macro_id, &e)) {
        if (e.code && !strcmp(e.code, "open_commitments")) /* it would solve: that waits for the agent's word */
            return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Reply+sent&solve=ask#solve-ask", id));
        return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Reply+sent;+the+macro's+actions+were+refused", id));
    }
    if (after && *after) {
        ticket_patch p = {.status = after};
        ticket_rec t;
        if (svc_ticket_update(&r->s, id, &p, &t, &e)) {
            if (e.code && !strcmp(e.code, "open_commitments")) /* sent; the solve waits for the agent's word */
                return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Reply+sent&solve=ask#solve-ask", id));
            return page_error(r, w, e.status, e.message);
        }
    }
    const char *next = "stay"; /* the agent's choice: after a reply, the next ticket to work (focus mode) */
    if (!strcmp(kind, "reply") && (in_focus(r) || (!svc_after_send(&r->s, &next, &e) && !strcmp(next, "next"))))
        return resp_redirect(w, "/focus?flash=Reply+sent"); /* the next one */
    resp_redirect(w, back_to(r, id, !strcmp(kind, "reply") ? "Reply+sent" : "Note+added"));
}

/* GET /focus: the ticket to work now, in focus mode; or a page that says nothing waits */
void page_focus(req *r, resp *w)
{
    focus_pick p;
    herr e;
    int found = focus_next_for(r, &p, &e);
    if (found < 0) return page_error(r, w, e.status, e.message);
    /* the flash goes along (letters, digits and spaces: heed's own words) */
    const char *flash = req_query(r, "flash");
    char carry[64] = "";
    for (size_t i = 0, k = 0; flash && flash[i] && k + 1 < sizeof carry; i++) {
        char c = flash[i];
        if (c == ' ') carry[k++] = '+';
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) carry[k++] = c;
        carry[k] = '\0';
    }
    if (found)
        return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?focus=1%s%s", p.ticket.id, *carry ? "&flash=" : "", carry));
    page_begin(r, w, "Focus", "focus");
    html(&w->body, "<section class=\"card narrow empty\" id=\"focus-done\"><h1>Nothing waits for you now</h1>"
                   "<p class=\"muted\">No ticket of yours or nobody's is new or open, apart from those a colleague has open "
                   "and those you skipped in the last %d hours.</p><p><a class=\"button\" href=\"/inbox\">Back to the inbox</a></p></section>",
         FOCUS_SKIP_HOURS);
    page_end(r, w);
}

/* POST /focus/skip: skip this ticket, saying why; a refused reason comes back on the ticket */
void page_focus_skip(req *r, resp *w)
{
    const char *id_text = req_form(r, "ticket_id"), *reason = req_form(r, "reason");
    long long id = id_text ? atoll(id_text) : 0;
    if (id <= 0) return page_error(r, w, 400, "Which ticket? The form did not say.");
    herr e;
    if (svc_focus_skip(&r->s, id, reason, &e)) {
        if (e.status != 422) return page_error(r, w, e.status, e.message);
        w->status = 422;
        return ticket_page(r, w, id, &(composer_state){.skip_error = e.message, .skip_reason = reason});
    }
    resp_redirect(w, "/focus?flash=Skipped");
}

/* "a, b c" -> {"a","b","c"} */
static int split_tags(req *r, const char *s, const char ***out)
{
    int n = 0, cap = 0;
    *out = NULL;
    char *copy = arena_strdup(&r->a, s ? s : ""), *save = NULL;
    for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
        *(const char **)arena_push(&r->a, out, &n, &cap, sizeof **out) = tok;
    return n;
}

/* a field the agent changed: sent, and different from what the form showed (no orig_*: an
 * older form or another client, taken as changed) */
static const char *changed(req *r, const char *name)
{
    const char *v = req_form(r, name), *was = req_form(r, arena_printf(&r->a, "orig_%s", name));
    return v && (!was || strcmp(v, was)) ? v : NULL;
}

void page_ticket_update(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    /* only what the agent changed is sent, guarded by the version the page showed */
    const char *confirm = req_form(r, "confirm");
    ticket_patch p = {.status = changed(r, "status"), .priority = changed(r, "priority"), .if_version = form_version(r),
                      .confirm = confirm && !strcmp(confirm, "1")};
    const char *owner = changed(r, "owner"), *team = changed(r, "team"), *tags = changed(r, "tags");
    if (owner) {
        p.set_owner = true;
        p.owner_id = strtoll(owner, NULL, 10);
    }
    if (team) {
        p.set_team = true;
        p.team_id = strtoll(team, NULL, 10);
    }
    if (tags) {
        p.set_tags = true;
        p.ntags = split_tags(r, tags, &p.tags);
    }
    if (!p.status && !p.priority && !p.set_owner && !p.set_team && !p.set_tags)
        return resp_redirect(w, back_to(r, id, "Nothing+changed"));
    ticket_rec t;
    if (svc_ticket_update(&r->s, id, &p, &t, &e)) {
        if (e.status == 409 && e.code && !strcmp(e.code, "stale")) {
            w->status = 409;
            return ticket_page(r, w, id, &(composer_state){.stale_since = p.if_version, .stale_patch = &p});
        }
        if (e.code && !strcmp(e.code, "open_commitments"))
            return resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?solve=ask#solve-ask", id));
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The ticket could not be saved; see the server log.");
    }
    resp_redirect(w, back_to(r, id, "Saved"));
}

/* a labelled control of the New ticket form with its error beside it (field: the service's name) */
static const char *new_err(const herr *err, const char *field)
{
    return err && !strcmp(err->field, field) ? err->message : NULL;
}
static void new_field(req *r, buf *b, const char *label, const char *name, const char *attrs, const char *value, const char *err)
{
    html(b, "<label>%s<input name=\"%s\" id=\"new-%s\" %R value=\"%s\"%R>", label, name, name, attrs, value ? value : "",
         err ? arena_printf(&r->a, " aria-invalid=\"true\" aria-describedby=\"new-%s-error\"", name) : "");
    if (err) html(b, "<span class=\"error field-error\" id=\"new-%s-error\">%s</span>", name, err);
    html(b, "</label>");
}

/* The New ticket form, empty or as the agent filled it with the error beside its field: a
 * refused form never loses what was typed. */
static void new_ticket_form(req *r, resp *w, int status, const ticket_new *in, const herr *err)
{
    static const char *const channels[][2] = {{"phone", "Phone"}, {"email", "Email"}, {"chat", "Chat"}, {"social", "Social"}, {"web", "Web"}};
    static const char *const prios[][2] = {{"low", "Low"}, {"normal", "Normal"}, {"high", "High"}, {"urgent", "Urgent"}};
    page_begin(r, w, "New ticket", "new");
    w->status = status;
    buf *b = &w->body;
    const char *ch = in && in->channel ? in->channel : "phone", *pr = in && in->priority ? in->priority : "normal";
    html(b, "<section class=\"card narrow\"><h1>New ticket</h1><p class=\"muted\">For a customer who called, chatted or wrote elsewhere.</p>");
    const char *other = err && !new_err(err, "customer.email") && !new_err(err, "customer.name") && !new_err(err, "subject") &&
                                !new_err(err, "message") ? err->message : NULL;
    if (other) html(b, "<p class=\"error\" role=\"alert\">Not created: %s</p>", other);
    html(b, "<form method=\"post\" action=\"/tickets/new\">");
    page_csrf_field(r, b);
    html(b, "<div class=\"row\">");
    new_field(r, b, "Customer email", "email", "type=\"email\" required autofocus", in ? in->customer_email : NULL, new_err(err, "customer.email"));
    new_field(r, b, "Customer name", "name", "", in ? in->customer_name : NULL, new_err(err, "customer.name"));
    html(b, "</div>");
    new_field(r, b, "Subject", "subject", "required maxlength=\"200\"", in ? in->subject : NULL, new_err(err, "subject"));
    const char *merr = new_err(err, "message");
    html(b, "<label>What the customer said<textarea name=\"message\" id=\"new-message\" rows=\"6\" required%R>%s</textarea>",
         merr ? " aria-invalid=\"true\" aria-describedby=\"new-message-error\"" : "", in && in->message ? in->message : "");
    if (merr) html(b, "<span class=\"error field-error\" id=\"new-message-error\">%s</span>", merr);
    html(b, "</label><div class=\"row\"><label>Channel<select name=\"channel\">");
    for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
        html(b, "<option value=\"%s\"%R>%s</option>", channels[i][0], !strcmp(ch, channels[i][0]) ? " selected" : "", channels[i][1]);
    html(b, "</select></label><label>Priority<select name=\"priority\">");
    for (size_t i = 0; i < sizeof prios / sizeof prios[0]; i++)
        html(b, "<option value=\"%s\"%R>%s</option>", prios[i][0], !strcmp(pr, prios[i][0]) ? " selected" : "", prios[i][1]);
    /* the agent who logs a call owns it unless they say otherwise */
    html(b, "</select></label></div><label class=\"check\"><input type=\"checkbox\" name=\"mine\" value=\"1\"%R> Assign to me</label>"
            "<button class=\"primary\" type=\"submit\">Create ticket</button></form></section>",
         !in || in->owner_id ? " checked" : "");
    page_end(r, w);
}

void page_ticket_new(req *r, resp *w) { new_ticket_form(r, w, 200, NULL, NULL); }

void page_ticket_create(req *r, resp *w)
{
    const char *mine = req_form(r, "mine");
    ticket_new in = {.customer_email = req_form(r, "email"), .customer_name = req_form(r, "name"),
                     .subject = req_form(r, "subject"), .message = req_form(r, "message"),
                     .channel = req_form(r, "channel"), .priority = req_form(r, "priority"),
                     .owner_id = mine && !strcmp(mine, "1") ? r->agent.id : 0};
    ticket_rec t;
    herr e;
    if (svc_ticket_create(&r->s, &in, &t, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "The ticket could not be created; see the server log.");
        return new_ticket_form(r, w, e.status, &in, &e);
    }
    resp_redirect(w, back_to(r, t.id, "Ticket+created"));
}

/* POST /tickets/{id}/messages/{mid}/resend: a failed reply, sent again */
void page_ticket_resend(req *r, resp *w)
{
    long long id, mid;
    herr e;
    outbox_rec o;
    if (!req_param_id(r, 0, &id) || !req_param_id(r, 1, &mid)) return page_error(r, w, 404, "There is no such message.");
    if (svc_outbox_resend_reply(&r->s, id, mid, &o, &e)) {
        if (e.status == 409) /* not failed (any more): back to the ticket, which shows its state */
            return resp_redirect(w, back_to(r, id, strstr(e.message, "cancelled") ? "Not+resent:+an+admin+cancelled+it"
                                                                                 : "Not+resent:+it+has+not+failed"));
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The reply could not be queued again; see the server log.");
    }
    resp_redirect(w, back_to(r, id, "Reply+queued+again"));
}
