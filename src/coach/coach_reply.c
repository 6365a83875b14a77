/* coach_reply: judges an agent's reply against the customer's message:
 * strengths and flags from the phrase table, promises and their deadlines,
 * shouting, reading level, unanswered questions, missing empathy, and the
 * trait scores that summarise them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "coach_kw.h"
#include "coach/coach_internal.h"
#include "coach/coach_kwset.h"

enum { QUOTE_MAX = 160 };

/* a span of text clipped to QUOTE_MAX bytes at a UTF-8 boundary */
static int clip(const char *s, uint32_t a, uint32_t b)
{
    uint32_t n = b - a;
    if (n <= QUOTE_MAX) return (int)n;
    n = QUOTE_MAX;
    while (n > 0 && ((unsigned char)s[a + n] & 0xC0) == 0x80) n--;
    return (int)n;
}

static bool has_flag(const coach_report *r, coach_flag_code c, uint32_t a, uint32_t b)
{
    for (size_t i = 0; i < r->reply.nflags; i++) {
        const coach_flag *f = &r->reply.flags[i];
        if (f->code == c && f->start < b + (a == b) && a < f->end + (a == b)) return true;
    }
    return false;
}

static void add_flag(coach_report *r, coach_flag_code c, uint32_t a, uint32_t b, const char *why, const char *sugg)
{
    if (r->reply.nflags >= COACH_MAX_FLAGS || has_flag(r, c, a, b)) return;
    r->reply.flags[r->reply.nflags++] = (coach_flag){c, a, b, why, sugg};
}

static const char *why_text(coach_flag_code c)
{
    switch (c) {
    case COACH_FLAG_NEGATIVE_PHRASING: return "tells the customer what can't happen; lead with what can";
    case COACH_FLAG_DEFLECTION: return "sends the customer elsewhere instead of taking it on";
    case COACH_FLAG_BLAME: return "puts the fault on the customer";
    case COACH_FLAG_DISMISSIVE: return "brushes off how the customer feels";
    case COACH_FLAG_VAGUE_PROMISE: return "promises without a time the customer can hold us to";
    case COACH_FLAG_HARD_TO_READ: return "is jargon or stiff wording the customer may not know";
    case COACH_FLAG_SHOUTING: return "reads as shouting";
    default: return "";
    }
}

/* A suggestion is given whole or not at all: the pool (COACH_POOL) can fill on a long draft
 * with many flags, and a cut suggestion ("defini") would replace text with a broken word. */
static const char *whole(const char *made, size_t want) { return strlen(made) == want ? made : ""; }

static bool word_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || (unsigned char)c >= 0x80; }

/* the last word of s[0..n) (letters, apostrophes, UTF-8), as *w and its length */
static size_t last_word(const char *s, size_t n, const char **w)
{
    size_t e = n;
    while (e > 0 && !word_byte(s[e - 1])) e--;
    size_t b = e;
    while (b > 0 && word_byte(s[b - 1])) b--;
    *w = s + b;
    return e - b;
}

bool coach_flag_in_place(const char *reply, size_t len, const coach_flag *f)
{
    if (!f->suggestion || !*f->suggestion || f->end > len) return false;
    /* plainer words for jargon, lower case for capitals, a time for "soon": written as synonyms */
    if (f->code == COACH_FLAG_HARD_TO_READ || f->code == COACH_FLAG_SHOUTING || f->code == COACH_FLAG_VAGUE_PROMISE) return true;
    /* the span ends its clause: what replaces it needs to fit nothing after it */
    size_t i = f->end;
    while (i < len && (reply[i] == ' ' || reply[i] == '\t')) i++;
    if (i == len || strchr(".!?;:,\n\r)", reply[i])) return true;
    /* or the suggestion ends with the word the span ends with ("you need to contact" -> "I'll
     * contact"; "URGENT" -> "urgent"), so what follows still follows it */
    const char *a, *b;
    size_t na = last_word(reply + f->start, f->end - f->start, &a), nb = last_word(f->suggestion, strlen(f->suggestion), &b);
    if (!na && !nb) return true; /* punctuation for punctuation ("!!" -> ".") */
    return na == nb && !strncasecmp(a, b, na);
}

/* the suggestion, capitalised like the span it replaces */
static const char *rewrite(coach_report *r, const char *s, uint32_t a, const char *sugg)
{
    bool cap = s[a] >= 'A' && s[a] <= 'Z';
    char first[2] = {sugg[0], 0};
    if (cap && sugg[0] >= 'a' && sugg[0] <= 'z') first[0] = (char)(sugg[0] - 32);
    else if (!cap && sugg[0] >= 'A' && sugg[0] <= 'Z' && !(sugg[0] == 'I' && (sugg[1] == ' ' || sugg[1] == '\'')))
        first[0] = (char)(sugg[0] + 32);
    else return whole(coach_pool_cat(r, 1, (const char *const[]){sugg}, (const size_t[]){SIZE_MAX}), strlen(sugg));
    return whole(coach_pool_cat(r, 2, (const char *const[]){first, sugg + 1}, (const size_t[]){1, SIZE_MAX}), strlen(sugg));
}

/* a, then n bytes of s, then b, in the pool: "%s%.*s%s" without printf */
static const char *pool_wrap(coach_report *r, const char *a, const char *s, int n, const char *b)
{
    return coach_pool_cat(r, 3, (const char *const[]){a, s, b}, (const size_t[]){SIZE_MAX, (size_t)n, SIZE_MAX});
}

void coach_act_flag(coach_report *r, coach_flag_code c, uint32_t a, uint32_t b, const char *words, size_t nwords,
                    const char *own_rule)
{
    static const char *const rule[COACH_FLAG_COUNT] = {
        [COACH_FLAG_DEFLECTION] = " (deflection rule: the customer sent to another party, and the reply takes no step)",
        [COACH_FLAG_BLAME] = " (blame rule: the fault put on someone else)",
        [COACH_FLAG_DISMISSIVE] = " (dismissive rule: a bright opener, then a jab)"};
    static const char *const sugg[COACH_FLAG_COUNT] = {
        [COACH_FLAG_DEFLECTION] = "I'll contact them for you and come back to you",
        [COACH_FLAG_BLAME] = "Here's what I've done to put it right",
        [COACH_FLAG_DISMISSIVE] = "I can see why this is annoying; here's how to fix it"};
    int n = (int)(nwords > QUOTE_MAX ? QUOTE_MAX : nwords);
    const char *why = coach_pool_cat(r, 5, (const char *const[]){"\"", words, "\" ", why_text(c), own_rule ? own_rule : rule[c] ? rule[c] : ""},
                                     (const size_t[]){SIZE_MAX, (size_t)n, SIZE_MAX, SIZE_MAX, SIZE_MAX});
    add_flag(r, c, a, b, why, sugg[c] ? sugg[c] : "");
}

static uint32_t tok_a(const ctext *t, uint32_t i) { return t->tok[i].start; }
static uint32_t tok_b(const ctext *t, uint32_t i) { return t->tok[i].end; }

/* token j starts us doing something: "I've", "we'll", "I will", "we have" */
#define WE_ACT_WORDS(X) X(KW_C_IVE) X(KW_C_WEVE) X(KW_N_IQLL) X(KW_N_WEQLL) X(KW_I) X(KW_WE)
KWSET_WALK(we_act_word, WE_ACT_WORDS, KWW_WE_ACT_WORD)
static inline __attribute__((always_inline)) bool we_act_at(const ctext *t, size_t j)
{
    uint64_t h = t->tok[j].h;
    if (!we_act_word_in(t->kwm[j])) return false; /* most words: one bit test */
    uint64_t n = j + 1 < t->ntok ? t->tok[j + 1].h : 0;
    return h == KW_C_IVE || h == KW_C_WEVE || h == KW_N_IQLL || h == KW_N_WEQLL || ((h == KW_I || h == KW_WE) && (n == KW_HAVE || n == KW_N_WILL));
}

/* I or we will (or have) do what starts at token i: "I'll take it up with", "we will raise it with" */
static bool ours_to_do(const ctext *t, uint32_t i)
{
    for (uint32_t d = 1; d <= 3 && i >= d && t->tok[i - d].sent == t->tok[i].sent; d++)
        if (we_act_at(t, i - d)) return true;
    return false;
}

/* "you should have been told", "you should have had this refund weeks ago", "I'm sorry you were
 * told to wait": what the customer should have had from us is our fault owned, not theirs (the
 * blind writers: "you should have" is blame in 38 of their replies and not in 78, nearly all of
 * those followed by "been" or "had") */
static bool owns_the_fault(const ctext *t, const cmatch *m)
{
    uint64_t next = m->t1 < t->ntok && t->tok[m->t1].sent == t->tok[m->t0].sent ? t->tok[m->t1].h : 0;
    if (next == KW_BEEN || next == KW_P_HAD || next == KW_R5_GOT || next == KW_W_RECEIVED) return true;
    for (uint32_t i = m->t0 > 3 ? m->t0 - 3 : 0; i < m->t0; i++)
        if (t->tok[i].sent == t->tok[m->t0].sent && (t->tok[i].h == KW_A_SORRY || t->tok[i].h == KW_A_WHAT)) return true;
    /* "a delay that wasn't your fault": the customer cleared, not blamed */
    if (t->tok[m->t0].h == KW_A_YOUR && m->t0 > 0 && t->tok[m->t0 - 1].mod == COACH_MOD_NEGATOR) return true;
    return false;
}

static void phrase_flags(const ctext *t, coach_report *r)
{
    /* a bare "No." (in English: its suggestion is English) */
    for (size_t si = 0; si < t->nsent && r->reply.language == COACH_LANG_EN; si++) {
        const csent *s = &t->sent[si];
        if (s->t1 - s->t0 == 1 && t->tok[s->t0].h == KW_NO)
            add_flag(r, COACH_FLAG_NEGATIVE_PHRASING, tok_a(t, s->t0), tok_b(t, s->t0),
                     "a bare \"No\" shuts the conversation down (negative_phrasing rule: bare no)",
                     "Here's what we can do instead");
    }
    for (size_t i = 0; i < t->nm; i++) {
        const cmatch *m = &t->m[i];
        if (m->layer != L_JUDGE) continue;
        if (m->p->kind == COACH_KIND_STRENGTH) {
            r->reply.strengths |= 1u << m->p->code;
            /* "I'll call you" is a next step and the agent owning it */
            if (m->p->pflags & COACH_P_FIRST_PERSON) r->reply.strengths |= 1u << COACH_STRENGTH_OWNERSHIP;
            /* "I'm sorry to hear" is empathy and an apology */
            if (m->p->pflags & COACH_P_SORRY) r->reply.strengths |= 1u << COACH_STRENGTH_APOLOGY;
            continue;
        }
        /* "we can't thank you enough" scores as a phrase and still thanks */
        if (m->p->kind == COACH_KIND_SENT && m->p->val > 0 && (m->p->pflags & COACH_P_THANK))
            r->reply.strengths |= 1u << COACH_STRENGTH_GRATITUDE;
        if (m->p->kind != COACH_KIND_FLAG) continue;
        /* "I'll take it up with the carrier": the agent goes, the customer is not sent */
        if (m->p->code == COACH_FLAG_DEFLECTION && ours_to_do(t, m->t0)) continue;
        if (m->p->code == COACH_FLAG_BLAME && owns_the_fault(t, m)) continue;
        uint32_t a = tok_a(t, m->t0), b = tok_b(t, m->t1 - 1);
        int n = clip(t->s, a, b);
        /* "\"%.*s\" %s (%s rule: \"%s\")" without printf */
        const char *why = coach_pool_cat(r, 9,
                                         (const char *const[]){"\"", t->s + a, "\" ", m->p->why ? m->p->why : why_text(m->p->code), " (",
                                                               coach_flag_name(m->p->code), " rule: \"", m->p->text, "\")"},
                                         (const size_t[]){SIZE_MAX, (size_t)n, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX,
                                                          SIZE_MAX, SIZE_MAX});
        add_flag(r, m->p->code, a, b, why, rewrite(r, t->s, a, m->p->sugg));
    }
}

/* capitals quoted or named as what a label, a switch or a screen says are how it is written, not a
 * raised voice: 'BATT LOW', "SECURITY", "the panel marked HALL MAIN", "turn the dial to DRY",
 * "reply YES", "GET /v2/exports" */
static bool shown_as_written(const ctext *t, size_t i, size_t j)
{
    /* from the first capital word of the run, codes included ("HALL MAIN": "HALL" reads as a code) */
    while (i > 0 && t->tok[i - 1].sent == t->tok[i].sent && (t->tok[i - 1].flags & TF_CAPS)) i--;
    const ctok *k = &t->tok[i];
    if (k->start > 0) {
        unsigned char q = (unsigned char)t->s[k->start - 1];
        if (q == '\'' || q == '"' || (q >= 0x98 && q <= 0x9C && k->start >= 3 && (unsigned char)t->s[k->start - 3] == 0xE2)) return true;
    }
    if (t->tok[j].end + 1 < t->len && t->s[t->tok[j].end] == ' ' && t->s[t->tok[j].end + 1] == '/') return true;
    if (i == 0 || t->tok[i - 1].sent != k->sent) return false;
    uint64_t p = t->tok[i - 1].h;
    if (p == KW_L_LABELLED || p == KW_L_LABELED || p == KW_L_MARKED || p == KW_L_STAMPED || p == KW_L_PRESS || p == KW_N_REPLY ||
        p == KW_N_SELECT || p == KW_N_TAP || p == KW_N_CLICK)
        return true;
    /* "turn the dial to DRY", "switch it to OFF": one short word after "to" in a sentence that turns or switches */
    if (p == KW_TO && j == i && k->end - k->start <= 4)
        for (uint32_t m = t->sent[k->sent].t0; m < i; m++)
            if (t->tok[m].h == KW_N_TURN || t->tok[m].h == KW_N_SWITCH) return true;
    return false;
}

static void shouting(const ctext *t, coach_report *r)
{
    bool all_caps = !t->mixed_case;
    /* a code in capitals ("HMAC-SHA256", "TOTP") is how it is written, not emphasis (coach_tok.c):
     * the tokenizer counted the others */
    size_t caps_words = t->ncaps_words;
    for (size_t i = 0; caps_words && i < t->ntok; i++) { /* (none in most replies) */
        const ctok *k = &t->tok[i];
        if ((k->flags & (TF_CAPS | TF_CODE)) != TF_CAPS || tok_has(k, COACH_W_ACRONYM)) continue;
        if (all_caps && caps_words < 3) continue;
        size_t j = i;
        while (j + 1 < t->ntok && (t->tok[j + 1].flags & (TF_CAPS | TF_CODE)) == TF_CAPS && t->tok[j + 1].sent == k->sent) j++;
        size_t letters = t->tok[j].end - k->start;
        bool known = k->word >= 0 && coach_words[k->word].pcount + (coach_words[k->word].val != 0) + (coach_words[k->word].mod != 0) > 0;
        if (j == i && letters < 4 && !known) continue;
        /* one word the lexicon has never seen ("DEFRA", "HTTPS", "TTL") is a name or a code, not
         * a raised voice; nor is a capital joined to another by a hyphen or slash ("HND-IN") */
        if (j == i && k->word < 0) continue;
        if (j == i && ((k->start > 0 && (t->s[k->start - 1] == '-' || t->s[k->start - 1] == '/')) ||
                       (k->end < t->len && (t->s[k->end] == '-' || t->s[k->end] == '/'))))
            continue;
        if (shown_as_written(t, i, j)) { i = j; continue; }
        uint32_t a = k->start, b = t->tok[j].end;
        char low[QUOTE_MAX + 1];
        int n = clip(t->s, a, b);
        for (int c = 0; c < n; c++) {
            char ch = t->s[a + (uint32_t)c];
            low[c] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
        }
        low[n] = 0;
        if (a == 0 || (i > 0 && t->tok[i - 1].sent != k->sent)) low[0] = t->s[a];
        add_flag(r, COACH_FLAG_SHOUTING, a, b,
                 pool_wrap(r, "\"", t->s + a, n, "\" is in capitals, which reads as shouting (shouting rule: capital words)"),
                 whole(pool_wrap(r, "", low, n, ""), (size_t)n));
        i = j;
    }
    /* "!!": memchr finds each '!' (most replies have none) */
    for (size_t i = 0; i + 1 < t->len;) {
        const char *q = memchr(t->s + i, '!', t->len - 1 - i);
        if (!q) break;
        i = (size_t)(q - t->s);
        if (t->s[i + 1] != '!') { i++; continue; }
        size_t j = i;
        while (j < t->len && (t->s[j] == '!' || t->s[j] == '?' || t->s[j] == '1')) j++;
        add_flag(r, COACH_FLAG_SHOUTING, (uint32_t)i, (uint32_t)j,
                 "repeated exclamation marks read as shouting (shouting rule: \"!!\")", ".");
        i = j + 1;
    }
}

/* syllables by vowel groups, for a Flesch-Kincaid grade */
static bool vowel(char c)
{
    /* a, e, i, o, u and y as bits of a mask over 'a'..'z' */
    unsigned u = (unsigned)(unsigned char)(c | 32) - 'a';
    return u < 26 && (0x1104111u >> u) & 1;
}

static int syllables(const char *s, uint32_t a, uint32_t b)
{
    if (b - a <= 3) return 1; /* short words: one syllable, near enough for a grade */
    int n = 0;
    bool prev = false;
    for (uint32_t i = a; i < b; i++) {
        bool v = vowel(s[i]);
        n += v && !prev;
        prev = v;
    }
    if (b - a > 2 && (s[b - 1] | 32) == 'e' && n > 1) n--;
    return n ? n : 1;
}

#ifdef __SSE2__
/* syllables() for an ASCII word of 4..16 bytes, from its lower-cased bytes in fold (which has
 * 16 bytes of padding): the vowel groups as bits, counted without a loop or a branch that
 * depends on the letters */
static int syllables16(const char *fold, uint32_t a, uint32_t b)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(fold + a));
    __m128i v = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('a')), _mm_cmpeq_epi8(x, _mm_set1_epi8('e'))),
                             _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('i')), _mm_cmpeq_epi8(x, _mm_set1_epi8('o'))));
    v = _mm_or_si128(v, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('u')), _mm_cmpeq_epi8(x, _mm_set1_epi8('y'))));
    unsigned m = (unsigned)_mm_movemask_epi8(v) & ((1u << (b - a)) - 1);
    /* a vowel with none before it starts a group; the groups counted in 16 bits by halves (no
     * -mpopcnt: __builtin_popcount was a libgcc call) */
    unsigned g = m & ~(m << 1) & 0xFFFFu;
    g = g - ((g >> 1) & 0x5555u);
    g = (g & 0x3333u) + ((g >> 2) & 0x3333u);
    g = (g + (g >> 4)) & 0x0F0Fu;
    int n = (int)((g + (g >> 8)) & 0x1Fu);
    n -= fold[b - 1] == 'e' && n > 1;
    return n + (n == 0);
}
#endif

static double grade(const ctext *t)
{
    size_t words = 0, syl = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        if (k->kind != TK_WORD) continue;
        words++;
#ifdef __SSE2__
        uint32_t n = k->end - k->start;
        if ((k->flags & TF_ASCII) && n <= 16) {
            syl += n <= 3 ? 1 : (size_t)syllables16(t->fold, k->start, k->end);
            continue;
        }
#endif
        syl += (size_t)syllables(t->s, k->start, k->end);
    }
    if (!words || !t->nsent) return 0;
    return 0.39 * ((double)words / (double)t->nsent) + 11.8 * ((double)syl / (double)words) - 15.59;
}

static void readability(const ctext *t, const ctext *c, coach_report *r)
{
    size_t longest = 0, li = 0;
    for (size_t si = 0; si < t->nsent; si++) {
        size_t n = t->sent[si].t1 - t->sent[si].t0;
        if (n > longest) { longest = n; li = si; }
    }
    if (!t->nsent) return;
    double g = grade(t), cg = 8.0;
    if (g > 14 && c) cg = grade(c); /* the customer's grade matters only when the reply's is high */
    if (!((g > 14 && g > cg + 5) || longest >= 40)) return;
    const csent *s = &t->sent[li];
    if (s->t1 - s->t0 < 6) return; /* too short to split: the grade came from long words alone */
    /* split at a joining word near the middle */
    uint32_t mid = s->t0 + (s->t1 - s->t0) / 2, best = 0, bestd = UINT32_MAX;
    for (uint32_t i = s->t0 + 3; i + 3 < s->t1; i++) {
        uint64_t h = t->tok[i].h;
        bool join = h == KW_AND || h == KW_BUT || h == KW_BECAUSE || h == KW_WHICH || h == KW_THEN;
        if (!join) continue;
        uint32_t d = i > mid ? i - mid : mid - i;
        if (d < bestd) { bestd = d; best = i; }
    }
    if (!best) best = mid;
    uint32_t a = s->start, b = s->end;
    uint32_t cut = t->tok[best - 1].end, next = t->tok[best].start;
    if (t->tok[best].h == KW_AND || t->tok[best].h == KW_THEN) next = t->tok[best + 1].start;
    /* the whole sentence, split in two: never clipped like a quote (a clipped split replaced the
     * sentence with its first 80 bytes and lost the rest) */
    int n1 = (int)(cut - a), n2 = (int)(b - next);
    char first = t->s[next];
    const char *why = coach_pool_printf(r, "this sentence is %zu words long%s (hard_to_read rule: reading level grade %.0f vs the customer's %.0f)",
                                        longest, longest >= 40 ? "" : " and dense", g, cg);
    const char *sugg = whole(coach_pool_printf(r, "%.*s. %c%.*s", n1, t->s + a, (first >= 'a' && first <= 'z') ? first - 32 : first,
                                               n2 > 0 ? n2 - 1 : 0, t->s + next + 1),
                             (size_t)n1 + 3 + (size_t)(n2 > 0 ? n2 - 1 : 0));
    add_flag(r, COACH_FLAG_HARD_TO_READ, a, b, why, sugg);
}

/* an -ed word that books something ahead: "I've booked you in for Thursday", "added - Thursday
 * at 1pm", "pencilled in 14 April" tell of a date to come */
static bool books_ahead(const ctext *t, const ctok *k)
{
    static const char *const stems[] = {"book", "add", "schedul", "arrang", "pencil", "reserv", "confirm", "mov", "slott"};
    size_t n = k->end - k->start;
    for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++) {
        size_t m = strlen(stems[i]);
        if (n > m && !memcmp(t->fold + k->start, stems[i], m)) return true;
    }
    return false;
}

/* "will" or a "'ll" ("he'll", "she'll" by their ending) */
static bool will_word(const ctext *t, const ctok *k)
{
    uint64_t h = k->h;
    if (h == KW_N_WILL || h == KW_N_IQLL || h == KW_N_WEQLL || h == KW_Y_ITQLL || h == KW_Y_YOUQLL || h == KW_Y_THEYQLL) return true;
    uint32_t n = k->end - k->start;
    return n >= 3 && (k->flags & TF_ASCII) && t->fold[k->end - 3] == '\'' && t->fold[k->end - 2] == 'l' && t->fold[k->end - 1] == 'l';
}

/* a sentence told in the past with nothing ahead in it: "our card machine double-submitted the
 * payments on Saturday", "your deposit arrived on Friday", "he has been off sick since Monday":
 * its weekday is one gone by */
static bool told_as_past(const ctext *t, const csent *s)
{
    bool past = false;
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (will_word(t, k) || h == KW_A_SHOULD) return false;
        if (h == KW_SINCE) past = true;
        /* a step taken: "I've sent a new pack today", "we've refunded it" (not "I've booked you in
         * for Thursday") */
        if ((h == KW_C_IVE || h == KW_C_WEVE) && i + 1 < s->t1) {
            if (books_ahead(t, &t->tok[i + 1])) return false;
            past = true;
        }
        /* "-ed" after a subject word: "arrived", "double-submitted" */
        if (tok_ed(t, k) && i > s->t0 && !tok_has(&t->tok[i - 1], COACH_W_AUX)) {
            if (books_ahead(t, k)) return false;
            past = true;
        }
    }
    return past;
}

/* a sentence that says something will happen: "will", "'ll", or a plan in the present ("is
 * fitting"); with should, a "should" too ("You should receive it soon") */
static bool tells_ahead(const ctext *t, const csent *s, bool should)
{
    for (uint32_t i = s->t0; i < s->t1; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (will_word(t, k) || (should && h == KW_A_SHOULD)) return true;
        /* the present of a plan: "our electrician is fitting six sockets on Monday 7 December" */
        if ((h == KW_IS || h == KW_Y_ARE || h == KW_C_IM || h == KW_C_WERE || h == KW_Y_THEYQRE || h == KW_H_AM) && i + 1 < s->t1 &&
            tok_ing(t, &t->tok[i + 1]))
            return true;
    }
    return false;
}

/* a clause about the customer ("you'll ...", "you will ...") whose time comes after "well",
 * "plenty of time" or "comfortably": "you'll have plenty of time before 2pm" */
static bool for_the_customer(const ctext *t, uint32_t c0, uint32_t time0)
{
    uint64_t h = t->tok[c0].h;
    if (!(h == KW_Y_YOUQLL || (h == KW_YOU && c0 + 1 < time0 && t->tok[c0 + 1].h == KW_N_WILL))) return false;
    for (uint32_t i = c0 + 1; i < time0; i++) {
        uint64_t k = t->tok[i].h;
        if (k == KW_A_WELL || k == KW_T_PLENTY || k == KW_T_COMFORTABLY || k == KW_T_AHEAD) return true;
    }
    return false;
}

/* "two" to "fourteen", "twenty", "thirty": a number said in words */
#define NUMBER_WORDS(X) X(KW_TWO) X(KW_THREE) X(KW_FOUR) X(KW_FIVE) X(KW_SIX) X(KW_SEVEN) X(KW_EIGHT) X(KW_NINE) X(KW_TEN) \
    X(KW_ELEVEN) X(KW_TWELVE) X(KW_FOURTEEN) X(KW_TWENTY) X(KW_THIRTY)
KWSET(number_word, NUMBER_WORDS)
/* what a length said in words starts with: "about a week", "an hour", "a few days", "two weeks" */
#define LENGTH_WORDS(X) NUMBER_WORDS(X) X(KW_A) X(KW_AN) X(KW_FEW) X(KW_COUPLE) X(KW_C_SEVERAL)
KWSET_WALK(length_word, LENGTH_WORDS, KWW_LENGTH_WORD)

/* the sentences that give a stretch of time, a number and its unit ("Usually 24 to 48 hours after
 * the draw", "About 2 days", "8-10 months", "about a week"): the answer to "how long", where no
 * deadline is set */
static uint64_t duration_sents(const ctext *t)
{
    uint64_t out = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        /* (not the "a month" of "£20 a month": a price per month) */
        bool in_words = t->tok[i].kind != TK_NUM;
        if (in_words && (!length_word_has_in(t->kwm[i], t->tok[i].h) || (i > 0 && t->tok[i - 1].kind == TK_NUM))) continue;
        for (size_t j = i + 1; j < t->ntok && j <= i + 4 && t->tok[j].sent == t->tok[i].sent; j++) {
            uint64_t h = t->tok[j].h;
            if (h == KW_HOUR || h == KW_HOURS || h == KW_MINUTES || h == KW_MINS || h == KW_DAY || h == KW_DAYS || h == KW_WEEK ||
                h == KW_WEEKS || h == KW_MONTH || h == KW_M_MONTHS || h == KW_M_YEAR || h == KW_M_YEARS) {
                uint32_t si = t->tok[i].sent;
                out |= 1ULL << (si < 63 ? si : 63);
                break;
            }
            /* "2 to 3 days", "1 or 2 weeks", "a couple of weeks", "3-5 working days" */
            if (t->tok[j].kind != TK_NUM && h != KW_TO && h != KW_OR && h != KW_FEW && h != KW_COUPLE && h != KW_OF && h != KW_WORKING &&
                h != KW_BUSINESS && !number_word_has(h))
                break;
        }
    }
    return out;
}

/* what the customer owes us, which falls due ("The balance is due on 1 March") */
#define OWED_WORDS(X) X(KW_R7_BALANCE) X(KW_R7_DEPOSIT) X(KW_R7_RENT) X(KW_R7_INSTALMENT) X(KW_R7_INSTALLMENT) X(KW_R7_PREMIUM) \
    X(KW_FEE) X(KW_T_PAYMENT)
KWSET(owed, OWED_WORDS)
/* what the customer should not be left doing ("the last thing you should be dealing with") */
#define BURDEN_WORDS(X) X(KW_R7_DEALING) X(KW_A_WORRYING) X(KW_R7_HAVING) X(KW_C_CHASING)
KWSET(burden, BURDEN_WORDS)

/* a time in [from, at] introduced as a deadline: "by", "within", "before" */
static bool kept_by(const ctext *t, uint32_t from, uint32_t at)
{
    for (uint32_t i = at > from + 2 ? at - 2 : from; i <= at; i++) {
        uint64_t h = t->tok[i].h;
        if (h == KW_BY || h == KW_WITHIN || h == KW_BEFORE) return true;
    }
    return false;
}

/* promises and their deadlines, one per clause that starts with a promise */
static void commitments(const ctext *t, const coach_input *in, coach_report *r, uint64_t *time_sents)
{
    *time_sents = 0;
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        uint32_t starts[16];
        size_t ns = 0;
        const cmatch *vague = NULL;
        bool first_person = false, first_let_me = false;
        for (size_t i = coach_first_match(t, s->t0); i < t->nm && t->m[i].t0 < s->t1; i++) {
            const cmatch *m = &t->m[i];
            if (m->layer != L_PROMISE) continue;
            /* "no further payments scheduled", "no action will be taken" promise nothing (not "no
             * problem - I'll add them", "at no cost, and it will be dispatched") */
            bool denied = false;
            for (uint32_t j = m->t0 > s->t0 + 3 ? m->t0 - 3 : s->t0; j < m->t0 && !denied; j++) {
                if (t->tok[j].h != KW_NO) continue;
                denied = true;
                for (uint32_t k = j + 1; k < m->t0 && denied; k++) denied = t->tok[k].h != KW_AND && t->tok[k].h != KW_T_PROBLEM;
                for (uint32_t at = t->tok[j].end; at < t->tok[m->t0].start && denied; at++) /* (0xE2: a dash) */
                    denied = !(t->s[at] == ',' || t->s[at] == '-' || t->s[at] == ';' || t->s[at] == ':' || (unsigned char)t->s[at] == 0xE2);
            }
            /* "The balance of £2,340 is due on 1 March": what the customer owes falls due; we
             * promise nothing */
            if (!denied && (!strncmp(m->p->text, "is due", 6) || !strncmp(m->p->text, "are due", 7)))
                for (uint32_t j = s->t0; j < m->t0 && !denied; j++) denied = owed_has(t->tok[j].h);
            /* "the last thing you should be dealing with", "you shouldn't be having to chase":
             * what the customer ought not to bear, not what we will do */
            if (!denied && !strcmp(m->p->text, "should be") && m->t1 < s->t1) denied = burden_has(t->tok[m->t1].h);
            if (m->p->code == COACH_CUE_PROMISE && ns < 16 && !denied) {
                /* "Let me check with the team and I'll get back to you" is one promise: a "let me"
                 * gives way to the sentence's next promise, and none follows another */
                bool let_me = !strncmp(m->p->text, "let me ", 7);
                if (ns == 1 && first_let_me) { /* the promise after the "let me" stands for both */
                    starts[0] = m->t0;
                    first_let_me = false;
                } else if (!let_me || !ns) {
                    first_let_me = let_me;
                    starts[ns++] = m->t0;
                }
                if (m->p->val >= 200) first_person = true;
            }
            if (m->p->code == COACH_CUE_VAGUE && !vague) vague = m;
        }
        ctime_hit th;
        bool any_time = coach_time_in(t, s->t0, s->t1, in->now, in->zone, &th);
        if (any_time) *time_sents |= 1ULL << (si < 63 ? si : 63);
        /* "it drops off by Friday": a deadline introduced by by/within/before is a promise too; a
         * day ahead without one only where the sentence says something will happen ("Our fitter,
         * Dave, will be at the bakery tomorrow"): "What a miserable Sunday morning.", "Good luck on
         * Thursday!", "June 13th is still open" and "I've moved your fitting to Friday" promise
         * nothing (the blind writers: +143 of 145,176 expectations in-sample without them) */
        if (!ns && any_time) {
            uint32_t b0 = th.t0 > s->t0 ? th.t0 - 1 : th.t0;
            uint64_t h = t->tok[b0].h;
            uint64_t a0 = t->tok[th.t0].h;
            bool future_day = a0 == KW_TOMORROW || a0 == KW_NEXT || (th.due - in->now) > 86400;
            bool question = s->term == '?';
            /* "the 30th in the email was our mistake" mentions a date; it promises nothing */
            bool mentions_only = false;
            for (uint32_t i = s->t0; i < s->t1 && !mentions_only; i++) {
                uint64_t w = t->tok[i].h;
                mentions_only = w == KW_A_WAS || w == KW_P_WERE || w == KW_P_HAD || w == KW_P_DID || w == KW_P_WASNT ||
                                /* what usually happens: "soreness usually settles within 24-48 hours" */
                                w == KW_T_USUALLY || w == KW_T_TYPICALLY || w == KW_T_OFTEN;
                /* nor does the customer's own deadline ("you need them for Monday"), what is open
                 * to them ("12 December is available", "you can upgrade from 14 January"), a
                 * condition ("if we agree one before 3 December") or a no before the date ("he
                 * can't make you leave by Sunday") */
                uint64_t nx = i + 1 < s->t1 ? t->tok[i + 1].h : 0;
                mentions_only = mentions_only || w == KW_W_AVAILABLE || w == KW_IF ||
                       (w == KW_YOU && (nx == KW_U_NEED || nx == KW_U_MUST || (i < th.t0 && (nx == KW_CAN || nx == KW_D_COULD)))) ||
                       (t->tok[i].mod == COACH_MOD_NEGATOR && i < th.t0 && i + 5 >= th.t0);
            }
            mentions_only = mentions_only || th.due - in->now > 300 * 86400LL; /* a date gone by (see below) */
            /* nor the customer's task ("Please be at Gatwick by 22:30", "we need print-ready artwork
             * by 5pm", "Orders must be placed by Thursday") or a policy's window ("cancellations made
             * within 48 hours of the booking time") */
            bool window_of = th.t1 < s->t1 && t->tok[th.t1].h == KW_OF;
            bool their_task = false;
            for (uint32_t i = s->t0; i < th.t0 && !their_task; i++)
                their_task = t->tok[i].h == KW_PLEASE || t->tok[i].h == KW_U_MUST ||
                             (t->tok[i].h == KW_WE && i + 1 < s->t1 && t->tok[i + 1].h == KW_U_NEED);
            /* nor when something starts: "We're taking March bookings from 1 January", "the
             * site is closing for refurbishment from 7 December" */
            bool starts_then = h == KW_T_FROM || h == KW_E_STARTS || (th.t0 > s->t0 + 1 && t->tok[th.t0 - 2].h == KW_T_FROM);
            mentions_only = mentions_only || window_of || their_task || starts_then;
            /* (not "until": "We're open until 8:30pm", "valid until 9 December", "you have until 31
             * December" tell what stays open, not what we will do) */
            bool deadline = h == KW_BY || h == KW_WITHIN || h == KW_BEFORE || a0 == KW_WITHIN;
            /* (or later in the time's words: "refunded this morning; your bank should show it
             * within 3 working days", "I've sent a new pack today, and it's guaranteed to reach you
             * by 1pm tomorrow") */
            for (uint32_t i = th.t0 + 1; i < th.t1 && !deadline; i++)
                deadline = t->tok[i].h == KW_WITHIN ||
                           ((t->tok[i].h == KW_BY || t->tok[i].h == KW_BEFORE) && i + 1 < th.t1 &&
                            (t->tok[i + 1].kind == TK_NUM || tok_has(&t->tok[i + 1], COACH_W_TIME)));
            if (!question && !mentions_only && (deadline || (future_day && !told_as_past(t, s) && tells_ahead(t, s, false)))) {
                starts[ns++] = s->t0;
                first_person = true;
            }
        }
        /* "You should receive it soon", "We're expecting new stock soon": a vague time with a
         * "should" or a future is a promise too, and a vague one (not "See you soon!") */
        if (!ns && vague && s->term != '?' && tells_ahead(t, s, true)) starts[ns++] = s->t0;
        /* "it'll be dispatched by Wednesday and with you by Friday": two times joined by "and" are
         * two promises, each with its own */
        uint32_t bounds_only = 0; /* bit c: starts[c] only ends the promise before it */
        if (ns == 1 && any_time) {
            for (uint32_t i = starts[0] + 1; i + 1 < s->t1 && ns < 16; i++) {
                if (t->tok[i].h != KW_AND) continue;
                const ctok *nx = &t->tok[i + 1];
                if (nx->kind == TK_NUM || tok_has(nx, COACH_W_TIME)) continue; /* "8am and noon", "Monday and Tuesday" */
                ctime_hit x, y;
                csent before = *s; /* not a step already taken: "I've refunded it today, and your bank should show it within 5 days" */
                before.t0 = starts[ns - 1], before.t1 = i;
                if (coach_time_in(t, starts[ns - 1], i, in->now, in->zone, &x) && coach_time_in(t, i + 1, s->t1, in->now, in->zone, &y) &&
                    x.t1 <= i && !told_as_past(t, &before)) {
                    /* (the second time must be one we keep, said with a future or a deadline: "with
                     * you by Friday", "we'll be out on Friday"; "... and nothing else is needed for
                     * Friday", "to clean the glass and reset the timer to switch off at 20:00" only
                     * end the first: in 01-152, 17 cases read better and 3 worse) */
                    csent after = *s;
                    after.t0 = i + 1;
                    if (!tells_ahead(t, &after, true) && !kept_by(t, i + 1, y.t0)) bounds_only |= 1u << ns;
                    starts[ns++] = i + 1;
                }
            }
        }
        /* "I'm emailing the certificate within the hour, and I'll call you by 5pm": a step of
         * ours already under way, with its own time, before the sentence's first promise */
        if (ns && ns < 16 && starts[0] > s->t0 + 3) {
            uint32_t doing = UINT32_MAX; /* the step's own time follows it */
            for (uint32_t i = s->t0; i + 1 < starts[0] && doing == UINT32_MAX; i++)
                if ((t->tok[i].h == KW_C_IM || t->tok[i].h == KW_C_WERE) && tok_ing(t, &t->tok[i + 1])) doing = i;
            ctime_hit pre;
            if (doing != UINT32_MAX && coach_time_in(t, doing, starts[0], in->now, in->zone, &pre)) {
                memmove(starts + 1, starts, ns * sizeof starts[0]);
                bounds_only <<= 1;
                starts[0] = s->t0;
                ns++;
            }
        }
        /* "I'll send it today, and her 3 December delivery will come in blister packs": a promise
         * that opens at "will" starts at its subject, after the "and" */
        for (size_t c = 1; c < ns; c++) {
            if (t->tok[starts[c]].h != KW_N_WILL) continue;
            for (uint32_t j = starts[c] - 1; j > starts[c - 1] && j + 5 >= starts[c]; j--)
                if (t->tok[j].h == KW_AND) { starts[c] = j + 1; break; }
        }
        if (!ns) continue;
        long long day_before = -1; /* the due time of the sentence's last promise with a day */
        coach_commitment *visit = NULL; /* that promise, if it named a day and no clock time */
        for (size_t c = 0; c < ns && r->reply.ncommitments < COACH_MAX_COMMITMENTS; c++) {
            uint32_t c0 = c == 0 ? s->t0 : starts[c], c1 = c + 1 < ns ? starts[c + 1] : s->t1;
            ctime_hit ch;
            bool got = ns == 1 ? any_time : coach_time_in(t, c0, c1, in->now, in->zone, &ch);
            if (ns == 1 && got) ch = th;
            /* a day and month eleven months off is a date gone by ("both payments went through on
             * 20 November", written on the 25th), not a promise for next year */
            if (got && ch.due - in->now > 300 * 86400LL) got = false;
            /* "..., so you'll be all set well before Saturday": what our step means for the
             * customer, timed against their own date, is not a second promise */
            if (got && c > 0 && for_the_customer(t, c0, ch.t0)) continue;
            /* "I'll be with you on Friday at 8am, and we'll be out by 2pm": a clock time alone
             * is on the day of the promise before it; "I've booked a crew for Wednesday, and
             * they'll collect it by noon" is one promise, the visit, due at that time */
            if (got && !ch.dated && ch.clock >= 0 && day_before >= 0) {
                long long on = coach_time_on_day_of(day_before, ch.clock, in->zone);
                if (on > in->now) {
                    ch.due = on;
                    uint64_t who = t->tok[c0].h; /* not a step of our own: "and I'll email you by 5pm" */
                    if (visit && who != KW_N_IQLL && who != KW_N_WEQLL && who != KW_I && who != KW_WE) {
                        visit->due = on;
                        visit->end = c1 == s->t1 ? s->end : tok_b(t, c1 - 1);
                        visit = NULL;
                        continue;
                    }
                }
            }
            visit = NULL;
            if (bounds_only >> c & 1) continue;
            /* (not from what it means for the customer: "so you'll have them before 1pm
             * tomorrow, and I'll email you the tracking number by 4pm") */
            if (got && ch.dated) day_before = t->tok[c0].h == KW_Y_YOUQLL || t->tok[c0].h == KW_YOU ? -1 : ch.due;
            bool vague_here = vague && vague->t0 >= c0 && vague->t0 < c1;
            if (!got && !vague_here && !first_person) continue;
            if (!got && !vague_here && c > 0) continue;
            coach_commitment *cm = &r->reply.commitments[r->reply.ncommitments++];
            cm->start = tok_a(t, c0);
            cm->end = c1 == s->t1 ? s->end : tok_b(t, c1 - 1);
            cm->has_due = got;
            cm->due = got ? ch.due : 0;
            if (got) r->reply.strengths |= 1u << COACH_STRENGTH_COMMITMENT;
            if (got && ch.dated && ch.clock < 0) visit = cm;
        }
        if (vague && !any_time) {
            uint32_t a = tok_a(t, vague->t0), b = tok_b(t, vague->t1 - 1);
            int Y, M, D, h, mi, sec, wd;
            coach_civil(in->now + 2 * 3600 + coach_zone_offset_at(in->zone, in->now + 2 * 3600) * 60LL, &Y, &M, &D, &h, &mi, &sec, &wd);
            const char *when = (h >= 9 && h < 17) ? coach_pool_printf(r, "by %d%s today", h > 12 ? h - 12 : h, h >= 12 ? "pm" : "am")
                                                  : "by 10am tomorrow";
            int n = clip(t->s, a, b);
            /* "\"%.*s\" %s (vague_promise rule: \"%s\" with no time)" without printf */
            const char *why = coach_pool_cat(r, 7,
                                             (const char *const[]){"\"", t->s + a, "\" ", why_text(COACH_FLAG_VAGUE_PROMISE),
                                                                   " (vague_promise rule: \"", vague->p->text, "\" with no time)"},
                                             (const size_t[]){SIZE_MAX, (size_t)n, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX});
            add_flag(r, COACH_FLAG_VAGUE_PROMISE, a, b, why, when);
        }
    }
}

/* any word of the customer's name (first or family name) */
static bool name_in(const ctext *t, const char *name, size_t nlen)
{
    for (size_t a = 0; a < nlen;) {
        while (a < nlen && (name[a] == ' ' || name[a] == ',' || name[a] == '.')) a++;
        size_t b = a;
        while (b < nlen && name[b] != ' ' && name[b] != ',' && name[b] != '.') b++;
        size_t n = b - a;
        if (n >= 2)
            for (size_t i = 0; i < t->ntok; i++) {
                const ctok *k = &t->tok[i];
                if (k->end - k->start == n && !strncasecmp(t->s + k->start, name + a, n) && (k->flags & TF_INITCAP)) return true;
            }
        a = b;
    }
    return false;
}

/* a capitalised word the lexicon does not know, written in the customer's message too */
/* a 1,024-bit filter of the hashes of the customer's tokens the lexicon does not know: most of the
 * reply's names and numbers are not the customer's, and the filter says so without a scan of the
 * message. (A token the customer wrote with the same bytes is looked up as the reply's was, English
 * both, or the customer's read as Spanish, which knows no English word: a reply token the lexicon
 * does not know is matched by such a token only; one it knows, a number word, is scanned for.) */
typedef struct { bool made; uint64_t bits[16]; } cwords; /* made on the first look-up: most replies need none */

static bool customer_wrote(const ctext *c, cwords *cw, const ctok *k, const char *s)
{
    if (!cw->made) {
        cw->made = true;
        memset(cw->bits, 0, sizeof cw->bits);
        for (size_t i = 0; c && i < c->ntok; i++)
            if (c->tok[i].word < 0) cw->bits[(c->tok[i].h >> 6) & 15] |= 1ULL << (c->tok[i].h & 63);
    }
    if (k->word < 0 && !(cw->bits[(k->h >> 6) & 15] >> (k->h & 63) & 1)) return false;
    size_t n = k->end - k->start;
    for (size_t i = 0; c && i < c->ntok; i++) {
        const ctok *w = &c->tok[i];
        if (w->h == k->h && w->end - w->start == n && !memcmp(c->s + w->start, s + k->start, n)) return true;
    }
    return false;
}

static bool personal(const ctext *t, const ctext *c, const coach_input *in)
{
    if (in->customer_name && name_in(t, in->customer_name, in->customer_name_len)) return true;
    if (!t->nsent) return false;
    cwords cw = {.made = false};
    /* "Mr Hughes", and the customer's own name said to them: "Thanks for writing, Leah!",
     * "Anna and Luis, congratulations" (a name the customer signed with) */
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        if (!(k->flags & TF_INITCAP) || (k->flags & TF_CAPS) || k->kind != TK_WORD) continue;
        if (i + 1 < t->ntok && (k->h == KW_T_MR || k->h == KW_T_MRS || k->h == KW_T_MS || k->h == KW_T_MISS || k->h == KW_T_DR || k->h == KW_T_MX) &&
            (t->tok[i + 1].flags & TF_INITCAP) && t->tok[i + 1].word < 0)
            return true;
        char before = k->start >= 2 ? t->s[k->start - 2] : 0, after = k->end < t->len ? t->s[k->end] : 0;
        /* a name the lexicon also knows as a word ("Mark", "Jo"), said to them after their thanks
         * or our sorry: "No problem, Mark.", "So sorry Ben, ...", "Thanks Jo, lovely to hear" */
        if (k->word >= 0 && i > 0 && i > t->sent[k->sent].t0 && !tok_has(k, COACH_W_STOP) && k->h != KW_I) {
            uint64_t p = t->tok[i - 1].h;
            if ((before == ',' && (after == '.' || after == '!')) ||
                (after == ',' && (p == KW_A_SORRY || p == KW_THANKS || p == KW_YOU || p == KW_T_PROBLEM)))
                return true;
        }
        if (k->word >= 0) continue;
        /* "So sorry Ben, Jake's student ran over", "Thanks Jo, lovely to hear!" */
        if (after == ',' && i > 0 && t->tok[i].sent == 0 &&
            (t->tok[i - 1].h == KW_A_SORRY || t->tok[i - 1].h == KW_THANKS || t->tok[i - 1].h == KW_YOU))
            return true;
        /* a name said last, after a comma: "Thanks for flagging this, Daniel.", "Welcome to the UK, Lucia!" */
        if (before == ',' && (after == '!' || after == '.' || after == 0)) return true;
        /* "..., Mark - that's lovely to hear", "Yes, that's fine, Jordan — I've noted it" */
        if (before == ',' && after == ' ' && k->end + 1 < t->len &&
            (t->s[k->end + 1] == '-' || (unsigned char)t->s[k->end + 1] == 0xE2))
            return true;
        /* the reply opens with the name: "Aisha, I'm really sorry" */
        if (i == 0 && after == ',') return true;
        /* a name the customer wrote, said back: their pet, their signature, their place ("I'm so
         * sorry about Bella", "Happy birthday to Mochi!"); at a sentence's start only as its
         * address ("Anna and Luis, congratulations"), not as its subject */
        bool opens = k->start == t->sent[k->sent].start;
        if (opens && !(after == ',' || after == '!' || after == '.' || after == '?' || after == 0 || after == ' ')) continue;
        if (customer_wrote(c, &cw, k, t->s)) return true;
    }
    /* the customer's own reference said back: an order, flight or account number ("the number
     * ending 4471", "the crew of EZY8472") */
    for (size_t i = 0; c && i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        if (k->end - k->start < 3) continue;
        char a = t->s[k->start], z = t->s[k->end - 1]; /* a reference starts or ends with a digit: "4471", "EZY8472", "12A" */
        if (!((a >= '0' && a <= '9') || (z >= '0' && z <= '9'))) continue;
        if (customer_wrote(c, &cw, k, t->s)) return true;
    }
    /* their own details said back in a sentence about theirs: "Your basket is £24", "your bank
     * account ending 7781", "your reference PCN-88120" */
    for (size_t i = 0; i < t->ntok; i++) {
        if (t->tok[i].h != KW_A_YOUR) continue;
        for (size_t j = i + 1; j < t->ntok && j <= i + 4 && t->tok[j].sent == t->tok[i].sent; j++) {
            const ctok *k = &t->tok[j];
            /* not a rule's number: "your home club with 30 days' notice" */
            uint64_t n = j + 1 < t->ntok ? t->tok[j + 1].h : 0;
            bool span = n == KW_DAYS || n == KW_DAY || n == KW_WEEKS || n == KW_WEEK || n == KW_M_MONTHS || n == KW_M_YEARS ||
                        n == KW_HOURS || n == KW_MINUTES;
            if (((k->kind == TK_NUM && k->end - k->start >= 2) || (k->flags & TF_CODE)) && !span) return true;
        }
    }
    /* "Hi Maria," */
    const csent *s0 = &t->sent[0];
    const ctok *g = &t->tok[s0->t0];
    if ((g->h == KW_HI || g->h == KW_HELLO || g->h == KW_DEAR || g->h == KW_HEY || g->h == KW_H_CIAO || g->h == KW_H_HOLA ||
         g->h == KW_H_BONJOUR || g->h == KW_H_HALLO) && s0->t1 - s0->t0 >= 2) {
        const ctok *nm = &t->tok[s0->t0 + 1];
        uint64_t h = nm->h;
        if ((nm->flags & TF_INITCAP) && !(nm->flags & TF_CAPS) && h != KW_THERE && h != KW_TEAM && h != KW_ALL &&
            h != KW_EVERYONE && h != KW_FOLKS && h != KW_SIR && h != KW_MADAM && !tok_has(nm, COACH_W_STOP))
            return true;
    }
    /* a sign-off with a name: "Best,\nSam" */
    const csent *last = &t->sent[t->nsent - 1];
    if (t->nsent >= 2 && last->t1 - last->t0 <= 2 && (t->tok[last->t0].flags & TF_INITCAP) && t->tok[last->t0].word < 0) {
        const csent *pr = &t->sent[t->nsent - 2];
        uint64_t h = t->tok[pr->t0].h;
        if (h == KW_THANKS || h == KW_REGARDS || h == KW_BEST || h == KW_CHEERS || h == KW_SINCERELY || h == KW_KIND ||
            h == KW_WARM || h == KW_THANK || h == KW_WISHES || h == KW_MANY)
            return true;
    }
    return false;
}

/* what the customer is told to do next: "Go straight to bag drop", "just reply with a meter
 * reading", "Please run payroll again now" */
#define INSTRUCTION_WORDS(X) \
    X(KW_A_GO) X(KW_Q_SEND) X(KW_A_EMAIL) X(KW_C_CALL) X(KW_A_CHECK) X(KW_N_CLICK) X(KW_N_REPLY) X(KW_N_BRING) \
    X(KW_N_RETURN) X(KW_N_RESTART) X(KW_N_TRY) X(KW_N_SWITCH) X(KW_N_TAP) X(KW_N_SELECT) X(KW_N_CHOOSE) X(KW_N_ENTER) \
    X(KW_N_DROP) X(KW_N_POP) X(KW_N_USE) X(KW_N_FILL) X(KW_N_PRINT) X(KW_N_ATTACH) X(KW_N_UPLOAD) X(KW_N_SIGN) \
    X(KW_N_FOLLOW) X(KW_N_HEAD) X(KW_N_SHOW) X(KW_N_LOG) X(KW_N_RUN) X(KW_N_TURN) X(KW_N_PICK) X(KW_N_RESET) \
    X(KW_N_REINSTALL) X(KW_N_UPDATE) X(KW_N_KEEP) X(KW_N_BOOK) X(KW_W_OPEN)
KWSET(instruction, INSTRUCTION_WORDS)

/* A bare order and nothing around it: "Read the prohibited items policy.", "Speeds are 'up to'.
 * Check your contract." A short reply (25 words or fewer) with no greeting, thanks, apology or
 * feeling, one of whose sentences is an order of five words or fewer: the span of that order. */
static bool curt_order(const ctext *t, const coach_reply_report *rr, coach_span *why)
{
    const unsigned warm = (1u << COACH_STRENGTH_EMPATHY) | (1u << COACH_STRENGTH_APOLOGY) | (1u << COACH_STRENGTH_GRATITUDE) |
                          (1u << COACH_STRENGTH_PERSONAL);
    if (t->ntok > 25 || (rr->strengths & warm) || !t->nsent) return false;
    uint64_t g = t->tok[t->sent[0].t0].h;
    if (g == KW_HI || g == KW_HELLO || g == KW_HEY || g == KW_DEAR || g == KW_THANKS || g == KW_THANK) return false;
    /* the whole reply in a word or three, nothing warm in it: "Noted.", "Order cancelled." */
    if (t->ntok <= 3) {
        *why = (coach_span){t->sent[0].start, t->sent[t->nsent - 1].end};
        return true;
    }
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        uint32_t f = s->t0 + (t->tok[s->t0].h == KW_PLEASE && s->t1 - s->t0 > 2); /* "Please read the manual." */
        uint64_t h = t->tok[f].h;
        if (s->t1 - s->t0 > 5 || s->t1 - s->t0 < 2) continue;
        if (instruction_has(h) || h == KW_H_READ || h == KW_H_SEE || h == KW_A_REFER) {
            *why = (coach_span){s->start, s->end};
            return true;
        }
    }
    return false;
}

/* A few bare words to an upset customer, all the reply there is: "It's with the supplier.",
 * "Office opens at 8.", "We don't send updates during stays as we have 40 cats to look after.
 * No news is good news." Twenty words or fewer, with no greeting, thanks, apology, plea, feeling
 * or name in them (a Python check of this shape at fourteen words: of 12 such replies the coach
 * had not flagged, the blind writers called 11 dismissive; at twenty words the rule found 7
 * more than at fourteen and lost none). */
static bool curt_to_upset(const ctext *t, const coach_reply_report *rr)
{
    /* a step of ours is no brush-off ("Jamal's signing for it now"), nor a yes */
    const unsigned warm = (1u << COACH_STRENGTH_EMPATHY) | (1u << COACH_STRENGTH_APOLOGY) | (1u << COACH_STRENGTH_GRATITUDE) |
                          (1u << COACH_STRENGTH_PERSONAL) | (1u << COACH_STRENGTH_OWNERSHIP) | (1u << COACH_STRENGTH_COMMITMENT);
    if (!t->nsent || !t->ntok || (rr->strengths & warm)) return false;
    if (t->tok[0].h == KW_YES || t->tok[0].h == KW_A_SURE || t->tok[0].h == KW_NO) return false;
    size_t words = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        uint64_t h = t->tok[i].h;
        if (h == KW_HI || h == KW_HELLO || h == KW_HEY || h == KW_DEAR || h == KW_THANKS || h == KW_THANK || h == KW_PLEASE ||
            h == KW_A_SORRY || h == KW_A_APOLOGIES || h == KW_Q_UNDERSTAND || h == KW_P_WELCOME)
            return false;
        words += t->tok[i].kind == TK_WORD || t->tok[i].kind == TK_NUM;
    }
    return words <= 20;
}

/* A flat no and nothing offered, to any customer: "No, check-in is 3pm.", "We don't do that.",
 * "Hi Katie, we don't accept unsolicited submissions. Thanks." Eight words or fewer with a no in
 * them, and no alternative, apology, feeling, step or promise (in 01-152: 14 cases the blind
 * writers flag dismissive that were not, none flagged that they do not; at twelve words 15 and 3,
 * at sixteen 21 and 7) */
static bool curt_refusal(const ctext *t, const coach_reply_report *rr)
{
    const unsigned warm = (1u << COACH_STRENGTH_EMPATHY) | (1u << COACH_STRENGTH_APOLOGY) | (1u << COACH_STRENGTH_OWNERSHIP) |
                          (1u << COACH_STRENGTH_COMMITMENT) | (1u << COACH_STRENGTH_POSITIVE_ALTERNATIVE);
    if (!t->nsent || !t->ntok || (rr->strengths & warm) || t->tok[0].h == KW_YES || t->tok[0].h == KW_A_SURE) return false;
    size_t words = 0;
    bool no = false;
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (h == KW_BUT || h == KW_P_HOWEVER || h == KW_W_INSTEAD || h == KW_P_ALTERNATIVELY || will_word(t, k) || h == KW_A_SORRY ||
            h == KW_A_APOLOGIES || h == KW_Q_UNDERSTAND)
            return false;
        if (h == KW_YOU && i + 1 < t->ntok && (t->tok[i + 1].h == KW_CAN || t->tok[i + 1].h == KW_D_COULD)) return false;
        /* ("No worries", "No problem", "Not too late!": good news said with a no) */
        uint64_t nx = i + 1 < t->ntok ? t->tok[i + 1].h : 0;
        bool kind_no = nx == KW_R7_WORRIES || nx == KW_T_PROBLEM || nx == KW_R7_BOTHER || nx == KW_A_TOO || nx == KW_T_MINIMUM;
        if ((k->mod == COACH_MOD_NEGATOR || h == KW_NO) && !kind_no) no = true;
        words += k->kind == TK_WORD || k->kind == TK_NUM;
    }
    return no && words <= 8;
}

/* The next step said in the reply's own words (the phrase table has the stock ones): an
 * instruction to the customer, or what we will do ("I'll close the account", "he will bring
 * it up to 4B"), in a sentence that neither only defers (a vague promise) nor sends them away
 * (defers: a bit for each of the first 64 sentences that does) */
#define NEXT_STEP_CUES(X) INSTRUCTION_WORDS(X) X(KW_N_IQLL) X(KW_N_WEQLL) X(KW_N_WILL)
KWSET_WALK(next_step_cue, NEXT_STEP_CUES, KWW_NEXT_STEP_CUE)

static bool tells_next_step(const ctext *t, uint64_t defers)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        if (si < 64 && (defers >> si & 1)) continue;
        if (!(s->kw & KWW_BIT(NEXT_STEP_CUE))) continue; /* (the walk below passes over every token) */
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            if (!next_step_cue_in(t->kwm[i])) continue; /* both tests start from one of these */
            uint64_t h = k->h, p = i > s->t0 ? t->tok[i - 1].h : 0;
            bool lead = i == s->t0 || p == KW_PLEASE || p == KW_A_JUST || p == KW_N_SIMPLY || p == KW_THEN || p == KW_N_NOW;
            if (lead && instruction_has(h)) return true;
            if ((h == KW_N_IQLL || h == KW_N_WEQLL || h == KW_N_WILL) && i + 1 < s->t1) {
                const ctok *n = &t->tok[i + 1];
                if (n->kind == TK_WORD && n->mod != COACH_MOD_NEGATOR) return true;
            }
        }
    }
    return false;
}

/* a "no" earlier in token i's sentence: "No refund can be issued", "There's nothing we can do" */
static bool denied_before(const ctext *t, size_t i)
{
    for (size_t j = i; j-- > 0 && t->tok[j].sent == t->tok[i].sent;)
        if (t->tok[j].mod == COACH_MOD_NEGATOR || t->tok[j].h == KW_NO || t->tok[j].h == KW_W_NOTHING) return true;
    return false;
}

/* a turn before token i in its sentence: "but", "however", "though", "while" */
static bool turned(const ctext *t, size_t i)
{
    for (size_t j = i; j-- > 0 && t->tok[j].sent == t->tok[i].sent;) {
        uint64_t h = t->tok[j].h;
        if (h == KW_BUT || h == KW_P_HOWEVER || h == KW_P_THOUGH || h == KW_P_WHILE) return true;
    }
    for (size_t j = i + 1; j < t->ntok && t->tok[j].sent == t->tok[i].sent; j++)
        if (t->tok[j].h == KW_P_THOUGH) return true; /* "You can skip weeks though." */
    return false;
}

/* What can be done, offered in the reply's own words: "In the meantime you can export one month
 * at a time", "Until then, switching to DX11 stops the crash", "Alternatively ...", "a
 * workaround", or after a no, a "but" / "however" that goes on to what we did or what they can
 * do ("Not at the moment - but our partner stocks the same range", "However, I've asked ..."). */
/* every test below starts from a negator or one of these words: any other token is passed over
 * with one bit test of their filter (the tests were most of the reply's own time) */
#define ALTERNATIVE_CUES(X) X(KW_CAN) X(KW_A_YOUQRE) X(KW_P_UNFORTUNATELY) X(KW_A_NEED) X(KW_P_MEANTIME) \
    X(KW_P_ALTERNATIVELY) X(KW_P_WORKAROUND) X(KW_P_MEANWHILE) X(KW_W_INSTEAD) X(KW_UNTIL) X(KW_C_IVE) X(KW_C_WEVE) \
    X(KW_N_IQLL) X(KW_N_WEQLL) X(KW_T_EITHER) X(KW_T_CLOSED) X(KW_T_UNAVAILABLE) X(KW_BUT) X(KW_P_HOWEVER) X(KW_P_THOUGH) X(KW_IF)
KWSET_WALK(alternative_cue, ALTERNATIVE_CUES, KWW_ALTERNATIVE_CUE)

static bool offers_alternative(const ctext *t)
{
    if (!(t->kw_any & (KWW_BIT(ALTERNATIVE_CUE) | KWW_BIT(NEGATOR)))) return false; /* (the walk below passes over every token) */
    bool no = false;
    uint32_t no_sent = UINT32_MAX;
    for (size_t i = 0; i < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        uint64_t h = k->h;
        if (k->mod != COACH_MOD_NEGATOR && !alternative_cue_in(t->kwm[i])) continue;
        /* after a no, in a later sentence or after the turn: "We can't pause deliveries. You can skip
         * weeks though.", "Gift Aid can't be claimed, but companies can deduct it", "A parent can
         * list items for you though" (after "You need to be 18") */
        if (no && h == KW_CAN && i > 0 && t->tok[i - 1].kind == TK_WORD && t->tok[i - 1].mod != COACH_MOD_NEGATOR &&
            !(i + 1 < t->ntok && (t->tok[i + 1].mod == COACH_MOD_NEGATOR || t->tok[i + 1].h == KW_Y_AS)) &&
            (k->sent != no_sent || turned(t, i)) && !denied_before(t, i))
            return true;
        /* "you're welcome to leave your bags with us" */
        if (h == KW_A_YOUQRE && i + 2 < t->ntok && t->tok[i + 1].h == KW_P_WELCOME && t->tok[i + 2].h == KW_TO) return true;
        if ((k->mod == COACH_MOD_NEGATOR || h == KW_P_UNFORTUNATELY || (h == KW_A_NEED && i > 0 && t->tok[i - 1].h == KW_YOU)) && !no)
            no = true, no_sent = k->sent;
        if (h == KW_P_MEANTIME || h == KW_P_ALTERNATIVELY || h == KW_P_WORKAROUND || h == KW_P_MEANWHILE || h == KW_W_INSTEAD) return true;
        if (h == KW_UNTIL && i + 1 < t->ntok && t->tok[i + 1].h == KW_THEN) return true;
        /* a no, then a step of ours after the comma: "While we can't refund them, I've listed them
         * for resale", "If it can't be fixed today, I'll move you to 310" */
        if ((h == KW_C_IVE || h == KW_C_WEVE || h == KW_N_IQLL || h == KW_N_WEQLL) && k->start >= 2 && t->s[k->start - 2] == ',' &&
            denied_before(t, i))
            return true;
        /* two ways offered: "will either fix it there or fit you with a loan aid" */
        if (h == KW_T_EITHER)
            for (size_t j = i + 2; j < t->ntok && t->tok[j].sent == k->sent; j++)
                if (t->tok[j].h == KW_OR) return true;
        if (k->mod == COACH_MOD_NEGATOR || h == KW_T_CLOSED || h == KW_T_UNAVAILABLE) no = true; /* "We're closed on Sundays, but ..." */
        if (no && (h == KW_BUT || h == KW_P_HOWEVER || h == KW_P_THOUGH)) {
            for (size_t j = i + 1; j < t->ntok && j <= i + 3 && t->tok[j].sent == k->sent; j++) {
                uint64_t n = t->tok[j].h;
                if (n == KW_C_IVE || n == KW_C_WEVE || n == KW_N_IQLL || n == KW_N_WEQLL || n == KW_A_OUR || n == KW_P_THERES || n == KW_IF ||
                    n == KW_MY || ((n == KW_YOU || n == KW_WE || n == KW_I) && j + 1 < t->ntok && (t->tok[j + 1].h == KW_CAN || t->tok[j + 1].h == KW_N_WOULD)))
                    return true;
            }
            /* "Downloads aren't available, but the replay stays in your library": a turn to what
             * is there, with no second no in it */
            bool denied = false;
            size_t j = i + 1;
            for (; j < t->ntok && t->tok[j].sent == k->sent && !denied; j++)
                denied = t->tok[j].mod == COACH_MOD_NEGATOR || t->tok[j].h == KW_NO || t->tok[j].h == KW_W_NOTHING || t->tok[j].h == KW_P_UNFORTUNATELY;
            /* (in a sentence of ordinary length: a legal wall's "but" turns to more terms) */
            if (!denied && j >= i + 4 && t->sent[k->sent].t1 - t->sent[k->sent].t0 <= 40) return true;
        }
        /* after a no, a way for what they need: "If you need PS5 support, our GT model does both" */
        if (no && h == KW_IF && i + 2 < t->ntok && t->tok[i + 1].h == KW_YOU && k->sent != no_sent &&
            (t->tok[i + 2].h == KW_U_NEED || t->tok[i + 2].h == KW_A_WANT || t->tok[i + 2].h == KW_T_PREFER))
            return true;
    }
    return false;
}

static int clamp100(double v) { return v < 0 ? 0 : v > 100 ? 100 : (int)(v + 0.5); }

static bool upset(const cfeel *cf, coach_emotion e)
{
    return e == COACH_EMO_ANGRY || e == COACH_EMO_FRUSTRATED || e == COACH_EMO_ANXIOUS || e == COACH_EMO_SAD ||
           cf->compound <= -0.35 || cf->cue[COACH_CUE_COMPLAINT];
}

/* a step of ours ("I've", "we'll", "I will") in a sentence that does not only defer: "We will
 * review your requirements and be in touch in due course" takes no step a request can rest on */
static bool steps_beyond(const ctext *t, uint64_t defers)
{
    for (size_t j = 0; j < t->ntok; j++) {
        uint32_t si = t->tok[j].sent;
        if (!(si < 64 && (defers >> si & 1)) && we_act_at(t, j)) return true;
    }
    return false;
}

#define AF_NAME(n_, s_) s_,
static const char *const answer_feature_names[] = {COACH_ANSWER_FEATURES(AF_NAME)};
#undef AF_NAME
const char *coach_answer_feature_name(unsigned i) { return i < COACH_AF_COUNT ? answer_feature_names[i] : NULL; }

/* The learned reading of "answered" (coach_tables.h, COACH_ANSWER_FEATURES): the features the
 * rules saw of a question (from answered_in and learned_answer) and of the reply as a whole
 * (reply_answer_features, once a reply), weighed by data/coach/answer_model.tsv; the rules' answer
 * (rule) is one of them. Without a table the rules decide. */
#define AF(x, cond, name) ((x) |= (uint64_t)((cond) != 0) << COACH_AF_##name)
static uint64_t reply_answer_features(const ctext *t, uint64_t defers, size_t nq, const coach_reply_report *rr)
{
    unsigned st = rr->strengths;
    bool refuses = false, deflects = false, vague = false;
    for (size_t k = 0; k < rr->nflags; k++) {
        coach_flag_code f = rr->flags[k].code;
        refuses |= f == COACH_FLAG_NEGATIVE_PHRASING, deflects |= f == COACH_FLAG_DEFLECTION, vague |= f == COACH_FLAG_VAGUE_PROMISE;
    }
    uint64_t x = 0;
#define ST(name) (st & (1u << COACH_STRENGTH_##name))
    AF(x, 1, BIAS), AF(x, defers, DEFERS), AF(x, ST(OWNERSHIP), OWNERSHIP), AF(x, ST(NEXT_STEP), NEXT_STEP), AF(x, ST(COMMITMENT), COMMITMENT);
    AF(x, ST(POSITIVE_ALTERNATIVE), ALTERNATIVE), AF(x, ST(EMPATHY) || ST(APOLOGY), EMPATHY), AF(x, refuses, REFUSES);
    AF(x, deflects, DEFLECTS), AF(x, vague, VAGUE), AF(x, steps_beyond(t, defers), STEPS);
    AF(x, nq == 1, ONE_Q), AF(x, nq >= 4, MANY_Q), AF(x, t->ntok < 12, SHORT), AF(x, t->ntok > 80, LONG);
#undef ST
    return x;
}

/* The learned answer's pairs of features (coach_answer_w2, kept [lower][higher]) among the reply's
 * own features are the same for every question of the reply: their sum, and what each feature's
 * pairs with them weigh, are taken once a reply, so a question adds only its own features' pairs */
typedef struct answer_pairs {
    uint64_t reply;   /* the reply's own features */
    int within;       /* the pairs among them */
    int32_t with[64]; /* feature f: its pairs with them */
} answer_pairs;

/* coach_answer_w2 both ways ([f][g] and [g][f] the pair's weight, 0 on the diagonal and past the
 * features), made before main: a reply feature's pairs are then one row of 64, added as vectors */
static int32_t answer_w2s[COACH_AF_COUNT][64];
__attribute__((constructor)) static void answer_w2s_build(void)
{
    for (unsigned f = 0; f < COACH_AF_COUNT; f++)
        for (unsigned g = f + 1; g < COACH_AF_COUNT; g++) answer_w2s[f][g] = answer_w2s[g][f] = coach_answer_w2[f][g];
}

static void answer_pairs_of_reply(uint64_t reply, answer_pairs *p)
{
    p->reply = reply;
    memset(p->with, 0, sizeof p->with);
    for (uint64_t b = reply; b; b &= b - 1) {
        const int32_t *row = answer_w2s[__builtin_ctzll(b)];
        for (unsigned f = 0; f < 64; f++) p->with[f] += row[f];
    }
    int twice = 0; /* each pair among them, once from either side */
    for (uint64_t b = reply; b; b &= b - 1) twice += p->with[__builtin_ctzll(b)];
    p->within = twice / 2;
}

/* a reply sentence on the topics of several questions goes to those whose own words (in no other
 * question) it has, where some have them: "Yes, every hut can provide vegetarian meals" answers
 * "can the huts prepare vegetarian meals?", not "can we send our luggage from hut to hut?" */
static void settle_shared_sentences(uint64_t *on, const uint64_t *own_sents, size_t nq, uint64_t claimed)
{
    for (uint64_t left = claimed; left; left &= left - 1) {
        uint64_t b = left & -left, owners = 0, owning = 0;
        for (size_t i = 0; i < nq && i < 64; i++) {
            if (on[i] & b) owners |= 1ULL << i;
            if ((on[i] & b) && (own_sents[i] & b)) owning |= 1ULL << i;
        }
        if (!(owners & (owners - 1)) || !owning || owning == owners) continue;
        for (size_t i = 0; i < nq && i < 64; i++)
            if ((owners & ~owning) >> i & 1) on[i] &= ~b;
    }
}

/* feats: what answered_in saw of question i and the reply's own (ap->reply); on: its sentences
 * (UINT64_MAX: the only question); first: answered_in's answer, rule: the rules' after the steps
 * and deferrals */
static bool learned_answer(const ctext *c, coach_span qs, const ctext *t, uint64_t defers, uint64_t on, size_t i, size_t nq,
                           bool first, bool rule, uint64_t feats, const answer_pairs *ap, size_t own_nc, size_t own_hit, uint64_t *out)
{
    /* the only question's sentences are looked up only when some defer: else whether any shares a
     * word with it is whether it shares a word with the reply */
    bool shares = !(feats >> COACH_AF_HIT0 & 1) && !(feats >> COACH_AF_NC0 & 1);
    uint64_t on_topic = on != UINT64_MAX ? on : defers ? coach_answer_sentences(c, qs, t) : shares;
    int req = coach_question_is_request(c, qs);
    uint64_t x = feats;
    AF(x, rule, RULE), AF(x, first, RULE_FIRST), AF(x, !on_topic, TOPIC_NONE), AF(x, on_topic && !(on_topic & ~defers), TOPIC_DEFERS);
    AF(x, req == REQ_ACT, REQ_ACT), AF(x, req == REQ_THING, REQ_THING), AF(x, i == 0, FIRST_Q), AF(x, i + 1 == nq, LAST_Q);
    AF(x, rule && (feats >> COACH_AF_HIT0 & 1), RULE_HIT0), AF(x, rule && defers, RULE_DEFERS);
    /* what the reply shares of this question's own words, not those of the others */
    if (nq > 1) AF(x, own_nc && !own_hit, OWN0), AF(x, own_nc && 2 * own_hit >= own_nc, OWN_HALF);
    *out = x;
    if (!coach_answer_trained) return rule;
    /* each feature's weight, and each pair's that both are on (bench/coach/train_answered.js) */
    int z = 0;
    for (uint64_t b = x; b; b &= b - 1) z += coach_answer_w[__builtin_ctzll(b)];
    /* the reply's pairs taken once a reply where the question has all the reply's features (the
     * reply's facts, which answered_in sets for every question it reads, are taken with them);
     * else every pair of its own */
    uint64_t reply = (x & ap->reply) == ap->reply ? ap->reply : 0;
    if (reply) z += ap->within;
    for (uint64_t b = x & ~reply; b; b &= b - 1) {
        unsigned f = (unsigned)__builtin_ctzll(b);
        if (reply) z += ap->with[f];
        for (uint64_t g = b & (b - 1); g; g &= g - 1) z += coach_answer_w2[f][__builtin_ctzll(g)];
    }
    return z > 0;
}
#undef AF

void coach_reply(const ctext *c, const cfeel *cf, coach_emotion cemo, const coach_span *qs, size_t nq,
                 const ctext *t, const coach_input *in, coach_report *r, uint64_t *hits)
{
    coach_reply_report *rr = &r->reply;
    cfeel rf;
    coach_feel(t, in->extra, &rf);
    rr->sentiment = rf.compound;
    phrase_flags(t, r);
    /* Spanish (coach_es.c) reads no deadlines and no reading grade, and its own names */
    bool en = rr->language == COACH_LANG_EN;
    uint64_t time_sents = 0;
    if (en) commitments(t, in, r, &time_sents);
    uint64_t dur_sents = en && nq ? duration_sents(t) : 0; /* read only to answer questions */
    time_sents |= dur_sents;
    shouting(t, r);
    coach_reply_acts(t, r);
    if (en) readability(t, c, r);
    if (en ? personal(t, c, in) : coach_es_personal(t, c, in)) rr->strengths |= 1u << COACH_STRENGTH_PERSONAL;
    coach_span curt; /* after personal: a name said to them is warmth */
    if (en && curt_order(t, rr, &curt))
        coach_act_flag(r, COACH_FLAG_DISMISSIVE, curt.start, curt.end, t->s + curt.start, curt.end - curt.start,
                       " (dismissive rule: a bare order in a short reply with no greeting, thanks or feeling)");
    else if (en && c && (cemo == COACH_EMO_ANGRY || cemo == COACH_EMO_FRUSTRATED || cemo == COACH_EMO_ANXIOUS || cemo == COACH_EMO_SAD ||
                         cf->cue[COACH_CUE_COMPLAINT]) && curt_to_upset(t, rr))
        coach_act_flag(r, COACH_FLAG_DISMISSIVE, t->sent[0].start, t->sent[t->nsent - 1].end, t->s + t->sent[0].start,
                       t->sent[t->nsent - 1].end - t->sent[0].start,
                       " (dismissive rule: a few bare words to an upset customer, with no greeting, thanks or feeling)");
    else if (en && c && curt_refusal(t, rr))
        coach_act_flag(r, COACH_FLAG_DISMISSIVE, t->sent[0].start, t->sent[t->nsent - 1].end, t->s + t->sent[0].start,
                       t->sent[t->nsent - 1].end - t->sent[0].start, " (dismissive rule: a flat no and nothing offered)");
    /* sentences that only defer: a promise with no time, or the customer sent elsewhere */
    uint64_t defers = 0;
    for (size_t i = 0; i < rr->nflags; i++) {
        const coach_flag *f = &rr->flags[i];
        if (f->code != COACH_FLAG_VAGUE_PROMISE && f->code != COACH_FLAG_DEFLECTION) continue;
        for (size_t si = 0; si < t->nsent && si < 64; si++)
            if (f->start < t->sent[si].end && f->end > t->sent[si].start) defers |= 1ULL << si;
    }
    if (rr->ncommitments && (rr->strengths & (1u << COACH_STRENGTH_COMMITMENT))) rr->strengths |= 1u << COACH_STRENGTH_NEXT_STEP;
    if (en && !(rr->strengths & (1u << COACH_STRENGTH_NEXT_STEP)) && tells_next_step(t, defers)) rr->strengths |= 1u << COACH_STRENGTH_NEXT_STEP;
    if (en && !(rr->strengths & (1u << COACH_STRENGTH_POSITIVE_ALTERNATIVE)) && offers_alternative(t))
        rr->strengths |= 1u << COACH_STRENGTH_POSITIVE_ALTERNATIVE;
    /* questions */
    size_t unanswered = 0;
    /* a reply to a single question that acts on it answers it, in whatever words: a step taken
     * ("I've refunded the fee" to "Can anything be done?"), a clear no ("we can't send a
     * replacement tonight"), or what can be done instead */
    const unsigned acts = (1u << COACH_STRENGTH_OWNERSHIP) | (1u << COACH_STRENGTH_POSITIVE_ALTERNATIVE);
    bool refuses = false;
    for (size_t i = 0; i < rr->nflags && !refuses; i++) refuses = rr->flags[i].code == COACH_FLAG_NEGATIVE_PHRASING;
    bool acts_on_it = nq == 1 && ((rr->strengths & acts) || refuses);
    /* several questions: each reads its yes-or-no and its time from its own sentences */
    uint64_t on[COACH_MAX_QUESTIONS], claimed = 0;
    for (size_t i = 0; i < nq; i++) claimed |= on[i] = nq > 1 ? coach_answer_sentences(c, qs[i], t) : UINT64_MAX;
    uint64_t free_yes = ~claimed, free_time = ~claimed, free_dur = ~0ULL;
    uint64_t substantive = 0; /* sentences of more than four words: not "Kind regards," or "Thanks!" */
    for (size_t si = 0; si < t->nsent && si < 64; si++)
        if (t->sent[si].t1 - t->sent[si].t0 > 4) substantive |= 1ULL << si;
    uint64_t reply_feats = nq && en ? reply_answer_features(t, defers, nq, rr) : 0;
    /* (one question: its pairs are summed directly, the reply's taken with them) */
    static const answer_pairs no_pairs;
    answer_pairs pairs;
    const answer_pairs *ap = &no_pairs;
    if (nq > 1 && en) {
        /* the reply's facts as answered_in sets them for each question (the same for every one) */
        const creply_facts *tf = &t->facts;
#define FACT(cond, name) ((uint64_t)((cond) != 0) << COACH_AF_##name)
        uint64_t facts = FACT(tf->number, F_NUMBER) | FACT(tf->money, F_MONEY) | FACT(tf->reason, F_REASON) | FACT(tf->answer, F_ANSWER) |
                         FACT(tf->howto, F_HOWTO) | FACT(tf->terse, F_TERSE) | FACT(time_sents, F_TIME_ANY);
#undef FACT
        answer_pairs_of_reply(reply_feats | facts, &pairs), ap = &pairs;
    }
    size_t own_nc[COACH_MAX_QUESTIONS] = {0}, own_hit[COACH_MAX_QUESTIONS] = {0};
    uint64_t own_sents[COACH_MAX_QUESTIONS] = {0};
    if (nq > 1 && en) {
        coach_question_own_overlap(c, qs, nq, t, own_nc, own_hit, own_sents);
        settle_shared_sentences(on, own_sents, nq, claimed);
    }
    for (size_t i = 0; i < nq; i++) {
        uint64_t feats = reply_feats;
        canswer_scope sc = {on[i], time_sents, &free_yes, &free_time, &feats, dur_sents, &free_dur};
        rr->answered[i] = coach_answered(c, qs[i], t, &sc);
        bool first_answer = rr->answered[i];
        /* a request ("Can you provide that") is met by a step taken ("I've attached the PDF") */
        if (!rr->answered[i] && (rr->strengths & (1u << COACH_STRENGTH_OWNERSHIP)) && steps_beyond(t, defers)) {
            int req = coach_question_is_request(c, qs[i]);
            if (req == REQ_THING) { /* the step is on the thing asked for ("I've posted a new charger") */
                size_t nc, hit;
                coach_question_overlap(c, qs[i], t, &nc, &hit);
                rr->answered[i] = hit > 0 || nc <= 1;
            } else rr->answered[i] = req == REQ_ACT;
        }
        if (!rr->answered[i] && acts_on_it) {
            /* on its topic, or the question names none ("Can anything be done?", "Is normal?") */
            size_t nc, hit;
            coach_question_overlap(c, qs[i], t, &nc, &hit);
            rr->answered[i] = hit > 0 || nc <= 1;
        }
        /* "Will the price change?" -> "We'll let you know about any price change in due course":
         * every sentence on the question's topic defers it, so it is not answered */
        if (rr->answered[i] && defers) {
            uint64_t on_topic = nq > 1 ? on[i] : coach_answer_sentences(c, qs[i], t);
            /* no sentence on its topic: then the reply's sentences of any length must not all defer
             * ("We will review your request and someone will be in touch in due course.") */
            if (!on_topic) on_topic = substantive;
            if (on_topic && !(on_topic & ~defers)) rr->answered[i] = false;
        }
        rr->answer_features[i] = 0;
        if (en) rr->answered[i] = learned_answer(c, qs[i], t, defers, nq > 1 ? on[i] : UINT64_MAX, i, nq, first_answer,
                                                 rr->answered[i], feats, ap, own_nc[i], own_hit[i], &rr->answer_features[i]);
        /* "What are you going to do about the wages I lost?" is not answered by an explanation, advice
         * or a rebooking of something else: it wants a step of ours, an offer, or a plain no (blind
         * batches 01-126: of 145 such questions the writers called 47 unanswered, none of whose replies
         * took a step of ours; 10 of those, with no step, offer or no either, had been read as answered) */
        if (en && rr->answered[i] && !(rr->strengths & acts) && !refuses && coach_question_asks_our_action(c, qs[i]))
            rr->answered[i] = false;
        if (rr->answered[i]) continue;
        if (r->customer.answered_before[i]) continue; /* an earlier reply on the thread answered it */
        unanswered++;
        int n = clip(c->s, qs[i].start, qs[i].end);
        /* one flag per question, all on the empty span at the end of the reply */
        if (rr->nflags < COACH_MAX_FLAGS)
            rr->flags[rr->nflags++] = (coach_flag){
                COACH_FLAG_UNANSWERED_QUESTION, (uint32_t)t->len, (uint32_t)t->len,
                pool_wrap(r, "the customer asked \"", c->s + qs[i].start, n, "\" and the reply does not answer it (unanswered_question rule)"),
                pool_wrap(r, "Add an answer to \"", c->s + qs[i].start, n, "\" before you send")};
    }
    bool empathic = rr->strengths & ((1u << COACH_STRENGTH_EMPATHY) | (1u << COACH_STRENGTH_APOLOGY));
    /* in an emergency, help on its way within the hour is the acknowledgement: "I've called our
     * emergency plumber, who will be with you within 1 hour" to water coming through a ceiling */
    if (!empathic && c && cf->cue[COACH_CUE_URGENT] && (rr->strengths & (1u << COACH_STRENGTH_OWNERSHIP)))
        for (size_t i = 0; i < rr->ncommitments && !empathic; i++)
            empathic = rr->commitments[i].has_due && rr->commitments[i].due - in->now <= 3600;
    bool cust_upset = c && upset(cf, cemo);
    if (cust_upset && !empathic && t->nsent) {
        const csent *s0 = &t->sent[0];
        /* skip a greeting line */
        if (t->nsent > 1 && (en ? (t->tok[s0->t0].h == KW_HI || t->tok[s0->t0].h == KW_HELLO || t->tok[s0->t0].h == KW_DEAR ||
                                   t->tok[s0->t0].h == KW_HEY) && s0->t1 - s0->t0 <= 3
                                : coach_es_greeting(t, s0)))
            s0 = &t->sent[1];
        const char *ack = !en ? coach_es_ack(cemo)
                        : cemo == COACH_EMO_ANXIOUS ? "I can see why this is worrying, and I'm here to sort it out."
                        : cemo == COACH_EMO_SAD ? "I'm so sorry to hear this."
                        : cemo == COACH_EMO_ANGRY ? "I'm sorry, I can see how frustrating this has been and I understand why you're angry."
                        : "I'm sorry about this, I can see how frustrating it has been.";
        int n = clip(t->s, s0->start, s0->end);
        /* the same words as the customer's chip (page_coach.c): a customer read as calm but
         * complaining is "complaining", not "frustrated" */
        const char *felt = cemo == COACH_EMO_ANGRY ? "is angry" : cemo == COACH_EMO_FRUSTRATED ? "is frustrated"
                         : cemo == COACH_EMO_ANXIOUS ? "is worried" : cemo == COACH_EMO_SAD ? "is sad"
                         : cf->cue[COACH_CUE_COMPLAINT] ? "is complaining" : "sounds upset";
        add_flag(r, COACH_FLAG_NO_EMPATHY, s0->start, s0->end,
                 pool_wrap(r, "the customer ", felt, (int)strlen(felt), " and the reply never acknowledges it (no_empathy rule: no apology or empathy phrase)"),
                 coach_pool_cat(r, 3, (const char *const[]){ack, " ", t->s + s0->start}, (const size_t[]){SIZE_MAX, SIZE_MAX, (size_t)n}));
    }
    /* the learned reading weighs what the rules read with the reply's own words: English, and
     * with the customer's message (its data are exchanges; a reply alone is the rules') */
    if (en && c) coach_reply_model(t, cemo, r, hits);
    /* scores */
    unsigned st = rr->strengths;
    int nf[COACH_FLAG_COUNT] = {0};
    for (size_t i = 0; i < rr->nflags; i++) nf[rr->flags[i].code]++;
#define S(x) ((st >> COACH_STRENGTH_##x) & 1u)
#define F(x) (nf[COACH_FLAG_##x] > 0)
    int *sc = rr->scores;
    sc[COACH_SCORE_EMPATHY] = clamp100((cust_upset ? 35 : 60) + 30 * S(EMPATHY) + 20 * S(APOLOGY) - 30 * F(NO_EMPATHY) - 15 * F(DISMISSIVE));
    sc[COACH_SCORE_LISTENING] = clamp100(nq ? 100.0 * (double)(nq - unanswered) / (double)nq : 75 + 10 * S(EMPATHY));
    sc[COACH_SCORE_POSITIVITY] = clamp100(60 + 35 * rf.compound - 15 * nf[COACH_FLAG_NEGATIVE_PHRASING] + 15 * S(POSITIVE_ALTERNATIVE));
    sc[COACH_SCORE_OWNERSHIP] = clamp100(50 + 25 * S(OWNERSHIP) + 15 * S(COMMITMENT) - 30 * F(DEFLECTION) - 20 * F(BLAME));
    sc[COACH_SCORE_RESPONSIBILITY] = clamp100(50 + 30 * S(COMMITMENT) + 10 * S(APOLOGY) - 25 * F(VAGUE_PROMISE) - 25 * F(BLAME));
    sc[COACH_SCORE_PROACTIVITY] = clamp100(40 + 25 * S(NEXT_STEP) + 20 * S(COMMITMENT) + 15 * S(POSITIVE_ALTERNATIVE));
    sc[COACH_SCORE_PATIENCE] = clamp100(85 - 30 * F(DISMISSIVE) - 30 * F(BLAME) - 20 * F(SHOUTING));
    sc[COACH_SCORE_ENTHUSIASM] = clamp100(50 + 30 * (rf.compound > 0 ? rf.compound : 0) + 10 * S(GRATITUDE) + 10 * S(POSITIVE_ALTERNATIVE) - 30 * F(SHOUTING));
    sc[COACH_SCORE_CLARITY] = clamp100(90 - 25 * nf[COACH_FLAG_HARD_TO_READ] - 10 * F(VAGUE_PROMISE));
    sc[COACH_SCORE_POLITENESS] = coach_politeness(t, &rf);
    double sum = 0;
    for (int i = 0; i < COACH_SCORE_OVERALL; i++) sum += sc[i];
    sc[COACH_SCORE_OVERALL] = clamp100(sum / COACH_SCORE_OVERALL - 3.0 * (double)rr->nflags);
#undef S
#undef F
}
