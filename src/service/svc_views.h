#ifndef HEED_SVC_VIEWS_H
#define HEED_SVC_VIEWS_H
/* service: saved views and bulk actions on the inbox's lists (svc_views.c).
 * A view is an inbox filter with a name (owner: mine, unassigned or all; status, tag, priority,
 * channel, mood), an agent's own or shared with their team, listed with how many tickets are
 * in it now (counted up to VIEW_COUNT_CAP). A bulk action applies one change (owner, status,
 * a tag, or a merge into the first ticket) to up to BULK_MAX tickets, each on its own, and says
 * for each whether it was done or why not. */
#include "service/service.h"
#include "store/store.h"

enum { VIEW_NAME_MAX = 60, VIEW_COUNT_CAP = 1000, BULK_MAX = 100 };

/* 422 name, owner, status, tag, priority, channel, mood */
int svc_view_save(svc *s, const view_rec *in, view_rec *out, herr *e);
/* the actor's views and their team's shared ones, each with its count */
int svc_views(svc *s, view_rec **out, int *n, herr *e);
/* the author, a supervisor or an admin (403); 404 */
int svc_view_delete(svc *s, long long id, herr *e);
/* the inbox filter of a view for the actor (owner "mine" is them) */
int svc_view_filter(svc *s, const view_rec *v, ticket_filter *out, herr *e);

typedef struct bulk_in {
    const long long *ids;
    int n;
    bool set_owner;
    long long owner_id; /* 0: nobody */
    const char *status; /* NULL: unchanged */
    const char *add_tag; /* NULL: none */
    bool merge;         /* all into the first id */
} bulk_in;
typedef struct bulk_result {
    long long id;
    bool ok;
    const char *error; /* why not, when !ok */
} bulk_result;
/* 422 ids (none, too many), or nothing to do; otherwise 0 and one result per id */
int svc_bulk(svc *s, const bulk_in *in, bulk_result **out, herr *e);
#endif
