#ifndef HEED_SVC_FOCUS_H
#define HEED_SVC_FOCUS_H
/* service: focus mode (svc_focus.c), "focused attention on each customer in turn". The next
 * ticket for the actor is the most pressing one of their own and the unowned that wait for us
 * (new or open, and the customer spoke last or a promise to them is overdue): an overdue promise
 * first, then an SLA due within FOCUS_SLA_SOON_MINUTES (or past), then the customer's side (the
 * "needs attention" score, svc_attention.h), then the SLA's due time, priority and the longest
 * wait; not one a colleague has open now, nor one the actor skipped in the last
 * FOCUS_SKIP_HOURS. A skip needs a reason, which supervisors see. */
#include "service/service.h"
#include "service/svc_attention.h"
#include "store/store.h"

enum { FOCUS_SKIP_HOURS = 4, FOCUS_REASON_MAX = 500, FOCUS_WHY_MAX = 6, FOCUS_SLA_SOON_MINUTES = 60, FOCUS_CANDIDATES = 200 };

typedef struct focus_pick {
    ticket_rec ticket;
    const char *why[FOCUS_WHY_MAX]; /* in words: "a promise to the customer is overdue", "urgent" */
    int nwhy;
    const char *promise_due, *sla_due; /* the facts behind them (UTC ISO, or NULL), for pages */
    attention attention;                /* the customer's side (score 0 when they are not waiting) */
} focus_pick;

/* 1 and *out, or 0 when nothing waits; busy: tickets a colleague has open (skipped over) */
int svc_focus_next(svc *s, const long long *busy, int nbusy, focus_pick *out, herr *e);
/* the actor skips ticket_id for FOCUS_SKIP_HOURS, saying why (422 reason) */
int svc_focus_skip(svc *s, long long ticket_id, const char *reason, herr *e);
/* supervisors and admins: the skips of the last `days` days, newest first */
int svc_focus_skips(svc *s, int days, focus_skip_rec **out, int *n, herr *e);
#endif
