/* SQL for the audit log, and for ending a browser session (the rest of sessions and tokens: store_accounts.c). */
#include "store/store.h"

int store_audit_insert(db *d, const char *now, long long actor_agent_id, const char *entity, long long entity_id,
                       const char *action, const char *before, const char *after, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO audit_log(at, actor_agent_id, entity, entity_id, action, before, after)"
                            " VALUES (?,?,?,?,?,?,?)");
    db_bind_text(s, 1, now);
    if (actor_agent_id > 0) db_bind_int(s, 2, actor_agent_id);
    db_bind_text(s, 3, entity);
    db_bind_int(s, 4, entity_id);
    db_bind_text(s, 5, action);
    db_bind_text(s, 6, before);
    db_bind_text(s, 7, after);
    return db_exec_stmt(s, e);
}

#define AUDIT_SELECT                                                                                 \
    "SELECT l.id, l.entity_id, l.actor_agent_id, l.at, l.entity, l.action, l.before, l.after,"       \
    " coalesce(ag.name, 'system') FROM audit_log l LEFT JOIN agents ag ON ag.id = l.actor_agent_id"

static int audit_rows(db *d, arena *a, db_stmt *s, audit_rec **out, int *n, herr *e);

int store_audit_list(db *d, arena *a, const char *entity, long long entity_id, audit_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, AUDIT_SELECT
                            " WHERE l.entity = ? AND l.entity_id = ? ORDER BY l.id");
    db_bind_text(s, 1, entity);
    db_bind_int(s, 2, entity_id);
    return audit_rows(d, a, s, out, n, e);
}

int store_audit_ticket_since(db *d, arena *a, long long ticket_id, long long version, audit_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, AUDIT_SELECT
                            " WHERE l.entity = 'ticket' AND l.entity_id = ? AND l.ticket_version > ? ORDER BY l.id");
    db_bind_int(s, 1, ticket_id);
    db_bind_int(s, 2, version);
    return audit_rows(d, a, s, out, n, e);
}

static int audit_rows(db *d, arena *a, db_stmt *s, audit_rec **out, int *n, herr *e)
{
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        audit_rec *r = arena_push(a, out, n, &cap, sizeof **out);
        r->id = db_col_int(s, 0);
        r->entity_id = db_col_int(s, 1);
        r->actor_agent_id = db_col_int(s, 2);
        r->at = arena_strdup(a, db_col_text(s, 3));
        r->entity = arena_strdup(a, db_col_text(s, 4));
        r->action = arena_strdup(a, db_col_text(s, 5));
        r->before = db_col_is_null(s, 6) ? NULL : arena_strdup(a, db_col_text(s, 6));
        r->after = db_col_is_null(s, 7) ? NULL : arena_strdup(a, db_col_text(s, 7));
        r->actor_name = arena_strdup(a, db_col_text(s, 8));
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error") : 0;
}

int store_session_delete(db *d, const char *id_hash, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM sessions WHERE id_hash = ?");
    db_bind_text(s, 1, id_hash);
    return db_exec_stmt(s, e);
}
