/* The change feed. See svc_feed.h. */
#include <stdio.h>
#include <string.h>
#include "service/svc_feed.h"
#include "store/store.h"
#include "util/json_out.h"

int svc_feed_start(svc *s, feed_cursor *c, herr *e)
{
    memset(c, 0, sizeof *c);
    svc_now_iso(s, c->tickets_since);
    return store_feed_heads(s->db, &c->last_message, &c->last_notification, e);
}

static bool seen_at_since(const feed_cursor *c, long long id, long long version)
{
    for (int i = 0; i < c->nseen; i++)
        if (c->seen[i].id == id && c->seen[i].version == version) return true;
    return false;
}

static void remember(feed_cursor *c, const feed_ticket *t)
{
    if (strcmp(t->updated_at, c->tickets_since)) { /* a later second: start its list */
        snprintf(c->tickets_since, sizeof c->tickets_since, "%s", t->updated_at);
        c->nseen = 0;
    }
    if (c->nseen < FEED_SAME_SECOND) c->seen[c->nseen].id = t->id, c->seen[c->nseen].version = t->version, c->nseen++;
}

static feed_event *push(svc *s, feed_event **out, int *n, int *cap, const char *kind, long long ticket_id,
                        long long agent_id, buf *json)
{
    feed_event *ev = arena_push(s->a, out, n, cap, sizeof **out);
    *ev = (feed_event){.kind = kind, .ticket_id = ticket_id, .agent_id = agent_id,
                       .data = arena_strndup(s->a, json->p, json->len)};
    json->len = 0;
    return ev;
}

int svc_feed_next(svc *s, feed_cursor *c, feed_event **out, int *n, bool *more, herr *e)
{
    *out = NULL;
    *n = 0;
    *more = false;
    feed_ticket *t;
    feed_message *m;
    notification_rec *x;
    int nt, nm, nx, cap = 0;
    if (store_feed_messages(s->db, s->a, c->last_message, FEED_BATCH, &m, &nm, e) ||
        store_feed_tickets(s->db, s->a, c->tickets_since, FEED_BATCH, &t, &nt, e) ||
        store_feed_notifications(s->db, s->a, c->last_notification, FEED_BATCH, &x, &nx, e))
        return -1;
    *more = nm == FEED_BATCH || nt == FEED_BATCH || nx == FEED_BATCH;
    buf b;
    buf_init(&b, 256);
    jw j;
    /* messages first: a client that hears of a reply and of its ticket's change in one
     * batch fetches the ticket once, already with the message */
    for (int i = 0; i < nm; i++) {
        jw_init(&j, &b);
        jw_obj(&j);
        jw_kint(&j, "ticket_id", m[i].ticket_id);
        jw_kint(&j, "message_id", m[i].id);
        jw_kstr(&j, "kind", m[i].kind);
        if (m[i].author_agent_id) jw_kint(&j, "author_agent_id", m[i].author_agent_id);
        jw_end_obj(&j);
        push(s, out, n, &cap, "message.created", m[i].ticket_id, 0, &b);
        c->last_message = m[i].id;
    }
    int fresh = 0;
    for (int i = 0; i < nt; i++) {
        if (!strcmp(t[i].updated_at, c->tickets_since) && seen_at_since(c, t[i].id, t[i].version)) continue;
        fresh++;
        jw_init(&j, &b);
        jw_obj(&j);
        jw_kint(&j, "ticket_id", t[i].id);
        jw_kint(&j, "version", t[i].version);
        jw_kstr(&j, "status", t[i].status);
        jw_kid(&j, "owner_id", t[i].owner_id);
        jw_kstr(&j, "updated_at", t[i].updated_at);
        jw_end_obj(&j);
        push(s, out, n, &cap, "ticket.updated", t[i].id, 0, &b);
        remember(c, &t[i]);
    }
    if (nt == FEED_BATCH && !fresh) { /* more than a batch changed in one second, all seen: move on */
        time_t at;
        if (time_parse_iso(c->tickets_since, &at)) time_iso(at + 1, c->tickets_since);
        c->nseen = 0;
    }
    for (int i = 0; i < nx; i++) {
        jw_init(&j, &b);
        jw_obj(&j);
        jw_kint(&j, "id", x[i].id);
        jw_kid(&j, "ticket_id", x[i].ticket_id);
        jw_kstr(&j, "kind", x[i].kind);
        jw_kstr(&j, "title", x[i].title);
        jw_kstr(&j, "url", x[i].url);
        jw_end_obj(&j);
        push(s, out, n, &cap, "notification", x[i].ticket_id, x[i].agent_id, &b);
        c->last_notification = x[i].id;
    }
    buf_free(&b);
    return 0;
}
