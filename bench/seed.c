/* bench/seed: fills a benchmark database with N tickets through the service
 * layer (the same svc_ticket_create / svc_ticket_add_message that the API
 * calls), so the data has the real shape: customers found or created by
 * email, one customer message each, an agent reply on every fourth ticket, a
 * full-text index row and audit rows. No SQL of its own.
 * Unless BENCH_SLA=0, SLAs are on first (issue 10 asks for the write figures "with SLAs and
 * commitments on"): an office-hours calendar and two policies, so every ticket has a clock
 * and its timer, and every reply moves them.
 *
 * usage: seed DB N AGENT_ID      (the database must exist and be migrated,
 *                                 the agent must exist: bench/run.sh does both)
 * Built by bench/run.sh against the objects of build/rel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "service/service.h"
#include "service/svc_sla.h"
#include "store/db.h"

static const char *const subjects[] = {
    "Charged twice for my order", "Parcel has not arrived", "How do I export my invoices?",
    "App crashes when I open settings", "Cancel my subscription", "Wrong size delivered",
    "Password reset email never arrives", "Question about data retention", "Invoice shows wrong VAT number",
    "Cannot log in after the update",
};
static const char *const bodies[] = {
    "Hi, I was charged twice for the same order on my Visa. Can you refund the duplicate charge? Thanks.",
    "My parcel was due last Monday and the tracking hasn't moved in a week. Please tell me where it is.",
    "Hello, could you tell me how to export all invoices from last year as PDF? Our accountant needs them.",
    "Since the update yesterday the app closes as soon as I tap Settings. Android 14, Pixel 7. Reinstalled twice.",
    "After entering my password the portal says the session expired. I tried two browsers and cleared cookies.",
};
static const char *const priorities[] = {"low", "normal", "normal", "high", "urgent"};
static const char *const channels[] = {"email", "web", "api", "phone", "chat"};

/* a calendar (Mon-Fri 09:00-17:00, Europe/London) and two policies: urgent tickets, everyone else */
static int sla_on(svc *s, long long agent_id, herr *e)
{
    agent_rec admin = {.id = agent_id, .name = "bench", .role = "admin"};
    const agent_rec *was = s->actor;
    s->actor = &admin;
    calendar_in cal = {.name = "Office hours", .timezone = "Europe/London"};
    for (int d = 1; d <= 5; d++) cal.open[d][0][0] = "09:00", cal.open[d][0][1] = "17:00", cal.nopen[d] = 1;
    calendar_rec c;
    sla_policy_rec p;
    const char *urgent[] = {"urgent"};
    policy_in fast = {.name = "Urgent", .priority = urgent, .npriority = 1, .first_response = 60, .next_response = 60,
                      .resolution = 480, .update = 240};
    policy_in rest = {.name = "Everyone else", .first_response = 240, .next_response = 120, .resolution = 2880, .update = 600};
    int rc = svc_calendar_save(s, 0, &cal, &c, e);
    fast.calendar_id = rest.calendar_id = rc ? 0 : c.id;
    rc = rc || svc_policy_save(s, 0, &fast, &p, e) || svc_policy_save(s, 0, &rest, &p, e);
    s->actor = was;
    return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: seed DB N AGENT_ID\n");
        return 2;
    }
    long n = atol(argv[2]);
    long long agent_id = atoll(argv[3]);
    db *d;
    herr e;
    if (db_open(argv[1], &d, &e)) {
        fprintf(stderr, "seed: %s\n", e.message);
        return 1;
    }
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    agent_rec agent;
    if (svc_agent_get(&s, agent_id, &agent, &e) != 1) { /* a lookup: 1 found, 0 not, -1 error */
        fprintf(stderr, "seed: no agent %lld\n", agent_id);
        return 1;
    }
    const char *sla = getenv("BENCH_SLA");
    if (!(sla && !strcmp(sla, "0")) && sla_on(&s, agent_id, &e)) {
        fprintf(stderr, "seed: SLA policies: %s\n", e.message);
        return 1;
    }
    /* the agent record lives in its own arena: the per-ticket one is reset */
    arena ticket_arena;
    arena_init(&ticket_arena);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        char email[64], name[64], subject[128];
        long cust = i % 20000; /* 20,000 customers, five tickets each */
        snprintf(email, sizeof email, "customer%ld@example.test", cust);
        snprintf(name, sizeof name, "Customer %ld", cust);
        snprintf(subject, sizeof subject, "%s (case %ld)", subjects[i % 10], i);
        ticket_new in = {.subject = subject, .customer_email = email, .customer_name = name,
                         .message = bodies[i % 5], .priority = priorities[i % 5], .channel = channels[(i / 5) % 5]};
        ticket_rec t;
        s.a = &ticket_arena;
        s.actor = NULL;
        if (svc_ticket_create(&s, &in, &t, &e)) {
            fprintf(stderr, "seed: ticket %ld: %s\n", i, e.message);
            return 1;
        }
        if (i % 4 == 0) {
            message_rec m;
            s.actor = &agent;
            if (svc_ticket_add_message(&s, t.id, "reply", "Thanks for writing in, we are looking into it now.", &m, &e)) {
                fprintf(stderr, "seed: reply on %lld: %s\n", t.id, e.message);
                return 1;
            }
        }
        arena_reset(&ticket_arena);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("seeded %ld tickets in %.1f s (%.0f tickets/s, single writer, one transaction each)\n", n, secs, (double)n / secs);
    arena_free(&ticket_arena);
    arena_free(&a);
    db_close(d);
    return 0;
}
