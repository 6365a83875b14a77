/* Agents and teams. */
#include <sodium.h>
#include <string.h>
#include "service/service.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "util/tz.h"

bool svc_role_valid(const char *role)
{
    return role && (!strcmp(role, "agent") || !strcmp(role, "supervisor") || !strcmp(role, "admin"));
}

static bool actor_is_admin(const svc *s) { return !s->actor || !strcmp(s->actor->role, "admin"); }

int svc_agent_add(svc *s, const char *email, const char *name, const char *role, const char *password,
                  const char *team_name, long long *id, herr *e)
{
    if (!actor_is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can add agents");
    if (check_email("email", email, e) || check_text("name", name, NAME_MAX_LEN, false, e)) return -1;
    if (!svc_role_valid(role)) return HERR_INVALID(e, "role", "role must be agent, supervisor or admin");
    if (password) {
        size_t n = strlen(password);
        if (n < PASSWORD_MIN || n > PASSWORD_MAX)
            return HERR_INVALID(e, "password", "password must be %d to %d characters", PASSWORD_MIN, PASSWORD_MAX);
    }
    long long team_id = 0;
    if (team_name && *team_name) {
        team_rec t;
        int found = store_team_by_name(s->db, s->a, team_name, &t, e);
        if (found < 0) return -1;
        if (!found) return HERR_INVALID(e, "team", "no team named %.100s", team_name);
        team_id = t.id;
    }
    char hash[crypto_pwhash_STRBYTES] = "";
    if (password && crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return HERR_INTERNAL(e, "cannot hash password (out of memory)");
    char *lower = arena_strdup(s->a, email);
    str_lower(lower);
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_agent_insert(s->db, lower, name, role, password ? hash : NULL, team_id, now, id, e)) {
        db_rollback(s->db);
        if (e && e->status == 409) return herr_set(e, 409, "conflict", "email", "an agent with email %.100s exists", email);
        return -1;
    }
    if (store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "agent", *id, "create", NULL, role, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_agent_get(svc *s, long long id, agent_rec *out, herr *e) { return store_agent_by_id(s->db, s->a, id, out, e); }
int svc_agent_list(svc *s, agent_rec **out, int *n, herr *e) { return store_agent_list(s->db, s->a, out, n, e); }
int svc_team_list(svc *s, team_rec **out, int *n, herr *e) { return store_team_list(s->db, s->a, out, n, e); }

const char *svc_agent_zone(const agent_rec *a, const char *server_default)
{
    if (a && a->timezone && *a->timezone) return a->timezone;
    return server_default && *server_default ? server_default : "UTC";
}

int svc_agent_set_timezone(svc *s, long long id, const char *tz, agent_rec *out, herr *e)
{
    if (s->actor && s->actor->id != id && strcmp(s->actor->role, "admin"))
        return herr_set(e, 403, "forbidden", "", "only an admin can change another agent's time zone");
    if (tz && !*tz) tz = NULL;
    if (tz && !tz_valid(tz))
        return HERR_INVALID(e, "timezone", "unknown time zone \"%.64s\": use an IANA name like America/New_York", tz);
    int found = store_agent_by_id(s->db, s->a, id, out, e);
    if (found <= 0) return found < 0 ? -1 : herr_set(e, 404, "not_found", "", "agent not found");
    const char *before = out->timezone;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_agent_set_timezone(s->db, id, tz, e) ||
        store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "agent", id, "timezone", before, tz, e)) {
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    out->timezone = tz ? arena_strdup(s->a, tz) : NULL;
    return 0;
}

int svc_team_add(svc *s, const char *name, long long *id, herr *e)
{
    if (!actor_is_admin(s)) return herr_set(e, 403, "forbidden", "", "only an admin can add teams");
    if (check_text("name", name, NAME_MAX_LEN, false, e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_team_insert(s->db, name, now, id, e)) {
        db_rollback(s->db);
        if (e && e->status == 409) return herr_set(e, 409, "conflict", "name", "a team named %.100s exists", name);
        return -1;
    }
    if (store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "team", *id, "create", NULL, name, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
