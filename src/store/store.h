#ifndef HEED_STORE_H
#define HEED_STORE_H
/* store: every SQL statement heed runs, one function each. Functions that
 * read return 1 (found), 0 (not found) or -1 (error, e set); functions that
 * write return 0 or -1. Strings in returned records live in the arena `a`.
 * Writes that belong together are wrapped by the caller (service/) in
 * db_begin/db_commit. */
#include "store/db.h"
#include "store/records.h"
#include "util/arena.h"

/* agents and teams */
int store_agent_insert(db *d, const char *email, const char *name, const char *role,
                       const char *password_hash, long long team_id, const char *now, long long *id, herr *e);
int store_agent_by_id(db *d, arena *a, long long id, agent_rec *out, herr *e);
int store_agent_by_email(db *d, arena *a, const char *email, agent_rec *out, const char **password_hash, herr *e);
int store_agent_list(db *d, arena *a, agent_rec **out, int *n, herr *e);
int store_agent_set_timezone(db *d, long long id, const char *tz, herr *e); /* tz NULL: the default */
int store_agent_set_password(db *d, long long id, const char *password_hash, herr *e);
int store_team_insert(db *d, const char *name, const char *now, long long *id, herr *e);
int store_team_by_id(db *d, arena *a, long long id, team_rec *out, herr *e);
int store_team_by_name(db *d, arena *a, const char *name, team_rec *out, herr *e);
int store_team_list(db *d, arena *a, team_rec **out, int *n, herr *e);

/* customers */
int store_customer_by_email(db *d, arena *a, const char *email, customer_rec *out, herr *e);
int store_customer_by_id(db *d, arena *a, long long id, customer_rec *out, herr *e);
int store_customer_insert(db *d, const char *email, const char *name, const char *now, long long *id, herr *e);
int store_customer_update(db *d, long long id, const char *email, const char *name, herr *e);
/* the team's tags (comma-separated), notes and the customer's language */
int store_customer_profile_set(db *d, long long id, const char *tags, const char *notes, const char *language, herr *e);
/* the customer panel's counts and their latest messages, across all their tickets */
enum { CUSTOMER_PANEL_RECENT = 3 };
typedef struct customer_panel_rec {
    int open_promises;
    long long goodwill_minor; /* granted or approved, in the one currency */
    message_rec recent[CUSTOMER_PANEL_RECENT]; /* newest first */
    const char *recent_emotion[CUSTOMER_PANEL_RECENT]; /* an agent's correction of the coach's emotion, or NULL */
    int nrecent;
} customer_panel_rec;
int store_customer_panel(db *d, arena *a, long long customer_id, customer_panel_rec *out, herr *e);
/* customers newest first, at most limit, before id before_id (0: from the newest); q NULL, or
 * text their name or email contains (case aside) */
int store_customer_list(db *d, arena *a, const char *q, long long before_id, int limit, customer_rec **out, int *n, herr *e);
/* %q% lower-cased (ASCII), LIKE's wildcards escaped with \ (for LIKE ... ESCAPE '\') */
const char *store_like_pattern(arena *a, const char *q);

/* tickets */
int store_ticket_insert(db *d, const ticket_rec *t, long long *id, herr *e);
int store_ticket_by_id(db *d, arena *a, long long id, ticket_rec *out, herr *e);
/* sets status, priority, owner_id, team_id, updated_at, first_response_at, solved_at from t */
int store_ticket_update(db *d, const ticket_rec *t, herr *e);
int store_ticket_touch(db *d, long long id, const char *now, herr *e);
/* a change that leaves the ticket row as it is (an automatic reply): a new version only */
int store_ticket_bump(db *d, long long id, herr *e);
/* the ticket's audit rows not yet stamped carry its version now (a new ticket's: 1) */
int store_ticket_stamp(db *d, long long id, herr *e);
int store_ticket_list(db *d, arena *a, const ticket_filter *f, ticket_rec **out, int *n, herr *e);
/* how many tickets f lists, counting at most f->limit */
int store_ticket_count(db *d, arena *a, const ticket_filter *f, int *count, herr *e);
int store_ticket_counts(db *d, long long agent_id, int *mine, int *unassigned, int *open_all, herr *e);
/* demo data only: moves a ticket's history `seconds` into the past */
int store_ticket_backdate(db *d, arena *a, long long ticket_id, long long seconds, herr *e);
int store_ticket_tags_set(db *d, long long ticket_id, const char *const *tags, int ntags, herr *e);

/* messages */
int store_message_insert(db *d, const message_rec *m, long long *id, herr *e);
/* rewrites a message's text (a system note completed in the transaction that wrote it) */
int store_message_set_body(db *d, long long id, const char *body, herr *e);
int store_message_list(db *d, arena *a, long long ticket_id, message_rec **out, int *n, herr *e);
/* one message (no author name, no delivery) */
int store_message_by_id(db *d, arena *a, long long id, message_rec *out, herr *e);

/* full-text index of tickets (subject + message bodies); hidden behind these two */
int store_search_index_ticket(db *d, long long ticket_id, const char *subject, const char *body, herr *e);
int store_search_append(db *d, long long ticket_id, const char *body, herr *e);

/* audit */
int store_audit_insert(db *d, const char *now, long long actor_agent_id, const char *entity, long long entity_id,
                       const char *action, const char *before, const char *after, herr *e);
/* drafts (store_drafts.c): one per agent and ticket; put replaces it */
int store_draft_put(db *d, long long agent_id, long long ticket_id, const char *kind, const char *body, const char *now,
                    herr *e);
int store_draft_get(db *d, arena *a, long long agent_id, long long ticket_id, draft_rec *out, herr *e);
int store_draft_delete(db *d, long long agent_id, long long ticket_id, herr *e);
/* the tickets the agent has a draft on, ascending */
int store_draft_tickets(db *d, arena *a, long long agent_id, long long **ids, int *n, herr *e);
/* a ticket's audit rows made by changes after version (the changes an If-Match missed) */
int store_audit_ticket_since(db *d, arena *a, long long ticket_id, long long version, audit_rec **out, int *n, herr *e);
int store_audit_list(db *d, arena *a, const char *entity, long long entity_id, audit_rec **out, int *n, herr *e);

/* API tokens and browser sessions (hashes only) */
int store_session_delete(db *d, const char *id_hash, herr *e);


/* ---- email (store_mail.c) ---- */
#include "store/records_mail.h"
/* settings: a key/value table for install-wide values (the mail HMAC secret) */
int store_setting_get(db *d, arena *a, const char *key, const char **value, herr *e);
int store_setting_insert_if_absent(db *d, const char *key, const char *value, herr *e);
/* inserting a Message-ID that is already stored fails with db_is_constraint_error() true */
int store_mail_message_insert(db *d, const mail_msg_rec *m, long long *id, herr *e);
int store_mail_message_by_message_id(db *d, arena *a, const char *message_id, mail_msg_rec *out, herr *e);
int store_mail_message_count(db *d, long long *n, herr *e);
/* marks a ticket so that nothing answers it automatically (loop protection) */
int store_mail_ticket_set_no_autoreply(db *d, long long ticket_id, const char *reason, const char *now, herr *e);
int store_mail_ticket_no_autoreply(db *d, long long ticket_id, bool *out, herr *e);
int store_mail_quarantine_insert(db *d, const char *raw, size_t n, const char *reason, const char *mailbox,
                                 const char *message_id, const char *now, long long *id, herr *e);
int store_mail_quarantine_list(db *d, arena *a, mail_quarantine_rec **out, int *n, herr *e);


/* ---- outbound mail (store_outbox.c) ---- */
#include "store/records_outbox.h"
/* a new row, state queued, due at o->created_at; one per (message_id, kind) */
int store_outbox_insert(db *d, const outbox_rec *o, long long *id, herr *e);
int store_outbox_by_id(db *d, arena *a, long long id, outbox_rec *out, herr *e);
/* ticket_id 0 = all rows */
int store_outbox_list(db *d, arena *a, long long ticket_id, outbox_rec **out, int *n, herr *e);
/* the newest outbox rows first, at most limit; state NULL for all; before_id 0 or the
 * last id of the previous page (the admin page, GET /api/v1/outbox) */
int store_outbox_recent(db *d, arena *a, const char *state, long long before_id, int limit, outbox_rec **out, int *n,
                        herr *e);
/* Message-IDs of a ticket's mail in and out, oldest first; *in_latest the customer's latest */
int store_outbox_thread_ids(db *d, arena *a, long long ticket_id, const char ***ids, int *n, const char **in_latest,
                            herr *e);
/* how many rows are in a state (the outbox page's tabs; the index outbox_queued) */
int store_outbox_count_state(db *d, const char *state, int *n, herr *e);
/* automatic mail queued to an address since a time (the per-address cap) */
int store_outbox_auto_count(db *d, const char *to_addr, const char *since, int *n, herr *e);
/* rows stuck in sending past their lease go back to queued; *n how many */
int store_outbox_claim(db *d, long long id, const char *lease_until, herr *e);
/* attempts: the claim's count, a fencing token (a late sender whose lease was taken over changes nothing) */
int store_outbox_finish(db *d, long long id, int attempts, const char *lease_until, const char *state,
                        const char *next_attempt_at, const char *last_error, const char *sent_at, herr *e);
/* the lifecycle: expiry, an admin's cancel and resend (each 1 when the row changed) */
int store_outbox_expired(db *d, arena *a, const char *cutoff, int limit, outbox_rec **out, int *n, herr *e);
int store_outbox_give_up(db *d, long long id, const char *last_error, herr *e);
int store_outbox_cancel(db *d, long long id, const char *now, herr *e);
int store_outbox_requeue(db *d, long long id, const char *now, herr *e);
int store_outbox_readdress(db *d, long long id, const char *to_addr, const char *to_name, herr *e);
/* ---- email in: display, sanitised HTML, attachments, quarantine admin (store_mail_in.c, migration 4) ---- */
/* mail_id: the mail_messages row (its primary key) */
int store_mail_set_html(db *d, long long mail_id, const char *html, herr *e);
int store_mail_views(db *d, arena *a, long long ticket_id, mail_view_rec **out, int *n, herr *e);
int store_mail_attachment_insert(db *d, const mail_attachment_rec *r, long long *id, herr *e);
int store_mail_attachment_list(db *d, arena *a, long long ticket_id, mail_attachment_rec **out, int *n, herr *e);
int store_mail_attachment_list_msg(db *d, arena *a, long long msg_id, mail_attachment_rec **out, int *n, herr *e);
int store_mail_attachment_get(db *d, arena *a, long long id, mail_attachment_rec *out, herr *e);
int store_mail_quarantine_get(db *d, arena *a, long long id, mail_quarantine_rec *out, herr *e);
int store_mail_quarantine_delete(db *d, long long id, herr *e);
/* the attachment directory next to the database ("<db>.files"), created if missing; NULL for an
 * in-memory database */
const char *store_blob_dir(db *d, arena *a, herr *e);
/* moves the finished file tmp_path (on the same file system, inside store_blob_dir) to its
 * content address, or drops it when those bytes are already stored; fsyncs the directory */
int store_blob_put(db *d, arena *a, const char *tmp_path, const char *sha256_hex, herr *e);
const char *store_blob_path(db *d, arena *a, const char *sha256_hex);
/* copies every stored file missing from <dest_db>.files/ (hard link when it can, else a
 * copy through its tmp/ and a rename: never a partial file); run after the database's
 * backup, so every row in it has its file */
int store_blob_backup(db *d, arena *a, const char *dest_db, blob_stats *st, herr *e);
/* removes stored files no attachment row names and tmp/ files, both only when older than
 * grace_seconds; dry_run counts without removing */
int store_blob_gc(db *d, arena *a, long long grace_seconds, bool dry_run, blob_stats *st, herr *e);

/* ---- timed work and notifications (store_jobs.c, store_notify.c) ---- */
#include <stdbool.h>
#include <string.h>
#include "store/records_jobs.h"
int store_job_add(db *d, const job_rec *j, long long *id, herr *e);
int store_jobs_release_expired(db *d, const char *now, int *n, herr *e);
/* claims up to max due jobs of a kind (due at or before now) with a lease; *out the claimed rows */
int store_jobs_claim(db *d, arena *a, const char *kind, const char *now, const char *lease_until, int max,
                     job_rec **out, int *n, herr *e);
/* state: done | failed | due (retry at due_at) | wait (due at due_at, the attempt not counted) */
int store_job_finish(db *d, const job_rec *j, const char *state, const char *due_at, const char *last_error,
                     const char *now, herr *e);
int store_jobs_cancel_ref(db *d, const char *kind, long long ref_id, const char *now, herr *e);
int store_job_by_id(db *d, arena *a, long long id, job_rec *out, herr *e);
int store_jobs_list(db *d, arena *a, const char *state, const char *kind, long long before_id, int limit, job_rec **out,
                    int *n, herr *e);
int store_jobs_count(db *d, const char *state, int *n, herr *e);
int store_jobs_next_of_kind(db *d, arena *a, const char *kind, const char **at, herr *e);
int store_jobs_requeue(db *d, long long id, const char *now, herr *e);
int store_jobs_forget(db *d, const char *cutoff, int *n, herr *e);
int store_notification_add(db *d, const notification_rec *n, long long *id, herr *e);
int store_notifications_list(db *d, arena *a, long long agent_id, bool unread_only, long long before_id, int limit,
                             notification_rec **out, int *n, herr *e);
int store_notifications_unread(db *d, long long agent_id, int *n, herr *e);
int store_notifications_mark_read(db *d, long long agent_id, long long id, const char *now, int *changed, herr *e);
int store_notification_owner(db *d, long long id, long long *agent_id, herr *e);

/* ---- promises: commitments, hand-offs (store_commitments.c, store_handoffs.c) ---- */
#include "store/records_promises.h"
int store_commitment_insert(db *d, const commitment_rec *c, long long *id, herr *e);
int store_commitment_by_id(db *d, arena *a, long long id, commitment_rec *out, herr *e);
int store_commitment_list(db *d, arena *a, const commitment_filter *f, commitment_rec **out, int *n, herr *e);
int store_commitment_update(db *d, const commitment_rec *c, herr *e);
/* counts[0..3]: kept, broken, open (not yet due), overdue */
int store_commitment_counts(db *d, long long owner_id, const char *now, int counts[4], herr *e);
int store_ticket_raise(db *d, long long id, const char *now, herr *e);
int store_handoff_insert(db *d, const handoff_rec *h, long long *id, herr *e);
int store_handoff_by_id(db *d, arena *a, long long id, handoff_rec *out, herr *e);
int store_handoff_list(db *d, arena *a, long long ticket_id, long long to_id, const char *state, int limit,
                       handoff_rec **out, int *n, herr *e);
int store_handoff_decide(db *d, long long id, const char *state, const char *reason, const char *now, herr *e);
/* one more accepted hand-off on the ticket; *count the number now */
int store_ticket_handoffs(db *d, long long ticket_id, int *count, herr *e);
int store_agent_set_available(db *d, long long id, bool available, herr *e);
int store_team_assign_get(db *d, long long team_id, team_assign *out, herr *e);
int store_team_assign_set(db *d, long long team_id, const team_assign *a, herr *e);
int store_team_candidates(db *d, arena *a, long long team_id, assign_candidate **out, int *n, herr *e);

/* ---- webhooks (store_webhooks.c) ---- */
#include "store/records_webhooks.h"
int store_webhook_insert(db *d, const webhook_rec *w, long long created_by, long long *id, herr *e);
int store_webhook_list(db *d, arena *a, bool active_only, webhook_rec **out, int *n, herr *e);
int store_webhook_by_id(db *d, arena *a, long long id, webhook_rec *out, herr *e);
int store_webhook_deactivate(db *d, long long id, herr *e);
int store_delivery_insert(db *d, const webhook_delivery_rec *x, long long *id, herr *e);
int store_delivery_by_id(db *d, arena *a, long long id, webhook_delivery_rec *out, herr *e);
int store_delivery_list(db *d, arena *a, long long webhook_id, int limit, webhook_delivery_rec **out, int *n, herr *e);
int store_delivery_attempt(db *d, long long id, const char *at, int status, const char *error, int ms, const char *state,
                           herr *e);

/* ---- goodwill (store_goodwill.c) ---- */
#include "store/records_goodwill.h"
int store_goodwill_insert(db *d, const goodwill_rec *g, long long *id, herr *e);
int store_goodwill_by_id(db *d, arena *a, long long id, goodwill_rec *out, herr *e);
int store_goodwill_list(db *d, arena *a, long long ticket_id, long long customer_id, const char *state, int limit,
                        goodwill_rec **out, int *n, herr *e);
int store_goodwill_spent(db *d, long long agent_id, const char *since, long long ticket_id, long long *month,
                         long long *on_ticket, herr *e);
int store_goodwill_decide(db *d, long long id, const char *state, long long by, const char *reason, const char *now, herr *e);
int store_goodwill_limit_get(db *d, const char *role, long long agent_id, goodwill_limit *out, herr *e);
int store_goodwill_limit_set(db *d, const char *role, long long agent_id, const goodwill_limit *l, const char *now, herr *e);

/* ---- SLAs (store_sla.c) ---- */
#include "store/records_sla.h"
int store_calendar_save(db *d, calendar_rec *c, herr *e);
int store_calendar_by_id(db *d, arena *a, long long id, calendar_rec *out, herr *e);
int store_calendar_list(db *d, arena *a, calendar_rec **out, int *n, herr *e);
int store_calendar_delete(db *d, long long id, herr *e);
int store_policy_save(db *d, sla_policy_rec *p, herr *e);
int store_policy_list(db *d, arena *a, sla_policy_rec **out, int *n, herr *e);
int store_policy_by_id(db *d, arena *a, long long id, sla_policy_rec *out, herr *e);
int store_policy_delete(db *d, long long id, herr *e);
int store_ticket_sla_get(db *d, arena *a, long long ticket_id, ticket_sla_rec *out, herr *e);
int store_ticket_sla_put(db *d, const ticket_sla_rec *t, herr *e);
int store_ticket_sla_list(db *d, arena *a, const char *which, const char *now, int limit, long long **ids, int *n, herr *e);
int store_ticket_sla_alarms(db *d, arena *a, const char *now, int limit, long long **ids, int *n, herr *e);

/* ---- incidents (store_incidents.c) ---- */
#include "store/records_incidents.h"
int store_incident_insert(db *d, const char *title, long long by, const char *now, long long *id, herr *e);
int store_incident_by_id(db *d, arena *a, long long id, incident_rec *out, herr *e);
int store_incident_list(db *d, arena *a, const char *state, incident_rec **out, int *n, herr *e);
int store_incident_link(db *d, long long incident_id, long long ticket_id, const char *now, herr *e);
int store_incident_tickets(db *d, arena *a, long long incident_id, long long **ids, int *n, herr *e);
int store_ticket_incidents(db *d, arena *a, long long ticket_id, incident_rec **out, int *n, herr *e);
int store_incident_update_insert(db *d, const incident_update_rec *u, long long author, herr *e);
int store_incident_updates(db *d, arena *a, long long incident_id, incident_update_rec **out, int *n, herr *e);
int store_incident_resolve(db *d, long long id, const char *now, herr *e);

#include "store/store_accounts.h" /* tokens, sessions, password resets, agent edits */
#include "store/store_attention.h" /* tickets waiting for our answer, corrected readings */
#include "store/store_macros.h"    /* saved replies and their actions; the after-send choice */
#include "store/store_snooze.h"    /* tickets on hold until a time */
#include "store/store_views.h"     /* saved inbox views */
#include "store/store_kb.h"        /* the knowledge base */
#include "store/store_merge.h"     /* merging tickets */

/* ---- the change feed (store_feed.c): what changed since a cursor, for live updates ---- */
typedef struct feed_ticket {
    long long id, version, owner_id;
    const char *updated_at, *status;
} feed_ticket;
typedef struct feed_message {
    long long id, ticket_id, author_agent_id;
    const char *kind; /* customer | reply | note */
} feed_message;
int store_feed_heads(db *d, long long *last_message, long long *last_notification, herr *e);
/* tickets with updated_at >= since, in that order */
int store_feed_tickets(db *d, arena *a, const char *since, int limit, feed_ticket **out, int *n, herr *e);
int store_feed_messages(db *d, arena *a, long long after, int limit, feed_message **out, int *n, herr *e);
int store_feed_notifications(db *d, arena *a, long long after, int limit, notification_rec **out, int *n, herr *e);

/* ---- focus mode (store_focus.c) ---- */
typedef struct focus_candidate {
    long long ticket_id;
    const char *promise_due; /* the earliest overdue open promise on it, or NULL */
    const char *sla_due;     /* its SLA's next due time, or NULL */
    attention_row waiting;   /* waiting.waiting_since NULL: the customer is not waiting (a promise is) */
} focus_candidate;
typedef struct focus_skip_rec {
    long long id, agent_id, ticket_id;
    const char *agent_name, *ticket_subject, *reason, *created_at;
} focus_skip_rec;
int store_focus_candidates(db *d, arena *a, long long agent_id, const char *now, int limit, focus_candidate **out, int *n,
                           herr *e);
int store_focus_skip(db *d, long long agent_id, long long ticket_id, const char *reason, const char *now, const char *until,
                     herr *e);
int store_focus_skips(db *d, arena *a, const char *since, int limit, focus_skip_rec **out, int *n, herr *e);

#endif
