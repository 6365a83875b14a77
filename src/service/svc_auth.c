/* Logins, browser sessions and API tokens. Passwords are argon2id hashes
 * (libsodium crypto_pwhash_str); session ids and API tokens are 32 random bytes
 * of which only a BLAKE2b hash is stored, so a copy of the database opens no door. */
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include "service/service.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"


void svc_secret_hash(const char *secret, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

const char *svc_random_secret(arena *a, const char *prefix)
{
    unsigned char raw[32];
    char hex[65];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return arena_printf(a, "%s%s", prefix, hex);
}

/* A hash of a random password with the same parameters as agents' hashes, made once:
 * a sign-in with an unknown email (or an agent without a password) is checked against
 * it, so it costs the same time as a known one and the answer's delay tells nothing. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void dummy_make(void)
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    if (crypto_pwhash_str(dummy_hash, (const char *)raw, sizeof raw, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = 0; /* out of memory: verify then fails at once */
}

int svc_login(svc *s, const char *email, const char *password, agent_rec *agent, herr *e)
{
    const char *hash = NULL;
    int found = store_agent_by_email(s->db, s->a, email ? email : "", agent, &hash, e);
    if (found < 0) return -1;
    if (!password) password = "";
    if (!found || !hash) {
        pthread_once(&dummy_once, dummy_make);
        hash = dummy_hash;
    }
    /* always exactly one argon2id verification, whatever the email */
    bool match = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    if (!found || hash == dummy_hash || !agent->active || !match)
        return herr_set(e, 401, "bad_login", "", "wrong email or password");
    return 0;
}

int svc_session_create(svc *s, long long agent_id, const char **session_token, const char **csrf, herr *e)
{
    return svc_session_start(s, agent_id, NULL, NULL, session_token, csrf, e);
}

int svc_session_lookup(svc *s, const char *session_token, agent_rec *agent, const char **csrf, herr *e)
{
    long long agent_id;
    if (!session_token || strlen(session_token) != 64) return 0;
    int found = svc_session_find_touch(s, session_token, &agent_id, csrf, e); /* svc_accounts.c */
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
    return svc_token_create_named(s, email, NULL, NULL, token, e);
}

int svc_token_create_named(svc *s, const char *email, const char *name, const char *expires_at, const char **token,
                           herr *e)
{
    agent_rec agent;
    long long id;
    int found = store_agent_by_email(s->db, s->a, email ? email : "", &agent, NULL, e);
    if (found < 0) return -1;
    if (!found) return herr_set(e, 404, "not_found", "email", "no agent with email %.100s", email ? email : "");
    return svc_token_create_for(s, agent.id, name && *name ? name : "heed token create", expires_at, &id, token, e); /* svc_accounts.c */
}

int svc_token_lookup(svc *s, const char *token, agent_rec *agent, herr *e)
{
    time_t expires;
    return svc_token_check(s, token, agent, &expires, e); /* svc_accounts.c: expiry, revocation, last use */
}
