/* Unit tests for src/service over a real SQLite file (src/store underneath):
 * the rules of tickets, customers, agents and auth, and that a refused change
 * changes nothing. */
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
#include "service/service.h"
#include "service/svc_attention.h"
#include "service/svc_feed.h"
#include "service/svc_snooze.h"
#include "service/svc_sla.h"
#include "store/db.h"
#include "store/store.h"
#include "util/timeutil.h"

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
    tempdb_path(f->path, sizeof f->path, "unit");
    if (db_open(f->path, &f->d, &e) || db_migrate(f->d, &e)) return -1;
    arena_init(&f->a);
    f->s = (svc){.db = f->d, .a = &f->a};
    long long id;
    if (svc_team_add(&f->s, "Support", &id, &e)) return -1;
    if (svc_agent_add(&f->s, "Ada@Heed.test", "Ada", "admin", "correct horse", NULL, &id, &e)) return -1;
    if (svc_agent_get(&f->s, id, &f->admin, &e) != 1) return -1;
    if (svc_agent_add(&f->s, "alex@heed.test", "Alex", "agent", NULL, "Support", &id, &e)) return -1;
    if (svc_agent_get(&f->s, id, &f->agent, &e) != 1) return -1;
    f->s.actor = &f->admin;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_close(f->d);
    arena_free(&f->a);
    tempdb_remove(f->path);
    free(f);
    return 0;
}

static ticket_rec create(fixture *f, const char *subject, const char *email, const char *msg)
{
    ticket_new in = {.subject = subject, .customer_email = email, .customer_name = "Cust", .message = msg};
    ticket_rec t;
    herr e;
    assert_int_equal(svc_ticket_create(&f->s, &in, &t, &e), 0);
    return t;
}

static void migrations_are_idempotent(void **state)
{
    fixture *f = *state;
    herr e;
    assert_int_equal(db_migrate(f->d, &e), 0);
    assert_int_equal(db_migrate(f->d, &e), 0);
}

static void ticket_create_finds_customer_by_email_case_insensitively(void **state)
{
    fixture *f = *state;
    ticket_rec a = create(f, "First", "Maria@Example.com", "hello");
    ticket_rec b = create(f, "Second", "maria@example.COM", "again");
    assert_int_equal(a.customer_id, b.customer_id);
    assert_string_equal(a.status, "new");
    assert_string_equal(a.priority, "normal");
    assert_string_equal(a.channel, "api");
    assert_null(a.owner_name);
    assert_null(a.first_response_at);
    customer_rec c;
    herr e;
    assert_int_equal(svc_customer_get(&f->s, a.customer_id, &c, &e), 1);
    assert_string_equal(c.email, "maria@example.com");
    assert_int_equal(c.ticket_count, 2);
}

static void invalid_ticket_input_is_refused_and_changes_nothing(void **state)
{
    fixture *f = *state;
    herr e;
    ticket_rec t;
    ticket_filter all = {.limit = 100};
    ticket_rec *list;
    int before, after;
    assert_int_equal(svc_ticket_list(&f->s, &all, &list, &before, &e), 0);
    const char *tags_bad[] = {arena_strdup(&f->a, "no spaces allowed")};
    ticket_new bad[] = {
        {.subject = "", .customer_email = "a@b.co", .message = "m"},
        {.subject = "   ", .customer_email = "a@b.co", .message = "m"},
        {.subject = "s", .customer_email = "not-an-email", .message = "m"},
        {.subject = "s", .customer_email = "a@b.co", .message = NULL},
        {.subject = "s", .customer_email = "a@b.co", .message = "m", .priority = "p1"},
        {.subject = "s", .customer_email = "a@b.co", .message = "m", .channel = "fax"},
        {.subject = "bad\x01", .customer_email = "a@b.co", .message = "m"},
        {.subject = "line\nbreak", .customer_email = "a@b.co", .message = "m"},
        {.subject = "\xff\xfe", .customer_email = "a@b.co", .message = "m"},
        {.subject = "s", .customer_email = "a@b.co", .message = "m", .tags = tags_bad, .ntags = 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        herr_clear(&e);
        assert_int_equal(svc_ticket_create(&f->s, &bad[i], &t, &e), -1);
        assert_int_equal(e.status, 422);
        assert_true(e.field[0] != 0);
    }
    assert_int_equal(svc_ticket_list(&f->s, &all, &list, &after, &e), 0);
    assert_int_equal(before, after);
}

static void first_reply_opens_ticket_and_sets_first_response(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Where is my parcel?", "tom@example.de", "It is late");
    message_rec m;
    herr e;
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "note", "checking courier", &m, &e), 0);
    assert_int_equal(svc_ticket_get(&f->s, t.id, &t, &e), 0);
    assert_null(t.first_response_at); /* a note is not a response to the customer */
    assert_string_equal(t.status, "new");
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "reply", "It arrives tomorrow.", &m, &e), 0);
    assert_int_equal(svc_ticket_get(&f->s, t.id, &t, &e), 0);
    assert_non_null(t.first_response_at);
    assert_string_equal(t.status, "open");
    message_rec *msgs;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, t.id, &msgs, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(msgs[0].kind, "customer");
    assert_string_equal(msgs[1].kind, "note");
    assert_string_equal(msgs[2].kind, "reply");
    assert_string_equal(msgs[2].author_name, "Ada");
}

static void status_changes_keep_solved_at_true_and_closed_is_final(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Refund", "olga@example.ru", "Where is my refund?");
    herr e;
    ticket_patch solve = {.status = "solved"};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &solve, &t, &e), 0);
    assert_non_null(t.solved_at);
    ticket_patch reopen = {.status = "open"};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &reopen, &t, &e), 0);
    assert_null(t.solved_at);
    ticket_patch close = {.status = "closed"};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &close, &t, &e), 0);
    assert_int_equal(svc_ticket_update(&f->s, t.id, &reopen, &t, &e), -1);
    assert_int_equal(e.status, 409);
    message_rec m;
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "reply", "hello?", &m, &e), -1);
    assert_int_equal(e.status, 409);
    assert_int_equal(svc_ticket_get(&f->s, t.id, &t, &e), 0);
    assert_string_equal(t.status, "closed");
}

static void owner_must_be_an_active_agent_and_change_is_audited(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Login loop", "sarah@example.com", "Cannot log in");
    herr e;
    ticket_patch bad = {.set_owner = true, .owner_id = 99999, .priority = "urgent"};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &bad, &t, &e), -1);
    assert_int_equal(e.status, 422);
    assert_string_equal(e.field, "owner");
    assert_int_equal(svc_ticket_get(&f->s, t.id, &t, &e), 0);
    assert_string_equal(t.priority, "normal"); /* the whole patch was refused */
    ticket_patch take = {.set_owner = true, .owner_id = f->agent.id};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &take, &t, &e), 0);
    assert_int_equal(t.owner_id, f->agent.id);
    assert_string_equal(t.owner_name, "Alex");
    assert_string_equal(t.status, "open");
    audit_rec *h;
    int n;
    assert_int_equal(svc_ticket_history(&f->s, t.id, &h, &n, &e), 0);
    bool saw_owner = false;
    for (int i = 0; i < n; i++)
        if (!strcmp(h[i].action, "owner")) {
            saw_owner = true;
            assert_null(h[i].before);
            assert_int_equal(atoll(h[i].after), f->agent.id);
            assert_string_equal(h[i].actor_name, "Ada");
        }
    assert_true(saw_owner);
}

static void tags_are_lowercased_and_replaced(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Tags", "tags@example.com", "x");
    herr e;
    const char *tags[] = {arena_strdup(&f->a, "Billing"), arena_strdup(&f->a, "refund")};
    ticket_patch p = {.set_tags = true, .tags = tags, .ntags = 2};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &p, &t, &e), 0);
    assert_int_equal(t.ntags, 2);
    assert_string_equal(t.tags[0], "billing");
    assert_string_equal(t.tags[1], "refund");
    ticket_patch none = {.set_tags = true, .ntags = 0};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &none, &t, &e), 0);
    assert_int_equal(t.ntags, 0);
}

static void list_pages_through_every_ticket_once(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < 23; i++) create(f, "Paging", "pager@example.com", "page me");
    ticket_filter q = {.limit = 5};
    int seen = 0;
    long long last_id = 0;
    const char *last_updated = NULL;
    for (;;) {
        ticket_rec *list;
        int n;
        herr e;
        assert_int_equal(svc_ticket_list(&f->s, &q, &list, &n, &e), 0);
        for (int i = 0; i < n; i++) {
            if (last_updated) {
                int c = strcmp(list[i].updated_at, last_updated);
                assert_true(c < 0 || (c == 0 && list[i].id < last_id));
            }
            last_updated = list[i].updated_at;
            last_id = list[i].id;
        }
        seen += n;
        if (n < q.limit) break;
        q.after_updated = last_updated;
        q.after_id = last_id;
    }
    assert_int_equal(seen, 23);
}

static void search_finds_words_from_subject_and_replies(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Roaming in Canada", "pierre@example.fr", "No data in Toronto");
    create(f, "Invoice", "k@example.pl", "VAT number wrong");
    message_rec m;
    herr e;
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "reply", "I reset your APN profile", &m, &e), 0);
    const char *queries[] = {"roaming", "toronto", "APN", "cana", "toront\"o OR"};
    int expect[] = {1, 1, 1, 1, 0};
    for (int i = 0; i < 5; i++) {
        ticket_filter q = {.limit = 10, .q = queries[i]};
        ticket_rec *list;
        int n;
        assert_int_equal(svc_ticket_list(&f->s, &q, &list, &n, &e), 0);
        assert_int_equal(n, expect[i]);
        if (n) assert_int_equal(list[0].id, t.id);
    }
}

/* every word of a query must be in the ticket, but each may be in a different message: the
 * subject, the first message or any later one (each message is indexed on its own) */
static void search_needs_every_word_anywhere_in_the_ticket(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Roaming in Canada", "pierre@example.fr", "No data in Toronto");
    ticket_rec other = create(f, "Router", "k@example.pl", "Toronto office is down");
    message_rec m;
    herr e;
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "reply", "I reset your APN profile", &m, &e), 0);
    assert_int_equal(svc_ticket_customer_message(&f->s, t.id, "Still no signal in Montreal", &m, &e), 0);
    struct { const char *q; int n; long long id; } cases[] = {
        {"roaming apn montreal", 1, t.id},   /* subject, a reply, a later customer message */
        {"montreal toronto", 1, t.id},
        {"toronto toronto", 2, 0},           /* a word typed twice is asked once */
        {"toronto router", 1, other.id},
        {"apn router", 0, 0},                /* the words are in two different tickets */
        {"canada mont", 1, t.id},            /* the last word is a prefix */
        {"mont canada", 0, 0},               /* only the last */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ticket_filter q = {.limit = 10, .q = cases[i].q};
        ticket_rec *list;
        int n;
        assert_int_equal(svc_ticket_list(&f->s, &q, &list, &n, &e), 0);
        if (n != cases[i].n) fail_msg("\"%s\": %d tickets, want %d", cases[i].q, n, cases[i].n);
        if (cases[i].id) assert_int_equal(list[0].id, cases[i].id);
    }
}

/* a database from before migration 8 keeps what its whole-ticket index held */
static void migration_8_moves_the_old_index(void **state)
{
    fixture *f = *state;
    herr e;
    static const char *const back[] = {
        "DROP TABLE search_fts",
        "CREATE VIRTUAL TABLE tickets_fts USING fts5(subject, body, tokenize = 'unicode61 remove_diacritics 2')",
        "INSERT INTO tickets_fts(rowid, subject, body) VALUES (42, 'Billing question', 'charged twice' || char(10) || 'refund sent')",
        "DELETE FROM schema_migrations WHERE version = 8"};
    for (size_t i = 0; i < sizeof back / sizeof back[0]; i++) {
        db_stmt *st = db_prep(f->d, back[i]);
        assert_non_null(st);
        assert_int_not_equal(db_step(st), DB_ERROR);
        db_done(st);
    }
    assert_int_equal(db_migrate(f->d, &e), 0);
    db_stmt *st = db_prep(f->d, "SELECT ticket_id FROM search_fts WHERE search_fts MATCH 'billing AND refund'");
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 42);
    db_done(st);
    st = db_prep(f->d, "SELECT count(*) FROM sqlite_master WHERE name = 'tickets_fts'");
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 0);
    db_done(st);
}

static void filters_by_owner_and_status(void **state)
{
    fixture *f = *state;
    ticket_rec a = create(f, "A", "a@example.com", "x");
    create(f, "B", "b@example.com", "x");
    herr e;
    ticket_patch take = {.set_owner = true, .owner_id = f->agent.id};
    assert_int_equal(svc_ticket_update(&f->s, a.id, &take, &a, &e), 0);
    ticket_rec *list;
    int n;
    ticket_filter mine = {.limit = 10, .owner_id = f->agent.id};
    assert_int_equal(svc_ticket_list(&f->s, &mine, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    ticket_filter unassigned = {.limit = 10, .owner_id = -1, .status = "new"};
    assert_int_equal(svc_ticket_list(&f->s, &unassigned, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    ticket_filter bad = {.limit = 10, .status = "done"};
    assert_int_equal(svc_ticket_list(&f->s, &bad, &list, &n, &e), -1);
    int c_mine, c_un, c_all;
    f->s.actor = &f->agent;
    assert_int_equal(svc_ticket_counts(&f->s, &c_mine, &c_un, &c_all, &e), 0);
    assert_int_equal(c_mine, 1);
    assert_int_equal(c_un, 1);
    assert_int_equal(c_all, 2);
}

static void login_sessions_and_tokens(void **state)
{
    fixture *f = *state;
    agent_rec who;
    herr e;
    assert_int_equal(svc_login(&f->s, "ada@heed.test", "correct horse", &who, &e), 0);
    assert_string_equal(who.name, "Ada");
    assert_int_equal(svc_login(&f->s, "ada@heed.test", "wrong", &who, &e), -1);
    assert_int_equal(e.status, 401);
    assert_int_equal(svc_login(&f->s, "alex@heed.test", "anything", &who, &e), -1); /* no password set */
    assert_int_equal(svc_login(&f->s, "nobody@heed.test", "correct horse", &who, &e), -1);
    const char *session, *csrf, *csrf2;
    assert_int_equal(svc_session_create(&f->s, f->admin.id, &session, &csrf, &e), 0);
    assert_int_equal(svc_session_lookup(&f->s, session, &who, &csrf2, &e), 1);
    assert_string_equal(csrf, csrf2);
    assert_int_equal(svc_session_end(&f->s, session, &e), 0);
    assert_int_equal(svc_session_lookup(&f->s, session, &who, &csrf2, &e), 0);
    const char *token;
    assert_int_equal(svc_token_create(&f->s, "alex@heed.test", &token, &e), 0);
    assert_int_equal(strncmp(token, "heed_", 5), 0);
    assert_int_equal(svc_token_lookup(&f->s, token, &who, &e), 1);
    assert_string_equal(who.email, "alex@heed.test");
    char forged[80];
    snprintf(forged, sizeof forged, "%s", token);
    forged[10] = forged[10] == 'a' ? 'b' : 'a';
    assert_int_equal(svc_token_lookup(&f->s, forged, &who, &e), 0);
    assert_int_equal(svc_token_create(&f->s, "nobody@heed.test", &token, &e), -1);
    assert_int_equal(e.status, 404);
}

static void agents_and_teams_need_an_admin_and_unique_names(void **state)
{
    fixture *f = *state;
    long long id;
    herr e;
    assert_int_equal(svc_agent_add(&f->s, "ada@heed.test", "Dup", "agent", NULL, NULL, &id, &e), -1);
    assert_int_equal(e.status, 409);
    assert_int_equal(svc_agent_add(&f->s, "new@heed.test", "New", "boss", NULL, NULL, &id, &e), -1);
    assert_string_equal(e.field, "role");
    assert_int_equal(svc_agent_add(&f->s, "new@heed.test", "New", "agent", "short", NULL, &id, &e), -1);
    assert_string_equal(e.field, "password");
    assert_int_equal(svc_agent_add(&f->s, "new@heed.test", "New", "agent", NULL, "No such team", &id, &e), -1);
    assert_string_equal(e.field, "team");
    assert_int_equal(svc_team_add(&f->s, "support", &id, &e), -1); /* names are unique ignoring case */
    assert_int_equal(e.status, 409);
    f->s.actor = &f->agent;
    assert_int_equal(svc_team_add(&f->s, "Ops", &id, &e), -1);
    assert_int_equal(e.status, 403);
    assert_int_equal(svc_agent_add(&f->s, "x@heed.test", "X", "admin", NULL, NULL, &id, &e), -1);
    assert_int_equal(e.status, 403);
}

static void customer_message_reopens_a_solved_ticket(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Solved then not", "back@example.com", "help");
    herr e;
    ticket_patch solve = {.status = "solved"};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &solve, &t, &e), 0);
    message_rec m;
    assert_int_equal(svc_ticket_customer_message(&f->s, t.id, "It broke again", &m, &e), 0);
    assert_int_equal(svc_ticket_get(&f->s, t.id, &t, &e), 0);
    assert_string_equal(t.status, "open");
    assert_null(t.solved_at);
}

/* each change's audit rows carry the version it made, the ticket's creation included (version
 * 1): what changed since the version an agent saw is the later changes only */
static void changes_since_a_version_are_the_later_changes_only(void **state)
{
    fixture *f = *state;
    ticket_rec t = create(f, "Versioned", "v@example.com", "hello");
    herr e;
    assert_int_equal(t.version, 1);
    audit_rec *ch;
    int n;
    assert_int_equal(svc_ticket_changes_since(&f->s, t.id, 0, &ch, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ch[0].action, "create");
    ticket_patch p = {.priority = "high"};
    assert_int_equal(svc_ticket_update(&f->s, t.id, &p, &t, &e), 0);
    assert_int_equal(t.version, 2);
    assert_int_equal(svc_ticket_changes_since(&f->s, t.id, 1, &ch, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ch[0].action, "priority");
    assert_int_equal(svc_ticket_changes_since(&f->s, t.id, 2, &ch, &n, &e), 0);
    assert_int_equal(n, 0);
}

/* An SLA clock's alarm: the sweep tells at risk once and breached once, then the clock rests
 * (a second sweep finds nothing); a reply moves the alarm to the update target */
static void sla_alarm_fires_once_then_rests(void **state)
{
    fixture *f = *state;
    herr e;
    time_t t0 = 1796115600; /* Mon 2026-12-07 09:00 UTC */
    f->s.now = t0;
    sla_policy_rec p;
    policy_in in = {.name = "Everyone", .first_response = 60, .next_response = -1, .resolution = -1, .update = 120};
    assert_int_equal(svc_policy_save(&f->s, 0, &in, &p, &e), 0);
    ticket_rec t = create(f, "Printer on fire", "pat@example.test", "It is on fire.");
    int n;
    assert_int_equal(svc_sla_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 0); /* nothing due yet */
    ticket_sla_rec ts;
    f->s.now = t0 + 46 * 60; /* 46 of 60 minutes: at risk (75%) */
    assert_int_equal(svc_sla_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_ticket_sla_get(f->d, &f->a, t.id, &ts, &e), 1);
    assert_non_null(ts.warned_for);
    assert_null(ts.breached_for);
    assert_int_equal(svc_sla_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 0); /* told once: the alarm moved on to the due time */
    f->s.now = t0 + 61 * 60;
    assert_int_equal(svc_sla_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_ticket_sla_get(f->d, &f->a, t.id, &ts, &e), 1);
    assert_non_null(ts.breached_for);
    assert_null(ts.alarm_at); /* breached and told: nothing more to say */
    f->s.now = t0 + 86400;
    assert_int_equal(svc_sla_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 0);
    /* a public reply starts the update target: the alarm comes back, at its risk time (90 of 120 min) */
    message_rec m;
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "reply", "Done, the printer is out.", &m, &e), 0);
    assert_int_equal(store_ticket_sla_get(f->d, &f->a, t.id, &ts, &e), 1);
    char want[ISO_LEN];
    time_iso(t0 + 86400 + 90 * 60, want);
    assert_non_null(ts.alarm_at);
    assert_string_equal(ts.alarm_at, want);
    svc_sla_policies_changed(); /* the next test's database has none */
}

/* The change feed behind live updates: each change once, in order, within one second too
 * (times have seconds), and a notification marked for its agent */
static void change_feed_reports_each_change_once(void **state)
{
    fixture *f = *state;
    herr e;
    f->s.now = 1796115600;
    feed_cursor *c = calloc(1, sizeof *c);
    assert_int_equal(svc_feed_start(&f->s, c, &e), 0);
    feed_event *ev;
    int n;
    bool more;
    assert_int_equal(svc_feed_next(&f->s, c, &ev, &n, &more, &e), 0);
    assert_int_equal(n, 0);
    ticket_rec t = create(f, "Feed me", "feed@example.test", "Hello");
    assert_int_equal(svc_feed_next(&f->s, c, &ev, &n, &more, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(ev[0].kind, "message.created");
    assert_string_equal(ev[1].kind, "ticket.updated");
    assert_int_equal(ev[1].ticket_id, t.id);
    assert_false(more);
    /* a second change in the same second: reported, once */
    ticket_patch p = {.status = "pending"};
    ticket_rec after;
    assert_int_equal(svc_ticket_update(&f->s, t.id, &p, &after, &e), 0);
    assert_int_equal(svc_feed_next(&f->s, c, &ev, &n, &more, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].kind, "ticket.updated");
    assert_non_null(strstr(ev[0].data, "\"status\":\"pending\""));
    assert_int_equal(svc_feed_next(&f->s, c, &ev, &n, &more, &e), 0);
    assert_int_equal(n, 0);
    /* a mention: a message for everyone, a notification for Alex only */
    message_rec m;
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "note", "@alex have a look", &m, &e), 0);
    assert_int_equal(svc_feed_next(&f->s, c, &ev, &n, &more, &e), 0);
    int notes = 0;
    for (int i = 0; i < n; i++)
        if (!strcmp(ev[i].kind, "notification")) {
            notes++;
            assert_int_equal(ev[i].agent_id, f->agent.id);
        } else {
            assert_int_equal(ev[i].agent_id, 0);
        }
    assert_int_equal(notes, 1);
    free(c);
}

/* The team's notes on a customer: each changed field has its audit row; bad input changes nothing */
static void customer_profile_keeps_an_audit_row_per_change(void **state)
{
    fixture *f = *state;
    herr e;
    ticket_rec t = create(f, "Profile", "prof@example.test", "Hello");
    audit_rec *rows;
    int before, n;
    assert_int_equal(store_audit_list(f->d, &f->a, "customer", t.customer_id, &rows, &before, &e), 0);
    const char *tags[] = {"VIP", "Wholesale"};
    customer_profile p = {.set_tags = true, .tags = tags, .ntags = 2, .notes = "Call after four", .language = "de"};
    customer_rec c;
    assert_int_equal(svc_customer_profile(&f->s, t.customer_id, &p, &c, &e), 0);
    assert_string_equal(c.tags, "vip,wholesale");
    assert_int_equal(store_audit_list(f->d, &f->a, "customer", t.customer_id, &rows, &n, &e), 0);
    assert_int_equal(n, before + 3); /* tags, notes, language */
    customer_profile same = {.language = "de"};
    assert_int_equal(svc_customer_profile(&f->s, t.customer_id, &same, &c, &e), 0);
    assert_int_equal(store_audit_list(f->d, &f->a, "customer", t.customer_id, &rows, &n, &e), 0);
    assert_int_equal(n, before + 3); /* nothing changed: no row */
    customer_profile bad = {.notes = "fine", .language = "Deutsch"};
    assert_int_equal(svc_customer_profile(&f->s, t.customer_id, &bad, &c, &e), -1);
    assert_string_equal(e.field, "language");
    assert_int_equal(svc_customer_get(&f->s, t.customer_id, &c, &e), 1);
    assert_string_equal(c.notes, "Call after four");
}

/* Priority from the customer's side: the wait counts business hours of the ticket's SLA
 * calendar; each customer message adds a write and its cues; a reply ends the wait; a
 * correction of a misread message recounts the cues from the messages still unanswered */
static void attention_counts_business_hours_writes_and_corrections(void **state)
{
    fixture *f = *state;
    herr e;
    time_t t0 = 1796115600; /* Mon 2026-12-07 09:00 UTC */
    f->s.now = t0 - 40 * 86400;
    ticket_rec old = create(f, "Old order", "kim@example.test", "Where is my order?");
    message_rec m;
    assert_int_equal(svc_ticket_add_message(&f->s, old.id, "reply", "On its way.", &m, &e), 0);
    f->s.now = t0;
    calendar_in cal = {.name = "Office", .timezone = "UTC"};
    for (int d = 1; d <= 5; d++) {
        cal.open[d][0][0] = "09:00";
        cal.open[d][0][1] = "17:00";
        cal.nopen[d] = 1;
    }
    calendar_rec c;
    assert_int_equal(svc_calendar_save(&f->s, 0, &cal, &c, &e), 0);
    sla_policy_rec p;
    policy_in in = {.name = "Office hours", .calendar_id = c.id, .first_response = 480, .next_response = -1, .resolution = -1, .update = -1};
    assert_int_equal(svc_policy_save(&f->s, 0, &in, &p, &e), 0);
    ticket_rec t = create(f, "Still broken", "kim@example.test", "Could you look at my router?");
    attention a;
    assert_int_equal(svc_attention_of(&f->s, &t, &a, &e), 0);
    assert_int_equal(a.score, 0);
    assert_true(a.business_hours);
    assert_int_equal(a.cues, 0); /* the old ticket is 40 days old: not "another ticket in the last 30 days" */
    /* the second message, on Friday at 16:00 */
    f->s.now = t0 + 4 * 86400 + 7 * 3600;
    assert_int_equal(svc_ticket_customer_message(&f->s, t.id, "Hello? This is urgent, I have asked twice already.", &m, &e), 0);
    f->s.now = t0 + 7 * 86400 + 3600;
    assert_int_equal(svc_attention_of(&f->s, &t, &a, &e), 0);
    assert_int_equal(a.writes, 2);
    /* the coach's reading: asking again is also a complaint (we let them down), and worn down */
    assert_int_equal(a.cues, ATTENTION_FRUSTRATED | ATTENTION_URGENT | ATTENTION_COMPLAINT | ATTENTION_REPEAT);
    assert_int_equal(a.waited_minutes, 41 * 60); /* Mon 09:00 to the next Mon 10:00: five days of 8 hours, and one */
    assert_int_equal(a.score, 36 + 8 + 15 + 12 + 10 + 10);
    assert_string_equal(a.reasons[0], "waited 41 business hours");
    assert_string_equal(a.reasons[1], "wrote 2 times");
    /* the second message was not urgent after all: only the first is read again, and it is calm */
    message_rec *msgs;
    int n;
    assert_int_equal(svc_ticket_messages(&f->s, t.id, &msgs, &n, &e), 0);
    message_reading r;
    reading_fix fix = {.emotion = "neutral", .urgent = 0, .complaint = 0, .repeat_contact = 0};
    assert_int_equal(svc_reading_correct(&f->s, msgs[n - 1].id, &fix, &r, &e), 0);
    assert_true(r.corrected);
    assert_int_equal(svc_attention_of(&f->s, &t, &a, &e), 0);
    assert_int_equal(a.cues, 0);
    assert_int_equal(a.score, 36 + 8);
    /* a note changes nothing; a reply ends the wait */
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "note", "Checking the line.", &m, &e), 0);
    assert_int_equal(svc_attention_of(&f->s, &t, &a, &e), 0);
    assert_int_equal(a.writes, 2);
    assert_int_equal(svc_ticket_add_message(&f->s, t.id, "reply", "Fixed, sorry for the wait.", &m, &e), 0);
    assert_int_equal(svc_attention_of(&f->s, &t, &a, &e), 0);
    assert_int_equal(a.score, 0);
    assert_null(a.waiting_since);
    /* the correction is kept, and exported as a case */
    buf out;
    buf_init(&out, 256);
    assert_int_equal(svc_reading_export(&f->s, &out, &n, &e), 0);
    assert_int_equal(n, 1);
    buf_putc(&out, 0);
    assert_non_null(strstr(out.p, "\"expect\":{\"emotion\":\"neutral\",\"urgent\":false"));
    buf_free(&out);
    svc_sla_policies_changed();
}

static void attention_score_is_capped_and_explained(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    attention at;
    svc_attention_score(&a, ATTENTION_ANGRY | ATTENTION_FRUSTRATED | ATTENTION_URGENT | ATTENTION_COMPLAINT | ATTENTION_REPEAT |
                                ATTENTION_RETURNING,
                        9, 3000, false, &at);
    assert_int_equal(at.score, 100); /* 36 + 24 + 20 + 12 + 10 + 10 + 5, capped */
    assert_int_equal(at.nreasons, 7);
    assert_string_equal(at.reasons[0], "waited 50 hours");
    assert_string_equal(at.reasons[1], "wrote 9 times");
    assert_string_equal(at.reasons[2], "angry"); /* the worst emotion only */
    assert_string_equal(at.reasons[6], "another ticket in the last 30 days");
    svc_attention_score(&a, 0, 1, 59, true, &at);
    assert_int_equal(at.score, 2);
    assert_int_equal(at.nreasons, 1);
    assert_string_equal(at.reasons[0], "waited 59 business minutes");
    svc_attention_score(&a, ATTENTION_CONFUSED, 1, 61, true, &at);
    assert_string_equal(at.reasons[0], "waited 1 business hour");
    assert_int_equal(at.score, 3 + 5);
    arena_free(&a);
}

/* Snooze: on hold until a time; the customer writing ends it at once, the sweep at its time */
static void snooze_ends_when_the_customer_writes_or_its_time_comes(void **state)
{
    fixture *f = *state;
    herr e;
    time_t t0 = 1796115600; /* Tue 2026-12-01 09:00 UTC */
    f->s.now = t0;
    ticket_rec t = create(f, "Call me Monday", "mo@example.test", "Call me on Monday please."), out;
    assert_int_equal(svc_ticket_snooze(&f->s, t.id, "2026-12-02T09:00:00Z", &out, &e), 0);
    assert_string_equal(out.status, "on-hold");
    message_rec m;
    assert_int_equal(svc_ticket_customer_message(&f->s, t.id, "Actually, today works too.", &m, &e), 0);
    const char *until;
    assert_int_equal(svc_ticket_snoozed_until(&f->s, t.id, &until, &e), 0);
    assert_null(until);
    assert_int_equal(svc_ticket_get(&f->s, t.id, &out, &e), 0);
    assert_string_equal(out.status, "open");
    /* snoozed again: the sweep does nothing before its time, wakes it after */
    assert_int_equal(svc_ticket_snooze(&f->s, t.id, "2026-12-02T09:00:00Z", &out, &e), 0);
    int n;
    assert_int_equal(svc_ticket_snoozed_until(&f->s, t.id, &until, &e), 0);
    assert_non_null(until);
    assert_string_equal(until, "2026-12-02T09:00:00Z");
    assert_int_equal(svc_snooze_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 0);
    f->s.now = t0 + 86400 + 60;
    assert_int_equal(svc_snooze_sweep(&f->s, 10, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(svc_ticket_get(&f->s, t.id, &out, &e), 0);
    assert_string_equal(out.status, "open");
    assert_int_equal(svc_ticket_snooze(&f->s, t.id, "2026-12-01T09:00:00Z", &out, &e), -1); /* the past */
    assert_string_equal(e.field, "until");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrations_are_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(ticket_create_finds_customer_by_email_case_insensitively, setup, teardown),
        cmocka_unit_test_setup_teardown(invalid_ticket_input_is_refused_and_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(first_reply_opens_ticket_and_sets_first_response, setup, teardown),
        cmocka_unit_test_setup_teardown(status_changes_keep_solved_at_true_and_closed_is_final, setup, teardown),
        cmocka_unit_test_setup_teardown(owner_must_be_an_active_agent_and_change_is_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(tags_are_lowercased_and_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(list_pages_through_every_ticket_once, setup, teardown),
        cmocka_unit_test_setup_teardown(search_finds_words_from_subject_and_replies, setup, teardown),
        cmocka_unit_test_setup_teardown(search_needs_every_word_anywhere_in_the_ticket, setup, teardown),
        cmocka_unit_test_setup_teardown(migration_8_moves_the_old_index, setup, teardown),
        cmocka_unit_test_setup_teardown(filters_by_owner_and_status, setup, teardown),
        cmocka_unit_test_setup_teardown(login_sessions_and_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(agents_and_teams_need_an_admin_and_unique_names, setup, teardown),
        cmocka_unit_test_setup_teardown(customer_message_reopens_a_solved_ticket, setup, teardown),
        cmocka_unit_test_setup_teardown(changes_since_a_version_are_the_later_changes_only, setup, teardown),
        cmocka_unit_test_setup_teardown(sla_alarm_fires_once_then_rests, setup, teardown),
        cmocka_unit_test_setup_teardown(change_feed_reports_each_change_once, setup, teardown),
        cmocka_unit_test_setup_teardown(customer_profile_keeps_an_audit_row_per_change, setup, teardown),
        cmocka_unit_test_setup_teardown(attention_counts_business_hours_writes_and_corrections, setup, teardown),
        cmocka_unit_test(attention_score_is_capped_and_explained),
        cmocka_unit_test_setup_teardown(snooze_ends_when_the_customer_writes_or_its_time_comes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
