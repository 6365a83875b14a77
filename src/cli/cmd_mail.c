/* heed mail-ingest: one RFC 5322 message on standard input, for an MTA's pipe
 * transport (Postfix pipe(8), Exim pipe transport). Exit status, sysexits-style:
 * 0 stored (new ticket, joined ticket, duplicate or quarantined: never lost),
 * 75 (EX_TEMPFAIL) when the database is unavailable, so the MTA retries later,
 * 2 for a usage error. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util/timeutil.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "mail/mail.h"
#include "util/buf.h"

enum { EX_TEMPFAIL_ = 75 };

static const char HELP[] =
    "usage: heed mail-ingest [--mailbox NAME] [--db PATH] < message.eml\n"
    "       heed mail-ingest --batch DIR [--mailbox NAME] [--db PATH]\n"
    "Files one email read from standard input: a reply joins its ticket, anything else opens one;\n"
    "mail that cannot be parsed is quarantined. Exit 0 when stored, 75 when the database is\n"
    "unavailable (the MTA should retry). See docs/MAIL.md.\n"
    "  --mailbox NAME    the address or queue the message arrived by (recorded with it)\n"
    "  --batch DIR       files every file in DIR (name order) in this one process, each message\n"
    "                    committed on its own; prints a summary with messages per second\n"
    "  --db PATH         database file (default ./heed.db; HEED_DB)\n"
    "  --config FILE     settings file (default ./heed.conf if present)\n";

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* --batch DIR: many messages in one process (an import, or the benchmark) */
static int ingest_batch(struct config *c, const char *dir, const char *mailbox)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "heed: mail-ingest: cannot open directory %s\n", dir);
        return 2;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *de; (de = readdir(dp));) {
        if (de->d_name[0] == '.') continue;
        if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 256) * sizeof *names);
        names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof *names, by_name);
    db *d = config_open_db(c);
    if (!d) return EX_TEMPFAIL_;
    int counts[5] = {0}, rc = 0;
    size_t done = 0, bytes = 0;
    buf raw;
    buf_init(&raw, 256 * 1024);
    double t0 = time_mono_ms();
    for (size_t i = 0; i < n && !rc; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        FILE *fp = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? fopen(path, "rb") : NULL;
        if (!fp) continue;
        raw.len = 0;
        char chunk[65536];
        size_t got;
        bool truncated = false;
        while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
            if (raw.len + got > (size_t)MAIL_MAX_BYTES) {
                truncated = true;
                buf_put(&raw, chunk, (size_t)MAIL_MAX_BYTES - raw.len);
                break;
            }
            buf_put(&raw, chunk, got);
        }
        fclose(fp);
        mail_result r;
        herr e;
        if (mail_ingest(d, raw.p, raw.len, truncated, mailbox, &r, &e)) {
            fprintf(stderr, "heed: mail-ingest: database unavailable at %s: %s\n", path, e.message);
            rc = EX_TEMPFAIL_;
            break;
        }
        if (r.outcome >= 1 && r.outcome <= 4) counts[r.outcome]++;
        done++;
        bytes += raw.len;
    }
    double secs = (time_mono_ms() - t0) / 1000.0;
    printf("%zu messages (%.1f MB) in %.2f s: %.0f messages/s; new %d, joined %d, duplicate %d, quarantined %d\n", done,
           (double)bytes / 1e6, secs, secs > 0 ? (double)done / secs : 0.0, counts[MAIL_NEW_TICKET], counts[MAIL_APPENDED],
           counts[MAIL_DUPLICATE], counts[MAIL_QUARANTINED]);
    buf_free(&raw);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    db_close(d);
    return rc;
}

int cmd_mail_ingest(int argc, char **argv)
{
    struct config c;
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return fputs(HELP, stdout), 0;
    const char *mailbox = config_flag(&c, "mailbox");
    for (int i = 0; i < c.nrest; i++) {
        const char *r = c.rest[i];
        if (!strncmp(r, "--mailbox", 9) || !strncmp(r, "--batch", 7)) {
            if (!strchr(r, '=') && i + 1 < c.nrest) i++;
            continue;
        }
        fprintf(stderr, "heed: mail-ingest: unexpected argument '%s'\n%s", r, HELP);
        return 2;
    }
    const char *batch = config_flag(&c, "batch");
    if (batch) return ingest_batch(&c, batch, mailbox);
    /* read the whole message first: the MTA must not be blocked by the database */
    buf raw;
    buf_init(&raw, 64 * 1024);
    bool truncated = false;
    for (;;) {
        buf_reserve(&raw, 64 * 1024);
        size_t room = raw.cap - raw.len - 1;
        size_t got = fread(raw.p + raw.len, 1, room, stdin);
        raw.len += got;
        raw.p[raw.len] = 0;
        if (raw.len > MAIL_MAX_BYTES) {
            truncated = true;
            raw.len = MAIL_MAX_BYTES;
            char sink[65536];
            while (fread(sink, 1, sizeof sink, stdin) > 0) {}
            break;
        }
        if (got < room) {
            if (ferror(stdin)) {
                fprintf(stderr, "heed: mail-ingest: cannot read standard input\n");
                buf_free(&raw);
                return EX_TEMPFAIL_;
            }
            if (feof(stdin)) break;
        }
    }
    db *d = config_open_db(&c);
    if (!d) {
        buf_free(&raw);
        return EX_TEMPFAIL_;
    }
    mail_result r;
    herr e;
    int rc = mail_ingest(d, raw.p, raw.len, truncated, mailbox, &r, &e);
    db_close(d);
    buf_free(&raw);
    if (rc) {
        fprintf(stderr, "heed: mail-ingest: database unavailable, try again later: %s\n", e.message);
        return EX_TEMPFAIL_;
    }
    switch (r.outcome) {
    case MAIL_NEW_TICKET: printf("new ticket %lld (message %lld)\n", r.ticket_id, r.msg_id); break;
    case MAIL_APPENDED: printf("joined ticket %lld by %s (message %lld)\n", r.ticket_id, r.thread_by, r.msg_id); break;
    case MAIL_DUPLICATE: printf("duplicate of a message already on ticket %lld: nothing changed\n", r.ticket_id); break;
    default: printf("quarantined (id %lld)\n", r.quarantine_id); break;
    }
    return 0;
}
