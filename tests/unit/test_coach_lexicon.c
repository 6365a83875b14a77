/* Unit tests for an organisation's coach lexicon (coach_lexicon_load_extra):
 * every kind of entry changes the analysis, every malformed line is refused
 * with its file and line, and a bad line loads nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "coach/coach.h"

static coach_report *R;
static coach_lexicon *X;

static const char LEXICON[] =
    "# our words\n"
    "sentiment\t-2.5\tzorbly\n"
    "sentiment\t3\tblue moon day\n"
    "emotion\tanxious\tzibbed\t1.5\n"
    "emotion\tconfused\tin a fankle\t1.5\n"
    "cue\turgent\tstocktake\n"
    "cue\tnone\tno stocktake\n"
    "cue\tcomplaint\tlodging a grumble\n"
    "cue\trepeat\tticket number two\n"
    "cue\tthanks\tbless your cotton socks\n"
    "flag\tnegative_phrasing\tcomputer says no\tlet me look at what I can do\tis our banned phrase\n"
    "flag\tdeflection\traise a ticket\tI've raised it for you\n"
    "flag\tdismissive\t^so be it,\tI understand\n"
    "flag\tdismissive\t^that is final$\tI understand\n"
    "cue\turgent\t^code red\n"
    "strength\tpersonal\thug from the team\n"
    "synonym\tinvoice\tremittance\tpro forma\n"
    "synonym\trefund\tstore credit\n";

static int setup(void **state)
{
    R = malloc(sizeof *R);
    coach_report_init(R);
    char err[256] = "";
    X = coach_lexicon_load_extra("ours.tsv", LEXICON, strlen(LEXICON), err, sizeof err);
    if (!X) fprintf(stderr, "%s\n", err);
    return X ? 0 : -1;
}
static int teardown(void **state)
{
    coach_lexicon_free(X);
    coach_report_free(R);
    free(R);
    return 0;
}

static void run(const char *customer, const char *reply, const coach_lexicon *x)
{
    coach_input in = {.customer = customer, .customer_len = customer ? strlen(customer) : 0,
                      .reply = reply, .reply_len = reply ? strlen(reply) : 0, .now = 1795428000LL, .extra = x};
    assert_int_equal(coach_analyze(&in, R), 0);
}

static const coach_flag *flag_of(coach_flag_code c)
{
    for (size_t i = 0; i < R->reply.nflags; i++) if (R->reply.flags[i].code == c) return &R->reply.flags[i];
    return NULL;
}

static void test_sentiment_words_and_phrases(void **s)
{
    run("It is zorbly.", NULL, NULL);
    assert_true(R->customer.sentiment == 0);
    run("It is zorbly.", NULL, X); /* -0.3: a customer read as calm has a mild tone at most */
    assert_true(R->customer.sentiment < -0.25);
    run("It is not zorbly.", NULL, X); /* a word's valence takes negation */
    assert_true(R->customer.sentiment > 0);
    run("What a blue moon day.", NULL, NULL);
    double before = R->customer.sentiment;
    run("What a blue moon day.", NULL, X);
    assert_true(R->customer.sentiment > before + 0.3);
}

static void test_emotions(void **s)
{
    run("I am zibbed.", NULL, NULL);
    assert_int_equal(R->customer.emotion, COACH_EMO_NEUTRAL);
    run("I am zibbed.", NULL, X);
    assert_int_equal(R->customer.emotion, COACH_EMO_ANXIOUS);
    run("The forms have me in a fankle.", NULL, NULL);
    assert_int_equal(R->customer.emotion, COACH_EMO_NEUTRAL);
    run("The forms have me in a fankle.", NULL, X);
    assert_int_equal(R->customer.emotion, COACH_EMO_CONFUSED);
}

static void test_cues(void **s)
{
    static const struct { const char *text; size_t off; } cases[] = {
        /* not "the payroll run": the model learned "run" from payroll customers' urgent mail */
        {"The stocktake is on Thursday.", offsetof(coach_customer_report, urgent)},
        /* not "a formal grumble": the learned model reads "formal" as a complaint on its own */
        {"I am lodging a grumble.", offsetof(coach_customer_report, complaint)},
        {"This is my ticket number two about it.", offsetof(coach_customer_report, repeat_contact)},
        {"Bless your cotton socks.", offsetof(coach_customer_report, thanks)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(cases[i].text, NULL, NULL);
        assert_false(*(bool *)((char *)&R->customer + cases[i].off));
        run(cases[i].text, NULL, X);
        assert_true(*(bool *)((char *)&R->customer + cases[i].off));
    }
    run("There is no stocktake this week.", NULL, X); /* the exception hides the cue inside it */
    assert_false(R->customer.urgent);
}

static void test_flags_with_why_and_suggestion(void **s)
{
    run(NULL, "Computer says no.", NULL);
    assert_null(flag_of(COACH_FLAG_NEGATIVE_PHRASING));
    run(NULL, "Computer says no.", X);
    const coach_flag *f = flag_of(COACH_FLAG_NEGATIVE_PHRASING);
    assert_non_null(f);
    assert_int_equal(f->start, 0);
    assert_int_equal(f->end, 16);
    assert_string_equal(f->suggestion, "Let me look at what I can do");
    assert_string_equal(f->why, "\"Computer says no\" is our banned phrase (negative_phrasing rule: \"computer says no\")");
    run(NULL, "Please raise a ticket.", X); /* without a why, the code's own */
    f = flag_of(COACH_FLAG_DEFLECTION);
    assert_non_null(f);
    assert_non_null(strstr(f->why, "sends the customer elsewhere"));
    assert_string_equal(f->suggestion, "I've raised it for you");
}

/* an anchored phrase counts only where its anchors allow */
static void test_anchored_flags(void **s)
{
    run(NULL, "So be it, the engineer will come when he comes.", X);
    assert_non_null(flag_of(COACH_FLAG_DISMISSIVE));
    run(NULL, "So be it.", X);
    assert_non_null(flag_of(COACH_FLAG_DISMISSIVE));
    run(NULL, "If that is what you want, so be it and we will cancel.", X);
    assert_null(flag_of(COACH_FLAG_DISMISSIVE));
    run(NULL, "That is final.", X);
    assert_non_null(flag_of(COACH_FLAG_DISMISSIVE));
    run(NULL, "That is final, and we have found your bags.", X);
    assert_null(flag_of(COACH_FLAG_DISMISSIVE));
    /* a cue too */
    run("Code red here, the tills are down.", NULL, X);
    assert_true(R->customer.urgent);
    run("Thanks, this is not a code red for us.", NULL, X);
    assert_false(R->customer.urgent);
}

static void test_strengths(void **s)
{
    run(NULL, "A hug from the team to you.", NULL);
    assert_false((R->reply.strengths >> COACH_STRENGTH_PERSONAL) & 1u);
    run(NULL, "A hug from the team to you.", X);
    assert_true((R->reply.strengths >> COACH_STRENGTH_PERSONAL) & 1u);
}

static void test_synonyms(void **s)
{
    static const char *const cases[][2] = {
        {"Where is my remittance?", "Your invoice is attached."},          /* a word */
        {"Can you send the pro forma?", "The invoice is attached."},      /* a phrase */
        {"Can I have store credit instead?", "We've reimbursed you."},    /* joins the built-in refund group */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(cases[i][0], cases[i][1], NULL);
        assert_int_equal(R->customer.nquestions, 1);
        assert_false(R->reply.answered[0]);
        run(cases[i][0], cases[i][1], X);
        assert_true(R->reply.answered[0]);
    }
    run("Where is my remittance?", "The courier has your parcel.", X); /* other groups stay apart */
    assert_false(R->reply.answered[0]);
}

/* a bad third line: refused as ours.tsv:3 with the reason, and nothing comes back */
static void refused(const char *bad, const char *reason)
{
    char text[1024], err[256] = "";
    snprintf(text, sizeof text, "sentiment\t1\tfine line\n# a comment\n%s\nsentiment\t1\tlater line\n", bad);
    coach_lexicon *x = coach_lexicon_load_extra("ours.tsv", text, strlen(text), err, sizeof err);
    if (x || !strstr(err, "ours.tsv:3: ") || !strstr(err, reason))
        fail_msg("line \"%s\": got \"%s\", wanted ours.tsv:3: ...%s", bad, err, reason);
    coach_lexicon_free(x);
}

static void test_malformed_lines(void **s)
{
    refused("meh\t-2", "a word's valence is written sentiment<TAB>valence<TAB>word");
    refused("colour\tblue\tsky", "unknown kind \"colour\"");
    refused("sentiment\t5\tgreat", "valence must be a number from -4 to 4");
    refused("sentiment\t1e1\tgreat", "valence must be a number");
    refused("sentiment\tnan\tgreat", "valence must be a number");
    refused("sentiment\t-1", "expected sentiment<TAB>valence<TAB>word or phrase (got 2 fields)");
    refused("sentiment\t1\tgreat\textra", "got 4 fields");
    refused("emotion\tbored\tmeh", "unknown emotion \"bored\"");
    refused("emotion\tneutral\tmeh", "unknown emotion \"neutral\"");
    refused("emotion\tsad\tmeh\t4", "weight must be a number from 0.1 to 3");
    refused("cue\tpolite\tkindly", "unknown cue \"polite\"");
    refused("flag\tshouting\tLOUD\tquiet", "unknown flag code \"shouting\"");
    refused("flag\tblame\tyour fault", "expected flag<TAB>code<TAB>phrase<TAB>suggestion[<TAB>why]");
    refused("flag\tblame\tyour fault\t", "field 4 is empty");
    refused("strength\tpersonal\t^dear friend", "only a flag's or a cue's phrase may be anchored");
    refused("strength\tcharm\tlovely", "unknown strength code \"charm\"");
    refused("strength\tempathy\tone two three four five six seven eight nine", "has more than 8 words");
    refused("strength\tempathy\tstop. start", "must not end a sentence inside it");
    refused("strength\tempathy\t!!!", "the phrase has no words");
    refused("synonym\tmoney back\trefund", "the head of a synonym line is one word");
    refused("synonym\tinvoice\tthe", "cannot start a synonym: it is a stop word");
    refused("synonym\tinvoice\ta b c d e", "a synonym has at most 4 words");
    refused("synonym\tinvoice", "expected synonym<TAB>head word");
    refused("sentiment\t1\tfine line", "the phrase \"fine line\" of line 1");
    refused("sentiment\t\xff\tbad", "not valid UTF-8");
    refused("strength\tempathy\tbell\x07ringing", "field 3 has a control character");
    refused("sentiment\t1\tx\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\t21\t22\t23\t24\t25\t26\t27\t28\t29\t30\t31\t32\t33\t34",
            "too many fields");
    char longf[300];
    memset(longf, 'a', sizeof longf);
    snprintf(longf, sizeof longf, "strength\tempathy\t%0250d", 7);
    refused(longf, "field 3 is longer than 200 bytes");
}

static void test_repeats_and_groups_are_refused(void **s)
{
    char err[256] = "";
    const char *t = "sentiment\t1\tzing\nsentiment\t-1\tZing\n";
    assert_null(coach_lexicon_load_extra(NULL, t, strlen(t), err, sizeof err));
    assert_string_equal(err, "line 2: the word is already given a valence on line 1");
    t = "synonym\tinvoice\tremit\nsynonym\tlogin\tremit\n";
    assert_null(coach_lexicon_load_extra(NULL, t, strlen(t), err, sizeof err));
    assert_string_equal(err, "line 2: \"remit\" is already a synonym on line 1 (a word belongs to one group)");
    /* a word may have a valence and an emotion */
    t = "sentiment\t-1\tzing\nemotion\tsad\tzing\n";
    coach_lexicon *x = coach_lexicon_load_extra(NULL, t, strlen(t), err, sizeof err);
    assert_non_null(x);
    coach_lexicon_free(x);
}

/* all or nothing: the same good lines load alone, and with one bad line at the end nothing does */
static void test_all_or_nothing(void **s)
{
    char err[256] = "", text[sizeof LEXICON + 64];
    snprintf(text, sizeof text, "%sflag\tblame\tyour fault\n", LEXICON);
    assert_null(coach_lexicon_load_extra("ours.tsv", text, strlen(text), err, sizeof err));
    assert_string_equal(err, "ours.tsv:19: expected flag<TAB>code<TAB>phrase<TAB>suggestion[<TAB>why] (got 3 fields)");
    text[strlen(LEXICON)] = 0;
    coach_lexicon *x = coach_lexicon_load_extra("ours.tsv", text, strlen(text), err, sizeof err);
    assert_non_null(x);
    coach_lexicon_free(x);
    /* an empty file, comments and CRLF line ends are fine */
    const char *t = "# nothing yet\r\n\r\nsentiment\t1\tzing\r\n";
    x = coach_lexicon_load_extra("ours.tsv", t, strlen(t), err, sizeof err);
    assert_non_null(x);
    coach_lexicon_free(x);
    x = coach_lexicon_load_extra("ours.tsv", "", 0, err, sizeof err);
    assert_non_null(x);
    coach_lexicon_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentiment_words_and_phrases),
        cmocka_unit_test(test_emotions),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_flags_with_why_and_suggestion),
        cmocka_unit_test(test_anchored_flags),
        cmocka_unit_test(test_strengths),
        cmocka_unit_test(test_synonyms),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_repeats_and_groups_are_refused),
        cmocka_unit_test(test_all_or_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
