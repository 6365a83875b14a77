#ifndef HEED_RECORDS_SLA_H
#define HEED_RECORDS_SLA_H
/* Row types of SLAs (store_sla.c). */

typedef struct calendar_rec {
    long long id;
    const char *name, *timezone;
    const char *hours;    /* "1:540-1020,780-1020;2:540-1020" (weekday 0 = Sunday, minutes from midnight) */
    const char *holidays; /* "2026-12-25,2026-12-26" */
    const char *created_at;
} calendar_rec;

/* targets in business minutes; -1 = no target. match_*: comma lists, NULL = any */
typedef struct sla_policy_rec {
    long long id, calendar_id; /* calendar_id 0: around the clock */
    const char *name;
    int position;
    const char *match_priority, *match_team, *match_channel;
    long long first_response, next_response, resolution, update;
    const char *created_at;
} sla_policy_rec;

/* a ticket's SLA clock */
typedef struct ticket_sla_rec {
    long long ticket_id, policy_id; /* policy_id 0: no policy matched */
    long long paused_minutes;       /* business minutes spent pending or on hold so far */
    const char *paused_at;          /* when the current pause began, or NULL */
    const char *last_reply_at;      /* our last public reply */
    const char *waiting_since;      /* the customer's first message after our last reply, or NULL */
    const char *next_due, *next_risk; /* kept for lists and timers */
    const char *warned_for, *breached_for; /* the due time already notified as at risk / breached */
    const char *alarm_at;           /* when the sweep looks at it next (at risk or due), or NULL */
} ticket_sla_rec;

#endif
