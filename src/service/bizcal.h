#ifndef HEED_BIZCAL_H
#define HEED_BIZCAL_H
/* Business time: a calendar's open hours in its own time zone, and arithmetic on them. No
 * I/O besides the tz database (util/tz.h); no allocation. Steps interval by interval, never
 * minute by minute, so a target of weeks costs a few hundred steps. */
#include <stdbool.h>
#include <time.h>

enum { BIZCAL_INTERVALS = 8, BIZCAL_HOLIDAYS = 64, BIZCAL_HORIZON_DAYS = 3660 };

typedef struct bizcal {
    char tz[64];
    /* per weekday (0 = Sunday): open intervals, minutes from local midnight, start < end <= 1440 */
    struct { short start, end; } hours[7][BIZCAL_INTERVALS];
    int nhours[7];
    int holidays[BIZCAL_HOLIDAYS]; /* local dates as days since 1970-01-01 */
    int nholidays;
} bizcal;

/* the instant `minutes` business minutes after start (start itself counts from the next open
 * moment); 0 when the calendar has no open hours within BIZCAL_HORIZON_DAYS. c NULL: 24/7. */
time_t bizcal_add(const bizcal *c, time_t start, long minutes);
/* business minutes in [from, to) (0 when to <= from); c NULL: 24/7 */
long bizcal_minutes(const bizcal *c, time_t from, time_t to);
/* "2026-12-25" -> days since 1970-01-01; false if not a date */
bool bizcal_parse_date(const char *s, int *day);
#endif
