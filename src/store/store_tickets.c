/* SQL for tickets, their tags and messages, and the full-text index. */
#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "store/store.h"
#include "util/buf.h"
#include "util/timeutil.h"

static const char *dup_or_null(arena *a, db_stmt *s, int col)
{
    return db_col_is_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

#define TICKET_SELECT                                                                                   \
    "SELECT t.id, t.subject, t.channel, t.status, t.priority, t.customer_id, t.owner_id, t.team_id,"    \
    " c.name, c.email, a.name, tm.name, t.created_at, t.updated_at, t.first_response_at, t.solved_at," \
    " (SELECT group_concat(tag, ',') FROM ticket_tags g WHERE g.ticket_id = t.id), t.version,"          \
    " t.handoff_count"                                                                                 \
    " FROM tickets t JOIN customers c ON c.id = t.customer_id"                                         \
    " LEFT JOIN agents a ON a.id = t.owner_id LEFT JOIN teams tm ON tm.id = t.team_id "

static void split_tags(arena *a, const char *csv, ticket_rec *t)
{
    t->ntags = 0;
    t->tags = NULL;
    if (!csv || !*csv) return;
    int n = 1;
    for (const char *p = csv; *p; p++) n += *p == ',';
    t->tags = arena_alloc(a, sizeof *t->tags * (size_t)n);
    const char *start = csv;
    for (const char *p = csv;; p++) {
        if (*p == ',' || !*p) {
            t->tags[t->ntags++] = arena_strndup(a, start, (size_t)(p - start));
            if (!*p) break;
            start = p + 1;
        }
    }
}

static void ticket_row(arena *a, db_stmt *s, ticket_rec *t)
{
    t->id = db_col_int(s, 0);
    t->subject = arena_strdup(a, db_col_text(s, 1));
    t->channel = arena_strdup(a, db_col_text(s, 2));
    t->status = arena_strdup(a, db_col_text(s, 3));
    t->priority = arena_strdup(a, db_col_text(s, 4));
    t->customer_id = db_col_int(s, 5);
    t->owner_id = db_col_int(s, 6);
    t->team_id = db_col_int(s, 7);
    t->customer_name = arena_strdup(a, db_col_text(s, 8));
    t->customer_email = arena_strdup(a, db_col_text(s, 9));
    t->owner_name = dup_or_null(a, s, 10);
    t->team_name = dup_or_null(a, s, 11);
    t->created_at = arena_strdup(a, db_col_text(s, 12));
    t->updated_at = arena_strdup(a, db_col_text(s, 13));
    t->first_response_at = dup_or_null(a, s, 14);
    t->solved_at = dup_or_null(a, s, 15);
    split_tags(a, db_col_is_null(s, 16) ? NULL : db_col_text(s, 16), t);
    t->version = db_col_int(s, 17);
    t->handoff_count = (int)db_col_int(s, 18);
}

/* the ticket's audit rows written in this change carry the version it made */
static int stamp_version(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE audit_log SET ticket_version = (SELECT version FROM tickets WHERE id = ?1)"
                            " WHERE entity = 'ticket' AND entity_id = ?1 AND ticket_version IS NULL");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e);
}

int store_ticket_insert(db *d, const ticket_rec *t, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO tickets(subject, customer_id, channel, status, priority, owner_id, team_id,"
                            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
    db_bind_text(s, 1, t->subject);
    db_bind_int(s, 2, t->customer_id);
    db_bind_text(s, 3, t->channel);
    db_bind_text(s, 4, t->status);
    db_bind_text(s, 5, t->priority);
    if (t->owner_id > 0) db_bind_int(s, 6, t->owner_id);
    if (t->team_id > 0) db_bind_int(s, 7, t->team_id);
    db_bind_text(s, 8, t->created_at);
    db_bind_text(s, 9, t->updated_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_ticket_by_id(db *d, arena *a, long long id, ticket_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, TICKET_SELECT "WHERE t.id = ?");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW) ticket_row(a, s, out);
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error");
    return rc == DB_ROW;
}

int store_ticket_update(db *d, const ticket_rec *t, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE tickets SET status = ?, priority = ?, owner_id = ?, team_id = ?, updated_at = ?,"
                            " first_response_at = ?, solved_at = ?, version = version + 1 WHERE id = ?");
    db_bind_text(s, 1, t->status);
    db_bind_text(s, 2, t->priority);
    if (t->owner_id > 0) db_bind_int(s, 3, t->owner_id);
    if (t->team_id > 0) db_bind_int(s, 4, t->team_id);
    db_bind_text(s, 5, t->updated_at);
    db_bind_text(s, 6, t->first_response_at);
    db_bind_text(s, 7, t->solved_at);
    db_bind_int(s, 8, t->id);
    return db_exec_stmt(s, e) || stamp_version(d, t->id, e) ? -1 : 0;
}

int store_ticket_touch(db *d, long long id, const char *now, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE tickets SET updated_at = ?, version = version + 1 WHERE id = ?");
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e) || stamp_version(d, id, e) ? -1 : 0;
}

int store_ticket_bump(db *d, long long id, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE tickets SET version = version + 1 WHERE id = ?");
    db_bind_int(s, 1, id);
    return db_exec_stmt(s, e) || stamp_version(d, id, e) ? -1 : 0;
}

int store_ticket_stamp(db *d, long long id, herr *e)
{
    return stamp_version(d, id, e);
}

/* ---- listing: one SQL text per combination of filters, built once ---------- */
enum {
    F_STATUS = 1, F_ACTIVE = 2, F_OWNER = 4, F_UNASSIGNED = 8, F_TEAM = 16, F_CUSTOMER = 32, F_QUERY = 64, F_CURSOR = 128,
    F_TAG = 256, F_PRIORITY = 512, F_CHANNEL = 1024, F_FROM = 2048, F_TO = 4096, F_MOOD = 8192, F_COMBOS = 16384
};
static const char *list_sql[F_COMBOS], *count_sql[F_COMBOS];
static pthread_mutex_t list_sql_lock = PTHREAD_MUTEX_INITIALIZER;

/* Numbered parameters keep every variant's binding the same:
 * ?1 status ?2 owner ?3 team ?4 customer ?5 fts query ?6 cursor time ?7 cursor id ?8 limit
 * ?9 a ticket number typed as the query ?10 the query as a LIKE pattern on customers
 * ?11 tag ?12 priority ?13 channel ?14 created from ?15 created before ?16 mood cue bits */
static const char *list_sql_for(unsigned mask)
{
    pthread_mutex_lock(&list_sql_lock);
    if (!list_sql[mask]) {
        buf b;
        buf_init(&b, 1024);
        buf_puts(&b, TICKET_SELECT "WHERE ?8 > 0");
        if (mask & F_STATUS) buf_puts(&b, " AND t.status = ?1");
        if (mask & F_ACTIVE) buf_puts(&b, " AND t.status IN ('new','open','pending','on-hold')");
        if (mask & F_OWNER) buf_puts(&b, " AND t.owner_id = ?2");
        if (mask & F_UNASSIGNED) buf_puts(&b, " AND t.owner_id IS NULL");
        if (mask & F_TEAM) buf_puts(&b, " AND t.team_id = ?3");
        if (mask & F_CUSTOMER) buf_puts(&b, " AND t.customer_id = ?4");
        /* ?5: a JSON array of one FTS5 query per word; a ticket must match every one of them in
         * some row (its subject and first message, or a later message) */
        /* or ?9: the ticket whose number was typed ("22" or "#22"); or ?10: the tickets of the
         * customers whose name or email has the text (LIKE on lower(): the same on PostgreSQL) */
        if (mask & F_QUERY)
            buf_puts(&b, " AND (t.id IN (SELECT f.ticket_id FROM search_fts f, json_each(?5) w WHERE search_fts MATCH w.value"
                         " GROUP BY f.ticket_id HAVING count(DISTINCT w.value) = json_array_length(?5))"
                         " OR t.id = ?9 OR t.customer_id IN (SELECT cq.id FROM customers cq"
                         " WHERE lower(cq.name) LIKE ?10 ESCAPE '\\' OR lower(cq.email) LIKE ?10 ESCAPE '\\'))");
        if (mask & F_TAG) buf_puts(&b, " AND t.id IN (SELECT g2.ticket_id FROM ticket_tags g2 WHERE g2.tag = ?11)");
        if (mask & F_PRIORITY) buf_puts(&b, " AND t.priority = ?12");
        if (mask & F_CHANNEL) buf_puts(&b, " AND t.channel = ?13");
        if (mask & F_FROM) buf_puts(&b, " AND t.created_at >= ?14");
        if (mask & F_TO) buf_puts(&b, " AND t.created_at < ?15");
        /* the mood of the customer's unanswered messages (the coach's cues, svc_attention.c) */
        if (mask & F_MOOD) buf_puts(&b, " AND t.id IN (SELECT w.ticket_id FROM ticket_attention w WHERE (w.cues & ?16) <> 0)");
        if (mask & F_CURSOR) buf_puts(&b, " AND (t.updated_at < ?6 OR (t.updated_at = ?6 AND t.id < ?7))");
        buf_puts(&b, " ORDER BY t.updated_at DESC, t.id DESC LIMIT ?8");
        list_sql[mask] = buf_steal(&b); /* lives for the process: it keys the statement cache */
    }
    const char *sql = list_sql[mask];
    pthread_mutex_unlock(&list_sql_lock);
    return sql;
}

/* the same filters counted, up to ?8 (a view's count stops at its cap) */
static const char *count_sql_for(unsigned mask)
{
    const char *list = list_sql_for(mask);
    pthread_mutex_lock(&list_sql_lock);
    if (!count_sql[mask]) {
        buf b;
        buf_init(&b, strlen(list) + 64);
        buf_printf(&b, "SELECT count(*) FROM (%s) AS listed", list);
        count_sql[mask] = buf_steal(&b);
    }
    const char *sql = count_sql[mask];
    pthread_mutex_unlock(&list_sql_lock);
    return sql;
}

/* Turns what a person typed into FTS5 queries that cannot be syntax errors, one per word, as a
 * JSON array: every word quoted, each one required somewhere in the ticket, the last one also
 * matching as a prefix; a word typed twice is asked once. At most 32 words. */
enum { FTS_MAX_WORDS = 32 };
static const char *fts_query(arena *a, const char *q)
{
    json_t *words = json_array();
    if (!words) return NULL;
    const char *p = q;
    buf b;
    buf_init(&b, 64);
    while (*p && json_array_size(words) < FTS_MAX_WORDS) {
        while (*p && !((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))) p++;
        const char *start = p;
        while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z') || *p == '\'') p++;
        if (p == start) continue;
        b.len = 0;
        buf_putc(&b, '"');
        for (const char *c = start; c < p; c++) buf_putc(&b, *c); /* the scan lets no '"' through */
        buf_putc(&b, '"');
        bool seen = false;
        for (size_t i = 0; i < json_array_size(words) && !seen; i++) seen = !strcmp(json_string_value(json_array_get(words, i)), b.p);
        if (!seen) json_array_append_new(words, json_stringn(b.p, b.len));
    }
    buf_free(&b);
    size_t n = json_array_size(words);
    const char *out = NULL;
    if (n) {
        /* the last word typed is also a prefix ("refu" finds "refund") */
        json_t *last = json_array_get(words, n - 1);
        char *pre = arena_printf(a, "%s*", json_string_value(last));
        json_array_set_new(words, n - 1, json_string(pre));
        char *text = json_dumps(words, JSON_COMPACT);
        if (text) {
            out = arena_strdup(a, text);
            free(text);
        }
    }
    json_decref(words);
    return out;
}

/* "22" or "#22" (spaces around allowed): 22; anything else: 0, which no ticket has */
static long long typed_number(const char *q)
{
    while (*q == ' ') q++;
    if (*q == '#') q++;
    long long v = 0;
    int digits = 0;
    for (; *q >= '0' && *q <= '9' && digits < 15; q++, digits++) v = v * 10 + (*q - '0');
    while (*q == ' ') q++;
    return digits && !*q ? v : 0;
}

const char *store_like_pattern(arena *a, const char *q)
{
    buf b;
    buf_init(&b, strlen(q) + 4);
    buf_putc(&b, '%');
    for (const char *c = q; *c; c++) {
        if (*c == '%' || *c == '_' || *c == '\\') buf_putc(&b, '\\');
        buf_putc(&b, *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c);
    }
    buf_putc(&b, '%');
    const char *out = arena_strndup(a, b.p, b.len);
    buf_free(&b);
    return out;
}

/* the list's statement for f, bound; count: the count variant */
static db_stmt *prep_list(db *d, arena *a, const ticket_filter *f, bool count)
{
    unsigned mask = 0;
    const char *match = NULL;
    if (f->status && !strcmp(f->status, "active")) mask |= F_ACTIVE;
    else if (f->status) mask |= F_STATUS;
    if (f->owner_id > 0) mask |= F_OWNER;
    if (f->owner_id < 0) mask |= F_UNASSIGNED;
    if (f->team_id > 0) mask |= F_TEAM;
    if (f->customer_id > 0) mask |= F_CUSTOMER;
    if (f->q && *f->q) {
        match = fts_query(a, f->q);
        if (!match) match = "[]"; /* no words: only a number or a customer can match */
        mask |= F_QUERY;
    }
    if (f->after_updated) mask |= F_CURSOR;
    if (f->tag) mask |= F_TAG;
    if (f->priority) mask |= F_PRIORITY;
    if (f->channel) mask |= F_CHANNEL;
    if (f->created_from) mask |= F_FROM;
    if (f->created_to) mask |= F_TO;
    if (f->mood) mask |= F_MOOD;
    db_stmt *s = db_prep(d, count ? count_sql_for(mask) : list_sql_for(mask));
    if (!s) return NULL;
    if (mask & F_STATUS) db_bind_text(s, 1, f->status);
    if (mask & F_OWNER) db_bind_int(s, 2, f->owner_id);
    if (mask & F_TEAM) db_bind_int(s, 3, f->team_id);
    if (mask & F_CUSTOMER) db_bind_int(s, 4, f->customer_id);
    if (mask & F_QUERY) {
        db_bind_text(s, 5, match);
        db_bind_int(s, 9, typed_number(f->q));
        db_bind_text(s, 10, store_like_pattern(a, f->q));
    }
    if (mask & F_CURSOR) {
        db_bind_text(s, 6, f->after_updated);
        db_bind_int(s, 7, f->after_id);
    }
    if (mask & F_TAG) db_bind_text(s, 11, f->tag);
    if (mask & F_PRIORITY) db_bind_text(s, 12, f->priority);
    if (mask & F_CHANNEL) db_bind_text(s, 13, f->channel);
    if (mask & F_FROM) db_bind_text(s, 14, f->created_from);
    if (mask & F_TO) db_bind_text(s, 15, f->created_to);
    if (mask & F_MOOD) db_bind_int(s, 16, (long long)f->mood);
    db_bind_int(s, 8, f->limit);
    return s;
}

int store_ticket_list(db *d, arena *a, const ticket_filter *f, ticket_rec **out, int *n, herr *e)
{
    *out = NULL;
    *n = 0;
    db_stmt *s = prep_list(d, a, f, false);
    if (!s) return HERR_INTERNAL(e, "list query does not compile");
    int cap = 0, rc;
    while ((rc = db_step(s)) == DB_ROW) ticket_row(a, s, arena_push(a, out, n, &cap, sizeof **out));
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error") : 0;
}

int store_ticket_count(db *d, arena *a, const ticket_filter *f, int *count, herr *e)
{
    db_stmt *s = prep_list(d, a, f, true);
    if (!s) return HERR_INTERNAL(e, "count query does not compile");
    int rc = db_step(s);
    *count = rc == DB_ROW ? (int)db_col_int(s, 0) : 0;
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error (count)") : 0;
}

int store_ticket_counts(db *d, long long agent_id, int *mine, int *unassigned, int *open_all, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT coalesce(sum(owner_id = ?1), 0), coalesce(sum(owner_id IS NULL), 0), count(*)"
                            " FROM tickets WHERE status IN ('new','open','pending','on-hold')");
    db_bind_int(s, 1, agent_id);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *mine = (int)db_col_int(s, 0);
        *unassigned = (int)db_col_int(s, 1);
        *open_all = (int)db_col_int(s, 2);
    }
    db_done(s);
    return rc == DB_ROW ? 0 : HERR_INTERNAL(e, "database error");
}

int store_ticket_tags_set(db *d, long long ticket_id, const char *const *tags, int ntags, herr *e)
{
    db_stmt *s = db_prep(d, "DELETE FROM ticket_tags WHERE ticket_id = ?");
    db_bind_int(s, 1, ticket_id);
    if (db_exec_stmt(s, e)) return -1;
    for (int i = 0; i < ntags; i++) {
        s = db_prep(d, "INSERT INTO ticket_tags(ticket_id, tag) VALUES (?,?) ON CONFLICT DO NOTHING");
        db_bind_int(s, 1, ticket_id);
        db_bind_text(s, 2, tags[i]);
        if (db_exec_stmt(s, e)) return -1;
    }
    return 0;
}

/* ---- messages ---------------------------------------------------------------- */
int store_message_insert(db *d, const message_rec *m, long long *id, herr *e)
{
    db_stmt *s = db_prep(d, "INSERT INTO messages(ticket_id, kind, author_agent_id, author_customer_id, body, created_at)"
                            " VALUES (?,?,?,?,?,?)");
    db_bind_int(s, 1, m->ticket_id);
    db_bind_text(s, 2, m->kind);
    if (m->author_agent_id > 0) db_bind_int(s, 3, m->author_agent_id);
    if (m->author_customer_id > 0) db_bind_int(s, 4, m->author_customer_id);
    db_bind_text(s, 5, m->body);
    db_bind_text(s, 6, m->created_at);
    if (db_exec_stmt(s, e)) return -1;
    *id = db_last_id(d);
    return 0;
}

int store_message_by_id(db *d, arena *a, long long id, message_rec *out, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT id, ticket_id, kind, author_agent_id, author_customer_id, body, created_at FROM messages WHERE id = ?");
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == DB_ROW)
        *out = (message_rec){.id = db_col_int(s, 0), .ticket_id = db_col_int(s, 1), .kind = arena_strdup(a, db_col_text(s, 2)),
                             .author_agent_id = db_col_int(s, 3), .author_customer_id = db_col_int(s, 4),
                             .body = arena_strdup(a, db_col_text(s, 5)), .created_at = arena_strdup(a, db_col_text(s, 6))};
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error");
    return rc == DB_ROW;
}

int store_message_set_body(db *d, long long id, const char *body, herr *e)
{
    db_stmt *s = db_prep(d, "UPDATE messages SET body = ? WHERE id = ?");
    db_bind_text(s, 1, body);
    db_bind_int(s, 2, id);
    return db_exec_stmt(s, e);
}

int store_message_list(db *d, arena *a, long long ticket_id, message_rec **out, int *n, herr *e)
{
    db_stmt *s = db_prep(d, "SELECT m.id, m.ticket_id, m.kind, m.author_agent_id, m.author_customer_id,"
                            " coalesce(ag.name, cu.name), m.body, m.created_at,"
                            " o.state, o.attempts, o.last_error, o.sent_at FROM messages m"
                            " LEFT JOIN agents ag ON ag.id = m.author_agent_id"
                            " LEFT JOIN customers cu ON cu.id = m.author_customer_id"
                            " LEFT JOIN outbox o ON o.message_id = m.id AND o.kind = 'reply'"
                            " WHERE m.ticket_id = ? ORDER BY m.id");
    db_bind_int(s, 1, ticket_id);
    int cap = 0, rc;
    *out = NULL;
    *n = 0;
    while ((rc = db_step(s)) == DB_ROW) {
        message_rec *m = arena_push(a, out, n, &cap, sizeof **out);
        m->id = db_col_int(s, 0);
        m->ticket_id = db_col_int(s, 1);
        m->kind = arena_strdup(a, db_col_text(s, 2));
        m->author_agent_id = db_col_int(s, 3);
        m->author_customer_id = db_col_int(s, 4);
        m->author_name = arena_strdup(a, db_col_text(s, 5));
        m->body = arena_strndup(a, db_col_text(s, 6), (size_t)db_col_len(s, 6));
        m->created_at = arena_strdup(a, db_col_text(s, 7));
        if (!db_col_is_null(s, 8)) { /* emailed: its outbox row */
            delivery_rec *dl = arena_alloc(a, sizeof *dl);
            dl->state = arena_strdup(a, db_col_text(s, 8));
            dl->attempts = (int)db_col_int(s, 9);
            dl->last_error = db_col_is_null(s, 10) ? NULL : arena_strdup(a, db_col_text(s, 10));
            dl->sent_at = db_col_is_null(s, 11) ? NULL : arena_strdup(a, db_col_text(s, 11));
            m->delivery = dl;
        }
    }
    db_done(s);
    return rc == DB_ERROR ? HERR_INTERNAL(e, "database error") : 0;
}

/* ---- full-text index -------------------------------------------------------------
 * Late: in heed serve these run once per group commit, just before its COMMIT
 * (db_exec_late), so that FTS5 writes one segment per group, not one per ticket. */
int store_search_index_ticket(db *d, long long ticket_id, const char *subject, const char *body, herr *e)
{
    return db_exec_late(d, "INSERT INTO search_fts(ticket_id, text) VALUES (?1, ?2 || char(10) || ?3)", ticket_id, subject, body, e);
}

/* a later message is a row of its own: the cost of indexing it is its own length, not the thread's */
int store_search_append(db *d, long long ticket_id, const char *body, herr *e)
{
    return db_exec_late(d, "INSERT INTO search_fts(ticket_id, text) VALUES (?1, ?2)", ticket_id, body, NULL, e);
}

/* an ISO time moved seconds into the past, in a; NULL stays NULL */
static const char *earlier(arena *a, db_stmt *s, int col, long long seconds)
{
    time_t t;
    if (db_col_is_null(s, col) || !time_parse_iso(db_col_text(s, col), &t)) return NULL;
    char out[ISO_LEN];
    time_iso(t - (time_t)seconds, out);
    return arena_strdup(a, out);
}

/* rows (id, time) of one query, each time moved back by seconds, less (id % spread) minutes
 * (demo threads read as written over a few minutes) */
static int shift_rows(db *d, arena *a, const char *select, const char *update, long long ticket_id, long long seconds, int spread,
                      herr *e)
{
    db_stmt *s = db_prep(d, select);
    if (!s) return HERR_INTERNAL(e, "cannot prepare backdate");
    db_bind_int(s, 1, ticket_id);
    long long *ids = NULL;
    const char **times = NULL;
    int n = 0, cap = 0, cap2 = 0, n2 = 0, rc;
    while ((rc = db_step(s)) == DB_ROW) {
        long long id = db_col_int(s, 0);
        *(long long *)arena_push(a, &ids, &n, &cap, sizeof *ids) = id;
        *(const char **)arena_push(a, &times, &n2, &cap2, sizeof *times) = earlier(a, s, 1, seconds - (spread ? (id % spread) * 60 : 0));
    }
    db_done(s);
    if (rc == DB_ERROR) return HERR_INTERNAL(e, "database error (backdate)");
    for (int i = 0; i < n; i++) {
        db_stmt *u = db_prep(d, update);
        if (!u) return HERR_INTERNAL(e, "cannot prepare backdate");
        db_bind_text(u, 1, times[i]);
        db_bind_int(u, 2, ids[i]);
        if (db_exec_stmt(u, e)) return -1;
    }
    return 0;
}

int store_ticket_backdate(db *d, arena *a, long long ticket_id, long long seconds, herr *e)
{
    /* demo data only: shifts a ticket's times and its messages' into the past (the arithmetic
     * in C: date functions differ between SQL engines) */
    db_stmt *s = db_prep(d, "SELECT created_at, updated_at, first_response_at, solved_at FROM tickets WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare backdate");
    db_bind_int(s, 1, ticket_id);
    const char *t[4] = {0};
    int rc = db_step(s);
    if (rc == DB_ROW)
        for (int i = 0; i < 4; i++) t[i] = earlier(a, s, i, seconds);
    db_done(s);
    if (rc != DB_ROW) return rc == DB_DONE ? 0 : HERR_INTERNAL(e, "database error (backdate)");
    s = db_prep(d, "UPDATE tickets SET created_at = ?, updated_at = ?, first_response_at = ?, solved_at = ? WHERE id = ?");
    if (!s) return HERR_INTERNAL(e, "cannot prepare backdate");
    for (int i = 0; i < 4; i++)
        if (t[i]) db_bind_text(s, i + 1, t[i]);
    db_bind_int(s, 5, ticket_id);
    if (db_exec_stmt(s, e) ||
        shift_rows(d, a, "SELECT id, created_at FROM messages WHERE ticket_id = ?", "UPDATE messages SET created_at = ? WHERE id = ?",
                   ticket_id, seconds, 7, e) ||
        shift_rows(d, a, "SELECT id, at FROM audit_log WHERE entity = 'ticket' AND entity_id = ?",
                   "UPDATE audit_log SET at = ? WHERE id = ?", ticket_id, seconds, 0, e))
        return -1;
    /* the customer was first in touch no later than this ticket */
    s = db_prep(d, "UPDATE customers SET created_at = ?1 WHERE id = (SELECT customer_id FROM tickets WHERE id = ?2) AND created_at > ?1");
    if (!s) return HERR_INTERNAL(e, "cannot prepare backdate");
    db_bind_text(s, 1, t[0]);
    db_bind_int(s, 2, ticket_id);
    return db_exec_stmt(s, e);
}
