/* /api/v1/notifications: the signed-in agent's bell. /api/v1/jobs (admins): heed's timed
 * work with its last error, and a retry for a failed job. /api/v1/test/clock: moves the
 * service clock, only when the operator started heed with HEED_TEST_CLOCK=1 (tests). */
#include <stdlib.h>
#include <string.h>
#include "service/svc_jobs.h"
#include "service/svc_notify.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "web/api.h"
#include "web/handlers.h"

enum { LIST_DEFAULT = 50, LIST_MAX = 100 };

/* limit and cursor of a list; false with w filled when they are not numbers heed gave */
static bool paging(req *r, resp *w, long long *lim, long long *before, long long max)
{
    const char *limit = req_query(r, "limit"), *cursor = req_query(r, "cursor");
    *lim = LIST_DEFAULT;
    *before = 0;
    if (limit && (!parse_id(limit, lim) || *lim > max)) {
        resp_json_error(w, 400, "invalid", "limit", arena_printf(&r->a, "limit must be 1 to %lld", max));
        return false;
    }
    if (cursor && *cursor && !parse_id(cursor, before)) {
        resp_json_error(w, 400, "invalid", "cursor", "cursor is not one that heed returned");
        return false;
    }
    return true;
}

static void next_cursor(req *r, jw *j, int n, long long lim, long long last_id)
{
    jw_key(j, "next_cursor"); /* the last id shown: pass it back as cursor for older ones */
    if (n == lim) jw_str(j, arena_printf(&r->a, "%lld", last_id));
    else jw_null(j);
}

void api_notification_list(req *r, resp *w)
{
    static const char *const params[] = {"unread", "limit", "cursor", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *unread = req_query(r, "unread");
    if (unread && strcmp(unread, "1") && strcmp(unread, "0") && strcmp(unread, "true") && strcmp(unread, "false"))
        return resp_json_error(w, 400, "invalid", "unread", "unread must be 1 or 0");
    long long lim, before;
    if (!paging(r, w, &lim, &before, LIST_MAX)) return;
    notification_rec *ns;
    int n, count;
    herr e;
    bool only = unread && (!strcmp(unread, "1") || !strcmp(unread, "true"));
    if (svc_notifications(&r->s, only, before, (int)lim, &ns, &n, &count, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kint(&j, "unread", count);
    jw_key(&j, "notifications");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        jw_kint(&j, "id", ns[i].id);
        jw_kstr(&j, "kind", ns[i].kind);
        jw_kid(&j, "ticket_id", ns[i].ticket_id);
        jw_kstr(&j, "title", ns[i].title);
        jw_kstr(&j, "body", ns[i].body);
        jw_kstr(&j, "url", ns[i].url);
        jw_kstr(&j, "actor", ns[i].actor_name);
        jw_kstr(&j, "created_at", ns[i].created_at);
        jw_kstr(&j, "read_at", ns[i].read_at);
        jw_kbool(&j, "read", ns[i].read_at != NULL);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    next_cursor(r, &j, n, lim, n ? ns[n - 1].id : 0);
    jw_end_obj(&j);
}

/* an empty body or {} */
static bool no_fields(req *r, resp *w)
{
    if (!r->body_len) return true;
    static const char *const none[] = {NULL};
    json_t *obj = api_read_object(r, w, none);
    if (!obj) return false;
    json_decref(obj);
    return true;
}

static void mark_read(req *r, resp *w, long long id)
{
    if (!no_fields(r, w)) return;
    int changed, unread;
    herr e;
    if (svc_notifications_read(&r->s, id, &changed, &e) || svc_notifications_unread(&r->s, &unread, &e))
        return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kint(&j, "marked", changed);
    jw_kint(&j, "unread", unread);
    jw_end_obj(&j);
}

void api_notification_read(req *r, resp *w)
{
    long long id;
    if (api_path_id(r, w, "notification", &id)) mark_read(r, w, id);
}

void api_notifications_read_all(req *r, resp *w) { mark_read(r, w, 0); }

static void write_job(jw *j, const job_rec *x)
{
    jw_obj(j);
    jw_kint(j, "id", x->id);
    jw_kstr(j, "kind", x->kind);
    jw_kid(j, "ref_id", x->ref_id);
    jw_kstr(j, "order_key", x->order_key);
    jw_kstr(j, "state", x->state);
    jw_kstr(j, "due_at", x->due_at);
    jw_kint(j, "attempts", x->attempts);
    jw_kstr(j, "lease_until", x->lease_until);
    jw_kstr(j, "last_error", x->last_error);
    jw_kstr(j, "created_at", x->created_at);
    jw_kstr(j, "finished_at", x->finished_at);
    jw_end_obj(j);
}

void api_job_list(req *r, resp *w)
{
    static const char *const params[] = {"state", "kind", "limit", "cursor", NULL};
    if (!api_check_query(r, w, params)) return;
    const char *state = req_query(r, "state"), *kind = req_query(r, "kind");
    if (state && *state && !svc_job_state_valid(state))
        return resp_json_error(w, 400, "invalid", "state", "state must be due, running, done, failed or cancelled");
    long long lim, before;
    if (!paging(r, w, &lim, &before, 200)) return;
    job_rec *js;
    int n;
    herr e;
    if (svc_jobs_list(&r->s, state && *state ? state : NULL, kind && *kind ? kind : NULL, before, (int)lim, &js, &n, &e))
        return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "jobs");
    jw_arr(&j);
    for (int i = 0; i < n; i++) write_job(&j, &js[i]);
    jw_end_arr(&j);
    next_cursor(r, &j, n, lim, n ? js[n - 1].id : 0);
    jw_end_obj(&j);
}

void api_job_retry(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "job", &id) || !no_fields(r, w)) return;
    job_rec x;
    herr e;
    if (svc_job_retry(&r->s, id, &x, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    write_job(&j, &x);
}

void api_test_clock(req *r, resp *w)
{
    const char *on = getenv("HEED_TEST_CLOCK");
    if (!on || strcmp(on, "1")) return resp_json_error(w, 404, "not_found", NULL, "no such endpoint");
    static const char *const fields[] = {"advance_seconds", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *v = json_object_get(o, "advance_seconds");
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 366LL * 86400) {
        json_decref(o);
        return resp_json_error(w, 422, "invalid", "advance_seconds", "advance_seconds must be an integer 0..31622400");
    }
    svc_clock_advance((long long)json_integer_value(v));
    json_decref(o);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kint(&j, "offset_seconds", svc_clock_offset());
    char now[21];
    time_iso(svc_clock(), now);
    jw_kstr(&j, "now", now);
    jw_end_obj(&j);
}
