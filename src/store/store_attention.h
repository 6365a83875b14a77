#ifndef HEED_STORE_ATTENTION_H
#define HEED_STORE_ATTENTION_H
/* SQL for priority from the customer's side (store_attention.c): the row of a ticket that
 * waits for our answer, and agents' corrections of the coach's reading of a message. Included
 * by store.h. See service/svc_attention.h for what the numbers mean. */
#include <stdbool.h>
#include "store/db.h"
#include "store/records.h"
#include "util/arena.h"

/* a ticket waiting for our answer: since its first unanswered customer message */
typedef struct attention_row {
    long long ticket_id;
    const char *waiting_since;
    int writes;        /* customer messages since our last reply */
    unsigned cues;     /* ATTENTION_* bits (svc_attention.h) of those messages */
    long long calendar_id; /* its SLA policy's business calendar; 0: around the clock */
} attention_row;

/* an agent's correction of the coach's reading of one customer message */
typedef struct reading_correction_rec {
    long long message_id, ticket_id, agent_id;
    const char *agent_name, *emotion, *read_emotion, *created_at;
    unsigned cues, read_cues;
    const char *body; /* the message's text (filled by store_reading_corrections_all only) */
} reading_correction_rec;

/* a customer message arrived: the row starts (waiting from now) or grows (one more write, its cues added) */
int store_attention_wrote(db *d, long long ticket_id, const char *now, unsigned cues, herr *e);
/* the whole row, replacing any (a rebuild after a merge) */
int store_attention_put(db *d, long long ticket_id, const char *waiting_since, int writes, unsigned cues, herr *e);
/* we answered: the ticket no longer waits */
int store_attention_clear(db *d, long long ticket_id, herr *e);
int store_attention_set_cues(db *d, long long ticket_id, unsigned cues, herr *e);
/* 1 and *out while the ticket waits, 0 when it does not */
int store_attention_get(db *d, arena *a, long long ticket_id, attention_row *out, herr *e);
/* the new and open tickets that wait, oldest wait first, at most limit; owner_id > 0 one
 * agent's, -1 nobody's; team_id > 0 one team's */
int store_attention_waiting(db *d, arena *a, long long owner_id, long long team_id, int limit, attention_row **out,
                            int *n, herr *e);
/* whether the customer opened another ticket since `since` */
int store_customer_other_ticket_since(db *d, long long customer_id, long long ticket_id, const char *since, herr *e);
/* the customer messages after our last reply, oldest first (id, body, created_at) */
int store_unanswered_messages(db *d, arena *a, long long ticket_id, message_rec **out, int *n, herr *e);

int store_reading_correction_put(db *d, const reading_correction_rec *c, herr *e);
int store_reading_corrections_ticket(db *d, arena *a, long long ticket_id, reading_correction_rec **out, int *n, herr *e);
/* every correction with its message's text, oldest first (heed coach --export-corrections) */
int store_reading_corrections_all(db *d, arena *a, reading_correction_rec **out, int *n, herr *e);
#endif
