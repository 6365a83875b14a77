/* The attachment bytes: content-addressed files next to the database,
 * <db>.files/ab/cdef... (SHA-256 in hex, split after two digits), written once whatever
 * the number of emails that carry them; rows in mail_attachments point at them. Files are
 * made durable (fsync of file and directory) before the row that names them commits; a
 * file whose row never committed is an orphan that costs disk space only, until
 * store_blob_gc removes it. store_blob_backup copies the files next to a backup.
 *
 * Why gc cannot remove a file a new row is about to name: store_blob_put runs inside the
 * filing transaction, and gc re-checks each candidate and unlinks it inside a write
 * transaction of its own, so the two are serialised by SQLite's write lock. The grace
 * period covers tmp/ files, which the parser writes before that transaction starts. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "store/store.h"

static int mkdir_p1(const char *path, herr *e)
{
    /* attachments are customers' files: the owner's alone (0700), whatever the umask */
    if (mkdir(path, 0700) && errno != EEXIST) return HERR_INTERNAL(e, "cannot create %s: %s", path, strerror(errno));
    struct stat st;
    if (!stat(path, &st) && (st.st_mode & 077)) chmod(path, 0700);
    return 0;
}

static void fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

const char *store_blob_dir(db *d, arena *a, herr *e)
{
    const char *f = db_filename(d);
    if (!f || !*f) {
        HERR_INTERNAL(e, "an in-memory database keeps no attachments");
        return NULL;
    }
    const char *dir = arena_printf(a, "%s.files", f);
    if (mkdir_p1(dir, e) || mkdir_p1(arena_printf(a, "%s/tmp", dir), e)) return NULL;
    return dir;
}

const char *store_blob_path(db *d, arena *a, const char *sha)
{
    const char *f = db_filename(d);
    if (!f || !*f || !sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64) return NULL;
    return arena_printf(a, "%s.files/%.2s/%s", f, sha, sha + 2);
}

int store_blob_put(db *d, arena *a, const char *tmp_path, const char *sha, herr *e)
{
    const char *dir = store_blob_dir(d, a, e);
    if (!dir) return -1;
    const char *path = store_blob_path(d, a, sha);
    if (!path) return HERR_INTERNAL(e, "malformed attachment digest");
    const char *sub = arena_printf(a, "%s/%.2s", dir, sha);
    if (mkdir_p1(sub, e)) return -1;
    struct stat st;
    if (stat(path, &st) == 0) { /* these bytes are stored already */
        unlink(tmp_path);
        return 0;
    }
    int fd = open(tmp_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return HERR_INTERNAL(e, "cannot open %s: %s", tmp_path, strerror(errno));
    int rc = fsync(fd);
    close(fd);
    if (rc) return HERR_INTERNAL(e, "cannot sync %s: %s", tmp_path, strerror(errno));
    if (rename(tmp_path, path)) return HERR_INTERNAL(e, "cannot move attachment to %s: %s", path, strerror(errno));
    fsync_dir(sub);
    return 0;
}

/* ---- walking the store ---- */

static bool hex_name(const char *s, size_t n) { return strlen(s) == n && strspn(s, "0123456789abcdef") == n; }

/* calls fn for every stored file (<dir>/ab/<62 hex>) with its digest and path; stops on -1 */
static int each_blob(arena *a, const char *dir, int (*fn)(void *, const char *sha, const char *path, herr *),
                     void *arg, herr *e)
{
    DIR *top = opendir(dir);
    if (!top) return errno == ENOENT ? 0 : HERR_INTERNAL(e, "cannot read %s: %s", dir, strerror(errno));
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(top))) {
        if (!hex_name(de->d_name, 2)) continue; /* ., .., tmp */
        const char *sub = arena_printf(a, "%s/%s", dir, de->d_name);
        DIR *sd = opendir(sub);
        if (!sd) continue;
        struct dirent *fe;
        while (!rc && (fe = readdir(sd))) {
            if (!hex_name(fe->d_name, 62)) continue;
            rc = fn(arg, arena_printf(a, "%s%s", de->d_name, fe->d_name), arena_printf(a, "%s/%s", sub, fe->d_name), e);
        }
        closedir(sd);
    }
    closedir(top);
    return rc;
}

/* ---- backup ---- */

struct backup_walk {
    arena *a;
    const char *dest;   /* <backup>.files */
    blob_stats *st;
};

/* copies src to dst through dest/tmp/ (written, fsynced, renamed: never a partial file) */
static int copy_file(struct backup_walk *w, const char *src, const char *sha, const char *dst, herr *e)
{
    const char *tmp = arena_printf(w->a, "%s/tmp/%s.%ld.part", w->dest, sha, (long)getpid());
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0) return HERR_INTERNAL(e, "cannot open %s: %s", src, strerror(errno));
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return HERR_INTERNAL(e, "cannot create %s: %s", tmp, strerror(errno));
    }
    char chunk[65536];
    ssize_t got = 0;
    int rc = 0;
    while (!rc && (got = read(in, chunk, sizeof chunk)) > 0)
        for (ssize_t off = 0; off < got && !rc;) {
            ssize_t put = write(out, chunk + off, (size_t)(got - off));
            if (put < 0) rc = HERR_INTERNAL(e, "cannot write %s: %s", tmp, strerror(errno));
            else off += put, w->st->bytes += put;
        }
    if (!rc && got < 0) rc = HERR_INTERNAL(e, "cannot read %s: %s", src, strerror(errno));
    if (!rc && fsync(out)) rc = HERR_INTERNAL(e, "cannot sync %s: %s", tmp, strerror(errno));
    close(in);
    if (close(out) && !rc) rc = HERR_INTERNAL(e, "cannot write %s: %s", tmp, strerror(errno));
    if (!rc && rename(tmp, dst)) rc = HERR_INTERNAL(e, "cannot move %s to %s: %s", tmp, dst, strerror(errno));
    if (rc) unlink(tmp);
    return rc;
}

static int backup_one(void *arg, const char *sha, const char *path, herr *e)
{
    struct backup_walk *w = arg;
    const char *sub = arena_printf(w->a, "%s/%.2s", w->dest, sha);
    const char *dst = arena_printf(w->a, "%s/%s", sub, sha + 2);
    struct stat st;
    if (stat(dst, &st) == 0) { /* content-addressed: the same name is the same bytes */
        w->st->present++;
        return 0;
    }
    if (mkdir_p1(sub, e)) return -1;
    /* a hard link is safe: stored files are never written again, only removed */
    if (link(path, dst) == 0) w->st->linked++;
    else if (copy_file(w, path, sha, dst, e)) return -1;
    else w->st->copied++;
    fsync_dir(sub);
    return 0;
}

int store_blob_backup(db *d, arena *a, const char *dest_db, blob_stats *st, herr *e)
{
    *st = (blob_stats){0};
    const char *src = store_blob_dir(d, a, e);
    if (!src) return -1;
    struct backup_walk w = {.a = a, .dest = arena_printf(a, "%s.files", dest_db), .st = st};
    if (mkdir_p1(w.dest, e) || mkdir_p1(arena_printf(a, "%s/tmp", w.dest), e)) return -1;
    return each_blob(a, src, backup_one, &w, e);
}

/* ---- removing orphans ---- */

struct gc_walk {
    db *d;
    arena *a;
    time_t before; /* files changed after this are in their grace period */
    bool dry_run;
    blob_stats *st;
    const char **cand; /* unreferenced and old: checked again under the write lock */
    int ncand, cap;
};

static bool old_enough(const char *path, time_t before, long long *size)
{
    struct stat st;
    if (lstat(path, &st) || !S_ISREG(st.st_mode)) return false;
    *size = st.st_size;
    return st.st_mtime < before;
}

static int referenced(db *d, const char *sha, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT 1 FROM mail_attachments WHERE sha256 = ? LIMIT 1");
    if (!s) return HERR_INTERNAL(e, "cannot prepare attachment lookup");
    db_bind_text(s, 1, sha);
    int rc = db_step(s);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error: %s", db_errmsg(d));
    return rc == DB_ROW;
}

static int gc_candidate(void *arg, const char *sha, const char *path, herr *e)
{
    struct gc_walk *w = arg;
    long long size;
    int ref = referenced(w->d, sha, e);
    if (ref < 0) return -1;
    if (ref) w->st->present++;
    else if (!old_enough(path, w->before, &size)) w->st->young++;
    else *(const char **)arena_push(w->a, &w->cand, &w->ncand, &w->cap, sizeof *w->cand) = arena_strdup(w->a, path);
    return 0;
}

/* inside the write transaction: still unreferenced and still old, then gone */
static int gc_remove(struct gc_walk *w, const char *path, herr *e)
{
    const char *name = strrchr(path, '/');
    const char *sha = arena_printf(w->a, "%.2s%s", name - 2, name + 1);
    long long size;
    int ref = referenced(w->d, sha, e);
    if (ref < 0) return -1;
    if (ref || !old_enough(path, w->before, &size)) {
        w->st->present += ref;
        return 0;
    }
    if (!w->dry_run && unlink(path) && errno != ENOENT) return HERR_INTERNAL(e, "cannot remove %s: %s", path, strerror(errno));
    w->st->removed++;
    w->st->bytes += size;
    return 0;
}

/* stale files in tmp/: an ingest that died before filing, an interrupted backup copy */
static int gc_tmp(struct gc_walk *w, const char *dir, herr *e)
{
    const char *tmp = arena_printf(w->a, "%s/tmp", dir);
    DIR *td = opendir(tmp);
    if (!td) return 0;
    struct dirent *de;
    while ((de = readdir(td))) {
        if (de->d_name[0] == '.') continue;
        const char *path = arena_printf(w->a, "%s/%s", tmp, de->d_name);
        long long size;
        if (!old_enough(path, w->before, &size)) continue;
        if (!w->dry_run && unlink(path) && errno != ENOENT) {
            closedir(td);
            return HERR_INTERNAL(e, "cannot remove %s: %s", path, strerror(errno));
        }
        w->st->tmp_removed++;
        w->st->bytes += size;
    }
    closedir(td);
    return 0;
}

int store_blob_gc(db *d, arena *a, long long grace_seconds, bool dry_run, blob_stats *st, herr *e)
{
    *st = (blob_stats){0};
    const char *dir = store_blob_dir(d, a, e);
    if (!dir) return -1;
    struct gc_walk w = {.d = d, .a = a, .before = time(NULL) - grace_seconds, .dry_run = dry_run, .st = st};
    if (each_blob(a, dir, gc_candidate, &w, e) || gc_tmp(&w, dir, e)) return -1;
    if (!w.ncand) return 0;
    if (db_begin(d, e)) return -1;
    for (int i = 0; i < w.ncand; i++)
        if (gc_remove(&w, w.cand[i], e)) {
            db_rollback(d);
            return -1;
        }
    return db_commit(d, e);
}
