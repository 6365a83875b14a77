#ifndef HEED_JOBS_H
#define HEED_JOBS_H
/* jobs: the one mechanism for timed work in heed serve (in the spirit of Redis's
 * serverCron). Each kind of job registers a handler; worker threads claim due jobs from
 * the jobs table (svc_jobs.c), run their handler and finish them; periodic tasks
 * (jobs_every) run on the first worker. Used the same way, one pass at a time, by
 * `heed mail-send-queue`, the unit tests and the benchmark (jobs_run_due). */
#include <stdbool.h>
#include "service/svc_jobs.h"
#include "store/db.h"
#include "util/err.h"

/* 0 with *r set; -1 with e set: the job is retried with e's message as its last error */
typedef int (*job_handler)(svc *s, const job_rec *j, job_result *r, void *arg, herr *e);

typedef struct job_kind {
    const char *kind;
    job_handler run;
    void *arg;         /* passed to run (settings that outlive the workers) */
    bool in_tx;        /* run writes only to the database: inside the transaction that finishes the job */
    int max_attempts;  /* 0 = JOB_MAX_ATTEMPTS_DEFAULT */
    int lease_seconds; /* longer than one run can take; 0 = JOB_LEASE_DEFAULT */
    int batch;         /* jobs claimed at once; 0 = 32 (1 for slow external work) */
} job_kind;

/* before jobs_start; the kind is copied (its strings must outlive the workers) */
void jobs_register(const job_kind *k);
/* a periodic task, every `seconds`, on the first worker; 0 or -1 with e set (logged) */
typedef int (*job_cron)(svc *s, void *arg, herr *e);
void jobs_every(const char *name, int seconds, job_cron fn, void *arg);
/* forgets every kind and task (tests) */
void jobs_reset(void);

typedef struct jobs_stats {
    int done, retried, failed, waiting, lost, released;
} jobs_stats;
/* One pass: claims and runs the due jobs of every registered kind (or only `kind`), at most
 * max in all, as of `now` (0 = the service clock). 0 or -1 (database). */
int jobs_run_due(db *d, const char *kind, int max, time_t now, jobs_stats *st, herr *e);

/* heed serve: `workers` threads, each with its own connection to db_path (start after
 * db_checkpointer_start, stop before db_checkpointer_stop, close_db after it) */
int jobs_start(const char *db_path, int workers);
void jobs_stop(void);
/* the first half of jobs_stop: handlers see jobs_stopping() from now on (then abort what blocks them) */
void jobs_signal_stop(void);
void jobs_close_db(void);
/* true once jobs_stop began: long handlers (an SMTP transfer) give up and are retried later */
bool jobs_stopping(void);
/* a job was added that is due now: the workers look at once instead of at their next tick */
void jobs_wake(void);

#endif
