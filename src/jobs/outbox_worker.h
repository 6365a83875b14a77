#ifndef HEED_OUTBOX_WORKER_H
#define HEED_OUTBOX_WORKER_H
/* jobs: outbound mail, the first client of the jobs mechanism (jobs.h). The handler of
 * OUTBOX_JOB takes its row (svc_outbox_take), composes it (mail_compose), sends it
 * (mail_smtp_send) and records the outcome (svc_outbox_finish). Also run once by
 * `heed mail-send-queue`. */
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

/* heed serve: registers the mail job's handler with src/jobs/ (when smtp_url is set) and the
 * expiry sweep (once a minute, sending or not). The settings are copied. */
void outbox_jobs_register(const outbox_settings *o);

#endif
