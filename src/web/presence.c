/* Presence: see presence.h. A small table under one lock; changes become events. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "service/service.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "web/events.h"
#include "web/presence.h"

/* one of the agent's open pages on the ticket that named itself, and when it is taken as gone */
struct page {
    char id[PRESENCE_PAGE]; /* "" for a free slot */
    time_t until;
};

static struct entry {
    long long ticket_id, agent_id;
    char name[PRESENCE_NAME];
    struct page pages[PRESENCE_PAGES]; /* two tabs, or a reload's old and new page */
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

/* page says hello: its slot is kept alive, or it takes a free, lapsed or the oldest slot */
static void page_hello(struct entry *e, const char *page, time_t now)
{
    struct page *slot = NULL;
    for (int i = 0; i < PRESENCE_PAGES && !slot; i++)
        if (!strcmp(e->pages[i].id, page)) slot = &e->pages[i];
    for (int i = 0; i < PRESENCE_PAGES && !slot; i++)
        if (!e->pages[i].id[0] || e->pages[i].until <= now) slot = &e->pages[i];
    if (!slot) {
        slot = &e->pages[0];
        for (int i = 1; i < PRESENCE_PAGES; i++)
            if (e->pages[i].until < slot->until) slot = &e->pages[i];
    }
    snprintf(slot->id, sizeof slot->id, "%s", page);
    slot->until = now + PRESENCE_TTL;
}

/* page says goodbye: true if none of the agent's pages on the ticket is left open */
static bool page_goodbye(struct entry *e, const char *page, time_t now)
{
    bool open = false;
    for (int i = 0; i < PRESENCE_PAGES; i++) {
        struct page *p = &e->pages[i];
        if (p->id[0] && !strcmp(p->id, page)) p->id[0] = '\0';
        open |= p->id[0] && p->until > now;
    }
    return !open;
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
        /* one page's goodbye while another of the agent's pages is open (a second tab, or a
         * reload whose new page said hello first) is not the agent leaving; an unnamed client's is */
        if (at >= 0 && (!*page || page_goodbye(&table[at], page, now))) {
            struct entry gone = table[at];
            table[at] = table[--used];
            tell(&gone, "left");
        }
    } else if (at >= 0) {
        table[at].until = now + PRESENCE_TTL;
        if (*page) page_hello(&table[at], page, now);
        if (strcmp(table[at].state, st)) {
            table[at].state = st;
            tell(&table[at], st);
        }
    } else if (used < PRESENCE_MAX) {
        struct entry *e = &table[used++];
        *e = (struct entry){.ticket_id = ticket_id, .agent_id = a->id, .state = st, .until = now + PRESENCE_TTL};
        snprintf(e->name, sizeof e->name, "%s", a->name ? a->name : "");
        if (*page) page_hello(e, page, now);
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
