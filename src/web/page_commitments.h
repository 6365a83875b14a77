#ifndef HEED_PAGE_COMMITMENTS_H
#define HEED_PAGE_COMMITMENTS_H
/* the ticket page's promises (page_commitments.c) */
#include "store/records.h"
#include "web/http.h"
#include "util/buf.h"
void page_commitments_panel(req *r, buf *b, const ticket_rec *t);
/* shown when solving was refused for open promises (?solve=ask): what is open, and Solve anyway */
void page_commitments_solve_notice(req *r, buf *b, const ticket_rec *t);
#endif
