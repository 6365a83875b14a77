/* Accounts a team can run: named, expiring, revocable API tokens; sessions an agent
 * can see and end; changing one's password; an admin's edits, deactivation and
 * password-reset links. Every change is one transaction with its audit row. */
#include <sodium.h>
#include <string.h>
#include "service/service.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

static bool is_admin(const svc *s) { return !s->actor || !strcmp(s->actor->role, "admin"); }
static long long actor_id(const svc *s) { return s->actor ? s->actor->id : 0; }

static int check_password(const char *field, const char *p, herr *e)
{
    size_t n = p ? strlen(p) : 0;
    if (n < PASSWORD_MIN || n > PASSWORD_MAX)
        return HERR_INVALID(e, field, "a password must be %d to %d characters", PASSWORD_MIN, PASSWORD_MAX);
    return 0;
}

static int hash_password(const char *p, char out[crypto_pwhash_STRBYTES], herr *e)
{
    if (crypto_pwhash_str(out, p, strlen(p), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE))
        return HERR_INTERNAL(e, "cannot hash password (out of memory)");
    return 0;
}

/* runs after a failed step inside a transaction */
static int fail(svc *s) { db_rollback(s->db); return -1; }

/* whether a stored time is older than SEEN_PRECISION seconds (or missing) */
static bool stale(const char *seen, time_t now)
{
    time_t t;
    return !seen || !time_parse_iso(seen, &t) || now - t >= SEEN_PRECISION;
}

int svc_agent_by_email(svc *s, const char *email, agent_rec *out, herr *e)
{
    int found = store_agent_by_email(s->db, s->a, email ? email : "", out, NULL, e);
    if (found < 0) return -1;
    if (!found) return herr_set(e, 404, "not_found", "email", "no agent with email %.100s", email ? email : "");
    return 0;
}

/* ---- API tokens ------------------------------------------------------------------ */
int svc_token_create_for(svc *s, long long agent_id, const char *name, const char *expires_at, long long *id,
                         const char **token, herr *e)
{
    if (s->actor && s->actor->id != agent_id && !is_admin(s))
        return herr_set(e, 403, "forbidden", "", "only an admin can make tokens for another agent");
    if (check_text("name", name, TOKEN_NAME_MAX, false, e)) return -1;
    char now[ISO_LEN], until[ISO_LEN], hash[65];
    time_t t_now = svc_now(s), t;
    time_iso(t_now, now);
    if (expires_at && *expires_at) {
        if (!time_parse_iso(expires_at, &t))
            return HERR_INVALID(e, "expires_at", "expires_at must be a time like 2027-01-31T00:00:00Z");
        if (t <= t_now) return HERR_INVALID(e, "expires_at", "expires_at must be in the future");
        time_iso(t, until);
        expires_at = until;
    } else {
        expires_at = NULL;
    }
    agent_rec agent;
    int found = store_agent_by_id(s->db, s->a, agent_id, &agent, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "agent not found");
    if (!agent.active) return herr_set(e, 409, "inactive", "", "%.100s is deactivated", agent.email);
    *token = svc_random_secret(s->a, "heed_");
    svc_secret_hash(*token, hash);
    if (db_begin(s->db, e)) return -1;
    if (store_token_insert_named(s->db, agent_id, hash, name, expires_at, now, id, e) ||
        store_audit_insert(s->db, now, actor_id(s), "agent", agent_id, "token_create", NULL,
                           arena_printf(s->a, "token %lld %s", *id, name), e))
        return fail(s);
    return db_commit(s->db, e);
}

int svc_token_list(svc *s, long long agent_id, token_rec **out, int *n, herr *e)
{
    if ((agent_id == 0 || (s->actor && agent_id != s->actor->id)) && !is_admin(s))
        return herr_set(e, 403, "forbidden", "", "only an admin can list another agent's tokens");
    return store_token_list(s->db, s->a, agent_id, false, out, n, e);
}

int svc_token_get(svc *s, long long id, token_rec *out, herr *e)
{
    int found = store_token_get(s->db, s->a, id, out, e);
    if (found == 1 && s->actor && out->agent_id != s->actor->id && !is_admin(s)) return 0;
    return found;
}

int svc_token_revoke(svc *s, long long id, herr *e)
{
    token_rec t;
    int found = store_token_get(s->db, s->a, id, &t, e);
    if (found < 0) return -1;
    /* another agent's token is "not found" to a non-admin: its id tells them nothing */
    if (!found || t.revoked_at || (s->actor && t.agent_id != s->actor->id && !is_admin(s)))
        return herr_set(e, 404, "not_found", "", "no such token");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_token_revoke(s->db, id, now, e) ||
        store_audit_insert(s->db, now, actor_id(s), "agent", t.agent_id, "token_revoke",
                           arena_printf(s->a, "token %lld %s", id, t.name), NULL, e))
        return fail(s);
    return db_commit(s->db, e);
}

int svc_token_check(svc *s, const char *token, agent_rec *agent, time_t *expires, herr *e)
{
    char hash[65], now[ISO_LEN];
    long long token_id, agent_id;
    const char *last_used, *until;
    *expires = 0;
    if (!token || strncmp(token, "heed_", 5) || strlen(token) != 69) return 0;
    svc_secret_hash(token, hash);
    time_t t_now = svc_now(s), t;
    time_iso(t_now, now);
    int found = store_token_find(s->db, s->a, hash, now, &token_id, &agent_id, &last_used, &until, e);
    if (found <= 0) return found;
    if (until && time_parse_iso(until, &t)) *expires = t;
    if (stale(last_used, t_now)) { /* a write at most once a minute per token, not on every request */
        herr ignored;
        if (!db_begin(s->db, &ignored)) {
            if (store_token_touch(s->db, token_id, now, &ignored) || db_commit(s->db, &ignored)) db_rollback(s->db);
        }
    }
    return store_agent_by_id(s->db, s->a, agent_id, agent, e);
}

/* ---- sessions -------------------------------------------------------------------- */
/* what is kept of a browser's User-Agent: printable ASCII, at most 200 bytes */
static const char *clean_agent(arena *a, const char *ua)
{
    if (!ua) return NULL;
    char *out = arena_strndup(a, ua, strnlen(ua, 200));
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) *p = '?';
    return out;
}

int svc_session_start(svc *s, long long agent_id, const char *address, const char *user_agent,
                      const char **session_token, const char **csrf, herr *e)
{
    char now[ISO_LEN], expires[ISO_LEN], hash[65];
    time_t t = svc_now(s);
    time_iso(t, now);
    time_iso(t + SESSION_DAYS * 86400, expires);
    *session_token = svc_random_secret(s->a, "");
    *csrf = svc_random_secret(s->a, "");
    svc_secret_hash(*session_token, hash);
    return store_session_insert_seen(s->db, hash, agent_id, *csrf, now, expires,
                                     address ? arena_strndup(s->a, address, strnlen(address, 64)) : NULL,
                                     clean_agent(s->a, user_agent), e);
}

int svc_session_find_touch(svc *s, const char *session_token, long long *agent_id, const char **csrf, herr *e)
{
    char now[ISO_LEN], hash[65];
    const char *seen;
    time_t t_now = svc_now(s);
    time_iso(t_now, now);
    svc_secret_hash(session_token, hash);
    int found = store_session_find(s->db, s->a, hash, now, agent_id, csrf, &seen, e);
    if (found <= 0) return found;
    if (stale(seen, t_now)) {
        herr ignored;
        if (!db_begin(s->db, &ignored)) {
            if (store_session_touch(s->db, hash, now, &ignored) || db_commit(s->db, &ignored)) db_rollback(s->db);
        }
    }
    return 1;
}

int svc_session_list(svc *s, long long agent_id, session_rec **out, int *n, herr *e)
{
    if (s->actor && s->actor->id != agent_id && !is_admin(s))
        return herr_set(e, 403, "forbidden", "", "only an admin can see another agent's sessions");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    return store_session_list(s->db, s->a, agent_id, now, out, n, e);
}

bool svc_session_is(const char *session_token, const char *id_hash)
{
    char hash[65];
    if (!session_token || !id_hash) return false;
    svc_secret_hash(session_token, hash);
    return !strcmp(hash, id_hash);
}

int svc_session_end_others(svc *s, const char *keep_token, int *ended, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", "", "sign in first");
    char now[ISO_LEN], keep[65] = "";
    if (keep_token) svc_secret_hash(keep_token, keep);
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_session_delete_agent(s->db, s->actor->id, keep, ended, e) ||
        store_audit_insert(s->db, now, s->actor->id, "agent", s->actor->id, "sessions_end", NULL,
                           arena_printf(s->a, "%d other sessions", *ended), e))
        return fail(s);
    return db_commit(s->db, e);
}

int svc_session_end_by_hash(svc *s, const char *id_hash, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", "", "sign in first");
    if (!id_hash || strlen(id_hash) != 64) return herr_set(e, 404, "not_found", "", "no such session");
    char now[ISO_LEN];
    int ended = 0;
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_session_delete_one(s->db, s->actor->id, id_hash, &ended, e)) return fail(s);
    if (!ended) {
        db_rollback(s->db);
        return herr_set(e, 404, "not_found", "", "no such session");
    }
    if (store_audit_insert(s->db, now, s->actor->id, "agent", s->actor->id, "session_end", NULL, NULL, e)) return fail(s);
    return db_commit(s->db, e);
}

/* ---- one's own password ------------------------------------------------------------ */
int svc_password_change(svc *s, const char *current, const char *new_password, const char *keep_token, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", "", "sign in first");
    const char *hash = NULL;
    int found = store_agent_password_hash(s->db, s->a, s->actor->id, &hash, e);
    if (found < 0) return -1;
    if (!current || !hash || crypto_pwhash_str_verify(hash, current, strlen(current)) != 0)
        return HERR_INVALID(e, "current", "that is not your current password");
    if (check_password("password", new_password, e)) return -1;
    char fresh[crypto_pwhash_STRBYTES], now[ISO_LEN], keep[65] = "";
    if (hash_password(new_password, fresh, e)) return -1;
    if (keep_token) svc_secret_hash(keep_token, keep);
    svc_now_iso(s, now);
    int ended = 0;
    if (db_begin(s->db, e)) return -1;
    if (store_agent_set_password(s->db, s->actor->id, fresh, e) ||
        store_session_delete_agent(s->db, s->actor->id, keep, &ended, e) ||
        store_audit_insert(s->db, now, s->actor->id, "agent", s->actor->id, "password_change", NULL,
                           arena_printf(s->a, "%d other sessions ended", ended), e))
        return fail(s);
    return db_commit(s->db, e);
}

/* ---- an admin's edits ---------------------------------------------------------------- */
static int team_id_of(svc *s, const char *team_name, long long *team_id, herr *e)
{
    *team_id = 0;
    if (!team_name || !*team_name) return 0;
    team_rec t;
    int found = store_team_by_name(s->db, s->a, team_name, &t, e);
    if (found < 0) return -1;
    if (!found) return HERR_INVALID(e, "team", "no team named %.100s", team_name);
    *team_id = t.id;
    return 0;
}

int svc_agent_update(svc *s, long long id, const char *name, const char *role, const char *team_name, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can edit agents");
    if (check_text("name", name, NAME_MAX_LEN, false, e)) return -1;
    if (!svc_role_valid(role)) return HERR_INVALID(e, "role", "role must be agent, supervisor or admin");
    agent_rec before;
    int found = store_agent_by_id(s->db, s->a, id, &before, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "agent not found");
    /* so that there is always an admin left: nobody demotes themselves */
    if (s->actor && s->actor->id == id && strcmp(role, "admin"))
        return HERR_INVALID(e, "role", "you cannot take away your own admin role; ask another admin");
    long long team_id;
    if (team_id_of(s, team_name, &team_id, e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_agent_update(s->db, id, name, role, team_id, e) ||
        store_audit_insert(s->db, now, actor_id(s), "agent", id, "update",
                           arena_printf(s->a, "%s | %s | %s", before.name, before.role, before.team_name ? before.team_name : ""),
                           arena_printf(s->a, "%s | %s | %s", name, role, team_name ? team_name : ""), e))
        return fail(s);
    return db_commit(s->db, e);
}

int svc_agent_set_active(svc *s, long long id, bool active, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can deactivate agents");
    if (s->actor && s->actor->id == id && !active)
        return herr_set(e, 409, "conflict", "", "you cannot deactivate yourself");
    agent_rec a;
    int found = store_agent_by_id(s->db, s->a, id, &a, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "agent not found");
    if (a.active == active) return 0;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    int ended = 0;
    if (db_begin(s->db, e)) return -1;
    if (store_agent_set_active(s->db, id, active, e)) return fail(s);
    /* at once: every session and API token of the agent stops working with this commit */
    if (!active && (store_session_delete_agent(s->db, id, NULL, &ended, e) || store_token_revoke_agent(s->db, id, now, e)))
        return fail(s);
    if (store_audit_insert(s->db, now, actor_id(s), "agent", id, active ? "reactivate" : "deactivate",
                           active ? "inactive" : "active", active ? "active" : "inactive", e))
        return fail(s);
    return db_commit(s->db, e);
}

int svc_team_rename(svc *s, long long id, const char *name, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can rename teams");
    if (check_text("name", name, NAME_MAX_LEN, false, e)) return -1;
    team_rec t;
    int found = store_team_by_id(s->db, s->a, id, &t, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "team not found");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_team_rename(s->db, id, name, e)) {
        db_rollback(s->db);
        if (e->status == 409) return herr_set(e, 409, "conflict", "name", "a team named %.100s exists", name);
        return -1;
    }
    if (store_audit_insert(s->db, now, actor_id(s), "team", id, "rename", t.name, name, e)) return fail(s);
    return db_commit(s->db, e);
}

int svc_team_add_member(svc *s, long long team_id, long long agent_id, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can change teams");
    team_rec t;
    agent_rec a;
    int found = store_team_by_id(s->db, s->a, team_id, &t, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "team not found");
    found = store_agent_by_id(s->db, s->a, agent_id, &a, e);
    if (found <= 0) return found < 0 ? -1 : HERR_INVALID(e, "agent", "choose an agent");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_agent_update(s->db, agent_id, a.name, a.role, team_id, e) ||
        store_audit_insert(s->db, now, actor_id(s), "agent", agent_id, "team", a.team_name, t.name, e))
        return fail(s);
    return db_commit(s->db, e);
}

/* ---- password resets ----------------------------------------------------------------- */
int svc_reset_request(svc *s, const char *email, const char *address, herr *e)
{
    agent_rec a;
    if (!email || strlen(email) > 254) return 0;
    int found = store_agent_by_email(s->db, s->a, email, &a, NULL, e);
    if (found < 0) return -1;
    if (!found || !a.active) return 0; /* the same answer: nothing tells whether the email is known */
    char now[ISO_LEN], since[ISO_LEN];
    time_t t = svc_now(s);
    time_iso(t, now);
    time_iso(t - RESET_REQUEST_QUIET, since);
    int recent = store_reset_request_recent(s->db, a.id, since, e);
    if (recent) return recent < 0 ? -1 : 0;
    if (db_begin(s->db, e)) return -1;
    if (store_reset_request_insert(s->db, a.id, now, address ? arena_strndup(s->a, address, strnlen(address, 64)) : NULL, e) ||
        store_audit_insert(s->db, now, 0, "agent", a.id, "reset_request", NULL, address, e))
        return fail(s);
    return db_commit(s->db, e);
}

int svc_reset_requests(svc *s, reset_request_rec **out, int *n, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin sees reset requests");
    return store_reset_request_open(s->db, s->a, out, n, e);
}

int svc_reset_issue(svc *s, long long agent_id, const char **token, const char **expires_at, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can make a reset link");
    agent_rec a;
    int found = store_agent_by_id(s->db, s->a, agent_id, &a, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "agent not found");
    if (!a.active) return herr_set(e, 409, "inactive", "", "%.100s is deactivated: reactivate them first", a.name);
    char now[ISO_LEN], until[ISO_LEN], hash[65];
    time_t t = svc_now(s);
    time_iso(t, now);
    time_iso(t + RESET_LINK_HOURS * 3600, until);
    *token = svc_random_secret(s->a, "");
    *expires_at = arena_strdup(s->a, until);
    svc_secret_hash(*token, hash);
    if (db_begin(s->db, e)) return -1;
    if (store_reset_insert(s->db, agent_id, hash, actor_id(s), now, until, e) ||
        store_reset_request_handle(s->db, agent_id, now, e) ||
        store_audit_insert(s->db, now, actor_id(s), "agent", agent_id, "reset_link", NULL, until, e))
        return fail(s);
    return db_commit(s->db, e);
}

static bool reset_token_shape(const char *token)
{
    if (!token || strlen(token) != 64) return false;
    for (const char *p = token; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return false;
    return true;
}

int svc_reset_check(svc *s, const char *token, agent_rec *agent, herr *e)
{
    if (!reset_token_shape(token)) return 0;
    char hash[65], now[ISO_LEN];
    long long agent_id;
    svc_secret_hash(token, hash);
    svc_now_iso(s, now);
    int found = store_reset_find(s->db, hash, now, &agent_id, e);
    if (found <= 0) return found;
    return store_agent_by_id(s->db, s->a, agent_id, agent, e);
}

int svc_reset_use(svc *s, const char *token, const char *new_password, herr *e)
{
    agent_rec a;
    int found = svc_reset_check(s, token, &a, e);
    if (found < 0) return -1;
    if (!found) return herr_set(e, 410, "gone", "", "this reset link was used already or has expired; ask an admin for a new one");
    if (check_password("password", new_password, e)) return -1;
    char fresh[crypto_pwhash_STRBYTES], hash[65], now[ISO_LEN];
    if (hash_password(new_password, fresh, e)) return -1;
    svc_secret_hash(token, hash);
    svc_now_iso(s, now);
    int changed = 0, ended = 0;
    if (db_begin(s->db, e)) return -1;
    if (store_reset_use(s->db, hash, now, &changed, e)) return fail(s);
    if (changed != 1) { /* a concurrent use of the same link won */
        db_rollback(s->db);
        return herr_set(e, 410, "gone", "", "this reset link was used already or has expired; ask an admin for a new one");
    }
    if (store_agent_set_password(s->db, a.id, fresh, e) || store_session_delete_agent(s->db, a.id, NULL, &ended, e) ||
        store_reset_request_handle(s->db, a.id, now, e) ||
        store_audit_insert(s->db, now, 0, "agent", a.id, "reset_use", NULL,
                           arena_printf(s->a, "%d sessions ended", ended), e))
        return fail(s);
    return db_commit(s->db, e);
}
