/* Rule family "contact". */
#include "gap_testlib.h"
#include "harness.h"

static void test_missing_contact_fields_point_at_basics(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general("{\"basics\":{\"name\":\"Ada\",\"email\":\"ada at example\"}}",
                                 &opts);
    PF_CHECK(gap_test_find(r, "contact.missing_phone", "/basics") != NULL);
    PF_CHECK(gap_test_find(r, "contact.invalid_email", "/basics/email") != NULL);
    PF_CHECK(gap_test_find(r, "contact.missing_location", "/basics") != NULL);
    PF_CHECK(gap_test_find(r, "contact.missing_profile", "/basics") != NULL);
    PF_CHECK(gap_test_find(r, "contact.missing_label", "/basics") != NULL);
    PF_CHECK(gap_test_find(r, "contact.missing_name", NULL) == NULL);
    json_decref(r);
    r = gap_test_general("{}", &opts);
    PF_CHECK(gap_test_find(r, "contact.missing_name", "") != NULL);
    PF_CHECK(gap_test_find(r, "contact.missing_email", "") != NULL);
    json_decref(r);
}

static void test_complete_basics_raise_nothing(void)
{
    struct pf_gap_options opts = gap_test_options();
    json_t *r = gap_test_general(
        "{\"basics\":{\"name\":\"Ada\",\"label\":\"Engineer\",\"email\":\"ada@example.com\","
        "\"phone\":\"+44 1\",\"url\":\"https://ada.example\",\"location\":{\"city\":\"Oslo\"}}}",
        &opts);
    PF_CHECK_INT_EQ(gap_test_count(r, "contact.missing_phone") +
                        gap_test_count(r, "contact.invalid_email") +
                        gap_test_count(r, "contact.missing_location") +
                        gap_test_count(r, "contact.missing_profile") +
                        gap_test_count(r, "contact.missing_label"),
                    0);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_missing_contact_fields_point_at_basics),
        PF_CASE(test_complete_basics_raise_nothing),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
