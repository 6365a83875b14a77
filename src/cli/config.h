#ifndef HEED_CONFIG_H
#define HEED_CONFIG_H
/* Settings, from (highest first) command-line flags, HEED_* environment
 * variables, an optional ./heed.conf (or --config FILE) of `key = value`
 * lines, and defaults. Keys: db, listen, threads, max_body, log_level, coach_lexicon, and for
 * outbound mail smtp_url, smtp_user, smtp_password, smtp_ca_file, mail_from, mail_domain,
 * mail_expire; timezone (HEED_TZ: agents' default time zone); public_url, max_conns_per_ip,
 * request_deadline (docs/SECURITY.md). A flag may be spelled with - or _ (--coach-lexicon, --max_body). */
#include <stdbool.h>
#include <stddef.h>

struct config {
    char db[512];
    char host[64];
    int port;
    int threads;
    size_t max_body;
    /* outbound mail (docs/MAIL.md): smtp_url empty = sending disabled, mail stays queued */
    char smtp_url[512], smtp_user[256], smtp_password[256], mail_from[320], mail_domain[256], smtp_ca_file[512];
    /* an organisation's coach lexicon (docs/COACH.md), loaded by heed serve; empty = none */
    char coach_lexicon[512];
    /* the time zone of agents who have not chosen one (docs/COACH.md); empty = UTC */
    char timezone[64];
    long long mail_expire; /* seconds queued mail may wait before it fails (default 3 days) */
    /* the address people reach heed at (https://help.example.com); https:// makes cookies Secure */
    char public_url[512];
    int max_conns_per_ip;       /* open connections one client address may hold (default 64) */
    int events_heartbeat;       /* seconds between heartbeats on an idle event stream (0: 20) */
    long long request_deadline; /* seconds a request's head and body may take in all (default 30) */
    /* forged mail (docs/MAIL.md): the authserv-id of the operator's own Authentication-Results
     * (empty = not checked), and what unverified mail does: new-ticket (default) or warn */
    char mail_authserv_id[256], mail_unverified[16];
    bool help;
    /* flags a command accepts beyond the common ones are left in rest[] */
    char *rest[32];
    int nrest;
};

/* Fills cfg; returns 0, or 2 with a message on stderr for a bad flag/value. */
int config_load(struct config *cfg, int argc, char **argv);
/* finds "--name VALUE" or "--name=VALUE" among cfg->rest; NULL if absent */
const char *config_flag(struct config *cfg, const char *name);
bool config_has(struct config *cfg, const char *name);
/* "3d", "72h", "90m", "30s" (1 second to 365 days) to seconds; false if not one */
bool config_duration(const char *val, long long *seconds);
/* opens cfg->db and applies migrations; prints the error and returns NULL on failure */
struct db *config_open_db(struct config *cfg);

#endif
