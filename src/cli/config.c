#include "cli/config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mail/mail_out.h"
#include "service/service.h"
#include "service/svc_goodwill.h"
#include "service/svc_sla.h"
#include "service/svc_webhooks.h"
#include "service/svc_mail_auth.h"
#include "store/db.h"
#include "util/log.h"
#include "util/text.h"
#include "util/tz.h"

/* the outbound mail settings and the coach lexicon's path: plain strings */
static bool mail_setting(struct config *c, const char *key, char **dst, size_t *cap)
{
#define MAIL_KEY(k)                                       \
    if (!strcmp(key, #k)) {                               \
        *dst = c->k;                                      \
        *cap = sizeof c->k;                               \
        return true;                                      \
    }
    MAIL_KEY(smtp_url)
    MAIL_KEY(smtp_user)
    MAIL_KEY(smtp_password)
    MAIL_KEY(smtp_ca_file)
    MAIL_KEY(mail_from)
    MAIL_KEY(mail_domain)
    MAIL_KEY(coach_lexicon) /* a path, read by heed serve */
    MAIL_KEY(mail_authserv_id)
#undef MAIL_KEY
    return false;
}

bool config_duration(const char *val, long long *out)
{
    size_t n = strlen(val);
    if (n < 2) return false;
    char unit = val[n - 1], digits[24];
    if (n - 1 >= sizeof digits) return false;
    memcpy(digits, val, n - 1);
    digits[n - 1] = 0;
    long long v;
    if (!parse_id(digits, &v)) return false;
    long long mul = unit == 'd' ? 86400 : unit == 'h' ? 3600 : unit == 'm' ? 60 : unit == 's' ? 1 : 0;
    if (!mul || v > 365LL * 86400 / mul) return false;
    *out = v * mul;
    return true;
}

static int set(struct config *c, const char *key, const char *val, const char *from)
{
    char *dst;
    size_t cap;
    if (!strcmp(key, "db")) {
        if (!*val || strlen(val) >= sizeof c->db) goto bad;
        snprintf(c->db, sizeof c->db, "%s", val);
    } else if (!strcmp(key, "listen")) {
        const char *colon = strrchr(val, ':');
        long long port;
        if (!colon || colon == val || (size_t)(colon - val) >= sizeof c->host || !parse_id(colon + 1, &port) || port > 65535) goto bad;
        snprintf(c->host, sizeof c->host, "%.*s", (int)(colon - val), val);
        c->port = (int)port;
    } else if (!strcmp(key, "threads")) {
        long long n;
        if (!parse_id(val, &n) || n > 64) goto bad;
        c->threads = (int)n;
    } else if (!strcmp(key, "max_body")) {
        long long n;
        if (!parse_id(val, &n) || n < 1024 || n > 64LL << 20) goto bad;
        c->max_body = (size_t)n;
    } else if (!strcmp(key, "log_level")) {
        if (!strcmp(val, "debug")) log_set_level(LOG_DEBUG);
        else if (!strcmp(val, "info")) log_set_level(LOG_INFO);
        else if (!strcmp(val, "warn")) log_set_level(LOG_WARN);
        else if (!strcmp(val, "error")) log_set_level(LOG_ERROR);
        else goto bad;
    } else if (!strcmp(key, "timezone")) {
        if (!tz_valid(val)) goto bad; /* an IANA name in the tz database, e.g. Europe/London */
        snprintf(c->timezone, sizeof c->timezone, "%s", val);
    } else if (!strcmp(key, "public_url")) {
        if ((strncmp(val, "https://", 8) && strncmp(val, "http://", 7)) || strlen(val) >= sizeof c->public_url ||
            strpbrk(val, " \t\r\n\"<>"))
            goto bad;
        snprintf(c->public_url, sizeof c->public_url, "%s", val);
    } else if (!strcmp(key, "assign_on_reply")) {
        if (strcmp(val, "on") && strcmp(val, "off") && strcmp(val, "true") && strcmp(val, "false")) goto bad;
        svc_tickets_set_assign_on_reply(!strcmp(val, "on") || !strcmp(val, "true"));
    } else if (!strcmp(key, "sla_at_risk_percent")) {
        long long n;
        if (!parse_id(val, &n) || n > 99) goto bad;
        svc_sla_set_at_risk_percent((int)n);
    } else if (!strcmp(key, "goodwill_currency")) {
        if (strlen(val) != 3 || val[0] < 'A' || val[0] > 'Z' || val[1] < 'A' || val[1] > 'Z' || val[2] < 'A' || val[2] > 'Z')
            goto bad;
        svc_goodwill_set_currency(val);
    } else if (!strcmp(key, "webhook_allow_private")) {
        if (strcmp(val, "true") && strcmp(val, "false") && strcmp(val, "1") && strcmp(val, "0")) goto bad;
        svc_webhooks_allow_private(!strcmp(val, "true") || !strcmp(val, "1"));
    } else if (!strcmp(key, "max_conns_per_ip")) {
        long long n;
        if (!parse_id(val, &n) || n > 500) goto bad; /* an eighth of CONNECTIONS_MAX at most: others keep room */
        c->max_conns_per_ip = (int)n;
    } else if (!strcmp(key, "events_heartbeat")) {
        long long n;
        if (!parse_id(val, &n) || n > 300) goto bad; /* seconds, 1 to 300 */
        c->events_heartbeat = (int)n;
    } else if (!strcmp(key, "request_deadline")) {
        long long n;
        if (!config_duration(val, &n) && !(parse_id(val, &n) && n <= 3600)) goto bad;
        c->request_deadline = n;
    } else if (!strcmp(key, "mail_expire")) {
        if (!config_duration(val, &c->mail_expire)) goto bad;
    } else if (!strcmp(key, "mail_unverified")) {
        enum mail_unverified_mode m;
        if (!svc_mail_unverified_parse(val, &m)) goto bad;
        snprintf(c->mail_unverified, sizeof c->mail_unverified, "%s", val);
    } else if (mail_setting(c, key, &dst, &cap)) {
        if (strlen(val) >= cap || strpbrk(val, "\r\n")) goto bad;
        snprintf(dst, cap, "%s", val);
    } else {
        fprintf(stderr, "heed: unknown setting '%s' in %s\n", key, from);
        return 2;
    }
    return 0;
bad:
    fprintf(stderr, "heed: bad value '%s' for %s in %s\n", val, key, from);
    return 2;
}

static int load_file(struct config *c, const char *path, bool required)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!required) return 0;
        fprintf(stderr, "heed: cannot read config file %s\n", path);
        return 2;
    }
    char line[1024];
    int rc = 0, lineno = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = str_trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strchr(s, '=');
        char from[600];
        snprintf(from, sizeof from, "%s line %d", path, lineno);
        if (!eq) {
            fprintf(stderr, "heed: %s: expected key = value\n", from);
            rc = 2;
            break;
        }
        *eq = 0;
        rc = set(c, str_trim(s), str_trim(eq + 1), from);
    }
    fclose(f);
    return rc;
}

static const struct { const char *env, *key; } envs[] = {
    {"HEED_DB", "db"}, {"HEED_LISTEN", "listen"}, {"HEED_THREADS", "threads"},
    {"HEED_MAX_BODY", "max_body"}, {"HEED_LOG_LEVEL", "log_level"},
    {"HEED_SMTP_URL", "smtp_url"}, {"HEED_SMTP_USER", "smtp_user"}, {"HEED_SMTP_PASSWORD", "smtp_password"},
    {"HEED_SMTP_CA_FILE", "smtp_ca_file"}, {"HEED_MAIL_FROM", "mail_from"}, {"HEED_MAIL_DOMAIN", "mail_domain"},
    {"HEED_COACH_LEXICON", "coach_lexicon"},
    {"HEED_MAIL_EXPIRE", "mail_expire"}, {"HEED_TZ", "timezone"},
    {"HEED_PUBLIC_URL", "public_url"}, {"HEED_MAX_CONNS_PER_IP", "max_conns_per_ip"},
    {"HEED_REQUEST_DEADLINE", "request_deadline"}, {"HEED_ASSIGN_ON_REPLY", "assign_on_reply"},
    {"HEED_MAIL_AUTHSERV_ID", "mail_authserv_id"}, {"HEED_MAIL_UNVERIFIED", "mail_unverified"},
    {"HEED_WEBHOOK_ALLOW_PRIVATE", "webhook_allow_private"}, {"HEED_GOODWILL_CURRENCY", "goodwill_currency"},
    {"HEED_SLA_AT_RISK_PERCENT", "sla_at_risk_percent"}, {"HEED_EVENTS_HEARTBEAT", "events_heartbeat"},
};

/* "--coach-lexicon" and "--coach_lexicon" name the same setting */
static bool flag_is(const char *a, const char *name, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != name[i] && !(a[i] == '-' && name[i] == '_')) return false;
    return true;
}

int config_load(struct config *c, int argc, char **argv)
{
    memset(c, 0, sizeof *c);
    snprintf(c->db, sizeof c->db, "./heed.db");
    snprintf(c->host, sizeof c->host, "127.0.0.1");
    c->port = 8080;
    c->threads = 8;
    c->max_body = 1 << 20;
    c->mail_expire = OUTBOX_EXPIRE_DEFAULT;
    c->max_conns_per_ip = 64;
    c->request_deadline = 30;
    const char *conf = NULL;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--config") && i + 1 < argc) conf = argv[i + 1];
    int rc = load_file(c, conf ? conf : "heed.conf", conf != NULL);
    for (size_t i = 0; !rc && i < sizeof envs / sizeof envs[0]; i++) {
        const char *v = getenv(envs[i].env);
        if (v && *v) rc = set(c, envs[i].key, v, envs[i].env);
    }
    for (int i = 1; !rc && i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            c->help = true;
            continue;
        }
        static const char *const common[] = {"db", "listen", "threads", "max_body", "log_level", "config",
                                             "smtp_url", "smtp_user", "smtp_ca_file", "mail_from", "mail_domain",
                                             "coach_lexicon", "mail_expire", "timezone", "public_url",
                                             "max_conns_per_ip", "request_deadline", "assign_on_reply",
                                             "mail_authserv_id", "mail_unverified", "webhook_allow_private",
                                             "goodwill_currency", "sla_at_risk_percent", "events_heartbeat"};
        bool used = false;
        for (size_t k = 0; k < sizeof common / sizeof common[0]; k++) {
            size_t n = strlen(common[k]);
            if (strncmp(a, "--", 2) || strnlen(a + 2, n) < n || !flag_is(a + 2, common[k], n)) continue;
            const char *val = NULL;
            if (a[2 + n] == '=') val = a + 3 + n;
            else if (!a[2 + n] && i + 1 < argc) val = argv[++i];
            else if (a[2 + n]) continue;
            if (!val) {
                fprintf(stderr, "heed: %s needs a value\n", a);
                return 2;
            }
            used = true;
            if (strcmp(common[k], "config")) rc = set(c, common[k], val, "the command line");
            break;
        }
        if (!used) {
            if (c->nrest == (int)(sizeof c->rest / sizeof c->rest[0])) {
                fprintf(stderr, "heed: too many arguments\n");
                return 2;
            }
            c->rest[c->nrest++] = argv[i];
        }
    }
    if (!rc) { /* the Message-ID domain and the support address, for whatever queues mail */
        arena a;
        arena_init(&a);
        const char *name = NULL, *addr = "";
        if (*c->mail_from) mail_split_address(&a, c->mail_from, &name, &addr);
        svc_outbox_configure(c->mail_domain, addr);
        svc_outbox_set_expiry(c->mail_expire);
        svc_outbox_set_sending(*c->smtp_url != 0);
        enum mail_unverified_mode mode = MAIL_UNVERIFIED_NEW_TICKET;
        if (*c->mail_unverified) svc_mail_unverified_parse(c->mail_unverified, &mode);
        svc_mail_auth_configure(c->mail_authserv_id, mode);
        arena_free(&a);
    }
    return rc;
}

const char *config_flag(struct config *c, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < c->nrest; i++) {
        const char *a = c->rest[i];
        if (strncmp(a, "--", 2) || strncmp(a + 2, name, n)) continue;
        if (a[2 + n] == '=') return a + 3 + n;
        if (!a[2 + n] && i + 1 < c->nrest) return c->rest[i + 1];
    }
    return NULL;
}

bool config_has(struct config *c, const char *name)
{
    for (int i = 0; i < c->nrest; i++)
        if (!strncmp(c->rest[i], "--", 2) && !strcmp(c->rest[i] + 2, name)) return true;
    return false;
}

struct db *config_open_db(struct config *c)
{
    db *d;
    herr e;
    if (db_open(c->db, &d, &e)) {
        fprintf(stderr, "heed: %s\n", e.message);
        return NULL;
    }
    if (db_migrate(d, &e)) {
        fprintf(stderr, "heed: %s\n", e.message);
        db_close(d);
        return NULL;
    }
    return d;
}
