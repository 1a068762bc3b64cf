/* The effective persona over the store: inheritance from an edited base CV, KB skills. */
#include <string.h>

#include "base/clock.h"
#include "harness.h"
#include "persona/persona.h"
#include "test_app.h"

static const char resume[] =
    "{\"basics\":{\"name\":\"Ada\",\"label\":\"Data Engineer\",\"summary\":\"Pipelines.\"},"
    "\"work\":[{\"name\":\"Acme\",\"position\":\"Data Engineer\",\"startDate\":\"2019-01\","
    "\"highlights\":[\"Built dbt models for 40 teams\",\"Ran Airflow\"]}],"
    "\"skills\":[{\"name\":\"Data\",\"level\":\"Advanced\",\"keywords\":[\"dbt\",\"SQL\"]}]}";

static const char *id_at(const json_t *doc, const char *pointer)
{
    const json_t *ids = json_object_get(json_object_get(json_object_get(doc, "meta"),
                                                        "personaforge"),
                                        "ids");
    return json_string_value(json_object_get(ids, pointer));
}

static void test_editing_the_base_cv_changes_personas_that_do_not_override(void)
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
    struct pf_persona *plain = NULL;
    PF_CHECK_STATUS(pf_persona_create(app, arena, user, &in, &plain, &err), PF_OK);
    json_t *doc = NULL;
    PF_CHECK_STATUS(pf_persona_effective(app, arena, user, plain->id, NULL, &doc, &err), PF_OK);
    char acme[64];
    snprintf(acme, sizeof(acme), "%s", id_at(doc, "/work/0"));

    json_t *data = pf_json_arena(arena, json_pack("{s:{s:s},s:{s:{s:s}}}", "basics", "label",
                                                  "Analytics Engineer", "work", acme, "summary",
                                                  "Owned the warehouse"));
    struct pf_persona_input in2 = {.base_cv_id = cv->id, .has_base_cv = true, .title = "AE",
                                   .data = data};
    struct pf_persona *tailored = NULL;
    PF_CHECK_STATUS(pf_persona_create(app, arena, user, &in2, &tailored, &err), PF_OK);

    /* Fix the base CV: a new summary, a corrected bullet, a new label. */
    json_t *edited = json_deep_copy(parsed);
    json_t *basics = json_object_get(edited, "basics");
    json_object_set_new(basics, "summary", json_string("Reliable pipelines."));
    json_object_set_new(basics, "label", json_string("Senior Data Engineer"));
    json_array_set_new(json_object_get(json_array_get(json_object_get(edited, "work"), 0),
                                       "highlights"),
                       1, json_string("Ran Apache Airflow for 3 years"));
    PF_CHECK_STATUS(pf_store_cv_set_parsed(app->store, pf_user_workspace(user), cv->id, edited,
                                           pf_time_now_ms(), &err),
                    PF_OK);

    PF_CHECK_STATUS(pf_persona_effective(app, arena, user, plain->id, NULL, &doc, &err), PF_OK);
    basics = json_object_get(doc, "basics");
    PF_CHECK_STR_EQ(pf_json_get_str(basics, "summary"), "Reliable pipelines.");
    PF_CHECK_STR_EQ(pf_json_get_str(basics, "label"), "Senior Data Engineer");

    PF_CHECK_STATUS(pf_persona_effective(app, arena, user, tailored->id, NULL, &doc, &err),
                    PF_OK);
    basics = json_object_get(doc, "basics");
    PF_CHECK_STR_EQ(pf_json_get_str(basics, "summary"), "Reliable pipelines.");
    PF_CHECK_STR_EQ(pf_json_get_str(basics, "label"), "Analytics Engineer");
    const json_t *work = json_array_get(json_object_get(doc, "work"), 0);
    PF_CHECK_STR_EQ(pf_json_get_str(work, "summary"), "Owned the warehouse");
    PF_CHECK_STR_EQ(json_string_value(json_array_get(json_object_get(work, "highlights"), 1)),
                    "Ran Apache Airflow for 3 years");
    const json_t *meta = json_object_get(json_object_get(doc, "meta"), "personaforge");
    PF_CHECK_INT_EQ(pf_json_get_int(meta, "version", 0), 1);
    json_decref(edited);
    json_decref(parsed);
    pf_arena_free(arena);
    pf_test_app_free(app);
}

static void test_confirmed_kb_entries_of_the_workspace_join_the_skills(void)
{
    struct pf_app *app = pf_test_app_new(NULL);
    if (!app)
        return;
    struct pf_arena *arena = pf_arena_new();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = pf_test_user(app, arena);
    struct pf_user *other = pf_test_user(app, arena);
    json_t *parsed = pf_test_json(resume);
    struct pf_cv *cv = pf_test_cv(app, arena, user, parsed);
    pf_test_kb_entry(app, arena, user, "tool", "Snowflake", true);
    pf_test_kb_entry(app, arena, user, "tool", "Looker", false);
    pf_test_kb_entry(app, arena, user, "skill", "SQL", true);
    pf_test_kb_entry(app, arena, other, "tool", "Tableau", true);
    struct pf_persona_input in = {.base_cv_id = cv->id, .has_base_cv = true};
    struct pf_persona *p = NULL;
    PF_CHECK_STATUS(pf_persona_create(app, arena, user, &in, &p, &err), PF_OK);
    json_t *doc = NULL;
    PF_CHECK_STATUS(pf_persona_effective(app, arena, user, p->id, NULL, &doc, &err), PF_OK);
    const json_t *skills = json_object_get(doc, "skills");
    PF_CHECK_INT_EQ(json_array_size(skills), 2);
    const json_t *tools = json_array_get(skills, 1);
    PF_CHECK_STR_EQ(pf_json_get_str(tools, "name"), "Tools");
    PF_CHECK_INT_EQ(json_array_size(json_object_get(tools, "keywords")), 1);
    PF_CHECK_STR_EQ(json_string_value(json_array_get(json_object_get(tools, "keywords"), 0)),
                    "Snowflake");
    json_decref(parsed);
    pf_arena_free(arena);
    pf_test_app_free(app);
}

static void test_a_deleted_base_cv_leaves_the_overrides(void)
{
    struct pf_app *app = pf_test_app_new(NULL);
    if (!app)
        return;
    struct pf_arena *arena = pf_arena_new();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = pf_test_user(app, arena);
    json_t *parsed = pf_test_json(resume);
    struct pf_cv *cv = pf_test_cv(app, arena, user, parsed);
    json_t *data = pf_json_arena(arena, json_pack("{s:{s:s}}", "basics", "name", "Ada L."));
    struct pf_persona_input in = {.base_cv_id = cv->id, .has_base_cv = true, .data = data};
    struct pf_persona *p = NULL;
    PF_CHECK_STATUS(pf_persona_create(app, arena, user, &in, &p, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_cv_delete(app->store, pf_user_workspace(user), cv->id, &err),
                    PF_OK);
    json_t *doc = NULL;
    PF_CHECK_STATUS(pf_persona_effective(app, arena, user, p->id, NULL, &doc, &err), PF_OK);
    PF_CHECK_STR_EQ(pf_json_get_str(json_object_get(doc, "basics"), "name"), "Ada L.");
    PF_CHECK(json_object_get(doc, "work") == NULL);
    json_decref(parsed);
    pf_arena_free(arena);
    pf_test_app_free(app);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_editing_the_base_cv_changes_personas_that_do_not_override),
        PF_CASE(test_confirmed_kb_entries_of_the_workspace_join_the_skills),
        PF_CASE(test_a_deleted_base_cv_leaves_the_overrides),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
