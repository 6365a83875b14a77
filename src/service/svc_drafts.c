/* Drafts: what an agent has typed and not sent, kept per agent and ticket so that it
 * survives a change of the page, a reload, a crashed tab and a sign-out. They are the
 * agent's own scratch, not the team's record: no audit rows. Sending clears the draft
 * (svc_ticket_add_message_if, in the message's transaction). */
#include <string.h>
#include "service/service.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

static int need_agent(svc *s, herr *e)
{
    return s->actor ? 0 : herr_set(e, 403, "forbidden", "", "drafts belong to an agent");
}

int svc_draft_save(svc *s, long long ticket_id, const char *kind, const char *body, herr *e)
{
    if (need_agent(s, e)) return -1;
    if (!kind || (strcmp(kind, "reply") && strcmp(kind, "note"))) return HERR_INVALID(e, "kind", "kind must be reply or note");
    if (!body) return herr_set(e, 400, "missing_field", "body", "body is required");
    size_t n = strlen(body);
    if (n > BODY_MAX) return HERR_INVALID(e, "body", "a draft may be at most %d bytes", BODY_MAX);
    if (!utf8_valid(body, n)) return HERR_INVALID(e, "body", "body must be valid UTF-8");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, ticket_id, &t, e)) goto fail;
    /* an empty draft is no draft: the box was cleared */
    if (strspn(body, " \t\r\n") == n ? store_draft_delete(s->db, s->actor->id, ticket_id, e)
                                     : store_draft_put(s->db, s->actor->id, ticket_id, kind, body, now, e))
        goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_draft_get(svc *s, long long ticket_id, draft_rec *out, herr *e)
{
    if (need_agent(s, e)) return -1;
    return store_draft_get(s->db, s->a, s->actor->id, ticket_id, out, e);
}

int svc_draft_delete(svc *s, long long ticket_id, herr *e)
{
    if (need_agent(s, e)) return -1;
    if (db_begin(s->db, e)) return -1;
    if (store_draft_delete(s->db, s->actor->id, ticket_id, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_draft_tickets(svc *s, long long **ids, int *n, herr *e)
{
    *ids = NULL;
    *n = 0;
    return s->actor ? store_draft_tickets(s->db, s->a, s->actor->id, ids, n, e) : 0;
}
