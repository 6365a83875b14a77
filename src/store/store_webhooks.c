/* SQL of webhooks: subscriptions, deliveries and their attempts. */
#include "store/store.h"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

int store_webhook_insert(db *d, const webhook_rec *w, long long created_by, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO webhooks(url, events, secret, active, created_at, created_by) VALUES (?,?,?,1,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare webhook insert");
    db_bind_text(s, 1, w->url);
    db_bind_text(s, 2, w->events);
    db_bind_text(s, 3, w->secret);
    db_bind_text(s, 4, w->created_at);
    if (created_by) db_bind_int(s, 5, created_by);
    else db_bind_null(s, 5);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

static void read_hook(db_stmt *s, arena *a, webhook_rec *w)
{
    w->id = db_col_int(s, 0);
    w->url = arena_strdup(a, db_col_text(s, 1));
    w->events = arena_strdup(a, db_col_text(s, 2));
    w->secret = arena_strdup(a, db_col_text(s, 3));
    w->active = db_col_int(s, 4) != 0;
    w->created_at = arena_strdup(a, db_col_text(s, 5));
}

int store_webhook_list(db *d, arena *a, bool active_only, webhook_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, url, events, secret, active, created_at FROM webhooks WHERE (?1 = 0 OR active = 1) ORDER BY id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare webhook list");
    db_bind_int(s, 1, active_only);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_hook(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (webhooks)") : 0;
}

int store_webhook_by_id(db *d, arena *a, long long id, webhook_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, url, events, secret, active, created_at FROM webhooks WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare webhook read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_hook(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (webhooks)");
    return rc == DB_ROW;
}

/* a removed webhook stays for its deliveries' sake, inactive; 1 when it was active */
int store_webhook_deactivate(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE webhooks SET active = 0 WHERE id = ? AND active = 1");
    if (!s) return HERR_INTERNAL(e, "cannot prepare webhook delete");
    db_bind_int(s, 1, id);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1;
}

int store_delivery_insert(db *d, const webhook_delivery_rec *x, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO webhook_deliveries(webhook_id, event, uuid, ticket_id, payload, state, created_at)"
                            " VALUES (?,?,?,?,?,'queued',?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare delivery insert");
    db_bind_int(s, 1, x->webhook_id);
    db_bind_text(s, 2, x->event);
    db_bind_text(s, 3, x->uuid);
    if (x->ticket_id) db_bind_int(s, 4, x->ticket_id);
    else db_bind_null(s, 4);
    db_bind_text(s, 5, x->payload);
    db_bind_text(s, 6, x->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

#define D_COLS "id, webhook_id, ticket_id, event, uuid, payload, state, attempts, created_at, delivered_at"
static void read_delivery(db_stmt *s, arena *a, webhook_delivery_rec *x)
{
    *x = (webhook_delivery_rec){0};
    x->id = db_col_int(s, 0);
    x->webhook_id = db_col_int(s, 1);
    x->ticket_id = db_col_int(s, 2);
    x->event = arena_strdup(a, db_col_text(s, 3));
    x->uuid = arena_strdup(a, db_col_text(s, 4));
    x->payload = arena_strdup(a, db_col_text(s, 5));
    x->state = arena_strdup(a, db_col_text(s, 6));
    x->attempts = (int)db_col_int(s, 7);
    x->created_at = arena_strdup(a, db_col_text(s, 8));
    x->delivered_at = dup_or_null(a, s, 9);
}

int store_delivery_by_id(db *d, arena *a, long long id, webhook_delivery_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " D_COLS " FROM webhook_deliveries WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare delivery read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_delivery(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (webhooks)");
    return rc == DB_ROW;
}

/* newest first, each with its attempts (oldest first) */
int store_delivery_list(db *d, arena *a, long long webhook_id, int limit, webhook_delivery_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " D_COLS " FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare delivery list");
    db_bind_int(s, 1, webhook_id);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_delivery(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (webhooks)");
    db_stmt *t = db_prep(d, "SELECT id, at, status, error, ms FROM webhook_attempts WHERE delivery_id = ? ORDER BY id");
    if (!t) return HERR_INTERNAL(e, "cannot prepare attempt list");
    for (int i = 0; i < *n; i++) {
        webhook_delivery_rec *x = &(*out)[i];
        int tcap = 0;
        db_bind_int(t, 1, x->id);
        while ((rc = db_step(t)) == DB_ROW) {
            webhook_attempt_rec *y = arena_push(a, &x->tries, &x->ntries, &tcap, sizeof *x->tries);
            y->id = db_col_int(t, 0);
            y->at = arena_strdup(a, db_col_text(t, 1));
            y->status = (int)db_col_int(t, 2);
            y->error = dup_or_null(a, t, 3);
            y->ms = (int)db_col_int(t, 4);
        }
        db_done(t);
        if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (webhooks)");
    }
    return 0;
}

/* one attempt, and the delivery's state after it */
int store_delivery_attempt(db *d, long long id, const char *at, int status, const char *error, int ms, const char *state,
                           herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO webhook_attempts(delivery_id, at, status, error, ms) VALUES (?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attempt insert");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, at);
    if (status) db_bind_int(s, 3, status);
    else db_bind_null(s, 3);
    db_bind_text(s, 4, error);
    db_bind_int(s, 5, ms);
    if (db_exec_stmt(s, e)) return -1;
    db_stmt *u = db_prep(d, "UPDATE webhook_deliveries SET state = ?1, attempts = attempts + 1,"
                            " delivered_at = CASE WHEN ?1 = 'delivered' THEN ?2 ELSE delivered_at END WHERE id = ?3");
    if (!u) return HERR_INTERNAL(e, "cannot prepare delivery update");
    db_bind_text(u, 1, state);
    db_bind_text(u, 2, at);
    db_bind_int(u, 3, id);
    return db_exec_stmt(u, e);
}
