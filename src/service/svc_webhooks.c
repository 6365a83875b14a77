/* Webhooks: subscriptions, events and the record of each delivery. See svc_webhooks.h. */
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "service/svc_jobs.h"
#include "service/svc_webhooks.h"
#include "store/records_promises.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "util/netaddr.h"
#include "util/text.h"
#include "util/timeutil.h"

static atomic_bool allow_private;
/* How many webhooks are active, cached for the write path: with none, an event costs no query.
 * -1: not known yet; reset by create and delete (heed serve is the one process that changes them). */
static atomic_int hooks_known = -1;
static bool no_hooks(svc *s)
{
    int n = atomic_load(&hooks_known);
    if (n < 0) {
        webhook_rec *all;
        herr e;
        if (store_webhook_list(s->db, s->a, true, &all, &n, &e)) return false;
        atomic_store(&hooks_known, n);
    }
    return n == 0;
}
void svc_webhooks_allow_private(bool allow) { atomic_store(&allow_private, allow); }
bool svc_webhooks_private_allowed(void) { return atomic_load(&allow_private); }

static const char *const EVENTS[] = {
    "ticket.created", "ticket.updated", "ticket.solved", "message.created", "commitment.created", "commitment.due",
    "commitment.overdue", "commitment.kept", "sla.at_risk", "sla.breached", "handoff.requested", "handoff.accepted",
    "handoff.declined", "goodwill.granted", "goodwill.pending", "goodwill.approved", "goodwill.declined",
    "incident.updated", NULL};

bool svc_webhook_event_valid(const char *event)
{
    for (int i = 0; EVENTS[i]; i++)
        if (!strcmp(EVENTS[i], event)) return true;
    return false;
}

static bool is_admin(const svc *s) { return s->actor && !strcmp(s->actor->role, "admin"); }

int svc_webhook_url_check(const char *url, herr *e)
{
    size_t len = url ? strlen(url) : 0;
    if (!len) return HERR_INVALID(e, "url", "url is required");
    if (len > WEBHOOK_URL_MAX || !utf8_valid(url, len)) return HERR_INVALID(e, "url", "url is too long or not text");
    const char *rest = !strncmp(url, "https://", 8) ? url + 8 : !strncmp(url, "http://", 7) ? url + 7 : NULL;
    if (!rest) return HERR_INVALID(e, "url", "url must start with http:// or https://");
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
            return HERR_INVALID(e, "url", "url must not contain spaces or quotes");
    /* the host: between the scheme and the first / ? #, without userinfo or port */
    size_t hl = strcspn(rest, "/?#");
    char host[256];
    if (!hl || hl >= sizeof host) return HERR_INVALID(e, "url", "url has no host");
    memcpy(host, rest, hl);
    host[hl] = 0;
    if (strchr(host, '@')) return HERR_INVALID(e, "url", "url must not carry a user name or password");
    char *h = host;
    if (*h == '[') { /* [::1]:8080 */
        char *end = strchr(h, ']');
        if (!end) return HERR_INVALID(e, "url", "url has a broken IPv6 address");
        *end = 0;
        h++;
    } else {
        char *colon = strrchr(h, ':');
        if (colon) *colon = 0;
    }
    if (!*h) return HERR_INVALID(e, "url", "url has no host");
    if (svc_webhooks_private_allowed()) return 0;
    if (!strcasecmp(h, "localhost") || netaddr_text_is_private(h))
        return HERR_INVALID(e, "url", "url points to a loopback or private address (%s); the operator can allow it with "
                                      "webhook_allow_private = true",
                            h);
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    if (getaddrinfo(h, NULL, &hints, &res)) return 0; /* not resolvable now: checked again at each delivery */
    int bad = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) bad |= netaddr_is_private(ai->ai_addr);
    freeaddrinfo(res);
    if (bad) return HERR_INVALID(e, "url", "url's host %s resolves to a loopback or private address", h);
    return 0;
}

int svc_webhook_create(svc *s, const char *url, const char *const *events, int nevents, const char *secret,
                       webhook_rec *out, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins manage webhooks");
    if (svc_webhook_url_check(url, e)) return -1;
    if (!events || nevents < 1) return HERR_INVALID(e, "events", "events must name at least one event");
    buf list;
    buf_init(&list, 128);
    for (int i = 0; i < nevents; i++) {
        if (!svc_webhook_event_valid(events[i])) {
            buf_free(&list);
            return HERR_INVALID(e, "events", "unknown event \"%.60s\" (ticket.created, message.created, commitment.overdue, ...)",
                                events[i]);
        }
        bool dup = false;
        for (int k = 0; k < i; k++) dup |= !strcmp(events[k], events[i]);
        if (!dup) buf_printf(&list, "%s%s", list.len ? "," : "", events[i]);
    }
    if (secret && (strlen(secret) < WEBHOOK_SECRET_MIN || strlen(secret) > WEBHOOK_SECRET_MAX)) {
        buf_free(&list);
        return HERR_INVALID(e, "secret", "secret must be %d to %d characters", WEBHOOK_SECRET_MIN, WEBHOOK_SECRET_MAX);
    }
    char now[ISO_LEN];
    svc_now_iso(s, now);
    *out = (webhook_rec){.url = url, .events = arena_strdup(s->a, list.p), .secret = secret ? secret : svc_random_secret(s->a, "whsec_"),
                         .active = true, .created_at = arena_strdup(s->a, now)};
    buf_free(&list);
    if (db_begin(s->db, e)) return -1;
    atomic_store(&hooks_known, -1);
    if (store_webhook_insert(s->db, out, s->actor->id, &out->id, e) ||
        store_audit_insert(s->db, now, s->actor->id, "webhook", out->id, "create", NULL,
                           arena_printf(s->a, "%s (%s)", url, out->events), e)) {
        db_rollback(s->db);
        return -1;
    }
    int rc = db_commit(s->db, e);
    atomic_store(&hooks_known, -1); /* again after the commit: a count read in between saw the old table */
    return rc;
}

int svc_webhook_list(svc *s, webhook_rec **out, int *n, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins manage webhooks");
    return store_webhook_list(s->db, s->a, true, out, n, e);
}

int svc_webhook_delete(svc *s, long long id, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins manage webhooks");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    atomic_store(&hooks_known, -1);
    int gone = store_webhook_deactivate(s->db, id, e);
    if (gone <= 0 || store_audit_insert(s->db, now, s->actor->id, "webhook", id, "delete", NULL, NULL, e)) {
        db_rollback(s->db);
        return gone < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no webhook %lld", id);
    }
    int rc = db_commit(s->db, e);
    atomic_store(&hooks_known, -1);
    return rc;
}

int svc_webhook_deliveries(svc *s, long long id, int limit, webhook_delivery_rec **out, int *n, herr *e)
{
    if (!is_admin(s)) return herr_set(e, 403, "forbidden", NULL, "only admins manage webhooks");
    webhook_rec w;
    int found = store_webhook_by_id(s->db, s->a, id, &w, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no webhook %lld", id);
    return store_delivery_list(s->db, s->a, id, limit, out, n, e);
}

static bool subscribes(const char *events, const char *event)
{
    size_t n = strlen(event);
    for (const char *p = events; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && !strncmp(p, event, n)) return true;
        p += k + (p[k] == ',');
    }
    return false;
}

/* the ticket as the event saw it */
static void ticket_json(jw *j, const ticket_rec *t)
{
    jw_obj(j);
    jw_kint(j, "id", t->id);
    jw_kstr(j, "subject", t->subject);
    jw_kstr(j, "status", t->status);
    jw_kstr(j, "priority", t->priority);
    jw_kstr(j, "channel", t->channel);
    jw_kid(j, "owner_id", t->owner_id);
    jw_kid(j, "team_id", t->team_id);
    jw_key(j, "customer");
    jw_obj(j);
    jw_kint(j, "id", t->customer_id);
    jw_kstr(j, "name", t->customer_name);
    jw_kstr(j, "email", t->customer_email);
    jw_end_obj(j);
    jw_kint(j, "version", t->version);
    jw_end_obj(j);
}

int svc_event(svc *s, const char *event, long long ticket_id, const char *data, herr *e)
{
    if (no_hooks(s)) return 0;
    webhook_rec *hooks;
    int n;
    if (store_webhook_list(s->db, s->a, true, &hooks, &n, e)) return -1;
    int want = 0;
    for (int i = 0; i < n; i++) want += subscribes(hooks[i].events, event);
    if (!want) return 0; /* the common case: nobody listens, nothing is written */
    ticket_rec t;
    int have_ticket = ticket_id ? store_ticket_by_id(s->db, s->a, ticket_id, &t, e) : 0;
    if (have_ticket < 0) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    for (int i = 0; i < n; i++) {
        if (!subscribes(hooks[i].events, event)) continue;
        const char *uuid = svc_random_secret(s->a, "dlv_");
        buf body;
        buf_init(&body, 512);
        jw j;
        jw_init(&j, &body);
        jw_obj(&j);
        jw_kstr(&j, "id", uuid);
        jw_kstr(&j, "event", event);
        jw_kstr(&j, "created_at", now);
        jw_key(&j, "ticket");
        if (have_ticket) ticket_json(&j, &t);
        else jw_null(&j);
        jw_key(&j, "data");
        if (data) buf_puts(&body, data); /* a JSON object the caller wrote */
        else jw_null(&j);
        jw_end_obj(&j);
        webhook_delivery_rec d = {.webhook_id = hooks[i].id, .event = event, .uuid = uuid, .ticket_id = ticket_id,
                                  .payload = arena_strdup(s->a, body.p), .created_at = now};
        buf_free(&body);
        long long id;
        /* one at a time per webhook and ticket, in the order they happened */
        const char *key = arena_printf(s->a, "webhook:%lld:ticket:%lld", hooks[i].id, ticket_id);
        if (store_delivery_insert(s->db, &d, &id, e) || svc_job_add(s, WEBHOOK_JOB, id, key, NULL, 0, NULL, e)) return -1;
    }
    return 0;
}

int svc_webhook_delivery_load(svc *s, long long delivery_id, webhook_delivery_rec *d, webhook_rec *w, herr *e)
{
    int found = store_delivery_by_id(s->db, s->a, delivery_id, d, e);
    if (found <= 0) return found;
    return store_webhook_by_id(s->db, s->a, d->webhook_id, w, e);
}

int svc_webhook_attempt(svc *s, const job_rec *j, long long delivery_id, int status, const char *error, int ms, herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    bool ok = status >= 200 && status < 300;
    bool last = !ok && j->attempts >= WEBHOOK_MAX_ATTEMPTS;
    job_result r = {.outcome = ok ? JOB_DONE : JOB_RETRY,
                    .error = ok ? NULL : error ? error : arena_printf(s->a, "HTTP %d", status)};
    if (db_begin(s->db, e)) return -1;
    int ours = svc_job_finish_in_tx(s, j, &r, WEBHOOK_MAX_ATTEMPTS, e);
    if (ours <= 0) { /* another worker took the job over: its attempt is the one recorded */
        db_rollback(s->db);
        return ours;
    }
    if (store_delivery_attempt(s->db, delivery_id, now, status, ok ? NULL : r.error, ms,
                               ok ? "delivered" : last ? "failed" : "queued", e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

/* ---- the events' data ------------------------------------------------------------ */
static const char *data_of(svc *s, void (*fill)(jw *, const void *), const void *x)
{
    buf b;
    buf_init(&b, 256);
    jw j;
    jw_init(&j, &b);
    fill(&j, x);
    const char *out = arena_strdup(s->a, b.p);
    buf_free(&b);
    return out;
}

static void message_data(jw *j, const void *x)
{
    const message_rec *m = x;
    jw_obj(j);
    jw_key(j, "message");
    jw_obj(j);
    jw_kint(j, "id", m->id);
    jw_kstr(j, "kind", m->kind);
    jw_kid(j, "author_agent_id", m->author_agent_id);
    jw_kid(j, "author_customer_id", m->author_customer_id);
    jw_kstr(j, "body", m->body);
    jw_kstr(j, "created_at", m->created_at);
    jw_end_obj(j);
    jw_end_obj(j);
}

static void commitment_data(jw *j, const void *x)
{
    const commitment_rec *c = x;
    jw_obj(j);
    jw_key(j, "commitment");
    jw_obj(j);
    jw_kint(j, "id", c->id);
    jw_kint(j, "owner_id", c->owner_id);
    jw_kstr(j, "text", c->text);
    jw_kstr(j, "due", c->due_at);
    jw_kbool(j, "vague", c->vague);
    jw_kstr(j, "state", c->state);
    jw_end_obj(j);
    jw_end_obj(j);
}

static void handoff_data(jw *j, const void *x)
{
    const handoff_rec *h = x;
    jw_obj(j);
    jw_key(j, "handoff");
    jw_obj(j);
    jw_kint(j, "id", h->id);
    jw_kid(j, "from_id", h->from_id);
    jw_kint(j, "to_id", h->to_id);
    jw_kstr(j, "note", h->note);
    jw_kstr(j, "state", h->state);
    jw_kstr(j, "reason", h->reason);
    jw_end_obj(j);
    jw_end_obj(j);
}

int svc_event_message(svc *s, const message_rec *m, herr *e)
{
    if (no_hooks(s)) return 0; /* no JSON built for nobody */
    return svc_event(s, "message.created", m->ticket_id, data_of(s, message_data, m), e);
}

int svc_event_commitment(svc *s, const char *event, const commitment_rec *c, herr *e)
{
    if (no_hooks(s)) return 0; /* no JSON built for nobody */
    return svc_event(s, event, c->ticket_id, data_of(s, commitment_data, c), e);
}

int svc_event_handoff(svc *s, const char *event, const handoff_rec *h, herr *e)
{
    if (no_hooks(s)) return 0; /* no JSON built for nobody */
    return svc_event(s, event, h->ticket_id, data_of(s, handoff_data, h), e);
}
