#ifndef HEED_SVC_GOODWILL_H
#define HEED_SVC_GOODWILL_H
/* service: the goodwill budget (svc_goodwill.c), the Ritz-Carlton rule. An agent grants a
 * credit, refund, replacement or gift on a ticket; within their limit per ticket and their
 * monthly allowance it is granted at once, no approval; above either it waits for a
 * supervisor, who is notified; nobody approves their own. The month is the calendar month in
 * UTC and refills on the 1st; pending and declined grants do not count against it. heed
 * records the decision; paying it out is the integrator's job (webhook goodwill.*). */
#include "service/service.h"
#include "store/records_goodwill.h"

enum {
    GOODWILL_AGENT_PER_TICKET = 10000, /* 100.00 */
    GOODWILL_AGENT_PER_MONTH = 100000, /* 1,000.00 */
    GOODWILL_REASON_MAX = 1000,
};
#define GOODWILL_AMOUNT_MAX 100000000LL /* 1,000,000.00: a typo guard, not a policy */

/* process-wide, set once at start: the one currency of this heed (goodwill_currency; default USD) */
void svc_goodwill_set_currency(const char *iso4217);
const char *svc_goodwill_currency(void);
bool svc_goodwill_kind_valid(const char *kind);

int svc_goodwill_grant(svc *s, long long ticket_id, const char *kind, long long amount_minor, const char *currency,
                       const char *reason, goodwill_rec *out, herr *e);
/* a supervisor or admin other than the agent who asked; 409 unless pending */
int svc_goodwill_approve(svc *s, long long id, goodwill_rec *out, herr *e);
int svc_goodwill_decline(svc *s, long long id, const char *reason, goodwill_rec *out, herr *e);
/* "12.50 USD": minor units as people read them */
const char *svc_goodwill_money(arena *a, long long minor, const char *currency);
/* "25", "25.5", "25,50" -> 2550 minor units; false for anything else (no floating point on money) */
bool svc_goodwill_parse_money(const char *s, long long *minor);
/* ticket_id / customer_id 0 = any; state NULL = any */
int svc_goodwill_list(svc *s, long long ticket_id, long long customer_id, const char *state, goodwill_rec **out, int *n,
                      herr *e);
/* the limits that apply to an agent (theirs, else their role's, else the defaults); -1 = none */
int svc_goodwill_limits_for(svc *s, const agent_rec *a, goodwill_limit *out, herr *e);
/* admins: exactly one of role / agent_id; -1 = no limit */
int svc_goodwill_set_limits(svc *s, const char *role, long long agent_id, const goodwill_limit *l, herr *e);
/* the actor's allowance this month: limits, spent, remaining (-1 = unlimited) */
int svc_goodwill_allowance(svc *s, goodwill_limit *limits, long long *spent, long long *remaining, herr *e);

#endif
