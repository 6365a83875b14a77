/* SQL of commitments: promises made to customers, kept as due work. */
#include "store/store.h"

#define C_COLS "c.id, c.ticket_id, c.message_id, c.owner_id, c.text, c.due_at, c.vague, c.state, c.created_at," \
               " c.closed_at, c.reminded_at, c.overdue_at, a.name, t.subject"
#define C_FROM " FROM commitments c JOIN agents a ON a.id = c.owner_id JOIN tickets t ON t.id = c.ticket_id"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static void read_c(db_stmt *s, arena *a, commitment_rec *c)
{
    c->id = db_col_int(s, 0);
    c->ticket_id = db_col_int(s, 1);
    c->message_id = db_col_int(s, 2);
    c->owner_id = db_col_int(s, 3);
    c->text = arena_strdup(a, db_col_text(s, 4));
    c->due_at = arena_strdup(a, db_col_text(s, 5));
    c->vague = db_col_int(s, 6) != 0;
    c->state = arena_strdup(a, db_col_text(s, 7));
    c->created_at = arena_strdup(a, db_col_text(s, 8));
    c->closed_at = dup_or_null(a, s, 9);
    c->reminded_at = dup_or_null(a, s, 10);
    c->overdue_at = dup_or_null(a, s, 11);
    c->owner_name = arena_strdup(a, db_col_text(s, 12));
    c->ticket_subject = arena_strdup(a, db_col_text(s, 13));
}

int store_commitment_insert(db *d, const commitment_rec *c, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO commitments(ticket_id, message_id, owner_id, text, due_at, vague, state, created_at)"
                            " VALUES (?,?,?,?,?,?,'open',?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare commitment insert");
    db_bind_int(s, 1, c->ticket_id);
    if (c->message_id) db_bind_int(s, 2, c->message_id);
    else db_bind_null(s, 2);
    db_bind_int(s, 3, c->owner_id);
    db_bind_text(s, 4, c->text);
    db_bind_text(s, 5, c->due_at);
    db_bind_int(s, 6, c->vague);
    db_bind_text(s, 7, c->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_commitment_by_id(db *d, arena *a, long long id, commitment_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " C_COLS C_FROM " WHERE c.id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare commitment read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_c(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (commitments)");
    return rc == DB_ROW;
}

/* state "overdue": open and past due; "open": open and not yet due; "pending": both */
#define C_LIST_STATE                                                                                              \
    " AND (?3 = '' OR (?3 = 'overdue' AND c.state = 'open' AND c.due_at <= ?4)"                                  \
    "      OR (?3 = 'open' AND c.state = 'open' AND c.due_at > ?4)"                                              \
    "      OR (?3 = 'pending' AND c.state = 'open')"                                                             \
    "      OR (?3 NOT IN ('open','overdue','pending') AND c.state = ?3))"                                        \
    " ORDER BY CASE WHEN c.state = 'open' THEN 0 ELSE 1 END, c.due_at, c.id LIMIT ?5"

int store_commitment_list(db *d, arena *a, const commitment_filter *f, commitment_rec **out, int *n, herr *e)
{
    /* one statement per leading filter, so each walks its index (commitments_ticket,
     * commitments_owner, commitments_state) instead of every commitment ever made */
    const char *state = f->state ? f->state : "";
    bool open_family = !strcmp(state, "open") || !strcmp(state, "overdue") || !strcmp(state, "pending");
    const char *sql =
        f->ticket_id ? "SELECT " C_COLS C_FROM " WHERE c.ticket_id = ?2 AND (?1 = 0 OR c.owner_id = ?1)" C_LIST_STATE
        : f->owner_id ? "SELECT " C_COLS C_FROM " WHERE c.owner_id = ?1 AND ?2 = 0" C_LIST_STATE
        : open_family ? "SELECT " C_COLS C_FROM " WHERE c.state = 'open' AND ?1 = 0 AND ?2 = 0" C_LIST_STATE
        : "SELECT " C_COLS C_FROM " WHERE ?1 = 0 AND ?2 = 0" C_LIST_STATE;
    db_stmt *s = db_prep(d, sql);
    if (!s) return HERR_INTERNAL(e, "cannot prepare commitment list");
    db_bind_int(s, 1, f->owner_id);
    db_bind_int(s, 2, f->ticket_id);
    db_bind_text(s, 3, f->state ? f->state : "");
    db_bind_text(s, 4, f->now);
    db_bind_int(s, 5, f->limit > 0 ? f->limit : 100);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_c(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (commitments)") : 0;
}

/* writes text, due_at, vague, state, closed_at, reminded_at and overdue_at from c */
int store_commitment_update(db *d, const commitment_rec *c, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE commitments SET text = ?, due_at = ?, vague = ?, state = ?, closed_at = ?,"
                            " reminded_at = ?, overdue_at = ?, owner_id = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare commitment update");
    db_bind_text(s, 1, c->text);
    db_bind_text(s, 2, c->due_at);
    db_bind_int(s, 3, c->vague);
    db_bind_text(s, 4, c->state);
    db_bind_text(s, 5, c->closed_at);
    db_bind_text(s, 6, c->reminded_at);
    db_bind_text(s, 7, c->overdue_at);
    db_bind_int(s, 8, c->owner_id);
    db_bind_int(s, 9, c->id);
    return db_exec_stmt(s, e);
}

/* an agent's record: kept, broken, open (not yet due), overdue */
int store_commitment_counts(db *d, long long owner_id, const char *now, int counts[4], herr *e)
{
    db_stmt *s = db_prep(d, "SELECT"
                            " sum(CASE WHEN state = 'kept' THEN 1 ELSE 0 END),"
                            " sum(CASE WHEN state = 'broken' THEN 1 ELSE 0 END),"
                            " sum(CASE WHEN state = 'open' AND due_at > ?2 THEN 1 ELSE 0 END),"
                            " sum(CASE WHEN state = 'open' AND due_at <= ?2 THEN 1 ELSE 0 END)"
                            " FROM commitments WHERE owner_id = ?1");
    if (!s) return HERR_INTERNAL(e, "cannot prepare commitment counts");
    db_bind_int(s, 1, owner_id);
    db_bind_text(s, 2, now);
    int rc = db_step(s);
    for (int i = 0; i < 4; i++) counts[i] = rc == DB_ROW ? (int)db_col_int(s, i) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (commitments)") : 0;
}

/* a ticket rises in the lists (its updated_at), without a new version: nothing about it changed */
int store_ticket_raise(db *d, long long id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE tickets SET updated_at = ? WHERE id = ? AND updated_at < ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare ticket raise");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, id);
    db_bind_text(s, 3, now);
    return db_exec_stmt(s, e);
}
