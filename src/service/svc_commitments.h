#ifndef HEED_SVC_COMMITMENTS_H
#define HEED_SVC_COMMITMENTS_H
/* service: commitments (svc_commitments.c). A public reply in which the coach finds a promise
 * ("I'll call you back by Friday") creates a commitment in the reply's transaction, owned by
 * the agent who wrote it and due when the words say, in the agent's zone; a promise with no
 * time ("I'll look into it") is due at the end of the next business day and marked vague.
 * Agents add them by hand too. A reminder comes an hour before the due time; when it passes
 * the owner and their supervisor are notified and the ticket rises in the lists. A customer's
 * reply never cancels one; solving a ticket with open ones asks first. Kept after its due
 * time counts as broken: the customer waited past what they were told. */
#include "service/service.h"
#include "store/records_promises.h"

#define COMMITMENT_REMIND_JOB "commitment.remind"
#define COMMITMENT_DUE_JOB "commitment.due"
enum {
    COMMITMENT_TEXT_MAX = 500,
    COMMITMENT_REMIND_BEFORE = 3600, /* the reminder, this long before the due time */
    COMMITMENT_VAGUE_HOUR = 17,      /* a vague promise: the next business day at this hour, the agent's zone */
    COMMITMENT_HORIZON_DAYS = 366,
};

/* process-wide, set once at start: the zone of agents who chose none (heed serve --timezone) */
void svc_set_default_zone(const char *zone);
const char *svc_default_zone(void);

/* the state the API shows: open | overdue | kept | broken | cancelled */
const char *svc_commitment_state(const svc *s, const commitment_rec *c);

/* a promise the coach found in a reply's text: its bytes [start, end) and when it is due */
typedef struct promise_found {
    size_t start, end;
    time_t due;
    bool vague; /* no time said: due at the end of the next business day */
} promise_found;

/* Before the transaction (the coach's reading takes no lock): the promises in body, a public
 * reply the actor is about to send; *out in s->a */
int svc_commitments_find(svc *s, const char *body, promise_found **out, int *n, herr *e);
/* Inside the caller's transaction: the commitments of the promises found in public reply m
 * on ticket t, owned by the actor; *out (may be NULL) the rows made */
int svc_commitments_from_reply(svc *s, const ticket_rec *t, const message_rec *m, const promise_found *found, int nfound,
                               commitment_rec **out, int *n, herr *e);
/* by hand: due NULL or "" = vague (the next business day's end); else ISO 8601 with a zone */
int svc_commitment_add(svc *s, long long ticket_id, const char *text, const char *due, commitment_rec *out, herr *e);
/* text, due (NULL = unchanged), state NULL or kept | cancelled; the owner, a supervisor or an admin */
int svc_commitment_update(svc *s, long long id, const char *text, const char *due, const char *state,
                          commitment_rec *out, herr *e);
/* f->state checked here (422 field state); f->now filled in */
int svc_commitments(svc *s, commitment_filter *f, commitment_rec **out, int *n, herr *e);
/* an agent's record: kept, broken, open, overdue */
int svc_commitment_counts(svc *s, long long agent_id, int counts[4], herr *e);
/* the ticket's open commitments (for "solve anyway?") */
int svc_ticket_open_commitments(svc *s, long long ticket_id, commitment_rec **out, int *n, herr *e);

/* job handlers (registered by src/jobs/promises.c), inside the job's transaction */
struct job_rec;
struct job_result;
int svc_commitment_remind_job(svc *s, const struct job_rec *j, struct job_result *r, herr *e);
int svc_commitment_due_job(svc *s, const struct job_rec *j, struct job_result *r, herr *e);

#endif
