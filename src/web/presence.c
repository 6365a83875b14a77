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

void presence_set(long long ticket_id, const agent_rec *a, const char *state)
{
    time_t now = svc_clock();
    bool left = !strcmp(state, "left");
    const char *st = !strcmp(state, "typing") ? "typing" : "viewing";
    pthread_mutex_lock(&lock);
    int at = -1;
    for (int i = 0; i < used && at < 0; i++)
        if (table[i].ticket_id == ticket_id && table[i].agent_id == a->id) at = i;
    if (left) {
        if (at >= 0) {
            struct entry gone = table[at];
            table[at] = table[--used];
            tell(&gone, "left");
        }
    } else if (at >= 0) {
        table[at].until = now + PRESENCE_TTL;
        if (strcmp(table[at].state, st)) {
            table[at].state = st;
            tell(&table[at], st);
        }
    } else if (used < PRESENCE_MAX) {
        struct entry *e = &table[used++];
        *e = (struct entry){.ticket_id = ticket_id, .agent_id = a->id, .state = st, .until = now + PRESENCE_TTL};
        snprintf(e->name, sizeof e->name, "%s", a->name ? a->name : "");
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
