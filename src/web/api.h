#ifndef HEED_API_H
#define HEED_API_H
/* Shared pieces of the JSON API: reading a request body strictly, and writing
 * heed's records as JSON. Every input error becomes a 4xx with
 * {"error":{"code","message","field"?}} and no change. */
#include <jansson.h>
#include "store/records.h"
#include "util/json_out.h"
#include "web/http.h"

/* true for a Content-Type of application/json, with or without parameters */
bool api_is_json(const char *ct);
/* Parses the body as a JSON object whose keys are all in `allowed` (NULL-ended).
 * On any problem fills w and returns NULL. The caller json_decref()s the result. */
json_t *api_read_object(req *r, resp *w, const char *const *allowed);
/* Reads an optional/required string member. Returns false (w filled) on a wrong type or a missing required one. */
bool api_get_str(resp *w, json_t *obj, const char *key, const char *path, bool required, const char **out);
/* Reads an array of strings (for tags) into the arena. */
bool api_get_str_array(req *r, resp *w, json_t *obj, const char *key, const char ***out, int *n, bool *present);
/* Reads an id that may be null: *present tells whether the key was there; *id is 0 for null. */
bool api_get_id_or_null(resp *w, json_t *obj, const char *key, long long *id, bool *present);

/* every query parameter is one of allowed (NULL-ended) and holds no NUL; else w is a 400 */
bool api_check_query(req *r, resp *w, const char *const *allowed);
/* starts a JSON response with status */
void api_begin(resp *w, int status, jw *j);
/* opens the ticket's object and writes its members; the caller adds any more and closes it */
void api_write_ticket(jw *j, const ticket_rec *t);
/* the same, with the customer's panel facts (tickets_count, first_contact_at, tags, notes,
 * language) in its customer object when c is not NULL */
void api_write_ticket_with(jw *j, const ticket_rec *t, const customer_rec *c);
void api_write_message(jw *j, const message_rec *m);
/* the message's members with its object left open, for callers that add more */
void api_write_message_begin(jw *j, const message_rec *m);
void api_write_agent(jw *j, const agent_rec *a);
void api_write_customer(jw *j, const customer_rec *c);
/* commitments (api_commitments.c): one object, or an array of n */
struct commitment_rec;
void api_write_commitment(jw *j, req *r, const struct commitment_rec *c);
void api_write_commitments(jw *j, req *r, const struct commitment_rec *c, int n);
/* the "sla" member of a ticket (api_sla.c): an object, or null when no policy applies */
void api_write_sla(jw *j, req *r, const ticket_rec *t);
struct sla_view;
void api_write_sla_view(jw *j, const struct sla_view *v);
struct handoff_rec;
void api_write_handoff(jw *j, const struct handoff_rec *h);
/* the "attention" member of a ticket (api_attention.c): {score, reasons, waiting_since} */
struct attention;
void api_write_attention(jw *j, const struct attention *a);
void api_write_ticket_attention(jw *j, req *r, const ticket_rec *t);
/* one knowledge-base article (api_kb.c); with_body adds its Markdown and HTML */
struct kb_article_rec;
void api_write_article(jw *j, req *r, const struct kb_article_rec *a, bool with_body);
/* the path parameter id of a ticket route; fills w with a 404 if not a valid id */
bool api_path_id(req *r, resp *w, const char *what, long long *id);

#endif
