/* /notifications: what the bell counts. Opening one marks it read and goes where it leads;
 * "Mark all read" clears the count. */
#include <string.h>
#include "service/svc_notify.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"

void page_notifications(req *r, resp *w)
{
    enum { PAGE = 50 };
    const char *before = req_query(r, "before");
    long long before_id = 0;
    if (before && !parse_id(before, &before_id)) before_id = 0;
    notification_rec *ns;
    int n, unread;
    herr e;
    if (svc_notifications(&r->s, false, before_id, PAGE, &ns, &n, &unread, &e))
        return page_error(r, w, 500, "The notifications could not be read.");
    page_begin(r, w, "Notifications", "notifications");
    buf *b = &w->body;
    html(b, "<section class=\"card\"><div class=\"card-head\"><h1>Notifications</h1>");
    if (unread) {
        html(b, "<form method=\"post\" action=\"/notifications/read\">");
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"secondary\" id=\"mark-all-read\">Mark all read</button></form>");
    }
    html(b, "</div>");
    if (!n) {
        html(b, "<p class=\"muted\" id=\"no-notifications\">Nothing yet. You are told here when someone mentions you in a "
                "note, hands you a ticket, or a promise or a deadline of yours comes due.</p></section>");
        return page_end(r, w);
    }
    html(b, "<ul class=\"notifications\" id=\"notifications\">");
    for (int i = 0; i < n; i++) {
        const notification_rec *x = &ns[i];
        html(b, "<li class=\"notification%R\" data-kind=\"%s\"><form method=\"post\" action=\"/notifications/%l/open\">",
             x->read_at ? "" : " unread", x->kind, x->id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"link title\">%s</button></form>", x->title);
        if (x->body) html(b, "<p class=\"excerpt\">%s</p>", x->body);
        html(b, "<p class=\"meta muted\"><time datetime=\"%s\">%s</time>%R</p></li>", x->created_at, page_ago(r, x->created_at),
             x->read_at ? "" : " · <strong>new</strong>");
    }
    html(b, "</ul>");
    if (n == PAGE) html(b, "<p class=\"pager\"><a href=\"/notifications?before=%l\">Older →</a></p>", ns[n - 1].id);
    html(b, "</section>");
    page_end(r, w);
}

void page_notification_open(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such notification.");
    int changed;
    herr e;
    if (svc_notifications_read(&r->s, id, &changed, &e)) return page_error(r, w, e.status, e.message);
    notification_rec *ns;
    int n;
    /* where it leads: read back from the agent's own list (never a URL from the request) */
    const char *to = "/notifications";
    if (!svc_notifications(&r->s, false, id + 1, 1, &ns, &n, NULL, &e) && n && ns[0].id == id && ns[0].url) to = ns[0].url;
    resp_redirect(w, to);
}

void page_notifications_read(req *r, resp *w)
{
    int changed;
    herr e;
    if (svc_notifications_read(&r->s, 0, &changed, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/notifications?flash=All+read");
}
