/* Email rules: threading, duplicates, loop protection, quarantine.
 * - a reply joins its ticket only by evidence: a Message-ID heed signed (HMAC with a
 *   per-install secret, so it cannot be forged), a reference to an earlier email of that
 *   ticket from the same customer, or a "[#123]" subject token when the sender is the
 *   ticket's customer. Never by subject text alone. A closed ticket is not joined.
 * - a subject token or a reference joins only mail whose sender passed authentication
 *   (svc_mail_auth.c) or is not checked (no mail_authserv_id): a forged From naming the
 *   customer does not join their ticket (mail_unverified: a new ticket, or join with a
 *   warning). A signed Message-ID still joins: it proves the mail answers heed's own mail,
 *   which the forger would have to have received; its sender is shown unverified.
 * - the same Message-ID is filed once (unique index); a duplicate changes nothing
 * - auto mail (auto-replies, bulk, bounces) is attached quietly: it does not reopen the
 *   ticket nor move it up the inbox (updated_at), and marks it so that nothing answers it
 *   automatically
 * - everything for one email runs in one transaction with its audit rows */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "service/service.h"
#include "service/svc_attention.h"
#include "service/svc_snooze.h"
#include "service/svc_sla.h"
#include "service/svc_webhooks.h"
#include "service/svc_mail_auth.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

#define SECRET_KEY "mail.hmac_key"
#define MSGID_DOMAIN "heed.local"
enum { MAC_SHOWN = 16 }; /* bytes of the HMAC written into the Message-ID (128 bits) */

static int secret(svc *s, unsigned char key[crypto_auth_KEYBYTES], herr *e)
{
    if (sodium_init() < 0) return HERR_INTERNAL(e, "libsodium failed to initialise");
    const char *hex = NULL;
    int found = store_setting_get(s->db, s->a, SECRET_KEY, &hex, e);
    if (found < 0) return -1;
    if (!found) {
        unsigned char fresh[crypto_auth_KEYBYTES];
        char fresh_hex[crypto_auth_KEYBYTES * 2 + 1];
        crypto_auth_keygen(fresh);
        sodium_bin2hex(fresh_hex, sizeof fresh_hex, fresh, sizeof fresh);
        sodium_memzero(fresh, sizeof fresh);
        /* a concurrent first use may win: then its key is the one read back */
        if (store_setting_insert_if_absent(s->db, SECRET_KEY, fresh_hex, e)) return -1;
        if (store_setting_get(s->db, s->a, SECRET_KEY, &hex, e) != 1) return HERR_INTERNAL(e, "mail secret vanished");
    }
    size_t len = 0;
    if (sodium_hex2bin(key, crypto_auth_KEYBYTES, hex, strlen(hex), NULL, &len, NULL) || len != crypto_auth_KEYBYTES)
        return HERR_INTERNAL(e, "mail secret in settings is malformed");
    return 0;
}

static void mac_hex(const unsigned char key[crypto_auth_KEYBYTES], long long ticket_id, long long msg_id,
                    char out[MAC_SHOWN * 2 + 1])
{
    char text[64];
    int n = snprintf(text, sizeof text, "t%lld.m%lld", ticket_id, msg_id);
    unsigned char mac[crypto_auth_BYTES];
    crypto_auth(mac, (const unsigned char *)text, (unsigned long long)n, key);
    sodium_bin2hex(out, MAC_SHOWN * 2 + 1, mac, MAC_SHOWN);
}

int svc_mail_sent_message_id(svc *s, long long ticket_id, long long msg_id, const char **out, herr *e)
{
    unsigned char key[crypto_auth_KEYBYTES];
    if (secret(s, key, e)) return -1;
    char mac[MAC_SHOWN * 2 + 1];
    mac_hex(key, ticket_id, msg_id, mac);
    sodium_memzero(key, sizeof key);
    *out = arena_printf(s->a, "t%lld.m%lld.%s@" MSGID_DOMAIN, ticket_id, msg_id, mac);
    return 0;
}

/* reads up to 18 digits; returns the position after them or NULL */
static const char *read_num(const char *p, long long *v)
{
    long long n = 0;
    int k = 0;
    while (isdigit((unsigned char)*p) && k < 18) n = n * 10 + (*p++ - '0'), k++;
    if (!k || isdigit((unsigned char)*p)) return NULL;
    *v = n;
    return p;
}

int svc_mail_verify_message_id(svc *s, const char *id, long long *ticket_id, long long *msg_id, herr *e)
{
    long long t, m;
    const char *p = id;
    if (*p++ != 't' || !(p = read_num(p, &t)) || strncmp(p, ".m", 2) || !(p = read_num(p + 2, &m)) || *p++ != '.')
        return 0;
    for (int i = 0; i < MAC_SHOWN * 2; i++)
        if (!isxdigit((unsigned char)p[i])) return 0;
    if (p[MAC_SHOWN * 2] != '@' || t <= 0 || m <= 0) return 0;
    unsigned char key[crypto_auth_KEYBYTES];
    if (secret(s, key, e)) return -1;
    char want[MAC_SHOWN * 2 + 1], got[MAC_SHOWN * 2 + 1];
    mac_hex(key, t, m, want);
    sodium_memzero(key, sizeof key);
    for (int i = 0; i < MAC_SHOWN * 2; i++) got[i] = (char)tolower((unsigned char)p[i]);
    got[MAC_SHOWN * 2] = 0;
    if (sodium_memcmp(want, got, MAC_SHOWN * 2)) return 0;
    *ticket_id = t;
    *msg_id = m;
    return 1;
}

static bool same_email(const char *a, const char *b) { return a && b && !strcasecmp(a, b); }

/* a ticket that mail may join: exists and is not closed */
static int joinable(svc *s, long long id, ticket_rec *t, herr *e)
{
    int found = store_ticket_by_id(s->db, s->a, id, t, e);
    if (found <= 0) return found;
    return strcmp(t->status, "closed") ? 1 : 0;
}

/* finds the ticket an email belongs to; 1 (and *t, *by), 0 = none, -1 error. verified:
 * the sender passed (or is not checked); else only a signed Message-ID joins. */
static int thread(svc *s, const mail_in *m, bool verified, ticket_rec *t, const char **by, herr *e)
{
    for (int i = 0; i < m->nrefs; i++) {
        long long tid, mid;
        int ok = svc_mail_verify_message_id(s, m->refs[i], &tid, &mid, e);
        if (ok < 0) return -1;
        if (!ok) continue;
        int j = joinable(s, tid, t, e);
        if (j) return *by = "message-id", j;
    }
    if (!verified) return 0;
    for (int i = 0; i < m->nrefs; i++) {
        mail_msg_rec prev;
        int found = store_mail_message_by_message_id(s->db, s->a, m->refs[i], &prev, e);
        if (found < 0) return -1;
        if (!found) continue;
        int j = joinable(s, prev.ticket_id, t, e);
        if (j < 0) return -1;
        if (j && same_email(t->customer_email, m->from_email)) return *by = "reference", 1;
    }
    for (const char *p = strstr(m->subject, "[#"); p; p = strstr(p + 2, "[#")) {
        long long id;
        const char *end = read_num(p + 2, &id);
        if (!end || *end != ']') continue;
        int j = joinable(s, id, t, e);
        if (j < 0) return -1;
        if (j && same_email(t->customer_email, m->from_email)) return *by = "subject-token", 1;
    }
    return 0;
}

static int audit(svc *s, const char *now, long long ticket_id, const char *action, const char *before,
                 const char *after, herr *e)
{
    return store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "ticket", ticket_id, action, before, after, e);
}

int svc_mail_receive(svc *s, const mail_in *m, mail_result *out, herr *e)
{
    *out = (mail_result){0};
    if (!m->message_id || !*m->message_id) return HERR_INVALID(e, "message_id", "message_id is required");
    if (check_email("from", m->from_email, e) || check_text("subject", m->subject, SUBJECT_MAX, false, e) ||
        check_text("body", m->body, MAIL_BODY_MAX + 4096, true, e))
        return -1;
    if (m->display && check_text("display", m->display, MAIL_BODY_MAX + 4096, true, e)) return -1;
    const char *name = m->from_name;
    if (name && (!*name || check_text("from_name", name, NAME_MAX_LEN, false, e))) name = NULL;

    char now[ISO_LEN];
    svc_now_iso(s, now);
    if (db_begin(s->db, e)) return -1;
    mail_msg_rec prev;
    int found = store_mail_message_by_message_id(s->db, s->a, m->message_id, &prev, e);
    if (found < 0) goto fail;
    if (found) {
        db_rollback(s->db);
        *out = (mail_result){.outcome = MAIL_DUPLICATE, .ticket_id = prev.ticket_id, .msg_id = prev.msg_id,
                             .thread_by = "duplicate"};
        return 0;
    }
    ticket_rec t;
    const char *by = "new";
    const char *auth = svc_mail_auth_verdict(m->auth_results, m->nauth_results, svc_mail_auth_id(), m->from_email);
    bool verified = svc_mail_auth_trusted(auth) || svc_mail_auth_mode() == MAIL_UNVERIFIED_WARN;
    int joined = thread(s, m, verified, &t, &by, e);
    if (joined < 0) goto fail;
    customer_rec c;
    if (svc_customer_find_or_create(s, m->from_email, name, &c, e)) goto fail;
    long long tid, mid;
    if (joined) {
        tid = t.id;
        message_rec msg = {.ticket_id = tid, .kind = "customer", .author_customer_id = c.id, .body = m->body,
                           .created_at = now};
        if (store_message_insert(s->db, &msg, &mid, e)) goto fail;
        if (store_search_append(s->db, tid, m->body, e)) goto fail;
        if (audit(s, now, tid, "email", NULL, arena_printf(s->a, "%lld", mid), e)) goto fail;
        /* an automatic reply changes nothing on the ticket: not its status, nor its place at
         * the top of the inbox (updated_at); it is shown as such on the thread */
        if (!m->is_auto) {
            if (svc_snooze_customer_wrote(s, &t, now, e)) goto fail; /* they wrote: a snooze ends */
            t.updated_at = now;
            if (!strcmp(t.status, "solved") || !strcmp(t.status, "pending")) {
                if (audit(s, now, tid, "status", t.status, "open", e)) goto fail;
                t.status = "open";
                t.solved_at = NULL;
            }
            if (store_ticket_update(s->db, &t, e)) goto fail;
        } else if (store_ticket_bump(s->db, tid, e)) { /* but it is a new message: a new version */
            goto fail;
        }
    } else {
        ticket_rec nt = {.subject = m->subject, .channel = "email", .status = "new", .priority = "normal",
                         .customer_id = c.id, .created_at = now, .updated_at = now};
        if (store_ticket_insert(s->db, &nt, &tid, e)) goto fail;
        message_rec msg = {.ticket_id = tid, .kind = "customer", .author_customer_id = c.id, .body = m->body,
                           .created_at = now};
        if (store_message_insert(s->db, &msg, &mid, e)) goto fail;
        if (store_search_index_ticket(s->db, tid, m->subject, m->body, e)) goto fail;
        if (audit(s, now, tid, "create", NULL, m->subject, e)) goto fail;
    }
    /* the customer waits for us now (an automatic reply is nobody waiting) */
    if (!m->is_auto && svc_attention_customer_wrote(s, tid, c.id, m->body, now, e)) goto fail;
    if (m->is_auto) {
        const char *reason = m->auto_reason ? m->auto_reason : "auto-submitted";
        if (store_mail_ticket_set_no_autoreply(s->db, tid, reason, now, e)) goto fail;
    }
    mail_msg_rec row = {.message_id = m->message_id, .ticket_id = tid, .msg_id = mid, .direction = "in",
                        .mailbox = m->mailbox, .from_email = c.email, .from_name = name, .subject = m->subject,
                        .display = m->display, .is_auto = m->is_auto,
                        .auto_reason = m->is_auto ? (m->auto_reason ? m->auto_reason : "auto-submitted") : NULL,
                        .thread_by = by, .received_at = now, .auth = auth};
    long long rowid;
    if (store_mail_message_insert(s->db, &row, &rowid, e)) {
        if (e->status == 409) { /* filed by a concurrent delivery of the same mail */
            db_rollback(s->db);
            *out = (mail_result){.outcome = MAIL_DUPLICATE, .thread_by = "duplicate"};
            return 0;
        }
        goto fail;
    }
    bool acked; /* the acknowledgement goes out through the outbox, in this transaction, before any
                 * notice about attachments (so the cap, if it bites, keeps the acknowledgement) */
    /* no acknowledgement for a sender that failed authentication: it would go to the address
     * forged in From (the real customer), about a request they never made */
    if (!joined && !m->is_auto && svc_mail_auth_trusted(auth) && svc_outbox_queue_ack(s, tid, mid, now, &acked, e))
        goto fail;
    if (svc_mail_file_extras(s, m, rowid, tid, mid, now, e)) goto fail;
    if (!joined && svc_event(s, "ticket.created", tid, NULL, e)) goto fail;
    {
        ticket_rec now_t;
        if (store_ticket_by_id(s->db, s->a, tid, &now_t, e) <= 0 ||
            svc_sla_sync(s, &now_t, joined ? "customer" : "create", e))
            goto fail;
    }
    message_rec said = {.id = mid, .ticket_id = tid, .kind = "customer", .author_customer_id = c.id, .body = m->body,
                        .created_at = now};
    if (svc_event_message(s, &said, e)) goto fail;
    /* the audit rows of this mail (the new ticket's, attachments not stored) carry its version */
    if (store_ticket_stamp(s->db, tid, e)) goto fail;
    if (db_commit(s->db, e)) return -1;
    *out = (mail_result){.outcome = joined ? MAIL_APPENDED : MAIL_NEW_TICKET, .ticket_id = tid, .msg_id = mid,
                         .thread_by = joined ? by : "new", .auth = auth};
    return 0;
fail:
    db_rollback(s->db);
    return -1;
}

int svc_mail_quarantine(svc *s, const char *raw, size_t n, const char *reason, const char *mailbox,
                        const char *message_id, mail_result *out, herr *e)
{
    char now[ISO_LEN];
    svc_now_iso(s, now);
    long long id;
    *out = (mail_result){0};
    if (db_begin(s->db, e)) return -1;
    if (store_mail_quarantine_insert(s->db, raw, n, reason ? reason : "unknown", mailbox, message_id, now, &id, e) ||
        store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "mail_quarantine", id, "quarantine", NULL, reason,
                           e)) {
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    *out = (mail_result){.outcome = MAIL_QUARANTINED, .quarantine_id = id, .thread_by = "quarantine"};
    return 0;
}

int svc_mail_quarantine_list(svc *s, mail_quarantine_rec **out, int *n, herr *e)
{
    return store_mail_quarantine_list(s->db, s->a, out, n, e);
}

int svc_mail_message_get(svc *s, const char *message_id, mail_msg_rec *out, herr *e)
{
    return store_mail_message_by_message_id(s->db, s->a, message_id, out, e);
}

int svc_mail_ticket_no_autoreply(svc *s, long long ticket_id, bool *out, herr *e)
{
    return store_mail_ticket_no_autoreply(s->db, ticket_id, out, e);
}
