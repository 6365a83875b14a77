/* heed coach: JSON Lines in, one report (or error) per line out. A bad line
 * gets {"error":{...}} and the run goes on; the exit status is 0 unless stdin
 * cannot be read. --eval runs the team's labelled test set instead. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/coach_eval.h"
#include "cli/config.h"
#include "service/svc_attention.h"
#include "coach/coach.h"
#include "coach/coach_json.h"
#include "util/buf.h"
#include "util/json_out.h"

enum { LINE_MAX_BYTES = 1 << 20 };

static void usage(FILE *f)
{
    fputs("usage: heed coach [--lexicon FILE] [--lexicon-only] [--answer-features] [--reply-features] [--reply-rules-only] < cases.jsonl\n"
          "       heed coach --eval [--verbose] [--lexicon FILE] FILE.jsonl...\n"
          "       heed coach --export-corrections [--db PATH] > corrections.jsonl\n\n"
          "Reads one case a line: {\"customer\": \"...\", \"reply\": \"...\", \"now\": \"2026-11-23T10:00:00Z\",\n"
          "\"customer_name\": \"...\"} (each field optional) and writes one JSON report a line.\n"
          "A line that is not a valid case gets {\"error\":{\"code\":\"invalid\",\"message\":\"...\"}}.\n"
          "Lines longer than 1 MiB are rejected.\n\n"
          "  --lexicon FILE  add an organisation's own lexicon: words, phrases, cues, emotions,\n"
          "                  flags, strengths and synonyms (see docs/COACH.md)\n"
          "  --lexicon-only  read emotion, urgent and complaint from the lexicon alone, without\n"
          "                  the learned customer model (bench/coach/train_customer.js uses it)\n"
          "  --answer-features  list in each report what the learned reading of \"answered\"\n"
          "                  weighed for each question (bench/coach/train_answered.js uses it)\n"
          "  --reply-features  list in each report what the learned reading of the reply weighs:\n"
          "                  the rules' readings and the reply's words (bench/coach/train_reply.js)\n"
          "  --reply-rules-only  the reply's flags and strengths from the rules alone, without\n"
          "                  the learned reading of the reply (to compare them)\n"
          "  --export-corrections [--db PATH]  write agents' corrections of misread customer\n"
          "                  messages as cases with \"expect\", one a line (docs/WORKSPACE.md)\n"
          "  --eval          score labelled cases (with an \"expect\" object) and print\n"
          "                  and \"coach-quality: 1 passed, 0 failed\" (the 95% gate); exit 1 below 95%;\n"
          "                  a case without \"now\" is read at 2026-11-23T10:00:00Z, not the wall clock\n",
          f);
}

static void error_line(buf *out, const char *msg)
{
    jw w;
    jw_init(&w, out);
    jw_obj(&w);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_kstr(&w, "code", "invalid");
    jw_kstr(&w, "message", msg);
    jw_end_obj(&w);
    jw_end_obj(&w);
    buf_putc(out, '\n');
}

/* the reports collected so far, to stdout */
static void put_out(buf *out)
{
    fwrite(out->p, 1, out->len, stdout);
    buf_reset(out);
    /* a huge line's report is not kept for the rest of the run */
    if (out->cap > (4u << 20)) { buf_free(out); buf_init(out, 1 << 17); }
}

coach_lexicon *coach_cli_load_lexicon(const char *path)
{
    enum { LEXICON_MAX_BYTES = 16 << 20 };
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "heed: cannot open coach lexicon %s\n", path); return NULL; }
    buf b;
    buf_init(&b, 4096);
    char tmp[8192];
    size_t n;
    while (b.len <= LEXICON_MAX_BYTES && (n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_put(&b, tmp, n);
    bool bad = ferror(f) != 0;
    fclose(f);
    coach_lexicon *x = NULL;
    char err[512];
    if (bad) fprintf(stderr, "heed: cannot read coach lexicon %s\n", path);
    else if (b.len > LEXICON_MAX_BYTES) fprintf(stderr, "heed: %s: a coach lexicon is at most 16 MiB\n", path);
    else if (!(x = coach_lexicon_load_extra(path, b.p, b.len, err, sizeof err))) fprintf(stderr, "heed: %s\n", err);
    buf_free(&b);
    return x;
}

/* heed coach --export-corrections [--db PATH]: agents' corrections of the coach's reading of
 * customer messages, as test cases (with "expect"), one a line, for --eval or the team's data */
static int export_corrections(int argc, char **argv)
{
    struct config c;
    if (config_load(&c, argc, argv)) return 2;
    for (int i = 0; i < c.nrest; i++)
        if (strcmp(c.rest[i], "--export-corrections")) {
            fprintf(stderr, "heed coach: --export-corrections takes --db (and the common settings), not %s\n", c.rest[i]);
            return 2;
        }
    db *d = config_open_db(&c);
    if (!d) return 1;
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    buf out;
    buf_init(&out, 1 << 16);
    herr e;
    int n = 0, rc = svc_reading_export(&s, &out, &n, &e);
    if (rc) fprintf(stderr, "heed: %s\n", e.message);
    else {
        fwrite(out.p, 1, out.len, stdout);
        fprintf(stderr, "heed coach: %d correction%s exported\n", n, n == 1 ? "" : "s");
    }
    buf_free(&out);
    arena_free(&a);
    db_close(d);
    return rc ? 1 : 0;
}

int cmd_coach(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--export-corrections")) return export_corrections(argc, argv);
    bool eval = false, verbose = false, lexicon_only = false, answer_features = false, reply_features = false, rules_only = false;
    const char *lexicon = NULL;
    /* options may come before or after the files */
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    if (!files) return 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { usage(stdout); free(files); return 0; }
        else if (!strcmp(argv[i], "--eval")) eval = true;
        else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) verbose = true;
        else if (!strcmp(argv[i], "--lexicon") && i + 1 < argc) lexicon = argv[++i];
        else if (!strcmp(argv[i], "--lexicon-only")) lexicon_only = true;
        else if (!strcmp(argv[i], "--answer-features")) answer_features = true;
        else if (!strcmp(argv[i], "--reply-features")) reply_features = true;
        else if (!strcmp(argv[i], "--reply-rules-only")) rules_only = true;
        else if (argv[i][0] == '-') { fprintf(stderr, "heed coach: unknown option %s\n", argv[i]); usage(stderr); free(files); return 2; }
        else files[nfiles++] = argv[i];
    }
    coach_lexicon *extra = NULL;
    if (lexicon && !(extra = coach_cli_load_lexicon(lexicon))) { free(files); return 1; }
    if (eval) {
        int rc = coach_eval_files(nfiles, files, extra, verbose);
        coach_lexicon_free(extra);
        free(files);
        return rc;
    }
    free(files);
    if (nfiles) { usage(stderr); coach_lexicon_free(extra); return 2; }
    coach_report *r = malloc(sizeof *r);
    if (!r) { coach_lexicon_free(extra); return 1; }
    coach_report_init(r);
    r->lexicon_only = lexicon_only;
    r->answer_features = answer_features;
    r->reply_features = reply_features;
    r->reply_rules_only = rules_only;
    /* stdin is read in large blocks and the reports are written straight into one output
     * buffer, which goes to stdout when it holds 64 KiB and whenever the next read could
     * block: a caller that writes one line and waits for its answer still gets it at once,
     * and a file or pipe full of cases costs a few system calls per megabyte rather than
     * two per line (and no copy or allocation per report). */
    buf out;
    buf_init(&out, 1 << 17);
    size_t cap = 1 << 16, have = 0, pos = 0;
    char *in = malloc(cap);
    int rc = 0;
    bool eof = false;
    while (in) {
        char *nl = memchr(in + pos, '\n', have - pos);
        if (!nl && !eof) {
            /* no whole line left: keep the partial one, then read more */
            if (pos) { memmove(in, in + pos, have - pos); have -= pos; pos = 0; }
            if (have == cap) {
                char *g = realloc(in, cap * 2);
                if (!g) { rc = 1; fputs("heed coach: out of memory\n", stderr); break; }
                in = g;
                cap *= 2;
            }
            put_out(&out);
            fflush(stdout);
            ssize_t got = read(STDIN_FILENO, in + have, cap - have);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) { rc = 1; perror("heed coach: stdin"); break; }
            if (got == 0) eof = true;
            have += (size_t)got;
            continue;
        }
        if (pos == have) break; /* end of input */
        char *line = in + pos;
        size_t len = nl ? (size_t)(nl - line) : have - pos;
        pos += len + (nl ? 1 : 0);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == len) continue; /* blank lines carry no case */
        if (len > LINE_MAX_BYTES) { error_line(&out, "line longer than 1 MiB"); continue; }
        char err[256];
        if (coach_json_case_buf(line, len, extra, r, &out, err, sizeof err) == 0) buf_putc(&out, '\n');
        else error_line(&out, err);
        if (out.len >= (1u << 16)) put_out(&out);
        /* a huge line's scratch is not kept for the rest of the run */
        if (r->scratch_cap > (64u << 20)) coach_report_free(r);
        /* nor a huge line's input buffer */
        if (cap > (4u << 20) && pos == have) { free(in); cap = 1 << 16; have = pos = 0; in = malloc(cap); }
    }
    if (!in && !rc) { rc = 1; fputs("heed coach: out of memory\n", stderr); }
    free(in);
    put_out(&out);
    buf_free(&out);
    fflush(stdout);
    coach_report_free(r);
    free(r);
    coach_lexicon_free(extra);
    return rc;
}
