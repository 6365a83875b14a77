#ifndef HEED_TZ_H
#define HEED_TZ_H
/* IANA time zones ("America/New_York") read straight from the system's tz database
 * (Debian's tzdata, /usr/share/zoneinfo, TZif files). Thread-safe: no TZ variable, no
 * tzset/localtime (those are process-global). A zone's file is read on first use and kept
 * for the process's life (a changed tzdata takes effect at the next start). */
#include <stdbool.h>

enum { TZ_NAME_MAX = 64, TZ_CHANGES = 8, TZ_ABBR = 8 };

typedef struct tz_view {
    int offset;                 /* minutes east of UTC in force at the instant asked about */
    char abbr[TZ_ABBR];         /* its abbreviation: "EST", "BST", "IST" */
    int nchanges;               /* the zone's next offset changes after that instant, in order */
    struct { long long at; int offset; char abbr[TZ_ABBR]; } change[TZ_CHANGES];
} tz_view;

/* true if name is an IANA zone name in the tz database (checked for shape first: letters,
 * digits, '/', '_', '-', '+'; no "..", no leading '/'; then the file must be a TZif file) */
bool tz_valid(const char *name);
/* the zone at Unix time t (UTC) and its next TZ_CHANGES changes; false if name is not a zone.
 * After the file's last transition (2037 in Debian's tzdata) the last offset holds. */
bool tz_at(const char *name, long long t, tz_view *out);
/* calls fn for each zone in the database's list of zones (zone1970.tab: one a region, about
 * 310), in file order; returns how many, or -1 if the list cannot be read */
int tz_each(void (*fn)(const char *name, void *ctx), void *ctx);
/* the UTC instant of a wall-clock time in zone name (in a DST gap or overlap: the offset in
 * force just before); false for a date that does not exist or an unknown zone */
bool tz_local_to_utc(const char *name, int y, int mo, int d, int h, int mi, long long *out);
/* t as the zone's wall clock: "Fri 11 Dec 17:00 GMT" (into out, n bytes) */
#include <stddef.h>
void tz_format_local(const char *name, long long t, char *out, size_t n);
#endif
