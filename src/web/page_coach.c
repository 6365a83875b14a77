/* The coach on the ticket page: mood chips on each customer message (read
 * server-side through svc_coach_mood) and the live coach panel beside the reply
 * box, which assets/coach.js fills from POST /api/v1/coach as the agent types. */
#include <string.h>
#include <time.h>
#include "service/service.h"
#include "util/tz.h"
#include "web/page_coach.h"

static const char *emotion_label(const char *e)
{
    static const char *const names[][2] = {{"angry", "Angry"}, {"frustrated", "Frustrated"}, {"anxious", "Worried"},
                                           {"sad", "Sad"}, {"confused", "Confused"}, {"happy", "Happy"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(e, names[i][0])) return names[i][1];
    return "Calm";
}

/* negative emotions get the warm tone, happy the green one, the rest stay grey */
static const char *emotion_tone(const char *e, double sentiment)
{
    if (!strcmp(e, "happy")) return "good";
    if (!strcmp(e, "neutral") || !strcmp(e, "confused")) return sentiment <= -0.5 ? "warn" : "plain";
    return "warn";
}

void page_coach_emotion_link(req *r, buf *b, const char *text, const char *href, const char *title)
{
    svc_mood m;
    if (!text || svc_coach_mood(text, r->coach_lexicon, &m)) return;
    html(b, "<a class=\"chip mood-%s\" data-emotion=\"%s\" href=\"%s\" title=\"%s\">%s</a>", emotion_tone(m.emotion, m.sentiment),
         m.emotion, href, title, emotion_label(m.emotion));
}

static void chips(buf *b, const svc_mood *m)
{
    html(b, "<span class=\"chip mood-%s\" data-emotion=\"%s\">%s</span>", emotion_tone(m->emotion, m->sentiment), m->emotion,
         emotion_label(m->emotion));
    if (m->urgent) html(b, "<span class=\"chip mood-warn\" data-cue=\"urgent\">Urgent</span>");
    if (m->repeat_contact) html(b, "<span class=\"chip mood-warn\" data-cue=\"repeat_contact\">Has written before</span>");
    if (m->complaint) html(b, "<span class=\"chip mood-warn\" data-cue=\"complaint\">Complaint</span>");
    if (m->thanks) html(b, "<span class=\"chip mood-good\" data-cue=\"thanks\">Says thanks</span>");
    if (m->questions)
        html(b, "<span class=\"chip mood-plain\" data-cue=\"questions\">%s</span>",
             m->questions == 1 ? "1 question" : m->questions == 2 ? "2 questions" : "3+ questions");
}

void page_coach_mood(req *r, buf *b, const char *text)
{
    svc_mood m;
    if (svc_coach_mood(text, r->coach_lexicon, &m)) return; /* out of memory: the page goes on without chips */
    html(b, "<p class=\"mood\"><span class=\"sr\">How the customer sounds: </span>");
    chips(b, &m);
    html(b, "</p>");
}

void page_coach_panel(req *r, buf *b, const char *customer_text, const char *customer_name)
{
    svc_mood m;
    if (customer_text) customer_text = arena_strndup(&r->a, customer_text, svc_coach_text_len(customer_text));
    bool have = customer_text && *customer_text && !svc_coach_mood(customer_text, r->coach_lexicon, &m);
    html(b, "<section class=\"card coach\" id=\"coach\" aria-labelledby=\"coach-title\" data-customer=\"%s\" data-customer-name=\"%s\"",
         customer_text ? customer_text : "", customer_name ? customer_name : "");
    /* the agent's zone, sent with each draft so promises resolve in their local time, and its
     * abbreviations by offset ("-300 EST,-240 EDT") so a due date reads "17:00 EST" */
    const char *zone = svc_agent_zone(&r->agent, r->default_tz);
    tz_view v;
    if (tz_at(zone, (long long)time(NULL), &v)) {
        buf ab;
        buf_init(&ab, 64);
        buf_printf(&ab, "%d %s", v.offset, v.abbr);
        for (int i = 0; i < v.nchanges && i < 2; i++) buf_printf(&ab, ",%d %s", v.change[i].offset, v.change[i].abbr);
        html(b, " data-tz=\"%s\" data-tz-abbr=\"%s\"", zone, ab.p);
        buf_free(&ab);
    }
    html(b, ">");
    html(b, "<div class=\"coach-head\"><h2 id=\"coach-title\">Reply coach</h2>");
    if (have) {
        html(b, "<p class=\"mood\" id=\"coach-mood\"><span class=\"sr\">%s sounds: </span>", customer_name ? customer_name : "The customer");
        chips(b, &m);
        html(b, "</p>");
    }
    /* the toggle does nothing without script, so the script reveals it */
    html(b, "<button type=\"button\" class=\"link coach-toggle\" id=\"coach-toggle\" aria-expanded=\"true\" aria-controls=\"coach-body\" hidden>Hide</button></div>"
            "<div class=\"coach-body\" id=\"coach-body\">"
            "<p class=\"coach-summary\" id=\"coach-summary\" aria-live=\"polite\">Start your reply: the coach reads it as you write. It never stops you sending.</p>"
            "<div id=\"coach-results\"></div></div></section>"
            "<script src=\"/static/coach.js\" defer></script>");
}
