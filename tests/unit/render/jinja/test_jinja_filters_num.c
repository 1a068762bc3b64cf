/* Tests for jinja/jinja_filters_num.c: abs, round, int and float. */
#include "harness.h"
#include "jinja_test_util.h"

static void test_int_and_float_parse_like_python(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{{ ' 42 '|int }} {{ '1_000'|int }} {{ '2.9'|int }} {{ 'x'|int(7) }}", NULL),
        "42 1000 2 7");
    PF_CHECK_STR_EQ(jt_render("{{ '1e3'|float }} {{ '0x10'|float }} {{ 'inf'|float }}", NULL),
                    "1000.0 0.0 inf");
}

static void test_round_is_half_even_on_binary_values(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{{ 2.5|round }} {{ 2.675|round(2) }} {{ 1.5|round(0, 'floor') }}", NULL),
        "2.0 2.67 1.0");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_int_and_float_parse_like_python),
        PF_CASE(test_round_is_half_even_on_binary_values),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
