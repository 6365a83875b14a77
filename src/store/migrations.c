/* Numbered schema migrations, applied in order at start by db_migrate().
 * Never edit a migration that has shipped: add the next number.
 * Times are UTC ISO-8601 text ("2026-11-23T10:00:00Z"), which sorts in time order. */
#include <stddef.h>
#include "store/migrations.h"

const struct migration heed_migrations[] = {
    {1, "core: agents, teams, customers, tickets, messages, audit, auth",
     "CREATE TABLE teams ("
     "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE agents ("
     "  id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,"
     "  role TEXT NOT NULL CHECK (role IN ('agent','supervisor','admin')),"
     "  password_hash TEXT, team_id INTEGER REFERENCES teams(id),"
     "  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);"
     "CREATE TABLE customers ("
     "  id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE tickets ("
     "  id INTEGER PRIMARY KEY, subject TEXT NOT NULL,"
     "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
     "  channel TEXT NOT NULL CHECK (channel IN ('email','web','api','phone','chat','social')),"
     "  status TEXT NOT NULL CHECK (status IN ('new','open','pending','on-hold','solved','closed')),"
     "  priority TEXT NOT NULL CHECK (priority IN ('low','normal','high','urgent')),"
     "  owner_id INTEGER REFERENCES agents(id), team_id INTEGER REFERENCES teams(id),"
     "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
     "  first_response_at TEXT, solved_at TEXT);"
     "CREATE INDEX tickets_updated ON tickets(updated_at DESC, id DESC);"
     "CREATE INDEX tickets_status_updated ON tickets(status, updated_at DESC, id DESC);"
     "CREATE INDEX tickets_owner_updated ON tickets(owner_id, updated_at DESC, id DESC);"
     "CREATE INDEX tickets_customer ON tickets(customer_id, id DESC);"
     "CREATE TABLE ticket_tags ("
     "  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE, tag TEXT NOT NULL,"
     "  PRIMARY KEY (ticket_id, tag)) WITHOUT ROWID;"
     "CREATE TABLE messages ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('customer','reply','note')),"
     "  author_agent_id INTEGER REFERENCES agents(id),"
     "  author_customer_id INTEGER REFERENCES customers(id),"
     "  body TEXT NOT NULL, created_at TEXT NOT NULL);"
     "CREATE INDEX messages_ticket ON messages(ticket_id, id);"
     "CREATE VIRTUAL TABLE tickets_fts USING fts5(subject, body, tokenize = 'unicode61 remove_diacritics 2');"
     "CREATE TABLE audit_log ("
     "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_agent_id INTEGER REFERENCES agents(id),"
     "  entity TEXT NOT NULL, entity_id INTEGER NOT NULL, action TEXT NOT NULL,"
     "  before TEXT, after TEXT);"
     "CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);"
     "CREATE TABLE api_tokens ("
     "  id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);"
     "CREATE TABLE sessions ("
     "  id_hash TEXT PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"},
    {2, "mail: inbound messages, threading secret, loop-protection flags, quarantine",
     "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
     "CREATE TABLE mail_messages ("
     "  id INTEGER PRIMARY KEY, message_id TEXT NOT NULL,"
     "  ticket_id INTEGER NOT NULL REFERENCES tickets(id), msg_id INTEGER REFERENCES messages(id),"
     "  direction TEXT NOT NULL CHECK (direction IN ('in','out')), mailbox TEXT,"
     "  from_email TEXT NOT NULL, from_name TEXT, subject TEXT NOT NULL, display TEXT,"
     "  auto INTEGER NOT NULL DEFAULT 0, auto_reason TEXT,"
     "  thread_by TEXT NOT NULL CHECK (thread_by IN ('new','message-id','reference','subject-token','outbound')),"
     "  received_at TEXT NOT NULL);"
     "CREATE UNIQUE INDEX mail_messages_message_id ON mail_messages(message_id);"
     "CREATE INDEX mail_messages_ticket ON mail_messages(ticket_id, id);"
     "CREATE TABLE mail_tickets ("
     "  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),"
     "  no_autoreply INTEGER NOT NULL DEFAULT 0, reason TEXT, updated_at TEXT NOT NULL);"
     "CREATE TABLE mail_quarantine ("
     "  id INTEGER PRIMARY KEY, raw BLOB NOT NULL, size INTEGER NOT NULL, reason TEXT NOT NULL,"
     "  mailbox TEXT, message_id TEXT, received_at TEXT NOT NULL);"
     "CREATE INDEX mail_quarantine_received ON mail_quarantine(received_at DESC, id DESC);"},
    {3, "mail out: the durable outbox (replies and acknowledgements, delivery state)",
     "CREATE TABLE outbox ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  message_id INTEGER NOT NULL REFERENCES messages(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('reply','ack')),"
     "  to_addr TEXT NOT NULL COLLATE NOCASE, to_name TEXT, from_name TEXT, subject TEXT NOT NULL, body TEXT NOT NULL,"
     "  mail_message_id TEXT NOT NULL, in_reply_to TEXT, refs TEXT,"
     "  state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','failed')),"
     "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, lease_until TEXT,"
     "  last_error TEXT, sent_at TEXT, created_at TEXT NOT NULL);"
     "CREATE UNIQUE INDEX outbox_message_kind ON outbox(message_id, kind);"
     "CREATE UNIQUE INDEX outbox_mail_message_id ON outbox(mail_message_id);"
     "CREATE INDEX outbox_due ON outbox(state, next_attempt_at);"
     "CREATE INDEX outbox_ticket ON outbox(ticket_id, id);"
     "CREATE INDEX outbox_auto_to ON outbox(to_addr, created_at) WHERE kind = 'ack';"},
    {4, "mail in: sanitised HTML for display, attachments (content-addressed files next to the database)",
     "ALTER TABLE mail_messages ADD COLUMN html TEXT;"
     "CREATE TABLE mail_attachments ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  msg_id INTEGER NOT NULL REFERENCES messages(id),"
     "  filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,"
     "  sha256 TEXT, stored INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);"
     "CREATE INDEX mail_attachments_msg ON mail_attachments(msg_id, id);"
     "CREATE INDEX mail_attachments_ticket ON mail_attachments(ticket_id, id);"
     "CREATE INDEX mail_attachments_sha256 ON mail_attachments(sha256);"},
    {5, "mail out: automatic notices (an attachment over the size limit) in the outbox",
     /* SQLite cannot change a CHECK: the table is rebuilt with the same columns */
     "CREATE TABLE outbox_new ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  message_id INTEGER NOT NULL REFERENCES messages(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('reply','ack','notice')),"
     "  to_addr TEXT NOT NULL COLLATE NOCASE, to_name TEXT, from_name TEXT, subject TEXT NOT NULL, body TEXT NOT NULL,"
     "  mail_message_id TEXT NOT NULL, in_reply_to TEXT, refs TEXT,"
     "  state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','failed')),"
     "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, lease_until TEXT,"
     "  last_error TEXT, sent_at TEXT, created_at TEXT NOT NULL);"
     "INSERT INTO outbox_new SELECT id, ticket_id, message_id, kind, to_addr, to_name, from_name, subject, body,"
     "  mail_message_id, in_reply_to, refs, state, attempts, next_attempt_at, lease_until, last_error, sent_at,"
     "  created_at FROM outbox;"
     "DROP TABLE outbox;"
     "ALTER TABLE outbox_new RENAME TO outbox;"
     "CREATE UNIQUE INDEX outbox_message_kind ON outbox(message_id, kind);"
     "CREATE UNIQUE INDEX outbox_mail_message_id ON outbox(mail_message_id);"
     "CREATE INDEX outbox_due ON outbox(state, next_attempt_at);"
     "CREATE INDEX outbox_ticket ON outbox(ticket_id, id);"
     "CREATE INDEX outbox_auto_to ON outbox(to_addr, created_at) WHERE kind IN ('ack','notice');"},
    {6, "mail out: cancelled outbox rows, and queued_at (when a row last entered the queue, for expiry)",
     /* SQLite cannot change a CHECK: the table is rebuilt with the same columns plus queued_at. */
     "CREATE TABLE outbox_new ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  message_id INTEGER NOT NULL REFERENCES messages(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('reply','ack','notice')),"
     "  to_addr TEXT NOT NULL COLLATE NOCASE, to_name TEXT, from_name TEXT, subject TEXT NOT NULL, body TEXT NOT NULL,"
     "  mail_message_id TEXT NOT NULL, in_reply_to TEXT, refs TEXT,"
     "  state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','failed','cancelled')),"
     "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, lease_until TEXT,"
     "  last_error TEXT, sent_at TEXT, created_at TEXT NOT NULL, queued_at TEXT NOT NULL);"
     "INSERT INTO outbox_new SELECT id, ticket_id, message_id, kind, to_addr, to_name, from_name, subject, body,"
     "  mail_message_id, in_reply_to, refs, state, attempts, next_attempt_at, lease_until, last_error, sent_at,"
     "  created_at, created_at FROM outbox;"
     "DROP TABLE outbox;"
     "ALTER TABLE outbox_new RENAME TO outbox;"
     "CREATE UNIQUE INDEX outbox_message_kind ON outbox(message_id, kind);"
     "CREATE UNIQUE INDEX outbox_mail_message_id ON outbox(mail_message_id);"
     "CREATE INDEX outbox_due ON outbox(state, next_attempt_at);"
     "CREATE INDEX outbox_queued ON outbox(state, queued_at);"
     "CREATE INDEX outbox_ticket ON outbox(ticket_id, id);"
     "CREATE INDEX outbox_auto_to ON outbox(to_addr, created_at) WHERE kind IN ('ack','notice');"},
    {7, "agents: each agent's time zone (an IANA name; NULL = the server's default)",
     "ALTER TABLE agents ADD COLUMN timezone TEXT;"},
    /* One row per ticket (its subject and first message) plus one per later message, so a reply
     * is indexed on its own instead of re-indexing the whole thread; search asks each word of a
     * query separately and keeps the tickets that have them all (store_ticket_list). What the
     * old index held moves over as each ticket's first row. */
    {8, "search: the full-text index by message instead of by whole ticket",
     "CREATE VIRTUAL TABLE search_fts USING fts5(ticket_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');"
     "INSERT INTO search_fts(ticket_id, text) SELECT rowid, subject || char(10) || body FROM tickets_fts;"
     "DROP TABLE tickets_fts;"},
    /* Accounts a team can run: named, expiring, revocable API tokens with a last-used time
     * (updated at most once a minute), sessions with when/where they were last seen,
     * and password resets (a request an admin sees; a one-use link of which only the hash is kept). */
    {9, "accounts: token names, expiry, last use and revocation; session details; password resets",
     "ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;"
     "ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;"
     "ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;"
     "CREATE INDEX api_tokens_agent ON api_tokens(agent_id, id);"
     "ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;"
     "ALTER TABLE sessions ADD COLUMN address TEXT;"
     "ALTER TABLE sessions ADD COLUMN user_agent TEXT;"
     "CREATE INDEX sessions_agent ON sessions(agent_id);"
     "CREATE TABLE password_reset_requests ("
     "  id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  requested_at TEXT NOT NULL, address TEXT, handled_at TEXT);"
     "CREATE INDEX password_reset_requests_open ON password_reset_requests(handled_at, agent_id);"
     "CREATE TABLE password_resets ("
     "  id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  token_hash TEXT NOT NULL UNIQUE, created_by INTEGER REFERENCES agents(id),"
     "  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT);"},
    /* Forged mail: the verdict on an email's sender, read from the Authentication-Results
     * its operator's own server added (svc_mail_auth.c). Mail filed before is 'unchecked'. */
    {10, "mail: the sender's authentication verdict on each email",
     "ALTER TABLE mail_messages ADD COLUMN auth TEXT NOT NULL DEFAULT 'unchecked';"},
    /* Work is never lost: each ticket's version (bumped by every change, for If-Match and the
     * page's stale check), the version each ticket audit row made (what changed since a
     * version), and drafts of replies and notes kept per agent and ticket. */
    {11, "tickets: version; audit rows' ticket version; drafts",
     "ALTER TABLE tickets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
     "ALTER TABLE audit_log ADD COLUMN ticket_version INTEGER;"
     "UPDATE audit_log SET ticket_version = 1 WHERE entity = 'ticket';"
     /* the rows a change has just written, and the changes since a version, found without
      * reading the ticket's whole history */
     "CREATE INDEX audit_ticket_version ON audit_log(entity, entity_id, ticket_version);"
     "CREATE TABLE drafts ("
     "  agent_id INTEGER NOT NULL REFERENCES agents(id), ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('reply','note')), body TEXT NOT NULL, updated_at TEXT NOT NULL,"
     "  PRIMARY KEY (agent_id, ticket_id));"},
    /* One jobs mechanism for every timer and retry (src/jobs/): the outbox's queued mail is
     * its first client, so queued rows become due jobs. Notifications: the bell. */
    {12, "jobs: due work of every kind with leases and retries; agents' notifications",
     "CREATE TABLE jobs ("
     "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id INTEGER, payload TEXT NOT NULL DEFAULT '',"
     "  order_key TEXT,"
     "  state TEXT NOT NULL CHECK (state IN ('due','running','done','failed','cancelled')),"
     "  due_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, lease_until TEXT, last_error TEXT,"
     "  created_at TEXT NOT NULL, finished_at TEXT);"
     "CREATE INDEX jobs_due ON jobs(kind, state, due_at, id);"
     /* partial: a job added (due) writes only jobs_due (and jobs_ref until migration 18) */
     "CREATE INDEX jobs_running ON jobs(lease_until) WHERE state = 'running';"
     "CREATE INDEX jobs_order ON jobs(order_key, id) WHERE order_key IS NOT NULL;"
     "CREATE INDEX jobs_ref ON jobs(kind, ref_id) WHERE state = 'due';"
     "INSERT INTO jobs(kind, ref_id, state, due_at, created_at)"
     "  SELECT 'mail.send', id, 'due', next_attempt_at, created_at FROM outbox WHERE state IN ('queued','sending');"
     "CREATE TABLE notifications ("
     "  id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id), kind TEXT NOT NULL,"
     "  ticket_id INTEGER REFERENCES tickets(id), actor_id INTEGER REFERENCES agents(id),"
     "  title TEXT NOT NULL, body TEXT, url TEXT, created_at TEXT NOT NULL, read_at TEXT);"
     "CREATE INDEX notifications_agent ON notifications(agent_id, id);"
     "CREATE INDEX notifications_unread ON notifications(agent_id) WHERE read_at IS NULL;"},
    /* Promises heed keeps: commitments written in replies (or added by hand), warm hand-offs
     * a receiver accepts, agents' availability, and each team's automatic assignment. */
    {13, "promises: commitments, hand-offs, availability, automatic assignment",
     "CREATE TABLE commitments ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  message_id INTEGER REFERENCES messages(id), owner_id INTEGER NOT NULL REFERENCES agents(id),"
     "  text TEXT NOT NULL, due_at TEXT NOT NULL, vague INTEGER NOT NULL DEFAULT 0,"
     "  state TEXT NOT NULL CHECK (state IN ('open','kept','broken','cancelled')),"
     "  created_at TEXT NOT NULL, closed_at TEXT, reminded_at TEXT, overdue_at TEXT);"
     "CREATE INDEX commitments_owner ON commitments(owner_id, state, due_at);"
     "CREATE INDEX commitments_state ON commitments(state, due_at);"
     "CREATE INDEX commitments_ticket ON commitments(ticket_id, id);"
     "CREATE TABLE handoffs ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  from_id INTEGER REFERENCES agents(id), to_id INTEGER NOT NULL REFERENCES agents(id),"
     "  note TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending','accepted','declined','cancelled')),"
     "  reason TEXT, created_at TEXT NOT NULL, decided_at TEXT);"
     "CREATE INDEX handoffs_ticket ON handoffs(ticket_id, id);"
     "CREATE INDEX handoffs_to ON handoffs(to_id, state);"
     "ALTER TABLE tickets ADD COLUMN handoff_count INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE agents ADD COLUMN available INTEGER NOT NULL DEFAULT 1;"
     "ALTER TABLE agents ADD COLUMN max_open INTEGER;"
     "ALTER TABLE teams ADD COLUMN assign_mode TEXT NOT NULL DEFAULT 'off'"
     "  CHECK (assign_mode IN ('off','round_robin','least_open'));"
     "ALTER TABLE teams ADD COLUMN assign_cap INTEGER;"
     "ALTER TABLE teams ADD COLUMN reassign_minutes INTEGER;"
     "ALTER TABLE teams ADD COLUMN assign_last_agent INTEGER;"},
    /* Webhooks: admins subscribe URLs to events; each delivery is a row with its attempts, sent
     * by a job (webhook.deliver) in order per webhook and ticket. */
    {14, "webhooks: subscriptions, deliveries and their attempts",
     "CREATE TABLE webhooks ("
     "  id INTEGER PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL, secret TEXT NOT NULL,"
     "  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, created_by INTEGER REFERENCES agents(id));"
     "CREATE TABLE webhook_deliveries ("
     "  id INTEGER PRIMARY KEY, webhook_id INTEGER NOT NULL REFERENCES webhooks(id), event TEXT NOT NULL,"
     "  uuid TEXT NOT NULL UNIQUE, ticket_id INTEGER, payload TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('queued','delivered','failed')),"
     "  attempts INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, delivered_at TEXT);"
     "CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id);"
     "CREATE TABLE webhook_attempts ("
     "  id INTEGER PRIMARY KEY, delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id), at TEXT NOT NULL,"
     "  status INTEGER, error TEXT, ms INTEGER NOT NULL);"
     "CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);"},
    /* The goodwill budget: what an agent may grant without asking (per ticket, per month),
     * every grant and decision in one ledger. Amounts in minor units of one currency. */
    {15, "goodwill: grants, approvals and limits per role and agent",
     "CREATE TABLE goodwill ("
     "  id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  customer_id INTEGER NOT NULL REFERENCES customers(id), agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('credit','refund','replacement','gift')),"
     "  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0), currency TEXT NOT NULL, reason TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('granted','pending','approved','declined')),"
     "  decided_by INTEGER REFERENCES agents(id), decided_at TEXT, decline_reason TEXT, created_at TEXT NOT NULL);"
     "CREATE INDEX goodwill_agent ON goodwill(agent_id, created_at);"
     "CREATE INDEX goodwill_ticket ON goodwill(ticket_id, id);"
     "CREATE INDEX goodwill_customer ON goodwill(customer_id, id);"
     "CREATE INDEX goodwill_state ON goodwill(state, id);"
     "CREATE TABLE goodwill_limits ("
     "  id INTEGER PRIMARY KEY, role TEXT UNIQUE CHECK (role IN ('agent','supervisor','admin')),"
     "  agent_id INTEGER UNIQUE REFERENCES agents(id), per_ticket_minor INTEGER, per_month_minor INTEGER,"
     "  updated_at TEXT NOT NULL, CHECK ((role IS NULL) <> (agent_id IS NULL)));"},
    /* SLAs on business hours: calendars (a zone, open intervals per weekday, holidays), policies
     * matched in order, and each ticket's SLA clock (ticket_sla). hours: "1:540-1020,780-1020;2:..."
     * (weekday 0 = Sunday: minutes from local midnight); holidays: "2026-12-25,2026-12-26". */
    {16, "sla: business calendars, policies, each ticket's SLA clock",
     "CREATE TABLE calendars ("
     "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, timezone TEXT NOT NULL, hours TEXT NOT NULL,"
     "  holidays TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);"
     "CREATE TABLE sla_policies ("
     "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL,"
     "  match_priority TEXT, match_team TEXT, match_channel TEXT,"
     "  first_response_minutes INTEGER, next_response_minutes INTEGER, resolution_minutes INTEGER, update_minutes INTEGER,"
     "  calendar_id INTEGER REFERENCES calendars(id), created_at TEXT NOT NULL);"
     "CREATE TABLE ticket_sla ("
     "  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id), policy_id INTEGER REFERENCES sla_policies(id),"
     "  paused_minutes INTEGER NOT NULL DEFAULT 0, paused_at TEXT, last_reply_at TEXT, waiting_since TEXT,"
     "  next_due TEXT, next_risk TEXT, warned_for TEXT, breached_for TEXT);"
     "CREATE INDEX ticket_sla_due ON ticket_sla(next_due) WHERE next_due IS NOT NULL;"},
    /* Incidents: one outage, many customers; each update goes to every linked ticket's thread */
    {17, "incidents: outages with their linked tickets and updates",
     "CREATE TABLE incidents ("
     "  id INTEGER PRIMARY KEY, title TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('open','resolved')),"
     "  created_by INTEGER REFERENCES agents(id), created_at TEXT NOT NULL, resolved_at TEXT);"
     "CREATE TABLE incident_tickets ("
     "  incident_id INTEGER NOT NULL REFERENCES incidents(id), ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  linked_at TEXT NOT NULL, PRIMARY KEY (incident_id, ticket_id));"
     "CREATE INDEX incident_tickets_ticket ON incident_tickets(ticket_id);"
     "CREATE TABLE incident_updates ("
     "  id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL REFERENCES incidents(id), body TEXT NOT NULL,"
     "  author_id INTEGER REFERENCES agents(id), resolved INTEGER NOT NULL DEFAULT 0, tickets INTEGER NOT NULL,"
     "  created_at TEXT NOT NULL);"},
    /* An SLA clock's next alarm is kept on its own row, found by the sweep through a partial
     * index: a reply moves one index entry instead of cancelling one timer job and adding
     * another (docs/PERFORMANCE.md). The timers queued before this become alarms.
     * audit_entity (entity, entity_id, id) goes: audit_ticket_version starts with the same
     * two columns, and every audit row of a ticket wrote an entry on a random page of each.
     * jobs_ref goes too: only cancelling a kept commitment's timers used it (a person's
     * click, which now walks that kind's due jobs in jobs_due), while every job added paid
     * for an entry in it. */
    {18, "sla: each clock's next alarm on its own row (the sweep replaces per-ticket timer jobs); one audit index",
     "ALTER TABLE ticket_sla ADD COLUMN alarm_at TEXT;"
     "UPDATE ticket_sla SET alarm_at = (SELECT min(j.due_at) FROM jobs j WHERE j.kind = 'sla.check'"
     "  AND j.state IN ('due','running') AND j.ref_id = ticket_sla.ticket_id);"
     "CREATE INDEX ticket_sla_alarm ON ticket_sla(alarm_at) WHERE alarm_at IS NOT NULL;"
     "UPDATE jobs SET state = 'cancelled', lease_until = NULL, finished_at = created_at"
     "  WHERE kind = 'sla.check' AND state IN ('due','running');"
     "DROP INDEX IF EXISTS audit_entity;"
     "DROP INDEX IF EXISTS jobs_ref;"},
    /* Focus mode: a ticket an agent skipped, with the reason (kept for the supervisor) */
    {19, "focus: skipped tickets and why",
     "CREATE TABLE focus_skips ("
     "  id INTEGER PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  ticket_id INTEGER NOT NULL REFERENCES tickets(id), reason TEXT NOT NULL,"
     "  created_at TEXT NOT NULL, until TEXT NOT NULL);"
     "CREATE INDEX focus_skips_agent ON focus_skips(agent_id, ticket_id, until);"
     "CREATE INDEX focus_skips_recent ON focus_skips(created_at);"},
    /* The customer panel: what the team keeps on a customer (tags, notes, their language) */
    {20, "customers: the team's tags, notes and the customer's language",
     "ALTER TABLE customers ADD COLUMN tags TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE customers ADD COLUMN notes TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE customers ADD COLUMN language TEXT NOT NULL DEFAULT '';"},
    /* Priority from the customer's side (svc_attention.c): a row per ticket that waits for
     * our answer (since its first unanswered customer message), with the coach's cues of
     * those messages; and agents' corrections of a misread message, kept for the coach.
     * Tickets already waiting get their row with no cues (the coach did not read them then). */
    {21, "attention: tickets waiting for our answer, corrected readings",
     "CREATE TABLE ticket_attention ("
     "  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id), waiting_since TEXT NOT NULL,"
     "  writes INTEGER NOT NULL, cues INTEGER NOT NULL);"
     "CREATE TABLE reading_corrections ("
     "  message_id INTEGER PRIMARY KEY REFERENCES messages(id), ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  agent_id INTEGER NOT NULL REFERENCES agents(id), emotion TEXT NOT NULL, cues INTEGER NOT NULL,"
     "  read_emotion TEXT NOT NULL, read_cues INTEGER NOT NULL, created_at TEXT NOT NULL);"
     "CREATE INDEX reading_corrections_ticket ON reading_corrections(ticket_id);"
     "INSERT INTO ticket_attention(ticket_id, waiting_since, writes, cues)"
     "  SELECT m.ticket_id, min(m.created_at), count(*), 0 FROM messages m JOIN tickets t ON t.id = m.ticket_id"
     "  WHERE m.kind = 'customer' AND t.status NOT IN ('solved','closed')"
     "    AND m.id > coalesce((SELECT max(r.id) FROM messages r WHERE r.ticket_id = m.ticket_id AND r.kind = 'reply'), 0)"
     "  GROUP BY m.ticket_id;"},
    /* Macros: saved replies with placeholders, personal or shared with the author's team, that
     * may also set the status, add tags and take the ticket (svc_macros.c); and each agent's
     * choice of what follows a sent reply (stay on the ticket, or the next one in focus mode) */
    {22, "macros: saved replies and their actions; after-send choice per agent",
     "CREATE TABLE macros ("
     "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, shortcut TEXT NOT NULL, body TEXT NOT NULL,"
     "  author_id INTEGER NOT NULL REFERENCES agents(id), team_id INTEGER REFERENCES teams(id),"
     "  shared INTEGER NOT NULL DEFAULT 0, set_status TEXT, add_tags TEXT NOT NULL DEFAULT '',"
     "  take INTEGER NOT NULL DEFAULT 0, uses INTEGER NOT NULL DEFAULT 0,"
     "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
     "CREATE UNIQUE INDEX macros_author_shortcut ON macros(author_id, shortcut);"
     "ALTER TABLE agents ADD COLUMN after_send TEXT NOT NULL DEFAULT 'stay';"},
    /* Snooze: a ticket put on hold until a time (svc_snooze.c); it comes back then, or when
     * the customer writes */
    {23, "snooze: tickets on hold until a time",
     "CREATE TABLE ticket_snoozes ("
     "  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id), until TEXT NOT NULL,"
     "  agent_id INTEGER REFERENCES agents(id), created_at TEXT NOT NULL);"
     "CREATE INDEX ticket_snoozes_until ON ticket_snoozes(until);"},
    /* The knowledge base (svc_kb.c): articles in Markdown, drafts and published, internal or
     * public (at /help); their words in a full-text index (store_kb.c: the SQLite-only part);
     * each send of an article in a reply, for "sent N times" and, later, its satisfaction */
    {24, "knowledge base: articles, their full-text index, sends",
     "CREATE TABLE kb_articles ("
     "  id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL, body TEXT NOT NULL,"
     "  category TEXT NOT NULL DEFAULT '',"
     "  visibility TEXT NOT NULL CHECK (visibility IN ('internal','public')),"
     "  state TEXT NOT NULL CHECK (state IN ('draft','published')),"
     "  author_id INTEGER REFERENCES agents(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
     "CREATE INDEX kb_articles_public ON kb_articles(visibility, state, category, title);"
     "CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');"
     "CREATE TABLE kb_sends ("
     "  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,"
     "  ticket_id INTEGER NOT NULL REFERENCES tickets(id), message_id INTEGER REFERENCES messages(id),"
     "  agent_id INTEGER REFERENCES agents(id), created_at TEXT NOT NULL);"
     "CREATE INDEX kb_sends_article ON kb_sends(article_id);"},
    /* Merge (svc_merge.c): a ticket merged into another keeps its row (closed, merged_into)
     * and lends its messages, their email threading, files and promises, each marked with
     * where it came from (merged_from) so an unmerge within a day can give them back */
    {25, "merge: merged tickets, where moved rows came from, the merges",
     "ALTER TABLE tickets ADD COLUMN merged_into INTEGER REFERENCES tickets(id);"
     "ALTER TABLE messages ADD COLUMN merged_from INTEGER REFERENCES tickets(id);"
     "ALTER TABLE mail_messages ADD COLUMN merged_from INTEGER REFERENCES tickets(id);"
     "ALTER TABLE commitments ADD COLUMN merged_from INTEGER REFERENCES tickets(id);"
     "CREATE TABLE ticket_merges ("
     "  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES tickets(id),"
     "  target_id INTEGER NOT NULL REFERENCES tickets(id), agent_id INTEGER REFERENCES agents(id),"
     "  status_before TEXT NOT NULL, created_at TEXT NOT NULL, undone_at TEXT);"
     "CREATE INDEX ticket_merges_source ON ticket_merges(source_id, id);"
     "CREATE INDEX ticket_merges_target ON ticket_merges(target_id, id);"},
    /* Saved views (svc_views.c): an inbox filter with a name, an agent's own or shared with
     * their team; owner is mine | unassigned | all, as the inbox's tabs */
    {26, "views: saved inbox filters",
     "CREATE TABLE saved_views ("
     "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, agent_id INTEGER NOT NULL REFERENCES agents(id),"
     "  team_id INTEGER REFERENCES teams(id), shared INTEGER NOT NULL DEFAULT 0,"
     "  owner TEXT NOT NULL CHECK (owner IN ('mine','unassigned','all')), status TEXT, tag TEXT, priority TEXT,"
     "  channel TEXT, mood TEXT, created_at TEXT NOT NULL);"
     "CREATE INDEX saved_views_agent ON saved_views(agent_id);"},
    {0, NULL, NULL},
};
