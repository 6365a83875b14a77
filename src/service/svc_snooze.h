#ifndef HEED_SVC_SNOOZE_H
#define HEED_SVC_SNOOZE_H
/* service: snooze (svc_snooze.c). An agent puts a ticket on hold until a time, at most
 * SNOOZE_MAX_DAYS ahead; it comes back (status open, its owner told) when the time comes or at
 * once when the customer writes. A snoozed ticket is on hold: out of focus mode and of the
 * "needs attention" list until it comes back. */
#include "service/service.h"

enum { SNOOZE_MAX_DAYS = 90, SNOOZE_SWEEP_SECONDS = 30, SNOOZE_SWEEP_BATCH = 100 };

/* 422 until (not a time, past, too far); 409 ticket_closed / solved */
int svc_ticket_snooze(svc *s, long long id, const char *until, ticket_rec *out, herr *e);
/* ends a snooze now (the agent's "wake"); 404 when it is not snoozed */
int svc_ticket_wake(svc *s, long long id, ticket_rec *out, herr *e);
/* *until (NULL when not snoozed) */
int svc_ticket_snoozed_until(svc *s, long long id, const char **until, herr *e);
/* in the caller's transaction: the customer wrote on t; a snooze ends (t->status set open) */
int svc_snooze_customer_wrote(svc *s, ticket_rec *t, const char *now, herr *e);
/* the snoozes whose time came, up to max, each woken in its own transaction; *n how many */
int svc_snooze_sweep(svc *s, int max, int *n, herr *e);
#endif
