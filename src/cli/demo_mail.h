#ifndef HEED_DEMO_MAIL_H
#define HEED_DEMO_MAIL_H
#include "store/db.h"
#include "util/err.h"
/* files the demo's emails (a thread with quoted history and an attachment, an
 * HTML-only Outlook message, an out-of-office reply) into d */
int demo_mail(db *d, herr *e);
#endif
