/* Accessors for req and helpers for resp (see http.h). */
#include <microhttpd.h>
#include <string.h>
#include "util/json_out.h"
#include "util/text.h"
#include "util/timeutil.h"
#include "web/http.h"
#include "web/upload.h"

const char *req_query(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f') return (c | 32) - 'a' + 10;
    return -1;
}

char *url_decode(arena *a, const char *src, size_t n, bool form)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (src[i] == '%' && i + 2 < n && hexval(src[i + 1]) >= 0 && hexval(src[i + 2]) >= 0) {
            *o++ = (char)(hexval(src[i + 1]) * 16 + hexval(src[i + 2]));
            i += 2;
        } else if (form && src[i] == '+') {
            *o++ = ' ';
        } else {
            *o++ = src[i];
        }
    }
    *o = 0;
    return out;
}

const char *req_form(req *r, const char *name)
{
    if (r->upload) return upload_field(r->upload, name, NULL);
    if (!r->body) return NULL;
    size_t nlen = strlen(name);
    const char *p = r->body, *end = r->body + r->body_len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        if (eq) {
            char *key = url_decode(&r->a, p, (size_t)(eq - p), true);
            if (strlen(key) == nlen && !memcmp(key, name, nlen))
                return url_decode(&r->a, eq + 1, (size_t)(stop - eq - 1), true);
        }
        p = stop + 1;
    }
    return NULL;
}

int req_form_all(req *r, const char *name, const char **out, int max)
{
    int n = 0;
    if (r->upload || !r->body) return 0;
    size_t nlen = strlen(name);
    const char *p = r->body, *end = r->body + r->body_len;
    while (p < end && n < max) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        if (eq) {
            char *key = url_decode(&r->a, p, (size_t)(eq - p), true);
            if (strlen(key) == nlen && !memcmp(key, name, nlen)) out[n++] = url_decode(&r->a, eq + 1, (size_t)(stop - eq - 1), true);
        }
        p = stop + 1;
    }
    return n;
}

bool req_param_id(req *r, int i, long long *out)
{
    return i < r->nparams && parse_id(r->params[i], out);
}

const char *req_cursor_of(req *r, const ticket_rec *last)
{
    return arena_printf(&r->a, "%s_%lld", last->updated_at, last->id);
}

bool req_cursor_parse(req *r, const char *cursor, ticket_filter *f)
{
    const char *us = strrchr(cursor, '_');
    time_t t;
    long long id;
    if (!us || us - cursor > 40) return false;
    char *when = arena_strndup(&r->a, cursor, (size_t)(us - cursor));
    if (!time_parse_iso(when, &t) || !parse_id(us + 1, &id)) return false;
    f->after_updated = when;
    f->after_id = id;
    return true;
}

void resp_header(resp *w, const char *name, const char *value)
{
    if (w->nheaders == MAX_RESP_HEADERS) return;
    w->hname[w->nheaders] = name;
    w->hvalue[w->nheaders++] = value;
}

void resp_redirect(resp *w, const char *location)
{
    w->status = 303;
    resp_header(w, "Location", location);
}

void resp_json_error(resp *w, int status, const char *code, const char *field, const char *message)
{
    w->status = status;
    w->content_type = "application/json";
    buf_reset(&w->body);
    jw j;
    jw_init(&j, &w->body);
    jw_obj(&j);
    jw_key(&j, "error");
    jw_obj(&j);
    /* messages and fields may quote the request (a field name, a path): never bytes that are not UTF-8 */
    char msg[600], fld[200];
    utf8_scrub(message ? message : "", msg, sizeof msg);
    jw_kstr(&j, "code", code);
    jw_kstr(&j, "message", msg);
    if (field && *field) {
        utf8_scrub(field, fld, sizeof fld);
        jw_kstr(&j, "field", fld);
    }
    jw_end_obj(&j);
    jw_end_obj(&j);
}

void resp_herr(resp *w, const herr *e)
{
    int status = e->status ? e->status : 500;
    resp_json_error(w, status, e->code ? e->code : "internal", e->field,
                    status >= 500 ? "internal error; see the server log" : e->message);
}
