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
