/* libFuzzer target for the email parse path: mail_parse (GMime, charsets, HTML to
 * text, display cut) on arbitrary bytes. Besides ASan/UBSan, it checks heed's own
 * promise: whatever comes in, what comes out is valid UTF-8 without control
 * characters, and the subject fits. Seeded from tests/data/mail (make fuzz-mail). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mail/mail.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must_be_text(const char *s, bool one_line)
{
    if (!s) return;
    size_t n = strlen(s);
    if (!utf8_valid(s, n) || !text_clean(s, n)) abort();
    if (one_line && strpbrk(s, "\r\n")) abort();
}

/* the sanitiser's output: valid UTF-8, and every tag is one heed writes, with only
 * the attributes it writes (href with an allowed scheme, rel, target, colspan, rowspan) */
static void must_be_safe_html(const char *h)
{
    if (!h) return;
    if (!utf8_valid(h, strlen(h))) abort();
    for (const char *p = strchr(h, '<'); p; p = strchr(p + 1, '<')) {
        const char *end = strchr(p, '>');
        if (!end) abort();
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        for (const char *q = sp; q && q < end;) {
            q++;
            if (!strncmp(q, "href=\"http://", 13) || !strncmp(q, "href=\"https://", 14) || !strncmp(q, "href=\"mailto:", 13) ||
                !strncmp(q, "rel=\"", 5) || !strncmp(q, "target=\"", 8) || !strncmp(q, "colspan=\"", 9) ||
                !strncmp(q, "rowspan=\"", 9)) {
                const char *v = strchr(q, '"');
                v = v ? strchr(v + 1, '"') : NULL;
                if (!v || v > end) abort();
                q = v + 1;
                if (q < end && *q != ' ') abort();
                continue;
            }
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    mail_in m;
    herr e;
    if (mail_parse((const char *)data, size, &a, &m, &e) == 0) {
        if (!m.message_id || !*m.message_id || !m.from_email || !email_valid(m.from_email)) abort();
        must_be_text(m.message_id, true);
        must_be_text(m.subject, true);
        if (!*m.subject || strlen(m.subject) > SUBJECT_MAX) abort();
        must_be_text(m.from_name, true);
        must_be_text(m.body, false);
        must_be_text(m.display, false);
        for (int i = 0; i < m.nrefs; i++) must_be_text(m.refs[i], true);
        if (m.nrefs > MAIL_MAX_REFS) abort();
        must_be_safe_html(m.html);
    }
    /* the helpers on their own, on raw bytes */
    must_be_text(mail_html_to_text(&a, (const char *)data, size), false);
    const char *u = mail_to_utf8(&a, (const char *)data, size, size && data[0] & 1 ? "shift_jis" : "utf-8");
    must_be_text(mail_clean_text(&a, u, strlen(u), true), false);
    must_be_safe_html(mail_html_sanitize(&a, u, strlen(u)));
    arena_free(&a);
    return 0;
}
