/* Files agents attach to replies and notes: the rules a set of files must meet, and the
 * filing of the files inside the message's transaction. The bytes end up in the same
 * content-addressed store as email attachments (store_blob_put), the rows in the same
 * table (mail_attachments, by ticket and message), so the ticket page, the download route
 * and the API list both kinds alike. The spool the doors write into is svc_spool.c. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "service/service.h"
#include "store/store.h"

/* ---- the rules ------------------------------------------------------------------- */
/* a file name as the thread and the mail show it: the last path component, control
 * characters and broken UTF-8 replaced by '_', at most ATTACH_NAME_MAX bytes on a
 * character boundary; "attachment" when nothing is left */
const char *svc_attach_name(arena *a, const char *raw)
{
    const char *base = raw ? raw : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    while (*base == ' ') base++;
    size_t n = strlen(base);
    char *out = arena_alloc(a, n + 1), *o = out;
    const unsigned char *p = (const unsigned char *)base;
    while (*p && (size_t)(o - out) < ATTACH_NAME_MAX) {
        size_t k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
        bool ok = k > 0 && !(k == 1 && (*p < 0x20 || *p == 0x7f)) && !(k == 2 && *p < 0xc2);
        for (size_t i = 1; ok && i < k; i++) ok = (p[i] & 0xc0) == 0x80;
        if (!ok) {
            *o++ = '_';
            p++;
            continue;
        }
        if ((size_t)(o - out) + k > ATTACH_NAME_MAX) break;
        memcpy(o, p, k);
        o += k;
        p += k;
    }
    while (o > out && o[-1] == ' ') o--;
    *o = 0;
    return *out && strcmp(out, ".") && strcmp(out, "..") ? out : "attachment";
}

/* The types a file keeps; any other (or none) is sent and listed as
 * application/octet-stream. Downloads are always served as octet-stream with nosniff,
 * so the type only tells the customer's mail program what the file is. */
static const char *const TYPES[] = {
    "text/plain", "text/csv", "text/calendar", "application/pdf", "application/zip", "application/gzip",
    "application/json", "application/xml", "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml",
    "audio/mpeg", "video/mp4", "message/rfc822", "application/msword", "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet", NULL};

const char *svc_attach_type(const char *declared)
{
    if (!declared) return "application/octet-stream";
    size_t n = strcspn(declared, "; \t");
    for (const char *const *t = TYPES; *t; t++)
        if (strlen(*t) == n && !strncasecmp(*t, declared, n)) return *t;
    return "application/octet-stream";
}

static const char *mib(arena *a, long long n) { return arena_printf(a, "%.1f MiB", (double)n / (1024.0 * 1024.0)); }

int svc_attach_check(svc *s, mail_attach_in *files, int n, herr *e)
{
    if (n > ATTACH_COUNT_MAX)
        return herr_set(e, 400, "too_many_attachments", "files", "%d files: a message may carry at most %d", n,
                        ATTACH_COUNT_MAX);
    long long total = 0;
    for (int i = 0; i < n; i++) {
        mail_attach_in *f = &files[i];
        f->filename = svc_attach_name(s->a, f->filename);
        f->content_type = svc_attach_type(f->content_type);
        if (f->too_large || f->size > MAIL_ATTACH_MAX)
            return herr_set(e, 413, "attachment_too_large", "files",
                            "\"%s\" is %lld bytes; one file may be at most %d MiB (%d bytes)", f->filename, f->size,
                            MAIL_ATTACH_MAX / (1024 * 1024), MAIL_ATTACH_MAX);
        if (f->size == 0) return herr_set(e, 400, "empty_attachment", "files", "\"%s\" is empty", f->filename);
        total += f->size;
    }
    if (total > ATTACH_TOTAL_MAX)
        return herr_set(e, 413, "attachments_too_large", "files", "the files come to %s; at most %d MiB in all",
                        mib(s->a, total), ATTACH_TOTAL_MAX / (1024 * 1024));
    for (int i = 0; i < n; i++)
        if (!files[i].tmp_path || !files[i].sha256) return HERR_INTERNAL(e, "attachment %d was not spooled", i);
    return 0;
}

int svc_attach_file(svc *s, long long ticket_id, long long msg_id, const mail_attach_in *files, int n,
                    const char *now, mail_attachment_rec **out, herr *e)
{
    *out = n ? arena_alloc(s->a, sizeof **out * (size_t)n) : NULL;
    for (int i = 0; i < n; i++) {
        mail_attachment_rec *r = &(*out)[i];
        *r = (mail_attachment_rec){.ticket_id = ticket_id, .msg_id = msg_id, .filename = files[i].filename,
                                   .content_type = files[i].content_type, .size = files[i].size,
                                   .sha256 = files[i].sha256, .stored = true, .created_at = now};
        /* durable at its content address before the row that names it commits */
        if (store_blob_put(s->db, s->a, files[i].tmp_path, files[i].sha256, e) ||
            store_mail_attachment_insert(s->db, r, &r->id, e))
            return -1;
    }
    return 0;
}

int svc_message_attachments(svc *s, long long msg_id, mail_attachment_rec **out, int *n, const char ***paths,
                            herr *e)
{
    if (store_mail_attachment_list_msg(s->db, s->a, msg_id, out, n, e)) return -1;
    *paths = *n ? arena_alloc(s->a, sizeof **paths * (size_t)*n) : NULL;
    for (int i = 0; i < *n; i++)
        (*paths)[i] = (*out)[i].stored ? store_blob_path(s->db, s->a, (*out)[i].sha256) : NULL;
    return 0;
}
