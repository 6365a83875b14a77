#ifndef HEED_PAGE_CUSTOMER_PANEL_H
#define HEED_PAGE_CUSTOMER_PANEL_H
/* The customer panel (page_customer_panel.c): beside every ticket and on the customer's
 * page, first-time or long-standing, the mood of their latest messages, open promises,
 * goodwill granted, and the team's tags and notes on them and their language, editable. */
#include "web/http.h"

typedef struct profile_form { /* a refused edit, as typed, with its error */
    const char *tags, *notes, *language, *error, *field;
} profile_form;

/* the panel; back: where the edit form returns ("/tickets/12" or "/customers/3"); f: a refused edit, or NULL */
void page_customer_panel(req *r, buf *b, long long customer_id, const char *back, const profile_form *f);
#endif
