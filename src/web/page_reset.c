/* "Forgot your password?" (/forgot) and the reset link's page (/reset/{token}).
 * /forgot answers the same whatever the email, so it cannot be used to learn who has an
 * account; a known agent's request is listed on /admin, where an admin makes the link. */
#include <string.h>
#include "service/service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_accounts.h"

static void forgot_page(req *r, resp *w, bool sent)
{
    r->authed = false; /* no navigation: the person is signed out, or about to be */
    page_begin(r, w, "Forgot your password", NULL);
    buf *b = &w->body;
    html(b, "<section class=\"login card\"><h1>Forgot your password?</h1>");
    if (sent)
        html(b, "<p role=\"status\" class=\"flash\">Thank you. If that email belongs to an account, your admins now see your "
                "request and can give you a link to choose a new password.</p><p class=\"forgot\"><a href=\"/login\">Back to sign in</a></p></section>");
    else
        html(b, "<p class=\"muted\">Enter the email you sign in with. Your admins will see the request and can give you a "
                "one-time link to choose a new password.</p><form method=\"post\" action=\"/forgot\">"
                "<label>Email<input type=\"email\" name=\"email\" required autofocus autocomplete=\"username\"></label>"
                "<button class=\"primary\" type=\"submit\">Ask for a reset</button></form><p class=\"forgot\"><a href=\"/login\">Back to sign in</a></p></section>");
    page_end(r, w);
}

void page_forgot(req *r, resp *w) { forgot_page(r, w, false); }

void page_forgot_post(req *r, resp *w)
{
    herr e;
    /* the same page whether the email is known or not; only a database failure differs */
    if (svc_reset_request(&r->s, req_form(r, "email"), page_client_address(r), &e))
        return page_error(r, w, 500, "The request could not be recorded; please try again.");
    forgot_page(r, w, true);
}

static void reset_page(req *r, resp *w, int status, const agent_rec *a, const char *error)
{
    r->authed = false;
    page_begin(r, w, "Choose a new password", NULL);
    w->status = status;
    buf *b = &w->body;
    html(b, "<section class=\"login card\"><h1>Choose a new password</h1>");
    if (!a) {
        html(b, "<p class=\"error\" role=\"alert\">This link was used already or has expired. Ask an admin for a new one.</p>"
                "<p class=\"forgot\"><a href=\"/login\">Sign in</a> · <a href=\"/forgot\">Forgot your password?</a></p></section>");
        return page_end(r, w);
    }
    html(b, "<p class=\"muted\">For %s. The link works once; using it signs you out everywhere.</p>"
            "<form method=\"post\" action=\"/reset/%s\">",
         a->email, r->params[0]);
    html(b, "<input type=\"email\" name=\"username\" value=\"%s\" autocomplete=\"username\" hidden>", a->email);
    html(b, "<label>New password<input type=\"password\" name=\"password\" id=\"reset-password\" minlength=\"%d\" required autofocus "
            "autocomplete=\"new-password\"%R>",
         PASSWORD_MIN, error ? " aria-invalid=\"true\" aria-describedby=\"reset-password-error\"" : "");
    if (error) html(b, "<span class=\"error field-error\" id=\"reset-password-error\">%s</span>", error);
    html(b, "</label>");
    html(b, "<p class=\"muted\">At least %d characters.</p><button class=\"primary\" type=\"submit\">Set password</button></form></section>",
         PASSWORD_MIN);
    page_end(r, w);
}

void page_reset(req *r, resp *w)
{
    agent_rec a;
    herr e;
    int found = svc_reset_check(&r->s, r->params[0], &a, &e);
    if (found < 0) return page_error(r, w, 500, "The link could not be checked.");
    resp_header(w, "Referrer-Policy", "no-referrer"); /* the link is a secret: no Referer leaks it */
    reset_page(r, w, found ? 200 : 410, found ? &a : NULL, NULL);
}

void page_reset_post(req *r, resp *w)
{
    agent_rec a;
    herr e;
    int found = svc_reset_check(&r->s, r->params[0], &a, &e);
    if (found < 0) return page_error(r, w, 500, "The link could not be checked.");
    if (!found) return reset_page(r, w, 410, NULL, NULL);
    if (svc_reset_use(&r->s, r->params[0], req_form(r, "password"), &e)) {
        if (e.status >= 500) return page_error(r, w, 500, "The password could not be saved.");
        return reset_page(r, w, e.status, e.status == 410 ? NULL : &a, e.message);
    }
    /* nobody is signed in by this: the agent signs in with the new password */
    resp_redirect(w, "/login?flash=Password+set:+sign+in+with+your+new+password");
}
