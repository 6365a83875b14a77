#ifndef HEED_RECORDS_H
#define HEED_RECORDS_H
/* Row types shared by store/ (which fills them) and service/ (which reasons on
 * them). Strings point into the arena the caller passed to the store function. */
#include <stdbool.h>

typedef struct agent_rec {
    long long id;
    const char *email, *name, *role; /* role: agent | supervisor | admin */
    long long team_id;               /* 0 = none */
    const char *team_name;
    bool active;
    const char *created_at;
    const char *timezone;            /* IANA name ("America/New_York"); NULL = the server's default */
    bool available;                  /* in (available) or away: automatic assignment and hand-offs look */
} agent_rec;

typedef struct team_rec {
    long long id;
    const char *name, *created_at;
    int agent_count, open_tickets;
} team_rec;

typedef struct customer_rec {
    long long id;
    const char *email, *name, *created_at; /* created_at: the first contact */
    int ticket_count;
    const char *tags;     /* the team's tags, comma-separated, lower case ("" none) */
    const char *notes;    /* the team's notes on the customer ("" none) */
    const char *language; /* the language they write in, a BCP 47 tag like "de" or "pt-BR" ("" unknown) */
} customer_rec;

typedef struct ticket_rec {
    long long id;
    const char *subject, *channel, *status, *priority;
    long long customer_id, owner_id, team_id; /* 0 = none */
    const char *customer_name, *customer_email, *owner_name, *team_name;
    const char *created_at, *updated_at, *first_response_at, *solved_at; /* NULL when unset */
    const char **tags;
    int ntags;
    int message_count;
    long long version; /* bumped by every change: If-Match, the page's stale check */
    int handoff_count; /* accepted hand-offs: 3 or more is "passed around" */
} ticket_rec;

/* how a reply is doing on its way to the customer by email (its outbox row) */
typedef struct delivery_rec {
    const char *state; /* queued | sending | sent | failed | cancelled */
    int attempts;
    const char *last_error, *sent_at; /* NULL when unset; last_error is the server's answer */
} delivery_rec;

typedef struct message_rec {
    long long id, ticket_id;
    const char *kind; /* customer | reply | note */
    long long author_agent_id, author_customer_id;
    const char *author_name;
    const char *body, *created_at;
    const delivery_rec *delivery; /* NULL unless the message is emailed (an outbox row) */
    const struct commitment_rec *commitments; /* a reply just sent: the promises found in it */
    int ncommitments;
} message_rec;

/* an agent's unsent reply or note on a ticket */
typedef struct draft_rec {
    long long ticket_id;
    const char *kind, *body, *updated_at; /* kind: reply | note */
} draft_rec;

typedef struct audit_rec {
    long long id, entity_id, actor_agent_id;
    const char *at, *entity, *action, *before, *after, *actor_name;
} audit_rec;

/* filters for listing tickets; keyset pagination on (updated_at DESC, id DESC) */
typedef struct ticket_filter {
    const char *status;      /* NULL = any; "open-ish" handled by service */
    long long owner_id;      /* 0 = any, -1 = unassigned */
    long long team_id;       /* 0 = any */
    long long customer_id;   /* 0 = any */
    const char *q;           /* full-text query or NULL */
    const char *tag, *priority, *channel; /* NULL = any */
    const char *created_from, *created_to; /* ISO UTC, [from, to); NULL = open-ended */
    unsigned mood;           /* ATTENTION_* cue bits (svc_attention.h): waiting tickets with any of them; 0 = any */
    const char *after_updated; long long after_id; /* cursor, or NULL/0 */
    int limit;
} ticket_filter;

#endif
