/* Rule family "bullets". */
#include "gap_testlib.h"
#include "harness.h"

static const char persona[] =
    "{\"work\":[{\"name\":\"Acme\",\"position\":\"Engineer\",\"startDate\":\"2022-01\","
    "\"highlights\":["
    "\"Responsible for the billing service\","
    "\"Reduced cloud spend by 30% by rightsizing clusters\","
    "\"Improved onboarding for new engineers\","
    "\"I built the deployment pipeline that shipped 40 releases a month\","
    "\"The API was implemented using Go and cut latency 20%\","
    "\"Fixed bugs\","
    "\"Led the migration of 12 services to Kubernetes\","
    "\"Led the hiring of 5 engineers\","
    "\"Led the on-call rotation for 3 teams\","
    "\"Was promoted to senior engineer after 1 year\","
    "\"Reduced cloud spend by 30% by rightsizing clusters\"]},"
    "{\"name\":\"Beta\",\"position\":\"Dev\",\"startDate\":\"2019-01\",\"endDate\":\"2021-12\"}]}";

static void test_each_bullet_rule_fires_where_it_should(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general(persona, &opts);
    PF_CHECK(gap_test_find(r, "bullets.weak_verb", "/work/0/highlights/0") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.no_outcome", "/work/0/highlights/0") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.no_outcome", "/work/0/highlights/1") == NULL);
    PF_CHECK(gap_test_find(r, "bullets.no_number", "/work/0/highlights/1") == NULL);
    PF_CHECK(gap_test_find(r, "bullets.no_number", "/work/0/highlights/2") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.first_person", "/work/0/highlights/3") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.passive_voice", "/work/0/highlights/4") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.passive_voice", "/work/0/highlights/9") == NULL);
    PF_CHECK(gap_test_find(r, "bullets.too_short", "/work/0/highlights/5") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.repeated_verb", "/work/0/highlights/8") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.repeated_verb", "/work/0/highlights/7") == NULL);
    PF_CHECK(gap_test_find(r, "bullets.too_many", "/work/0/highlights") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.duplicate", "/work/0/highlights/10") != NULL);
    PF_CHECK(gap_test_find(r, "bullets.missing", "/work/1") != NULL);
    json_decref(r);
}

static void test_a_long_bullet_is_flagged(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general(
        "{\"work\":[{\"highlights\":[\"Designed and built and operated and documented and "
        "tested and monitored and scaled and secured and refactored and migrated the whole "
        "platform of the company for all of the teams across every one of the regions in "
        "which it operated, cutting costs 10%\"]}]}",
        &opts);
    PF_CHECK(gap_test_find(r, "bullets.too_long", "/work/0/highlights/0") != NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_each_bullet_rule_fires_where_it_should),
        PF_CASE(test_a_long_bullet_is_flagged),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
