/* Raw RFC 5322 bytes to a mail_in, with GMime 3: MIME structure, transfer
 * encodings, RFC 2047 headers; charsets are converted by mail_text.c so that a
 * wrongly declared one degrades to windows-1252 rather than to nothing. */
#include <ctype.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include "mail/mail.h"
#include "util/buf.h"
#include "util/text.h"

static GMimeParserOptions *parser_opts;

static void init_once(void)
{
    g_mime_init();
    parser_opts = g_mime_parser_options_new();
    static const char *fallback[] = {"utf-8", "windows-1252", NULL};
    g_mime_parser_options_set_fallback_charsets(parser_opts, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(parser_opts, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(parser_opts, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(parser_opts, GMIME_RFC_COMPLIANCE_LOOSE);
}

static void mail_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_once);
}

/* case-insensitive occurrences of needle in n bytes (which may hold NULs) */
static size_t count_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), c = 0;
    for (size_t i = 0; i + k <= n; i++)
        if (tolower((unsigned char)s[i]) == needle[0] && !strncasecmp(s + i, needle, k)) c++, i += k - 1;
    return c;
}

/* ---- headers ---- */

static const char *header(GMimeMessage *msg, const char *name)
{
    const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), name);
    return v ? v : NULL;
}

/* every Authentication-Results header's value, top first (at most 20: the operator's own
 * are at the top; svc_mail_auth.c decides which to believe) */
static void auth_results(arena *a, GMimeMessage *msg, mail_in *out)
{
    GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
    int n = g_mime_header_list_get_count(hl), cap = 0;
    for (int i = 0; i < n && out->nauth_results < 20; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
        if (strcasecmp(g_mime_header_get_name(h), "Authentication-Results")) continue;
        const char *v = g_mime_header_get_value(h);
        *(const char **)arena_push(a, &out->auth_results, &out->nauth_results, &cap, sizeof *out->auth_results) =
            arena_strdup(a, v ? v : "");
    }
}

static bool header_word(const char *v, const char *word)
{
    if (!v) return false;
    while (isspace((unsigned char)*v)) v++;
    size_t k = strlen(word);
    return !strncasecmp(v, word, k) && !isalnum((unsigned char)v[k]) && v[k] != '-';
}

/* RFC 3834 and the de-facto signals of mail written by machines */
static const char *auto_reason(GMimeMessage *msg, const char *from_email)
{
    const char *v = header(msg, "Auto-Submitted");
    if (v && *v && !header_word(v, "no")) return "auto-submitted";
    v = header(msg, "Precedence");
    if (header_word(v, "bulk") || header_word(v, "junk") || header_word(v, "list")) return "precedence";
    if (header(msg, "X-Autoreply") || header(msg, "X-Autorespond") || header(msg, "X-Auto-Reply")) return "x-autoreply";
    v = header(msg, "X-Auto-Response-Suppress");
    if (v && *v) return "x-auto-response-suppress";
    GMimeObject *body = g_mime_message_get_mime_part(msg);
    if (body) {
        GMimeContentType *ct = g_mime_object_get_content_type(body);
        if (ct && (g_mime_content_type_is_type(ct, "multipart", "report") ||
                   g_mime_content_type_is_type(ct, "message", "delivery-status")))
            return "delivery-report";
    }
    if (from_email) {
        if (!strncasecmp(from_email, "mailer-daemon@", 14) || !strncasecmp(from_email, "postmaster@", 11))
            return "mailer-daemon";
    }
    v = header(msg, "Return-Path");
    if (v) {
        while (isspace((unsigned char)*v)) v++;
        if (!strncmp(v, "<>", 2)) return "null-return-path";
    }
    return NULL;
}

static InternetAddressMailbox *first_mailbox(InternetAddressList *l, int depth)
{
    if (!l || depth > 4) return NULL;
    int n = internet_address_list_length(l);
    for (int i = 0; i < n; i++) {
        InternetAddress *ia = internet_address_list_get_address(l, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) return INTERNET_ADDRESS_MAILBOX(ia);
        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            InternetAddressMailbox *m = first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), depth + 1);
            if (m) return m;
        }
    }
    return NULL;
}

static int sender(arena *a, GMimeMessage *msg, mail_in *out)
{
    InternetAddressMailbox *mb = first_mailbox(g_mime_message_get_from(msg), 0);
    if (!mb) mb = first_mailbox(g_mime_message_get_sender(msg), 0);
    if (!mb) return -1;
    const char *addr = internet_address_mailbox_get_addr(mb);
    if (!addr) return -1;
    char *email = mail_clean_text(a, addr, strlen(addr), false);
    str_lower(email);
    if (!email_valid(email)) return -1;
    out->from_email = email;
    const char *name = internet_address_get_name(INTERNET_ADDRESS(mb));
    out->from_name = NULL;
    if (name && *name) {
        char *clean = mail_cut_utf8(a, mail_clean_text(a, name, strlen(name), false), NAME_MAX_LEN);
        if (*clean) out->from_name = clean;
    }
    return 0;
}

static const char *clean_id(arena *a, const char *id)
{
    if (!id) return NULL;
    char *c = mail_clean_text(a, id, strlen(id), false);
    for (char *p = c; *p; p++)
        if (*p == ' ') *p = '_';
    return *c && strlen(c) <= 250 ? c : NULL;
}

static void add_refs(arena *a, const char *text, const char ***refs, int *n, int *cap, bool newest_first)
{
    if (!text) return;
    GMimeReferences *r = g_mime_references_parse(parser_opts, text);
    if (!r) return;
    int len = g_mime_references_length(r);
    for (int k = 0; k < len && *n < MAIL_MAX_REFS; k++) {
        const char *id = clean_id(a, g_mime_references_get_message_id(r, newest_first ? len - 1 - k : k));
        if (!id) continue;
        bool seen = false;
        for (int i = 0; i < *n && !seen; i++) seen = !strcmp((*refs)[i], id);
        if (!seen) *(const char **)arena_push(a, refs, n, cap, sizeof **refs) = id;
    }
    g_mime_references_free(r);
}

/* ---- body ---- */

typedef struct walk {
    arena *a;
    buf plain, html;
    int parts;
    bool html_only;        /* inside an HTML alternative: HTML parts only, for the display rendition */
    const char *spool;     /* where attachments are decoded to; NULL = skip them */
    mail_attach_in *att;
    int natt, catt;
} walk;

static bool is_attachment(GMimeObject *o)
{
    const char *d = g_mime_object_get_disposition(o);
    return d && !strcasecmp(d, "attachment");
}

static const char *sniff_meta_charset(arena *a, const char *html, size_t n)
{
    size_t lim = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < lim; i++) {
        if (strncasecmp(html + i, "charset=", 8)) continue;
        size_t j = i + 8;
        while (j < lim && (html[j] == '"' || html[j] == '\'' || html[j] == ' ')) j++;
        size_t k = j;
        while (k < lim && (isalnum((unsigned char)html[k]) || html[k] == '-' || html[k] == '_')) k++;
        if (k > j && k - j < 40) return arena_strndup(a, html + j, k - j);
    }
    return NULL;
}

static void text_part(walk *w, GMimeObject *o, bool html)
{
    buf *dst = html ? &w->html : &w->plain;
    if (dst->len >= MAIL_BODY_MAX) return;
    GMimeDataWrapper *dw = g_mime_part_get_content(GMIME_PART(o));
    if (!dw) return;
    GMimeStream *ms = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(dw, ms); /* undoes base64, quoted-printable, uuencode */
    GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
    const char *bytes = ba && ba->data ? (const char *)ba->data : "";
    size_t len = ba ? ba->len : 0;
    const char *cs = g_mime_object_get_content_type_parameter(o, "charset");
    if (!cs && html) cs = sniff_meta_charset(w->a, bytes, len);
    char *u = mail_to_utf8(w->a, bytes, len, cs);
    g_object_unref(ms);
    if (dst->len) buf_puts(dst, "\n\n");
    buf_puts(dst, u);
}

/* a safe file name: one line, no path, at most 200 bytes */
static const char *attachment_name(arena *a, const char *raw)
{
    if (!raw || !*raw) return "attachment";
    const char *base = raw;
    for (const char *p = raw; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    char *c = mail_cut_utf8(a, mail_clean_text(a, base, strlen(base), false), 200);
    return *c && strcmp(c, ".") && strcmp(c, "..") ? c : "attachment";
}

static const char *attachment_type(arena *a, GMimeContentType *ct)
{
    char *t = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
    const char *r = "application/octet-stream";
    if (t && strlen(t) < 100 && strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-/_") == strlen(t) &&
        strchr(t, '/'))
        r = arena_strdup(a, t);
    g_free(t);
    return r;
}

/* a Content-ID as cid: URLs name it (RFC 2392): printable ASCII, no blanks or quotes */
static const char *content_id(arena *a, const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (!n || n > 250) return NULL;
    for (size_t i = 0; i < n; i++)
        if (id[i] <= ' ' || id[i] >= 0x7f || strchr("\"'<>\\", id[i])) return NULL;
    return arena_strndup(a, id, n);
}

/* the Content-IDs an HTML part may show as images (by attachment index; NULL where not):
 * stored, of an inline image type */
static const char **inline_cids(walk *w)
{
    const char **cids = arena_alloc(w->a, sizeof *cids * (size_t)(w->natt ? w->natt : 1));
    for (int i = 0; i < w->natt; i++) {
        const mail_attach_in *at = &w->att[i];
        cids[i] = at->content_id && at->tmp_path && mail_inline_image_type(at->content_type) ? at->content_id : NULL;
    }
    return cids;
}

/* decodes one part into a file in the spool in one streamed pass: GMime's decoding
 * filter hands over 64 KiB at a time, which is hashed (SHA-256) and written out, so the
 * decoded bytes are never held whole in memory; past MAIL_ATTACH_MAX it only counts */
static void attachment(walk *w, GMimeObject *o, GMimeContentType *ct)
{
    if (!w->spool || w->natt >= MAIL_MAX_ATTACHMENTS) return;
    GMimeDataWrapper *dw = g_mime_part_get_content(GMIME_PART(o));
    GMimeStream *src = dw ? g_mime_data_wrapper_get_stream(dw) : NULL;
    if (!src) return;
    svc_spool *sp = svc_spool_open(w->spool);
    if (!sp) return;
    g_mime_stream_reset(src);
    GMimeStream *in = g_mime_stream_filter_new(src);
    GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(dw);
    if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
        enc == GMIME_CONTENT_ENCODING_UUENCODE) {
        GMimeFilter *dec = g_mime_filter_basic_new(enc, FALSE);
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(in), dec);
        g_object_unref(dec);
    }
    char chunk[65536];
    ssize_t got;
    while ((got = g_mime_stream_read(in, chunk, sizeof chunk)) > 0) svc_spool_write(sp, chunk, (size_t)got);
    g_object_unref(in);
    mail_attach_in at = {.filename = attachment_name(w->a, g_mime_part_get_filename(GMIME_PART(o))),
                         .content_type = attachment_type(w->a, ct),
                         .content_id = content_id(w->a, g_mime_object_get_content_id(o))};
    if (!svc_spool_close(sp, w->a, &at) || got < 0) { /* could not be written out: left out */
        if (at.tmp_path) unlink(at.tmp_path);
        return;
    }
    *(mail_attach_in *)arena_push(w->a, &w->att, &w->natt, &w->catt, sizeof *w->att) = at;
}

void mail_attachments_cleanup(const mail_in *m)
{
    for (int i = 0; i < m->nattachments; i++)
        if (m->attachments[i].tmp_path) unlink(m->attachments[i].tmp_path);
}

/* the text/html version inside a multipart/alternative (perhaps wrapped in multipart/related) */
static GMimeObject *html_alternative(GMimeObject *o, int depth)
{
    if (!o || depth > 3) return NULL;
    GMimeContentType *ct = g_mime_object_get_content_type(o);
    if (GMIME_IS_PART(o)) return ct && g_mime_content_type_is_type(ct, "text", "html") && !is_attachment(o) ? o : NULL;
    if (!GMIME_IS_MULTIPART(o)) return NULL;
    int n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
    for (int i = 0; i < n && i < 8; i++) {
        GMimeObject *f = html_alternative(g_mime_multipart_get_part(GMIME_MULTIPART(o), i), depth + 1);
        if (f) return f;
    }
    return NULL;
}

static void collect(walk *w, GMimeObject *o, int depth)
{
    if (!o || depth > 32 || ++w->parts > MAIL_MAX_PARTS) return;
    GMimeContentType *ct = g_mime_object_get_content_type(o);
    if (GMIME_IS_MULTIPART(o)) {
        GMimeMultipart *mp = GMIME_MULTIPART(o);
        int n = g_mime_multipart_get_count(mp);
        if (n <= 0) return;
        if (GMIME_IS_MULTIPART_SIGNED(o) || GMIME_IS_MULTIPART_ENCRYPTED(o)) {
            collect(w, g_mime_multipart_get_part(mp, 0), depth + 1);
            return;
        }
        if (ct && g_mime_content_type_is_type(ct, "multipart", "alternative")) {
            for (int i = 0; i < n; i++) {
                GMimeObject *c = g_mime_multipart_get_part(mp, i);
                GMimeContentType *cct = c ? g_mime_object_get_content_type(c) : NULL;
                if (c && GMIME_IS_PART(c) && cct && g_mime_content_type_is_type(cct, "text", "plain") && !is_attachment(c)) {
                    collect(w, c, depth + 1);
                    GMimeObject *h = html_alternative(o, 0);
                    if (h && !w->html_only) text_part(w, h, true); /* the rendition for display */
                    /* files inside the richer versions (inline images of a related part) */
                    for (int k = 0; k < n; k++) {
                        GMimeObject *alt = g_mime_multipart_get_part(mp, k);
                        if (alt && GMIME_IS_MULTIPART(alt)) {
                            bool was = w->html_only;
                            w->html_only = true;
                            collect(w, alt, depth + 1);
                            w->html_only = was;
                        }
                    }
                    return;
                }
            }
            collect(w, g_mime_multipart_get_part(mp, n - 1), depth + 1); /* the richest version */
            return;
        }
        for (int i = 0; i < n; i++) collect(w, g_mime_multipart_get_part(mp, i), depth + 1);
        return;
    }
    if (!GMIME_IS_PART(o) || !ct) return; /* attached messages: not the body */
    if (!is_attachment(o) && g_mime_content_type_is_type(ct, "text", "plain")) {
        if (!w->html_only) text_part(w, o, false);
    } else if (!is_attachment(o) && g_mime_content_type_is_type(ct, "text", "html")) {
        if (!w->html_only) text_part(w, o, true);
    } else if (!g_mime_content_type_is_type(ct, "application", "pgp-signature") &&
               !g_mime_content_type_is_type(ct, "application", "pkcs7-signature")) {
        attachment(w, o, ct); /* files, images, calendars: listed and kept, not the body */
    }
}

static bool has_text(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return true;
    return false;
}

int mail_parse(const char *raw, size_t n, arena *a, mail_in *out, herr *e)
{
    return mail_parse_files(raw, n, NULL, a, out, e);
}

int mail_parse_files(const char *raw, size_t n, const char *spool_dir, arena *a, mail_in *out, herr *e)
{
    mail_init();
    *out = (mail_in){0};
    if (n == 0) return herr_set(e, 422, "mail_empty", "", "empty message");
    if (count_ci(raw, n, "boundary") + count_ci(raw, n, "message/rfc822") > MAIL_MAX_PARTS)
        return herr_set(e, 422, "mail_parts", "", "more than %d MIME parts", MAIL_MAX_PARTS);
    /* an mbox "From " line (Postfix pipe flag F) is not a header */
    if (n > 5 && !memcmp(raw, "From ", 5)) {
        const char *nl = memchr(raw, '\n', n);
        if (nl) n -= (size_t)(nl + 1 - raw), raw = nl + 1;
    }
    GMimeStream *st = g_mime_stream_mem_new_with_buffer(raw, n);
    GMimeParser *p = g_mime_parser_new_with_stream(st);
    g_object_unref(st);
    g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
    GMimeMessage *msg = g_mime_parser_construct_message(p, parser_opts);
    g_object_unref(p);
    if (!msg) return herr_set(e, 422, "mail_unparseable", "", "not an RFC 5322 message");

    int rc = 0;
    if (sender(a, msg, out)) {
        rc = herr_set(e, 422, "mail_no_sender", "", "no usable sender address (From or Sender)");
        goto done;
    }
    out->message_id = clean_id(a, g_mime_message_get_message_id(msg));
    if (!out->message_id) { /* no Message-ID: the digest of the bytes makes a re-delivery a duplicate */
        unsigned char h[16];
        char hex[33];
        crypto_generichash(h, sizeof h, (const unsigned char *)raw, n, NULL, 0);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        out->message_id = arena_printf(a, "blake2b.%s@heed.invalid", hex);
    }
    auth_results(a, msg, out);
    int cap = 0;
    add_refs(a, header(msg, "In-Reply-To"), &out->refs, &out->nrefs, &cap, false);
    add_refs(a, header(msg, "References"), &out->refs, &out->nrefs, &cap, true);

    const char *subj = g_mime_message_get_subject(msg);
    char *s = mail_cut_utf8(a, mail_clean_text(a, subj ? subj : "", subj ? strlen(subj) : 0, false), SUBJECT_MAX);
    out->subject = *s ? s : "(no subject)";

    const char *why = auto_reason(msg, out->from_email);
    out->is_auto = why != NULL;
    out->auto_reason = why;

    walk w = {.a = a, .spool = spool_dir};
    buf_init(&w.plain, 1024);
    buf_init(&w.html, 16);
    collect(&w, g_mime_message_get_mime_part(msg), 0);
    char *body = mail_clean_text(a, w.plain.p, w.plain.len, true);
    if (!has_text(body) && w.html.len) body = mail_html_to_text(a, w.html.p, w.html.len);
    out->attachments = w.att;
    out->nattachments = w.natt;
    const char *costly = w.html.len ? mail_html_too_costly(a, w.html.p, w.html.len) : NULL;
    if (costly) { /* quarantined by the caller, with the reason */
        mail_attachments_cleanup(out);
        buf_free(&w.plain);
        buf_free(&w.html);
        rc = herr_set(e, 422, "mail_html_costly", "", "%s", costly);
        goto done;
    }
    if (w.html.len) out->html = mail_html_sanitize_cids(a, w.html.p, w.html.len, inline_cids(&w), w.natt);
    GMimeObject *top = g_mime_message_get_mime_part(msg);
    if (!has_text(body) && top && GMIME_IS_MULTIPART(top) && g_mime_multipart_get_count(GMIME_MULTIPART(top)) == 0) {
        /* a multipart the parser could not split (no boundary): its raw text beats nothing */
        const char *sep = memmem(raw, n, "\n\n", 2), *sep2 = memmem(raw, n, "\r\n\r\n", 4);
        if (!sep || (sep2 && sep2 < sep)) sep = sep2 ? sep2 + 2 : NULL;
        if (sep) {
            size_t off = (size_t)(sep + 2 - raw), len = n - off < MAIL_BODY_MAX ? n - off : MAIL_BODY_MAX;
            char *u = mail_to_utf8(a, raw + off, len, NULL);
            body = mail_clean_text(a, u, strlen(u), true);
        }
    }
    buf_free(&w.plain);
    buf_free(&w.html);
    if (strlen(body) > MAIL_BODY_MAX)
        body = arena_printf(a, "%s\n\n[message cut at %d bytes]", mail_cut_utf8(a, body, MAIL_BODY_MAX), MAIL_BODY_MAX);
    if (!has_text(body)) body = "(no text)";
    out->body = body;
    out->display = mail_display_cut(a, body);
done:
    g_object_unref(msg);
    return rc;
}
