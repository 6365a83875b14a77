/* Logins, browser sessions and API tokens. Passwords are argon2id hashes
 * (libsodium crypto_pwhash_str); session ids and API tokens are 32 random bytes
 * of which only a BLAKE2b hash is stored, so a copy of the database opens no door. */
#include <sodium.h>
#include <string.h>
#include "service/service.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

enum { SESSION_DAYS = 14 };

void svc_secret_hash(const char *secret, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static const char *random_secret(arena *a, const char *prefix)
{
    unsigned char raw[32];
    char hex[65];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return arena_printf(a, "%s%s", prefix, hex);
}

int svc_login(svc *s, const char *email, const char *password, agent_rec *agent, herr *e)
{
    const char *hash = NULL;
    int found = store_agent_by_email(s->db, s->a, email ? email : "", agent, &hash, e);
    if (found < 0) return -1;
    if (!found || !hash || !agent->active || !password ||
        crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
        return herr_set(e, 401, "bad_login", "", "wrong email or password");
    return 0;
}

int svc_session_create(svc *s, long long agent_id, const char **session_token, const char **csrf, herr *e)
{
    char now[ISO_LEN], expires[ISO_LEN], hash[65];
    time_iso_now(now);
    time_iso(time(NULL) + SESSION_DAYS * 86400, expires);
    *session_token = random_secret(s->a, "");
    *csrf = random_secret(s->a, "");
    svc_secret_hash(*session_token, hash);
    return store_session_insert(s->db, hash, agent_id, *csrf, now, expires, e);
}

int svc_session_lookup(svc *s, const char *session_token, agent_rec *agent, const char **csrf, herr *e)
{
    char now[ISO_LEN], hash[65];
    long long agent_id;
    if (!session_token || strlen(session_token) != 64) return 0;
    time_iso_now(now);
    svc_secret_hash(session_token, hash);
    int found = store_session_get(s->db, s->a, hash, now, &agent_id, csrf, e);
    if (found <= 0) return found;
    return store_agent_by_id(s->db, s->a, agent_id, agent, e);
}

int svc_session_end(svc *s, const char *session_token, herr *e)
{
    char hash[65];
    svc_secret_hash(session_token, hash);
    return store_session_delete(s->db, hash, e);
}

int svc_token_create(svc *s, const char *email, const char **token, herr *e)
{
    agent_rec agent;
    char now[ISO_LEN], hash[65];
    int found = store_agent_by_email(s->db, s->a, email ? email : "", &agent, NULL, e);
    if (found < 0) return -1;
    if (!found) return herr_set(e, 404, "not_found", "email", "no agent with email %.100s", email ? email : "");
    *token = random_secret(s->a, "heed_");
    svc_secret_hash(*token, hash);
    time_iso_now(now);
    if (db_begin(s->db, e)) return -1;
    if (store_token_insert(s->db, agent.id, hash, now, e) ||
        store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "agent", agent.id, "token_create", NULL, NULL, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_token_lookup(svc *s, const char *token, agent_rec *agent, herr *e)
{
    char hash[65];
    long long agent_id;
    if (!token || strncmp(token, "heed_", 5) || strlen(token) != 69) return 0;
    svc_secret_hash(token, hash);
    int found = store_token_agent(s->db, hash, &agent_id, e);
    if (found <= 0) return found;
    return store_agent_by_id(s->db, s->a, agent_id, agent, e);
}
