/* Tests for kb/kb_question.c and kb/kb_answer.c: generation, requirements, answers, JSON. */
#include <string.h>

#include "base/json.h"
#include "harness.h"
#include "kb/kb_extract.h"
#include "kb/kb_infer.h"
#include "kb/kb_question.h"

static struct pf_kb *kb;

static const struct pf_kb_question *find_key(const struct pf_kb_questions *questions,
                                             const char *key)
{
    for (size_t i = 0; i < questions->count; i++) {
        if (strcmp(questions->items[i].key, key) == 0)
            return &questions->items[i];
    }
    return NULL;
}

static void generate(const char *text, struct pf_arena *arena, struct pf_kb_questions *questions)
{
    json_t *resume = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_entries entries;
    struct pf_kb_extract_opts opts = {.as_of_year = 2024, .as_of_month = 6};
    pf_kb_entries_init(&entries, arena);
    pf_kb_questions_init(questions, arena);
    PF_CHECK_STATUS(pf_json_parse(pf_str_from_cstr(text), 32, &resume, &err), PF_OK);
    PF_CHECK_STATUS(pf_kb_extract_cv(kb, resume, &opts, &entries, &err), PF_OK);
    PF_CHECK_STATUS(pf_kb_infer(kb, resume, &opts, &entries, &err), PF_OK);
    PF_CHECK_STATUS(pf_kb_questions_generate(kb, resume, &entries, &opts, questions, &err), PF_OK);
    json_decref(resume);
}

static void test_questions_ask_where_thin_or_ambiguous(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_questions questions;
    generate("{\"basics\":{\"summary\":\"Looking for remote work; I met Julia at a meetup.\"},"
             "\"work\":[{\"name\":\"Acme\",\"startDate\":\"2021-05\",\"endDate\":\"2019-01\","
             "\"summary\":\"Python\"},{\"name\":\"Initech\"}],"
             "\"skills\":[{\"keywords\":[\"Kubernetes\"]}]}",
             arena, &questions);
    const struct pf_kb_question *k8s = find_key(&questions, "skill_years:kubernetes");
    PF_CHECK(k8s && k8s->kind == PF_KB_Q_YEARS);
    PF_CHECK(k8s && strcmp(k8s->text, "Where and for how long did you use Kubernetes?") == 0);
    PF_CHECK(find_key(&questions, "skill_years:python") != NULL); /* the dates are wrong */
    PF_CHECK(find_key(&questions, "pref:relocation") != NULL);
    PF_CHECK(find_key(&questions, "pref:work_arrangement") == NULL); /* "remote work" */
    const struct pf_kb_question *arrangement = find_key(&questions, "pref:contract_type");
    PF_CHECK(arrangement && arrangement->kind == PF_KB_Q_CHOICE && arrangement->option_count == 5);
    PF_CHECK(find_key(&questions, "dates:order:/work/0") != NULL);
    const struct pf_kb_question *start = find_key(&questions, "dates:start:/work/1");
    PF_CHECK(start && start->kind == PF_KB_Q_DATE && start->entry_type == PF_KB_ENTRY_FACT);
    const struct pf_kb_question *julia = find_key(&questions, "ambiguous:julia");
    PF_CHECK(julia && julia->kind == PF_KB_Q_YES_NO);
    size_t before = questions.count;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_entries none;
    pf_kb_entries_init(&none, arena);
    json_t *empty = json_object();
    PF_CHECK_STATUS(pf_kb_questions_generate(kb, empty, &none, NULL, &questions, &err), PF_OK);
    /* Keys already asked are not repeated; only the newly unsettled preference is added. */
    PF_CHECK_INT_EQ(questions.count, before + 1);
    PF_CHECK(find_key(&questions, "pref:work_arrangement") != NULL);
    json_decref(empty);
    pf_arena_free(arena);
}

static void test_requirement_questions_follow_what_the_requirement_names(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_question q;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_question_for_requirement(kb, PF_STR("5+ years of Kubernetes"), arena,
                                                   &q, &err),
                    PF_OK);
    PF_CHECK_STR_EQ(q.key, "skill_years:kubernetes");
    PF_CHECK_INT_EQ(q.kind, PF_KB_Q_YEARS);
    PF_CHECK_STR_EQ(q.reason, "jd_requirement");
    PF_CHECK_STATUS(pf_kb_question_for_requirement(kb, PF_STR("Fully remote team"), arena, &q,
                                                   &err),
                    PF_OK);
    PF_CHECK_STR_EQ(q.key, "pref:work_arrangement");
    PF_CHECK_STATUS(pf_kb_question_for_requirement(kb, PF_STR("Knows our internal frobnicator"),
                                                   arena, &q, &err),
                    PF_OK);
    PF_CHECK_STR_EQ(q.key, "jd:knows our internal frobnicator");
    PF_CHECK_INT_EQ(q.kind, PF_KB_Q_FREE_TEXT);
    PF_CHECK_STATUS(pf_kb_question_for_requirement(kb, PF_STR("  "), arena, &q, &err),
                    PF_E_INVALID);
    pf_arena_free(arena);
}

static pf_status answer(const struct pf_kb_question *q, const char *json_text,
                        struct pf_kb_entries *out)
{
    json_t *value = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_json_parse(pf_str_from_cstr(json_text), 8, &value, &err) != PF_OK)
        return PF_E_PARSE;
    pf_status st = pf_kb_answer(kb, q, value, out, &err);
    json_decref(value);
    return st;
}

static void test_answers_are_validated_by_kind(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries out;
    struct pf_kb_question q;
    struct pf_error err = PF_ERROR_INIT;
    pf_kb_entries_init(&out, arena);
    PF_CHECK_STATUS(pf_kb_question_for_requirement(kb, PF_STR("Kubernetes"), arena, &q, &err),
                    PF_OK);
    PF_CHECK_STATUS(answer(&q, "61", &out), PF_E_VALIDATION);
    PF_CHECK_STATUS(answer(&q, "-1", &out), PF_E_VALIDATION);
    PF_CHECK_STATUS(answer(&q, "\"lots\"", &out), PF_E_VALIDATION);
    PF_CHECK_INT_EQ(out.count, 0);
    PF_CHECK_STATUS(answer(&q, "{\"years\": 2.5, \"where\": \"Hooli\"}", &out), PF_OK);
    PF_CHECK_INT_EQ(out.count, 1);
    PF_CHECK_STR_EQ(out.items[0].value, "Kubernetes");
    PF_CHECK_INT_EQ(out.items[0].source, PF_KB_SOURCE_USER_ANSWER);
    PF_CHECK(out.items[0].confirmed);
    PF_CHECK(json_real_value(json_object_get(out.items[0].details, "years")) == 2.5);

    const char *options[] = {"Remote work", "Hybrid work", "On-site work"};
    struct pf_kb_question choice = {"pref:work_arrangement", PF_KB_Q_CHOICE, "work_arrangement",
                                    "Which?", options, 3, "missing_preference", NULL,
                                    PF_KB_ENTRY_PREFERENCE};
    PF_CHECK_STATUS(answer(&choice, "\"Beach\"", &out), PF_E_VALIDATION);
    PF_CHECK_STATUS(answer(&choice, "\" hybrid work \"", &out), PF_OK);
    PF_CHECK_STR_EQ(out.items[out.count - 1].value, "Hybrid work");

    struct pf_kb_question date = {"pref:start_date", PF_KB_Q_DATE, "start_date", "When?", NULL, 0,
                                  "missing_preference", NULL, PF_KB_ENTRY_PREFERENCE};
    PF_CHECK_STATUS(answer(&date, "\"2023-02-30\"", &out), PF_E_VALIDATION);
    PF_CHECK_STATUS(answer(&date, "\"2024-13\"", &out), PF_E_VALIDATION);
    PF_CHECK_STATUS(answer(&date, "\"2024-02-29\"", &out), PF_OK);

    struct pf_kb_question yes = {"pref:relocation", PF_KB_Q_YES_NO, "relocation", "?", NULL, 0,
                                 "missing_preference", NULL, PF_KB_ENTRY_PREFERENCE};
    PF_CHECK_STATUS(answer(&yes, "\"maybe\"", &out), PF_E_VALIDATION);
    PF_CHECK_STATUS(answer(&yes, "\"no\"", &out), PF_OK);
    PF_CHECK_STR_EQ(out.items[out.count - 1].value, "No relocation");

    struct pf_kb_question text = {"jd:x", PF_KB_Q_FREE_TEXT, "our stack", "?", NULL, 0,
                                  "jd_requirement", NULL, PF_KB_ENTRY_SKILL};
    PF_CHECK_STATUS(answer(&text, "\"   \"", &out), PF_E_VALIDATION);
    size_t before = out.count;
    PF_CHECK_STATUS(answer(&text, "\"I used Snowflake and dbt daily\"", &out), PF_OK);
    PF_CHECK_INT_EQ(out.count, before + 3); /* Snowflake, dbt, and the fact itself */
    PF_CHECK_STATUS(pf_kb_answer(kb, &text, NULL, &out, &err), PF_E_VALIDATION);
    pf_arena_free(arena);
}

static void test_questions_round_trip_through_json(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_questions questions;
    struct pf_kb_question back;
    struct pf_error err = PF_ERROR_INIT;
    generate("{\"skills\":[{\"keywords\":[\"Docker\"]}]}", arena, &questions);
    for (size_t i = 0; i < questions.count; i++) {
        json_t *json = pf_kb_question_to_json(&questions.items[i]);
        PF_CHECK_STATUS(pf_kb_question_from_json(json, arena, &back, &err), PF_OK);
        PF_CHECK_STR_EQ(back.key, questions.items[i].key);
        PF_CHECK_INT_EQ(back.kind, questions.items[i].kind);
        PF_CHECK_INT_EQ(back.option_count, questions.items[i].option_count);
        PF_CHECK_INT_EQ(back.entry_type, questions.items[i].entry_type);
        json_decref(json);
    }
    json_t *bad = json_pack("{s:s,s:s,s:s,s:s}", "key", "k", "kind", "essay", "topic", "t",
                            "text", "?");
    PF_CHECK_STATUS(pf_kb_question_from_json(bad, arena, &back, &err), PF_E_VALIDATION);
    json_decref(bad);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new(&kb, &err) != PF_OK)
        return 1;
    static const struct pf_test_case cases[] = {
        PF_CASE(test_questions_ask_where_thin_or_ambiguous),
        PF_CASE(test_requirement_questions_follow_what_the_requirement_names),
        PF_CASE(test_answers_are_validated_by_kind),
        PF_CASE(test_questions_round_trip_through_json),
    };
    int rc = pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
    pf_kb_free(kb);
    return rc;
}
