#ifndef HEED_STORE_KB_H
#define HEED_STORE_KB_H
/* SQL for the knowledge base (store_kb.c): articles, their full-text index (SQLite's FTS5,
 * the one SQLite-only part, behind store_kb_index and store_kb_match) and their sends.
 * Included by store.h. */
#include <stdbool.h>
#include "store/db.h"
#include "util/arena.h"

typedef struct kb_article_rec {
    long long id, author_id;
    const char *slug, *title, *body, *category, *visibility, *state, *author_name;
    const char *created_at, *updated_at;
    int sent_count;
} kb_article_rec;

typedef struct kb_filter {
    const char *visibility, *state, *category; /* NULL: any */
    int limit;
} kb_filter;

/* id 0 inserts (sets a->id), else updates; the index follows in the same transaction */
int store_kb_save(db *d, kb_article_rec *a, herr *e);
int store_kb_by_id(db *d, arena *ar, long long id, kb_article_rec *out, herr *e);
int store_kb_by_slug(db *d, arena *ar, const char *slug, kb_article_rec *out, herr *e);
int store_kb_list(db *d, arena *ar, const kb_filter *f, kb_article_rec **out, int *n, herr *e);
int store_kb_delete(db *d, long long id, herr *e);
/* 1 when another article has this slug */
int store_kb_slug_taken(db *d, const char *slug, long long except_id, herr *e);
/* full text: match is an FTS5 expression the service built from words it checked (quoted
 * terms); published only; public_only for /help; best first (title words weigh 5 times) */
int store_kb_match(db *d, arena *ar, const char *match, bool public_only, int limit, kb_article_rec **out, int *n, herr *e);
int store_kb_sent(db *d, long long article_id, long long ticket_id, long long message_id, long long agent_id, const char *now,
                  herr *e);
#endif
