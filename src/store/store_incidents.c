/* SQL of incidents, their linked tickets and their updates. */
#include "store/store.h"

#define I_COLS "i.id, i.title, i.state, i.created_at, i.resolved_at," \
               " (SELECT count(*) FROM incident_tickets x WHERE x.incident_id = i.id)"

static void read_i(db_stmt *s, arena *a, incident_rec *i)
{
    i->id = db_col_int(s, 0);
    i->title = arena_strdup(a, db_col_text(s, 1));
    i->state = arena_strdup(a, db_col_text(s, 2));
    i->created_at = arena_strdup(a, db_col_text(s, 3));
    i->resolved_at = db_col_is_null(s, 4) ? NULL : arena_strdup(a, db_col_text(s, 4));
    i->ticket_count = (int)db_col_int(s, 5);
}

int store_incident_insert(db *d, const char *title, long long by, const char *now, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO incidents(title, state, created_by, created_at) VALUES (?, 'open', ?, ?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident insert");
    db_bind_text(s, 1, title);
    db_bind_int(s, 2, by);
    db_bind_text(s, 3, now);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_incident_by_id(db *d, arena *a, long long id, incident_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " I_COLS " FROM incidents i WHERE i.id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_i(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (incidents)");
    return rc == DB_ROW;
}

/* state NULL: all; newest first */
int store_incident_list(db *d, arena *a, const char *state, incident_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " I_COLS " FROM incidents i WHERE (?1 = '' OR i.state = ?1) ORDER BY i.id DESC LIMIT 200");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident list");
    db_bind_text(s, 1, state ? state : "");
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_i(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (incidents)") : 0;
}

/* 1 linked now, 0 it already was */
int store_incident_link(db *d, long long incident_id, long long ticket_id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO incident_tickets(incident_id, ticket_id, linked_at) VALUES (?,?,?) ON CONFLICT DO NOTHING");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident link");
    db_bind_int(s, 1, incident_id);
    db_bind_int(s, 2, ticket_id);
    db_bind_text(s, 3, now);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1;
}

int store_incident_tickets(db *d, arena *a, long long incident_id, long long **ids, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT ticket_id FROM incident_tickets WHERE incident_id = ? ORDER BY ticket_id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident tickets");
    db_bind_int(s, 1, incident_id);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) *(long long *)arena_push(a, ids, n, &cap, sizeof **ids) = db_col_int(s, 0);
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (incidents)") : 0;
}

/* the open incidents a ticket is linked to */
int store_ticket_incidents(db *d, arena *a, long long ticket_id, incident_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " I_COLS " FROM incidents i JOIN incident_tickets t ON t.incident_id = i.id"
                            " WHERE t.ticket_id = ? ORDER BY i.id DESC");
    if (!s) return HERR_INTERNAL(e, "cannot prepare ticket incidents");
    db_bind_int(s, 1, ticket_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_i(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (incidents)") : 0;
}

int store_incident_update_insert(db *d, const incident_update_rec *u, long long author, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO incident_updates(incident_id, body, author_id, resolved, tickets, created_at) VALUES (?,?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident update");
    db_bind_int(s, 1, u->incident_id);
    db_bind_text(s, 2, u->body);
    db_bind_int(s, 3, author);
    db_bind_int(s, 4, u->resolved);
    db_bind_int(s, 5, u->tickets);
    db_bind_text(s, 6, u->created_at);
    return db_exec_stmt(s, e);
}

int store_incident_updates(db *d, arena *a, long long incident_id, incident_update_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT u.id, u.incident_id, u.body, a.name, u.created_at, u.resolved, u.tickets FROM incident_updates u"
                            " LEFT JOIN agents a ON a.id = u.author_id WHERE u.incident_id = ? ORDER BY u.id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident updates");
    db_bind_int(s, 1, incident_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        incident_update_rec *u = arena_push(a, out, n, &cap, sizeof **out);
        u->id = db_col_int(s, 0);
        u->incident_id = db_col_int(s, 1);
        u->body = arena_strdup(a, db_col_text(s, 2));
        u->author_name = db_col_is_null(s, 3) ? NULL : arena_strdup(a, db_col_text(s, 3));
        u->created_at = arena_strdup(a, db_col_text(s, 4));
        u->resolved = db_col_int(s, 5) != 0;
        u->tickets = (int)db_col_int(s, 6);
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (incidents)") : 0;
}

int store_incident_resolve(db *d, long long id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE incidents SET state = 'resolved', resolved_at = ? WHERE id = ? AND state = 'open'");
    if (!s) return HERR_INTERNAL(e, "cannot prepare incident resolve");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}
