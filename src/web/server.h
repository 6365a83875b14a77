#ifndef HEED_SERVER_H
#define HEED_SERVER_H
#include <stdbool.h>
#include <stddef.h>

struct server_config {
    const char *db_path;
    const char *host;      /* "127.0.0.1" */
    int port;
    int threads;           /* libmicrohttpd thread pool size */
    size_t max_body;       /* bytes; larger bodies get 413 */
    int timeout_seconds;   /* idle connection timeout */
    int max_conns_per_ip;  /* open connections per client address; 0 = no cap */
    int request_deadline;  /* seconds for a request's whole head and body, however it trickles; 0 = none */
    bool secure_cookies;   /* served over HTTPS (public_url): cookies carry Secure */
    /* background work (the outbox sender), all optional: started once serving, stopped
     * (joined) after the last request, its connections closed after the checkpointer */
    int (*jobs_start)(void *arg);
    void (*jobs_stop)(void *arg);
    void (*jobs_close)(void *arg);
    void *jobs_arg;
    const struct coach_lexicon *coach_lexicon; /* the organisation's, for POST /api/v1/coach; may be NULL */
    const char *default_tz; /* agents' time zone unless they chose one (IANA name); "" or NULL = UTC */
    const char *public_url; /* where people reach heed (https://help.example.com), for links sent out; "" = unknown */
    int events_heartbeat;   /* seconds between heartbeats on an idle event stream; 0 = the default */
};

/* open connections at most: event streams (one per browser tab) and requests together */
enum { CONNECTIONS_MAX = 4096 };

/* Serves until SIGTERM or SIGINT, then finishes requests in flight and returns 0.
 * Returns 1 if it cannot start (port taken, database unusable). */
int server_run(const struct server_config *cfg);

#endif
