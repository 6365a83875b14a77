/* The customer panel. See page_customer_panel.h. */
#include <string.h>
#include "service/svc_goodwill.h"
#include "store/store.h"
#include "util/text.h"
#include "web/html.h"
#include "web/page.h"
#include "web/page_coach.h"
#include "web/page_customer_panel.h"

void page_customer_panel(req *r, buf *b, long long customer_id, const char *back, const profile_form *f)
{
    customer_rec c;
    customer_panel_rec p;
    herr e;
    if (svc_customer_get(&r->s, customer_id, &c, &e) <= 0 || svc_customer_panel(&r->s, customer_id, &p, &e)) return;
    html(b, "<section class=\"card customer customer-card\" id=\"customer-panel\"><h2>Customer</h2><div class=\"who\">"
            "<span class=\"avatar\" aria-hidden=\"true\">%s</span><p><a href=\"/customers/%l\"><strong>%s</strong></a><br>"
            "<span class=\"muted\">%s</span></p></div><ul class=\"facts\">",
         page_initials(r, c.name), c.id, c.name, c.email);
    html(b, "<li id=\"customer-standing\">%s</li><li>First contact %s</li>",
         c.ticket_count <= 1 ? "First conversation with us" : arena_printf(&r->a, "Long-standing: %d conversations", c.ticket_count),
         page_ago(r, c.created_at));
    if (*c.language) html(b, "<li>Writes in <strong lang=\"%s\">%s</strong></li>", c.language, c.language);
    if (p.open_promises) html(b, "<li class=\"promises\">%d open promise%R to them</li>", p.open_promises, p.open_promises == 1 ? "" : "s");
    if (p.goodwill_minor) html(b, "<li>Goodwill given: %s</li>", svc_goodwill_money(&r->a, p.goodwill_minor, svc_goodwill_currency()));
    html(b, "</ul>");
    if (p.nrecent) { /* how their latest messages read, newest first */
        html(b, "<p class=\"recent-mood\" id=\"customer-mood\"><span class=\"muted\">Latest messages:</span>");
        for (int i = 0; i < p.nrecent; i++) {
            html(b, " ");
            page_coach_emotion_link(r, b, p.recent[i].body, p.recent_emotion[i],
                                    arena_printf(&r->a, "/tickets/%lld", p.recent[i].ticket_id), page_ago(r, p.recent[i].created_at));
        }
        html(b, "</p>");
    }
    if (*c.tags) {
        html(b, "<p class=\"customer-tags\" id=\"customer-tags\">");
        size_t len;
        for (const char *t = c.tags, *tag; (tag = list_next(&t, &len));)
            html(b, "<span class=\"tag\">%s</span> ", arena_strndup(&r->a, tag, len));
        html(b, "</p>");
    }
    if (*c.notes) html(b, "<p class=\"customer-notes\" id=\"customer-notes\">%s</p>", c.notes);
    /* the team's data on them: editable, each change with an audit row */
    bool refused = f && f->error;
    html(b, "<details class=\"customer-profile\"%R><summary>Tags and notes</summary>"
            "<form method=\"post\" action=\"/customers/%l/profile\" id=\"customer-profile-form\">",
         refused ? " open" : "", c.id);
    page_csrf_field(r, b);
    html(b, "<input type=\"hidden\" name=\"back\" value=\"%s\">", back);
    const char *fields[][5] = {
        {"tags", "Tags", "customer-tags-input", refused ? f->tags : c.tags, "vip, wholesale"},
        {"language", "Language", "customer-language", refused ? f->language : c.language, "en, de, pt-BR"},
    };
    for (int i = 0; i < 2; i++) {
        bool bad = refused && f->field && !strcmp(f->field, fields[i][0]);
        html(b, "<label>%s <input name=\"%s\" id=\"%s\" value=\"%s\" placeholder=\"%s\"%R></label>", fields[i][1], fields[i][0],
             fields[i][2], fields[i][3] ? fields[i][3] : "", fields[i][4],
             bad ? arena_printf(&r->a, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", fields[i][2]) : "");
        if (bad) html(b, "<span class=\"error field-error\" id=\"%s-error\">%s</span>", fields[i][2], f->error);
    }
    bool bad_notes = refused && f->field && !strcmp(f->field, "notes");
    html(b, "<label>Notes <textarea name=\"notes\" id=\"customer-notes-input\" rows=\"3\" maxlength=\"4000\"%R>%s</textarea></label>",
         bad_notes ? " aria-invalid=\"true\" aria-describedby=\"customer-notes-input-error\"" : "", refused ? (f->notes ? f->notes : "") : c.notes);
    if (bad_notes) html(b, "<span class=\"error field-error\" id=\"customer-notes-input-error\">%s</span>", f->error);
    if (refused && (!f->field || (strcmp(f->field, "tags") && strcmp(f->field, "language") && strcmp(f->field, "notes"))))
        html(b, "<p class=\"error\">%s</p>", f->error);
    html(b, "<button type=\"submit\">Save</button></form></details></section>");
}
