/* The one ingest path (mail-ingest on a pipe now, mail-fetch over IMAP later):
 * parse, file through svc_mail_receive, and quarantine whatever cannot be filed,
 * so that a message is never lost. Only a failing database makes the sender retry. */
#include <stdio.h>
#include "mail/mail.h"
#include "util/log.h"

/* the attachment spool next to the database; without one, attachments are skipped */
static const char *spool(svc *s)
{
    herr e;
    const char *dir = svc_mail_spool_dir(s, &e);
    if (!dir) log_infof("mail attachments are not kept: %s", e.message);
    return dir;
}

int mail_ingest(db *d, const char *raw, size_t n, bool truncated, const char *mailbox, mail_result *out, herr *e)
{
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    mail_in m;
    herr pe;
    int rc;
    const char *reason;
    const char *message_id = NULL;
    if (truncated) {
        reason = arena_printf(&a, "message larger than %d bytes: only its beginning is kept", MAIL_MAX_BYTES);
    } else if (mail_parse_files(raw, n, spool(&s), &a, &m, &pe) == 0) {
        m.mailbox = mailbox;
        int got = svc_mail_receive(&s, &m, out, e);
        mail_attachments_cleanup(&m); /* what was filed has been moved away */
        if (got == 0) {
            rc = 0;
            goto done;
        }
        if (e->status >= 500) { /* the database, not the mail: let the MTA retry */
            rc = -1;
            goto done;
        }
        message_id = m.message_id;
        reason = arena_printf(&a, "cannot be filed: %s", e->message);
    } else {
        reason = arena_strdup(&a, pe.message);
    }
    rc = svc_mail_quarantine(&s, raw, n, reason, mailbox, message_id, out, e);
    if (rc == 0) log_infof("mail quarantined (%zu bytes, id %lld): %s", n, out->quarantine_id, reason);
done:
    arena_free(&a);
    return rc;
}

int mail_retry_quarantined(db *d, long long quarantine_id, const agent_rec *actor, mail_result *out, herr *e)
{
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a, .actor = actor};
    mail_quarantine_rec q;
    mail_in m;
    herr pe;
    int rc = -1;
    int found = svc_mail_quarantine_get(&s, quarantine_id, &q, e);
    if (found <= 0) {
        if (found == 0) herr_set(e, 404, "not_found", "", "no such quarantined message");
        goto done;
    }
    if (mail_parse_files(q.raw, q.size, spool(&s), &a, &m, &pe)) {
        *e = pe;
        goto done;
    }
    m.mailbox = q.mailbox;
    int got = svc_mail_receive(&s, &m, out, e);
    mail_attachments_cleanup(&m);
    if (got) goto done;
    rc = svc_mail_quarantine_resolve(&s, quarantine_id, out->ticket_id, e);
done:
    arena_free(&a);
    return rc;
}
