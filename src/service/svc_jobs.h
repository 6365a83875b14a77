#ifndef HEED_SVC_JOBS_H
#define HEED_SVC_JOBS_H
/* service: timed work (svc_jobs.c). A change that needs something done later (a mail sent,
 * a reminder, a webhook delivery) adds a job in its own transaction; src/jobs/ claims due
 * jobs, runs the handler of their kind and finishes them here. Nothing is lost across a
 * restart or kill -9 (a claimed job's lease runs out and it is due again) and nothing runs
 * twice: a handler that only writes to the database (in_tx) commits its work and the job's
 * end in one transaction, fenced by the claim. */
#include "service/service.h"
#include "store/records_jobs.h"

enum job_outcome {
    JOB_DONE = 1,  /* finished */
    JOB_RETRY,     /* failed this time: due again at r.at (0 = backoff), until max attempts */
    JOB_FAIL,      /* will never work: failed now, r.error kept for an admin */
    JOB_WAIT,      /* not now (sending is off): due again at r.at, the attempt not counted */
    JOB_HANDLED,   /* the handler finished the job itself (svc_job_finish_in_tx in its own transaction) */
};
typedef struct job_result {
    enum job_outcome outcome;
    time_t at;         /* JOB_RETRY / JOB_WAIT: when next; 0 = the backoff */
    const char *error; /* JOB_RETRY / JOB_FAIL: why, kept as last_error */
} job_result;

enum { JOB_LEASE_DEFAULT = 120, JOB_MAX_ATTEMPTS_DEFAULT = 10, JOB_BACKOFF_FIRST = 30, JOB_BACKOFF_MAX = 3600,
       JOB_KEEP_DAYS = 7 };

/* Inside the caller's transaction: adds a job of kind about ref_id, due at `due` (0 = now).
 * order_key: jobs with one key run one at a time in the order they were added (NULL: any order). */
int svc_job_add(svc *s, const char *kind, long long ref_id, const char *order_key, const char *payload, time_t due,
                long long *id, herr *e);
/* Inside the caller's transaction: cancels the due jobs of kind about ref_id */
int svc_jobs_cancel(svc *s, const char *kind, long long ref_id, herr *e);
/* Own transaction: releases jobs whose lease ran out, then claims up to max due jobs of kind
 * for lease_seconds. *released (may be NULL) counts the released ones. */
int svc_jobs_claim(svc *s, const char *kind, int max, int lease_seconds, job_rec **out, int *n, int *released, herr *e);
/* the same inside the caller's transaction (database-only work that ends its jobs in it) */
int svc_jobs_claim_in_tx(svc *s, const char *kind, int max, int lease_seconds, job_rec **out, int *n, int *released,
                         herr *e);
/* Ends a claimed job as r says (max_attempts: a JOB_RETRY beyond it fails). Own transaction,
 * or the caller's (_in_tx). 1 when the claim was still valid, 0 when another worker had
 * taken the job over (then nothing is written and the caller's transaction must roll back). */
int svc_job_finish(svc *s, const job_rec *j, const job_result *r, int max_attempts, herr *e);
int svc_job_finish_in_tx(svc *s, const job_rec *j, const job_result *r, int max_attempts, herr *e);
long long svc_job_backoff(int attempts);
/* admins: jobs newest first (state NULL or one of due|running|done|failed|cancelled) */
int svc_jobs_list(svc *s, const char *state, const char *kind, long long before_id, int limit, job_rec **out, int *n,
                  herr *e);
bool svc_job_state_valid(const char *state);
/* admins: a failed job is due again now, its attempts from zero */
int svc_job_retry(svc *s, long long id, job_rec *out, herr *e);
int svc_jobs_count(svc *s, const char *state, int *n, herr *e);
/* the earliest moment a job of kind can be claimed, 0 when none (reads only) */
int svc_jobs_next_of_kind(svc *s, const char *kind, time_t *at, herr *e);
/* forgets finished jobs older than JOB_KEEP_DAYS; *n how many */
int svc_jobs_forget(svc *s, int *n, herr *e);

#endif
