#ifndef HEED_SERVICE_H
#define HEED_SERVICE_H
/* service: one function for each thing a person can do in heed. Pages, the
 * API, the CLI and email all call these, so each rule (validation, ownership,
 * audit) lives here once. Functions return 0 (or 1/0 for lookups) and -1 with
 * e set: e->status is the HTTP-like status the door should answer with.
 *
 * Every write runs in one transaction with its audit rows. */
#include <stdbool.h>
#include "store/records.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

/* who is acting, and where results are allocated */
typedef struct svc {
    db *db;
    arena *a;
    const agent_rec *actor; /* NULL for the system (demo, CLI, email ingest) */
} svc;

/* ---- limits every door shares ---- */
enum {
    SUBJECT_MAX = 200,
    NAME_MAX_LEN = 120,
    BODY_MAX = 100000,
    TAGS_MAX = 20,
    TAG_MAX_LEN = 40,
    PASSWORD_MIN = 8,
    PASSWORD_MAX = 200,
};

/* ---- agents, teams, auth (svc_people.c, svc_auth.c) ---- */
bool svc_role_valid(const char *role);
int svc_agent_add(svc *s, const char *email, const char *name, const char *role, const char *password,
                  const char *team_name, long long *id, herr *e);
int svc_agent_get(svc *s, long long id, agent_rec *out, herr *e);
int svc_agent_list(svc *s, agent_rec **out, int *n, herr *e);
int svc_team_add(svc *s, const char *name, long long *id, herr *e);
int svc_team_list(svc *s, team_rec **out, int *n, herr *e);

/* Checks an email and password; on success fills *agent and returns 0. Wrong
 * email or password are the same 401 so they cannot be told apart. */
int svc_login(svc *s, const char *email, const char *password, agent_rec *agent, herr *e);
/* creates a browser session; *session_token (to set in the cookie) and *csrf live in s->a */
int svc_session_create(svc *s, long long agent_id, const char **session_token, const char **csrf, herr *e);
int svc_session_lookup(svc *s, const char *session_token, agent_rec *agent, const char **csrf, herr *e);
int svc_session_end(svc *s, const char *session_token, herr *e);
/* creates an API token for the agent with this email; the token is returned once, only its hash is kept */
int svc_token_create(svc *s, const char *email, const char **token, herr *e);
int svc_token_lookup(svc *s, const char *token, agent_rec *agent, herr *e);
/* hex BLAKE2b of a secret, as stored */
void svc_secret_hash(const char *secret, char out[65]);

/* ---- customers (svc_customers.c) ---- */
int svc_customer_find_or_create(svc *s, const char *email, const char *name, customer_rec *out, herr *e);
int svc_customer_get(svc *s, long long id, customer_rec *out, herr *e);

/* ---- tickets (svc_tickets.c) ---- */
typedef struct ticket_new {
    const char *subject, *customer_email, *customer_name, *message;
    const char *channel;  /* NULL = "api" */
    const char *priority; /* NULL = "normal" */
    const char **tags;
    int ntags;
} ticket_new;

typedef struct ticket_patch {
    const char *status, *priority; /* NULL = unchanged */
    bool set_owner;
    long long owner_id;            /* 0 = nobody */
    bool set_team;
    long long team_id;             /* 0 = none */
    bool set_tags;
    const char **tags;
    int ntags;
} ticket_patch;

bool svc_status_valid(const char *status);
bool svc_priority_valid(const char *priority);
bool svc_channel_valid(const char *channel);
int svc_ticket_create(svc *s, const ticket_new *in, ticket_rec *out, herr *e);
int svc_ticket_get(svc *s, long long id, ticket_rec *out, herr *e);
int svc_ticket_messages(svc *s, long long id, message_rec **out, int *n, herr *e);
int svc_ticket_list(svc *s, const ticket_filter *f, ticket_rec **out, int *n, herr *e);
int svc_ticket_update(svc *s, long long id, const ticket_patch *p, ticket_rec *out, herr *e);
/* kind: "reply" (public, to the customer) or "note" (internal) */
int svc_ticket_add_message(svc *s, long long id, const char *kind, const char *body, message_rec *out, herr *e);
/* a message from the customer on an existing ticket (email, web form); reopens a solved ticket */
int svc_ticket_customer_message(svc *s, long long id, const char *body, message_rec *out, herr *e);
int svc_ticket_counts(svc *s, int *mine, int *unassigned, int *open_all, herr *e);
int svc_ticket_history(svc *s, long long id, audit_rec **out, int *n, herr *e);
/* demo data only: moves a ticket's times into the past */
int svc_ticket_backdate(svc *s, long long id, long long seconds, herr *e);

#endif
