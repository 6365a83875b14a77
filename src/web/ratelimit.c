/* A small fixed table of recent failures, keyed by client address ("a:...") and
 * by account ("e:" and the email in lower case). When it is full the oldest entry
 * is replaced, so memory stays bounded under attack. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "web/ratelimit.h"

enum { SLOTS = 1024, KEY_LEN = 136 };
static struct slot {
    char key[KEY_LEN];
    time_t window_start;
    int failures;
} slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void make_key(char out[KEY_LEN], char kind, const char *v)
{
    snprintf(out, KEY_LEN, "%c:%s", kind, v ? v : "");
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
}

/* the slot of key, its window restarted if it has passed; NULL if absent and !create.
 * A new key takes the oldest slot other than keep. */
static struct slot *find(const char *key, bool create, time_t now, const struct slot *keep)
{
    struct slot *oldest = keep == &slots[0] ? &slots[1] : &slots[0], *s = NULL;
    for (int i = 0; i < SLOTS && !s; i++) {
        if (!strcmp(slots[i].key, key)) s = &slots[i];
        else if (&slots[i] != keep && slots[i].window_start < oldest->window_start) oldest = &slots[i];
    }
    if (!s) {
        if (!create) return NULL;
        s = oldest;
        memset(s, 0, sizeof *s);
        memcpy(s->key, key, KEY_LEN);
        s->window_start = now;
    }
    if (now - s->window_start >= LOGIN_WINDOW_SECONDS) {
        s->window_start = now;
        s->failures = 0;
    }
    return s;
}

bool ratelimit_login_begin(const char *client, const char *account)
{
    char ka[KEY_LEN], ke[KEY_LEN];
    make_key(ka, 'a', client);
    make_key(ke, 'e', account);
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    struct slot *a = find(ka, true, now, NULL), *e = find(ke, true, now, a);
    bool ok = a->failures < LOGIN_FAILURES_MAX && e->failures < LOGIN_FAILURES_MAX;
    if (ok) { /* checked and counted in one step: the attempt is a failure until it succeeds */
        a->failures++;
        e->failures++;
    }
    pthread_mutex_unlock(&lock);
    return ok;
}

void ratelimit_login_end(const char *client, const char *account, bool succeeded)
{
    if (!succeeded) return; /* already counted by ratelimit_login_begin */
    char ka[KEY_LEN], ke[KEY_LEN];
    make_key(ka, 'a', client);
    make_key(ke, 'e', account);
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    struct slot *a = find(ka, false, now, NULL), *e = find(ke, false, now, NULL);
    if (a && a->failures > 0) a->failures--; /* only this attempt's own reservation */
    if (e) e->failures = 0;                  /* the account that just proved its password */
    pthread_mutex_unlock(&lock);
}

void ratelimit_reset(void)
{
    pthread_mutex_lock(&lock);
    memset(slots, 0, sizeof slots);
    pthread_mutex_unlock(&lock);
}
