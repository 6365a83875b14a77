/* gzip for dynamic responses. See compress.h. */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>
#include "web/compress.h"

bool compress_worth(const char *content_type, size_t len)
{
    if (len < COMPRESS_MIN_BYTES || !content_type) return false;
    return !strncmp(content_type, "text/html", 9) || !strncmp(content_type, "application/json", 16) ||
           !strncmp(content_type, "text/plain", 10) || !strncmp(content_type, "text/csv", 8);
}

int compress_gzip(const char *in, size_t n, char **out, size_t *outn)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip header and trailer around the deflate stream */
    if (deflateInit2(&z, COMPRESS_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    uLong cap = deflateBound(&z, (uLong)n);
    char *buf = malloc(cap);
    if (!buf) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *outn = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(buf);
        return -1;
    }
    *out = buf;
    return 0;
}
