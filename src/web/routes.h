#ifndef HEED_ROUTES_H
#define HEED_ROUTES_H
/* The route table: every URL heed answers, with the role it needs. It is one
 * screen in routes.c, so the security review of the whole surface is one read. */
#include "web/http.h"

typedef void (*handler_fn)(req *r, resp *w);
enum access { ACCESS_PUBLIC, ACCESS_AGENT, ACCESS_ADMIN };
enum route_kind { ROUTE_API, ROUTE_PAGE };

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/tickets/{id}": {x} matches one non-empty segment */
    handler_fn fn;
    enum access access;
    enum route_kind kind;
};

/* Finds the route for method+path and fills r->params. Returns NULL if none;
 * then *path_known tells whether the path exists with another method (405). */
const struct route *route_match(const char *method, const char *path, req *r, bool *path_known);
/* whether method+path also takes multipart/form-data with files, streamed to disk
 * (upload.h): replies and notes, in the API and on the ticket page */
bool route_takes_files(const char *method, const char *path);

#endif
