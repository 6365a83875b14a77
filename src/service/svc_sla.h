#ifndef HEED_SVC_SLA_H
#define HEED_SVC_SLA_H
/* service: SLAs on business hours (svc_sla.c, svc_sla_admin.c). A ticket gets the first
 * policy (in the order admins set) whose match (priority, team, channel; each a list, empty =
 * any) fits it when it is created, and again when its priority or team changes. Targets are
 * business minutes on the policy's calendar (none: around the clock): first response,
 * next response (after a customer message that came after our last reply), resolution,
 * and update (after each public reply the next one is due within N minutes even if the
 * customer says nothing). The clock pauses while the ticket is pending or on hold: the
 * business minutes spent paused move the first-response and resolution targets; next
 * response and update restart from the message that starts them. Nothing runs after solved.
 * At risk: sla_at_risk_percent (75) of a target's business minutes used. */
#include "service/bizcal.h"
#include "service/service.h"
#include "store/records_sla.h"

enum { SLA_TARGET_MAX = 525600, SLA_NAME_MAX = 120 };

void svc_sla_set_at_risk_percent(int percent);
/* forgets the cached count of policies (svc_policy_save and svc_policy_delete call it) */
void svc_sla_policies_changed(void);

/* what the API and pages show of a ticket's SLA; times UTC ISO, NULL where no target applies */
typedef struct sla_view {
    bool has; /* false: no policy applies */
    long long policy_id;
    const char *policy;
    const char *first_response_due, *next_response_due, *resolution_due, *update_due;
    const char *state; /* ok | at_risk | breached | paused | met */
    const char *next_due; /* the soonest of the due times above that still runs */
    long long next_due_minutes; /* business minutes until next_due (negative: past) */
} sla_view;
int svc_sla_view(svc *s, const ticket_rec *t, sla_view *out, herr *e);

/* Inside the caller's transaction, after a change to ticket t: what = "create", "reply"
 * (a public reply), "customer" (a customer's message) or "update" (status, priority, team).
 * Keeps the ticket's clock and its next alarm right. */
int svc_sla_sync(svc *s, const ticket_rec *t, const char *what, herr *e);
/* the same, and *view (may be NULL) the ticket's SLA as svc_sla_view gives it, from the
 * same reckoning (a new ticket's answer needs both: one business-time walk, not two) */
int svc_sla_sync_view(svc *s, const ticket_rec *t, const char *what, sla_view *view, herr *e);
/* The alarms (heed serve runs it every SLA_SWEEP_SECONDS, from the jobs scheduler): up to
 * max clocks whose alarm has come, in one transaction; at risk tells the owner, breached the
 * supervisor and the owner, once per due time. *n how many were looked at. An idle sweep
 * is one read of the index ticket_sla_alarm. */
enum { SLA_SWEEP_SECONDS = 5, SLA_SWEEP_BATCH = 200 };
int svc_sla_sweep(svc *s, int max, int *n, herr *e);
/* tickets by their next due time (which NULL, "at_risk" or "breached") */
int svc_sla_tickets(svc *s, const char *which, int limit, ticket_rec **out, int *n, herr *e);

/* the first-response due time a ticket like t gets now, and the zone to say it in (the
 * policy's calendar's; UTC around the clock); *due 0 when no policy or target applies */
int svc_sla_first_due(svc *s, const ticket_rec *t, time_t *due, const char **zone, herr *e);

/* ---- admin: calendars and policies (svc_sla_admin.c) ---- */
typedef struct calendar_in {
    const char *name, *timezone;
    const char *open[7][BIZCAL_INTERVALS][2]; /* weekday 0 = Sunday: ["09:00","17:00"] */
    int nopen[7];
    const char **holidays;
    int nholidays;
} calendar_in;
int svc_calendar_save(svc *s, long long id, const calendar_in *in, calendar_rec *out, herr *e);
int svc_calendars(svc *s, calendar_rec **out, int *n, herr *e);
int svc_calendar_get(svc *s, long long id, calendar_rec *out, herr *e);
int svc_calendar_delete(svc *s, long long id, herr *e);
/* the calendar of policy p into *out: 1, or 0 around the clock (no calendar); *zone (may be
 * NULL) the zone to state its times in ("UTC" around the clock); -1 on a database error */
int svc_policy_calendar(svc *s, const sla_policy_rec *p, bizcal *out, const char **zone, herr *e);
/* the compact hours as a bizcal */
bool svc_calendar_load(const calendar_rec *c, bizcal *out);

typedef struct policy_in {
    const char *name;
    const char **priority, **team, **channel; /* teams by name or id */
    int npriority, nteam, nchannel;
    long long first_response, next_response, resolution, update; /* -1: none */
    long long calendar_id;                                       /* 0: around the clock */
    int position;                                                /* 0: last */
} policy_in;
int svc_policy_save(svc *s, long long id, const policy_in *in, sla_policy_rec *out, herr *e);
int svc_policies(svc *s, sla_policy_rec **out, int *n, herr *e);
int svc_policy_delete(svc *s, long long id, herr *e);
/* which policy a ticket created now would get, and its first-response due time (0: none) */
int svc_sla_preview(svc *s, const char *priority, long long team_id, const char *channel, sla_policy_rec *policy,
                    bool *found, time_t *first_due, herr *e);
/* the first policy that matches */
int svc_sla_match(svc *s, const char *priority, long long team_id, const char *channel, sla_policy_rec *out, herr *e);

#endif
