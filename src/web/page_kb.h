#ifndef HEED_PAGE_KB_H
#define HEED_PAGE_KB_H
/* The knowledge base on the pages (page_kb.c): the agents' /kb pages, the public /help pages,
 * and the ticket page's "Articles that may answer" card. */
#include "web/html.h"
#include "web/http.h"
#include "store/records.h"

/* the card beside a ticket: suggested articles with the words that matched, each with
 * "Insert link" (public ones) and "Insert text" */
void page_kb_suggestions(req *r, buf *b, const ticket_rec *t, const message_rec *m, int nm);
/* the absolute address of a public article, for a link sent to a customer */
const char *page_kb_public_link(req *r, const char *slug);
#endif
