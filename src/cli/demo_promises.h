#ifndef HEED_DEMO_PROMISES_H
#define HEED_DEMO_PROMISES_H
/* heed demo: the promises heed keeps, live at demo time: commitments overdue, due soon and
 * vague; a hand-off waiting for Priya; a ticket passed around three times; a mention */
#include "service/service.h"
/* agents: the demo's agents in its order (ada, sam, alex, priya, jordan) */
int demo_promises(svc *s, const long long *agents, herr *e);
#endif
