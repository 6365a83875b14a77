/* Page chrome shared by every page. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "util/timeutil.h"
#include "service/svc_notify.h"
#include "web/page.h"

void page_csrf_field(req *r, buf *b)
{
    html(b, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", r->csrf ? r->csrf : "");
}

const char *page_status_label(const char *status)
{
    if (!strcmp(status, "on-hold")) return "On hold";
    if (!strcmp(status, "new")) return "New";
    if (!strcmp(status, "open")) return "Open";
    if (!strcmp(status, "pending")) return "Pending";
    if (!strcmp(status, "solved")) return "Solved";
    if (!strcmp(status, "closed")) return "Closed";
    return status;
}

static size_t utf8_char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (!s[i]) return i;
    return n;
}

const char *page_initials(req *r, const char *name)
{
    char out[16];
    size_t len = 0;
    const char *first = NULL, *last = NULL;
    for (const char *p = name ? name : ""; *p; p++)
        if (*p != ' ' && (p == name || p[-1] == ' ')) {
            if (!first) first = p;
            else last = p;
        }
    const char *pick[2] = {first, last};
    for (int i = 0; i < 2; i++) {
        if (!pick[i]) continue;
        size_t n = utf8_char_len(pick[i]);
        memcpy(out + len, pick[i], n);
        if (n == 1 && out[len] >= 'a' && out[len] <= 'z') out[len] = (char)(out[len] - 'a' + 'A');
        len += n;
    }
    if (!len) out[len++] = '?';
    return arena_strndup(&r->a, out, len);
}

const char *page_ago(req *r, const char *iso)
{
    time_t t;
    if (!iso || !time_parse_iso(iso, &t)) return "";
    long d = (long)(svc_clock() - t);
    if (d < 60) return "just now";
    if (d < 3600) return arena_printf(&r->a, "%ld min ago", d / 60);
    if (d < 86400) return arena_printf(&r->a, "%ld h ago", d / 3600);
    if (d < 86400 * 30) return arena_printf(&r->a, "%ld d ago", d / 86400);
    return arena_strndup(&r->a, iso, 10);
}

const char *page_when(req *r, const char *iso)
{
    time_t t;
    if (!iso || !time_parse_iso(iso, &t)) return "";
    long d = (long)(t - svc_clock());
    if (d <= 0) return page_ago(r, iso);
    if (d < 3600) return arena_printf(&r->a, "in %ld min", d / 60 + 1);
    if (d < 86400) return arena_printf(&r->a, "in %ld h", d / 3600);
    return arena_printf(&r->a, "in %ld d", d / 86400);
}

static void nav_item(buf *b, const char *href, const char *label, const char *key, const char *active)
{
    html(b, "<a href=\"%s\"%R>%s</a>", href, active && !strcmp(active, key) ? " class=\"active\" aria-current=\"page\"" : "", label);
}

void page_begin(req *r, resp *w, const char *title, const char *active)
{
    buf *b = &w->body;
    w->content_type = "text/html; charset=utf-8";
    html(b,
         "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>%s · heed</title><link rel=\"stylesheet\" href=\"/static/heed.css\">"
         "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">"
         "<script src=\"/static/heed.js\" defer></script></head><body%R>",
         title, r->authed ? "" : " class=\"bare\"");
    if (r->authed) {
        const char *q = req_query(r, "q");
        if (q && strlen(q) > 200) q = NULL;
        html(b, "<a class=\"skip\" href=\"#main\">Skip to content</a>"
                "<header class=\"topbar\"><a class=\"brand\" href=\"/inbox\"><img src=\"/static/icon.svg\" alt=\"\" width=\"24\" height=\"24\">heed</a>"
                "<nav aria-label=\"Main\">");
        nav_item(b, "/inbox", "Inbox", "inbox", active);
        nav_item(b, "/tickets/new", "New ticket", "new", active);
        nav_item(b, "/customers", "Customers", "customers", active);
        nav_item(b, "/focus", "Focus", "focus", active);
        nav_item(b, "/incidents", "Incidents", "incidents", active);
        nav_item(b, "/kb", "Knowledge", "kb", active);
        if (strcmp(r->agent.role, "agent")) nav_item(b, "/goodwill", "Goodwill", "goodwill", active);
        if (!strcmp(r->agent.role, "admin")) nav_item(b, "/admin", "Admin", "admin", active);
        nav_item(b, "/settings", "Settings", "settings", active);
        /* the bell: unread notifications, on every page */
        int unread = 0;
        herr ne;
        if (svc_notifications_unread(&r->s, &unread, &ne)) unread = 0;
        html(b, "<a class=\"bell%R\" href=\"/notifications\" aria-label=\"Notifications: %R unread\"%R>"
                "<svg aria-hidden=\"true\" width=\"18\" height=\"18\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\""
                " stroke-width=\"2\"><path d=\"M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9\"/><path d=\"M10.3 21a1.94 1.94 0 0 0 3.4 0\"/></svg>",
             unread ? " unread" : "", arena_printf(&r->a, "%d", unread),
             active && !strcmp(active, "notifications") ? " aria-current=\"page\"" : "");
        if (unread) html(b, "<span class=\"count\">%R</span>", unread > 99 ? "99+" : arena_printf(&r->a, "%d", unread));
        html(b, "</a>");
        html(b,
             "</nav><form class=\"search\" action=\"/inbox\" method=\"get\" role=\"search\" aria-label=\"Tickets\">"
             "<input type=\"search\" name=\"q\" placeholder=\"Search tickets\" aria-label=\"Search tickets\" id=\"search\" aria-keyshortcuts=\"/\" value=\"%s\"><kbd aria-hidden=\"true\">/</kbd>"
             "<input type=\"hidden\" name=\"view\" value=\"all\"><input type=\"hidden\" name=\"status\" value=\"any\"></form>"
             "<div class=\"me\"><span class=\"who\"><span class=\"avatar agent small\" aria-hidden=\"true\">%s</span>%s <small>%s</small></span>",
             q ? q : "", page_initials(r, r->agent.name), r->agent.name, r->agent.role);
        /* in or away: automatic assignment and the inbox's "who is in" follow it */
        html(b, "<form action=\"/settings/available\" method=\"post\" class=\"presence\"><input type=\"hidden\" name=\"available\" value=\"%R\">"
                "<input type=\"hidden\" name=\"back\" value=\"%s\">",
             r->agent.available ? "0" : "1", r->path ? r->path : "/inbox");
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"link presence-toggle %R\" id=\"presence\" title=\"%R\">%R</button></form>"
                "<form action=\"/logout\" method=\"post\">",
             r->agent.available ? "in" : "away", r->agent.available ? "You are in. Press to go away." : "You are away. Press to come in.",
             r->agent.available ? "● In" : "○ Away");
        page_csrf_field(r, b);
        html(b, "<button class=\"link\" type=\"submit\">Sign out</button></form></div></header>");
    }
    const char *flash = req_query(r, "flash");
    html(b, "<main id=\"main\">");
    if (flash && *flash && strlen(flash) < 200) html(b, "<p class=\"flash\" role=\"status\">%s</p>", flash);
}

void page_end(req *r, resp *w)
{
    if (r->authed)
        html(&w->body, "</main><footer><a href=\"#shortcuts\" id=\"show-shortcuts\">Press <kbd>?</kbd> for keyboard shortcuts</a></footer></body></html>");
    else
        html(&w->body, "</main><footer>heed · a helpdesk that listens</footer></body></html>");
}

void page_error(req *r, resp *w, int status, const char *message)
{
    w->status = status;
    buf_reset(&w->body);
    page_begin(r, w, "Something is not right", NULL);
    html(&w->body, "<section class=\"card narrow error-page\"><h1>%s</h1><p>%s</p><p><a href=\"/inbox\">Back to the inbox</a></p></section>",
         status == 404 ? "Not found" : status == 403 ? "Not allowed" : "Something is not right", message);
    page_end(r, w);
}
