/* SQL for accounts: named, expiring API tokens; sessions with where they were seen;
 * password reset requests and links; agent and team edits. */
#include <string.h>
#include "store/store.h"

static const char *col_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static int done_error(db_stmt *s, int rc, herr *e)
{
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error") : 0;
}

/* ---- API tokens ---------------------------------------------------------------- */
int store_token_insert_named(db *d, long long agent_id, const char *token_hash, const char *name,
                             const char *expires_at, const char *now, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO api_tokens(agent_id, token_hash, created_at, name, expires_at) VALUES (?,?,?,?,?)");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, token_hash);
    db_bind_text(s, 3, now);
    db_bind_text(s, 4, name ? name : "");
    db_bind_text(s, 5, expires_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_token_find(db *d, arena *a, const char *token_hash, const char *now, long long *token_id,
                     long long *agent_id, const char **last_used, const char **expires_at, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT t.id, t.agent_id, t.last_used_at, t.expires_at FROM api_tokens t"
                            " JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ? AND a.active = 1"
                            " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)");
    db_bind_text(s, 1, token_hash);
    db_bind_text(s, 2, now);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *token_id = db_col_int(s, 0);
        *agent_id = db_col_int(s, 1);
        *last_used = col_or_null(a, s, 2);
        *expires_at = col_or_null(a, s, 3);
    }
    if (done_error(s, rc, e)) return -1;
    return rc == DB_ROW;
}

int store_token_touch(db *d, long long token_id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, token_id);
    return db_exec_stmt(s, e);
}

#define TOKEN_COLS "SELECT t.id, t.agent_id, a.name, a.email, t.name, t.created_at, t.expires_at, t.last_used_at," \
                   " t.revoked_at FROM api_tokens t JOIN agents a ON a.id = t.agent_id "

static void token_row(arena *a, db_stmt *s, token_rec *r)
{
    r->id = db_col_int(s, 0);
    r->agent_id = db_col_int(s, 1);
    r->agent_name = arena_strdup(a, db_col_text(s, 2));
    r->agent_email = arena_strdup(a, db_col_text(s, 3));
    r->name = arena_strdup(a, db_col_text(s, 4));
    r->created_at = arena_strdup(a, db_col_text(s, 5));
    r->expires_at = col_or_null(a, s, 6);
    r->last_used_at = col_or_null(a, s, 7);
    r->revoked_at = col_or_null(a, s, 8);
}

int store_token_list(db *d, arena *a, long long agent_id, bool with_revoked, token_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, TOKEN_COLS "WHERE (?1 = 0 OR t.agent_id = ?1) AND (?2 = 1 OR t.revoked_at IS NULL)"
                                       " ORDER BY t.id DESC");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, with_revoked ? 1 : 0);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) token_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    return done_error(s, rc, e);
}

int store_token_get(db *d, arena *a, long long id, token_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, TOKEN_COLS "WHERE t.id = ?");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) token_row(a, s, out);
    if (done_error(s, rc, e)) return -1;
    return rc == DB_ROW;
}

int store_token_revoke(db *d, long long id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

int store_token_revoke_agent(db *d, long long agent_id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE api_tokens SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, agent_id);
    return db_exec_stmt(s, e);
}

/* ---- sessions ------------------------------------------------------------------- */
int store_session_insert_seen(db *d, const char *id_hash, long long agent_id, const char *csrf, const char *now,
                              const char *expires_at, const char *address, const char *user_agent, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO sessions(id_hash, agent_id, csrf, created_at, expires_at, last_seen_at,"
                            " address, user_agent) VALUES (?,?,?,?,?,?,?,?)");
    db_bind_text(s, 1, id_hash);
    db_bind_int(s, 2, agent_id);
    db_bind_text(s, 3, csrf);
    db_bind_text(s, 4, now);
    db_bind_text(s, 5, expires_at);
    db_bind_text(s, 6, now);
    db_bind_text(s, 7, address);
    db_bind_text(s, 8, user_agent);
    return db_exec_stmt(s, e);
}

int store_session_find(db *d, arena *a, const char *id_hash, const char *now, long long *agent_id,
                       const char **csrf, const char **last_seen, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT s.agent_id, s.csrf, s.last_seen_at FROM sessions s JOIN agents a ON a.id = s.agent_id"
                            " WHERE s.id_hash = ? AND s.expires_at > ? AND a.active = 1");
    db_bind_text(s, 1, id_hash);
    db_bind_text(s, 2, now);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *agent_id = db_col_int(s, 0);
        *csrf = arena_strdup(a, db_col_text(s, 1));
        *last_seen = col_or_null(a, s, 2);
    }
    if (done_error(s, rc, e)) return -1;
    return rc == DB_ROW;
}

int store_session_touch(db *d, const char *id_hash, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
    db_bind_text(s, 1, now);
    db_bind_text(s, 2, id_hash);
    return db_exec_stmt(s, e);
}

int store_session_list(db *d, arena *a, long long agent_id, const char *now, session_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id_hash, created_at, last_seen_at, address, user_agent FROM sessions"
                            " WHERE agent_id = ? AND expires_at > ? ORDER BY coalesce(last_seen_at, created_at) DESC");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, now);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        session_rec *r = arena_push(a, out, n, &cap, sizeof **out);
        r->id_hash = arena_strdup(a, db_col_text(s, 0));
        r->created_at = arena_strdup(a, db_col_text(s, 1));
        r->last_seen_at = col_or_null(a, s, 2);
        r->address = col_or_null(a, s, 3);
        r->user_agent = col_or_null(a, s, 4);
    }
    return done_error(s, rc, e);
}

int store_session_delete_agent(db *d, long long agent_id, const char *keep_hash, int *ended, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM sessions WHERE agent_id = ? AND id_hash <> ?");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, keep_hash ? keep_hash : "");
    if (db_exec_stmt(s, e)) return -1;
    if (ended) *ended = db_changes(d);
    return 0;
}

int store_session_delete_one(db *d, long long agent_id, const char *id_hash, int *ended, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM sessions WHERE agent_id = ? AND id_hash = ?");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, id_hash);
    if (db_exec_stmt(s, e)) return -1;
    if (ended) *ended = db_changes(d);
    return 0;
}

/* ---- agents and teams ------------------------------------------------------------ */
int store_agent_password_hash(db *d, arena *a, long long id, const char **hash, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT password_hash FROM agents WHERE id = ?");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) *hash = col_or_null(a, s, 0);
    if (done_error(s, rc, e)) return -1;
    return rc == DB_ROW;
}

int store_agent_update(db *d, long long id, const char *name, const char *role, long long team_id, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE agents SET name = ?, role = ?, team_id = ? WHERE id = ?");
    db_bind_text(s, 1, name);
    db_bind_text(s, 2, role);
    if (team_id > 0) db_bind_int(s, 3, team_id);
    else db_bind_null(s, 3);
    db_bind_int(s, 4, id);
    return db_exec_stmt(s, e);
}

int store_agent_set_active(db *d, long long id, bool active, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE agents SET active = ? WHERE id = ?");
    db_bind_int(s, 1, active ? 1 : 0);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

int store_team_rename(db *d, long long id, const char *name, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE teams SET name = ? WHERE id = ?");
    db_bind_text(s, 1, name);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

/* ---- password resets ------------------------------------------------------------- */
int store_reset_request_insert(db *d, long long agent_id, const char *now, const char *address, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO password_reset_requests(agent_id, requested_at, address) VALUES (?,?,?)");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, now);
    db_bind_text(s, 3, address);
    return db_exec_stmt(s, e);
}

int store_reset_request_recent(db *d, long long agent_id, const char *since, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT 1 FROM password_reset_requests WHERE agent_id = ? AND handled_at IS NULL"
                            " AND requested_at > ?");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, since);
    int rc = db_step(s);
    if (done_error(s, rc, e)) return -1;
    return rc == DB_ROW;
}

int store_reset_request_open(db *d, arena *a, reset_request_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT r.id, r.agent_id, a.name, a.email, r.requested_at, r.address"
                            " FROM password_reset_requests r JOIN agents a ON a.id = r.agent_id"
                            " WHERE r.handled_at IS NULL ORDER BY r.id DESC LIMIT 100");
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        reset_request_rec *r = arena_push(a, out, n, &cap, sizeof **out);
        r->id = db_col_int(s, 0);
        r->agent_id = db_col_int(s, 1);
        r->agent_name = arena_strdup(a, db_col_text(s, 2));
        r->agent_email = arena_strdup(a, db_col_text(s, 3));
        r->requested_at = arena_strdup(a, db_col_text(s, 4));
        r->address = col_or_null(a, s, 5);
    }
    return done_error(s, rc, e);
}

int store_reset_request_handle(db *d, long long agent_id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE password_reset_requests SET handled_at = ? WHERE agent_id = ? AND handled_at IS NULL");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, agent_id);
    return db_exec_stmt(s, e);
}

int store_reset_insert(db *d, long long agent_id, const char *token_hash, long long created_by, const char *now,
                       const char *expires_at, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO password_resets(agent_id, token_hash, created_by, created_at, expires_at)"
                            " VALUES (?,?,?,?,?)");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, token_hash);
    if (created_by > 0) db_bind_int(s, 3, created_by);
    else db_bind_null(s, 3);
    db_bind_text(s, 4, now);
    db_bind_text(s, 5, expires_at);
    return db_exec_stmt(s, e);
}

int store_reset_find(db *d, const char *token_hash, const char *now, long long *agent_id, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT r.agent_id FROM password_resets r JOIN agents a ON a.id = r.agent_id"
                            " WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND a.active = 1");
    db_bind_text(s, 1, token_hash);
    db_bind_text(s, 2, now);
    int rc = db_step(s);
    if (rc == DB_ROW) *agent_id = db_col_int(s, 0);
    if (done_error(s, rc, e)) return -1;
    return rc == DB_ROW;
}

int store_reset_use(db *d, const char *token_hash, const char *now, int *changed, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE password_resets SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL"
                            " AND expires_at > ?1");
    db_bind_text(s, 1, now);
    db_bind_text(s, 2, token_hash);
    if (db_exec_stmt(s, e)) return -1;
    *changed = db_changes(d);
    return 0;
}
