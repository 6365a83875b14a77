#include "util/json_out.h"
#include <stdbool.h>
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

/* eight bytes at a time: the high bit of each byte below 0x20 (no bit of 0xE0 set), quote or
 * backslash, exactly: ZERO8 carries nothing from one byte into the next */
#define ZERO8(v) (~((((v) & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | (v) | 0x7F7F7F7F7F7F7F7FULL))
static inline uint64_t special8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL;
    return ZERO8(x & (ones * 0xE0)) | ZERO8(x ^ (ones * '"')) | ZERO8(x ^ (ones * '\\'));
}
#undef ZERO8
static inline bool special_byte(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

/* the escape of byte c at o, the buffer's room first made sure of for it and for the rest bytes
 * after it (with the closing quote and the sixteen bytes of slack json_escape's stores need) */
static char *escape_at(buf *b, char *o, unsigned char c, size_t rest)
{
    static const char hex[] = "0123456789abcdef";
    size_t at = (size_t)(o - b->p);
    b->len = at;
    buf_reserve(b, 6 + rest + 1 + 16);
    o = b->p + at;
    o[0] = '\\';
    switch (c) {
    case '"': o[1] = '"'; return o + 2;
    case '\\': o[1] = '\\'; return o + 2;
    case '\n': o[1] = 'n'; return o + 2;
    case '\r': o[1] = 'r'; return o + 2;
    case '\t': o[1] = 't'; return o + 2;
    default:
        o[1] = 'u', o[2] = '0', o[3] = '0', o[4] = hex[c >> 4], o[5] = hex[c & 15];
        return o + 6;
    }
}

/* Most strings need no escape. Written straight into the buffer, whose room is reserved once
 * for the string, its quotes and sixteen bytes of slack: sixteen bytes at a time are stored
 * whole and the end moved by as many as were the string's (up to an escape), and the last
 * under-sixteen bytes as two overlapping loads and stores (8 to 15 bytes: two of eight; 4 to 7:
 * two of four; 1 to 3: the first, middle and last byte), not a call to memcpy per run. */
void json_escape(buf *b, const char *s, size_t n)
{
    buf_reserve(b, n + 2 + 16);
    char *o = b->p + b->len;
    *o++ = '"';
    size_t i = 0;
#ifdef __SSE2__
    /* a byte is below 0x20 when min(x, 0x1F) == x, unsigned */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), low = _mm_set1_epi8(0x1F);
    while (i + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)o, x);
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(x, low), x));
        unsigned m = (unsigned)_mm_movemask_epi8(bad);
        if (!m) { i += 16, o += 16; continue; }
        unsigned j = (unsigned)__builtin_ctz(m);
        o += j, i += j;
        o = escape_at(b, o, (unsigned char)s[i], n - i - 1);
        i++;
    }
#endif
    while (i < n) {
        size_t rem = n - i;
        if (rem > 16) { /* (without SSE2) eight bytes at a time */
            uint64_t a;
            memcpy(&a, s + i, 8);
            if (!special8(a)) { memcpy(o, &a, 8); i += 8, o += 8; continue; }
        } else if (rem >= 8) {
            uint64_t a, z;
            memcpy(&a, s + i, 8);
            memcpy(&z, s + n - 8, 8);
            if (!(special8(a) | special8(z))) { memcpy(o, &a, 8); memcpy(o + rem - 8, &z, 8); o += rem; break; }
        } else if (rem >= 4) {
            uint32_t a, z;
            memcpy(&a, s + i, 4);
            memcpy(&z, s + n - 4, 4);
            if (!special8((uint64_t)a | (uint64_t)z << 32)) { memcpy(o, &a, 4); memcpy(o + rem - 4, &z, 4); o += rem; break; }
        } else {
            unsigned char a = (unsigned char)s[i], m = (unsigned char)s[i + rem / 2], z = (unsigned char)s[n - 1];
            if (!(special_byte(a) | special_byte(m) | special_byte(z))) {
                o[0] = (char)a, o[rem / 2] = (char)m, o[rem - 1] = (char)z;
                o += rem;
                break;
            }
        }
        /* an escape among the bytes just tested: the bytes up to it one by one, then on */
        for (;;) {
            unsigned char c = (unsigned char)s[i++];
            if (special_byte(c)) { o = escape_at(b, o, c, n - i); break; }
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    *o = 0;
    b->len = (size_t)(o - b->p);
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
