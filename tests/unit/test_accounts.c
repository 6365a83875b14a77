/* Unit tests for accounts: the sign-in limiter (concurrent attempts cannot pass it; a
 * success clears only its own account), the dummy-hash path of svc_login, API tokens
 * (expiry, revocation, last use written at most once a minute), sessions, password
 * change, deactivation and one-use reset links, each with its audit row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "service/service.h"
#include "store/db.h"
#include "store/store.h"
#include "unit/tempdb.h"
#include "util/timeutil.h"
#include "web/ratelimit.h"

/* ---- the limiter ------------------------------------------------------------------ */
static _Atomic int let_through;
static void *guess(void *arg)
{
    (void)arg;
    if (ratelimit_login_begin("10.0.0.1", "victim@heed.test")) {
        let_through++;
        usleep(20000); /* the slow password check, while the others arrive */
        ratelimit_login_end("10.0.0.1", "victim@heed.test", false);
    }
    return NULL;
}

static void concurrent_guesses_cannot_pass_the_limit(void **state)
{
    (void)state;
    ratelimit_reset();
    pthread_t t[32];
    for (int i = 0; i < 32; i++) assert_int_equal(pthread_create(&t[i], NULL, guess, NULL), 0);
    for (int i = 0; i < 32; i++) pthread_join(t[i], NULL);
    assert_int_equal(let_through, LOGIN_FAILURES_MAX);
    assert_false(ratelimit_login_begin("10.0.0.1", "someone@heed.test")); /* the address is at its limit */
    assert_false(ratelimit_login_begin("10.0.0.2", "VICTIM@heed.test"));  /* and so is the account, from anywhere */
    assert_true(ratelimit_login_begin("10.0.0.2", "other@heed.test"));
}

static void a_success_clears_only_its_own_account(void **state)
{
    (void)state;
    ratelimit_reset();
    for (int i = 0; i < LOGIN_FAILURES_MAX - 1; i++) {
        assert_true(ratelimit_login_begin("10.0.0.9", "victim@heed.test"));
        ratelimit_login_end("10.0.0.9", "victim@heed.test", false);
    }
    /* the insider signs in to their own account from the same address */
    assert_true(ratelimit_login_begin("10.0.0.9", "insider@heed.test"));
    ratelimit_login_end("10.0.0.9", "insider@heed.test", true);
    assert_true(ratelimit_login_begin("10.0.0.9", "victim@heed.test")); /* the tenth guess */
    ratelimit_login_end("10.0.0.9", "victim@heed.test", false);
    assert_false(ratelimit_login_begin("10.0.0.9", "victim@heed.test"));
    assert_false(ratelimit_login_begin("10.0.0.7", "victim@heed.test")); /* another address: the account's count */
    /* the victim's own success clears the account's failures, not the address's */
    ratelimit_reset();
    for (int i = 0; i < 5; i++) {
        assert_true(ratelimit_login_begin("10.0.0.9", "victim@heed.test"));
        ratelimit_login_end("10.0.0.9", "victim@heed.test", false);
    }
    assert_true(ratelimit_login_begin("10.0.0.8", "victim@heed.test"));
    ratelimit_login_end("10.0.0.8", "victim@heed.test", true);
    for (int i = 0; i < 5; i++) {
        assert_true(ratelimit_login_begin("10.0.0.9", "x@heed.test"));
        ratelimit_login_end("10.0.0.9", "x@heed.test", false);
    }
    assert_false(ratelimit_login_begin("10.0.0.9", "y@heed.test")); /* 10.0.0.9 kept its 10 */
}

/* ---- the service ------------------------------------------------------------------ */
typedef struct fixture {
    char path[64];
    db *d;
    arena a;
    svc s;
    agent_rec admin, agent;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    herr e;
    long long id;
    if (tempdb_open_agent(f->path, sizeof f->path, "accounts", "Ada", &f->d, &f->a, &f->s, &f->admin)) return -1;
    if (svc_agent_add(&f->s, "alex@heed.test", "Alex", "agent", "correct horse", NULL, &id, &e)) return -1;
    if (svc_agent_get(&f->s, id, &f->agent, &e) != 1) return -1;
    f->s.actor = &f->admin;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tempdb_close(f->path, f->d, &f->a);
    free(f);
    return 0;
}

static int audit_count(fixture *f, long long agent_id, const char *action)
{
    audit_rec *rows;
    int n, k = 0;
    herr e;
    assert_int_equal(store_audit_list(f->d, &f->a, "agent", agent_id, &rows, &n, &e), 0);
    for (int i = 0; i < n; i++) k += !strcmp(rows[i].action, action);
    return k;
}

/* an unknown email is checked against a dummy hash: it costs about what a wrong password does */
static void unknown_email_costs_a_hash_check(void **state)
{
    fixture *f = *state;
    agent_rec a;
    herr e;
    assert_int_equal(svc_login(&f->s, "nobody@heed.test", "x", &a, &e), -1); /* makes the dummy hash once */
    double t0 = time_mono_ms();
    for (int i = 0; i < 3; i++) {
        assert_int_equal(svc_login(&f->s, "alex@heed.test", "wrong password", &a, &e), -1);
        assert_int_equal(e.status, 401);
    }
    double known = time_mono_ms() - t0;
    t0 = time_mono_ms();
    for (int i = 0; i < 3; i++) {
        assert_int_equal(svc_login(&f->s, "nobody@heed.test", "wrong password", &a, &e), -1);
        assert_int_equal(e.status, 401);
        assert_string_equal(e.message, "wrong email or password");
    }
    double unknown = time_mono_ms() - t0;
    assert_true(unknown > known * 0.5); /* without the dummy check it is ~1000 times faster */
    /* an agent without a password (API only) also costs a check, and is refused */
    assert_int_equal(svc_login(&f->s, "ada@heed.test", "", &a, &e), -1);
    assert_int_equal(svc_login(&f->s, "alex@heed.test", "correct horse", &a, &e), 0);
}

static void tokens_expire_are_revoked_and_record_their_use(void **state)
{
    fixture *f = *state;
    herr e;
    long long id;
    const char *token;
    agent_rec who;
    time_t until;
    f->s.actor = &f->agent;
    assert_int_equal(svc_token_create_for(&f->s, f->agent.id, "script", "2099-01-01T00:00:00Z", &id, &token, &e), 0);
    assert_int_equal(svc_token_check(&f->s, token, &who, &until, &e), 1);
    assert_int_equal(who.id, f->agent.id);
    assert_true(until > 0);
    token_rec t;
    assert_int_equal(svc_token_get(&f->s, id, &t, &e), 1);
    assert_non_null(t.last_used_at);
    /* a second use within the minute writes nothing: the stored time stays */
    char old[] = "2020-01-01T00:00:00Z";
    char now[ISO_LEN];
    time_iso(time(NULL) - 30, now); /* used 30 s ago */
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(store_token_touch(f->d, id, now, &e), 0);
    assert_int_equal(db_commit(f->d, &e), 0);
    assert_int_equal(svc_token_check(&f->s, token, &who, &until, &e), 1);
    assert_int_equal(svc_token_get(&f->s, id, &t, &e), 1);
    assert_string_equal(t.last_used_at, now);
    /* an old one is brought up to date */
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(store_token_touch(f->d, id, old, &e), 0);
    assert_int_equal(db_commit(f->d, &e), 0);
    assert_int_equal(svc_token_check(&f->s, token, &who, &until, &e), 1);
    assert_int_equal(svc_token_get(&f->s, id, &t, &e), 1);
    assert_string_not_equal(t.last_used_at, old);

    /* another agent cannot revoke it; its owner can, and then it is refused */
    agent_rec other = f->agent;
    other.id = f->admin.id + 1000;
    f->s.actor = &other;
    assert_int_equal(svc_token_revoke(&f->s, id, &e), -1);
    assert_int_equal(e.status, 404);
    f->s.actor = &f->agent;
    assert_int_equal(svc_token_revoke(&f->s, id, &e), 0);
    assert_int_equal(svc_token_check(&f->s, token, &who, &until, &e), 0);
    assert_int_equal(audit_count(f, f->agent.id, "token_create"), 1);
    assert_int_equal(audit_count(f, f->agent.id, "token_revoke"), 1);

    /* an expired one is refused */
    char hash[65];
    const char *secret = "heed_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    svc_secret_hash(secret, hash);
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(store_token_insert_named(f->d, f->agent.id, hash, "old", "2020-01-01T00:00:00Z", old, &id, &e), 0);
    assert_int_equal(db_commit(f->d, &e), 0);
    assert_int_equal(svc_token_check(&f->s, secret, &who, &until, &e), 0);
    /* bad input */
    assert_int_equal(svc_token_create_for(&f->s, f->agent.id, "", NULL, &id, &token, &e), -1);
    assert_string_equal(e.field, "name");
    assert_int_equal(svc_token_create_for(&f->s, f->agent.id, "x", "2001-01-01T00:00:00Z", &id, &token, &e), -1);
    assert_string_equal(e.field, "expires_at");
    assert_int_equal(svc_token_create_for(&f->s, f->admin.id, "x", NULL, &id, &token, &e), -1);
    assert_int_equal(e.status, 403);
}

static void password_change_needs_the_current_one_and_ends_other_sessions(void **state)
{
    fixture *f = *state;
    herr e;
    const char *s1, *s2, *csrf;
    agent_rec who;
    assert_int_equal(svc_session_start(&f->s, f->agent.id, "10.1.1.1", "Firefox\x01", &s1, &csrf, &e), 0);
    assert_int_equal(svc_session_start(&f->s, f->agent.id, "10.1.1.2", "Chromium", &s2, &csrf, &e), 0);
    f->s.actor = &f->agent;
    session_rec *list;
    int n;
    assert_int_equal(svc_session_list(&f->s, f->agent.id, &list, &n, &e), 0);
    assert_int_equal(n, 2);
    for (int i = 0; i < n; i++) assert_null(strchr(list[i].user_agent, '\x01'));
    assert_int_equal(svc_password_change(&f->s, "wrong", "new password 1", s1, &e), -1);
    assert_string_equal(e.field, "current");
    assert_int_equal(svc_password_change(&f->s, "correct horse", "short", s1, &e), -1);
    assert_string_equal(e.field, "password");
    assert_int_equal(svc_session_lookup(&f->s, s2, &who, &csrf, &e), 1); /* nothing changed */
    assert_int_equal(svc_password_change(&f->s, "correct horse", "new password 1", s1, &e), 0);
    assert_int_equal(svc_session_lookup(&f->s, s1, &who, &csrf, &e), 1);
    assert_int_equal(svc_session_lookup(&f->s, s2, &who, &csrf, &e), 0);
    assert_int_equal(svc_login(&f->s, "alex@heed.test", "new password 1", &who, &e), 0);
    assert_int_equal(audit_count(f, f->agent.id, "password_change"), 1);
    /* sign out everywhere else */
    assert_int_equal(svc_session_start(&f->s, f->agent.id, NULL, NULL, &s2, &csrf, &e), 0);
    int ended;
    assert_int_equal(svc_session_end_others(&f->s, s1, &ended, &e), 0);
    assert_int_equal(ended, 1);
    assert_int_equal(svc_session_lookup(&f->s, s2, &who, &csrf, &e), 0);
    assert_int_equal(svc_session_lookup(&f->s, s1, &who, &csrf, &e), 1);
}

static void deactivation_ends_sessions_and_tokens_at_once(void **state)
{
    fixture *f = *state;
    herr e;
    const char *sess, *csrf, *token;
    long long tid;
    agent_rec who;
    time_t until;
    assert_int_equal(svc_session_start(&f->s, f->agent.id, NULL, NULL, &sess, &csrf, &e), 0);
    assert_int_equal(svc_token_create_for(&f->s, f->agent.id, "ci", NULL, &tid, &token, &e), 0);
    assert_int_equal(svc_agent_set_active(&f->s, f->admin.id, false, &e), -1); /* not oneself */
    assert_int_equal(svc_agent_set_active(&f->s, f->agent.id, false, &e), 0);
    assert_int_equal(svc_session_lookup(&f->s, sess, &who, &csrf, &e), 0);
    assert_int_equal(svc_token_check(&f->s, token, &who, &until, &e), 0);
    assert_int_equal(svc_agent_set_active(&f->s, f->agent.id, true, &e), 0);
    assert_int_equal(svc_token_check(&f->s, token, &who, &until, &e), 0); /* stays revoked */
    assert_int_equal(audit_count(f, f->agent.id, "deactivate"), 1);
    assert_int_equal(audit_count(f, f->agent.id, "reactivate"), 1);
    /* an agent cannot do it */
    f->s.actor = &f->agent;
    assert_int_equal(svc_agent_set_active(&f->s, f->admin.id, false, &e), -1);
    assert_int_equal(e.status, 403);
}

static void admin_edits_an_agent_but_not_their_own_role(void **state)
{
    fixture *f = *state;
    herr e;
    long long team;
    agent_rec a;
    assert_int_equal(svc_team_add(&f->s, "Billing", &team, &e), 0);
    assert_int_equal(svc_agent_update(&f->s, f->agent.id, "Alex M", "supervisor", "Billing", &e), 0);
    assert_int_equal(svc_agent_get(&f->s, f->agent.id, &a, &e), 1);
    assert_string_equal(a.name, "Alex M");
    assert_string_equal(a.role, "supervisor");
    assert_string_equal(a.team_name, "Billing");
    assert_int_equal(svc_agent_update(&f->s, f->agent.id, "", "agent", "", &e), -1);
    assert_string_equal(e.field, "name");
    assert_int_equal(svc_agent_update(&f->s, f->agent.id, "A", "agent", "Nope", &e), -1);
    assert_string_equal(e.field, "team");
    assert_int_equal(svc_agent_update(&f->s, f->admin.id, "Ada", "agent", "", &e), -1);
    assert_string_equal(e.field, "role");
    assert_int_equal(svc_team_rename(&f->s, team, "Billing & Refunds", &e), 0);
    assert_int_equal(svc_agent_get(&f->s, f->agent.id, &a, &e), 1);
    assert_string_equal(a.team_name, "Billing & Refunds");
    long long other;
    assert_int_equal(svc_team_add(&f->s, "Support", &other, &e), 0);
    assert_int_equal(svc_team_rename(&f->s, other, "billing & refunds", &e), -1);
    assert_int_equal(e.status, 409);
    assert_int_equal(svc_team_add_member(&f->s, other, f->agent.id, &e), 0);
    assert_int_equal(svc_agent_get(&f->s, f->agent.id, &a, &e), 1);
    assert_string_equal(a.team_name, "Support");
    assert_int_equal(audit_count(f, f->agent.id, "update"), 1);
}

static void a_reset_link_works_once_and_ends_sessions(void **state)
{
    fixture *f = *state;
    herr e;
    reset_request_rec *asks;
    int n;
    /* the request: the same answer for an unknown email, which leaves nothing */
    assert_int_equal(svc_reset_request(&f->s, "nobody@heed.test", "10.0.0.1", &e), 0);
    assert_int_equal(svc_reset_request(&f->s, "Alex@heed.test", "10.0.0.1", &e), 0);
    assert_int_equal(svc_reset_request(&f->s, "alex@heed.test", "10.0.0.1", &e), 0); /* no second row */
    assert_int_equal(svc_reset_requests(&f->s, &asks, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(asks[0].agent_id, f->agent.id);

    const char *sess, *csrf, *token, *until;
    agent_rec who;
    assert_int_equal(svc_session_start(&f->s, f->agent.id, NULL, NULL, &sess, &csrf, &e), 0);
    assert_int_equal(svc_reset_issue(&f->s, f->agent.id, &token, &until, &e), 0);
    assert_int_equal(svc_reset_requests(&f->s, &asks, &n, &e), 0);
    assert_int_equal(n, 0); /* handled */
    assert_int_equal(svc_reset_check(&f->s, token, &who, &e), 1);
    f->s.actor = NULL;
    assert_int_equal(svc_reset_use(&f->s, token, "short", &e), -1);
    assert_string_equal(e.field, "password");
    assert_int_equal(svc_reset_check(&f->s, token, &who, &e), 1); /* a refused password leaves the link usable */
    assert_int_equal(svc_reset_use(&f->s, token, "brand new password", &e), 0);
    assert_int_equal(svc_session_lookup(&f->s, sess, &who, &csrf, &e), 0);
    assert_int_equal(svc_login(&f->s, "alex@heed.test", "brand new password", &who, &e), 0);
    assert_int_equal(svc_reset_use(&f->s, token, "another password", &e), -1);
    assert_int_equal(e.status, 410);
    assert_int_equal(svc_reset_check(&f->s, token, &who, &e), 0);
    assert_int_equal(svc_reset_check(&f->s, "not-a-token", &who, &e), 0);
    assert_int_equal(audit_count(f, f->agent.id, "reset_link"), 1);
    assert_int_equal(audit_count(f, f->agent.id, "reset_use"), 1);
    /* an expired link is refused */
    char hash[65];
    const char *old = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    svc_secret_hash(old, hash);
    assert_int_equal(db_begin(f->d, &e), 0);
    assert_int_equal(store_reset_insert(f->d, f->agent.id, hash, 0, "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", &e), 0);
    assert_int_equal(db_commit(f->d, &e), 0);
    assert_int_equal(svc_reset_use(&f->s, old, "brand new password", &e), -1);
    assert_int_equal(e.status, 410);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(concurrent_guesses_cannot_pass_the_limit),
        cmocka_unit_test(a_success_clears_only_its_own_account),
        cmocka_unit_test_setup_teardown(unknown_email_costs_a_hash_check, setup, teardown),
        cmocka_unit_test_setup_teardown(tokens_expire_are_revoked_and_record_their_use, setup, teardown),
        cmocka_unit_test_setup_teardown(password_change_needs_the_current_one_and_ends_other_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(deactivation_ends_sessions_and_tokens_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(admin_edits_an_agent_but_not_their_own_role, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reset_link_works_once_and_ends_sessions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
