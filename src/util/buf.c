#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) { fputs("heed: out of memory\n", stderr); abort(); }
    return q;
}

void buf_init(buf *b, size_t cap)
{
    b->cap = cap ? cap : 64;
    b->p = xrealloc(NULL, b->cap);
    b->p[0] = 0;
    b->len = 0;
}

void buf_free(buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

char *buf_steal(buf *b)
{
    if (!b->p) buf_init(b, 1);
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->p) b->p[0] = 0;
}

void buf_grow(buf *b, size_t extra)
{
    if (!b->p) buf_init(b, extra + 1);
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap * 2;
    while (cap < b->len + extra + 1) cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    buf_reserve(b, 64);
    int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    if (n >= 0 && (size_t)n >= b->cap - b->len) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap2);
    }
    va_end(ap2);
    if (n > 0) b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_put_int(buf *b, long long v)
{
    char tmp[24];
    char *e = tmp + sizeof tmp, *s = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do { *--s = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) *--s = '-';
    buf_put(b, s, (size_t)(e - s));
}
