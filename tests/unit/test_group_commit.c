/* Group commit (store/sqlite.c, db_group_start): threads writing through the
 * service layer on connections of their own share SQLite transactions, and
 * each sees only its own outcome: every ticket created is there once, a
 * rolled-back transaction leaves nothing, a failing one breaks no other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "unit/tempdb.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "service/service.h"
#include "store/db.h"
#include "store/store.h"

enum { THREADS = 6, PER_THREAD = 40 };

typedef struct worker {
    const char *path;
    int n;
    agent_rec *admin;
    long long ids[PER_THREAD];
    int created, rolled_back, refused, errors;
} worker;

static char path[64];
static agent_rec admin;

static void *work(void *arg)
{
    worker *w = arg;
    herr e;
    db *d;
    if (db_open(w->path, &d, &e)) {
        w->errors++;
        return NULL;
    }
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a, .actor = w->admin};
    for (int i = 0; i < PER_THREAD; i++) {
        char subject[64], email[64], msg[64];
        snprintf(subject, sizeof subject, "thread %d ticket %d", w->n, i);
        snprintf(email, sizeof email, "c%d-%d@example.test", w->n, i % 7);
        snprintf(msg, sizeof msg, "message %d/%d", w->n, i);
        ticket_new in = {.subject = subject, .customer_email = email, .customer_name = "Cust", .message = msg};
        ticket_rec t;
        if (svc_ticket_create(&s, &in, &t, &e)) {
            w->errors++;
        } else {
            w->ids[w->created++] = t.id;
            /* reads after the commit see the ticket (it is read back on this thread's connection) */
            ticket_rec back;
            if (svc_ticket_get(&s, t.id, &back, &e) || strcmp(back.subject, subject)) w->errors++;
        }
        if (i % 5 == 0) { /* a member that rolls back: its changes vanish, the group goes on */
            if (db_begin(d, &e)) {
                w->errors++;
            } else {
                char rb[64];
                snprintf(rb, sizeof rb, "rolled back %d-%d", w->n, i);
                ticket_new in2 = {.subject = rb, .customer_email = "rollback@example.test", .message = "x"};
                db_stmt *st = db_prep(d, "INSERT INTO customers(email, name, created_at) VALUES (?, 'RB', 'now')");
                db_bind_text(st, 1, in2.customer_email);
                if (db_exec_stmt(st, &e)) w->errors++;
                if (db_last_id(d) <= 0 || db_changes(d) != 1) w->errors++;
                /* reads inside the transaction see its own change */
                st = db_prep(d, "SELECT count(*) FROM customers WHERE email = 'rollback@example.test'");
                if (db_step(st) != DB_ROW || db_col_int(st, 0) != 1) w->errors++;
                db_done(st);
                /* its full-text row waits for the group's COMMIT (db_exec_late): the rollback drops it */
                if (store_search_index_ticket(d, 1000000 + w->n * 1000 + i, "zzrolledback", "x", &e)) w->errors++;
                db_rollback(d);
                w->rolled_back++;
            }
        }
        if (i % 7 == 3) { /* a member that fails inside its transaction (a duplicate email) */
            long long id;
            if (svc_agent_add(&s, "taken@heed.test", "Dup", "agent", NULL, NULL, &id, &e) == 0 || e.status != 409)
                w->errors++;
            else
                w->refused++;
        }
        arena_free(&a);
        arena_init(&a);
    }
    arena_free(&a);
    db_close(d);
    return NULL;
}

/* the one integer that sql answers */
static long long one_int(db *d, const char *sql)
{
    db_stmt *st = db_prep(d, sql);
    assert_int_equal(db_step(st), DB_ROW);
    long long v = db_col_int(st, 0);
    db_done(st);
    return v;
}

static void unlink_db(void)
{
    tempdb_remove(path);
}

static void concurrent_creates_share_commits(void **state)
{
    (void)state;
    herr e;
    tempdb_path(path, sizeof path, "unit-gc");
    db *d;
    arena a;
    arena_init(&a);
    assert_int_equal(db_open(path, &d, &e), 0);
    assert_int_equal(db_migrate(d, &e), 0);
    svc s = {.db = d, .a = &a};
    long long id;
    assert_int_equal(svc_agent_add(&s, "ada@heed.test", "Ada", "admin", NULL, NULL, &id, &e), 0);
    assert_int_equal(svc_agent_get(&s, id, &admin, &e), 1);
    s.actor = &admin;
    assert_int_equal(svc_agent_add(&s, "taken@heed.test", "Taken", "agent", NULL, NULL, &id, &e), 0);

    assert_int_equal(db_checkpointer_start(path, &e), 0);
    assert_int_equal(db_group_start(path, THREADS, &e), 0);
    worker w[THREADS];
    pthread_t th[THREADS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){.path = path, .n = i, .admin = &admin};
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    unsigned long commits, txs;
    db_group_stats(&commits, &txs);
    db_checkpointer_stop();
    db_group_stop();

    int total = 0;
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(w[i].errors, 0);
        assert_int_equal(w[i].created, PER_THREAD);
        assert_int_equal(w[i].refused, (PER_THREAD + 3) / 7);
        total += w[i].created;
    }
    print_message("%lu transactions in %lu shared commits\n", txs, commits);
    /* every transaction that committed went through a shared COMMIT */
    assert_true(commits > 0 && txs >= (unsigned long)total && commits <= txs);

    /* a fresh plain connection sees every ticket once, and nothing rolled back */
    db *check;
    assert_int_equal(db_open(path, &check, &e), 0);
    db_stmt *st = db_prep(check, "SELECT count(*), count(DISTINCT id) FROM tickets");
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), THREADS * PER_THREAD);
    assert_int_equal(db_col_int(st, 1), THREADS * PER_THREAD);
    db_done(st);
    for (int i = 0; i < THREADS; i++)
        for (int j = 0; j < PER_THREAD; j++) {
            st = db_prep(check, "SELECT subject FROM tickets WHERE id = ?");
            db_bind_int(st, 1, w[i].ids[j]);
            assert_int_equal(db_step(st), DB_ROW);
            char want[64];
            snprintf(want, sizeof want, "thread %d ticket %d", i, j);
            assert_string_equal(db_col_text(st, 0), want);
            db_done(st);
        }
    assert_int_equal(one_int(check, "SELECT count(*) FROM customers WHERE email = 'rollback@example.test'"), 0);
    assert_int_equal(one_int(check, "SELECT count(*) FROM agents WHERE email = 'taken@heed.test'"), 1);
    assert_int_equal(one_int(check, "SELECT count(*) FROM messages"), THREADS * PER_THREAD);
    /* the full-text rows, written just before each group's COMMIT: one per ticket,
     * none of the rolled-back members', and the index agrees with its content */
    assert_int_equal(one_int(check, "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'message'"), THREADS * PER_THREAD);
    assert_int_equal(one_int(check, "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'zzrolledback'"), 0);
    assert_int_equal(one_int(check, "SELECT ticket_id FROM search_fts WHERE search_fts MATCH '\"thread 2 ticket 17\"'"), w[2].ids[17]);
    st = db_prep(check, "INSERT INTO search_fts(search_fts) VALUES('integrity-check')");
    assert_int_equal(db_exec_stmt(st, &e), 0);
    st = db_prep(check, "PRAGMA integrity_check");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "ok");
    db_done(st);
    db_close(check);
    db_close(d);
    arena_free(&a);
    unlink_db();
}

/* a deferred commit (db_defer_commit, the server's suspend/resume): db_commit
 * returns at once, the watcher is called once the group has committed, and a
 * read on the same connection before db_pending_take waits for that commit */
static _Atomic int notified;
static void on_done(void *arg) { *(int *)arg += 1; notified++; }

static void deferred_commits(void **state)
{
    (void)state;
    herr e;
    tempdb_path(path, sizeof path, "unit-gc");
    db *d, *other;
    arena a;
    arena_init(&a);
    assert_int_equal(db_open(path, &d, &e), 0);
    assert_int_equal(db_migrate(d, &e), 0);
    db_close(d);
    assert_int_equal(db_group_start(path, 4, &e), 0);
    assert_int_equal(db_open(path, &d, &e), 0);
    assert_int_equal(db_open(path, &other, &e), 0);
    svc s = {.db = d, .a = &a};

    /* taken at once: the outcome arrives through the watcher */
    db_defer_commit(d);
    message_rec first;
    ticket_new in = {.subject = "deferred one", .customer_email = "d1@example.test", .message = "first words", .first = &first};
    ticket_rec t;
    assert_int_equal(svc_ticket_create(&s, &in, &t, &e), 0);
    assert_int_equal(first.ticket_id, t.id);
    assert_string_equal(first.body, "first words");
    assert_true(first.id > 0);
    db_pending *p = db_pending_take(d);
    assert_non_null(p);
    assert_null(db_pending_take(d));
    int calls = 0;
    notified = 0;
    db_pending_watch(p, on_done, &calls);
    for (int i = 0; i < 2000 && !notified; i++) usleep(1000); /* the group commit thread commits it */
    assert_int_equal(notified, 1);
    assert_int_equal(calls, 1);
    assert_int_equal(db_pending_finish(p, &e), 0);
    assert_int_equal(one_int(other, "SELECT count(*) FROM tickets WHERE subject = 'deferred one'"), 1);

    /* used again before it is taken: the read waits for the COMMIT and sees the ticket */
    db_defer_commit(d);
    ticket_new in2 = {.subject = "deferred two", .customer_email = "d2@example.test", .message = "x"};
    assert_int_equal(svc_ticket_create(&s, &in2, &t, &e), 0);
    assert_int_equal(one_int(d, "SELECT count(*) FROM tickets WHERE subject = 'deferred two'"), 1);
    p = db_pending_take(d);
    assert_non_null(p);
    calls = 0;
    db_pending_watch(p, on_done, &calls); /* already committed: called at once */
    assert_int_equal(calls, 1);
    assert_int_equal(db_pending_finish(p, &e), 0);

    /* without db_defer_commit, db_commit waits as before and nothing is pending */
    ticket_new in3 = {.subject = "plain", .customer_email = "d3@example.test", .message = "x"};
    assert_int_equal(svc_ticket_create(&s, &in3, &t, &e), 0);
    assert_null(db_pending_take(d));
    assert_int_equal(one_int(other, "SELECT count(*) FROM tickets WHERE subject = 'plain'"), 1);

    db_close(other);
    db_close(d);
    db_group_stop();
    arena_free(&a);
    unlink_db();
}

/* without db_group_start nothing changes: a nested begin still fails, a lone
 * write commits at once and is visible to another connection */
static void plain_mode_unchanged(void **state)
{
    (void)state;
    herr e;
    tempdb_path(path, sizeof path, "unit-gc");
    db *d, *other;
    assert_int_equal(db_open(path, &d, &e), 0);
    assert_int_equal(db_migrate(d, &e), 0);
    assert_int_equal(db_open(path, &other, &e), 0);
    assert_int_equal(db_begin(d, &e), 0);
    assert_int_not_equal(db_begin(d, &e), 0);
    db_stmt *st = db_prep(d, "INSERT INTO customers(email, name, created_at) VALUES ('p@example.test', 'P', 'now')");
    assert_int_equal(db_exec_stmt(st, &e), 0);
    assert_int_equal(db_commit(d, &e), 0);
    st = db_prep(other, "SELECT count(*) FROM customers");
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 1);
    db_done(st);
    db_close(other);
    db_close(d);
    unlink_db();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(concurrent_creates_share_commits),
        cmocka_unit_test(deferred_commits),
        cmocka_unit_test(plain_mode_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
