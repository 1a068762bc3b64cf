/* Rule family "dates" ("today" is 2025-06). */
#include "gap_testlib.h"
#include "harness.h"

static void test_formats_future_and_impossible_ranges(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general(
        "{\"work\":["
        "{\"name\":\"A\",\"startDate\":\"Jan 2020\"},"
        "{\"name\":\"B\",\"startDate\":\"2026-03\"},"
        "{\"name\":\"C\",\"startDate\":\"2019-05\",\"endDate\":\"2018-01\"},"
        "{\"name\":\"D\"}],"
        "\"education\":[{\"startDate\":\"2010\",\"endDate\":\"2014\"},"
        "{\"startDate\":\"2024-09\",\"endDate\":\"2026-06\"}]}",
        &opts);
    PF_CHECK(gap_test_find(r, "dates.non_iso", "/work/0/startDate") != NULL);
    PF_CHECK(gap_test_find(r, "dates.future", "/work/1/startDate") != NULL);
    PF_CHECK(gap_test_find(r, "dates.end_before_start", "/work/2/endDate") != NULL);
    PF_CHECK(gap_test_find(r, "dates.missing_start", "/work/3") != NULL);
    PF_CHECK(gap_test_find(r, "dates.inconsistent_precision", NULL) != NULL);
    /* An expected graduation date is not a typo. */
    PF_CHECK(gap_test_find(r, "dates.future", "/education/1/endDate") == NULL);
    json_decref(r);
}

static void test_gaps_and_overlaps(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general(
        "{\"work\":["
        "{\"name\":\"Now\",\"startDate\":\"2022-01\"},"
        "{\"name\":\"Side\",\"startDate\":\"2022-03\",\"endDate\":\"2023-01\"},"
        "{\"name\":\"Before\",\"startDate\":\"2018-01\",\"endDate\":\"2020-06\"},"
        "{\"name\":\"Earlier\",\"startDate\":\"2015-01\",\"endDate\":\"2016-12\"}],"
        "\"education\":[{\"startDate\":\"2017-01\",\"endDate\":\"2017-12\"}]}",
        &opts);
    /* 2020-07..2021-12 is an unexplained 18-month gap; 2017 is covered by education. */
    PF_CHECK(gap_test_find(r, "dates.gap", "/work/0/startDate") != NULL);
    PF_CHECK(gap_test_find(r, "dates.gap", "/work/2/startDate") == NULL);
    PF_CHECK(gap_test_find(r, "dates.overlap", "/work/1") != NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_formats_future_and_impossible_ranges),
        PF_CASE(test_gaps_and_overlaps),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
