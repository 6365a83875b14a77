/* make bench-jobs: the scheduler under 100,000 due timers.
 *
 * A fresh database gets N jobs (default 100,000) of one kind, all due now, added in
 * transactions of 1,000 as the service adds them (svc_job_add). Then W workers (default 2,
 * as heed serve runs) each with its own connection claim and run them through jobs_run_due
 * until none is left. The handler runs inside each job's transaction (as commitment timers
 * do) and marks its job in a table whose primary key refuses a second run; a bitmap in
 * memory counts runs too. Prints the time to add and to fire, the rate, and checks that
 * every timer fired exactly once (exit 1 otherwise).
 * Checkpoints run in their own thread, as in heed serve.
 * Knobs: N=100000 WORKERS=2 BATCH=32 (jobs claimed at once). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jobs/jobs.h"
#include "service/service.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/timeutil.h"

static int n_jobs = 100000, n_workers = 2, batch = 32;
static atomic_uchar *fired;
static atomic_long runs, twice;
static const char *path;

static int tick(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    db_stmt *st = db_prep(s->db, "INSERT INTO fired(job_id) VALUES (?)");
    db_bind_int(st, 1, j->id);
    if (db_exec_stmt(st, e)) return -1; /* a second run: the primary key refuses it */
    if (atomic_fetch_add(&fired[j->id], 1)) atomic_fetch_add(&twice, 1);
    atomic_fetch_add(&runs, 1);
    r->outcome = JOB_DONE;
    return 0;
}

static void *worker(void *arg)
{
    (void)arg;
    db *d;
    herr e;
    if (db_open(path, &d, &e)) return NULL;
    for (;;) {
        jobs_stats st;
        if (jobs_run_due(d, NULL, 1000, 0, &st, &e)) {
            fprintf(stderr, "jobs: %s\n", e.message);
            break;
        }
        if (!st.done && !st.lost) break;
    }
    db_close(d);
    return NULL;
}

int main(void)
{
    if (getenv("N")) n_jobs = atoi(getenv("N"));
    if (getenv("WORKERS")) n_workers = atoi(getenv("WORKERS"));
    if (getenv("BATCH")) batch = atoi(getenv("BATCH"));
    char tmp[] = "/tmp/heed-bench-jobs-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0) return 1;
    close(fd);
    path = tmp;
    db *d;
    herr e;
    if (db_open(path, &d, &e) || db_migrate(d, &e)) return fprintf(stderr, "%s\n", e.message), 1;
    db_stmt *st = db_prep(d, "CREATE TABLE fired (job_id INTEGER PRIMARY KEY)");
    if (db_exec_stmt(st, &e)) return 1;
    fired = calloc((size_t)n_jobs + 2, 1);
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    double t0 = time_mono_ms();
    for (int i = 0; i < n_jobs;) {
        if (db_begin(d, &e)) return 1;
        for (int k = 0; k < 1000 && i < n_jobs; k++, i++)
            if (svc_job_add(&s, "bench.tick", i + 1, NULL, NULL, 0, NULL, &e)) return fprintf(stderr, "%s\n", e.message), 1;
        if (db_commit(d, &e)) return 1;
        arena_reset(&a);
    }
    double added = time_mono_ms() - t0;
    jobs_register(&(job_kind){.kind = "bench.tick", .run = tick, .in_tx = true, .batch = batch});
    /* as heed serve: checkpoints in their own thread, not inline in a worker's commit */
    if (db_checkpointer_start(path, &e)) fprintf(stderr, "checkpoints inline: %s\n", e.message);
    pthread_t th[16];
    if (n_workers > 16) n_workers = 16;
    t0 = time_mono_ms();
    for (int i = 0; i < n_workers; i++) pthread_create(&th[i], NULL, worker, NULL);
    for (int i = 0; i < n_workers; i++) pthread_join(th[i], NULL);
    double ran = time_mono_ms() - t0;
    db_checkpointer_stop();
    long distinct = 0;
    for (int i = 1; i <= n_jobs; i++) distinct += atomic_load(&fired[i]) == 1;
    db_stmt *q = db_prep(d, "SELECT (SELECT count(*) FROM fired), (SELECT count(*) FROM jobs WHERE state = 'done')");
    long rows = 0, done = 0;
    if (db_step(q) == DB_ROW) rows = (long)db_col_int(q, 0), done = (long)db_col_int(q, 1);
    db_done(q);
    printf("timers: %d due, %d workers, batch %d\n", n_jobs, n_workers, batch);
    printf("  added in %.0f ms (%.0f per second, 1,000 per transaction)\n", added, n_jobs / (added / 1000));
    printf("  fired in %.0f ms (%.0f per second)\n", ran, n_jobs / (ran / 1000));
    printf("  fired once: %ld of %d; fired twice: %ld; rows %ld; jobs done %ld\n", distinct, n_jobs, (long)atomic_load(&twice),
           rows, done);
    arena_free(&a);
    db_close(d);
    char side[300];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    free(fired);
    return distinct == n_jobs && !atomic_load(&twice) && rows == n_jobs && done == n_jobs ? 0 : 1;
}
