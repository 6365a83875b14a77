/* The knowledge base: articles, search, suggestions for a ticket. See svc_kb.h. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include "service/svc_kb.h"
#include "service/validate.h"
#include "util/buf.h"
#include "util/timeutil.h"

static bool lead(const svc *s)
{
    return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin"));
}

/* "How do I reset my router?" -> "how-do-i-reset-my-router" (ASCII letters and digits; other
 * characters separate words); "article" when nothing is left */
static char *slug_of(arena *a, const char *title)
{
    size_t cap = strlen(title) + 1;
    char *out = arena_alloc(a, cap < 81 ? 81 : cap);
    size_t n = 0;
    bool dash = false;
    for (const char *p = title; *p && n < 80; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n) out[n++] = '-';
            out[n++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    out[n] = 0;
    return n ? out : arena_strdup(a, "article");
}

int svc_kb_save(svc *s, long long id, const kb_in *in, kb_article_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "articles are written by agents");
    if (check_saying("title", in->title, KB_TITLE_MAX, 2, 1, "what the article answers", e)) return -1;
    if (strchr(in->title, '\n')) return HERR_INVALID(e, "title", "a title is one line");
    if (check_saying("body", in->body, KB_BODY_MAX, 2, 1, "the answer, in Markdown", e)) return -1;
    if (in->category && *in->category && check_text("category", in->category, KB_CATEGORY_MAX, false, e)) return -1;
    if (!in->visibility || (strcmp(in->visibility, "internal") && strcmp(in->visibility, "public")))
        return HERR_INVALID(e, "visibility", "visibility must be internal (agents only) or public (also at /help)");
    if (!in->state || (strcmp(in->state, "draft") && strcmp(in->state, "published")))
        return HERR_INVALID(e, "state", "state must be draft or published");
    kb_article_rec a = {0};
    if (id) {
        int found = store_kb_by_id(s->db, s->a, id, &a, e);
        if (found < 0) return -1;
        if (!found) return herr_set(e, 404, "not_found", NULL, "no article with id %lld", id);
    } else {
        a.author_id = s->actor->id;
    }
    char now[ISO_LEN];
    svc_now_iso(s, now);
    a.title = in->title;
    a.body = in->body;
    a.category = in->category ? in->category : "";
    a.visibility = in->visibility;
    a.state = in->state;
    a.updated_at = now;
    if (db_begin(s->db, e)) return -1;
    /* a new article's address comes from its title and then stays (links already sent keep working) */
    if (!id) {
        const char *base = slug_of(s->a, in->title), *slug = base;
        for (int k = 2;; k++) {
            int taken = store_kb_slug_taken(s->db, slug, 0, e);
            if (taken < 0) goto fail;
            if (!taken) break;
            slug = arena_printf(s->a, "%s-%d", base, k);
        }
        a.slug = slug;
    }
    if (store_kb_save(s->db, &a, e)) goto fail;
    if (db_commit(s->db, e)) return -1;
    return svc_kb_get(s, a.id, out, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_kb_get(svc *s, long long id, kb_article_rec *out, herr *e)
{
    int found = store_kb_by_id(s->db, s->a, id, out, e);
    if (found < 0) return -1;
    return found ? 0 : herr_set(e, 404, "not_found", NULL, "no article with id %lld", id);
}

int svc_kb_delete(svc *s, long long id, herr *e)
{
    kb_article_rec a;
    if (svc_kb_get(s, id, &a, e)) return -1;
    if (!s->actor || (a.author_id != s->actor->id && !lead(s)))
        return herr_set(e, 403, "forbidden", NULL, "its author, a supervisor or an admin deletes an article");
    if (db_begin(s->db, e)) return -1;
    if (store_kb_delete(s->db, id, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

int svc_kb_list(svc *s, const kb_filter *f, kb_article_rec **out, int *n, herr *e)
{
    if (f->visibility && strcmp(f->visibility, "internal") && strcmp(f->visibility, "public"))
        return HERR_INVALID(e, "visibility", "visibility must be internal or public");
    if (f->state && strcmp(f->state, "draft") && strcmp(f->state, "published"))
        return HERR_INVALID(e, "state", "state must be draft or published");
    return store_kb_list(s->db, s->a, f, out, n, e);
}

/* the words of text, lower-case: ASCII letters and digits, and any non-ASCII byte (a letter of
 * another script); at most max, each of at least min_len bytes, none twice */
static int words_of(arena *a, const char *text, size_t min_len, bool skip_common, const char **out, int max)
{
    static const char *const common[] = {
        "about", "after", "again", "also", "been", "before", "being", "could", "does", "doesn", "done", "from", "have",
        "hello", "help", "here", "just", "know", "like", "made", "make", "many", "more", "much", "need", "only", "other",
        "over", "please", "really", "same", "should", "since", "some", "still", "such", "than", "thank", "thanks", "that",
        "their", "them", "then", "there", "these", "they", "this", "time", "very", "want", "were", "what", "when", "where",
        "which", "while", "will", "with", "would", "your", "yours", "best", "regards", "dear", "today", "tried", "trying"};
    int n = 0;
    const char *p = text;
    while (*p && n < max) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)) p++;
        const char *w = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80) p++;
        size_t len = (size_t)(p - w);
        if (len < min_len || len > 40) continue;
        char *lw = arena_strndup(a, w, len);
        for (char *c = lw; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
        bool skip = false;
        for (size_t i = 0; skip_common && i < sizeof common / sizeof common[0]; i++) skip |= !strcmp(lw, common[i]);
        for (int i = 0; i < n; i++) skip |= !strcmp(out[i], lw);
        if (!skip) out[n++] = lw;
    }
    return n;
}

/* "w1" AND "w2" ... (the last also a prefix), or "w1" OR "w2": quoted, so the words are only words */
static const char *fts_query(arena *a, const char *const *w, int n, bool any)
{
    buf b;
    buf_init(&b, 128);
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s\"%s\"%s", i ? (any ? " OR " : " ") : "", w[i], !any && i == n - 1 ? "*" : "");
    const char *q = arena_strndup(a, b.p ? b.p : "", b.len);
    buf_free(&b);
    return q;
}

int svc_kb_search(svc *s, const char *q, bool public_only, int limit, kb_article_rec **out, int *n, herr *e)
{
    const char *w[KB_QUERY_WORDS];
    *out = NULL;
    *n = 0;
    if (!q || strlen(q) > 200) return herr_set(e, 400, "invalid", "q", "q must be at most 200 bytes of words to look for");
    int nw = words_of(s->a, q, 1, false, w, KB_QUERY_WORDS);
    if (!nw) return herr_set(e, 400, "invalid", "q", "q has no word to look for");
    return store_kb_match(s->db, s->a, fts_query(s->a, w, nw, false), public_only, limit, out, n, e);
}

int svc_kb_public(svc *s, const char *slug, kb_article_rec *out, herr *e)
{
    int found = slug && strlen(slug) <= 120 ? store_kb_by_slug(s->db, s->a, slug, out, e) : 0;
    if (found < 0) return -1;
    if (!found || strcmp(out->visibility, "public") || strcmp(out->state, "published"))
        return herr_set(e, 404, "not_found", NULL, "no such article");
    return 0;
}

const char *svc_kb_html(svc *s, const char *markdown)
{
    /* CMARK_OPT_DEFAULT: raw HTML becomes a comment and javascript:/data: links are dropped
     * (cmark's safe mode; CMARK_OPT_UNSAFE is never set) */
    char *h = cmark_markdown_to_html(markdown, strlen(markdown), CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
    if (!h) return NULL;
    const char *out = arena_strdup(s->a, h);
    free(h);
    return out;
}

/* whether the word stands in text as a word of its own (text and word lower-case ASCII) */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool start = p == text || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
        char after = p[n];
        /* "router" also finds "routers": a plural is the same word to a reader */
        bool end = !((after >= 'a' && after <= 'z') || (after >= '0' && after <= '9')) ||
                   (after == 's' && !((p[n + 1] >= 'a' && p[n + 1] <= 'z') || (p[n + 1] >= '0' && p[n + 1] <= '9')));
        if (start && end) return true;
    }
    return false;
}

static char *lower(arena *a, const char *s)
{
    char *l = arena_strdup(a, s);
    for (char *c = l; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    return l;
}

int svc_kb_suggest(svc *s, long long ticket_id, int limit, kb_suggestion **out, int *n, herr *e)
{
    ticket_rec t;
    message_rec *m;
    int nm;
    *out = NULL;
    *n = 0;
    return svc_ticket_get(s, ticket_id, &t, e) || svc_ticket_messages(s, ticket_id, &m, &nm, e)
               ? -1
               : svc_kb_suggest_for(s, &t, m, nm, limit, out, n, e);
}

int svc_kb_suggest_for(svc *s, const ticket_rec *t, const message_rec *m, int nm, int limit, kb_suggestion **out, int *n, herr *e)
{
    *out = NULL;
    *n = 0;
    /* the customer's words since our last reply (all of theirs when we have answered) */
    int last_reply = -1;
    for (int i = 0; i < nm; i++)
        if (!strcmp(m[i].kind, "reply")) last_reply = i;
    buf text;
    buf_init(&text, 512);
    for (int pass = 0; pass < 2 && !text.len; pass++)
        for (int i = pass ? 0 : last_reply + 1; i < nm; i++)
            if (!strcmp(m[i].kind, "customer")) buf_printf(&text, "%.4000s\n", m[i].body);
    buf_printf(&text, "%s", t->subject);
    const char *w[KB_SUGGEST_WORDS];
    int nw = words_of(s->a, text.p ? text.p : "", 4, true, w, KB_SUGGEST_WORDS);
    buf_free(&text);
    if (!nw) return 0;
    kb_article_rec *found;
    int nf;
    if (store_kb_match(s->db, s->a, fts_query(s->a, w, nw, true), false, limit * 2, &found, &nf, e)) return -1;
    kb_suggestion *sg = nf ? arena_alloc(s->a, sizeof *sg * (size_t)nf) : NULL;
    for (int i = 0; i < nf && *n < limit; i++) {
        kb_suggestion *x = &sg[*n];
        memset(x, 0, sizeof *x);
        x->article = found[i];
        const char *title = lower(s->a, found[i].title), *body = lower(s->a, found[i].body);
        bool in_title = false;
        for (int k = 0; k < nw && x->nmatched < KB_MATCHED_MAX; k++) {
            bool t_has = has_word(title, w[k]);
            if (t_has || has_word(body, w[k])) x->matched[x->nmatched++] = w[k];
            in_title |= t_has;
        }
        /* one stray shared word is not an answer: two words, or one in the title */
        if (x->nmatched >= 2 || (x->nmatched == 1 && in_title)) (*n)++;
    }
    *out = sg;
    return 0;
}

int svc_kb_sent(svc *s, long long article_id, long long ticket_id, long long message_id, herr *e)
{
    kb_article_rec a;
    if (svc_kb_get(s, article_id, &a, e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    if (store_kb_sent(s->db, article_id, ticket_id, message_id, s->actor ? s->actor->id : 0, now, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
