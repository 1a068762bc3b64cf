/* The posting parser. */
#include <string.h>

#include "gap/jd_parse.h"
#include "gap_testlib.h"
#include "harness.h"

static const char posting[] =
    "**URL:** https://jobs.example/snowflake-role\n"
    "# Senior Analytics Engineer\n"
    "We are a hybrid team: 3 days in the office in Amsterdam.\n"
    "Location: Amsterdam, Netherlands\n"
    "## What you'll do\n"
    "- Build models in dbt on Snowflake\n"
    "## Requirements\n"
    "- 5+ years of professional experience in analytics\n"
    "- 3+ years of experience with Python\n"
    "- Strong SQL\n"
    "- Bachelor's degree in Computer Science or similar\n"
    "- Fluent Dutch and English\n"
    "- AWS Certified Data Engineer certification\n"
    "## Nice to have\n"
    "- Looker or Tableau\n"
    "## What we offer\n"
    "- A MacBook, Kubernetes training budget\n";

static const struct pf_jd_skill *skill(const struct pf_jd *jd, const char *name)
{
    for (size_t i = 0; i < jd->skill_count; i++) {
        if (strcmp(jd->skills[i].name, name) == 0)
            return &jd->skills[i];
    }
    return NULL;
}

static void test_a_structured_posting(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jd *jd = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jd_parse(gap_test_kb(), pf_str_from_cstr(posting), arena, &jd, &err),
                    PF_OK);
    if (!jd) {
        pf_arena_free(arena);
        return;
    }
    PF_CHECK_STR_EQ(jd->title, "Senior Analytics Engineer");
    PF_CHECK_STR_EQ(jd->seniority, "senior");
    PF_CHECK_INT_EQ(jd->years_min, 5);
    PF_CHECK_STR_EQ(jd->work_arrangement, "hybrid");
    PF_CHECK_STR_EQ(jd->location, "Amsterdam, Netherlands");
    const struct pf_jd_skill *s = skill(jd, "Python");
    PF_CHECK(s && s->required && s->years == 3 && s->hard);
    s = skill(jd, "Snowflake");
    PF_CHECK(s && s->required);
    s = skill(jd, "Looker");
    PF_CHECK(s && !s->required);
    PF_CHECK(skill(jd, "Kubernetes") == NULL);
    PF_CHECK_STR_EQ(jd->degree, "bachelor");
    PF_CHECK(jd->degree_required);
    PF_CHECK_INT_EQ(jd->language_count, 2);
    PF_CHECK_INT_EQ(jd->certificate_count, 1);
    PF_CHECK(jd->certificate_count && strstr(jd->certificates[0].name, "AWS Certified"));
    json_t *json = pf_jd_to_json(jd);
    PF_CHECK(json_array_size(json_object_get(json, "required_skills")) >= 3);
    json_decref(json);
    pf_arena_free(arena);
}

static void test_arrangements_and_limits(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jd *jd = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jd_parse(gap_test_kb(), PF_STR("Junior Data Analyst\nFully remote "
                                                       "within the EU.\n"),
                                arena, &jd, &err),
                    PF_OK);
    PF_CHECK(jd && strcmp(jd->work_arrangement, "remote") == 0);
    PF_CHECK(jd && strcmp(jd->seniority, "junior") == 0);
    PF_CHECK_STATUS(pf_jd_parse(gap_test_kb(), PF_STR("Engineer\nThis role is on-site.\n"),
                                arena, &jd, &err),
                    PF_OK);
    PF_CHECK(jd && strcmp(jd->work_arrangement, "onsite") == 0);
    PF_CHECK_STATUS(pf_jd_parse(gap_test_kb(), PF_STR("bad \xff utf-8"), arena, &jd, &err),
                    PF_E_PARSE);
    static char big[PF_JD_LIMIT_BYTES + 2];
    memset(big, 'a', sizeof(big) - 1);
    PF_CHECK_STATUS(pf_jd_parse(gap_test_kb(), pf_str_make(big, sizeof(big) - 1), arena, &jd,
                                &err),
                    PF_E_TOO_BIG);
    PF_CHECK_STATUS(pf_jd_parse(NULL, PF_STR(""), arena, &jd, &err), PF_OK);
    PF_CHECK(jd && jd->skill_count == 0);
    PF_CHECK_INT_EQ(pf_jd_seniority_rank("senior"), 3);
    PF_CHECK_INT_EQ(pf_jd_seniority_rank("nonsense"), 0);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_a_structured_posting),
        PF_CASE(test_arrangements_and_limits),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
