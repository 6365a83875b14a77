/* Email pages: attachment downloads (any agent) and the quarantine (admins): the
 * list, the raw bytes, and a retry that files a message again. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mail/mail.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"

/* Content-Disposition for a download: an ASCII fallback name and the UTF-8 one (RFC 6266) */
static const char *disposition(req *r, const char *name)
{
    buf b;
    buf_init(&b, 128);
    buf_puts(&b, "attachment; filename=\"");
    for (const char *p = name; *p; p++) buf_putc(&b, isalnum((unsigned char)*p) || strchr("._-", *p) ? *p : '_');
    buf_puts(&b, "\"; filename*=UTF-8''");
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (isalnum(*p) || strchr("._-", *p)) buf_putc(&b, (char)*p);
        else {
            char t[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_put(&b, t, 3);
        }
    }
    char *s = arena_strndup(&r->a, b.p, b.len);
    buf_free(&b);
    return s;
}

static void send_bytes(req *r, resp *w, const char *data, size_t n, const char *filename)
{
    w->status = 200;
    w->content_type = "application/octet-stream"; /* never rendered by the browser */
    buf_put(&w->body, data, n);
    resp_header(w, "Content-Disposition", disposition(r, filename));
    resp_header(w, "Cache-Control", "private, no-store");
}

/* inline: an image of an allowed type shown in an HTML mail (<img src=".../inline">), sent
 * with its own type; anything else, or any other type, is a download */
static void attachment(req *r, resp *w, bool inline_image)
{
    long long id;
    herr e;
    mail_attachment_rec at;
    const char *path = NULL;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such attachment.");
    int found = svc_mail_attachment_get(&r->s, id, &at, &path, &e);
    if (found < 0) return page_error(r, w, 500, "The attachment could not be read; see the server log.");
    if (!found) return page_error(r, w, 404, "There is no such attachment, or it was too large to keep.");
    if (inline_image && !mail_inline_image_type(at.content_type))
        return page_error(r, w, 404, "This attachment is not an image that can be shown inline.");
    FILE *fp = fopen(path, "rb");
    if (!fp) return page_error(r, w, 500, "The attachment's file is missing; see the server log.");
    buf data;
    buf_init(&data, at.size > 0 ? (size_t)at.size + 1 : 1024);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && data.len <= (size_t)MAIL_ATTACH_MAX) buf_put(&data, chunk, got);
    fclose(fp);
    if (inline_image) { /* its own image type; nosniff (server.c) keeps the browser to it: never HTML */
        w->status = 200;
        w->content_type = at.content_type;
        buf_put(&w->body, data.p, data.len);
        resp_header(w, "Content-Disposition", "inline");
        resp_header(w, "Cache-Control", "private, max-age=86400");
    } else {
        send_bytes(r, w, data.p, data.len, at.filename);
    }
    buf_free(&data);
}

void page_attachment(req *r, resp *w) { attachment(r, w, false); }
void page_attachment_inline(req *r, resp *w) { attachment(r, w, true); }

/* the value of the first `name:` header line, unfolded, leniently (any bytes) */
static const char *peek_header(req *r, const char *raw, size_t n, const char *name)
{
    size_t k = strlen(name), lim = n < 65536 ? n : 65536;
    for (size_t i = 0; i < lim;) {
        const char *line = raw + i;
        const char *nl = memchr(line, '\n', lim - i);
        size_t len = nl ? (size_t)(nl - line) : lim - i;
        if (len == 0 || (len == 1 && line[0] == '\r')) break; /* end of the header */
        if (len > k && !strncasecmp(line, name, k) && line[k] == ':') {
            buf v;
            buf_init(&v, 128);
            buf_put(&v, line + k + 1, len - k - 1);
            for (size_t j = i + len + 1; j < lim && (raw[j] == ' ' || raw[j] == '\t') && v.len < 1000;) {
                const char *cn = memchr(raw + j, '\n', lim - j);
                size_t cl = cn ? (size_t)(cn - (raw + j)) : lim - j;
                buf_put(&v, raw + j, cl);
                j += cl + 1;
            }
            char *clean = mail_cut_utf8(&r->a, mail_clean_text(&r->a, v.p, v.len, false), 160);
            buf_free(&v);
            return clean;
        }
        i += len + 1;
    }
    return NULL;
}

void page_admin_quarantine(req *r, resp *w)
{
    mail_quarantine_rec *q;
    int n;
    herr e;
    if (svc_mail_quarantine_list(&r->s, &q, &n, &e)) return page_error(r, w, 500, "Could not read the quarantine.");
    page_begin(r, w, "Mail quarantine", "admin");
    buf *b = &w->body;
    html(b, "<section class=\"card quarantine\"><h1>Mail quarantine</h1><p class=\"muted\">Email heed could not file, kept "
            "byte for byte. <strong>Retry</strong> files it again (after a fix or a rule change) and takes it off this list.</p>");
    if (!n) {
        html(b, "<p class=\"muted\" id=\"quarantine-empty\">Nothing is quarantined.</p></section>");
        return page_end(r, w);
    }
    html(b, "<table class=\"plain\" id=\"quarantine\"><thead><tr><th>Received</th><th>From</th><th>Subject</th><th>Reason</th>"
            "<th class=\"num\">Size</th><th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const char *from = peek_header(r, q[i].raw, q[i].size, "From");
        const char *subject = peek_header(r, q[i].raw, q[i].size, "Subject");
        html(b, "<tr id=\"q%l\"><td title=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%l</td><td>",
             q[i].id, q[i].received_at, page_ago(r, q[i].received_at), from ? from : "—", subject ? subject : "—",
             q[i].reason, (long long)q[i].size);
        html(b, "<form method=\"post\" action=\"/admin/quarantine/%l/retry\" class=\"inline\">", q[i].id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\">Retry</button></form> <a href=\"/admin/quarantine/%l/raw\" download>download raw</a></td></tr>",
             q[i].id);
    }
    html(b, "</tbody></table></section>");
    page_end(r, w);
}

enum { OUTBOX_PAGE_ROWS = 200 };

/* a row's action: a POST form with the CSRF token; heed.js asks data-confirm first */
static void outbox_action(req *r, buf *b, const outbox_rec *o, const char *action, const char *label, const char *ask)
{
    html(b, "<form method=\"post\" action=\"/admin/outbox/%l/%s\" class=\"inline\" data-confirm=\"%s\">", o->id, action,
         arena_printf(&r->a, ask, o->to_addr));
    page_csrf_field(r, b);
    html(b, "<button type=\"submit\" class=\"%s\">%s</button></form>", action, label);
}

/* the state filter: all, or one state (as the API's ?state=), each with its count */
static const char *const OUTBOX_TABS[][2] = {{"queued", "Queued"},       {"sending", "Sending"}, {"failed", "Failed"},
                                             {"cancelled", "Cancelled"}, {"sent", "Sent"}};
enum { NTABS = sizeof OUTBOX_TABS / sizeof OUTBOX_TABS[0] };

static int outbox_counts(req *r, int count[NTABS], int *all, herr *e)
{
    *all = 0;
    for (int i = 0; i < NTABS; i++) {
        if (svc_outbox_count(&r->s, OUTBOX_TABS[i][0], &count[i], e)) return -1;
        *all += count[i];
    }
    return 0;
}

static void outbox_tabs(buf *b, const char *state, const int count[NTABS], int all)
{
    html(b, "<nav class=\"tabs outbox-states\" aria-label=\"Delivery state\">");
    for (int i = -1; i < NTABS; i++) {
        const char *st = i < 0 ? "" : OUTBOX_TABS[i][0];
        bool on = !strcmp(st, state ? state : "");
        html(b, "<a class=\"tab%R\"%R href=\"/admin/outbox%R%u\">%s <span class=\"count\">%d</span></a>", on ? " active" : "",
             on ? " aria-current=\"page\"" : "", *st ? "?state=" : "", st, i < 0 ? "All" : OUTBOX_TABS[i][1],
             i < 0 ? all : count[i]);
    }
    html(b, "</nav>");
}

/* the outbox rows, newest first, 200 a page, all or in one state: what heed sent or is
 * sending, how it went, and (for admins) cancel a queued one or resend a failed or cancelled one */
void page_admin_outbox(req *r, resp *w)
{
    outbox_rec *o;
    int n;
    herr e;
    long long before = 0;
    const char *bq = req_query(r, "before"), *state = req_query(r, "state");
    if (bq && *bq && !parse_id(bq, &before)) return page_error(r, w, 400, "That is not a page of the outbox.");
    if (state && !*state) state = NULL;
    if (state && !svc_outbox_state_valid(state))
        return page_error(r, w, 400, "That is not a state of the outbox: queued, sending, failed, cancelled or sent.");
    int count[NTABS], all;
    if (svc_outbox_recent(&r->s, state, before, OUTBOX_PAGE_ROWS, &o, &n, &e) || outbox_counts(r, count, &all, &e))
        return page_error(r, w, 500, "Could not read the outbox.");
    page_begin(r, w, "Outbox", "admin");
    buf *b = &w->body;
    html(b, "<section class=\"card outbox\"><h1>Outbox</h1><p class=\"muted\">Email heed sends (replies, "
            "acknowledgements, notices), newest first, with its delivery state. Queued mail is retried with growing "
            "pauses and gives up after %s in the queue. <strong>Cancel</strong> stops a queued email; "
            "<strong>Resend</strong> queues a failed or cancelled one again.</p>",
         svc_duration_text(&r->a, svc_outbox_expiry()));
    if (!svc_outbox_sending())
        html(b, "<p class=\"mail-off\" id=\"mail-off\">Outbound mail is off: nothing here is sent until <code>smtp_url</code> is set "
                "(heed.conf, <code>HEED_SMTP_URL</code> or <code>--smtp_url</code>; docs/MAIL.md). Queued mail still expires "
                "after %s.</p>", svc_duration_text(&r->a, svc_outbox_expiry()));
    outbox_tabs(b, state, count, all);
    if (!n) {
        html(b, "<p class=\"muted\" id=\"outbox-empty\">%s</p></section>",
             before ? "No older mail." : state ? arena_printf(&r->a, "No email is %s.", state) : "Nothing has been queued.");
        return page_end(r, w);
    }
    html(b, "<table class=\"plain\" id=\"outbox\"><thead><tr><th>Queued</th><th>Kind</th><th>To</th><th>Subject</th>"
            "<th>Ticket</th><th>State</th><th class=\"num\">Attempts</th><th>Last error</th><th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const outbox_rec *x = &o[i];
        bool queued = !strcmp(x->state, "queued");
        const char *when = !strcmp(x->state, "sent") && x->sent_at ? arena_printf(&r->a, "sent %s", page_ago(r, x->sent_at))
                           : queued && x->attempts                 ? arena_printf(&r->a, "next try %s", x->next_attempt_at)
                                                                   : "";
        html(b, "<tr id=\"o%l\" class=\"state-%s\"><td title=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td>"
                "<td><a href=\"/tickets/%l\">#%l</a></td><td><span class=\"state\">%s</span> <span class=\"muted\">%s</span></td>"
                "<td class=\"num\">%d</td><td class=\"last-error\">%s</td><td>",
             x->id, x->state, x->created_at, page_ago(r, x->created_at), x->kind, x->to_addr, x->subject, x->ticket_id,
             x->ticket_id, x->state, when, x->attempts, x->last_error ? x->last_error : "");
        if (queued || !strcmp(x->state, "sending"))
            outbox_action(r, b, x, "cancel", "Cancel", "Cancel this email to %s? It will not be sent.");
        else if (!strcmp(x->state, "failed") || !strcmp(x->state, "cancelled"))
            outbox_action(r, b, x, "retry", "Resend", "Send this email to %s again?");
        html(b, "</td></tr>");
    }
    html(b, "</tbody></table>");
    if (n == OUTBOX_PAGE_ROWS)
        html(b, "<p><a href=\"/admin/outbox?before=%l%R%u\" id=\"outbox-older\">Older mail</a></p>", o[n - 1].id,
             state ? "&amp;state=" : "", state ? state : "");
    html(b, "</section>");
    page_end(r, w);
}

/* a short flash text for a redirect URL */
static const char *flash_text(req *r, const char *s)
{
    buf b;
    buf_init(&b, 128);
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p && b.len < 150; p++) {
        if (isalnum(*p)) buf_putc(&b, (char)*p);
        else if (*p == ' ') buf_putc(&b, '+');
        else {
            char t[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_put(&b, t, 3);
        }
    }
    char *out = arena_strndup(&r->a, b.p, b.len);
    buf_free(&b);
    return out;
}

void page_admin_quarantine_retry(req *r, resp *w)
{
    long long id;
    herr e;
    mail_result res;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such quarantined message.");
    if (mail_retry_quarantined(r->s.db, id, &r->agent, &res, &e)) {
        if (e.status == 404) return page_error(r, w, 404, "There is no such quarantined message.");
        if (e.status >= 500) return page_error(r, w, 500, "The database failed; see the server log.");
        return resp_redirect(w, arena_printf(&r->a, "/admin/quarantine?flash=Still+cannot+be+filed:+%s",
                                             flash_text(r, e.message)));
    }
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Filed+from+the+quarantine", res.ticket_id));
}

void page_admin_quarantine_raw(req *r, resp *w)
{
    long long id;
    herr e;
    mail_quarantine_rec q;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such quarantined message.");
    int found = svc_mail_quarantine_get(&r->s, id, &q, &e);
    if (found <= 0) return page_error(r, w, found < 0 ? 500 : 404, "There is no such quarantined message.");
    send_bytes(r, w, q.raw, q.size, arena_printf(&r->a, "quarantine-%lld.eml", id));
}

/* POST /admin/outbox/{id}/cancel and /retry: back to the outbox with what happened */
static void outbox_post(req *r, resp *w, int (*fn)(svc *, long long, outbox_rec *, herr *), const char *done)
{
    long long id;
    herr e;
    outbox_rec o;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such email in the outbox.");
    if (fn(&r->s, id, &o, &e)) {
        if (e.status == 404 || e.status == 403) return page_error(r, w, e.status, e.message);
        if (e.status >= 500) return page_error(r, w, 500, "The database failed; see the server log.");
        return resp_redirect(w, arena_printf(&r->a, "/admin/outbox?flash=%s#o%lld", flash_text(r, e.message), id));
    }
    resp_redirect(w, arena_printf(&r->a, "/admin/outbox?flash=%s#o%lld",
                                  flash_text(r, arena_printf(&r->a, "Mail %lld to %s %s.", id, o.to_addr, done)), id));
}

void page_admin_outbox_cancel(req *r, resp *w) { outbox_post(r, w, svc_outbox_cancel, "cancelled"); }
void page_admin_outbox_retry(req *r, resp *w) { outbox_post(r, w, svc_outbox_resend, "queued to be sent again"); }
