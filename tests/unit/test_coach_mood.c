/* svc_coach_mood: the coach's reading of a customer message behind the ticket
 * page's mood chips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "coach/coach.h"
#include "service/service.h"

static void test_an_upset_repeat_complaint(void **s)
{
    svc_mood m;
    assert_int_equal(svc_coach_mood("This is the THIRD time I'm writing. My parcel was due last Monday and nobody answers. "
                                    "This is unacceptable, I want my money back.", NULL, &m), 0);
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
                                    "And when does the new plan start?", NULL, &m), 0);
    assert_true(m.thanks);
    assert_int_equal(m.questions, 2);
    assert_false(m.complaint);
    assert_true(m.sentiment > 0);
}

static void test_nothing_reads_neutral(void **s)
{
    svc_mood m;
    memset(&m, 0x55, sizeof m);
    assert_int_equal(svc_coach_mood("", NULL, &m), 0);
    assert_string_equal(m.emotion, "neutral");
    assert_false(m.urgent || m.repeat_contact || m.complaint || m.thanks);
    assert_int_equal(m.questions, 0);
    assert_int_equal(svc_coach_mood(NULL, NULL, &m), 0);
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
    assert_int_equal(svc_coach_mood(t, NULL, &m), 0);
    free(t);
}

/* the organisation's lexicon (heed serve --coach-lexicon) reaches the chips too */
static void test_the_organisation_lexicon_counts(void **s)
{
    const char *tsv = "cue\turgent\tpayroll run\n";
    char err[256];
    coach_lexicon *lx = coach_lexicon_load_extra("ours.tsv", tsv, strlen(tsv), err, sizeof err);
    assert_non_null(lx);
    const char *text = "Please add the new starter before the payroll run.";
    svc_mood plain, ours;
    assert_int_equal(svc_coach_mood(text, NULL, &plain), 0);
    assert_int_equal(svc_coach_mood(text, lx, &ours), 0);
    assert_false(plain.urgent);
    assert_true(ours.urgent);
    coach_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_upset_repeat_complaint),
        cmocka_unit_test(test_thanks_and_questions),
        cmocka_unit_test(test_nothing_reads_neutral),
        cmocka_unit_test(test_long_text_is_cut_at_a_character),
        cmocka_unit_test(test_the_organisation_lexicon_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
