/* Macros: saved replies with placeholders and actions. See svc_macros.h. */
#include <stdlib.h>
#include <string.h>
#include "coach/coach.h"
#include "service/svc_attention.h"
#include "service/svc_macros.h"
#include "service/validate.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/timeutil.h"

static bool lead(const svc *s)
{
    return s->actor && (!strcmp(s->actor->role, "supervisor") || !strcmp(s->actor->role, "admin"));
}

static const char *const placeholders[] = {"customer.first_name", "customer.name", "ticket.id",
                                           "ticket.subject",      "agent.name",    "agent.first_name"};
enum { NPLACEHOLDERS = sizeof placeholders / sizeof placeholders[0] };

/* the next {{ name }} in p: its start and end (after the braces) and the name inside, trimmed;
 * false when there is none. *bad: an opening with no close */
static bool next_placeholder(const char *p, const char **start, const char **end, const char **name, size_t *len, bool *bad)
{
    *bad = false;
    const char *open = strstr(p, "{{");
    if (!open) return false;
    const char *close = strstr(open + 2, "}}");
    if (!close) {
        *bad = true;
        return false;
    }
    const char *n = open + 2, *z = close;
    while (n < z && *n == ' ') n++;
    while (z > n && z[-1] == ' ') z--;
    *start = open;
    *end = close + 2;
    *name = n;
    *len = (size_t)(z - n);
    return true;
}

static int known(const char *name, size_t len)
{
    for (int i = 0; i < NPLACEHOLDERS; i++)
        if (strlen(placeholders[i]) == len && !strncmp(placeholders[i], name, len)) return i;
    return -1;
}

static int check_body(const char *body, herr *e)
{
    if (check_saying("body", body, MACRO_BODY_MAX, 2, 1, "the reply it saves", e)) return -1;
    const char *p = body, *start, *end, *name;
    size_t len;
    bool bad;
    while (next_placeholder(p, &start, &end, &name, &len, &bad)) {
        if (known(name, len) < 0)
            return HERR_INVALID(e, "body", "unknown placeholder {{%.*s}}; heed knows {{customer.first_name}}, {{customer.name}}, "
                                           "{{ticket.id}}, {{ticket.subject}}, {{agent.name}} and {{agent.first_name}}",
                                (int)(len > 40 ? 40 : len), name);
        p = end;
    }
    if (bad) return HERR_INVALID(e, "body", "a placeholder opened with {{ is not closed with }}");
    return 0;
}

/* "Refund sent!" -> "refund-sent" */
static char *shortcut_of(arena *a, const char *name)
{
    char *out = arena_alloc(a, MACRO_SHORTCUT_MAX + 1);
    size_t n = 0;
    bool dash = false;
    for (const char *p = name; *p && n < MACRO_SHORTCUT_MAX; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n) out[n++] = '-';
            if (n < MACRO_SHORTCUT_MAX) out[n++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    out[n] = 0;
    return out;
}

static int check_shortcut(const char *v, herr *e)
{
    size_t n = strlen(v);
    if (!n || n > MACRO_SHORTCUT_MAX)
        return HERR_INVALID(e, "shortcut", "a shortcut is 1 to %d letters, digits or dashes", MACRO_SHORTCUT_MAX);
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return HERR_INVALID(e, "shortcut", "a shortcut uses lower-case letters, digits and dashes (it is typed as /%.32s)", v);
    }
    return 0;
}

int svc_macro_save(svc *s, long long id, const macro_in *in, macro_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "macros are an agent's");
    if (check_saying("name", in->name, MACRO_NAME_MAX, 2, 1, "what the macro is for", e) || check_body(in->body, e)) return -1;
    if (strchr(in->name, '\n')) return HERR_INVALID(e, "name", "a name is one line");
    const char *shortcut = in->shortcut && *in->shortcut ? in->shortcut : shortcut_of(s->a, in->name);
    if (check_shortcut(shortcut, e)) return -1;
    if (in->set_status && !svc_status_valid(in->set_status))
        return HERR_INVALID(e, "status", "status must be one of new, open, pending, on-hold, solved, closed");
    /* check_tags lower-cases in place: on copies, never the caller's strings */
    const char **tags_in = in->nadd_tags ? arena_alloc(s->a, sizeof *tags_in * (size_t)in->nadd_tags) : NULL;
    for (int i = 0; i < in->nadd_tags; i++) tags_in[i] = arena_strdup(s->a, in->add_tags[i]);
    if (check_tags(tags_in, in->nadd_tags, e)) return -1;
    macro_rec m = {0};
    if (id) {
        int found = store_macro_by_id(s->db, s->a, id, &m, e);
        if (found < 0) return -1;
        if (!found || (m.author_id != s->actor->id && !m.shared)) return herr_set(e, 404, "not_found", NULL, "no macro with id %lld", id);
        if (m.author_id != s->actor->id && !lead(s))
            return herr_set(e, 403, "forbidden", NULL, "only its author, a supervisor or an admin changes a shared macro");
    } else {
        m.author_id = s->actor->id;
        m.team_id = s->actor->team_id;
    }
    macro_rec *mine;
    int n;
    if (store_macros_visible(s->db, s->a, m.author_id, m.team_id, &mine, &n, e)) return -1;
    for (int i = 0; i < n; i++)
        if (mine[i].id != id && mine[i].author_id == m.author_id && !strcmp(mine[i].shortcut, shortcut))
            return herr_set(e, 409, "shortcut_taken", "shortcut", "the shortcut /%s is already one of this author's macros (%s)",
                            shortcut, mine[i].name);
    buf tags;
    buf_init(&tags, 64);
    for (int i = 0; i < in->nadd_tags; i++) buf_printf(&tags, "%s%s", i ? "," : "", tags_in[i]);
    char now[ISO_LEN];
    svc_now_iso(s, now);
    m.name = in->name;
    m.shortcut = shortcut;
    m.body = in->body;
    m.shared = in->shared;
    m.set_status = in->set_status;
    m.add_tags = arena_strdup(s->a, tags.p ? tags.p : "");
    m.take = in->take;
    m.updated_at = now;
    buf_free(&tags);
    if (db_begin(s->db, e)) return -1;
    if (store_macro_save(s->db, &m, e)) {
        db_rollback(s->db);
        return -1;
    }
    if (db_commit(s->db, e)) return -1;
    int found = store_macro_by_id(s->db, s->a, m.id, out, e);
    return found == 1 ? 0 : found < 0 ? -1 : HERR_INTERNAL(e, "macro vanished after save");
}

int svc_macros(svc *s, macro_rec **out, int *n, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "macros are an agent's");
    return store_macros_visible(s->db, s->a, s->actor->id, s->actor->team_id, out, n, e);
}

int svc_macro_get(svc *s, long long id, macro_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "macros are an agent's");
    int found = store_macro_by_id(s->db, s->a, id, out, e);
    if (found < 0) return -1;
    bool visible = found && (out->author_id == s->actor->id ||
                             (out->shared && (!out->team_id || out->team_id == s->actor->team_id)));
    return visible ? 0 : herr_set(e, 404, "not_found", NULL, "no macro with id %lld", id);
}

int svc_macro_delete(svc *s, long long id, herr *e)
{
    macro_rec m;
    if (svc_macro_get(s, id, &m, e)) return -1;
    if (m.author_id != s->actor->id && !lead(s))
        return herr_set(e, 403, "forbidden", NULL, "only its author, a supervisor or an admin deletes a shared macro");
    if (db_begin(s->db, e)) return -1;
    if (store_macro_delete(s->db, id, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

/* the first word of a name; "there" when there is none ("Hi {{customer.first_name}}" reads
 * "Hi there") */
static const char *first_name(arena *a, const char *name)
{
    if (!name) return "there";
    while (*name == ' ') name++;
    size_t n = strcspn(name, " ");
    return n && !memchr(name, '@', n) ? arena_strndup(a, name, n) : "there";
}

static const char *fill(svc *s, const char *body, const char *const values[NPLACEHOLDERS])
{
    buf out;
    buf_init(&out, strlen(body) + 64);
    const char *p = body, *start, *end, *name;
    size_t len;
    bool bad;
    while (next_placeholder(p, &start, &end, &name, &len, &bad)) {
        buf_put(&out, p, (size_t)(start - p));
        int k = known(name, len);
        if (k >= 0) buf_puts(&out, values[k]);
        else buf_put(&out, start, (size_t)(end - start)); /* saved before a placeholder was retired: left as written */
        p = end;
    }
    buf_puts(&out, p);
    const char *r = arena_strndup(s->a, out.p ? out.p : "", out.len);
    buf_free(&out);
    return r;
}

const char *svc_macro_render(svc *s, const macro_rec *m, const ticket_rec *t)
{
    const char *agent = s->actor ? s->actor->name : "";
    const char *values[NPLACEHOLDERS] = {first_name(s->a, t->customer_name), t->customer_name ? t->customer_name : "",
                                         arena_printf(s->a, "%lld", t->id),   t->subject,
                                         agent,                                first_name(s->a, agent)};
    return fill(s, m->body, values);
}

int svc_macro_apply(svc *s, long long ticket_id, long long id, herr *e)
{
    macro_rec m;
    if (svc_macro_get(s, id, &m, e)) return -1;
    ticket_rec t;
    if (svc_ticket_get(s, ticket_id, &t, e)) return -1;
    ticket_patch p = {.status = m.set_status};
    if (m.take && t.owner_id != s->actor->id) {
        p.set_owner = true;
        p.owner_id = s->actor->id;
    }
    if (*m.add_tags) { /* the ticket's tags and the macro's, each once */
        int cap = t.ntags + 1, n = 0;
        for (const char *c = m.add_tags; *c; c++) cap += *c == ',';
        const char **tags = arena_alloc(s->a, sizeof *tags * (size_t)cap);
        for (int i = 0; i < t.ntags; i++) tags[n++] = t.tags[i];
        size_t len;
        for (const char *l = m.add_tags, *tag; (tag = list_next(&l, &len)) && n < cap;) {
            bool have = false;
            for (int i = 0; i < n; i++) have |= strlen(tags[i]) == len && !strncmp(tags[i], tag, len);
            if (!have) tags[n++] = arena_strndup(s->a, tag, len);
        }
        if (n != t.ntags) {
            p.set_tags = true;
            p.tags = tags;
            p.ntags = n;
        }
    }
    ticket_rec after;
    if ((p.status || p.set_owner || p.set_tags) && svc_ticket_update(s, ticket_id, &p, &after, e)) return -1;
    if (db_begin(s->db, e)) return -1;
    if (store_macro_used(s->db, id, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}

void svc_macro_coach(svc *s, const macro_rec *m, macro_coach *out)
{
    out->n = 0;
    static const char *const sample[NPLACEHOLDERS] = {"Sam", "Sam Lee", "1234", "your order", "Alex Moreau", "Alex"};
    const char *text = fill(s, m->body, sample);
    coach_report *r = malloc(sizeof *r); /* ~26 KB: too big for a pool thread's stack */
    if (!r) return;
    coach_report_init(r);
    coach_input in = {.reply = text, .reply_len = strlen(text), .extra = svc_coach_lexicon()};
    if (!coach_analyze(&in, r))
        for (size_t i = 0; i < r->reply.nflags && out->n < MACRO_FLAGS_MAX; i++) {
            out->code[out->n] = coach_flag_name(r->reply.flags[i].code);
            out->why[out->n++] = arena_strdup(s->a, r->reply.flags[i].why ? r->reply.flags[i].why : "");
        }
    coach_report_free(r);
    free(r);
}

int svc_after_send(svc *s, const char **out, herr *e)
{
    *out = "stay";
    if (!s->actor) return 0;
    return store_agent_after_send(s->db, s->a, s->actor->id, out, e);
}

int svc_after_send_set(svc *s, const char *choice, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "an agent's own choice");
    if (!choice || (strcmp(choice, "stay") && strcmp(choice, "next")))
        return HERR_INVALID(e, "after_send", "after_send must be stay (the ticket) or next (the next ticket to work)");
    if (db_begin(s->db, e)) return -1;
    if (store_agent_set_after_send(s->db, s->actor->id, choice, e)) {
        db_rollback(s->db);
        return -1;
    }
    return db_commit(s->db, e);
}
