#include "util/text.h"
#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

bool utf8_valid(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) { i++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) return false;
        i += (size_t)k;
    }
    return true;
}

void utf8_scrub(const char *s, char *out, size_t cap)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = strlen(s), i = 0, o = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = p[i] < 0x80 ? 1 : utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        const char *from = s + i;
        size_t len = (size_t)k;
        if (k <= 0) { /* one bad byte: the replacement character, then go on after it */
            from = "\xEF\xBF\xBD";
            len = 3;
            k = 1;
        }
        if (o + len >= cap) break;
        memcpy(out + o, from, len);
        o += len;
        i += (size_t)k;
    }
    if (cap) out[o] = 0;
}

bool text_clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return false;
    }
    return true;
}

bool email_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 254) return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@')) return false;
    const char *dot = strrchr(at, '.');
    if (!dot || dot == at + 1 || dot[1] == 0) return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';') return false;
    return true;
}

void str_lower(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

char *str_trim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    size_t i = 0;
    while (s[i] && isspace((unsigned char)s[i])) i++;
    if (i) memmove(s, s + i, n - i + 1);
    return s;
}

bool parse_id(const char *s, long long *out)
{
    if (!s || !*s || strlen(s) > 18) return false;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return false;
        v = v * 10 + (*p - '0');
    }
    if (v <= 0) return false;
    *out = v;
    return true;
}

const char *list_next(const char **p, size_t *len)
{
    const char *start = *p;
    if (!start || !*start) return NULL;
    const char *end = strchr(start, ',');
    *len = end ? (size_t)(end - start) : strlen(start);
    *p = end ? end + 1 : start + *len;
    return start;
}
