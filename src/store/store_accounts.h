#ifndef HEED_STORE_ACCOUNTS_H
#define HEED_STORE_ACCOUNTS_H
/* SQL for accounts (store_accounts.c): API tokens, browser sessions, password resets,
 * agent edits. Included by store.h. */
#include <stdbool.h>
#include "store/db.h"
#include "store/records.h"
#include "util/arena.h"

typedef struct token_rec {
    long long id, agent_id;
    const char *agent_name, *agent_email, *name, *created_at;
    const char *expires_at, *last_used_at, *revoked_at; /* NULL when unset */
} token_rec;

typedef struct session_rec {
    const char *id_hash; /* the handle to end it by (the cookie itself is never stored) */
    const char *created_at, *last_seen_at, *address, *user_agent; /* last three may be NULL */
} session_rec;

typedef struct reset_request_rec {
    long long id, agent_id;
    const char *agent_name, *agent_email, *requested_at, *address;
} reset_request_rec;

int store_token_insert_named(db *d, long long agent_id, const char *token_hash, const char *name,
                             const char *expires_at, const char *now, long long *id, herr *e);
/* the token's agent when it is neither revoked nor expired at now (and the agent is active);
 * *last_used (arena) and *expires_at (arena, NULL = never) for the caller */
int store_token_find(db *d, arena *a, const char *token_hash, const char *now, long long *token_id,
                     long long *agent_id, const char **last_used, const char **expires_at, herr *e);
int store_token_touch(db *d, long long token_id, const char *now, herr *e);
/* agent_id 0: every agent's; revoked ones only when with_revoked */
int store_token_list(db *d, arena *a, long long agent_id, bool with_revoked, token_rec **out, int *n, herr *e);
int store_token_get(db *d, arena *a, long long id, token_rec *out, herr *e);
int store_token_revoke(db *d, long long id, const char *now, herr *e);
int store_token_revoke_agent(db *d, long long agent_id, const char *now, herr *e);

int store_session_insert_seen(db *d, const char *id_hash, long long agent_id, const char *csrf, const char *now,
                              const char *expires_at, const char *address, const char *user_agent, herr *e);
/* like store_session_get, and *last_seen (arena) */
int store_session_find(db *d, arena *a, const char *id_hash, const char *now, long long *agent_id,
                       const char **csrf, const char **last_seen, herr *e);
int store_session_touch(db *d, const char *id_hash, const char *now, herr *e);
int store_session_list(db *d, arena *a, long long agent_id, const char *now, session_rec **out, int *n, herr *e);
/* keep_hash: a session to leave (NULL: end them all); the number ended in *ended */
int store_session_delete_agent(db *d, long long agent_id, const char *keep_hash, int *ended, herr *e);
int store_session_delete_one(db *d, long long agent_id, const char *id_hash, int *ended, herr *e);

int store_agent_password_hash(db *d, arena *a, long long id, const char **hash, herr *e);
int store_agent_update(db *d, long long id, const char *name, const char *role, long long team_id, herr *e);
int store_agent_set_active(db *d, long long id, bool active, herr *e);
int store_team_rename(db *d, long long id, const char *name, herr *e);

int store_reset_request_insert(db *d, long long agent_id, const char *now, const char *address, herr *e);
/* whether agent_id has an unhandled request newer than since */
int store_reset_request_recent(db *d, long long agent_id, const char *since, herr *e);
int store_reset_request_open(db *d, arena *a, reset_request_rec **out, int *n, herr *e);
int store_reset_request_handle(db *d, long long agent_id, const char *now, herr *e);
int store_reset_insert(db *d, long long agent_id, const char *token_hash, long long created_by, const char *now,
                       const char *expires_at, herr *e);
/* the agent of an unused, unexpired reset link */
int store_reset_find(db *d, const char *token_hash, const char *now, long long *agent_id, herr *e);
/* marks it used if it still is usable: *changed is 1 only for the one caller that did */
int store_reset_use(db *d, const char *token_hash, const char *now, int *changed, herr *e);
#endif
