#!/usr/bin/env python3
"""Writes the email corpus in tests/data/mail/*.eml: messages shaped like what Gmail,
Outlook, Apple Mail, Thunderbird and phone clients send, and crafted malformed ones.
The .eml files are committed; rerun this only to change the corpus.
Placeholders the unit test fills in before ingesting: @@SIGNED@@ (a Message-ID heed
signed for the parent message's ticket) and @@TICKET@@ (the parent's ticket id)."""
import base64, os, quopri

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = "Mon, 23 Nov 2026 10:%02d:00 +0000"


def b64(data: bytes) -> str:
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(data: bytes) -> str:
    return quopri.encodestring(data).decode()


def write(name, text, crlf=True, raw=None):
    data = raw if raw is not None else text.encode("utf-8", "surrogateescape")
    if raw is None:
        data = data.replace(b"\r\n", b"\n")
        if crlf:
            data = data.replace(b"\n", b"\r\n")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def hdr(frm, subject, mid, n=0, extra=""):
    return (f"From: {frm}\nTo: Support <help@heed.test>\nSubject: {subject}\nDate: {DATE % n}\n"
            f"Message-ID: <{mid}>\nMIME-Version: 1.0\n{extra}")


def enc_word(s, cs="UTF-8", kind="B"):
    b = s.encode(cs)
    if kind == "B":
        return f"=?{cs}?B?{base64.b64encode(b).decode()}?="
    q = "".join(chr(c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else "_" if c == 32 else "=%02X" % c for c in b)
    return f"=?{cs}?Q?{q}?="


def alt(boundary, plain, html, cs="UTF-8", cte="quoted-printable"):
    def body(b):
        return qp(b) if cte == "quoted-printable" else b64(b)
    return (f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
            f"--{boundary}\nContent-Type: text/plain; charset=\"{cs}\"\nContent-Transfer-Encoding: {cte}\n\n{body(plain)}\n"
            f"--{boundary}\nContent-Type: text/html; charset=\"{cs}\"\nContent-Transfer-Encoding: {cte}\n\n{body(html)}\n"
            f"--{boundary}--\n")


# ---------------------------------------------------------------- Gmail
gm_plain = "Hi,\n\nI cannot log in since this morning. Could you reset my password?\n\nThanks,\nAlice\n".encode()
gm_html = b'<div dir="ltr">Hi,<div><br></div><div>I cannot log in since this morning. Could you reset my password?</div><div><br></div><div>Thanks,</div><div>Alice</div></div>'
write("gmail_new_alternative.eml",
      hdr("Alice Martin <alice.martin@gmail.com>", "Cannot log in", "CAF=abc123+gmail@mail.gmail.com", 1,
          "X-Mailer: Gmail\n") + alt("000000000000a1b2c3d4e5f6", gm_plain, gm_html))

write("gmail_reply_signed.eml",
      hdr("Alice Martin <alice.martin@gmail.com>", "Re: Cannot log in", "CAF=reply1+gmail@mail.gmail.com", 2,
          "In-Reply-To: <@@SIGNED@@>\nReferences: <CAF=abc123+gmail@mail.gmail.com> <@@SIGNED@@>\n")
      + alt("000000000000ffeeddccbbaa",
            ("Thanks, that worked! I am back in.\n\nOn Mon, Nov 23, 2026 at 10:05 AM Heed Support <\nhelp@heed.test> wrote:\n\n"
             "> We have reset your password. Original text from the agent.\n>\n> Best,\n> Support\n").encode(),
            b'<div dir="ltr">Thanks, that worked! I am back in.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
            b'On Mon, Nov 23, 2026 at 10:05 AM Heed Support &lt;help@heed.test&gt; wrote:<br></div><blockquote class="gmail_quote">'
            b'We have reset your password. Original text from the agent.</blockquote></div>'))

write("gmail_html_only.eml",
      hdr("Bruno Costa <bruno.costa@gmail.com>", "Invoice question", "CAF=htmlonly@mail.gmail.com", 3)
      + 'Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: base64\n\n'
      + b64('<html><head><style>p{color:red}</style></head><body><p>Why was my <b>invoice&nbsp;#4411</b> charged twice?</p>'
            '<p>Regards,<br>Bruno</p></body></html>'.encode()) + "\n")

write("gmail_attachment.eml",
      hdr("Chen Wei <chen.wei@gmail.com>", "Screenshot of the error", "CAF=attach@mail.gmail.com", 4)
      + 'Content-Type: multipart/mixed; boundary="mixed01"\n\n--mixed01\n'
      + alt("alt01", b"The export button shows error 500, screenshot attached.\n",
            b"<div>The export button shows error 500, screenshot attached.</div>")
      + '\n--mixed01\nContent-Type: application/pdf; name="report.pdf"\nContent-Disposition: attachment; filename="report.pdf"\n'
      + 'Content-Transfer-Encoding: base64\n\n' + b64(b"%PDF-1.4 secret attachment text\n" * 20) + "\n--mixed01--\n")

write("gmail_inline_image.eml",
      hdr("Dana Levi <dana.levi@gmail.com>", "Logo looks wrong", "CAF=inline@mail.gmail.com", 5)
      + 'Content-Type: multipart/related; boundary="rel01"\n\n--rel01\n'
      + alt("alt02", b"The logo on the portal is stretched, see the picture below.\n[image: logo.png]\n",
            b'<div>The logo on the portal is stretched, see the picture below.<br><img src="cid:ii_1"></div>')
      + '\n--rel01\nContent-Type: image/png; name="logo.png"\nContent-ID: <ii_1>\nContent-Disposition: inline; filename="logo.png"\n'
      + 'Content-Transfer-Encoding: base64\n\n' + b64(b"\x89PNG\r\n\x1a\n" + bytes(range(256))) + "\n--rel01--\n")

write("android_gmail_base64.eml",
      hdr("Eva Novak <eva.novak@gmail.com>", "Order not delivered", "CAGandroid001@mail.gmail.com", 6)
      + 'Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: base64\n\n'
      + b64("My order 7781 has not arrived after two weeks.\n\nSent from my Android phone\n".encode()) + "\n", crlf=False)

# ---------------------------------------------------------------- Outlook
ol_plain = "Hello,\n\nThe \u201cSync\u201d button costs us \u20ac50 a month \u2013 is that right?\n\nKind regards\nFrank\n"
write("outlook_cp1252.eml",
      hdr("Frank Weber <frank.weber@contoso.com>", "Billing for Sync", "DB7PR04MB0001@DB7PR04MB.eurprd04.prod.outlook.com", 7,
          "X-MS-Has-Attach: \nX-MS-TNEF-Correlator: \nContent-Language: en-US\n")
      + alt("_000_DB7PR04MB0001_", ol_plain.encode("cp1252"),
            ("<html><body><p class=MsoNormal>" + ol_plain.replace("\n", "<br>") + "</p></body></html>").encode("cp1252"),
            cs="Windows-1252"))

write("outlook_reply_token.eml",
      hdr("Frank Weber <frank.weber@contoso.com>", "RE: [#@@TICKET@@] Billing for Sync", "DB7PR04MB0002@DB7PR04MB.eurprd04.prod.outlook.com", 8,
          "Thread-Topic: Billing for Sync\nThread-Index: AQHZ1234\n")
      + 'Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\n'
      + "Understood, please downgrade us to the basic plan.\n\nFrank\n\n________________________________\n"
        "From: Heed Support <help@heed.test>\nSent: Monday, November 23, 2026 10:10 AM\nTo: Frank Weber <frank.weber@contoso.com>\n"
        "Subject: [#@@TICKET@@] Billing for Sync\n\nHello Frank, the Sync add-on is priced per seat.\n")

write("outlook_oof_reply.eml",
      hdr("Frank Weber <frank.weber@contoso.com>", "Automatic reply: Billing for Sync", "DB7PR04MB0003@DB7PR04MB.eurprd04.prod.outlook.com", 9,
          "In-Reply-To: <@@SIGNED@@>\nReferences: <@@SIGNED@@>\nAuto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\n")
      + 'Content-Type: text/plain; charset="us-ascii"\n\nI am out of the office until Monday with limited access to email.\n')

write("outlook_original_message.eml",
      hdr("Grace Obi <grace.obi@fabrikam.com>", "FW: VPN access", "SN6PR01MB0004@SN6PR01MB.namprd01.prod.outlook.com", 10)
      + 'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
      + qp("Can you give our new hire VPN access?\n\n-----Original Message-----\nFrom: IT Desk <it@fabrikam.com>\n"
           "Sent: Friday, November 20, 2026 4:00 PM\nSubject: VPN access\n\nPlease ask the vendor.\n".encode()))

write("outlook_german.eml",
      hdr("=?iso-8859-1?Q?J=FCrgen_M=FCller?= <juergen.mueller@firma.de>", "=?iso-8859-1?Q?Frage_zur_Rechnungsstellung_f=FCr_Oktober?=",
          "AM0PR07MB0005@AM0PR07MB.eurprd07.prod.outlook.com", 11)
      + 'Content-Type: text/plain; charset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n\n'
      + qp("Sehr geehrte Damen und Herren,\n\nbitte schicken Sie mir die Rechnung für Oktober erneut.\n\nMit freundlichen Grüßen\nJürgen Müller\n".encode("latin-1")))

# ---------------------------------------------------------------- Apple Mail and iPhone
write("apple_mail_new.eml",
      hdr("Hana Sato <hana.sato@icloud.com>", enc_word("Printer offline \U0001F5A8\uFE0F again", "UTF-8", "Q"),
          "A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com", 12, "X-Mailer: Apple Mail (2.3774.200.91.1.1)\n")
      + 'Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
      + qp("The printer on floor 3 is offline again \u2014 third time this week.\n\nHana".encode()), crlf=False)

write("apple_mail_reply_reference.eml",
      hdr("Hana Sato <hana.sato@icloud.com>", "Re: Printer offline again", "B2C3D4E5-F6A7-8901-BCDE-F01234567890@icloud.com", 13,
          "In-Reply-To: <A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com>\nReferences: <A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com>\n")
      + 'Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: 7bit\n\n'
      + "Also the scanner next to it.\n\n> On 23 Nov 2026, at 10:12, Hana Sato <hana.sato@icloud.com> wrote:\n>\n> The printer on floor 3 is offline again.\n",
      crlf=False)

write("apple_reference_other_sender.eml",
      hdr("Mallory <mallory@evil.example>", "Re: Printer offline again", "C3D4E5F6@evil.example", 14,
          "In-Reply-To: <A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com>\nReferences: <A1B2C3D4-E5F6-7890-ABCD-EF0123456789@icloud.com>\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nPlease send me the admin password of the printer.\n', crlf=False)

write("iphone_sent_from.eml",
      hdr("Ivan Petrov <ivan.petrov@me.com>", "Wifi password", "D4E5F6A7-0001@me.com", 15, "X-Mailer: iPhone Mail (21A329)\n")
      + 'Content-Type: text/plain;\n\tcharset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n'
      + "What is the guest wifi password in the Berlin office?\n\nSent from my iPhone\n", crlf=False)

write("iphone_html_multipart.eml",
      hdr("Julia Rossi <julia.rossi@icloud.com>", "Meeting room booking", "E5F6A7B8-0002@icloud.com", 16)
      + alt("Apple-Mail-1234", "Room 4B shows as booked but it is empty.\n\nSent from my iPad\n".encode(),
            b"<html><body dir=\"auto\">Room 4B shows as booked but it is empty.<br><br><div>Sent from my iPad</div></body></html>"),
      crlf=False)

# ---------------------------------------------------------------- Thunderbird
write("thunderbird_latin1_flowed.eml",
      hdr("Klaus Becker <klaus@becker-gmbh.de>", "Zugang gesperrt", "f00ba4-tb-0001@becker-gmbh.de", 17,
          "User-Agent: Mozilla Thunderbird\nContent-Language: de-DE\n")
      + 'Content-Type: text/plain; charset=ISO-8859-1; format=flowed\nContent-Transfer-Encoding: 8bit\n\n',
      raw=None)
# (8bit latin-1 body appended below as raw bytes)
with open(os.path.join(HERE, "thunderbird_latin1_flowed.eml"), "ab") as f:
    f.write("Mein Zugang ist seit gestern gesperrt. \nKönnen Sie ihn bitte entsperren?\n\nGrüße\nKlaus\n".encode("latin-1"))

write("thunderbird_signature.eml",
      hdr("Lena Fischer <lena@fischer.example>", "Export to CSV", "tb-0002@fischer.example", 18, "User-Agent: Mozilla Thunderbird\n")
      + 'Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 7bit\n\n'
      + "Is there a way to export all tickets to CSV?\n\n-- \nLena Fischer\nHead of Operations, Fischer Logistics\n+49 30 1234567\n",
      crlf=False)

write("thunderbird_reply_wrote.eml",
      hdr("Lena Fischer <lena@fischer.example>", "Re: Export to CSV", "tb-0003@fischer.example", 19,
          "In-Reply-To: <@@SIGNED@@>\nReferences: <tb-0002@fischer.example> <@@SIGNED@@>\n")
      + 'Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n'
      + "Perfect, the API works for me.\n\nOn 23/11/2026 10:20, Heed Support wrote:\n> You can use the API: GET /api/tickets\n\n-- \nLena Fischer\n",
      crlf=False)

write("thunderbird_iso8859_2.eml",
      hdr("Marta Kowalska <marta@kowalska.pl>", "=?ISO-8859-2?Q?Zam=F3wienie_nr_55?=", "tb-0004@kowalska.pl", 20)
      + 'Content-Type: text/plain; charset=ISO-8859-2\nContent-Transfer-Encoding: quoted-printable\n\n'
      + qp("Dzień dobry, zamówienie nr 55: zażółć gęślą jaźń.\n".encode("iso-8859-2")), crlf=False)

write("thunderbird_inline_reply.eml",
      hdr("Lena Fischer <lena@fischer.example>", "Re: Questions", "tb-0005@fischer.example", 21)
      + 'Content-Type: text/plain; charset=UTF-8\n\n'
      + "> Which plan are you on?\nEnterprise.\n\n> How many seats?\nForty two.\n", crlf=False)

# ---------------------------------------------------------------- Asian and Cyrillic charsets
write("shift_jis.eml",
      hdr("=?ISO-2022-JP?B?" + base64.b64encode("山田太郎".encode("iso-2022-jp")).decode() + "?= <yamada@example.jp>",
          "=?ISO-2022-JP?B?" + base64.b64encode("ログインできません".encode("iso-2022-jp")).decode() + "?=", "sjis-0001@example.jp", 22)
      + 'Content-Type: text/plain; charset=Shift_JIS\nContent-Transfer-Encoding: base64\n\n'
      + b64("お世話になっております。ログインできません。\n山田\n".encode("shift_jis")) + "\n")

write("iso_2022_jp.eml",
      hdr("Suzuki <suzuki@example.jp>", "=?ISO-2022-JP?B?" + base64.b64encode("請求書について".encode("iso-2022-jp")).decode() + "?=",
          "jis-0002@example.jp", 23)
      + 'Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n'
      + "請求書を再発行してください。\n".encode("iso-2022-jp").decode("ascii") + "\n")

write("gb2312.eml",
      hdr("Li Na <lina@example.cn>", "=?GB2312?B?" + base64.b64encode("订单问题".encode("gb2312")).decode() + "?=", "gb-0001@example.cn", 24)
      + 'Content-Type: text/plain; charset=GB2312\nContent-Transfer-Encoding: base64\n\n'
      + b64("你好，我的订单还没有发货。\n".encode("gb2312")) + "\n")

write("gbk_declared_gb2312.eml",
      hdr("Zhu Rongji <zhu@example.cn>", "=?GBK?B?" + base64.b64encode("账户".encode("gbk")).decode() + "?=", "gbk-0002@example.cn", 25)
      + 'Content-Type: text/plain; charset=gb2312\nContent-Transfer-Encoding: base64\n\n'
      + b64("朱镕基的账户被锁定了。\n".encode("gbk")) + "\n")

write("koi8r.eml",
      hdr("=?KOI8-R?B?" + base64.b64encode("Иван".encode("koi8-r")).decode() + "?= <ivan@example.ru>",
          "=?KOI8-R?B?" + base64.b64encode("Не работает вход".encode("koi8-r")).decode() + "?=", "koi-0001@example.ru", 26)
      + 'Content-Type: text/plain; charset=KOI8-R\nContent-Transfer-Encoding: quoted-printable\n\n'
      + qp("Здравствуйте! Не могу войти в систему.\n".encode("koi8-r")))

write("windows1251.eml",
      hdr("Olga <olga@example.ru>", "Vopros", "cp1251-0001@example.ru", 27)
      + 'Content-Type: text/plain; charset=windows-1251\nContent-Transfer-Encoding: base64\n\n'
      + b64("Добрый день, где мой счёт?\n".encode("cp1251")) + "\n")

# ---------------------------------------------------------------- wrongly declared charsets, raw headers
write("declared_utf8_is_cp1252.eml",
      hdr("Pierre <pierre@example.fr>", "Probleme", "mislabel-0001@example.fr", 28)
      + 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n',
      crlf=False)
with open(os.path.join(HERE, "declared_utf8_is_cp1252.eml"), "ab") as f:
    f.write("Le café coûte 3 € à la réception.\n".encode("cp1252"))

write("declared_latin1_is_utf8.eml",
      hdr("Quinn <quinn@example.org>", "Naive question", "mislabel-0002@example.org", 29)
      + 'Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nA naïve question about the façade.\n', crlf=False)

write("unknown_charset.eml",
      hdr("Rosa <rosa@example.org>", "Strange charset", "mislabel-0003@example.org", 30)
      + 'Content-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: 8bit\n\nÜber die Zugangsdaten: bitte prüfen.\n', crlf=False)

write("raw_utf8_subject.eml",
      hdr("Søren <soren@example.dk>", "Fejl på siden – hjælp", "raw-0001@example.dk", 31)
      + 'Content-Type: text/plain; charset=utf-8\n\nSiden viser en fejl når jeg gemmer.\n', crlf=False)

write("raw_latin1_subject.eml", "", raw=(
    hdr("Tom <tom@example.fr>", "R\xe9sum\xe9 du probl\xe8me", "raw-0002@example.fr", 32)
    + "Content-Type: text/plain; charset=iso-8859-1\n\nJ'ai besoin d'aide avec mon r\xe9sum\xe9.\n").encode("latin-1"))

write("rfc2047_mixed.eml",
      hdr(enc_word("José García", "UTF-8", "Q") + " <jose.garcia@example.es>",
          enc_word("Pedido ", "ISO-8859-1", "Q") + " " + enc_word("número 12 — urgente", "UTF-8", "B"), "rfc2047-0001@example.es", 33)
      + 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
      + qp(("El pedido número 12 no llegó. " + "Texto largo para forzar saltos suaves en quoted-printable. " * 3 + "\n").encode()))

write("html_xss.eml",
      hdr("Uma <uma@example.com>", "Look at this", "xss-0001@example.com", 34)
      + 'Content-Type: text/html; charset=utf-8\n\n<html><head><title>t</title><script>alert("head")</script></head>'
        '<body onload="alert(1)"><p>Our dashboard is empty.</p><script type="text/javascript">document.write("<b>pwned</b>")</script>'
        '<style>body{display:none}</style><img src=x onerror=alert(2)><!-- comment <script>alert(3)</script> --></body></html>\n',
      crlf=False)

write("html_entities_table.eml",
      hdr("Victor <victor@example.com>", "Price table", "html-0002@example.com", 35)
      + 'Content-Type: text/html; charset=utf-8\n\n<table><tr><th>Item</th><th>Price</th></tr><tr><td>Caf&eacute;</td><td>&#8364;4 &amp; up</td></tr>'
        '</table><ul><li>one &lt;b&gt; tag</li><li>two&#x21;</li></ul>\n', crlf=False)

write("html_meta_charset.eml",
      hdr("Wanda <wanda@example.pl>", "Meta charset", "html-0003@example.pl", 36)
      + 'Content-Type: text/html\nContent-Transfer-Encoding: 8bit\n\n', crlf=False)
with open(os.path.join(HERE, "html_meta_charset.eml"), "ab") as f:
    f.write('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"></head><body>Proszę o fakturę.</body></html>\n'.encode("iso-8859-2"))

# ---------------------------------------------------------------- threading rules
write("token_wrong_sender.eml",
      hdr("Xavier <xavier@other.example>", "Re: [#@@TICKET@@] Cannot log in", "token-0001@other.example", 37)
      + 'Content-Type: text/plain; charset=us-ascii\n\nI am not the customer but I use the ticket token.\n', crlf=False)

write("subject_only_match.eml",
      hdr("Alice Martin <alice.martin@gmail.com>", "Re: Cannot log in", "subject-0001@mail.gmail.com", 38)
      + 'Content-Type: text/plain; charset=us-ascii\n\nSame subject but no references: this is a new request.\n', crlf=False)

write("forged_signed_id.eml",
      hdr("Alice Martin <alice.martin@gmail.com>", "Re: Cannot log in", "forged-0001@mail.gmail.com", 39,
          "In-Reply-To: <t@@TICKET@@.m1.00000000000000000000000000000000@heed.local>\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nThis reply cites a Message-ID with a bad signature.\n', crlf=False)

write("signed_id_other_sender.eml",
      hdr("Colleague <colleague@contoso.com>", "Re: Billing", "cc-0001@contoso.com", 40,
          "In-Reply-To: <@@SIGNED@@>\nReferences: <@@SIGNED@@>\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nAdding my colleague\'s view to the thread.\n', crlf=False)

write("token_same_sender.eml",
      hdr("alice.martin@GMAIL.com", "[#@@TICKET@@] more details", "token-0002@mail.gmail.com", 41)
      + 'Content-Type: text/plain; charset=us-ascii\n\nHere are more details for my ticket.\n', crlf=False)

# ---------------------------------------------------------------- loop protection
write("auto_replied.eml",
      hdr("Yara <yara@example.com>", "Out of office", "auto-0001@example.com", 42, "Auto-Submitted: auto-replied\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nI am away until December.\n', crlf=False)

write("auto_submitted_no.eml",
      hdr("Zed <zed@example.com>", "Real question", "auto-0002@example.com", 43, "Auto-Submitted: no\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nA human wrote this one.\n', crlf=False)

write("precedence_bulk.eml",
      hdr("News <news@shop.example>", "Our November deals", "bulk-0001@shop.example", 44, "Precedence: bulk\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nBig savings this week.\n', crlf=False)

write("precedence_list.eml",
      hdr("List <dev@lists.example>", "[dev] release notes", "list-0001@lists.example", 45, "Precedence: list\nList-Id: <dev.lists.example>\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nRelease 2.1 is out.\n', crlf=False)

write("x_autoreply.eml",
      hdr("Bot <bot@example.com>", "Re: your mail", "xauto-0001@example.com", 46, "X-Autoreply: yes\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nThanks, we received your message.\n', crlf=False)

write("dsn_bounce.eml",
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: help@heed.test\nSubject: Undelivered Mail Returned to Sender\n"
      f"Date: {DATE % 47}\nMessage-ID: <dsn-0001@mx.example.net>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
      'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn01"\n\n'
      "--dsn01\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
      "Delivery to the following recipient failed permanently: nobody@example.org\n\n"
      "--dsn01\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; nobody@example.org\nAction: failed\nStatus: 5.1.1\n\n"
      "--dsn01\nContent-Type: message/rfc822\n\nFrom: help@heed.test\nTo: nobody@example.org\nSubject: Your ticket\nMessage-ID: <orig@heed.local>\n\nHello\n"
      "--dsn01--\n", crlf=False)

write("postmaster_sender.eml",
      hdr("postmaster@example.org", "Delivery delayed", "pm-0001@example.org", 48)
      + 'Content-Type: text/plain; charset=us-ascii\n\nYour message is delayed.\n', crlf=False)

write("null_return_path.eml",
      "Return-Path: <>\n" + hdr("Notifier <notify@example.org>", "Read receipt", "nrp-0001@example.org", 49)
      + 'Content-Type: text/plain; charset=us-ascii\n\nYour message was read.\n', crlf=False)

write("x_auto_response_suppress.eml",
      hdr("Calendar <calendar@contoso.com>", "Accepted: Review", "xars-0001@contoso.com", 50, "X-Auto-Response-Suppress: All\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nThe meeting was accepted.\n', crlf=False)

# ---------------------------------------------------------------- malformed and hostile
write("missing_from.eml",
      "To: help@heed.test\nSubject: No sender here\nMessage-ID: <nofrom-0001@example.com>\n\nWho sent this?\n", crlf=False)

write("invalid_from.eml",
      "From: just some words\nTo: help@heed.test\nSubject: Bad sender\nMessage-ID: <badfrom-0001@example.com>\n\nThe From has no address.\n",
      crlf=False)

write("garbage.eml", "", raw=bytes((i * 37 + 11) % 256 for i in range(600)))
write("empty.eml", "", raw=b"")

write("sender_header_only.eml",
      "Sender: Relay Person <relay@example.com>\nTo: help@heed.test\nSubject: Sent on behalf\nMessage-ID: <sender-0001@example.com>\n\n"
      "Only a Sender header names who sent this.\n", crlf=False)

write("truncated_base64.eml",
      hdr("Ann <ann@example.com>", "Cut off", "trunc-0001@example.com", 51)
      + 'Content-Type: multipart/mixed; boundary="cut01"\n\n--cut01\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n'
      + b64("The upload stops at 99 percent every time I try it.\n".encode() * 4)[:130] + "\n", crlf=False)

write("bad_base64_chars.eml",
      hdr("Ben <ben@example.com>", "Bad base64", "b64-0001@example.com", 52)
      + 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n'
      + "VGhl!!IHNlYXJjaCBp**cyBzbG93Lg==\n###\n", crlf=False)

write("nul_bytes.eml", "", raw=(
    hdr("Cleo <cleo@example.com>", "Nul\x00 bytes", "nul-0001@example.com", 53)
    + "Content-Type: text/plain; charset=utf-8\n\nThe report has\x00 strange\x00 characters\x01\x02 in it.\n").encode())

write("huge_header.eml",
      hdr("Dan <dan@example.com>", "Very long subject " + "lorem ipsum " * 20000, "huge-0001@example.com", 54,
          "X-Junk: " + "x" * 100000 + "\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nThe subject line of this mail is enormous.\n', crlf=False)

write("many_references.eml",
      hdr("Eli <eli@example.com>", "Long thread", "refs-0001@example.com", 55,
          "References: " + "\n ".join(f"<ref{i}@example.com>" for i in range(1000)) + "\n")
      + 'Content-Type: text/plain; charset=us-ascii\n\nA thread with a thousand references.\n', crlf=False)

nested = "The answer is nested deep inside.\n"
for i in range(12):
    nested = f'Content-Type: multipart/mixed; boundary="n{i}"\n\n--n{i}\n' + (nested if i else "Content-Type: text/plain; charset=utf-8\n\n" + nested) + f"\n--n{i}--\n"
write("nested_multipart.eml", hdr("Fay <fay@example.com>", "Nested", "nested-0001@example.com", 56) + nested, crlf=False)

parts = "".join(f"--many\nContent-Type: text/plain\n\npart {i}\n" for i in range(600))
write("too_many_parts.eml",
      hdr("Gus <gus@example.com>", "Many parts", "many-0001@example.com", 57)
      + 'Content-Type: multipart/mixed; boundary="many"\n\n' + parts + "--many--\n", crlf=False)

deep = "Too deep to read.\n"
for i in range(600):
    deep = f'Content-Type: multipart/mixed; boundary="d{i}"\n\n--d{i}\n' + (deep if i else "Content-Type: text/plain\n\n" + deep) + f"--d{i}--\n"
write("too_deep_nesting.eml", hdr("Gil <gil@example.com>", "Deep", "deep-0001@example.com", 57) + deep, crlf=False)

write("missing_boundary.eml",
      hdr("Hal <hal@example.com>", "No boundary", "nob-0001@example.com", 58)
      + "Content-Type: multipart/mixed\n\nThis multipart has no boundary parameter at all.\n", crlf=False)

write("no_message_id.eml",
      "From: Ida <ida@example.com>\nTo: help@heed.test\nSubject: No id\nDate: Mon, 23 Nov 2026 11:00:00 +0000\n\nThis mail has no Message-ID.\n",
      crlf=False)

write("broken_header_lines.eml",
      "From: Jon <jon@example.com>\nTo: help@heed.test\nSubject: Broken headers\nMessage-ID: <broken-0001@example.com>\n"
      "Content-Type: text/plain; charset=\"utf-8\n\nThe charset parameter above never closes its quote.\n", crlf=False)

write("mbox_from_line.eml",
      "From kim@example.com Mon Nov 23 10:59:00 2026\n" + hdr("Kim <kim@example.com>", "Via pipe with F flag", "mbox-0001@example.com", 59)
      + 'Content-Type: text/plain; charset=us-ascii\n\nDelivered with an mbox From line first.\n', crlf=False)

write("pgp_signed.eml",
      hdr("Lou <lou@example.com>", "Signed request", "pgp-0001@example.com", 1)
      + 'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="sig01"\n\n'
        "--sig01\nContent-Type: text/plain; charset=utf-8\n\nPlease rotate my API key.\n\n--sig01\n"
        'Content-Type: application/pgp-signature; name="signature.asc"\n\n-----BEGIN PGP SIGNATURE-----\nAAAA\n-----END PGP SIGNATURE-----\n\n--sig01--\n',
      crlf=False)

write("forwarded_rfc822.eml",
      hdr("Max <max@example.com>", "Fwd: complaint", "fwd-0001@example.com", 2)
      + 'Content-Type: multipart/mixed; boundary="fwd01"\n\n--fwd01\nContent-Type: text/plain; charset=utf-8\n\nSee the customer complaint below.\n'
        "--fwd01\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\nFrom: angry@example.org\nSubject: complaint\n\nAngry words.\n--fwd01--\n",
      crlf=False)

write("calendar_invite.eml",
      hdr("Nia <nia@example.com>", "Invitation: onboarding call", "cal-0001@example.com", 3)
      + alt("cal01", b"You are invited to the onboarding call on Tuesday.\n", b"<p>You are invited to the onboarding call on Tuesday.</p>")
      .replace("--cal01--", '--cal01\nContent-Type: text/calendar; method=REQUEST; charset=UTF-8\n\nBEGIN:VCALENDAR\nEND:VCALENDAR\n--cal01--'),
      crlf=False)

write("uuencode_body.eml",
      hdr("Otto <otto@example.com>", "Old client", "uu-0001@example.com", 4)
      + "Content-Type: text/plain; charset=us-ascii\n\nMy old mail client sends attachments inline like this.\n", crlf=False)

write("empty_body.eml",
      hdr("Pia <pia@example.com>", "", "emptybody-0001@example.com", 5) + "Content-Type: text/plain\n\n", crlf=False)

write("group_from.eml",
      "From: Support team: Rita <rita@example.com>;\nTo: help@heed.test\nSubject: Group sender\nMessage-ID: <group-0001@example.com>\n\n"
      "Sent from a group address.\n", crlf=False)

print(len([n for n in os.listdir(HERE) if n.endswith(".eml")]), "messages")
