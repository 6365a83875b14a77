/* Text helpers for email: charsets to UTF-8, cleaning, HTML to text, and the
 * display cut of quoted history and signatures. Pure functions over an arena. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "mail/mail.h"
#include "util/buf.h"
#include "util/text.h"

static void put_cp(buf *b, long cp)
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, tmp);
    buf_put(b, tmp, (size_t)k);
}

static char *steal_to_arena(arena *a, buf *b)
{
    char *out = arena_strndup(a, b->p ? b->p : "", b->len);
    buf_free(b);
    return out;
}

/* windows-1252 by hand: never fails, every byte maps to something */
static const unsigned short CP1252_80[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static char *from_cp1252(arena *a, const char *in, size_t n)
{
    buf b;
    buf_init(&b, n + n / 4 + 16);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) buf_putc(&b, (char)c);
        else if (c < 0xA0) put_cp(&b, CP1252_80[c - 0x80]);
        else put_cp(&b, c);
    }
    return steal_to_arena(a, &b);
}

static bool has_multibyte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return true;
    return false;
}

/* the name iconv should use: supersets for the charsets mail clients mislabel */
static const char *iconv_name(const char *cs)
{
    static const struct { const char *alias, *name; } map[] = {
        {"gb2312", "GB18030"},  {"gbk", "GB18030"},       {"x-gbk", "GB18030"},         {"cp936", "GB18030"},
        {"euc-cn", "GB18030"},  {"gb_2312-80", "GB18030"}, {"shift_jis", "CP932"},      {"shift-jis", "CP932"},
        {"sjis", "CP932"},      {"x-sjis", "CP932"},       {"ms_kanji", "CP932"},       {"windows-31j", "CP932"},
        {"ks_c_5601-1987", "CP949"}, {"euc-kr", "CP949"},  {"iso-2022-jp", "ISO-2022-JP-2"}, {"big5", "BIG5-HKSCS"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcasecmp(cs, map[i].alias)) return map[i].name;
    return cs;
}

static bool is_cs(const char *cs, const char *const *names)
{
    for (; *names; names++)
        if (!strcasecmp(cs, *names)) return true;
    return false;
}

char *mail_to_utf8(arena *a, const char *in, size_t n, const char *charset)
{
    static const char *const UTF8[] = {"utf-8", "utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown", "x-user-defined",
                                       "default", NULL};
    static const char *const LATIN1[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252",
                                         "x-cp1252", "cp819", "iso_8859-1", NULL};
    char cs[64] = "";
    if (charset) {
        size_t k = 0;
        for (const char *p = charset; *p && k < sizeof cs - 1; p++)
            if (!isspace((unsigned char)*p) && *p != '"' && *p != '\'') cs[k++] = *p;
        cs[k] = 0;
    }
    /* NUL bytes carry nothing in 8-bit text: drop them (UTF-16/32 input keeps them for iconv) */
    if (memchr(in, 0, n) && strncasecmp(cs, "utf-16", 6) && strncasecmp(cs, "utf-32", 6)) {
        char *copy = arena_alloc(a, n + 1);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (in[i]) copy[k++] = in[i];
        in = copy;
        n = k;
    }
    bool valid = utf8_valid(in, n);
    if (!*cs || is_cs(cs, UTF8)) return valid ? arena_strndup(a, in, n) : from_cp1252(a, in, n);
    /* "latin-1" that is valid UTF-8 with non-ASCII in it was UTF-8 all along */
    if (is_cs(cs, LATIN1)) return valid && has_multibyte(in, n) ? arena_strndup(a, in, n) : from_cp1252(a, in, n);
    if (!has_multibyte(in, n) && !strchr(cs, '7') && memchr(in, 0x1b, n) == NULL && strncasecmp(cs, "utf-16", 6) &&
        strncasecmp(cs, "utf-32", 6))
        return arena_strndup(a, in, n); /* plain ASCII reads the same in every 8-bit charset */
    iconv_t cd = iconv_open("UTF-8", iconv_name(cs));
    if (cd == (iconv_t)-1) return valid ? arena_strndup(a, in, n) : from_cp1252(a, in, n);
    buf b;
    buf_init(&b, n * 2 + 16);
    char *ip = (char *)in;
    size_t il = n;
    while (il > 0) {
        buf_reserve(&b, il * 3 + 16);
        char *op = b.p + b.len;
        size_t ol = b.cap - b.len - 1, before = ol;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        b.len += before - ol;
        b.p[b.len] = 0;
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        put_cp(&b, 0xFFFD); /* EILSEQ: skip one bad byte; EINVAL: a sequence cut at the end */
        if (errno == EINVAL) break;
        ip++;
        il--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    size_t k = 0; /* a U+0000 from UTF-16 would end the C string early */
    for (size_t i = 0; i < b.len; i++)
        if (b.p[i]) b.p[k++] = b.p[i];
    b.len = k;
    return steal_to_arena(a, &b);
}

char *mail_clean_text(arena *a, const char *s, size_t n, bool multiline)
{
    buf b;
    buf_init(&b, n + 16);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    bool space = true; /* single-line: at start, or after a space already written */
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = p[i] < 0x80 ? (cp = p[i], 1) : utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) cp = 0xFFFD, k = 1;
        i += (size_t)k;
        if (cp == '\r') {
            if (i < n && p[i] == '\n') continue;
            cp = '\n';
        }
        bool ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0;
        if (!multiline) {
            if (ws || cp < 0x20 || (cp >= 0x7f && cp < 0xA0)) {
                if (!space) buf_putc(&b, ' ');
                space = true;
                continue;
            }
            space = false;
            put_cp(&b, cp);
            continue;
        }
        if (cp == '\n' || cp == '\t') buf_putc(&b, (char)cp);
        else if (cp < 0x20 || (cp >= 0x7f && cp < 0xA0) || cp == 0xFEFF) continue;
        else put_cp(&b, cp);
    }
    while (b.len && (b.p[b.len - 1] == ' ' || (multiline && (b.p[b.len - 1] == '\n' || b.p[b.len - 1] == '\t'))))
        b.p[--b.len] = 0;
    return steal_to_arena(a, &b);
}

char *mail_cut_utf8(arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) return arena_strdup(a, s);
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return arena_strndup(a, s, max);
}

/* ---- HTML to text ---- */

static bool tag_is(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(name, *list)) return true;
    return false;
}

static const char *ci_find(const char *p, const char *end, const char *needle)
{
    size_t k = strlen(needle);
    for (; p + k <= end; p++)
        if (!strncasecmp(p, needle, k)) return p;
    return NULL;
}

static long entity(const char *p, const char *end, size_t *used)
{
    static const struct { const char *name; long cp; } named[] = {
        {"amp", '&'},     {"lt", '<'},      {"gt", '>'},      {"quot", '"'},    {"apos", '\''},   {"nbsp", ' '},
        {"copy", 0xA9},   {"reg", 0xAE},    {"euro", 0x20AC}, {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013},
        {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022}, {"middot", 0xB7},
        {"eacute", 0xE9}, {"egrave", 0xE8}, {"agrave", 0xE0}, {"uuml", 0xFC}, {"ouml", 0xF6}, {"auml", 0xE4},
        {"szlig", 0xDF},  {"ccedil", 0xE7}, {"trade", 0x2122}, {"zwnj", 0x200C}, {"shy", 0xAD},
    };
    const char *q = p + 1;
    if (q < end && *q == '#') {
        q++;
        int base = 10;
        if (q < end && (*q == 'x' || *q == 'X')) base = 16, q++;
        long v = 0;
        int digits = 0;
        while (q < end && digits < 8 && (base == 16 ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q))) {
            v = v * base + (isdigit((unsigned char)*q) ? *q - '0' : (tolower((unsigned char)*q) - 'a' + 10));
            q++, digits++;
        }
        if (!digits) return -1;
        if (q < end && *q == ';') q++;
        *used = (size_t)(q - p);
        return v == 0 ? 0xFFFD : v;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t k = strlen(named[i].name);
        if (q + k <= end && !strncmp(q, named[i].name, k)) {
            q += k;
            if (q < end && *q == ';') q++;
            *used = (size_t)(q - p);
            return named[i].cp;
        }
    }
    return -1;
}

char *mail_html_to_text(arena *a, const char *html, size_t n)
{
    static const char *const SKIP[] = {"script", "style", "head", "title", "noscript", "template", "svg", NULL};
    static const char *const BLOCK[] = {"p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul",
                                        "ol", "hr", "pre", "section", "article", "header", "footer", "dl", "dt", "dd", NULL};
    buf b;
    buf_init(&b, n / 2 + 16);
    const char *p = html, *end = html + n;
    int newlines = 2; /* newlines at the end of the output so far (2 at the start: no leading blank lines) */
    bool space = true;
    while (p < end) {
        if (*p == '<') {
            if (end - p >= 4 && !strncmp(p, "<!--", 4)) {
                const char *c = ci_find(p + 4, end, "-->");
                p = c ? c + 3 : end;
                continue;
            }
            const char *q = p + 1;
            bool closing = q < end && *q == '/';
            if (closing) q++;
            char name[16];
            size_t k = 0;
            while (q < end && (isalnum((unsigned char)*q)) && k < sizeof name - 1) name[k++] = (char)tolower((unsigned char)*q++);
            name[k] = 0;
            if (!k && !closing && !(q < end && (*q == '!' || *q == '?'))) { /* a lone '<' is text */
                buf_putc(&b, '<');
                newlines = 0, space = false;
                p++;
                continue;
            }
            char quote = 0;
            while (q < end && (quote || *q != '>')) {
                if (quote && *q == quote) quote = 0;
                else if (!quote && (*q == '"' || *q == '\'')) quote = *q;
                q++;
            }
            p = q < end ? q + 1 : end;
            if (!closing && tag_is(name, SKIP)) {
                char close[24];
                snprintf(close, sizeof close, "</%s", name);
                const char *c = ci_find(p, end, close);
                if (!c) { p = end; break; }
                const char *gt = memchr(c, '>', (size_t)(end - c));
                p = gt ? gt + 1 : end;
                continue;
            }
            int want = 0;
            if (!strcmp(name, "br")) want = 1;
            else if (!strcmp(name, "li")) want = 1;
            else if (tag_is(name, BLOCK)) want = 2;
            else if ((!strcmp(name, "td") || !strcmp(name, "th")) && !closing && !space) {
                buf_putc(&b, ' ');
                space = true;
            }
            if (want) {
                if (!strcmp(name, "br")) {
                    buf_putc(&b, '\n');
                    newlines++;
                } else {
                    while (newlines < want) buf_putc(&b, '\n'), newlines++;
                }
                space = true;
                if (!strcmp(name, "li") && !closing) buf_puts(&b, "- "), newlines = 0;
            }
            continue;
        }
        long cp;
        size_t used = 1;
        if (*p == '&' && (cp = entity(p, end, &used)) >= 0) {
            p += used;
        } else {
            unsigned char c = (unsigned char)*p;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                if (!space) buf_putc(&b, ' ');
                space = true;
                p++;
                continue;
            }
            size_t k = 1;
            while (p + k < end && k < 4 && ((unsigned char)p[k] & 0xC0) == 0x80) k++;
            buf_put(&b, p, k);
            p += k;
            newlines = 0, space = false;
            continue;
        }
        if (cp == ' ' || cp == 0xA0) {
            if (!space) buf_putc(&b, ' ');
            space = true;
            continue;
        }
        put_cp(&b, cp);
        newlines = 0, space = false;
    }
    /* drop spaces at line starts and ends */
    buf o;
    buf_init(&o, b.len + 1);
    size_t i = 0;
    while (i < b.len) {
        size_t j = i;
        while (j < b.len && b.p[j] != '\n') j++;
        size_t s0 = i, e0 = j;
        while (s0 < e0 && b.p[s0] == ' ') s0++;
        while (e0 > s0 && b.p[e0 - 1] == ' ') e0--;
        buf_put(&o, b.p + s0, e0 - s0);
        if (j < b.len) buf_putc(&o, '\n');
        i = j + 1;
    }
    buf_free(&b);
    char *raw = steal_to_arena(a, &o);
    return mail_clean_text(a, raw, strlen(raw), true);
}

/* ---- display cut ---- */

typedef struct line { const char *p; size_t n; } line;

static line trimmed(line l)
{
    while (l.n && (l.p[0] == ' ' || l.p[0] == '\t')) l.p++, l.n--;
    while (l.n && (l.p[l.n - 1] == ' ' || l.p[l.n - 1] == '\t')) l.n--;
    return l;
}

static bool starts(line l, const char *s) { size_t k = strlen(s); return l.n >= k && !strncasecmp(l.p, s, k); }
static bool equals(line l, const char *s) { return l.n == strlen(s) && !strncasecmp(l.p, s, l.n); }
static bool blank(line l) { return trimmed(l).n == 0; }
static bool quoted(line l) { l = trimmed(l); return l.n && l.p[0] == '>'; }

/* "... wrote:", "... schrieb Bob <b@x>:", "... a écrit :" */
static bool wrote_end(line l)
{
    static const char *const VERB[] = {"wrote", "schrieb", "écrit", "escribió", "ha scritto", "schreef", "napisał",
                                       "skrev", "kirjoitti", "escreveu", "написал", NULL};
    l = trimmed(l);
    if (!l.n || l.p[l.n - 1] != ':') return false;
    for (const char *const *v = VERB; *v; v++) {
        size_t k = strlen(*v);
        for (size_t i = 0; i + k <= l.n; i++)
            if (!strncasecmp(l.p + i, *v, k)) return true;
    }
    return false;
}

static bool wrote_start(line l)
{
    static const char *const PREFIX[] = {"On ", "Am ", "Le ", "El ", "Il ", "Op ", "W dniu ", "Den ", "Em ", "Dne ", NULL};
    l = trimmed(l);
    if (l.n && l.p[0] == '>') return false;
    for (const char *const *s = PREFIX; *s; s++)
        if (starts(l, *s)) return true;
    return memchr(l.p, '@', l.n) != NULL;
}

static bool outlook_block(const line *ls, int n, int i)
{
    line l = trimmed(ls[i]);
    if (l.n && l.p[0] == '*') l.p++, l.n--; /* "*From:*" from HTML bold */
    if (!starts(l, "From:") && !starts(l, "Von:") && !starts(l, "De :") && !starts(l, "De:")) return false;
    bool sent = false, to = false;
    for (int k = i + 1; k < n && k <= i + 6; k++) {
        line m = trimmed(ls[k]);
        if (m.n && m.p[0] == '*') m.p++, m.n--;
        if (starts(m, "Sent:") || starts(m, "Date:") || starts(m, "Gesendet:") || starts(m, "Envoyé :")) sent = true;
        if (starts(m, "To:") || starts(m, "Subject:") || starts(m, "An:") || starts(m, "Betreff:") || starts(m, "Objet :"))
            to = true;
    }
    return sent && to;
}

char *mail_display_cut(arena *a, const char *body)
{
    int n = 0, cap = 0;
    line *ls = NULL;
    for (const char *p = body;;) {
        const char *nl = strchr(p, '\n');
        line *l = arena_push(a, &ls, &n, &cap, sizeof *ls);
        l->p = p;
        l->n = nl ? (size_t)(nl - p) : strlen(p);
        if (!nl) break;
        p = nl + 1;
    }
    int cut = n;
    for (int i = 0; i < n && cut == n; i++) {
        line l = ls[i], t = trimmed(l);
        if ((l.n == 3 && !strncmp(l.p, "-- ", 3)) || equals(l, "--")) cut = i;
        else if (wrote_start(l) && wrote_end(l)) cut = i;
        else if (i + 1 < n && starts(t, "On ") && !wrote_end(l) && wrote_end(ls[i + 1]) && !quoted(ls[i + 1])) cut = i;
        else if (starts(t, "-----Original Message") || starts(t, "----- Original Message") ||
                 starts(t, "-----Ursprüngliche Nachricht") || starts(t, "-------- Original Message"))
            cut = i;
        else if (outlook_block(ls, n, i)) {
            cut = i;
            while (cut > 0 && (blank(ls[cut - 1]) || starts(trimmed(ls[cut - 1]), "____"))) cut--;
        } else if (i > 0 && (starts(t, "Sent from my ") || starts(t, "Get Outlook for ") ||
                             starts(t, "Sent from Mail for Windows") || starts(t, "Sent from Yahoo Mail") ||
                             starts(t, "Von meinem iPhone gesendet") || starts(t, "Envoyé de mon iPhone")))
            cut = i;
    }
    /* a block of quoted lines at the end (inline replies in between stay) */
    int k = cut;
    while (k > 0 && (blank(ls[k - 1]) || quoted(ls[k - 1]))) k--;
    for (int j = k; j < cut; j++)
        if (quoted(ls[j])) { cut = k; break; }
    while (cut > 0 && blank(ls[cut - 1])) cut--;
    if (cut == 0 || cut == n) return NULL;
    size_t len = (size_t)(ls[cut - 1].p + ls[cut - 1].n - body);
    bool any = false;
    for (size_t i = 0; i < len && !any; i++) any = !isspace((unsigned char)body[i]);
    return any ? arena_strndup(a, body, len) : NULL;
}
