#ifndef HEED_PAGE_H
#define HEED_PAGE_H
/* The shared chrome of every page: head, top bar, navigation, flash notice,
 * and the CSRF field every form carries. */
#include "web/html.h"
#include "web/http.h"

/* starts an HTML page into w->body; `active` names the nav item to highlight */
void page_begin(req *r, resp *w, const char *title, const char *active);
void page_end(req *r, resp *w);
/* a complete page that explains an error */
void page_error(req *r, resp *w, int status, const char *message);
/* <input type=hidden name=_csrf ...> for the signed-in session */
void page_csrf_field(req *r, buf *b);
/* "3 hours ago"-style text for an ISO time */
const char *page_ago(req *r, const char *iso);
/* "in 3 h" for a time to come, else as page_ago */
const char *page_when(req *r, const char *iso);
/* "Ada Okafor" -> "AO": up to two initials (whole UTF-8 characters) for an avatar */
const char *page_initials(req *r, const char *name);
/* friendly label for a ticket status */
const char *page_status_label(const char *status);

#endif
