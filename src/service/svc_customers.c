/* Customers: found by email, created on first contact. */
#include <string.h>
#include <strings.h>
#include "service/service.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/timeutil.h"

/* a word of a name: letters (any script), hyphens, apostrophes; a given name may end in "." */
static bool name_word(const char *s, size_t n, bool given)
{
    if (!n) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '\'' ||
                  (given && c == '.' && i == n - 1);
        if (!ok) return false;
    }
    return true;
}

const char *svc_name_as_written(arena *a, const char *name)
{
    static const char *const not_people[] = {"inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "plc", "co", "co.", "corp",
                                             "corp.", "sa", "ag", "bv", "phd", "md", "jr", "jr.", "sr", "sr.", "esq", NULL};
    const char *comma = name ? strchr(name, ',') : NULL;
    if (!comma || strchr(comma + 1, ',')) return name;
    /* "Okafor, Tunde" / "van Dijk, Anna Maria" are not: one family word, then one or two given words */
    const char *last = name, *end = comma;
    while (*last == ' ') last++;
    while (end > last && end[-1] == ' ') end--;
    if (!name_word(last, (size_t)(end - last), false)) return name;
    const char *given = comma + 1;
    while (*given == ' ') given++;
    size_t glen = strlen(given);
    while (glen && given[glen - 1] == ' ') glen--;
    int words = 0;
    for (const char *p = given, *stop = given + glen; p < stop;) {
        const char *sp = memchr(p, ' ', (size_t)(stop - p));
        size_t n = sp ? (size_t)(sp - p) : (size_t)(stop - p);
        if (!name_word(p, n, true)) return name;
        for (const char *const *np = not_people; *np; np++)
            if (strlen(*np) == n && !strncasecmp(p, *np, n)) return name;
        words++;
        p += n;
        while (p < stop && *p == ' ') p++;
    }
    for (const char *const *np = not_people; *np; np++)
        if (strlen(*np) == (size_t)(end - last) && !strncasecmp(last, *np, (size_t)(end - last))) return name;
    if (words < 1 || words > 2) return name;
    return arena_printf(a, "%.*s %.*s", (int)glen, given, (int)(end - last), last);
}

/* Runs inside the caller's transaction (ticket create), so a refused ticket
 * leaves no stray customer behind. */
int svc_customer_find_or_create(svc *s, const char *email, const char *name, customer_rec *out, herr *e)
{
    if (check_email("customer.email", email, e)) return -1;
    if (name && *name && check_text("customer.name", name, NAME_MAX_LEN, false, e)) return -1;
    char *lower = arena_strdup(s->a, email);
    str_lower(lower);
    int found = store_customer_by_email(s->db, s->a, lower, out, e);
    if (found) return found < 0 ? -1 : 0;
    /* no name given: the part before the @ is a friendlier label than nothing; "Okafor, Tunde"
     * (as mail programs write From names) reads as people write it, "Tunde Okafor" */
    const char *label = name && *name ? svc_name_as_written(s->a, name)
                                      : arena_strndup(s->a, lower, (size_t)(strchr(lower, '@') - lower));
    char now[ISO_LEN];
    svc_now_iso(s, now);
    long long id;
    if (store_customer_insert(s->db, lower, label, now, &id, e)) return -1;
    if (store_audit_insert(s->db, now, s->actor ? s->actor->id : 0, "customer", id, "create", NULL, lower, e)) return -1;
    *out = (customer_rec){.id = id, .email = lower, .name = label, .created_at = arena_strdup(s->a, now)};
    return 0;
}

int svc_customer_get(svc *s, long long id, customer_rec *out, herr *e)
{
    return store_customer_by_id(s->db, s->a, id, out, e);
}

/* a change to customer id begins: the transaction, and the customer as it is (404 if none);
 * on an error the transaction is already rolled back */
static int begin_change(svc *s, long long id, customer_rec *c, herr *e)
{
    if (db_begin(s->db, e)) return -1;
    int found = store_customer_by_id(s->db, s->a, id, c, e);
    if (found > 0) return 0;
    if (!found) herr_set(e, 404, "not_found", "", "customer %lld not found", id);
    db_rollback(s->db);
    return -1;
}

int svc_customer_update(svc *s, long long id, const char *name, const char *email, customer_rec *out, herr *e)
{
    if (email && check_email("email", email, e)) return -1;
    if (name && check_text("name", name, NAME_MAX_LEN, false, e)) return -1;
    char now[ISO_LEN];
    svc_now_iso(s, now);
    customer_rec c;
    if (begin_change(s, id, &c, e)) return -1;
    char *lower = email ? arena_strdup(s->a, email) : NULL;
    if (lower) str_lower(lower);
    const char *new_email = lower ? lower : c.email, *new_name = name ? name : c.name;
    if (lower && strcmp(lower, c.email)) {
        customer_rec other;
        int taken = store_customer_by_email(s->db, s->a, lower, &other, e);
        if (taken < 0) goto fail;
        if (taken && other.id != id) {
            herr_set(e, 409, "conflict", "email", "%.200s is another customer's address", lower);
            goto fail;
        }
    }
    if (store_customer_update(s->db, id, new_email, new_name, e)) goto fail;
    long long actor = s->actor ? s->actor->id : 0;
    if (strcmp(new_email, c.email) && store_audit_insert(s->db, now, actor, "customer", id, "email", c.email, new_email, e)) goto fail;
    if (strcmp(new_name, c.name) && store_audit_insert(s->db, now, actor, "customer", id, "name", c.name, new_name, e)) goto fail;
    c.email = new_email;
    c.name = new_name;
    *out = c;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

/* "de", "pt-BR", "zh-Hant": a BCP 47 language with an optional script or region, or "" */
static bool language_ok(const char *v)
{
    size_t i = 0, n = strlen(v);
    if (!n) return true;
    while (i < n && v[i] >= 'a' && v[i] <= 'z') i++;
    if (i < 2 || i > 3) return false;
    if (i == n) return true;
    if (v[i] != '-') return false;
    size_t start = ++i;
    while (i < n && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9'))) i++;
    return i == n && i - start >= 2 && i - start <= 8;
}

int svc_customer_profile(svc *s, long long id, const customer_profile *p, customer_rec *out, herr *e)
{
    if (!s->actor) return herr_set(e, 403, "forbidden", NULL, "the team's notes are an agent's to write");
    const char **tags = NULL;
    if (p->set_tags) { /* writable copies: check_tags lower-cases them in place */
        tags = arena_alloc(s->a, sizeof *tags * (size_t)(p->ntags > 0 ? p->ntags : 1));
        for (int i = 0; i < p->ntags; i++) tags[i] = arena_strdup(s->a, p->tags[i]);
        if (check_tags(tags, p->ntags, e)) return -1;
    }
    if (p->notes && check_text("notes", p->notes, CUSTOMER_NOTES_MAX, true, e)) return -1;
    if (p->language && !language_ok(p->language))
        return HERR_INVALID(e, "language", "language must be a language tag like en, de or pt-BR (or empty)");
    char now[ISO_LEN];
    svc_now_iso(s, now);
    customer_rec c;
    if (begin_change(s, id, &c, e)) return -1;
    const char *new_tags = c.tags;
    if (p->set_tags) {
        buf b;
        buf_init(&b, 64);
        for (int i = 0; i < p->ntags; i++) {
            bool again = false; /* a tag given twice is kept once */
            for (int k = 0; k < i && !again; k++) again = !strcmp(tags[k], tags[i]);
            if (!again) buf_printf(&b, "%s%s", b.len ? "," : "", tags[i]);
        }
        new_tags = arena_strndup(s->a, b.p ? b.p : "", b.len);
        buf_free(&b);
    }
    const char *new_notes = p->notes ? p->notes : c.notes, *new_language = p->language ? p->language : c.language;
    if (store_customer_profile_set(s->db, id, new_tags, new_notes, new_language, e)) goto fail;
    long long actor = s->actor->id;
    if ((strcmp(new_tags, c.tags) && store_audit_insert(s->db, now, actor, "customer", id, "tags", c.tags, new_tags, e)) ||
        (strcmp(new_notes, c.notes) && store_audit_insert(s->db, now, actor, "customer", id, "notes", c.notes, new_notes, e)) ||
        (strcmp(new_language, c.language) && store_audit_insert(s->db, now, actor, "customer", id, "language", c.language, new_language, e)))
        goto fail;
    c.tags = new_tags;
    c.notes = new_notes;
    c.language = new_language;
    *out = c;
    return db_commit(s->db, e);
fail:
    db_rollback(s->db);
    return -1;
}

int svc_customer_list(svc *s, const char *q, long long before_id, int limit, customer_rec **out, int *n, herr *e)
{
    if (limit < 1 || limit > 100) return HERR_INVALID(e, "limit", "limit must be 1 to 100");
    if (q && (strlen(q) > 200 || !utf8_valid(q, strlen(q)))) return HERR_INVALID(e, "q", "q must be valid UTF-8 of at most 200 bytes");
    return store_customer_list(s->db, s->a, q, before_id, limit, out, n, e);
}

int svc_customer_panel(svc *s, long long id, customer_panel_rec *out, herr *e)
{
    return store_customer_panel(s->db, s->a, id, out, e);
}
