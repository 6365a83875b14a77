#ifndef HEED_RECORDS_WEBHOOKS_H
#define HEED_RECORDS_WEBHOOKS_H
/* Row types of webhooks (store_webhooks.c). */

typedef struct webhook_rec {
    long long id;
    const char *url, *events; /* events: names separated by commas */
    const char *secret;       /* only read by the sender; never shown after creation */
    bool active;
    const char *created_at;
} webhook_rec;

typedef struct webhook_attempt_rec {
    long long id;
    const char *at;
    int status; /* the HTTP status, 0 when there was none (no connection) */
    const char *error;
    int ms;
} webhook_attempt_rec;

typedef struct webhook_delivery_rec {
    long long id, webhook_id, ticket_id;
    const char *event, *uuid, *payload, *state; /* state: queued | delivered | failed */
    int attempts;
    const char *created_at, *delivered_at;
    webhook_attempt_rec *tries;
    int ntries;
} webhook_delivery_rec;

#endif
