/* Unit tests for the coach's internals that its speed work rests on: the report pool's cuts
 * at UTF-8 boundaries, the tokenizer's byte classes and folded bytes, stems, the word hash,
 * the tagged word index, and reports appended to one buffer (run under ASan+UBSan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"
#include "coach/coach_json.h"
#include "coach/coach_tok_check.h"
#include "util/buf.h"

/* length of the longest prefix of s, at most max bytes, that ends on a character boundary */
static size_t whole_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return max;
}

/* 2-, 3- and 4-byte characters between ASCII ones */
static const char MIXED[] = "ab\xC3\xA9" "c\xE2\x82\xAC" "d\xF0\x9F\x98\x80" "e\xE2\x80\x99" "f";

static void test_pool_printf_cuts_at_a_character(void **state)
{
    (void)state;
    coach_report *r = malloc(sizeof *r);
    coach_report_init(r);
    for (size_t room = 2; room <= sizeof MIXED + 1; room++) {
        r->pool_len = sizeof r->pool - room;
        const char *got = coach_pool_printf(r, "%s", MIXED);
        size_t want = whole_prefix(MIXED, room - 1);
        assert_int_equal(strlen(got), want);
        assert_memory_equal(got, MIXED, want);
        assert_int_equal(r->pool_len, sizeof r->pool - room + want + 1);
    }
    coach_report_free(r);
    free(r);
}

static void test_pool_cat_cuts_at_a_character(void **state)
{
    (void)state;
    coach_report *r = malloc(sizeof *r);
    coach_report_init(r);
    /* the same text in two parts, the second capped, so cuts fall inside both */
    const char *part[] = {"ab\xC3\xA9" "c", "\xE2\x82\xAC" "d\xF0\x9F\x98\x80" "e\xE2\x80\x99" "f" "never"};
    const size_t len[] = {SIZE_MAX, strlen(part[1]) - 5};
    for (size_t room = 2; room <= sizeof MIXED + 1; room++) {
        r->pool_len = sizeof r->pool - room;
        const char *got = coach_pool_cat(r, 2, part, len);
        size_t want = whole_prefix(MIXED, room - 1);
        assert_int_equal(strlen(got), want);
        assert_memory_equal(got, MIXED, want);
    }
    coach_report_free(r);
    free(r);
}

/* tokens of text in t, with scratch for them */
typedef struct toks { ctext t; ctok tok[64]; uint32_t feel[128]; csent sent[64]; char fold[256]; uint64_t kwm[64]; } toks;
static void tokenize(toks *k, const char *text)
{
    memset(k, 0, sizeof *k);
    k->t.s = text;
    k->t.len = strlen(text);
    assert_true(k->t.len < sizeof k->fold && coach_tok_bound(k->t.len) <= 64);
    k->t.fold = k->fold;
    k->t.tok = k->tok;
    k->t.feel = k->feel;
    k->t.sent = k->sent;
    k->t.kwm = k->kwm;
    coach_tokenize(&k->t, NULL);
}

static void test_tokens_classes_and_folds(void **state)
{
    (void)state;
    toks k;
    /* capitals: two or more and no small letter, counted across ASCII and non-ASCII letters */
    tokenize(&k, "OK I Ab \xC3\x89T \xC3\x89t x9Y DON'T Don\xE2\x80\x99t 3.50, e.g. 12:30");
    const struct { const char *word; unsigned flags; } want[] = {
        {"ok", TF_CAPS | TF_INITCAP | TF_ASCII}, {"i", TF_INITCAP | TF_ASCII}, {"ab", TF_INITCAP | TF_ASCII},
        {NULL, TF_CAPS | TF_INITCAP}, {NULL, TF_INITCAP}, {"x9y", TF_ASCII}, {"don't", TF_CAPS | TF_INITCAP | TF_ASCII},
        {NULL, TF_INITCAP}, {"3.50", TF_ASCII}, {"e", TF_ASCII}, {"g", TF_ASCII}, {"12:30", TF_ASCII}};
    assert_int_equal(k.t.ntok, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < k.t.ntok; i++) {
        const ctok *t = &k.tok[i];
        assert_int_equal(t->flags & (TF_CAPS | TF_INITCAP | TF_ASCII), want[i].flags);
        if (!want[i].word) continue;
        assert_int_equal(t->end - t->start, strlen(want[i].word));
        assert_memory_equal(k.fold + t->start, want[i].word, strlen(want[i].word));
    }
    /* "DON'T", "Don’t" and "don't" are one word to the lexicon */
    assert_true(k.tok[6].h == k.tok[7].h);
    assert_true(k.tok[6].word >= 0);
    assert_true(k.t.mixed_case);
    tokenize(&k, "ALL CAPS HERE 42");
    assert_false(k.t.mixed_case);
}

/* the tokens coach_feel reads are gathered in order: exactly those with a feeling, a modifier,
 * '!' or '?'; all-caps words are counted unless they are acronyms */
static void test_feel_list_is_the_tokens_that_matter(void **state)
{
    (void)state;
    toks k;
    tokenize(&k, "The parcel is NOT very good, but THANKS for the ASAP fix? Table chair window!");
    size_t j = 0, caps = 0;
    for (uint32_t i = 0; i < k.t.ntok; i++) {
        const ctok *t = &k.tok[i];
        bool matters = t->val != 0 || t->emo >= 0 || t->mod != 0 || t->excl || t->quest;
        if (matters) { assert_true(j < k.t.nfeel); assert_int_equal(k.feel[j], i); j++; }
        caps += (t->flags & TF_CAPS) && !tok_has(t, COACH_W_ACRONYM);
    }
    assert_int_equal(j, k.t.nfeel);
    assert_int_equal(k.t.ncaps, caps);
    /* and, in their own list, the tokens that start a built-in phrase ("thanks for", "asap") */
    size_t np = 0;
    for (uint32_t i = 0; i < k.t.ntok; i++)
        if (k.tok[i].word >= 0 && coach_words[k.tok[i].word].pcount) { assert_int_equal(k.t.phr[np], i); np++; }
    assert_int_equal(np, k.t.nphr);
    assert_true(np >= 2 && np < k.t.ntok);
    /* "not", "very", "good" and "but" are in; "the", "parcel", "table" are not; "window!" is */
    assert_int_equal(k.feel[0], 3);
    assert_int_equal(k.feel[1], 4);
    assert_int_equal(k.feel[2], 5);
    assert_int_equal(k.feel[3], 6);
    assert_int_equal(k.feel[k.t.nfeel - 1], k.t.ntok - 1);
    assert_true(k.t.nfeel < k.t.ntok - 4);
    assert_true(caps >= 2);
}

/* a '.' after an abbreviation or a single letter does not end a sentence; after any other
 * word (one letter longer or shorter, or not ASCII) it does */
static void test_abbreviations_do_not_end_sentences(void **state)
{
    (void)state;
    toks k;
    tokenize(&k, "Ask Mr. Hill, MRS. Kay, Dr. No, approx. etc. St. Ref. INC. Ltd. vs. Ms. Lee J. Doe done");
    assert_int_equal(k.t.nsent, 1);
    const char *ends[] = {"The mrx. One", "We m. Two", "Say approxi. Three", "See d\xC3\xA9. Four", "Yes I. Five",
                          "No etc2. Six", "Go ms7. Seven"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        tokenize(&k, ends[i]);
        assert_int_equal(k.t.nsent, i == 1 ? 1 : 2);
    }
}

static void test_stems_meet_and_are_kept(void **state)
{
    (void)state;
    toks k;
    tokenize(&k, "charged charges charging charge emergencies emergency's emergency order orders");
    coach_stems(&k.t, 0, UINT32_MAX);
    for (size_t i = 1; i < 4; i++) assert_true(k.tok[i].stem == k.tok[0].stem);
    assert_true(k.tok[4].stem == k.tok[5].stem && k.tok[5].stem == k.tok[6].stem);
    assert_true(k.tok[7].stem == k.tok[8].stem);
    assert_true(k.tok[7].stem == coach_hash_str("order", 5));
    /* a second call over the same tokens (stem now in place of the word's hash) changes nothing */
    uint64_t before = k.tok[1].stem;
    coach_stems(&k.t, 0, UINT32_MAX);
    assert_true(k.tok[1].stem == before);
}

/* the streamed hash, the string hash and the tokenizer's (8 bytes at a time from fold, or
 * normalised again for non-ASCII words) agree at every length */
static void test_hash_forms_agree(void **state)
{
    (void)state;
    char w[48];
    for (size_t n = 0; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) w[i] = (char)('q' + (i * 7) % 9);
        coach_hasher hs;
        coach_hasher_init(&hs);
        for (size_t i = 0; i < n; i++) coach_hasher_put(&hs, (unsigned char)w[i]);
        assert_true(coach_hasher_end(&hs) == coach_hash_str(w, n));
        if (!n) continue;
        /* the same word, capitalised and between other words, through the tokenizer (a word the
         * lexicon knows is looked up by that hash and then carries its canonical one) */
        char text[128];
        snprintf(text, sizeof text, "Zq %c%.*s, qz", w[0] - 32, (int)n - 1, w + 1);
        toks k;
        tokenize(&k, text);
        assert_int_equal(k.t.ntok, 3);
        if (k.tok[1].word >= 0) assert_true(coach_words[k.tok[1].word].key == coach_hash_str(w, n));
        else assert_true(k.tok[1].h == coach_hash_str(w, n));
    }
    /* non-ASCII: "Éclair’s" is hashed as "éclair's" */
    toks k;
    tokenize(&k, "\xC3\x89" "clair\xE2\x80\x99" "s");
    assert_int_equal(k.t.ntok, 1);
    assert_true(k.tok[0].h == coach_hash_str("\xC3\xA9" "clair's", 9));
}

static void test_word_index_finds_every_word_and_only_those(void **state)
{
    (void)state;
    for (size_t i = 0; i < coach_nwords; i++) assert_int_equal(coach_word_find(coach_words[i].key), (int32_t)i);
    /* keys that are not words, among them ones sharing a word's slot and tag (the key differs
     * only in bits the slot and tag do not read) */
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int32_t w = -1;
        for (size_t j = 0; j < coach_nwords; j++)
            if (coach_words[j].key == x) w = (int32_t)j;
        assert_int_equal(coach_word_find(x), w);
    }
    for (size_t i = 0; i < coach_nwords; i += 7) {
        uint64_t k = coach_words[i].key;
        for (uint64_t d = 1; d < 4; d++) {
            uint64_t y = k + (d << 60); /* moves only bits 60..63 of the mixed key: same slot, same tag */
            int32_t w = -1;
            for (size_t j = 0; j < coach_nwords; j++)
                if (coach_words[j].key == y) w = (int32_t)j;
            assert_int_equal(coach_word_find(y), w);
        }
    }
}

/* every phrase of two words or more has its pair's bit, and the set is sparse enough to
 * turn most tokens away */
static void test_phrase_pairs_cover_every_phrase(void **state)
{
    (void)state;
    size_t multi = 0, set = 0;
    for (size_t p = 0; p < coach_nphrases; p++) {
        if (coach_phrases[p].n < 2) continue;
        multi++;
        unsigned bit = coach_pair_bit(coach_phrases[p].h[0], coach_phrases[p].h[1]);
        assert_true(coach_phrase_pairs[bit / 64] >> (bit % 64) & 1);
    }
    for (unsigned i = 0; i < COACH_PAIR_BITS / 64; i++) set += (size_t)__builtin_popcountll(coach_phrase_pairs[i]);
    assert_true(multi > 100);
    assert_true(set <= multi && set * 20 < COACH_PAIR_BITS);
}

/* coach_json_case_buf appends each report to what the buffer holds, the same bytes
 * coach_json_case_ex returns, and appends nothing for a bad case */
static void test_json_case_buf_appends(void **state)
{
    (void)state;
    static const char *cases[] = {"{\"customer\":\"Where is my refund?\",\"now\":\"2026-11-23T10:00:00Z\"}",
                                  "{\"reply\":\"We will call you by Friday.\",\"now\":\"2026-11-23T10:00:00Z\"}",
                                  "{\"reply\": 3}", "{\"customer\":\"Thanks!\",\"now\":\"2026-11-23T10:00:00Z\"}"};
    coach_report *r = malloc(sizeof *r);
    coach_report_init(r);
    buf all, want;
    buf_init(&all, 16);
    buf_init(&want, 16);
    buf_puts(&all, "head|");
    buf_puts(&want, "head|");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256], *one;
        size_t n;
        size_t before = all.len;
        int rc = coach_json_case_buf(cases[i], strlen(cases[i]), NULL, r, &all, err, sizeof err);
        int rc2 = coach_json_case_ex(cases[i], strlen(cases[i]), NULL, NULL, &one, &n, err, sizeof err);
        assert_int_equal(rc, rc2);
        if (rc == 0) {
            buf_put(&want, one, n);
            free(one);
        } else assert_int_equal(all.len, before);
    }
    assert_int_equal(all.len, want.len);
    assert_memory_equal(all.p, want.p, all.len);
    assert_true(strstr(all.p, "\"commitments\":[{\"text\":\"We will call you by Friday.\"") != NULL);
    buf_free(&all);
    buf_free(&want);
    coach_report_free(r);
    free(r);
}

/* the fast path (bit masks, 64 bytes a word) and the general step, byte by byte, must tokenize
 * alike: fixed cases for each rule the masks copy, words across the 64-byte blocks and the
 * 1,024-byte windows, and seeded random text made of the pieces those rules are about */
static void expect_same_tokens(const char *s, size_t len)
{
    char why[200];
    if (coach_tok_compare(s, len, NULL, why, sizeof why) != 0) fail_msg("%s in \"%.*s\"", why, (int)(len < 300 ? len : 300), s);
}

static void test_fast_tokenizer_matches_the_general_step(void **state)
{
    (void)state;
    static const char *fixed[] = {
        "", "a", "I", "OK", "ok.", "Don't", "DON'T", "don\xE2\x80\x99t", "l'\xC3\xA9t\xC3\xA9", "caf\xC3\xA9 au lait",
        "it's'", "'tis", "rock'n'roll", "9's", "x'1", "3.50", "1,000", "12:30", "1.2.3", "4.", ".5", "a.b", "e.g. this",
        "Mr. Smith", "approx. 3", "U.S.A. is", "x9Y", "ab'", "ab''cd", "ab'\xC3\xA9", "ab\xE2\x80\x99", "ab\xC3\xA9", "\xC3\xA9" "ab",
        "\xF0\x9F\x98\x80" "ab", "ab\xF0\x9F\x98\x80", "hi!!! why?? ok\xE2\x80\xA6 fine\xE3\x80\x82 yes\xEF\xBC\x81",
        "line one\nline two\n\nthree", "trailing '", "\xFF\xFE bad \xC3 bytes \xE2\x82", "tab\there", "A\x00" "B"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) expect_same_tokens(fixed[i], strlen(fixed[i]));
    expect_same_tokens("A\x00" "B", 3);
    /* a word, a join or an accent at every offset around the block and window edges */
    static const char *edge[] = {"word", "don't", "3.50", "caf\xC3\xA9", "ab'\xC3\xA9", "x!", "e.g.", "THANKS", "\xE2\x80\x99s"};
    char text[1200];
    for (size_t e = 0; e < sizeof edge / sizeof edge[0]; e++)
        for (size_t at = 50; at < 1100; at += (at < 80 || (at > 1000 && at < 1040)) ? 1 : 61) {
            memset(text, ' ', sizeof text);
            for (size_t k = 0; k + 6 < at; k += 6) memcpy(text + k, "abc de", 6);
            size_t n = strlen(edge[e]);
            memcpy(text + at, edge[e], n);
            expect_same_tokens(text, at + n);
            expect_same_tokens(text, at + n + 3);
        }
    /* one long word: over 64 bytes, across a window */
    memset(text, 'x', sizeof text);
    expect_same_tokens(text, sizeof text);
    static const char *pieces[] = {"word", "Word", "WORD", "OK", "I", "a", "don't", "DON'T", "don\xE2\x80\x99t", "l'\xC3\xA9t\xC3\xA9",
                                   "it's'", "'tis", "9's", "x'1", "3.50", "1,000", "12:30", "4.", ".5", "e.g.", "Mr.", "etc.",
                                   "caf\xC3\xA9", "\xC3\x89T", "\xF0\x9F\x98\x80", "\xE2\x80\xA6", "!", "?", "!!!", ".", ",", ":",
                                   "'", "\xE2\x80\x9C", "\xE2\x80\x99", "#44812", "5pm", "not", "very", "but", "thank you",
                                   "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\n", "  ", "\xFF", "x9Y"};
    static const char *gaps[] = {" ", " ", "", ", ", ". ", "\n", "! ", "? ", "'"};
    uint64_t seed = 20261123;
    for (int c = 0; c < 3000; c++) {
        size_t len = 0, want = 1 + (size_t)(c % 40) * 8;
        for (size_t w = 0; w < want && len < sizeof text - 80; w++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *p = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
            const char *g = gaps[(seed >> 20) % (sizeof gaps / sizeof gaps[0])];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
            memcpy(text + len, g, strlen(g));
            len += strlen(g);
        }
        expect_same_tokens(text, len);
    }
}

/* a reply's currency sign ($, £, €) is found anywhere in it, and only a whole one counts */
static void test_reply_facts_find_currency_signs(void **state)
{
    (void)state;
    static const struct { const char *text; bool money; } cases[] = {
        {"It is 5 dollars", false}, {"It is $5", true}, {"$", true}, {"\xC2\xA3" "20 a month", true},
        {"costs 20\xE2\x82\xAC", true}, {"we\xE2\x80\x99ll refund it", false}, {"cut short \xE2\x82", false},
        {"cut short \xC2", false}, {"\xE2\x80\x99\xE2\x80\x99 then \xE2\x82\xAC", true}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ctext r = {.s = cases[i].text, .len = strlen(cases[i].text)}; /* no tokens, no phrases: the byte scan alone */
        coach_reply_facts(&r);
        if (r.facts.money != cases[i].money) fail_msg("money %d for \"%s\"", r.facts.money, cases[i].text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_printf_cuts_at_a_character),
        cmocka_unit_test(test_pool_cat_cuts_at_a_character),
        cmocka_unit_test(test_tokens_classes_and_folds),
        cmocka_unit_test(test_feel_list_is_the_tokens_that_matter),
        cmocka_unit_test(test_abbreviations_do_not_end_sentences),
        cmocka_unit_test(test_stems_meet_and_are_kept),
        cmocka_unit_test(test_hash_forms_agree),
        cmocka_unit_test(test_word_index_finds_every_word_and_only_those),
        cmocka_unit_test(test_phrase_pairs_cover_every_phrase),
        cmocka_unit_test(test_json_case_buf_appends),
        cmocka_unit_test(test_fast_tokenizer_matches_the_general_step),
        cmocka_unit_test(test_reply_facts_find_currency_signs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
