#ifndef HEED_STORE_VIEWS_H
#define HEED_STORE_VIEWS_H
/* SQL for saved views (store_views.c). Included by store.h. See service/svc_views.h. */
#include <stdbool.h>
#include "store/db.h"
#include "util/arena.h"

/* an inbox filter with a name */
typedef struct view_rec {
    long long id, agent_id, team_id;
    const char *name, *owner, *status, *tag, *priority, *channel, *mood; /* NULL: any */
    bool shared;
    int count; /* filled by the service: tickets in it now, at most VIEW_COUNT_CAP */
} view_rec;
int store_view_insert(db *d, view_rec *v, const char *now, herr *e);
int store_view_by_id(db *d, arena *a, long long id, view_rec *out, herr *e);
/* the agent's own views and the shared ones of their team (all shared with no team) */
int store_views_visible(db *d, arena *a, long long agent_id, long long team_id, view_rec **out, int *n, herr *e);
int store_view_delete(db *d, long long id, herr *e);
#endif
