/* The outbox sender. Exactly once as far as SMTP allows: a row is claimed (queued ->
 * sending, with a lease) and committed before the transfer, and marked sent after the
 * server's 250. A crash after the 250 and before that commit leaves the row in sending;
 * when its lease runs out it is sent again, with the same Message-ID and bytes, so the
 * receiver can recognise the duplicate. See docs/MAIL.md. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "jobs/outbox_worker.h"
#include "service/service.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/timeutil.h"

static bool sending(const outbox_settings *o) { return o->smtp.url && *o->smtp.url; }

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

/* sweep: expire first (the claim also expires what it passes, uncounted, so that nothing
 * old is ever sent; the sweep finds all of it, with sending off too) */
static int run(db *d, const outbox_settings *o, int max, bool sweep, outbox_stats *st, herr *e)
{
    *st = (outbox_stats){0};
    if (sweep) {
        arena sa;
        arena_init(&sa);
        int rc = svc_outbox_sweep(&(svc){.db = d, .a = &sa}, &st->expired, e);
        arena_free(&sa);
        if (rc) return -1;
    }
    if (!sending(o)) return 0;
    for (int i = 0; i < max && !(o->smtp.cancelled && o->smtp.cancelled()); i++) { /* shutdown: claim no more */
        arena a;
        arena_init(&a);
        svc s = {.db = d, .a = &a};
        outbox_rec r;
        int got = svc_outbox_claim(&s, &r, &st->released, e);
        int rc = got > 0 ? send_row(&s, o, &r, st, e) : got;
        arena_free(&a);
        if (rc < 0) return -1;
        if (!got) break;
    }
    return 0;
}

int outbox_run_once(db *d, const outbox_settings *o, int max, outbox_stats *st, herr *e)
{
    return run(d, o, max, true, st, e);
}

/* ---- the thread of heed serve -------------------------------------------------- */
enum { POLL_SECONDS = 2, SWEEP_SECONDS = 60 }; /* the expiry sweep once a minute, sending or not */
static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running;
    atomic_bool stop;
    db *d;
    const outbox_settings *o;
    outbox_settings run; /* o with the cancel hook */
} w = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static bool stopping(void) { return atomic_load(&w.stop); }
/* a row never waits much past its expiry, even with a mail_expire under a minute */
static long long sweep_every(void) { return svc_outbox_expiry() < SWEEP_SECONDS ? svc_outbox_expiry() : SWEEP_SECONDS; }

static void *worker(void *arg)
{
    time_t swept = 0;
    while (!stopping()) {
        outbox_stats st;
        herr e;
        time_t now = time(NULL);
        bool sweep = now - swept >= sweep_every();
        if (run(w.d, &w.run, 100, sweep, &st, &e)) log_errorf("outbox: %s", e.message);
        else if (sweep) swept = now;
        if (st.expired) log_infof("outbox: %d queued email%s past mail_expire failed", st.expired, st.expired == 1 ? "" : "s");
        pthread_mutex_lock(&w.lock);
        if (!stopping()) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += sending(w.o) ? POLL_SECONDS : sweep_every();
            pthread_cond_timedwait(&w.wake, &w.lock, &until);
        }
        pthread_mutex_unlock(&w.lock);
    }
    return NULL;
}

int outbox_worker_start(const char *db_path, const outbox_settings *o)
{
    herr e;
    if (!sending(o))
        log_infof("outbound mail is off (no smtp_url): replies stay queued in the outbox; what waits longer than %lld "
                  "seconds (mail_expire) fails, checked once a minute",
                  svc_outbox_expiry());
    if (db_open(db_path, &w.d, &e)) {
        log_errorf("outbox: %s", e.message);
        return -1;
    }
    w.o = o;
    w.run = *o;
    w.run.smtp.cancelled = stopping;
    atomic_store(&w.stop, false);
    if (pthread_create(&w.thread, NULL, worker, NULL)) {
        db_close(w.d);
        w.d = NULL;
        log_errorf("outbox: cannot start the sending thread");
        return -1;
    }
    w.running = true;
    if (sending(o)) log_infof("outbound mail: sending through %s", o->smtp.url);
    return 0;
}

void outbox_worker_stop(void)
{
    if (!w.running) return;
    pthread_mutex_lock(&w.lock);
    atomic_store(&w.stop, true);
    pthread_cond_signal(&w.wake);
    pthread_mutex_unlock(&w.lock);
    mail_smtp_cancel_all(); /* a transfer waiting on a slow server ends now, and is retried later */
    pthread_join(w.thread, NULL);
    w.running = false;
}

void outbox_worker_close_db(void)
{
    if (w.d) db_close(w.d);
    w.d = NULL;
}
