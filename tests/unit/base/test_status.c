/* Tests for base/status.c: the table's expansions agree and errors carry detail. */
#include <string.h>

#include "base/status.h"
#include "harness.h"

static void test_status_table_maps_codes_and_http(void)
{
    PF_CHECK_STR_EQ(pf_status_code(PF_OK), "ok");
    PF_CHECK_INT_EQ(pf_status_http(PF_E_NOT_FOUND), 404);
    PF_CHECK_STR_EQ(pf_status_code(PF_E_PLAN_LIMIT), "plan_limit");
    PF_CHECK_INT_EQ(pf_status_http(PF_E_PLAN_LIMIT), 403);
    PF_CHECK_INT_EQ(pf_status_http(PF_E_VALIDATION), 422);
    PF_CHECK_INT_EQ(pf_status_http(PF_E_STORE), 503);
    PF_CHECK_STR_EQ(pf_status_code((pf_status)9999), "internal");
}

static void test_status_codes_are_unique_and_documented(void)
{
    for (int i = 0; i < PF_STATUS_COUNT_; i++) {
        PF_CHECK(pf_status_message((pf_status)i)[0] != '\0');
        PF_CHECK(pf_status_http((pf_status)i) >= 200 && pf_status_http((pf_status)i) < 600);
        for (int j = i + 1; j < PF_STATUS_COUNT_; j++)
            PF_CHECK(strcmp(pf_status_code((pf_status)i), pf_status_code((pf_status)j)) != 0);
    }
}

static void test_error_set_records_message_and_field(void)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STR_EQ(pf_error_message(&err), "success");
    PF_CHECK_STATUS(pf_error_set(&err, PF_E_INVALID, "bad %s", "thing"), PF_E_INVALID);
    PF_CHECK_STR_EQ(err.message, "bad thing");
    PF_CHECK_STATUS(pf_error_set_field(&err, PF_E_TOO_BIG, "limit_pages", "too many"),
                    PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(err.field, "limit_pages");
    pf_error_clear(&err);
    PF_CHECK_STATUS(err.status, PF_OK);
    PF_CHECK_STATUS(pf_error_set(NULL, PF_E_IO, "ignored"), PF_E_IO);
    pf_error_set(&err, PF_E_NOT_FOUND, NULL);
    PF_CHECK_STR_EQ(pf_error_message(&err), "no such resource");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_status_table_maps_codes_and_http),
        PF_CASE(test_status_codes_are_unique_and_documented),
        PF_CASE(test_error_set_records_message_and_field),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
