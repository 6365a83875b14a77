#ifndef HEED_COACH_HASH_H
#define HEED_COACH_HASH_H
/* The hash of a token's normalised bytes (lower case, ASCII apostrophe): the bytes taken eight
 * at a time as little-endian words (the last one zero-padded), each mixed in with a multiply,
 * then the length. Eight bytes per step instead of one lets the tokenizer hash
 * a short word in one or two steps, without a loop over its bytes. Two words of up to eight bytes
 * and the same length cannot collide (every step is a bijection); the generator refuses a
 * collision between any two words of the lexicon.
 * The generator and the tokenizer must hash identically: both use these functions. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define COACH_HASH_SEED 0x243F6A8885A308D3ULL

static inline uint64_t coach_hash_step(uint64_t h, uint64_t chunk)
{
    h = (h ^ chunk) * 0x9FB21C651E98DF25ULL;
    return h ^ (h >> 28);
}
/* the length, mixed in with one xor: a word's chunks already tell it apart from any other word
 * (no normalised word holds a 0x00 byte, so the zero padding cannot be mistaken for text), and
 * every table that keys on the hash mixes it again (coach_slot, coach_tag, coach_pair_bit), so a
 * murmur-style finaliser here only cost three multiplies a token */
static inline uint64_t coach_hash_fin(uint64_t h, size_t n)
{
    return h ^ (uint64_t)n;
}
/* eight bytes at p as a little-endian word */
static inline uint64_t coach_load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}
static inline uint64_t coach_hash_str(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = COACH_HASH_SEED;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) h = coach_hash_step(h, coach_load64(p + i));
    if (i < n) {
        uint64_t v = 0; /* the last 1..7 bytes, zero-padded */
        for (size_t k = 0; i + k < n; k++) v |= (uint64_t)p[i + k] << (8 * k);
        h = coach_hash_step(h, v);
    }
    return coach_hash_fin(h, n);
}

/* the same hash fed one byte at a time (for text that is normalised while it is read) */
typedef struct coach_hasher { uint64_t h, acc; size_t n; } coach_hasher;
static inline void coach_hasher_init(coach_hasher *s) { s->h = COACH_HASH_SEED; s->acc = 0; s->n = 0; }
static inline void coach_hasher_put(coach_hasher *s, unsigned char c)
{
    s->acc |= (uint64_t)c << (8 * (s->n & 7));
    if ((++s->n & 7) == 0) { s->h = coach_hash_step(s->h, s->acc); s->acc = 0; }
}
static inline uint64_t coach_hasher_end(const coach_hasher *s)
{
    return coach_hash_fin(s->n & 7 ? coach_hash_step(s->h, s->acc) : s->h, s->n);
}

/* the slot of a key in an open-addressing table of mask + 1 slots (mask < 2^24): the key is
 * mixed once more (Fibonacci hashing) and high bits are used */
static inline size_t coach_slot(uint64_t key, size_t mask)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 40) & mask;
}
/* 16 more bits of the mixed key, kept in the word index beside each entry: a lookup compares the
 * tag first, so a word that is not in the lexicon is mostly turned away by the 64 KiB index alone,
 * without reading coach_words (a cache miss) */
static inline uint32_t coach_tag(uint64_t key)
{
    return (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> 16) & 0xFFFFu;
}
/* a bit of the phrase-pair set (coach_phrase_pairs): one per pair of first and second word
 * canonical hashes, 16 bits of a mix of both */
enum { COACH_PAIR_BITS = 1 << 16 };
static inline unsigned coach_pair_bit(uint64_t first, uint64_t second)
{
    return (unsigned)(((first + second * 0x9E3779B97F4A7C15ULL) * 0xD6E8FEB86659FD93ULL) >> 48);
}
#endif
