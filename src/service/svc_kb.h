#ifndef HEED_SVC_KB_H
#define HEED_SVC_KB_H
/* service: the knowledge base (svc_kb.c). Articles in Markdown (rendered by cmark, raw HTML and
 * unsafe links left out), drafts or published, internal (agents only) or public (also at /help,
 * no sign-in), in categories; full-text search (store_kb_match); on a ticket, the articles that
 * answer the customer's words, each with the words that matched; and each send of an article
 * in a reply, counted. Any agent writes and edits articles (the team's knowledge); its author,
 * a supervisor or an admin deletes one. */
#include "service/service.h"
#include "store/store.h"

enum { KB_TITLE_MAX = 200, KB_BODY_MAX = 100000, KB_CATEGORY_MAX = 60, KB_QUERY_WORDS = 8, KB_SUGGEST_WORDS = 12,
       KB_MATCHED_MAX = 8 };

typedef struct kb_in {
    const char *title, *body, *category, *visibility, *state;
} kb_in;
/* id 0 creates; 422 title, body, category, visibility, state; 404 */
int svc_kb_save(svc *s, long long id, const kb_in *in, kb_article_rec *out, herr *e);
int svc_kb_get(svc *s, long long id, kb_article_rec *out, herr *e);
int svc_kb_delete(svc *s, long long id, herr *e);
int svc_kb_list(svc *s, const kb_filter *f, kb_article_rec **out, int *n, herr *e);
/* the published articles with every word of q (the last also as a prefix); public_only for
 * /help; 400 q when it has no word to look for */
int svc_kb_search(svc *s, const char *q, bool public_only, int limit, kb_article_rec **out, int *n, herr *e);
/* a public, published article by its slug (404 otherwise): /help/{slug} */
int svc_kb_public(svc *s, const char *slug, kb_article_rec *out, herr *e);
/* the article's Markdown as HTML, in s->a (NULL when out of memory) */
const char *svc_kb_html(svc *s, const char *markdown);

typedef struct kb_suggestion {
    kb_article_rec article;
    const char *matched[KB_MATCHED_MAX]; /* the customer's words it has, lower-case */
    int nmatched;
} kb_suggestion;
/* the articles that may answer the customer's latest messages on the ticket, best first */
int svc_kb_suggest(svc *s, long long ticket_id, int limit, kb_suggestion **out, int *n, herr *e);
/* the same from a ticket and its thread the caller read already (the ticket page) */
int svc_kb_suggest_for(svc *s, const ticket_rec *t, const message_rec *m, int nm, int limit, kb_suggestion **out, int *n,
                       herr *e);
/* an article went to the customer in a reply (message_id may be 0) */
int svc_kb_sent(svc *s, long long article_id, long long ticket_id, long long message_id, herr *e);
#endif
