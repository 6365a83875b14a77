/* Focus mode: the one ticket to work now. See svc_focus.h. */
#include <stdlib.h>
#include <string.h>
#include "service/svc_focus.h"
#include "service/validate.h"
#include "util/timeutil.h"

static bool lead(const svc *s)
{
    return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin"));
}

static bool is_busy(long long id, const long long *busy, int nbusy)
{
    for (int i = 0; i < nbusy; i++)
        if (busy[i] == id) return true;
    return false;
}

/* a candidate in the order focus mode takes them: tier, then score, then the store's order */
typedef struct ranked {
    int tier; /* 0 an overdue promise, 1 an SLA due soon or past, 2 the rest */
    int score, pos;
    focus_candidate *c;
    attention *att;
} ranked;

static int by_rank(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->tier != b->tier) return a->tier - b->tier;
    if (a->tier == 2 && a->score != b->score) return b->score - a->score; /* the customer's side */
    return a->pos - b->pos; /* the store's order: due times, priority, the longest wait */
}

int svc_focus_next(svc *s, const long long *busy, int nbusy, focus_pick *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "focus mode is an agent's");
    char now[ISO_LEN], soon[ISO_LEN];
    svc_now_iso(s, now);
    time_iso(svc_now(s) + FOCUS_SLA_SOON_MINUTES * 60, soon);
    focus_candidate *cand;
    int n;
    /* a colleague may have the first few open: a page of candidates is plenty */
    if (store_focus_candidates(s->db, s->a, s->actor->id, now, FOCUS_CANDIDATES, &cand, &n, e)) return -1;
    if (!n) return 0;
    attention_row *rows = arena_alloc(s->a, sizeof *rows * (size_t)n);
    attention *att = arena_alloc(s->a, sizeof *att * (size_t)n);
    ranked *rank = arena_alloc(s->a, sizeof *rank * (size_t)n);
    for (int i = 0; i < n; i++) rows[i] = cand[i].waiting;
    svc_attention_rows(s, rows, n, att);
    for (int i = 0; i < n; i++)
        rank[i] = (ranked){.tier = cand[i].promise_due ? 0 : cand[i].sla_due && strcmp(cand[i].sla_due, soon) <= 0 ? 1 : 2,
                           .score = att[i].score, .pos = i, .c = &cand[i], .att = &att[i]};
    qsort(rank, (size_t)n, sizeof *rank, by_rank);
    for (int k = 0; k < n; k++) {
        const focus_candidate *c = rank[k].c;
        if (is_busy(c->ticket_id, busy, nbusy)) continue;
        memset(out, 0, sizeof *out);
        if (svc_ticket_get(s, c->ticket_id, &out->ticket, e)) return -1;
        const ticket_rec *t = &out->ticket;
        out->promise_due = c->promise_due;
        out->sla_due = c->sla_due;
        out->attention = *rank[k].att;
        if (c->promise_due) out->why[out->nwhy++] = arena_printf(s->a, "a promise to the customer was due %s", c->promise_due);
        if (c->sla_due)
            out->why[out->nwhy++] = strcmp(c->sla_due, now) <= 0 ? arena_printf(s->a, "its SLA was due %s", c->sla_due)
                                                                    : arena_printf(s->a, "its SLA is due %s", c->sla_due);
        if (out->attention.score) {
            buf why;
            buf_init(&why, 128);
            buf_printf(&why, "needs attention %d: ", out->attention.score);
            for (int r = 0; r < out->attention.nreasons; r++) buf_printf(&why, "%s%s", r ? ", " : "", out->attention.reasons[r]);
            out->why[out->nwhy++] = arena_strndup(s->a, why.p, why.len);
            buf_free(&why);
        }
        if (!strcmp(t->priority, "urgent") || !strcmp(t->priority, "high"))
            out->why[out->nwhy++] = arena_printf(s->a, "%s priority", t->priority);
        out->why[out->nwhy++] = arena_printf(s->a, "%s since %s", t->owner_id ? "yours" : "nobody's yet", t->updated_at);
        return 1;
    }
    return 0;
}

int svc_focus_skip(svc *s, long long ticket_id, const char *reason, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "focus mode is an agent's");
    if (check_saying("reason", reason, FOCUS_REASON_MAX, 3, 1, "why you skip it", e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, ticket_id, &t, e)) return -1;
    char now[ISO_LEN], until[ISO_LEN];
    time_t at = svc_now(s);
    time_iso(at, now);
    time_iso(at + FOCUS_SKIP_HOURS * 3600, until);
    if (db_begin(s->db, e)) return -1;
    if (store_focus_skip(s->db, s->actor->id, ticket_id, reason, now, until, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_focus_skips(svc *s, int days, focus_skip_rec **out, int *n, herr *e)
{
    if (!lead(s)) return herr_set(e, 403, "forbidden", NULL, "supervisors and admins see the skips");
    char since[ISO_LEN];
    time_iso(svc_now(s) - (time_t)(days > 0 ? days : 7) * 86400, since);
    return store_focus_skips(s->db, s->a, since, 200, out, n, e);
}
