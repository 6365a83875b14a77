/* Outbound mail rules: what is emailed, to whom, with which threading ids; and the
 * outbox state machine the sender (src/jobs/outbox_worker.c) drives.
 * - a public reply on a ticket that came in by email (channel "email") is queued in the
 *   same transaction as the reply; internal notes never are; other channels are not emailed
 * - a new ticket by email gets an automatic acknowledgement, unless the mail was automatic
 *   (the ticket is no_autoreply), the sender is heed's own address, or the address already
 *   got OUTBOX_AUTO_CAP automatic mails in the last hour
 * - an attachment over the size limit gets an automatic notice to the customer (kind
 *   notice), on the same terms as the acknowledgement, counted against the same cap
 * - sending: queued -> sending (claimed with a lease, attempts + 1) -> sent; a temporary
 *   failure goes back to queued with exponential backoff; a permanent one (5xx), too many
 *   attempts, or time in the queue past the expiry (svc_outbox_life.c) ends in failed, with
 *   the server's answer kept; a lease that expires (heed died mid-send) puts the row back
 *   to queued. An admin's cancel and resend are in svc_outbox_life.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "service/service.h"
#include "service/svc_jobs.h"
#include "service/svc_sla.h"
#include "util/tz.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/timeutil.h"

static char out_domain[256] = "heed.local";
static char out_address[320] = "";

void svc_outbox_configure(const char *mail_domain, const char *support_address)
{
    snprintf(out_domain, sizeof out_domain, "%s", mail_domain && *mail_domain ? mail_domain : "heed.local");
    snprintf(out_address, sizeof out_address, "%s", support_address ? support_address : "");
}

const char *svc_outbox_domain(void) { return out_domain; }

/* the signed id of svc_mail_sent_message_id, in the configured domain */
static int sent_id(svc *s, long long ticket_id, long long msg_id, const char **out, herr *e)
{
    const char *id;
    if (svc_mail_sent_message_id(s, ticket_id, msg_id, &id, e)) return -1;
    const char *at = strchr(id, '@');
    *out = arena_printf(s->a, "%.*s@%s", (int)(at - id), id, out_domain);
    return 0;
}

/* "Re: <subject> [#id]": the token lets replies without references still thread */
static const char *reply_subject(svc *s, const ticket_rec *t)
{
    char token[32];
    snprintf(token, sizeof token, "[#%lld]", t->id);
    const char *subj = t->subject;
    bool re = !strncasecmp(subj, "re:", 3);
    return arena_printf(s->a, "%s%s%s%s", re ? "" : "Re: ", subj, strstr(subj, token) ? "" : " ", strstr(subj, token) ? "" : token);
}

/* References: the thread's ids, oldest first, at most OUTBOX_REFS_MAX (the first and the latest ones) */
static int threading(svc *s, long long ticket_id, const char **in_reply_to, const char **refs, herr *e)
{
    const char **ids, *latest;
    int n;
    if (store_outbox_thread_ids(s->db, s->a, ticket_id, &ids, &n, &latest, e)) return -1;
    *in_reply_to = latest ? latest : n ? ids[n - 1] : NULL;
    *refs = NULL;
    if (!n) return 0;
    buf b;
    buf_init(&b, 256);
    for (int i = 0; i < n; i++) {
        if (n > OUTBOX_REFS_MAX && i > 0 && i < n - (OUTBOX_REFS_MAX - 1)) continue; /* keep the root and the newest */
        if (b.len) buf_putc(&b, ' ');
        buf_puts(&b, ids[i]);
    }
    *refs = arena_strdup(s->a, b.p);
    buf_free(&b);
    return 0;
}

static const delivery_rec QUEUED = {.state = "queued"};

int svc_outbox_job(svc *s, long long outbox_id, herr *e)
{
    return svc_job_add(s, OUTBOX_JOB, outbox_id, NULL, NULL, 0, NULL, e);
}

/* outbox rows have audit rows of their own (entity "outbox"): queued, then each outcome */
static int audit_queued(svc *s, const char *now, long long id, const outbox_rec *o, herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "outbox", id, "queue", NULL,
                              arena_printf(s->a, "%s to %s (ticket %lld)", o->kind, o->to_addr, o->ticket_id), e);
}

int svc_outbox_queue_reply(svc *s, const ticket_rec *t, message_rec *m, const char *now, herr *e)
{
    if (strcmp(m->kind, "reply") || strcmp(t->channel, "email") || !t->customer_email || !*t->customer_email) return 0;
    outbox_rec o = {.ticket_id = t->id, .message_id = m->id, .kind = "reply", .to_addr = t->customer_email,
                    .to_name = t->customer_name, .from_name = s->actor ? s->actor->name : NULL,
                    .subject = reply_subject(s, t), .body = m->body, .created_at = now};
    if (sent_id(s, t->id, m->id, &o.mail_message_id, e) || threading(s, t->id, &o.in_reply_to, &o.refs, e)) return -1;
    long long id;
    if (store_outbox_insert(s->db, &o, &id, e) || audit_queued(s, now, id, &o, e) || svc_outbox_job(s, id, e)) return -1;
    m->delivery = &QUEUED;
    return 0;
}

/* reads the ticket into *t and says whether automatic mail may go to its customer now
 * (1; 0 when not, -1 on error): not for a ticket that automatic mail came in on
 * (no_autoreply), not to heed's own address, and not past OUTBOX_AUTO_CAP automatic
 * mails (acks and notices) to that address in the last hour */
static int auto_allowed(svc *s, long long ticket_id, ticket_rec *t, const char *now, herr *e)
{
    int found = store_ticket_by_id(s->db, s->a, ticket_id, t, e);
    if (found <= 0) return found < 0 ? -1 : HERR_NOT_FOUND(e, "ticket");
    bool no_auto;
    if (store_mail_ticket_no_autoreply(s->db, t->id, &no_auto, e)) return -1;
    if (no_auto || !t->customer_email || !*t->customer_email) return 0;
    if (*out_address && !strcasecmp(t->customer_email, out_address)) return 0; /* never answer ourselves */
    time_t nt;
    if (!time_parse_iso(now, &nt)) return HERR_INTERNAL(e, "bad time %s", now);
    char since[ISO_LEN];
    time_iso(nt - 3600, since);
    int count;
    if (store_outbox_auto_count(s->db, t->customer_email, since, &count, e)) return -1;
    return count < OUTBOX_AUTO_CAP;
}

/* queues one automatic mail (kind ack or notice) for message msg_id of ticket t */
static int queue_auto(svc *s, const ticket_rec *t, long long msg_id, const char *kind, const char *body,
                      const char *now, herr *e)
{
    outbox_rec o = {.ticket_id = t->id, .message_id = msg_id, .kind = kind, .to_addr = t->customer_email,
                    .to_name = t->customer_name, .subject = reply_subject(s, t), .body = body, .created_at = now};
    if (sent_id(s, t->id, msg_id, &o.mail_message_id, e) || threading(s, t->id, &o.in_reply_to, &o.refs, e)) return -1;
    long long id;
    return store_outbox_insert(s->db, &o, &id, e) || audit_queued(s, now, id, &o, e) || svc_outbox_job(s, id, e) ? -1 : 0;
}

static const char *hello(svc *s, const ticket_rec *t)
{
    bool named = t->customer_name && *t->customer_name;
    return arena_printf(s->a, "Hello%s%s,", named ? " " : "", named ? t->customer_name : "");
}

int svc_outbox_queue_ack(svc *s, long long ticket_id, long long msg_id, const char *now, bool *queued, herr *e)
{
    *queued = false;
    ticket_rec t;
    int ok = auto_allowed(s, ticket_id, &t, now, e);
    if (ok <= 0) return ok;
    /* an honest time when the ticket's SLA policy says one (its calendar's business hours) */
    time_t due;
    const char *zone, *when = "A person on our support team will read it and answer you by email. We answer in the order\n"
                              "messages arrive, so this can take a working day or more; there is no need to write again.\n";
    if (svc_sla_first_due(s, &t, &due, &zone, e)) return -1;
    if (due) {
        char local[48];
        tz_format_local(zone, (long long)due, local, sizeof local);
        when = arena_printf(s->a, "A person on our support team will answer you by email by %s (%s time) at the latest.\n"
                                  "There is no need to write again.\n", local, zone);
    }
    const char *body = arena_printf(
        s->a,
        "%s\n\n"
        "we have received your message and filed it as ticket #%lld (\"%s\").\n\n"
        "%s"
        "To add something, reply to this email and keep [#%lld] in the subject.\n\n"
        "This is an automatic acknowledgement.\n",
        hello(s, &t), t.id, t.subject, when, t.id);
    if (queue_auto(s, &t, msg_id, "ack", body, now, e)) return -1;
    *queued = true;
    return 0;
}

int svc_outbox_queue_notice(svc *s, long long ticket_id, long long msg_id, const char *what, const char *now,
                            bool *queued, herr *e)
{
    *queued = false;
    ticket_rec t;
    int ok = auto_allowed(s, ticket_id, &t, now, e);
    if (ok <= 0) return ok;
    const char *body = arena_printf(
        s->a,
        "%s\n\n"
        "your message on ticket #%lld (\"%s\") has reached us, but we could not keep\n"
        "these attachments: %s\n\n"
        "Please send them another way, for example as a download link or as smaller files,\n"
        "by replying to this email and keeping [#%lld] in the subject.\n\n"
        "This is an automatic message.\n",
        hello(s, &t), t.id, t.subject, what, t.id);
    if (queue_auto(s, &t, msg_id, "notice", body, now, e)) return -1;
    *queued = true;
    return 0;
}

int svc_outbox_get(svc *s, long long id, outbox_rec *out, herr *e)
{
    return store_outbox_by_id(s->db, s->a, id, out, e);
}

int svc_outbox_list(svc *s, long long ticket_id, outbox_rec **out, int *n, herr *e)
{
    return store_outbox_list(s->db, s->a, ticket_id, out, n, e);
}


/* Inside a transaction: the outbox row of a claimed mail job, taken for sending (state
 * sending, attempts + 1, under the job's lease). 0 when there is nothing to send: the row was
 * sent, failed or cancelled meanwhile, another job is sending it, or it waited past its
 * expiry (then it fails here); the job is then finished as done in the same transaction. */
static int take(svc *s, const job_rec *j, outbox_rec *out, herr *e)
{
    char now[ISO_LEN];
    time_t t = svc_now(s);
    time_iso(t, now);
    int found = store_outbox_by_id(s->db, s->a, j->ref_id, out, e);
    if (found < 0) return -1;
    bool free = found && (!strcmp(out->state, "queued") ||
                          (!strcmp(out->state, "sending") && out->lease_until && strcmp(out->lease_until, now) < 0));
    if (free && svc_outbox_is_expired(out, t)) {
        const char *why = svc_outbox_gave_up(s, out->attempts, out->last_error ? out->last_error : "no attempt was made (sending was off)");
        if (store_outbox_give_up(s->db, out->id, why, e) < 0 ||
            store_audit_insert(s->db, now, 0, "outbox", out->id, "expired", out->state, why, e))
            return -1;
        free = false;
    }
    if (!free) {
        job_result done = {.outcome = JOB_DONE};
        return svc_job_finish_in_tx(s, j, &done, 0, e) < 0 ? -1 : 0;
    }
    int got = store_outbox_claim(s->db, out->id, j->lease_until, e);
    if (got <= 0) return got;
    job_rec *job = arena_alloc(s->a, sizeof *job);
    *job = *j;
    out->job = job;
    out->state = "sending";
    out->attempts++;
    out->lease_until = j->lease_until;
    return 1;
}

int svc_outbox_take(svc *s, const job_rec *j, outbox_rec *out, herr *e)
{
    if (db_begin(s->db, e)) return -1;
    int got = take(s, j, out, e);
    if (got < 0) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e) ? -1 : got;
}

int svc_outbox_claim(svc *s, outbox_rec *out, int *released, herr *e)
{
    for (;;) {
        job_rec *js;
        int n;
        if (svc_jobs_claim(s, OUTBOX_JOB, 1, OUTBOX_LEASE_SECONDS, &js, &n, released, e)) return -1;
        if (!n) return 0;
        int got = svc_outbox_take(s, &js[0], out, e);
        if (got) return got;
    }
}

long long svc_outbox_backoff(int attempts)
{
    long long d = OUTBOX_BACKOFF_FIRST;
    for (int i = 1; i < attempts && d < OUTBOX_BACKOFF_MAX; i++) d *= 2;
    return d < OUTBOX_BACKOFF_MAX ? d : OUTBOX_BACKOFF_MAX;
}

int svc_outbox_finish(svc *s, const outbox_rec *o, int outcome, const char *answer, const char **state, herr *e)
{
    char now[ISO_LEN], next[ISO_LEN];
    time_t t = svc_now(s);
    time_iso(t, now);
    const char *st, *err = answer && *answer ? answer : NULL, *next_at = NULL, *sent_at = NULL;
    if (outcome == OUTBOX_SENT) {
        st = "sent", sent_at = now, err = NULL;
    } else if (outcome == OUTBOX_PERMANENT) {
        st = "failed";
    } else if (o->attempts >= OUTBOX_MAX_ATTEMPTS) {
        st = "failed";
        err = arena_printf(s->a, "gave up after %d attempts: %s", o->attempts, err ? err : "temporary failure");
    } else if (svc_outbox_is_expired(o, t)) {
        st = "failed";
        err = svc_outbox_gave_up(s, o->attempts, err ? err : "temporary failure");
    } else {
        st = "queued";
        time_iso(t + svc_outbox_backoff(o->attempts), next);
        next_at = next;
    }
    if (db_begin(s->db, e)) return -1;
    int ours = store_outbox_finish(s->db, o->id, o->attempts, o->lease_until, st, next_at, err, sent_at, e);
    if (ours > 0 && o->job) { /* the job follows the row: due again at the row's next attempt, or done */
        job_result jr = {.outcome = next_at ? JOB_RETRY : JOB_DONE, .at = next_at ? t + svc_outbox_backoff(o->attempts) : 0,
                         .error = err};
        ours = svc_job_finish_in_tx(s, o->job, &jr, OUTBOX_MAX_ATTEMPTS + 1, e);
    }
    if (ours > 0 && store_audit_insert(s->db, now, 0, "outbox", o->id, !strcmp(st, "queued") ? "retry" : st, "sending",
                                       err ? err : arena_printf(s->a, "attempt %d", o->attempts), e))
        ours = -1;
    if (ours < 0) {
        db_rollback(s->db);
        return -1;
    }
    if (!ours) { /* the lease ran out and another sender took it over: leave its state alone */
        db_rollback(s->db);
        if (state) *state = "lost-lease";
        return 0;
    }
    if (db_commit(s->db, e)) return -1;
    if (state) *state = st;
    return 0;
}
