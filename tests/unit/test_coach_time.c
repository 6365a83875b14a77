/* Deadlines: every form the coach resolves, against fixed "now" values (UTC). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "coach/coach.h"

#define MON_10 1795428000LL /* Monday 2026-11-23T10:00:00Z */
#define H 3600LL
#define D 86400LL

static coach_report *R;
static int setup(void **s) { R = malloc(sizeof *R); coach_report_init(R); return 0; }
static int teardown(void **s) { coach_report_free(R); free(R); return 0; }

static long long due(const char *reply, long long now)
{
    coach_input in = {.reply = reply, .reply_len = strlen(reply), .now = now};
    assert_int_equal(coach_analyze(&in, R), 0);
    if (!R->reply.ncommitments || !R->reply.commitments[0].has_due) fail_msg("no deadline in \"%s\"", reply);
    return R->reply.commitments[0].due;
}

static void test_days(void **s)
{
    long long mid = MON_10 - 10 * H; /* Monday 00:00 */
    assert_int_equal(due("I'll call you tomorrow.", MON_10), mid + D + 17 * H);
    assert_int_equal(due("I'll call you tomorrow afternoon.", MON_10), mid + D + 17 * H);
    assert_int_equal(due("I'll call you tomorrow evening.", MON_10), mid + D + 21 * H);
    assert_int_equal(due("I'll email you first thing tomorrow.", MON_10), mid + D + 10 * H);
    assert_int_equal(due("We'll call you tonight.", MON_10), mid + 21 * H);
    assert_int_equal(due("I will send it over this afternoon.", MON_10), mid + 17 * H);
    assert_int_equal(due("I'll ring you on Wednesday.", MON_10), mid + 2 * D + 17 * H);
    assert_int_equal(due("I'll call you next Monday.", MON_10), mid + 7 * D + 17 * H);
    assert_int_equal(due("I'll call you on Thursday at 11am.", MON_10), mid + 3 * D + 11 * H);
}

static void test_friday_after_five_means_next_week(void **s)
{
    long long fri_18 = MON_10 + 4 * D + 8 * H;
    assert_int_equal(due("I'll send it by Friday.", fri_18), MON_10 - 10 * H + 11 * D + 17 * H);
}

static void test_clock_times(void **s)
{
    long long mid = MON_10 - 10 * H;
    assert_int_equal(due("I'll have it done by 5:30pm.", MON_10), mid + 17 * H + 30 * 60);
    assert_int_equal(due("I'll have it done by 17:00.", MON_10), mid + 17 * H);
    assert_int_equal(due("I'll have it done by noon.", MON_10), mid + 12 * H);
    assert_int_equal(due("I'll have it done by 9am.", MON_10), mid + D + 9 * H); /* 9am has passed */
    assert_int_equal(due("An engineer will visit tomorrow between 8am and 1pm.", MON_10), mid + D + 13 * H);
}

static void test_relative(void **s)
{
    assert_int_equal(due("Someone will call you within 30 minutes.", MON_10), MON_10 + 30 * 60);
    assert_int_equal(due("We'll have a fix within 48 hours.", MON_10), MON_10 + 48 * H);
    assert_int_equal(due("We'll reply in a couple of days.", MON_10), MON_10 + 2 * D);
    assert_int_equal(due("I'll call back in half an hour.", MON_10), MON_10 + H / 2);
    /* Friday + 3 working days = Wednesday */
    assert_int_equal(due("We'll post it within 3 working days.", MON_10 + 4 * D), MON_10 - 10 * H + 9 * D + 17 * H);
}

/* a range typeset with an en dash; a promise after a step already taken, by its later time */
static void test_dash_range_and_a_later_time(void **s)
{
    long long mid = MON_10 - 10 * H;
    assert_int_equal(due("It'll be back on your card in 3\u20135 business days.", MON_10), mid + 7 * D + 17 * H); /* the fifth working day: next Monday */
    assert_int_equal(due("I've sent a new pack today, and it's guaranteed to reach you by 1pm tomorrow.", MON_10), mid + D + 13 * H);
    assert_int_equal(R->reply.ncommitments, 1);
}

static void test_weeks_months_dates(void **s)
{
    long long mid = MON_10 - 10 * H;
    assert_int_equal(due("We'll confirm by the end of the week.", MON_10), mid + 4 * D + 17 * H);
    assert_int_equal(due("I'll update you next week.", MON_10), mid + 11 * D + 17 * H);
    assert_int_equal(due("Expect the refund by the end of the month.", MON_10), mid + 7 * D + 17 * H); /* 30 Nov */
    assert_int_equal(due("We will post the letter on 4 December.", MON_10), mid + 11 * D + 17 * H);
    assert_int_equal(due("We'll refund it by November 27th.", MON_10), mid + 4 * D + 17 * H);
    assert_int_equal(due("The credit lands on the 1st.", MON_10), mid + 8 * D + 17 * H);
    /* 4 March has passed in November: next year */
    assert_int_equal(due("We'll write on 4 March.", MON_10), 1804179600LL);
}

static void test_no_deadline(void **s)
{
    coach_input in = {.reply = "Your contract ends in March. Thanks!", .now = MON_10};
    in.reply_len = strlen(in.reply);
    assert_int_equal(coach_analyze(&in, R), 0);
    assert_int_equal(R->reply.ncommitments, 0);
}

/* ---- the agent's time zone ---- */
static long long due_in(const char *reply, long long now, const coach_zone *z)
{
    coach_input in = {.reply = reply, .reply_len = strlen(reply), .now = now, .zone = z};
    assert_int_equal(coach_analyze(&in, R), 0);
    if (!R->reply.ncommitments || !R->reply.commitments[0].has_due) fail_msg("no deadline in \"%s\"", reply);
    return R->reply.commitments[0].due;
}

static void test_fixed_offset(void **s)
{
    coach_zone ny = {.offset = -300}; /* New York in winter: Monday 10:00 there is 15:00 UTC */
    long long now = MON_10 + 5 * H, mid = MON_10 - 10 * H + 5 * H; /* local midnight, as UTC */
    assert_int_equal(due_in("I'll call you by 5pm.", now, &ny), mid + 17 * H);
    assert_int_equal(due_in("I'll call you by end of day.", now, &ny), mid + 17 * H);
    assert_int_equal(due_in("I'll call you tomorrow morning.", now, &ny), mid + D + 12 * H);
    assert_int_equal(due_in("We'll have it fixed by Friday.", now, &ny), mid + 4 * D + 17 * H);
    assert_int_equal(due_in("The refund lands on the 1st.", now, &ny), mid + 8 * D + 17 * H);
    assert_int_equal(due_in("I'll call you within 2 hours.", now, &ny), now + 2 * H);
    /* at 20:00 UTC it is still Monday 15:00 in New York: "by 5pm" is today there, not tomorrow */
    assert_int_equal(due_in("I'll call you by 5pm.", MON_10 + 10 * H, &ny), mid + 17 * H);
    /* and in UTC the same instant is past 17:00: tomorrow */
    assert_int_equal(due_in("I'll call you by 5pm.", MON_10 + 10 * H, NULL), MON_10 - 10 * H + D + 17 * H);
    /* east of UTC: Kolkata (+05:30), Tuesday 00:30 there while Monday 19:00 UTC; "tomorrow" is Wednesday */
    coach_zone in = {.offset = 330};
    long long tue0 = MON_10 - 10 * H + D - 330 * 60; /* Tuesday 00:00 in Kolkata */
    assert_int_equal(due_in("I'll call you tomorrow.", MON_10 + 9 * H, &in), tue0 + D + 17 * H);
}

static void test_dst_change(void **s)
{
    /* New York, Friday 2026-10-30 11:00 EDT (-04:00); clocks go back on Sunday 1 November at 06:00 UTC */
    long long fri = 1793372400LL; /* 2026-10-30T11:00:00-04:00 */
    coach_zone ny = {.offset = -240, .nchanges = 1, .change = {{1793512800LL, -300}}};
    assert_int_equal(coach_zone_offset_at(&ny, fri), -240);
    assert_int_equal(coach_zone_offset_at(&ny, 1793512800LL), -300);
    /* Monday 2 November 17:00 EST = 22:00 UTC, not 21:00 (Friday's offset) */
    assert_int_equal(due_in("I'll call you on Monday.", fri, &ny), 1793656800LL);
    /* before the change, Friday's own offset */
    assert_int_equal(due_in("I'll call you by 5pm.", fri, &ny), fri + 6 * H);
    /* relative deadlines are instants: 3 days is 72 hours whatever the clocks do */
    assert_int_equal(due_in("I'll call you within 3 days.", fri, &ny), fri + 3 * D);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_friday_after_five_means_next_week),
        cmocka_unit_test(test_clock_times),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_dash_range_and_a_later_time), cmocka_unit_test(test_weeks_months_dates),
        cmocka_unit_test(test_no_deadline),
        cmocka_unit_test(test_fixed_offset),
        cmocka_unit_test(test_dst_change),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
