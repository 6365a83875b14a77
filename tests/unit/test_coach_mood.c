/* svc_coach_mood: the coach's reading of a customer message behind the ticket
 * page's mood chips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "service/service.h"

static void test_an_upset_repeat_complaint(void **s)
{
    svc_mood m;
    assert_int_equal(svc_coach_mood("This is the THIRD time I'm writing. My parcel was due last Monday and nobody answers. "
                                    "This is unacceptable, I want my money back.", &m), 0);
    assert_true(!strcmp(m.emotion, "angry") || !strcmp(m.emotion, "frustrated"));
    assert_true(m.sentiment < 0);
    assert_true(m.repeat_contact);
    assert_true(m.complaint);
    assert_false(m.thanks);
}

static void test_thanks_and_questions(void **s)
{
    svc_mood m;
    assert_int_equal(svc_coach_mood("Thank you so much for the quick help! Could you tell me how to export my invoices? "
                                    "And when does the new plan start?", &m), 0);
    assert_true(m.thanks);
    assert_int_equal(m.questions, 2);
    assert_false(m.complaint);
    assert_true(m.sentiment > 0);
}

static void test_nothing_reads_neutral(void **s)
{
    svc_mood m;
    memset(&m, 0x55, sizeof m);
    assert_int_equal(svc_coach_mood("", &m), 0);
    assert_string_equal(m.emotion, "neutral");
    assert_false(m.urgent || m.repeat_contact || m.complaint || m.thanks);
    assert_int_equal(m.questions, 0);
    assert_int_equal(svc_coach_mood(NULL, &m), 0);
    assert_string_equal(m.emotion, "neutral");
}

/* a long email: the coach reads its first 16 KiB, never half a character */
static void test_long_text_is_cut_at_a_character(void **s)
{
    assert_int_equal(svc_coach_text_len("héllo"), 6);
    assert_int_equal(svc_coach_text_len(NULL), 0);
    char *t = malloc(COACH_TEXT_MAX + 64);
    memset(t, 'a', COACH_TEXT_MAX + 63);
    t[COACH_TEXT_MAX + 63] = 0;
    assert_int_equal(svc_coach_text_len(t), COACH_TEXT_MAX);
    memcpy(t + COACH_TEXT_MAX - 1, "\xF0\x9F\x98\x80", 4); /* an emoji across the limit */
    assert_int_equal(svc_coach_text_len(t), COACH_TEXT_MAX - 1);
    svc_mood m;
    assert_int_equal(svc_coach_mood(t, &m), 0);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_upset_repeat_complaint),
        cmocka_unit_test(test_thanks_and_questions),
        cmocka_unit_test(test_nothing_reads_neutral),
        cmocka_unit_test(test_long_text_is_cut_at_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
