/* Email in, beyond filing: what the ticket page shows (display cut, sanitised HTML),
 * attachments (content-addressed files, see store_mail_in.c), and the quarantine
 * admin (view, retry, resolve). svc_mail_file_extras() runs inside svc_mail_receive's
 * transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "service/service.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/timeutil.h"

static const char *human_size(arena *a, long long n)
{
    if (n >= 1024 * 1024) return arena_printf(a, "%.1f MiB", (double)n / (1024.0 * 1024.0));
    if (n >= 1024) return arena_printf(a, "%.0f KiB", (double)n / 1024.0);
    return arena_printf(a, "%lld bytes", n);
}

/* the sanitiser's cid: marks (MAIL_CID_MARK k") become the URLs of the attachments just
 * filed (ids[k]; 0 when not stored: the image is left out) */
static const char *inline_images(svc *s, const char *html, const long long *ids, int n)
{
    if (!strstr(html, MAIL_CID_MARK)) return html;
    buf b;
    buf_init(&b, strlen(html) + 64);
    size_t mark = strlen(MAIL_CID_MARK);
    for (const char *p = html, *q; *p; p = q) {
        q = strstr(p, MAIL_CID_MARK);
        if (!q) {
            buf_puts(&b, p);
            break;
        }
        buf_put(&b, p, (size_t)(q - p));
        char *end;
        long k = strtol(q + mark, &end, 10);
        const char *close = strchr(end, '>');
        if (*end != '"' || !close) { /* cannot happen: the sanitiser wrote it */
            buf_puts(&b, q);
            break;
        }
        if (k >= 0 && k < n && ids[k])
            buf_printf(&b, "<img src=\"/attachments/%lld/inline\"%.*s", ids[k], (int)(close + 1 - (end + 1)), end + 1);
        q = close + 1;
    }
    const char *r = arena_strndup(s->a, b.p, b.len);
    buf_free(&b);
    return r;
}

int svc_mail_file_extras(svc *s, const mail_in *m, long long mail_id, long long ticket_id, long long msg_id,
                         const char *now, herr *e)
{
    long long *ids = arena_alloc(s->a, sizeof *ids * (size_t)(m->nattachments ? m->nattachments : 1));
    buf dropped; /* the attachments over the limit: "name" (size), ... */
    buf_init(&dropped, 128);
    int rc = -1;
    for (int i = 0; i < m->nattachments; i++) {
        const mail_attach_in *at = &m->attachments[i];
        mail_attachment_rec r = {.ticket_id = ticket_id, .msg_id = msg_id, .filename = at->filename,
                                 .content_type = at->content_type, .size = at->size, .created_at = now};
        if (!at->too_large && at->tmp_path && at->sha256) {
            if (store_blob_put(s->db, s->a, at->tmp_path, at->sha256, e)) goto done;
            r.sha256 = at->sha256;
            r.stored = true;
        }
        long long id;
        if (store_mail_attachment_insert(s->db, &r, &id, e)) goto done;
        ids[i] = r.stored ? id : 0;
        if (!r.stored) {
            if (dropped.len) buf_puts(&dropped, ", ");
            buf_puts(&dropped, arena_printf(s->a, "\"%s\" (%s)", at->filename, human_size(s->a, at->size)));
            if (store_audit_insert(s->db, now, 0, "ticket", ticket_id, "attachment_too_large", NULL, at->filename, e))
                goto done;
        }
    }
    if (dropped.len) {
        /* an internal note for the agents, and (through the outbox, in this transaction)
         * an automatic notice for the customer, unless the mail was automatic or the cap is reached */
        const char *what = arena_printf(s->a, "%s, larger than the %d MiB limit for one attachment", dropped.p,
                                        MAIL_ATTACH_MAX / (1024 * 1024));
        message_rec note = {.ticket_id = ticket_id, .kind = "note", .created_at = now};
        note.body = arena_printf(s->a, "Not stored: %s.", what);
        long long nid;
        if (store_message_insert(s->db, &note, &nid, e)) goto done;
        bool mailed = false;
        if (!m->is_auto && svc_outbox_queue_notice(s, ticket_id, nid, what, now, &mailed, e)) goto done;
        const char *tail = mailed ? " The customer is told so by an automatic email."
                                  : " The customer was not emailed (automatic mail, heed's own address, or the hourly "
                                    "cap on automatic mail): please ask them to send it another way (a download "
                                    "link, or smaller files).";
        if (store_message_set_body(s->db, nid, arena_printf(s->a, "%s%s", note.body, tail), e)) goto done;
    }
    /* the HTML rendition last: its inline images need the attachments' ids */
    if (m->html && store_mail_set_html(s->db, mail_id, inline_images(s, m->html, ids, m->nattachments), e)) goto done;
    rc = 0;
done:
    buf_free(&dropped);
    return rc;
}

const char *svc_mail_spool_dir(svc *s, herr *e)
{
    const char *dir = store_blob_dir(s->db, s->a, e);
    return dir ? arena_printf(s->a, "%s/tmp", dir) : NULL;
}

int svc_mail_views(svc *s, long long ticket_id, mail_view_rec **out, int *n, herr *e)
{
    return store_mail_views(s->db, s->a, ticket_id, out, n, e);
}

int svc_mail_attachments(svc *s, long long ticket_id, mail_attachment_rec **out, int *n, herr *e)
{
    return store_mail_attachment_list(s->db, s->a, ticket_id, out, n, e);
}

int svc_mail_attachment_get(svc *s, long long id, mail_attachment_rec *out, const char **path, herr *e)
{
    int found = store_mail_attachment_get(s->db, s->a, id, out, e);
    if (found <= 0) return found;
    if (!out->stored) return 0;
    *path = store_blob_path(s->db, s->a, out->sha256);
    return *path ? 1 : 0;
}

int svc_mail_quarantine_get(svc *s, long long id, mail_quarantine_rec *out, herr *e)
{
    return store_mail_quarantine_get(s->db, s->a, id, out, e);
}

int svc_mail_quarantine_resolve(svc *s, long long id, long long ticket_id, herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_mail_quarantine_delete(s->db, id, e) ||
        store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "mail_quarantine", id, "retried", NULL,
                           arena_printf(s->a, "ticket %lld", ticket_id), e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_mail_files_backup(svc *s, const char *dest_db, blob_stats *st, herr *e)
{
    return store_blob_backup(s->db, s->a, dest_db, st, e);
}

int svc_mail_files_gc(svc *s, long long grace_seconds, bool dry_run, blob_stats *st, herr *e)
{
    if (grace_seconds < MAIL_FILES_GRACE_MIN)
        return HERR_INVALID(e, "grace", "the grace period must be at least %d seconds: an ingest in flight keeps its "
                                        "files that long", (int)MAIL_FILES_GRACE_MIN);
    return store_blob_gc(s->db, s->a, grace_seconds, dry_run, st, e);
}
