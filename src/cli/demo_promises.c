/* heed demo's promises: each made through the service at a moment in the past (svc.now), so
 * its timers fall due as a real day's would: heed serve's first pass fires what is overdue. */
#include <string.h>
#include "cli/demo_promises.h"
#include "service/svc_kb.h"
#include "service/svc_macros.h"
#include "service/svc_goodwill.h"
#include "service/svc_handoffs.h"
#include "service/svc_incidents.h"
#include "service/svc_sla.h"

enum { ADA, SAM, ALEX, PRIYA, JORDAN };

/* acts as agent `who` from now on (static: s outlives any one call's locals) */
static agent_rec people[5];
static int as(svc *s, const long long *ids, int who, agent_rec *a, herr *e)
{
    if (svc_agent_get(s, ids[who], &people[who], e) != 1) return -1;
    s->actor = &people[who];
    if (a) *a = people[who];
    return 0;
}

/* a ticket from a customer `ago` seconds ago, owned by `owner` */
static int ticket(svc *s, const long long *ids, int owner, long long ago, const char *subject, const char *email,
                  const char *name, const char *message, long long *id, herr *e)
{
    time_t now = svc_clock();
    s->actor = NULL;
    s->now = now - ago;
    ticket_new in = {.subject = subject, .customer_email = email, .customer_name = name, .message = message, .channel = "web"};
    ticket_rec t;
    if (svc_ticket_create(s, &in, &t, e)) return -1;
    ticket_patch p = {.set_owner = true, .owner_id = ids[owner]};
    if (svc_ticket_update(s, t.id, &p, &t, e)) return -1;
    *id = t.id;
    return 0;
}

static int say(svc *s, const long long *ids, int who, long long ago, long long id, const char *kind, const char *body, herr *e)
{
    agent_rec a;
    message_rec m;
    if (as(s, ids, who, &a, e)) return -1;
    s->now = svc_clock() - ago;
    int rc = svc_ticket_add_message(s, id, kind, body, &m, e);
    s->actor = NULL;
    return rc;
}

/* SLAs: office hours for most work, around the clock for urgent; one urgent ticket at risk
 * and one breached (its timer tells Sam when heed serve starts) */
static int demo_sla(svc *s, const long long *ids, herr *e)
{
    agent_rec a;
    if (as(s, ids, ADA, &a, e)) return -1;
    s->now = 0;
    calendar_in office = {.name = "Business hours", .timezone = "Europe/London"};
    static const char *holidays[] = {"2026-12-25", "2026-12-26", "2027-01-01"};
    for (int d = 1; d <= 5; d++) {
        office.open[d][0][0] = "09:00";
        office.open[d][0][1] = "17:00";
        office.nopen[d] = 1;
    }
    office.holidays = holidays;
    office.nholidays = 3;
    calendar_rec cal;
    sla_policy_rec p;
    static const char *urgent[] = {"urgent"};
    policy_in u = {.name = "Urgent, around the clock", .priority = urgent, .npriority = 1, .first_response = 60,
                   .next_response = 60, .resolution = 480, .update = 120};
    if (svc_calendar_save(s, 0, &office, &cal, e) || svc_policy_save(s, 0, &u, &p, e)) return -1;
    policy_in standard = {.name = "Standard", .first_response = 480, .next_response = 480, .resolution = 2400,
                          .update = 1440, .calendar_id = cal.id};
    if (svc_policy_save(s, 0, &standard, &p, e)) return -1;
    long long t;
    s->actor = NULL;
    s->now = svc_clock() - 50 * 60; /* 50 of 60 minutes gone: at risk */
    ticket_new at_risk = {.subject = "Checkout fails for every customer", .customer_email = "ops@bakery-lund.example",
                          .customer_name = "Elin Berg", .priority = "urgent", .channel = "web",
                          .message = "Since 10 minutes ago no customer can pay in our web shop. We lose orders every minute."};
    ticket_rec tr;
    if (svc_ticket_create(s, &at_risk, &tr, e)) return -1;
    t = tr.id;
    ticket_patch own = {.set_owner = true, .owner_id = ids[ALEX]};
    if (svc_ticket_update(s, t, &own, &tr, e)) return -1;
    s->now = svc_clock() - 3 * 3600; /* three hours without an answer: breached */
    ticket_new breached = {.subject = "All our invoices show the wrong company name", .customer_email = "finance@nordlicht.example",
                           .customer_name = "Jonas Weber", .priority = "urgent", .channel = "web",
                           .message = "Every invoice generated today shows another company's name. We cannot send them out."};
    if (svc_ticket_create(s, &breached, &tr, e)) return -1;
    /* an incident: the checkout outage; Sofia's ticket linked and told, Raj's suggested by its words */
    s->now = svc_clock() - 40 * 60;
    ticket_new more = {.subject = "Payment declined at checkout", .customer_email = "sofia.marin@example.com",
                       .customer_name = "Sofia Marin", .channel = "email",
                       .message = "My card works everywhere else but your checkout payment page keeps failing."};
    ticket_rec second, third;
    if (svc_ticket_create(s, &more, &second, e)) return -1;
    s->now = svc_clock() - 20 * 60;
    ticket_new also = {.subject = "Can't complete my order", .customer_email = "raj.patel@example.com", .customer_name = "Raj Patel",
                       .channel = "web", .message = "The checkout spins and then says the payment could not be processed."};
    if (svc_ticket_create(s, &also, &third, e)) return -1;
    if (as(s, ids, SAM, &a, e)) return -1;
    s->now = svc_clock() - 15 * 60;
    incident_rec inc;
    long long link[] = {second.id};
    int linked;
    incident_update_rec up;
    if (svc_incident_create(s, "checkout payment failing", &inc, e) || svc_incident_link(s, inc.id, link, 1, &linked, e))
        return -1;
    s->now = svc_clock() - 10 * 60;
    if (svc_incident_update(s, inc.id, "Our payment provider is having an outage, so checkout payments fail for everyone "
                                       "right now. Nothing was charged. We will write again within the hour.", false, &up, e))
        return -1;
    s->now = 0;
    s->actor = NULL;
    return 0;
}

int demo_promises(svc *s, const long long *ids, herr *e)
{
    if (demo_sla(s, ids, e)) return -1;
    long long t1, t2, t3, t4, t5;
    agent_rec a;
    handoff_rec h;
    /* overdue: Jordan promised a call within two hours, five and a half hours ago */
    if (ticket(s, ids, JORDAN, 6 * 3600, "Router keeps dropping the connection", "marco.rossi@example.com", "Marco Rossi",
               "Since yesterday my router drops the connection every twenty minutes. I work from home and this is "
               "costing me meetings.", &t1, e) ||
        say(s, ids, JORDAN, 5 * 3600 + 1800, t1, "reply",
            "Hi Marco, I'm sorry, that is disruptive when you work from home. I will call you back within 2 hours to "
            "go through the line test together.", e))
        return -1;
    /* due soon: Priya promised a confirmation within four hours, nearly three hours ago */
    if (ticket(s, ids, PRIYA, 3 * 3600, "Charged twice for November", "aiko.tanaka@example.com", "Aiko Tanaka",
               "I was charged twice for my November subscription. Can you refund one of them?", &t2, e) ||
        say(s, ids, PRIYA, 2 * 3600 + 50 * 60, t2, "reply",
            "Hi Aiko, you're right, I can see both charges. I've started the refund of the second one and I will "
            "email you the confirmation within 4 hours.", e))
        return -1;
    /* vague: Alex will "look into it": due at the end of the next business day, marked vague */
    if (ticket(s, ids, ALEX, 2 * 3600, "Export to CSV leaves out archived projects", "olu.adeyemi@example.com",
               "Olu Adeyemi", "When I export my projects to CSV the archived ones are missing. Is that on purpose?", &t3, e) ||
        say(s, ids, ALEX, 3600, t3, "reply",
            "Hi Olu, good catch, that doesn't look intended. I'll look into the export with our developers and get "
            "back to you.", e))
        return -1;
    /* a hand-off waiting for Priya, with the note that lets her pick it up without asking */
    if (ticket(s, ids, ALEX, 90 * 60, "VAT number missing on invoices", "hanna.berg@example.com", "Hanna Berg",
               "Our VAT number does not appear on our invoices since we changed plans. Our accountant needs it.", &t4, e) ||
        say(s, ids, ALEX, 80 * 60, t4, "reply",
            "Hi Hanna, thanks for flagging this. I'm checking with billing why the VAT number dropped off.", e) ||
        as(s, ids, ALEX, &a, e))
        return -1;
    s->now = svc_clock() - 20 * 60;
    if (svc_handoff_request(s, t4, ids[PRIYA],
                            "Billing issue: VAT number dropped off invoices after the plan change. I told Hanna we're "
                            "checking with billing; nothing promised on timing. She's matter-of-fact, her accountant is waiting.",
                            &h, e))
        return -1;
    /* passed around: three hand-offs, and Sam (the supervisor) was told */
    if (ticket(s, ids, ALEX, 26 * 3600, "Cannot add a second admin", "rania.aziz@example.com", "Rania Aziz",
               "I want to make my colleague an admin too but the option is greyed out.", &t5, e))
        return -1;
    const int chain[][2] = {{ALEX, JORDAN}, {JORDAN, PRIYA}, {PRIYA, ALEX}};
    for (int i = 0; i < 3; i++) {
        if (as(s, ids, chain[i][0], &a, e)) return -1;
        s->now = svc_clock() - (25 - 6 * i) * 3600;
        if (svc_handoff_request(s, t5, ids[chain[i][1]],
                                "Admin roles need the Team plan; I checked her plan and it is Team, so it should work. "
                                "Not solved yet; she is patient so far.", &h, e))
            return -1;
        agent_rec to;
        if (as(s, ids, chain[i][1], &to, e)) return -1;
        s->now += 1800;
        if (svc_handoff_accept(s, h.id, &h, e)) return -1;
    }
    /* goodwill: Jordan makes the late call-back right at once (within his limit); Marco's
     * answer shows beside it; Alex's refund above his limit waits for Sam */
    goodwill_rec g;
    message_rec said;
    if (as(s, ids, JORDAN, &a, e)) return -1;
    s->now = svc_clock() - 2 * 3600;
    if (svc_goodwill_grant(s, t1, "credit", 1500, svc_goodwill_currency(),
                           "I missed the call-back I promised; a month's line rental back", &g, e))
        return -1;
    s->actor = NULL;
    s->now = svc_clock() - 100 * 60;
    if (svc_ticket_customer_message(s, t1, "Thanks for the credit, that's decent of you. The line test can wait until "
                                           "tomorrow morning if that's easier.", &said, e))
        return -1;
    if (as(s, ids, ALEX, &a, e)) return -1;
    s->now = svc_clock() - 10 * 60;
    if (svc_goodwill_grant(s, t4, "refund", 25000, svc_goodwill_currency(),
                           "Three months of invoices her accountant cannot use; refund one month", &g, e))
        return -1;
    /* a mention: Sam asks Alex in a note; Alex's bell shows it */
    if (say(s, ids, SAM, 15 * 60, t3, "note", "@alex this looks like the export bug from last month: worth checking the "
                                              "archived flag first.", e))
        return -1;
    /* the customer panel: what the team keeps on Marco (tags, notes, his language) */
    ticket_rec t1r;
    const char *marco_tags[] = {"home-office", "long-standing"};
    customer_profile marco = {.set_tags = true, .tags = marco_tags, .ntags = 2, .language = "it",
                              .notes = "Works from home on a fibre line; prefers a call to email. Line test needs the router in reach."};
    customer_rec cr;
    if (as(s, ids, JORDAN, &a, e) || svc_ticket_get(s, t1, &t1r, e) || svc_customer_profile(s, t1r.customer_id, &marco, &cr, e))
        return -1;
    /* macros: the team's saved replies (Sam shares them), one the coach would have written
     * differently (shown on /macros), and one of Alex's own */
    const char *refund_tags[] = {"refund"};
    const macro_in macros[] = {
        {.name = "Refund started", .shared = true, .set_status = "pending", .add_tags = refund_tags, .nadd_tags = 1,
         .body = "Hi {{customer.first_name}},\n\nI'm sorry for the trouble. I have started your refund today; it reaches "
                 "your account within 5 working days, and I will check on Friday that it has.\n\nBest,\n{{agent.first_name}}"},
        {.name = "I'm on it", .shared = true, .take = true,
         .body = "Hi {{customer.first_name}},\n\nThank you for your patience. I have taken ticket #{{ticket.id}} myself and "
                 "I will write to you again by tomorrow at noon with what I find.\n\n{{agent.name}}"},
        {.name = "Courier delay (old wording)", .shortcut = "courier-old", .shared = true,
         .body = "Unfortunately that is not our department. You need to contact the courier."},
    };
    macro_rec mr;
    if (as(s, ids, SAM, &a, e)) return -1;
    for (size_t i = 0; i < sizeof macros / sizeof macros[0]; i++)
        if (svc_macro_save(s, 0, &macros[i], &mr, e)) return -1;
    macro_in mine = {.name = "Export bug: workaround",
                     .body = "Hi {{customer.first_name}},\n\nUntil the fix ships, unarchive the projects you need, export, "
                             "and archive them again. I'll tell you as soon as the fix is live."};
    if (as(s, ids, ALEX, &a, e) || svc_macro_save(s, 0, &mine, &mr, e)) return -1;
    /* the knowledge base: public answers (also at /help) and one for agents only */
    static const kb_in articles[] = {
        {.title = "Why was I charged twice?", .category = "Billing", .visibility = "public", .state = "published",
         .body = "Sometimes a payment shows **twice** on your card statement.\n\n"
                 "1. A *pending* authorisation can stay visible for a few days after the real charge. It drops off by itself.\n"
                 "2. If both charges are *settled*, write to us with the dates: we refund the second one the same day.\n\n"
                 "Refunds reach your account within 5 working days."},
        {.title = "My router keeps dropping the connection", .category = "Connection", .visibility = "public", .state = "published",
         .body = "If your router drops the connection every few minutes:\n\n"
                 "- Restart the router and wait two minutes.\n- Check that the fibre cable is firmly in.\n"
                 "- Run the line test under *Settings → Line test* and send us its code.\n\n"
                 "We can run a deeper line test with you by phone."},
        {.title = "Exporting projects to CSV", .category = "Account", .visibility = "public", .state = "published",
         .body = "Go to *Projects → Export*. The export includes active projects; to export archived projects, "
                 "unarchive them first and archive them again afterwards."},
        {.title = "Refunds: what you may grant without asking", .category = "Billing", .visibility = "internal", .state = "published",
         .body = "Refund a **double charge** at once, without asking. Goodwill credits up to your limit are yours to give "
                 "(see /goodwill). Above it, ask a supervisor in the ticket."},
    };
    kb_article_rec kr;
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++)
        if (svc_kb_save(s, 0, &articles[i], &kr, e)) return -1;
    s->now = 0;
    s->actor = NULL;
    return 0;
}
