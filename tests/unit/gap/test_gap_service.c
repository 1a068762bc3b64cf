/* Gap reports over the store: limits, questions in the KB, compare, tailoring. */
#include <string.h>

#include "gap/gap_service.h"
#include "harness.h"
#include "persona/persona.h"
#include "store/store_kb.h"
#include "test_app.h"

static const char resume[] =
    "{\"basics\":{\"name\":\"Ada\",\"label\":\"Data Engineer\"},"
    "\"work\":[{\"name\":\"Acme\",\"position\":\"Data Engineer\",\"startDate\":\"2019-01\","
    "\"highlights\":[\"Helped with dbt models\",\"Cut Snowflake costs by 30%\"]}],"
    "\"skills\":[{\"name\":\"Data\",\"keywords\":[\"dbt\",\"Snowflake\"]}]}";

static const char posting[] =
    "Analytics Engineer\nRequirements:\n- dbt and Snowflake\n- Kubernetes\n";

static void test_reports_questions_compare_and_limit(void)
{
    static const char *const settings[] = {"plan_free_reports=3", "spell_dictionary=", NULL};
    struct pf_app *app = pf_test_app_new(settings);
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
    struct pf_gap_report *general = NULL, *role = NULL, *extra = NULL;
    PF_CHECK_STATUS(pf_gap_report_create(app, arena, user, p->id, "role_specific", NULL,
                                         &general, &err),
                    PF_E_VALIDATION);
    PF_CHECK_STATUS(pf_gap_report_create(app, arena, user, p->id, "general", NULL, &general,
                                         &err),
                    PF_OK);
    PF_CHECK(general && !general->has_score && json_array_size(general->issues) > 0);
    PF_CHECK_STATUS(pf_gap_report_create(app, arena, user, p->id, "role_specific", posting,
                                         &role, &err),
                    PF_OK);
    PF_CHECK(role && role->has_score);
    struct pf_kb_question_row **questions = NULL;
    size_t count = 0;
    pf_id next;
    struct pf_page page = {.limit = 50};
    PF_CHECK_STATUS(pf_store_kb_question_list(app->store, arena, pf_user_workspace(user), NULL,
                                              page, &questions, &count, &next, &err),
                    PF_OK);
    bool kubernetes = false;
    for (size_t i = 0; i < count; i++)
        kubernetes |= strstr(questions[i]->dedupe_key, "kubernetes") != NULL;
    PF_CHECK(kubernetes);
    json_t *cmp = NULL;
    PF_CHECK_STATUS(pf_gap_report_compare(app, arena, user, role->id, general->id, &cmp, &err),
                    PF_OK);
    PF_CHECK(json_is_array(json_object_get(cmp, "resolved")));
    PF_CHECK_STATUS(pf_gap_report_compare(app, arena, user, role->id, pf_id_new(), &cmp, &err),
                    PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_gap_report_create(app, arena, user, p->id, "general", NULL, &extra, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_gap_report_create(app, arena, user, p->id, "general", NULL, &extra, &err),
                    PF_E_PLAN_LIMIT);
    json_t *proposal = NULL;
    PF_CHECK_STATUS(pf_gap_tailor_persona(app, arena, user, p->id, posting, &proposal, &err),
                    PF_OK);
    PF_CHECK(json_is_object(json_object_get(proposal, "data")));
    PF_CHECK(json_is_object(json_object_get(proposal, "preview")));
    struct pf_persona_input save = {.data = json_object_get(proposal, "data")};
    struct pf_persona *saved = NULL;
    PF_CHECK_STATUS(pf_persona_update(app, arena, user, p->id, &save, 1, &saved, &err), PF_OK);
    json_decref(parsed);
    pf_arena_free(arena);
    pf_test_app_free(app);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_reports_questions_compare_and_limit),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
