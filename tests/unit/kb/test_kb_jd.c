/* Tests for kb/kb_jd.c: skills in postings, required vs preferred, years, sentences. */
#include <string.h>

#include "harness.h"
#include "kb/kb_jd.h"

static struct pf_kb *kb;

static const struct pf_kb_jd_skill *skill(const struct pf_kb_jd *jd, const char *name)
{
    for (size_t i = 0; i < jd->skill_count; i++) {
        if (strcmp(pf_kb_concept_name(kb, jd->skills[i].concept), name) == 0)
            return &jd->skills[i];
    }
    return NULL;
}

static void test_jd_reads_requirement_levels_from_headings_and_sentences(void)
{
    const char *text = "## About the role\nYou will build pipelines.\n\n"
                       "**Requirements**\n- 3+ years of SQL\n- Python\n\n"
                       "Nice to have:\n- Apache Airflow\n- Terraform\n\n"
                       "Experience with dbt is a plus. Snowflake is a must.\n";
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_jd jd;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_jd_extract(kb, pf_str_from_cstr(text), arena, &jd, &err), PF_OK);
    const struct pf_kb_jd_skill *sql = skill(&jd, "SQL");
    PF_CHECK(sql && sql->requirement == PF_KB_REQ_REQUIRED && sql->years_min == 3);
    const struct pf_kb_jd_skill *python = skill(&jd, "Python");
    PF_CHECK(python && python->requirement == PF_KB_REQ_REQUIRED && python->years_min == -1);
    const struct pf_kb_jd_skill *airflow = skill(&jd, "Apache Airflow");
    PF_CHECK(airflow && airflow->requirement == PF_KB_REQ_PREFERRED);
    const struct pf_kb_jd_skill *dbt = skill(&jd, "dbt");
    PF_CHECK(dbt && dbt->requirement == PF_KB_REQ_PREFERRED);
    const struct pf_kb_jd_skill *snowflake = skill(&jd, "Snowflake");
    PF_CHECK(snowflake && snowflake->requirement == PF_KB_REQ_REQUIRED);
    if (sql) {
        const struct pf_kb_jd_mention *m = &jd.mentions[sql->first_mention];
        PF_CHECK(strncmp(text + m->start, "SQL", 3) == 0);
        PF_CHECK(strncmp(text + m->sentence_start, "- 3+ years of SQL", 17) == 0);
        PF_CHECK(strncmp(text + m->heading_start, "**Requirements**", 16) == 0);
    }
    json_t *json = pf_kb_jd_to_json(kb, pf_str_from_cstr(text), &jd);
    PF_CHECK(json_array_size(json_object_get(json, "skills")) == jd.skill_count);
    json_decref(json);
    pf_arena_free(arena);
}

static void test_jd_handles_empty_and_plain_text(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_jd jd;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_jd_extract(kb, PF_STR(""), arena, &jd, &err), PF_OK);
    PF_CHECK_INT_EQ(jd.skill_count, 0);
    PF_CHECK_STATUS(pf_kb_jd_extract(kb, PF_STR("We use Kafka"), arena, &jd, &err), PF_OK);
    PF_CHECK_INT_EQ(jd.skill_count, 1);
    PF_CHECK_INT_EQ(jd.skills[0].requirement, PF_KB_REQ_UNKNOWN);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new(&kb, &err) != PF_OK)
        return 1;
    static const struct pf_test_case cases[] = {
        PF_CASE(test_jd_reads_requirement_levels_from_headings_and_sentences),
        PF_CASE(test_jd_handles_empty_and_plain_text),
    };
    int rc = pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
    pf_kb_free(kb);
    return rc;
}
