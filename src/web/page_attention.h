#ifndef HEED_PAGE_ATTENTION_H
#define HEED_PAGE_ATTENTION_H
/* Priority from the customer's side on the pages (page_attention.c): the ticket page's
 * "needs attention" card, the inbox's chip, and the form that corrects a misread message. */
#include "web/html.h"
#include "web/http.h"
#include "store/records.h"

struct attention;
/* the card on the ticket page's side: the score and its reasons; nothing when not waiting */
void page_attention_card(req *r, buf *b, const struct attention *a);
/* the inbox's chip for a waiting ticket: score and reasons; with_reasons also writes them out */
void page_attention_chip(req *r, buf *b, const struct attention *a, bool with_reasons);
/* POST /tickets/{id}/messages/{mid}/reading: drop=emotion|urgent|complaint|repeat_contact, or
 * whole=1 with emotion and the three checkboxes */
void page_message_reading(req *r, resp *w);
/* the snooze card on the ticket page (on hold until a time), and its forms:
 * POST /tickets/{id}/snooze (for=seconds) and POST /tickets/{id}/wake */
void page_snooze_card(req *r, buf *b, const ticket_rec *t);
void page_ticket_snooze(req *r, resp *w);
void page_ticket_wake(req *r, resp *w);
#endif
