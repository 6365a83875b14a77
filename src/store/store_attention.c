/* SQL for priority from the customer's side. See store_attention.h. */
#include "store/store.h"

int store_attention_wrote(db *d, long long ticket_id, const char *now, unsigned cues, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO ticket_attention(ticket_id, waiting_since, writes, cues) VALUES (?1, ?2, 1, ?3)"
                            " ON CONFLICT(ticket_id) DO UPDATE SET writes = ticket_attention.writes + 1,"
                            " cues = ticket_attention.cues | excluded.cues");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attention write");
    db_bind_int(s, 1, ticket_id);
    db_bind_text(s, 2, now);
    db_bind_int(s, 3, (long long)cues);
    return db_exec_stmt(s, e);
}

int store_attention_put(db *d, long long ticket_id, const char *waiting_since, int writes, unsigned cues, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO ticket_attention(ticket_id, waiting_since, writes, cues) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT(ticket_id) DO UPDATE SET waiting_since = excluded.waiting_since,"
                            " writes = excluded.writes, cues = excluded.cues");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attention put");
    db_bind_int(s, 1, ticket_id);
    db_bind_text(s, 2, waiting_since);
    db_bind_int(s, 3, writes);
    db_bind_int(s, 4, (long long)cues);
    return db_exec_stmt(s, e);
}

int store_attention_clear(db *d, long long ticket_id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM ticket_attention WHERE ticket_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attention clear");
    db_bind_int(s, 1, ticket_id);
    return db_exec_stmt(s, e);
}

int store_attention_set_cues(db *d, long long ticket_id, unsigned cues, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE ticket_attention SET cues = ? WHERE ticket_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attention cues");
    db_bind_int(s, 1, (long long)cues);
    db_bind_int(s, 2, ticket_id);
    return db_exec_stmt(s, e);
}

#define ATTENTION_SELECT                                                                            \
    "SELECT w.ticket_id, w.waiting_since, w.writes, w.cues, coalesce(p.calendar_id, 0)"            \
    " FROM ticket_attention w JOIN tickets t ON t.id = w.ticket_id"                                \
    " LEFT JOIN ticket_sla sla ON sla.ticket_id = w.ticket_id"                                     \
    " LEFT JOIN sla_policies p ON p.id = sla.policy_id "

static void attention_row_read(arena *a, db_stmt *s, attention_row *w)
{
    w->ticket_id = db_col_int(s, 0);
    w->waiting_since = arena_strdup(a, db_col_text(s, 1));
    w->writes = (int)db_col_int(s, 2);
    w->cues = (unsigned)db_col_int(s, 3);
    w->calendar_id = db_col_int(s, 4);
}

int store_attention_get(db *d, arena *a, long long ticket_id, attention_row *out, herr *e)
{
    db_stmt *s = db_prep(d, ATTENTION_SELECT "WHERE w.ticket_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attention");
    db_bind_int(s, 1, ticket_id);
    int rc = db_step(s);
    if (rc == DB_ROW) attention_row_read(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (attention)");
    return rc == DB_ROW;
}

int store_attention_waiting(db *d, arena *a, long long owner_id, long long team_id, int limit, attention_row **out,
                            int *n, herr *e)
{
    db_stmt *s = db_prep(d, ATTENTION_SELECT "WHERE t.status IN ('new','open')"
                                             " AND (?1 = 0 OR (?1 = -1 AND t.owner_id IS NULL) OR t.owner_id = ?1)"
                                             " AND (?2 = 0 OR t.team_id = ?2)"
                                             " ORDER BY w.waiting_since, w.ticket_id LIMIT ?3");
    if (!s) return HERR_INTERNAL(e, "cannot prepare waiting tickets");
    db_bind_int(s, 1, owner_id);
    db_bind_int(s, 2, team_id);
    db_bind_int(s, 3, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) attention_row_read(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (waiting tickets)") : 0;
}

int store_customer_other_ticket_since(db *d, long long customer_id, long long ticket_id, const char *since, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT 1 FROM tickets WHERE customer_id = ? AND id <> ? AND created_at >= ? AND merged_into IS NULL LIMIT 1");
    if (!s) return HERR_INTERNAL(e, "cannot prepare customer history");
    db_bind_int(s, 1, customer_id);
    db_bind_int(s, 2, ticket_id);
    db_bind_text(s, 3, since);
    int rc = db_step(s);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (customer history)");
    return rc == DB_ROW;
}

int store_unanswered_messages(db *d, arena *a, long long ticket_id, message_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, body, created_at FROM messages WHERE ticket_id = ?1 AND kind = 'customer'"
                            " AND id > coalesce((SELECT max(id) FROM messages WHERE ticket_id = ?1 AND kind = 'reply'), 0)"
                            " ORDER BY id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare unanswered messages");
    db_bind_int(s, 1, ticket_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        message_rec *m = arena_push(a, out, n, &cap, sizeof **out);
        *m = (message_rec){.id = db_col_int(s, 0), .ticket_id = ticket_id, .kind = "customer",
                           .body = arena_strdup(a, db_col_text(s, 1)), .created_at = arena_strdup(a, db_col_text(s, 2))};
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (unanswered messages)") : 0;
}

int store_reading_correction_put(db *d, const reading_correction_rec *c, herr *e)
{
    /* a second correction of the same message replaces the first; what the coach read stays */
    db_stmt *s = db_prep(d, "INSERT INTO reading_corrections(message_id, ticket_id, agent_id, emotion, cues, read_emotion,"
                            " read_cues, created_at) VALUES (?,?,?,?,?,?,?,?)"
                            " ON CONFLICT(message_id) DO UPDATE SET agent_id = excluded.agent_id, emotion = excluded.emotion,"
                            " cues = excluded.cues, created_at = excluded.created_at");
    if (!s) return HERR_INTERNAL(e, "cannot prepare reading correction");
    db_bind_int(s, 1, c->message_id);
    db_bind_int(s, 2, c->ticket_id);
    db_bind_int(s, 3, c->agent_id);
    db_bind_text(s, 4, c->emotion);
    db_bind_int(s, 5, (long long)c->cues);
    db_bind_text(s, 6, c->read_emotion);
    db_bind_int(s, 7, (long long)c->read_cues);
    db_bind_text(s, 8, c->created_at);
    return db_exec_stmt(s, e);
}

static int corrections(db_stmt *s, arena *a, bool with_body, reading_correction_rec **out, int *n, herr *e)
{
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        reading_correction_rec *c = arena_push(a, out, n, &cap, sizeof **out);
        c->message_id = db_col_int(s, 0);
        c->ticket_id = db_col_int(s, 1);
        c->agent_id = db_col_int(s, 2);
        c->agent_name = arena_strdup(a, db_col_text(s, 3));
        c->emotion = arena_strdup(a, db_col_text(s, 4));
        c->cues = (unsigned)db_col_int(s, 5);
        c->read_emotion = arena_strdup(a, db_col_text(s, 6));
        c->read_cues = (unsigned)db_col_int(s, 7);
        c->created_at = arena_strdup(a, db_col_text(s, 8));
        c->body = with_body ? arena_strdup(a, db_col_text(s, 9)) : NULL;
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (reading corrections)") : 0;
}

#define CORRECTION_SELECT                                                                               \
    "SELECT c.message_id, c.ticket_id, c.agent_id, ag.name, c.emotion, c.cues, c.read_emotion, c.read_cues," \
    " c.created_at, m.body FROM reading_corrections c JOIN agents ag ON ag.id = c.agent_id"             \
    " JOIN messages m ON m.id = c.message_id "

int store_reading_corrections_ticket(db *d, arena *a, long long ticket_id, reading_correction_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, CORRECTION_SELECT "WHERE c.ticket_id = ? ORDER BY c.message_id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare reading corrections");
    db_bind_int(s, 1, ticket_id);
    return corrections(s, a, false, out, n, e);
}

int store_reading_corrections_all(db *d, arena *a, reading_correction_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, CORRECTION_SELECT "ORDER BY c.message_id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare reading corrections");
    return corrections(s, a, true, out, n, e);
}
