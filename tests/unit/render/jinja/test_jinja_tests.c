/* Tests for jinja/jinja_tests.c: the `is` tests. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_type_tests(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ x is defined }}{{ y is undefined }}{{ n is none }}"
                              "{{ true is number }}{{ 's' is string }}{{ d is mapping }}",
                              "{\"x\": 1, \"n\": null, \"d\": {}}"),
                    "TrueTrueTrueTrueTrueTrue");
}

static void test_number_tests(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{{ 4 is even }}{{ 3 is odd }}{{ 9 is divisibleby 3 }}{{ 2 is gt 1 }}", NULL),
        "TrueTrueTrueTrue");
    PF_CHECK(strncmp(jt_render("{{ 'a' is even }}", NULL), "ERROR:", 6) == 0);
}

static void test_tests_in_select(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ [1, 2, 3, 4]|select('divisibleby', 2)|list }}", NULL), "[2, 4]");
    PF_CHECK_STR_EQ(jt_render("{{ ['a', 'B']|select('lower')|list }}", NULL), "['a']");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_type_tests),
        PF_CASE(test_number_tests),
        PF_CASE(test_tests_in_select),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
