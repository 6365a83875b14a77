/* Priority from the customer's side on the pages. See page_attention.h. */
#include <string.h>
#include "service/svc_attention.h"
#include "service/svc_snooze.h"
#include "util/timeutil.h"
#include "util/tz.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/page_attention.h"

static const char *level(int score) { return score >= 60 ? "high" : score >= ATTENTION_HIGH ? "raised" : "calm"; }

static void reasons(buf *b, const attention *a)
{
    for (int i = 0; i < a->nreasons; i++) html(b, "%R%s", i ? ", " : "", a->reasons[i]);
}

void page_attention_card(req *r, buf *b, const attention *a)
{
    (void)r;
    if (!a->waiting_since) return;
    html(b, "<section class=\"card attention %s\" id=\"attention\" aria-labelledby=\"attention-title\">"
            "<h2 id=\"attention-title\">Needs attention <span class=\"attention-score\">%d</span></h2><p>",
         level(a->score), a->score);
    reasons(b, a);
    html(b, "</p><p class=\"muted small\">From the customer's side: their wait and what they wrote since our last reply. "
            "A misread message? Click its chip to correct it.</p></section>");
}

void page_attention_chip(req *r, buf *b, const attention *a, bool with_reasons)
{
    if (!a->waiting_since || (!with_reasons && a->score < ATTENTION_HIGH)) return;
    buf why;
    buf_init(&why, 128);
    reasons(&why, a);
    html(b, " <span class=\"attention-mark %s\" title=\"%s\" data-score=\"%d\">needs attention %d</span>", level(a->score), why.p ? why.p : "",
         a->score, a->score);
    if (with_reasons) html(b, "<span class=\"attention-why\">%s</span>", why.p ? why.p : "");
    buf_free(&why);
    (void)r;
}

void page_message_reading(req *r, resp *w)
{
    long long id, mid;
    if (!req_param_id(r, 0, &id) || !req_param_id(r, 1, &mid)) return page_error(r, w, 404, "There is no such message.");
    const char *drop = req_form(r, "drop"), *whole = req_form(r, "whole");
    reading_fix fix = {.urgent = -1, .complaint = -1, .repeat_contact = -1};
    if (drop && *drop) { /* one click on a chip: "not so" */
        if (!strcmp(drop, "emotion")) fix.emotion = "neutral";
        else if (!strcmp(drop, "urgent")) fix.urgent = 0;
        else if (!strcmp(drop, "complaint")) fix.complaint = 0;
        else if (!strcmp(drop, "repeat_contact")) fix.repeat_contact = 0;
        else return page_error(r, w, 400, "That is not something the coach reads.");
    } else if (whole && !strcmp(whole, "1")) { /* the details form: the whole reading */
        fix.emotion = req_form(r, "emotion");
        if (!fix.emotion || !*fix.emotion) return page_error(r, w, 400, "Say how the customer sounds.");
        const char *u = req_form(r, "urgent"), *c = req_form(r, "complaint"), *rc = req_form(r, "repeat_contact");
        fix.urgent = u && !strcmp(u, "1");
        fix.complaint = c && !strcmp(c, "1");
        fix.repeat_contact = rc && !strcmp(rc, "1");
    } else {
        return page_error(r, w, 400, "Say what the coach misread.");
    }
    message_rec m;
    herr e;
    message_reading out;
    /* the message must be this ticket's: a form cannot correct another ticket's through this one */
    if (svc_message_get(&r->s, mid, &m, &e) || m.ticket_id != id) return page_error(r, w, 404, "There is no such message on this ticket.");
    if (svc_reading_correct(&r->s, mid, &fix, &out, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Reading+corrected#m%lld", id, mid));
}

/* ---- snooze (service/svc_snooze.h): the card on the ticket page, and its two forms ---- */
void page_snooze_card(req *r, buf *b, const ticket_rec *t)
{
    if (!strcmp(t->status, "solved") || !strcmp(t->status, "closed")) return;
    const char *until = NULL;
    herr e;
    if (svc_ticket_snoozed_until(&r->s, t->id, &until, &e)) return;
    html(b, "<section class=\"card snooze\" id=\"snooze\" aria-labelledby=\"snooze-title\"><h2 id=\"snooze-title\">Snooze</h2>");
    if (until) {
        time_t at;
        char local[48] = "";
        if (time_parse_iso(until, &at)) tz_format_local(svc_agent_zone(&r->agent, r->default_tz), (long long)at, local, sizeof local);
        html(b, "<p>Snoozed until <time datetime=\"%s\">%s</time>; it comes back then, or when the customer writes.</p>"
                "<form method=\"post\" action=\"/tickets/%l/wake\">",
             until, *local ? local : until, t->id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\">Wake it now</button></form></section>");
        return;
    }
    html(b, "<form method=\"post\" action=\"/tickets/%l/snooze\" class=\"snooze-form\">", t->id);
    page_csrf_field(r, b);
    html(b, "<label>On hold for <select name=\"for\"><option value=\"3600\">1 hour</option><option value=\"14400\">4 hours</option>"
            "<option value=\"86400\" selected>1 day</option><option value=\"259200\">3 days</option><option value=\"604800\">1 week</option>"
            "</select></label><button type=\"submit\">Snooze</button></form>"
            "<p class=\"muted small\">It comes back to its owner then, or as soon as the customer writes.</p></section>");
}

void page_ticket_snooze(req *r, resp *w)
{
    long long id, secs;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    const char *v = req_form(r, "for");
    if (!v || !parse_id(v, &secs)) return page_error(r, w, 400, "Say how long to snooze it.");
    char until[ISO_LEN];
    time_iso(svc_now(&r->s) + (time_t)secs, until);
    ticket_rec t;
    herr e;
    if (svc_ticket_snooze(&r->s, id, until, &t, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Snoozed#snooze", id));
}

void page_ticket_wake(req *r, resp *w)
{
    long long id;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such ticket.");
    ticket_rec t;
    herr e;
    if (svc_ticket_wake(&r->s, id, &t, &e)) return page_error(r, w, e.status, e.message);
    resp_redirect(w, arena_printf(&r->a, "/tickets/%lld?flash=Back+from+snooze", id));
}
