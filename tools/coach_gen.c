/* coach_gen: compiles the coach's data files (data/coach/ *.tsv files) into C tables.
 * usage: coach_gen DATA_DIR OUT.c OUT_KW.h
 * Every word gets one entry keyed by the hash of its spelling; British and
 * American spellings share a canonical hash so phrases match either. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coach/coach_codes.h"
#include "coach/coach_hash.h"
#include "coach/coach_stem.h"
#include "coach/coach_tables.h"

typedef struct word {
    char *s;
    int canon;            /* index of canonical word, or -1 if this is canonical */
    double val; int has_val, learned;
    int emo; double emo_w;
    int mod; double mod_amt;
    int flags;
    int pfirst, pcount, pmulti;
} word;
typedef struct phrase {
    int w[COACH_PHRASE_MAX]; int n;
    char *text, *sugg; double val; int kind, code;
    int anchors; /* COACH_P_START, _END, _PAUSE from "^", "$" and "," (coach_phrase_anchors) */
} phrase;

static word *W; static int nw, capw;
static phrase *P; static int np, capp;
static const char *cur_file; static int cur_line;

static void die(const char *msg)
{
    fprintf(stderr, "coach_gen: %s:%d: %s\n", cur_file ? cur_file : "-", cur_line, msg);
    exit(1);
}
static void *xrealloc(void *p, size_t n) { p = realloc(p, n); if (!p) die("out of memory"); return p; }
static char *xstrdup(const char *s) { char *d = strdup(s); if (!d) die("out of memory"); return d; }

/* strips U+FE0F (emoji presentation selector) so data matches the tokenizer */
static void strip_vs16(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xB8 && (unsigned char)p[2] == 0x8F) { p += 3; continue; }
        *o++ = *p++;
    }
    *o = 0;
}

static int find(const char *s)
{
    for (int i = 0; i < nw; i++) if (!strcmp(W[i].s, s)) return i; /* small tables: linear is fine at build time */
    return -1;
}
static int get(const char *s)
{
    int i = find(s);
    if (i >= 0) return i;
    for (const char *p = s; *p; p++)
        if (isupper((unsigned char)*p)) die("words in data files must be lower case");
    if (nw == capw) { capw = capw ? capw * 2 : 1024; W = xrealloc(W, (size_t)capw * sizeof *W); }
    W[nw] = (word){.s = xstrdup(s), .canon = -1, .emo = -1};
    return nw++;
}

static const char *flag_names[] = {COACH_FLAG_LIST(COACH_NAME)};
static const char *strength_names[] = {COACH_STRENGTH_LIST(COACH_NAME)};
static const char *emotion_names[] = {COACH_EMOTION_LIST(COACH_NAME)};
static const char *cue_names[] = {COACH_CUE_LIST(COACH_NAME)};
static const char *kind_names[] = {COACH_KIND_LIST(COACH_NAME)};
static int lookup(const char **names, int n, const char *s)
{
    for (int i = 0; i < n; i++) if (!strcmp(names[i], s)) return i;
    return -1;
}
#define LOOKUP(arr, s) lookup(arr, (int)(sizeof arr / sizeof arr[0]), s)

/* splits a tab-separated line in place; returns the number of fields */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0; p = t + 1;
    }
    return n;
}

typedef void (*line_fn)(char **f, int n);
static void read_file(const char *dir, const char *name, line_fn fn, int optional)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "r");
    if (!fp) { if (optional) return; cur_file = path; die("cannot open"); }
    cur_file = path; cur_line = 0;
    char line[8192];
    while (fgets(line, sizeof line, fp)) {
        cur_line++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        strip_vs16(line);
        char *f[32]; /* a synonym line has many */
        int n = fields(line, f, 32);
        if (n == 32) die("too many fields");
        fn(f, n);
    }
    fclose(fp);
    cur_file = NULL;
}

static int clampi_(double v, int lo, int hi) { int x = (int)(v >= 0 ? v + 0.5 : v - 0.5); return x < lo ? lo : x > hi ? hi : x; }
static double num(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end) die("expected a number");
    return v;
}

static void on_sentiment(char **f, int n)
{
    if (n < 2) die("expected word<TAB>valence");
    int i = get(f[0]);
    W[i].val = num(f[1]); W[i].has_val = 1; W[i].learned = 0;
}
static void on_learned(char **f, int n)
{
    if (n < 2) die("expected word<TAB>valence");
    int i = get(f[0]);
    /* the learned weight wins: it was fitted to human ratings (bench/coach/train.js) */
    W[i].val = num(f[1]); W[i].has_val = 1; W[i].learned = 1;
}
static void on_emotion(char **f, int n)
{
    if (n < 3) die("expected word<TAB>emotion<TAB>weight");
    int e = LOOKUP(emotion_names, f[1]);
    if (e < 0) die("unknown emotion");
    int i = get(f[0]);
    W[i].emo = e; W[i].emo_w = num(f[2]);
}
static void on_modifier(char **f, int n)
{
    static const char *roles[] = {"none", "negator", "booster", "dampener", "contrast"};
    if (n < 3) die("expected word<TAB>role<TAB>amount");
    int r = LOOKUP(roles, f[1]);
    if (r <= 0) die("unknown modifier role");
    int i = get(f[0]);
    W[i].mod = r; W[i].mod_amt = num(f[2]);
}
static void on_class(char **f, int n)
{
    static const char *classes[] = {"stop", "acronym", "qword", "aux", "pronoun"};
    if (n < 2) die("expected word<TAB>class");
    int c = LOOKUP(classes, f[1]);
    if (c < 0) die("unknown word class");
    W[get(f[0])].flags |= 1 << c;
}
static void on_spelling(char **f, int n)
{
    if (n < 2) die("expected british<TAB>american");
    int a = get(f[0]), b = get(f[1]);
    if (a != b) W[b].canon = a;
}
static void on_phrase(char **f, int n)
{
    if (n < 3) die("expected kind<TAB>code<TAB>phrase[<TAB>suggestion or value]");
    int kind = LOOKUP(kind_names, f[0]);
    if (kind < 0) die("unknown phrase kind");
    phrase p = {.kind = kind, .val = 1.0, .sugg = xstrdup(n > 3 ? f[3] : "")};
    switch (kind) {
    case COACH_KIND_FLAG: p.code = LOOKUP(flag_names, f[1]); break;
    case COACH_KIND_STRENGTH: p.code = LOOKUP(strength_names, f[1]); break;
    case COACH_KIND_EMOTION: p.code = LOOKUP(emotion_names, f[1]); if (n > 3) p.val = num(f[3]); break;
    case COACH_KIND_CUE: p.code = LOOKUP(cue_names, f[1]); if (n > 3 && f[3][0]) p.val = num(f[3]); break;
    case COACH_KIND_SENT: p.code = 0; p.val = num(f[1]); break;
    default: p.code = 0;
    }
    if (p.code < 0) die("unknown code for this kind");
    const char *text = f[2];
    size_t tn = strlen(text);
    int anchors = coach_phrase_anchors(&text, &tn);
    if (anchors && kind != COACH_KIND_FLAG && kind != COACH_KIND_CUE) die("only a flag's or a cue's phrase may be anchored");
    p.anchors = anchors;
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%.*s", (int)tn, text);
    p.text = xstrdup(tmp);
    for (char *tok = strtok(tmp, " -"); tok; tok = strtok(NULL, " -")) {
        if (p.n == COACH_PHRASE_MAX) die("phrase too long");
        p.w[p.n++] = get(tok);
    }
    if (!p.n) die("empty phrase");
    if (np == capp) { capp = capp ? capp * 2 : 512; P = xrealloc(P, (size_t)capp * sizeof *P); }
    P[np++] = p;
}

/* ---- the learned customer model (customer_model.tsv): lines kept as read; keys are made once the
 * spellings are linked, with find() (a model word is not added to the word table) ---- */
typedef struct mfeat { char *name; int w[COACH_MODEL_OUT]; } mfeat;
static mfeat *MF; static int nmf, capmf;
static int mlex[COACH_ML_COUNT][COACH_MODEL_OUT];
#define ML_NAME(n_, s_) s_,
static const char *mlex_names[] = {COACH_MODEL_LEX_LIST(ML_NAME)};
static void on_model(char **f, int n)
{
    if (n != 1 + COACH_MODEL_OUT) die("expected feature<TAB>7 emotion weights<TAB>urgent<TAB>complaint");
    int w[COACH_MODEL_OUT];
    for (int o = 0; o < COACH_MODEL_OUT; o++) w[o] = clampi_(num(f[1 + o]) * 100, -32000, 32000);
    if (f[0][0] == '@') {
        int k = LOOKUP(mlex_names, f[0] + 1);
        if (k < 0) die("unknown lexicon feature");
        memcpy(mlex[k], w, sizeof w);
        return;
    }
    if (strncmp(f[0], "w:", 2) && strncmp(f[0], "b:", 2)) die("a feature is @name, w:word or b:word word");
    if (nmf == capmf) { capmf = capmf ? capmf * 2 : 1024; MF = xrealloc(MF, (size_t)capmf * sizeof *MF); }
    MF[nmf].name = xstrdup(f[0]);
    memcpy(MF[nmf].w, w, sizeof w);
    nmf++;
}

/* ---- the learned reading of the reply (reply_model.tsv): feature<TAB>a weight per flag, then per
 * strength; "@decides" marks (1) the outputs the model decides ---- */
typedef struct rmfeat { char *name; int w[COACH_RM_OUT]; } rmfeat;
static rmfeat *RM; static int nrm, caprm;
static int rm_read[COACH_RM_READ_COUNT][COACH_RM_OUT], rm_decides[COACH_RM_OUT], rm_add[COACH_RM_OUT], rm_drop[COACH_RM_OUT];
static char rm_read_names[COACH_RM_READ_COUNT][40];
static void rm_names(void)
{
    static const char *const base[] = {COACH_RM_READS(ML_NAME)};
    static const char *const flags[] = {COACH_FLAG_LIST(COACH_NAME)}, *const strengths[] = {COACH_STRENGTH_LIST(COACH_NAME)},
                             *const emotions[] = {COACH_EMOTION_LIST(COACH_NAME)};
    for (int k = 0; k < COACH_RM_RF0; k++) snprintf(rm_read_names[k], sizeof rm_read_names[k], "%s", base[k]);
    for (int k = 0; k < COACH_FLAG_COUNT; k++) snprintf(rm_read_names[COACH_RM_RF0 + k], sizeof rm_read_names[0], "rf:%s", flags[k]);
    for (int k = 0; k < COACH_STRENGTH_COUNT; k++) snprintf(rm_read_names[COACH_RM_RS0 + k], sizeof rm_read_names[0], "rs:%s", strengths[k]);
    for (int k = 0; k < COACH_EMO_COUNT; k++) snprintf(rm_read_names[COACH_RM_EMO0 + k], sizeof rm_read_names[0], "emo:%s", emotions[k]);
}
static void on_reply_model(char **f, int n)
{
    if (n != 1 + COACH_RM_OUT) die("expected feature<TAB>a weight per flag and per strength");
    int w[COACH_RM_OUT];
    for (int o = 0; o < COACH_RM_OUT; o++) w[o] = clampi_(num(f[1 + o]) * 100, -32000, 32000);
    if (!strcmp(f[0], "@decides")) {
        for (int o = 0; o < COACH_RM_OUT; o++) rm_decides[o] = w[o] != 0;
        return;
    }
    if (!strcmp(f[0], "@add") || !strcmp(f[0], "@drop")) {
        memcpy(f[0][1] == 'a' ? rm_add : rm_drop, w, sizeof w);
        return;
    }
    if (f[0][0] == '@') {
        int k = -1;
        for (int j = 0; j < COACH_RM_READ_COUNT && k < 0; j++) if (!strcmp(rm_read_names[j], f[0] + 1)) k = j;
        if (k < 0) die("unknown reading (coach_tables.h, COACH_RM_READS)");
        memcpy(rm_read[k], w, sizeof w);
        return;
    }
    if (strncmp(f[0], "w:", 2) && strncmp(f[0], "b:", 2)) die("a feature is @name, w:word or b:word word");
    if (nrm == caprm) { caprm = caprm ? caprm * 2 : 1024; RM = xrealloc(RM, (size_t)caprm * sizeof *RM); }
    RM[nrm].name = xstrdup(f[0]);
    memcpy(RM[nrm].w, w, sizeof w);
    nrm++;
}

/* ---- the learned reading of "answered" (answer_model.tsv): feature<TAB>weight, and a pair of
 * features both on, feature&feature<TAB>weight (kept as [lower index][higher index]) ---- */
static int answer_w[COACH_AF_COUNT], answer_w2[COACH_AF_COUNT][COACH_AF_COUNT], answer_trained;
#define AF_NAME(n_, s_) s_,
static const char *answer_names[] = {COACH_ANSWER_FEATURES(AF_NAME)};
static void on_answer(char **f, int n)
{
    if (n != 2) die("expected feature<TAB>weight");
    int w = clampi_(num(f[1]) * 100, -32000, 32000);
    char *amp = strchr(f[0], '&');
    if (amp) {
        *amp = 0;
        int a = LOOKUP(answer_names, f[0]), b = LOOKUP(answer_names, amp + 1);
        if (a < 0 || b < 0 || a == b) die("unknown answer feature pair (coach_tables.h, COACH_ANSWER_FEATURES)");
        answer_w2[a < b ? a : b][a < b ? b : a] = w;
    } else {
        int k = LOOKUP(answer_names, f[0]);
        if (k < 0) die("unknown answer feature (coach_tables.h, COACH_ANSWER_FEATURES)");
        answer_w[k] = w;
    }
    answer_trained = 1;
}

/* adds the -ize spelling of every -ise word (and -yse/-yze) unless listed */
static void auto_spellings(void)
{
    int n0 = nw;
    for (int i = 0; i < n0; i++) {
        if (W[i].canon >= 0) continue;
        const char *s = W[i].s;
        const char *m = strstr(s, "ise");
        if (!m) m = strstr(s, "yse");
        if (!m || m == s || strlen(s) < 6) continue;
        size_t pos = (size_t)(m - s);
        /* only suffix-like positions: ise, ised, ises, ising, isation */
        const char *rest = m + 3;
        if (*rest && strcmp(rest, "d") && strcmp(rest, "s") && strcmp(rest, "r") && strcmp(rest, "rs") && strncmp(m, "isation", 7) && strcmp(rest, "ment")) {
            if (strncmp(m, "ising", 5) || m[5]) continue;
        }
        char v[256];
        if (strlen(s) >= sizeof v) continue;
        strcpy(v, s);
        v[pos + 1] = 'z';
        int j = find(v);
        if (j < 0) j = get(v);
        else if (W[j].canon >= 0 || j == i) continue; /* already linked */
        W[j].canon = i; /* the -ize spelling follows the -ise one, even if the learned table listed it */
    }
}

static uint64_t whash(int i) { return coach_hash_str(W[i].s, strlen(W[i].s)); }
static int canon(int i) { while (W[i].canon >= 0) i = W[i].canon; return i; }

/* ---- synonyms: stems that answer for one another (synonyms.tsv, spelling pairs) ----
 * Stems are joined into classes (union-find); every stem of a class maps to the class's key,
 * the root's stem. A phrase ("money back") maps its words to the key of its line's head. */
typedef struct sstem { uint64_t stem; int parent, line, pfirst, pcount; } sstem;
typedef struct sphrase { uint64_t stem[COACH_SYN_MAX]; int n, head; } sphrase;
static sstem *ST; static int nst, capst;
static sphrase *SP; static int nsp, capsp;

/* the stem the runtime gives a word (coach_stems): ASCII words are stripped, others keep their hash */
static uint64_t stem_of(const char *s)
{
    size_t n = strlen(s);
    int ascii = n <= 64;
    for (size_t i = 0; i < n; i++) if ((unsigned char)s[i] >= 0x80) ascii = 0;
    uint64_t h = ascii ? coach_stem_hash(s, n, 0) : whash(canon(get(s)));
    return h ? h : 1;
}
static int st_get(uint64_t stem)
{
    for (int i = 0; i < nst; i++) if (ST[i].stem == stem) return i;
    if (nst == capst) { capst = capst ? capst * 2 : 512; ST = xrealloc(ST, (size_t)capst * sizeof *ST); }
    ST[nst] = (sstem){.stem = stem, .parent = -1};
    return nst++;
}
static int st_root(int i) { while (ST[i].parent >= 0) i = ST[i].parent; return i; }
static void st_join(int a, int b)
{
    a = st_root(a); b = st_root(b);
    if (a != b) ST[b].parent = a;
}

static void on_synonym(char **f, int n)
{
    if (n < 2) die("expected head<TAB>word or phrase[<TAB>...]");
    int head = -1;
    for (int k = 0; k < n; k++) {
        char tmp[256];
        if (strlen(f[k]) >= sizeof tmp) die("entry too long");
        strcpy(tmp, f[k]);
        sphrase p = {.n = 0};
        for (char *w = strtok(tmp, " -"); w; w = strtok(NULL, " -")) {
            for (const char *c = w; *c; c++) if (isupper((unsigned char)*c)) die("words in data files must be lower case");
            if (p.n == COACH_SYN_MAX) die("a synonym phrase has at most 4 words");
            int wi = find(w); /* the runtime skips stop words before looking them up */
            if (!p.n && wi >= 0 && ((W[wi].flags | W[canon(wi)].flags) & (COACH_W_STOP | COACH_W_PRONOUN)))
                die("a stop word or pronoun cannot be a synonym or start one");
            p.stem[p.n++] = stem_of(w);
        }
        if (!p.n) die("empty entry");
        if (p.n > 1) {
            if (!k) die("the head of a synonym line is one word");
            p.head = head;
            if (nsp == capsp) { capsp = capsp ? capsp * 2 : 64; SP = xrealloc(SP, (size_t)capsp * sizeof *SP); }
            SP[nsp++] = p;
            continue;
        }
        int i = st_get(p.stem[0]);
        if (ST[i].line && ST[i].line != cur_line) {
            fprintf(stderr, "coach_gen: %s:%d: \"%s\" is already in the group on line %d\n", cur_file, cur_line, f[k], ST[i].line);
            exit(1);
        }
        ST[i].line = cur_line;
        if (!k) head = i;
        else st_join(head, i);
    }
}

/* British and American spellings meet in matching too ("cancelled", "canceled") */
static void spelling_stems(void)
{
    for (int i = 0; i < nw; i++)
        if (W[i].canon >= 0) st_join(st_get(stem_of(W[canon(i)].s)), st_get(stem_of(W[i].s)));
}

static int sphrase_cmp(const void *a, const void *b)
{
    const sphrase *x = a, *y = b;
    if (x->stem[0] != y->stem[0]) return x->stem[0] < y->stem[0] ? -1 : 1;
    return y->n - x->n; /* longest first */
}

/* an open-addressing index over n keys (3x the slots, each index + 1, 0 = empty) and its mask */
static void emit_index(FILE *o, const char *name, const char *mask_name, const uint64_t *keys, int n)
{
    size_t size = 16;
    while (size < (size_t)n * 3) size <<= 1;
    unsigned *idx = calloc(size, sizeof *idx);
    if (!idx) die("out of memory");
    for (int i = 0; i < n; i++) {
        size_t s = coach_slot(keys[i], size - 1);
        while (idx[s]) {
            if (keys[idx[s] - 1] == keys[i]) die("hash collision between two words");
            s = (s + 1) & (size - 1);
        }
        idx[s] = (unsigned)i + 1;
    }
    fprintf(o, "const uint16_t %s[%zu] = {", name, size);
    for (size_t s = 0; s < size; s++) fprintf(o, "%s%u,", s % 16 ? "" : "\n    ", idx[s]);
    fprintf(o, "\n};\nconst size_t %s = %zu;\n\n", mask_name, size - 1);
    free(idx);
}

static void emit_synonyms(FILE *o)
{
    qsort(SP, (size_t)nsp, sizeof *SP, sphrase_cmp);
    for (int p = 0; p < nsp; p++) {
        sstem *s = &ST[st_get(SP[p].stem[0])];
        if (!s->pcount) s->pfirst = p;
        s->pcount++;
    }
    int *keep = xrealloc(NULL, (size_t)(nst + 1) * sizeof *keep), nk = 0;
    for (int i = 0; i < nst; i++)
        if (st_root(i) != i || ST[i].pcount) keep[nk++] = i;
    if (nk > 65534 || nsp > 65535) die("synonym tables too large");
    fprintf(o, "const coach_syn coach_syns[] = {\n");
    for (int k = 0; k < nk; k++)
        fprintf(o, "    {0x%016llxULL, 0x%016llxULL, %d, %d},\n", (unsigned long long)ST[keep[k]].stem,
                (unsigned long long)ST[st_root(keep[k])].stem, ST[keep[k]].pfirst, ST[keep[k]].pcount);
    if (!nk) fprintf(o, "    {0, 0, 0, 0},\n");
    fprintf(o, "};\nconst size_t coach_nsyns = %d;\n", nk);
    uint64_t *keys = xrealloc(NULL, (size_t)(nk + 1) * sizeof *keys);
    for (int k = 0; k < nk; k++) keys[k] = ST[keep[k]].stem;
    emit_index(o, "coach_syn_index", "coach_syn_mask", keys, nk);
    free(keys);
    fprintf(o, "const coach_syn_phrase coach_syn_phrases[] = {\n");
    for (int p = 0; p < nsp; p++) {
        fprintf(o, "    {{");
        for (int k = 0; k < COACH_SYN_MAX; k++) fprintf(o, "0x%016llxULL,", k < SP[p].n ? (unsigned long long)SP[p].stem[k] : 0ULL);
        fprintf(o, "}, 0x%016llxULL, %d},\n", (unsigned long long)ST[st_root(SP[p].head)].stem, SP[p].n);
    }
    if (!nsp) fprintf(o, "    {{0}, 0, 0},\n");
    fprintf(o, "};\nconst size_t coach_nsyn_phrases = %d;\n", nsp);
    free(keep);
}

static uint64_t whash(int i);
static int canon(int i);
/* by first word; then multi-word phrases by second word's canonical hash, longest first; then
 * one-word phrases. The runtime binary-searches the second word. */
static int phrase_cmp(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    int c = strcmp(W[x->w[0]].s, W[y->w[0]].s);
    if (c) return c;
    if ((x->n == 1) != (y->n == 1)) return x->n == 1 ? 1 : -1;
    if (x->n > 1) {
        uint64_t hx = whash(x->w[1]), hy = whash(y->w[1]);
        if (hx != hy) return hx < hy ? -1 : 1;
    }
    if (x->n != y->n) return y->n - x->n; /* longest first */
    return x->kind - y->kind;
}

/* a word's key as the tokenizer gives it: the canonical hash of a lexicon word, else its own */
static uint64_t model_word_key(const char *s)
{
    int i = find(s);
    return i >= 0 ? whash(canon(i)) : coach_hash_str(s, strlen(s));
}
static int mimp(const int *w, int n)
{
    int b = 0;
    for (int o = 0; o < n; o++) b = abs(w[o]) > b ? abs(w[o]) : b;
    return b;
}

/* the keys of a learned model's words and pairs (w:word, b:word word), n of them, weights[i] with
 * nout outputs each: two spellings of one word ("color", "colour") share a key, and the stronger
 * entry is kept. Returns how many are kept: keys[j] for entry keep[j]. */
static int model_keys(char *const *names, const int *const *weights, int n, int nout, uint64_t *keys, int *keep)
{
    int nk = 0;
    for (int i = 0; i < n; i++) {
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%s", names[i] + 2);
        char *sp = strchr(tmp, ' ');
        if (names[i][0] == 'b' && !sp) die("a word pair needs two words");
        if (sp) *sp = 0;
        uint64_t k = model_word_key(tmp);
        if (sp) k = coach_model_pair_key(k, model_word_key(sp + 1));
        int dup = -1;
        for (int j = 0; j < nk; j++) if (keys[j] == k) dup = j;
        if (dup >= 0) {
            if (mimp(weights[i], nout) > mimp(weights[keep[dup]], nout)) keep[dup] = i;
            continue;
        }
        keys[nk] = k;
        keep[nk++] = i;
    }
    return nk;
}

/* prefix_index (open addressing: coach_model_entry), prefix_mask and
 * prefix_bits (a bit per key, coach_model_bit) */
static void emit_model_index(FILE *o, const char *prefix, const uint64_t *keys, int nk)
{
    size_t size = 16;
    while (size < (size_t)nk * 3) size <<= 1;
    unsigned *idx = calloc(size, sizeof *idx);
    if (!idx) die("out of memory");
    for (int j = 0; j < nk; j++) {
        size_t s = coach_slot(keys[j], size - 1);
        while (idx[s]) s = (s + 1) & (size - 1); /* keys are distinct (model_keys) */
        idx[s] = (coach_tag(keys[j]) >> 1) << COACH_MODEL_KEY_AT | (unsigned)(j * 4 + 3);
    }
    fprintf(o, "const uint32_t %s_index[%zu] = {", prefix, size);
    for (size_t s = 0; s < size; s++) fprintf(o, "%s%u,", s % 16 ? "" : "\n    ", idx[s]);
    fprintf(o, "\n};\nconst size_t %s_mask = %zu;\n", prefix, size - 1);
    static uint64_t bits[COACH_MODEL_BITS / 64];
    memset(bits, 0, sizeof bits);
    for (int j = 0; j < nk; j++) bits[coach_model_bit(keys[j]) / 64] |= 1ULL << (coach_model_bit(keys[j]) % 64);
    fprintf(o, "const uint64_t %s_bits[%d] = {", prefix, COACH_MODEL_BITS / 64);
    for (int i = 0; i < COACH_MODEL_BITS / 64; i++) fprintf(o, "%s0x%llxULL,", i % 8 ? " " : "\n    ", (unsigned long long)bits[i]);
    fprintf(o, "\n};\n");
    free(idx);
}

/* a feature's name in a C comment */
static void emit_comment_name(FILE *o, const char *name)
{
    fprintf(o, " /* ");
    for (const char *c = name; *c; c++) fputc(*c == '*' || *c == '/' ? '_' : *c, o);
    fprintf(o, " */\n");
}

static void emit_model(FILE *o)
{
    uint64_t *keys = xrealloc(NULL, (size_t)(nmf + 1) * sizeof *keys);
    int *keep = xrealloc(NULL, (size_t)(nmf + 1) * sizeof *keep);
    char **names = xrealloc(NULL, (size_t)(nmf + 1) * sizeof *names);
    const int **ws = xrealloc(NULL, (size_t)(nmf + 1) * sizeof *ws);
    for (int i = 0; i < nmf; i++) names[i] = MF[i].name, ws[i] = MF[i].w;
    int nk = model_keys(names, ws, nmf, COACH_MODEL_OUT, keys, keep);
    if (nk > COACH_MODEL_MAX_FEATS) die("customer model: more than COACH_MODEL_MAX_FEATS features");
    fprintf(o, "const coach_model_feat coach_model_feats[] = {\n");
    for (int j = 0; j < nk; j++) {
        fprintf(o, "    {.k = {{");
        for (int q = 0; q < COACH_MODEL_OUT; q++) fprintf(o, "%d,", MF[keep[j]].w[q]);
        fprintf(o, "}, 0x%016llxULL}},", (unsigned long long)keys[j]);
        emit_comment_name(o, MF[keep[j]].name);
    }
    if (!nk) fprintf(o, "    {{0}},\n");
    int npairs = 0;
    for (int j = 0; j < nk; j++) npairs += MF[keep[j]].name[0] == 'b';
    fprintf(o, "};\nconst size_t coach_model_nfeats = %d;\nconst size_t coach_model_npairs = %d;\n", nk, npairs);
    emit_model_index(o, "coach_model", keys, nk);
    fprintf(o, "const int16_t coach_model_lex[COACH_ML_COUNT][COACH_MODEL_OUT] = {\n");
    for (int k = 0; k < COACH_ML_COUNT; k++) {
        fprintf(o, "    {");
        for (int q = 0; q < COACH_MODEL_OUT; q++) fprintf(o, "%d,", mlex[k][q]);
        fprintf(o, "}, /* %s */\n", mlex_names[k]);
    }
    fprintf(o, "};\n");
    free(keys);
    free(keep);
    free(names);
    free(ws);
}

static void emit_reply_model(FILE *o)
{
    int lane[COACH_RM_OUT], nl = 0;
    for (int q = 0; q < COACH_RM_OUT; q++) lane[q] = rm_decides[q] ? nl++ : -1;
    if (nl > COACH_RM_WLANES) die("reply model: more decided codes than COACH_RM_WLANES");
    uint64_t *keys = xrealloc(NULL, (size_t)(nrm + 1) * sizeof *keys);
    int *keep = xrealloc(NULL, (size_t)(nrm + 1) * sizeof *keep);
    char **names = xrealloc(NULL, (size_t)(nrm + 1) * sizeof *names);
    const int **ws = xrealloc(NULL, (size_t)(nrm + 1) * sizeof *ws);
    for (int i = 0; i < nrm; i++) names[i] = RM[i].name, ws[i] = RM[i].w;
    int nk = model_keys(names, ws, nrm, COACH_RM_OUT, keys, keep);
    if (nk > COACH_RM_MAX_FEATS) die("reply model: more than COACH_RM_MAX_FEATS features");
    fprintf(o, "const coach_rm_feat coach_rm_feats[] = {\n");
    for (int j = 0; j < nk; j++) {
        fprintf(o, "    {.k = {{");
        for (int q = 0; q < COACH_RM_OUT; q++) if (lane[q] >= 0) fprintf(o, "%d,", RM[keep[j]].w[q]);
        fprintf(o, "}, 0x%016llxULL}},", (unsigned long long)keys[j]);
        emit_comment_name(o, RM[keep[j]].name);
    }
    if (!nk) fprintf(o, "    {{0}},\n");
    fprintf(o, "};\nconst size_t coach_rm_nfeats = %d;\n", nk);
    emit_model_index(o, "coach_rm", keys, nk);
    fprintf(o, "_Alignas(32) const int16_t coach_rm_read[COACH_RM_READ_COUNT][COACH_RM_LANES] = {\n");
    for (int k = 0; k < COACH_RM_READ_COUNT; k++) {
        fprintf(o, "    {");
        for (int q = 0; q < COACH_RM_OUT; q++) if (lane[q] >= 0) fprintf(o, "%d,", rm_read[k][q]);
        fprintf(o, "}, /* %s */\n", rm_read_names[k]);
    }
    fprintf(o, "};\nconst int8_t coach_rm_lane[COACH_RM_OUT] = {");
    for (int q = 0; q < COACH_RM_OUT; q++) fprintf(o, "%d,", lane[q]);
    fprintf(o, "};\nconst int16_t coach_rm_add[COACH_RM_OUT] = {");
    for (int q = 0; q < COACH_RM_OUT; q++) fprintf(o, "%d,", rm_add[q]);
    fprintf(o, "};\nconst int16_t coach_rm_drop[COACH_RM_OUT] = {");
    for (int q = 0; q < COACH_RM_OUT; q++) fprintf(o, "%d,", rm_drop[q]);
    fprintf(o, "};\n");
    free(keys);
    free(keep);
    free(names);
    free(ws);
}

static void emit_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(o, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f) fprintf(o, "\\%03o", c);
        else fputc(c, o);
    }
    fputc('"', o);
}

static int clampi(double v, int lo, int hi) { int x = (int)(v >= 0 ? v + 0.5 : v - 0.5); return x < lo ? lo : x > hi ? hi : x; }

/* words the engine's rules refer to by name get a KW_ constant */
static const char *keywords[][2] = {
    {"TOMORROW", "tomorrow"}, {"TODAY", "today"}, {"TONIGHT", "tonight"}, {"MORNING", "morning"},
    {"AFTERNOON", "afternoon"}, {"EVENING", "evening"}, {"NIGHT", "night"}, {"WITHIN", "within"},
    {"IN", "in"}, {"BY", "by"}, {"BEFORE", "before"}, {"ON", "on"}, {"AT", "at"}, {"THE", "the"},
    {"HOUR", "hour"}, {"HOURS", "hours"}, {"HR", "hr"}, {"HRS", "hrs"}, {"MINUTE", "minute"}, {"MINUTES", "minutes"},
    {"MINS", "mins"}, {"DAY", "day"}, {"DAYS", "days"}, {"WEEK", "week"}, {"WEEKS", "weeks"},
    {"MONTH", "month"}, {"WORKING", "working"}, {"BUSINESS", "business"}, {"END", "end"}, {"OF", "of"},
    {"CLOSE", "close"}, {"EOD", "eod"}, {"COB", "cob"}, {"PLAY", "play"}, {"NOON", "noon"},
    {"MIDDAY", "midday"}, {"MIDNIGHT", "midnight"}, {"FIRST", "first"}, {"THING", "thing"}, {"NEXT", "next"}, {"THIS", "this"}, {"THAT", "that"},
    {"LATER", "later"}, {"EARLY", "early"}, {"UNTIL", "until"}, {"A", "a"}, {"AN", "an"}, {"HALF", "half"},
    {"COUPLE", "couple"}, {"FEW", "few"}, {"YES", "yes"}, {"NO", "no"}, {"BUT", "but"}, {"HI", "hi"},
    {"HELLO", "hello"}, {"DEAR", "dear"}, {"HEY", "hey"}, {"THANKS", "thanks"}, {"THANK", "thank"}, {"REGARDS", "regards"},
    {"BEST", "best"}, {"CHEERS", "cheers"}, {"SINCERELY", "sincerely"}, {"WISHES", "wishes"}, {"KIND", "kind"},
    {"WARM", "warm"}, {"MY", "my"}, {"NAME", "name"}, {"IS", "is"}, {"I", "i"}, {"YOU", "you"}, {"WE", "we"},
    {"PLEASE", "please"}, {"KINDLY", "kindly"}, {"IF", "if"}, {"WHETHER", "whether"}, {"WHEN", "when"}, {"HOW", "how"},
    {"WHAT", "what"}, {"WHY", "why"}, {"WHERE", "where"}, {"WHICH", "which"}, {"WHO", "who"},
    {"MUCH", "much"}, {"LONG", "long"}, {"MANY", "many"}, {"TIME", "time"}, {"COST", "cost"}, {"PRICE", "price"},
    {"FEE", "fee"}, {"CHARGE", "charge"}, {"BECAUSE", "because"}, {"REASON", "reason"}, {"DUE", "due"},
    {"THERE", "there"}, {"TEAM", "team"}, {"ALL", "all"}, {"EVERYONE", "everyone"}, {"FOLKS", "folks"}, {"SIR", "sir"}, {"MADAM", "madam"},
    {"AND", "and"}, {"THEN", "then"}, {"ONE", "one"}, {"TWO", "two"}, {"THREE", "three"}, {"FOUR", "four"},
    {"FIVE", "five"}, {"SIX", "six"}, {"SEVEN", "seven"}, {"EIGHT", "eight"}, {"NINE", "nine"}, {"TEN", "ten"},
    {"ELEVEN", "eleven"}, {"TWELVE", "twelve"}, {"FOURTEEN", "fourteen"}, {"TWENTY", "twenty"}, {"THIRTY", "thirty"},
    {"MONDAY", "monday"}, {"TUESDAY", "tuesday"}, {"WEDNESDAY", "wednesday"},
    {"THURSDAY", "thursday"}, {"FRIDAY", "friday"}, {"SATURDAY", "saturday"}, {"SUNDAY", "sunday"},
    {"MON", "mon"}, {"TUE", "tue"}, {"TUES", "tues"}, {"WED", "wed"}, {"THU", "thu"}, {"THURS", "thurs"},
    {"FRI", "fri"}, {"SAT", "sat"}, {"SUN", "sun"},
    {"JANUARY", "january"}, {"FEBRUARY", "february"}, {"MARCH", "march"}, {"APRIL", "april"}, {"MAY", "may"},
    {"JUNE", "june"}, {"JULY", "july"}, {"AUGUST", "august"}, {"SEPTEMBER", "september"}, {"OCTOBER", "october"},
    {"NOVEMBER", "november"}, {"DECEMBER", "december"}, {"JAN", "jan"}, {"FEB", "feb"}, {"MAR", "mar"},
    {"APR", "apr"}, {"JUN", "jun"}, {"JUL", "jul"}, {"AUG", "aug"}, {"SEP", "sep"}, {"SEPT", "sept"},
    {"OCT", "oct"}, {"NOV", "nov"}, {"DEC", "dec"}, {"OK", "ok"}, {"OKAY", "okay"}, {"SO", "so"}, {"SINCE", "since"}, {"AFTER", "after"}, {"MEANS", "means"},
    {"CAUSED", "caused"}, {"COME", "come"}, {"POSSIBLE", "possible"}, {"DO", "do"}, {"CAN", "can"}, {"TO", "to"}, {"OR", "or"}, {"ALSO", "also"},
    {"BE", "be"}, {"WHERES", "where's"}, {"WHATS", "what's"}, {"WHENS", "when's"}, {"HOWS", "how's"}, {"HAVE", "have"}, {"BEEN", "been"}, {"NOT", "not"}, {"FREE", "free"}, {"BETWEEN", "between"},
    /* other parties: "I called the bank" is not a contact with us (coach_sentiment.c) */
    {"BANK", "bank"}, {"POLICE", "police"}, {"COURIER", "courier"}, {"LANDLORD", "landlord"}, {"COUNCIL", "council"},
    {"INSURER", "insurer"}, {"DOCTOR", "doctor"}, {"GP", "gp"}, {"VET", "vet"}, {"LAWYER", "lawyer"},
    {"SOLICITOR", "solicitor"}, {"HUSBAND", "husband"}, {"WIFE", "wife"}, {"SON", "son"}, {"DAUGHTER", "daughter"},
    {"MUM", "mum"}, {"MOM", "mom"}, {"DAD", "dad"}, {"FRIEND", "friend"}, {"MANUFACTURER", "manufacturer"},
    {"SELLER", "seller"}, {"AIRLINE", "airline"}, {"EMBASSY", "embassy"}, {"HOSPITAL", "hospital"}, {"PHARMACY", "pharmacy"},
    {"EMPLOYER", "employer"}, {"BOSS", "boss"}, {"BROKER", "broker"}, {"AGENCY", "agency"}, {"SUPPLIER", "supplier"},    /* something went wrong (coach_cues.c) */
    {"W_BROKEN", "broken"}, {"W_BROKE", "broke"}, {"W_SPLIT", "split"}, {"W_MISSING", "missing"},
    {"W_DAMAGED", "damaged"}, {"W_DELAYED", "delayed"}, {"W_CANCELLED", "cancelled"},
    {"W_CANCELED", "canceled"}, {"W_WRONG", "wrong"}, {"W_RIPPED", "ripped"}, {"W_TORN", "torn"},
    {"W_TEAR", "tear"}, {"W_SCRATCH", "scratch"}, {"W_SCRATCHED", "scratched"}, {"W_STAINED", "stained"},
    {"W_DIRTY", "dirty"}, {"W_LEAKING", "leaking"}, {"W_LEAKS", "leaks"}, {"W_FAULTY", "faulty"},
    {"W_DEFECTIVE", "defective"}, {"W_ERROR", "error"}, {"W_FAILED", "failed"}, {"W_FAILING", "failing"},
    {"W_OUTAGE", "outage"}, {"W_CRASHES", "crashes"}, {"W_CRASHING", "crashing"}, {"W_CRASHED", "crashed"},
    {"W_STUCK", "stuck"}, {"W_OVERCHARGED", "overcharged"}, {"W_CHARGED", "charged"},
    {"W_DEBITED", "debited"}, {"W_DEDUCTED", "deducted"}, {"W_SPILLED", "spilled"}, {"W_INVALID", "invalid"},
    {"W_BLOCKED", "blocked"}, {"W_DISCONNECTED", "disconnected"}, {"W_CRACKED", "cracked"},
    {"W_SMASHED", "smashed"}, {"W_REJECTED", "rejected"}, {"W_DECLINED", "declined"},
    {"W_FROZEN", "frozen"}, {"W_UNUSABLE", "unusable"}, {"W_MOULDY", "mouldy"},
    {"W_MOLDY", "moldy"}, {"W_ROTTEN", "rotten"}, {"W_FLOODED", "flooded"},
    {"W_NOBODY", "nobody"}, {"W_ARRIVED", "arrived"}, {"W_ARRIVE", "arrive"}, {"W_CAME", "came"},
    {"W_COME", "come"}, {"W_WORK", "work"}, {"W_WORKS", "works"}, {"W_WORKING", "working"},
    {"W_DELIVERED", "delivered"}, {"W_RECEIVED", "received"}, {"W_REFLECT", "reflect"},
    {"W_REFLECTED", "reflected"}, {"W_TURNED", "turned"}, {"W_SHOWED", "showed"}, {"W_REPLIED", "replied"},
    {"W_RESPOND", "respond"}, {"W_RESPONDED", "responded"}, {"W_INFORMED", "informed"},
    {"W_CONNECT", "connect"}, {"W_CHARGING", "charging"}, {"W_LOADING", "loading"}, {"W_OPEN", "open"}, {"W_MOVED", "moved"}, {"W_COLLECTED", "collected"}, {"W_GIVEN", "given"}, {"W_RELEASED", "released"}, {"W_APPEARED", "appeared"}, {"W_FIXED", "fixed"}, {"W_SORTED", "sorted"}, {"W_RESOLVED", "resolved"}, {"W_ANSWERED", "answered"}, {"W_HERE", "here"}, {"W_AVAILABLE", "available"}, {"W_UPDATED", "updated"}, {"W_PROCESSED", "processed"}, {"W_REFUNDED", "refunded"}, {"W_RETURNED", "returned"}, {"W_DOING", "doing"}, {"W_WITHOUT", "without"},
    {"W_STILL", "still"}, {"W_INSTEAD", "instead"}, {"W_TOOK", "took"}, {"W_TAKEN", "taken"},
    {"W_BILLED", "billed"}, {"W_EXTRA", "extra"}, {"W_NOTHING", "nothing"}, {"W_WAITING", "waiting"}, {"W_DOUBLE", "double"}, {"Q_TELL", "tell"}, {"Q_EXPLAIN", "explain"}, {"Q_SEND", "send"}, {"Q_PROVIDE", "provide"}, {"Q_SECONDLY", "secondly"}, {"Q_UNSURE", "unsure"}, {"Q_ANY", "any"}, {"Q_KNOW", "know"}, {"Q_CORRECT", "correct"},
    {"W_GETTING", "getting"}, {"W_SURE", "sure"}, {"W_UNDERSTANDING", "understanding"}, {"S_LOVE", "love"}, {"S_PERFECT", "perfect"}, {"S_AMAZING", "amazing"}, {"S_SUPERB", "superb"}, {"E_APPOINTMENT", "appointment"}, {"E_ELECTION", "election"}, {"E_MEETING", "meeting"}, {"E_TERM", "term"},
    {"E_SUMMONS", "summons"}, {"E_COURT", "court"}, {"E_LEAVES", "leaves"}, {"E_STARTS", "starts"}, {"E_EXPIRE", "expire"},
    {"E_HEARING", "hearing"}, {"E_WEDDING", "wedding"}, {"E_PRESENTATION", "presentation"}, {"E_EXAM", "exam"}, {"E_INTERVIEW", "interview"},
    {"E_FUNERAL", "funeral"}, {"E_EXHIBITION", "exhibition"}, {"E_FLIGHT", "flight"}, {"E_PARTY", "party"},
    {"E_OPENS", "opens"}, {"E_CLOSES", "closes"}, {"E_EXPIRES", "expires"}, {"E_LEFT", "left"},
    {"W_DELETED", "deleted"}, {"W_WIPED", "wiped"}, {"W_ERASED", "erased"}, {"W_DISAPPEARED", "disappeared"}, {"W_VANISHED", "vanished"}, {"W_GONE", "gone"},
    {"D_RECOMMEND", "recommend"}, {"D_SUGGEST", "suggest"}, {"D_ADVISE", "advise"}, {"D_ENCOURAGE", "encourage"},
    {"D_COULD", "could"}, {"D_REQUEST", "request"}, {"D_RAISED", "raised"}, {"D_DIRECTED", "directed"}, {"D_REACHED", "reached"},
    {"D_CONTACTED", "contacted"}, {"D_REQUESTED", "requested"}, {"D_PLUMBER", "plumber"}, {"D_ELECTRICIAN", "electrician"},
    {"D_SURGERY", "surgery"}, {"D_CREATOR", "creator"}, {"D_RETAILER", "retailer"}, {"D_MERCHANT", "merchant"},
    {"D_CONTRACTOR", "contractor"}, {"D_PARTNER", "partner"}, {"D_GARAGE", "garage"}, {"D_VET", "vet"},
    {"N_IQLL", "i'll"}, {"N_WEQLL", "we'll"}, {"N_WILL", "will"}, {"N_WOULD", "would"}, {"N_SIMPLY", "simply"}, {"N_NOW", "now"},
    {"N_CLICK", "click"}, {"N_REPLY", "reply"}, {"N_BRING", "bring"}, {"N_RETURN", "return"}, {"N_RESTART", "restart"},
    {"N_TRY", "try"}, {"N_SWITCH", "switch"}, {"N_TAP", "tap"}, {"N_SELECT", "select"}, {"N_CHOOSE", "choose"},
    {"N_ENTER", "enter"}, {"N_DROP", "drop"}, {"N_POP", "pop"}, {"N_USE", "use"}, {"N_FILL", "fill"}, {"N_PRINT", "print"},
    {"N_ATTACH", "attach"}, {"N_UPLOAD", "upload"}, {"N_SIGN", "sign"}, {"N_FOLLOW", "follow"}, {"N_HEAD", "head"},
    {"N_SHOW", "show"}, {"N_LOG", "log"}, {"N_RUN", "run"}, {"N_TURN", "turn"}, {"N_PICK", "pick"}, {"N_RESET", "reset"},
    {"N_REINSTALL", "reinstall"}, {"N_UPDATE", "update"}, {"N_KEEP", "keep"}, {"N_BOOK", "book"},
    {"R_WERE", "were"}, {"R_DID", "did"}, {"O_GOING", "going"}, {"O_GONNA", "gonna"}, {"O_INTEND", "intend"}, {"O_PLAN", "plan"}, {"O_PROPOSE", "propose"}, {"O_OFFER", "offer"}, {"R_MISSING", "missing"}, {"R_HAPPENED", "happened"}, {"R_HAPPENING", "happening"}, {"R_WENT", "went"}, {"B_RESPONSIBILITY", "responsibility"}, {"P_MEANTIME", "meantime"}, {"P_ALTERNATIVELY", "alternatively"},
    {"P_WORKAROUND", "workaround"}, {"P_MEANWHILE", "meanwhile"}, {"P_HOWEVER", "however"}, {"P_THOUGH", "though"}, {"P_THERES", "there's"}, {"D_HANDLED", "handled"}, {"D_MANAGED", "managed"}, {"D_DEALT", "dealt"}, {"D_HOTEL", "hotel"}, {"D_AIRPORT", "airport"}, {"D_VENUE", "venue"}, {"D_HOST", "host"},
    {"M_GOOD", "good"}, {"M_MONTHS", "months"}, {"M_YEAR", "year"}, {"M_YEARS", "years"}, {"M_WEEKEND", "weekend"}, {"M_ADVANCE", "advance"}, {"M_HELP", "help"}, {"M_LOOKING", "looking"}, {"M_FORWARD", "forward"}, {"M_APPRECIATE", "appreciate"},
    {"W_LET", "let"}, {"W_SENT", "sent"}, {"W_LOST", "lost"}, {"W_SOLD", "sold"}, {"W_GAVE", "gave"}, {"W_MADE", "made"},
    /* time pressure (coach_cues.c) */
    {"U_NEED", "need"}, {"U_NEEDS", "needs"}, {"U_NEEDED", "needed"}, {"U_MUST", "must"}, {"U_REQUIRE", "require"},
    {"U_CANNOT", "cannot"}, {"U_CANT", "can't"}, {"U_NOW", "now"}, {"U_RIGHT", "right"}, {"U_DEADLINE", "deadline"}, {"U_HAS", "has"}, {"U_MIN", "min"}, {"U_BOARDING", "boarding"},
    {"P_WERE", "were"}, {"P_HAD", "had"}, {"P_DID", "did"}, {"P_WASNT", "wasn't"},
    /* titles before a name (coach_reply.c, personal) */
    {"T_MR", "mr"}, {"T_MRS", "mrs"}, {"T_MS", "ms"}, {"T_MISS", "miss"}, {"T_DR", "dr"}, {"T_MX", "mx"},
    /* reply acts, by structure (coach_acts.c) */
    {"A_FRUSTRATING", "frustrating"}, {"A_ANNOYING", "annoying"}, {"A_UPSETTING", "upsetting"},
    {"A_STRESSFUL", "stressful"}, {"A_AWFUL", "awful"}, {"A_HORRIBLE", "horrible"}, {"A_WORRYING", "worrying"},
    {"A_WORRY", "worry"}, {"A_PAINFUL", "painful"}, {"A_HEARTBREAKING", "heartbreaking"},
    {"A_DISAPPOINTING", "disappointing"}, {"A_ROTTEN", "rotten"}, {"A_HEADACHE", "headache"},
    {"A_HUMILIATING", "humiliating"}, {"A_TOUGH", "tough"}, {"A_UNACCEPTABLE", "unacceptable"},
    {"A_TERRIBLE", "terrible"}, {"A_SCARY", "scary"}, {"A_FRIGHTENING", "frightening"},
    {"A_DISTRESSING", "distressing"}, {"A_DIFFICULT", "difficult"}, {"A_NIGHTMARE", "nightmare"},
    {"A_INFURIATING", "infuriating"}, {"A_EXHAUSTING", "exhausting"}, {"A_SHOCKING", "shocking"},
    {"A_GUTTED", "gutted"}, {"A_DREADFUL", "dreadful"}, {"A_MISERABLE", "miserable"}, {"A_UNFAIR", "unfair"},
    {"A_COSTING", "costing"}, {"A_COUNTS", "counts"}, {"A_ALARMING", "alarming"}, {"A_HORRID", "horrid"},
    {"A_HEARTBREAK", "heartbreak"}, {"A_DEVASTATING", "devastating"}, {"A_EMBARRASSING", "embarrassing"},
    {"A_ACCEPTABLE", "acceptable"}, {"A_OKAY", "okay"}, {"A_GOOD", "good"}, {"A_FAIR", "fair"},
    {"A_RIGHT", "right"}, {"A_TOO", "too"}, {"A_LAST", "last"}, {"A_SHOULD", "should"}, {"A_NEVER", "never"},
    {"A_NOBODY", "nobody"}, {"A_WAS", "was"}, {"A_SOUNDS", "sounds"}, {"A_THATQS", "that's"},
    {"A_ITQS", "it's"}, {"A_MUST", "must"}, {"A_ESPECIALLY", "especially"}, {"A_SORRY", "sorry"},
    {"A_APOLOGISE", "apologise"}, {"A_APOLOGIZE", "apologize"}, {"A_APOLOGIES", "apologies"},
    {"A_YOUQRE", "you're"}, {"A_YOUQVE", "you've"}, {"A_YOUQD", "you'd"}, {"A_YOURS", "yours"},
    {"A_KNOW", "know"}, {"A_REALISE", "realise"}, {"A_REALIZE", "realize"}, {"A_LOSS", "loss"},
    {"A_ABOUT", "about"}, {"A_OUR", "our"}, {"A_YOUR", "your"},
    {"A_FAULT", "fault"}, {"A_BY", "by"},
    {"A_CAUSED", "caused"}, {"A_DIRECTLY", "directly"}, {"A_THEM", "them"}, {"A_THEY", "they"},
    {"A_DEPARTMENT", "department"}, {"A_PROVIDER", "provider"}, {"A_COMPANY", "company"},
    {"A_INSURANCE", "insurance"}, {"A_RESTAURANT", "restaurant"}, {"A_OFFICE", "office"},
    {"A_BRANCH", "branch"}, {"A_SUPPORT", "support"}, {"A_ADVICE", "advice"}, {"A_STATION", "station"},
    {"A_WEBSITE", "website"}, {"A_CONTACT", "contact"}, {"A_RING", "ring"},
    {"A_PHONE", "phone"}, {"A_CHAT", "chat"}, {"A_EMAIL", "email"}, {"A_REPORT", "report"}, {"A_RAISE", "raise"},
    {"A_TAKE", "take"}, {"A_VISIT", "visit"}, {"A_ASK", "ask"}, {"A_SPEAK", "speak"}, {"A_REACH", "reach"},
    {"A_REFER", "refer"}, {"A_CLAIM", "claim"}, {"A_FILE", "file"}, {"A_GO", "go"}, {"A_SEEK", "seek"},
    {"A_COMPLAIN", "complain"}, {"A_APPLY", "apply"}, {"A_SUBMIT", "submit"}, {"A_CHECK", "check"},
    {"A_NEED", "need"}, {"A_WISH", "wish"}, {"A_WANT", "want"}, {"A_GREAT", "great"},
    {"A_SURE", "sure"}, {"A_WELL", "well"}, {"A_WOW", "wow"}, {"A_OH", "oh"}, {"A_BRILLIANT", "brilliant"},
    {"A_FANTASTIC", "fantastic"}, {"A_WONDERFUL", "wonderful"}, {"A_LOVELY", "lovely"},
    {"A_ANOTHER", "another"}, {"A_JUST", "just"}, {"A_WHAT", "what"},
    {"A_HOW", "how"}, {"A_EXPERIENCE", "experience"}, {"A_INCONVENIENCE", "inconvenience"},
    {"A_FRUSTRATION", "frustration"}, {"A_FEEDBACK", "feedback"}, {"A_CONCERN", "concern"},
    {"A_CONCERNS", "concerns"}, {"A_ISSUE", "issue"}, {"A_ISSUES", "issues"}, {"A_TROUBLE", "trouble"},
    {"A_QUERY", "query"}, {"A_ENQUIRY", "enquiry"}, {"A_INQUIRY", "inquiry"}, {"A_MESSAGE", "message"},
    {"A_COMPLAINT", "complaint"}, {"A_SITUATION", "situation"}, {"A_PATIENCE", "patience"}, {"A_WAIT", "wait"},
    {"A_DELAY", "delay"}, {"A_ME", "me"}, {"A_HERE", "here"}, {"A_US", "us"},
    {"A_ONE", "one"},
    /* capitals shown as a label says them, not shouting (coach_reply.c, shown_as_written) */
    {"L_LABELLED", "labelled"}, {"L_LABELED", "labeled"}, {"L_MARKED", "marked"}, {"L_STAMPED", "stamped"}, {"L_PRESS", "press"},
    /* after a promise's time, the customer's context (coach_time.c, context_from) */
    {"T_AHEAD", "ahead"}, {"T_PLENTY", "plenty"}, {"T_COMFORTABLY", "comfortably"}, {"T_LEAVING", "leaving"}, {"T_GIVING", "giving"},
    /* repeat contact, by structure (coach_cues.c): contact words, repetition markers, the customer */
    {"C_WRITE", "write"}, {"C_WROTE", "wrote"}, {"C_WRITTEN", "written"}, {"C_WRITING", "writing"},
    {"C_SENT", "sent"}, {"C_CALL", "call"}, {"C_CALLED", "called"}, {"C_CALLING", "calling"},
    {"C_RANG", "rang"}, {"C_RUNG", "rung"}, {"C_RINGING", "ringing"}, {"C_PHONED", "phoned"}, {"C_TELEPHONED", "telephoned"},
    {"C_PHONING", "phoning"}, {"C_EMAILED", "emailed"}, {"C_EMAILING", "emailing"},
    {"C_CONTACTED", "contacted"}, {"C_CONTACTING", "contacting"}, {"C_CHATTED", "chatted"},
    {"C_MESSAGED", "messaged"}, {"C_MESSAGING", "messaging"}, {"C_ASKED", "asked"}, {"C_ASKING", "asking"},
    {"C_TOLD", "told"}, {"C_REPORTED", "reported"}, {"C_COMPLAINED", "complained"}, {"C_CHASED", "chased"},
    {"C_CHASING", "chasing"}, {"C_TOUCH", "touch"}, {"C_HOLD", "hold"}, {"C_RAISED", "raised"},
    {"C_EXPLAINED", "explained"}, {"C_MENTIONED", "mentioned"}, {"C_SUBMITTED", "submitted"},
    {"C_TWICE", "twice"}, {"C_TIMES", "times"}, {"C_TIME", "time"}, {"C_ALREADY", "already"},
    {"C_AGAIN", "again"}, {"C_SECOND", "second"}, {"C_THIRD", "third"}, {"C_FOURTH", "fourth"},
    {"C_FIFTH", "fifth"}, {"C_2ND", "2nd"}, {"C_3RD", "3rd"}, {"C_4TH", "4th"}, {"C_5TH", "5th"},
    {"C_REPEATEDLY", "repeatedly"}, {"C_PREVIOUSLY", "previously"}, {"C_EVERY", "every"},
    {"C_SEVERAL", "several"}, {"C_MULTIPLE", "multiple"}, {"C_NUMEROUS", "numerous"},
    {"C_COUNTLESS", "countless"}, {"C_DAILY", "daily"}, {"C_IM", "i'm"}, {"C_IVE", "i've"},
    {"C_ID", "i'd"}, {"C_WERE", "we're"}, {"C_WEVE", "we've"},
    /* blame by parts (coach_acts.c): advice for next time, the customer's role at fault, a named party; a lateness that keeps happening (coach_cues.c) */
    {"E_FUTURE", "future"}, {"E_ENSURE", "ensure"}, {"E_PERHAPS", "perhaps"}, {"E_MAKE", "make"},
    {"E_REMEMBER", "remember"}, {"E_SIDE", "side"}, {"E_THEIR", "their"}, {"E_HAULIER", "haulier"},
    {"E_SUBCONTRACTOR", "subcontractor"}, {"E_CARRIER", "carrier"}, {"E_OWNER", "owner"},
    {"E_OWNERS", "owners"}, {"E_HOMEOWNER", "homeowner"}, {"E_CUSTOMER", "customer"},
    {"E_CUSTOMERS", "customers"}, {"E_PATIENT", "patient"}, {"E_PATIENTS", "patients"}, {"E_TENANT", "tenant"},
    {"E_TENANTS", "tenants"}, {"E_STUDENT", "student"}, {"E_STUDENTS", "students"}, {"E_GUEST", "guest"},
    {"E_GUESTS", "guests"}, {"E_PASSENGER", "passenger"}, {"E_PASSENGERS", "passengers"}, {"E_BUYER", "buyer"},
    {"E_BUYERS", "buyers"}, {"E_USER", "user"}, {"E_USERS", "users"}, {"E_POLICYHOLDER", "policyholder"},
    {"E_PARENTS", "parents"}, {"E_MEMBERS", "members"}, {"E_LATE", "late"}, {"E_ALWAYS", "always"},
    /* questions without a question mark, and what kind of answer they ask (coach_questions.c) */
    {"Q_CONFIRM", "confirm"}, {"Q_UNDERSTAND", "understand"}, {"Q_CLARIFY", "clarify"},
    {"Q_ROUGHLY", "roughly"}, {"Q_APPROXIMATELY", "approximately"}, {"Q_EXACTLY", "exactly"}, {"Q_FOR", "for"},
    {"Q_TIMEFRAME", "timeframe"}, {"Q_TIMESCALE", "timescale"}, {"Q_TIMESCALES", "timescales"},
    {"Q_TIMELINE", "timeline"}, {"Q_ETA", "eta"},
    /* a yes/no question answered in its own words turned round, and reasons told (coach_questions.c) */
    {"Y_DOES", "does"}, {"Y_DONQT", "don't"}, {"Y_DOESNQT", "doesn't"}, {"Y_DIDNQT", "didn't"},
    {"Y_COULDNQT", "couldn't"}, {"Y_ISNQT", "isn't"}, {"Y_ARE", "are"}, {"Y_ARENQT", "aren't"},
    {"Y_WONQT", "won't"}, {"Y_HAVENQT", "haven't"}, {"Y_HASNQT", "hasn't"}, {"Y_ITQLL", "it'll"},
    {"Y_THEYQRE", "they're"}, {"Y_THEYQLL", "they'll"}, {"Y_YOUQLL", "you'll"}, {"Y_IT", "it"},
    {"Y_COVERS", "covers"}, {"Y_APPLIES", "applies"}, {"Y_USED", "used"}, {"Y_AS", "as"}, {"Y_SOON", "soon"},
    /* a positive alternative after a no (coach_reply.c) */
    {"P_WELCOME", "welcome"}, {"P_UNFORTUNATELY", "unfortunately"}, {"P_WHILE", "while"},
    /* a loss happening now, events and failures (coach_cues.c); felt apologies, a step taken, curt orders, greetings (coach_acts.c, coach_reply.c) */
    {"H_DOWN", "down"}, {"H_STOPPED", "stopped"}, {"H_GAS", "gas"}, {"H_SMELL", "smell"}, {"H_LEAK", "leak"},
    {"H_GUSHING", "gushing"}, {"H_FLOODING", "flooding"}, {"H_FIRE", "fire"}, {"H_SMOKE", "smoke"},
    {"H_ATE", "ate"}, {"H_SWALLOWED", "swallowed"}, {"H_STANDING", "standing"}, {"H_STRANDED", "stranded"},
    {"H_OUTSIDE", "outside"}, {"H_YESTERDAY", "yesterday"}, {"H_EXPERIENCED", "experienced"},
    {"H_REALLY", "really"}, {"H_VERY", "very"}, {"H_TRULY", "truly"}, {"H_DEEPLY", "deeply"},
    {"H_TERRIBLY", "terribly"}, {"H_EXTREMELY", "extremely"}, {"H_HEAR", "hear"}, {"H_MISTAKE", "mistake"},
    {"H_CIAO", "ciao"}, {"H_READ", "read"}, {"H_SNAPPED", "snapped"}, {"H_TORE", "tore"},
    {"H_RUINED", "ruined"}, {"H_HOLES", "holes"}, {"H_ERRORS", "errors"}, {"H_EMPTY", "empty"},
    {"H_PAUSED", "paused"}, {"H_BURST", "burst"}, {"H_OPENING", "opening"}, {"H_CEREMONY", "ceremony"},
    {"H_MARATHON", "marathon"}, {"H_RACE", "race"}, {"H_START", "start"}, {"H_BOUNCING", "bouncing"},
    {"H_MOCK", "mock"}, {"H_AGO", "ago"}, {"H_BACK", "back"}, {"H_NOTIFIED", "notified"}, {"H_SEE", "see"},
    {"H_HOLA", "hola"}, {"H_BONJOUR", "bonjour"}, {"H_HALLO", "hallo"}, {"H_WEBINAR", "webinar"},
    {"H_RELEASE", "release"}, {"H_LAUNCH", "launch"}, {"H_PM", "pm"}, {"H_AM", "am"},
    /* complaints asked or supposed, urgency told by the clock, a loss that goes on (coach_cues.c) */
    {"T_SUPPOSED", "supposed"}, {"T_MEANT", "meant"}, {"T_RECEIVE", "receive"}, {"T_MONEY", "money"},
    {"T_PAYMENT", "payment"}, {"T_KEEPS", "keeps"}, {"T_KEPT", "kept"}, {"T_SAYING", "saying"},
    {"T_COMPLETELY", "completely"}, {"T_TOTALLY", "totally"}, {"T_FEEL", "feel"}, {"T_ITS", "its"},
    {"T_ENDS", "ends"}, {"T_LOSING", "losing"}, {"T_LOOSING", "loosing"}, {"T_CLIENTS", "clients"},
    {"T_SALES", "sales"}, {"T_BOOKINGS", "bookings"}, {"T_ORDERS", "orders"}, {"T_COSTS", "costs"},
    {"T_COSTING", "costing"}, {"T_WATER", "water"}, {"T_RAIN", "rain"}, {"T_COMING", "coming"},
    {"T_POURING", "pouring"}, {"T_DRIPPING", "dripping"}, {"T_HER", "her"}, {"T_HIS", "his"}, {"T_BIT", "bit"}, {"T_PER", "per"}, {"T_PROBLEM", "problem"}, {"T_DEGREES", "degrees"}, {"T_FLY", "fly"}, {"T_FLYING", "flying"}, {"T_DEMO", "demo"}, {"T_AUDITION", "audition"}, {"T_LOSE", "lose"}, {"T_JOB", "job"}, {"T_HOME", "home"}, {"T_HOUSE", "house"}, {"T_WAY", "way"}, {"T_HOLE", "hole"}, {"T_CRACK", "crack"}, {"T_AGREED", "agreed"}, {"T_AUTHORISED", "authorised"}, {"T_ORDERED", "ordered"}, {"T_UP", "up"}, {"T_CLOSED", "closed"}, {"T_UNAVAILABLE", "unavailable"}, {"T_PREFER", "prefer"}, {"T_THESE", "these"}, {"T_THOSE", "those"}, {"T_FEES", "fees"}, {"T_CHARGES", "charges"}, {"T_AGE", "age"}, {"T_EARLIEST", "earliest"}, {"T_LATEST", "latest"}, {"T_MINIMUM", "minimum"}, {"T_MAXIMUM", "maximum"}, {"T_LIMIT", "limit"}, {"T_SIZE", "size"}, {"T_COMES", "comes"}, {"T_FROM", "from"}, {"T_USUALLY", "usually"}, {"T_OFTEN", "often"}, {"T_TYPICALLY", "typically"}, {"T_RESIDENTS", "residents"}, {"T_RIDERS", "riders"}, {"T_SICK", "sick"}, {"T_HURT", "hurt"}, {"T_GLASS", "glass"}, {"T_BIRTHDAY", "birthday"}, {"T_HOLIDAY", "holiday"}, {"T_OPERATION", "operation"}, {"T_SALARY", "salary"}, {"T_GET", "get"}, {"T_WORKED", "worked"}, {"T_SHIPPED", "shipped"}, {"T_EMPTIED", "emptied"}, {"T_CLEANED", "cleaned"}, {"T_INFORM", "inform"}, {"T_DISPATCHED", "dispatched"}, {"T_BENT", "bent"}, {"T_UNLESS", "unless"}, {"T_EITHER", "either"}, {"T_PROBABLY", "probably"}, {"T_LIKELY", "likely"}, {"T_HAPPENS", "happens"}, {"T_HAPPEN", "happen"}, {"T_OCCUR", "occur"}, {"T_OCCURS", "occurs"}, {"T_WATERQS", "water's"}, {"R2_QUOTE", "quote"}, {"R2_EXPECT", "expect"}, {"R2_CANCEL", "cancel"}, {"R2_REFUND", "refund"}, {"R2_FIX", "fix"}, {"R2_DELETE", "delete"}, {"R2_REMOVE", "remove"}, {"R2_REVERSE", "reverse"}, {"R2_STOP", "stop"}, {"R2_ARRANGE", "arrange"}, {"R2_REPLACE", "replace"}, {"R2_CHANGE", "change"}, {"R2_MOVE", "move"}, {"R2_RESTORE", "restore"}, {"R2_UNLOCK", "unlock"}, {"R2_WAIVE", "waive"}, {"R2_CREDIT", "credit"}, {"R2_RESEND", "resend"}, {"R2_SORT", "sort"}, {"R2_REPAIR", "repair"}, {"R2_COLLECT", "collect"}, {"R2_REVERSED", "reversed"}, {"R2_REMOVED", "removed"}, {"R2_REPLACED", "replaced"}, {"R2_COMPENSATION", "compensation"}, {"R2_WAIVED", "waived"}, {"R3_APOLOGY", "apology"}, {"R3_EXPLANATION", "explanation"}, {"R3_CONFIRMATION", "confirmation"}, {"R3_ANSWER", "answer"}, {"R3_REPLACEMENT", "replacement"}, {"R3_DISCOUNT", "discount"}, {"R3_INVOICE", "invoice"}, {"R3_RECEIPT", "receipt"}, {"R3_CALLBACK", "callback"}, {"R3_BREAKDOWN", "breakdown"}, {"R3_GIVE", "give"}, {"R3_REPRINT", "reprint"}, {"R3_FIND", "find"}, {"R3_NOTE", "note"}, {"R3_EXCUSE", "excuse"}, {"R3_FORGIVE", "forgive"}, {"R3_BEAR", "bear"}, {"R3_ACCEPT", "accept"}, {"R3_HESITATE", "hesitate"}, {"R3_ENJOY", "enjoy"}, {"R4_GRATEFUL", "grateful"}, {"R4_APPRECIATED", "appreciated"}, {"R4_VERIFY", "verify"}, {"R4_OFF", "off"}, {"R4_OUT", "out"}, {"R4_FOLLOWING", "following"}, {"R4_WONDER", "wonder"}, {"R4_WONDERING", "wondering"}, {"R4_ASSURE", "assure"}, {"R4_SHARE", "share"}, {"R4_FULL", "full"}, {"R4_WED", "we'd"}, {"R4_RESCHEDULE", "reschedule"}, {"R4_ASSIST", "assist"}, {"R4_WONDERED", "wondered"}, {"R4_FRANKLY", "frankly"}, {"R4_HONESTLY", "honestly"}, {"R4_QUICK", "quick"}, {"R4_URGENTLY", "urgently"}, {"R5_ASAP", "asap"}, {"R5_PLS", "pls"}, {"R5_PLZ", "plz"}, {"R5_YO", "yo"}, {"R5_LOVED", "loved"}, {"R5_BONUS", "bonus"}, {"R5_GIFT", "gift"}, {"R5_LOVING", "loving"}, {"R5_FILLS", "fills"}, {"R5_CONFIDENCE", "confidence"}, {"R5_DONE", "done"}, {"R5_MAKES", "makes"}, {"R5_ROW", "row"}, {"R5_PAID", "paid"}, {"R5_BOUGHT", "bought"}, {"R5_BOOKED", "booked"}, {"R5_GOT", "got"}, {"R5_CONCERT", "concert"}, {"R5_RECITAL", "recital"}, {"R5_GIG", "gig"}, {"R5_PERFORMANCE", "performance"}, {"R5_CLOSING", "closing"}, {"R5_COMPLETION", "completion"}, {"R5_TOURNAMENT", "tournament"}, {"R5_COMPETITION", "competition"}, {"R5_GRADUATION", "graduation"}, {"R5_HIM", "him"}, {"R5_RESPONSE", "response"}, {"R5_AWARE", "aware"}, {"R5_SERIOUSNESS", "seriousness"}, {"R5_JOKING", "joking"}, {"R5_ASIDE", "aside"}, {"R6_NEEDFUL", "needful"}, {"R6_WANTED", "wanted"}, {"R6_PAY", "pay"}, {"R6_CURIOUS", "curious"}, {"R6_HE", "he"}, {"R6_SHE", "she"}, {"R6_PROOF", "proof"}, {"R6_EVIDENCE", "evidence"}, {"R6_MANAGER", "manager"}, {"R6_FOOTAGE", "footage"}, {"R6_COPY", "copy"}, {"R6_INTERESTED", "interested"}, {"R6_ACTUALLY", "actually"}, {"R6_THINGS", "things"}, {"R6_QUESTIONS", "questions"}, {"R7_REVERT", "revert"}, {"R7_FAST", "fast"}, {"R7_QUICKLY", "quickly"}, {"R7_LOOK", "look"}, {"R7_INSPECT", "inspect"}, {"R7_BUY", "buy"}, {"R7_ORDER", "order"}, {"R7_TRANSFER", "transfer"}, {"R7_JOIN", "join"}, {"R7_UPGRADE", "upgrade"}, {"R7_PAUSE", "pause"}, {"R7_SWAP", "swap"}, {"R7_ADD", "add"}, {"R7_RESERVE", "reserve"}, {"R7_PURCHASE", "purchase"}, {"R7_REGISTER", "register"}, {"R7_ENROL", "enrol"}, {"R7_BALANCE", "balance"}, {"R7_DEPOSIT", "deposit"}, {"R7_RENT", "rent"}, {"R7_INSTALMENT", "instalment"}, {"R7_INSTALLMENT", "installment"}, {"R7_PREMIUM", "premium"}, {"R7_DEALING", "dealing"}, {"R7_HAVING", "having"}, {"R7_WORRIES", "worries"}, {"R7_BOTHER", "bother"}, {"V_SOMEONE", "someone"}, {"V_ANYONE", "anyone"}, {"V_SOMEBODY", "somebody"}, {"V_ANYBODY", "anybody"}, {"V_U", "u"}, {"V_LIKE", "like"}, {"V_NEED", "need"},
};

int main(int argc, char **argv)
{
    if (argc != 4) { fprintf(stderr, "usage: coach_gen DATA_DIR OUT.c OUT_KW.h\n"); return 2; }
    const char *dir = argv[1];
    read_file(dir, "sentiment.tsv", on_sentiment, 0);
    read_file(dir, "learned.tsv", on_learned, 1);
    read_file(dir, "emotions.tsv", on_emotion, 0);
    read_file(dir, "modifiers.tsv", on_modifier, 0);
    read_file(dir, "wordclass.tsv", on_class, 0);
    read_file(dir, "spelling.tsv", on_spelling, 0);
    read_file(dir, "phrases.tsv", on_phrase, 0);
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) get(keywords[k][1]);
    /* a learned weight on a modifier ("not", "very") would count twice */
    for (int i = 0; i < nw; i++)
        if (W[i].learned && W[i].mod) { W[i].val = 0; W[i].has_val = 0; }
    /* words that can start a deadline: the time parser skips every other word at once */
    static const char *time_words[] = {"tomorrow", "today", "tonight", "morning", "afternoon", "evening", "night", "within",
        "in", "next", "this", "end", "close", "eod", "cob", "noon", "midday", "midnight", "first", "early",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
        "thurs", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec"};
    for (size_t k = 0; k < sizeof time_words / sizeof time_words[0]; k++) W[get(time_words[k])].flags |= COACH_W_TIME;
    auto_spellings();
    spelling_stems();
    read_file(dir, "synonyms.tsv", on_synonym, 0);
    read_file(dir, "customer_model.tsv", on_model, 1);
    read_file(dir, "answer_model.tsv", on_answer, 1);
    rm_names();
    read_file(dir, "reply_model.tsv", on_reply_model, 1);
    /* variants take the canonical word's data; phrases use canonical words */
    for (int i = 0; i < nw; i++) {
        int c = canon(i);
        if (c == i) continue;
        if (!W[c].has_val && W[i].has_val) { W[c].val = W[i].val; W[c].has_val = 1; }
        if (W[c].emo < 0 && W[i].emo >= 0) { W[c].emo = W[i].emo; W[c].emo_w = W[i].emo_w; }
        if (!W[c].mod && W[i].mod) { W[c].mod = W[i].mod; W[c].mod_amt = W[i].mod_amt; }
        W[c].flags |= W[i].flags;
    }
    for (int p = 0; p < np; p++) for (int k = 0; k < P[p].n; k++) P[p].w[k] = canon(P[p].w[k]);
    qsort(P, (size_t)np, sizeof *P, phrase_cmp);
    for (int i = 0; i < nw; i++) W[i].pfirst = W[i].pcount = W[i].pmulti = 0;
    for (int p = 0; p < np; p++) {
        word *w = &W[P[p].w[0]];
        if (!w->pcount) w->pfirst = p;
        w->pcount++;
        if (P[p].n > 1) w->pmulti++;
    }
    if (np > 65535 || nw > 65534) die("tables too large");

    FILE *o = fopen(argv[2], "w");
    if (!o) die("cannot write output");
    fprintf(o, "/* generated by tools/coach_gen.c from data/coach/ -- do not edit */\n#include \"coach/coach_tables.h\"\n\n");
    fprintf(o, "const coach_word coach_words[] = {\n");
    for (int i = 0; i < nw; i++) {
        const word *c = &W[canon(i)];
        int val = clampi(c->val * 100, -400, 400);
        unsigned flags = (unsigned)c->flags | (val || c->emo >= 0 || c->mod ? COACH_W_FEELS : 0) | (c->pcount ? COACH_W_PHRASE : 0);
        fprintf(o, "    {.key = 0x%016llxULL, .h = 0x%016llxULL, .val = %d, .emo = %d, .emo_w = %d, .mod = %d, .mod_amt = %d, "
                   ".flags = %u, .pfirst = %d, .pcount = %d, .pmulti = %d},\n",
                (unsigned long long)whash(i), (unsigned long long)whash(canon(i)), val, c->emo, clampi(c->emo_w * 10, -127, 127),
                c->mod, clampi(c->mod_amt * 100, -127, 127), flags, c->pfirst, c->pcount, c->pmulti);
    }
    fprintf(o, "};\nconst size_t coach_nwords = %d;\n\n", nw);
    size_t size = 1;
    while (size < (size_t)nw * 6) size <<= 1; /* load under 0.15: most first probes settle it */
    unsigned *idx = calloc(size, sizeof *idx);
    if (!idx) die("out of memory");
    /* function words first, so the words most tokens are find their own slot at the first probe */
    const unsigned common = COACH_W_STOP | COACH_W_AUX | COACH_W_PRONOUN | COACH_W_QWORD;
    for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < nw; i++) {
        if (((W[canon(i)].flags & common) != 0) != (pass == 0)) continue;
        uint64_t h = whash(i);
        size_t s = coach_slot(h, size - 1);
        while (idx[s]) {
            if (whash((int)idx[s] - 1) == h) die("hash collision between two words");
            s = (s + 1) & (size - 1);
        }
        idx[s] = (unsigned)i + 1;
    }
    for (size_t s = 0; s < size; s++)
        if (idx[s]) idx[s] |= coach_tag(whash((int)idx[s] - 1)) << 16;
    fprintf(o, "const uint32_t coach_word_index[%zu] = {", size);
    for (size_t s = 0; s < size; s++) fprintf(o, "%s%u,", s % 16 ? "" : "\n    ", idx[s]);
    fprintf(o, "\n};\nconst size_t coach_index_mask = %zu;\n\n", size - 1);
    free(idx);
    fprintf(o, "const coach_phrase coach_phrases[] = {\n");
    for (int p = 0; p < np; p++) {
        fprintf(o, "    {{");
        for (int k = 0; k < COACH_PHRASE_MAX; k++)
            fprintf(o, "0x%016llxULL,", k < P[p].n ? (unsigned long long)whash(P[p].w[k]) : 0ULL);
        fprintf(o, "}, ");
        emit_str(o, P[p].text);
        fprintf(o, ", ");
        emit_str(o, P[p].sugg);
        const char *tx = P[p].text;
        int pf = (!strncmp(tx, "i'll ", 5) || !strncmp(tx, "i will ", 7) || !strncmp(tx, "i've ", 5) || !strncmp(tx, "i have ", 7) ||
                  !strncmp(tx, "i'm ", 4) || !strncmp(tx, "let me", 6)) ? COACH_P_FIRST_PERSON : 0;
        if (strstr(tx, "sorry")) pf |= COACH_P_SORRY;
        if (strstr(tx, "thank")) pf |= COACH_P_THANK;
        pf |= P[p].anchors;
        fprintf(o, ", %d, %d, %d, %d, %d, %d, 0},\n", clampi(P[p].val * 100, -32000, 32000), P[p].kind, P[p].code, P[p].n, pf,
                coach_phrase_layer(P[p].kind, P[p].code));
    }
    if (!np) fprintf(o, "    {{0}, \"\", \"\", 0, 0, 0, 0, 0, 0, 0},\n");
    fprintf(o, "};\nconst size_t coach_nphrases = %d;\n\n", np);
    /* second words on their own, so the binary search touches one small array */
    fprintf(o, "const uint64_t coach_phrase_h1[] = {");
    for (int p = 0; p < np; p++) fprintf(o, "%s0x%016llxULL,", p % 4 ? " " : "\n    ", P[p].n > 1 ? (unsigned long long)whash(P[p].w[1]) : 0ULL);
    if (!np) fprintf(o, "0");
    fprintf(o, "\n};\n");
    emit_synonyms(o);
    emit_model(o);
    emit_reply_model(o);
    fprintf(o, "const int16_t coach_answer_w[%d] = {", COACH_AF_COUNT);
    for (int i = 0; i < COACH_AF_COUNT; i++) fprintf(o, "%s%d", i ? ", " : "", answer_w[i]);
    fprintf(o, "};\nconst int16_t coach_answer_w2[%d][%d] = {", COACH_AF_COUNT, COACH_AF_COUNT);
    for (int i = 0; i < COACH_AF_COUNT; i++) {
        fprintf(o, "\n    {");
        for (int j = 0; j < COACH_AF_COUNT; j++) fprintf(o, "%s%d", j ? ", " : "", answer_w2[i][j]);
        fprintf(o, "},");
    }
    fprintf(o, "\n};\nconst int coach_answer_trained = %d;\n", answer_trained);
    static uint64_t pairs[COACH_PAIR_BITS / 64];
    for (int p = 0; p < np; p++)
        if (P[p].n > 1) {
            unsigned bit = coach_pair_bit(whash(P[p].w[0]), whash(P[p].w[1]));
            pairs[bit / 64] |= 1ULL << (bit % 64);
        }
    fprintf(o, "const uint64_t coach_phrase_pairs[%d] = {", COACH_PAIR_BITS / 64);
    for (int i = 0; i < COACH_PAIR_BITS / 64; i++) fprintf(o, "%s0x%llxULL,", i % 8 ? " " : "\n    ", (unsigned long long)pairs[i]);
    fprintf(o, "\n};\n");
    if (fclose(o)) die("write failed");

    FILE *k = fopen(argv[3], "w");
    if (!k) die("cannot write keyword header");
    fprintf(k, "/* generated by tools/coach_gen.c -- canonical hashes of the words the rules name */\n"
               "#ifndef HEED_COACH_KW_H\n#define HEED_COACH_KW_H\n");
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        fprintf(k, "#define KW_%s 0x%016llxULL\n", keywords[i][0], (unsigned long long)whash(canon(find(keywords[i][1]))));
    fprintf(k, "#endif\n");
    if (fclose(k)) die("write failed");
    return 0;
}
