/* heed demo: a demo team and about forty tickets from varied customers, in
 * varied states and moods, so a new user sees heed at work. Refuses to touch
 * a database that already has agents, so `make run` keeps existing data. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/config.h"
#include "cli/demo_mail.h"
#include "service/service.h"
#include "service/svc_commitments.h"
#include "cli/demo_promises.h"
#include "store/db.h"
#include "util/timeutil.h"

#define DEMO_PASSWORD "heed-demo-2026"

static const struct demo_agent {
    const char *email, *name, *role, *team, *tz; /* tz: the live coach promises in it */
} agents[] = {
    {"ada@heed.test", "Ada Okafor", "admin", NULL, "Europe/London"},
    {"sam@heed.test", "Sam Lindqvist", "supervisor", "Support", "Europe/Stockholm"},
    {"alex@heed.test", "Alex Moreau", "agent", "Support", "Europe/London"},
    {"priya@heed.test", "Priya Raman", "agent", "Billing", "Asia/Kolkata"},
    {"jordan@heed.test", "Jordan Ellis", "agent", "Support", "America/New_York"},
};

/* customers who write again after our reply: the live coach marks a question an earlier reply
 * answered as "Answered earlier" (issue 12, the whole thread) */
static const struct { const char *subject, *text; } followups[] = {
    {"How do I export my invoices?", "Sorry, where do I download the 2025 invoices again? And can our accountant get her own login?"},
};

static const char *followup_of(const char *subject)
{
    for (size_t i = 0; i < sizeof followups / sizeof followups[0]; i++)
        if (!strcmp(followups[i].subject, subject)) return followups[i].text;
    return NULL;
}

/* owner: index into agents, or -1; hours: how long ago it was last touched */
static const struct demo_ticket {
    const char *email, *name, *subject, *message, *channel, *priority, *status;
    int owner, hours;
    const char *tags, *reply, *note;
} tickets[] = {
    {"maria.gonzalez@example.com", "María González", "Charged twice for my order #48213",
     "Hi, I was charged twice for the same order (#48213) on my Visa. Can you refund the duplicate charge? I've attached nothing because I can't find where to upload the statement.",
     "email", "high", "open", 3, 2, "billing refund", "Hi María, I'm sorry about the double charge, that's not the experience we want you to have. I can see both payments and I've started the refund for the duplicate; you'll see it within 3-5 working days.", NULL},
    {"tom.becker@example.de", "Tom Becker", "Still no parcel after 12 days!!!",
     "This is the THIRD time I'm writing. My parcel was due last Monday and the tracking hasn't moved in a week. Nobody answers. I want my money back if it doesn't arrive by Friday.",
     "email", "urgent", "new", -1, 1, "shipping late-delivery", NULL, NULL},
    {"aiko.tanaka@example.jp", "Aiko Tanaka", "How do I export my invoices?",
     "Hello, could you tell me how to export all invoices from 2025 as PDF? Our accountant needs them by the end of the month. Thank you!",
     "web", "normal", "open", 3, 20, "billing how-to", "Hi Aiko, happy to help! Go to Billing → Invoices, choose 2025 in the year filter and press “Download all”. You'll get one ZIP with every PDF. Does that cover what your accountant needs?", NULL},
    {"d.okonkwo@example.ng", "David Okonkwo", "App crashes when I open settings",
     "Since the update yesterday the app closes as soon as I tap Settings. Android 14, Pixel 7. I've reinstalled it twice.",
     "email", "high", "open", 2, 5, "bug android", NULL, "Reproduced on a Pixel 7 emulator. Filed ENG-2211, linked here."},
    {"claire.dubois@example.fr", "Claire Dubois", "Thank you for the quick fix",
     "Just wanted to say thanks to Jordan, the sync works perfectly now. Really appreciate the follow-up call.",
     "email", "low", "solved", 4, 50, "kudos", "Thank you so much, Claire! I'll pass this on to the team. Have a lovely week.", NULL},
    {"raj.patel@example.co.uk", "Raj Patel", "Cancel my subscription",
     "Please cancel my subscription effective immediately. I'm not using it anymore.",
     "web", "normal", "new", -1, 4, "cancellation", NULL, NULL},
    {"sofia.rossi@example.it", "Sofia Rossi", "Wrong size delivered",
     "I ordered the blue jacket in M and received an L. Can I swap it? I need it for a trip next Thursday.",
     "email", "high", "open", 2, 6, "returns exchange", NULL, NULL},
    {"noah.smith@example.com", "Noah Smith", "Password reset email never arrives",
     "I've tried to reset my password five times and no email comes. Checked spam. I'm locked out and need to file a report today.",
     "web", "urgent", "open", 4, 1, "login", NULL, NULL},
    {"li.wei@example.cn", "Li Wei", "Question about data retention",
     "Our compliance team asks how long you keep deleted customer records, and whether backups are encrypted. Could you point me to the policy?",
     "email", "normal", "on-hold", 1, 70, "security compliance", "Hello Li, thanks for asking. I've asked our security lead for the exact retention figures and will write back by Thursday with the policy document.", "Waiting for the security team (asked in #sec)."},
    {"emma.johnson@example.com", "Emma Johnson", "Love the new dashboard",
     "Just a note that the new dashboard is fantastic. The weekly summary saves me an hour every Monday.",
     "web", "low", "closed", 2, 200, "feedback kudos", "That's wonderful to hear, Emma, thank you! I've shared your note with the product team.", NULL},
    {"k.nowak@example.pl", "Krzysztof Nowak", "Invoice shows wrong VAT number",
     "The VAT number on invoice INV-2231 is our old one. We need a corrected invoice for our records.",
     "email", "normal", "open", 3, 9, "billing invoice", NULL, NULL},
    {"fatima.zahra@example.ma", "Fatima Zahra", "I'm really worried about my booking",
     "I booked flights for my mother for the 3rd but the confirmation email says the 30th. She is elderly and can't travel alone on another date. Please help, I'm really anxious about this.",
     "email", "urgent", "new", -1, 2, "travel booking", NULL, NULL},
    {"ben.carter@example.com", "Ben Carter", "API rate limit too low",
     "We're hitting 429s on the orders endpoint at around 50 requests per second. Is there a higher tier or can the limit be raised for our account?",
     "api", "normal", "pending", 2, 30, "api", "Hi Ben, thanks for the details. Your plan allows 40 req/s; I've asked for a temporary raise to 100 while we look at the Scale plan with you. I'll confirm by tomorrow noon.", NULL},
    {"olga.ivanova@example.ru", "Olga Ivanova", "Refund not received",
     "You promised a refund two weeks ago and I still haven't got it. This is unacceptable.",
     "email", "high", "open", 3, 8, "billing refund", NULL, "Refund stuck in payment provider queue; escalated to finance."},
    {"lucas.silva@example.br", "Lucas Silva", "Can't add a second user",
     "When I invite my colleague the button is greyed out. Do I need a different plan?",
     "web", "normal", "solved", 4, 90, "accounts", "Hi Lucas, yes: the Starter plan has one seat. I've turned on a 14-day trial of Team for you so you can invite your colleague right away.", NULL},
    {"hannah.m@example.com", "Hannah Müller", "Meter reading looks wrong",
     "My electricity bill says I used 1,240 kWh last month. That's three times the usual. We were on holiday for two weeks!",
     "phone", "high", "open", 1, 12, "utilities billing", NULL, NULL},
    {"george.brown@example.com", "George Brown", "Where is my order?",
     "Order 55120. Tracking says delivered but it's not here.",
     "email", "high", "new", -1, 3, "shipping", NULL, NULL},
    {"amara.obi@example.com", "Amara Obi", "Appointment reminder texts in the wrong language",
     "The clinic reminders come in Spanish but my profile is set to English. Minor but confusing for my dad.",
     "web", "low", "open", 4, 26, "health notifications", NULL, NULL},
    {"pierre.l@example.fr", "Pierre Laurent", "Roaming not working in Canada",
     "I'm in Toronto for work and have no data although I bought the roaming pack. I need it for meetings tomorrow.",
     "chat", "urgent", "open", 2, 1, "telecom roaming", NULL, NULL},
    {"yuki.s@example.jp", "Yuki Sato", "Feature request: dark mode",
     "Would love a dark mode for the web app. My eyes get tired in the evening.",
     "web", "low", "on-hold", -1, 300, "feature-request", NULL, NULL},
    {"mohammed.ali@example.ae", "Mohammed Ali", "Card declined but money taken",
     "My card was declined at checkout but the amount is pending on my account. Did the order go through or not?",
     "email", "high", "pending", 3, 14, "billing payments", "Hi Mohammed, I understand how worrying that is. The order did not go through; the pending amount is only a hold and your bank releases it within 48 hours. I'll check back with you on Friday to make sure it's gone.", NULL},
    {"sarah.k@example.com", "Sarah Kim", "Mobile app login loop",
     "After the update I log in and it sends me back to the login page. iPhone 15, iOS 18.",
     "email", "high", "open", 2, 7, "bug ios login", NULL, NULL},
    {"j.andersson@example.se", "Johan Andersson", "Upgrade to annual billing",
     "We'd like to switch to annual billing for the discount. Can you do that from the next cycle?",
     "email", "normal", "solved", 3, 120, "billing", "Hi Johan, done! From your next cycle on the 1st you'll be billed annually with the 15% discount.", NULL},
    {"grace.lee@example.com", "Grace Lee", "Disappointed with support",
     "I waited 40 minutes on the phone yesterday and got disconnected. Honestly disappointed, I've been a customer for six years.",
     "phone", "high", "new", -1, 5, "complaint", NULL, NULL},
    {"ivan.petrov@example.bg", "Ivan Petrov", "Two-factor codes delayed",
     "SMS codes for two-factor arrive after they expire. Could you enable an authenticator app option?",
     "web", "normal", "open", 4, 33, "security login", NULL, NULL},
    {"nina.h@example.no", "Nina Hansen", "Hotel booking changed without notice",
     "My hotel in Lisbon was changed to a different one 20 km away. Nobody asked me. I want the original hotel or a refund.",
     "email", "urgent", "open", 1, 2, "travel complaint", NULL, NULL},
    {"omar.h@example.eg", "Omar Hassan", "How to change the billing address?",
     "Where can I change the billing address on my account? The form doesn't save.",
     "web", "normal", "pending", 3, 40, "billing how-to", "Hi Omar, thanks for flagging this. It's a bug in the form when the postcode has a space; I've fixed your address by hand. Could you check it looks right now?", NULL},
    {"chloe.w@example.au", "Chloe Wilson", "Broadband slow every evening",
     "Every evening from 7pm my speed drops to 2 Mbps. I pay for 100. This has been going on for a month.",
     "phone", "high", "open", 4, 18, "telecom broadband", NULL, NULL},
    {"peter.j@example.com", "Peter Jones", "Thanks!",
     "All sorted, thanks a lot for your help.",
     "email", "low", "solved", 2, 60, "kudos", "You're very welcome, Peter!", NULL},
    {"ana.costa@example.pt", "Ana Costa", "Prescription refill not sent to pharmacy",
     "My refill request was approved in the app but the pharmacy says they have nothing. I run out on Sunday.",
     "web", "urgent", "new", -1, 2, "health pharmacy", NULL, NULL},
    {"william.t@example.com", "William Taylor", "Bank transfer reference missing",
     "I paid invoice INV-3302 by bank transfer but forgot the reference. Can you match it? £240 from W TAYLOR on the 14th.",
     "email", "normal", "open", 3, 22, "billing payments", NULL, NULL},
    {"zoe.m@example.com", "Zoe Martin", "Confused by the new pricing",
     "I don't understand the new pricing page. Am I paying per seat or per workspace now? And what happens to my current plan?",
     "web", "normal", "new", -1, 6, "billing pricing", NULL, NULL},
    {"ahmed.k@example.com", "Ahmed Khan", "Data export failed",
     "The CSV export fails with “Something went wrong” for the date range Jan–Jun. Smaller ranges work.",
     "api", "normal", "open", 2, 28, "bug export", NULL, "Likely the 100k row limit on exports. Checking with eng."},
    {"isabel.r@example.es", "Isabel Ruiz", "Delivery to the wrong address",
     "The courier delivered to number 18 instead of 81. The neighbour is away. What can you do?",
     "email", "high", "on-hold", 4, 48, "shipping", "Hi Isabel, I'm sorry for the mix-up. I've opened a claim with the courier and they'll collect the parcel on Monday; if that fails I'll send a replacement the same day.", NULL},
    {"mark.d@example.com", "Mark Davies", "Account locked after travel",
     "Your fraud system locked my account while I'm abroad. I can't pay for my hotel. Please unlock it urgently.",
     "phone", "urgent", "open", 1, 1, "banking security", NULL, NULL},
    {"elena.v@example.gr", "Elena Vlachou", "Request for accessibility options",
     "Is there a way to increase the font size in the customer portal? My screen reader also skips the menu.",
     "web", "normal", "open", 4, 15, "accessibility", NULL, NULL},
    {"samuel.a@example.gh", "Samuel Asante", "Subscription renewed without warning",
     "I was charged for another year without any reminder email. I'd like a refund, I stopped using the service months ago.",
     "email", "high", "new", -1, 7, "billing refund complaint", NULL, NULL},
    {"julia.f@example.at", "Julia Fischer", "Great onboarding session",
     "Thank you Alex for the onboarding call today. Clear, patient, and we're already up and running.",
     "email", "low", "closed", 2, 150, "kudos onboarding", "Thank you Julia, it was a pleasure! Shout if anything comes up.", NULL},
    {"tariq.n@example.com", "Tariq Nasser", "Webhook signatures failing",
     "Our webhook verification fails since yesterday. Did you rotate the signing secret?",
     "api", "high", "open", 2, 4, "api webhooks", NULL, NULL},
    {"rosa.p@example.mx", "Rosa Pérez", "Can I pause my plan?",
     "I'm on maternity leave for six months. Can I pause my plan instead of cancelling?",
     "web", "normal", "pending", 4, 36, "billing", "Congratulations, Rosa! Yes, you can pause for up to six months. I've set the pause from the 1st; you won't be charged until you come back.", NULL},
};

/* the file María's reply carries: written through the spool, as an upload would be */
static const char REFUND_NOTE[] =
    "Refund confirmation\n"
    "===================\n"
    "Order:        #48213\n"
    "Customer:     María González\n"
    "Duplicate charge refunded: EUR 89.90 to Visa ending 4417\n"
    "Expected on the statement within 3-5 working days.\n";

static int demo_reply_with_file(svc *s, long long ticket_id, const char *body, herr *e)
{
    const char *dir = svc_mail_spool_dir(s, e);
    if (!dir) return -1;
    svc_spool *sp = svc_spool_open(dir);
    if (!sp) return HERR_INTERNAL(e, "cannot write a file in %s", dir);
    svc_spool_write(sp, REFUND_NOTE, sizeof REFUND_NOTE - 1);
    mail_attach_in file = {.filename = "refund-48213.txt", .content_type = "text/plain"};
    if (!svc_spool_close(sp, s->a, &file)) return HERR_INTERNAL(e, "cannot write a file in %s", dir);
    message_rec m;
    return svc_ticket_add_message_files(s, ticket_id, "reply", body, &file, 1, &m, NULL, e);
}

/* marks the ticket's open commitments kept, as the actor */
static int demo_keep_promises(svc *s, long long ticket_id, herr *e)
{
    commitment_rec *c, out;
    int n;
    if (svc_ticket_open_commitments(s, ticket_id, &c, &n, e)) return -1;
    for (int i = 0; i < n; i++)
        if (svc_commitment_update(s, c[i].id, NULL, NULL, "kept", &out, e)) return -1;
    return 0;
}

int cmd_demo(int argc, char **argv)
{
    struct config c;
    static const char help[] = "usage: heed demo [--db PATH]\n"
                               "Adds a demo team (an admin, a supervisor, three agents, two teams) and about forty\n"
                               "tickets to a database that has no agents yet. Demo password: " DEMO_PASSWORD "\n";
    if (config_load(&c, argc, argv)) return 2;
    if (c.help) return printf("%s", help), 0;
    db *d = config_open_db(&c);
    if (!d) return 1;
    arena a;
    arena_init(&a);
    svc s = {.db = d, .a = &a};
    herr e;
    int rc = 1, n;
    agent_rec *existing;
    long long ids[sizeof agents / sizeof agents[0]], id;
    if (svc_agent_list(&s, &existing, &n, &e)) goto out;
    if (n) {
        printf("%s already has %d agent%s: keeping it as it is\n", c.db, n, n == 1 ? "" : "s");
        rc = 0;
        goto out;
    }
    if (svc_team_add(&s, "Support", &id, &e) || svc_team_add(&s, "Billing", &id, &e)) goto out;
    for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++)
    {
        agent_rec ag;
        if (svc_agent_add(&s, agents[i].email, agents[i].name, agents[i].role, DEMO_PASSWORD, agents[i].team, &ids[i], &e) ||
            svc_agent_set_timezone(&s, ids[i], agents[i].tz, &ag, &e))
            goto out;
    }
    team_rec *teams;
    int nteams;
    if (svc_team_list(&s, &teams, &nteams, &e)) goto out;
    for (size_t i = 0; i < sizeof tickets / sizeof tickets[0]; i++) {
        const struct demo_ticket *t = &tickets[i];
        const char *tags[8];
        int ntags = 0;
        char *copy = arena_strdup(&a, t->tags), *save = NULL;
        for (char *tok = strtok_r(copy, " ", &save); tok && ntags < 8; tok = strtok_r(NULL, " ", &save)) tags[ntags++] = tok;
        ticket_new in = {.subject = t->subject, .customer_email = t->email, .customer_name = t->name, .message = t->message,
                         .channel = t->channel, .priority = t->priority, .tags = tags, .ntags = ntags};
        ticket_rec tr;
        message_rec m;
        if (svc_ticket_create(&s, &in, &tr, &e)) goto out;
        ticket_patch p = {.set_owner = t->owner >= 0, .owner_id = t->owner >= 0 ? ids[t->owner] : 0, .set_team = true,
                          .team_id = strstr(t->tags, "billing") ? teams[0].id : teams[1].id};
        s.actor = NULL;
        if (svc_ticket_update(&s, tr.id, &p, &tr, &e)) goto out;
        if (t->owner >= 0) {
            agent_rec owner;
            if (svc_agent_get(&s, ids[t->owner], &owner, &e) != 1) goto out;
            s.actor = &owner;
            if (t->note && svc_ticket_add_message(&s, tr.id, "note", t->note, &m, &e)) goto out;
            if (t->reply && i == 0 && demo_reply_with_file(&s, tr.id, t->reply, &e)) goto out; /* one with a file */
            if (t->reply && i > 0 && svc_ticket_add_message(&s, tr.id, "reply", t->reply, &m, &e)) goto out;
            s.actor = NULL;
            const char *again = t->reply ? followup_of(t->subject) : NULL;
            if (again && svc_ticket_customer_message(&s, tr.id, again, &m, &e)) goto out;
            s.actor = &owner;
            /* a solved ticket's promises were kept (I'll pass this on: passed on) */
            if (t->reply && !strcmp(t->status, "solved") && demo_keep_promises(&s, tr.id, &e)) goto out;
            s.actor = NULL;
        }
        ticket_patch st = {.status = t->status};
        if (svc_ticket_update(&s, tr.id, &st, &tr, &e)) goto out;
        if (svc_ticket_backdate(&s, tr.id, (long long)t->hours * 3600 + (long long)i * 97, &e)) goto out;
    }
    agent_rec admin; /* agents[0] */
    if (svc_agent_get(&s, ids[0], &admin, &e) != 1 || demo_mail(d, &admin, &e)) goto out;
    /* accounts: named API tokens (one used, one expiring), and a reset request for the admin page */
    {
        const char *secret;
        char until[ISO_LEN];
        time_iso(time(NULL) + 90 * 86400L, until);
        agent_rec user;
        time_t expires;
        if (svc_token_create_for(&s, ids[0], "Nightly report", NULL, &id, &secret, &e) ||
            svc_token_check(&s, secret, &user, &expires, &e) < 0 || /* "last used" just now */
            svc_token_create_for(&s, ids[2], "Zapier integration", until, &id, &secret, &e) ||
            svc_reset_request(&s, agents[4].email, "192.0.2.44", &e))
            goto out;
    }
    /* a reply Alex has started and not sent: the inbox marks it, the ticket page restores it */
    {
        agent_rec alex;
        ticket_filter f = {.owner_id = ids[2], .status = "active", .limit = 1};
        ticket_rec *mine;
        int nmine;
        if (svc_agent_get(&s, ids[2], &alex, &e) != 1 || svc_ticket_list(&s, &f, &mine, &nmine, &e)) goto out;
        s.actor = &alex;
        if (nmine && svc_draft_save(&s, mine[0].id, "reply",
                                "Hi, thanks for your patience. I've looked into this and ", &e))
            goto out;
        s.actor = NULL;
    }
    if (demo_promises(&s, ids, &e)) goto out; /* commitments, hand-offs, a mention */
    printf("demo data added to %s: 5 agents, 2 teams, %zu tickets and a few emails\n", c.db, sizeof tickets / sizeof tickets[0] + 8);
    printf("sign in as any of (password %s):\n", DEMO_PASSWORD);
    for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++) printf("  %-18s %-10s %s\n", agents[i].email, agents[i].role, agents[i].tz);
    rc = 0;
out:
    if (rc) fprintf(stderr, "heed: demo failed: %s\n", e.message);
    arena_free(&a);
    db_close(d);
    return rc;
}
