#ifndef HEED_RECORDS_JOBS_H
#define HEED_RECORDS_JOBS_H
/* Row types of timed work (store_jobs.c) and agents' notifications (store_notify.c). */

/* one due job: a timer, a retry, a delivery. Written in the transaction of the change that
 * caused it; claimed with a lease; finished once. */
typedef struct job_rec {
    long long id;
    const char *kind;      /* "mail.send", "commitment.remind", ...: picks the handler */
    long long ref_id;      /* the row it is about (an outbox row, a commitment); 0 = none */
    const char *payload;   /* kind-specific text (JSON), "" when none */
    const char *order_key; /* jobs sharing a key run one at a time in id order; NULL = unordered */
    const char *state;     /* due | running | done | failed | cancelled */
    const char *due_at;
    int attempts;          /* claims so far */
    const char *lease_until, *last_error, *created_at, *finished_at;
} job_rec;

typedef struct notification_rec {
    long long id, agent_id, ticket_id, actor_id; /* ticket_id, actor_id: 0 = none */
    const char *kind;  /* mention | handoff | commitment | sla | goodwill | ... */
    const char *title; /* one line: "Ada Okafor mentioned you on #12" */
    const char *body;  /* NULL or a short excerpt */
    const char *url;   /* where it leads: "/tickets/12" */
    const char *created_at, *read_at; /* read_at NULL = unread */
    const char *actor_name;
} notification_rec;

#endif
