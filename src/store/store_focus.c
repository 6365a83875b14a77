/* Focus mode's queries: the candidates for "the ticket to work now", and skips. See svc_focus.c. */
#include "store/store.h"

int store_focus_candidates(db *d, arena *a, long long agent_id, const char *now, int limit, focus_candidate **out, int *n,
                           herr *e)
{
    /* the agent's own and unowned tickets that wait for us (the customer spoke last, or a
     * promise is overdue), the most pressing first: an overdue promise, then the SLA's next
     * due time, then priority, then the longest wait */
    db_stmt *s = db_prep(d, "SELECT t.id, c.due, sla.next_due, w.waiting_since, w.writes, w.cues, coalesce(p.calendar_id, 0)"
                            " FROM tickets t"
                            " LEFT JOIN ticket_sla sla ON sla.ticket_id = t.id"
                            " LEFT JOIN sla_policies p ON p.id = sla.policy_id"
                            " LEFT JOIN ticket_attention w ON w.ticket_id = t.id"
                            " LEFT JOIN (SELECT ticket_id, min(due_at) AS due FROM commitments"
                            "            WHERE state = 'open' AND due_at <= ?2 GROUP BY ticket_id) c ON c.ticket_id = t.id"
                            " WHERE t.status IN ('new','open') AND (t.owner_id = ?1 OR t.owner_id IS NULL)"
                            /* the customer spoke last (we owe an answer), or a promise to them is overdue */
                            "   AND (c.due IS NOT NULL OR coalesce((SELECT m.kind FROM messages m WHERE m.ticket_id = t.id"
                            "        AND m.kind <> 'note' ORDER BY m.id DESC LIMIT 1), '') <> 'reply')"
                            "   AND NOT EXISTS (SELECT 1 FROM focus_skips k WHERE k.agent_id = ?1 AND k.ticket_id = t.id AND k.until > ?2)"
                            " ORDER BY CASE WHEN c.due IS NULL THEN 1 ELSE 0 END, c.due,"
                            "   CASE WHEN sla.next_due IS NULL THEN 1 ELSE 0 END, sla.next_due,"
                            "   CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,"
                            "   t.updated_at, t.id LIMIT ?3");
    if (!s) return HERR_INTERNAL(e, "cannot prepare focus candidates");
    db_bind_int(s, 1, agent_id);
    db_bind_text(s, 2, now);
    db_bind_int(s, 3, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        focus_candidate *c = arena_push(a, out, n, &cap, sizeof **out);
        c->ticket_id = db_col_int(s, 0);
        c->promise_due = db_col_is_null(s, 1) ? NULL : arena_strdup(a, db_col_text(s, 1));
        c->sla_due = db_col_is_null(s, 2) ? NULL : arena_strdup(a, db_col_text(s, 2));
        c->waiting = (attention_row){.ticket_id = c->ticket_id, .waiting_since = db_col_is_null(s, 3) ? NULL : arena_strdup(a, db_col_text(s, 3)),
                                     .writes = (int)db_col_int(s, 4), .cues = (unsigned)db_col_int(s, 5), .calendar_id = db_col_int(s, 6)};
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (focus)") : 0;
}

int store_focus_skip(db *d, long long agent_id, long long ticket_id, const char *reason, const char *now, const char *until,
                     herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO focus_skips(agent_id, ticket_id, reason, created_at, until) VALUES (?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare focus skip");
    db_bind_int(s, 1, agent_id);
    db_bind_int(s, 2, ticket_id);
    db_bind_text(s, 3, reason);
    db_bind_text(s, 4, now);
    db_bind_text(s, 5, until);
    return db_exec_stmt(s, e);
}

int store_focus_skips(db *d, arena *a, const char *since, int limit, focus_skip_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT k.id, k.agent_id, ag.name, k.ticket_id, t.subject, k.reason, k.created_at"
                            " FROM focus_skips k JOIN agents ag ON ag.id = k.agent_id JOIN tickets t ON t.id = k.ticket_id"
                            " WHERE k.created_at >= ? ORDER BY k.id DESC LIMIT ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare focus skips");
    db_bind_text(s, 1, since);
    db_bind_int(s, 2, limit);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        focus_skip_rec *k = arena_push(a, out, n, &cap, sizeof **out);
        k->id = db_col_int(s, 0);
        k->agent_id = db_col_int(s, 1);
        k->agent_name = arena_strdup(a, db_col_text(s, 2));
        k->ticket_id = db_col_int(s, 3);
        k->ticket_subject = arena_strdup(a, db_col_text(s, 4));
        k->reason = arena_strdup(a, db_col_text(s, 5));
        k->created_at = arena_strdup(a, db_col_text(s, 6));
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (focus skips)") : 0;
}
