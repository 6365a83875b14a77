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
#endif
