#include "web/assets.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const struct asset *asset_find(const char *name)
{
    for (const struct asset *a = heed_assets; a->name; a++)
        if (!strcmp(a->name, name)) return a;
    return NULL;
}

/* The gzip copies of the assets, made once (at the first request that accepts gzip) and kept
 * for the life of the process: compressing per request would cost more than it saves. */
enum { MAX_ASSETS = 64 };
static struct gz { unsigned char *data; size_t len; } gz[MAX_ASSETS];
static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

static void gzip_one(const struct asset *a, struct gz *out)
{
    z_stream z = {0};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16 /* gzip wrapper */, 9, Z_DEFAULT_STRATEGY) != Z_OK) return;
    size_t cap = deflateBound(&z, (uLong)a->len);
    unsigned char *p = malloc(cap);
    if (p) {
        z.next_in = (Bytef *)a->data;
        z.avail_in = (uInt)a->len;
        z.next_out = p;
        z.avail_out = (uInt)cap;
        if (deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < (uLong)a->len) {
            out->data = p;
            out->len = z.total_out;
        } else {
            free(p); /* no smaller: served as it is */
        }
    }
    deflateEnd(&z);
}

static void gzip_all(void)
{
    for (int i = 0; heed_assets[i].name && i < MAX_ASSETS; i++) gzip_one(&heed_assets[i], &gz[i]);
}

bool asset_gzip(const struct asset *a, const unsigned char **data, size_t *len)
{
    pthread_once(&gz_once, gzip_all);
    long i = a - heed_assets;
    if (i < 0 || i >= MAX_ASSETS || !gz[i].data) return false;
    *data = gz[i].data;
    *len = gz[i].len;
    return true;
}
