#ifndef HEED_PAGE_MERGE_H
#define HEED_PAGE_MERGE_H
/* Merging on the ticket page (page_merge.c). */
#include "store/records.h"
#include "web/html.h"
#include "web/http.h"

/* the "Merge" card beside a ticket: merge it into another; undo a merge into it (a day) */
void page_merge_card(req *r, buf *b, const ticket_rec *t);
/* POST /tickets/{id}/merge (into, notify=1) and POST /tickets/{id}/unmerge */
void page_ticket_merge(req *r, resp *w);
void page_ticket_unmerge(req *r, resp *w);
#endif
