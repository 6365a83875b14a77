#ifndef HEED_SVC_HANDOFFS_H
#define HEED_SVC_HANDOFFS_H
/* service: warm hand-offs and availability (svc_handoffs.c). A ticket has one accountable
 * owner until it is solved. Handing it to someone else is a request with a note that says
 * something (what was tried, what was promised, how the customer feels); the receiver is
 * notified and accepts or declines with a reason; until accepted the old owner still owns
 * it. On accept the customer is told, in one short personal line, who looks after them now.
 * A ticket handed off three times is flagged to the supervisor: passed around. */
#include "service/service.h"
#include "store/records_promises.h"

enum { HANDOFF_NOTE_MIN = 20, HANDOFF_NOTE_MAX = 4000, HANDOFF_REASON_MIN = 5, HANDOFF_PASSED_AROUND = 3 };

/* the owner (or, on an unowned ticket, any agent; or a supervisor or admin) asks agent `to` */
int svc_handoff_request(svc *s, long long ticket_id, long long to, const char *note, handoff_rec *out, herr *e);
/* the receiver only (403 for anyone else); 409 when no longer pending */
int svc_handoff_accept(svc *s, long long id, handoff_rec *out, herr *e);
int svc_handoff_decline(svc *s, long long id, const char *reason, handoff_rec *out, herr *e);
/* the one who asked, a supervisor or an admin */
int svc_handoff_cancel(svc *s, long long id, handoff_rec *out, herr *e);
/* ticket_id / to_id 0 = any; state NULL = any */
int svc_handoffs(svc *s, long long ticket_id, long long to_id, const char *state, handoff_rec **out, int *n, herr *e);
/* the ticket's pending hand-off: 1 found, 0 none */
int svc_handoff_pending(svc *s, long long ticket_id, handoff_rec *out, herr *e);
/* the signed-in agent is in (available) or away */
int svc_agent_set_available(svc *s, bool available, agent_rec *out, herr *e);

#endif
