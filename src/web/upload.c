/* multipart/form-data with files, streamed to spool files (see upload.h). */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/buf.h"
#include "util/log.h"
#include "web/upload.h"

/* text fields and file parts one form may have: a reply has a body, a few settings and at most
 * ATTACH_COUNT_MAX files; 200,000 tiny parts once cost 57 MB of bookkeeping */
enum { MAX_FIELDS = 32, MAX_FILE_PARTS = 4 * ATTACH_COUNT_MAX };

struct field {
    const char *name;
    buf value;
};

struct part { /* one file part, as it arrives */
    mail_attach_in in;
    svc_spool *sp;       /* NULL: past a limit, only counted (or done) */
    dev_t dev;           /* the spool file as made, so that upload_free removes only it */
    ino_t ino;
    const char *key;
    long long seen;      /* bytes of the part so far */
};

struct upload {
    struct MHD_PostProcessor *pp;
    arena a;
    char *dir;
    size_t fields_max, fields_len;
    struct field fields[MAX_FIELDS];
    int nfields;
    struct part *parts;
    int nparts, cparts;
    mail_attach_in *files; /* the result, made by upload_files */
    long long written;     /* bytes of files spooled so far */
    bool malformed, too_large, spool_failed, too_many_parts;
    bool drop_files;       /* upload_drop_files: file parts only counted */
};

bool upload_is_multipart(struct MHD_Connection *c)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    return ct && !strncasecmp(ct, "multipart/form-data", 19);
}

static void end_part(upload *u)
{
    if (!u->nparts) return;
    struct part *p = &u->parts[u->nparts - 1];
    if (!p->sp) {
        p->in.size = p->seen;
        return;
    }
    if (!svc_spool_close(p->sp, &u->a, &p->in)) u->spool_failed = true;
    p->sp = NULL;
    struct stat st;
    if (p->in.tmp_path && !stat(p->in.tmp_path, &st)) p->dev = st.st_dev, p->ino = st.st_ino;
}

static void begin_part(upload *u, const char *key, const char *filename, const char *content_type)
{
    end_part(u);
    struct part *p = arena_push(&u->a, &u->parts, &u->nparts, &u->cparts, sizeof *u->parts);
    p->key = arena_strdup(&u->a, key);
    p->in.filename = arena_strdup(&u->a, filename);
    p->in.content_type = content_type ? arena_strdup(&u->a, content_type) : NULL;
    /* past the count or the total, a file is only counted: the service refuses the request */
    if (!u->drop_files && u->nparts <= ATTACH_COUNT_MAX && u->written <= ATTACH_TOTAL_MAX) {
        p->sp = svc_spool_open(u->dir);
        if (!p->sp) u->spool_failed = true;
    }
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data,
                               uint64_t off, size_t size)
{
    upload *u = cls;
    if (!key) key = "";
    if (filename) {
        struct part *cur = u->nparts ? &u->parts[u->nparts - 1] : NULL;
        if (off == 0 && (!cur || cur->seen > 0 || strcmp(cur->key, key) || strcmp(cur->in.filename, filename))) {
            if (u->nparts == MAX_FILE_PARTS) {
                u->too_many_parts = true;
                return MHD_NO;
            }
            begin_part(u, key, filename, content_type);
        }
        struct part *p = &u->parts[u->nparts - 1];
        if (p->sp) {
            svc_spool_write(p->sp, data, size);
            u->written += (long long)size;
        }
        p->seen += (long long)size;
        return MHD_YES;
    }
    u->fields_len += size + strlen(key);
    if (u->fields_len > u->fields_max) {
        u->too_large = true;
        return MHD_NO;
    }
    struct field *f = u->nfields ? &u->fields[u->nfields - 1] : NULL;
    /* libmicrohttpd may announce a value with an empty chunk before its data: same field */
    if (!f || strcmp(f->name, key) || (off == 0 && f->value.len > 0)) {
        if (u->nfields == MAX_FIELDS) {
            u->malformed = true;
            return MHD_NO;
        }
        f = &u->fields[u->nfields++];
        f->name = arena_strdup(&u->a, key);
        buf_init(&f->value, size + 1);
    }
    buf_put(&f->value, data, size);
    return MHD_YES;
}

upload *upload_start(struct MHD_Connection *c, const char *spool_dir, size_t fields_max)
{
    upload *u = calloc(1, sizeof *u);
    if (!u) return NULL;
    arena_init(&u->a);
    u->dir = arena_strdup(&u->a, spool_dir);
    u->fields_max = fields_max;
    u->pp = MHD_create_post_processor(c, 65536, on_part, u);
    if (!u->pp) {
        arena_free(&u->a);
        free(u);
        return NULL;
    }
    return u;
}

void upload_feed(upload *u, const char *data, size_t n)
{
    if (u->malformed || u->too_large || !u->pp) return;
    if (u->too_many_parts) return;
    if (MHD_post_process(u->pp, data, n) != MHD_YES && !u->too_large && !u->too_many_parts) u->malformed = true;
}

int upload_finish(upload *u, const char **code, const char **message)
{
    if (u->pp) {
        if (MHD_destroy_post_processor(u->pp) != MHD_YES && !u->too_large && !u->too_many_parts) u->malformed = true;
        u->pp = NULL;
    }
    end_part(u);
    if (u->spool_failed) {
        log_errorf("upload: cannot write spool files in %s", u->dir);
        *code = "internal", *message = "the files could not be stored; see the server log";
        return 500;
    }
    if (u->too_many_parts) {
        *code = "too_many_parts", *message = "the form has more file parts than heed reads (40; a message takes 10 files)";
        return 400;
    }
    if (u->too_large) {
        *code = "body_too_large", *message = "the text fields of the form are larger than the limit";
        return 413;
    }
    if (u->malformed) {
        *code = "malformed_multipart", *message = "the multipart/form-data body could not be read";
        return 400;
    }
    return 0;
}

void upload_drop_files(upload *u)
{
    u->drop_files = true;
    struct part *p = u->nparts ? &u->parts[u->nparts - 1] : NULL;
    if (!p || !p->sp) return;
    mail_attach_in dropped = {0};
    svc_spool_close(p->sp, &u->a, &dropped); /* end_part then sets its size from p->seen */
    if (dropped.tmp_path) unlink(dropped.tmp_path);
    p->sp = NULL;
}

void upload_free(upload *u)
{
    if (!u) return;
    if (u->pp) MHD_destroy_post_processor(u->pp);
    end_part(u);
    for (int i = 0; i < u->nparts; i++) {
        struct stat st;
        const char *path = u->parts[i].in.tmp_path;
        /* still there and still ours (not moved to the store, not a new file of that name) */
        if (path && !stat(path, &st) && st.st_dev == u->parts[i].dev && st.st_ino == u->parts[i].ino) unlink(path);
    }
    for (int i = 0; i < u->nfields; i++) buf_free(&u->fields[i].value);
    arena_free(&u->a);
    free(u);
}

const char *upload_field(const upload *u, const char *name, bool *has_nul)
{
    for (int i = 0; i < u->nfields; i++) {
        const struct field *f = &u->fields[i];
        if (strcmp(f->name, name)) continue;
        const char *v = f->value.p ? f->value.p : "";
        if (has_nul) *has_nul = strlen(v) != f->value.len;
        return v;
    }
    return NULL;
}

const char *upload_unknown_field(const upload *u, const char *const *known)
{
    for (int i = 0; i < u->nfields; i++) {
        bool ok = false;
        for (const char *const *k = known; *k && !ok; k++) ok = !strcmp(*k, u->fields[i].name);
        if (!ok) return u->fields[i].name;
    }
    return NULL;
}

int upload_files(upload *u, mail_attach_in **files)
{
    int n = 0;
    u->files = u->nparts ? arena_alloc(&u->a, sizeof *u->files * (size_t)u->nparts) : NULL;
    for (int i = 0; i < u->nparts; i++) {
        const mail_attach_in *in = &u->parts[i].in;
        if (!*in->filename && in->size == 0) continue; /* a browser's file input with nothing chosen */
        u->files[n++] = *in;
    }
    *files = u->files;
    return n;
}

const char *upload_file_field(const upload *u)
{
    for (int i = 0; i < u->nparts; i++)
        if (*u->parts[i].in.filename || u->parts[i].in.size) return u->parts[i].key;
    return NULL;
}
