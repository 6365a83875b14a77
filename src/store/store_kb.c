/* SQL for the knowledge base. See store_kb.h. */
#include "store/store.h"

/* the article's words in kb_fts (rowid = the article's id): FTS5, SQLite only */
static int kb_index(db *d, const kb_article_rec *a, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM kb_fts WHERE rowid = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare kb index");
    db_bind_int(s, 1, a->id);
    if (db_exec_stmt(s, e)) return -1;
    s = db_prep(d, "INSERT INTO kb_fts(rowid, title, body) VALUES (?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare kb index");
    db_bind_int(s, 1, a->id);
    db_bind_text(s, 2, a->title);
    db_bind_text(s, 3, a->body);
    return db_exec_stmt(s, e);
}

int store_kb_save(db *d, kb_article_rec *a, herr *e)
{
    db_stmt *s = a->id ? db_prep(d, "UPDATE kb_articles SET slug = ?1, title = ?2, body = ?3, category = ?4, visibility = ?5,"
                                    " state = ?6, updated_at = ?7 WHERE id = ?8")
                       : db_prep(d, "INSERT INTO kb_articles(slug, title, body, category, visibility, state, updated_at, author_id,"
                                    " created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?9,?7)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article");
    db_bind_text(s, 1, a->slug);
    db_bind_text(s, 2, a->title);
    db_bind_text(s, 3, a->body);
    db_bind_text(s, 4, a->category ? a->category : "");
    db_bind_text(s, 5, a->visibility);
    db_bind_text(s, 6, a->state);
    db_bind_text(s, 7, a->updated_at);
    if (a->id) db_bind_int(s, 8, a->id);
    else if (a->author_id > 0) db_bind_int(s, 9, a->author_id);
    if (db_exec_stmt(s, e)) return -1;
    if (!a->id) a->id = db_last_id(d);
    return kb_index(d, a, e);
}

#define KB_SELECT                                                                                         \
    "SELECT k.id, coalesce(k.author_id, 0), k.slug, k.title, k.body, k.category, k.visibility, k.state,"  \
    " coalesce(ag.name, ''), k.created_at, k.updated_at, (SELECT count(*) FROM kb_sends s WHERE s.article_id = k.id)" \
    " FROM kb_articles k LEFT JOIN agents ag ON ag.id = k.author_id "

static void kb_row(arena *ar, db_stmt *s, kb_article_rec *a)
{
    a->id = db_col_int(s, 0);
    a->author_id = db_col_int(s, 1);
    a->slug = arena_strdup(ar, db_col_text(s, 2));
    a->title = arena_strdup(ar, db_col_text(s, 3));
    a->body = arena_strdup(ar, db_col_text(s, 4));
    a->category = arena_strdup(ar, db_col_text(s, 5));
    a->visibility = arena_strdup(ar, db_col_text(s, 6));
    a->state = arena_strdup(ar, db_col_text(s, 7));
    a->author_name = arena_strdup(ar, db_col_text(s, 8));
    a->created_at = arena_strdup(ar, db_col_text(s, 9));
    a->updated_at = arena_strdup(ar, db_col_text(s, 10));
    a->sent_count = (int)db_col_int(s, 11);
}

static int one(db_stmt *s, arena *ar, kb_article_rec *out, herr *e)
{
    int rc = db_step(s);
    if (rc == DB_ROW) kb_row(ar, s, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (article)");
    return rc == DB_ROW;
}

static int many(db_stmt *s, arena *ar, kb_article_rec **out, int *n, herr *e)
{
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) kb_row(ar, s, arena_push(ar, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (articles)") : 0;
}

int store_kb_by_id(db *d, arena *ar, long long id, kb_article_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, KB_SELECT "WHERE k.id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article");
    db_bind_int(s, 1, id);
    return one(s, ar, out, e);
}

int store_kb_by_slug(db *d, arena *ar, const char *slug, kb_article_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, KB_SELECT "WHERE k.slug = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article");
    db_bind_text(s, 1, slug);
    return one(s, ar, out, e);
}

int store_kb_list(db *d, arena *ar, const kb_filter *f, kb_article_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, KB_SELECT "WHERE (?1 IS NULL OR k.visibility = ?1) AND (?2 IS NULL OR k.state = ?2)"
                                      " AND (?3 IS NULL OR k.category = ?3) ORDER BY k.category, lower(k.title), k.id LIMIT ?4");
    if (!s) return HERR_INTERNAL(e, "cannot prepare articles");
    if (f->visibility) db_bind_text(s, 1, f->visibility);
    if (f->state) db_bind_text(s, 2, f->state);
    if (f->category) db_bind_text(s, 3, f->category);
    db_bind_int(s, 4, f->limit > 0 ? f->limit : 500);
    return many(s, ar, out, n, e);
}

int store_kb_delete(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM kb_fts WHERE rowid = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article delete");
    db_bind_int(s, 1, id);
    if (db_exec_stmt(s, e)) return -1;
    s = db_prep(d, "DELETE FROM kb_sends WHERE article_id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article delete");
    db_bind_int(s, 1, id);
    if (db_exec_stmt(s, e)) return -1;
    s = db_prep(d, "DELETE FROM kb_articles WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article delete");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e);
}

int store_kb_slug_taken(db *d, const char *slug, long long except_id, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT 1 FROM kb_articles WHERE slug = ? AND id <> ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare slug");
    db_bind_text(s, 1, slug);
    db_bind_int(s, 2, except_id);
    int rc = db_step(s);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (slug)");
    return rc == DB_ROW;
}

int store_kb_match(db *d, arena *ar, const char *match, bool public_only, int limit, kb_article_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, KB_SELECT "JOIN (SELECT rowid AS id, bm25(kb_fts, 5.0, 1.0) AS rank FROM kb_fts WHERE kb_fts MATCH ?1) m"
                                      " ON m.id = k.id WHERE k.state = 'published' AND (?2 = 0 OR k.visibility = 'public')"
                                      " ORDER BY m.rank LIMIT ?3");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article search");
    db_bind_text(s, 1, match);
    db_bind_int(s, 2, public_only);
    db_bind_int(s, 3, limit);
    return many(s, ar, out, n, e);
}

int store_kb_sent(db *d, long long article_id, long long ticket_id, long long message_id, long long agent_id, const char *now,
                  herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO kb_sends(article_id, ticket_id, message_id, agent_id, created_at) VALUES (?,?,?,?,?)");
    if (!s) return HERR_INTERNAL(e, "cannot prepare article send");
    db_bind_int(s, 1, article_id);
    db_bind_int(s, 2, ticket_id);
    if (message_id > 0) db_bind_int(s, 3, message_id);
    if (agent_id > 0) db_bind_int(s, 4, agent_id);
    db_bind_text(s, 5, now);
    return db_exec_stmt(s, e);
}
