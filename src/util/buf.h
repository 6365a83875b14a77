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
void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const void *data, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_put_int(buf *b, long long v);

#endif
