/* Unit tests for files on agents' replies and notes: the spool, names and types, the
 * rules (count, empty, size, total) and that a refused message files nothing; the
 * filing in the message's transaction (rows, content-addressed file, outbox only for
 * replies); and the multipart/mixed composition, read back with GMime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mail/mail.h"
#include "mail/mail_out.h"
#include "service/service.h"
#include "store/db.h"
#include "store/store.h"
#include "unit/tempdb.h"

typedef struct fixture {
    char path[64];
    db *d;
    arena a;
    svc s;
    agent_rec agent;
    const char *spool;
    long long ticket; /* an email ticket */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    herr e;
    if (tempdb_open_agent(f->path, sizeof f->path, "attach", "Ada", &f->d, &f->a, &f->s, &f->agent)) return -1;
    f->spool = svc_mail_spool_dir(&f->s, &e);
    if (!f->spool) return -1;
    mail_in m = {.message_id = "c1@example.org", .from_email = "cus@example.org", .subject = "Invoice", .body = "Hi"};
    mail_result r;
    if (svc_mail_receive(&f->s, &m, &r, &e)) return -1;
    f->ticket = r.ticket_id;
    f->s.actor = &f->agent;
    *state = f;
    return 0;
}

/* removes <db>.files/ (two levels: tmp/ and the digest directories) */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        struct stat st;
        if (!lstat(p, &st) && S_ISDIR(st.st_mode)) remove_tree(p);
        else unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

static int teardown(void **state)
{
    fixture *f = *state;
    char files[128];
    snprintf(files, sizeof files, "%s.files", f->path);
    remove_tree(files);
    tempdb_close(f->path, f->d, &f->a);
    free(f);
    return 0;
}

/* a spooled file with these bytes */
static mail_attach_in spooled(fixture *f, const char *name, const char *type, const void *data, size_t n)
{
    svc_spool *sp = svc_spool_open(f->spool);
    assert_non_null(sp);
    svc_spool_write(sp, data, n);
    mail_attach_in at = {.filename = name, .content_type = type};
    assert_true(svc_spool_close(sp, &f->a, &at));
    return at;
}

static int count(fixture *f, const char *sql)
{
    db_stmt *st = db_prep(f->d, sql);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int n = (int)db_col_int(st, 0);
    db_done(st);
    return n;
}

static int files_in(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

static void names_and_types_are_cleaned(void **state)
{
    fixture *f = *state;
    assert_string_equal(svc_attach_name(&f->a, "../../etc/passwd"), "passwd");
    assert_string_equal(svc_attach_name(&f->a, "C:\\Users\\me\\report.pdf"), "report.pdf");
    assert_string_equal(svc_attach_name(&f->a, "a\tb\x01" "c\x7f.txt"), "a_b_c_.txt");
    assert_string_equal(svc_attach_name(&f->a, "Überweisung März.pdf"), "Überweisung März.pdf");
    assert_string_equal(svc_attach_name(&f->a, "bad\xff\xc3.txt"), "bad__.txt");
    assert_string_equal(svc_attach_name(&f->a, ".."), "attachment");
    assert_string_equal(svc_attach_name(&f->a, "dir/"), "attachment");
    assert_string_equal(svc_attach_name(&f->a, NULL), "attachment");
    char longname[400];
    memset(longname, 0, sizeof longname);
    for (int i = 0; i < 150; i++) strcat(longname, "é"); /* 300 bytes */
    const char *cut = svc_attach_name(&f->a, longname);
    assert_int_equal(strlen(cut), 200);                  /* 100 whole characters */
    assert_string_equal(svc_attach_type("application/PDF; x=y"), "application/pdf");
    assert_string_equal(svc_attach_type("image/png"), "image/png");
    assert_string_equal(svc_attach_type("text/html"), "application/octet-stream"); /* not on the list */
    assert_string_equal(svc_attach_type("application/pdfx"), "application/octet-stream");
    assert_string_equal(svc_attach_type(NULL), "application/octet-stream");
}

static void a_reply_files_its_attachments_with_the_message(void **state)
{
    fixture *f = *state;
    static const char pdf[] = "%PDF-1.4 invoice";
    mail_attach_in files[] = {spooled(f, "../Rechnung März.pdf", "application/pdf", pdf, sizeof pdf - 1),
                              spooled(f, "log.txt", "text/x-log", "line\n", 5)};
    const char *tmp0 = files[0].tmp_path;
    message_rec m;
    mail_attachment_rec *rows;
    herr e;
    assert_int_equal(svc_ticket_add_message_files(&f->s, f->ticket, "reply", "See attached.", files, 2, &m, &rows, &e), 0);
    assert_int_equal(rows[0].msg_id, m.id);
    assert_true(rows[0].id > 0 && rows[1].id > rows[0].id);
    assert_string_equal(rows[0].filename, "Rechnung März.pdf");
    assert_string_equal(rows[1].content_type, "application/octet-stream");
    assert_int_equal(rows[0].size, sizeof pdf - 1);
    assert_int_equal(access(tmp0, F_OK), -1); /* moved out of the spool */
    /* the worker's view: the message's files with paths to the very bytes */
    mail_attachment_rec *at;
    const char **paths;
    int n;
    assert_int_equal(svc_message_attachments(&f->s, m.id, &at, &n, &paths, &e), 0);
    assert_int_equal(n, 2);
    FILE *fp = fopen(paths[0], "rb");
    assert_non_null(fp);
    char got[64] = {0};
    assert_int_equal(fread(got, 1, sizeof got, fp), sizeof pdf - 1);
    fclose(fp);
    assert_string_equal(got, pdf);
    assert_int_equal(count(f, "SELECT count(*) FROM outbox WHERE kind = 'reply'"), 1);
    /* a note carries files too, and is never emailed */
    mail_attach_in note_file[] = {spooled(f, "internal.txt", "text/plain", "secret", 6)};
    assert_int_equal(svc_ticket_add_message_files(&f->s, f->ticket, "note", "For us.", note_file, 1, &m, NULL, &e), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM mail_attachments"), 3);
    assert_int_equal(count(f, "SELECT count(*) FROM outbox WHERE kind = 'reply'"), 1);
}

/* each refusal: the status, the code, field "files", and nothing filed */
static void refused(fixture *f, mail_attach_in *files, int n, int status, const char *code)
{
    int msgs = count(f, "SELECT count(*) FROM messages"), atts = count(f, "SELECT count(*) FROM mail_attachments");
    char files_dir[128];
    snprintf(files_dir, sizeof files_dir, "%s.files", f->path);
    int stored = files_in(files_dir);
    message_rec m;
    herr e;
    assert_int_equal(svc_ticket_add_message_files(&f->s, f->ticket, "reply", "Here.", files, n, &m, NULL, &e), -1);
    assert_int_equal(e.status, status);
    assert_string_equal(e.code, code);
    assert_string_equal(e.field, "files");
    assert_int_equal(count(f, "SELECT count(*) FROM messages"), msgs);
    assert_int_equal(count(f, "SELECT count(*) FROM mail_attachments"), atts);
    assert_int_equal(files_in(files_dir), stored); /* no new digest directory */
    for (int i = 0; i < n; i++)
        if (files[i].tmp_path) assert_int_equal(access(files[i].tmp_path, F_OK), 0); /* the door removes them */
}

static void bad_files_are_refused_and_change_nothing(void **state)
{
    fixture *f = *state;
    mail_attach_in eleven[ATTACH_COUNT_MAX + 1];
    for (int i = 0; i <= ATTACH_COUNT_MAX; i++) eleven[i] = spooled(f, "a.txt", "text/plain", "abc", 3);
    refused(f, eleven, ATTACH_COUNT_MAX + 1, 400, "too_many_attachments");
    mail_attach_in empty[] = {spooled(f, "ok.txt", "text/plain", "x", 1), spooled(f, "empty.txt", "text/plain", "", 0)};
    refused(f, empty, 2, 400, "empty_attachment");
    /* one byte over the limit: the spool stops writing and marks it */
    svc_spool *sp = svc_spool_open(f->spool);
    char *chunk = calloc(1, 1 << 20);
    for (int i = 0; i < MAIL_ATTACH_MAX >> 20; i++) svc_spool_write(sp, chunk, 1 << 20);
    svc_spool_write(sp, "!", 1);
    mail_attach_in big = {.filename = "big.bin"};
    assert_true(svc_spool_close(sp, &f->a, &big));
    assert_true(big.too_large);
    assert_null(big.tmp_path);
    assert_int_equal(big.size, MAIL_ATTACH_MAX + 1);
    refused(f, &big, 1, 413, "attachment_too_large");
    /* three files of 9 MiB each: each fits, together they are over 25 MiB */
    mail_attach_in three[3];
    for (int i = 0; i < 3; i++) three[i] = spooled(f, "part.bin", NULL, chunk, 1 << 20);
    for (int i = 0; i < 3; i++) three[i].size = 9 << 20; /* the rule reads sizes; no need to write 27 MiB */
    refused(f, three, 3, 413, "attachments_too_large");
    free(chunk);
    /* a closed ticket: refused before any file moves */
    ticket_patch p = {.status = "closed"};
    ticket_rec t;
    herr e;
    assert_int_equal(svc_ticket_update(&f->s, f->ticket, &p, &t, &e), 0);
    mail_attach_in one[] = {spooled(f, "late.txt", "text/plain", "late", 4)};
    message_rec m;
    assert_int_equal(svc_ticket_add_message_files(&f->s, f->ticket, "note", "x", one, 1, &m, NULL, &e), -1);
    assert_int_equal(e.status, 409);
    assert_int_equal(access(one[0].tmp_path, F_OK), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM mail_attachments"), 0);
}

/* ---- composition: multipart/mixed, read back with GMime ---------------------------- */
static GMimeMessage *parse(const buf *b)
{
    GMimeStream *st = g_mime_stream_mem_new_with_buffer(b->p, b->len);
    GMimeParser *p = g_mime_parser_new_with_stream(st);
    GMimeMessage *msg = g_mime_parser_construct_message(p, NULL);
    g_object_unref(p);
    g_object_unref(st);
    return msg;
}

static void decoded(GMimePart *part, GByteArray **out)
{
    GMimeDataWrapper *dw = g_mime_part_get_content(part);
    GMimeStream *mem = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(dw, mem);
    *out = g_byte_array_new();
    g_byte_array_append(*out, g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->data,
                        g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->len);
    g_object_unref(mem);
}

static void compose_with_files_is_multipart_mixed(void **state)
{
    unsigned char bin[1000];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (unsigned char)(i * 7 + 3);
    const char *long_name = "Überweisung März 2026 – Rechnungsübersicht für den Kunden 山田太郎 mit sehr langem Namen.bin";
    mail_out_file files[] = {{.filename = long_name, .content_type = "application/octet-stream", .data = bin, .len = sizeof bin},
                             {.filename = "notes \"v2\".txt", .content_type = "text/plain", .data = (const unsigned char *)"a\r\nb", .len = 4}};
    mail_out m = {.from_name = "Ada via Support", .from_addr = "help@acme.test", .to_addr = "c@example.org",
                  .subject = "Re: Invoice [#1]", .message_id = "t1.m2.abc@acme.test", .body = "See attached.\n",
                  .date = 1795000000, .files = files, .nfiles = 2};
    buf b;
    buf_init(&b, 4096);
    mail_compose(&m, &b);
    size_t col = 0;
    for (size_t i = 0; i < b.len; i++) { /* 7-bit, CRLF, lines within 78 */
        assert_true((unsigned char)b.p[i] < 0x80);
        if (b.p[i] == '\n') col = 0;
        else if (b.p[i] != '\r' && ++col > 78) fail_msg("long line at %zu", i);
    }
    g_mime_init();
    GMimeMessage *msg = parse(&b);
    assert_non_null(msg);
    GMimeObject *top = g_mime_message_get_mime_part(msg);
    assert_true(GMIME_IS_MULTIPART(top));
    assert_true(g_mime_content_type_is_type(g_mime_object_get_content_type(top), "multipart", "mixed"));
    GMimeMultipart *mp = GMIME_MULTIPART(top);
    assert_int_equal(g_mime_multipart_get_count(mp), 3);
    GMimeObject *alt = g_mime_multipart_get_part(mp, 0);
    assert_true(g_mime_content_type_is_type(g_mime_object_get_content_type(alt), "multipart", "alternative"));
    assert_int_equal(g_mime_multipart_get_count(GMIME_MULTIPART(alt)), 2);
    for (int i = 0; i < 2; i++) {
        GMimeObject *o = g_mime_multipart_get_part(mp, i + 1);
        assert_true(GMIME_IS_PART(o));
        assert_string_equal(g_mime_object_get_disposition(o), "attachment");
        assert_string_equal(g_mime_part_get_filename(GMIME_PART(o)), files[i].filename);
        GByteArray *got;
        decoded(GMIME_PART(o), &got);
        assert_int_equal(got->len, files[i].len);
        assert_memory_equal(got->data, files[i].data, files[i].len);
        g_byte_array_unref(got);
    }
    /* heed's own parser files them as attachments with the same names */
    arena a;
    arena_init(&a);
    mail_in in;
    herr e;
    assert_int_equal(mail_parse(b.p, b.len, &a, &in, &e), 0);
    assert_non_null(strstr(in.body, "See attached."));
    arena_free(&a);
    g_object_unref(msg);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(names_and_types_are_cleaned, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reply_files_its_attachments_with_the_message, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_files_are_refused_and_change_nothing, setup, teardown),
        cmocka_unit_test(compose_with_files_is_multipart_mixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
