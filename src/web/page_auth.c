/* Sign in, sign out, the front door and static assets. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <sodium.h>
#include <string.h>
#include "web/assets.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_accounts.h"
#include "web/ratelimit.h"

/* cookies only over HTTPS when heed is served over HTTPS (the public_url setting) */
static const char *secure(const req *r) { return r->secure_cookies ? "; Secure" : ""; }

const char *page_client_address(req *r)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char *out = arena_alloc(&r->a, INET6_ADDRSTRLEN);
    if (!ci || !ci->client_addr) return "unknown";
    if (ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, INET6_ADDRSTRLEN);
    else
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, INET6_ADDRSTRLEN);
    return out;
}

void page_asset(req *r, resp *w)
{
    const struct asset *a = asset_find(r->params[0]);
    if (!a) return page_error(r, w, 404, "No such file.");
    const char *dot = strrchr(a->name, '.');
    w->content_type = !dot ? "application/octet-stream"
                      : !strcmp(dot, ".css") ? "text/css; charset=utf-8"
                      : !strcmp(dot, ".js") ? "text/javascript; charset=utf-8"
                      : !strcmp(dot, ".svg") ? "image/svg+xml"
                                             : "application/octet-stream";
    const unsigned char *data;
    long len;
    const char *coding = asset_encoding(a, req_header(r, "Accept-Encoding"), &data, &len); /* compressed at build time */
    buf_put(&w->body, data, (size_t)len);
    if (coding) resp_header(w, "Content-Encoding", coding);
    resp_header(w, "Vary", "Accept-Encoding");
    resp_header(w, "Cache-Control", "public, max-age=3600");
}

void page_root(req *r, resp *w) { resp_redirect(w, r->authed ? "/inbox" : "/login"); }

/* The login form is guarded by a double-submit token: a random value in a
 * cookie and the same value in the form, so another site cannot sign a
 * browser in to an account of its choosing. */
static void login_form(req *r, resp *w, int status, const char *email, const char *error)
{
    unsigned char raw[16];
    char token[33];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, sizeof token, raw, sizeof raw);
    resp_header(w, "Set-Cookie", arena_printf(&r->a, "heed_login=%s; Path=/login; HttpOnly; SameSite=Strict%s", token, secure(r)));
    w->status = status;
    r->authed = false;
    page_begin(r, w, "Sign in", NULL);
    buf *b = &w->body;
    html(b, "<section class=\"login card\"><div class=\"login-brand\"><img src=\"/static/icon.svg\" alt=\"\" width=\"40\" height=\"40\"><h1>heed</h1></div>"
            "<p class=\"muted\">Sign in to help your customers.</p>");
    if (error) html(b, "<p class=\"error\" role=\"alert\">%s</p>", error);
    html(b, "<form method=\"post\" action=\"/login\">"
            "<input type=\"hidden\" name=\"_login\" value=\"%s\">"
            "<label>Email<input type=\"email\" name=\"email\" value=\"%s\" required%R autocomplete=\"username\"></label>"
            "<label>Password<input type=\"password\" name=\"password\" required%R autocomplete=\"current-password\"></label>"
            "<button class=\"primary\" type=\"submit\">Sign in</button></form>"
            "<p class=\"forgot\"><a href=\"/forgot\">Forgot your password?</a></p></section>",
         token, email ? email : "", email && *email ? "" : " autofocus", email && *email ? " autofocus" : "");
    page_end(r, w);
}

void page_login(req *r, resp *w)
{
    if (r->authed) return resp_redirect(w, "/inbox");
    login_form(r, w, 200, NULL, NULL);
}

void page_login_post(req *r, resp *w)
{
    const char *client = page_client_address(r);
    const char *email = req_form(r, "email"), *password = req_form(r, "password");
    const char *sent = req_form(r, "_login"), *cookie = req_cookie(r, "heed_login");
    if (!sent || !cookie || strlen(sent) != 32 || strcmp(sent, cookie))
        return login_form(r, w, 403, email, "This sign-in form expired. Please try again.");
    /* reserved before the slow password check: concurrent guesses cannot pass the limit */
    if (!ratelimit_login_begin(client, email))
        return login_form(r, w, 429, email, "Too many failed sign-ins. Wait a few minutes and try again.");
    agent_rec agent;
    herr e;
    if (svc_login(&r->s, email, password, &agent, &e)) {
        ratelimit_login_end(client, email, false);
        return login_form(r, w, e.status == 401 ? 401 : 500, email,
                          e.status == 401 ? "That email and password do not match." : "Sign-in failed; see the server log.");
    }
    ratelimit_login_end(client, email, true);
    const char *token, *csrf;
    if (svc_session_start(&r->s, agent.id, client, req_header(r, "User-Agent"), &token, &csrf, &e))
        return page_error(r, w, 500, "Could not start a session.");
    resp_header(w, "Set-Cookie", arena_printf(&r->a, "heed_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", token,
                                               SESSION_DAYS * 86400, secure(r)));
    resp_redirect(w, "/inbox");
}

void page_logout(req *r, resp *w)
{
    herr e;
    if (r->session_token) svc_session_end(&r->s, r->session_token, &e);
    resp_header(w, "Set-Cookie", arena_printf(&r->a, "heed_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", secure(r)));
    resp_redirect(w, "/login");
}
