#ifndef HEED_COMPRESS_H
#define HEED_COMPRESS_H
/* gzip for the pages and API answers heed makes as it goes (compress.c, zlib). A 50-message
 * ticket page is 65 KB of HTML and 6 KB gzip'd: over a phone's link the difference is the
 * wait. Level 1: most of the saving for a fraction of the CPU (docs/PERFORMANCE.md). */
#include <stdbool.h>
#include <stddef.h>

enum { COMPRESS_MIN_BYTES = 1024, COMPRESS_LEVEL = 1 };

/* whether a body of this content type and size is worth compressing */
bool compress_worth(const char *content_type, size_t len);
/* in[0..n) as a gzip member in a malloc'd *out; 0, or -1 (out of memory: send it plain) */
int compress_gzip(const char *in, size_t n, char **out, size_t *outn);
#endif
