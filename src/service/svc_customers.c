/* Customers: found by email, created on first contact. */
#include <string.h>
#include "service/service.h"
#include "service/validate.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timeutil.h"

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
    /* no name given: the part before the @ is a friendlier label than nothing */
    const char *label = name && *name ? name : arena_strndup(s->a, lower, (size_t)(strchr(lower, '@') - lower));
    char now[ISO_LEN];
    time_iso_now(now);
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

int svc_customer_update(svc *s, long long id, const char *name, const char *email, customer_rec *out, herr *e)
{
    if (email && check_email("email", email, e)) return -1;
    if (name && check_text("name", name, NAME_MAX_LEN, false, e)) return -1;
    char now[ISO_LEN];
    time_iso_now(now);
    if (db_begin(s->db, e)) return -1;
    customer_rec c;
    int found = store_customer_by_id(s->db, s->a, id, &c, e);
    if (found <= 0) {
        if (!found) herr_set(e, 404, "not_found", "", "customer %lld not found", id);
        goto fail;
    }
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

int svc_customer_list(svc *s, const char *q, long long before_id, int limit, customer_rec **out, int *n, herr *e)
{
    if (limit < 1 || limit > 100) return HERR_INVALID(e, "limit", "limit must be 1 to 100");
    if (q && (strlen(q) > 200 || !utf8_valid(q, strlen(q)))) return HERR_INVALID(e, "q", "q must be valid UTF-8 of at most 200 bytes");
    return store_customer_list(s->db, s->a, q, before_id, limit, out, n, e);
}
