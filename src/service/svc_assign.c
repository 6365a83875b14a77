/* Automatic assignment. See svc_assign.h. */
#include <stdio.h>
#include <string.h>
#include "service/svc_assign.h"
#include "service/svc_jobs.h"
#include "service/svc_notify.h"
#include "store/store.h"
#include "util/timeutil.h"

int svc_team_assign_get(svc *s, long long team_id, team_assign *out, herr *e)
{
    int found = store_team_assign_get(s->db, team_id, out, e);
    return found <= 0 ? (found < 0 ? -1 : herr_set(e, 404, "not_found", NULL, "no team %lld", team_id)) : 0;
}

int svc_team_assign_set(svc *s, long long team_id, const char *mode, long long cap, long long minutes, team_assign *out,
                        herr *e)
{
    if (!s->actor || strcmp(s->actor->role, "admin")) return herr_set(e, 403, "forbidden", NULL, "only admins set a team's assignment");
    if (!mode || (strcmp(mode, "off") && strcmp(mode, "round_robin") && strcmp(mode, "least_open")))
        return HERR_INVALID(e, "assign", "assign must be off, round_robin or least_open");
    if (cap < -1 || cap == 0 || cap > 10000) return HERR_INVALID(e, "assign_cap", "assign_cap must be 1 to 10000, or null");
    if (minutes < -1 || minutes == 0 || minutes > 10080)
        return HERR_INVALID(e, "reassign_minutes", "reassign_minutes must be 1 to 10080, or null");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_team_assign_get(s->db, team_id, out, e) <= 0) {
        db_rollback(s->db);
        return herr_set(e, 404, "not_found", NULL, "no team %lld", team_id);
    }
    snprintf(out->mode, sizeof out->mode, "%s", mode);
    out->cap = cap;
    out->reassign_minutes = minutes;
    if (store_team_assign_set(s->db, team_id, out, e) ||
        store_audit_insert(s->db, now, s->actor->id, "team", team_id, "assign", NULL,
                           arena_printf(s->a, "%s, cap %lld, back after %lld min", mode, cap, minutes), e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

/* the agent who gets the next ticket, 0 when nobody can take one */
static long long choose(svc *s, long long team_id, const team_assign *ta, long long skip, herr *e, int *err)
{
    assign_candidate *c;
    int n;
    *err = 0;
    if (store_team_candidates(s->db, s->a, team_id, &c, &n, e)) return *err = -1, 0;
    long long best = 0;
    int best_open = 0;
    for (int round = 0; round < 2 && !best; round++) /* round robin: after the last one, then from the top */
        for (int i = 0; i < n; i++) {
            long long cap = c[i].max_open >= 0 ? c[i].max_open : ta->cap;
            if (c[i].agent_id == skip || (cap >= 0 && c[i].open >= cap)) continue;
            if (!strcmp(ta->mode, "least_open")) {
                if (!best || c[i].open < best_open) best = c[i].agent_id, best_open = c[i].open;
            } else if (round == 1 || c[i].agent_id > ta->last_agent) {
                best = c[i].agent_id;
                break;
            }
        }
    return best;
}

int svc_assign_maybe(svc *s, ticket_rec *t, long long skip, herr *e)
{
    if (!t->team_id || t->owner_id > 0 || !strcmp(t->status, "solved") || !strcmp(t->status, "closed")) return 0;
    team_assign ta;
    int found = store_team_assign_get(s->db, t->team_id, &ta, e);
    if (found <= 0 || !strcmp(ta.mode, "off")) return found < 0 ? -1 : 0;
    int err;
    long long who = choose(s, t->team_id, &ta, skip, e, &err);
    if (err) return -1;
    if (!who) return 0; /* nobody in, or all at their cap: it waits in the pool */
    char now[ISO_LEN];
    svc_now_iso(s, now);
    t->owner_id = who;
    if (!strcmp(t->status, "new")) t->status = "open";
    t->updated_at = arena_strdup(s->a, now);
    ta.last_agent = who;
    if (store_audit_insert(s->db, now, 0, "ticket", t->id, "owner", NULL, arena_printf(s->a, "%lld", who), e) ||
        store_ticket_update(s->db, t, e) || store_team_assign_set(s->db, t->team_id, &ta, e) ||
        svc_notify(s, who, "assigned", t->id, arena_printf(s->a, "#%lld is yours: %s", t->id, t->subject), NULL, e))
        return -1;
    if (ta.reassign_minutes > 0 &&
        svc_job_add(s, ASSIGN_JOB, t->id, NULL, arena_printf(s->a, "%lld %s", who, now), svc_now(s) + ta.reassign_minutes * 60,
                    NULL, e))
        return -1;
    return 0;
}

static bool paused(const char *st) { return !strcmp(st, "pending") || !strcmp(st, "on-hold"); }

int svc_assign_reclaim_job(svc *s, const job_rec *j, job_result *r, herr *e)
{
    r->outcome = JOB_DONE;
    long long who;
    char since[ISO_LEN + 1];
    if (sscanf(j->payload, "%lld %21s", &who, since) != 2) return 0;
    ticket_rec t;
    int found = store_ticket_by_id(s->db, s->a, j->ref_id, &t, e);
    if (found <= 0) return found;
    if (t.owner_id != who || !strcmp(t.status, "solved") || !strcmp(t.status, "closed") || paused(t.status)) return 0;
    /* answered since it was assigned: it stays */
    message_rec *m;
    int n;
    if (store_message_list(s->db, s->a, t.id, &m, &n, e)) return -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(m[i].kind, "reply") && m[i].author_agent_id == who && strcmp(m[i].created_at, since) >= 0) return 0;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    t.owner_id = 0;
    if (store_audit_insert(s->db, now, 0, "ticket", t.id, "owner", arena_printf(s->a, "%lld", who), NULL, e) ||
        store_ticket_update(s->db, &t, e) ||
        svc_notify(s, who, "assigned", t.id, arena_printf(s->a, "#%lld went back to the pool: no reply in time", t.id), t.subject, e))
        return -1;
    return svc_assign_maybe(s, &t, who, e);
}
