/* Agents' notifications: who is told what, and the @mentions of internal notes. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "service/svc_notify.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

/* text cut to at most max bytes at a word (or a UTF-8 boundary), with "…" when cut */
static const char *excerpt(arena *a, const char *text, size_t max)
{
    size_t len = strlen(text);
    if (len <= max) return text;
    size_t cut = max;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--; /* not inside a character */
    size_t word = cut;
    while (word > max / 2 && text[word] != ' ') word--;
    if (text[word] == ' ') cut = word;
    return arena_printf(a, "%.*s…", (int)cut, text);
}

int svc_notify(svc *s, long long agent_id, const char *kind, long long ticket_id, const char *title, const char *body,
               herr *e)
{
    if (agent_id <= 0 || (s->actor && s->actor->id == agent_id)) return 0;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    notification_rec n = {.agent_id = agent_id, .kind = kind, .ticket_id = ticket_id,
                          .actor_id = s->actor ? s->actor->id : 0,
                          .title = excerpt(s->a, title, NOTIFY_TITLE_MAX),
                          .body = body && *body ? excerpt(s->a, body, NOTIFY_BODY_MAX) : NULL,
                          .url = ticket_id ? arena_printf(s->a, "/tickets/%lld", ticket_id) : NULL, .created_at = now};
    return store_notification_add(s->db, &n, NULL, e);
}

int svc_notify_supervisors(svc *s, long long agent_id, const char *kind, long long ticket_id, const char *title,
                           const char *body, herr *e)
{
    agent_rec *all, *who = NULL;
    int n;
    if (store_agent_list(s->db, s->a, &all, &n, e)) return -1;
    for (int i = 0; i < n && !who; i++)
        if (all[i].id == agent_id) who = &all[i];
    /* the team's supervisors; else every supervisor; else the admins */
    const char *const tiers[] = {"supervisor", "supervisor", "admin"};
    for (int tier = 0; tier < 3; tier++) {
        int told = 0;
        for (int i = 0; i < n; i++) {
            if (!all[i].active || strcmp(all[i].role, tiers[tier]) || all[i].id == agent_id) continue;
            if (tier == 0 && (!who || !who->team_id || all[i].team_id != who->team_id)) continue;
            if (svc_notify(s, all[i].id, kind, ticket_id, title, body, e)) return -1;
            told++;
        }
        if (told) return 0;
    }
    return 0;
}

/* does the handle (after @) name this agent? */
static bool names(const agent_rec *a, const char *h, size_t n)
{
    const char *at = strchr(a->email, '@');
    if (at && (size_t)(at - a->email) == n && !strncasecmp(a->email, h, n)) return true;
    size_t first = strcspn(a->name, " ");
    if (first == n && !strncasecmp(a->name, h, n)) return true;
    /* the whole name without its spaces */
    size_t i = 0;
    for (const char *p = a->name; *p; p++) {
        if (*p == ' ') continue;
        if (i >= n || tolower((unsigned char)*p) != tolower((unsigned char)h[i])) return false;
        i++;
    }
    return i == n;
}

static bool handle_char(char c) { return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-'; }

int svc_notify_mentions(svc *s, long long ticket_id, const char *body, int *count, herr *e)
{
    if (count) *count = 0;
    if (!strchr(body, '@')) return 0;
    agent_rec *agents;
    int na;
    if (store_agent_list(s->db, s->a, &agents, &na, e)) return -1;
    bool *told = arena_alloc(s->a, (size_t)na + 1);
    memset(told, 0, (size_t)na + 1);
    for (const char *p = body; (p = strchr(p, '@'));) {
        /* an email address (ada@example.com) is not a mention: the @ follows a word */
        bool starts = p == body || !handle_char(p[-1]);
        const char *h = ++p;
        while (handle_char(*p)) p++;
        size_t n = (size_t)(p - h);
        while (n && (h[n - 1] == '.' || h[n - 1] == '-')) n--; /* "@ada." ends a sentence */
        if (!starts || !n) continue;
        for (int i = 0; i < na; i++) {
            if (told[i] || !agents[i].active || !names(&agents[i], h, n)) continue;
            told[i] = true;
            const char *who = s->actor ? s->actor->name : "Someone";
            if (svc_notify(s, agents[i].id, "mention", ticket_id,
                           arena_printf(s->a, "%s mentioned you on #%lld", who, ticket_id), body, e))
                return -1;
            if (count && (!s->actor || s->actor->id != agents[i].id)) (*count)++;
        }
    }
    return 0;
}

int svc_notifications(svc *s, bool unread_only, long long before_id, int limit, notification_rec **out, int *n,
                      int *unread, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "notifications belong to a signed-in agent");
    if (limit < 1 || limit > 100) return HERR_INVALID(e, "limit", "limit must be 1..100");
    if (store_notifications_list(s->db, s->a, s->actor->id, unread_only, before_id, limit, out, n, e)) return -1;
    return unread ? store_notifications_unread(s->db, s->actor->id, unread, e) : 0;
}

int svc_notifications_unread(svc *s, int *unread, herr *e)
{
    *unread = 0;
    return s->actor ? store_notifications_unread(s->db, s->actor->id, unread, e) : 0;
}

int svc_notifications_read(svc *s, long long id, int *changed, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "notifications belong to a signed-in agent");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (id) {
        long long owner = 0;
        int found = store_notification_owner(s->db, id, &owner, e);
        if (found < 0) goto fail;
        if (!found || owner != s->actor->id) { /* another agent's is as good as none */
            herr_set(e, 404, "not_found", NULL, "no notification %lld", id);
            goto fail;
        }
    }
    if (store_notifications_mark_read(s->db, s->actor->id, id, now, changed, e)) goto fail;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}
