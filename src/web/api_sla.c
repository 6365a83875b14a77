/* /api/v1/calendars and /api/v1/sla-policies (admins write; agents read), the preview, and
 * the "sla" member of a ticket. */
#include <string.h>
#include "service/svc_sla.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "web/api.h"
#include "web/handlers.h"

static const char *const DAYS[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

void api_write_sla(jw *j, req *r, const ticket_rec *t)
{
    sla_view v;
    herr e;
    if (svc_sla_view(&r->s, t, &v, &e)) v.has = false;
    api_write_sla_view(j, &v);
}

void api_write_sla_view(jw *j, const sla_view *vp)
{
    const sla_view v = *vp;
    jw_key(j, "sla");
    if (!v.has) return jw_null(j);
    jw_obj(j);
    jw_kstr(j, "policy", v.policy);
    jw_kstr(j, "first_response_due", v.first_response_due);
    jw_kstr(j, "next_response_due", v.next_response_due);
    jw_kstr(j, "resolution_due", v.resolution_due);
    jw_kstr(j, "update_due", v.update_due);
    jw_kstr(j, "state", v.state);
    jw_end_obj(j);
}

static void write_calendar(jw *j, const calendar_rec *c)
{
    bizcal b;
    svc_calendar_load(c, &b);
    jw_obj(j);
    jw_kint(j, "id", c->id);
    jw_kstr(j, "name", c->name);
    jw_kstr(j, "timezone", c->timezone);
    jw_key(j, "hours");
    jw_obj(j);
    for (int d = 1; d <= 7; d++) { /* mon first, as people write a week */
        int wd = d % 7;
        if (!b.nhours[wd]) continue;
        jw_key(j, DAYS[wd]);
        jw_arr(j);
        for (int k = 0; k < b.nhours[wd]; k++) {
            char a[16], z[16];
            snprintf(a, sizeof a, "%02d:%02d", b.hours[wd][k].start / 60, b.hours[wd][k].start % 60);
            snprintf(z, sizeof z, "%02d:%02d", b.hours[wd][k].end / 60, b.hours[wd][k].end % 60);
            jw_arr(j);
            jw_str(j, a);
            jw_str(j, z);
            jw_end_arr(j);
        }
        jw_end_arr(j);
    }
    jw_end_obj(j);
    jw_key(j, "holidays");
    jw_arr(j);
    for (const char *p = c->holidays; *p;) {
        size_t k = strcspn(p, ",");
        jw_strn(j, p, k);
        p += k + (p[k] == ',');
    }
    jw_end_arr(j);
    jw_end_obj(j);
}

/* {name, timezone, hours: {mon: [["09:00","17:00"]], ...}, holidays: [..]}; false with w filled */
static bool read_calendar(req *r, resp *w, json_t *o, calendar_in *in)
{
    memset(in, 0, sizeof *in);
    bool present;
    if (!api_get_str(w, o, "name", "name", true, &in->name) || !api_get_str(w, o, "timezone", "timezone", true, &in->timezone) ||
        !api_get_str_array(r, w, o, "holidays", &in->holidays, &in->nholidays, &present))
        return false;
    json_t *hours = json_object_get(o, "hours");
    if (!hours) return resp_json_error(w, 400, "missing_field", "hours", "hours is required: {\"mon\": [[\"09:00\",\"17:00\"]], ...}"), false;
    if (!json_is_object(hours)) return resp_json_error(w, 400, "wrong_type", "hours", "hours must be an object of weekdays"), false;
    const char *key;
    json_t *v;
    json_object_foreach(hours, key, v) {
        int d = 0;
        while (d < 7 && strcmp(DAYS[d], key)) d++;
        if (d == 7) return resp_json_error(w, 422, "invalid", "hours", "hours has weekdays mon, tue, wed, thu, fri, sat, sun"), false;
        if (!json_is_array(v) || json_array_size(v) > BIZCAL_INTERVALS)
            return resp_json_error(w, 422, "invalid", "hours", "each weekday is a list of [\"HH:MM\",\"HH:MM\"] intervals"), false;
        size_t i;
        json_t *iv;
        json_array_foreach(v, i, iv) {
            if (!json_is_array(iv) || json_array_size(iv) != 2 || !json_is_string(json_array_get(iv, 0)) ||
                !json_is_string(json_array_get(iv, 1)))
                return resp_json_error(w, 422, "invalid", "hours", "an interval is [\"09:00\",\"17:00\"]"), false;
            in->open[d][i][0] = json_string_value(json_array_get(iv, 0));
            in->open[d][i][1] = json_string_value(json_array_get(iv, 1));
        }
        in->nopen[d] = (int)json_array_size(v);
    }
    return true;
}

/* POST (id 0) or PUT a calendar */
static void save_calendar(req *r, resp *w, long long id)
{
    static const char *const fields[] = {"name", "timezone", "hours", "holidays", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    calendar_in in;
    calendar_rec c;
    herr e;
    if (read_calendar(r, w, o, &in)) {
        if (svc_calendar_save(&r->s, id, &in, &c, &e)) resp_herr(w, &e);
        else {
            jw j;
            api_begin(w, id ? 200 : 201, &j);
            write_calendar(&j, &c);
        }
    }
    json_decref(o);
}

void api_calendar_create(req *r, resp *w) { save_calendar(r, w, 0); }

void api_calendar_update(req *r, resp *w)
{
    long long id;
    if (api_path_id(r, w, "calendar", &id)) save_calendar(r, w, id);
}

void api_calendar_list(req *r, resp *w)
{
    calendar_rec *c;
    int n;
    herr e;
    if (svc_calendars(&r->s, &c, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "calendars");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_calendar(&j, &c[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_calendar_get(req *r, resp *w)
{
    long long id;
    calendar_rec c;
    herr e;
    if (!api_path_id(r, w, "calendar", &id)) return;
    int found = svc_calendar_get(&r->s, id, &c, &e);
    if (found < 0) return resp_herr(w, &e);
    if (!found) return resp_json_error(w, 404, "not_found", NULL, "no such calendar");
    jw j;
    api_begin(w, 200, &j);
    write_calendar(&j, &c);
}

void api_calendar_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!api_path_id(r, w, "calendar", &id)) return;
    if (svc_calendar_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}

static void csv_array(jw *j, const char *key, const char *csv)
{
    jw_key(j, key);
    jw_arr(j);
    for (const char *p = csv ? csv : ""; *p;) {
        size_t k = strcspn(p, ",");
        jw_strn(j, p, k);
        p += k + (p[k] == ',');
    }
    jw_end_arr(j);
}

static void target(jw *j, const char *key, long long v)
{
    jw_key(j, key);
    if (v < 0) jw_null(j);
    else jw_int(j, v);
}

static void write_policy(jw *j, const sla_policy_rec *p)
{
    jw_obj(j);
    jw_kint(j, "id", p->id);
    jw_kstr(j, "name", p->name);
    jw_kint(j, "position", p->position);
    jw_key(j, "match");
    jw_obj(j);
    csv_array(j, "priority", p->match_priority);
    csv_array(j, "team", p->match_team);
    csv_array(j, "channel", p->match_channel);
    jw_end_obj(j);
    target(j, "first_response_minutes", p->first_response);
    target(j, "next_response_minutes", p->next_response);
    target(j, "resolution_minutes", p->resolution);
    target(j, "update_minutes", p->update);
    jw_kid(j, "calendar_id", p->calendar_id);
    jw_end_obj(j);
}

/* a target: absent or null = none; else a positive integer (the service checks its range) */
static bool read_target(resp *w, json_t *o, const char *key, long long *out)
{
    json_t *v = json_object_get(o, key);
    *out = -1;
    if (!v || json_is_null(v)) return true;
    if (!json_is_integer(v)) return resp_json_error(w, 400, "wrong_type", key, "a target is a whole number of business minutes, or null"), false;
    *out = (long long)json_integer_value(v);
    if (*out < 1) *out = -2; /* refused by the service with its field */
    return true;
}

static bool read_policy(req *r, resp *w, json_t *o, policy_in *in)
{
    static const char *const match_fields[] = {"priority", "team", "channel"};
    memset(in, 0, sizeof *in);
    bool present;
    if (!api_get_str(w, o, "name", "name", true, &in->name)) return false;
    json_t *m = json_object_get(o, "match");
    if (m && !json_is_object(m)) return resp_json_error(w, 400, "wrong_type", "match", "match is an object: {priority?, team?, channel?}"), false;
    if (m) {
        const char *key;
        json_t *v;
        json_object_foreach(m, key, v) {
            bool known = false;
            for (int i = 0; i < 3; i++) known |= !strcmp(key, match_fields[i]);
            if (!known) return resp_json_error(w, 400, "unknown_field", "match", "match takes priority, team and channel"), false;
        }
        /* teams may be ids: take numbers as their text */
        json_t *teams = json_object_get(m, "team");
        if (teams && json_is_array(teams)) {
            size_t i;
            json_t *t;
            json_array_foreach(teams, i, t) if (json_is_integer(t)) json_array_set_new(teams, i, json_string(arena_printf(&r->a, "%lld", (long long)json_integer_value(t))));
        }
        if (!api_get_str_array(r, w, m, "priority", &in->priority, &in->npriority, &present) ||
            !api_get_str_array(r, w, m, "team", &in->team, &in->nteam, &present) ||
            !api_get_str_array(r, w, m, "channel", &in->channel, &in->nchannel, &present))
            return false;
    }
    json_t *cal = json_object_get(o, "calendar_id"), *pos = json_object_get(o, "position");
    if (cal && !json_is_null(cal) && (!json_is_integer(cal) || json_integer_value(cal) <= 0))
        return resp_json_error(w, 400, "wrong_type", "calendar_id", "calendar_id is a calendar's id, or null (around the clock)"), false;
    if (pos && (!json_is_integer(pos) || json_integer_value(pos) <= 0))
        return resp_json_error(w, 400, "wrong_type", "position", "position is a whole number from 1"), false;
    in->calendar_id = cal && json_is_integer(cal) ? (long long)json_integer_value(cal) : 0;
    in->position = pos ? (int)json_integer_value(pos) : 0;
    return read_target(w, o, "first_response_minutes", &in->first_response) &&
           read_target(w, o, "next_response_minutes", &in->next_response) &&
           read_target(w, o, "resolution_minutes", &in->resolution) && read_target(w, o, "update_minutes", &in->update);
}

static void save_policy(req *r, resp *w, long long id)
{
    static const char *const fields[] = {"name", "match", "first_response_minutes", "next_response_minutes", "resolution_minutes",
                                         "update_minutes", "calendar_id", "position", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    policy_in in;
    sla_policy_rec p;
    herr e;
    if (read_policy(r, w, o, &in)) {
        if (svc_policy_save(&r->s, id, &in, &p, &e)) resp_herr(w, &e);
        else {
            jw j;
            api_begin(w, id ? 200 : 201, &j);
            write_policy(&j, &p);
        }
    }
    json_decref(o);
}

void api_policy_create(req *r, resp *w) { save_policy(r, w, 0); }
void api_policy_update(req *r, resp *w)
{
    long long id;
    if (api_path_id(r, w, "SLA policy", &id)) save_policy(r, w, id);
}

void api_policy_list(req *r, resp *w)
{
    sla_policy_rec *p;
    int n;
    herr e;
    if (svc_policies(&r->s, &p, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "policies");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_policy(&j, &p[i]);
    jw_end_arr(&j);
    jw_end_obj(&j);
}

void api_policy_delete(req *r, resp *w)
{
    long long id;
    herr e;
    if (!api_path_id(r, w, "SLA policy", &id)) return;
    if (svc_policy_delete(&r->s, id, &e)) return resp_herr(w, &e);
    w->status = 204;
}

void api_policy_preview(req *r, resp *w)
{
    static const char *const params[] = {"priority", "team", "channel", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *priority = req_query(r, "priority"), *team = req_query(r, "team"), *channel = req_query(r, "channel");
    long long team_id = 0;
    if (team && *team && !parse_id(team, &team_id)) return resp_json_error(w, 400, "invalid", "team", "team must be a team id");
    sla_policy_rec p;
    bool found;
    time_t due;
    herr e;
    if (svc_sla_preview(&r->s, priority && *priority ? priority : "normal", team_id, channel && *channel ? channel : "email", &p,
                        &found, &due, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "policy");
    if (found) write_policy(&j, &p);
    else jw_null(&j);
    char d[ISO_LEN];
    if (due) time_iso(due, d);
    jw_kstr(&j, "first_response_due", due ? d : NULL);
    jw_end_obj(&j);
}
