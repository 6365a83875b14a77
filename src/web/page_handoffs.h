#ifndef HEED_PAGE_HANDOFFS_H
#define HEED_PAGE_HANDOFFS_H
/* the ticket page's hand-off card (page_handoffs.c) */
#include "store/records.h"
#include "util/buf.h"
#include "web/http.h"
#include <stdbool.h>
/* main_column: the card when a hand-off waits for this agent (above the composer); else the side card */
void page_handoff_card(req *r, buf *b, const ticket_rec *t, const agent_rec *agents, int nagents, bool main_column);
#endif
