#ifndef HEED_RECORDS_MAIL_H
#define HEED_RECORDS_MAIL_H
/* Row types for email (store_mail.c fills them, svc_mail.c reasons on them).
 * Strings point into the arena the caller passed to the store function. */
#include <stdbool.h>
#include <stddef.h>

/* one email heed received (direction "in") or sent ("out"), tied to a ticket message */
typedef struct mail_msg_rec {
    long long id, ticket_id, msg_id;
    const char *message_id;  /* without the angle brackets */
    const char *direction;   /* in | out */
    const char *mailbox, *from_email, *from_name, *subject;
    const char *display;     /* quoted history and signature folded away; NULL = same as the body */
    bool is_auto;            /* auto-submitted, bulk, bounce: attached quietly, never answered */
    const char *auto_reason; /* NULL unless is_auto */
    const char *thread_by;   /* new | message-id | reference | subject-token */
    const char *received_at;
    const char *auth;        /* the sender's verdict (svc_mail_auth.h): pass | fail | none | unchecked */
} mail_msg_rec;

/* a message that could not be turned into a ticket message: kept whole */
typedef struct mail_quarantine_rec {
    long long id;
    const char *raw; /* the bytes as received (may hold NULs), size bytes */
    size_t size;
    const char *reason, *mailbox, *message_id, *received_at;
} mail_quarantine_rec;

/* ---- email in: display and attachments (migration 4) ---- */
/* what the ticket page shows of one email instead of the raw body */
typedef struct mail_view_rec {
    long long msg_id;
    const char *display; /* quoted history folded away; NULL = nothing was cut */
    const char *html;    /* sanitised HTML rendition; NULL = text only */
    const char *auth;    /* the sender's verdict: pass | fail | none | unchecked */
    bool is_auto;        /* an automatic reply (out of office, bounce...) */
} mail_view_rec;

/* a file that came with an email; its bytes are <db>.files/<sha256[0:2]>/<sha256[2:]> */
typedef struct mail_attachment_rec {
    long long id, ticket_id, msg_id;
    const char *filename, *content_type;
    long long size;
    const char *sha256; /* hex; NULL when not stored */
    bool stored;        /* false: over the size limit, only listed */
    const char *created_at;
} mail_attachment_rec;

/* what store_blob_backup and store_blob_gc did (bytes: copied, or freed) */
typedef struct blob_stats {
    int copied, linked, present; /* backup: new copies, hard links, already there */
    int removed, young, tmp_removed; /* gc: orphans removed, orphans in their grace period, stale tmp/ files */
    long long bytes;
} blob_stats;

#endif
