/* Unit tests for the coach's Spanish reading (data/coach/es.tsv, src/coach/coach_es.c; run under
 * ASan+UBSan). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "coach/coach.h"
#include "coach/coach_internal.h"

#define NOW_MON_10 1795428000LL /* 2026-11-23T10:00:00Z */

extern const unsigned char coach_es_tsv[];
extern const size_t coach_es_tsv_len;

static coach_report *R;

static int setup(void **state) { R = malloc(sizeof *R); coach_report_init(R); return 0; }
static int teardown(void **state) { coach_report_free(R); free(R); return 0; }

static void run_x(const char *customer, const char *reply, const coach_lexicon *extra, const char *name)
{
    coach_input in = {.customer = customer, .customer_len = customer ? strlen(customer) : 0,
                      .reply = reply, .reply_len = reply ? strlen(reply) : 0, .now = NOW_MON_10, .extra = extra,
                      .customer_name = name, .customer_name_len = name ? strlen(name) : 0};
    assert_int_equal(coach_analyze(&in, R), 0);
}
static void run(const char *customer, const char *reply) { run_x(customer, reply, NULL, NULL); }

static const coach_flag *flag_of(coach_flag_code c)
{
    for (size_t i = 0; i < R->reply.nflags; i++) if (R->reply.flags[i].code == c) return &R->reply.flags[i];
    return NULL;
}
static bool strong(coach_strength_code c) { return (R->reply.strengths >> c) & 1u; }

static void *first_use(void *arg) { (void)arg; return (void *)coach_lang_lexicon(COACH_LANG_ES); }

/* the lexicon is parsed once, whichever thread asks first, and every thread gets the same one */
static void test_lexicon_is_parsed_once_for_all_threads(void **s)
{
    (void)s;
    pthread_t th[4];
    void *got[4];
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&th[i], NULL, first_use, NULL), 0);
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_join(th[i], &got[i]), 0);
    assert_non_null(got[0]);
    for (int i = 1; i < 4; i++) assert_ptr_equal(got[i], got[0]);
    assert_ptr_equal(coach_lang_lexicon(COACH_LANG_ES), got[0]);
    assert_null(coach_lang_lexicon(COACH_LANG_DE));
    assert_null(coach_lang_lexicon(COACH_LANG_EN)); /* English has the compiled tables */
}

/* the embedded file loads with no error (a bad line would make Spanish "not read") */
static void test_embedded_lexicon_loads_cleanly(void **s)
{
    (void)s;
    char err[256] = "x";
    coach_lexicon *lx = coach_lexicon_load_lang("es.tsv", (const char *)coach_es_tsv, coach_es_tsv_len, err, sizeof err);
    if (!lx) fail_msg("%s", err);
    assert_string_equal(err, "");
    coach_lexicon_free(lx);
}

/* modifier and word lines are the built-in language lexicon's; an organisation's file refuses them */
static void test_language_lines_refused_in_an_organisation_lexicon(void **s)
{
    (void)s;
    char err[256];
    const char *m = "modifier\tnegator\tno\t0.74\n";
    assert_null(coach_lexicon_load_extra("our.tsv", m, strlen(m), err, sizeof err));
    assert_non_null(strstr(err, "our.tsv:1: \"modifier\" lines are read only in a built-in language lexicon"));
    const char *w = "word\tstop\tel\n";
    assert_null(coach_lexicon_load_extra("our.tsv", w, strlen(w), err, sizeof err));
    assert_non_null(strstr(err, "\"word\" lines"));
    const char *c = "cue\tpolite\tpor favor\t1.0\n";
    assert_null(coach_lexicon_load_extra("our.tsv", c, strlen(c), err, sizeof err));
    const char *ok = "modifier\tbooster\tmuy\t0.29\nword\tstop\tel\ncue\tpolite\tpor favor\t1.0\n";
    coach_lexicon *lx = coach_lexicon_load_lang("es.tsv", ok, strlen(ok), err, sizeof err);
    if (!lx) fail_msg("%s", err);
    coach_lexicon_free(lx);
    /* accents are folded in a language lexicon: "está" and "esta" are one word */
    const char *twice = "sentiment\t-1\testá\nsentiment\t-1\testa\n";
    assert_null(coach_lexicon_load_lang("es.tsv", twice, strlen(twice), err, sizeof err));
    assert_non_null(strstr(err, "es.tsv:2: the word is already given a valence on line 1"));
}

/* whether the customer reading's reasons of kind k include word (text: the customer's message) */
static bool names(coach_why k, const char *text, const char *word)
{
    const coach_because *b = &R->customer.because[k];
    for (uint32_t j = 0; j < b->n; j++)
        if (memmem(text + b->span[j].start, b->span[j].end - b->span[j].start, word, strlen(word))) return true;
    return false;
}

static void test_angry_spanish_complaint(void **s)
{
    (void)s;
    run("¡Esto es inaceptable! Llevo tres semanas esperando mi pedido y nadie me da una respuesta. Estoy harto.", NULL);
    assert_int_equal(R->customer.language, COACH_LANG_ES);
    assert_true(R->customer.emotion == COACH_EMO_ANGRY || R->customer.emotion == COACH_EMO_FRUSTRATED);
    assert_true(R->customer.complaint);
    assert_true(R->customer.sentiment < -0.5);
    /* Latin American, tú, without accents: read alike */
    run("Estoy furiosa, ya les escribi tres veces y nadie me contesta. Es una verguenza.", NULL);
    assert_int_equal(R->customer.language, COACH_LANG_ES);
    assert_int_equal(R->customer.emotion, COACH_EMO_ANGRY);
    assert_true(R->customer.complaint);
    assert_true(R->customer.repeat_contact);
    /* each reading names the Spanish words that made it, as the English ones do */
    const char *t = "Estoy furiosa, ya les escribi tres veces y nadie me contesta. Es una verguenza.";
    assert_true(names(COACH_WHY_EMOTION, t, "furiosa"));
    assert_true(R->customer.because[COACH_WHY_COMPLAINT].n > 0);
    assert_true(R->customer.because[COACH_WHY_REPEAT].n > 0);
}

static void test_spanish_questions_open_with_inverted_marks(void **s)
{
    (void)s;
    const char *c = "¿Dónde está mi pedido? ¿Cuándo llega?";
    run(c, "Su pedido está en camino y llega el jueves.");
    assert_int_equal(R->customer.language, COACH_LANG_ES);
    assert_int_equal((int)R->customer.nquestions, 2);
    /* the spans start after '¿' (a separator) and end at '?' */
    assert_memory_equal(c + R->customer.questions[0].start, "Dónde", strlen("Dónde"));
    assert_memory_equal(c + R->customer.questions[1].start, "Cuándo llega?", strlen("Cuándo llega?"));
    assert_true(R->reply.answered[0]);
    assert_true(R->reply.answered[1]);
    /* rhetorical questions are not asked, indirect ones are */
    run("¿Es una broma? Quisiera saber cuándo vence mi contrato.", NULL);
    assert_int_equal((int)R->customer.nquestions, 1);
}

static void test_deflection_in_spanish(void **s)
{
    (void)s;
    const char *reply = "No es mi departamento, tiene que llamar a su banco.";
    run("Me han cobrado dos veces la misma factura. ¿Me pueden devolver el dinero?", reply);
    assert_int_equal(R->reply.language, COACH_LANG_ES);
    const coach_flag *f = flag_of(COACH_FLAG_DEFLECTION);
    assert_non_null(f);
    assert_memory_equal(reply + f->start, "No es mi departamento", f->end - f->start);
    assert_string_equal(f->suggestion, "Me encargo de pasarlo al departamento adecuado");
    assert_non_null(strstr(f->why, "sends the customer elsewhere"));
    assert_false(strong(COACH_STRENGTH_OWNERSHIP));
    assert_false(R->reply.answered[0]);
    /* "tiene que llamar" -> "voy a llamar" reads in place */
    bool in_place = false;
    for (size_t i = 0; i < R->reply.nflags; i++) {
        const coach_flag *g = &R->reply.flags[i];
        if (g->code == COACH_FLAG_DEFLECTION && !strncmp(reply + g->start, "tiene que llamar", g->end - g->start)) {
            assert_string_equal(g->suggestion, "voy a llamar");
            in_place = coach_flag_in_place(reply, strlen(reply), g);
        }
    }
    assert_true(in_place);
}

static void test_spanish_reply_strengths_and_no_empathy(void **s)
{
    (void)s;
    run("Hola, ya les escribí dos veces y mi celular sigue sin funcionar.",
        "Hola Camila, disculpa la demora. Ya revisé tu caso y te llamo hoy a las 4.");
    assert_true(strong(COACH_STRENGTH_APOLOGY));
    assert_true(strong(COACH_STRENGTH_OWNERSHIP));
    assert_true(strong(COACH_STRENGTH_PERSONAL));
    assert_null(flag_of(COACH_FLAG_NO_EMPATHY));
    /* an upset customer and a curt reply: no_empathy, opened in Spanish */
    run("Estoy furioso. Es la tercera vez que escribo y seguís sin devolverme el dinero.", "El reembolso se procesa en 5-7 días hábiles.");
    const coach_flag *f = flag_of(COACH_FLAG_NO_EMPATHY);
    assert_non_null(f);
    assert_non_null(strstr(f->suggestion, "Lo siento mucho"));
    /* no English made up: no commitments (due dates are not read), no reading grade */
    assert_int_equal((int)R->reply.ncommitments, 0);
    assert_null(flag_of(COACH_FLAG_HARD_TO_READ));
    /* a reply that brushes the customer off */
    run("Estoy muy enfadado, me habéis cortado la luz sin avisar.", "Cálmese, por favor. Como ya le dije, el corte estaba programado.");
    assert_int_equal(R->customer.emotion, COACH_EMO_ANGRY);
    assert_non_null(flag_of(COACH_FLAG_DISMISSIVE));
}

static void test_negation_and_accents(void **s)
{
    (void)s;
    run("El servicio no es malo, la verdad.", NULL);
    assert_true(R->customer.sentiment > 0);
    run("No estoy contento, no me han solucionado nada.", NULL);
    assert_true(R->customer.sentiment < 0);
    assert_int_equal(R->customer.emotion, COACH_EMO_FRUSTRATED);
    run("Estoy muy preocupada por el cargo en mi tarjeta.", NULL);
    double with = R->customer.sentiment;
    assert_int_equal(R->customer.emotion, COACH_EMO_ANXIOUS);
    run("Estoy muy preocupada por el cargo en mi tárjeta.", NULL); /* an accent where none belongs changes nothing */
    assert_true(R->customer.sentiment == with);
}

/* the organisation's lexicon is English's: it does not apply to a Spanish message */
static void test_organisation_lexicon_is_not_applied_to_spanish(void **s)
{
    (void)s;
    char err[128];
    const char *t = "cue\turgent\tpedido\n";
    coach_lexicon *lx = coach_lexicon_load_extra("our.tsv", t, strlen(t), err, sizeof err);
    assert_non_null(lx);
    run_x("¿Dónde está mi pedido? Lo compré hace una semana.", NULL, lx, NULL);
    assert_int_equal(R->customer.language, COACH_LANG_ES);
    assert_false(R->customer.urgent);
    run_x("Where is my pedido? I bought it a week ago.", NULL, lx, NULL);
    assert_true(R->customer.urgent);
    coach_lexicon_free(lx);
}

/* German is still not read: tests/unit/test_coach.c (test_other_languages_are_recognised_not_judged) holds that exchange */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon_is_parsed_once_for_all_threads), /* first: the first use is here */
        cmocka_unit_test(test_embedded_lexicon_loads_cleanly),
        cmocka_unit_test(test_language_lines_refused_in_an_organisation_lexicon),
        cmocka_unit_test(test_angry_spanish_complaint),
        cmocka_unit_test(test_spanish_questions_open_with_inverted_marks),
        cmocka_unit_test(test_deflection_in_spanish),
        cmocka_unit_test(test_spanish_reply_strengths_and_no_empathy),
        cmocka_unit_test(test_negation_and_accents),
        cmocka_unit_test(test_organisation_lexicon_is_not_applied_to_spanish),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
