/* coach_json: validates one JSON case (strict: unknown fields and wrong types are
 * errors), runs the coach, and writes the report.
 * Two readers: a hand-written one for the common shape (a flat object of the four
 * known string keys) that only ever accepts, and jansson for everything else. The
 * fast reader accepts a strict subset of what jansson accepts, with the same
 * values; anything it is unsure of (an error, an escaped key, a \u0000, a number,
 * a duplicate...) goes to jansson, so every error message comes from one place. */
#include "coach/coach_json.h"
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "util/buf.h"
#include "util/json_out.h"
#include "util/timeutil.h"
#include "util/tz.h"

/* t as UTC ("...Z") with no zone, else as the zone's local time with its offset ("...-05:00") */
static void iso(long long t, const coach_zone *z, char out[48])
{
    int y, mo, d, h, mi, s, wd, off = coach_zone_offset_at(z, t);
    coach_civil_public(t + off * 60LL, &y, &mo, &d, &h, &mi, &s, &wd);
    if (y < 0 || y > 9999) { snprintf(out, 48, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo, d, h, mi, s); return; }
    /* the usual case without printf: the same digits */
    const int v[6] = {y, mo, d, h, mi, s};
    char *o = out;
    *o++ = (char)('0' + y / 1000), *o++ = (char)('0' + y / 100 % 10), *o++ = (char)('0' + y / 10 % 10), *o++ = (char)('0' + y % 10);
    for (int i = 1; i < 6; i++) {
        *o++ = "--T::"[i - 1];
        *o++ = (char)('0' + v[i] / 10 % 10), *o++ = (char)('0' + v[i] % 10);
    }
    if (!z) { *o++ = 'Z', *o = '\0'; return; }
    int a = off < 0 ? -off : off;
    *o++ = off < 0 ? '-' : '+', *o++ = (char)('0' + a / 600 % 10), *o++ = (char)('0' + a / 60 % 10);
    *o++ = ':', *o++ = (char)('0' + a % 60 / 10), *o++ = (char)('0' + a % 10), *o = '\0';
}

/* The report's shape is fixed, so it is written as literal fragments with the commas in place
 * rather than through jw_* (same bytes as jw_* would write: no spaces, keys in this order).
 * Between the escaped strings, each stretch of fixed-size fields is written with plain stores
 * into room reserved once for the stretch (SECTION bytes: the longest stretch, the scores and
 * strengths, is under 800). */
enum { SECTION = 1024 };
static char *w_put(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}
#define WLIT(o, s) w_put((o), (s), sizeof(s) - 1)
/* a literal appended to a buf (its length known, no strlen) */
#define BUF_LIT(b, s) buf_put((b), (s), sizeof(s) - 1)
/* "00" to "99" */
#define D2(n) '0' + (n) / 10, '0' + (n) % 10
#define D2X10(n) D2(n), D2((n) + 1), D2((n) + 2), D2((n) + 3), D2((n) + 4), D2((n) + 5), D2((n) + 6), D2((n) + 7), D2((n) + 8), D2((n) + 9)
static const char digits2[200] = {D2X10(0), D2X10(10), D2X10(20), D2X10(30), D2X10(40), D2X10(50), D2X10(60), D2X10(70), D2X10(80), D2X10(90)};
#undef D2X10
#undef D2
/* the decimal digits straight into o, two at a time (scores, offsets: mostly one to four digits) */
static inline __attribute__((always_inline)) char *w_int(char *o, long long v)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0) *o++ = '-';
    if (u < 10) { *o = (char)('0' + u); return o + 1; }
    if (u < 100) { memcpy(o, digits2 + 2 * u, 2); return o + 2; }
    size_t n = 3;
    for (unsigned long long x = u / 1000; x; x /= 10) n++;
    char *e = o + n, *p = e;
    for (; u >= 100; u /= 100) { p -= 2; memcpy(p, digits2 + 2 * (u % 100), 2); }
    if (u >= 10) memcpy(p - 2, digits2 + 2 * u, 2);
    else p[-1] = (char)('0' + u);
    return e;
}
static char *w_bool(char *o, bool v) { return v ? WLIT(o, "true") : WLIT(o, "false"); }
/* a literal key, then its value */
#define WBOOL(o, key, v) w_bool(WLIT((o), key), (v))
#define WINT(o, key, v) w_int(WLIT((o), key), (v))
/* room for a stretch: the buffer's end after it is reserved */
static char *w_begin(buf *b)
{
    buf_reserve(b, SECTION);
    return b->p + b->len;
}
static void w_end(buf *b, char *o)
{
    b->len = (size_t)(o - b->p);
    b->p[b->len] = 0;
}

/* a sentiment in thousandths as %.4g prints k / 1000.0 for |k| <= 1000: sign, integer part,
 * then the decimals without trailing zeros */
static char *w_milli(char *o, long long k)
{
    if (k < -1000 || k > 1000) return o + snprintf(o, 32, "%.4g", (double)k / 1000.0);
    if (k < 0) { *o++ = '-'; k = -k; }
    *o++ = (char)('0' + k / 1000);
    int f = (int)(k % 1000);
    if (f) {
        *o++ = '.';
        *o++ = (char)('0' + f / 100);
        if (f % 100) { *o++ = (char)('0' + f / 10 % 10); if (f % 10) *o++ = (char)('0' + f % 10); }
    }
    return o;
}

static void put_str(buf *b, const char *s)
{
    if (s) json_escape(b, s, strlen(s));
    else buf_put(b, "null", 4);
}

/* the codes' names, quoted at compile time (they are plain words); "?" as coach_*_name gives.
 * Each in 32 bytes of its own, copied whole (a fixed-size copy is a few stores, where a copy of
 * n bytes was a memcpy call): the stretch's room is reserved with more than that to spare (a
 * longer name does not compile) */
enum { QNAME_ROOM = 32 };
typedef struct qname { char s[QNAME_ROOM]; size_t n; } qname;
#define QNAME(n_, s_) {"\"" s_ "\"", sizeof(s_) + 1},
#define QKEY(n_, s_) {"\"" s_ "\":", sizeof(s_) + 2},
static const qname q_flag[] = {COACH_FLAG_LIST(QNAME)}, q_strength[] = {COACH_STRENGTH_LIST(QNAME)},
                   q_emotion[] = {COACH_EMOTION_LIST(QNAME)}, q_score_key[] = {COACH_SCORE_LIST(QKEY)};
static char *w_qname(char *o, const qname *t, unsigned count, unsigned i)
{
    if (i >= count) return WLIT(o, "\"?\"");
    memcpy(o, t[i].s, QNAME_ROOM);
    return o + t[i].n;
}
/* the languages' codes ("en", "und") as coach_language_code gives them, made before main, each in
 * eight bytes copied whole (as the names above) */
typedef struct qlang { char s[8]; size_t n; } qlang;
static qlang q_lang[COACH_LANG_UNDETERMINED + 1];
__attribute__((constructor)) static void q_lang_build(void)
{
    for (int l = 0; l <= COACH_LANG_UNDETERMINED; l++) {
        const char *c = coach_language_code((coach_language)l);
        size_t n = strlen(c);
        if (n >= sizeof q_lang[l].s) abort(); /* the codes are two or three letters */
        memcpy(q_lang[l].s, c, n);
        q_lang[l].n = n;
    }
}
/* a language's code (one past the last reads as it: "und") */
static char *w_lang(char *o, coach_language l)
{
    const qlang *q = &q_lang[(unsigned)l < COACH_LANG_UNDETERMINED ? (unsigned)l : COACH_LANG_UNDETERMINED];
    memcpy(o, q->s, sizeof q->s);
    return o + q->n;
}

static void write_report(buf *b, const coach_report *r, const char *customer, const char *reply, size_t reply_len,
                         const coach_zone *zone)
{
    char *o = w_begin(b);
    o = WLIT(o, "{");
    if (r->has_customer) {
        const coach_customer_report *c = &r->customer;
        o = WLIT(o, "\"customer\":{\"sentiment\":");
        o = w_milli(o, (long long)(c->sentiment * 1000 + (c->sentiment < 0 ? -0.5 : 0.5)));
        o = WLIT(o, ",\"emotion\":");
        o = w_qname(o, q_emotion, COACH_EMO_COUNT, (unsigned)c->emotion);
        o = WBOOL(o, ",\"urgent\":", c->urgent);
        o = WBOOL(o, ",\"thanks\":", c->thanks);
        o = WBOOL(o, ",\"repeat_contact\":", c->repeat_contact);
        o = WBOOL(o, ",\"complaint\":", c->complaint);
        o = WINT(o, ",\"politeness\":", c->politeness);
        o = WLIT(o, ",\"language\":\"");
        o = w_lang(o, c->language);
        o = WLIT(o, "\"");
        o = WLIT(o, ",\"questions\":[");
        w_end(b, o);
        for (size_t i = 0; i < c->nquestions; i++) {
            if (i) buf_putc(b, ',');
            json_escape(b, customer + c->questions[i].start, c->questions[i].end - c->questions[i].start);
        }
        buf_putc(b, ']');
        /* the words that raised each reading that is on (emotion not neutral, urgent, complaint) */
        const coach_because *bc = c->because;
        if (bc[COACH_WHY_EMOTION].n || bc[COACH_WHY_URGENT].n || bc[COACH_WHY_COMPLAINT].n || bc[COACH_WHY_REPEAT].n) {
#define QLIST(s_) {"\"" s_ "\":[", sizeof(s_) + 3},
            static const qname why[COACH_WHY_COUNT] = {QLIST("emotion") QLIST("urgent") QLIST("complaint") QLIST("repeat_contact")};
#undef QLIST
            BUF_LIT(b, ",\"because\":{");
            bool first = true;
            for (int k = 0; k < COACH_WHY_COUNT; k++) {
                if (!bc[k].n) continue;
                if (!first) buf_putc(b, ',');
                first = false;
                buf_put(b, why[k].s, why[k].n);
                for (uint32_t j = 0; j < bc[k].n; j++) {
                    if (j) buf_putc(b, ',');
                    json_escape(b, customer + bc[k].span[j].start, bc[k].span[j].end - bc[k].span[j].start);
                }
                buf_putc(b, ']');
            }
            buf_putc(b, '}');
        }
        o = w_begin(b);
        if (r->lexicon_only) { /* the lexicon's evidence for each emotion (bench/coach/train_customer.js) */
            o = WLIT(o, ",\"lexicon_emotions\":[");
            for (int k = 0; k < COACH_EMO_COUNT; k++) {
                double v = c->lexicon_emotions[k];
                if (k) o = WLIT(o, ",");
                o = w_milli(o, (long long)(v * 1000 + (v < 0 ? -0.5 : 0.5)));
            }
            o = WLIT(o, "]");
            if (c->failure_told) o = WLIT(o, ",\"failure_told\":true");
            if (c->pressure_told) o = WLIT(o, ",\"pressure_told\":true");
        }
        if (c->has_earlier) { /* which questions an earlier reply on the thread answered */
            o = WLIT(o, ",\"answered_before\":[");
            for (size_t i = 0; i < c->nquestions; i++) {
                if (i) o = WLIT(o, ",");
                o = w_bool(o, c->answered_before[i]);
            }
            o = WLIT(o, "]");
        }
        o = WLIT(o, "}");
    }
    if (r->has_reply) {
        const coach_reply_report *p = &r->reply;
        if (r->has_customer) o = WLIT(o, ",");
        o = WLIT(o, "\"reply\":{\"scores\":{");
        for (int i = 0; i < COACH_SCORE_COUNT; i++) {
            if (i) o = WLIT(o, ",");
            o = w_qname(o, q_score_key, COACH_SCORE_COUNT, (unsigned)i); /* "name": */
            o = w_int(o, p->scores[i]);
        }
        o = WLIT(o, "},\"strengths\":[");
        bool first = true;
        for (unsigned s = p->strengths & ((1u << COACH_STRENGTH_COUNT) - 1); s; s &= s - 1) { /* lowest first */
            if (!first) o = WLIT(o, ",");
            first = false;
            o = w_qname(o, q_strength, COACH_STRENGTH_COUNT, (unsigned)__builtin_ctz(s));
        }
        o = WLIT(o, "],\"flags\":[");
        w_end(b, o);
        for (size_t i = 0; i < p->nflags; i++) {
            const coach_flag *f = &p->flags[i];
            o = w_begin(b);
            if (i) o = WLIT(o, ",");
            o = WLIT(o, "{\"code\":");
            o = w_qname(o, q_flag, COACH_FLAG_COUNT, (unsigned)f->code);
            o = WINT(o, ",\"start\":", f->start);
            o = WINT(o, ",\"end\":", f->end);
            o = WLIT(o, ",\"text\":");
            w_end(b, o);
            json_escape(b, reply + f->start, f->end - f->start);
            buf_put(b, ",\"why\":", 7);
            put_str(b, f->why);
            buf_put(b, ",\"suggestion\":", 14);
            put_str(b, f->suggestion);
            if (f->suggestion && *f->suggestion) {
                if (coach_flag_in_place(reply, reply_len, f)) BUF_LIT(b, ",\"apply\":\"span\"");
                else BUF_LIT(b, ",\"apply\":\"sentence\"");
            }
            buf_putc(b, '}');
        }
        buf_put(b, "],\"commitments\":[", 17);
        for (size_t i = 0; i < p->ncommitments; i++) {
            const coach_commitment *c = &p->commitments[i];
            buf_put(b, i ? ",{\"text\":" : "{\"text\":", i ? 9 : 8);
            json_escape(b, reply + c->start, c->end - c->start);
            o = w_begin(b);
            o = WLIT(o, ",\"due\":");
            if (c->has_due) {
                char d[48];
                iso(c->due, zone, d);
                o = WLIT(o, "\"");
                o = w_put(o, d, strlen(d)); /* digits, '-', '+', ':', 'T' and 'Z': nothing to escape */
                o = WLIT(o, "\"");
            } else o = WLIT(o, "null");
            o = WLIT(o, "}");
            w_end(b, o);
        }
        o = w_begin(b);
        o = WLIT(o, "],\"answered\":[");
        for (size_t i = 0; i < (r->has_customer ? r->customer.nquestions : 0); i++) {
            if (i) o = WLIT(o, ",");
            o = w_bool(o, p->answered[i]);
        }
        if (r->answer_features) { /* heed coach --answer-features: each question's, by name */
            o = WLIT(o, "],\"answer_features\":[");
            for (size_t i = 0; i < (r->has_customer ? r->customer.nquestions : 0); i++) {
                o = WLIT(o, "[");
                bool any = false;
                for (unsigned f = 0; coach_answer_feature_name(f); f++) {
                    if (!(p->answer_features[i] >> f & 1)) continue;
                    const char *n = coach_answer_feature_name(f);
                    if (any) o = WLIT(o, ",");
                    o = WLIT(o, "\"");
                    o = w_put(o, n, strlen(n)); /* lower-case names: nothing to escape */
                    o = WLIT(o, "\"");
                    any = true;
                    w_end(b, o);
                    o = w_begin(b);
                }
                o = WLIT(o, "]");
                if (i + 1 < r->customer.nquestions) o = WLIT(o, ",");
            }
        }
        if (r->reply_features) { /* heed coach --reply-features: the reply model's, by name */
            o = WLIT(o, "],\"model_features\":[");
            w_end(b, o);
            for (size_t i = 0, a = 0; i <= r->features_len && r->features_len; i++) {
                if (i < r->features_len && r->features[i] != '\t') continue;
                o = w_begin(b);
                if (a) o = WLIT(o, ",");
                o = WLIT(o, "\"");
                o = w_put(o, r->features + a, i - a); /* lower-case letters, apostrophes, ':', '@', ' ': nothing to escape */
                o = WLIT(o, "\"");
                w_end(b, o);
                a = i + 1;
            }
            o = w_begin(b);
        }
        o = WLIT(o, "],\"language\":\"");
        o = w_lang(o, p->language);
        o = WLIT(o, "\"}");
    }
    o = WLIT(o, "}");
    w_end(b, o);
}

/* ---- the fast reader ---- */
enum { F_CUSTOMER, F_REPLY, F_NOW, F_NAME, F_TZ, F_EARLIER, F_COUNT };

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static bool hex4(const unsigned char *p, const unsigned char *end, unsigned *out)
{
    if (end - p < 4) return false;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0) return false;
        v = v << 4 | (unsigned)h;
    }
    *out = v;
    return true;
}

/* length of the valid UTF-8 sequence at p (first byte >= 0x80), 0 if invalid:
 * no overlongs, no surrogates, nothing above U+10FFFF (as jansson checks) */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n = (size_t)(end - p);
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;  /* overlong */
        if (c == 0xED && p[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;  /* overlong */
        if (c == 0xF4 && p[1] >= 0x90) return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

static char *put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) *o++ = (char)cp;
    else if (cp < 0x800) { *o++ = (char)(0xC0 | cp >> 6); *o++ = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12); *o++ = (char)(0x80 | (cp >> 6 & 0x3F)); *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18); *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F)); *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* one string value after its opening quote, decoded into *o (NUL-terminated);
 * *pp is left after the closing quote. false: not sure, let jansson decide. */
static bool fast_string(const unsigned char **pp, const unsigned char *begin, const unsigned char *end, char **o)
{
    const unsigned char *p = *pp;
    char *w = *o;
    for (;;) {
        /* the plain ASCII run: sixteen bytes at a time, then byte by byte */
        const unsigned char *q = p;
#ifdef __SSE2__
        {
            const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), low = _mm_set1_epi8(0x1F);
            /* a quote, a backslash, a byte below 0x20, or one with the high bit set */
#define STOPS(x) ((unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)), \
                                                           _mm_cmpeq_epi8(_mm_min_epu8(x, low), x))) | (unsigned)_mm_movemask_epi8(x))
            while (end - q >= 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
                unsigned m = STOPS(x);
                if (m) { q += __builtin_ctz(m); break; }
                q += 16;
            }
            /* under sixteen bytes left: the line's last sixteen, the bytes before q shifted off */
            if (q < end && end - q < 16 && end - begin >= 16) {
                __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(end - 16));
                unsigned m = STOPS(x) >> (16 - (end - q));
                q = m ? q + __builtin_ctz(m) : end;
            }
#undef STOPS
        }
#endif
        while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\') q++;
        memcpy(w, p, (size_t)(q - p));
        w += q - p;
        p = q;
        if (p >= end) return false;
        unsigned char c = *p;
        if (c == '"') break;
        if (c < 0x20) return false;
        if (c >= 0x80) {
            size_t n = utf8_len(p, end);
            if (!n) return false;
            memcpy(w, p, n);
            w += n;
            p += n;
            continue;
        }
        /* a backslash */
        if (end - p < 2) return false;
        switch (p[1]) {
        case '"': *w++ = '"'; p += 2; break;
        case '\\': *w++ = '\\'; p += 2; break;
        case '/': *w++ = '/'; p += 2; break;
        case 'b': *w++ = '\b'; p += 2; break;
        case 'f': *w++ = '\f'; p += 2; break;
        case 'n': *w++ = '\n'; p += 2; break;
        case 'r': *w++ = '\r'; p += 2; break;
        case 't': *w++ = '\t'; p += 2; break;
        case 'u': {
            unsigned cp;
            if (!hex4(p + 2, end, &cp) || cp == 0) return false; /* \u0000: jansson rejects it */
            p += 6;
            if (cp >= 0xDC00 && cp <= 0xDFFF) return false; /* a lone low surrogate */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            /* a decoded 3- or 4-byte sequence is never longer than its escape */
            w = put_utf8(w, cp);
            break;
        }
        default: return false;
        }
    }
    *w++ = '\0';
    *pp = p + 1;
    *o = w;
    return true;
}

static const unsigned char *skip_ws(const unsigned char *p, const unsigned char *end)
{
    if (p < end && *p > ' ') return p; /* compact JSON: no space between tokens */
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* the flat object {"customer":"..","reply":"..","now":"..","customer_name":"..","tz":"..","earlier":".."} (any order,
 * each at most once); strings decoded into scratch (in_len + 1 bytes at least).
 * true: accepted, exactly as jansson would; false: not sure. */
static bool fast_case(const char *in, size_t in_len, char *scratch, const char *val[F_COUNT], size_t len[F_COUNT])
{
    const unsigned char *p = (const unsigned char *)in, *end = p + in_len;
    char *o = scratch;
    p = skip_ws(p, end);
    if (p >= end || *p++ != '{') return false;
    p = skip_ws(p, end);
    if (p < end && *p == '}') { p++; goto done; }
    for (;;) {
        if (p >= end || *p++ != '"') return false;
        /* the key: one of the six, written plainly, and its closing quote ("reading" is an
         * object: jansson reads it), compared whole by its first letter */
#define KEY_IS(lit) ((size_t)(end - p) >= sizeof(lit) - 1 && !memcmp(p, lit, sizeof(lit) - 1) && (p += sizeof(lit) - 2, true))
        int f;
        if (p >= end) return false;
        switch (*p) {
        case 'c': f = KEY_IS("customer\"") ? F_CUSTOMER : KEY_IS("customer_name\"") ? F_NAME : -1; break;
        case 'r': f = KEY_IS("reply\"") ? F_REPLY : -1; break;
        case 'n': f = KEY_IS("now\"") ? F_NOW : -1; break;
        case 't': f = KEY_IS("tz\"") ? F_TZ : -1; break;
        case 'e': f = KEY_IS("earlier\"") ? F_EARLIER : -1; break;
        default: f = -1;
        }
#undef KEY_IS
        if (f < 0) return false;
        if (val[f]) return false; /* a duplicate */
        p = skip_ws(p + 1, end);
        if (p >= end || *p++ != ':') return false;
        p = skip_ws(p, end);
        if (p >= end || *p++ != '"') return false;
        char *start = o;
        if (!fast_string(&p, (const unsigned char *)in, end, &o)) return false;
        val[f] = start;
        len[f] = (size_t)(o - start) - 1;
        p = skip_ws(p, end);
        if (p >= end) return false;
        if (*p == '}') { p++; break; }
        if (*p++ != ',') return false;
        p = skip_ws(p, end);
    }
done:
    return skip_ws(p, end) == end;
}

typedef struct case_more {
    const char *earlier; size_t earlier_len; /* the agent's earlier replies, or NULL */
    const coach_reading *reading;            /* the ticket's reading, or NULL */
} case_more;

static int run_case(const char *customer, size_t clen, const char *reply, size_t rlen, const char *now_s,
                    const char *name, size_t nlen, const char *tz, const case_more *more, const coach_lexicon *extra,
                    coach_report *reuse, buf *out, char *err, size_t errlen)
{
    time_t now = 0;
    int now_off = 0;
    if (now_s) {
        /* the last clock parsed, per thread: a batch of cases mostly shares one (the parse is pure,
         * so a string seen last time gives what it gave then) */
        static _Thread_local struct { char s[48]; size_t n; time_t t; int off; bool ok; } memo;
        size_t n = strlen(now_s);
        bool ok;
        if (n && n == memo.n && !memcmp(now_s, memo.s, n)) now = memo.t, now_off = memo.off, ok = memo.ok;
        else {
            ok = time_parse_iso_offset(now_s, &now, &now_off);
            if (n < sizeof memo.s) {
                memcpy(memo.s, now_s, n);
                memo.n = n, memo.t = now, memo.off = now_off, memo.ok = ok;
            }
        }
        if (!ok) {
            snprintf(err, errlen, "now: expected an ISO-8601 UTC time like 2026-11-23T10:00:00Z or a local time with its offset like 2026-11-23T10:00:00-05:00");
            return -1;
        }
    } else now = time(NULL);
    /* deadlines in local time: the named zone (with its DST changes), else the offset `now` carries */
    /* (its changes are read up to nchanges: not cleared, most cases have no zone at all) */
    coach_zone zone, *zp = now_off ? &zone : NULL;
    zone.offset = now_off, zone.nchanges = 0;
    if (tz) {
        tz_view v;
        if (!tz_at(tz, (long long)now, &v)) {
            snprintf(err, errlen, "tz: unknown time zone \"%.64s\" (expected an IANA name like America/New_York)", tz);
            return -1;
        }
        zone.offset = v.offset;
        zone.nchanges = v.nchanges;
        for (int i = 0; i < v.nchanges; i++) zone.change[i].at = v.change[i].at, zone.change[i].offset = v.change[i].offset;
        zp = &zone;
    }
    coach_input ci = {.customer = customer, .customer_len = clen, .reply = reply, .reply_len = rlen,
                      .customer_name = name, .customer_name_len = nlen, .now = (long long)now, .extra = extra, .zone = zp,
                      .earlier = more->earlier, .earlier_len = more->earlier_len, .reading = more->reading};
    coach_report *r = reuse;
    if (!r) {
        r = malloc(sizeof *r);
        if (!r) { snprintf(err, errlen, "out of memory"); return -1; }
        coach_report_init(r);
    }
    int rc = coach_analyze(&ci, r);
    if (rc == 0) {
        buf_reserve(out, 2048 + 2 * (clen + rlen)); /* the report is about twice its texts: usually no regrowth */
        write_report(out, r, customer, reply, rlen, zp);
    } else snprintf(err, errlen, "out of memory");
    if (!reuse) { coach_report_free(r); free(r); }
    return rc;
}

static int jansson_into(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse, buf *out,
                        char *err, size_t errlen);

int coach_json_case_buf(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse, buf *out,
                        char *err, size_t errlen)
{
    char small[4096];
    char *scratch = in_len < sizeof small ? small : malloc(in_len + 1);
    if (scratch) {
        const char *v[F_COUNT] = {0};
        size_t l[F_COUNT] = {0};
        if (fast_case(in, in_len, scratch, v, l)) {
            case_more more = {.earlier = v[F_EARLIER], .earlier_len = l[F_EARLIER]};
            int rc = run_case(v[F_CUSTOMER], l[F_CUSTOMER], v[F_REPLY], l[F_REPLY], v[F_NOW], v[F_NAME], l[F_NAME], v[F_TZ],
                              &more, extra, reuse, out, err, errlen);
            if (scratch != small) free(scratch);
            return rc;
        }
        if (scratch != small) free(scratch);
    }
    return jansson_into(in, in_len, extra, reuse, out, err, errlen);
}

/* one of the two readers into a malloc'd string of its own */
static int to_string(int (*into)(const char *, size_t, const coach_lexicon *, coach_report *, buf *, char *, size_t),
                     const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse, char **out_json,
                     size_t *out_len, char *err, size_t errlen)
{
    buf b;
    buf_init(&b, 256);
    int rc = into(in, in_len, extra, reuse, &b, err, errlen);
    *out_len = rc == 0 ? b.len : 0;
    *out_json = rc == 0 ? buf_steal(&b) : NULL;
    buf_free(&b);
    return rc;
}

int coach_json_case_ex(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse,
                       char **out_json, size_t *out_len, char *err, size_t errlen)
{
    return to_string(coach_json_case_buf, in, in_len, extra, reuse, out_json, out_len, err, errlen);
}

int coach_json_case_jansson(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse,
                            char **out_json, size_t *out_len, char *err, size_t errlen)
{
    return to_string(jansson_into, in, in_len, extra, reuse, out_json, out_len, err, errlen);
}

/* "reading": {"emotion": "angry", "urgent": true, "complaint": false, "repeat_contact": false}: the
 * ticket's reading of the customer (each key optional: false, and "neutral") */
static int read_reading(json_t *v, coach_reading *rd, char *err, size_t errlen)
{
    *rd = (coach_reading){.emotion = COACH_EMO_NEUTRAL};
    if (!json_is_object(v)) { snprintf(err, errlen, "reading: expected an object"); return -1; }
    const char *k;
    json_t *x;
    json_object_foreach(v, k, x) {
        if (!strcmp(k, "emotion")) {
            const char *e = json_string_value(x);
            int found = -1;
            for (int i = 0; e && i < COACH_EMO_COUNT; i++)
                if (!strcmp(e, coach_emotion_name((coach_emotion)i))) found = i;
            if (found < 0) {
                snprintf(err, errlen, "reading.emotion: expected one of angry, frustrated, anxious, sad, confused, happy, neutral");
                return -1;
            }
            rd->emotion = (coach_emotion)found;
            continue;
        }
        bool *b = !strcmp(k, "urgent") ? &rd->urgent : !strcmp(k, "complaint") ? &rd->complaint
                : !strcmp(k, "repeat_contact") ? &rd->repeat_contact : NULL;
        if (!b) { snprintf(err, errlen, "reading: unknown field \"%.64s\"", k); return -1; }
        if (!json_is_boolean(x)) { snprintf(err, errlen, "reading.%s: expected true or false", k); return -1; }
        *b = json_is_true(x);
    }
    return 0;
}

static int jansson_into(const char *in, size_t in_len, const coach_lexicon *extra, coach_report *reuse, buf *out,
                        char *err, size_t errlen)
{
    json_error_t je;
    json_t *root = json_loadb(in, in_len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "malformed JSON at column %d: %s", je.column, je.text);
        return -1;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        snprintf(err, errlen, "a case must be a JSON object");
        return -1;
    }
    /* name the field at fault; jansson's own messages do not */
    const char *key;
    json_t *val;
    coach_reading reading;
    case_more more = {0};
    json_object_foreach(root, key, val) {
        if (strcmp(key, "customer") && strcmp(key, "reply") && strcmp(key, "now") && strcmp(key, "customer_name") && strcmp(key, "tz") &&
            strcmp(key, "earlier") && strcmp(key, "reading")) {
            snprintf(err, errlen, "unknown field \"%.64s\"", key);
            json_decref(root);
            return -1;
        }
        if (!strcmp(key, "reading")) {
            if (read_reading(val, &reading, err, errlen) < 0) { json_decref(root); return -1; }
            more.reading = &reading;
            continue;
        }
        if (!json_is_string(val)) {
            static const char *const types[] = {"an object", "an array", "a string", "an integer", "a number", "true", "false", "null"};
            snprintf(err, errlen, "%s: expected a string, got %s", key, types[json_typeof(val)]);
            json_decref(root);
            return -1;
        }
    }
    const char *customer = NULL, *reply = NULL, *now_s = NULL, *name = NULL, *tz = NULL;
    size_t clen = 0, rlen = 0, nlen = 0;
    json_t *rd = NULL;
    if (json_unpack_ex(root, &je, JSON_STRICT, "{s?s%, s?s%, s?s, s?s%, s?s, s?s%, s?o}", "customer", &customer, &clen, "reply",
                       &reply, &rlen, "now", &now_s, "customer_name", &name, &nlen, "tz", &tz, "earlier", &more.earlier,
                       &more.earlier_len, "reading", &rd) < 0) {
        snprintf(err, errlen, "%s", je.text);
        json_decref(root);
        return -1;
    }
    int rc = run_case(customer, clen, reply, rlen, now_s, name, nlen, tz, &more, extra, reuse, out, err, errlen);
    json_decref(root);
    return rc;
}

int coach_json_case(const char *in, size_t in_len, char **out_json, size_t *out_len, char *err, size_t errlen)
{
    return coach_json_case_ex(in, in_len, NULL, NULL, out_json, out_len, err, errlen);
}
