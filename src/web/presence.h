#ifndef HEED_PRESENCE_H
#define HEED_PRESENCE_H
/* Presence (presence.c): who has a ticket open and who is typing a reply on it, kept in this
 * process's memory only (it is about the last minute; a restart forgets it and the pages say
 * it again within PRESENCE_REFRESH seconds). A page says "viewing" when it opens and every
 * PRESENCE_REFRESH seconds, "typing" while its agent types, "left" when it closes; an entry
 * not refreshed for PRESENCE_TTL seconds (the service clock) is gone. Each change is a
 * `presence` event on every stream (events.h).
 * A page may name itself (a token of its own): then its "left" ends the agent's presence only
 * when none of the agent's other named pages on that ticket is open (up to PRESENCE_PAGES of
 * them: a second tab, or a reload, whose old page's "left" and new page's "viewing" go on two
 * connections and can be served in either order). */
#include <stdbool.h>
#include "store/records.h"

enum { PRESENCE_MAX = 8192, PRESENCE_REFRESH = 20, PRESENCE_TTL = 45, PRESENCE_NAME = 64, PRESENCE_PAGE = 33, PRESENCE_PAGES = 4 };

typedef struct presence_view {
    long long ticket_id, agent_id;
    char name[PRESENCE_NAME];
    const char *state; /* static: viewing | typing */
} presence_view;

/* true if state is viewing, typing or left */
bool presence_state_valid(const char *state);
/* true if page is a usable page token: 1 to PRESENCE_PAGE - 1 letters, digits, '-' or '_' */
bool presence_page_valid(const char *page);
/* agent a says state about ticket ticket_id from page (a token, or NULL for none) */
void presence_set(long long ticket_id, const agent_rec *a, const char *state, const char *page);
/* who is on ticket_id (all of them when 0), at most max into out; how many */
int presence_list(long long ticket_id, presence_view *out, int max);
/* the tickets someone other than agent_id has open, at most max into ids; how many */
int presence_others(long long agent_id, long long *ids, int max);
/* ends the entries past their time, each with a "left" event (the hub calls it every tick) */
void presence_expire(void);
#endif
