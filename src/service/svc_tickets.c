/* Tickets and their messages: the rules of the core.
 * - exactly one owner or none; an owner must be an active agent
 * - a new ticket becomes open when someone takes it or replies
 * - the first public reply sets first_response_at; solving sets solved_at,
 *   reopening clears it; a closed ticket no longer changes
 * - a customer writing on a solved ticket reopens it
 * - every change writes an audit row (who, when, what, before, after) in the
 *   same transaction */
#include <string.h>
#include "service/service.h"
#include "service/svc_attention.h"
#include "service/bizcal.h"
#include "service/svc_snooze.h"
#include "service/svc_assign.h"
#include "service/svc_commitments.h"
#include "service/svc_notify.h"
#include "service/svc_sla.h"
#include "service/svc_webhooks.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/timeutil.h"

static bool in_list(const char *v, const char *const *list)
{
    if (!v) return false;
    for (; *list; list++)
        if (!strcmp(v, *list)) return true;
    return false;
}

static const char *const STATUSES[] = {"new", "open", "pending", "on-hold", "solved", "closed", NULL};
static const char *const PRIORITIES[] = {"low", "normal", "high", "urgent", NULL};
static const char *const CHANNELS[] = {"email", "web", "api", "phone", "chat", "social", NULL};

bool svc_status_valid(const char *status) { return in_list(status, STATUSES); }
bool svc_priority_valid(const char *priority) { return in_list(priority, PRIORITIES); }
bool svc_channel_valid(const char *channel) { return in_list(channel, CHANNELS); }

static long long actor_id(const svc *s) { return s->actor ? s->actor->id : 0; }

static int audit(svc *s, const char *now, long long ticket_id, const char *action, const char *before,
                 const char *after, herr *e)
{
    return store_audit_insert(s->db, now, actor_id(s), "ticket", ticket_id, action, before, after, e);
}

static const char *tags_csv(arena *a, const char *const *tags, int n)
{
    buf b;
    buf_init(&b, 64);
    for (int i = 0; i < n; i++) {
        if (i) buf_putc(&b, ',');
        buf_puts(&b, tags[i]);
    }
    const char *out = arena_strdup(a, b.p);
    buf_free(&b);
    return out;
}

static const char *id_text(arena *a, long long id) { return id > 0 ? arena_printf(a, "%lld", id) : NULL; }

int svc_ticket_create(svc *s, const ticket_new *in, ticket_rec *out, herr *e)
{
    if (check_text("subject", in->subject, SUBJECT_MAX, false, e) ||
        check_text("message", in->message, BODY_MAX, true, e))
        return -1;
    const char *channel = in->channel ? in->channel : "api";
    const char *priority = in->priority ? in->priority : "normal";
    if (!svc_channel_valid(channel)) return HERR_INVALID(e, "channel", "channel must be one of email, web, api, phone, chat, social");
    if (!svc_priority_valid(priority)) return HERR_INVALID(e, "priority", "priority must be one of low, normal, high, urgent");
    if (check_tags(in->tags, in->ntags, e)) return -1;

    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    customer_rec c;
    ticket_rec t = {.subject = in->subject, .channel = channel, .status = "new", .priority = priority,
                    .created_at = now, .updated_at = now, .owner_id = in->owner_id};
    long long id, mid;
    if (in->owner_id > 0) {
        agent_rec owner;
        int found = store_agent_by_id(s->db, s->a, in->owner_id, &owner, e);
        if (found < 0) goto fail;
        if (!found || !owner.active) {
            HERR_INVALID(e, "owner", "no active agent with id %lld", in->owner_id);
            goto fail;
        }
    }
    if (svc_customer_find_or_create(s, in->customer_email, in->customer_name, &c, e)) goto fail;
    t.customer_id = c.id;
    if (store_ticket_insert(s->db, &t, &id, e)) goto fail;
    message_rec m = {.ticket_id = id, .kind = "customer", .author_customer_id = c.id, .body = in->message, .created_at = now};
    if (store_message_insert(s->db, &m, &mid, e) || svc_attention_customer_wrote(s, id, c.id, in->message, now, e)) goto fail;
    if (in->first) {
        *in->first = m;
        in->first->id = mid;
        in->first->author_name = arena_strdup(s->a, c.name);
        in->first->created_at = arena_strdup(s->a, now);
    }
    if (in->ntags && store_ticket_tags_set(s->db, id, in->tags, in->ntags, e)) goto fail;
    if (store_search_index_ticket(s->db, id, in->subject, in->message, e)) goto fail;
    if (audit(s, now, id, "create", NULL, in->subject, e) || store_ticket_stamp(s->db, id, e)) goto fail;
    if (svc_event(s, "ticket.created", id, NULL, e)) goto fail;
    /* read back inside the transaction, on the writer whose cache holds these pages
     * (after the commit, the pool connection's cache is stale: ~50 µs of preads) */
    int found = store_ticket_by_id(s->db, s->a, id, out, e);
    if (found != 1) {
        if (!found) HERR_INTERNAL(e, "ticket vanished after create");
        goto fail;
    }
    if (svc_sla_sync_view(s, out, "create", in->sla, e)) goto fail; /* its SLA policy and clock, and the view of it */
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_get(svc *s, long long id, ticket_rec *out, herr *e)
{
    int found = store_ticket_by_id(s->db, s->a, id, out, e);
    if (found < 0) return -1;
    if (!found) return herr_set(e, 404, "not_found", "", "ticket %lld not found", id);
    return 0;
}

int svc_ticket_messages(svc *s, long long id, message_rec **out, int *n, herr *e)
{
    return store_message_list(s->db, s->a, id, out, n, e);
}

/* "2026-12-01" or "2026-12-01T09:00:00Z" to the stored form; a bare date's end is the next
 * midnight (created_to=2026-12-01 keeps all of the 1st) */
static const char *filter_time(svc *s, const char *v, bool end)
{
    time_t t;
    if (time_parse_iso(v, &t)) return v;
    int day;
    if (!bizcal_parse_date(v, &day)) return NULL;
    char out[ISO_LEN];
    time_iso((time_t)(day + (end ? 1 : 0)) * 86400, out);
    return arena_strdup(s->a, out);
}

/* f checked, its dates in the stored form */
static int check_filter(svc *s, const ticket_filter *in, ticket_filter *out, herr *e)
{
    ticket_filter f = *in;
    if (f.status && strcmp(f.status, "active") && !svc_status_valid(f.status))
        return HERR_INVALID(e, "status", "status must be one of new, open, pending, on-hold, solved, closed, active");
    if (f.limit < 1 || f.limit > 100) return HERR_INVALID(e, "limit", "limit must be 1 to 100");
    if (f.priority && !svc_priority_valid(f.priority)) return HERR_INVALID(e, "priority", "priority must be one of low, normal, high, urgent");
    if (f.channel && !svc_channel_valid(f.channel))
        return HERR_INVALID(e, "channel", "channel must be one of email, web, api, phone, chat, social");
    if (f.tag) {
        const char *tag = arena_strdup(s->a, f.tag); /* check_tags lower-cases in place */
        if (check_tags(&tag, 1, e)) return -1;
        f.tag = tag;
    }
    if (f.created_from && !(f.created_from = filter_time(s, f.created_from, false)))
        return HERR_INVALID(e, "created_from", "created_from must be a date (2026-12-01) or a time (2026-12-01T09:00:00Z)");
    if (f.created_to && !(f.created_to = filter_time(s, f.created_to, true)))
        return HERR_INVALID(e, "created_to", "created_to must be a date (2026-12-01) or a time (2026-12-01T09:00:00Z)");
    *out = f;
    return 0;
}

int svc_ticket_list(svc *s, const ticket_filter *in, ticket_rec **out, int *n, herr *e)
{
    ticket_filter f;
    return check_filter(s, in, &f, e) ? -1 : store_ticket_list(s->db, s->a, &f, out, n, e);
}

int svc_ticket_count(svc *s, const ticket_filter *in, int cap, int *count, herr *e)
{
    ticket_filter f;
    if (check_filter(s, &(ticket_filter){.limit = 1, .status = in->status, .owner_id = in->owner_id, .team_id = in->team_id,
                                         .customer_id = in->customer_id, .q = in->q, .tag = in->tag, .priority = in->priority,
                                         .channel = in->channel, .created_from = in->created_from, .created_to = in->created_to,
                                         .mood = in->mood},
                     &f, e))
        return -1;
    f.limit = cap;
    return store_ticket_count(s->db, s->a, &f, count, e);
}

int svc_ticket_counts(svc *s, int *mine, int *unassigned, int *open_all, herr *e)
{
    return store_ticket_counts(s->db, actor_id(s), mine, unassigned, open_all, e);
}

int svc_ticket_history(svc *s, long long id, audit_rec **out, int *n, herr *e)
{
    return store_audit_list(s->db, s->a, "ticket", id, out, n, e);
}

/* applies a status change to t, keeping solved_at true */
static void set_status(ticket_rec *t, const char *status, const char *now)
{
    if (!strcmp(status, "solved") || !strcmp(status, "closed")) {
        if (!t->solved_at) t->solved_at = now;
    } else {
        t->solved_at = NULL;
    }
    t->status = status;
}

static bool assign_on_reply = true;
void svc_tickets_set_assign_on_reply(bool on) { assign_on_reply = on; }

/* 409 stale when the caller saw another version than the ticket's (0: the caller did not say) */
static int stale(const ticket_rec *t, long long if_version, herr *e)
{
    if (!if_version || if_version == t->version) return 0;
    return herr_set(e, 409, "stale", "version", "ticket %lld changed since you loaded it (version %lld, now %lld)",
                    t->id, if_version, t->version);
}

int svc_ticket_changes_since(svc *s, long long id, long long version, audit_rec **out, int *n, herr *e)
{
    return store_audit_ticket_since(s->db, s->a, id, version, out, n, e);
}

int svc_ticket_update(svc *s, long long id, const ticket_patch *p, ticket_rec *out, herr *e)
{
    if (p->status && !svc_status_valid(p->status))
        return HERR_INVALID(e, "status", "status must be one of new, open, pending, on-hold, solved, closed");
    if (p->priority && !svc_priority_valid(p->priority))
        return HERR_INVALID(e, "priority", "priority must be one of low, normal, high, urgent");
    if (p->set_tags && check_tags(p->tags, p->ntags, e)) return -1;

    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, id, &t, e) || stale(&t, p->if_version, e)) goto fail;
    if (!strcmp(t.status, "closed") && (p->status || p->priority || p->set_owner || p->set_team || p->set_tags)) {
        herr_set(e, 409, "ticket_closed", "status", "ticket %lld is closed and can no longer change", id);
        goto fail;
    }
    int changes = 0;
    if (p->set_owner && p->owner_id != t.owner_id) {
        if (p->owner_id > 0) {
            agent_rec owner;
            int found = store_agent_by_id(s->db, s->a, p->owner_id, &owner, e);
            if (found < 0) goto fail;
            if (!found || !owner.active) {
                HERR_INVALID(e, "owner", "no active agent with id %lld", p->owner_id);
                goto fail;
            }
        }
        if (audit(s, now, id, "owner", id_text(s->a, t.owner_id), id_text(s->a, p->owner_id), e)) goto fail;
        t.owner_id = p->owner_id;
        if (t.owner_id > 0 && !strcmp(t.status, "new") && !p->status) set_status(&t, "open", now);
        changes++;
    }
    if (p->set_team && p->team_id != t.team_id) {
        if (p->team_id > 0) {
            team_rec team;
            int found = store_team_by_id(s->db, s->a, p->team_id, &team, e);
            if (found < 0) goto fail;
            if (!found) {
                HERR_INVALID(e, "team", "no team with id %lld", p->team_id);
                goto fail;
            }
        }
        if (audit(s, now, id, "team", id_text(s->a, t.team_id), id_text(s->a, p->team_id), e)) goto fail;
        t.team_id = p->team_id;
        changes++;
    }
    if (p->status && strcmp(p->status, t.status)) {
        if (!p->confirm && (!strcmp(p->status, "solved") || !strcmp(p->status, "closed"))) {
            /* solving does not keep a promise: ask first (the commitments stay open either way) */
            commitment_rec *open;
            int nopen;
            if (svc_ticket_open_commitments(s, id, &open, &nopen, e)) goto fail;
            if (nopen) {
                herr_set(e, 409, "open_commitments", "status",
                         "ticket %lld has %d open commitment%s (\"%s\"%s); solving does not keep %s: keep %s first, or "
                         "send confirm: true to solve anyway",
                         id, nopen, nopen == 1 ? "" : "s", open[0].text, nopen > 1 ? ", ..." : "", nopen == 1 ? "it" : "them",
                         nopen == 1 ? "it" : "them");
                goto fail;
            }
        }
        if (audit(s, now, id, "status", t.status, p->status, e)) goto fail;
        set_status(&t, p->status, now);
        changes++;
    }
    if (p->priority && strcmp(p->priority, t.priority)) {
        if (audit(s, now, id, "priority", t.priority, p->priority, e)) goto fail;
        t.priority = p->priority;
        changes++;
    }
    if (p->set_tags) {
        const char *before = tags_csv(s->a, t.tags, t.ntags), *after = tags_csv(s->a, p->tags, p->ntags);
        if (strcmp(before, after)) {
            if (store_ticket_tags_set(s->db, id, p->tags, p->ntags, e)) goto fail;
            if (audit(s, now, id, "tags", before, after, e)) goto fail;
            changes++;
        }
    }
    if (changes) {
        t.updated_at = now;
        if (store_ticket_update(s->db, &t, e) || svc_event(s, "ticket.updated", id, NULL, e) ||
            svc_sla_sync(s, &t, "update", e))
            goto fail;
        /* in a team's queue with no owner: the team's automatic assignment, when it is on */
        if ((p->set_team || p->set_owner) && svc_assign_maybe(s, &t, 0, e)) goto fail;
        if (p->status && !strcmp(p->status, "solved") && svc_event(s, "ticket.solved", id, NULL, e)) goto fail;
    }
    if (svc_ticket_get(s, id, out, e)) goto fail; /* inside the transaction, as in svc_ticket_create */
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_add_message(svc *s, long long id, const char *kind, const char *body, message_rec *out, herr *e)
{
    return svc_ticket_add_message_files(s, id, kind, body, NULL, 0, out, NULL, e);
}

int svc_ticket_add_message_files(svc *s, long long id, const char *kind, const char *body, mail_attach_in *files,
                                 int nfiles, message_rec *out, mail_attachment_rec **atts, herr *e)
{
    return svc_ticket_add_message_if(s, id, kind, body, files, nfiles, 0, out, atts, e);
}

int svc_ticket_add_message_if(svc *s, long long id, const char *kind, const char *body, mail_attach_in *files,
                              int nfiles, long long if_version, message_rec *out, mail_attachment_rec **atts, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", "", "replies and notes need an agent");
    bool reply = !strcmp(kind, "reply");
    if (!reply && strcmp(kind, "note")) return HERR_INVALID(e, "kind", "kind must be reply or note");
    if (check_text("body", body, BODY_MAX, true, e) || svc_attach_check(s, files, nfiles, e)) return -1;
    mail_attachment_rec *rows;
    promise_found *promises = NULL;
    int npromises = 0;
    if (reply && svc_commitments_find(s, body, &promises, &npromises, e)) return -1; /* outside the write lock */
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, id, &t, e) || stale(&t, if_version, e)) goto fail;
    if (!strcmp(t.status, "closed")) {
        herr_set(e, 409, "ticket_closed", "", "ticket %lld is closed; open a new ticket to write again", id);
        goto fail;
    }
    *out = (message_rec){.ticket_id = id, .kind = reply ? "reply" : "note", .author_agent_id = s->actor->id,
                         .author_name = s->actor->name, .body = body, .created_at = arena_strdup(s->a, now)};
    if (store_message_insert(s->db, out, &out->id, e)) goto fail;
    if (store_search_append(s->db, id, body, e)) goto fail;
    if (store_draft_delete(s->db, s->actor->id, id, e)) goto fail; /* sent: the draft is done */
    if (audit(s, now, id, out->kind, NULL, id_text(s->a, out->id), e)) goto fail;
    if (svc_attach_file(s, id, out->id, files, nfiles, out->created_at, &rows, e)) goto fail;
    if (atts) *atts = rows;
    if (!reply && svc_notify_mentions(s, id, body, NULL, e)) goto fail; /* "@ada, can you look?" */
    if (svc_event_message(s, out, e)) goto fail; /* before the commitments it makes: in the order they happen */
    t.updated_at = now;
    if (reply) {
        if (!t.first_response_at) t.first_response_at = now;
        if (!t.owner_id && assign_on_reply) { /* who answers an unowned ticket owns it */
            if (audit(s, now, id, "owner", NULL, id_text(s->a, s->actor->id), e)) goto fail;
            t.owner_id = s->actor->id;
        }
        if (!strcmp(t.status, "new")) {
            if (audit(s, now, id, "status", t.status, "open", e)) goto fail;
            set_status(&t, "open", now);
        }
        if (svc_outbox_queue_reply(s, &t, out, now, e)) goto fail; /* emailed: queued in this transaction */
        if (svc_attention_answered(s, id, e)) goto fail;
        if (svc_sla_sync(s, &t, "reply", e)) goto fail;
        commitment_rec *made;
        if (svc_commitments_from_reply(s, &t, out, promises, npromises, &made, &out->ncommitments, e))
            goto fail; /* promises kept as work */
        out->commitments = made;
    }
    if (store_ticket_update(s->db, &t, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_reply_in_tx(svc *s, ticket_rec *t, const char *body, message_rec *out, herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    *out = (message_rec){.ticket_id = t->id, .kind = "reply", .author_agent_id = s->actor->id, .author_name = s->actor->name,
                         .body = body, .created_at = arena_strdup(s->a, now)};
    if (store_message_insert(s->db, out, &out->id, e) || store_search_append(s->db, t->id, body, e) ||
        audit(s, now, t->id, "reply", NULL, id_text(s->a, out->id), e) || svc_event_message(s, out, e))
        return -1;
    t->updated_at = arena_strdup(s->a, now);
    if (!t->first_response_at) t->first_response_at = t->updated_at;
    if (!strcmp(t->status, "new")) {
        if (audit(s, now, t->id, "status", t->status, "open", e)) return -1;
        set_status(t, "open", now);
    }
    return svc_outbox_queue_reply(s, t, out, now, e) || svc_attention_answered(s, t->id, e) || svc_sla_sync(s, t, "reply", e) ||
                   store_ticket_update(s->db, t, e)
               ? -1
               : 0;
}

int svc_ticket_solve_in_tx(svc *s, ticket_rec *t, herr *e)
{
    if (!strcmp(t->status, "solved") || !strcmp(t->status, "closed")) return 0;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (audit(s, now, t->id, "status", t->status, "solved", e)) return -1;
    set_status(t, "solved", now);
    t->updated_at = arena_strdup(s->a, now);
    return store_ticket_update(s->db, t, e) || svc_event(s, "ticket.solved", t->id, NULL, e) || svc_sla_sync(s, t, "update", e) ? -1 : 0;
}

int svc_message_get(svc *s, long long id, message_rec *out, herr *e)
{
    int found = store_message_by_id(s->db, s->a, id, out, e);
    if (found < 0) return -1;
    return found ? 0 : herr_set(e, 404, "not_found", NULL, "no message with id %lld", id);
}

int svc_ticket_customer_message(svc *s, long long id, const char *body, message_rec *out, herr *e)
{
    if (check_text("body", body, BODY_MAX, true, e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, id, &t, e)) goto fail;
    *out = (message_rec){.ticket_id = id, .kind = "customer", .author_customer_id = t.customer_id,
                         .author_name = t.customer_name, .body = body, .created_at = arena_strdup(s->a, now)};
    if (store_message_insert(s->db, out, &out->id, e)) goto fail;
    if (store_search_append(s->db, id, body, e)) goto fail;
    if (svc_attention_customer_wrote(s, id, t.customer_id, body, now, e) || svc_snooze_customer_wrote(s, &t, now, e)) goto fail;
    t.updated_at = now;
    if (!strcmp(t.status, "solved") || !strcmp(t.status, "pending")) {
        if (audit(s, now, id, "status", t.status, "open", e)) goto fail;
        set_status(&t, "open", now);
    }
    if (store_ticket_update(s->db, &t, e) || svc_event_message(s, out, e) || svc_sla_sync(s, &t, "customer", e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_backdate(svc *s, long long id, long long seconds, herr *e)
{
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    /* the customer's wait follows their messages back in time */
    if (store_ticket_backdate(s->db, s->a, id, seconds, e) || svc_ticket_get(s, id, &t, e) ||
        (strcmp(t.status, "solved") && strcmp(t.status, "closed") && svc_attention_rebuild(s, id, t.customer_id, e))) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
