/* heed mail-ingest: one RFC 5322 message on standard input, for an MTA's pipe
 * transport (Postfix pipe(8), Exim pipe transport). Exit status, sysexits-style:
 * 0 stored (new ticket, joined ticket, duplicate or quarantined: never lost),
 * 75 (EX_TEMPFAIL) when the database is unavailable, so the MTA retries later,
 * 2 for a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/config.h"
#include "mail/mail.h"
#include "util/buf.h"

enum { EX_TEMPFAIL_ = 75 };

static const char HELP[] =
    "usage: heed mail-ingest [--mailbox NAME] [--db PATH] < message.eml\n"
    "Files one email read from standard input: a reply joins its ticket, anything else opens one;\n"
    "mail that cannot be parsed is quarantined. Exit 0 when stored, 75 when the database is\n"
    "unavailable (the MTA should retry). See docs/MAIL.md.\n"
    "  --mailbox NAME    the address or queue the message arrived by (recorded with it)\n"
    "  --db PATH         database file (default ./heed.db; HEED_DB)\n"
    "  --config FILE     settings file (default ./heed.conf if present)\n";

int cmd_mail_ingest(int argc, char **argv)
{
    struct config c;
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return fputs(HELP, stdout), 0;
    const char *mailbox = config_flag(&c, "mailbox");
    for (int i = 0; i < c.nrest; i++) {
        const char *r = c.rest[i];
        if (!strncmp(r, "--mailbox", 9)) {
            if (!r[9] && i + 1 < c.nrest) i++;
            continue;
        }
        fprintf(stderr, "heed: mail-ingest: unexpected argument '%s'\n%s", r, HELP);
        return 2;
    }
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
