/* Incidents. See svc_incidents.h. */
#include <string.h>
#include "service/svc_incidents.h"
#include "service/svc_webhooks.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "util/text.h"
#include "util/timeutil.h"

int svc_incident_create(svc *s, const char *title, incident_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "incidents are opened by agents");
    if (check_saying("title", title, INCIDENT_TITLE_MAX, 3, 1, "what is broken", e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    long long id;
    if (store_incident_insert(s->db, title, s->actor->id, now, &id, e) ||
        store_audit_insert(s->db, now, s->actor->id, "incident", id, "create", NULL, title, e) ||
        store_incident_by_id(s->db, s->a, id, out, e) <= 0) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_incident_get(svc *s, long long id, incident_rec *out, herr *e) { return store_incident_by_id(s->db, s->a, id, out, e); }

int svc_incidents(svc *s, const char *state, incident_rec **out, int *n, herr *e)
{
    if (state && strcmp(state, "open") && strcmp(state, "resolved")) return HERR_INVALID(e, "state", "state must be open or resolved");
    return store_incident_list(s->db, s->a, state, out, n, e);
}

static int load_tickets(svc *s, long long id, ticket_rec **out, int *n, herr *e)
{
    long long *ids;
    int k;
    if (store_incident_tickets(s->db, s->a, id, &ids, &k, e)) return -1;
    *out = k ? arena_alloc(s->a, sizeof **out * (size_t)k) : NULL;
    *n = 0;
    for (int i = 0; i < k; i++) {
        int found = store_ticket_by_id(s->db, s->a, ids[i], &(*out)[*n], e);
        if (found < 0) return -1;
        *n += found;
    }
    return 0;
}

int svc_incident_detail(svc *s, long long id, ticket_rec **tickets, int *nt, incident_update_rec **updates, int *nu, herr *e)
{
    return load_tickets(s, id, tickets, nt, e) || store_incident_updates(s->db, s->a, id, updates, nu, e) ? -1 : 0;
}

/* the incident, open: 0; else e set */
static int open_incident(svc *s, long long id, incident_rec *i, herr *e)
{
    int found = store_incident_by_id(s->db, s->a, id, i, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no incident %lld", id);
    if (strcmp(i->state, "open")) return herr_set(e, 409, "conflict", "state", "incident %lld is resolved", id);
    return 0;
}

int svc_incident_link(svc *s, long long id, const long long *ticket_ids, int n, int *linked, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "incidents are worked by agents");
    if (n < 1 || n > INCIDENT_LINK_MAX) return HERR_INVALID(e, "ticket_ids", "ticket_ids must list 1 to %d tickets", INCIDENT_LINK_MAX);
    char now[ISO_LEN];
    svc_now_iso(s, now);
    *linked = 0;
    if (db_begin(s->db, e)) return -1;
    incident_rec inc;
    if (open_incident(s, id, &inc, e)) goto fail;
    for (int i = 0; i < n; i++) {
        ticket_rec t;
        int found = store_ticket_by_id(s->db, s->a, ticket_ids[i], &t, e);
        if (found < 0) goto fail;
        if (!found) {
            HERR_INVALID(e, "ticket_ids", "no ticket %lld", ticket_ids[i]);
            goto fail;
        }
        int got = store_incident_link(s->db, id, t.id, now, e);
        if (got < 0) goto fail;
        if (got && store_audit_insert(s->db, now, s->actor->id, "ticket", t.id, "incident", NULL, inc.title, e)) goto fail;
        *linked += got;
    }
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

/* "Hi Mia,\n\n<body>" */
static const char *addressed(svc *s, const ticket_rec *t, const char *body)
{
    const char *first = t->customer_name ? arena_strndup(s->a, t->customer_name, strcspn(t->customer_name, " ")) : NULL;
    return arena_printf(s->a, "Hi %s,\n\n%s", first && *first ? first : "there", body);
}

int svc_incident_update(svc *s, long long id, const char *body, bool resolve, incident_update_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "incidents are worked by agents");
    if (check_saying("body", body, BODY_MAX, 10, 2, "what customers should know (10 characters or more)", e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    incident_rec inc;
    ticket_rec *tickets;
    int nt, posted = 0;
    if (open_incident(s, id, &inc, e) || load_tickets(s, id, &tickets, &nt, e)) goto fail;
    for (int i = 0; i < nt; i++) {
        if (!strcmp(tickets[i].status, "closed")) continue; /* a closed ticket takes no more messages */
        message_rec m;
        if (svc_ticket_reply_in_tx(s, &tickets[i], addressed(s, &tickets[i], body), &m, e)) goto fail;
        if (resolve && svc_ticket_solve_in_tx(s, &tickets[i], e)) goto fail;
        posted++;
    }
    *out = (incident_update_rec){.incident_id = id, .body = body, .author_name = s->actor->name,
                                 .created_at = arena_strdup(s->a, now), .resolved = resolve, .tickets = posted};
    if (store_incident_update_insert(s->db, out, s->actor->id, e) ||
        store_audit_insert(s->db, now, s->actor->id, "incident", id, resolve ? "resolve" : "update", NULL,
                           arena_printf(s->a, "posted to %d ticket%s", posted, posted == 1 ? "" : "s"), e) ||
        (resolve && store_incident_resolve(s->db, id, now, e)))
        goto fail;
    buf d;
    buf_init(&d, 256);
    jw j;
    jw_init(&j, &d);
    jw_obj(&j);
    jw_key(&j, "incident");
    jw_obj(&j);
    jw_kint(&j, "id", id);
    jw_kstr(&j, "title", inc.title);
    jw_kstr(&j, "state", resolve ? "resolved" : "open");
    jw_kstr(&j, "body", body);
    jw_kint(&j, "tickets", posted);
    jw_end_obj(&j);
    jw_end_obj(&j);
    int rc = svc_event(s, "incident.updated", 0, d.p, e);
    buf_free(&d);
    if (rc) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

/* Tickets that share at least two of the title's words (of four letters or more; one when
 * the title has only one), found word by word with the full-text search. */
int svc_incident_suggestions(svc *s, long long id, ticket_rec **out, int *n, herr *e)
{
    incident_rec inc;
    int found = store_incident_by_id(s->db, s->a, id, &inc, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no incident %lld", id);
    *out = NULL;
    *n = 0;
    if (strcmp(inc.state, "open")) return 0;
    long long *linked;
    int nl;
    if (store_incident_tickets(s->db, s->a, id, &linked, &nl, e)) return -1;
    enum { WORDS = 8, HITS = 200 };
    struct hit { ticket_rec t; int hits; } *seen = arena_alloc(s->a, sizeof *seen * HITS); /* ~30 KB: not on a pool thread's stack */
    int nseen = 0, nwords = 0;
    char *copy = arena_strdup(s->a, inc.title), *save = NULL;
    for (char *w = strtok_r(copy, " ,.;:!?()/-", &save); w && nwords < WORDS; w = strtok_r(NULL, " ,.;:!?()/-", &save)) {
        if (strlen(w) < 4) continue;
        nwords++;
        ticket_filter f = {.status = "active", .q = w, .limit = 100};
        ticket_rec *list;
        int k;
        if (svc_ticket_list(s, &f, &list, &k, e)) return -1;
        for (int i = 0; i < k; i++) {
            int j = 0;
            while (j < nseen && seen[j].t.id != list[i].id) j++;
            if (j == nseen) {
                if (nseen == HITS) continue;
                seen[nseen].t = list[i];
                seen[nseen++].hits = 0;
            }
            seen[j].hits++;
        }
    }
    int need = nwords >= 2 ? 2 : 1;
    *out = nseen ? arena_alloc(s->a, sizeof **out * (size_t)nseen) : NULL;
    for (int i = 0; i < nseen; i++) {
        bool in = false;
        for (int j = 0; j < nl && !in; j++) in = linked[j] == seen[i].t.id;
        if (!in && seen[i].hits >= need) (*out)[(*n)++] = seen[i].t;
    }
    return 0;
}

int svc_ticket_incidents(svc *s, long long ticket_id, incident_rec **out, int *n, herr *e)
{
    return store_ticket_incidents(s->db, s->a, ticket_id, out, n, e);
}
