#ifndef HEED_PAGE_INCIDENTS_H
#define HEED_PAGE_INCIDENTS_H
/* the ticket page's incident card (page_incidents.c): what it is part of, or a link to an open one */
#include "store/records.h"
#include "util/buf.h"
#include "web/http.h"
void page_incident_card(req *r, buf *b, const ticket_rec *t);
#endif
