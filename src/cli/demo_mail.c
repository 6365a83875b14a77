/* The demo's emails: a few real-looking messages filed through the same
 * mail_ingest() an MTA pipe uses, so `make run` shows threading, the folded
 * quoted history, HTML mail, an attachment, an inline image and loop protection. */
#include <stdio.h>
#include "cli/demo_mail.h"
#include "mail/mail.h"
#include "service/service.h"
#include "service/svc_mail_auth.h"
#include "util/buf.h"

static const char first[] =
    "From: =?UTF-8?Q?Ren=C3=A9e_Fontaine?= <renee.fontaine@example.fr>\r\n"
    "To: help@heed.test\r\n"
    "Subject: Order 77120 arrived damaged\r\n"
    "Date: Mon, 23 Nov 2026 08:12:00 +0100\r\n"
    "Message-ID: <CAdemo-77120-1@mail.gmail.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    "Hello,\r\n\r\n"
    "The ceramic lamp from order 77120 arrived with a crack right across the base.\r\n"
    "The box looked fine, so it must have happened at the warehouse. I've attached\r\n"
    "the delivery note. Could you send a replacement before Saturday? It's a birthday\r\n"
    "present for my mother.\r\n\r\n"
    "Merci,\r\nRen=C3=A9e\r\n\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=UTF-8; name=\"delivery-note.txt\"\r\n"
    "Content-Disposition: attachment; filename=\"delivery-note.txt\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "T3JkZXIgNzcxMjAKMSB4IENlcmFtaWMgbGFtcCAoc2FnZSkKRGVsaXZlcmVkIDIwMjYtMTEtMjAK\r\n"
    "--b1--\r\n";

/* %lld: the ticket the first message opened */
static const char reply_fmt[] =
    "From: =?UTF-8?Q?Ren=C3=A9e_Fontaine?= <renee.fontaine@example.fr>\r\n"
    "To: help@heed.test\r\n"
    "Subject: Re: Order 77120 arrived damaged [#%lld]\r\n"
    "Date: Mon, 23 Nov 2026 09:40:00 +0100\r\n"
    "Message-ID: <CAdemo-77120-2@mail.gmail.com>\r\n"
    "In-Reply-To: <CAdemo-77120-1@mail.gmail.com>\r\n"
    "References: <CAdemo-77120-1@mail.gmail.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
    "One more thing: the lampshade is fine, only the base is broken, so if it is\r\n"
    "easier you could send just the base.\r\n\r\n"
    "On Mon, 23 Nov 2026 at 08:12, Renee Fontaine <renee.fontaine@example.fr> wrote:\r\n"
    "> Hello,\r\n"
    "> The ceramic lamp from order 77120 arrived with a crack right across the base.\r\n"
    "> Could you send a replacement before Saturday?\r\n\r\n"
    "-- \r\nRenee Fontaine\r\nLyon\r\n";

static const char outlook_html[] =
    "From: \"Brandt, Heike\" <heike.brandt@example.de>\r\n"
    "To: help@heed.test\r\n"
    "Subject: =?iso-8859-1?Q?K=FCndigung_=2F_contract_renewal_question?=\r\n"
    "Date: Mon, 23 Nov 2026 07:55:00 +0100\r\n"
    "Message-ID: <AM0PR-demo-4411@eurprd.outlook.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=windows-1252\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    "<html><body><p>Dear support team,</p>"
    "<p>our contract renews on 1 December. We would like to reduce from 40 to 25 seats =\r\n"
    "before the renewal. Is that possible, and will the price per seat change?</p>"
    "<p>Many thanks and kind regards,<br><b>Heike Brandt</b><br>Head of Operations =96 M=FCller &amp; Co.</p>"
    "<script>alert('this never runs')</script></body></html>\r\n";

/* ticket 2 is the demo's second ticket, from this customer: the token joins it */
static const char out_of_office[] =
    "From: Tom Becker <tom.becker@example.de>\r\n"
    "To: help@heed.test\r\n"
    "Subject: Automatic reply: Still no parcel after 12 days!!! [#2]\r\n"
    "Date: Mon, 23 Nov 2026 10:01:00 +0100\r\n"
    "Message-ID: <oof-demo-1@example.de>\r\n"
    "Auto-Submitted: auto-replied\r\n"
    "X-Auto-Response-Suppress: All\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
    "I am out of the office until Wednesday with limited access to email.\r\n";

/* Outlook, HTML with an inline image (multipart/related, cid:): shown from heed's own copy */
static const char outlook_inline[] =
    "From: \"Okafor, Tunde\" <tunde.okafor@example.co.uk>\r\n"
    "To: \"help@heed.test\" <help@heed.test>\r\n"
    "Subject: Wrong logo on our invoices\r\n"
    "Date: Mon, 23 Nov 2026 11:15:00 +0000\r\n"
    "Message-ID: <LO2P123MB4567demo@LO2P123MB4567.GBRP123.PROD.OUTLOOK.COM>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/related; boundary=\"_004_\"; type=\"multipart/alternative\"\r\n\r\n"
    "--_004_\r\nContent-Type: multipart/alternative; boundary=\"_000_\"\r\n\r\n"
    "--_000_\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\n"
    "Hello,\r\n\r\nSince Monday our invoices carry this logo instead of ours:\r\n\r\n"
    "[cid:image001.png@01DB3D5A.6C7E8F90]\r\n\r\nCould you switch it back?\r\n\r\nKind regards,\r\nTunde\r\n\r\n"
    "--_000_\r\nContent-Type: text/html; charset=\"us-ascii\"\r\n\r\n"
    "<html><body><p class=\"MsoNormal\">Hello,</p><p class=\"MsoNormal\">Since Monday our invoices carry this "
    "logo instead of ours:</p><p class=\"MsoNormal\"><img width=\"96\" height=\"32\" id=\"Picture_x0020_1\" "
    "src=\"cid:image001.png@01DB3D5A.6C7E8F90\" alt=\"Logo on the invoice\"></p><p class=\"MsoNormal\">Could you "
    "switch it back?</p><p class=\"MsoNormal\">Kind regards,<br>Tunde</p></body></html>\r\n\r\n"
    "--_000_--\r\n\r\n"
    "--_004_\r\nContent-Type: image/png; name=\"image001.png\"\r\n"
    "Content-Disposition: inline; filename=\"image001.png\"\r\n"
    "Content-ID: <image001.png@01DB3D5A.6C7E8F90>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    "iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAZElEQVR42u3ZsQ3AMAgAQTbIQp4p\r\n"
    "ZWb0JB7CVQawk8qiQPeipLoOEVO/BQJAgNKAruc+MoAAAQIECFAloLHUW9vO+ChzHxAgQIAAAQIE\r\n"
    "CBAgQIBqADlWAQECBAiQxyEgQICK9QIABSwlqrahLwAAAABJRU5ErkJggg==\r\n"
    "\r\n--_004_--\r\n";

/* %lld: Renee's ticket. A forged mail: her address in From, her ticket's tag, but the
 * (pretend) mail server of the demo found that SPF and DMARC fail: it opens a ticket of its
 * own, marked "Unverified sender", instead of joining hers */
static const char forged_fmt[] =
    "Authentication-Results: mx.demo.heed.test; spf=fail smtp.mailfrom=billing@refund-desk.test;\r\n"
    " dkim=none; dmarc=fail (p=reject) header.from=example.fr\r\n"
    "From: =?UTF-8?Q?Ren=C3=A9e_Fontaine?= <renee.fontaine@example.fr>\r\n"
    "To: help@heed.test\r\n"
    "Subject: Re: Order 77120 arrived damaged [#%lld]\r\n"
    "Date: Mon, 23 Nov 2026 12:02:00 +0100\r\n"
    "Message-ID: <demo-forged-77120@refund-desk.test>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
    "Change of plan: please refund the lamp instead, to my new account\r\n"
    "IBAN FR76 3000 6000 0112 3456 7890 189. Thank you!\r\n";

static int ingest(db *d, const char *raw, size_t n, mail_result *r, herr *e)
{
    return mail_ingest(d, raw, n, false, "demo", r, e);
}

/* the outbox page's lifecycle (and its state tabs): the oldest queued email refused for good
 * by a (pretend) server, the next one cancelled by the admin, the third one sent; all
 * through the service, as for real */
static int demo_outbox(db *d, const agent_rec *admin, herr *e)
{
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    outbox_rec o;
    const char *st;
    int rc = -1;
    if (svc_outbox_claim(&s, &o, NULL, e) != 1 ||
        svc_outbox_finish(&s, &o, OUTBOX_PERMANENT, "550 5.1.1 Recipient address rejected: User unknown", &st, e) ||
        svc_outbox_claim(&s, &o, NULL, e) != 1 ||
        svc_outbox_finish(&s, &o, OUTBOX_TEMPORARY, "451 4.7.1 Greylisted, please try again later", &st, e))
        goto out;
    s.actor = admin;
    if (svc_outbox_cancel(&s, o.id, &o, e)) goto out;
    s.actor = NULL;
    int got = svc_outbox_claim(&s, &o, NULL, e);
    if (got < 0 || (got && svc_outbox_finish(&s, &o, OUTBOX_SENT, "250 2.0.0 Ok: queued as 4F2A1C", &st, e))) goto out;
    rc = 0;
out:
    arena_free(&a);
    return rc;
}

int demo_mail(db *d, const agent_rec *admin, herr *e)
{
    mail_result r, ignored;
    if (ingest(d, first, sizeof first - 1, &r, e)) return -1;
    buf reply;
    buf_init(&reply, sizeof reply_fmt + 32);
    buf_printf(&reply, reply_fmt, r.ticket_id);
    int rc = ingest(d, reply.p, reply.len, &ignored, e);
    if (!rc) { /* as if the demo's mail server were mx.demo.heed.test, for this one mail */
        char was[256];
        snprintf(was, sizeof was, "%s", svc_mail_auth_id());
        enum mail_unverified_mode mode = svc_mail_auth_mode();
        svc_mail_auth_configure("mx.demo.heed.test", MAIL_UNVERIFIED_NEW_TICKET);
        buf_reset(&reply);
        buf_printf(&reply, forged_fmt, r.ticket_id);
        rc = ingest(d, reply.p, reply.len, &ignored, e);
        svc_mail_auth_configure(was, mode);
    }
    buf_free(&reply);
    if (rc || ingest(d, outlook_html, sizeof outlook_html - 1, &ignored, e) ||
        ingest(d, out_of_office, sizeof out_of_office - 1, &ignored, e) ||
        ingest(d, outlook_inline, sizeof outlook_inline - 1, &ignored, e))
        return -1;
    return demo_outbox(d, admin, e);
}
