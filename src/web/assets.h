#ifndef HEED_ASSETS_H
#define HEED_ASSETS_H
/* Files from assets/, embedded at build time by tools/embed.c. */
#include <stddef.h>
struct asset {
    const char *name;
    const unsigned char *data;
    long len;
};
extern const struct asset heed_assets[]; /* ends with {NULL} */
const struct asset *asset_find(const char *name);
#endif
