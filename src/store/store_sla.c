/* SQL of business calendars, SLA policies and tickets' SLA clocks. */
#include "store/store.h"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static long long int_or_none(db_stmt *s, int col) { return db_col_is_null(s, col) ? -1 : db_col_int(s, col); }
static void bind_target(db_stmt *s, int i, long long v)
{
    if (v >= 0) db_bind_int(s, i, v);
    else db_bind_null(s, i);
}

/* ---- calendars ---- */
static void read_cal(db_stmt *s, arena *a, calendar_rec *c)
{
    c->id = db_col_int(s, 0);
    c->name = arena_strdup(a, db_col_text(s, 1));
    c->timezone = arena_strdup(a, db_col_text(s, 2));
    c->hours = arena_strdup(a, db_col_text(s, 3));
    c->holidays = arena_strdup(a, db_col_text(s, 4));
    c->created_at = arena_strdup(a, db_col_text(s, 5));
}

int store_calendar_save(db *d, calendar_rec *c, herr *e)
{
    db_stmt *s = db_prep(d, c->id ? "UPDATE calendars SET name = ?1, timezone = ?2, hours = ?3, holidays = ?4 WHERE id = ?6"
                                  : "INSERT INTO calendars(name, timezone, hours, holidays, created_at) VALUES (?1,?2,?3,?4,?5)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare calendar save");
    db_bind_text(s, 1, c->name);
    db_bind_text(s, 2, c->timezone);
    db_bind_text(s, 3, c->hours);
    db_bind_text(s, 4, c->holidays);
    if (!c->id) db_bind_text(s, 5, c->created_at);
    else db_bind_int(s, 6, c->id);
    if (db_exec_stmt(s, e)) return -1;
    if (!c->id) c->id = db_last_id(d);
    return 0;
}

int store_calendar_by_id(db *d, arena *a, long long id, calendar_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, name, timezone, hours, holidays, created_at FROM calendars WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare calendar read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_cal(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (calendars)");
    return rc == DB_ROW;
}

int store_calendar_list(db *d, arena *a, calendar_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, name, timezone, hours, holidays, created_at FROM calendars ORDER BY name");
    if (!s) return HERR_INTERNAL(e, "cannot prepare calendar list");
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_cal(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (calendars)") : 0;
}

/* 1 deleted, 0 none, 2 in use by a policy (nothing deleted) */
int store_calendar_delete(db *d, long long id, herr *e)
{
    db_stmt *u = db_prep(d, "SELECT count(*) FROM sla_policies WHERE calendar_id = ?");
    if (!u) return HERR_INTERNAL(e, "cannot prepare calendar use");
    db_bind_int(u, 1, id);
    int used = db_step(u) == DB_ROW ? (int)db_col_int(u, 0) : 0;
    db_done(u);
    if (used) return 2;
    db_stmt *s = db_prep(d, "DELETE FROM calendars WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare calendar delete");
    db_bind_int(s, 1, id);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1;
}

/* ---- policies ---- */
#define P_COLS "id, name, position, match_priority, match_team, match_channel, first_response_minutes," \
               " next_response_minutes, resolution_minutes, update_minutes, coalesce(calendar_id, 0), created_at"
static void read_pol(db_stmt *s, arena *a, sla_policy_rec *p)
{
    p->id = db_col_int(s, 0);
    p->name = arena_strdup(a, db_col_text(s, 1));
    p->position = (int)db_col_int(s, 2);
    p->match_priority = dup_or_null(a, s, 3);
    p->match_team = dup_or_null(a, s, 4);
    p->match_channel = dup_or_null(a, s, 5);
    p->first_response = int_or_none(s, 6);
    p->next_response = int_or_none(s, 7);
    p->resolution = int_or_none(s, 8);
    p->update = int_or_none(s, 9);
    p->calendar_id = db_col_int(s, 10);
    p->created_at = arena_strdup(a, db_col_text(s, 11));
}

int store_policy_save(db *d, sla_policy_rec *p, herr *e)
{
    db_stmt *s = db_prep(d, p->id ? "UPDATE sla_policies SET name = ?1, position = ?2, match_priority = ?3, match_team = ?4,"
                                    " match_channel = ?5, first_response_minutes = ?6, next_response_minutes = ?7,"
                                    " resolution_minutes = ?8, update_minutes = ?9, calendar_id = ?10 WHERE id = ?12"
                                  : "INSERT INTO sla_policies(name, position, match_priority, match_team, match_channel,"
                                    " first_response_minutes, next_response_minutes, resolution_minutes, update_minutes,"
                                    " calendar_id, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare policy save");
    db_bind_text(s, 1, p->name);
    db_bind_int(s, 2, p->position);
    db_bind_text(s, 3, p->match_priority);
    db_bind_text(s, 4, p->match_team);
    db_bind_text(s, 5, p->match_channel);
    bind_target(s, 6, p->first_response);
    bind_target(s, 7, p->next_response);
    bind_target(s, 8, p->resolution);
    bind_target(s, 9, p->update);
    if (p->calendar_id) db_bind_int(s, 10, p->calendar_id);
    else db_bind_null(s, 10);
    if (!p->id) db_bind_text(s, 11, p->created_at);
    else db_bind_int(s, 12, p->id);
    if (db_exec_stmt(s, e)) return -1;
    if (!p->id) p->id = db_last_id(d);
    return 0;
}

int store_policy_list(db *d, arena *a, sla_policy_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " P_COLS " FROM sla_policies ORDER BY position, id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare policy list");
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_pol(s, a, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (policies)") : 0;
}

int store_policy_by_id(db *d, arena *a, long long id, sla_policy_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " P_COLS " FROM sla_policies WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare policy read");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) read_pol(s, a, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (policies)");
    return rc == DB_ROW;
}

int store_policy_delete(db *d, long long id, herr *e)
{
    db_stmt *u = db_prep(d, "UPDATE ticket_sla SET policy_id = NULL, next_due = NULL, next_risk = NULL, alarm_at = NULL WHERE policy_id = ?");
    if (!u) return HERR_INTERNAL(e, "cannot prepare policy detach");
    db_bind_int(u, 1, id);
    if (db_exec_stmt(u, e)) return -1;
    db_stmt *s = db_prep(d, "DELETE FROM sla_policies WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare policy delete");
    db_bind_int(s, 1, id);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1;
}

/* ---- tickets' clocks ---- */
int store_ticket_sla_get(db *d, arena *a, long long ticket_id, ticket_sla_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT coalesce(policy_id, 0), paused_minutes, paused_at, last_reply_at, waiting_since, next_due,"
                            " next_risk, warned_for, breached_for, alarm_at FROM ticket_sla WHERE ticket_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare ticket sla");
    db_bind_int(s, 1, ticket_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->ticket_id = ticket_id;
        out->policy_id = db_col_int(s, 0);
        out->paused_minutes = db_col_int(s, 1);
        out->paused_at = dup_or_null(a, s, 2);
        out->last_reply_at = dup_or_null(a, s, 3);
        out->waiting_since = dup_or_null(a, s, 4);
        out->next_due = dup_or_null(a, s, 5);
        out->next_risk = dup_or_null(a, s, 6);
        out->warned_for = dup_or_null(a, s, 7);
        out->breached_for = dup_or_null(a, s, 8);
        out->alarm_at = dup_or_null(a, s, 9);
    }
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (ticket sla)");
    return rc == DB_ROW;
}

int store_ticket_sla_put(db *d, const ticket_sla_rec *t, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO ticket_sla(ticket_id, policy_id, paused_minutes, paused_at, last_reply_at, waiting_since,"
                            " next_due, next_risk, warned_for, breached_for, alarm_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"
                            " ON CONFLICT (ticket_id) DO UPDATE SET policy_id = excluded.policy_id,"
                            " paused_minutes = excluded.paused_minutes, paused_at = excluded.paused_at,"
                            " last_reply_at = excluded.last_reply_at, waiting_since = excluded.waiting_since,"
                            " next_due = excluded.next_due, next_risk = excluded.next_risk,"
                            " warned_for = excluded.warned_for, breached_for = excluded.breached_for, alarm_at = excluded.alarm_at");
    if (!s) return HERR_INTERNAL(e, "cannot prepare ticket sla write");
    db_bind_int(s, 1, t->ticket_id);
    if (t->policy_id) db_bind_int(s, 2, t->policy_id);
    else db_bind_null(s, 2);
    db_bind_int(s, 3, t->paused_minutes);
    db_bind_text(s, 4, t->paused_at);
    db_bind_text(s, 5, t->last_reply_at);
    db_bind_text(s, 6, t->waiting_since);
    db_bind_text(s, 7, t->next_due);
    db_bind_text(s, 8, t->next_risk);
    db_bind_text(s, 9, t->warned_for);
    db_bind_text(s, 10, t->breached_for);
    db_bind_text(s, 11, t->alarm_at);
    return db_exec_stmt(s, e);
}

/* the clocks whose alarm has come (alarm_at <= now), the oldest first, through ticket_sla_alarm */
int store_ticket_sla_alarms(db *d, arena *a, const char *now, int limit, long long **ids, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT ticket_id FROM ticket_sla WHERE alarm_at IS NOT NULL AND alarm_at <= ?1"
                            " ORDER BY alarm_at, ticket_id LIMIT ?2");
    if (!s) return HERR_INTERNAL(e, "cannot prepare sla alarms");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) *(long long *)arena_push(a, ids, n, &cap, sizeof **ids) = db_col_int(s, 0);
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (sla alarms)") : 0;
}

/* open tickets with an SLA clock, the soonest due first; which: NULL all, "at_risk", "breached" */
int store_ticket_sla_list(db *d, arena *a, const char *which, const char *now, int limit, long long **ids, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT ticket_id FROM ticket_sla WHERE next_due IS NOT NULL"
                            " AND (?1 = '' OR (?1 = 'breached' AND next_due <= ?2)"
                            "      OR (?1 = 'at_risk' AND next_risk <= ?2 AND next_due > ?2))"
                            " ORDER BY next_due, ticket_id LIMIT ?3");
    if (!s) return HERR_INTERNAL(e, "cannot prepare sla list");
    db_bind_text(s, 1, which ? which : "");
    db_bind_text(s, 2, now);
    db_bind_int(s, 3, limit);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) *(long long *)arena_push(a, ids, n, &cap, sizeof **ids) = db_col_int(s, 0);
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (sla list)") : 0;
}
