#ifndef HEED_SVC_INCIDENTS_H
#define HEED_SVC_INCIDENTS_H
/* service: incidents (svc_incidents.c). One outage, many customers: tickets are linked to an
 * incident; each update is posted as a public reply on every linked ticket's own thread,
 * addressed to that customer by name, emailed through the outbox, all in one transaction;
 * resolving solves them all. Open tickets whose words match an incident's title are
 * suggested for linking. */
#include "service/service.h"
#include "store/records_incidents.h"

enum { INCIDENT_TITLE_MAX = 200, INCIDENT_LINK_MAX = 500 };

int svc_incident_create(svc *s, const char *title, incident_rec *out, herr *e);
int svc_incident_get(svc *s, long long id, incident_rec *out, herr *e);
int svc_incidents(svc *s, const char *state, incident_rec **out, int *n, herr *e);
/* the linked tickets (all states) and the updates, oldest first */
int svc_incident_detail(svc *s, long long id, ticket_rec **tickets, int *nt, incident_update_rec **updates, int *nu, herr *e);
/* links tickets (ids that do not exist: 422 field ticket_ids); *linked how many were new */
int svc_incident_link(svc *s, long long id, const long long *ticket_ids, int n, int *linked, herr *e);
/* posts body to every linked ticket that is not closed; resolve: solves them and the incident */
int svc_incident_update(svc *s, long long id, const char *body, bool resolve, incident_update_rec *out, herr *e);
/* open tickets, not linked yet, whose words match the incident's title (full-text search) */
int svc_incident_suggestions(svc *s, long long id, ticket_rec **out, int *n, herr *e);
/* the incidents a ticket is linked to */
int svc_ticket_incidents(svc *s, long long ticket_id, incident_rec **out, int *n, herr *e);

#endif
