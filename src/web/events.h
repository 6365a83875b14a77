#ifndef HEED_EVENTS_H
#define HEED_EVENTS_H
/* Live updates: GET /api/v1/events, Server-Sent Events (events.c). One hub thread reads the
 * change feed (svc_feed.c) when a write here commits (events_nudge) and at least every
 * EVENTS_POLL_MS for other processes' writes, and keeps the latest EVENTS_RING events in a
 * ring. Each stream is a libmicrohttpd response whose reader copies the events after its
 * cursor and suspends the connection when there are none; the hub resumes the waiting ones.
 * No thread and no poll per client: a waiting stream costs its connection and ~100 bytes.
 * A client whose cursor falls out of the ring (it reads too slowly) gets `reset` and its
 * stream ends; it never holds anyone else up. Event ids are "<boot>-<seq>": a Last-Event-ID
 * from this run resumes after it, any other gets `reset` (reload what you show). With no
 * stream open the hub does not read the feed at all (a write costs nothing for live updates);
 * a client that comes back after such a quiet spell gets `reset` too. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { EVENTS_RING = 4096, EVENTS_POLL_MS = 250, EVENTS_HEARTBEAT_DEFAULT = 20 };

struct MHD_Connection;
typedef struct events_stream events_stream;

/* starts the hub on its own connection to db_path; heartbeat_seconds between comment lines
 * on an idle stream (0: the default) */
int events_start(const char *db_path, int heartbeat_seconds);
/* ends every stream and the hub (before the HTTP daemon stops: no connection may stay suspended) */
void events_stop(void);
/* a write committed in this process: read the feed now */
void events_nudge(void);
/* a stream for agent agent_id on connection c, after last_event_id (NULL or "": from now) */
events_stream *events_open(struct MHD_Connection *c, long long agent_id, const char *last_event_id);
/* libmicrohttpd's content reader and its free callback for that stream */
ssize_t events_read(void *cls, uint64_t pos, char *buf, size_t max);
void events_free(void *cls);
/* an event made in this process rather than read from the database (presence): into the
 * ring at once, and the waiting streams resumed; agent_only 0 = everyone; json is copied */
void events_publish(const char *kind, long long agent_only, const char *json);
#endif
