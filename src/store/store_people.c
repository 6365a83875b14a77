/* SQL for agents, teams and customers. */
#include <string.h>
#include "store/store.h"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static int step_error(herr *e) { return HERR_INTERNAL(e, "database error"); }

int store_agent_insert(db *d, const char *email, const char *name, const char *role,
                       const char *password_hash, long long team_id, const char *now, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO agents(email, name, role, password_hash, team_id, created_at) VALUES (?,?,?,?,?,?)");
    db_bind_text(s, 1, email);
    db_bind_text(s, 2, name);
    db_bind_text(s, 3, role);
    db_bind_text(s, 4, password_hash);
    if (team_id > 0) db_bind_int(s, 5, team_id);
    db_bind_text(s, 6, now);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

#define AGENT_COLS "a.id, a.email, a.name, a.role, a.team_id, t.name, a.active, a.created_at, a.password_hash, a.timezone," \
                   " a.available"
#define AGENT_FROM " FROM agents a LEFT JOIN teams t ON t.id = a.team_id "

static void agent_row(arena *a, db_stmt *s, agent_rec *r)
{
    r->id = db_col_int(s, 0);
    r->email = arena_strdup(a, db_col_text(s, 1));
    r->name = arena_strdup(a, db_col_text(s, 2));
    r->role = arena_strdup(a, db_col_text(s, 3));
    r->team_id = db_col_int(s, 4);
    r->team_name = dup_or_null(a, s, 5);
    r->active = db_col_int(s, 6) != 0;
    r->created_at = arena_strdup(a, db_col_text(s, 7));
    r->timezone = dup_or_null(a, s, 9);
    r->available = db_col_int(s, 10) != 0;
}

static int agent_one(arena *a, db_stmt *s, agent_rec *out, const char **password_hash, herr *e)
{
    int rc = db_step(s);
    if (rc == DB_ROW) {
        agent_row(a, s, out);
        if (password_hash) *password_hash = dup_or_null(a, s, 8);
    }
    db_done(s);
    if (rc == DB_ERROR) return step_error(e);
    return rc == DB_ROW;
}

int store_agent_by_id(db *d, arena *a, long long id, agent_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " AGENT_COLS AGENT_FROM "WHERE a.id = ?");
    db_bind_int(s, 1, id);
    return agent_one(a, s, out, NULL, e);
}

int store_agent_by_email(db *d, arena *a, const char *email, agent_rec *out, const char **password_hash, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " AGENT_COLS AGENT_FROM "WHERE a.email = ?");
    db_bind_text(s, 1, email);
    return agent_one(a, s, out, password_hash, e);
}

int store_agent_list(db *d, arena *a, agent_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " AGENT_COLS AGENT_FROM "ORDER BY a.name COLLATE NOCASE");
    int cap = 0, rc;
    *n = 0;
    *out = NULL;
    while ((rc = db_step(s)) == DB_ROW) agent_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? step_error(e) : 0;
}

int store_agent_set_timezone(db *d, long long id, const char *tz, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE agents SET timezone = ? WHERE id = ?");
    if (tz) db_bind_text(s, 1, tz);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

int store_agent_set_password(db *d, long long id, const char *password_hash, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE agents SET password_hash = ? WHERE id = ?");
    db_bind_text(s, 1, password_hash);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

int store_team_insert(db *d, const char *name, const char *now, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO teams(name, created_at) VALUES (?,?)");
    db_bind_text(s, 1, name);
    db_bind_text(s, 2, now);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

#define TEAM_SELECT                                                                                   \
    "SELECT t.id, t.name, t.created_at,"                                                              \
    " (SELECT count(*) FROM agents a WHERE a.team_id = t.id),"                                        \
    " (SELECT count(*) FROM tickets k WHERE k.team_id = t.id AND k.status NOT IN ('solved','closed'))" \
    " FROM teams t "

static void team_row(arena *a, db_stmt *s, team_rec *r)
{
    r->id = db_col_int(s, 0);
    r->name = arena_strdup(a, db_col_text(s, 1));
    r->created_at = arena_strdup(a, db_col_text(s, 2));
    r->agent_count = (int)db_col_int(s, 3);
    r->open_tickets = (int)db_col_int(s, 4);
}

static int team_one(arena *a, db_stmt *s, team_rec *out, herr *e)
{
    int rc = db_step(s);
    if (rc == DB_ROW) team_row(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return step_error(e);
    return rc == DB_ROW;
}

int store_team_by_id(db *d, arena *a, long long id, team_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, TEAM_SELECT "WHERE t.id = ?");
    db_bind_int(s, 1, id);
    return team_one(a, s, out, e);
}

int store_team_by_name(db *d, arena *a, const char *name, team_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, TEAM_SELECT "WHERE t.name = ?");
    db_bind_text(s, 1, name);
    return team_one(a, s, out, e);
}

int store_team_list(db *d, arena *a, team_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, TEAM_SELECT "ORDER BY t.name COLLATE NOCASE");
    int cap = 0, rc;
    *n = 0;
    *out = NULL;
    while ((rc = db_step(s)) == DB_ROW) team_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? step_error(e) : 0;
}

#define CUSTOMER_SELECT \
    "SELECT c.id, c.email, c.name, c.created_at, (SELECT count(*) FROM tickets t WHERE t.customer_id = c.id)," \
    " c.tags, c.notes, c.language FROM customers c "

static void customer_row(arena *a, db_stmt *s, customer_rec *out)
{
    out->id = db_col_int(s, 0);
    out->email = arena_strdup(a, db_col_text(s, 1));
    out->name = arena_strdup(a, db_col_text(s, 2));
    out->created_at = arena_strdup(a, db_col_text(s, 3));
    out->ticket_count = (int)db_col_int(s, 4);
    out->tags = arena_strdup(a, db_col_text(s, 5));
    out->notes = arena_strdup(a, db_col_text(s, 6));
    out->language = arena_strdup(a, db_col_text(s, 7));
}

int store_customer_profile_set(db *d, long long id, const char *tags, const char *notes, const char *language, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE customers SET tags = ?, notes = ?, language = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare customer profile");
    db_bind_text(s, 1, tags);
    db_bind_text(s, 2, notes);
    db_bind_text(s, 3, language);
    db_bind_int(s, 4, id);
    return db_exec_stmt(s, e);
}

static int customer_one(arena *a, db_stmt *s, customer_rec *out, herr *e)
{
    int rc = db_step(s);
    if (rc == DB_ROW) customer_row(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return step_error(e);
    return rc == DB_ROW;
}

int store_customer_by_email(db *d, arena *a, const char *email, customer_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, CUSTOMER_SELECT "WHERE c.email = ?");
    db_bind_text(s, 1, email);
    return customer_one(a, s, out, e);
}

int store_customer_by_id(db *d, arena *a, long long id, customer_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, CUSTOMER_SELECT "WHERE c.id = ?");
    db_bind_int(s, 1, id);
    return customer_one(a, s, out, e);
}

int store_customer_insert(db *d, const char *email, const char *name, const char *now, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO customers(email, name, created_at) VALUES (?,?,?)");
    db_bind_text(s, 1, email);
    db_bind_text(s, 2, name);
    db_bind_text(s, 3, now);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_customer_update(db *d, long long id, const char *email, const char *name, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE customers SET email = ?, name = ? WHERE id = ?");
    db_bind_text(s, 1, email);
    db_bind_text(s, 2, name);
    db_bind_int(s, 3, id);
    return db_exec_stmt(s, e);
}

int store_customer_list(db *d, arena *a, const char *q, long long before_id, int limit, customer_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, CUSTOMER_SELECT "WHERE (?1 IS NULL OR lower(c.name) LIKE ?1 ESCAPE '\\' OR lower(c.email) LIKE ?1 ESCAPE '\\')"
                                            " AND (?2 = 0 OR c.id < ?2) ORDER BY c.id DESC LIMIT ?3");
    if (q && *q) db_bind_text(s, 1, store_like_pattern(a, q));
    db_bind_int(s, 2, before_id);
    db_bind_int(s, 3, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) customer_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? step_error(e) : 0;
}

int store_customer_panel(db *d, arena *a, long long customer_id, customer_panel_rec *out, herr *e)
{
    memset(out, 0, sizeof *out);
    db_stmt *s = db_prep(d, "SELECT"
                            " (SELECT count(*) FROM commitments c JOIN tickets t ON t.id = c.ticket_id"
                            "   WHERE t.customer_id = ?1 AND c.state = 'open'),"
                            " (SELECT coalesce(sum(g.amount_minor), 0) FROM goodwill g JOIN tickets t ON t.id = g.ticket_id"
                            "   WHERE t.customer_id = ?1 AND g.state IN ('granted','approved'))");
    if (!s) return HERR_INTERNAL(e, "cannot prepare customer panel");
    db_bind_int(s, 1, customer_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->open_promises = (int)db_col_int(s, 0);
        out->goodwill_minor = db_col_int(s, 1);
    }
    db_done(s);
    if (rc == DB_ERROR) return step_error(e);
    /* their latest words, for the mood of recent messages (tickets_customer, then messages_ticket) */
    s = db_prep(d, "SELECT m.id, m.ticket_id, m.body, m.created_at, rc.emotion FROM messages m JOIN tickets t ON t.id = m.ticket_id"
                   " LEFT JOIN reading_corrections rc ON rc.message_id = m.id" /* an agent's correction of the coach */
                   " WHERE t.customer_id = ? AND m.kind = 'customer' ORDER BY m.id DESC LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare customer panel messages");
    db_bind_int(s, 1, customer_id);
    db_bind_int(s, 2, CUSTOMER_PANEL_RECENT);
    while ((rc = db_step(s)) == DB_ROW && out->nrecent < CUSTOMER_PANEL_RECENT) {
        message_rec *m = &out->recent[out->nrecent++];
        m->id = db_col_int(s, 0);
        m->ticket_id = db_col_int(s, 1);
        m->kind = "customer";
        m->body = arena_strdup(a, db_col_text(s, 2));
        m->created_at = arena_strdup(a, db_col_text(s, 3));
        out->recent_emotion[out->nrecent - 1] = db_col_is_null(s, 4) ? NULL : arena_strdup(a, db_col_text(s, 4));
    }
    db_done(s);
    return rc == DB_ERROR ? step_error(e) : 0;
}
