/* The HTTP server: libmicrohttpd glue, body limits, authentication, CSRF, and
 * dispatch to the route table. Each pool thread has its own SQLite connection,
 * opened on first use and closed at shutdown, for reads; writes go to one
 * shared writer connection and commit in groups (db_group_start).
 *
 * Per request: the access handler is called first with no body (we only set up
 * state: queueing a response then would cost keep-alive), then once per body
 * chunk, then a last time with no data, when we route and answer. */
#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "store/db.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "web/conn_guard.h"
#include "web/page.h"
#include "web/handlers.h"
#include "web/routes.h"
#include "web/events.h"
#include "web/compress.h"
#include "web/assets.h"
#include "web/server.h"
#include "web/upload.h"

struct conn_state {
    buf body;
    bool too_large;
    upload *up;       /* multipart/form-data with files: streamed to spool files, not into body */
    bool no_spool;    /* it should have been, but the spool directory could not be made */
    size_t limit;     /* max_body, or UPLOAD_MAX for an upload */
    size_t seen;
    bool stranger;    /* an upload without a valid session or token: read and dropped, then 401 */
    bool keep_fields; /* a page upload over the limit: its text still read, its files not (below) */
    bool two_lengths; /* two different Content-Length headers: which one frames the body? 400 */
    /* a write answered before its group's COMMIT: the connection is suspended until then */
    db_pending *pend;
    req r;
    resp w;
};

/* Over the limit. The API gets the JSON 413; the ticket page answers itself (the composer
 * with its error and the typed text, docs/MAIL.md), so its body is still parsed for the
 * text fields while its file parts are only counted. */
static void over_limit(struct conn_state *st, const char *url)
{
    st->too_large = true;
    buf_free(&st->body);
    if (st->up && strncmp(url, "/api/", 5)) {
        st->keep_fields = true;
        upload_drop_files(st->up);
    }
}

/* an upload's body: the files (ATTACH_TOTAL_MAX) and the form's text and framing (max_body) */
#define UPLOAD_MAX ((size_t)ATTACH_TOTAL_MAX + config->max_body)

static const struct server_config *config;
static _Atomic int suspended;  /* connections waiting for their group's COMMIT */
static _Atomic bool stopping;  /* no more deferred commits: the daemon is about to stop */
/* writes between their check of `stopping` and their answer (or suspension): shutdown waits
 * for these too, or one could suspend its connection after the wait, under MHD_stop_daemon */
static _Atomic int writing;

/* ---- one SQLite connection per thread --------------------------------------- */
enum { MAX_THREAD_DBS = 64 };
static _Thread_local db *thread_db;
static db *all_dbs[MAX_THREAD_DBS];
static int n_dbs;
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;

static db *get_thread_db(void)
{
    if (thread_db) return thread_db;
    herr e;
    db *d;
    if (db_open(config->db_path, &d, &e)) {
        log_errorf("%s", e.message);
        return NULL;
    }
    pthread_mutex_lock(&dbs_lock);
    if (n_dbs == MAX_THREAD_DBS) {
        pthread_mutex_unlock(&dbs_lock);
        db_close(d);
        return NULL;
    }
    all_dbs[n_dbs++] = d;
    pthread_mutex_unlock(&dbs_lock);
    return thread_db = d;
}

/* ---- bearer tokens: a small cache per pool thread -------------------------------
 * Checking a token costs a BLAKE2b hash and two queries (token -> agent id, the
 * agent's row), about a third of a GET's work. Each pool thread remembers the
 * agents of the last TOKEN_CACHE tokens it checked, for TOKEN_TTL seconds, and
 * forgets them all once any write request has finished (write_gen), so revoking
 * a token or deactivating an agent through heed counts from the next request;
 * a change made by another process (the CLI) counts within TOKEN_TTL. Tokens
 * that were refused are not remembered. */
enum { TOKEN_CACHE = 8, TOKEN_TTL = 2 };
struct token_entry {
    char *token; /* malloc'd copy; NULL = empty slot */
    time_t at;
    time_t expires; /* the token's own expiry (0 = none): never served from here past it */
    unsigned long gen;
    agent_rec agent; /* strings malloc'd with the entry */
};
static _Thread_local struct token_entry token_cache[TOKEN_CACHE];
static _Thread_local unsigned token_next;
static _Atomic unsigned long write_gen;

static bool same_token(const char *a, const char *b);

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static void token_entry_clear(struct token_entry *t)
{
    free(t->token);
    free((char *)t->agent.email);
    free((char *)t->agent.name);
    free((char *)t->agent.role);
    free((char *)t->agent.team_name);
    free((char *)t->agent.created_at);
    free((char *)t->agent.timezone);
    memset(t, 0, sizeof *t);
}

static const char *arena_dup_or_null(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

static bool token_cached(req *r, const char *token, unsigned long gen, time_t now)
{
    for (int i = 0; i < TOKEN_CACHE; i++) {
        struct token_entry *t = &token_cache[i];
        if (!t->token || t->gen != gen || now - t->at >= TOKEN_TTL || (t->expires && now >= t->expires) ||
            !same_token(t->token, token))
            continue;
        r->agent = t->agent; /* copied into the request's arena: the slot may be reused by a later request */
        r->agent.email = arena_dup_or_null(&r->a, t->agent.email);
        r->agent.name = arena_dup_or_null(&r->a, t->agent.name);
        r->agent.role = arena_dup_or_null(&r->a, t->agent.role);
        r->agent.team_name = arena_dup_or_null(&r->a, t->agent.team_name);
        r->agent.created_at = arena_dup_or_null(&r->a, t->agent.created_at);
        r->agent.timezone = arena_dup_or_null(&r->a, t->agent.timezone);
        return true;
    }
    return false;
}

/* frees a pool thread's entries when the thread ends (pthread key destructor) */
static pthread_key_t token_cache_key;
static pthread_once_t token_cache_once = PTHREAD_ONCE_INIT;
static void token_cache_free(void *unused)
{
    for (int i = 0; i < TOKEN_CACHE; i++) token_entry_clear(&token_cache[i]);
}
static void token_cache_key_init(void) { pthread_key_create(&token_cache_key, token_cache_free); }

static void token_remember(const char *token, const agent_rec *agent, unsigned long gen, time_t now, time_t expires)
{
    if (!token_next) {
        pthread_once(&token_cache_once, token_cache_key_init);
        pthread_setspecific(token_cache_key, token_cache); /* any non-NULL value: runs the destructor */
    }
    struct token_entry *t = &token_cache[token_next++ % TOKEN_CACHE];
    token_entry_clear(t);
    t->token = strdup(token);
    t->at = now;
    t->expires = expires;
    t->gen = gen;
    t->agent = *agent;
    t->agent.email = dup_or_null(agent->email);
    t->agent.name = dup_or_null(agent->name);
    t->agent.role = dup_or_null(agent->role);
    t->agent.team_name = dup_or_null(agent->team_name);
    t->agent.created_at = dup_or_null(agent->created_at);
    t->agent.timezone = dup_or_null(agent->timezone);
}


static bool token_check(req *r, const char *token)
{
    herr e;
    time_t now = time(NULL);
    unsigned long gen = write_gen; /* read before the lookup: a write that ends meanwhile voids the entry */
    time_t expires;
    if (token_cached(r, token, gen, now)) return true;
    if (svc_token_check(&r->s, token, &r->agent, &expires, &e) != 1) return false;
    token_remember(token, &r->agent, gen, now, expires);
    return true;
}

/* ---- authentication ------------------------------------------------------------ */
static void authenticate(req *r)
{
    herr e;
    const char *auth = req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
    if (auth && !strncasecmp(auth, "Bearer ", 7)) {
        r->authed = token_check(r, auth + 7);
        return;
    }
    const char *cookie = req_cookie(r, "heed_session");
    if (cookie && svc_session_lookup(&r->s, cookie, &r->agent, &r->csrf, &e) == 1) {
        r->authed = true;
        r->via_session = true;
        r->session_token = cookie;
    }
}

static bool safe_method(const char *m) { return !strcmp(m, "GET") || !strcmp(m, "HEAD"); }

/* constant-time comparison of two tokens */
static bool same_token(const char *a, const char *b)
{
    if (!a || !b) return false;
    size_t n = strlen(a);
    if (n != strlen(b) || n == 0) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < n; i++) diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

/* Decides whether the request may reach its handler; if not, fills w. */
static bool allowed(const struct route *rt, req *r, resp *w)
{
    if (rt->access == ACCESS_PUBLIC) return true;
    if (!r->authed) {
        if (rt->kind == ROUTE_API) resp_json_error(w, 401, "unauthorized", NULL, "sign in or send Authorization: Bearer <token>");
        else resp_redirect(w, "/login");
        return false;
    }
    if (rt->access == ACCESS_ADMIN && strcmp(r->agent.role, "admin")) {
        if (rt->kind == ROUTE_API) resp_json_error(w, 403, "forbidden", NULL, "this needs an admin");
        else page_error(r, w, 403, "This page is for admins.");
        return false;
    }
    if (r->via_session && !safe_method(r->method)) {
        const char *sent = rt->kind == ROUTE_API ? req_header(r, "X-CSRF-Token") : req_form(r, "_csrf");
        if (!same_token(sent, r->csrf)) {
            if (rt->kind == ROUTE_API) resp_json_error(w, 403, "csrf", NULL, "missing or wrong CSRF token");
            else page_error(r, w, 403, "This form has expired or did not come from heed. Go back, reload the page and try again.");
            return false;
        }
    }
    return true;
}

static void dispatch(req *r, resp *w)
{
    bool is_api = !strncmp(r->path, "/api/", 5) || !strcmp(r->path, "/healthz");
    bool path_known;
    const struct route *rt = route_match(r->method, r->path, r, &path_known);
    if (!rt) {
        if (path_known) {
            if (is_api) resp_json_error(w, 405, "method_not_allowed", NULL, "this method is not allowed on this path");
            else page_error(r, w, 405, "That action is not available here.");
        } else {
            if (is_api) resp_json_error(w, 404, "not_found", NULL, "no such endpoint");
            else page_error(r, w, 404, "There is no page here.");
        }
        return;
    }
    /* public pages (login, the front door) want to know who is signed in; assets and healthz don't */
    if (rt->access != ACCESS_PUBLIC || (rt->kind == ROUTE_PAGE && rt->fn != page_asset)) authenticate(r);
    if (allowed(rt, r, w)) {
        if (r->authed) r->s.actor = &r->agent;
        rt->fn(r, w);
    }
}

static void add_security_headers(struct MHD_Response *mr, bool html)
{
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    if (html) {
        MHD_add_response_header(mr, "Content-Security-Policy",
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
        MHD_add_response_header(mr, "X-Frame-Options", "DENY");
    }
}

static enum MHD_Result send_response(struct MHD_Connection *c, resp *w)
{
    struct MHD_Response *mr;
    if (w->stream) { /* GET /api/v1/events: a response that lasts (events.c) */
        buf_free(&w->body);
        mr = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, events_read, w->stream, events_free);
        if (!mr) {
            events_free(w->stream);
            return MHD_NO;
        }
        MHD_add_response_header(mr, "X-Accel-Buffering", "no"); /* a proxy in front must not hold events back */
    } else {
        size_t len = w->body.len;
        char *body = buf_steal(&w->body), *gz;
        size_t gz_len;
        const char *type = w->content_type ? w->content_type : "text/html; charset=utf-8";
        /* made here, not embedded: gzip'd when the client takes it (assets come compressed already) */
        bool encoded = false;
        for (int i = 0; i < w->nheaders; i++) encoded |= !strcasecmp(w->hname[i], "Content-Encoding");
        if (!encoded && compress_worth(type, len) &&
            http_accepts_coding(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"), "gzip") &&
            !compress_gzip(body, len, &gz, &gz_len)) {
            free(body);
            body = gz;
            len = gz_len;
            resp_header(w, "Content-Encoding", "gzip");
        }
        if (compress_worth(type, COMPRESS_MIN_BYTES) && !encoded) resp_header(w, "Vary", "Accept-Encoding");
        mr = MHD_create_response_from_buffer_with_free_callback(len, body, free);
        if (!mr) {
            free(body);
            return MHD_NO;
        }
    }
    const char *ct = w->content_type ? w->content_type : "text/html; charset=utf-8";
    MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, ct);
    add_security_headers(mr, !strncmp(ct, "text/html", 9));
    bool cache_set = false;
    for (int i = 0; i < w->nheaders; i++) {
        MHD_add_response_header(mr, w->hname[i], w->hvalue[i]);
        cache_set |= !strcasecmp(w->hname[i], "Cache-Control");
    }
    /* pages and API answers hold a team's data: no browser or proxy keeps them (assets say otherwise) */
    if (!cache_set) MHD_add_response_header(mr, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)w->status, mr);
    MHD_destroy_response(mr);
    return ok;
}

/* Whether the request's headers carry a valid session cookie or bearer token. Asked before
 * any upload is spooled, so that a stranger cannot make heed write files to disk; the full
 * check (role, CSRF) still happens in dispatch once the body has arrived. */
static bool signed_in_by_headers(struct MHD_Connection *c, const char *method, const char *url)
{
    db *d = get_thread_db();
    if (!d) return false;
    req r = {.method = method, .path = url, .conn = c};
    arena_init(&r.a);
    r.s = (svc){.db = d, .a = &r.a};
    authenticate(&r);
    arena_free(&r.a);
    return r.authed;
}

/* files are spooled next to the database (<db>.files/tmp), on its file system, so that
 * filing one is a rename */
static void start_upload(struct conn_state *st, struct MHD_Connection *c)
{
    db *d = get_thread_db();
    arena a;
    arena_init(&a);
    herr e;
    svc s = {.db = d, .a = &a};
    const char *dir = d ? svc_mail_spool_dir(&s, &e) : NULL;
    if (dir) st->up = upload_start(c, dir, config->max_body);
    if (!st->up) {
        log_errorf("upload: no spool directory: %s", d && !dir ? e.message : "no database");
        st->no_spool = true;
    }
    arena_free(&a);
}

/* ---- writes answered after their group's COMMIT, without holding a pool thread ----
 * A write's db_commit returns at once (db_defer_commit); the answer is built, the
 * connection suspended, and resumed by whichever thread commits the group. Only
 * then is the answer sent, or a 500 if that COMMIT failed: nothing is
 * acknowledged before it is committed. So 8 pool threads no longer sleep in
 * db_commit, each holding one request, while the group fills. */
static void resume_conn(void *c) { MHD_resume_connection(c); }

static enum MHD_Result answer_deferred(struct MHD_Connection *c, struct conn_state *st)
{
    herr e;
    if (db_pending_finish(st->pend, &e)) {
        st->w.nheaders = 0; /* e.g. a Location: the write did not happen */
        if (st->r.path && strncmp(st->r.path, "/api/", 5)) {
            st->w.content_type = NULL;
            st->w.status = 500;
            buf_reset(&st->w.body);
            buf_puts(&st->w.body, "<!doctype html><title>heed</title><p>The change could not be saved. Please try again.</p>");
        } else {
            resp_herr(&st->w, &e);
        }
        log_errorf("%s %s answered 500: %s", st->r.method, st->r.path, e.message);
    }
    st->pend = NULL;
    write_gen++; /* now committed: forget cached tokens again (this may have revoked one) */
    events_nudge(); /* live updates: its changes are in the database now */
    suspended--;
    enum MHD_Result ok = send_response(c, &st->w);
    arena_free(&st->r.a);
    return ok;
}

/* Whether the request carries Content-Length twice with different values (request smuggling:
 * a proxy in front may frame the body by the other one). */
struct length_check { const char *first; bool differ; };
static enum MHD_Result check_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct length_check *lc = cls;
    if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) && value && strcmp(value, lc->first)) lc->differ = true;
    return MHD_YES;
}
static bool two_lengths(struct MHD_Connection *c, const char *first)
{
    struct length_check lc = {first, false};
    MHD_get_connection_values(c, MHD_HEADER_KIND, check_length, &lc);
    return lc.differ;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    struct conn_state *st = *con_cls;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st) return MHD_NO;
        *con_cls = st;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        st->limit = config->max_body;
        if (cl && two_lengths(c, cl)) {
            st->two_lengths = true;
            st->too_large = true; /* the body, however it is framed, is read and dropped */
            return MHD_YES;
        }
        if (!strcmp(method, "POST") && upload_is_multipart(c) && route_takes_files(method, url)) {
            if (signed_in_by_headers(c, method, url)) {
                st->limit = UPLOAD_MAX;
                start_upload(st, c);
            } else {
                st->stranger = true;
            }
        }
        /* Too large: the body is read and dropped, then answered 413. Answering before
         * reading it would close the connection under a client still sending, which then
         * sees a reset instead of the 413. The connection timeout bounds the reading. */
        if (cl && strtoull(cl, NULL, 10) > st->limit) over_limit(st, url);
        if (cl) conn_guard_expect_body(c, strtoull(cl, NULL, 10) < st->limit ? strtoull(cl, NULL, 10) : st->limit);
        return MHD_YES;
    }
    if (*upload_size) {
        if (st->keep_fields) {
            upload_feed(st->up, upload_data, *upload_size);
        } else if (!st->too_large && !st->stranger) {
            st->seen += *upload_size;
            if (st->seen > st->limit) {
                over_limit(st, url);
                if (st->keep_fields) upload_feed(st->up, upload_data, *upload_size);
            } else if (st->up) {
                upload_feed(st->up, upload_data, *upload_size);
            } else {
                buf_put(&st->body, upload_data, *upload_size);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (st->pend) return answer_deferred(c, st); /* resumed: its group has committed */
    conn_guard_arrived(c); /* head and body are in: no deadline while it is answered */

    resp w = {.status = 200};
    buf_init(&w.body, 1024);
    if (st->stranger) { /* as allowed() answers anyone not signed in */
        if (!strncmp(url, "/api/", 5)) resp_json_error(&w, 401, "unauthorized", NULL, "sign in or send Authorization: Bearer <token>");
        else resp_redirect(&w, "/login");
        return send_response(c, &w);
    }
    if (st->two_lengths) {
        resp_json_error(&w, 400, "bad_request", NULL, "two different Content-Length headers");
        return send_response(c, &w);
    }
    if (st->too_large && !st->keep_fields) {
        resp_json_error(&w, 413, "body_too_large", NULL, "the request body is larger than the limit");
        return send_response(c, &w);
    }
    const char *code, *message;
    int status = st->no_spool ? 503 : st->up ? upload_finish(st->up, &code, &message) : 0;
    if (status) {
        if (st->no_spool) code = "unavailable", message = "the attachment directory cannot be used; see the server log";
        resp_json_error(&w, status, code, NULL, message);
        return send_response(c, &w);
    }
    db *d = get_thread_db();
    if (!d) {
        resp_json_error(&w, 503, "unavailable", NULL, "the database cannot be opened");
        return send_response(c, &w);
    }
    req r = {.method = method, .path = url, .conn = c, .body = st->body.p, .body_len = st->body.len,
             .upload = st->up, .upload_too_large = st->keep_fields, .coach_lexicon = config->coach_lexicon,
             .default_tz = config->default_tz, .secure_cookies = config->secure_cookies, .public_url = config->public_url};
    arena_init(&r.a);
    r.s = (svc){.db = d, .a = &r.a, .actor = NULL};
    if (safe_method(method)) {
        db_read_begin(d); /* one snapshot for the whole request */
    } else {
        db_expect_write(d); /* a group about to commit waits for this one */
        writing++;          /* before reading `stopping`: see serve() */
        if (!stopping) db_defer_commit(d);
    }
    dispatch(&r, &w);
    db_rollback(d); /* a handler never leaves a transaction open; this is the safety net */
    if (!safe_method(method)) write_gen++; /* forget cached tokens: this may have revoked one */
    if (w.status >= 500) log_errorf("%s %s answered %d", method, url, w.status);
    db_pending *p = db_pending_take(d);
    if (p) { /* answered once its group has committed (answer_deferred) */
        st->pend = p;
        st->r = r;
        st->w = w;
        suspended++;
        if (!safe_method(method)) writing--; /* counted as suspended now */
        MHD_suspend_connection(c);
        db_pending_watch(p, resume_conn, c);
        return MHD_YES;
    }
    if (!safe_method(method)) {
        writing--;
        events_nudge(); /* committed (or nothing written): live updates look now */
    }
    enum MHD_Result ok = send_response(c, &w); /* headers may point into the arena: free it after */
    arena_free(&r.a);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    conn_guard_answered(c); /* the next request on this connection has its own deadline */
    struct conn_state *st = *con_cls;
    if (!st) return;
    if (st->pend) { /* ended while suspended (not expected: kept for safety) */
        herr e;
        db_pending_finish(st->pend, &e);
        suspended--;
        buf_free(&st->w.body);
        arena_free(&st->r.a);
    }
    buf_free(&st->body);
    upload_free(st->up); /* removes spool files the request did not file */
    free(st);
    *con_cls = NULL;
}

int server_run(const struct server_config *cfg)
{
    config = cfg;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
    if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
        log_errorf("listen address %s is not an IPv4 address", cfg->host);
        return 1;
    }
    /* every connection is a file descriptor: the soft limit (often 1024) goes up to the hard one */
    struct rlimit files;
    if (!getrlimit(RLIMIT_NOFILE, &files) && files.rlim_cur < files.rlim_max && files.rlim_cur < CONNECTIONS_MAX + 256) {
        files.rlim_cur = files.rlim_max < CONNECTIONS_MAX + 256 ? files.rlim_max : CONNECTIONS_MAX + 256;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    /* the pool threads inherit this mask, so only sigwait below sees SIGTERM/SIGINT */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* checkpoints in a thread of their own, not in a request (store/sqlite.c) */
    herr e;
    if (db_checkpointer_start(cfg->db_path, &e)) log_errorf("checkpoints stay inline: %s", e.message);
    /* Group commit: concurrent writes share one transaction on one writer
     * connection (store/sqlite.c). A write waits for its group's COMMIT in its
     * pool thread, so writes can only group across threads: hence the default
     * of 8 threads. The page caches share a budget of 24 MB (the writer 8 MB,
     * the pool threads 16 MB between them), and glibc keeps two malloc arenas
     * instead of one per thread: the resident size stays under 50 MB whatever
     * the thread count (it was 54 MB with 8 threads and 40 MB of caches). */
    mallopt(M_ARENA_MAX, 2);
    int pool_kib = 16000 / (cfg->threads > 0 ? cfg->threads : 1);
    db_set_cache_kib(8000);
    if (db_group_start(cfg->db_path, cfg->threads, &e)) log_errorf("no group commit: %s", e.message);
    db_set_cache_kib(pool_kib < 1000 ? 1000 : pool_kib);
    if (conn_guard_start(cfg->request_deadline)) log_errorf("no request deadline: its thread did not start");
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL, on_request, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_seconds, MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS_MAX,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_NOTIFY_CONNECTION, conn_guard_notify, NULL,
        /* one address cannot take every connection: the others keep room (the total is CONNECTIONS_MAX) */
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->max_conns_per_ip > 0 ? cfg->max_conns_per_ip : 0),
        MHD_OPTION_END);
    if (!d) {
        conn_guard_stop();
        log_errorf("cannot listen on %s:%d (is the port in use?)", cfg->host, cfg->port);
        db_checkpointer_stop();
        db_group_stop();
        return 1;
    }
    if (cfg->jobs_start && cfg->jobs_start(cfg->jobs_arg)) log_errorf("background jobs did not start");
    if (events_start(cfg->db_path, cfg->events_heartbeat)) log_errorf("live updates (GET /api/v1/events) did not start");
    char extra[128];
    snprintf(extra, sizeof extra, "\"url\":\"http://%s:%d\",\"threads\":%d", cfg->host, cfg->port, cfg->threads);
    log_msg(LOG_INFO, "heed is serving", extra);

    int sig = 0;
    sigwait(&set, &sig);
    log_infof("stopping on signal %d: finishing requests in flight", sig);
    /* libmicrohttpd must not be stopped with a connection suspended: commit from
     * now on in the request's thread, and let the deferred ones finish (their
     * group commits within GROUP_NS, by the group commit thread) */
    stopping = true; /* then read `writing`: a write either sees `stopping` or is waited for */
    for (int i = 0; (writing > 0 || suspended > 0) && i < 30000; i++) {
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    if (writing > 0 || suspended > 0) log_errorf("stopping with %d write(s) still waiting for their COMMIT", (int)(writing + suspended));
    events_stop(); /* every event stream ends: none may stay suspended either */
    MHD_stop_daemon(d);
    conn_guard_stop();
    if (cfg->jobs_stop) cfg->jobs_stop(cfg->jobs_arg);
    db_checkpointer_stop();
    if (cfg->jobs_close) cfg->jobs_close(cfg->jobs_arg);
    unsigned long commits, txs;
    db_group_stats(&commits, &txs);
    if (commits) log_infof("group commit: %lu transactions in %lu commits (%.1f per commit)", txs, commits, (double)txs / (double)commits);
    db_group_stop();
    pthread_mutex_lock(&dbs_lock);
    for (int i = 0; i < n_dbs; i++) db_close(all_dbs[i]);
    n_dbs = 0;
    pthread_mutex_unlock(&dbs_lock);
    log_infof("stopped");
    return 0;
}
