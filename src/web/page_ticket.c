/* The ticket page: the thread, the reply box, and the ticket's properties;
 * plus the form posts that change them. */
#include <stdlib.h>
#include <string.h>
#include "web/handlers.h"
#include "web/page.h"
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

static void thread(req *r, buf *b, const message_rec *m, int n, const mail_view_rec *views, int nviews,
                   const mail_attachment_rec *at, int nat)
{
    html(b, "<ol class=\"thread\" id=\"thread\">");
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
        if (customer && !automatic) page_coach_mood(r, b, v && v->display ? v->display : m[i].body);
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
        }
        html(b, "</li>");
    }
    html(b, "</ol>");
}

/* the customer's latest words: their last message and those just before it with no reply
 * between (notes skipped), oldest first, each email's display cut without its quoted
 * history. The text the coach weighs a reply against. */
static const char *customer_last_words(req *r, const message_rec *m, int n, const mail_view_rec *views, int nviews)
{
    int last = n - 1;
    while (last >= 0 && strcmp(m[last].kind, "customer")) last--;
    int first = last;
    while (first > 0 && strcmp(m[first - 1].kind, "reply")) first--;
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

static void properties(req *r, buf *b, const ticket_rec *t, agent_rec *agents, int nagents, team_rec *teams, int nteams)
{
    static const char *const statuses[] = {"new", "open", "pending", "on-hold", "solved", "closed", NULL};
    static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
    html(b, "<form class=\"card props\" method=\"post\" action=\"/tickets/%l\" id=\"props\">", t->id);
    page_csrf_field(r, b);
    html(b, "<h2>Ticket</h2><label>Status<select name=\"status\" id=\"status\" data-autosubmit>");
    select_opts(b, statuses, t->status);
    html(b, "</select></label><label>Priority<select name=\"priority\" data-autosubmit>");
    for (const char *const *p = priorities; *p; p++)
        html(b, "<option value=\"%s\"%R>%s</option>", *p, !strcmp(*p, t->priority) ? " selected" : "",
             !strcmp(*p, "low") ? "Low" : !strcmp(*p, "normal") ? "Normal" : !strcmp(*p, "high") ? "High" : "Urgent");
    html(b, "</select></label><label>Owner<select name=\"owner\" id=\"owner\" data-autosubmit><option value=\"0\">Nobody</option>");
    for (int i = 0; i < nagents; i++)
        if (agents[i].active)
            html(b, "<option value=\"%l\"%R>%s%s</option>", agents[i].id, agents[i].id == t->owner_id ? " selected" : "",
                 agents[i].name, agents[i].id == r->agent.id ? " (me)" : "");
    html(b, "</select></label><label>Team<select name=\"team\" data-autosubmit><option value=\"0\">No team</option>");
    for (int i = 0; i < nteams; i++)
        html(b, "<option value=\"%l\"%R>%s</option>", teams[i].id, teams[i].id == t->team_id ? " selected" : "", teams[i].name);
    html(b, "</select></label><label>Tags<input name=\"tags\" value=\"");
    for (int i = 0; i < t->ntags; i++) html(b, "%s%s", i ? ", " : "", t->tags[i]);
    html(b, "\" placeholder=\"billing, refund\"></label><button type=\"submit\">Save changes</button></form>");
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

static void history(req *r, buf *b, const audit_rec *h, int n, agent_rec *agents, int nagents, team_rec *teams, int nteams)
{
    html(b, "<section class=\"card history\"><h2>History</h2><ol>");
    for (int i = n - 1; i >= 0 && i >= n - 12; i--) {
        const char *who = h[i].actor_name ? h[i].actor_name : "heed";
        if (!strcmp(who, "system")) who = "heed";
        html(b, "<li><span class=\"muted\" title=\"%s\">%s</span>", h[i].at, page_ago(r, h[i].at));
        if (!strcmp(h[i].action, "create"))
            html(b, "%s opened the ticket</li>", who);
        else if (!strcmp(h[i].action, "reply"))
            html(b, "%s replied</li>", who);
        else if (!strcmp(h[i].action, "note"))
            html(b, "%s added an internal note</li>", who);
        else if (!strcmp(h[i].action, "customer") || !strcmp(h[i].action, "email"))
            html(b, "the customer wrote%s</li>", !strcmp(h[i].action, "email") ? " by email" : " again");
        else if (!strcmp(h[i].action, "attachment_too_large"))
            html(b, "an attachment was too large to keep: %s</li>", h[i].after ? h[i].after : "");
        else if (h[i].before || h[i].after)
            html(b, "%s set %s: %s → <strong>%s</strong></li>", who, h[i].action,
                 audit_value(r, h[i].action, h[i].before, agents, nagents, teams, nteams),
                 audit_value(r, h[i].action, h[i].after, agents, nagents, teams, nteams));
        else
            html(b, "%s: %s</li>", who, h[i].action);
    }
    if (!n) html(b, "<li class=\"muted\">No changes yet.</li>");
    html(b, "</ol></section>");
}

/* what the composer shows: empty, or a refused message as the agent wrote it */
typedef struct {
    const char *error; /* NULL: nothing was refused */
    const char *kind, *body, *after;
} composer_state;

/* the reply box; the file input carries the limits for heed.js's check before sending */
static void composer(req *r, buf *b, const ticket_rec *t, const composer_state *cs)
{
    bool note = cs->kind && !strcmp(cs->kind, "note");
    static const char *const afters[] = {"pending", "solved", "on-hold", NULL};
    html(b, "<form class=\"card composer\" method=\"post\" action=\"/tickets/%l/messages\" id=\"composer\""
            " enctype=\"multipart/form-data\">", t->id);
    page_csrf_field(r, b);
    html(b, "<fieldset class=\"mode\"><legend class=\"sr\">Write</legend>"
            "<label><input type=\"radio\" name=\"kind\" value=\"reply\"%R><span>Reply to %s</span></label>"
            "<label><input type=\"radio\" name=\"kind\" value=\"note\"%R><span>Internal note</span></label></fieldset>",
         note ? "" : " checked", t->customer_name, note ? " checked" : "");
    /* a refused message keeps its text; files cannot be kept (a browser never refills a file input) */
    html(b, "<p class=\"error composer-error\" id=\"composer-error\" role=\"alert\"%R>", cs->error ? "" : " hidden");
    if (cs->error) html(b, "Not sent: %s. Your text is kept below; choose the files again.", cs->error);
    html(b, "</p><label for=\"body\" class=\"sr\">Your message</label>"
            "<textarea name=\"body\" id=\"body\" rows=\"7\" required placeholder=\"Write to %s…\" "
            "data-reply-placeholder=\"Write to %s…\" data-note-placeholder=\"Only your team sees notes…\">\n%s</textarea>"
            "<label class=\"attach\">Attach files <input type=\"file\" name=\"files\" id=\"files\" multiple"
            " data-max-count=\"%d\" data-max-each=\"%d\" data-max-total=\"%d\">"
            "<span class=\"muted\">up to %d files, %d MB each, %d MB in all</span></label>"
            "<div class=\"composer-actions\"><label class=\"after\">Then set status <select name=\"status_after\">"
            "<option value=\"\">unchanged</option>",
         t->customer_name, t->customer_name, cs->body ? cs->body : "", ATTACH_COUNT_MAX, MAIL_ATTACH_MAX,
         ATTACH_TOTAL_MAX, ATTACH_COUNT_MAX, MAIL_ATTACH_MAX / (1024 * 1024), ATTACH_TOTAL_MAX / (1024 * 1024));
    for (const char *const *a = afters; *a; a++)
        html(b, "<option value=\"%s\"%R>%s</option>", *a, cs->after && !strcmp(cs->after, *a) ? " selected" : "",
             page_status_label(*a));
    html(b, "</select></label><span class=\"hint\"><kbd>Ctrl</kbd> <kbd>Enter</kbd></span>"
            "<button class=\"primary\" type=\"submit\" id=\"send\"><span class=\"if-reply\">Send reply</span>"
            "<span class=\"if-note\">Add note</span></button></div></form>");
}

static void ticket_page(req *r, resp *w, long long id, const composer_state *cs)
{
    ticket_rec t;
    herr e;
    if (svc_ticket_get(&r->s, id, &t, &e)) return page_error(r, w, e.status, e.status == 404 ? "There is no such ticket." : "The ticket could not be read.");
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

    page_begin(r, w, t.subject, "inbox");
    buf *b = &w->body;
    html(b, "<div class=\"ticket-head\"><a class=\"back\" href=\"/inbox\">← Inbox</a><h1>%s <span class=\"id\">#%l</span></h1>"
            "<p class=\"meta\"><span class=\"badge %s\" id=\"status-badge\">%s</span> <span class=\"dot %s\"></span> %s priority · via %s · opened %s",
         t.subject, t.id, t.status, page_status_label(t.status), t.priority, t.priority, t.channel, page_ago(r, t.created_at));
    html(b, " · %s</p></div><div class=\"ticket-layout\"><section class=\"conversation\">",
         t.owner_name ? arena_printf(&r->a, "owned by %s", t.owner_name) : "no owner yet");
    thread(r, b, msgs, nmsgs, views, nviews, atts, natts);
    if (strcmp(t.status, "closed")) {
        composer(r, b, &t, cs);
        page_coach_panel(r, b, customer_last_words(r, msgs, nmsgs, views, nviews), t.customer_name);
    } else {
        html(b, "<p class=\"card muted closed-note\">This ticket is closed. A new message from the customer opens a new ticket.</p>");
    }
    html(b, "</section><aside class=\"side\">");
    properties(r, b, &t, agents, nagents, teams, nteams);
    customer_rec c = {0};
    int have_customer = svc_customer_get(&r->s, t.customer_id, &c, &e) > 0;
    html(b, "<section class=\"card customer customer-card\"><h2>Customer</h2><div class=\"who\"><span class=\"avatar\" aria-hidden=\"true\">%s</span>"
            "<p><a href=\"/customers/%l\"><strong>%s</strong></a><br><span class=\"muted\">%s</span></p></div>",
         page_initials(r, t.customer_name), t.customer_id, t.customer_name, t.customer_email);
    if (have_customer)
        html(b, "<ul class=\"facts\"><li>%s</li><li>Customer since %s</li></ul>",
             c.ticket_count <= 1 ? "First conversation with us"
                                 : arena_printf(&r->a, "%d conversations with us", c.ticket_count),
             page_ago(r, c.created_at));
    html(b, "</section>");
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

void page_ticket_reply(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    const char *kind = req_form(r, "kind"), *body = req_form(r, "body"), *after = req_form(r, "status_after");
    if (!kind || (strcmp(kind, "reply") && strcmp(kind, "note"))) kind = "reply";
    mail_attach_in *files = NULL;
    int nfiles = r->upload ? upload_files(r->upload, &files) : 0;
    message_rec m;
    /* an upload over the body limit had its files only counted (server.c): say which rule they broke */
    if (r->upload_too_large && (!svc_attach_check(&r->s, files, nfiles, &e) || e.status >= 500))
        herr_set(&e, 413, "body_too_large", "files", "the upload is larger than %d MB in all", ATTACH_TOTAL_MAX / (1024 * 1024));
    if (r->upload_too_large || svc_ticket_add_message_files(&r->s, id, kind, body, files, nfiles, &m, NULL, &e)) {
        /* a refused message comes back on the ticket page with its text, mode and status
         * choice, so nothing typed is lost (404: no ticket; 409: closed, no composer) */
        if (e.status >= 500 || e.status == 404 || e.status == 409)
            return page_error(r, w, e.status, e.status < 500 ? e.message : "The message could not be saved; see the server log.");
        w->status = e.status;
        return ticket_page(r, w, id, &(composer_state){.error = e.message, .kind = kind, .body = body, .after = after});
    }
    if (after && *after) {
        ticket_patch p = {.status = after};
        ticket_rec t;
        if (svc_ticket_update(&r->s, id, &p, &t, &e)) return page_error(r, w, e.status, e.message);
    }
    resp_redirect(w, back_to(r, id, !strcmp(kind, "reply") ? "Reply+sent" : "Note+added"));
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

void page_ticket_update(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    ticket_patch p = {.status = req_form(r, "status"), .priority = req_form(r, "priority")};
    const char *owner = req_form(r, "owner"), *team = req_form(r, "team"), *tags = req_form(r, "tags");
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
    ticket_rec t;
    if (svc_ticket_update(&r->s, id, &p, &t, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The ticket could not be saved; see the server log.");
    resp_redirect(w, back_to(r, id, "Saved"));
}

void page_ticket_new(req *r, resp *w)
{
    page_begin(r, w, "New ticket", "new");
    buf *b = &w->body;
    html(b, "<section class=\"card narrow\"><h1>New ticket</h1><p class=\"muted\">For a customer who called, chatted or wrote elsewhere.</p>"
            "<form method=\"post\" action=\"/tickets/new\">");
    page_csrf_field(r, b);
    html(b, "<div class=\"row\"><label>Customer email<input type=\"email\" name=\"email\" required autofocus></label>"
            "<label>Customer name<input name=\"name\"></label></div>"
            "<label>Subject<input name=\"subject\" required maxlength=\"200\"></label>"
            "<label>What the customer said<textarea name=\"message\" rows=\"6\" required></textarea></label>"
            "<div class=\"row\"><label>Channel<select name=\"channel\"><option value=\"phone\">Phone</option><option value=\"email\">Email</option>"
            "<option value=\"chat\">Chat</option><option value=\"social\">Social</option><option value=\"web\">Web</option></select></label>"
            "<label>Priority<select name=\"priority\"><option value=\"low\">Low</option><option value=\"normal\" selected>Normal</option>"
            "<option value=\"high\">High</option><option value=\"urgent\">Urgent</option></select></label></div>"
            "<button class=\"primary\" type=\"submit\">Create ticket</button></form></section>");
    page_end(r, w);
}

void page_ticket_create(req *r, resp *w)
{
    ticket_new in = {.customer_email = req_form(r, "email"), .customer_name = req_form(r, "name"),
                     .subject = req_form(r, "subject"), .message = req_form(r, "message"),
                     .channel = req_form(r, "channel"), .priority = req_form(r, "priority")};
    ticket_rec t;
    herr e;
    if (svc_ticket_create(&r->s, &in, &t, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The ticket could not be created; see the server log.");
    resp_redirect(w, back_to(r, t.id, "Ticket+created"));
}
