/* coach_es: the coach reads Spanish (issue 12, part 5). The words are data/coach/es.tsv, a
 * lexicon in the organisation format (plus modifier and word-class lines), embedded at build
 * time and parsed once, on first use, by the loader that reads an organisation's file; after
 * that it is read-only, so request threads share it. The analysis is the English one run on
 * that lexicon (coach.c); what the English rules read by their parts is here in Spanish where
 * it is read at all: time pressure, the customer's name, a greeting, the no_empathy opener.
 * What Spanish does not read is listed in docs/COACH.md, "Spanish". */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "coach/coach_hash.h"
#include "coach/coach_internal.h"

extern const unsigned char coach_es_tsv[];
extern const size_t coach_es_tsv_len;

static coach_lexicon *es;
static pthread_once_t es_once = PTHREAD_ONCE_INIT;

/* the words the rules below look for, hashed as the tokenizer hashes them (accents folded) */
enum { W_NECESITO, W_NECESITAMOS, W_NECESITA, W_NECESITAN, W_URGE, W_DEBO, W_DEBEMOS, W_TENGO, W_TENEMOS, W_TIENE, W_HAY,
       W_QUE, W_HOY, W_MANANA, W_MANANA2, W_ESTA, W_NOCHE, W_TARDE, W_LUNES, W_MARTES, W_MIERCOLES, W_JUEVES, W_VIERNES,
       W_SABADO, W_DOMINGO, W_HOLA, W_BUENOS, W_BUENAS, W_BUEN, W_ESTIMADO, W_ESTIMADA, W_ESTIMADOS, W_QUERIDO, W_QUERIDA,
       W_SALUDOS, W_DIAS, W_DIA, W_TARDES, W_NOCHES, W_SR, W_SRA, W_SRTA, W_DON, W_DONA, W_SENOR, W_SENORA, W_D, W_DNA, W_COUNT };
static const char *const word_text[W_COUNT] = {
    "necesito", "necesitamos", "necesita", "necesitan", "urge", "debo", "debemos", "tengo", "tenemos", "tiene", "hay",
    "que", "hoy", "ma\xc3\xb1" "ana", "manana", "esta", "noche", "tarde", "lunes", "martes", "miercoles", "jueves", "viernes",
    "sabado", "domingo", "hola", "buenos", "buenas", "buen", "estimado", "estimada", "estimados", "querido", "querida",
    "saludos", "dias", "dia", "tardes", "noches", "sr", "sra", "srta", "don", "do\xc3\xb1" "a", "se\xc3\xb1" "or", "se\xc3\xb1" "ora", "d",
    "d\xc3\xb1" "a"};
static uint64_t W[W_COUNT];

static void es_init(void)
{
    for (int i = 0; i < W_COUNT; i++) W[i] = coach_hash_str(word_text[i], strlen(word_text[i]));
    char err[256];
    es = coach_lexicon_load_lang("data/coach/es.tsv", (const char *)coach_es_tsv, coach_es_tsv_len, err, sizeof err);
    /* the unit tests load the same bytes and fail on any error; here the coach falls back to
     * saying the text is not read */
    if (!es) fprintf(stderr, "heed: coach: %s\n", err);
}

const coach_lexicon *coach_lang_lexicon(coach_language l)
{
    if (l != COACH_LANG_ES) return NULL;
    pthread_once(&es_once, es_init);
    return es;
}

static bool is(const ctok *k, int w) { return k->h == W[w]; }
static bool any(const ctok *k, int a, int b)
{
    for (int w = a; w <= b; w++)
        if (k->h == W[w]) return true;
    return false;
}

/* "necesito la factura para mañana", "tengo que pagar el alquiler el viernes": a need and a near
 * deadline (hoy, mañana, esta noche / tarde, a weekday) in one sentence */
bool coach_es_time_pressure(const ctext *t)
{
    for (size_t si = 0; si < t->nsent; si++) {
        const csent *s = &t->sent[si];
        bool need = false, soon = false;
        for (uint32_t i = s->t0; i < s->t1; i++) {
            const ctok *k = &t->tok[i];
            const ctok *nx = i + 1 < s->t1 ? &t->tok[i + 1] : NULL;
            if (any(k, W_NECESITO, W_DEBEMOS) || (any(k, W_TENGO, W_HAY) && nx && is(nx, W_QUE))) need = true;
            if (any(k, W_HOY, W_MANANA2) || any(k, W_LUNES, W_DOMINGO) || (is(k, W_ESTA) && nx && (is(nx, W_NOCHE) || is(nx, W_TARDE))))
                soon = true;
        }
        if (need && soon) return true;
    }
    return false;
}

/* a capitalised word the Spanish lexicon does not know: a name */
static bool name_word(const ctok *k)
{
    return k->kind == TK_WORD && (k->flags & TF_INITCAP) && !(k->flags & TF_CAPS) && k->xword < 0;
}

/* the token after a greeting's words ("Hola", "Buenos días", "Estimada") in sentence s, or
 * UINT32_MAX if it opens with none */
static uint32_t after_greeting(const ctext *t, const csent *s)
{
    uint32_t i = s->t0;
    if (i >= s->t1) return UINT32_MAX;
    const ctok *k = &t->tok[i];
    if (is(k, W_HOLA) || any(k, W_ESTIMADO, W_SALUDOS)) return i + 1;
    if (any(k, W_BUENOS, W_BUEN) && i + 1 < s->t1 && (any(&t->tok[i + 1], W_DIAS, W_NOCHES) || is(&t->tok[i + 1], W_NOCHE) ||
                                                       is(&t->tok[i + 1], W_TARDE)))
        return i + 2;
    return UINT32_MAX;
}

/* a greeting line ("Hola, Marta:", "Buenos días"): no_empathy looks at the sentence after it */
bool coach_es_greeting(const ctext *t, const csent *s)
{
    return s->t1 - s->t0 <= 4 && after_greeting(t, s) != UINT32_MAX;
}

bool coach_es_personal(const ctext *t, const ctext *c, const coach_input *in)
{
    /* the customer's name, first or family */
    const char *name = in->customer_name;
    size_t nlen = name ? in->customer_name_len : 0;
    for (size_t a = 0; a < nlen;) {
        while (a < nlen && (name[a] == ' ' || name[a] == ',' || name[a] == '.')) a++;
        size_t b = a;
        while (b < nlen && name[b] != ' ' && name[b] != ',' && name[b] != '.') b++;
        if (b - a >= 2)
            for (size_t i = 0; i < t->ntok; i++) {
                const ctok *k = &t->tok[i];
                if (k->end - k->start == b - a && !strncasecmp(t->s + k->start, name + a, b - a) && (k->flags & TF_INITCAP)) return true;
            }
        a = b;
    }
    for (size_t i = 0; i + 1 < t->ntok; i++) {
        const ctok *k = &t->tok[i];
        /* "Sr. Gómez", "Doña Carmen" */
        if ((k->flags & TF_INITCAP) && any(k, W_SR, W_DNA) && t->tok[i + 1].sent <= k->sent + 1 && name_word(&t->tok[i + 1])) return true;
        /* the customer's own name said to them: "Gracias, Lucía." (a name they signed with) */
        if (!name_word(k)) continue;
        char before = k->start >= 2 ? t->s[k->start - 2] : 0, after = k->end < t->len ? t->s[k->end] : 0;
        bool vocative = (before == ',' || k->start == t->sent[k->sent].start) &&
                        (after == ',' || after == '!' || after == '.' || after == '?' || after == ':' || after == 0 || after == ' ');
        if (vocative && c)
            for (size_t j = 0; j < c->ntok; j++) {
                const ctok *w = &c->tok[j];
                if (w->h == k->h && w->end - w->start == k->end - k->start && !memcmp(c->s + w->start, t->s + k->start, k->end - k->start))
                    return true;
            }
    }
    /* "Hola, Marta:", "Buenas tardes, Marta.", "Estimada Carmen" */
    if (t->nsent) {
        const csent *s0 = &t->sent[0];
        uint32_t i = after_greeting(t, s0);
        if (i != UINT32_MAX && i < s0->t1 && name_word(&t->tok[i])) return true;
    }
    return false;
}

const char *coach_es_ack(coach_emotion e)
{
    switch (e) {
    case COACH_EMO_ANXIOUS: return "Entiendo su preocupación y me encargo de resolverlo.";
    case COACH_EMO_SAD: return "Siento mucho lo ocurrido.";
    case COACH_EMO_ANGRY: return "Lo siento mucho, entiendo su enfado y lo frustrante que ha sido.";
    default: return "Lamento mucho las molestias, entiendo lo frustrante que ha sido.";
    }
}
