#ifndef HEED_STORE_MACROS_H
#define HEED_STORE_MACROS_H
/* SQL for macros (store_macros.c): saved replies and their actions. Included by store.h. */
#include <stdbool.h>
#include "store/db.h"
#include "util/arena.h"

typedef struct macro_rec {
    long long id, author_id, team_id; /* team_id 0: the author has no team */
    const char *name, *shortcut, *body, *author_name;
    bool shared;             /* seen by the author's team (everyone, when the author has none) */
    const char *set_status;  /* NULL: leaves the status */
    const char *add_tags;    /* comma list, may be "" */
    bool take;               /* the agent who uses it becomes the owner */
    int uses;
    const char *created_at, *updated_at;
} macro_rec;

/* id 0 inserts (and sets m->id), else updates that row */
int store_macro_save(db *d, macro_rec *m, herr *e);
int store_macro_by_id(db *d, arena *a, long long id, macro_rec *out, herr *e);
/* the macros an agent may use: their own and the shared ones of their team (all shared ones
 * with no team), by name */
int store_macros_visible(db *d, arena *a, long long agent_id, long long team_id, macro_rec **out, int *n, herr *e);
int store_macro_delete(db *d, long long id, herr *e);
int store_macro_used(db *d, long long id, herr *e);
int store_agent_set_after_send(db *d, long long agent_id, const char *after_send, herr *e);
/* "stay" or "next" */
int store_agent_after_send(db *d, arena *a, long long agent_id, const char **out, herr *e);
#endif
