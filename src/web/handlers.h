#ifndef HEED_HANDLERS_H
#define HEED_HANDLERS_H
/* Every handler named in routes.c. API handlers live in api_*.c, pages in page_*.c. */
#include "web/http.h"

/* api_*.c */
void api_healthz(req *r, resp *w);
void api_me(req *r, resp *w);
void api_me_update(req *r, resp *w);
void api_agent_update(req *r, resp *w);
void api_ticket_create(req *r, resp *w);
void api_ticket_get(req *r, resp *w);
void api_ticket_list(req *r, resp *w);
void api_ticket_snooze(req *r, resp *w);
void api_ticket_merge(req *r, resp *w);
void api_ticket_unmerge(req *r, resp *w);
void api_ticket_wake(req *r, resp *w);
void api_ticket_update(req *r, resp *w);
void api_ticket_reply(req *r, resp *w);
void api_ticket_note(req *r, resp *w);
void api_customer_update(req *r, resp *w);
void api_customer_list(req *r, resp *w);
void page_customers(req *r, resp *w);
void page_ticket_resend(req *r, resp *w);
void page_customer_profile(req *r, resp *w); /* the team's tags and notes, the language */
void page_customer_update(req *r, resp *w);
void api_draft_get(req *r, resp *w);
void api_draft_put(req *r, resp *w);
void api_draft_delete(req *r, resp *w);
void api_customer_get(req *r, resp *w);
void api_agent_list(req *r, resp *w);
void api_team_list(req *r, resp *w);
void api_team_update(req *r, resp *w);
void page_admin_team_assign(req *r, resp *w);
void api_coach(req *r, resp *w);
/* api_notify.c: the bell; jobs (admins); the test clock (HEED_TEST_CLOCK=1 only) */
void api_notification_list(req *r, resp *w);
void api_events(req *r, resp *w); /* api_events.c: live updates (Server-Sent Events) and presence */
void api_presence_set(req *r, resp *w);
void api_presence_list(req *r, resp *w);
/* api_focus.c: focus mode; focus_next_for: svc_focus_next past the tickets a colleague has open */
void api_focus_next(req *r, resp *w);
/* api_views.c: saved views and bulk actions; api_view_url: the inbox address of a view */
void api_view_create(req *r, resp *w);
void api_view_list(req *r, resp *w);
void api_view_delete(req *r, resp *w);
void api_ticket_bulk(req *r, resp *w);
struct view_rec;
const char *api_view_url(req *r, const struct view_rec *v);
/* api_kb.c: the knowledge base */
void api_kb_create(req *r, resp *w);
void api_kb_update(req *r, resp *w);
void api_kb_get(req *r, resp *w);
void api_kb_delete(req *r, resp *w);
void api_kb_list(req *r, resp *w);
void api_kb_search(req *r, resp *w);
void api_ticket_suggestions(req *r, resp *w);
/* api_macros.c: saved replies; the agent's after-send choice */
void api_macro_create(req *r, resp *w);
void api_macro_update(req *r, resp *w);
void api_macro_get(req *r, resp *w);
void api_macro_delete(req *r, resp *w);
void api_macro_list(req *r, resp *w);
void api_ticket_macros(req *r, resp *w);
void api_after_send_get(req *r, resp *w);
void api_after_send_put(req *r, resp *w);
/* api_attention.c: priority from the customer's side */
void api_ticket_list_attention(req *r, resp *w);
void api_message_reading(req *r, resp *w);
void api_message_reading_correct(req *r, resp *w);
void api_focus_skip(req *r, resp *w);
void api_focus_skips(req *r, resp *w);
struct focus_pick;
int focus_next_for(req *r, struct focus_pick *out, herr *e);
/* page_ticket.c: focus mode's pages (the ticket page with the focus bar) */
void page_focus(req *r, resp *w);
void page_focus_skip(req *r, resp *w);
void api_notification_read(req *r, resp *w);
void api_notifications_read_all(req *r, resp *w);
void api_job_list(req *r, resp *w);
void api_job_retry(req *r, resp *w);
void api_test_clock(req *r, resp *w);
/* api_commitments.c */
void api_commitment_list(req *r, resp *w);
void api_commitment_create(req *r, resp *w);
void api_commitment_update(req *r, resp *w);
void api_commitment_record(req *r, resp *w);
/* page_commitments.c */
void page_commitment_add(req *r, resp *w);
void page_commitment_update(req *r, resp *w);
/* api_handoffs.c */
void api_handoff_create(req *r, resp *w);
void api_handoff_list(req *r, resp *w);
void api_handoff_accept(req *r, resp *w);
void api_handoff_decline(req *r, resp *w);
void api_handoff_cancel(req *r, resp *w);
/* page_handoffs.c */
void page_handoff_ask(req *r, resp *w);
void page_handoff_accept(req *r, resp *w);
void page_handoff_decline(req *r, resp *w);
void page_handoff_cancel(req *r, resp *w);
void page_available(req *r, resp *w);
/* api_webhooks.c (admins) */
void api_webhook_create(req *r, resp *w);
void api_webhook_list(req *r, resp *w);
void api_webhook_delete(req *r, resp *w);
void api_webhook_deliveries(req *r, resp *w);
/* api_goodwill.c */
void api_goodwill_create(req *r, resp *w);
void api_goodwill_ticket(req *r, resp *w);
void api_goodwill_customer(req *r, resp *w);
void api_goodwill_list(req *r, resp *w);
void api_goodwill_approve(req *r, resp *w);
void api_goodwill_decline(req *r, resp *w);
void api_goodwill_limits_put(req *r, resp *w);
void api_goodwill_limits_get(req *r, resp *w);
void api_goodwill_allowance(req *r, resp *w);
/* page_goodwill.c */
void page_goodwill_queue(req *r, resp *w);
void page_goodwill_grant(req *r, resp *w);
void page_goodwill_approve(req *r, resp *w);
void page_goodwill_decline(req *r, resp *w);
/* api_sla.c */
void api_calendar_create(req *r, resp *w);
void api_calendar_update(req *r, resp *w);
void api_calendar_list(req *r, resp *w);
void api_calendar_get(req *r, resp *w);
void api_calendar_delete(req *r, resp *w);
void api_policy_create(req *r, resp *w);
void api_policy_update(req *r, resp *w);
void api_policy_list(req *r, resp *w);
void api_policy_delete(req *r, resp *w);
void api_policy_preview(req *r, resp *w);
/* page_admin_sla.c (admins) */
void page_admin_sla(req *r, resp *w);
void page_admin_sla_calendar_add(req *r, resp *w);
void page_admin_sla_policy_add(req *r, resp *w);
void page_admin_sla_policy_delete(req *r, resp *w);
void page_admin_sla_calendar_delete(req *r, resp *w);
void page_admin_jobs(req *r, resp *w);
/* page_admin_goodwill.c (admins): goodwill limits per role and agent */
void page_admin_goodwill(req *r, resp *w);
void page_admin_goodwill_limits(req *r, resp *w);
void page_admin_job_retry(req *r, resp *w);
/* api_incidents.c, page_incidents.c */
void api_incident_create(req *r, resp *w);
void api_incident_get(req *r, resp *w);
void api_incident_list(req *r, resp *w);
void api_incident_link(req *r, resp *w);
void api_incident_update(req *r, resp *w);
void page_incidents(req *r, resp *w);
void page_incident(req *r, resp *w);
void page_incident_create(req *r, resp *w);
void page_incident_link(req *r, resp *w);
void page_incident_update(req *r, resp *w);
void page_ticket_incident(req *r, resp *w);
/* page_webhooks.c (admins) */
void page_admin_webhooks(req *r, resp *w);
void page_admin_webhook_add(req *r, resp *w);
void page_admin_webhook_delete(req *r, resp *w);
/* page_notify.c */
void page_notifications(req *r, resp *w);
void page_notification_open(req *r, resp *w);
void page_notifications_read(req *r, resp *w);
/* api_outbox.c (admins) */
void api_outbox_list(req *r, resp *w);
void api_outbox_get(req *r, resp *w);
void api_outbox_cancel(req *r, resp *w);
void api_outbox_retry(req *r, resp *w);

/* page_*.c */
void page_asset(req *r, resp *w);
void page_root(req *r, resp *w);
void page_login(req *r, resp *w);
void page_login_post(req *r, resp *w);
void page_logout(req *r, resp *w);
void page_inbox(req *r, resp *w);
void page_ticket(req *r, resp *w);
void page_ticket_reply(req *r, resp *w);
void page_ticket_update(req *r, resp *w);
void page_ticket_new(req *r, resp *w);
void page_ticket_create(req *r, resp *w);
void page_customer(req *r, resp *w);
void page_admin(req *r, resp *w);
void page_admin_agent_add(req *r, resp *w);
void page_admin_agent_timezone(req *r, resp *w);
void page_settings(req *r, resp *w);
void page_settings_post(req *r, resp *w);
void page_settings_after_send(req *r, resp *w);
/* page_kb.c: the knowledge base (agents) and /help (public) */
void page_kb(req *r, resp *w);
void page_kb_article(req *r, resp *w);
void page_kb_create(req *r, resp *w);
void page_kb_update(req *r, resp *w);
void page_kb_delete(req *r, resp *w);
void page_help(req *r, resp *w);
void page_help_article(req *r, resp *w);
/* page_macros.c */
void page_macros(req *r, resp *w);
void page_macro_create(req *r, resp *w);
void page_macro_delete(req *r, resp *w);
/* <datalist id="zones"> of the tz database's zones, for time zone inputs */
void page_zone_datalist(req *r, buf *b);
void page_admin_team_add(req *r, resp *w);
/* page_mail.c */
void page_attachment(req *r, resp *w);
void page_attachment_inline(req *r, resp *w);
void page_admin_quarantine(req *r, resp *w);
void page_admin_outbox(req *r, resp *w);
void page_admin_outbox_cancel(req *r, resp *w);
void page_admin_outbox_retry(req *r, resp *w);
void page_admin_quarantine_retry(req *r, resp *w);
void page_admin_quarantine_raw(req *r, resp *w);

/* accounts: api_tokens.c, page_accounts.c (settings), page_admin_agent.c, page_reset.c */
void api_token_list(req *r, resp *w);
void api_token_create(req *r, resp *w);
void api_token_revoke(req *r, resp *w);
void api_agent_deactivate(req *r, resp *w);
void api_agent_reactivate(req *r, resp *w);
void page_settings_password(req *r, resp *w);
void page_settings_sessions_end(req *r, resp *w);
void page_settings_token_create(req *r, resp *w);
void page_settings_token_revoke(req *r, resp *w);
void page_admin_agent(req *r, resp *w);
void page_admin_agent_update(req *r, resp *w);
void page_admin_agent_active(req *r, resp *w);
void page_admin_agent_reset(req *r, resp *w);
void page_admin_team_update(req *r, resp *w);
void page_forgot(req *r, resp *w);
void page_forgot_post(req *r, resp *w);
void page_reset(req *r, resp *w);
void page_reset_post(req *r, resp *w);
/* the admin page again with a refused form's error (form: "team" or "team-<id>") and the typed name */
void page_admin_refused(req *r, resp *w, int status, const char *form, const herr *e, const char *typed_name);

#endif
