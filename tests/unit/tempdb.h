#ifndef HEED_TEST_TEMPDB_H
#define HEED_TEST_TEMPDB_H
/* Temporary database files for unit tests: a fresh name in /tmp, and removal
 * of the file with SQLite's -wal and -shm side files; with service.h included first,
 * a database with one agent. */
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

#ifdef HEED_SERVICE_H
/* a fresh migrated database in path (n bytes) with one admin agent (*agent, named name),
 * and a service handle on it (no actor) whose arena is a; 0, or -1 */
static inline int tempdb_open_agent(char *path, size_t n, const char *tag, const char *name, db **d, arena *a, svc *s,
                                    agent_rec *agent)
{
    herr e;
    long long id;
    tempdb_path(path, n, tag);
    if (db_open(path, d, &e) || db_migrate(*d, &e)) return -1;
    arena_init(a);
    *s = (svc){.db = *d, .a = a};
    if (svc_agent_add(s, "ada@heed.test", name, "admin", NULL, NULL, &id, &e)) return -1;
    return svc_agent_get(s, id, agent, &e) == 1 ? 0 : -1;
}

/* closes and removes what tempdb_open_agent made */
static inline void tempdb_close(const char *path, db *d, arena *a)
{
    db_close(d);
    arena_free(a);
    tempdb_remove(path);
}
#endif
#endif
