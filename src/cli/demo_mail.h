#ifndef HEED_DEMO_MAIL_H
#define HEED_DEMO_MAIL_H
#include "store/db.h"
#include "store/records.h"
#include "util/err.h"
/* files the demo's emails (a thread with quoted history and an attachment, an
 * HTML-only Outlook message, an out-of-office reply) into d; then shows the outbox's
 * lifecycle: one email failed, one cancelled by admin */
int demo_mail(db *d, const agent_rec *admin, herr *e);
#endif
