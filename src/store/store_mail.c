/* SQL for email: settings, received/sent mail, loop-protection flags, quarantine. */
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

int store_setting_get(db *d, arena *a, const char *key, const char **value, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT value FROM settings WHERE key = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare settings query");
    db_bind_text(s, 1, key);
    int rc = db_step(s);
    if (rc == DB_ERROR) return step_error(d, s, e);
    if (rc == DB_ROW) *value = arena_strdup(a, db_col_text(s, 0));
    db_done(s);
    return rc == DB_ROW ? 1 : 0;
}

int store_setting_insert_if_absent(db *d, const char *key, const char *value, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING");
    if (!s) return HERR_INTERNAL(e, "cannot prepare settings insert");
    db_bind_text(s, 1, key);
    db_bind_text(s, 2, value);
    return db_exec_stmt(s, e);
}

int store_mail_message_insert(db *d, const mail_msg_rec *m, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO mail_messages (message_id, ticket_id, msg_id, direction, mailbox, from_email,"
                            " from_name, subject, display, auto, auto_reason, thread_by, received_at, auth)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail insert");
    db_bind_text(s, 1, m->message_id);
    db_bind_int(s, 2, m->ticket_id);
    if (m->msg_id > 0) db_bind_int(s, 3, m->msg_id);
    else db_bind_null(s, 3);
    db_bind_text(s, 4, m->direction);
    db_bind_text(s, 5, m->mailbox);
    db_bind_text(s, 6, m->from_email);
    db_bind_text(s, 7, m->from_name);
    db_bind_text(s, 8, m->subject);
    db_bind_text(s, 9, m->display);
    db_bind_int(s, 10, m->is_auto ? 1 : 0);
    db_bind_text(s, 11, m->auto_reason);
    db_bind_text(s, 12, m->thread_by);
    db_bind_text(s, 13, m->received_at);
    db_bind_text(s, 14, m->auth ? m->auth : "unchecked");
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_mail_message_by_message_id(db *d, arena *a, const char *message_id, mail_msg_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, message_id, ticket_id, msg_id, direction, mailbox, from_email, from_name,"
                            " subject, display, auto, auto_reason, thread_by, received_at, auth"
                            " FROM mail_messages WHERE message_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail query");
    db_bind_text(s, 1, message_id);
    int rc = db_step(s);
    if (rc == DB_ERROR) return step_error(d, s, e);
    if (rc == DB_ROW) {
        *out = (mail_msg_rec){
            .id = db_col_int(s, 0),
            .message_id = arena_strdup(a, db_col_text(s, 1)),
            .ticket_id = db_col_int(s, 2),
            .msg_id = db_col_int(s, 3),
            .direction = arena_strdup(a, db_col_text(s, 4)),
            .mailbox = dup_or_null(a, s, 5),
            .from_email = arena_strdup(a, db_col_text(s, 6)),
            .from_name = dup_or_null(a, s, 7),
            .subject = arena_strdup(a, db_col_text(s, 8)),
            .display = dup_or_null(a, s, 9),
            .is_auto = db_col_int(s, 10) != 0,
            .auto_reason = dup_or_null(a, s, 11),
            .thread_by = arena_strdup(a, db_col_text(s, 12)),
            .received_at = arena_strdup(a, db_col_text(s, 13)),
            .auth = arena_strdup(a, db_col_text(s, 14)),
        };
    }
    db_done(s);
    return rc == DB_ROW ? 1 : 0;
}

int store_mail_message_count(db *d, long long *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT count(*) FROM mail_messages");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail count");
    if (db_step(s) != DB_ROW) return step_error(d, s, e);
    *n = db_col_int(s, 0);
    db_done(s);
    return 0;
}

int store_mail_ticket_set_no_autoreply(db *d, long long ticket_id, const char *reason, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO mail_tickets (ticket_id, no_autoreply, reason, updated_at) VALUES (?, 1, ?, ?)"
                            " ON CONFLICT (ticket_id) DO UPDATE SET no_autoreply = 1, reason = excluded.reason,"
                            " updated_at = excluded.updated_at");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail ticket flag");
    db_bind_int(s, 1, ticket_id);
    db_bind_text(s, 2, reason);
    db_bind_text(s, 3, now);
    return db_exec_stmt(s, e);
}

int store_mail_ticket_no_autoreply(db *d, long long ticket_id, bool *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT no_autoreply FROM mail_tickets WHERE ticket_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail ticket query");
    db_bind_int(s, 1, ticket_id);
    int rc = db_step(s);
    if (rc == DB_ERROR) return step_error(d, s, e);
    *out = rc == DB_ROW && db_col_int(s, 0) != 0;
    db_done(s);
    return 0;
}

/* The raw bytes are bound as text with an explicit length (NULs and invalid
 * UTF-8 included) and stored as a BLOB by the CAST, byte for byte. */
int store_mail_quarantine_insert(db *d, const char *raw, size_t n, const char *reason, const char *mailbox,
                                 const char *message_id, const char *now, long long *id, herr *e)
{
    if (n > 0x7fffffff) return HERR_INTERNAL(e, "quarantined message too large");
    db_stmt *s = db_prep(d, "INSERT INTO mail_quarantine (raw, size, reason, mailbox, message_id, received_at)"
                            " VALUES (CAST(? AS BLOB), ?, ?, ?, ?, ?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare quarantine insert");
    db_bind_textn(s, 1, n ? raw : "", (int)n);
    db_bind_int(s, 2, (long long)n);
    db_bind_text(s, 3, reason);
    db_bind_text(s, 4, mailbox);
    db_bind_text(s, 5, message_id);
    db_bind_text(s, 6, now);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_mail_quarantine_list(db *d, arena *a, mail_quarantine_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, raw, size, reason, mailbox, message_id, received_at FROM mail_quarantine"
                            " ORDER BY received_at DESC, id DESC LIMIT 200");
    if (!s) return HERR_INTERNAL(e, "cannot prepare quarantine list");
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        mail_quarantine_rec *q = arena_push(a, out, n, &cap, sizeof **out);
        q->id = db_col_int(s, 0);
        const char *raw = db_col_text(s, 1);
        int len = db_col_len(s, 1);
        char *copy = arena_alloc(a, (size_t)len + 1);
        memcpy(copy, raw, (size_t)len);
        q->raw = copy;
        q->size = (size_t)len;
        q->reason = arena_strdup(a, db_col_text(s, 3));
        q->mailbox = dup_or_null(a, s, 4);
        q->message_id = dup_or_null(a, s, 5);
        q->received_at = arena_strdup(a, db_col_text(s, 6));
    }
    if (rc == DB_ERROR) return step_error(d, s, e);
    db_done(s);
    return 0;
}
