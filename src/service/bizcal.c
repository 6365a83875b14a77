/* Business-time arithmetic. See bizcal.h. Each open interval of a local day is turned into
 * UTC instants through the zone (tz_local_to_utc), so a DST change inside the day is right. */
#include <stdio.h>
#include "service/bizcal.h"
#include "util/timeutil.h"
#include "util/tz.h"

bool bizcal_parse_date(const char *s, int *day)
{
    int y, m, d, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s[10] || m < 1 || m > 12 || d < 1 || d > 31) return false;
    long z = time_days_from_civil(y, m, d);
    int y2, m2, d2;
    time_civil_from_days(z, &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d) return false; /* 2026-02-30 */
    *day = (int)z;
    return true;
}

static bool holiday(const bizcal *c, long day)
{
    for (int i = 0; i < c->nholidays; i++)
        if (c->holidays[i] == day) return true;
    return false;
}

/* the local day of instant t in the calendar's zone */
static long local_day(const bizcal *c, time_t t)
{
    tz_view v;
    long long local = (long long)t + (tz_at(c->tz, (long long)t, &v) ? v.offset * 60LL : 0);
    return (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

/* the UTC instant of minute `min` of local day `day` (1440: the next midnight) */
static time_t at(const bizcal *c, long day, int min)
{
    int y, m, d;
    time_civil_from_days(day + min / 1440, &y, &m, &d);
    min %= 1440;
    long long t;
    if (!tz_local_to_utc(c->tz, y, m, d, min / 60, min % 60, &t)) t = (long long)(day * 86400L + min * 60L);
    return (time_t)t;
}

/* walks the open intervals from `from` on: calls step(a, b) for each [a,b) clipped to start
 * at `from`, until step returns true or the horizon passes; false at the horizon */
typedef struct walk {
    long remaining; /* add: seconds still to count */
    time_t found;
    time_t to;      /* minutes: where to stop */
    long counted;   /* minutes: seconds counted */
} walk;

static bool step_add(walk *w, time_t a, time_t b)
{
    if ((long)(b - a) >= w->remaining) {
        w->found = a + w->remaining;
        return true;
    }
    w->remaining -= (long)(b - a);
    return false;
}

static bool step_count(walk *w, time_t a, time_t b)
{
    if (a >= w->to) return true;
    w->counted += (long)((b < w->to ? b : w->to) - a);
    return b >= w->to;
}

static bool walk_from(const bizcal *c, time_t from, walk *w, bool (*step)(walk *, time_t, time_t))
{
    long day = local_day(c, from) - 1; /* the day before: an interval may run past midnight in UTC terms */
    for (long i = 0; i < BIZCAL_HORIZON_DAYS; i++, day++) {
        if (holiday(c, day)) continue;
        int wd = (int)(((day % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
        for (int k = 0; k < c->nhours[wd]; k++) {
            time_t a = at(c, day, c->hours[wd][k].start), b = at(c, day, c->hours[wd][k].end);
            if (b <= from) continue;
            if (a < from) a = from;
            if (a < b && step(w, a, b)) return true;
        }
    }
    return false;
}

time_t bizcal_add(const bizcal *c, time_t start, long minutes)
{
    if (minutes < 0) minutes = 0;
    if (!c) return start + minutes * 60;
    walk w = {.remaining = minutes * 60};
    if (!minutes) { /* the first open moment at or after start */
        w.remaining = 0;
    }
    return walk_from(c, start, &w, step_add) ? w.found : 0;
}

long bizcal_minutes(const bizcal *c, time_t from, time_t to)
{
    if (to <= from) return 0;
    if (!c) return (long)((to - from) / 60);
    walk w = {.to = to};
    walk_from(c, from, &w, step_count);
    return w.counted / 60;
}
