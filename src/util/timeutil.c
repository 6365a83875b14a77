#include "util/timeutil.h"
#include <stdio.h>
#include <string.h>

void time_iso(time_t t, char out[ISO_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_iso_now(char out[ISO_LEN]) { time_iso(time(NULL), out); }

bool time_parse_iso(const char *s, time_t *out)
{
    int Y, M, D, h, m, sec, n = 0;
    /* the usual all-digit form without sscanf; anything else goes the long way, with the same result */
#define DG(i) (s[i] >= '0' && s[i] <= '9')
    bool plain = DG(0) && DG(1) && DG(2) && DG(3) && s[4] == '-' && DG(5) && DG(6) && s[7] == '-' && DG(8) && DG(9) &&
                 s[10] == 'T' && DG(11) && DG(12) && s[13] == ':' && DG(14) && DG(15) && s[16] == ':' && DG(17) && DG(18);
#undef DG
#define D2(i) ((s[i] - '0') * 10 + (s[i + 1] - '0'))
    if (plain) {
        Y = D2(0) * 100 + D2(2), M = D2(5), D = D2(8), h = D2(11), m = D2(14), sec = D2(17);
#undef D2
    } else if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &Y, &M, &D, &h, &m, &sec, &n) != 6 || n != 19) return false;
    if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60 || h < 0 || m < 0 || sec < 0) return false;
    const char *rest = s + 19;
    if (*rest == '.') { rest++; while (*rest >= '0' && *rest <= '9') rest++; }
    if (!(rest[0] == 'Z' && !rest[1]) && strcmp(rest, "+00:00")) return false;
    if (plain) {
        /* what timegm gives, by arithmetic (days from the civil date, proleptic Gregorian; a day or
         * second past the end of its month or minute carries over the same way) */
        int y = M <= 2 ? Y - 1 : Y;
        int era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400, mp = (M + 9) % 12;
        long long doy = (153 * mp + 2) / 5, doe = (long long)yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long long days = (long long)era * 146097 + doe - 719468 + (D - 1);
        *out = (time_t)(days * 86400 + h * 3600 + m * 60 + sec);
        return true;
    }
    struct tm tm = {.tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D, .tm_hour = h, .tm_min = m, .tm_sec = sec};
    *out = timegm(&tm);
    return true;
}

bool time_parse_iso_offset(const char *s, time_t *out, int *offset_min)
{
    *offset_min = 0;
    size_t n = strlen(s);
    if (n < 25 || n > 40 || (s[n - 6] != '+' && s[n - 6] != '-') || s[n - 3] != ':') return time_parse_iso(s, out);
    const char *o = s + n - 5;
    for (int i = 0; i < 5; i++) if (i != 2 && (o[i] < '0' || o[i] > '9')) return false;
    int hh = (o[0] - '0') * 10 + (o[1] - '0'), mm = (o[3] - '0') * 10 + (o[4] - '0');
    if (hh > 14 || mm > 59 || (hh == 14 && mm)) return false;
    char utc[48];
    memcpy(utc, s, n - 6);
    memcpy(utc + n - 6, "Z", 2);
    if (!time_parse_iso(utc, out)) return false;
    int off = (hh * 60 + mm) * (s[n - 6] == '-' ? -1 : 1);
    *out -= (time_t)off * 60;
    *offset_min = off;
    return true;
}

double time_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

long time_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void time_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}
