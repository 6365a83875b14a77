#ifndef HEED_SVC_ATTENTION_H
#define HEED_SVC_ATTENTION_H
/* service: priority from the customer's side (svc_attention.c). A ticket that waits for our
 * answer (a customer message after our last reply, new or open) gets a "needs attention" score
 * from 0 to 100 with its reasons in words: how long the customer has waited in business hours
 * (the ticket's SLA calendar, else around the clock), how many times they wrote since our last
 * reply, and the coach's reading of those messages (the worst emotion; urgency, complaint,
 * "I wrote before") and whether they opened another ticket in the last 30 days.
 *
 * The coach reads each customer message as it arrives; the union of the cues is kept on the
 * ticket's attention row (store_attention.h), so lists sort by the score without reading any
 * message. Only the waiting time moves with the clock, so the score is finished at read time.
 * An agent can correct the reading of one message; the row's cues are then read again from
 * the messages still unanswered, and the correction is kept for `heed coach --export-corrections`. */
#include "service/service.h"
#include "store/store.h"
#include "util/buf.h"

enum {
    ATTENTION_ANGRY = 1 << 0,
    ATTENTION_FRUSTRATED = 1 << 1,
    ATTENTION_ANXIOUS = 1 << 2,
    ATTENTION_SAD = 1 << 3,
    ATTENTION_CONFUSED = 1 << 4,
    ATTENTION_URGENT = 1 << 5,
    ATTENTION_COMPLAINT = 1 << 6,
    ATTENTION_REPEAT = 1 << 7,    /* the customer says they wrote or called before */
    ATTENTION_RETURNING = 1 << 8, /* another ticket from the customer in the last 30 days */
    ATTENTION_EMOTIONS = ATTENTION_ANGRY | ATTENTION_FRUSTRATED | ATTENTION_ANXIOUS | ATTENTION_SAD | ATTENTION_CONFUSED,
    ATTENTION_REASONS_MAX = 8,
    ATTENTION_RETURNING_DAYS = 30,
    ATTENTION_HIGH = 40, /* the inbox's "needs attention" filter starts here */
};

typedef struct attention {
    int score; /* 0..100; 0 when the ticket does not wait for us */
    const char *reasons[ATTENTION_REASONS_MAX]; /* in words, the biggest share first where it matters */
    int nreasons;
    const char *waiting_since; /* NULL when not waiting */
    long waited_minutes;       /* business minutes since then */
    bool business_hours;       /* waited_minutes counts a calendar's open hours */
    int writes;
    unsigned cues;
} attention;

/* the score and reasons of a ticket that waited `minutes` with these cues and writes (pure;
 * reasons' text in a) */
void svc_attention_score(arena *a, unsigned cues, int writes, long minutes, bool business_hours, attention *out);
/* a ticket's attention now (score 0, no reasons, when it does not wait) */
int svc_attention_of(svc *s, const ticket_rec *t, attention *out, herr *e);
/* the same for n tickets at once (out[n]), the calendars read once: a list's page */
int svc_attention_for(svc *s, const ticket_rec *t, int n, attention *out, herr *e);

/* the attention of n waiting rows (store_attention.h) at once; a row whose waiting_since is
 * NULL scores 0 */
void svc_attention_rows(svc *s, const attention_row *rows, int n, attention *out);

/* in the caller's transaction: a customer message of ticket t arrived (the coach reads it) */
int svc_attention_customer_wrote(svc *s, long long ticket_id, long long customer_id, const char *text, const char *now,
                                 herr *e);
/* in the caller's transaction: the ticket's row read again from its messages (after a merge
 * or an unmerge moved them): waiting since the first customer message after our last reply */
int svc_attention_rebuild(svc *s, long long ticket_id, long long customer_id, herr *e);
/* in the caller's transaction: we replied to the customer */
int svc_attention_answered(svc *s, long long ticket_id, herr *e);

/* a page of waiting tickets, the highest score first (ties: the longest wait); owner_id and
 * team_id as store_attention_waiting; min_score filters */
typedef struct attention_item {
    ticket_rec ticket;
    attention attention;
} attention_item;
int svc_attention_list(svc *s, long long owner_id, long long team_id, int min_score, int limit, attention_item **out,
                       int *n, herr *e);
/* the same, the longest wait first (the "waiting time" order) */
int svc_waiting_list(svc *s, long long owner_id, long long team_id, int limit, attention_item **out, int *n, herr *e);

/* the coach's reading of a customer message, as agents see it: corrected, or as read */
typedef struct message_reading {
    long long message_id;
    const char *emotion; /* angry, frustrated, anxious, sad, confused, happy, neutral */
    bool urgent, complaint, repeat_contact;
    bool corrected;
    const char *corrected_by, *corrected_at; /* when corrected */
    const char *read_emotion;                /* what the coach read */
    bool read_urgent, read_complaint, read_repeat_contact;
} message_reading;
typedef struct reading_fix {
    const char *emotion; /* NULL: keep */
    int urgent, complaint, repeat_contact; /* -1 keep, 0 no, 1 yes */
} reading_fix;
int svc_reading_get(svc *s, long long message_id, message_reading *out, herr *e);
/* an agent corrects the reading of one customer message (422 emotion; 409 not a customer's) */
int svc_reading_correct(svc *s, long long message_id, const reading_fix *fix, message_reading *out, herr *e);
/* the corrections of a ticket's messages, for its page */
int svc_reading_corrections(svc *s, long long ticket_id, reading_correction_rec **out, int *n, herr *e);
/* every correction as coach test cases, one JSON line each (heed coach --export-corrections) */
int svc_reading_export(svc *s, buf *out, int *count, herr *e);

/* the organisation's coach lexicon for readings made by the service (heed serve sets it) */
void svc_coach_set_lexicon(const struct coach_lexicon *lexicon);
const struct coach_lexicon *svc_coach_lexicon(void);
/* emotion + cue bits of a reading */
unsigned svc_attention_cues_of(const svc_mood *m);
/* a list filter's mood ("upset": angry or frustrated; "angry", "frustrated", "anxious",
 * "confused", "sad", "urgent", "complaint", "repeat"): its cue bits; false when not one */
bool svc_mood_filter(const char *name, unsigned *bits);
/* the worst emotion among cue bits ("angry" ... "confused"), or NULL */
const char *svc_attention_emotion(unsigned cues);
/* m as agents see it: the correction's emotion and cues over what the coach read */
void svc_reading_apply(svc_mood *m, const reading_correction_rec *fix);
#endif
