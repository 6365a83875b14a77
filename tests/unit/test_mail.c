/* Unit tests for email in: every message in tests/data/mail is ingested into a fresh
 * database and checked for what heed made of it (subject, decoded body, customer,
 * new or joined ticket, auto flag, quarantine), plus the rules around threading
 * and loops and the text helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "unit/tempdb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <ftw.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gmime/gmime.h>
#include "mail/mail.h"
#include "mail/mail_out.h"
#include "service/svc_mail_auth.h"
#include "service/service.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/text.h"

enum { NEW = MAIL_NEW_TICKET, JOINED = MAIL_APPENDED, QUAR = MAIL_QUARANTINED };

typedef struct mcase {
    const char *file;
    int outcome;
    const char *parent;        /* ingested first: the ticket a reply may join, and @@SIGNED@@ / @@TICKET@@ */
    const char *subject;       /* substring of the mail's decoded subject */
    const char *phrase;        /* substring of the decoded body */
    const char *email;         /* the author's customer email */
    bool is_auto;
    const char *thread_by;     /* for JOINED */
    const char *absent;        /* must not be in the body */
    const char *display_absent;/* display must exist and not contain this */
    const char *name;          /* the author's customer name */
    bool twice;                /* a second delivery must be a duplicate */
    const char *reason;        /* the loop-protection rule that must have fired (auto_reason) */
} mcase;

/* positional fields first, the rest by name; unnamed fields are zero */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const mcase CASES[] = {
    /* Gmail and Android */
    {"gmail_new_alternative.eml", NEW, NULL, "Cannot log in", "reset my password?", "alice.martin@gmail.com", .absent = "<div", .name = "Alice Martin", .twice = true},
    {"gmail_reply_signed.eml", JOINED, "gmail_new_alternative.eml", "Re: Cannot log in", "Thanks, that worked!", "alice.martin@gmail.com", .thread_by = "message-id", .display_absent = "Original text"},
    {"gmail_html_only.eml", NEW, NULL, "Invoice question", "Why was my invoice #4411 charged twice?", "bruno.costa@gmail.com", .absent = "color:red"},
    {"gmail_attachment.eml", NEW, NULL, "Screenshot", "error 500, screenshot attached", "chen.wei@gmail.com", .absent = "secret attachment"},
    {"gmail_inline_image.eml", NEW, NULL, "Logo looks wrong", "logo on the portal is stretched", "dana.levi@gmail.com", .absent = "PNG"},
    {"android_gmail_base64.eml", NEW, NULL, "Order not delivered", "order 7781 has not arrived", "eva.novak@gmail.com", .display_absent = "Sent from my Android"},
    /* Outlook */
    {"outlook_cp1252.eml", NEW, NULL, "Billing for Sync", "The \u201cSync\u201d button costs us \u20ac50 a month \u2013 is", "frank.weber@contoso.com", .twice = true},
    {"outlook_reply_token.eml", JOINED, "outlook_cp1252.eml", "Billing for Sync", "downgrade us to the basic plan", "frank.weber@contoso.com", .thread_by = "subject-token", .display_absent = "priced per seat"},
    {"outlook_oof_reply.eml", JOINED, "outlook_cp1252.eml", "Automatic reply", "out of the office", "frank.weber@contoso.com", .is_auto = true, .thread_by = "message-id"},
    {"outlook_original_message.eml", NEW, NULL, "FW: VPN access", "new hire VPN access", "grace.obi@fabrikam.com", .display_absent = "ask the vendor"},
    {"outlook_german.eml", NEW, NULL, "Rechnungsstellung f\u00fcr Oktober", "Mit freundlichen Gr\u00fc\u00dfen", "juergen.mueller@firma.de", .name = "J\u00fcrgen M\u00fcller"},
    /* Apple Mail, iPhone, iPad */
    {"apple_mail_new.eml", NEW, NULL, "Printer offline \U0001F5A8", "offline again \u2014 third time", "hana.sato@icloud.com"},
    {"apple_mail_reply_reference.eml", JOINED, "apple_mail_new.eml", "Re: Printer", "the scanner next to it", "hana.sato@icloud.com", .thread_by = "reference", .display_absent = "floor 3"},
    {"apple_reference_other_sender.eml", NEW, "apple_mail_new.eml", "Re: Printer", "admin password", "mallory@evil.example"},
    {"iphone_sent_from.eml", NEW, NULL, "Wifi password", "guest wifi password", "ivan.petrov@me.com", .display_absent = "Sent from my iPhone"},
    {"iphone_html_multipart.eml", NEW, NULL, "Meeting room", "Room 4B shows as booked", "julia.rossi@icloud.com", .display_absent = "iPad"},
    /* Thunderbird */
    {"thunderbird_latin1_flowed.eml", NEW, NULL, "Zugang gesperrt", "K\u00f6nnen Sie ihn bitte entsperren?", "klaus@becker-gmbh.de"},
    {"thunderbird_signature.eml", NEW, NULL, "Export to CSV", "export all tickets to CSV", "lena@fischer.example", .display_absent = "Head of Operations"},
    {"thunderbird_reply_wrote.eml", JOINED, "thunderbird_signature.eml", "Re: Export", "the API works for me", "lena@fischer.example", .thread_by = "message-id", .display_absent = "GET /api/tickets"},
    {"thunderbird_iso8859_2.eml", NEW, NULL, "Zam\u00f3wienie nr 55", "za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144", "marta@kowalska.pl"},
    {"thunderbird_inline_reply.eml", NEW, NULL, "Re: Questions", "Forty two.", "lena@fischer.example"},
    /* Asian and Cyrillic charsets */
    {"shift_jis.eml", NEW, NULL, "\u30ed\u30b0\u30a4\u30f3\u3067\u304d\u307e\u305b\u3093", "\u304a\u4e16\u8a71\u306b\u306a\u3063\u3066\u304a\u308a\u307e\u3059", "yamada@example.jp", .name = "\u5c71\u7530\u592a\u90ce"},
    {"iso_2022_jp.eml", NEW, NULL, "\u8acb\u6c42\u66f8\u306b\u3064\u3044\u3066", "\u518d\u767a\u884c\u3057\u3066\u304f\u3060\u3055\u3044", "suzuki@example.jp"},
    {"gb2312.eml", NEW, NULL, "\u8ba2\u5355\u95ee\u9898", "\u6211\u7684\u8ba2\u5355\u8fd8\u6ca1\u6709\u53d1\u8d27", "lina@example.cn"},
    {"gbk_declared_gb2312.eml", NEW, NULL, "\u8d26\u6237", "\u6731\u9555\u57fa\u7684\u8d26\u6237", "zhu@example.cn"},
    {"koi8r.eml", NEW, NULL, "\u041d\u0435 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442 \u0432\u0445\u043e\u0434", "\u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435!", "ivan@example.ru", .name = "\u0418\u0432\u0430\u043d"},
    {"windows1251.eml", NEW, NULL, "Vopros", "\u0433\u0434\u0435 \u043c\u043e\u0439 \u0441\u0447\u0451\u0442?", "olga@example.ru"},
    /* wrongly declared charsets and raw 8-bit headers */
    {"declared_utf8_is_cp1252.eml", NEW, NULL, "Probleme", "Le caf\u00e9 co\u00fbte 3 \u20ac \u00e0 la r\u00e9ception.", "pierre@example.fr"},
    {"declared_latin1_is_utf8.eml", NEW, NULL, "Naive", "A na\u00efve question about the fa\u00e7ade.", "quinn@example.org", .absent = "\u00c3"},
    {"unknown_charset.eml", NEW, NULL, "Strange charset", "\u00dcber die Zugangsdaten: bitte pr\u00fcfen.", "rosa@example.org"},
    {"raw_utf8_subject.eml", NEW, NULL, "Fejl p\u00e5 siden \u2013 hj\u00e6lp", "fejl n\u00e5r jeg gemmer", "soren@example.dk", .name = "S\u00f8ren"},
    {"raw_latin1_subject.eml", NEW, NULL, "R\u00e9sum\u00e9 du probl\u00e8me", "mon r\u00e9sum\u00e9.", "tom@example.fr"},
    {"rfc2047_mixed.eml", NEW, NULL, "Pedido n\u00famero 12 \u2014 urgente", "El pedido n\u00famero 12 no lleg\u00f3.", "jose.garcia@example.es", .name = "Jos\u00e9 Garc\u00eda"},
    /* HTML */
    {"html_xss.eml", NEW, NULL, "Look at this", "Our dashboard is empty.", "uma@example.com", .absent = "alert"},
    {"html_entities_table.eml", NEW, NULL, "Price table", "Caf\u00e9 \u20ac4 & up", "victor@example.com", .absent = "<td"},
    {"html_meta_charset.eml", NEW, NULL, "Meta charset", "Prosz\u0119 o faktur\u0119.", "wanda@example.pl"},
    /* threading rules */
    {"token_wrong_sender.eml", NEW, "gmail_new_alternative.eml", "Cannot log in", "not the customer", "xavier@other.example"},
    {"subject_only_match.eml", NEW, "gmail_new_alternative.eml", "Re: Cannot log in", "this is a new request", "alice.martin@gmail.com"},
    {"forged_signed_id.eml", NEW, "gmail_new_alternative.eml", "Re: Cannot log in", "bad signature", "alice.martin@gmail.com"},
    {"signed_id_other_sender.eml", JOINED, "outlook_cp1252.eml", "Re: Billing", "my colleague's view", "colleague@contoso.com", .thread_by = "message-id"},
    {"token_same_sender.eml", JOINED, "gmail_new_alternative.eml", "more details", "more details for my ticket", "alice.martin@gmail.com", .thread_by = "subject-token"},
    /* loop protection: each file carries one signal only (but dsn_bounce), and .reason says
     * which rule must have caught it, so that every rule of the list is shown to work */
    {"auto_replied.eml", NEW, NULL, "Out of office", "away until December", "yara@example.com", .is_auto = true, .reason = "auto-submitted"},
    {"auto_submitted_no.eml", NEW, NULL, "Real question", "A human wrote this one.", "zed@example.com"},
    {"precedence_bulk.eml", NEW, NULL, "November deals", "Big savings", "news@shop.example", .is_auto = true, .reason = "precedence"},
    {"precedence_junk.eml", NEW, NULL, "You have won", "Claim your prize", "deals@junk.example", .is_auto = true, .reason = "precedence"},
    {"precedence_list.eml", NEW, NULL, "release notes", "Release 2.1", "dev@lists.example", .is_auto = true, .reason = "precedence"},
    {"x_autoreply.eml", NEW, NULL, "your mail", "we received your message", "bot@example.com", .is_auto = true, .reason = "x-autoreply"},
    {"x_auto_response_suppress.eml", NEW, NULL, "Accepted", "meeting was accepted", "calendar@contoso.com", .is_auto = true, .reason = "x-auto-response-suppress"},
    {"dsn_bounce.eml", NEW, NULL, "Undelivered Mail", "failed permanently: nobody@example.org", "mailer-daemon@mx.example.net", .is_auto = true, .absent = "Angry"},
    {"dsn_report_only.eml", NEW, NULL, "Undeliverable", "could not be delivered to gone@contoso.com", "microsoftexchange329e71ec88ae@contoso.com", .is_auto = true, .reason = "delivery-report"},
    {"delivery_status_body.eml", NEW, NULL, "Delivery status", "", "relay-notices@mx.example.org", .is_auto = true, .reason = "delivery-report"},
    {"mailer_daemon_sender.eml", NEW, NULL, "could not send message", "warning message only", "mailer-daemon@relay.example.net", .is_auto = true, .reason = "mailer-daemon"},
    {"postmaster_sender.eml", NEW, NULL, "Delivery delayed", "Your message is delayed.", "postmaster@example.org", .is_auto = true, .reason = "mailer-daemon"},
    {"null_return_path.eml", NEW, NULL, "Read receipt", "Your message was read.", "notify@example.org", .is_auto = true, .reason = "null-return-path"},
    /* malformed and hostile */
    {"missing_from.eml", QUAR},
    {"invalid_from.eml", QUAR},
    {"garbage.eml", QUAR},
    {"empty.eml", QUAR},
    {"too_deep_nesting.eml", QUAR},
    {"sender_header_only.eml", NEW, NULL, "Sent on behalf", "Only a Sender header", "relay@example.com"},
    {"group_from.eml", NEW, NULL, "Group sender", "group address", "rita@example.com"},
    {"truncated_base64.eml", NEW, NULL, "Cut off", "The upload stops at 99 percent", "ann@example.com"},
    {"bad_base64_chars.eml", NEW, NULL, "Bad base64", "The", "ben@example.com"},
    {"nul_bytes.eml", NEW, NULL, "Nul", "strange characters in it.", "cleo@example.com"},
    {"huge_header.eml", NEW, NULL, "Very long subject lorem ipsum", "subject line of this mail is enormous", "dan@example.com"},
    {"many_references.eml", NEW, NULL, "Long thread", "a thousand references", "eli@example.com"},
    {"nested_multipart.eml", NEW, NULL, "Nested", "The answer is nested deep inside.", "fay@example.com"},
    {"too_many_parts.eml", NEW, NULL, "Many parts", "part 0", "gus@example.com", .absent = "part 599"},
    {"missing_boundary.eml", NEW, NULL, "No boundary", "no boundary parameter at all", "hal@example.com"},
    {"no_message_id.eml", NEW, NULL, "No id", "has no Message-ID", "ida@example.com", .twice = true},
    {"broken_header_lines.eml", NEW, NULL, "Broken headers", "never closes its quote", "jon@example.com"},
    {"mbox_from_line.eml", NEW, NULL, "Via pipe with F flag", "mbox From line first", "kim@example.com"},
    {"pgp_signed.eml", NEW, NULL, "Signed request", "rotate my API key", "lou@example.com", .absent = "PGP SIGNATURE"},
    {"forwarded_rfc822.eml", NEW, NULL, "Fwd: complaint", "customer complaint below", "max@example.com", .absent = "Angry words"},
    {"calendar_invite.eml", NEW, NULL, "Invitation", "onboarding call on Tuesday", "nia@example.com", .absent = "VCALENDAR"},
    {"uuencode_body.eml", NEW, NULL, "Old client", "attachments inline", "otto@example.com"},
    {"empty_body.eml", NEW, NULL, "(no subject)", "(no text)", "pia@example.com"},
};
#pragma GCC diagnostic pop

typedef struct fixture {
    char path[64];
    db *d;
    arena a;
    svc s;
    const mcase *c;
} fixture;

static const char *data_dir(void)
{
    const char *d = getenv("HEED_MAIL_DATA");
    return d ? d : "tests/data/mail";
}

static int open_fresh(fixture *f)
{
    herr e;
    tempdb_path(f->path, sizeof f->path, "mail");
    if (db_open(f->path, &f->d, &e) || db_migrate(f->d, &e)) return -1;
    arena_init(&f->a);
    f->s = (svc){.db = f->d, .a = &f->a};
    return 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->c = *state;
    if (open_fresh(f)) return -1;
    *state = f;
    return 0;
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static int teardown(void **state)
{
    fixture *f = *state;
    char files[96];
    snprintf(files, sizeof files, "%s.files", f->path);
    nftw(files, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    db_close(f->d);
    arena_free(&f->a);
    tempdb_remove(f->path);
    free(f);
    svc_mail_auth_configure(NULL, MAIL_UNVERIFIED_NEW_TICKET); /* a test that set it leaves no trace */
    return 0;
}

static void load(const char *name, buf *b)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", data_dir(), name);
    FILE *fp = fopen(path, "rb");
    if (!fp) fail_msg("cannot open %s", path);
    buf_init(b, 4096);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_put(b, chunk, n);
    fclose(fp);
}

static void replace_all(buf *b, const char *from, const char *to)
{
    buf o;
    buf_init(&o, b->len + 64);
    size_t k = strlen(from);
    for (size_t i = 0; i < b->len;) {
        if (i + k <= b->len && !memcmp(b->p + i, from, k)) {
            buf_puts(&o, to);
            i += k;
        } else {
            buf_putc(&o, b->p[i++]);
        }
    }
    buf_free(b);
    *b = o;
}

static mail_result ingest(fixture *f, const char *raw, size_t n)
{
    mail_result r;
    herr e;
    int rc = mail_ingest(f->d, raw, n, false, "test", &r, &e);
    if (rc) fail_msg("mail_ingest failed: %s", e.message);
    return r;
}

static mail_result ingest_file(fixture *f, const char *name)
{
    buf b;
    load(name, &b);
    mail_result r = ingest(f, b.p, b.len);
    buf_free(&b);
    return r;
}


static void check_text_ok(const char *s)
{
    assert_non_null(s);
    assert_true(utf8_valid(s, strlen(s)));
    assert_true(text_clean(s, strlen(s)));
}

static void run_case(void **state)
{
    fixture *f = *state;
    const mcase *c = f->c;
    herr e;
    mail_result parent = {0};
    buf b;
    load(c->file, &b);
    if (c->parent) {
        parent = ingest_file(f, c->parent);
        assert_int_equal(parent.outcome, NEW);
        const char *signed_id;
        assert_int_equal(svc_mail_sent_message_id(&f->s, parent.ticket_id, parent.msg_id, &signed_id, &e), 0);
        replace_all(&b, "@@SIGNED@@", signed_id);
        replace_all(&b, "@@TICKET@@", arena_printf(&f->a, "%lld", parent.ticket_id));
    }
    ticket_rec seen = {.version = 0}; /* the parent's version before this mail */
    if (c->parent) assert_int_equal(svc_ticket_get(&f->s, parent.ticket_id, &seen, &e), 0);
    mail_result r = ingest(f, b.p, b.len);
    if (r.outcome != c->outcome) fail_msg("%s: outcome %d, expected %d", c->file, r.outcome, c->outcome);

    if (c->outcome == QUAR) {
        mail_quarantine_rec *q;
        int n;
        assert_int_equal(svc_mail_quarantine_list(&f->s, &q, &n, &e), 0);
        assert_int_equal(n, 1);
        assert_int_equal(q[0].size, b.len); /* kept whole, byte for byte */
        assert_memory_equal(q[0].raw, b.len ? b.p : "", b.len);
        assert_true(*q[0].reason);
        ticket_filter tf = {.limit = 10};
        ticket_rec *ts;
        assert_int_equal(svc_ticket_list(&f->s, &tf, &ts, &n, &e), 0);
        assert_int_equal(n, c->parent ? 1 : 0);
        buf_free(&b);
        return;
    }

    if (c->outcome == JOINED) {
        assert_int_equal(r.ticket_id, parent.ticket_id);
        assert_string_equal(r.thread_by, c->thread_by);
    } else if (c->parent) {
        assert_true(r.ticket_id != parent.ticket_id);
    }
    {
        /* every mail is a change of its ticket (an automatic reply too): a new version, and
         * the mail among what changed since the version an agent saw before it */
        long long before = c->outcome == JOINED ? seen.version : 0;
        ticket_rec now;
        assert_int_equal(svc_ticket_get(&f->s, r.ticket_id, &now, &e), 0);
        if (now.version != before + 1)
            fail_msg("%s: version %lld, expected %lld", c->file, now.version, before + 1);
        audit_rec *ch;
        int nch;
        assert_int_equal(svc_ticket_changes_since(&f->s, r.ticket_id, before, &ch, &nch, &e), 0);
        const char *want = c->outcome == JOINED ? "email" : "create";
        bool found = false;
        for (int i = 0; i < nch; i++) found |= !strcmp(ch[i].action, want);
        if (!found) fail_msg("%s: no '%s' among the %d changes since version %lld", c->file, want, nch, before);
    }
    /* what was stored */
    mail_in m;
    assert_int_equal(mail_parse(b.p, b.len, &f->a, &m, &e), 0);
    mail_msg_rec row;
    assert_int_equal(svc_mail_message_get(&f->s, m.message_id, &row, &e), 1);
    assert_int_equal(row.ticket_id, r.ticket_id);
    assert_int_equal(row.msg_id, r.msg_id);
    check_text_ok(row.subject);
    assert_true(strlen(row.subject) <= SUBJECT_MAX);
    if (!strstr(row.subject, c->subject)) fail_msg("%s: subject '%s' lacks '%s'", c->file, row.subject, c->subject);
    ticket_rec t;
    assert_int_equal(svc_ticket_get(&f->s, r.ticket_id, &t, &e), 0);
    assert_string_equal(t.channel, "email");
    if (c->outcome == NEW) assert_string_equal(t.subject, row.subject);
    message_rec *ms;
    int nm;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &nm, &e), 0);
    const message_rec *msg = NULL;
    for (int i = 0; i < nm; i++)
        if (ms[i].id == r.msg_id) msg = &ms[i];
    assert_non_null(msg);
    assert_string_equal(msg->kind, "customer");
    check_text_ok(msg->body);
    if (!strstr(msg->body, c->phrase)) fail_msg("%s: body lacks '%s':\n%s", c->file, c->phrase, msg->body);
    if (c->absent && strstr(msg->body, c->absent)) fail_msg("%s: body has '%s':\n%s", c->file, c->absent, msg->body);
    if (c->display_absent) {
        if (!row.display) fail_msg("%s: no display cut", c->file);
        check_text_ok(row.display);
        if (strstr(row.display, c->display_absent)) fail_msg("%s: display keeps '%s':\n%s", c->file, c->display_absent, row.display);
        if (!strstr(row.display, c->phrase)) fail_msg("%s: display lost '%s':\n%s", c->file, c->phrase, row.display);
    }
    customer_rec cust;
    assert_int_equal(svc_customer_get(&f->s, msg->author_customer_id, &cust, &e), 1);
    assert_string_equal(cust.email, c->email);
    if (c->name) assert_string_equal(cust.name, c->name);
    assert_int_equal(row.is_auto, c->is_auto);
    if (c->reason) {
        if (!row.auto_reason || strcmp(row.auto_reason, c->reason))
            fail_msg("%s: auto_reason '%s', expected '%s'", c->file, row.auto_reason ? row.auto_reason : "(none)", c->reason);
    }
    bool quiet;
    assert_int_equal(svc_mail_ticket_no_autoreply(&f->s, r.ticket_id, &quiet, &e), 0);
    assert_int_equal(quiet, c->is_auto);

    if (c->twice) {
        mail_result again = ingest(f, b.p, b.len);
        assert_int_equal(again.outcome, MAIL_DUPLICATE);
        assert_int_equal(again.ticket_id, r.ticket_id);
        assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &ms, &nm, &e), 0);
        assert_int_equal(nm, 1);
    }
    buf_free(&b);
}

/* ---- rules around threading and loops ---- */

static void set_status(fixture *f, long long id, const char *status)
{
    ticket_patch p = {.status = status};
    ticket_rec t;
    herr e;
    assert_int_equal(svc_ticket_update(&f->s, id, &p, &t, &e), 0);
}

static mail_result reply_to(fixture *f, const char *file, mail_result parent)
{
    buf b;
    herr e;
    load(file, &b);
    const char *signed_id;
    assert_int_equal(svc_mail_sent_message_id(&f->s, parent.ticket_id, parent.msg_id, &signed_id, &e), 0);
    replace_all(&b, "@@SIGNED@@", signed_id);
    replace_all(&b, "@@TICKET@@", arena_printf(&f->a, "%lld", parent.ticket_id));
    mail_result r = ingest(f, b.p, b.len);
    buf_free(&b);
    return r;
}

static void reply_reopens_solved_ticket(void **state)
{
    fixture *f = *state;
    mail_result p = ingest_file(f, "gmail_new_alternative.eml");
    set_status(f, p.ticket_id, "solved");
    mail_result r = reply_to(f, "gmail_reply_signed.eml", p);
    assert_int_equal(r.outcome, JOINED);
    ticket_rec t;
    herr e;
    assert_int_equal(svc_ticket_get(&f->s, p.ticket_id, &t, &e), 0);
    assert_string_equal(t.status, "open");
}

static void auto_reply_does_not_reopen_and_silences_ticket(void **state)
{
    fixture *f = *state;
    mail_result p = ingest_file(f, "outlook_cp1252.eml");
    set_status(f, p.ticket_id, "solved");
    /* an old last change, so that "now" would differ from it */
    db_stmt *st = db_prep(f->d, "UPDATE tickets SET updated_at = '2020-01-01T00:00:00Z' WHERE id = ?");
    db_bind_int(st, 1, p.ticket_id);
    herr e;
    assert_int_equal(db_exec_stmt(st, &e), 0);
    mail_result r = reply_to(f, "outlook_oof_reply.eml", p);
    assert_int_equal(r.outcome, JOINED);
    ticket_rec t;
    assert_int_equal(svc_ticket_get(&f->s, p.ticket_id, &t, &e), 0);
    assert_string_equal(t.status, "solved");
    assert_string_equal(t.updated_at, "2020-01-01T00:00:00Z"); /* not moved to the top of the inbox */
    bool quiet;
    assert_int_equal(svc_mail_ticket_no_autoreply(&f->s, p.ticket_id, &quiet, &e), 0);
    assert_true(quiet);
}

static void reply_to_closed_ticket_opens_new_one(void **state)
{
    fixture *f = *state;
    mail_result p = ingest_file(f, "gmail_new_alternative.eml");
    set_status(f, p.ticket_id, "closed");
    mail_result r = reply_to(f, "gmail_reply_signed.eml", p);
    assert_int_equal(r.outcome, NEW);
    assert_true(r.ticket_id != p.ticket_id);
}

static void signed_ids_verify_only_with_this_installs_secret(void **state)
{
    fixture *f = *state;
    herr e;
    const char *id;
    long long t, m;
    assert_int_equal(svc_mail_sent_message_id(&f->s, 42, 7, &id, &e), 0);
    assert_non_null(strstr(id, "@heed.local"));
    assert_int_equal(strncmp(id, "t42.m7.", 7), 0);
    assert_int_equal(svc_mail_verify_message_id(&f->s, id, &t, &m, &e), 1);
    assert_int_equal(t, 42);
    assert_int_equal(m, 7);
    char *tampered = arena_strdup(&f->a, id);
    tampered[1] = '3'; /* t32 */
    assert_int_equal(svc_mail_verify_message_id(&f->s, tampered, &t, &m, &e), 0);
    assert_int_equal(svc_mail_verify_message_id(&f->s, "t42.m7.zz@heed.local", &t, &m, &e), 0);
    assert_int_equal(svc_mail_verify_message_id(&f->s, "", &t, &m, &e), 0);
    /* another install (another database) has another secret */
    fixture other = {0};
    assert_int_equal(open_fresh(&other), 0);
    assert_int_equal(svc_mail_verify_message_id(&other.s, id, &t, &m, &e), 0);
    db_close(other.d);
    arena_free(&other.a);
    tempdb_remove(other.path);
}

static void oversized_mail_is_quarantined(void **state)
{
    fixture *f = *state;
    const char raw[] = "From: a@b.example\n\nhello";
    mail_result r;
    herr e;
    assert_int_equal(mail_ingest(f->d, raw, sizeof raw - 1, true, NULL, &r, &e), 0);
    assert_int_equal(r.outcome, QUAR);
}

/* an HTML part whose parsing would be quadratic work (423,000 attributes on one tag took 584 s
 * of CPU): quarantined with the reason, found by one linear pass; normal HTML still shown */
static void costly_html_is_quarantined_with_the_reason(void **state)
{
    fixture *f = *state;
    buf b;
    buf_init(&b, 2200000);
    buf_puts(&b, "From: Bomb <bomb@example.com>\r\nSubject: look\r\nMessage-ID: <bomb1@example.com>\r\n"
                 "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p><b");
    for (int i = 0; i < 423000; i++) buf_puts(&b, " a");
    buf_puts(&b, ">x</b></p>\r\n");
    mail_result r;
    herr e;
    assert_int_equal(mail_ingest(f->d, b.p, b.len, false, NULL, &r, &e), 0);
    assert_int_equal(r.outcome, QUAR);
    mail_quarantine_rec *list;
    int n;
    assert_int_equal(svc_mail_quarantine_list(&f->s, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_non_null(strstr(list[0].reason, "423000 attributes on one tag"));
    /* the other bounds, checked without parsing */
    arena a;
    arena_init(&a);
    buf many;
    buf_init(&many, 1 << 20);
    for (int i = 0; i < MAIL_HTML_ELEMENTS + 1; i++) buf_puts(&many, "<i>");
    assert_non_null(strstr(mail_html_too_costly(&a, many.p, many.len), "elements"));
    buf_reset(&many);
    for (int i = 0; i < MAIL_HTML_ATTRS / 100 + 1; i++) {
        buf_puts(&many, "<span");
        for (int k = 0; k < 100; k++) buf_puts(&many, " x='a b>c'");
        buf_puts(&many, ">");
    }
    assert_non_null(strstr(mail_html_too_costly(&a, many.p, many.len), "attributes (at most"));
    const char fine[] = "<p class=\"a\" id=b title='c > d'>Hello <a href=\"https://example.com\">there</a></p>";
    assert_null(mail_html_too_costly(&a, fine, sizeof fine - 1));
    assert_non_null(mail_html_sanitize(&a, fine, sizeof fine - 1));
    buf_free(&many);
    arena_free(&a);
    buf_free(&b);
}

static void database_failure_asks_for_retry(void **state)
{
    fixture *f = *state;
    /* a database without the mail schema: the service fails with a 5xx, nothing is quarantined */
    char path[64];
    tempdb_path(path, sizeof path, "mail-raw");
    db *raw_db;
    herr e;
    assert_int_equal(db_open(path, &raw_db, &e), 0);
    buf b;
    load("gmail_new_alternative.eml", &b);
    mail_result r;
    assert_int_equal(mail_ingest(raw_db, b.p, b.len, false, NULL, &r, &e), -1);
    buf_free(&b);
    db_close(raw_db);
    tempdb_remove(path);
    (void)f;
}

/* ---- text helpers ---- */

static void display_cut_rules(void **state)
{
    fixture *f = *state;
    arena *a = &f->a;
    assert_null(mail_display_cut(a, "Just a message.\nTwo lines."));
    assert_string_equal(mail_display_cut(a, "Yes.\n\nOn Tue, 1 Dec 2026, Bob <b@x.org> wrote:\n> question"), "Yes.");
    assert_string_equal(mail_display_cut(a, "Ja.\n\nAm 01.12.2026 um 10:00 schrieb Bob <b@x.org>:\n> Frage"), "Ja.");
    assert_string_equal(mail_display_cut(a, "Body\n-- \nSig"), "Body");
    assert_string_equal(mail_display_cut(a, "Body\n\n> quoted\n> more\n"), "Body");
    assert_null(mail_display_cut(a, "> only a quote\n> nothing else"));
    assert_null(mail_display_cut(a, "> q1\nanswer 1\n> q2\nanswer 2")); /* inline replies stay */
    assert_string_equal(mail_display_cut(a, "Top\n\nFrom: X <x@y>\nSent: Monday\nTo: Z\nSubject: S\n\nold"), "Top");
    assert_string_equal(mail_display_cut(a, "Top\n-----Original Message-----\nold"), "Top");
    assert_string_equal(mail_display_cut(a, "He said:\nfine\n\nSent from my iPhone"), "He said:\nfine");
}

static void html_to_text_rules(void **state)
{
    fixture *f = *state;
    const char *h = "<p>a&amp;b</p><script>x()</script><div>c&#233;&#x20AC;</div>x < y<br>z";
    const char *t = mail_html_to_text(&f->a, h, strlen(h));
    assert_string_equal(t, "a&b\n\nc\u00e9\u20ac\n\nx < y\nz");
    h = "<style>unterminated";
    assert_string_equal(mail_html_to_text(&f->a, h, strlen(h)), "");
    h = "&#0;&#xD800;&#99999999;&bogus;";
    t = mail_html_to_text(&f->a, h, strlen(h));
    check_text_ok(t);
}

static void charset_fallbacks(void **state)
{
    fixture *f = *state;
    arena *a = &f->a;
    assert_string_equal(mail_to_utf8(a, "caf\xe9", 4, "utf-8"), "caf\u00e9");
    assert_string_equal(mail_to_utf8(a, "caf\xe9", 4, NULL), "caf\u00e9");
    assert_string_equal(mail_to_utf8(a, "\x93q\x94", 3, "iso-8859-1"), "\u201cq\u201d");
    assert_string_equal(mail_to_utf8(a, "caf\xc3\xa9", 5, "latin1"), "caf\u00e9");
    assert_string_equal(mail_to_utf8(a, "\xbd\xa1", 2, "nonsense-charset"), "\u00bd\u00a1");
    const char *bad = mail_to_utf8(a, "\x82\xa0\xff\x82", 4, "shift_jis"); /* invalid and cut sequences */
    check_text_ok(bad);
    assert_non_null(strstr(bad, "\u3042"));
    assert_string_equal(mail_clean_text(a, "a\r\nb\x01\x7f\tc", 9, true), "a\nb\tc");
    assert_string_equal(mail_clean_text(a, "  a \t\n b  ", 10, false), "a b");
    assert_string_equal(mail_cut_utf8(a, "\u00e9\u00e9", 3), "\u00e9");
}

/* ---- email in: HTML, attachments, quarantine retry ---- */

static void html_sanitize_rules(void **state)
{
    fixture *f = *state;
    arena *a = &f->a;
    const char *in = "<p onclick=\"x()\" style=\"color:red\">Hi <b>there</b></p><script>alert(1)</script>"
                     "<a href=\" javascript:alert(1)\">bad</a><a href=\"https://ok.example/?a=1&amp;b=2\">ok</a>"
                     "<img src=\"http://far.example/p.gif\" onerror=\"x()\"><svg onload=\"x()\"><text>svg</text></svg>"
                     "<table><tr><td colspan=\"2\" onmouseover=\"x()\">c</td></tr></table><font color=red>kept text</font>";
    const char *out = mail_html_sanitize(a, in, strlen(in));
    assert_non_null(out);
    assert_non_null(strstr(out, "<p>Hi <b>there</b></p>"));
    assert_null(strstr(out, "script"));
    assert_null(strstr(out, "javascript"));
    assert_null(strstr(out, "onclick"));
    assert_null(strstr(out, "style"));
    assert_null(strstr(out, "<img"));
    assert_null(strstr(out, "svg"));
    assert_non_null(strstr(out, "<a>bad</a>"));
    assert_non_null(strstr(out, "<a href=\"https://ok.example/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\""));
    assert_non_null(strstr(out, "<td colspan=\"2\">c</td>"));
    assert_non_null(strstr(out, "kept text"));
    assert_null(strstr(out, "<font"));
    check_text_ok(out);
    /* caps, checked before parsing */
    buf b;
    buf_init(&b, MAIL_HTML_MAX + 16);
    while (b.len <= MAIL_HTML_MAX) buf_puts(&b, "<p>lots of text</p>");
    assert_null(mail_html_sanitize(a, b.p, b.len));
    b.len = 0;
    for (int i = 0; i <= MAIL_HTML_LINKS; i++) buf_puts(&b, "<a href=\"https://x.example/\">l</a> ");
    assert_null(mail_html_sanitize(a, b.p, b.len));
    b.len = 0;
    for (int i = 0; i <= MAIL_HTML_DEPTH; i++) buf_puts(&b, "<div>");
    buf_puts(&b, "deep");
    assert_null(mail_html_sanitize(a, b.p, b.len));
    buf_free(&b);
    assert_null(mail_html_sanitize(a, "<script>x</script><img src=x>", 29)); /* nothing left to show */
}

static void html_cid_images_only_for_allowed_parts(void **state)
{
    fixture *f = *state;
    arena *a = &f->a;
    const char *cids[] = {"pic@x", NULL /* an SVG part: not allowed */, "sp ace%20@x"};
    const char *in = "<p>see</p><img src=\"cid:pic@x\" alt=\"the &quot;pic&quot;\" width=\"9\" onerror=\"x()\">"
                     "<IMG SRC=\"CID:pic%40x\"><img src=\"cid:svg@x\"><img src=\"cid:other@x\">"
                     "<img src=\"https://far.example/pic@x\"><img src=\"pic@x\"><svg><img src=\"cid:pic@x\"></svg>"
                     "&lt;img src=\"heed-cid:0\"&gt;";
    const char *out = mail_html_sanitize_cids(a, in, strlen(in), cids, 3);
    assert_non_null(out);
    /* the matching part, with its alt text escaped and nothing else; a %-escaped cid matches too */
    assert_non_null(strstr(out, "<p>see</p>" MAIL_CID_MARK "0\" alt=\"the &quot;pic&quot;\">" MAIL_CID_MARK "0\" alt=\"\">"));
    assert_null(strstr(out, "onerror"));
    assert_null(strstr(out, "width"));
    assert_null(strstr(out, "far.example"));
    assert_null(strstr(out, "heed-cid:1"));
    assert_null(strstr(out, "heed-cid:2"));
    /* three marks, all for pic@x (an <img> inside <svg> breaks out of it into HTML, as in
     * browsers); a forged one stays text */
    int marks = 0;
    for (const char *p = out; (p = strstr(p, MAIL_CID_MARK)); p++) marks++;
    assert_int_equal(marks, 3);
    assert_non_null(strstr(out, "&lt;img src=&quot;heed-cid:0&quot;&gt;"));
    /* without a list (every other caller) no image is kept */
    assert_null(strstr(mail_html_sanitize(a, in, strlen(in)), "<img"));
    /* an image alone is something to show */
    assert_non_null(mail_html_sanitize_cids(a, "<img src=\"cid:pic@x\">", 21, cids, 1));
    assert_true(mail_inline_image_type("image/PNG"));
    assert_true(mail_inline_image_type("image/webp"));
    assert_false(mail_inline_image_type("image/svg+xml"));
    assert_false(mail_inline_image_type("text/html"));
    assert_false(mail_inline_image_type(NULL));
}

/* the HTML rendition of an Apple Mail or Outlook message shows its inline image from
 * heed's own copy: /attachments/{the PNG's id}/inline; the SVG part is listed, not shown */
static void inline_images_point_at_their_attachments(void **state)
{
    fixture *f = *state;
    static const struct { const char *file, *png, *alt; } cases[] = {
        {"apple_inline_image.eml", "screenshot.png", "screenshot.png"},
        {"outlook_inline_image.eml", "image001.png", "Logo"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        mail_result r = ingest_file(f, cases[c].file);
        assert_int_equal(r.outcome, NEW);
        mail_attachment_rec *at;
        mail_view_rec *v;
        int n, nv;
        herr e;
        assert_int_equal(svc_mail_attachments(&f->s, r.ticket_id, &at, &n, &e), 0);
        assert_int_equal(svc_mail_views(&f->s, r.ticket_id, &v, &nv, &e), 0);
        assert_int_equal(nv, 1);
        assert_non_null(v[0].html);
        long long png = 0;
        for (int i = 0; i < n; i++)
            if (!strcmp(at[i].filename, cases[c].png)) png = at[i].id;
        assert_true(png > 0);
        char want[128];
        snprintf(want, sizeof want, "<img src=\"/attachments/%lld/inline\" alt=\"%s\">", png, cases[c].alt);
        assert_non_null(strstr(v[0].html, want));
        assert_null(strstr(v[0].html, "heed-cid"));
        assert_null(strstr(v[0].html, "cid:"));
        int imgs = 0;
        for (const char *p = v[0].html; (p = strstr(p, "<img")); p++) imgs++;
        assert_int_equal(imgs, 1); /* not the SVG, not the remote beacon, not the missing part */
    }
}

static long long count_rows(fixture *f, const char *what, long long ticket)
{
    mail_attachment_rec *at;
    int n = 0;
    herr e;
    if (!strcmp(what, "attachments")) assert_int_equal(svc_mail_attachments(&f->s, ticket, &at, &n, &e), 0);
    return n;
}

static void attachments_are_stored_once_by_content(void **state)
{
    fixture *f = *state;
    mail_result r1 = ingest_file(f, "gmail_attachment.eml");
    assert_int_equal(r1.outcome, NEW);
    buf b;
    load("gmail_attachment.eml", &b);
    replace_all(&b, "Message-ID: <", "Message-ID: <again-");
    mail_result r2 = ingest(f, b.p, b.len);
    buf_free(&b);
    assert_int_equal(r2.outcome, NEW);
    mail_attachment_rec *a1, *a2;
    int n1, n2;
    herr e;
    assert_int_equal(svc_mail_attachments(&f->s, r1.ticket_id, &a1, &n1, &e), 0);
    assert_int_equal(svc_mail_attachments(&f->s, r2.ticket_id, &a2, &n2, &e), 0);
    assert_int_equal(n1, 1);
    assert_int_equal(n2, 1);
    assert_string_equal(a1[0].filename, "report.pdf");
    assert_string_equal(a1[0].content_type, "application/pdf");
    assert_true(a1[0].stored);
    assert_string_equal(a1[0].sha256, a2[0].sha256);
    mail_attachment_rec got;
    const char *path;
    assert_int_equal(svc_mail_attachment_get(&f->s, a1[0].id, &got, &path, &e), 1);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    unsigned char data[1 << 16];
    size_t n = fread(data, 1, sizeof data, fp);
    fclose(fp);
    assert_int_equal((long long)n, a1[0].size);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    assert_string_equal(hex, a1[0].sha256);
    /* the spool holds nothing once the mail is filed */
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s.files/tmp", f->path);
    DIR *dir = opendir(tmp);
    assert_non_null(dir);
    struct dirent *de;
    int left = 0;
    while ((de = readdir(dir)))
        if (de->d_name[0] != '.') left++;
    closedir(dir);
    assert_int_equal(left, 0);
    assert_int_equal(count_rows(f, "attachments", 999), 0);
}

static void oversized_attachment_is_listed_and_noted(void **state)
{
    fixture *f = *state;
    buf b;
    buf_init(&b, 16 << 20);
    buf_puts(&b, "From: Big Sender <big@example.com>\nTo: help@heed.test\nSubject: huge file\nMessage-ID: <big-1@example.com>\n"
                 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"xx\"\n\n--xx\nContent-Type: text/plain\n\n"
                 "here is the dump\n--xx\nContent-Type: application/octet-stream\n"
                 "Content-Disposition: attachment; filename=\"dump.bin\"\nContent-Transfer-Encoding: base64\n\n");
    size_t want = (size_t)MAIL_ATTACH_MAX + 4096; /* decoded bytes */
    for (size_t i = 0; i < want / 57 + 1; i++) buf_puts(&b, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n");
    buf_puts(&b, "--xx--\n");
    mail_result r = ingest(f, b.p, b.len);
    buf_free(&b);
    assert_int_equal(r.outcome, NEW);
    mail_attachment_rec *at;
    int n;
    herr e;
    assert_int_equal(svc_mail_attachments(&f->s, r.ticket_id, &at, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_false(at[0].stored);
    assert_null(at[0].sha256);
    assert_true(at[0].size > MAIL_ATTACH_MAX);
    message_rec *msgs;
    int nm;
    assert_int_equal(svc_ticket_messages(&f->s, r.ticket_id, &msgs, &nm, &e), 0);
    assert_int_equal(nm, 2);
    assert_string_equal(msgs[1].kind, "note");
    assert_non_null(strstr(msgs[1].body, "\"dump.bin\""));
    assert_non_null(strstr(msgs[1].body, "larger than the 10 MiB limit"));
    assert_non_null(strstr(msgs[1].body, "The customer is told so by an automatic email."));
}

static void quarantined_mail_can_be_retried(void **state)
{
    fixture *f = *state;
    buf b;
    load("gmail_new_alternative.eml", &b);
    mail_result q, r;
    herr e;
    assert_int_equal(svc_mail_quarantine(&f->s, b.p, b.len, "test: a rule that was since fixed", "help", NULL, &q, &e), 0);
    assert_int_equal(mail_retry_quarantined(f->d, q.quarantine_id, NULL, &r, &e), 0);
    assert_int_equal(r.outcome, NEW);
    mail_quarantine_rec *list;
    int n;
    assert_int_equal(svc_mail_quarantine_list(&f->s, &list, &n, &e), 0);
    assert_int_equal(n, 0);
    /* a retry of mail that still cannot be filed leaves it where it is */
    const char garbage[] = "\x01\x02 not mail at all";
    assert_int_equal(svc_mail_quarantine(&f->s, garbage, sizeof garbage - 1, "garbage", NULL, NULL, &q, &e), 0);
    assert_int_equal(mail_retry_quarantined(f->d, q.quarantine_id, NULL, &r, &e), -1);
    assert_int_equal(e.status, 422);
    assert_int_equal(svc_mail_quarantine_list(&f->s, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(mail_retry_quarantined(f->d, 9999, NULL, &r, &e), -1);
    assert_int_equal(e.status, 404);
    buf_free(&b);
}


/* ---- display names in outgoing mail ---- */

/* the value of header `name` in a composed message, unfolded (CRLF before a blank removed) */
static char *header_value(arena *a, const char *raw, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = raw; p && *p && strncmp(p, "\r\n", 2); p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL) {
        if (strncasecmp(p, name, n) || p[n] != ':') continue;
        buf v;
        buf_init(&v, 128);
        for (const char *q = p + n + 1; *q; q++) {
            if (q[0] == '\r' && q[1] == '\n') {
                if (q[2] != ' ' && q[2] != '\t') break;
                q++;
                continue;
            }
            buf_putc(&v, *q);
        }
        char *r = arena_strdup(a, v.p ? v.p : "");
        buf_free(&v);
        return r;
    }
    return NULL;
}

/* parses a To: or From: value with gmime: exactly one mailbox, with this address and name */
static void assert_one_mailbox(const char *value, const char *addr, const char *name, const char *what)
{
    InternetAddressList *l = internet_address_list_parse(NULL, value);
    if (!l) fail_msg("%s: gmime cannot parse '%s'", what, value);
    if (internet_address_list_length(l) != 1)
        fail_msg("%s: %d addresses in '%s'", what, internet_address_list_length(l), value);
    InternetAddress *ia = internet_address_list_get_address(l, 0);
    if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) fail_msg("%s: not a mailbox: '%s'", what, value);
    const char *got = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
    if (strcmp(got, addr)) fail_msg("%s: address '%s' in '%s'", what, got, value);
    const char *gname = internet_address_get_name(ia);
    if (strcmp(gname ? gname : "", name)) fail_msg("%s: name '%s', expected '%s' in '%s'", what, gname, name, value);
    g_object_unref(l);
}

static void hostile_display_names_stay_one_mailbox(void **state)
{
    fixture *f = *state;
    /* the name given, and the name a reader must see (control characters are blanks) */
    static const struct { const char *name, *seen; } NAMES[] = {
        {"attacker@evil.test, \"Bob\"", NULL},
        {"attacker@evil.test, \"Bob\" <bob@evil.test>", NULL},
        {"Doe, John", NULL},
        {"O'Brien \\ \"The Boss\"", NULL},
        {"\\\"", NULL},
        {"a\\", NULL},
        {"\"", NULL},
        {"<evil@x.test>", NULL},
        {"x@y.test", NULL},
        {"Semi; colon: group", NULL},
        {"(comment) name", NULL},
        {"[brackets]", NULL},
        {"Dr. Who", NULL},
        {"=?UTF-8?B?ZXZpbEB4LnRlc3Q=?=", NULL},
        {"Eve\r\nBcc: victim@x.test", "Eve  Bcc: victim@x.test"},
        {"Eve\nTo: other@x.test", "Eve To: other@x.test"},
        {"Tab\there", "Tab here"},
        {"J\u00fcrgen M\u00fcller, \"GmbH\" <j@x.test>", NULL},
        {"\u5c71\u7530\u592a\u90ce", NULL},
        {"A very long name, with a comma and \"quotes\", that does not fit on one line of a header at all", NULL},
        {"Plain Name", NULL},
    };
    g_mime_init();
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        const char *seen = NAMES[i].seen ? NAMES[i].seen : NAMES[i].name;
        mail_out m = {.from_name = NAMES[i].name, .from_addr = "help@heed.test", .to_name = NAMES[i].name,
                      .to_addr = "customer@example.test", .subject = "Hi", .message_id = "t1.m1.x@heed.local",
                      .body = "Hello", .date = 1700000000};
        buf b;
        buf_init(&b, 1024);
        mail_compose(&m, &b);
        /* no header line may start with anything but a known header or a fold */
        for (const char *p = b.p; *p && strncmp(p, "\r\n", 2); p = strstr(p, "\r\n") + 2) {
            if (*p == ' ') continue;
            if (strncmp(p, "Date:", 5) && strncmp(p, "From:", 5) && strncmp(p, "To:", 3) && strncmp(p, "Subject:", 8) &&
                strncmp(p, "Message-ID:", 11) && strncmp(p, "MIME-Version:", 13) && strncmp(p, "Content-Type:", 13))
                fail_msg("name %zu: a header line '%.20s'", i, p);
        }
        for (const char *p = b.p; *p; p++)
            if ((unsigned char)*p >= 0x80) fail_msg("name %zu: 8-bit byte in the message", i);
        const char *to = header_value(&f->a, b.p, "To");
        const char *from = header_value(&f->a, b.p, "From");
        assert_non_null(to);
        assert_non_null(from);
        assert_one_mailbox(to, "customer@example.test", seen, arena_printf(&f->a, "To %zu", i));
        assert_one_mailbox(from, "help@heed.test", seen, arena_printf(&f->a, "From %zu", i));
        buf_free(&b);
    }
}

/* ---- forged mail: Authentication-Results ---- */

static void authentication_results_verdicts(void **state)
{
    (void)state;
    static const struct { const char *h1, *h2, *from, *want; } AR[] = {
        /* dmarc */
        {"mx.heed.test; dmarc=pass header.from=example.com", NULL, "a@example.com", "pass"},
        {"mx.heed.test; dmarc=pass", NULL, "a@example.com", "pass"},
        {"MX.Heed.Test; DMARC=Pass header.from=example.com", NULL, "a@EXAMPLE.com", "pass"},
        {"mx.heed.test; dmarc=pass header.from=evil.test", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dmarc=fail (p=reject) header.from=example.com", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dmarc=none header.from=example.com", NULL, "a@example.com", "fail"},
        /* spf aligned or not */
        {"mx.heed.test; spf=pass smtp.mailfrom=bounce@example.com", NULL, "a@example.com", "pass"},
        {"mx.heed.test; spf=pass smtp.mailfrom=bounce@mail.example.com", NULL, "a@example.com", "pass"},
        {"mx.heed.test; spf=pass smtp.mailfrom=evil.test", NULL, "a@example.com", "fail"},
        {"mx.heed.test; spf=pass smtp.mailfrom=bounce@notexample.com", NULL, "a@example.com", "fail"},
        {"mx.heed.test; spf=softfail smtp.mailfrom=example.com", NULL, "a@example.com", "fail"},
        {"mx.heed.test; spf=pass smtp.helo=example.com", NULL, "a@example.com", "fail"},
        /* dkim aligned or not */
        {"mx.heed.test; dkim=pass header.d=example.com header.s=sel", NULL, "a@example.com", "pass"},
        {"mx.heed.test; dkim=pass header.d=example.com", NULL, "a@support.example.com", "pass"},
        {"mx.heed.test; dkim=pass header.i=@example.com", NULL, "a@example.com", "pass"},
        {"mx.heed.test; dkim=pass header.d=evil.test", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dkim=pass header.d=com", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dkim=fail header.d=example.com", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dkim=pass header.d=ample.com", NULL, "a@example.com", "fail"},
        /* comments in parentheses, versions, quoted values, folding */
        {"mx.heed.test (Postfix; on behalf) 1; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com", NULL, "a@example.com", "pass"},
        {"mx.heed.test; dkim=pass (2048-bit key; unprotected) header.d=example.com (nested (comment; dkim=fail))", NULL, "a@example.com", "pass"},
        {"mx.heed.test; dkim=fail (header.d=example.com dkim=pass) header.d=evil.test", NULL, "a@example.com", "fail"},
        {"mx.heed.test;\r\n\tdkim/1=pass reason=\"good; signature\" header.d=\"example.com\"", NULL, "a@example.com", "pass"},
        {"mx.heed.test; none", NULL, "a@example.com", "fail"},
        /* another authserv-id: ignored, whatever it claims */
        {"evil.test; dmarc=pass header.from=example.com", NULL, "a@example.com", "none"},
        {"mx.heed.test.evil.test; dmarc=pass", NULL, "a@example.com", "none"},
        {"(mx.heed.test) evil.test; dmarc=pass", NULL, "a@example.com", "none"},
        /* two headers */
        {"evil.test; dmarc=pass", "mx.heed.test; dmarc=fail header.from=example.com", "a@example.com", "fail"},
        {"mx.heed.test; spf=fail smtp.mailfrom=example.com", "mx.heed.test; dkim=pass header.d=example.com", "a@example.com", "pass"},
        {"evil.test; dkim=pass header.d=example.com", "other.test; dmarc=pass", "a@example.com", "none"},
        /* malformed */
        {"", NULL, "a@example.com", "none"},
        {";;;", NULL, "a@example.com", "none"},
        {"mx.heed.test; dmarc", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dmarc=", NULL, "a@example.com", "fail"},
        {"mx.heed.test; =pass", NULL, "a@example.com", "fail"},
        {"mx.heed.test; dmarc=pass (unclosed comment", NULL, "a@example.com", "none"},
        {"mx.heed.test; dkim=pass header.d=\"example.com", NULL, "a@example.com", "none"},
        {"mx.heed.test; spf=pass smtp.mailfrom=", NULL, "a@example.com", "fail"},
    };
    for (size_t i = 0; i < sizeof AR / sizeof AR[0]; i++) {
        const char *h[2] = {AR[i].h1, AR[i].h2};
        const char *got = svc_mail_auth_verdict(h, AR[i].h2 ? 2 : 1, "mx.heed.test", AR[i].from);
        if (strcmp(got, AR[i].want)) fail_msg("case %zu '%s': %s, expected %s", i, AR[i].h1, got, AR[i].want);
    }
    const char *h[1] = {"mx.heed.test; dmarc=fail"};
    assert_string_equal(svc_mail_auth_verdict(h, 1, "", "a@example.com"), "unchecked");
    assert_string_equal(svc_mail_auth_verdict(h, 1, NULL, "a@example.com"), "unchecked");
    assert_string_equal(svc_mail_auth_verdict(NULL, 0, "mx.heed.test", "a@example.com"), "none");
}

/* the customer's mail, with an Authentication-Results header on top, naming ticket id */
static mail_result mail_with_auth(fixture *f, const char *file, const char *auth, const char *msgid, long long id)
{
    buf b;
    load(file, &b);
    replace_all(&b, "@@TICKET@@", arena_printf(&f->a, "%lld", id));
    replace_all(&b, "token-0002@mail.gmail.com", msgid);
    buf all;
    buf_init(&all, b.len + 256);
    if (auth) buf_printf(&all, "Authentication-Results: %s\n", auth);
    buf_put(&all, b.p, b.len);
    mail_result r = ingest(f, all.p, all.len);
    buf_free(&all);
    buf_free(&b);
    return r;
}

static void forged_from_does_not_join_the_customers_ticket(void **state)
{
    fixture *f = *state;
    herr e;
    svc_mail_auth_configure("mx.heed.test", MAIL_UNVERIFIED_NEW_TICKET);
    mail_result p = ingest_file(f, "gmail_new_alternative.eml");
    assert_int_equal(p.outcome, NEW);
    set_status(f, p.ticket_id, "solved");
    /* forged: the customer's From and [#id], but SPF and DMARC fail at our own server */
    mail_result r = mail_with_auth(f, "token_same_sender.eml",
                                   "mx.heed.test; spf=fail smtp.mailfrom=evil.test; dmarc=fail header.from=gmail.com",
                                   "forged-1@evil.test", p.ticket_id);
    assert_int_equal(r.outcome, NEW);
    assert_true(r.ticket_id != p.ticket_id);
    assert_string_equal(r.auth, "fail");
    mail_msg_rec row;
    assert_int_equal(svc_mail_message_get(&f->s, "forged-1@evil.test", &row, &e), 1);
    assert_string_equal(row.auth, "fail");
    ticket_rec t;
    assert_int_equal(svc_ticket_get(&f->s, p.ticket_id, &t, &e), 0);
    assert_string_equal(t.status, "solved"); /* not reopened */
    outbox_rec *ob;
    int nob;
    assert_int_equal(svc_outbox_list(&f->s, r.ticket_id, &ob, &nob, &e), 0);
    assert_int_equal(nob, 0); /* no acknowledgement to the forged address */
    /* a pass claimed under another authserv-id counts for nothing; no header at all neither */
    r = mail_with_auth(f, "token_same_sender.eml", "evil.test; dmarc=pass header.from=gmail.com", "forged-2@evil.test",
                       p.ticket_id);
    assert_int_equal(r.outcome, NEW);
    assert_string_equal(r.auth, "none");
    r = mail_with_auth(f, "token_same_sender.eml", NULL, "forged-3@evil.test", p.ticket_id);
    assert_int_equal(r.outcome, NEW);
    /* the customer's real mail passes and joins by its tag */
    r = mail_with_auth(f, "token_same_sender.eml", "mx.heed.test; dkim=pass header.d=gmail.com; dmarc=pass header.from=gmail.com",
                       "real-1@mail.gmail.com", p.ticket_id);
    assert_int_equal(r.outcome, JOINED);
    assert_string_equal(r.thread_by, "subject-token");
    assert_string_equal(r.auth, "pass");
    assert_int_equal(svc_ticket_get(&f->s, p.ticket_id, &t, &e), 0);
    assert_string_equal(t.status, "open");
    /* a reply to heed's signed Message-ID joins even unverified; its verdict is kept to be shown */
    set_status(f, p.ticket_id, "solved");
    r = reply_to(f, "gmail_reply_signed.eml", p);
    assert_int_equal(r.outcome, JOINED);
    assert_string_equal(r.thread_by, "message-id");
    assert_string_equal(r.auth, "none");
    /* mail_unverified = warn: the forged mail joins, marked for the warning */
    svc_mail_auth_configure("mx.heed.test", MAIL_UNVERIFIED_WARN);
    r = mail_with_auth(f, "token_same_sender.eml", "mx.heed.test; dmarc=fail header.from=gmail.com", "forged-4@evil.test",
                       p.ticket_id);
    assert_int_equal(r.outcome, JOINED);
    assert_string_equal(r.auth, "fail");
    /* not configured: threading as before, verdict "unchecked" */
    svc_mail_auth_configure(NULL, MAIL_UNVERIFIED_NEW_TICKET);
    r = mail_with_auth(f, "token_same_sender.eml", "mx.heed.test; dmarc=fail", "forged-5@evil.test", p.ticket_id);
    assert_int_equal(r.outcome, JOINED);
    assert_string_equal(r.auth, "unchecked");
}

int main(void)
{
    enum { NCASES = sizeof CASES / sizeof CASES[0] };
    log_set_level(LOG_WARN);
    static struct CMUnitTest tests[NCASES + 24];
    int n = 0;
    for (int i = 0; i < NCASES; i++)
        tests[n++] = (struct CMUnitTest){.name = CASES[i].file, .test_func = run_case, .setup_func = setup,
                                         .teardown_func = teardown, .initial_state = (void *)&CASES[i]};
#define T(fn) tests[n++] = (struct CMUnitTest){.name = #fn, .test_func = fn, .setup_func = setup, .teardown_func = teardown}
    T(reply_reopens_solved_ticket);
    T(auto_reply_does_not_reopen_and_silences_ticket);
    T(reply_to_closed_ticket_opens_new_one);
    T(signed_ids_verify_only_with_this_installs_secret);
    T(oversized_mail_is_quarantined);
    T(costly_html_is_quarantined_with_the_reason);
    T(database_failure_asks_for_retry);
    T(display_cut_rules);
    T(html_to_text_rules);
    T(charset_fallbacks);
    T(html_sanitize_rules);
    T(html_cid_images_only_for_allowed_parts);
    T(inline_images_point_at_their_attachments);
    T(attachments_are_stored_once_by_content);
    T(oversized_attachment_is_listed_and_noted);
    T(quarantined_mail_can_be_retried);
    T(hostile_display_names_stay_one_mailbox);
    T(authentication_results_verdicts);
    T(forged_from_does_not_join_the_customers_ticket);
#undef T
    return _cmocka_run_group_tests("mail", tests, (size_t)n, NULL, NULL);
}
