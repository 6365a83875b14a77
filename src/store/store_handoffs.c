/* SQL of warm hand-offs between agents, agents' availability and teams' automatic assignment. */
#include <stdio.h>
#include "store/store.h"

#define H_COLS "h.id, h.ticket_id, h.from_id, h.to_id, h.note, h.state, h.reason, h.created_at, h.decided_at," \
               " f.name, t2.name, tk.subject"
#define H_FROM " FROM handoffs h LEFT JOIN agents f ON f.id = h.from_id JOIN agents t2 ON t2.id = h.to_id" \
               " JOIN tickets tk ON tk.id = h.ticket_id"

static void read_h(db_stmt *s, arena *a, handoff_rec *h)
{
    h->id = db_col_int(s, 0);
    h->ticket_id = db_col_int(s, 1);
    h->from_id = db_col_int(s, 2);
    h->to_id = db_col_int(s, 3);
    h->note = arena_strdup(a, db_col_text(s, 4));
    h->state = arena_strdup(a, db_col_text(s, 5));
    h->reason = db_col_is_null(s, 6) ? NULL : arena_strdup(a, db_col_text(s, 6));
    h->created_at = arena_strdup(a, db_col_text(s, 7));
    h->decided_at = db_col_is_null(s, 8) ? NULL : arena_strdup(a, db_col_text(s, 8));
    h->from_name = db_col_is_null(s, 9) ? NULL : arena_strdup(a, db_col_text(s, 9));
    h->to_name = arena_strdup(a, db_col_text(s, 10));
    h->ticket_subject = arena_strdup(a, db_col_text(s, 11));
}

int store_handoff_insert(db *d, const handoff_rec *h, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO handoffs(ticket_id, from_id, to_id, note, state, created_at) VALUES (?,?,?,?,'pending',?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare hand-off insert");
    db_bind_int(s, 1, h->ticket_id);
    if (h->from_id) db_bind_int(s, 2, h->from_id);
    else db_bind_null(s, 2);
    db_bind_int(s, 3, h->to_id);
    db_bind_text(s, 4, h->note);
    db_bind_text(s, 5, h->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_handoff_by_id(db *d, arena *a, long long id, handoff_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " H_COLS H_FROM " WHERE h.id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare hand-off read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_h(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (hand-offs)");
    return rc == DB_ROW;
}

/* ticket_id 0: any; to_id 0: anyone's; state NULL: any */
int store_handoff_list(db *d, arena *a, long long ticket_id, long long to_id, const char *state, int limit,
                       handoff_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " H_COLS H_FROM " WHERE (?1 = 0 OR h.ticket_id = ?1) AND (?2 = 0 OR h.to_id = ?2)"
                            " AND (?3 = '' OR h.state = ?3) ORDER BY h.id DESC LIMIT ?4");
    if (!s) return HERR_INTERNAL(e, "cannot prepare hand-off list");
    db_bind_int(s, 1, ticket_id);
    db_bind_int(s, 2, to_id);
    db_bind_text(s, 3, state ? state : "");
    db_bind_int(s, 4, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_h(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (hand-offs)") : 0;
}

/* pending -> state; 1 when it was still pending */
int store_handoff_decide(db *d, long long id, const char *state, const char *reason, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE handoffs SET state = ?, reason = ?, decided_at = ? WHERE id = ? AND state = 'pending'");
    if (!s) return HERR_INTERNAL(e, "cannot prepare hand-off decision");
    db_bind_text(s, 1, state);
    db_bind_text(s, 2, reason);
    db_bind_text(s, 3, now);
    db_bind_int(s, 4, id);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1 ? 1 : 0;
}

int store_ticket_handoffs(db *d, long long ticket_id, int *count, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE tickets SET handoff_count = handoff_count + 1 WHERE id = ? RETURNING handoff_count");
    if (!s) return HERR_INTERNAL(e, "cannot prepare hand-off count");
    db_bind_int(s, 1, ticket_id);
    int rc = db_step(s);
    *count = rc == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (hand-offs)") : 0;
}

int store_agent_set_available(db *d, long long id, bool available, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE agents SET available = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare availability");
    db_bind_int(s, 1, available);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}


/* a team's automatic assignment: mode off | round_robin | least_open; cap and minutes -1 = none */
int store_team_assign_get(db *d, long long team_id, team_assign *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT assign_mode, coalesce(assign_cap, -1), coalesce(reassign_minutes, -1),"
                            " coalesce(assign_last_agent, 0) FROM teams WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare team assignment");
    db_bind_int(s, 1, team_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        snprintf(out->mode, sizeof out->mode, "%s", db_col_text(s, 0));
        out->cap = db_col_int(s, 1);
        out->reassign_minutes = db_col_int(s, 2);
        out->last_agent = db_col_int(s, 3);
    }
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (teams)");
    return rc == DB_ROW;
}

int store_team_assign_set(db *d, long long team_id, const team_assign *a, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE teams SET assign_mode = ?, assign_cap = ?, reassign_minutes = ?, assign_last_agent = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare team assignment");
    db_bind_text(s, 1, a->mode);
    if (a->cap >= 0) db_bind_int(s, 2, a->cap);
    else db_bind_null(s, 2);
    if (a->reassign_minutes >= 0) db_bind_int(s, 3, a->reassign_minutes);
    else db_bind_null(s, 3);
    if (a->last_agent) db_bind_int(s, 4, a->last_agent);
    else db_bind_null(s, 4);
    db_bind_int(s, 5, team_id);
    return db_exec_stmt(s, e);
}

/* the team's agents who are in (active, available), by id, with their open tickets and own cap */
int store_team_candidates(db *d, arena *a, long long team_id, assign_candidate **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT a.id, (SELECT count(*) FROM tickets t WHERE t.owner_id = a.id"
                            " AND t.status NOT IN ('solved','closed')), coalesce(a.max_open, -1)"
                            " FROM agents a WHERE a.team_id = ? AND a.active = 1 AND a.available = 1 ORDER BY a.id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare assignment candidates");
    db_bind_int(s, 1, team_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        assign_candidate *c = arena_push(a, out, n, &cap, sizeof **out);
        c->agent_id = db_col_int(s, 0);
        c->open = (int)db_col_int(s, 1);
        c->max_open = db_col_int(s, 2);
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (agents)") : 0;
}
