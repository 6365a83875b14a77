/* Saved views and bulk actions. See svc_views.h. */
#include <string.h>
#include "service/svc_attention.h"
#include "service/svc_merge.h"
#include "service/svc_views.h"
#include "service/validate.h"
#include "util/timeutil.h"

static bool lead(const svc *s)
{
    return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin"));
}

int svc_view_filter(svc *s, const view_rec *v, ticket_filter *f, herr *e)
{
    *f = (ticket_filter){.limit = 25, .tag = v->tag, .priority = v->priority, .channel = v->channel};
    f->status = !v->status ? "active" : !strcmp(v->status, "any") ? NULL : v->status;
    if (!strcmp(v->owner, "mine")) f->owner_id = s->actor ? s->actor->id : 0;
    else if (!strcmp(v->owner, "unassigned")) f->owner_id = -1;
    else if (strcmp(v->owner, "all")) return HERR_INVALID(e, "owner", "owner must be mine, unassigned or all");
    if (v->mood && !svc_mood_filter(v->mood, &f->mood))
        return HERR_INVALID(e, "mood", "mood must be one of upset, angry, frustrated, anxious, sad, confused, urgent, complaint, repeat");
    return 0;
}

int svc_view_save(svc *s, const view_rec *in, view_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "views are an agent's");
    if (check_saying("name", in->name, VIEW_NAME_MAX, 2, 1, "what the view shows", e)) return -1;
    if (strchr(in->name, '\n')) return HERR_INVALID(e, "name", "a name is one line");
    view_rec v = *in;
    if (!v.owner) v.owner = "all";
    ticket_filter f;
    int count;
    /* the filter is checked as the list checks it (one count, capped at one) */
    if (svc_view_filter(s, &v, &f, e) || svc_ticket_count(s, &f, 1, &count, e)) return -1;
    if (v.tag) {
        char *t = arena_strdup(s->a, v.tag);
        for (char *c = t; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
        v.tag = t;
    }
    v.agent_id = s->actor->id;
    v.team_id = s->actor->team_id;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_view_insert(s->db, &v, now, e)) {
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    *out = v;
    out->count = 0;
    return svc_ticket_count(s, &f, VIEW_COUNT_CAP, &out->count, e);
}

int svc_views(svc *s, view_rec **out, int *n, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "views are an agent's");
    if (store_views_visible(s->db, s->a, s->actor->id, s->actor->team_id, out, n, e)) return -1;
    for (int i = 0; i < *n; i++) {
        ticket_filter f;
        herr ve;
        /* a view saved under rules that changed since counts nothing rather than failing the list */
        if (svc_view_filter(s, &(*out)[i], &f, &ve) || svc_ticket_count(s, &f, VIEW_COUNT_CAP, &(*out)[i].count, &ve))
            (*out)[i].count = 0;
    }
    return 0;
}

int svc_view_delete(svc *s, long long id, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "views are an agent's");
    view_rec v;
    int found = store_view_by_id(s->db, s->a, id, &v, e);
    if (found < 0) return -1;
    if (!found || (v.agent_id != s->actor->id && !(v.shared && (!v.team_id || v.team_id == s->actor->team_id))))
        return herr_set(e, 404, "not_found", NULL, "no view with id %lld", id);
    if (v.agent_id != s->actor->id && !lead(s))
        return herr_set(e, 403, "forbidden", NULL, "its author, a supervisor or an admin deletes a shared view");
    if (db_begin(s->db, e)) return -1;
    if (store_view_delete(s->db, id, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_bulk(svc *s, const bulk_in *in, bulk_result **out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an agent acts on tickets");
    if (in->n < 1 || in->n > BULK_MAX) return HERR_INVALID(e, "ids", "choose 1 to %d tickets", BULK_MAX);
    if (in->merge && in->n < 2) return HERR_INVALID(e, "ids", "a merge needs two tickets or more");
    if (!in->merge && !in->set_owner && !in->status && !in->add_tag)
        return HERR_INVALID(e, "ids", "say what to do: owner, status, a tag, or merge");
    if (in->status && !svc_status_valid(in->status))
        return HERR_INVALID(e, "status", "status must be one of new, open, pending, on-hold, solved, closed");
    const char *tag = NULL;
    if (in->add_tag) {
        tag = arena_strdup(s->a, in->add_tag);
        if (check_tags(&tag, 1, e)) return -1;
    }
    bulk_result *r = arena_alloc(s->a, sizeof *r * (size_t)in->n);
    for (int i = 0; i < in->n; i++) {
        r[i] = (bulk_result){.id = in->ids[i], .ok = true};
        herr te;
        ticket_rec t;
        if (in->merge) {
            /* all into the first: it is the one the agent chose first (the list's top) */
            if (i && svc_ticket_merge(s, in->ids[i], in->ids[0], false, &t, &te)) r[i].ok = false, r[i].error = arena_strdup(s->a, te.message);
            continue;
        }
        ticket_patch p = {.status = in->status, .set_owner = in->set_owner, .owner_id = in->owner_id};
        if (tag) {
            if (svc_ticket_get(s, in->ids[i], &t, &te)) {
                r[i].ok = false, r[i].error = arena_strdup(s->a, te.message);
                continue;
            }
            const char **tags = arena_alloc(s->a, sizeof *tags * (size_t)(t.ntags + 1));
            bool have = false;
            for (int k = 0; k < t.ntags; k++) have |= !strcmp(tags[k] = t.tags[k], tag);
            tags[t.ntags] = tag;
            if (!have) p.set_tags = true, p.tags = tags, p.ntags = t.ntags + 1;
        }
        if ((p.status || p.set_owner || p.set_tags) && svc_ticket_update(s, in->ids[i], &p, &t, &te))
            r[i].ok = false, r[i].error = arena_strdup(s->a, te.message);
    }
    *out = r;
    return 0;
}
