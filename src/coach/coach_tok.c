/* coach_tok: splits text into word, number and emoji tokens and into sentences,
 * in one pass over the bytes. Words are normalised as they are read (lower
 * case, curly apostrophes made straight) and hashed on the fly; nothing is
 * copied or allocated. Invalid UTF-8 bytes act as separators. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"
#include "coach/coach_stem.h"

uint64_t coach_kw_walk[1024];
/* each lexicon word's walk bits (coach_kw_walk's for its canonical hash, and whether it is a
 * negator), made once every KWSET_WALK has filled coach_kw_walk: the lookup pass copies them with
 * the word's other fields */
static uint64_t *word_kw;
__attribute__((constructor(KWSET_WALK_PRIORITY + 1))) static void word_kw_build(void)
{
    word_kw = malloc(coach_nwords * sizeof *word_kw);
    if (!word_kw) abort();
    for (size_t i = 0; i < coach_nwords; i++)
        word_kw[i] = coach_kw_walk[coach_words[i].h & 1023] | (uint64_t)(coach_words[i].mod == COACH_MOD_NEGATOR) << KWW_NEGATOR |
                     (uint64_t)((coach_words[i].flags & COACH_W_TIME) != 0) << KWW_TIME |
                     (uint64_t)(coach_words[i].mod == COACH_MOD_CONTRAST) << KWW_CONTRAST;
}

size_t coach_tok_from(const ctext *t, uint32_t from)
{
    /* asked before (an empty slot holds from UINT32_MAX, which is never looked up in it) */
    struct ctok_from *m = t->from_memo ? &t->from_memo[from % COACH_FROM_MEMO] : NULL;
    if (m && m->from == from && from != UINT32_MAX) return m->at;
    /* tokens are in order of their start: halve, without a branch on the comparison (a coin
     * toss at every step) */
    size_t lo = 0, n = t->ntok;
    if (!n) return 0;
    while (n > 1) {
        size_t half = n / 2;
        lo = t->tok[lo + half - 1].start < from ? lo + half : lo;
        n -= half;
    }
    lo += t->tok[lo].start < from;
    if (m) *m = (struct ctok_from){from, (uint32_t)lo};
    return lo;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* coach_stem_hash (coach_stem.h) for a word in fold, which has sixteen bytes of room past the
 * text: the same stem, with the suffixes compared as one 4-byte load and the hash's last chunk
 * read as one 8-byte load masked to the word, not byte by byte */
#define SUF3(a, b, c) ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8 | (uint32_t)(unsigned char)(c) << 16)
static inline uint64_t stem_in_fold(const char *b, size_t n, uint64_t whole)
{
    size_t m = n;
    if (m >= 2 && b[m - 2] == '\'' && b[m - 1] == 's') m -= 2;
    if (m > 4) {
        uint32_t e;
        memcpy(&e, b + m - 4, 4);
        uint32_t e3 = e >> 8, e2 = e >> 16; /* the last three bytes, the last two */
        if (e3 == SUF3('i', 'e', 's') || e3 == SUF3('i', 'e', 'd')) return coach_stem_hash(b, n, whole); /* -> "y": rare */
        if (m > 6 && e == (SUF3('a', 'l', 'l') | (uint32_t)'y' << 24)) return coach_stem_hash(b, n, whole); /* "annually": rare */
        if (m > 5 && e3 == SUF3('i', 'n', 'g')) m -= 3;
        else if (e2 == SUF3('e', 'd', 0) || e2 == SUF3('e', 's', 0)) m -= 2;
        else if (b[m - 1] == 's' && b[m - 2] != 's') m -= 1;
    } else if (m > 3 && b[m - 1] == 's' && b[m - 2] != 's') m -= 1;
    if (m > 4 && b[m - 1] == 'e') m -= 1;
    if (m == n && whole) return whole;
    const unsigned char *p = (const unsigned char *)b;
    uint64_t h = COACH_HASH_SEED;
    size_t i = 0;
    for (; i + 8 <= m; i += 8) h = coach_hash_step(h, coach_load64(p + i));
    if (i < m) h = coach_hash_step(h, coach_load64(p + i) & (~0ULL >> (64 - 8 * (m - i))));
    return coach_hash_fin(h, m);
}
#undef SUF3
#else
#define stem_in_fold coach_stem_hash
#endif

/* stems: ASCII words (up to 64 bytes) are suffix-stripped from their lower-cased bytes; any other
 * word keeps its full hash. Returns the first token from `from` (coach_tok_from). */
size_t coach_stems(ctext *t, uint32_t from, uint32_t to)
{
    size_t first = coach_tok_from(t, from);
    for (size_t i = first; i < t->ntok; i++) {
        ctok *k = &t->tok[i];
        if (k->end > to) break;
        size_t n = k->end - k->start;
        bool ascii = k->kind == TK_WORD && n <= 64 && (k->flags & TF_ASCII);
        k->stem = ascii ? stem_in_fold(t->fold + k->start, n, k->stem) : k->h;
        if (!k->stem) k->stem = 1;
    }
    return first;
}

/* (inline in the lookup pass, which calls it for every token; mask is coach_index_mask, passed in
 * so the loop keeps it in a register: the tokens' 64-bit stores could alias the global) */
static inline __attribute__((always_inline)) int32_t word_find(uint64_t key, size_t mask)
{
    size_t s = coach_slot(key, mask);
    uint32_t tag = coach_tag(key);
    /* the first slot without a branch on what it holds: whether a token is a lexicon word is
     * a coin toss to the branch predictor. coach_words is read only where the tag matches (entry
     * 0, already in cache, otherwise) */
    uint32_t v = coach_word_index[s];
    uint32_t tagged = (uint32_t)(v >> 16 == tag) & (uint32_t)(v != 0); /* bitwise, not &&: no branch */
    uint32_t cand = ((v & 0xFFFFu) - 1) & (0u - tagged);
    uint32_t hit = (uint32_t)(coach_words[cand].key == key) & tagged;
    if (__builtin_expect(hit | (v == 0), 1)) return (int32_t)(cand | (hit - 1)); /* cand, or -1 */
    /* the slot holds another word: probe on */
    for (;;) {
        s = (s + 1) & mask;
        v = coach_word_index[s];
        if (!v) return -1;
        if (v >> 16 == tag && coach_words[(v & 0xFFFFu) - 1].key == key) return (int32_t)(v & 0xFFFFu) - 1;
    }
}
int32_t coach_word_find(uint64_t key) { return word_find(key, coach_index_mask); }

static int32_t extra_find(const coach_lexicon *x, uint64_t h)
{
    if (!x || !x->nwords) return -1;
    size_t s = coach_slot(h, x->mask);
    for (;;) {
        if (!x->words[s].key) return -1;
        if (x->words[s].key == h) return (int32_t)s;
        s = (s + 1) & x->mask;
    }
}

static inline int decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    if (s[i] < 0x80) { *cp = s[i]; return 1; }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
    if (n <= 0) { *cp = -1; return 1; }
    *cp = c;
    return (int)n;
}

static bool ascii_alnum(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

static inline bool is_wordcp(int32_t c)
{
    if (c < 0x80) return c >= 0 && ascii_alnum(c);
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
        return true;
    default:
        return false;
    }
}
static bool is_apos(int32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }
static inline bool is_emoji(int32_t c)
{
    if (c < 0x80) return false;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_SO;
}

typedef struct tstate {
    ctext *t;
    const unsigned char *s;
    size_t len, cap_tok;
    uint32_t cur_t0;      /* first token of the open sentence */
    bool pending;         /* a terminator was seen; the sentence closes at the next token */
    uint32_t pend_end;
    char term;
    bool any_lower, any_upper;
    /* the text's last sixteen bytes (from base) and zeros after them: scan_word and the fast path
     * read sixteen bytes at a time */
    size_t base;
    unsigned char tail[32];
} tstate;

static void close_sentence(tstate *st, uint32_t end, char term)
{
    ctext *t = st->t;
    if (st->cur_t0 < t->ntok) {
        csent *s = &t->sent[t->nsent++];
        s->t0 = st->cur_t0;
        s->t1 = (uint32_t)t->ntok;
        s->start = t->tok[s->t0].start;
        s->end = end;
        s->term = term;
    }
    st->cur_t0 = (uint32_t)t->ntok;
    st->pending = false;
    st->term = 0;
}

/* the abbreviations a '.' does not end a sentence after, lower-cased, as little-endian words, by
 * length (two, three and six letters: a word of any other length is none of them) */
#define AB(a, b, c, d, e, f) ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 | \
                              (uint64_t)(e) << 32 | (uint64_t)(f) << 40)
static const uint64_t abbrevs2[] = {AB('m', 'r', 0, 0, 0, 0), AB('m', 's', 0, 0, 0, 0), AB('d', 'r', 0, 0, 0, 0),
                                    AB('v', 's', 0, 0, 0, 0), AB('s', 't', 0, 0, 0, 0)};
static const uint64_t abbrevs3[] = {AB('m', 'r', 's', 0, 0, 0), AB('e', 't', 'c', 0, 0, 0), AB('r', 'e', 'f', 0, 0, 0),
                                    AB('i', 'n', 'c', 0, 0, 0), AB('l', 't', 'd', 0, 0, 0)};
static const uint64_t abbrev6 = AB('a', 'p', 'p', 'r', 'o', 'x');
#undef AB
_Static_assert(sizeof abbrevs2 == sizeof abbrevs3, "abbreviation() compares as many of each");

static bool abbreviation(const ctext *t)
{
    if (!t->ntok) return false;
    const ctok *k = &t->tok[t->ntok - 1];
    size_t n = k->end - k->start;
    const char *p = t->s + k->start;
    if (n == 1 && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')) && p[0] != 'I' && p[0] != 'a') return true;
    if ((n != 2 && n != 3 && n != 6) || !(k->flags & TF_ASCII)) return false; /* a non-ASCII word is none of them */
    /* the word's folded bytes against every entry of its length at once, without a branch per
     * entry (or the strncasecmp calls that were a tenth of the tokenizer's mispredictions on short
     * texts); fold has 16 bytes of room past the text, so the 8-byte load stays inside it */
    uint64_t w = coach_load64((const unsigned char *)t->fold + k->start) & (~0ULL >> (64 - 8 * n));
    if (n == 6) return w == abbrev6;
    const uint64_t *ab = n == 2 ? abbrevs2 : abbrevs3;
    unsigned hit = 0;
    for (size_t i = 0; i < sizeof abbrevs2 / sizeof abbrevs2[0]; i++) hit |= w == ab[i];
    return hit;
}

/* ASCII byte classes, one table lookup per byte: letters and digits continue a word; '.', '!', '?'
 * and '\n' can end a sentence; every other ASCII byte only separates; bytes >= 0x80 are decoded */
enum { CL_LOWER = 1, CL_UPPER = 2, CL_DIGIT = 4, CL_STOP = 8, CL_SKIP = 16, CL_HIGH = 32 };
#define CL_ALNUM (CL_LOWER | CL_UPPER | CL_DIGIT)
#define CL(b) ((b) >= 0x80 ? CL_HIGH : (b) >= 'a' && (b) <= 'z' ? CL_LOWER : (b) >= 'A' && (b) <= 'Z' ? CL_UPPER \
               : (b) >= '0' && (b) <= '9' ? CL_DIGIT : (b) == '.' || (b) == '!' || (b) == '?' || (b) == '\n' ? CL_STOP : CL_SKIP)
#define CL4(b) CL(b), CL((b) + 1), CL((b) + 2), CL((b) + 3)
#define CL16(b) CL4(b), CL4((b) + 4), CL4((b) + 8), CL4((b) + 12)
#define CL64(b) CL16(b), CL16((b) + 16), CL16((b) + 32), CL16((b) + 48)
static const uint8_t byte_class[256] = {CL64(0), CL64(64), CL64(128), CL64(192)};
#undef CL
#define CL(b) ((b) + 32 * ((b) >= 'A' && (b) <= 'Z'))
static const uint8_t lower_byte[256] = {CL64(0), CL64(64), CL64(128), CL64(192)};

/* A word in capitals is emphasis only when it is a word: a code, a product name or an
 * acronym the word lists do not know ("HMAC-SHA256", "40GB", "IBAN", "TOTP", "K7TQ2P") is
 * written that way and is not shouting. So: a digit in it, or four letters or fewer that the
 * lexicon does not know, makes it a code ("NOW", "NEVER", "FOUR" are known words). */
static bool caps_is_code(const ctext *t, const ctok *k, int32_t wi)
{
    for (uint32_t b = k->start; b < k->end; b++)
        if (t->s[b] >= '0' && t->s[b] <= '9') return true;
    return wi < 0 && k->end - k->start <= 4;
}

/* each sentence's walk bits, and the text's: its tokens' or-ed */
static void sentence_walk_bits(ctext *t)
{
    uint64_t any = 0;
    const uint64_t *kwm = t->kwm;
    for (size_t si = 0; si < t->nsent; si++) {
        csent *s = &t->sent[si];
        uint64_t kw = 0;
        for (uint32_t i = s->t0; i < s->t1; i++) kw |= kwm[i];
        s->kw = kw;
        any |= kw;
    }
    t->kw_any = any;
}

/* what the lookup pass keeps over a text's tokens (in registers): the two lists' next entries,
 * which of the last tokens carry a modifier, and the tokens' flags or-ed */
typedef struct lk_count { uint32_t *feel, *phr; unsigned recent, flags; } lk_count;

/* the all-caps words (rare): a code or unknown acronym is marked, the others counted, in a walk of
 * their own after the lookup so the lookup's loop keeps its registers for the common token */
static void caps_words(ctext *t)
{
    uint32_t ncaps = 0, ncaps_words = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        ctok *k = &t->tok[i];
        if (!(k->flags & TF_CAPS)) continue;
        if (caps_is_code(t, k, k->word)) k->flags |= TF_CODE;
        else ncaps += !(k->wflags & COACH_W_ACRONYM), ncaps_words++;
    }
    t->ncaps = ncaps;
    t->ncaps_words = ncaps_words;
}

/* One token of the lookup pass: its word and the word's fields, its walk bits (returned), and
 * whether coach_feel and coach_match list it. extra is NULL or not at each call site, so each
 * copy of the loop has its own test folded away. */
static inline __attribute__((always_inline)) uint64_t lookup_token(ctext *t, size_t i, const coach_lexicon *extra,
                                                                   size_t mask, const uint64_t *wkw, lk_count *c)
{
    ctok *k = &t->tok[i];
    int32_t wi = word_find(k->h, mask);
    k->word = wi;
    /* whether a token matters to coach_feel (a feeling, a modifier, '!' or '?') is a coin toss
     * per token: gathered here without a branch (written every time, counted only when it
     * matters), so coach_feel's loop runs over those alone */
    uint32_t carry = (uint32_t)((k->excl | k->quest) != 0);
    unsigned wflags = 0, mod = 0;
    uint64_t m = (uint64_t)(k->kind == TK_NUM) << KWW_NUM; /* the walk bits */
    if (wi >= 0) {
        /* copied, so later passes stay in the token array */
        const coach_word *wd = &coach_words[wi];
        k->h = wd->h;
        k->lex = wd->lex;
        m |= wkw[wi];
        wflags = wd->flags;
        carry |= (wflags & COACH_W_FEELS) != 0;
        /* the same for whether it starts a phrase (coach_match) */
        *c->phr = (uint32_t)i;
        c->phr += (wflags & COACH_W_PHRASE) != 0;
        mod = wd->mod;
    } else m |= coach_kw_walk[k->h & 1023];
    c->flags |= k->flags;
    k->mods_before = (uint8_t)(c->recent & 7);
    c->recent = (c->recent << 1) | (mod != 0);
    if (extra) {
        k->xword = extra_find(extra, k->h);
        carry |= (uint32_t)(k->xword >= 0);
    }
    *c->feel = (uint32_t)i;
    c->feel += carry;
    return m;
}

/* the pass over every sentence's tokens, then any after the last sentence (none: the scan closes
 * one at the end); each sentence gets its tokens' walk bits or-ed */
static inline __attribute__((always_inline)) void lookup_all(ctext *t, const coach_lexicon *extra)
{
    uint32_t *feel = t->feel, *phr = t->feel + coach_tok_bound(t->len);
    lk_count c = {feel, phr, 0, 0};
    size_t mask = coach_index_mask, n = t->ntok, i = 0;
    const uint64_t *wkw = word_kw;
    uint64_t *kwm = t->kwm, any = 0;
    for (size_t si = 0; si < t->nsent; si++) {
        csent *s = &t->sent[si];
        uint64_t kw = 0;
        for (size_t e = s->t1; i < e; i++) {
            uint64_t m = lookup_token(t, i, extra, mask, wkw, &c);
            kwm[i] = m;
            kw |= m;
        }
        s->kw = kw;
        any |= kw;
    }
    for (; i < n; i++) {
        uint64_t m = lookup_token(t, i, extra, mask, wkw, &c);
        kwm[i] = m;
        any |= m;
    }
    t->kw_any = any;
    t->nfeel = (size_t)(c.feel - feel);
    t->phr = phr;
    t->nphr = (size_t)(c.phr - phr);
    t->ncontrast = (uint32_t)(any >> KWW_CONTRAST & 1);
    t->ncaps = t->ncaps_words = 0;
    if (c.flags & TF_CAPS) caps_words(t);
}

/* Every token's word in the lexicon, in a pass of its own after the scan: the index and
 * coach_words do not fit in L1, so each token's index slot is prefetched when its hash is made
 * and the cache misses overlap instead of stalling one at a time. (Looking up in the scan
 * itself, a token behind, was tried: its counters left registers and it cost more.) Not inlined
 * into the scan, whose state would crowd its registers, and one copy of the loop for a text
 * without an organisation's lexicon (most), one with. */
static __attribute__((noinline)) void lookup_words(ctext *t, const coach_lexicon *extra)
{
    if (extra) lookup_all(t, extra);
    else lookup_all(t, NULL);
}

/* what a word's scan learns besides its end: the classes of its ASCII bytes, and counts of its
 * non-ASCII capitals and small letters */
typedef struct wscan { unsigned seen; int upper, lower; bool first_upper, ascii; } wscan;

/* A word from byte i: letters, digits, an apostrophe between letters, a '.', ',' or ':' between
 * digits; returns its end. Writes the lower-cased bytes of an ASCII word to fold. The hash is
 * taken afterwards (word_hash). */
static size_t scan_word(const unsigned char *s, size_t len, size_t i, char *fold, const unsigned char *tail, size_t base,
                        wscan *w)
{
    /* locals, not *w: the stores to fold (a char array) could alias it */
    unsigned seen = 0;
    size_t j = i;
    w->first_upper = byte_class[s[i]] == CL_UPPER;
    for (;;) {
#ifdef __SSE2__
        /* ASCII letters and digits sixteen bytes at a time, classified and lower-cased together:
         * the word's end is a count of trailing ones, not a loop that stops at an unknown byte */
        {
            /* the text's last bytes from tail (a copy of s from base, zeros after it: not letters,
             * so the word ends there), rather than a byte loop whenever a word is near the end,
             * which on short texts was a coin toss */
            const unsigned char *src = j >= base ? tail + (j - base) : s + j;
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)src);
            /* signed compares: bytes >= 0x80 are negative and fall outside every range */
            __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
            __m128i lo = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
            __m128i dg = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(up, lo), dg));
            unsigned run = (unsigned)__builtin_ctz(~m), keep = (1u << run) - 1;
            _mm_storeu_si128((__m128i *)(void *)(fold + j), _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20))));
            seen |= ((unsigned)_mm_movemask_epi8(up) & keep ? CL_UPPER : 0) | ((unsigned)_mm_movemask_epi8(lo) & keep ? CL_LOWER : 0);
            j += run;
            if (run == 16) continue;
        }
#else
        {
            /* without SSE2, a byte at a time */
            while (j < len) {
                unsigned char b = s[j];
                unsigned c = byte_class[b];
                if (!(c & CL_ALNUM)) break;
                seen |= c;
                fold[j] = (char)lower_byte[b];
                j++;
            }
        }
#endif
        if (j >= len) break;
        unsigned char b = s[j];
        if (b >= 0x80) {
            int32_t cp;
            int m = decode(s, len, j, &cp);
            if (cp >= 0 && is_wordcp(cp)) {
                utf8proc_category_t cat = utf8proc_category(cp);
                if (cat == UTF8PROC_CATEGORY_LU) { w->upper++; if (j == i) w->first_upper = true; }
                else if (cat == UTF8PROC_CATEGORY_LL) w->lower++;
                w->ascii = false;
                j += (size_t)m;
                continue;
            }
            /* a curly apostrophe inside a word (don’t) */
            if (cp >= 0 && is_apos(cp) && j + (size_t)m < len) {
                int32_t c2;
                decode(s, len, j + (size_t)m, &c2);
                if (c2 >= 0 && is_wordcp(c2) && !(c2 >= '0' && c2 <= '9')) {
                    w->ascii = false;
                    j += (size_t)m;
                    continue;
                }
            }
            break;
        }
        /* an apostrophe inside a word (don't, customer's) */
        if (b == '\'' && j + 1 < len) {
            int32_t c2;
            decode(s, len, j + 1, &c2);
            if (c2 >= 0 && is_wordcp(c2) && !(c2 >= '0' && c2 <= '9')) {
                fold[j] = '\'';
                j++;
                continue;
            }
        }
        /* a decimal point, thousands separator or clock colon inside a number */
        /* (the digit before first: a word rarely ends in one, while '.' or ',' after a word is a
         * coin toss) */
        if (j > i && s[j - 1] >= '0' && s[j - 1] <= '9' && (b == '.' || b == ',' || b == ':') && j + 1 < len &&
            s[j + 1] >= '0' && s[j + 1] <= '9') {
            fold[j] = (char)b;
            j++;
            continue;
        }
        break;
    }
    w->seen = seen;
    return j;
}

/* the hash of the word in bytes [i, j): from its folded bytes if it is ASCII (a word of up to
 * sixteen bytes in one or two steps, reading past it into fold's padding and masking that off),
 * otherwise normalised again character by character */
static uint64_t word_hash(const unsigned char *s, size_t len, size_t i, size_t j, const char *fold, bool ascii)
{
    size_t n = j - i;
    if (ascii) {
        const unsigned char *f = (const unsigned char *)fold + i;
        uint64_t a = coach_load64(f), b = coach_load64(f + 8);
        if (n <= 8) return coach_hash_fin(coach_hash_step(COACH_HASH_SEED, a & (~0ULL >> (64 - 8 * n))), n);
        if (n <= 16) return coach_hash_fin(coach_hash_step(coach_hash_step(COACH_HASH_SEED, a), b & (~0ULL >> (128 - 8 * n))), n);
        return coach_hash_str((const char *)f, n);
    }
    coach_hasher hs;
    coach_hasher_init(&hs);
    for (size_t p = i; p < j;) {
        if (s[p] < 0x80) { coach_hasher_put(&hs, lower_byte[s[p]]); p++; continue; }
        int32_t cp;
        int m = decode(s, len, p, &cp);
        if (is_wordcp(cp)) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t en = utf8proc_encode_char(utf8proc_tolower(cp), enc);
            for (utf8proc_ssize_t e = 0; e < en; e++) coach_hasher_put(&hs, enc[e]);
        } else coach_hasher_put(&hs, '\''); /* the scan let only apostrophes through */
        p += (size_t)m;
    }
    return coach_hasher_end(&hs);
}

/* the '.' at byte i follows a line's opening number, "1. Whether ...": a list's marker, not the
 * end of a sentence */
static bool list_number(const tstate *st, size_t i)
{
    const ctext *t = st->t;
    if (t->ntok != st->cur_t0 + 1) return false;
    const ctok *k = &t->tok[t->ntok - 1];
    if (k->kind != TK_NUM || k->end != i || k->end - k->start > 2 || i + 1 >= st->len || st->s[i + 1] != ' ') return false;
    size_t a = k->start;
    while (a > 0 && (st->s[a - 1] == ' ' || st->s[a - 1] == '\t')) a--;
    return a == 0 || st->s[a - 1] == '\n';
}

/* a token starts: close the sentence a terminator left pending, and return the token's slot */
static inline ctok *open_token(tstate *st)
{
    if (st->pending) close_sentence(st, st->pend_end, st->term);
    return &st->t->tok[st->t->ntok];
}

/* a terminator or line break at byte i (n bytes long): '!' and '?' (and their full-width forms)
 * count on the token before them; they, '.', '…' and '。' end the sentence at the next token;
 * a line break ends it at once */
static inline void terminator(tstate *st, int32_t cp, size_t i, size_t n)
{
    ctext *t = st->t;
    const unsigned char *s = st->s;
    if (cp == '!' || cp == '?' || cp == 0xFF01 || cp == 0xFF1F) {
        bool q = cp == '?' || cp == 0xFF1F;
        if (t->ntok > st->cur_t0) {
            ctok *k = &t->tok[t->ntok - 1];
            if (q) { if (k->quest < 255) k->quest++; }
            else if (k->excl < 255) k->excl++, t->nexcl++;
            if (q) st->term = '?';
            else if (st->term != '?') st->term = '!';
            st->pending = true;
            st->pend_end = (uint32_t)(i + n);
        }
    } else if (cp == '.' || cp == 0x2026 || cp == 0x3002) {
        bool inner = cp == '.' && i + 1 < st->len && (ascii_alnum(s[i + 1]) || s[i + 1] >= 0x80);
        if (t->ntok > st->cur_t0 && !inner && !(cp == '.' && (abbreviation(t) || list_number(st, i)))) {
            if (!st->term) st->term = '.';
            st->pending = true;
            st->pend_end = (uint32_t)(i + n);
        }
    } else if (cp == '\n') {
        if (st->pending) close_sentence(st, st->pend_end, st->term);
        else if (t->ntok > st->cur_t0) close_sentence(st, t->tok[t->ntok - 1].end, '\n');
    }
}

/* One step of the general tokenizer at byte i (a token, a terminator or a separator); returns
 * where the next step starts. Any byte sequence can go through here alone (coach_tokenize_general);
 * the fast path below hands it what is not a plain ASCII word. */
static size_t step_general(tstate *st, size_t i)
{
    ctext *t = st->t;
    const unsigned char *s = st->s;
    size_t len = st->len;
    unsigned c = byte_class[s[i]];
    if (c == CL_SKIP) return i + 1; /* separators, without decoding */
    int32_t cp = s[i];
    int n = 1;
    bool emoji = false;
    if (c == CL_HIGH) {
        n = decode(s, len, i, &cp);
        emoji = cp >= 0 && is_emoji(cp);
        if (emoji || (cp >= 0 && is_wordcp(cp))) c = CL_LOWER; /* a token starts here */
    }
    if (c & CL_ALNUM) {
        /* the bound holds for words, which need a separator between them, but two-byte symbols
         * between one-letter words ("¦a¦a¦a") make more tokens: the rest of such a text is left */
        if (t->ntok >= st->cap_tok) return len;
        ctok *k = open_token(st);
        uint64_t h;
        uint8_t kind, flags = 0;
        size_t start = i;
        if (emoji) {
            h = coach_hash_str(t->s + i, (size_t)n);
            i += (size_t)n;
            kind = TK_EMOJI;
        } else {
            wscan w = {.ascii = true};
            i = scan_word(s, len, i, t->fold, st->tail, st->base, &w);
            h = word_hash(s, len, start, i, t->fold, w.ascii);
            kind = (s[start] >= '0' && s[start] <= '9') ? TK_NUM : TK_WORD;
            bool lower = (w.lower != 0) | ((w.seen & CL_LOWER) != 0), upper = (w.upper != 0) | ((w.seen & CL_UPPER) != 0);
            if (upper && !lower) {
                /* two capitals and no small letter: counted only here, where it can matter */
                int nup = w.upper;
                for (size_t b = start; b < i && nup < 2; b++) nup += byte_class[s[b]] == CL_UPPER;
                if (nup >= 2) flags |= TF_CAPS;
            }
            if (w.first_upper) flags |= TF_INITCAP;
            if (w.ascii) flags |= TF_ASCII;
            st->any_upper |= upper;
            st->any_lower |= lower;
        }
        __builtin_prefetch(&coach_word_index[coach_slot(h, coach_index_mask)]); /* for lookup_words */
        /* every field written once, in place of a memset; the lexicon is looked up afterwards.
         * stem holds the word's own hash until coach_stems works the stem out from it */
        *k = (ctok){.start = (uint32_t)start, .end = (uint32_t)i, .h = h, .stem = h, .word = -1, .xword = -1,
                    .sent = (uint32_t)t->nsent, .kind = kind, .flags = flags, .emo = -1};
        t->ntok++;
        return i;
    }
    terminator(st, cp, i, (size_t)n);
    return i + (size_t)n;
}

#ifdef __SSE2__
/* The fast path. A window of the text is classified sixteen bytes at a time into bit masks, one
 * bit per byte and 64 bytes to a word: the bytes of words (letters and digits, and the apostrophes
 * and '.' ',' ':' that scan_word joins into them), capitals, small letters, and the places the
 * loop must stop: where a word starts, '.', '!', '?', '\n', and every byte >= 0x80. The loop jumps
 * from one stop to the next with a count of trailing zeros, and measures a word the same way, so a
 * token costs no loop over its bytes and no branch per separator. A plain ASCII word shorter than
 * 64 bytes is taken here; anything else (a byte >= 0x80 in or right after the word, a longer word,
 * the terminators) goes to step_general. The fold copy is written for the whole window as it is
 * classified. Unit tests and the fuzzer hold this path to coach_tokenize_general, byte for byte. */
enum { WIN_BLOCKS = 16 }; /* a window: 1,024 bytes, and one block past it that words may run into */
/* glue: a byte >= 0x80, or an apostrophe before one: a word that ends there may go on (café,
 * don’t, l'été), so the general step takes it */
typedef struct wblock { uint64_t word, upper, lower, stop, glue; } wblock;
typedef struct wmask { size_t w0, nblk; wblock b[WIN_BLOCKS + 1]; } wmask;

/* the sixteen bytes at pos, zeros past the text (from st->tail near its end) */
static inline __m128i chunk_at(const tstate *st, size_t pos)
{
    if (pos + 16 <= st->len) return _mm_loadu_si128((const __m128i *)(const void *)(st->s + pos));
    if (pos < st->len) return _mm_loadu_si128((const __m128i *)(const void *)(st->tail + (pos - st->base)));
    return _mm_setzero_si128();
}
/* bytes from lo to hi: shifted so the range starts at -128, then one signed compare */
static inline __m128i in_range(__m128i x, unsigned char lo, unsigned char hi)
{
    __m128i y = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo)));
    return _mm_cmplt_epi8(y, _mm_set1_epi8((char)(-128 + (hi - lo + 1))));
}
static inline uint64_t movemask(__m128i v, unsigned shift) { return (uint64_t)(unsigned)_mm_movemask_epi8(v) << shift; }

/* the raw classes of one 64-byte block */
typedef struct rawblock { uint64_t up, lo, dg, apos, sep, stop, high; } rawblock;
/* one sixteen-byte chunk of them, at bit shift sh of the block */
static inline __attribute__((always_inline)) void classify_chunk(const tstate *st, size_t pos, unsigned sh, rawblock *r)
{
    __m128i x = chunk_at(st, pos);
    __m128i up = in_range(x, 'A', 'Z');
    /* fold has sixteen bytes of room past the text */
    _mm_storeu_si128((__m128i *)(void *)(st->t->fold + pos), _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20))));
    __m128i dot = _mm_cmpeq_epi8(x, _mm_set1_epi8('.'));
    r->up |= movemask(up, sh);
    r->lo |= movemask(in_range(x, 'a', 'z'), sh);
    r->dg |= movemask(in_range(x, '0', '9'), sh);
    r->apos |= movemask(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')), sh);
    r->sep |= movemask(_mm_or_si128(dot, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8(':')))), sh);
    r->stop |= movemask(_mm_or_si128(_mm_or_si128(dot, _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('!')), _mm_cmpeq_epi8(x, _mm_set1_epi8('?')))), sh);
    r->high |= movemask(x, sh);
}
/* written out chunk by chunk, so every shift is a constant and the block stays in registers */
static inline __attribute__((always_inline)) rawblock classify(const tstate *st, size_t pos)
{
    rawblock r = {0};
    size_t len = st->len;
    if (pos < len) classify_chunk(st, pos, 0, &r);
    if (pos + 16 < len) classify_chunk(st, pos + 16, 16, &r);
    if (pos + 32 < len) classify_chunk(st, pos + 32, 32, &r);
    if (pos + 48 < len) classify_chunk(st, pos + 48, 48, &r);
    return r;
}

/* the masks of the window from byte w0 */
static void window_masks(tstate *st, wmask *wm, size_t w0)
{
    size_t len = st->len, nb = (len - w0 + 63) / 64;
    if (nb > WIN_BLOCKS + 1) nb = WIN_BLOCKS + 1;
    wm->w0 = w0;
    wm->nblk = nb < WIN_BLOCKS ? nb : WIN_BLOCKS;
    /* the byte before the window joins an apostrophe or a number's '.' after it like a byte of the
     * window would (a window starts after a token or a terminator, so it never splits a word) */
    unsigned before = w0 ? byte_class[st->s[w0 - 1]] : 0;
    uint64_t carry_alnum = (before & CL_ALNUM) != 0, carry_digit = before == CL_DIGIT, carry_word = carry_alnum;
    rawblock cur = classify(st, w0), next;
    for (size_t b = 0; b < nb; b++, cur = next) {
        next = b + 1 < nb ? classify(st, w0 + 64 * (b + 1)) : (rawblock){0};
        uint64_t alnum = cur.up | cur.lo | cur.dg;
        uint64_t letter_after = ((cur.up | cur.lo) >> 1) | ((next.up | next.lo) << 63);
        uint64_t digit_after = (cur.dg >> 1) | (next.dg << 63);
        /* scan_word's joins: an apostrophe after a letter or digit and before a letter (don't); a
         * '.', ',' or ':' between digits (3.50, 1,000, 12:30) */
        uint64_t joined = (cur.apos & ((alnum << 1) | carry_alnum) & letter_after) |
                          (cur.sep & ((cur.dg << 1) | carry_digit) & digit_after);
        uint64_t word = alnum | joined;
        /* every ASCII letter ends up in a token, fast or general, so the text's mix of cases
         * is its letters' (the general step adds its words' other letters) */
        st->any_upper |= cur.up != 0;
        st->any_lower |= cur.lo != 0;
        wm->b[b] = (wblock){.word = word, .upper = cur.up, .lower = cur.lo,
                            .stop = (word & ~((word << 1) | carry_word)) | (cur.stop & ~word) | cur.high,
                            .glue = cur.high | (cur.apos & ((cur.high >> 1) | (next.high << 63)))};
        carry_alnum = alnum >> 63;
        carry_digit = cur.dg >> 63;
        carry_word = word >> 63;
    }
    if (nb <= WIN_BLOCKS) wm->b[nb] = (wblock){0}; /* read past the last block by a word's end */
}

/* the plain ASCII word [p, p + n) as a token: its hash from the folded bytes, as word_hash takes
 * it; ups and lows are its capitals and small letters, a bit a byte */
static inline __attribute__((always_inline)) void ascii_word(tstate *st, size_t p, size_t n, uint64_t ups, uint64_t lows)
{
    ctext *t = st->t;
    unsigned flags = TF_ASCII | (unsigned)(ups & 1) * TF_INITCAP;
    /* all capitals: two or more, and no small letter (rare: a branch costs less) */
    if ((ups & (ups - 1)) && !lows) flags |= TF_CAPS;
    const unsigned char *f = (const unsigned char *)t->fold + p;
    uint64_t h;
    if (n <= 8) h = coach_hash_fin(coach_hash_step(COACH_HASH_SEED, coach_load64(f) & (~0ULL >> (64 - 8 * n))), n);
    else h = word_hash(st->s, st->len, p, p + n, t->fold, true);
    __builtin_prefetch(&coach_word_index[coach_slot(h, coach_index_mask)]); /* for lookup_words */
    ctok *k = open_token(st);
    *k = (ctok){.start = (uint32_t)p, .end = (uint32_t)(p + n), .h = h, .stem = h, .word = -1, .xword = -1,
                .sent = (uint32_t)t->nsent, .kind = st->s[p] <= '9' ? TK_NUM : TK_WORD, .flags = (uint8_t)flags, .emo = -1};
    t->ntok++;
}

/* the stop at bit o of block b (byte p) when it is not a word inside the block: a word that
 * reaches the block's end (read on into the next block), or anything for the general step;
 * returns where the scan goes on */
static size_t stop_slow(tstate *st, const wmask *wm, size_t b, unsigned o, size_t p)
{
    const wblock *k0 = &wm->b[b], *k1 = k0 + 1;
    /* this block's bits from o on, and the next block's after them */
#define FROM(f) ((k0->f >> o) | ((k1->f << 1) << (63 - o)))
    uint64_t word = FROM(word);
    if (!(word & 1) || !~word || st->t->ntok >= st->cap_tok) return step_general(st, p);
    size_t n = (size_t)__builtin_ctzll(~word);
    if (FROM(glue) >> n & 1) return step_general(st, p);
    uint64_t keep = (1ULL << n) - 1;
    ascii_word(st, p, n, FROM(upper) & keep, FROM(lower) & keep);
#undef FROM
    return p + n;
}

static void tokenize_fast(tstate *st)
{
    ctext *t = st->t;
    size_t len = st->len, i = 0;
    wmask wm;
    while (i < len) {
        size_t w0 = i, nblk;
        window_masks(st, &wm, w0);
        nblk = wm.nblk;
        size_t b = 0, base = w0; /* base: block b's first byte */
        const wblock *k = &wm.b[0];
        uint64_t bits = k->stop;
        for (;;) {
            while (!bits) {
                if (++b >= nblk) { i = w0 + 64 * nblk; goto next_window; } /* or the end */
                k = &wm.b[b];
                base += 64;
                bits = k->stop;
            }
            unsigned o = (unsigned)__builtin_ctzll(bits);
            size_t p = base + o;
            /* the first byte from o on that is in no word: the end of a word that starts at o */
            uint64_t after = ~k->word & (~0ULL << o);
            unsigned e = after ? (unsigned)__builtin_ctzll(after) : 64;
            bool word = k->word >> o & 1;
            /* the common case: a word that ends inside this block, with no glue after it */
            if (word && e < 64 && !(k->glue >> e & 1) && t->ntok < st->cap_tok) {
                unsigned n = e - o;
                uint64_t keep = (1ULL << n) - 1;
                ascii_word(st, p, n, (k->upper >> o) & keep, (k->lower >> o) & keep);
                bits &= ~0ULL << e;
                continue;
            }
            if (!word && st->s[p] < 0x80) { /* '.', '!', '?' or a line break */
                terminator(st, st->s[p], p, 1);
                bits &= bits - 1;
                continue;
            }
            i = stop_slow(st, &wm, b, o, p);
            size_t r = i - w0;
            b = r >> 6;
            if (b >= nblk) break;
            k = &wm.b[b];
            base = w0 + 64 * b;
            bits = k->stop & (~0ULL << (r & 63));
        }
    next_window:;
    }
}
#endif

/* the general tokenizer alone, byte by byte */
static void tokenize_general(tstate *st)
{
    for (size_t i = 0; i < st->len;) i = step_general(st, i);
}

static void tokenize_with(ctext *t, const coach_lexicon *extra, bool general)
{
    const unsigned char *s = (const unsigned char *)t->s;
    size_t len = t->len;
    tstate st = {.t = t, .s = s, .len = len, .cap_tok = coach_tok_bound(len)};
    t->ntok = t->nsent = 0;
    t->nexcl = 0;
    st.base = len > 16 ? len - 16 : 0;
#ifdef __SSE2__
    /* sixteen bytes in one move when the text has them (a call to memcpy of a varying length otherwise) */
    if (len >= 16) _mm_storeu_si128((__m128i *)(void *)st.tail, _mm_loadu_si128((const __m128i *)(const void *)(s + st.base)));
    else
#endif
        memcpy(st.tail, s + st.base, len - st.base);
#ifdef __SSE2__
    if (!general) tokenize_fast(&st);
    else tokenize_general(&st);
#else
    (void)general;
    tokenize_general(&st);
#endif
    if (st.pending) close_sentence(&st, st.pend_end, st.term);
    else if (t->ntok > st.cur_t0) close_sentence(&st, t->tok[t->ntok - 1].end, 0);
    t->mixed_case = st.any_lower && st.any_upper;
    lookup_words(t, extra);
    if (t->from_memo) memset(t->from_memo, 0xFF, COACH_FROM_MEMO * sizeof *t->from_memo);
}

void coach_tokenize(ctext *t, const coach_lexicon *extra) { tokenize_with(t, extra, false); }
void coach_tokenize_general(ctext *t, const coach_lexicon *extra) { tokenize_with(t, extra, true); }

/* ---- a language lexicon's text (Spanish): accents folded, its own words only ---- */

/* a vowel with an acute, grave, circumflex or diaeresis as the plain vowel; others unchanged
 * (ñ and ç are letters of their own) */
static int32_t plain_vowel(int32_t c)
{
    switch (c) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE4: return 'a';
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return 'e';
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return 'i';
    case 0xF2: case 0xF3: case 0xF4: case 0xF6: return 'o';
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return 'u';
    default: return c;
    }
}

/* every word hashed again from its own letters (the English lookup put British and American
 * spellings on one hash), a non-ASCII one with its vowels' accents dropped: "está" and "esta",
 * "envío" and "envio" are one word (customers often leave accents out) */
static void fold_accents(ctext *t)
{
    const unsigned char *s = (const unsigned char *)t->s;
    for (size_t i = 0; i < t->ntok; i++) {
        ctok *k = &t->tok[i];
        if (k->kind != TK_WORD) continue;
        if (k->flags & TF_ASCII) { k->h = k->stem = coach_hash_str(t->fold + k->start, k->end - k->start); continue; }
        coach_hasher hs;
        coach_hasher_init(&hs);
        for (size_t p = k->start; p < k->end;) {
            if (s[p] < 0x80) { coach_hasher_put(&hs, lower_byte[s[p]]); p++; continue; }
            int32_t cp;
            int m = decode(s, t->len, p, &cp);
            if (is_wordcp(cp)) {
                int32_t lc = plain_vowel(utf8proc_tolower(cp));
                utf8proc_uint8_t enc[4];
                utf8proc_ssize_t en = utf8proc_encode_char(lc, enc);
                for (utf8proc_ssize_t e = 0; e < en; e++) coach_hasher_put(&hs, enc[e]);
            } else coach_hasher_put(&hs, '\'');
            p += (size_t)m;
        }
        k->h = k->stem = coach_hasher_end(&hs);
    }
}

/* lookup_words for a language lexicon: the word's valence, emotion, modifier and classes from
 * lx alone (the English table is not read: "once", "sin", "red" are other words in Spanish) */
static void lookup_lang(ctext *t, const coach_lexicon *x)
{
    uint32_t nfeel = 0, ncaps = 0, ncaps_words = 0;
    unsigned recent = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        ctok *k = &t->tok[i];
        int32_t xi = extra_find(x, k->h);
        k->word = -1;
        k->xword = xi;
        k->lex = 0;
        k->emo = -1;
        uint32_t carry = (uint32_t)((k->excl | k->quest) != 0);
        if (xi >= 0) {
            const struct xword *w = &x->words[xi];
            k->val = w->val;
            k->emo = w->emo;
            k->emo_w = w->emo_w;
            k->mod = w->mod;
            k->mod_amt = w->mod_amt;
            k->wflags = w->wflags;
            carry |= (uint32_t)(w->val != 0 || w->emo >= 0 || w->mod != 0);
        }
        if (k->flags & TF_CAPS) {
            if (caps_is_code(t, k, xi)) k->flags |= TF_CODE;
            else ncaps += !(k->wflags & COACH_W_ACRONYM), ncaps_words++;
        }
        k->mods_before = (uint8_t)(recent & 7);
        recent = (recent << 1) | (k->mod != 0);
        t->kwm[i] = coach_kw_walk[k->h & 1023] | (uint64_t)(k->mod == COACH_MOD_NEGATOR) << KWW_NEGATOR |
                    (uint64_t)(k->kind == TK_NUM) << KWW_NUM | (uint64_t)((k->wflags & COACH_W_TIME) != 0) << KWW_TIME |
                    (uint64_t)(k->mod == COACH_MOD_CONTRAST) << KWW_CONTRAST;
        t->feel[nfeel] = (uint32_t)i;
        nfeel += carry;
    }
    t->nfeel = nfeel;
    t->phr = t->feel + coach_tok_bound(t->len);
    t->nphr = 0; /* coach_match visits every token when it has a lexicon */
    t->ncaps = ncaps;
    t->ncaps_words = ncaps_words;
    sentence_walk_bits(t);
    t->ncontrast = (uint32_t)(t->kw_any >> KWW_CONTRAST & 1);
}

/* the English tokenizer as it is (its English lookup is then undone): one copy of the scan, so
 * the English path compiles as before */
void coach_tokenize_lang(ctext *t, const coach_lexicon *lx)
{
    tokenize_with(t, NULL, false);
    fold_accents(t);
    lookup_lang(t, lx);
}
