/* Merging tickets, and undoing a merge within a day. See svc_merge.h. */
#include <string.h>
#include "service/svc_attention.h"
#include "service/svc_merge.h"
#include "service/svc_webhooks.h"
#include "util/timeutil.h"

static bool lead(const svc *s)
{
    return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin"));
}

static int audit(svc *s, const char *now, long long id, const char *action, const char *before, const char *after, herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "ticket", id, action, before, after, e);
}

/* "Hi Rosa," from the customer's name ("Hi," when there is none) */
static const char *greeting(svc *s, const ticket_rec *t)
{
    const char *n = t->customer_name ? t->customer_name : "";
    size_t len = strcspn(n, " ");
    return len && !memchr(n, '@', len) ? arena_printf(s->a, "Hi %.*s,", (int)len, n) : "Hi,";
}

/* the target's tags with the source's added, each once */
static int add_tags(svc *s, const ticket_rec *target, const ticket_rec *source, herr *e)
{
    if (!source->ntags) return 0;
    const char **tags = arena_alloc(s->a, sizeof *tags * (size_t)(target->ntags + source->ntags));
    int n = 0;
    for (int i = 0; i < target->ntags; i++) tags[n++] = target->tags[i];
    for (int i = 0; i < source->ntags; i++) {
        bool have = false;
        for (int k = 0; k < n; k++) have |= !strcmp(tags[k], source->tags[i]);
        if (!have) tags[n++] = source->tags[i];
    }
    return n == target->ntags ? 0 : store_ticket_tags_set(s->db, target->id, tags, n, e);
}

int svc_ticket_merge(svc *s, long long source, long long into, bool notify, ticket_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an agent merges tickets");
    if (source == into) return HERR_INVALID(e, "into", "a ticket cannot be merged into itself");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec src, dst;
    long long src_into, dst_into;
    if (svc_ticket_get(s, source, &src, e)) goto fail;
    int found = store_ticket_by_id(s->db, s->a, into, &dst, e);
    if (found < 0) goto fail;
    if (!found) {
        herr_set(e, 404, "not_found", "into", "no ticket with id %lld to merge into", into);
        goto fail;
    }
    if (store_ticket_merged_into(s->db, source, &src_into, e) || store_ticket_merged_into(s->db, into, &dst_into, e)) goto fail;
    if (src_into) {
        herr_set(e, 409, "already_merged", NULL, "ticket %lld was already merged into %lld", source, src_into);
        goto fail;
    }
    if (dst_into) {
        herr_set(e, 409, "already_merged", "into", "ticket %lld was merged into %lld: merge into that one", into, dst_into);
        goto fail;
    }
    if (!strcmp(dst.status, "closed")) {
        herr_set(e, 409, "ticket_closed", "into", "ticket %lld is closed; merge into an open one", into);
        goto fail;
    }
    if (src.customer_id != dst.customer_id && !lead(s)) {
        herr_set(e, 403, "forbidden", "into", "the tickets are from two customers: a supervisor or an admin merges those");
        goto fail;
    }
    merge_rec m = {.source_id = source, .target_id = into, .agent_id = s->actor->id, .status_before = src.status, .created_at = now};
    if (store_merge_move(s->db, source, into, e) || store_merge_insert(s->db, &m, e) || add_tags(s, &dst, &src, e) ||
        audit(s, now, source, "merge", NULL, arena_printf(s->a, "merged into #%lld", into), e) ||
        audit(s, now, into, "merge", NULL, arena_printf(s->a, "#%lld merged in", source), e))
        goto fail;
    message_rec said;
    if (notify) {
        /* the target's customer on the target; the source's, on the source, when they differ */
        if (svc_ticket_reply_in_tx(s, &dst, arena_printf(s->a, "%s\n\nWe have brought your request \"%s\" (#%lld) together with this "
                                                              "one, so one of us follows everything in one place. Just reply here.",
                                                         greeting(s, &dst), src.subject, source),
                                   &said, e))
            goto fail;
        if (src.customer_id != dst.customer_id &&
            svc_ticket_reply_in_tx(s, &src, arena_printf(s->a, "%s\n\nYour request \"%s\" is being handled together with a related "
                                                              "one, so the whole team sees it in one place. We will write to you "
                                                              "as soon as we have news.",
                                                         greeting(s, &src), src.subject),
                                   &said, e))
            goto fail;
    }
    /* the source ends here; both threads changed */
    if (strcmp(src.status, "closed")) {
        if (audit(s, now, source, "status", src.status, "closed", e)) goto fail;
        src.status = "closed";
        if (!src.solved_at) src.solved_at = now;
    }
    src.updated_at = now;
    dst.updated_at = now;
    if (store_ticket_update(s->db, &src, e) || store_ticket_update(s->db, &dst, e) ||
        svc_attention_rebuild(s, into, dst.customer_id, e) || store_attention_clear(s->db, source, e) ||
        svc_event(s, "ticket.updated", source, NULL, e) || svc_event(s, "ticket.updated", into, NULL, e))
        goto fail;
    if (db_commit(s->db, e)) return -1;
    return svc_ticket_get(s, into, out, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_unmerge(svc *s, long long source, ticket_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an agent undoes a merge");
    char now[ISO_LEN], since[ISO_LEN];
    svc_now_iso(s, now);
    time_iso(svc_now(s) - (time_t)MERGE_UNDO_HOURS * 3600, since);
    if (db_begin(s->db, e)) return -1;
    ticket_rec src, dst;
    merge_rec m;
    if (svc_ticket_get(s, source, &src, e)) goto fail;
    int found = store_merge_latest(s->db, s->a, source, &m, e);
    if (found < 0) goto fail;
    if (!found) {
        herr_set(e, 409, "not_merged", NULL, "ticket %lld is not merged into another", source);
        goto fail;
    }
    if (strcmp(m.created_at, since) < 0) {
        herr_set(e, 409, "too_late", NULL, "ticket %lld was merged on %s; a merge can be undone for %d hours", source, m.created_at,
                 MERGE_UNDO_HOURS);
        goto fail;
    }
    if (svc_ticket_get(s, m.target_id, &dst, e)) goto fail;
    if (store_merge_move_back(s->db, source, m.target_id, e) || store_merge_undone(s->db, m.id, now, e) ||
        audit(s, now, source, "unmerge", arena_printf(s->a, "merged into #%lld", m.target_id), NULL, e) ||
        audit(s, now, m.target_id, "unmerge", arena_printf(s->a, "#%lld merged in", source), NULL, e) ||
        audit(s, now, source, "status", src.status, m.status_before, e))
        goto fail;
    src.status = m.status_before;
    if (strcmp(src.status, "solved") && strcmp(src.status, "closed")) src.solved_at = NULL;
    src.updated_at = now;
    dst.updated_at = now;
    if (store_ticket_update(s->db, &src, e) || store_ticket_update(s->db, &dst, e) ||
        svc_attention_rebuild(s, source, src.customer_id, e) || svc_attention_rebuild(s, m.target_id, dst.customer_id, e) ||
        svc_event(s, "ticket.updated", source, NULL, e) || svc_event(s, "ticket.updated", m.target_id, NULL, e))
        goto fail;
    if (db_commit(s->db, e)) return -1;
    return svc_ticket_get(s, source, out, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_ticket_merged_into(svc *s, long long id, long long *into, herr *e)
{
    return store_ticket_merged_into(s->db, id, into, e);
}

int svc_merges_into(svc *s, long long target, merge_rec **out, int *n, herr *e)
{
    char since[ISO_LEN];
    time_iso(svc_now(s) - (time_t)MERGE_UNDO_HOURS * 3600, since);
    if (store_merges_into(s->db, s->a, target, out, n, e)) return -1;
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (strcmp((*out)[i].created_at, since) >= 0) (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}
