#ifndef HEED_UPLOAD_H
#define HEED_UPLOAD_H
/* multipart/form-data bodies on the routes that take files (replies and notes, API and
 * page). libmicrohttpd's post processor splits the body as it arrives: text fields are
 * kept in memory (at most fields_max bytes in all), file parts are streamed into spool
 * files (svc_spool: written and hashed on the way, never held whole). The counts and
 * sizes are judged by the service (svc_attach_check); this only bounds the work: files
 * past ATTACH_COUNT_MAX or past ATTACH_TOTAL_MAX are counted, not written.
 * Lives as long as the connection's request; upload_free removes every spool file that
 * was not moved to the store. */
#include <stdbool.h>
#include <stddef.h>
#include "service/service.h"

struct MHD_Connection;
typedef struct upload upload;

/* true when the request's Content-Type is multipart/form-data */
bool upload_is_multipart(struct MHD_Connection *c);
/* NULL when the post processor cannot be made (not multipart, out of memory) */
upload *upload_start(struct MHD_Connection *c, const char *spool_dir, size_t fields_max);
/* one chunk of the body */
void upload_feed(upload *u, const char *data, size_t n);
/* after the last chunk: ends the last part. 0, or an HTTP status (400 malformed body,
 * 413 fields too large, 500 spool failure) with *code and *message set */
int upload_finish(upload *u, const char **code, const char **message);
void upload_free(upload *u);
/* from now on file parts are only counted, never written (the one being written is
 * removed): a page's upload over the body limit is still read for its text fields */
void upload_drop_files(upload *u);

/* a text field's value (the first of that name), NULL if absent; *has_nul when it held a NUL */
const char *upload_field(const upload *u, const char *name, bool *has_nul);
/* the name of the first text field not in known (NULL-terminated), or NULL */
const char *upload_unknown_field(const upload *u, const char *const *known);
/* the file parts (a file input left empty by a browser is not one); valid until upload_free */
int upload_files(upload *u, mail_attach_in **files);
/* the field name file parts used, first seen (NULL when none) */
const char *upload_file_field(const upload *u);

#endif
