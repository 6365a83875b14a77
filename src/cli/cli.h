#ifndef HEED_CLI_H
#define HEED_CLI_H
/* One function per `heed` command. Each parses its own flags, prints --help,
 * and returns the process exit status (0 ok, 1 failure, 2 usage error). */
int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_gc_files(int argc, char **argv);
int cmd_coach(int argc, char **argv);
/* cmd_mail.c */
int cmd_mail_ingest(int argc, char **argv);
/* cmd_mail_out.c */
int cmd_mail_send_queue(int argc, char **argv);
struct config;
struct outbox_settings;
/* the outbound mail settings of a loaded config (strings point into c) */
void cli_outbox_settings(const struct config *c, struct outbox_settings *o);
/* cmd_mail_fetch.c */
int cmd_mail_fetch(int argc, char **argv);
#endif
