#ifndef HEED_PAGE_SLA_H
#define HEED_PAGE_SLA_H
/* the SLA chip (page_sla.c): nothing when no policy applies */
#include <stdbool.h>
#include "store/records.h"
#include "util/buf.h"
#include "web/http.h"
void page_sla_chip(req *r, buf *b, const ticket_rec *t, bool long_form);
#endif
