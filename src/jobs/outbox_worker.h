#ifndef HEED_OUTBOX_WORKER_H
#define HEED_OUTBOX_WORKER_H
/* jobs: background work of heed serve. The outbox worker sends queued mail over SMTP:
 * claim a row (svc_outbox_claim), compose it (mail_compose), send it (mail_smtp_send),
 * record the outcome (svc_outbox_finish). Also run once by `heed mail-send-queue`. */
#include <stdbool.h>
#include "mail/mail_out.h"
#include "store/db.h"
#include "util/err.h"

typedef struct outbox_settings {
    smtp_conf smtp;        /* smtp.url "" = sending disabled: mail stays queued */
    const char *mail_from; /* "Support <help@example.com>" or "help@example.com"; "" = support@<domain> */
    const char *mail_domain;
} outbox_settings;

typedef struct outbox_stats {
    int sent, retry, failed, released, expired;
} outbox_stats;

/* expires what waited too long (svc_outbox_sweep, also when sending is off), then sends
 * every row that is due now (at most max), one at a time; 0 or -1 (database) */
int outbox_run_once(db *d, const outbox_settings *o, int max, outbox_stats *st, herr *e);

/* the sending thread of heed serve (with smtp_url empty it only expires queued mail, once
 * a minute): start after db_checkpointer_start; stop joins the
 * thread (an SMTP transfer in flight is aborted and retried later); close_db after
 * db_checkpointer_stop. The settings must outlive the thread. */
int outbox_worker_start(const char *db_path, const outbox_settings *o);
void outbox_worker_stop(void);
void outbox_worker_close_db(void);

#endif
