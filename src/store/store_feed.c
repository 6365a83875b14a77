/* The change feed: what changed since a cursor, read from the tables themselves (tickets by
 * updated_at, messages and notifications by id), so every writer is seen, whichever process
 * it runs in (heed serve, its jobs, `heed mail-in` from Postfix, the CLI). See svc_feed.c. */
#include <string.h>
#include "store/store.h"

int store_feed_heads(db *d, long long *last_message, long long *last_notification, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT (SELECT coalesce(max(id), 0) FROM messages), (SELECT coalesce(max(id), 0) FROM notifications)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare feed heads");
    int rc = db_step(s);
    *last_message = rc == DB_ROW ? db_col_int(s, 0) : 0;
    *last_notification = rc == DB_ROW ? db_col_int(s, 1) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (feed)") : 0;
}

int store_feed_tickets(db *d, arena *a, const char *since, int limit, feed_ticket **out, int *n, herr *e)
{
    /* the index tickets_updated, read upwards from since */
    db_stmt *s = db_prep(d, "SELECT id, version, updated_at, status, coalesce(owner_id, 0) FROM tickets"
                            " WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare feed tickets");
    db_bind_text(s, 1, since);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        feed_ticket *t = arena_push(a, out, n, &cap, sizeof **out);
        t->id = db_col_int(s, 0);
        t->version = db_col_int(s, 1);
        t->updated_at = arena_strdup(a, db_col_text(s, 2));
        t->status = arena_strdup(a, db_col_text(s, 3));
        t->owner_id = db_col_int(s, 4);
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (feed tickets)") : 0;
}

int store_feed_messages(db *d, arena *a, long long after, int limit, feed_message **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, ticket_id, kind, coalesce(author_agent_id, 0) FROM messages WHERE id > ? ORDER BY id LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare feed messages");
    db_bind_int(s, 1, after);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        feed_message *m = arena_push(a, out, n, &cap, sizeof **out);
        m->id = db_col_int(s, 0);
        m->ticket_id = db_col_int(s, 1);
        m->kind = arena_strdup(a, db_col_text(s, 2));
        m->author_agent_id = db_col_int(s, 3);
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (feed messages)") : 0;
}

int store_feed_notifications(db *d, arena *a, long long after, int limit, notification_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, agent_id, coalesce(ticket_id, 0), kind, title, url, created_at FROM notifications"
                            " WHERE id > ? ORDER BY id LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare feed notifications");
    db_bind_int(s, 1, after);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        notification_rec *x = arena_push(a, out, n, &cap, sizeof **out);
        memset(x, 0, sizeof *x);
        x->id = db_col_int(s, 0);
        x->agent_id = db_col_int(s, 1);
        x->ticket_id = db_col_int(s, 2);
        x->kind = arena_strdup(a, db_col_text(s, 3));
        x->title = arena_strdup(a, db_col_text(s, 4));
        x->url = db_col_is_null(s, 5) ? NULL : arena_strdup(a, db_col_text(s, 5));
        x->created_at = arena_strdup(a, db_col_text(s, 6));
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (feed notifications)") : 0;
}
