/* Unit tests for src/util: buf, arena, JSON writer, text checks, time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "service/service.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/json_out.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "util/tz.h"

static void buf_grows_and_formats(void **state)
{
    buf b;
    buf_init(&b, 4);
    for (int i = 0; i < 1000; i++) buf_putc(&b, 'x');
    assert_int_equal(b.len, 1000);
    buf_reset(&b);
    buf_printf(&b, "%s-%d", "abc", 42);
    buf_put_int(&b, -9223372036854775807LL - 1);
    assert_string_equal(b.p, "abc-42-9223372036854775808");
    char *s = buf_steal(&b);
    assert_null(b.p);
    free(s);
}

static void arena_allocates_aligned_zeroed_memory(void **state)
{
    arena a;
    arena_init(&a);
    for (int i = 0; i < 5000; i++) {
        unsigned char *p = arena_alloc(&a, (size_t)(i % 100) + 1);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (int k = 0; k < i % 100 + 1; k++) assert_int_equal(p[k], 0);
        memset(p, 0xff, (size_t)(i % 100) + 1);
    }
    char *big = arena_alloc(&a, 1 << 20);
    assert_non_null(big);
    assert_string_equal(arena_printf(&a, "%s/%d", "t", 7), "t/7");
    int *arr = NULL, n = 0, cap = 0;
    for (int i = 0; i < 100; i++) *(int *)arena_push(&a, &arr, &n, &cap, sizeof *arr) = i;
    assert_int_equal(n, 100);
    for (int i = 0; i < 100; i++) assert_int_equal(arr[i], i);
    arena_reset(&a);
    arena_free(&a);
}

static void json_writer_escapes_and_separates(void **state)
{
    buf b;
    buf_init(&b, 16);
    jw j;
    jw_init(&j, &b);
    jw_obj(&j);
    jw_kstr(&j, "s", "a\"b\\c\n\x01 é");
    jw_kint(&j, "n", -5);
    jw_key(&j, "arr");
    jw_arr(&j);
    jw_int(&j, 1);
    jw_obj(&j);
    jw_end_obj(&j);
    jw_null(&j);
    jw_end_arr(&j);
    jw_kid(&j, "owner", 0);
    jw_kbool(&j, "ok", true);
    jw_end_obj(&j);
    assert_string_equal(b.p, "{\"s\":\"a\\\"b\\\\c\\n\\u0001 é\",\"n\":-5,\"arr\":[1,{},null],\"owner\":null,\"ok\":true}");
    buf_free(&b);
}

static void utf8_validation_rejects_bad_sequences(void **state)
{
    assert_true(utf8_valid("plain", 5));
    assert_true(utf8_valid("caf\xc3\xa9 \xf0\x9f\x98\x80", 10));
    assert_false(utf8_valid("\xc3", 1));             /* truncated */
    assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    assert_false(utf8_valid("\xff", 1));
    assert_true(text_clean("a\tb\nc\r", 6));
    assert_false(text_clean("a\x01", 2));
    assert_false(text_clean("a\x7f", 2));
}

static void emails_and_ids_are_checked(void **state)
{
    assert_true(email_valid("ana@example.com"));
    assert_false(email_valid("ana@example"));
    assert_false(email_valid("@example.com"));
    assert_false(email_valid("a b@example.com"));
    assert_false(email_valid("a@b@example.com"));
    assert_false(email_valid("ana@.com"));
    long long id;
    assert_true(parse_id("42", &id));
    assert_int_equal(id, 42);
    assert_false(parse_id("0", &id));
    assert_false(parse_id("-1", &id));
    assert_false(parse_id("4x", &id));
    assert_false(parse_id("", &id));
    assert_false(parse_id("9999999999999999999", &id));
    char s[] = "  Hello World \n";
    assert_string_equal(str_trim(s), "Hello World");
    str_lower(s);
    assert_string_equal(s, "hello world");
}

static void iso_times_round_trip(void **state)
{
    char out[ISO_LEN];
    time_t t;
    assert_true(time_parse_iso("2026-11-23T10:00:00Z", &t));
    time_iso(t, out);
    assert_string_equal(out, "2026-11-23T10:00:00Z");
    assert_true(time_parse_iso("2026-11-23T10:00:00.123+00:00", &t));
    assert_false(time_parse_iso("2026-13-23T10:00:00Z", &t));
    assert_false(time_parse_iso("2026-11-23 10:00:00", &t));
    assert_false(time_parse_iso("2026-11-23T10:00:00+02:00", &t));
}

/* json_escape's 16- and 8-byte fast paths against a byte-at-a-time reference, with each special
 * byte at every position of strings up to 40 bytes */
static void ref_escape(buf *b, const unsigned char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '"') buf_puts(b, "\\\"");
        else if (c == '\\') buf_puts(b, "\\\\");
        else if (c == '\n') buf_puts(b, "\\n");
        else if (c == '\r') buf_puts(b, "\\r");
        else if (c == '\t') buf_puts(b, "\\t");
        else if (c < 0x20) { char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]}; buf_put(b, u, 6); }
        else buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

static void test_json_escape_every_position(void **state)
{
    (void)state;
    static const unsigned char specials[] = {0x00, 0x01, 0x08, '\t', '\n', '\r', 0x1F, '"', '\\', 0x20, 0x7F, 0x80, 0xA0, 0xDC, 0xFF, '/'};
    unsigned char s[56];
    buf a, b;
    buf_init(&a, 64);
    buf_init(&b, 64);
    for (size_t n = 0; n <= 48; n++)
        for (size_t at = 0; at < (n ? n : 1); at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                for (size_t i = 0; i < n; i++) s[i] = (unsigned char)('a' + i % 26);
                if (n) s[at] = specials[k];
                if (n > 20) s[n - 1 - at / 2] = specials[(k + 3) % sizeof specials];
                /* a third, so the fast path restarts after an escape at every offset too */
                if (n > 33) s[(at + 17) % n] = specials[(k + 5) % sizeof specials];
                buf_reset(&a);
                buf_reset(&b);
                json_escape(&a, (const char *)s, n);
                ref_escape(&b, s, n);
                assert_int_equal(a.len, b.len);
                assert_memory_equal(a.p, b.p, a.len);
            }
    buf_free(&a);
    buf_free(&b);
}

static void iso_times_with_offsets(void **state)
{
    time_t t;
    int off;
    assert_true(time_parse_iso_offset("2026-11-23T10:00:00-05:00", &t, &off));
    assert_int_equal(t, 1795446000); /* 15:00 UTC */
    assert_int_equal(off, -300);
    assert_true(time_parse_iso_offset("2026-11-23T10:00:00+05:30", &t, &off));
    assert_int_equal(t, 1795428000 - 330 * 60);
    assert_int_equal(off, 330);
    assert_true(time_parse_iso_offset("2026-11-23T10:00:00Z", &t, &off));
    assert_int_equal(off, 0);
    assert_false(time_parse_iso_offset("2026-11-23T10:00:00+14:30", &t, &off));
    assert_false(time_parse_iso_offset("2026-11-23T10:00:00-0a:00", &t, &off));
    assert_false(time_parse_iso_offset("2026-11-23T10:00:00", &t, &off));
    assert_false(time_parse_iso_offset("2026-11-23 10:00:00-05:00", &t, &off));
}

static void time_zones_from_the_tz_database(void **state)
{
    tz_view v;
    /* New York on 2026-10-30 (EDT), then EST from Sunday 1 November 06:00 UTC */
    assert_true(tz_at("America/New_York", 1793372400LL, &v));
    assert_int_equal(v.offset, -240);
    assert_string_equal(v.abbr, "EDT");
    assert_true(v.nchanges >= 2);
    assert_int_equal(v.change[0].at, 1793512800LL);
    assert_int_equal(v.change[0].offset, -300);
    assert_string_equal(v.change[0].abbr, "EST");
    assert_int_equal(v.change[1].offset, -240);
    assert_true(tz_at("Europe/London", 1795428000LL, &v));
    assert_int_equal(v.offset, 0);
    assert_string_equal(v.abbr, "GMT");
    assert_true(tz_at("Asia/Kolkata", 1795428000LL, &v));
    assert_int_equal(v.offset, 330);
    assert_string_equal(v.abbr, "IST");
    assert_int_equal(v.nchanges, 0);
    assert_true(tz_at("UTC", 0, &v));
    assert_int_equal(v.offset, 0);
    assert_true(tz_valid("America/Argentina/Buenos_Aires"));
    assert_true(tz_valid("Etc/GMT+5"));
    static const char *const bad[] = {"", "Mars/Base", "America", "../../etc/passwd", "/etc/passwd", "America//New_York",
                                      "America/New_York/", "America/New York", "zone1970.tab", ".", "America/New_York\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (tz_valid(bad[i])) fail_msg("\"%s\" accepted as a time zone", bad[i]);
}

/* "Last, First" from mail reads as people write it; a company or a suffix stays as it is */
static void names_read_as_people_write_them(void **state)
{
    static const char *const table[][2] = {
        {"Okafor, Tunde", "Tunde Okafor"},
        {"Okafor,Tunde", "Tunde Okafor"},
        {" Rossi , Mia Anna ", "Mia Anna Rossi"},
        {"Nguyễn, Thị", "Thị Nguyễn"},
        {"O'Neil-Smith, J.", "J. O'Neil-Smith"},
        {"Tunde Okafor", "Tunde Okafor"},
        {"Acme, Inc.", "Acme, Inc."},
        {"Acme, Inc", "Acme, Inc"},
        {"Smith, Jr.", "Smith, Jr."},
        {"Dr. Who, PhD", "Dr. Who, PhD"},
        {"Widgets Ltd, Sales", "Widgets Ltd, Sales"},
        {"van Dijk, Anna", "van Dijk, Anna"},
        {"Okafor, Tunde, CEO", "Okafor, Tunde, CEO"},
        {"Room 101, Floor 2", "Room 101, Floor 2"},
        {"Support, Billing Team Europe", "Support, Billing Team Europe"},
        {",", ","},
        {"Okafor,", "Okafor,"},
    };
    arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *got = svc_name_as_written(&a, table[i][0]);
        if (strcmp(got, table[i][1])) fail_msg("\"%s\" -> \"%s\", want \"%s\"", table[i][0], got, table[i][1]);
    }
    assert_null(svc_name_as_written(&a, NULL));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escape_every_position),
        cmocka_unit_test(buf_grows_and_formats),
        cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
        cmocka_unit_test(json_writer_escapes_and_separates),
        cmocka_unit_test(utf8_validation_rejects_bad_sequences),
        cmocka_unit_test(emails_and_ids_are_checked),
        cmocka_unit_test(iso_times_round_trip),
        cmocka_unit_test(iso_times_with_offsets),
        cmocka_unit_test(time_zones_from_the_tz_database),
        cmocka_unit_test(names_read_as_people_write_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
