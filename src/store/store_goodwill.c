/* SQL of the goodwill ledger and its limits. */
#include "store/store.h"

#define G_COLS "g.id, g.ticket_id, g.customer_id, g.agent_id, coalesce(g.decided_by, 0), g.kind, g.amount_minor, g.currency," \
               " g.reason, g.state, g.decided_at, g.decline_reason, g.created_at, a.name, d.name, t.subject, c.name,"         \
               " (SELECT m.body FROM messages m WHERE m.ticket_id = g.ticket_id AND m.kind = 'customer'"                    \
               "  AND m.created_at > g.created_at ORDER BY m.id LIMIT 1)"
#define G_FROM " FROM goodwill g JOIN agents a ON a.id = g.agent_id LEFT JOIN agents d ON d.id = g.decided_by" \
               " JOIN tickets t ON t.id = g.ticket_id JOIN customers c ON c.id = g.customer_id"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static void read_g(db_stmt *s, arena *a, goodwill_rec *g)
{
    g->id = db_col_int(s, 0);
    g->ticket_id = db_col_int(s, 1);
    g->customer_id = db_col_int(s, 2);
    g->agent_id = db_col_int(s, 3);
    g->decided_by = db_col_int(s, 4);
    g->kind = arena_strdup(a, db_col_text(s, 5));
    g->amount_minor = db_col_int(s, 6);
    g->currency = arena_strdup(a, db_col_text(s, 7));
    g->reason = arena_strdup(a, db_col_text(s, 8));
    g->state = arena_strdup(a, db_col_text(s, 9));
    g->decided_at = dup_or_null(a, s, 10);
    g->decline_reason = dup_or_null(a, s, 11);
    g->created_at = arena_strdup(a, db_col_text(s, 12));
    g->agent_name = arena_strdup(a, db_col_text(s, 13));
    g->decided_by_name = dup_or_null(a, s, 14);
    g->ticket_subject = arena_strdup(a, db_col_text(s, 15));
    g->customer_name = arena_strdup(a, db_col_text(s, 16));
    g->customer_said_after = dup_or_null(a, s, 17);
}

int store_goodwill_insert(db *d, const goodwill_rec *g, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO goodwill(ticket_id, customer_id, agent_id, kind, amount_minor, currency, reason, state,"
                            " created_at) VALUES (?,?,?,?,?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill insert");
    db_bind_int(s, 1, g->ticket_id);
    db_bind_int(s, 2, g->customer_id);
    db_bind_int(s, 3, g->agent_id);
    db_bind_text(s, 4, g->kind);
    db_bind_int(s, 5, g->amount_minor);
    db_bind_text(s, 6, g->currency);
    db_bind_text(s, 7, g->reason);
    db_bind_text(s, 8, g->state);
    db_bind_text(s, 9, g->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_goodwill_by_id(db *d, arena *a, long long id, goodwill_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " G_COLS G_FROM " WHERE g.id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_g(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (goodwill)");
    return rc == DB_ROW;
}

/* ticket_id / customer_id 0 = any; state NULL = any; newest first */
int store_goodwill_list(db *d, arena *a, long long ticket_id, long long customer_id, const char *state, int limit,
                        goodwill_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " G_COLS G_FROM " WHERE (?1 = 0 OR g.ticket_id = ?1) AND (?2 = 0 OR g.customer_id = ?2)"
                            " AND (?3 = '' OR g.state = ?3) ORDER BY g.id DESC LIMIT ?4");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill list");
    db_bind_int(s, 1, ticket_id);
    db_bind_int(s, 2, customer_id);
    db_bind_text(s, 3, state ? state : "");
    db_bind_int(s, 4, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_g(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (goodwill)") : 0;
}

/* what an agent has given (granted or approved) since `since`, and on one ticket (ticket_id 0: none) */
int store_goodwill_spent(db *d, long long agent_id, const char *since, long long ticket_id, long long *month,
                         long long *on_ticket, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT coalesce(sum(CASE WHEN created_at >= ?2 THEN amount_minor ELSE 0 END), 0),"
                            " coalesce(sum(CASE WHEN ticket_id = ?3 THEN amount_minor ELSE 0 END), 0)"
                            " FROM goodwill WHERE agent_id = ?1 AND state IN ('granted','approved')");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill sum");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, since);
    db_bind_int(s, 3, ticket_id);
    int rc = db_step(s);
    *month = rc == DB_ROW ? db_col_int(s, 0) : 0;
    *on_ticket = rc == DB_ROW ? db_col_int(s, 1) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (goodwill)") : 0;
}

/* pending -> state; 1 when it was still pending */
int store_goodwill_decide(db *d, long long id, const char *state, long long by, const char *reason, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE goodwill SET state = ?, decided_by = ?, decided_at = ?, decline_reason = ?"
                            " WHERE id = ? AND state = 'pending'");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill decision");
    db_bind_text(s, 1, state);
    db_bind_int(s, 2, by);
    db_bind_text(s, 3, now);
    db_bind_text(s, 4, reason);
    db_bind_int(s, 5, id);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1;
}

/* the limit row for a role (agent_id 0) or an agent: 1 found (NULL columns: -1, no limit) */
int store_goodwill_limit_get(db *d, const char *role, long long agent_id, goodwill_limit *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT per_ticket_minor, per_month_minor FROM goodwill_limits"
                            " WHERE (?1 <> 0 AND agent_id = ?1) OR (?1 = 0 AND role = ?2)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill limit");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, role ? role : "");
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->per_ticket_minor = db_col_is_null(s, 0) ? -1 : db_col_int(s, 0);
        out->per_month_minor = db_col_is_null(s, 1) ? -1 : db_col_int(s, 1);
    }
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (goodwill)");
    return rc == DB_ROW;
}

int store_goodwill_limit_set(db *d, const char *role, long long agent_id, const goodwill_limit *l, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, agent_id ? "INSERT INTO goodwill_limits(agent_id, per_ticket_minor, per_month_minor, updated_at)"
                                       " VALUES (?1,?3,?4,?5) ON CONFLICT (agent_id) DO UPDATE SET"
                                       " per_ticket_minor = excluded.per_ticket_minor, per_month_minor = excluded.per_month_minor,"
                                       " updated_at = excluded.updated_at"
                                     : "INSERT INTO goodwill_limits(role, per_ticket_minor, per_month_minor, updated_at)"
                                       " VALUES (?2,?3,?4,?5) ON CONFLICT (role) DO UPDATE SET"
                                       " per_ticket_minor = excluded.per_ticket_minor, per_month_minor = excluded.per_month_minor,"
                                       " updated_at = excluded.updated_at");
    if (!s) return HERR_INTERNAL(e, "cannot prepare goodwill limit");
    if (agent_id) db_bind_int(s, 1, agent_id);
    else db_bind_null(s, 1);
    db_bind_text(s, 2, role);
    if (l->per_ticket_minor >= 0) db_bind_int(s, 3, l->per_ticket_minor);
    else db_bind_null(s, 3);
    if (l->per_month_minor >= 0) db_bind_int(s, 4, l->per_month_minor);
    else db_bind_null(s, 4);
    db_bind_text(s, 5, now);
    return db_exec_stmt(s, e);
}
