#ifndef HEED_CONN_GUARD_H
#define HEED_CONN_GUARD_H
/* The request deadline: a client gets request_deadline seconds (plus time for the body it
 * declared, at a modest minimum rate) from the end of its previous request, or from
 * connecting, to the end of the next request's head and body. Bytes that trickle in do not
 * extend it (libmicrohttpd's own timeout is an idle timeout, restarted by every byte, so a
 * client sending one header line every 10 s could hold a connection forever).
 *
 * libmicrohttpd tells us when connections open and close (conn_guard_notify); the server marks
 * when a request has arrived in full and when it is answered; a reaper thread checks once a
 * second and shuts down (shutdown(2), never close(2): libmicrohttpd closes its own sockets)
 * the connections past their deadline. A connection whose request has arrived (being
 * answered, or suspended until its group commits) is never cut. */
#include <microhttpd.h>
#include <stdbool.h>

/* starts the reaper (deadline_seconds > 0); 0, or -1 when the thread cannot start */
int conn_guard_start(int deadline_seconds);
/* stops and joins the reaper; call after MHD_stop_daemon */
void conn_guard_stop(void);
/* MHD_OPTION_NOTIFY_CONNECTION */
void conn_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode code);
/* the request declared a body of this many bytes: its deadline grows by the time that takes
 * at CONN_GUARD_MIN_RATE, once (a trickle cannot earn more) */
void conn_guard_expect_body(struct MHD_Connection *c, unsigned long long bytes);
/* the request has arrived in full: no deadline while it is answered */
void conn_guard_arrived(struct MHD_Connection *c);
/* the answer is sent: the clock starts again for the next request on this connection */
void conn_guard_answered(struct MHD_Connection *c);

enum { CONN_GUARD_MIN_RATE = 64 * 1024 }; /* bytes a second a declared body is given */
#endif
