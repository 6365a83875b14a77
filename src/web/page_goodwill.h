#ifndef HEED_PAGE_GOODWILL_H
#define HEED_PAGE_GOODWILL_H
/* goodwill cards on the ticket and customer pages (page_goodwill.c) */
#include "store/records.h"
#include "util/buf.h"
#include "web/http.h"
void page_goodwill_card(req *r, buf *b, const ticket_rec *t);
void page_goodwill_customer(req *r, buf *b, long long customer_id);
#endif
