#ifndef HEED_PAGE_VIEWS_H
#define HEED_PAGE_VIEWS_H
/* The inbox's saved views and bulk actions (page_views.c). */
#include "web/html.h"
#include "web/http.h"

/* the saved views as links with their counts, and "Save this view" for the filter shown
 * (owner: mine|unassigned|all; the others may be NULL) */
void page_views_bar(req *r, buf *b, const char *owner, const char *status, const char *tag, const char *priority,
                    const char *channel, const char *mood);
/* the bar above a selectable list: with the chosen tickets, assign, set status, tag, merge */
void page_bulk_bar(req *r, buf *b, const char *back);
/* POST /inbox/views, POST /inbox/views/{id}/delete, POST /tickets/bulk */
void page_view_save(req *r, resp *w);
void page_view_delete(req *r, resp *w);
void page_tickets_bulk(req *r, resp *w);
#endif
