/* heed: command dispatch. Each command lives in src/cli/cmd_*.c. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"serve", cmd_serve, "run the web server and API"},
    {"init", cmd_init, "create or migrate the database"},
    {"demo", cmd_demo, "fill a new database with a demo team and tickets"},
    {"user", cmd_user, "manage agents: user add"},
    {"token", cmd_token, "manage API tokens: token create|list|revoke"},
    {"backup", cmd_backup, "copy the live database and its attachment files (SQLite online backup)"},
    {"gc-files", cmd_gc_files, "remove attachment files no row names (after a grace period)"},
    {"coach", cmd_coach, "read JSON Lines cases on stdin, write the coach's reports"},
    {"mail-ingest", cmd_mail_ingest, "file one email read from standard input (for an MTA pipe)"},
    {"mail-send-queue", cmd_mail_send_queue, "send the outbound mail that is due (for cron; serve does it too)"},
    {"mail-fetch", cmd_mail_fetch, "poll an IMAP mailbox and file its unseen mail"},
};

static void usage(FILE *f)
{
    fputs("usage: heed COMMAND [--db PATH] [options]\n\ncommands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\nEvery command takes --help. Settings also come from HEED_* environment\n"
          "variables and ./heed.conf (see README.md).\n", f);
}

int main(int argc, char **argv)
{
    if (argc < 2) { usage(stderr); return 2; }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) { usage(stdout); return 0; }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "heed: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
