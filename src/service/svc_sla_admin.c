/* Business calendars and SLA policies: what admins set. See svc_sla.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "service/svc_sla.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "util/tz.h"

static bool is_admin(const svc *s) { return s->actor && !strcmp(s->actor->role, "admin"); }
#define ADMIN_ONLY(s, e) \
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins manage calendars and SLA policies")

/* "09:00" -> 540; "24:00" -> 1440; -1 if not a time */
static int hhmm(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':') return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9')) return -1;
    int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    if (m > 59 || h > 24 || (h == 24 && m)) return -1;
    return h * 60 + m;
}

int svc_calendar_save(svc *s, long long id, const calendar_in *in, calendar_rec *out, herr *e)
{
    ADMIN_ONLY(s, e);
    if (!in->name || !*in->name || strlen(in->name) > SLA_NAME_MAX || !utf8_valid(in->name, strlen(in->name)))
        return HERR_INVALID(e, "name", "name is required (at most %d bytes)", SLA_NAME_MAX);
    if (!in->timezone || !tz_valid(in->timezone))
        return HERR_INVALID(e, "timezone", "timezone must be an IANA zone like Europe/London");
    buf hours;
    buf_init(&hours, 128);
    for (int d = 0; d < 7; d++) {
        int prev_end = -1;
        if (in->nopen[d] > BIZCAL_INTERVALS) goto bad_hours;
        if (in->nopen[d]) buf_printf(&hours, "%s%d:", hours.len ? ";" : "", d);
        for (int k = 0; k < in->nopen[d]; k++) {
            int a = hhmm(in->open[d][k][0]), b = hhmm(in->open[d][k][1]);
            if (a < 0 || b < 0 || a >= b || a < prev_end) goto bad_hours; /* in order, not overlapping */
            buf_printf(&hours, "%s%d-%d", k ? "," : "", a, b);
            prev_end = b;
        }
    }
    buf hol;
    buf_init(&hol, 64);
    if (in->nholidays > BIZCAL_HOLIDAYS) {
        buf_free(&hours);
        buf_free(&hol);
        return HERR_INVALID(e, "holidays", "at most %d holidays", BIZCAL_HOLIDAYS);
    }
    for (int i = 0; i < in->nholidays; i++) {
        int day;
        if (!in->holidays[i] || !bizcal_parse_date(in->holidays[i], &day)) {
            buf_free(&hours);
            buf_free(&hol);
            return HERR_INVALID(e, "holidays", "holidays are dates like 2026-12-25");
        }
        buf_printf(&hol, "%s%s", hol.len ? "," : "", in->holidays[i]);
    }
    char now[ISO_LEN];
    svc_now_iso(s, now);
    *out = (calendar_rec){.id = id, .name = in->name, .timezone = in->timezone, .hours = arena_strdup(s->a, hours.len ? hours.p : ""),
                          .holidays = arena_strdup(s->a, hol.len ? hol.p : ""), .created_at = arena_strdup(s->a, now)};
    buf_free(&hours);
    buf_free(&hol);
    if (db_begin(s->db, e)) return -1;
    if (id) {
        calendar_rec old;
        int found = store_calendar_by_id(s->db, s->a, id, &old, e);
        if (found <= 0) {
            if (!found) herr_set(e, 404, "not_found", NULL, "no calendar %lld", id);
            goto fail;
        }
        out->created_at = old.created_at;
    }
    if (store_calendar_save(s->db, out, e)) {
        if (e->status == 409 || strstr(e->message, "UNIQUE")) herr_set(e, 409, "conflict", "name", "a calendar is already called %s", in->name);
        goto fail;
    }
    if (store_audit_insert(s->db, now, s->actor->id, "calendar", out->id, id ? "update" : "create", NULL, out->name, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
bad_hours:
    buf_free(&hours);
    return HERR_INVALID(e, "hours", "hours are intervals like {\"mon\": [[\"09:00\",\"17:00\"]]}: HH:MM, start before end, "
                                    "in order and not overlapping, at most %d a day",
                        BIZCAL_INTERVALS);
}

int svc_calendars(svc *s, calendar_rec **out, int *n, herr *e) { return store_calendar_list(s->db, s->a, out, n, e); }
int svc_calendar_get(svc *s, long long id, calendar_rec *out, herr *e) { return store_calendar_by_id(s->db, s->a, id, out, e); }

int svc_calendar_delete(svc *s, long long id, herr *e)
{
    ADMIN_ONLY(s, e);
    if (db_begin(s->db, e)) return -1;
    int rc = store_calendar_delete(s->db, id, e);
    if (rc != 1) {
        db_rollback(s->db);
        return rc < 0 ? -1 : rc == 2 ? herr_set(e, 409, "conflict", NULL, "calendar %lld is used by a policy", id)
                                     : herr_set(e, 404, "not_found", NULL, "no calendar %lld", id);
    }
    return db_commit(s->db, e);
}

bool svc_calendar_load(const calendar_rec *c, bizcal *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->tz, sizeof out->tz, "%s", c->timezone);
    for (const char *p = c->hours; *p;) {
        char *end;
        long d = strtol(p, &end, 10);
        if (*end != ':' || d < 0 || d > 6) return false;
        p = end + 1;
        while (*p && *p != ';') {
            long a = strtol(p, &end, 10);
            if (*end != '-') return false;
            long b = strtol(end + 1, &end, 10);
            if (out->nhours[d] < BIZCAL_INTERVALS) {
                out->hours[d][out->nhours[d]].start = (short)a;
                out->hours[d][out->nhours[d]].end = (short)b;
                out->nhours[d]++;
            }
            p = *end == ',' ? end + 1 : end;
        }
        if (*p == ';') p++;
    }
    for (const char *p = c->holidays; *p && out->nholidays < BIZCAL_HOLIDAYS;) {
        char date[11];
        size_t k = strcspn(p, ",");
        snprintf(date, sizeof date, "%.*s", (int)(k < 10 ? k : 10), p);
        if (bizcal_parse_date(date, &out->holidays[out->nholidays])) out->nholidays++;
        p += k + (p[k] == ',');
    }
    return true;
}

/* ---- policies ---- */
static const char *csv(svc *s, const char **v, int n)
{
    if (!n) return NULL;
    buf b;
    buf_init(&b, 64);
    for (int i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? "," : "", v[i]);
    const char *out = arena_strdup(s->a, b.p);
    buf_free(&b);
    return out;
}

static int check_target(long long v, const char *field, herr *e)
{
    if (v == -1 || (v >= 1 && v <= SLA_TARGET_MAX)) return 0;
    return HERR_INVALID(e, field, "%s must be a whole number of business minutes, 1 to %d, or null", field, SLA_TARGET_MAX);
}

int svc_policy_save(svc *s, long long id, const policy_in *in, sla_policy_rec *out, herr *e)
{
    ADMIN_ONLY(s, e);
    if (!in->name || !*in->name || strlen(in->name) > SLA_NAME_MAX || !utf8_valid(in->name, strlen(in->name)))
        return HERR_INVALID(e, "name", "name is required (at most %d bytes)", SLA_NAME_MAX);
    for (int i = 0; i < in->npriority; i++)
        if (!svc_priority_valid(in->priority[i])) return HERR_INVALID(e, "match", "match.priority: %s is not a priority", in->priority[i]);
    for (int i = 0; i < in->nchannel; i++)
        if (!svc_channel_valid(in->channel[i])) return HERR_INVALID(e, "match", "match.channel: %s is not a channel", in->channel[i]);
    if (check_target(in->first_response, "first_response_minutes", e) || check_target(in->next_response, "next_response_minutes", e) ||
        check_target(in->resolution, "resolution_minutes", e) || check_target(in->update, "update_minutes", e))
        return -1;
    if (in->position < 0 || in->position > 10000) return HERR_INVALID(e, "position", "position must be 1 to 10000");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    /* teams by name or id, kept as ids */
    const char **teams = in->nteam ? arena_alloc(s->a, sizeof *teams * (size_t)in->nteam) : NULL;
    for (int i = 0; i < in->nteam; i++) {
        team_rec t;
        long long tid;
        int found = parse_id(in->team[i], &tid) ? store_team_by_id(s->db, s->a, tid, &t, e)
                                                 : store_team_by_name(s->db, s->a, in->team[i], &t, e);
        if (found <= 0) {
            if (!found) HERR_INVALID(e, "match", "match.team: no team %s", in->team[i]);
            goto fail;
        }
        teams[i] = arena_printf(s->a, "%lld", t.id);
    }
    if (in->calendar_id) {
        calendar_rec c;
        int found = store_calendar_by_id(s->db, s->a, in->calendar_id, &c, e);
        if (found <= 0) {
            if (!found) HERR_INVALID(e, "calendar_id", "no calendar %lld", in->calendar_id);
            goto fail;
        }
    }
    sla_policy_rec *all;
    int n;
    if (store_policy_list(s->db, s->a, &all, &n, e)) goto fail;
    int position = in->position ? in->position : (n ? all[n - 1].position + 1 : 1);
    *out = (sla_policy_rec){.id = id, .name = in->name, .position = position, .match_priority = csv(s, in->priority, in->npriority),
                            .match_team = csv(s, teams, in->nteam), .match_channel = csv(s, in->channel, in->nchannel),
                            .first_response = in->first_response, .next_response = in->next_response,
                            .resolution = in->resolution, .update = in->update, .calendar_id = in->calendar_id,
                            .created_at = arena_strdup(s->a, now)};
    if (id) {
        sla_policy_rec old;
        int found = store_policy_by_id(s->db, s->a, id, &old, e);
        if (found <= 0) {
            if (!found) herr_set(e, 404, "not_found", NULL, "no SLA policy %lld", id);
            goto fail;
        }
        if (!in->position) out->position = old.position;
        out->created_at = old.created_at;
    }
    if (store_policy_save(s->db, out, e) ||
        store_audit_insert(s->db, now, s->actor->id, "sla_policy", out->id, id ? "update" : "create", NULL, out->name, e))
        goto fail;
    svc_sla_policies_changed();
    int rc = db_commit(s->db, e);
    svc_sla_policies_changed(); /* again after the commit: a count read in between saw the old table */
    return rc;
fail:
    db_rollback(s->db);
    return -1;
}

int svc_policies(svc *s, sla_policy_rec **out, int *n, herr *e) { return store_policy_list(s->db, s->a, out, n, e); }

int svc_policy_delete(svc *s, long long id, herr *e)
{
    ADMIN_ONLY(s, e);
    if (db_begin(s->db, e)) return -1;
    int rc = store_policy_delete(s->db, id, e);
    if (rc != 1) {
        db_rollback(s->db);
        return rc < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no SLA policy %lld", id);
    }
    svc_sla_policies_changed();
    rc = db_commit(s->db, e);
    svc_sla_policies_changed(); /* again after the commit: a count read in between saw the old table */
    return rc;
}

int svc_policy_calendar(svc *s, const sla_policy_rec *p, bizcal *out, const char **zone, herr *e)
{
    if (zone) *zone = "UTC";
    if (!p->calendar_id) return 0;
    calendar_rec c;
    int found = store_calendar_by_id(s->db, s->a, p->calendar_id, &c, e);
    if (found <= 0 || !svc_calendar_load(&c, out)) return found < 0 ? -1 : 0;
    if (zone) *zone = c.timezone;
    return 1;
}

static bool in_list(const char *list, const char *v)
{
    if (!list) return true;
    size_t n = strlen(v);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && !strncmp(p, v, n)) return true;
        p += k + (p[k] == ',');
    }
    return false;
}

int svc_sla_match(svc *s, const char *priority, long long team_id, const char *channel, sla_policy_rec *out, herr *e)
{
    sla_policy_rec *all;
    int n;
    if (store_policy_list(s->db, s->a, &all, &n, e)) return -1;
    char team[24];
    snprintf(team, sizeof team, "%lld", team_id);
    for (int i = 0; i < n; i++)
        if (in_list(all[i].match_priority, priority) && (!all[i].match_team || (team_id && in_list(all[i].match_team, team))) &&
            in_list(all[i].match_channel, channel)) {
            *out = all[i];
            return 1;
        }
    return 0;
}

int svc_sla_preview(svc *s, const char *priority, long long team_id, const char *channel, sla_policy_rec *policy,
                    bool *found, time_t *first_due, herr *e)
{
    if (!svc_priority_valid(priority)) return HERR_INVALID(e, "priority", "priority must be low, normal, high or urgent");
    if (!svc_channel_valid(channel)) return HERR_INVALID(e, "channel", "not a channel");
    int m = svc_sla_match(s, priority, team_id, channel, policy, e);
    if (m < 0) return -1;
    *found = m > 0;
    *first_due = 0;
    if (!m || policy->first_response < 0) return 0;
    bizcal cal;
    int have = svc_policy_calendar(s, policy, &cal, NULL, e);
    if (have < 0) return -1;
    *first_due = bizcal_add(have ? &cal : NULL, svc_now(s), (long)policy->first_response);
    return 0;
}
