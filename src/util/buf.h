#ifndef HEED_BUF_H
#define HEED_BUF_H
/* buf: a growable byte string, always NUL-terminated.
 * Ownership: the buf owns p (malloc'd); buf_free releases it, buf_steal hands it to the caller.
 * Allocation failure aborts: heed treats out-of-memory as fatal, like SQLite's default. */
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

void buf_init(buf *b, size_t cap);
void buf_free(buf *b);
char *buf_steal(buf *b);
void buf_reset(buf *b);
/* the slow path of buf_reserve: allocates or doubles */
void buf_grow(buf *b, size_t extra);
/* Inline: the JSON writer calls these several times per field, and a call into
 * buf.c for each was a tenth of a ticket list's CPU. */
static inline void buf_reserve(buf *b, size_t extra)
{
    if (!b->p || b->len + extra + 1 > b->cap) buf_grow(b, extra);
}
static inline void buf_put(buf *b, const void *data, size_t n)
{
    buf_reserve(b, n);
    __builtin_memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
}
static inline void buf_putc(buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = 0;
}
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_put_int(buf *b, long long v);

#endif
