#ifndef HEED_ERR_H
#define HEED_ERR_H
/* herr: an error travelling up as a value. The service layer fills it; the door
 * (API, page, CLI) turns it into a 4xx/5xx, a form message or an exit status.
 * code is a stable machine-readable string ("not_found", "invalid", ...). */
#include <stdbool.h>

typedef struct herr {
    int status;        /* HTTP-like status: 400, 401, 403, 404, 409, 413, 422, 429, 500 */
    const char *code;  /* static string */
    char field[64];    /* the input field at fault, or "" */
    char message[256];
} herr;

/* Sets e (if non-NULL) and returns -1, so callers can write `return herr_set(...)`. */
int herr_set(herr *e, int status, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void herr_clear(herr *e);

#define HERR_INVALID(e, field, ...) herr_set(e, 422, "invalid", field, __VA_ARGS__)
#define HERR_NOT_FOUND(e, what) herr_set(e, 404, "not_found", "", "%s not found", what)
#define HERR_INTERNAL(e, ...) herr_set(e, 500, "internal", "", __VA_ARGS__)

#endif
