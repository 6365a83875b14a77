#include "web/html.h"
#include <stdarg.h>
#include <string.h>

static void escape(buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_put(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_put(b, run, (size_t)(s - run));
}

void html_text(buf *b, const char *s) { escape(b, s ? s : ""); }

static void url_encode(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
            buf_putc(b, (char)c);
        } else {
            char t[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_put(b, t, 3);
        }
    }
}

void html(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        buf_put(b, run, (size_t)(p - run));
        switch (*++p) {
        case 's': escape(b, va_arg(ap, const char *) ?: ""); break;
        case 'd': buf_put_int(b, va_arg(ap, int)); break;
        case 'l': buf_put_int(b, va_arg(ap, long long)); break;
        case 'u': url_encode(b, va_arg(ap, const char *)); break;
        case 'R': buf_puts(b, va_arg(ap, const char *) ?: ""); break;
        case '%': buf_putc(b, '%'); break;
        default: buf_putc(b, '%'); p--; break; /* unknown: print as is */
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}

void html_multiline(buf *b, const char *s)
{
    /* bodies are shown in a white-space: pre-wrap block, so escaping is enough */
    escape(b, s ? s : "");
}
