/* Which language a text is in, roughly: enough to tell English, which the coach reads, from
 * German, Spanish, French, Italian, Portuguese and Dutch, and from scripts it cannot read at all.
 * Counts the common function words of each language among the first LANG_WORDS words (the
 * table packed into sorted 64-bit keys: a binary search over integers per word, and it stops
 * as soon as a text is plainly English); English wins unless
 * another language clearly leads. Pure: no I/O, no allocation. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "coach/coach.h"

enum { LANG_WORDS = 40, LANG_MAX_WORD = 8 };

static const char *const lang_codes[] = {"en", "de", "es", "fr", "it", "pt", "nl", "und"};

/* word -> the languages it is a common word of (bit i: lang_codes[i]); sorted by bytes */
static const struct { const char *w; uint8_t langs; } words[] = {
    {"aber", 0x02},
    {"about", 0x01},
    {"ai", 0x08},
    {"ainda", 0x20},
    {"al", 0x04},
    {"an", 0x01},
    {"anche", 0x10},
    {"ancora", 0x10},
    {"and", 0x01},
    {"are", 0x01},
    {"at", 0x01},
    {"au", 0x08},
    {"auch", 0x02},
    {"auf", 0x02},
    {"aux", 0x08},
    {"avec", 0x08},
    {"be", 0x01},
    {"bedankt", 0x40},
    {"bitte", 0x02},
    {"bonjour", 0x08},
    {"buenas", 0x04},
    {"buenos", 0x04},
    {"but", 0x01},
    {"can", 0x01},
    {"che", 0x10},
    {"ciao", 0x10},
    {"com", 0x20},
    {"come", 0x10},
    {"como", 0x04},
    {"con", 0x14},
    {"could", 0x01},
    {"cuando", 0x04},
    {"cu\xc3\xa1ndo", 0x04},
    {"cu\xc3\xa1nto", 0x04},
    {"c\xc3\xb3mo", 0x04},
    {"das", 0x02},
    {"dat", 0x40},
    {"de", 0x64},
    {"del", 0x14},
    {"della", 0x10},
    {"dem", 0x02},
    {"den", 0x02},
    {"der", 0x02},
    {"des", 0x08},
    {"desde", 0x24},
    {"di", 0x10},
    {"die", 0x02},
    {"do", 0x01},
    {"does", 0x01},
    {"du", 0x08},
    {"d\xc3\xb3nde", 0x04},
    {"een", 0x40},
    {"ein", 0x02},
    {"eine", 0x02},
    {"einen", 0x02},
    {"el", 0x04},
    {"elle", 0x08},
    {"em", 0x20},
    {"en", 0x44},
    {"er", 0x40},
    {"es", 0x06},
    {"est", 0x08},
    {"esta", 0x24},
    {"esto", 0x04},
    {"estoy", 0x04},
    {"est\xc3\xa1", 0x24},
    {"et", 0x08},
    {"eu", 0x20},
    {"for", 0x01},
    {"from", 0x01},
    {"f\xc3\xbcr", 0x02},
    {"gli", 0x10},
    {"gracias", 0x04},
    {"grazie", 0x10},
    {"habe", 0x02},
    {"haben", 0x02},
    {"hallo", 0x40},
    {"hat", 0x02},
    {"have", 0x01},
    {"hay", 0x04},
    {"heb", 0x40},
    {"hebben", 0x40},
    {"het", 0x40},
    {"ho", 0x10},
    {"hola", 0x04},
    {"how", 0x01},
    {"i", 0x01},
    {"ich", 0x02},
    {"if", 0x01},
    {"ihr", 0x02},
    {"ihre", 0x02},
    {"ik", 0x40},
    {"il", 0x18},
    {"is", 0x41},
    {"isso", 0x20},
    {"ist", 0x02},
    {"it", 0x01},
    {"je", 0x08},
    {"just", 0x01},
    {"j\xc3\xa1", 0x20},
    {"kann", 0x02},
    {"kunt", 0x40},
    {"k\xc3\xb6nnen", 0x02},
    {"la", 0x0c},
    {"las", 0x04},
    {"le", 0x08},
    {"les", 0x0c},
    {"lo", 0x14},
    {"los", 0x04},
    {"ma", 0x18},
    {"maar", 0x40},
    {"mais", 0x08},
    {"mas", 0x20},
    {"me", 0x05},
    {"mein", 0x02},
    {"meine", 0x02},
    {"merci", 0x08},
    {"mes", 0x08},
    {"met", 0x40},
    {"meu", 0x20},
    {"mi", 0x14},
    {"mia", 0x10},
    {"mijn", 0x40},
    {"minha", 0x20},
    {"mio", 0x10},
    {"mis", 0x04},
    {"mit", 0x02},
    {"mon", 0x08},
    {"muchas", 0x04},
    {"muito", 0x20},
    {"muy", 0x04},
    {"my", 0x01},
    {"ne", 0x08},
    {"necesito", 0x04},
    {"nel", 0x10},
    {"nicht", 0x02},
    {"niet", 0x40},
    {"no", 0x04},
    {"noch", 0x02},
    {"nog", 0x40},
    {"non", 0x10},
    {"not", 0x01},
    {"nous", 0x08},
    {"nuestra", 0x04},
    {"nuestro", 0x04},
    {"nur", 0x02},
    {"n\xc3\xa3o", 0x20},
    {"o", 0x20},
    {"obrigada", 0x20},
    {"obrigado", 0x20},
    {"oder", 0x02},
    {"of", 0x01},
    {"ol\xc3\xa1", 0x20},
    {"on", 0x01},
    {"ook", 0x40},
    {"or", 0x01},
    {"os", 0x24},
    {"ou", 0x08},
    {"para", 0x24},
    {"pas", 0x08},
    {"pedido", 0x24},
    {"per", 0x10},
    {"perch\xc3\xa9", 0x10},
    {"pero", 0x04},
    {"please", 0x01},
    {"por", 0x24},
    {"porque", 0x04},
    {"pour", 0x08},
    {"puede", 0x04},
    {"pueden", 0x04},
    {"puedo", 0x04},
    {"que", 0x2c},
    {"quer\xc3\xad" "a", 0x04},
    {"questa", 0x10},
    {"questo", 0x10},
    {"qui", 0x08},
    {"quiero", 0x04},
    {"qu\xc3\xa9", 0x04},
    {"schon", 0x02},
    {"se", 0x04},
    {"seu", 0x20},
    {"si", 0x1c},
    {"sie", 0x02},
    {"sind", 0x02},
    {"sono", 0x10},
    {"su", 0x04},
    {"sua", 0x20},
    {"suis", 0x08},
    {"sul", 0x10},
    {"sur", 0x08},
    {"sus", 0x04},
    {"tambi\xc3\xa9n", 0x04},
    {"tengo", 0x04},
    {"that", 0x01},
    {"the", 0x01},
    {"them", 0x01},
    {"there", 0x01},
    {"they", 0x01},
    {"this", 0x01},
    {"tiene", 0x04},
    {"tienen", 0x04},
    {"to", 0x01},
    {"u", 0x40},
    {"um", 0x20},
    {"uma", 0x20},
    {"un", 0x0c},
    {"una", 0x14},
    {"und", 0x02},
    {"une", 0x08},
    {"uns", 0x02},
    {"usted", 0x04},
    {"ustedes", 0x04},
    {"uw", 0x40},
    {"van", 0x40},
    {"voc\xc3\xaa", 0x20},
    {"voor", 0x40},
    {"vos", 0x08},
    {"votre", 0x08},
    {"vous", 0x08},
    {"waarom", 0x40},
    {"warum", 0x02},
    {"was", 0x03},
    {"wat", 0x40},
    {"we", 0x41},
    {"wenn", 0x02},
    {"what", 0x01},
    {"when", 0x01},
    {"where", 0x01},
    {"why", 0x01},
    {"wie", 0x02},
    {"will", 0x01},
    {"wir", 0x02},
    {"with", 0x01},
    {"would", 0x01},
    {"y", 0x04},
    {"ya", 0x04},
    {"you", 0x01},
    {"your", 0x01},
    {"zijn", 0x40},
    {"zu", 0x02},
};

/* the table as 64-bit keys (a word of up to 8 bytes packed, zero-padded) in an open-addressing
 * hash set made once: a lookup is a multiply and, for most words (not in the table), one probe
 * of an empty slot */
enum { NWORDS = sizeof words / sizeof words[0], KEY_SLOTS = 1024 };
_Static_assert(NWORDS * 2 < KEY_SLOTS, "the language words' hash set must stay under half full");
static uint64_t keys[KEY_SLOTS];
static uint8_t key_langs[KEY_SLOTS];
/* a byte's lower-case letter, itself for a byte of a UTF-8 sequence (0x80 and up), 0 if not a letter */
static unsigned char fold[256];

static uint64_t pack(const char *w, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n && i < 8; i++) k |= (uint64_t)(unsigned char)w[i] << (8 * (7 - i)); /* byte order = string order */
    return k;
}

static size_t key_slot(uint64_t k) { return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 54); /* the top 10 bits */ }

/* made before main, as the coach's other derived tables are (no pthread_once read on every call) */
__attribute__((constructor)) static void keys_init(void)
{
    for (size_t i = 0; i < NWORDS; i++) {
        uint64_t k = pack(words[i].w, strlen(words[i].w));
        size_t j = key_slot(k);
        while (keys[j] && keys[j] != k) j = (j + 1) & (KEY_SLOTS - 1);
        keys[j] = k;
        key_langs[j] |= words[i].langs;
    }
    for (int c = 0; c < 256; c++)
        fold[c] = (unsigned char)(c >= 'a' && c <= 'z' ? c : c >= 'A' && c <= 'Z' ? c + 32 : c >= 0x80 ? c : 0);
}

const char *coach_language_code(coach_language l) { return (unsigned)l < sizeof lang_codes / sizeof lang_codes[0] ? lang_codes[l] : "und"; }

static unsigned lookup(uint64_t k)
{
    /* the first slot without a branch on which it holds (whether a word is in the table is a coin
     * toss): its languages if it is the word, none if it is the word or empty */
    size_t j = key_slot(k);
    uint64_t v = keys[j];
    if (__builtin_expect(v == k || !v, 1)) return key_langs[j] & (0u - (unsigned)(v == k));
    for (;;) {
        j = (j + 1) & (KEY_SLOTS - 1);
        if (keys[j] == k) return key_langs[j];
        if (!keys[j]) return 0;
    }
}

/* Spanish '¡' and '¿' (U+00A1, U+00BF) open a sentence: not part of the word after them (a word
 * is not looked at for them once it has started: they come after a space) */
static bool opener(const char *s, size_t len, size_t i)
{
    return (unsigned char)s[i] == 0xC2 && i + 1 < len && ((unsigned char)s[i + 1] == 0xA1 || (unsigned char)s[i + 1] == 0xBF);
}

#ifdef __SSE2__
/* the letters among sixteen bytes (A-Z, a-z, and every byte >= 0x80, as fold has them), a bit each */
static inline unsigned letter_bits(__m128i x)
{
    /* x | 0x20 folds capitals onto small letters; shifted so 'a'..'z' is the 26 lowest signed bytes */
    __m128i y = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
    __m128i az = _mm_cmplt_epi8(y, _mm_set1_epi8((char)(-128 + 26)));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(az, x)); /* or the high bit: >= 0x80 */
}
/* the set bits of a 16-bit mask */
static inline unsigned count16(unsigned v)
{
    v = v - ((v >> 1) & 0x5555u);
    v = (v & 0x3333u) + ((v >> 2) & 0x3333u);
    v = (v + (v >> 4)) & 0x0F0Fu;
    return (v + (v >> 8)) & 0x1Fu;
}
#endif

coach_language coach_detect_language(const char *s, size_t len)
{
    int hits[COACH_LANG_UNDETERMINED] = {0};
    size_t ascii_letters = 0, other_letters = 0;
    int nwords = 0, other = 0; /* other: the most hits of a language but English (hits only grow) */
    uint64_t seen[LANG_WORDS];     /* the keys of the other languages' words met so far */
    int nseen = 0;
    size_t i = 0;
#ifdef __SSE2__
    /* the text's last sixteen bytes (from base) and zeros after them, which are not letters: the
     * loop reads sixteen bytes at a time up to the end */
    size_t base = len > 16 ? len - 16 : 0;
    unsigned char tail[32] = {0};
    if (len >= 16) _mm_storeu_si128((__m128i *)(void *)tail, _mm_loadu_si128((const __m128i *)(const void *)(s + base)));
    else if (len) memcpy(tail, s, len);
#endif
    while (i < len && nwords < LANG_WORDS) {
        unsigned char c = (unsigned char)s[i];
        size_t n = 0, high = 0;
        uint64_t k = 0;
#ifdef __SSE2__
        /* sixteen bytes at a time: the gap to the next letter, then a word shorter than sixteen
         * bytes measured, folded and packed without a loop over it */
        {
            const unsigned char *src = i + 16 <= len ? (const unsigned char *)s + i : tail + (i - base);
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)src);
            unsigned m = letter_bits(x);
            if (!(m & 1)) { i += m ? (size_t)__builtin_ctz(m) : 16; continue; }
            if (c == 0xC2 && opener(s, len, i)) { i += 2; continue; }
            if (m != 0xFFFFu) {
                n = (size_t)__builtin_ctz(~m);
                unsigned hm = (unsigned)_mm_movemask_epi8(x) & ((1u << n) - 1);
                high = hm ? count16(hm) : 0;
                /* capitals to small letters, then the first eight bytes in string order */
                __m128i up = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 'A'))), _mm_set1_epi8((char)(-128 + 26)));
                uint64_t w;
                _mm_storel_epi64((__m128i *)(void *)&w, _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20))));
                w &= ~0ULL >> (8 * (8 - (n < 8 ? n : 8))); /* the word's first eight bytes at most */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
                k = w;
#else
                k = __builtin_bswap64(w);
#endif
                /* on to the next letter this chunk shows (the bytes between are not letters, which
                 * the loop would pass over anyway), else past the chunk */
                unsigned rest = m >> n;
                i += rest ? n + (size_t)__builtin_ctz(rest) : 16;
                goto word;
            }
        }
#endif
        if (!fold[c]) { i++; continue; }
        if (c == 0xC2 && opener(s, len, i)) { i += 2; continue; }
        /* the word, lower-cased, packed into a key as it is read (the first LANG_MAX_WORD bytes) */
        for (unsigned char f; i < len && (f = fold[(unsigned char)s[i]]); i++, n++) {
            high += f >> 7;
            if (n < LANG_MAX_WORD) k |= (uint64_t)f << (8 * (7 - n));
        }
#ifdef __SSE2__
    word:
#endif
        other_letters += high;
        ascii_letters += n - high;
        bool fits = n <= LANG_MAX_WORD;
        /* (an apostrophe after the word, "c'est", "don't", is skipped as any other non-letter) */
        if (!n) continue;
        nwords++;
        /* most words are not in the table: one probe of an empty slot says so */
        unsigned langs = fits ? lookup(k) : 0;
        /* no branch on whether the word is in the table: a word in none adds nothing below, and
         * the test for plain English cannot pass after one (it would have at the last hit) */
        hits[COACH_LANG_EN] += langs & 1;
        /* another language's word counts once: "no delivery, no email, no nothing" is English
         * with one Spanish-looking word said three times */
        if (langs & ~1u) {
            bool again = false;
            for (int j = 0; j < nseen && !again; j++) again = seen[j] == k;
            if (again) langs &= 1u;
            else if (nseen < (int)(sizeof seen / sizeof seen[0])) seen[nseen++] = k;
        }
        for (unsigned rest = langs & ~1u & ((1u << COACH_LANG_UNDETERMINED) - 1); rest; rest &= rest - 1) {
            int l = __builtin_ctz(rest);
            if (++hits[l] > other) other = hits[l];
        }
        /* plainly English already (most texts): the rest cannot change the answer much */
        if (hits[COACH_LANG_EN] >= 4 && other < 2 && nwords >= 4) return COACH_LANG_EN;
    }
    /* a script with few Latin letters (Cyrillic, Greek, Arabic, CJK...): not English */
    if (other_letters > 20 && other_letters > 2 * ascii_letters) return COACH_LANG_UNDETERMINED;
    if (nwords < 4) return COACH_LANG_EN; /* too little to say: read it */
    int best = COACH_LANG_EN;
    for (int l = 1; l < COACH_LANG_UNDETERMINED; l++)
        if (hits[l] > hits[best]) best = l;
    /* another language must lead clearly: a few French words in an English email are English */
    return best != COACH_LANG_EN && hits[best] >= 2 && hits[best] >= 2 * hits[COACH_LANG_EN] + 1 ? (coach_language)best : COACH_LANG_EN;
}
