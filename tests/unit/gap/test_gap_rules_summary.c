/* Rule family "summary". */
#include <stdio.h>

#include "gap_testlib.h"
#include "harness.h"

static void test_summary_presence_and_length(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general("{\"basics\":{\"name\":\"A\"}}", &opts);
    PF_CHECK(gap_test_find(r, "summary.missing", "/basics") != NULL);
    json_decref(r);
    r = gap_test_general("{\"basics\":{\"summary\":\"Team player. Data engineer.\"}}", &opts);
    PF_CHECK(gap_test_find(r, "summary.too_short", "/basics/summary") != NULL);
    PF_CHECK(gap_test_find(r, "summary.cliche", "/basics/summary") != NULL);
    PF_CHECK(gap_test_find(r, "summary.missing", NULL) == NULL);
    json_decref(r);
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof(text), "{\"basics\":{\"summary\":\"");
    for (int i = 0; i < 130; i++)
        len += (size_t)snprintf(text + len, sizeof(text) - len, "word ");
    snprintf(text + len, sizeof(text) - len, "\"}}");
    r = gap_test_general(text, &opts);
    PF_CHECK(gap_test_find(r, "summary.too_long", "/basics/summary") != NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_summary_presence_and_length),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
