/* heed mail-send-queue: sends the outbox once (for cron, or tests), and the settings
 * of outbound mail that heed serve's sending thread shares. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cli/cli.h"
#include "cli/config.h"
#include "jobs/outbox_worker.h"
#include "util/text.h"

void cli_outbox_settings(const struct config *c, outbox_settings *o)
{
    *o = (outbox_settings){
        .smtp = {.url = c->smtp_url, .user = c->smtp_user, .password = c->smtp_password, .ca_file = c->smtp_ca_file,
                 .require_tls = !strncasecmp(c->smtp_url, "smtps://", 8)},
        .mail_from = c->mail_from,
        .mail_domain = c->mail_domain,
    };
}

static const char HELP[] =
    "usage: heed mail-send-queue [--db PATH] [--max N]\n"
    "Sends the outbound mail that is due now (replies, acknowledgements) over SMTP, once,\n"
    "and prints what happened. heed serve does the same in a thread of its own. First, queued\n"
    "mail older than mail_expire (default 3d) fails, also with sending off (\"expired N\").\n"
    "  --max N           send at most N messages (default 1000)\n"
    "Settings (heed.conf keys, or HEED_* variables): smtp_url (smtp://host:port, STARTTLS when\n"
    "offered; smtps://host:port for TLS from the start; empty = sending off), smtp_user,\n"
    "smtp_password, smtp_ca_file (PEM CAs to trust instead of the system's), mail_from\n"
    "(\"Support <help@example.com>\"), mail_domain (Message-IDs).\n";

int cmd_mail_send_queue(int argc, char **argv)
{
    struct config c;
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return fputs(HELP, stdout), 0;
    long long max = 1000;
    for (int i = 0; i < c.nrest; i++) {
        if (!strcmp(c.rest[i], "--max") && i + 1 < c.nrest) {
            if (!parse_id(c.rest[++i], &max)) goto usage;
            continue;
        }
        if (!strncmp(c.rest[i], "--max=", 6) && parse_id(c.rest[i] + 6, &max)) continue;
    usage:
        fprintf(stderr, "heed: mail-send-queue: unexpected argument '%s'\n%s", c.rest[i], HELP);
        return 2;
    }
    outbox_settings o;
    cli_outbox_settings(&c, &o);
    if (!*o.smtp.url) /* still worth running: queued mail past mail_expire fails */
        fprintf(stderr, "heed: mail-send-queue: no smtp_url set: sending is off, mail stays queued (expiry still runs)\n");
    db *d = config_open_db(&c);
    if (!d) return 1;
    outbox_stats st;
    herr e;
    int rc = outbox_run_once(d, &o, (int)max, &st, &e);
    db_close(d);
    if (rc) {
        fprintf(stderr, "heed: mail-send-queue: %s\n", e.message);
        return 1;
    }
    printf("sent %d, retry later %d, failed %d, expired %d, leases expired %d\n", st.sent, st.retry, st.failed,
           st.expired, st.released);
    return 0;
}
