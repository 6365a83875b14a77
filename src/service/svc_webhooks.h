#ifndef HEED_SVC_WEBHOOKS_H
#define HEED_SVC_WEBHOOKS_H
/* service: webhooks (svc_webhooks.c). Admins subscribe http(s) URLs to events; a change that
 * is an event (svc_event, inside its own transaction) queues one delivery per subscribed
 * webhook with a job that sends it (src/jobs/webhook_sender.c): JSON, signed with the
 * webhook's secret (X-Heed-Signature: sha256=<hex HMAC-SHA256 of the body>), at least once,
 * retried with backoff, in order per webhook and ticket. Loopback and private addresses are
 * refused unless the operator allows them (webhook_allow_private). */
#include "service/service.h"
#include "store/records_webhooks.h"

#define WEBHOOK_JOB "webhook.deliver"
enum { WEBHOOK_URL_MAX = 2000, WEBHOOK_SECRET_MIN = 16, WEBHOOK_SECRET_MAX = 200, WEBHOOK_MAX_ATTEMPTS = 8 };

void svc_webhooks_allow_private(bool allow);
bool svc_webhooks_private_allowed(void);
bool svc_webhook_event_valid(const char *event);
/* the URL's shape and, unless private addresses are allowed, that its host is not one
 * (resolved now when it is a name; a name that does not resolve is checked again at delivery) */
int svc_webhook_url_check(const char *url, herr *e);

/* admins: events a NULL-ended list; secret NULL = heed makes one (*secret_out: the secret, shown once) */
int svc_webhook_create(svc *s, const char *url, const char *const *events, int nevents, const char *secret,
                       webhook_rec *out, herr *e);
int svc_webhook_list(svc *s, webhook_rec **out, int *n, herr *e);
int svc_webhook_delete(svc *s, long long id, herr *e);
int svc_webhook_deliveries(svc *s, long long id, int limit, webhook_delivery_rec **out, int *n, herr *e);

/* Inside the caller's transaction: the event happened (ticket_id 0 = none; data a JSON object
 * text or NULL): a delivery for each active webhook that subscribes to it */
int svc_event(svc *s, const char *event, long long ticket_id, const char *data, herr *e);

/* the same, with the data of a message, commitment or hand-off */
struct commitment_rec;
struct handoff_rec;
int svc_event_message(svc *s, const message_rec *m, herr *e);
int svc_event_commitment(svc *s, const char *event, const struct commitment_rec *c, herr *e);
int svc_event_handoff(svc *s, const char *event, const struct handoff_rec *h, herr *e);

/* the sender's part: the delivery and its webhook (1; 0 gone) */
int svc_webhook_delivery_load(svc *s, long long delivery_id, webhook_delivery_rec *d, webhook_rec *w, herr *e);
/* records one attempt and finishes the job in one transaction: delivered (2xx), or retried
 * (failed after WEBHOOK_MAX_ATTEMPTS) */
struct job_rec;
int svc_webhook_attempt(svc *s, const struct job_rec *j, long long delivery_id, int status, const char *error, int ms,
                        herr *e);

#endif
