/* SQL for saved views: inbox filters with a name. See store_views.h. */
#include "store/store.h"

static void bind_opt(db_stmt *s, int i, const char *v)
{
    if (v) db_bind_text(s, i, v);
}

int store_view_insert(db *d, view_rec *v, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO saved_views(name, agent_id, team_id, shared, owner, status, tag, priority, channel, mood,"
                            " created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare view");
    db_bind_text(s, 1, v->name);
    db_bind_int(s, 2, v->agent_id);
    if (v->team_id > 0) db_bind_int(s, 3, v->team_id);
    db_bind_int(s, 4, v->shared);
    db_bind_text(s, 5, v->owner);
    bind_opt(s, 6, v->status);
    bind_opt(s, 7, v->tag);
    bind_opt(s, 8, v->priority);
    bind_opt(s, 9, v->channel);
    bind_opt(s, 10, v->mood);
    db_bind_text(s, 11, now);
    if (db_exec_stmt(s, e)) return -1;
    v->id = db_last_id(d);
    return 0;
}

#define VIEW_SELECT "SELECT id, agent_id, coalesce(team_id, 0), name, owner, status, tag, priority, channel, mood, shared FROM saved_views "

static const char *opt(arena *a, db_stmt *s, int col) { return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col)); }

static void view_row(arena *a, db_stmt *s, view_rec *v)
{
    *v = (view_rec){.id = db_col_int(s, 0), .agent_id = db_col_int(s, 1), .team_id = db_col_int(s, 2),
                    .name = arena_strdup(a, db_col_text(s, 3)), .owner = arena_strdup(a, db_col_text(s, 4)),
                    .status = opt(a, s, 5), .tag = opt(a, s, 6), .priority = opt(a, s, 7), .channel = opt(a, s, 8),
                    .mood = opt(a, s, 9), .shared = db_col_int(s, 10) != 0};
}

int store_view_by_id(db *d, arena *a, long long id, view_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, VIEW_SELECT "WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare view");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) view_row(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (view)");
    return rc == DB_ROW;
}

int store_views_visible(db *d, arena *a, long long agent_id, long long team_id, view_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, VIEW_SELECT "WHERE agent_id = ?1 OR (shared <> 0 AND (team_id IS NULL OR team_id = ?2))"
                                        " ORDER BY lower(name), id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare views");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, team_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) view_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (views)") : 0;
}

int store_view_delete(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM saved_views WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare view delete");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e);
}
