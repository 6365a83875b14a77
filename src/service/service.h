#ifndef HEED_SERVICE_H
#define HEED_SERVICE_H
/* service: one function for each thing a person can do in heed. Pages, the
 * API, the CLI and email all call these, so each rule (validation, ownership,
 * audit) lives here once. Functions return 0 (or 1/0 for lookups) and -1 with
 * e set: e->status is the HTTP-like status the door should answer with.
 *
 * Every write runs in one transaction with its audit rows. */
#include <stdbool.h>
#include <time.h>
#include "store/records.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

/* who is acting, and where results are allocated */
typedef struct svc {
    db *db;
    arena *a;
    const agent_rec *actor; /* NULL for the system (demo, CLI, email ingest) */
    time_t now;             /* when this action happens; 0 = the service clock (svc_clock) */
} svc;

/* ---- the service clock (svc_clock.c): every rule takes the time from here, never from
 * time(NULL), so tests move time instead of sleeping ---- */
/* the wall clock plus the offset tests moved it by */
time_t svc_clock(void);
/* moves the service clock forward (tests; heed serve with HEED_TEST_CLOCK=1); thread-safe */
void svc_clock_advance(long long seconds);
long long svc_clock_offset(void);
/* s->now when set, else svc_clock() */
time_t svc_now(const svc *s);
/* svc_now as stored text, "YYYY-MM-DDTHH:MM:SSZ" */
void svc_now_iso(const svc *s, char out[21]);

/* ---- limits every door shares ---- */
enum {
    SUBJECT_MAX = 200,
    NAME_MAX_LEN = 120,
    BODY_MAX = 100000,
    TAGS_MAX = 20,
    TAG_MAX_LEN = 40,
    PASSWORD_MIN = 8,
    PASSWORD_MAX = 200,
    SESSION_DAYS = 14, /* a browser session lasts this long */
};

/* ---- agents, teams, auth (svc_people.c, svc_auth.c) ---- */
bool svc_role_valid(const char *role);
int svc_agent_add(svc *s, const char *email, const char *name, const char *role, const char *password,
                  const char *team_name, long long *id, herr *e);
int svc_agent_get(svc *s, long long id, agent_rec *out, herr *e);
int svc_agent_list(svc *s, agent_rec **out, int *n, herr *e);
/* Sets an agent's time zone (an IANA name, checked against the tz database; NULL or "" = the
 * server's default). Agents set their own; admins anyone's. *out is the agent after. */
int svc_agent_set_timezone(svc *s, long long id, const char *tz, agent_rec *out, herr *e);
/* the zone an agent's times are shown and promised in: theirs, else the server's, else "UTC" */
const char *svc_agent_zone(const agent_rec *a, const char *server_default);
int svc_team_add(svc *s, const char *name, long long *id, herr *e);
int svc_team_list(svc *s, team_rec **out, int *n, herr *e);

/* Checks an email and password; on success fills *agent and returns 0. Wrong
 * email or password are the same 401 so they cannot be told apart. */
int svc_login(svc *s, const char *email, const char *password, agent_rec *agent, herr *e);
/* creates a browser session; *session_token (to set in the cookie) and *csrf live in s->a */
int svc_session_create(svc *s, long long agent_id, const char **session_token, const char **csrf, herr *e);
int svc_session_lookup(svc *s, const char *session_token, agent_rec *agent, const char **csrf, herr *e);
int svc_session_end(svc *s, const char *session_token, herr *e);
/* creates an API token for the agent with this email; the token is returned once, only its hash is kept */
int svc_token_create(svc *s, const char *email, const char **token, herr *e);
int svc_token_lookup(svc *s, const char *token, agent_rec *agent, herr *e);
/* hex BLAKE2b of a secret, as stored */
void svc_secret_hash(const char *secret, char out[65]);
/* prefix + 64 hex digits of 32 random bytes (session ids, CSRF tokens, API tokens, reset links), in a */
const char *svc_random_secret(arena *a, const char *prefix);

/* ---- customers (svc_customers.c) ---- */
int svc_customer_find_or_create(svc *s, const char *email, const char *name, customer_rec *out, herr *e);
int svc_customer_get(svc *s, long long id, customer_rec *out, herr *e);
/* "Okafor, Tunde" -> "Tunde Okafor": a name written family name first, as mail programs do,
 * as people write it; anything else ("Acme, Inc.", "Smith, Jr.", two commas) as it is */
const char *svc_name_as_written(arena *a, const char *name);
/* customers newest first (limit 1..100, before_id 0 or the last id of the previous page); q: text
 * their name or email contains, or NULL */
int svc_customer_list(svc *s, const char *q, long long before_id, int limit, customer_rec **out, int *n, herr *e);
/* corrects a customer's name and/or email (NULL = unchanged; a bounced address can be fixed):
 * 422 invalid, 409 conflict when the email is another customer's, 404; audit rows name, email */
int svc_customer_update(svc *s, long long id, const char *name, const char *email, customer_rec *out, herr *e);
/* what the team keeps on a customer; NULL (or !set_tags) leaves a field as it is; an audit row
 * per field that changed. 422 tags | notes | language. */
typedef struct customer_profile {
    bool set_tags;
    const char **tags;
    int ntags;
    const char *notes, *language;
} customer_profile;
enum { CUSTOMER_NOTES_MAX = 4000 };
int svc_customer_profile(svc *s, long long id, const customer_profile *p, customer_rec *out, herr *e);
/* what the panel beside a ticket shows of customer id besides its record (store.h) */
struct customer_panel_rec;
int svc_customer_panel(svc *s, long long id, struct customer_panel_rec *out, herr *e);

/* ---- tickets (svc_tickets.c) ---- */
typedef struct ticket_new {
    const char *subject, *customer_email, *customer_name, *message;
    const char *channel;  /* NULL = "api" */
    const char *priority; /* NULL = "normal" */
    const char **tags;
    int ntags;
    message_rec *first; /* optional out: the customer's message, as created (no read after the commit) */
    struct sla_view *sla; /* optional out: the new ticket's SLA, read inside the transaction for the same reason */
    long long owner_id; /* 0 = nobody; an active agent (an agent logging a call takes it: the page's default) */
} ticket_new;

typedef struct ticket_patch {
    const char *status, *priority; /* NULL = unchanged */
    bool set_owner;
    long long owner_id;            /* 0 = nobody */
    bool set_team;
    long long team_id;             /* 0 = none */
    bool set_tags;
    const char **tags;
    int ntags;
    long long if_version;          /* 0, or the version the caller saw: 409 stale when it moved on */
    bool confirm;                  /* solve although commitments are open (else 409 open_commitments) */
} ticket_patch;

/* process-wide, set once at start: a public reply to a ticket with no owner makes the replier
 * its owner (the assign_on_reply setting; on by default) */
void svc_tickets_set_assign_on_reply(bool on);
bool svc_status_valid(const char *status);
bool svc_priority_valid(const char *priority);
bool svc_channel_valid(const char *channel);
int svc_ticket_create(svc *s, const ticket_new *in, ticket_rec *out, herr *e);
int svc_ticket_get(svc *s, long long id, ticket_rec *out, herr *e);
int svc_ticket_messages(svc *s, long long id, message_rec **out, int *n, herr *e);
int svc_ticket_list(svc *s, const ticket_filter *f, ticket_rec **out, int *n, herr *e);
int svc_ticket_update(svc *s, long long id, const ticket_patch *p, ticket_rec *out, herr *e);
/* Inside the caller's transaction (an incident update to many tickets): a public reply by the
 * actor on ticket t (emailed on email tickets), and solving t. t is updated in place. */
int svc_ticket_reply_in_tx(svc *s, ticket_rec *t, const char *body, message_rec *out, herr *e);
int svc_ticket_solve_in_tx(svc *s, ticket_rec *t, herr *e);
/* kind: "reply" (public, to the customer) or "note" (internal) */
int svc_ticket_add_message(svc *s, long long id, const char *kind, const char *body, message_rec *out, herr *e);
/* the same with files (spooled by svc_spool_*; see svc_attach.c): checked with svc_attach_check
 * (names and types are normalised in place), then filed in the message's transaction; *atts
 * (the rows, with ids) may be NULL. A refused request files nothing. */
struct mail_attach_in;
struct mail_attachment_rec;
int svc_ticket_add_message_files(svc *s, long long id, const char *kind, const char *body,
                                 struct mail_attach_in *files, int nfiles, message_rec *out,
                                 struct mail_attachment_rec **atts, herr *e);
/* the same, refused with 409 stale when if_version (if not 0) is no longer the ticket's version */
int svc_ticket_add_message_if(svc *s, long long id, const char *kind, const char *body, struct mail_attach_in *files,
                              int nfiles, long long if_version, message_rec *out, struct mail_attachment_rec **atts,
                              herr *e);
/* ---- drafts of replies and notes, per agent and ticket (svc_drafts.c) ---- */
/* keeps the acting agent's draft (kind reply|note; an empty body removes it); 404 no ticket */
int svc_draft_save(svc *s, long long ticket_id, const char *kind, const char *body, herr *e);
/* 1 and *out when the acting agent has a draft on the ticket, 0 when not */
int svc_draft_get(svc *s, long long ticket_id, draft_rec *out, herr *e);
int svc_draft_delete(svc *s, long long ticket_id, herr *e);
/* the tickets the acting agent has drafts on (the inbox marks them), ascending */
int svc_draft_tickets(svc *s, long long **ids, int *n, herr *e);
/* the ticket's audit rows made by changes after version: what a stale caller missed */
int svc_ticket_changes_since(svc *s, long long id, long long version, audit_rec **out, int *n, herr *e);
/* a message from the customer on an existing ticket (email, web form); reopens a solved ticket */
int svc_ticket_customer_message(svc *s, long long id, const char *body, message_rec *out, herr *e);
/* how many tickets the filter lists, counting at most cap (f->limit is ignored) */
int svc_ticket_count(svc *s, const ticket_filter *f, int cap, int *count, herr *e);
/* one message (404 when there is none) */
int svc_message_get(svc *s, long long id, message_rec *out, herr *e);
int svc_ticket_counts(svc *s, int *mine, int *unassigned, int *open_all, herr *e);
int svc_ticket_history(svc *s, long long id, audit_rec **out, int *n, herr *e);
/* demo data only: moves a ticket's times into the past */
int svc_ticket_backdate(svc *s, long long id, long long seconds, herr *e);


/* ---- email (svc_mail.c) ---- */
#include <stddef.h>
#include "store/records_mail.h"

enum { MAIL_BODY_MAX = 1 << 20 }; /* decoded text kept per email (the doors' BODY_MAX is for typed text) */

/* One received email, already decoded by src/mail/ (all strings valid UTF-8). */
typedef struct mail_in {
    const char *message_id;    /* without <>; never NULL (a digest of the bytes when the mail had none) */
    const char **refs;         /* In-Reply-To, then References newest first */
    int nrefs;
    const char *from_email, *from_name; /* from_name may be NULL */
    const char *subject;       /* one line, non-empty */
    const char *body;          /* the full text */
    const char *display;       /* the text with quoted history and signature cut; NULL = same as body */
    bool is_auto;              /* auto-submitted, bulk, bounce, mailer-daemon: attached quietly */
    const char *auto_reason;
    const char *mailbox;       /* which address or pipe it came in by; may be NULL */
    const char *html;          /* sanitised HTML rendition for display; NULL = text only */
    const struct mail_attach_in *attachments; /* files that came with it (see the end of this file) */
    int nattachments;
    const char **auth_results; /* the values of its Authentication-Results headers, top first */
    int nauth_results;
} mail_in;

enum mail_outcome { MAIL_NEW_TICKET = 1, MAIL_APPENDED, MAIL_DUPLICATE, MAIL_QUARANTINED };
typedef struct mail_result {
    int outcome;                 /* enum mail_outcome */
    long long ticket_id, msg_id; /* 0 when quarantined */
    long long quarantine_id;
    const char *thread_by;       /* static: new | message-id | reference | subject-token */
    const char *auth;            /* static: the sender's verdict, pass | fail | none | unchecked */
} mail_result;

/* Files an email: joins its ticket by a Message-ID heed signed (In-Reply-To/References),
 * then by a reference to an earlier email of the same customer, then by a "[#123]" subject
 * token when the sender is that ticket's customer; otherwise opens a new ticket. The same
 * Message-ID twice is MAIL_DUPLICATE and changes nothing. Auto mail marks the ticket so that
 * nothing answers it automatically and does not reopen it. Errors: 4xx for mail that does
 * not fit (the caller quarantines it), 5xx when the database fails (the caller retries). */
int svc_mail_receive(svc *s, const mail_in *m, mail_result *out, herr *e);
/* keeps raw bytes that could not be filed, with the reason */
int svc_mail_quarantine(svc *s, const char *raw, size_t n, const char *reason, const char *mailbox,
                        const char *message_id, mail_result *out, herr *e);
int svc_mail_quarantine_list(svc *s, mail_quarantine_rec **out, int *n, herr *e);
/* the signed Message-ID (without <>) for mail heed sends about a ticket message:
 * t{ticket}.m{msg}.{hmac}@heed.local; *out lives in s->a */
int svc_mail_sent_message_id(svc *s, long long ticket_id, long long msg_id, const char **out, herr *e);
/* 1 (filling *ticket_id and *msg_id) if id is a Message-ID heed signed, 0 if not, -1 on error */
int svc_mail_verify_message_id(svc *s, const char *id, long long *ticket_id, long long *msg_id, herr *e);
int svc_mail_message_get(svc *s, const char *message_id, mail_msg_rec *out, herr *e);
int svc_mail_ticket_no_autoreply(svc *s, long long ticket_id, bool *out, herr *e);


/* ---- outbound mail (svc_outbox.c; sent by src/jobs/outbox_worker.c) ---- */
#include "store/records_outbox.h"
enum {
    OUTBOX_AUTO_CAP = 3,              /* automatic mails per address per hour */
    OUTBOX_REFS_MAX = 20,             /* ids in References */
    OUTBOX_LEASE_SECONDS = 300,       /* a claimed row is someone's for this long (longer than a send) */
    OUTBOX_MAX_ATTEMPTS = 10,         /* temporary failures before giving up */
    OUTBOX_BACKOFF_FIRST = 60,        /* seconds before the 2nd attempt; doubles each time */
    OUTBOX_BACKOFF_MAX = 6 * 3600,
};
enum outbox_outcome { OUTBOX_SENT = 1, OUTBOX_TEMPORARY, OUTBOX_PERMANENT };
/* process-wide, set once at start before threads: the domain of Message-IDs (default
 * heed.local) and the support address (never sent automatic mail) */
void svc_outbox_configure(const char *mail_domain, const char *support_address);
const char *svc_outbox_domain(void);
/* Inside the caller's transaction: queues a public reply (m->kind "reply") on an email
 * ticket; sets m->delivery. Notes and other channels: nothing, 0. */
int svc_outbox_queue_reply(svc *s, const ticket_rec *t, message_rec *m, const char *now, herr *e);
/* Inside the caller's transaction: queues the acknowledgement of a new email ticket
 * (msg_id: the customer's message) unless no_autoreply, our own address or the cap */
int svc_outbox_queue_ack(svc *s, long long ticket_id, long long msg_id, const char *now, bool *queued, herr *e);
/* queues the automatic notice that attachments were not kept (what: their names and sizes)
 * for message msg_id, under the same rules and cap as the acknowledgement; *queued says
 * whether it was. Runs inside the caller's transaction. */
int svc_outbox_queue_notice(svc *s, long long ticket_id, long long msg_id, const char *what, const char *now,
                            bool *queued, herr *e);
int svc_outbox_get(svc *s, long long id, outbox_rec *out, herr *e);
int svc_outbox_list(svc *s, long long ticket_id, outbox_rec **out, int *n, herr *e);
/* the newest outbox rows first, at most limit; state NULL or one state; before_id 0 or
 * the last id of the previous page */
int svc_outbox_recent(svc *s, const char *state, long long before_id, int limit, outbox_rec **out, int *n, herr *e);
/* how many rows are in one state (422 for an unknown one) */
int svc_outbox_count(svc *s, const char *state, int *n, herr *e);
/* Sending runs on the jobs mechanism (svc_jobs.h): each queued row has a due job of kind
 * OUTBOX_JOB about it, added in the transaction that queues it (or resends it). */
#define OUTBOX_JOB "mail.send"
/* inside the caller's transaction: the job that sends outbox row outbox_id now */
int svc_outbox_job(svc *s, long long outbox_id, herr *e);
/* One transaction: the outbox row of a claimed mail job taken for sending (queued, or sending
 * under a lease that ran out -> sending, attempts + 1, under the job's lease; out->job set).
 * 0 when there is nothing to send (sent, cancelled, expired: the job is done). */
struct job_rec;
int svc_outbox_take(svc *s, const struct job_rec *j, outbox_rec *out, herr *e);
/* claims the next due mail job (expired leases released first, +*released) and takes its
 * row: 1 claimed (*out), 0 nothing due, -1 error (svc_jobs_claim + svc_outbox_take) */
int svc_outbox_claim(svc *s, outbox_rec *out, int *released, herr *e);
/* records how a send went (enum outbox_outcome, the server's answer); *state the new state */
int svc_outbox_finish(svc *s, const outbox_rec *o, int outcome, const char *answer, const char **state, herr *e);
/* seconds to wait after the attempts-th failed attempt */
long long svc_outbox_backoff(int attempts);
/* ---- the outbox's lifecycle (svc_outbox_life.c) ---- */
enum { OUTBOX_EXPIRE_DEFAULT = 3 * 86400, OUTBOX_EXPIRE_BATCH = 100 };
/* process-wide, set once at start: how long a row may stay queued (seconds, > 0) */
void svc_outbox_set_expiry(long long seconds);
long long svc_outbox_expiry(void);
/* "3 days", "36 hours", "90 minutes", "45 seconds" */
const char *svc_duration_text(arena *a, long long seconds);
/* whether row o has been queued longer than the expiry at time now */
bool svc_outbox_is_expired(const outbox_rec *o, time_t now);
/* the reason of an expiry: "gave up after N attempts over 3 days: <answer>" */
const char *svc_outbox_gave_up(svc *s, int attempts, const char *answer);
/* inside the caller's transaction: queued rows past the expiry become failed (audit
 * "expired"), at most OUTBOX_EXPIRE_BATCH per call; how many, or -1 */
int svc_outbox_expire(svc *s, time_t now, herr *e);
/* every queued row past the expiry becomes failed, a batch per transaction, whether or not
 * mail is being sent (heed serve runs it every minute, heed mail-send-queue once);
 * *expired += how many. 0 or -1. */
int svc_outbox_sweep(svc *s, int *expired, herr *e);
/* An admin cancels a queued row (or one whose sender's lease ran out): 409 when it is
 * being sent right now or is already sent, failed or cancelled; 403 for non-admins.
 * Audit row "cancel" in the same transaction; *out the row afterwards. */
int svc_outbox_cancel(svc *s, long long id, outbox_rec *out, herr *e);
/* An admin sends a failed or cancelled row again: queued, due now, attempts and expiry
 * afresh, same Message-ID and bytes. 409 from any other state. Audit row "resend". */
int svc_outbox_resend(svc *s, long long id, outbox_rec *out, herr *e);
bool svc_outbox_state_valid(const char *state);
/* An agent (any signed-in one) sends a failed reply of a ticket again, to the customer's address
 * as it is now (fixed since, perhaps): queued as svc_outbox_resend does, for the reply's own
 * outbox row only. 404 when it was not emailed; 409 unless it failed (a reply an admin
 * cancelled is the admin's to resend). Audit row "resend". */
int svc_outbox_resend_reply(svc *s, long long ticket_id, long long message_id, outbox_rec *out, herr *e);
/* process-wide, set once at start: whether outbound mail is sent (smtp_url set); pages say so */
void svc_outbox_set_sending(bool on);
bool svc_outbox_sending(void);
/* ---- email in: display, attachments, quarantine admin (svc_mail_in.c) ---- */
enum { MAIL_ATTACH_MAX = 10 * 1024 * 1024 }; /* larger attachments are listed, not stored */
/* the attachment files beside a backup (<dest_db>.files), after the database's backup */
int svc_mail_files_backup(svc *s, const char *dest_db, blob_stats *st, herr *e);
/* removes attachment files no row names and stale tmp/ files older than grace_seconds (at
 * least MAIL_FILES_GRACE_MIN: longer than any ingest takes from spool to commit) */
enum { MAIL_FILES_GRACE_MIN = 60, MAIL_FILES_GRACE_DEFAULT = 86400 };
int svc_mail_files_gc(svc *s, long long grace_seconds, bool dry_run, blob_stats *st, herr *e);

/* one attachment of a received email, decoded by src/mail/ into a file under the
 * attachment directory's tmp/ (moved to its content address when filed) */
typedef struct mail_attach_in {
    const char *filename, *content_type;
    long long size;
    const char *sha256;   /* hex SHA-256 of the decoded bytes; NULL when too large */
    const char *tmp_path; /* NULL when too large (nothing was kept) */
    bool too_large;
    const char *content_id; /* its Content-ID without <>, NULL if none: an HTML part's cid: images */
} mail_attach_in;
/* how mail_html_sanitize_cids writes a kept cid: image, followed by the attachment's index
 * and a quote; filing replaces it with the attachment's URL */
#define MAIL_CID_MARK "<img src=\"heed-cid:"

/* inside svc_mail_receive's transaction: the HTML rendition and the attachments (files moved to
 * their content address; one over MAIL_ATTACH_MAX is listed and noted on the ticket) */
int svc_mail_file_extras(svc *s, const mail_in *m, long long mail_id, long long ticket_id, long long msg_id,
                         const char *now, herr *e);
/* the directory src/mail/ decodes attachments into (<db>.files/tmp); NULL (e set) when none */
const char *svc_mail_spool_dir(svc *s, herr *e);
int svc_mail_views(svc *s, long long ticket_id, mail_view_rec **out, int *n, herr *e);
int svc_mail_attachments(svc *s, long long ticket_id, mail_attachment_rec **out, int *n, herr *e);
/* 1 and *path (the stored file) when the attachment exists and is stored; 0 when not */
int svc_mail_attachment_get(svc *s, long long id, mail_attachment_rec *out, const char **path, herr *e);
int svc_mail_quarantine_get(svc *s, long long id, mail_quarantine_rec *out, herr *e);

/* ---- files on agents' replies and notes (svc_attach.c) ---- */
enum {
    ATTACH_COUNT_MAX = 10,                 /* files per message */
    ATTACH_TOTAL_MAX = 25 * 1024 * 1024,   /* bytes of files per message (each at most MAIL_ATTACH_MAX) */
    ATTACH_NAME_MAX = 200,                 /* bytes of a file name */
};
/* A spool file: bytes written to <db>.files/tmp as they arrive, hashed (SHA-256) on the
 * way; past MAIL_ATTACH_MAX only counted. Doors (uploads, email, the demo) write files
 * through it; svc_attach_file moves them to their content address. */
typedef struct svc_spool svc_spool;
svc_spool *svc_spool_open(const char *dir); /* NULL when no file can be made there */
void svc_spool_write(svc_spool *sp, const void *data, size_t n);
/* ends the file: fills size, too_large, sha256 and tmp_path (NULL when too large or not
 * written, and the file is gone); false when it could not be written. Frees sp. */
bool svc_spool_close(svc_spool *sp, arena *a, mail_attach_in *out);
/* a safe file name (no path, no control characters, valid UTF-8, at most ATTACH_NAME_MAX bytes) */
const char *svc_attach_name(arena *a, const char *raw);
/* the declared content type when it is on heed's short list, else application/octet-stream */
const char *svc_attach_type(const char *declared);
/* at most ATTACH_COUNT_MAX files (400 too_many_attachments), none empty (400
 * empty_attachment), each at most MAIL_ATTACH_MAX (413 attachment_too_large), all together
 * at most ATTACH_TOTAL_MAX (413 attachments_too_large); field "files". Normalises names and types. */
int svc_attach_check(svc *s, mail_attach_in *files, int n, herr *e);
/* inside the caller's transaction: each file to its content address, then its row */
int svc_attach_file(svc *s, long long ticket_id, long long msg_id, const mail_attach_in *files, int n,
                    const char *now, mail_attachment_rec **out, herr *e);
/* a message's attachments with the path of each stored file (NULL when not stored) */
int svc_message_attachments(svc *s, long long msg_id, mail_attachment_rec **out, int *n, const char ***paths,
                            herr *e);
/* removes a quarantined message that has now been filed (a retry succeeded) */
int svc_mail_quarantine_resolve(svc *s, long long id, long long ticket_id, herr *e);

/* ---- the coach's reading of a customer's message (svc_coach.c) ---- */
enum { SVC_BECAUSE_LEN = 160 };
typedef struct svc_mood {
    const char *emotion; /* static: angry, frustrated, anxious, sad, confused, happy, neutral */
    double sentiment;    /* -1..1 */
    bool urgent, repeat_contact, complaint, thanks;
    int questions;       /* how many questions the message asks */
    const char *language; /* static: "en", or the language the coach does not read ("de", "und"...) */
    /* the words behind each reading that is on, quoted and joined ("“Gone”, “years of work”"),
     * empty when off: emotion, urgent, complaint, repeat_contact (coach_why's order) */
    char because[4][SVC_BECAUSE_LEN];
} svc_mood;
/* 0, or -1 when out of memory (*out then reads neutral); reads the first COACH_TEXT_MAX bytes;
 * lexicon: the organisation's (heed serve --coach-lexicon), or NULL */
struct coach_lexicon;
int svc_coach_mood(const char *text, const struct coach_lexicon *lexicon, svc_mood *out);
/* how much of a customer's text the coach reads: all of it up to COACH_TEXT_MAX bytes, then cut
 * at a character boundary (a 1 MB email would cost milliseconds and not fit a coach request) */
enum { COACH_TEXT_MAX = 16384 };
size_t svc_coach_text_len(const char *text);

#include "service/svc_accounts.h" /* tokens, sessions, passwords, resets, agent edits */

#endif
