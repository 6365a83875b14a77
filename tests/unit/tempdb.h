#ifndef HEED_TEST_TEMPDB_H
#define HEED_TEST_TEMPDB_H
/* Temporary database files for unit tests: a fresh name in /tmp, and removal
 * of the file with SQLite's -wal and -shm side files. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* fills path (n bytes) with a new empty file's name: /tmp/heed-<tag>-<pid>-XXXXXX */
static inline void tempdb_path(char *path, size_t n, const char *tag)
{
    snprintf(path, n, "/tmp/heed-%s-%d-XXXXXX", tag, (int)getpid());
    int fd = mkstemp(path);
    if (fd >= 0) close(fd);
}

static inline void tempdb_remove(const char *path)
{
    char side[512];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}
#endif
