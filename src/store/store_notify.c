/* SQL of agents' in-app notifications (the bell). */
#include "store/store.h"

int store_notification_add(db *d, const notification_rec *n, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO notifications(agent_id, kind, ticket_id, actor_id, title, body, url, created_at)"
                            " VALUES (?,?,?,?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare notification insert");
    db_bind_int(s, 1, n->agent_id);
    db_bind_text(s, 2, n->kind);
    if (n->ticket_id) db_bind_int(s, 3, n->ticket_id);
    else db_bind_null(s, 3);
    if (n->actor_id) db_bind_int(s, 4, n->actor_id);
    else db_bind_null(s, 4);
    db_bind_text(s, 5, n->title);
    db_bind_text(s, 6, n->body);
    db_bind_text(s, 7, n->url);
    db_bind_text(s, 8, n->created_at);
    if (db_exec_stmt(s, e)) return -1;
    if (id) *id = db_last_id(d);
    return 0;
}

int store_notifications_list(db *d, arena *a, long long agent_id, bool unread_only, long long before_id, int limit,
                             notification_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT n.id, n.agent_id, n.ticket_id, n.actor_id, n.kind, n.title, n.body, n.url, n.created_at,"
                            " n.read_at, a.name FROM notifications n LEFT JOIN agents a ON a.id = n.actor_id"
                            " WHERE n.agent_id = ?1 AND (?2 = 0 OR n.read_at IS NULL) AND (?3 = 0 OR n.id < ?3)"
                            " ORDER BY n.id DESC LIMIT ?4");
    if (!s) return HERR_INTERNAL(e, "cannot prepare notification list");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, unread_only);
    db_bind_int(s, 3, before_id);
    db_bind_int(s, 4, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        notification_rec *r = arena_push(a, out, n, &cap, sizeof **out);
        r->id = db_col_int(s, 0);
        r->agent_id = db_col_int(s, 1);
        r->ticket_id = db_col_int(s, 2);
        r->actor_id = db_col_int(s, 3);
        r->kind = arena_strdup(a, db_col_text(s, 4));
        r->title = arena_strdup(a, db_col_text(s, 5));
        r->body = db_col_is_null(s, 6) ? NULL : arena_strdup(a, db_col_text(s, 6));
        r->url = db_col_is_null(s, 7) ? NULL : arena_strdup(a, db_col_text(s, 7));
        r->created_at = arena_strdup(a, db_col_text(s, 8));
        r->read_at = db_col_is_null(s, 9) ? NULL : arena_strdup(a, db_col_text(s, 9));
        r->actor_name = db_col_is_null(s, 10) ? NULL : arena_strdup(a, db_col_text(s, 10));
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (notifications)") : 0;
}

int store_notifications_unread(db *d, long long agent_id, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT count(*) FROM notifications WHERE agent_id = ? AND read_at IS NULL");
    if (!s) return HERR_INTERNAL(e, "cannot prepare notification count");
    db_bind_int(s, 1, agent_id);
    int rc = db_step(s);
    *n = rc == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (notifications)") : 0;
}

/* marks one (id > 0) or all of an agent's notifications read; *changed: how many */
int store_notifications_mark_read(db *d, long long agent_id, long long id, const char *now, int *changed, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE notifications SET read_at = ?1 WHERE agent_id = ?2 AND read_at IS NULL AND (?3 = 0 OR id = ?3)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare notification read");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, agent_id);
    db_bind_int(s, 3, id);
    if (db_exec_stmt(s, e)) return -1;
    *changed = db_changes(d);
    return 0;
}

int store_notification_owner(db *d, long long id, long long *agent_id, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT agent_id FROM notifications WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare notification owner");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) *agent_id = db_col_int(s, 0);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (notifications)");
    return rc == DB_ROW;
}
