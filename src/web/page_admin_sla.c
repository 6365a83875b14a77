/* /admin/sla: business calendars, SLA policies in their order, and a preview of what a ticket
 * created now would get; /admin/jobs: heed's timed work with the last error of each. */
#include <stdio.h>
#include <string.h>
#include "service/svc_jobs.h"
#include "service/svc_sla.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "util/tz.h"
#include "web/handlers.h"
#include "web/page.h"

static const char *const DAY_NAMES[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const PRIORITIES[] = {"low", "normal", "high", "urgent"};
static const char *const CHANNELS[] = {"email", "web", "api", "phone", "chat", "social"};

static const char *mins(req *r, long long m)
{
    if (m < 0) return "—";
    if (m % 60) return arena_printf(&r->a, "%lld min", m);
    return arena_printf(&r->a, "%lld h", m / 60);
}

static const char *hours_text(req *r, const calendar_rec *c)
{
    bizcal b;
    svc_calendar_load(c, &b);
    buf t;
    buf_init(&t, 128);
    for (int d = 1; d <= 7; d++) {
        int wd = d % 7;
        for (int k = 0; k < b.nhours[wd]; k++)
            buf_printf(&t, "%s%s %02d:%02d–%02d:%02d", t.len ? ", " : "", DAY_NAMES[wd], b.hours[wd][k].start / 60,
                       b.hours[wd][k].start % 60, b.hours[wd][k].end / 60, b.hours[wd][k].end % 60);
    }
    const char *out = arena_strdup(&r->a, t.len ? t.p : "never open");
    buf_free(&t);
    return out;
}

void page_admin_sla(req *r, resp *w)
{
    calendar_rec *cals;
    sla_policy_rec *pols;
    team_rec *teams;
    int nc, np, nt;
    herr e;
    if (svc_calendars(&r->s, &cals, &nc, &e) || svc_policies(&r->s, &pols, &np, &e) || svc_team_list(&r->s, &teams, &nt, &e))
        return page_error(r, w, 500, "The SLA settings could not be read.");
    page_begin(r, w, "SLAs", "admin");
    buf *b = &w->body;
    html(b, "<div class=\"admin\"><section class=\"card wide\"><h1>SLA policies</h1><p class=\"muted\">The first policy that "
            "matches a ticket applies (by priority, team and channel; empty = any). Targets are business minutes on the "
            "policy's calendar; a ticket's clock stops while it is pending or on hold.</p>"
            "<table class=\"plain\" id=\"policies\"><thead><tr><th>#</th><th>Policy</th><th>Matches</th><th>First reply</th>"
            "<th>Next reply</th><th>Resolution</th><th>Update every</th><th>Calendar</th><th><span class=\"sr\">Remove</span></th></tr></thead><tbody>");
    for (int i = 0; i < np; i++) {
        const sla_policy_rec *p = &pols[i];
        const char *cal = "around the clock";
        for (int k = 0; k < nc; k++)
            if (cals[k].id == p->calendar_id) cal = cals[k].name;
        html(b, "<tr><td>%d</td><td><strong>%s</strong></td><td>%s%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
             p->position, p->name, p->match_priority ? p->match_priority : "any priority", p->match_channel ? " · " : "",
             p->match_channel ? p->match_channel : "", mins(r, p->first_response), mins(r, p->next_response),
             mins(r, p->resolution), mins(r, p->update), cal);
        html(b, "<form method=\"post\" action=\"/admin/sla/policies/%l/delete\">", p->id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"link\">Remove</button></form></td></tr>");
    }
    html(b, "</tbody></table><h2>Add a policy</h2><form method=\"post\" action=\"/admin/sla/policies\" class=\"grid sla-form\">");
    page_csrf_field(r, b);
    html(b, "<label>Name <input name=\"name\" required maxlength=\"120\" placeholder=\"VIP customers\"></label><fieldset><legend>Priority</legend>");
    for (size_t i = 0; i < 4; i++) html(b, "<label><input type=\"checkbox\" name=\"prio_%s\" value=\"1\"> %s</label>", PRIORITIES[i], PRIORITIES[i]);
    html(b, "</fieldset><fieldset><legend>Channel</legend>");
    for (size_t i = 0; i < 6; i++) html(b, "<label><input type=\"checkbox\" name=\"ch_%s\" value=\"1\"> %s</label>", CHANNELS[i], CHANNELS[i]);
    html(b, "</fieldset><label>Team <select name=\"team\"><option value=\"\">any</option>");
    for (int i = 0; i < nt; i++) html(b, "<option value=\"%l\">%s</option>", teams[i].id, teams[i].name);
    html(b, "</select></label>");
    static const char *const targets[][2] = {{"first_response", "First reply (min)"}, {"next_response", "Next reply (min)"},
                                             {"resolution", "Resolution (min)"}, {"update", "Update every (min)"}};
    for (int i = 0; i < 4; i++) html(b, "<label>%s <input name=\"%s\" inputmode=\"numeric\" pattern=\"[0-9]*\"></label>", targets[i][1], targets[i][0]);
    html(b, "<label>Calendar <select name=\"calendar_id\"><option value=\"\">around the clock</option>");
    for (int i = 0; i < nc; i++) html(b, "<option value=\"%l\">%s</option>", cals[i].id, cals[i].name);
    html(b, "</select></label><label>Position <input name=\"position\" inputmode=\"numeric\" pattern=\"[0-9]*\" placeholder=\"last\"></label>"
            "<button type=\"submit\" class=\"primary\">Add policy</button></form></section>");

    html(b, "<section class=\"card\"><h1>Business calendars</h1><ul class=\"calendars\" id=\"calendars\">");
    for (int i = 0; i < nc; i++) {
        html(b, "<li><strong>%s</strong> (%s): %s%s%s", cals[i].name, cals[i].timezone, hours_text(r, &cals[i]),
             *cals[i].holidays ? "; holidays " : "", cals[i].holidays);
        html(b, "<form method=\"post\" action=\"/admin/sla/calendars/%l/delete\" class=\"inline\">", cals[i].id);
        page_csrf_field(r, b);
        html(b, "<button type=\"submit\" class=\"link\">Remove</button></form></li>");
    }
    html(b, "</ul><h2>Add a calendar</h2><form method=\"post\" action=\"/admin/sla/calendars\" class=\"grid sla-form\">");
    page_csrf_field(r, b);
    html(b, "<label>Name <input name=\"name\" required placeholder=\"Business hours\"></label>"
            "<label>Time zone <input name=\"timezone\" required value=\"%s\"></label><fieldset><legend>Open on</legend>",
         svc_agent_zone(&r->agent, r->default_tz));
    for (int d = 1; d <= 7; d++)
        html(b, "<label><input type=\"checkbox\" name=\"day_%d\" value=\"1\"%R> %s</label>", d % 7, d <= 5 ? " checked" : "", DAY_NAMES[d % 7]);
    html(b, "</fieldset><label>Opens <input type=\"time\" name=\"opens\" value=\"09:00\" required></label>"
            "<label>Closes <input type=\"time\" name=\"closes\" value=\"17:00\" required></label>"
            "<label>Holidays <input name=\"holidays\" placeholder=\"2026-12-25, 2026-12-26\"></label>"
            "<button type=\"submit\" class=\"primary\">Add calendar</button></form></section>");

    /* what a ticket created now would get */
    const char *pp = req_query(r, "priority"), *pc = req_query(r, "channel"), *pt = req_query(r, "team");
    html(b, "<section class=\"card\"><h1>Preview</h1><form method=\"get\" action=\"/admin/sla\" class=\"inline\" id=\"sla-preview\">"
            "<label>Priority <select name=\"priority\">");
    for (size_t i = 0; i < 4; i++)
        html(b, "<option%R>%s</option>", pp && !strcmp(pp, PRIORITIES[i]) ? " selected" : "", PRIORITIES[i]);
    html(b, "</select></label><label>Channel <select name=\"channel\">");
    for (size_t i = 0; i < 6; i++) html(b, "<option%R>%s</option>", pc && !strcmp(pc, CHANNELS[i]) ? " selected" : "", CHANNELS[i]);
    html(b, "</select></label><label>Team <select name=\"team\"><option value=\"\">none</option>");
    long long team_id = 0;
    if (pt) parse_id(pt, &team_id);
    for (int i = 0; i < nt; i++) html(b, "<option value=\"%l\"%R>%s</option>", teams[i].id, teams[i].id == team_id ? " selected" : "", teams[i].name);
    html(b, "</select></label><button type=\"submit\">Preview</button></form>");
    if (pp && pc) {
        sla_policy_rec p;
        bool found;
        time_t due;
        if (svc_sla_preview(&r->s, pp, team_id, pc, &p, &found, &due, &e)) html(b, "<p class=\"error\">%s</p>", e.message);
        else if (!found) html(b, "<p id=\"preview-result\">No policy matches: a ticket like this has no SLA.</p>");
        else {
            char local[48] = "no first-reply target";
            if (due) tz_format_local(svc_agent_zone(&r->agent, r->default_tz), (long long)due, local, sizeof local);
            html(b, "<p id=\"preview-result\">A ticket created now gets <strong>%s</strong>: first reply due <strong>%s</strong>.</p>",
                 p.name, local);
        }
    }
    html(b, "</section></div>");
    page_end(r, w);
}

static void refused(req *r, resp *w, const herr *e)
{
    page_error(r, w, e->status, arena_printf(&r->a, "Not saved: %s. Go back to change it.", e->message));
}

void page_admin_sla_calendar_add(req *r, resp *w)
{
    calendar_in in = {.name = req_form(r, "name"), .timezone = req_form(r, "timezone")};
    const char *opens = req_form(r, "opens"), *closes = req_form(r, "closes"), *hol = req_form(r, "holidays");
    for (int d = 0; d < 7; d++) {
        const char *on = req_form(r, arena_printf(&r->a, "day_%d", d));
        if (!on) continue;
        in.open[d][0][0] = opens;
        in.open[d][0][1] = closes;
        in.nopen[d] = 1;
    }
    const char *days[BIZCAL_HOLIDAYS];
    char *copy = arena_strdup(&r->a, hol ? hol : ""), *save = NULL;
    for (char *tok = strtok_r(copy, ", ", &save); tok && in.nholidays < BIZCAL_HOLIDAYS; tok = strtok_r(NULL, ", ", &save))
        days[in.nholidays++] = tok;
    in.holidays = days;
    calendar_rec c;
    herr e;
    if (svc_calendar_save(&r->s, 0, &in, &c, &e)) return refused(r, w, &e);
    resp_redirect(w, "/admin/sla?flash=Calendar+added");
}

void page_admin_sla_policy_add(req *r, resp *w)
{
    policy_in in = {.name = req_form(r, "name")};
    const char *pri[4], *ch[6], *team[1];
    for (int i = 0; i < 4; i++)
        if (req_form(r, arena_printf(&r->a, "prio_%s", PRIORITIES[i]))) pri[in.npriority++] = PRIORITIES[i];
    for (int i = 0; i < 6; i++)
        if (req_form(r, arena_printf(&r->a, "ch_%s", CHANNELS[i]))) ch[in.nchannel++] = CHANNELS[i];
    const char *t = req_form(r, "team");
    if (t && *t) team[in.nteam++] = t;
    in.priority = pri;
    in.channel = ch;
    in.team = team;
    long long *targets[] = {&in.first_response, &in.next_response, &in.resolution, &in.update};
    static const char *const names[] = {"first_response", "next_response", "resolution", "update"};
    for (int i = 0; i < 4; i++) {
        const char *v = req_form(r, names[i]);
        *targets[i] = -1;
        if (v && *v && !parse_id(v, targets[i])) *targets[i] = -2; /* refused by the service, naming it */
    }
    const char *pos = req_form(r, "position");
    long long position = 0;
    if (pos && *pos && (!parse_id(pos, &position) || position > 10000)) position = -1;
    in.position = (int)position;
    const char *cal = req_form(r, "calendar_id");
    if (cal && *cal && !parse_id(cal, &in.calendar_id)) in.calendar_id = -1;
    sla_policy_rec p;
    herr e;
    if (svc_policy_save(&r->s, 0, &in, &p, &e)) return refused(r, w, &e);
    resp_redirect(w, "/admin/sla?flash=Policy+added");
}

void page_admin_sla_policy_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such policy.");
    if (svc_policy_delete(&r->s, id, &e)) return refused(r, w, &e);
    resp_redirect(w, "/admin/sla?flash=Policy+removed");
}

void page_admin_sla_calendar_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such calendar.");
    if (svc_calendar_delete(&r->s, id, &e)) return refused(r, w, &e);
    resp_redirect(w, "/admin/sla?flash=Calendar+removed");
}

void page_admin_jobs(req *r, resp *w)
{
    const char *state = req_query(r, "state");
    if (state && !svc_job_state_valid(state)) state = NULL;
    job_rec *js;
    int n, failed = 0, due = 0;
    herr e;
    if (svc_jobs_list(&r->s, state, NULL, 0, 100, &js, &n, &e) || svc_jobs_count(&r->s, "failed", &failed, &e) ||
        svc_jobs_count(&r->s, "due", &due, &e))
        return page_error(r, w, 500, "The jobs could not be read.");
    page_begin(r, w, "Background jobs", "admin");
    buf *b = &w->body;
    html(b, "<section class=\"card wide\"><h1>Background jobs</h1><p class=\"muted\">Timers and deliveries heed runs for you: "
            "mail, reminders, SLA checks, webhooks. %d due, <a href=\"/admin/jobs?state=failed\">%d failed</a> · "
            "<a href=\"/admin/jobs\">all</a></p><table class=\"plain\" id=\"jobs\"><thead><tr><th>#</th><th>Kind</th><th>State</th>"
            "<th>Due</th><th>Attempts</th><th>Last error</th><th><span class=\"sr\">Retry</span></th></tr></thead><tbody>",
         due, failed);
    for (int i = 0; i < n; i++) {
        html(b, "<tr class=\"job %s\"><td>%l</td><td>%s</td><td>%s</td><td title=\"%s\">%s</td><td class=\"num\">%d</td><td class=\"last-error\">%s</td><td>",
             js[i].state, js[i].id, js[i].kind, js[i].state, js[i].due_at, page_ago(r, js[i].due_at), js[i].attempts,
             js[i].last_error ? js[i].last_error : "");
        if (!strcmp(js[i].state, "failed")) {
            html(b, "<form method=\"post\" action=\"/admin/jobs/%l/retry\">", js[i].id);
            page_csrf_field(r, b);
            html(b, "<button type=\"submit\">Retry</button></form>");
        }
        html(b, "</td></tr>");
    }
    html(b, "</tbody></table></section>");
    page_end(r, w);
}

void page_admin_job_retry(req *r, resp *w)
{
    long long id;
    job_rec j;
    herr e;
    if (!req_param_id(r, 0, &id)) return page_error(r, w, 404, "There is no such job.");
    if (svc_job_retry(&r->s, id, &j, &e)) return refused(r, w, &e);
    resp_redirect(w, "/admin/jobs?flash=Due+again");
}
