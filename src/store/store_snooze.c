/* SQL for snoozes: a ticket on hold until a time. See store_snooze.h. */
#include "store/store.h"

int store_snooze_put(db *d, long long ticket_id, const char *until, long long agent_id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO ticket_snoozes(ticket_id, until, agent_id, created_at) VALUES (?,?,?,?)"
                            " ON CONFLICT(ticket_id) DO UPDATE SET until = excluded.until, agent_id = excluded.agent_id,"
                            " created_at = excluded.created_at");
    if (!s) return HERR_INTERNAL(e, "cannot prepare snooze");
    db_bind_int(s, 1, ticket_id);
    db_bind_text(s, 2, until);
    if (agent_id > 0) db_bind_int(s, 3, agent_id);
    db_bind_text(s, 4, now);
    return db_exec_stmt(s, e);
}

int store_snooze_get(db *d, arena *a, long long ticket_id, const char **until, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT until FROM ticket_snoozes WHERE ticket_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare snooze");
    db_bind_int(s, 1, ticket_id);
    int rc = db_step(s);
    *until = rc == DB_ROW ? arena_strdup(a, db_col_text(s, 0)) : NULL;
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (snooze)");
    return rc == DB_ROW;
}

int store_snooze_delete(db *d, long long ticket_id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM ticket_snoozes WHERE ticket_id = ? RETURNING ticket_id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare snooze end");
    db_bind_int(s, 1, ticket_id);
    int rc = db_step(s);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (snooze end)");
    return rc == DB_ROW;
}

int store_snooze_due(db *d, arena *a, const char *now, int limit, long long **ids, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT ticket_id FROM ticket_snoozes WHERE until <= ? ORDER BY until LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare snoozes due");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) *(long long *)arena_push(a, ids, n, &cap, sizeof **ids) = db_col_int(s, 0);
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (snoozes due)") : 0;
}
