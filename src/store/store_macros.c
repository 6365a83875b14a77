/* SQL for macros. See store_macros.h. */
#include "store/store.h"

int store_macro_save(db *d, macro_rec *m, herr *e)
{
    db_stmt *s = m->id ? db_prep(d, "UPDATE macros SET name = ?1, shortcut = ?2, body = ?3, shared = ?4, set_status = ?5,"
                                    " add_tags = ?6, take = ?7, updated_at = ?8 WHERE id = ?9")
                       : db_prep(d, "INSERT INTO macros(name, shortcut, body, shared, set_status, add_tags, take, updated_at,"
                                    " author_id, team_id, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?10,?11,?8)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare macro");
    db_bind_text(s, 1, m->name);
    db_bind_text(s, 2, m->shortcut);
    db_bind_text(s, 3, m->body);
    db_bind_int(s, 4, m->shared);
    if (m->set_status) db_bind_text(s, 5, m->set_status);
    db_bind_text(s, 6, m->add_tags ? m->add_tags : "");
    db_bind_int(s, 7, m->take);
    db_bind_text(s, 8, m->updated_at);
    if (m->id) db_bind_int(s, 9, m->id);
    else {
        db_bind_int(s, 10, m->author_id);
        if (m->team_id > 0) db_bind_int(s, 11, m->team_id);
    }
    int rc = db_exec_stmt(s, e);
    if (!rc && !m->id) m->id = db_last_id(d);
    return rc;
}

#define MACRO_SELECT                                                                                       \
    "SELECT m.id, m.author_id, coalesce(m.team_id, 0), m.name, m.shortcut, m.body, a.name, m.shared, m.set_status," \
    " m.add_tags, m.take, m.uses, m.created_at, m.updated_at FROM macros m JOIN agents a ON a.id = m.author_id "

static void macro_row(arena *a, db_stmt *s, macro_rec *m)
{
    m->id = db_col_int(s, 0);
    m->author_id = db_col_int(s, 1);
    m->team_id = db_col_int(s, 2);
    m->name = arena_strdup(a, db_col_text(s, 3));
    m->shortcut = arena_strdup(a, db_col_text(s, 4));
    m->body = arena_strdup(a, db_col_text(s, 5));
    m->author_name = arena_strdup(a, db_col_text(s, 6));
    m->shared = db_col_int(s, 7) != 0;
    m->set_status = db_col_is_null(s, 8) ? NULL : arena_strdup(a, db_col_text(s, 8));
    m->add_tags = arena_strdup(a, db_col_text(s, 9));
    m->take = db_col_int(s, 10) != 0;
    m->uses = (int)db_col_int(s, 11);
    m->created_at = arena_strdup(a, db_col_text(s, 12));
    m->updated_at = arena_strdup(a, db_col_text(s, 13));
}

int store_macro_by_id(db *d, arena *a, long long id, macro_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, MACRO_SELECT "WHERE m.id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare macro");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) macro_row(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (macro)");
    return rc == DB_ROW;
}

int store_macros_visible(db *d, arena *a, long long agent_id, long long team_id, macro_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, MACRO_SELECT "WHERE m.author_id = ?1"
                                         " OR (m.shared <> 0 AND (m.team_id IS NULL OR m.team_id = ?2))"
                                         " ORDER BY lower(m.name), m.id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare macros");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, team_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) macro_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (macros)") : 0;
}

int store_macro_delete(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM macros WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare macro delete");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e);
}

int store_macro_used(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE macros SET uses = uses + 1 WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare macro use");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e);
}

int store_agent_set_after_send(db *d, long long agent_id, const char *after_send, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE agents SET after_send = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare after-send");
    db_bind_text(s, 1, after_send);
    db_bind_int(s, 2, agent_id);
    return db_exec_stmt(s, e);
}

int store_agent_after_send(db *d, arena *a, long long agent_id, const char **out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT after_send FROM agents WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare after-send");
    db_bind_int(s, 1, agent_id);
    int rc = db_step(s);
    *out = rc == DB_ROW ? arena_strdup(a, db_col_text(s, 0)) : "stay";
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (after-send)") : 0;
}
