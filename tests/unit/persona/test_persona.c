/* The persona service: derivation from a base CV, data validation, versions. */
#include <string.h>

#include "harness.h"
#include "persona/persona.h"
#include "test_app.h"

static const char resume[] =
    "{\"basics\":{\"name\":\"Ada\",\"summary\":\"Pipelines and people.\"},"
    "\"work\":["
    "{\"name\":\"Old\",\"position\":\"Analyst\",\"startDate\":\"2012-01\",\"endDate\":\"2015-01\","
    "\"highlights\":[\"Used Excel daily\"]},"
    "{\"name\":\"Acme\",\"position\":\"Lead Data Engineer\",\"startDate\":\"2019-01\","
    "\"highlights\":[\"Built dbt models in SQL\",\"Scheduled dbt with Airflow\"]},"
    "{\"name\":\"Mid\",\"position\":\"Data Engineer\",\"startDate\":\"2015-02\","
    "\"endDate\":\"2018-12\",\"highlights\":[\"SQL everywhere\"]}],"
    "\"skills\":[{\"name\":\"Tools\",\"level\":\"Beginner\",\"keywords\":[\"Excel\"]},"
    "{\"name\":\"Data\",\"level\":\"Expert\",\"keywords\":[\"dbt\",\"SQL\",\"Rust\"]}]}";

static void test_derivation_takes_latest_position_and_strongest_skills(void)
{
    struct pf_arena *arena = pf_arena_new();
    json_t *parsed = pf_test_json(resume);
    const char *title = NULL, *summary = NULL;
    json_t *tags = NULL;
    pf_persona_derive(arena, parsed, "ada.pdf", NULL, 0, &title, &summary, &tags);
    PF_CHECK_STR_EQ(title, "Lead Data Engineer");
    PF_CHECK_STR_EQ(summary, "Pipelines and people.");
    PF_CHECK(json_array_size(tags) == 4);
    /* Both expert-level; SQL shows in two jobs, dbt in one. */
    PF_CHECK_STR_EQ(json_string_value(json_array_get(tags, 0)), "SQL");
    PF_CHECK_STR_EQ(json_string_value(json_array_get(tags, 1)), "dbt");
    PF_CHECK_STR_EQ(json_string_value(json_array_get(tags, 3)), "Excel");
    struct pf_kb_row k1 = {.type = "tool", .value = "Snowflake", .normalized_value = "snowflake",
                             .confirmed = true, .confidence = 0.9};
    struct pf_kb_row k2 = {.type = "soft_skill", .value = "Mentoring", .confirmed = true};
    struct pf_kb_row *entries[] = {&k1, &k2};
    k1.details = pf_json_arena(arena, json_pack("{s:i}", "years", 4));
    pf_persona_derive(arena, parsed, "ada.pdf", entries, 2, &title, &summary, &tags);
    PF_CHECK_INT_EQ(json_array_size(tags), 1);
    PF_CHECK_STR_EQ(json_string_value(json_array_get(tags, 0)), "Snowflake");
    json_t *blank = json_object();
    pf_persona_derive(arena, blank, "ada.pdf", NULL, 0, &title, &summary, &tags);
    PF_CHECK_STR_EQ(title, "Persona from ada.pdf");
    PF_CHECK(summary == NULL);
    json_decref(blank);
    json_decref(parsed);
    pf_arena_free(arena);
}

static void test_create_from_cv_and_reject_unknown_ids(void)
{
    struct pf_app *app = pf_test_app_new(NULL);
    if (!app)
        return;
    struct pf_arena *arena = pf_arena_new();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = pf_test_user(app, arena);
    json_t *parsed = pf_test_json(resume);
    struct pf_cv *cv = pf_test_cv(app, arena, user, parsed);
    struct pf_persona_input in = {.base_cv_id = cv->id, .has_base_cv = true};
    struct pf_persona *p = NULL;
    PF_CHECK_STATUS(pf_persona_create(app, arena, user, &in, &p, &err), PF_OK);
    PF_CHECK_STR_EQ(p->title, "Lead Data Engineer");
    PF_CHECK_INT_EQ(json_object_size(p->data), 0);

    json_t *problems = pf_json_arena(arena, json_array());
    json_t *bad = pf_json_arena(arena, json_pack("{s:{s:[s]}}", "work", "$order",
                                                 "work-00000000"));
    struct pf_persona_input edit = {.data = bad, .problems = problems};
    struct pf_persona *q = NULL;
    PF_CHECK_STATUS(pf_persona_update(app, arena, user, p->id, &edit, 0, &q, &err),
                    PF_E_VALIDATION);
    PF_CHECK_INT_EQ(json_array_size(problems), 1);
    PF_CHECK_STR_EQ(pf_json_get_str(json_array_get(problems, 0), "type"), "unknown_id");

    /* Restoring a version is not refused for ids the base has since lost. */
    json_t *doc = NULL;
    PF_CHECK_STATUS(pf_persona_effective(app, arena, user, p->id, NULL, &doc, &err), PF_OK);
    const json_t *ids = json_object_get(json_object_get(json_object_get(doc, "meta"),
                                                        "personaforge"),
                                        "ids");
    json_t *good = pf_json_arena(arena, json_pack("{s:{s:[s]}}", "work", "$order",
                                                  json_string_value(json_object_get(ids,
                                                                                    "/work/1"))));
    struct pf_persona_input edit2 = {.data = good};
    PF_CHECK_STATUS(pf_persona_update(app, arena, user, p->id, &edit2, 1, &q, &err), PF_OK);
    PF_CHECK_INT_EQ(q->version, 2);
    json_t *changed = json_deep_copy(parsed);
    json_array_remove(json_object_get(changed, "work"), 1);
    PF_CHECK_STATUS(pf_store_cv_set_parsed(app->store, pf_user_workspace(user), cv->id, changed,
                                           1, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_persona_restore(app, arena, user, p->id, 2, &q, &err), PF_OK);
    PF_CHECK_INT_EQ(q->version, 3);
    struct pf_persona *copy = NULL;
    PF_CHECK_STATUS(pf_persona_duplicate(app, arena, user, p->id, &copy, &err), PF_OK);
    json_decref(changed);
    json_decref(parsed);
    pf_arena_free(arena);
    pf_test_app_free(app);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_derivation_takes_latest_position_and_strongest_skills),
        PF_CASE(test_create_from_cv_and_reject_unknown_ids),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
