/* SQL of the jobs table: timed work of every kind (src/jobs/ runs it, svc_jobs.c decides).
 *
 * The claim is one UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING: in SQLite the
 * write lock makes it atomic; on PostgreSQL the inner SELECT takes FOR UPDATE SKIP LOCKED,
 * so several workers on several nodes share the table without taking a job twice. */
#include "store/store.h"

#define JOB_COLS "id, kind, ref_id, payload, order_key, state, due_at, attempts, lease_until, last_error, created_at, finished_at"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static void read_job(db_stmt *s, arena *a, job_rec *j)
{
    j->id = db_col_int(s, 0);
    j->kind = arena_strdup(a, db_col_text(s, 1));
    j->ref_id = db_col_int(s, 2);
    j->payload = arena_strdup(a, db_col_text(s, 3));
    j->order_key = dup_or_null(a, s, 4);
    j->state = arena_strdup(a, db_col_text(s, 5));
    j->due_at = arena_strdup(a, db_col_text(s, 6));
    j->attempts = (int)db_col_int(s, 7);
    j->lease_until = dup_or_null(a, s, 8);
    j->last_error = dup_or_null(a, s, 9);
    j->created_at = arena_strdup(a, db_col_text(s, 10));
    j->finished_at = dup_or_null(a, s, 11);
}

static int read_jobs(db_stmt *s, arena *a, job_rec **out, int *n, herr *e)
{
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_job(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (jobs)") : 0;
}

int store_job_add(db *d, const job_rec *j, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO jobs(kind, ref_id, payload, order_key, state, due_at, created_at)"
                            " VALUES (?,?,?,?,'due',?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job insert");
    db_bind_text(s, 1, j->kind);
    if (j->ref_id) db_bind_int(s, 2, j->ref_id);
    else db_bind_null(s, 2);
    db_bind_text(s, 3, j->payload ? j->payload : "");
    db_bind_text(s, 4, j->order_key);
    db_bind_text(s, 5, j->due_at);
    db_bind_text(s, 6, j->created_at);
    if (db_exec_stmt(s, e)) return -1;
    if (id) *id = db_last_id(d);
    return 0;
}

/* running jobs whose lease ran out (a worker died or stopped) are due again at once */
int store_jobs_release_expired(db *d, const char *now, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE jobs SET state = 'due', lease_until = NULL,"
                            " last_error = coalesce(last_error, 'lease ran out while running (heed stopped?)')"
                            " WHERE state = 'running' AND lease_until < ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job release");
    db_bind_text(s, 1, now);
    if (db_exec_stmt(s, e)) return -1;
    *n = db_changes(d);
    return 0;
}

int store_jobs_claim(db *d, arena *a, const char *kind, const char *now, const char *lease_until, int max,
                     job_rec **out, int *n, herr *e)
{
    /* a job whose key has an earlier unfinished job waits for it: in order per key */
    db_stmt *s = db_prep(d, "UPDATE jobs SET state = 'running', lease_until = ?1, attempts = attempts + 1"
                            " WHERE id IN (SELECT j.id FROM jobs j WHERE j.kind = ?2 AND j.state = 'due' AND j.due_at <= ?3"
                            "   AND (j.order_key IS NULL OR NOT EXISTS (SELECT 1 FROM jobs p WHERE p.order_key = j.order_key"
                            "        AND p.id < j.id AND p.state IN ('due','running')))"
                            "   ORDER BY j.due_at, j.id LIMIT ?4)"
                            " RETURNING " JOB_COLS);
    if (!s) return HERR_INTERNAL(e, "cannot prepare job claim");
    db_bind_text(s, 1, lease_until);
    db_bind_text(s, 2, kind);
    db_bind_text(s, 3, now);
    db_bind_int(s, 4, max);
    return read_jobs(s, a, out, n, e);
}

/* running -> state; 1 when the job was still this claim's (same attempts and lease: a
 * worker whose lease ran out cannot overwrite the outcome of the claim that took over) */
int store_job_finish(db *d, const job_rec *j, const char *state, const char *due_at, const char *last_error,
                     const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE jobs SET state = ?1, due_at = coalesce(?2, due_at), last_error = ?3,"
                            " lease_until = NULL, finished_at = CASE WHEN ?1 = 'due' THEN NULL ELSE ?4 END,"
                            " attempts = CASE WHEN ?7 = 1 THEN attempts - 1 ELSE attempts END"
                            " WHERE id = ?5 AND state = 'running' AND attempts = ?6 AND lease_until = ?8");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job finish");
    bool uncounted = !strcmp(state, "wait");
    db_bind_text(s, 1, uncounted ? "due" : state);
    db_bind_text(s, 2, due_at);
    db_bind_text(s, 3, last_error);
    db_bind_text(s, 4, now);
    db_bind_int(s, 5, j->id);
    db_bind_int(s, 6, j->attempts);
    db_bind_int(s, 7, uncounted);
    db_bind_text(s, 8, j->lease_until);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1 ? 1 : 0;
}

/* due jobs of a kind about one row are cancelled (a commitment kept before its reminder);
 * through jobs_due (kind, state): a walk of that kind's due jobs, for a person's click */
int store_jobs_cancel_ref(db *d, const char *kind, long long ref_id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE kind = ? AND ref_id = ? AND state = 'due'");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job cancel");
    db_bind_text(s, 1, now);
    db_bind_text(s, 2, kind);
    db_bind_int(s, 3, ref_id);
    return db_exec_stmt(s, e);
}

int store_job_by_id(db *d, arena *a, long long id, job_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " JOB_COLS " FROM jobs WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_job(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (jobs)");
    return rc == DB_ROW;
}

/* newest first; state NULL for all; kind NULL for every kind */
int store_jobs_list(db *d, arena *a, const char *state, const char *kind, long long before_id, int limit, job_rec **out,
                    int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " JOB_COLS " FROM jobs WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR kind = ?2)"
                            " AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job list");
    db_bind_text(s, 1, state);
    db_bind_text(s, 2, kind);
    db_bind_int(s, 3, before_id);
    db_bind_int(s, 4, limit);
    return read_jobs(s, a, out, n, e);
}

int store_jobs_count(db *d, const char *state, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT count(*) FROM jobs WHERE state = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job count");
    db_bind_text(s, 1, state);
    int rc = db_step(s);
    *n = rc == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (jobs)") : 0;
}

/* the earliest moment a job of one kind can be claimed (its first due time, or the first lease
 * to run out; "" when none), through the index jobs_due: jobs of kinds nobody handles (mail
 * while sending is off) do not wake the workers, and an idle worker takes no write lock */
int store_jobs_next_of_kind(db *d, arena *a, const char *kind, const char **at, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT min(t) FROM (SELECT min(due_at) AS t FROM jobs WHERE kind = ?1 AND state = 'due'"
                            " UNION ALL SELECT min(lease_until) FROM jobs WHERE kind = ?1 AND state = 'running')");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job next");
    db_bind_text(s, 1, kind);
    int rc = db_step(s);
    *at = rc == DB_ROW && !db_col_is_null(s, 0) ? arena_strdup(a, db_col_text(s, 0)) : "";
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (jobs)") : 0;
}

/* finished jobs older than cutoff are forgotten (failed ones stay, for an admin to see) */
int store_jobs_forget(db *d, const char *cutoff, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM jobs WHERE state IN ('done','cancelled') AND finished_at < ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job gc");
    db_bind_text(s, 1, cutoff);
    if (db_exec_stmt(s, e)) return -1;
    *n = db_changes(d);
    return 0;
}

/* failed -> due now, attempts from zero (an admin's retry) */
int store_jobs_requeue(db *d, long long id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE jobs SET state = 'due', due_at = ?, attempts = 0, finished_at = NULL"
                            " WHERE id = ? AND state = 'failed'");
    if (!s) return HERR_INTERNAL(e, "cannot prepare job requeue");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}
