/* The SQLite implementation of db.h.
 * Settings: WAL journal, synchronous=NORMAL (a commit survives a crash of heed
 * or a kill -9; on power loss the last commits since the latest WAL sync can be
 * lost, see docs/ARCHITECTURE.md), foreign keys on, a busy timeout so a second
 * writer waits instead of failing. In heed serve, checkpoints run in a thread
 * of their own (db_checkpointer_start); see docs/PERFORMANCE.md. */
#include <pthread.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
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
    bool grouped; /* opened while group commit was on: its writes go to the shared writer */
    bool expecting; /* db_expect_write: counted in grp.pending until its first commit or rollback */
    db *route;    /* where db_prep and friends go: this connection, or the writer during a grouped write */
    bool defer;   /* db_defer_commit: the next grouped db_commit returns before the COMMIT */
    struct member *pend; /* that commit, until db_pending_take */
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

/* ---- group commit (heed serve) ------------------------------------------------------
 * A new ticket writes ~19 WAL pages, nearly all of them the right-hand leaves of
 * the same b-trees and a new FTS5 segment; committed together, N tickets write
 * those pages once. So in the server every write goes to one shared writer
 * connection (grp.w): db_begin takes write_lock, opens the group's transaction if
 * none is open (BEGIN IMMEDIATE) and a SAVEPOINT for this caller, and routes the
 * caller's statements to the writer until db_commit/db_rollback. db_rollback
 * undoes the savepoint only. db_commit releases the savepoint, puts the caller
 * on the group's list, lets go of write_lock and sleeps until the group's COMMIT.
 * Whoever lets go of write_lock commits the group when no other writer waits for
 * the lock, no write request is under way that has not reached its commit
 * (db_expect_write, from the server) and the group is "quiet": no COMMIT in the
 * last GROUP_BUSY_NS (so a lone writer commits at once), or nobody joined the
 * group for GROUP_QUIET_NS (on two busy cores the other writers are often
 * runnable but not running, and this gives them the time to join; the latest
 * member looks again after that long). A group with GROUP_MAX members or
 * GROUP_NS old commits regardless, and so does a group that every writing
 * thread has joined (db_group_start's writers), since nobody is left to join. Every caller returns from db_commit only after the COMMIT of its group, with
 * its result: if that COMMIT fails, every member gets the error and none was
 * acknowledged. Durability is unchanged: a write is acknowledged after the
 * COMMIT that contains it. */
enum { GROUP_MAX = 64 };
#define GROUP_NS 5000000LL    /* a group this old commits, whoever is still coming */
#define GROUP_QUIET_NS 300000LL /* under load, a group commits once nobody joined it for this long */
#define GROUP_BUSY_NS 5000000LL /* under load: the last COMMIT was less than this ago */
struct member {
    struct member *next;
    bool done;
    int rc;
    char err[160];
    long long joined;        /* when it joined the group */
    void (*notify)(void *);  /* a deferred commit's watcher (db_pending_watch), called once done */
    void *arg;
};
struct late { /* a db_exec_late statement waiting for its group's COMMIT */
    const char *sql;
    long long id;
    char *a, *b;
};
static struct {
    bool on;                 /* set by db_group_start */
    db *w;                   /* the shared writer connection */
    int writers;             /* threads that write (0: unknown): a group with them all commits at once */
    bool open;               /* the group's transaction is open on w */
    int members;             /* savepoints released into it */
    int members_deferred;    /* of which deferred (db_defer_commit) */
    long long started;       /* when it opened (monotonic ns) */
    _Atomic long long last_join; /* when its latest member joined */
    long long last_commit;   /* when the latest group committed */
    struct member *list;     /* who waits for its COMMIT */
    struct late *late;       /* db_exec_late statements, run before the COMMIT */
    int nlate, late_cap;
    int member_late;         /* nlate when the current member began: its own start after */
    unsigned long commits, committed_members; /* statistics */
    _Atomic int want;        /* threads waiting for write_lock */
    _Atomic int pending;     /* write requests under way that have not reached db_commit/db_rollback */
    pthread_mutex_t done_lock;
    pthread_cond_t done;
    int deferred;            /* members of the open group that nobody waits for (done_lock) */
    bool stop;               /* the grouper thread ends (done_lock) */
    pthread_cond_t kick;     /* wakes the grouper: a deferred member joined */
    pthread_t grouper;
} grp = {.done_lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER, .kick = PTHREAD_COND_INITIALIZER};

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void writer_lock(void)
{
    grp.want++;
    pthread_mutex_lock(&write_lock);
    grp.want--;
}

static int step_once(db *d, const char *sql);
static int pend_settle(db *d, herr *e);
static int run_late(db *d, const struct late *l);

/* drops the late statements from index `from` on (write_lock held) */
static void late_drop(int from)
{
    for (int i = from; i < grp.nlate; i++) {
        free(grp.late[i].a);
        free(grp.late[i].b);
    }
    if (grp.nlate > from) grp.nlate = from;
}

/* runs the group's late statements (write_lock held); 0 or -1 */
static int late_run_all(void)
{
    for (int i = 0; i < grp.nlate; i++)
        if (run_late(grp.w, &grp.late[i])) return -1;
    return 0;
}

/* Ends the open group (write_lock held): COMMIT, or ROLLBACK if nobody is in
 * it, and tells each member the outcome. */
static void group_finish(void)
{
    int rc = 0;
    char err[160] = "";
    if (!grp.members) {
        if (!sqlite3_get_autocommit(grp.w->h)) sqlite3_exec(grp.w->h, "ROLLBACK", NULL, NULL, NULL);
    } else if (sqlite3_get_autocommit(grp.w->h)) { /* an error rolled the whole transaction back */
        rc = -1;
        snprintf(err, sizeof err, "the shared transaction was rolled back");
    } else if (late_run_all()) {
        rc = -1;
        snprintf(err, sizeof err, "index update failed: %s", sqlite3_errmsg(grp.w->h));
        log_errorf("group of %d transactions not committed: %s", grp.members, err);
        if (!sqlite3_get_autocommit(grp.w->h)) sqlite3_exec(grp.w->h, "ROLLBACK", NULL, NULL, NULL);
    } else if (step_once(grp.w, "COMMIT")) {
        rc = -1;
        snprintf(err, sizeof err, "commit failed: %s", sqlite3_errmsg(grp.w->h));
        log_errorf("group commit of %d transactions failed: %s", grp.members, err);
        if (!sqlite3_get_autocommit(grp.w->h)) sqlite3_exec(grp.w->h, "ROLLBACK", NULL, NULL, NULL);
    } else {
        grp.commits++;
        grp.committed_members += (unsigned long)grp.members;
    }
    late_drop(0);
    grp.open = false;
    grp.members = grp.members_deferred = 0;
    pthread_mutex_lock(&grp.done_lock);
    for (struct member *m = grp.list, *next; m; m = next) {
        next = m->next; /* once done, a deferred member may be freed by its owner (db_pending_finish) */
        m->rc = rc;
        memcpy(m->err, err, sizeof err);
        m->done = true;
        if (m->notify) m->notify(m->arg);
    }
    grp.list = NULL;
    grp.deferred = 0;
    pthread_cond_broadcast(&grp.done);
    pthread_mutex_unlock(&grp.done_lock);
}

/* Lets go of write_lock, committing the open group first unless another writer
 * is about to join it: one waits for write_lock, or a write request is under
 * way (db_expect_write) that has not reached its commit yet. */
static void writer_unlock(bool force)
{
    if (!grp.open) goto out;
    long long now = now_ns();
    /* quiet: no writes for a while (commit at once: a lone writer waits for
     * nobody), or nobody joined this group for GROUP_QUIET_NS */
    bool quiet = now - grp.last_commit >= GROUP_BUSY_NS || now - grp.last_join >= GROUP_QUIET_NS;
    /* every writing thread sleeps in this group's db_commit: nobody is left to join
     * (deferred members do not count: their threads serve other requests) */
    bool everyone = grp.writers > 0 && grp.members - grp.members_deferred >= grp.writers;
    if (force || everyone || grp.members >= GROUP_MAX || now - grp.started >= GROUP_NS ||
        (grp.want == 0 && grp.pending == 0 && quiet)) {
        group_finish();
        grp.last_commit = now_ns();
    }
out:
    pthread_mutex_unlock(&write_lock);
}

/* resets the statements a caller left half-read, before its savepoint ends */
static void reset_busy(sqlite3 *h)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, NULL); st; st = sqlite3_next_stmt(h, st))
        if (sqlite3_stmt_busy(st)) sqlite3_reset(st);
}

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

static _Atomic int cache_kib = 16000;
void db_set_cache_kib(int kib) { cache_kib = kib > 0 ? kib : 16000; }

/* SQLite keeps memory statistics by default, under one process-wide mutex taken
 * by every sqlite3_malloc and sqlite3_free: with 8 pool threads that is futex
 * traffic on every request. heed reads none of them. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;
static void sqlite_setup(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* The database holds password hashes and the mail signing key: it, its -wal and -shm (which
 * SQLite creates with the main file's mode) and backups are the owner's alone (0600), whatever
 * the umask. The file is made here before SQLite opens it; an existing looser one is tightened. */
static int make_private(const char *path, herr *e)
{
    if (!*path || !strcmp(path, ":memory:") || !strncmp(path, "file:", 5)) return 0;
    /* Never open(2) and close(2) a database file that may be open: closing any descriptor of a
     * file drops every POSIX lock the process holds on it, SQLite's included. So an existing
     * file is only chmod'ed; a missing one is made (O_EXCL: nobody can have it open yet). */
    struct stat st;
    if (stat(path, &st)) {
        int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            return herr_set(e, 500, "db_open", "", "cannot create database %s: %s", path, strerror(errno));
        if (fd >= 0) close(fd);
    } else if (st.st_mode & 077) {
        chmod(path, 0600);
    }
    static const char *const sides[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        char side[4200];
        snprintf(side, sizeof side, "%s%s", path, sides[i]);
        if (!stat(side, &st) && (st.st_mode & 077)) chmod(side, 0600);
    }
    return 0;
}

int db_open(const char *path, db **out, herr *e)
{
    pthread_once(&sqlite_once, sqlite_setup);
    if (make_private(path, e)) return -1;
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
    char *msg = NULL, pragmas[200];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
             "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-%d;", cache_kib);
    rc = sqlite3_exec(d->h, pragmas, NULL, NULL, &msg);
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
    d->route = d;
    d->grouped = grp.on;
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
            writer_lock();
            if (grp.open) group_finish(); /* the WAL can start over only with no transaction open */
            rc = sqlite3_wal_checkpoint_v2(ckpt.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
            writer_unlock(false);
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

/* Deferred commits (db_defer_commit) have nobody sleeping in db_commit to look
 * at the group after GROUP_QUIET_NS; this thread does, while any are waiting. */
static void *grouper(void *arg)
{
    pthread_mutex_lock(&grp.done_lock);
    while (!grp.stop) {
        if (!grp.deferred) {
            pthread_cond_wait(&grp.kick, &grp.done_lock);
            continue;
        }
        pthread_mutex_unlock(&grp.done_lock);
        struct timespec quiet = {0, GROUP_QUIET_NS};
        nanosleep(&quiet, NULL);
        writer_lock();
        writer_unlock(false); /* commits the group if it is time (see writer_unlock) */
        pthread_mutex_lock(&grp.done_lock);
    }
    pthread_mutex_unlock(&grp.done_lock);
    return NULL;
}

int db_group_start(const char *path, int writers, herr *e)
{
    if (grp.on) return 0;
    if (db_open(path, &grp.w, e)) return -1;
    grp.stop = false;
    grp.deferred = 0;
    if (pthread_create(&grp.grouper, NULL, grouper, NULL)) {
        db_close(grp.w);
        grp.w = NULL;
        return HERR_INTERNAL(e, "cannot start the group commit thread");
    }
    grp.writers = writers;
    grp.open = false;
    grp.members = 0;
    grp.list = NULL;
    grp.commits = grp.committed_members = 0;
    grp.on = true;
    return 0;
}

void db_group_stop(void)
{
    if (!grp.on) return;
    pthread_mutex_lock(&grp.done_lock);
    grp.stop = true;
    pthread_cond_signal(&grp.kick);
    pthread_mutex_unlock(&grp.done_lock);
    pthread_join(grp.grouper, NULL);
    writer_lock();
    if (grp.open) group_finish();
    grp.on = false;
    free(grp.late);
    grp.late = NULL;
    grp.late_cap = 0;
    db *w = grp.w;
    grp.w = NULL;
    pthread_mutex_unlock(&write_lock);
    db_close(w);
}

void db_group_stats(unsigned long *commits, unsigned long *transactions)
{
    pthread_mutex_lock(&write_lock);
    *commits = grp.commits;
    *transactions = grp.committed_members;
    pthread_mutex_unlock(&write_lock);
}

void db_close(db *d)
{
    if (!d) return;
    for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(d->cache[i].st);
    sqlite3_close(d->h);
    free(d);
}

/* runs one cached statement with no result rows; 0 or -1 */
static int step_once(db *d, const char *sql)
{
    db_stmt *s = db_prep(d, sql);
    if (!s) return -1;
    int rc = sqlite3_step(s->st);
    sqlite3_reset(s->st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int exec_sql(db *d, const char *sql, herr *e)
{
    char *msg = NULL;
    d = d->route;
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
    herr ignored;
    pend_settle(d, &ignored); /* reads after a write see it, as after any db_commit */
    if (d->writing || !sqlite3_get_autocommit(d->h)) return;
    db_stmt *s = db_prep(d, "BEGIN");
    if (s && sqlite3_step(s->st) == SQLITE_DONE) d->reading = true;
    if (s) sqlite3_reset(s->st);
}

/* db_begin for a server connection: join (or open) the group on the writer */
static int group_begin(db *d, herr *e)
{
    if (d->writing) return herr_set(e, 500, "db", "", "cannot start a transaction within a transaction");
    writer_lock();
    db *w = grp.w;
    if (grp.open && sqlite3_get_autocommit(w->h)) group_finish(); /* rolled back by an error: fail its members */
    if (!grp.open) {
        if (step_once(w, "BEGIN IMMEDIATE")) {
            herr_set(e, 500, "db", "", "%s", sqlite3_errmsg(w->h));
            writer_unlock(false);
            return -1;
        }
        grp.open = true;
        grp.members = grp.members_deferred = 0;
        grp.started = now_ns();
    }
    if (step_once(w, "SAVEPOINT heed_member")) {
        herr_set(e, 500, "db", "", "%s", sqlite3_errmsg(w->h));
        writer_unlock(false);
        return -1;
    }
    grp.member_late = grp.nlate;
    d->writing = true;
    d->route = w;
    return 0;
}

/* undoes the caller's savepoint (write_lock held) */
static void member_undo(db *w)
{
    late_drop(grp.member_late);
    reset_busy(w->h);
    if (!sqlite3_get_autocommit(w->h) && !step_once(w, "ROLLBACK TO heed_member"))
        step_once(w, "RELEASE heed_member");
}

/* the request of d reached its commit or rollback (write_lock held) */
static void expect_done(db *d)
{
    if (d->expecting) {
        d->expecting = false;
        grp.pending--;
    }
}

void db_expect_write(db *d)
{
    if (!d->grouped || d->expecting) return;
    d->expecting = true;
    grp.pending++;
}

static int member_wait(struct member *m, herr *e);

static int group_commit(db *d, herr *e)
{
    if (!d->writing) return herr_set(e, 500, "db", "", "cannot commit - no transaction is active");
    db *w = grp.w;
    d->writing = false;
    d->route = d;
    expect_done(d);
    reset_busy(w->h);
    if (sqlite3_get_autocommit(w->h) || step_once(w, "RELEASE heed_member")) {
        herr_set(e, 500, "db", "", "database error: %s",
                 sqlite3_get_autocommit(w->h) ? "the transaction was rolled back" : sqlite3_errmsg(w->h));
        member_undo(w);
        writer_unlock(false);
        return -1;
    }
    struct member me = {0}, *m = &me;
    if (d->defer && (m = calloc(1, sizeof *m)) == NULL) m = &me; /* no memory: wait as usual */
    d->defer = false;
    m->next = grp.list;
    grp.list = m;
    grp.members++;
    m->joined = grp.last_join = now_ns();
    if (m != &me) { /* deferred: the caller learns the outcome through db_pending_* */
        d->pend = m;
        grp.members_deferred++;
        pthread_mutex_lock(&grp.done_lock);
        if (!grp.deferred++) pthread_cond_signal(&grp.kick);
        pthread_mutex_unlock(&grp.done_lock);
        writer_unlock(false);
        return 0;
    }
    writer_unlock(false);
    return member_wait(&me, e);
}

/* sleeps until m's group has committed; its outcome */
static int member_wait(struct member *m, herr *e)
{
    pthread_mutex_lock(&grp.done_lock);
    while (!m->done) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        /* the latest member to join looks again after GROUP_QUIET_NS; the others
         * sleep until the COMMIT (a longer timeout is only a safety net) */
        until.tv_nsec += grp.last_join == m->joined ? GROUP_QUIET_NS : GROUP_NS;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        if (pthread_cond_timedwait(&grp.done, &grp.done_lock, &until) && !m->done) {
            /* nobody has committed the group yet: see whether it is time (writer_unlock decides) */
            pthread_mutex_unlock(&grp.done_lock);
            writer_lock();
            writer_unlock(false);
            pthread_mutex_lock(&grp.done_lock);
        }
    }
    pthread_mutex_unlock(&grp.done_lock);
    if (m->rc) return HERR_INTERNAL(e, "database error: %s", m->err);
    return 0;
}

/* d's deferred commit is not taken yet and d is used again: wait for it, as
 * db_commit would have (what follows may rely on it); 0 or its error */
static int pend_settle(db *d, herr *e)
{
    return d->pend ? member_wait(d->pend, e) : 0;
}

void db_defer_commit(db *d) { d->defer = d->grouped; }

db_pending *db_pending_take(db *d)
{
    d->defer = false;
    db_pending *p = (db_pending *)d->pend;
    d->pend = NULL;
    return p;
}

void db_pending_watch(db_pending *p, void (*fn)(void *), void *arg)
{
    struct member *m = (struct member *)p;
    pthread_mutex_lock(&grp.done_lock);
    bool done = m->done;
    if (!done) m->notify = fn, m->arg = arg;
    pthread_mutex_unlock(&grp.done_lock);
    if (done) fn(arg);
}

int db_pending_finish(db_pending *p, herr *e)
{
    struct member *m = (struct member *)p;
    int rc = member_wait(m, e); /* returns at once: it was notified */
    free(m);
    return rc;
}

int db_begin(db *d, herr *e)
{
    if (pend_settle(d, e)) return -1; /* an earlier write of this caller failed: so does this one */
    if (d->reading) { /* a write after all: leave the snapshot, as autocommit reads would */
        d->reading = false;
        if (!sqlite3_get_autocommit(d->h)) step_once(d, "ROLLBACK");
    }
    if (d->grouped) return group_begin(d, e);
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
    if (d->grouped) return group_commit(d, e);
    if (exec_sql(d, "COMMIT", e)) {
        db_rollback(d);
        return -1;
    }
    end_write(d);
    return 0;
}
void db_rollback(db *d)
{
    if (d->grouped && d->writing) {
        d->writing = false;
        d->route = d;
        member_undo(grp.w);
        expect_done(d);
        writer_unlock(false);
    } else if (d->expecting) { /* a write request that wrote nothing: the group may be waiting for it */
        writer_lock();
        expect_done(d);
        writer_unlock(false);
    }
    d->reading = false;
    /* a cached statement: every GET ends its snapshot here, and sqlite3_exec
     * would compile "ROLLBACK" each time */
    if (!sqlite3_get_autocommit(d->h)) step_once(d, "ROLLBACK");
    end_write(d);
}

db_stmt *db_prep(db *d, const char *sql)
{
    if (d->pend && d->route == d) {
        herr ignored;
        pend_settle(d, &ignored); /* a read after a deferred commit: as after any db_commit */
    }
    d = d->route;
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

static int run_late(db *d, const struct late *l)
{
    db_stmt *s = db_prep(d, l->sql);
    if (!s) return -1;
    db_bind_int(s, 1, l->id);
    db_bind_text(s, 2, l->a);
    db_bind_text(s, 3, l->b);
    int rc = db_step(s);
    db_done(s);
    return rc == DB_ERROR ? -1 : 0;
}

int db_exec_late(db *d, const char *sql, long long id, const char *a, const char *b, herr *e)
{
    struct late l = {.sql = sql, .id = id, .a = (char *)a, .b = (char *)b};
    if (!(d->grouped && d->writing)) { /* not in a group: at once, as any statement */
        if (run_late(d->route, &l)) return HERR_INTERNAL(e, "database error: %s", sqlite3_errmsg(d->route->h));
        return 0;
    }
    if (grp.nlate == grp.late_cap) { /* write_lock is held: grp.late is ours */
        int cap = grp.late_cap ? grp.late_cap * 2 : 64;
        struct late *n = realloc(grp.late, sizeof *n * (size_t)cap);
        if (!n) return HERR_INTERNAL(e, "out of memory");
        grp.late = n;
        grp.late_cap = cap;
    }
    l.a = a ? strdup(a) : NULL;
    l.b = b ? strdup(b) : NULL;
    if ((a && !l.a) || (b && !l.b)) {
        free(l.a);
        free(l.b);
        return HERR_INTERNAL(e, "out of memory");
    }
    grp.late[grp.nlate++] = l;
    return 0;
}

/* during a grouped write these read the writer's, under write_lock: this caller's */
long long db_last_id(db *d) { return sqlite3_last_insert_rowid(d->route->h); }
int db_changes(db *d) { return sqlite3_changes(d->route->h); }
const char *db_errmsg(db *d) { return sqlite3_errmsg(d->route->h); }
bool db_is_constraint_error(db *d) { return (sqlite3_extended_errcode(d->route->h) & 0xff) == SQLITE_CONSTRAINT; }

int db_backup(db *d, const char *dest_path, herr *e)
{
    sqlite3 *dest;
    if (make_private(dest_path, e)) return -1;
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
