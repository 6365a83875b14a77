#include "util/json_out.h"
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <string.h>

void jw_init(jw *w, buf *b)
{
    w->b = b;
    w->depth = 0;
    w->need_comma = 0;
    w->after_key = false;
}

static void sep(jw *w)
{
    if (w->after_key) { w->after_key = false; return; }
    unsigned long long bit = 1ULL << (w->depth & 63);
    if (w->need_comma & bit) buf_putc(w->b, ',');
    w->need_comma |= bit;
}

static void open(jw *w, char c)
{
    sep(w);
    buf_putc(w->b, c);
    w->depth++;
    w->need_comma &= ~(1ULL << (w->depth & 63));
}

static void close_(jw *w, char c)
{
    w->depth--;
    buf_putc(w->b, c);
}

void jw_obj(jw *w) { open(w, '{'); }
void jw_end_obj(jw *w) { close_(w, '}'); }
void jw_arr(jw *w) { open(w, '['); }
void jw_end_arr(jw *w) { close_(w, ']'); }

/* the first byte at or after i that JSON needs escaped (a control byte, a quote or a
 * backslash), or n */
static size_t next_special(const char *s, size_t i, size_t n)
{
#ifdef __SSE2__
    /* sixteen bytes at a time; a byte is below 0x20 when min(x, 0x1F) == x, unsigned */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), low = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(x, low), x));
        int m = _mm_movemask_epi8(bad);
        if (m) return i + (size_t)__builtin_ctz((unsigned)m);
    }
    /* the last under-sixteen bytes: the text's last sixteen again when it has them (the bytes
     * before i already checked are shifted off), else eight at a time below */
    if (i < n && n >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(x, low), x));
        unsigned m = (unsigned)_mm_movemask_epi8(bad) >> (i - (n - 16));
        return m ? i + (size_t)__builtin_ctz(m) : n;
    }
#endif
    /* eight bytes at a time: the high bit of each byte below 0x20 (no bit of 0xE0 set), quote or
     * backslash, exactly: ZERO8 carries nothing from one byte into the next, so the bytes before
     * i in the overlapping last eight below cannot mark one after it */
    const uint64_t ones = 0x0101010101010101ULL, lows = 0x7F7F7F7F7F7F7F7FULL;
#define ZERO8(v) (~((((v) & lows) + lows) | (v) | lows))
#define SPECIAL8(x, q, bs) (ZERO8((x) & (ones * 0xE0)) | ZERO8(q) | ZERO8(bs))
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\'), hit = SPECIAL8(x, q, bs);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        if (hit) break;
#else
        if (hit) return i + (size_t)__builtin_ctzll(hit) / 8;
#endif
    }
#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
    /* the last under-eight bytes: the text's last eight again, the bytes before i shifted off */
    if (i < n && n >= 8) {
        uint64_t x;
        memcpy(&x, s + n - 8, 8);
        uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\'), hit = (SPECIAL8(x, q, bs)) >> (8 * (i - (n - 8)));
        return hit ? i + (size_t)__builtin_ctzll(hit) / 8 : n;
    }
#endif
#undef SPECIAL8
#undef ZERO8
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') break;
    }
    return i;
}

void json_escape(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_reserve(b, n + 2); /* most strings need no escape: one reservation for all of it */
    b->p[b->len++] = '"';
    /* runs that need nothing copied whole, found sixteen bytes at a time, between escapes */
    for (size_t run = 0;;) {
        size_t i = next_special(s, run, n);
        buf_put(b, s + run, i - run);
        if (i == n) break;
        unsigned char c = (unsigned char)s[i];
        run = i + 1;
        switch (c) {
        case '"': buf_put(b, "\\\"", 2); break;
        case '\\': buf_put(b, "\\\\", 2); break;
        case '\n': buf_put(b, "\\n", 2); break;
        case '\r': buf_put(b, "\\r", 2); break;
        case '\t': buf_put(b, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_put(b, u, 6);
        }
        }
    }
    buf_putc(b, '"');
}

void jw_key(jw *w, const char *k)
{
    sep(w);
    json_escape(w->b, k, strlen(k));
    buf_putc(w->b, ':');
    w->after_key = true; /* the value that follows writes no comma */
}

void jw_str(jw *w, const char *s)
{
    sep(w);
    if (!s) buf_put(w->b, "null", 4);
    else json_escape(w->b, s, strlen(s));
}

void jw_strn(jw *w, const char *s, size_t n)
{
    sep(w);
    json_escape(w->b, s, n);
}

void jw_int(jw *w, long long v)
{
    sep(w);
    buf_put_int(w->b, v);
}

void jw_num(jw *w, double v)
{
    sep(w);
    buf_printf(w->b, "%.4g", v);
}

void jw_bool(jw *w, bool v)
{
    sep(w);
    buf_puts(w->b, v ? "true" : "false");
}

void jw_null(jw *w)
{
    sep(w);
    buf_put(w->b, "null", 4);
}

void jw_kstr(jw *w, const char *k, const char *v) { jw_key(w, k); jw_str(w, v); }
void jw_kint(jw *w, const char *k, long long v) { jw_key(w, k); jw_int(w, v); }
void jw_kbool(jw *w, const char *k, bool v) { jw_key(w, k); jw_bool(w, v); }
void jw_kid(jw *w, const char *k, long long v)
{
    jw_key(w, k);
    if (v > 0) jw_int(w, v);
    else jw_null(w);
}
