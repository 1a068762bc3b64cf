/* The persona's skill profile: listed, evidenced, months of use, implications. */
#include "gap/gap_int.h"
#include "gap_testlib.h"
#include "harness.h"

static void test_profile_counts_listing_evidence_and_months(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *doc = json_pack(
        "{s:[{s:s,s:s,s:s,s:[s]},{s:s,s:s,s:s,s:[s]}],s:[{s:s,s:[s]}]}", "work", "name", "A",
        "startDate", "2020-01", "endDate", "2020-12", "highlights", "Python services",
        "name", "B", "startDate", "2022-01", "endDate", "2022-06", "highlights",
        "More Python and Snowflake", "skills", "name", "x", "keywords", "Python");
    struct gap_profile p;
    gap_profile_build(doc, &opts, 2025 * 12, &p);
    uint32_t python = PF_KB_NO_CONCEPT, sql = PF_KB_NO_CONCEPT, snowflake = PF_KB_NO_CONCEPT;
    PF_CHECK(pf_kb_lookup(opts.kb, PF_STR("Python"), &python));
    PF_CHECK(pf_kb_lookup(opts.kb, PF_STR("SQL"), &sql));
    PF_CHECK(pf_kb_lookup(opts.kb, PF_STR("Snowflake"), &snowflake));
    struct gap_skill *s = gap_profile_find(&p, python, NULL);
    PF_CHECK(s && s->listed && s->evidence_entries == 2);
    PF_CHECK(s && gap_skill_months(s) == 18);
    PF_CHECK(gap_concept_implies(opts.kb, snowflake, sql, 3));
    PF_CHECK(!gap_concept_implies(opts.kb, sql, snowflake, 3));
    PF_CHECK(gap_profile_find(&p, sql, NULL) == NULL);
    gap_profile_fini(&p);
    json_decref(doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_profile_counts_listing_evidence_and_months),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
