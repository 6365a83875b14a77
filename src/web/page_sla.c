/* SLAs on the pages: a chip with the business-time countdown (ticket head, inbox rows). */
#include <string.h>
#include "service/svc_sla.h"
#include "util/timeutil.h"
#include "util/tz.h"
#include "web/page.h"
#include "web/page_sla.h"

/* "3 h 10 min", "45 min", "24 h" of business time (in hours: a business day is not 24 hours) */
static const char *span(req *r, long long m)
{
    if (m < 0) m = -m;
    if (m < 60) return arena_printf(&r->a, "%lld min", m);
    if (m % 60 == 0 || m >= 24 * 60) return arena_printf(&r->a, "%lld h", m / 60);
    return arena_printf(&r->a, "%lld h %lld min", m / 60, m % 60);
}

void page_sla_chip(req *r, buf *b, const ticket_rec *t, bool long_form)
{
    sla_view v;
    herr e;
    if (svc_sla_view(&r->s, t, &v, &e) || !v.has) return;
    const char *what = !strcmp(v.state, "paused") ? "SLA paused"
                     : !strcmp(v.state, "met")    ? "SLA met"
                     : !v.next_due                ? "SLA"
                     /* breached out of hours: no business time has passed since, so no "0 min ago" */
                     : !strcmp(v.state, "breached") && !v.next_due_minutes ? "breached"
                     : !strcmp(v.state, "breached") || v.next_due_minutes < 0
                         ? arena_printf(&r->a, "breached %s ago", span(r, v.next_due_minutes))
                         : arena_printf(&r->a, "due in %s", span(r, v.next_due_minutes));
    if (!strcmp(v.state, "breached") && !v.next_due) what = "SLA breached";
    html(b, " <span class=\"sla-chip %s\" title=\"%s: business time, %s\" data-state=\"%s\">%s</span>", v.state, v.policy,
         v.state, v.state, what);
    if (!long_form || !v.next_due) return;
    time_t due;
    if (!time_parse_iso(v.next_due, &due)) return;
    char local[48];
    tz_format_local(svc_agent_zone(&r->agent, r->default_tz), (long long)due, local, sizeof local);
    const char *which = v.first_response_due && !strcmp(v.first_response_due, v.next_due) ? "first reply"
                      : v.next_response_due && !strcmp(v.next_response_due, v.next_due) ? "next reply"
                      : v.update_due && !strcmp(v.update_due, v.next_due)               ? "an update"
                                                                                       : "resolution";
    html(b, " <span class=\"muted sla-detail\">%s due %s · %s</span>", which, local, v.policy);
}
