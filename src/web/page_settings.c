/* "Your settings": an agent's own time zone (the live coach promises in it), and the admin's
 * per-agent form on the admin page posts to page_admin_agent_timezone. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "service/service.h"
#include "service/svc_macros.h"
#include "util/tz.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_accounts.h"

typedef struct zones { arena *a; const char **v; int n, cap; } zones;
static void add_zone(const char *name, void *ctx)
{
    zones *z = ctx;
    *(const char **)arena_push(z->a, &z->v, &z->n, &z->cap, sizeof *z->v) = arena_strdup(z->a, name);
}
static int by_name(const void *x, const void *y) { return strcmp(*(const char *const *)x, *(const char *const *)y); }

/* "UTC−05:00" */
static const char *offset_text(req *r, int off)
{
    int a = off < 0 ? -off : off;
    return arena_printf(&r->a, "UTC%s%02d:%02d", off < 0 ? "\u2212" : "+", a / 60, a % 60);
}

/* a datalist of the database's zones, for the time zone inputs on this page and the admin page */
void page_zone_datalist(req *r, buf *b)
{
    zones z = {.a = &r->a};
    add_zone("UTC", &z);
    tz_each(add_zone, &z);
    qsort(z.v, (size_t)z.n, sizeof *z.v, by_name);
    html(b, "<datalist id=\"zones\">");
    for (int i = 0; i < z.n; i++) html(b, "<option value=\"%s\">", z.v[i]);
    html(b, "</datalist>");
}

void page_settings_render(req *r, resp *w, int status, const char *typed, const char *error, const account_view *acct)
{
    const char *zone = svc_agent_zone(&r->agent, r->default_tz);
    tz_view v;
    bool known = tz_at(zone, (long long)time(NULL), &v);
    page_begin(r, w, "Your settings", "settings");
    w->status = status;
    buf *b = &w->body;
    html(b, "<section class=\"card narrow settings\"><h1>Your settings</h1><h2>Time zone</h2>"
            "<p>Your promises in the reply coach (\"by 5pm\", \"tomorrow morning\") are read in this zone, and their due "
            "dates are shown in it.</p><p class=\"tz-now\">Now: <strong id=\"tz-current\">%s</strong>",
         zone);
    if (known) html(b, " (%s, %s)", v.abbr, offset_text(r, v.offset));
    if (!r->agent.timezone) html(b, " <span class=\"muted\">the team's default</span>");
    html(b, "</p><form method=\"post\" action=\"/settings\" class=\"settings-form\">");
    page_csrf_field(r, b);
    html(b, "<label>Time zone<input name=\"timezone\" id=\"timezone\" list=\"zones\" autocomplete=\"off\" spellcheck=\"false\""
            " placeholder=\"Europe/London\" value=\"%s\"%R></label>",
         typed ? typed : r->agent.timezone ? r->agent.timezone : "", error ? " aria-invalid=\"true\" aria-describedby=\"tz-error\"" : "");
    if (error) html(b, "<p class=\"error\" id=\"tz-error\" role=\"alert\">%s</p>", error);
    html(b, "<p class=\"muted\">An IANA name such as America/New_York or Asia/Kolkata. Leave it empty for the team's default (%s).</p>"
            "<button class=\"primary\" type=\"submit\">Save</button></form>",
         r->default_tz && *r->default_tz ? r->default_tz : "UTC");
    page_zone_datalist(r, b);
    html(b, "</section>");
    /* what follows a sent reply, and the saved replies (macros) */
    const char *after = "stay";
    herr e;
    if (svc_after_send(&r->s, &after, &e)) after = "stay";
    html(b, "<section class=\"card narrow settings\" id=\"after-send\"><h2>After you send a reply</h2>"
            "<form method=\"post\" action=\"/settings/after-send\" class=\"settings-form\">");
    page_csrf_field(r, b);
    html(b, "<label><input type=\"radio\" name=\"after_send\" value=\"stay\"%R> Stay on the ticket</label>"
            "<label><input type=\"radio\" name=\"after_send\" value=\"next\"%R> Go to the next ticket to work (focus mode)</label>"
            "<button type=\"submit\">Save</button></form>"
            "<p><a href=\"/macros\">Your macros</a>: saved replies you type as <kbd>/shortcut</kbd> in the reply box.</p></section>",
         strcmp(after, "next") ? " checked" : "", strcmp(after, "next") ? "" : " checked");
    page_account_sections(r, b, acct); /* password, sessions, API tokens: page_accounts.c */
    page_end(r, w);
}

void page_settings(req *r, resp *w) { page_settings_render(r, w, 200, NULL, NULL, NULL); }

void page_settings_post(req *r, resp *w)
{
    const char *tz = req_form(r, "timezone");
    agent_rec a;
    herr e;
    if (svc_agent_set_timezone(&r->s, r->agent.id, tz, &a, &e)) {
        if (e.status >= 500) return page_error(r, w, e.status, "Your time zone could not be saved.");
        return page_settings_render(r, w, e.status, tz, e.message, NULL);
    }
    resp_redirect(w, "/settings?flash=Time+zone+saved");
}

void page_settings_after_send(req *r, resp *w)
{
    herr e;
    if (svc_after_send_set(&r->s, req_form(r, "after_send"), &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, "/settings?flash=Saved#after-send");
}

void page_admin_agent_timezone(req *r, resp *w)
{
    long long id;
    agent_rec a;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "No such agent.");
    if (svc_agent_set_timezone(&r->s, id, req_form(r, "timezone"), &a, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The time zone could not be saved.");
    resp_redirect(w, "/admin?flash=Time+zone+saved");
}
