/* The timers of commitments, hand-offs and SLAs: thin adapters from the jobs runner to the service rules. */
#include "jobs/jobs.h"
#include "jobs/promises.h"
#include "service/svc_assign.h"
#include "service/svc_commitments.h"
#include "service/svc_sla.h"
#include "service/svc_snooze.h"

static int remind(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    return svc_commitment_remind_job(s, j, r, e);
}

static int due(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    return svc_commitment_due_job(s, j, r, e);
}

/* SLA alarms: a sweep of the clocks whose alarm came, batch after batch until none is left */
static int sla_sweep(svc *s, void *arg, herr *e)
{
    (void)arg;
    int n;
    for (int round = 0; round < 50 && !jobs_stopping(); round++) {
        if (svc_sla_sweep(s, SLA_SWEEP_BATCH, &n, e)) return -1;
        arena_reset(s->a);
        if (n < SLA_SWEEP_BATCH) break;
    }
    return 0;
}

/* snoozed tickets whose time came: back to open, their owner told */
static int snooze_sweep(svc *s, void *arg, herr *e)
{
    (void)arg;
    int n;
    for (int round = 0; round < 50 && !jobs_stopping(); round++) {
        if (svc_snooze_sweep(s, SNOOZE_SWEEP_BATCH, &n, e)) return -1;
        arena_reset(s->a);
        if (n < SNOOZE_SWEEP_BATCH) break;
    }
    return 0;
}

static int reclaim(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    return svc_assign_reclaim_job(s, j, r, e);
}

void promises_jobs_register(void)
{
    jobs_register(&(job_kind){.kind = ASSIGN_JOB, .run = reclaim, .in_tx = true});
    jobs_every("SLA alarms", SLA_SWEEP_SECONDS, sla_sweep, NULL);
    jobs_every("Snoozes", SNOOZE_SWEEP_SECONDS, snooze_sweep, NULL);
    jobs_register(&(job_kind){.kind = COMMITMENT_REMIND_JOB, .run = remind, .in_tx = true});
    jobs_register(&(job_kind){.kind = COMMITMENT_DUE_JOB, .run = due, .in_tx = true});
}
