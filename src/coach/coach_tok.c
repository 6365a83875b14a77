/* coach_tok: splits text into word, number and emoji tokens and into sentences,
 * in one pass over the bytes. Words are normalised as they are read (lower
 * case, curly apostrophes made straight) and hashed on the fly; nothing is
 * copied or allocated. Invalid UTF-8 bytes act as separators. */
#include <string.h>
#include <utf8proc.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"
#include "coach/coach_stem.h"

/* a word needs a separator after it and an emoji is at least two bytes */
size_t coach_tok_bound(size_t len) { return len / 2 + 2; }

/* stems from the raw bytes: ASCII words are lower-cased and suffix-stripped; any other word
 * keeps its full hash */
void coach_stems(ctext *t, uint32_t from, uint32_t to)
{
    /* tokens are in order of their start: find the first at or after `from` by halving */
    size_t lo = 0, hi = t->ntok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->tok[mid].start < from) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < t->ntok; i++) {
        ctok *k = &t->tok[i];
        if (k->end > to) break;
        size_t n = k->end - k->start;
        char b[64];
        bool ascii = k->kind == TK_WORD && n <= sizeof b;
        for (size_t j = 0; ascii && j < n; j++) {
            unsigned char c = (unsigned char)t->s[k->start + j];
            if (c >= 0x80) ascii = false;
            b[j] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        k->stem = ascii ? coach_stem_hash(b, n) : k->h;
        if (!k->stem) k->stem = 1;
    }
}

int32_t coach_word_find(uint64_t key)
{
    size_t s = coach_slot(key, coach_index_mask);
    for (;;) {
        uint32_t v = coach_word_index[s];  /* uint16 entries keep the index at 64 KiB */
        if (!v) return -1;
        if (coach_words[v - 1].key == key) return (int32_t)v - 1;
        s = (s + 1) & coach_index_mask;
    }
}

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
    size_t cap_tok;
    uint32_t cur_t0;      /* first token of the open sentence */
    bool pending;         /* a terminator was seen; the sentence closes at the next token */
    uint32_t pend_end;
    char term;
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

static bool abbreviation(const ctext *t)
{
    if (!t->ntok) return false;
    const ctok *k = &t->tok[t->ntok - 1];
    size_t n = k->end - k->start;
    const char *p = t->s + k->start;
    if (n == 1 && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')) && p[0] != 'I' && p[0] != 'a') return true;
    if (n > 6) return false;
    static const struct { const char *s; size_t n; } ab[] = {{"mr", 2}, {"mrs", 3}, {"ms", 2}, {"dr", 2}, {"vs", 2}, {"etc", 3},
                                                            {"approx", 6}, {"st", 2}, {"ref", 3}, {"inc", 3}, {"ltd", 3}};
    for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++)
        if (ab[i].n == n && !strncasecmp(ab[i].s, p, n)) return true;
    return false;
}

void coach_tokenize(ctext *t, const coach_lexicon *extra)
{
    const unsigned char *s = (const unsigned char *)t->s;
    size_t len = t->len, cap = coach_tok_bound(len);
    tstate st = {.t = t, .cap_tok = cap};
    bool any_lower = false, any_upper = false;
    t->ntok = t->nsent = 0;
    size_t i = 0;
    while (i < len) {
        /* the common separators, without decoding */
        if (s[i] == ' ' || s[i] == ',') { i++; continue; }
        int32_t cp;
        int n = decode(s, len, i, &cp);
        if (cp >= 0 && (is_wordcp(cp) || is_emoji(cp))) {
            if (t->ntok >= cap) break; /* cannot happen given the bound; kept as a guard */
            if (st.pending) close_sentence(&st, st.pend_end, st.term);
            ctok *k = &t->tok[t->ntok];
            memset(k, 0, sizeof *k);
            k->start = (uint32_t)i;
            k->sent = (uint32_t)t->nsent;
            uint64_t h = COACH_HASH_INIT;
            if (is_emoji(cp)) {
                for (int b = 0; b < n; b++) h = coach_hash_byte(h, s[i + b]);
                i += (size_t)n;
                k->kind = TK_EMOJI;
            } else {
                int upper = 0, lower = 0, digits = 0;
                bool first_upper = false;
                size_t j = i;
                while (j < len) {
                    /* fast path: ASCII letters and digits */
                    unsigned char b = s[j];
                    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
                        lower += b >= 'a';
                        digits += b <= '9';
                        h = coach_hash_byte(h, b);
                        j++;
                        continue;
                    }
                    int32_t c;
                    int m = decode(s, len, j, &c);
                    if (c >= 0 && is_wordcp(c)) {
                        if (c < 0x80) {
                            unsigned char lc = (unsigned char)c;
                            if (c >= 'A' && c <= 'Z') { lc = (unsigned char)(c + 32); upper++; if (j == i) first_upper = true; }
                            else if (c >= 'a' && c <= 'z') lower++;
                            else digits++;
                            h = coach_hash_byte(h, lc);
                        } else {
                            utf8proc_category_t cat = utf8proc_category(c);
                            if (cat == UTF8PROC_CATEGORY_LU) { upper++; if (j == i) first_upper = true; }
                            else if (cat == UTF8PROC_CATEGORY_LL) lower++;
                            utf8proc_uint8_t enc[4];
                            utf8proc_ssize_t en = utf8proc_encode_char(utf8proc_tolower(c), enc);
                            for (utf8proc_ssize_t e = 0; e < en; e++) {
                                h = coach_hash_byte(h, enc[e]);
                            }
                        }
                        j += (size_t)m;
                        continue;
                    }
                    /* an apostrophe inside a word (don't, customer's) */
                    if (c >= 0 && is_apos(c) && j + (size_t)m < len) {
                        int32_t c2;
                        decode(s, len, j + (size_t)m, &c2);
                        if (c2 >= 0 && is_wordcp(c2) && !(c2 >= '0' && c2 <= '9')) {
                            h = coach_hash_byte(h, '\'');
                            j += (size_t)m;
                            continue;
                        }
                    }
                    /* a decimal point, thousands separator or clock colon inside a number */
                    if ((c == '.' || c == ',' || c == ':') && j > i && s[j - 1] >= '0' && s[j - 1] <= '9' &&
                        j + 1 < len && s[j + 1] >= '0' && s[j + 1] <= '9') {
                        h = coach_hash_byte(h, (unsigned char)c);
                        j++;
                        continue;
                    }
                    break;
                }
                i = j;
                k->kind = (s[k->start] >= '0' && s[k->start] <= '9') ? TK_NUM : TK_WORD;
                if (upper >= 2 && lower == 0) k->flags |= TF_CAPS;
                if (first_upper) k->flags |= TF_INITCAP;
                if (upper) any_upper = true;
                if (lower) any_lower = true;
                (void)digits;
            }
            k->end = (uint32_t)i;
            k->word = coach_word_find(h);
            if (k->word >= 0) {
                const coach_word *w = &coach_words[k->word];
                k->h = w->h;
                k->val = w->val;
                k->emo = w->emo;
                k->emo_w = w->emo_w;
                k->mod = w->mod;
                k->mod_amt = w->mod_amt;
                k->wflags = w->flags;
            } else {
                k->h = h;
                k->emo = -1;
            }
            k->stem = 0; /* worked out later, only when questions need it (coach_stems) */
            k->xword = extra ? extra_find(extra, k->h) : -1;
            t->ntok++;
            continue;
        }
        if (cp == '!' || cp == '?' || cp == 0xFF01 || cp == 0xFF1F) {
            bool q = cp == '?' || cp == 0xFF1F;
            if (t->ntok > st.cur_t0) {
                ctok *k = &t->tok[t->ntok - 1];
                if (q) { if (k->quest < 255) k->quest++; }
                else if (k->excl < 255) k->excl++;
                if (q) st.term = '?';
                else if (st.term != '?') st.term = '!';
                st.pending = true;
                st.pend_end = (uint32_t)(i + (size_t)n);
            }
        } else if (cp == '.' || cp == 0x2026 || cp == 0x3002) {
            bool inner = cp == '.' && i + 1 < len && (ascii_alnum(s[i + 1]) || s[i + 1] >= 0x80);
            if (t->ntok > st.cur_t0 && !inner && !(cp == '.' && abbreviation(t))) {
                if (!st.term) st.term = '.';
                st.pending = true;
                st.pend_end = (uint32_t)(i + (size_t)n);
            }
        } else if (cp == '\n') {
            if (st.pending) close_sentence(&st, st.pend_end, st.term);
            else if (t->ntok > st.cur_t0) close_sentence(&st, t->tok[t->ntok - 1].end, '\n');
        }
        i += (size_t)n;
    }
    if (st.pending) close_sentence(&st, st.pend_end, st.term);
    else if (t->ntok > st.cur_t0) close_sentence(&st, t->tok[t->ntok - 1].end, 0);
    t->mixed_case = any_lower && any_upper;
}
