/* Timed work: add, claim, finish, and what admins see of it. See svc_jobs.h. */
#include <string.h>
#include "service/svc_jobs.h"
#include "store/store.h"
#include "util/timeutil.h"

static bool is_admin(const svc *s) { return s->actor && !strcmp(s->actor->role, "admin"); }

int svc_job_add(svc *s, const char *kind, long long ref_id, const char *order_key, const char *payload, time_t due,
                long long *id, herr *e)
{
    char now[ISO_LEN], at[ISO_LEN];
    svc_now_iso(s, now);
    time_iso(due ? due : svc_now(s), at);
    job_rec j = {.kind = kind, .ref_id = ref_id, .payload = payload, .order_key = order_key, .due_at = at, .created_at = now};
    return store_job_add(s->db, &j, id, e);
}

int svc_jobs_cancel(svc *s, const char *kind, long long ref_id, herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    return store_jobs_cancel_ref(s->db, kind, ref_id, now, e);
}

int svc_jobs_claim_in_tx(svc *s, const char *kind, int max, int lease_seconds, job_rec **out, int *n, int *released,
                         herr *e)
{
    char now[ISO_LEN], lease[ISO_LEN];
    time_t t = svc_now(s);
    time_iso(t, now);
    time_iso(t + (lease_seconds > 0 ? lease_seconds : JOB_LEASE_DEFAULT), lease);
    int rel = 0;
    *out = NULL;
    *n = 0;
    if (store_jobs_release_expired(s->db, now, &rel, e) || store_jobs_claim(s->db, s->a, kind, now, lease, max, out, n, e))
        return -1;
    if (released) *released += rel;
    return 0;
}

int svc_jobs_claim(svc *s, const char *kind, int max, int lease_seconds, job_rec **out, int *n, int *released, herr *e)
{
    char now[ISO_LEN], lease[ISO_LEN];
    time_t t = svc_now(s);
    time_iso(t, now);
    time_iso(t + (lease_seconds > 0 ? lease_seconds : JOB_LEASE_DEFAULT), lease);
    int rel = 0;
    *out = NULL;
    *n = 0;
    if (db_begin(s->db, e)) return -1;
    if (store_jobs_release_expired(s->db, now, &rel, e) || store_jobs_claim(s->db, s->a, kind, now, lease, max, out, n, e)) {
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    if (released) *released += rel;
    return 0;
}

long long svc_job_backoff(int attempts)
{
    long long d = JOB_BACKOFF_FIRST;
    for (int i = 1; i < attempts && d < JOB_BACKOFF_MAX; i++) d *= 2;
    return d < JOB_BACKOFF_MAX ? d : JOB_BACKOFF_MAX;
}

int svc_job_finish_in_tx(svc *s, const job_rec *j, const job_result *r, int max_attempts, herr *e)
{
    char now[ISO_LEN], at[ISO_LEN];
    time_t t = svc_now(s);
    time_iso(t, now);
    const char *state = "done", *due = NULL, *err = r->error;
    switch (r->outcome) {
    case JOB_FAIL: state = "failed"; break;
    case JOB_WAIT:
        state = "wait";
        time_iso(r->at ? r->at : t + 60, at);
        due = at;
        break;
    case JOB_RETRY:
        if (j->attempts >= (max_attempts > 0 ? max_attempts : JOB_MAX_ATTEMPTS_DEFAULT)) {
            state = "failed";
            err = arena_printf(s->a, "gave up after %d attempts: %s", j->attempts, err ? err : "failed");
        } else {
            state = "due";
            time_iso(r->at ? r->at : t + svc_job_backoff(j->attempts), at);
            due = at;
        }
        break;
    default: err = NULL; break;
    }
    return store_job_finish(s->db, j, state, due, err, now, e);
}

int svc_job_finish(svc *s, const job_rec *j, const job_result *r, int max_attempts, herr *e)
{
    if (db_begin(s->db, e)) return -1;
    int ours = svc_job_finish_in_tx(s, j, r, max_attempts, e);
    if (ours <= 0) {
        db_rollback(s->db);
        return ours;
    }
    return db_commit(s->db, e) ? -1 : 1;
}

bool svc_job_state_valid(const char *st)
{
    static const char *const states[] = {"due", "running", "done", "failed", "cancelled"};
    for (size_t i = 0; i < sizeof states / sizeof *states; i++)
        if (!strcmp(st, states[i])) return true;
    return false;
}

int svc_jobs_list(svc *s, const char *state, const char *kind, long long before_id, int limit, job_rec **out, int *n,
                  herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins see heed's background jobs");
    if (state && !svc_job_state_valid(state))
        return herr_set(e, 422, "invalid", "state", "state must be one of due, running, done, failed, cancelled");
    if (limit < 1 || limit > 200) return herr_set(e, 422, "invalid", "limit", "limit must be 1..200");
    return store_jobs_list(s->db, s->a, state, kind, before_id, limit, out, n, e);
}

int svc_job_retry(svc *s, long long id, job_rec *out, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins retry background jobs");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    int found = store_job_by_id(s->db, s->a, id, out, e);
    if (found <= 0) {
        db_rollback(s->db);
        return found < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no job %lld", id);
    }
    if (strcmp(out->state, "failed")) {
        db_rollback(s->db);
        return herr_set(e, 409, "conflict", "state", "job %lld is %s; only a failed job can be retried", id, out->state);
    }
    if (store_jobs_requeue(s->db, id, now, e) ||
        store_audit_insert(s->db, now, s->actor->id, "job", id, "retry", "failed", out->kind, e)) {
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    out->state = "due";
    out->due_at = arena_strdup(s->a, now);
    out->attempts = 0;
    return 0;
}

int svc_jobs_count(svc *s, const char *state, int *n, herr *e) { return store_jobs_count(s->db, state, n, e); }

int svc_jobs_next_of_kind(svc *s, const char *kind, time_t *at, herr *e)
{
    const char *due;
    if (store_jobs_next_of_kind(s->db, s->a, kind, &due, e)) return -1;
    if (!*due || !time_parse_iso(due, at)) *at = 0;
    return 0;
}

int svc_jobs_forget(svc *s, int *n, herr *e)
{
    char cutoff[ISO_LEN];
    time_iso(svc_now(s) - JOB_KEEP_DAYS * 86400L, cutoff);
    if (db_begin(s->db, e)) return -1;
    if (store_jobs_forget(s->db, cutoff, n, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
