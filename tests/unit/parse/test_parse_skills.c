/* Unit tests for src/parse/parse_skills.c: groups, levels and flat lists. */
#include "parse_test_util.h"

static void test_skills_name_level_keywords_on_one_line(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nSkills\n\nFrontend (Senior): React, TypeScript, Next.js\n"
                                   "Tech: Go, SQL\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.0.name"), "Frontend");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.0.level"), "Senior");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.0.keywords.2"), "Next.js");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.1.keywords.1"), "SQL");
    json_decref(r);
}

static void test_skills_name_then_level_then_keywords(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nSkills\n\nBackend\nExpert\nNode.js\nPostgreSQL\n"
                                   "DevOps\nAdvanced\nDocker\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.0.name"), "Backend");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.0.level"), "Expert");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.0.keywords.1"), "PostgreSQL");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.1.name"), "DevOps");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.1.keywords.0"), "Docker");
    json_decref(r);
}

static void test_skills_flat_list(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nSkills\n\nPython, C++, SQL\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "skills.1.name"), "C++");
    PF_CHECK(pf_test_get(r, "skills.1.level") == NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_skills_name_level_keywords_on_one_line),
        PF_CASE(test_skills_name_then_level_then_keywords),
        PF_CASE(test_skills_flat_list),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
