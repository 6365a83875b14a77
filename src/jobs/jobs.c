/* The jobs runner and scheduler. See jobs.h; the rules of claiming and finishing are in
 * src/service/svc_jobs.c, every SQL statement in src/store/store_jobs.c. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "jobs/jobs.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/timeutil.h"

enum { KINDS_MAX = 32, CRONS_MAX = 16, WORKERS_MAX = 8, BATCH_DEFAULT = 32, TICK_MS = 500 };

static job_kind kinds[KINDS_MAX];
static int nkinds;
static struct cron {
    const char *name;
    int every;
    job_cron fn;
    void *arg;
    time_t last;
} crons[CRONS_MAX];
static int ncrons;

void jobs_register(const job_kind *k)
{
    for (int i = 0; i < nkinds; i++)
        if (!strcmp(kinds[i].kind, k->kind)) {
            kinds[i] = *k;
            return;
        }
    if (nkinds < KINDS_MAX) kinds[nkinds++] = *k;
}

void jobs_every(const char *name, int seconds, job_cron fn, void *arg)
{
    if (ncrons < CRONS_MAX) crons[ncrons++] = (struct cron){.name = name, .every = seconds > 0 ? seconds : 60, .fn = fn, .arg = arg};
}

void jobs_reset(void) { nkinds = ncrons = 0; }

/* runs one claimed job and ends it; 0, or -1 when the database failed */
static int run_one(svc *s, const job_kind *k, const job_rec *j, jobs_stats *st, herr *e)
{
    job_result r = {.outcome = JOB_DONE};
    herr he;
    int ours;
    if (k->in_tx) { /* the handler's writes and the job's end commit together, or neither */
        if (db_begin(s->db, e)) return -1;
        if (k->run(s, j, &r, k->arg, &he)) {
            db_rollback(s->db);
            r = (job_result){.outcome = JOB_RETRY, .error = arena_strdup(s->a, he.message)};
            ours = svc_job_finish(s, j, &r, k->max_attempts, e);
        } else if ((ours = svc_job_finish_in_tx(s, j, &r, k->max_attempts, e)) > 0) {
            if (db_commit(s->db, e)) return -1;
        } else {
            db_rollback(s->db); /* another worker took it over: its run counts, not this one */
        }
    } else {
        if (k->run(s, j, &r, k->arg, &he)) r = (job_result){.outcome = JOB_RETRY, .error = arena_strdup(s->a, he.message)};
        ours = r.outcome == JOB_HANDLED ? 1 : svc_job_finish(s, j, &r, k->max_attempts, e);
    }
    if (ours < 0) return -1;
    if (!ours) st->lost++;
    else if (r.outcome == JOB_RETRY && j->attempts < (k->max_attempts ? k->max_attempts : JOB_MAX_ATTEMPTS_DEFAULT)) st->retried++;
    else if (r.outcome == JOB_RETRY || r.outcome == JOB_FAIL) st->failed++;
    else if (r.outcome == JOB_WAIT) st->waiting++;
    else st->done++;
    if (r.outcome == JOB_RETRY || r.outcome == JOB_FAIL)
        log_infof("job %lld (%s, attempt %d): %s", j->id, j->kind, j->attempts, r.error ? r.error : "failed");
    return 0;
}

/* Database-only kinds, the fast way: one transaction claims a batch, runs every handler
 * and ends every job, so a batch costs one commit and its jobs go from due to done without
 * a lease ever being written. Anything unusual (a handler's error or another outcome than
 * done) rolls it all back and returns 0: the caller then claims and runs one job per
 * transaction, where each job's outcome is its own. Running a handler again after the
 * rollback is safe: its writes were rolled back with it. *n how many ran; -1 database. */
static int run_together(svc *s, const job_kind *k, int max, jobs_stats *st, int *n, herr *e)
{
    job_rec *js;
    herr he;
    *n = 0;
    if (db_begin(s->db, e)) return -1;
    int got;
    if (svc_jobs_claim_in_tx(s, k->kind, max, k->lease_seconds, &js, &got, &st->released, e)) {
        db_rollback(s->db);
        return -1;
    }
    for (int i = 0; i < got; i++) {
        job_result r = {.outcome = JOB_DONE};
        if (k->run(s, &js[i], &r, k->arg, &he) || r.outcome != JOB_DONE ||
            svc_job_finish_in_tx(s, &js[i], &r, k->max_attempts, &he) != 1) {
            db_rollback(s->db);
            return 0;
        }
    }
    if (db_commit(s->db, e)) return -1;
    st->done += got;
    *n = got;
    return 1;
}

/* claims a batch of one kind and runs it; how many ran, or -1 */
static int run_kind(db *d, const job_kind *k, int max, time_t now, jobs_stats *st, herr *e)
{
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a, .now = now};
    job_rec *js;
    int n, batch = k->batch > 0 ? k->batch : BATCH_DEFAULT;
    if (batch > max) batch = max;
    if (k->in_tx) {
        int together = run_together(&s, k, batch, st, &n, e);
        if (together) {
            arena_free(&a);
            return together < 0 ? -1 : n;
        }
    }
    int rc = svc_jobs_claim(&s, k->kind, batch, k->lease_seconds, &js, &n, &st->released, e);
    for (int i = 0; !rc && i < n; i++) {
        if (jobs_stopping() && !k->in_tx) break; /* the rest go back when their lease runs out */
        rc = run_one(&s, k, &js[i], st, e);
    }
    arena_free(&a);
    return rc ? -1 : n;
}

int jobs_run_due(db *d, const char *kind, int max, time_t now, jobs_stats *st, herr *e)
{
    *st = (jobs_stats){0};
    int ran = 0;
    for (bool more = true; more && ran < max;) {
        more = false;
        for (int i = 0; i < nkinds && ran < max; i++) {
            if (kind && strcmp(kind, kinds[i].kind)) continue;
            int n = run_kind(d, &kinds[i], max - ran, now, st, e);
            if (n < 0) return -1;
            ran += n;
            if (n) more = true;
        }
    }
    return 0;
}

/* ---- heed serve's workers ---------------------------------------------------- */
static struct {
    pthread_t threads[WORKERS_MAX];
    db *dbs[WORKERS_MAX];
    int n;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    atomic_bool stop;
    atomic_int woken;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

bool jobs_stopping(void) { return atomic_load(&w.stop); }

void jobs_wake(void)
{
    if (!w.n) return;
    pthread_mutex_lock(&w.lock);
    atomic_fetch_add(&w.woken, 1);
    pthread_cond_broadcast(&w.wake);
    pthread_mutex_unlock(&w.lock);
}

static void run_crons(db *d)
{
    time_t now = svc_clock();
    for (int i = 0; i < ncrons && !jobs_stopping(); i++) {
        if (crons[i].last && now - crons[i].last < crons[i].every) continue;
        arena a;
        arena_init(&a);
        svc s = {.db = d, .a = &a};
        herr e;
        if (crons[i].fn(&s, crons[i].arg, &e)) log_errorf("%s: %s", crons[i].name, e.message);
        else crons[i].last = now;
        arena_free(&a);
    }
}

/* is a job of a handled kind due, or its lease run out? (reads only; true on an error, to look) */
static bool anything_due(db *d)
{
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    time_t now = svc_clock();
    bool due = false;
    herr e;
    for (int i = 0; i < nkinds && !due; i++) {
        time_t next = 0;
        due = svc_jobs_next_of_kind(&s, kinds[i].kind, &next, &e) || (next && next <= now);
    }
    arena_free(&a);
    return due;
}

static void *worker(void *arg)
{
    int me = (int)(long)arg;
    db *d = w.dbs[me];
    while (!jobs_stopping()) {
        int seen = atomic_load(&w.woken);
        if (me == 0) run_crons(d);
        jobs_stats st = {0};
        herr e;
        /* a read first: nothing due and no lease run out, no write transaction at all */
        if (anything_due(d)) /* a read first: idle, no write transaction at all */
            if (jobs_run_due(d, NULL, 256, 0, &st, &e)) log_errorf("jobs: %s", e.message);
        if (st.released) log_infof("jobs: %d job%s whose worker stopped are due again", st.released, st.released == 1 ? "" : "s");
        bool busy = st.done + st.retried + st.failed + st.waiting + st.lost > 0;
        pthread_mutex_lock(&w.lock);
        if (!jobs_stopping() && !busy && atomic_load(&w.woken) == seen) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += TICK_MS * 1000000L;
            if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
            pthread_cond_timedwait(&w.wake, &w.lock, &until);
        }
        pthread_mutex_unlock(&w.lock);
    }
    return NULL;
}

/* finished jobs are kept JOB_KEEP_DAYS for admins to see, then forgotten */
static int forget(svc *s, void *arg, herr *e)
{
    (void)arg;
    int n = 0;
    if (svc_jobs_forget(s, &n, e)) return -1;
    if (n) log_infof("jobs: %d finished job%s older than %d days forgotten", n, n == 1 ? "" : "s", JOB_KEEP_DAYS);
    return 0;
}

int jobs_start(const char *db_path, int workers)
{
    jobs_every("forget finished jobs", 3600, forget, NULL);
    if (workers < 1) workers = 1;
    if (workers > WORKERS_MAX) workers = WORKERS_MAX;
    atomic_store(&w.stop, false);
    for (int i = 0; i < workers; i++) {
        herr e;
        if (db_open(db_path, &w.dbs[i], &e)) {
            log_errorf("jobs: %s", e.message);
            break;
        }
        if (pthread_create(&w.threads[i], NULL, worker, (void *)(long)i)) {
            db_close(w.dbs[i]);
            w.dbs[i] = NULL;
            log_errorf("jobs: cannot start a worker thread");
            break;
        }
        w.n = i + 1;
    }
    if (!w.n) return -1;
    log_infof("jobs: %d worker%s for %d kind%s of job", w.n, w.n == 1 ? "" : "s", nkinds, nkinds == 1 ? "" : "s");
    return 0;
}

void jobs_signal_stop(void)
{
    pthread_mutex_lock(&w.lock);
    atomic_store(&w.stop, true);
    pthread_cond_broadcast(&w.wake);
    pthread_mutex_unlock(&w.lock);
}

void jobs_stop(void)
{
    if (!w.n) return;
    jobs_signal_stop();
    for (int i = 0; i < w.n; i++) pthread_join(w.threads[i], NULL);
}

void jobs_close_db(void)
{
    for (int i = 0; i < w.n; i++) {
        if (w.dbs[i]) db_close(w.dbs[i]);
        w.dbs[i] = NULL;
    }
    w.n = 0;
}
