/* /api/v1/tickets: create, read, list, update, reply, note. */
#include <stdio.h>
#include <stdlib.h>
#include <microhttpd.h>
#include <string.h>
#include "util/text.h"
#include "util/timeutil.h"
#include "service/svc_commitments.h"
#include "service/svc_handoffs.h"
#include "service/svc_sla.h"
#include "service/svc_snooze.h"
#include "service/svc_merge.h"
#include "service/svc_attention.h"
#include "service/svc_macros.h"
#include "service/svc_kb.h"
#include "util/log.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/upload.h"

enum { LIST_DEFAULT = 20 };

/* "attachments": [{id, filename, content_type, size, stored, url}] of message msg_id, when it has any */
static void api_write_attachments(jw *j, req *r, long long msg_id, const mail_attachment_rec *at, int nat)
{
    bool any = false;
    for (int k = 0; k < nat; k++) {
        if (at[k].msg_id != msg_id) continue;
        if (!any) jw_key(j, "attachments"), jw_arr(j);
        any = true;
        jw_obj(j);
        jw_kint(j, "id", at[k].id);
        jw_kstr(j, "filename", at[k].filename);
        jw_kstr(j, "content_type", at[k].content_type);
        jw_kint(j, "size", at[k].size);
        jw_kbool(j, "stored", at[k].stored);
        jw_kstr(j, "url", at[k].stored ? arena_printf(&r->a, "/attachments/%lld", at[k].id) : NULL);
        jw_end_obj(j);
    }
    if (any) jw_end_arr(j);
}

static void write_ticket_full(jw *j, req *r, const ticket_rec *t)
{
    message_rec *msgs;
    int n = 0;
    herr e;
    customer_rec who;
    api_write_ticket_with(j, t, svc_customer_get(&r->s, t->customer_id, &who, &e) > 0 ? &who : NULL);
    jw_key(j, "messages");
    jw_arr(j);
    mail_attachment_rec *at = NULL;
    int nat = 0;
    if (svc_mail_attachments(&r->s, t->id, &at, &nat, &e)) nat = 0;
    if (svc_ticket_messages(&r->s, t->id, &msgs, &n, &e) == 0)
        for (int i = 0; i < n; i++) {
            api_write_message_begin(j, &msgs[i]);
            api_write_attachments(j, r, msgs[i].id, at, nat); /* only on messages that have some */
            jw_end_obj(j);
        }
    jw_end_arr(j);
    commitment_rec *c;
    int nc;
    if (!svc_commitments(&r->s, &(commitment_filter){.ticket_id = t->id, .limit = 200}, &c, &nc, &e)) {
        jw_key(j, "commitments");
        api_write_commitments(j, r, c, nc);
    }
    api_write_sla(j, r, t);
    api_write_ticket_attention(j, r, t);
    const char *until = NULL; /* a snoozed ticket: when it comes back */
    if (svc_ticket_snoozed_until(&r->s, t->id, &until, &e)) until = NULL;
    jw_kstr(j, "snoozed_until", until);
    long long into = 0; /* merged: the ticket it went into */
    if (svc_ticket_merged_into(&r->s, t->id, &into, &e)) into = 0;
    jw_kid(j, "merged_into", into);
    handoff_rec h;
    jw_key(j, "handoff"); /* the pending hand-off, waiting for its receiver; null when none */
    if (svc_handoff_pending(&r->s, t->id, &h, &e) == 1) api_write_handoff(j, &h);
    else jw_null(j);
    jw_end_obj(j);
}

void api_ticket_create(req *r, resp *w)
{
    static const char *const fields[] = {"subject", "customer", "message", "channel", "priority", "tags", "owner", NULL};
    static const char *const customer_fields[] = {"email", "name"};
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    ticket_new in = {0};
    bool tags_present, owner_present;
    json_t *cust = json_object_get(o, "customer");
    if (!api_get_str(w, o, "subject", "subject", true, &in.subject)) goto done;
    if (!cust) {
        resp_json_error(w, 400, "missing_field", "customer", "customer is required");
        goto done;
    }
    if (!json_is_object(cust)) {
        resp_json_error(w, 400, "wrong_type", "customer", "customer must be an object {email, name}");
        goto done;
    }
    const char *key;
    json_t *val;
    json_object_foreach(cust, key, val) {
        if (strcmp(key, customer_fields[0]) && strcmp(key, customer_fields[1])) {
            char msg[120];
            snprintf(msg, sizeof msg, "unknown field 'customer.%.60s'", key);
            resp_json_error(w, 400, "unknown_field", "customer", msg);
            goto done;
        }
    }
    if (!api_get_str(w, cust, "email", "customer.email", true, &in.customer_email) ||
        !api_get_str(w, cust, "name", "customer.name", false, &in.customer_name) ||
        !api_get_str(w, o, "message", "message", true, &in.message) ||
        !api_get_str(w, o, "channel", "channel", false, &in.channel) ||
        !api_get_str(w, o, "priority", "priority", false, &in.priority) ||
        !api_get_str_array(r, w, o, "tags", &in.tags, &in.ntags, &tags_present) ||
        !api_get_id_or_null(w, o, "owner", &in.owner_id, &owner_present))
        goto done;
    /* an API client is often an integration (a web form, a mail gateway) posting for the
     * customer: its tickets wait unassigned unless it names an owner */
    ticket_rec t;
    message_rec first;
    herr e;
    in.first = &first; /* a read after the commit would wait for it (db_defer_commit) */
    sla_view sla;
    in.sla = &sla;
    if (svc_ticket_create(&r->s, &in, &t, &e)) {
        resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 201, &j);
    api_write_ticket(&j, &t); /* as write_ticket_full: a new ticket has one message, no files */
    jw_key(&j, "messages");
    jw_arr(&j);
    api_write_message_begin(&j, &first);
    jw_end_obj(&j);
    jw_end_arr(&j);
    jw_key(&j, "commitments"); /* none yet: the customer's words are not our promises */
    jw_arr(&j);
    jw_end_arr(&j);
    jw_key(&j, "handoff");
    jw_null(&j);
    api_write_sla_view(&j, &sla);
    jw_end_obj(&j);
    resp_header(w, "Location", arena_printf(&r->a, "/api/v1/tickets/%lld", t.id));
done:
    json_decref(o);
}

/* If-Match: the ticket version the client saw ("3", W/"3" or 3); 0 when absent or "*".
 * false (w filled with a 400) when it is not one. */
static bool if_match(req *r, resp *w, long long *version)
{
    *version = 0;
    const char *h = req_header(r, "If-Match");
    if (!h || !strcmp(h, "*")) return true;
    if (!strncmp(h, "W/", 2)) h += 2;
    size_t n = strlen(h);
    char digits[24];
    if (n >= 2 && h[0] == '"' && h[n - 1] == '"') h++, n -= 2;
    if (n == 0 || n >= sizeof digits) goto bad;
    memcpy(digits, h, n);
    digits[n] = 0;
    if (parse_id(digits, version)) return true;
bad:
    resp_json_error(w, 400, "invalid", "If-Match", "If-Match must be the ticket's version, as its ETag gives it");
    return false;
}

static void etag(req *r, resp *w, const ticket_rec *t)
{
    resp_header(w, "ETag", arena_printf(&r->a, "\"%lld\"", t->version));
}

/* 409 stale: the error, the ticket's version now, and what changed since the caller's */
static void stale_answer(req *r, resp *w, long long id, long long since, const herr *err)
{
    ticket_rec t;
    audit_rec *ch;
    int n = 0;
    herr e;
    if (svc_ticket_get(&r->s, id, &t, &e) || svc_ticket_changes_since(&r->s, id, since, &ch, &n, &e)) return resp_herr(w, err);
    jw j;
    api_begin(w, 409, &j);
    jw_obj(&j);
    jw_key(&j, "error");
    jw_obj(&j);
    jw_kstr(&j, "code", "stale");
    jw_kstr(&j, "message", err->message);
    jw_kstr(&j, "field", "version");
    jw_end_obj(&j);
    jw_kint(&j, "version", t.version);
    jw_key(&j, "changes");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        jw_obj(&j);
        jw_kstr(&j, "at", ch[i].at);
        jw_kstr(&j, "by", ch[i].actor_name);
        jw_kstr(&j, "action", ch[i].action);
        jw_kstr(&j, "before", ch[i].before);
        jw_kstr(&j, "after", ch[i].after);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_end_obj(&j);
    etag(r, w, &t);
}

static bool is_stale(const herr *e) { return e->status == 409 && e->code && !strcmp(e->code, "stale"); }

void api_ticket_get(req *r, resp *w)
{
    long long id;
    ticket_rec t;
    herr e;
    if (!api_path_id(r, w, "ticket", &id)) return;
    if (svc_ticket_get(&r->s, id, &t, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    write_ticket_full(&j, r, &t);
    etag(r, w, &t);
}

static bool parse_limit(const char *s, int *out)
{
    long long v;
    if (!parse_id(s, &v) || v > 100) return false;
    *out = (int)v;
    return true;
}

static const char *const list_params[] = {"status", "owner", "team", "customer", "q", "limit", "cursor", "sort", "sla",
                                          "attention", "tag", "priority", "channel", "created_from", "created_to", "mood", NULL};

/* ?sort=sla and/or ?sla=at_risk|breached: open tickets with an SLA clock, the soonest due
 * first (one page of at most limit; the other filters do not combine with it) */
static void list_by_sla(req *r, resp *w, const char *sort, const char *sla, const char *limit)
{
    int lim = LIST_DEFAULT;
    if (sort && *sort && strcmp(sort, "sla")) return resp_json_error(w, 400, "invalid", "sort", "sort can be sla, attention or waiting");
    if (sla && *sla && strcmp(sla, "at_risk") && strcmp(sla, "breached"))
        return resp_json_error(w, 400, "invalid", "sla", "sla must be at_risk or breached");
    if (limit && !parse_limit(limit, &lim)) return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 100");
    ticket_rec *list;
    int n;
    herr e;
    if (svc_sla_tickets(&r->s, sla && *sla ? sla : NULL, lim, &list, &n, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "tickets");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        api_write_ticket(&j, &list[i]);
        api_write_sla(&j, r, &list[i]);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_key(&j, "next_cursor");
    jw_null(&j);
    jw_end_obj(&j);
}

void api_ticket_list(req *r, resp *w)
{
    ticket_filter f = {.limit = LIST_DEFAULT};
    if (!api_check_query(r, w, list_params)) return;
    const char *sort = req_query(r, "sort"), *sla = req_query(r, "sla");
    const char *min_score = req_query(r, "attention");
    if ((sort && (!strcmp(sort, "attention") || !strcmp(sort, "waiting"))) || (min_score && *min_score))
        return api_ticket_list_attention(r, w);
    if ((sort && *sort) || (sla && *sla)) return list_by_sla(r, w, sort, sla, req_query(r, "limit"));
    const char *status = req_query(r, "status"), *owner = req_query(r, "owner"), *team = req_query(r, "team");
    const char *customer = req_query(r, "customer"), *q = req_query(r, "q"), *limit = req_query(r, "limit");
    const char *cursor = req_query(r, "cursor");
    if (status && *status) f.status = status;
    if (owner && *owner) {
        if (!strcmp(owner, "me")) f.owner_id = r->agent.id;
        else if (!strcmp(owner, "none")) f.owner_id = -1;
        else if (!parse_id(owner, &f.owner_id))
            return resp_json_error(w, 400, "invalid", "owner", "owner must be an agent id, 'me' or 'none'");
    }
    if (team && *team && !parse_id(team, &f.team_id)) return resp_json_error(w, 400, "invalid", "team", "team must be a team id");
    if (customer && *customer && !parse_id(customer, &f.customer_id))
        return resp_json_error(w, 400, "invalid", "customer", "customer must be a customer id");
    if (q && *q) {
        if (strlen(q) > 200 || !utf8_valid(q, strlen(q)))
            return resp_json_error(w, 400, "invalid", "q", "q must be valid UTF-8 of at most 200 bytes");
        f.q = q;
    }
    if (limit && !parse_limit(limit, &f.limit)) return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 100");
    static const char *const more[] = {"tag", "priority", "channel", "created_from", "created_to"};
    const char **slot[] = {&f.tag, &f.priority, &f.channel, &f.created_from, &f.created_to};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        const char *v = req_query(r, more[i]);
        if (v && *v) *slot[i] = v;
    }
    const char *mood = req_query(r, "mood");
    if (mood && *mood && !svc_mood_filter(mood, &f.mood))
        return resp_json_error(w, 400, "invalid", "mood",
                               "mood must be one of upset, angry, frustrated, anxious, sad, confused, urgent, complaint, repeat");
    if (cursor && *cursor && !req_cursor_parse(r, cursor, &f))
        return resp_json_error(w, 400, "invalid", "cursor", "cursor is not one that heed returned");
    ticket_rec *list;
    int n;
    herr e;
    if (svc_ticket_list(&r->s, &f, &list, &n, &e)) {
        if (e.status == 422) e.status = 400;
        return resp_herr(w, &e);
    }
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "tickets");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        api_write_ticket(&j, &list[i]);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_key(&j, "next_cursor");
    if (n == f.limit) jw_str(&j, req_cursor_of(r, &list[n - 1]));
    else jw_null(&j);
    jw_end_obj(&j);
}

void api_ticket_update(req *r, resp *w)
{
    static const char *const fields[] = {"status", "owner", "priority", "team", "tags", "confirm", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    ticket_patch p = {0};
    if (!if_match(r, w, &p.if_version)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    if (!api_get_str(w, o, "status", "status", false, &p.status) ||
        !api_get_str(w, o, "priority", "priority", false, &p.priority) ||
        !api_get_id_or_null(w, o, "owner", &p.owner_id, &p.set_owner) ||
        !api_get_id_or_null(w, o, "team", &p.team_id, &p.set_team) ||
        !api_get_str_array(r, w, o, "tags", &p.tags, &p.ntags, &p.set_tags))
        goto done;
    json_t *confirm = json_object_get(o, "confirm");
    if (confirm && !json_is_boolean(confirm)) {
        resp_json_error(w, 400, "wrong_type", "confirm", "confirm must be true or false");
        goto done;
    }
    p.confirm = confirm && json_is_true(confirm);
    ticket_rec t;
    herr e;
    if (svc_ticket_update(&r->s, id, &p, &t, &e)) {
        if (is_stale(&e)) stale_answer(r, w, id, p.if_version, &e);
        else resp_herr(w, &e);
        goto done;
    }
    jw j;
    api_begin(w, 200, &j);
    write_ticket_full(&j, r, &t);
    etag(r, w, &t);
done:
    json_decref(o);
}

/* the body of a multipart/form-data reply or note: a text field "body" and file parts
 * named "files" (or "file"); false (w filled) when it is not one */
static bool read_multipart(req *r, resp *w, const char **body, mail_attach_in **files, int *nfiles)
{
    static const char *const known[] = {"body", NULL};
    const char *unknown = upload_unknown_field(r->upload, known), *ff = upload_file_field(r->upload);
    if (unknown || (ff && strcmp(ff, "files") && strcmp(ff, "file"))) {
        const char *name = unknown ? unknown : ff;
        resp_json_error(w, 400, "unknown_field", name,
                        arena_printf(&r->a, "unknown form field '%.60s' (send body, and files as \"files\")", name));
        return false;
    }
    bool nul = false;
    *body = upload_field(r->upload, "body", &nul);
    if (!*body) {
        resp_json_error(w, 400, "missing_field", "body", "body is required");
        return false;
    }
    if (nul) {
        resp_json_error(w, 400, "invalid", "body", "text must not contain NUL characters");
        return false;
    }
    *nfiles = upload_files(r->upload, files);
    return true;
}

static void add_message(req *r, resp *w, const char *kind)
{
    static const char *const fields[] = {"body", NULL}, *const reply_fields[] = {"body", "macro_id", "articles", NULL};
    long long id, if_version, macro_id = 0;
    if (!api_path_id(r, w, "ticket", &id) || !if_match(r, w, &if_version)) return;
    json_t *o = NULL;
    const char *body;
    mail_attach_in *files = NULL;
    int nfiles = 0;
    herr e;
    long long articles[8]; /* knowledge-base articles the reply sends: counted once it is sent */
    int narticles = 0;
    if (r->upload) {
        if (!read_multipart(r, w, &body, &files, &nfiles)) return;
    } else {
        if (!(o = api_read_object(r, w, strcmp(kind, "reply") ? fields : reply_fields))) return;
        if (!api_get_str(w, o, "body", "body", true, &body)) goto done;
        json_t *mid = json_object_get(o, "macro_id"); /* a reply made from a macro: its actions follow */
        if (mid && (!json_is_integer(mid) || json_integer_value(mid) <= 0)) {
            resp_json_error(w, 400, "wrong_type", "macro_id", "macro_id must be a macro id");
            goto done;
        }
        macro_rec macro;
        if (mid && svc_macro_get(&r->s, macro_id = (long long)json_integer_value(mid), &macro, &e)) {
            snprintf(e.field, sizeof e.field, "macro_id");
            resp_herr(w, &e);
            goto done;
        }
        json_t *arts = json_object_get(o, "articles"), *v;
        size_t i;
        if (arts && (!json_is_array(arts) || json_array_size(arts) > 8)) {
            resp_json_error(w, 400, "wrong_type", "articles", "articles must be a list of at most 8 article ids");
            goto done;
        }
        json_array_foreach(arts, i, v) {
            kb_article_rec art;
            if (!json_is_integer(v) || json_integer_value(v) <= 0) {
                resp_json_error(w, 400, "wrong_type", "articles", "articles must be a list of article ids");
                goto done;
            }
            if (svc_kb_get(&r->s, articles[narticles++] = (long long)json_integer_value(v), &art, &e)) {
                snprintf(e.field, sizeof e.field, "articles");
                resp_herr(w, &e);
                goto done;
            }
        }
    }
    message_rec m;
    mail_attachment_rec *at = NULL;
    if (svc_ticket_add_message_if(&r->s, id, kind, body, files, nfiles, if_version, &m, &at, &e)) {
        if (is_stale(&e)) stale_answer(r, w, id, if_version, &e);
        else resp_herr(w, &e);
        goto done;
    }
    /* sent; the macro's status, tags and owner after it (a refusal, such as a solve with open
     * promises, is said beside the sent reply rather than hiding that it was sent) */
    herr me;
    bool applied = macro_id && !svc_macro_apply(&r->s, id, macro_id, &me);
    for (int k = 0; k < narticles; k++) /* checked above; a failure to count does not unsend the reply */
        if (svc_kb_sent(&r->s, articles[k], id, m.id, &me)) log_warnf("article %lld sent on ticket %lld not counted: %s", articles[k], id, me.message);
    jw j;
    api_begin(w, 201, &j);
    api_write_message_begin(&j, &m);
    api_write_attachments(&j, r, m.id, at, nfiles);
    if (!strcmp(kind, "reply")) { /* the promises the coach found in it, now due work */
        jw_key(&j, "commitments");
        api_write_commitments(&j, r, m.commitments, m.ncommitments);
    }
    if (macro_id) {
        jw_key(&j, "macro");
        jw_obj(&j);
        jw_kint(&j, "id", macro_id);
        jw_kbool(&j, "applied", applied);
        if (!applied) jw_kstr(&j, "error", me.message);
        jw_end_obj(&j);
    }
    jw_end_obj(&j);
done:
    json_decref(o);
}

/* POST /api/v1/tickets/{id}/merge {into, notify?}: the target after; .../unmerge: the source */
void api_ticket_merge(req *r, resp *w)
{
    static const char *const fields[] = {"into", "notify", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    json_t *into = json_object_get(o, "into"), *notify = json_object_get(o, "notify");
    ticket_rec t;
    herr e;
    if (!into) resp_json_error(w, 400, "missing_field", "into", "into is required: the ticket to merge this one into");
    else if (!json_is_integer(into) || json_integer_value(into) <= 0) resp_json_error(w, 400, "wrong_type", "into", "into must be a ticket id");
    else if (notify && !json_is_boolean(notify)) resp_json_error(w, 400, "wrong_type", "notify", "notify must be true or false");
    else if (svc_ticket_merge(&r->s, id, (long long)json_integer_value(into), notify && json_is_true(notify), &t, &e)) resp_herr(w, &e);
    else {
        jw j;
        api_begin(w, 200, &j);
        write_ticket_full(&j, r, &t);
        etag(r, w, &t);
    }
    json_decref(o);
}

void api_ticket_unmerge(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    ticket_rec t;
    herr e;
    if (svc_ticket_unmerge(&r->s, id, &t, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    write_ticket_full(&j, r, &t);
    etag(r, w, &t);
}

/* POST /api/v1/tickets/{id}/snooze {until}: on hold until then; DELETE: back now */
void api_ticket_snooze(req *r, resp *w)
{
    static const char *const fields[] = {"until", NULL};
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    const char *until;
    ticket_rec t;
    herr e;
    if (!api_get_str(w, o, "until", "until", true, &until)) {
    } else if (svc_ticket_snooze(&r->s, id, until, &t, &e)) {
        resp_herr(w, &e);
    } else {
        jw j;
        api_begin(w, 200, &j);
        write_ticket_full(&j, r, &t);
        etag(r, w, &t);
    }
    json_decref(o);
}

void api_ticket_wake(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "ticket", &id)) return;
    ticket_rec t;
    herr e;
    if (svc_ticket_wake(&r->s, id, &t, &e)) return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    write_ticket_full(&j, r, &t);
    etag(r, w, &t);
}

void api_ticket_reply(req *r, resp *w) { add_message(r, w, "reply"); }
void api_ticket_note(req *r, resp *w) { add_message(r, w, "note"); }
