#ifndef HEED_CLI_H
#define HEED_CLI_H
/* One function per `heed` command. Each parses its own flags, prints --help,
 * and returns the process exit status (0 ok, 1 failure, 2 usage error). */
int cmd_coach(int argc, char **argv);
#endif
