#ifndef HEED_TIMEUTIL_H
#define HEED_TIMEUTIL_H
/* UTC time as heed stores it: ISO-8601 "YYYY-MM-DDTHH:MM:SSZ" (20 chars + NUL),
 * which sorts as text in time order. */
#include <stdbool.h>
#include <time.h>

enum { ISO_LEN = 21 };
void time_iso_now(char out[ISO_LEN]);
void time_iso(time_t t, char out[ISO_LEN]);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" (also "+00:00" and fractional seconds); false if not valid. */
bool time_parse_iso(const char *s, time_t *out);
/* The same, and also a local time with its UTC offset ("2026-11-23T10:00:00-05:00", offset
 * -14:00..+14:00): *out is the instant (UTC), *offset_min the offset in minutes east of UTC
 * (0 for "Z" and "+00:00"). */
bool time_parse_iso_offset(const char *s, time_t *out, int *offset_min);
double time_mono_ms(void);
/* days since 1970-01-01 <-> civil date (proleptic Gregorian, Howard Hinnant's algorithms):
 * pure arithmetic, no libc time zone state (timegm and gmtime_r take glibc's tz lock) */
long time_days_from_civil(int y, int m, int d);
void time_civil_from_days(long z, int *y, int *m, int *d);
#endif
