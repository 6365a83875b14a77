/* tz: reads TZif files (RFC 8536). The version 2+ block (64-bit times) is used when
 * there is one. The footer's POSIX rule for times after the last transition is not read:
 * Debian's tzdata ships "fat" files with transitions up to 2037.
 * A zone's file is read and decoded once per process and kept (see zone_get): every SLA clock,
 * commitment and reply read the agent's zone, and an open/read/close per call cost more
 * than the rest of the work. */
#include "util/tz.h"
#include "util/timeutil.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { TZ_FILE_MAX = 16384 }; /* the largest zone file in tzdata is under 4 KiB */

static bool name_ok(const char *n)
{
    size_t len = strlen(n);
    if (!len || len >= TZ_NAME_MAX || n[0] == '/' || n[0] == '.') return false;
    for (size_t i = 0; i < len; i++) {
        char c = n[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
                  c == '-' || c == '+';
        if (!ok) return false;
        if (c == '/' && (n[i + 1] == '/' || n[i + 1] == '\0')) return false;
    }
    return true;
}

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static long long be64(const unsigned char *p) { return (long long)((uint64_t)be32(p) << 32 | be32(p + 4)); }

typedef struct tzfile {
    const unsigned char *times, *idx, *types, *chars;
    uint32_t ntimes, ntypes, nchars, width;
} tzfile;

/* the data block of a header at p (len bytes left); 0 on success */
static int block(const unsigned char *p, size_t len, uint32_t width, tzfile *f, size_t *size)
{
    if (len < 44 || memcmp(p, "TZif", 4)) return -1;
    uint32_t isut = be32(p + 20), isstd = be32(p + 24), leap = be32(p + 28), nt = be32(p + 32), ty = be32(p + 36), ch = be32(p + 40);
    if (nt > 4096 || ty == 0 || ty > 256 || ch > 1024 || leap > 1024 || isut > 256 || isstd > 256) return -1;
    size_t need = (size_t)nt * (width + 1) + (size_t)ty * 6 + ch + (size_t)leap * (width + 4) + isstd + isut;
    if (len - 44 < need) return -1;
    const unsigned char *d = p + 44;
    *f = (tzfile){.times = d, .idx = d + (size_t)nt * width, .types = d + (size_t)nt * (width + 1),
                  .chars = d + (size_t)nt * (width + 1) + (size_t)ty * 6, .ntimes = nt, .ntypes = ty, .nchars = ch, .width = width};
    for (uint32_t i = 0; i < nt; i++) if (f->idx[i] >= ty) return -1;
    for (uint32_t i = 0; i < ty; i++) if (f->types[i * 6 + 5] >= ch && ch) return -1;
    *size = 44 + need;
    return 0;
}

static long long when(const tzfile *f, uint32_t i)
{
    const unsigned char *p = f->times + (size_t)i * f->width;
    return f->width == 8 ? be64(p) : (long long)(int32_t)be32(p);
}

static void type_of(const tzfile *f, unsigned ty, int *offset, char abbr[TZ_ABBR])
{
    const unsigned char *t = f->types + ty * 6;
    *offset = (int32_t)be32(t) / 60;
    size_t k = 0;
    if (f->nchars)
        for (const unsigned char *c = f->chars + t[5]; c < f->chars + f->nchars && *c && k + 1 < TZ_ABBR; c++) abbr[k++] = (char)*c;
    abbr[k] = '\0';
}

static int read_all(const char *name, unsigned char *b, size_t cap)
{
    char path[sizeof "/usr/share/zoneinfo/" + TZ_NAME_MAX];
    memcpy(path, "/usr/share/zoneinfo/", sizeof "/usr/share/zoneinfo/");
    strcat(path, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t n = 0;
    ssize_t k;
    while (n < cap && (k = read(fd, b + n, cap - n)) > 0) n += (size_t)k;
    close(fd);
    return (int)n;
}

/* ---- a zone decoded: its transitions as instants and offsets, searched by bisection ---- */
typedef struct zone {
    char name[TZ_NAME_MAX];
    int first_offset;              /* before the first transition */
    char first_abbr[TZ_ABBR];
    uint32_t n;                    /* transitions */
    long long *at;                 /* instants, ascending */
    int *offset;                   /* the offset (minutes) from at[i] on */
    char (*abbr)[TZ_ABBR];
} zone;

static void zone_free(zone *z)
{
    if (!z) return;
    free(z->at);
    free(z->offset);
    free(z->abbr);
    free(z);
}

/* reads and decodes zone name's file; NULL if it is no zone (or out of memory) */
static zone *zone_read(const char *name)
{
    if (!name_ok(name)) return NULL;
    unsigned char *b = malloc(TZ_FILE_MAX);
    if (!b) return NULL;
    int len = read_all(name, b, TZ_FILE_MAX);
    tzfile f;
    size_t size;
    zone *z = NULL;
    if (len < 44 || block(b, (size_t)len, 4, &f, &size)) goto done;
    if (b[4] >= '2' && block(b + size, (size_t)len - size, 8, &f, &size)) goto done;
    z = calloc(1, sizeof *z);
    if (!z) goto done;
    snprintf(z->name, sizeof z->name, "%s", name);
    z->n = f.ntimes;
    z->at = malloc(sizeof *z->at * (f.ntimes ? f.ntimes : 1));
    z->offset = malloc(sizeof *z->offset * (f.ntimes ? f.ntimes : 1));
    z->abbr = malloc(sizeof *z->abbr * (f.ntimes ? f.ntimes : 1));
    if (!z->at || !z->offset || !z->abbr) {
        zone_free(z);
        z = NULL;
        goto done;
    }
    /* before the first transition: the first standard-time type (RFC 8536 3.2), else type 0 */
    unsigned ty = 0;
    for (unsigned i = 0; i < f.ntypes; i++) if (!f.types[i * 6 + 4]) { ty = i; break; }
    type_of(&f, ty, &z->first_offset, z->first_abbr);
    for (uint32_t i = 0; i < f.ntimes; i++) {
        z->at[i] = when(&f, i);
        type_of(&f, f.idx[i], &z->offset[i], z->abbr[i]);
    }
done:
    free(b);
    return z;
}

/* ---- the zones read so far: kept for the process's life, never changed once added ---- */
enum { ZONES_KEPT = 64 }; /* a team uses a handful; past this, a zone is read per call */
static zone *kept[ZONES_KEPT];
static int nkept;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

/* zone name, kept or read now; *owned true when the caller must zone_free it (not kept) */
static const zone *zone_get(const char *name, bool *owned)
{
    *owned = false;
    pthread_mutex_lock(&kept_lock);
    for (int i = 0; i < nkept; i++)
        if (!strcmp(kept[i]->name, name)) {
            const zone *z = kept[i];
            pthread_mutex_unlock(&kept_lock);
            return z;
        }
    pthread_mutex_unlock(&kept_lock);
    zone *z = zone_read(name); /* outside the lock: a file read */
    if (!z) return NULL;       /* a name that is no zone is the caller's input: not kept */
    pthread_mutex_lock(&kept_lock);
    for (int i = 0; i < nkept; i++)
        if (!strcmp(kept[i]->name, name)) { /* another thread kept it meanwhile */
            zone_free(z);
            z = kept[i];
            pthread_mutex_unlock(&kept_lock);
            return z;
        }
    if (nkept < ZONES_KEPT) kept[nkept++] = z;
    else *owned = true;
    pthread_mutex_unlock(&kept_lock);
    return z;
}

bool tz_valid(const char *name)
{
    bool owned;
    const zone *z = zone_get(name, &owned);
    if (owned) zone_free((zone *)z);
    return z != NULL;
}

bool tz_at(const char *name, long long t, tz_view *out)
{
    memset(out, 0, sizeof *out);
    bool owned;
    const zone *z = zone_get(name, &owned);
    if (!z) return false;
    /* i = the number of transitions at or before t */
    uint32_t lo = 0, hi = z->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t) lo = mid + 1;
        else hi = mid;
    }
    uint32_t i = lo;
    out->offset = i ? z->offset[i - 1] : z->first_offset;
    memcpy(out->abbr, i ? z->abbr[i - 1] : z->first_abbr, TZ_ABBR);
    int last = out->offset;
    for (; i < z->n && out->nchanges < TZ_CHANGES; i++) {
        if (z->offset[i] == last) continue; /* an abbreviation-only change moves no deadline */
        out->change[out->nchanges].at = z->at[i];
        out->change[out->nchanges].offset = z->offset[i];
        memcpy(out->change[out->nchanges].abbr, z->abbr[i], TZ_ABBR);
        out->nchanges++;
        last = z->offset[i];
    }
    if (owned) zone_free((zone *)z);
    return true;
}

int tz_each(void (*fn)(const char *name, void *ctx), void *ctx)
{
    FILE *f = fopen("/usr/share/zoneinfo/zone1970.tab", "re");
    if (!f) return -1;
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        /* codes TAB coordinates TAB zone [TAB comments] */
        char *a = strchr(line, '\t'), *b = a ? strchr(a + 1, '\t') : NULL;
        if (!b) continue;
        char *z = b + 1;
        z[strcspn(z, "\t\r\n")] = '\0';
        if (name_ok(z)) { fn(z, ctx); n++; }
    }
    fclose(f);
    return n;
}

bool tz_local_to_utc(const char *name, int y, int mo, int d, int h, int mi, long long *out)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) return false;
    long day = time_days_from_civil(y, mo, d);
    int y2, mo2, d2;
    time_civil_from_days(day, &y2, &mo2, &d2);
    if (d2 != d || mo2 != mo) return false; /* 31 February */
    long long wall = day * 86400LL + h * 3600LL + mi * 60LL; /* the wall-clock time read as if it were UTC */
    tz_view v;
    if (!tz_at(name, (long long)wall, &v)) return false;
    long long guess = (long long)wall - v.offset * 60LL;
    if (tz_at(name, guess, &v)) guess = (long long)wall - v.offset * 60LL; /* the offset in force then (DST) */
    *out = guess;
    return true;
}

void tz_format_local(const char *name, long long t, char *out, size_t n)
{
    tz_view v;
    int off = tz_at(name, t, &v) ? v.offset : 0;
    time_t local = (time_t)(t + off * 60LL);
    struct tm tm;
    gmtime_r(&local, &tm);
    strftime(out, n, "%a %d %b %H:%M", &tm);
    size_t len = strlen(out);
    if (*v.abbr && len + 2 + strlen(v.abbr) < n) snprintf(out + len, n - len, " %s", v.abbr);
}
