#ifndef HEED_PAGE_COACH_H
#define HEED_PAGE_COACH_H
/* The coach's part of the ticket page (page_coach.c). */
#include "web/html.h"
#include "web/http.h"

/* the coach's reading of one customer message as chips (emotion, urgent, repeat contact, ...),
 * with an agent's correction over it (fix, may be NULL); action: where corrections are posted
 * (each cue's chip then drops it in one click), NULL for chips only */
struct reading_correction_rec;
void page_coach_mood(req *r, buf *b, const char *text, const struct reading_correction_rec *fix, const char *action);
/* one chip with the emotion the coach reads in text (or an agent's correction of it, when
 * not NULL), linked to href (the customer panel's "latest messages"); nothing when it cannot be read */
void page_coach_emotion_link(req *r, buf *b, const char *text, const char *corrected, const char *href, const char *title);
/* the live coach panel beside the reply box; customer_text is the latest customer
 * message, of which the coach reads the first COACH_TEXT_MAX bytes; waiting (may be NULL):
 * the ticket's attention, whose cues (corrections included) the mood chips show */
struct attention;
/* earlier: the agent's earlier public replies (the coach marks questions they answered);
 * wrote_before: the customer wrote earlier in the thread and was answered (a repeat contact) */
void page_coach_panel(req *r, buf *b, const char *customer_text, const char *customer_name, const struct attention *waiting,
                      const char *earlier, bool wrote_before);

#endif
