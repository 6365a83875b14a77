/* GET /api/v1/events: the signed-in agent's live updates as Server-Sent Events (events.h) */
#include "web/api.h"
#include "web/events.h"
#include "web/handlers.h"

void api_events(req *r, resp *w)
{
    const char *last = req_header(r, "Last-Event-ID");
    if (!last) last = req_query(r, "last_event_id"); /* for clients that cannot set headers */
    w->stream = events_open(r->conn, r->agent.id, last);
    if (!w->stream) return resp_json_error(w, 503, "unavailable", NULL, "out of memory for another event stream");
    w->content_type = "text/event-stream";
}
