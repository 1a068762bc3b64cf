/* Rule family "shape". */
#include <stdio.h>

#include "gap_testlib.h"
#include "harness.h"

static void test_missing_sections(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general("{\"basics\":{\"name\":\"A\"}}", &opts);
    PF_CHECK(gap_test_find(r, "shape.missing_work", "") != NULL);
    PF_CHECK(gap_test_find(r, "shape.missing_education", "") != NULL);
    PF_CHECK(gap_test_find(r, "shape.missing_skills", "") != NULL);
    json_decref(r);
}

static void test_length_against_experience_and_old_detail(void)
{
    struct pf_gap_options opts = gap_test_options();
    char text[32768];
    size_t len = (size_t)snprintf(text, sizeof(text),
                                  "{\"work\":[{\"startDate\":\"2023-01\",\"highlights\":[");
    for (int i = 0; i < 70; i++)
        len += (size_t)snprintf(text + len, sizeof(text) - len,
                                "%s\"Shipped twenty features for the payments team in one "
                                "quarter, raising conversion by three percent\"",
                                i ? "," : "");
    snprintf(text + len, sizeof(text) - len,
             "]},{\"startDate\":\"2001-01\",\"endDate\":\"2005-01\",\"highlights\":[\"a b c d\","
             "\"e f g h\",\"i j k l\"]}]}");
    json_t *r = gap_test_general(text, &opts);
    PF_CHECK(gap_test_find(r, "shape.too_long", "") != NULL);
    PF_CHECK(gap_test_find(r, "shape.old_detail", "/work/1/highlights") != NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_missing_sections),
        PF_CASE(test_length_against_experience_and_old_detail),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
