/* Unit tests for the coach library and its JSON glue (run under ASan+UBSan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "coach/coach.h"
#include "coach/coach_json.h"
#include "util/buf.h"

/* 2026-11-23 is a Monday */
#define NOW_MON_10 1795428000LL /* 2026-11-23T10:00:00Z */

static coach_report *R;

/* the rules' own reading of the reply: the learned reading over it has its own tests below */
static int setup(void **state) { R = malloc(sizeof *R); coach_report_init(R); R->reply_rules_only = true; return 0; }
static int teardown(void **state) { coach_report_free(R); free(R); return 0; }

static void run(const char *customer, const char *reply, long long now)
{
    coach_input in = {.customer = customer, .customer_len = customer ? strlen(customer) : 0,
                      .reply = reply, .reply_len = reply ? strlen(reply) : 0, .now = now};
    assert_int_equal(coach_analyze(&in, R), 0);
}

static bool flagged(coach_flag_code c)
{
    for (size_t i = 0; i < R->reply.nflags; i++) if (R->reply.flags[i].code == c) return true;
    return false;
}
static const coach_flag *flag_of(coach_flag_code c)
{
    for (size_t i = 0; i < R->reply.nflags; i++) if (R->reply.flags[i].code == c) return &R->reply.flags[i];
    return NULL;
}
static bool strong(coach_strength_code c) { return (R->reply.strengths >> c) & 1u; }

/* each of texts read as the customer's message, or as the reply to customer, and check holds for it */
#define EACH_CUSTOMER(texts, check) \
    for (size_t i_ = 0; i_ < sizeof texts / sizeof texts[0]; i_++) { \
        run(texts[i_], NULL, NOW_MON_10); \
        if (!(check)) fail_msg("%s: %s", #check, texts[i_]); \
    }
#define EACH_REPLY(customer, texts, check) \
    for (size_t i_ = 0; i_ < sizeof texts / sizeof texts[0]; i_++) { \
        run(customer, texts[i_], NOW_MON_10); \
        if (!(check)) fail_msg("%s: %s", #check, texts[i_]); \
    }

static long long due0(void)
{
    assert_true(R->reply.ncommitments > 0);
    assert_true(R->reply.commitments[0].has_due);
    return R->reply.commitments[0].due;
}

static void test_negative_phrasing_has_offsets_and_rewrite(void **s)
{
    const char *reply = "Thanks for asking. We can't refund opened items.";
    run(NULL, reply, NOW_MON_10);
    const coach_flag *f = flag_of(COACH_FLAG_NEGATIVE_PHRASING);
    assert_non_null(f);
    assert_int_equal(f->start, 19);
    assert_int_equal(f->end, 27);
    assert_memory_equal(reply + f->start, "We can't", 8);
    assert_string_equal(f->suggestion, "Here's what we can do");
    assert_non_null(strstr(f->why, "we can't"));
}

/* a refusal said as a rule is negative phrasing; good news said with a "don't" is not */
static void test_refusal_as_a_rule_is_negative_phrasing(void **s)
{
    (void)s;
    const char *refusals[] = {"Memberships are non-refundable, as stated in the terms and conditions.", "We don't price match.",
                              "Sorry, we're fully booked over Christmas.", "Bikes are not permitted on any of our services.",
                              /* "aren't able to", "isn't covered", "not liable" */
                              "We aren't able to give medical advice by email.", "Router damage from power surges isn't covered, sorry.",
                              "The marina is not liable for damage caused by third-party craft.",
                              /* what can't be done said as a rule, and a no that opens a refusal */
                              "Refunds aren't available. See our T&Cs.", "Room transfers aren't possible mid-lease.",
                              "Sorry, day passes are non-transferable.", "No, we're closed on Sundays.",
                              "No, sorry, our boats are not suitable for wheelchairs.",
                              /* (a "no" out of place does not hide the "we don't" after it) */
                              "Sorry, no, we don't."};
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        run("Can I have a refund?", refusals[i], NOW_MON_10);
        if (!flagged(COACH_FLAG_NEGATIVE_PHRASING)) fail_msg("not negative phrasing: %s", refusals[i]);
    }
    run("Is there a fee for a refinance?", "We don't charge borrowers a fee, so there's no cost to you.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_NEGATIVE_PHRASING));
    /* a reassuring no is not a refusal */
    static const char *const reassuring[] = {"No, you haven't failed! Your essay just hasn't been marked yet.",
                                             "No, there are no nuts in the coffee at all."};
    for (size_t i = 0; i < sizeof reassuring / sizeof reassuring[0]; i++) {
        run("Have I failed?", reassuring[i], NOW_MON_10);
        if (flagged(COACH_FLAG_NEGATIVE_PHRASING)) fail_msg("read as negative phrasing: %s", reassuring[i]);
    }
    /* a bare "No." keeps its own reason */
    run("Can I bring my dog?", "No.", NOW_MON_10);
    assert_non_null(strstr(flag_of(COACH_FLAG_NEGATIVE_PHRASING)->why, "bare"));
    /* someone else's problem by rule is dismissive */
    run("FedEx says my tote was delivered but there is NOTHING here. I'm panicking.",
        "Once an item is marked as delivered, responsibility passes to the carrier. Please file a claim with FedEx directly.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
}

static void test_curly_apostrophe_matches(void **s)
{
    run(NULL, "We can\xE2\x80\x99t do that, it\xE2\x80\x99s not my department.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_NEGATIVE_PHRASING));
    assert_true(flagged(COACH_FLAG_DEFLECTION));
}

static void test_exception_phrase_is_not_negative(void **s)
{
    run(NULL, "We can't thank you enough for your patience!", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_NEGATIVE_PHRASING));
    assert_true(strong(COACH_STRENGTH_GRATITUDE));
}

static void test_negation_flips_sentiment(void **s)
{
    run("I am happy with the service.", NULL, NOW_MON_10);
    double pos = R->customer.sentiment;
    run("I am not happy with the service.", NULL, NOW_MON_10);
    assert_true(pos > 0.2);
    assert_true(R->customer.sentiment < 0);
    assert_int_not_equal(R->customer.emotion, COACH_EMO_HAPPY);
}

static void test_no_problem_is_positive(void **s)
{
    run("No problem at all, thanks!", NULL, NOW_MON_10);
    assert_true(R->customer.sentiment > 0.2);
    assert_true(R->customer.thanks);
}

static void test_contrast_but_weighs_what_follows(void **s)
{
    run("The staff were nice but the refund is a disaster.", NULL, NOW_MON_10);
    assert_true(R->customer.sentiment < 0);
}

static void test_intensifier_strengthens(void **s)
{
    /* (not "The courier was good.": the learned model reads a bare courier as trouble, and one
     * reading of the mood sets the tone; docs/COACH.md, "The nineteenth look") */
    run("The food was good.", NULL, NOW_MON_10);
    double a = R->customer.sentiment;
    run("The food was extremely good.", NULL, NOW_MON_10);
    assert_true(R->customer.sentiment > a);
}

static void test_questions_direct_and_indirect(void **s)
{
    run("Hello. Where is my order? I'd like to know whether I can change the address. Are you kidding me?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
}

static void test_unanswered_question_flag(void **s)
{
    run("How much is the upgrade? Also, when does my contract end?", "The upgrade costs $20 a month.", NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    assert_true(R->reply.answered[0]);
    assert_false(R->reply.answered[1]);
    const coach_flag *f = flag_of(COACH_FLAG_UNANSWERED_QUESTION);
    assert_non_null(f);
    assert_non_null(strstr(f->why, "contract"));
}

/* question q's answer features (coach_reply_report.answer_features) include the one named */
static bool answer_feature(size_t q, const char *name)
{
    for (unsigned i = 0; coach_answer_feature_name(i); i++)
        if (!strcmp(coach_answer_feature_name(i), name)) return (R->reply.answer_features[q] >> i) & 1;
    fail_msg("no answer feature named %s", name);
    return false;
}

static void test_answer_feature_names(void **s)
{
    assert_string_equal(coach_answer_feature_name(0), "bias");
    assert_string_equal(coach_answer_feature_name(1), "rule");
    assert_null(coach_answer_feature_name(64));
    unsigned n = 0;
    while (coach_answer_feature_name(n)) n++;
    assert_in_range(n, 40, 64); /* one bit each of a uint64_t */
}

/* the learned reading (data/coach/answer_model.tsv) answers a question the rules miss: a yes-or-no
 * met by what was done, in none of its words ("way", "back") */
static void test_learned_answer_reads_a_step_as_the_answer(void **s)
{
    run("Is there any way to get my photos back?",
        "I am so sorry. Our backups keep deleted albums for 60 days, and I have restored yours from Tuesday; they are in your library now.",
        NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    assert_false(answer_feature(0, "rule")); /* the rules alone say no */
    assert_true(answer_feature(0, "type_yesno"));
    assert_true(answer_feature(0, "ownership"));
    assert_true(R->reply.answered[0]);
    assert_false(flagged(COACH_FLAG_UNANSWERED_QUESTION));
}

/* one question and its reply each: answered or not, and flagged unanswered exactly when not */
typedef struct { const char *q, *a; bool answered; } answer_case;
static void expect_answers(const answer_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        run(cases[i].q, cases[i].a, NOW_MON_10);
        assert_int_equal(R->customer.nquestions, 1);
        if (R->reply.answered[0] != cases[i].answered)
            fail_msg("\"%s\" -> \"%s\": answered %d, not %d", cases[i].q, cases[i].a, R->reply.answered[0], cases[i].answered);
        assert_int_equal(flagged(COACH_FLAG_UNANSWERED_QUESTION), !cases[i].answered);
    }
}

/* two questions and one reply: each answered or not, and flagged unanswered exactly when one is not */
static void expect_two_answers(const char *q, const char *a, bool first, bool second)
{
    run(q, a, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    if (R->reply.answered[0] != first || R->reply.answered[1] != second)
        fail_msg("\"%s\" -> \"%s\": answered %d, %d, not %d, %d", q, a, R->reply.answered[0], R->reply.answered[1], first, second);
    assert_int_equal(flagged(COACH_FLAG_UNANSWERED_QUESTION), !(first && second));
}

/* pairs of features weigh together (answer_model.tsv, "a&b"): a short reply with the price asked
 * for, and a short clear no, answer, though the single weights alone lean to no (the first two);
 * a reply that sends the customer elsewhere still does not (the third) */
static void test_learned_answer_pairs_of_features(void **s)
{
    static const answer_case cases[] = {
        {"whats your callout charge for a fridge in york", "\u00a375 + VAT for the first hour, then \u00a350 an hour after that. Parts are extra.", true},
        {"Hello, could I collect the table this Saturday morning? I work all week.", "We're closed on Saturdays, sorry.", true},
        {"I phoned yesterday and was told my refund was approved, but the app still says pending. Which is it?",
         "Refunds are handled by our accounts team. You'll need to contact them at accounts@example.com.", false},
    };
    expect_answers(cases, sizeof cases / sizeof cases[0]);
    (void)s;
}

/* and keeps the rules' no where the kind of fact asked for is missing: a "why" with no reason */
static void test_learned_answer_wants_the_fact_its_type_asks(void **s)
{
    run("Why was I charged a late fee on my account?", "The terms and conditions explain fees.", NOW_MON_10);
    assert_true(answer_feature(0, "type_why"));
    assert_true(answer_feature(0, "type_without_fact"));
    assert_true(answer_feature(0, "shared_2plus")); /* it shares the words, not the answer */
    assert_false(R->reply.answered[0]);
    assert_true(flagged(COACH_FLAG_UNANSWERED_QUESTION));
    run("Why was I charged a late fee on my account?", "The fee was added because the payment reached us on the 3rd, two days after the due date.", NOW_MON_10);
    assert_true(answer_feature(0, "type_fact"));
    assert_true(R->reply.answered[0]);
}

/* "What are you going to do about it?" wants a step of ours, an offer or a plain no: an explanation
 * on its topic, advice, or a booking of something else does not answer it; "What can you do?" asks
 * what is possible, which information answers */
static void test_what_will_you_do_wants_an_action(void **s)
{
    (void)s;
    static const answer_case cases[] = {
        {"Nobody came and I lost a day's pay. What are you going to do about it?",
         "Our technician was held up on an earlier job that overran. The next available slot is Wednesday 9 December, 8-12.", false},
        {"Your teacher pushed me too far and I hurt my leg. I'd like to know what you're going to do about this.",
         "Hands-on adjustments are a normal part of many classes, and students can always say no. Rest and gentle stretching usually help.", false},
        {"Nobody came and I lost a day's pay. What are you going to do about it?",
         "I'm sorry. I've refunded this month's fee of \u00a345 and booked you the first slot on Wednesday.", true},
        {"The blinds warped after your clean. What are you going to do about it?",
         "I'm sorry, but we are not able to offer compensation, as the waiver you signed covers warping.", true},
        {"The router keeps dropping out. What can you do?",
         "The quickest fix is a firmware update: open the app, go to Settings and tap Update.", true},
    };
    expect_answers(cases, sizeof cases / sizeof cases[0]);
}

/* a length of time said in words answers "how long" as a number would: "about a week", "an hour" */
static void test_duration_in_words_answers_how_long(void **s)
{
    (void)s;
    static const answer_case cases[] = {
        {"How long will the bathroom be out of use?", "Usually about a week. We'll try to keep the toilet connected overnight where we can.", true},
        {"Hi, how long does it take?", "Hi Kenji, congratulations on the new bar! A survey takes about an hour: the technician walks the whole unit.", true},
        {"How long will the bathroom be out of use?", "We'll try to keep the toilet connected overnight where we can.", false},
        /* a count answers "how many", whatever it counts */
        {"Hello, how many people can the main hall hold?", "Hi Jo, 120 standing or 90 seated at tables.", true},
    };
    expect_answers(cases, sizeof cases / sizeof cases[0]);
    /* and wherever it stands: here in the sentence that gives the price */
    expect_two_answers("Do you ship to Ireland, and how long does it take?", "Yes! Allow 3-5 working days.", true, true);
    expect_two_answers("Hi, how much does a loft conversion with an en-suite cost? And how long does it take?",
                       "Hi Nikos, for a dormer with an en-suite most of our projects come in between \u00a355,000 and \u00a370,000, "
                       "and the building work takes around 8-10 weeks. I'd be glad to come round and give you a fixed quote.",
                       true, true);    /* a sentence on two questions' topics goes to the one whose own words it has: the lines and
     * their limits, not the discount */
    expect_two_answers("I'd like to add two lines for my teenagers. Can I set data limits on their lines separately, and is there a discount for multiple lines?",
                       "Hi Denise, absolutely - you can add up to five lines on one account, and each line gets its own data limit "
                       "that you can set in the app under 'Family Controls'. Let me know if you'd like me to add the lines for you!",
                       true, false);
    /* "what's the cut-off time?" is asked as "when" is: a time in the reply answers it */
    expect_two_answers("Are headphones allowed? And what's the cut-off time?",
                       "Bone-conduction headphones are fine, but in-ear ones aren't. The course closes 6 hours after the last wave starts.",
                       true, true);
}

/* short answers in the reply's own words: a "not yet", "a common reaction" to "Is this normal?", a
 * menu path to "How do I ...?", a plain no to a yes or no about the price */
static void test_answers_said_plainly(void **s)
{
    (void)s;
    static const answer_case cases[] = {
        {"Is my click and collect order ready yet?", "Not yet, sorry.", true},
        {"Is this normal?", "Hi Tom, this is a common reaction. Take paracetamol and rest.", true},
        {"How do I add a second admin user?", "Settings > Team > Invite, then choose 'Admin' as the role.", true},
        {"How do I add a second admin user?", "Thanks for your message, Ben.", false},
        /* a yes or no that names the price is answered by a no; asked to be told the price, not */
        {"Hi, is the price on the Fiesta negotiable?", "No.", true},
        {"do u price match?", "We don't, sorry.", true},
        {"Could you let me know the cost for two?", "Hi Sam, thanks for asking!", false},
        /* a thing asked for, sent: "the invoice is attached" */
        {"The certificate for the insurance has still not arrived and the inspector comes on Thursday. Can you send it today please?",
         "Hi Giuseppe, sorry for the delay - your TR19 certificate for Sunday's clean is attached, with the before-and-after photos.", true},
        /* a length in words, with its range: "ten to fourteen working days" */
        {"Hi, how long do the blood test results take to come back?", "Dear Claire, results are usually ready within ten to fourteen working days.", true},
    };
    expect_answers(cases, sizeof cases / sizeof cases[0]);
}

/* among several questions, "we can" or "yes, they can" echoes only the question whose topic its
 * sentence is on: "Tenants can then be invited as guests" answers whether tenants can use it,
 * not whether they can be stopped from turning it up */
static void test_echo_stays_with_its_own_question(void **s)
{
    (void)s;
    expect_two_answers("Hi, I'm a landlord with 6 flats. Can I manage all 6 from my one account, and can I stop tenants setting it above 23?",
                       "Hi Rob, yes - add each property under Account > Homes and you'll see all six on one dashboard. Tenants can "
                       "then be invited as guests so they can control their own flat.",
                       true, false);
    /* an adverb meets its adjective, so the echo of "Yes to both" stays with the second */
    expect_two_answers("Does the Pro plan include unlimited storage, and can we pay annually?",
                       "Yes to both: Pro has unlimited storage and you can switch to annual billing in Settings.", true, true);
}

static void test_no_empathy_for_angry_customer(void **s)
{
    run("This is absolutely ridiculous, I am furious. Third time I've asked!", "Your ticket number is 4411.", NOW_MON_10);
    assert_int_equal(R->customer.emotion, COACH_EMO_ANGRY);
    assert_true(R->customer.complaint);
    assert_true(R->customer.repeat_contact);
    assert_true(flagged(COACH_FLAG_NO_EMPATHY));
    run("This is absolutely ridiculous, I am furious.", "I'm so sorry, I understand how annoying this is.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_NO_EMPATHY));
    assert_true(strong(COACH_STRENGTH_EMPATHY));
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    /* a stock "sorry for any inconvenience" neither apologises nor acknowledges */
    run("This is absolutely ridiculous, I am furious.", "We apologise for any inconvenience caused. Please rebook online.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_NO_EMPATHY));
    assert_false(strong(COACH_STRENGTH_APOLOGY));
    run("This is absolutely ridiculous, I am furious.", "I'm sorry the engineer didn't turn up; I've rebooked him for 9am.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    /* an emergency met by help on its way within the hour; the same help next week is not */
    static const char *const flood = "There is sewage coming up through our shower drain right now, please help!";
    run(flood, "I've dispatched our drainage engineer, who will be with you within 45 minutes.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_NO_EMPATHY));
    run(flood, "I've booked our drainage engineer for next Tuesday.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_NO_EMPATHY));
    run("My flight is cancelled and I am stuck at the airport tonight!", "Oh no, let me find you a hotel.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_EMPATHY));
}

static void test_deadline_by_friday(void **s)
{
    run(NULL, "I'll send the replacement by Friday.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 4 * 86400 + 7 * 3600); /* Fri 17:00 */
    assert_true(strong(COACH_STRENGTH_COMMITMENT));
}

static void test_deadline_tomorrow_morning(void **s)
{
    run(NULL, "I will call you tomorrow morning.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 + 2 * 3600);
}

static void test_deadline_within_the_hour(void **s)
{
    run(NULL, "You'll get an email within the hour.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 3600);
}

static void test_deadline_by_5pm_and_end_of_day(void **s)
{
    run(NULL, "I'll have it fixed by 5pm.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 7 * 3600);
    run(NULL, "We will confirm by end of day.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 7 * 3600);
    /* "today" said after 17:00 is due at 17:00 tomorrow (the blind brief's convention) */
    run(NULL, "I'll share this with the manager today.", NOW_MON_10 + 9 * 3600);
    assert_int_equal(due0(), NOW_MON_10 + 24 * 3600 + 7 * 3600);
    /* a day named outright wins over a stretch of time in the same words */
    run(NULL, "Our electrician will test the pedestal by Wednesday, two trips in a week points to a fault.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 2 * 86400 + 7 * 3600);
    run(NULL, "It will be dispatched tomorrow by tracked next-day delivery.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 + 7 * 3600);
    /* "a Saturday tutor" is a kind of tutor, not a day: the "soon" stays vague */
    run(NULL, "No problem, we will find you a Saturday tutor soon and let you know.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    run(NULL, "We're in talks with the provider and hope to have it sorted soon.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    /* a step under way with its own time, then a promise: two, each with its time */
    run(NULL, "I'm emailing the certificate to you within the hour, and I'll call you by 5pm today.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 2);
    assert_int_equal(R->reply.commitments[0].due, NOW_MON_10 + 3600);
    assert_int_equal(R->reply.commitments[1].due, NOW_MON_10 + 7 * 3600);
    run(NULL, "I've cancelled her policy from Friday, and I'm refunding the premium; it will be back within 5 working days.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
}

static void test_deadline_on_the_1st(void **s)
{
    run(NULL, "The credit will be on your account on the 1st.", NOW_MON_10);
    /* 2026-12-01T17:00:00Z */
    assert_int_equal(due0(), 1795428000LL + 8 * 86400 + 7 * 3600);
}

/* a later date that the promise is measured against is context, not its deadline */
static void test_deadline_before_the_customers_date(void **s)
{
    run(NULL, "I've sent a replacement today, so it will be with you by Friday, well before the 19th.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 4 * 86400 + 7 * 3600); /* Friday 27 November, 17:00 */
    run(NULL, "I'll email you a proposal by 3pm tomorrow, in time for your partners on Thursday.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 + 5 * 3600); /* Tuesday 24 November, 15:00 */
    run(NULL, "They'll arrive by Thursday, comfortably ahead of your 5 December order.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 3 * 86400 + 7 * 3600);
    /* a clock time with no am or pm in the working day is the afternoon's */
    run(NULL, "I'll resend your confirmation email by 5:30.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 7 * 3600 + 1800);
    run(NULL, "I'll call you at 05:30 tomorrow.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 - 4 * 3600 - 1800);
    /* a bare hour after "at", "by" or "before" */
    run(NULL, "They'll be on site at 8 tomorrow.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 - 2 * 3600);
    run(NULL, "I'll call you at 11.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 3600);
    /* two times joined by "and" are two promises */
    run(NULL, "It'll be dispatched by Wednesday and with you by Friday 27 November.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 2);
    assert_int_equal(R->reply.commitments[0].due, NOW_MON_10 + 2 * 86400 + 7 * 3600);
    assert_int_equal(R->reply.commitments[1].due, NOW_MON_10 + 4 * 86400 + 7 * 3600);
    run(NULL, "The engineer will come on Tuesday between 8am and noon.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
}

/* what a promise means for the customer, a start date and money are not promises of their own */
static void test_not_a_second_promise(void **s)
{
    run(NULL, "I'll fit it myself tomorrow at 10am, so you'll be all set well before Saturday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    assert_int_equal(due0(), NOW_MON_10 + 86400);
    run(NULL, "Our engineer will bring a battery within 2 hours, so you'll have plenty of time before 2pm.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    /* (a promise of ours in the same place still counts) */
    run(NULL, "I'll call you at 9am, so we'll have it sorted well before Saturday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 2);
    run(NULL, "We're taking March bookings from 1 January.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    run(NULL, "The site is closing for refurbishment from 7 December until mid-January.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    run(NULL, "It stays on your current contract, the monthly fee just goes up by $4.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    /* a promise word denied: "no further payments scheduled" */
    run(NULL, "I've refunded all four payments this morning, and your account is closed with no further payments scheduled.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    run(NULL, "Hi Ewa, no problem - I'll add 20 extra cartons to Thursday's delivery.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    run(NULL, "I've sent a remake at no cost, and it will be dispatched by Friday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    run(NULL, "I'll call you back by 4.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 6 * 3600); /* a bare hour after "by" is still a clock time */
    /* what the customer owes falls due; what they ought not to bear; a time after "and" that we
     * do not keep only ends the promise before it */
    run(NULL, "The balance of \u00a32,340 is due on 1 March, and yes, bank transfer is fine.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    run(NULL, "This is the last thing you should be dealing with, and you should have had a reply to your email on the 12th.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    run(NULL, "I'll call you by 3pm today to confirm Tracy has it and nothing else is needed for Friday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    assert_int_equal(due0(), NOW_MON_10 + 5 * 3600);
}

/* clock times: a bare hour before "to", a window of bare hours, the morning while it is ahead,
 * and the day of the promise before a clock time alone */
static void test_clock_times(void **s)
{
    run(NULL, "I'll call you tomorrow at 11 to go through it.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 + 3600);
    run(NULL, "Steve will bring them to your porch tomorrow between 10 and 12.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 86400 + 2 * 3600);
    run(NULL, "We'll deliver them in between 2 and 4 days.", NOW_MON_10); /* a stretch, not 4pm */
    assert_int_equal(R->reply.ncommitments, 1);
    assert_false(R->reply.commitments[0].has_due);
    run(NULL, "A crew is on the way and will be with you by 7:15.", NOW_MON_10 - 3 * 3600 - 1800); /* said at 06:30 */
    assert_int_equal(due0(), NOW_MON_10 - 2 * 3600 - 45 * 60);
    run(NULL, "I'll be at your house on Friday at 8am to mount the projector, and we'll be out by 2pm.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 2);
    assert_int_equal(R->reply.commitments[1].due, NOW_MON_10 + 4 * 86400 + 4 * 3600);
    /* a visit booked for a day, then its time: one promise */
    run(NULL, "I've booked a crew with the right van for Wednesday, and they'll collect it by noon.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    assert_int_equal(due0(), NOW_MON_10 + 2 * 86400 + 2 * 3600);
    /* a step of our own after it stays a promise of its own */
    run(NULL, "Dean will be with you on Wednesday, and I'll text you by 9am with his arrival time.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 2);
    /* a second promise opening at "will" starts at its subject, after the "and", with its own date */
    run(NULL, "I'll send the request to the surgery today, and her 3 December delivery will come in blister packs.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 2);
    assert_int_equal(R->reply.commitments[0].due, NOW_MON_10 + 7 * 3600);
    assert_int_equal(R->reply.commitments[1].due, NOW_MON_10 + 10 * 86400 + 7 * 3600);
    assert_int_equal(R->reply.commitments[1].start, 48); /* "her 3 December delivery will ..." */
}

static void test_deadline_working_days(void **s)
{
    run(NULL, "I'll post it within 3 working days.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 3 * 86400 + 7 * 3600);
    /* a range is due at its end */
    run(NULL, "I've refunded the £55 to your card and it will show in 3-5 working days.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 7 * 86400 + 7 * 3600); /* Monday 30 November, 17:00 */
    run(NULL, "It will show within 2 to 3 working days.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 3 * 86400 + 7 * 3600);
    /* "within" after a time of a step already taken */
    run(NULL, "I've refunded the full £180 this morning; your bank should show it within 3 working days.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    assert_int_equal(due0(), NOW_MON_10 + 3 * 86400 + 7 * 3600);
    /* that step is not a promise of its own */
    run(NULL, "I've refunded it today, and your bank should show it within 3 working days.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    /* what usually happens is not a promise */
    run(NULL, "Mild soreness is normal and usually settles within 24-48 hours.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
}

/* "let me check" promises to come back, once a sentence, however the rest says it */
static void test_let_me_check(void **s)
{
    run(NULL, "Let me check with our buying team and get back to you.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    run(NULL, "Let me check with the team and I'll get back to you soon.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    run(NULL, "Please let me know if that works.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
}

static void test_vague_promise(void **s)
{
    /* a promise to be heard from, with no time */
    run(NULL, "I've raised it with our billing team and they'll be in touch.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    run(NULL, "I've raised it with our billing team and they'll be in touch by 4pm today.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_VAGUE_PROMISE));
    /* "will be" is a promise of its own and used to hide the vague words after it */
    run(NULL, "I have raised this with our installations team, who will be in touch.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    assert_int_equal(R->reply.ncommitments, 1);
    run(NULL, "Your refund will be processed.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    run(NULL, "Your order will be fulfilled when stock arrives.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_VAGUE_PROMISE));
    run(NULL, "We'll get back to you soon.", NOW_MON_10);
    const coach_flag *f = flag_of(COACH_FLAG_VAGUE_PROMISE);
    assert_non_null(f);
    assert_string_equal(f->suggestion, "by 12pm today");
    assert_int_equal(R->reply.ncommitments, 1);
    assert_false(R->reply.commitments[0].has_due);
    run(NULL, "We'll get back to you soon, by 3pm today at the latest.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_VAGUE_PROMISE));
    /* "soon" with a "should" or a plan in the present, and "when he can", are vague too */
    static const char *const vague[] = {"You should receive it soon.", "We're expecting new stock soon.",
                                        "He's running late, he'll be with you when he can.", "We'll keep you posted."};
    EACH_REPLY("Where is it?", vague, flagged(COACH_FLAG_VAGUE_PROMISE) && R->reply.ncommitments == 1);
    static const char *const not_vague[] = {"See you soon!", "Hope you feel better soon."};
    EACH_REPLY("Thanks!", not_vague, !flagged(COACH_FLAG_VAGUE_PROMISE) && R->reply.ncommitments == 0);
}

static void test_shouting(void **s)
{
    run(NULL, "Please do NOT reset the router again!!!", NOW_MON_10);
    const coach_flag *f = flag_of(COACH_FLAG_SHOUTING);
    assert_non_null(f);
    assert_string_equal(f->suggestion, "not");
    run(NULL, "Your PIN and IBAN are on the FAQ page.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_SHOUTING));
    /* a name or a code the lexicon has never seen, and capitals joined by a hyphen */
    run(NULL, "You need the form from QWERTYCORP, and the HND-IN line is the handling charge.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_SHOUTING));
    run(NULL, "We have ALREADY sent it.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_SHOUTING));
}

/* issue 12: a code or an acronym the word lists do not know is written in capitals, not shouted */
static void test_codes_in_capitals_are_not_shouting(void **s)
{
    run(NULL, "Sign the body with HMAC-SHA256, enter code K7TQ2P and check the TOTP app.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_SHOUTING));
    run(NULL, "You have asked FOUR TIMES and we NEVER said that.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_SHOUTING));
    /* acronyms, and capitals shown as a label, a switch or a screen writes them */
    static const char *const as_written[] = {
        "We'll get the right ones out to you ASAP.",
        "Under your SLA you're entitled to a credit.",
        "Hold the dial for 3 seconds until 'MANUAL' appears.",
        "It's on the line labelled \"VERIFY CODE\".",
        "The lights are switched on from the panel marked HALL MAIN.",
        "Turn the dial to DRY and wait ten minutes.",
        "Just reply YES to the text.",
        "Exports come through GET /v2/exports as JSON.",
    };
    EACH_REPLY(NULL, as_written, !flagged(COACH_FLAG_SHOUTING));
    run(NULL, "We CANNOT work on wet roofs. This is for SAFETY reasons.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_SHOUTING));
}

/* each text's customer reading has the cue at off (a bool in coach_customer_report) on or off */
static void cue_reads(const char *const *texts, size_t n, size_t off, bool want, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        run(texts[i], NULL, NOW_MON_10);
        if (*(bool *)((char *)&R->customer + off) != want) fail_msg("%s %s: %s", want ? "not read as" : "read as", what, texts[i]);
    }
}
#define CUE_READS(texts, field, want, what) \
    cue_reads(texts, sizeof texts / sizeof texts[0], offsetof(coach_customer_report, field), want, what)

/* answers by the kind of fact asked for, in none of the question's words: a place for "where",
 * a bare code or number first for "what", a refusal or "welcome" for a yes or no */
/* "how long" is answered by a stretch of time, with no deadline in it ("Usually 24 to 48 hours",
 * "About 2 days"), and the stretch is no promise */
static void test_how_long_answered_by_a_stretch(void **s)
{
    (void)s;
    static const char *const q = "how long do results take for a full blood count?";
    static const char *const replies[] = {"Usually 24 to 48 hours after the draw, and they're emailed to you.", "About 2 days.",
                                          "Around 8 or 9 weeks, as the lab is busy."};
    for (size_t i = 0; i < sizeof replies / sizeof replies[0]; i++) {
        run(q, replies[i], NOW_MON_10);
        assert_int_equal(R->customer.nquestions, 1);
        if (!R->reply.answered[0]) fail_msg("not answered: %s", replies[i]);
        assert_int_equal(R->reply.ncommitments, 0);
    }
    run(q, "Our lab team will be in touch.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
}

static void test_answers_by_place_code_and_refusal(void **s)
{
    run("where is the nearest drop-off point to my office in Leeds?", "There is one in Wellington Place, a 2-minute walk from you.", NOW_MON_10);
    assert_true(answer_feature(0, "type_where") && answer_feature(0, "reply_place_here"));
    assert_true(R->reply.answered[0]);
    run("Where can I park when I arrive?", "The visitor bays are round the corner from the main door.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    run("what battery does the Lumo 3 take?", "CR2032. You can find it in most supermarkets.", NOW_MON_10);
    assert_true(answer_feature(0, "reply_opens_terse"));
    assert_true(R->reply.answered[0]);
    run("Do I have to be present to win?", "Nope! Winners are contacted by phone and email after the drawing.", NOW_MON_10);
    assert_true(R->reply.answered[0]); /* a chat's no is a no */
    run("What is your refund policy?", "Noted.", NOW_MON_10); /* a word, not an answer */
    assert_false(answer_feature(0, "reply_opens_terse"));
    assert_false(R->reply.answered[0]);
    /* a no answers what can be answered with one ("Where is my remittance?" "Computer says no." does not) */
    run("Where is my remittance?", "Computer says no. The weather is nice.", NOW_MON_10);
    assert_false(answer_feature(0, "reply_yesno_here"));
    assert_false(R->reply.answered[0]);
    run("Can you move my delivery to the morning?", "Unfortunately we can't change slots once the van has been loaded.", NOW_MON_10);
    assert_true(answer_feature(0, "reply_yesno_here"));
    assert_true(R->reply.answered[0]);
    run("Can I bring my dog to the ceremony?", "Dogs are very welcome in the garden and the barn.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    /* a size asked as a yes or no is not an amount */
    run("Is the jacket true to size?", "It runs small, so most people order one size up.", NOW_MON_10);
    assert_true(answer_feature(0, "type_yesno"));
    assert_false(answer_feature(0, "type_amount"));
}

/* requests in other words: what we owe ("you must refund"), the Indian English "do the needful"
 * after "Also please"; and "to know what" only where the customer wants to know (not "I'd
 * trusted your crew to know what they were doing") */
static void test_requests_said_as_duties(void **s)
{
    (void)s;
    run("I think you must refund this fee.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("The invoice was wrong again. You should pay for the courier.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("Kindly share the invoice. Also please do the needful to update the billing address.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    run("I'd trusted your crew to know what they were doing. I want to know what you are going to do about this.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("I wanted to know whether the hall has a piano.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
}

/* second requests that the blind writers count on their own: after "and frankly" or "and also",
 * a list opened by its question word going on with "whether", "we'd need to know", "I would
 * also like ..." */
static void test_second_requests_in_a_sentence(void **s)
{
    (void)s;
    static const struct { const char *text; size_t n; } cases[] = {
        {"I want a full refund, and frankly I'd like an explanation of why you sell passes you can't honour.", 2},
        {"Please can you fix this, and also give me a credit for the 2 weeks?", 2},
        {"Can you please deliver again on Friday, and also correct the days in your system?", 2},
        {"Could you send the invoice, and also the receipt?", 1},
        {"Could you tell me what's needed to open an account, whether you offer net-30 terms, and whether our crew can collect?", 3},
        {"Could you let me know whether you can make that date, what the cost would be, and whether you can fit them at the theatre?", 3},
        {"Could you let me know whether it is covered under warranty, and if so, how quickly a replacement could be sent?", 2},
        {"Our first match is on 12 December, so we'd need to know whether you could deliver by 5 December.", 1},
        {"I expect a full refund, not a voucher. I would also like an explanation of why nobody phoned.", 2},
        /* to be told, then given; a want, then to be told (not a step towards the same request) */
        {"Could you tell me if you accept clients from Canada, and give me an approximate price for the two pieces?", 2},
        {"Can you please check my account and add the missing points?", 1},
        {"I'd like a refund for the dead tetras and to know what you will do if the ram doesn't make it.", 2},
        {"I would like confirmation that this will be investigated, and to be told what action is taken.", 2},
        {"Could you tell me how to change the bag size and how to move the delivery date?", 2},
        {"Can you actually fix this, and refund the three boxes she can't eat?", 2},
        /* to know, as a learner writes it or for someone else */
        {"Hi, I want know how much is the package of 6 sessions, and if I can pay monthly.", 2},
        {"Before we sign, our DPO needs to know in which country the data is stored, and if you can sign a DPA with us.", 2},
        /* a want that announces its list: each part after the colon */
        {"Before I can submit the trip, I need two things from you: a copy of the fire risk assessment, and confirmation of whether the hut has a landline.", 2},
        {"I need three things: a copy of your insurance certificate (we require \u00a35m cover), your RAMS for roof work, and confirmation that your operatives hold IPAF.", 3},
        {"I have two things to say: the driver was lovely, and the cake was perfect.", 0},
        /* wondering inside the story asks nothing; the customer's own choice hangs on the questions */
        {"I lie there wondering whether they are chewing the wiring. Could someone come and have a look?", 1},
        {"I'm also wondering whether you offer any guarantee on the workmanship.", 1},
        {"Can you refund the second payment? I need to know whether to ring my bank.", 1},
        /* the story before a want or a wonder is not asked; a want's list goes on */
        {"My son has been badly bitten by the bug watching me, and I wondered whether Gareth does junior lessons.", 1},
        {"I've got a riding season that starts in January, and I'd like to know whether these parts are coming.", 1},
        {"I want the direct debit cancelled, any money taken refunded, and I want to know what you will do about it.", 3},
        /* rhetorical: what the customer pays for, what the point is */
        {"Three failed deliveries. What exactly did I pay for?", 0},
        {"What's the point of a save button if it doesn't save?!", 0},
        /* but whether anyone is coming is asked (the blind writers count 7 of 8 "Is anyone
         * actually ...?"; "Is anyone actually reading these messages?" stays the team's rhetorical) */
        {"We've waited in your waiting room for 40 minutes. Is anyone actually going to see my daughter today?", 1},
        {"Hello? Is anyone actually reading these messages?", 0},
        /* ... and whether anyone is working at all, or whether we know our job, is scorn */
        {"Third missed visit this month. Is anybody actually working there?", 0},
        {"Three visits and still a rat in the kitchen. Do you lot actually know what you're doing?", 0},
        {"The urn had the wrong name on it. How could you get that wrong?", 0},
        /* a plea to be answered after a question asks nothing of its own */
        {"When will my refund arrive? Please tell me quick.", 1},
        {"Kindly share the refund status for order FA-30221. Please do the needful.", 1},
        {"Can you provide this on your letterhead? Please revert fast.", 1},
        {"Will it arrive today or not? I need to know now so I can go to the shop.", 1},
        {"Do you use milk in the same factory? I need to know this before I order again.", 1},
        /* the choices of what was just asked are the same question; a new thing asked stands */
        {"What is best way to store the battery? Full charged or empty?", 1},
        /* a look and what it finds is one request; what to do in the meantime is another */
        {"Could somebody come and look at the doors and windows and tell me what needs doing?", 1},
        {"Please can you check and tell me?", 1},
        {"Could you reprint the order and tell me why it was late?", 2},
        {"Is there any way he can be seen sooner, and in the meantime what should we be avoiding?", 2},
        {"Do you have a character like this? Maybe Hermione or Belle?", 1},
        {"Is possible to make the invoice in two languages on the same page? Or only English?", 1},
        {"Do you sell gift vouchers? I'd like to get one for my husband, he's always complaining about his back!", 1},
        {"I want the \u00a3175 difference between what I was quoted and what I paid refunded.", 1},
        {"I'd like a full refund to my card please, and I'd like it this week.", 1},
        {"I want a full refund, and I want a written apology.", 2},
        {"Do you deliver on Saturdays? Any discount for schools?", 2},
        /* another's telling asks nothing of us; a want to see or speak, a thing wanted redone, does */
        {"At 3:45 no one at the front desk could tell me how much longer it would be.", 0},
        {"The salesman tell me 3,900 when he was in the house. Why is it different?", 1},
        {"Hi Dan, tell me when you can come.", 1},
        {"Real transparent. I want to see proof the drawing was legit.", 1},
        {"Logo on the wrong chest. I want them redone free and quick.", 1},
        /* (a review's counter-examples: asked with a full stop, a name first, an apology after
         * "and also", a wish to see that asks nothing) */
        {"Can the engineer tell me what time he is coming.", 1},
        {"Hopefully someone can tell me what happened to my order.", 1},
        {"Guys tell me what happened to my order.", 1},
        {"Tell me when it's shipping, and I'd like a tracking number too.", 2},
        {"Can you check my order, and also sorry for the long email.", 1},
        {"I want to see my order history but the page is blank.", 0},
        {"I need to speak to someone urgently.", 1},
        /* a sentence that opens with an "also" wish asks one more thing; "also need" and an
         * "also like" inside a sentence are the story */
        {"Could you send me a written report on the faults? I would also like your honest view on whether the lift needs replacing.", 2},
        {"Can you provide an access log for both units? We'd also like a quote for moving everything into one unit.", 2},
        {"Can you deliver the boat on Friday? We would also need it back at the marina by 6pm.", 1},
        {"Is the March course full? I made bowls for my mum, and I'd also like to book your glazing workshop.", 1},
        /* a statement with a question mark stands on its own where its end asks after a dash, or
         * offers the other choice as a learner's yes/no ("... or I must pay?") */
        {"Got the water report. It says NO3 40 ppm - is that bad? Should I be doing something before the next visit?", 2},
        {"The puncture is included in the service or I must pay? Where I can go to repair it?", 2},
        /* chat: "r u", a question after a comma or an emoji with its auxiliary and subject, and a
         * negated line without its subject that only tells */
        {"r u open boxing day", 1},
        {"my stairlift remote is beeping every 30 secs \U0001F629 how do I make it stop", 1},
        {"hey the trousers r way too long, can i swap them for the short leg ones", 1},
        {"what's the wifi password? can't find it anywhere", 1},
        {"how much is social membership? don't play, just want to use the bar lol", 1},
        {"the app logged me out again\ncan't you just fix it", 1},
        /* a need with its day or its "please" asks; a need that only explains does not */
        {"Three of the bottles arrived smashed. I need replacements here by Wednesday, period.", 1},
        {"You sent the wrong bulb. I need the correct one quickly please, because the old one is finished.", 1},
        {"I need it for my expenses claim, because finance are chasing me.", 0},
        /* ... and so does a learner's yes/no after another question; a guess in brackets, a
         * quoted word or "??" after it does not */
        {"My son is allergic to feathers. Is it safe for him to stay on the farm? The pillows are feather or synthetic?", 2},
        {"Is it possible to stay in the treehouse with a baby? We will bring a travel cot. There is space for it?", 2},
        {"Can you take the old units away? It's mostly cabinets and a bit of drywall (plasterboard?).", 1},
        {"Does this mean I'm being evicted? I got a letter from you called a 'Section 8 notice'?", 1},
        /* "Also please ..." after a question asks one more thing; a plea for help names nothing */
        {"Kindly advise at what age a puppy can have his first grooming. He is 11 weeks. Also please share the rates for puppy groom.", 2},
        {"Can you check my order? Also please help.", 1},
        /* a want with a participle of its own, and a request said as one */
        {"Your fitter drove over my tyre and it burst. I want the tyre paid for.", 1},
        {"Hiya, we'd like to add a second cooler for the new mezzanine floor, same model as downstairs.", 1},
        {"I want to buy the Brachypelma hamorii juvenile on your website.", 1},
        {"The holiday was cancelled. We request a full refund of the booking.", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(cases[i].text, NULL, NOW_MON_10);
        if (R->customer.nquestions != cases[i].n) fail_msg("%s: %zu questions, not %zu", cases[i].text, R->customer.nquestions, cases[i].n);
    }
}

/* questions in lists and in chat: each listed part counts, a list's head does not, a chat line
 * asked with a full stop counts, and thinking aloud after a real question does not */
static void test_questions_in_lists(void **s)
{
    static const struct { const char *text; size_t n; } cases[] = {
        {"We need (1) a date for the repair and (2) the credit we are owed for the missed visits.", 2},
        {"I would like (a) a copy of the signed contract, (b) the name of the surveyor, and (c) a refund of the deposit.", 3},
        {"Could you tell me:\n- when the gym opens on Boxing Day,\n- if guests can come,\n- and how much a day pass costs.", 3},
        {"Before we sign, could you please confirm\nWhether you can move our data from the old system?\nWhether there is a charity discount?", 2},
        {"I would be grateful if you could confirm whether the van can park outside; whether you take cards; and the total for two rooms.", 3},
        {"ordered on monday. where is my parcel. i need it.", 1},
        {"the fitter left a hole in the wall, can someone come and fill it", 1},
        {"Can you send the invoice again? I'm not sure what happened to it.", 1},
        {"Is the course still running in January? I would also appreciate a copy of the reading list.", 2},
        {"Do you open on Sundays, and if so what time?", 2}, /* the blind writers count the condition as a second question */
        /* numbered with a full stop, and a head that asks for things rather than answers */
        {"Could you please let us know:\n1. Whether the hall has a hearing loop;\n2. Whether we can bring our own food; and\n3. What time we must leave by?", 3},
        {"We would be grateful if you would send us:\n\n1. The final invoice;\n2. A copy of the warranty.\n\nRegards,", 2},
        /* a short follow-up with its own content asks again; one asking only for help does not */
        {"My boiler is leaking. What should I do? Am I covered?", 2},
        {"I'm not sure how to reset the router. Could you explain?", 1},
        /* a question after a comma in a statement, a wh-list after "let me know", a semicolon list */
        {"Which size do I need? I have a king bed, does that change it?", 2},
        {"Could you let me know what the deposit is, which days you deliver, and whether you take cards?", 3},
        {"Two things: do you sell gift cards; and roughly how long do they last?", 2},
        {"Who's responsible, and should I call the insurer?", 2},
        {"i booked the wrong date 🙈 can u move it to friday", 1},
        /* a demand is the request where nothing else is asked, and the context of a question */
        {"Please close my account. Thanks.", 1},
        {"You billed me for a month I had already cancelled. I want that payment reversed.", 1},
        {"I'd like a refund. How long does it take to arrive?", 1},
        {"Please find attached my receipt.", 0},
        /* asked with a full stop, second requests in their own words, and what asks nothing */
        {"Could someone please call me back or email the form.", 1},
        {"What's the fee? And roughly how long would it take - I'm in a hurry.", 2},
        {"How much it cost, and you can deliver on Monday?", 2},
        {"I want to know who approved it, and I want the charge removed.", 2},
        {"Cancel my order and confirm the refund in writing.", 2},
        {"I want a refund, and don't tell me it's in the terms.", 1},
        {"Had my first lesson today 😂 thanks team", 0},
        {"Thanks to the driver (Sam?) who carried it upstairs. Do you sell the matching chair?", 1},
        {"whats the fee for a late return?? and is there a grace period", 2},
        {"Could you explain why the visit was missed, and confirm whether I can have a refund?", 2},
        {"Is it waterproof? And how quickly can you ship it - I leave on Friday.", 2},
        {"Please quote for 200 mugs with our logo.", 1},
        /* a request and a second thing to do, a want and a second thing wanted */
        {"Could you cancel the second booking and send me the form for the first?", 2},
        {"Can you please move my lesson to Tuesday, and make sure the same teacher takes it?", 2},
        {"Can you look into it and let me know?", 1},
        {"I want a written apology and my deposit back.", 2},
        {"I'd like the late fee refunded and a receipt for what I paid.", 2},
        {"Please send me the blue one and the green one.", 1},
        /* demands in other shapes: one word, a plea later in the sentence, someone needing to act */
        {"I told you the card was stolen. Refund. Now.", 1},
        {"Our cat died last week, so please cancel his grooming slots.", 1},
        {"The lift at block C is stuck again. Someone needs to fix it before a resident gets trapped.", 1},
        {"The strap snapped in a week. I want a replacement, not excuses.", 1},
        {"I need an invoice with VAT for order 5521. Please send it to this address.", 1},
        /* after a plea any verb asks, but for what only tells */
        {"I found your card for his visit next week. Please could you cancel it.", 1},
        {"The driver was so kind to my gran. Please pass on our thanks!", 1},
        {"Kindly share the signed agreement for my records.", 1},
        {"Please note that our office is closed on Monday.", 0},
        {"Please accept my apologies for the late payment.", 0},
        /* orders in a row, a want after a want, an expectation after a question */
        {"Please cancel my plan today, confirm it in writing, and refund the last charge.", 3},
        {"Can you send me the menu and let me know if we can bring our own cake?", 2},
        {"Please confirm you will refund the deposit and by when.", 2},
        {"Could you tell me if you have a room free that evening, what is the price per person, and whether we can bring a cake?", 3},
        {"Please tell me this is a mistake. Is the wedding still going ahead on the 12th?", 1},
        /* pleas and wants in the shapes of batches 44-49 */
        {"The meter was read wrong. Please fix.", 1},
        {"My login still fails. Kindly assist.", 1},
        {"You fitted the gutter crooked. Get it fixed before the rain.", 1},
        {"I paid $90 for that kettle and I want it replaced or refunded.", 1},
        {"Hiya, we'd like to add a second desk to the booking please.", 1},
        {"I'm not interested in a form letter. I want someone to actually deal with her.", 1},
        {"The mattress has mould on it. I need it swapped this week.", 1},
        {"Good morning, please I need the October invoice with our VAT number on it.", 1},
        {"Either repair it properly for free or I'm leaving a review everywhere.", 1},
        {"Four weeks and still nothing. WHERE IS MY MONEY.", 1},
        {"I'd like that fee taken off please.", 1},
        {"Could you please correct the invoice, and let me know how long the refund will take?", 2},
        {"I'd like to cancel my late husband's plan, and I wondered whether you could note his years with you.", 2},
        {"Can you deliver to our stand, and until when must we send the artwork?", 2},
        {"It came in a plain box with no label. Is the part genuine? Please advise urgently.", 1},
        {"Please tell me what you will do about the heating, which is still not working, and when the engineer comes.", 2},
        {"I want to change my teacher and I'd like a refund for the missed lesson.", 2},
        {"I want to know who did it, and I expect you to pay for the repair.", 2},
        /* thanks given ahead for a thing to be done; asking for help names nothing */
        {"I would be grateful if you could send me the service history for my van.", 1},
        {"I'd appreciate it if somebody could move the bins back to the gate.", 1},
        {"I should be grateful if you would look into the following matter. Why was my claim refused?", 1},
        {"I wonder if you can help me. Do you sell spare lids for the blue jug?", 1},
        {"I wonder if you can help me.", 1},
        /* wants and orders in other shapes */
        {"And I'd like written confirmation that the fee is waived.", 1},
        {"I'd also like a call from the manager today.", 1},
        {"The gate is hanging off its hinge. I want this sorted properly.", 1},
        {"Your skip has blocked my drive for nine days. Get it off my drive.", 1},
        {"The boiler is dead and my son is ill. Please can somebody come today.", 1},
        {"I want the invoice corrected, I want my deposit back this week.", 2},
        {"I should like to know whether the price includes fitting, and I'd like a brochure.", 2},
        /* a learner's yes/no in a statement's order, asked once; a disbelieving "??" asks nothing */
        {"What does this mean? I can still use the voucher?", 2},
        {"Where is my parcel? You have a collection point in Leeds?", 2},
        {"What is the price? The garage must be empty or not?", 2},
        {"What is the total? I thought delivery was free??", 1},
        {"The pressure needle is on 0.5 now. It is normal after a service? Must I call the engineer again?", 2},
        {"I don't understand, I have credit but no internet? What is the difference between credit and a bundle?", 2},
        {"I dont understand \u2013 the hub is broken? What must I do?", 2},
        /* after a question, an order for something to be done asks again; a plea to be answered
         * and the customer's own plans do not */
        {"Why is there a watermark on every photo? Please send them again without the logo.", 2},
        {"Why was I charged twice? I want the second payment refunded.", 2},
        {"Is my order confirmed? Please answer fast.", 1},
        {"Is my car safe after the fire? Please call me as soon as you can, 07700 900733.", 2},
        {"Can you deliver to LN5? Please ring me on 07700 900412 if easier.", 1},
        {"When do you open on Saturday? I'd like to collect the frame then.", 1},
        {"Is the part in stock? I need it back on the tractor for the harvest.", 1},
        {"The dog is wet through. Is the water safe for him? My landlord does not know either. Please explain me.", 1},
        /* wants with what is to be done or by when; chat pleas; a check in passing */
        {"Your optician missed it. I want a formal complaint logged.", 1},
        {"I've been charged for a parcel that never came. I just want my £64 back.", 1},
        {"The installer drilled through a pipe. We need a plumber out today.", 1},
        {"I'd like to know why it was cancelled.", 1},
        {"lift's broken down again at Fenwick House. pls send someone", 1},
        {"The gate code still doesn't work. Someone please fix it.", 1},
        {"That is my house in your photo. I never agreed to this. Take it down.", 1},
        {"tickets still not in my app. order 88213. HELP", 1},
        {"yo can I bring my dog to my appointment lol", 1},
        {"Just want to make sure we're still all booked in for Saturday!", 1},
        {"When's my first payment due? Just want to make sure I've got enough in my account.", 1},
        {"My husband died last week. I wondered if there is anything that can be done about the tickets.", 1},
        /* interest and wondering as questions; second requests after a comma */
        {"We enjoy your events. I'd be interested to hear whether numbers will be capped in future.", 1},
        {"We're clearing the house and wondered whether you remove stairlifts, and whether you buy them back.", 2},
        {"I'd appreciate it if someone could collect the rubbish, and perhaps have a word with the driver.", 2},
        {"I would like to know how this mistake happened, and please I ask for a correction.", 2},
        {"I ask for the refund of the difference, and also for the taxi costs.", 2},
        {"Nobody has replied to my emails. Either get it in by Saturday or refund my deposit.", 1},
        /* outrage asked, not a question */
        {"You sent my mother's ring to the wrong address. Do you have any idea what you've done?", 0},
        {"Forty minutes late and cold food. How is this acceptable??", 0},
        /* a want said by "we"; a plea to be told asks nothing new; what we tell another party is
         * the same request; disbelief with "??" asks nothing however it opens */
        {"We want to know what went wrong, and we want a full refund.", 2},
        {"Is your party food made in a nut-free kitchen? I need to know before I book.", 1},
        {"Do you throw away letters that look like adverts? Please I need to know.", 1},
        {"Can you call the impound lot and tell them I'm permitted?", 1},
        {"Renewal reminder says £150 but I paid £95 last year?? Why the jump", 1},
        {"hiya do you do salsa for total beginners?? i have 2 left feet", 1},
        {"The coach shouted at my son. Is this really how you allow adults to speak to children? I want to know what you will do about it.", 1},
        /* a plea to be answered; what the customer tells us; two things to confirm or do */
        {"Could you cancel the cake before it's made? I'd appreciate a quick answer.", 1},
        {"Your driver was rude to my mother. I need you to know how that went.", 0},
        {"I would be grateful if you would confirm that my account is paid and that nothing will go to an agency.", 2},
        {"Cancel it and give me my money back.", 2},
        /* a want's list of things to be done; a second thing wanted in capitals; a choice is one */
        {"I want the direct debit cancelled immediately, any money taken refunded.", 2},
        {"I want a full refund AND a new cover that is actually original.", 2},
        {"I'd like either the three sessions added on as promised, or a refund for them.", 1},
        /* examples of what was just asked are not a new question; "And the plastering?" is */
        {"I must ask, what do I need to bring? Gloves, boots?", 1},
        {"Does your quote include the electric work? And the plastering?", 2},
        /* lists and question words */
        {"Please let me know what I owe for the cancelled lesson and when.", 2},
        {"Could you tell me how many seats are left, what they cost, and whether we can sit together?", 3},
        {"Please tell me what to do with the wrong pills and how I get the right ones before Friday, when I run out.", 2},
        {"What do I need to bring, how long does it take, and can my daughter come?", 3},
        {"hi do you fix garden gates? roughly how much per gate", 2},
        {"I'd be grateful if you could arrange a new fitting date, and let me know who will pay for the ruined carpet.", 2},
        {"Kindly advise whether the form is needed or not, and how to send it back.", 2},
        {"Please cancel the old cover and also share the new certificate with our broker.", 2},
        {"I would like a written explanation, a full refund of the deposit, and a meeting with the manager.", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(cases[i].text, NULL, NOW_MON_10);
        if (R->customer.nquestions != cases[i].n)
            fail_msg("%zu questions, not %zu: %s", R->customer.nquestions, cases[i].n, cases[i].text);
    }
}

/* thanks in the writer's own language, and praise, are thanks */
static void test_thanks_in_other_words(void **s)
{
    static const char *const thanked[] = {
        "Is the shop open on Sunday? Danke, Jonas",
        "Do children pay for the lounge? Vielen Dank, Sabine",
        "Is customs included in the price? Kiitos, Mikko Laine",
        "Do you deliver to Porto? Obrigado!",
        "Collected the van this morning, runs perfectly. You guys rock!",
        "The new menu is brilliant. Keep it up!",
        /* "again" here is a second thank-you, not a second contact */
        "Thanks again for Saturday, the new bar position is a game changer! Quick one - what tyre pressure did Sam recommend?",
        "Two things for spring: can we get the bottom painted before launch?\n\nThanks again,\nBob Kowalski",
        "The wifi in the garden rooms didn't work all week.\n\nThank you again, truly. I'll be back.",
        /* praise is thanks (the blind writers' brief: "thanks the team or praises it") */
        "Just wanted to say the harvest tour yesterday was brilliant. We'll be back in spring!",
        "Your engineer Kwame was brilliant today, fitted the new router and even labelled all the cables.",
        "Any advice would be hugely appreciated.",
        "Kids are getting cold, so any help appreciated!",
        "I would be thankful for your answer.",
        "Loved the disco skate last night!! Do you do student discounts?",
        "PASSED!!! first time with only 2 minors. Tell Dave he's a legend",
        "Love that I don't have to remember to reorder anymore, you guys are lifesavers.",
        /* praise in the customer's own words: a day made, a return promised, a raise proposed */
        "Got my pens today and you'd tucked in a handwritten note! Made my day honestly. Will definitely be ordering again x",
        "The smoked paprika is unreal. Ordered Sunday, arrived Tuesday. Will definitely be back!",
        "omg the truffle brie in this month's box. whoever picks these, give them a raise",
        "Could you tell me how to change the bag size?\n\nMuch obliged,\nDorothy",
    };
    EACH_CUSTOMER(thanked, R->customer.thanks);
    static const char *const not_thanked[] = {"Thanks again for nothing.", "Thanks for nothing, again.",
                                              "I would have appreciated some warning before the price went up.",
                                              "Nobody came. Thank God that's all it was. But I was terrified.",
                                              "He's fine now, thankfully, but I'm shaking. How has this happened?",
                                              "My mother has loved the book ever since it first came out, and you sent a paperback.",
                                              "Even a same-day reprint would be a lifesaver. Can you do that?",
                                              "When will Dean be back to finish the work?"};
    EACH_CUSTOMER(not_thanked, !R->customer.thanks && !R->customer.repeat_contact);
}

/* a customer read as calm is mildly toned at most, whatever the polite words add up to */
static void test_calm_request_is_mild(void **s)
{
    run("Hello, I need a quote for forty oak chairs for our school. Is delivery to Yorkshire possible? We would like the best quality.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.emotion, COACH_EMO_NEUTRAL);
    assert_true(R->customer.sentiment <= 0.3 && R->customer.sentiment > 0.05);
}

/* ... and a puzzled one is not read as strongly negative for the words of what puzzles them */
static void test_puzzled_request_is_mild(void **s)
{
    run("I don't understand the new bill. What is the standing charge and why has it gone up?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.emotion, COACH_EMO_CONFUSED);
    assert_false(R->customer.complaint);
    assert_true(R->customer.sentiment >= -0.3 && R->customer.sentiment < 0);
}

/* what was said at the visit, or what the company told the customer, is not a contact about it
 * since; a sign of the exchange makes it one */
static void test_told_at_the_visit_is_not_repeat_contact(void **s)
{
    const char *not_repeat[] = {"Hi, the app you told us to download for Isla's exercises keeps asking for a clinic code. Where is it?",
                                "I explained that my main symptoms were tiredness and headaches, and the doctor barely looked up.",
                                "Last time I bought from you the box was perfect, but this one arrived crushed."};
    EACH_CUSTOMER(not_repeat, !R->customer.repeat_contact);
    run("I explained all this on the phone last Tuesday and nobody has called back.", NULL, NOW_MON_10);
    assert_true(R->customer.repeat_contact);
}

/* a calm enquiry stays mild with a "but" in it, and a puzzled complaint is negative even when
 * thanks come first (the blind writers: neutral, and negative) */
static void test_calm_with_but_and_puzzled_complaint(void **s)
{
    run("Hello, we love your cottages and would be delighted to come back next summer, but could you tell me if dogs are allowed? Many thanks, Ruth", NULL, NOW_MON_10);
    assert_int_equal(R->customer.emotion, COACH_EMO_NEUTRAL);
    assert_true(R->customer.sentiment <= 0.3 && R->customer.sentiment > 0.05);
    run("Thanks for the lovely quick delivery, but I do not understand why the invoice says £40 more than the quote. Could you explain?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.emotion, COACH_EMO_CONFUSED);
    assert_true(R->customer.complaint);
    assert_true(R->customer.sentiment < -0.05);
}

/* a customer read as upset keeps a negative tone when praise follows a "but" */
static void test_upset_then_praise_is_negative(void **s)
{
    run("The order came two weeks late and nobody answered my emails, but the jumper itself is beautiful.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.emotion, COACH_EMO_FRUSTRATED);
    assert_true(R->customer.sentiment < -0.05);
}

/* a complaint is not calm: read as fed up, with the complaint's words as the reason */
static void test_complaint_is_not_calm(void **s)
{
    R->lexicon_only = true; /* the rule, apart from what the learned model reads (which retraining moves) */
    run("Please note that the invoice is wrong, it has the wrong address on it.", NULL, NOW_MON_10);
    R->lexicon_only = false;
    assert_true(R->customer.complaint);
    assert_int_equal(R->customer.emotion, COACH_EMO_FRUSTRATED);
    assert_true(R->customer.because[COACH_WHY_EMOTION].n > 0);
}

/* the learned reading of the reply (coach_reply_model.c): blame said in other words is flagged with
 * the word that weighs for it; a kind reply that acts keeps its strengths and gets no flag; a reply
 * read without the customer's message is the rules' alone */
static void test_learned_reply_reading(void **s)
{
    const char *leak = "The heater you installed last week leaks water onto the floor.";
    const char *cold = "The installation was completed according to the specification you approved and signed. "
                       "Any issues with the pipework in your home are outside our scope.";
    R->reply_rules_only = false;
    run(leak, cold, NOW_MON_10);
    const coach_flag *f = flag_of(COACH_FLAG_BLAME);
    assert_non_null(f);
    assert_non_null(strstr(f->why, "learned reply reading"));
    assert_false(strong(COACH_STRENGTH_OWNERSHIP));
    run(leak, "I'm so sorry, that's the last thing you need in winter. I've booked an engineer for 9am tomorrow and there's no charge.", NOW_MON_10);
    for (int c = 0; c < COACH_FLAG_COUNT; c++)
        if (flagged((coach_flag_code)c)) fail_msg("flagged %s", coach_flag_name((coach_flag_code)c));
    assert_true(strong(COACH_STRENGTH_EMPATHY) && strong(COACH_STRENGTH_OWNERSHIP));
    run(NULL, cold, NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    /* a listed phrase the rules flag stands, whatever the customer's mood ("calm down" to a happy one) */
    run("Thanks so much for the quick help!", "We can't refund the fee, calm down. The courier has it.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    /* (the demo ticket's customer: a model of f41ac76 took it back there; a take-back now needs a
     * word beside the flag's own that weighs against it) */
    run("Thanks for the credit, that's decent of you. The line test can wait until tomorrow morning if that's easier.",
        "Hallo Jürgen 👋🏽, danke für Ihre Geduld — ich habe alles geprüft. We can't refund the fee, calm down. "
        "The courier has it — see you soon, Zoë.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    /* a flag the model adds quotes its own words, not another flag it has just added (which covers
     * the whole sentence): "try" brushes off, not "You could try changing the delivery ..." */
    run("hi my card was charged twice can you fix it", "Thanks for writing in. You could try changing the delivery for this order.",
        NOW_MON_10);
    f = flag_of(COACH_FLAG_DISMISSIVE);
    assert_non_null(f);
    assert_non_null(strstr(f->why, "learned reply reading"));
    if (strncmp(f->why, "\"try\" ", 6)) fail_msg("the reason quotes more than its word: %s", f->why);
    R->reply_rules_only = true;
    run(leak, cold, NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    /* a brush-off word said as one, not as a determiner or in reassurance */
    static const char *const brush_off[] = {"Whatever, the engineer will come when he comes.", "Relax, it's a small amount.",
                                            "Please don't panic.",
                                            /* a feeling regretted as the customer's, not our doing */
                                            "I'm sorry you felt the engineer was rude. He is very experienced."};
    EACH_REPLY("My boiler is broken.", brush_off, flagged(COACH_FLAG_DISMISSIVE));
    static const char *const not_brush_off[] = {"Good luck with whatever comes next, and thank you for being with us.",
                                                "Hi Emma, please don't panic - you haven't ruined anything, I've fixed the booking.",
                                                "Hang it for a day so the fold lines relax before the photos."};
    EACH_REPLY("Thanks! Any tips before I photograph the dress?", not_brush_off, !flagged(COACH_FLAG_DISMISSIVE));
    /* a flat no and nothing offered, to a friendly customer too; good news said with a no is not */
    static const char *const flat_no[] = {"No, check-in is 3pm.", "We don't do that.", "Hi Katie, we don't accept unsolicited submissions. Thanks."};
    EACH_REPLY("Hi! Could we check in early on Saturday? Loving the photos of the cabins!", flat_no, flagged(COACH_FLAG_DISMISSIVE));
    static const char *const good_no[] = {"No worries, see you soon!", "Not too late! Added: 6 free-range eggs.",
                                          "Yes - card and contactless, no minimum spend.",
                                          "No, but you can leave your bags with us from 11am."};
    EACH_REPLY("Hi! Could we check in early on Saturday? Loving the photos of the cabins!", good_no, !flagged(COACH_FLAG_DISMISSIVE));
}

/* a deadline days away is urgent but not worrying: the customer is calm unless the words say
 * otherwise; a deadline tomorrow still reads as worry; an event's date weeks ahead, asked about,
 * is no worry (whether it is urgent the blind writers split on, and retrains flip it) */
static void test_far_deadline_is_not_worry(void **s)
{
    static const char *const far[] = {
        "Could you email me a copy of my lease? My accountant needs it, the deadline is Friday.",
    };
    /* (whether a deadline days away is urgent is the learned model's to weigh: the blind writers
     * call 160 such messages urgent and 112 not) */
    EACH_CUSTOMER(far, R->customer.emotion == COACH_EMO_NEUTRAL);
    static const char *const event[] = {
        "Hi, we are hosting our office party on 12 December. Do you still have the large gazebo to rent?",
    };
    EACH_CUSTOMER(event, R->customer.emotion == COACH_EMO_NEUTRAL);
    /* a near deadline is urgent; it is worry only where the customer says so (the blind writers
     * read a plain request against the clock as neutral, 55 batches) */
    static const char *const near[] = {
        "Could you email me a copy of my lease? My accountant needs it, the deadline is tomorrow.",
    };
    EACH_CUSTOMER(near, R->customer.urgent && R->customer.emotion == COACH_EMO_NEUTRAL);
    static const char *const near_and_afraid[] = {
        "Could you email me a copy of my lease? My accountant needs it, the deadline is tomorrow and I am scared we will be fined.",
    };
    EACH_CUSTOMER(near_and_afraid, R->customer.urgent && R->customer.emotion == COACH_EMO_ANXIOUS);
}

/* issue 12: repeat contact is having contacted us before, not trouble that recurs */
static void test_repeat_contact_is_contact_not_recurrence(void **s)
{
    static const char *const before[] = {
        "This is the third time I'm getting in touch about my landline.",
        "Further to our call on Tuesday, the boiler is still making the noise.",
        "Nobody called me back about the missing sofa leg.",
        "I write already four times to you and nobody answer me.",
        "I've sent the death certificate twice already and the letters keep coming.",
        "I was told last week it would be fixed.",
        "I've rung your office every single day.",
        "I asked about my housing benefit three weeks ago and nobody answered.",
        "I rang on Wednesday to check and it is still not ready.",
        "Sorry to email again but I still don't understand the fee.",
        "I've left three voicemails for the manager and nobody has rung back.",
        "this is the 4th time im asking where my deposit is",
        "That's three weeks in a row I've reported it online.",
        "The new invoice has the same mistake - I emailed about October's invoice as well.",
        "We've already opened two tickets about it.",
        "Just following up on my email of the 12th asking for a quote.",
        "I have already written to you on 13 November but I had no answer.",
        "I telephoned on Monday and nobody has come back to me.",
        "WHERE IS MY ORDER. 3 weeks. 3 emails. Not one reply.",
        "I cancelled on 9 November and the man on the phone said my refund would be with me within a week.",
        "I requested a quote for a 20ft container on Monday, followed up Wednesday, still nothing.",
        "I submitted a maintenance ticket Saturday and nobody came.",
        "third time on this chat about no signal at my flat.",
        "Yesterday I waited on hold for 47 minutes before being cut off.",
        "I was told on chat last Thursday that the transfer fee would be reversed.",
        "When I came to collect it, I was told someone would ring me. Nobody has.",
    };
    static const char *const not_before[] = {
        "I was charged twice for the same order.",
        "Flight delayed again. Third time this year with you.",
        "Your app logged me out again and now it wants a code sent to my old phone number, which I don't have.",
        "I called the bank twice and they say the money left.",
        "I've messaged the seller twice with no reply.",
        "You took the fee on the 2nd and again on the 3rd.",
        "The recital moved to Sunday. We already have plans on Sunday.",
        "Two colleagues have already asked where I got them.",
        "Every other caterer I've rung this morning is booked.",
        "In my account I wrote it down wrong, the surname first.",
        "The examiner stopped me several times before I finished my answers.",
        /* a follow-up visit, a reopening and things already done are not contacts */
        "I had a follow-up appointment at the fracture clinic on Tuesday.",
        "Hi, when will the cafe reopen after the works?",
        "I've already deleted and reinstalled the app, cleared everything.",
        "hello?? is anyone actually there, been sat on this chat for 20 mins",
        /* being told what the sale promised is no contact since */
        "I paid for custom orthotics and I was told they'd take 3 weeks. It's been three weeks and two days.",
        "We were told the job would take 8 days. It's now day 15.",
    };
    CUE_READS(before, repeat_contact, true, "repeat contact");
    CUE_READS(not_before, repeat_contact, false, "repeat contact");
}

/* a complaint with no thanks is not happy, whatever words of hope it tells its story with; a
 * spreadsheet's name is not praise */
static void test_complaint_is_not_happy(void **s)
{
    run("I was so excited to unpack my new blender and the lid was cracked in two.", NULL, NOW_MON_10);
    assert_true(R->customer.complaint);
    assert_int_not_equal(R->customer.emotion, COACH_EMO_HAPPY);
    assert_true(R->customer.sentiment < 0);
    run("can i export my invoices to excel", NULL, NOW_MON_10);
    assert_int_not_equal(R->customer.emotion, COACH_EMO_HAPPY);
}

/* thanks the message takes back is a complaint, not thanks; thanks that quotes a name, or asks
 * what a quoted word means further on, is thanks */
static void test_thanks_taken_back(void **s)
{
    static const char *const ironic[] = {
        "Thanks for the \"waterproof\" rucksack. My laptop enjoyed its bath.",
        "Great job, team. Your 'rust-proof' railings went orange in a week.",
        "Thanks so much for the free gift of a pile of rubble by my gate.",
        "Thanks for making my cat smell like a perfume counter. My wife's asthma is loving it.",
        "To whoever reads these,\nBrilliant work. The 'express' service took nine days.",
        "Thank you SO much for Tuesday's visit. The drawers lean to the left. In all seriousness, I paid for this to be built properly.",
    };
    static const char *const meant[] = {
        "Thanks for the lovely flowers, my mum loved them.",
        "Hey, thanks for the quote! I'm a little lost though. What's the difference between the 'weekly' and the 'monthly' plan?",
        "We're loving it, thank you so much for the new garden!",
    };
    EACH_CUSTOMER(ironic, R->customer.complaint && !R->customer.thanks && R->customer.emotion != COACH_EMO_HAPPY && R->customer.sentiment < 0);
    EACH_CUSTOMER(meant, R->customer.thanks && !R->customer.complaint);
}

/* a formal request's "I would be grateful if" asks; it does not thank */
static void test_grateful_if_is_not_thanks(void **s)
{
    static const char *const thanks[] = {"Thanking you, Ravi", "Thank you so much for sorting it out!"};
    static const char *const not_thanks[] = {"I would be grateful if you could explain how this happened.",
                                             "I should be grateful for a reply by post."};
    CUE_READS(thanks, thanks, true, "thanks");
    CUE_READS(not_thanks, thanks, false, "thanks");
}

/* issue 12: what a reply does, recognised by its parts */
static void test_reply_acts_by_structure(void **s)
{
    /* empathy in the agent's own words, not a stock phrase */
    run("My dress came in the wrong size.", "Getting the wrong dress the week of your wedding is the last thing you need. I've sent a size 10 today.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_EMPATHY));
    run("My wife died last month.", "I'm very sorry about your wife, Mr Hughes. I've closed the account.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_EMPATHY));
    run("Where is my refund?", "We are sorry for the inconvenience. Refunds take 5 days.", NOW_MON_10);
    assert_false(strong(COACH_STRENGTH_EMPATHY));
    run("The album colours are wrong.", "I'm so sorry. Our print team found a fault and I've reprinted it.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_EMPATHY));
    /* passing the buck: another party, the customer told to go there, no step of our own */
    run("My deposit has not come back.", "Your deposit is held by the DPS, so please take this up with them directly.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DEFLECTION));
    run("My deposit has not come back.", "I've asked the DPS to release it today; if it hasn't arrived by Friday, please contact me.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DEFLECTION));
    /* the fault on someone else, and an apology it takes back */
    run("The bag was missing an item.", "That's the restaurant's fault, not ours.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    run("My parcel is broken.", "Sorry, but it's not our fault, the courier is responsible.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    assert_false(strong(COACH_STRENGTH_APOLOGY));
    run("I'm sorry to chase.", "I'm sorry - you should have been told about the backorder. I've refunded you.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    /* what the customer should have had from us is our fault owned; what they should have done is blame */
    run("Where is my refund?", "You're right, you should have had this refund weeks ago. It went out today.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    run("Where is my refund?", "You should have read the terms before booking.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    /* the customer cleared of the fault is not blamed, and the apology stands */
    run("I was charged £96 for a late flight!", "That's a ridiculous charge for a delay that wasn't your fault - I'm sorry.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    run("I was charged £96 for a late flight!", "That's your fault for booking a late flight.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    /* open sarcasm */
    run("Where is my order? It is late.", "Great, another person who can't wait five minutes.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    run("Thanks, that worked!", "Great, I'm glad it's working now.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DISMISSIVE));
}

/* blame by its parts: an apology turned by "but" or "However", advice for next time, the
 * customer's role at fault; and sympathy in the same words is not blame */
static void test_blame_by_parts(void **s)
{
    run("My card was declined at the till.", "I'm sorry for the trouble, but the card had expired last month.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    assert_false(strong(COACH_STRENGTH_APOLOGY));
    run("My card was declined at the till.", "We're sorry you were unhappy. However, the terms are clear on this.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    assert_false(strong(COACH_STRENGTH_APOLOGY));
    run("My card was declined at the till.", "I'm so sorry, but I've already sent you a new card by first class post.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    run(NULL, "Please double-check the postcode in future.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    run(NULL, "Next time you log in, choose Restore.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    run(NULL, "The leak started because the tenant should have reported the drip.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    run(NULL, "The outage was caused by the regional carrier, so it's really on them.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    /* an apology taken back by blame in another sentence; kept when felt or owning the fault */
    run("My son ran up a huge bill on premium texts.", "Sorry to hear that. You should have put a bar on the line.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    assert_false(strong(COACH_STRENGTH_APOLOGY));
    run("My parcel came smashed.", "I'm so sorry, what a horrible thing to open. The courier dropped it, not us, but I've sent a new one today.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    /* buck-passing takes back only the hollow apology */
    run("The assessor was rude to me.", "Sorry to hear that. Complaints about assessors must be raised with the agency directly.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DEFLECTION));
    assert_false(strong(COACH_STRENGTH_APOLOGY));
    run("Where is my deposit?", "I'm sorry for the delay. Your deposit is held by the scheme, so you'll need to raise it with them.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    /* a step taken in plain words is ownership; "I'm sorry" alone is not */
    run("The cover came in the wrong colour.", "I'm sorry about that. I have placed a replacement order for the grey cover.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_OWNERSHIP));
    run("The cover came in the wrong colour.", "I'm sorry to hear about this. We have experienced high demand.", NOW_MON_10);
    assert_false(strong(COACH_STRENGTH_OWNERSHIP));
    run("I was billed after cancelling!", "I'm sorry, you shouldn't have been billed after you cancelled. I've refunded it.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    assert_true(strong(COACH_STRENGTH_APOLOGY));
}

/* what can be done, after a no, in the reply's own words; a second no is not one */
static void test_alternative_after_a_no(void **s)
{
    run(NULL, "We can't move the delivery day in December. You can pause single weeks though.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
    run(NULL, "The room won't be ready at ten, but you're welcome to leave your cases with the porter.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
    run(NULL, "We can't change the name on the ticket. Nothing more can be done.", NOW_MON_10);
    assert_false(strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
    run(NULL, "Please make sure the gate is not locked. No refund can be given.", NOW_MON_10);
    assert_false(strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
    /* a step of ours after the no, a way out after "but if", two ways offered, a good option named */
    static const char *const offered[] = {
        "Although we can't swap the seats, I've added free lounge passes to your booking.",
        "If the part doesn't arrive by Friday, we'll lend you a replacement unit.",
        "The sale price is not available now, but if you join the waiting list we hold it for you.",
        "Our engineer will either repair the pump on the spot or leave a loan pump with you.",
        "Bank transfer is a good option for overseas cards.",
        "The shop is closed on Mondays, but our Leeds branch opens at 9.",
        "Recordings aren't sold, but the replay stays in your account until January.",
        "That lens won't fit your camera. If you need a zoom, the 24-70 fits and costs the same.",
    };
    EACH_REPLY(NULL, offered, strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
    run(NULL, "The parcel was not signed for, so I've reopened the claim and the courier will call you.", NOW_MON_10);
    assert_false(strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
}

/* answers in other words: the question's own words turned round, a reason that is told,
 * instructions for a "how do I" */
static void test_answers_in_other_words(void **s)
{
    run("Do you repair tablet screens?", "We do, it's £60 and takes two days.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    run("Is the cover compulsory?", "It isn't, you can remove it at checkout.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    run("Can you send an engineer this week?", "We'll send someone as soon as we can.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
    run("Can I swap the date when I arrive?", "Yes, the desk can swap it for you.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    run("Why is there a service charge on my bill?", "The service charge covers towels and cleaning.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    run("Why is there a service charge on my bill?", "Thanks for getting in touch about your bill.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
    run("How I can change my address?", "This is because of a system update.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
    run("How I can change my address?", "Go to Settings and choose Address.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    run("What I need to do now?", "Please speak to the school office about this.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
    run("How I change the year end?", "Go to Settings > Organisation and set the start to 1 April.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    /* several questions: one "yes" answers the question it is about, not every one */
    run("Is the ferry running on Boxing Day? And do you take dogs?", "Yes, the ferry runs every hour on Boxing Day.", NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    assert_true(R->reply.answered[0]);
    assert_false(R->reply.answered[1]);
    run("Do you fit tyres? Can you do it on Saturday?", "Yes, we do.", NOW_MON_10);
    assert_true(R->reply.answered[0]);
    assert_false(R->reply.answered[1]);
    /* answers with no word of the question: its words turned round, a number for a measure, a
     * price for a fee, a time for "before the weekend", where a charge comes from, a step taken
     * for "can I get one", permission given */
    static const char *const pairs[][2] = {
        {"Are those two letters the same thing?", "They're separate: one is the quote and one is the invoice."},
        {"Did I miss the deadline?", "You haven't, there are still two days left."},
        {"What's the minimum age to hire a kayak?", "16, or 12 with an adult in the boat."},
        {"Is there a fee to pause my plan?", "Pausing is free for up to two months."},
        {"Can the parcel be collected before the weekend?", "Our courier will pick it up on Thursday afternoon."},
        {"Why is there £12 extra on my bill?", "That's where your late return of the van comes from: one extra day."},
        {"Can I get a new charger?", "I've posted a new charger to you today."},
        {"Can I bring my dog to the cabin?", "Dogs are allowed in cabins 3 and 4."},
        {"Is there anywhere to charge an electric car?", "There are four chargers by the east gate."},
        {"How can I change the delivery day?", "I've changed it to Thursday for you."},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        run(pairs[i][0], pairs[i][1], NOW_MON_10);
        assert_int_equal(R->customer.nquestions, 1);
        assert_true(R->reply.answered[0]);
    }
    run("Is there a fee to pause my plan?", "Our plans are flexible and easy to manage.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
    /* a request is not met by a promise that only defers */
    run("Could you send me a copy of my contract?", "We will review your request and someone will be in touch in due course.", NOW_MON_10);
    assert_false(R->reply.answered[0]);
}

/* issue 12: urgency is a need with a near deadline, not the word "today"; a date mentioned in
 * the past tense promises nothing */
static void test_time_pressure_and_dates_mentioned(void **s)
{
    run("Thank you so much, it arrived today!", NULL, NOW_MON_10);
    assert_false(R->customer.urgent);
    run("We need the full export for our month-end close on Friday.", NULL, NOW_MON_10);
    assert_true(R->customer.urgent);
    run("hi i'm at the gate and the app has lost my boarding pass, can u resend it?? boarding in 15 min", NULL, NOW_MON_10);
    assert_true(R->customer.urgent);
    run("Can you deliver the sofa on Friday?", NULL, NOW_MON_10);
    assert_false(R->customer.urgent);
    /* a loss happening now: an outage, a hazard, a customer stranded, a failure since this morning */
    static const char *const now[] = {
        "Our booking system has been down since 9 and the queue is out of the door.",
        "The card machine stopped working and we can't take payments.",
        "There's a strong smell of gas in the hall after your fitter left.",
        "My cat swallowed a hair tie an hour ago, what should I do?",
        "I'm standing at the hire desk and they have no car for me.",
        "No hot water since 7am, two toddlers in the house.",
        "A pipe has burst under the sink and the floor is soaked.",
        "The door code was rejected at the gate since 7am and my van is loaded.",
        "I've been standing here twenty minutes and the locker won't open.",
        "Half the chairs are missing and our opening is on Saturday.",
        "Fix the login for us TODAY or we cancel.",
        "The cleaner was booked for 9 and it's 11:40 now, is anyone coming?",
        "Second hour waiting at the depot gate for my collection.",
        "My yoga class started 15 mins ago and the stream still shows a spinner.",
        "Since the migration our shop emails bounce and we are losing orders.",
        "Every day without the till costs us about £300 in takings.",
        "Rain is pouring through the new skylight you fitted.",
        "The courier has my tiles and the site closes at 4. Where is he?",
        "The discount ends at midnight and my card won't go through.",
        "my rabbit has been sick since this morning, are you open today?",
        "Our policy lapsed by mistake and Bella's surgery is on Thursday.",
        "The signal has dropped 5 times in the last 10 minutes.",
        "The railing on your stairwell is loose, someone will get hurt.",
        "Printer not working again and I have an interview in 30 mins",
        "The boiler still isn't fixed and it's 11 degrees in the lounge.",
        "My dog ate the plant you sold us and we're on the way to the vet now.",
        "If the nursery place falls through I could lose my job.",
        "I lost my folder of music on the bus. The concert is Saturday and I have nothing to play from.",
        "The shirts haven't come and our recital is on 6 December.",
        "I fly to Madrid on Thursday and my new glasses aren't ready.",
    };
    EACH_CUSTOMER(now, R->customer.urgent);
    static const char *const not_now[] = {
        "Please slow down the newsletter, one a week is plenty.",
        "My son hasn't put the robot down since it arrived, thank you!",
        "I ate at your cafe on Sunday and loved the soup.",
        "Since 2019 I have been a member and never had a problem.",
        "Just a thank you: my kettle stopped working on Monday and Jo had a new one here by Wednesday. Lovely service!",
        "Its 3 years since I joined and I still love the box.",
        "Your fitter had the blind up in 15 minutes. Great job!",
        "Thank you to the nurse who rang yesterday about starting my new tablets, she was lovely.",
        "We're moving house on 5 December. Can we take the broadband with us?",
        "Our bedroom stays at 21 degrees with the new heat pump, thank you!",
    };
    EACH_CUSTOMER(not_now, !R->customer.urgent);
    run("Where is my refund?", "Sorry, the 30th in the email was our mistake. Your refund went out yesterday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    /* a weekday in a sentence told in the past is one gone by; a booking is a date to come */
    run("Why was I charged twice?", "Sorry, our card machine double-submitted a handful of payments on Saturday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 0);
    run("Can I come in this week?", "I've booked you in for Thursday at 2pm.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    run("Where is my refund?", "Your refund arrives by the 30th.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    /* dates that promise nothing: the customer's own deadline, what is open to them, a condition,
     * a no, and a date gone by */
    static const char *const no_promise[] = {
        "I know you need the keys for Thursday.",
        "The 4 December slot is available.",
        "You can switch plans from 1 January.",
        "If we hear back before Friday there is no fee.",
        "They cannot charge you before 9 December.",
        "Both refunds went out on 20 November.",
        /* a day ahead in a sentence that says nothing will happen, what stays open, a policy's
         * window, the customer's own task */
        "What a miserable Sunday morning.",
        "Good luck on Thursday!",
        "The main hall is free on Saturday 13 February and holds up to 200.",
        "We're open until 8:30pm, so come whenever suits you tonight.",
        "Your settlement figure is valid until 9 December.",
        "We are unable to offer refunds for cancellations made within 48 hours of the booking time.",
        "So please be at Gatwick by 22:30 on the evening of 12 March.",
        "To get the banners to you in time we need print-ready artwork by 5pm on Wednesday.",
    };
    EACH_REPLY("Any update?", no_promise, R->reply.ncommitments == 0);
    run("Can someone measure up?", "Our fitter, Dave, will be at the bakery tomorrow at 8:30am to measure up.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
    run("Any chance of more sockets?", "Our electrician is fitting six new double sockets there on Monday 7 December.", NOW_MON_10);
    assert_int_equal(due0(), NOW_MON_10 + 14 * 86400 + 7 * 3600);
    run("Any update?", "You don't need to chase; the engineer is booked for Thursday.", NOW_MON_10);
    assert_int_equal(R->reply.ncommitments, 1);
}

/* issue 12: a failure told in plain words is a complaint; the customer's own doing is not */
static void test_something_went_wrong_is_a_complaint(void **s)
{
    static const char *const yes[] = {
        "I have received my order but the jacket has a broken zip. Can I exchange it?",
        "My new aquarium heater arrived without the power cable.",
        "The engineer never came and nobody informed me.",
        "I was charged twice for my November bill.",
        "Wrong colour on the sofa we got yesterday!!",
        "The handle snapped off the first time I used the pan.",
        "I was charged £30 for a month I had paused.",
        "Fourth email. Nobody has replied about my deposit.",
        "The rug was supposed to arrive on Friday and there is still no sign of it.",
        "The speakers keep disconnecting from the app every evening.",
        "I did not receive the policy documents you said you emailed.",
        "Why was I charged a £12 card fee on a debit card?",
        "The printer in room 4 hasn't worked since Monday.",
        "My order still hasn't shipped and I paid for express.",
        "Our bins weren't emptied on Tuesday.",
        "Why do you charge me 2 times for one parking session?",
        "The frame arrived with one leg bent.",
        "Card machine down again at the till.",
        "Why was £40 taken from my deposit?",
        "The nightly sync stopped running on Monday.",
        "Your fitters left without finishing the skirting boards.",
        "There is a crack in the basin you installed.",
        "I never authorised this direct debit.",
        "Nobody told me the price had gone up.",
        "ordered a rug 3 weeks ago. no delivery, no email, no nothing.",
    };
    static const char *const no[] = {
        "Is the thermostat reading wrong, or is my radiator just slow?",
        "Can I swap the lamp if it doesn't work with my dimmer?",
        "Since my late wife always handled the bills, I'm a bit lost with the account. How do I log in?",
        "I'm sorry if this is the wrong address to write to. Do you sell gift cards?",
        "Our tenant keeps promising to pay the arrears next month.",
        "My partner and I have split up, can I move the plan to my name?",
        "Can the payments be split across two cards?",
        "Can my daughter watch Frozen at the Saturday matinee?",
        "I failed my theory test again. Can I rebook for next week?",
        "We were supposed to fly on Monday but my son is ill. Can I move the booking?",
        "I had to cancel my booking because I need an operation. Can I get a refund?",
        "What am I doing wrong? The voucher won't apply.",
        "How do I change my delivery address?",
    };
    CUE_READS(yes, complaint, true, "a complaint");
    CUE_READS(no, complaint, false, "a complaint");
}

/* issue 12: a complaint that threatens is angry; a plain choice or a question is not a threat */
static void test_a_threat_is_anger(void **s)
{
    static const char *const threats[] = {
        "You billed me twice for the same month. Refund it by Friday or I'm reporting you to my card issuer.",
        "My car was damaged in your car park. If this is not settled this week I will take you to small claims.",
        "The boiler you fitted leaks. I'm going to the trade body unless someone comes today.",
    };
    for (size_t i = 0; i < sizeof threats / sizeof threats[0]; i++) {
        run(threats[i], NULL, NOW_MON_10);
        assert_true(R->customer.complaint);
        assert_int_equal(R->customer.emotion, COACH_EMO_ANGRY);
    }
    run("The box arrived damaged. Can you send a new one or should I return it first?", NULL, NOW_MON_10);
    assert_int_not_equal(R->customer.emotion, COACH_EMO_ANGRY);
}

/* issue 12: worry told as sleep lost, a thought that will not go, a job at stake */
static void test_worry_in_plain_words(void **s)
{
    static const char *const worried[] = {
        "The scan results were due last week. I haven't slept properly since. Has anything come back?",
        "They said a letter would follow about the referral. I keep thinking about it at night.",
        "If the childcare falls through I could lose my job. Is there any news on a place?",
    };
    EACH_CUSTOMER(worried, R->customer.emotion == COACH_EMO_ANXIOUS);
}

/* issue 12: "X and when Y?" asks two things; "X, or Y?" is one choice */
static void test_two_part_questions(void **s)
{
    run("Where is my money and when will it arrive?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    run("Can I transfer my home insurance, and will the price change?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    run("Do I need to tap my card again, or does it just know?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("Please confirm whether seats can be moved and at what cost.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    run("I would like to know if I can wait in the shop, or how long it takes.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 2);
    /* requests for information without a question mark */
    run("hello do u open on sundays", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("I wanted to ask whether the course has a resit.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("Kindly provide the delivery note for order 5521.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    run("When does the sale end? Need to know if I have time to order.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
    /* a list of questions in one sentence */
    run("Could you tell me whether you deliver on Sundays, whether you take cards and whether there is parking?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 3);
    run("Could you tell me (a) the price, (b) the lead time and (c) the warranty?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 3);
    run("Could you confirm the start date, whether lunch is included and whether I need boots?", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 3);
    run("Please tell me, in writing, whether my deposit is protected.", NULL, NOW_MON_10);
    assert_int_equal(R->customer.nquestions, 1);
}

static void test_blame_dismissive_deflection(void **s)
{
    /* a bare order with nothing around it; the same order in a warm reply is not one */
    run("My broadband is slow.", "Speeds are 'up to'. Check your contract.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    run("My broadband is slow.", "Hi Sam, sorry it's been slow. Check your router lights for me.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DISMISSIVE));
    run(NULL, "As I already said, you should have read the manual.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_BLAME));
    run(NULL, "Calm down, mistakes happen.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    /* a reply in a word or two, "please read the manual", "as explained in my last email", "obviously" */
    static const char *const curt[] = {
        "Noted.", "Please read the manual.", "As explained in my last email, the fee is fixed.",
        "This is clearly stated on the form.", "As I already mentioned, it's extra.",
    };
    for (size_t i = 0; i < sizeof curt / sizeof curt[0]; i++) {
        run("My mum passed away last week, please close her account.", curt[i], NOW_MON_10);
        assert_true(flagged(COACH_FLAG_DISMISSIVE));
    }
    run("Can I pay by card?", "Thanks for asking, yes you can.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DISMISSIVE));
    /* a few bare words to an upset customer; a yes or a step of ours in few words is not */
    static const char *const upset = "Three weeks and my blinds still haven't come. This is ridiculous, where are they?";
    run(upset, "It's with the supplier.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    run(upset, "The supplier ships on their own schedule and we have forty other orders waiting in the same queue.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DISMISSIVE));
    run(upset, "Yes, they are on the van and arrive by 5pm today.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DISMISSIVE));
    run("Can I pay by card?", "It's with the supplier.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DISMISSIVE));
    run(NULL, "That's not my department, you'll have to contact billing.", NOW_MON_10);
    assert_true(flagged(COACH_FLAG_DEFLECTION));
    /* a complaint's cause put on the customer or someone else; our own cause is an explanation */
    static const char *const complaint = "The blender you sent me is broken and I want my money back.";
    static const char *const explained_away[] = {
        "Cracks like this are usually caused by putting ice in the jug.",
        "This tends to happen when the lid is not locked before starting.",
        "The postcode you typed was wrong, which is why it went astray.",
        "It is probably a Royal Mail problem.",
        "Checking the size before ordering is your responsibility.",
        "The hold-up will be down to your card issuer.",
        "Faults like this are usually due to the filter not being cleaned.",
        "Guests should ensure windows are closed when they leave.",
        "The delay was beyond my control.",
        "If you had booked earlier this wouldn't have happened.",
        "We would ask that parcels are clearly labelled in future.",
    };
    EACH_REPLY(complaint, explained_away, flagged(COACH_FLAG_BLAME));
    static const char *const ours[] = {
        "The crack was caused by a fault in our packing line, and I've sent a new one today.",
        "Your order had two delivery notes, which is why it was split.",
        "That was not your responsibility at all, and I've refunded the fee.",
        "Losing your seats was our system's fault, not yours, and I've found you new ones.",
    };
    EACH_REPLY(complaint, ours, !flagged(COACH_FLAG_BLAME));
    run("How do I descale the kettle?", "Scale is usually caused by hard water; a vinegar rinse clears it.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_BLAME));
    /* the customer told to take it up elsewhere "directly", or the best way being someone else */
    static const char *const sent_away[] = {
        "Warranty claims need to be taken up with the maker directly.",
        "Any refund will have to come from the venue directly.",
        "Lost parcels are best raised with the carrier on their website.",
        "The quickest route would be to contact the manufacturer.",
        "Please message the host through the app.",
    };
    EACH_REPLY("My order never came and nobody will help me.", sent_away, flagged(COACH_FLAG_DEFLECTION));
    run("My order never came and nobody will help me.", "I'll take it up with the carrier directly and call you by 4pm.", NOW_MON_10);
    assert_false(flagged(COACH_FLAG_DEFLECTION));
}

static void test_personal_and_positive_alternative(void **s)
{
    coach_input in = {.reply = "Hi Maria, here's what we can do: a full exchange.\nBest,\nSam", .customer_name = "Maria Lopez"};
    in.reply_len = strlen(in.reply);
    in.customer_name_len = strlen(in.customer_name);
    assert_int_equal(coach_analyze(&in, R), 0);
    assert_true(strong(COACH_STRENGTH_PERSONAL));
    assert_true(strong(COACH_STRENGTH_POSITIVE_ALTERNATIVE));
    /* a name said in passing, a name to open with, their own details said back */
    static const char *const personal_replies[] = {
        "Thanks so much for telling us, Nadia - that made our day.",
        "Tomasz, I'm really sorry about the wait.",
        "Ciao Marco, the repair is done.",
        "Your claim was paid into your account ending 4471 this morning.",
        "No problem, Mark. The invoice is attached.",
        "So sorry Priya, the tutor's call ran over.",
        "Thanks Jo, lovely to hear it went well!",
    };
    EACH_REPLY(NULL, personal_replies, strong(COACH_STRENGTH_PERSONAL));
    run(NULL, "Cancellations must be made at your home club with 30 days' notice.", NOW_MON_10);
    assert_false(strong(COACH_STRENGTH_PERSONAL));
}

static void test_british_and_american_spelling(void **s)
{
    run(NULL, "I apologize for the delay.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    run(NULL, "We apologise for the delay.", NOW_MON_10);
    assert_true(strong(COACH_STRENGTH_APOLOGY));
}

static void test_emoji_counts(void **s)
{
    run("Got it, all working now \xF0\x9F\x98\x8A\xF0\x9F\x99\x8F", NULL, NOW_MON_10);
    assert_true(R->customer.sentiment > 0.2);
    assert_true(R->customer.thanks);
}

static void test_any_bytes_are_safe(void **s)
{
    unsigned char junk[4096];
    uint32_t x = 12345;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof junk; i++) { x = x * 1103515245u + 12345u; junk[i] = (unsigned char)(x >> 16); }
        size_t n = (size_t)(x % sizeof junk);
        coach_input in = {.customer = (char *)junk, .customer_len = n, .reply = (char *)junk + n / 2,
                          .reply_len = n - n / 2, .now = (long long)x * 1000};
        assert_int_equal(coach_analyze(&in, R), 0);
        for (size_t i = 0; i < R->reply.nflags; i++) assert_true(R->reply.flags[i].end <= in.reply_len);
    }
    coach_input empty = {.customer = "", .reply = ""};
    assert_int_equal(coach_analyze(&empty, R), 0);
}

static void json_err(const char *in, const char *needle)
{
    char *out = NULL, err[256] = "";
    size_t n;
    assert_int_equal(coach_json_case(in, strlen(in), &out, &n, err, sizeof err), -1);
    assert_null(out);
    if (!strstr(err, needle)) fail_msg("error \"%s\" lacks \"%s\"", err, needle);
}

static void test_json_errors(void **s)
{
    json_err("not json", "malformed");
    json_err("[1,2]", "object");
    json_err("{\"customer\": 3}", "customer");
    json_err("{\"reply\": \"x\", \"agent\": \"y\"}", "unknown field \"agent\"");
    json_err("{\"now\": \"yesterday\"}", "now");
    json_err("{\"customer\": \"\xff\xfe\"}", "malformed");
}

static void test_json_ok(void **s)
{
    const char *in = "{\"customer\":\"Why was I charged twice?\",\"reply\":\"Sorry! It's a pending hold and it drops off by Friday.\",\"now\":\"2026-11-23T10:00:00Z\"}";
    char *out = NULL, err[256];
    size_t n;
    assert_int_equal(coach_json_case(in, strlen(in), &out, &n, err, sizeof err), 0);
    assert_non_null(strstr(out, "\"questions\":[\"Why was I charged twice?\"]"));
    assert_non_null(strstr(out, "\"due\":\"2026-11-27T17:00:00Z\""));
    assert_int_equal(strlen(out), n);
    free(out);
}

/* the fast reader must agree with jansson on every input: same status, same report or message */
static void same_as_jansson(const char *in, size_t n)
{
    char *a = NULL, *b = NULL, ea[256] = "", eb[256] = "";
    size_t na = 0, nb = 0;
    int ra = coach_json_case_ex(in, n, NULL, NULL, &a, &na, ea, sizeof ea);
    int rb = coach_json_case_jansson(in, n, NULL, NULL, &b, &nb, eb, sizeof eb);
    if (ra != rb) fail_msg("status %d vs jansson %d on %.*s", ra, rb, (int)n, in);
    if (ra == 0) {
        if (na != nb || memcmp(a, b, na)) fail_msg("report differs on %.*s:\n%s\n%s", (int)n, in, a, b);
    } else if (strcmp(ea, eb)) fail_msg("message \"%s\" vs jansson \"%s\"", ea, eb);
    free(a);
    free(b);
}

static void test_json_fast_reader_matches_jansson(void **s)
{
    static const char *const cases[] = {
        "{}", " { } ", "\t{\"customer\":\"hi\"}\r\n", "{\"customer\":\"\"}",
        "{\"now\":\"2026-11-23T10:00:00Z\",\"reply\":\"Sorry! I'll refund you by Friday.\",\"customer\":\"Where is my refund?\","
        "\"customer_name\":\"Ana\"}",
        "{\"now\":\"2026-11-23T10:00:00.123Z\",\"reply\":\"ok\"}", "{\"now\":\"2026-11-23T10:00:00+00:00\",\"reply\":\"ok\"}",
        "{\"now\":\" 2026-11-23T10:00:00Z\",\"reply\":\"ok\"}", "{\"now\":\"+026-11-23T10:00:00Z\",\"reply\":\"ok\"}",
        "{\"now\":\"2026-13-23T10:00:00Z\",\"reply\":\"ok\"}", "{\"now\":\"2026-11-23T10:00:00\",\"reply\":\"ok\"}",
        "{\"now\":\"2026-11-23T24:00:00Z\",\"reply\":\"ok\"}", "{\"now\":\"\",\"reply\":\"ok\"}",
        "{\"now\":\"2026-11-23T10:00:00Z\",\"customer\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"}",
        "{\"now\":\"2026-11-23T10:00:00Z\",\"customer\":\"caf\\u00e9 \\u20AC \\ud83d\\ude00 why?\"}",
        "{\"now\":\"2026-11-23T10:00:00Z\",\"customer\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 why?\"}",
        "{\"now\":\"2026-11-23T10:00:00Z\",\"customer\":\"\\u0041\\u00\"}",
        "{\"customer\":\"\\u0000\"}", "{\"customer\":\"\\ud83d\"}", "{\"customer\":\"\\ud83dx\"}",
        "{\"customer\":\"\\ud83d\\u0041\"}", "{\"customer\":\"\\ude00\"}", "{\"customer\":\"\\x\"}", "{\"customer\":\"\\\"}",
        "{\"customer\":\"\\u12g4\"}", "{\"customer\":\"a\tb\"}", "{\"customer\":\"a\nb\"}",
        "{\"customer\":\"\xc0\xaf\"}", "{\"customer\":\"\xe0\x80\xaf\"}", "{\"customer\":\"\xed\xa0\x80\"}",
        "{\"customer\":\"\xf4\x90\x80\x80\"}", "{\"customer\":\"\xf5\x80\x80\x80\"}", "{\"customer\":\"\xc3\"}",
        "{\"customer\":\"\x80\"}", "{\"customer\":\"\xe2\x82\"}",
        "{\"customer\":\"a\",\"customer\":\"b\"}", "{\"customer\":\"a\",}", "{,}", "{\"customer\":\"a\"} x",
        "{\"customer\":\"a\"}}", "{\"customer\" \"a\"}", "{\"customer\":\"a\" \"reply\":\"b\"}", "{\"customer\":\"a",
        "{\"customer\":", "{\"customer\"", "{\"cust", "{", "", "   ", "[]", "\"x\"", "3", "null",
        "{\"customer\":3}", "{\"customer\":null}", "{\"customer\":true}", "{\"customer\":[\"a\"]}", "{\"customer\":{}}",
        "{\"customer\":1.5}", "{\"reply\":\"x\",\"agent\":\"y\"}", "{\"customer_\":\"y\"}", "{\"Customer\":\"y\"}",
        "{\"cust\\u006fmer\":\"y\",\"now\":\"2026-11-23T10:00:00Z\"}", "{\"customer\":\"a\",\"cust\\u006fmer\":\"b\"}",
        "{\"\":\"y\"}", "{'customer':'y'}", "\xef\xbb\xbf{\"customer\":\"y\"}", "{\"customer\":\"y\"}\x00",
        "{\"customer\":\"a\x00b\"}", "{\"customer_name\":\"Bo\",\"now\":\"2026-11-23T10:00:00Z\",\"reply\":\"Hi Bo, done.\"}",
        "{\"customer_name\":5}", "{\"now\":5}", "\f{\"customer\":\"y\"}", "{\"customer\":\"y\"}\v",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) same_as_jansson(cases[i], strlen(cases[i]));
    /* embedded NUL bytes (strlen would stop at them) */
    static const char nul1[] = "{\"customer\":\"a\0b\"}", nul2[] = "{\"customer\":\"ab\"}\0";
    same_as_jansson(nul1, sizeof nul1 - 1);
    same_as_jansson(nul2, sizeof nul2 - 1);
    /* each kind of stopping byte at every position around the reader's 16-byte steps */
    static const char *const stops[] = {"\\n", "\\u00e9", "\xc3\xa9", "\xf0\x9f\x98\x80", "\n", "\x1f", "\"", "\xff", "\\"};
    for (size_t n = 0; n <= 40; n++)
        for (size_t at = 0; at <= n; at++)
            for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
                char in[160];
                int len = snprintf(in, sizeof in, "{\"now\":\"2026-11-23T10:00:00Z\",\"customer\":\"%.*s%s%.*s\"}", (int)at,
                                   "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", stops[k], (int)(n - at),
                                   "Why not? abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
                same_as_jansson(in, (size_t)len);
            }
    /* a long input (past the reader's on-stack scratch) with escapes throughout */
    buf b;
    buf_init(&b, 1 << 16);
    buf_puts(&b, "{\"now\":\"2026-11-23T10:00:00Z\",\"reply\":\"");
    for (int i = 0; i < 600; i++) buf_puts(&b, "Sorry \\u2014 we\\u2019ll fix it \\ud83d\\ude00 by Friday.\\n ");
    buf_puts(&b, "\",\"customer\":\"");
    for (int i = 0; i < 300; i++) buf_puts(&b, "Why \xe2\x80\x94 again? \\\"no\\\" ");
    buf_puts(&b, "\"}");
    same_as_jansson(b.p, b.len);
    b.p[b.len - 1] = ','; /* and cut off */
    same_as_jansson(b.p, b.len);
    buf_free(&b);
}

static void test_json_errors_fast_door(void **s)
{
    /* every error the jansson reader gave is still given, word for word */
    json_err("{\"customer\":\"a\",\"customer\":\"b\"}", "malformed JSON");
    json_err("{\"customer\":\"\\u0000\"}", "malformed JSON");
    json_err("{\"customer\":\"\\ud83d\"}", "malformed JSON");
    json_err("{\"customer\":\"\\ude00\"}", "malformed JSON");
    json_err("{\"customer\":\"\\q\"}", "malformed JSON");
    json_err("{\"customer\":\"a\tb\"}", "malformed JSON");
    json_err("{\"customer\":\"\xed\xa0\x80\"}", "malformed JSON");
    json_err("{\"customer\":\"\xc0\xaf\"}", "malformed JSON");
    json_err("{\"customer\":\"a\"} x", "malformed JSON");
    json_err("{\"customer\":null}", "customer: expected a string, got null");
    json_err("{\"reply\":[1]}", "reply: expected a string, got an array");
    json_err("{\"customer_name\":2}", "customer_name: expected a string, got an integer");
    json_err("{\"now\":\"2026-11-23T10:00:00\"}", "now: expected an ISO-8601 UTC time");
    json_err("{\"now\":\"2026-02-30T99:00:00Z\"}", "now: expected an ISO-8601 UTC time");
    json_err("{\"customers\":\"x\"}", "unknown field \"customers\"");
    json_err("{\"now\":\"2026-11-23T10:00:00+15:00\"}", "now: expected an ISO-8601 UTC time");
    json_err("{\"now\":\"2026-11-23T10:00:00-05:60\"}", "now: expected an ISO-8601 UTC time");
    json_err("{\"tz\":\"Mars/Base\"}", "tz: unknown time zone \"Mars/Base\"");
    json_err("{\"tz\":\"../../etc/passwd\"}", "tz: unknown time zone");
    json_err("{\"tz\":\"America\"}", "tz: unknown time zone"); /* a directory, not a zone */
    json_err("{\"tz\":\"\"}", "tz: unknown time zone");
    json_err("{\"tz\":1}", "tz: expected a string, got an integer");
}

/* a due date in the case's time zone: with the offset `now` carries, or the named zone's (with DST) */
static void json_due(const char *in, const char *want)
{
    char *out = NULL, err[256] = "";
    size_t n;
    assert_int_equal(coach_json_case(in, strlen(in), &out, &n, err, sizeof err), 0);
    char needle[80];
    snprintf(needle, sizeof needle, "\"due\":\"%s\"", want);
    if (!strstr(out, needle)) fail_msg("%s lacks %s", out, needle);
    free(out);
}

static void test_json_time_zones(void **s)
{
    json_due("{\"reply\":\"I'll call you by 5pm.\",\"now\":\"2026-11-23T10:00:00Z\"}", "2026-11-23T17:00:00Z");
    json_due("{\"reply\":\"I'll call you by 5pm.\",\"now\":\"2026-11-23T10:00:00+00:00\"}", "2026-11-23T17:00:00Z");
    json_due("{\"reply\":\"I'll call you by 5pm.\",\"now\":\"2026-11-23T10:00:00-05:00\"}", "2026-11-23T17:00:00-05:00");
    json_due("{\"reply\":\"I'll call you by 5pm.\",\"now\":\"2026-11-23T15:00:00Z\",\"tz\":\"America/New_York\"}",
             "2026-11-23T17:00:00-05:00");
    json_due("{\"reply\":\"I'll call you tomorrow morning.\",\"now\":\"2026-11-23T10:00:00Z\",\"tz\":\"Asia/Kolkata\"}",
             "2026-11-24T12:00:00+05:30");
    /* across the end of DST: Friday is EDT, Monday is EST */
    json_due("{\"reply\":\"I'll call you by Monday.\",\"now\":\"2026-10-30T15:00:00Z\",\"tz\":\"America/New_York\"}",
             "2026-11-02T17:00:00-05:00");
    json_due("{\"reply\":\"I'll call you by Monday.\",\"now\":\"2026-03-27T12:00:00Z\",\"tz\":\"Europe/London\"}",
             "2026-03-30T17:00:00+01:00");
    /* the zone wins over the offset `now` was written with */
    json_due("{\"reply\":\"I'll call you by 5pm.\",\"now\":\"2026-11-23T10:00:00-05:00\",\"tz\":\"Europe/London\"}",
             "2026-11-23T17:00:00+00:00");
}

/* a message in a language the coach does not read is said so and not judged as English */
static void test_other_languages_are_recognised_not_judged(void **s)
{
    (void)s;
    static const struct { const char *text; coach_language want; } cases[] = {
        {"Hallo, ich habe meine Bestellung noch nicht bekommen. Können Sie mir bitte helfen?", COACH_LANG_DE},
        {"Hola, mi pedido no ha llegado todavía y ya pasaron dos semanas. ¿Qué pasa con mi dinero?", COACH_LANG_ES},
        {"Bonjour, je n'ai pas reçu mon colis. Pouvez-vous vérifier avec le transporteur ?", COACH_LANG_FR},
        {"Ciao, il mio ordine non è ancora arrivato e sono molto preoccupato per il regalo.", COACH_LANG_IT},
        {"Olá, o meu pedido ainda não chegou. Podem verificar para mim? Obrigado.", COACH_LANG_PT},
        {"Hallo, ik heb mijn bestelling nog niet ontvangen. Kunt u het voor mij nakijken?", COACH_LANG_NL},
        {"Я не получил заказ, помогите пожалуйста, это уже третья неделя ожидания", COACH_LANG_UNDETERMINED},
        {"Where is my parcel? The café down the road said it was delivered, merci.", COACH_LANG_EN},
        {"I want a refund. No más excusas, please.", COACH_LANG_EN},
        {"Danke!", COACH_LANG_EN}, /* too short to tell: read as English */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        coach_language got = coach_detect_language(cases[i].text, strlen(cases[i].text));
        if (got != cases[i].want) fail_msg("%s: got %s, want %s", cases[i].text, coach_language_code(got), coach_language_code(cases[i].want));
    }
    /* an angry German customer and a German reply: no English reading of either */
    run("Das ist eine Frechheit! Ich warte seit drei Wochen und niemand hilft mir. Ich will mein Geld zurück!",
        "Es tut mir leid, ich kümmere mich sofort darum und melde mich heute noch bei Ihnen.", NOW_MON_10);
    assert_int_equal(R->customer.language, COACH_LANG_DE);
    assert_int_equal(R->customer.emotion, COACH_EMO_NEUTRAL);
    assert_false(R->customer.complaint);
    assert_int_equal(R->reply.language, COACH_LANG_DE);
    assert_int_equal((int)R->reply.nflags, 0);
    assert_int_equal(R->reply.scores[COACH_SCORE_OVERALL], 50);
    /* English stays English */
    run("This is unacceptable, I want my money back!", "I'm sorry. I have refunded you today.", NOW_MON_10);
    assert_int_equal(R->customer.language, COACH_LANG_EN);
    assert_int_equal(R->customer.emotion, COACH_EMO_ANGRY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negative_phrasing_has_offsets_and_rewrite), cmocka_unit_test(test_refusal_as_a_rule_is_negative_phrasing),
        cmocka_unit_test(test_answer_feature_names),
        cmocka_unit_test(test_far_deadline_is_not_worry),
        cmocka_unit_test(test_questions_in_lists), cmocka_unit_test(test_requests_said_as_duties), cmocka_unit_test(test_second_requests_in_a_sentence), cmocka_unit_test(test_how_long_answered_by_a_stretch), cmocka_unit_test(test_learned_reply_reading), cmocka_unit_test(test_calm_request_is_mild), cmocka_unit_test(test_puzzled_request_is_mild), cmocka_unit_test(test_told_at_the_visit_is_not_repeat_contact), cmocka_unit_test(test_calm_with_but_and_puzzled_complaint), cmocka_unit_test(test_upset_then_praise_is_negative), cmocka_unit_test(test_complaint_is_not_calm), cmocka_unit_test(test_thanks_in_other_words),
        cmocka_unit_test(test_answers_by_place_code_and_refusal),
        cmocka_unit_test(test_learned_answer_reads_a_step_as_the_answer),
        cmocka_unit_test(test_learned_answer_wants_the_fact_its_type_asks),
        cmocka_unit_test(test_learned_answer_pairs_of_features),
        cmocka_unit_test(test_what_will_you_do_wants_an_action),
        cmocka_unit_test(test_duration_in_words_answers_how_long),
        cmocka_unit_test(test_echo_stays_with_its_own_question),
        cmocka_unit_test(test_answers_said_plainly),
        cmocka_unit_test(test_other_languages_are_recognised_not_judged),
        cmocka_unit_test(test_curly_apostrophe_matches),
        cmocka_unit_test(test_exception_phrase_is_not_negative),
        cmocka_unit_test(test_negation_flips_sentiment),
        cmocka_unit_test(test_no_problem_is_positive),
        cmocka_unit_test(test_contrast_but_weighs_what_follows),
        cmocka_unit_test(test_intensifier_strengthens),
        cmocka_unit_test(test_questions_direct_and_indirect),
        cmocka_unit_test(test_unanswered_question_flag),
        cmocka_unit_test(test_no_empathy_for_angry_customer),
        cmocka_unit_test(test_deadline_by_friday),
        cmocka_unit_test(test_deadline_tomorrow_morning),
        cmocka_unit_test(test_deadline_within_the_hour),
        cmocka_unit_test(test_deadline_by_5pm_and_end_of_day),
        cmocka_unit_test(test_deadline_on_the_1st),
        cmocka_unit_test(test_deadline_before_the_customers_date),
        cmocka_unit_test(test_not_a_second_promise),
        cmocka_unit_test(test_clock_times),
        cmocka_unit_test(test_deadline_working_days),
        cmocka_unit_test(test_let_me_check), cmocka_unit_test(test_vague_promise),
        cmocka_unit_test(test_shouting),
        cmocka_unit_test(test_blame_dismissive_deflection),
        cmocka_unit_test(test_personal_and_positive_alternative),
        cmocka_unit_test(test_british_and_american_spelling),
        cmocka_unit_test(test_emoji_counts),
        cmocka_unit_test(test_any_bytes_are_safe),
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_json_time_zones),
        cmocka_unit_test(test_codes_in_capitals_are_not_shouting),
        cmocka_unit_test(test_repeat_contact_is_contact_not_recurrence),
        cmocka_unit_test(test_grateful_if_is_not_thanks),
        cmocka_unit_test(test_complaint_is_not_happy),
        cmocka_unit_test(test_thanks_taken_back),
        cmocka_unit_test(test_reply_acts_by_structure),
        cmocka_unit_test(test_blame_by_parts),
        cmocka_unit_test(test_answers_in_other_words),
        cmocka_unit_test(test_alternative_after_a_no),
        cmocka_unit_test(test_a_threat_is_anger),
        cmocka_unit_test(test_worry_in_plain_words),
        cmocka_unit_test(test_two_part_questions),
        cmocka_unit_test(test_something_went_wrong_is_a_complaint),
        cmocka_unit_test(test_time_pressure_and_dates_mentioned),
        cmocka_unit_test(test_json_ok),
        cmocka_unit_test(test_json_fast_reader_matches_jansson),
        cmocka_unit_test(test_json_errors_fast_door),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
