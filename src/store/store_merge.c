/* SQL for merging tickets. See store_merge.h. */
#include "store/store.h"

static int run(db *d, const char *sql, long long a, long long b, herr *e)
{
    db_stmt *s = db_prep(d, sql);
    if (!s) return HERR_INTERNAL(e, "cannot prepare merge");
    db_bind_int(s, 1, a);
    db_bind_int(s, 2, b);
    return db_exec_stmt(s, e);
}

int store_merge_move(db *d, long long source, long long target, herr *e)
{
    static const char *const sqls[] = {
        "UPDATE messages SET ticket_id = ?2, merged_from = ?1 WHERE ticket_id = ?1",
        "UPDATE mail_attachments SET ticket_id = ?2 WHERE ticket_id = ?1",
        "UPDATE mail_messages SET ticket_id = ?2, merged_from = ?1 WHERE ticket_id = ?1",
        "UPDATE commitments SET ticket_id = ?2, merged_from = ?1 WHERE ticket_id = ?1",
        "INSERT INTO search_fts(ticket_id, text) SELECT ?2, text FROM search_fts WHERE ticket_id = ?1", /* FTS5 */
        "UPDATE tickets SET merged_into = ?2 WHERE id = ?1",
    };
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++)
        if (run(d, sqls[i], source, target, e)) return -1;
    return 0;
}

int store_merge_move_back(db *d, long long source, long long target, herr *e)
{
    static const char *const sqls[] = {
        "UPDATE mail_attachments SET ticket_id = ?1 WHERE ticket_id = ?2"
        " AND msg_id IN (SELECT id FROM messages WHERE merged_from = ?1)",
        "UPDATE messages SET ticket_id = ?1, merged_from = NULL WHERE merged_from = ?1 AND ticket_id = ?2",
        "UPDATE mail_messages SET ticket_id = ?1, merged_from = NULL WHERE merged_from = ?1 AND ticket_id = ?2",
        "UPDATE commitments SET ticket_id = ?1, merged_from = NULL WHERE merged_from = ?1 AND ticket_id = ?2",
        "UPDATE tickets SET merged_into = NULL WHERE id = ?1",
    };
    for (size_t i = 0; i < sizeof sqls / sizeof sqls[0]; i++)
        if (run(d, sqls[i], source, target, e)) return -1;
    return 0;
}

int store_merge_insert(db *d, const merge_rec *m, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO ticket_merges(source_id, target_id, agent_id, status_before, created_at) VALUES (?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare merge record");
    db_bind_int(s, 1, m->source_id);
    db_bind_int(s, 2, m->target_id);
    if (m->agent_id > 0) db_bind_int(s, 3, m->agent_id);
    db_bind_text(s, 4, m->status_before);
    db_bind_text(s, 5, m->created_at);
    return db_exec_stmt(s, e);
}

#define MERGE_SELECT "SELECT id, source_id, target_id, coalesce(agent_id, 0), status_before, created_at, undone_at FROM ticket_merges "

static void merge_row(arena *a, db_stmt *s, merge_rec *m)
{
    m->id = db_col_int(s, 0);
    m->source_id = db_col_int(s, 1);
    m->target_id = db_col_int(s, 2);
    m->agent_id = db_col_int(s, 3);
    m->status_before = arena_strdup(a, db_col_text(s, 4));
    m->created_at = arena_strdup(a, db_col_text(s, 5));
    m->undone_at = db_col_is_null(s, 6) ? NULL : arena_strdup(a, db_col_text(s, 6));
}

int store_merge_latest(db *d, arena *a, long long source, merge_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, MERGE_SELECT "WHERE source_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1");
    if (!s) return HERR_INTERNAL(e, "cannot prepare merge");
    db_bind_int(s, 1, source);
    int rc = db_step(s);
    if (rc == DB_ROW) merge_row(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (merge)");
    return rc == DB_ROW;
}

int store_merges_into(db *d, arena *a, long long target, merge_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, MERGE_SELECT "WHERE target_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 20");
    if (!s) return HERR_INTERNAL(e, "cannot prepare merges");
    db_bind_int(s, 1, target);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) merge_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (merges)") : 0;
}

int store_merge_undone(db *d, long long id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE ticket_merges SET undone_at = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare unmerge");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

int store_ticket_merged_into(db *d, long long id, long long *into, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT coalesce(merged_into, 0) FROM tickets WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare merged_into");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    *into = rc == DB_ROW ? db_col_int(s, 0) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (merged_into)") : 0;
}
