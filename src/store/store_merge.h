#ifndef HEED_STORE_MERGE_H
#define HEED_STORE_MERGE_H
/* SQL for merging tickets (store_merge.c). Included by store.h. See service/svc_merge.h. */
#include "store/db.h"
#include "util/arena.h"

typedef struct merge_rec {
    long long id, source_id, target_id, agent_id;
    const char *status_before, *created_at, *undone_at;
} merge_rec;

/* moves source's messages, their files, its email threading and promises to target, each
 * marked merged_from = source; copies its search rows; marks source merged_into target */
int store_merge_move(db *d, long long source, long long target, herr *e);
/* gives back what store_merge_move moved; source's merged_into cleared */
int store_merge_move_back(db *d, long long source, long long target, herr *e);
int store_merge_insert(db *d, const merge_rec *m, herr *e);
/* the latest merge of source not undone: 1 and *out, or 0 */
int store_merge_latest(db *d, arena *a, long long source, merge_rec *out, herr *e);
/* the merges into target not undone, newest first (the "undo" offers on its page) */
int store_merges_into(db *d, arena *a, long long target, merge_rec **out, int *n, herr *e);
int store_merge_undone(db *d, long long id, const char *now, herr *e);
/* the ticket a merged ticket went into, 0 when none */
int store_ticket_merged_into(db *d, long long id, long long *into, herr *e);
#endif
