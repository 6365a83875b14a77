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
    }
    /* the helpers on their own, on raw bytes */
    must_be_text(mail_html_to_text(&a, (const char *)data, size), false);
    const char *u = mail_to_utf8(&a, (const char *)data, size, size && data[0] & 1 ? "shift_jis" : "utf-8");
    must_be_text(mail_clean_text(&a, u, strlen(u), true), false);
    arena_free(&a);
    return 0;
}
