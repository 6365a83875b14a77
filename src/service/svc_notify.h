#ifndef HEED_SVC_NOTIFY_H
#define HEED_SVC_NOTIFY_H
/* service: agents' in-app notifications (svc_notify.c), the bell on every page. Other rules
 * notify inside their own transaction: a mention in a note, a hand-off to accept, a
 * commitment coming due, an SLA at risk, a goodwill grant waiting for approval. */
#include "service/service.h"
#include "store/records_jobs.h"

enum { NOTIFY_TITLE_MAX = 200, NOTIFY_BODY_MAX = 280 };

/* Inside the caller's transaction: tells agent_id about something on ticket_id (0 = none);
 * title one line, body NULL or a longer excerpt (cut at a word). Nobody is notified of their
 * own action (agent_id == the actor): 0, nothing written. */
int svc_notify(svc *s, long long agent_id, const char *kind, long long ticket_id, const char *title, const char *body,
               herr *e);
/* Inside the caller's transaction: notifies the supervisors of agent_id's team (all
 * supervisors when the team has none, the admins when there are no supervisors) */
int svc_notify_supervisors(svc *s, long long agent_id, const char *kind, long long ticket_id, const char *title,
                           const char *body, herr *e);
/* Inside the caller's transaction: the agents a note mentions ("@ada", "@ada.okafor",
 * "@AdaOkafor": a first name, an email's local part or a name without spaces, any case)
 * are notified; *n how many (may be NULL) */
int svc_notify_mentions(svc *s, long long ticket_id, const char *body, int *n, herr *e);
/* the signed-in agent's notifications, newest first; *unread their unread count */
int svc_notifications(svc *s, bool unread_only, long long before_id, int limit, notification_rec **out, int *n,
                      int *unread, herr *e);
int svc_notifications_unread(svc *s, int *unread, herr *e);
/* marks one of the signed-in agent's notifications read (id > 0; 404 when not theirs) or all
 * of them (id 0); *changed how many were unread */
int svc_notifications_read(svc *s, long long id, int *changed, herr *e);

#endif
