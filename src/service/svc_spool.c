/* The spool every door writes files into (uploads, email attachments, the demo): a tmp
 * file hashed (SHA-256) as it is written, never held whole in memory; past MAIL_ATTACH_MAX
 * only counted. Its own file, with no store calls, so that the mail fuzzer links it. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "service/service.h"

struct svc_spool {
    int fd;
    char *path;
    long long size;
    bool failed;
    crypto_hash_sha256_state h;
};

svc_spool *svc_spool_open(const char *dir)
{
    svc_spool *sp = calloc(1, sizeof *sp);
    if (!sp || asprintf(&sp->path, "%s/f.XXXXXX", dir) < 0) {
        free(sp);
        return NULL;
    }
    sp->fd = mkstemp(sp->path);
    if (sp->fd < 0) {
        free(sp->path);
        free(sp);
        return NULL;
    }
    crypto_hash_sha256_init(&sp->h);
    return sp;
}

void svc_spool_write(svc_spool *sp, const void *data, size_t n)
{
    sp->size += (long long)n;
    if (sp->failed || sp->size > MAIL_ATTACH_MAX) return; /* over the limit: only its size matters now */
    crypto_hash_sha256_update(&sp->h, data, n);
    for (size_t off = 0; off < n;) {
        ssize_t wr = write(sp->fd, (const char *)data + off, n - off);
        if (wr < 0 && errno == EINTR) continue;
        if (wr <= 0) {
            sp->failed = true;
            return;
        }
        off += (size_t)wr;
    }
}

bool svc_spool_close(svc_spool *sp, arena *a, mail_attach_in *out)
{
    bool ok = !close(sp->fd) && !sp->failed;
    out->size = sp->size;
    out->too_large = sp->size > MAIL_ATTACH_MAX;
    out->sha256 = out->tmp_path = NULL;
    if (ok && !out->too_large) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&sp->h, digest);
        char hex[sizeof digest * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        out->sha256 = arena_strdup(a, hex);
        out->tmp_path = arena_strdup(a, sp->path);
    } else {
        unlink(sp->path);
    }
    free(sp->path);
    free(sp);
    return ok;
}
