/* Unit tests for outbound mail: composition (headers, RFC 2047, threading headers,
 * Auto-Submitted, MIME shape; read back with heed's own GMime parser) and the outbox
 * rules and state machine (what is queued, in which transaction, claim, lease expiry,
 * backoff, permanent failure, the automatic-reply cap) and lifecycle (expiry, an admin's
 * cancel and resend, cancel against a sender holding the row). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/config.h"
#include "mail/mail.h"
#include "mail/mail_out.h"
#include "service/service.h"
#include "store/db.h"
#include "store/store.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "unit/tempdb.h"

/* ---- composition ------------------------------------------------------------------ */
static mail_out sample(void)
{
    return (mail_out){.from_name = "Zoë Ünal via Support", .from_addr = "help@acme.test", .reply_to = "help@acme.test",
                      .to_name = "山田太郎", .to_addr = "yamada@example.jp",
                      .subject = "Re: ログインできません — déjà vu 🖨 [#42]",
                      .message_id = "t42.m7.0123456789abcdef0123456789abcdef@acme.test",
                      .in_reply_to = "cust-2@example.jp", .refs = "cust-1@example.jp t42.m3.aa@acme.test cust-2@example.jp",
                      .body = "Hello <b>Taro</b> & co,\nline two = fine.\n.\nCafé ☕ ends with space \n", .date = 1795000000};
}

static void compose_is_7bit_crlf_and_short_lines(void **state)
{
    mail_out m = sample();
    buf b;
    buf_init(&b, 4096);
    mail_compose(&m, &b);
    size_t col = 0;
    for (size_t i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char)b.p[i];
        assert_true(c < 0x80);
        if (c == '\n') {
            assert_true(i > 0 && b.p[i - 1] == '\r');
            col = 0;
        } else if (c != '\r') {
            col++;
            if (col > 78) fail_msg("line longer than 78 at byte %zu: %.80s", i, b.p + i - 78);
        }
    }
    assert_non_null(strstr(b.p, "\r\nMessage-ID: <t42.m7.0123456789abcdef0123456789abcdef@acme.test>\r\n"));
    assert_non_null(strstr(b.p, "\r\nIn-Reply-To: <cust-2@example.jp>\r\n"));
    assert_non_null(strstr(b.p, "\r\nReferences: <cust-1@example.jp>\r\n <t42.m3.aa@acme.test>\r\n <cust-2@example.jp>\r\n"));
    assert_non_null(strstr(b.p, "\r\nReply-To: <help@acme.test>\r\n"));
    assert_non_null(strstr(b.p, "Content-Type: multipart/alternative;\r\n boundary=\"=_heed_"));
    assert_non_null(strstr(b.p, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"));
    assert_non_null(strstr(b.p, "Content-Type: text/html; charset=utf-8"));
    assert_non_null(strstr(b.p, "&lt;b&gt;Taro&lt;/b&gt;")); /* the HTML part is escaped text */
    assert_non_null(strstr(b.p, "Subject: =?UTF-8?B?"));
    assert_null(strstr(b.p, "Auto-Submitted"));
    assert_non_null(strstr(b.p, "Date: "));
    /* the same input gives the same bytes (a retry sends an identical message) */
    buf b2;
    buf_init(&b2, 4096);
    mail_compose(&m, &b2);
    assert_string_equal(b.p, b2.p);
    buf_free(&b2);
    buf_free(&b);
}

static void compose_reads_back_through_the_parser(void **state)
{
    mail_out m = sample();
    m.auto_replied = true;
    buf b;
    buf_init(&b, 4096);
    mail_compose(&m, &b);
    assert_non_null(strstr(b.p, "\r\nAuto-Submitted: auto-replied\r\n"));
    arena a;
    arena_init(&a);
    mail_in in;
    herr e;
    assert_int_equal(mail_parse(b.p, b.len, &a, &in, &e), 0);
    assert_string_equal(in.subject, m.subject);
    assert_string_equal(in.from_name, m.from_name);
    assert_string_equal(in.from_email, "help@acme.test");
    assert_string_equal(in.message_id, m.message_id);
    assert_true(in.nrefs >= 3);
    buf_free(&b);
    buf_init(&b, 16);
    assert_string_equal(in.refs[0], "cust-2@example.jp"); /* In-Reply-To first */
    bool root = false;
    for (int i = 0; i < in.nrefs; i++) root |= !strcmp(in.refs[i], "cust-1@example.jp");
    assert_true(root);
    assert_true(in.is_auto);
    assert_non_null(strstr(in.body, "Hello <b>Taro</b> & co,\nline two = fine.\n.\nCaf\xc3\xa9 \xe2\x98\x95 ends with space"));
    arena_free(&a);
    buf_free(&b);
}

static void encoded_words_split_on_characters(void **state)
{
    buf b;
    buf_init(&b, 256);
    const char *s = "🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨🖨 ok"; /* 20 x 4 bytes */
    mail_encode_words(&b, s, 9);
    /* every encoded word is at most 75 characters and decodes to whole characters */
    for (char *w = strstr(b.p, "=?UTF-8?B?"); w; w = strstr(w + 1, "=?UTF-8?B?")) {
        char *end = strstr(w, "?=");
        assert_non_null(end);
        assert_true(end + 2 - w <= 75);
        assert_int_equal((end - (w + 10)) % 4, 0);
    }
    buf_reset(&b);
    mail_encode_words(&b, "Plain subject [#3]", 9);
    assert_string_equal(b.p, "Plain subject [#3]");
    buf_reset(&b);
    mail_encode_words(&b, "Re: A rather long subject line about the export of all invoices to CSV files [#123]", 9);
    assert_string_equal(b.p, "Re: A rather long subject line about the export of all invoices to\r\n CSV files [#123]");
    buf_reset(&b);
    mail_write_mailbox(&b, "Doe, John", "j@x.test", 6);
    assert_string_equal(b.p, "\"Doe, John\" <j@x.test>");
    buf_free(&b);
    arena a;
    arena_init(&a);
    const char *name, *addr;
    mail_split_address(&a, "\"Acme Support\" <help@acme.test>", &name, &addr);
    assert_string_equal(name, "Acme Support");
    assert_string_equal(addr, "help@acme.test");
    mail_split_address(&a, "help@acme.test", &name, &addr);
    assert_null(name);
    assert_string_equal(addr, "help@acme.test");
    arena_free(&a);
}

/* ---- the outbox ------------------------------------------------------------------- */
typedef struct fixture {
    char path[64];
    db *d;
    arena a;
    svc s;
    agent_rec agent;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (tempdb_open_agent(f->path, sizeof f->path, "outbox", "Ada Økafor", &f->d, &f->a, &f->s, &f->agent)) return -1;
    svc_outbox_configure("acme.test", "help@acme.test");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tempdb_close(f->path, f->d, &f->a);
    free(f);
    return 0;
}

static mail_result receive(fixture *f, const char *msgid, const char *from, const char *subject, bool is_auto)
{
    mail_in m = {.message_id = msgid, .from_email = from, .from_name = "Cus Tomer", .subject = subject,
                 .body = "Please help.", .is_auto = is_auto, .auto_reason = is_auto ? "auto-submitted" : NULL};
    mail_result r;
    herr e;
    f->s.actor = NULL;
    assert_int_equal(svc_mail_receive(&f->s, &m, &r, &e), 0);
    return r;
}

static int rows(fixture *f, outbox_rec **o)
{
    int n;
    herr e;
    assert_int_equal(svc_outbox_list(&f->s, 0, o, &n, &e), 0);
    return n;
}

static message_rec reply(fixture *f, long long ticket, const char *kind, const char *body)
{
    message_rec m;
    herr e;
    f->s.actor = &f->agent;
    assert_int_equal(svc_ticket_add_message(&f->s, ticket, kind, body, &m, &e), 0);
    return m;
}

static void email_ticket_gets_ack_and_reply_rows(void **state)
{
    fixture *f = *state;
    mail_result r = receive(f, "first@cust.example", "cust@example.com", "Cannot log in", false);
    assert_int_equal(r.outcome, MAIL_NEW_TICKET);
    outbox_rec *o;
    assert_int_equal(rows(f, &o), 1);
    assert_string_equal(o[0].kind, "ack");
    assert_string_equal(o[0].state, "queued");
    assert_string_equal(o[0].to_addr, "cust@example.com");
    assert_string_equal(o[0].subject, "Re: Cannot log in [#1]");
    assert_string_equal(o[0].in_reply_to, "first@cust.example");
    assert_non_null(strstr(o[0].body, "ticket #1"));
    assert_string_equal(o[0].refs, "first@cust.example");
    assert_non_null(strstr(o[0].mail_message_id, "@acme.test"));

    message_rec m = reply(f, r.ticket_id, "reply", "Try resetting it.");
    assert_non_null(m.delivery);
    assert_string_equal(m.delivery->state, "queued");
    reply(f, r.ticket_id, "note", "internal: she is a VIP"); /* never emailed */
    assert_int_equal(rows(f, &o), 2);
    assert_string_equal(o[1].kind, "reply");
    assert_int_equal(o[1].message_id, m.id);
    assert_string_equal(o[1].from_name, "Ada Økafor");
    assert_string_equal(o[1].body, "Try resetting it.");
    assert_string_equal(o[1].in_reply_to, "first@cust.example"); /* the customer's latest */
    char want_refs[200];
    snprintf(want_refs, sizeof want_refs, "first@cust.example %s", o[0].mail_message_id);
    assert_string_equal(o[1].refs, want_refs);
    /* the Message-ID is heed's signed one: a reply to it threads back */
    long long t, mid;
    herr e;
    assert_int_equal(svc_mail_verify_message_id(&f->s, o[1].mail_message_id, &t, &mid, &e), 1);
    assert_int_equal(t, r.ticket_id);
    assert_int_equal(mid, m.id);
    /* the message list carries the delivery state; the note has none */
    message_rec *ms;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_null(ms[0].delivery);
    assert_non_null(ms[1].delivery);
    assert_string_equal(ms[1].delivery->state, "queued");
    assert_null(ms[2].delivery);

    /* a customer's reply then an agent's: In-Reply-To follows the customer's latest mail */
    mail_in m2 = {.message_id = "second@cust.example", .refs = (const char *[]){o[1].mail_message_id}, .nrefs = 1,
                  .from_email = "cust@example.com", .subject = "Re: Cannot log in [#1]", .body = "Did not work."};
    mail_result r2;
    f->s.actor = NULL;
    assert_int_equal(svc_mail_receive(&f->s, &m2, &r2, &e), 0);
    assert_int_equal(r2.outcome, MAIL_APPENDED);
    assert_int_equal(rows(f, &o), 2); /* no acknowledgement for a reply */
    reply(f, r.ticket_id, "reply", "Then try this.");
    assert_int_equal(rows(f, &o), 3);
    assert_string_equal(o[2].in_reply_to, "second@cust.example");
    assert_string_equal(o[2].subject, "Re: Cannot log in [#1]");
}

static void other_channels_and_auto_mail_are_not_emailed(void **state)
{
    fixture *f = *state;
    ticket_new in = {.subject = "By API", .customer_email = "api@example.com", .customer_name = "Api", .message = "hi"};
    ticket_rec t;
    herr e;
    f->s.actor = &f->agent;
    assert_int_equal(svc_ticket_create(&f->s, &in, &t, &e), 0);
    message_rec m = reply(f, t.id, "reply", "answer");
    assert_null(m.delivery);
    outbox_rec *o;
    assert_int_equal(rows(f, &o), 0);
    mail_result nid = receive(f, "blake2b.00ff@heed.invalid", "noid@example.com", "No id", false);
    assert_int_equal(rows(f, &o), 1); /* acknowledged, but not "in reply to" an id heed made up */
    assert_null(o[0].in_reply_to);
    assert_null(o[0].refs);
    assert_int_equal(o[0].ticket_id, nid.ticket_id);
    db_stmt *del = db_prep(f->d, "DELETE FROM outbox");
    assert_int_equal(db_exec_stmt(del, &e), 0);
    receive(f, "ooo@cust.example", "ooo@example.com", "Out of office", true); /* auto: no ack */
    receive(f, "self@acme.test", "HELP@acme.test", "Loop", false);          /* our own address: no ack */
    assert_int_equal(rows(f, &o), 0);
}

static void automatic_replies_are_capped_per_address(void **state)
{
    fixture *f = *state;
    char id[64];
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "m%d@cust.example", i);
        receive(f, id, "chatty@example.com", "Again", false);
    }
    receive(f, "other@cust.example", "calm@example.com", "Once", false);
    outbox_rec *o;
    int n = rows(f, &o), chatty = 0;
    for (int i = 0; i < n; i++) chatty += !strcmp(o[i].to_addr, "chatty@example.com");
    assert_int_equal(chatty, OUTBOX_AUTO_CAP);
    assert_int_equal(n, OUTBOX_AUTO_CAP + 1);
}

static mail_result receive_big(fixture *f, const char *msgid, const char *from, const char *refs, bool is_auto)
{
    static const mail_attach_in big[] = {
        {.filename = "dump.bin", .content_type = "application/octet-stream", .size = MAIL_ATTACH_MAX + 1, .too_large = true},
        {.filename = "video.mp4", .content_type = "video/mp4", .size = 3LL * MAIL_ATTACH_MAX, .too_large = true},
    };
    mail_in m = {.message_id = msgid, .from_email = from, .subject = refs ? "Re: Logs [#1]" : "Logs",
                 .body = "Attached.", .is_auto = is_auto, .auto_reason = is_auto ? "auto-submitted" : NULL,
                 .attachments = big, .nattachments = 2};
    mail_result r;
    herr e;
    f->s.actor = NULL;
    assert_int_equal(svc_mail_receive(&f->s, &m, &r, &e), 0);
    return r;
}

static void oversized_attachments_get_an_automatic_notice(void **state)
{
    fixture *f = *state;
    herr e;
    /* a new ticket: the acknowledgement, then one notice for both attachments, same transaction */
    mail_result r = receive_big(f, "big1@cust.example", "big@example.com", NULL, false);
    assert_int_equal(r.outcome, MAIL_NEW_TICKET);
    outbox_rec *o;
    assert_int_equal(rows(f, &o), 2);
    assert_string_equal(o[0].kind, "ack");
    assert_string_equal(o[1].kind, "notice");
    assert_string_equal(o[1].state, "queued");
    assert_string_equal(o[1].to_addr, "big@example.com");
    assert_string_equal(o[1].subject, "Re: Logs [#1]");
    assert_null(o[1].from_name); /* automatic */
    assert_non_null(strstr(o[1].body, "\"dump.bin\" (10.0 MiB), \"video.mp4\" (30.0 MiB)"));
    assert_non_null(strstr(o[1].body, "keeping [#1] in the subject"));
    assert_string_equal(o[1].in_reply_to, "big1@cust.example");
    assert_string_not_equal(o[1].mail_message_id, o[0].mail_message_id);
    long long t, mid;
    assert_int_equal(svc_mail_verify_message_id(&f->s, o[1].mail_message_id, &t, &mid, &e), 1);
    assert_int_equal(t, r.ticket_id);
    /* the agents' note says the customer was told; the outbox row hangs on that note */
    message_rec *ms;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(ms[1].kind, "note");
    assert_int_equal(ms[1].id, o[1].message_id);
    assert_int_equal(mid, ms[1].id);
    assert_null(ms[1].delivery);
    assert_non_null(strstr(ms[1].body, "\"video.mp4\""));
    assert_non_null(strstr(ms[1].body, "The customer is told so by an automatic email."));

    /* a reply with the same: a notice, no acknowledgement; now at the cap of 3 (ack, notice, notice) */
    mail_result r2 = receive_big(f, "big2@cust.example", "big@example.com", "big1@cust.example", false);
    assert_int_equal(r2.outcome, MAIL_APPENDED);
    assert_int_equal(rows(f, &o), 3);
    assert_string_equal(o[2].kind, "notice");
    /* past the cap: filed, noted, not mailed */
    mail_result r3 = receive_big(f, "big3@cust.example", "big@example.com", "big1@cust.example", false);
    assert_int_equal(r3.outcome, MAIL_APPENDED);
    assert_int_equal(rows(f, &o), 3);
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_non_null(strstr(ms[n - 1].body, "The customer was not emailed"));
    /* automatic mail (an auto-reply with the attachment) is never answered */
    mail_result r4 = receive_big(f, "big4@cust.example", "robot@example.com", NULL, true);
    assert_int_equal(r4.outcome, MAIL_NEW_TICKET);
    assert_int_equal(rows(f, &o), 3);
    assert_int_equal(svc_ticket_messages(&f->s, r4.ticket_id, &ms, &n, &e), 0);
    assert_string_equal(ms[n - 1].kind, "note");
    assert_non_null(strstr(ms[n - 1].body, "The customer was not emailed"));
}

static void a_failed_reply_leaves_no_outbox_row(void **state)
{
    fixture *f = *state;
    mail_result r = receive(f, "first@cust.example", "cust@example.com", "Rollback", false);
    herr e;
    db_stmt *s = db_prep(f->d, "CREATE TEMP TRIGGER boom BEFORE UPDATE ON tickets BEGIN SELECT RAISE(ABORT, 'boom'); END");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    message_rec m;
    f->s.actor = &f->agent;
    assert_int_equal(svc_ticket_add_message(&f->s, r.ticket_id, "reply", "lost?", &m, &e), -1);
    s = db_prep(f->d, "DROP TRIGGER boom");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    outbox_rec *o;
    assert_int_equal(rows(f, &o), 1); /* only the acknowledgement */
    message_rec *ms;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_int_equal(n, 1);
    /* and the other way round: an outbox row that cannot be written takes the reply with it */
    s = db_prep(f->d, "CREATE TEMP TRIGGER boom2 BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'boom'); END");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    assert_int_equal(svc_ticket_add_message(&f->s, r.ticket_id, "reply", "lost too?", &m, &e), -1);
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_int_equal(n, 1);
    /* one row per reply, even if queued twice */
    s = db_prep(f->d, "DROP TRIGGER boom2");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    message_rec ok = reply(f, r.ticket_id, "reply", "this one");
    ticket_rec t;
    assert_int_equal(svc_ticket_get(&f->s, r.ticket_id, &t, &e), 0);
    char now[ISO_LEN];
    time_iso_now(now);
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(svc_outbox_queue_reply(&f->s, &t, &ok, now, &e), -1);
    db_rollback(f->d);
    assert_int_equal(rows(f, &o), 2);
}

static void make_due(fixture *f)
{
    herr e;
    db_stmt *s = db_prep(f->d, "UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE state = 'queued'");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    /* the mail jobs (svc_jobs.h) decide when a row is sent */
    s = db_prep(f->d, "UPDATE jobs SET due_at = '2000-01-01T00:00:00Z' WHERE state = 'due'");
    assert_int_equal(db_exec_stmt(s, &e), 0);
}

static void claim_lease_backoff_and_failure(void **state)
{
    fixture *f = *state;
    mail_result r = receive(f, "first@cust.example", "cust@example.com", "States", false);
    make_due(f);
    outbox_rec o, again;
    herr e;
    int released = 0;
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    assert_int_equal(o.ticket_id, r.ticket_id);
    assert_string_equal(o.state, "sending");
    assert_int_equal(o.attempts, 1);
    assert_int_equal(svc_outbox_claim(&f->s, &again, &released, &e), 0); /* it is taken */
    /* a temporary failure: back to queued, later, with the server's answer */
    const char *st;
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_TEMPORARY, "451 4.3.0 try later", &st, &e), 0);
    assert_string_equal(st, "queued");
    assert_int_equal(svc_outbox_get(&f->s, o.id, &again, &e), 1);
    assert_string_equal(again.last_error, "451 4.3.0 try later");
    assert_true(strcmp(again.next_attempt_at, again.created_at) > 0);
    assert_int_equal(svc_outbox_claim(&f->s, &again, &released, &e), 0); /* not due yet */
    assert_int_equal(svc_outbox_backoff(1), 60);
    assert_int_equal(svc_outbox_backoff(2), 120);
    assert_int_equal(svc_outbox_backoff(3), 240);
    assert_int_equal(svc_outbox_backoff(30), OUTBOX_BACKOFF_MAX);
    /* heed dies while sending: the lease runs out and the row is queued again */
    make_due(f);
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    assert_int_equal(o.attempts, 2);
    db_stmt *s = db_prep(f->d, "UPDATE outbox SET lease_until = '2000-01-01T00:00:00Z' WHERE state = 'sending'");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    s = db_prep(f->d, "UPDATE jobs SET lease_until = '2000-01-01T00:00:00Z' WHERE state = 'running'");
    assert_int_equal(db_exec_stmt(s, &e), 0);
    o.lease_until = "2000-01-01T00:00:00Z";
    ((job_rec *)o.job)->lease_until = o.lease_until;
    released = 0;
    outbox_rec o3;
    assert_int_equal(svc_outbox_claim(&f->s, &o3, &released, &e), 1);
    assert_int_equal(released, 1);
    assert_int_equal(o3.id, o.id);
    assert_int_equal(o3.attempts, 3);
    /* the first sender, late, cannot overwrite the new claim's outcome */
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_TEMPORARY, "timeout", &st, &e), 0);
    assert_string_equal(st, "lost-lease");
    assert_int_equal(svc_outbox_finish(&f->s, &o3, OUTBOX_SENT, "", &st, &e), 0);
    assert_string_equal(st, "sent");
    assert_int_equal(svc_outbox_finish(&f->s, &o3, OUTBOX_SENT, "", &st, &e), 0);
    assert_string_equal(st, "lost-lease"); /* already sent: not touched twice */
    assert_int_equal(svc_outbox_get(&f->s, o.id, &again, &e), 1);
    assert_string_equal(again.state, "sent");
    assert_non_null(again.sent_at);
    assert_null(again.last_error);

    /* a permanent failure keeps the answer */
    message_rec m = reply(f, r.ticket_id, "reply", "hello");
    make_due(f);
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    assert_int_equal(o.message_id, m.id);
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_PERMANENT, "550 5.1.1 no such user", &st, &e), 0);
    assert_string_equal(st, "failed");
    message_rec *ms;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_string_equal(ms[1].delivery->state, "failed");
    assert_string_equal(ms[1].delivery->last_error, "550 5.1.1 no such user");
    assert_int_equal(ms[1].delivery->attempts, 1);

    /* too many temporary failures end in failed */
    reply(f, r.ticket_id, "reply", "third");
    for (int i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) {
        make_due(f);
        assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
        assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_TEMPORARY, "421 busy", &st, &e), 0);
    }
    assert_string_equal(st, "failed");
    assert_int_equal(svc_outbox_get(&f->s, o.id, &again, &e), 1);
    assert_non_null(strstr(again.last_error, "gave up after 10 attempts: 421 busy"));
    /* each step has its audit row */
    audit_rec *au;
    int na;
    assert_int_equal(store_audit_list(f->d, &f->a, "outbox", o.id, &au, &na, &e), 0);
    assert_int_equal(na, 1 + OUTBOX_MAX_ATTEMPTS);
    assert_string_equal(au[0].action, "queue");
    assert_string_equal(au[1].action, "retry");
    assert_string_equal(au[na - 1].action, "failed");
}

/* runs one UPDATE on the outbox (to move a row's clock back, as days passing would) */
static void sql(fixture *f, const char *text)
{
    herr e;
    db_stmt *s = db_prep(f->d, text);
    assert_non_null(s);
    assert_int_equal(db_exec_stmt(s, &e), 0);
}

static const char *last_audit(fixture *f, long long id)
{
    audit_rec *au;
    int na;
    herr e;
    assert_int_equal(store_audit_list(f->d, &f->a, "outbox", id, &au, &na, &e), 0);
    assert_true(na > 0);
    return au[na - 1].action;
}

/* the cap counts the last hour only: once the earlier automatic mails are older, the
 * address gets an acknowledgement again (and the cap holds again after it) */
static void automatic_reply_cap_is_per_hour(void **state)
{
    fixture *f = *state;
    char id[64];
    for (int i = 0; i < OUTBOX_AUTO_CAP + 1; i++) {
        snprintf(id, sizeof id, "h%d@cust.example", i);
        receive(f, id, "hourly@example.com", "Again", false);
    }
    outbox_rec *o;
    assert_int_equal(rows(f, &o), OUTBOX_AUTO_CAP);
    sql(f, "UPDATE outbox SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-59 minutes')");
    receive(f, "h-still@cust.example", "hourly@example.com", "Within the hour", false);
    assert_int_equal(rows(f, &o), OUTBOX_AUTO_CAP); /* 59 minutes ago still counts */
    sql(f, "UPDATE outbox SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-61 minutes')");
    receive(f, "h-later@cust.example", "hourly@example.com", "An hour later", false);
    int n = rows(f, &o);
    assert_int_equal(n, OUTBOX_AUTO_CAP + 1);
    assert_string_equal(o[n - 1].kind, "ack");
    assert_string_equal(o[n - 1].to_addr, "hourly@example.com");
}

static void queued_mail_expires(void **state)
{
    fixture *f = *state;
    svc_outbox_set_expiry(3 * 86400);
    mail_result r = receive(f, "exp1@cust.example", "late@example.com", "Old", false); /* ack: never tried */
    message_rec m = reply(f, r.ticket_id, "reply", "tried twice");
    message_rec fresh = reply(f, r.ticket_id, "reply", "written today");
    /* the ack and the first reply entered the queue 4 days ago; the reply failed twice */
    sql(f, "UPDATE outbox SET queued_at = '2000-01-01T00:00:00Z', next_attempt_at = '2000-01-01T00:00:00Z'"
           " WHERE kind = 'ack'");
    char q[300];
    snprintf(q, sizeof q, "UPDATE outbox SET queued_at = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-4 days'),"
                          " attempts = 2, last_error = '451 4.3.0 mailbox busy' WHERE message_id = %lld", m.id);
    sql(f, q);
    outbox_rec o;
    herr e;
    int released = 0;
    /* the claim expires both instead of sending them, and takes the fresh reply */
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    assert_int_equal(o.message_id, fresh.id);
    outbox_rec *all;
    int n = rows(f, &all);
    assert_int_equal(n, 3);
    assert_string_equal(all[0].state, "failed");
    assert_string_equal(all[0].last_error, "gave up after 0 attempts over 3 days: no attempt was made (sending was off)");
    assert_string_equal(all[1].state, "failed");
    assert_string_equal(all[1].last_error, "gave up after 2 attempts over 3 days: 451 4.3.0 mailbox busy");
    assert_string_equal(last_audit(f, all[1].id), "expired");
    /* the delivery state on the ticket says so */
    message_rec *ms;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_string_equal(ms[1].delivery->state, "failed");
    assert_non_null(strstr(ms[1].delivery->last_error, "over 3 days"));
    /* a temporary failure after the expiry gives up at once instead of queueing again */
    sql(f, "UPDATE outbox SET queued_at = '2000-01-01T00:00:00Z' WHERE state = 'sending'");
    o.queued_at = "2000-01-01T00:00:00Z";
    const char *st;
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_TEMPORARY, "421 4.7.0 try again later", &st, &e), 0);
    assert_string_equal(st, "failed");
    assert_int_equal(svc_outbox_get(&f->s, o.id, &o, &e), 1);
    assert_string_equal(o.last_error, "gave up after 1 attempt over 3 days: 421 4.7.0 try again later");
    /* a shorter setting, in the words of the reason */
    svc_outbox_set_expiry(90 * 60);
    assert_string_equal(svc_outbox_gave_up(&f->s, 3, "x"), "gave up after 3 attempts over 90 minutes: x");
    svc_outbox_set_expiry(OUTBOX_EXPIRE_DEFAULT);
}

/* the sweep (heed serve's minute timer, heed mail-send-queue) expires every old queued row,
 * past one batch, sending or not; the fresh row and the one being sent stay */
static void sweep_expires_every_old_row_in_batches(void **state)
{
    fixture *f = *state;
    svc_outbox_set_expiry(3 * 86400);
    mail_result r = receive(f, "sweep1@cust.example", "swept@example.com", "Old backlog", false); /* the ack */
    enum { OLD_REPLIES = OUTBOX_EXPIRE_BATCH + 5 };
    for (int i = 0; i < OLD_REPLIES; i++) reply(f, r.ticket_id, "reply", "an old reply");
    sql(f, "UPDATE outbox SET queued_at = '2000-01-01T00:00:00Z'");
    message_rec fresh = reply(f, r.ticket_id, "reply", "written today");
    sql(f, "UPDATE outbox SET state = 'sending' WHERE id = (SELECT min(id) FROM outbox WHERE kind = 'reply')");
    herr e;
    int expired = 0;
    assert_int_equal(svc_outbox_sweep(&f->s, &expired, &e), 0);
    assert_int_equal(expired, 1 + OLD_REPLIES - 1); /* the ack and the old replies but the one in transfer */
    outbox_rec *all;
    int n = rows(f, &all), failed = 0;
    assert_int_equal(n, OLD_REPLIES + 2);
    for (int i = 0; i < n; i++) {
        if (all[i].message_id == fresh.id) assert_string_equal(all[i].state, "queued");
        else if (!strcmp(all[i].state, "failed")) {
            failed++;
            assert_string_equal(last_audit(f, all[i].id), "expired");
        } else assert_string_equal(all[i].state, "sending");
    }
    assert_int_equal(failed, expired);
    int count; /* the outbox page's tab counts */
    assert_int_equal(svc_outbox_count(&f->s, "failed", &count, &e), 0);
    assert_int_equal(count, expired);
    assert_int_equal(svc_outbox_count(&f->s, "queued", &count, &e), 0);
    assert_int_equal(count, 1);
    assert_int_equal(svc_outbox_count(&f->s, "sending", &count, &e), 0);
    assert_int_equal(count, 1);
    assert_int_equal(svc_outbox_count(&f->s, "lost", &count, &e), -1);
    assert_int_equal(e.status, 422);
    expired = 0; /* nothing left: a second sweep changes nothing */
    assert_int_equal(svc_outbox_sweep(&f->s, &expired, &e), 0);
    assert_int_equal(expired, 0);
}

static void expiry_setting_flag_env_and_bad_values(void **state)
{
    (void)state;
    struct config c;
    char *flag[] = {"heed", "--mail_expire", "36h", NULL};
    setenv("HEED_MAIL_EXPIRE", "2d", 1);
    assert_int_equal(config_load(&c, 3, flag), 0); /* the flag wins over the environment */
    assert_int_equal(svc_outbox_expiry(), 36 * 3600);
    char *none[] = {"heed", NULL};
    assert_int_equal(config_load(&c, 1, none), 0);
    assert_int_equal(svc_outbox_expiry(), 2 * 86400);
    unsetenv("HEED_MAIL_EXPIRE");
    assert_int_equal(config_load(&c, 1, none), 0);
    assert_int_equal(svc_outbox_expiry(), OUTBOX_EXPIRE_DEFAULT);
    static char *bad[] = {"0d", "3w", "400d", "h", "12", "-1h", "1.5d", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *argv[] = {"heed", "--mail_expire", bad[i], NULL};
        assert_int_equal(config_load(&c, 3, argv), 2);
    }
    arena a;
    arena_init(&a);
    assert_string_equal(svc_duration_text(&a, 86400), "1 day");
    assert_string_equal(svc_duration_text(&a, 7200), "2 hours");
    assert_string_equal(svc_duration_text(&a, 61), "61 seconds");
    arena_free(&a);
}

static void admin_cancels_and_resends(void **state)
{
    fixture *f = *state;
    mail_result r = receive(f, "cx1@cust.example", "cx@example.com", "Cancel me", false);
    outbox_rec *all, o, got;
    assert_int_equal(rows(f, &all), 1);
    long long id = all[0].id;
    herr e;
    /* an agent who is not an admin may not; nothing changes */
    agent_rec agent = f->agent;
    agent.role = "agent";
    f->s.actor = &agent;
    assert_int_equal(svc_outbox_cancel(&f->s, id, &got, &e), -1);
    assert_int_equal(e.status, 403);
    f->s.actor = &f->agent;
    assert_int_equal(svc_outbox_cancel(&f->s, 999, &got, &e), -1);
    assert_int_equal(e.status, 404);
    /* queued: resend refused, cancel works, with its audit row; the ticket shows it */
    assert_int_equal(svc_outbox_resend(&f->s, id, &got, &e), -1);
    assert_int_equal(e.status, 409);
    assert_int_equal(svc_outbox_cancel(&f->s, id, &got, &e), 0);
    assert_string_equal(got.state, "cancelled");
    assert_string_equal(last_audit(f, id), "cancel");
    assert_int_equal(svc_outbox_cancel(&f->s, id, &got, &e), -1);
    assert_int_equal(e.status, 409);
    assert_non_null(strstr(e.message, "is cancelled"));
    make_due(f);
    int released = 0;
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 0); /* a cancelled row is never sent */
    /* resend: queued again, due now, attempts and expiry start afresh */
    sql(f, "UPDATE outbox SET attempts = 4, queued_at = '2000-01-01T00:00:00Z'");
    assert_int_equal(svc_outbox_resend(&f->s, id, &got, &e), 0);
    assert_string_equal(got.state, "queued");
    assert_int_equal(got.attempts, 0);
    assert_true(strcmp(got.queued_at, "2001") > 0);
    assert_string_equal(last_audit(f, id), "resend");
    /* while it is being sent: cancel is refused, and the send's outcome stands */
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    assert_int_equal(svc_outbox_cancel(&f->s, id, &got, &e), -1);
    assert_int_equal(e.status, 409);
    assert_non_null(strstr(e.message, "being sent right now"));
    const char *st;
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_PERMANENT, "550 5.1.1 no such user", &st, &e), 0);
    assert_string_equal(st, "failed");
    /* failed -> resend -> claimed; the sender dies and its lease runs out: cancel works, and
     * should that sender come back its outcome is refused (the row stays cancelled) */
    assert_int_equal(svc_outbox_resend(&f->s, id, &got, &e), 0);
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    sql(f, "UPDATE outbox SET lease_until = '2000-01-01T00:00:00Z' WHERE state = 'sending'");
    o.lease_until = "2000-01-01T00:00:00Z";
    assert_int_equal(svc_outbox_cancel(&f->s, id, &got, &e), 0);
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_SENT, "250 ok", &st, &e), 0);
    assert_string_equal(st, "lost-lease");
    /* resent and claimed anew: the old claim (same attempt number) still cannot finish it */
    assert_int_equal(svc_outbox_resend(&f->s, id, &got, &e), 0);
    outbox_rec fresh;
    assert_int_equal(svc_outbox_claim(&f->s, &fresh, &released, &e), 1);
    assert_int_equal(fresh.attempts, o.attempts);
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_PERMANENT, "550 late", &st, &e), 0);
    assert_string_equal(st, "lost-lease");
    assert_int_equal(svc_outbox_finish(&f->s, &fresh, OUTBOX_SENT, "250 ok", &st, &e), 0);
    assert_string_equal(st, "sent");
    assert_int_equal(svc_outbox_resend(&f->s, id, &got, &e), -1); /* sent is final */
    assert_int_equal(e.status, 409);
    (void)r;
    int n;
    /* the list filters by state and pages by id */
    assert_int_equal(svc_outbox_recent(&f->s, "sent", 0, 10, &all, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(svc_outbox_recent(&f->s, "queued", 0, 10, &all, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(svc_outbox_recent(&f->s, NULL, id, 10, &all, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(svc_outbox_recent(&f->s, "bogus", 0, 10, &all, &n, &e), -1);
    assert_int_equal(e.status, 422);
}

/* an agent resends a failed reply from its ticket (issue 9, section 5): any signed-in agent, a
 * failed reply only; acknowledgements, notices and a reply an admin cancelled stay the admin's */
static void agent_resends_a_failed_reply(void **state)
{
    fixture *f = *state;
    mail_result r = receive(f, "rs1@cust.example", "gone@example.com", "Bounce", false);
    message_rec m = reply(f, r.ticket_id, "reply", "Here is the fix.");
    agent_rec agent = f->agent;
    agent.role = "agent";
    outbox_rec got, o;
    herr e;
    int released = 0;
    const char *st;
    f->s.actor = &agent;
    /* queued: nothing to resend */
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, m.id, &got, &e), -1);
    assert_int_equal(e.status, 409);
    /* the reply fails for good (550); the acknowledgement too */
    make_due(f);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
        assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_PERMANENT, "550 5.1.1 <gone@example.com>: no such user",
                                           &st, &e), 0);
    }
    /* another ticket's id, a message that is not an emailed reply (the acknowledged one), no actor */
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id + 1, m.id, &got, &e), -1);
    assert_int_equal(e.status, 404);
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, r.msg_id, &got, &e), -1);
    assert_int_equal(e.status, 404);
    f->s.actor = NULL;
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, m.id, &got, &e), -1);
    assert_int_equal(e.status, 403);
    /* the agent resends it: queued, due now, the audit row names the agent */
    f->s.actor = &agent;
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, m.id, &got, &e), 0);
    assert_string_equal(got.state, "queued");
    assert_int_equal(got.message_id, m.id);
    assert_int_equal(got.attempts, 0);
    assert_null(got.last_error);
    assert_string_equal(last_audit(f, got.id), "resend");
    message_rec *ms;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &n, &e), 0);
    assert_string_equal(ms[1].delivery->state, "queued");
    /* twice: it is queued now */
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, m.id, &got, &e), -1);
    assert_int_equal(e.status, 409);
    /* it bounces again; the agent fixes the customer's address and resends: to the new one */
    make_due(f);
    assert_int_equal(svc_outbox_claim(&f->s, &o, &released, &e), 1);
    assert_int_equal(svc_outbox_finish(&f->s, &o, OUTBOX_PERMANENT, "550 5.1.1 still no such user", &st, &e), 0);
    customer_rec c;
    assert_int_equal(svc_customer_update(&f->s, ms[0].author_customer_id, NULL, "found@example.com", &c, &e), 0);
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, m.id, &got, &e), 0);
    assert_string_equal(got.to_addr, "found@example.com");
    assert_string_equal(got.state, "queued");
    audit_rec *au;
    int na;
    assert_int_equal(store_audit_list(f->d, &f->a, "outbox", got.id, &au, &na, &e), 0);
    assert_non_null(strstr(au[na - 1].after, "resent to found@example.com (was gone@example.com)"));
    /* a reply an admin cancelled: the agent may not send it after all */
    f->s.actor = &f->agent;
    assert_int_equal(svc_outbox_cancel(&f->s, got.id, &got, &e), 0);
    f->s.actor = &agent;
    assert_int_equal(svc_outbox_resend_reply(&f->s, r.ticket_id, m.id, &got, &e), -1);
    assert_int_equal(e.status, 409);
    assert_non_null(strstr(e.message, "an admin cancelled this reply"));
}

/* whether mail is sent follows smtp_url (flag or environment), for the pages' notice */
static void sending_follows_smtp_url(void **state)
{
    (void)state;
    struct config c;
    char *none[] = {"heed", NULL};
    assert_int_equal(config_load(&c, 1, none), 0);
    assert_false(svc_outbox_sending());
    char *flag[] = {"heed", "--smtp_url", "smtp://127.0.0.1:2525", NULL};
    assert_int_equal(config_load(&c, 3, flag), 0);
    assert_true(svc_outbox_sending());
    setenv("HEED_SMTP_URL", "smtps://127.0.0.1:4650", 1);
    assert_int_equal(config_load(&c, 1, none), 0);
    assert_true(svc_outbox_sending());
    unsetenv("HEED_SMTP_URL");
    assert_int_equal(config_load(&c, 1, none), 0);
    assert_false(svc_outbox_sending());
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compose_is_7bit_crlf_and_short_lines),
        cmocka_unit_test(compose_reads_back_through_the_parser),
        cmocka_unit_test(encoded_words_split_on_characters),
        cmocka_unit_test_setup_teardown(email_ticket_gets_ack_and_reply_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(other_channels_and_auto_mail_are_not_emailed, setup, teardown),
        cmocka_unit_test_setup_teardown(automatic_replies_are_capped_per_address, setup, teardown),
        cmocka_unit_test_setup_teardown(oversized_attachments_get_an_automatic_notice, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_reply_leaves_no_outbox_row, setup, teardown),
        cmocka_unit_test_setup_teardown(claim_lease_backoff_and_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(automatic_reply_cap_is_per_hour, setup, teardown),
        cmocka_unit_test_setup_teardown(queued_mail_expires, setup, teardown),
        cmocka_unit_test_setup_teardown(sweep_expires_every_old_row_in_batches, setup, teardown),
        cmocka_unit_test(expiry_setting_flag_env_and_bad_values),
        cmocka_unit_test_setup_teardown(admin_cancels_and_resends, setup, teardown),
        cmocka_unit_test_setup_teardown(agent_resends_a_failed_reply, setup, teardown),
        cmocka_unit_test(sending_follows_smtp_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
