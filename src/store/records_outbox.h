#ifndef HEED_RECORDS_OUTBOX_H
#define HEED_RECORDS_OUTBOX_H
/* Row type for outbound mail (store_outbox.c fills it, svc_outbox.c reasons on it,
 * src/jobs/outbox_worker.c composes and sends it). Strings live in the caller's arena. */

/* one email heed is sending: a public reply, an automatic acknowledgement, or an automatic
 * notice (an attachment over the size limit was not kept) */
typedef struct outbox_rec {
    long long id, ticket_id;
    long long message_id;          /* the ticket message: the reply, or the customer message acknowledged */
    const char *kind;              /* reply | ack | notice (ack, notice: automatic, Auto-Submitted: auto-replied) */
    const char *to_addr, *to_name; /* to_name may be NULL */
    const char *from_name;         /* the agent's name for replies; NULL for automatic mail */
    const char *subject, *body;    /* subject already carries the ticket token "[#123]" */
    const char *mail_message_id;   /* the Message-ID header, without <> (signed, stable across retries) */
    const char *in_reply_to;       /* NULL or one id without <> */
    const char *refs;              /* NULL or ids without <> separated by spaces, oldest first */
    const char *state;             /* queued | sending | sent | failed | cancelled (by an admin) */
    int attempts;                  /* since it last entered the queue (queued_at) */
    const char *next_attempt_at, *lease_until, *last_error, *sent_at, *created_at;
    const struct job_rec *job;     /* while sending: the mail job that claimed it (svc_outbox_take) */
    const char *queued_at;         /* created_at, or when an admin last resent it: expiry counts from here */
} outbox_rec;

#endif
