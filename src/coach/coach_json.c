/* coach_json: validates one JSON case with jansson (strict: unknown fields and
 * wrong types are errors), runs the coach, and writes the report with jw_*. */
#include "coach/coach_json.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "util/buf.h"
#include "util/json_out.h"
#include "util/timeutil.h"

static void iso(long long t, char out[48])
{
    int y, mo, d, h, mi, s, wd;
    coach_civil_public(t, &y, &mo, &d, &h, &mi, &s, &wd);
    snprintf(out, 48, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo, d, h, mi, s);
}

static void write_report(buf *b, const coach_report *r, const char *customer, const char *reply)
{
    jw w;
    jw_init(&w, b);
    jw_obj(&w);
    if (r->has_customer) {
        const coach_customer_report *c = &r->customer;
        jw_key(&w, "customer");
        jw_obj(&w);
        jw_key(&w, "sentiment");
        jw_num(&w, (double)(long long)(c->sentiment * 1000 + (c->sentiment < 0 ? -0.5 : 0.5)) / 1000.0);
        jw_kstr(&w, "emotion", coach_emotion_name(c->emotion));
        jw_kbool(&w, "urgent", c->urgent);
        jw_kbool(&w, "thanks", c->thanks);
        jw_kbool(&w, "repeat_contact", c->repeat_contact);
        jw_kbool(&w, "complaint", c->complaint);
        jw_kint(&w, "politeness", c->politeness);
        jw_key(&w, "questions");
        jw_arr(&w);
        for (size_t i = 0; i < c->nquestions; i++)
            jw_strn(&w, customer + c->questions[i].start, c->questions[i].end - c->questions[i].start);
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    if (r->has_reply) {
        const coach_reply_report *p = &r->reply;
        jw_key(&w, "reply");
        jw_obj(&w);
        jw_key(&w, "scores");
        jw_obj(&w);
        for (int i = 0; i < COACH_SCORE_COUNT; i++) jw_kint(&w, coach_score_name((coach_score_code)i), p->scores[i]);
        jw_end_obj(&w);
        jw_key(&w, "strengths");
        jw_arr(&w);
        for (int i = 0; i < COACH_STRENGTH_COUNT; i++)
            if (p->strengths & (1u << i)) jw_str(&w, coach_strength_name((coach_strength_code)i));
        jw_end_arr(&w);
        jw_key(&w, "flags");
        jw_arr(&w);
        for (size_t i = 0; i < p->nflags; i++) {
            const coach_flag *f = &p->flags[i];
            jw_obj(&w);
            jw_kstr(&w, "code", coach_flag_name(f->code));
            jw_kint(&w, "start", f->start);
            jw_kint(&w, "end", f->end);
            jw_key(&w, "text");
            jw_strn(&w, reply + f->start, f->end - f->start);
            jw_kstr(&w, "why", f->why);
            jw_kstr(&w, "suggestion", f->suggestion);
            jw_end_obj(&w);
        }
        jw_end_arr(&w);
        jw_key(&w, "commitments");
        jw_arr(&w);
        for (size_t i = 0; i < p->ncommitments; i++) {
            const coach_commitment *c = &p->commitments[i];
            jw_obj(&w);
            jw_key(&w, "text");
            jw_strn(&w, reply + c->start, c->end - c->start);
            jw_key(&w, "due");
            if (c->has_due) {
                char d[48];
                iso(c->due, d);
                jw_str(&w, d);
            } else jw_null(&w);
            jw_end_obj(&w);
        }
        jw_end_arr(&w);
        jw_key(&w, "answered");
        jw_arr(&w);
        for (size_t i = 0; i < (r->has_customer ? r->customer.nquestions : 0); i++) jw_bool(&w, p->answered[i]);
        jw_end_arr(&w);
        jw_end_obj(&w);
    }
    jw_end_obj(&w);
}

int coach_json_case_ex(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse,
                       char **out_json, size_t *out_len, char *err, size_t errlen)
{
    *out_json = NULL;
    *out_len = 0;
    json_error_t je;
    json_t *root = json_loadb(in, in_len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "malformed JSON at column %d: %s", je.column, je.text);
        return -1;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        snprintf(err, errlen, "a case must be a JSON object");
        return -1;
    }
    /* name the field at fault; jansson's own messages do not */
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        if (strcmp(key, "customer") && strcmp(key, "reply") && strcmp(key, "now") && strcmp(key, "customer_name")) {
            snprintf(err, errlen, "unknown field \"%.64s\"", key);
            json_decref(root);
            return -1;
        }
        if (!json_is_string(val)) {
            static const char *const types[] = {"an object", "an array", "a string", "an integer", "a number", "true", "false", "null"};
            snprintf(err, errlen, "%s: expected a string, got %s", key, types[json_typeof(val)]);
            json_decref(root);
            return -1;
        }
    }
    const char *customer = NULL, *reply = NULL, *now_s = NULL, *name = NULL;
    size_t clen = 0, rlen = 0, nlen = 0;
    if (json_unpack_ex(root, &je, JSON_STRICT, "{s?s%, s?s%, s?s, s?s%}", "customer", &customer, &clen, "reply",
                       &reply, &rlen, "now", &now_s, "customer_name", &name, &nlen) < 0) {
        snprintf(err, errlen, "%s", je.text);
        json_decref(root);
        return -1;
    }
    time_t now;
    if (now_s) {
        if (!time_parse_iso(now_s, &now)) {
            snprintf(err, errlen, "now: expected an ISO-8601 UTC time like 2026-11-23T10:00:00Z");
            json_decref(root);
            return -1;
        }
    } else now = time(NULL);
    coach_input ci = {.customer = customer, .customer_len = clen, .reply = reply, .reply_len = rlen,
                      .customer_name = name, .customer_name_len = nlen, .now = (long long)now, .extra = extra};
    coach_report *r = reuse;
    if (!r) {
        r = malloc(sizeof *r);
        if (!r) { json_decref(root); snprintf(err, errlen, "out of memory"); return -1; }
        coach_report_init(r);
    }
    int rc = coach_analyze(&ci, r);
    if (rc == 0) {
        buf b;
        buf_init(&b, 512 + rlen / 4);
        write_report(&b, r, customer, reply);
        *out_len = b.len;
        *out_json = buf_steal(&b);
    } else snprintf(err, errlen, "out of memory");
    if (!reuse) { coach_report_free(r); free(r); }
    json_decref(root);
    return rc;
}

int coach_json_case(const char *in, size_t in_len, char **out_json, size_t *out_len, char *err, size_t errlen)
{
    return coach_json_case_ex(in, in_len, NULL, NULL, out_json, out_len, err, errlen);
}
