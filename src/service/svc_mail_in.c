/* Email in, beyond filing: what the ticket page shows (display cut, sanitised HTML),
 * attachments (content-addressed files, see store_mail_in.c), and the quarantine
 * admin (view, retry, resolve). svc_mail_file_extras() runs inside svc_mail_receive's
 * transaction. */
#include <stdio.h>
#include <string.h>
#include "service/service.h"
#include "store/store.h"
#include "util/timeutil.h"

static const char *human_size(arena *a, long long n)
{
    if (n >= 1024 * 1024) return arena_printf(a, "%.1f MiB", (double)n / (1024.0 * 1024.0));
    if (n >= 1024) return arena_printf(a, "%.0f KiB", (double)n / 1024.0);
    return arena_printf(a, "%lld bytes", n);
}

int svc_mail_file_extras(svc *s, const mail_in *m, long long mail_id, long long ticket_id, long long msg_id,
                         const char *now, herr *e)
{
    if (m->html && store_mail_set_html(s->db, mail_id, m->html, e)) return -1;
    for (int i = 0; i < m->nattachments; i++) {
        const mail_attach_in *at = &m->attachments[i];
        mail_attachment_rec r = {.ticket_id = ticket_id, .msg_id = msg_id, .filename = at->filename,
                                 .content_type = at->content_type, .size = at->size, .created_at = now};
        if (!at->too_large && at->tmp_path && at->sha256) {
            if (store_blob_put(s->db, s->a, at->tmp_path, at->sha256, e)) return -1;
            r.sha256 = at->sha256;
            r.stored = true;
        }
        long long id;
        if (store_mail_attachment_insert(s->db, &r, &id, e)) return -1;
        if (!r.stored) {
            /* the outbound outbox is not part of this branch: the notice for the customer is an
             * internal note, so the agent can tell them (docs/MAIL.md) */
            const char *note = arena_printf(
                s->a,
                "The attachment \"%s\" (%s) was not stored: it is larger than the %d MiB limit for one "
                "attachment. Please ask the customer to send it another way (a download link, or smaller "
                "files).",
                at->filename, human_size(s->a, at->size), MAIL_ATTACH_MAX / (1024 * 1024));
            message_rec msg = {.ticket_id = ticket_id, .kind = "note", .body = note, .created_at = now};
            long long nid;
            if (store_message_insert(s->db, &msg, &nid, e)) return -1;
            if (store_audit_insert(s->db, now, 0, "ticket", ticket_id, "attachment_too_large", NULL, at->filename, e))
                return -1;
        }
    }
    return 0;
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
    time_iso_now(now);
    if (db_begin(s->db, e)) return -1;
    if (store_mail_quarantine_delete(s->db, id, e) ||
        store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "mail_quarantine", id, "retried", NULL,
                           arena_printf(s->a, "ticket %lld", ticket_id), e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
