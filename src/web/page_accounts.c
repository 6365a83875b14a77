/* The account cards of "Your settings": change your password, see and end your
 * sessions, and your API tokens (make one with a name and an expiry, shown once;
 * revoke). A refused form shows the page again with the error beside its field
 * and what was typed (never a password) kept. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "service/service.h"
#include "util/timeutil.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_accounts.h"
#include "web/ratelimit.h"

static const char *field_error(const account_view *v, const char *form, const char *field)
{
    return v && v->error && v->form && !strcmp(v->form, form) && v->field && !strcmp(v->field, field) ? v->error : NULL;
}

/* an input's invalid marker and its error paragraph */
static void input_attrs(buf *b, const char *err, const char *id)
{
    if (err) html(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", id);
}
static void error_line(buf *b, const char *err, const char *id)
{
    if (err) html(b, "<span class=\"error field-error\" id=\"%s-error\">%s</span>", id, err);
}

static void password_card(req *r, buf *b, const account_view *v)
{
    const char *cur = field_error(v, "password", "current"), *neu = field_error(v, "password", "password");
    html(b, "<section class=\"card narrow settings\" id=\"password\"><h2>Password</h2>"
            "<form method=\"post\" action=\"/settings/password\" class=\"settings-form\">");
    page_csrf_field(r, b);
    html(b, "<label>Current password<input type=\"password\" name=\"current\" id=\"pw-current\" required autocomplete=\"current-password\"");
    input_attrs(b, cur, "pw-current");
    html(b, ">");
    error_line(b, cur, "pw-current");
    html(b, "</label>");
    html(b, "<label>New password<input type=\"password\" name=\"password\" id=\"pw-new\" minlength=\"%d\" required autocomplete=\"new-password\"",
         PASSWORD_MIN);
    input_attrs(b, neu, "pw-new");
    html(b, ">");
    error_line(b, neu, "pw-new");
    html(b, "</label>");
    html(b, "<p class=\"muted\">At least %d characters. Changing it signs you out everywhere else.</p>"
            "<button class=\"primary\" type=\"submit\">Change password</button></form></section>",
         PASSWORD_MIN);
}

/* "Firefox on Linux" from a User-Agent (the whole string is in the title) */
static const char *browser_name(req *r, const char *ua)
{
    if (!ua || !*ua) return "Unknown browser";
    const char *app = strstr(ua, "Edg/") ? "Edge" : strstr(ua, "Firefox/") ? "Firefox"
                      : strstr(ua, "Chrome/") || strstr(ua, "Chromium/") ? "Chrome" : strstr(ua, "Safari/") ? "Safari"
                      : strstr(ua, "curl/") ? "curl" : NULL;
    const char *os = strstr(ua, "Android") ? "Android" : strstr(ua, "iPhone") || strstr(ua, "iPad") ? "iOS"
                     : strstr(ua, "Windows") ? "Windows" : strstr(ua, "Mac OS X") ? "macOS"
                     : strstr(ua, "Linux") ? "Linux" : NULL;
    if (!app) return arena_strndup(&r->a, ua, strnlen(ua, 40));
    return os ? arena_printf(&r->a, "%s on %s", app, os) : app;
}

static void sessions_card(req *r, buf *b)
{
    session_rec *list;
    int n;
    herr e;
    html(b, "<section class=\"card narrow settings\" id=\"sessions\"><h2>Where you are signed in</h2>");
    if (svc_session_list(&r->s, r->agent.id, &list, &n, &e)) {
        html(b, "<p class=\"error\">Your sessions could not be read.</p></section>");
        return;
    }
    html(b, "<table class=\"plain sessions\"><thead><tr><th>Browser</th><th>Address</th><th>Signed in</th><th>Last seen</th><th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
    int others = 0;
    for (int i = 0; i < n; i++) {
        bool current = svc_session_is(r->session_token, list[i].id_hash);
        if (!current) others++;
        html(b, "<tr%R><td title=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>", current ? " class=\"current\"" : "",
             list[i].user_agent ? list[i].user_agent : "", browser_name(r, list[i].user_agent), list[i].address ? list[i].address : "—",
             page_ago(r, list[i].created_at), list[i].last_seen_at ? page_ago(r, list[i].last_seen_at) : "—");
        if (current) html(b, "<strong>This browser</strong>");
        else {
            html(b, "<form method=\"post\" action=\"/settings/sessions/end\" class=\"inline\">");
            page_csrf_field(r, b);
            html(b, "<input type=\"hidden\" name=\"session\" value=\"%s\"><button type=\"submit\">Sign out</button></form>",
                 list[i].id_hash);
        }
        html(b, "</td></tr>");
    }
    html(b, "</tbody></table><p class=\"muted\">Last seen is updated at most once a minute.</p>");
    if (others) {
        html(b, "<form method=\"post\" action=\"/settings/sessions/end\">");
        page_csrf_field(r, b);
        html(b, "<input type=\"hidden\" name=\"session\" value=\"others\">"
                "<button type=\"submit\" class=\"danger\">Sign out everywhere else</button></form>");
    }
    html(b, "</section>");
}

static const char *const DAYS[] = {"30", "90", "365", "", NULL};
static const char *days_label(const char *d) { return !*d ? "Never" : !strcmp(d, "365") ? "1 year" : !strcmp(d, "90") ? "90 days" : "30 days"; }

static void tokens_card(req *r, buf *b, const account_view *v)
{
    token_rec *list;
    int n;
    herr e;
    html(b, "<section class=\"card narrow settings\" id=\"tokens\"><h2>API tokens</h2>"
            "<p>Programs use a token to act as you through the API (<code>Authorization: Bearer &lt;token&gt;</code>).</p>");
    if (v && v->new_token)
        html(b, "<div class=\"new-token\" role=\"status\"><p><strong>Your new token \"%s\".</strong> Copy it now: it is shown only once.</p>"
                "<input class=\"token-secret\" readonly aria-label=\"The new token\" value=\"%s\"></div>",
             v->token_name ? v->token_name : "", v->new_token);
    if (svc_token_list(&r->s, r->agent.id, &list, &n, &e)) {
        html(b, "<p class=\"error\">Your tokens could not be read.</p></section>");
        return;
    }
    if (!n) html(b, "<p class=\"muted\">You have no API tokens.</p>");
    else {
        html(b, "<table class=\"plain tokens\"><thead><tr><th>Name</th><th>Made</th><th>Expires</th><th>Last used</th><th><span class=\"sr\">Actions</span></th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            char now[ISO_LEN];
            time_iso(svc_clock(), now);
            bool expired = list[i].expires_at && strcmp(list[i].expires_at, now) <= 0;
            html(b, "<tr><td>%s</td><td>%s</td><td>%s%R</td><td>%s</td><td>", list[i].name, page_ago(r, list[i].created_at),
                 list[i].expires_at ? arena_strndup(&r->a, list[i].expires_at, 10) : "never", expired ? " (expired)" : "", list[i].last_used_at ? page_ago(r, list[i].last_used_at) : "never");
            html(b, "<form method=\"post\" action=\"/settings/tokens/%l/revoke\" class=\"inline\">", list[i].id);
            page_csrf_field(r, b);
            html(b, "<button type=\"submit\" aria-label=\"Revoke %s\">Revoke</button></form></td></tr>", list[i].name);
        }
        html(b, "</tbody></table><p class=\"muted\">Last used is updated at most once a minute.</p>");
    }
    const char *nerr = field_error(v, "token", "name"), *xerr = field_error(v, "token", "expires_at");
    const char *days = v && v->token_days ? v->token_days : "90";
    html(b, "<h3>Make a token</h3><form method=\"post\" action=\"/settings/tokens\" class=\"settings-form\">");
    page_csrf_field(r, b);
    html(b, "<label>Name<input name=\"name\" id=\"token-name\" maxlength=\"%d\" placeholder=\"Reporting script\" value=\"%s\"",
         TOKEN_NAME_MAX, v && v->token_name && !v->new_token ? v->token_name : "");
    input_attrs(b, nerr, "token-name");
    html(b, ">");
    error_line(b, nerr, "token-name");
    html(b, "</label>");
    html(b, "<label>Expires<select name=\"days\" id=\"token-days\"");
    input_attrs(b, xerr, "token-days");
    html(b, ">");
    for (int i = 0; DAYS[i]; i++)
        html(b, "<option value=\"%s\"%R>%s</option>", DAYS[i], !strcmp(days, DAYS[i]) ? " selected" : "", days_label(DAYS[i]));
    html(b, "</select>");
    error_line(b, xerr, "token-days");
    html(b, "</label>");
    html(b, "<button class=\"primary\" type=\"submit\">Make token</button></form></section>");
}

void page_account_sections(req *r, buf *b, const account_view *v)
{
    password_card(r, b, v);
    sessions_card(r, b);
    tokens_card(r, b, v);
}

static void refused(req *r, resp *w, const herr *e, account_view *v, const char *what)
{
    if (e->status >= 500) return page_error(r, w, e->status, what);
    v->error = e->message;
    v->field = e->field;
    page_settings_render(r, w, e->status, NULL, NULL, v);
}

void page_settings_password(req *r, resp *w)
{
    herr e;
    account_view v = {.form = "password"};
    /* guessing the current password here counts like guessing it on the sign-in page */
    const char *client = page_client_address(r);
    if (!ratelimit_login_begin(client, r->agent.email)) {
        herr_set(&e, 429, "rate_limited", "current", "too many wrong passwords: wait a few minutes and try again");
        return refused(r, w, &e, &v, "");
    }
    int rc = svc_password_change(&r->s, req_form(r, "current"), req_form(r, "password"), r->session_token, &e);
    ratelimit_login_end(client, r->agent.email, rc == 0 || strcmp(e.field, "current"));
    if (rc) return refused(r, w, &e, &v, "Your password could not be changed.");
    resp_redirect(w, "/settings?flash=Password+changed;+your+other+sessions+were+signed+out");
}

void page_settings_sessions_end(req *r, resp *w)
{
    const char *which = req_form(r, "session");
    herr e;
    int ended = 0;
    if (which && !strcmp(which, "others")) {
        if (svc_session_end_others(&r->s, r->session_token, &ended, &e))
            return page_error(r, w, e.status, e.status < 500 ? e.message : "Your sessions could not be ended.");
        return resp_redirect(w, "/settings?flash=Signed+out+everywhere+else#sessions");
    }
    if (svc_session_end_by_hash(&r->s, which, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "That session could not be ended.");
    resp_redirect(w, "/settings?flash=Session+signed+out#sessions");
}

void page_settings_token_create(req *r, resp *w)
{
    const char *name = req_form(r, "name"), *days = req_form(r, "days");
    account_view v = {.form = "token", .token_name = name, .token_days = days};
    herr e;
    char until[ISO_LEN];
    const char *expires = NULL;
    if (days && *days) {
        char *end;
        long n = strtol(days, &end, 10);
        if (*end || n < 1 || n > 3650) {
            herr_set(&e, 400, "invalid", "expires_at", "choose when the token expires");
            return refused(r, w, &e, &v, "");
        }
        time_iso(svc_clock() + n * 86400L, until);
        expires = until;
    }
    long long id;
    const char *token;
    if (svc_token_create_for(&r->s, r->agent.id, name, expires, &id, &token, &e))
        return refused(r, w, &e, &v, "The token could not be made.");
    v.new_token = token; /* shown on this answer only: it is not stored */
    page_settings_render(r, w, 201, NULL, NULL, &v);
}

void page_settings_token_revoke(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "No such token.");
    if (svc_token_revoke(&r->s, id, &e))
        return page_error(r, w, e.status, e.status < 500 ? e.message : "The token could not be revoked.");
    /* an admin revoking from an agent's page goes back there (back: that agent's id) */
    const char *back = req_form(r, "back");
    char *end;
    long long agent = back ? strtoll(back, &end, 10) : 0;
    if (agent > 0 && !*end) return resp_redirect(w, arena_printf(&r->a, "/admin/agents/%lld?flash=Token+revoked", agent));
    resp_redirect(w, "/settings?flash=Token+revoked#tokens");
}
