/* The outbox sender. Exactly once as far as SMTP allows: a row is claimed (queued ->
 * sending, with a lease) and committed before the transfer, and marked sent after the
 * server's 250. A crash after the 250 and before that commit leaves the row in sending;
 * when its lease runs out it is sent again, with the same Message-ID and bytes, so the
 * receiver can recognise the duplicate. See docs/MAIL.md. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "jobs/jobs.h"
#include "jobs/outbox_worker.h"
#include "service/service.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/timeutil.h"

static void sender(arena *a, const outbox_settings *o, const char **name, const char **addr)
{
    const char *from = o->mail_from && *o->mail_from ? o->mail_from : NULL;
    if (from) mail_split_address(a, from, name, addr);
    else *name = NULL, *addr = arena_printf(a, "support@%s", svc_outbox_domain());
    if (!*name) *name = "Support";
}

/* a reply's files, read now from the store (the outbox row only names the message).
 * 1 read (or none), 0 a file is missing or unreadable (*why set), -1 database error */
static int read_files(svc *s, const outbox_rec *r, mail_out_file **files, int *n, const char **why, herr *e)
{
    mail_attachment_rec *at;
    const char **paths;
    *files = NULL;
    *n = 0;
    if (strcmp(r->kind, "reply")) return 1;
    if (svc_message_attachments(s, r->message_id, &at, n, &paths, e)) return -1;
    *files = *n ? arena_alloc(s->a, sizeof **files * (size_t)*n) : NULL;
    for (int i = 0; i < *n; i++) {
        FILE *fp = paths[i] ? fopen(paths[i], "rb") : NULL;
        unsigned char *data = arena_alloc(s->a, (size_t)at[i].size + 1);
        size_t got = fp ? fread(data, 1, (size_t)at[i].size + 1, fp) : 0;
        if (fp) fclose(fp);
        if (!fp || got != (size_t)at[i].size) {
            *why = arena_printf(s->a, "attachment \"%s\" cannot be read from the file store", at[i].filename);
            return 0;
        }
        (*files)[i] = (mail_out_file){.filename = at[i].filename, .content_type = at[i].content_type, .data = data,
                                      .len = got};
    }
    return 1;
}

static int send_row(svc *s, const outbox_settings *o, const outbox_rec *r, outbox_stats *st, herr *e)
{
    const char *support_name, *support_addr;
    sender(s->a, o, &support_name, &support_addr);
    bool automatic = strcmp(r->kind, "reply") != 0; /* ack, notice */
    time_t date;
    if (!time_parse_iso(r->created_at, &date)) date = time(NULL);
    mail_out m = {
        .from_name = r->from_name && *r->from_name ? arena_printf(s->a, "%s via %s", r->from_name, support_name)
                                                    : support_name,
        .from_addr = support_addr, .reply_to = support_addr, .to_name = r->to_name, .to_addr = r->to_addr,
        .subject = r->subject, .message_id = r->mail_message_id, .in_reply_to = r->in_reply_to, .refs = r->refs,
        .body = r->body, .date = date, .auto_replied = automatic};
    char answer[300];
    const char *why = NULL;
    mail_out_file *files;
    int res, readable = read_files(s, r, &files, &m.nfiles, &why, e);
    if (readable < 0) return -1;
    m.files = files;
    if (!readable) { /* a lost file will not come back: failed, with the reason, for an admin to see */
        snprintf(answer, sizeof answer, "%s", why);
        res = MAIL_SEND_PERMANENT;
    } else {
        buf raw;
        buf_init(&raw, strlen(r->body) * 3 + 2048);
        mail_compose(&m, &raw);
        /* automatic mail goes with a null envelope sender (RFC 3834): bounces of it go nowhere */
        res = mail_smtp_send(&o->smtp, automatic ? "" : support_addr, r->to_addr, raw.p, raw.len, answer, sizeof answer);
        buf_free(&raw);
    }
    int outcome = res == MAIL_SEND_OK ? OUTBOX_SENT : res == MAIL_SEND_PERMANENT ? OUTBOX_PERMANENT : OUTBOX_TEMPORARY;
    const char *state = NULL;
    if (svc_outbox_finish(s, r, outcome, answer, &state, e)) return -1;
    if (!strcmp(state, "sent")) st->sent++;
    else if (!strcmp(state, "failed")) st->failed++;
    else if (!strcmp(state, "queued")) st->retry++;
    log_infof("mail %lld (ticket %lld, %s) to %s: %s%s%s", r->id, r->ticket_id, r->kind, r->to_addr, state,
              outcome == OUTBOX_SENT ? "" : ": ", outcome == OUTBOX_SENT ? "" : answer);
    return 0;
}

/* the handler of OUTBOX_JOB: take the job's row and send it. It always finishes the job
 * itself (JOB_HANDLED): svc_outbox_take ends it when there is nothing to send, and
 * svc_outbox_finish moves it with the row (done, or due at the row's next attempt). When the
 * database fails in between, the job and its row stay claimed until their shared lease runs
 * out, and are sent again then. */
struct mail_job {
    outbox_settings o; /* the settings with the stop hook */
    outbox_stats *st;  /* counts for heed mail-send-queue; NULL in heed serve */
};

static int send_job(svc *s, const job_rec *j, job_result *r, void *arg, herr *e)
{
    struct mail_job *m = arg;
    outbox_stats ignored = {0};
    outbox_rec row;
    r->outcome = JOB_HANDLED;
    int got = svc_outbox_take(s, j, &row, e);
    if (got > 0 && send_row(s, &m->o, &row, m->st ? m->st : &ignored, e)) got = -1;
    if (got < 0) log_errorf("mail job %lld (outbox %lld): %s; retried when its lease runs out", j->id, j->ref_id, e->message);
    return 0;
}

static int sweep_job(svc *s, void *arg, herr *e)
{
    int expired = 0;
    (void)arg;
    if (svc_outbox_sweep(s, &expired, e)) return -1;
    if (expired) log_infof("outbox: %d queued email%s past mail_expire failed", expired, expired == 1 ? "" : "s");
    return 0;
}

static bool sending(const outbox_settings *o) { return o->smtp.url && *o->smtp.url; }
/* a row never waits much past its expiry, even with a mail_expire under a minute */
static int sweep_every(void) { return svc_outbox_expiry() < 60 ? (int)svc_outbox_expiry() : 60; }

static void register_mail(struct mail_job *m)
{
    m->o.smtp.cancelled = jobs_stopping;
    /* one at a time: a transfer can take a while, and what is claimed waits for it */
    jobs_register(&(job_kind){.kind = OUTBOX_JOB, .run = send_job, .arg = m, .lease_seconds = OUTBOX_LEASE_SECONDS,
                              .max_attempts = OUTBOX_MAX_ATTEMPTS + 1, .batch = 1});
}

int outbox_run_once(db *d, const outbox_settings *o, int max, outbox_stats *st, herr *e)
{
    *st = (outbox_stats){0};
    arena sa;
    arena_init(&sa);
    int rc = svc_outbox_sweep(&(svc){.db = d, .a = &sa}, &st->expired, e);
    arena_free(&sa);
    if (rc || !sending(o)) return rc ? -1 : 0;
    static struct mail_job once;
    once = (struct mail_job){.o = *o, .st = st};
    register_mail(&once);
    jobs_stats js;
    rc = jobs_run_due(d, OUTBOX_JOB, max, 0, &js, e);
    st->released = js.released;
    return rc;
}

void outbox_jobs_register(const outbox_settings *o)
{
    static struct mail_job serve;
    if (!sending(o))
        log_infof("outbound mail is off (no smtp_url): replies stay queued in the outbox; what waits longer than %lld "
                  "seconds (mail_expire) fails, checked once a minute",
                  svc_outbox_expiry());
    else log_infof("outbound mail: sending through %s", o->smtp.url);
    jobs_every("outbox expiry", sweep_every(), sweep_job, NULL);
    if (!sending(o)) return; /* queued mail waits, due, for a start with smtp_url set */
    serve = (struct mail_job){.o = *o};
    register_mail(&serve);
}
