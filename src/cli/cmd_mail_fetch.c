/* heed mail-fetch: polls an IMAP mailbox (libcurl; imaps://, or imap:// with
 * STARTTLS required) and files each unseen message through mail_ingest(), the same
 * path as mail-ingest.
 *
 * A message is marked \Seen only once it is committed. libcurl's FETCH sets \Seen by
 * itself (BODY[], not BODY.PEEK[]), so each message is first flagged $HeedPending;
 * after the commit heed sets \Seen and clears $HeedPending; when filing fails it
 * clears both, so the next poll takes it again. A crash in between leaves
 * $HeedPending set, and the search (UNSEEN or KEYWORD $HeedPending) takes it again:
 * filing is idempotent (the Message-ID is filed once). Messages stay in the mailbox. */
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/config.h"
#include "mail/mail.h"
#include "util/buf.h"

enum { EX_TEMPFAIL_ = 75, MAX_PER_POLL = 500 };

static const char HELP[] =
    "usage: heed mail-fetch --url imaps://HOST[:PORT]/MAILBOX --user NAME [--password-file FILE]\n"
    "                       [--cacert FILE] [--interval SECONDS | --once] [--mailbox NAME] [--db PATH]\n"
    "Polls an IMAP mailbox and files each unseen message like mail-ingest does; a message is\n"
    "marked \\Seen only after it is committed (see docs/MAIL.md). imap:// URLs must upgrade with\n"
    "STARTTLS, except with --insecure-plaintext towards 127.0.0.1/localhost.\n"
    "  --url URL             imaps://host:993/INBOX or imap://host:143/INBOX (STARTTLS)\n"
    "  --user NAME           IMAP user name\n"
    "  --password-file FILE  first line is the password (else HEED_IMAP_PASSWORD)\n"
    "  --cacert FILE         CA certificates to verify the server with (default: the system's)\n"
    "  --interval SECONDS    time between polls (default 60)\n"
    "  --once                one poll, then exit: 0 all filed, 75 database unavailable, 1 IMAP failed\n"
    "  --mailbox NAME        recorded with each message (default: the URL)\n";

static volatile sig_atomic_t stopping;
static void on_signal(int sig) { stopping = 1; }

/* keeps at most MAIL_MAX_BYTES + 1 bytes: a larger message is read to its end (so the
 * transfer succeeds) and filed truncated, which quarantines it instead of blocking the poll */
static size_t on_data(char *p, size_t size, size_t n, void *user)
{
    buf *b = user;
    size_t len = size * n, room = (size_t)MAIL_MAX_BYTES + 1 > b->len ? (size_t)MAIL_MAX_BYTES + 1 - b->len : 0;
    buf_put(b, p, len < room ? len : room);
    return len;
}

typedef struct imap {
    CURL *c;
    const char *base; /* the mailbox URL, without a trailing slash */
    buf out;
    char err[CURL_ERROR_SIZE];
} imap;

static int run(imap *m, const char *url, const char *command)
{
    m->out.len = 0;
    m->err[0] = 0;
    curl_easy_setopt(m->c, CURLOPT_URL, url);
    curl_easy_setopt(m->c, CURLOPT_CUSTOMREQUEST, command);
    CURLcode rc = curl_easy_perform(m->c);
    if (rc != CURLE_OK) {
        fprintf(stderr, "heed: mail-fetch: %s: %s\n", command ? command : "FETCH", m->err[0] ? m->err : curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}

/* UIDs from "* SEARCH 3 7 9" */
static int search(imap *m, long long *uids, int max)
{
    if (run(m, m->base, "UID SEARCH OR UNSEEN KEYWORD $HeedPending")) return -1;
    buf_putc(&m->out, 0);
    int n = 0;
    for (char *line = strstr(m->out.p, "* SEARCH"); line; line = strstr(line + 1, "* SEARCH")) {
        char *p = line + 8;
        while (*p == ' ' && n < max) {
            char *end;
            long long v = strtoll(p + 1, &end, 10);
            if (end == p + 1 || v <= 0) break;
            uids[n++] = v;
            p = end;
        }
    }
    return n;
}

static int store(imap *m, long long uid, const char *change)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "UID STORE %lld %s", uid, change);
    return run(m, m->base, cmd);
}

/* one poll: 0 all filed, 75 database unavailable, 1 IMAP failure */
static int poll_once(imap *m, db *d, const char *mailbox)
{
    long long uids[MAX_PER_POLL];
    int n = search(m, uids, MAX_PER_POLL);
    if (n < 0) return 1;
    int filed = 0, rc = 0;
    for (int i = 0; i < n && !stopping; i++) {
        if (store(m, uids[i], "+FLAGS ($HeedPending)")) return 1;
        char url[2048];
        snprintf(url, sizeof url, "%s/;UID=%lld", m->base, uids[i]);
        if (run(m, url, NULL)) {
            store(m, uids[i], "-FLAGS (\\Seen $HeedPending)");
            return 1;
        }
        bool truncated = m->out.len > (size_t)MAIL_MAX_BYTES;
        mail_result r;
        herr e;
        if (mail_ingest(d, m->out.p, truncated ? (size_t)MAIL_MAX_BYTES : m->out.len, truncated, mailbox, &r, &e)) {
            fprintf(stderr, "heed: mail-fetch: database unavailable, message %lld left unseen: %s\n", uids[i], e.message);
            store(m, uids[i], "-FLAGS (\\Seen $HeedPending)");
            return EX_TEMPFAIL_;
        }
        /* committed: now it may be seen */
        if (store(m, uids[i], "+FLAGS (\\Seen)") || store(m, uids[i], "-FLAGS ($HeedPending)")) rc = 1;
        filed++;
        switch (r.outcome) {
        case MAIL_NEW_TICKET: printf("uid %lld: new ticket %lld\n", uids[i], r.ticket_id); break;
        case MAIL_APPENDED: printf("uid %lld: joined ticket %lld by %s\n", uids[i], r.ticket_id, r.thread_by); break;
        case MAIL_DUPLICATE: printf("uid %lld: duplicate, nothing changed\n", uids[i]); break;
        default: printf("uid %lld: quarantined (id %lld)\n", uids[i], r.quarantine_id); break;
        }
        fflush(stdout);
    }
    if (n) fprintf(stderr, "heed: mail-fetch: %d of %d message(s) filed\n", filed, n);
    return rc;
}

static bool loopback_url(const char *url)
{
    const char *h = strstr(url, "://");
    if (!h) return false;
    h += 3;
    return !strncmp(h, "127.0.0.1", 9) || !strncasecmp(h, "localhost", 9) || !strncmp(h, "[::1]", 5);
}

static char *read_password(const char *file)
{
    if (!file) {
        const char *env = getenv("HEED_IMAP_PASSWORD");
        return env ? strdup(env) : NULL;
    }
    FILE *fp = fopen(file, "r");
    if (!fp) return NULL;
    char line[512];
    char *r = fgets(line, sizeof line, fp) ? strdup(line) : NULL;
    fclose(fp);
    if (r) r[strcspn(r, "\r\n")] = 0;
    return r;
}

int cmd_mail_fetch(int argc, char **argv)
{
    struct config c;
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return fputs(HELP, stdout), 0;
    const char *url = config_flag(&c, "url"), *user = config_flag(&c, "user");
    const char *pwfile = config_flag(&c, "password-file"), *cacert = config_flag(&c, "cacert");
    const char *interval_s = config_flag(&c, "interval"), *mailbox = config_flag(&c, "mailbox");
    bool once = config_has(&c, "once"), plaintext = config_has(&c, "insecure-plaintext");
    long interval = interval_s ? strtol(interval_s, NULL, 10) : 60;
    if (!url || !user || interval < 1 || interval > 86400) {
        fprintf(stderr, "heed: mail-fetch: --url and --user are required; --interval is 1 to 86400 seconds\n%s", HELP);
        return 2;
    }
    bool imaps = !strncasecmp(url, "imaps://", 8);
    if (!imaps && strncasecmp(url, "imap://", 7)) {
        fprintf(stderr, "heed: mail-fetch: the URL must start with imaps:// or imap://\n");
        return 2;
    }
    if (plaintext && !loopback_url(url)) {
        fprintf(stderr, "heed: mail-fetch: --insecure-plaintext only towards 127.0.0.1 or localhost\n");
        return 2;
    }
    char *password = read_password(pwfile);
    if (!password) {
        fprintf(stderr, "heed: mail-fetch: no password (--password-file or HEED_IMAP_PASSWORD)\n");
        return 2;
    }
    db *d = config_open_db(&c);
    if (!d) {
        free(password);
        return EX_TEMPFAIL_;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    imap m = {.c = curl_easy_init()};
    buf_init(&m.out, 64 * 1024);
    size_t ul = strlen(url);
    while (ul > 0 && url[ul - 1] == '/') ul--;
    char *base = strndup(url, ul);
    m.base = base;
    curl_easy_setopt(m.c, CURLOPT_USERNAME, user);
    curl_easy_setopt(m.c, CURLOPT_PASSWORD, password);
    curl_easy_setopt(m.c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
    curl_easy_setopt(m.c, CURLOPT_USE_SSL, plaintext ? (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
    if (cacert) curl_easy_setopt(m.c, CURLOPT_CAINFO, cacert);
    curl_easy_setopt(m.c, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(m.c, CURLOPT_TIMEOUT, 300L);
    curl_easy_setopt(m.c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m.c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(m.c, CURLOPT_WRITEDATA, &m.out);
    curl_easy_setopt(m.c, CURLOPT_ERRORBUFFER, m.err);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    int rc = 0;
    for (;;) {
        rc = poll_once(&m, d, mailbox ? mailbox : base);
        if (once || stopping) break;
        for (long s = 0; s < interval && !stopping; s++) sleep(1);
        if (stopping) {
            rc = 0;
            break;
        }
    }
    curl_easy_cleanup(m.c);
    curl_global_cleanup();
    buf_free(&m.out);
    free(base);
    memset(password, 0, strlen(password));
    free(password);
    db_close(d);
    return rc;
}
