/* The jobs mechanism (src/jobs/jobs.c, src/service/svc_jobs.c): each due job fires once,
 * across workers and across a kill mid-run; retries back off and end failed with the last
 * error; jobs with one order key run in order; a lost lease cannot finish a job. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "jobs/jobs.h"
#include "service/service.h"
#include "store/store.h"
#include "unit/tempdb.h"
#include "util/timeutil.h"

typedef struct fixture {
    char path[256];
    db *d;
    arena a;
    svc s;
    agent_rec admin;
} fixture;

static const time_t T0 = 1796000000; /* 2026-11-30, a fixed clock */

static void sql(fixture *f, const char *q)
{
    herr e;
    db_stmt *st = db_prep(f->d, q);
    assert_non_null(st);
    assert_int_equal(db_exec_stmt(st, &e), 0);
}

static long long count(db *d, const char *q)
{
    db_stmt *st = db_prep(d, q);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    long long n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (tempdb_open_agent(f->path, sizeof f->path, "jobs", "Ada Admin", &f->d, &f->a, &f->s, &f->admin)) return -1;
    f->s.now = T0;
    /* what a test handler did: a row per run, its primary key refusing a second run */
    sql(f, "CREATE TABLE fired (job_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)");
    jobs_reset();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    jobs_reset();
    tempdb_close(f->path, f->d, &f->a);
    free(f);
    return 0;
}

static void add_jobs(fixture *f, const char *kind, int n, const char *key, time_t due)
{
    herr e;
    assert_int_equal(db_begin(f->d, &e), 0);
    for (int i = 0; i < n; i++) assert_int_equal(svc_job_add(&f->s, kind, i + 1, key, NULL, due, NULL, &e), 0);
    assert_int_equal(db_commit(f->d, &e), 0);
}

/* in_tx handler: records the run; a second run of one job would fail on the primary key */
static int fire(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    db_stmt *st = db_prep(s->db, "INSERT INTO fired(job_id, seq) VALUES (?, (SELECT count(*) FROM fired))");
    db_bind_int(st, 1, j->id);
    if (db_exec_stmt(st, e)) return -1;
    r->outcome = JOB_DONE;
    return 0;
}

static void due_jobs_fire_once_and_not_early(void **state)
{
    fixture *f = *state;
    jobs_register(&(job_kind){.kind = "test.fire", .run = fire, .in_tx = true});
    add_jobs(f, "test.fire", 50, NULL, T0);
    add_jobs(f, "test.fire", 10, NULL, T0 + 3600); /* an hour from now */
    jobs_stats st;
    herr e;
    assert_int_equal(jobs_run_due(f->d, NULL, 1000, T0, &st, &e), 0);
    assert_int_equal(st.done, 50);
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 50);
    assert_int_equal(jobs_run_due(f->d, NULL, 1000, T0 + 3599, &st, &e), 0);
    assert_int_equal(st.done, 0);
    assert_int_equal(jobs_run_due(f->d, NULL, 1000, T0 + 3600, &st, &e), 0);
    assert_int_equal(st.done, 10);
    assert_int_equal(count(f->d, "SELECT count(*) FROM jobs WHERE state = 'done'"), 60);
    assert_int_equal(jobs_run_due(f->d, NULL, 1000, T0 + 7200, &st, &e), 0);
    assert_int_equal(st.done, 0); /* nothing twice */
}

/* two workers on their own connections share one table and never take a job twice */
struct worker_arg {
    const char *path;
    int done;
};
static void *worker(void *p)
{
    struct worker_arg *w = p;
    db *d;
    herr e;
    if (db_open(w->path, &d, &e)) return NULL;
    for (int i = 0; i < 200; i++) {
        jobs_stats st;
        if (jobs_run_due(d, NULL, 7, T0, &st, &e)) break;
        w->done += st.done;
        if (!st.done) break;
    }
    db_close(d);
    return NULL;
}

static void two_workers_share_the_table(void **state)
{
    fixture *f = *state;
    jobs_register(&(job_kind){.kind = "test.fire", .run = fire, .in_tx = true, .batch = 5});
    add_jobs(f, "test.fire", 600, NULL, T0);
    struct worker_arg a = {f->path, 0}, b = {f->path, 0};
    pthread_t ta, tb;
    pthread_create(&ta, NULL, worker, &a);
    pthread_create(&tb, NULL, worker, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    assert_int_equal(a.done + b.done, 600);
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 600);
    assert_int_equal(count(f->d, "SELECT count(*) FROM jobs WHERE state <> 'done'"), 0);
}

/* the child dies (as kill -9 would) inside a handler, after its write and before the commit */
static int fire_then_die(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    if (fire(s, j, r, arg, e)) return -1;
    if (count(s->db, "SELECT count(*) FROM fired") == 40) _exit(9);
    return 0;
}

static void a_kill_mid_run_loses_nothing_and_fires_nothing_twice(void **state)
{
    fixture *f = *state;
    add_jobs(f, "test.fire", 100, NULL, T0);
    pid_t child = fork();
    if (!child) {
        db *d;
        herr e;
        jobs_stats st;
        jobs_register(&(job_kind){.kind = "test.fire", .run = fire_then_die, .in_tx = true, .batch = 8});
        if (!db_open(f->path, &d, &e)) jobs_run_due(d, NULL, 1000, T0, &st, &e);
        _exit(0); /* not reached: the handler dies first */
    }
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 9);
    /* a batch commits its handlers' writes and its jobs' ends together: four batches of 8
     * committed; the fifth died with its transaction, its work and its claim undone */
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 32);
    assert_int_equal(count(f->d, "SELECT count(*) FROM jobs WHERE state = 'done'"), 32);
    assert_int_equal(count(f->d, "SELECT count(*) FROM jobs WHERE state = 'due'"), 68);
    jobs_register(&(job_kind){.kind = "test.fire", .run = fire, .in_tx = true});
    jobs_stats st;
    herr e;
    assert_int_equal(jobs_run_due(f->d, NULL, 1000, T0, &st, &e), 0);
    assert_int_equal(st.done, 68);
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 100);
    assert_int_equal(count(f->d, "SELECT count(DISTINCT job_id) FROM fired"), 100);
    assert_int_equal(count(f->d, "SELECT count(*) FROM jobs WHERE state = 'done'"), 100);
}

/* an external job (in_tx false: mail, webhooks) claimed by a worker that dies: its lease
 * runs out, and it is due again then, not before */
static void a_dead_workers_lease_runs_out(void **state)
{
    fixture *f = *state;
    add_jobs(f, "test.ext", 3, NULL, T0);
    job_rec *js;
    int n, released = 0;
    herr e;
    assert_int_equal(svc_jobs_claim(&f->s, "test.ext", 10, JOB_LEASE_DEFAULT, &js, &n, &released, &e), 0);
    assert_int_equal(n, 3); /* ... and the worker dies here */
    jobs_register(&(job_kind){.kind = "test.ext", .run = fire});
    jobs_stats st;
    assert_int_equal(jobs_run_due(f->d, NULL, 100, T0 + 1, &st, &e), 0);
    assert_int_equal(st.done, 0); /* still someone's */
    assert_int_equal(jobs_run_due(f->d, NULL, 100, T0 + JOB_LEASE_DEFAULT + 1, &st, &e), 0);
    assert_int_equal(st.released, 3);
    assert_int_equal(st.done, 3);
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 3);
}

static int flaky_calls;
static int flaky(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)s, (void)j, (void)arg, (void)e;
    flaky_calls++;
    *r = (job_result){.outcome = JOB_RETRY, .error = "503 try later"};
    return 0;
}

static void retries_back_off_then_fail_with_the_last_error(void **state)
{
    fixture *f = *state;
    jobs_register(&(job_kind){.kind = "test.flaky", .run = flaky, .max_attempts = 3});
    add_jobs(f, "test.flaky", 1, NULL, T0);
    jobs_stats st;
    herr e;
    time_t t = T0;
    assert_int_equal(jobs_run_due(f->d, NULL, 10, t, &st, &e), 0);
    assert_int_equal(st.retried, 1);
    job_rec j;
    assert_int_equal(store_job_by_id(f->d, &f->a, 1, &j, &e), 1);
    assert_string_equal(j.state, "due");
    assert_string_equal(j.last_error, "503 try later");
    char want[ISO_LEN];
    time_iso(T0 + svc_job_backoff(1), want);
    assert_string_equal(j.due_at, want);
    assert_int_equal(jobs_run_due(f->d, NULL, 10, T0 + svc_job_backoff(1) - 1, &st, &e), 0);
    assert_int_equal(flaky_calls, 1); /* not before its time */
    assert_int_equal(svc_job_backoff(2), 2 * svc_job_backoff(1));
    t = T0 + 10000;
    assert_int_equal(jobs_run_due(f->d, NULL, 10, t, &st, &e), 0);
    assert_int_equal(jobs_run_due(f->d, NULL, 10, t + 10000, &st, &e), 0);
    assert_int_equal(st.failed, 1);
    assert_int_equal(flaky_calls, 3);
    assert_int_equal(store_job_by_id(f->d, &f->a, 1, &j, &e), 1);
    assert_string_equal(j.state, "failed");
    assert_string_equal(j.last_error, "gave up after 3 attempts: 503 try later");
    /* an admin sees it, and retries it */
    job_rec *list;
    int n;
    svc as = f->s;
    as.actor = &f->admin;
    assert_int_equal(svc_jobs_list(&as, "failed", NULL, 0, 50, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    svc plain = f->s;
    assert_int_equal(svc_jobs_list(&plain, "failed", NULL, 0, 50, &list, &n, &e), -1);
    assert_int_equal(e.status, 403);
    assert_int_equal(svc_jobs_list(&as, "exploded", NULL, 0, 50, &list, &n, &e), -1);
    assert_string_equal(e.field, "state");
    assert_int_equal(svc_job_retry(&as, 1, &j, &e), 0);
    assert_string_equal(j.state, "due");
    assert_int_equal(svc_job_retry(&as, 1, &j, &e), -1);
    assert_int_equal(e.status, 409);
    assert_int_equal(svc_job_retry(&as, 99, &j, &e), -1);
    assert_int_equal(e.status, 404);
}

/* in_tx: a handler that fails leaves no trace of its writes */
static int half_done(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    if (fire(s, j, r, arg, e)) return -1;
    return herr_set(e, 500, "internal", NULL, "disk on fire");
}

static void a_failing_in_tx_handler_writes_nothing(void **state)
{
    fixture *f = *state;
    jobs_register(&(job_kind){.kind = "test.half", .run = half_done, .in_tx = true});
    add_jobs(f, "test.half", 1, NULL, T0);
    jobs_stats st;
    herr e;
    assert_int_equal(jobs_run_due(f->d, NULL, 10, T0, &st, &e), 0);
    assert_int_equal(st.retried, 1);
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 0);
    job_rec j;
    assert_int_equal(store_job_by_id(f->d, &f->a, 1, &j, &e), 1);
    assert_string_equal(j.last_error, "disk on fire");
}

/* the first job of ticket 7 fails its first attempt */
static int ordered(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    if (j->id == 1 && j->attempts == 1) {
        *r = (job_result){.outcome = JOB_RETRY, .error = "receiver down"};
        return 0;
    }
    return fire(s, j, r, arg, e);
}

static void jobs_with_one_key_run_in_order(void **state)
{
    fixture *f = *state;
    jobs_register(&(job_kind){.kind = "test.order", .run = ordered, .in_tx = true});
    add_jobs(f, "test.order", 3, "ticket:7", T0);   /* ref 1, 2, 3 */
    add_jobs(f, "test.order", 1, "ticket:8", T0);   /* another key is not held up */
    jobs_stats st;
    herr e;
    assert_int_equal(jobs_run_due(f->d, NULL, 10, T0, &st, &e), 0);
    /* the first of ticket 7 failed: the two after it wait; ticket 8's ran */
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 1);
    assert_int_equal(count(f->d, "SELECT job_id FROM fired"), 4);
    assert_int_equal(jobs_run_due(f->d, NULL, 10, T0 + 3600, &st, &e), 0);
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired"), 4);
    /* and in the order they were added */
    assert_int_equal(count(f->d, "SELECT count(*) FROM fired a JOIN fired b ON a.job_id < b.job_id AND a.seq > b.seq"
                                 " WHERE a.job_id <= 3 AND b.job_id <= 3"),
                     0);
}

static int waiting(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)s, (void)j, (void)arg, (void)e;
    *r = (job_result){.outcome = JOB_WAIT, .at = T0 + 600};
    return 0;
}

static void a_lost_lease_cannot_finish_and_waiting_is_not_an_attempt(void **state)
{
    fixture *f = *state;
    add_jobs(f, "test.w", 1, NULL, T0);
    job_rec *js, *again;
    int n, released = 0;
    herr e;
    assert_int_equal(svc_jobs_claim(&f->s, "test.w", 5, 60, &js, &n, &released, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(svc_jobs_claim(&f->s, "test.w", 5, 60, &again, &n, &released, &e), 0);
    assert_int_equal(n, 0); /* taken */
    svc later = f->s;
    later.now = T0 + 61;
    assert_int_equal(svc_jobs_claim(&later, "test.w", 5, 60, &again, &n, &released, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(released, 1);
    job_result done = {.outcome = JOB_DONE};
    assert_int_equal(svc_job_finish(&f->s, &js[0], &done, 0, &e), 0); /* the first claim is gone */
    assert_int_equal(svc_job_finish(&later, &again[0], &done, 0, &e), 1);

    jobs_register(&(job_kind){.kind = "test.w2", .run = waiting});
    add_jobs(f, "test.w2", 1, NULL, T0);
    jobs_stats st;
    assert_int_equal(jobs_run_due(f->d, "test.w2", 10, T0, &st, &e), 0);
    assert_int_equal(st.waiting, 1);
    job_rec j;
    assert_int_equal(store_job_by_id(f->d, &f->a, 2, &j, &e), 1);
    assert_int_equal(j.attempts, 0);
    assert_string_equal(j.state, "due");
    char want[ISO_LEN];
    time_iso(T0 + 600, want);
    assert_string_equal(j.due_at, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(due_jobs_fire_once_and_not_early, setup, teardown),
        cmocka_unit_test_setup_teardown(two_workers_share_the_table, setup, teardown),
        cmocka_unit_test_setup_teardown(a_kill_mid_run_loses_nothing_and_fires_nothing_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(a_dead_workers_lease_runs_out, setup, teardown),
        cmocka_unit_test_setup_teardown(retries_back_off_then_fail_with_the_last_error, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failing_in_tx_handler_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(jobs_with_one_key_run_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(a_lost_lease_cannot_finish_and_waiting_is_not_an_attempt, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
