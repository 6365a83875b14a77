/* HTML mail for display: parsed by a real HTML5 parser (gumbo, as browsers parse it)
 * and written back out from an allow-list. Anything not on the list is dropped:
 * elements that can run or load something lose their whole subtree (script, style,
 * svg, math, iframe, object, embed, form, img, ...), other unknown elements are
 * unwrapped (their text stays), and every attribute is dropped except href on <a>
 * (http, https and mailto only; rel="noopener noreferrer nofollow" added) and
 * colspan/rowspan (digits) on cells. Images are dropped (remote ones are tracking
 * beacons, and the page's CSP would refuse them anyway), except an inline image of the
 * same message: <img src="cid:X"> whose X is the Content-ID of one of its stored image
 * parts of an allowed type is written as MAIL_CID_MARK k" alt="..."> (k: the part's index),
 * and filing points it at heed's own copy.
 *
 * Caps checked before parsing (the caller falls back to the text body):
 * MAIL_HTML_MAX bytes, MAIL_HTML_LINKS links, MAIL_HTML_DEPTH nesting (estimated). */
#include <ctype.h>
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mail/mail.h"
#include "util/buf.h"

enum { WALK_DEPTH = 200 };

static bool starts_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !strncasecmp(s, w, k);
}

/* cheap checks on the raw text: size, links, and an upper bound on nesting */
static bool within_caps(const char *h, size_t n)
{
    if (n > MAIL_HTML_MAX) return false;
    static const char *const voids[] = {"br", "hr", "img", "meta", "link", "input", "wbr", "area", "col", "embed",
                                        "source", "track", "param", "base", "p", "li", "td", "tr", "th", "option", NULL};
    size_t links = 0;
    long depth = 0, max = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (h[i] != '<') continue;
        const char *t = h + i + 1;
        size_t left = n - i - 1;
        if (*t == '/') {
            if (depth > 0) depth--;
            continue;
        }
        if (!isalpha((unsigned char)*t)) continue;
        if ((*t == 'a' || *t == 'A') && left > 1 && !isalnum((unsigned char)t[1])) links++;
        bool v = false;
        for (const char *const *p = voids; *p && !v; p++) {
            size_t k = strlen(*p);
            v = starts_ci(t, left, *p) && (left == k || !isalnum((unsigned char)t[k]));
        }
        if (!v && ++depth > max) max = depth;
    }
    return links <= MAIL_HTML_LINKS && max <= MAIL_HTML_DEPTH;
}

const char *mail_html_too_costly(arena *a, const char *h, size_t n)
{
    size_t elements = 0, attrs = 0, most = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (h[i] != '<' || !isalpha((unsigned char)h[i + 1])) continue;
        elements++;
        size_t on_tag = 0;
        /* the tag's name, then attributes: a name after white space, its value maybe quoted */
        for (i++; i < n && !isspace((unsigned char)h[i]) && h[i] != '>'; i++) {}
        while (i < n && h[i] != '>') {
            if (isspace((unsigned char)h[i]) || h[i] == '/') { i++; continue; }
            on_tag++;
            while (i < n && !isspace((unsigned char)h[i]) && h[i] != '>' && h[i] != '=') i++;
            if (i < n && h[i] == '=') {
                i++;
                if (i < n && (h[i] == '"' || h[i] == '\'')) {
                    const char *q = memchr(h + i + 1, h[i], n - i - 1);
                    i = q ? (size_t)(q - h) + 1 : n;
                } else {
                    while (i < n && !isspace((unsigned char)h[i]) && h[i] != '>') i++;
                }
            }
        }
        attrs += on_tag;
        if (on_tag > most) most = on_tag;
    }
    if (most > MAIL_HTML_TAG_ATTRS)
        return arena_printf(a, "HTML part too costly to read: %zu attributes on one tag (at most %d)", most, MAIL_HTML_TAG_ATTRS);
    if (attrs > MAIL_HTML_ATTRS)
        return arena_printf(a, "HTML part too costly to read: %zu attributes (at most %d)", attrs, MAIL_HTML_ATTRS);
    if (elements > MAIL_HTML_ELEMENTS)
        return arena_printf(a, "HTML part too costly to read: %zu elements (at most %d)", elements, MAIL_HTML_ELEMENTS);
    return NULL;
}

static void esc(buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_putc(b, *s);
        }
    }
}

/* elements kept as they are (without attributes, but see below) */
static const char *kept(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_DIV: case GUMBO_TAG_SPAN: case GUMBO_TAG_B:
    case GUMBO_TAG_STRONG: case GUMBO_TAG_I: case GUMBO_TAG_EM: case GUMBO_TAG_U: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_CODE:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_A: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HR:
    case GUMBO_TAG_S: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_SMALL: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
        return gumbo_normalized_tagname(t);
    default:
        return NULL;
    }
}

/* elements dropped with everything inside them */
static bool dropped(const GumboElement *el)
{
    if (el->tag_namespace != GUMBO_NAMESPACE_HTML) return true; /* svg, math */
    switch (el->tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET:
    case GUMBO_TAG_FORM: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_BASE: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP: case GUMBO_TAG_AREA:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MENUITEM:
        return true;
    default:
        return false;
    }
}

/* a link target people may follow: http, https or mailto, nothing hidden in it */
static bool safe_href(const char *v)
{
    while (*v && (unsigned char)*v <= ' ') v++;
    if (!starts_ci(v, strlen(v), "http://") && !starts_ci(v, strlen(v), "https://") &&
        !starts_ci(v, strlen(v), "mailto:"))
        return false;
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < ' ' || *p == 0x7f) return false;
    return strlen(v) <= 2048;
}

static bool digits(const char *v)
{
    size_t n = strlen(v);
    return n > 0 && n <= 3 && strspn(v, "0123456789") == n;
}

bool mail_inline_image_type(const char *t)
{
    static const char *const ok[] = {"image/png", "image/jpeg", "image/gif", "image/webp"};
    for (size_t i = 0; t && i < sizeof ok / sizeof ok[0]; i++)
        if (!strcasecmp(t, ok[i])) return true;
    return false;
}

typedef struct out {
    buf b;
    size_t links;
    bool text; /* any visible text (or an inline image) */
    const char *const *cids;
    int ncids;
} out;

/* <img src="cid:X" alt>: kept as the mark when X names an allowed part (X compared after
 * undoing %XX escapes, RFC 2392); anything else about the image is dropped */
static void cid_image(out *o, const GumboElement *el)
{
    GumboAttribute *src = gumbo_get_attribute(&el->attributes, "src");
    if (!src || strncasecmp(src->value, "cid:", 4)) return;
    char id[256];
    size_t n = 0;
    for (const char *p = src->value + 4; *p && n + 1 < sizeof id; p++) {
        if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
            char hex[3] = {p[1], p[2], 0};
            id[n++] = (char)strtol(hex, NULL, 16);
            p += 2;
        } else id[n++] = *p;
    }
    id[n] = 0;
    for (int k = 0; k < o->ncids; k++) {
        if (!o->cids[k] || strcmp(o->cids[k], id)) continue;
        GumboAttribute *alt = gumbo_get_attribute(&el->attributes, "alt");
        char kbuf[16];
        snprintf(kbuf, sizeof kbuf, "%d", k);
        buf_puts(&o->b, MAIL_CID_MARK);
        buf_puts(&o->b, kbuf);
        buf_puts(&o->b, "\" alt=\"");
        if (alt) esc(&o->b, strlen(alt->value) > 200 ? "" : alt->value);
        buf_puts(&o->b, "\">");
        o->text = true;
        return;
    }
}

static void walk(out *o, const GumboNode *n, int depth)
{
    if (depth > WALK_DEPTH) return;
    switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
        if (n->type == GUMBO_NODE_TEXT) o->text = true;
        esc(&o->b, n->v.text.text);
        return;
    case GUMBO_NODE_DOCUMENT:
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        break;
    default: /* comments, CDATA */
        return;
    }
    const GumboVector *kids = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
    const char *tag = NULL;
    if (n->type != GUMBO_NODE_DOCUMENT) {
        const GumboElement *el = &n->v.element;
        if (n->type == GUMBO_NODE_ELEMENT && el->tag == GUMBO_TAG_IMG && el->tag_namespace == GUMBO_NAMESPACE_HTML)
            return cid_image(o, el);
        if (n->type == GUMBO_NODE_TEMPLATE || dropped(el)) return;
        tag = kept(el->tag);
        if (tag) {
            buf_putc(&o->b, '<');
            buf_puts(&o->b, tag);
            if (el->tag == GUMBO_TAG_A) {
                GumboAttribute *href = gumbo_get_attribute(&el->attributes, "href");
                if (href && safe_href(href->value) && ++o->links <= MAIL_HTML_LINKS) {
                    buf_puts(&o->b, " href=\"");
                    esc(&o->b, href->value);
                    buf_puts(&o->b, "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\"");
                }
            } else if (el->tag == GUMBO_TAG_TD || el->tag == GUMBO_TAG_TH) {
                static const char *const spans[] = {"colspan", "rowspan"};
                for (int i = 0; i < 2; i++) {
                    GumboAttribute *at = gumbo_get_attribute(&el->attributes, spans[i]);
                    if (at && digits(at->value)) {
                        buf_putc(&o->b, ' ');
                        buf_puts(&o->b, spans[i]);
                        buf_puts(&o->b, "=\"");
                        buf_puts(&o->b, at->value);
                        buf_putc(&o->b, '"');
                    }
                }
            }
            buf_putc(&o->b, '>');
            if (el->tag == GUMBO_TAG_BR || el->tag == GUMBO_TAG_HR) return;
        }
    }
    for (unsigned i = 0; i < kids->length; i++) walk(o, kids->data[i], depth + 1);
    if (tag) {
        buf_puts(&o->b, "</");
        buf_puts(&o->b, tag);
        buf_putc(&o->b, '>');
    }
}

char *mail_html_sanitize(arena *a, const char *html, size_t n) { return mail_html_sanitize_cids(a, html, n, NULL, 0); }

char *mail_html_sanitize_cids(arena *a, const char *html, size_t n, const char *const *cids, int ncids)
{
    if (!html || !n || !within_caps(html, n) || mail_html_too_costly(a, html, n)) return NULL;
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 1000;
    GumboOutput *g = gumbo_parse_with_options(&opts, html, n);
    if (!g) return NULL;
    out o = {.cids = cids, .ncids = ncids};
    buf_init(&o.b, n + 64);
    walk(&o, g->document, 0);
    gumbo_destroy_output(&opts, g);
    char *r = NULL;
    if (o.text && o.b.len <= MAIL_HTML_MAX * 2) r = arena_strndup(a, o.b.p, o.b.len);
    buf_free(&o.b);
    return r;
}
