/* coach_time: finds a deadline in a run of tokens and resolves it against
 * "now" (UTC). Conventions, chosen so a reminder fires before the customer
 * would call the promise broken:
 *   a day with no time (today, tomorrow, Friday, on the 1st, 27 November) -> 17:00
 *   morning -> 12:00, afternoon / end of day / close of business -> 17:00,
 *   evening / tonight -> 21:00, "first thing" -> 10:00
 *   within the hour / in N minutes|hours|days -> now + N
 *   N working (business) days -> 17:00 on the Nth weekday after today
 *   end of the week -> Friday 17:00; next week -> Friday of next week 17:00;
 *   end of the month -> its last day 17:00; "next Friday" -> the Friday of next week
 *   a clock time (5pm, 17:00, noon) -> today, or tomorrow if already past
 * All of it in the agent's local time when a zone is given: the day and clock arithmetic runs on
 * the local wall clock, and a day-based deadline takes the offset in force on its own day (a
 * promise "by Monday" across a DST change is Monday 17:00 local, not Sunday's offset). */
#include <string.h>
#include "coach_kw.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"

long long coach_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* the split itself (coach_civil keeps the last one) */
static void civil(long long t, int *y, int *mo, int *d, int *h, int *mi, int *s, int *wday)
{
    long long z = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    long long secs = t - z * 86400;
    *h = (int)(secs / 3600); *mi = (int)(secs / 60 % 60); *s = (int)(secs % 60);
    *wday = (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6); /* 0 = Sunday */
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = (long long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*mo <= 2));
}

/* the last time split, per thread: a batch of cases mostly reads one clock, and the deadline
 * rules split it again for every sentence with a number or a time word in it (the split is pure,
 * so the same t gives what it gave then) */
void coach_civil(long long t, int *y, int *mo, int *d, int *h, int *mi, int *s, int *wday)
{
    static _Thread_local struct { long long t; int v[7]; bool set; } last;
    if (!last.set || last.t != t) {
        civil(t, &last.v[0], &last.v[1], &last.v[2], &last.v[3], &last.v[4], &last.v[5], &last.v[6]);
        last.t = t, last.set = true;
    }
    *y = last.v[0], *mo = last.v[1], *d = last.v[2], *h = last.v[3], *mi = last.v[4], *s = last.v[5], *wday = last.v[6];
}

void coach_civil_public(long long t, int *y, int *mo, int *d, int *h, int *mi, int *s, int *wday)
{
    coach_civil(t, y, mo, d, h, mi, s, wday);
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[(m - 1) % 12];
}

static int weekday_of(uint64_t h, bool strict_only)
{
    static const uint64_t full[] = {KW_SUNDAY, KW_MONDAY, KW_TUESDAY, KW_WEDNESDAY, KW_THURSDAY, KW_FRIDAY, KW_SATURDAY};
    for (int i = 0; i < 7; i++) if (h == full[i]) return i;
    if (strict_only) return -1;
    static const struct { uint64_t h; int d; } ab[] = {{KW_MON, 1}, {KW_TUE, 2}, {KW_TUES, 2}, {KW_WED, 3}, {KW_THU, 4},
                                                         {KW_THURS, 4}, {KW_FRI, 5}, {KW_SAT, 6}, {KW_SUN, 0}};
    for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++) if (h == ab[i].h) return ab[i].d;
    return -1;
}

static int month_of(uint64_t h)
{
    static const uint64_t full[] = {KW_JANUARY, KW_FEBRUARY, KW_MARCH, KW_APRIL, KW_MAY, KW_JUNE, KW_JULY,
                                    KW_AUGUST, KW_SEPTEMBER, KW_OCTOBER, KW_NOVEMBER, KW_DECEMBER};
    for (int i = 0; i < 12; i++) if (h == full[i]) return i + 1;
    static const struct { uint64_t h; int m; } ab[] = {{KW_JAN, 1}, {KW_FEB, 2}, {KW_MAR, 3}, {KW_APR, 4}, {KW_JUN, 6},
        {KW_JUL, 7}, {KW_AUG, 8}, {KW_SEP, 9}, {KW_SEPT, 9}, {KW_OCT, 10}, {KW_NOV, 11}, {KW_DEC, 12}};
    for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++) if (h == ab[i].h) return ab[i].m;
    return 0;
}

static int small_number(uint64_t h)
{
    static const uint64_t w[] = {0, KW_ONE, KW_TWO, KW_THREE, KW_FOUR, KW_FIVE, KW_SIX, KW_SEVEN, KW_EIGHT, KW_NINE, KW_TEN};
    for (int i = 1; i <= 10; i++) if (h == w[i]) return i;
    if (h == KW_TWELVE) return 12;
    if (h == KW_A || h == KW_AN) return 1;
    return 0;
}

/* the token's raw text, lower-cased into b (ASCII), or "" if too long */
static size_t raw(const ctext *t, const ctok *k, char *b, size_t cap)
{
    size_t n = k->end - k->start;
    if (n >= cap) { b[0] = 0; return 0; }
    for (size_t i = 0; i < n; i++) {
        char c = t->s[k->start + i];
        b[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    b[n] = 0;
    return n;
}

/* 5pm, 5:30pm, 17:00, 10am, 24h */
static bool parse_clock(const char *b, int *secs, bool *has_ampm)
{
    int h = 0, m = 0, nd = 0;
    const char *p = b;
    while (*p >= '0' && *p <= '9' && nd < 3) { h = h * 10 + (*p++ - '0'); nd++; }
    if (!nd || nd > 2) return false;
    bool colon = false;
    if (*p == ':' || (*p == '.' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && (p[3] == 'a' || p[3] == 'p'))) {
        p++;
        if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')) return false;
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        colon = true;
    }
    *has_ampm = false;
    if (!strcmp(p, "am") || !strcmp(p, "pm")) {
        if (h < 1 || h > 12) return false;
        if (p[0] == 'p' && h != 12) h += 12;
        if (p[0] == 'a' && h == 12) h = 0;
        *has_ampm = true;
    } else if (*p || !colon) return false;
    if (h > 23 || m > 59) return false;
    *secs = h * 3600 + m * 60;
    return true;
}

/* a bare hour, 1 to 12, written in digits alone ("8", "11"); 0 if not */
static int bare_hour(const char *b)
{
    int hh = 0, nd = 0;
    while (*b >= '0' && *b <= '9' && nd < 3) { hh = hh * 10 + (*b++ - '0'); nd++; }
    return !*b && hh >= 1 && hh <= 12 ? hh : 0;
}

/* a unit of time after a number: "2 and 4 days" is a stretch, not two clock times */
static bool is_unit(uint64_t h)
{
    return h == KW_MINUTE || h == KW_MINUTES || h == KW_MINS || h == KW_HOUR || h == KW_HOURS || h == KW_HR || h == KW_HRS ||
           h == KW_DAY || h == KW_DAYS || h == KW_WEEK || h == KW_WEEKS || h == KW_MONTH || h == KW_M_MONTHS || h == KW_WORKING;
}

static int ordinal(const char *b)
{
    int d = 0, nd = 0;
    while (*b >= '0' && *b <= '9' && nd < 3) { d = d * 10 + (*b++ - '0'); nd++; }
    if (!nd || nd > 2) return 0;
    if (*b && strcmp(b, "st") && strcmp(b, "nd") && strcmp(b, "rd") && strcmp(b, "th")) return 0;
    return d >= 1 && d <= 31 ? d : 0;
}
static bool is_ordinal_suffix(const char *b)
{
    while (*b >= '0' && *b <= '9') b++;
    return *b != 0;
}

int coach_zone_offset_at(const coach_zone *z, long long t)
{
    if (!z) return 0;
    int off = z->offset;
    for (int i = 0; i < z->nchanges && i < COACH_ZONE_CHANGES && z->change[i].at <= t; i++) off = z->change[i].offset;
    return off;
}

/* a local wall-clock time to Unix seconds: the offset in force then (in a DST gap, the one before) */
static long long local_to_utc(const coach_zone *z, long long local, int off_now)
{
    long long guess = local - off_now * 60LL;
    int off = coach_zone_offset_at(z, guess);
    long long u = local - off * 60LL;
    return coach_zone_offset_at(z, u) == off ? u : guess;
}

/* "3-5", "3–5" (an en or em dash, as typeset text writes a range): two numbers joined by a dash alone */
static bool joined_by_dash(const ctext *t, const ctok *x, const ctok *y)
{
    if (y->start == x->end + 1) return t->s[x->end] == '-';
    const unsigned char *d = (const unsigned char *)t->s + x->end;
    return y->start == x->end + 3 && d[0] == 0xE2 && d[1] == 0x80 && (d[2] == 0x93 || d[2] == 0x94);
}

/* a word after which a sentence's dates are the customer's context, not the promise's deadline:
 * "with you by Friday, well before the 19th", "by 3pm tomorrow, in time for your partners on
 * Thursday", "by Thursday, comfortably ahead of your 5 December order", "by 4pm today, which leaves
 * you time to ..." (the blind writers: +43 of 146,957 in-sample; "so" and "your" as well lost 22
 * and 54: "so" often leads the promise's own time, "your" its object) */
static bool context_from(const ctext *t, uint32_t i, uint32_t b)
{
    uint64_t k = t->tok[i].h;
    return k == KW_A_WELL || k == KW_T_AHEAD || k == KW_T_PLENTY || k == KW_T_COMFORTABLY || k == KW_E_LEAVES ||
           k == KW_T_LEAVING || k == KW_T_GIVING || (k == KW_IN && i + 1 < b && t->tok[i + 1].h == KW_TIME);
}

bool coach_time_in(const ctext *t, uint32_t a, uint32_t b, long long now, const coach_zone *zone, ctime_hit *hit)
{
    /* most sentences hold no number and no time word, and the loop below reads nothing else:
     * they have no time, without working out today's date (a part of a sentence whose walk bits
     * have neither is passed over at once) */
    if (a < b) {
        const csent *s = &t->sent[t->tok[a].sent];
        if (b <= s->t1 && !(s->kw & (KWW_BIT(NUM) | KWW_BIT(TIME)))) return false;
    }
    uint32_t first = a;
    while (first < b && t->tok[first].kind != TK_NUM && !tok_has(&t->tok[first], COACH_W_TIME)) first++;
    if (first == b) return false;
    if (now < 0) now = 0;
    if (now > 253402300799LL) now = 253402300799LL;
    /* from here on `now` and every day and clock value are the agent's local wall clock */
    const long long utc_now = now;
    const int off_now = coach_zone_offset_at(zone, now);
    if (off_now < -24 * 60 || off_now > 24 * 60) return false;
    now += off_now * 60LL;
    int Y, M, D, h, mi, s, wd;
    coach_civil(now, &Y, &M, &D, &h, &mi, &s, &wd);
    long long today0 = now - (h * 3600 + mi * 60 + s);
    long long day0 = -1;     /* midnight of the day named */
    int tod = -1, part = -1; /* clock time, or a part of day */
    long long rel = -1;
    uint32_t h0 = UINT32_MAX, h1 = 0;
    bool this_part = false, named_day = false; /* a weekday or a date named */
#define MARK(x, y) do { if ((x) < h0) h0 = (x); if ((y) > h1) h1 = (y); } while (0)
#define H(j) ((j) < b ? t->tok[j].h : 0)
    char rb[16];
    for (uint32_t i = first; i < b; i++) {
        if (h1 > h0 && i >= h1 && context_from(t, i, b)) break; /* a time read, then only context */
        if (t->tok[i].kind != TK_NUM && !tok_has(&t->tok[i], COACH_W_TIME)) continue;
        uint64_t k = t->tok[i].h;
        uint64_t prev = i > a ? t->tok[i - 1].h : 0;
        if (k == KW_TOMORROW) {
            day0 = today0 + 86400, named_day = true;
            if (this_part) { part = -1; this_part = false; }
            MARK(i, i + 1);
            continue;
        }
        if (k == KW_TODAY) { day0 = today0; MARK(i, i + 1); continue; }
        if (k == KW_TONIGHT) { day0 = today0; part = 21 * 3600; MARK(i, i + 1); continue; }
        if (k == KW_MORNING || k == KW_AFTERNOON || k == KW_EVENING || k == KW_NIGHT) {
            int p = k == KW_MORNING ? 12 * 3600 : k == KW_AFTERNOON ? 17 * 3600 : 21 * 3600;
            if (prev == KW_THIS) { day0 = today0; part = p; this_part = true; MARK(i - 1, i + 1); }
            else if (day0 >= 0 && h1 == i) { part = p; MARK(i, i + 1); }
            continue;
        }
        if (k == KW_FIRST && H(i + 1) == KW_THING) { part = 10 * 3600; MARK(i, i + 2); i++; continue; }
        int wdt = weekday_of(k, !(prev == KW_BY || prev == KW_ON || prev == KW_NEXT || prev == KW_THIS || prev == KW_UNTIL || prev == KW_BEFORE));
        if (wdt >= 0 && (prev == KW_A || prev == KW_AN) && i > a) continue; /* "a Saturday tutor": a kind, not a day */
        if (wdt >= 0) {
            int off = (wdt - wd + 7) % 7;
            if (off == 0 && h >= 17) off = 7;
            if (prev == KW_NEXT) {
                int to_sunday = (7 - wd) % 7;
                if (off <= to_sunday) off += 7;
            }
            day0 = today0 + off * 86400LL;
            named_day = true;
            if (this_part) { part = -1; this_part = false; }
            MARK(prev == KW_NEXT ? i - 1 : i, i + 1);
            continue;
        }
        if (k == KW_END || k == KW_CLOSE) {
            uint32_t j = i + 1;
            if (H(j) != KW_OF) continue;
            j++;
            if (H(j) == KW_THE) j++;
            bool next = false;
            if (H(j) == KW_NEXT) { next = true; j++; } else if (H(j) == KW_THIS) j++;
            uint64_t u = H(j);
            if (u == KW_DAY || u == KW_BUSINESS || u == KW_PLAY) {
                if (day0 < 0) day0 = (h >= 17) ? today0 + 86400 : today0;
                tod = 17 * 3600;
            } else if (u == KW_WEEK) {
                int off = (5 - wd + 7) % 7;
                if (off == 0 && h >= 17) off = 7;
                if (wd == 6) off = 6;
                if (next) off += 7;
                day0 = today0 + off * 86400LL;
                tod = 17 * 3600;
            } else if (u == KW_MONTH) {
                int mm = M, yy = Y;
                if (next) { mm++; if (mm > 12) { mm = 1; yy++; } }
                day0 = coach_days_from_civil(yy, mm, days_in_month(yy, mm)) * 86400;
                tod = 17 * 3600;
            } else continue;
            MARK(i, j + 1);
            i = j;
            continue;
        }
        if (k == KW_EOD || k == KW_COB) {
            if (day0 < 0) day0 = (h >= 17) ? today0 + 86400 : today0;
            tod = 17 * 3600;
            MARK(i, i + 1);
            continue;
        }
        if ((k == KW_NEXT || k == KW_THIS) && H(i + 1) == KW_WEEK) {
            int to_fri = (5 - wd + 7) % 7;
            if (wd == 6) to_fri = 6;
            day0 = today0 + (to_fri + (k == KW_NEXT ? 7 : 0)) * 86400LL;
            tod = 17 * 3600;
            if (prev == KW_EARLY && k == KW_NEXT) { day0 -= 4 * 86400LL; MARK(i - 1, i + 2); }
            else MARK(i, i + 2);
            i++;
            continue;
        }
        /* within / in [the] [next] N [working|business] unit */
        if (k == KW_WITHIN || k == KW_IN || (k == KW_NEXT && prev != KW_IN && prev != KW_WITHIN)) {
            uint32_t j = i + 1;
            if (k != KW_NEXT && H(j) == KW_THE) j++;
            if (k != KW_NEXT && H(j) == KW_NEXT) j++;
            long long n = 0;
            bool half = false;
            if (H(j) == KW_HALF && (H(j + 1) == KW_AN || H(j + 1) == KW_A)) { half = true; n = 1; j += 2; }
            else if (j < b && t->tok[j].kind == TK_NUM) {
                raw(t, &t->tok[j], rb, sizeof rb);
                char *e = rb;
                while (*e >= '0' && *e <= '9') { n = n * 10 + (*e - '0'); e++; if (n > 100000) break; }
                if (!strcmp(e, "h") || !strcmp(e, "hr") || !strcmp(e, "hrs")) { rel = n * 3600; MARK(i, j + 1); i = j; continue; }
                /* a range is due at its end: "in 3-5 working days", "within 2 to 3 days" */
                if (*e == '-' && e[1] >= '0' && e[1] <= '9') {
                    n = 0, e++;
                    while (*e >= '0' && *e <= '9') { n = n * 10 + (*e - '0'); e++; if (n > 100000) break; }
                } else if (!*e && j + 1 < b) {
                    /* "3-5" as two numbers, "2 to 3" */
                    const ctok *x = &t->tok[j], *y = &t->tok[j + 1];
                    uint32_t to = y->kind == TK_NUM && joined_by_dash(t, x, y) ? j + 1
                                : (y->h == KW_TO || y->h == KW_OR) && j + 2 < b && t->tok[j + 2].kind == TK_NUM ? j + 2 : 0;
                    if (to) {
                        raw(t, &t->tok[to], rb, sizeof rb);
                        long long m = 0;
                        for (e = rb; *e >= '0' && *e <= '9' && m <= 100000; e++) m = m * 10 + (*e - '0');
                        if (!*e && m > n) n = m, j = to;
                    }
                }
                if (*e) n = 0;
                j++;
            } else if (H(j) == KW_A && H(j + 1) == KW_COUPLE && H(j + 2) == KW_OF) { n = 2; j += 3; }
            else if (H(j) == KW_COUPLE && H(j + 1) == KW_OF) { n = 2; j += 2; }
            else if (H(j) == KW_A && H(j + 1) == KW_FEW) { n = 3; j += 2; }
            else if ((n = small_number(H(j))) > 0) j++;
            else if (H(j - 1) == KW_THE || H(j - 1) == KW_NEXT || k == KW_NEXT) n = 1; /* within the hour, the next hour */
            if (n <= 0) continue;
            bool working = false;
            if (H(j) == KW_WORKING || H(j) == KW_BUSINESS) { working = true; j++; }
            uint64_t u = H(j);
            long long unit = 0;
            if (u == KW_MINUTE || u == KW_MINUTES || u == KW_MINS) unit = 60;
            else if (u == KW_HOUR || u == KW_HOURS || u == KW_HR || u == KW_HRS) unit = 3600;
            else if (u == KW_DAY || u == KW_DAYS) unit = 86400;
            else if (u == KW_WEEK || u == KW_WEEKS) unit = 7 * 86400;
            else continue;
            if (working && unit == 86400) {
                int w = wd;
                long long d = 0;
                for (long long c = 0; c < n && d < 4000; d++) { w = (w + 1) % 7; if (w != 0 && w != 6) c++; }
                day0 = today0 + d * 86400;
                tod = 17 * 3600;
            } else {
                rel = half ? unit / 2 : n * unit;
            }
            MARK(i, j + 1);
            i = j;
            continue;
        }
        if (k == KW_NOON || k == KW_MIDDAY || k == KW_MIDNIGHT) {
            tod = k == KW_MIDNIGHT ? 24 * 3600 - 1 : 12 * 3600;
            MARK(i, i + 1);
            continue;
        }
        if (t->tok[i].kind == TK_NUM) {
            raw(t, &t->tok[i], rb, sizeof rb);
            int secs;
            bool ampm;
            if (parse_clock(rb, &secs, &ampm)) {
                /* "by 5:30", "at 2:40" with no am or pm, said in the working day, are afternoon
                 * times ("05:30" is written as a 24-hour one); said at 6:40 in the morning, "with
                 * you by 7:15" is the morning's */
                if (!ampm && rb[0] != '0' && secs >= 3600 && secs < 8 * 3600 && secs <= h * 3600 + mi * 60) secs += 12 * 3600;
                tod = secs;
                MARK(i, i + 1);
                continue;
            }
            /* "5 pm" */
            if (i + 1 < b && (t->tok[i + 1].end - t->tok[i + 1].start) == 2) {
                char nb2[8];
                raw(t, &t->tok[i + 1], nb2, sizeof nb2);
                if (!strcmp(nb2, "am") || !strcmp(nb2, "pm")) {
                    char cat[24];
                    if (strlen(rb) < 10) {
                        strcpy(cat, rb); strcat(cat, nb2);
                        if (parse_clock(cat, &secs, &ampm)) { tod = secs; MARK(i, i + 2); i++; continue; }
                    }
                }
            }
            /* "at 8 tomorrow", "before 12 today", "I'll call you at 11.": a bare hour after at, by or
             * before, with a day or nothing after it, is a clock time (1-7 the afternoon's); not
             * money ("the monthly fee just goes up by $4.") */
            unsigned char lead = t->tok[i].start ? (unsigned char)t->s[t->tok[i].start - 1] : ' ';
            if ((prev == KW_AT || prev == KW_BY || prev == KW_BEFORE || prev == KW_BETWEEN) && i > a &&
                (lead == ' ' || lead == '\n' || lead == '\t')) {
                int hh = bare_hour(rb);
                bool ends = i + 1 >= b || t->tok[i + 1].sent != t->tok[i].sent;
                uint64_t nx = i + 1 < b ? t->tok[i + 1].h : 0;
                /* "tomorrow between 10 and 12": the window's end, when no unit follows ("between 2
                 * and 4 days") */
                if (prev == KW_BETWEEN) {
                    char rb2[16];
                    int hh2 = 0;
                    if (hh && nx == KW_AND && i + 2 < b && t->tok[i + 2].kind == TK_NUM && raw(t, &t->tok[i + 2], rb2, sizeof rb2) &&
                        (hh2 = bare_hour(rb2)) && !(i + 3 < b && is_unit(H(i + 3)))) {
                        tod = (hh2 < 8 ? hh2 + 12 : hh2) * 3600;
                        MARK(i, i + 3);
                        i += 2;
                        continue;
                    }
                } else if (hh && (ends || nx == KW_TOMORROW || nx == KW_TODAY || nx == KW_TONIGHT || nx == KW_ON || nx == KW_THIS ||
                                  weekday_of(nx, false) >= 0 || (nx == KW_TO && i + 2 < b && t->tok[i + 2].kind != TK_NUM))) {
                    /* ("at 11 to go through it"; not "at 10 to 5") */
                    tod = (hh < 8 ? hh + 12 : hh) * 3600;
                    MARK(i, i + 1);
                    continue;
                }
            }
            int dd = ordinal(rb);
            if (dd) {
                int mon = month_of(H(i + 1));
                uint32_t span_end = i + 1;
                if (!mon && H(i + 1) == KW_OF) { mon = month_of(H(i + 2)); if (mon) span_end = i + 3; }
                else if (mon) span_end = i + 2;
                if (!mon && i > a) { mon = month_of(prev); }
                bool by_ord = !mon && is_ordinal_suffix(rb) && (prev == KW_THE || prev == KW_ON || prev == KW_BY);
                if (mon) {
                    int yy = Y;
                    if (mon < M || (mon == M && dd < D)) yy++;
                    if (dd > days_in_month(yy, mon)) continue;
                    day0 = coach_days_from_civil(yy, mon, dd) * 86400;
                    named_day = true;
                    MARK(i > a && month_of(prev) ? i - 1 : i, span_end);
                } else if (by_ord) {
                    int mm = M, yy = Y;
                    if (dd <= D) { mm++; if (mm > 12) { mm = 1; yy++; } }
                    for (int tries = 0; tries < 3 && dd > days_in_month(yy, mm); tries++) { mm++; if (mm > 12) { mm = 1; yy++; } }
                    if (dd > days_in_month(yy, mm)) continue;
                    day0 = coach_days_from_civil(yy, mm, dd) * 86400;
                    MARK(i, i + 1);
                }
            }
        }
    }
#undef H
#undef MARK
    long long due;
    /* a day named outright wins over a stretch of time in the same words ("will test it by
     * Wednesday: two trips in a week points to a fault", "dispatched tomorrow by next-day
     * delivery") */
    if (rel >= 0 && !(named_day && day0 > today0)) due = utc_now + rel;
    else if (day0 >= 0) {
        due = day0 + (tod >= 0 ? tod : part >= 0 ? part : 17 * 3600);
        /* "today" said after the working day's end is tomorrow's (the brief's convention) */
        if (due <= now && day0 == today0 && tod < 0 && part < 0) due = today0 + 86400 + 17 * 3600;
        if (due <= now) due = day0 == today0 ? today0 + 86399 : due;
        if (due <= now) due = now + 3600;
        due = local_to_utc(zone, due, off_now);
    } else if (tod >= 0) {
        due = today0 + tod;
        if (due <= now) due += 86400;
        due = local_to_utc(zone, due, off_now);
    } else return false;
    hit->t0 = h0;
    hit->t1 = h1;
    hit->due = due;
    hit->clock = tod;
    hit->dated = day0 >= 0 || rel >= 0;
    return true;
}

long long coach_time_on_day_of(long long day, int clock, const coach_zone *zone)
{
    int off = coach_zone_offset_at(zone, day);
    long long local = day + off * 60LL;
    long long midnight = local - ((local % 86400) + 86400) % 86400;
    return local_to_utc(zone, midnight + clock, off);
}

/* the day of the week a word names in full ("Friday": 5), or -1 */
int coach_weekday(uint64_t h) { return weekday_of(h, true); }
