/* SQL for drafts of replies and notes: one per agent and ticket. */
#include "store/store.h"

int store_draft_put(db *d, long long agent_id, long long ticket_id, const char *kind, const char *body, const char *now,
                    herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO drafts(agent_id, ticket_id, kind, body, updated_at) VALUES (?,?,?,?,?)"
                            " ON CONFLICT (agent_id, ticket_id) DO UPDATE SET kind = excluded.kind, body = excluded.body,"
                            " updated_at = excluded.updated_at");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, ticket_id);
    db_bind_text(s, 3, kind);
    db_bind_text(s, 4, body);
    db_bind_text(s, 5, now);
    return db_exec_stmt(s, e);
}

int store_draft_get(db *d, arena *a, long long agent_id, long long ticket_id, draft_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT kind, body, updated_at FROM drafts WHERE agent_id = ? AND ticket_id = ?");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, ticket_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->ticket_id = ticket_id;
        out->kind = arena_strdup(a, db_col_text(s, 0));
        out->body = arena_strdup(a, db_col_text(s, 1));
        out->updated_at = arena_strdup(a, db_col_text(s, 2));
    }
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error");
    return rc == DB_ROW;
}

int store_draft_delete(db *d, long long agent_id, long long ticket_id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM drafts WHERE agent_id = ? AND ticket_id = ?");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, ticket_id);
    return db_exec_stmt(s, e);
}

int store_draft_tickets(db *d, arena *a, long long agent_id, long long **ids, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT ticket_id FROM drafts WHERE agent_id = ? ORDER BY ticket_id");
    db_bind_int(s, 1, agent_id);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) *(long long *)arena_push(a, ids, n, &cap, sizeof **ids) = db_col_int(s, 0);
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error") : 0;
}
