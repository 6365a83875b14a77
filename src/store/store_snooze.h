#ifndef HEED_STORE_SNOOZE_H
#define HEED_STORE_SNOOZE_H
/* SQL for snoozes (store_snooze.c). Included by store.h. See service/svc_snooze.h. */
#include "store/db.h"
#include "util/arena.h"

int store_snooze_put(db *d, long long ticket_id, const char *until, long long agent_id, const char *now, herr *e);
/* 1 and *until when the ticket is snoozed */
int store_snooze_get(db *d, arena *a, long long ticket_id, const char **until, herr *e);
/* 1 when there was a snooze to end */
int store_snooze_delete(db *d, long long ticket_id, herr *e);
/* the tickets whose snooze is over, oldest first */
int store_snooze_due(db *d, arena *a, const char *now, int limit, long long **ids, int *n, herr *e);
#endif
