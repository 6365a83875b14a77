/* Presence: see presence.h. A small table under one lock; changes become events. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "service/service.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "web/events.h"
#include "web/presence.h"

static struct entry {
    long long ticket_id, agent_id;
    char name[PRESENCE_NAME];
    char page[PRESENCE_PAGE]; /* the latest page to say it, "" when unnamed */
    const char *state;
    time_t until;
} table[PRESENCE_MAX];
static int used;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool presence_state_valid(const char *state)
{
    return state && (!strcmp(state, "viewing") || !strcmp(state, "typing") || !strcmp(state, "left"));
}

/* the event for one entry's new state (lock held: events_publish takes the hub's lock after) */
static void tell(const struct entry *e, const char *state)
{
    buf b;
    buf_init(&b, 128);
    jw j;
    jw_init(&j, &b);
    jw_obj(&j);
    jw_kint(&j, "ticket_id", e->ticket_id);
    jw_kint(&j, "agent_id", e->agent_id);
    jw_kstr(&j, "name", e->name);
    jw_kstr(&j, "state", state);
    jw_end_obj(&j);
    buf_putc(&b, '\0');
    events_publish("presence", 0, b.p);
    buf_free(&b);
}

bool presence_page_valid(const char *page)
{
    size_t n = page ? strlen(page) : 0;
    if (n == 0 || n >= PRESENCE_PAGE) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)page[i];
        if (!(c == '-' || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return true;
}

void presence_set(long long ticket_id, const agent_rec *a, const char *state, const char *page)
{
    if (!page) page = "";
    time_t now = svc_clock();
    bool left = !strcmp(state, "left");
    const char *st = !strcmp(state, "typing") ? "typing" : "viewing";
    pthread_mutex_lock(&lock);
    int at = -1;
    for (int i = 0; i < used && at < 0; i++)
        if (table[i].ticket_id == ticket_id && table[i].agent_id == a->id) at = i;
    if (left) {
        /* an older page's goodbye, arriving after its successor's hello, is not the agent leaving */
        bool stale = at >= 0 && *page && table[at].page[0] && strcmp(table[at].page, page);
        if (at >= 0 && !stale) {
            struct entry gone = table[at];
            table[at] = table[--used];
            tell(&gone, "left");
        }
    } else if (at >= 0) {
        table[at].until = now + PRESENCE_TTL;
        if (*page) snprintf(table[at].page, sizeof table[at].page, "%s", page);
        if (strcmp(table[at].state, st)) {
            table[at].state = st;
            tell(&table[at], st);
        }
    } else if (used < PRESENCE_MAX) {
        struct entry *e = &table[used++];
        *e = (struct entry){.ticket_id = ticket_id, .agent_id = a->id, .state = st, .until = now + PRESENCE_TTL};
        snprintf(e->name, sizeof e->name, "%s", a->name ? a->name : "");
        snprintf(e->page, sizeof e->page, "%s", page);
        tell(e, st);
    }
    pthread_mutex_unlock(&lock);
}

int presence_list(long long ticket_id, presence_view *out, int max)
{
    int n = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < used && n < max; i++)
        if (!ticket_id || table[i].ticket_id == ticket_id) {
            out[n] = (presence_view){.ticket_id = table[i].ticket_id, .agent_id = table[i].agent_id, .state = table[i].state};
            memcpy(out[n].name, table[i].name, sizeof out[n].name);
            n++;
        }
    pthread_mutex_unlock(&lock);
    return n;
}

int presence_others(long long agent_id, long long *ids, int max)
{
    int n = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < used && n < max; i++)
        if (table[i].agent_id != agent_id) ids[n++] = table[i].ticket_id;
    pthread_mutex_unlock(&lock);
    return n;
}

void presence_expire(void)
{
    time_t now = svc_clock();
    pthread_mutex_lock(&lock);
    for (int i = 0; i < used;)
        if (table[i].until <= now) {
            struct entry gone = table[i];
            table[i] = table[--used];
            tell(&gone, "left");
        } else {
            i++;
        }
    pthread_mutex_unlock(&lock);
}
