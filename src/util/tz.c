/* tz: reads one TZif file (RFC 8536) per call. The version 2+ block (64-bit times) is used when
 * there is one. The footer's POSIX rule for times after the last transition is not read:
 * Debian's tzdata ships "fat" files with transitions up to 2037. */
#include "util/tz.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
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

static bool load(const char *name, unsigned char *b, tzfile *f)
{
    if (!name_ok(name)) return false;
    int n = read_all(name, b, TZ_FILE_MAX);
    size_t size;
    if (n < 44 || block(b, (size_t)n, 4, f, &size)) return false;
    if (b[4] >= '2' && block(b + size, (size_t)n - size, 8, f, &size)) return false;
    return true;
}

bool tz_valid(const char *name)
{
    unsigned char b[TZ_FILE_MAX];
    tzfile f;
    return load(name, b, &f);
}

bool tz_at(const char *name, long long t, tz_view *out)
{
    unsigned char b[TZ_FILE_MAX];
    tzfile f;
    memset(out, 0, sizeof *out);
    if (!load(name, b, &f)) return false;
    /* before the first transition: the first standard-time type (RFC 8536 3.2), else type 0 */
    unsigned ty = 0;
    for (unsigned i = 0; i < f.ntypes; i++) if (!f.types[i * 6 + 4]) { ty = i; break; }
    uint32_t i = 0;
    while (i < f.ntimes && when(&f, i) <= t) ty = f.idx[i++];
    type_of(&f, ty, &out->offset, out->abbr);
    int last = out->offset;
    for (; i < f.ntimes && out->nchanges < TZ_CHANGES; i++) {
        int off;
        char ab[TZ_ABBR];
        type_of(&f, f.idx[i], &off, ab);
        if (off == last) continue; /* an abbreviation-only change moves no deadline */
        out->change[out->nchanges].at = when(&f, i);
        out->change[out->nchanges].offset = off;
        memcpy(out->change[out->nchanges].abbr, ab, TZ_ABBR);
        out->nchanges++;
        last = off;
    }
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
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    time_t wall = timegm(&tm); /* the wall-clock time read as if it were UTC */
    struct tm back;
    gmtime_r(&wall, &back);
    if (back.tm_mday != d || back.tm_mon != mo - 1) return false; /* 31 February */
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
