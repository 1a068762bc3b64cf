/* Tests for jinja/jinja_filters_seq.c: sequence and number filters. */
#include "harness.h"
#include "jinja_test_util.h"

static const char people[] = "{\"p\": [{\"n\": \"bo\", \"a\": 3, \"t\": \"x\"}, {\"n\": \"Al\", "
                             "\"a\": 1, \"t\": \"Y\"}, {\"n\": \"cy\", \"a\": 3, \"t\": \"y\"}]}";

static void test_sort_is_stable_and_case_insensitive(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ p|sort(attribute='a')|map(attribute='n')|join(',') }}", people),
                    "Al,bo,cy");
    PF_CHECK_STR_EQ(jt_render("{{ p|sort(attribute='n')|map(attribute='n')|join(',') }}", people),
                    "Al,bo,cy");
    PF_CHECK_STR_EQ(
        jt_render("{{ p|sort(attribute='a', reverse=true)|map(attribute='n')|join }}", people),
        "bocyAl");
}

static void test_groupby_and_unique(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{% for g, m in p|groupby('t') %}{{ g }}{{ m|length }} {% endfor %}", people),
        "x1 Y2 ");
    PF_CHECK_STR_EQ(jt_render("{{ ['a', 'A', 'b']|unique|list }}", NULL), "['a', 'b']");
}

static void test_select_map_and_aggregates(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ p|selectattr('a', 'gt', 2)|map(attribute='n')|join }}", people),
                    "bocy");
    PF_CHECK_STR_EQ(jt_render("{{ p|sum(attribute='a') }} {{ p|max(attribute='a')|attr('get') is "
                              "callable }} {{ [3, 1]|min }}",
                              people),
                    "7 True 1");
}

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

static void test_batch_and_dictsort(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ [1, 2, 3]|batch(2, 0)|list }}", NULL), "[[1, 2], [3, 0]]");
    PF_CHECK_STR_EQ(jt_render("{{ {'b': 1, 'a': 2}|dictsort(by='value') }}", NULL),
                    "[('b', 1), ('a', 2)]");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_sort_is_stable_and_case_insensitive),
        PF_CASE(test_groupby_and_unique),
        PF_CASE(test_select_map_and_aggregates),
        PF_CASE(test_int_and_float_parse_like_python),
        PF_CASE(test_round_is_half_even_on_binary_values),
        PF_CASE(test_batch_and_dictsort),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
