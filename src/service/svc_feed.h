#ifndef HEED_SVC_FEED_H
#define HEED_SVC_FEED_H
/* service: the change feed behind live updates (svc_feed.c). A cursor remembers the last
 * message and notification seen and the newest ticket change; each call returns what
 * happened since, as events for GET /api/v1/events: ticket.updated, message.created and
 * notification (the last for its agent only). It reads the tables, so changes made by any
 * process appear; nothing is written on any write path for it. */
#include "service/service.h"
#include "util/timeutil.h"

/* Tickets changed in one second beyond FEED_BATCH, all reported, move the cursor to the
 * next second: a bulk change of more than FEED_BATCH tickets in a second may go unreported
 * for some (clients that need certainty reload a list). */
enum { FEED_BATCH = 500, FEED_SAME_SECOND = FEED_BATCH };

typedef struct feed_cursor {
    long long last_message, last_notification;
    char tickets_since[ISO_LEN]; /* updated_at of the newest ticket change reported */
    /* the changes reported at that second (times have seconds: later ones in it come again) */
    struct { long long id, version; } seen[FEED_SAME_SECOND];
    int nseen;
} feed_cursor;

typedef struct feed_event {
    const char *kind;   /* ticket.updated | message.created | notification (static) */
    long long ticket_id; /* 0: none */
    long long agent_id; /* notification: the one agent it is for; else 0, everyone signed in */
    const char *data;   /* its JSON object */
} feed_event;

/* a cursor at now: only later changes will be reported */
int svc_feed_start(svc *s, feed_cursor *c, herr *e);
/* the changes since *c, oldest first (at most FEED_BATCH of each kind; call again while
 * *more), in s->a; moves *c past them */
int svc_feed_next(svc *s, feed_cursor *c, feed_event **out, int *n, bool *more, herr *e);

#endif
