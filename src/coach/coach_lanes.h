#ifndef HEED_COACH_LANES_H
#define HEED_COACH_LANES_H
/* Sixteen 32-bit sums of 16-bit weights, the learned models' scores (coach_model.c,
 * coach_reply_model.c): a feature's weights are one aligned block of sixteen int16, added with
 * four vector adds where SSE2 is there (each lane doubled, then shifted back with its sign). */
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
typedef struct coach_lanes { __m128i acc[4]; } coach_lanes;
static inline void coach_lanes_zero(coach_lanes *l)
{
    for (int q = 0; q < 4; q++) l->acc[q] = _mm_setzero_si128();
}
static inline void coach_lanes_add(coach_lanes *l, const int16_t *w)
{
    const __m128i *wv = (const __m128i *)(const void *)w;
    __m128i a = _mm_load_si128(wv), b = _mm_load_si128(wv + 1);
    l->acc[0] = _mm_add_epi32(l->acc[0], _mm_srai_epi32(_mm_unpacklo_epi16(a, a), 16));
    l->acc[1] = _mm_add_epi32(l->acc[1], _mm_srai_epi32(_mm_unpackhi_epi16(a, a), 16));
    l->acc[2] = _mm_add_epi32(l->acc[2], _mm_srai_epi32(_mm_unpacklo_epi16(b, b), 16));
    l->acc[3] = _mm_add_epi32(l->acc[3], _mm_srai_epi32(_mm_unpackhi_epi16(b, b), 16));
}
static inline void coach_lanes_store(const coach_lanes *l, int32_t out[16])
{
    for (int q = 0; q < 4; q++) _mm_storeu_si128((__m128i *)(void *)&out[4 * q], l->acc[q]);
}
#else
typedef struct coach_lanes { int32_t z[16]; } coach_lanes;
static inline void coach_lanes_zero(coach_lanes *l)
{
    for (int o = 0; o < 16; o++) l->z[o] = 0;
}
static inline void coach_lanes_add(coach_lanes *l, const int16_t *w)
{
    for (int o = 0; o < 16; o++) l->z[o] += w[o];
}
static inline void coach_lanes_store(const coach_lanes *l, int32_t out[16])
{
    for (int o = 0; o < 16; o++) out[o] = l->z[o];
}
#endif
#endif
