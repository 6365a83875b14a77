#ifndef HEED_DB_H
#define HEED_DB_H
/* db: the one SQL interface. Callers (the store_*.c files, and nothing above
 * src/store/) write SQL with `?` placeholders, bind by 1-based index, step rows,
 * and run writes inside db_begin/db_commit. A PostgreSQL backend would implement
 * this same header (translating `?` to `$n`, RETURNING for generated ids, and
 * tsvector behind store_search_*), so no caller changes.
 *
 * One db is one connection and is used by one thread at a time. Prepared
 * statements are cached per connection, keyed by the SQL text's address: pass
 * string literals (or other strings that live as long as the connection). */
#include <stdbool.h>
#include "util/err.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };

int db_open(const char *path, db **out, herr *e);
void db_close(db *d);
/* applies every numbered migration the file has not seen yet */
int db_migrate(db *d, herr *e);

/* For a long-running process (heed serve): moves checkpoints (copying the
 * write-ahead log into the database file, with its fsyncs) from the writer
 * that happens to commit into one background thread, at least once a second.
 * Applies to connections opened after the call; stop before closing them. */
int db_checkpointer_start(const char *path, herr *e);
void db_checkpointer_stop(void);

/* Group commit, for a process with many writing threads (heed serve). After
 * db_group_start, the writes of connections opened afterwards go to one shared
 * writer connection: concurrent transactions become savepoints of one SQLite
 * transaction, and db_commit returns once that transaction has committed (its
 * error, if the shared COMMIT fails). db_rollback undoes only the caller's own
 * changes. Reads between db_begin and db_commit go to the writer too, so they
 * see the caller's changes. Callers see no difference; a lone writer commits at
 * once. writers: how many threads may write at once (0 if unknown); a group
 * that all of them have joined commits without waiting for more. Stop after
 * the threads are done and before closing the connections. */
int db_group_start(const char *path, int writers, herr *e);
void db_group_stop(void);
/* a hint from the server: a write request has started on d, so a group about
 * to commit waits (up to 2 ms) for it to join; it counts until d's next commit
 * or rollback. Nothing without group commit. */
void db_expect_write(db *d);
/* Runs sql with ?1 = id, ?2 = a, ?3 = b (NULL binds NULL) now, or, inside a grouped
 * write, just before the group's COMMIT, in the order they were asked for; a
 * rolled-back caller's are dropped. For full-text index writes: FTS5 writes a new
 * index segment at every SAVEPOINT and RELEASE after it was written to, so run
 * inside each member's savepoint they cost ~100 µs a ticket; run once per group,
 * one segment. If one fails, the whole group fails (nobody is acknowledged). */
int db_exec_late(db *d, const char *sql, long long id, const char *a, const char *b, herr *e);
/* Deferred commits, for the server (libmicrohttpd's suspend/resume): after
 * db_defer_commit(d), the next grouped db_commit on d returns 0 at once instead of
 * sleeping until its group's COMMIT, so the pool thread serves other connections
 * meanwhile. The caller must not acknowledge anything yet: db_pending_take hands
 * over that commit (NULL if there was none), db_pending_watch calls fn(arg) once
 * its outcome is known (from whichever thread committed, or at once), and
 * db_pending_finish gives the outcome (0, or -1 with e: nothing may be
 * acknowledged) and frees it. Any other use of d before db_pending_take first
 * waits for the commit, as after a plain db_commit, and a db_begin then fails if
 * it failed. Nothing without group commit. */
typedef struct db_pending db_pending;
void db_defer_commit(db *d);
db_pending *db_pending_take(db *d);
void db_pending_watch(db_pending *p, void (*fn)(void *), void *arg);
int db_pending_finish(db_pending *p, herr *e);
/* shared COMMITs so far, and the transactions they held */
void db_group_stats(unsigned long *commits, unsigned long *transactions);
/* page cache of each connection opened after the call, in KiB (default 16000) */
void db_set_cache_kib(int kib);

/* transactions: db_begin takes the write lock at once (no upgrade deadlocks) */
int db_begin(db *d, herr *e);
/* one consistent snapshot for the reads that follow, until db_rollback (or a
 * db_begin, which leaves it first); for read-only requests */
void db_read_begin(db *d);
int db_commit(db *d, herr *e);
void db_rollback(db *d);

/* A cached prepared statement, reset and unbound, ready to bind. NULL only if the
 * SQL does not compile, which is a programming error and is logged. */
db_stmt *db_prep(db *d, const char *sql);
void db_bind_int(db_stmt *s, int idx, long long v);
void db_bind_text(db_stmt *s, int idx, const char *v);      /* NULL binds NULL */
void db_bind_textn(db_stmt *s, int idx, const char *v, int n);
void db_bind_null(db_stmt *s, int idx);
int db_step(db_stmt *s);                                    /* DB_ROW, DB_DONE or DB_ERROR */
long long db_col_int(db_stmt *s, int col);
const char *db_col_text(db_stmt *s, int col);               /* "" for NULL; valid until next step */
int db_col_len(db_stmt *s, int col);
bool db_col_is_null(db_stmt *s, int col);
void db_done(db_stmt *s);                                   /* reset: release read locks */

/* runs a statement with no result rows; returns 0 or -1 (e set) */
int db_exec_stmt(db_stmt *s, herr *e);
long long db_last_id(db *d);
int db_changes(db *d);
const char *db_errmsg(db *d);
bool db_is_constraint_error(db *d);

/* the database file's path ("" for an in-memory database); attachments live next to it */
const char *db_filename(db *d);

/* online backup of the whole database to dest_path */
int db_backup(db *d, const char *dest_path, herr *e);

#endif
