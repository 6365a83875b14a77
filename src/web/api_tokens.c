/* /api/v1/tokens (list, create, revoke) and an admin's deactivate/reactivate of an agent. */
#include <stdlib.h>
#include <string.h>
#include "web/api.h"
#include "web/handlers.h"

static void write_token(jw *j, const token_rec *t)
{
    jw_obj(j);
    jw_kint(j, "id", t->id);
    jw_kstr(j, "name", t->name);
    jw_key(j, "agent");
    jw_obj(j);
    jw_kint(j, "id", t->agent_id);
    jw_kstr(j, "name", t->agent_name);
    jw_kstr(j, "email", t->agent_email);
    jw_end_obj(j);
    jw_kstr(j, "created_at", t->created_at);
    jw_kstr(j, "expires_at", t->expires_at);
    jw_kstr(j, "last_used_at", t->last_used_at);
}

/* GET /api/v1/tokens[?agent=ID|all]: your own tokens; an admin may ask for another agent's or all */
void api_token_list(req *r, resp *w)
{
    static const char *const allowed[] = {"agent", NULL};
    if (!api_check_query(r, w, allowed)) return;
    const char *who = req_query(r, "agent");
    long long agent_id = r->agent.id;
    if (who && !strcmp(who, "all")) agent_id = 0;
    else if (who) {
        char *end;
        agent_id = strtoll(who, &end, 10);
        if (!*who || *end || agent_id <= 0)
            return resp_json_error(w, 400, "invalid", "agent", "agent must be an agent id or \"all\"");
    }
    token_rec *list;
    int n;
    herr e;
    if (svc_token_list(&r->s, agent_id, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "tokens");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        write_token(&j, &list[i]);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
}

/* POST /api/v1/tokens {"name": "...", "expires_at": "2027-01-31T00:00:00Z" | null}: a token for
 * yourself; its secret is in this answer only */
void api_token_create(req *r, resp *w)
{
    static const char *const fields[] = {"name", "expires_at", NULL};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *name = NULL, *expires = NULL;
    json_t *x = json_object_get(o, "expires_at");
    if (api_get_str(w, o, "name", "name", true, &name) &&
        (!x || json_is_null(x) || api_get_str(w, o, "expires_at", "expires_at", false, &expires))) {
        long long id;
        const char *token;
        token_rec t;
        herr e;
        if (svc_token_create_for(&r->s, r->agent.id, name, expires, &id, &token, &e)) resp_herr(w, &e);
        else if (svc_token_get(&r->s, id, &t, &e) != 1) resp_herr(w, &e);
        else {
            jw j;
            api_begin(w, 201, &j);
            write_token(&j, &t);
            jw_kstr(&j, "token", token);
            jw_end_obj(&j);
        }
    }
    json_decref(o);
}

/* DELETE /api/v1/tokens/{id} */
void api_token_revoke(req *r, resp *w)
{
    long long id;
    herr e;
    if (!api_path_id(r, w, "token", &id)) return;
    if (svc_token_revoke(&r->s, id, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kint(&j, "id", id);
    jw_kbool(&j, "revoked", true);
    jw_end_obj(&j);
}

static void set_active(req *r, resp *w, bool active)
{
    long long id;
    agent_rec a;
    herr e;
    if (!api_path_id(r, w, "agent", &id)) return;
    if (svc_agent_set_active(&r->s, id, active, &e) || svc_agent_get(&r->s, id, &a, &e) != 1) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    api_write_agent(&j, &a);
}

void api_agent_deactivate(req *r, resp *w) { set_active(r, w, false); }
void api_agent_reactivate(req *r, resp *w) { set_active(r, w, true); }
