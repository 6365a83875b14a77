/* POST /api/v1/coach: one coach case in, the coach's report out (the same
 * object `heed coach` writes per line), with the organisation's lexicon when
 * heed serve has one (--coach-lexicon). The reply box calls it as you type, with the
 * ticket's reading of the customer ("reading") and the agent's earlier replies ("earlier"). */
#include <stdlib.h>
#include <string.h>
#include "coach/coach_json.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

void api_coach(req *r, resp *w)
{
    const char *ct = req_header(r, "Content-Type");
    if (!api_is_json(ct))
        return resp_json_error(w, 415, "unsupported_media_type", NULL, "send the body as Content-Type: application/json");
    if (!r->body || !r->body_len) return resp_json_error(w, 400, "malformed_json", NULL, "the request body is empty; send a JSON object");
    if (!utf8_valid(r->body, r->body_len)) return resp_json_error(w, 400, "invalid_utf8", NULL, "the request body is not valid UTF-8");
    char *out = NULL, err[256];
    size_t len = 0;
    if (coach_json_case_ex(r->body, r->body_len, r->coach_lexicon, NULL, &out, &len, err, sizeof err)) {
        /* the same codes as every other endpoint (README: errors) */
        if (!strncmp(err, "malformed JSON", 14) || !strncmp(err, "a case must be", 14))
            return resp_json_error(w, 400, "malformed_json", NULL, err);
        if (!strncmp(err, "unknown field", 13) || strstr(err, ": unknown field")) return resp_json_error(w, 400, "unknown_field", NULL, err);
        if (strstr(err, ": expected a string") || strstr(err, ": expected an object") || strstr(err, ": expected true or false"))
            return resp_json_error(w, 400, "wrong_type", NULL, err);
        if (!strcmp(err, "out of memory")) return resp_json_error(w, 500, "internal", NULL, "internal error; see the server log");
        /* "now: ..." or "tz: ...": the message names the field; so does the error */
        const char *field = !strncmp(err, "tz:", 3) ? "tz" : !strncmp(err, "now:", 4) ? "now"
                          : !strncmp(err, "reading.emotion:", 16) ? "reading.emotion" : NULL;
        return resp_json_error(w, 422, "invalid", field, err);
    }
    w->status = 200;
    w->content_type = "application/json";
    buf_reset(&w->body);
    buf_put(&w->body, out, len);
    free(out);
}
