/* SQL and files for email in, beyond filing (migration 4): the display and HTML
 * renditions the ticket page shows, attachments' rows (their bytes: store_blobs.c), and the
 * quarantine admin. */
#include <stdio.h>
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

int store_mail_set_html(db *d, long long mail_id, const char *html, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE mail_messages SET html = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail html update");
    db_bind_text(s, 1, html);
    db_bind_int(s, 2, mail_id);
    return db_exec_stmt(s, e);
}

int store_mail_views(db *d, arena *a, long long ticket_id, mail_view_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT msg_id, display, html, auth, auto FROM mail_messages WHERE ticket_id = ?"
                            " AND msg_id IS NOT NULL AND direction = 'in' ORDER BY id");
    if (!s) return HERR_INTERNAL(e, "cannot prepare mail views");
    db_bind_int(s, 1, ticket_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        mail_view_rec *v = arena_push(a, out, n, &cap, sizeof **out);
        v->msg_id = db_col_int(s, 0);
        v->display = dup_or_null(a, s, 1);
        v->html = dup_or_null(a, s, 2);
        v->auth = arena_strdup(a, db_col_text(s, 3));
        v->is_auto = db_col_int(s, 4) != 0;
    }
    if (rc == DB_ERROR) return step_error(d, s, e);
    db_done(s);
    return 0;
}

int store_mail_attachment_insert(db *d, const mail_attachment_rec *r, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO mail_attachments (ticket_id, msg_id, filename, content_type, size, sha256,"
                            " stored, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attachment insert");
    db_bind_int(s, 1, r->ticket_id);
    db_bind_int(s, 2, r->msg_id);
    db_bind_text(s, 3, r->filename);
    db_bind_text(s, 4, r->content_type);
    db_bind_int(s, 5, r->size);
    db_bind_text(s, 6, r->sha256);
    db_bind_int(s, 7, r->stored ? 1 : 0);
    db_bind_text(s, 8, r->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

static void read_attachment(arena *a, db_stmt *s, mail_attachment_rec *r)
{
    *r = (mail_attachment_rec){
        .id = db_col_int(s, 0),
        .ticket_id = db_col_int(s, 1),
        .msg_id = db_col_int(s, 2),
        .filename = arena_strdup(a, db_col_text(s, 3)),
        .content_type = arena_strdup(a, db_col_text(s, 4)),
        .size = db_col_int(s, 5),
        .sha256 = dup_or_null(a, s, 6),
        .stored = db_col_int(s, 7) != 0,
        .created_at = arena_strdup(a, db_col_text(s, 8)),
    };
}

static int attachment_list(db *d, arena *a, db_stmt *s, long long key, mail_attachment_rec **out, int *n, herr *e)
{
    if (!s) return HERR_INTERNAL(e, "cannot prepare attachment list");
    db_bind_int(s, 1, key);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) read_attachment(a, s, arena_push(a, out, n, &cap, sizeof **out));
    if (rc == DB_ERROR) return step_error(d, s, e);
    db_done(s);
    return 0;
}

int store_mail_attachment_list(db *d, arena *a, long long ticket_id, mail_attachment_rec **out, int *n, herr *e)
{
    return attachment_list(d, a, db_prep(d, "SELECT id, ticket_id, msg_id, filename, content_type, size, sha256, stored,"
                                            " created_at FROM mail_attachments WHERE ticket_id = ? ORDER BY msg_id, id"),
                           ticket_id, out, n, e);
}

int store_mail_attachment_list_msg(db *d, arena *a, long long msg_id, mail_attachment_rec **out, int *n, herr *e)
{
    return attachment_list(d, a, db_prep(d, "SELECT id, ticket_id, msg_id, filename, content_type, size, sha256, stored,"
                                            " created_at FROM mail_attachments WHERE msg_id = ? ORDER BY id"),
                           msg_id, out, n, e);
}

int store_mail_attachment_get(db *d, arena *a, long long id, mail_attachment_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, ticket_id, msg_id, filename, content_type, size, sha256, stored, created_at"
                            " FROM mail_attachments WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attachment query");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ERROR) return step_error(d, s, e);
    if (rc == DB_ROW) read_attachment(a, s, out);
    db_done(s);
    return rc == DB_ROW ? 1 : 0;
}

int store_mail_quarantine_get(db *d, arena *a, long long id, mail_quarantine_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, raw, size, reason, mailbox, message_id, received_at FROM mail_quarantine"
                            " WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare quarantine query");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ERROR) return step_error(d, s, e);
    if (rc == DB_ROW) {
        int len = db_col_len(s, 1);
        const char *raw = db_col_text(s, 1);
        char *copy = arena_alloc(a, (size_t)len + 1);
        memcpy(copy, raw, (size_t)len);
        copy[len] = 0;
        *out = (mail_quarantine_rec){
            .id = db_col_int(s, 0),
            .raw = copy,
            .size = (size_t)len,
            .reason = arena_strdup(a, db_col_text(s, 3)),
            .mailbox = dup_or_null(a, s, 4),
            .message_id = dup_or_null(a, s, 5),
            .received_at = arena_strdup(a, db_col_text(s, 6)),
        };
    }
    db_done(s);
    return rc == DB_ROW ? 1 : 0;
}

int store_mail_quarantine_delete(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM mail_quarantine WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare quarantine delete");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e);
}
