#ifndef HEED_SVC_MACROS_H
#define HEED_SVC_MACROS_H
/* service: macros (svc_macros.c), saved replies an agent types with a short trigger. A macro
 * has a name, a shortcut ("refund-sent", typed as /refund-sent in the reply box), a body with
 * placeholders, and may set the status, add tags and take the ticket when a reply made from it
 * is sent. Personal, or shared with the author's team (with everyone when the author has no
 * team); the author changes it, and supervisors and admins change shared ones too. The coach
 * reads a macro's body when it is saved (a saved reply is sent many times: its flags matter
 * more than one reply's) and again in the reply box, like any reply.
 * Placeholders: {{customer.first_name}}, {{customer.name}}, {{ticket.id}}, {{ticket.subject}},
 * {{agent.name}}, {{agent.first_name}}; any other is refused when the macro is saved. */
#include "service/service.h"
#include "store/store.h"

enum { MACRO_NAME_MAX = 80, MACRO_SHORTCUT_MAX = 32, MACRO_BODY_MAX = 20000, MACRO_FLAGS_MAX = 8 };

typedef struct macro_in {
    const char *name, *shortcut; /* shortcut NULL: made from the name */
    const char *body;
    bool shared;
    const char *set_status; /* NULL: leaves it */
    const char **add_tags;
    int nadd_tags;
    bool take;
} macro_in;

/* id 0 creates; 422 name, shortcut, body (a placeholder it does not know), status, tags;
 * 409 shortcut_taken; 403 another's macro; 404 */
int svc_macro_save(svc *s, long long id, const macro_in *in, macro_rec *out, herr *e);
/* the macros the actor may use, by name */
int svc_macros(svc *s, macro_rec **out, int *n, herr *e);
/* one the actor may use (404 otherwise) */
int svc_macro_get(svc *s, long long id, macro_rec *out, herr *e);
int svc_macro_delete(svc *s, long long id, herr *e);
/* the body with ticket t's placeholders filled, for the actor */
const char *svc_macro_render(svc *s, const macro_rec *m, const ticket_rec *t);
/* after a reply made from macro id was sent on ticket_id: its status, tags and owner, and one
 * more use */
int svc_macro_apply(svc *s, long long ticket_id, long long id, herr *e);

/* what the coach flags in a macro's body (read with sample placeholder values) */
typedef struct macro_coach {
    const char *code[MACRO_FLAGS_MAX], *why[MACRO_FLAGS_MAX];
    int n;
} macro_coach;
void svc_macro_coach(svc *s, const macro_rec *m, macro_coach *out);

/* what follows a sent reply for the actor: "stay" (the ticket) or "next" (focus mode's next) */
int svc_after_send(svc *s, const char **out, herr *e);
int svc_after_send_set(svc *s, const char *choice, herr *e); /* 422 after_send */
#endif
