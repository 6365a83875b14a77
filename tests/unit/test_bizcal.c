/* Business-time arithmetic (src/service/bizcal.c): weekends, holidays, several intervals a
 * day, DST in both directions, targets of weeks, no open hours at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "service/bizcal.h"
#include "util/timeutil.h"

static time_t T(const char *iso)
{
    time_t t;
    assert_true(time_parse_iso(iso, &t));
    return t;
}

static const char *S(time_t t)
{
    static char buf[ISO_LEN];
    time_iso(t, buf);
    return buf;
}

/* Mon-Fri 09:00-17:00 in zone */
static bizcal office(const char *zone)
{
    bizcal c = {0};
    strcpy(c.tz, zone);
    for (int d = 1; d <= 5; d++) {
        c.hours[d][0].start = 9 * 60;
        c.hours[d][0].end = 17 * 60;
        c.nhours[d] = 1;
    }
    return c;
}

static void within_one_day(void **state)
{
    (void)state;
    bizcal c = office("UTC");
    assert_string_equal(S(bizcal_add(&c, T("2026-12-07T10:00:00Z"), 60)), "2026-12-07T11:00:00Z"); /* Monday */
    assert_string_equal(S(bizcal_add(&c, T("2026-12-07T16:30:00Z"), 60)), "2026-12-08T09:30:00Z"); /* over the night */
    assert_string_equal(S(bizcal_add(&c, T("2026-12-07T07:00:00Z"), 30)), "2026-12-07T09:30:00Z"); /* before opening */
    assert_string_equal(S(bizcal_add(&c, T("2026-12-07T17:00:00Z"), 0)), "2026-12-08T09:00:00Z"); /* exactly at closing */
    assert_int_equal(bizcal_minutes(&c, T("2026-12-07T08:00:00Z"), T("2026-12-07T18:00:00Z")), 480);
    assert_int_equal(bizcal_minutes(&c, T("2026-12-07T12:00:00Z"), T("2026-12-07T12:00:00Z")), 0);
}

static void over_the_weekend_and_holidays(void **state)
{
    (void)state;
    bizcal c = office("UTC");
    /* Saturday 23:00 starts counting Monday 09:00 */
    assert_string_equal(S(bizcal_add(&c, T("2026-12-05T23:00:00Z"), 60)), "2026-12-07T10:00:00Z");
    /* Friday 16:00 + 2 h: one hour Friday, one Monday */
    assert_string_equal(S(bizcal_add(&c, T("2026-12-04T16:00:00Z"), 120)), "2026-12-07T10:00:00Z");
    assert_int_equal(bizcal_minutes(&c, T("2026-12-04T16:00:00Z"), T("2026-12-07T10:00:00Z")), 120);
    int day;
    assert_true(bizcal_parse_date("2026-12-25", &day));
    c.holidays[c.nholidays++] = day;
    /* Thursday 24 Dec 16:00 + 2 h: one hour Thursday; Friday 25 is a holiday; Monday 28 */
    assert_string_equal(S(bizcal_add(&c, T("2026-12-24T16:00:00Z"), 120)), "2026-12-28T10:00:00Z");
    /* a target of three working weeks */
    assert_string_equal(S(bizcal_add(&c, T("2026-11-02T09:00:00Z"), 15 * 480)), "2026-11-20T17:00:00Z");
    assert_false(bizcal_parse_date("2026-02-30", &day));
    assert_false(bizcal_parse_date("2026-12-5", &day));
    assert_false(bizcal_parse_date("yesterday", &day));
}

static void several_intervals_a_day(void **state)
{
    (void)state;
    bizcal c = office("UTC");
    c.hours[1][0].end = 12 * 60; /* Monday 09-12 and 13-17 */
    c.hours[1][1].start = 13 * 60;
    c.hours[1][1].end = 17 * 60;
    c.nhours[1] = 2;
    assert_string_equal(S(bizcal_add(&c, T("2026-12-07T11:30:00Z"), 60)), "2026-12-07T13:30:00Z");
    assert_int_equal(bizcal_minutes(&c, T("2026-12-07T09:00:00Z"), T("2026-12-07T17:00:00Z")), 420);
}

static void daylight_saving_in_both_directions(void **state)
{
    (void)state;
    bizcal c = office("Europe/Berlin");
    /* Friday 27 March 2026 16:00 CET (15:00Z) + 2 h: 1 h Friday, then Monday 30 March 09:00 CEST (07:00Z) + 1 h */
    assert_string_equal(S(bizcal_add(&c, T("2026-03-27T15:00:00Z"), 120)), "2026-03-30T08:00:00Z");
    /* Friday 23 October 16:00 CEST (14:00Z) + 2 h: Monday 26 October 10:00 CET (09:00Z) */
    assert_string_equal(S(bizcal_add(&c, T("2026-10-23T14:00:00Z"), 120)), "2026-10-26T09:00:00Z");
    /* a 24/7 calendar across the spring change: Sunday 29 March 2026 has 23 hours */
    bizcal all = {0};
    strcpy(all.tz, "Europe/Berlin");
    for (int d = 0; d < 7; d++) all.hours[d][0].end = 1440, all.nhours[d] = 1;
    assert_int_equal(bizcal_minutes(&all, T("2026-03-28T23:00:00Z"), T("2026-03-29T22:00:00Z")), 23 * 60);
    assert_string_equal(S(bizcal_add(&all, T("2026-03-28T23:00:00Z"), 23 * 60)), "2026-03-29T22:00:00Z");
}

static void no_open_hours_is_never(void **state)
{
    (void)state;
    bizcal c = {0};
    strcpy(c.tz, "UTC");
    assert_int_equal(bizcal_add(&c, T("2026-12-07T10:00:00Z"), 60), 0);
    assert_int_equal(bizcal_minutes(&c, T("2026-12-07T10:00:00Z"), T("2027-12-07T10:00:00Z")), 0);
    /* no calendar at all: every minute counts */
    assert_string_equal(S(bizcal_add(NULL, T("2026-12-05T23:00:00Z"), 60)), "2026-12-06T00:00:00Z");
    assert_int_equal(bizcal_minutes(NULL, T("2026-12-05T23:00:00Z"), T("2026-12-06T00:30:00Z")), 90);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(within_one_day),
        cmocka_unit_test(over_the_weekend_and_holidays),
        cmocka_unit_test(several_intervals_a_day),
        cmocka_unit_test(daylight_saving_in_both_directions),
        cmocka_unit_test(no_open_hours_is_never),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
