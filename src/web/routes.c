/* Every URL heed answers. Pages need a signed-in session; the API a bearer
 * token (or the page's session plus its CSRF header); admin routes an admin. */
#include <string.h>
#include "web/handlers.h"
#include "web/page_attention.h"
#include "web/page_merge.h"
#include "web/page_views.h"
#include "web/routes.h"

static const struct route routes[] = {
    /* method  pattern                              handler               access          kind */
    {"GET",  "/healthz",                            api_healthz,          ACCESS_PUBLIC,  ROUTE_API},
    {"GET",  "/api/v1/me",                          api_me,               ACCESS_AGENT,   ROUTE_API},
    {"PATCH","/api/v1/me",                          api_me_update,        ACCESS_AGENT,   ROUTE_API},
    {"PATCH","/api/v1/agents/{id}",                 api_agent_update,     ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/tickets",                     api_ticket_create,    ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets",                     api_ticket_list,      ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets/{id}",                api_ticket_get,       ACCESS_AGENT,   ROUTE_API},
    {"PATCH","/api/v1/tickets/{id}",                api_ticket_update,    ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/replies",        api_ticket_reply,     ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/notes",          api_ticket_note,      ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/snooze",         api_ticket_snooze,    ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/merge",          api_ticket_merge,     ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/unmerge",        api_ticket_unmerge,   ACCESS_AGENT,   ROUTE_API},
    {"DELETE","/api/v1/tickets/{id}/snooze",        api_ticket_wake,      ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets/{id}/draft",          api_draft_get,        ACCESS_AGENT,   ROUTE_API},
    {"PUT",  "/api/v1/tickets/{id}/draft",          api_draft_put,        ACCESS_AGENT,   ROUTE_API},
    {"DELETE","/api/v1/tickets/{id}/draft",         api_draft_delete,     ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/customers/{id}",              api_customer_get,     ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/messages/{id}/reading",       api_message_reading,  ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/views",                       api_view_create,      ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/views",                       api_view_list,        ACCESS_AGENT,   ROUTE_API},
    {"DELETE","/api/v1/views/{id}",                 api_view_delete,      ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/bulk",                api_ticket_bulk,      ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/kb/articles",                 api_kb_create,        ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/kb/articles",                 api_kb_list,          ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/kb/articles/{id}",            api_kb_get,           ACCESS_AGENT,   ROUTE_API},
    {"PATCH","/api/v1/kb/articles/{id}",            api_kb_update,        ACCESS_AGENT,   ROUTE_API},
    {"DELETE","/api/v1/kb/articles/{id}",           api_kb_delete,        ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/kb/search",                   api_kb_search,        ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets/{id}/suggestions",    api_ticket_suggestions, ACCESS_AGENT, ROUTE_API},
    {"POST", "/api/v1/macros",                      api_macro_create,     ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/macros",                      api_macro_list,       ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/macros/{id}",                 api_macro_get,        ACCESS_AGENT,   ROUTE_API},
    {"PATCH","/api/v1/macros/{id}",                 api_macro_update,     ACCESS_AGENT,   ROUTE_API},
    {"DELETE","/api/v1/macros/{id}",                api_macro_delete,     ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets/{id}/macros",         api_ticket_macros,    ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/me/after-send",               api_after_send_get,   ACCESS_AGENT,   ROUTE_API},
    {"PUT",  "/api/v1/me/after-send",               api_after_send_put,   ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/messages/{id}/reading",       api_message_reading_correct, ACCESS_AGENT, ROUTE_API},
    {"PATCH","/api/v1/customers/{id}",              api_customer_update,  ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/customers",                   api_customer_list,    ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/agents",                      api_agent_list,       ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/teams",                       api_team_list,        ACCESS_AGENT,   ROUTE_API},
    {"PATCH","/api/v1/teams/{id}",                  api_team_update,      ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/coach",                       api_coach,            ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/outbox",                      api_outbox_list,      ACCESS_ADMIN,   ROUTE_API},
    {"GET",  "/api/v1/outbox/{id}",                 api_outbox_get,       ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/outbox/{id}/cancel",          api_outbox_cancel,    ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/outbox/{id}/retry",           api_outbox_retry,     ACCESS_ADMIN,   ROUTE_API},
    {"GET",  "/api/v1/commitments",                 api_commitment_list,  ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/commitments/record",          api_commitment_record, ACCESS_AGENT,  ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/commitments",    api_commitment_create, ACCESS_AGENT,  ROUTE_API},
    {"PATCH","/api/v1/commitments/{id}",            api_commitment_update, ACCESS_AGENT,  ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/handoffs",       api_handoff_create,   ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/handoffs",                    api_handoff_list,     ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/handoffs/{id}/accept",        api_handoff_accept,   ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/handoffs/{id}/decline",       api_handoff_decline,  ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/handoffs/{id}/cancel",        api_handoff_cancel,   ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/webhooks",                    api_webhook_create,   ACCESS_ADMIN,   ROUTE_API},
    {"GET",  "/api/v1/webhooks",                    api_webhook_list,     ACCESS_ADMIN,   ROUTE_API},
    {"DELETE","/api/v1/webhooks/{id}",              api_webhook_delete,   ACCESS_ADMIN,   ROUTE_API},
    {"GET",  "/api/v1/webhooks/{id}/deliveries",    api_webhook_deliveries, ACCESS_ADMIN, ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/goodwill",       api_goodwill_create,  ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets/{id}/goodwill",       api_goodwill_ticket,  ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/customers/{id}/goodwill",     api_goodwill_customer, ACCESS_AGENT,  ROUTE_API},
    {"GET",  "/api/v1/goodwill",                    api_goodwill_list,    ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/goodwill/limits",             api_goodwill_limits_get, ACCESS_AGENT, ROUTE_API},
    {"PUT",  "/api/v1/goodwill/limits",             api_goodwill_limits_put, ACCESS_ADMIN, ROUTE_API},
    {"GET",  "/api/v1/goodwill/allowance",          api_goodwill_allowance, ACCESS_AGENT, ROUTE_API},
    {"POST", "/api/v1/goodwill/{id}/approve",       api_goodwill_approve, ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/goodwill/{id}/decline",       api_goodwill_decline, ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/calendars",                   api_calendar_create,  ACCESS_ADMIN,   ROUTE_API},
    {"GET",  "/api/v1/calendars",                   api_calendar_list,    ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/calendars/{id}",              api_calendar_get,     ACCESS_AGENT,   ROUTE_API},
    {"PUT",  "/api/v1/calendars/{id}",              api_calendar_update,  ACCESS_ADMIN,   ROUTE_API},
    {"DELETE","/api/v1/calendars/{id}",             api_calendar_delete,  ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/sla-policies",                api_policy_create,    ACCESS_ADMIN,   ROUTE_API},
    {"GET",  "/api/v1/sla-policies",                api_policy_list,      ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/sla-policies/preview",        api_policy_preview,   ACCESS_AGENT,   ROUTE_API},
    {"PUT",  "/api/v1/sla-policies/{id}",           api_policy_update,    ACCESS_ADMIN,   ROUTE_API},
    {"DELETE","/api/v1/sla-policies/{id}",          api_policy_delete,    ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/incidents",                   api_incident_create,  ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/incidents",                   api_incident_list,    ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/incidents/{id}",              api_incident_get,     ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/incidents/{id}/tickets",      api_incident_link,    ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/incidents/{id}/updates",      api_incident_update,  ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/events",                      api_events,           ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/focus/next",                  api_focus_next,       ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/focus/skip",                  api_focus_skip,       ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/focus/skips",                 api_focus_skips,      ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/tickets/{id}/presence",       api_presence_list,    ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tickets/{id}/presence",       api_presence_set,     ACCESS_AGENT,   ROUTE_API},
    {"GET",  "/api/v1/notifications",               api_notification_list, ACCESS_AGENT,  ROUTE_API},
    {"POST", "/api/v1/notifications/read",          api_notifications_read_all, ACCESS_AGENT, ROUTE_API},
    {"POST", "/api/v1/notifications/{id}/read",     api_notification_read, ACCESS_AGENT,  ROUTE_API},
    {"GET",  "/api/v1/jobs",                        api_job_list,         ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/jobs/{id}/retry",             api_job_retry,        ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/test/clock",                  api_test_clock,       ACCESS_ADMIN,   ROUTE_API},

    {"GET",  "/static/{name}",                      page_asset,           ACCESS_PUBLIC,  ROUTE_PAGE},
    {"GET",  "/",                                   page_root,            ACCESS_PUBLIC,  ROUTE_PAGE},
    {"GET",  "/login",                              page_login,           ACCESS_PUBLIC,  ROUTE_PAGE},
    {"POST", "/login",                              page_login_post,      ACCESS_PUBLIC,  ROUTE_PAGE},
    {"POST", "/logout",                             page_logout,          ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/inbox",                              page_inbox,           ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/tickets/new",                        page_ticket_new,      ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/new",                        page_ticket_create,   ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/tickets/{id}",                       page_ticket,          ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/messages",              page_ticket_reply,    ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/messages/{mid}/resend", page_ticket_resend,   ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/messages/{mid}/reading", page_message_reading, ACCESS_AGENT,  ROUTE_PAGE},
    {"POST", "/tickets/bulk",                       page_tickets_bulk,    ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/inbox/views",                        page_view_save,       ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/inbox/views/{id}/delete",            page_view_delete,     ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/snooze",                page_ticket_snooze,   ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/merge",                 page_ticket_merge,    ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/unmerge",               page_ticket_unmerge,  ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/wake",                  page_ticket_wake,     ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/incidents",                          page_incidents,       ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/incidents",                          page_incident_create, ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/incidents/{id}",                     page_incident,        ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/incidents/{id}/tickets",             page_incident_link,   ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/incidents/{id}/updates",             page_incident_update, ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/incident",              page_ticket_incident, ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/goodwill",                           page_goodwill_queue,  ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/goodwill",              page_goodwill_grant,  ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/goodwill/{id}/approve",              page_goodwill_approve, ACCESS_AGENT,  ROUTE_PAGE},
    {"POST", "/goodwill/{id}/decline",              page_goodwill_decline, ACCESS_AGENT,  ROUTE_PAGE},
    {"POST", "/tickets/{id}/handoffs",              page_handoff_ask,     ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/handoffs/{id}/accept",               page_handoff_accept,  ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/handoffs/{id}/decline",              page_handoff_decline, ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/handoffs/{id}/cancel",               page_handoff_cancel,  ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/settings/available",                 page_available,       ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/commitments",           page_commitment_add,  ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/tickets/{id}/commitments/{cid}",     page_commitment_update, ACCESS_AGENT, ROUTE_PAGE},
    {"POST", "/tickets/{id}",                       page_ticket_update,   ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/notifications",                      page_notifications,   ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/notifications/read",                 page_notifications_read, ACCESS_AGENT, ROUTE_PAGE},
    {"POST", "/notifications/{id}/open",            page_notification_open, ACCESS_AGENT, ROUTE_PAGE},
    {"GET",  "/customers",                          page_customers,       ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/customers/{id}",                     page_customer,        ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/customers/{id}",                     page_customer_update, ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/customers/{id}/profile",             page_customer_profile, ACCESS_AGENT,  ROUTE_PAGE},
    {"GET",  "/admin",                              page_admin,           ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/agents",                       page_admin_agent_add, ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/agents/{id}/timezone",         page_admin_agent_timezone, ACCESS_ADMIN, ROUTE_PAGE},
    {"GET",  "/settings",                           page_settings,        ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/settings",                           page_settings_post,   ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/settings/after-send",                page_settings_after_send, ACCESS_AGENT, ROUTE_PAGE},
    {"GET",  "/macros",                             page_macros,          ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/kb",                                 page_kb,              ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/kb",                                 page_kb_create,       ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/kb/{id}",                            page_kb_article,      ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/kb/{id}",                            page_kb_update,       ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/kb/{id}/delete",                     page_kb_delete,       ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/help",                               page_help,            ACCESS_PUBLIC,  ROUTE_PAGE},
    {"GET",  "/help/{slug}",                        page_help_article,    ACCESS_PUBLIC,  ROUTE_PAGE},
    {"POST", "/macros",                             page_macro_create,    ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/macros/{id}/delete",                 page_macro_delete,    ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/admin/teams",                        page_admin_team_add,  ACCESS_ADMIN,   ROUTE_PAGE},
    {"GET",  "/attachments/{id}",                   page_attachment,      ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/attachments/{id}/inline",            page_attachment_inline, ACCESS_AGENT, ROUTE_PAGE},
    {"GET",  "/admin/sla",                          page_admin_sla,       ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/sla/calendars",                page_admin_sla_calendar_add, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/sla/policies",                 page_admin_sla_policy_add, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/sla/policies/{id}/delete",     page_admin_sla_policy_delete, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/sla/calendars/{id}/delete",    page_admin_sla_calendar_delete, ACCESS_ADMIN, ROUTE_PAGE},
    {"GET",  "/admin/webhooks",                     page_admin_webhooks,  ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/webhooks",                     page_admin_webhook_add, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/webhooks/{id}/delete",         page_admin_webhook_delete, ACCESS_ADMIN, ROUTE_PAGE},
    {"GET",  "/focus",                              page_focus,           ACCESS_AGENT,   ROUTE_PAGE},
    {"POST", "/focus/skip",                         page_focus_skip,      ACCESS_AGENT,   ROUTE_PAGE},
    {"GET",  "/admin/goodwill",                     page_admin_goodwill,  ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/goodwill",                     page_admin_goodwill_limits, ACCESS_ADMIN, ROUTE_PAGE},
    {"GET",  "/admin/jobs",                         page_admin_jobs,      ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/jobs/{id}/retry",              page_admin_job_retry, ACCESS_ADMIN,   ROUTE_PAGE},
    {"GET",  "/admin/quarantine",                   page_admin_quarantine, ACCESS_ADMIN,  ROUTE_PAGE},
    {"GET",  "/admin/outbox",                       page_admin_outbox, ACCESS_ADMIN,      ROUTE_PAGE},
    {"POST", "/admin/outbox/{id}/cancel",           page_admin_outbox_cancel, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/outbox/{id}/retry",            page_admin_outbox_retry, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/quarantine/{id}/retry",        page_admin_quarantine_retry, ACCESS_ADMIN, ROUTE_PAGE},
    {"GET",  "/admin/quarantine/{id}/raw",          page_admin_quarantine_raw, ACCESS_ADMIN, ROUTE_PAGE},

    /* accounts: tokens, sessions, passwords, agent edits, password resets */
    {"GET",  "/api/v1/tokens",                      api_token_list,       ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/tokens",                      api_token_create,     ACCESS_AGENT,   ROUTE_API},
    {"DELETE","/api/v1/tokens/{id}",                api_token_revoke,     ACCESS_AGENT,   ROUTE_API},
    {"POST", "/api/v1/agents/{id}/deactivate",      api_agent_deactivate, ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/api/v1/agents/{id}/reactivate",      api_agent_reactivate, ACCESS_ADMIN,   ROUTE_API},
    {"POST", "/settings/password",                  page_settings_password, ACCESS_AGENT, ROUTE_PAGE},
    {"POST", "/settings/sessions/end",              page_settings_sessions_end, ACCESS_AGENT, ROUTE_PAGE},
    {"POST", "/settings/tokens",                    page_settings_token_create, ACCESS_AGENT, ROUTE_PAGE},
    {"POST", "/settings/tokens/{id}/revoke",        page_settings_token_revoke, ACCESS_AGENT, ROUTE_PAGE},
    {"GET",  "/admin/agents/{id}",                  page_admin_agent,     ACCESS_ADMIN,   ROUTE_PAGE},
    {"POST", "/admin/agents/{id}",                  page_admin_agent_update, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/agents/{id}/active",           page_admin_agent_active, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/agents/{id}/reset",            page_admin_agent_reset, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/teams/{id}",                   page_admin_team_update, ACCESS_ADMIN, ROUTE_PAGE},
    {"POST", "/admin/teams/{id}/assign",            page_admin_team_assign, ACCESS_ADMIN, ROUTE_PAGE},
    {"GET",  "/forgot",                             page_forgot,          ACCESS_PUBLIC,  ROUTE_PAGE},
    {"POST", "/forgot",                             page_forgot_post,     ACCESS_PUBLIC,  ROUTE_PAGE},
    {"GET",  "/reset/{token}",                      page_reset,           ACCESS_PUBLIC,  ROUTE_PAGE},
    {"POST", "/reset/{token}",                      page_reset_post,      ACCESS_PUBLIC,  ROUTE_PAGE},
};

/* matches one pattern against a path; on success fills r->params */
static bool match(const char *pat, const char *path, req *r)
{
    int np = 0;
    const char *params[MAX_PATH_PARAMS];
    size_t lens[MAX_PATH_PARAMS];
    while (*pat && *path) {
        if (*pat == '{') {
            const char *end = strchr(pat, '}');
            size_t n = strcspn(path, "/");
            if (!end || n == 0 || np == MAX_PATH_PARAMS) return false;
            params[np] = path;
            lens[np++] = n;
            pat = end + 1;
            path += n;
        } else if (*pat++ != *path++) {
            return false;
        }
    }
    if (*pat || *path) return false;
    if (r) {
        r->nparams = np;
        for (int i = 0; i < np; i++) r->params[i] = arena_strndup(&r->a, params[i], lens[i]);
    }
    return true;
}

const struct route *route_match(const char *method, const char *path, req *r, bool *path_known)
{
    *path_known = false;
    /* HEAD is GET without a body: libmicrohttpd drops the body for us */
    if (!strcmp(method, "HEAD")) method = "GET";
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!match(routes[i].pattern, path, NULL)) continue;
        *path_known = true;
        if (!strcmp(routes[i].method, method)) {
            match(routes[i].pattern, path, r);
            return &routes[i];
        }
    }
    return NULL;
}

bool route_takes_files(const char *method, const char *path)
{
    bool known;
    const struct route *rt = route_match(method, path, NULL, &known);
    return rt && (rt->fn == api_ticket_reply || rt->fn == api_ticket_note || rt->fn == page_ticket_reply);
}
