#ifndef HEED_COACH_HASH_H
#define HEED_COACH_HASH_H
/* FNV-1a over a token's normalised bytes (lower case, ASCII apostrophe).
 * The generator and the tokenizer must hash identically. */
#include <stddef.h>
#include <stdint.h>

#define COACH_HASH_INIT 1469598103934665603ULL
static inline uint64_t coach_hash_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ULL;
}
static inline uint64_t coach_hash_str(const char *s, size_t n)
{
    uint64_t h = COACH_HASH_INIT;
    for (size_t i = 0; i < n; i++) h = coach_hash_byte(h, (unsigned char)s[i]);
    return h;
}
/* the slot of a key in an open-addressing table of mask + 1 slots (mask < 2^24). FNV's low bits
 * cluster for short words, so the key is mixed first (Fibonacci hashing) and high bits are used. */
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
#endif
