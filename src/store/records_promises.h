#ifndef HEED_RECORDS_PROMISES_H
#define HEED_RECORDS_PROMISES_H
/* Row types of the promises heed keeps for its agents: commitments made to customers
 * (store_commitments.c) and warm hand-offs between agents (store_handoffs.c). */

typedef struct commitment_rec {
    long long id, ticket_id, message_id, owner_id; /* message_id: the reply that made it; 0 = added by hand */
    const char *text;     /* the promise as written: "I'll call you back by Friday." */
    const char *due_at;   /* UTC */
    bool vague;           /* no time in the words: due at the end of the next business day */
    const char *state;    /* open | kept | broken | cancelled (as stored; "overdue" is open and past due) */
    const char *created_at, *closed_at, *reminded_at, *overdue_at;
    const char *owner_name, *ticket_subject;
} commitment_rec;

typedef struct commitment_filter {
    long long owner_id;  /* 0 = anyone's */
    long long ticket_id; /* 0 = any ticket */
    const char *state;   /* NULL, or open | overdue | kept | broken | cancelled */
    const char *now;     /* for overdue: open with due_at before now */
    int limit;
} commitment_filter;

typedef struct handoff_rec {
    long long id, ticket_id, from_id, to_id; /* from_id 0: heed (automatic) */
    const char *note;   /* what was tried, what was promised, how the customer feels */
    const char *state;  /* pending | accepted | declined | cancelled */
    const char *reason; /* why it was declined, or NULL */
    const char *created_at, *decided_at;
    const char *from_name, *to_name, *ticket_subject;
} handoff_rec;

typedef struct team_assign {
    char mode[16];                 /* off | round_robin | least_open */
    long long cap;                 /* open tickets an agent may hold before they are skipped; -1 = none */
    long long reassign_minutes;    /* no reply from the assignee within this: back to the pool; -1 = never */
    long long last_agent;          /* round robin: who got the last one */
} team_assign;

typedef struct assign_candidate {
    long long agent_id, max_open; /* max_open: the agent's own cap, -1 = the team's */
    int open;
} assign_candidate;

#endif
