/* Composes heed's outgoing mail by hand: every header and MIME part is written here,
 * 7-bit clean (RFC 2047 B-encoded words for headers, quoted-printable bodies), with CRLF
 * line ends and no line longer than 78 characters except long Message-IDs. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mail/mail_out.h"

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64(buf *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        buf_putc(out, B64[v >> 18 & 63]);
        buf_putc(out, B64[v >> 12 & 63]);
        buf_putc(out, i + 1 < n ? B64[v >> 6 & 63] : '=');
        buf_putc(out, i + 2 < n ? B64[v & 63] : '=');
    }
}

static bool plain_atom_text(const char *s)
{
    if (!*s) return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7e) return false;
    return strncmp(s, "=?", 2) && !strstr(s, "=?");
}

/* length of the UTF-8 sequence starting at p (1 for stray bytes) */
static size_t seq_len(const unsigned char *p)
{
    size_t n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (!p[i]) return i;
    return n;
}

/* RFC 2047 "B" encoded words for any UTF-8 text, folded so no line passes 76 characters */
static size_t encoded_words(buf *out, const char *s, size_t header_len)
{
    /* each word: "=?UTF-8?B?" + base64 + "?=" on a line of at most 76 characters; the
     * first word shares its line with the header name */
    const unsigned char *p = (const unsigned char *)s;
    size_t col = header_len;
    bool first = true;
    while (*p) {
        size_t room = (first ? 76 - (header_len < 40 ? header_len : 40) : 75) - 12; /* base64 characters */
        size_t max = room / 4 * 3, n = 0;
        while (p[n]) {
            size_t k = seq_len(p + n);
            if (n + k > max && n) break;
            n += k;
        }
        if (!first) buf_puts(out, "\r\n "), col = 1;
        buf_puts(out, "=?UTF-8?B?");
        b64(out, p, n);
        buf_puts(out, "?=");
        col += 12 + (n + 2) / 3 * 4;
        p += n;
        first = false;
    }
    return col;
}

size_t mail_encode_words(buf *out, const char *s, size_t header_len)
{
    if (plain_atom_text(s) && strlen(s) + header_len <= 76) {
        buf_puts(out, s);
        return header_len + strlen(s);
    }
    if (plain_atom_text(s) && !strstr(s, "  ")) { /* long plain ASCII: folded at spaces, readable as is */
        size_t col = header_len;
        for (const char *p = s; *p;) {
            size_t n = strcspn(p + 1, " ") + 1; /* a word with its leading space */
            if (p != s && *p == ' ' && col + n > 76) {
                buf_puts(out, "\r\n");
                col = 0;
            }
            buf_put(out, p, n);
            col += n;
            p += n;
        }
        return col;
    }
    return encoded_words(out, s, header_len);
}

/* A display name is a phrase (RFC 5322 3.2.5): atoms, a quoted-string, or encoded words.
 * Written here as atoms only when it has no specials at all; as a quoted-string (with "
 * and \ escaped) when it is printable ASCII with specials (a name like
 * `attacker@evil.test, "Bob"` must stay one name, not become a second address); as
 * encoded words otherwise (non-ASCII, "=?" that a reader would decode, or too long for
 * one line). Control characters (CR, LF, TAB...) become spaces first: never a new header. */
void mail_write_mailbox(buf *out, const char *name, const char *addr, size_t header_len)
{
    char *clean = NULL;
    if (name && *name) {
        clean = strdup(name);
        if (!clean) abort();
        for (unsigned char *p = (unsigned char *)clean; *p; p++)
            if (*p < 0x20 || *p == 0x7f) *p = ' ';
        /* no leading or trailing blanks (they would be lost or mark an empty name) */
        char *b = clean, *e = clean + strlen(clean);
        while (*b == ' ') b++;
        while (e > b && e[-1] == ' ') e--;
        *e = 0;
        memmove(clean, b, (size_t)(e - b) + 1);
    }
    if (clean && *clean) {
        bool special = strpbrk(clean, "()<>[]:;@\\,.\"") != NULL;
        size_t escapes = 0;
        for (const char *p = clean; *p; p++) escapes += *p == '"' || *p == '\\';
        if (plain_atom_text(clean) && !special && strlen(clean) + header_len < 60) {
            buf_printf(out, "%s <%s>", clean, addr);
        } else if (plain_atom_text(clean) && strlen(clean) + escapes + 2 + header_len < 60) {
            buf_putc(out, '"');
            for (const char *p = clean; *p; p++) {
                if (*p == '"' || *p == '\\') buf_putc(out, '\\');
                buf_putc(out, *p);
            }
            buf_printf(out, "\" <%s>", addr);
        } else {
            size_t col = encoded_words(out, clean, header_len);
            buf_printf(out, "%s<%s>", col + strlen(addr) + 3 > 78 ? "\r\n " : " ", addr);
        }
    } else {
        buf_printf(out, "<%s>", addr);
    }
    free(clean);
}

void mail_split_address(arena *a, const char *in, const char **name, const char **addr)
{
    const char *lt = strchr(in, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    if (!lt || !gt) {
        *name = NULL;
        *addr = arena_strdup(a, in);
        return;
    }
    *addr = arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
    const char *b = in, *e = lt;
    while (b < e && (*b == ' ' || *b == '"')) b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '"')) e--;
    *name = e > b ? arena_strndup(a, b, (size_t)(e - b)) : NULL;
}

/* quoted-printable (RFC 2045), soft line breaks before 76 characters; LF or CRLF -> CRLF */
static void qp(buf *out, const char *s)
{
    size_t col = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\r' && p[1] == '\n') continue;
        if (*p == '\n') {
            buf_puts(out, "\r\n");
            col = 0;
            continue;
        }
        bool last_on_line = !p[1] || p[1] == '\n' || (p[1] == '\r' && p[2] == '\n');
        bool enc = *p == '=' || *p > 0x7e || (*p < 0x20 && *p != '\t') || ((*p == ' ' || *p == '\t') && last_on_line) ||
                   (col == 0 && (*p == '.' || !strncmp((const char *)p, "From ", 5))); /* dot-stuffing, mbox */
        size_t w = enc ? 3 : 1;
        if (col + w > 75) {
            buf_puts(out, "=\r\n");
            col = 0;
        }
        if (enc) buf_printf(out, "=%02X", *p);
        else buf_putc(out, (char)*p);
        col += w;
    }
    if (col) buf_puts(out, "\r\n");
}

static void html_escaped_body(buf *out, const char *s)
{
    buf h;
    buf_init(&h, strlen(s) + 256);
    buf_puts(&h, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<div style=\"white-space: pre-wrap\">");
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<': buf_puts(&h, "&lt;"); break;
        case '>': buf_puts(&h, "&gt;"); break;
        case '&': buf_puts(&h, "&amp;"); break;
        case '"': buf_puts(&h, "&quot;"); break;
        case '\'': buf_puts(&h, "&#39;"); break;
        case '\r': break;
        case '\n': buf_puts(&h, "<br>\n"); break;
        default: buf_putc(&h, *p);
        }
    }
    buf_puts(&h, "</div>\n</body></html>\n");
    qp(out, h.p);
    buf_free(&h);
}

/* a header whose value is a list of <ids>, folded one per line */
static void id_list(buf *out, const char *name, const char *ids)
{
    buf_printf(out, "%s:", name);
    const char *p = ids;
    bool first = true;
    while (*p) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (!n) break;
        buf_printf(out, "%s<%.*s>", first ? " " : "\r\n ", (int)n, p);
        first = false;
        p += n;
    }
    buf_puts(out, "\r\n");
}

/* the text and its HTML rendition; preamble: at the top level (no multipart/mixed around it) */
static void alternative(buf *out, const mail_out *m, const char *boundary, bool preamble)
{
    buf_printf(out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", boundary);
    if (preamble) buf_puts(out, "This is a multi-part message in MIME format.\r\n");
    buf_printf(out, "\r\n--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
               boundary);
    qp(out, m->body);
    buf_printf(out, "\r\n--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
               boundary);
    html_escaped_body(out, m->body);
    buf_printf(out, "\r\n--%s--\r\n", boundary);
}

/* `; name="value"` when value is short plain ASCII; else RFC 2231 `; name*0*=UTF-8''..`
 * percent-encoded, in continuations of at most 60 characters per line */
static void param(buf *out, const char *name, const char *value)
{
    if (plain_atom_text(value) && !strpbrk(value, "\"\\") && strlen(value) <= 60) {
        buf_printf(out, ";\r\n %s=\"%s\"", name, value);
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    int k = 0;
    size_t col = 0;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if (col == 0 || (col >= 60 && (*p & 0xc0) != 0x80)) { /* never inside a UTF-8 sequence */
            size_t before = out->len;
            buf_printf(out, ";\r\n %s*%d*=%s", name, k, k ? "" : "UTF-8''");
            col = out->len - before - 3; /* after ";\r\n" */
            k++;
        }
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
            buf_putc(out, (char)*p);
            col++;
        } else {
            buf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
            col += 3;
        }
    }
}

/* one attached file: base64 in lines of 76 characters */
static void file_part(buf *out, const mail_out_file *f)
{
    buf_printf(out, "Content-Type: %s", f->content_type);
    param(out, "name", f->filename);
    buf_puts(out, "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment");
    param(out, "filename", f->filename);
    buf_puts(out, "\r\n\r\n");
    for (size_t i = 0; i < f->len; i += 57) {
        b64(out, f->data + i, f->len - i < 57 ? f->len - i : 57);
        buf_puts(out, "\r\n");
    }
}

void mail_compose(const mail_out *m, buf *out)
{
    char date[64];
    struct tm tm;
    gmtime_r(&m->date, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)m->message_id, strlen(m->message_id), NULL, 0);
    char boundary[48] = "=_heed_";
    sodium_bin2hex(boundary + 7, sizeof boundary - 7, h, 12);

    buf_printf(out, "Date: %s\r\n", date);
    buf_puts(out, "From: ");
    mail_write_mailbox(out, m->from_name, m->from_addr, 6);
    buf_puts(out, "\r\n");
    if (m->reply_to && *m->reply_to) buf_printf(out, "Reply-To: <%s>\r\n", m->reply_to);
    buf_puts(out, "To: ");
    mail_write_mailbox(out, m->to_name, m->to_addr, 4);
    buf_puts(out, "\r\nSubject: ");
    mail_encode_words(out, m->subject, 9);
    buf_printf(out, "\r\nMessage-ID: <%s>\r\n", m->message_id);
    if (m->in_reply_to && *m->in_reply_to) buf_printf(out, "In-Reply-To: <%s>\r\n", m->in_reply_to);
    if (m->refs && *m->refs) id_list(out, "References", m->refs);
    if (m->auto_replied) buf_puts(out, "Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n");
    buf_puts(out, "MIME-Version: 1.0\r\n");
    if (m->nfiles) {
        char mixed[48] = "=_heed_mix_";
        sodium_bin2hex(mixed + 11, sizeof mixed - 11, h, 12);
        buf_printf(out, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", mixed);
        buf_puts(out, "This is a multi-part message in MIME format.\r\n");
        buf_printf(out, "\r\n--%s\r\n", mixed);
        alternative(out, m, boundary, false);
        for (int i = 0; i < m->nfiles; i++) {
            buf_printf(out, "\r\n--%s\r\n", mixed);
            file_part(out, &m->files[i]);
        }
        buf_printf(out, "\r\n--%s--\r\n", mixed);
    } else {
        alternative(out, m, boundary, true);
    }
}
