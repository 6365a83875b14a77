/* The coach's reading of a customer's message, for the ticket page's mood chips.
 * Only the public coach.h API; one analysis is a few microseconds. */
#include <stdlib.h>
#include <string.h>
#include "coach/coach.h"
#include "service/service.h"

size_t svc_coach_text_len(const char *text)
{
    size_t n = text ? strnlen(text, COACH_TEXT_MAX + 1) : 0;
    if (n <= COACH_TEXT_MAX) return n;
    n = COACH_TEXT_MAX;
    while (n && ((unsigned char)text[n] & 0xC0) == 0x80) n--; /* not inside a character */
    return n;
}

/* "“Gone”, “years of work”": each span quoted, cut at a character to fit SVC_BECAUSE_LEN */
static void because_text(const char *text, const coach_because *b, char out[SVC_BECAUSE_LEN])
{
    size_t n = 0;
    out[0] = 0;
    for (uint32_t j = 0; j < b->n; j++) {
        size_t len = b->span[j].end - b->span[j].start;
        if (len > 60) { len = 60; while (len && ((unsigned char)text[b->span[j].start + len] & 0xC0) == 0x80) len--; }
        if (n + len + 12 >= SVC_BECAUSE_LEN) break;
        if (j) { memcpy(out + n, ", ", 2); n += 2; }
        memcpy(out + n, "\xE2\x80\x9C", 3); n += 3; /* “ */
        memcpy(out + n, text + b->span[j].start, len); n += len;
        memcpy(out + n, "\xE2\x80\x9D", 3); n += 3; /* ” */
        out[n] = 0;
    }
}

int svc_coach_mood(const char *text, const coach_lexicon *lexicon, svc_mood *out)
{
    memset(out, 0, sizeof *out);
    out->emotion = "neutral";
    out->language = "en";
    if (!text || !*text) return 0;
    coach_report *r = malloc(sizeof *r); /* ~26 KB: too big for a pool thread's stack */
    if (!r) return -1;
    coach_report_init(r);
    coach_input in = {.customer = text, .customer_len = svc_coach_text_len(text), .extra = lexicon};
    int rc = coach_analyze(&in, r);
    if (!rc) {
        const coach_customer_report *c = &r->customer;
        out->emotion = coach_emotion_name(c->emotion);
        out->sentiment = c->sentiment;
        out->urgent = c->urgent;
        out->repeat_contact = c->repeat_contact;
        out->complaint = c->complaint;
        out->thanks = c->thanks;
        out->questions = (int)c->nquestions;
        out->language = coach_language_code(c->language);
        for (int k = 0; k < COACH_WHY_COUNT && k < 4; k++) because_text(text, &c->because[k], out->because[k]);
    }
    coach_report_free(r);
    free(r);
    return rc;
}
