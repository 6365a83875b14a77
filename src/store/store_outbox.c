/* SQL for outbound mail: the outbox (replies and acknowledgements), its state machine
 * (queued -> sending -> sent | queued again | failed) and what threading needs. */
#include <string.h>
#include "store/store.h"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static int step_error(db *d, db_stmt *s, herr *e)
{
    db_done(s);
    return HERR_INTERNAL(e, "database error: %s", db_errmsg(d));
}

#define OUTBOX_COLS                                                                                              \
    "id, ticket_id, message_id, kind, to_addr, to_name, from_name, subject, body, mail_message_id, in_reply_to," \
    " refs, state, attempts, next_attempt_at, lease_until, last_error, sent_at, created_at, queued_at"

static void read_row(db_stmt *s, arena *a, outbox_rec *o)
{
    *o = (outbox_rec){
        .id = db_col_int(s, 0),
        .ticket_id = db_col_int(s, 1),
        .message_id = db_col_int(s, 2),
        .kind = arena_strdup(a, db_col_text(s, 3)),
        .to_addr = arena_strdup(a, db_col_text(s, 4)),
        .to_name = dup_or_null(a, s, 5),
        .from_name = dup_or_null(a, s, 6),
        .subject = arena_strdup(a, db_col_text(s, 7)),
        .body = arena_strndup(a, db_col_text(s, 8), (size_t)db_col_len(s, 8)),
        .mail_message_id = arena_strdup(a, db_col_text(s, 9)),
        .in_reply_to = dup_or_null(a, s, 10),
        .refs = dup_or_null(a, s, 11),
        .state = arena_strdup(a, db_col_text(s, 12)),
        .attempts = (int)db_col_int(s, 13),
        .next_attempt_at = arena_strdup(a, db_col_text(s, 14)),
        .lease_until = dup_or_null(a, s, 15),
        .last_error = dup_or_null(a, s, 16),
        .sent_at = dup_or_null(a, s, 17),
        .created_at = arena_strdup(a, db_col_text(s, 18)),
        .queued_at = arena_strdup(a, db_col_text(s, 19)),
    };
}

/* every row of a bound statement, into the arena */
static int read_rows(db *d, db_stmt *s, arena *a, outbox_rec **out, int *n, herr *e)
{
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_row(s, a, arena_push(a, out, n, &cap, sizeof **out));
    if (rc == DB_ERROR) return step_error(d, s, e);
    db_done(s);
    return 0;
}

int store_outbox_insert(db *d, const outbox_rec *o, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO outbox (ticket_id, message_id, kind, to_addr, to_name, from_name, subject,"
                            " body, mail_message_id, in_reply_to, refs, state, attempts, next_attempt_at, created_at, queued_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?12, ?12, ?12)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox insert");
    db_bind_int(s, 1, o->ticket_id);
    db_bind_int(s, 2, o->message_id);
    db_bind_text(s, 3, o->kind);
    db_bind_text(s, 4, o->to_addr);
    db_bind_text(s, 5, o->to_name);
    db_bind_text(s, 6, o->from_name);
    db_bind_text(s, 7, o->subject);
    db_bind_text(s, 8, o->body);
    db_bind_text(s, 9, o->mail_message_id);
    db_bind_text(s, 10, o->in_reply_to);
    db_bind_text(s, 11, o->refs);
    db_bind_text(s, 12, o->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_outbox_by_id(db *d, arena *a, long long id, outbox_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " OUTBOX_COLS " FROM outbox WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox query");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ERROR) return step_error(d, s, e);
    if (rc == DB_ROW) read_row(s, a, out);
    db_done(s);
    return rc == DB_ROW ? 1 : 0;
}

int store_outbox_list(db *d, arena *a, long long ticket_id, outbox_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " OUTBOX_COLS " FROM outbox WHERE ?1 = 0 OR ticket_id = ?1 ORDER BY id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox list");
    db_bind_int(s, 1, ticket_id);
    return read_rows(d, s, a, out, n, e);
}

int store_outbox_recent(db *d, arena *a, const char *state, long long before_id, int limit, outbox_rec **out, int *n,
                        herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " OUTBOX_COLS " FROM outbox WHERE (?1 IS NULL OR state = ?1) AND (?2 = 0 OR id < ?2)"
                            " ORDER BY id DESC LIMIT ?3");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox list");
    db_bind_text(s, 1, state);
    db_bind_int(s, 2, before_id);
    db_bind_int(s, 3, limit);
    return read_rows(d, s, a, out, n, e);
}

/* the Message-IDs of a ticket's mail, both ways, oldest first; *in_latest: the
 * customer's latest (not automatic) email, NULL if none */
int store_outbox_thread_ids(db *d, arena *a, long long ticket_id, const char ***ids, int *n, const char **in_latest,
                            herr *e)
{
    /* in the order of the ticket messages they carry (an acknowledgement right after the
     * customer's message it acknowledges) */
    db_stmt *s = db_prep(d, "SELECT message_id, coalesce(msg_id, 0) AS msg, 0 AS k, id, auto FROM mail_messages"
                            " WHERE ticket_id = ?1 AND message_id NOT LIKE '%@heed.invalid'" /* made up for mail without one */
                            " UNION ALL SELECT mail_message_id, message_id, 1, id, kind <> 'reply' FROM outbox"
                            " WHERE ticket_id = ?1 ORDER BY msg, k, id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare thread query");
    db_bind_int(s, 1, ticket_id);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    *in_latest = NULL;
    while ((rc = db_step(s)) == DB_ROW) {
        const char **slot = arena_push(a, ids, n, &cap, sizeof **ids);
        *slot = arena_strdup(a, db_col_text(s, 0));
        if (db_col_int(s, 2) == 0 && db_col_int(s, 4) == 0) *in_latest = *slot;
    }
    if (rc == DB_ERROR) return step_error(d, s, e);
    db_done(s);
    return 0;
}

int store_outbox_auto_count(db *d, const char *to_addr, const char *since, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT count(*) FROM outbox WHERE kind IN ('ack','notice') AND to_addr = ? AND created_at > ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox count");
    db_bind_text(s, 1, to_addr);
    db_bind_text(s, 2, since);
    if (db_step(s) != DB_ROW) return step_error(d, s, e);
    *n = (int)db_col_int(s, 0);
    db_done(s);
    return 0;
}

int store_outbox_count_state(db *d, const char *state, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT count(*) FROM outbox WHERE state = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox count");
    db_bind_text(s, 1, state);
    if (db_step(s) != DB_ROW) return step_error(d, s, e);
    *n = (int)db_col_int(s, 0);
    db_done(s);
    return 0;
}

/* queued (or sending under a lease that ran out: the caller checked) -> sending with a new
 * lease; 1 when this caller got it */
int store_outbox_claim(db *d, long long id, const char *lease_until, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1"
                            " WHERE id = ? AND state IN ('queued','sending')");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox claim");
    db_bind_text(s, 1, lease_until);
    db_bind_int(s, 2, id);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1 ? 1 : 0;
}

/* sending -> state (sent | queued | failed); 1 when the row was still ours: still sending
 * under the claim that counted `attempts` and set `lease_until` (a fencing token: a sender
 * whose lease ran out and was claimed again, or whose row was cancelled and resent (which
 * starts attempts again), cannot overwrite the newer claim's outcome) */
int store_outbox_finish(db *d, long long id, int attempts, const char *lease_until, const char *state,
                        const char *next_attempt_at, const char *last_error, const char *sent_at, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE outbox SET state = ?, next_attempt_at = coalesce(?, next_attempt_at),"
                            " last_error = ?, sent_at = ?, lease_until = NULL"
                            " WHERE id = ? AND state = 'sending' AND attempts = ? AND lease_until IS ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox update");
    db_bind_text(s, 1, state);
    db_bind_text(s, 2, next_attempt_at);
    db_bind_text(s, 3, last_error);
    db_bind_text(s, 4, sent_at);
    db_bind_int(s, 5, id);
    db_bind_int(s, 6, attempts);
    db_bind_text(s, 7, lease_until);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1 ? 1 : 0;
}

/* queued rows that entered the queue at or before `cutoff`: past their expiry */
int store_outbox_expired(db *d, arena *a, const char *cutoff, int limit, outbox_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT " OUTBOX_COLS " FROM outbox WHERE state = 'queued' AND queued_at <= ? ORDER BY id LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox expiry");
    db_bind_text(s, 1, cutoff);
    db_bind_int(s, 2, limit);
    return read_rows(d, s, a, out, n, e);
}

/* one row's UPDATE with ?1 its id and ?2 a text; 1 when the row changed */
static int update_one(db *d, const char *sql, long long id, const char *text, herr *e)
{
    db_stmt *s = db_prep(d, sql);
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox update");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, text);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1 ? 1 : 0;
}

/* queued -> failed (expired); 1 when it was still queued */
int store_outbox_give_up(db *d, long long id, const char *last_error, herr *e)
{
    return update_one(d, "UPDATE outbox SET state = 'failed', last_error = ?2 WHERE id = ?1 AND state = 'queued'", id,
                      last_error, e);
}

/* -> cancelled, from queued, or from sending whose lease ran out before `now` (its sender
 * is gone; were it to come back, store_outbox_finish's fence refuses it). 1 when done. */
int store_outbox_cancel(db *d, long long id, const char *now, herr *e)
{
    return update_one(d, "UPDATE outbox SET state = 'cancelled', lease_until = NULL WHERE id = ?1"
                         " AND (state = 'queued' OR (state = 'sending' AND lease_until < ?2))", id, now, e);
}

/* failed | cancelled -> queued, due now, attempts and expiry counted afresh; 1 when done */
int store_outbox_requeue(db *d, long long id, const char *now, herr *e)
{
    return update_one(d, "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?2, queued_at = ?2,"
                         " lease_until = NULL, last_error = NULL, sent_at = NULL"
                         " WHERE id = ?1 AND state IN ('failed','cancelled')", id, now, e);
}

/* a failed row to the customer's address now (corrected since it failed); 1 when changed */
int store_outbox_readdress(db *d, long long id, const char *to_addr, const char *to_name, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE outbox SET to_addr = ?2, to_name = ?3 WHERE id = ?1 AND state = 'failed'");
    if (!s) return HERR_INTERNAL(e, "cannot prepare outbox update");
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, to_addr);
    db_bind_text(s, 3, to_name);
    if (db_exec_stmt(s, e)) return -1;
    return db_changes(d) == 1 ? 1 : 0;
}
