/* The request deadline's bookkeeping and reaper (conn_guard.h). Each open connection has an
 * entry, kept in libmicrohttpd's socket context and in one list the reaper walks. One mutex
 * guards the list; an entry is unlinked in the CLOSED notification, which libmicrohttpd
 * sends before it closes the socket, so the reaper never shuts down a reused descriptor. */
#include "web/conn_guard.h"
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include "util/log.h"

struct guard {
    struct guard *prev, *next;
    int fd;
    double deadline; /* monotonic seconds; 0 while a request is being answered */
    bool extended;   /* conn_guard_expect_body has added its time */
    bool cut;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct guard head = {&head, &head, -1, 0, false, false};
static int deadline_s;
static bool running;
static pthread_t reaper;
static unsigned long cut_count;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct guard *guard_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void conn_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode code)
{
    if (!deadline_s) return;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        struct guard *g = calloc(1, sizeof *g);
        if (!g) return; /* this connection goes without a deadline; the idle timeout still holds */
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        g->fd = ci ? ci->connect_fd : -1;
        pthread_mutex_lock(&lock);
        g->deadline = now_s() + deadline_s;
        g->next = head.next;
        g->prev = &head;
        head.next->prev = g;
        head.next = g;
        pthread_mutex_unlock(&lock);
        *socket_context = g;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        struct guard *g = *socket_context;
        pthread_mutex_lock(&lock);
        g->prev->next = g->next;
        g->next->prev = g->prev;
        pthread_mutex_unlock(&lock);
        free(g);
        *socket_context = NULL;
    }
}

void conn_guard_expect_body(struct MHD_Connection *c, unsigned long long bytes)
{
    struct guard *g = deadline_s ? guard_of(c) : NULL;
    if (!g) return;
    pthread_mutex_lock(&lock);
    if (!g->extended && g->deadline > 0) g->deadline += (double)bytes / CONN_GUARD_MIN_RATE;
    g->extended = true;
    pthread_mutex_unlock(&lock);
}

void conn_guard_arrived(struct MHD_Connection *c)
{
    struct guard *g = deadline_s ? guard_of(c) : NULL;
    if (!g) return;
    pthread_mutex_lock(&lock);
    g->deadline = 0;
    pthread_mutex_unlock(&lock);
}

void conn_guard_answered(struct MHD_Connection *c)
{
    struct guard *g = deadline_s ? guard_of(c) : NULL;
    if (!g) return;
    pthread_mutex_lock(&lock);
    g->deadline = now_s() + deadline_s;
    g->extended = false;
    pthread_mutex_unlock(&lock);
}

static void *reap(void *unused)
{
    pthread_mutex_lock(&lock);
    while (running) {
        double t = now_s();
        for (struct guard *g = head.next; g != &head; g = g->next) {
            if (g->cut || g->deadline <= 0 || t < g->deadline || g->fd < 0) continue;
            shutdown(g->fd, SHUT_RDWR); /* libmicrohttpd sees the end and closes it itself */
            g->cut = true;
            cut_count++;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&wake, &lock, &until);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int conn_guard_start(int deadline_seconds)
{
    deadline_s = deadline_seconds;
    if (deadline_s <= 0) return 0;
    running = true;
    if (pthread_create(&reaper, NULL, reap, NULL)) {
        running = false;
        deadline_s = 0;
        return -1;
    }
    return 0;
}

void conn_guard_stop(void)
{
    if (!running) return;
    pthread_mutex_lock(&lock);
    running = false;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(reaper, NULL);
    if (cut_count) log_infof("request deadline: %lu connection(s) cut", cut_count);
}

