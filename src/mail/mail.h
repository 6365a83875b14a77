#ifndef HEED_MAIL_H
#define HEED_MAIL_H
/* mail: the email door. Turns raw RFC 5322 bytes into a mail_in (MIME, charsets,
 * RFC 2047 headers, HTML to text, quoted history, loop signals) and hands it to
 * svc_mail_receive(); what cannot be filed goes whole to the quarantine. No SQL
 * and no business rules here. */
#include <stdbool.h>
#include <stddef.h>
#include "service/service.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

enum {
    MAIL_MAX_BYTES = 25 * 1024 * 1024, /* largest message mail-ingest reads */
    MAIL_MAX_PARTS = 500,              /* MIME parts looked at (and boundaries allowed) */
    MAIL_MAX_REFS = 50,                /* In-Reply-To + References ids considered */
    MAIL_HTML_MAX = 2 * 1024 * 1024,   /* HTML larger than this is not sanitised: text only */
    MAIL_HTML_LINKS = 500,             /* nor HTML with more links */
    MAIL_HTML_DEPTH = 512,             /* nor HTML nested deeper (estimated before parsing) */
    /* HTML past these is work no real mail needs (the parser is quadratic in the attributes
     * of one tag: 423,000 on one tag once took 584 s): the mail is quarantined, with the reason */
    MAIL_HTML_ELEMENTS = 50000,
    MAIL_HTML_ATTRS = 100000,
    MAIL_HTML_TAG_ATTRS = 500,
    MAIL_MAX_ATTACHMENTS = 100,        /* attachments kept per message */
};

/* Parses one message. 0: *out filled (strings in a); -1: not usable as a ticket
 * message (e->message says why: unparseable, no usable sender, too many parts). */
int mail_parse(const char *raw, size_t n, arena *a, mail_in *out, herr *e);
/* the same, and decodes attachments into files in spool_dir (streamed by GMime, hashed
 * with SHA-256); NULL spool_dir: attachments are skipped. The caller removes leftover
 * tmp_path files (mail_attachments_cleanup). */
int mail_parse_files(const char *raw, size_t n, const char *spool_dir, arena *a, mail_in *out, herr *e);
void mail_attachments_cleanup(const mail_in *m);

/* Parses and files one message, quarantining what cannot be filed. 0 when the
 * message is safely stored (ticket, duplicate or quarantine); -1 when the database
 * is unavailable and the sender should retry later. truncated: the message was
 * larger than MAIL_MAX_BYTES and raw holds only its beginning (it is quarantined). */
int mail_ingest(db *d, const char *raw, size_t n, bool truncated, const char *mailbox, mail_result *out, herr *e);

/* Files a quarantined message again (after a fix, or a rule change) and, when it is
 * filed (or found to be a duplicate), removes it from the quarantine. -1 with e set
 * (422 and the parser's reason when it still cannot be filed; 404 when there is no such id). */
int mail_retry_quarantined(db *d, long long quarantine_id, const agent_rec *actor, mail_result *out, herr *e);

/* ---- text helpers (mail_text.c), all returning valid UTF-8 in a ---- */
/* converts n bytes in charset (NULL = undeclared) to UTF-8; declared UTF-8 that is
 * not valid falls back to windows-1252; unknown charsets likewise */
char *mail_to_utf8(arena *a, const char *in, size_t n, const char *charset);
/* drops NUL and control characters, CRLF to LF, replaces invalid UTF-8 with U+FFFD;
 * single-line: folds whitespace to single spaces and trims */
char *mail_clean_text(arena *a, const char *s, size_t n, bool multiline);
/* cuts s (valid UTF-8) to at most max bytes on a character boundary */
char *mail_cut_utf8(arena *a, const char *s, size_t max);
/* HTML (already UTF-8) to readable text: no scripts, styles or tags; entities decoded */
char *mail_html_to_text(arena *a, const char *html, size_t n);
/* the body with quoted history ("On ... wrote:", trailing "> " lines, Outlook
 * "From:/Sent:" blocks) and signatures ("-- ", "Sent from my ...") cut; NULL when
 * nothing was cut or nothing would be left */
char *mail_display_cut(arena *a, const char *body);

/* ---- HTML for display (mail_html.c, gumbo) ---- */
/* UTF-8 HTML to an allow-listed, re-serialised fragment; NULL when over the caps
 * (MAIL_HTML_MAX, MAIL_HTML_LINKS, MAIL_HTML_DEPTH) or when no text would be left */
char *mail_html_sanitize(arena *a, const char *html, size_t n);
/* NULL when parsing this HTML is a bounded amount of work, else why not (one linear pass:
 * elements, attributes, attributes on one tag against MAIL_HTML_ELEMENTS, _ATTRS, _TAG_ATTRS) */
const char *mail_html_too_costly(arena *a, const char *html, size_t n);
/* the same, keeping <img src="cid:X"> when X is cids[k] (cids: ncids entries, NULL where a
 * part may not be shown): written as <img src="heed-cid:k" alt="...">, a mark only this
 * writer can produce (text is escaped), which filing turns into the attachment's URL */
/* whether a part of this type may be shown inline (a cid: image in HTML mail, served with
 * its own type): PNG, JPEG, GIF and WebP only; never SVG (it can carry script) */
bool mail_inline_image_type(const char *content_type);
char *mail_html_sanitize_cids(arena *a, const char *html, size_t n, const char *const *cids, int ncids);

#endif
