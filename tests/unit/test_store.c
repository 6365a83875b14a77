/* Unit tests for src/store: the db.h interface on SQLite (transactions,
 * statement cache, constraint errors, backup) and the named queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "unit/tempdb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/store.h"

typedef struct fixture {
    char path[64], copy[80];
    db *d;
    arena a;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    herr e;
    tempdb_path(f->path, sizeof f->path, "store");
    snprintf(f->copy, sizeof f->copy, "%s.bak", f->path);
    if (db_open(f->path, &f->d, &e) || db_migrate(f->d, &e)) return -1;
    arena_init(&f->a);
    *state = f;
    return 0;
}

static void unlink_db(const char *path)
{
    tempdb_remove(path);
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_close(f->d);
    arena_free(&f->a);
    unlink_db(f->path);
    unlink_db(f->copy);
    free(f);
    return 0;
}

static void rollback_discards_and_commit_keeps(void **state)
{
    fixture *f = *state;
    herr e;
    long long id;
    customer_rec c;
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(store_customer_insert(f->d, "gone@example.com", "Gone", "2026-01-01T00:00:00Z", &id, &e), 0);
    db_rollback(f->d);
    assert_int_equal(store_customer_by_email(f->d, &f->a, "gone@example.com", &c, &e), 0);
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(store_customer_insert(f->d, "kept@example.com", "Kept", "2026-01-01T00:00:00Z", &id, &e), 0);
    assert_int_equal(db_commit(f->d, &e), 0);
    assert_int_equal(store_customer_by_email(f->d, &f->a, "KEPT@example.com", &c, &e), 1);
    assert_int_equal(c.id, id);
    assert_string_equal(c.name, "Kept");
}

static void unique_violation_is_a_conflict_not_a_crash(void **state)
{
    fixture *f = *state;
    herr e;
    long long id;
    assert_int_equal(store_team_insert(f->d, "Support", "2026-01-01T00:00:00Z", &id, &e), 0);
    assert_int_equal(store_team_insert(f->d, "SUPPORT", "2026-01-01T00:00:00Z", &id, &e), -1);
    assert_int_equal(e.status, 409);
    assert_string_equal(e.code, "conflict");
}

static void statement_cache_reuses_prepared_statements(void **state)
{
    fixture *f = *state;
    static const char sql[] = "SELECT ? + 1";
    db_stmt *a = db_prep(f->d, sql);
    for (int i = 0; i < 1000; i++) {
        db_stmt *s = db_prep(f->d, sql);
        assert_ptr_equal(s, a);
        db_bind_int(s, 1, i);
        assert_int_equal(db_step(s), DB_ROW);
        assert_int_equal(db_col_int(s, 0), i + 1);
        db_done(s);
    }
    assert_null(db_prep(f->d, "SELEKT nonsense")); /* a programming error is reported, not fatal */
}

static void foreign_keys_are_enforced(void **state)
{
    fixture *f = *state;
    herr e;
    long long id;
    ticket_rec t = {.subject = "orphan", .customer_id = 424242, .channel = "api", .status = "new", .priority = "normal",
                    .created_at = "2026-01-01T00:00:00Z", .updated_at = "2026-01-01T00:00:00Z"};
    assert_int_equal(store_ticket_insert(f->d, &t, &id, &e), -1);
    assert_int_equal(e.status, 409);
}

static void backup_copies_a_readable_database(void **state)
{
    fixture *f = *state;
    herr e;
    long long id;
    assert_int_equal(store_customer_insert(f->d, "b@example.com", "B", "2026-01-01T00:00:00Z", &id, &e), 0);
    assert_int_equal(db_backup(f->d, f->copy, &e), 0);
    db *c;
    assert_int_equal(db_open(f->copy, &c, &e), 0);
    customer_rec cr;
    assert_int_equal(store_customer_by_email(c, &f->a, "b@example.com", &cr, &e), 1);
    db_close(c);
}

static void ticket_round_trip_with_tags_and_search(void **state)
{
    fixture *f = *state;
    herr e;
    long long cid, tid, mid;
    assert_int_equal(store_customer_insert(f->d, "r@example.com", "R", "2026-01-01T00:00:00Z", &cid, &e), 0);
    ticket_rec t = {.subject = "Roaming", .customer_id = cid, .channel = "chat", .status = "new", .priority = "high",
                    .created_at = "2026-01-01T00:00:00Z", .updated_at = "2026-01-02T00:00:00Z"};
    assert_int_equal(store_ticket_insert(f->d, &t, &tid, &e), 0);
    const char *tags[] = {"b", "a"};
    assert_int_equal(store_ticket_tags_set(f->d, tid, tags, 2, &e), 0);
    message_rec m = {.ticket_id = tid, .kind = "customer", .author_customer_id = cid, .body = "no data in Montréal",
                     .created_at = "2026-01-01T00:00:00Z"};
    assert_int_equal(store_message_insert(f->d, &m, &mid, &e), 0);
    assert_int_equal(store_search_index_ticket(f->d, tid, "Roaming", m.body, &e), 0);
    ticket_rec got;
    assert_int_equal(store_ticket_by_id(f->d, &f->a, tid, &got, &e), 1);
    assert_string_equal(got.subject, "Roaming");
    assert_string_equal(got.customer_name, "R");
    assert_int_equal(got.ntags, 2);
    assert_null(got.owner_name);
    assert_null(got.solved_at);
    assert_int_equal(store_ticket_by_id(f->d, &f->a, tid + 1, &got, &e), 0);
    ticket_filter q = {.q = "montreal", .limit = 5}; /* diacritics folded */
    ticket_rec *list;
    int n;
    assert_int_equal(store_ticket_list(f->d, &f->a, &q, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    ticket_filter punct = {.q = "\"*()", .limit = 5}; /* nothing searchable: no error, no rows */
    assert_int_equal(store_ticket_list(f->d, &f->a, &punct, &list, &n, &e), 0);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rollback_discards_and_commit_keeps, setup, teardown),
        cmocka_unit_test_setup_teardown(unique_violation_is_a_conflict_not_a_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(statement_cache_reuses_prepared_statements, setup, teardown),
        cmocka_unit_test_setup_teardown(foreign_keys_are_enforced, setup, teardown),
        cmocka_unit_test_setup_teardown(backup_copies_a_readable_database, setup, teardown),
        cmocka_unit_test_setup_teardown(ticket_round_trip_with_tags_and_search, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
