#ifndef HEED_SVC_ACCOUNTS_H
#define HEED_SVC_ACCOUNTS_H
/* Accounts a team can run (svc_accounts.c); included by service.h.
 * Every change writes an audit_log row in its own transaction. */
#include "store/store_accounts.h"

enum {
    RESET_LINK_HOURS = 24,       /* a password-reset link works this long, once */
    RESET_REQUEST_QUIET = 900,   /* a second "forgot password" within 15 min adds no request */
    SEEN_PRECISION = 60,         /* last_used_at / last_seen_at are written at most once a minute */
    TOKEN_NAME_MAX = 80,
};

/* the agent with this email, or a 404 */
int svc_agent_by_email(svc *s, const char *email, agent_rec *out, herr *e);

/* API tokens. Agents manage their own; an admin anyone's. */
/* creates a token for agent_id named name, expiring at expires_at (ISO UTC, future; NULL never);
 * *token (shown once) lives in s->a */
int svc_token_create_for(svc *s, long long agent_id, const char *name, const char *expires_at, long long *id,
                         const char **token, herr *e);
/* the CLI's: by email (heed token create --email E [--name N] [--expires T]) */
int svc_token_create_named(svc *s, const char *email, const char *name, const char *expires_at, const char **token,
                           herr *e);
/* agent_id 0: every agent's (admins only) */
int svc_token_list(svc *s, long long agent_id, token_rec **out, int *n, herr *e);
int svc_token_revoke(svc *s, long long id, herr *e);
/* one token (1), or 0 when there is none the actor may see */
int svc_token_get(svc *s, long long id, token_rec *out, herr *e);
/* like svc_token_lookup; *expires (0 = never) says until when the answer holds, for a cache */
int svc_token_check(svc *s, const char *token, agent_rec *agent, time_t *expires, herr *e);

/* Sessions. address and user_agent are shown to the agent in their list. */
int svc_session_start(svc *s, long long agent_id, const char *address, const char *user_agent,
                      const char **session_token, const char **csrf, herr *e);
int svc_session_list(svc *s, long long agent_id, session_rec **out, int *n, herr *e);
/* ends the actor's sessions except the one whose cookie is keep_token; *ended counts them */
int svc_session_end_others(svc *s, const char *keep_token, int *ended, herr *e);
/* ends one of the actor's sessions by its id_hash */
int svc_session_end_by_hash(svc *s, const char *id_hash, herr *e);
/* for svc_session_lookup: the agent of a live session (1), its last-seen time brought up to
 * date when it is SEEN_PRECISION old */
int svc_session_find_touch(svc *s, const char *session_token, long long *agent_id, const char **csrf, herr *e);
/* true when session_token is the session with this id_hash */
bool svc_session_is(const char *session_token, const char *id_hash);

/* The actor's own password: current one required; ends their other sessions. */
int svc_password_change(svc *s, const char *current, const char *new_password, const char *keep_token, herr *e);

/* Admin: an agent's name, role and team (team_name "" = none); deactivation ends the
 * agent's sessions and revokes their API tokens in the same transaction. */
int svc_agent_update(svc *s, long long id, const char *name, const char *role, const char *team_name, herr *e);
int svc_agent_set_active(svc *s, long long id, bool active, herr *e);
int svc_team_rename(svc *s, long long id, const char *name, herr *e);
/* puts an agent in a team (agents have one team) */
int svc_team_add_member(svc *s, long long team_id, long long agent_id, herr *e);

/* Password resets. A request never says whether the email is known (always 0 unless the
 * database fails); an admin then issues a link (one use, RESET_LINK_HOURS). */
int svc_reset_request(svc *s, const char *email, const char *address, herr *e);
int svc_reset_requests(svc *s, reset_request_rec **out, int *n, herr *e);
/* *token (for /reset/{token}) and *expires_at live in s->a */
int svc_reset_issue(svc *s, long long agent_id, const char **token, const char **expires_at, herr *e);
/* 1 and *agent when the link is usable, 0 when not */
int svc_reset_check(svc *s, const char *token, agent_rec *agent, herr *e);
/* sets the password, uses up the link and ends every session of the agent; 410 if the link is
 * used, expired or unknown */
int svc_reset_use(svc *s, const char *token, const char *new_password, herr *e);
#endif
