/* The SQLite implementation of db.h.
 * Settings: WAL journal, synchronous=NORMAL (a commit survives a crash of heed
 * or a kill -9; on power loss the last commits since the latest WAL sync can be
 * lost, see docs/ARCHITECTURE.md), foreign keys on, a busy timeout so a second
 * writer waits instead of failing. In heed serve, checkpoints run in a thread
 * of their own (db_checkpointer_start); see docs/PERFORMANCE.md. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/db.h"
#include "store/migrations.h"
#include "util/log.h"
#include "util/timeutil.h"

enum { STMT_CACHE = 256 }; /* power of two, larger than the number of distinct statements */

struct db_stmt {
    const char *sql;
    sqlite3_stmt *st;
    db *owner;
};

struct db {
    sqlite3 *h;
    bool writing; /* holds write_lock: between db_begin and db_commit/db_rollback */
    bool reading; /* in a read snapshot from db_read_begin */
    db_stmt cache[STMT_CACHE];
};

/* Writers of this process queue here before BEGIN IMMEDIATE instead of in
 * SQLite's busy handler. Each pool thread has its own connection; when two
 * begin at once the loser gets SQLITE_BUSY, and the busy handler sleeps 1, 2,
 * 5, 10... ms before retrying, although the winner commits within a
 * millisecond (with 64 clients posting, heed used half a core). A mutex wakes
 * the next writer as soon as the lock is free.
 * Other processes (the CLI, a backup) still meet the busy timeout. */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- checkpoints off the request path -------------------------------------------
 * By default the connection whose commit takes the WAL past 1000 pages runs the
 * checkpoint itself: it copies the pages into the database file and fsyncs the
 * WAL and the file (10-50 ms each on this machine's disk) while its client
 * waits, and with write_lock held, every other writer too. A new ticket writes
 * ~20 pages, so that stalled every ~50th POST for tens of ms. Instead, server
 * connections only note the WAL size (wal_hook, which also turns off their
 * autocheckpoint) and this thread runs a PASSIVE checkpoint when CKPT_PAGES
 * were added since the last one, and at least every CKPT_MS: PASSIVE takes no write lock, so
 * writers keep appending meanwhile. Durability: a commit is in the WAL (the OS
 * page cache) before it is acknowledged, so it survives kill -9; the WAL is
 * fsynced at each checkpoint, so power loss can cost the commits of roughly the
 * last CKPT_MS, never consistency (synchronous=NORMAL semantics). */
enum { CKPT_PAGES = 1000, CKPT_FORCE_PAGES = 16000, CKPT_MS = 1000 };
static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running, stop, due;
    int wal_pages;       /* the WAL's length at the last checkpoint */
    time_t force_after;  /* no holding writers for one before this (see checkpointer) */
    sqlite3 *h;
} ckpt = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static int on_wal_commit(void *arg, sqlite3 *h, const char *dbname, int pages)
{
    if (pages >= CKPT_PAGES) {
        pthread_mutex_lock(&ckpt.lock);
        /* pages < wal_pages: the WAL started over since */
        if (!ckpt.due && (pages < ckpt.wal_pages || pages - ckpt.wal_pages >= CKPT_PAGES)) {
            ckpt.due = true;
            pthread_cond_signal(&ckpt.wake);
        }
        pthread_mutex_unlock(&ckpt.lock);
    }
    return SQLITE_OK;
}

int db_open(const char *path, db **out, herr *e)
{
    db *d = calloc(1, sizeof *d);
    if (!d) return HERR_INTERNAL(e, "out of memory");
    int rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        herr_set(e, 500, "db_open", "", "cannot open database %s: %s", path, d->h ? sqlite3_errmsg(d->h) : "out of memory");
        sqlite3_close(d->h);
        free(d);
        return -1;
    }
    sqlite3_busy_timeout(d->h, 5000);
    char *msg = NULL;
    rc = sqlite3_exec(d->h,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
                      NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        herr_set(e, 500, "db_open", "", "cannot configure database %s: %s", path, msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(d->h);
        free(d);
        return -1;
    }
    pthread_mutex_lock(&ckpt.lock);
    if (ckpt.running) sqlite3_wal_hook(d->h, on_wal_commit, NULL);
    pthread_mutex_unlock(&ckpt.lock);
    *out = d;
    return 0;
}

static void *checkpointer(void *arg)
{
    pthread_mutex_lock(&ckpt.lock);
    while (!ckpt.stop) {
        if (!ckpt.due) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += (long)CKPT_MS * 1000000L;
            until.tv_sec += until.tv_nsec / 1000000000L;
            until.tv_nsec %= 1000000000L;
            pthread_cond_timedwait(&ckpt.wake, &ckpt.lock, &until);
            if (ckpt.stop) break;
        }
        ckpt.due = false;
        pthread_mutex_unlock(&ckpt.lock);
        int frames = 0;
        int rc = sqlite3_wal_checkpoint_v2(ckpt.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, NULL);
        time_t now = time(NULL);
        if (rc == SQLITE_OK && frames >= CKPT_FORCE_PAGES && now >= ckpt.force_after) {
            /* The WAL starts over from its beginning only when a writer begins
             * after a checkpoint copied all of it; under a steady stream of
             * writes one is always already in flight, and the file would grow
             * forever. So once it is CKPT_FORCE_PAGES long, finish the tail with
             * this process's writers held: a stall of two fsyncs. If a long
             * reader (a backup) kept even that from copying everything, wait a
             * second before holding writers again. */
            int copied = 0;
            pthread_mutex_lock(&write_lock);
            rc = sqlite3_wal_checkpoint_v2(ckpt.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
            pthread_mutex_unlock(&write_lock);
            if (copied < frames) ckpt.force_after = now + 1;
        }
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) log_errorf("checkpoint failed: %s", sqlite3_errmsg(ckpt.h));
        pthread_mutex_lock(&ckpt.lock);
        ckpt.wal_pages = frames > 0 ? frames : 0;
    }
    pthread_mutex_unlock(&ckpt.lock);
    return NULL;
}

int db_checkpointer_start(const char *path, herr *e)
{
    if (sqlite3_open_v2(path, &ckpt.h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        herr_set(e, 500, "db_open", "", "cannot open database %s: %s", path, ckpt.h ? sqlite3_errmsg(ckpt.h) : "out of memory");
        sqlite3_close(ckpt.h);
        ckpt.h = NULL;
        return -1;
    }
    sqlite3_busy_timeout(ckpt.h, 5000);
    /* a connection that has not read yet has no WAL open, and its checkpoints do nothing */
    sqlite3_exec(ckpt.h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    ckpt.stop = ckpt.due = false;
    ckpt.wal_pages = 0;
    ckpt.force_after = 0;
    if (pthread_create(&ckpt.thread, NULL, checkpointer, NULL)) {
        sqlite3_close(ckpt.h);
        ckpt.h = NULL;
        return HERR_INTERNAL(e, "cannot start the checkpoint thread");
    }
    pthread_mutex_lock(&ckpt.lock);
    ckpt.running = true;
    pthread_mutex_unlock(&ckpt.lock);
    return 0;
}

void db_checkpointer_stop(void)
{
    pthread_mutex_lock(&ckpt.lock);
    if (!ckpt.running) {
        pthread_mutex_unlock(&ckpt.lock);
        return;
    }
    ckpt.stop = true;
    ckpt.running = false;
    pthread_cond_signal(&ckpt.wake);
    pthread_mutex_unlock(&ckpt.lock);
    pthread_join(ckpt.thread, NULL);
    sqlite3_close(ckpt.h); /* the connections closed after this checkpoint what is left */
    ckpt.h = NULL;
}

void db_close(db *d)
{
    if (!d) return;
    for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(d->cache[i].st);
    sqlite3_close(d->h);
    free(d);
}

static int exec_sql(db *d, const char *sql, herr *e)
{
    char *msg = NULL;
    if (sqlite3_exec(d->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        herr_set(e, 500, "db", "", "%s", msg ? msg : sqlite3_errmsg(d->h));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

int db_migrate(db *d, herr *e)
{
    if (exec_sql(d, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", e))
        return -1;
    for (const struct migration *m = heed_migrations; m->version; m++) {
        if (db_begin(d, e)) return -1;
        db_stmt *s = db_prep(d, "SELECT 1 FROM schema_migrations WHERE version = ?");
        db_bind_int(s, 1, m->version);
        int seen = db_step(s) == DB_ROW;
        db_done(s);
        if (!seen) {
            if (exec_sql(d, m->sql, e)) {
                db_rollback(d);
                return -1;
            }
            char now[ISO_LEN];
            time_iso_now(now);
            s = db_prep(d, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)");
            db_bind_int(s, 1, m->version);
            db_bind_text(s, 2, m->name);
            db_bind_text(s, 3, now);
            if (db_exec_stmt(s, e)) { db_rollback(d); return -1; }
            log_infof("applied migration %d: %s", m->version, m->name);
        }
        if (db_commit(d, e)) return -1;
    }
    return 0;
}

/* One read transaction around a whole read-only request instead of one per
 * statement: each implicit transaction costs a shared lock on the database and
 * a read mark in the WAL index (fcntl calls), 4+ per GET before this. */
void db_read_begin(db *d)
{
    if (!sqlite3_get_autocommit(d->h)) return;
    db_stmt *s = db_prep(d, "BEGIN");
    if (s && sqlite3_step(s->st) == SQLITE_DONE) d->reading = true;
    if (s) sqlite3_reset(s->st);
}

int db_begin(db *d, herr *e)
{
    if (d->reading) { /* a write after all: leave the snapshot, as autocommit reads would */
        d->reading = false;
        if (!sqlite3_get_autocommit(d->h)) sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
    }
    if (!d->writing) { /* a nested BEGIN fails below as before, without locking twice */
        pthread_mutex_lock(&write_lock);
        d->writing = true;
    }
    if (exec_sql(d, "BEGIN IMMEDIATE", e)) {
        if (sqlite3_get_autocommit(d->h)) {
            d->writing = false;
            pthread_mutex_unlock(&write_lock);
        }
        return -1;
    }
    return 0;
}

static void end_write(db *d)
{
    if (d->writing && sqlite3_get_autocommit(d->h)) {
        d->writing = false;
        pthread_mutex_unlock(&write_lock);
    }
}

int db_commit(db *d, herr *e)
{
    if (exec_sql(d, "COMMIT", e)) {
        db_rollback(d);
        return -1;
    }
    end_write(d);
    return 0;
}
void db_rollback(db *d)
{
    d->reading = false;
    if (!sqlite3_get_autocommit(d->h)) sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
    end_write(d);
}

db_stmt *db_prep(db *d, const char *sql)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ULL;
    for (unsigned i = 0; i < STMT_CACHE; i++) {
        db_stmt *s = &d->cache[(h + i) & (STMT_CACHE - 1)];
        if (s->sql == sql) {
            sqlite3_reset(s->st);
            sqlite3_clear_bindings(s->st);
            return s;
        }
        if (!s->sql) {
            if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
                log_errorf("SQL does not compile: %s: %s", sqlite3_errmsg(d->h), sql);
                s->st = NULL;
                return NULL;
            }
            s->sql = sql;
            s->owner = d;
            return s;
        }
    }
    log_errorf("statement cache full");
    abort();
}

void db_bind_int(db_stmt *s, int idx, long long v) { sqlite3_bind_int64(s->st, idx, v); }
void db_bind_text(db_stmt *s, int idx, const char *v)
{
    if (v) sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s->st, idx);
}
void db_bind_textn(db_stmt *s, int idx, const char *v, int n) { sqlite3_bind_text(s->st, idx, v, n, SQLITE_TRANSIENT); }
void db_bind_null(db_stmt *s, int idx) { sqlite3_bind_null(s->st, idx); }

int db_step(db_stmt *s)
{
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW) return DB_ROW;
    if (rc == SQLITE_DONE) return DB_DONE;
    if ((sqlite3_extended_errcode(s->owner->h) & 0xff) != SQLITE_CONSTRAINT)
        log_errorf("SQL step failed: %s", sqlite3_errmsg(s->owner->h));
    return DB_ERROR;
}

long long db_col_int(db_stmt *s, int col) { return sqlite3_column_int64(s->st, col); }
const char *db_col_text(db_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s->st, col);
    return t ? (const char *)t : "";
}
int db_col_len(db_stmt *s, int col) { return sqlite3_column_bytes(s->st, col); }
bool db_col_is_null(db_stmt *s, int col) { return sqlite3_column_type(s->st, col) == SQLITE_NULL; }
void db_done(db_stmt *s) { sqlite3_reset(s->st); }

int db_exec_stmt(db_stmt *s, herr *e)
{
    int rc = db_step(s);
    db_done(s);
    if (rc == DB_ERROR) {
        if (db_is_constraint_error(s->owner)) return herr_set(e, 409, "conflict", "", "%s", sqlite3_errmsg(s->owner->h));
        return HERR_INTERNAL(e, "database error: %s", sqlite3_errmsg(s->owner->h));
    }
    return 0;
}

long long db_last_id(db *d) { return sqlite3_last_insert_rowid(d->h); }
int db_changes(db *d) { return sqlite3_changes(d->h); }
const char *db_errmsg(db *d) { return sqlite3_errmsg(d->h); }
bool db_is_constraint_error(db *d) { return (sqlite3_extended_errcode(d->h) & 0xff) == SQLITE_CONSTRAINT; }

int db_backup(db *d, const char *dest_path, herr *e)
{
    sqlite3 *dest;
    if (sqlite3_open(dest_path, &dest) != SQLITE_OK) {
        herr_set(e, 500, "backup", "", "cannot open %s: %s", dest_path, sqlite3_errmsg(dest));
        sqlite3_close(dest);
        return -1;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", d->h, "main");
    if (!b) {
        herr_set(e, 500, "backup", "", "cannot start backup: %s", sqlite3_errmsg(dest));
        sqlite3_close(dest);
        return -1;
    }
    int rc;
    /* copy in steps so writers are not blocked for the whole copy */
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(5);
    sqlite3_backup_finish(b);
    int ok = rc == SQLITE_DONE;
    if (!ok) herr_set(e, 500, "backup", "", "backup failed: %s", sqlite3_errmsg(dest));
    sqlite3_close(dest);
    return ok ? 0 : -1;
}

const char *db_filename(db *d)
{
    const char *f = sqlite3_db_filename(d->h, "main");
    return f ? f : "";
}
