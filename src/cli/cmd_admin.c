/* heed serve | init | user add | token create | backup | gc-files */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "cli/coach_eval.h"
#include "cli/config.h"
#include "coach/coach.h"
#include "service/svc_attention.h"
#include "service/service.h"
#include "store/db.h"
#include "jobs/jobs.h"
#include "jobs/outbox_worker.h"
#include "jobs/promises.h"
#include "jobs/webhook_sender.h"
#include "service/svc_commitments.h"
#include "util/timeutil.h"
#include "web/server.h"

static const char COMMON_HELP[] =
    "  --db PATH         database file (default ./heed.db; HEED_DB)\n"
    "  --config FILE     settings file (default ./heed.conf if present)\n"
    "  --help            this help\n";

static int usage_error(const char *msg, const char *help)
{
    fprintf(stderr, "heed: %s\n%s", msg, help);
    return 2;
}

/* heed serve's background work: the jobs mechanism's workers (src/jobs/), with the handler
 * of each kind of job registered first */
static const char *serve_db_path;
static int serve_jobs_workers = 2;
static int serve_jobs_start(void *arg)
{
    jobs_reset();
    outbox_jobs_register(arg);
    promises_jobs_register();
    webhook_jobs_register();
    return jobs_start(serve_db_path, serve_jobs_workers);
}
static void serve_jobs_stop(void *arg)
{
    (void)arg;
    jobs_signal_stop();
    mail_smtp_cancel_all(); /* a transfer waiting on a slow server ends now, and is retried later */
    jobs_stop();
}
static void serve_jobs_close(void *arg)
{
    (void)arg;
    jobs_close_db();
}

int cmd_serve(int argc, char **argv)
{
    struct config c;
    static const char help[] = "usage: heed serve [--listen 127.0.0.1:8080] [--threads N] [--db PATH]\n"
                               "Runs the web pages and the JSON API until SIGTERM or SIGINT.\n"
                               "  --listen HOST:PORT  address to listen on (HEED_LISTEN)\n"
                               "  --threads N         request threads (default 8; HEED_THREADS)\n"
                               "  --max_body BYTES    largest request body (default 1 MiB; HEED_MAX_BODY)\n"
                               "  --coach-lexicon FILE  the organisation's own coach lexicon (docs/COACH.md;\n"
                               "                      HEED_COACH_LEXICON); a bad line stops the start\n"
                               "  --timezone ZONE     agents' time zone unless they choose one (an IANA name\n"
                               "                      like Europe/London; HEED_TZ; default UTC)\n"
                               "With smtp_url set (HEED_SMTP_URL), a thread sends queued mail; without it, the\n"
                               "thread only fails queued mail past mail_expire, once a minute; see\n"
                               "heed mail-send-queue --help and docs/MAIL.md.\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s%s", help, COMMON_HELP), 0;
    if (c.nrest) return usage_error("serve takes no arguments besides its flags", help);
    /* a bad lexicon stops the start, naming its line, rather than coaching without it */
    coach_lexicon *lexicon = NULL;
    if (*c.coach_lexicon && !(lexicon = coach_cli_load_lexicon(c.coach_lexicon))) return 2;
    db *d = config_open_db(&c); /* migrate once before the threads open their own connections */
    if (!d) { coach_lexicon_free(lexicon); return 1; }
    db_close(d);
    serve_db_path = c.db;
    svc_set_default_zone(c.timezone);
    svc_coach_set_lexicon(lexicon); /* the readings made as messages arrive use it too */
    outbox_settings mail;
    cli_outbox_settings(&c, &mail);
    struct server_config sc = {.db_path = c.db, .host = c.host, .port = c.port, .threads = c.threads,
                               .max_body = c.max_body, .timeout_seconds = 30, .jobs_start = serve_jobs_start,
                               .jobs_stop = serve_jobs_stop, .jobs_close = serve_jobs_close, .jobs_arg = &mail,
                               .coach_lexicon = lexicon, .default_tz = c.timezone, .public_url = c.public_url,
                               .max_conns_per_ip = c.max_conns_per_ip, .request_deadline = (int)c.request_deadline,
                               .events_heartbeat = c.events_heartbeat,
                               .secure_cookies = !strncmp(c.public_url, "https://", 8)};
    int rc = server_run(&sc);
    svc_coach_set_lexicon(NULL);
    coach_lexicon_free(lexicon);
    return rc;
}

int cmd_init(int argc, char **argv)
{
    struct config c;
    static const char help[] = "usage: heed init [--db PATH]\nCreates the database, or brings its schema up to date.\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s%s", help, COMMON_HELP), 0;
    if (c.nrest) return usage_error("init takes no arguments", help);
    db *d = config_open_db(&c);
    if (!d) return 1;
    db_close(d);
    printf("database ready: %s\n", c.db);
    return 0;
}

/* reads one line (the password) from stdin, without its newline */
static int read_password(char *out, size_t n)
{
    if (!fgets(out, (int)n, stdin)) return -1;
    out[strcspn(out, "\r\n")] = 0;
    return 0;
}

int cmd_user(int argc, char **argv)
{
    struct config c;
    static const char help[] =
        "usage: heed user add --email E --name N --role agent|supervisor|admin [--team T] [--password-stdin]\n"
        "Adds an agent. With --password-stdin the first line of standard input is the password;\n"
        "without it the agent can use API tokens but cannot sign in to the pages.\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s%s", help, COMMON_HELP), 0;
    if (c.nrest < 1 || strcmp(c.rest[0], "add")) return usage_error("expected: user add ...", help);
    const char *email = config_flag(&c, "email"), *name = config_flag(&c, "name"), *role = config_flag(&c, "role");
    const char *team = config_flag(&c, "team");
    if (!email || !name || !role) return usage_error("user add needs --email, --name and --role", help);
    char password[256] = "";
    bool with_password = config_has(&c, "password-stdin");
    if (with_password && read_password(password, sizeof password)) return usage_error("no password on standard input", help);
    db *d = config_open_db(&c);
    if (!d) return 1;
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    long long id;
    herr e;
    int rc = svc_agent_add(&s, email, name, role, with_password ? password : NULL, team, &id, &e);
    if (rc) fprintf(stderr, "heed: %s\n", e.message);
    else printf("added %s <%s> as %s (id %lld)\n", name, email, role, id);
    arena_free(&a);
    db_close(d);
    return rc ? 1 : 0;
}

/* heed token list [--email E] */
static int token_list(svc *s, const char *email)
{
    herr e;
    long long agent_id = 0;
    if (email) {
        agent_rec agent;
        if (svc_agent_by_email(s, email, &agent, &e)) return fprintf(stderr, "heed: %s\n", e.message), 1;
        agent_id = agent.id;
    }
    token_rec *list;
    int n;
    if (svc_token_list(s, agent_id, &list, &n, &e)) return fprintf(stderr, "heed: %s\n", e.message), 1;
    printf("%-6s %-28s %-24s %-21s %-21s %s\n", "ID", "AGENT", "NAME", "EXPIRES", "LAST USED", "CREATED");
    for (int i = 0; i < n; i++)
        printf("%-6lld %-28s %-24s %-21s %-21s %s\n", list[i].id, list[i].agent_email, list[i].name,
               list[i].expires_at ? list[i].expires_at : "never", list[i].last_used_at ? list[i].last_used_at : "never",
               list[i].created_at);
    return 0;
}

int cmd_token(int argc, char **argv)
{
    struct config c;
    static const char help[] =
        "usage: heed token create --email E [--name N] [--expires 30d|2027-01-31T00:00:00Z]\n"
        "       heed token list [--email E]\n"
        "       heed token revoke ID\n"
        "create makes an API token for the agent and prints it once, alone on the last line.\n"
        "Only its hash is stored: keep it safe. list shows tokens that are not revoked (with\n"
        "their last use, to the minute); revoke stops one at once.\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s%s", help, COMMON_HELP), 0;
    const char *verb = c.nrest >= 1 ? c.rest[0] : "";
    if (strcmp(verb, "create") && strcmp(verb, "list") && strcmp(verb, "revoke"))
        return usage_error("expected: token create|list|revoke", help);
    const char *email = config_flag(&c, "email"), *name = config_flag(&c, "name"), *expires = config_flag(&c, "expires");
    if (!strcmp(verb, "create") && !email) return usage_error("token create needs --email", help);
    long long revoke_id = 0;
    if (!strcmp(verb, "revoke")) {
        char *end = NULL;
        if (c.nrest != 2 || (revoke_id = strtoll(c.rest[1], &end, 10)) <= 0 || *end)
            return usage_error("token revoke needs one token id (see heed token list)", help);
    }
    char until[ISO_LEN];
    if (expires) {
        long long secs;
        time_t t;
        if (config_duration(expires, &secs)) time_iso(time(NULL) + secs, until);
        else if (time_parse_iso(expires, &t)) time_iso(t, until);
        else return usage_error("--expires must be like 30d, 12h or 2027-01-31T00:00:00Z", help);
        expires = until;
    }
    db *d = config_open_db(&c);
    if (!d) return 1;
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    const char *token;
    herr e;
    int rc;
    if (!strcmp(verb, "list")) rc = token_list(&s, email);
    else if (!strcmp(verb, "revoke")) {
        rc = svc_token_revoke(&s, revoke_id, &e) ? 1 : 0;
        if (rc) fprintf(stderr, "heed: %s\n", e.message);
        else printf("revoked token %lld\n", revoke_id);
    } else {
        rc = svc_token_create_named(&s, email, name, expires, &token, &e) ? 1 : 0;
        if (rc) fprintf(stderr, "heed: %s\n", e.message);
        else printf("API token for %s (shown once; send it as Authorization: Bearer <token>):\n%s\n", email, token);
    }
    arena_free(&a);
    db_close(d);
    return rc;
}

int cmd_backup(int argc, char **argv)
{
    struct config c;
    static const char help[] = "usage: heed backup [--db PATH] DEST\n"
                               "Copies the live database to DEST with SQLite's online backup, then the\n"
                               "attachment files (PATH.files/) missing from DEST.files/ (hard links when on\n"
                               "the same file system); heed serve may keep running meanwhile. To restore,\n"
                               "stop heed and put DEST and DEST.files/ where PATH and PATH.files/ were.\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s%s", help, COMMON_HELP), 0;
    if (c.nrest != 1 || c.rest[0][0] == '-') return usage_error("backup needs one destination file", help);
    db *d = config_open_db(&c);
    if (!d) return 1;
    herr e;
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    blob_stats st;
    /* the database first: every row in the copy then has its file (files are written
     * before their rows commit, and never removed while a row names them) */
    int rc = db_backup(d, c.rest[0], &e) || svc_mail_files_backup(&s, c.rest[0], &st, &e);
    if (rc) fprintf(stderr, "heed: %s\n", e.message);
    else
        printf("backed up %s to %s; attachment files in %s.files: %d copied (%lld bytes), %d linked, %d already there\n",
               c.db, c.rest[0], c.rest[0], st.copied, st.bytes, st.linked, st.present);
    arena_free(&a);
    db_close(d);
    return rc ? 1 : 0;
}

int cmd_gc_files(int argc, char **argv)
{
    struct config c;
    static const char help[] =
        "usage: heed gc-files [--db PATH] [--dry-run] [--grace 1d]\n"
        "Removes attachment files (PATH.files/) that no attachment row names, and stale files in\n"
        "PATH.files/tmp/, when they are older than the grace period (default 1d; at least 60s, so\n"
        "that a message being filed right now keeps its files). --dry-run only counts them.\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s%s", help, COMMON_HELP), 0;
    long long grace = MAIL_FILES_GRACE_DEFAULT;
    bool dry = config_has(&c, "dry-run");
    const char *g = config_flag(&c, "grace");
    for (int i = 0; i < c.nrest; i++) { /* only --dry-run and --grace VALUE */
        if (!strcmp(c.rest[i], "--grace")) i++;
        else if (strcmp(c.rest[i], "--dry-run") && strncmp(c.rest[i], "--grace=", 8)) {
            char msg[100];
            snprintf(msg, sizeof msg, "unknown argument '%.60s'", c.rest[i]);
            return usage_error(msg, help);
        }
    }
    if (config_has(&c, "grace") && !g) return usage_error("--grace needs a value", help);
    if (g && !config_duration(g, &grace)) return usage_error("--grace must be like 1d, 12h, 30m or 90s", help);
    db *d = config_open_db(&c);
    if (!d) return 1;
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    blob_stats st;
    herr e;
    int rc = svc_mail_files_gc(&s, grace, dry, &st, &e);
    if (rc) fprintf(stderr, "heed: %s\n", e.message);
    else
        printf("%s %d unreferenced files and %d stale tmp files (%lld bytes); kept %d in use, %d younger than %s\n",
               dry ? "would remove" : "removed", st.removed, st.tmp_removed, st.bytes, st.present, st.young, g ? g : "1d");
    arena_free(&a);
    db_close(d);
    return rc ? (e.status == 422 ? 2 : 1) : 0;
}
