#ifndef HEED_SVC_ASSIGN_H
#define HEED_SVC_ASSIGN_H
/* service: automatic assignment per team (svc_assign.c), off by default. A ticket in a
 * team's queue with no owner goes to the next agent who is in (available): round robin, or
 * the one with the fewest open tickets; an agent at the cap (their own, else the team's) is
 * skipped. A ticket its assignee does not answer within reassign_minutes goes back to the
 * pool and on to the next agent. */
#include "service/service.h"
#include "store/records_promises.h"

#define ASSIGN_JOB "assign.reclaim"

/* admins: mode off | round_robin | least_open; cap / minutes -1 = none */
int svc_team_assign_set(svc *s, long long team_id, const char *mode, long long cap, long long reassign_minutes,
                        team_assign *out, herr *e);
int svc_team_assign_get(svc *s, long long team_id, team_assign *out, herr *e);
/* Inside the caller's transaction, after a change to ticket t: when it is in a team with
 * assignment on and has no owner, it gets one (t updated, audited, the agent notified).
 * skip: an agent not to choose (the one it was taken from), 0 none. */
int svc_assign_maybe(svc *s, ticket_rec *t, long long skip, herr *e);
struct job_rec;
struct job_result;
int svc_assign_reclaim_job(svc *s, const struct job_rec *j, struct job_result *r, herr *e);

#endif
