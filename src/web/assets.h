#ifndef HEED_ASSETS_H
#define HEED_ASSETS_H
/* Files from assets/, embedded at build time by tools/embed.c, each with a gzip and
 * a Brotli copy made there (NULL when compressing saves too little to bother). */
#include <stddef.h>
struct asset {
    const char *name;
    const unsigned char *data;
    long len;
    const unsigned char *gz; /* gzip, or NULL */
    long gz_len;
    const unsigned char *br; /* Brotli, or NULL */
    long br_len;
};
extern const struct asset heed_assets[]; /* ends with {NULL} */
const struct asset *asset_find(const char *name);
/* The copy of a to send for a request's Accept-Encoding header (NULL: none sent): Brotli when
 * the client takes it, else gzip, else the file itself. Returns the Content-Encoding to
 * send ("br", "gzip") or NULL for the plain bytes; *data and *len the bytes. */
const char *asset_encoding(const struct asset *a, const char *accept_encoding, const unsigned char **data, long *len);
/* whether an Accept-Encoding header takes a content coding (its q above 0, or "*" so) */
#include <stdbool.h>
bool http_accepts_coding(const char *accept_encoding, const char *coding);
#endif
