/* Live updates over Server-Sent Events. See events.h. */
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "service/svc_feed.h"
#include "store/db.h"
#include "util/log.h"
#include "web/events.h"
#include "web/presence.h"

typedef struct ring_event {
    long long seq;       /* 0: empty slot */
    const char *kind;    /* static */
    long long agent_id;  /* notification: its agent; else 0 */
    char *data;          /* JSON, owned */
} ring_event;

struct events_stream {
    struct MHD_Connection *conn;
    long long agent_id;
    long long cursor;    /* the last seq this stream has passed */
    bool suspended;      /* waiting for the hub to resume it */
    bool ended;          /* the next read ends the stream */
    bool greeted;        /* the retry line is out */
    bool reset;          /* owes the client a reset event */
    time_t last_write;
    events_stream *prev, *next;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running, stop, nudged;
    bool idle;            /* no stream open: the feed is not read (writes cost nothing for it) */
    int heartbeat;
    unsigned boot;        /* this run's part of event ids */
    long long head;       /* the newest seq (0: none yet) */
    ring_event ring[EVENTS_RING];
    events_stream *streams;
    int nstreams;
    db *d;
} hub = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

void events_nudge(void)
{
    if (!hub.running || !__atomic_load_n(&hub.nstreams, __ATOMIC_RELAXED)) return; /* nobody listens */
    pthread_mutex_lock(&hub.lock);
    hub.nudged = true;
    pthread_cond_signal(&hub.wake);
    pthread_mutex_unlock(&hub.lock);
}

/* the oldest seq still in the ring (lock held) */
static long long oldest(void) { return hub.head >= EVENTS_RING ? hub.head - EVENTS_RING + 1 : 1; }

/* appends the feed's events to the ring (lock held) */
static void publish(const feed_event *ev, int n)
{
    for (int i = 0; i < n; i++) {
        ring_event *slot = &hub.ring[(hub.head + 1) % EVENTS_RING];
        free(slot->data);
        *slot = (ring_event){.seq = ++hub.head, .kind = ev[i].kind, .agent_id = ev[i].agent_id, .data = strdup(ev[i].data)};
        if (!slot->data) slot->data = NULL, slot->kind = NULL; /* out of memory: an empty slot the readers skip */
    }
}

/* Resumes the waiting streams that have something to write: events after their cursor, a
 * heartbeat due (beat) or their end. They are taken off the waiting list in one pass under
 * the lock and resumed after it is let go: a suspended connection cannot end meanwhile, and
 * a stream that has just written and waits again is not resumed twice. */
static void resume_waiting(bool beat)
{
    pthread_mutex_lock(&hub.lock);
    struct MHD_Connection **conns = malloc(sizeof *conns * (size_t)(hub.nstreams > 0 ? hub.nstreams : 1));
    int n = 0;
    for (events_stream *s = hub.streams; s && conns; s = s->next)
        if (s->suspended && (beat || s->ended || s->cursor < hub.head)) {
            s->suspended = false;
            conns[n++] = s->conn;
        }
    pthread_mutex_unlock(&hub.lock);
    for (int i = 0; i < n; i++) MHD_resume_connection(conns[i]);
    free(conns);
}

void events_publish(const char *kind, long long agent_only, const char *json)
{
    if (!hub.running) return;
    feed_event ev = {.kind = kind, .agent_id = agent_only, .data = json};
    pthread_mutex_lock(&hub.lock);
    publish(&ev, 1);
    pthread_mutex_unlock(&hub.lock);
    resume_waiting(false);
}

static void *hub_main(void *arg)
{
    (void)arg;
    arena a;
    arena_init(&a);
    svc s = {.db = hub.d, .a = &a};
    feed_cursor *cur = calloc(1, sizeof *cur);
    herr e;
    if (!cur || svc_feed_start(&s, cur, &e)) log_errorf("events: %s", cur ? e.message : "out of memory");
    time_t last_beat = time(NULL);
    pthread_mutex_lock(&hub.lock);
    while (!hub.stop && cur) {
        if (!hub.nudged) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += EVENTS_POLL_MS * 1000000L;
            until.tv_sec += until.tv_nsec / 1000000000L;
            until.tv_nsec %= 1000000000L;
            pthread_cond_timedwait(&hub.wake, &hub.lock, &until);
        }
        hub.nudged = false;
        if (hub.stop) break;
        bool was_idle = hub.idle;
        hub.idle = hub.nstreams == 0;
        pthread_mutex_unlock(&hub.lock);
        if (hub.idle) { /* nobody listens: no reading, only presence kept tidy */
            presence_expire();
            pthread_mutex_lock(&hub.lock);
            continue;
        }
        /* the first stream after a quiet spell: read from now (streams that come back from
         * before it were told to reset by events_open) */
        if (was_idle && svc_feed_start(&s, cur, &e)) log_errorf("events: %s", e.message);
        int published = 0;
        bool more = true;
        for (int round = 0; more && round < 20; round++) { /* read outside the lock: streams keep reading */
            feed_event *ev;
            int n;
            if (svc_feed_next(&s, cur, &ev, &n, &more, &e)) {
                log_errorf("events: %s", e.message);
                break;
            }
            pthread_mutex_lock(&hub.lock);
            publish(ev, n);
            pthread_mutex_unlock(&hub.lock);
            published += n;
            arena_reset(&a);
        }
        presence_expire(); /* agents whose page stopped saying it is open: "left" */
        time_t now = time(NULL);
        bool beat = now - last_beat >= hub.heartbeat;
        if (beat) last_beat = now;
        if (published || beat) resume_waiting(beat);
        pthread_mutex_lock(&hub.lock);
    }
    pthread_mutex_unlock(&hub.lock);
    free(cur);
    arena_free(&a);
    return NULL;
}

int events_start(const char *db_path, int heartbeat_seconds)
{
    herr e;
    if (db_open(db_path, &hub.d, &e)) {
        log_errorf("events: %s", e.message);
        return -1;
    }
    hub.heartbeat = heartbeat_seconds > 0 ? heartbeat_seconds : EVENTS_HEARTBEAT_DEFAULT;
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    hub.boot = (unsigned)(t.tv_sec ^ (t.tv_nsec >> 10)) & 0xffffffu;
    hub.stop = false;
    if (pthread_create(&hub.thread, NULL, hub_main, NULL)) {
        db_close(hub.d);
        hub.d = NULL;
        log_errorf("events: cannot start the hub thread");
        return -1;
    }
    hub.running = true;
    return 0;
}

void events_stop(void)
{
    if (!hub.running) return;
    pthread_mutex_lock(&hub.lock);
    hub.stop = true;
    for (events_stream *s = hub.streams; s; s = s->next) s->ended = true;
    pthread_cond_signal(&hub.wake);
    pthread_mutex_unlock(&hub.lock);
    pthread_join(hub.thread, NULL);
    hub.running = false;
    resume_waiting(true); /* each reads once more, sees it has ended, and finishes */
    db_close(hub.d);
    hub.d = NULL;
}

/* "<boot hex>-<seq>" of this run: the seq; else -1 */
static long long parse_id(const char *id)
{
    unsigned boot;
    long long seq;
    int used = 0;
    if (!id || sscanf(id, "%x-%lld%n", &boot, &seq, &used) != 2 || id[used] || boot != hub.boot || seq < 0) return -1;
    return seq;
}

events_stream *events_open(struct MHD_Connection *c, long long agent_id, const char *last_event_id)
{
    events_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->conn = c;
    s->agent_id = agent_id;
    s->last_write = time(NULL);
    /* idle between heartbeats is normal here; a client that stops reading still times out */
    MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)(hub.heartbeat * 3 + 5));
    pthread_mutex_lock(&hub.lock);
    s->ended = hub.stop || !hub.running; /* shutting down: it ends at once */
    long long seq = last_event_id && *last_event_id ? parse_id(last_event_id) : hub.head;
    bool gap = hub.idle && last_event_id && *last_event_id; /* changes while nobody listened were not read */
    if (gap || seq < 0 || seq > hub.head || (seq < oldest() - 1 && hub.head)) { /* another run's id, too old, or a gap */
        s->reset = true;
        seq = hub.head;
    }
    s->cursor = seq;
    s->next = hub.streams;
    if (hub.streams) hub.streams->prev = s;
    hub.streams = s;
    __atomic_add_fetch(&hub.nstreams, 1, __ATOMIC_RELAXED);
    hub.nudged = true; /* an idle hub starts reading now */
    pthread_cond_signal(&hub.wake);
    pthread_mutex_unlock(&hub.lock);
    return s;
}

void events_free(void *cls)
{
    events_stream *s = cls;
    pthread_mutex_lock(&hub.lock);
    if (s->prev) s->prev->next = s->next;
    else hub.streams = s->next;
    if (s->next) s->next->prev = s->prev;
    __atomic_sub_fetch(&hub.nstreams, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&hub.lock);
    free(s);
}

/* appends text to out if it fits; false if not */
static bool put(char *out, size_t max, size_t *len, const char *text, size_t n)
{
    if (*len + n > max) return false;
    memcpy(out + *len, text, n);
    *len += n;
    return true;
}

ssize_t events_read(void *cls, uint64_t pos, char *out, size_t max)
{
    (void)pos;
    events_stream *s = cls;
    char line[160];
    size_t len = 0;
    pthread_mutex_lock(&hub.lock);
    if (s->ended) {
        pthread_mutex_unlock(&hub.lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (!s->greeted) s->greeted = put(out, max, &len, "retry: 3000\n\n", 13);
    if (s->cursor < oldest() - 1) { /* too slow: the events it missed are gone */
        s->reset = true;
        s->ended = true;
        s->cursor = hub.head;
    }
    if (s->reset) {
        int k = snprintf(line, sizeof line, "id: %x-%lld\nevent: reset\ndata: {}\n\n", hub.boot, s->cursor);
        if (put(out, max, &len, line, (size_t)k)) s->reset = false;
    }
    while (!s->ended && s->cursor < hub.head) {
        const ring_event *ev = &hub.ring[(s->cursor + 1) % EVENTS_RING];
        if (ev->kind && (!ev->agent_id || ev->agent_id == s->agent_id)) {
            int k = snprintf(line, sizeof line, "id: %x-%lld\nevent: %s\ndata: ", hub.boot, ev->seq, ev->kind);
            size_t dlen = strlen(ev->data);
            if (len + (size_t)k + dlen + 2 > max) break; /* the next read takes it */
            put(out, max, &len, line, (size_t)k);
            put(out, max, &len, ev->data, dlen);
            put(out, max, &len, "\n\n", 2);
        }
        s->cursor++;
    }
    time_t now = time(NULL);
    if (!len && !s->ended && now - s->last_write >= hub.heartbeat) put(out, max, &len, ": heartbeat\n\n", 13);
    if (len) {
        s->last_write = now;
        pthread_mutex_unlock(&hub.lock);
        return (ssize_t)len;
    }
    if (s->ended) {
        pthread_mutex_unlock(&hub.lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    /* nothing to say: wait, suspended, until the hub has news or a heartbeat is due */
    s->suspended = true;
    MHD_suspend_connection(s->conn);
    pthread_mutex_unlock(&hub.lock);
    return 0;
}
