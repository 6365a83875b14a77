#ifndef HEED_HTTP_H
#define HEED_HTTP_H
/* The request and response every handler sees. web/server.c fills a req from
 * libmicrohttpd, runs the route's handler, and sends the resp. Handlers never
 * touch libmicrohttpd themselves.
 *
 * Memory: everything a handler allocates for one request comes from r->a (an
 * arena freed when the request ends); the response body is a buf owned by resp. */
#include <stdbool.h>
#include <stddef.h>
#include "service/service.h"
#include "util/arena.h"
#include "util/buf.h"

struct MHD_Connection;
struct upload;
struct coach_lexicon;

enum { MAX_PATH_PARAMS = 4, MAX_RESP_HEADERS = 6 };

typedef struct req {
    const char *method;
    const char *path;
    struct MHD_Connection *conn;
    const char *body;
    size_t body_len;
    arena a;
    svc s;               /* db, arena and actor for service calls */
    agent_rec agent;     /* the signed-in agent, when authed */
    bool authed;
    bool via_session;    /* signed in by browser cookie (CSRF applies) rather than bearer token */
    const char *session_token;
    const char *csrf;    /* the session's CSRF token */
    const char *params[MAX_PATH_PARAMS];
    int nparams;
    const char *form_raw; /* parsed lazily: see req_form */
    struct upload *upload; /* a multipart/form-data body on a route that takes files (upload.h); else NULL */
    bool upload_too_large; /* a page's upload over the body limit: text fields read, files only counted */
    const struct coach_lexicon *coach_lexicon; /* the organisation's (heed serve --coach-lexicon), or NULL */
    const char *default_tz; /* agents' default time zone (heed serve --timezone), or NULL: UTC */
    const char *public_url; /* the public_url setting ("" or NULL: unknown; the Host header stands in) */
    bool secure_cookies;    /* served over HTTPS (public_url https://): cookies are Secure */
} req;

typedef struct resp {
    int status;
    const char *content_type;
    buf body;
    const char *hname[MAX_RESP_HEADERS], *hvalue[MAX_RESP_HEADERS];
    int nheaders;
    struct events_stream *stream; /* set: the answer is this event stream, not body (events.h) */
} resp;

/* query-string argument, or NULL */
const char *req_query(req *r, const char *name);
/* request header, or NULL */
const char *req_header(req *r, const char *name);
const char *req_cookie(req *r, const char *name);
/* a field of an application/x-www-form-urlencoded body, decoded, or a text field of a
 * multipart/form-data one (r->upload); NULL if absent */
const char *req_form(req *r, const char *name);
/* every value of a repeated form field (checkboxes), at most max; how many */
int req_form_all(req *r, const char *name, const char **out, int max);
/* a path parameter ({id}) as a positive integer; false if not one */
bool req_param_id(req *r, int i, long long *out);

/* The keyset cursor of ticket lists, "<updated_at>_<id>" of the last ticket shown,
 * shared by the API (next_cursor) and the inbox's "Older tickets" link. */
const char *req_cursor_of(req *r, const ticket_rec *last);
/* fills f->after_updated/after_id from a cursor; false if it is not one heed made */
bool req_cursor_parse(req *r, const char *cursor, ticket_filter *f);

void resp_header(resp *w, const char *name, const char *value); /* value must outlive the response */
void resp_redirect(resp *w, const char *location);               /* 303 See Other */

/* JSON responses */
void resp_json_error(resp *w, int status, const char *code, const char *field, const char *message);
void resp_herr(resp *w, const herr *e);

/* percent-decodes src into the arena ('+' becomes space when form is true) */
char *url_decode(arena *a, const char *src, size_t n, bool form);

#endif
