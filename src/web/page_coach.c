/* The coach on the ticket page: mood chips on each customer message (read
 * server-side through svc_coach_mood) and the live coach panel beside the reply
 * box, which assets/coach.js fills from POST /api/v1/coach as the agent types. */
#include <string.h>
#include <time.h>
#include "service/service.h"
#include "service/svc_attention.h"
#include "web/page.h"
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

void page_coach_emotion_link(req *r, buf *b, const char *text, const char *corrected, const char *href, const char *title)
{
    svc_mood m;
    if (!text || svc_coach_mood(text, r->coach_lexicon, &m)) return;
    if (corrected) m.emotion = corrected, m.sentiment = 0;
    html(b, "<a class=\"chip mood-%s\" data-emotion=\"%s\" href=\"%s\" title=\"%s\">%s</a>", emotion_tone(m.emotion, m.sentiment),
         m.emotion, href, title, emotion_label(m.emotion));
}

/* the languages the coach reads (docs/COACH.md, "Languages", "Spanish") */
static bool coach_reads(const char *language) { return !language || !strcmp(language, "en") || !strcmp(language, "es"); }

/* fixable: each chip of a cue is also a button that says "not so" (one click corrects it) */
static void chips(buf *b, const svc_mood *m, bool fixable)
{
    if (!coach_reads(m->language)) { /* not read, and said so */
        html(b, "<span class=\"chip mood-plain\" data-cue=\"language\" data-language=\"%s\" title=\"The coach reads English and Spanish\">"
                "Not English (%s): not read</span>",
             m->language, m->language);
        return;
    }
    const char *tone = emotion_tone(m->emotion, m->sentiment), *label = emotion_label(m->emotion);
    /* the words the coach read it from, in the tooltip (and in the panel head, in words) */
    const char *from = m->because[0][0] ? m->because[0] : NULL;
    if (fixable && strcmp(m->emotion, "neutral") && strcmp(m->emotion, "happy"))
        html(b, "<button type=\"submit\" name=\"drop\" value=\"emotion\" class=\"chip mood-%s\" data-emotion=\"%s\" "
                "title=\"%s%s%sNot %s? Click to correct\">%s<span class=\"sr\"> (not right? correct it)</span><span class=\"x\" aria-hidden=\"true\">×</span></button>",
             tone, m->emotion, from ? "Read from " : "", from ? from : "", from ? ". " : "", label, label);
    else if (from) html(b, "<span class=\"chip mood-%s\" data-emotion=\"%s\" title=\"Read from %s\">%s</span>", tone, m->emotion, from, label);
    else html(b, "<span class=\"chip mood-%s\" data-emotion=\"%s\">%s</span>", tone, m->emotion, label);
    static const struct { const char *cue, *label; } cues[] = {
        {"urgent", "Urgent"}, {"repeat_contact", "Has written before"}, {"complaint", "Complaint"}};
    bool on[] = {m->urgent, m->repeat_contact, m->complaint};
    const char *words[] = {m->because[1], m->because[3], m->because[2]};
    for (int i = 0; i < 3; i++) {
        if (!on[i]) continue;
        const char *w = words[i][0] ? words[i] : NULL;
        if (fixable)
            html(b, "<button type=\"submit\" name=\"drop\" value=\"%s\" class=\"chip mood-warn\" data-cue=\"%s\" title=\"%s%s%sNot so? Click to correct\">"
                    "%s<span class=\"sr\"> (not right? correct it)</span><span class=\"x\" aria-hidden=\"true\">×</span></button>",
                 cues[i].cue, cues[i].cue, w ? "Read from " : "", w ? w : "", w ? ". " : "", cues[i].label);
        else if (w) html(b, "<span class=\"chip mood-warn\" data-cue=\"%s\" title=\"Read from %s\">%s</span>", cues[i].cue, w, cues[i].label);
        else html(b, "<span class=\"chip mood-warn\" data-cue=\"%s\">%s</span>", cues[i].cue, cues[i].label);
    }
    if (m->thanks) html(b, "<span class=\"chip mood-good\" data-cue=\"thanks\">Says thanks</span>");
    if (m->questions)
        html(b, "<span class=\"chip mood-plain\" data-cue=\"questions\">%s</span>",
             m->questions == 1 ? "1 question" : m->questions == 2 ? "2 questions" : "3+ questions");
    if (m->language && !strcmp(m->language, "es")) /* read, in its own lexicon: said so */
        html(b, "<span class=\"chip mood-plain\" data-cue=\"language\" data-language=\"es\" title=\"The coach read this message in Spanish\">"
                "Spanish</span>");
}

/* the words each reading was read from, in words under the panel's chips: "Read from “Gone”
 * (angry) · “need ... Friday” (urgent)" */
static void because_line(buf *b, const svc_mood *m)
{
    const char *what[] = {emotion_label(m->emotion), "urgent", "complaint", "written before"};
    bool on[] = {strcmp(m->emotion, "neutral") != 0, m->urgent, m->complaint, m->repeat_contact};
    bool any = false;
    for (int k = 0; k < 4; k++) {
        if (!on[k] || !m->because[k][0]) continue;
        html(b, any ? " · %s <span class=\"muted\">(%s)</span>" : "<p class=\"because\" id=\"coach-because\">Read from %s <span class=\"muted\">(%s)</span>",
             m->because[k], k ? what[k] : what[0]);
        any = true;
    }
    if (any) html(b, "</p>");
}

/* the whole reading, to set what the chips cannot (an emotion or a cue the coach missed) */
static void fix_form(req *r, buf *b, const svc_mood *m)
{
    static const char *const names[] = {"neutral", "happy", "confused", "sad", "anxious", "frustrated", "angry"};
    html(b, "<details class=\"reading-fix\"><summary>Correct</summary><label>Sounds <select name=\"emotion\">");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        html(b, "<option value=\"%s\"%R>%s</option>", names[i], !strcmp(names[i], m->emotion) ? " selected" : "", emotion_label(names[i]));
    html(b, "</select></label>");
    html(b, "<label><input type=\"checkbox\" name=\"urgent\" value=\"1\"%R> Urgent</label>", m->urgent ? " checked" : "");
    html(b, "<label><input type=\"checkbox\" name=\"repeat_contact\" value=\"1\"%R> Has written before</label>", m->repeat_contact ? " checked" : "");
    html(b, "<label><input type=\"checkbox\" name=\"complaint\" value=\"1\"%R> Complaint</label>", m->complaint ? " checked" : "");
    html(b, "<input type=\"hidden\" name=\"whole\" value=\"1\"><button type=\"submit\" class=\"small\">Save</button></details>");
    (void)r;
}

void page_coach_mood(req *r, buf *b, const char *text, const reading_correction_rec *fix, const char *action)
{
    svc_mood m;
    if (svc_coach_mood(text, r->coach_lexicon, &m)) return; /* out of memory: the page goes on without chips */
    svc_reading_apply(&m, fix);
    if (!action) {
        html(b, "<p class=\"mood\"><span class=\"sr\">How the customer sounds: </span>");
        chips(b, &m, false);
        html(b, "</p>");
        return;
    }
    /* one form per message: a chip's button drops that cue, the details set the whole reading */
    html(b, "<form class=\"mood\" method=\"post\" action=\"%s\"><span class=\"sr\">How the customer sounds: </span>", action);
    page_csrf_field(r, b);
    chips(b, &m, true);
    if (fix)
        html(b, "<span class=\"corrected\" title=\"%s corrected the coach's reading (it read %s)\">corrected by %s</span>",
             fix->agent_name, fix->read_emotion, fix->agent_name);
    fix_form(r, b, &m);
    html(b, "</form>");
}

void page_coach_panel(req *r, buf *b, const char *customer_text, const char *customer_name, const attention *waiting,
                      const char *earlier, bool wrote_before)
{
    svc_mood m;
    if (customer_text) customer_text = arena_strndup(&r->a, customer_text, svc_coach_text_len(customer_text));
    bool have = customer_text && *customer_text && !svc_coach_mood(customer_text, r->coach_lexicon, &m);
    if (have && waiting && waiting->waiting_since) {
        /* one reading everywhere: the cues of the unanswered messages, with agents' corrections,
         * as on each message and in the ticket's attention reasons */
        const char *worst = svc_attention_emotion(waiting->cues), *read = m.emotion;
        if (worst) m.emotion = worst;
        else if (strcmp(m.emotion, "happy")) m.emotion = "neutral";
        if (strcmp(read, m.emotion)) m.because[0][0] = 0; /* the words explain the text's reading only */
        m.urgent = waiting->cues & ATTENTION_URGENT;
        m.complaint = waiting->cues & ATTENTION_COMPLAINT;
        m.repeat_contact = waiting->cues & ATTENTION_REPEAT;
    }
    if (have && wrote_before) m.repeat_contact = true; /* from the thread's history, not only the words */
    html(b, "<section class=\"card coach\" id=\"coach\" aria-labelledby=\"coach-title\" data-customer=\"%s\" data-customer-name=\"%s\"",
         customer_text ? customer_text : "", customer_name ? customer_name : "");
    /* the draft is judged against the reading the page shows (agents' corrections, the history)
     * and knows what earlier replies answered: coach.js sends both with each draft */
    if (have && coach_reads(m.language))
        html(b, " data-reading=\"{&quot;emotion&quot;:&quot;%s&quot;,&quot;urgent&quot;:%s,&quot;complaint&quot;:%s,&quot;repeat_contact&quot;:%s}\"",
             m.emotion, m.urgent ? "true" : "false", m.complaint ? "true" : "false", m.repeat_contact ? "true" : "false");
    if (earlier) html(b, " data-earlier=\"%s\"", earlier);
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
        chips(b, &m, false);
        html(b, "</p>");
        because_line(b, &m);
    }
    /* the toggle does nothing without script, so the script reveals it */
    html(b, "<button type=\"button\" class=\"link coach-toggle\" id=\"coach-toggle\" aria-expanded=\"true\" aria-controls=\"coach-body\" hidden>Hide</button></div>"
            "<div class=\"coach-body\" id=\"coach-body\">"
            "<p class=\"coach-summary\" id=\"coach-summary\" aria-live=\"polite\">Start your reply: the coach reads it as you write. It never stops you sending.</p>"
            "<div id=\"coach-results\"></div></div></section>"
            "<script src=\"/static/coach.js\" defer></script>");
}
