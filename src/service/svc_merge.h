#ifndef HEED_SVC_MERGE_H
#define HEED_SVC_MERGE_H
/* service: merging two tickets (svc_merge.c). The source's messages (with their files), its
 * email threading and its promises move to the target, which then holds one thread in time
 * order; its tags are added to the target's; the source is closed and answers with
 * merged_into (its page redirects to the target). Each side gets an audit row. When asked, the
 * customers are told in a public reply: the target's customer on the target, and, when the
 * source was another customer's, that customer on the source. Tickets of two different
 * customers are merged only by a supervisor or an admin. Within MERGE_UNDO_HOURS the merge
 * can be undone: everything moved goes back and the source gets its status again. */
#include "service/service.h"
#include "store/store.h"

enum { MERGE_UNDO_HOURS = 24 };

/* 422 into (itself); 404; 409 already_merged (either one), ticket_closed (the target);
 * 403 two customers' tickets by an agent. *out the target after */
int svc_ticket_merge(svc *s, long long source, long long into, bool notify, ticket_rec *out, herr *e);
/* 409 not_merged, too_late (after MERGE_UNDO_HOURS), 404. *out the source after */
int svc_ticket_unmerge(svc *s, long long source, ticket_rec *out, herr *e);
/* the ticket a merged ticket went into (0: not merged) */
int svc_ticket_merged_into(svc *s, long long id, long long *into, herr *e);
/* the merges into target that can still be undone, newest first */
int svc_merges_into(svc *s, long long target, merge_rec **out, int *n, herr *e);
#endif
