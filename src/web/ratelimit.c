/* A small fixed table of recent failures, keyed by client address. When it is
 * full the oldest entry is replaced, so memory stays bounded under attack. */
#include <pthread.h>
#include <string.h>
#include <time.h>
#include "web/ratelimit.h"

enum { SLOTS = 1024 };
static struct slot {
    char client[64];
    time_t window_start;
    int failures;
} slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct slot *find(const char *client, bool create)
{
    struct slot *oldest = &slots[0];
    for (int i = 0; i < SLOTS; i++) {
        if (!strcmp(slots[i].client, client)) return &slots[i];
        if (slots[i].window_start < oldest->window_start) oldest = &slots[i];
    }
    if (!create) return NULL;
    memset(oldest, 0, sizeof *oldest);
    strncpy(oldest->client, client, sizeof oldest->client - 1);
    oldest->window_start = time(NULL);
    return oldest;
}

bool ratelimit_login_blocked(const char *client)
{
    pthread_mutex_lock(&lock);
    struct slot *s = find(client, false);
    bool blocked = s && time(NULL) - s->window_start < LOGIN_WINDOW_SECONDS && s->failures >= LOGIN_FAILURES_MAX;
    pthread_mutex_unlock(&lock);
    return blocked;
}

void ratelimit_login_failed(const char *client)
{
    pthread_mutex_lock(&lock);
    struct slot *s = find(client, true);
    if (time(NULL) - s->window_start >= LOGIN_WINDOW_SECONDS) {
        s->window_start = time(NULL);
        s->failures = 0;
    }
    s->failures++;
    pthread_mutex_unlock(&lock);
}

void ratelimit_login_succeeded(const char *client)
{
    pthread_mutex_lock(&lock);
    struct slot *s = find(client, false);
    if (s) memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&lock);
}
