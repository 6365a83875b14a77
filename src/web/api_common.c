#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include "util/text.h"
#include "web/api.h"

bool api_is_json(const char *ct)
{
    /* "application/json", optionally followed by parameters ("; charset=utf-8"), nothing else */
    return ct && !strncasecmp(ct, "application/json", 16) && (ct[16] == 0 || ct[16] == ';' || ct[16] == ' ' || ct[16] == '\t');
}

json_t *api_read_object(req *r, resp *w, const char *const *allowed)
{
    const char *ct = req_header(r, "Content-Type");
    if (!api_is_json(ct)) {
        resp_json_error(w, 415, "unsupported_media_type", NULL, "send the body as Content-Type: application/json");
        return NULL;
    }
    if (!r->body || r->body_len == 0) {
        resp_json_error(w, 400, "malformed_json", NULL, "the request body is empty; send a JSON object");
        return NULL;
    }
    if (!utf8_valid(r->body, r->body_len)) {
        resp_json_error(w, 400, "invalid_utf8", NULL, "the request body is not valid UTF-8");
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        char msg[300];
        snprintf(msg, sizeof msg, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
        resp_json_error(w, 400, "malformed_json", NULL, msg);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        resp_json_error(w, 400, "malformed_json", NULL, "the request body must be a JSON object");
        return NULL;
    }
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++) ok |= !strcmp(*a, key);
        if (!ok) {
            char msg[200];
            snprintf(msg, sizeof msg, "unknown field '%.60s'", key);
            resp_json_error(w, 400, "unknown_field", key, msg);
            json_decref(root);
            return NULL;
        }
    }
    return root;
}

static bool type_error(resp *w, const char *path, const char *want)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s must be %s", path, want);
    resp_json_error(w, 400, "wrong_type", path, msg);
    return false;
}

bool api_get_str(resp *w, json_t *obj, const char *key, const char *path, bool required, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || (json_is_null(v) && !required)) {
        if (!required) return true;
        char msg[200];
        snprintf(msg, sizeof msg, "%s is required", path);
        resp_json_error(w, 400, "missing_field", path, msg);
        return false;
    }
    if (!json_is_string(v)) return type_error(w, path, "a string");
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        resp_json_error(w, 400, "invalid", path, "text must not contain NUL characters");
        return false;
    }
    *out = json_string_value(v);
    return true;
}

bool api_get_str_array(req *r, resp *w, json_t *obj, const char *key, const char ***out, int *n, bool *present)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    *n = 0;
    *present = v != NULL;
    if (!v) return true;
    if (!json_is_array(v)) return type_error(w, key, "an array of strings");
    size_t len = json_array_size(v);
    if (len > 100) return type_error(w, key, "an array of at most 100 strings");
    *out = arena_alloc(&r->a, sizeof **out * (len + 1));
    for (size_t i = 0; i < len; i++) {
        json_t *item = json_array_get(v, i);
        if (!json_is_string(item)) return type_error(w, key, "an array of strings");
        (*out)[i] = arena_strdup(&r->a, json_string_value(item)); /* writable: tags are lower-cased */
    }
    *n = (int)len;
    return true;
}

bool api_get_id_or_null(resp *w, json_t *obj, const char *key, long long *id, bool *present)
{
    json_t *v = json_object_get(obj, key);
    *present = v != NULL;
    *id = 0;
    if (!v || json_is_null(v)) return true;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) return type_error(w, key, "a positive integer id or null");
    *id = (long long)json_integer_value(v);
    return true;
}

bool api_path_id(req *r, resp *w, const char *what, long long *id)
{
    if (req_param_id(r, 0, id)) return true;
    char msg[120];
    snprintf(msg, sizeof msg, "%s not found: '%.40s' is not an id", what, r->nparams ? r->params[0] : "");
    resp_json_error(w, 404, "not_found", NULL, msg);
    return false;
}

void api_begin(resp *w, int status, jw *j)
{
    w->status = status;
    w->content_type = "application/json";
    buf_reset(&w->body);
    jw_init(j, &w->body);
}

static void ref(jw *j, const char *key, long long id, const char *name)
{
    jw_key(j, key);
    if (id <= 0) {
        jw_null(j);
        return;
    }
    jw_obj(j);
    jw_kint(j, "id", id);
    jw_kstr(j, "name", name);
    jw_end_obj(j);
}

/* the customer panel's facts, as members of an open object (issue 11's contract) */
static void write_customer_facts(jw *j, const customer_rec *c)
{
    jw_kint(j, "tickets_count", c->ticket_count);
    jw_kstr(j, "first_contact_at", c->created_at);
    jw_key(j, "tags");
    jw_arr(j);
    size_t len;
    for (const char *p = c->tags, *tag; (tag = list_next(&p, &len));) jw_strn(j, tag, len);
    jw_end_arr(j);
    jw_kstr(j, "notes", c->notes ? c->notes : "");
    jw_kstr(j, "language", c->language ? c->language : "");
}

void api_write_ticket(jw *j, const ticket_rec *t) { api_write_ticket_with(j, t, NULL); }

void api_write_ticket_with(jw *j, const ticket_rec *t, const customer_rec *c)
{
    jw_obj(j);
    jw_kint(j, "id", t->id);
    jw_kint(j, "version", t->version);
    jw_kint(j, "handoff_count", t->handoff_count);
    jw_kbool(j, "passed_around", t->handoff_count >= 3);
    jw_kstr(j, "subject", t->subject);
    jw_kstr(j, "channel", t->channel);
    jw_kstr(j, "status", t->status);
    jw_kstr(j, "priority", t->priority);
    jw_key(j, "customer");
    jw_obj(j);
    jw_kint(j, "id", t->customer_id);
    jw_kstr(j, "name", t->customer_name);
    jw_kstr(j, "email", t->customer_email);
    if (c) write_customer_facts(j, c);
    jw_end_obj(j);
    ref(j, "owner", t->owner_id, t->owner_name);
    ref(j, "team", t->team_id, t->team_name);
    jw_key(j, "tags");
    jw_arr(j);
    for (int i = 0; i < t->ntags; i++) jw_str(j, t->tags[i]);
    jw_end_arr(j);
    jw_kstr(j, "created_at", t->created_at);
    jw_kstr(j, "updated_at", t->updated_at);
    jw_kstr(j, "first_response_at", t->first_response_at);
    jw_kstr(j, "solved_at", t->solved_at);
    /* no jw_end_obj: callers may add members (messages) and close it */
}

void api_write_message(jw *j, const message_rec *m)
{
    api_write_message_begin(j, m);
    jw_end_obj(j);
}

void api_write_message_begin(jw *j, const message_rec *m)
{
    jw_obj(j);
    jw_kint(j, "id", m->id);
    jw_kint(j, "ticket_id", m->ticket_id);
    jw_kstr(j, "kind", m->kind);
    jw_key(j, "author");
    jw_obj(j);
    bool agent = m->author_agent_id > 0;
    jw_kstr(j, "type", agent ? "agent" : "customer");
    jw_kint(j, "id", agent ? m->author_agent_id : m->author_customer_id);
    jw_kstr(j, "name", m->author_name);
    jw_end_obj(j);
    jw_kstr(j, "body", m->body);
    jw_kstr(j, "created_at", m->created_at);
    if (m->delivery) { /* emailed to the customer: the outbox row's state */
        jw_key(j, "delivery");
        jw_obj(j);
        jw_kstr(j, "state", m->delivery->state);
        jw_kint(j, "attempts", m->delivery->attempts);
        jw_kstr(j, "last_error", m->delivery->last_error);
        jw_kstr(j, "sent_at", m->delivery->sent_at);
        jw_end_obj(j);
    }
}

void api_write_agent(jw *j, const agent_rec *a)
{
    jw_obj(j);
    jw_kint(j, "id", a->id);
    jw_kstr(j, "email", a->email);
    jw_kstr(j, "name", a->name);
    jw_kstr(j, "role", a->role);
    ref(j, "team", a->team_id, a->team_name);
    jw_kbool(j, "active", a->active);
    jw_kstr(j, "timezone", a->timezone); /* null: the server's default */
    jw_kbool(j, "available", a->available);
    jw_end_obj(j);
}

void api_write_customer(jw *j, const customer_rec *c)
{
    jw_obj(j);
    jw_kint(j, "id", c->id);
    jw_kstr(j, "email", c->email);
    jw_kstr(j, "name", c->name);
    jw_kstr(j, "created_at", c->created_at);
    jw_kint(j, "ticket_count", c->ticket_count);
    write_customer_facts(j, c);
    /* left open: callers add tickets and close it */
}

struct param_check {
    const char *const *allowed;
    const char *unknown; /* a parameter heed does not know */
    const char *nul;     /* a known parameter whose value holds a NUL (%00), which C strings would cut short */
};

static enum MHD_Result check_param(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                   const char *value, size_t value_size)
{
    struct param_check *pc = cls;
    for (const char *const *p = pc->allowed; *p; p++) {
        if (strcmp(*p, key)) continue;
        if (value && strlen(value) != value_size) {
            pc->nul = *p;
            return MHD_NO;
        }
        return MHD_YES;
    }
    pc->unknown = key;
    return MHD_NO;
}

bool api_check_query(req *r, resp *w, const char *const *allowed)
{
    struct param_check pc = {.allowed = allowed};
    MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_param, &pc);
    if (pc.unknown) {
        char msg[120];
        snprintf(msg, sizeof msg, "unknown query parameter '%.60s'", pc.unknown);
        resp_json_error(w, 400, "unknown_field", pc.unknown, msg);
        return false;
    }
    if (pc.nul) {
        resp_json_error(w, 400, "invalid", pc.nul, "query parameters must not contain NUL characters");
        return false;
    }
    return true;
}
