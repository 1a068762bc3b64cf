/* Rule family "skills". */
#include "gap_testlib.h"
#include "harness.h"

static void test_evidence_staleness_duplicates_and_unlisted(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general(
        "{\"work\":["
        "{\"name\":\"A\",\"startDate\":\"2021-01\",\"highlights\":[\"Built dbt models on "
        "Snowflake\",\"Deployed services with Docker\"]},"
        "{\"name\":\"B\",\"startDate\":\"2010-01\",\"endDate\":\"2014-12\",\"highlights\":"
        "[\"Wrote Perl scripts\"]}],"
        "\"skills\":[{\"name\":\"Data\",\"keywords\":[\"dbt\",\"Snowflake\",\"SQL\",\"Rust\","
        "\"Perl\",\"Postgres\",\"PostgreSQL\"]}]}",
        &opts);
    PF_CHECK(gap_test_find(r, "skills.not_evidenced", "/skills/0/keywords/3") != NULL);
    /* SQL is implied by Snowflake work. */
    PF_CHECK(gap_test_find(r, "skills.not_evidenced", "/skills/0/keywords/2") == NULL);
    PF_CHECK(gap_test_find(r, "skills.not_evidenced", "/skills/0/keywords/0") == NULL);
    PF_CHECK(gap_test_find(r, "skills.stale", "/skills/0/keywords/4") != NULL);
    PF_CHECK(gap_test_find(r, "skills.duplicate", "/skills/0/keywords/6") != NULL);
    PF_CHECK(gap_test_find(r, "skills.unlisted", "/skills") != NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_evidence_staleness_duplicates_and_unlisted),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
