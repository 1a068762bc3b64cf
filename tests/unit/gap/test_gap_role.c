/* Role-specific review: skills through aliases and implications, years, seniority,
 * preferences, questions. */
#include <string.h>

#include "gap_testlib.h"
#include "harness.h"

static const char persona[] =
    "{\"basics\":{\"label\":\"Data Engineer\"},"
    "\"work\":[{\"name\":\"Acme\",\"position\":\"Data Engineer\",\"startDate\":\"2023-01\","
    "\"highlights\":[\"Built pipelines on Snowflake with dbt\",\"Ran Postgres for 3 teams\"]}],"
    "\"skills\":[{\"name\":\"Data\",\"keywords\":[\"dbt\",\"Snowflake\",\"Postgres\","
    "\"Python\"]}],\"education\":[{\"studyType\":\"Bachelor of Science\"}]}";

static const char posting[] =
    "Senior Data Engineer\n"
    "Requirements:\n"
    "- 6+ years of professional experience\n"
    "- 4+ years of experience with Python\n"
    "- PostgreSQL and SQL\n"
    "- Kubernetes\n"
    "- Master's degree\n"
    "- Fluent German\n"
    "Nice to have:\n"
    "- Apache Kafka\n"
    "This role is on-site in Berlin.\n";

static void test_role_issues_and_questions(void)
{
    struct pf_gap_options opts = gap_test_options();
    struct pf_kb_row remote = {.type = "preference", .value = "Remote work",
                                 .confirmed = true};
    struct pf_kb_row *entries[] = {&remote};
    opts.kb_entries = entries;
    opts.kb_count = 1;
    json_t *r = gap_test_role(persona, posting, &opts);
    PF_CHECK(gap_test_find(r, "role.missing_required_skill", "/skills") != NULL);
    PF_CHECK(gap_test_find(r, "role.missing_preferred_skill", "/skills") != NULL);
    /* "Postgres" is PostgreSQL under another name. */
    const json_t *other = gap_test_find(r, "role.skill_other_name", "/skills/0/keywords/2");
    PF_CHECK(other && strstr(pf_json_get_str(other, "suggestion"), "PostgreSQL"));
    /* SQL is implied by Snowflake/PostgreSQL. */
    PF_CHECK(gap_test_find(r, "role.skill_implied_only", NULL) != NULL);
    PF_CHECK(gap_test_find(r, "role.too_few_years_total", "/work") != NULL);
    PF_CHECK(gap_test_find(r, "role.too_few_years_skill", NULL) != NULL ||
             gap_test_find(r, "role.unverified_requirement", NULL) != NULL);
    PF_CHECK(gap_test_find(r, "role.seniority_mismatch", "/basics/label") != NULL);
    PF_CHECK(gap_test_find(r, "role.missing_degree", "/education") != NULL);
    PF_CHECK(gap_test_find(r, "role.missing_language", "") != NULL);
    const json_t *conflict = gap_test_find(r, "role.preference_conflict", "/basics");
    PF_CHECK(conflict && strcmp(pf_json_get_str(conflict, "severity"), "high") == 0);
    double score = json_number_value(json_object_get(r, "score"));
    PF_CHECK(score > 0 && score < 100);
    const json_t *questions = json_object_get(r, "questions");
    bool asked_kubernetes = false;
    size_t i;
    json_t *q;
    json_array_foreach(questions, i, q) {
        asked_kubernetes |= strcmp(pf_json_get_str(q, "requirement"), "Kubernetes") == 0 &&
                            strcmp(pf_json_get_str(q, "kind"), "years") == 0;
    }
    PF_CHECK(asked_kubernetes);
    json_decref(r);
}

static void test_a_better_persona_scores_higher(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *weak = gap_test_role("{\"basics\":{\"label\":\"Barista\"}}", posting, &opts);
    json_t *strong = gap_test_role(persona, posting, &opts);
    PF_CHECK(json_number_value(json_object_get(strong, "score")) >
             json_number_value(json_object_get(weak, "score")));
    json_decref(weak);
    json_decref(strong);
}

static void test_empty_posting_is_refused(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *doc = json_object();
    json_t *report = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_gap_role(doc, "  \n ", 4, &opts, &report, &err), PF_E_INVALID);
    json_decref(doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_role_issues_and_questions),
        PF_CASE(test_a_better_persona_scores_higher),
        PF_CASE(test_empty_posting_is_refused),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
