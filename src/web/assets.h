#ifndef HEED_ASSETS_H
#define HEED_ASSETS_H
/* Files from assets/, embedded at build time by tools/embed.c. */
#include <stdbool.h>
#include <stddef.h>
struct asset {
    const char *name;
    const unsigned char *data;
    long len;
};
extern const struct asset heed_assets[]; /* ends with {NULL} */
const struct asset *asset_find(const char *name);
/* the asset gzipped (made once, kept for the process); false when that would not be smaller */
bool asset_gzip(const struct asset *a, const unsigned char **data, size_t *len);
#endif
