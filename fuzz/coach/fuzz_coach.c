/* libFuzzer target for the coach: the first byte picks the door.
 *   even: the bytes are one JSON case for coach_json_case (as `heed coach` sees a line)
 *   odd:  raw bytes straight into coach_analyze, split at the first 0x00 into
 *         customer and reply, with "now" taken from the next 8 bytes; the customer bytes are
 *         also tokenized by the fast path and the general step alone, which must agree
 * Checks the report's invariants, not just the absence of crashes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coach/coach.h"
#include "coach/coach_json.h"
#include "coach/coach_tok_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const coach_input *in, const coach_report *r)
{
    if (r->has_reply) {
        for (size_t i = 0; i < r->reply.nflags; i++) {
            const coach_flag *f = &r->reply.flags[i];
            if (f->start > f->end || f->end > in->reply_len || !f->why || !f->suggestion) abort();
        }
        for (size_t i = 0; i < r->reply.ncommitments; i++)
            if (r->reply.commitments[i].start > r->reply.commitments[i].end || r->reply.commitments[i].end > in->reply_len) abort();
        for (int i = 0; i < COACH_SCORE_COUNT; i++)
            if (r->reply.scores[i] < 0 || r->reply.scores[i] > 100) abort();
    }
    if (r->has_customer) {
        if (!(r->customer.sentiment >= -1 && r->customer.sentiment <= 1)) abort();
        if (r->customer.politeness < 0 || r->customer.politeness > 100) abort();
        for (size_t i = 0; i < r->customer.nquestions; i++)
            if (r->customer.questions[i].end > in->customer_len) abort();
        /* the words behind each reading: inside the text, and only for a reading that is on */
        for (int k = 0; k < COACH_WHY_COUNT; k++) {
            const coach_because *b = &r->customer.because[k];
            if (b->n > COACH_BECAUSE_MAX) abort();
            for (uint32_t j = 0; j < b->n; j++)
                if (b->span[j].start >= b->span[j].end || b->span[j].end > in->customer_len) abort();
        }
        if (r->customer.because[COACH_WHY_EMOTION].n && r->customer.emotion == COACH_EMO_NEUTRAL) abort();
        if (r->customer.because[COACH_WHY_URGENT].n && !r->customer.urgent) abort();
        if (r->customer.because[COACH_WHY_COMPLAINT].n && !r->customer.complaint) abort();
        if (r->customer.because[COACH_WHY_REPEAT].n && !r->customer.repeat_contact) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if ((data[0] & 1) == 0) {
        char *out = NULL, err[256];
        size_t n;
        const char *in = (const char *)data + 1;
        int rc = coach_json_case(in, size - 1, &out, &n, err, sizeof err);
        if (rc == 0 && (!out || strlen(out) != n)) abort();
        /* the fast reader and jansson must agree: same status, same message, and the same
         * report (when "now" is given; without it each call reads the clock) */
        char *out2 = NULL, err2[256];
        size_t n2;
        int rc2 = coach_json_case_jansson(in, size - 1, NULL, NULL, &out2, &n2, err2, sizeof err2);
        if (rc != rc2) abort();
        if (rc != 0 && strcmp(err, err2)) abort();
        if (rc == 0 && memmem(in, size - 1, "\"now\"", 5) && (n != n2 || memcmp(out, out2, n))) abort();
        free(out);
        free(out2);
        return 0;
    }
    const uint8_t *p = data + 1;
    size_t len = size - 1;
    long long now = 0;
    if (len >= 8) { memcpy(&now, p, 8); p += 8; len -= 8; }
    const uint8_t *z = memchr(p, 0, len);
    coach_input in = {.now = now};
    in.customer = (const char *)p;
    in.customer_len = z ? (size_t)(z - p) : len;
    if (z) { in.reply = (const char *)z + 1; in.reply_len = len - in.customer_len - 1; }
    if (data[0] & 2) { in.customer_name = "Sam Lee"; in.customer_name_len = 7; }
    static coach_report *r; /* reused, as heed coach does; scratch stays between runs */
    if (!r) { r = malloc(sizeof *r); coach_report_init(r); }
    if (coach_analyze(&in, r) == 0) check(&in, r);
    char why[200];
    if (coach_tok_compare(in.customer, in.customer_len, NULL, why, sizeof why) != 0) {
        fprintf(stderr, "fast and general tokenizers differ: %s\n", why);
        abort();
    }
    return 0;
}
