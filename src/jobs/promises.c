/* The timers of commitments: thin adapters from the jobs runner to the service rules. */
#include "jobs/jobs.h"
#include "jobs/promises.h"
#include "service/svc_assign.h"
#include "service/svc_commitments.h"
#include "service/svc_sla.h"

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

static int sla(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    return svc_sla_check_job(s, j, r, e);
}

static int reclaim(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    (void)arg;
    return svc_assign_reclaim_job(s, j, r, e);
}

void promises_jobs_register(void)
{
    jobs_register(&(job_kind){.kind = ASSIGN_JOB, .run = reclaim, .in_tx = true});
    jobs_register(&(job_kind){.kind = SLA_JOB, .run = sla, .in_tx = true});
    jobs_register(&(job_kind){.kind = COMMITMENT_REMIND_JOB, .run = remind, .in_tx = true});
    jobs_register(&(job_kind){.kind = COMMITMENT_DUE_JOB, .run = due, .in_tx = true});
}
