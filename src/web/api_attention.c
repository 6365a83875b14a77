/* Priority from the customer's side over the API: the ticket's "attention" member, the
 * ?sort=attention list, and GET/POST /api/v1/messages/{id}/reading (an agent's correction). */
#include <stdio.h>
#include <string.h>
#include "service/svc_attention.h"
#include "util/text.h"
#include "web/api.h"
#include "web/handlers.h"

void api_write_attention(jw *j, const attention *a)
{
    jw_key(j, "attention");
    jw_obj(j);
    jw_kint(j, "score", a->score);
    jw_key(j, "reasons");
    jw_arr(j);
    for (int i = 0; i < a->nreasons; i++) jw_str(j, a->reasons[i]);
    jw_end_arr(j);
    jw_kstr(j, "waiting_since", a->waiting_since);
    jw_end_obj(j);
}

void api_write_ticket_attention(jw *j, req *r, const ticket_rec *t)
{
    attention a;
    herr e;
    if (svc_attention_of(&r->s, t, &a, &e)) memset(&a, 0, sizeof a); /* a read error: no score rather than no ticket */
    api_write_attention(j, &a);
}

/* ?sort=attention: the new and open tickets waiting for our answer, the highest score first
 * (one page of at most limit); owner and team filter, ?attention=N keeps scores of N or more */
void api_ticket_list_attention(req *r, resp *w)
{
    static const char *const params[] = {"sort", "owner", "team", "attention", "limit", "status", "customer", "q", "cursor", "sla", NULL};
    if (!api_check_query(r, w, params)) return;
    for (int i = 5; params[i]; i++) { /* the plain list's filters that this order does not take */
        const char *v = req_query(r, params[i]);
        if (v && *v) {
            char msg[160];
            snprintf(msg, sizeof msg, "the attention order lists the new and open tickets waiting for our answer in one page; %s does not combine with it", params[i]);
            return resp_json_error(w, 400, "invalid", params[i], msg);
        }
    }
    const char *owner = req_query(r, "owner"), *team = req_query(r, "team"), *min = req_query(r, "attention");
    const char *limit = req_query(r, "limit"), *sort = req_query(r, "sort");
    if (sort && *sort && strcmp(sort, "attention") && strcmp(sort, "waiting"))
        return resp_json_error(w, 400, "invalid", "sort", "?attention= lists by attention; it does not combine with another sort");
    long long owner_id = 0, team_id = 0, lim = 20 /* as the other ticket lists */, min_score = 0;
    if (owner && *owner) {
        if (!strcmp(owner, "me")) owner_id = r->agent.id;
        else if (!strcmp(owner, "none")) owner_id = -1;
        else if (!parse_id(owner, &owner_id))
            return resp_json_error(w, 400, "invalid", "owner", "owner must be an agent id, 'me' or 'none'");
    }
    if (team && *team && !parse_id(team, &team_id)) return resp_json_error(w, 400, "invalid", "team", "team must be a team id");
    if (limit && (!parse_id(limit, &lim) || lim > 100)) return resp_json_error(w, 400, "invalid", "limit", "limit must be 1 to 100");
    if (min && *min && strcmp(min, "0") && (!parse_id(min, &min_score) || min_score > 100))
        return resp_json_error(w, 400, "invalid", "attention", "attention must be a score from 0 to 100");
    attention_item *items;
    int n;
    herr e;
    bool waiting = sort && !strcmp(sort, "waiting");
    if (waiting && min && *min) return resp_json_error(w, 400, "invalid", "attention", "the waiting order takes no attention score");
    if (waiting ? svc_waiting_list(&r->s, owner_id, team_id, (int)lim, &items, &n, &e)
                : svc_attention_list(&r->s, owner_id, team_id, (int)min_score, (int)lim, &items, &n, &e))
        return resp_herr(w, &e);
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_key(&j, "tickets");
    jw_arr(&j);
    for (int i = 0; i < n; i++) {
        api_write_ticket(&j, &items[i].ticket);
        api_write_attention(&j, &items[i].attention);
        jw_end_obj(&j);
    }
    jw_end_arr(&j);
    jw_key(&j, "next_cursor");
    jw_null(&j);
    jw_end_obj(&j);
}

static void write_reading(resp *w, const message_reading *m)
{
    jw j;
    api_begin(w, 200, &j);
    jw_obj(&j);
    jw_kint(&j, "message_id", m->message_id);
    jw_kstr(&j, "emotion", m->emotion);
    jw_kbool(&j, "urgent", m->urgent);
    jw_kbool(&j, "complaint", m->complaint);
    jw_kbool(&j, "repeat_contact", m->repeat_contact);
    jw_kbool(&j, "corrected", m->corrected);
    if (m->corrected) {
        jw_kstr(&j, "corrected_by", m->corrected_by);
        jw_kstr(&j, "corrected_at", m->corrected_at);
        jw_key(&j, "coach_read"); /* what the coach read before the correction */
        jw_obj(&j);
        jw_kstr(&j, "emotion", m->read_emotion);
        jw_kbool(&j, "urgent", m->read_urgent);
        jw_kbool(&j, "complaint", m->read_complaint);
        jw_kbool(&j, "repeat_contact", m->read_repeat_contact);
        jw_end_obj(&j);
    }
    jw_end_obj(&j);
}

void api_message_reading(req *r, resp *w)
{
    long long id;
    if (!api_path_id(r, w, "message", &id)) return;
    message_reading m;
    herr e;
    if (svc_reading_get(&r->s, id, &m, &e)) return resp_herr(w, &e);
    write_reading(w, &m);
}

/* a boolean member that may be absent (-1) */
static bool get_flag(resp *w, json_t *o, const char *key, int *out)
{
    json_t *v = json_object_get(o, key);
    *out = -1;
    if (!v) return true;
    if (!json_is_boolean(v)) {
        char msg[64];
        snprintf(msg, sizeof msg, "%s must be true or false", key);
        resp_json_error(w, 400, "wrong_type", key, msg);
        return false;
    }
    *out = json_is_true(v);
    return true;
}

void api_message_reading_correct(req *r, resp *w)
{
    static const char *const fields[] = {"emotion", "urgent", "complaint", "repeat_contact", NULL};
    long long id;
    if (!api_path_id(r, w, "message", &id)) return;
    json_t *o = api_read_object(r, w, fields);
    if (!o) return;
    reading_fix fix = {0};
    message_reading m;
    herr e;
    if (!api_get_str(w, o, "emotion", "emotion", false, &fix.emotion) || !get_flag(w, o, "urgent", &fix.urgent) ||
        !get_flag(w, o, "complaint", &fix.complaint) || !get_flag(w, o, "repeat_contact", &fix.repeat_contact)) {
    } else if (!fix.emotion && fix.urgent < 0 && fix.complaint < 0 && fix.repeat_contact < 0) {
        resp_json_error(w, 400, "missing_field", "emotion", "say what the coach misread: emotion, urgent, complaint or repeat_contact");
    } else if (svc_reading_correct(&r->s, id, &fix, &m, &e)) {
        resp_herr(w, &e);
    } else {
        write_reading(w, &m);
    }
    json_decref(o);
}
