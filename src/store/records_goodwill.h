#ifndef HEED_RECORDS_GOODWILL_H
#define HEED_RECORDS_GOODWILL_H
/* Row types of the goodwill ledger (store_goodwill.c). Amounts are integers in minor units. */

typedef struct goodwill_rec {
    long long id, ticket_id, customer_id, agent_id, decided_by; /* decided_by 0: not decided */
    const char *kind;     /* credit | refund | replacement | gift */
    long long amount_minor;
    const char *currency; /* ISO 4217 */
    const char *reason, *state; /* state: granted | pending | approved | declined */
    const char *decided_at, *decline_reason, *created_at;
    const char *agent_name, *decided_by_name, *ticket_subject, *customer_name;
    const char *customer_said_after; /* the customer's first message on the ticket after the grant, or NULL */
} goodwill_rec;

/* limits: -1 = no limit */
typedef struct goodwill_limit {
    long long per_ticket_minor, per_month_minor;
} goodwill_limit;

#endif
